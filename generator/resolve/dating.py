"""Publication dates for undated articles, from the clues of every article together.

A weekday tied to a fixed date allows the years in which that date falls on that weekday;
the years the text names bound them from below, the newest dated article from above. Where
several years remain, an article about the same events decides: a parade in Beijing on a
Wednesday 3 September is the one another article dates to 2025. Only a year is inferred: a
weekday before an event says nothing certain about the month the article appeared in.
"""

from __future__ import annotations

import datetime as dt

from generator.extract import dates
from generator.model import Article, Extraction
from generator.resolve.events import Places


def infer_dates(articles: list[Article], extractions: dict[str, Extraction]) -> None:
    """Fill `inferred_date` of undated extractions where the clues allow one year."""
    known = {a.id: a.date or (extractions[a.id].inferred_date if a.id in extractions else None) for a in articles}
    newest = max((int(d[:4]) for d in known.values() if d), default=None)
    within = {m.name: m.within for e in extractions.values() for m in e.mentions if m.kind == "place" and m.within}
    for article in articles:
        extraction = extractions.get(article.id)
        if known[article.id] or extraction is None or newest is None:
            continue
        clues = extraction.date_clues
        low = max((c["year"] for c in clues if c["kind"] == "after"), default=None)
        weekdays = [c for c in clues if c["kind"] == "weekday"]
        if not weekdays:
            continue
        years = set(range(low or newest - 100, newest + 2))
        for clue in weekdays:
            years &= {y for y in years if _weekday(y, clue["month"], clue["day"]) == clue["weekday"]}
        why = "; ".join(c["why"] for c in weekdays)
        if len(years) > 1:
            others = _years_of_same_events(weekdays, article.id, known, extractions, within) & years
            if len(others) == 1:
                years = others
                why += f"; the same event in another article of {next(iter(years))}"
        if len(years) == 1:
            year = years.pop()
            extraction.inferred_date = str(year)
            extraction.inferred_date_evidence = f"inferred: {year}, from {why}"
            redate(extraction, extraction.inferred_date)


def _weekday(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:
        return None


def _years_of_same_events(clues: list[dict], article_id: str, known: dict, extractions: dict[str, Extraction],
                          within: dict[str, str]) -> set[int]:
    places = Places(within)

    def places_of(name: str | None) -> set[str]:
        return set(places.ancestors(name))

    years = set()
    for clue in clues:
        if not clue.get("type"):
            continue
        mine = places_of(clue.get("place"))
        for other_id, extraction in extractions.items():
            if other_id == article_id or not known.get(other_id):
                continue
            for event in extraction.events:
                if event.type == clue["type"] and event.date and (
                        not event.place or not mine or mine & places_of(event.place) or event.place in mine):
                    years.add(int(event.date[:4]))
    return years


def redate(extraction: Extraction, anchor: str) -> None:
    """Resolve again, against the inferred date, the time expressions read without one."""
    for mention in extraction.dates:
        if mention.value is None:
            mention.value, mention.end = dates.resolve(mention.text, anchor, mention.tense or mention.future)
    for event in extraction.events:
        if event.date is None and event.date_text and not event.name:
            event.date, _ = dates.resolve(event.date_text, anchor, event.future)


