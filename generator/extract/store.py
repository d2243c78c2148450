"""The extraction cache at an fsspec URL: a folder, `s3://…`, `gs://…`, `memory://…`, shared by the
machines of a Dask cluster (see `process.cluster`).

Entries are keyed as in the local cache (article content and extractor fingerprint) and have its
single files' shape: JSON plain data holding the entry's key and the digest of its content.
Others may write a shared store, so an entry that is not JSON, names another key or does not
match its digest is never loaded: its article is extracted again and the entry named in a
warning. Needs the optional extra `annals[dask]` (fsspec; `s3fs` or `gcsfs` for those URLs).
"""

from __future__ import annotations

import logging
import os

from generator.extract.cache import checked, entry
from generator.model import Extraction

log = logging.getLogger("annals")


ENV = "ANNALS_CACHE_STORE"  # the store, for CI systems and the MkDocs plugin's users


class StoreError(RuntimeError):
    pass


def chosen(given: str | None) -> str | None:
    """The store a run uses: the option's, else the environment's, else none (the local cache)."""
    return (given or os.environ.get(ENV) or "").strip() or None


class SharedStore:
    """The cache's `get`, `put` and `close`, at `url` (entries under its `extract/` folder)."""

    def __init__(self, url: str) -> None:
        try:
            import fsspec
        except ImportError as exc:
            raise StoreError("a cache at a URL needs fsspec: pip install 'annals[dask]'") from exc
        try:
            self.fs, root = fsspec.core.url_to_fs(url)
        except (ImportError, ValueError) as exc:
            raise StoreError(f"cannot open the cache store {url} ({exc})") from exc
        self.url = url
        self.root = root.rstrip("/") + "/extract"
        self.loaded: dict[str, Extraction] = {}
        self.made = False  # whether the entries' folder is known to exist

    def path(self, key: str) -> str:
        return f"{self.root}/{key}.json"

    def preload(self, keys: list[str]) -> None:
        """Read the entries of `keys` that exist, in one listing and one batched read."""
        try:
            present = {p.rsplit("/", 1)[-1] for p in self.fs.find(self.root)}
        except (FileNotFoundError, OSError):
            return
        wanted = [self.path(k) for k in keys if f"{k}.json" in present]
        if not wanted:
            return
        try:
            contents = self.fs.cat(wanted, on_error="omit")
        except OSError as exc:
            log.warning("cache store %s unreadable (%s); extracting again", self.url, exc)
            return
        for path, data in contents.items():
            key = path.rsplit("/", 1)[-1].removesuffix(".json")
            extraction = checked(key, data, f"{self.url} entry {key}")
            if extraction is not None:
                self.loaded[key] = extraction

    def get(self, key: str) -> Extraction | None:
        return self.loaded.get(key)

    def put(self, key: str, extraction: Extraction) -> None:
        try:
            if not self.made:
                self.fs.makedirs(self.root, exist_ok=True)
                self.made = True
            # pipe_file writes the whole object at once on object stores; a reader that meets a
            # half-written local file fails the digest check and extracts again.
            self.fs.pipe_file(self.path(key), entry(key, extraction))
        except OSError as exc:
            log.warning("cannot write to the cache store %s (%s); continuing without it", self.url, exc)

    def close(self, current: dict[str, Extraction]) -> None:
        """Nothing to pack: a shared store is read entry by entry."""
