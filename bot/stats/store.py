"""Daily counters in one SQLite file, written in batches so a reply never waits for the disk.

`record` only adds to a dictionary in memory. `flush` (every few seconds, and at shutdown)
writes the batch with UPSERTs in one transaction. If the file cannot be opened or written
(missing directory, locked, read-only, full, deleted), the counts stay in memory, one warning
is logged, and the next flush tries again.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from .events import Event

log = logging.getLogger(__name__)

CounterKey = tuple[str, str, str, str]  # day, event, key, language

# Forward migrations; PRAGMA user_version holds how many have been applied.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE counters (
        day   TEXT NOT NULL,      -- YYYY-MM-DD, UTC; nothing finer is ever stored
        event TEXT NOT NULL,
        key   TEXT NOT NULL,      -- a content id, language code or route; never user text
        lang  TEXT NOT NULL,
        n     INTEGER NOT NULL,
        PRIMARY KEY (day, event, key, lang)
    ) WITHOUT ROWID
    """,
)
UPSERT = (
    "INSERT INTO counters (day, event, key, lang, n) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (day, event, key, lang) DO UPDATE SET n = n + excluded.n"
)


@dataclass(frozen=True)
class Snapshot:
    rows: list[tuple[str, str, str, str, int]]
    complete: bool  # False: the file could not be read, these are only the counts in memory


def today_utc() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


class StatsStore:
    def __init__(
        self,
        path: Path,
        retention_days: int = 730,
        clock: Callable[[], dt.date] = today_utc,
    ) -> None:
        self.path = Path(path)
        self.retention_days = retention_days
        self._clock = clock
        self._pending: Counter[CounterKey] = Counter()
        self._writing: Counter[CounterKey] = Counter()  # the batch a flush is writing now
        self._db: aiosqlite.Connection | None = None
        self._inode: int | None = None
        self._failing = False
        self._pruned_on: dt.date | None = None
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None

    # --- the hot path: memory only --------------------------------------------------------------
    def record(self, event: Event, key: str = "", lang: str | None = None) -> None:
        self._pending[(self._clock().isoformat(), event.value, key, lang or "-")] += 1

    @property
    def pending(self) -> int:
        """Events counted but not yet on disk (including a batch being written)."""
        return sum(self._pending.values()) + sum(self._writing.values())

    # --- writing --------------------------------------------------------------------------------
    async def flush(self) -> bool:
        """Write what is pending; True if the file now holds everything counted so far."""
        async with self._lock:
            if not self._pending:
                return True
            batch, self._pending = self._pending, Counter()
            self._writing = batch
            try:
                db = await self._connection()
                await db.executemany(UPSERT, [(*key, n) for key, n in batch.items()])
                await self._prune(db)
                await db.commit()
            except (sqlite3.Error, OSError) as exc:
                self._pending.update(batch)  # keep every count for the next try
                self._writing = Counter()
                await self._drop_connection()
                if not self._failing:
                    log.warning(
                        "statistics not written (%s); keeping them in memory and retrying",
                        type(exc).__name__,
                    )
                self._failing = True
                return False
            self._writing = Counter()
            if self._failing:
                log.info("statistics written again")
            self._failing = False
            return True

    async def _connection(self) -> aiosqlite.Connection:
        if self._db is not None and self._inode != _inode(self.path):
            await self._drop_connection()  # the file was deleted or replaced under us
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = await aiosqlite.connect(self.path, timeout=2)
            try:
                await db.execute("PRAGMA journal_mode=WAL")
                await db.execute("PRAGMA synchronous=NORMAL")
                await self._migrate(db)
            except BaseException:
                await db.close()
                raise
            self._db, self._inode = db, _inode(self.path)
        return self._db

    @staticmethod
    async def _migrate(db: aiosqlite.Connection) -> None:
        async with db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        version = row[0] if row else 0
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            await db.execute(migration)
            await db.execute(f"PRAGMA user_version = {number}")
            await db.commit()

    async def _prune(self, db: aiosqlite.Connection) -> None:
        today = self._clock()
        if self._pruned_on == today:
            return
        cutoff = (today - dt.timedelta(days=self.retention_days)).isoformat()
        await db.execute("DELETE FROM counters WHERE day < ?", (cutoff,))
        self._pruned_on = today

    async def _drop_connection(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error, OSError):
                await self._db.close()
        self._db, self._inode = None, None

    async def snapshot(self) -> Snapshot:
        """Every counter, the pending ones included, for the report; `complete` is False when
        the file could not be written or read, so only the counts in memory are there."""
        complete = await self.flush()
        rows: Counter[CounterKey] = Counter()
        if complete:
            async with self._lock:
                try:
                    db = await self._connection()
                    async with db.execute("SELECT day, event, key, lang, n FROM counters") as cur:
                        for day, event, key, lang, n in await cur.fetchall():
                            rows[(day, event, key, lang)] += n
                except (sqlite3.Error, OSError) as exc:
                    log.warning("statistics file not read (%s)", type(exc).__name__)
                    await self._drop_connection()
                    complete = False
        rows.update(self._pending)
        return Snapshot([(*key, n) for key, n in sorted(rows.items())], complete)

    def today(self) -> dt.date:
        return self._clock()

    # --- lifecycle ------------------------------------------------------------------------------
    def start(self, every: float) -> None:
        """Flush in the background every `every` seconds."""
        if self._task is None:
            self._task = asyncio.create_task(self._flush_forever(every))

    async def _flush_forever(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            # Shielded: stopping the timer mid-write must not drop the batch being written;
            # close() then waits for that write (the lock) before writing the rest.
            await asyncio.shield(self.flush())

    async def close(self) -> None:
        """Stop the timer, write what is pending, close the file."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if not await self.flush():
            log.warning(
                "%d count(s) could not be written before shutdown and are lost", self.pending
            )
        await self._drop_connection()


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None
