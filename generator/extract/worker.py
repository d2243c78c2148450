"""What runs in a Dask worker (see `process.cluster`): the extractor, built once by a worker plugin, and
the task that extracts one batch. Imported only where a scheduler is used: it needs `distributed`."""

from __future__ import annotations

from distributed import WorkerPlugin

from generator.config import Settings
from generator.model import Article, Extraction, Problem

_EXTRACTORS: dict = {}  # in each worker process: the extractor's fingerprint -> the extractor


class ExtractorPlugin(WorkerPlugin):
    """Builds the extractor once in each worker, with the run's settings. Its name holds the
    extractor's fingerprint (code, model, data files and the site's additions to them), so a
    later build with the same extractor on a running cluster keeps the workers' extractor."""

    idempotent = True

    def __init__(self, settings: Settings, fingerprint: str) -> None:
        self.settings = settings
        self.name = f"annals-extractor-{fingerprint}"
        self.fingerprint = fingerprint

    def setup(self, worker) -> None:
        from generator.extract import Extractor, nlp

        _EXTRACTORS[self.fingerprint] = Extractor(self.settings)
        nlp.load()  # the model, once a worker process, before its first batch

    def teardown(self, worker) -> None:
        _EXTRACTORS.pop(self.fingerprint, None)


def extract_batch(
    fingerprint: str, batch: list[Article], keys: list[str], store: str | None
) -> tuple[dict[str, Extraction], list[Problem]]:
    """A task: extract `batch` with this worker's extractor, writing each to the store."""
    extractions, problems = _EXTRACTORS[fingerprint].extract_all(batch)
    if store is not None:
        from generator.extract.store import SharedStore

        shared = SharedStore(store)
        for article, key in zip(batch, keys, strict=True):
            shared.put(key, extractions[article.id])
    return extractions, problems
