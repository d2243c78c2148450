"""Where things are, and the user's fixes from `corpus/annals.yml`."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator import safe_yaml

log = logging.getLogger("annals")

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
REPO_DIR = PACKAGE_DIR.parent
USER_FILE = "annals.yml"  # in the corpus folder: the site owner's corrections and data
MANIFEST = ".annals-build.json"  # in a site folder Annals built: what it wrote (see incremental, sitedir)


@cache
def packaged_data(name: str) -> dict[str, Any]:
    with open(DATA_DIR / f"{name}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


MAX_USER_BYTES = 1_000_000
# The sections of `annals.yml` beside the packaged data files', and what each field of `fixes` holds.
FIXES = {
    "merge": dict,
    "split": dict,
    "not_entities": list,
    "kinds": dict,
    "within": dict,
    "descriptions": dict,
    "confirm": list,
    "not_events": list,
    "dates": dict,
}


@cache
def event_groups() -> dict[str, frozenset[str]]:
    """The groups of event types (`groups` in data/events.yml), shared by resolve and render."""
    return {name: frozenset(types) for name, types in packaged_data("events")["groups"].items()}


def _usable(data: dict, problems: list[str]) -> dict:
    """The fields of `annals.yml` of the right shape; each other field is reported and ignored."""
    shipped = {p.stem for p in DATA_DIR.glob("*.yml")}
    usable: dict[str, Any] = {}
    for section, value in data.items():
        if section != "fixes" and section not in shipped:
            problems.append(f"unknown section '{section}' ignored (known: fixes, {', '.join(sorted(shipped))})")
            continue
        if not isinstance(value, dict):
            problems.append(f"'{section}' is a {type(value).__name__}, not a mapping; ignored")
            continue
        expected = (
            FIXES
            if section == "fixes"
            else {k: type(v) for k, v in packaged_data(section).items() if isinstance(v, (list, dict))}
        )
        fields = {}
        for name, field_value in value.items():
            want = expected.get(name)
            if want is not None and not isinstance(field_value, want):
                problems.append(
                    f"'{section}.{name}' is a {type(field_value).__name__}, "
                    f"not a {'list' if want is list else 'mapping'}; ignored"
                )
                continue
            if section == "fixes" and want is None:
                problems.append(f"unknown field 'fixes.{name}' ignored (known: {', '.join(FIXES)})")
                continue
            fields[name] = field_value
        usable[section] = fields
    return usable


def usable_cache(folder: Path | None) -> Path | None:
    """`folder` if the cache can live there; else None, said once: a build without a cache is
    slower, never wrong (a file in its place, a folder that cannot be made or written). Nothing
    is created here: a build refused later must leave no folder behind."""
    if folder is None:
        return None
    existing = next((p for p in (folder, *folder.parents) if os.path.lexists(p)), None)
    if existing is not None and not existing.is_dir():
        reason = "a file is in its place" if existing == folder else f"{existing} is a file"
    elif existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        reason = f"{existing} cannot be written"
    else:
        return folder
    log.warning("the cache folder %s cannot be used (%s); building without a cache", folder, reason)
    return None


@dataclass
class Settings:
    corpus: Path
    cache_dir: Path | None = None
    user: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    store: str | None = None  # an fsspec URL the extraction cache lives at instead (see extract.store)

    @classmethod
    def load(cls, corpus: Path, cache_dir: Path | None = None, store: str | None = None) -> Settings:
        settings = cls(corpus=Path(corpus), cache_dir=usable_cache(cache_dir), store=store or None)
        user_file = settings.corpus / USER_FILE
        if user_file.is_file():
            try:
                if user_file.stat().st_size > MAX_USER_BYTES:
                    raise ValueError(f"larger than {MAX_USER_BYTES:,} bytes")
                data = safe_yaml.load(user_file.read_text(encoding="utf-8")) or {}
                if not isinstance(data, dict):
                    raise ValueError("top level is not a mapping")
                settings.user = _usable(data, settings.problems)
            except (OSError, ValueError, yaml.YAMLError) as exc:
                settings.problems.append(f"ignored, cannot be read ({exc})")
        return settings

    def data(self, name: str) -> dict[str, Any]:
        """A packaged data file with the user's section of the same name laid over it.

        Lists are extended and mappings updated, so a user adds to the shipped data.
        """
        merged = {
            k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
            for k, v in packaged_data(name).items()
        }
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
