"""One module per CLI verb; options shared by several verbs live here."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.config import REPO_DIR, Settings
from generator.extract.store import SharedStore, StoreError, chosen
from generator.model import Problem
from generator.pipeline import default_cache
from generator.process.cluster import SchedulerError
from generator.process.cores import Cores


def default_corpus() -> Path:
    """The repository's own corpus when run inside it, else ./corpus."""
    here = Path.cwd() / "corpus"
    return here if here.is_dir() or not (REPO_DIR / "corpus").is_dir() else REPO_DIR / "corpus"


corpus_option = click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of articles (default: ./corpus).",
)
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print only problems and results.")
strict_option = click.option("--strict", is_flag=True, help="Exit non-zero when any article has a problem.")
no_cache_option = click.option("--no-cache", is_flag=True, help="Re-extract every article.")
scheduler_option = click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS|local:N",
    help="Extract on a Dask cluster: its scheduler's address (tcp://HOST:8786), or local:N worker "
    "processes here. Default: $ANNALS_SCHEDULER, else the built-in pool. Needs annals[dask].",
)
store_option = click.option(
    "--cache-store",
    default=None,
    metavar="URL",
    help="Keep the extraction cache at this fsspec URL (a folder, s3://…), where a cluster's workers "
    "read and write it. Default: $ANNALS_CACHE_STORE, else the local cache. Needs annals[dask].",
)


def cores_for(command: str, scheduler: str | None = None) -> Cores:
    """The run's cores, and its scheduler checked before any work (see `process.cores`)."""
    try:
        return Cores.decide(command, scheduler)
    except SchedulerError as exc:
        raise click.ClickException(str(exc)) from exc


def settings_for(corpus: Path | None, no_cache: bool = False, store: str | None = None) -> Settings:
    corpus = corpus or default_corpus()
    if not corpus.is_dir():
        raise click.BadParameter(f"{corpus} is not a folder", param_hint="--corpus")
    store = None if no_cache else chosen(store)
    if store is not None:
        try:
            SharedStore(store)  # a URL that cannot be opened is said now, before any work
        except StoreError as exc:
            raise click.BadParameter(str(exc), param_hint="--cache-store") from exc
    return Settings.load(corpus, None if no_cache else default_cache(corpus), store)


def progress_bar(quiet: bool, label: str = "Extracting"):
    if quiet:
        return None

    def wrap(iterable):
        with click.progressbar(iterable, label=label, file=sys.stderr, show_pos=True) as bar:
            yield from bar

    return wrap


def report(problems: list[Problem], strict: bool) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        errors = sum(p.severity == "error" for p in problems)
        click.echo(f"{len(problems)} problem(s) in the corpus ({errors} error(s)); the rest was built.", err=True)
        if strict:
            raise SystemExit(1)
