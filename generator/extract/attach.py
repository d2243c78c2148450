"""Which place an event word is at, read from the parse rather than from word distance.

"Moon will meet Trump … for the summit to be held in Singapore": Singapore is where the
summit is held, not the meeting. "Putin met China's new President Xi in Moscow": China names
the president, Moscow is the place. A place belongs to an event when it is
- the object of a locative preposition on the event word, or on the verb the event word is the
  subject or object of ("a parade will be held in Beijing");
- a possessive or compound of the event word ("Beijing's parade", "the Moscow talks");
- the object of a verb of travel ("Putin will visit China").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from generator.model import Mention

LOCATIVE = {
    "in",
    "at",
    "to",
    "near",
    "outside",
    "inside",
    "across",
    "on",
    "aboard",
    "around",
    "into",
    "through",
    "along",
    "over",
    "throughout",
}
_ARGUMENT = {"nsubj", "nsubjpass", "dobj", "attr", "pobj", "appos"}
_MODIFIER = {"poss", "compound", "nmod", "amod"}
_TRAVEL = {"visit", "travel", "tour", "arrive", "head", "fly", "go", "come", "return"}


def _anchors(trigger: Token) -> list[Token]:
    """The event word, and the verbs it is an argument of ("the parade … will be held")."""
    anchors = [trigger]
    token = trigger
    for _ in range(2):
        if token.dep_ not in _ARGUMENT or token.head is token:
            break
        token = token.head
        if token.pos_ == "ADP":  # "for the summit": the verb beyond the preposition is not its own
            break
        anchors.append(token)
    return anchors


def place_roots(sent: Span, mentions: list[Mention]) -> list[tuple[Token, str]]:
    """The head word of each place named in the sentence, with its name (once per sentence)."""
    found = []
    for m in mentions:
        if m.kind != "place":
            continue
        span = sent.doc.char_span(sent.start_char + m.start, sent.start_char + m.end, alignment_mode="expand")
        if span is not None:
            found.append((span.root, m.name))
    return found


def owners(token: Token, triggers: set[int]) -> list[Token]:
    """The tokens a place word hangs from, nearest first, up to the next event word."""
    chain = []
    while token.head is not token and len(chain) < 6:
        token = token.head
        chain.append(token)
        if token.i in triggers:
            break
    return chain


def place_of(trigger: Token, roots: list[tuple[Token, str]], triggers: set[int]) -> tuple[bool, str | None]:
    """(known, place): known is False where the parse ties no place to the event word."""
    anchors = {t.i for t in _anchors(trigger)}
    best: tuple[int, str] | None = None
    for root, name in roots:
        while root.dep_ == "conj" and root.head is not root:
            root = root.head  # "in Moscow and Beijing": the first conjunct's attachment
        rank = None
        if root.head.i == trigger.i and root.dep_ in _MODIFIER:
            rank = 0
        elif root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
            chain = owners(root.head, triggers)
            if chain and chain[0].i in anchors:
                rank = 1
        elif root.dep_ == "dobj" and root.head.i == trigger.i and trigger.lemma_.lower() in _TRAVEL:
            rank = 1
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, name)
    return (True, best[1]) if best else (False, None)


def _governs(a: Token, b: Token) -> bool:
    """ "met in Beijing ahead of the parade": the meeting governs the parade."""
    return a.i != b.i and a in b.ancestors


def free_places(
    sent: Span, roots: list[tuple[Token, str]], trigger: Token, triggers: set[int]
) -> list[tuple[int, str]]:
    """Places the parse gives to no other event word and that name no person or thing
    ("China's new President"): (offset in the sentence, name), for a nearest-place guess."""
    found = []
    for root, name in roots:
        if root.dep_ in _MODIFIER and root.head.i != trigger.i:
            continue
        if root.dep_ == "pobj" and root.head.lower_ not in LOCATIVE:
            continue  # "troops from France", "an effort by Beijing"
        owner = next((t for t in owners(root, triggers) if t.i in triggers), None)
        if owner is not None and owner.i != trigger.i and not _governs(owner, trigger):
            continue  # another event's place; the place of an event this one hangs from is shared
        found.append((root.idx - sent.start_char, name))
    return found
