"""Property-based tests: random and adversarial articles go through ingest, extract, resolve
and render without a crash, every page stays inside the generated folders, and nothing an
article says becomes markup, a script or a link target in the HTML a reader gets."""

import re

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import Settings
from generator.pipeline import generate
from generator.render.writer import GENERATED_DIRS

FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<iframe src='https://evil.example'></iframe>",
    "[click](javascript:alert(3))",
    "![i](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="javascript:x">a</a>',
    "{{ config }}",
    "{% raw %}",
    "**bold**",
    "# heading",
    "---",
    "| a | b |",
    "\u200b",
    "\u202e",
    "😀",
    "北京",
    "President Emmanuel Macron",
    "visited Paris on Monday.",
    "the 70th anniversary of World War II",
    '"We will go," Putin said.',
    "on May 9, 2015",
    "../../etc/passwd",
    "CON",
    "<b onmouseover=alert(4)>x</b>",
    "<svg/onload=alert(5)>",
    "</title><script>alert(6)</script>",
    "&lt;script&gt;",
    "`code`",
    "<!-- c -->",
    "\\",
    "\r\n",
    "\n\n",
]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), min_size=1, max_size=14).map(" ".join)

# What may never reach the HTML from an article: tags, event handlers, script URLs.
FORBIDDEN = re.compile(
    r"<(script|iframe|img|svg|object|embed)\b|<[a-z]+[^>]*\son\w+\s*=|(href|src)=\"\s*(javascript|data):", re.I
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(body=TEXT, title=TEXT, name=st.sampled_from(["a.txt", "b.md", "../../x.txt", "CON.txt", "é 北京.txt"]))
@pytest.mark.slow
def test_any_article_builds_safely(tmp_path_factory, body, title, name):
    corpus = tmp_path_factory.mktemp("corpus")
    safe_name = name.replace("../", "up-")  # the file system cannot hold "../" in a name; the id must still be safe
    if safe_name.endswith(".md"):
        text = f"---\ntitle: {title!r}\n---\n{body}\n"
    else:
        text = f"{title}\n\n{body}\n"
    (corpus / safe_name).write_text(text, encoding="utf-8")
    (corpus / "good.txt").write_text(" date 2015-05-01 Xi Jinping visited Moscow on May 9, 2015.\n", encoding="utf-8")
    knowledge, pages = generate(Settings.load(corpus))
    assert any(a.source == "good.txt" for a in knowledge.articles)  # one bad article never costs the others
    for path, page in pages.items():
        assert not path.startswith("/") and ".." not in path.split("/")
        assert path == "index.md" or path.split("/")[0] in GENERATED_DIRS
        front, body_md = page.split("\n---\n", 1) if page.startswith("---\n") else ("", page)
        # The theme writes the title into <title> and the header as HTML: no markup may be in it.
        title = yaml.safe_load(front.removeprefix("---\n")).get("title", "") if front else ""
        assert "<" not in title and ">" not in title, (path, title)
        html = markdown.markdown(body_md, extensions=["tables", "attr_list", "md_in_html"])
        assert not FORBIDDEN.search(html), (path, FORBIDDEN.search(html).group(0))
