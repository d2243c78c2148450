"""Stable, unique, file-name-safe ids: the last part of every page address."""

from __future__ import annotations

import hashlib

from slugify import slugify

MAX_LENGTH = 80
# Names Windows refuses as file names, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", "index", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


class IdMaker:
    def __init__(self) -> None:
        self.taken: set[str] = set()

    def make(self, name: str, fallback: str = "item", key: str | None = None) -> str:
        """A slug of `name`; on a clash, a hash of `key` (default: the name) keeps it unique and stable."""
        base = slugify(name, max_length=MAX_LENGTH, word_boundary=True) or fallback
        if base in _RESERVED:
            base = f"{base}-{fallback}"
        candidate = base
        if candidate in self.taken:
            candidate = f"{base}-{hashlib.sha1((key or name).encode()).hexdigest()[:6]}"
        n = 2
        while candidate in self.taken:
            candidate = f"{base}-{n}"
            n += 1
        self.taken.add(candidate)
        return candidate
