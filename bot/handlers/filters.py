"""Filters as coroutines. aiogram runs a synchronous filter, magic F filters included, in a
worker thread (asyncio.to_thread); these checks are cheaper than that hop, so they are async."""

from __future__ import annotations

from aiogram.enums import ChatType
from aiogram.types import CallbackQuery, Message

GROUP_CHATS = frozenset({ChatType.GROUP, ChatType.SUPERGROUP})


async def in_private_chat(message: Message) -> bool:
    return message.chat.type == ChatType.PRIVATE


async def pressed_in_private_chat(query: CallbackQuery) -> bool:
    return query.message is not None and query.message.chat.type == ChatType.PRIVATE


async def in_group_chat(message: Message) -> bool:
    return message.chat.type in GROUP_CHATS


async def pressed_in_group_chat(query: CallbackQuery) -> bool:
    return query.message is not None and query.message.chat.type in GROUP_CHATS


async def is_command(message: Message) -> bool:
    return bool(message.text) and message.text.startswith("/")


async def is_free_text(message: Message) -> bool:
    return bool(message.text) and not message.text.startswith("/")
