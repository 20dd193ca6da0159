"""The last line of defence: log what failed without who or what they wrote, and answer."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramForbiddenError
from aiogram.types import ErrorEvent

from ..resilience import is_expected

log = logging.getLogger(__name__)


async def on_error(event: ErrorEvent) -> None:
    update = event.update
    if isinstance(event.exception, TelegramForbiddenError) or is_expected(event.exception):
        # Blocked by the user, a double tap, a message already gone: nothing went wrong.
        log.debug("update %s: %s", update.update_id, type(event.exception).__name__)
        return
    # Only the update id, its type and the exception type: never the update or the exception
    # text, which can carry chat ids and message text.
    log.error(
        "update %s (%s) failed: %s",
        update.update_id,
        update.event_type,
        type(event.exception).__name__,
    )


def create_router() -> Router:
    router = Router(name="errors")
    router.errors.register(on_error)
    return router
