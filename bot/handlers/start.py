"""/start, /language and the language buttons."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, Message

from .. import views
from ..callbacks import SetLanguage
from ..content import LANGUAGES, Catalog
from ..content_store import ContentStore
from ..i18n import Translator
from ..memory import LanguageStore
from ..stats import Event, StatsStore
from ..stats.events import Route
from .screens import replace, send


async def start(
    message: Message,
    lang: str | None,
    tr: Translator,
    catalog: Catalog,
    translators: dict[str, Translator],
    stats: StatsStore,
    content: ContentStore,
) -> None:
    stats.record(Event.STARTED, "", lang)
    if lang is None:
        await send(message, views.language_picker(translators, catalog, None))
    else:
        home = content.cached(
            (id(catalog), lang, "home"), lambda: views.home(tr, catalog, catalog.pack(lang))
        )
        await send(message, home)


async def emergency(
    message: Message,
    lang: str | None,
    tr: Translator,
    catalog: Catalog,
    translators: dict[str, Translator],
    stats: StatsStore,
    content: ContentStore,
) -> None:
    """/sos and /help: the emergency card; before a language is known, the picker shows 112."""
    if lang is None:
        await send(message, views.language_picker(translators, catalog, None))
    else:
        stats.record(Event.EMERGENCY, Route.COMMAND, lang)
        card = content.cached(
            (id(catalog), lang, "sos"), lambda: views.emergency(tr, catalog, catalog.pack(lang))
        )
        await send(message, card)


async def choose_language(
    message: Message, lang: str | None, catalog: Catalog, translators: dict[str, Translator]
) -> None:
    current = translators[lang] if lang else None
    await send(message, views.language_picker(translators, catalog, current))


async def set_language(
    query: CallbackQuery,
    callback_data: SetLanguage,
    catalog: Catalog,
    memory: LanguageStore,
    translators: dict[str, Translator],
    stats: StatsStore,
) -> None:
    code = callback_data.code
    await memory.set(query.from_user.id, code)
    stats.record(Event.LANGUAGE, code, code)
    await replace(query, views.home(translators[code], catalog, catalog.pack(code)))


def create_router() -> Router:
    router = Router(name="start")
    router.message.register(start, CommandStart())
    router.message.register(emergency, Command("sos", "help"))
    router.message.register(choose_language, Command("language", "lang"))
    router.callback_query.register(set_language, SetLanguage.filter(F.code.in_(LANGUAGES)))
    return router
