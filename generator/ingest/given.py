"""Dates the site's owner gives in `annals.yml` (`fixes: dates: {file: YYYY-MM-DD}`), for articles
whose file says nothing of when they were published. A given date counts as the file's own:
extraction reads relative dates ("last week") from it, and the cache keys on it."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.model import Article, Problem

_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
LABEL = "annals.yml"


def give_dates(articles: list[Article], given: dict, problems: list[Problem]) -> list[Article]:
    """`articles` with the owner's dates, by file (as the corpus health page names it) or page id."""
    if not given:
        return articles
    wanted = {}
    for key, value in given.items():
        text = str(value).strip()
        if not _DATE.fullmatch(text):
            problems.append(
                Problem(LABEL, f"fixes.dates: {key!s}: '{text}' is not YYYY, YYYY-MM or YYYY-MM-DD; ignored", "warning")
            )
            continue
        wanted[str(key)] = text
    found = set()
    dated = []
    for article in articles:
        key = article.source if article.source in wanted else article.id if article.id in wanted else None
        if key is None:
            dated.append(article)
            continue
        found.add(key)
        dated.append(replace(article, date=wanted[key], date_given=True, date_evidence="given in annals.yml"))
    for key in sorted(wanted.keys() - found):
        problems.append(Problem(LABEL, f"fixes.dates: no article '{key}' in the corpus; ignored", "warning"))
    return dated
