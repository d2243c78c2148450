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
BUNDLE = "pagefind"  # Pagefind's files, in the site: one bundle a part
PARTS = ("names", "text")
NAMED_KINDS = {"person", "organization", "place", "event", "anniversary"}
WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
_H1 = re.compile(r"<h1\b")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')
_IGNORED = re.compile(r'<div data-pagefind-ignore="all"[^>]*>')
_DIV = re.compile(r"<(/?)div\b[^>]*>")
# Inline tags add no word boundary (Pagefind reads "<a>Rosa</a>s" as "Rosas"), so dropping them
# leaves the words Pagefind sees as they were; a block tag (p, li, td, br) would not.
_INLINE = re.compile(r"</?(?:a|span|em|strong|code)\b[^>]*>")


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


def lean(content: str) -> str:
    """A page's HTML with only what Pagefind indexes: no block marked `data-pagefind-ignore="all"`
    (an entity's mention lists, most of its page), no permalink marks, no inline tags.
    Pagefind parses every byte it is given; at 10,000 articles this halves what it reads."""
    content = _HEADERLINK.sub("", content)
    kept, pos = [], 0
    for start in _IGNORED.finditer(content):
        if start.start() < pos:  # inside a block already dropped
            continue
        depth, end = 0, len(content)
        for tag in _DIV.finditer(content, start.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        kept.append(content[pos:start.start()])
        pos = end
    kept.append(content[pos:])
    return _INLINE.sub("", "".join(kept))


class Stage:
    """Each page's content as a small HTML document, kept between builds, for Pagefind to index.

    The pages of people, places, organizations, events and anniversaries are indexed apart from
    the rest ("names" and "text"): a name's pages are few and short, so the worker shows them
    at once, and the articles that name it follow. At 10,000 articles, one index took 2.5 s
    of a reader's CPU to rank a common name's 8,000 pages; the names alone take 0.4 s."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.changed: set[str] = set()  # parts with a page written or removed in this build

    def path(self, url: str, part: str) -> Path:
        folder = self.folder / part
        return folder / url / "index.html" if not url.endswith(".html") else folder / url

    def has(self, url: str) -> bool:
        return any(self.path(url, part).is_file() for part in PARTS)

    def add(self, url: str, title: str, content: str, kind: str | None) -> None:
        """Stage a page; a named thing's page weighs its name most, so a name finds its page first."""
        part = "names" if kind in NAMED_KINDS else "text"
        content = lean(content)
        if part == "names":
            content = _H1.sub('<h1 data-pagefind-weight="10"', content, count=1)
        document = (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
                    f'</head>\n<body><main data-pagefind-body>\n{content}\n</main></body></html>\n').encode("utf-8")
        for other in PARTS:  # a page that changed part leaves the other
            if other != part and self.path(url, other).is_file():
                self.path(url, other).unlink()
                self.changed.add(other)
        path = self.path(url, part)
        if path.is_file() and path.read_bytes() == document:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(document)
        self.changed.add(part)

    def prune(self, urls: set[str]) -> None:
        """Drop the pages the site no longer has."""
        for part in PARTS:
            keep = {self.path(u, part) for u in urls}
            for path in sorted((self.folder / part).rglob("*.html")):
                if path not in keep:
                    path.unlink()
                    self.changed.add(part)

    def index(self, site_dir: Path) -> None:
        """Pagefind's bundle of each part, in the site; a part with no change keeps the bundle it has.

        The parts are indexed one after the other: Pagefind holds a whole part in memory (2 GB
        for 10,000 articles), and the build must stay within a laptop's memory."""
        for stray in sorted((site_dir / BUNDLE).glob("*")):  # e.g. a bundle of an older layout
            if stray.is_dir() and stray.name not in PARTS:
                shutil.rmtree(stray)
            elif stray.is_file():
                stray.unlink()
        for part in PARTS:
            out = site_dir / BUNDLE / part
            if part not in self.changed and (out / "pagefind-entry.json").is_file():
                continue
            shutil.rmtree(out, ignore_errors=True)  # chunks of an earlier index must not linger
            if not any((self.folder / part).rglob("*.html")):
                continue  # no page of this part: the worker finds no bundle and skips it
            command = [sys.executable, "-m", "pagefind", "--site", str(self.folder / part), "--output-path", str(out),
                       "--exclude-selectors", ".headerlink", "--force-language", "en", "--quiet"]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise RuntimeError(f"Pagefind failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-2000:]}")
            # The bundle's optional user interfaces are not used: Material's search box is.
            for extra in out.glob("pagefind-*ui.*"):
                extra.unlink()
