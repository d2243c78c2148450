"""Where things are, and the user's fixes from `corpus/annals.yml`."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger("annals")

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
REPO_DIR = PACKAGE_DIR.parent
USER_FILE = "annals.yml"  # in the corpus folder: the site owner's corrections and data


@cache
def packaged_data(name: str) -> dict[str, Any]:
    with open(DATA_DIR / f"{name}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


@dataclass
class Settings:
    corpus: Path
    cache_dir: Path | None = None
    user: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, corpus: Path, cache_dir: Path | None = None) -> Settings:
        settings = cls(corpus=Path(corpus), cache_dir=cache_dir)
        user_file = settings.corpus / USER_FILE
        if user_file.is_file():
            try:
                data = yaml.safe_load(user_file.read_text(encoding="utf-8")) or {}
                if not isinstance(data, dict):
                    raise ValueError("top level is not a mapping")
                settings.user = data
            except (OSError, ValueError, yaml.YAMLError) as exc:
                settings.problems.append(f"{USER_FILE}: ignored, cannot be read ({exc})")
        return settings

    def data(self, name: str) -> dict[str, Any]:
        """A packaged data file with the user's section of the same name laid over it.

        Lists are extended and mappings updated, so a user adds to the shipped data.
        """
        merged = {k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
                  for k, v in packaged_data(name).items()}
        extra = self.user.get(name) or {}
        if isinstance(extra, dict):
            for key, value in extra.items():
                if isinstance(merged.get(key), list) and isinstance(value, list):
                    merged[key].extend(value)
                elif isinstance(merged.get(key), dict) and isinstance(value, dict):
                    merged[key].update(value)
                else:
                    merged[key] = value
        return merged
