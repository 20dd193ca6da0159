"""/privacy for everyone; /stats for the administrators listed in BOT_ADMIN_IDS only."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from .. import views
from ..content_store import ContentStore
from ..filters import is_admin
from ..i18n import Translator
from ..stats import StatsStore
from .reply import send


async def privacy(message: Message, tr: Translator, stats: StatsStore) -> None:
    await send(message, views.privacy(tr, stats.retention_days))


async def report(
    message: Message, lang: str | None, tr: Translator, content: ContentStore, stats: StatsStore
) -> None:
    snapshot = await stats.snapshot()
    catalog = content.catalog
    pack = catalog.pack(lang or "en")
    screen = views.stats_report(
        tr, catalog, pack, snapshot.rows, stats.today(), complete=snapshot.complete
    )
    await send(message, screen)


def create_router() -> Router:
    router = Router(name="stats")
    router.message.register(privacy, Command("privacy"))
    # Anyone else falls through to the reply an unknown command gets.
    router.message.register(report, Command("stats"), is_admin)
    return router
