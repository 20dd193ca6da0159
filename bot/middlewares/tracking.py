"""Records the ids of a private conversation's messages, so a quick exit can delete them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, cast

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.enums import ChatType
from aiogram.methods import Response, SendMessage, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Message, TelegramObject

from ..conversation import MessageStore


class TrackIncoming(BaseMiddleware):
    """The user's own messages in a private chat."""

    def __init__(self, log: MessageStore) -> None:
        self._log = log

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Message) and event.chat.type == ChatType.PRIVATE:
            await self._log.add(event.chat.id, event.message_id)
        return await handler(event, data)


class TrackSent(BaseRequestMiddleware):
    """Every message the bot sends, whichever handler sent it."""

    def __init__(self, log: MessageStore) -> None:
        self.log = log

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        # aiogram's protocol says Response, but the session hands back the method's result.
        result: Any = await make_request(bot, method)
        if (
            isinstance(method, SendMessage)
            and isinstance(result, Message)
            and result.chat.type == ChatType.PRIVATE
        ):
            await self.log.add(result.chat.id, result.message_id)
        return cast(Response[TelegramType], result)


def track_bot(bot: Bot, log: MessageStore) -> None:
    """Attach the sent-message tracker to a bot's session once."""
    if not any(isinstance(m, TrackSent) for m in bot.session.middleware):
        bot.session.middleware(TrackSent(log))
