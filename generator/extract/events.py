"""Events from trigger words and the parse; anniversaries from ordinals of known base events."""

from __future__ import annotations

import re

from spacy.tokens import Span

from generator.extract import dates
from generator.extract.attach import free_places, place_of, place_roots
from generator.extract.headline import clause_subject, event_phrase
from generator.extract.own_dates import head_of, own_dates, quoted_stretches, same_voice
from generator.extract.tense import clause_tense
from generator.model import AnniversaryMention, DateMention, EventMention, Mention

ANNIVERSARY = re.compile(
    r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:the\s+)?(.{3,90}?)(?=[,.;:()]|\s+(?:and|with|which|when|while|by|as|in\s+\d)\b|$)",
    re.I,
)
YEARS_AGO = re.compile(r"\b(\d{1,3})\s+years\s+ago\b", re.I)


class EventCatalogue:
    """Triggers, base events and recurring commemorations from the data files."""

    def __init__(self, events: dict, commemorations: dict) -> None:
        triggers = {str(k).lower(): v for k, v in (events.get("triggers") or {}).items()}
        self.phrases = {k: v for k, v in triggers.items() if " " in k}
        self.words = {k: v for k, v in triggers.items() if " " not in k}
        self.verbs = {str(k).lower(): v for k, v in (events.get("verb_triggers") or {}).items()}
        self.plural = {str(w).lower() for w in events.get("plural_events") or []}
        self.news = {str(t) for t in events.get("reported_news") or []}
        self.light_verbs = frozenset(str(v).lower() for v in events.get("light_verbs") or [])
        self.wishes = frozenset(str(v).lower() for v in events.get("wish_verbs") or [])
        self.named_object = {str(k).lower(): v for k, v in (events.get("named_object_triggers") or {}).items()}
        # The verbs that can signal an event at all, alone or with a particle ("step down").
        self.verb_lemmas = {k.split()[0] for k in self.verbs} | set(self.named_object)
        self.base = list(commemorations.get("base_events") or [])
        self.recurring = list(commemorations.get("recurring") or [])
        # Compiled once: every sentence of every article is matched against every base event.
        self._named = [
            (
                _phrases(e.get("match", [])),
                _phrases(list(e.get("match", [])) + list(e.get("refer", []))),
                [[_phrases([p]) for p in cue] for cue in e.get("cues") or []],
            )
            for e in self.base
        ]
        # Any phrase of any base event: most sentences name none, and one search says so. (An empty
        # cue would match every text: then there is no such shortcut.)
        cues = [cue for e in self.base for cue in e.get("cues") or []]
        self._any = (
            None
            if any(not cue for cue in cues)
            else _phrases(
                sorted(
                    {str(p) for e in self.base for p in list(e.get("match", [])) + list(e.get("refer", []))}
                    | {str(p) for cue in cues for p in cue}
                )
            )
        )

    def base_by_key(self, key: str | None) -> dict | None:
        return next((e for e in self.base if e.get("key") == key), None)

    def base_named(self, text: str, loose: bool = False) -> dict | None:
        return next(iter(self.bases_named(text, loose)), None)

    def bases_named(self, text: str, loose: bool = False) -> list[dict]:
        """The base events `text` names: by a phrase, or by all the phrases of one of its cues."""
        low = text.lower()
        found = []
        if self._any is not None and not self._any.search(low):
            return found
        for event, (strict, wide, cues) in zip(self.base, self._named, strict=True):
            phrases = wide if loose else strict
            if (phrases and phrases.search(low)) or any(all(p.search(low) for p in cue) for cue in cues):
                found.append(event)
        return found

    def recurring_at(self, place: str | None, text: str) -> dict | None:
        return best_recurring(self.recurring, {place.lower()} if place else set(), text)


def best_recurring(recurring: list[dict], places: set[str], text: str) -> dict | None:
    """The recurring commemoration an event at one of `places` (lower case) is, if one fits best.

    "Wednesday's military parade commemorating the end of the war" in Beijing: China's
    Victory Day, 3 September (its place and what it is about), not China's National Day."""
    low = text.lower()
    scored = []
    for entry in recurring:
        score = 3 * bool(places & set(entry.get("context", [])))
        score += sum(1 for p in entry.get("match", []) + entry.get("about", []) if p in low)
        if score >= 3:
            scored.append((score, entry))
    scored.sort(key=lambda pair: -pair[0])
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


def _phrases(phrases: list) -> re.Pattern | None:
    """One pattern for any of `phrases` as whole words, or None for none."""
    if not phrases:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(str(p).lower()) for p in phrases) + r")(?!\w)")


def _nearest(items, position: int):
    return min(items, key=lambda item: abs(item[0] - position))[1] if items else None


_HABITUAL = re.compile(
    r"\b(once|twice) a (year|decade)\b|\bevery (\w+ )?(years?|decades?)\b|\beach year\b|\bannually\b", re.I
)
_YEAR_ONLY = re.compile(r"^(?:in\s+)?(1[0-9]{3}|20[0-9]{2})$")


def sentence_events(
    sent: Span,
    sentence_id: str,
    mentions: list[Mention],
    sent_dates: list[DateMention],
    catalogue: EventCatalogue,
    future: bool = False,
    text: str | None = None,
    last_subject: str | None = None,
    bases: list[dict] | None = None,
) -> list[EventMention]:
    """`text` is the sentence's text where the caller has it already (a span joins its tokens again);
    `last_subject` the person an earlier sentence was about, whom "he" or "she" here stands for;
    `bases` the base events it names, where the caller has looked them up already."""
    text = sent.text if text is None else text
    low = text.lower()
    people = [m.name for m in mentions if m.kind == "person"]
    # The companies and bodies of a sentence reporting business news tell one order or contract
    # from another of the same day ("Qatar Airways orders …", "Ryanair orders …"); they are kept
    # among the participants for that, and only people are shown as participants.
    bodies = [m.name for m in mentions if m.kind == "organization"]
    places = [(m.start, m.name) for m in mentions if m.kind == "place"]
    # "staging such events once a decade on Oct 1": a habit's date dates no one event.
    dated = [
        (at, d)
        for d in sent_dates
        if (at := text.find(d.text)) >= 0 and not _HABITUAL.search(text[max(0, at - 30) : at])
    ]
    quoted = quoted_stretches(text)
    found = base_events(text, sentence_id, catalogue, bases)
    named_wars = {e.type for e in found}
    taken: set[int] = set()
    for phrase, kind in catalogue.phrases.items():
        at = low.find(phrase)
        if at >= 0:
            taken.update(range(at, at + len(phrase)))
            found.append(
                _event(
                    kind,
                    phrase,
                    sentence_id,
                    at,
                    same_voice(dated, at, quoted),
                    places,
                    people,
                    future,
                    bodies if kind in catalogue.news else (),
                )
            )
    kinds = [(token, kind) for token in sent if (kind := _kind(token, catalogue))]
    triggers = {token.i for token, _ in kinds}
    roots = place_roots(sent, mentions)
    for token, kind in kinds:
        if token.idx - sent.start_char in taken:
            continue
        if kind in named_wars and kind in ("war", "battle"):
            continue  # "the war" here is the named war already found
        if token.ent_type_ in ("ORG", "GPE", "PERSON", "FAC", "LOC", "PRODUCT", "WORK_OF_ART") and not (
            token.i + 1 == len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I"
        ):
            continue  # inside a name; its last word ("… Peace Memorial [Ceremony]") still names an event
        if token.dep_ == "compound" and catalogue.words.get(token.head.lemma_.lower()):
            continue  # "Peace [Memorial] Ceremony": one event, named by its head word
        if token.ent_type_ in ("DATE", "TIME") or (
            token.i > 0 and token.doc[token.i - 1].text == "-" and not token.doc[token.i - 1].whitespace_
        ):
            continue  # "[March] 4" is a month; "denial-of-[service]" a kind of attack, not a service
        if token.head.lower_ in ("in", "as") and any(c.lower_ == "of" for c in token.children):
            continue  # "in celebration of the victory": a purpose, not an event
        if token.pos_ == "VERB" and token.dep_ == "amod":
            continue  # "the recently announced iPhone", "the newly elected mayor": a description
        if kind == "announcement" and any(
            t.i in triggers for c in token.children if c.dep_ == "ccomp" for t in c.subtree
        ):
            continue  # "announced it has settled the dispute": the news is what it announced
        at = token.idx - sent.start_char
        known, where = place_of(token, roots, triggers)
        places = [(at, where)] if known else free_places(sent, roots, token, triggers)
        if token.tag_ in ("NNS", "NNPS") and token.lower_ not in catalogue.plural:
            # "parades in the two countries": several, none in particular; "parades in 2005 and
            # 2010": one for each year the sentence names.
            for position, date in dated:
                if date.value and _YEAR_ONLY.match(date.text.strip().lower()):
                    event = _event(
                        kind,
                        token.text,
                        sentence_id,
                        at,
                        [(position, date)],
                        places,
                        _parties(token, sent, mentions, catalogue.light_verbs, last_subject),
                        future,
                    )
                    found.append(event)
            continue
        tense = clause_tense(sent.doc[token.i : token.i + 1], future)
        own = own_dates(token, sent, dated, at, quoted)
        if not own and _unrealised(token, catalogue.wishes):
            continue  # "required the delegates to travel to Accra": what was needed or wanted, not done
        acting = [m.name for m in mentions if m.kind == "organization" and not _in_other_clause(token, sent, m)]
        found.append(
            _event(
                kind,
                token.text,
                sentence_id,
                at,
                own,
                places,
                _parties(token, sent, mentions, catalogue.light_verbs, last_subject),
                tense == "future",
                acting if kind in catalogue.news else (),
                token,
                catalogue.light_verbs,
            )
        )
    return found


def _unrealised(token, wishes: frozenset[str]) -> bool:
    """A verb in the infinitive under a verb of wanting, needing, planning or refusing ("wanted to
    meet", "required the delegates to travel", "refused to sign"): what was not, or not yet, done."""
    return (
        token.pos_ == "VERB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and token.head.lemma_.lower() in wishes
    )


_PARTY_PREPOSITIONS = {"with", "by", "between", "among", "of"}


def subject_person(sent: Span, mentions: list[Mention]) -> str | None:
    """The person a sentence is about: the one named as the subject of its main verb, or of the
    clause a reporting verb carries ("[Adeyemi] spoke …, a reporter said")."""
    root = sent.root
    for verb in (root, *(c for c in root.children if c.dep_ == "ccomp")):
        subject = clause_subject(verb, ())
        if subject is None:
            continue
        start, end = subject.idx - sent.start_char, subject.idx - sent.start_char + len(subject)
        person = next((m.name for m in mentions if m.kind == "person" and m.start < end and start < m.end), None)
        if person:
            return person
    return None


_PERSONAL = {"he", "she", "him", "his", "her"}


def _parties(
    token, sent: Span, mentions: list[Mention], light_verbs: frozenset[str], last_subject: str | None = None
) -> list[str]:
    """The people the parse makes the event's own: who does it ("[Putin] visited", "[Xi] attended
    the parade", "the visit by [Putin]"), whom it joins ("met [Xi]", "talks with [Xi]") and whose it
    is ("[Xi]'s visit"). Not whoever else the sentence names: a commentator, a reporter, a
    figure of the past."""
    heads: list = []

    def subject_of(verb) -> None:
        subject = clause_subject(verb, ("xcomp", "conj", "advcl"))
        if subject is not None:
            heads.append(subject)

    def joined(owner) -> None:
        for c in owner.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in _PARTY_PREPOSITIONS):
                heads.extend(g for g in c.children if g.dep_ == "pobj")

    if token.pos_ == "VERB":
        subject_of(token)
        heads.extend(c for c in token.children if c.dep_ == "dobj")
        joined(token)
    else:
        heads.extend(c for c in token.children if c.dep_ in ("poss", "compound"))
        joined(token)
        verb = token.head
        if token.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head  # "took part in the parade"
        if (
            verb.pos_ == "VERB"
            and token.dep_ in ("dobj", "pobj", "nsubjpass")
            and (verb.lemma_.lower() in light_verbs or token.dep_ == "pobj")
        ):
            subject_of(verb)
    tokens = set()
    for head in heads:
        tokens.add(head.i)
        tokens.update(c.i for c in head.children if c.dep_ in ("conj", "appos", "compound"))
    spans = [(sent.doc[i].idx - sent.start_char, sent.doc[i].idx - sent.start_char + len(sent.doc[i])) for i in tokens]
    found = {
        m.name for m in mentions if m.kind == "person" and any(m.start < end and start < m.end for start, end in spans)
    }
    if last_subject and any(sent.doc[i].lower_ in _PERSONAL for i in tokens):
        found.add(last_subject)  # "He visited …" after a sentence about Putin
    return sorted(found)


def _kind(token, catalogue: EventCatalogue) -> str | None:
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN"):
        return catalogue.words.get(lemma)
    if (
        token.pos_ != "VERB"
        or lemma not in catalogue.verb_lemmas
        or any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in catalogue.words for c in token.children)
    ):
        return None  # "delivering a speech", "signed an agreement": the noun names the event
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    if particle and f"{lemma} {particle}" in catalogue.verbs:
        return catalogue.verbs[f"{lemma} {particle}"]  # "step down", "roll out"
    if lemma in catalogue.named_object and any(c.dep_ == "dobj" and _a_name(c) for c in token.children):
        return catalogue.named_object[lemma]  # "announced the iPhone 3G", "the new iPod range", "left Apple"
    return catalogue.verbs.get(lemma)


_CLAUSES = {"relcl", "acl", "advcl"}


def _in_other_clause(trigger, sent: Span, mention: Mention) -> bool:
    """A body named in a clause the event is not in: "the order … boosted the show, [which had
    been dominated by a dispute between Airbus and Boeing]"."""
    token = head_of(sent, mention.start, mention.end)
    if token is None:
        return False
    while token.head.i != token.i and token.dep_ not in _CLAUSES:
        token = token.head
    return token.dep_ in _CLAUSES and not (token.is_ancestor(trigger) or token.i == trigger.i)


def _a_name(noun) -> bool:
    """The object is a name, or a noun a name makes particular: "the iPhone", "the new iPod range",
    "the latest iteration of the iPhone"."""
    if noun.pos_ == "PROPN":
        return True
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children):
        return True
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
        for c in noun.children
    )


def base_events(
    text: str, sentence_id: str, catalogue: EventCatalogue, bases: list[dict] | None = None
) -> list[EventMention]:
    return [
        EventMention(
            type=e.get("type", "event"),
            trigger=e["name"],
            sentence=sentence_id,
            date=str(e.get("date")),
            place=e.get("place"),
            name=e["name"],
            end=str(e["end"]) if e.get("end") else None,
        )
        for e in (catalogue.bases_named(text) if bases is None else bases)
    ]


def _event(
    kind, trigger, sentence_id, at, dated, places, people, future, bodies=(), token=None, light_verbs=frozenset()
) -> EventMention:
    # A time without a value ("annual", "the first half") dates nothing; the nearest one that has one does.
    dated = [pair for pair in dated if pair[1].value] or dated
    nearest = min(dated, key=lambda pair: abs(pair[0] - at)) if dated else None
    date = nearest[1] if nearest else None
    if date is not None and not dates.WRITTEN.search(date.text):
        # "will meet next week (Tues. May 22)": a written date beside a relative one says more.
        near = [(p, d) for p, d in dated if dates.WRITTEN.search(d.text) and abs(p - at) <= abs(nearest[0] - at) + 25]
        date = _nearest(near, at) or date
    return EventMention(
        type=kind,
        trigger=trigger,
        sentence=sentence_id,
        date=date.value if date else None,
        place=_nearest(places, at),
        participants=sorted(set(people) | set(bodies)),
        date_text=date.text if date else None,
        future=future,
        end=date.end if date else None,
        phrase=event_phrase(token, future, light_verbs, kind) if token is not None else None,
    )


_MARKING = re.compile(
    r"\b(events|activities|festivities|commemorations|observances)\s+(?:to|that|which)\s+"
    r"(?:mark|commemorate|celebrate|honou?r|observe)",
    re.I,
)


def anniversary_events(
    text: str, sentence_id: str, mentions: list[Mention], found: list[AnniversaryMention], catalogue: EventCatalogue
) -> list[EventMention]:
    """ "Hegseth attended events to mark the 81st anniversary of the Allied invasion of Normandy":
    a commemoration at the place named, on the day of the anniversary (6 June 1944 + 81 years)
    where the base event has a day, else in its year."""
    marking = _MARKING.search(text)
    places = [(m.start, m.name) for m in mentions if m.kind == "place"]
    if not marking or not places:
        return []
    events = []
    for mention in (a for a in found if a.sentence == sentence_id and a.year):
        base = catalogue.base_by_key(mention.base_event) or {}
        day = str(base.get("date", ""))[4:] if len(str(base.get("date", ""))) == 10 else ""
        events.append(
            EventMention(
                type="commemoration",
                trigger=marking.group(0),
                sentence=sentence_id,
                date=f"{mention.year}{day}",
                place=_nearest(places, text.lower().find("anniversary")),
                participants=sorted({m.name for m in mentions if m.kind == "person"}),
            )
        )
    return events


def anniversaries(
    sent_text: str,
    sentence_id: str,
    article_text: str,
    title: str | None,
    anchor: str | None,
    catalogue: EventCatalogue,
) -> list[AnniversaryMention]:
    found: list[AnniversaryMention] = []
    for match in ANNIVERSARY.finditer(sent_text):
        ordinal, what = int(match.group(1)), match.group(2).strip()
        base = catalogue.base_named(what)
        if base is None and catalogue.base_named(what, loose=True):
            # "victory in the war": the war this article names.
            named = catalogue.base_named(article_text)
            base = named if named and named.get("type") == "war" else None
        if base is not None:
            found.append(
                AnniversaryMention(
                    ordinal,
                    base["name"] if what.lower() in base.get("refer", []) else what,
                    int(base["year"]) + ordinal,
                    sentence_id,
                    base["key"],
                )
            )
        else:
            found.append(AnniversaryMention(ordinal, what, dates.year_of(anchor), sentence_id))
    if found or "anniversary" not in (article_text + " " + (title or "")).lower():
        return found
    # "79 years ago" in an article about an anniversary of a known base event.
    for match in YEARS_AGO.finditer(sent_text):
        base = catalogue.base_named(title or "") or catalogue.base_named(sent_text)
        ordinal = int(match.group(1))
        year = dates.year_of(anchor)
        if base is not None and (year is None or int(base["year"]) + ordinal == year):
            found.append(
                AnniversaryMention(ordinal, base["name"], int(base["year"]) + ordinal, sentence_id, base["key"])
            )
    return found
