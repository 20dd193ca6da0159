"""Every filter the routers use, in one place.

All are coroutines: aiogram runs a synchronous filter, magic F filters included, in a worker
thread (asyncio.to_thread), and these checks are cheaper than that hop.
"""

from __future__ import annotations

from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message

GROUP_CHATS = frozenset({ChatType.GROUP, ChatType.SUPERGROUP})


class InChat(Filter):
    """A message, or the message a button was pressed on, in one of these kinds of chat."""

    def __init__(self, *kinds: str) -> None:
        self.kinds = frozenset(kinds)

    async def __call__(self, event: Message | CallbackQuery) -> bool:
        message = event.message if isinstance(event, CallbackQuery) else event
        return message is not None and message.chat.type in self.kinds


in_private_chat = InChat(ChatType.PRIVATE)
in_group_chat = InChat(*GROUP_CHATS)


async def is_command(message: Message) -> bool:
    return (message.text or "").startswith("/")


async def is_free_text(message: Message) -> bool:
    return bool(message.text) and not (message.text or "").startswith("/")


async def is_admin(message: Message, admin_ids: frozenset[int]) -> bool:
    return message.from_user is not None and message.from_user.id in admin_ids


async def has_danger_words(message: Message, danger_lang: str | None) -> bool:
    """Matched once per message, in the context middleware; the handler gets the language."""
    return danger_lang is not None


async def no_language(event: Message | CallbackQuery, lang: str | None) -> bool:
    """Before anyone has chosen a language (and Telegram did not tell us one)."""
    return lang is None
