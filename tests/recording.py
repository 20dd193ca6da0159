"""A Bot session that records every API call instead of making it (aiogram-notes §3.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import EditMessageText, GetMe, SendMessage, TelegramMethod
from aiogram.types import Chat, Message, User

BOT = User(id=7000001, is_bot=True, first_name="Rights bot", username="kz_rights_test_bot")


class RecordingSession(BaseSession):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[TelegramMethod[Any]] = []
        self._next_id = 500

    async def make_request(
        self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None
    ) -> Any:
        self.calls.append(method)
        if isinstance(method, GetMe):
            return BOT
        if isinstance(method, SendMessage | EditMessageText):
            self._next_id += 1
            return Message(
                message_id=self._next_id,
                date=dt.datetime.now(dt.UTC),
                chat=Chat(id=int(method.chat_id or 0), type="private"),
                from_user=BOT,
                text=method.text,
                reply_markup=method.reply_markup,
            ).as_(bot)
        return True

    async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncGenerator[bytes, None]:
        yield b""

    async def close(self) -> None:
        pass

    def sent(self, kind: type) -> list[Any]:
        return [c for c in self.calls if isinstance(c, kind)]
