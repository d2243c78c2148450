"""A large `mkdocs build` makes its pages in two processes.

MkDocs builds one page after another on one core (Markdown, then the theme's template), most
of a large cold build. Once the navigation
is made, the build forks. The second process makes every other generated page outside the
navigation; the first makes the rest and everything else: static files, the theme's own
templates, the search index and the manifest, after the second has finished. Each process
leaves the other's pages alone: their Markdown is not read, they go through an empty template,
and MkDocs writes nothing for them (it does not write an empty page). The two write disjoint
files, so the site is the same as one process makes.

Only where a fork is safe and pays: Linux, `mkdocs build` (`mkdocs serve` builds in a thread
beside its web server), Pagefind search (Material's index is made from the pages this process
rendered), more than one core, and enough pages. ANNALS_WORKERS=1 turns it off.

Links into the other process's pages are not checked for anchors (MkDocs skips a page it did
not render); the site's tests check every link and anchor of the built site.
"""

from __future__ import annotations

import json
import logging
import os
import signal
from dataclasses import dataclass

from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.mkdocs.incremental import GeneratedPage
from generator.process import fork
from generator.process.cores import Cores

log = logging.getLogger("mkdocs.plugins.annals")

MIN_PAGES = 600  # to build in this run; below it the fork costs more than it saves
TEMPLATE = "annals-elsewhere.html"  # renders nothing: MkDocs writes no file for the page
_BUILD_LOG = logging.getLogger("mkdocs.commands.build")


@dataclass
class Split:
    elsewhere: set[str]  # pages (src_uri) the other process makes
    child: bool
    pipe: int  # the child writes its report here; the parent reads it
    pid: int = 0
    warnings: int = 0  # logged in the second process
    quiet: logging.Filter | None = None


class _Counter(logging.Handler):
    def __init__(self, split: Split) -> None:
        super().__init__(logging.WARNING)
        self.split = split

    def emit(self, record: logging.LogRecord) -> None:
        self.split.warnings += 1


class _Quiet(logging.Filter):
    """MkDocs says "Page skipped ... empty output" at info level for each page left to the other process."""

    def __init__(self, elsewhere: set[str]) -> None:
        super().__init__()
        self.elsewhere = elsewhere

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in self.elsewhere)


def possible(cores: Cores, backend: str) -> bool:
    return cores.fork and backend == "pagefind"


def start(files: Files, nav: Navigation, dirty: bool) -> Split | None:
    """Fork, if there are enough pages to make; both processes return their `Split`."""
    pages = sorted(
        f.src_uri
        for f in files.documentation_pages(inclusion=InclusionLevel.is_included)
        if isinstance(f, GeneratedPage) and (not dirty or f.is_modified())
    )
    in_nav = {page.file.src_uri for page in nav.pages}
    share = [uri for uri in pages if uri not in in_nav][1::2]
    if len(pages) < MIN_PAGES or not share:
        return None
    everything = {f.src_uri for f in files.documentation_pages()}
    read, write = os.pipe()
    pid = fork.fork()
    if pid == 0:
        os.close(read)
        # Ctrl-C reaches both processes: the second ends at once, and never returns to the caller's code.
        signal.signal(signal.SIGINT, lambda *_: os._exit(130))
        split = Split(everything - set(share), child=True, pipe=write)
        logging.getLogger("mkdocs").addHandler(_Counter(split))
    else:
        os.close(write)
        split = Split(set(share), child=False, pipe=read, pid=pid)
        log.info("annals: building %d of %d pages in a second process", len(share), len(pages))
    split.quiet = _Quiet(split.elsewhere)
    _BUILD_LOG.addFilter(split.quiet)
    return split


def leave(page: Page) -> None:
    """Make MkDocs pass over `page`: no source read, no Markdown rendered, an empty template."""
    page.read_source = lambda config: None
    page.render = lambda config, files: setattr(page, "content", "")
    page.markdown = ""
    page.meta = {"template": TEMPLATE, "search": {"exclude": True}}


def child_env(config, files: Files) -> None:
    """The files every page shares are the first process's to write."""
    files.copy_static_files = lambda *args, **kwargs: None
    config.theme.static_templates = set()
    config.extra_templates = []


def finish_child(split: Split, report: dict) -> None:
    """The second process's end: report to the first, and exit without running anything after."""
    report = {**report, "warnings": split.warnings}
    with os.fdopen(split.pipe, "w", encoding="utf-8") as pipe:
        pipe.write(json.dumps(report))
    fork.end(1 if report.get("error") else 0)


def join(split: Split) -> dict:
    """Wait for the second process; its report (search parts it changed), or an error."""
    with os.fdopen(split.pipe, "r", encoding="utf-8") as pipe:
        text = pipe.read()
    _, status = os.waitpid(split.pid, 0)
    _BUILD_LOG.removeFilter(split.quiet)
    try:
        report = json.loads(text)
    except ValueError:
        report = {}
    if status != 0 or "error" in report:
        why = report.get("error") or f"it ended with status {os.waitstatus_to_exitcode(status)}"
        raise RuntimeError(f"the second build process failed: {why}")
    if report["warnings"]:
        log.warning("annals: %d warning(s) in the pages the second process built (shown above)", report["warnings"])
    return report


def stop(split: Split) -> None:
    """The first process failed: the second stops too, and nothing of it is left running."""
    _BUILD_LOG.removeFilter(split.quiet)
    for step in (
        lambda: os.kill(split.pid, signal.SIGTERM),
        lambda: os.waitpid(split.pid, 0),
        lambda: os.close(split.pipe),
    ):
        try:
            step()
        except OSError:  # already ended, or already closed
            pass
