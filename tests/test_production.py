"""Running for months: Telegram's errors, flood control, webhook mode, graceful shutdown."""

from __future__ import annotations

import asyncio
import itertools
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
from bot.middlewares.flood import FloodControl
from bot.serve import create_webhook_app, wait_for_telegram
from bot.settings import Settings

from .bot_api_double import User
from .helpers import ROOT, TOKEN, Person, make_services, polling

SECRET = "s3cret-token_for-tests"


async def test_429_is_retried_after_retry_after_and_the_reply_arrives(running):
    api = running.api
    person = Person(api, User(id=801, language_code="en"))
    too_many = "Too Many Requests: retry after 1"
    api.fail_next("sendMessage", 429, too_many, retry_after=1)
    started = time.monotonic()
    assert "Choose a topic" in await person.send("/start")
    # A lower bound only, which a slow machine cannot break: slowness adds time. The margin is
    # for asyncio, which may wake a timer up to its clock resolution early.
    assert time.monotonic() - started >= 0.95
    assert [r.error for r in api.requests if r.method == "sendMessage"] == [too_many, None]


async def test_server_errors_are_retried(running):
    api = running.api
    person = Person(api, User(id=802, language_code="en"))
    api.fail_next("sendMessage", 502, "Bad Gateway")
    api.fail_next("sendMessage", 500, "Internal Server Error")
    assert "Choose a topic" in await person.send("/start")


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


class Clock:
    """Flood control's clock, standing still until a test moves it: no refill happens by
    itself, so what is dropped does not depend on how fast the machine is."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_flooding_user_does_not_delay_anyone_else(api, catalog, translators, stats):
    clock = Clock()
    flood = FloodControl(rate=1.0, burst=3, clock=clock)
    async with polling(api, make_services(catalog, translators, stats, flood=flood)):
        flooder = Person(api, User(id=804, language_code="ru"))
        other = Person(api, User(id=805, language_code="en"))
        for _ in range(40):
            await api.send_text(flooder.user, "/start")
        await api.wait_for(lambda: flood.dropped == 40 - 3)  # the burst is answered
        await api.wait_bot_messages(flooder.chat_id, 3 + 1)  # and one notice
        # No time has passed for the flooder, who must wait a second for the next answer;
        # anyone else is answered now.
        assert "Choose a topic" in await other.send("/start")
        # the emergency card is never held back
        assert "Помощь прямо сейчас" in await flooder.send("/sos")
        replies = [m.text for m in api.bot_messages(flooder.chat_id)]
        assert len([t for t in replies if "очень быстро" in t]) == 1
        assert len(replies) == 3 + 1 + 1  # the burst, one notice, the card
        clock.now += 1.0  # a second later, the flooder is answered again
        assert "Выберите тему" in await flooder.send("/start")


async def test_flood_control_holds_back_everything_but_what_is_urgent(
    api, catalog, translators, stats
):
    """Handlers flagged urgent pass a flood: the emergency card (/sos, /help, the SOS button),
    the quick exit (/exit and its button), /forget and danger words. Nothing else does."""
    en = translators["en"].gettext
    pack = catalog.pack("en")
    flood = FloodControl(rate=1.0, burst=1, clock=Clock())
    ids = itertools.count(810)
    async with polling(api, make_services(catalog, translators, stats, flood=flood)):

        async def flooded() -> Person:
            """Someone whose one allowed update was /start: anything more is over the limit."""
            person = Person(api, User(id=next(ids), language_code="en"))
            await person.send("/start")
            return person

        person = await flooded()
        answer = await person.press(pack.topics["labour"].title)
        assert "very fast" in answer["text"]  # one notice per flood
        for label in (
            en("📞 Help contacts"),
            en("🌐 Language"),
            f"❓ {pack.safety.selfcheck.title}",
        ):
            assert (await person.press(label))["text"] is None, label
        for text in ("/start", "/language", "/privacy", "/stats", "/nonsense", "how to complain"):
            dropped = flood.dropped
            await api.send_text(person.user, text)
            await api.wait_for(lambda: flood.dropped == dropped + 1)  # noqa: B023 - awaited here
        (home,) = api.bot_messages(person.chat_id)  # nothing was answered
        assert "Choose a topic" in home.text

        card = en("Help right now")
        for text, shown in [
            ("/sos", card),
            ("/help", card),
            ("my husband hits me what do i do", card),
            ("/forget", pack.safety.forget_done),
        ]:
            person = await flooded()
            assert shown in await person.send(text), text
        person = await flooded()
        await person.press(en("🆘 SOS"))
        assert card in person.screen.text
        exit_message = [pack.safety.exit_message]
        person = await flooded()
        await person.press(en("🚪 Quick exit"))
        assert [m.text for m in api.chat(person.chat_id)] == exit_message
        person = await flooded()
        await api.send_text(person.user, "/exit")
        await api.wait_for(lambda: [m.text for m in api.chat(person.chat_id)] == exit_message)


def test_flood_memory_is_bounded():
    flood = FloodControl(capacity=100)
    for user_id in range(1000):
        flood.take(user_id)
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
    dp = create_dispatcher(make_services(catalog, translators, stats))
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
        person = Person(api, User(id=807, language_code="kk"))
        await person.send("/start", timeout=20)
        await person.send("/start", timeout=20)
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
