"""The lean-inline Markdown extension gives the same HTML as Python-Markdown alone, and does
leave out the patterns a page cannot use."""

import markdown
import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.mkdocs.lean_inline import LeanInline

EXTENSIONS = [
    e if isinstance(e, str) else next(iter(e))
    for e in yaml.load((ROOT / "generator" / "mkdocs" / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)[
        "markdown_extensions"
    ]
]

SAMPLES = {
    "every inline pattern": (
        "An ![image](x.png), a <https://example.org> link, <someone@example.org>, &amp; an entity,\n"
        "`code`, an escaped \\*star\\*, a line break  \nthen [a reference][1], [short] and ![ref image][1].\n\n"
        "[1]: https://example.com\n[short]: /short/\n"
    ),
    "undefined references": "[not a reference][nothing] and [plain brackets] stay text.\n",
    "emphasis both ways": "*em* _em_ **strong** __strong__ ***both*** a * lone star and a _ lone underscore\n",
    "inline html and spans": '<span id="s-1" class="x">One [link](a.md).</span> <span id="s-2">Two &amp; three.</span>\n',
    "block html with markdown": '<div class="meta" markdown>\n**Date:** 2025-01-01  \n**File:** a\\_b.txt\n</div>\n\nText.\n',
    "windows line ends and tabs": "A line with two spaces  \r\nand a tab\tline\r\n\r\n\tcode\r\n",
    "code keeps its characters": "```\n<b> & [x](y) `z`\n```\n\n    indented <i>\n",
    "links of every shape": (
        "[a](b.md) [a b](../x/y.md#s-1) [a [b] c](x.md) [a](<x y>) [a](x 'title') [a](x(y)) [*em* text](p.md)\n"
        '[a](  x.md ) [](x) [a]() [a](x"y) x [a]\n(b) [a\nb](c.md) [a](b.md){: .x} `[a](b)` \\[a](b) [a](b\\)c)\n'
        '&amp; [a&b](c&d) [a](b\tc) [a](b <c>) [a]("t") ![i](j.png) [![i](j.png)](k.md) [a](b)[c](d)\n'
    ),
}


def convert(text: str, lean: bool) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS + ([LeanInline()] if lean else []))
    return md.convert(text)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_html_is_the_same_with_and_without_the_extension(name):
    assert convert(SAMPLES[name], lean=True) == convert(SAMPLES[name], lean=False)


def test_the_repository_pages_convert_the_same():
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert convert(text, lean=True) == convert(text, lean=False), page


def test_patterns_a_page_cannot_use_are_left_out_and_put_back():
    md = markdown.Markdown(extensions=EXTENSIONS + [LeanInline()])
    everything = set(md.inlinePatterns._data)
    md.convert("Plain text with a [link](a.md) and **strong** words.\n")
    left_out = set(md.annals_left_out)
    assert {
        "html",
        "entity",
        "image_link",
        "autolink",
        "automail",
        "backtick",
        "escape",
        "reference",
        "short_reference",
        "linebreak",
    } <= left_out
    assert "link" not in left_out and "em_strong" not in left_out
    assert set(md.inlinePatterns._data) == everything  # the instance can convert another page
    md.reset()
    html = md.convert("Now <b>bold</b> &amp; ![i](x.png)\n")
    assert "<b>bold</b>" in html and "<img" in html and "&amp;" in html
    assert "html" not in md.annals_left_out and "image_link" not in md.annals_left_out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]()<>\"' \\\n\t*_`!#:./ab&", max_size=40))
def test_links_read_the_short_way_are_the_links_python_markdown_reads(text):
    """Plain links are read by one regular expression (`PlainLink`); anything near a link,
    plain or not, converts as Python-Markdown alone converts it."""
    assert convert(text, lean=True) == convert(text, lean=False)
