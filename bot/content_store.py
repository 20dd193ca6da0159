"""The content being served, and everything derived from it, swapped whole on a reload.

A reload replaces the catalog only if the new files validate completely; otherwise the old
content keeps being served and the problems are returned (and logged) for the editor. While
new content is being built (in a child process, see bot.prepare) every chat is answered as
before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

from . import heap
from .content import Catalog, ContentError, Location, Problem
from .prepare import Outcome, Prepared, derive, prepare

log = logging.getLogger(__name__)
BUILD_TIMEOUT = 120.0  # seconds; a child that takes longer is stopped and the reload refused
PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)

Fingerprint = tuple[tuple[str, int, int], ...]


class ContentStore:
    def __init__(self, catalog: Catalog, content_dir: Path | None = None) -> None:
        self.content_dir = content_dir
        self.version = 0  # goes up with every swap, so whatever is derived knows to rebuild
        self.after_reload: list[Callable[[], None]] = []
        self._swap(derive(catalog))
        self._seen = self._fingerprint()
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    def _swap(self, prepared: Prepared) -> None:
        # Everything was built first: a handler never sees a half-new state.
        self._catalog, self.danger, self.search = (
            prepared.catalog,
            prepared.danger,
            prepared.search,
        )
        self.version += 1

    def reload_here(self) -> list[Problem]:
        """Load the content directory again in this process, blocking (the preview and tools;
        a serving bot uses `reload`). [] if the new content is now served."""
        if self.content_dir is None:
            return []
        self._seen = self._fingerprint()
        try:
            prepared = prepare(self.content_dir)
        except ContentError as exc:
            return self._refused(exc.problems)
        self._served(prepared)
        return []

    async def reload(self) -> list[Problem]:
        """Load the content directory again without holding up the event loop; [] if the new
        content is now served. One reload at a time; a second waits for the first."""
        if self.content_dir is None:
            return []
        async with self._lock:
            self._seen = await asyncio.to_thread(self._fingerprint)
            try:
                outcome = await self._build_in_child(self.content_dir)
            except (OSError, TimeoutError, pickle.UnpicklingError, EOFError) as exc:
                problem = Problem(
                    Location(str(self.content_dir), 1, 1),
                    f"the content could not be built ({type(exc).__name__}: {exc})",
                )
                return self._refused([problem])
            kind, parts = outcome
            if kind != "ok":
                return self._refused([p for p in parts if isinstance(p, Problem)])
            blobs = [p for p in parts if isinstance(p, bytes)]
            with heap.paused():  # the collector must not walk the new objects as they arrive
                loaded = []
                for blob in blobs:
                    loaded.append(pickle.loads(blob))
                    await asyncio.sleep(0)  # let waiting updates through between the parts
                catalog, danger, search = loaded
                self._served(Prepared(catalog, danger, search))
                heap.keep()
            return []

    async def _build_in_child(self, content_dir: Path) -> Outcome:
        # Only what the child needs: no token or other secret of the bot's settings.
        env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [PACKAGE_ROOT, env.get("PYTHONPATH")]))
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.prepare",
            str(content_dir),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        try:
            out, err = await asyncio.wait_for(child.communicate(), BUILD_TIMEOUT)
        except TimeoutError:
            child.kill()
            await child.wait()
            raise
        if child.returncode != 0:
            last = err.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
            raise OSError(f"exit {child.returncode}: {last[0]}")
        outcome: Outcome = pickle.loads(out)  # written by our own child, just now
        return outcome

    def _served(self, prepared: Prepared) -> None:
        self._swap(prepared)
        for hook in self.after_reload:
            hook()
        log.info("content reloaded: %d topics", len(prepared.catalog.topic_order))

    def _refused(self, problems: list[Problem]) -> list[Problem]:
        log.error("content not reloaded; still serving the previous version:")
        for problem in problems:
            log.error("  %s", problem)
        return problems

    def _fingerprint(self) -> Fingerprint:
        if self.content_dir is None or not Path(self.content_dir).is_dir():
            return ()
        files = []
        for path in sorted(Path(self.content_dir).rglob("*")):
            with contextlib.suppress(OSError):
                stat = path.stat()
                files.append((str(path), stat.st_mtime_ns, stat.st_size))
        return tuple(files)

    def changed(self) -> bool:
        return self._fingerprint() != self._seen

    def watch(self, every: float) -> None:
        """Reload by itself when files under the content directory change."""
        if self._task is None and self.content_dir is not None and every > 0:
            self._task = asyncio.create_task(self._watch(every))

    async def _watch(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            if await asyncio.to_thread(self._fingerprint) != self._seen:
                await self.reload()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
