"""`annals build`: the corpus to a static site, through MkDocs."""

from __future__ import annotations

from pathlib import Path

import click
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from generator import pipeline
from generator.commands import corpus_option, no_cache_option, quiet_option, report, settings_for, strict_option
from generator.commands.mkdocs_config import PACKAGED, find_config, point_at


@click.command("build")
@corpus_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site/ beside mkdocs.yml).")
@click.option("--config-file", "-f", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="MkDocs configuration (default: ./mkdocs.yml, else the packaged one).")
@quiet_option
@strict_option
@no_cache_option
def command(corpus, site_dir, config_file, quiet, strict, no_cache):
    """Build the static site for a corpus."""
    settings = settings_for(corpus, no_cache)
    point_at(settings.corpus, settings.cache_dir)
    resolved = find_config(config_file)
    if site_dir is None and resolved == PACKAGED:
        site_dir = Path.cwd() / "site"
    overrides = {"site_dir": str(site_dir.resolve())} if site_dir else {}
    try:
        config = load_config(str(resolved), strict=strict, **overrides)
        mkdocs_build(config)
    except (ConfigurationError, Abort) as exc:
        raise click.ClickException(f"MkDocs build failed ({resolved}): {exc}") from exc
    knowledge = pipeline.LAST_RUN.get("knowledge")
    if not quiet and knowledge is not None:
        click.echo(f"{len(knowledge.articles)} articles -> {pipeline.LAST_RUN['pages']} pages; site in {config.site_dir}")
    report(knowledge.problems if knowledge else [], strict)
