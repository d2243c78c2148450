"""Scoring an extraction against a gold file, by the rules of the gold README.

Names are compared after folding case, accents, punctuation and a leading "the". Per
article, a gold entry is found when an entity linked to the article has it as its name or
an alias; linked entities that match no gold entry are false positives; counts are summed
over articles. `optional_*` gold entries are neither required nor counted as errors.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import yaml

KINDS = ("people", "organizations", "places")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w\s]", "", text.replace("’", "'"))
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=dict)
    splits: dict[str, list[str]] = field(default_factory=dict)
    merges: dict[str, list[str]] = field(default_factory=dict)
    dates: dict[str, list] = field(default_factory=dict)  # given / inferred: [(file, gold, predicted, right, year_right)]
    missing_articles: list[str] = field(default_factory=list)

    def date_accuracy(self, group: str, year: bool = False) -> float:
        rows = self.dates.get(group, [])
        return sum(r[4 if year else 3] for r in rows) / len(rows) if rows else 1.0

    def table(self) -> str:
        lines = [f"{'kind':<15}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"]
        for kind, s in self.scores.items():
            lines.append(f"{kind:<15}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:5d}{s.fp:5d}{s.fn:5d}")
        for group in ("given", "inferred"):
            rows = self.dates.get(group, [])
            if rows:
                lines.append(f"date ({group}): {self.date_accuracy(group):.2f} right, "
                             f"{self.date_accuracy(group, True):.2f} year right, of {len(rows)}")
        for kind in ("people", "events"):
            lines.append(f"{kind}: {len(self.splits.get(kind, []))} split over pages, "
                         f"{len(self.merges.get(kind, []))} merged into one")
        if self.missing_articles:
            lines.append(f"articles in gold but not in the corpus: {', '.join(self.missing_articles)}")
        return "\n".join(lines)

    def details(self) -> str:
        out = []
        for kind, s in self.scores.items():
            out.extend(f"  {kind}: {e}" for e in s.errors)
        for kind in ("people", "events"):
            out.extend(f"  split {kind}: {e}" for e in self.splits.get(kind, []))
            out.extend(f"  merged {kind}: {e}" for e in self.merges.get(kind, []))
        for group, rows in self.dates.items():
            out.extend(f"  date {group}: {f} gold {g} predicted {p}" for f, g, p, ok, _ in rows if not ok)
        return "\n".join(out)


def _entry(item) -> tuple[str, set[str]]:
    if isinstance(item, dict):
        names = {fold(item["name"])} | {fold(a) for a in item.get("aliases") or []}
        return fold(item["name"]), names
    return fold(item), {fold(item)}


def date_right(gold: str, predicted: str | None) -> bool:
    return bool(predicted) and len(predicted) >= len(gold) and predicted[: len(gold)] == gold


def _agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def evaluate(knowledge: dict, gold: dict) -> Report:
    """`knowledge` is the export's dict (generator.export.knowledge_dict)."""
    report = Report()
    articles = {a["source"]: a for a in knowledge["articles"]}
    by_file = {}
    for source, article in articles.items():
        by_file[source] = article
        by_file.setdefault(source.rsplit("/", 1)[-1], article)
    linked = {kind: defaultdict(list) for kind in (*KINDS, "events")}
    for kind in (*KINDS, "events"):
        for item in knowledge[kind]:
            for article_id in item["articles"]:
                linked[kind][article_id].append(item)
    people_names = {p["id"]: {fold(p["name"])} | {fold(a) for a in p["aliases"]} for p in knowledge["people"]}
    place_names = {p["id"]: {fold(p["name"])} | {fold(a) for a in p["aliases"]} for p in knowledge["places"]}
    gold_events = gold.get("events") or {}
    mapped: dict[str, dict[str, set]] = {"people": defaultdict(set), "events": defaultdict(set)}
    for kind in (*KINDS, "events", "anniversaries", "quotes"):
        report.scores[kind] = Score()
    for gold_article in gold.get("articles") or []:
        article = by_file.get(gold_article["file"])
        if article is None:
            report.missing_articles.append(gold_article["file"])
            continue
        aid = article["id"]
        group = "given" if gold_article.get("date_given") else "inferred"
        gdate = str(gold_article["date"])
        report.dates.setdefault(group, []).append(
            (gold_article["file"], gdate, article["date"], date_right(gdate, article["date"]),
             bool(article["date"]) and article["date"][:4] == gdate[:4]))
        for kind in KINDS:
            _score_names(kind, gold_article, linked[kind][aid], report, mapped, aid)
        _score_events(gold_article, gold_events, linked["events"][aid], place_names, report, mapped)
        _score_anniversaries(gold_article, [a for a in knowledge["anniversaries"] if aid in a["articles"]], report)
        quotes = [q for q in knowledge["quotes"] if q["article"] == aid and q.get("direct", True)]
        _score_quotes(gold_article, quotes, people_names, report)
    for kind, gold_to_pred in mapped.items():
        report.splits[kind] = sorted(f"{g} -> {sorted(p)}" for g, p in gold_to_pred.items() if len(p) > 1)
        pred_to_gold = defaultdict(set)
        for g, preds in gold_to_pred.items():
            for p in preds:
                pred_to_gold[p].add(g)
        report.merges[kind] = sorted(f"{p} <- {sorted(g)}" for p, g in pred_to_gold.items() if len(g) > 1)
    return report


def _score_names(kind, gold_article, predicted, report, mapped, aid):
    score = report.scores[kind]
    required = [_entry(e) for e in gold_article.get(kind) or []]
    optional = [_entry(e) for e in gold_article.get(f"optional_{kind}") or []]
    pred_names = [({fold(p["name"])} | {fold(a) for a in p["aliases"]}, p) for p in predicted]
    used = set()
    for name, aliases in required:
        hits = [p for names, p in pred_names if name in names or fold(p["name"]) in aliases]
        if hits:
            score.tp += 1
            used.update(p["id"] for p in hits)
            if kind == "people":
                mapped["people"][name].update(p["id"] for p in hits)
        else:
            score.fn += 1
            score.errors.append(f"{gold_article['file']}: missed {name}")
    for names, p in pred_names:
        if p["id"] in used:
            continue
        if any(name in names or fold(p["name"]) in aliases for name, aliases in optional):
            continue
        score.fp += 1
        score.errors.append(f"{gold_article['file']}: extra {p['name']}")


def _score_events(gold_article, gold_events, predicted, place_names, report, mapped):
    score = report.scores["events"]
    used = set()

    def matches(event, gold_event):
        if not _agree(event["date"], str(gold_event.get("date") or "")):
            return False
        if event["type"] == gold_event.get("type"):
            return True
        place = gold_event.get("place")
        return bool(place and event["place"] and fold(place) in place_names.get(event["place"], set()))

    for entry in gold_article.get("events") or []:
        gold_event = gold_events.get(entry["key"], {})
        hits = [e for e in predicted if matches(e, gold_event)]
        # A hit of the right type is the event; one that only shares the place is another
        # event there (a visit and a summit in China the same month).
        hits = [e for e in hits if e["type"] == gold_event.get("type")] or hits
        if hits:
            score.tp += 1
            used.update(e["id"] for e in hits)
            mapped["events"][entry["key"]].update(e["id"] for e in hits)
        else:
            score.fn += 1
            score.errors.append(f"{gold_article['file']}: missed event {entry['key']}")
    optional = gold_article.get("optional_events") or []
    for event in predicted:
        if event["id"] in used or any(matches(event, o) for o in optional):
            continue
        score.fp += 1
        score.errors.append(f"{gold_article['file']}: extra event {event['name']}")


def _score_anniversaries(gold_article, predicted, report):
    score = report.scores["anniversaries"]
    gold = {(int(a["ordinal"]), int(a["year"])) for a in gold_article.get("anniversaries") or []}
    pred = {(a["ordinal"], a["year"]) for a in predicted}
    score.tp += len(gold & pred)
    score.fn += len(gold - pred)
    score.fp += len(pred - gold)
    score.errors.extend(f"{gold_article['file']}: missed anniversary {g}" for g in sorted(gold - pred))
    score.errors.extend(f"{gold_article['file']}: extra anniversary {p}" for p in sorted(pred - gold, key=str))


def _score_quotes(gold_article, predicted, people_names, report):
    score = report.scores["quotes"]
    used = set()
    for gold in gold_article.get("quotes") or []:
        speaker, starts = fold(gold["speaker"]), fold(gold["starts"])
        hit = next((i for i, q in enumerate(predicted) if i not in used
                    and speaker in people_names.get(q["speaker"], set()) and fold(q["text"]).startswith(starts)), None)
        if hit is None:
            score.fn += 1
            score.errors.append(f"{gold_article['file']}: missed quote {gold['speaker']}: {gold['starts'][:40]}")
        else:
            score.tp += 1
            used.add(hit)
    for i, q in enumerate(predicted):
        if i not in used:
            score.fp += 1
            score.errors.append(f"{gold_article['file']}: extra quote {q['speaker']}: {q['text'][:40]}")


def load_gold(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)
