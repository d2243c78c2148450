"""Scoring an extraction against a gold file, by the rules of the gold README.

This is the reference scorer's algorithm (`shared/gold/score.py`), step for step, so that
`annals evaluate` and the scorer report the same figures; it adds the list of every miss
and extra (`--details`). Names are compared after folding case, accents, punctuation, a
possessive and a leading "the". Per article, each gold entry takes the first linked entity,
not yet taken, that has it as its name or an alias; linked entities left over that match no
optional entry are false positives; counts are summed over articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import yaml

KINDS = ("people", "organizations", "places")


def fold(text) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    text = re.sub(r"^\s*the\s+", "", text)
    return " ".join(text.split())


def date_parts(value) -> tuple[int, ...]:
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(value)) if value is not None else None
    return tuple(int(x) for x in match.groups() if x) if match else ()


def date_agrees(predicted, gold) -> bool:
    """The two dates agree on every part both have (and the prediction has a year)."""
    p, g = date_parts(predicted), date_parts(gold)
    n = min(len(p), len(g))
    return bool(p and g) and p[:n] == g[:n]


def date_right(predicted, gold) -> bool:
    """The prediction agrees with the gold date on every part the gold date has."""
    p, g = date_parts(predicted), date_parts(gold)
    return bool(p) and len(p) >= len(g) and p[: len(g)] == g


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

    def row(self) -> dict:
        """The scorer's own row: rounded as `score.py --json` prints it."""
        return {
            "p": round(self.precision, 3),
            "r": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=dict)
    identity: dict[str, dict] = field(default_factory=dict)  # people / events: split, merged, total
    splits: dict[str, list[str]] = field(default_factory=dict)
    merges: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, list[int]] = field(default_factory=dict)  # date_right etc.: [right, of]
    date_errors: list[str] = field(default_factory=list)
    missing_articles: list[str] = field(default_factory=list)

    def fraction(self, name: str) -> float:
        right, total = self.counts.get(name, [0, 0])
        return right / total if total else 1.0

    def as_dict(self) -> dict:
        """The figures under the names and in the shape `score.py --json` prints."""
        out: dict = {"articles_missing": self.missing_articles}
        for name in ("date_given_right", "title_right", "date_year_right", "date_right"):
            out[name] = "{}/{}".format(*self.counts.get(name, [0, 0]))
        out.update({kind: score.row() for kind, score in self.scores.items()})
        out["person_identity"] = self.identity.get("people", {"split": 0, "merged": 0, "total": 0})
        out["event_identity"] = self.identity.get("events", {"split": 0, "merged": 0, "total": 0})
        return out

    def table(self) -> str:
        lines = [f"{'kind':<15}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"]
        for kind, s in self.scores.items():
            lines.append(f"{kind:<15}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:5d}{s.fp:5d}{s.fn:5d}")
        for name, label in (
            ("date_right", "publication date right"),
            ("date_year_right", "publication year right"),
            ("date_given_right", "stated dates read right"),
            ("title_right", "headlines read right"),
        ):
            lines.append(f"{label}: {'{}/{}'.format(*self.counts.get(name, [0, 0]))}")
        for kind in ("people", "events"):
            ident = self.identity.get(kind, {})
            lines.append(f"{kind}: {ident.get('split', 0)} split over pages, {ident.get('merged', 0)} merged into one")
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
        out.extend(f"  {e}" for e in self.date_errors)
        return "\n".join(out)


def names_of(entity: dict) -> set[str]:
    names = {fold(entity.get("name"))} | {fold(a) for a in entity.get("aliases") or []}
    names.discard("")
    return names


def _article_key(article: dict) -> str:
    source = article.get("source") or article.get("id") or ""
    return source.replace("\\", "/").split("/")[-1]


def _gold_names(entry) -> set[str]:
    if isinstance(entry, str):
        return {fold(entry)}
    return {fold(entry["name"])} | {fold(a) for a in entry.get("aliases") or []}


def evaluate(knowledge: dict, gold: dict) -> Report:
    """`knowledge` is the export's dict (generator.export.knowledge_dict)."""
    report = Report()
    by_file = {_article_key(a): a for a in knowledge.get("articles", [])}
    linked: dict[str, dict[str, list[dict]]] = {kind: defaultdict(list) for kind in (*KINDS, "events", "anniversaries")}
    for kind in linked:
        for item in knowledge.get(kind, []):
            for article_id in item.get("articles") or []:
                linked[kind][article_id].append(item)
    speakers = {e.get("id"): e for e in knowledge.get("people", []) + knowledge.get("organizations", [])}
    quotes = defaultdict(list)
    for quote in knowledge.get("quotes", []):
        if quote.get("direct", True) is not False:  # reported speech is not scored
            quotes[quote.get("article")].append(quote)
    for kind in (*KINDS, "events", "anniversaries", "quotes"):
        report.scores[kind] = Score()
    counts = report.counts = {n: [0, 0] for n in ("date_given_right", "title_right", "date_year_right", "date_right")}
    mapped: dict[str, dict[str, set]] = {"people": defaultdict(set), "events": defaultdict(set)}
    gold_events = gold.get("events") or {}
    for gold_article in gold.get("articles") or []:
        name = gold_article["file"]
        article = by_file.get(name)
        counts["date_given_right"][1] += bool(gold_article.get("date_given"))
        counts["date_year_right"][1] += 1
        counts["date_right"][1] += 1
        if article is None:
            report.missing_articles.append(name)
            for kind in KINDS:
                _miss(report.scores[kind], name, gold_article.get(kind) or [])
            _miss(report.scores["events"], name, [e["key"] for e in gold_article.get("events") or []])
            _miss(
                report.scores["anniversaries"],
                name,
                {(int(a["ordinal"]), int(a["year"])) for a in gold_article.get("anniversaries") or []},
            )
            _miss(report.scores["quotes"], name, gold_article.get("quotes") or [])
            continue
        aid = article.get("id")
        _score_article_facts(gold_article, article, counts, report)
        for kind in KINDS:
            _score_names(kind, gold_article, linked[kind][aid], report.scores[kind], mapped)
        _score_events(gold_article, gold_events, linked["events"][aid], report.scores["events"], mapped)
        _score_anniversaries(gold_article, linked["anniversaries"][aid], report.scores["anniversaries"])
        _score_quotes(gold_article, quotes[aid], speakers, report.scores["quotes"])
    for kind, gold_to_pred in mapped.items():
        report.identity[kind] = _identity(gold_to_pred)
        report.splits[kind] = sorted(f"{g} -> {sorted(p)}" for g, p in gold_to_pred.items() if len(p) > 1)
        pred_to_gold = defaultdict(set)
        for g, preds in gold_to_pred.items():
            for p in preds:
                pred_to_gold[p].add(g)
        report.merges[kind] = sorted(f"{p} <- {sorted(g)}" for p, g in pred_to_gold.items() if len(g) > 1)
    return report


def _miss(score: Score, name: str, entries) -> None:
    score.fn += len(entries)
    score.errors.extend(f"{name}: missed {e} (the article is not in the corpus)" for e in entries)


def _score_article_facts(gold_article: dict, article: dict, counts: dict, report: Report) -> None:
    name, gold_date, date = gold_article["file"], gold_article["date"], article.get("date")
    if gold_article.get("title"):
        counts["title_right"][1] += 1
        counts["title_right"][0] += fold(article.get("title")) == fold(gold_article["title"])
    if gold_article.get("date_given"):
        counts["date_given_right"][0] += date_right(date, gold_date)
    p, g = date_parts(date), date_parts(gold_date)
    counts["date_year_right"][0] += bool(p) and bool(g) and p[0] == g[0]
    counts["date_right"][0] += date_right(date, gold_date)
    if not date_right(date, gold_date):
        report.date_errors.append(f"date: {name}: gold {gold_date}, predicted {date}")


def _score_names(kind: str, gold_article: dict, predicted: list[dict], score: Score, mapped: dict) -> None:
    optional: set[str] = set()
    for entry in gold_article.get("optional_" + kind) or []:
        optional |= _gold_names(entry)
    names = [names_of(p) for p in predicted]
    used: set[int] = set()
    for entry in gold_article.get(kind) or []:
        gold_name = fold(entry if isinstance(entry, str) else entry["name"])
        hit = next((i for i, n in enumerate(names) if i not in used and gold_name in n), None)
        if hit is None:
            score.fn += 1
            score.errors.append(f"{gold_article['file']}: missed {gold_name}")
            continue
        used.add(hit)
        score.tp += 1
        if kind == "people":
            mapped["people"][gold_name].add(predicted[hit].get("id"))
    for i, p in enumerate(predicted):
        if i not in used and not names[i] & optional:
            score.fp += 1
            score.errors.append(f"{gold_article['file']}: extra {p.get('name')}")


def _score_events(gold_article: dict, gold_events: dict, predicted: list[dict], score: Score, mapped: dict) -> None:
    used: set[int] = set()
    for entry in gold_article.get("events") or []:
        gold_event = gold_events.get(entry["key"], {})
        hit = next((i for i, e in enumerate(predicted) if i not in used and _event_matches(e, gold_event)), None)
        if hit is None:
            score.fn += 1
            score.errors.append(f"{gold_article['file']}: missed event {entry['key']}")
            continue
        used.add(hit)
        score.tp += 1
        mapped["events"][entry["key"]].add(predicted[hit].get("id"))
    optional = gold_article.get("optional_events") or []
    for i, event in enumerate(predicted):
        if i in used or any(
            date_agrees(event.get("date"), o.get("date"))
            and (fold(event.get("type")) == fold(o.get("type")) or fold(event.get("name")) == fold(o.get("name")))
            for o in optional
        ):
            continue
        score.fp += 1
        score.errors.append(f"{gold_article['file']}: extra event {event.get('name')}")


def _event_matches(event: dict, gold_event: dict) -> bool:
    """Dates agree (with the start or the end), and the type or the place is the same."""
    if not (
        date_agrees(event.get("date"), gold_event.get("date"))
        or (gold_event.get("end") and date_agrees(event.get("date"), gold_event.get("end")))
    ):
        return False
    if fold(event.get("type")) == fold(gold_event.get("type")):
        return True
    place = event.get("place")
    places = {fold(place)} if isinstance(place, str) else {fold(x) for x in place or []}
    gold_place = fold(gold_event.get("place"))
    return bool(gold_place) and gold_place in places


def _score_anniversaries(gold_article: dict, predicted: list[dict], score: Score) -> None:
    gold = {(int(a["ordinal"]), int(a["year"])) for a in gold_article.get("anniversaries") or []}
    pred = {(int(a.get("ordinal") or 0), int(a.get("year") or 0)) for a in predicted}
    score.tp += len(gold & pred)
    score.fn += len(gold - pred)
    score.fp += len(pred - gold)
    score.errors.extend(f"{gold_article['file']}: missed anniversary {g}" for g in sorted(gold - pred))
    score.errors.extend(f"{gold_article['file']}: extra anniversary {p}" for p in sorted(pred - gold))


def _score_quotes(gold_article: dict, predicted: list[dict], speakers: dict, score: Score) -> None:
    used: set[int] = set()
    for gold in gold_article.get("quotes") or []:
        starts, speaker = fold(gold["starts"]), fold(gold["speaker"])
        hit = next(
            (
                i
                for i, q in enumerate(predicted)
                if i not in used
                and fold(q.get("text")).startswith(starts)
                and speaker in names_of(speakers.get(q.get("speaker"), {"name": q.get("speaker")}))
            ),
            None,
        )
        if hit is None:
            score.fn += 1
            score.errors.append(f"{gold_article['file']}: missed quote {gold['speaker']}: {gold['starts'][:40]}")
        else:
            score.tp += 1
            used.add(hit)
    for i, q in enumerate(predicted):
        if i not in used:
            score.fp += 1
            who = speakers.get(q.get("speaker"), {}).get("name", q.get("speaker"))
            score.errors.append(f"{gold_article['file']}: extra quote {who}: {str(q.get('text'))[:40]}")


def _identity(gold_to_pred: dict[str, set]) -> dict:
    """A gold thing split over several predicted ids; several gold things sharing one id."""
    seen: dict = {}
    merged = 0
    for g, ids in gold_to_pred.items():
        for i in ids:
            if i in seen and seen[i] != g:
                merged += 1
            seen[i] = g
    return {
        "split": sum(1 for ids in gold_to_pred.values() if len(ids) > 1),
        "merged": merged,
        "total": len(gold_to_pred),
    }


def load_gold(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)
