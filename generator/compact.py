"""A built page's indentation is dropped: a run of whitespace that holds a line break becomes
one line break. Browsers render both the same outside preformatted text, and the theme's
indentation is about a fifth of each built page."""

from __future__ import annotations

import re

# Preformatted and raw-text elements are copied as they are; elsewhere, a whitespace run with a newline shrinks.
_TOKEN = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>|[ \t]*\n\s*", re.S | re.I)


def compact(html: str) -> str:
    return _TOKEN.sub(lambda m: m.group(0) if m.group(1) else "\n", html)
