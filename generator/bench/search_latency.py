"""Time a reader's search on a built site in headless Chromium (Debian's, through Playwright):
from the first key typed, on a freshly loaded home page, to the first result on screen; and
every file the browser downloaded, page and search together."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


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
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            return search_page(browser.new_context(viewport={"width": 1280, "height": 900}).new_page(), url, query)
        finally:
            browser.close()


def search_page(page, url: str, query: str) -> dict:
    """Type `query` into the search box of the home page at `url`. Returns the seconds from the
    first key to the first result, the result titles, and (path, bytes) of each file fetched."""
    fetched: list[tuple[str, int]] = []

    def count(response) -> None:
        try:
            size = len(response.body()) if response.ok else 0
        except Exception:  # noqa: BLE001 - the page closed while a response was still arriving
            return
        fetched.append((response.url[len(url):], size))
    page.on("response", count)
    page.goto(f"{url}/")
    box = page.locator("input.md-search__input")
    box.click()
    # The whole query at once, as a paste: results of a half-typed query do not count.
    box.fill(query)
    start = time.perf_counter()
    box.press("End")  # Material reads the box on key-up
    page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
    seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    titles = [t.strip() for t in page.locator(".md-search-result__item h1").all_inner_texts()]
    page.remove_listener("response", count)  # a response still arriving must not read a closed page's body
    return {"seconds": seconds, "titles": titles, "downloads": fetched}
