"""The time-expression resolver, phrase by phrase, and the tense read from the parse."""

import pytest

from generator.extract.dates import later, resolve
from generator.extract.nlp import load
from generator.extract.tense import clause_tense, sentence_future

# (phrase, article date, tense of its clause, expected (date, end))
PHRASES = [
    # absolute forms
    ("June 6, 1944", None, None, ("1944-06-06", None)),
    ("6 June 1944", None, None, ("1944-06-06", None)),
    ("the 9th of May, 1945", None, None, ("1945-05-09", None)),
    ("March 2013", None, None, ("2013-03", None)),
    ("2023-08-25", None, None, ("2023-08-25", None)),
    ("5/22/2018", None, None, ("2018-05-22", None)),
    ("(1937-45)", None, None, ("1937", "1945")),
    ("from 1939 to 1945", None, None, ("1939", "1945")),
    ("between 2005 and 2010", None, None, ("2005", "2010")),
    ("the 1990s", None, None, ("1990", "1999")),
    ("in 2015", "2025-09-02", "past", ("2015", None)),
    ("March 22-24, 2013", None, None, ("2013-03-22", "2013-03-24")),
    # a day and month: the year the tense points to
    ("May 9", "2015", None, ("2015-05-09", None)),
    ("May 9", "2025-09-02", "past", ("2025-05-09", None)),  # "previously traveled … on May 9"
    ("May 9", "2025-02-28", "future", ("2025-05-09", None)),  # ahead of the parade
    ("May 9", "2025-09-02", "future", ("2026-05-09", None)),  # the coming one
    ("Dec. 20", "2025-01-10", "past", ("2024-12-20", None)),
    ("Sept 3", "2025-02-28", True, ("2025-09-03", None)),
    ("3 September", "2025-09-02", "future", ("2025-09-03", None)),
    ("May 22-24", "2018-05-18", "future", ("2018-05-22", "2018-05-24")),
    # a month alone
    ("September", "2025-02-28", "future", ("2025-09", None)),
    ("in June", "2018-05", "future", ("2018-06", None)),
    ("in December", "2013-03-22", "past", ("2012-12", None)),
    ("last May", "2025-09-02", None, ("2025-05", None)),
    ("next March", "2025-09-02", None, ("2026-03", None)),
    # weekdays: a report's "Friday" is the last one (or today), a plan's the coming one
    ("Friday", "2013-03-22", "past", ("2013-03-22", None)),
    ("on Friday", "2025-07-28", "past", ("2025-07-25", None)),
    ("Sunday evening", "2025-07-28", None, ("2025-07-27", None)),
    ("Wednesday", "2025-09-01", "future", ("2025-09-03", None)),
    ("next Tuesday", "2018-05-18", None, ("2018-05-22", None)),
    ("last Monday", "2025-07-28", None, ("2025-07-21", None)),
    # relative to the article
    ("today", "2023-06-06", None, ("2023-06-06", None)),
    ("yesterday", "2023-06-06", None, ("2023-06-05", None)),
    ("last week", "2013-03-22", None, ("2013-03-11", "2013-03-17")),
    ("next week", "2018-05-18", None, ("2018-05-21", "2018-05-27")),
    ("this year", "2025-09-02", None, ("2025", None)),
    ("last year", "2025-09-02", None, ("2024", None)),
    ("later this year", "2025-03-14", None, ("2025-03", "2025-12")),
    ("earlier this year", "2025-03", None, ("2025-01", "2025-03")),
    ("the last quarter", "2007-01-18", "past", ("2006-10", "2006-12")),
    ("the fourth quarter", "2007-01-18", "past", ("2006-10", "2006-12")),
    ("Q3 2007", None, None, ("2007-07", "2007-09")),
    ("last summer", "2023-02-23", "past", ("2022-06-01", "2022-08-31")),
    ("this winter", "2023-01-15", None, ("2022-12-01", "2023-02-28")),
    ("this weekend", "2016-09-07", "past", ("2016-09-03", "2016-09-04")),
    ("this weekend", "2010-01-25", "future", ("2010-01-30", "2010-01-31")),
    ("the end of the year", "2006-02-23", None, ("2006-12-31", None)),
    ("mid-2011", "2010-10-23", None, ("2011-06", None)),
    ("the past 7 days", "2011-03-08", None, ("2011-03-01", "2011-03-08")),
    ("7/8/07", None, None, ("2007-07-08", None)),
    ("the fall", "2008-01-09", None, (None, None)),
    ("later this year", "2015", True, ("2015", None)),
    ("last month", "2025-07-28", None, ("2025-06", None)),
    ("earlier this month", "2025-07-28", None, ("2025-07", None)),
    ("79 years ago", "2023-06-06", None, ("1944", None)),
    ("two decades ago", "2013-03-22", None, ("1993", None)),
    ("more than two decades ago", "2013-03-22", None, (None, "1993")),  # before then, no start
    ("a year ago", "2025-09-02", None, ("2024", None)),
    # no anchor: never today's date
    ("May 9", None, None, (None, None)),
    ("Friday", None, None, (None, None)),
    ("last week", "2013", None, (None, None)),
    ("yesterday", "2013", None, (None, None)),
    # an article known to its year or month: "today" is in it
    ("today", "2009", None, ("2009", None)),
    ("today", "2009-06", None, ("2009-06", None)),
    ("may", "2025-01-01", None, (None, None)),  # the modal verb
]


@pytest.mark.parametrize("text,anchor,tense,expected", PHRASES)
def test_time_expression(text, anchor, tense, expected):
    assert resolve(text, anchor, tense) == expected


@pytest.mark.parametrize(
    "text,base,expected",
    [
        ("three months later", "2001-03-10", "2001-06"),
        ("just three months later", "2001-11", "2002-02"),
        ("two weeks later", "2020-02-20", "2020-03-05"),
        ("a year later", "1990", "1991"),
        ("five years later", "1990-05", "1995"),
        ("three days later", "2005-11", None),  # days need a day to count from
        ("three days later than planned", "2005-11-05", None),  # a comparison, not a time after
        ("three months later", None, None),
    ],
)
def test_a_time_later_counts_from_the_date_given_last(text, base, expected):
    assert later(text, base) == expected


@pytest.fixture(scope="module")
def nlp():
    return load()


@pytest.mark.parametrize(
    "sentence,date,expected",
    [
        (
            "The leaders met in Beijing ahead of Wednesday's military parade, with Xi having previously "
            "traveled to Moscow to commemorate Victory Day on May 9.",
            "May 9",
            "past",
        ),
        ("The leaders met in Beijing ahead of Wednesday's military parade.", "Wednesday", "future"),
        ("Moon will meet Trump next week in Washington.", "next week", "future"),
        ("Putin visited Beijing in September.", "September", "past"),
        ("The summit is expected to be held in June.", "June", "future"),
    ],
)
def test_clause_tense(nlp, sentence, date, expected):
    doc = nlp(sentence)
    at = sentence.index(date)
    span = doc.char_span(at, at + len(date), alignment_mode="expand")
    assert clause_tense(span, sentence_future(doc[:])) == expected
