"""People, organizations and places in one article, with in-article alias clustering.

spaCy's NER proposes spans; this module cleans them (titles off, determiners off), takes
roles from titles and appositions, and folds short forms ("Xi", "Mr. Xi") into the full
name used elsewhere in the same article ("Xi Jinping").
"""

from __future__ import annotations

import re
import string
from functools import cached_property
from pathlib import Path

from spacy.tokens import Doc, Span

from generator.extract.gazetteer import DIVISION, Gazetteer
from generator.extract.names import clean_name, core_name, fold, is_role_word, role_apposition, role_before, split_title
from generator.extract.repair import PlaceWords, repair
from generator.model import EntityKind, Mention

LABELS: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}


class Vocabulary:
    """The word lists entity extraction needs, from the data files."""

    def __init__(
        self,
        titles: dict,
        aliases: dict,
        places: dict | None = None,
        patterns: dict | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self._places = places or {}
        self._cache_dir = cache_dir
        self._aliases = aliases
        self.role_words = {w.lower() for w in titles.get("role_words", [])}
        self.honorifics = {w.lower() for w in titles.get("honorifics", [])}
        self.role_stopwords = {w.lower() for w in titles.get("role_stopwords", [])}
        self.portfolio_titles = frozenset(w.lower() for w in titles.get("portfolio_titles", []))
        self.work_nouns = {w.lower() for w in titles.get("work_nouns", [])}
        self.canonical: dict[tuple[str, str], str] = {}
        for group, kind in (("places", "place"), ("organizations", "organization"), ("people", "person")):
            for name, forms in (aliases.get(group) or {}).items():
                self.canonical[(kind, name.lower())] = name
                for form in forms or []:
                    self.canonical[(kind, clean_name(str(form)).lower())] = name

        known = {fold(form) for (kind, form) in self.canonical}
        for pattern in (patterns or {}).get("patterns") or []:
            if isinstance(pattern, dict) and isinstance(pattern.get("pattern"), str):
                known.add(fold(pattern["pattern"]))
        self.abbreviations = sorted({w for w in self.role_words | self.honorifics if w.endswith(".") and len(w) > 2})
        self.state_abbreviations = {str(k): str(v) for k, v in self._places.get("state_abbreviations", {}).items()}
        self.place_words = PlaceWords.from_data(
            self._places,
            lambda name: self.gazetteer.place(name) is not None,
            lambda name: fold(clean_name(name)) in known,
            self.is_region,
        )

    @cached_property
    def gazetteer(self) -> Gazetteer:
        # Built on first use: a build whose extractions all come from the cache never loads GeoNames.
        return Gazetteer(self._places, self._aliases, self._cache_dir)

    def is_region(self, name: str) -> bool:
        place = self.gazetteer.place(self.canonical_name("place", name))
        return place is not None and place.population >= DIVISION

    def canonical_name(self, kind: str, name: str) -> str:
        return self.canonical.get((kind, name.lower()), name)


def _valid_name(name: str, kind: str, vocab: Vocabulary) -> bool:
    if len(name) < 2 or not any(c.isalpha() for c in name):
        return False
    if kind == "person":
        words = name.split()
        if all(is_role_word(w, vocab.role_words) or w.lower() in vocab.honorifics for w in words):
            return False
        if any(c.isdigit() for c in name) or name.isupper() and len(name) > 3:
            return False
        if not name[0].isupper():
            return False
    return True


def span_mention(span: Span, sentence_id: str, sent_start: int, vocab: Vocabulary) -> Mention | None:
    kind = LABELS.get(span.label_)
    if kind is None:
        return None
    if (
        kind == "person"
        and span[0].lower_ == "the"
        and not any(is_role_word(t, vocab.role_words) or t.lower_ in vocab.honorifics for t in span[1:])
    ):
        return None  # "[the Bat Cave]": a person's name takes no article
    if (
        kind == "person"
        and span.start > 0
        and span.doc[span.start - 1].pos_ == "NOUN"
        and (span.doc[span.start - 1].lemma_.lower() in vocab.work_nouns)
    ):
        return None  # "her graphic novel [Angel Catbird]": a work's title, not a person
    if kind != "person" and (_titled_name(span, vocab) or _title_inside(span, vocab)):
        kind = "person"  # the small model's usual slip: "Chancellor [Olaf Scholz]" tagged ORG
    role = None
    if kind == "person":
        skip, title = split_title(span, vocab.role_words, vocab.honorifics)
        if not skip and _office_after_of(span, vocab):
            skip, title = 1, span[0].text  # "Minister of [Education Stefania Giannini]"
        name_span = span[skip:]
        role = title
        before = role_before(span, vocab.role_words, vocab.honorifics, vocab.role_stopwords)
        if before:
            role = f"{before} {title}" if title else before
        role = role_apposition(span, vocab.role_words) or role
        name = core_name(clean_name(_INNER_POSSESSIVE.split(name_span.text)[0]))  # "Eugene Young’s Remarks"
        if (
            not skip
            and role is None
            and (
                " " not in name and vocab.gazetteer.place(vocab.canonical_name("place", name)) or vocab.is_region(name)
            )
        ):
            # A lone word, untitled, that names a known city or country: the place ("flights to
            # Toulouse"); cluster_people makes it a person again where the article gives a full name.
            kind, name = "place", vocab.canonical_name("place", name)
    else:
        name = _name_part(clean_name(_after_owner(span.text, vocab)))
        if (
            name.isupper()
            and len(name) > 4
            and (" " in name or span.label_ == "GPE")
            and all(w.isalpha() and len(w) > 2 for w in name.split())
        ):
            name = string.capwords(name)  # a dateline's "FORT BENNING" is Fort Benning; "UNESCO" stays
    if not _valid_name(name, kind, vocab):
        return None
    if kind == "organization" and not name.isupper() and vocab.is_region(name):
        # A country's or province's name tagged ORG: its government or team, where it stands for it.
        kind = "place"
    name = vocab.canonical_name(kind, name)
    return Mention(
        kind=kind,
        text=span.text,
        name=name,
        sentence=sentence_id,
        start=span.start_char - sent_start,
        end=span.end_char - sent_start,
        role=role,
    )


_INNER_POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z])")
_FUNCTION_WORDS = {"of", "and", "or", "for", "the", "to", "in", "on", "at", "with", "by", "from"}


def _after_owner(text: str, vocab: Vocabulary) -> str:
    """ "Apple Computer's Mac OS", "Hiroshima's Peace Memorial Park": the name after its owner,
    where the owner is a name of its own (two words or more, or a known place) or a body named
    by its kind ("the Board's Committee on …"); "People's Republic of China" and "Children's
    Hospital" are whole names."""
    parts = _INNER_POSSESSIVE.split(text, maxsplit=1)
    if len(parts) == 2:
        owner = clean_name(parts[0])
        if (
            len(owner.split()) >= 2
            or vocab.gazetteer.place(vocab.canonical_name("place", owner))
            or owner.lower() in vocab.place_words.generic
        ):
            return parts[1]
    return text


def _name_part(name: str) -> str:
    """The name in a span the tagger ran on: up to a spaced dash ("San Jose - Cisco"), without
    lower-case words after it ("Moscone West center")."""
    if " - " in name or " – " in name:
        name = name.replace(" – ", " - ").split(" - ")[0]
    words = name.split()
    while len(words) > 1 and words[-1][:1].islower() and words[-1] not in _FUNCTION_WORDS:
        words.pop()  # a name cut at "of" or "and" keeps it, for the evidence check to see
    return " ".join(words)


def _titled_name(span: Span, vocab: Vocabulary) -> bool:
    """A short run of capitalised words right after a person's title is a person's name."""
    if span.start == 0 or not 2 <= len(span) <= 3 or not all(t.is_title for t in span):
        return False
    before = span.doc[span.start - 1]
    return (
        before.is_title and is_role_word(before, vocab.role_words) and before.lower_ not in ("general", "chief", "head")
    )


def _title_inside(span: Span, vocab: Vocabulary) -> bool:
    """ "[Spokeswoman Sandy Angers]" tagged ORG: a title, then a two- or three-word name."""
    rest = span[1:]
    return (
        is_role_word(span[0], vocab.role_words)
        and 2 <= len(rest) <= 3
        and all(t.is_title and t.pos_ == "PROPN" and not is_role_word(t, vocab.role_words) for t in rest)
    )


def _office_after_of(span: Span, vocab: Vocabulary) -> bool:
    """A name after "Minister of" or "Secretary for Democracy and" that begins with the office's
    last word ("Minister of [Education Stefania Giannini]"): the span's first word belongs to the
    title when two or more name words follow it and a title word stands shortly before."""
    doc = span.doc
    if span.start < 2 or len(span) < 3 or doc[span.start - 1].lower_ not in ("of", "for", "and", "&"):
        return False
    window = doc[max(span.sent.start, span.start - 10) : span.start - 1]
    return any(is_role_word(t, vocab.role_words) for t in window) and all(t.is_title for t in span)


def cluster_people(mentions: list[Mention]) -> None:
    """Fold short forms into the longest full name of this article that contains them.

    "Xi" → "Xi Jinping" (surname first), "Denisov" → "Andrey Denisov" (surname last).
    A short form that fits two full names ("Biden": Joe and Jill) is left as it is.
    """
    full = sorted({m.name for m in mentions if m.kind == "person" and " " in m.name}, key=lambda n: (-len(n), n))
    for mention in mentions:
        # One sense per article: a lone word tagged ORG or GPE that is part of a person's name
        # here ("Mitchell" beside "Mitchell Landers") is that person.
        if (
            mention.kind != "person"
            and " " not in mention.name
            and any(mention.name in (n.split()[0], n.split()[-1]) for n in full)
        ):
            mention.kind = "person"
        if mention.kind != "person":
            continue
        words = mention.name.split()
        candidates = [n for n in full if n != mention.name and _contains_words(n.split(), words)]
        if not candidates and len(words) == 1:
            # A surname spelled another way once ("Bauchtman" beside Lydia Buchtmann).
            candidates = [n for n in full if _misspelt(words[0], n.split()[-1])]
        if len(candidates) == 1 or (
            candidates and all(_contains_words(candidates[0].split(), c.split()) for c in candidates)
        ):
            mention.name = candidates[0]


def _misspelt(word: str, surname: str) -> bool:
    """Two spellings of one surname: the same first letter, long enough, and at most one edit
    apart (two for eight letters or more)."""
    if word == surname or word[:1] != surname[:1] or min(len(word), len(surname)) < 5:
        return False
    allowed = 2 if min(len(word), len(surname)) >= 8 else 1
    if abs(len(word) - len(surname)) > allowed:
        return False
    previous = list(range(len(surname) + 1))
    for i, a in enumerate(word, 1):
        current = [i]
        for j, b in enumerate(surname, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1] <= allowed


def _contains_words(longer: list[str], shorter: list[str]) -> bool:
    if len(shorter) >= len(longer):
        return False
    if len(shorter) == 1:
        # A single word must be the first or last word: the family name in either order.
        return shorter[0] in (longer[0], longer[-1])
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1)) or (
        shorter[0] == longer[0] and shorter[-1] == longer[-1]
    )


def entity_mentions(
    doc: Doc, sentence_ids: list[tuple[str, Span]], vocab: Vocabulary, first: bool = False
) -> list[Mention]:
    """The mentions of one parsed paragraph; `first` marks the article's first paragraph."""
    mentions: list[Mention] = []
    spans = repair(doc, vocab.role_words, vocab.place_words, first, vocab.portfolio_titles)
    places = {s.start: s for s in spans if LABELS.get(s.label_) == "place"}
    for sentence_id, sent in sentence_ids:
        for span in spans:
            if not sent.start <= span.start < sent.end:
                continue
            written = span.text + "." if span.end < len(doc) and doc[span.end].text == "." else span.text
            if span.label_ in ("GPE", "LOC") and written in vocab.state_abbreviations and _after_comma(span, places):
                continue  # "Colorado Springs, [Colo.]": the state is where the city is, not a mention
            mention = span_mention(span, sentence_id, sent.start_char, vocab)
            if mention is not None:
                if mention.kind == "place":
                    within = _within(span, places, vocab)
                    mention.within = vocab.canonical_name("place", within) if within else None
                    written = _with_parent(span, places, vocab) if within else None
                    if written is not None:  # "Irving, Texas": the name as written, kept as an alias
                        mention.text, mention.end = written.text, written.end_char - sent.start_char
                    owned = _with_owner(span, places) if within else None
                    if owned is not None:  # "Hiroshima's Peace Memorial Park", likewise
                        mention.text, mention.start = owned.text, owned.start_char - sent.start_char
                mentions.append(mention)
    return mentions


def _with_parent(span: Span, places: dict[int, Span], vocab: Vocabulary) -> Span | None:
    """ "Irving, Texas", "Colorado Springs, Colo.": a place written with the place it lies in."""
    doc, end = span.doc, span.end
    if end + 1 >= len(doc) or doc[end].text != "," or (span.start > 0 and doc[span.start - 1].text == ","):
        return None
    if doc[end + 1].text in vocab.state_abbreviations:
        return doc[span.start : end + 2]
    after = places.get(end + 1)
    if after is None or after.label_ != "GPE" or (after.end < len(doc) and doc[after.end].lower_ in ("and", "or")):
        return None
    return doc[span.start : after.end]


def _with_owner(span: Span, places: dict[int, Span]) -> Span | None:
    """ "Hiroshima's Peace Memorial Park": a site written after the place it belongs to."""
    if span.label_ not in ("FAC", "LOC") or span.start < 2 or span.doc[span.start - 1].tag_ != "POS":
        return None
    owner = next((s for s in places.values() if s.end == span.start - 1), None)
    return span.doc[owner.start : span.end] if owner is not None else None


def _after_comma(span: Span, places: dict[int, Span]) -> bool:
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].text == "," and any(s.end == span.start - 1 for s in places.values())


def _within(span: Span, places: dict[int, Span], vocab: Vocabulary) -> str | None:
    """The place a place lies in, as the text says ("Colorado Springs, Colo.", "Red Square in
    Moscow", "Hiroshima's Peace Memorial Park") or, failing that, as the gazetteer knows it."""
    doc = span.doc
    end = span.end
    if end + 1 < len(doc) and doc[end].text == ",":
        if doc[end + 1].text in vocab.state_abbreviations:
            return vocab.state_abbreviations[doc[end + 1].text]
        after = places.get(end + 1)
        # "Colorado Springs, Colorado" nests; "the United States, Britain and France" is a list.
        in_list = (span.start > 0 and doc[span.start - 1].text == ",") or (
            after is not None and after.end < len(doc) and doc[after.end].lower_ in (",", "and", "or")
        )
        if (
            after is not None
            and after.label_ == "GPE"
            and not in_list
            and not vocab.gazetteer.is_country(clean_name(span.text))
        ):
            return clean_name(after.text)
    if end + 1 < len(doc) and doc[end].lower_ == "in" and span.label_ in ("FAC", "LOC"):
        after = places.get(end + 1)
        if after is not None:
            return clean_name(after.text)
    if span.label_ in ("FAC", "LOC") and span.start >= 2 and doc[span.start - 1].tag_ == "POS":
        before = next((s for s in places.values() if s.end == span.start - 1), None)
        if before is not None:
            return clean_name(before.text)
    known = vocab.gazetteer.place(vocab.canonical_name("place", clean_name(span.text)))
    return known.within if known is not None else None
