"""Events and anniversaries across the corpus.

Two mentions are one event only when they are compatible in type, date and place (and, for
meetings, calls and visits, in participants). Undated mentions take the article's year:
news reports what happens around its publication.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.extract.dates import compatible
from generator.model import Anniversary, Article, Event, EventMention, Extraction, MentionRef, ordinal
from generator.resolve.ids import IdMaker


@dataclass
class _Cluster:
    type: str
    name: str | None
    dates: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    participants: set[str] = field(default_factory=set)
    refs: list[MentionRef] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)

    @property
    def date(self) -> str | None:
        # The most precise date the mentions agree on.
        return max(self.dates, key=len) if self.dates else None

    @property
    def place(self) -> str | None:
        return Counter(self.places).most_common(1)[0][0] if self.places else None

    def accepts(self, m: EventMention, date: str | None, sensitive: bool, article: str) -> bool:
        if m.name or self.name:
            return m.name == self.name
        if m.type != self.type:
            return False
        if date is None or self.date is None:
            # An undated mention joins only an event of its own article.
            if not (date is None and self.date is None and article in self.articles):
                return False
        elif not compatible(date, self.date) or date[:4] != self.date[:4]:
            return False
        if m.place and self.place and m.place != self.place:
            return False
        if sensitive and m.participants and self.participants and not (set(m.participants) & self.participants):
            return False
        return True


def resolve_events(articles: list[Article], extractions: dict[str, Extraction], place_ids: dict[str, str],
                   person_ids: dict[str, str], sensitive: set[str], ids: IdMaker) -> list[Event]:
    clusters: list[_Cluster] = []
    for article in articles:
        extraction = extractions.get(article.id)
        if extraction is None:
            continue
        for mention in extraction.events:
            date = mention.date
            if date is None and not mention.name and article.date and mention.type not in ("war", "battle"):
                date = article.date[:4]
            target = next((c for c in clusters if c.accepts(mention, date, mention.type in sensitive, article.id)), None)
            if target is None:
                target = _Cluster(type=mention.type, name=mention.name)
                clusters.append(target)
            if date:
                target.dates.append(date)
            if mention.place and mention.place in place_ids:
                target.places.append(mention.place)
            target.participants.update(mention.participants)
            target.refs.append(MentionRef(article.id, mention.sentence, mention.trigger))
            if article.id not in target.articles:
                target.articles.append(article.id)
    events = []
    for cluster in clusters:
        name = cluster.name or _name(cluster)
        events.append(Event(
            id=ids.make(name, "event"), name=name, type=cluster.type, date=cluster.date,
            place=place_ids.get(cluster.place) if cluster.place else None,
            participants=sorted({person_ids[p] for p in cluster.participants if p in person_ids}),
            articles=cluster.articles, mentions=cluster.refs))
    _link_series(events)
    return sorted(events, key=lambda e: (e.date or "9999", e.name))


def _name(cluster: _Cluster) -> str:
    words = [cluster.type.capitalize()]
    if cluster.place:
        words.append(f"in {cluster.place}")
    text = " ".join(words)
    return f"{text}, {cluster.date}" if cluster.date else f"{text} (undated)"


def _link_series(events: list[Event]) -> None:
    """Events of one type at one place in different years form a series."""
    groups: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        if event.place and event.date and event.type not in ("war", "battle"):
            groups.setdefault((event.type, event.place), []).append(event)
    for (kind, place), members in groups.items():
        if len({e.date[:4] for e in members}) > 1:
            for event in members:
                event.series = f"{kind}-{place}"


def resolve_anniversaries(articles: list[Article], extractions: dict[str, Extraction], events: list[Event],
                          ids: IdMaker) -> list[Anniversary]:
    by_name = {e.name.lower(): e.id for e in events}
    found: dict[tuple, Anniversary] = {}
    for article in articles:
        extraction = extractions.get(article.id)
        if extraction is None:
            continue
        for mention in extraction.anniversaries:
            key = (mention.ordinal, mention.base_event or mention.of.lower(), mention.year)
            if key not in found:
                label = f"{ordinal(mention.ordinal)} anniversary of {mention.of}"
                found[key] = Anniversary(id=ids.make(label, "anniversary"), ordinal=mention.ordinal, of=mention.of,
                                         year=mention.year, event=by_name.get(mention.of.lower()))
            anniversary = found[key]
            anniversary.mentions.append(MentionRef(article.id, mention.sentence, mention.of))
            if article.id not in anniversary.articles:
                anniversary.articles.append(article.id)
    return sorted(found.values(), key=lambda a: (a.year or 0, a.ordinal, a.of))
