"""Conversation state in aiogram's FSM storage (Redis), so several replicas serve one bot.

Per private chat, one storage entry holds the chosen language and the ids of the messages a
quick exit must delete. Every write renews the entry's TTL (48 hours, Telegram's window for
deleting messages); after that the storage itself forgets it. Nothing else is kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from aiogram.fsm.storage.base import BaseStorage, StorageKey

from .conversation import DELETE_WINDOW

TTL_SECONDS = 48 * 3600
MAX_MESSAGES = 500


class SharedState:
    """Implements both the language memory and the conversation log over a BaseStorage."""

    def __init__(
        self, storage: BaseStorage, bot_id: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.storage = storage
        self._bot_id = bot_id
        self._clock = clock

    def _key(self, chat_id: int) -> StorageKey:
        return StorageKey(bot_id=self._bot_id, chat_id=chat_id, user_id=chat_id)

    async def _data(self, chat_id: int) -> dict[str, Any]:
        return dict(await self.storage.get_data(self._key(chat_id)))

    async def _save(self, chat_id: int, data: dict[str, Any]) -> None:
        await self.storage.set_data(self._key(chat_id), data)

    # language memory
    async def get(self, user_id: int) -> str | None:
        lang = (await self._data(user_id)).get("lang")
        return lang if isinstance(lang, str) else None

    async def set(self, user_id: int, lang: str) -> None:
        data = await self._data(user_id)
        data["lang"] = lang
        await self._save(user_id, data)

    # conversation log
    async def add(self, chat_id: int, message_id: int) -> None:
        data = await self._data(chat_id)
        messages = [*data.get("msgs", []), [message_id, self._clock()]][-MAX_MESSAGES:]
        data["msgs"] = messages
        await self._save(chat_id, data)

    async def take(self, chat_id: int) -> list[int]:
        data = await self._data(chat_id)
        messages = data.pop("msgs", [])
        await self._save(chat_id, data)
        oldest = self._clock() - DELETE_WINDOW
        return [int(message_id) for message_id, at in messages if at >= oldest]

    async def forget(self, chat_id: int) -> None:
        """Both the language and the messages: /forget clears everything about the chat."""
        await self.storage.set_data(self._key(chat_id), {})

    async def close(self) -> None:
        await self.storage.close()


def redis_state(url: str, bot_id: int) -> SharedState:
    from aiogram.fsm.storage.redis import DefaultKeyBuilder, RedisStorage

    storage = RedisStorage.from_url(
        url,
        key_builder=DefaultKeyBuilder(with_bot_id=True, prefix="kzrights"),
        state_ttl=TTL_SECONDS,
        data_ttl=TTL_SECONDS,
    )
    return SharedState(storage, bot_id)
