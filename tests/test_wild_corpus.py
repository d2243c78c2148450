"""The corpus from the wild (tests/wild_corpus.py) built by the CLI, as a user runs it.

Every case is reported with its file and a clear reason, the rest is built, nothing from an
article becomes markup or a link, nothing is written outside the site, and a --strict build
that fails leaves the last good site untouched.
"""

from __future__ import annotations

import hashlib
import re
import resource
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, serve
from wild_corpus import CASES, write_corpus

from generator.config import Settings
from generator.ingest import MAX_CHARS, read_corpus

ANNALS = [sys.executable, "-m", "generator"]
# Elements an article could use to run or load something; none may appear in generated content.
UNSAFE_TAGS = {"script", "iframe", "img", "svg", "object", "embed", "form", "input", "style", "link", "meta", "base"}


class Unsafe(HTMLParser):
    """Collects unsafe elements, event-handler attributes and script or data URLs."""

    def __init__(self):
        super().__init__()
        self.tags, self.found = [], []

    def handle_starttag(self, tag, attrs):
        if tag in UNSAFE_TAGS:
            self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and re.match(r"\s*(javascript|data|vbscript):", value or "", re.I):
                self.found.append(f"{tag} {name}={value}")


def unsafe(html: str) -> Unsafe:
    parser = Unsafe()
    parser.feed(html)
    return parser


def tree(folder: Path) -> dict[str, str]:
    """Every file below `folder` with a hash of its bytes (links and pipes by name only)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else "-"
    return out


def content(html: str) -> str:
    """The generated part of a page: Material's <article> element."""
    start = html.index('<article class="md-content__inner')
    return html[start : html.index("</article>", start)]


@pytest.fixture(scope="module")
def wild(tmp_path_factory):
    base = tmp_path_factory.mktemp("wild")
    corpus = base / "corpus"
    files = write_corpus(corpus)
    before = {"corpus": tree(corpus), "docs": tree(ROOT / "docs")}
    site = base / "site"
    run = subprocess.run(
        [*ANNALS, "build", "--corpus", str(corpus), "--site-dir", str(site)],
        cwd=base,
        capture_output=True,
        text=True,
        timeout=900,
    )
    built = tree(site)
    strict = subprocess.run(
        [*ANNALS, "build", "--strict", "--corpus", str(corpus), "--site-dir", str(site)],
        cwd=base,
        capture_output=True,
        text=True,
        timeout=900,
    )
    articles, _ = read_corpus(Settings.load(corpus))
    return dict(
        base=base,
        corpus=corpus,
        site=site,
        files=files,
        run=run,
        strict=strict,
        built=built,
        before=before,
        ids={a.source: a.id for a in articles},
    )


def test_build_succeeds_and_summarises(wild):
    run = wild["run"]
    assert run.returncode == 0, run.stderr[-2000:]
    assert re.search(r"^\d+ problem\(s\) in the corpus \(\d+ error\(s\)\); the rest was built\.$", run.stderr, re.M)
    assert re.search(r"^\d+ articles -> \d+ pages; site in ", run.stdout, re.M)


def test_strict_fails_and_keeps_the_last_good_site(wild):
    strict = wild["strict"]
    assert strict.returncode != 0
    assert "the last good site in" in strict.stderr and "is unchanged" in strict.stderr
    assert "error: empty.txt: empty file" in strict.stderr  # the summary is printed before the failure
    assert tree(wild["site"]) == wild["built"]
    assert not list(wild["base"].glob(".site.*"))  # no staging folder left behind


@pytest.mark.parametrize("case", CASES, ids=[c.what for c in CASES])
def test_each_case_is_reported_and_built_as_expected(wild, case):
    files = wild["files"][case.what]
    lines = [line for line in wild["run"].stderr.splitlines() if line.startswith(("error: ", "warning: "))]
    mine = [line for line in lines if any(f": {f}: " in line or f" {f}," in line or f", {f}:" in line for f in files)]
    if case.problem is None:
        assert not [m for m in mine if "same text" not in m], mine
    else:
        assert any(case.problem in m for m in mine), (case.problem, mine)
        health = unescape((wild["site"] / "corpus" / "health" / "index.html").read_text(encoding="utf-8"))
        assert case.problem in health and files[0] in health
    for rel in files:
        page = wild["site"] / "articles" / wild["ids"].get(rel, "-") / "index.html"
        duplicate = any("same text as" in m and f": {rel}: " in m for m in mine)
        assert page.is_file() == (case.built and not duplicate), rel


def test_no_article_text_becomes_markup(wild):
    pages = sorted(wild["site"].rglob("*.html"))
    assert len(pages) > 40
    # Material's own scripts, as on the hand-written About page; an article can add none.
    theme_scripts = unsafe((wild["site"] / "about" / "index.html").read_text()).tags.count("script")
    for page in pages:
        html = page.read_text(encoding="utf-8")
        whole = unsafe(html)
        assert whole.found == [] and whole.tags.count("script") == theme_scripts, page
        assert not {"iframe", "object", "embed", "img"} & set(whole.tags), page
        if '<article class="md-content__inner' in html:
            inner = unsafe(content(html))
            assert inner.tags == [] and inner.found == [], page
    body = content((wild["site"] / "articles" / wild["ids"]["hostile-body.txt"] / "index.html").read_text())
    text = unescape(re.sub(r"<[^>]+>", "", body))
    for piece in (
        "<script>alert('body')</script>",
        "<svg onload=alert(3)></svg>",
        "[md link](javascript:alert(5))",
        "{{ 7*7 }}",
        "{% include 'x' %}",
        "&lt;escaped&gt;",
        "`code` | pipe | *star*",
    ):
        assert piece in text, piece
    front = (wild["site"] / "articles" / wild["ids"]["hostile-front.md"] / "index.html").read_text()
    title = re.search(r"<title>(.*?)</title>", front, re.S).group(1)
    assert "<" not in title and unescape(title).startswith("<script>alert('t')</script> {{ 7*7 }}")
    header = re.search(r'<div class="md-header__topic" data-md-component="header-topic">(.*?)</div>', front, re.S)
    assert "&lt;script&gt;alert('t')" in header.group(1) and "<script" not in header.group(1)
    assert "49" not in unescape(re.sub(r"<[^>]+>", "", content(front)))


def test_nothing_written_outside_the_site(wild):
    assert tree(wild["corpus"]) == wild["before"]["corpus"]
    assert tree(ROOT / "docs") == wild["before"]["docs"]
    # The cache is in the user's cache folder, not beside the articles.
    assert sorted(p.name for p in wild["base"].iterdir()) == ["corpus", "outside-secret.txt", "site"]
    for page in wild["site"].rglob("*"):
        assert page.resolve().is_relative_to(wild["site"].resolve())
    assert not (wild["site"] / "etc").exists() and not list(wild["site"].rglob("passwd*"))


def test_addresses_are_distinct_stable_and_safe(wild):
    ids = wild["ids"]
    assert ids["same-title-a.md"] != ids["same-title-b.md"]
    again, _ = read_corpus(Settings.load(wild["corpus"]))
    assert {a.source: a.id for a in again} == ids
    assert ids["index.txt"] != "index" and ids["CON.txt"].lower() != "con" and ids["nul.md"] != "nul"
    assert all(re.fullmatch(r"[a-z0-9-]{1,80}", i) for i in ids.values()), ids
    long_name = next(s for s in ids if s.startswith("long-"))
    title = (wild["site"] / "articles" / ids[long_name] / "index.html").read_text()
    assert "Very long title " * 31 in re.sub(r"\s+", " ", unescape(title)) + " "


def test_text_in_any_script_survives(wild):
    def text(source):
        return unescape(
            re.sub(
                r"<[^>]+>",
                "",
                content((wild["site"] / "articles" / wild["ids"][source] / "index.html").read_text(encoding="utf-8")),
            )
        )

    assert "习近平在北京会见了代表团" in text("新闻.txt")
    assert "مرحبا بالعالم" in text("rtl.txt") and "שלום עולם" in text("rtl.txt")
    assert "🔥 Fire In Lisbon 🚒" in text("emoji-🔥.txt") and "🧑\u200d🚒" in text("emoji-🔥.txt")
    accents = text("accents.txt")
    assert "Zoë Ångström met Zoë Ångström's friends in Malmö." in accents and "e\u0308" not in accents
    assert len([p for p in (wild["site"] / "people").iterdir() if p.name.startswith("zoe")]) == 1
    assert "“It costs 5€,” said the baker" in text("cp1252.txt")
    assert "Le café de Montréal a rouvert à Genève" in text("latin1.txt")
    assert "Report from Bordeaux" in text("utf16.txt")
    assert "Invoice gnp.exe" in text("rtl-override.md") and "\u202e" not in text("rtl-override.md")
    # The zero-width spaces are gone before extraction, so the two spellings are one person.
    assert (wild["site"] / "people" / "emmanuel-macron" / "index.html").is_file()
    assert not [p for p in (wild["site"] / "people").iterdir() if "mac-ron" in p.name or "emma-nuel" in p.name]


def test_a_huge_file_is_cut_at_the_limit(wild):
    text = content((wild["site"] / "articles" / wild["ids"]["huge.txt"] / "index.html").read_text())
    words = unescape(re.sub(r"<[^>]+>", "", text))
    assert "The council of Toulouse met again" in words
    assert MAX_CHARS * 0.8 < len(words) < MAX_CHARS * 1.1


@pytest.mark.slow
def test_an_article_naming_thousands_of_people(tmp_path):
    first = (
        "Anna Ben Carla David Elena Farid Grace Hiro Ines Jonas Kofi Lena Marco Nadia Omar Priya Quinn Rosa "
        "Sami Tara Umar Vera Wim Xenia Yusuf Zara Alba Bruno Chloe Diego Emil Fatima Goran Hana Igor Julia "
        "Karim Lucia Mateo Nina"
    ).split()
    last = (
        "Berg Costa Dahl Ekwueme Fischer Garcia Haddad Ivanova Jensen Kowalski Lindqvist Moreau Nakamura "
        "Okafor Petrov Quispe Rossi Santos Tanaka Ueda Varga Weber Xu Yilmaz Zielinski Abbott Barros Cohen "
        "Duarte Evans Ferrante Gomez Hoffmann Iqbal Jovanovic Kaplan Lopez Mendes Novak Ortiz Park Quintero "
        "Reyes Schmidt"
    ).split()
    names = [f"{f} {surname}" for surname in last for f in first]
    paragraphs = [
        "The honours list published in Geneva included " + ", ".join(names[i : i + 19]) + " and " + names[i + 19] + "."
        for i in range(0, len(names) - 19, 20)
    ]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "list.txt").write_text("date 2024-01-02\nThe Long List\n\n" + "\n\n".join(paragraphs) + "\n")
    out = tmp_path / "docs"
    run = subprocess.run(
        [*ANNALS, "generate", "--corpus", str(corpus), "--out", str(out), "--no-cache", "-q"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    people = list((out / "people").glob("*.md"))
    assert len(names) == 1760 and len(people) > 1000
    assert peak_mb < 1500, peak_mb
    article = (out / "articles" / "list.md").read_text()
    assert article.count("](../people/") >= len(people)


@pytest.mark.browser
def test_hostile_pages_run_no_script_in_chromium(wild, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(wild["site"]) as base:
        for source in ("hostile-body.txt", "hostile-front.md", "page.html", "traversal.md"):
            page.goto(f"{base}/articles/{wild['ids'][source]}/")
            page.wait_for_load_state("networkidle")
            assert page.locator("article iframe, article img, article svg[onload], article script").count() == 0
        page.goto(f"{base}/")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("Grenoble", delay=30)
        result = page.locator(".md-search-result__item h1").first
        result.wait_for(timeout=15000)
        assert result.inner_text().startswith("<script>alert('t')</script> {{ 7*7 }} [x](javascript:alert(1))")
        assert page.locator(".md-search-result script, .md-search-result img, .md-search-result iframe").count() == 0
        page.goto(f"{base}/corpus/health/")
        assert page.locator("table tr").count() > 25
    assert dialogs == []
