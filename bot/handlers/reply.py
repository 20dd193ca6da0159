"""Showing a screen: a new message for commands, an edit in place for button presses."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message

from ..resilience import is_not_modified
from ..views import Screen

log = logging.getLogger(__name__)


async def send(message: Message, screen: Screen) -> None:
    await message.answer(screen.text, reply_markup=screen.markup)


async def replace(query: CallbackQuery, screen: Screen) -> None:
    """Edit the pressed message; if Telegram will not, send the screen as a new message."""
    message = query.message
    if isinstance(message, Message):
        try:
            await message.edit_text(screen.text, reply_markup=screen.markup)
            return
        except TelegramBadRequest as exc:
            if is_not_modified(exc):
                return  # the user pressed the button of the screen already shown
            log.info("edit refused (%s); sending a new message", type(exc).__name__)
    if query.from_user is not None and query.bot is not None:
        await query.bot.send_message(query.from_user.id, screen.text, reply_markup=screen.markup)
