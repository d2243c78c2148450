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
from dataclasses import fields, is_dataclass
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from generator.model import Article, MentionRef, row_of
from generator.process import cachefile, share

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


def _digest(*parts: object, size: int = 20) -> str:
    # repr of plain dataclasses, lists, tuples and strings is the same in every run (no sets here).
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=size).hexdigest()


def _rows(items: list) -> list[tuple]:
    """Dataclasses of one kind as tuples of their fields: the repr of a tuple is made in C, of a
    dataclass in Python, several times slower over a large corpus' blocks and sentences."""
    return list(map(row_of(type(items[0])), items)) if items else []


# An article's fields but its text (its extraction's key stands for it) and its digest.
_ARTICLE = itemgetter(*(n for n, f in enumerate(fields(Article)) if f.name not in ("blocks", "content_hash")))
_PLACE_IN_ARTICLE = itemgetter(0, 1)  # (article, sentence) of a mention's row


def _article_row(article: Article) -> tuple:
    return _ARTICLE(row_of(Article)(article))


def _flat(item) -> tuple:
    """A dataclass as a tuple of its fields, its lists of dataclasses (mentions, roles) as lists of tuples."""
    return tuple(_rows(v) if type(v) is list and v and is_dataclass(v[0]) else v for v in row_of(type(item))(item))


def _event(event) -> str:
    """What another page shows of an event (its link, name, type and dates), short: an event's
    page holds twenty of its series, and a much-named place hundreds."""
    return _digest(event.id, event.name, event.type, event.date, event.end, size=8)


class Keys:
    """The key of each piece of work of a renderer, from indexes the renderer has built."""

    def __init__(self, r: Renderer, processes: int = 1) -> None:
        self.r = r
        self.base = _digest(SOURCE, r.site_title)
        # The other keys hold what they show of articles: these are made first, in `processes` (see `process.share`).
        made = share.run([partial(self._article, a) for a in r.k.articles], processes)
        self.article = {a.id: page for a, (page, _) in zip(r.k.articles, made, strict=True)}
        self.shown = {a.id: shown for a, (_, shown) in zip(r.k.articles, made, strict=True)}
        self.event_shown = {e.id: _event(e) for e in r.k.events}

    def _article(self, article) -> tuple[str, str]:
        """The key of the article's page, and of what other pages show of it."""
        r = self.r
        extraction = r.k.extractions.get(article.id)
        first, row = r.first_refs, row_of(MentionRef)
        linked = [
            (kind, e.id, e.name, ref and row(ref))
            for kind, e in r.in_article[article.id]
            for ref in (first.get((kind, e.id, article.id)),)
        ]
        events = [(e.id, e.name) for e in r.events_in_article[article.id]]
        also = [(e.kind, e.name, e.doubt) for e in r.also_in_article.get(article.id, ())]
        # The extraction's own key covers the title, date, blocks and sentences: no need to digest the text again.
        text = (
            extraction.made_from
            if extraction and extraction.made_from
            else (_rows(article.blocks), _rows(extraction.sentences) if extraction else None)
        )
        own = _article_row(article)
        page = _digest("article", self.base, own, article.content_hash, text, linked, events, also)
        shown = _digest("shown", self.base, own, r.titles[article.id], [item[:3] for item in linked], events, size=8)
        return page, shown

    def _articles(self, ids) -> tuple:
        """The articles, in the order pages list them, by what pages show of them (title, date, names)."""
        order = self.r.order
        return tuple(self.shown[a] for a in sorted({a for a in ids if a in order}, key=order.__getitem__))

    def _cited(self, refs) -> list:
        """The sentences a list of mentions quotes, as the page shows them."""
        return list(map(self.r.sentences.get, map(_PLACE_IN_ARTICLE, _rows(refs))))

    def entity(self, entity) -> str:
        r = self.r
        quotes = r.quotes_by.get((entity.kind, entity.id), [])
        events = r.events_of.get((entity.kind, entity.id), [])
        inside, below = [], []
        if entity.kind == "place":
            inside = [(p.id, p.name, len(p.articles)) for p in r.inside.get(entity.id, [])]
            below = [
                (p, [self.event_shown[e.id] for e in r.events_of.get(("place", p), [])])
                for p in r.descendants(entity.id)
            ]
        within = r.entity_by_id.get(("place", entity.within)) if entity.within else None
        shown = set(entity.articles) | {role.article for role in entity.roles} | {q.article for q in quotes}
        ties = r.ties.inputs((entity.kind, entity.id), lambda k: (known := r.entity_by_id.get(k)) and known.name)
        return _digest(
            "entity",
            self.base,
            _flat(entity),
            self._cited(entity.mentions),
            _rows(quotes),
            ties,
            [self.event_shown[e.id] for e in events],
            inside,
            below,
            (within.id, within.name) if within else None,
            self._articles(shown),
        )

    def event(self, event) -> str:
        r = self.r
        members, at, window = r.series_window(event)
        place = r.entity_by_id.get(("place", event.place)) if event.place else None
        people = [
            (p, r.entity_by_id[("person", p)].name) for p in event.participants if ("person", p) in r.entity_by_id
        ]
        marks = [(a.id, a.ordinal, a.of, a.year) for a in r.anniversaries_of.get(event.id, [])]
        neighbours = [members[at - 1] if at > 0 else None, members[at + 1] if at + 1 < len(members) else None]
        return _digest(
            "event",
            self.base,
            _flat(event),
            self._cited(event.mentions),
            len(members),
            [e and self.event_shown[e.id] for e in window + neighbours],
            (place.id, place.name) if place else None,
            people,
            marks,
            self._articles(event.articles),
        )

    def anniversary(self, anniversary) -> str:
        event = self.r.events_by_id.get(anniversary.event) if anniversary.event else None
        marking = [self.event_shown[e.id] for e in self.r.marking(anniversary)]
        return _digest(
            "anniversary",
            self.base,
            _flat(anniversary),
            self._cited(anniversary.mentions),
            event and self.event_shown[event.id],
            marking,
            self._articles(anniversary.articles),
        )


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
