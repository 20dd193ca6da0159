"""End-to-end benchmark (a script, not a test): the real bot process against bare aiogram.

    .venv/bin/python bench/bench.py [--users 200] [--rounds 3] [--saturated 30] [--paced 10]

Starts the local Bot API double (tests/bot_api_double.py) on 127.0.0.1, then, alternating,
the real bot (`python -m bot run` with BOT_API_URL pointing at the double) and a bare aiogram
bot (bench/bare_bot.py: one handler, a fixed reply). N simulated users each send a realistic
mix: /start, button presses, free text in kk, ru and en, and the emergency card.

- Saturated phase: every user sends the next update as soon as the last is answered, so the
  bot is never idle: updates per second is its throughput.
- Paced phase: the same users wait `--pause` seconds between updates, a heavy but realistic
  load; latency is measured there (in the saturated phase latency is only queueing:
  users / throughput, by Little's law, for any bot).

Also reports peak RSS and the time from process start to the first getUpdates, and writes
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from results import TOKEN, machine  # noqa: E402  (bench/results.py)

from tests.bot_api_double import BotApiDouble, User  # noqa: E402

NOTES = "## What profiling changed"
TEXTS = {
    "kk": ["жұмыстан себепсіз шығарды", "балама мектепте буллинг", "шағым қалай жазамын"],
    "ru": ["зарплату не платят третий месяц", "как пожаловаться на акимат", "что такое 111"],
    "en": ["my boss fired me while pregnant", "free legal aid", "how to complain"],
}


@dataclass
class Run:
    name: str
    saturated: list[float] = field(default_factory=list)
    paced: list[float] = field(default_factory=list)
    updates: int = 0
    elapsed: float = 0.0
    startup: float = 0.0
    peak_rss_kib: int = 0

    @property
    def throughput(self) -> float:
        return self.updates / self.elapsed if self.elapsed else 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


class Waiter:
    """Resolves a user's pending future when the bot answers that user."""

    def __init__(self) -> None:
        self.by_chat: dict[int, asyncio.Future[None]] = {}
        self.by_query: dict[str, asyncio.Future[None]] = {}

    def __call__(self, method: str, params: dict) -> None:
        future = None
        if method == "answerCallbackQuery":
            future = self.by_query.pop(params.get("callback_query_id", ""), None)
        elif method == "sendMessage":
            future = self.by_chat.pop(int(params.get("chat_id", 0)), None)
        if future is not None and not future.done():
            future.set_result(None)


async def simulate_user(
    api: BotApiDouble,
    waiter: Waiter,
    user: User,
    count: int,
    record: list[float],
    rng: random.Random,
    pause: float = 0.0,
) -> None:
    """One update in flight at a time; with `pause`, a person reading between taps."""
    loop = asyncio.get_running_loop()
    lang = user.language_code or "en"
    if pause:
        await asyncio.sleep(rng.random() * pause)  # people do not all tap at once
    for step in range(count):
        sent = api.bot_messages(user.id) if user.id in api.messages else []
        last = sent[-1] if sent else None
        roll = rng.random()
        future: asyncio.Future[None] = loop.create_future()
        started = time.perf_counter()
        if step == 0 or last is None or roll < 0.15:
            waiter.by_chat[user.id] = future
            await api.send_text(user, "/start")
        elif roll < 0.55:
            buttons = [d for d in last.callback_data() if not d.startswith("n:exit")]
            query = f"{user.id}-{time.perf_counter_ns()}"
            waiter.by_query[query] = future
            data = rng.choice(buttons) if buttons else "n:home::"
            await api.press(user, last, data, forged=True, query_id=query)
        elif roll < 0.9:
            waiter.by_chat[user.id] = future
            await api.send_text(user, rng.choice(TEXTS[lang]))
        else:
            waiter.by_chat[user.id] = future
            await api.send_text(user, "/sos")
        try:
            await asyncio.wait_for(future, 30)
        except TimeoutError:
            continue
        record.append(time.perf_counter() - started)
        if pause:
            await asyncio.sleep(pause)


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


async def measure(
    name: str,
    command: list[str],
    users: int,
    per_user: tuple[int, int],  # updates per user in the saturated and in the paced phase
    seed: int,
    pause: float,
) -> Run:
    api = BotApiDouble(TOKEN)
    await api.start()
    waiter = Waiter()
    api.listeners.append(waiter)
    run = Run(name)
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "BOT_API_URL": api.base_url,
            "BOT_DB": str(Path(scratch) / "stats.sqlite3"),
            "BOT_LOG_LEVEL": "WARNING",
            "BOT_FLOOD_PER_SECOND": "1000",
            "BOT_FLOOD_BURST": "1000",
            "BOT_RELOAD_SECONDS": "0",
            "BOT_CONTENT_DIR": str(ROOT / "content"),
        }
        spawned = time.perf_counter()
        process = await asyncio.create_subprocess_exec(*command, cwd=ROOT, env=env)
        try:
            while api.first_poll_at is None:  # noqa: ASYNC110 - another process is starting
                await asyncio.sleep(0.01)
            run.startup = api.first_poll_at - spawned
            rng = random.Random(seed)
            people = [
                User(id=10_000 + i, language_code=("kk", "ru", "en")[i % 3]) for i in range(users)
            ]
            started = time.perf_counter()
            await asyncio.gather(
                *(simulate_user(api, waiter, p, per_user[0], run.saturated, rng) for p in people)
            )
            run.elapsed = time.perf_counter() - started
            run.updates = len(run.saturated)
            paced = per_user[1]
            await asyncio.gather(
                *(simulate_user(api, waiter, p, paced, run.paced, rng, pause) for p in people)
            )
            run.peak_rss_kib = peak_rss_kib(process.pid)
        finally:
            process.terminate()
            await process.wait()
            await api.stop()
    return run


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--saturated", type=int, default=30, help="updates per user in the saturated phase"
    )
    parser.add_argument(
        "--paced", type=int, default=10, help="updates per user in the paced phase"
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=2.0,
        help="seconds each user waits between updates in the paced phase",
    )
    args = parser.parse_args()
    ours_cmd = [sys.executable, "-m", "bot", "run"]
    bare_cmd = [sys.executable, str(ROOT / "bench" / "bare_bot.py")]
    ours: list[Run] = []
    bare: list[Run] = []
    for command in (ours_cmd, bare_cmd):  # warm-up: bytecode compiled, files in the page cache
        await measure("warm-up", command, 0, (0, 0), 0, args.pause)
    for round_ in range(args.rounds):  # alternate, so drift in machine load hits both
        for runs, command in ((ours, ours_cmd), (bare, bare_cmd)):
            runs.append(
                await measure(
                    (runs is ours and "ours") or "bare",
                    command,
                    args.users,
                    (args.saturated, args.paced),
                    round_,
                    args.pause,
                )
            )

    def med(runs: list[Run], value: Callable[[Run], float]) -> float:
        return statistics.median(value(r) for r in runs)

    load = args.users / args.pause
    rows: list[tuple[str, Callable[[Run], float], str, str]] = [
        ("updates per second, saturated", lambda r: r.throughput, "{:.0f}", "≥ 0.8× bare"),
        (
            "p50 update→reply, saturated (ms)",
            lambda r: percentile(r.saturated, 0.5),
            "{:.0f}",
            "queueing only",
        ),
        (
            "p95 update→reply, saturated (ms)",
            lambda r: percentile(r.saturated, 0.95),
            "{:.0f}",
            "queueing only",
        ),
        (
            "p99 update→reply, saturated (ms)",
            lambda r: percentile(r.saturated, 0.99),
            "{:.0f}",
            "queueing only",
        ),
        (
            f"p50 update→reply at ~{load:.0f} updates/s (ms)",
            lambda r: percentile(r.paced, 0.5),
            "{:.1f}",
            "",
        ),
        (
            f"p95 update→reply at ~{load:.0f} updates/s (ms)",
            lambda r: percentile(r.paced, 0.95),
            "{:.1f}",
            "< 50 ms",
        ),
        (
            f"p99 update→reply at ~{load:.0f} updates/s (ms)",
            lambda r: percentile(r.paced, 0.99),
            "{:.1f}",
            "",
        ),
        ("peak RSS (MiB)", lambda r: r.peak_rss_kib / 1024, "{:.1f}", "≤ bare + 40 MiB"),
        ("start to first getUpdates (s)", lambda r: r.startup, "{:.2f}", "≤ bare + 1.5 s"),
    ]
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}. Date: {dt.date.today().isoformat()}.",
        f"{args.users} simulated users, {args.saturated} updates each in the saturated phase "
        f"and {args.paced} in the paced one, "
        f"{args.rounds} alternating rounds per bot (medians shown). Saturated: each user sends "
        f"the next update as soon as the last is answered. Paced: each user waits "
        f"{args.pause:g} s between updates (about {load:.0f} updates/s in all). The Bot API "
        "double runs in the benchmark process on the same 2 cores. Saturated latency is "
        "queueing (users ÷ throughput, by Little's law) for any bot, bare aiogram included, so "
        "the latency target is read at the paced load.",
        "",
        "| measure | this bot | bare aiogram | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for label, value, fmt, target in rows:
        a, b = med(ours, value), med(bare, value)
        ratio = a / b if b else float("nan")
        lines.append(f"| {label} | {fmt.format(a)} | {fmt.format(b)} | {ratio:.2f}× | {target} |")
    lines += ["", "Produced by `bench/bench.py`."]
    text = "\n".join(lines) + "\n"
    results = ROOT / "bench" / "RESULTS.md"
    print(text)
    # The hand-written history of what profiling changed is kept below the new table.
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    if NOTES in old:
        text += "\n" + old[old.index(NOTES) :]
    results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(main())
