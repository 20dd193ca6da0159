"""Slows down one user who sends many updates a second, without slowing anyone else, and
never the emergency card or the quick exit."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.filters.callback_data import CallbackDataException
from aiogram.types import CallbackQuery, Message, TelegramObject, User

from ..callbacks import Nav, To
from ..i18n import Translator

URGENT_COMMANDS = ("/sos", "/help", "/exit", "/forget")


class FloodControl(BaseMiddleware):
    """A token bucket per user: `burst` updates at once, then `rate` per second. Updates over
    that are dropped; the first dropped one gets a single notice. At most `capacity` users are
    remembered (least recently seen forgotten first)."""

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
        self._buckets: OrderedDict[int, list[float]] = OrderedDict()  # tokens, last, noticed
        self.dropped = 0

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or data.get("danger_lang") or _urgent(event):
            return await handler(event, data)
        allowed, notice = self._take(user.id)
        if allowed:
            return await handler(event, data)
        self.dropped += 1
        tr: Translator = data["tr"]
        text = tr.gettext("You are sending messages very fast. I will answer again in a moment.")
        if isinstance(event, CallbackQuery):
            await event.answer(text if notice else None)  # every button press is answered
        elif isinstance(event, Message) and notice:
            await event.answer(text)
        return None

    def _take(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, whether to send the one notice of this flood)."""
        now = self._clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = [self.burst, now, 0.0]
            while len(self._buckets) > self.capacity:
                self._buckets.popitem(last=False)
        self._buckets.move_to_end(user_id)
        tokens = min(self.burst, bucket[0] + (now - bucket[1]) * self.rate)
        bucket[1] = now
        if tokens >= 1:
            bucket[0], bucket[2] = tokens - 1, 0.0
            return True, False
        bucket[0] = tokens
        notice = bucket[2] == 0.0
        bucket[2] = 1.0
        return False, notice

    @property
    def remembered(self) -> int:
        """Users currently held in memory (bounded by `capacity`)."""
        return len(self._buckets)


def _urgent(event: TelegramObject) -> bool:
    """/sos, /exit and their buttons (danger words are matched before this runs)."""
    if isinstance(event, Message):
        text = event.text or event.caption or ""
        return text.split("@")[0].split(" ")[0] in URGENT_COMMANDS
    if isinstance(event, CallbackQuery) and event.data and event.data.startswith("n:"):
        try:
            return Nav.unpack(event.data).to in (To.SOS, To.EXIT)
        except (CallbackDataException, TypeError, ValueError):
            return False  # forged or stale data: not urgent, and the fallback answers it
    return False
