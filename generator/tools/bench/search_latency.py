"""Time a reader's search on a built site in headless Chromium (Debian's, through Playwright):
from the first key typed, on a freshly loaded home page, to the first result on screen; and
every file the browser downloaded, page and search together."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CLOCK = Path(__file__).with_name("search_clock.js")


@contextlib.contextmanager
def serve(directory: Path):
    """The site on a local port, as a static host serves it; yields its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def search(site: Path, query: str) -> dict:
    """`search_page` on the site served locally, in a fresh headless Chromium."""
    return searches(site, [query])[0]


def searches(site: Path, queries: list[str]) -> list[dict]:
    """`search_page` for each query, each in a fresh browser context: a first visit, nothing cached."""
    from playwright.sync_api import sync_playwright

    found = []
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            for query in queries:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                found.append(search_page(context.new_page(), url, query))
                context.close()
        finally:
            browser.close()
    return found


def search_page(page, url: str, query: str) -> dict:
    """Type `query` into the search box of the home page at `url`. Returns the seconds from the
    first key to the first frame that shows a result, by the page's own clock; the result titles;
    and (path, bytes) of each file fetched.

    The page's clock, not this driver's: Playwright checks for an element at growing intervals
    (up to every 0.5 s), so its wait ends up to half a second after the results are drawn."""
    responses = []

    def keep(response) -> None:
        responses.append(response)

    page.on("response", keep)
    page.add_init_script(path=str(CLOCK))
    page.goto(f"{url}/")
    box = page.locator("input.md-search__input")
    box.click()
    # The whole query at once, as a paste: results of a half-typed query do not count.
    box.fill(query)
    box.press("End")  # Material reads the box on key-up
    page.wait_for_function("() => window.annalsSearchClock.shown !== undefined", polling="raf", timeout=30_000)
    clock = page.evaluate("window.annalsSearchClock")
    page.wait_for_load_state("networkidle")
    titles = [t.strip() for t in page.locator(".md-search-result__item h1").all_inner_texts()]
    page.remove_listener("response", keep)
    fetched = []
    for response in responses:  # read once the search is over: reading takes the driver's time
        try:
            fetched.append((response.url[len(url) :], len(response.body()) if response.ok else 0))
        except Exception:  # noqa: BLE001 - a response whose body the browser no longer holds
            fetched.append((response.url[len(url) :], 0))
    return {"seconds": (clock["shown"] - clock["key"]) / 1000, "titles": titles, "downloads": fetched}
