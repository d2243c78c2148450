"""Digests of what a page shows, for the render memo's keys: plain tuples, whose repr is the same
in every run and is made in C."""

from __future__ import annotations

import hashlib
from dataclasses import fields, is_dataclass
from operator import itemgetter

from generator.model import Article, row_of


def digest(*parts: object, size: int = 20) -> str:
    # repr of plain dataclasses, lists, tuples and strings is the same in every run (no sets here).
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=size).hexdigest()


def rows(items: list) -> list[tuple]:
    """Dataclasses of one kind as tuples of their fields: the repr of a tuple is made in C, of a
    dataclass in Python, several times slower over a large corpus' blocks and sentences."""
    return list(map(row_of(type(items[0])), items)) if items else []


# An article's fields but its text (its extraction's key stands for it) and its digest.
_ARTICLE = itemgetter(*(n for n, f in enumerate(fields(Article)) if f.name not in ("blocks", "content_hash")))
PLACE_IN_ARTICLE = itemgetter(0, 1)  # (article, sentence) of a mention's row


def article_row(article: Article) -> tuple:
    return _ARTICLE(row_of(Article)(article))


def flat(item) -> tuple:
    """A dataclass as a tuple of its fields, its lists of dataclasses (mentions, roles) as lists of tuples."""
    return tuple(rows(v) if type(v) is list and v and is_dataclass(v[0]) else v for v in row_of(type(item))(item))
