"""`annals`: one sub-command per verb, each in generator/commands/."""

from __future__ import annotations

import logging
import sys

import click

from generator import __version__
from generator.commands import bench, build, evaluate, export, generate, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annals")
def cli() -> None:
    """Turn a folder of news articles into a cross-linked, searchable MkDocs site."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s", stream=sys.stderr)


for module in (generate, build, serve, export, evaluate, bench):
    cli.add_command(module.command)


def main() -> None:
    cli(prog_name="annals")
