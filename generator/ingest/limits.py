"""Budgets that keep every later stage linear in an article's length, whatever its text holds.

A parser's cost grows with the length of what it reads at once: spaCy's tokenizer takes
quadratic time on one long run of punctuation or one very long word (its prefix and suffix
rules peel a character at a time), and its parser's memory grows with what one batch holds. So
runs of punctuation are shortened, very long words broken, and a paragraph longer than a page
of print is split where a sentence, else a word, ends. Each is reported once per article.
"""

from __future__ import annotations

import re

from generator.model import Block

# News prose never repeats a mark more than a few times ("!!!", "..."); longer runs are rules,
# decorations or noise. The class holds no letter, digit or space (the underscore is a mark
# here, though regexes count it a word character), so matching is linear.
RUN_LIMIT = 10
_RUN = re.compile(rf"(?:[^\w\s]|_){{{RUN_LIMIT + 1},}}")
# No word of prose, nor a web address in it, is this long; the tokenizer's cost grows with the
# square of a word's length (it peels prefixes and suffixes one at a time), so longer ones are
# broken with a space at this length.
WORD_CHARS = 500
_LONG_WORD = re.compile(rf"\S{{{WORD_CHARS + 1},}}")
# A long news paragraph is about 1,000 characters.
BLOCK_CHARS = 5_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def shorten_runs(text: str) -> tuple[str, int]:
    """Runs of more than RUN_LIMIT punctuation marks cut to their first three, and words longer
    than WORD_CHARS broken in pieces; how many of either were changed."""
    text, runs = _RUN.subn(lambda m: m.group(0)[:3], text)
    text, words = _LONG_WORD.subn(
        lambda m: " ".join(m.group(0)[i : i + WORD_CHARS] for i in range(0, len(m.group(0)), WORD_CHARS)), text
    )
    return text, runs + words


def split_long(text: str) -> list[str]:
    """`text` in pieces of at most BLOCK_CHARS, cut after a sentence's end, else at a space."""
    pieces = []
    while len(text) > BLOCK_CHARS:
        window = text[:BLOCK_CHARS]
        ends = [m.end() for m in _SENTENCE_END.finditer(window, BLOCK_CHARS // 2)]
        cut = ends[-1] if ends else window.rfind(" ", BLOCK_CHARS // 2) + 1 or BLOCK_CHARS
        pieces.append(text[:cut].strip())
        text = text[cut:].lstrip()
    pieces.append(text)
    return [p for p in pieces if p]


def bound_blocks(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The blocks within budget, and a note for each kind of cut made."""
    out: list[Block] = []
    runs = split = 0
    for block in blocks:
        text, cut = shorten_runs(block.text)
        runs += cut
        pieces = split_long(text) if block.kind == "paragraph" else [text[:BLOCK_CHARS]]
        split += len(pieces) - 1
        if pieces == [block.text]:
            out.append(block)  # as it was, its formatting with it
        else:  # cut or shortened: the formatting's offsets no longer hold
            out.extend(Block(block.kind, piece, form=block.form) for piece in pieces)
    notes = []
    if runs:
        notes.append(
            f"{runs} run(s) of more than {RUN_LIMIT} punctuation marks shortened to three, or "
            f"word(s) longer than {WORD_CHARS} characters broken"
        )
    if split:
        notes.append(f"paragraph(s) longer than {BLOCK_CHARS:,} characters split into {split} more")
    return out, notes
