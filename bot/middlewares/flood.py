"""Slows down one user who sends many updates a second, without slowing anyone else, and
never what a handler marks urgent (the emergency card, the quick exit, danger words)."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.flags import get_flag
from aiogram.types import CallbackQuery, Message, TelegramObject, User

from ..i18n import Translator

URGENT = {"urgent": True}  # the handler flag that exempts a handler from flood control


@dataclass(slots=True)
class Bucket:
    tokens: float
    last: float
    noticed: bool = False  # the one notice of this flood was sent


class FloodControl(BaseMiddleware):
    """A token bucket per user: `burst` updates at once, then `rate` per second. Updates over
    that are dropped; the first dropped one gets a single notice. At most `capacity` users are
    remembered (least recently seen forgotten first).

    An inner middleware: it runs once the handler is chosen, so it can read the handler's
    flags instead of guessing from the update what the person asked for."""

    def __init__(
        self,
        rate: float = 1.0,
        burst: float = 4.0,
        capacity: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate
        self.burst = burst
        self.capacity = capacity
        self._clock = clock
        self._buckets: OrderedDict[int, Bucket] = OrderedDict()
        self.dropped = 0

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or get_flag(data, "urgent"):
            return await handler(event, data)
        allowed, notice = self.take(user.id)
        if allowed:
            return await handler(event, data)
        self.dropped += 1
        tr: Translator = data["tr"]
        text = tr.gettext("You are sending messages very fast. I will answer again in a moment.")
        if isinstance(event, CallbackQuery):
            # Every press is answered once, by CallbackAnswerMiddleware around this one.
            data["callback_answer"].text = text if notice else None
        elif isinstance(event, Message) and notice:
            await event.answer(text)
        return None

    def take(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, whether to send the one notice of this flood)."""
        now = self._clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = Bucket(self.burst, now)
            while len(self._buckets) > self.capacity:
                self._buckets.popitem(last=False)
        self._buckets.move_to_end(user_id)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.last) * self.rate)
        bucket.last = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.noticed = False
            return True, False
        notice = not bucket.noticed
        bucket.noticed = True
        return False, notice

    @property
    def remembered(self) -> int:
        """Users currently held in memory (bounded by `capacity`)."""
        return len(self._buckets)
