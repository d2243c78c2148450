import os
from pathlib import Path

import pytest
from conftest import shared

from generator import ingest
from generator.config import Settings
from generator.ingest import read_corpus
from generator.ingest.plaintext import parse_plain_text

BOILERPLATE = {"drop_line_prefixes": ["READ MORE:"], "byline_prefixes": ["By "]}


def read(folder: Path):
    return read_corpus(Settings.load(folder))


def test_seed_shapes(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2025-02-28 China is gearing up. The parade is set.\n\nMore text here.\n")
    (tmp_path / "b.txt").write_text(
        "Putin and Xi Reaffirm Commitment\n\nFirst paragraph here.\n\nHistoric Significance\n\nSecond one.\n\n"
        "READ MORE: Something else entirely\n"
    )
    articles, problems = read(tmp_path)
    assert problems == []
    a, b = sorted(articles, key=lambda x: x.id)
    assert a.date == "2025-02-28" and a.date_given and a.title is None
    assert a.blocks[0].text == "China is gearing up. The parade is set."
    assert b.title == "Putin and Xi Reaffirm Commitment"
    assert [(x.kind, x.text) for x in b.blocks] == [
        ("paragraph", "First paragraph here."),
        ("heading", "Historic Significance"),
        ("paragraph", "Second one."),
    ]


def test_date_marker_alone_and_dateline():
    parsed = parse_plain_text(" date 2023-08-04\nA Headline Without Stop\nAugust 4, 2023\n\nBody text.", BOILERPLATE)
    assert parsed.date == "2023-08-04"
    assert parsed.title == "A Headline Without Stop"
    assert [b.text for b in parsed.blocks] == ["Body text."]


def test_byline_and_wrapped_paragraph():
    text = "Headline Here\n\nBy Jim Garamone\n\nThis line is long enough to be a hard-wrapped line of prose and\ncontinues here.\n"
    parsed = parse_plain_text(text, BOILERPLATE)
    assert parsed.author == "Jim Garamone"
    assert [b.text for b in parsed.blocks] == [
        "This line is long enough to be a hard-wrapped line of prose and continues here."
    ]


def test_markdown_front_matter_and_overrides(tmp_path):
    (tmp_path / "m.md").write_text(
        "---\ntitle: A Title\ndate: 2024-05-01\nauthor: Ann\ntags: [x, y]\nurl: https://example.org/a\nsection: world\n---\n"
        "# Ignored H1\n\nSome *text* with a [link](https://e.org).\n\n## A heading\n\nMore.\n"
    )
    (article,), problems = read(tmp_path)
    assert problems == []
    assert (article.title, article.date, article.author, article.tags) == ("A Title", "2024-05-01", "Ann", ["x", "y"])
    assert article.url == "https://example.org/a" and article.overrides == {"section": "world"}
    assert article.blocks[0].text == "Some text with a link."
    assert ("heading", "A heading") in [(b.kind, b.text) for b in article.blocks]


def test_bad_files_are_reported_and_the_rest_builds(tmp_path):
    (tmp_path / "good.txt").write_text("A good article about Paris.\n")
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 in Montr\xe9al opened.".encode("latin-1"))
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody of the broken one.\n")
    (tmp_path / "baddate.md").write_text("---\ntitle: 42\ndate: 2023-02-30\n---\nText of it.\n")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "photo.xyz").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nested.txt").write_text("Nested article text.\n")
    (tmp_path / "copy.txt").write_text("A good article about Paris.\n")
    articles, problems = read(tmp_path)
    sources = sorted(a.source for a in articles)
    assert sources == ["baddate.md", "broken.md", "copy.txt", "latin.txt", "sub/nested.txt"]
    by_path = {p.path: p.reason for p in problems}
    assert by_path["empty.txt"].startswith("empty file")
    assert "binary" in by_path["binary.txt"]
    assert "Windows-1252" in by_path["latin.txt"]
    assert "not valid YAML" in by_path["broken.md"]
    assert "not a real date" in by_path["baddate.md"]
    assert "same text as copy.txt" in by_path["good.txt"]
    assert "cannot be read as PDF" in by_path["notes.pdf"]  # a damaged PDF: its path and why
    assert any("photo.xyz" in p.path and "unknown file type" in p.reason for p in problems)
    latin = next(a for a in articles if a.source == "latin.txt")
    assert "Montréal" in latin.body
    baddate = next(a for a in articles if a.source == "baddate.md")
    assert baddate.title == "42" and baddate.date is None


def test_ids_are_stable_and_distinct(tmp_path):
    (tmp_path / "Same Name.txt").write_text("One article.\n")
    (tmp_path / "same-name.md").write_text("Another article.\n")
    first, _ = read(tmp_path)
    second, _ = read(tmp_path)
    assert [a.id for a in first] == [a.id for a in second]
    assert len({a.id for a in first}) == 2


def test_crlf_and_bom(tmp_path):
    (tmp_path / "w.txt").write_bytes(b"\xef\xbb\xbfHeadline Of It\r\n\r\nBody line one.\r\n")
    (article,), problems = read(tmp_path)
    assert problems == [] and article.title == "Headline Of It" and article.body == "Body line one."


def _counting_reads(monkeypatch):
    import generator.ingest as ingest

    reads: list[str] = []
    real = ingest.read_file

    def counted(path, rel, *args, **kwargs):
        reads.append(rel)
        return real(path, rel, *args, **kwargs)

    monkeypatch.setattr(ingest, "read_file", counted)
    return reads


def test_a_rebuild_reads_only_the_files_that_changed(tmp_path, monkeypatch):
    from generator.ingest import snapshot

    monkeypatch.setattr(snapshot, "RACY", 0)  # the files here were all written a moment ago
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    corpus.mkdir()
    for n in range(4):
        (corpus / f"a{n}.txt").write_text(f"Headline {n}\n\nMayor Anna Berg spoke in Lisbon on day {n}.\n")
    (corpus / "empty.txt").write_text("")
    reads = _counting_reads(monkeypatch)
    first = read_corpus(Settings.load(corpus, cache))
    assert sorted(reads) == ["a0.txt", "a1.txt", "a2.txt", "a3.txt", "empty.txt"]

    reads.clear()
    again = read_corpus(Settings.load(corpus, cache))
    assert reads == [] and again == first  # the same articles and the same problems (the empty file)
    assert [p.path for p in again[1]] == ["empty.txt"]

    # An edit of the same size whose modification time is set back is still seen (its change time moved).
    edited = corpus / "a2.txt"
    stat = edited.stat()
    edited.write_text(edited.read_text().replace("Lisbon", "Berlin"))
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    (corpus / "a3.txt").unlink()
    (corpus / "new.txt").write_text("A new one\n\nThe council met in Porto.\n")
    reads.clear()
    articles, _ = read_corpus(Settings.load(corpus, cache))
    assert sorted(reads) == ["a2.txt", "new.txt"]
    assert articles == read_corpus(Settings.load(corpus))[0]  # equal to a read without the cache
    assert "Berlin" in next(a for a in articles if a.source == "a2.txt").body

    # Other boilerplate rules change how every file reads: all are read again.
    (corpus / "annals.yml").write_text("boilerplate:\n  drop_line_prefixes: ['Mayor']\n")
    reads.clear()
    read_corpus(Settings.load(corpus, cache))
    assert len(reads) == 5


def test_a_file_changed_just_before_it_was_read_is_trusted_only_while_its_bytes_are_the_same(tmp_path, monkeypatch):
    """Within a tick of the clock a file's times may not move when it changes again: a file read
    just after it changed is digested first, and the next run re-reads it if the digest differs."""
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Headline\n\nThe council met in Porto.\n")
    reads = _counting_reads(monkeypatch)
    read_corpus(Settings.load(corpus, cache))
    read_corpus(Settings.load(corpus, cache))
    assert reads == ["a.txt"]  # the same bytes: trusted

    # The same size and, on a coarse clock, the same times: only the bytes tell.
    kept = ingest.signature(corpus / "a.txt")
    (corpus / "a.txt").write_text("Headline\n\nThe council met in Braga.\n")
    monkeypatch.setattr(ingest, "signature", lambda path, status=None: kept)
    articles, _ = read_corpus(Settings.load(corpus, cache))
    assert reads == ["a.txt", "a.txt"] and "Braga" in articles[0].body


def test_a_damaged_snapshot_costs_only_a_full_read(tmp_path, caplog):
    from generator.ingest import snapshot

    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Headline\n\nThe council met.\n")
    cache.mkdir()
    (cache / snapshot.FILE).write_bytes(b"not a cache file")
    articles, problems = read_corpus(Settings.load(corpus, cache))
    assert [a.source for a in articles] == ["a.txt"] and problems == []
    assert "ingest snapshot" in caplog.text and "reading every file" in caplog.text


def test_two_processes_read_what_one_reads(tmp_path, monkeypatch):
    """New files are read in two processes on `mkdocs build`: the same articles, in the same
    order, with the same problems, duplicates told apart the same way."""
    from generator.process import share

    monkeypatch.setattr(share, "MIN_UNITS", 0)
    seeds = shared("seeds")
    for n, path in enumerate(sorted(seeds.glob("*.txt"))):
        (tmp_path / f"{n}.txt").write_bytes(path.read_bytes())
        (tmp_path / f"{n}-again.txt").write_bytes(path.read_bytes())  # a duplicate
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "front.md").write_text("---\ntitle: A title\ndate: 2023-02-30\n---\nText of it.\n")
    settings = Settings.load(tmp_path)
    one, two = read_corpus(settings), read_corpus(settings, processes=2)
    assert two == one
    assert len(one[0]) == 4 and {p.path for p in one[1]} >= {"binary.txt", "0.txt", "front.md"}


def test_the_corpus_listing_walks_folders_in_name_order_and_reports_what_it_skips(tmp_path, monkeypatch):
    """Files of a folder before those of its subfolders, all in name order; links inside the
    corpus are read, links out of it, broken links, linked folders, pipes and unreadable
    folders are not, and each skip but the linked folder is reported."""
    corpus, outside = tmp_path / "corpus", tmp_path / "outside.txt"
    outside.write_text("Secret.\n")
    for rel in ("b.txt", "a.txt", "z/y.txt", "z/x/w.txt", "m/n.txt", ".git/config.txt", "locked/l.txt"):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(f"Article {rel}.\n")
    (corpus / "link.txt").symlink_to(corpus / "a.txt")
    (corpus / "out.txt").symlink_to(outside)
    (corpus / "gone.txt").symlink_to(corpus / "missing.txt")
    (corpus / "linked-folder").symlink_to(corpus / "m", target_is_directory=True)
    os.mkfifo(corpus / "pipe.txt")
    scandir = os.scandir

    def refuses_locked(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(ingest.os, "scandir", refuses_locked)
    problems = []
    listed = ingest.corpus_files(corpus, problems)
    assert [p.relative_to(corpus.resolve()).as_posix() for p, _ in listed] == [
        "a.txt",
        "b.txt",
        "link.txt",
        "m/n.txt",
        "z/y.txt",
        "z/x/w.txt",
    ]
    assert all(status.st_size > 0 for _, status in listed)
    reasons = {p.path: p.reason for p in problems}
    assert reasons["out.txt"].startswith("symbolic link leading outside")
    assert reasons["gone.txt"].startswith("broken symbolic link")
    assert reasons["pipe.txt"].startswith("not a regular file")
    assert reasons["locked"].startswith("folder cannot be read (Permission denied)")
    assert len(problems) == 4


def test_a_release_date_in_the_header_zone_is_the_publication_date():
    cases = {
        "Northwind News\n\nStory Number: NW-1Release Date: 2/1/2019 2:37:00 PM\n\nBody of the story.": "2019-02-01",
        "Aid Arrives\n\nLAGOS, NIGERIA\n\n11.01.2024\n\nStory by Ada Okafor\n\nBody.": "2024-11-01",
        "PRESS RELEASE : Funding boost\n\nThe press release issued by the Department of Roads on 17 November 2024.\n\nBody.": "2024-11-17",
        "Odierno meets soldiers\n\nBy Ada Okafor, Public AffairsJanuary 14, 2013\n\nBody.": "2013-01-14",
        (
            "Soldier athletes train\n\nFORT CARSON, Colo. (Feb. 2, 2012) -- From the outside, building 1662 looks like any "
            "other building on the base, but it is home to athletes training for the next games in London.\n"
        ): "2012-02-02",
    }
    for text, date in cases.items():
        assert parse_plain_text(text, BOILERPLATE).date == date, text
    # The date as written is kept: it is a time expression of the article like any other.
    assert parse_plain_text(next(iter(cases)), BOILERPLATE).date_text == "2/1/2019"
    # Past the header, a date in the body's prose is a date of the story, not of the release.
    body = (
        "Harbour Opens\n\nThe new harbour, the largest the port has built since it first opened to ships from "
        "the north, was planned on March 3, 2001, and it opened this week to great applause.\n"
    )
    assert parse_plain_text(body, BOILERPLATE).date is None


def test_the_header_zone_gives_the_headline_the_author_and_the_date(tmp_path):
    body = "The harbour of Porto reopened on Tuesday after a month of repairs, the port authority said.\n"
    (tmp_path / "release.txt").write_text(
        "CITY OF PORTO\nOffice of the Mayor\nFor Immediate Release\nMarch 5, 2024\n\nStatement by Mayor Rui Moreira\n\n"
        "Harbour Reopens After Repairs\n\n" + body
    )
    (tmp_path / "wire.txt").write_text(
        "WORLD\n\nHarbour Reopens in Porto\n\nBy Ana Lima\nMarch 5, 2024 10:00 AM\n\n" + body
    )
    (tmp_path / "story.txt").write_text(
        "Harbour Reopens\n\nPort Authority of Porto, Press Office\nStory by Ana Lima\nPublished 5 March 2024\n\n" + body
    )
    articles, _ = read(tmp_path)
    by_source = {a.source: a for a in articles}
    release, wire, story = by_source["release.txt"], by_source["wire.txt"], by_source["story.txt"]
    assert (release.title, release.date) == ("Harbour Reopens After Repairs", "2024-03-05")
    assert [b.text for b in release.blocks if b.kind == "header"] == [
        "CITY OF PORTO",
        "Office of the Mayor",
        "For Immediate Release",
        "Statement by Mayor Rui Moreira",
    ]
    assert (wire.title, wire.author, wire.date) == ("Harbour Reopens in Porto", "Ana Lima", "2024-03-05")
    assert (story.title, story.author, story.date) == ("Harbour Reopens", "Ana Lima", "2024-03-05")
    assert [b.kind for b in story.blocks] == ["header", "paragraph"]


@pytest.mark.parametrize(
    "text, encoding, named",
    [
        ("Президент России Владимир Путин встретился в Кремле.", "cp1251", "Windows-1251"),
        ("中国国家主席习近平在莫斯科与俄罗斯总统普京举行会谈。", "gb18030", "GB18030"),
        ("岸田文雄首相は広島で開かれた平和記念式典に出席し、核兵器のない世界を訴えた。", "shift_jis", "Shift JIS"),
        (
            "Prezydent Andrzej Duda spotkał się w Warszawie z premierem. Rozmowy dotyczyły bezpieczeństwa.",
            "cp1250",
            "Windows-1250",
        ),
        (
            "Report from Bordeaux about the vineyards.",
            "utf-16-le",
            "UTF-16 (little-endian) text without a byte-order mark",
        ),
        ("Le café de Montréal a rouvert à Genève.", "latin-1", "Windows-1252"),
    ],
)
def test_text_that_is_not_utf8_is_decoded_and_the_encoding_named(tmp_path, text, encoding, named):
    (tmp_path / "a.txt").write_bytes((text + "\n").encode(encoding))
    (article,), problems = read(tmp_path)
    assert article.body == text
    assert any(named in p.reason for p in problems), [p.reason for p in problems]


def test_markdown_bodies_are_read_as_commonmark(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ndate: 2024-03-05\n---\nHarbour Reopens\n===============\n\n<!-- editor: check the figures -->\n"
        "The **harbour** of [Porto](https://x.example) reopened, said the port_authority_office.\n\n"
        "Costs\n-----\n\n- Boats sailed out.\n- Ferries *followed*.\n\n```\nprint('not prose')\n```\n"
    )
    (article,), _ = read(tmp_path)
    assert article.title == "Harbour Reopens"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("paragraph", "The harbour of Porto reopened, said the port_authority_office."),
        ("heading", "Costs"),
        ("paragraph", "Boats sailed out."),
        ("paragraph", "Ferries followed."),
    ]


def test_markdown_formatting_is_kept_beside_the_text():
    from generator.ingest.markup import markdown_blocks

    title, blocks = markdown_blocks(
        "# Title\n\nSome **bold  text** and a [link](https://example.org) and "
        "[a file](other.md).\n\n- an *item*\n\n> quoted\n> lines\n"
    )
    assert title == "Title"
    first = blocks[0]
    assert first.text == "Some bold text and a link and a file."  # whitespace folded, offsets kept
    assert [(first.text[a:b], style, href) for a, b, style, href in first.marks] == [
        ("bold text", "strong", None),
        ("link", "link", "https://example.org"),
    ]  # a link to a file leads nowhere
    assert (blocks[1].text, blocks[1].form, blocks[1].marks) == ("an item", "item", ((3, 7, "em", None),))
    assert (blocks[2].text, blocks[2].form) == ("quoted lines", "quote")
