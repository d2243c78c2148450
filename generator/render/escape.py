"""Article text is untrusted: it reaches the page as text, never as Markdown or HTML."""

from __future__ import annotations

import json
import re
import unicodedata

from markupsafe import Markup

# Characters Python-Markdown (and the extensions the site enables) give a meaning to.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()!|])")
# Only at the start of a line do these begin a block (heading, list, numbered list).
_BLOCK_START = re.compile(r"^(?:([#+\-])|(\d+)([.)]))")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_INVISIBLE = {"Cc", "Cf", "Co", "Cs"}
_KEEP = "\n\r\t\u200c\u200d"  # newlines become spaces below; ZWNJ and ZWJ are kept
_HTML_TABLE = str.maketrans(_HTML)
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # the invisible ASCII characters
_SPACES = re.compile(r"\s+")
# Text that comes out of `md` unchanged: ASCII letters first, no Markdown or HTML character, single spaces.
_PLAIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9,.;:'?/%=~$^@-]| (?! ))*")


def clean_text(text: str) -> str:
    """Drop control and format characters (zero-width, bidi overrides) and fold newlines.

    The joiners stay: emoji sequences and Persian or Indic spelling are made with them."""
    if text.isascii():  # most text: no per-character look-up needed
        return _SPACES.sub(" ", _ASCII_CONTROL.sub("", text))
    text = "".join(
        " " if ch in "\n\r\t" else ch for ch in text if unicodedata.category(ch) not in _INVISIBLE or ch in _KEEP
    )
    return _SPACES.sub(" ", text)


class Raw(str):
    """Markdown a template marks `|safe`: it reaches the page as it is (a lighter Markup)."""

    __slots__ = ()


def md(value: object) -> str:
    """Text to inline Markdown that renders as exactly that text."""
    if type(value) is str:
        # The same names, titles and sentences are escaped on many pages: 5 million calls for
        # 10,000 articles, most of them repeats.
        escaped = _ESCAPED.get(value)
        if escaped is None:
            if len(_ESCAPED) >= _ESCAPED_MOST:
                _ESCAPED.clear()
            escaped = _ESCAPED[value] = _escape(value)
        return escaped
    if type(value) is Raw:
        return value
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    if type(value) is int:
        return str(value)
    return _escape(str(value))


_ESCAPED: dict[str, str] = {}
_ESCAPED_MOST = 500_000  # texts remembered; the memory stays bounded on any corpus


def _escape(value: str) -> str:
    if _PLAIN.fullmatch(value):  # most names and titles: nothing to escape
        return value
    text = clean_text(value)
    text = text.translate(_HTML_TABLE)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def yaml_string(value: object) -> Markup:
    """A page title for front matter: JSON strings are valid YAML and escape everything for YAML.

    The theme puts `page.meta.title` into <title> and the header as HTML, unescaped, so the
    text is HTML-escaped first: a title "</title><script>" must stay text."""
    return Markup(json.dumps(clean_text(str(value)).translate(_HTML_TABLE), ensure_ascii=False))
