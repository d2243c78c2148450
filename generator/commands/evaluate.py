"""`annals evaluate`: score the extraction of a corpus against a gold file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.commands import cores_for, corpus_option, no_cache_option, progress_bar, quiet_option, settings_for
from generator.export import knowledge_dict
from generator.pipeline import build_knowledge
from generator.tools.evaluate import evaluate, load_gold


@click.command("evaluate")
@corpus_option
@click.option(
    "--gold",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    required=True,
    help="Gold annotations (YAML, in the format of shared/gold/README.md).",
)
@click.option("--details", is_flag=True, help="List every miss and extra.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@quiet_option
@no_cache_option
def command(corpus, gold, details, as_json, quiet, no_cache):
    """Print precision, recall and F1 per kind against a gold file, as shared/gold/score.py counts them."""
    knowledge = build_knowledge(
        settings_for(corpus, no_cache), progress_bar(quiet or as_json), cores=cores_for("evaluate")
    )
    report = evaluate(knowledge_dict(knowledge), load_gold(gold))
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=1))
        return
    click.echo(report.table())
    if details:
        click.echo(report.details())
