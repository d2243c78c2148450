"""Word documents (.docx) by python-docx: the paragraph in the Title style is the headline,
Heading styles are headings, the page header and footer are left out, and the lines above the
body (a "From:" byline, a date line) are read as any article's header zone is. The document's
core properties (title, author) stand in only where the text has none, and never a program's
placeholder author ("Administrator")."""

from __future__ import annotations

import io

import docx

from generator.ingest.plaintext import parse_plain_text
from generator.model import Record

_PLACEHOLDER_AUTHORS = {
    "administrator",
    "admin",
    "user",
    "owner",
    "author",
    "unknown",
    "microsoft office user",
    "windows user",
    "python-docx",
}


def read_docx(data: bytes, boilerplate: dict) -> tuple[list[Record], list[str]]:
    document = docx.Document(io.BytesIO(data))
    title, lines = None, []
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        if paragraph.style is not None and paragraph.style.name == "Title" and title is None and not lines:
            title = text
            continue
        lines.append(text)
    if not lines:
        raise ValueError("the document has no text")
    parsed = parse_plain_text("\n\n".join(([title] if title else []) + lines), boilerplate)
    properties = document.core_properties
    parsed.author = parsed.author or _real_author(properties.author)
    parsed.title = parsed.title or (properties.title or "").strip() or None
    return [parsed], []


def _real_author(name: str | None) -> str | None:
    name = " ".join((name or "").split())
    return name if name and name.lower() not in _PLACEHOLDER_AUTHORS else None
