"""`annals build`: the corpus to a static site, through MkDocs.

The site is built into a staging folder beside the target and swapped in only when the whole
build succeeded: a failed build (or a --strict build with problems) leaves the last good site.
When the target is an earlier Annals build, the staging folder starts as a copy of it and the
build is incremental: only the pages whose Markdown changed are rendered again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from generator import pipeline
from generator.commands import corpus_option, no_cache_option, quiet_option, report, settings_for, strict_option
from generator.commands.mkdocs_config import PACKAGED, find_config, point_at
from generator.incremental import MANIFEST


@click.command("build")
@corpus_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site/ beside mkdocs.yml).")
@click.option("--config-file", "-f", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="MkDocs configuration (default: ./mkdocs.yml, else the packaged one).")
@quiet_option
@strict_option
@no_cache_option
@click.option("--full", is_flag=True, help="Render every page, even over an earlier build.")
def command(corpus, site_dir, config_file, quiet, strict, no_cache, full):
    """Build the static site for a corpus."""
    settings = settings_for(corpus, no_cache)
    point_at(settings.corpus, settings.cache_dir)
    resolved = find_config(config_file)
    if site_dir is None and resolved == PACKAGED:
        site_dir = Path.cwd() / "site"
    pipeline.LAST_RUN.clear()
    try:
        config = load_config(str(resolved), strict=strict, **({"site_dir": str(site_dir)} if site_dir else {}))
    except ConfigurationError as exc:
        raise click.ClickException(f"MkDocs configuration {resolved}: {exc}") from exc
    target = Path(config.site_dir).resolve()
    staging = target.with_name(f".{target.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    dirty = (target / MANIFEST).is_file() and not full
    if dirty:
        shutil.copytree(target, staging, symlinks=True)
    config.site_dir = str(staging)
    try:
        config.plugins.on_startup(command="build", dirty=dirty)
        mkdocs_build(config, dirty=dirty)
    except Exception as exc:  # noqa: BLE001 - whatever failed, the last good site must survive
        shutil.rmtree(staging, ignore_errors=True)
        knowledge = pipeline.LAST_RUN.get("knowledge")
        report(knowledge.problems if knowledge else [], strict=False)
        reason = str(exc) if isinstance(exc, Abort) else f"{type(exc).__name__}: {exc}"
        raise click.ClickException(f"build failed ({reason}); the last good site in {target} is unchanged") from exc
    swap(staging, target)
    knowledge = pipeline.LAST_RUN["knowledge"]
    if not quiet:
        click.echo(f"{len(knowledge.articles)} articles -> {pipeline.LAST_RUN['page_count']} pages; site in {target}")
    report(knowledge.problems, strict)


def swap(staging: Path, target: Path) -> None:
    """Put the new site in place with renames, so a reader never meets half of one."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
