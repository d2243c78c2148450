"""Site search: Material's own index for a small site, Pagefind's chunked index for a large one.

Material's search downloads one index of the whole site before it shows a result (17 MB at
1,000 articles). Pagefind splits its index into chunks, and a query loads only the few it needs.
Either way the reader types into Material's search box: with Pagefind, the theme override in
`site/overrides/` points the box at Annals' worker, which asks Pagefind.

Pagefind indexes a copy of each page's content kept in the cache (`Stage`), not the built HTML:
the copy is small (no menus), and on an incremental build the pages MkDocs skips keep theirs.
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.annals")

CHOICES = ("auto", "material", "pagefind")
# Material's index holds about the Markdown of every page; above this its one download passes 2 MB.
AUTO_BYTES = 1_500_000
BUNDLE = "pagefind"  # Pagefind's files, in the site
WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
_H1 = re.compile(r"<h1\b")


def choose(setting: object, pages: dict[str, str]) -> str:
    """"material" or "pagefind": ANNALS_SEARCH, else `extra: annals_search:` in mkdocs.yml, else by size."""
    wanted = str(os.environ.get("ANNALS_SEARCH") or setting or "auto").lower()
    if wanted not in CHOICES:
        log.warning("annals_search: %r is not one of %s; choosing by the size of the site", wanted, ", ".join(CHOICES))
        wanted = "auto"
    if wanted == "auto":
        return "pagefind" if sum(len(p) for p in pages.values()) > AUTO_BYTES else "material"
    return wanted


def worker_filter(config_html: str) -> str:
    """Material's search worker address, in its page configuration, swapped for Annals' worker."""
    return WORKER.sub("assets/annals/search-worker.js", str(config_html))


class Stage:
    """Each page's content as a small HTML document, kept between builds, for Pagefind to index."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, url: str) -> Path:
        return self.folder / url / "index.html" if not url.endswith(".html") else self.folder / url

    def has(self, url: str) -> bool:
        return self.path(url).is_file()

    def add(self, url: str, title: str, content: str, entity: bool) -> None:
        """Stage a page; an entity or event page's name weighs most, so a name finds its page first."""
        if entity:
            content = _H1.sub('<h1 data-pagefind-weight="10"', content, count=1)
        document = (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
                    f'</head>\n<body><main data-pagefind-body>\n{content}\n</main></body></html>\n').encode("utf-8")
        path = self.path(url)
        if path.is_file() and path.read_bytes() == document:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(document)

    def prune(self, urls: set[str]) -> None:
        """Drop the pages the site no longer has."""
        keep = {self.path(u) for u in urls}
        for path in sorted(self.folder.rglob("*.html")):
            if path not in keep:
                path.unlink()

    def index(self, site_dir: Path) -> None:
        """Pagefind's bundle for the staged pages, written whole into the site."""
        out = site_dir / BUNDLE
        shutil.rmtree(out, ignore_errors=True)  # chunks of an earlier index must not linger
        command = [sys.executable, "-m", "pagefind", "--site", str(self.folder), "--output-path", str(out),
                   "--exclude-selectors", ".headerlink", "--force-language", "en", "--quiet"]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"Pagefind failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-2000:]}")
        # The bundle's optional user interfaces are not used: Material's search box is.
        for extra in out.glob("pagefind-*ui.*"):
            extra.unlink()
