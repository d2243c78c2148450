"""The extraction cache: one extraction per article, keyed by its content and the extractor's
fingerprint, in the cache folder's `extract/`.

Each extraction is written to its own JSON file as soon as its worker returns it, so a build
stopped halfway keeps what it had parsed; the file holds its key and a digest of its content,
and one that does not match them is extracted again. Reading 10,000 such files takes 8 to 11
s, a third of a 30-second rebuild, so the extractions of the last corpus are also kept
together in one `pack.msgpack` of plain rows (see `cachefile`), read in about a second. The pack is rewritten only when more
than `STALE` of the extractions came from single files: an edit or two costs no rewrite.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from generator.model import Extraction
from generator.process import cachefile

log = logging.getLogger("annals")

PACK = "pack.msgpack"
PACK_FORMAT = 3  # bump when Extraction.to_row changes shape
STALE = 0.01  # share of single-file reads that triggers a rewrite of the pack (at least 64)


def _digest(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


class ExtractionCache:
    def __init__(self, cache_dir: Path | None, fingerprint: str) -> None:
        self.folder = cache_dir / "extract" if cache_dir is not None else None
        self.fingerprint = fingerprint
        self.pack: dict[str, tuple] = {}
        self.loose = 0  # extractions read or written as single files in this run
        if self.folder is None:
            return
        loaded = cachefile.load(self.folder / PACK, "extraction pack", "reading single files")
        if (
            isinstance(loaded, dict)
            and loaded.get("format") == PACK_FORMAT
            and loaded.get("fingerprint") == fingerprint
        ):
            self.pack = loaded["rows"]

    def preload(self, keys: list[str]) -> None:
        """Nothing to do ahead: the pack is read when the cache opens, single files one by one."""

    def get(self, key: str) -> Extraction | None:
        if self.folder is None:
            return None
        row = self.pack.get(key)
        if row is not None:
            try:
                return Extraction.from_row(row)
            except (TypeError, ValueError):
                pass
        path = self.folder / f"{key}.json"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("extraction cache entry %s unreadable (%s); extracted again", path.name, exc)
            return None
        extraction = checked(key, data, f"entry {path.name}")
        if extraction is None:
            return None
        self.loose += 1
        return extraction

    def put(self, key: str, extraction: Extraction) -> None:
        if self.folder is None:
            return
        self.loose += 1
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f"{key}.json.tmp"
            tmp.write_bytes(entry(key, extraction))
            tmp.replace(self.folder / f"{key}.json")
        except OSError as exc:
            log.warning("cannot write the extraction cache (%s); continuing without it", exc)

    def close(self, current: dict[str, Extraction]) -> None:
        """Rewrite the pack with the extractions of this corpus (`current`, by key) when too
        many came from single files; before resolve, which adds to them."""
        if self.folder is None or not current or (self.pack and self.loose <= max(64, STALE * len(current))):
            return
        rows = {key: extraction.to_row() for key, extraction in current.items()}
        cachefile.save(
            self.folder / PACK,
            {"format": PACK_FORMAT, "fingerprint": self.fingerprint, "rows": rows},
            "extraction pack",
            "the next build reads single files",
        )


def entry(key: str, extraction: Extraction) -> bytes:
    """An entry as `checked` reads it: the extraction, its key and the digest of its content."""
    content = extraction.to_dict()
    return json.dumps({"key": key, "digest": _digest(content), "extraction": content}, ensure_ascii=False).encode()


def checked(key: str, data: bytes, name: str) -> Extraction | None:
    """The extraction an entry holds, or None (with a warning naming it) when it fails a check.

    An entry holds its own key and the digest of its content: one copied under another key,
    edited or planted is extracted again rather than trusted."""
    try:
        entry = json.loads(data)
        if (
            not isinstance(entry, dict)
            or entry.get("key") != key
            or entry.get("digest") != _digest(entry["extraction"])
        ):
            raise ValueError("it does not match its key or its digest")
        return Extraction.from_dict(entry["extraction"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("extraction cache %s not used (%s); extracted again", name, exc)
        return None
