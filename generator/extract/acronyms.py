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
_SMALL = {"of", "for", "and", "the", "on", "in", "to", "at", "&", "de", "des", "du", "la", "le"}


def fits(abbreviation: str, name: str) -> bool:
    """The abbreviation's capitals follow the initials of the name's words in order:
    CDC ~ Centers for Disease Control; SPCA ~ [Norfolk] Society for the Prevention of Cruelty to Animals."""
    capitals = [c for c in abbreviation if c.isupper()]
    initials = [w[0].upper() for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _SMALL and w[0].isalpha()]
    # A leading place may go unabbreviated: "Norfolk Society for the Prevention … (SPCA)".
    if len(capitals) < 2 or capitals[0] not in initials[:2]:
        return False
    at = 0
    for c in capitals:  # a subsequence: the abbreviation may skip words, never reorder them
        while at < len(initials) and initials[at] != c:
            at += 1
        if at == len(initials):
            return False
        at += 1
    return True


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
        if after and fits(after.group(1), mention.name):
            full.setdefault(after.group(1), mention.name)
    if not full:
        return
    for mention in mentions:
        name = full.get(mention.name)
        if name is not None and mention.kind in ("organization", "place", "person"):
            mention.kind, mention.name = "organization", name
