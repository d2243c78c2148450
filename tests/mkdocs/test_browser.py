"""The site in a real browser: Debian's Chromium, driven by Playwright (never a downloaded browser)."""

import re
from pathlib import Path

import pytest

SHOTS = Path(__file__).parent / "screenshots"
pytestmark = pytest.mark.browser


def test_search_finds_the_person_page(server, page):
    page.goto(f"{server}/")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Putin", delay=50)
    SHOTS.mkdir(exist_ok=True)
    results = page.locator(".md-search-result__item")
    try:
        results.first.wait_for(timeout=15000)
    finally:
        page.screenshot(path=str(SHOTS / "search-putin.png"))
    top = [t.strip() for t in page.locator(".md-search-result__item h1").all_inner_texts()[:5]]
    assert top[0] == "Vladimir Putin", top  # the person before the events named after what he did
    # The person's own page, not an event named after what he did ("… Vladimir Putin to visit China").
    person = page.locator(".md-search-result__item a").filter(
        has=page.locator("h1", has_text=re.compile(r"^\s*Vladimir Putin\s*$"))
    )
    person.first.click()
    page.wait_for_url("**/people/vladimir-putin/**")
    assert page.locator("h1").first.inner_text().strip(" ¶\n") == "Vladimir Putin"


def test_mention_link_lands_on_the_sentence(server, page):
    page.goto(f"{server}/people/xi-jinping/")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "person-xi.png"), full_page=True)
    link = page.locator('a[href*="articles/"][href*="#sent-"]').first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    anchor = href.split("#", 1)[1]
    target = page.locator(f"#{anchor}")
    assert target.is_visible()
    assert target.evaluate("el => el.matches(':target')")
    page.screenshot(path=str(SHOTS / "article-sentence.png"))


def test_works_with_the_network_off(server, page):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{server}/places/beijing/")
    page.wait_for_load_state("networkidle")
    outside = [u for u in requests if not u.startswith(server) and not u.startswith("data:")]
    assert outside == []


def test_a_name_without_a_page_is_listed_with_its_reason(tmp_path, page):
    """A doubtful name shows on its article as 'also named', and the reason one click away."""
    from conftest import build_site

    from generator.tools.bench.search_latency import serve

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "orders.txt").write_text(
        " date 2019-03-04\nNorthwind orders new jets\n\nNorthwind Airlines Corp. ordered twelve jets from "
        "Skyward Aerospace on Monday. Chief executive Ada Okafor said the jets would fly from Lagos.\n",
        encoding="utf-8",
    )
    # Filed as a person, as a tagger may: a company's name ending in its legal form earns no page.
    (corpus / "annals.yml").write_text("fixes:\n  kinds: {Northwind Airlines Corp: person}\n", encoding="utf-8")
    build_site(corpus, tmp_path / "site")
    with serve(tmp_path / "site") as url:
        page.goto(f"{url}/articles/orders/")
        also = page.locator("li", has_text="Also named, without a page")
        assert "Northwind Airlines Corp" in also.inner_text()
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "article-also-named.png"), full_page=True)
        also.locator("a", has_text="why").click()
        page.wait_for_url("**/corpus/unsure/**")
        row = page.locator("tr", has_text="Northwind Airlines Corp")
        assert "a word of businesses" in row.inner_text() and "person" in row.inner_text()
        assert page.locator("h1").first.inner_text().strip(" ¶\n") == "Names without a page"
        page.screenshot(path=str(SHOTS / "names-without-a-page.png"), full_page=True)


def test_timelines_read_as_what_happened(server, page):
    """A year page and a person's timeline name each event by what happened, not by its type."""
    SHOTS.mkdir(exist_ok=True)
    page.goto(f"{server}/timeline/2015/")
    september = page.locator("a", has_text="China to hold a major military parade in Beijing")
    assert september.count() >= 1
    page.screenshot(path=str(SHOTS / "timeline-2015.png"), full_page=True)
    page.goto(f"{server}/people/vladimir-putin/")
    rows = page.locator("table", has_text="Russian President Vladimir Putin to visit China")
    assert rows.count() >= 1
    rows.first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "timeline-putin.png"), full_page=True)


def test_an_entity_page_sits_under_its_tab_with_the_way_back(server, page):
    page.goto(f"{server}/people/xi-jinping/")
    assert page.locator(".md-tabs__item--active").inner_text().strip() == "People"
    back = page.locator(".annals-crumbs a")
    assert back.inner_text() == "People"
    back.click()
    page.wait_for_url("**/people/")


def test_index_lists_sort_filter_and_fit_a_phone(server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/places/")
    rows = page.locator(".annals-index table tbody tr")
    total = rows.count()
    page.locator(".annals-filter").fill("beijing")
    shown = [rows.nth(i).inner_text() for i in range(total) if rows.nth(i).is_visible()]
    assert len(shown) == 1 and shown[0].startswith("Beijing")
    page.locator(".annals-filter").fill("")
    assert sum(rows.nth(i).is_visible() for i in range(total)) == total
    heading = page.locator(".annals-index th").first
    heading.click()
    names = [rows.nth(i).inner_text().split("\t")[0] for i in range(total)]
    heading.click()
    assert [rows.nth(i).inner_text().split("\t")[0] for i in range(total)] == names[::-1]  # both ways
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "places-phone.png"), full_page=True)
    for url in ("/places/", "/people/xi-jinping/", "/articles/"):
        page.goto(f"{server}{url}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url  # nothing cut at the edge
    assert errors == []


def test_pages_open_instantly_and_links_preview_their_page(at_site_url):
    from conftest import SITE_URL

    page = at_site_url
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{SITE_URL}people/")
    page.wait_for_selector(".annals-filter")
    page.evaluate("window.annalsSameDocument = true")
    page.locator(".annals-index tbody a").first.click()
    page.wait_for_url("**/people/*/")
    page.locator(".annals-crumbs").wait_for()
    # The page came without a reload: the window, and what a script left on it, is the same.
    assert page.evaluate("window.annalsSameDocument") is True
    assert page.locator(".md-tabs__item--active").inner_text().strip() == "People"
    page.locator(".annals-crumbs a").click()
    page.wait_for_url("**/people/")
    page.locator(".annals-filter").wait_for()  # the index's script ran again on the new page
    page.locator(".annals-index tbody a").first.click()
    page.wait_for_url("**/people/*/")
    page.locator("article a[href*='/articles/']").first.hover()
    preview = page.locator(".md-tooltip2")
    preview.first.wait_for(timeout=10000)
    assert "Date" in preview.first.inner_text()  # the article's own header, shown on hover
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "link-preview.png"))
    assert errors == []


def test_the_connections_graph_is_drawn_and_follows_its_links(server, page):
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{server}/people/xi-jinping/")
        names = page.locator(".annals-graph + ul > li > a:first-child").all_inner_texts()
        nodes = page.locator(".annals-graph svg .annals-graph__node")
        nodes.first.wait_for()
        assert nodes.count() == len(names) + 1  # the subject and each listed name
        labels = page.locator(".annals-graph svg text").evaluate_all("ts => ts.map(t => t.textContent)")
        assert labels[0] == "Xi Jinping" and len(labels) == len(names) + 1
        assert all(name.startswith(label.rstrip("…")) for name, label in zip(names, labels[1:], strict=True))
        box = page.locator(".annals-graph svg").bounding_box()
        assert box["width"] <= width and page.evaluate("document.documentElement.scrollWidth") <= width
        SHOTS.mkdir(exist_ok=True)
        page.locator(".annals-graph").screenshot(path=str(SHOTS / f"connections-{width}.png"))
    target = page.locator(".annals-graph + ul > li > a:first-child").first.evaluate("a => a.href")
    nodes.nth(1).click()  # the first listed name's node leads where its link does
    page.wait_for_url(target)


def test_the_home_page_opens_on_this_day_for_the_readers_today(server, page):
    from datetime import datetime

    context = page.context.browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()  # its own clock: a frozen one would stop the theme's timers in later tests
    page.clock.set_fixed_time(datetime(2031, 9, 3, 10, 0))  # the parade's day, in another year
    page.goto(f"{server}/")
    link = page.locator(".annals-today a")
    assert link.inner_text().startswith("Today, 3 September: 2 things")
    link.click()
    page.wait_for_url("**/on-this-day/09-03/")
    assert page.locator("h1").first.inner_text().strip(" ¶\n") == "3 September"
    assert page.locator(".md-tabs__item--active").inner_text().strip() == "On this day"
    page.clock.set_fixed_time(datetime(2031, 12, 25, 10, 0))  # nothing in the corpus on this day
    page.goto(f"{server}/")
    assert page.locator(".annals-today a").inner_text().startswith("What happened on each day")
    page.locator(".annals-today a").click()
    page.wait_for_url("**/on-this-day/")
    assert page.locator(".annals-today").is_hidden()  # the calendar offers no "today" it lacks
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "on-this-day.png"), full_page=True)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(f"{server}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SHOTS / f"home-{width}.png"), full_page=True)
    context.close()


def test_search_results_narrow_by_kind_and_year(server, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{server}/")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Putin", delay=50)
    items = page.locator(".md-search-result__list > .md-search-result__item")
    items.first.wait_for(timeout=15000)

    def shown():
        return [
            re.sub(r"^https?://[^/]+/|/?[?#].*$", "", items.nth(i).locator("a").first.get_attribute("href"))
            for i in range(items.count())
            if items.nth(i).is_visible()
        ]

    everything = shown()
    assert any(p.startswith("people/") for p in everything) and any(p.startswith("events/") for p in everything)
    page.click(".annals-facets__kind[data-kind=events]")
    events = shown()
    assert events and all(re.fullmatch(r"events/[^/]+", p) for p in events)  # events only, not their index
    page.locator(".annals-facets__year").click()
    page.locator(".annals-facets__year").press_sequentially("2015", delay=30)  # typed, as a reader does
    assert page.locator("input.md-search__input").input_value() == "Putin"  # the query kept as it was
    page.wait_for_function("document.querySelector('.annals-facets__status').textContent.startsWith('1 of')")
    assert shown() == ["events/russian-president-vladimir-putin-to-visit-china"]
    page.click(".annals-facets__kind[data-kind='']")
    in_2015 = shown()
    assert "people/vladimir-putin" in in_2015 and not any(p.startswith("events/visit-with") for p in in_2015)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "search-narrowed.png"))
    for _ in "2015":
        page.locator(".annals-facets__year").press("Backspace")
    page.wait_for_function("document.querySelector('.annals-facets__status').textContent === ''")
    assert len(shown()) >= len(everything)  # nothing narrowed: every result listed again


@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)])
def test_a_readers_journeys_through_forty_articles(forty_site, page, width, height):
    """Search a name, open the person, follow a mention to its sentence and on to its source,
    filter an index, open an event from a year page, follow the graph: on a desktop and a phone."""
    from generator.tools.bench.search_latency import serve

    page.set_viewport_size({"width": width, "height": height})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    SHOTS.mkdir(exist_ok=True)

    def fits(what):
        assert page.evaluate("document.documentElement.scrollWidth") <= width, what

    with serve(forty_site) as url:
        page.goto(f"{url}/")
        fits("home")
        busiest = page.locator(".grid.cards li a[href*='people/']").first
        name = busiest.inner_text().strip()
        if width < 600:
            page.locator("label.md-header__button[for='__search']").click()
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially(name, delay=30)
        results = page.locator(".md-search-result__item h1")
        results.first.wait_for(timeout=15000)
        assert results.first.inner_text().strip() == name  # the person's own page first
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_url("**/people/**")
        assert page.locator("h1").first.inner_text().strip(" ¶\n") == name
        assert (
            page.locator(".md-tabs__item--active").count() == 0
            or page.locator(".md-tabs__item--active").inner_text().strip() == "People"
        )
        assert page.locator(".annals-crumbs a").inner_text() == "People"
        marks = page.locator("article mark")
        assert marks.count() > 0  # the name is marked in each quoted sentence
        fits("person")
        page.screenshot(path=str(SHOTS / f"forty-person-{width}.png"), full_page=True)
        # The graph leads to a neighbour's page.
        node = page.locator(".annals-graph svg .annals-graph__node").nth(1)
        target = page.locator(".annals-graph + ul > li > a:first-child").first.evaluate("a => a.href")
        node.click()
        page.wait_for_url(target)
        page.go_back()
        page.wait_for_url("**/people/**")
        # A mention leads to its sentence, highlighted, and the article to its source.
        context = page.locator("article a", has_text="in context").first
        anchor = context.get_attribute("href").split("#", 1)[1]
        context.click()
        page.wait_for_url(f"**#{anchor}")
        assert page.locator(f"#{anchor}").evaluate("el => el.matches(':target')")
        fits("article")
        page.screenshot(path=str(SHOTS / f"forty-article-{width}.png"))
        # An index narrows as the reader types.
        page.goto(f"{url}/people/")
        rows = page.locator(".annals-index tbody tr")
        page.locator(".annals-filter").fill(name.split()[-1])
        visible = [rows.nth(i).inner_text() for i in range(rows.count()) if rows.nth(i).is_visible()]
        assert visible and all(name.split()[-1].lower() in v.lower() for v in visible)
        fits("people index")
        # A year page leads to an event.
        page.goto(f"{url}/timeline/")
        page.locator("article table a").first.click()
        page.wait_for_url("**/timeline/*/")
        event = page.locator("article a[href*='/events/']").first
        event_name = event.inner_text().strip()
        event.click()
        page.wait_for_url("**/events/*/")
        assert page.locator("h1").first.inner_text().strip(" ¶\n") == event_name
        assert (
            page.locator(".md-tabs__item--active").count() == 0
            or page.locator(".md-tabs__item--active").inner_text().strip() == "Events"
        )
        fits("event")
        page.screenshot(path=str(SHOTS / f"forty-event-{width}.png"), full_page=True)
    assert errors == []


KINDS_OF_PAGE = {
    "home": "",
    "articles": "articles/",
    "article": "articles/002-bad6dafd3524e013/",
    "people": "people/",
    "person": "people/xi-jinping/",
    "organization": "organizations/ta-kung-pao/",
    "place": "places/beijing/",
    "events": "events/",
    "event": "events/chinas-military-parade-in-beijing/",
    "anniversaries": "anniversaries/",
    "anniversary": "anniversaries/70th-anniversary-of-world-war-ii/",
    "timeline": "timeline/",
    "year": "timeline/2015/",
    "calendar": "on-this-day/",
    "day": "on-this-day/09-03/",
    "review": "corpus/review/",
    "one-mention": "corpus/one-mention/",
    "health": "corpus/health/",
}


def test_every_kind_of_page_fits_a_desktop_and_a_phone(server, page):
    SHOTS.mkdir(exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        for kind, path in KINDS_OF_PAGE.items():
            response = page.goto(f"{server}/{path}")
            assert response.ok, path
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            page.screenshot(path=str(SHOTS / f"kind-{kind}-{width}.png"), full_page=True)


def test_an_article_query_finds_the_article_first(server, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{server}/")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Reaffirm Commitment to Preserving", delay=30)
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=15000)
    assert first.locator("h1").inner_text().strip().startswith("Putin and Xi Reaffirm Commitment")
    assert "/articles/002-bad6dafd3524e013/" in first.locator("a").first.get_attribute("href")
    snippet = first.inner_text()
    assert "inferred" not in snippet and "File:" not in snippet  # text, not the date note
