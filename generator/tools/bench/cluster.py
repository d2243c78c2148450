"""The cluster benchmark: the same synthetic articles extracted by the built-in process pool and
by a Dask scheduler, one after the other in one run, with no cache; both must give the same
extractions."""

from __future__ import annotations

import platform
import time
from pathlib import Path

from generator.tools.bench.synthetic import MEDIAN_WORDS, write_corpus


def run(articles: int, folder: Path, seed: int, scheduler: str, say=print, median_words: int = MEDIAN_WORDS) -> dict:
    from generator.config import Settings
    from generator.extract import Extractor, nlp
    from generator.ingest import read_corpus
    from generator.process import cluster
    from generator.process.cores import Cores

    corpus = folder / "corpus"
    words = write_corpus(corpus, articles, seed, median_words)
    settings = Settings.load(corpus, None)
    read, _ = read_corpus(settings)
    cores = Cores.decide("bench", scheduler)
    say(f"corpus: {articles} synthetic articles, {words} words (seed {seed})")
    say(f"machine: {platform.machine()}, {cores.workers} cores, Python {platform.python_version()}")
    nlp.load()  # this process's model: not counted in either figure

    start = time.perf_counter()
    pool, _ = Extractor(settings).run(read, None, workers=cores.workers)
    pool_seconds = time.perf_counter() - start
    say(f"built-in pool, {cores.workers} processes: {pool_seconds:.1f} s ({articles / pool_seconds:.1f} articles/s)")

    start = time.perf_counter()
    with cluster.client_for(scheduler):  # the cluster's start, timed apart from the extraction
        started = time.perf_counter() - start
    start = time.perf_counter()
    dask, _ = Extractor(settings).run(read, None, scheduler=scheduler)
    dask_seconds = time.perf_counter() - start
    say(
        f"Dask, {scheduler}: {dask_seconds:.1f} s ({articles / dask_seconds:.1f} articles/s), with the "
        f"cluster's start (about {started:.1f} s alone) and each worker's model load"
    )
    overhead = (dask_seconds - pool_seconds) / articles * 1000
    say(f"Dask against the pool: {dask_seconds / pool_seconds:.2f}x, {overhead:+.1f} ms an article")
    same = {k: v.to_dict() for k, v in pool.items()} == {k: v.to_dict() for k, v in dask.items()}
    say(f"same extractions: {'yes' if same else 'NO'}")
    return {"pool": pool_seconds, "dask": dask_seconds, "start": started, "same": same}
