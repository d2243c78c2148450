"""Time expressions resolved against the article's date.

Precision is never invented: "September" in a 2025 article is "2025-09", never a day; with
no article date, "May 9" stays unresolved rather than borrowing today's year.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {m: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")), 1) for m in names}
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(1[0-9]{3}|20[0-9]{2})"

PATTERNS = [
    ("range", re.compile(rf"\b{_YEAR}\s*(?:-|–|—|to)\s*(\d{{2,4}})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I)),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\s+{_YEAR}\b", re.I)),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("md", re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)),
    ("dm", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b", re.I)),
    ("y", re.compile(rf"\b{_YEAR}s?\b")),
    ("ago", re.compile(r"\b(\d{1,4})\s+years?\s+ago\b", re.I)),
    ("rel_year", re.compile(r"\b(this|last|next|previous|past|coming)\s+year\b", re.I)),
    ("rel_month", re.compile(r"\b(this|last|next|previous|past|coming)\s+month\b", re.I)),
    ("day_word", re.compile(r"\b(today|tonight|yesterday|tomorrow|last night)\b", re.I)),
    ("weekday", re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    ("m", re.compile(rf"\b{_MONTH}\b", re.I)),
]


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")[:4] if word.lower().startswith("sept") else word.lower().rstrip(".")[:3]]


def parse_anchor(anchor: str | None) -> tuple[int | None, int | None, int | None]:
    if not anchor:
        return None, None, None
    parts = [int(p) for p in anchor.split("-")]
    return (parts + [None, None])[:3]  # type: ignore[return-value]


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def resolve(text: str, anchor: str | None = None, future: bool = False) -> tuple[str | None, str | None]:
    """Return (date, end) for a time expression; None where the text does not pin it."""
    year, month, day = parse_anchor(anchor)
    for kind, pattern in PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        g = match.groups()
        if kind == "range":
            start, end = int(g[0]), g[1]
            end_year = int(end) if len(end) == 4 else int(str(start)[: 4 - len(end)] + end)
            if end_year <= start:
                continue
            return str(start), str(end_year)
        if kind == "mdy":
            return _day(int(g[2]), _month(g[0]), int(g[1])), None
        if kind == "dmy":
            return _day(int(g[2]), _month(g[1]), int(g[0])), None
        if kind == "my":
            return f"{int(g[1]):04d}-{_month(g[0]):02d}", None
        if kind in ("md", "dm"):
            m, d = (g[0], g[1]) if kind == "md" else (g[1], g[0])
            if year is None:
                return None, None
            return _day(year, _month(m), int(d)), None
        if kind == "y":
            return g[0], None
        if kind == "ago":
            return (str(year - int(g[0])) if year else None), None
        if kind == "rel_year":
            if year is None:
                return None, None
            shift = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(g[0].lower(), 0)
            return str(year + shift), None
        if kind == "rel_month":
            if year is None or month is None:
                return None, None
            shift = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(g[0].lower(), 0)
            total = year * 12 + month - 1 + shift
            return f"{total // 12:04d}-{total % 12 + 1:02d}", None
        if kind == "day_word":
            if day is None:
                return None, None
            shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(g[0].lower(), 0)
            return (dt.date(year, month, day) + dt.timedelta(days=shift)).isoformat(), None
        if kind == "weekday":
            if day is None:
                return None, None
            base = dt.date(year, month, day)
            delta = (WEEKDAYS[g[0].lower()] - base.weekday()) % 7
            if not future and delta:
                delta -= 7
            return (base + dt.timedelta(days=delta)).isoformat(), None
        if kind == "m":
            if g[0].lower() == "may" and not text.strip().lower().startswith(("may", "in may", "on may")):
                continue  # the modal verb
            if year is None:
                return None, None
            return f"{year:04d}-{_month(g[0]):02d}", None
    return None, None


def year_of(value: str | None) -> int | None:
    return int(value[:4]) if value else None


def compatible(a: str | None, b: str | None) -> bool:
    """Two dates agree on every part that both have."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]
