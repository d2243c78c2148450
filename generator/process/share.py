"""Work in two processes: a forked process and this one share out the units of work (ingest
reads files; render makes the memo's article keys, then the other keys and the pages).

Render is pure Python over the corpus' knowledge, on one core unless shared out. The
fork shares the knowledge and the renderer's indexes without copying them; the second
process sends back only its results (pages, or keys). The results are the same, in the same
order, as one process makes. Callers fork only where it is safe: no other thread running (not under
`mkdocs serve`), on a system with `fork`.

Units differ in cost (a much-named person's page against an article's), and so do the two
processes' speeds: with a fixed half each, one process waited up to a second for the other.
So both take batches from one queue, a pipe filled before the fork, until it is empty: they
end together. The last units (render's indexes over the whole corpus, the heaviest) are taken
first, so no large unit is left for the end.
"""

from __future__ import annotations

import os
import pickle
import struct
from collections.abc import Callable
from typing import TypeVar

from generator.process import fork

T = TypeVar("T")
MIN_UNITS = 2_000  # below this (about 300 articles) a fork costs more than it saves
BATCH = 32  # units taken at a time: a few milliseconds of work, a few hundred reads of the queue
_NUMBER = struct.Struct("=I")  # a batch number in the queue; a read of this size from a pipe is never split
_MOST_BATCHES = 16_000  # the queue is written whole before either process reads: it must fit a pipe's 64 KB


def run(units: list[Callable[[], T]], processes: int = 2) -> list[T]:
    """Each unit's result, in the order of `units`."""
    if processes < 2 or len(units) < MIN_UNITS or not fork.available():
        return [unit() for unit in units]
    size = max(BATCH, -(-len(units) // _MOST_BATCHES))
    batches = [range(start, min(start + size, len(units))) for start in range(0, len(units), size)][::-1]
    queue_read, queue_write = os.pipe()
    with os.fdopen(queue_write, "wb") as queue:
        queue.write(b"".join(_NUMBER.pack(n) for n in range(len(batches))))
    read, write = os.pipe()
    pid = fork.fork()
    if pid == 0:  # the second process: batches until the queue is empty, then exit without running anything after
        os.close(read)
        try:
            result = ("results", _work(units, batches, queue_read))
        except BaseException as exc:  # reported to the first process, which raises it
            result = ("error", f"{type(exc).__name__}: {exc}")
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        fork.end(0)
    os.close(write)
    try:
        mine = _work(units, batches, queue_read)
    finally:
        os.close(queue_read)
        with os.fdopen(read, "rb") as pipe:  # read before waiting: the second process blocks on a full pipe
            try:
                kind, theirs = pickle.load(pipe)
            except (EOFError, pickle.UnpicklingError):
                kind, theirs = "error", "it ended without sending its results"
        os.waitpid(pid, 0)
    if kind == "error":
        raise RuntimeError(f"the work in the second process failed: {theirs}")
    ordered: list = [None] * len(units)
    for made in (mine, theirs):
        for n, results in made.items():
            ordered[batches[n].start : batches[n].stop] = results
    return ordered


def _work(units: list[Callable[[], T]], batches: list[range], queue: int) -> dict[int, list[T]]:
    """The results of the batches this process takes from the queue, by batch number."""
    done: dict[int, list[T]] = {}
    while data := os.read(queue, _NUMBER.size):
        n = _NUMBER.unpack(data)[0]
        done[n] = [units[i]() for i in batches[n]]
    return done
