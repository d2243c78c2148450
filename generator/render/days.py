"""On this day: a page per calendar day with what happened on it in any year (events dated to
the day, anniversaries whose commemorated event fell on it, articles published on it), and a
calendar of the days that have anything.

Only dates given to the day count: an event dated to a month or a year is on no day's page.
"""

from __future__ import annotations

from collections import defaultdict

from generator.extract.dates import MONTH_NAMES
from generator.model import Anniversary, Article, Event

FOLDER = "on-this-day"


def day_of(date: str | None) -> str | None:
    """ "2015-05-09" → "05-09"; a date without its day → None."""
    return date[5:] if date and len(date) == 10 else None


def _remembered(anniversary: Anniversary, event: Event) -> str | None:
    """The date an anniversary counts from: the event's start or its end (a war's 70th anniversary
    of victory counts from its last day), whichever falls in the year the ordinal points to."""
    if anniversary.year is None:
        return event.date
    base = f"{anniversary.year - anniversary.ordinal:04d}"
    return next((d for d in (event.date, event.end) if d and d[:4] == base), None)


def day_label(day: str) -> str:
    """ "05-09" → "9 May"."""
    return f"{int(day[3:])} {MONTH_NAMES[int(day[:2]) - 1]}"


def collect(
    events: list[Event], articles: list[Article], anniversaries: list[Anniversary], events_by_id: dict[str, Event]
) -> dict[str, dict]:
    """{"MM-DD": {"events", "anniversaries", "articles"}}, each list oldest first."""
    days: dict[str, dict] = defaultdict(lambda: {"events": [], "anniversaries": [], "articles": []})
    for event in events:
        if day := day_of(event.date):
            days[day]["events"].append(event)
    for article in articles:
        if day := day_of(article.date):
            days[day]["articles"].append(article)
    for anniversary in anniversaries:
        event = events_by_id.get(anniversary.event) if anniversary.event else None
        if event and (day := day_of(_remembered(anniversary, event))):
            days[day]["anniversaries"].append((anniversary, event))
    for entry in days.values():
        entry["events"].sort(key=lambda e: (e.date, e.name, e.id))
        entry["articles"].sort(key=lambda a: (a.date, a.id))
        entry["anniversaries"].sort(key=lambda pair: (pair[0].year or 0, pair[0].ordinal, pair[0].id))
    return dict(sorted(days.items()))


def months(days: dict[str, dict]) -> list[dict]:
    """The calendar: each month with its days that have anything, and how much."""
    found: dict[str, list] = defaultdict(list)
    for day, entry in days.items():
        found[day[:2]].append(
            {
                "day": day,
                "n": int(day[3:]),
                "count": len(entry["events"]) + len(entry["anniversaries"]) + len(entry["articles"]),
            }
        )
    return [{"label": MONTH_NAMES[int(m) - 1], "days": found[m]} for m in sorted(found)]


def counts(days: dict[str, dict]) -> dict[str, int]:
    """What each day holds, as the page's script reads it to link today's page."""
    return {day: len(e["events"]) + len(e["anniversaries"]) + len(e["articles"]) for day, e in days.items()}
