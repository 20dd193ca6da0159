"""Everything in a private chat the bot does not understand gets a short answer with a way
home and help: the last router of the private chat."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from ..i18n import Translator
from ..screens import Screens
from .reply import replace, send


async def unknown_message(message: Message, lang: str, screens: Screens) -> None:
    await send(message, screens.fallback(lang))


async def unknown_button(
    query: CallbackQuery,
    callback_answer: CallbackAnswer,
    lang: str,
    tr: Translator,
    screens: Screens,
) -> None:
    """Forged, stale or foreign callback data: answer it, then show a screen that works."""
    callback_answer.text = tr.gettext("This button is out of date. Here is the main menu.")
    await replace(query, screens.home(lang))


async def stray_button(query: CallbackQuery) -> None:
    """A press on a channel post or an inline message: answered (by CallbackAnswerMiddleware),
    so no button spins, and nothing else."""


def create_last_resort() -> Router:
    router = Router(name="last_resort")
    router.callback_query.register(stray_button)
    return router


def create_router() -> Router:
    router = Router(name="fallback")
    router.message.register(unknown_message)
    router.callback_query.register(unknown_button)
    return router
