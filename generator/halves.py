"""Work in two processes: a forked process does every other unit of work, this one the rest
(ingest reads files; render makes pages, and before them the memo's keys).

Render is pure Python over the corpus' knowledge, 40 s at 10,000 articles on one core. The
fork shares the knowledge and the renderer's indexes without copying them; the second
process sends back only its results (pages, or keys). The results are the same, in the same
order, as one process makes. Callers fork only where it is safe: no other thread running (not under
`mkdocs serve`), on a system with `fork`.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import TypeVar

from generator import forking

T = TypeVar("T")
MIN_UNITS = 2_000  # below this (about 300 articles) a fork costs more than it saves


def run(units: list[Callable[[], T]], processes: int = 2) -> list[T]:
    """Each unit's result, in the order of `units`."""
    if processes < 2 or len(units) < MIN_UNITS or not forking.available():
        return [unit() for unit in units]
    read, write = os.pipe()
    pid = forking.fork()
    if pid == 0:  # the second process: every odd unit, then exit without running anything after
        os.close(read)
        try:
            result = ("pages", [unit() for unit in units[1::2]])
        except BaseException as exc:  # reported to the first process, which raises it
            result = ("error", f"{type(exc).__name__}: {exc}")
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        forking.end(0)
    os.close(write)
    try:
        mine = [unit() for unit in units[0::2]]
    finally:
        with os.fdopen(read, "rb") as pipe:  # read before waiting: the second process blocks on a full pipe
            try:
                kind, theirs = pickle.load(pipe)
            except (EOFError, pickle.UnpicklingError):
                kind, theirs = "error", "it ended without sending its pages"
        os.waitpid(pid, 0)
    if kind == "error":
        raise RuntimeError(f"rendering in the second process failed: {theirs}")
    ordered: list = [None] * len(units)
    ordered[0::2], ordered[1::2] = mine, theirs
    return ordered
