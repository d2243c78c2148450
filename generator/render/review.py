"""The owner's review: what extraction was unsure of, each item with the `annals.yml` line that
confirms or rejects it. These pages are for the site's owner, outside the reader's navigation
and search: names found without a page's evidence, pages resting on one mention, events without
a place or a day, articles without a date.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup

from generator.render.escape import md

FOLDER = "corpus"
_TICKS = re.compile(r"`+")


def code(text: str) -> Markup:
    """`text` as a Markdown code span, whatever backticks it holds: it reaches the page as it is."""
    fence = "`" * (max((len(t) for t in _TICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}")


def line(field: str, key: str, value: str | None = None) -> Markup:
    """The line under `fixes:` that settles one item: `not_entities: ["Hong Lei"]`."""
    key_text = json.dumps(key, ensure_ascii=False)
    if value is None:
        return code(f"{field}: [{key_text}]")
    return code(f"{field}: {{{key_text}: {value}}}")


def one_mention(entity, kind_label: str, folder: str, cited: Markup | str, article_title: str, article_id: str) -> dict:
    return {
        "cells": [
            Markup(f"[{md(entity.name)}](../{folder}/{entity.id}.md)"),
            kind_label.lower(),
            Markup(f"“{cited}” ([{md(article_title)}](../articles/{article_id}.md))"),
            line("not_entities", entity.name),
        ]
    }


def loose_event(event, missing: str) -> dict:
    return {
        "cells": [
            Markup(f"[{md(event.name)}](../events/{event.id}.md)"),
            md(event.type),
            md(event.date or "—"),
            missing,
            line("not_events", event.id),
        ]
    }


def undated(article, title: str) -> dict:
    return {
        "cells": [
            Markup(f"[{md(title)}](../articles/{article.id}.md)"),
            md(article.source),
            line("dates", article.source, "YYYY-MM-DD"),
        ]
    }
