"""`annals export`: the knowledge graph as one JSON file."""

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
from generator.export import to_json
from generator.pipeline import build_knowledge


@click.command("export")
@corpus_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="JSON file to write ('-' for standard output).",
)
@quiet_option
@strict_option
@no_cache_option
@scheduler_option
@store_option
def command(corpus, output, quiet, strict, no_cache, scheduler, cache_store):
    """Write the knowledge graph (people, places, events, quotes …) as JSON."""
    settings = settings_for(corpus, no_cache, cache_store)
    knowledge = build_knowledge(settings, progress_bar(quiet), cores=cores_for("export", scheduler))
    text = to_json(knowledge)
    if str(output) == "-":
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        if not quiet:
            click.echo(
                f"wrote {output}: {len(knowledge.articles)} articles, {len(knowledge.people)} people, "
                f"{len(knowledge.events)} events"
            )
    report(knowledge.problems, strict)
