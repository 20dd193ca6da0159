"""The content being served, and everything derived from it, swapped whole on a reload.

A reload replaces the catalog only if the new files validate completely; otherwise the old
content keeps being served and the problems are returned (and logged) for the editor.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from .content import Catalog, ContentError, Problem, load_catalog
from .danger import DangerMatcher
from .search import build_index

log = logging.getLogger(__name__)


class ContentStore:
    def __init__(self, catalog: Catalog, content_dir: Path | None = None) -> None:
        self.content_dir = content_dir
        self.version = 0  # goes up with every swap, so whatever is derived knows to rebuild
        self.after_reload: list[Callable[[], None]] = []
        self.catalog = catalog
        self._seen = self._fingerprint()
        self._task: asyncio.Task[None] | None = None

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    @catalog.setter
    def catalog(self, catalog: Catalog) -> None:
        # Build everything first, then swap: a handler never sees a half-new state.
        danger = DangerMatcher(
            {lang: pack.safety.danger_words for lang, pack in catalog.languages.items()}
        )
        search = build_index(catalog)
        self._catalog, self.danger, self.search = catalog, danger, search
        self.version += 1

    def reload(self) -> list[Problem]:
        """Load the content directory again; [] if the new content is now served."""
        if self.content_dir is None:
            return []
        self._seen = self._fingerprint()
        try:
            catalog = load_catalog(self.content_dir)
        except ContentError as exc:
            log.error("content not reloaded; still serving the previous version:")
            for problem in exc.problems:
                log.error("  %s", problem)
            return exc.problems
        self.catalog = catalog
        for hook in self.after_reload:
            hook()
        log.info("content reloaded: %d topics", len(catalog.topic_order))
        return []

    def _fingerprint(self) -> tuple[tuple[str, int, int], ...]:
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
            if self.changed():
                self.reload()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
