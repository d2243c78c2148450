"""Time-ordered views: the corpus timeline, one page per year, and the timeline section of
person, place and event pages.

Each entry keeps the precision its date has: an event dated only to 2015 sits under 2015
before the months, one dated to September 2015 under September, never on a made-up day.
"""

from __future__ import annotations

from collections import defaultdict

from generator.extract.dates import MONTH_NAMES
from generator.model import Anniversary, Article, Event


def rows(events: list[Event], articles: list[Article], titles: dict[str, str], up: str) -> list[tuple]:
    """Dated events and the dated articles that mention a thing, oldest first: (date, label, url,
    kind) tuples, which a template unpacks without an attribute look-up per cell."""
    found = [(e.date, e.name, f"{up}events/{e.id}.md", e.type) for e in events if e.date]
    found += [(a.date, titles[a.id], f"{up}articles/{a.id}.md", "article") for a in articles if a.date]
    return sorted(found, key=lambda r: (r[0], r[3] == "article", r[1], r[2]))


def by_month(events: list[Event]) -> list[dict]:
    """A year's events grouped by month; the events dated only by the year come first."""
    months: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        months[(event.date or "")[5:7]].append(event)
    return [
        {"label": MONTH_NAMES[int(m) - 1] if m else "", "events": sorted(months[m], key=lambda e: (e.date, e.name))}
        for m in sorted(months)
    ]


def years(events: list[Event], articles: list[Article], anniversaries: list[Anniversary]) -> list[dict]:
    """One entry per year that has a dated event, a dated article or an anniversary."""
    table: dict[str, dict] = defaultdict(lambda: {"events": [], "articles": [], "anniversaries": []})
    for event in events:
        if event.date:
            table[event.date[:4]]["events"].append(event)
    for article in articles:
        if article.date:
            table[article.date[:4]]["articles"].append(article)
    for anniversary in anniversaries:
        if anniversary.year:
            table[f"{anniversary.year:04d}"]["anniversaries"].append(anniversary)
    ordered = sorted(table)
    result = []
    for n, year in enumerate(ordered):
        entry = table[year]
        result.append(
            {
                "year": year,
                "months": by_month(entry["events"]),
                "events": entry["events"],
                "articles": sorted(entry["articles"], key=lambda a: (a.date, a.id)),
                "anniversaries": sorted(entry["anniversaries"], key=lambda a: (a.ordinal, a.of)),
                "previous": ordered[n - 1] if n > 0 else None,
                "next": ordered[n + 1] if n + 1 < len(ordered) else None,
            }
        )
    return result
