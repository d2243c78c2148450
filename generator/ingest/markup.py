"""Markdown (with YAML front matter) and HTML articles."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from html.parser import HTMLParser
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler
from markdown_it import MarkdownIt

from generator import safe_yaml
from generator.ingest.plaintext import header_date
from generator.model import Block

KNOWN_FIELDS = ("title", "date", "source", "url", "author", "tags")


class _NotAMapping(ValueError):
    pass


class _Handler(YAMLHandler):
    def load(self, fm: str, **kwargs: Any) -> Any:
        data = safe_yaml.load(fm)
        if data is not None and not isinstance(data, dict):
            # python-frontmatter would drop it without a word.
            raise _NotAMapping(type(data).__name__)
        if _nodes(data, MAX_NODES) >= MAX_NODES:
            raise _TooBig()
        return data


class _TooBig(ValueError):
    pass


# YAML aliases can make a few lines stand for billions of values; front matter is a few fields.
MAX_NODES = 10_000


def _nodes(value: Any, budget: int) -> int:
    """How many values `value` holds, counting no further than `budget`."""
    count, stack = 0, [value]
    while stack and count < budget:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def split_front_matter(text: str) -> tuple[dict[str, Any], str, list[str]]:
    """Return (metadata, body, problems). Broken YAML keeps the body and reports the reason."""
    try:
        post = frontmatter.loads(text, handler=_Handler())
    except safe_yaml.Refused as exc:
        return {}, _strip_front(text), [f"front matter ignored: {exc}"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        return {}, _strip_front(text), [f"front matter is not valid YAML{where}; built from the body only"]
    except _NotAMapping as exc:
        return {}, _strip_front(text), [f"front matter is a {exc}, not a mapping of fields; ignored"]
    except _TooBig:
        return {}, _strip_front(text), [f"front matter holds more than {MAX_NODES:,} values (YAML aliases?); ignored"]
    return dict(post.metadata), post.content, []


def _strip_front(text: str) -> str:
    return re.sub(r"\A---\n.*?\n---\n", "", text, count=1, flags=re.S)


def check_metadata(meta: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Keep the usable fields, coerce the fixable ones, report the rest."""
    clean: dict[str, Any] = {}
    problems: list[str] = []
    for key in ("title", "author", "source", "url"):
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            clean[key] = " ".join(str(value).split())
            if not isinstance(value, str):
                problems.append(f"front matter '{key}' is not text ({type(value).__name__}); used as text")
        else:
            problems.append(f"front matter '{key}' has the wrong type ({type(value).__name__}); ignored")
    if "date" in meta and meta["date"] is not None:
        date = parse_date_field(meta["date"])
        if date is None:
            problems.append(
                f"front matter 'date' {meta['date']!r} is not a real date (YYYY, YYYY-MM or YYYY-MM-DD); ignored"
            )
        else:
            clean["date"] = date
    tags = meta.get("tags")
    if isinstance(tags, str):
        clean["tags"] = [t.strip() for t in tags.split(",") if t.strip()]
        problems.append("front matter 'tags' is a string, not a list; split at commas")
    elif isinstance(tags, list):
        clean["tags"] = [" ".join(str(t).split()) for t in tags if isinstance(t, (str, int, float))]
    elif tags is not None:
        problems.append(f"front matter 'tags' has the wrong type ({type(tags).__name__}); ignored")
    clean["overrides"] = {k: v for k, v in meta.items() if k not in KNOWN_FIELDS}
    return clean, problems


def parse_date_field(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1 <= value <= 9999:
        return f"{value:04d}"
    if not isinstance(value, str):
        return None
    value = value.strip()
    for fmt, width in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            parsed = dt.datetime.strptime(value[:width], fmt)
        except ValueError:
            continue
        if len(value) == width or (width == 10 and value[10:11] in ("T", " ")):
            return parsed.strftime(fmt)
    return None


def written_date(value: Any) -> str | None:
    """The date a metadata field gives, as written there: ISO ("2016-09-07T18:30:00-04:00" is
    the 7th, whatever the date in UTC), the e-mail and RSS form ("Wed, 21 Jul 2017 10:00:00
    +0000"), or a date in words ("25 August 2023")."""
    found = parse_date_field(value)
    if found or not isinstance(value, str) or not value.strip():
        return found
    try:
        return email.utils.parsedate_to_datetime(value.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return header_date(value)


# CommonMark, with raw HTML recognised as such so that it is left out (comments, tags).
_MARKDOWN = MarkdownIt("commonmark", {"html": True})
_INLINE_BREAKS = {"softbreak", "hardbreak"}
_STYLES = {"strong_open": "strong", "em_open": "em", "link_open": "link"}
_CLOSES = {"strong_close": "strong", "em_close": "em", "link_close": "link"}
_SHOWN_LINKS = ("http://", "https://", "mailto:")  # a link to another file of the corpus leads nowhere on the site
_SPACES = re.compile(r"\s+")


class _Inline:
    """The text of an inline token, whitespace folded, with the formatting over it as marks."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.size = 0  # characters in `out`
        self.space = True  # whether `out` is empty or ends with a space: no space may follow
        self.marks: list[tuple] = []
        self.open: list[tuple[str, int, str | None]] = []

    def add(self, chunk: str) -> None:
        chunk = _SPACES.sub(" ", chunk)
        if self.space and chunk.startswith(" "):
            chunk = chunk[1:]
        if chunk:
            self.out.append(chunk)
            self.size += len(chunk)
            self.space = chunk.endswith(" ")

    def read(self, children) -> tuple[str, tuple]:
        for child in children or []:
            kind = child.type
            if kind == "text":
                self.add(child.content)
            elif kind == "code_inline":
                start = self.size
                self.add(child.content)
                self.marks.append((start, self.size, "code", None))
            elif kind in _INLINE_BREAKS:
                self.add(" ")
            elif kind in _STYLES:
                href = str(child.attrs.get("href") or "") if kind == "link_open" else None
                self.open.append((_STYLES[kind], self.size, href))
            elif kind in _CLOSES and self.open and self.open[-1][0] == _CLOSES[kind]:
                style, start, href = self.open.pop()
                if style != "link" or href.lower().startswith(_SHOWN_LINKS):
                    self.marks.append((start, self.size, style, href))
        text = "".join(self.out)
        stripped = text.rstrip()
        size = len(stripped)
        marks = tuple(sorted((a, min(b, size), style, href) for a, b, style, href in self.marks if a < min(b, size)))
        return stripped, marks


def markdown_blocks(body: str) -> tuple[str | None, list[Block]]:
    """Headings (ATX and setext) and paragraphs of a Markdown body: their text without markup, for
    extraction, and their emphasis, code and links as marks, for the page; a list's item and a
    quotation's paragraph keep that form. Code blocks and raw HTML are left out. A leading
    level-1 heading is the title."""
    blocks: list[Block] = []
    title = None
    level = None
    forms: list[str] = []
    for token in _MARKDOWN.parse(body):
        if token.type == "heading_open":
            level = int(token.tag[1:])
        elif token.type == "heading_close":
            level = None
        elif token.type in ("list_item_open", "blockquote_open"):
            forms.append("item" if token.type == "list_item_open" else "quote")
        elif token.type in ("list_item_close", "blockquote_close") and forms:
            forms.pop()
        elif token.type == "inline":
            text, marks = _Inline().read(token.children)
            if not text:
                continue
            if level is None:
                blocks.append(Block("paragraph", text, marks, forms[-1] if forms else ""))
            elif level == 1 and title is None and not blocks:
                title = text
            else:
                blocks.append(Block("heading", text))
    return title, blocks


class _TextOfHtml(HTMLParser):
    """Collects the text of block elements; script and style content is dropped."""

    BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article"}
    SKIP = {"script", "style", "noscript", "template", "nav", "footer", "header", "aside", "iframe"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: str | None = None
        self.blocks: list[Block] = []
        self._buffer: list[str] = []
        self._kind = "paragraph"
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCKS:
            self._flush()
            self._kind = "heading" if tag[0] == "h" and tag[1:].isdigit() else "paragraph"
            self._level = tag

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self._skip:
            return
        if self._in_title:
            self.title = " ".join(((self.title or "") + " " + data).split()) or None
        else:
            self._buffer.append(data)

    def _flush(self):
        text = " ".join("".join(self._buffer).split())
        self._buffer.clear()
        if text:
            if self._kind == "heading" and getattr(self, "_level", "") == "h1" and not self.blocks:
                self.title = text
            else:
                self.blocks.append(Block(self._kind, text))
        self._kind = "paragraph"

    def close(self):
        super().close()
        self._flush()


# A "<" whose tag never closes before the next "<": text, not a tag. The standard library's
# parser scans ahead for the end of such a tag at each one, in quadratic time over a run of them.
_UNCLOSED_TAG = re.compile(r"<(?=[^<>]*(?:<|\Z))")


def html_blocks(text: str) -> tuple[str | None, list[Block]]:
    parser = _TextOfHtml()
    parser.feed(_UNCLOSED_TAG.sub("&lt;", text))
    parser.close()
    return parser.title, parser.blocks
