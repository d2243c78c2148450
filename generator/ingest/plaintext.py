"""Plain text in the seed shape.

    [ date YYYY-MM-DD][ first line]
    [Headline]
    paragraph …
    Short Heading
    paragraph …

A line without final punctuation and of few words is a heading; the first such line of
the file is the headline. Hard-wrapped paragraphs are joined back together.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.model import Block, Record

DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$")
_FINAL_PUNCT = tuple(".!?:;,\"”’')…")
HEADING_MAX_WORDS = 14
HEADING_MAX_CHARS = 120


_MONTHS = "january february march april may june july august september october november december".split()
_DATELINE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$", re.I
)


# A date line's label: "Published 25 August 2023", "Release Date: 2/1/2019", "Updated: June 2025".
_DATE_LABEL = re.compile(
    r"^(?:(?:first\s+)?(?:published|updated|posted|released?|issued|dated?|release\s+date)"
    r"(?:\s+on)?\s*:?\s*)",
    re.I,
)
_DATE_LINE_CHARS = 60  # "Wednesday, September 10, 2025" with a label before it
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")


def standalone_date(line: str) -> str | None:
    """The date a line holds and nothing else but a label: "August 4, 2023", "Published 25 August
    2023", "12.16.2009", "June 2025" (a month: "2025-06")."""
    if len(line) > _DATE_LINE_CHARS:
        return None  # a paragraph, not a date line: most blocks end here, before any search
    line = _DATE_LABEL.sub("", line.strip(), count=1)
    whole = _header_date(line)
    if whole is not None and whole[0] == line.rstrip("."):
        return whole[1]
    month_year = _MONTH_YEAR.match(line)
    if month_year and len(month_year.group(1)) >= 3:
        month = next((i for i, m in enumerate(_MONTHS, 1) if m.startswith(month_year.group(1).lower())), None)
        if month is not None and 1800 <= int(month_year.group(2)) <= 2200:
            return f"{int(month_year.group(2)):04d}-{month:02d}"
    match = _DATELINE.match(line)
    if not match:
        return None
    month = next(
        (i for i, m in enumerate(_MONTHS, 1) if m.startswith(match.group(1).lower()) and len(match.group(1)) >= 3), None
    )
    if month is None:
        return None
    try:
        return dt.date(int(match.group(3)), month, int(match.group(2))).isoformat()
    except ValueError:
        return None


_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# A word boundary, or a name glued to the date that follows it ("Public AffairsJanuary 14, 2013").
_EDGE = r"(?:\b|(?<=[a-z])(?=[A-Z]))"
_HEADER_DATES = [
    ("ymd", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("mdy", re.compile(_EDGE + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)),
    ("dmy", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})\b", re.I)),
    ("numeric", re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")),
]
PROSE_WORDS = 25  # a block this long that ends a sentence is the body, past the header
_PUBLISHED = re.compile(r"\b(?:issued|published|released|release|posted|updated|dated|filed)\b", re.I)
_DATELINE_DASH = re.compile(r"\s?(?:--|[–—]|\s-\s)")


def header_date(text: str) -> str | None:
    found = _header_date(text)
    return found[1] if found else None


def _header_date(text: str) -> tuple[str, str] | None:
    """(the date as written, its ISO form) for the first whole date in `text`."""
    """The first whole date (day, month and year) written in `text`: "Release Date: 2/1/2019",
    "11.01.2024", "issued … on 17 November 2024", "(Feb. 2, 2012) --". A numeric date is
    month first, as in the U.S. releases that write them, unless its first number cannot be a month."""
    found = []
    for kind, pattern in _HEADER_DATES:
        for match in pattern.finditer(text):
            g = match.groups()
            try:
                if kind == "ymd":
                    day = dt.date(int(g[0]), int(g[1]), int(g[2]))
                elif kind == "mdy":
                    day = dt.date(int(g[2]), _month_number(g[0]), int(g[1]))
                elif kind == "dmy":
                    day = dt.date(int(g[2]), _month_number(g[1]), int(g[0]))
                else:
                    first, second = int(g[0]), int(g[1])
                    month, day_of = (first, second) if first <= 12 else (second, first)
                    day = dt.date(int(g[2]), month, day_of)
            except ValueError:
                continue
            found.append((match.start(), day.isoformat(), match.group(0).strip()))
    if not found:
        return None
    _, iso, written = min(found)
    return written, iso


def _month_number(word: str) -> int:
    return next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(word.lower().rstrip(".")[:3]))


def is_heading_like(line: str) -> bool:
    line = line.strip()
    if not line or len(line) > HEADING_MAX_CHARS or len(line.split()) > HEADING_MAX_WORDS:
        return False
    if line.endswith(_FINAL_PUNCT):
        return False
    return line[0].isupper() or line[0].isdigit()


def _lines_to_paragraphs(lines: list[str]) -> list[str]:
    """One non-empty line is one block, except hard-wrapped prose, which is joined."""
    blocks: list[str] = []
    previous_blank = True
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            previous_blank = True
            continue
        if blocks and not previous_blank and _is_wrapped(blocks[-1], line):
            blocks[-1] = f"{blocks[-1]} {line}"
        else:
            blocks.append(line)
        previous_blank = False
    return blocks


_BULLET = re.compile(r"^[•·▪‣◦*–—-]\s")


def _is_wrapped(previous: str, line: str) -> bool:
    # A wrapped line: the previous one stops mid-sentence and is long, or this one starts lower case.
    # A bulleted line starts an item of its own.
    if previous.endswith(_FINAL_PUNCT) or _BULLET.match(line):
        return False
    return line[:1].islower() or (len(previous) > 60 and not is_heading_like(line))


def parse_plain_text(text: str, boilerplate: dict) -> Record:
    lines = text.split("\n")
    parsed = Record(blocks=[])
    if lines:
        match = DATE_MARKER.match(lines[0])
        if match:
            parsed.date = match.group(1)
            lines[0] = match.group(2)
    drop = tuple(p.lower() for p in boilerplate.get("drop_line_prefixes", []))
    byline = tuple(p.lower() for p in boilerplate.get("byline_prefixes", []))
    labels = {str(w).lower() for w in boilerplate.get("header_label_words", [])} - {"by", "from"}
    header: list[str] = []  # the heading-like lines above the body: headline, kickers, office lines
    for index, block in enumerate(_lines_to_paragraphs(lines)):
        lowered = block.lower()
        if lowered.startswith(drop):
            continue
        unbulleted = _BULLET.sub("", block)
        prefix = next((p for p in byline if unbulleted.lower().startswith(p)), None)
        if prefix and len(unbulleted.split()) <= 8 and parsed.author is None:
            parsed.author = unbulleted[len(prefix) :].strip()
            continue
        dateline = standalone_date(block)
        if dateline:
            # A dateline such as "August 4, 2023": the publication date where none was marked.
            if parsed.date in (None, dateline) and parsed.date_text is None:
                parsed.date, parsed.date_text = dateline, block
            elif not parsed.blocks and header:
                header.append(block)  # a second date above the body: part of its header
            continue
        if is_heading_like(block) or (index == 0 and _long_headline(block)):
            if parsed.blocks:
                parsed.blocks.append(Block("heading", block))
            else:
                header.append(block)
            continue
        if header and not parsed.blocks:
            _settle_header(parsed, header, labels)
        parsed.blocks.append(Block("paragraph", block))
    if header and not parsed.blocks:
        _settle_header(parsed, header, labels)
    if parsed.date is None:
        found = _date_in_header(parsed)
        if found:
            parsed.date_text, parsed.date = found
    return parsed


def _long_headline(line: str) -> bool:
    """A file's first line may be a headline longer than a heading ("PRESS RELEASE : £1 billion
    government funding boost for bus services across England … [November 2024]")."""
    return (
        len(line) <= 2 * HEADING_MAX_CHARS
        and len(line.split()) <= 2 * HEADING_MAX_WORDS
        and (not line.endswith(_FINAL_PUNCT) and (line[:1].isupper() or line[:1].isdigit()))
    )


def _settle_header(parsed: Record, header: list[str], labels: set[str]) -> None:
    """The headline among the heading-like lines above the body. A letterhead, a section label,
    an office line or the document's kind ("U.S. DEPARTMENT OF STATE", "USA", "Office of the
    Spokesperson", "For Immediate Release", "Statement by Secretary …") stands above it: the
    headline is the first other line after the last of them. A byline or a line with a date or a
    time may stand on either side. The other lines are the article's header, shown above the
    body and read for names."""
    kinds = [_header_kind(line, labels) for line in header]
    after = max((i for i, k in enumerate(kinds) if k == "letterhead"), default=-1)
    named = [i for i, k in enumerate(kinds) if k == "line"]
    title = next((i for i in named if i > after), named[0] if named else 0)
    parsed.title = header[title]
    parsed.blocks.extend(Block("header", line) for i, line in enumerate(header) if i != title)
    header.clear()


_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")


def _header_kind(line: str, labels: set[str]) -> str:
    """ "letterhead", "meta" (a byline, a date, a time, a telephone number, an address) or "line"
    (a headline or a subhead)."""
    words = line.split()
    letters = [c for c in line if c.isalpha()]
    lowered = [w.lower().strip(":,") for w in words]
    if lowered[0] in ("by", "from") or _header_date(line) or _TIME.search(line) or not letters or "@" in line:
        return "meta"
    if (
        len(words) == 1
        or (len(letters) > 1 and all(c.isupper() for c in letters))
        or line.lower().startswith("office of ")
        or all(w in labels for w in lowered)
        or (lowered[0] in labels and any(w in ("by", "from") for w in lowered[1:3]))
    ):  # "Statement by …"
        return "letterhead"
    return "line"


def _opens_with_date(text: str) -> bool:
    found = _header_date(text)
    return found is not None and text.find(found[0]) <= len("Wednesday, ")


def _date_in_header(parsed: Record) -> tuple[str, str] | None:
    """A release's date written in its header zone: the lines above the body, and the body's
    opening dateline ("FORT CARSON, Colo. (Feb. 2, 2012) --")."""
    zone = [parsed.title or "", parsed.author or ""]
    for block in parsed.blocks:
        prose = len(block.text.split()) >= PROSE_WORDS and block.text.endswith(_FINAL_PUNCT)
        if block.kind != "paragraph" or (not prose and (_PUBLISHED.search(block.text) or _opens_with_date(block.text))):
            # A header line; "The press release issued … on 17 November 2024."; "Thursday,
            # December 12, 2013 at 12:00 E.T."
            zone.append(block.text)
        else:
            # A paragraph's date is the article's only in its opening dateline, before the dash:
            # "This year on Nov. 14, 2022, …" is the date of what it tells.
            dash = _DATELINE_DASH.search(block.text[:120])
            zone.append(block.text[: dash.start()] if dash else "")
        if prose:
            break
    for text in zone:
        found = _header_date(text)
        if found:
            return found  # (as written, ISO date)
    return None
