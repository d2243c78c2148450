"""Incremental builds: on a dirty build (`mkdocs build --dirty`, a warm `annals build`), MkDocs
renders only the pages whose Markdown changed since the site was built.

A generated page's HTML depends on its own Markdown and on what every page shares: the MkDocs
configuration (theme, menu, extensions), Annals' theme files, the search backend and the
versions of MkDocs and Material. The site keeps a manifest of both, the shared part as one
fingerprint and each generated page as a hash of its Markdown. When the fingerprint differs the
site is emptied and built whole; otherwise a page whose hash is unchanged and whose HTML is in
place is skipped. Hand-written pages follow MkDocs' own rule (their file is newer than their HTML).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from mkdocs.structure.files import File

from generator.config import MANIFEST, PACKAGE_DIR
from generator.mkdocs import PACKAGED, STYLESHEET, THEME

log = logging.getLogger("mkdocs.plugins.annals")


class GeneratedPage(File):
    """A generated page that tells MkDocs whether it changed since the site was last built."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


def digest(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()[:20]


def fingerprint(config_file: str, search: str) -> str:
    theme = sorted([STYLESHEET, PACKAGED, *(p for p in THEME.rglob("*") if p.is_file())])
    parts = [version("mkdocs"), version("mkdocs-material"), search, Path(config_file).read_bytes()]
    parts += [p.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + p.read_bytes() for p in theme]
    return digest(b"\0".join(p.encode() if isinstance(p, str) else p for p in parts))


@dataclass
class Manifest:
    fingerprint: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # generated page (docs path) -> hash of its Markdown
    # Every file the build wrote in the site folder (see `sitedir`); None in a manifest from before that.
    files: list[str] | None = None

    @classmethod
    def read(cls, site_dir: Path) -> Manifest:
        try:
            data = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
            files = data.get("files")
            files = [str(f) for f in files] if isinstance(files, list) else None
            return cls(str(data["fingerprint"]), {str(k): str(v) for k, v in data["pages"].items()}, files)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def write(self, site_dir: Path) -> None:
        data = {
            "fingerprint": self.fingerprint,
            "pages": dict(sorted(self.pages.items())),
            "files": sorted(self.files or ()),
        }
        (site_dir / MANIFEST).write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")

    @property
    def token(self) -> str:
        """Names this exact build, so the search stage can tell whether it belongs to it."""
        return digest(self.fingerprint + json.dumps(sorted(self.pages.items())))
