"""Keeps CPython's garbage collector off the data that lives as long as the process.

The content, its search index and the interface catalogs are a few hundred thousand objects.
The collector walked all of them on every full collection: in the benchmark each one stopped
the bot for about 190 ms, and collections took about 40% of its CPU time, while finding no
garbage at all, since updates create no reference cycles that outlive them. So after start-up the
surviving objects are frozen (exempt from collection), young objects are collected less often,
and a reload freezes what it built without a full collection (which would stall every chat).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# Containers allocated before the youngest generation is collected (CPython's default: 700).
# One update allocates a few hundred, and reference counting frees nearly all of them anyway.
YOUNG_THRESHOLD = 20_000


def tune() -> None:
    """For a serving process: fewer young collections, then settle what start-up built."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
    settle()


def settle() -> None:
    """After long-lived data was (re)built: free what it replaced, freeze what stays."""
    gc.unfreeze()  # the replaced content becomes collectable again
    gc.collect()
    gc.freeze()


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No automatic collection while long-lived data is being built (it would walk all of it,
    tens of ms, and find nothing)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def keep() -> None:
    """After a reload: what was just built lives until the next one, so freeze it (instant).
    The content it replaced was frozen too; it is freed by reference counting, which freezing
    does not stop (the catalog holds no reference cycles: a test reloads and counts)."""
    gc.freeze()
