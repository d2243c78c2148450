"""Search on a large site: Pagefind's chunked index behind Material's search box, in Chromium."""

import dataclasses
import html
import itertools
import json
import re
import time
import urllib.parse
from pathlib import Path

import markdown
import pytest

from generator.mkdocs import search
from generator.mkdocs.search import lean
from generator.render import Renderer
from generator.tools.bench import scale, search_latency
from generator.tools.bench.synthetic import write_corpus

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("pagefind")
    write_corpus(work / "corpus", 40, seed=5)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ANNALS_SEARCH", "pagefind")
        patch.setattr(search, "SHARD_PAGES", 15)  # several shards a part: the worker merges them
        scale.build(work / "corpus", work / "cache", work / "site")
    return work / "site"


def test_pagefind_replaces_materials_single_index(pagefind_site):
    index = (pagefind_site / "search" / "search_index.json").read_text()
    assert '"docs":[]' in index.replace(" ", "")  # Material's box still starts from it: no page in it
    layout = json.loads((pagefind_site / "pagefind" / "shards.json").read_text())
    assert all(len(layout["bundles"][part]) > 2 for part in ("names", "text")), layout
    assert all(
        (pagefind_site / "pagefind" / bundle / "pagefind.js").is_file()
        for part in ("names", "text")
        for bundle in layout["bundles"][part]
    )
    assert '"assets/annals/search-worker.js"' in (pagefind_site / "index.html").read_text()
    assert not list((pagefind_site / "pagefind").rglob("pagefind-*ui.*"))  # Pagefind's own UI is not shipped


def test_a_name_finds_its_page_first(pagefind_site, page):
    people = sorted(p.name for p in (pagefind_site / "people").iterdir() if p.is_dir() and "--page-" not in p.name)
    slug = people[len(people) // 2]
    name = (
        (pagefind_site / "people" / slug / "index.html")
        .read_text()
        .split("<h1", 1)[1]
        .split(">", 1)[1]
        .split("<", 1)[0]
        .strip()
    )
    with search_latency.serve(pagefind_site) as url:
        found = search_latency.search_page(page, url, name)
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "search-pagefind.png"))
        assert found["titles"] and found["titles"][0] == name, found["titles"][:5]
        assert any(path.startswith("/pagefind/") for path, _ in found["downloads"])
        assert not any("search_index.json" in path and size > 1000 for path, size in found["downloads"])
        assert max(size for _, size in found["downloads"]) < 2_000_000
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_url(f"**/people/{slug}/**")
        assert page.locator("h1").first.inner_text().strip(" ¶\n") == name


def test_article_text_is_found_after_the_names(pagefind_site, page):
    """Words of an article's text find the article: the "text" bundle answers after "names"."""
    article = sorted(p for p in (pagefind_site / "articles").iterdir() if p.is_dir())[3]
    title = (article / "index.html").read_text().split("<h1", 1)[1].split(">", 1)[1].split("<", 1)[0].strip()
    with search_latency.serve(pagefind_site) as url:
        search_latency.search_page(page, url, title)
        page.wait_for_function(
            "t => [...document.querySelectorAll('.md-search-result__item h1')].some(h => h.textContent.trim() === t)",
            arg=title,
            timeout=15_000,
        )


def test_the_staged_copy_keeps_every_indexed_word_and_drops_the_rest():
    page = (
        '<h1 id="rosa">Rosa Duarte<a class="headerlink" href="#rosa" title="Permanent link">&para;</a></h1>\n'
        '<p><em>Person</em> · <a href="../x/">Health</a>s minister</p>\n'
        '<div data-pagefind-ignore="all">\n<h2 id="mentions">Mentions</h2>\n'
        '<div class="annals-group"><p>Said in Porto</p></div>\n<p>Lisbon</p></div>\n'
        "<table><tr><td>Mayor</td><td>2021</td></tr></table>"
    )
    staged = lean(page)
    assert staged == (
        '<h1 id="rosa">Rosa Duarte</h1>\n<p>Person · Healths minister</p>\n\n'
        "<table><tr><td>Mayor</td><td>2021</td></tr></table>"
    )
    assert lean(staged) == staged


def test_an_edit_reindexes_only_the_shards_it_changed(tmp_path, monkeypatch):
    """A named thing's page is staged without its counts and sections, so a new mention leaves
    its shard as it was; a changed article re-indexes its own shard and no other."""
    monkeypatch.setattr(search, "SHARD_PAGES", 8)
    monkeypatch.setattr(search, "NAMES_SCALE", 2)
    stage, site = search.Stage(tmp_path / "stage"), tmp_path / "site"

    def person(n: int, mentions: int) -> str:
        return (
            f'<h1 id="p">Person {n}</h1>\n<p><em>Person<span class="annals-count"> · {mentions} mentions in '
            f'{mentions} articles</span></em></p>\n<h2 id="roles">Roles</h2>\n<p>Mayor, {mentions} articles</p>'
        )

    for n in range(30):
        stage.add(f"people/p{n}/", f"Person {n}", person(n, 1), "person")
        stage.add(f"articles/a{n}/", f"Article {n}", f"<h1>Article {n}</h1><p>Words of article {n}.</p>", None)
    stage.index(site, workers=2)
    layout = json.loads((site / "pagefind" / "shards.json").read_text())
    assert layout["shards"] == {"names": 2, "text": 4}  # a power of two: 30 pages of 8 at most, of 16 for names
    built = {p: p.stat().st_mtime_ns for p in site.glob("pagefind/*/*/pagefind-entry.json")}
    assert len(built) == len(layout["bundles"]["names"]) + len(layout["bundles"]["text"]) == 6

    stage.changed.clear()
    stage.add("people/p3/", "Person 3", person(3, 7), "person")  # named in six more articles
    stage.add("articles/a3/", "Article 3", "<h1>Article 3</h1><p>Words of article 3, edited.</p>", None)
    assert stage.changed == {("text", "articles/a3/index.html")}
    time.sleep(0.01)
    stage.index(site, workers=2)
    redone = sorted(p.relative_to(site).parent.as_posix() for p in built if p.stat().st_mtime_ns != built[p])
    assert redone == [f"pagefind/text/{search.shard_of('articles/a3/index.html', 4)}"]
    staged = stage.path("people/p3/", "names").read_text()
    assert "Person 3" in staged and "mentions" not in staged and "Mayor" not in staged


def test_the_home_page_is_staged_without_what_every_edit_changes(shipped_knowledge):
    """The home page's counts and lists move with any edit; its staged copy does not, so an
    edited article re-indexes its own shard only, not the home page's too."""

    def staged(knowledge) -> str:
        text = Renderer(knowledge).home().split("---\n", 2)[2]
        html = markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html", "admonition"])
        return lean(html)

    before = shipped_knowledge
    busiest = max(before.people, key=lambda e: len(e.mentions))
    after = dataclasses.replace(
        before,
        articles=before.articles[1:] + before.articles[:1],  # another "latest" article
        people=[dataclasses.replace(p, mentions=p.mentions * 3) if p is busiest else p for p in before.people],
    )
    assert Renderer(before).home() != Renderer(after).home()
    assert staged(before) == staged(after)
    assert "articles" in staged(before) and str(len(before.articles)) in staged(before)


def test_a_part_that_doubles_is_laid_out_again_in_its_new_shards(tmp_path, monkeypatch):
    """The stage keeps each shard's pages in its own folder, which Pagefind reads as it is. When
    a part outgrows its shard count, its files move to their new shards, and the next build
    (a new Stage on the same folder) finds them there."""
    monkeypatch.setattr(search, "SHARD_PAGES", 4)
    folder, site = tmp_path / "stage", tmp_path / "site"
    stage = search.Stage(folder)
    stage.plan({"names": 0, "text": 6})  # a cold build knows how many pages it will stage
    for n in range(6):
        stage.add(f"articles/a{n}/", f"Article {n}", f"<h1>Article {n}</h1><p>Words of article {n}.</p>", None)
    staged = {p.relative_to(folder / "text").as_posix() for p in (folder / "text").rglob("*.html")}
    assert staged == {f"{search.shard_of(f'articles/a{n}/index.html', 2)}/articles/a{n}/index.html" for n in range(6)}
    stage.index(site)
    stage = search.Stage(folder)
    for n in range(6, 12):
        stage.add(f"articles/a{n}/", f"Article {n}", f"<h1>Article {n}</h1><p>Words of article {n}.</p>", None)
    stage.index(site)
    listed = json.loads((folder / search.LISTING).read_text())
    assert listed["shards"] == {"names": 1, "text": 4}
    on_disk = {p.relative_to(folder / "text").as_posix() for p in (folder / "text").rglob("*.html")}
    assert on_disk == {f"{search.shard_of(name, 4)}/{name}" for name in listed["text"]} and len(on_disk) == 12
    layout = json.loads((site / "pagefind" / "shards.json").read_text())
    assert layout["shards"]["text"] == 4 and not (site / "pagefind" / ".old").exists()
    for bundle in layout["bundles"]["text"]:
        entry = json.loads((site / "pagefind" / bundle / "pagefind-entry.json").read_text())
        pages = sum(language["page_count"] for language in entry["languages"].values())
        assert pages == len(list((folder / bundle).rglob("*.html")))


def test_the_home_page_is_staged_once_under_either_of_its_urls(tmp_path):
    """MkDocs calls the home page "./" in its file and "" in its page: one staged file, kept by the prune."""
    stage = search.Stage(tmp_path / "stage")
    stage.add("", "Annals", "<h1>Annals</h1><p>A knowledge site.</p>", None)
    stage.add("articles/a1/", "A1", "<h1>A1</h1>", None)
    stage.changed.clear()
    stage.prune({"./", "articles/a1/"})
    assert stage.changed == set() and stage.has("./") and stage.has("")
    assert stage.path("./", "text") == stage.path("", "text") == tmp_path / "stage" / "text" / "0" / "index.html"
    assert stage.path("", "text").is_file()


def _staged_words(path: Path) -> set[str]:
    text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8").split("<main data-pagefind-body>", 1)[1])
    return set(re.findall(r"[a-z]+", html.unescape(text).lower()))


def test_two_words_find_only_the_pages_with_both_though_a_shard_lacks_one(pagefind_site, page):
    """Pagefind leaves out a word its index has never seen: a shard without the second word
    would answer with every page that has the first. The worker searches only the shards that
    have both, so the names found are exactly the staged names pages with both words."""
    stage = next((pagefind_site.parent / "cache" / "search").iterdir())
    count = json.loads((pagefind_site / "pagefind" / "shards.json").read_text())["shards"]["names"]
    # The stage holds each shard's pages in a folder of its own: <part>/<shard>/<page>.
    pages = {
        p.relative_to(stage / "names").as_posix().split("/", 1)[1]: _staged_words(p)
        for p in (stage / "names").rglob("*.html")
    }
    vocabulary = set().union(*pages.values(), *(_staged_words(p) for p in (stage / "text").rglob("*.html")))
    in_shard: dict[int, set[str]] = {}
    for name, words in pages.items():
        in_shard.setdefault(search.shard_of(name, count), set()).update(words)

    def distinct(word: str) -> bool:  # no other word shares its stem or extends it: Pagefind would match those too
        return len(word) >= 5 and not any(v != word and v.startswith(word[:-2]) for v in vocabulary)

    cases = []
    for first, second in itertools.permutations(sorted(w for w in set().union(*pages.values()) if distinct(w)), 2):
        lacking = {s for s, words in in_shard.items() if second not in words}
        both = {n for n, words in pages.items() if first in words and second in words}
        wrong = {n for n, words in pages.items() if first in words and search.shard_of(n, count) in lacking}
        if lacking and 1 <= len(both) <= 5 and wrong:
            cases.append((len(wrong), first, second, both))
    assert cases, "the synthetic corpus has no two such words"
    _, first, second, both = max(cases)
    with search_latency.serve(pagefind_site) as url:
        search_latency.search_page(page, url, f"{first} {second}")
        links = page.locator(".md-search-result__item a.md-search-result__link").evaluate_all(
            "as => as.map(a => a.href)"
        )
    found = {urllib.parse.urlsplit(link).path.lstrip("/") + "index.html" for link in links}
    sections = {name.split("/")[0] for name in pages}
    assert {name for name in found if name.split("/")[0] in sections} == both, (first, second, links)
