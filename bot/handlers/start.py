"""/start and the emergency card (/sos, /help and the SOS button)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, Message

from ..callbacks import Go, Place
from ..middlewares.flood import URGENT
from ..screens import Screens
from ..stats import Event, StatsStore
from ..stats.events import Route
from .reply import replace, send


async def start(message: Message, lang: str, stats: StatsStore, screens: Screens) -> None:
    stats.record(Event.STARTED, "", lang)
    await send(message, screens.home(lang))


async def emergency(message: Message, lang: str, stats: StatsStore, screens: Screens) -> None:
    stats.record(Event.EMERGENCY, Route.COMMAND, lang)
    await send(message, screens.emergency(lang))


async def emergency_button(
    query: CallbackQuery, lang: str, stats: StatsStore, screens: Screens
) -> None:
    stats.record(Event.EMERGENCY, Route.BUTTON, lang)
    await replace(query, screens.emergency(lang))


def create_router() -> Router:
    router = Router(name="start")
    router.message.register(start, CommandStart())
    router.message.register(emergency, Command("sos", "help"), flags=URGENT)
    router.callback_query.register(emergency_button, Go.filter(F.to == Place.SOS), flags=URGENT)
    return router
