"""Which reader a file goes to: by its name's extension, and by its first bytes where the name
says too little ("notes.txt" that is a saved web page, a PDF without its extension, an ".xml"
that is a feed)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    "": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".pdf": "pdf",
    ".docx": "docx",
    ".eml": "mail",
}
SUPPORTED = set(SUFFIXES)
# Files of many articles, or whose markup outweighs their text, are read up to this size; each
# article in them is then held to the one-article limit.
CONTAINER_BYTES = 32 * 1024 * 1024

# Each reader: its module and function, and how a message names the format. The modules are
# imported on first use: a corpus of text files never loads the PDF or web page libraries.
_READERS = {
    "html": ("html", "read_html", "HTML"),
    "feed": ("feeds", "read_feed", "an RSS or Atom feed"),
    "csv": ("tables", "read_csv", "CSV"),
    "jsonl": ("tables", "read_jsonl", "JSON Lines"),
    "json": ("tables", "read_json", "JSON"),
    "mail": ("mail", "read_mail", "an e-mail"),
    "pdf": ("pdf", "read_pdf", "PDF"),
    "docx": ("docx", "read_docx", "a Word document"),
}
BINARY = {"pdf", "docx"}


def reader(kind: str) -> Callable:
    module, function, _ = _READERS[kind]
    return getattr(importlib.import_module(f"generator.ingest.{module}"), function)


def format_name(kind: str) -> str:
    return _READERS[kind][2]


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
