"""Showing a screen: a new message for commands, an edit in place for button presses; and the
screens many handlers show, each built once per content version and language."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import cast

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message

from .. import views
from ..content import Catalog, LanguagePack
from ..content_store import ContentStore
from ..i18n import Translator
from ..views import Screen

log = logging.getLogger(__name__)


async def send(message: Message, screen: Screen) -> None:
    await message.answer(screen.text, reply_markup=screen.markup)


async def replace(query: CallbackQuery, screen: Screen) -> None:
    """Edit the pressed message; if Telegram will not, send the screen as a new message."""
    message = query.message
    if isinstance(message, Message):
        try:
            await message.edit_text(screen.text, reply_markup=screen.markup)
            return
        except TelegramBadRequest as exc:
            if "message is not modified" in exc.message:
                return  # the user pressed the button of the screen already shown
            log.info("edit refused (%s); sending a new message", type(exc).__name__)
    if query.from_user is not None and query.bot is not None:
        await query.bot.send_message(query.from_user.id, screen.text, reply_markup=screen.markup)


def home(content: ContentStore, translators: dict[str, Translator], lang: str) -> Screen:
    return _per_language(views.home, content, translators, lang)


def emergency(content: ContentStore, translators: dict[str, Translator], lang: str) -> Screen:
    return _per_language(views.emergency, content, translators, lang)


def languages(
    content: ContentStore, translators: dict[str, Translator], lang: str | None
) -> Screen:
    """The language picker; with a way home once a language is known."""
    catalog = content.catalog
    return _cached(
        content, (id(catalog), lang, "languages"),
        lambda: views.language_picker(translators, catalog, translators[lang] if lang else None),
    )  # fmt: skip


def _per_language(
    view: Callable[[Translator, Catalog, LanguagePack], Screen],
    content: ContentStore,
    translators: dict[str, Translator],
    lang: str,
) -> Screen:
    catalog = content.catalog
    return _cached(
        content, (id(catalog), lang, view.__name__),
        lambda: view(translators[lang], catalog, catalog.pack(lang)),
    )  # fmt: skip


def _cached(content: ContentStore, key: tuple[object, ...], build: Callable[[], Screen]) -> Screen:
    return cast(Screen, content.cached(key, build))  # these builders never return None
