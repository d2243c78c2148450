"""Extraction on a Dask cluster: `--scheduler tcp://HOST:8786` sends batches of articles to a
running `dask.distributed` scheduler; `--scheduler local:N` starts a LocalCluster of N worker
processes on this machine. Without either, the built-in process pool extracts (see `extract`).

Each worker builds the extractor once (a worker plugin keyed by the extractor's fingerprint, so a
changed extractor or data file is built again) and extracts whole batches. With a shared store
(`extract.store`), workers write each extraction there themselves. Results are taken back batch
by batch in the order they were sent, so the site is the same as a one-process build. A worker
that dies has its batch rerun by the scheduler on another; an article that fails is reported
by the extractor as in one process. Needs the optional extra `annals[dask]`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager

from generator.config import Settings
from generator.model import Article, Extraction, Problem
from generator.process.fork import own_import_path, start_method

ENV = "ANNALS_SCHEDULER"  # the scheduler, for CI systems and the MkDocs plugin's users
_LOCAL = re.compile(r"local:(\d+)")
_ADDRESS = re.compile(r"(tcp|tls|ws|wss|inproc|ucx)://\S+")
CONNECT_SECONDS = 10
RETRIES = 2  # a batch whose task raised is tried again this often (a lost worker is always retried)


class SchedulerError(RuntimeError):
    """The scheduler was named wrong or cannot be reached: said before any work starts."""


def chosen(given: str | None) -> str | None:
    """The scheduler a run uses: the option's, else the environment's, else none."""
    value = (given or os.environ.get(ENV) or "").strip()
    if not value:
        return None
    local = _LOCAL.fullmatch(value)
    if not (local or _ADDRESS.fullmatch(value)):
        raise SchedulerError(
            f"scheduler {value!r}: give local:N (N worker processes here) or an address, tcp://HOST:8786"
        )
    if local and int(local.group(1)) < 1:
        raise SchedulerError(f"scheduler {value!r}: a local cluster needs at least one worker")
    if value.startswith(("tcp://", "tls://")):
        _reachable(value)
    return value


def _reachable(address: str) -> None:
    """Say now, before any article is read, that nothing answers at `address`."""
    host, _, port = address.split("://", 1)[1].rstrip("/").rpartition(":")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS):
            pass
    except ValueError as exc:
        raise SchedulerError(f"scheduler {address!r}: give HOST:PORT after the scheme") from exc
    except OSError as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address} ({exc.strerror or exc})") from exc


@contextmanager
def client_for(scheduler: str):
    """A `distributed.Client` on `scheduler`, closed (with the cluster it started) on exit."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise SchedulerError("a Dask scheduler needs the optional extra: pip install 'annals[dask]'") from exc
    logging.getLogger("distributed").setLevel(logging.WARNING)  # not the cluster's every step
    if match := _LOCAL.fullmatch(scheduler):
        import dask

        # One thread a worker: spaCy's parse holds the interpreter, a second thread only contends.
        # Without the workers' sampling profiler, and without the allocator setting Dask gives its
        # workers (MALLOC_TRIM_THRESHOLD_): each made parsing measurably slower (docs/scaling.md).
        # The processes it starts import nothing from the current folder (see `fork.own_import_path`),
        # the worker a nanny starts again after a crash included: for the cluster's whole life.
        with (
            own_import_path(),
            dask.config.set(
                {
                    "distributed.worker.profile.enabled": False,
                    # As the built-in pool starts its workers: quicker than spawn where there is one.
                    "distributed.worker.multiprocessing-method": start_method(),
                    "distributed.nanny.pre-spawn-environ": {
                        "OMP_NUM_THREADS": 1,
                        "MKL_NUM_THREADS": 1,
                        "OPENBLAS_NUM_THREADS": 1,
                    },
                }
            ),
            LocalCluster(
                n_workers=int(match.group(1)),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
    with client:
        yield client


def extract(
    client, settings: Settings, fingerprint: str, batches: list[list[Article]], keys: dict[str, str], store: str | None
) -> Iterator[tuple[dict[str, Extraction], list[Problem]]]:
    """Send every batch to the cluster and yield their results in the order sent."""
    from generator.extract.worker import ExtractorPlugin, extract_batch

    plugin = ExtractorPlugin(settings, fingerprint)
    client.register_plugin(plugin, name=plugin.name)
    futures = []
    for batch in batches:
        batch_keys = [keys[a.id] for a in batch]
        # Named by what it extracts: another build on the same cluster never shares a task by chance.
        name = hashlib.sha256(" ".join(batch_keys).encode()).hexdigest()[:24]
        futures.append(
            client.submit(
                extract_batch, fingerprint, batch, batch_keys, store, key=f"annals-extract-{name}", retries=RETRIES
            )
        )
    try:
        for future in futures:
            yield future.result()
    finally:
        client.cancel(futures)
