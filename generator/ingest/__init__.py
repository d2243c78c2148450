"""Ingest: a corpus folder becomes a list of `Article`s, and a list of `Problem`s.

Every file is read on its own: one that cannot be read is reported with its path and the
reason, and never stops the others.
"""

from __future__ import annotations

import hashlib
import os
import stat
from functools import partial
from pathlib import Path

from generator.config import MANIFEST, USER_FILE, Settings
from generator.ids import IdMaker
from generator.ingest.decode import Undecodable, decode, normalise
from generator.ingest.formats import (
    BINARY,
    CONTAINER_BYTES,
    SUPPORTED,
    file_format,
    format_name,
    looks_like_html,
    reader,
)
from generator.ingest.limits import bound_blocks, shorten_runs
from generator.ingest.markup import check_metadata, markdown_blocks, parse_date_field, split_front_matter
from generator.ingest.plaintext import parse_plain_text
from generator.ingest.snapshot import SOURCE, Snapshot, file_digest, signature
from generator.model import Article, Block, Problem, Record
from generator.process import share

# Limits that keep memory and time bounded; both are reported when they apply. 100,000
# characters is about 16,000 words, longer than nearly any news article.
MAX_CHARS = 100_000
TITLE_CHARS = 1_000  # longer is not a headline; spaCy reads it whole
MAX_BYTES = 4 * MAX_CHARS + 4  # at most this much of a file is read: UTF-8 uses up to 4 bytes a character


def corpus_files(
    corpus: Path, problems: list[Problem], skip: tuple[Path, ...] = ()
) -> list[tuple[Path, os.stat_result]]:
    """Every visible file below the corpus, sorted, with its status; links leading outside it
    are not followed. One `stat` a file: directory entries tell links and files apart. The
    folders in `skip` (the cache) and any site Annals built (it holds a build manifest) are not read."""
    root = corpus.resolve()
    skip = tuple(s.resolve() for s in skip)
    found: list[tuple[Path, os.stat_result]] = []
    skipped: dict[str, list[str]] = {}
    folders = [root]
    while folders:  # depth first, a folder's files before its folders', in name order (as os.walk)
        directory = folders.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(
                Problem(
                    display(directory.relative_to(root).as_posix() or "."),
                    f"folder cannot be read ({exc.strerror or exc}); skipped",
                )
            )
            continue
        below = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_dir(entry):
                folder = directory / entry.name
                if entry.is_symlink():  # a linked folder is not walked
                    continue
                if folder in skip or (folder / MANIFEST).is_file():
                    problems.append(
                        Problem(
                            display(folder.relative_to(root).as_posix()),
                            "the cache or a site built by Annals; not read as articles",
                            "warning",
                        )
                    )
                    continue
                below.append(folder)
                continue
            if directory == root and entry.name == USER_FILE:
                continue
            path = directory / entry.name
            raw = path.relative_to(root).as_posix()
            rel = display(raw)
            if rel != raw:
                problems.append(Problem(rel, "file name is not valid UTF-8; read, and shown with \ufffd", "warning"))
            try:
                status = entry.stat()
            except OSError:
                status = None
            if entry.is_symlink() and status is None:
                problems.append(Problem(rel, "broken symbolic link (its target does not exist)"))
                continue
            if entry.is_symlink() and not path.resolve().is_relative_to(root):
                problems.append(Problem(rel, "symbolic link leading outside the corpus; not followed"))
                continue
            if status is None or not stat.S_ISREG(status.st_mode):
                problems.append(Problem(rel, "not a regular file (a pipe, socket or device); skipped"))
                continue
            if path.suffix.lower() not in SUPPORTED and file_format(path) is None:
                skipped.setdefault(path.suffix.lower(), []).append(rel)
                continue
            found.append((path, status))
        folders.extend(reversed(below))
    for suffix, paths in sorted(skipped.items()):
        problems.append(
            Problem(
                ", ".join(paths),
                f"unknown file type '{suffix}': skipped (supported: {', '.join(sorted(s for s in SUPPORTED if s))})",
                "warning",
            )
        )
    return found


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def display(rel: str) -> str:
    """A path as text: bytes that are not UTF-8 in a file name become U+FFFD, so it can be printed."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def article_id(rel: str, ids: IdMaker) -> str:
    """A stable slug from the path; a clash (a.txt and a.md) gets a hash of the path appended."""
    stem = rel.rsplit(".", 1)[0] if "." in rel.rsplit("/", 1)[-1] else rel
    return ids.make(stem, "article", key=rel)


def read_bytes(path: Path, rel: str, problems: list[Problem], limit: int) -> tuple[bytes, int] | None:
    """At most `limit` bytes of the file, and its size; None (and a problem) if it cannot be read."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            data = handle.read(limit)
    except OSError as exc:
        problems.append(Problem(rel, f"cannot be read ({exc.strerror or exc})"))
        return None
    if not data.strip():
        problems.append(Problem(rel, "empty file" if not data else "empty file (only white space)"))
        return None
    return data, size


def read_text(path: Path, rel: str, problems: list[Problem], limit: int = MAX_BYTES) -> str | None:
    """The file's text, decoded and normalised; None if there is none. A file of one article is
    cut at MAX_CHARS; a container (a page, a feed, a table) is read up to `limit` bytes and its
    articles are cut one by one."""
    read = read_bytes(path, rel, problems, limit)
    if read is None:
        return None
    data, size = read
    try:
        text, warning = decode(data, truncated=size > len(data))
    except (Undecodable, UnicodeDecodeError) as exc:
        problems.append(Problem(rel, str(exc)))
        return None
    if warning:
        problems.append(Problem(rel, warning, "warning"))
    text, removed = normalise(text)
    if not text.strip():
        problems.append(Problem(rel, "empty file (only invisible characters)"))
        return None
    if removed:
        problems.append(
            Problem(
                rel,
                f"{removed} invisible formatting character(s) removed "
                "(zero-width spaces, soft hyphens, direction overrides)",
                "warning",
            )
        )
    if limit == MAX_BYTES and (size > len(data) or len(text) > MAX_CHARS):
        cut = text.rfind("\n", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS * 0.9 else MAX_CHARS]
        problems.append(
            Problem(
                rel,
                f"file of {size:,} bytes is longer than the limit; only its first {len(text):,} characters are used",
                "warning",
            )
        )
    elif size > len(data):
        problems.append(
            Problem(
                rel,
                f"file of {size:,} bytes is longer than the limit; only its first {len(data):,} bytes are read",
                "warning",
            )
        )
    return text


def read_file(
    path: Path, rel: str, art_id: str, settings: Settings, problems: list[Problem], boilerplate: dict | None = None
) -> list[Article]:
    """The articles of one file: one for most formats, one an item for feeds and tables."""
    kind = file_format(path) or "text"
    if boilerplate is None:
        boilerplate = settings.data("boilerplate")
    if kind in BINARY:
        read = read_bytes(path, rel, problems, CONTAINER_BYTES)
        if read is None:
            return []
        data, size = read
        if size > len(data):
            problems.append(
                Problem(rel, f"file of {size:,} bytes is longer than the limit of {CONTAINER_BYTES:,}; not read")
            )
            return []
        records = _records(kind, data, boilerplate, rel, problems)
        digest_of = data
    else:
        text = read_text(path, rel, problems, MAX_BYTES if kind in ("text", "markdown") else CONTAINER_BYTES)
        if text is None:
            return []
        if kind == "text" and looks_like_html(text):
            kind = "html"
            problems.append(Problem(rel, "a web page with a text file's name; read as HTML", "warning"))
        digest_of = text.encode()
        if kind == "markdown":
            records = [_markdown(text, rel, problems)]
        elif kind == "text":
            parsed = parse_plain_text(text, boilerplate)
            if parsed.date and not _real_date(parsed.date):
                problems.append(Problem(rel, f"date marker {parsed.date} is not a real date; ignored", "warning"))
                parsed.date = None
            records = [parsed]
        else:
            records = _records(kind, text, boilerplate, rel, problems)
    if kind not in ("text", "markdown"):
        drop = tuple(p.lower() for p in boilerplate.get("drop_line_prefixes", []))
        for record in records:  # "READ MORE: …" links left inside a page's or a feed item's text
            record.blocks = [b for b in record.blocks if not b.text.lower().startswith(drop)]
    content_hash = hashlib.sha256(digest_of).hexdigest()
    articles = []
    for record in records:
        where = rel if record.item is None else f"{rel}#{record.item}"
        article = _article(
            record,
            art_id if record.item is None else f"{art_id}-{record.item}",
            where,
            content_hash
            if record.item is None
            else hashlib.sha256(f"{content_hash} {record.item}".encode()).hexdigest(),
            problems,
        )
        if article is not None:
            articles.append(article)
    return articles


def _records(kind: str, data, boilerplate: dict, rel: str, problems: list[Problem]) -> list[Record]:
    try:
        records, notes = reader(kind)(data, boilerplate)
    except Exception as exc:  # a damaged file of any format: reported, and the rest still builds
        problems.append(Problem(rel, f"cannot be read as {format_name(kind)} ({type(exc).__name__}: {exc})"))
        return []
    problems.extend(Problem(rel, note, "warning") for note in notes)
    return records


def _markdown(text: str, rel: str, problems: list[Problem]) -> Record:
    meta, body, notes = split_front_matter(text)
    clean, more = check_metadata(meta)
    for note in notes + more:
        problems.append(Problem(rel, note, "warning"))
    title, blocks = markdown_blocks(body)
    record = Record(
        blocks,
        title=clean.get("title") or title,
        date=clean.get("date"),
        author=clean.get("author"),
        url=clean.get("url") or clean.get("source"),
        tags=clean.get("tags", []),
        overrides=clean["overrides"],
    )
    return record


def _article(record: Record, art_id: str, where: str, content_hash: str, problems: list[Problem]) -> Article | None:
    article = Article(
        id=art_id,
        source=where,
        title=record.title,
        blocks=record.blocks,
        date=record.date,
        author=record.author,
        url=record.url,
        tags=list(record.tags),
        content_hash=content_hash,
        date_text=record.date_text,
        overrides=dict(record.overrides),
    )
    article.blocks, notes = bound_blocks(article.blocks)
    if len(article.body) > MAX_CHARS:  # a page, a PDF or a feed item: the limit holds on its text, not its markup
        kept, total = [], 0
        for block in article.blocks:
            total += len(block.text) + 2
            if total > MAX_CHARS:
                break
            kept.append(block)
        article.blocks = kept
        notes.append(f"article longer than {MAX_CHARS:,} characters; only its first {len(kept)} paragraph(s) are used")
    if article.title:
        title, _ = shorten_runs(" ".join(article.title.split()))
        if len(title) > TITLE_CHARS:
            title = title[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"
            notes.append(f"title longer than {TITLE_CHARS} characters; cut")
        article.title = title
    problems.extend(Problem(where, note, "warning") for note in notes)
    article.date_given = article.date is not None
    if article.date_given:
        article.date_evidence = "given in the file"
    if not any(b.kind == "paragraph" for b in article.blocks):
        if article.title:
            article.blocks.append(Block("paragraph", article.title))
        else:
            problems.append(Problem(where, "no text after removing markup and front matter"))
            return None
    return article


def _real_date(value: str) -> bool:
    return parse_date_field(value) == value


def _read_new(path: Path, rel: str, art_id: str, settings: Settings, boilerplate: dict) -> tuple:
    """A file not in the snapshot: its articles, the problems reading it, and their fingerprints."""
    notes: list[Problem] = []
    articles = read_file(path, rel, art_id, settings, notes, boilerplate)
    # Duplicates are told by their words, whatever the spacing or layout.
    fingerprints = [hashlib.sha256(" ".join(a.body.split()).encode()).hexdigest() for a in articles]
    return articles, notes, fingerprints


def read_corpus(settings: Settings, processes: int = 1) -> tuple[list[Article], list[Problem]]:
    """The corpus's articles; with a cache folder, files unchanged since the last run there are
    not read again (see `snapshot`). With `processes` 2, a forked process shares the reading of new
    files (see `process.share`)."""
    problems: list[Problem] = []
    corpus = settings.corpus
    if not corpus.is_dir():
        return [], [Problem(str(corpus), "corpus folder does not exist")]
    articles: list[Article] = []
    ids = IdMaker()
    seen: dict[str, str] = {}
    boilerplate = settings.data("boilerplate")
    version = hashlib.blake2b(f"{SOURCE}{boilerplate!r}".encode()).hexdigest()
    last = Snapshot(settings.cache_dir, version)
    root = corpus.resolve()
    listed = []
    skip = (settings.cache_dir,) if settings.cache_dir is not None else ()
    for path, status in corpus_files(corpus, problems, skip):
        rel = display(path.relative_to(root).as_posix())
        art_id = article_id(rel, ids)
        sig = signature(path, status)  # before reading: an edit during the read is seen next time
        digest = file_digest(path) if last.needs_digest(rel, sig) else None
        listed.append((path, rel, art_id, sig, digest, last.get(rel, sig, art_id, digest)))
    new = [n for n, item in enumerate(listed) if item[5] is None]
    read = share.run([partial(_read_new, *listed[n][:3], settings, boilerplate) for n in new], processes)
    found_new = dict(zip(new, read, strict=True))
    for n, (_path, rel, art_id, sig, digest, found) in enumerate(listed):
        if found is None:
            found = found_new[n]
        last.keep(rel, sig, art_id, found, digest)
        found_articles, notes, fingerprints = found
        problems.extend(notes)
        for article, fingerprint in zip(found_articles, fingerprints, strict=True):
            if fingerprint in seen:
                problems.append(Problem(article.source, f"same text as {seen[fingerprint]}; built once", "warning"))
                continue
            seen[fingerprint] = article.source
            if article.source != rel:  # an item of a feed or a table: its id is unique among the files' too
                article.id = ids.make(article.id, "article", key=article.source)
            articles.append(article)
    last.save()
    return articles, problems
