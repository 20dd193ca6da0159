"""Memory benchmark (a script, not a test): what the real bot process holds per remembered
message and per person, and whether the ceiling on remembered messages holds.

    .venv/bin/python bench/memory.py [--chats 4000] [--messages 20] [--old-root DIR]

Runs `python -m bot run` over the local Bot API double (tests/bot_api_double.py). Each
simulated person opens a deep link (so a language is remembered) and sends `--messages` texts,
one at a time, each answered; every message in and out is one id the quick exit remembers.
Two batches of `--chats` people each, the process's resident memory read after each.

The bot is run three ways with the same traffic:
- with BOT_REMEMBERED_MESSAGES=1 (nothing is kept): the baseline, and the cost per person;
- with the default ceiling: (its growth - baseline's growth) / ids = bytes per message;
- with a ceiling far below the traffic: memory stops growing, and a quick exit in the first
  chat finds nothing left to delete, while the last chat's is deleted whole.
With `--old-root` (a checkout of an earlier commit) its default is measured too, for a before
and after. The language memory's and flood control's cost per person is measured in this
process with tracemalloc (their structures alone, 100,000 people).

Writes the "## Memory" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from results import TOKEN, machine, write_section  # noqa: E402  (bench/results.py)

from tests.bot_api_double import BotApiDouble, User  # noqa: E402

TEXTS = ("free legal aid", "мои права при задержании", "жалақы төленбейді")
CONCURRENCY = 200


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@dataclasses.dataclass
class Measured:
    label: str
    rss: list[int]  # KiB: after start-up, after batch 1, after batch 2
    ids: list[int]  # ids sent and received in batch 1, batch 2
    first_chat_erased: int = 0
    last_chat_erased: int = 0

    def growth(self, batch: int) -> int:
        return self.rss[batch + 1] - self.rss[batch]


class Answers:
    """Resolves a person's pending future when the bot sends that chat a message."""

    def __init__(self) -> None:
        self.waiting: dict[int, asyncio.Future[None]] = {}

    def __call__(self, method: str, params: dict) -> None:
        if method == "sendMessage":
            future = self.waiting.pop(int(params.get("chat_id", 0)), None)
            if future is not None and not future.done():
                future.set_result(None)


async def converse(api: BotApiDouble, answers: Answers, user: User, messages: int) -> None:
    loop = asyncio.get_running_loop()
    for step in range(messages):
        future: asyncio.Future[None] = loop.create_future()
        answers.waiting[user.id] = future
        text = f"/start {user.language_code}" if step == 0 else TEXTS[step % len(TEXTS)]
        await api.send_text(user, text)
        try:
            await asyncio.wait_for(future, 30)
        except TimeoutError:
            print(f"no answer in chat {user.id}", file=sys.stderr)


async def batch(api: BotApiDouble, answers: Answers, people: list[User], messages: int) -> int:
    """Every person converses; returns how many ids went in and out."""
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(user: User) -> None:
        async with gate:
            await converse(api, answers, user, messages)

    await asyncio.gather(*(one(user) for user in people))
    await asyncio.sleep(0.5)  # the last replies' bookkeeping
    return sum(len(api.messages.get(user.id, ())) for user in people)


async def erased(api: BotApiDouble, user: User) -> int:
    """Quick exit in this chat: how many of its messages the bot deleted."""
    since = len(api.requests)

    def deletes() -> list[int]:
        found: list[int] = []
        for r in api.requests[since:]:
            if r.error is None and int(r.params.get("chat_id", 0)) == user.id:
                if r.method == "deleteMessages":
                    ids = r.params["message_ids"]
                    found += json.loads(ids) if isinstance(ids, str) else ids
                elif r.method == "deleteMessage":
                    found.append(int(r.params["message_id"]))
        return found

    await api.send_text(user, "/exit")
    with contextlib.suppress(TimeoutError):
        await api.wait_for(lambda: bool(deletes()), timeout=5)
    await asyncio.sleep(0.5)  # a second batch of deletions, if any
    return len(deletes())


async def measure(
    label: str, root: Path, ceiling: int | None, chats: int, messages: int
) -> Measured:
    api = BotApiDouble(TOKEN)
    await api.start()
    answers = Answers()
    api.listeners.append(answers)
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "BOT_API_URL": api.base_url,
            "BOT_DB": str(Path(scratch) / "stats.sqlite3"),
            "BOT_LOG_LEVEL": "WARNING",
            # Each person here types faster than a person would; flood control is not measured.
            "BOT_FLOOD_PER_SECOND": "1000",
            "BOT_FLOOD_BURST": "1000",
            "BOT_RELOAD_SECONDS": "0",
            "BOT_CONTENT_DIR": str(root / "content"),
            "PYTHONPATH": str(root),
        }
        if ceiling is not None:
            env["BOT_REMEMBERED_MESSAGES"] = str(ceiling)
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=root, env=env
        )
        try:
            while api.first_poll_at is None:  # noqa: ASYNC110 - another process is starting
                await asyncio.sleep(0.05)
            # Warm-up: every code path and cache of this traffic touched once.
            warm = [User(id=1_000 + i, language_code=("kk", "ru", "en")[i % 3]) for i in range(30)]
            await batch(api, answers, warm, messages)
            await asyncio.sleep(1)
            result = Measured(label, [rss_kib(process.pid)], [])
            for round_ in range(2):
                people = [
                    User(id=100_000 + round_ * chats + i, language_code=("kk", "ru", "en")[i % 3])
                    for i in range(chats)
                ]
                started = time.perf_counter()
                result.ids.append(await batch(api, answers, people, messages))
                result.rss.append(rss_kib(process.pid))
                print(
                    f"{label}: batch {round_ + 1}: {result.ids[-1]} ids in "
                    f"{time.perf_counter() - started:.0f} s, RSS {result.rss[-1] / 1024:.1f} MiB",
                    file=sys.stderr,
                )
                if round_ == 0:
                    first = people[0]
            result.first_chat_erased = await erased(api, first)
            result.last_chat_erased = await erased(api, people[-1])
            return result
        finally:
            process.terminate()
            await process.wait()
            await api.stop()


def structure_bytes_per_person(people: int = 100_000) -> tuple[float, float]:
    """(language memory, flood control) bytes per person, measured with tracemalloc."""
    from bot.memory import LanguageMemory
    from bot.middlewares.flood import FloodControl

    def fill_languages() -> object:
        memory = LanguageMemory()
        for n in range(people):
            step = memory.set(5_000_000_000 + n, ("kk", "ru", "en")[n % 3])
            with contextlib.suppress(StopIteration):
                step.send(None)  # it never waits: run the coroutine to its end here
        return memory

    def fill_flood() -> object:
        flood = FloodControl(capacity=people)
        for n in range(people):
            flood.take(5_000_000_000 + n)
        return flood

    sizes = []
    for fill in (fill_languages, fill_flood):
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        kept = fill()
        gc.collect()
        sizes.append((tracemalloc.get_traced_memory()[0] - before) / people)
        tracemalloc.stop()
        del kept
    return sizes[0], sizes[1]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chats", type=int, default=4000, help="people in each batch")
    parser.add_argument("--messages", type=int, default=20, help="texts each person sends")
    parser.add_argument("--small-ceiling", type=int, default=50_000)
    parser.add_argument("--old-root", type=Path, help="a checkout of an earlier commit")
    args = parser.parse_args()
    base = await measure("nothing kept", ROOT, 1, args.chats, args.messages)
    default = await measure("default ceiling", ROOT, None, args.chats, args.messages)
    small = await measure(
        f"ceiling {args.small_ceiling:,}", ROOT, args.small_ceiling, args.chats, args.messages
    )
    old = None
    if args.old_root is not None:
        old = await measure("before", args.old_root, None, args.chats, args.messages)
    languages, flood = structure_bytes_per_person()

    def per_message(run: Measured, batch_: int) -> float:
        return (run.growth(batch_) - base.growth(batch_)) * 1024 / run.ids[batch_]

    ids = base.ids
    lines = [
        f"Machine: {machine()}. Date: {dt.date.today().isoformat()}. Produced by "
        f"`bench/memory.py --chats {args.chats} --messages {args.messages}`.",
        "",
        f"Each batch: {args.chats:,} people, each opening a deep link and sending "
        f"{args.messages} texts, each answered ({ids[0]:,} and {ids[1]:,} message ids in the "
        "two batches). Bytes per message: the process's growth in resident memory over a "
        "batch, minus the growth of the same traffic with nothing kept, divided by the ids.",
        "",
        "| measure | batch 1 | batch 2 | target |",
        "|---|---|---|---|",
    ]
    if old is not None:
        lines.append(
            f"| bytes per remembered message, before (`{old_label(args.old_root)}`) "
            f"| {per_message(old, 0):.0f} | {per_message(old, 1):.0f} | |"
        )
    lines += [
        f"| bytes per remembered message | {per_message(default, 0):.1f} "
        f"| {per_message(default, 1):.1f} | ≤ 32 |",
        f"| growth with a ceiling of {args.small_ceiling:,} ids, over nothing kept (KiB) "
        f"| {small.growth(0) - base.growth(0)} | {small.growth(1) - base.growth(1)} "
        "| flat once the ceiling is reached |",
        f"| bytes per person, nothing kept (all the process holds: flood bucket, language, "
        f"counters) | {base.growth(0) * 1024 / args.chats:.0f} "
        f"| {base.growth(1) * 1024 / args.chats:.0f} | |",
        "",
        f"With the ceiling of {args.small_ceiling:,}, a quick exit in the first chat of batch 1 "
        f"deleted {small.first_chat_erased} message(s) (only the /exit itself: its older ids "
        f"had been dropped, oldest first), and in the last chat of batch 2 "
        f"{small.last_chat_erased} (the whole conversation). With the default ceiling: "
        f"{default.first_chat_erased} and {default.last_chat_erased}.",
        "",
        f"Structures alone, 100,000 people (tracemalloc): language memory {languages:.0f} bytes "
        f"per person, flood control {flood:.0f} bytes per person.",
        "",
        "Resident memory (MiB) after start-up and warm-up, after batch 1, after batch 2: "
        + "; ".join(
            f"{run.label} {' → '.join(f'{kib / 1024:.1f}' for kib in run.rss)}"
            for run in (base, default, small, *([old] if old else []))
        )
        + ".",
    ]
    text = "\n".join(lines)
    print(text)
    write_section("Memory", text)


def old_label(root: Path) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return root.name
    return done.stdout.strip()


if __name__ == "__main__":
    asyncio.run(main())
