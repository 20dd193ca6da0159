"""Faults: Telegram failing in every way, the statistics file taken away, content broken
mid-run. The bot keeps answering and loses no counted event (none is documented as lost:
counts wait in memory until the file can be written)."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sqlite3

import aiosqlite
import pytest

from bot.stats import StatsStore
from bot.stats.report import read_rows

from .bot_api_double import User
from .helpers import Person, RunningBot, make_services, polling


@pytest.fixture
async def bot_with(api, catalog, translators, tmp_path):
    """Start the real bot with a given stats path, content dir and settings (API timeout);
    content is watched and counts are written every 0.1 s, so faults show quickly."""
    async with contextlib.AsyncExitStack() as stack:

        async def start(stats_path=None, content_dir=None, **settings) -> RunningBot:
            stats = StatsStore(stats_path or tmp_path / "stats.sqlite3")
            services = make_services(
                catalog,
                translators,
                stats,
                content_dir=content_dir,
                reload_seconds=0.1,
                flush_seconds=0.1,
            )
            return await stack.enter_async_context(polling(api, services, **settings))

        yield start


@pytest.mark.parametrize(
    "fault",
    [
        lambda api: api.fail_next(
            "sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1
        ),
        lambda api: api.fail_next("sendMessage", 500, "Internal Server Error"),
        lambda api: api.drop_next("sendMessage"),
        lambda api: api.delay_next("sendMessage", 3),
    ],
    ids=["429", "500", "dropped-connection", "timeout"],
)
async def test_telegram_failures_are_survived(api, bot_with, fault):
    await bot_with(api_timeout=1.0)
    person = Person(api, User(id=901, language_code="en"))
    fault(api)
    assert "Choose a topic" in await person.send("/start", timeout=15)
    assert "Choose a topic" in await person.send("/start")


async def test_getupdates_failures_do_not_stop_polling(api, bot_with):
    await bot_with()
    api.fail_next("getUpdates", 502, "Bad Gateway")
    api.drop_next("getUpdates")
    person = Person(api, User(id=902, language_code="en"))
    assert "Choose a topic" in await person.send("/start", timeout=20)


async def test_statistics_directory_removed_and_restored_mid_run(api, bot_with, tmp_path):
    folder = tmp_path / "statsdir"
    path = folder / "stats.sqlite3"
    running = await bot_with(stats_path=path)
    stats = running.stats
    person = Person(api, User(id=903, language_code="ru"))
    await person.send("/start")
    await api.wait_for(lambda: stats.pending == 0, timeout=5)
    assert path.exists()

    shutil.rmtree(folder)  # the whole directory disappears
    folder.write_text("now a file where the directory was")
    for _ in range(3):
        await person.send("/start")  # the bot keeps answering
    await asyncio.sleep(0.3)
    assert stats.pending == 3  # counted in memory, waiting

    folder.unlink()  # the disk is back
    await api.wait_for(lambda: stats.pending == 0, timeout=5)
    await running.stop()
    rows = read_rows([path])
    assert sum(n for _d, event, _k, _l, n in rows if event == "started") == 3
    # the first /start went to the removed file: that loss is the removal, not the bot's


def started_in_file(path) -> int:
    if not path.exists():
        return 0
    return sum(n for _d, event, _k, _l, n in read_rows([path]) if event == "started")


async def test_statistics_file_locked_then_read_only_mid_run(
    api, bot_with, tmp_path, monkeypatch, caplog
):
    path = tmp_path / "stats.sqlite3"
    await bot_with(stats_path=path)
    person = Person(api, User(id=905, language_code="kk"))
    menu = "Тақырыпты таңдаңыз"
    assert menu in await person.send("/start")
    await api.wait_for(lambda: started_in_file(path) == 1, timeout=5)

    real_connect = aiosqlite.connect

    def read_only(database, **kwargs):  # as on a disk remounted read-only: writes refused
        return real_connect(f"file:{database}?mode=ro", uri=True, **kwargs)

    monkeypatch.setattr(aiosqlite, "connect", read_only)  # for the store's next connection
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the file
    for _ in range(2):
        assert menu in await person.send("/start")  # answered at once, lock or not
    failed = "statistics not written"
    await api.wait_for(lambda: any(failed in r.getMessage() for r in caplog.records), 10)

    other.rollback()
    other.close()  # unlocked, but the store can now reopen the file only read-only
    for _ in range(2):
        assert menu in await person.send("/start")
    await asyncio.sleep(0.5)  # several flushes are refused
    assert started_in_file(path) == 1

    monkeypatch.undo()  # writable again: everything counted meanwhile arrives
    await api.wait_for(lambda: started_in_file(path) == 5, timeout=10)


async def test_content_broken_mid_run_keeps_serving_the_last_good_content(
    api, bot_with, catalog, content
):
    await bot_with(content_dir=content)
    person = Person(api, User(id=904, language_code="en"))
    await person.send("/start")
    (content / "en" / "topics" / "labour.yaml").write_text("title: [unclosed\n")
    (content / "menu.yaml").unlink()
    await asyncio.sleep(0.5)  # the watcher tries to reload and refuses
    assert "Choose a topic" in await person.send("/start")
    await person.press(catalog.pack("en").topics["labour"].title)
    assert "Labour" in person.screen.text
    assert not api.rejected
