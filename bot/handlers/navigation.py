"""Button presses that open a screen: one handler per kind of button. What a press counts in
the statistics is said next to the screen it opens."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
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


Open = Callable[[Screens, str, Any], "Screen | None"]
Count = Callable[[Any], str]


def opener(
    build: Open, event: Event | None = None, key: Count | None = None
) -> Callable[..., Awaitable[None]]:
    """A handler that shows the screen `build` makes for the pressed button and, if it was
    shown, counts `event` with `key` (never anything about the person)."""

    async def handler(
        query: CallbackQuery,
        callback_data: CallbackData,
        callback_answer: CallbackAnswer,
        lang: str,
        tr: Translator,
        screens: Screens,
        stats: StatsStore,
    ) -> None:
        screen = build(screens, lang, callback_data)
        if await show(query, screen, callback_answer, tr, screens, lang) and event is not None:
            stats.record(event, key(callback_data) if key else "", lang)

    return handler


# What each kind of button opens, and what opening it counts.
OPENERS: tuple[tuple[type[CallbackData], Open, Event | None, Count | None], ...] = (
    (
        OpenTopic,
        lambda screens, lang, data: screens.topic(lang, data.topic),
        Event.TOPIC,
        lambda data: data.topic,
    ),
    (
        OpenSection,
        lambda screens, lang, data: screens.section(lang, data.topic, data.section),
        Event.SECTION,
        lambda data: f"{data.topic}/{data.section}",
    ),
    (
        OpenSources,
        lambda screens, lang, data: screens.sources(lang, data.topic, data.section),
        Event.SOURCES,
        lambda data: f"{data.topic}/{data.section}",
    ),
    (
        TopicContacts,
        lambda screens, lang, data: screens.topic_contacts(lang, data.topic),
        None,
        None,
    ),
    (
        OpenContact,
        lambda screens, lang, data: screens.contact(lang, data.contact, data.topic),
        Event.CONTACT,
        lambda data: data.contact,
    ),
    (
        OpenRegion,
        lambda screens, lang, data: screens.region(lang, data.region),
        Event.REGION,
        lambda data: data.region,
    ),
)


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
    for kind, build, event, key in OPENERS:
        register(opener(build, event, key), kind.filter())
    register(selfcheck, SelfCheckStep.filter())
    register(feedback, Feedback.filter())
    return router
