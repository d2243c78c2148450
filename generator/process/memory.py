"""Python's cyclic garbage collector, paused while the pipeline builds its data.

The collector runs every few hundred allocations and each full pass walks every live object:
with the millions of small objects of a large corpus, a warm rebuild spent seconds in it and
freed almost nothing (the model holds no reference cycles; reference counting frees it). It is paused while the pipeline runs and resumes afterwards.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
