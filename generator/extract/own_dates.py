"""Which of a sentence's dates are an event word's own, read from the parse.

A sentence often dates several things. A date dates an event word only where
- it is said in the same voice: a speaker's "today" inside a quotation is the day the words
  were spoken, and dates nothing the reporter tells outside it;
- it is not the date of a clause inside the event's own ("announced that the works, begun two
  years ago, would end");
- it does not start a stretch of time the event lies in ("have raced there since 1987");
- for a verb in a relative clause, it lies in that clause;
- for a war or a battle, words metaphors use, it lies in the word's own phrase or clause.
"""

from __future__ import annotations

import re

from spacy.tokens import Span


def own_dates(trigger, sent: Span, dated: list, at: int, quoted: list[tuple[int, int]]) -> list:
    """Of `dated` ((offset, DateMention) pairs), those of the event word `trigger` at offset `at`."""
    own = [
        (position, date)
        for position, date in same_voice(dated, at, quoted)
        if not _of_inner_clause(trigger, sent, position, date)
        and not _since(trigger, sent, position, date)
        and not _outside_relative(trigger, sent, position, date)
    ]
    if trigger.lemma_.lower() in ("war", "battle") and trigger.pos_ == "NOUN":
        own = [(position, date) for position, date in own if _in_own_clause(trigger, sent, position, date)]
    return own


_OPEN_QUOTE = "“«"
_QUOTE_MARK = re.compile('["“«”»]')


def quoted_stretches(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` inside quotation marks; one left open runs to the end."""
    stretches, start = [], None
    for match in _QUOTE_MARK.finditer(text):  # most sentences have none: one scan says so
        ch, i = match.group(), match.start()
        if ch in _OPEN_QUOTE or (ch == '"' and start is None):
            start = i
        elif start is not None:
            stretches.append((start, i))
            start = None
    if start is not None:
        stretches.append((start, len(text)))
    return stretches


def same_voice(dated: list, at: int, quoted: list[tuple[int, int]]) -> list:
    """The dates said in the same voice as the event at `at`: a speaker's "today" inside a quotation
    is the day the words were spoken, and dates nothing the reporter tells outside it."""
    if not quoted:
        return dated
    inside = lambda position: any(a <= position < b for a, b in quoted)  # noqa: E731
    return [(position, date) for position, date in dated if inside(position) == inside(at)]


def head_of(sent: Span, start: int, end: int):
    """The head token of the words at these offsets of the sentence, or None."""
    span = sent.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def _verb_above(token, stop=None):
    """The nearest verb at or above `token` (or `stop`, reached first), or the sentence's root."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and (stop is None or token.i != stop.i):
        token = token.head
    return token


def _of_inner_clause(trigger, sent: Span, position: int, date) -> bool:
    """A date of a clause inside the trigger's own: "has announced that development, begun [two
    years ago], has been pushed back" dates the beginning, not the announcement; "a war … since
    the days of newsgroups, which posted documents [in 1994]" dates the posting. A clause that
    says when the event itself is ("the parade, which will be held on May 9") hangs on it directly."""
    root = head_of(sent, position, position + len(date.text))
    if root is None:
        return False
    verb = _verb_above(root.head)
    if verb.i == trigger.i or verb.pos_ != "VERB" or not trigger.is_ancestor(verb):
        return False
    # A noun's own clause hangs on it; another verb between them makes the date that clause's.
    return trigger.pos_ == "VERB" or _verb_above(verb.head, stop=trigger).i != trigger.i


def _since(trigger, sent: Span, position: int, date) -> bool:
    """A date that starts a stretch of time the event lies in ("have raced in the regatta since
    1987", "since the club's founding in 1987"): when something began, not when this happened.
    What the stretch is of ("has been closed since March 3") and what the date hangs on ("since
    its opening in 1987") are dated by it."""
    token = head_of(sent, position, position + len(date.text))
    for _ in range(4):
        if token is None or token.i == trigger.i or token.head.i == token.i or token.pos_ in ("VERB", "AUX"):
            return False  # "since its launch [in 2003]": the launch's own date
        if token.lower_ == "since":
            return token.head.i != trigger.i
        token = token.head
    return False


def _outside_relative(trigger, sent: Span, position: int, date) -> bool:
    """A verb in a relative clause ("the dispute the tribunal settled concerned fees owed from 1998
    to 2003") is dated only by the words of its own clause."""
    if trigger.pos_ != "VERB" or trigger.dep_ != "relcl":
        return False
    root = head_of(sent, position, position + len(date.text))
    return root is not None and root.i != trigger.i and not trigger.is_ancestor(root)


def _in_own_clause(noun, sent: Span, position: int, date) -> bool:
    """A war's date is in its own phrase ("the war with Japan, which began in 1937") or its own
    clause ("the war ended in 1945"); a year elsewhere in the sentence is another thing's ("a war
    Scientology has waged …, since newsgroups posted documents in 1994")."""
    root = head_of(sent, position, position + len(date.text))
    if root is None:
        return True
    anchor = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj") else noun
    return anchor.is_ancestor(root) or anchor.i == root.i
