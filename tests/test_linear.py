"""No text makes a build hang: reading grows linearly with the length of any run of spaces,
punctuation, quotation marks, digits and dashes, emphasis markers or unclosed markup, and a
file of every such kind at the size limit goes through the whole pipeline in seconds and in a
bounded amount of memory."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import Settings
from generator.ingest import MAX_CHARS, read_file

# What repeats, and around what: each a shape that made a regex or a parser superlinear.
UNITS = [
    " ",
    "\t",
    "#",
    "*",
    "_",
    "`",
    "**",
    "__",
    "[",
    "](",
    "(",
    '"',
    "“",
    "'",
    "-",
    "1-2-",
    "—",
    ".",
    "!",
    '<a href="',
    "<p ",
    "&",
    "&amp;",
    "*a ",
    "_a ",
    "[x](",
    "# ",
    "\\",
    "|",
    "> ",
    "1. ",
    "…",
    "a",
    "http://x.y/",
]
SHAPES = {
    "md": ["# A{run}x\n\nBody.\n", "Para {run} end.\n", "---\ntitle: {run}\n---\nBody.\n", "Body.\n\n## {run}\n"],
    "html": ["<p>Hello</p>{run}", "<p>{run}</p>", "<h1>{run}", '<a href="{run}'],
    "txt": ["Title\n\n{run}\n", "Title\n\nHe said {run} done.\n", " date 2024-01-01 {run}\n\nBody.\n"],
    "xml": [
        "<rss><channel><item><title>{run}</title><description>Body.</description></item></channel></rss>",
        "<rss><channel><item><title>T</title><description>{run}</description></item></channel></rss>",
    ],
    "csv": ['title,text\nT,"{run}"\n', "title,text\n{run},Body.\n"],
    "jsonl": ['{{"title": "T", "text": {run_json}}}\n'],
}


def seconds_to_read(tmp: Path, suffix: str, text: str) -> float:
    path = tmp / f"a.{suffix}"
    path.write_text(text, encoding="utf-8")
    options = Settings.load(tmp)
    best = float("inf")
    gc.collect()
    gc.disable()  # a collection of the whole test process's heap would land in one run's time
    try:
        for _ in range(3):
            start = time.perf_counter()
            read_file(path, path.name, "a", options, [])
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unit=st.sampled_from(UNITS), suffix=st.sampled_from(sorted(SHAPES)), shape=st.integers(0, 3))
@pytest.mark.slow
def test_reading_grows_linearly_with_any_run(tmp_path, unit, suffix, shape):
    template = SHAPES[suffix][shape % len(SHAPES[suffix])]
    n = 20_000 // len(unit)
    once = seconds_to_read(tmp_path, suffix, template.format(run=unit * n, run_json=json.dumps(unit * n)))
    twice = seconds_to_read(tmp_path, suffix, template.format(run=unit * 2 * n, run_json=json.dumps(unit * 2 * n)))
    assert twice <= 3 * once + 0.02, (unit, template, once, twice)  # 20 ms: the clock's noise, not growth


PIPELINE = """
import json, resource, sys, time
from pathlib import Path
from generator.config import Settings
from generator.pipeline import build_knowledge
start = time.perf_counter()
knowledge = build_knowledge(Settings.load(Path(sys.argv[1])))
print(json.dumps({"seconds": time.perf_counter() - start, "articles": len(knowledge.articles),
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@pytest.mark.slow
def test_files_at_the_size_limit_go_through_the_whole_pipeline_in_seconds(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    size = MAX_CHARS - 100
    for name, text in {
        "quotes.txt": "Title\n\nHe said " + '"' * size + "\n",
        "digits.txt": "Title\n\nScore " + "1-2-" * (size // 4) + "\n",
        "spaces.md": "# A" + " " * size + "x\n\nBody.\n",
        "emphasis.md": "Para " + "*a " * (size // 3) + "\n",
        "attributes.html": "<p>Hello</p>" + '<a href="x' * (size // 10),
        "one-line.txt": "Title\n\n" + "Anna Berg met Tom Lee in Paris. " * (size // 32) + "\n",
    }.items():
        (corpus / name).write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", PIPELINE, str(corpus)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["articles"] == 6
    # Loading spaCy takes about 250 MB and a few seconds; normal news of this length takes 10 to 20 s here.
    assert figures["mb"] < 700, figures
    assert figures["seconds"] < 120, figures


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unit=st.sampled_from(UNITS), suffix=st.sampled_from(sorted(SHAPES)), shape=st.integers(0, 3))
@pytest.mark.slow
def test_extraction_grows_linearly_with_any_run(tmp_path, unit, suffix, shape):
    """The same runs through spaCy and every extractor, which read what ingest kept of them."""
    from generator.extract import Extractor

    template = SHAPES[suffix][shape % len(SHAPES[suffix])]
    path = tmp_path / f"a.{suffix}"
    options = Settings.load(tmp_path)
    extractor = Extractor(options)
    timings = []
    for n in (4_000 // len(unit), 8_000 // len(unit)):
        run = unit * n
        path.write_text(
            template.format(
                run="Anna Berg met Tom Lee in Paris. " + run,
                run_json=json.dumps("Anna Berg met Tom Lee in Paris. " + run),
            ),
            encoding="utf-8",
        )
        article = next(iter(read_file(path, path.name, "a", options, [])), None)
        if article is None:
            return
        extractor.extract_all([article])  # the model and its patterns are loaded once, outside the timing
        start = time.perf_counter()
        extractor.extract_all([article])
        timings.append(time.perf_counter() - start)
    assert timings[1] <= 3 * timings[0] + 0.1, (unit, template, timings)
