"""The model's attribute ruler, matched through an index instead of spaCy's `Matcher`.

en_core_web_sm's attribute ruler (tag → part of speech, and exceptions such as "n't" → "not")
is 179 one- or two-token patterns. spaCy's `Matcher` tries every pattern on every token, which
made it a fifth of the whole parse, more than the tagger and parser together. Each pattern's
first token almost always demands an exact tag, word or dependency, so an index on those values
finds the few candidates a token can match, and the rest of each pattern is checked in full.

The matches are the same as the `Matcher`'s, and the ruler applies them as it always does
(`AttributeRuler.set_annotations`). Only patterns of plain values, IN, NOT_IN and REGEX over the
attributes below are indexed; a model with any other pattern keeps spaCy's matching.
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.attrs import IDS
from spacy.strings import get_string_id

# Attributes whose values are string hashes in `Doc.to_array`, and flags whose values are 0 / 1.
_HASHED = ("ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE")
_FLAGS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_TITLE", "IS_UPPER", "IS_LOWER")
_ALIASES = {"TEXT": "ORTH"}
_INDEXED = ("TAG", "LOWER", "ORTH", "DEP", "NORM", "LEMMA", "IS_SPACE")  # the first that a token spec pins
MEMO_SIZE = 200_000  # distinct token values remembered; the memo starts again beyond it


class Unsupported(ValueError):
    pass


class _Test:
    """One attribute's condition within a token spec, on the value `Doc.to_array` gives."""

    def __init__(self, attr: str, value, strings):
        self.attr = attr
        self.strings = strings
        self.values: frozenset | None = None  # the value must be one of these
        self.excluded: frozenset = frozenset()
        self.regex: re.Pattern | None = None
        self.seen: dict[int, bool] = {}  # regex results by value
        if isinstance(value, dict):
            for op, operand in value.items():
                if op == "IN":
                    self.values = frozenset(self.encode(v) for v in operand)
                elif op == "NOT_IN":
                    self.excluded = frozenset(self.encode(v) for v in operand)
                elif op == "REGEX" and attr in _HASHED:
                    self.regex = re.compile(operand)
                else:
                    raise Unsupported(f"{attr}: {op}")
        else:
            self.values = frozenset([self.encode(value)])

    def encode(self, value) -> int:
        if self.attr in _FLAGS:
            if not isinstance(value, bool):
                raise Unsupported(f"{self.attr}: {value!r}")
            return int(value)
        if not isinstance(value, str):
            raise Unsupported(f"{self.attr}: {value!r}")
        return get_string_id(value)

    def __call__(self, value: int) -> bool:
        if self.values is not None and value not in self.values:
            return False
        if value in self.excluded:
            return False
        if self.regex is not None:
            found = self.seen.get(value)
            if found is None:
                found = self.seen[value] = bool(self.regex.search(self.strings[value] if value else ""))
            return found
        return True


class AttributeIndex:
    """Finds the matches `ruler.match(doc)` finds: (attribute id, match id, start, end), sorted."""

    def __init__(self, ruler):
        strings = ruler.vocab.strings
        columns: list[str] = []
        self.patterns: list[tuple[int, int, list[list[tuple[int, _Test]]]]] = []
        self.index: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.unindexed: list[int] = []
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tokens = []
                for spec in pattern:
                    tests = []
                    for key, value in spec.items():
                        attr = _ALIASES.get(key, key)
                        if attr not in _HASHED and attr not in _FLAGS:
                            raise Unsupported(key)
                        if attr not in columns:
                            columns.append(attr)
                        tests.append((columns.index(attr), _Test(attr, value, strings)))
                    tokens.append(tests)
                if not tokens:
                    raise Unsupported("empty pattern")
                number = len(self.patterns)
                self.patterns.append((attr_id, get_string_id(str(attr_id)), tokens))
                pinned = [
                    (column, test)
                    for column, test in tokens[0]
                    if test.values is not None and columns[column] in _INDEXED
                ]
                if pinned:
                    column, test = min(pinned, key=lambda p: _INDEXED.index(columns[p[0]]))
                    for value in test.values:
                        self.index[(column, value)].append(number)
                else:
                    self.unindexed.append(number)
        self.columns = [IDS[attr] for attr in columns]
        self.memo: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.indexed_columns = sorted({column for column, _ in self.index})

    def first_matches(self, row: list[int]) -> tuple[int, ...]:
        """The patterns whose first token matches a token of these values."""
        candidates = list(self.unindexed)
        for column in self.indexed_columns:
            candidates.extend(self.index.get((column, row[column]), ()))
        return tuple(
            sorted(
                number
                for number in set(candidates)
                if all(test(row[column]) for column, test in self.patterns[number][2][0])
            )
        )

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        rows = doc.to_array(self.columns).tolist() if len(doc) else []
        if rows and not isinstance(rows[0], list):
            rows = [[value] for value in rows]
        if len(self.memo) > MEMO_SIZE:
            self.memo.clear()
        found = set()
        for start, row in enumerate(rows):
            key = tuple(row)  # tokens with the same values match the same first tokens
            numbers = self.memo.get(key)
            if numbers is None:
                numbers = self.memo[key] = self.first_matches(row)
            for number in numbers:
                attr_id, match_id, tokens = self.patterns[number]
                end = start + len(tokens)
                if (
                    len(tokens) == 1
                    or end <= len(rows)
                    and all(
                        test(rows[start + offset][column])
                        for offset, tests in enumerate(tokens[1:], 1)
                        for column, test in tests
                    )
                ):
                    found.add((attr_id, match_id, start, end))
        return sorted(found)


def install(model) -> bool:
    """Match the model's attribute ruler through an index; False (spaCy's own matching kept)
    when the model has none or one of its patterns is beyond what the index handles."""
    if "attribute_ruler" not in model.pipe_names:
        return False
    ruler = model.get_pipe("attribute_ruler")
    try:
        ruler.match = AttributeIndex(ruler)
    except Unsupported:
        return False
    return True
