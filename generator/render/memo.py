"""Render only the pages an edit can change: each piece of render work is keyed by a digest of
everything its pages show, and a piece whose key is the last run's reuses that run's Markdown.

On a large corpus rendering every page takes many seconds, and an edited article changes a few
dozen of them: its own page and those of the people, places, events and anniversaries it
names. A key holds, for an article's page, the article (its text and sentences by the key its
extraction was cached under) and the names and ids of what it links to; for a person's,
place's or organization's page, the entity with all its mentions and the sentences they cite,
what it shows of every article it is named in (title, date, and the other names in it, which
its connections count), its quotes, events and the places within it, and the people and places
of its events and who else is quoted where it is (its other ties); for an event's, its
series around it, its place and people; for an anniversary's, the event it marks and the
events that mark it. So an edit that names nobody new renders the edited article's page and
the indexes only. The indexes, the timeline and the home page list the whole corpus: they are
rendered every time.
Render's own code and templates are in every key, so a change to them renders everything.
Tests compare pages made with the memo to pages made without, after edits of every kind.
"""

from __future__ import annotations

import hashlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from generator.process import cachefile, share
from generator.render.common import MARKING_TYPES
from generator.render.digest import PLACE_IN_ARTICLE, digest, rows
from generator.render.kinds import article as article_kind

if TYPE_CHECKING:
    from generator.render import Renderer

FILE = "pages.msgpack"
RECENT = "recent.msgpack"
REWRITE = 0.1
_HERE = Path(__file__).parent
# Render's code and templates: a change to any of them changes every page.
SOURCE = hashlib.blake2b(
    b"\0".join(
        p.relative_to(_HERE).as_posix().encode() + b"\0" + p.read_bytes()
        for p in sorted(_HERE.rglob("*"))
        if p.is_file() and p.suffix in (".py", ".j2")
    )
).hexdigest()


def _event(event) -> str:
    """What another page shows of an event (its link, name, type and dates), short: an event's
    page holds twenty of its series, and a much-named place hundreds."""
    return digest(event.id, event.name, event.type, event.date, event.end, size=8)


class Keys:
    """The key of each piece of work of a renderer, from indexes the renderer has built."""

    def __init__(self, r: Renderer, processes: int = 1) -> None:
        self.r = r
        # Render's code and templates, and the event types it lists as marking an anniversary (data).
        self.base = digest(SOURCE, sorted(MARKING_TYPES), r.site_title)
        # The other keys hold what they show of articles: these are made first, in `processes` (see `process.share`).
        made = share.run([partial(article_kind.key, self, a) for a in r.k.articles], processes)
        self.article = {a.id: page for a, (page, _) in zip(r.k.articles, made, strict=True)}
        self.shown = {a.id: shown for a, (_, shown) in zip(r.k.articles, made, strict=True)}
        self.event_shown = {e.id: _event(e) for e in r.k.events}

    def articles_shown(self, ids) -> tuple:
        """The articles, in the order pages list them, by what pages show of them (title, date, names)."""
        order = self.r.order
        return tuple(self.shown[a] for a in sorted({a for a in ids if a in order}, key=order.__getitem__))

    def cited(self, refs) -> list:
        """The sentences a list of mentions quotes, as the page shows them."""
        return list(map(self.r.sentences.get, map(PLACE_IN_ARTICLE, rows(refs))))


class Memo:
    """The pages of earlier runs by key, in the cache folder: a base file and the pages added
    since it was written. A key is a digest of what its pages show, so a (key, pages) pair stays
    true whatever else changes; the base (the largest file of the cache) is
    rewritten only when more than `REWRITE` of it is new or unused."""

    def __init__(self, folder: Path) -> None:
        self.path, self.recent_path = folder / FILE, folder / RECENT
        self.base = self._load(self.path)
        self.recent = self._load(self.recent_path) if self.base else {}
        self.pages: dict[str, dict[str, str]] = {**self.base, **self.recent}

    @staticmethod
    def _load(path: Path) -> dict[str, dict[str, str]]:
        loaded = cachefile.load(path, "render memo", "rendering those pages again")
        return loaded if isinstance(loaded, dict) else {}

    def save(self, pages: dict[str, dict[str, str]]) -> None:
        """Keep `pages` (key -> that work's pages) for the next run."""
        new = {key: made for key, made in pages.items() if key not in self.base}
        unused = len(self.base) - (len(pages) - len(new))
        if new.keys() == self.recent.keys() and self.base:
            return  # nothing made that the files do not hold
        if not self.base or len(new) + unused > REWRITE * len(pages):
            cachefile.save(self.path, pages, "render memo", "the next build renders every page")
            self.recent_path.unlink(missing_ok=True)
            self.base, self.recent = dict(pages), {}
        else:
            cachefile.save(self.recent_path, new, "render memo", "the next build renders these pages again")
            self.recent = new
        self.pages = {**self.base, **self.recent}
