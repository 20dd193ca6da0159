"""Button presses that open a screen: one handler per kind of button. What a press counts in
the statistics is said next to the screen it opens."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from ..callbacks import (
    Feedback,
    Go,
    OpenContact,
    OpenRegion,
    OpenSection,
    OpenSources,
    OpenTopic,
    Place,
    SelfCheckStep,
    TopicContacts,
)
from ..content_store import ContentStore
from ..i18n import Translator
from ..screens import Screens
from ..stats import Event, StatsStore
from ..views import Screen
from .reply import replace


async def show(
    query: CallbackQuery,
    screen: Screen | None,
    callback_answer: CallbackAnswer,
    tr: Translator,
    screens: Screens,
    lang: str,
) -> bool:
    """Show the screen; a button from content that has since changed says so and goes home.
    True if the screen asked for was shown (and so may be counted)."""
    if screen is None:
        callback_answer.text = tr.gettext("This button is out of date. Here is the main menu.")
        await replace(query, screens.home(lang))
        return False
    await replace(query, screen)
    return True


async def home(query: CallbackQuery, lang: str, screens: Screens) -> None:
    await replace(query, screens.home(lang))


async def help_contacts(query: CallbackQuery, lang: str, screens: Screens) -> None:
    await replace(query, screens.help_contacts(lang))


async def regions(query: CallbackQuery, lang: str, screens: Screens) -> None:
    await replace(query, screens.regions(lang))


async def open_topic(
    query: CallbackQuery,
    callback_data: OpenTopic,
    callback_answer: CallbackAnswer,
    lang: str,
    tr: Translator,
    screens: Screens,
    stats: StatsStore,
) -> None:
    screen = screens.topic(lang, callback_data.topic)
    if await show(query, screen, callback_answer, tr, screens, lang):
        stats.record(Event.TOPIC, callback_data.topic, lang)


async def open_section(
    query: CallbackQuery,
    callback_data: OpenSection,
    callback_answer: CallbackAnswer,
    lang: str,
    tr: Translator,
    screens: Screens,
    stats: StatsStore,
) -> None:
    screen = screens.section(lang, callback_data.topic, callback_data.section)
    if await show(query, screen, callback_answer, tr, screens, lang):
        stats.record(Event.SECTION, f"{callback_data.topic}/{callback_data.section}", lang)


async def open_sources(
    query: CallbackQuery,
    callback_data: OpenSources,
    callback_answer: CallbackAnswer,
    lang: str,
    tr: Translator,
    screens: Screens,
    stats: StatsStore,
) -> None:
    screen = screens.sources(lang, callback_data.topic, callback_data.section)
    if await show(query, screen, callback_answer, tr, screens, lang):
        stats.record(Event.SOURCES, f"{callback_data.topic}/{callback_data.section}", lang)


async def topic_contacts(
    query: CallbackQuery,
    callback_data: TopicContacts,
    callback_answer: CallbackAnswer,
    lang: str,
    tr: Translator,
    screens: Screens,
) -> None:
    screen = screens.topic_contacts(lang, callback_data.topic)
    await show(query, screen, callback_answer, tr, screens, lang)


async def open_contact(
    query: CallbackQuery,
    callback_data: OpenContact,
    callback_answer: CallbackAnswer,
    lang: str,
    tr: Translator,
    screens: Screens,
    stats: StatsStore,
) -> None:
    screen = screens.contact(lang, callback_data.contact, callback_data.topic)
    if await show(query, screen, callback_answer, tr, screens, lang):
        stats.record(Event.CONTACT, callback_data.contact, lang)


async def open_region(
    query: CallbackQuery,
    callback_data: OpenRegion,
    callback_answer: CallbackAnswer,
    lang: str,
    tr: Translator,
    screens: Screens,
    stats: StatsStore,
) -> None:
    screen = screens.region(lang, callback_data.region)
    if await show(query, screen, callback_answer, tr, screens, lang):
        stats.record(Event.REGION, callback_data.region, lang)


async def selfcheck(
    query: CallbackQuery,
    callback_data: SelfCheckStep,
    callback_answer: CallbackAnswer,
    lang: str,
    tr: Translator,
    screens: Screens,
    stats: StatsStore,
    content: ContentStore,
) -> None:
    answers = callback_data.answers
    screen = screens.selfcheck(lang, answers)
    shown = await show(query, screen, callback_answer, tr, screens, lang)
    questions = content.catalog.pack(lang).safety.selfcheck.questions
    if shown and len(answers) == len(questions):
        stats.record(Event.SELFCHECK, "", lang)  # completed; never the answers


async def feedback(
    query: CallbackQuery,
    callback_data: Feedback,
    callback_answer: CallbackAnswer,
    lang: str,
    tr: Translator,
    screens: Screens,
    stats: StatsStore,
    content: ContentStore,
) -> None:
    if callback_data.topic not in content.catalog.pack(lang).topics:
        await show(query, None, callback_answer, tr, screens, lang)
        return
    answer = "yes" if callback_data.helpful else "no"
    stats.record(Event.HELPFUL, f"{callback_data.topic}:{answer}", lang)
    callback_answer.text = tr.gettext("Thank you! This helps us improve the answers.")


def create_router() -> Router:
    router = Router(name="navigation")
    register = router.callback_query.register
    register(home, Go.filter(F.to == Place.HOME))
    register(help_contacts, Go.filter(F.to == Place.HELP))
    register(regions, Go.filter(F.to == Place.REGIONS))
    register(open_topic, OpenTopic.filter())
    register(open_section, OpenSection.filter())
    register(open_sources, OpenSources.filter())
    register(topic_contacts, TopicContacts.filter())
    register(open_contact, OpenContact.filter())
    register(open_region, OpenRegion.filter())
    register(selfcheck, SelfCheckStep.filter())
    register(feedback, Feedback.filter())
    return router
