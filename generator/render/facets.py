"""The years of each page, for the search box's year filter: an article's by its date, an event's
from its start to its end, an anniversary's by the year it falls in, a person's, organization's or
place's from its first article to its last. The reader's browser loads this once, when a year is
first asked for; the kind of a result is read from its address."""

from __future__ import annotations

import json

from generator.model import Knowledge
from generator.render.common import KIND_FOLDERS

FILE = "assets/annals/facets.json"


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def years(knowledge: Knowledge) -> dict[str, list[int]]:
    """{page address without ".md": [first year, last year]} for each page with a dated source."""
    found: dict[str, list[int]] = {}
    published = {}
    for article in knowledge.articles:
        year = _year(article.date)
        if year is not None:
            published[article.id] = year
            found[f"articles/{article.id}"] = [year, year]
    for kind, folder in KIND_FOLDERS.items():
        for entity in knowledge.entities(kind):
            seen = [published[a] for a in entity.articles if a in published]
            if seen:
                found[f"{folder}/{entity.id}"] = [min(seen), max(seen)]
    for event in knowledge.events:
        start = _year(event.date)
        if start is not None:
            found[f"events/{event.id}"] = [start, _year(event.end) or start]
    for anniversary in knowledge.anniversaries:
        if anniversary.year:
            found[f"anniversaries/{anniversary.id}"] = [anniversary.year, anniversary.year]
    return found


def facets_json(knowledge: Knowledge) -> str:
    return json.dumps(years(knowledge), separators=(",", ":"), sort_keys=True)
