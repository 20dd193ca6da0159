"""How the bot lives with Telegram's errors: retry what is transient, drop what is expected."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import (
    GetUpdates,
    Response,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType

log = logging.getLogger(__name__)

NOT_MODIFIED = "message is not modified"
# Bad requests that mean "already done" or "too late", not a fault of ours.
EXPECTED = (
    NOT_MODIFIED,
    "message to delete not found",
    "message can't be deleted",
    "query is too old",
    "message to edit not found",
)


def is_expected(exc: BaseException) -> bool:
    return isinstance(exc, TelegramBadRequest) and any(e in exc.message for e in EXPECTED)


def is_not_modified(exc: TelegramBadRequest) -> bool:
    """The edit asked for the screen already shown: a double tap."""
    return NOT_MODIFIED in exc.message


class RetryMiddleware(BaseRequestMiddleware):
    """Retries 429 after Telegram's retry_after, and network or 5xx errors with backoff.

    Bounded: a few attempts, and no wait longer than `max_wait`, so a reply that cannot be sent
    fails instead of hanging. getUpdates is left to the polling loop's own backoff.
    """

    def __init__(
        self,
        attempts: int = 3,
        max_wait: float = 30.0,
        backoff: float = 0.5,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.attempts = attempts
        self.max_wait = max_wait
        self.backoff = backoff
        self._sleep = sleep

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        attempt = 0
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                wait = float(exc.retry_after)
                if attempt + 1 >= self.attempts or wait > self.max_wait:
                    raise
            except (TelegramNetworkError, TelegramServerError) as exc:
                if attempt + 1 >= self.attempts or isinstance(method, GetUpdates):
                    raise
                wait = self.backoff * 2**attempt
                log.info("%s on %s; retrying", type(exc).__name__, type(method).__name__)
            attempt += 1
            await self._sleep(wait)
