from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.content import Catalog, load_catalog
from bot.i18n import Translator, load_translators
from bot.stats import StatsStore

from .bot_api_double import BotApiDouble

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "content"
TOKEN = "123456789:AAExampleExampleExampleExampleExam"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(CONTENT_DIR)


@pytest.fixture(scope="session")
def translators() -> dict[str, Translator]:
    return load_translators()


class RunningBot:
    """The real bot, long polling the Bot API double."""

    def __init__(self, api: BotApiDouble, dp, bot, task: asyncio.Task, stats) -> None:
        self.api = api
        self.stats = stats
        self.dp = dp
        self.bot = bot
        self.task = task


@pytest.fixture
async def api() -> AsyncIterator[BotApiDouble]:
    double = BotApiDouble(TOKEN)
    await double.start()
    yield double
    await double.stop()


ADMIN_ID = 4242


def unlimited():
    """Tests press buttons far faster than a person; flood control has its own tests."""
    from bot.handlers.flood import FloodControl

    return FloodControl(rate=1e6, burst=1e6)


@pytest.fixture
def stats(tmp_path) -> StatsStore:
    return StatsStore(tmp_path / "stats.sqlite3")


@pytest.fixture
async def running(api, catalog, translators, stats) -> AsyncIterator[RunningBot]:
    from bot.app import create_bot, create_dispatcher
    from bot.settings import Settings

    bot = create_bot(Settings(token=TOKEN, api_url=api.base_url))
    dp = create_dispatcher(
        catalog, translators, stats, admin_ids=frozenset({ADMIN_ID}), flood=unlimited()
    )
    task = asyncio.create_task(
        dp.start_polling(
            bot,
            handle_signals=False,
            polling_timeout=1,
            allowed_updates=dp.resolve_used_update_types(),
        )
    )
    await api.wait_polling()
    yield RunningBot(api, dp, bot, task, stats)
    if not task.done():  # a test may have stopped it already, to check the shutdown flush
        await dp.stop_polling()
    await asyncio.wait_for(task, 5)
