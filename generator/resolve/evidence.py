"""Which names earn a page: a page is a claim, made only on evidence.

A resolved entity whose name does not hold up as a name of its kind (a product written as a
person, a flight filed as an organization, a lone word with no title) gets no page: it is kept
with the reason, listed on its articles' pages as "also named", counted on the corpus health
page and exported under `also_named`. `fixes: confirm:` in annals.yml overrides the doubt.
The word lists are language data (`data/evidence.yml`), not names of any corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.extract.names import fold
from generator.model import Entity

_ROMAN = re.compile(r"[IVX]+")
# A town's name joined by small words: "Colleville-sur-Mer", "Stratford-upon-Avon".
_PLACE_SHAPE = re.compile(r"[A-Z][\w'’]+(?:-[a-z]+)+-[A-Z][\w'’]+")


@dataclass(frozen=True)
class Evidence:
    person_last_kind: dict[str, str]  # last word -> the kind a name ending in it is ("neither")
    not_person_last: frozenset[str]
    not_person_first: frozenset[str]
    thing_words: frozenset[str]
    name_prefixes: tuple[str, ...]
    known_people: frozenset[str]
    confirmed: frozenset[str]
    cut_words: frozenset[str] = frozenset()
    adjective_endings: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()  # names that speak in the corpus ("Toccafondi said")
    titles: frozenset[str] = frozenset()  # role words: "Sheriff" alone is a title
    ship_prefixes: frozenset[str] = frozenset()
    demonyms: frozenset[str] = frozenset()
    time_zones: frozenset[str] = frozenset()
    currencies: frozenset[str] = frozenset()
    idea_endings: tuple[str, ...] = ()
    is_place: Callable[[str], bool] = lambda name: True  # a name the registries or data know as a place

    @classmethod
    def from_data(
        cls,
        data: dict,
        known_people,
        confirmed,
        speakers=(),
        titles=(),
        is_place: Callable[[str], bool] = lambda name: True,
    ) -> Evidence:
        words = lambda key: frozenset(str(w).lower() for w in data.get(key) or [])  # noqa: E731
        last = {
            str(w).lower(): kind for kind, listed in (data.get("person_last_words") or {}).items() for w in listed or []
        }
        return cls(
            last,
            frozenset(last),
            words("not_person_first_words"),
            words("thing_words"),
            tuple(sorted(words("name_prefixes"), key=len, reverse=True)),
            frozenset(fold(str(n)) for n in known_people or ()),
            frozenset(fold(str(n)) for n in confirmed or ()),
            words("cut_words"),
            words("adjective_endings"),
            frozenset(fold(str(n)) for n in speakers),
            frozenset(str(t).lower().rstrip(".") for t in titles),
            words("ship_prefixes"),
            words("demonyms"),
            words("time_zones"),
            words("currencies"),
            tuple(sorted(words("idea_endings"))),
            is_place,
        )

    def kind_of_person_name(self, name: str) -> str | None:
        """The kind a name the tagger took for a person's has by its shape: "Skyward Aircraft"
        an organization, "Lagos Central Station" a place, "Der Spiegel" a title (an
        organization); None where it may be a person's."""
        words = name.split()
        if len(words) < 2:
            return None
        if words[0].lower() in self.not_person_first:
            return "organization"
        kind = self.person_last_kind.get(words[-1].lower().strip(".,"))
        return kind if kind in ("organization", "place") else None

    def support(self, entity: Entity) -> list[str]:
        """What speaks for a page: shown in the export beside the entity."""
        found = []
        if fold(entity.name) in self.confirmed:
            found.append("confirmed in annals.yml")
        if entity.kind == "person":
            if " " in entity.name:
                found.append("a full name")
            if entity.roles:
                found.append("a title or role: " + entity.roles[0].role)
            if fold(entity.name) in self.known_people:
                found.append("a known person")
            if fold(entity.name) in self.speakers:
                found.append("speaks in the articles")
        found.append(
            f"named {len(entity.mentions)} time{'s' if len(entity.mentions) != 1 else ''} "
            f"in {len(entity.articles)} article{'s' if len(entity.articles) != 1 else ''}"
        )
        return found

    def doubt(self, entity: Entity) -> str | None:
        """Why `entity` should get no page, or None where its name holds up."""
        if fold(entity.name) in self.confirmed:
            return None
        words = entity.name.split()
        if not words:
            return "no name"
        if len(words) == 1 and words[0].lower().rstrip(".") in self.titles:
            return f"“{words[0]}” is a title, not a name"
        if len(words) > 1 and words[0].lower() in self.ship_prefixes:
            return f"“{words[0]}” opens a ship's name: a vessel, not a person, body or place"
        if entity.name.lower() in self.time_zones:
            return "a time zone, not a name"
        if entity.name.lower() in self.currencies:
            return "a currency, not a name"
        if len(words) == 1 and words[0].isalpha() and words[0].lower().endswith(self.idea_endings):
            return f"“{words[0]}” names an idea or a discipline, not a body, a place or a person"
        if fold(entity.name) in self.demonyms:
            return "the name of a people, not of a place or a body"
        if len(words) > 1 and words[-1].lower() in self.cut_words:
            return f"ends in “{words[-1]}”: a name cut short"
        if "-" in words[-1] and words[-1].rsplit("-", 1)[1].lower() in self.adjective_endings:
            return f"“{words[-1]}” describes, it does not name"
        if entity.kind == "person":
            return self._person(entity, words)
        return self._thing(entity, words)

    def _person(self, entity: Entity, words: list[str]) -> str | None:
        for index, word in enumerate(words):
            shape = self._not_a_name_word(word, index, len(words))
            if shape:
                return f"“{word}” {shape}, not a person's name"
        last, first = words[-1].lower().strip(".,"), words[0].lower()
        if len(words) > 1 and last in self.not_person_last:
            return f"ends in “{words[-1]}”, a word of businesses, products, places or programmes"
        if len(words) > 1 and first in self.not_person_first:
            return f"begins with “{words[0]}”, an article of another language"
        if len(words) == 1 and not entity.roles and not {fold(entity.name)} & (self.known_people | self.speakers):
            return "a single word with no title or role beside it, and never the speaker of a statement: not sure it is a person"
        return None

    def _not_a_name_word(self, word: str, index: int, count: int) -> str | None:
        letters = word.replace("-", "").replace("'", "").replace("’", "").replace(".", "")
        if not letters:
            return None
        if any(c.isdigit() for c in letters):
            return "holds a digit"
        if letters[0].islower():
            # A particle inside a name is lower case: "Charles de Gaulle", "Osama bin Laden".
            if index == 0 or index == count - 1 or len(letters) > 4:
                return "begins in lower case"
            return None
        # Capitals: initials ("AS Heagle", "J.K."), a generation ("II"), else a code or product.
        initials = re.fullmatch(r"(?:[A-Z]\.)+", word) or (len(letters) == 2 and index < count - 1)
        if len(letters) >= 2 and letters.isupper() and not initials and not _ROMAN.fullmatch(letters):
            return "is written in capitals as a code or product is"
        low = word.lower()
        rest = next((word[len(p) :] for p in self.name_prefixes if low.startswith(p) and len(word) > len(p)), word[1:])
        for part in re.split(r"[-'’]", rest):
            if re.search(r"[a-z][A-Z]", part):
                return "has a capital inside it, as a product's name has"
        return None

    def _thing(self, entity: Entity, words: list[str]) -> str | None:
        kind = "an organization" if entity.kind == "organization" else "a place"
        if entity.name[0].islower():
            return f"begins in lower case, as a product's name does: not {kind}"
        last = words[-1].lower().strip(".,")
        if re.fullmatch(r"[\d.,]+", last):
            return f"ends in a number, as a model, flight or item does: not {kind}"
        if len(words) > 1 and last in self.thing_words:
            return f"ends in “{words[-1]}”: a flight, show, programme or product, not {kind}"
        if entity.kind == "place" and len(words) == 1 and any(c.isdigit() for c in entity.name):
            return "holds a digit, as a product's or model's name does: not a place"
        if (
            entity.kind == "place"
            and len(words) > 1
            and words[-1].isalpha()
            and words[-1].isupper()
            and not any(self.is_place(name) for name in [entity.name, *entity.aliases])
        ):
            # "Windows XP": a code after a name is a product's or a model's; "Washington DC" is known.
            return f"ends in the code “{words[-1]}”, as a product's name does: not a place"
        if (
            entity.kind == "place"
            and len(words) == 1
            and not entity.within
            and not _PLACE_SHAPE.fullmatch(entity.name)
            and not any(self.is_place(name) for name in [entity.name, *entity.aliases])
        ):
            # A lone word the tagger took for a place, that no registry knows and that has no
            # place word in it, is as often a company, a product or a movement ("YouTube").
            return "a single word that no gazetteer knows as a place: not sure it is one"
        return None


class LowerCase:
    """The words each article writes in lower case, read only for articles that need it.

    A one-word name its own article also writes in lower case ("Digital", "the digital
    edition") is a common word the tagger capitalised, not a name."""

    _WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")

    def __init__(self, extractions: dict) -> None:
        self.extractions = extractions
        self.words: dict[str, frozenset[str]] = {}

    def used(self, word: str, article_id: str) -> bool:
        if article_id not in self.words:
            extraction = self.extractions.get(article_id)
            text = " ".join(s.text for s in extraction.sentences) if extraction is not None else ""
            self.words[article_id] = frozenset(self._WORD.findall(text))
        return word in self.words[article_id]


def sift(
    entities: list[Entity], evidence: Evidence, lower: LowerCase | None = None
) -> tuple[list[Entity], list[tuple[Entity, str]]]:
    """The entities that earn a page, and those that do not with the reason."""
    kept, doubtful = [], []
    for entity in entities:
        reason = evidence.doubt(entity)
        if (
            reason is None
            and lower is not None
            and " " not in entity.name
            and fold(entity.name) not in evidence.confirmed
        ):
            word = entity.name.lower()
            if word.isalpha() and entity.articles and all(lower.used(word, a) for a in entity.articles):
                reason = f"each article naming it also writes “{word}” in lower case: a common word, not a name"
        if reason is None:
            entity.evidence = evidence.support(entity)
            kept.append(entity)
        else:
            doubtful.append((entity, reason))
    return kept, doubtful
