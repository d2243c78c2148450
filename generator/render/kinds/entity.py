"""The page of a person, an organization or a place: what it shows (mentions, roles, quotes,
events, connections, the places within), its memo key and its template, side by side."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from generator.model import Entity, sentence_number
from generator.render.common import EVENTS_SHOWN, KIND_FOLDERS, KIND_LABELS, QUOTES_SHOWN
from generator.render.connections import graph_data, ties_in_words
from generator.render.digest import digest, flat, rows
from generator.render.escape import Raw

if TYPE_CHECKING:
    from generator.render import Renderer
    from generator.render.memo import Keys

TEMPLATE = "entity.md.j2"


def roles(r: Renderer, entity: Entity) -> list[dict]:
    """One row per office ("President" for "Chinese President" and "China's new President"):
    in how many articles, the first and latest of them, and the words the articles used."""
    by_office: dict[str, list] = defaultdict(list)
    written: dict[str, Counter] = defaultdict(Counter)
    for role in entity.roles:
        if role.article in r.articles:
            office = (role.office or role.role).casefold()
            by_office[office].append({"article": role.article, "title": r.titles[role.article], "date": role.date})
            written[office][role.office or role.role] += 1  # the office's name, by how often it stands for it
            written[office].setdefault(role.role, 0)  # and the words used, listed beside it
    rows = []
    for office, seen in by_office.items():
        seen.sort(key=lambda s: (s["date"] or "9999", -r.order[s["article"]]))
        name = min(written[office], key=lambda w: (-written[office][w], w))
        forms = sorted(w for w in written[office] if w != name)
        rows.append(
            {
                "role": name,
                "forms": forms,
                "count": len({s["article"] for s in seen}),
                "first": seen[0],
                "latest": seen[-1],
            }
        )
    return sorted(rows, key=lambda row: (-row["count"], row["role"]))


def connections(r: Renderer, entity: Entity) -> tuple[list[dict], dict]:
    """The entity's strongest neighbours, each with its ties in words, and the graph's data
    and label, escaped for an HTML attribute (the graph is raw HTML: no Markdown there)."""
    neighbours, edges = r.ties.of((entity.kind, entity.id), entity.articles, r.entity_by_id)
    rows = [
        {
            "name": r.entity_by_id[key].name,
            "kind": KIND_LABELS[key[0]].lower(),
            "ties": ties_in_words(ties),
            "url": f"../{KIND_FOLDERS[key[0]]}/{key[1]}.md",
        }
        for key, ties in neighbours
    ]
    data = graph_data([entity.kind] + [key[0] for key, _ in neighbours], edges)
    label = f"{entity.name} and the {len(rows)} names most tied to it"
    return rows, {"data": Raw(html.escape(data)), "label": Raw(html.escape(label))}


def page(r: Renderer, entity: Entity) -> str:
    said = r.quotes_by.get((entity.kind, entity.id), [])
    latest = sorted(said, key=lambda q: (r.order.get(q.article, 0), sentence_number(q.sentence)))[:QUOTES_SHOWN]
    quotes = [
        {
            "text": q.text,
            "article": q.article,
            "sentence": q.sentence,
            "direct": q.direct,
            "title": r.titles[q.article],
        }
        for q in latest
    ]
    events = r.events_of.get((entity.kind, entity.id), [])
    within = r.entity_by_id.get(("place", entity.within)) if entity.within else None
    inside = r.inside.get(entity.id, []) if entity.kind == "place" else []
    near = events
    if entity.kind == "place":  # events in the places within it are on its timeline too
        near = events + [e for p in r.places.descendants(entity.id) for e in r.events_of.get(("place", p), [])]
    rows = r.timeline_rows(list({e.id: e for e in near}.values()), entity.articles)
    first = f"{KIND_FOLDERS[entity.kind]}/{entity.id}.md"
    return r.page(
        TEMPLATE,
        entity=entity,
        kind_label=KIND_LABELS[entity.kind],
        roles=roles(r, entity),
        quotes=quotes,
        quote_count=len(said),
        events=events[-EVENTS_SHOWN:],
        event_count=len(events),
        timeline=rows,
        within=within,
        inside=inside,
        **r.paged_mentions(first, entity.name, entity.mentions),
        **dict(zip(("related", "graph"), connections(r, entity), strict=True)),
    )


def key(keys: Keys, entity) -> str:
    r = keys.r
    quotes = r.quotes_by.get((entity.kind, entity.id), [])
    events = r.events_of.get((entity.kind, entity.id), [])
    inside, below = [], []
    if entity.kind == "place":
        inside = [(p.id, p.name, len(p.articles)) for p in r.inside.get(entity.id, [])]
        below = [
            (p, [keys.event_shown[e.id] for e in r.events_of.get(("place", p), [])])
            for p in r.places.descendants(entity.id)
        ]
    within = r.entity_by_id.get(("place", entity.within)) if entity.within else None
    shown = set(entity.articles) | {role.article for role in entity.roles} | {q.article for q in quotes}
    ties = r.ties.inputs((entity.kind, entity.id), lambda k: (known := r.entity_by_id.get(k)) and known.name)
    return digest(
        "entity",
        keys.base,
        flat(entity),
        keys.cited(entity.mentions),
        rows(quotes),
        ties,
        [keys.event_shown[e.id] for e in events],
        inside,
        below,
        (within.id, within.name) if within else None,
        keys.articles_shown(shown),
    )
