"""Long polling: the process `python -m bot run` serves."""

from __future__ import annotations

import logging

from .app import create_bot, create_dispatcher
from .content import Catalog
from .i18n import load_translators
from .settings import Settings
from .stats import StatsStore

log = logging.getLogger(__name__)


async def serve(settings: Settings, catalog: Catalog) -> None:
    translators = load_translators()
    bot = create_bot(settings)
    stats = StatsStore(settings.db_path, settings.stats_retention_days)
    dp = create_dispatcher(
        catalog,
        translators,
        stats,
        admin_ids=settings.admin_ids,
        flush_seconds=settings.stats_flush_seconds,
        content_dir=settings.content_dir,
        reload_seconds=settings.reload_seconds,
    )
    log.info("content loaded: %d topics; starting long polling", len(catalog.topic_order))
    await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types())
