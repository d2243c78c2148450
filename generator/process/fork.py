"""A second process for the second core, made by forking this one (see `mkdocs.split` and `process.share`).

A fork shares the whole corpus' knowledge without copying or pickling it. Only on Linux: on
macOS a forked process can crash in system libraries. The caller makes sure no other thread
runs (not under `mkdocs serve`, which builds beside its web server).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager


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


def start_method() -> str:
    """How worker processes start: from a fork server, not by forking this process (MkDocs serve
    builds in a thread, and forking a threaded process can deadlock); spawned where there is none."""
    import multiprocessing

    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


@contextmanager
def own_import_path():
    """Start helper interpreters (multiprocessing's fork server, resource tracker, spawned workers)
    with the import path of this interpreter and none of the current folder: they start as
    `python -c ...`, which puts the current folder first, so a `selectors.py` or `concurrent.py`
    lying there would run. PYTHONSAFEPATH (Python 3.11) keeps it out of their start; the path they
    then take from this process is cleaned of it too."""
    saved_env, saved_path = os.environ.get("PYTHONSAFEPATH"), list(sys.path)
    here = os.getcwd()
    os.environ["PYTHONSAFEPATH"] = "1"
    sys.path[:] = [p for p in sys.path if p not in ("", ".") and os.path.abspath(p) != here]
    try:
        yield
    finally:
        sys.path[:] = saved_path
        if saved_env is None:
            os.environ.pop("PYTHONSAFEPATH", None)
        else:
            os.environ["PYTHONSAFEPATH"] = saved_env
