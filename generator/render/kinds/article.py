"""An article's page: what it shows, the key the render memo keeps it under, and its template,
side by side, so that a page cannot show what its key does not cover (see `memo`)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.model import Article, MentionRef, row_of
from generator.render import inline
from generator.render.common import FORMS, KIND_FOLDERS, KIND_LABELS, date_in_words, how_dated, tag_anchor
from generator.render.digest import article_row, digest, rows
from generator.render.escape import md

if TYPE_CHECKING:
    from generator.render import Renderer
    from generator.render.memo import Keys

TEMPLATE = "article.md.j2"


def first_mentions(r: Renderer, article_id: str) -> dict[str, list[tuple[str, str]]]:
    """For each sentence, the (words, url) of entities first mentioned there."""
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for kind, entity in r.in_article[article_id]:
        first = r.first_refs.get((kind, entity.id, article_id))
        if first is not None:
            links[first.sentence].append((first.text, f"../{KIND_FOLDERS[kind]}/{entity.id}.md"))
    return links


def page(r: Renderer, article: Article) -> str:
    extraction = r.k.extractions.get(article.id)
    links = first_mentions(r, article.id)
    blocks = []
    sentences = extraction.sentences if extraction else []
    by_block: dict[int, list] = defaultdict(list)
    for sentence in sentences:
        by_block[sentence.block].append(sentence)
    for index, block in enumerate(article.blocks):
        if block.kind in ("heading", "header"):
            blocks.append(
                {"kind": block.kind, "text": block.text, "html": Markup(md(block.text)), "anchor": f"head-{index}"}
            )
            continue
        parts, cursor = [], 0
        for s in by_block.get(index, []):
            at = block.text.find(s.text, cursor) if block.marks else -1
            marks = ()
            if at >= 0:  # the formatting over this sentence, from its own first character
                cursor = at + len(s.text)
                marks = tuple(
                    (max(a, at) - at, min(b, cursor) - at, style, href)
                    for a, b, style, href in block.marks
                    if a < cursor and at < b
                )
            parts.append(
                f'<span id="{s.id}" class="annals-sentence">'
                f"{inline.formatted(s.text, marks, links.get(s.id, []))}</span>"
            )
        html_text = " ".join(parts) or inline.formatted(block.text, block.marks)
        blocks.append({"kind": "paragraph", "html": Markup(FORMS[block.form] + html_text)})
    groups = []
    for kind, folder in KIND_FOLDERS.items():
        items = [{"name": e.name, "url": f"../{folder}/{e.id}.md"} for k, e in r.in_article[article.id] if k == kind]
        if items:
            groups.append((KIND_LABELS[kind].replace("Person", "People") + ("s" if kind != "person" else ""), items))
    events = [{"name": e.name, "url": f"../events/{e.id}.md"} for e in r.events_in_article[article.id]]
    if events:
        groups.append(("Events", events))
    also = [
        {"name": e.name, "kind": KIND_LABELS[e.kind].lower(), "doubt": e.doubt}
        for e in sorted(r.also_in_article.get(article.id, []), key=lambda e: (e.name, e.kind))
    ]
    tags = [{"name": tag, "url": f"../corpus/tags.md#{tag_anchor(tag)}"} for tag in article.tags]
    return r.page(
        TEMPLATE,
        article=article,
        title=r.titles[article.id],
        blocks=blocks,
        entity_groups=groups,
        also_named=also,
        tags=tags,
        date=date_in_words(article.date),
        how_dated=how_dated(article),
    )


def key(keys: Keys, article) -> tuple[str, str]:
    """The key of the article's page, and of what other pages show of it."""
    r = keys.r
    extraction = r.k.extractions.get(article.id)
    first, row = r.first_refs, row_of(MentionRef)
    linked = [
        (kind, e.id, e.name, ref and row(ref))
        for kind, e in r.in_article[article.id]
        for ref in (first.get((kind, e.id, article.id)),)
    ]
    events = [(e.id, e.name) for e in r.events_in_article[article.id]]
    also = [(e.kind, e.name, e.doubt) for e in r.also_in_article.get(article.id, ())]
    # The extraction's own key covers the title, date, blocks and sentences: no need to digest the text again.
    text = (
        extraction.made_from
        if extraction and extraction.made_from
        else (rows(article.blocks), rows(extraction.sentences) if extraction else None)
    )
    own = article_row(article)
    page = digest("article", keys.base, own, article.content_hash, text, linked, events, also)
    shown = digest("shown", keys.base, own, r.titles[article.id], [item[:3] for item in linked], events, size=8)
    return page, shown
