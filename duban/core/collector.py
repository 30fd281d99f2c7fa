"""Pausing Python's cycle collector while an output builds a few million objects.

Why: the 台账 of 100,000 tasks holds about two million small objects (tasks, units, rows,
strings) until its file is written, and every few hundred allocations the collector walks
the young ones and, ever more often as they pile up, all of them: a fifth of the export.
Reference counting still frees everything as usual; only reference cycles wait for the end
of the block. Process-wide (as the collector is): in threads the last block to end leaves
it on, and one that finds it already paused leaves it alone.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
