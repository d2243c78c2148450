"""A pickle in the cache folder: written whole or not at all, and read back as nothing, with a
warning, when it is damaged (a cache can always be made again)."""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path
from typing import Any

from generator.memory import gc_paused

log = logging.getLogger("annals")


def load(path: Path, name: str, otherwise: str) -> Any:
    """What `path` holds, or None when it is missing or unreadable; the warning names the file
    (`name`) and what the build does without it (`otherwise`)."""
    try:
        with open(path, "rb") as handle, gc_paused():  # millions of small objects at 10,000 articles
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a damaged cache file only costs making it again
        log.warning("%s %s unreadable (%s); %s", name, path, exc, otherwise)
        return None


def save(path: Path, data: Any, name: str, otherwise: str) -> None:
    """Write `data` to `path` through a temporary file, so a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(partial, "wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except OSError as exc:
        log.warning("cannot write the %s (%s); %s", name, exc, otherwise)
