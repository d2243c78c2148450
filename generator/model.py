"""The data model shared by every pipeline stage.

Data flows one way: ingest makes `Article`s, extract makes one `Extraction` per article,
resolve folds extractions into a `Knowledge` graph, render turns that into pages.
Everything is a plain dataclass so a stage's output can be cached as JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any, Literal

EntityKind = Literal["person", "organization", "place"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "organization", "place")


@lru_cache(maxsize=4096)  # the same few ids ("sent-1" to "sent-60") are asked for a million times
def sentence_number(sentence_id: str) -> int:
    """ "sent-12" → 12, "head-3" → 3; the headline ("title") comes first, as 0."""
    tail = sentence_id.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def ordinal(n: int) -> str:
    """70 → "70th", 81 → "81st", 112 → "112th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_CONTROLS = {c: "?" for c in [*range(0, 32), *range(127, 160)]}


@dataclass
class Problem:
    """Something wrong with one input file; reported, never fatal."""

    path: str
    reason: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        # File names and text can hold terminal escape codes: printed as "?", never obeyed.
        return f"{self.severity}: {self.path}: {self.reason}".translate(_CONTROLS)


@dataclass
class Block:
    """A heading or a paragraph of an article's body, or a line of its header above the
    headline's body (a section label, an office line, "Statement by …")."""

    kind: Literal["heading", "paragraph", "header"]
    text: str
    # The formatting its file gave the text, as (start, end, "strong" | "em" | "code" | "link",
    # address or None) over `text`; extraction reads the text alone, the article's page shows both.
    marks: tuple = ()
    form: Literal["", "item", "quote"] = ""  # a paragraph that is a list's item or a quotation's


@dataclass
class Record:
    """One article as a format's reader finds it in a file, before it has an id."""

    blocks: list[Block]
    title: str | None = None
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    author: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    date_text: str | None = None  # the date as the file writes it
    item: str | None = None  # where in a file of many articles: "3" for its third item or row
    overrides: dict[str, Any] = field(default_factory=dict)  # front-matter fields beyond the known ones


@dataclass
class Article:
    id: str
    source: str  # path relative to the corpus folder, with forward slashes
    title: str | None  # the article's own headline; None where it has none
    blocks: list[Block]
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    date_given: bool = False
    date_evidence: str | None = None
    author: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    overrides: dict[str, Any] = field(default_factory=dict)  # front-matter fields beyond the known ones
    content_hash: str = ""
    date_text: str | None = None  # the date as the file's header writes it ("August 4, 2023")

    @property
    def body(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    def to_row(self) -> tuple:
        """The article as plain values, for the cache (which holds no classes)."""
        return (
            self.id,
            self.source,
            self.title,
            [(b.kind, b.text, [list(m) for m in b.marks], b.form) for b in self.blocks],
            self.date,
            self.date_given,
            self.date_evidence,
            self.author,
            self.url,
            self.tags,
            self.overrides,
            self.content_hash,
            self.date_text,
        )

    @classmethod
    def from_row(cls, row) -> Article:
        art_id, source, title, blocks, date, given, evidence, author, url, tags, overrides, content_hash, written = row
        return cls(
            art_id,
            source,
            title,
            [Block(kind, text, tuple(tuple(m) for m in marks), form) for kind, text, marks, form in blocks],
            date,
            given,
            evidence,
            author,
            url,
            list(tags),
            dict(overrides),
            content_hash,
            written,
        )


@dataclass
class Sentence:
    id: str  # anchor on the article page, e.g. "sent-3"
    block: int  # index into Article.blocks
    text: str


@dataclass
class Mention:
    """A span of a sentence naming a person, organization or place."""

    kind: EntityKind
    text: str  # the surface form as written
    name: str  # the form with titles and determiners removed
    sentence: str  # Sentence.id
    start: int  # character offsets within the sentence
    end: int
    role: str | None = None  # a title or apposition describing a person
    within: str | None = None  # for a place: the place it lies in, by name


@dataclass
class DateMention:
    text: str
    sentence: str
    value: str | None  # resolved "YYYY[-MM[-DD]]", None where it cannot be pinned
    end: str | None = None  # for ranges such as "1937-45"
    future: bool = False  # said of what is ahead ("will", "upcoming"): resolves forward
    tense: str | None = None  # "future" / "past" of its own clause; None: present or unknown
    reads: str | None = None  # the words that say which day it is, where not its own: "(Tues. May 22)"


@dataclass
class EventMention:
    type: str
    trigger: str
    sentence: str
    date: str | None
    place: str | None  # a place name as mentioned
    participants: list[str] = field(default_factory=list)  # person names as mentioned
    name: str | None = None  # a proper name where the text gives one ("World War II")
    date_text: str | None = None  # the time expression the date came from, to re-read once the article is dated
    future: bool = False
    end: str | None = None  # the last day of a span ("the war (1937-45)")
    phrase: str | None = None  # what happened in the text's words: "Boeing unveils the 787 Dreamliner"


@dataclass
class AnniversaryMention:
    ordinal: int
    of: str
    year: int | None
    sentence: str
    base_event: str | None = None  # key into the commemorations data file


@dataclass
class Quote:
    text: str
    sentence: str
    speaker: str | None  # person name as resolved in the article, None where unattributed
    direct: bool = True  # False for reported speech ("X said the …")


@dataclass
class Extraction:
    article: str  # Article.id
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    anniversaries: list[AnniversaryMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    # Clues to the publication date where the file gives none, for resolve to decide it:
    # {"kind": "anniversary" | "weekday" | "year" | "after", …}
    date_clues: list[dict[str, Any]] = field(default_factory=list)
    # The extraction cache's key of what it was made from (the article's title, date and blocks
    # with the extractor's fingerprint): render keys an article's page by it instead of its text.
    made_from: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["made_from"]  # the cache file's name
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            article=data["article"],
            sentences=[Sentence(**s) for s in data["sentences"]],
            mentions=[Mention(**m) for m in data["mentions"]],
            dates=[DateMention(**d) for d in data["dates"]],
            events=[EventMention(**e) for e in data["events"]],
            anniversaries=[AnniversaryMention(**a) for a in data["anniversaries"]],
            quotes=[Quote(**q) for q in data["quotes"]],
            date_clues=list(data.get("date_clues") or []),
        )

    def to_row(self) -> tuple:
        """The extraction as plain tuples, which the cache reads back several times faster than
        dataclasses (the extraction cache holds 10,000 of them for a large corpus)."""
        return (
            self.article,
            *[list(map(row_of(kind), getattr(self, name))) for name, kind in _PARTS],
            self.date_clues,
        )

    @classmethod
    def from_row(cls, row: tuple) -> Extraction:
        article, *parts, clues = row
        return cls(
            article,
            *[[kind(*item) for item in items] for (_, kind), items in zip(_PARTS, parts, strict=False)],
            date_clues=clues,
        )


_PARTS = (
    ("sentences", Sentence),
    ("mentions", Mention),
    ("dates", DateMention),
    ("events", EventMention),
    ("anniversaries", AnniversaryMention),
    ("quotes", Quote),
)


@cache
def row_of(kind: type) -> attrgetter:
    """A dataclass's fields as a tuple, got in C: `row_of(Sentence)(sentence)`."""
    return attrgetter(*(f.name for f in fields(kind)))


# ----------------------------------------------------------------------------- resolved


@dataclass
class MentionRef:
    """Where a resolved entity is mentioned: the article, the sentence, the words."""

    article: str
    sentence: str
    text: str


@dataclass
class Role:
    role: str  # as the article writes it: "China's new President"
    article: str
    date: str | None
    office: str = ""  # the office it names, without the country or "new": "President"


@dataclass
class Entity:
    id: str
    kind: EntityKind
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    mentions: list[MentionRef] = field(default_factory=list)
    description: str | None = None
    within: str | None = None  # for a place: the id of the place it lies in
    doubt: str | None = None  # why the name earns no page (resolve.evidence); None for a page
    evidence: list[str] = field(default_factory=list)  # what speaks for its page (resolve.evidence)


@dataclass
class Event:
    id: str
    name: str
    type: str
    date: str | None
    place: str | None  # place entity id
    participants: list[str] = field(default_factory=list)  # person entity ids
    articles: list[str] = field(default_factory=list)
    mentions: list[MentionRef] = field(default_factory=list)
    series: str | None = None
    end: str | None = None  # where it spans time: World War II, 1939 to 1945


@dataclass
class Anniversary:
    id: str
    ordinal: int
    of: str
    year: int | None
    event: str | None = None  # event id of what is commemorated
    articles: list[str] = field(default_factory=list)
    mentions: list[MentionRef] = field(default_factory=list)


@dataclass
class QuoteRef:
    speaker: str  # entity id of the speaker: a person's, or an organization's where `speaker_kind` says so
    text: str
    article: str
    sentence: str
    direct: bool = True
    speaker_kind: EntityKind = "person"


class PlaceTree:
    """Which place lies in which, from each place's parent (`within`): the one walk of the tree
    that resolve (an event in Beijing is one "in China") and render (a place's page lists the
    events of the places within it) share."""

    def __init__(self, within: dict[str, str | None]) -> None:
        self.within = within
        self._chains: dict[str | None, tuple[str, ...]] = {}  # the same few places are asked for again and again
        self._children: dict[str, list[str]] | None = None

    def ancestors(self, place: str | None) -> tuple[str, ...]:
        """The place, the place it lies in, and so on up; a loop ends where it closes."""
        found = self._chains.get(place)
        if found is None:
            chain: list[str] = []
            start = place
            while place and place not in chain:
                chain.append(place)
                place = self.within.get(place)
            found = self._chains[start] = tuple(chain)
        return found

    def depth(self, place: str) -> int:
        return len(self.ancestors(place))

    def root(self, place: str) -> str:
        return self.ancestors(place)[-1]

    def compatible(self, a: str | None, b: str | None) -> bool:
        """Either is unknown, or one lies in the other."""
        return not a or not b or a in self.ancestors(b) or b in self.ancestors(a)

    def descendants(self, place: str) -> list[str]:
        """Every place within it, at any depth, each once; children in the order `within` lists them."""
        if self._children is None:
            self._children = {}
            for child, parent in self.within.items():
                if parent:
                    self._children.setdefault(parent, []).append(child)
        found, todo = [], [place]
        while todo:
            for inner in self._children.get(todo.pop(), []):
                if inner not in found and inner != place:
                    found.append(inner)
                    todo.append(inner)
        return found

    @staticmethod
    def loops(within: dict[str, str | None]) -> list[str]:
        """The places whose parent closes a loop ("Washington" in "Washington"), cut one at a
        time in the order given: the tree is whole once these lie in nothing."""
        parents, cut = dict(within), []
        for place in within:
            seen, at = {place}, parents[place]
            while at:
                if at in seen:
                    parents[place] = None
                    cut.append(place)
                    break
                seen.add(at)
                at = parents.get(at)
        return cut


@dataclass
class Knowledge:
    """The whole corpus, resolved: what render and export read."""

    articles: list[Article]
    extractions: dict[str, Extraction]
    people: list[Entity] = field(default_factory=list)
    organizations: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    anniversaries: list[Anniversary] = field(default_factory=list)
    quotes: list[QuoteRef] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Names found without the evidence a page needs, each with its `doubt`: listed, not paged.
    also_named: list[Entity] = field(default_factory=list)

    def entities(self, kind: EntityKind) -> list[Entity]:
        return {"person": self.people, "organization": self.organizations, "place": self.places}[kind]
