"""An event's page: what it shows (its series around it, its place and people, its
anniversaries), its memo key and its template, side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.model import Event
from generator.render.common import SERIES_SHOWN, TIMELINE_ROWS, anniversary_label
from generator.render.digest import digest, flat

if TYPE_CHECKING:
    from generator.render import Renderer
    from generator.render.memo import Keys

TEMPLATE = "event.md.j2"


def series_window(r: Renderer, event: Event) -> tuple[list[Event], int, list[Event]]:
    """The event's series, its place in it, and the event with the nearest in time."""
    members = r.series.get(event.series, [event]) if event.series else [event]
    at = r.series_at[event.id]
    start = max(0, min(at - SERIES_SHOWN // 2, len(members) - SERIES_SHOWN - 1))
    return members, at, members[start : start + SERIES_SHOWN + 1]


def page(r: Renderer, event: Event) -> str:
    members, at, timeline = series_window(r, event)
    series = [e for e in timeline if e.id != event.id]
    place = r.entity_by_id.get(("place", event.place)) if event.place else None
    participants = [r.entity_by_id[("person", p)] for p in event.participants if ("person", p) in r.entity_by_id]
    anniversaries = [{"id": a.id, "label": anniversary_label(a)} for a in r.anniversaries_of.get(event.id, [])]
    # The series' events are listed only on the timeline: its rows left to articles go to the newest.
    newest = sorted((a for a in event.articles if a in r.order), key=r.order.__getitem__)
    newest = newest[: max(0, TIMELINE_ROWS - len(timeline))]
    return r.page(
        TEMPLATE,
        event=event,
        place=place,
        participants=participants,
        series=series,
        series_count=len(members) - 1,
        previous=members[at - 1] if at > 0 else None,
        next=members[at + 1] if at + 1 < len(members) else None,
        anniversaries=anniversaries,
        **r.paged_mentions(f"events/{event.id}.md", event.name, event.mentions),
        timeline=r.timeline_rows(timeline, newest),
    )


def key(keys: Keys, event) -> str:
    r = keys.r
    members, at, window = series_window(r, event)
    place = r.entity_by_id.get(("place", event.place)) if event.place else None
    people = [(p, r.entity_by_id[("person", p)].name) for p in event.participants if ("person", p) in r.entity_by_id]
    marks = [(a.id, a.ordinal, a.of, a.year) for a in r.anniversaries_of.get(event.id, [])]
    neighbours = [members[at - 1] if at > 0 else None, members[at + 1] if at + 1 < len(members) else None]
    return digest(
        "event",
        keys.base,
        flat(event),
        keys.cited(event.mentions),
        len(members),
        [e and keys.event_shown[e.id] for e in window + neighbours],
        (place.id, place.name) if place else None,
        people,
        marks,
        keys.articles_shown(event.articles),
    )
