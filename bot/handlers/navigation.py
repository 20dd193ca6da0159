"""Button presses that move between screens: topics, sections, contacts, language."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from .. import views
from ..callbacks import Nav, To
from ..content import Catalog, LanguagePack
from ..i18n import Translator
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


async def navigate(
    query: CallbackQuery,
    callback_data: Nav,
    callback_answer: CallbackAnswer,
    lang: str | None,
    tr: Translator,
    catalog: Catalog,
    pack: LanguagePack,
    translators: dict[str, Translator],
) -> None:
    screen = _screen(callback_data, lang, tr, catalog, pack, translators)
    if screen is None:
        # A button from content that has since changed: say so and go home.
        callback_answer.text = tr.gettext("This button is out of date. Here is the main menu.")
        screen = views.home(tr, catalog, pack)
    await replace(query, screen)


def create_router() -> Router:
    router = Router(name="navigation")
    router.callback_query.register(navigate, Nav.filter())
    return router
