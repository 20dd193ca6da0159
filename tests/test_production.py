"""Running for months: Telegram's errors, flood control, webhook mode, graceful shutdown."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import sqlite3
import sys
import time

import aiohttp
import pytest

from bot.app import create_bot, create_dispatcher
from bot.callbacks import Nav, To
from bot.handlers.flood import FloodControl
from bot.serve import create_webhook_app, wait_for_telegram
from bot.settings import Settings

from .bot_api_double import User
from .conftest import ROOT, TOKEN
from .helpers import send

SECRET = "s3cret-token_for-tests"


async def test_429_is_retried_after_retry_after_and_the_reply_arrives(running):
    api = running.api
    user = User(id=801, language_code="en")
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    started = time.monotonic()
    await send(api, user, "/start")
    assert time.monotonic() - started >= 1
    assert "Choose a topic" in api.last_bot_message(user.id).text


async def test_server_errors_are_retried(running):
    api = running.api
    user = User(id=802, language_code="en")
    api.fail_next("sendMessage", 502, "Bad Gateway")
    api.fail_next("sendMessage", 500, "Internal Server Error")
    await send(api, user, "/start")
    assert "Choose a topic" in api.last_bot_message(user.id).text


async def test_blocked_user_is_not_an_error(running, caplog):
    api = running.api
    user = User(id=803, language_code="en")
    api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await api.send_text(user, "/start")
    await api.wait_for(lambda: any(r.method == "sendMessage" for r in api.requests))
    await asyncio.sleep(0.2)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_first_get_me_is_retried(api):
    api.fail_next("getMe", 500, "Internal Server Error")
    api.fail_next("getMe", 502, "Bad Gateway")
    bot = create_bot(Settings(token=TOKEN, api_url=api.base_url))
    stop = asyncio.Event()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("bot.serve.MAX_BACKOFF", 0.05)
            assert await asyncio.wait_for(wait_for_telegram(bot, stop), 10)
    finally:
        await bot.session.close()
    assert [r.method for r in api.requests].count("getMe") >= 3


async def test_flooding_user_does_not_delay_anyone_else(api, catalog, translators, stats):
    bot = create_bot(Settings(token=TOKEN, api_url=api.base_url))
    flood = FloodControl(rate=1.0, burst=3)
    dp = create_dispatcher(catalog, translators, stats, flood=flood, register_menu=False)
    task = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    await api.wait_polling()
    try:
        flooder = User(id=804, language_code="ru")
        other = User(id=805, language_code="en")
        for _ in range(40):
            await api.send_text(flooder, "/start")
        started = time.monotonic()
        await send(api, other, "/start")
        assert time.monotonic() - started < 1.0
        # the emergency card is never held back
        await send(api, flooder, "/sos")
        assert "Помощь прямо сейчас" in api.last_bot_message(flooder.id).text
        replies = [m.text for m in api.bot_messages(flooder.id)]
        notices = [t for t in replies if "очень быстро" in t]
        assert len(notices) == 1
        assert len(replies) <= 3 + 1 + 1 + 1  # burst, one notice, the card, a refill
        assert flood.dropped >= 30
    finally:
        await dp.stop_polling()
        await asyncio.wait_for(task, 5)


def test_flood_memory_is_bounded():
    flood = FloodControl(capacity=100)
    for user_id in range(1000):
        flood._take(user_id)
    assert flood.remembered == 100


async def webhook_server(api, catalog, translators, stats):
    from aiohttp import web

    settings = Settings(
        token=TOKEN,
        api_url=api.base_url,
        webhook_url="https://bot.example.org/tg/hook",
        webhook_secret=SECRET,
    )
    bot = create_bot(settings)
    dp = create_dispatcher(catalog, translators, stats, register_menu=False)
    app = create_webhook_app(settings, bot, dp)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    return runner, f"http://127.0.0.1:{port}"


def update(user: User, update_id: int, text: str) -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": user.chat,
            "from": user.as_json(),
            "text": text,
        },
    }


async def test_webhook_checks_the_secret(api, catalog, translators, stats):
    runner, base = await webhook_server(api, catalog, translators, stats)
    user = User(id=806, language_code="en")
    api.chats[user.id] = user.chat
    api.messages[user.id] = []
    try:
        assert api.webhook == {"url": "https://bot.example.org/tg/hook", "secret_token": SECRET}
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/healthz") as response:
                assert response.status == 200
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(
                    f"{base}/tg/hook", json=update(user, 1, "/start"), headers=headers
                ) as response:
                    assert response.status == 401
            await asyncio.sleep(0.2)
            assert api.bot_messages(user.id) == []  # not processed
            async with http.post(
                f"{base}/tg/hook",
                json=update(user, 2, "/start"),
                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
            ) as response:
                assert response.status == 200
        await api.wait_bot_messages(user.id, 1)
        assert "Choose a topic" in api.last_bot_message(user.id).text
    finally:
        await runner.cleanup()


async def test_sigterm_exits_0_within_10_seconds_with_statistics_flushed(api, tmp_path):
    """The real `python -m bot run` process, stopped the way systemd or Docker stop it."""
    db = tmp_path / "stats.sqlite3"
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "BOT_API_URL": api.base_url,
        "BOT_DB": str(db),
        "BOT_STATS_FLUSH_SECONDS": "600",
        "BOT_LOG_FORMAT": "json",
        "BOT_CONTENT_DIR": str(ROOT / "content"),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        await api.wait_for(lambda: api.polls > 0, timeout=60)
        user = User(id=807, language_code="kk")
        await send(api, user, "/start", timeout=20)
        await send(api, user, "/start", timeout=20)
        assert (
            not db.exists()
            or not sqlite3.connect(db)
            .execute("SELECT name FROM sqlite_master WHERE name='counters'")
            .fetchone()
        )
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 10)
        assert code == 0
        assert time.monotonic() - started < 10
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    output = (await process.stdout.read()).decode()
    for line in output.splitlines():
        json.loads(line)  # BOT_LOG_FORMAT=json: every line is JSON
    assert TOKEN not in output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT n FROM counters WHERE event='started'").fetchone() == (2,)


async def test_navigation_survives_a_double_tap(running):
    api = running.api
    user = User(id=808, language_code="en")
    await send(api, user, "/start")
    data = Nav(to=To.HELP).pack()
    first = await api.press(user, api.last_bot_message(user.id), data)
    second = await api.press(user, api.last_bot_message(user.id), data, forged=True)
    await api.wait_answered(first)
    await api.wait_answered(second)
