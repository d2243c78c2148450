"""The tense of the clause a time expression sits in, read from the parse.

"Xi met Putin ahead of Wednesday's parade, having previously traveled to Moscow on May 9":
the sentence looks ahead, but "May 9" hangs on "traveled", which is past. A date's clause is
found by climbing from the date to the nearest verb with a tense (infinitives and gerunds are
climbed over), then reading its tag and auxiliaries.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Words that make a sentence look ahead even without a future verb ("the upcoming summit").
FUTURE_WORDS = {
    "will",
    "anticipated",
    "slated",
    "planned",
    "would",
    "'ll",
    "upcoming",
    "scheduled",
    "set",
    "expected",
    "plans",
    "ahead",
    "later",
    "coming",
    "next",
    "forthcoming",
    "due",
}
_AHEAD = {"ahead", "upcoming", "coming", "forthcoming"}
_FUTURE_HEADS = {"plan", "expect", "schedule", "set", "due", "intend", "prepare", "hope", "aim"}


def sentence_future(sent: Span) -> bool:
    return any(t.lower_ in FUTURE_WORDS for t in sent)


def clause_tense(span: Span, sentence_is_future: bool) -> str | None:
    """ "future", "past" or None (present, or not known) for the clause of `span`."""
    token: Token = span.root
    for _ in range(12):
        if (
            token.lower_ in _AHEAD
            or token.pos_ not in ("VERB", "AUX")
            and any(c.lower_ in _AHEAD for c in token.children if c.dep_ in ("amod", "advmod"))
        ):
            return "future"  # "ahead of Wednesday's parade", "the upcoming summit on May 9"
        if token.pos_ in ("VERB", "AUX") and token.tag_ not in ("VB", "VBG") or token.head is token:
            break
        if token.tag_ == "VB" and token.head.lemma_ in _FUTURE_HEADS:
            return "future"  # "plans to visit in May"
        if token.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall", "wo") for c in token.children
        ):
            return "future"  # "said it [will] take delivery in 2014": a bare verb with its own "will"
        token = token.head
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "'ll", "shall", "wo"} or token.lower_ in ("will", "'ll"):
        return "future"
    if auxes & {"would"} and sentence_is_future:
        return "future"
    if token.tag_ == "VBD" or (token.tag_ == "VBN" and auxes & {"has", "have", "had", "having", "was", "were"}):
        return "past"
    return "future" if sentence_is_future and token.tag_ not in ("VBZ", "VBP") else None
