"""Publication dates for undated articles, from the clues of every article together.

Each clue allows some spans of days, and the article lies where they all overlap:

- a weekday tied to a fixed date ("Wednesday's parade" on 3 September, "Tues. May 22") allows
  the days around that date (news names weekdays only within about a week) in the years when
  it falls on that weekday;
- a person named with a title in the present ("President Moon Jae-in") allows that person's
  terms with the title (`terms` in `data/people.yml`); "new" the first months of a term;
- the years the text names bound it from below, the newest dated article from above;
- "this year" beside a date with its year puts it in that year.

Where several years remain, an article about the same events decides: a parade in Beijing on a
Wednesday 3 September is the one another article dates to 2025. The date has the precision the
overlap allows: a year, or a month when every remaining day lies in one month.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.extract import dates
from generator.model import Article, Extraction, Mention, PlaceTree

Span = tuple[dt.date, dt.date]
# "China's new President": within half a year of taking office.
_NEW = dt.timedelta(days=183)
_NOT_CURRENT = re.compile(r"\b(former|then|late|ex|onetime|erstwhile|elect|outgoing|future)\b", re.I)


def infer_dates(articles: list[Article], extractions: dict[str, Extraction], terms: dict | None = None) -> None:
    """Fill `inferred_date` of undated extractions where the clues allow one year."""
    known = {a.id: a.date or (extractions[a.id].inferred_date if a.id in extractions else None) for a in articles}
    newest = max((int(d[:4]) for d in known.values() if d), default=None)
    within: dict[str, str] | None = None  # where each place lies, read from every mention: made when first needed
    for article in articles:
        extraction = extractions.get(article.id)
        if known[article.id] or extraction is None:
            continue
        clues = extraction.date_clues
        low = max((c["year"] for c in clues if c["kind"] == "after"), default=None)
        # Without any dated article only the clues bound it (never today's date: builds repeat).
        top = newest + 1 if newest else 2100
        allowed: list[Span] = [(dt.date(low or (top - 100 if newest else 1900), 1, 1), dt.date(top, 12, 31))]
        why = []
        weekdays = [c for c in clues if c["kind"] == "weekday"]
        for clue in weekdays:
            before, after = (dt.timedelta(days=n) for n in clue.get("near", (-10, 10)))
            near = [
                (day + before, day + after)
                for y in range(allowed[0][0].year, top + 1)
                if (day := _date(y, clue["month"], clue["day"])) and day.weekday() == clue["weekday"]
            ]
            allowed = _overlap(allowed, near)
            why.append(clue["why"])
        for clue in (c for c in clues if c["kind"] == "year"):
            narrower = _overlap(allowed, [(dt.date(clue["year"], 1, 1), dt.date(clue["year"], 12, 31))])
            if narrower:
                allowed = narrower
                why.append(clue["why"])
        for spans, reason in _term_clues(extraction.mentions, terms or {}):
            narrower = _overlap(allowed, spans)
            if narrower:  # a clue that contradicts the others is the text's slip, not the date's
                allowed = narrower
                why.append(reason)
        if not why or not allowed:
            continue
        years = {y for a, b in allowed for y in range(a.year, b.year + 1)}
        if len(years) > 1:
            if within is None:
                within = {
                    m.name: m.within for e in extractions.values() for m in e.mentions if m.kind == "place" and m.within
                }
            others = _years_of_same_events(weekdays, article.id, known, extractions, within) & years
            if len(others) == 1:
                years = others
                why.append(f"the same event in another article of {next(iter(years))}")
        if len(years) == 1:
            year = years.pop()
            allowed = _overlap(allowed, [(dt.date(year, 1, 1), dt.date(year, 12, 31))])
            months = {(a.year, a.month) for a, _ in allowed} | {(b.year, b.month) for _, b in allowed}
            value = f"{year:04d}-{allowed[0][0].month:02d}" if len(months) == 1 else str(year)
            extraction.inferred_date = value
            # Two clues or more that agree make a date sure; one leaves it likely.
            confidence = "high" if len(why) >= 2 else "medium"
            extraction.inferred_date_evidence = f"inferred ({confidence} confidence): {value}, from " + "; ".join(why)
            redate(extraction, value)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _overlap(a: list[Span], b: list[Span]) -> list[Span]:
    return [(max(x0, y0), min(x1, y1)) for x0, x1 in a for y0, y1 in b if max(x0, y0) <= min(x1, y1)]


def _term_clues(mentions: list[Mention], terms: dict) -> list[tuple[list[Span], str]]:
    """The spans of office of people named with a present title: "President Moon Jae-in"."""
    found: dict[str, tuple[list[Span], str]] = {}
    for mention in mentions:
        offices = terms.get(mention.name) if mention.kind == "person" else None
        role = (mention.role or "").lower()
        if not offices or not role or _NOT_CURRENT.search(role):
            continue
        titles = [t for t in offices if re.search(rf"(?<![\w-]){re.escape(str(t))}(?![\w-])", role)]
        if not titles:
            continue
        title = max(titles, key=len)  # "vice president" over "president"
        new = bool(re.search(r"\b(new|newly)\b", role))
        spans = []
        for start, end in offices[title]:
            begin = dt.date.fromisoformat(str(start))
            spans.append(
                (begin, begin + _NEW if new else dt.date.fromisoformat(str(end)) if end else dt.date(9999, 12, 31))
            )
        held = ", ".join(f"{s}–{e or ''}" for s, e in offices[title])
        found.setdefault(
            f"{mention.name}/{title}/{new}",
            (spans, f"'{mention.role} {mention.name}' ({'newly ' if new else ''}{title} {held})"),
        )
    return list(found.values())


def _years_of_same_events(
    clues: list[dict], article_id: str, known: dict, extractions: dict[str, Extraction], within: dict[str, str]
) -> set[int]:
    places = PlaceTree(within)

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
                if (
                    event.type == clue["type"]
                    and event.date
                    and (not event.place or not mine or mine & places_of(event.place) or event.place in mine)
                ):
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
