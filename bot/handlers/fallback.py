"""Everything the bot does not understand gets a short answer with a way home and help."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from .. import views
from ..content import Catalog, LanguagePack
from ..content_store import ContentStore
from ..i18n import Translator
from . import screens
from .screens import replace, send


async def unknown_message(
    message: Message,
    lang: str | None,
    tr: Translator,
    catalog: Catalog,
    pack: LanguagePack,
    translators: dict[str, Translator],
    content: ContentStore,
) -> None:
    if lang is None:
        await send(message, screens.languages(content, translators, None))
    else:
        await send(message, views.fallback(tr, catalog, pack))


async def unknown_button(
    query: CallbackQuery,
    callback_answer: CallbackAnswer,
    lang: str | None,
    tr: Translator,
    translators: dict[str, Translator],
    content: ContentStore,
) -> None:
    """Forged, stale or foreign callback data: answer it, then show a screen that works."""
    callback_answer.text = tr.gettext("This button is out of date. Here is the main menu.")
    if lang is None:
        await replace(query, screens.languages(content, translators, None))
    else:
        await replace(query, screens.home(content, translators, lang))


def create_router() -> Router:
    router = Router(name="fallback")
    router.message.register(unknown_message)
    router.callback_query.register(unknown_button)
    return router
