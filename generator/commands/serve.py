"""`annals serve`: preview the site; articles added to the corpus appear without a restart."""

from __future__ import annotations

from pathlib import Path

import click
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.exceptions import ConfigurationError

from generator.commands import corpus_option, settings_for
from generator.mkdocs.configfile import find_config, plugins_for


@click.command("serve")
@corpus_option
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@click.option("--config-file", "-f", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None)
@click.option(
    "--dirty/--full",
    default=True,
    show_default=True,
    help="After the first build, make only the pages an edit changed (the site is the same), or every page.",
)
def command(corpus, dev_addr, config_file, dirty):
    """Serve the site with live reload."""
    settings = settings_for(corpus)
    resolved = find_config(config_file)
    try:
        plugins = plugins_for(resolved, settings.corpus, settings.cache_dir)
    except ConfigurationError as exc:
        raise click.ClickException(f"MkDocs configuration {resolved}: {exc}") from exc
    mkdocs_serve(config_file=str(resolved), dev_addr=dev_addr, build_type="dirty" if dirty else None, plugins=plugins)
