"""One module per CLI verb; options shared by several verbs live here."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.config import REPO_DIR, Settings
from generator.model import Problem
from generator.pipeline import default_cache


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


def settings_for(corpus: Path | None, no_cache: bool = False) -> Settings:
    corpus = corpus or default_corpus()
    if not corpus.is_dir():
        raise click.BadParameter(f"{corpus} is not a folder", param_hint="--corpus")
    return Settings.load(corpus, None if no_cache else default_cache(corpus))


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
