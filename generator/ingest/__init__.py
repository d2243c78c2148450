"""Ingest: a corpus folder becomes a list of `Article`s, and a list of `Problem`s.

Every file is read on its own: one that cannot be read is reported with its path and the
reason, and never stops the others.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from slugify import slugify

from generator.config import USER_FILE, Settings
from generator.ingest.decode import Undecodable, decode, normalise_newlines
from generator.ingest.markup import check_metadata, html_blocks, markdown_blocks, parse_date_field, split_front_matter
from generator.ingest.plaintext import parse_plain_text
from generator.model import Article, Block, Problem

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
MAX_BYTES = 20_000_000  # larger files are cut here, with a warning, to keep memory bounded
ID_MAX = 80


def corpus_files(corpus: Path, problems: list[Problem]) -> list[Path]:
    """Every visible file below the corpus, sorted; links leading outside it are not followed."""
    root = corpus.resolve()
    found: list[Path] = []
    skipped: dict[str, list[str]] = {}
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or (Path(directory) == root and name == USER_FILE):
                continue
            path = Path(directory) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                problems.append(Problem(rel, "symbolic link leading outside the corpus; not followed"))
                continue
            if path.suffix.lower() not in SUPPORTED:
                skipped.setdefault(path.suffix.lower(), []).append(rel)
                continue
            found.append(path)
    for suffix, paths in sorted(skipped.items()):
        problems.append(Problem(", ".join(paths), f"unknown file type '{suffix}': skipped "
                                f"(supported: {', '.join(sorted(s for s in SUPPORTED if s))})", "warning"))
    return found


def article_id(rel: str, taken: set[str]) -> str:
    """A stable slug from the path; a clash (a.txt and a.md) gets a hash of the path appended."""
    stem = rel.rsplit(".", 1)[0] if "." in rel.rsplit("/", 1)[-1] else rel
    base = slugify(stem, max_length=ID_MAX, word_boundary=True) or "article"
    candidate = base
    if candidate in taken:
        candidate = f"{base}-{hashlib.sha1(rel.encode()).hexdigest()[:8]}"
    taken.add(candidate)
    return candidate


def read_article(path: Path, rel: str, art_id: str, settings: Settings, problems: list[Problem]) -> Article | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(rel, f"cannot be read ({exc.strerror or exc})"))
        return None
    if len(data) > MAX_BYTES:
        problems.append(Problem(rel, f"{len(data):,} bytes; only the first {MAX_BYTES:,} are used", "warning"))
        data = data[:MAX_BYTES]
    if not data.strip():
        problems.append(Problem(rel, "empty file"))
        return None
    try:
        text, warning = decode(data)
    except (Undecodable, UnicodeDecodeError) as exc:
        problems.append(Problem(rel, str(exc)))
        return None
    if warning:
        problems.append(Problem(rel, warning, "warning"))
    text = normalise_newlines(text)
    suffix = path.suffix.lower()
    article = Article(id=art_id, source=rel, title=None, blocks=[],
                      content_hash=hashlib.sha256(data).hexdigest())
    if suffix in MARKDOWN_SUFFIXES:
        meta, body, notes = split_front_matter(text)
        clean, more = check_metadata(meta)
        for note in notes + more:
            problems.append(Problem(rel, note, "warning"))
        title, blocks = markdown_blocks(body)
        article.blocks = blocks
        article.title = clean.get("title") or title
        article.date = clean.get("date")
        article.author = clean.get("author")
        article.url = clean.get("url") or clean.get("source")
        article.tags = clean.get("tags", [])
        article.overrides = clean["overrides"]
    elif suffix in HTML_SUFFIXES:
        article.title, article.blocks = html_blocks(text)
    else:
        parsed = parse_plain_text(text, settings.data("boilerplate"))
        article.blocks, article.title, article.date, article.author = (
            parsed.blocks, parsed.title, parsed.date, parsed.author)
        if parsed.date and not _real_date(parsed.date):
            problems.append(Problem(rel, f"date marker {parsed.date} is not a real date; ignored", "warning"))
            article.date = None
    article.date_given = article.date is not None
    if article.date_given:
        article.date_evidence = "given in the file"
    if not any(b.kind == "paragraph" for b in article.blocks):
        if article.title:
            article.blocks.append(Block("paragraph", article.title))
        else:
            problems.append(Problem(rel, "no text after removing markup and front matter"))
            return None
    return article


def _real_date(value: str) -> bool:
    return parse_date_field(value) == value


def read_corpus(settings: Settings) -> tuple[list[Article], list[Problem]]:
    problems: list[Problem] = []
    corpus = settings.corpus
    if not corpus.is_dir():
        return [], [Problem(str(corpus), "corpus folder does not exist")]
    articles: list[Article] = []
    taken: set[str] = set()
    seen: dict[str, str] = {}
    for path in corpus_files(corpus, problems):
        rel = path.resolve().relative_to(corpus.resolve()).as_posix()
        article = read_article(path, rel, article_id(rel, taken), settings, problems)
        if article is None:
            continue
        fingerprint = hashlib.sha256(" ".join(article.body.split()).encode()).hexdigest()
        if fingerprint in seen:
            problems.append(Problem(rel, f"same text as {seen[fingerprint]}; built once", "warning"))
            continue
        seen[fingerprint] = rel
        articles.append(article)
    return articles, problems
