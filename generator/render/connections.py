"""Who an entity appears with, and what ties them: the same event, quoted in the same article,
named in the same article. Its page lists the strongest ties and draws them as a small graph of
one hop (the page's subject, its neighbours, and the ties between those neighbours in the
subject's articles), never a graph of the whole corpus: a page's cost stays that of its articles.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter, defaultdict
from itertools import combinations

SHOWN = 12  # neighbours listed and drawn
EVENT, QUOTED = 3, 2  # a tie's weight against one shared article
Key = tuple[str, str]  # (kind, entity id)


class Ties:
    """Indexes over the corpus, built once, that every entity page's connections read."""

    def __init__(self, knowledge, keys_in_article: dict[str, list[Key]], events_of: dict[Key, list]) -> None:
        self.keys_in_article, self.events_of = keys_in_article, events_of  # the renderer's
        # Who is quoted in each article: two speakers quoted in one article answer each other or the same question.
        self.quoted_in: dict[str, set[Key]] = defaultdict(set)
        self.quoted_articles: dict[Key, set[str]] = defaultdict(set)
        for quote in knowledge.quotes:
            key = (quote.speaker_kind, quote.speaker)
            self.quoted_in[quote.article].add(key)
            self.quoted_articles[key].add(quote.article)

    def of(self, key: Key, articles: list[str], known) -> tuple[list[tuple[Key, dict]], list[tuple[int, int, int]]]:
        """The strongest neighbours of `key` among the `known` entities, with their ties ({"events",
        "quoted", "articles"}: counts), and the graph's edges as (node, node, weight), node 0 `key`."""
        shared: Counter = Counter()
        for article_id in articles:  # Counter.update counts a list in C: a much-named entity has thousands
            shared.update(self.keys_in_article.get(article_id, ()))
        events: Counter = Counter()
        for event in self.events_of.get(key, ()):
            events.update(event_keys(event))
        quoted: Counter = Counter()
        for article_id in self.quoted_articles.get(key, ()):
            quoted.update(self.quoted_in[article_id])
        for counts in (shared, events, quoted):
            counts.pop(key, None)
        # A shared event says more than a quotation side by side, and that more than a shared article.
        strength = {
            k: EVENT * events[k] + QUOTED * quoted[k] + shared[k]
            for k in shared.keys() | events.keys() | quoted.keys()
            if k in known
        }
        top = heapq.nsmallest(SHOWN, strength, key=lambda k: (-strength[k], k))
        neighbours = [(k, {"events": events[k], "quoted": quoted[k], "articles": shared[k]}) for k in top]
        at = {k: n for n, k in enumerate(top, start=1)}
        edges = [(0, at[k], strength[k]) for k in top]
        between: Counter = Counter()
        for article_id in articles:
            present = sorted({at[k] for k in self.keys_in_article.get(article_id, ()) if k in at})
            between.update(combinations(present, 2))
        edges += [(a, b, n) for (a, b), n in sorted(between.items())]
        return neighbours, edges

    def inputs(self, key: Key, name_of) -> tuple:
        """What `of` reads beyond the entity's articles (whose names the render memo keys already):
        its events' people and places, and who else is quoted where it is, with their names."""
        keys = [k for e in self.events_of.get(key, ()) for k in event_keys(e)]
        keys += [k for a in sorted(self.quoted_articles.get(key, ())) for k in sorted(self.quoted_in[a])]
        return tuple((k, name_of(k)) for k in keys)


def event_keys(event) -> list[Key]:
    return [("person", p) for p in event.participants] + ([("place", event.place)] if event.place else [])


def ties_in_words(ties: dict) -> str:
    words = []
    if ties["events"]:
        words.append(f"{ties['events']} event{'s' if ties['events'] != 1 else ''} together")
    if ties["quoted"]:
        words.append(f"both quoted in {ties['quoted']} article{'s' if ties['quoted'] != 1 else ''}")
    if ties["articles"]:
        words.append(f"{ties['articles']} shared article{'s' if ties['articles'] != 1 else ''}")
    return " · ".join(words)


def graph_data(kinds: list[str], edges: list[tuple[int, int, int]]) -> str:
    """The graph as the page carries it: each node's kind, node 0 the subject and node n the
    list's n-th link (whose name and address the script reads from the list), and the edges."""
    return json.dumps({"kinds": kinds, "edges": [list(e) for e in edges]}, separators=(",", ":"))
