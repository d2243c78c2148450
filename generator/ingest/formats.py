"""Which reader a file goes to: by its name's extension, and by its first bytes where the name
says too little ("notes.txt" that is a saved web page, a PDF without its extension, an ".xml"
that is a feed)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.ingest.docx import read_docx
from generator.ingest.feeds import read_feed
from generator.ingest.html import read_html
from generator.ingest.mail import read_mail
from generator.ingest.pdf import read_pdf
from generator.ingest.tables import read_csv, read_json, read_jsonl

SUFFIXES = {
    ".txt": "text", ".text": "text", "": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".pdf": "pdf", ".docx": "docx", ".eml": "mail",
}
SUPPORTED = set(SUFFIXES)
# Files of many articles, or whose markup outweighs their text, are read up to this size; each
# article in them is then held to the one-article limit.
CONTAINER_BYTES = 32 * 1024 * 1024

TEXT_READERS = {"html": read_html, "feed": read_feed, "csv": read_csv, "jsonl": read_jsonl, "json": read_json,
                "mail": read_mail}
BINARY_READERS = {"pdf": read_pdf, "docx": read_docx}
_NAMES = {read_html: "HTML", read_feed: "an RSS or Atom feed", read_csv: "CSV", read_jsonl: "JSON Lines",
          read_json: "JSON", read_mail: "an e-mail", read_pdf: "PDF", read_docx: "a Word document"}

_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]")


def file_format(path: Path) -> str | None:
    """The reader's name for `path`, or None where no reader takes it."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return SUFFIXES.get(path.suffix.lower())
    if head.startswith(b"%PDF-"):
        return "pdf"
    kind = SUFFIXES.get(path.suffix.lower())
    if head.startswith(b"PK\x03\x04"):  # a zip archive: a Word file only by its name
        return kind
    if kind == "feed" and not _FEED.search(head) and _HTML_START.match(head):
        return "html"
    if kind is None and _FEED.search(head) and head.lstrip().startswith(b"<"):
        return "feed"
    return kind


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4096].encode()))


def reader_name(reader) -> str:
    return _NAMES.get(reader, "its format")
