"""Time expressions resolved against the article's date and the tense of their clause.

A table of the forms news uses, tried in order (the most specific first). Precision is never
invented: "September" in a 2025 article is "2025-09", never a day; with no article date,
"May 9" stays unresolved rather than borrowing today's year. The tense decides which way a
bare date points: "May 9" ahead of a parade is the coming one, "traveled … on May 9" the past
one, "on Friday" in a report the last Friday. A range has an `end` ("1937-45", "last week").
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for m in names
}
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {"a": 1, "an": 1, "several": None, "few": None, "many": None}
# Abbreviated months and weekdays end no sentence: "next week (Tues. May 22)".
ABBREVIATIONS = [
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
    "mon.",
    "tue.",
    "tues.",
    "wed.",
    "thu.",
    "thur.",
    "thurs.",
    "fri.",
    "sat.",
    "sun.",
]
# A date written out (a number or a month's name), as against "next week" or "today".
WRITTEN = re.compile(r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(1[0-9]{3}|20[0-9]{2})"
_COUNT = r"(\d{1,4}|" + "|".join(w for w in NUMBERS if w) + r")"
_SHIFT = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "this": 0, "current": 0}

PATTERNS = [
    ("iso", re.compile(rf"\b{_YEAR}-(\d{{2}})-(\d{{2}})\b")),
    ("numeric", re.compile(rf"\b(\d{{1,2}})/(\d{{1,2}})/(\d{{2}}|{_YEAR})\b")),
    (
        "md_range",
        re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})\s*(?:-|–|—|to|through)\s*(\d{{1,2}})(?:,?\s+{_YEAR})?\b", re.I),
    ),
    ("range", re.compile(rf"\b(?:between\s+|from\s+)?{_YEAR}\s*(?:-|–|—|to|and|until|through)\s*(\d{{2,4}})\b", re.I)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I)),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("md", re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)),
    ("dm", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}", re.I)),
    (
        "quarter",
        re.compile(
            rf"\b(?:(first|second|third|fourth|1st|2nd|3rd|4th|last|previous|past|this|current|next)"
            rf"\s+(?:fiscal\s+)?quarter|q([1-4]))(?:\s+(?:of\s+)?(?:fiscal\s+)?{_YEAR})?\b",
            re.I,
        ),
    ),
    (
        "season",
        re.compile(
            rf"\b(?:(this|last|next|past|coming|previous)\s+)?(summer|winter|spring|autumn|fall)"
            rf"(?:\s+(?:of\s+)?{_YEAR})?\b",
            re.I,
        ),
    ),
    ("year_end", re.compile(rf"\b(?:end\s+of\s+(?:the\s+|this\s+)?(?:year|{_YEAR})|year[\s-]end)\b", re.I)),
    ("year_start", re.compile(r"\b(?:beginning|start)\s+of\s+(?:the\s+|this\s+)year\b", re.I)),
    ("mid_year", re.compile(rf"\bmid-?\s*{_YEAR}\b", re.I)),
    ("decade", re.compile(r"\b(1[0-9]{2}0|20[0-9]0)s\b")),
    ("y", re.compile(rf"\b{_YEAR}\b")),
    (
        "ago",
        re.compile(
            rf"\b(more than |over |nearly |almost |about |some )?{_COUNT}\s+(years?|decades?)\s+(ago|earlier|before)\b",
            re.I,
        ),
    ),
    ("rest_of_year", re.compile(r"\b(later|earlier)\s+(this|that)\s+year\b", re.I)),
    ("rel_year", re.compile(r"\b(this|last|next|previous|past|coming|current)\s+year\b", re.I)),
    ("rest_of_month", re.compile(r"\b(later|earlier)\s+(this|that)\s+month\b", re.I)),
    ("rel_month", re.compile(r"\b(this|last|next|previous|past|coming|current)\s+month\b", re.I)),
    ("past_days", re.compile(rf"\b(?:the\s+)?(?:past|last|previous)\s+{_COUNT}\s+(days|weeks)\b", re.I)),
    ("rel_week", re.compile(r"\b(this|last|next|previous|past|coming)\s+week\b", re.I)),
    ("weekend", re.compile(r"\b(this|last|next|past|coming|previous|the)?\s*weekend\b", re.I)),
    (
        "day_word",
        re.compile(r"\b(today|tonight|yesterday|tomorrow|last night|this (?:morning|afternoon|evening))\b", re.I),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(last|next|this|on|coming)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I
        ),
    ),
    ("m", re.compile(rf"\b(?:(last|next|this|in|early|mid|late|since)[\s-]+)?{_MONTH}\b", re.I)),
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


def _toward(value: str, anchor: str, tense: str | None) -> str:
    """A date written without its year, moved to the year its tense points to: the coming
    one when said of what is ahead, the past one when reported, the anchor's year otherwise."""
    n = min(len(value), len(anchor))
    year = int(value[:4])
    if tense == "future" and value[5:n] < anchor[5:n]:
        year += 1
    elif tense == "past" and value[5:n] > anchor[5:n]:
        year -= 1
    return f"{year:04d}{value[4:]}"


def resolve(text: str, anchor: str | None = None, tense: str | bool | None = None) -> tuple[str | None, str | None]:
    """Return (date, end) for a time expression; None where the text does not pin it.

    `tense` is "future", "past" or None (unknown: the anchor's year); True means "future"."""
    tense = "future" if tense is True else (None if tense is False else tense)
    year, month, day = parse_anchor(anchor)
    for kind, pattern in PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        result = _resolve(kind, match.groups(), text, anchor, tense, year, month, day)
        if result is not None:
            return result
    return None, None


def _resolve(kind, g, text, anchor, tense, year, month, day) -> tuple[str | None, str | None] | None:
    if kind == "iso":
        return _day(int(g[0]), int(g[1]), int(g[2])), None
    if kind == "numeric":  # news in English writes month first: 5/22/2018, 7/8/07
        y = int(g[2]) if len(g[2]) == 4 else 2000 + int(g[2]) if int(g[2]) < 50 else 1900 + int(g[2])
        return _day(y, int(g[0]), int(g[1])), None
    if kind == "md_range":
        m, first, last = _month(g[0]), int(g[1]), int(g[2])
        if last <= first:
            return None
        y = int(g[3]) if g[3] else None
        if y is None:
            if year is None:
                return None, None
            start = _toward(_day(year, m, first) or "", anchor, tense)
            y = int(start[:4])
        return _day(y, m, first), _day(y, m, last)
    if kind == "range":
        start, end = int(g[0]), g[1]
        end_year = int(end) if len(end) == 4 else int(str(start)[: 4 - len(end)] + end)
        return (str(start), str(end_year)) if end_year > start else None
    if kind == "mdy":
        return _day(int(g[2]), _month(g[0]), int(g[1])), None
    if kind == "dmy":
        return _day(int(g[2]), _month(g[1]), int(g[0])), None
    if kind == "my":
        return f"{int(g[1]):04d}-{_month(g[0]):02d}", None
    if kind in ("md", "dm"):
        m, d = (g[0], g[1]) if kind == "md" else (g[1], g[0])
        if m.lower() == "may" and kind == "md" and not re.search(r"\bmay\s+\d", text, re.I):
            return None
        if year is None:
            return None, None
        value = _day(year, _month(m), int(d))
        return (_toward(value, anchor, tense) if value and month else value), None
    if kind == "quarter":
        return _quarter(g, anchor, tense, year, month)
    if kind == "season":
        return _season(g, anchor, tense, year, month)
    if kind == "year_end":
        y = int(g[0]) if g[0] else year
        return (f"{y:04d}-12-31", None) if y is not None else (None, None)
    if kind == "year_start":
        return (str(year), None) if year is not None else (None, None)
    if kind == "mid_year":
        return f"{int(g[0]):04d}-06", None
    if kind == "decade":
        return g[0], str(int(g[0]) + 9)
    if kind == "y":
        return g[0], None
    if kind == "ago":
        count = int(g[1]) if g[1].isdigit() else NUMBERS.get(g[1].lower())
        if year is None or count is None:
            return None, None
        years = count * (10 if g[2].lower().startswith("decade") else 1)
        if (g[0] or "").strip().lower() in ("more than", "over"):
            return None, str(year - years)  # "more than two decades ago": before then, no start
        return str(year - years), None
    if kind == "rest_of_year":
        if year is None:
            return None, None
        if month is None:
            return str(year), None
        here = f"{year:04d}-{month:02d}"
        return (here, f"{year:04d}-12") if g[0].lower() == "later" else (f"{year:04d}-01", here)
    if kind == "rel_year":
        return (str(year + _SHIFT[g[0].lower()]), None) if year is not None else (None, None)
    if kind in ("rel_month", "rest_of_month"):
        if year is None or month is None:
            return None, None
        total = year * 12 + month - 1 + (_SHIFT[g[0].lower()] if kind == "rel_month" else 0)
        return f"{total // 12:04d}-{total % 12 + 1:02d}", None
    if kind == "past_days":
        count = int(g[0]) if g[0].isdigit() else NUMBERS.get(g[0].lower())
        if day is None or count is None:
            return None, None
        today = dt.date(year, month, day)
        start = today - dt.timedelta(days=count * (7 if g[1].lower().startswith("week") else 1))
        return start.isoformat(), today.isoformat()
    if kind == "weekend":
        if day is None:
            return None, None
        base = dt.date(year, month, day)
        word = (g[0] or "").lower()
        if base.weekday() >= 5 and word in ("", "this", "the"):
            saturday = base - dt.timedelta(days=base.weekday() - 5)
        elif word in ("last", "past", "previous") or (word in ("", "this", "the") and tense == "past"):
            saturday = base - dt.timedelta(days=base.weekday() + 2)  # the weekend just gone
        else:
            saturday = base + dt.timedelta(days=5 - base.weekday())  # the coming one
        return saturday.isoformat(), (saturday + dt.timedelta(days=1)).isoformat()
    if kind == "rel_week":
        if day is None:
            return None, None
        monday = dt.date(year, month, day) - dt.timedelta(days=dt.date(year, month, day).weekday())
        monday += dt.timedelta(weeks=_SHIFT[g[0].lower()])
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    if kind == "day_word":
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(g[0].lower(), 0)
        if day is None:  # "today" in an article known to its year or month only is in that year or month
            return (anchor, None) if anchor and not shift else (None, None)
        return (dt.date(year, month, day) + dt.timedelta(days=shift)).isoformat(), None
    if kind == "weekday":
        if day is None:
            return None, None
        base = dt.date(year, month, day)
        delta = (WEEKDAYS[g[1].lower()] - base.weekday()) % 7
        word = (g[0] or "").lower()
        if word == "last" or (word not in ("next", "coming") and tense != "future" and delta):
            delta -= 7  # a report's "on Friday" is the last Friday (or today)
        if word == "last" and delta == 0:
            delta = -7
        if word == "next" and delta == 0:
            delta = 7
        return (base + dt.timedelta(days=delta)).isoformat(), None
    if kind == "m":
        word = (g[0] or "").lower()
        if g[1] == "may" or (
            g[1] == "May" and not word and not re.match(r"\s*(?:in|on|by|since|until)?\s*May\b", text)
        ):
            return None  # the modal verb
        if year is None:
            return None, None
        value = f"{year:04d}-{_month(g[1]):02d}"
        if word == "last":
            return (value if value < anchor[:7] else f"{year - 1:04d}{value[4:]}") if month else None, None
        if word == "next":
            return (value if value > anchor[:7] else f"{year + 1:04d}{value[4:]}") if month else None, None
        return (_toward(value, anchor, tense) if month else value), None
    return None


_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
# Meteorological seasons of the northern hemisphere, where most news in English is written.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


def _quarter(g, anchor, tense, year, month):
    """ "the fourth quarter" of the article's year (the last one that has begun, in a report),
    "the last quarter" the one before the article's own, "Q3 2007" as written."""
    word = (g[0] or "").lower()
    if g[2]:
        y, q = int(g[2]), int(g[1]) if g[1] else _ORDINAL.get(word)
    elif year is None or month is None:
        return None, None
    else:
        current = (month - 1) // 3 + 1
        shift = {"last": -1, "previous": -1, "past": -1, "next": 1}.get(word, 0)
        q = int(g[1]) if g[1] else _ORDINAL.get(word, current + shift)
        y = year
        if not g[1] and word not in _ORDINAL:
            y, q = year + (q - 1) // 4, (q - 1) % 4 + 1
        elif q > current and tense == "past":
            y -= 1  # "profits in the fourth quarter", reported in January
    if q is None:
        return None
    return f"{y:04d}-{3 * q - 2:02d}", f"{y:04d}-{3 * q:02d}"


def _season(g, anchor, tense, year, month):
    word, season = (g[0] or "").lower(), g[1].lower()
    if not word and not g[2]:
        return None  # "fall" is a verb, "spring" a source: a season needs "this", "last" or a year
    first, last = _SEASONS[season]
    if g[2]:
        y = int(g[2])
    elif year is None or month is None:
        return None, None
    else:
        # The season of that name that is under way or ended last (before this month).
        y = year if (month >= first if first != 12 else month == 12) else year - 1
        if first == 12 and month <= 2:
            y = year - 1
        ongoing = month in ((12, 1, 2) if first == 12 else range(first, last + 1))
        if word in ("next", "coming") or (word == "this" and not ongoing and tense != "past"):
            y += 1 if not ongoing or word in ("next", "coming") else 0
        elif word in ("last", "past", "previous") and ongoing:
            y -= 1
    end_year = y + 1 if first == 12 else y
    end_day = (dt.date(end_year, last % 12 + 1, 1) - dt.timedelta(days=1)).day
    return f"{y:04d}-{first:02d}-01", f"{end_year:04d}-{last:02d}-{end_day:02d}"


_LATER = re.compile(
    rf"^(?:just |only |some |about |nearly |almost )?{_COUNT}\s+(days?|weeks?|months?|years?)\s+later$", re.I
)


def later(text: str, base: str | None) -> str | None:
    """ "three months later": that long after `base`, the date the text gave last, to the unit's
    precision ("2001-03-10" and months: "2001-06"); None where `base` is too coarse."""
    match = _LATER.match(text.strip())
    if not match or not base:
        return None
    count = int(match.group(1)) if match.group(1).isdigit() else NUMBERS.get(match.group(1).lower())
    year, month, day = parse_anchor(base)
    unit = match.group(2).lower().rstrip("s")
    if count is None or year is None:
        return None
    if unit == "year":
        return str(year + count)
    if month is None:
        return None
    if unit == "month":
        total = year * 12 + month - 1 + count
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if day is None:
        return None
    return (dt.date(year, month, day) + dt.timedelta(days=count * (7 if unit == "week" else 1))).isoformat()


def written_values(text: str, value: str | None, end: str | None) -> list[tuple[str, str | None]]:
    """A time expression as the shared export writes it: `(text, value)`, the value a date or a
    range "start/end". A range of years written with both ends ("from 2009 to 2011") is not
    valued as a whole, as TimeML leaves it; each year follows as an expression of its own."""
    years = re.findall(rf"\b{_YEAR}\b", text)
    if value and end and len(years) >= 2 and len(value) == 4 and len(end) == 4:
        return [(text, None)] + [(y, y) for y in years]
    return [(text, f"{value}/{end}" if value and end else value)]


def year_of(value: str | None) -> int | None:
    return int(value[:4]) if value else None


def compatible(a: str | None, b: str | None) -> bool:
    """Two dates agree on every part that both have."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]
