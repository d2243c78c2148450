"""The whole pipeline, stage after stage: ingest → extract → resolve → render."""

from __future__ import annotations

import hashlib
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from slugify import slugify

from generator.config import Settings
from generator.extract import Extractor
from generator.ingest import read_corpus
from generator.ingest.given import give_dates
from generator.model import Knowledge, Problem
from generator.process.cores import ONE, Cores
from generator.process.memory import gc_paused
from generator.render import render_pages
from generator.resolve import resolve

USER_FILE_LABEL = "annals.yml"  # problems with the site's own settings file are reported under this name


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended: the second process that
    ingest and render fork (not the extraction workers, children of a fork server)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)  # wall seconds
    cpu: dict[str, float] = field(default_factory=dict)

    def run(self, name, func, *args, **kwargs):
        start, cpu = time.perf_counter(), cpu_seconds()
        result = func(*args, **kwargs)
        self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu_seconds() - cpu
        return result


def build_knowledge(settings: Settings, progress=None, timings: Timings | None = None, cores: Cores = ONE) -> Knowledge:
    """The corpus' knowledge, made with the cores the run was given (see `process.cores`)."""
    timings = timings or Timings()
    with gc_paused():  # not around extraction: spaCy's objects may hold cycles
        articles, problems = timings.run("ingest", read_corpus, settings, cores.processes)
        articles = give_dates(articles, (settings.user.get("fixes") or {}).get("dates") or {}, problems)
    problems = [Problem(USER_FILE_LABEL, p, "warning") for p in settings.problems] + problems
    extractor = Extractor(settings)
    extractions, failures = timings.run(
        "extract", extractor.run, articles, settings.cache_dir, progress, cores.workers, cores.scheduler, settings.store
    )
    with gc_paused():
        return timings.run("resolve", resolve, articles, extractions, settings, problems + failures)


def generate(
    settings: Settings, site_title: str = "Annals", progress=None, timings: Timings | None = None, cores: Cores = ONE
) -> tuple[Knowledge, dict[str, str]]:
    """The knowledge and its pages, made with the cores the run was given."""
    timings = timings or Timings()
    knowledge = build_knowledge(settings, progress, timings, cores)
    # With a cache, render keeps its pages there and the next run renders only the work an edit changed.
    memo_dir = settings.cache_dir / "render" if settings.cache_dir else None
    with gc_paused():
        pages = timings.run("render", render_pages, knowledge, site_title, cores.processes, memo_dir)
    return knowledge, pages


def default_cache(corpus: Path) -> Path:
    """The command line's cache: in the user's cache folder, one folder a corpus, never among the
    user's own files ("~/.cache/annals/my-articles-1a2b3c4d5e6f" on Linux)."""
    root = corpus.resolve()
    key = hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return Path(platformdirs.user_cache_dir("annals")) / f"{slugify(root.name, max_length=40) or 'corpus'}-{key}"
