"""The scale benchmark at a small size: the synthetic corpus, and a warm rebuild equal to a cold build."""

import hashlib

from generator.bench import scale
from generator.bench.synthetic import write_corpus


def test_synthetic_corpus_is_deterministic_and_long_tailed(tmp_path):
    words = write_corpus(tmp_path / "a", 60, seed=7)
    assert write_corpus(tmp_path / "b", 60, seed=7) == words
    texts = [p.read_text() for p in sorted((tmp_path / "a").rglob("*.txt"))]
    assert texts == [p.read_text() for p in sorted((tmp_path / "b").rglob("*.txt"))]
    assert len(texts) == 60 and all(t.startswith(" date ") for t in texts)
    assert 250 < words / 60 < 900  # news-length articles
    surnames = [t.split("\n")[1].split(" puts ")[1].split()[0] for t in texts]
    counts = sorted((surnames.count(s) for s in set(surnames)), reverse=True)
    assert counts[0] >= 3 and counts[-1] == 1  # a few recur often, many once


def test_warm_rebuild_equals_a_cold_build(tmp_path):
    corpus, site = tmp_path / "corpus", tmp_path / "site"
    write_corpus(corpus, 24, seed=3)
    scale.build(corpus, tmp_path / "cache", site)
    edited = sorted(corpus.rglob("*.txt"))[5]
    edited.write_text(edited.read_text() + "\nMayor Anna Berg of Lisbon said the works would start in June.\n")
    warm = scale.build(corpus, tmp_path / "cache", site)
    assert warm.stages["extract"] < 5  # one article re-extracted, the rest from the cache
    cold_site = tmp_path / "cold"
    scale.build(corpus, tmp_path / "empty-cache", cold_site)

    def tree(folder):
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "sitemap.xml.gz"}

    assert tree(site) == tree(cold_site)
    assert "Anna Berg" in (site / "people" / "anna-berg" / "index.html").read_text()
