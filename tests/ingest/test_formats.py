"""Every format users bring: saved web pages, PDFs, Word files, feeds, table exports and e-mails,
each read by its own reader; a damaged file is reported with its path and reason and the rest
still builds."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from conftest import SHARED, annals

from generator.config import Settings
from generator.ingest import read_corpus

FORMATS = SHARED / "formats"


def read(corpus):
    return read_corpus(Settings.load(corpus))


@pytest.mark.skipif(not FORMATS.is_dir(), reason="the shared formats fixture is not beside the repository")
@pytest.mark.slow
def test_the_shared_formats_fixture_reads_right(tmp_path):
    knowledge, out = tmp_path / "k.json", tmp_path / "out"
    annals("export", "--corpus", str(FORMATS / "corpus"), "-o", str(knowledge), "--quiet", "--no-cache")
    annals("generate", "--corpus", str(FORMATS / "corpus"), "--out", str(out), "--quiet", "--no-cache")
    report = tmp_path / "report.json"
    subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "check_formats.py"),
            str(FORMATS / "expected.yaml"),
            str(knowledge),
            str(out),
            "--json",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    summary = json.loads(report.read_text())["summary"]
    assert summary["articles_built"] == summary["articles_expected"] == 19
    assert summary["extra_articles"] == 0 and summary["files_skipped"] == 0
    assert summary["title_ok"] == summary["date_ok"] == summary["author_ok"] == summary["url_ok"] == 19
    assert summary["first_ok"] == summary["last_ok"] == 19
    assert summary["site_absent_found"] == 0 and summary["articles_with_chrome"] == 0


PAGE = """<!doctype html><html><head><title>Harbour Reopens | The Coast Gazette</title>
<meta property="og:title" content="Harbour Reopens">
<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
<meta name="author" content="Ana Lima"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<article><h1>Harbour Reopens</h1>
<p>The harbour of Porto reopened on Tuesday after a month of repairs, the port authority said.</p>
<p>Mayor Rui Moreira said the works had cost less than planned and finished a week early.</p>
<p>Fishing boats were the first to sail out, followed by two ferries to the islands.</p>
<div class="share">Share on Facebook Share on X Copy link</div></article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Bridge closes for a week</a></li></ul></aside>
<footer>Sign up for our newsletter. Copyright The Coast Gazette.</footer></body></html>"""


def test_a_saved_page_gives_its_article_without_the_sites_chrome(tmp_path):
    (tmp_path / "page.html").write_text(PAGE)
    (article,), problems = read(tmp_path)
    assert article.title == "Harbour Reopens" and article.date == "2024-03-05" and article.author == "Ana Lima"
    assert article.body.startswith("The harbour of Porto reopened") and "islands." in article.body
    for chrome in ("cookies", "Share on", "Related stories", "newsletter", "World", "Bridge closes"):
        assert chrome not in article.body, chrome


def test_a_web_page_saved_under_a_text_name_is_read_as_one(tmp_path):
    (tmp_path / "page.txt").write_text(PAGE)
    (article,), problems = read(tmp_path)
    assert article.title == "Harbour Reopens" and "cookies" not in article.body
    assert any("read as HTML" in p.reason for p in problems)


RSS = """<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>The Coast Gazette</title><link>https://x.example</link>
<item><title>Harbour Reopens</title><link>https://x.example/harbour</link><dc:creator>Ana Lima</dc:creator>
<pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate><description>The harbour reopened.</description>
<content:encoded><![CDATA[<p>The harbour reopened on Tuesday.</p><p>Boats sailed out.</p>]]></content:encoded></item>
<item><title>Bridge Closes</title><link>https://x.example/bridge</link><pubDate>Wed, 06 Mar 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The bridge closes for a week.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://x.example/empty</link></item>
</channel></rss>"""


def test_a_feed_gives_one_article_an_item(tmp_path):
    (tmp_path / "news.xml").write_text(RSS)
    articles, problems = read(tmp_path)
    first, second = sorted(articles, key=lambda a: a.source)
    assert (first.source, first.title, first.author, first.url) == (
        "news.xml#1",
        "Harbour Reopens",
        "Ana Lima",
        "https://x.example/harbour",
    )
    assert first.date == "2024-03-05"  # as the feed writes it, not the next day in UTC
    assert first.body == "The harbour reopened on Tuesday.\n\nBoats sailed out."  # the full text, not the summary too
    assert second.body == "The bridge closes for a week." and second.author is None
    assert first.id != second.id
    assert any(p.path == "news.xml" and "item 3 has no text" in p.reason for p in problems)


def test_a_feed_with_no_items_is_reported(tmp_path):
    (tmp_path / "empty.rss").write_text("<rss version='2.0'><channel><title>Nothing</title></channel></rss>")
    (tmp_path / "good.txt").write_text("A good article about Paris.\n")
    articles, problems = read(tmp_path)
    assert [a.source for a in articles] == ["good.txt"]
    assert any(p.path == "empty.rss" and "no items" in p.reason for p in problems)


def test_table_exports_give_one_article_a_row(tmp_path):
    (tmp_path / "export.csv").write_bytes(
        '\ufeffHeadline,Published,Body,Link,Byline\r\n"Harbour Reopens",2024-03-05T08:00:00+01:00,"The harbour '
        'reopened.\r\n\r\nBoats ""sailed"" out.",https://x.example/h,Ana Lima\r\nNo Text,2024-03-06,,,\r\n'.encode()
    )
    (tmp_path / "export.jsonl").write_text(
        json.dumps(
            {"title": "Bridge Closes", "date": "2024-03-06", "content": "The bridge closes.", "authors": ["Rui", "Ana"]}
        )
        + "\nnot json\n"
    )
    articles, problems = read(tmp_path)
    by_source = {a.source: a for a in articles}
    row = by_source["export.csv#1"]
    assert (row.title, row.date, row.author, row.url) == (
        "Harbour Reopens",
        "2024-03-05",
        "Ana Lima",
        "https://x.example/h",
    )
    assert row.body == 'The harbour reopened.\n\nBoats "sailed" out.'
    assert by_source["export.jsonl#1"].author == "Rui, Ana"
    reasons = {p.reason for p in problems}
    assert "row 3 has no text in column 'Body'; skipped" in reasons
    assert any("line 2 is not JSON" in r for r in reasons)


def test_a_table_without_a_text_column_is_reported(tmp_path):
    (tmp_path / "list.csv").write_text("title,date\nA,2024-01-01\n")
    articles, problems = read(tmp_path)
    assert articles == [] and any(p.path == "list.csv" and "no column of text" in p.reason for p in problems)


def _pdf(pages: list[list[str]], title: str | None = None, password: str | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    if title:
        sheet.setTitle(title)
    for lines in pages:
        y = 800
        for font, size, line in lines:
            sheet.setFont(font, size)
            sheet.drawString(72, y, line)
            y -= size + 4
        sheet.showPage()
    sheet.save()
    data = buffer.getvalue()
    if password:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(password)
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    return data


def test_a_pdf_gives_its_text_without_running_heads_and_page_numbers(tmp_path):
    pytest.importorskip("reportlab")
    head, body = ("Helvetica", 8), ("Times-Roman", 11)
    pages = [
        [
            (*head, "THE COAST GAZETTE"),
            ("Times-Bold", 18, "Harbour Reopens"),
            (*head, "By Ana Lima"),
            (*head, "March 5, 2024"),
            (*body, "The harbour of Porto reopened on Tuesday after a month of"),
            (*body, "repairs, the port authority said. Mayor Rui Moreira said the works"),
            (*head, "Page 1 of 2"),
        ],
        [
            (*head, "THE COAST GAZETTE"),
            (*body, "had cost less than planned and finished a week early."),
            (*head, "Page 2 of 2"),
        ],
    ]
    (tmp_path / "story.pdf").write_bytes(_pdf(pages))
    (article,), problems = read(tmp_path)
    assert (article.title, article.author, article.date) == ("Harbour Reopens", "Ana Lima", "2024-03-05")
    assert article.body == (
        "The harbour of Porto reopened on Tuesday after a month of repairs, the port authority "
        "said. Mayor Rui Moreira said the works had cost less than planned and finished a week early."
    )


def test_encrypted_and_image_only_pdfs_are_reported(tmp_path):
    pytest.importorskip("reportlab")
    (tmp_path / "locked.pdf").write_bytes(_pdf([[("Times-Roman", 11, "Secret text.")]], password="s3cret"))
    (tmp_path / "scan.pdf").write_bytes(_pdf([[]]))
    (tmp_path / "good.txt").write_text("A good article about Paris.\n")
    articles, problems = read(tmp_path)
    assert [a.source for a in articles] == ["good.txt"]
    reasons = {p.path: p.reason for p in problems}
    assert "encrypted" in reasons["locked.pdf"] and "image-only" in reasons["scan.pdf"]


def _docx(paragraphs: list[tuple[str, str]], author: str = "Administrator") -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.author = author
    document.sections[0].header.paragraphs[0].text = "GOV.UK header"
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_file_gives_its_title_byline_date_and_body(tmp_path):
    (tmp_path / "release.docx").write_bytes(
        _docx(
            [
                ("Title", "Harbour Reopens"),
                ("Normal", "From: Port of Porto"),
                ("Normal", "Published 5 March 2024"),
                ("Normal", "The harbour of Porto reopened on Tuesday after a month of repairs."),
                ("List Bullet", "Boats sailed out first."),
                ("Heading 1", "Costs"),
                ("Normal", "The works cost less than planned."),
            ]
        )
    )
    (article,), problems = read(tmp_path)
    assert (article.title, article.author, article.date) == ("Harbour Reopens", "Port of Porto", "2024-03-05")
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph", "heading", "paragraph"]
    assert "header" not in article.body and "Published" not in article.body


def test_a_placeholder_author_of_a_word_file_is_not_an_author(tmp_path):
    (tmp_path / "note.docx").write_bytes(_docx([("Normal", "The harbour of Porto reopened on Tuesday.")]))
    (article,), _ = read(tmp_path)
    assert article.author is None


def test_an_email_gives_subject_sender_date_and_text(tmp_path):
    (tmp_path / "tip.eml").write_text(
        "From: Ana Lima <ana@example.org>\nTo: desk@example.org\n"
        "Subject: Harbour Reopens\nDate: Tue, 05 Mar 2024 08:00:00 +0100\n"
        "Content-Type: text/plain; charset=utf-8\n\nThe harbour reopened on Tuesday.\n\n"
        "Boats sailed out.\n"
    )
    (article,), _ = read(tmp_path)
    assert (article.title, article.author, article.date) == ("Harbour Reopens", "Ana Lima", "2024-03-05")
    assert article.body == "The harbour reopened on Tuesday.\n\nBoats sailed out."


def test_a_pdf_without_its_extension_is_read_by_its_first_bytes(tmp_path):
    pytest.importorskip("reportlab")
    (tmp_path / "download").write_bytes(_pdf([[("Times-Roman", 11, "The harbour of Porto reopened on Tuesday.")]]))
    (article,), _ = read(tmp_path)
    assert article.body == "The harbour of Porto reopened on Tuesday."


def test_the_length_limit_holds_on_a_pages_text_not_its_markup(tmp_path):
    from generator.ingest import MAX_CHARS

    markup = "<div class='ad' data-x='" + "y" * 300_000 + "'></div>"
    paragraphs = "".join(f"<p>Paragraph {n} of the harbour story, told at length in Porto.</p>" for n in range(4000))
    (tmp_path / "long.html").write_text(
        f"<html><head><title>Harbour</title></head><body>{markup}"
        f"<article><h1>Harbour</h1>{paragraphs}</article></body></html>"
    )
    (article,), problems = read(tmp_path)
    assert article.body.startswith("Paragraph 0 of the harbour story")  # past 300,000 characters of markup
    assert MAX_CHARS * 0.9 < len(article.body) <= MAX_CHARS
    assert any("longer than" in p.reason for p in problems)
