from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.tools.bench.search_latency import serve  # noqa: F401 - the tests' static host

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"  # the project's shared sets, beside the repository in its workspace
CORPUS = ROOT / "corpus"
TOOLS = ROOT / "tests" / "checkers" / "node_modules"  # npm checkers: make test installs them
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(corpus: Path, site_dir: Path, strict: bool = True) -> None:
    """Build with the repository's mkdocs.yml, as `mkdocs build` does, for another corpus."""
    from mkdocs.commands.build import build

    from generator.mkdocs.configfile import load

    build(load(ROOT / "mkdocs.yml", corpus, None, site_dir=str(site_dir), strict=strict))


def project_config(corpus: Path, folder: Path) -> Path:
    """A project's own mkdocs.yml that takes the repository's and points the plugin at `corpus`
    (no cache), as a user's project does: for `mkdocs build` and `mkdocs serve` run as commands."""
    path = folder / "mkdocs.yml"
    path.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
        f"plugins:\n  - search\n  - annals:\n      corpus: {corpus}\n      cache: 'off'\n",
        encoding="utf-8",
    )
    return path


def shared(*parts: str) -> Path:
    """A path in ../shared, or the test is skipped, saying so, where the repository stands alone."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is missing: ../shared is not beside the repository")
    return path


def annals(*args, cwd=None, check=True):
    """The `annals` command in a new process, as a user runs it; fails the test unless it succeeds (`check`)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd or ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"annals {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site of the shipped corpus, built once for the session with --strict."""
    out = tmp_path_factory.mktemp("site")
    build_site(CORPUS, out)
    return out


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def shipped_knowledge():
    from generator.config import Settings
    from generator.pipeline import build_knowledge

    return build_knowledge(Settings.load(CORPUS))


@pytest.fixture(scope="module")
def server(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def page():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        yield context.new_page()
        browser.close()


SITE_URL = "https://annals-project.github.io/annals/"  # mkdocs.yml's default


@pytest.fixture(scope="module")
def at_site_url(site, page):
    """A browser page that reaches the built site at its own `site_url`, every request answered
    from the folder (nothing leaves the machine). Material's instant navigation and previews
    take a link as the site's only where the page's host and path are the sitemap's."""
    import mimetypes

    def answer(route):
        url = route.request.url.split("#", 1)[0].split("?", 1)[0]
        if not url.startswith(SITE_URL):
            return route.abort()
        path = site / url[len(SITE_URL) :]
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return route.fulfill(status=404, body="not found")
        route.fulfill(
            status=200,
            body=path.read_bytes(),
            content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
        )

    context = page.context.browser.new_context(viewport={"width": 1366, "height": 900})
    context.route("**/*", answer)
    yield context.new_page()
    context.close()


FORTY = {
    "seeds": SHARED / "seeds",
    "dev": SHARED / "corpus-dev",
    "gum": SHARED / "bench" / "gum-dev" / "corpus",
    "wild": SHARED / "corpus-wild",
}  # 3 + 9 + 12 + 16 articles of every kind of news


@pytest.fixture(scope="session")
def forty_site(tmp_path_factory) -> Path:
    """The site of a 40-article corpus of real news of many kinds, each set in its folder."""
    if not all(folder.is_dir() for folder in FORTY.values()):
        pytest.skip("../shared is not beside the repository")
    corpus = tmp_path_factory.mktemp("forty") / "corpus"
    for name, folder in FORTY.items():
        shutil.copytree(folder, corpus / name, ignore=shutil.ignore_patterns("*.yaml", "*.yml", "*.json"))
    out = tmp_path_factory.mktemp("forty-site")
    build_site(corpus, out)
    return out


# What makes a test slow or a browser test is mostly the fixture it takes: a built site, the
# forty-article site, a browser page. Those tests are marked here; the rest carry their marks.
SLOW_FIXTURES = {"site", "forty_site", "server", "wild", "shipped_knowledge"}
BROWSER_FIXTURES = {"page", "at_site_url"}


def pytest_collection_modifyitems(items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
