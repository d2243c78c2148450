"""Abbreviations an article defines: "the Centers for Disease Control and Prevention (CDC)".

News gives an organization's full name once with its abbreviation in brackets, then uses the
abbreviation. Both are one organization: the abbreviation's mentions take the full name, and a
name the tagger ran into the bracket ("… Animals (SPCA") loses it.
"""

from __future__ import annotations

import re

from generator.model import Mention, Sentence

_BRACKET = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.\-]{1,11})\s*\)")
_TRAILING = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.\-]{1,11})\s*\)?$")


def fits(abbreviation: str, name: str) -> bool:
    """The abbreviation's letters appear in the name in order, its first letter opening a word
    (Schwartz and Hearst's rule for abbreviations defined in brackets): CDC ~ Centers for
    Disease Control; SIA ~ Singapore Airlines; SPCA ~ Norfolk Society for the Prevention of
    Cruelty to Animals."""
    short = [c.lower() for c in abbreviation if c.isalnum()]
    long = name.lower()
    if len(short) < 2 or not short[0].isalpha():
        return False
    at = len(long) - 1
    for index in range(len(short) - 1, -1, -1):
        c = short[index]
        while at >= 0 and (long[at] != c or (index == 0 and at > 0 and long[at - 1].isalnum())):
            at -= 1
        if at < 0:
            return False
        at -= 1
    return True


_SMALL = {"of", "for", "and", "the", "on", "in", "to", "at", "&", "de", "des", "du", "la", "le"}


def initials(name: str) -> str:
    """The capitals of a name's words but the small ones: Government Accountability Office → GAO."""
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _SMALL and w[0].isupper())


def _reordered(abbreviation: str, name: str) -> bool:
    """The abbreviation has the name's initials in another order, as a name translated from a
    language that orders its words otherwise does: "the Federation of Independent Artists (IAF)"."""
    letters = abbreviation.replace(".", "")
    return len(letters) >= 3 and letters.isupper() and sorted(letters) == sorted(initials(name).upper())


def resolve_abbreviations(mentions: list[Mention], sentences: list[Sentence]) -> None:
    """Give the abbreviations an article defines the full name, in all its mentions."""
    texts = {s.id: s.text for s in sentences}
    full: dict[str, str] = {}
    for mention in mentions:
        if mention.kind != "organization":
            continue
        trailing = _TRAILING.search(mention.name)
        if trailing and fits(trailing.group(1), mention.name[: trailing.start()]):
            full.setdefault(trailing.group(1), mention.name[: trailing.start()])
            mention.name = mention.name[: trailing.start()]
            continue
        after = _BRACKET.match(texts.get(mention.sentence, ""), mention.end)
        if after and (fits(after.group(1), mention.name) or _reordered(after.group(1), mention.name)):
            full.setdefault(after.group(1), mention.name)
    orgs = {m.name for m in mentions if m.kind == "organization" and " " in m.name}
    for mention in mentions:
        # Undefined, an abbreviation still stands for the one name of the article whose
        # initials it spells: GAO after "the Government Accountability Office".
        if mention.kind == "organization" and mention.name.isupper() and mention.name not in full:
            spelled = [n for n in orgs if initials(n) == mention.name.replace(".", "")]
            if len(spelled) == 1:
                full[mention.name] = spelled[0]
    if not full:
        return
    for mention in mentions:
        name = full.get(mention.name)
        if name is not None and mention.kind in ("organization", "place", "person"):
            mention.kind, mention.name = "organization", name
