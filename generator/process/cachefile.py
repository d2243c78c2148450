"""A file in the cache folder: plain data (msgpack: values, lists and maps, never a class or
code), written whole or not at all, and checked against the digest it was written with. A file
that fails to read or to check is read as nothing, with a warning: a cache can always be made
again. The cache lies in a folder others may write to, so nothing in it may run.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any

import msgpack

from generator.process.memory import gc_paused

log = logging.getLogger("annals")

MAGIC = b"annals cache 3\n"
DIGEST = 32


def dumps(data: Any) -> bytes:
    payload = msgpack.packb(data, use_bin_type=True)
    return MAGIC + hashlib.blake2b(payload, digest_size=DIGEST).digest() + payload


def loads(data: bytes) -> Any:
    """The plain data `dumps` wrote (arrays come back as lists); ValueError for other bytes."""
    head, digest, payload = (
        data[: len(MAGIC)],
        data[len(MAGIC) : len(MAGIC) + DIGEST],
        memoryview(data)[len(MAGIC) + DIGEST :],
    )
    if head != MAGIC:
        raise ValueError("not a cache file of this version of Annals")
    if hashlib.blake2b(payload, digest_size=DIGEST).digest() != digest:
        raise ValueError("its content does not match its digest")
    # No extension types: an entry can only be values, lists and maps.
    return msgpack.unpackb(payload, raw=False, strict_map_key=False, ext_hook=_no_extensions)


def _no_extensions(code: int, data: bytes) -> Any:
    raise ValueError(f"it holds an extension type ({code}), which is not plain data")


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
        content = dumps(data)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(content)
        os.replace(partial, path)
    except OSError as exc:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        log.warning("cannot write the %s (%s); %s", name, exc.strerror or exc, otherwise)
