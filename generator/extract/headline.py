"""An event's own words, as a headline says it: "Boeing unveils the 787 Dreamliner",
"Ahmed Mohamed arrested", "the maiden flight".

Built from the parse of the sentence that reports the event: who acts (the subject, or the
subject of the verb it depends on: "Jobs has chosen to [step down]"), the verb in the headline's
present tense (a passive keeps its participle, a plan takes "to"), and what it acts on. A
noun trigger gives its noun phrase. Resolve adds the place where the words do not name it.
"""

from __future__ import annotations

from spacy.tokens import Token

_MAX_WORDS = 8
_KEEP_LEFT = {"det", "amod", "compound", "nummod", "poss", "nmod", "case"}
_PRONOUNS = {"PRON"}


def _third_person(lemma: str) -> str:
    if lemma == "be":
        return "is"
    if lemma == "have":
        return "has"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _noun_phrase(token: Token) -> str | None:
    """The name or short noun phrase `token` heads: an entity whole, else its determiners,
    adjectives and compounds ("the new 787 Dreamliner", "Qatar Airways' order")."""
    if token.pos_ in _PRONOUNS:
        return None
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "PRODUCT", "NORP", "FAC", "LOC", "WORK_OF_ART", "EVENT"):
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            start, end = ent.start, ent.end
            doc = token.doc
            while (
                end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].is_alpha
            ):
                end += 2  # "Moon Jae-in": the tagger stops at the hyphen
            left = [c for c in token.children if c.dep_ in _KEEP_LEFT and c.i < start]
            start = min([start] + [c.left_edge.i for c in left])
            return _words(token.doc[start:end])
    left = [c for c in token.children if c.dep_ in _KEEP_LEFT and c.i < token.i]
    start = min([token.i] + [c.left_edge.i for c in left])
    return _words(token.doc[start : token.i + 1])


def _words(span) -> str | None:
    words = [t.text_with_ws for t in span if not t.is_punct or t.text in ("'", "’", "-", ".", "&")]
    text = "".join(words).strip()
    return text if text and len(span) <= _MAX_WORDS else None


def clause_subject(verb: Token, through: tuple[str, ...] = ("xcomp", "conj", "ccomp")) -> Token | None:
    """The subject of `verb`, or of the verb it hangs on by one of `through` ("Jobs has chosen
    to [step down]": Jobs)."""
    for token in (verb, verb.head if verb.dep_ in through else None):
        found = (
            next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None) if token is not None else None
        )
        if found is not None:
            return found
    return None


def _with_party(token: Token, phrase: str | None) -> str | None:
    """ "an order [from Qatar Airways]", "the lawsuit [against Apple]": the party a name gives."""
    if phrase is None:
        return None
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in _PARTY_PREPOSITIONS):
        obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
        named = _noun_phrase(obj) if obj is not None else None
        if named:
            return f"{phrase} {prep.lower_} {named}"
    return phrase


_PARTY_PREPOSITIONS = ("from", "for", "with", "against", "between", "by", "of", "to")


def _named(phrase: str | None) -> str | None:
    """A phrase that names nothing ("its maiden flight", "the parade") says less than
    the event's type, place and date: no phrase."""
    if phrase and any(
        w[:1].isupper() or w[:1].isdigit() for w in phrase.split() if w.lower() not in ("the", "a", "an")
    ):
        return phrase
    return None


_POINTING = {"this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "such"}


def event_phrase(
    token: Token, future: bool = False, light_verbs: frozenset[str] = frozenset(), kind: str | None = None
) -> str | None:
    """The words that say what happened, or None where the parse gives no clear ones.
    `light_verbs` do an event a noun names ("held a parade", "won an order"): the clause is the
    event; another verb ("violates an agreement") is something else done to it. `kind`, the
    event's type, names what a named subject did where the rest is a clause ("Airbus announced
    that …": "Airbus announcement")."""
    if token.pos_ in ("NOUN", "PROPN"):
        if token.dep_ == "dobj" and token.head.pos_ == "VERB" and token.head.lemma_.lower() in light_verbs:
            clause = _clause(token.head, future, token)  # "the Airbus A380 makes its maiden flight"
            if clause:
                return clause
        if any(c.dep_ in ("det", "poss") and c.lower_ in _POINTING for c in token.children):
            return None  # "this visit", "his visit": the event is named elsewhere, if anywhere
        return _named(_with_party(token, _noun_phrase(token)))
    if token.pos_ != "VERB":
        return None
    return _clause(token, future, kind=kind)


def _hyphen_split(token: Token) -> bool:
    """The first part of a hyphenated word the parse took apart: "[co]-founder"."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_


def _clause(token: Token, future: bool, obj: Token | None = None, kind: str | None = None) -> str | None:
    subject = clause_subject(token)
    who = _noun_phrase(subject) if subject is not None else None
    if not who:
        return None
    doc = subject.doc
    # "co-founder" split at its hyphen is one word, not two parties; nor is a name with "&" in it.
    own = next((e for e in doc.ents if e.start <= subject.i < e.end), None)
    others = [
        c
        for c in subject.children
        if c.dep_ == "conj"
        and c.text != "-"
        and not _hyphen_split(c)
        and not (own is not None and own.start <= c.i < own.end)
    ]
    if not subject.ent_type_:
        # "chairman and co-owner Ann Lee", "Founder of Northwind, Ann Lee": a title and its
        # holder, parsed as two parties or as a title with its holder beside it. The holder acts.
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        person = next(
            (
                t
                for s in subjects
                for t in s.subtree
                if t.ent_type_ == "PERSON" and (t.dep_ in ("conj", "appos") or t in subjects)
            ),
            None,
        )
        ent = next((e for e in doc.ents if person is not None and e.start <= person.i < e.end), None)
        if ent is not None and _words(ent):
            who, others = _words(ent), []
        elif _hyphen_split(subject):
            return None  # "[Co]-founder": the head of a word the parse cut at its hyphen is no subject
    for other in others:
        more = _noun_phrase(other)
        who = f"{who} and {more}" if more else who  # "Xi and Putin"
    particle = next((c.text for c in token.children if c.dep_ == "prt"), None)
    passive = subject.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in token.children)
    if passive:
        verb = token.text.lower()
    elif future:
        verb = "to " + token.lemma_.lower()
    elif subject.tag_ in ("NNS", "NNPS") or others:
        verb = token.lemma_.lower()  # "the two leaders meet", "Xi and Putin meet"
    else:
        verb = _third_person(token.lemma_.lower())
    if particle:
        verb += " " + particle.lower()
    obj = obj or next((c for c in token.children if c.dep_ == "dobj"), None)
    what = _noun_phrase(obj) if obj is not None else None
    if what:
        owned = _with_party(obj, what)
        what = owned if owned != what else _with_party(token, what)  # "won an order [from Qatar Airways]"
    elif obj is None:
        what = (_with_party(token, "") or "").strip() or None  # "meet [with Donald Trump]"
    if not what and not passive and not particle and any(c.dep_ in ("ccomp", "xcomp") for c in token.children):
        # "Airbus announced [that …]": what it did is in the clause, not in these words; a subject
        # the tagger names, with the event's type, still says who did what: "Airbus announcement".
        ent = next((e for e in subject.doc.ents if e.start <= subject.i < e.end), None)
        named = ent is not None and ent.label_ in ("PERSON", "ORG", "GPE") and not future and " and " not in who
        return f"{_words(ent)} {kind}" if kind and named and _words(ent) else None
    return " ".join(p for p in (who, verb, what) if p)
