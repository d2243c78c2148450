"""A second process for the second core, made by forking this one (see `split` and `halves`).

A fork shares the whole corpus' knowledge without copying or pickling it. Only on Linux: on
macOS a forked process can crash in system libraries. The caller makes sure no other thread
runs (not under `mkdocs serve`, which builds beside its web server).
"""

from __future__ import annotations

import os
import sys


def available() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        stream.flush()


def fork() -> int:
    """`os.fork`, with the output streams emptied first, or what they hold is written twice."""
    _flush()
    return os.fork()


def end(code: int) -> None:
    """End the second process at once: nothing of the caller's code runs after (no atexit, no cleanup)."""
    _flush()
    os._exit(code)
