"""Conversation state in Redis, so several replicas serve one bot.

Per private chat, two keys: the chosen language (a string) and the ids of the messages a quick
exit must delete (a list of "id:time"). Every change is one Redis command or one MULTI
transaction, so two updates of the same chat on two replicas never overwrite each other: no
message id or language is lost to a race. Both keys expire 48 hours (Telegram's window for
deleting messages) after the chat's last message; nothing else is kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from .conversation import DELETE_WINDOW

if TYPE_CHECKING:
    from redis.asyncio import Redis

TTL_SECONDS = 48 * 3600
MAX_MESSAGES = 500
PREFIX = "kzrights"


class SharedState:
    """Implements both the language memory and the conversation log over one Redis."""

    def __init__(self, redis: Redis, bot_id: int, clock: Callable[[], float] = time.time) -> None:
        self.redis = redis
        self._bot_id = bot_id
        self._clock = clock

    def _key(self, chat_id: int, what: str) -> str:
        return f"{PREFIX}:{self._bot_id}:{chat_id}:{what}"

    # language memory
    async def get(self, user_id: int) -> str | None:
        lang = await self.redis.get(self._key(user_id, "lang"))
        return lang.decode() if isinstance(lang, bytes) else lang

    async def set(self, user_id: int, lang: str) -> None:
        await self.redis.set(self._key(user_id, "lang"), lang, ex=TTL_SECONDS)

    # conversation log
    async def add(self, chat_id: int, message_id: int) -> None:
        msgs, lang = self._key(chat_id, "msgs"), self._key(chat_id, "lang")
        async with self.redis.pipeline(transaction=True) as tx:
            tx.rpush(msgs, f"{message_id}:{self._clock():.0f}")
            tx.ltrim(msgs, -MAX_MESSAGES, -1)
            tx.expire(msgs, TTL_SECONDS)
            tx.expire(lang, TTL_SECONDS)  # a conversation keeps its language alive
            await tx.execute()

    async def take(self, chat_id: int) -> list[int]:
        """All ids still deletable, oldest first; the chat's record is cleared, atomically."""
        msgs = self._key(chat_id, "msgs")
        async with self.redis.pipeline(transaction=True) as tx:
            tx.lrange(msgs, 0, -1)
            tx.delete(msgs)
            entries, _ = await tx.execute()
        oldest = self._clock() - DELETE_WINDOW
        ids = []
        for entry in entries:
            message_id, _, at = (entry.decode() if isinstance(entry, bytes) else entry).partition(
                ":"
            )
            if float(at) >= oldest:
                ids.append(int(message_id))
        return ids

    async def forget(self, chat_id: int) -> None:
        """Both the language and the messages: /forget clears everything about the chat."""
        await self.redis.delete(self._key(chat_id, "lang"), self._key(chat_id, "msgs"))

    async def close(self) -> None:
        await self.redis.aclose()


def redis_state(url: str, bot_id: int) -> SharedState:
    from redis.asyncio import Redis

    return SharedState(Redis.from_url(url), bot_id)
