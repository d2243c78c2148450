"""A file in the cache folder: written whole or not at all, checked against the digest it was
written with, and read back as plain data only; a file that fails either check is read as
nothing, with a warning (a cache can always be made again).

The cache lies in a folder others may write to, so a planted file must not run code. Its data
is Python's pickle format read by an unpickler that refuses every class but a fixed list of the
model's plain records (the standard library's documented way to restrict what pickle loads):
values, lists, tuples and dicts, and those records' fields, nothing callable. Pickle, not JSON
or msgpack, keeps the tuples and the records the model is made of at the speed a warm rebuild
needs (the extraction pack holds 10,000 articles' mentions).
"""

from __future__ import annotations

import hashlib
import importlib
import io
import logging
import os
import pickle
from pathlib import Path
from typing import Any

from generator.memory import gc_paused

log = logging.getLogger("annals")

MAGIC = b"annals cache 2\n"
DIGEST = 32
# The only classes a cache file may name: the model's records of plain fields.
RECORDS = frozenset({("generator.model", "Article"), ("generator.model", "Block"), ("generator.model", "Problem"),
                     ("generator.extract.gazetteer", "Place")})


class NotPlainData(pickle.UnpicklingError):
    pass


class _PlainData(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in RECORDS:
            return getattr(importlib.import_module(module), name)
        raise NotPlainData(f"it names {module}.{name}, which is not plain data")


def loads(data: bytes) -> Any:
    """Plain data from bytes `save` wrote; ValueError when they are not such bytes."""
    head, digest, payload = data[:len(MAGIC)], data[len(MAGIC):len(MAGIC) + DIGEST], memoryview(data)[len(MAGIC) + DIGEST:]
    if head != MAGIC:
        raise ValueError("not a cache file of this version of Annals")
    if hashlib.blake2b(payload, digest_size=DIGEST).digest() != digest:
        raise ValueError("its content does not match its digest")
    return _PlainData(io.BytesIO(payload)).load()


def load(path: Path, name: str, otherwise: str) -> Any:
    """What `path` holds, or None when it is missing or fails a check; the warning names the file
    (`name`) and what the build does without it (`otherwise`)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("%s %s unreadable (%s); %s", name, path, exc.strerror or exc, otherwise)
        return None
    try:
        with gc_paused():  # millions of small objects at 10,000 articles
            return loads(data)
    except Exception as exc:  # noqa: BLE001 - a damaged or planted cache file only costs making it again
        log.warning("%s %s not used (%s); %s", name, path, exc, otherwise)
        return None


def save(path: Path, data: Any, name: str, otherwise: str) -> None:
    """Write `data` to `path` through a temporary file, so a reader never sees half a file."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        payload = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as handle:
            handle.write(MAGIC + hashlib.blake2b(payload, digest_size=DIGEST).digest())
            handle.write(payload)
        os.replace(partial, path)
    except OSError as exc:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        log.warning("cannot write the %s (%s); %s", name, exc.strerror or exc, otherwise)
