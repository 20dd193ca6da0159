"""/start, /language and the language buttons."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, Message

from ..callbacks import SetLanguage
from ..content import LANGUAGES
from ..content_store import ContentStore
from ..i18n import Translator
from ..memory import LanguageStore
from ..stats import Event, StatsStore
from ..stats.events import Route
from . import screens
from .screens import replace, send


async def start(
    message: Message,
    lang: str | None,
    translators: dict[str, Translator],
    stats: StatsStore,
    content: ContentStore,
) -> None:
    stats.record(Event.STARTED, "", lang)
    if lang is None:
        await send(message, screens.languages(content, translators, None))
    else:
        await send(message, screens.home(content, translators, lang))


async def emergency(
    message: Message,
    lang: str | None,
    translators: dict[str, Translator],
    stats: StatsStore,
    content: ContentStore,
) -> None:
    """/sos and /help: the emergency card; before a language is known, the picker shows 112."""
    if lang is None:
        await send(message, screens.languages(content, translators, None))
    else:
        stats.record(Event.EMERGENCY, Route.COMMAND, lang)
        await send(message, screens.emergency(content, translators, lang))


async def choose_language(
    message: Message,
    lang: str | None,
    translators: dict[str, Translator],
    content: ContentStore,
) -> None:
    await send(message, screens.languages(content, translators, lang))


async def set_language(
    query: CallbackQuery,
    callback_data: SetLanguage,
    memory: LanguageStore,
    translators: dict[str, Translator],
    stats: StatsStore,
    content: ContentStore,
) -> None:
    code = callback_data.code
    await memory.set(query.from_user.id, code)
    stats.record(Event.LANGUAGE, code, code)
    await replace(query, screens.home(content, translators, code))


def create_router() -> Router:
    router = Router(name="start")
    router.message.register(start, CommandStart())
    router.message.register(emergency, Command("sos", "help"))
    router.message.register(choose_language, Command("language", "lang"))
    router.callback_query.register(set_language, SetLanguage.filter(F.code.in_(LANGUAGES)))
    return router
