"""Events and anniversaries across the corpus.

Two mentions are one event only when they are compatible in type, date and place (and, for
meetings, calls and visits, in participants); places are compatible when one lies in the
other. A mention that cannot be dated is left out: an event page places a thing in time.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from generator.config import event_groups
from generator.extract.dates import compatible
from generator.extract.events import best_recurring
from generator.ids import IdMaker
from generator.model import Anniversary, Article, Event, Extraction, MentionRef, PlaceTree, ordinal, sentence_number


@dataclass
class _Cluster:
    type: str
    name: str | None
    participants: set[str] = field(default_factory=set)
    refs: list[MentionRef] = field(default_factory=list)
    ends: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)

    order: int = 0  # when the cluster was made: the first cluster that accepts a mention takes it
    date: str | None = None  # the first of the longest dates: the most precise the mentions agree on
    place: str | None = None  # the most specific of its mentions' places (Beijing over China), the first in name order
    root: str | None = None  # the place its place lies in, at the top: China for Beijing
    reported: bool = False  # holds news dated by the report it opens
    phrase: str | None = None  # the best-placed words saying what happened
    phrase_rank: int = 3

    def accepts(self, m: _Mention, places: PlaceTree, sensitive: bool) -> bool:
        if m.name or self.name:
            return m.name == self.name or (
                # "China's war with Imperial Japan, which began in 1937": the named war of 1937;
                # "the 1944 invasion" beside D-Day: the battle of 1944.
                not m.name
                and (m.type == self.type or {m.type, self.type} <= _MILITARY)
                and m.date is not None
                and self.date is not None
                and m.date[:4] == self.date[:4]
            )
        if m.type != self.type or m.date is None or self.date is None:
            return False
        if not compatible(m.date, self.date) or m.date[:4] != self.date[:4]:
            return False
        if m.place and self.place and not places.compatible(m.place, self.place):
            return False
        people = {p for p in m.participants if not p.startswith("body:")}
        own = {p for p in self.participants if not p.startswith("body:")}
        if sensitive and people and own and not (people & own):
            return False
        bodies, own_bodies = set(m.participants) - people, self.participants - own
        # Two reports' news of one type and month is one event only if a body acts in both
        # ("Qatar Airways orders …", "Ryanair orders …"); events each text dates in its own words
        # are compared by date, and one report's mentions of its news are that news.
        if (
            (m.reported or self.reported)
            and m.article not in self.articles
            and bodies
            and own_bodies
            and not (bodies & own_bodies)
        ):
            return False
        return True

    def add(self, m: _Mention, article_id: str, places: PlaceTree) -> None:
        if m.date and (self.date is None or len(m.date) > len(self.date)):
            self.date = m.date
        if m.end:
            self.ends.append(m.end)
        if (
            m.place
            and m.place != self.place
            and (self.place is None or (places.depth(m.place), self.place) > (places.depth(self.place), m.place))
        ):
            self.place, self.root = m.place, places.root(m.place)
        self.participants.update(m.participants)
        self.reported = self.reported or m.reported
        if m.phrase and m.rank < self.phrase_rank:
            self.phrase, self.phrase_rank = m.phrase, m.rank
        self.refs.append(MentionRef(article_id, m.sentence, m.trigger))
        if not self.articles or self.articles[-1] != article_id:  # an article's mentions come together
            self.articles.append(article_id)


@dataclass
class _Mention:
    type: str
    trigger: str
    sentence: str
    date: str | None
    place: str | None  # place entity id
    participants: list[str]
    name: str | None
    future: bool = False
    end: str | None = None
    reported: bool = False  # dated by the report it opens, not by the text
    phrase: str | None = None  # what happened, in the text's words
    rank: int = 2  # how well its sentence says what the report is about: 0 the lead, 1 the headline
    article: str = ""


def article_events(
    article: Article,
    extraction: Extraction,
    place_ids: dict[str, str],
    places: PlaceTree,
    recurring: list[dict],
    place_names: dict[str, str],
    news: frozenset[str] = frozenset(),
    lead_only: frozenset[str] = frozenset(),
    is_place: Callable[[str], bool] = lambda name: False,
) -> list[_Mention]:
    """One article's event mentions, each dated or dropped.

    An undated mention is the dated event of the same type and place that the article names
    elsewhere ("the parade" → "a military parade … on Sept 3"), or, at a place where a recurring
    commemoration is held, that commemoration's day in the article's year ("the annual parade
    in Red Square" → 9 May). Otherwise it cannot be placed in time and is left out.
    """
    # A call joins people, not places: "a phone conversation between the leaders of China and Russia".
    mentions = [
        _Mention(
            m.type,
            m.trigger,
            m.sentence,
            m.date,
            None if m.type in _PLACELESS else place_ids.get(m.place or ""),
            m.participants,
            m.name,
            m.future,
            m.end,
            phrase=m.phrase,
            article=article.id,
        )
        for m in extraction.events
    ]
    lead = _lead(extraction)
    if lead_only:
        mentions = [m for m in mentions if m.type not in lead_only or m.sentence in lead]
    # "The first jets will be delivered in 2014": business news planned for a later year, no
    # more precisely, is a plan, not a happening.
    mentions = [
        m
        for m in mentions
        if not (
            m.type in news and m.future and m.date and len(m.date) == 4 and article.date and m.date > article.date[:4]
        )
    ]
    # An unnamed war is dated only by a year the text gives ("which began in 1937"), never by
    # "this year" of a sentence that looks back on it.
    if any(not m.name and m.type in _MILITARY and m.date is not None for m in mentions):
        sources = {(e.sentence, e.trigger): e.date_text or "" for e in extraction.events}
        mentions = [
            m
            for m in mentions
            if m.name
            or m.type not in _MILITARY
            or m.date is None
            or re.search(r"\b1\d{3}\b|\b20\d{2}\b", sources.get((m.sentence, m.trigger), ""))
        ]
    dated = [m for m in mentions if m.date]
    for m in mentions:
        m.rank = 1 if m.sentence == "title" else 0 if m.sentence in lead else 2
    if len(dated) == len(mentions):
        return mentions  # nothing left to date (most articles)
    texts = {s.id: s.text for s in extraction.sentences}
    order = {s.id: n for n, s in enumerate(extraction.sentences)}
    day = _news_day(article.date, extraction, lead)
    result = []
    for m in mentions:
        if m.date is None and article.date and not m.future and m.type in news and m.sentence in lead:
            # "Boeing has unveiled its new 787" opening a report: the news it reports, made around
            # the report's date (its month, as the day is not given), whatever later lines date.
            m.date, m.reported = article.date[:7], True
        if m.date is None:
            m.date = (
                _recurring_date(m, article.date, places, place_names, recurring, texts.get(m.sentence, ""))
                or _antecedent(m, dated, order, places)
                or _recent(m, article.date, texts.get(m.sentence, ""))
            )
        if m.date is None and _SAME_TIME.search(texts.get(m.sentence, "")):
            m.date = _latest_before(m, dated, order)
        if m.date is None and article.date and m.place and not m.future and m.type in _REPORTED:
            # "spoke at the service at the cemetery" in a dated report: the day's own event; later
            # mentions of the same kind are the same event, unless they are in another town or country.
            same = [d for d in dated if d.type == m.type and not d.name]
            if not same or all(_apart(m.place, d.place, places, place_names, is_place) for d in same):
                m.date = day
            else:
                m.date = _antecedent(m, dated, order, PlaceTree({}), any_place=True)
        if m.date is not None:
            result.append(m)
            if m not in dated:
                dated.append(m)
    return result


def _latest_before(m: _Mention, dated: list[_Mention], order: dict[str, int]) -> str | None:
    """ "This visit is anticipated to coincide with the summit", "around the same time": the month
    of the event the article dated last before it."""
    here = order.get(m.sentence, 0)
    before = [d for d in dated if order.get(d.sentence, 0) <= here and not d.name and d.date]
    if not before:
        return None
    latest = max(before, key=lambda d: order.get(d.sentence, 0))
    m.reported = m.reported or latest.reported  # dated, through it, by the report
    return latest.date[:7]


def _recent(m: _Mention, anchor: str | None, text: str) -> str | None:
    """ "a recent phone conversation": the month the article was written in."""
    if anchor and len(anchor) >= 7 and re.search(r"\brecent(ly)?\b|\bearlier this (week|month)\b", text, re.I):
        return anchor[:7]
    return None


def _antecedent(
    m: _Mention, dated: list[_Mention], order: dict[str, int], places: PlaceTree, any_place: bool = False
) -> str | None:
    fits = [d for d in dated if d.type == m.type and not d.name and (any_place or places.compatible(m.place, d.place))]
    if not fits:
        return None
    here = order.get(m.sentence, 0)
    before = [d for d in fits if order.get(d.sentence, 0) <= here]
    best = (
        max(before, key=lambda d: order.get(d.sentence, 0))
        if before
        else min(fits, key=lambda d: order.get(d.sentence, 0))
    )
    if not m.place or any_place:
        m.place = best.place
    m.reported = m.reported or best.reported  # "the order" after the lead's "has won an order": the report dates both
    return best.date


def _recurring_date(
    m: _Mention, anchor: str | None, places: PlaceTree, names: dict[str, str], recurring: list[dict], text: str
) -> str | None:
    if not anchor or not m.place or m.type not in _COMMEMORATIVE:
        return None
    where = {names.get(p, "").lower() for p in places.ancestors(m.place)}
    entry = best_recurring([r for r in recurring if r.get("month") and r.get("day")], where, text)
    if entry is None:
        return None
    year = int(anchor[:4])
    day = f"{year:04d}-{int(entry['month']):02d}-{int(entry['day']):02d}"
    if len(anchor) == 10 and m.future and day < anchor:
        day = f"{year + 1:04d}{day[4:]}"
    elif len(anchor) == 10 and not m.future and day > anchor:
        day = f"{year - 1:04d}{day[4:]}"
    return day


def _apart(
    a: str | None, b: str | None, places: PlaceTree, names: dict[str, str], is_place: Callable[[str], bool]
) -> bool:
    """Neither place lies in the other, and both are on the map (a place the registries know, or
    one the corpus puts in another): a hall or a stadium nobody located may lie in either."""

    def placed(place: str | None) -> bool:
        return bool(place) and (places.within.get(place) is not None or is_place(names.get(place, "")))

    return placed(a) and placed(b) and not places.compatible(a, b)


def _news_day(anchor: str | None, extraction: Extraction, lead: set[str]) -> str | None:
    """The day a report's news happened: the one day its opening sentences give within the week
    before it ("Yesterday, the council voted …", "On Monday the court …"), else the report's own."""
    if not anchor or len(anchor) != 10:
        return anchor
    earliest = (dt.date.fromisoformat(anchor) - dt.timedelta(days=7)).isoformat()
    days = {
        d.value
        for d in extraction.dates
        if d.sentence in lead and d.value and len(d.value) == 10 and not d.future and earliest <= d.value <= anchor
    }
    return days.pop() if len(days) == 1 else anchor


_LEAD = 2  # sentences of the body that, with the headline, say what the report is about


def _lead(extraction: Extraction) -> set[str]:
    body = [s.id for s in extraction.sentences if s.id.startswith("sent-")]
    return {"title", *body[:_LEAD]}


_SAME_TIME = re.compile(r"\b(coincid\w+|(around|at) the same time|on the sidelines of)\b", re.I)
_GROUPS = event_groups()
_COMMEMORATIVE, _REPORTED = _GROUPS["commemorative"], _GROUPS["reported_on_the_day"]
_PLACELESS, _MILITARY = _GROUPS["placeless"], _GROUPS["military"]


class _Clusters:
    """The clusters in the order they were made, indexed so that a mention is compared only
    with those that could take it: a named mention joins a cluster of its name; one without a
    name needs a cluster of its type (or both military) that is named and dated in its year, or
    unnamed and dated compatibly: the mention's date, a date it falls in ("2024-05" for
    "2024-05-03"), or a date that falls in it."""

    def __init__(self) -> None:
        self.all: list[_Cluster] = []
        self.by_name: dict[str, list[_Cluster]] = defaultdict(list)
        # (the date, its type group), so a day's mentions do not scan the whole year's clusters
        self.named: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)  # by year
        self.exact: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)  # by their whole date
        self.within: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)  # by the year and month they fall in

    @staticmethod
    def group(kind: str) -> str:
        return "military" if kind in _MILITARY else kind

    def keys(self, cluster: _Cluster) -> tuple[tuple[str, tuple[str, str]], ...]:
        """Where `cluster` is filed, as (index, key) pairs."""
        date, group = cluster.date, self.group(cluster.type)
        if not date:
            return ()
        if cluster.name:
            return (("named", (date[:4], group)),)
        return (("exact", (date, group)),) + tuple(("within", (date[:n], group)) for n in (4, 7) if n < len(date))

    def find(self, m: _Mention, places: PlaceTree, sensitive: bool) -> _Cluster | None:
        if m.name:
            candidates = self.by_name.get(m.name, [])
        elif m.date:
            date, group = m.date, self.group(m.type)
            lists = [self.named.get((date[:4], group), [])]
            if len(date) in (4, 7, 10):  # ISO dates: what they fall in has 4 or 7 characters
                lists += [self.exact.get((date[:n], group), []) for n in {4, 7, len(date)} if n <= len(date)]
                lists.append(self.within.get((date, group), []))
            else:  # anything else: every cluster dated in its year
                lists += [self.exact.get((date[:4], group), []), self.within.get((date[:4], group), [])]
            # The first in creation order that accepts, as if every cluster were tried in turn.
            candidates = heapq.merge(*lists, key=_ORDER)
        else:
            return None
        if m.place and not m.name:
            # Two places are compatible only where one lies in the other, under one root (resolve cuts
            # loops): most unnamed clusters of a day and type are elsewhere, and are passed over unread.
            root = places.root(m.place)
            candidates = (c for c in candidates if c.root is None or c.root == root or c.name)
        return next((c for c in candidates if c.accepts(m, places, sensitive)), None)

    def new(self, m: _Mention) -> _Cluster:
        cluster = _Cluster(type=m.type, name=m.name, order=len(self.all))
        self.all.append(cluster)
        if cluster.name:
            self.by_name[cluster.name].append(cluster)
        return cluster

    def moved(self, cluster: _Cluster, before: tuple) -> None:
        """Re-file `cluster` if its date changed; each list stays in creation order."""
        after = self.keys(cluster)
        if after == before:
            return
        for index, key in before:
            filed = getattr(self, index)[key]
            del filed[bisect.bisect_left(filed, cluster.order, key=_ORDER)]
        for index, key in after:
            bisect.insort(getattr(self, index)[key], cluster, key=_ORDER)


_ORDER = attrgetter("order")


def resolve_events(
    articles: list[Article],
    extractions: dict[str, Extraction],
    place_ids: dict[str, str],
    person_ids: dict[str, str],
    sensitive: set[str],
    ids: IdMaker,
    within: dict[str, str | None] | None = None,
    recurring: list[dict] | None = None,
    news: frozenset[str] = frozenset(),
    lead_only: frozenset[str] = frozenset(),
    org_ids: dict[str, str] | None = None,
    is_place: Callable[[str], bool] = lambda name: False,
) -> list[Event]:
    """`is_place`: whether a name is a place the registries or the data files know."""
    places = PlaceTree(within or {})
    place_names = {v: k for k, v in place_ids.items()}  # a place entity id -> a name the corpus gives it
    clusters = _Clusters()
    for article in articles:
        extraction = extractions.get(article.id)
        if extraction is None:
            continue
        # The most precise mentions first, so that "the parade in 2025" joins "the parade on 3 September".
        mentions = article_events(
            article, extraction, place_ids, places, recurring or [], place_names, news, lead_only, is_place
        )
        for m in mentions:  # a body by its entity: "Apple Computer" here is "Apple Inc." there
            m.participants = [p if p in person_ids else f"body:{(org_ids or {}).get(p, p)}" for p in m.participants]
        _lead_bodies(mentions, news, _lead(extraction))
        for mention in sorted(
            mentions, key=lambda m: (not m.name, -len(m.date or ""), -places.depth(m.place) if m.place else 0)
        ):
            target = clusters.find(mention, places, mention.type in sensitive or mention.type in news)
            if target is None:
                target = clusters.new(mention)
            key = clusters.keys(target)
            target.add(mention, article.id, places)
            clusters.moved(target, key)
    events = []
    for cluster in clusters.all:
        if not (cluster.name or cluster.phrase or cluster.place or cluster.participants):
            continue  # "a contract", dated and nothing more: no page says what, where or who
        place = cluster.place
        name = cluster.name or _name(cluster, place_names.get(place or ""))
        events.append(
            Event(
                id=ids.make(name, "event"),
                name=name,
                type=cluster.type,
                date=cluster.date,
                place=place,
                participants=sorted({person_ids[p] for p in cluster.participants if p in person_ids}),
                end=max(cluster.ends, key=lambda e: (len(e), e)) if cluster.ends else None,
                articles=cluster.articles,
                mentions=sorted(cluster.refs, key=lambda r: (r.article, sentence_number(r.sentence))),
            )
        )
    _link_series(events)
    return sorted(events, key=lambda e: (e.date or "9999", e.name))


def _lead_bodies(mentions: list[_Mention], news: frozenset[str], lead: set[str]) -> None:
    """News of a report that names no body acting in it ("The order … boosted the show") is the
    news its lead tells, by the bodies the lead names for it ("Airbus wins Qatar Airways order")."""
    told: dict[str, set[str]] = {}
    for m in mentions:
        if m.type in news and m.sentence in lead:
            told.setdefault(m.type, set()).update(p for p in m.participants if p.startswith("body:"))
    for m in mentions:
        if m.type in news and told.get(m.type) and not any(p.startswith("body:") for p in m.participants):
            m.participants = sorted(set(m.participants) | told[m.type])


def _name(cluster: _Cluster, place: str | None) -> str:
    """What happened, in the words of the sentence that says it best, and where ("Boeing
    unveils its new 787 Dreamliner in Everett"); failing such words, its type, place and date."""
    if cluster.phrase:
        text = cluster.phrase[0].upper() + cluster.phrase[1:]
        return f"{text} in {place}" if place and place.lower() not in text.lower() else text
    words = [cluster.type.capitalize()]
    people = sorted(p for p in cluster.participants if not p.startswith("body:"))
    if people:  # the parse's own parties: "Visit with Vladimir Putin"
        words.append("with " + (" and ".join(people) if len(people) <= 2 else f"{people[0]} and others"))
    if place:
        words.append(f"in {place}")
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


def resolve_anniversaries(
    articles: list[Article],
    extractions: dict[str, Extraction],
    events: list[Event],
    ids: IdMaker,
    base_names: dict[str, str] | None = None,
) -> list[Anniversary]:
    """`base_names`: base event key → name, so that "the 80th anniversary of the end of World
    War II" links to the World War II page."""
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
                found[key] = Anniversary(
                    id=ids.make(label, "anniversary"),
                    ordinal=mention.ordinal,
                    of=mention.of,
                    year=mention.year,
                    event=by_name.get(mention.of.lower())
                    or by_name.get((base_names or {}).get(mention.base_event or "", "").lower()),
                )
            anniversary = found[key]
            anniversary.mentions.append(MentionRef(article.id, mention.sentence, mention.of))
            if not anniversary.articles or anniversary.articles[-1] != article.id:  # one article at a time
                anniversary.articles.append(article.id)
    return sorted(found.values(), key=lambda a: (a.year or 0, a.ordinal, a.of))
