from __future__ import annotations

import functools
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import yaml

from bot.content import Catalog, load_catalog
from bot.i18n import Translator, load_translators
from bot.stats import StatsStore

from .bot_api_double import BotApiDouble
from .helpers import CONTENT_DIR, TOKEN, RunningBot, make_services, polling


@pytest.fixture(scope="session", autouse=True)
def parse_each_yaml_text_once() -> Iterator[None]:
    """Most tests load a copy of content/ with one file broken: the other sixty files are the
    same text every time, and parsing YAML is nearly all of the loader's time. The node tree of
    a text is always the same (the loader only reads it), so each text is parsed once; a text
    that does not parse raises afresh each time, as it is not cached."""
    compose = functools.lru_cache(maxsize=1024)(yaml.compose)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yaml, "compose", compose)
        yield


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
