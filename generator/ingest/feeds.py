"""RSS and Atom feeds, by feedparser: one article an item, with its title, link, author and
date, and its full content where the feed carries it (else its summary)."""

from __future__ import annotations

import feedparser

from generator.ingest.markup import written_date
from generator.ingest.text_body import body_blocks
from generator.model import Record


def read_feed(text: str, boilerplate: dict) -> tuple[list[Record], list[str]]:
    feed = feedparser.parse(text)
    if not feed.entries:
        reason = f"not a feed ({feed.bozo_exception})" if feed.get("bozo") else "the feed holds no items"
        raise ValueError(reason)
    records, notes = [], []
    inherited = feed.feed.get("author") if feed.get("version", "").startswith("atom") else None
    for n, entry in enumerate(feed.entries, 1):
        body = _content(entry)
        if not body.strip():
            notes.append(f"item {n} has no text; skipped")
            continue
        date = written_date(entry.get("published") or entry.get("updated") or entry.get("created"))
        title = " ".join((entry.get("title") or "").split()) or None
        records.append(
            Record(
                body_blocks(body),
                title=title,
                date=date,
                author=entry.get("author") or inherited,
                url=entry.get("link") or None,
                item=str(n),
                tags=sorted({t.get("term") for t in entry.get("tags") or [] if t.get("term")}),
            )
        )
    return records, notes


def _content(entry) -> str:
    """The item's full text where it has one (`content:encoded`, Atom `content`), else its summary."""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    return max(contents, key=len) if any(contents) else entry.get("summary") or ""
