"""Exports of articles as tables: CSV, JSON Lines and JSON arrays, one article a record. Columns
are found by their common names, in any case; a record without text is reported by its row."""

from __future__ import annotations

import csv
import io
import json

from generator.ingest.markup import written_date
from generator.ingest.text_body import body_blocks
from generator.model import Record

COLUMNS = {
    "title": ("title", "headline", "heading", "name", "subject"),
    "date": (
        "date",
        "published",
        "published_at",
        "publication_date",
        "pubdate",
        "pub_date",
        "datetime",
        "created",
        "created_at",
        "time",
        "timestamp",
    ),
    "text": (
        "text",
        "body",
        "content",
        "article",
        "full_text",
        "fulltext",
        "story",
        "maintext",
        "description",
        "summary",
    ),
    "url": ("url", "link", "permalink", "source_url", "href"),
    "author": ("author", "byline", "authors", "creator", "by", "writer"),
}


def read_csv(text: str, boilerplate: dict) -> tuple[list[Record], list[str]]:
    text = text.lstrip("\ufeff")
    # Commas as most exports write them; another delimiter only where the header row says so
    # (a sniffer reading a sample cut inside a quoted, multi-line cell guesses wrong).
    header = next(csv.reader(io.StringIO(text, newline="")), [])
    delimiter = "," if len(header) > 1 else max(";\t|", key=lambda d: text.split("\n", 1)[0].count(d))
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    return _records(rows, "row", first=2)  # row 1 is the header


def read_jsonl(text: str, boilerplate: dict) -> tuple[list[Record], list[str]]:
    rows, notes = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append((n, json.loads(line)))
        except ValueError as exc:
            notes.append(f"line {n} is not JSON ({exc}); skipped")
    records, more = _numbered(rows, "line")
    return records, notes + more


def read_json(text: str, boilerplate: dict) -> tuple[list[Record], list[str]]:
    data = json.loads(text)
    if isinstance(data, dict):  # {"articles": [...]} and the like; one object is one article
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        data = lists[0] if len(lists) == 1 else [data]
    if not isinstance(data, list):
        raise ValueError("neither an object nor a list of objects")
    return _records(data, "record", first=1)


def _records(rows: list, unit: str, first: int) -> tuple[list[Record], list[str]]:
    return _numbered(list(enumerate(rows, first)), unit)


def _numbered(rows: list[tuple[int, object]], unit: str) -> tuple[list[Record], list[str]]:
    if not rows:
        raise ValueError("it holds no records")
    keys = {k for _, row in rows if isinstance(row, dict) for k in row if isinstance(k, str)}
    columns = {field: _column(keys, names) for field, names in COLUMNS.items()}
    if columns["text"] is None:
        raise ValueError(f"no column of text (one of: {', '.join(COLUMNS['text'])})")
    records, notes = [], []
    for item, (n, row) in enumerate(rows, 1):
        if not isinstance(row, dict):
            notes.append(f"{unit} {n} is not a record; skipped")
            continue
        value = lambda field, row=row: _plain(row.get(columns[field])) if columns[field] else None  # noqa: E731
        text = value("text")
        if not text:
            notes.append(f"{unit} {n} has no text in column '{columns['text']}'; skipped")
            continue
        records.append(
            Record(
                body_blocks(text),
                title=_one_line(value("title")),
                date=written_date(value("date")),
                author=_one_line(value("author")),
                url=_one_line(value("url")),
                item=str(item),
            )
        )
    return records, notes


def _column(keys: set[str], names: tuple[str, ...]) -> str | None:
    folded = {k.strip().lower().replace(" ", "_").replace("-", "_"): k for k in sorted(keys)}
    return next((folded[n] for n in names if n in folded), None)


def _plain(value) -> str | None:
    if isinstance(value, list):  # "authors": ["A", "B"]
        value = ", ".join(str(v) for v in value if isinstance(v, (str, int, float)))
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip() if isinstance(value, (str, int, float)) and str(value).strip() else None


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None
