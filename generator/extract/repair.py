"""Repairs of the small statistical tagger's typical errors, before mentions are made.

Each rule is general, driven by the parse, the shape of the words and the data files:

- a PERSON span missing its first name ("Lloyd [J. Austin III]") or the end of a
  hyphenated name ("[Moon Jae]-in") is widened;
- a span that runs a place into a person after a title ("Ambassador to [Japan Rahm Emanuel]")
  is split in two;
- a name ending in "Cemetery", "Square" … is a place; one ending in "Ceremony", "Summit" … an event;
- abbreviations of weekdays and months are never people; a lone common word is never an organization.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from generator.extract.dates import MONTHS, WEEKDAYS
from generator.extract.names import is_role_word

_CALENDAR = {w.lower() for w in MONTHS} | set(WEEKDAYS) | {d[:3] for d in WEEKDAYS} | {"tues", "thur", "thurs", "weds"}
KEEP = ("PERSON", "ORG", "GPE", "LOC", "FAC")


@dataclass
class PlaceWords:
    last: set[str]
    first: set[str]
    event: set[str]
    places: set[str]  # known place names, lower case

    @classmethod
    def from_data(cls, data: dict, places: set[str]) -> PlaceWords:
        low = lambda key: {str(w).lower() for w in data.get(key) or []}  # noqa: E731
        return cls(low("last_words"), low("first_words"), low("event_words"), places)


def _free(doc: Doc, i: int, taken: set[int]) -> bool:
    return 0 <= i < len(doc) and i not in taken


def repair(doc: Doc, role_words: set[str], words: PlaceWords) -> list[Span]:
    spans: list[Span] = []
    taken = {t.i for e in doc.ents for t in e}
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        label, start, end = ent.label_, ent.start, ent.end
        if label == "PERSON":
            # Widen left over a given name the tagger left out.
            while (_free(doc, start - 1, taken) and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title
                   and not is_role_word(doc[start - 1], role_words) and not doc[start - 1].is_sent_start):
                start -= 1
        # Widen right over a hyphenated continuation written without spaces: "Jae-in", "Colleville-sur-Mer".
        while (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
               and not doc[end].whitespace_ and doc[end + 1].is_alpha):
            end += 2
        span = Span(doc, start, end, label=label)
        if label == "PERSON" and span.text.lower().rstrip(".") in _CALENDAR:
            continue
        if label != "PERSON":
            split = _split_place_person(span, role_words, words)
            if split:
                spans.extend(split)
                continue
            last, first = span[-1].lower_, span[0].lower_
            if last in words.event:
                continue  # an event's name; the event detector reads it
            if len(span) > 1 and (last in words.last or first in words.first):
                span = Span(doc, start, end, label="FAC")
            if span.label_ == "ORG" and len(span) == 1 and (
                span[0].pos_ != "PROPN" or (end < len(doc) and is_role_word(doc[end], role_words))
                    or (start >= 2 and doc[start - 1].lower_ == "of" and is_role_word(doc[start - 2], role_words))):
                continue  # "Commonly …", "Defense [Secretary]", "Secretary of [Defense]": part of a title
        spans.append(span)
    return spans


def _split_place_person(span: Span, role_words: set[str], words: PlaceWords) -> list[Span] | None:
    """'Ambassador to [Japan Rahm Emanuel]' → place 'Japan' + person 'Rahm Emanuel'."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in ("to", "of", "in", "for"):
        return None
    if not is_role_word(doc[span.start - 2], role_words):
        return None
    for cut in range(1, len(span) - 1):
        head, rest = span[:cut], span[cut:]
        if head.text.lower() in words.places and 2 <= len(rest) <= 3 and all(t.is_title for t in rest):
            return [Span(doc, head.start, head.end, label="GPE"), Span(doc, rest.start, rest.end, label="PERSON")]
    return None
