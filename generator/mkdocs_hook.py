"""The MkDocs hook: `mkdocs build` and `mkdocs serve` regenerate the pages from the corpus.

The pages are generated in `on_pre_build`, before MkDocs empties the site folder: if the
generator fails, the build stops there and the last good site is left as it was. They are
handed to MkDocs in memory (`File.generated`), so nothing under the watched `docs/` is
rewritten on a rebuild and `mkdocs serve` does not loop. The corpus folder is watched: a new
or edited article rebuilds the site without a restart.

Environment: ANNALS_CORPUS (default: `corpus/` beside mkdocs.yml), ANNALS_CACHE (default:
`.annals-cache/` beside mkdocs.yml; "off" disables the extraction cache).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.structure.files import File, Files

from generator import pipeline
from generator.config import PACKAGE_DIR, Settings
from generator.render.writer import is_generated

log = logging.getLogger("mkdocs.plugins.annals")
STYLESHEET = "stylesheets/annals.css"


def _paths(config) -> tuple[Path, Path | None]:
    base = Path(config.config_file_path).resolve().parent
    corpus = Path(os.environ.get("ANNALS_CORPUS") or base / "corpus").resolve()
    cache = os.environ.get("ANNALS_CACHE") or str(base / ".annals-cache")
    return corpus, None if cache == "off" else Path(cache)


def on_pre_build(config) -> None:
    corpus, cache = _paths(config)
    settings = Settings.load(corpus, cache)
    timings = pipeline.Timings()
    knowledge, pages = pipeline.generate(settings, config.site_name, timings=timings)
    pipeline.LAST_RUN.update(knowledge=knowledge, timings=timings, pages=pages)


def on_files(files: Files, config) -> Files:
    knowledge, pages, timings = (pipeline.LAST_RUN[k] for k in ("knowledge", "pages", "timings"))
    for problem in knowledge.problems:
        log.warning("corpus: %s", problem)
    # Pages an earlier `annals generate` left in docs/ that this corpus no longer produces.
    for file in list(files.documentation_pages()):
        if file.src_uri not in pages and file.abs_src_path and is_generated(Path(file.abs_src_path)):
            files.remove(file)
    for uri, content in sorted(pages.items()):
        existing = files.get_file_from_path(uri)
        if existing is not None:
            if existing.abs_src_path and not is_generated(Path(existing.abs_src_path)):
                log.warning("%s is hand-written: kept, the generated page is not used", uri)
                continue
            files.remove(existing)
        files.append(File.generated(config, uri, content=content))
    # The site's stylesheet ships with the package, so every site built by Annals has it.
    if files.get_file_from_path(STYLESHEET) is None:
        files.append(File.generated(config, STYLESHEET, abs_src_path=str(PACKAGE_DIR / "site" / "annals.css")))
    log.info("annals: %d articles -> %d pages (%s)", len(knowledge.articles), len(pages),
             ", ".join(f"{k} {v:.2f}s" for k, v in timings.stages.items()))
    return files


def on_serve(server, config, builder):
    corpus, _ = _paths(config)
    if corpus.is_dir():
        server.watch(str(corpus))
    return server
