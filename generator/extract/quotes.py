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
    def __init__(
        self,
        speech_verbs: set[str],
        people: list[Mention],
        order: dict[str, int],
        role_words: set[str],
        organizations: list[Mention] = (),
        organization_nouns: set[str] = frozenset(),
        document_nouns: set[str] = frozenset(),
        sentences: list[SentenceInfo] = (),
    ) -> None:
        self.verbs = speech_verbs
        # (sentence, offset, name) of the people who are a clause's subject
        self.subjects = _subjects(people, sentences)
        self.document_nouns = document_nouns
        self.organization_nouns = organization_nouns
        self.role_words = role_words
        self.people = people  # person mentions in article order
        # An organization speaks too ("Airbus said"), when it is the verb's subject by name.
        self.named = [*people, *organizations]
        self.organizations = organizations
        # sentence id -> position in the article; the headline and headings ("title",
        # "head-N") are not in it and count as coming first
        self.order = collections.defaultdict(lambda: -1, order)

    def person_at(self, token: Token, sentence: SentenceInfo, people_only: bool = False) -> str | None:
        offset = token.idx - sentence.span.start_char
        for mention in self.people if people_only else self.named:
            if mention.sentence == sentence.id and mention.start <= offset < mention.end:
                return mention.name
        return None

    def last_person(
        self, sentence: SentenceInfo, offset: int, role_word: str | None = None, subject_first: bool = False
    ) -> str | None:
        """The person last named before `offset`; for a pronoun (`subject_first`), the person
        last named as a clause's subject in this sentence or the two before, where there is
        one: in "Ingram dubbed the Cruise video … He characterized", he is Ingram."""
        if subject_first and self.subjects:
            position = self.order[sentence.id]
            near = [
                (self.order[at], start, name)
                for at, start, name in self.subjects
                if position - 2 <= self.order[at] <= position and (self.order[at] < position or start < offset)
            ]
            if near:
                return max(near)[2]
        return self.last_named(self.people, sentence, offset, role_word)

    def only_named(self, mentions: list[Mention], sentence: SentenceInfo, offset: int) -> str | None:
        position = self.order[sentence.id]
        names = {
            m.name
            for m in mentions
            if self.order[m.sentence] < position or (self.order[m.sentence] == position and m.start < offset)
        }
        return names.pop() if len(names) == 1 else None

    def last_named(
        self, mentions: list[Mention], sentence: SentenceInfo, offset: int, role_word: str | None = None
    ) -> str | None:
        position = self.order[sentence.id]
        best = None
        for mention in mentions:
            where = self.order[mention.sentence]
            if where > position or (where == position and mention.start >= offset):
                continue
            if role_word and role_word not in (mention.role or "").lower() and role_word not in mention.text.lower():
                continue
            best = mention.name
        return best

    def speaker_of(self, verb: Token, sentence: SentenceInfo) -> str | None:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.lemma_ != "according":
            subject = _subject_above(verb, self.verbs)
        if subject is None and verb.lemma_ == "according":
            subject = next((t for t in verb.subtree if t.dep_ == "pobj"), None)
        if subject is None:
            return None
        named = self.person_at(subject, sentence)
        if named is None:
            # A person inside the subject ("Enver Solomon, chief executive of the Refugee
            # Council"), never an organization there: that is where the person works.
            named = next((n for t in subject.subtree if (n := self.person_at(t, sentence, True))), None)
        if named:
            return named
        if subject.pos_ in ("PROPN", "NOUN") and subject.is_title:
            # A surname the tagger missed here but the article named in full before: "Lopez said".
            fits = {
                m.name
                for m in self.people
                if self.order[m.sentence] <= self.order[sentence.id]
                and subject.text in (m.name.split()[0], m.name.split()[-1])
            }
            if len(fits) == 1:
                return fits.pop()
        if subject.lemma_.lower() in self.document_nouns:
            # "PC World's analysis concluded", "the Home Office letter reads": whose it is.
            owner = next(
                (
                    n
                    for t in subject.children
                    if t.dep_ in ("poss", "compound")
                    for w in t.subtree
                    if (n := self.person_at(w, sentence))
                ),
                None,
            )
            if owner:
                return owner
        if subject.pos_ == "PRON" and (subject.lower_ in ("he", "she", "they", "we") or subject.text == "I"):
            return self.last_person(sentence, subject.idx - sentence.span.start_char, subject_first=True)
        if subject.tag_ == "NN" and subject.lemma_.lower() in self.organization_nouns:
            # "the company said": the organization, where the article has named only one so far.
            return self.only_named(self.organizations, sentence, subject.idx - sentence.span.start_char)
        if subject.pos_ == "NOUN" and subject.lemma_.lower() in self.role_words:
            # "the envoy said": the last person named with that role.
            return self.last_person(sentence, subject.idx - sentence.span.start_char, subject.lemma_.lower())
        return None

    def speech_verbs(self, sentence: SentenceInfo, outside: tuple[int, int] | None) -> list[Token]:
        found = []
        for token in sentence.span:
            if outside and outside[0] <= token.idx < outside[1]:
                continue
            if token.lemma_.lower() in self.verbs and (
                token.pos_ in ("VERB", "AUX")
                or (
                    # "The Department notes, “…”": the tagger read a verb as a plural noun
                    token.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in token.children)
                )
            ):
                found.append(token)
            elif token.lower_ in _ACCORDING:
                found.append(token)
        return found


def _subjects(people: list[Mention], sentences: list[SentenceInfo]) -> list[tuple[str, int, str]]:
    """(sentence, offset, name) of each person who is a clause's subject: named there, or by a
    surname the tagger missed that fits one person named before ("Rathbun requested …")."""
    by_id = {s.id: s for s in sentences}
    found = []
    for mention in people:
        info = by_id.get(mention.sentence)
        words = info.span.char_span(mention.start, mention.end, alignment_mode="expand") if info else None
        if words is not None and len(words) and words.root.dep_ in ("nsubj", "nsubjpass"):
            found.append((mention.sentence, mention.start, mention.name))
    position = {s.id: n for n, s in enumerate(sentences)}
    named = {(m.sentence, m.start) for m in people}
    for info in sentences:
        for token in info.span:
            offset = token.idx - info.span.start_char
            # Any capitalised subject: the tagger reads an unknown surname as a verb as often as not.
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON" or not token.is_title:
                continue
            if any(m.sentence == info.id and m.start <= offset < m.end for m in people):
                continue
            fits = {
                m.name
                for m in people
                if position.get(m.sentence, -1) <= position[info.id]
                and " " in m.name
                and token.text in (m.name.split()[0], m.name.split()[-1])
            }
            if len(fits) == 1 and (info.id, offset) not in named:
                found.append((info.id, offset, fits.pop()))
    return found


_CLIMB = ("conj", "xcomp", "advcl", "pcomp", "prep", "pobj", "acl", "ccomp")


def _subject_above(verb: Token, speech_verbs: set[str]) -> Token | None:
    """Who speaks a verb that has no subject of its own, from the clause it hangs on:
    "O'Leary justified his choice by [saying]", "Jobs started by hinting …, [saying]";
    "Detik.com quoted Djamal as [saying]": the one quoted."""
    token = verb
    for _ in range(4):
        if token.dep_ not in _CLIMB or token.head is token:
            return None
        if token.dep_ == "conj" and token.head.lemma_.lower() not in speech_verbs:
            return None  # "… said he was grateful Xi had made … and called …": not Xi's words
        token = token.head
        if token.lemma_.lower() == "quote":
            quoted = next((c for c in token.children if c.dep_ == "dobj"), None)
            if quoted is not None:
                return quoted
        if token.pos_ in ("VERB", "AUX"):
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
    return None


_MARK = re.compile(r"[“”\"]")


def quotations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, words) of each quotation in a paragraph, read mark by mark.

    A straight mark opens after a space, a bracket, a colon or a dash and before a word;
    while a quotation is open, the next mark closes it. A mark that closes with nothing
    open ends a quotation begun in the paragraph before, and opens nothing. One left open
    runs to the paragraph's end: news leaves a quotation open when it goes on in the next."""
    found = []
    opened = None
    for found_mark in _MARK.finditer(text):
        at, mark = found_mark.start(), found_mark.group()
        if opened is None:
            before = text[at - 1] if at else " "
            after = text[at + 1] if at + 1 < len(text) else " "
            if mark == "“" or (mark == '"' and (before.isspace() or before in "([{:—–-") and not after.isspace()):
                opened = at
        elif mark != "“":
            if at - opened - 1 >= 3:
                found.append((opened, at + 1, text[opened + 1 : at]))
            opened = None
    if opened is not None and len(text) - opened - 1 >= 3:
        found.append((opened, len(text), text[opened + 1 :]))
    return found


def find_quotes(
    doc: Doc,
    sentences: list[SentenceInfo],
    attributor: Attributor,
    previous: Quote | None,
    announced: str | None = None,
) -> list[Quote]:
    """Direct quotations in one paragraph; `previous` is the last quotation before it,
    `announced` the speaker the paragraph before ends by announcing ("Obama tweeted:")."""
    quotes: list[Quote] = []
    text = doc.text
    for start, end, words in quotations(text):
        words = words.strip()
        holders = [s for s in sentences if s.span.start_char < end and s.span.end_char > start]
        if not holders or not words:
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
        if len(words.split()) < 2 and (speaker is None or not words[0].islower()):
            # A lone word in quotation marks is a speaker's word where a verb says whose; a
            # capitalised one is a name being mentioned ("the name “Apple”").
            continue
        standalone = start <= holders[0].span.start_char + 1
        if speaker is None and standalone:
            # Right after a sentence of someone's speech in the same paragraph: "As Heald told
            # the Post, ozone has dropped. “Despite …”" goes on in that person's words.
            at = sentences.index(holders[0])
            before = sentences[at - 1] if at > 0 else None
            speaker = next(
                (
                    who
                    for verb in (attributor.speech_verbs(before, None) if before else [])
                    if (who := attributor.speaker_of(verb, before))
                ),
                None,
            )
        if speaker is None and standalone and announced and not quotes:
            speaker = announced
        if speaker is None and standalone:
            last = quotes[-1] if quotes else previous
            if last is not None and last.speaker:
                speaker = last.speaker
        quotes.append(Quote(text=words, sentence=holders[0].id, speaker=speaker, direct=True))
    return quotes


def block_quote_speaker(sentences: list[SentenceInfo], attributor: Attributor) -> str | None:
    """'Prime Minister Keir Starmer said:' (or 'said,') ending a paragraph: who speaks the next one."""
    last = sentences[-1]
    ending = last.text.rstrip()[-1:]
    if ending not in (":", ",") or (ending == "," and _MARK.search(last.text)):
        return None  # "Rathbun stated," announces too; '"…," Austin said today,' has said it
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
