"""The body of an article that comes as one field of a record (a feed item, a table row, an
e-mail): HTML where it holds markup, else plain text in paragraphs."""

from __future__ import annotations

import re

from generator.ingest.html import fragment_blocks
from generator.model import Block

_MARKUP = re.compile(r"<(?:p|div|br|h[1-6]|ul|ol|li|blockquote|span|a|em|strong|b|i)\b[^<>]*>", re.I)


def body_blocks(text: str) -> list[Block]:
    if _MARKUP.search(text):
        return fragment_blocks(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Paragraphs are parted by blank lines where the text has any; else each line is one.
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [Block("paragraph", " ".join(p.split())) for p in parts if p.strip()]
