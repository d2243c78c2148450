"""Resolve: per-article extractions become one knowledge graph for the whole corpus."""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.config import Settings
from generator.extract.gazetteer import registry_forms
from generator.extract.names import fold
from generator.ids import IdMaker
from generator.model import Article, Extraction, Knowledge, Problem, QuoteRef
from generator.resolve.dating import publication_dates
from generator.resolve.entities import mentions_by_kind, resolve_entities, short_org_forms
from generator.resolve.events import resolve_anniversaries, resolve_events
from generator.resolve.evidence import Evidence, LowerCase, sift

# Where the tagger gave one word several kinds, a place beats an organization beats a person.
_PREFERENCE = {"place": 2, "organization": 1, "person": 0}


def one_sense_per_corpus(extractions: dict[str, Extraction], fixed: set[str] = frozenset()) -> None:
    """A name takes the kind most of its mentions have across the corpus.

    "Normandy" tagged PERSON in one sentence and GPE in others is a place everywhere; a full
    name tagged GPE once at a sentence's start and PERSON elsewhere is a person.
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    for extraction in extractions.values():
        for mention in extraction.mentions:
            votes[mention.name][mention.kind] += 1
    for extraction in extractions.values():
        for mention in extraction.mentions:
            counts = votes.get(mention.name)
            if counts and len(counts) > 1 and fold(mention.name) not in fixed:
                mention.kind = max(counts, key=lambda k: (counts[k], _PREFERENCE[k]))


def _place_names(settings: Settings):
    """Whether a name is a place the registries, the aliases or the data files know."""
    forms = registry_forms(settings.cache_dir)
    places, aliases = settings.data("places"), settings.data("aliases")
    extra = {fold(str(n)) for n in [*(places.get("natural_places") or []), *(places.get("within") or {})]}
    for name, others in (aliases.get("places") or {}).items():
        extra |= {fold(str(n)) for n in [name, *(others or [])]}
    return lambda name: fold(name) in forms or fold(name) in extra


def resolve(
    articles: list[Article],
    extractions: dict[str, Extraction],
    settings: Settings,
    problems: list[Problem] | None = None,
) -> Knowledge:
    fixes = settings.user.get("fixes") or {}
    articles, extractions = publication_dates(articles, extractions, settings.data("people").get("terms") or {})
    kinds = {fold(k): v for k, v in (fixes.get("kinds") or {}).items() if v in _PREFERENCE}
    for extraction in extractions.values() if kinds else ():
        for mention in extraction.mentions:
            mention.kind = kinds.get(fold(mention.name), mention.kind)  # `kinds: {Name: organization}`
    evidence_data = settings.data("evidence")
    known_people = settings.data("people").get("known") or {}
    speakers = {q.speaker for e in extractions.values() for q in e.quotes if q.speaker}
    is_place = _place_names(settings)
    evidence = Evidence.from_data(
        evidence_data,
        known_people,
        fixes.get("confirm"),
        speakers,
        settings.data("titles").get("role_words") or [],
        is_place,
    )
    for extraction in extractions.values():
        for mention in extraction.mentions:
            if mention.kind == "person" and fold(mention.name) not in kinds:
                mention.kind = evidence.kind_of_person_name(mention.name) or "person"
    one_sense_per_corpus(extractions, set(kinds))
    prefixes = tuple(
        str(p).lower() for p in [*(evidence_data.get("country_prefixes") or []), *(evidence_data.get("demonyms") or [])]
    )
    short_org_forms(extractions, evidence_data.get("legal_forms") or [], prefixes)
    knowledge = Knowledge(articles=articles, extractions=extractions, problems=list(problems or []))
    ids = {}
    mentions = mentions_by_kind(articles, extractions)
    lower = LowerCase(extractions)
    for kind, attribute in (("person", "people"), ("organization", "organizations"), ("place", "places")):
        entities, ids[kind] = resolve_entities(
            kind, mentions[kind], articles, fixes, known_people if kind == "person" else None, prefixes
        )
        kept, doubtful = sift(entities, evidence, lower)
        gone = set()
        for entity, reason in doubtful:
            entity.doubt = reason
            knowledge.also_named.append(entity)
            gone.add(entity.id)
        if kind == "place":  # a place that lay in a doubtful one lies in no page
            for entity in kept:
                entity.within = None if entity.within in gone else entity.within
        ids[kind] = {name: i for name, i in ids[kind].items() if i not in gone}
        setattr(knowledge, attribute, kept)
    sensitive = set(settings.data("events").get("participant_sensitive") or [])
    event_ids = IdMaker()
    within = {p.id: p.within for p in knowledge.places}
    recurring = settings.data("commemorations").get("recurring") or []
    news, lead_only = (
        frozenset(str(t) for t in settings.data("events").get(key) or []) for key in ("reported_news", "lead_only")
    )
    knowledge.events = resolve_events(
        articles,
        extractions,
        ids["place"],
        ids["person"],
        sensitive,
        event_ids,
        within,
        recurring,
        news,
        lead_only,
        ids["organization"],
        is_place,
    )
    # `not_events: [name or page id]`: an event the site's owner rejected has no page, and no
    # anniversary commemorates it.
    rejected = {fold(str(n)) for n in fixes.get("not_events") or []}
    if rejected:
        knowledge.events = [e for e in knowledge.events if not {fold(e.name), e.id} & rejected]
    base_names = {
        str(b.get("key")): str(b.get("name")) for b in settings.data("commemorations").get("base_events") or []
    }
    knowledge.anniversaries = resolve_anniversaries(articles, extractions, knowledge.events, IdMaker(), base_names)
    for article in articles:
        for quote in extractions[article.id].quotes if article.id in extractions else []:
            kind = "person" if quote.speaker in ids["person"] else "organization"
            speaker = ids[kind].get(quote.speaker or "")
            if speaker:
                knowledge.quotes.append(QuoteRef(speaker, quote.text, article.id, quote.sentence, quote.direct, kind))
    return knowledge
