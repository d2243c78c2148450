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
from dataclasses import dataclass

from generator.model import Block

DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$")
_FINAL_PUNCT = tuple('.!?:;,"”’\')…')
HEADING_MAX_WORDS = 14
HEADING_MAX_CHARS = 120


@dataclass
class ParsedText:
    blocks: list[Block]
    title: str | None = None
    date: str | None = None
    author: str | None = None


_MONTHS = "january february march april may june july august september october november december".split()
_DATELINE = re.compile(r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$", re.I)


def standalone_date(line: str) -> str | None:
    match = _DATELINE.match(line.strip())
    if not match:
        return None
    month = next((i for i, m in enumerate(_MONTHS, 1) if m.startswith(match.group(1).lower()) and len(match.group(1)) >= 3), None)
    if month is None:
        return None
    try:
        return dt.date(int(match.group(3)), month, int(match.group(2))).isoformat()
    except ValueError:
        return None


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


def parse_plain_text(text: str, boilerplate: dict) -> ParsedText:
    lines = text.split("\n")
    parsed = ParsedText(blocks=[])
    if lines:
        match = DATE_MARKER.match(lines[0])
        if match:
            parsed.date = match.group(1)
            lines[0] = match.group(2)
    drop = tuple(p.lower() for p in boilerplate.get("drop_line_prefixes", []))
    byline = tuple(p.lower() for p in boilerplate.get("byline_prefixes", []))
    for index, block in enumerate(_lines_to_paragraphs(lines)):
        lowered = block.lower()
        if lowered.startswith(drop):
            continue
        prefix = next((p for p in byline if lowered.startswith(p)), None)
        if prefix and len(block.split()) <= 8 and parsed.author is None:
            parsed.author = block[len(prefix):].strip()
            continue
        dateline = standalone_date(block)
        if dateline:
            # A dateline such as "August 4, 2023": the publication date where none was marked.
            parsed.date = parsed.date or dateline
            continue
        if is_heading_like(block):
            if parsed.title is None and not parsed.blocks:
                parsed.title = block
            else:
                parsed.blocks.append(Block("heading", block))
            continue
        parsed.blocks.append(Block("paragraph", block))
    return parsed
