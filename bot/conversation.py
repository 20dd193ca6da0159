"""Which messages of a private chat the bot may delete on a quick exit. Memory only.

Telegram lets a bot delete its own and the user's messages in a private chat for 48 hours.
Ids are kept per chat, bounded, and dropped once they are too old to delete.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import Protocol


class MessageStore(Protocol):
    """Where the ids of a conversation's messages are kept until a quick exit needs them."""

    async def add(self, chat_id: int, message_id: int) -> None: ...

    async def take(self, chat_id: int) -> list[int]: ...

    async def forget(self, chat_id: int) -> None: ...


DELETE_WINDOW = 48 * 3600 - 60  # a minute of headroom under Telegram's 48 hours


class ConversationLog:
    def __init__(
        self,
        per_chat: int = 500,
        chats: int = 100_000,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._per_chat = per_chat
        self._chats = chats
        self._clock = clock
        self._ids: OrderedDict[int, deque[tuple[int, float]]] = OrderedDict()

    async def add(self, chat_id: int, message_id: int) -> None:
        messages = self._ids.get(chat_id)
        if messages is None:
            messages = self._ids[chat_id] = deque(maxlen=self._per_chat)
        self._ids.move_to_end(chat_id)
        messages.append((message_id, self._clock()))
        while len(self._ids) > self._chats:
            self._ids.popitem(last=False)

    async def take(self, chat_id: int) -> list[int]:
        """All ids still deletable, oldest first; the chat's record is cleared."""
        messages = self._ids.pop(chat_id, None) or ()
        oldest = self._clock() - DELETE_WINDOW
        return [message_id for message_id, at in messages if at >= oldest]

    async def forget(self, chat_id: int) -> None:
        self._ids.pop(chat_id, None)

    def __len__(self) -> int:
        return len(self._ids)
