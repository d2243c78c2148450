"""A built page's indentation is dropped: a run of whitespace that holds a line break becomes
one line break. Browsers render both the same outside preformatted text, and the theme's
indentation is about a fifth of each built page."""

from __future__ import annotations

import re

# Preformatted and raw-text elements are copied as they are; between them, a whitespace run with a newline shrinks.
_KEEP = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_SPACE = re.compile(r"[ \t]*\n\s*")


def compact(html: str) -> str:
    # One substitution without a Python callback for each stretch between kept elements: a
    # callback per whitespace run is markedly slower.
    parts, last = [], 0
    for kept in _KEEP.finditer(html):
        parts += (_SPACE.sub("\n", html[last : kept.start()]), kept.group(0))
        last = kept.end()
    parts.append(_SPACE.sub("\n", html[last:]))
    return "".join(parts)
