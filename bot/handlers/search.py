"""Free text: answered with the topics that fit best, or the menu and the 111 line."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from ..content_store import ContentStore
from ..filters import is_free_text
from ..screens import Screens
from ..stats import Event, StatsStore
from .reply import send

MAX_QUERY = 500  # longer messages are searched by their start; the rest adds only noise


async def free_text(
    message: Message, lang: str, content: ContentStore, screens: Screens, stats: StatsStore
) -> None:
    hits = content.search.search((message.text or "")[:MAX_QUERY], lang)
    # Only whether something was found, and which topic: never the words typed.
    stats.record(Event.SEARCH, hits[0].topic if hits else "none", lang)
    await send(message, screens.search(lang, hits))


def create_router() -> Router:
    router = Router(name="search")
    router.message.register(free_text, is_free_text)
    return router
