"""Choosing the language, and the gate: until a language is known, every other update is
answered with the picker here, so the handlers after the gate always have `lang: str`."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, Message

from ..callbacks import Go, Place, SetLanguage
from ..content import LANGUAGES
from ..filters import no_language
from ..memory import LanguageStore
from ..middlewares.flood import URGENT
from ..screens import Screens
from ..stats import Event, StatsStore
from .reply import replace, send


async def choose_language(message: Message, lang: str | None, screens: Screens) -> None:
    await send(message, screens.languages(lang))


async def language_button(query: CallbackQuery, lang: str | None, screens: Screens) -> None:
    await replace(query, screens.languages(lang))


async def set_language(
    query: CallbackQuery,
    callback_data: SetLanguage,
    memory: LanguageStore,
    stats: StatsStore,
    screens: Screens,
) -> None:
    code = callback_data.code
    await memory.set(query.from_user.id, code)
    stats.record(Event.LANGUAGE, code, code)
    await replace(query, screens.home(code))


async def start_without_language(message: Message, stats: StatsStore, screens: Screens) -> None:
    stats.record(Event.STARTED, "", None)
    await send(message, screens.languages(None))


async def message_without_language(message: Message, screens: Screens) -> None:
    """The picker speaks all three languages and shows 112, so it also serves /sos."""
    await send(message, screens.languages(None))


async def button_without_language(query: CallbackQuery, screens: Screens) -> None:
    await replace(query, screens.languages(None))


def create_router() -> Router:
    router = Router(name="language")
    router.message.register(choose_language, Command("language", "lang"))
    router.callback_query.register(language_button, Go.filter(F.to == Place.LANGUAGES))
    router.callback_query.register(set_language, SetLanguage.filter(F.code.in_(LANGUAGES)))
    return router


def create_gate() -> Router:
    gate = Router(name="language_gate")
    gate.message.register(start_without_language, no_language, CommandStart())
    gate.message.register(
        message_without_language, no_language, Command("sos", "help"), flags=URGENT
    )
    gate.message.register(message_without_language, no_language)
    gate.callback_query.register(button_without_language, no_language)
    return gate
