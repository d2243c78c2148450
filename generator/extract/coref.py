"""Descriptions that stand for a person: "Russia's top envoy to China said …", "The secretary …".

A definite description is the subject of its clause, headed by a title word ("envoy",
"secretary"), and names nobody itself. It refers to the person of this article who carries
that title: the nearest one before it, or, where the article opens with the description and
names the person later (a common news lead), the nearest one after it.
"""

from __future__ import annotations

from generator.extract.names import clean_name, fold, is_role_word
from generator.model import Mention

_SUBJECTS = ("nsubj", "nsubjpass")
MAX_WORDS = 8


def description_mentions(
    infos: list, mentions: list[Mention], role_words: set[str], synonyms: dict[str, set[str]]
) -> list[Mention]:
    """`infos` are the article's sentences in order (id, span); `mentions` its people so far."""
    order = {info.id: n for n, info in enumerate(infos)}
    people = [(order.get(m.sentence, -1), m) for m in mentions if m.kind == "person" and m.sentence in order]
    found: list[Mention] = []
    for n, info in enumerate(infos):
        sent = info.span
        for token in sent:
            if (
                token.dep_ not in _SUBJECTS
                or token.pos_ != "NOUN"
                or token.tag_ == "NNS"
                or not is_role_word(token, role_words)
            ):
                continue  # "the two leaders": several people, not one
            kept = [c for c in token.rights if c.dep_ not in ("cc", "conj", "punct", "appos")]
            left = token.left_edge.i
            right = max([token.i] + [c.right_edge.i for c in kept]) + 1
            words = sent.doc[left:right]
            if len(words) > MAX_WORDS or any(t.ent_type_ == "PERSON" or t.pos_ in ("VERB", "AUX") for t in words):
                continue
            if not (words[0].lower_ == "the" or any(t.tag_ == "POS" for t in words)):
                continue  # "a spokesman said": nobody in particular
            title = fold(token.lemma_)
            # The same title first ("the envoy" … "envoy"), then the offices it may stand for.
            person = _referent({title}, n, people) or _referent(synonyms.get(title, set()), n, people)
            if person is not None:
                found.append(
                    Mention(
                        kind="person",
                        text=words.text,
                        name=person,
                        sentence=info.id,
                        start=words.start_char - sent.start_char,
                        end=words.end_char - sent.start_char,
                    )
                )
    return found


def _referent(titles: set[str], at: int, people: list[tuple[int, Mention]]) -> str | None:
    def carries(mention: Mention) -> bool:
        words = set(fold(mention.role or "").split()) | set(fold(clean_name(mention.text)).split()[:-1])
        return bool(titles & words)

    titled = [(n, m) for n, m in people if carries(m)]
    before = [(n, m) for n, m in titled if n <= at]
    if before:
        return max(before, key=lambda pair: pair[0])[1].name
    after = [(n, m) for n, m in titled if n > at]
    if after:
        return min(after, key=lambda pair: pair[0])[1].name
    return None
