"""Search on a large site: Pagefind's chunked index behind Material's search box, in Chromium."""

from pathlib import Path

import pytest

from generator.bench import scale, search_latency
from generator.bench.synthetic import write_corpus
from generator.search import lean

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("pagefind")
    write_corpus(work / "corpus", 40, seed=5)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ANNALS_SEARCH", "pagefind")
        scale.build(work / "corpus", work / "cache", work / "site")
    return work / "site"


def test_pagefind_replaces_materials_single_index(pagefind_site):
    index = (pagefind_site / "search" / "search_index.json").read_text()
    assert '"docs":[]' in index.replace(" ", "")  # Material's box still starts from it: no page in it
    assert all((pagefind_site / "pagefind" / part / "pagefind.js").is_file() for part in ("names", "text"))
    assert '"assets/annals/search-worker.js"' in (pagefind_site / "index.html").read_text()
    assert not list((pagefind_site / "pagefind").rglob("pagefind-*ui.*"))  # Pagefind's own UI is not shipped


def test_a_name_finds_its_page_first(pagefind_site, page):
    people = sorted(p.name for p in (pagefind_site / "people").iterdir() if p.is_dir() and "--page-" not in p.name)
    slug = people[len(people) // 2]
    name = (pagefind_site / "people" / slug / "index.html").read_text().split("<h1", 1)[1].split(">", 1)[1].split("<", 1)[0].strip()
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
        page.wait_for_function("t => [...document.querySelectorAll('.md-search-result__item h1')]"
                               ".some(h => h.textContent.trim() === t)", arg=title, timeout=15_000)


def test_the_staged_copy_keeps_every_indexed_word_and_drops_the_rest():
    page = ('<h1 id="rosa">Rosa Duarte<a class="headerlink" href="#rosa" title="Permanent link">&para;</a></h1>\n'
            '<p><em>Person</em> · <a href="../x/">Health</a>s minister</p>\n'
            '<div data-pagefind-ignore="all">\n<h2 id="mentions">Mentions</h2>\n'
            '<div class="annals-group"><p>Said in Porto</p></div>\n<p>Lisbon</p></div>\n'
            '<table><tr><td>Mayor</td><td>2021</td></tr></table>')
    staged = lean(page)
    assert staged == ('<h1 id="rosa">Rosa Duarte</h1>\n<p>Person · Healths minister</p>\n\n'
                      '<table><tr><td>Mayor</td><td>2021</td></tr></table>')
    assert lean(staged) == staged
