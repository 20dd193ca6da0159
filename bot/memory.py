"""What the bot remembers about a user: only the chosen language, only in memory, bounded."""

from __future__ import annotations

from collections import OrderedDict
from typing import Protocol


class LanguageStore(Protocol):
    """Where a user's language choice is kept: memory here, Redis with BOT_REDIS_URL."""

    async def get(self, user_id: int) -> str | None: ...

    async def set(self, user_id: int, lang: str) -> None: ...

    async def forget(self, user_id: int) -> None: ...


class LanguageMemory:
    """Least-recently-used map of user -> language. Lost on restart by design."""

    def __init__(self, capacity: int = 200_000) -> None:
        self._capacity = capacity
        self._langs: OrderedDict[int, str] = OrderedDict()

    async def get(self, user_id: int) -> str | None:
        lang = self._langs.get(user_id)
        if lang is not None:
            self._langs.move_to_end(user_id)
        return lang

    async def set(self, user_id: int, lang: str) -> None:
        self._langs[user_id] = lang
        self._langs.move_to_end(user_id)
        while len(self._langs) > self._capacity:
            self._langs.popitem(last=False)

    async def forget(self, user_id: int) -> None:
        self._langs.pop(user_id, None)

    def __len__(self) -> int:
        return len(self._langs)
