"""The time expressions of a sentence: the tagger's DATE spans, made whole, and the plain
dates it missed.

The small model drops a leading "This" ("[year]'s theme"), tags "Friday morning" or "last
night" TIME, and misses a weekday or "Yesterday" opening a sentence now and then. A
careful reader counts every one of them, so extraction does too.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from generator.extract.dates import MONTHS, PATTERNS, WEEKDAYS

# Words before a date that belong to it: "[this] year", "[last] week", "[early] May".
_MODIFIERS = {"this", "last", "next", "past", "coming", "previous", "early", "late", "mid", "later", "earlier"}
_DAY_WORDS = re.compile(
    r"\b(today|tonight|yesterday|tomorrow|night|morning|afternoon|evening|"
    + "|".join(WEEKDAYS)
    + "|"
    + "|".join(m for m in MONTHS if len(m) > 3)
    + r")\b",
    re.I,
)
# The forms found in plain text where the tagger saw none: each names a day, week or month by itself.
_SELF_CONTAINED = (
    "mdy",
    "dmy",
    "my",
    "md",
    "dm",
    "weekday",
    "day_word",
    "rel_week",
    "rel_month",
    "rel_year",
    "weekend",
    "quarter",
    "season",
)


# A lone common noun the tagger marked ("new [year] celebrations") names no time.
_AGE = re.compile(r"\b(?:years?|months?|weeks?|days?)[\s-]+(?:old|of age)\b|\bage of \d|\baged? \d", re.I)
_PARTS = {"morning", "afternoon", "evening", "night"}
_BARE = {"year", "years", "month", "months", "week", "weeks", "day", "days", "night", "nights", "time"}
# Words after a year that make it a count or a measure: "a 2000 year old tradition", "2000 people".
_COUNTED = {"year", "years", "people", "times", "miles", "km", "feet", "metres", "meters", "units"}
_A_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_RANGE_JOINERS = {"to", "and", "-", "–", "—", "through", "until"}


_MONTH_CUES = tuple(m for m in MONTHS)
# Words one of which a form must contain, checked before its pattern is run.
_CUES = {
    "mdy": _MONTH_CUES,
    "dmy": _MONTH_CUES,
    "my": _MONTH_CUES,
    "md": _MONTH_CUES,
    "dm": _MONTH_CUES,
    "weekday": tuple(WEEKDAYS),
    "day_word": ("today", "tonight", "yesterday", "tomorrow", "night", "this"),
    "rel_week": ("week",),
    "rel_month": ("month",),
    "rel_year": ("year",),
    "weekend": ("weekend",),
    "quarter": ("quarter", "q1", "q2", "q3", "q4"),
    "season": ("summer", "winter", "spring", "autumn", "fall"),
}
_CUE = re.compile(
    r"\b(" + "|".join(sorted({w.strip() for ws in _CUES.values() for w in ws}, key=len, reverse=True)) + r")"
)
_SEARCHED = [(kind, pattern) for kind, pattern in PATTERNS if kind in _SELF_CONTAINED]


def time_spans(sent: Span) -> list[Span]:
    doc = sent.doc
    found = []
    for ent in sent.ents:
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and _DAY_WORDS.search(ent.text)):
            start = ent.start
            if start > sent.start and doc[start - 1].lower_ in _MODIFIERS and doc[start - 1].ent_type_ == "":
                start -= 1
            span = Span(doc, start, ent.end, label="DATE")
            head, rest = _day_then_more(span)
            if rest is not None:  # "[Yesterday], [day five of the cup]": the day, then what it was
                found.append(head)
                span = rest
            if _AGE.search(span.text) or (ent.end < len(doc) and doc[ent.end].lower_ == "old"):
                continue  # "a 2000 year old tradition", "83 years of age": an age, not a date
            if found and found[-1].end == span.start and span[0].lower_ in _PARTS:
                found[-1] = Span(doc, found[-1].start, span.end, label="DATE")  # "[Sunday] [evening]"
            elif not (len(span) == 1 and span[0].lower_ in _BARE | _PARTS):
                found.append(span)
    found.extend(_years(sent, {t.i for span in found for t in span}))
    taken = {t.i for span in found for t in span}
    text = sent.text
    lowered = text.lower()
    cues = set(_CUE.findall(lowered))
    for kind, pattern in _SEARCHED:
        if cues.isdisjoint(_CUES[kind]):
            continue  # most sentences hold no month, weekday or period word: no regex is run
        for match in pattern.finditer(text):
            span = sent.char_span(match.start(), match.end(), label="DATE", alignment_mode="contract")
            if span is None or not len(span) or any(t.i in taken for t in span):
                continue
            if kind in ("md", "weekday") and not any(t.is_title for t in span):
                continue  # "may 5" in lower case is no date
            if kind == "md" and span[0].lower_ == "may" and not span[-1].like_num:
                continue
            found.append(span)
            taken |= {t.i for t in span}
    return _ranges(sorted(found, key=lambda s: s.start))


_DAY_ALONE = re.compile(
    r"^(?:(?:last|this|next|on)\s+)?(" + "|".join(["today", "tonight", "yesterday", "tomorrow", *WEEKDAYS]) + r")$",
    re.I,
)
_CALENDAR = re.compile(r"\d|\b(" + "|".join(MONTHS) + "|" + "|".join(WEEKDAYS) + r")\b", re.I)


def _day_then_more(span: Span) -> tuple[Span, Span | None]:
    """A day word and, after a comma, words that say what the day was ("Yesterday, day five of
    the cup"): two expressions. "Monday, March 4" names one day and stays one."""
    comma = next((t.i for t in span if t.text == ","), None)
    if comma is None or comma == span.start or comma + 1 >= span.end:
        return span, None
    head, rest = Span(span.doc, span.start, comma, label="DATE"), Span(span.doc, comma + 1, span.end, label="DATE")
    if not _DAY_ALONE.match(head.text) or _CALENDAR.search(rest.text):
        return span, None
    return head, rest


def _years(sent: Span, taken: set[int]) -> list[Span]:
    """Years the tagger left inside a name ("WWDC 2005") or after a preposition ("since 1990")."""
    found = []
    if not _A_YEAR.search(sent.text):
        return found
    for token in sent:
        if token.i in taken or not re.fullmatch(r"(1[89]|20)\d\d", token.text):
            continue
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if after is not None and (after.lower_ in _COUNTED or after.text in ("%", "-") or after.pos_ == "NOUN"):
            continue
        before = token.doc[token.i - 1] if token.i > sent.start else None
        if before is not None and (
            before.pos_ == "PROPN"
            or before.lower_
            in ("in", "since", "by", "until", "of", "from", "to", "before", "after", "during", "early", "late")
        ):
            found.append(Span(token.doc, token.i, token.i + 1, label="DATE"))
    return found


def _ranges(spans: list[Span]) -> list[Span]:
    """ "from [2009] to [2011]", "between 2014 and 2016": one span, the range, as written."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        joiner = span.doc[last.end].lower_ if last is not None and span.start == last.end + 1 else None
        opener = span.doc[last.start - 1].lower_ if last is not None and last.start > 0 else ""
        # "2005 and 2010" are two years; only "between … and …" makes "and" a range.
        if (
            joiner in _RANGE_JOINERS
            and (joiner != "and" or opener == "between")
            and re.fullmatch(r"\d{4}", last[-1].text)
            and re.fullmatch(r"\d{2,4}", span[-1].text)
        ):
            start = last.start - 1 if opener in ("from", "between") else last.start
            merged[-1] = Span(span.doc, start, span.end, label="DATE")
        else:
            merged.append(span)
    return merged


def bracketed(spans: list[Span]) -> dict[int, int]:
    """ "next week (Tues. May 22)", "Sunday night (March 4)": the time at each index, mapped to
    the index of the date in brackets after it that says which day it is."""
    found = {}
    for n in range(1, len(spans)):
        last, span = spans[n - 1], spans[n]
        doc = span.doc
        between = doc[last.end + 1 : span.start]  # a weekday written short: "Tues."
        if (
            last.end < span.start
            and doc[last.end].text == "("
            and span.end < len(doc)
            and doc[span.end].text == ")"
            and len(between) <= 2
            and all(t.is_punct or t.is_title for t in between)
            and any(t.like_num for t in span)  # the day or the year: "(the best month)" is a remark
        ):
            found[n - 1] = n
    return found
