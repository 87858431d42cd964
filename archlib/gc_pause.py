"""Pausing Python's cyclic garbage collector around bulk work that creates no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Loading, checking and analysing a model build many small objects and no garbage cycles; the
    collector's repeated passes over every object built so far made both quadratic in the
    model's size. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
