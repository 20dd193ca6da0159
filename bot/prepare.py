"""Everything served from a content directory, built in one go: the catalog, the danger-word
matcher and the search index.

Built in this process at start-up. On a reload it is built in a child process instead
(`python -m bot.prepare DIR`, at a lower CPU priority), which writes it to its stdout as a
pickle of three separately pickled parts: parsing, validating and indexing take about a second
of CPU, and the event loop must not wait for them. The parent unpickles the parts one at a time
(a few ms each), so no chat waits longer than that.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

from .content import Catalog, ContentError, Problem, load_catalog
from .danger import DangerMatcher
from .search import SearchIndex, build_index


@dataclass(frozen=True)
class Prepared:
    catalog: Catalog
    danger: DangerMatcher
    search: SearchIndex


def derive(catalog: Catalog) -> Prepared:
    danger = DangerMatcher(
        {lang: pack.safety.danger_words for lang, pack in catalog.languages.items()}
    )
    return Prepared(catalog, danger, build_index(catalog))


def prepare(content_dir: Path) -> Prepared:
    """Raises ContentError when the directory does not validate."""
    return derive(load_catalog(content_dir))


# What the child writes: ("ok", [catalog, danger, search] each pickled) or ("problems", [...]).
Outcome = tuple[str, list[bytes]] | tuple[str, list[Problem]]


def main(argv: list[str]) -> int:
    with contextlib.suppress(OSError):
        os.nice(10)  # the serving process comes first
    try:
        prepared = prepare(Path(argv[0]))
    except ContentError as exc:
        outcome: Outcome = ("problems", exc.problems)
    else:
        parts = (prepared.catalog, prepared.danger, prepared.search)
        outcome = ("ok", [pickle.dumps(part, pickle.HIGHEST_PROTOCOL) for part in parts])
    sys.stdout.buffer.write(pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
