"""The scale benchmark: a synthetic corpus built cold, then rebuilt warm after one edit."""

from __future__ import annotations

import os
import platform
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator import pipeline
from generator.bench.synthetic import write_corpus
from generator.commands.mkdocs_config import find_config, point_at


@dataclass
class Build:
    seconds: float
    stages: dict[str, float] = field(default_factory=dict)


def build(corpus: Path, cache: Path, site: Path, dirty: bool = False) -> Build:
    """`mkdocs build [--dirty]` of the repository's site for `corpus`, through the hook, as users run it."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    point_at(corpus, cache)
    start = time.perf_counter()
    config = load_config(str(find_config(None)), site_dir=str(site))
    # MkDocs keeps plugin objects between configurations loaded in one process; Material's search
    # would merge the index of the last dirty build into this one. Each build here is a fresh run.
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None
    config.plugins.on_startup(command="build", dirty=dirty)
    mkdocs_build(config, dirty=dirty)
    seconds = time.perf_counter() - start
    stages = dict(pipeline.LAST_RUN["timings"].stages)
    stages["mkdocs"] = seconds - sum(stages.values())
    return Build(seconds, stages)


def site_figures(site: Path) -> dict[str, float | str]:
    pages = [p for p in site.rglob("*.html")]
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = site / "search" / "search_index.json"
    return {
        "html pages": len(pages),
        "site size (MB)": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "largest page (KB)": largest.stat().st_size / 1e3,
        "largest page": largest.relative_to(site).as_posix(),
        "search index (MB)": index.stat().st_size / 1e6 if index.exists() else 0.0,
    }


def run(articles: int, work: Path, seed: int = 1, echo=print) -> dict:
    corpus, cache, site = work / "corpus", work / "cache", work / "site"
    start = time.perf_counter()
    words = write_corpus(corpus, articles, seed)
    echo(f"corpus: {articles} synthetic articles, {words:,} words (seed {seed}), written in "
         f"{time.perf_counter() - start:.1f} s")
    echo(f"machine: {platform.machine()}, {len(os.sched_getaffinity(0))} cores, "
         f"Python {platform.python_version()}")
    cold = build(corpus, cache, site)
    echo(f"cold build: {cold.seconds:.1f} s (" + ", ".join(f"{k} {v:.1f} s" for k, v in cold.stages.items()) + ")")
    edited = sorted(corpus.rglob("*.txt"))[articles // 2]
    with open(edited, "a", encoding="utf-8") as handle:
        handle.write("\nA late paragraph: Mayor Anna Berg of Lisbon said the works would start in June.\n")
    warm = build(corpus, cache, site, dirty=True)
    echo(f"warm rebuild after editing one article: {warm.seconds:.1f} s ("
         + ", ".join(f"{k} {v:.1f} s" for k, v in warm.stages.items()) + ")")
    figures = site_figures(site)
    for key, value in figures.items():
        echo(f"{key}: {value:.1f}" if isinstance(value, float) else f"{key}: {value}")
    # Extraction workers are forkserver children, outside RUSAGE_CHILDREN: each holds one model.
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    echo(f"peak memory: {main:.0f} MB (main process; each extraction worker adds about one spaCy model)")
    return {"cold": cold, "warm": warm, "figures": figures, "words": words}
