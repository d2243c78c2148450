"""The knowledge graph as JSON: the documented contract in docs/reference/knowledge-format.md."""

from __future__ import annotations

import json
from dataclasses import asdict

from generator import __version__
from generator.extract.dates import written_values
from generator.model import Entity, Knowledge
from generator.render.common import display_title

FORMAT_VERSION = 1


def _entity(entity: Entity) -> dict:
    data = {"id": entity.id, "name": entity.name, "aliases": entity.aliases}
    if entity.kind == "person":
        data["roles"] = [asdict(r) for r in entity.roles]
    if entity.description:
        data["description"] = entity.description
    if entity.kind == "place":
        data["within"] = entity.within
    if entity.evidence:
        data["evidence"] = entity.evidence
    data["articles"] = entity.articles
    data["mentions"] = [asdict(m) for m in entity.mentions]
    return data


def knowledge_dict(knowledge: Knowledge) -> dict:
    return {
        "format": FORMAT_VERSION,
        "generator": f"annals {__version__}",
        "articles": [
            {
                "id": a.id,
                "source": a.source,
                "title": display_title(a),
                "title_given": a.title is not None,
                "date": a.date,
                "date_given": a.date_given,
                "date_evidence": a.date_evidence,
                "author": a.author,
                "url": a.url,
                "tags": a.tags,
                "text": a.body,
            }
            for a in knowledge.articles
        ],
        "people": [_entity(e) for e in knowledge.people],
        "organizations": [_entity(e) for e in knowledge.organizations],
        "places": [_entity(e) for e in knowledge.places],
        "events": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "date": e.date,
                "end": e.end,
                "place": e.place,
                "participants": e.participants,
                "articles": e.articles,
                "series": e.series,
                "mentions": [asdict(m) for m in e.mentions],
            }
            for e in knowledge.events
        ],
        "anniversaries": [
            {
                "id": a.id,
                "ordinal": a.ordinal,
                "of": a.of,
                "year": a.year,
                "event": a.event,
                "articles": a.articles,
            }
            for a in knowledge.anniversaries
        ],
        "quotes": [asdict(q) for q in knowledge.quotes],
        "time_expressions": time_expressions(knowledge),
        "problems": [asdict(p) for p in knowledge.problems],
        # Names without the evidence a page needs, with the reason (`doubt`); not entities.
        "also_named": [{"kind": e.kind, "doubt": e.doubt, **_entity(e)} for e in knowledge.also_named],
    }


def time_expressions(knowledge: Knowledge) -> list[dict]:
    """Every time expression of every article, in document order, with its calendar value: a
    date ("2015-05-09", "2015-05", "2015"), a range "start/end" ("last week"), or null where the
    text does not pin one (a duration, "recently", an undated article's "Friday")."""
    found = []
    for article in knowledge.articles:
        extraction = knowledge.extractions.get(article.id)
        if article.date_text and article.date_given:  # the header's "August 4, 2023", read as the article's date
            found.append({"article": article.id, "text": article.date_text, "value": article.date})
        for date in extraction.dates if extraction is not None else []:
            found.extend(
                {"article": article.id, "text": text, "value": value}
                for text, value in written_values(date.text, date.value, date.end)
            )
    return found


def to_json(knowledge: Knowledge) -> str:
    return json.dumps(knowledge_dict(knowledge), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
