"""Extraction on a Dask cluster: the same site as one process, a shared store that workers
write and nobody trusts, a lost worker's batch done again, a bad article reported, and a
scheduler that cannot be reached said before any work."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest
from conftest import annals

pytest.importorskip("distributed", reason="the optional extra annals[dask] is not installed")

from distributed import LocalCluster, WorkerPlugin  # noqa: E402

from generator.config import Settings  # noqa: E402
from generator.extract import CHUNK, Extractor  # noqa: E402
from generator.ingest import read_corpus  # noqa: E402


def write_corpus(folder: Path, count: int = 2 * CHUNK + 5) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"a{n:03d}.txt").write_text(
            f" date 2024-03-{n % 28 + 1:02d}\nTalks in Berlin, part {n}\n\nPresident Emmanuel Macron met "
            f'Chancellor Olaf Scholz in Berlin on Monday, article {n}. "We agree," Scholz said.\n',
            encoding="utf-8",
        )
    return folder


def as_dicts(extractions) -> dict:
    return {k: v.to_dict() for k, v in extractions.items()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("cluster") / "corpus")


@pytest.fixture(scope="module")
def one_process(corpus):
    settings = Settings.load(corpus)
    articles, _ = read_corpus(settings)
    return settings, articles, Extractor(settings).run(articles, None, workers=1)[0]


@pytest.fixture()
def threads():
    """A cluster of two workers as threads of this process: they share its memory:// store."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_a_local_cluster_makes_the_same_export_and_pages_as_one_process(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("ANNALS_WORKERS", "1")  # one process, no pool
    annals("export", "--corpus", str(corpus), "--no-cache", "-o", str(tmp_path / "one.json"))
    annals("generate", "--corpus", str(corpus), "--no-cache", "-q", "--out", str(tmp_path / "one"))
    monkeypatch.delenv("ANNALS_WORKERS")
    dask = ("--scheduler", "local:2", "--cache-store", "memory://annals-test")
    annals("export", "--corpus", str(corpus), "-o", str(tmp_path / "dask.json"), *dask)
    annals("generate", "--corpus", str(corpus), "-q", "--out", str(tmp_path / "dask"), *dask)
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "dask.json").read_bytes()
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.md")}
    two = {p.relative_to(tmp_path / "dask"): p.read_bytes() for p in (tmp_path / "dask").rglob("*.md")}
    assert len(one) > len(list(corpus.iterdir())) and one == two


@pytest.mark.slow
def test_a_site_build_extracts_on_the_scheduler_its_plugin_is_given(corpus, tmp_path):
    site = tmp_path / "site"
    result = annals("build", "--corpus", str(corpus), "--no-cache", "--site-dir", str(site), "--scheduler", "local:2")
    assert "85 articles" in result.stdout and (site / "people" / "olaf-scholz" / "index.html").is_file()


@pytest.mark.slow
def test_workers_write_the_shared_store_and_only_missing_articles_are_sent(one_process, threads, monkeypatch):
    import fsspec

    from generator.extract import worker

    settings, articles, expected = one_process
    store = "memory://annals-shared"
    sent: list[str] = []  # the workers are threads of this process: they extract with this class
    real = Extractor.extract_all

    def counting(self, todo, progress=None):
        sent.extend(a.id for a in todo)
        return real(self, todo, progress)

    monkeypatch.setattr(Extractor, "extract_all", counting)
    first, _ = Extractor(settings).run(articles, None, scheduler=threads, store=store)
    assert as_dicts(first) == as_dicts(expected)
    assert len(sent) == len(articles)
    fs = fsspec.filesystem("memory")
    assert len(fs.find("/annals-shared/extract")) == len(articles)  # written by the workers

    fs.rm(f"/annals-shared/extract/{Extractor(settings).cache_key(articles[3])}.json")
    sent.clear()
    built = dict(worker._EXTRACTORS)
    again, _ = Extractor(settings).run(articles, None, scheduler=threads, store=store)
    assert sent == [articles[3].id] and as_dicts(again) == as_dicts(expected)
    assert worker._EXTRACTORS == built  # the same extractor: the running workers did not build it again


def test_a_store_entry_that_fails_its_check_is_extracted_again(one_process, caplog):
    import fsspec

    settings, articles, expected = one_process
    store = "memory://annals-untrusted"
    sample = articles[:3]
    Extractor(settings).run(sample, None, store=store)
    path = f"/annals-untrusted/extract/{Extractor(settings).cache_key(sample[0])}.json"
    fs = fsspec.filesystem("memory")
    planted = fs.cat_file(path).replace(b"Scholz", b"Mallory")  # content no longer matches its digest
    fs.pipe_file(path, planted)
    with caplog.at_level(logging.WARNING, logger="annals"):
        again, _ = Extractor(settings).run(sample, None, store=store)
    assert as_dicts(again) == {a.id: expected[a.id].to_dict() for a in sample}
    assert "does not match its key or its digest" in caplog.text
    assert b"Mallory" not in fs.cat_file(path)  # the entry was made again


def test_an_article_that_fails_is_reported_and_the_rest_extracted(one_process, threads, monkeypatch):
    settings, articles, expected = one_process
    real = Extractor.extract

    def failing(self, article, docs, heads=None):
        if article.id == articles[5].id:
            raise RuntimeError("a parser bug")
        return real(self, article, docs, heads)

    monkeypatch.setattr(Extractor, "extract", failing)
    results, problems = Extractor(settings).run(articles, None, scheduler=threads)
    assert [(p.path, "a parser bug" in p.reason) for p in problems] == [(articles[5].source, True)]
    assert results[articles[5].id].mentions == []
    assert all(as_dicts({k: v})[k] == expected[k].to_dict() for k, v in results.items() if k != articles[5].id)


class KillFirstTask(WorkerPlugin):
    """Ends its worker's process when the first extraction task starts anywhere on the cluster."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish == "executing" and str(key).startswith("annals-extract") and not os.path.exists(self.marker):
            Path(self.marker).touch()
            os._exit(1)


@pytest.mark.slow
def test_a_lost_worker_s_batch_is_done_again_elsewhere(one_process, tmp_path):
    import cloudpickle
    from distributed import Client

    settings, articles, expected = one_process
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    marker = tmp_path / "killed"
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        client.register_plugin(KillFirstTask(str(marker)))
        results, problems = Extractor(settings).run(articles, None, scheduler=cluster.scheduler_address)
    assert marker.exists()  # a worker did die mid-batch
    assert problems == [] and as_dicts(results) == as_dicts(expected)


def test_a_scheduler_that_cannot_be_reached_is_said_before_any_work(tmp_path, corpus):
    result = annals(
        "export",
        "--corpus",
        str(corpus),
        "-o",
        str(tmp_path / "k.json"),
        "--scheduler",
        "tcp://127.0.0.1:9",
        check=False,
    )
    assert result.returncode != 0
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "k.json").exists()
    wrong = annals("export", "--corpus", str(corpus), "-o", "-", "--scheduler", "my-cluster", check=False)
    assert wrong.returncode != 0 and "give local:N" in wrong.stderr


def test_mkdocs_says_what_is_wrong_with_the_scheduler_it_is_given(corpus, tmp_path):
    import subprocess

    from conftest import project_config

    config = project_config(corpus, tmp_path)
    env = dict(os.environ, ANNALS_SCHEDULER="my-cluster", NO_MKDOCS_2_WARNING="1")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "site")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode != 0 and "scheduler 'my-cluster': give local:N" in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "site").exists()
