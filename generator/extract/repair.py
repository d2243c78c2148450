"""Repairs of the small statistical tagger's typical errors, before mentions are made.

Each rule is general, driven by the parse, the shape of the words and the data files:

- a PERSON span missing its first name ("Lloyd [J. Austin III]") or the end of a
  hyphenated name ("[Moon Jae]-in") is widened;
- a span that runs a place into a person after a title ("Ambassador to [Japan Rahm Emanuel]")
  is split in two;
- a name ending in "Cemetery", "Square" … is a place, also where the tagger missed it
  ("Peace Memorial Park"); one ending in "Ceremony", "Summit" … an event, whose leading known
  place ("[Nagasaki] Peace Memorial Ceremony") is kept;
- an all-capitals dateline opening an article ("FORT BENNING, Ga. -") is a place;
- a flight's name ("Adam Air Flight 574") names its airline, an organization;
- a name that is the whole of a quotation ('"Jolly Wally," as he was known') is a nickname;
- abbreviations of weekdays and months are never people; a lone common word, a title's
  fragment ("Austin and Army Gen.") or an unknown two-letter abbreviation is never an organization.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from generator.extract.dates import MONTHS, WEEKDAYS
from generator.extract.names import is_role_word

_CALENDAR = {w.lower() for w in MONTHS} | set(WEEKDAYS) | {d[:3] for d in WEEKDAYS} | {"tues", "thur", "thurs", "weds"}
_MONTHS = {w.lower() for w in MONTHS}
KEEP = ("PERSON", "ORG", "GPE", "LOC", "FAC")
_GENERATIONS = {"Jr", "Sr"}


@dataclass
class PlaceWords:
    last: set[str]
    first: set[str]
    event: set[str]
    generic: set[str]  # words that alone name no particular organization: "Government"
    regime: set[str]  # words before a country that still name the country: "Imperial Japan"
    is_place: Callable[[str], bool]  # a known place name
    is_known: Callable[[str], bool]  # a name the data files know (aliases, patterns)
    is_region: Callable[[str], bool] = lambda name: False  # a country, first-level division or continent
    institution: frozenset[str] = frozenset()  # first words of a church's name as an institution

    @classmethod
    def from_data(
        cls,
        data: dict,
        is_place: Callable[[str], bool],
        is_known: Callable[[str], bool],
        is_region: Callable[[str], bool] = lambda name: False,
    ) -> PlaceWords:
        low = lambda key: {str(w).lower() for w in data.get(key) or []}  # noqa: E731
        return cls(
            low("last_words"),
            low("first_words"),
            low("event_words"),
            low("generic_words"),
            low("regime_words"),
            is_place,
            is_known,
            is_region,
            frozenset(low("institution_first_words")),
        )


def _free(doc: Doc, i: int, taken: set[int]) -> bool:
    return 0 <= i < len(doc) and i not in taken


def _given_name_first(token, words: PlaceWords) -> bool:
    """A sentence's first word, joined to the person tagged after it ("[Dries] Mertens's attempt"),
    unless it is a day, a month or a place ("Monday Smith", "Texas Gov."): those open sentences too."""
    return token.lower_ not in _CALENDAR and not words.is_place(token.text) and token.whitespace_ == " "


# "FORT BENNING, Ga. -", "FORT CARSON, Colo. (Feb. 2, 2012) --": a place in capitals, its state,
# the date in brackets, a dash.
_DATELINE = re.compile(r"^([A-Z][A-Z.'’ -]*[A-Z]\.?)(,\s*[A-Z][\w. ]*?)?(?:\s*\([^()]{1,40}\))?\s*[-–—]+\s")


def repair(
    doc: Doc, role_words: set[str], words: PlaceWords, first: bool = False, portfolios: frozenset[str] = frozenset()
) -> list[Span]:
    """The corrected entity spans of `doc`; `first` marks the article's first paragraph;
    `portfolios` the titles a portfolio's name stands before ("Defense Secretary")."""
    spans: list[Span] = []
    taken = {t.i for e in doc.ents for t in e}
    dateline = _dateline(doc) if first else None
    if dateline is not None:
        spans.append(dateline)
    for ent in doc.ents:
        if ent.label_ == "EVENT":
            spans.extend(_places_inside(ent, words))  # "War of Resistance against [Japan]"
            continue
        if ent.label_ not in KEEP or (dateline is not None and ent.start < dateline.end and ent.end > dateline.start):
            continue
        label, start, end = ent.label_, ent.start, ent.end
        while start < end - 1 and (doc[start].is_punct or doc[start].pos_ == "SYM" or doc[start].text in "•·▪"):
            start += 1  # "• Government": a list bullet is not part of the name
        if label == "PERSON":
            # Widen left over a given name the tagger left out.
            while (
                _free(doc, start - 1, taken)
                and doc[start - 1].pos_ == "PROPN"
                and doc[start - 1].is_title
                and not is_role_word(doc[start - 1], role_words)
                and (not doc[start - 1].is_sent_start or _given_name_first(doc[start - 1], words))
            ):
                start -= 1
        if label == "PERSON":
            # Widen right over a generation the tagger left out: "Martin Luther King[, Jr.]".
            comma = end + 1 < len(doc) and doc[end].text == ","
            if doc[end + comma : end + comma + 1].text.rstrip(".") in _GENERATIONS and end + comma < len(doc):
                end += comma + 1
        # Widen right over a hyphenated continuation written without spaces: "Jae-in", "Colleville-sur-Mer".
        while (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
        ):
            end += 2
        span = Span(doc, start, end, label=label)
        airline = _airline_of_flight(span)
        if airline is not None:
            spans.append(airline)  # "[Garuda Indonesia] Flight 200": the flight's name begins with its airline's
            continue
        word = span.text.lower().rstrip(".")
        if word in _CALENDAR and (label == "PERSON" or word in _MONTHS):  # "Jan" is a month; "Sun" may be a paper
            continue
        if label == "PERSON" and _in_quotation_marks(span):
            continue  # '"Jolly Wally," as he was known': a nickname or a title, not a name
        if label != "PERSON":
            split = _split_place_person(span, role_words, words) or _split_person_for(span, role_words, words)
            if split:
                spans.extend(split)
                continue
            last, head = span[-1].lower_, span[0].lower_
            lead = span[1].lower_ if head == "the" and len(span) > 2 else head
            if lead in words.institution and last in words.last:
                span = Span(doc, start, end, label="ORG")  # "the Catholic Church", however tagged
            if last in words.event:
                place = _leading_place(span, words)
                if place is not None:
                    spans.append(place)
                continue  # an event's name; the event detector reads it
            if len(span) > 1 and head in words.regime and words.is_place(span[1:].text):
                span = Span(doc, start + 1, end, label="GPE")  # "Imperial Japan", "Nazi Germany": the country
            elif len(span) > 1 and (last in words.last or head in words.first) and lead not in words.institution:
                span = Span(doc, start, end, label="FAC")
            if span.label_ == "ORG" and _not_an_organization(span, role_words, words, portfolios):
                continue
        spans.append(span)
    spans.extend(_untagged_places(doc, taken, words))
    return sorted(spans, key=lambda s: s.start)


def _airline_of_flight(span: Span) -> Span | None:
    """ "Adam Air Flight 574": the words before "Flight" and its number name the airline."""
    doc = span.doc
    at = next((t.i for t in span if t.lower_ == "flight" and t.i > span.start), None)
    if at is None or not (at + 1 < len(doc) and doc[at + 1].like_num):
        return None
    if not all(t.is_title or t.is_upper for t in doc[span.start : at]):
        return None
    return Span(doc, span.start, at, label="ORG")


_OPENING = {'"', "“", "‘", "'"}
_CLOSING = {'"', "”", "’", "'"}


def _in_quotation_marks(span: Span) -> bool:
    """A name that is the whole of a quotation: '"Jolly Wally," as he was known'."""
    doc, end = span.doc, span.end
    if span.start == 0 or doc[span.start - 1].text not in _OPENING:
        return False
    if end < len(doc) and doc[end].text in (",", ".") and end + 1 < len(doc):
        end += 1
    return end < len(doc) and doc[end].text in _CLOSING


def _not_an_organization(span: Span, role_words: set[str], words: PlaceWords, portfolios: frozenset[str]) -> bool:
    doc, start, end = span.doc, span.start, span.end
    if words.is_known(span.text):
        return False
    last = span[-2] if len(span) > 1 and span[-1].tag_ == "POS" else span[-1]
    if is_role_word(last, role_words) or last.text.rstrip(".").lower() in {"gen", "adm", "lt", "col", "sgt"}:
        return True  # "Austin and Army Gen.", "the Los Angeles Sheriff's office": a title's fragment
    if end < len(doc) and doc[end].lower_ in portfolios:
        return True  # "[Defense] Secretary", "[Shadow Home] Secretary": the office's portfolio
    if len(span) == 1:
        token = span[0]
        return (
            token.pos_ != "PROPN"
            or token.tag_ in ("NNS", "VBZ", "VBD", "VBG")
            or token.lower_ in words.generic
            or (token.is_upper and len(token.text) <= 2)  # "PE": an unknown two-letter abbreviation
            # "[Technical] Sgt.", "[Army] Gen.": the word before an abbreviated rank is part of the rank
            or (end < len(doc) and doc[end].text.endswith(".") and is_role_word(doc[end], role_words))
            # Before a role, a word names a body only where the role is a title of the person named
            # next ("[NASA] Administrator Bill Nelson"); "[Health] officials" leaves it unsure.
            or (end < len(doc) and is_role_word(doc[end], role_words) and not _titles_a_name(doc, end, role_words))
            or (start >= 2 and doc[start - 1].lower_ == "of" and is_role_word(doc[start - 2], role_words))
        )
    return False


def _titles_a_name(doc: Doc, at: int, role_words: set[str]) -> bool:
    """Whether the title words from `at` on ("chief executive", "co-founder") open a person's name."""
    end = min(len(doc), at + 5)
    while at < end and (is_role_word(doc[at], role_words) or doc[at].is_lower or doc[at].text == "-"):
        at += 1
    return at < len(doc) and doc[at].ent_type_ == "PERSON"


def _leading_place(span: Span, words: PlaceWords) -> Span | None:
    """ "the Nagasaki Peace Memorial Ceremony" → "Nagasaki", where the gazetteer knows it."""
    tokens = [t for t in span if t.lower_ != "the"]
    for size in (2, 1):
        head = tokens[:size]
        if (
            len(head) == size < len(tokens)
            and all(t.is_title for t in head)
            and words.is_place(" ".join(t.text for t in head))
        ):
            return Span(span.doc, head[0].i, head[-1].i + 1, label="GPE")
    return None


def _places_inside(span: Span, words: PlaceWords) -> list[Span]:
    """Known places an event's name is about, after a preposition: "Battle of [Britain]"."""
    found = []
    for token in span:
        if token.pos_ != "ADP" or token.i + 1 >= span.end:
            continue
        for size in (3, 2, 1):
            end = token.i + 1 + size
            part = span.doc[token.i + 1 : end]
            if end <= span.end and all(t.is_title or t.is_upper for t in part) and words.is_place(part.text):
                found.append(Span(span.doc, part.start, part.end, label="GPE"))
                break
    return found


def _untagged_places(doc: Doc, taken: set[int], words: PlaceWords) -> list[Span]:
    """Capitalised runs the tagger left untagged that end in a place word: "Peace Memorial Park"."""
    found = []
    i = 0
    while i < len(doc):
        j = i
        while (
            j < len(doc)
            and j not in taken
            and doc[j].is_title
            and doc[j].pos_ == "PROPN"
            and (j > i or not doc[j].is_sent_start or words.is_region(doc[j].text))
        ):
            j += 1
        if j - i >= 2 and doc[j - 1].lower_ in words.last:
            found.append(Span(doc, i, j, label="FAC"))
        elif _region_alone(doc, i, j, taken, words):
            found.append(Span(doc, i, j, label="GPE"))
        i = max(j, i + 1)
    return found


def _region_alone(doc: Doc, i: int, j: int, taken: set[int], words: PlaceWords) -> bool:
    """A whole run of capitalised words the tagger left untagged that is a country's or a
    province's name ("Tasmania was excluded"), not the start of a longer name."""
    if not 1 <= j - i <= 3 or not words.is_region(doc[i:j].text):
        return False
    return j >= len(doc) or doc[j].pos_ != "PROPN" or doc[j].tag_ == "POS"


def _dateline(doc: Doc) -> Span | None:
    """ "FORT BENNING, Ga. - Throughout …": the all-capitals place that opens a wire story."""
    match = _DATELINE.match(doc.text)
    if not match or len(match.group(1).replace(" ", "")) < 3:
        return None
    return doc.char_span(match.start(1), match.end(1), label="GPE", alignment_mode="expand")


def _split_person_for(span: Span, role_words: set[str], words: PlaceWords) -> list[Span] | None:
    """'[Lydia Buchtmann for Food Standards Australia]' tagged ORG → person 'Lydia Buchtmann'
    + organization 'Food Standards Australia': two name words, then "for", then the body."""
    if span.label_ != "ORG" or len(span) < 4 or span[2].lower_ != "for":
        return None
    first, second = span[0], span[1]

    def plain(t) -> bool:
        return (
            t.is_title
            and t.pos_ == "PROPN"
            and not is_role_word(t, role_words)
            and t.lower_ not in words.last | words.generic
            and not words.is_place(t.text)
        )

    if not (plain(first) and plain(second)) or not all(t.is_title or t.is_upper for t in span[3:]):
        return None
    doc = span.doc
    return [Span(doc, span.start, span.start + 2, label="PERSON"), Span(doc, span.start + 3, span.end, label="ORG")]


def _split_place_person(span: Span, role_words: set[str], words: PlaceWords) -> list[Span] | None:
    """'Ambassador to [Japan Rahm Emanuel]' → place 'Japan' + person 'Rahm Emanuel'."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in ("to", "of", "in", "for"):
        return None
    if not is_role_word(doc[span.start - 2], role_words):
        return None
    for cut in range(1, len(span) - 1):
        head, rest = span[:cut], span[cut:]
        if words.is_place(head.text) and 2 <= len(rest) <= 3 and all(t.is_title for t in rest):
            return [Span(doc, head.start, head.end, label="GPE"), Span(doc, rest.start, rest.end, label="PERSON")]
    return None
