"""Survivor safety: danger words first, quick exit that erases the chat, forgetting on request."""

from __future__ import annotations

import contextlib
import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from ..callbacks import Nav, To
from ..content import LanguagePack
from ..content_store import ContentStore
from ..conversation import MessageStore
from ..i18n import Translator
from ..memory import LanguageStore
from ..stats import Event, StatsStore
from ..stats.events import Route
from . import screens
from .screens import send

log = logging.getLogger(__name__)
BATCH = 100  # deleteMessages takes at most 100 ids


async def erase(bot: Bot, chat_id: int, conversation: MessageStore) -> None:
    """Delete every tracked message of the chat; messages already gone are skipped."""
    ids = await conversation.take(chat_id)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        try:
            await bot.delete_messages(chat_id, chunk)
        except TelegramBadRequest:
            # One by one, so a single undeletable message does not keep the rest.
            for message_id in chunk:
                with contextlib.suppress(TelegramBadRequest):
                    await bot.delete_message(chat_id, message_id)


async def quick_exit(
    chat_id: int, bot: Bot, pack: LanguagePack, conversation: MessageStore
) -> None:
    try:
        await erase(bot, chat_id, conversation)
    finally:
        # Always leave the harmless message, even if Telegram refused some deletions.
        await bot.send_message(chat_id, pack.safety.exit_message, reply_markup=None)


async def exit_now(
    event: Message | CallbackQuery,
    bot: Bot,
    lang: str | None,
    pack: LanguagePack,
    conversation: MessageStore,
    stats: StatsStore,
) -> None:
    """/exit and the Quick exit button."""
    stats.record(Event.QUICK_EXIT, "", lang)
    message = event if isinstance(event, Message) else event.message
    if message is not None:
        await quick_exit(message.chat.id, bot, pack, conversation)


async def forget(
    message: Message,
    tr: Translator,
    pack: LanguagePack,
    memory: LanguageStore,
    conversation: MessageStore,
) -> None:
    """Say so in the user's language first, then forget everything, that reply included."""
    try:
        await message.answer(pack.safety.forget_done)
    except TelegramAPIError as exc:
        log.info("forget reply failed: %s", type(exc).__name__)
    if message.from_user is not None:
        await memory.forget(message.from_user.id)
    await conversation.forget(message.chat.id)


async def danger_words(
    message: Message,
    lang: str | None,
    translators: dict[str, Translator],
    danger_lang: str,
    stats: StatsStore,
    content: ContentStore,
) -> None:
    """The emergency card before anything else; in the user's language, or else in the
    language of the words that matched."""
    shown = lang or danger_lang
    stats.record(Event.EMERGENCY, Route.DANGER_WORDS, shown)
    await send(message, screens.emergency(content, translators, shown))


def create_router() -> Router:
    router = Router(name="safety")
    router.message.register(exit_now, Command("exit"))
    router.message.register(forget, Command("forget"))
    router.callback_query.register(exit_now, Nav.filter(F.to == To.EXIT))

    async def is_danger(message: Message, danger_lang: str | None) -> bool:
        return danger_lang is not None  # matched once, in the context middleware

    router.message.register(danger_words, is_danger)
    return router
