from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.content import Catalog, load_catalog
from bot.i18n import Translator, load_translators
from bot.stats import StatsStore

from .bot_api_double import BotApiDouble
from .helpers import CONTENT_DIR, TOKEN, RunningBot, make_services, polling


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(CONTENT_DIR)


@pytest.fixture(scope="session")
def translators() -> dict[str, Translator]:
    return load_translators()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the real content directory, to edit or break. It is named `content`,
    so problems are reported as `content/<file>:<line>`, as for the real directory."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


@pytest.fixture
async def api() -> AsyncIterator[BotApiDouble]:
    double = BotApiDouble(TOKEN)
    await double.start()
    yield double
    await double.stop()


@pytest.fixture
def stats(tmp_path) -> StatsStore:
    return StatsStore(tmp_path / "stats.sqlite3")


@pytest.fixture
async def running(api, catalog, translators, stats) -> AsyncIterator[RunningBot]:
    """The real bot polling the double, with the profile (commands, descriptions) registered."""
    async with polling(api, make_services(catalog, translators, stats, register_menu=True)) as bot:
        yield bot
