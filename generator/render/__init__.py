"""Render: the knowledge graph becomes Markdown pages, through the Jinja2 templates beside this file.

`render_pages` returns {path relative to the docs folder: Markdown}; it writes nothing, so
the MkDocs plugin can hand the pages to MkDocs in memory and `annals generate` can write them.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path

from jinja2.filters import do_truncate
from markupsafe import Markup

from generator.model import Entity, Event, Knowledge, MentionRef, PlaceTree, ordinal, sentence_number
from generator.process import share
from generator.render import connections, days, memo, paging, review, timeline
from generator.render.common import (
    HOME_ROWS,
    KIND_FOLDERS,
    KIND_LABELS,
    MARKING_TYPES,
    MENTION_CHARS,
    MENTION_LINES,
    SECTIONS,
    TIMELINE_EVENTS,
    TIMELINE_ROWS,
    UNDATED_LISTED,
    anniversary_label,
    display_title,
    environment,
    source_link,
    tag_anchor,
)
from generator.render.escape import Raw, md
from generator.render.kinds import anniversary as anniversary_kind
from generator.render.kinds import article as article_kind
from generator.render.kinds import entity as entity_kind
from generator.render.kinds import event as event_kind


class Renderer:
    def __init__(self, knowledge: Knowledge, site_title: str = "Annals") -> None:
        self.k = knowledge
        self.env = environment()
        self.site_title = site_title
        self.titles = {a.id: display_title(a) for a in knowledge.articles}
        self.articles = {a.id: a for a in knowledge.articles}
        self.sentences = {(aid, s.id): s.text for aid, e in knowledge.extractions.items() for s in e.sentences}
        self.entity_by_id = {(e.kind, e.id): e for kind in KIND_FOLDERS for e in knowledge.entities(kind)}
        self.inside: dict[str, list[Entity]] = defaultdict(list)  # the places a place's page lists
        for place in (by_name := sorted(knowledge.places, key=lambda e: (e.name, e.id))):
            if place.within:
                self.inside[place.within].append(place)
        self.places = PlaceTree({p.id: p.within for p in by_name})
        self.events_by_id = {e.id: e for e in knowledge.events}
        # Indexes built once, so no page scans the whole corpus: cost stays linear in its size.
        self.in_article: dict[str, list[tuple[str, Entity]]] = defaultdict(list)
        # Each entity's first mention in each article's body (the headline and headings stay plain).
        self.first_refs: dict[tuple[str, str, str], MentionRef] = {}
        for kind in KIND_FOLDERS:
            for entity in knowledge.entities(kind):
                for article_id in entity.articles:
                    self.in_article[article_id].append((kind, entity))
                for ref in sorted(
                    (r for r in entity.mentions if r.sentence.startswith("sent-")),
                    key=lambda r: sentence_number(r.sentence),
                ):
                    self.first_refs.setdefault((kind, entity.id, ref.article), ref)
        self.keys_in_article = {a: [(kind, e.id) for kind, e in found] for a, found in self.in_article.items()}
        self.also_in_article: dict[str, list[Entity]] = defaultdict(list)
        for entity in knowledge.also_named:
            for article_id in entity.articles:
                self.also_in_article[article_id].append(entity)
        self.events_in_article: dict[str, list[Event]] = defaultdict(list)
        self.events_of: dict[tuple[str, str], list[Event]] = defaultdict(list)
        for event in knowledge.events:
            for article_id in event.articles:
                self.events_in_article[article_id].append(event)
            for person in event.participants:
                self.events_of[("person", person)].append(event)
            if event.place:
                self.events_of[("place", event.place)].append(event)
        self.ties = connections.Ties(knowledge, self.keys_in_article, self.events_of)
        self.quotes_by: dict[str, list] = defaultdict(list)
        for said in knowledge.quotes:
            self.quotes_by[(said.speaker_kind, said.speaker)].append(said)
        self.order = {a.id: n for n, a in enumerate(knowledge.articles)}
        self.series: dict[str, list[Event]] = defaultdict(list)
        self.marking_by_year: dict[str, list[Event]] = defaultdict(list)
        for event in knowledge.events:
            if event.series:
                self.series[event.series].append(event)
            if event.date and event.type in MARKING_TYPES:
                self.marking_by_year[event.date[:4]].append(event)
        self.series_at: dict[str, int] = {}  # an event's place in its series, in date order
        for events in self.series.values():
            events.sort(key=lambda e: (e.date or "", e.id))
            self.series_at.update((e.id, n) for n, e in enumerate(events))
        self.series_at.update((e.id, 0) for e in knowledge.events if not e.series)
        self.anniversaries_of: dict[str, list] = defaultdict(list)
        for anniversary in knowledge.anniversaries:
            if anniversary.event:
                self.anniversaries_of[anniversary.event].append(anniversary)
        self.lines: dict[tuple[str, str], Markup] = {}  # see sentence_line
        self.extra: dict[str, str] = {}  # continuation pages of long lists, filled while rendering
        self._calendar: dict[str, dict] | None = None  # see calendar

    def page(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    # ------------------------------------------------------------------ helpers

    def grouped(self, refs: list[MentionRef]) -> list[tuple]:
        """Mentions grouped by article, articles newest first, sentences in text order: (article,
        title, [(sentence id, line)], original url, (sentences left out, the first of them)) for
        `mention_list`. An article shows its first few sentences, so that a page's length follows
        the articles it cites, not how often one of them repeats the name."""
        by_article: dict[str, list] = defaultdict(list)
        for ref in refs:  # repeats fall out below: one line per sentence
            if ref.article in self.articles:
                by_article[ref.article].append(ref)
        groups = []
        for article_id in sorted(by_article, key=self.order.__getitem__):
            seen = set()
            items = []
            for ref in sorted(by_article[article_id], key=lambda r: sentence_number(r.sentence)):
                if ref.sentence in seen:
                    continue
                seen.add(ref.sentence)
                items.append((ref.sentence, ref.text))
            shown = [
                (sentence, self.marked(self.sentence_line(article_id, sentence, text), text))
                for sentence, text in items[:MENTION_LINES]
            ]
            more = (len(items) - MENTION_LINES, items[MENTION_LINES][0]) if len(items) > MENTION_LINES else None
            article = self.articles[article_id]
            groups.append((article, self.titles[article_id], shown, source_link(article.url), more))
        return groups

    @staticmethod
    def marked(line: Markup, words: str) -> Markup:
        """The sentence with the words naming the page's subject marked, where the line holds them."""
        escaped = md(words) if words else ""
        at = line.find(escaped) if escaped else -1
        if at < 0:
            return line
        return Markup(f"{line[:at]}<mark>{escaped}</mark>{line[at + len(escaped) :]}")

    def sentence_line(self, article_id: str, sentence: str, fallback: str) -> Markup:
        """A sentence as a mention list shows it, escaped once: a sentence naming ten entities is on ten pages."""
        key = (article_id, sentence)
        line = self.lines.get(key)
        if line is None:
            text = self.sentences.get(key, fallback)
            line = self.lines[key] = Markup(md(do_truncate(self.env, text, MENTION_CHARS)))
        return line

    def paged_mentions(self, first: str, name: str, refs: list[MentionRef]) -> dict:
        """The first page of mentions for the page `first`; the further pages go to `self.extra`."""
        pages = paging.chunks(self.grouped(refs), paging.MENTION_GROUPS)
        for n, groups in enumerate(pages[1:], start=2):
            self.extra[paging.uri(first, n)] = self.page(
                "mentions.md.j2",
                name=name,
                title=f"{name}: mentions, page {n} of {len(pages)}",
                back=first.rsplit("/", 1)[-1],
                current=n,
                mentions=groups,
                pager=paging.pager(first, len(pages), n),
            )
        return {"mentions": pages[0], "pager": paging.pager(first, len(pages), 1)}

    # ------------------------------------------------------------------ pages

    def index(self, first: str, title: str, headers: list[str], rows: list[dict], intro, extra=None) -> dict[str, str]:
        """An index table, over as many pages as it needs; the intro and extra text on page 1."""
        parts = paging.chunks(rows, paging.INDEX_ROWS)
        pages = {}
        for n, part in enumerate(parts, start=1):
            pages[paging.uri(first, n)] = self.page(
                "index.md.j2",
                title=title if n == 1 else f"{title} (page {n} of {len(parts)})",
                headers=headers,
                rows=part,
                intro=intro if n == 1 else None,
                extra=extra if n == 1 else None,
                pager=paging.pager(first, len(parts), n),
            )
        return pages

    def kind_index(self, kind: str) -> dict[str, str]:
        folder = KIND_FOLDERS[kind]
        entities = sorted(self.k.entities(kind), key=lambda e: (-len(e.mentions), e.name.lower()))
        rows = [
            {
                "name": e.name,
                "url": f"{e.id}.md",
                "cells": [len(e.mentions), len(e.articles), "; ".join(e.aliases[:4]) or "—"],
            }
            for e in entities
        ]
        label = {"person": "People", "organization": "Organizations", "place": "Places"}[kind]
        return self.index(
            f"{folder}/index.md",
            label,
            ["Name", "Mentions", "Articles", "Also called"],
            rows,
            f"{len(rows)} {label.lower()} named in the corpus, most mentioned first.",
        )

    def units(
        self, keys: memo.Keys | None = None
    ) -> list[tuple[Callable[[], str] | None, Callable[[], dict[str, str]]]]:
        """The pages as pieces of work independent of each other, in a fixed order: each gives
        its pages (a page with its continuation pages, or an index over its numbered pages).
        With `keys`, each comes with the work of making its key (see `memo`); the indexes over
        the corpus have none."""
        k = keys
        units = [
            (
                k and partial(k.article.__getitem__, a.id),
                partial(self._one, f"articles/{a.id}.md", article_kind.page, a),
            )
            for a in self.k.articles
        ]
        for kind, folder in KIND_FOLDERS.items():
            units += [
                (k and partial(entity_kind.key, k, e), partial(self._one, f"{folder}/{e.id}.md", entity_kind.page, e))
                for e in self.k.entities(kind)
            ]
            units.append((None, partial(self.kind_index, kind)))
        units += [
            (k and partial(event_kind.key, k, e), partial(self._one, f"events/{e.id}.md", event_kind.page, e))
            for e in self.k.events
        ]
        units += [
            (
                k and partial(anniversary_kind.key, k, a),
                partial(self._one, f"anniversaries/{a.id}.md", anniversary_kind.page, a),
            )
            for a in self.k.anniversaries
        ]
        units += [(None, self.indexes), (None, self.timelines), (None, self.on_this_day), (None, self.corpus_pages)]
        return units

    def _one(self, uri: str, make: Callable, item) -> dict[str, str]:
        pages = {uri: make(self, item)}
        pages.update(self.extra)  # its continuation pages, made as it was
        self.extra.clear()
        return pages

    def indexes(self) -> dict[str, str]:
        pages = self.index(
            "articles/index.md",
            "Articles",
            ["Title", "Date", "File"],
            intro=f"{len(self.k.articles)} articles, newest first.",
            rows=[
                {
                    "name": self.titles[a.id],
                    "url": f"{a.id}.md",
                    "cells": [(a.date or "—") + ("" if a.date_given or not a.date else " (inferred)"), a.source],
                }
                for a in self.k.articles
            ],
        )
        pages.update(
            self.index(
                "events/index.md",
                "Events",
                ["Event", "Type", "Date", "Articles"],
                intro=Markup(
                    f"{len(self.k.events)} events, in date order. See also the [timeline](../timeline/index.md)."
                ),
                rows=[
                    {"name": e.name, "url": f"{e.id}.md", "cells": [e.type, e.date or "—", len(e.articles)]}
                    for e in self.k.events
                ],
            )
        )
        pages.update(
            self.index(
                "anniversaries/index.md",
                "Anniversaries",
                ["Anniversary", "Year", "Articles"],
                extra=self.coming_anniversaries(),
                intro=f"{len(self.k.anniversaries)} anniversaries named in the corpus.",
                rows=[
                    {"name": anniversary_label(a), "url": f"{a.id}.md", "cells": [a.year or "—", len(a.articles)]}
                    for a in self.k.anniversaries
                ],
            )
        )
        return pages

    def corpus_pages(self) -> dict[str, str]:
        """The home page, and the corpus health page over as many pages as its problems need."""
        first, problems = "corpus/health.md", self.k.problems
        parts = paging.chunks(problems, paging.INDEX_ROWS)
        errors = sum(p.severity == "error" for p in problems)
        # Articles neither dated by their file nor datable from their text: their events and
        # relative dates ("last week") stay undated until the owner gives a date.
        undated = [
            {"title": self.titles[a.id], "url": f"../articles/{a.id}.md", "source": a.source}
            for a in sorted(self.k.articles, key=lambda a: a.source)
            if a.date is None
        ]
        # Articles whose file gives no headline: their title is made from their first words.
        untitled = [
            {"title": self.titles[a.id], "url": f"../articles/{a.id}.md", "source": a.source}
            for a in sorted(self.k.articles, key=lambda a: a.source)
            if a.title is None
        ]
        pages = {
            paging.uri(first, n): self.page(
                "health.md.j2",
                problems=part,
                total=len(problems),
                errors=errors,
                files=len(self.k.articles),
                title="Corpus health" if n == 1 else f"Corpus health (page {n} of {len(parts)})",
                pager=paging.pager(first, len(parts), n),
                unsure=len(self.k.also_named),
                undated=undated[:UNDATED_LISTED] if n == 1 else [],
                undated_total=len(undated),
                untitled=untitled[:UNDATED_LISTED] if n == 1 else [],
                untitled_total=len(untitled),
            )
            for n, part in enumerate(parts, start=1)
        }
        pages.update(self.unsure_pages())
        pages.update(self.review_pages())
        if any(a.tags for a in self.k.articles):
            pages["corpus/tags.md"] = self.tags_page()
        pages["index.md"] = self.home()
        return pages

    def tags_page(self) -> str:
        """Every tag the articles' files give (Markdown front matter, feeds, web pages), with its articles."""
        tagged: dict[str, dict] = {}
        for article in sorted(self.k.articles, key=lambda a: (a.date or "", a.id), reverse=True):
            for tag in article.tags:
                entry = tagged.setdefault(tag_anchor(tag), {"name": tag, "anchor": tag_anchor(tag), "articles": []})
                entry["articles"].append(
                    {"title": self.titles[article.id], "url": f"../articles/{article.id}.md", "date": article.date}
                )
        tags = sorted(tagged.values(), key=lambda t: (t["name"].casefold(), t["anchor"]))
        return self.page("tags.md.j2", title="Tags", tags=tags)

    def unsure_pages(self) -> dict[str, str]:
        """Names found without the evidence a page needs, with the reason: a site owner reviews
        them in minutes and confirms, renames or rejects each in annals.yml."""
        first = "corpus/unsure.md"
        names = sorted(self.k.also_named, key=lambda e: (e.name.casefold(), e.kind, e.id))
        parts = paging.chunks(names, paging.INDEX_ROWS)
        rows = [
            [
                {
                    "name": e.name,
                    "kind": KIND_LABELS[e.kind].lower(),
                    "doubt": e.doubt,
                    "articles": [{"title": self.titles[a], "url": f"../articles/{a}.md"} for a in e.articles[:3]],
                    "more": max(0, len(e.articles) - 3),
                }
                for e in part
            ]
            for part in parts
        ]
        return {
            paging.uri(first, n): self.page(
                "unsure.md.j2",
                rows=part,
                total=len(names),
                title="Names without a page" if n == 1 else f"Names without a page (page {n} of {len(parts)})",
                pager=paging.pager(first, len(parts), n),
            )
            for n, part in enumerate(rows, start=1)
        }

    def review_pages(self) -> dict[str, str]:
        """The owner's review (see `review`): a summary, and a paged list for each kind of doubt."""
        single = sorted(
            ((kind, e) for kind in KIND_FOLDERS for e in self.k.entities(kind) if len(e.mentions) == 1),
            key=lambda pair: (pair[1].name.casefold(), pair[0], pair[1].id),
        )
        missing = (
            (e, " and ".join(w for w, lacks in (("place", not e.place), ("day", not days.day_of(e.date))) if lacks))
            for e in self.k.events
        )
        loose = [(e, what) for e, what in missing if what]
        undated = sorted((a for a in self.k.articles if a.date is None), key=lambda a: a.source)
        lists = {
            "one-mention.md": (
                "Pages resting on one mention",
                ["Page", "Kind", "The one sentence", "To take it away"],
                "Each of these pages rests on a single sentence: check it, and take the page away if it names no such thing.",
                [
                    review.one_mention(
                        e,
                        KIND_LABELS[kind],
                        KIND_FOLDERS[kind],
                        self.marked(self.sentence_line(m.article, m.sentence, m.text), m.text),
                        self.titles.get(m.article, m.article),
                        m.article,
                    )
                    for kind, e in single
                    for m in e.mentions[:1]
                ],
            ),
            "events.md": (
                "Events without a place or a day",
                ["Event", "Type", "Date", "Missing", "To take it away"],
                "Events whose articles give no place, or no day: the least certain of the site.",
                [review.loose_event(e, missing) for e, missing in loose],
            ),
            "undated.md": (
                "Articles without a date",
                ["Article", "File", "To give it a date"],
                "No date is written in these files or their headers, and their text gives no evidence of one.",
                [review.undated(a, self.titles[a.id]) for a in undated],
            ),
        }
        pages = {
            f"{review.FOLDER}/review.md": self.page(
                "review.md.j2",
                counts={
                    "unsure": len(self.k.also_named),
                    "single": len(single),
                    "events": len(loose),
                    "undated": len(undated),
                },
            )
        }
        for name, (title, headers, intro, rows) in lists.items():
            first = f"{review.FOLDER}/{name}"
            parts = paging.chunks(rows, paging.INDEX_ROWS)
            for n, part in enumerate(parts, start=1):
                pages[paging.uri(first, n)] = self.page(
                    "review-list.md.j2",
                    title=title if n == 1 else f"{title} (page {n} of {len(parts)})",
                    headers=headers,
                    rows=part,
                    intro=intro,
                    pager=paging.pager(first, len(parts), n),
                )
        return pages

    def coming_anniversaries(self, up: str = "../") -> Markup | None:
        """The next round (5th and 10th) anniversaries of what the corpus commemorates, after
        its newest article: an editor's calendar."""
        newest = max((int(a.date[:4]) for a in self.k.articles if a.date), default=None)
        bases: dict[tuple, tuple[int, str]] = {}
        for a in sorted(self.k.anniversaries, key=lambda a: (a.event is None, a.id)):
            if a.year and newest:
                bases.setdefault((a.event or a.of.lower(), a.year - a.ordinal), (a.year - a.ordinal, a.of))
        rows = []
        for (event_id, _), (base, of) in sorted(bases.items(), key=lambda kv: (kv[1][0], kv[1][1])):
            event = self.events_by_id.get(event_id)
            link = f"[{md(event.name)}]({up}events/{event_id}.md)" if event else md(of)
            first = ((newest - base) // 5 + 1) * 5
            for n in sorted({first, first if first % 10 == 0 else first + 5}):
                rows.append(f"| {ordinal(n)} | {link} | {base + n} |")
        if not rows:
            return None
        return Markup(
            f"## Coming round anniversaries\n\nAfter the newest article ({newest}):\n\n"
            "| Anniversary | Of | Year |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n"
        )

    def timelines(self) -> dict[str, str]:
        """The corpus timeline and one page per year."""
        years = timeline.years(self.k.events, self.k.articles, self.k.anniversaries)
        labels = {a.id: anniversary_label(a) for a in self.k.anniversaries}
        listed = sum(len(y["events"]) for y in years) <= TIMELINE_EVENTS
        pages = {"timeline/index.md": self.page("timeline.md.j2", years=years, listed=listed)}
        for year in years:
            first = f"timeline/{year['year']}.md"
            # A busy year's events and its articles both continue on numbered pages, side by side.
            events = paging.chunks([e for month in year["months"] for e in month["events"]], paging.INDEX_ROWS)
            articles = paging.chunks(year["articles"], paging.INDEX_ROWS)
            count = max(len(events), len(articles))
            for n in range(1, count + 1):
                pages[paging.uri(first, n)] = self.page(
                    "year.md.j2",
                    year=year,
                    titles=self.titles,
                    labels=labels,
                    first=n == 1,
                    months=timeline.by_month(events[n - 1]) if n <= len(events) else [],
                    articles=articles[n - 1] if n <= len(articles) else [],
                    title=year["year"] if n == 1 else f"{year['year']} (page {n} of {count})",
                    pager=paging.pager(first, count, n),
                )
        return pages

    def calendar(self) -> dict[str, dict]:
        if self._calendar is None:
            self._calendar = days.collect(self.k.events, self.k.articles, self.k.anniversaries, self.events_by_id)
        return self._calendar

    def day_counts(self) -> Raw:
        """What each day holds, as JSON for an HTML attribute (see the `today` macro)."""
        return Raw(html.escape(json.dumps(days.counts(self.calendar()), separators=(",", ":"))))

    def on_this_day(self) -> dict[str, str]:
        """The calendar of days and a page for each day that has anything on it."""
        calendar = self.calendar()
        labels = {a.id: anniversary_label(a) for a in self.k.anniversaries}
        order = list(calendar)
        pages = {
            f"{days.FOLDER}/index.md": self.page("days.md.j2", months=days.months(calendar), counts=self.day_counts())
        }
        for n, (day, entry) in enumerate(calendar.items()):
            near = [
                {"day": d, "label": days.day_label(d)} if d else None
                for d in (order[n - 1] if n > 0 else None, order[n + 1] if n + 1 < len(order) else None)
            ]
            pages[f"{days.FOLDER}/{day}.md"] = self.page(
                "day.md.j2",
                title=days.day_label(day),
                entry=entry,
                previous=near[0],
                next=near[1],
                titles=self.titles,
                labels=labels,
            )
        return pages

    def timeline_rows(self, events: list[Event], article_ids: list[str]) -> list[tuple]:
        articles = [self.articles[a] for a in article_ids if a in self.articles]
        rows = timeline.rows(events, articles, self.titles, "../")
        return rows[-TIMELINE_ROWS:]  # the latest, so that a much-named entity's page stays light

    def home(self) -> str:
        """The corpus at a glance: its counts, a strip of its years, what happened on today's
        date, the busiest names, the latest events and articles, and the coming anniversaries."""
        dated = sorted(a.date for a in self.k.articles if a.date)
        counts = {
            "articles": len(self.k.articles),
            "people": len(self.k.people),
            "organizations": len(self.k.organizations),
            "places": len(self.k.places),
            "events": len(self.k.events),
            "anniversaries": len(self.k.anniversaries),
        }
        # The kinds of page with an index, in the order of the tabs: (label, folder, how many).
        kinds = [(label, folder, counts[folder]) for label, folder in SECTIONS.values() if folder in counts]
        latest = [{"id": a.id, "title": self.titles[a.id], "date": a.date} for a in self.k.articles[:HOME_ROWS]]
        people = sorted(self.k.people, key=lambda e: (-len(e.mentions), e.name))[:HOME_ROWS]
        named = [(e, KIND_FOLDERS[kind]) for kind in ("organization", "place") for e in self.k.entities(kind)]
        named = sorted(named, key=lambda pair: (-len(pair[0].articles), pair[0].name, pair[1]))[:HOME_ROWS]
        events = sorted((e for e in self.k.events if e.date), key=lambda e: (e.date, e.name), reverse=True)[:HOME_ROWS]
        return self.page(
            "home.md.j2",
            site_title=self.site_title,
            counts=counts,
            kinds=kinds,
            latest=latest,
            top_people=people,
            top_named=named,
            latest_events=events,
            strip=self.strip(),
            span=(dated[0][:4], dated[-1][:4]) if dated else None,
            problems=self.k.problems,
            day_counts=self.day_counts(),
            coming=self.coming_anniversaries(""),
        )

    def strip(self) -> list[dict]:
        """Each year with dated articles or events, its bar's height against the busiest year's."""
        years = timeline.years(self.k.events, self.k.articles, [])
        sizes = [len(y["articles"]) + len(y["events"]) for y in years]
        top = max(sizes, default=0) or 1
        return [
            {
                "year": y["year"],
                "articles": len(y["articles"]),
                "events": len(y["events"]),
                "height": max(4, round(100 * n / top)),
            }
            for y, n in zip(years, sizes, strict=True)
        ]


def render_pages(
    knowledge: Knowledge, site_title: str = "Annals", processes: int = 1, memo_dir: Path | None = None
) -> dict[str, str]:
    """Every page. With `processes` 2, half of the work runs in a forked process (see `process.share`);
    with `memo_dir`, the work whose key is unchanged since the last run there is reused (see `memo`)."""
    renderer = Renderer(knowledge, site_title)
    store = memo.Memo(memo_dir) if memo_dir is not None else None
    units = renderer.units(memo.Keys(renderer, processes) if store is not None else None)
    # One pass for keys and pages, shared out between the processes: a unit whose key the memo
    # holds comes back without its pages (the memo is read where it was loaded, not sent back).
    made = [
        (key, pages if pages is not None else store.pages[key])
        for key, pages in share.run([partial(_made, store, key, make) for key, make in units], processes)
    ]
    if store is not None:
        store.save({key: pages for key, pages in made if key})
    result: dict[str, str] = {}
    for _, pages in made:
        result.update(pages)
    return result


def _made(store: memo.Memo | None, key: Callable[[], str] | None, make: Callable[[], dict[str, str]]) -> tuple:
    """(the unit's key, its pages, or None where the memo holds them)."""
    key = key() if key is not None else None
    if key is not None and key in store.pages:
        return key, None
    return key, make()
