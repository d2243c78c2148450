"""Writing generated pages: only into generated folders, only what changed, never a hand-written file.

Every generated page carries `generator: annals` in its front matter; a file without that
mark is hand-written and is never overwritten or deleted.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.render.common import SECTIONS

log = logging.getLogger("annals")

MARK = "generator: annals"
# The folders of the page kinds, and of the pages over the whole corpus: timelines and the corpus' health.
GENERATED_DIRS = (*(folder for _, folder in SECTIONS.values()), "timeline", "corpus")
GENERATED_FILES = ("index.md",)


def is_generated(path: Path) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return head.startswith("---") and MARK in head.split("\n---", 1)[0]


def allowed(rel: str) -> bool:
    parts = rel.split("/")
    if any(p in ("", ".", "..") for p in parts) or rel.startswith("/") or "\\" in rel:
        return False
    return rel in GENERATED_FILES or (len(parts) == 2 and parts[0] in GENERATED_DIRS and parts[1].endswith(".md"))


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    kept_hand_written: list[str] = field(default_factory=list)


def write_pages(pages: dict[str, str], out: Path) -> WriteReport:
    report = WriteReport()
    out = out.resolve()
    for rel in sorted(pages):
        if not allowed(rel):
            raise ValueError(f"refusing to write outside the generated folders: {rel!r}")
        path = out / rel
        content = pages[rel].encode("utf-8")
        if path.exists():
            if not is_generated(path):
                report.kept_hand_written.append(rel)
                log.warning("%s is hand-written; the generated page is not written over it", path)
                continue
            if path.read_bytes() == content:
                report.unchanged += 1
                continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(content)
        os.replace(tmp, path)
        report.written.append(rel)
    for rel in stale(pages, out):
        (out / rel).unlink()
        report.removed.append(rel)
    return report


def stale(pages: dict[str, str], out: Path) -> list[str]:
    """Generated files in the output that the current corpus no longer produces."""
    found = []
    candidates = [out / f for f in GENERATED_FILES] + [
        p for d in GENERATED_DIRS for p in sorted((out / d).glob("*.md"))
    ]
    for path in candidates:
        rel = path.relative_to(out).as_posix()
        if rel not in pages and path.is_file() and is_generated(path):
            found.append(rel)
    return found
