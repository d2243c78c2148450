"""Annals as an MkDocs plugin: `mkdocs build` and `mkdocs serve` make the site from the corpus.

    plugins:
      - search
      - annals:
          corpus: corpus      # the articles, relative to mkdocs.yml (the default)
          cache: null         # the extraction cache: null for the user's cache folder, "off", or a folder
          search: auto        # "material", "pagefind", or by the site's size

The pages are generated in `on_pre_build`, before MkDocs empties the site folder: if the
generator fails, the build stops there and the last good site is left as it was. They are
handed to MkDocs in memory (`File.generated`), so nothing under the watched `docs/` is
rewritten on a rebuild and `mkdocs serve` does not loop. The corpus folder is watched: a new
or edited article rebuilds the site without a restart.

On a dirty build (`mkdocs build --dirty`, `mkdocs serve --dirty`, a warm `annals build`) only
the pages whose Markdown changed are rendered again (see `incremental`). Search is Material's
for a small site and Pagefind's for a large one (see `search`). What a build made (its
knowledge, timings and page count) is in `result`, where the command line reads it.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import logging
import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data
from pathspec.gitignore import GitIgnoreSpec

from generator import pipeline
from generator.config import Settings
from generator.extract import store
from generator.mkdocs import STYLESHEET as STYLESHEET_FILE
from generator.mkdocs import THEME, fragments, search, sitedir, split
from generator.mkdocs.compact import compact
from generator.mkdocs.incremental import GeneratedPage, Manifest, digest, fingerprint
from generator.mkdocs.lean_inline import LeanInline
from generator.process import cluster
from generator.process.cores import ONE, Cores
from generator.render import facets, paging
from generator.render.common import SECTIONS
from generator.render.writer import GENERATED_DIRS, is_generated

log = logging.getLogger("mkdocs.plugins.annals")
STYLESHEET = "stylesheets/annals.css"
# The site's scripts, shipped in the theme folder (overrides/assets) and served as one file,
# in this order: a page pays for each script tag it renders (its address is worked out per page),
# so 33,000 pages render one instead of six. graph.js loads d3-force itself, on the first page
# with a graph. No script comes from elsewhere.
SCRIPTS = (
    "vendor/tablesort.min.js",
    "vendor/tablesort.number.min.js",
    "tables.js",
    "graph.js",
    "today.js",
    "facets.js",
)
BUNDLE = "assets/annals/annals.js"


class AnnalsConfig(base.Config):
    corpus = c.Type(str, default="corpus")
    cache = c.Optional(c.Type(str))
    search = c.Choice(search.CHOICES, default="auto")
    scheduler = c.Optional(c.Type(str))  # a Dask scheduler for extraction: tcp://HOST:8786 or local:N
    cache_store = c.Optional(c.Type(str))  # an fsspec URL for the extraction cache, shared by the workers


def bundle() -> str:
    parts = [(THEME / "assets" / "annals" / name).read_text(encoding="utf-8") for name in SCRIPTS]
    return "\n;\n".join(part.rstrip() for part in parts) + "\n"


def searchable(uri: str) -> bool:
    return not paging.is_continuation(uri)


def staged(uri: str, text: str) -> bool:
    """Whether a page goes into the search stage: a first page of a list whose front matter, read
    as MkDocs reads it, does not leave it out of search (`on_page_content` stages the same pages).
    A page the stage lacks is built again: one left out of search must not count as lacking."""
    if not searchable(uri):
        return False
    _, meta = get_data(text)
    wanted = meta.get("search")
    return not (isinstance(wanted, dict) and wanted.get("exclude"))


def _text(path: str | None) -> str:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            return handle.read()
    except (OSError, TypeError):
        return ""


def _stage_token(stage: search.Stage) -> str | None:
    try:
        return (stage.folder / ".token").read_text(encoding="utf-8")
    except OSError:
        return None


def _give_back_memory() -> None:
    """Return the memory of the pages let go of to the system: glibc keeps freed memory for the
    process, so the build would hold its peak while Pagefind runs (a third of it at 1,000 articles)."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to give back this way
        pass


class AnnalsPlugin(BasePlugin[AnnalsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.build: dict = {"dirty": False}  # what this build is doing, between its events
        self.result: dict = {}  # what the last build made: knowledge, timings, pages, page_count
        self.cores: Cores = ONE  # decided when MkDocs starts (on_startup)

    def paths(self, config) -> tuple[Path, Path | None]:
        """The corpus and the cache folder (None: no cache), relative paths against mkdocs.yml's folder."""
        base = Path(config.config_file_path or ".").resolve().parent
        corpus = (base / self.config.corpus).resolve()
        cache = self.config.cache
        if cache is None:
            return corpus, pipeline.default_cache(corpus)
        return corpus, None if cache == "off" else (base / cache).resolve()

    def on_startup(self, *, command, dirty) -> None:
        # Having this event keeps the plugin, and what it holds, across `mkdocs serve`'s rebuilds.
        self.build["dirty"], self.build["command"] = dirty, command
        # The scheduler is decided with the configuration (on_config), which names it too.
        self.cores = Cores.decide(command, scheduler="")

    def on_config(self, config):
        try:
            self.cores = replace(self.cores, scheduler=cluster.chosen(self.config.scheduler))
            if url := store.chosen(self.config.cache_store):
                store.SharedStore(url)  # a URL that cannot be opened is said now, before any work
        except (cluster.SchedulerError, store.StoreError) as exc:
            raise PluginError(str(exc)) from exc
        if str(THEME) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(THEME))
        if BUNDLE not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(BUNDLE)
        if not any(isinstance(e, LeanInline) for e in config.markdown_extensions):
            config.markdown_extensions.append(LeanInline())  # the same HTML, sooner (see lean_inline)
        # Generated pages stay out of the navigation (their index pages may be in it): a menu
        # listing every page would be rendered into every page, and a build would grow with the
        # square of the page count.
        ours = GitIgnoreSpec.from_lines(f"/{folder}/*.md" for folder in GENERATED_DIRS)
        config.not_in_nav = ours if config.not_in_nav is None else config.not_in_nav + ours
        return config

    def on_pre_build(self, config) -> None:
        self.result.clear()  # the last build's knowledge is let go of before this one is made beside it
        corpus, cache = self.paths(config)
        site = Path(config.site_dir)
        try:  # before MkDocs empties the site folder, which comes after this event
            sitedir.check_site_dir(
                site,
                corpus=corpus,
                docs=Path(config.docs_dir),
                cache=cache,
                project=Path(config.config_file_path).resolve().parent,
            )
            lock = sitedir.SiteLock(site)
            lock.acquire(say=log.info)  # a warning would fail a --strict build
            self.build["lock"] = lock
            sitedir.put_back(site)  # what a build that was killed had set aside
            on_disk = Manifest.read(site)
            written = sitedir.written_before(site, on_disk)
            # The files no build of Annals wrote, as they are now: they are not listed as the build's own.
            self.build["foreign"] = sitedir.foreign_files(site, written) if site.is_dir() else {}
            if not self.build["dirty"] and site.is_dir():
                sitedir.set_aside(site, written)  # MkDocs empties the folder after this event
        except sitedir.SiteDirError as exc:
            raise PluginError(str(exc)) from exc
        except OSError as exc:
            raise PluginError(
                f"cannot keep your files in the site folder {site} aside ({exc.strerror or exc}: {exc.filename})"
            ) from exc
        settings = Settings.load(corpus, cache, None if cache is None else store.chosen(self.config.cache_store))
        cache = settings.cache_dir  # None when the folder cannot hold a cache
        timings = pipeline.Timings()
        knowledge, pages = pipeline.generate(settings, config.site_name, timings=timings, cores=self.cores)
        # The knowledge and pages live until the build ends and hold no cycles: the collector's full
        # passes (over a second each at 10,000 articles) skip them from here (see on_post_build).
        gc.freeze()
        self.result.update(knowledge=knowledge, timings=timings, pages=pages)
        backend = search.choose(self.config.search, pages)
        config.extra["annals_search"] = backend
        site_key = hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:12]
        # The stage outlives the build in the cache; without a cache it is temporary, and every build is whole.
        temporary = cache is None
        stage = search.Stage(
            Path(tempfile.mkdtemp(prefix="annals-search-")) if temporary else cache / "search" / site_key
        )
        manifest = Manifest(fingerprint(config.config_file_path, backend))
        previous = on_disk if self.build["dirty"] else Manifest()
        if self.build["dirty"] and (
            previous.fingerprint != manifest.fingerprint
            or backend == "material"
            or (backend == "pagefind" and _stage_token(stage) != previous.token)
        ):
            # Something every page shows changed, or Material's index (built from the pages built
            # in this run) would miss the skipped ones: build the whole site.
            if site.is_dir():
                log.info(
                    "annals: building the whole site (%s)",
                    "search by Material"
                    if backend == "material"
                    else "first build here, or the configuration, theme or versions changed",
                )
                sitedir.remove_written(site, written)
            previous = Manifest()
        if backend == "pagefind" and not previous.pages:
            shutil.rmtree(stage.folder, ignore_errors=True)
        # Written again when the build ends: a build that fails midway leaves a stage the next one empties.
        (stage.folder / ".token").unlink(missing_ok=True)
        self.build.update(
            backend=backend, stage=stage, manifest=manifest, previous=previous, temporary=temporary, split=None
        )

    def on_files(self, files: Files, config) -> Files:
        knowledge, pages, timings = (self.result[k] for k in ("knowledge", "pages", "timings"))
        # From here the files hold the pages; each lets go of its Markdown once built (on_post_page).
        self.result["pages"], self.result["page_count"] = None, len(pages)
        for problem in knowledge.problems:
            log.warning("corpus: %s", problem)
        # Pages an earlier `annals generate` left in docs/ that this corpus no longer produces.
        for file in list(files.documentation_pages()):
            if file.src_uri not in pages and file.abs_src_path and is_generated(Path(file.abs_src_path)):
                files.remove(file)
        manifest, previous, stage = self.build["manifest"], self.build["previous"], self.build["stage"]
        pagefind = self.build["backend"] == "pagefind"
        for uri, content in sorted(pages.items()):
            existing = files.get_file_from_path(uri)
            if existing is not None:
                if existing.abs_src_path and not is_generated(Path(existing.abs_src_path)):
                    log.warning("%s is hand-written: kept, the generated page is not used", uri)
                    continue
                files.remove(existing)
            page = GeneratedPage.generated(config, uri, content=content)
            manifest.pages[uri] = digest(content)
            page.changed = (
                previous.pages.get(uri) != manifest.pages[uri]
                or not os.path.isfile(page.abs_dest_path)
                or (pagefind and not stage.has(page.url) and staged(uri, content))
            )
            files.append(page)
        if pagefind:  # a cold build stages each page in the shard it will be indexed in
            named = sum(len(knowledge.entities(kind)) for kind in ("person", "organization", "place"))
            named += len(knowledge.events) + len(knowledge.anniversaries)
            everything = sum(1 for file in files.documentation_pages() if searchable(file.src_uri))
            stage.plan({"names": named, "text": everything - named})
            # A hand-written page missing from the search stage is built again (MkDocs builds a page without HTML).
            for file in files.documentation_pages():
                if (
                    not isinstance(file, GeneratedPage)
                    and not stage.has(file.url)
                    and os.path.isfile(file.abs_dest_path)
                    and staged(file.src_uri, _text(file.abs_src_path))
                ):
                    os.remove(file.abs_dest_path)
        # The years of each page, for the search box's year filter (see render/facets).
        if files.get_file_from_path(facets.FILE) is None:
            files.append(File.generated(config, facets.FILE, content=facets.facets_json(knowledge)))
        if files.get_file_from_path(BUNDLE) is None:
            files.append(File.generated(config, BUNDLE, content=bundle()))
        # The site's stylesheet ships with the package, so every site built by Annals has it.
        if files.get_file_from_path(STYLESHEET) is None:
            files.append(File.generated(config, STYLESHEET, abs_src_path=str(STYLESHEET_FILE)))
        self.build["files"] = files
        log.info(
            "annals: %d articles -> %d pages (%s)",
            len(knowledge.articles),
            len(pages),
            ", ".join(f"{k} {v:.2f}s" for k, v in timings.stages.items()),
        )
        return files

    def on_nav(self, nav, config, files):
        if split.possible(self.cores, self.build["backend"]):
            self.build["split"] = split.start(files, nav, self.build["dirty"])
        return nav

    def _elsewhere(self, page) -> bool:
        """Whether the other build process makes this page (see `split`)."""
        return self.build.get("split") is not None and page.file.src_uri in self.build["split"].elsewhere

    def on_pre_page(self, page, config, files):
        if self._elsewhere(page):
            split.leave(page)
        return page

    def on_env(self, env, config, files):
        fragments.install(env, config.theme.dirs, str(THEME))
        env.filters["annals_search_worker"] = lambda html: Markup(search.worker_filter(html))
        if self.build.get("split") is not None and self.build["split"].child:
            split.child_env(config, files)
        return env

    def on_page_content(self, html, page, config, files):
        if self._elsewhere(page):
            return html
        if self.build.get("backend") == "pagefind":
            if searchable(page.file.src_uri) and not (page.meta.get("search") or {}).get("exclude"):
                self.build["stage"].add(page.url, page.title or "", html, page.meta.get("annals_kind"))
            # Material's search box stays, and still reads its index first: it is written, with no page in it.
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return html

    def on_page_context(self, context, page, config, nav):
        # Pages outside the navigation have no tab marked otherwise: a reader could not tell which
        # section they are in. The tab of their section's index is marked.
        section = SECTIONS.get(page.meta.get("annals_kind"))
        url = f"{section[1]}/" if section else None
        tab = next((item for item in nav.items if getattr(item, "url", None) == url), None) if url else None
        if tab is not None and not tab.active:
            tab.active = True  # undone in on_post_page, as MkDocs undoes the page's own
            self.build["tab"] = tab
        return context

    def on_post_page(self, output, page, config):
        tab = self.build.pop("tab", None)
        if tab is not None:
            tab.active = False
        if isinstance(page.file, GeneratedPage):
            # Written next and read by nothing after (the search index was fed in on_page_content):
            # at 30,000 pages, MkDocs would hold every page's Markdown and HTML until the build ends.
            page.markdown = page.content = None
            page.file.content_string = ""
        return compact(output)

    @event_priority(100)  # before other plugins': the second build process ends here
    def on_post_build(self, config) -> None:
        try:
            self._post_build(config)
        finally:
            gc.unfreeze()  # after the collection before Pagefind, which so walks only MkDocs' objects
            self._drop_temporary_stage()  # here, whether or not indexing failed: on_build_error comes after _forget
            self._forget()

    def _forget(self) -> None:
        """Let go of this build's files, pages and manifests: `mkdocs serve` keeps the process, and
        its next build would otherwise make its own beside them (30,000 pages at 10,000 articles)."""
        lock = self.build.get("lock")
        if lock is not None:
            lock.release()
        for key in list(self.build):
            if key not in ("dirty", "command"):
                del self.build[key]

    def _post_build(self, config) -> None:
        current = self.build.get("split")
        if current is not None:
            if current.child:
                split.finish_child(current, {"changed": sorted(self.build["stage"].changed)})
            self.build["split"] = None
            self.build["stage"].merge(tuple(c) for c in split.join(current)["changed"])
        site = Path(config.site_dir)
        manifest, previous = self.build["manifest"], self.build["previous"]
        for uri in sorted(set(previous.pages) - set(manifest.pages)):  # pages this corpus no longer has
            gone = Path(File(uri, None, str(site), config.use_directory_urls).abs_dest_path)
            gone.unlink(missing_ok=True)
            if gone.parent != site and gone.parent.is_dir() and not any(gone.parent.iterdir()):
                gone.parent.rmdir()
        if self.build["backend"] == "pagefind":
            stage: search.Stage = self.build["stage"]
            stage.prune({f.url for f in self.build["files"].documentation_pages() if searchable(f.src_uri)})
            _give_back_memory()  # Pagefind's processes need memory beside this one
            self.result["timings"].run("search index", stage.index, site, self.cores.workers)
            (stage.folder / ".token").write_text(manifest.token, encoding="utf-8")
        sitedir.put_back(site)
        manifest.files = sitedir.files_written(site, self.build.get("foreign", {}))
        manifest.write(site)

    def on_build_error(self, error) -> None:
        gc.unfreeze()
        if self.build.get("lock") is not None:  # this build got as far as setting the user's files aside
            try:
                sitedir.put_back(Path(self.build["lock"].target))
            except OSError as exc:
                log.error(
                    "annals: the files set aside in %s/%s could not be put back (%s); they are there",
                    self.build["lock"].target,
                    sitedir.ASIDE,
                    exc,
                )
        current = self.build.get("split")
        if current is not None:
            self.build["split"] = None
            if current.child:
                split.finish_child(current, {"error": f"{type(error).__name__}: {error}"})
            split.stop(current)
        self._drop_temporary_stage()
        self._forget()

    def _drop_temporary_stage(self) -> None:
        """Without a cache the search stage lives in a temporary folder, for one build (whichever backend)."""
        if self.build.get("temporary") and self.build.get("stage") is not None:
            shutil.rmtree(self.build["stage"].folder, ignore_errors=True)

    def on_serve(self, server, config, builder):
        corpus, _ = self.paths(config)
        if corpus.is_dir():
            server.watch(str(corpus))
        return server
