"""Faults: Telegram failing in every way, the statistics file taken away, content broken
mid-run. The bot keeps answering and loses no counted event (none is documented as lost:
counts wait in memory until the file can be written)."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3

import aiosqlite
import pytest

from bot.app import create_bot, create_dispatcher
from bot.callbacks import Nav, To
from bot.settings import Settings
from bot.stats import StatsStore
from bot.stats.report import read_rows

from .bot_api_double import User
from .conftest import CONTENT_DIR, TOKEN, unlimited
from .helpers import send


@pytest.fixture
async def bot_with(api, catalog, translators, tmp_path):
    """Start the real bot with a given stats path, content dir and API timeout."""
    started = []

    async def start(stats_path=None, content_dir=None, api_timeout=30.0):
        stats = StatsStore(stats_path or tmp_path / "stats.sqlite3")
        bot = create_bot(Settings(token=TOKEN, api_url=api.base_url, api_timeout=api_timeout))
        dp = create_dispatcher(
            catalog,
            translators,
            stats,
            register_menu=False,
            flood=unlimited(),
            content_dir=content_dir,
            reload_seconds=0.1,
            flush_seconds=0.1,
        )
        task = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
        await api.wait_polling()
        started.append((dp, task))
        return dp, stats

    yield start
    for dp, task in started:
        if not task.done():
            await dp.stop_polling()
        await asyncio.wait_for(task, 10)


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
    user = User(id=901, language_code="en")
    fault(api)
    assert "Choose a topic" in await send(api, user, "/start", timeout=15)
    assert "Choose a topic" in await send(api, user, "/start")


async def test_getupdates_failures_do_not_stop_polling(api, bot_with):
    await bot_with()
    api.fail_next("getUpdates", 502, "Bad Gateway")
    api.drop_next("getUpdates")
    user = User(id=902, language_code="en")
    assert "Choose a topic" in await send(api, user, "/start", timeout=20)


async def test_statistics_directory_removed_and_restored_mid_run(api, bot_with, tmp_path):
    folder = tmp_path / "statsdir"
    path = folder / "stats.sqlite3"
    dp, stats = await bot_with(stats_path=path)
    user = User(id=903, language_code="ru")
    await send(api, user, "/start")
    await api.wait_for(lambda: stats.pending == 0, timeout=5)
    assert path.exists()

    shutil.rmtree(folder)  # the whole directory disappears
    folder.write_text("now a file where the directory was")
    for _ in range(3):
        await send(api, user, "/start")  # the bot keeps answering
    await asyncio.sleep(0.3)
    assert stats.pending == 3  # counted in memory, waiting

    folder.unlink()  # the disk is back
    await api.wait_for(lambda: stats.pending == 0, timeout=5)
    await dp.stop_polling()
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
    user = User(id=905, language_code="kk")
    menu = "Тақырыпты таңдаңыз"
    assert menu in await send(api, user, "/start")
    await api.wait_for(lambda: started_in_file(path) == 1, timeout=5)

    real_connect = aiosqlite.connect

    def read_only(database, **kwargs):  # as on a disk remounted read-only: writes refused
        return real_connect(f"file:{database}?mode=ro", uri=True, **kwargs)

    monkeypatch.setattr(aiosqlite, "connect", read_only)  # for the store's next connection
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the file
    for _ in range(2):
        assert menu in await send(api, user, "/start")  # answered at once, lock or not
    failed = "statistics not written"
    await api.wait_for(lambda: any(failed in r.getMessage() for r in caplog.records), 10)

    other.rollback()
    other.close()  # unlocked, but the store can now reopen the file only read-only
    for _ in range(2):
        assert menu in await send(api, user, "/start")
    await asyncio.sleep(0.5)  # several flushes are refused
    assert started_in_file(path) == 1

    monkeypatch.undo()  # writable again: everything counted meanwhile arrives
    await api.wait_for(lambda: started_in_file(path) == 5, timeout=10)


async def test_content_broken_mid_run_keeps_serving_the_last_good_content(api, bot_with, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    await bot_with(content_dir=content)
    user = User(id=904, language_code="en")
    await send(api, user, "/start")
    (content / "en" / "topics" / "labour.yaml").write_text("title: [unclosed\n")
    (content / "menu.yaml").unlink()
    await asyncio.sleep(0.5)  # the watcher tries to reload and refuses
    assert "Choose a topic" in await send(api, user, "/start")
    query = await api.press(
        user, api.last_bot_message(user.id), Nav(to=To.TOPIC, topic="labour").pack()
    )
    await api.wait_answered(query)
    assert "Labour" in api.last_bot_message(user.id).text
    assert not api.rejected
