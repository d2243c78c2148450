"""`annals bench`: time every stage on a corpus and print the figures."""

from __future__ import annotations

import platform
import resource
import shutil
import tempfile
import time
from pathlib import Path

import click

from generator.commands import corpus_option, settings_for
from generator.config import Settings
from generator.extract import nlp
from generator.mkdocs.configfile import find_config, load
from generator.pipeline import Timings, generate
from generator.process.cores import Cores
from generator.tools.bench.synthetic import MEDIAN_WORDS


@click.command("bench")
@corpus_option
@click.option("--repeat", default=1, show_default=True, help="Copies of the corpus to build (a larger corpus).")
@click.option("--site/--no-site", default=True, show_default=True, help="Also time the MkDocs build.")
@click.option(
    "--articles",
    type=int,
    default=None,
    help="Scale run instead: build N synthetic articles cold, then rebuild after one edit.",
)
@click.option("--seed", default=1, show_default=True, help="Seed of the synthetic corpus.")
@click.option(
    "--median-words",
    default=MEDIAN_WORDS,
    show_default=True,
    help="Median length of a synthetic article (400 gives the longer corpus of earlier runs).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS|local:N",
    help="With --articles: extract them with the built-in pool, then on this Dask scheduler, and compare.",
)
@click.option(
    "--keep",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the synthetic corpus, cache and site in this folder.",
)
def command(corpus, repeat, site, articles, seed, median_words, scheduler, keep):
    """Benchmark the pipeline: corpus size, time per stage, spaCy's own speed, peak memory."""
    if articles and scheduler:
        from generator.tools.bench import cluster

        with tempfile.TemporaryDirectory() as tmp:
            cluster.run(articles, keep or Path(tmp), seed, scheduler, click.echo, median_words)
        return
    if scheduler:
        raise click.UsageError("--scheduler compares extraction on --articles N synthetic articles")
    if articles:
        from generator.tools.bench import scale

        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            scale.run(articles, keep, seed, click.echo, median_words)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                scale.run(articles, Path(tmp), seed, click.echo, median_words)
        return
    source = settings_for(corpus).corpus
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "corpus"
        for n in range(repeat):
            target = work / f"copy{n:04d}"
            shutil.copytree(source, target, dirs_exist_ok=True)
            # A line of its own makes each copy a distinct article (identical texts are built once).
            for path in target.rglob("*"):
                if path.is_file() and path.suffix in (".txt", ".md") and path.name != "annals.yml":
                    with open(path, "a", encoding="utf-8") as handle:
                        handle.write(f"\n\nThis is benchmark copy {n}.\n")
        settings = Settings.load(work, None)
        nlp.load()  # the model loads once per process; not counted as extraction
        timings = Timings()
        start = time.perf_counter()
        knowledge, pages = generate(settings, timings=timings, cores=Cores.decide("bench"))
        total = time.perf_counter() - start
        words = sum(len(a.body.split()) for a in knowledge.articles)
        # The same texts through the same pipeline the extractor ran (its entity ruler and
        # sentence guard are part of the loaded model by now).
        texts = [b.text for a in knowledge.articles for b in a.blocks] + [
            a.title for a in knowledge.articles if a.title
        ]
        start = time.perf_counter()
        for _ in nlp.load().pipe(texts, batch_size=64):
            pass
        spacy_time = time.perf_counter() - start
        n = len(knowledge.articles)
        click.echo(f"corpus: {n} articles, {words} words ({repeat} copies of {source})")
        click.echo(f"machine: {platform.machine()}, Python {platform.python_version()}")
        click.echo(f"pages: {len(pages)}")
        for stage, seconds in timings.stages.items():
            click.echo(f"  {stage:<8} {seconds:8.2f} s")
        click.echo(f"generate (cold, no cache): {total:.2f} s")
        click.echo(
            f"extraction: {n / timings.stages['extract']:.1f} articles/s; "
            f"spaCy nlp.pipe alone: {n / spacy_time:.1f} articles/s "
            f"(ratio {timings.stages['extract'] / spacy_time:.2f}x)"
        )
        if site:
            from mkdocs.commands.build import build as mkdocs_build

            start = time.perf_counter()
            mkdocs_build(load(find_config(None), work, None, site_dir=str(Path(tmp) / "site")))
            click.echo(f"mkdocs build (includes generate): {time.perf_counter() - start:.2f} s")
            size = sum(p.stat().st_size for p in (Path(tmp) / "site").rglob("*") if p.is_file())
            click.echo(f"site size: {size / 1e6:.1f} MB")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        click.echo(f"peak memory: {peak:.0f} MB")
