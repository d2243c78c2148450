"""`annals generate`: the corpus to Markdown pages, without MkDocs."""

from __future__ import annotations

from pathlib import Path

import click

from generator.commands import (
    cores_for,
    corpus_option,
    no_cache_option,
    progress_bar,
    quiet_option,
    report,
    scheduler_option,
    settings_for,
    store_option,
    strict_option,
)
from generator.config import REPO_DIR
from generator.pipeline import Timings, generate
from generator.render.writer import write_pages


@click.command("generate")
@corpus_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write the pages into (default: ./docs). Only generated folders are touched.",
)
@click.option("--title", default="Annals", show_default=True, help="Site title on the home page.")
@quiet_option
@strict_option
@no_cache_option
@scheduler_option
@store_option
def command(corpus, out, title, quiet, strict, no_cache, scheduler, cache_store):
    """Write the generated Markdown pages for a corpus."""
    settings = settings_for(corpus, no_cache, cache_store)
    cores = cores_for("generate", scheduler)
    out = out or (Path.cwd() / "docs" if (Path.cwd() / "docs").is_dir() else REPO_DIR / "docs")
    timings = Timings()
    knowledge, pages = generate(settings, title, progress_bar(quiet), timings, cores)
    written = timings.run("write", write_pages, pages, out)
    if not quiet:
        click.echo(
            f"{len(knowledge.articles)} articles -> {len(pages)} pages in {out} "
            f"({len(written.written)} written, {written.unchanged} unchanged, {len(written.removed)} removed)"
        )
        click.echo("time: " + ", ".join(f"{k} {v:.2f}s" for k, v in timings.stages.items()))
    report(knowledge.problems, strict)
