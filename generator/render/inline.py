"""A sentence of an article's body as its page shows it: the formatting its file gave it (bold,
italics, code, links to the web) and a link on the first mention of each entity, all escaped
text around them. Tags nest as the spans do; an entity's link that would cross a formatting
span's edge, or fall inside a link, is left out rather than break the nesting."""

from __future__ import annotations

import html

from generator.render.escape import md

_TAGS = {"strong": ("<strong>", "</strong>"), "em": ("<em>", "</em>"), "code": ("<code>", "</code>")}


def entity_spans(text: str, links: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(start, end, url) of each entity's words in `text`, the longest first, none overlapping."""
    spans: list[tuple[int, int, str]] = []
    for words, url in sorted(links, key=lambda x: -len(x[0])):
        at = text.find(words)
        if at >= 0 and not any(at < e and s < at + len(words) for s, e, _ in spans):
            spans.append((at, at + len(words), url))
    return sorted(spans)


def _fits(start: int, end: int, marks: tuple) -> bool:
    """Whether an entity's link over [start, end) nests with every mark, and lies in no link or code."""
    for a, b, style, _ in marks:
        if b <= start or end <= a:
            continue
        if style in ("link", "code") and a <= start and end <= b:
            return False  # no link inside a link; code shows as it is
        if not (a <= start and end <= b) and not (start <= a and b <= end):
            return False  # the two would cross
    return True


def formatted(text: str, marks: tuple = (), links: list[tuple[str, str]] | None = None) -> str:
    spans = [(a, b, style, href) for a, b, style, href in marks if 0 <= a < b <= len(text)]
    spans += [(s, e, "entity", url) for s, e, url in entity_spans(text, links or []) if _fits(s, e, marks)]
    # Outer spans before the spans they hold: by start, then the longest first.
    spans.sort(key=lambda span: (span[0], -span[1], span[2] != "entity"))
    out: list[str] = []
    _render(text, 0, len(text), spans, out)
    return "".join(out)


def _render(text: str, lo: int, hi: int, spans: list[tuple], out: list[str]) -> None:
    pos, n = lo, 0
    while n < len(spans):
        start, end, style, target = spans[n]
        if start < pos:  # crosses the span before it: shown as plain text
            n += 1
            continue
        inner = []
        m = n + 1
        while m < len(spans) and spans[m][0] < end and spans[m][1] <= end:  # the spans inside this one
            inner.append(spans[m])
            m += 1
        out.append(md(text[pos:start]))
        if style == "entity":
            out.append("[")
            _render(text, start, end, inner, out)
            out.append(f"]({target})")
        elif style == "link":
            out.append(f'<a href="{html.escape(target, quote=True)}">')
            _render(text, start, end, inner, out)
            out.append("</a>")
        else:
            out.append(_TAGS[style][0])
            _render(text, start, end, inner, out)
            out.append(_TAGS[style][1])
        pos, n = end, m
    out.append(md(text[pos:hi]))
