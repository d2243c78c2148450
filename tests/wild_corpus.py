"""A corpus from the wild: every broken or hostile case the tests build, one entry each.

Each case names the file(s) it writes, the problem the build must report for it (a piece of
the message, or None for no problem) and whether an article page must come out of it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

GOOD = "date 2024-03-05\nMayor Anne Hidalgo opened a new bridge in Paris on Tuesday.\n"
HOSTILE_TEXT = (
    "<script>alert('body')</script> <img src=x onerror=alert(2)> <iframe src=\"https://evil.example\"></iframe> "
    '<svg onload=alert(3)></svg> <a href="javascript:alert(4)">click</a> [md link](javascript:alert(5)) '
    "![md image](data:text/html;base64,PHNjcmlwdD4=) <b onmouseover=alert(6)>bold</b> "
    "{{ 7*7 }} {% include 'x' %} {# c #} &lt;escaped&gt; `code` | pipe | *star*"
)
HUGE_MB = 30


@dataclass(frozen=True)
class Case:
    what: str
    files: dict[str, bytes] = field(default_factory=dict)
    problem: str | None = None  # a piece of the message reported for the case's file
    built: bool = True  # an article page is built from it
    special: str | None = None  # a file the table cannot hold as bytes: made by `make_special`


def _t(text: str) -> bytes:
    return text.encode("utf-8")


CASES = [
    Case("plain good article", {"good.txt": _t(GOOD)}),
    Case("empty file", {"empty.txt": b""}, "empty file", built=False),
    Case("whitespace-only file", {"blank.txt": b"  \n\t\n  \r\n"}, "empty file (only white space)", built=False),
    Case(
        "invisible characters only",
        {"invisible.txt": _t("\u200b\u200b\ufeff\u2060")},
        "empty file (only invisible characters)",
        built=False,
    ),
    Case(
        "binary file with a text extension",
        {"photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))},
        "binary file",
        built=False,
    ),
    Case(
        "unknown extensions, listed once per type",
        {"scan.xyz": b"\x89PNG", "notes.odt": b"PK\x03\x04", "more.xyz": b"GIF89a"},
        "unknown file type '.xyz': skipped",
        built=False,
    ),
    Case("a damaged PDF", {"scan.pdf": b"%PDF-1.7\n%%EOF"}, "cannot be read as PDF", built=False),
    Case(
        "a truncated Word file", {"notes.docx": b"PK\x03\x04\x14\x00"}, "cannot be read as a Word document", built=False
    ),
    Case("hidden file", {".draft.txt": _t("A hidden draft about Lyon.\n")}, built=False),
    Case("hidden folder", {".git/notes.txt": _t("Inside a hidden folder about Nice.\n")}, built=False),
    Case("nested folders", {"2024/march/deep.txt": _t("Deeply nested report about the harbour in Marseille.\n")}),
    Case(
        "Latin-1 text",
        {"latin1.txt": "Le café de Montréal a rouvert à Genève.\n".encode("latin-1")},
        "decoded as Windows-1252",
    ),
    Case(
        "Windows-1252 text (curly quotes, euro sign)",
        {"cp1252.txt": "\u201cIt costs 5\u20ac,\u201d said the baker in Lille.\n".encode("cp1252")},
        "decoded as Windows-1252",
    ),
    Case(
        "UTF-16 text with a byte-order mark",
        {"utf16.txt": "Report from Bordeaux about the vineyards.\n".encode("utf-16")},
        "UTF-16",
    ),
    Case("UTF-8 byte-order mark", {"bom.txt": b"\xef\xbb\xbfHeadline With A Mark\n\nThe town of Rouen voted.\n"}),
    Case("CRLF line endings", {"crlf.txt": b"Headline In Crlf\r\n\r\nThe port of Brest reopened.\r\n"}),
    Case("CR line endings", {"cr.txt": b"Headline In Cr\r\rThe museum in Nantes closed.\r"}),
    Case(
        "front matter that is not YAML",
        {"broken-yaml.md": _t("---\ntitle: [unclosed\n---\nBody of the broken one in Dijon.\n")},
        "front matter is not valid YAML",
    ),
    Case(
        "front matter that is not a mapping",
        {"list-yaml.md": _t("---\n- a\n- b\n---\nA list for front matter in Metz.\n")},
        "front matter is a list, not a mapping of fields; ignored",
    ),
    Case(
        "front matter with a Python tag",
        {"tagged.md": _t("---\ntitle: !!python/object/apply:os.system ['echo x']\n---\nText in Caen.\n")},
        "front matter is not valid YAML",
    ),
    Case(
        "a number as title",
        {"number-title.md": _t("---\ntitle: 42\n---\nThe answer was given in Tours.\n")},
        "front matter 'title' is not text (int); used as text",
    ),
    Case(
        "a mapping as title",
        {"map-title.md": _t("---\ntitle: {a: 1}\n---\nA mapping title from Reims.\n")},
        "front matter 'title' has the wrong type (dict); ignored",
    ),
    Case(
        "a string where a list belongs",
        {"tags-string.md": _t("---\ntags: politics, city\n---\nCouncil news from Lyon.\n")},
        "front matter 'tags' is a string, not a list; split at commas",
    ),
    Case(
        "an impossible date",
        {"bad-date.md": _t("---\ndate: 2023-02-30\n---\nA story from Toulouse.\n")},
        "front matter 'date' '2023-02-30' is not a real date",
    ),
    Case(
        "a date marker that is not a date",
        {"bad-marker.txt": _t("date 2023-13-45\nA market opened in Nimes.\n")},
        "date marker 2023-13-45 is not a real date",
    ),
    Case(
        "YAML alias bomb in front matter",
        {
            "bomb.md": _t(
                "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\nA quiet day in Arles.\n"
            )
        },
        "front matter ignored: YAML aliases (*name) are not read",
    ),
    Case(
        "only front matter, no body",
        {"no-body.md": _t("---\nauthor: Nobody\n---\n")},
        "no text after removing markup and front matter",
        built=False,
    ),
    Case(
        "the same article under two names",
        {
            "original.txt": _t("The ferry to Calais was cancelled again.\n"),
            "zz-copy.txt": _t("The ferry to Calais was cancelled again.\n"),
        },
        "same text as original.txt; built once",
    ),
    Case(
        "two articles with the same title",
        {
            "same-title-a.md": _t("---\ntitle: Breaking News\n---\nA fire in Limoges.\n"),
            "same-title-b.md": _t("---\ntitle: Breaking News\n---\nA flood in Angers.\n"),
        },
    ),
    Case(
        "a file named like the index page", {"index.txt": _t("An article that happens to be called index, from Pau.\n")}
    ),
    Case(f"a very large file ({HUGE_MB} MB)", special="huge.txt", problem="is longer than the limit; only its first"),
    Case(
        "zero-width characters in a name",
        {"zero-width.txt": _t("President Emma\u200bnuel Mac\u200bron spoke in Paris. Emmanuel Macron left.\n")},
        "invisible formatting character(s) removed",
    ),
    Case(
        "right-to-left override in a title",
        {"rtl-override.md": _t('---\ntitle: "Invoice \u202egnp.exe"\n---\nA report from Vichy.\n')},
        "invisible formatting character(s) removed",
    ),
    Case(
        "right-to-left text",
        {"rtl.txt": _t("مرحبا بالعالم\nשלום עולם. The mayor of Haifa spoke in Hebrew and Arabic.\n")},
    ),
    Case(
        "emoji",
        {"emoji-🔥.txt": _t("🔥 Fire In Lisbon 🚒\n\nFirefighters 🧑‍🚒 fought a blaze in Lisbon overnight. 👍\n")},
    ),
    Case(
        "accents, composed and decomposed",
        {"accents.txt": _t("Zoë Ångström met Zoe\u0308 A\u030angstro\u0308m's friends in Malmö.\n")},
    ),
    Case(
        "CJK text and file name",
        {"新闻.txt": _t("习近平在北京会见了代表团。\nPresident Xi Jinping met a delegation in Beijing.\n")},
    ),
    Case(
        "HTML, script, handlers, iframe, javascript: and data: links in the body",
        {"hostile-body.txt": _t(f"Hostile Headline\n\nThe mayor of Rennes said {HOSTILE_TEXT}.\n")},
    ),
    Case(
        "hostile front matter (title, author, tags, extra fields)",
        {
            "hostile-front.md": _t(
                "---\ntitle: \"<script>alert('t')</script> {{ 7*7 }} [x](javascript:alert(1))\"\n"
                'author: "<img src=x onerror=alert(1)>"\ntags: ["<b>bold</b>", "javascript:alert(1)"]\n'
                'url: "javascript:alert(\'url\')"\nsection: "<iframe src=x>"\n---\n'
                "A calm article about Grenoble.\n"
            )
        },
    ),
    Case(
        "a title that closes the <title> element",
        {"closing-title.md": _t("---\ntitle: \"</title><script>alert('x')</script>\"\n---\nA note about Evian.\n")},
    ),
    Case(
        "a file name with HTML in it",
        {"<img src=x onerror=alert(1)>.txt": _t("The name of this file about Annecy is hostile.\n")},
    ),
    Case(
        "an HTML article with script, style and iframe",
        {
            "page.html": _t(
                "<html><head><title>Html Page Title</title><style>body{}</style><script>alert(1)</script></head>"
                "<body><h1>Html Page Title</h1><p>The theatre in Avignon <b>reopened</b>.</p>"
                "<iframe src='https://evil.example'></iframe><p onclick='alert(2)'>Second paragraph.</p></body></html>"
            )
        },
    ),
    Case(
        "title like ../../etc/passwd",
        {"traversal.md": _t("---\ntitle: ../../etc/passwd\n---\nA story about Orleans.\n")},
    ),
    Case(
        "file name like ../../etc/passwd in a person's name",
        {"traversal-name.txt": _t("Officials named ../../etc/passwd Smith, but John Smith of Calais denied it.\n")},
    ),
    Case(
        "Windows device names as file names",
        {"CON.txt": _t("Con article about Amiens.\n"), "nul.md": _t("Nul article about Besancon.\n")},
    ),
    Case(
        "a 500-character title and a 250-character file name",
        {
            ("long-" + "x" * 245 + ".md"): _t(
                '---\ntitle: "' + "Very long title " * 31 + '"\n---\nA long story about Poitiers.\n'
            )
        },
    ),
    Case("a file name that is not UTF-8", special="bad-name", problem="file name is not valid UTF-8"),
    Case(
        "symbolic link leading outside the corpus",
        special="escape-link.txt",
        problem="symbolic link leading outside the corpus; not followed",
        built=False,
    ),
    Case("broken symbolic link", special="dangling.txt", problem="broken symbolic link", built=False),
    Case("a named pipe (FIFO)", special="pipe.txt", problem="not a regular file", built=False),
]


def make_special(case: Case, corpus: Path) -> list[str]:
    """Create the files the table cannot hold; return their corpus-relative names as reported."""
    name = case.special
    if name == "huge.txt":
        paragraph = "The council of Toulouse met again on Monday to discuss the budget of the city. " * 12 + "\n\n"
        with open(corpus / name, "w", encoding="utf-8") as handle:
            for _ in range(HUGE_MB * 1024 * 1024 // len(paragraph) + 1):
                handle.write(paragraph)
        return [name]
    if name == "bad-name":
        raw = os.fsencode(corpus) + b"/caf\xe9-latin1-name.txt"
        with open(raw, "wb") as handle:
            handle.write(b"A report from Cannes with a badly named file.\n")
        return ["caf\ufffd-latin1-name.txt"]
    if name == "escape-link.txt":
        outside = corpus.parent / "outside-secret.txt"
        outside.write_text("A secret outside the corpus about Paris.\n")
        (corpus / name).symlink_to(outside)
        return [name]
    if name == "dangling.txt":
        (corpus / name).symlink_to(corpus / "does-not-exist.txt")
        return [name]
    if name == "pipe.txt":
        os.mkfifo(corpus / name)
        return [name]
    raise ValueError(name)


def write_corpus(corpus: Path) -> dict[str, list[str]]:
    """Write every case into `corpus`; return the corpus-relative files of each case."""
    corpus.mkdir(parents=True, exist_ok=True)
    written: dict[str, list[str]] = {}
    for case in CASES:
        if case.special:
            written[case.what] = make_special(case, corpus)
            continue
        for rel, data in case.files.items():
            path = corpus / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        written[case.what] = list(case.files)
    return written
