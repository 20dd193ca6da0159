"""Survivor safety: danger words first, quick exit that erases the chat, forgetting on request.
All of it is urgent: flood control never holds it back."""

from __future__ import annotations

import contextlib
import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from ..callbacks import Go, Place
from ..content_store import ContentStore
from ..conversation import MessageStore
from ..filters import has_danger_words
from ..memory import LanguageStore
from ..middlewares.flood import URGENT
from ..screens import Screens
from ..stats import Event, StatsStore
from ..stats.events import Route
from .reply import send
from .search import MAX_QUERY

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


async def exit_now(
    event: Message | CallbackQuery,
    bot: Bot,
    lang: str | None,
    content: ContentStore,
    conversation: MessageStore,
    stats: StatsStore,
) -> None:
    """/exit and the Quick exit button: erase, then leave one harmless message."""
    stats.record(Event.QUICK_EXIT, "", lang)
    message = event if isinstance(event, Message) else event.message
    if message is None:
        return
    try:
        await erase(bot, message.chat.id, conversation)
    finally:
        # Always leave the harmless message, even if Telegram refused some deletions.
        exit_message = content.catalog.pack(lang or "en").safety.exit_message
        await bot.send_message(message.chat.id, exit_message, reply_markup=None)


async def forget(
    message: Message,
    lang: str | None,
    content: ContentStore,
    memory: LanguageStore,
    conversation: MessageStore,
) -> None:
    """Say so in the user's language first, then forget everything, that reply included."""
    try:
        await message.answer(content.catalog.pack(lang or "en").safety.forget_done)
    except TelegramAPIError as exc:
        log.info("forget reply failed: %s", type(exc).__name__)
    if message.from_user is not None:
        await memory.forget(message.from_user.id)
    await conversation.forget(message.chat.id)


async def danger_words(
    message: Message,
    lang: str | None,
    danger_lang: str,
    stats: StatsStore,
    screens: Screens,
    content: ContentStore,
) -> None:
    """The emergency card before anything else, in the user's language or else in the
    language of the words that matched; then, if the message also names a topic (police
    violence, a stalker), that topic and its sections right after it."""
    shown = lang or danger_lang
    stats.record(Event.EMERGENCY, Route.DANGER_WORDS, shown)
    await send(message, screens.emergency(shown))
    hits = content.search.search((message.text or message.caption or "")[:MAX_QUERY], shown)
    if hits:
        stats.record(Event.SEARCH, hits[0].topic, shown)
        await send(message, screens.search(shown, hits))


def create_router() -> Router:
    router = Router(name="safety")
    router.message.register(exit_now, Command("exit"), flags=URGENT)
    router.message.register(forget, Command("forget"), flags=URGENT)
    router.callback_query.register(exit_now, Go.filter(F.to == Place.EXIT), flags=URGENT)
    router.message.register(danger_words, has_danger_words, flags=URGENT)
    return router
