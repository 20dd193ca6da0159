"""Several replicas behind one Redis: language and quick-exit state shared, with TTLs."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.methods import DeleteMessages, SendMessage

from bot.app import create_dispatcher
from bot.callbacks import Nav, SetLanguage, To
from bot.conversation import DELETE_WINDOW
from bot.shared_state import MAX_MESSAGES, TTL_SECONDS, SharedState, redis_state

from .bot_api_double import User
from .conftest import ROOT, TOKEN, unlimited
from .recording import RecordingSession
from .test_handlers import callback_update, message_update

BOT_ID = int(TOKEN.split(":")[0])


async def test_shared_state_over_any_aiogram_storage():
    now = [1000.0]
    state = SharedState(MemoryStorage(), BOT_ID, clock=lambda: now[0])
    assert await state.get(7) is None
    await state.set(7, "kk")
    for message_id in range(MAX_MESSAGES + 5):
        await state.add(7, message_id)
    assert await state.get(7) == "kk"
    now[0] += DELETE_WINDOW + 1
    await state.add(7, 9999)
    assert await state.take(7) == [9999]  # bounded, and too-old ids are not offered
    assert await state.get(7) == "kk"  # taking the messages keeps the language
    await state.forget(7)
    assert await state.get(7) is None


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A real redis-server on a unix socket (.ci/run installs it)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    folder: Path = tmp_path_factory.mktemp("redis")
    socket = folder / "redis.sock"
    process = subprocess.Popen(
        [
            server,
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        if socket.exists():
            break
        process.poll()
        if process.returncode is not None:
            pytest.fail("redis-server did not start")
        time.sleep(0.05)
    yield f"unix://{socket}"
    process.terminate()
    process.wait(5)


def replica(catalog, translators, tmp_path, name, url):
    from bot.stats import StatsStore

    state = redis_state(url, BOT_ID)
    session = RecordingSession()
    bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))
    dp = create_dispatcher(
        catalog,
        translators,
        StatsStore(tmp_path / f"{name}.sqlite3"),
        memory=state,
        conversation=state,
        register_menu=False,
        flood=unlimited(),
    )
    return dp, bot, session, state


async def test_two_replicas_share_the_language_choice(redis_url, catalog, translators, tmp_path):
    dp1, bot1, session1, state1 = replica(catalog, translators, tmp_path, "a", redis_url)
    dp2, bot2, session2, state2 = replica(catalog, translators, tmp_path, "b", redis_url)
    try:
        # the language is chosen through replica A ...
        await dp1.feed_update(bot1, callback_update(SetLanguage(code="kk").pack(), user_id=77))
        # ... and replica B answers the next message in it
        await dp2.feed_update(bot2, message_update("/start", lang="en", user_id=77))
        (sent,) = session2.sent(SendMessage)
        assert "Тақырыпты таңдаңыз" in sent.text
        # /forget through B clears it for A too
        await dp2.feed_update(bot2, message_update("/forget", lang=None, user_id=77))
        await dp1.feed_update(bot1, message_update("/start", lang=None, user_id=77))
        picker = session1.sent(SendMessage)[-1]
        assert "Choose your language" in picker.text
    finally:
        await state1.close()
        await state2.close()


async def test_quick_exit_on_one_replica_erases_what_another_sent(
    redis_url, catalog, translators, tmp_path
):
    from bot.handlers.tracking import track_bot

    dp1, bot1, session1, state1 = replica(catalog, translators, tmp_path, "c", redis_url)
    dp2, bot2, session2, state2 = replica(catalog, translators, tmp_path, "d", redis_url)
    track_bot(bot1, state1)
    track_bot(bot2, state2)
    try:
        await dp1.feed_update(bot1, message_update("/start", lang="ru", user_id=78))
        sent_by_a = [m for m in session1.sent(SendMessage)]
        assert sent_by_a
        await dp2.feed_update(bot2, callback_update(Nav(to=To.EXIT).pack(), lang="ru", user_id=78))
        (deletion,) = session2.sent(DeleteMessages)
        assert len(deletion.message_ids) >= 2  # the user's /start and A's reply
        # nothing is kept forever: the entry carries a TTL
        client = state2.storage.redis
        keys = await client.keys("kzrights:*")
        assert keys
        ttls = await asyncio.gather(*(client.ttl(k) for k in keys))
        assert all(0 < ttl <= TTL_SECONDS for ttl in ttls)
    finally:
        await state1.close()
        await state2.close()


async def test_two_bot_processes_behind_one_redis_share_the_language(redis_url, api, tmp_path):
    """Two real `python -m bot run --webhook` processes, as two replicas behind a balancer."""

    secret = "replica-secret"
    ports = []
    for _ in range(2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            ports.append(probe.getsockname()[1])
    processes = []
    for index, port in enumerate(ports):
        env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "BOT_API_URL": api.base_url,
            "BOT_DB": str(tmp_path / f"replica{index}.sqlite3"),
            "BOT_CONTENT_DIR": str(ROOT / "content"),
            "BOT_REDIS_URL": redis_url,
            "BOT_WEBHOOK_URL": "https://bot.example.org/hook",
            "BOT_WEBHOOK_SECRET": secret,
            "BOT_LISTEN": f"127.0.0.1:{port}",
        }
        processes.append(
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                "--webhook",
                cwd=tmp_path,
                env=env,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
        )
    user = User(id=4321, language_code="en")
    api.chats[user.id] = user.chat
    api.messages[user.id] = []
    try:
        async with aiohttp.ClientSession() as http:

            async def post(port: int, update: dict) -> None:
                for _ in range(200):  # the replica may still be starting
                    try:
                        async with http.post(
                            f"http://127.0.0.1:{port}/hook",
                            json=update,
                            headers={"X-Telegram-Bot-Api-Secret-Token": secret},
                        ) as response:
                            assert response.status == 200
                            return
                    except aiohttp.ClientConnectionError:
                        await asyncio.sleep(0.1)
                pytest.fail("replica did not start")

            start = {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": user.chat,
                    "from": user.as_json(),
                    "text": "/start",
                },
            }
            await post(ports[0], start)
            await api.wait_bot_messages(user.id, 1, timeout=30)
            home = api.last_bot_message(user.id)
            press = {
                "update_id": 2,
                "callback_query": {
                    "id": "q1",
                    "from": user.as_json(),
                    "chat_instance": "1",
                    "data": SetLanguage(code="kk").pack(),
                    "message": api._message_json(home),
                },
            }
            api.queries["q1"] = {"answered": False, "text": None, "created": 0}
            await post(ports[0], press)  # replica 1 learns the choice
            await api.wait_answered("q1", timeout=30)
            again = {**start, "update_id": 3}
            await post(ports[1], again)  # replica 2 answers in it
            await api.wait_bot_messages(user.id, 2, timeout=30)
            assert "Тақырыпты таңдаңыз" in api.last_bot_message(user.id).text
    finally:
        for process in processes:
            if process.returncode is None:
                process.terminate()
        for process in processes:
            await asyncio.wait_for(process.wait(), 15)
