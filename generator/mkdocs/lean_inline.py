"""A Markdown extension that leaves out, for each page, the inline patterns that cannot match in it.

Python-Markdown tries every inline pattern on every piece of text, one after another: at
30,000 pages that is most of a large build's Markdown time. MkDocs makes a new Markdown
instance for each page, so the patterns can be chosen per page: one whose opening characters
do not occur anywhere in the page's source (no "![" means no image; no "<" means no inline
HTML) is unregistered before the inline stage runs, and the reference patterns go when the
page defines no reference. A pattern left out could not have matched, so the HTML is the same.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown import inlinepatterns as ip
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor


class PlainLink(ip.LinkInlineProcessor):
    """Python-Markdown's link, read by one regular expression where it is plain: `[text](url)`
    with no bracket in the text and no space, quote, parenthesis, angle bracket, backslash or
    placeholder in the address. The built-in reads both parts a character at a time in Python
    (the most-run code of a large build: every mention is a link); any other link is left to it.
    A plain link gives the same element either way: no title, and an address unescaping leaves as is."""

    PLAIN = re.compile(r"([^\[\]]*)\]\(([^()\s'\"<>\\\x02\x03]*)\)")

    def handleMatch(self, m, data):
        plain = self.PLAIN.match(data, m.end(0))
        if plain is None:
            return super().handleMatch(m, data)
        el = etree.Element("a")
        el.text = plain.group(1)
        el.set("href", plain.group(2))
        return el, m.start(0), plain.end(0)


# Name -> (the built-in class registered under it, substrings one of which must occur for it to
# match). A pattern replaced by another extension is of another class and is always kept; emphasis
# is always kept (its delimiter processor holds state for the whole page).
TRIGGERS: dict[str, tuple[type, tuple[str, ...]]] = {
    "backtick": (ip.BacktickInlineProcessor, ("`",)),
    "escape": (ip.EscapeInlineProcessor, ("\\",)),
    "link": (PlainLink, ("[",)),
    "image_link": (ip.ImageInlineProcessor, ("![",)),
    "image_reference": (ip.ImageReferenceInlineProcessor, ("![",)),
    "short_image_ref": (ip.ShortImageReferenceInlineProcessor, ("![",)),
    "autolink": (ip.AutolinkInlineProcessor, ("://",)),
    "automail": (ip.AutomailInlineProcessor, ("@",)),
    "linebreak": (ip.SubstituteTagInlineProcessor, ("  \n",)),
    "html": (ip.HtmlInlineProcessor, ("<",)),
    "entity": (ip.HtmlInlineProcessor, ("&",)),
}
# These find "[text][id]" and "[text]" and give up unless `id` is a defined reference.
REFERENCES = {
    "reference": ip.ReferenceInlineProcessor,
    "short_reference": ip.ShortReferenceInlineProcessor,
    "image_reference": ip.ImageReferenceInlineProcessor,
    "short_image_ref": ip.ShortImageReferenceInlineProcessor,
}


class _Source(Preprocessor):
    """Keeps the page's whole source: after line ends and tabs are normalized, before any raw
    HTML is stashed away."""

    def run(self, lines: list[str]) -> list[str]:
        self.md.annals_source = "\n".join(lines)
        return lines


class _Prune(Treeprocessor):
    """Runs after the block stage (the references are known) and before the inline stage."""

    def run(self, root) -> None:
        source = getattr(self.md, "annals_source", None)
        if source is None:
            return
        patterns = self.md.inlinePatterns
        unused = [
            name
            for name, (kind, triggers) in TRIGGERS.items()
            if name in patterns and type(patterns[name]) is kind and not any(t in source for t in triggers)
        ]
        if not self.md.references:
            unused += [
                name
                for name, kind in REFERENCES.items()
                if name not in unused and name in patterns and type(patterns[name]) is kind
            ]
        priority = {entry.name: entry.priority for entry in patterns._priority}  # Registry keeps no public getter
        self.md.annals_unused = [(name, patterns[name], priority[name]) for name in unused]
        self.md.annals_left_out = tuple(unused)
        for name in unused:
            patterns.deregister(name)


class _Restore(Treeprocessor):
    """Puts the patterns back after the inline stage, for an instance that converts again."""

    def run(self, root) -> None:
        for name, pattern, priority in getattr(self.md, "annals_unused", ()):
            self.md.inlinePatterns.register(pattern, name, priority)
        self.md.annals_unused = []


class LeanInline(Extension):
    def extendMarkdown(self, md) -> None:
        if type(md.inlinePatterns["link"]) is ip.LinkInlineProcessor:  # not replaced by another extension
            md.inlinePatterns.register(PlainLink(ip.LINK_RE, md), "link", 160)
        md.preprocessors.register(
            _Source(md), "annals_source", 25
        )  # between normalize_whitespace (30) and html_block (20)
        md.treeprocessors.register(_Prune(md), "annals_lean_inline", 25)  # "inline" is 20
        md.treeprocessors.register(_Restore(md), "annals_lean_inline_restore", 19)
