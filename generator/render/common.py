"""What every kind of page shares: the sections pages sit in, the Jinja2 environment, how
dates, titles and addresses are written, and the limits on a page's lists."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from slugify import slugify

from generator.config import event_groups
from generator.extract.dates import MONTH_NAMES
from generator.model import Article, ordinal
from generator.render import days
from generator.render.escape import Raw, md, yaml_string

TEMPLATES = Path(__file__).parent / "templates"
# Each kind of generated page and the section it sits in: the tab it is under, the way back above its title.
SECTIONS = {
    "person": ("People", "people"),
    "organization": ("Organizations", "organizations"),
    "place": ("Places", "places"),
    "event": ("Events", "events"),
    "anniversary": ("Anniversaries", "anniversaries"),
    "article": ("Articles", "articles"),
    "day": ("On this day", days.FOLDER),
}
KIND_FOLDERS = {kind: SECTIONS[kind][1] for kind in ("person", "organization", "place")}
KIND_LABELS = {"person": "Person", "organization": "Organization", "place": "Place"}
TITLE_WORDS = 12
TIMELINE_ROWS = 100
QUOTES_SHOWN = 20
MARKING_TYPES = event_groups()["commemorative"]  # events that mark an anniversary in its year
EVENTS_SHOWN = 50
HOME_ROWS = 8  # items in each of the home page's lists
FORMS = {"": "", "item": "- ", "quote": "> "}  # how a paragraph of a list or a quotation begins
SERIES_SHOWN = 20  # other events of a series listed on an event's page, the nearest in time
MENTION_CHARS = 300  # a mentioning sentence is cut after this many characters, at a word
MENTION_LINES = 3  # sentences quoted from one article on a page of mentions; the rest are counted
TIMELINE_EVENTS = 300  # above this, the timeline page lists years only, each on its own page


_DICT_ATTRIBUTES = frozenset(dir(dict))


class PageEnvironment(Environment):
    """Jinja2's environment, with a shorter way to a dict's keys.

    `{{ row.name }}` asks for an attribute first, then for the key, as Jinja2 does; but a
    dict has no attributes beyond its methods, so for any other name the failed attribute
    look-up (an exception each time: millions at 10,000 articles) is skipped. What a
    template gets is the same."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def environment() -> Environment:
    # auto_reload off: the templates do not change during a run, and each get_template would stat its file.
    env = PageEnvironment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        trim_blocks=True,
        auto_reload=False,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=md,
    )  # every {{ value }} is text unless marked |safe
    # No template uses Jinja2's default globals (range, dict, cycler...), and each render and
    # each import of the macros merges them into its context: 10 µs a page, 30,000 pages.
    env.globals.clear()
    env.filters["yaml"] = yaml_string
    env.filters["safe"] = Raw  # as Jinja2's, without its Markup: `md` passes either through as it is
    env.filters["section"] = SECTIONS.__getitem__
    return env


_INFERRED = re.compile(r"^inferred \((\w+) confidence\): [^,]+, from (.*)$", re.S)


def date_in_words(value: str | None) -> str:
    """ "2023-08-04" → "4 August 2023", "2025-06" → "June 2025", "2015" → "2015"."""
    if not value:
        return "unknown"
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return value


def how_dated(article: Article) -> str:
    """How the date is known, in words: "stated in the file", "inferred from … (high confidence)"."""
    if article.date is None:
        return "no date is written in the file or its header, and the text gives no evidence of one"
    if article.date_given:
        return "stated in the file" + (f" (“{article.date_text}”)" if article.date_text else "")
    found = _INFERRED.match(article.date_evidence or "")
    if found:
        return f"inferred from {found.group(2)} ({found.group(1)} confidence)"
    return article.date_evidence or "inferred"


def source_link(url: str | None) -> str | None:
    """The article's original address, where it is one a reader can follow (http or https), made
    safe for a Markdown link; anything else is shown as text only, on the article's page."""
    if not url or not re.match(r"https?://[^\s<>\"]+$", url, re.I):
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~")


def tag_anchor(tag: str) -> str:
    return "tag-" + (slugify(tag) or "untitled")


UNDATED_LISTED = 100  # the health page lists this many undated articles, and counts the rest


def display_title(article: Article) -> str:
    """The headline, or one made from the first words of the text."""
    if article.title:
        return article.title
    first = next((b.text for b in article.blocks if b.kind == "paragraph"), article.source)
    words = first.split()
    sentence_end = next((i for i, w in enumerate(words[:TITLE_WORDS]) if w.endswith((".", "!", "?"))), None)
    if sentence_end is not None:
        return " ".join(words[: sentence_end + 1]).rstrip(".")
    return " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")


def anniversary_label(a) -> str:
    return f"{ordinal(a.ordinal)} anniversary of {a.of}" + (f" ({a.year})" if a.year else "")
