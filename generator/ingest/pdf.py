"""PDF by pypdf: the text of every page with the page furniture left out (running heads and
footers repeated on the pages, "Page N of M", page numbers), lines joined back into paragraphs,
and the lines above the body read as any article's header zone. The document's Title and Author
stand in where they are real (not a program's "printable" or "Untitled")."""

from __future__ import annotations

import io
import re
from collections import Counter

from pypdf import PdfReader

from generator.ingest.plaintext import parse_plain_text
from generator.model import Record

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_FURNITURE_LINES = 4  # a running head or footer is among a page's first or last lines
_SENTENCE_END = tuple('.!?:"”’)')
_GENERIC_TITLES = {"untitled", "printable", "document", "press release", "microsoft word", "news release"}


def read_pdf(data: bytes, boilerplate: dict) -> tuple[list[Record], list[str]]:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not _opened(reader):
        raise ValueError("encrypted; it needs a password")
    pages = [_lines(page) for page in reader.pages]
    if not any(pages):
        raise ValueError("no text layer (a scanned or image-only PDF); nothing to read")
    lines = [line for page in _without_furniture(pages) for line in page]
    metadata = reader.metadata or {}
    title = _real(metadata.get("/Title"))
    paragraphs = _paragraphs(lines)
    if title:
        paragraphs = _from_title(paragraphs, title)
    parsed = parse_plain_text("\n\n".join(paragraphs), boilerplate)
    parsed.title = parsed.title or title
    parsed.author = parsed.author or _real(metadata.get("/Author"))
    return [parsed], []


def _lines(page) -> list[tuple[str, tuple]]:
    """The page's lines, each with the font and size it is set in."""
    lines: list[tuple[str, tuple]] = []
    parts: list[str] = []
    font: list[tuple] = []

    def visit(text, cm, tm, font_dict, size):
        if text.strip() and not font:
            font.append(((font_dict or {}).get("/BaseFont"), round(abs(size * tm[0]) or size, 1)))
        parts.append(text)
        if text.endswith("\n"):
            flush()

    def flush():
        line = " ".join("".join(parts).split())
        if line:
            lines.append((line, font[0] if font else (None, 0)))
        parts.clear()
        font.clear()

    page.extract_text(visitor_text=visit)
    flush()
    return lines


def _opened(reader: PdfReader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 (pypdf raises several kinds for a key it cannot use)
        return False


def _without_furniture(pages: list[list[tuple[str, tuple]]]) -> list[list[tuple[str, tuple]]]:
    """Each page without the lines repeated at the top or bottom of other pages (digits aside:
    "Page 1 of 2" and "Page 2 of 2" are one line) and without page numbers."""
    shape = lambda line: re.sub(r"\d+", "#", line.lower())  # noqa: E731
    edges = Counter()
    for page in pages:
        edges.update({shape(line) for line, _ in page[:_FURNITURE_LINES] + page[-_FURNITURE_LINES:]})
    repeated = {s for s, n in edges.items() if n >= 2} if len(pages) >= 2 else set()
    kept = []
    for page in pages:
        edge = set(range(min(_FURNITURE_LINES, len(page)))) | set(
            range(max(0, len(page) - _FURNITURE_LINES), len(page))
        )
        kept.append(
            [
                (line, font)
                for i, (line, font) in enumerate(page)
                if not (i in edge and (shape(line) in repeated or _PAGE_NUMBER.match(line)))
            ]
        )
    return kept


def _from_title(paragraphs: list[str], title: str) -> list[str]:
    """The paragraphs from the document's title on: those above it are a letterhead."""
    folded = " ".join(title.split()).lower()
    for i, paragraph in enumerate(paragraphs[:8]):
        if paragraph.lower() == folded:
            return paragraphs[i:]
    return paragraphs


def _paragraphs(lines: list[tuple[str, tuple]]) -> list[str]:
    """Lines joined into paragraphs. The body is set in the font most of the text is in; a body
    line ends its paragraph when it ends a sentence short of the column's width. A line in
    another font stands alone (a byline, a date), but a headline set larger may run over lines."""
    if not lines:
        return []
    weight = Counter()
    for line, font in lines:
        weight[font] += len(line)
    body = weight.most_common(1)[0][0]
    widths = sorted(len(line) for line, font in lines if font == body)
    width = widths[int(len(widths) * 0.9)] if widths else 0
    out: list[str] = []
    previous: tuple[str, tuple] | None = None
    for line, font in lines:
        if previous is not None and font == previous[1] and _runs_on(previous[0], font, body, width):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        previous = (line, font)
    return out


def _runs_on(line: str, font: tuple, body: tuple, width: int) -> bool:
    if font != body:
        return font[1] > body[1] and not line.endswith(_SENTENCE_END)  # a headline over two lines
    return len(line) >= 0.85 * width or not line.endswith(_SENTENCE_END)


def _real(value) -> str | None:
    text = " ".join(str(value or "").split())
    if not text or text.lower() in _GENERIC_TITLES or text.lower().startswith("microsoft word -") or len(text) < 4:
        return None
    return text
