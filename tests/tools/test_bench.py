"""The scale benchmark at a small size: the synthetic corpus, and a warm rebuild equal to a cold build."""

import hashlib
import json
import os
import time

import pytest

from generator.mkdocs import search, split
from generator.tools.bench import scale
from generator.tools.bench.synthetic import write_corpus


def test_synthetic_corpus_is_deterministic_and_long_tailed(tmp_path):
    words = write_corpus(tmp_path / "a", 60, seed=7)
    assert write_corpus(tmp_path / "b", 60, seed=7) == words
    texts = [p.read_text() for p in sorted((tmp_path / "a").rglob("*.txt"))]
    assert texts == [p.read_text() for p in sorted((tmp_path / "b").rglob("*.txt"))]
    assert len(texts) == 60 and all(t.startswith(" date ") for t in texts)
    assert 220 < words / 60 < 450  # news-length articles (the real ones in shared/ average 273 words)
    surnames = [t.split("\n")[1].split(" puts ")[1].split()[0] for t in texts]
    counts = sorted((surnames.count(s) for s in set(surnames)), reverse=True)
    assert counts[0] >= 3 and counts[-1] == 1  # a few recur often, many once


def tree(folder):
    # sitemap.xml.gz carries the time it was compressed.
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "sitemap.xml.gz"
    }


@pytest.mark.parametrize("backend", ["material", "pagefind"])
@pytest.mark.slow
def test_warm_rebuild_equals_a_cold_build(tmp_path, monkeypatch, backend):
    """An article edited, one added and one deleted: the dirty rebuild renders only what changed,
    and gives the very site a cold build of the same corpus gives, search index included."""
    monkeypatch.setenv("ANNALS_SEARCH", backend)
    # Pagefind's index in shards, as on a large site: small enough that the edits below (three
    # articles and the index pages that list them) leave some shards untouched.
    monkeypatch.setattr(search, "SHARD_PAGES", 4)
    corpus, site = tmp_path / "corpus", tmp_path / "site"
    write_corpus(corpus, 24, seed=3)
    scale.build(corpus, tmp_path / "cache", site)
    shards = {p: p.stat().st_mtime_ns for p in site.glob("pagefind/*/*/pagefind-entry.json")}
    files = sorted(corpus.rglob("*.txt"))
    files[5].write_text(files[5].read_text() + "\nMayor Anna Berg of Lisbon said the works would start in June.\n")
    gone = files[7].relative_to(corpus).as_posix()  # the articles index lists each file
    files[7].unlink()
    (corpus / "late.txt").write_text(
        " date 2024-06-02\nHarbour works begin\n\nPORTO - Mayor Joana Lima of Porto said "
        "the harbour works would open on Monday.\n",
        encoding="utf-8",
    )
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    time.sleep(0.01)
    warm = scale.build(corpus, tmp_path / "cache", site, dirty=True)
    assert warm.stages["extract"] < 5  # one article re-extracted, the rest from the cache
    rewritten = [p for p in site.rglob("*.html") if before.get(p) != p.stat().st_mtime_ns]
    if backend == "pagefind":  # incremental: most pages are left as they were, and most shards of the index
        assert 0 < len(rewritten) < len(before) / 3, (len(rewritten), len(before))
        # A page left out of search (a day of the calendar, the owner's review) is not "missing from
        # the index": unchanged, it is not built again. The new article's day, the days of the
        # deleted and edited ones and their neighbours (their links) change; no other.
        days = [p for p in site.glob("on-this-day/*/index.html")]
        assert len(days) > 10 and len(set(days) & set(rewritten)) <= 8, (len(days), len(set(days) & set(rewritten)))
        redone = [p for p in shards if not p.is_file() or p.stat().st_mtime_ns != shards[p]]
        assert len(shards) > 8 and 0 < len(redone) < len(shards), (len(redone), len(shards))
    cold_site = tmp_path / "cold"
    scale.build(corpus, tmp_path / "empty-cache", cold_site)
    assert tree(site) == tree(cold_site)
    assert "Anna Berg" in (site / "people" / "anna-berg" / "index.html").read_text()
    assert gone not in (site / "articles" / "index.html").read_text()
    assert "Joana Lima" in (site / "people" / "joana-lima" / "index.html").read_text()
    assert (site / "pagefind").is_dir() == (backend == "pagefind")


def test_search_is_chosen_by_size_or_setting(monkeypatch):
    monkeypatch.delenv("ANNALS_SEARCH", raising=False)
    small, large = {"a.md": "x" * 1000}, {f"{n}.md": "x" * 10_000 for n in range(200)}
    assert search.choose(None, small) == "material"
    assert search.choose("auto", large) == "pagefind"
    assert search.choose("pagefind", small) == "pagefind"
    monkeypatch.setenv("ANNALS_SEARCH", "material")
    assert search.choose("pagefind", large) == "material"


@pytest.mark.slow
def test_two_build_processes_make_the_site_one_makes(tmp_path, monkeypatch):
    """A large build makes every other generated page in a forked process (`split`): the site is
    byte for byte the one a single process makes, search index included."""
    monkeypatch.setenv("ANNALS_SEARCH", "pagefind")
    monkeypatch.setattr(split, "MIN_PAGES", 0)
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 16, seed=4)
    monkeypatch.setenv("ANNALS_WORKERS", "2")
    scale.build(corpus, tmp_path / "cache", tmp_path / "two")
    monkeypatch.setenv("ANNALS_WORKERS", "1")
    scale.build(corpus, tmp_path / "cache", tmp_path / "one")
    assert tree(tmp_path / "two") == tree(tmp_path / "one")
    assert len(list((tmp_path / "two").rglob("*.html"))) > 50
    for folder in (tmp_path / "cache" / "search").iterdir():  # the stage lists what both processes staged
        listed = json.loads((folder / search.LISTING).read_text())
        on_disk = {
            part: sorted(
                p.relative_to(folder / part).as_posix().split("/", 1)[1]  # <part>/<shard>/<page>
                for p in (folder / part).rglob("*.html")
            )
            for part in search.PARTS
        }
        assert {part: listed[part] for part in search.PARTS} == on_disk
        assert listed["names"] and listed["shards"]["names"] >= 1


@pytest.mark.slow
def test_a_failure_in_the_second_build_process_fails_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNALS_SEARCH", "pagefind")
    monkeypatch.setenv("ANNALS_WORKERS", "2")
    monkeypatch.setattr(split, "MIN_PAGES", 0)
    parent = os.getpid()
    add = search.Stage.add

    def breaks_in_the_child(stage, *args):
        if os.getpid() != parent:
            raise ValueError("a page could not be written")
        return add(stage, *args)

    monkeypatch.setattr(search.Stage, "add", breaks_in_the_child)
    write_corpus(tmp_path / "corpus", 8, seed=4)
    with pytest.raises(Exception, match="second build process failed: .*a page could not be written"):
        scale.build(tmp_path / "corpus", tmp_path / "cache", tmp_path / "site")


@pytest.mark.slow
def test_the_benchmark_command_reports_every_figure_at_a_small_size(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, ["bench", "--articles", "12", "--keep", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "corpus: 12 synthetic articles" in out and "median length asked 250" in out
    for figure in (
        "cold build: ",
        "warm rebuild after editing one article: ",
        "next warm rebuild in the same process",
        "html pages: ",
        "site size (MB): ",
        "largest page (KB): ",
        "search index (MB): ",
        "peak memory of the cold build: ",
        "extraction throughput",
    ):
        assert figure in out, figure
    searched = [line for line in out.splitlines() if line.startswith("search in headless Chromium for")]
    assert len(searched) == 4 and all("first results after" in line for line in searched), searched
    assert "(the most-named person)" in searched[0] and "(a person named a median number of times)" in searched[3]
    # Both edits reached the site: the person they name has a page.
    assert (tmp_path / "site" / "people" / "anna-berg" / "index.html").is_file()
    assert sum(p.read_text().count(scale.EDIT.strip()) for p in (tmp_path / "corpus").rglob("*.txt")) == 2
