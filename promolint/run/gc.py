"""Fewer garbage collections during a run: it allocates millions of long-lived objects."""
from __future__ import annotations

import gc
from contextlib import contextmanager

GC_THRESHOLD = 50_000  # allocations between young-generation collections (Python: 700)


@contextmanager
def fewer_collections(first: int = GC_THRESHOLD):
    """Collect young garbage every `first` allocations instead of Python's 700: a run
    allocates millions of long-lived objects (documents, promotions, cached results),
    and the collector re-scanning them took about half of unpickling cached results."""
    before = raise_gc_threshold(first)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def raise_gc_threshold(first: int = GC_THRESHOLD) -> tuple:
    """Raise the young-generation threshold to at least `first`; the thresholds before."""
    before = gc.get_threshold()
    gc.set_threshold(max(first, before[0]), *before[1:])
    return before
