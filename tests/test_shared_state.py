"""Several replicas behind one Redis: language and quick-exit state shared, with TTLs, and no
update lost to a race between replicas."""

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

from bot.callbacks import SetLanguage
from bot.conversation import DELETE_WINDOW
from bot.preview import Preview
from bot.shared_state import MAX_MESSAGES, TTL_SECONDS, SharedState, redis_state

from .bot_api_double import User
from .helpers import CONTENT_DIR, TOKEN

BOT_ID = int(TOKEN.split(":")[0])


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A real redis-server on a unix socket (.ci/run installs it)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    folder: Path = tmp_path_factory.mktemp("redis")
    socket_path = folder / "redis.sock"
    process = subprocess.Popen(
        [
            *(server, "--port", "0", "--unixsocket", str(socket_path)),
            *("--save", "", "--appendonly", "no", "--dir", str(folder)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        if socket_path.exists():
            break
        process.poll()
        if process.returncode is not None:
            pytest.fail("redis-server did not start")
        time.sleep(0.05)
    yield f"unix://{socket_path}"
    process.terminate()
    process.wait(5)


async def test_state_keeps_the_language_and_deletable_ids_only(redis_url):
    now = [1000.0]
    from redis.asyncio import Redis

    state = SharedState(Redis.from_url(redis_url), BOT_ID, clock=lambda: now[0])
    try:
        assert await state.get(7) is None
        await state.set(7, "kk")
        for message_id in range(MAX_MESSAGES + 5):
            await state.add(7, message_id)
        assert await state.get(7) == "kk"
        now[0] += DELETE_WINDOW + 1
        await state.add(7, 9999)
        assert await state.take(7) == [9999]  # bounded, and too-old ids are not offered
        assert await state.take(7) == []  # taken once
        assert await state.get(7) == "kk"  # taking the messages keeps the language
        await state.forget(7)
        assert await state.get(7) is None
    finally:
        await state.close()


async def test_two_replicas_racing_on_one_chat_lose_nothing(redis_url):
    """Before, each write read the whole entry and wrote it back: concurrent updates on two
    replicas overwrote each other's message ids or the language."""
    one, two = redis_state(redis_url, BOT_ID), redis_state(redis_url, BOT_ID)
    try:
        writes = [one.add(70, i) if i % 2 else two.add(70, i) for i in range(200)]
        await asyncio.gather(*writes, one.set(70, "ru"), two.add(70, 1000))
        assert sorted(await two.take(70)) == [*range(200), 1000]
        assert await one.get(70) == "ru"
    finally:
        await one.close()
        await two.close()


def replica(catalog, tmp_path, name, state, lang, user_id):
    return Preview(
        catalog, None, lang, tmp_path / name, user_id=user_id, memory=state, conversation=state
    )


async def test_two_replicas_share_the_language_choice(redis_url, catalog, translators, tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    state1, state2 = redis_state(redis_url, BOT_ID), redis_state(redis_url, BOT_ID)
    async with (
        replica(catalog, tmp_path, "a", state1, "en", 77) as a,
        replica(catalog, tmp_path, "b", state2, "en", 77) as b,
    ):
        # the language is chosen through replica A ...
        await a.send("/language")
        await a.press(translators["kk"].language_name("kk").capitalize())
        # ... and replica B answers the next message in it
        assert "Тақырыпты таңдаңыз" in await b.send("/start")
        # /forget through B clears it for A too (A's user has no Telegram language now)
        await b.send("/forget")
        a.user.pop("language_code")
        assert "Choose your language" in await a.send("/start")
    await state1.close()
    await state2.close()


async def test_quick_exit_on_one_replica_erases_what_another_sent(
    redis_url, catalog, translators, tmp_path
):
    for name in ("c", "d"):
        (tmp_path / name).mkdir()
    state1, state2 = redis_state(redis_url, BOT_ID), redis_state(redis_url, BOT_ID)
    async with (
        replica(catalog, tmp_path, "c", state1, "ru", 78) as c,
        replica(catalog, tmp_path, "d", state2, "ru", 78) as d,
    ):
        await c.send("/start")
        await d.send("/start")
        await d.press(translators["ru"].gettext("🚪 Quick exit"))
        # both users' /start and both replies, whichever replica sent them
        assert len(d.session.deleted) == 4
        # nothing is kept forever: every key carries a TTL
        await c.send("/start")
        keys = await state2.redis.keys("kzrights:*")
        assert keys
        ttls = await asyncio.gather(*(state2.redis.ttl(k) for k in keys))
        assert all(0 < ttl <= TTL_SECONDS for ttl in ttls)
    await state1.close()
    await state2.close()


STARTUP_SECONDS = 60


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
            "BOT_CONTENT_DIR": str(CONTENT_DIR),
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
                # The replica may still be starting: loading and indexing the content of every
                # language takes seconds on a busy machine, twice at once here.
                loop = asyncio.get_running_loop()
                deadline = loop.time() + STARTUP_SECONDS
                process = processes[ports.index(port)]
                while loop.time() < deadline:
                    if process.returncode is not None:
                        pytest.fail(f"replica exited with {process.returncode} before serving")
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
                pytest.fail(f"replica did not start within {STARTUP_SECONDS} s")

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
                    "data": SetLanguage(
                        code="kk"
                    ).pack(),  # the picker's button, as Telegram sends it
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
