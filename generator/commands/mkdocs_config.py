"""Finding the MkDocs configuration for a build: the site's own, or the packaged default."""

from __future__ import annotations

import os
from pathlib import Path

from generator.config import PACKAGE_DIR, REPO_DIR

PACKAGED = PACKAGE_DIR / "site" / "mkdocs.yml"


def find_config(explicit: Path | None) -> Path:
    if explicit:
        return explicit
    for candidate in (Path.cwd() / "mkdocs.yml", REPO_DIR / "mkdocs.yml"):
        if candidate.is_file():
            return candidate
    return PACKAGED


def point_at(corpus: Path, cache: Path | None) -> None:
    """Tell the MkDocs hook which corpus to read (it runs inside the MkDocs process)."""
    os.environ["ANNALS_CORPUS"] = str(corpus.resolve())
    os.environ["ANNALS_CACHE"] = str(cache) if cache else "off"
