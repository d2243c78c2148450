"""The scale benchmark: a synthetic corpus built cold, then rebuilt warm after one edit."""

from __future__ import annotations

import os
import platform
import resource
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.mkdocs.configfile import annals_plugin, find_config, load
from generator.tools.bench.synthetic import MEDIAN_WORDS, write_corpus


@dataclass
class Build:
    seconds: float
    stages: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)  # the pipeline's stages only
    knowledge: object = None  # what the build made


def build(corpus: Path, cache: Path, site: Path, dirty: bool = False) -> Build:
    """`mkdocs build [--dirty]` of the repository's site for `corpus`, through the plugin, as users run it."""
    from mkdocs.commands.build import build as mkdocs_build

    start = time.perf_counter()
    config = load(find_config(None), corpus, cache, site_dir=str(site))
    # MkDocs keeps plugin objects between configurations loaded in one process; Material's search
    # would merge the index of the last dirty build into this one. Each build here is a fresh run.
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None
    config.plugins.on_startup(command="build", dirty=dirty)
    mkdocs_build(config, dirty=dirty)
    seconds = time.perf_counter() - start
    result = annals_plugin(config).result
    stages = dict(result["timings"].stages)
    stages["mkdocs"] = seconds - sum(stages.values())
    return Build(seconds, stages, dict(result["timings"].cpu), result["knowledge"])


def site_figures(site: Path) -> dict[str, float | str]:
    pages = [p for p in site.rglob("*.html")]
    largest = max(pages, key=lambda p: p.stat().st_size)
    lunr = site / "search" / "search_index.json"
    bundle = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    search = [lunr] if not bundle else bundle
    biggest = max(search, key=lambda p: p.stat().st_size)
    return {
        "html pages": len(pages),
        "site size (MB)": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "largest page (KB)": largest.stat().st_size / 1e3,
        "largest page": largest.relative_to(site).as_posix(),
        "pages over 200 KB": sum(1 for p in pages if p.stat().st_size > 200_000),
        "search": "pagefind" if bundle else "material",
        "search index (MB)": sum(p.stat().st_size for p in search) / 1e6,
        "search files": len(search),
        "largest search file (KB)": biggest.stat().st_size / 1e3,
    }


class MemoryWatch:
    """Peak resident memory of this process and all its descendants (the extraction workers
    are forkserver children, outside RUSAGE_CHILDREN), sampled from /proc twice a second."""

    def __init__(self) -> None:
        self.peak = 0
        self.peak_at = 0.0  # seconds from the start: which stage it falls in
        self._start = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            now = tree_rss(os.getpid())
            if now > self.peak:
                self.peak, self.peak_at = now, time.perf_counter() - self._start


def tree_rss(root: int) -> int:
    """Bytes resident in `root` and its descendants (Linux)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        pid = int(stat.parent.name)
        parents[pid], rss[pid] = int(fields[1]), int(fields[21]) * resource.getpagesize()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


def pipe_ratio(corpus: Path, sample: int = 200) -> tuple[float, float]:
    """Articles a second through Annals' extraction and through spaCy's own `nlp.pipe` with the
    same components, on the same texts, in one process: the overhead of the extraction code."""
    from generator.config import Settings
    from generator.extract import Extractor, dates, nlp
    from generator.ingest import read_corpus

    settings = Settings.load(corpus, None)
    articles = read_corpus(settings)[0][:sample]
    extractor = Extractor(settings)
    model = nlp.with_patterns(
        extractor.patterns.get("patterns") or [], extractor.vocab.abbreviations + dates.ABBREVIATIONS
    )
    texts = [b.text for a in articles for b in a.blocks] + [a.title for a in articles if a.title]
    _ = extractor.vocab.gazetteer  # loaded once a build, as the model is: not per-article work
    spacy_seconds = ours_seconds = float("inf")
    for _ in range(2):  # the faster of two turns each, taken in turn: a busy machine slows either
        start = time.perf_counter()
        with nlp.one_blas_thread():  # as extraction parses
            for _ in model.pipe(texts, batch_size=64):
                pass
        spacy_seconds = min(spacy_seconds, time.perf_counter() - start)
        start = time.perf_counter()
        extractor.extract_all(articles)
        ours_seconds = min(ours_seconds, time.perf_counter() - start)
    return len(articles) / ours_seconds, len(articles) / spacy_seconds


EDIT = "\nA late paragraph: Mayor Anna Berg of Lisbon said the works would start in June.\n"


def edit_and_rebuild(article: Path, corpus: Path, cache: Path, site: Path) -> tuple[Build, int]:
    """Append a paragraph naming a person and a place to `article`, rebuild dirty; the build and
    the number of HTML pages it rewrote."""
    with open(article, "a", encoding="utf-8") as handle:
        handle.write(EDIT)
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    warm = build(corpus, cache, site, dirty=True)
    return warm, sum(1 for p in site.rglob("*.html") if before.get(p) != p.stat().st_mtime_ns)


def search_queries(knowledge) -> list[tuple[str, str]]:
    """What a reader would search the site for: the most-named person, place and organization,
    and a person named in a median number of articles. (what it is, query)"""

    def busiest(entities):
        return max(entities, key=lambda e: (len(e.mentions), e.id))

    queries = [
        (f"the most-named {kind}", busiest(entities).name)
        for kind, entities in (
            ("person", knowledge.people),
            ("place", knowledge.places),
            ("organization", knowledge.organizations),
        )
        if entities
    ]
    if knowledge.people:
        people = sorted(knowledge.people, key=lambda e: (len(e.mentions), e.id))
        queries.append(("a person named a median number of times", people[len(people) // 2].name))
    return queries


def run(articles: int, work: Path, seed: int = 1, echo=print, median_words: int = MEDIAN_WORDS) -> dict:
    corpus, cache, site = work / "corpus", work / "cache", work / "site"
    for folder in (corpus, cache, site):  # a cold build: nothing left from an earlier run
        shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    words = write_corpus(corpus, articles, seed, median_words)
    echo(
        f"corpus: {articles} synthetic articles, {words:,} words ({words / articles:.0f} an article, median "
        f"length asked {median_words}; seed {seed}), written in "
        f"{time.perf_counter() - start:.1f} s"
    )
    echo(f"machine: {platform.machine()}, {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}")
    with MemoryWatch() as memory:
        cold = build(corpus, cache, site)
    echo(f"cold build: {cold.seconds:.1f} s (" + ", ".join(f"{k} {v:.1f} s" for k, v in cold.stages.items()) + ")")
    texts = sorted(corpus.rglob("*.txt"))
    warm, rewritten = edit_and_rebuild(texts[articles // 2], corpus, cache, site)
    echo(
        f"warm rebuild after editing one article: {warm.seconds:.1f} s ("
        + ", ".join(f"{k} {v:.1f} s" for k, v in warm.stages.items())
        + f"); {rewritten} HTML pages rewritten"
    )
    # `mkdocs serve` rebuilds in the process that built before: spaCy is loaded once, for its first edit.
    again, again_rewritten = edit_and_rebuild(texts[articles // 3], corpus, cache, site)
    echo(
        f"next warm rebuild in the same process (as `mkdocs serve` rebuilds after its first edit): "
        f"{again.seconds:.1f} s ("
        + ", ".join(f"{k} {v:.1f} s" for k, v in again.stages.items())
        + f"); {again_rewritten} HTML pages rewritten"
    )
    figures = site_figures(site)
    for key, value in figures.items():
        echo(f"{key}: {value:.1f}" if isinstance(value, float) else f"{key}: {value}")
    echo(
        f"peak memory of the cold build: {memory.peak / 1e6:.0f} MB (all processes), "
        f"{memory.peak_at:.0f} s after it started"
    )
    cold_other = sum(v for k, v in cold.stages.items() if k in ("ingest", "resolve", "render"))
    echo(
        f"extraction vs the rest: extract {cold.stages['extract']:.1f} s, ingest + resolve + render "
        f"{cold_other:.1f} s ({cold.stages['extract'] / max(cold_other, 1e-9):.1f}x faster)"
    )
    # CPU time shows whether a stage was slow or waited on a busy machine (wall above CPU: it waited).
    echo(
        "CPU time of the rest (this process and its forked second process): "
        + ", ".join(f"{k} {cold.cpu[k]:.1f} s" for k in ("ingest", "resolve", "render"))
    )
    queries = search_queries(again.knowledge)
    try:
        from generator.tools.bench import search_latency

        for (what, query), found in zip(queries, search_latency.searches(site, [q for _, q in queries]), strict=True):
            biggest = max(found["downloads"], key=lambda d: d[1])
            echo(
                f"search in headless Chromium for {query!r} ({what}): first results after "
                f"{found['seconds']:.2f} s; first result {found['titles'][0]!r}; {len(found['downloads'])} files "
                f"downloaded with the page, {sum(d[1] for d in found['downloads']) / 1e6:.2f} MB in all, "
                f"largest {biggest[1] / 1e3:.0f} KB ({biggest[0]})"
            )
    except Exception as exc:  # noqa: BLE001 - Chromium or Playwright missing: the other figures stand
        echo(f"search latency not measured ({type(exc).__name__}: {exc})")
    ours, spacy = pipe_ratio(corpus)
    echo(
        f"extraction throughput (one process, 200 articles): {ours:.1f} articles/s; spaCy nlp.pipe with the "
        f"same components: {spacy:.1f} articles/s (ratio {spacy / ours:.2f}x)"
    )
    return {
        "cold": cold,
        "warm": warm,
        "again": again,
        "figures": figures,
        "words": words,
        "peak": memory.peak,
        "pipe": (ours, spacy),
        "rewritten": rewritten,
    }
