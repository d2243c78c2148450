"""Direct quotations and reported speech, attributed to a speaker from the parse.

    “…,” Putin said.          the subject of the speech verb beside the quotation
    “…” he said / the envoy said   a pronoun or a role word: the person last named (with that role)
    “…,” Putin said. “We …”   a quotation standing alone continues the previous speaker
    Keir Starmer said:        the next paragraph, printed without quotation marks
    Feng said the …           reported speech: kept as a statement, not a quotation
"""

from __future__ import annotations

import collections

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from generator.model import Mention, Quote

QUOTE = re.compile(r"“([^”]{3,}?)”|\"([^\"]{3,}?)\"")
_ACCORDING = ("according",)


@dataclass
class SentenceInfo:
    id: str
    span: Span
    block: int
    # Read once: a Span joins its tokens' texts again on every `.text`.
    text: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.span.text


class Attributor:
    def __init__(self, speech_verbs: set[str], people: list[Mention], order: dict[str, int],
                 role_words: set[str]) -> None:
        self.verbs = speech_verbs
        self.role_words = role_words
        self.people = people  # person mentions in article order
        # sentence id -> position in the article; the headline and headings ("title",
        # "head-N") are not in it and count as coming first
        self.order = collections.defaultdict(lambda: -1, order)

    def person_at(self, token: Token, sentence: SentenceInfo) -> str | None:
        offset = token.idx - sentence.span.start_char
        for mention in self.people:
            if mention.sentence == sentence.id and mention.start <= offset < mention.end:
                return mention.name
        return None

    def last_person(self, sentence: SentenceInfo, offset: int, role_word: str | None = None) -> str | None:
        position = self.order[sentence.id]
        best = None
        for mention in self.people:
            where = self.order[mention.sentence]
            if where > position or (where == position and mention.start >= offset):
                continue
            if role_word and role_word not in (mention.role or "").lower() and role_word not in mention.text.lower():
                continue
            best = mention.name
        return best

    def speaker_of(self, verb: Token, sentence: SentenceInfo) -> str | None:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.lemma_ in self.verbs:
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.lemma_ == "according":
            subject = next((t for t in verb.subtree if t.dep_ == "pobj"), None)
        if subject is None:
            return None
        named = self.person_at(subject, sentence)
        if named is None:
            named = next((self.person_at(t, sentence) for t in subject.subtree if self.person_at(t, sentence)), None)
        if named:
            return named
        if subject.pos_ == "PROPN" and subject.is_title:
            # A surname the tagger missed here but the article named in full before: "Lopez said".
            fits = {m.name for m in self.people if self.order[m.sentence] <= self.order[sentence.id]
                    and subject.text in (m.name.split()[0], m.name.split()[-1])}
            if len(fits) == 1:
                return fits.pop()
        if subject.pos_ == "PRON" and subject.lower_ in ("he", "she", "they", "i", "we"):
            return self.last_person(sentence, subject.idx - sentence.span.start_char)
        if subject.pos_ == "NOUN" and subject.lemma_.lower() in self.role_words:
            # "the envoy said": the last person named with that role.
            return self.last_person(sentence, subject.idx - sentence.span.start_char, subject.lemma_.lower())
        return None

    def speech_verbs(self, sentence: SentenceInfo, outside: tuple[int, int] | None) -> list[Token]:
        found = []
        for token in sentence.span:
            if outside and outside[0] <= token.idx < outside[1]:
                continue
            if (token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.verbs) or token.lower_ in _ACCORDING:
                found.append(token)
        return found


def find_quotes(doc: Doc, sentences: list[SentenceInfo], attributor: Attributor,
                previous: Quote | None) -> list[Quote]:
    """Direct quotations in one paragraph; `previous` is the last quotation before it."""
    quotes: list[Quote] = []
    text = doc.text
    for match in QUOTE.finditer(text):
        start, end = match.span()
        words = (match.group(1) or match.group(2)).strip()
        holders = [s for s in sentences if s.span.start_char < end and s.span.end_char > start]
        if not holders or len(words.split()) < 2:
            continue
        speaker = None
        for sentence in holders:
            verbs = attributor.speech_verbs(sentence, (start, end))
            # The verb nearest the quotation speaks it.
            verbs.sort(key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
            for verb in verbs:
                speaker = attributor.speaker_of(verb, sentence)
                if speaker:
                    break
            if speaker:
                break
        standalone = start <= holders[0].span.start_char + 1
        if speaker is None and standalone:
            last = quotes[-1] if quotes else previous
            if last is not None and last.speaker:
                speaker = last.speaker
        quotes.append(Quote(text=words, sentence=holders[0].id, speaker=speaker, direct=True))
    return quotes


def block_quote_speaker(sentences: list[SentenceInfo], attributor: Attributor) -> str | None:
    """'Prime Minister Keir Starmer said:' ending a paragraph: who speaks the next one."""
    last = sentences[-1]
    if not last.text.rstrip().endswith(":"):
        return None
    for verb in attributor.speech_verbs(last, None):
        speaker = attributor.speaker_of(verb, last)
        if speaker:
            return speaker
    return None


def reported_speech(sentence: SentenceInfo, attributor: Attributor) -> Quote | None:
    """'Feng said the commemorations will …': a statement of that person, not a quotation."""
    if QUOTE.search(sentence.text):
        return None
    for verb in attributor.speech_verbs(sentence, None):
        clause = next((c for c in verb.children if c.dep_ in ("ccomp",)), None)
        if clause is None and verb.dep_ == "ccomp":
            clause = verb.head
        if clause is None:
            continue
        speaker = attributor.speaker_of(verb, sentence)
        if speaker:
            return Quote(text=sentence.text.strip(), sentence=sentence.id, speaker=speaker, direct=False)
    return None
