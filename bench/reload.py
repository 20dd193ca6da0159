"""Reload-latency benchmark (a script, not a test): reply latency while an editor keeps saving
a content file, against the same load with no edits.

    .venv/bin/python bench/reload.py [--rate 40] [--seconds 30] [--save-every 1.5] [--old-root DIR]

Runs `python -m bot run` over the local Bot API double on a copy of the content directory
(the bot's own watcher reloads it, every BOT_RELOAD_SECONDS as deployed: 3 s by default).
Updates arrive at `--rate` a second, each from a different person (so flood control plays no
part), a mix of /start and free-text questions in kk, ru and en; latency is from the update
being handed to the bot to its reply. Phase one: no edits. Phase two: a title in the copy is
changed and saved every `--save-every` seconds, so the content really changes each time.
The number of reloads done is read from the bot's log. With `--old-root` (a checkout of an
earlier commit) the same is measured there, for a before and after.

Writes the "## Reloads" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from results import TOKEN, machine, write_section  # noqa: E402  (bench/results.py)

from tests.bot_api_double import BotApiDouble, User  # noqa: E402

TEXTS = {
    "kk": ["жұмыстан себепсіз шығарды", "ұсталған кездегі құқықтар", "алимент төлемейді"],
    "ru": ["зарплату не платят", "права при задержании", "как получить защитное предписание"],
    "en": ["fired while pregnant", "free legal aid", "police will not take my complaint"],
}
EDITED = "en/topics/labour.yaml"
TITLE = 'title: "Labour rights"'


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)
    lost: int = 0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


@dataclass
class Measured:
    label: str
    quiet: Phase
    editing: Phase
    saves: int = 0
    reloads: int = 0


class Answers:
    def __init__(self) -> None:
        self.waiting: dict[int, asyncio.Future[None]] = {}

    def __call__(self, method: str, params: dict) -> None:
        if method == "sendMessage":
            future = self.waiting.pop(int(params.get("chat_id", 0)), None)
            if future is not None and not future.done():
                future.set_result(None)


async def load(
    api: BotApiDouble, answers: Answers, ids: itertools.count, rate: float, seconds: float
) -> Phase:
    """Open-loop arrivals: one update every 1/rate s, whatever the bot is doing."""
    phase = Phase()
    loop = asyncio.get_running_loop()

    async def one(n: int) -> None:
        lang = ("kk", "ru", "en")[n % 3]
        user = User(id=next(ids), language_code=lang)
        future: asyncio.Future[None] = loop.create_future()
        answers.waiting[user.id] = future
        text = "/start" if n % 4 == 0 else TEXTS[lang][n % 3]
        started = time.perf_counter()
        await api.send_text(user, text)
        try:
            await asyncio.wait_for(future, 10)
        except TimeoutError:
            phase.lost += 1
            return
        phase.latencies.append(time.perf_counter() - started)

    tasks = []
    begin = time.perf_counter()
    for n in range(int(rate * seconds)):
        delay = begin + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(n)))
    await asyncio.gather(*tasks)
    return phase


async def edit(content: Path, every: float, stop: asyncio.Event) -> int:
    """Save a real change to one file every `every` seconds; returns how many saves."""
    path = content / EDITED
    original = path.read_text(encoding="utf-8")
    saves = 0
    while not stop.is_set():
        saves += 1
        path.write_text(
            original.replace(TITLE, TITLE[:-1] + f' {saves % 2 + 1}"', 1), encoding="utf-8"
        )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)
    path.write_text(original, encoding="utf-8")
    return saves


async def measure(label: str, root: Path, args: argparse.Namespace) -> Measured:
    api = BotApiDouble(TOKEN)
    await api.start()
    answers = Answers()
    api.listeners.append(answers)
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        shutil.copytree(root / "content", content)
        log_path = Path(scratch) / "bot.log"
        env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "BOT_API_URL": api.base_url,
            "BOT_DB": str(Path(scratch) / "stats.sqlite3"),
            "BOT_LOG_LEVEL": "INFO",
            "BOT_CONTENT_DIR": str(content),
            "PYTHONPATH": str(root),
        }
        with log_path.open("wb") as log_file:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                cwd=root,
                env=env,
                stdout=log_file,
                stderr=log_file,
            )
            try:
                while api.first_poll_at is None:  # noqa: ASYNC110 - another process is starting
                    await asyncio.sleep(0.05)
                ids = itertools.count(1_000_000)
                await load(api, answers, ids, args.rate, 5)  # warm-up
                quiet = await load(api, answers, ids, args.rate, args.seconds)
                stop = asyncio.Event()
                editor = asyncio.create_task(edit(content, args.save_every, stop))
                editing = await load(api, answers, ids, args.rate, args.seconds)
                stop.set()
                saves = await editor
            finally:
                process.terminate()
                await process.wait()
                await api.stop()
        log = log_path.read_text(encoding="utf-8", errors="replace")
    result = Measured(label, quiet, editing, saves, log.count("content reloaded"))
    print(
        f"{label}: p99 quiet {quiet.percentile(0.99):.1f} ms, editing "
        f"{editing.percentile(0.99):.1f} ms; {result.reloads} reloads of {saves} saves",
        file=sys.stderr,
    )
    return result


def short_commit(root: Path) -> str:
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


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=40, help="updates per second")
    parser.add_argument("--seconds", type=float, default=30, help="length of each phase")
    parser.add_argument("--save-every", type=float, default=1.5)
    parser.add_argument("--old-root", type=Path, help="a checkout of an earlier commit")
    args = parser.parse_args()
    runs = [await measure(f"this commit ({short_commit(ROOT)})", ROOT, args)]
    if args.old_root is not None:
        label = f"before ({short_commit(args.old_root)})"
        runs.insert(0, await measure(label, args.old_root, args))
    lines = [
        f"Machine: {machine()}. Date: {dt.date.today().isoformat()}. Produced by "
        f"`bench/reload.py --rate {args.rate:g} --seconds {args.seconds:g} "
        f"--save-every {args.save_every:g}`.",
        "",
        f"{args.rate:g} updates a second, each from a different person; {args.seconds:g} s "
        f"with no edits, then {args.seconds:g} s with a real change saved every "
        f"{args.save_every:g} s (the bot's watcher looks every 3 s, as deployed). Latency: "
        "update handed to the bot → its reply.",
        "",
        "| bot | p50 quiet (ms) | p99 quiet (ms) | p50 editing (ms) | p99 editing (ms) "
        "| max editing (ms) | reloads / saves | lost | target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        lines.append(
            f"| {run.label} | {run.quiet.percentile(0.5):.1f} | {run.quiet.percentile(0.99):.1f} "
            f"| {run.editing.percentile(0.5):.1f} | {run.editing.percentile(0.99):.1f} "
            f"| {run.editing.percentile(1.0):.1f} | {run.reloads} / {run.saves} "
            f"| {run.quiet.lost + run.editing.lost} | p99 editing ≤ 50 |"
        )
    text = "\n".join(lines)
    print(text)
    write_section("Reloads", text)


if __name__ == "__main__":
    asyncio.run(main())
