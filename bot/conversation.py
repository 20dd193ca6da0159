"""Which messages of a private chat the bot may delete on a quick exit. Memory only.

Telegram lets a bot delete its own and the user's messages in a private chat for 48 hours.
Ids are kept per chat, and dropped once they are too old to delete (on a timer, and whenever
a quick exit reads them).

Memory is bounded and small: a remembered message is one 8-byte number (the seconds since the
log began in the high half, the message id in the low half) in a per-chat array, so a chat's
numbers are in time order. At most `ceiling` messages are held in all; past that the oldest
message of all goes first, then the next oldest, whichever chat holds it. A min-heap of each
chat's oldest number finds it without looking at every chat.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import heapq
import time
from array import array
from collections.abc import Callable
from typing import Protocol


class MessageStore(Protocol):
    """Where the ids of a conversation's messages are kept until a quick exit needs them."""

    async def add(self, chat_id: int, message_id: int) -> None: ...

    async def take(self, chat_id: int) -> list[int]: ...

    async def forget(self, chat_id: int) -> None: ...


DELETE_WINDOW = 48 * 3600 - 60  # a minute of headroom under Telegram's 48 hours
SWEEP_SECONDS = 600.0  # how often ids past the window are dropped
DEFAULT_CEILING = 1_000_000  # about 12 MB at the measured ~12 bytes per message
_ID_BITS = 32
_ID_MASK = (1 << _ID_BITS) - 1


class ConversationLog:
    def __init__(
        self,
        per_chat: int = 500,
        chats: int = 100_000,
        ceiling: int = DEFAULT_CEILING,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._per_chat = max(1, per_chat)
        self._chats = max(1, chats)
        self._ceiling = max(1, ceiling)
        self._clock = clock
        self._start = clock()
        self._ids: dict[int, array[int]] = {}
        # (a chat's oldest number, chat). Lazily kept: an entry may be older than its chat's
        # current oldest (an entry is fixed when popped) or name a chat that is gone.
        self._oldest: list[tuple[int, int]] = []
        self._count = 0
        self._task: asyncio.Task[None] | None = None

    def _now(self) -> int:
        return max(0, int(self._clock() - self._start))

    async def add(self, chat_id: int, message_id: int) -> None:
        if not 0 < message_id <= _ID_MASK:
            return  # not a message id Telegram gives
        value = self._now() << _ID_BITS | message_id
        messages = self._ids.get(chat_id)
        if messages is None:
            while len(self._ids) >= self._chats:
                self._drop_oldest(whole_chat=True)
            messages = self._ids[chat_id] = array("Q")
            heapq.heappush(self._oldest, (value, chat_id))
        elif len(messages) >= self._per_chat:
            del messages[0]
            self._count -= 1
        messages.append(value)
        self._count += 1
        while self._count > self._ceiling:
            self._drop_oldest()
        if len(self._oldest) > 2 * len(self._ids) + 1024:
            self._reheap()

    async def take(self, chat_id: int) -> list[int]:
        """All ids still deletable, oldest first; the chat's record is cleared."""
        messages = self._ids.pop(chat_id, None)
        if messages is None:
            return []
        self._count -= len(messages)
        first = bisect.bisect_left(messages, self._cutoff())
        return [value & _ID_MASK for value in messages[first:]]

    async def forget(self, chat_id: int) -> None:
        messages = self._ids.pop(chat_id, None)
        if messages is not None:
            self._count -= len(messages)

    def expire(self) -> int:
        """Drop every id too old to delete; returns how many went."""
        cutoff = self._cutoff()
        dropped = 0
        while self._oldest and self._oldest[0][0] < cutoff:
            value, chat_id = heapq.heappop(self._oldest)
            messages = self._ids.get(chat_id)
            if messages is None:
                continue
            if messages[0] != value:  # an old entry: put the chat back at its true place
                heapq.heappush(self._oldest, (messages[0], chat_id))
                continue
            old = bisect.bisect_left(messages, cutoff)
            del messages[:old]
            self._count -= old
            dropped += old
            self._requeue(chat_id, messages)
        return dropped

    def _cutoff(self) -> int:
        return (self._now() - DELETE_WINDOW) << _ID_BITS

    def _drop_oldest(self, whole_chat: bool = False) -> None:
        """Drop the oldest message of all (or the whole chat that holds it)."""
        while self._oldest:
            value, chat_id = heapq.heappop(self._oldest)
            messages = self._ids.get(chat_id)
            if messages is None:
                continue
            if messages[0] != value:
                heapq.heappush(self._oldest, (messages[0], chat_id))
                continue
            gone = len(messages) if whole_chat else 1
            del messages[:gone]
            self._count -= gone
            self._requeue(chat_id, messages)
            return
        self._reheap()  # only stale entries were left; rebuild from the chats themselves

    def _requeue(self, chat_id: int, messages: array[int]) -> None:
        if messages:
            heapq.heappush(self._oldest, (messages[0], chat_id))
        else:
            del self._ids[chat_id]

    def _reheap(self) -> None:
        self._oldest = [(messages[0], chat_id) for chat_id, messages in self._ids.items()]
        heapq.heapify(self._oldest)

    def start(self, every: float = SWEEP_SECONDS) -> None:
        """Drop expired ids every `every` seconds, so an idle bot holds none for long."""
        if self._task is None and every > 0:
            self._task = asyncio.create_task(self._sweep(every))

    async def _sweep(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            self.expire()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    @property
    def remembered(self) -> int:
        """Message ids held now, in all chats (never more than the ceiling)."""
        return self._count

    def __len__(self) -> int:
        return len(self._ids)
