"""`mkdocs serve` regenerates from the corpus: a new article appears without a restart."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def wait_for(url: str, status: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if fetch(url) == status:
            return True
        time.sleep(0.5)
    return False


@pytest.mark.parametrize("flags", [[], ["--dirty"]], ids=["full", "dirty"])
@pytest.mark.slow
def test_new_article_appears_while_serving(corpus_copy, flags):
    """As `make serve` runs it (--dirty: only changed pages are made again) and without."""
    from conftest import project_config

    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    config = project_config(corpus_copy, corpus_copy.parent)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *flags, "--dev-addr", f"127.0.0.1:{port}", "-f", str(config)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/annals"
    try:
        assert wait_for(f"{base}/people/xi-jinping/", 200, 120), "mkdocs serve did not come up"
        assert fetch(f"{base}/people/angela-merkel/") == 404
        (corpus_copy / "new.txt").write_text(
            " date 2025-05-09 German Chancellor Angela Merkel visited Moscow on Friday.\n\n"
            "Merkel met Russian President Vladimir Putin in the Kremlin.\n"
        )
        assert wait_for(f"{base}/articles/new/", 200, 120), "the new article did not appear"
        assert wait_for(f"{base}/people/angela-merkel/", 200, 30)
        with urllib.request.urlopen(f"{base}/people/vladimir-putin/", timeout=5) as response:
            assert "articles/new/" in response.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
