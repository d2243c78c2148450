"""Site search: Material's own index for a small site, Pagefind's chunked index for a large one.

Material's search downloads one index of the whole site before it shows a result, which grows
with the site. Pagefind splits its index into chunks, and a query loads only the few it needs.
Either way the reader types into Material's search box: with Pagefind, the theme override in
`theme/` points the box at Annals' worker, which asks Pagefind.

Pagefind indexes a copy of each page's content kept in the cache (`Stage`), not the built HTML:
the copy is small (no menus), and on an incremental build the pages MkDocs skips keep theirs.
"""

from __future__ import annotations

import html
import json
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
import zlib
from functools import partial
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.annals")

CHOICES = ("auto", "material", "pagefind")
# Material's index holds about the Markdown of every page; above this its one download passes 2 MB.
AUTO_BYTES = 1_500_000
BUNDLE = "pagefind"  # Pagefind's files, in the site: <part>/<shard>/, and the list of them
LAYOUT = (
    "shards.json"  # {"bundles": {part: [bundle folder, ...]}, "shards": {part: count}}: the worker loads the bundles
)
PARTS = ("names", "text")
LISTING = ".files.json"  # in the stage: the files staged in each part
SHARD_PAGES = 2_000  # pages a shard holds at most: an edit re-indexes a few seconds' worth
# A name's page is staged as its few opening lines, a tenth of an article: its shards hold
# more, so a reader's first search loads 4 names shards at 10,000 articles instead of 16.
NAMES_SCALE = 4
NAMED_KINDS = {"person", "organization", "place", "event", "anniversary"}
WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
_H1 = re.compile(r"<h1\b")
_COUNT = re.compile(r'<span class="annals-count">.*?</span>')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')
_IGNORED = re.compile(r'<div data-pagefind-ignore="all"[^>]*>')
_DIV = re.compile(r"<(/?)div\b[^>]*>")
# Inline tags add no word boundary (Pagefind reads "<a>Rosa</a>s" as "Rosas"), so dropping them
# leaves the words Pagefind sees as they were; a block tag (p, li, td, br) would not.
_INLINE = re.compile(r"</?(?:a|span|em|strong|code)\b[^>]*>")


def choose(setting: object, pages: dict[str, str]) -> str:
    """ "material" or "pagefind": ANNALS_SEARCH, else the plugin's `search` option, else by size."""
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
        kept.append(content[pos : start.start()])
        pos = end
    kept.append(content[pos:])
    return _INLINE.sub("", "".join(kept))


class Stage:
    """Each page's content as a small HTML document, kept between builds, for Pagefind to index.

    The pages of people, places, organizations, events and anniversaries are indexed apart from
    the rest ("names" and "text"): a name's pages are few and short, so the worker shows them
    at once, and the articles that name it follow. In one index, ranking a common name's
    thousands of pages took seconds of a reader's CPU; the names alone answer at once.

    Each part is indexed in shards of at most `SHARD_PAGES` pages (`NAMES_SCALE` times that for
    the names), a page's shard fixed by its path, and the worker merges a part's shards into
    one search (Pagefind's `mergeIndex`). Pagefind cannot update an index, only make it again:
    an edit re-indexes the shards of the pages it changed, not every page of the site. The
    stage is laid out by shard (`<part>/<shard>/<page>`), so Pagefind reads a shard's folder as
    it is, with no folder of links made for it on each edit that names someone new."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.changed: set[tuple[str, str]] = set()  # (part, file in it) written or removed in this build
        self._files: dict[str, set[str]] | None = None  # see files()
        self._counts: dict[str, int] = {part: 1 for part in PARTS}  # the shards each part's files are laid out in

    @staticmethod
    def name(url: str) -> str:
        """A page's file in a part: "people/x/" -> "people/x/index.html". MkDocs gives the home
        page's URL as "./" (its file) or "" (its page): both are "index.html"."""
        url = url.removeprefix("./")
        return url if url.endswith(".html") else posixpath.join(url, "index.html")

    def file(self, part: str, name: str) -> Path:
        """Where a part's file is staged: in the folder of its shard."""
        self.files(part)  # the layout is read with the list
        return self.folder / part / str(shard_of(name, self._counts[part])) / name

    def path(self, url: str, part: str) -> Path:
        return self.file(part, self.name(url))

    def files(self, part: str) -> set[str]:
        """The files staged in a part. Listed in the stage at the end of each build: walking
        the stage's folders to find them is slow on a large site. The plugin removes the stage's
        token when a build starts and writes it when the build ends: after a failed build the
        next one starts from an empty stage, so the list is never behind."""
        if self._files is None:
            self._files = {part: set() for part in PARTS}
            try:
                data = json.loads((self.folder / LISTING).read_text(encoding="utf-8"))
                files = {part: {str(n) for n in data[part]} for part in PARTS}
                counts = {part: max(1, int(data["shards"][part])) for part in PARTS}
            except (OSError, ValueError, KeyError, TypeError):
                # No list (a first build) or an unreadable one: what is staged cannot be told
                # from what is stray, so the stage starts empty and every page is staged again.
                for part in PARTS:
                    shutil.rmtree(self.folder / part, ignore_errors=True)
            else:
                self._files, self._counts = files, counts
        return self._files[part]

    def plan(self, pages: dict[str, int]) -> None:
        """Lay out an empty part for the number of pages it will hold (a cold build), so that
        its files are staged in their shards at once, not moved there when it is indexed."""
        for part, count in pages.items():
            if not self.files(part):
                self._counts[part] = max(1, shard_count(count, _most(part)))

    def has(self, url: str) -> bool:
        name = self.name(url)
        return any(name in self.files(part) for part in PARTS)

    def add(self, url: str, title: str, content: str, kind: str | None) -> None:
        """Stage a page; a named thing's page weighs its name most, so a name finds its page first."""
        part = "names" if kind in NAMED_KINDS else "text"
        content = lean(stable(content) if part == "names" else content)
        if part == "names":
            content = _H1.sub('<h1 data-pagefind-weight="10"', content, count=1)
        document = (
            f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"</head>\n<body><main data-pagefind-body>\n{content}\n</main></body></html>\n"
        ).encode()
        name = self.name(url)
        for other in PARTS:  # a page that changed part leaves the other
            if other != part and name in self.files(other):
                self.file(other, name).unlink(missing_ok=True)
                self.files(other).discard(name)
                self.changed.add((other, name))
        path = self.file(part, name)
        self.files(part).add(name)
        if path.is_file() and path.read_bytes() == document:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(document)
        self.changed.add((part, name))

    def merge(self, changed) -> None:
        """Take in what another build process (see `split`) staged or removed: (part, file) pairs."""
        for part, name in changed:
            self.changed.add((part, name))
            if self.file(part, name).is_file():
                self.files(part).add(name)
            else:
                self.files(part).discard(name)

    def prune(self, urls: set[str]) -> None:
        """Drop the pages the site no longer has."""
        keep = {self.name(url) for url in urls}
        for part in PARTS:
            for name in sorted(self.files(part) - keep):
                self.file(part, name).unlink(missing_ok=True)
                self.files(part).discard(name)
                self.changed.add((part, name))

    def _relayout(self, part: str, count: int) -> None:
        """Move a part's files to the shards of a new count (its pages doubled, or halved)."""
        old = self._counts[part]
        for name in sorted(self.files(part)):
            source, target = self.file(part, name), self.folder / part / str(shard_of(name, count)) / name
            if source != target:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
        self._counts[part] = count
        for folder, _, _ in sorted(os.walk(self.folder / part), reverse=True):  # the folders left empty
            if folder != str(self.folder / part) and not os.listdir(folder):
                os.rmdir(folder)
        log.debug("annals: search stage %s laid out in %d shards (was %d)", part, count, old)

    def index(self, site_dir: Path, workers: int = 1) -> None:
        """Pagefind's bundles of each part's shards, in the site; a shard with no change keeps its bundle.

        At most `workers` Pagefind processes run at once: each holds its shard in memory, and the
        build must stay within a laptop's memory."""
        root = site_dir / BUNDLE
        before = _read_layout(root)  # {part: (shard count, bundle folders)}
        for stray in sorted(root.glob("*")):  # e.g. a bundle of an older layout
            if stray.is_dir() and stray.name not in PARTS:
                shutil.rmtree(stray)
            elif stray.is_file() and stray.name != LAYOUT:
                stray.unlink()
        bundles: dict[str, list[str]] = {}
        counts: dict[str, int] = {}
        jobs = []
        for part in PARTS:
            files = sorted(self.files(part))
            count = shard_count(len(files), _most(part))
            if files and count != self._counts[part]:
                self._relayout(part, count)
            shards = sorted({shard_of(name, count) for name in files})
            bundles[part], counts[part] = [f"{part}/{n}" for n in shards], count
            # With the same shard count every page stays in its shard: only the shards with a change are made again.
            same = before.get(part) == (count, bundles[part])
            touched = {shard_of(name, count) for p, name in self.changed if p == part} if same else None
            for old in sorted((root / part).glob("*")) if (root / part).is_dir() else []:
                if not (old.is_dir() and old.name.isdigit() and int(old.name) in shards):
                    shutil.rmtree(old) if old.is_dir() else old.unlink()  # a shard this layout has no more
            for n in shards:
                out = root / part / str(n)
                if touched is not None and n not in touched and (out / "pagefind-entry.json").is_file():
                    continue
                jobs.append((self.folder / part / str(n), out))
        (root / LAYOUT).unlink(missing_ok=True)  # written again only once every bundle is in place
        # The bundles made again are moved aside and removed while Pagefind makes the new ones.
        old = root / ".old"
        shutil.rmtree(old, ignore_errors=True)
        for n, (_, out) in enumerate(jobs):
            if out.exists():
                old.mkdir(parents=True, exist_ok=True)
                os.replace(out, old / str(n))
        remover = threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True})
        remover.start()
        try:
            _run_all([partial(_index_shard, source, out) for source, out in jobs], workers)
        finally:
            remover.join()
        root.mkdir(parents=True, exist_ok=True)
        listing = {**{part: sorted(self.files(part)) for part in PARTS}, "shards": dict(self._counts)}
        (self.folder / LISTING).write_text(json.dumps(listing) + "\n", encoding="utf-8")
        layout = {"bundles": bundles, "shards": counts}
        (root / LAYOUT).write_text(json.dumps(layout, sort_keys=True) + "\n", encoding="utf-8")


def _most(part: str) -> int:
    return SHARD_PAGES * (NAMES_SCALE if part == "names" else 1)


def _index_shard(source: Path, out: Path) -> tuple[subprocess.Popen, Path]:
    """Start Pagefind on one shard's folder of the stage."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(source),
        "--output-path",
        str(out),
        "--exclude-selectors",
        ".headerlink",
        "--force-language",
        "en",
        "--quiet",
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True), out


def stable(content: str) -> str:
    """What a named thing's page says of it before its first section, without its counts: its name,
    kind, description, place, aliases or dates. A new article changes the lists and counts of
    every entity it names; leaving them to the articles' own pages keeps those shards as they were."""
    content = content.split("<h2", 1)[0]
    return _COUNT.sub("", content)


def shard_count(pages: int, most: int) -> int:
    """A power of two, so that it changes only when a part doubles: a new count moves most pages
    to another shard, and every shard is made again."""
    count = 1 if pages else 0
    while count * most < pages:
        count *= 2
    return count


def shard_of(name: str, count: int) -> int:
    """A staged file's shard: fixed by its path (CRC-32 is stable across runs, unlike hash())."""
    return zlib.crc32(name.encode("utf-8")) % count if count > 1 else 0


def _read_layout(root: Path) -> dict[str, tuple[int, list[str]]]:
    try:
        data = json.loads((root / LAYOUT).read_text(encoding="utf-8"))
        return {
            str(part): (int(data["shards"][part]), [str(b) for b in folders])
            for part, folders in data["bundles"].items()
        }
    except (OSError, ValueError, AttributeError, TypeError, KeyError):
        return {}


def _run_all(starts: list, workers: int) -> None:
    """Run the Pagefind processes `starts` begin, `workers` at a time; raise on the first failure."""
    running: list[tuple[subprocess.Popen, Path]] = []
    pending = list(starts)
    try:
        while pending or running:
            while pending and len(running) < max(1, workers):
                running.append(pending.pop(0)())
            process, out = running.pop(0)
            output, _ = process.communicate()
            if process.returncode != 0:
                raise RuntimeError(f"Pagefind failed ({process.returncode}): {(output or '').strip()[-2000:]}")
            for extra in out.glob("pagefind-*ui.*"):  # its optional user interfaces: Material's search box is used
                extra.unlink()
    finally:
        for process, _ in running:
            process.kill()
            process.wait()
