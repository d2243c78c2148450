"""Clues to the publication date of an undated article, read sentence by sentence.

- a weekday tied to a fixed-date event: "Wednesday's military parade" in Beijing, which the
  recurring commemorations put on 3 September: the years when 3 September is a Wednesday;
- a weekday written beside a date: "next week (Tues. May 22)";
- every year the text names in the past tense: the article is no older than the latest;
- "this year" beside a date with its year ("This year on Nov. 14, 2022"): that year.

The clues are combined across the corpus in `generator.resolve.dating`, where the dates of
other articles about the same events can choose between the years a weekday allows.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from generator.extract.dates import MONTH_NAMES, MONTHS, WEEKDAYS
from generator.extract.events import EventCatalogue
from generator.model import DateMention, EventMention

_ABBREVIATED = {d[:3]: i for d, i in WEEKDAYS.items()} | {"tues": 1, "thur": 3, "thurs": 3, "weds": 2}
_WEEKDAY_DATE = re.compile(
    r"\b(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+([a-z]{3,9})\.?\s+(\d{1,2})\b", re.I
)
_YEAR = re.compile(r"\b(1[5-9][0-9]{2}|20[0-9]{2})\b")
_THIS_YEAR = re.compile(r"\bthis year\b", re.I)


def _weekday(word: str) -> int | None:
    low = word.lower().rstrip(".'’s")
    return WEEKDAYS.get(low, _ABBREVIATED.get(low))


def text_clues(text: str) -> list[dict]:
    """Weekdays written beside a date anywhere in the article: "(Tues. May 22)"."""
    clues = []
    for match in _WEEKDAY_DATE.finditer(text):
        word = match.group(2).lower()
        weekday, month = _weekday(match.group(1)), MONTHS.get(word[:4] if word.startswith("sept") else word[:3])
        if weekday is not None and month and (word[:3] in _MONTH_NAMES_LOW or word.startswith("sept")):
            before = text[max(0, match.start() - 25) : match.start()].lower()
            # "next week (Tues. May 22)": the article is from the week before that day.
            near = next((span for words, span in _WEEK_WORDS.items() if words in before), (-7, 7))
            clues.append(
                {
                    "kind": "weekday",
                    "weekday": weekday,
                    "month": month,
                    "day": int(match.group(3)),
                    "near": list(near),
                    "why": f"'{match.group(0)}'",
                }
            )
    return clues


def date_clues(
    sent: Span, events: list[EventMention], sent_dates: list[DateMention], catalogue: EventCatalogue, future: bool
) -> list[dict]:
    clues: list[dict] = []
    for token in sent:
        weekday = _weekday(token.text) if token.text[:1].isupper() else None
        if weekday is None or token.head.i == token.i:
            continue
        # "Wednesday's military parade": the weekday hangs on an event word.
        trigger = token.head
        event = next((e for e in events if e.trigger == trigger.text), None)
        if event is None:
            continue
        recurring = catalogue.recurring_at(event.place, sent.text)
        if recurring is not None and recurring.get("month") and recurring.get("day"):
            clues.append(
                {
                    "kind": "weekday",
                    "weekday": weekday,
                    "month": int(recurring["month"]),
                    "day": int(recurring["day"]),
                    "type": event.type,
                    "place": event.place,
                    "near": [-7, 0] if future else [0, 7],
                    "why": f"'{sent.doc[token.i : trigger.i + 1].text}' on {recurring['name']}, "
                    f"{int(recurring['day'])} {MONTH_NAMES[int(recurring['month']) - 1]}",
                }
            )
    if not future:
        years = [int(m.group(1)) for d in sent_dates if (m := _YEAR.search(d.text))]
        if years:
            clues.append({"kind": "after", "year": max(years), "why": f"the text names {max(years)}"})
        if len(set(years)) == 1 and _THIS_YEAR.search(sent.text):
            # "This year on Nov. 14, 2022, members of the community …": written in that year.
            clues.append({"kind": "year", "year": years[0], "why": f"'this year' beside a date of {years[0]}"})
    return clues


# Where the article stands relative to a weekday-and-date, in days, from the words before it.
_WEEK_WORDS = {"next week": (-13, -1), "this week": (-6, 6), "last week": (1, 13)}
_MONTH_NAMES_LOW = {name.lower()[:3] for name in MONTH_NAMES}
