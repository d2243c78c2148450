"""How many cores a run may use: decided once, where the run starts (a command of the command
line, or the MkDocs plugin when MkDocs starts), and handed down to the stages that use them.

Extraction and the search index run in `workers` processes. Reading, rendering and the MkDocs
build share their work with one forked process (see `share`, `mkdocs.split`) only where a
fork is safe: a `build`, with no other thread running (`mkdocs serve` builds beside its web
server's threads), on a system whose `fork` is sound (see `fork`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from generator.process import cluster
from generator.process import fork as forking


def available() -> int:
    """The cores this process may use; ANNALS_WORKERS overrides (1 runs everything in one process)."""
    if given := os.environ.get("ANNALS_WORKERS"):
        return max(1, int(given))
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Cores:
    workers: int = 1  # extraction processes, and search-index processes at a time
    fork: bool = False  # reading, rendering and the MkDocs build share their work with a forked process
    scheduler: str | None = None  # a Dask scheduler that extracts instead of the workers (see cluster)

    @property
    def processes(self) -> int:
        return 2 if self.fork else 1

    @classmethod
    def decide(cls, command: str | None, scheduler: str | None = None) -> Cores:
        """The run's cores; `scheduler` (else ANNALS_SCHEDULER; "" for none) is checked here,
        before any work."""
        workers = available()
        fork = command == "build" and workers > 1 and forking.available()
        return cls(workers, fork, scheduler=None if scheduler == "" else cluster.chosen(scheduler))


ONE = Cores()  # everything in this process: the default of the library's functions
