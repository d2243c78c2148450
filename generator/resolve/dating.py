"""Publication dates: decided here, and only here. An article's date is the one its file (or
`annals.yml`) gives; else the one an anniversary it marks points to ("the 80th anniversary of
the end of the war", read by extract as a clue); else one inferred from the clues of every
article together. The articles come back with their dates, and the extractions of the newly
dated ones with their relative time expressions read against the date; nothing is changed in place.

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

import dataclasses
import datetime as dt
import re

from generator.extract import dates
from generator.model import Article, Extraction, Mention, PlaceTree

Span = tuple[dt.date, dt.date]
# "China's new President": within half a year of taking office.
_NEW = dt.timedelta(days=183)
_NOT_CURRENT = re.compile(r"\b(former|then|late|ex|onetime|erstwhile|elect|outgoing|future)\b", re.I)


def publication_dates(
    articles: list[Article], extractions: dict[str, Extraction], terms: dict | None = None
) -> tuple[list[Article], dict[str, Extraction]]:
    """The articles with their publication dates, newest first, undated last; and the extractions,
    those of newly dated articles read again against the date."""
    extractions = dict(extractions)  # this stage's own mapping: a newly dated article's extraction is replaced in it
    decided = _decide(articles, extractions, terms)
    dated = [
        dataclasses.replace(a, date=decided[a.id][0], date_evidence=decided[a.id][1]) if a.id in decided else a
        for a in articles
    ]
    return sorted(dated, key=lambda a: (-(int((a.date or "0").replace("-", "").ljust(8, "0"))), a.id)), extractions


def _decide(articles: list[Article], extractions: dict[str, Extraction], terms: dict | None) -> dict[str, tuple]:
    """{article id: (date, evidence)} for the undated articles the clues date; `extractions` takes
    each one's extraction read against its date."""
    decided: dict[str, tuple[str, str]] = {}
    for article in articles:
        extraction = extractions.get(article.id)
        mark = next((c for c in extraction.date_clues if c["kind"] == "anniversary"), None) if extraction else None
        if article.date is None and mark:  # the date its anniversary points to: its own dates were read so
            decided[article.id] = (mark["value"], _evidence(mark["confidence"], mark["value"], mark["why"]))
    known = {a.id: a.date or (decided[a.id][0] if a.id in decided else None) for a in articles}
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
            # Two clues or more that agree make a date sure; one leaves it likely.
            decided[article.id] = (value, _evidence("high" if len(why) >= 2 else "medium", value, "; ".join(why)))
            extractions[article.id] = redate(extraction, value)
    return decided


def _evidence(confidence: str, value: str, why: str) -> str:
    return f"inferred ({confidence} confidence): {value}, from {why}"


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


def redate(extraction: Extraction, anchor: str) -> Extraction:
    """The extraction with the time expressions it read without a date read again against one."""
    found = []
    for mention in extraction.dates:
        if mention.value is None:
            value, end = dates.resolve(mention.reads or mention.text, anchor, mention.tense or mention.future)
            mention = dataclasses.replace(mention, value=value, end=end)
        found.append(mention)
    events = []
    for event in extraction.events:
        if event.date is None and event.date_text and not event.name:
            event = dataclasses.replace(event, date=dates.resolve(event.date_text, anchor, event.future)[0])
        events.append(event)
    return dataclasses.replace(extraction, dates=found, events=events)
