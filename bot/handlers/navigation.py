"""Button presses that move between screens: topics, sections, contacts, language."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from .. import views
from ..callbacks import Nav, To
from ..content import Catalog, LanguagePack
from ..content_store import ContentStore
from ..i18n import Translator
from ..stats import Event, StatsStore
from ..stats.events import Route
from .screens import replace


def _screen(
    data: Nav,
    lang: str | None,
    tr: Translator,
    catalog: Catalog,
    pack: LanguagePack,
    translators: dict[str, Translator],
) -> views.Screen | None:
    if lang is None or data.to is To.LANGUAGES:
        return views.language_picker(translators, catalog, translators[lang] if lang else None)
    if data.to is To.HOME:
        return views.home(tr, catalog, pack)
    if data.to is To.SOS:
        return views.emergency(tr, catalog, pack)
    if data.to is To.QUIZ:
        return views.selfcheck(tr, catalog, pack, data.item)
    if data.to is To.HELP:
        return views.help_contacts(tr, catalog, pack)
    if data.to is To.REGIONS:
        return views.regions(tr, catalog, pack)
    if data.to is To.REGION:
        return views.region(tr, catalog, pack, data.item)
    if data.to is To.CONTACT:
        if data.topic and data.topic not in pack.topics:
            return None
        return views.contact_card(tr, catalog, pack, data.item, data.topic)
    topic = pack.topics.get(data.topic)
    if topic is None:
        return None
    if data.to is To.TOPIC:
        return views.topic(tr, topic)
    if data.to is To.TOPIC_CONTACTS:
        return views.topic_contacts(tr, catalog, pack, topic)
    return views.section(tr, topic, data.item)


def _count(stats: StatsStore, data: Nav, lang: str | None, pack: LanguagePack) -> None:
    """What this press tells the organisation, as an aggregate counter and nothing more."""
    if data.to is To.TOPIC:
        stats.record(Event.TOPIC, data.topic, lang)
    elif data.to is To.SECTION:
        stats.record(Event.SECTION, f"{data.topic}/{data.item}", lang)
    elif data.to is To.CONTACT:
        stats.record(Event.CONTACT, data.item, lang)
    elif data.to is To.REGION:
        stats.record(Event.REGION, data.item, lang)
    elif data.to is To.SOS:
        stats.record(Event.EMERGENCY, Route.BUTTON, lang)
    elif data.to is To.QUIZ and len(data.item) == len(pack.safety.selfcheck.questions):
        stats.record(Event.SELFCHECK, "", lang)


async def navigate(
    query: CallbackQuery,
    callback_data: Nav,
    callback_answer: CallbackAnswer,
    lang: str | None,
    tr: Translator,
    catalog: Catalog,
    pack: LanguagePack,
    translators: dict[str, Translator],
    stats: StatsStore,
    content: ContentStore,
) -> None:
    feedback = callback_data.to is To.HELPFUL and callback_data.item in ("yes", "no")
    if feedback and callback_data.topic in pack.topics:
        stats.record(Event.HELPFUL, f"{callback_data.topic}:{callback_data.item}", lang)
        callback_answer.text = tr.gettext("Thank you! This helps us improve the answers.")
        return
    screen = content.cached(
        (id(catalog), lang, callback_data.pack()),
        lambda: _screen(callback_data, lang, tr, catalog, pack, translators),
    )
    if screen is not None and lang is not None:
        _count(stats, callback_data, lang, pack)
    if screen is None:
        # A button from content that has since changed: say so and go home.
        callback_answer.text = tr.gettext("This button is out of date. Here is the main menu.")
        screen = views.home(tr, catalog, pack)
    await replace(query, screen)


def create_router() -> Router:
    router = Router(name="navigation")
    router.callback_query.register(navigate, Nav.filter())
    return router
