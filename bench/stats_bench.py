"""Statistics benchmark (a script, not a test): store throughput and cost per update.

    .venv/bin/python bench/stats_bench.py

1. Events per second the store sustains: record N events with realistic keys, then flush
   them to a fresh SQLite file (WAL), timed end to end.
2. What recording adds to handling an update: the real dispatcher handles the same button
   press through a recording session, with the real store and with a store that drops events.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.callbacks import OpenTopic
from bot.content import load_catalog
from bot.preview import Preview
from bot.stats import Event, StatsStore


class DroppingStore(StatsStore):
    def record(self, event: Event, key: str = "", lang: str | None = None) -> None:
        pass


async def store_throughput(events: int) -> float:
    keys = [(Event.TOPIC, f"topic_{i % 9}") for i in range(40)] + [
        (Event.SECTION, f"topic_{i % 9}/section_{i % 6}") for i in range(60)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        store = StatsStore(Path(tmp) / "bench.sqlite3")
        await store.flush()
        started = time.perf_counter()
        for i in range(events):
            event, key = keys[i % len(keys)]
            store.record(event, key, ("kk", "ru", "en")[i % 3])
            if i % 5000 == 4999:  # a flush every few seconds in production; often here
                await store.flush()
        await store.flush()
        elapsed = time.perf_counter() - started
        await store.close()
    return events / elapsed


async def per_update(store: StatsStore, rounds: int) -> list[float]:
    catalog = load_catalog("content")
    data = OpenTopic(topic="domestic_violence").pack()
    timings = []
    with tempfile.TemporaryDirectory() as scratch:
        preview = Preview(catalog, None, "ru", Path(scratch), stats=store)
        for _ in range(rounds):
            started = time.perf_counter()
            await preview.press_data(data)
            timings.append(time.perf_counter() - started)
        await preview.bot.session.close()  # the store is closed by the caller
    return timings


async def main() -> None:
    events = 200_000
    rate = await store_throughput(events)
    print(
        f"store: {events} events recorded and flushed at {rate:,.0f} events/s (target >= 20,000)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        real = StatsStore(Path(tmp) / "a.sqlite3")
        dropping = DroppingStore(Path(tmp) / "b.sqlite3")
        await per_update(real, 200)  # warm-up
        await per_update(dropping, 200)
        with_stats, without = [], []
        for _ in range(5):  # alternate to share any drift in machine load
            with_stats += await per_update(real, 400)
            without += await per_update(dropping, 400)
        await real.close()
        await dropping.close()
    a, b = statistics.median(with_stats), statistics.median(without)
    print(
        f"update handling, median: {a * 1e6:.0f} us with recording, {b * 1e6:.0f} us without "
        f"({(a - b) / b * 100:+.1f}%, target < 5%)"
    )
    print(f"machine: {dt.date.today()}, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    asyncio.run(main())
