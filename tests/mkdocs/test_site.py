"""The built site of the shipped corpus, as a reader meets it."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from conftest import CORPUS, build_site


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.srcs = [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag in ("script", "img", "iframe") and attrs.get("src"):
            self.srcs.append(attrs["src"])
        if (
            tag == "link"
            and attrs.get("rel") in ("stylesheet", "icon", "preload", "modulepreload")
            and attrs.get("href")
        ):
            self.srcs.append(attrs["href"])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_pages_exist(site):
    for rel in (
        "index.html",
        "people/index.html",
        "people/xi-jinping/index.html",
        "people/vladimir-putin/index.html",
        "articles/002-bad6dafd3524e013/index.html",
        "places/beijing/index.html",
        "events/index.html",
        "timeline/index.html",
        "anniversaries/index.html",
        "organizations/ta-kung-pao/index.html",
        "about/index.html",
        "reference/knowledge-format/index.html",
        "404.html",
        "search/search_index.json",
    ):
        assert (site / rel).is_file(), rel


def test_every_internal_link_and_anchor_resolves(site):
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, links in pages.items():
        if page.name == "404.html":
            continue  # its links are absolute, under site_url: checked in test_404_uses_site_url
        base = "file://" + page.as_posix()
        for href in links.hrefs:
            url = urlparse(urljoin(base, href))
            if url.scheme != "file":
                continue
            target = Path(unquote(url.path))
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
            elif url.fragment and target.suffix == ".html":
                if url.fragment not in pages.get(target, parse(target)).ids:
                    broken.append(f"{page.relative_to(site)} -> {href} (anchor)")
    assert broken == []


def test_no_asset_from_the_network(site):
    for page in site.rglob("*.html"):
        for src in parse(page).srcs:
            assert not re.match(r"^(https?:)?//", src), f"{page}: {src}"


def test_entity_page_links_mentions_to_sentences(site):
    page = (site / "people/xi-jinping/index.html").read_text()
    assert "<h1" in page and "Xi Jinping" in page
    targets = re.findall(r'href="\.\./\.\./articles/([\w-]+)/#(sent-\d+)"', page)
    assert len({t[0] for t in targets}) == 3
    for article, anchor in targets:
        assert f'id="{anchor}"' in (site / "articles" / article / "index.html").read_text()


def test_article_page_links_entities_and_shows_date(site):
    page = (site / "articles/000-61cbcd3a5a6a729e/index.html").read_text()
    assert 'href="../../people/andrey-denisov/"' in page
    assert "2015 · " in page and "inferred from" in page and "(high confidence)" in page
    page = (site / "articles/001-1b3b140ebfc1de4e/index.html").read_text()
    assert "28 February 2025 · " in page and "stated in the file" in page


def test_event_page_links_articles_and_place(site):
    events = [p for p in (site / "events").iterdir() if p.is_dir()]
    assert events
    linked = 0
    for event in events:
        html = (event / "index.html").read_text()
        assert "../../articles/" in html
        linked += "../../places/" in html
    assert linked


def test_search_index_has_entities(site):
    import json

    index = json.loads((site / "search/search_index.json").read_text())
    titles = {d["title"] for d in index["docs"]}
    assert {"Vladimir Putin", "Xi Jinping", "Beijing"} <= titles
    boosts = [d.get("boost") for d in index["docs"] if d["title"] == "Vladimir Putin"]
    assert boosts and boosts[0] > 1
    # The tool's own pages are not among what readers search.
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert not locations & {
        "performance/",
        "scaling/",
        "reference/cli/",
        "reference/knowledge-format/",
        "reference/runners/",
    }
    assert "about/" in locations


def test_404_uses_site_url(site):
    page = (site / "404.html").read_text()
    assert 'href="/annals/assets/stylesheets/' in page or "/annals/" in page


def test_pages_carry_no_indentation_but_keep_preformatted_text(site):
    """Built pages drop the theme's indentation (a fifth of their size), never inside <pre>."""
    page = (site / "people" / "index.html").read_text()
    assert "\n " not in re.sub(r"<(pre|textarea|script|style)\b.*?</\1>", "", page, flags=re.S)
    reference = (site / "reference" / "cli" / "index.html").read_text()
    blocks = re.findall(r"<pre\b.*?</pre>", reference, flags=re.S)
    assert any("\n  " in block for block in blocks)  # an indented command line, as written


@pytest.mark.slow
def test_a_build_without_cache_leaves_no_temporary_folder(tmp_path, monkeypatch):
    """Without a cache the search stage is a temporary folder: gone after the build, whichever backend."""
    import tempfile

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    for backend in ("material", "pagefind"):
        monkeypatch.setenv("ANNALS_SEARCH", backend)
        build_site(CORPUS, tmp_path / backend, strict=False)
        assert (tmp_path / backend / "index.html").is_file()
    # The site folders' locks stay (an flock file removed while held would let a second build in).
    assert [p.name for p in temporary.iterdir() if not p.name.startswith("annals-locks-")] == []


def test_theme_fragments_shared_between_pages_are_the_theme_s_own_html(site, tmp_path, monkeypatch):
    """The menu, tabs, palette switch and search box rendered once per folder (see
    `generator.mkdocs.fragments`) give every page the same bytes as rendering them on each page."""
    from generator.mkdocs import fragments

    calls = {"shared": 0, "rendered": 0}
    original = fragments.Fragments.__call__

    def counting(self, name, page, nav, caller):
        calls["shared" if self.folder(page, nav) is not None else "rendered"] += 1
        return original(self, name, page, nav, caller)

    monkeypatch.setattr(fragments.Fragments, "__call__", counting)
    build_site(CORPUS, tmp_path / "counted")
    assert calls["shared"] > 3 * calls["rendered"] > 0  # most pages are outside the navigation
    monkeypatch.setattr(fragments.Fragments, "__call__", lambda self, name, page, nav, caller: caller())
    build_site(CORPUS, tmp_path / "plain")
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert len(pages) > 20
    assert pages == sorted(p.relative_to(tmp_path / "plain") for p in (tmp_path / "plain").rglob("*.html"))
    for page in pages:
        assert (site / page).read_bytes() == (tmp_path / "plain" / page).read_bytes(), page
    assert 'class="md-tabs"' in (site / "people" / "index.html").read_text(encoding="utf-8")
