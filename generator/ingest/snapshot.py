"""The last run's articles, kept in the cache and trusted while a file's size, times and inode
are unchanged, so that a rebuild reads and parses only the files that changed.

At 10,000 articles reading and parsing every file takes 4 to 6 s of a 30-second rebuild. A
file's entry holds what reading it gave: the article (or None) and the problems reported. An
entry is trusted when the file's size, modification and change times and inode are those it
was read with, under the same ingest code and boilerplate data. The change time cannot be set
back by a user, so an edit that restores the modification time is still seen. Like git's
index, a file changed within `RACY` of being read could change again without its times
moving on a coarse clock: it is read again next time.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from generator import cachefile
from generator.model import Article, Problem

FILE = "ingest.pickle"
RACY = 2_000_000_000  # ns: wider than any file system's timestamp step
_PACKAGE = Path(__file__).parent
# The code that turns a file into an Article: a change to it reads every file again.
SOURCE = hashlib.blake2b(b"\0".join(
    p.read_bytes() for p in sorted([*_PACKAGE.glob("*.py"), _PACKAGE.parent / "model.py", _PACKAGE.parent / "ids.py"]))
).hexdigest()

# (file signature, article id, (article or None, problems, fingerprint of its words))
Entry = tuple[tuple[int, int, int, int] | None, str, tuple[Article | None, list[Problem], str | None]]


def signature(path: Path) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


class Snapshot:
    """Entries by the file's path relative to the corpus."""

    def __init__(self, folder: Path | None, version: str) -> None:
        self.path = folder / FILE if folder is not None else None
        self.version = version
        self.started = time.time_ns()
        self.old: dict[str, Entry] = {}
        self.new: dict[str, Entry] = {}
        self.changed = False
        if self.path is None:
            return
        loaded = cachefile.load(self.path, "ingest snapshot", "reading every file")
        if isinstance(loaded, dict) and loaded.get("version") == version:
            self.old = loaded["files"]

    def get(self, rel: str, sig, article_id: str):
        """What the last run read from `rel`, if the file is as it was then; None: read it."""
        entry = self.old.get(rel)
        if sig is None or entry is None or entry[0] != sig or entry[1] != article_id:
            return None
        return entry[2]

    def keep(self, rel: str, sig, article_id: str, read) -> None:
        if sig is not None and sig[2] > self.started - RACY:
            sig = None  # changed just before it was read (ctime: a backdated mtime still counts): not trusted
        entry = (sig, article_id, read)
        self.new[rel] = entry
        if self.old.get(rel, (None,))[0] != sig or sig is None:
            self.changed = True

    def save(self) -> None:
        """Write the entries kept in this run (before later stages change the articles)."""
        if self.path is None or (not self.changed and self.new.keys() == self.old.keys()):
            return
        cachefile.save(self.path, {"version": self.version, "files": self.new}, "ingest snapshot",
                       "the next build reads every file")
