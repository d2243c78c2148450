"""An anniversary's page: what it shows (the event it marks and the events that mark it), its
memo key and its template, side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.model import Event
from generator.render.common import anniversary_label
from generator.render.digest import digest, flat

if TYPE_CHECKING:
    from generator.render import Renderer
    from generator.render.memo import Keys

TEMPLATE = "anniversary.md.j2"


def marking(r: Renderer, anniversary) -> list[Event]:
    """The events of its year, in its articles, that mark it (a parade, a ceremony)."""
    same_year = r.marking_by_year.get(str(anniversary.year), []) if anniversary.year else []
    return [e for e in same_year if set(e.articles) & set(anniversary.articles)]


def page(r: Renderer, anniversary) -> str:
    event = r.events_by_id.get(anniversary.event) if anniversary.event else None
    label = anniversary_label(anniversary)
    return r.page(
        TEMPLATE,
        anniversary=anniversary,
        label=label,
        event=event,
        marking=marking(r, anniversary),
        **r.paged_mentions(f"anniversaries/{anniversary.id}.md", label, anniversary.mentions),
    )


def key(keys: Keys, anniversary) -> str:
    event = keys.r.events_by_id.get(anniversary.event) if anniversary.event else None
    return digest(
        "anniversary",
        keys.base,
        flat(anniversary),
        keys.cited(anniversary.mentions),
        event and keys.event_shown[event.id],
        [keys.event_shown[e.id] for e in marking(keys.r, anniversary)],
        keys.articles_shown(anniversary.articles),
    )
