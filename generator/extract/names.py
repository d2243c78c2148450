"""Turning entity spans into clean names and roles: "Russian Ambassador Andrey Denisov"
gives the name "Andrey Denisov" and the role "Russian Ambassador"."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_DETERMINERS = {"the", "a", "an"}


def fold(name: str) -> str:
    """The key two spellings of one name share: case and spacing folded."""
    return " ".join(name.casefold().split())


def clean_name(text: str) -> str:
    """Drop determiners, possessives and stray punctuation around a name."""
    text = " ".join(text.split())
    words = text.split(" ")
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    text = " ".join(words)
    text = _POSSESSIVE.sub("", text)
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$|\b[A-Z]\.[A-Z]\.$", text):
        text = text[:-1]
    return _EDGE.sub("", text) if not text.endswith(".") else text.lstrip("\"'“‘([")


def is_role_word(token: Token | str, role_words: set[str]) -> bool:
    text = (token if isinstance(token, str) else token.text).lower()
    return text in role_words or f"{text}." in role_words or text.rstrip("s") in role_words


def split_title(span: Span, role_words: set[str], honorifics: set[str]) -> tuple[int, str | None]:
    """Return how many leading tokens of a PERSON span are title words, and that title."""
    index = 0
    for token in span:
        low = token.text.lower()
        if low in honorifics or is_role_word(token, role_words) or (index and token.text in (".",)):
            index += 1
            continue
        break
    if index >= len(span):
        return 0, None
    title = " ".join(t.text for t in span[:index] if t.text.lower() not in honorifics).strip() or None
    return index, title


def role_before(span: Span, role_words: set[str], honorifics: set[str], stopwords: set[str]) -> str | None:
    """The title written before a name: "Chinese Foreign Ministry spokesman [Hong Lei]"."""
    doc = span.doc
    start = span.start
    i = start - 1
    while i >= span.sent.start:
        token = doc[i]
        if token.is_punct and (token.text not in (".", "-", "’", "'") or token.text == "-" and token.whitespace_):
            break  # a spaced dash ends the title: "FORT HOOD, Texas - Sgt. …"
        previous = i - 2 if i - 2 >= span.sent.start and doc[i - 1].text == "." else i - 1
        after_title = previous >= span.sent.start and is_role_word(doc[previous], role_words)
        if after_title and (token.lower_ in ("of", "to", "for") or re.fullmatch(r"\d+(st|nd|rd|th)", token.text)):
            i -= 1  # inside the title: "Secretary [of] Defense", "Ambassador [to] Japan", "Sgt. [1st] Class"
            continue
        if (
            token.pos_ in ("DET", "VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ", "ADV", "NUM")
            and token.text.lower() not in role_words
        ):
            if token.tag_ != "POS":
                break
        if token.ent_type_ in ("PERSON", "DATE", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "TIME"):
            if not is_role_word(token, role_words):  # "[Sgt.] 1st Class", tagged PERSON or DATE
                break
        i -= 1
    words = [t for t in doc[i + 1 : start]]
    # Keep only a run that ends in a title word, or in the place or office after one:
    # "Secretary of Defense", "Ambassador to Japan".
    last = max(
        (n for n, w in enumerate(words) if is_role_word(w, role_words) or w.text.lower() in honorifics), default=-1
    )
    tail = words[last + 1 :]
    if not (len(tail) >= 2 and tail[0].lower_ in ("of", "to", "for") and all(t.pos_ == "PROPN" for t in tail[1:])):
        words = words[: last + 1]
    while words and (words[0].text.lower() in stopwords or words[0].text.lower() == "of" or words[0].tag_ == "POS"):
        words = words[1:]
    words = [w for w in words if w.text.lower() not in honorifics]
    if not words or not any(is_role_word(w, role_words) for w in words):
        return None
    return _join(words)


def role_apposition(span: Span, role_words: set[str]) -> str | None:
    """An apposition after a name: "Feng Yujun, an expert on Russian studies at …"."""
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.ent_type_ != "PERSON":
            subtree = list(child.subtree)
            words = [t for t in subtree if t.i >= span.end]
            while words and (words[0].is_punct or words[0].pos_ == "DET"):
                words = words[1:]
            while words and words[-1].is_punct:
                words = words[:-1]
            if words and len(words) <= 16 and any(is_role_word(w, role_words) for w in words):
                return _join(words)
    return None


def _join(tokens: list[Token]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip()
    return text.rstrip(",;:")


_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"}


def core_name(name: str) -> str:
    """A person's name without middle initials or generational suffix: the canonical form.

    "Lloyd J. Austin III" → "Lloyd Austin"; "Mark A. Milley" → "Mark Milley".
    """
    words = name.replace(",", " ").split()
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.?", w)] + [words[-1]]
    while len(words) > 2 and words[-1].lower() in _SUFFIXES:
        words = words[:-1]
    return " ".join(words)
