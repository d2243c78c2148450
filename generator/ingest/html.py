"""Saved web pages: the article's main text, headline, date, author and address, with the site's
chrome (navigation, cookie banners, share bars, newsletter boxes, related links, comments,
footers) left out, by trafilatura. A page trafilatura finds no article in (a bare fragment, a
page of a few lines) is read whole by the plain parser of `markup`."""

from __future__ import annotations

import logging

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from generator.ingest.markup import html_blocks, parse_date_field
from generator.model import Block, Record

# trafilatura and htmldate log pages they find nothing in; Annals reports what it does itself.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# The page's own date (published, not last modified), from its metadata, else its visible text.
_DATE_PARAMS = {"extensive_search": True, "original_date": True}


def read_html(text: str, boilerplate: dict) -> tuple[list[Record], list[str]]:
    return [html_record(text)], []


def html_record(text: str) -> Record:
    tree = load_html(text)
    # The page's own byline, read before extraction prunes the tree: trafilatura keeps an author's
    # name only up to a comma ("Prime Minister's Office, 10 Downing Street").
    bylines = [" ".join(e.text_content().split()) for e in tree.xpath('//*[@rel="author"]')] if tree is not None else []
    found = trafilatura.bare_extraction(
        tree if tree is not None else text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=_DATE_PARAMS,
    )
    blocks = _blocks(found.body) if found is not None and found.body is not None else []
    if not any(b.kind == "paragraph" for b in blocks):
        title, blocks = html_blocks(text)
        return Record(blocks, title=title)
    title = " ".join((found.title or "").split()) or None
    if title and blocks and blocks[0].text == title:
        blocks = blocks[1:]  # the headline, repeated as the body's first line
    author = " ".join(found.author.split()) if found.author else None
    if author:
        author = next((b for b in bylines if b.startswith(author) and len(b) <= 200), author)
    return Record(
        blocks,
        title=title,
        date=parse_date_field(found.date) if found.date else None,
        author=author,
        url=found.url or None,
        tags=sorted({t for t in found.tags or [] if t}),
    )


def fragment_blocks(text: str) -> list[Block]:
    """The blocks of a piece of HTML that is an article's body, not a page (a feed's content)."""
    return html_blocks(f"<div>{text}</div>")[1]


def _blocks(body: etree._Element) -> list[Block]:
    blocks = []
    for element in body:
        if element.tag == "list":
            blocks.extend(Block("paragraph", t) for t in (_text(i) for i in element.iter("item")) if t)
            continue
        text = _text(element)
        if text and element.tag in ("head", "p", "quote"):
            blocks.append(Block("heading" if element.tag == "head" else "paragraph", text))
    return blocks


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())
