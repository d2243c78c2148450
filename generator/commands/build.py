"""`annals build`: the corpus to a static site, through MkDocs.

The site is built into a staging folder beside the target and swapped in only when the whole
build succeeded: a failed build (or a --strict build with problems) leaves the last good site.
When the target is an earlier Annals build, the staging folder starts as a copy of it and the
build is incremental: only the pages whose Markdown changed are rendered again. Files in the
target that Annals did not write (`.git`, `CNAME`, ...) are carried into the new site (see
`sitedir`), and one build at a time writes a site folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import Abort, ConfigurationError

from generator.commands import (
    corpus_option,
    no_cache_option,
    quiet_option,
    report,
    scheduler_option,
    settings_for,
    store_option,
    strict_option,
)
from generator.config import MANIFEST
from generator.mkdocs import sitedir
from generator.mkdocs.configfile import PACKAGED, annals_plugin, find_config, load


@click.command("build")
@corpus_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site (default: site/ beside mkdocs.yml; relative to the current folder).",
)
@click.option(
    "--config-file",
    "-f",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="MkDocs configuration (default: ./mkdocs.yml, else the packaged one).",
)
@quiet_option
@strict_option
@no_cache_option
@click.option("--full", is_flag=True, help="Render every page, even over an earlier build.")
@click.option("--no-wait", is_flag=True, help="Fail at once when another build is writing the same site folder.")
@click.option(
    "--summary",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Append a Markdown summary (articles, pages, problems) to this file, such as $GITHUB_STEP_SUMMARY.",
)
@scheduler_option
@store_option
def command(corpus, site_dir, config_file, quiet, strict, no_cache, full, no_wait, summary, scheduler, cache_store):
    """Build the static site for a corpus."""
    settings = settings_for(corpus, no_cache, cache_store)
    resolved = find_config(config_file)
    if site_dir is None and resolved == PACKAGED:
        site_dir = Path.cwd() / "site"
    if site_dir is not None:
        site_dir = site_dir.absolute()  # against the current folder, not the configuration's
    try:
        config = load(
            resolved,
            settings.corpus,
            settings.cache_dir,
            {"scheduler": scheduler, "cache_store": settings.store},
            strict=strict,
            **({"site_dir": str(site_dir)} if site_dir else {}),
        )
    except ConfigurationError as exc:
        raise click.ClickException(f"MkDocs configuration {resolved}: {exc}") from exc
    target = Path(config.site_dir).resolve()
    try:
        sitedir.check_site_dir(
            target,
            corpus=settings.corpus,
            docs=Path(config.docs_dir),
            cache=settings.cache_dir,
            project=Path(config.config_file_path).resolve().parent,
        )
        with sitedir.locked(target, wait=not no_wait, say=lambda m: click.echo(m, err=True)):
            _build(config, target, full)
    except sitedir.SiteDirError as exc:
        raise click.ClickException(str(exc)) from exc
    result = annals_plugin(config).result
    knowledge = result["knowledge"]
    if not quiet:
        click.echo(f"{len(knowledge.articles)} articles -> {result['page_count']} pages; site in {target}")
    if summary is not None:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(markdown_summary(knowledge, result["page_count"]))
    report(knowledge.problems, strict)


def markdown_summary(knowledge, pages: int) -> str:
    """What a build made and what it could not read, as Markdown (a CI job's summary)."""
    lines = ["## Annals build", "", f"{len(knowledge.articles)} articles, {pages} pages.", ""]
    if knowledge.problems:
        lines += [
            f"{len(knowledge.problems)} problem(s); the rest was built:",
            "",
            "| file | severity | problem |",
            "| --- | --- | --- |",
        ]
        lines += [f"| {_cell(p.path)} | {p.severity} | {_cell(p.reason)} |" for p in knowledge.problems]
    else:
        lines.append("Every article was read.")
    return "\n".join(lines) + "\n\n"


def _cell(text: str) -> str:
    """Text in a Markdown table cell: one line, its pipes and markup shown, not obeyed."""
    text = "".join(c if c.isprintable() else "?" for c in " ".join(str(text).split()))
    for char in "\\|`*_[]<>":
        text = text.replace(char, "\\" + char)
    return text


def _build(config, target: Path, full: bool) -> None:
    staging = sitedir.staging_for(target)
    sitedir.recover(target)
    dirty = (target / MANIFEST).is_file() and not full
    config.site_dir = str(staging)
    try:
        if dirty:
            # The user's hidden entries (a .git) are not copied: the swap carries them over.
            shutil.copytree(
                target,
                staging,
                symlinks=True,
                ignore=lambda folder, names: [
                    n for n in names if n.startswith(".") and n != MANIFEST and Path(folder) == target
                ],
            )
        config.plugins.on_startup(command="build", dirty=dirty)
        mkdocs_build(config, dirty=dirty)
        sitedir.swap(staging, target)
    except Exception as exc:  # noqa: BLE001 - whatever failed, the last good site must survive
        sitedir.clear_staging(staging)
        knowledge = annals_plugin(config).result.get("knowledge")
        report(knowledge.problems if knowledge else [], strict=False)
        reason = str(exc) if isinstance(exc, (Abort, sitedir.SiteDirError)) else _reason(exc)
        raise click.ClickException(f"build failed ({reason}); the last good site in {target} is unchanged") from exc


def _reason(exc: Exception) -> str:
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        # copytree gathers one error a file: the first says why, the count how far it went.
        errors = exc.args[0]
        return f"{errors[0][2]}" + (f", and {len(errors) - 1} more file(s)" if len(errors) > 1 else "")
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or exc} ({exc.filename2 or exc.filename})"  # a copy's target is filename2
    return f"{type(exc).__name__}: {exc}"
