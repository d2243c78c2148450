"""The last run's articles, kept in the cache and trusted while a file's size, times and inode
are unchanged, so that a rebuild reads and parses only the files that changed.

Reading and parsing every file was a large part of a warm rebuild. A
file's entry holds what reading it gave: its articles (none, one, or a feed's items) and the
problems reported. An
entry is trusted when the file's size, modification and change times and inode are those it
was read with, under the same ingest code and boilerplate data. The change time cannot be set
back by a user, so an edit that restores the modification time is still seen. Like git's
index, a file changed within `RACY` of being read could change again without its times
moving on a coarse clock: its bytes are digested before it is read, and the next run trusts
its entry only if the digest is the same (reading a file is a tenth of parsing it).
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from pathlib import Path

from generator.model import Article, Problem, row_of
from generator.process import cachefile

log = logging.getLogger("annals")

FILE = "ingest.msgpack"
RACY = 2_000_000_000  # ns: wider than any file system's timestamp step
_PACKAGE = Path(__file__).parent
# The code that turns a file into an Article: a change to it reads every file again.
SOURCE = hashlib.blake2b(
    b"\0".join(
        p.read_bytes()
        for p in sorted([*_PACKAGE.glob("*.py"), _PACKAGE.parent / "model.py", _PACKAGE.parent / "ids.py"])
    )
).hexdigest()

# (file signature, article id, (articles, problems, fingerprints of their words), digest of
# its bytes if it was read within RACY of changing, else None)
Entry = tuple[tuple[int, int, int, int] | None, str, tuple[list[Article], list[Problem], list[str]], str | None]


def signature(path: Path, st: os.stat_result | None = None) -> tuple[int, int, int, int] | None:
    """The file's size, times and inode, from its status if it was already taken."""
    try:
        st = st or os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None


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
            try:
                self.old = {rel: _entry(row) for rel, row in loaded["files"].items()}
            except (TypeError, ValueError, KeyError, AttributeError) as exc:
                log.warning("ingest snapshot %s not used (%s); reading every file", self.path, exc)

    def racy(self, sig) -> bool:
        """Whether the file changed too shortly before this run for its times to tell a later change."""
        return sig is not None and sig[2] > self.started - RACY

    def needs_digest(self, rel: str, sig) -> bool:
        """Whether the file's bytes must be digested (before it is read): it is racy now, or was when kept."""
        entry = self.old.get(rel)
        return self.racy(sig) or (entry is not None and entry[3] is not None)

    def get(self, rel: str, sig, article_id: str, digest: str | None):
        """What the last run read from `rel`, if the file is as it was then; None: read it."""
        entry = self.old.get(rel)
        if sig is None or entry is None or entry[0] != sig or entry[1] != article_id:
            return None
        if entry[3] is not None and entry[3] != digest:  # kept racily, and its bytes are not those read
            return None
        return entry[2]

    def keep(self, rel: str, sig, article_id: str, read, digest: str | None) -> None:
        """Keep what reading `rel` gave; `digest` is of its bytes before it was read (for a racy file)."""
        if self.racy(sig) and digest is None:
            sig = None  # racy and its bytes unknown: not trusted
        entry = (sig, article_id, read, digest if self.racy(sig) else None)
        self.new[rel] = entry
        old = self.old.get(rel)
        if sig is None or old is None or old[0] != sig or old[3] != entry[3]:
            self.changed = True

    def save(self) -> None:
        """Write the entries kept in this run (before later stages change the articles)."""
        if self.path is None or (not self.changed and self.new.keys() == self.old.keys()):
            return
        files = {rel: _row(entry) for rel, entry in self.new.items()}
        cachefile.save(
            self.path, {"version": self.version, "files": files}, "ingest snapshot", "the next build reads every file"
        )


def _row(entry: Entry) -> list:
    """An entry as plain values (the cache holds no classes)."""
    sig, art_id, (articles, problems, fingerprints), digest = entry
    return [
        sig,
        art_id,
        [[a.to_row() for a in articles], [row_of(Problem)(p) for p in problems], list(fingerprints)],
        digest,
    ]


def _entry(row: list) -> Entry:
    sig, art_id, (articles, problems, fingerprints), digest = row
    if not isinstance(articles, list) or not isinstance(fingerprints, list):
        raise TypeError("an entry of an older layout")
    return (
        tuple(sig) if sig is not None else None,
        art_id,
        ([Article.from_row(a) for a in articles], [Problem(*p) for p in problems], list(fingerprints)),
        digest,
    )
