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


def clean_text(text: str) -> str:
    """Drop control and format characters (zero-width, bidi overrides) and fold newlines.

    The joiners stay: emoji sequences and Persian or Indic spelling are made with them."""
    text = "".join(" " if ch in "\n\r\t" else ch for ch in text
                   if unicodedata.category(ch) not in _INVISIBLE or ch in _KEEP)
    return re.sub(r"\s+", " ", text)


def md(value: object) -> str:
    """Text to inline Markdown that renders as exactly that text."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    text = clean_text(str(value))
    text = "".join(_HTML.get(ch, ch) for ch in text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def yaml_string(value: object) -> Markup:
    """A page title for front matter: JSON strings are valid YAML and escape everything for YAML.

    The theme puts `page.meta.title` into <title> and the header as HTML, unescaped, so the
    text is HTML-escaped first: a title "</title><script>" must stay text."""
    return Markup(json.dumps("".join(_HTML.get(ch, ch) for ch in clean_text(str(value))), ensure_ascii=False))
