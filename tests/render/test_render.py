import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.config import Settings
from generator.pipeline import generate
from generator.render import render_pages
from generator.render.escape import md
from generator.render.writer import write_pages

HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) "
    "![i](data:text/html;base64,xx) {{ config }} {% raw %} **bold** # not a heading"
)


def test_escaped_text_renders_as_itself():
    html = markdown.markdown(md(HOSTILE), extensions=["tables", "attr_list", "md_in_html"])
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<strong>" not in html
    assert "&lt;script&gt;" in html and "{{ config }}" in html


@pytest.fixture()
def hostile_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil.md").write_text(
        '---\ntitle: "<script>alert(\'t\')</script> {{ 7*7 }}"\nauthor: "[x](javascript:alert(1))"\n---\n'
        f"President Emmanuel Macron visited Paris on Monday. {HOSTILE}\n"
    )
    (corpus / "../../escape.txt").resolve()  # the path exists only as a name: nothing may be written there
    return corpus


def test_hostile_article_is_inert(hostile_corpus, tmp_path):
    _, pages = generate(Settings.load(hostile_corpus))
    front, page = pages["articles/evil.md"].split("\n---\n", 1)
    assert 'title: "&lt;script&gt;' in front  # the theme writes titles as HTML: escaped here
    for raw in ("<script", "<img", "](javascript:", "](data:", "{{ 7*7 }}\n"):
        assert raw not in page
    assert "&lt;script&gt;" in page


def test_writer_only_touches_generated_files(tmp_path, corpus_copy):
    out = tmp_path / "docs"
    (out / "people").mkdir(parents=True)
    hand = out / "people" / "notes.md"
    hand.write_text("# My notes\n")
    (out / "index.md").write_text("# Hand-written home\n")
    _, pages = generate(Settings.load(corpus_copy))
    report = write_pages(pages, out)
    assert hand.read_text() == "# My notes\n"
    assert (out / "index.md").read_text() == "# Hand-written home\n"
    assert "index.md" in report.kept_hand_written
    assert (out / "people" / "xi-jinping.md").is_file()
    with pytest.raises(ValueError):
        write_pages({"../outside.md": "x"}, out)


def test_deterministic_and_no_stale_pages(tmp_path, corpus_copy):
    out1, out2 = tmp_path / "one", tmp_path / "two"
    _, pages1 = generate(Settings.load(corpus_copy))
    _, pages2 = generate(Settings.load(corpus_copy))
    assert pages1 == pages2
    write_pages(pages1, out1)
    again = write_pages(pages2, out1)
    assert again.written == [] and again.removed == []
    # Deleting the article that alone mentions Hong Lei removes its page and his.
    (corpus_copy / "000_61cbcd3a5a6a729e.txt").unlink()
    _, pages3 = generate(Settings.load(corpus_copy))
    report = write_pages(pages3, out1)
    assert "people/hong-lei.md" in report.removed
    assert "articles/000-61cbcd3a5a6a729e.md" in report.removed
    assert not (out1 / "people" / "hong-lei.md").exists()
    write_pages(pages3, out2)
    files1 = sorted(p.relative_to(out1).as_posix() for p in out1.rglob("*.md"))
    files2 = sorted(p.relative_to(out2).as_posix() for p in out2.rglob("*.md"))
    assert files1 == files2
    assert all((out1 / f).read_bytes() == (out2 / f).read_bytes() for f in files1)
    assert "Hong Lei" not in "".join(pages3.values())


def test_entity_page_cites_sentences(shipped_knowledge):
    from generator.render import render_pages

    pages = render_pages(shipped_knowledge)
    page = pages["people/xi-jinping.md"]
    assert page.startswith("---\ngenerator: annals\n")
    assert "](../articles/002-bad6dafd3524e013.md#sent-" in page
    assert "## Roles" in page and "## Connections" in page
    article = pages["articles/002-bad6dafd3524e013.md"]
    assert '<span id="sent-1" class="annals-sentence">' in article
    assert "[Xi Jinping](../people/xi-jinping.md)" in article


def test_anniversaries_index_lists_the_coming_round_ones(shipped_knowledge):
    from generator.render import render_pages

    page = render_pages(shipped_knowledge)["anniversaries/index.md"]
    coming = page.split("## Coming round anniversaries", 1)[1]
    # The seeds' newest article is of 2025; World War II ended in 1945: the 85th falls in 2030.
    assert "| 85th | [World War II](../events/world-war-ii.md) | 2030 |" in coming
    assert "| 90th |" in coming and "2035" in coming


def test_timeline_year_pages_and_sections(shipped_knowledge):
    from generator.render import render_pages

    pages = render_pages(shipped_knowledge)
    index = pages["timeline/index.md"]
    assert "| [2015](2015.md) |" in index and "| [2025](2025.md) |" in index
    year = pages["timeline/2015.md"]
    # Each year links to its neighbours, lists its events by month (a day in bold only where
    # the sources give one), the anniversaries falling in it and the articles of that year.
    assert "[← 2010](2010.md) · [2025 →](2025.md)" in year
    september = year.split("### September", 1)[1]
    # Events are named in the words of the sentence that reports them, with their place.
    assert "**2015-09-03** [China to hold a major military parade in Beijing]" in september
    assert "- [Russian President Vladimir Putin to visit China]" in september  # month precision: no made-up day
    assert "70th anniversary of World War II" in year
    assert "(inferred)" in year.split("## Articles published", 1)[1]
    # Place pages put the events there, and in the places within, in date order.
    china = pages["places/china.md"].split("## Timeline", 1)[1].split("## Mentions", 1)[0]
    dates = [
        line.split("|")[1].strip() for line in china.splitlines() if line.startswith("| 1") or line.startswith("| 2")
    ]
    assert dates == sorted(dates) and "2015-09-03" in dates and "2025-09-03" in dates
    person = pages["people/vladimir-putin.md"].split("## Timeline", 1)[1]
    assert "| 2015-09 | [Russian President Vladimir Putin to visit China]" in person
    event = pages["events/chinas-military-parade-in-beijing.md"].split("## Timeline", 1)[1]
    assert "| 2015-09-03 | [China to hold a major military parade in Beijing]" in event  # its series is on it too


def test_long_lists_are_split_over_pages(shipped_knowledge, monkeypatch):
    """A much-mentioned entity's mentions, and index tables, continue on numbered pages: each
    article cited once over all of them, each page linked from the others."""
    from generator.render import paging

    monkeypatch.setattr(paging, "MENTION_GROUPS", 1)
    monkeypatch.setattr(paging, "INDEX_ROWS", 4)
    pages = render_pages(shipped_knowledge)
    person = max(shipped_knowledge.people, key=lambda e: (len(e.articles), e.id))
    cited = sorted({r.article for r in person.mentions})
    assert len(cited) >= 2
    own = [f"people/{person.id}.md"] + [f"people/{person.id}--page-{n}.md" for n in range(2, len(cited) + 1)]
    assert all(p in pages for p in own) and f"people/{person.id}--page-{len(cited) + 1}.md" not in pages
    for article in cited:
        heading = re.compile(rf"^- \[.*\]\(\.\./articles/{article}\.md\)", re.M)  # an article's line in Mentions
        assert sum(len(heading.findall(pages[p])) for p in own) == 1, article
    for p in own[1:]:
        assert f"]({person.id}.md)" in pages[p]  # back to page 1, and on to every other page
        assert all(f"]({q.split('/')[1]})" in pages[p] for q in own if q != p)
    count = len(shipped_knowledge.people)
    index = [p for p in pages if p.startswith("people/index")]
    assert len(index) == -(-count // 4)
    assert sum(pages[p].count("\n| [") for p in index) == count


def test_pager_links_the_ends_and_the_neighbours_of_a_long_list():
    from generator.render import paging

    links = paging.pager("people/x.md", 400, 200)
    shown = ["…" if p["gap"] else p["n"] for p in links]
    assert shown == [1, "…", 198, 199, 200, 201, 202, "…", 400]
    assert [p["url"] for p in links if not p["gap"]][:2] == ["x.md", "x--page-198.md"]
    assert [p["n"] for p in links if p["current"]] == [200]
    assert ["…" if p["gap"] else p["n"] for p in paging.pager("people/x.md", 6, 3)] == [1, 2, 3, 4, 5, 6]
    assert paging.pager("people/x.md", 1, 1) == []


def test_a_busy_year_splits_its_events_over_pages(shipped_knowledge, monkeypatch):
    from generator.render import paging

    monkeypatch.setattr(paging, "INDEX_ROWS", 2)
    pages = render_pages(shipped_knowledge)
    by_year: dict[str, list] = {}
    for event in shipped_knowledge.events:
        if event.date:
            by_year.setdefault(event.date[:4], []).append(event)
    year, events = max(by_year.items(), key=lambda kv: len(kv[1]))
    assert len(events) > 2
    own = [p for p in pages if p == f"timeline/{year}.md" or p.startswith(f"timeline/{year}--page-")]
    assert len(own) >= -(-len(events) // 2)
    for event in events:  # each event listed once, on one page of its year
        assert sum(pages[p].count(f"](../events/{event.id}.md)") for p in own) == 1, event.id


def test_two_processes_render_the_pages_one_renders(shipped_knowledge, monkeypatch, tmp_path):
    from generator.process import share
    from generator.render import render_pages

    monkeypatch.setattr(share, "MIN_UNITS", 0)
    one, two = render_pages(shipped_knowledge), render_pages(shipped_knowledge, processes=2)
    assert two == one and list(two) == list(one)
    # With a memo: the second process sends back the keys it made and the pages the memo lacked.
    for run in ("empty memo", "full memo"):
        kept = render_pages(shipped_knowledge, processes=2, memo_dir=tmp_path / "memo")
        assert kept == one and list(kept) == list(one), run


@pytest.mark.slow
def test_a_failure_in_the_second_render_process_is_raised(monkeypatch):
    import os
    import time

    from generator.process import share

    monkeypatch.setattr(share, "MIN_UNITS", 0)
    monkeypatch.setattr(share, "BATCH", 1)
    parent = os.getpid()

    def fails_in_the_child():
        if os.getpid() != parent:
            raise ValueError("no template")
        time.sleep(0.05)  # the second process takes a unit long before this one has done all
        return {"b.md": "b"}

    with pytest.raises(RuntimeError, match="second process failed: ValueError: no template"):
        share.run([fails_in_the_child] * 20)
    assert share.run([lambda: {"a.md": "a"}, lambda: {"b.md": "b"}, lambda: {"c.md": "c"}]) == [
        {"a.md": "a"},
        {"b.md": "b"},
        {"c.md": "c"},
    ]


def test_both_processes_share_out_the_units_and_the_results_keep_their_order(monkeypatch):
    """The two processes take batches from one queue until it is empty: a slow unit in one does
    not leave the other idle, and the results come back in the order of the units."""
    import os
    import time

    from generator.process import share

    monkeypatch.setattr(share, "MIN_UNITS", 0)
    monkeypatch.setattr(share, "BATCH", 4)

    def unit(n):
        if n == 199:  # the last unit, taken first: the other process does most of the rest meanwhile
            time.sleep(0.5)
        return n, os.getpid()

    made = share.run([lambda n=n: unit(n) for n in range(200)])
    assert [n for n, _ in made] == list(range(200))
    by_process = {pid: sum(1 for _, p in made if p == pid) for _, pid in made}
    assert len(by_process) == 2 and min(by_process.values()) < 50, by_process
    # More units than the queue holds batches of BATCH: batches grow, the queue still fits its pipe.
    monkeypatch.setattr(share, "_MOST_BATCHES", 10)
    assert share.run([lambda n=n: n for n in range(1000)]) == list(range(1000))


@pytest.mark.slow
def test_pages_from_the_memo_equal_a_full_render_after_every_kind_of_edit(tmp_path, monkeypatch):
    """Render keeps its pages by key (`render.memo`) and renders again only the work whose key
    changed. After each edit, in a random order, the pages equal those rendered from nothing,
    and most of the work was reused."""
    import random

    from generator import pipeline
    from generator.render import Renderer, memo
    from generator.tools.bench.synthetic import write_corpus

    corpus, cache, memo_dir = tmp_path / "corpus", tmp_path / "cache", tmp_path / "memo"
    write_corpus(corpus, 30, seed=7)
    made: list[str] = []  # the pages of articles, entities, events and anniversaries made, in order
    one = Renderer._one
    monkeypatch.setattr(Renderer, "_one", lambda self, uri, *args: made.append(uri) or one(self, uri, *args))
    written: list[str] = []  # the memo's files, each time one is written
    write = memo.cachefile.save
    monkeypatch.setattr(memo.cachefile, "save", lambda path, *args: written.append(path.name) or write(path, *args))
    monkeypatch.setattr(memo, "REWRITE", 0.3)  # small edits add to the recent file, larger ones rewrite the base
    rng = random.Random(11)

    def knowledge():
        return pipeline.build_knowledge(Settings.load(corpus, cache))

    def files():
        return sorted(corpus.rglob("*.txt"))

    def names(kind):
        return [e.name for e in getattr(knowledge(), kind) if " " in e.name]

    def append(text):
        path = rng.choice(files())
        path.write_text(path.read_text() + f"\n{text}\n")

    edits = {
        "a known person named in another article": lambda: append(
            f"{rng.choice(names('people'))} said the talks would go on."
        ),
        "a new person and place": lambda: append("Mayor Ilse Brandvold of Tromso said the works would start in June."),
        "an article deleted": lambda: rng.choice(files()).unlink(),
        "an article added": lambda: (corpus / "late.txt").write_text(
            " date 2024-06-02\nHarbour works begin\n\nPORTO - Mayor Joana Lima of Porto said the works would open on "
            f"Monday. {rng.choice(names('people'))} met her there on June 3, 2024.\n"
        ),
        "a date changed": lambda: (lambda p: p.write_text(re.sub(r"^ date \d{4}", " date 1999", p.read_text())))(
            rng.choice(files())
        ),
        "a person renamed in one article": lambda: (
            lambda p, n: p.write_text(p.read_text().replace(n.split()[-1], "Okonkwo"))
        )(rng.choice(files()), rng.choice(names("people"))),
        "a headline changed": lambda: (
            lambda p: p.write_text(
                re.sub(r"^( date [\d-]+\n)[^\n]+", r"\1Talks resume after a long pause", p.read_text())
            )
        )(rng.choice(files())),
        "a sentence naming nobody": lambda: append("Officials said the report would be published in the autumn."),
        "a sentence reworded": lambda: (lambda p: p.write_text(p.read_text().replace(" said ", " stated ", 1)))(
            rng.choice(files())
        ),
        "a place's name changed": lambda: (lambda p, n: p.write_text(p.read_text().replace(n, "Valparaiso")))(
            rng.choice(files()), rng.choice(names("places") or ["Lisbon"])
        ),
    }
    render_pages(knowledge(), memo_dir=memo_dir)
    for label in rng.sample(sorted(edits), len(edits)):
        edits[label]()
        state = knowledge()
        made.clear()
        with_memo = render_pages(state, memo_dir=memo_dir)
        remade = list(made)
        made.clear()
        assert with_memo == render_pages(state), label
        assert len(remade) < len(made) / 2, (label, remade, len(made))  # the memo's run: most work reused
        if label == "a sentence naming nobody":  # what other pages show of the article did not change
            assert len(remade) == 1 and remade[0].startswith("articles/"), remade
    assert {memo.FILE, memo.RECENT} <= set(written[1:]), written  # both ways of saving were taken
    # A damaged memo costs only a full render.
    (memo_dir / memo.FILE).write_bytes(b"damaged")
    state = knowledge()
    assert render_pages(state, memo_dir=memo_dir) == render_pages(state)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<pre>",
                "</pre>",
                "<PRE class=x>",
                "</pre >",
                "<script>",
                "</script>",
                "<style>",
                "</style>",
                "<textarea>",
                "</textarea>",
                "<p>",
                "</p>",
                "<prefix>",
                " ",
                "  ",
                "\t",
                "\n",
                "\r\n",
                "\n  \n",
                "a",
                "b c",
            ]
        ),
        max_size=40,
    )
)
def test_compact_shrinks_indentation_outside_preformatted_text_only(pieces):
    """`compact` equals the one-pattern definition: preformatted and raw-text elements are kept
    as they are, and elsewhere each whitespace run holding a line break becomes one line break."""
    import re

    from generator.mkdocs.compact import compact

    html = "".join(pieces)
    token = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>|[ \t]*\n\s*", re.S | re.I)
    assert compact(html) == token.sub(lambda m: m.group(0) if m.group(1) else "\n", html)


def test_md_remembers_escaped_texts_within_a_bound(monkeypatch):
    from generator.render import escape

    monkeypatch.setattr(escape, "_ESCAPED_MOST", 3)
    escape._ESCAPED.clear()
    texts = ["a*b", "plain", "# x", "1. y", "a*b", "<b>"]
    assert [md(t) for t in texts] == ["a\\*b", "plain", "\\# x", "1\\. y", "a\\*b", "&lt;b&gt;"]
    assert 0 < len(escape._ESCAPED) <= 3
    assert md(Markup("*kept*")) == "*kept*" and md(None) == "" and md(7) == "7"


def test_templates_read_dicts_as_jinja2_reads_them():
    """The page environment's short way to a dict's keys gives what Jinja2's own gives: the
    key, a dict method where the name is one, the object's attribute otherwise, and an error
    for a name that is neither."""
    import jinja2
    import pytest

    from generator.render.common import PageEnvironment

    source = "{{ d.name }} {{ d.items is callable }} {{ d.get('x') }} {{ o.real }} {{ d['items'] }}"
    context = {"d": {"name": "Ana", "items": "listed", "x": 1}, "o": 5}
    ours, theirs = (
        env(undefined=jinja2.StrictUndefined).from_string(source).render(**context)
        for env in (PageEnvironment, jinja2.Environment)
    )
    assert ours == theirs == "Ana True 1 5 listed"
    for env in (PageEnvironment, jinja2.Environment):
        with pytest.raises(jinja2.UndefinedError):
            env(undefined=jinja2.StrictUndefined).from_string("{{ d.missing }}").render(d={})


def test_an_event_page_shows_its_series_once_on_its_timeline(monkeypatch):
    """The series' nearest events are rows of the timeline, not a second list above it; an event
    with more articles than the timeline holds still shows them, with its newest articles."""
    from generator.model import Article, Block, Event, Extraction, Knowledge
    from generator.render.kinds import event as render

    monkeypatch.setattr(render, "SERIES_SHOWN", 4)
    monkeypatch.setattr(render, "TIMELINE_ROWS", 8)
    articles = [
        Article(
            f"a{n:02d}", f"a{n:02d}.txt", f"Report {n:02d}", [Block("paragraph", "Text.")], date=f"20{10 + n:02d}-01-01"
        )
        for n in range(12)
    ][::-1]  # newest first, as resolve gives
    events = [
        Event(
            f"visit-{year}",
            f"Visit in Oslo, {year}-05-01",
            "visit",
            f"{year}-05-01",
            "oslo",
            series="visit-oslo",
            articles=[a.id for a in articles] if year == 2005 else [],
        )
        for year in range(2000, 2010)
    ]
    knowledge = Knowledge(
        articles=articles, extractions={a.id: Extraction(article=a.id) for a in articles}, events=events
    )
    page = render_pages(knowledge)["events/visit-2005.md"]
    above, timeline = page.split("## Timeline", 1)
    assert "*9 other events of the series; the timeline below shows the 4 nearest in time.*" in above
    assert "- Previous: [Visit in Oslo, 2004-05-01](visit-2004.md)" in above
    assert "- Next: [Visit in Oslo, 2006-05-01](visit-2006.md)" in above
    assert "visit-2003.md" not in above and "visit-2007.md" not in above
    rows = [line for line in timeline.split("## Mentions", 1)[0].splitlines() if line.startswith("| 2")]
    shown = [row.split("|")[1].strip() for row in rows]
    # The event, its four neighbours and, in the three rows left, its three newest articles.
    assert shown == sorted(shown) and len(rows) == 8
    assert [r for r in rows if "| visit |" in r] == [r for r in rows if "events/visit-" in r]
    assert {s for s, r in zip(shown, rows, strict=True) if "| article |" in r} == {
        "2019-01-01",
        "2020-01-01",
        "2021-01-01",
    }
    assert sum("| visit |" in r for r in rows) == 5


def test_the_health_page_of_a_corpus_with_many_problems_is_paged(shipped_knowledge):
    """100,000 problems made one 8.6 MB table; each page now holds at most INDEX_ROWS of them."""
    import dataclasses

    from generator.model import Problem
    from generator.render import paging

    problems = [Problem(f"folder/file-{n:05d}.txt", "empty file", "error" if n % 3 else "warning") for n in range(1000)]
    knowledge = dataclasses.replace(shipped_knowledge, problems=problems)
    pages = render_pages(knowledge)
    health = sorted(uri for uri in pages if uri.startswith("corpus/health"))
    assert health == [
        "corpus/health--page-2.md",
        "corpus/health--page-3.md",
        "corpus/health--page-4.md",
        "corpus/health.md",
    ]
    rows = {uri: re.findall(r"^\| (?:error|warning) \| (folder/file-\d+\.txt) \|", pages[uri], re.M) for uri in health}
    assert all(len(found) <= paging.INDEX_ROWS for found in rows.values())
    assert sorted(f for found in rows.values() for f in found) == [p.path for p in problems]  # each once, none lost
    first = pages["corpus/health.md"]
    assert "1000 problems found while reading the corpus: 666 errors" in first and "334 warnings" in first
    assert "[2](health--page-2.md)" in first and "Corpus health (page 4 of 4)" in pages["corpus/health--page-4.md"]


def test_the_health_page_lists_the_articles_still_undated(tmp_path):
    from generator.config import Settings
    from generator.pipeline import build_knowledge
    from generator.render import render_pages

    (tmp_path / "dated.txt").write_text(" date 2020-01-02\nHarbour Opens\n\nThe harbour opened.\n")
    (tmp_path / "loose.txt").write_text("Harbour Grows\n\nThe harbour grew again.\n")
    health = render_pages(build_knowledge(Settings.load(tmp_path)))["corpus/health.md"]
    undated = health.split("## Articles without a date", 1)[1]
    assert "1 article has no date" in undated
    assert "[Harbour Grows](../articles/" in undated and "loose.txt" in undated
    assert "Harbour Opens" not in undated


def test_the_health_page_lists_the_articles_without_a_headline(tmp_path):
    from generator.config import Settings
    from generator.pipeline import build_knowledge
    from generator.render import render_pages

    (tmp_path / "titled.txt").write_text(" date 2020-01-02\nHarbour Opens\n\nThe harbour opened.\n")
    (tmp_path / "bare.txt").write_text(" date 2020-01-03\nThe harbour grew again, the port authority said on Friday.\n")
    health = render_pages(build_knowledge(Settings.load(tmp_path)))["corpus/health.md"]
    untitled = health.split("## Articles without a headline", 1)[1]
    assert "1 article has no headline" in untitled and "bare.txt" in untitled
    assert "Harbour Opens" not in untitled


def test_tags_are_shown_on_the_article_and_listed_with_their_articles(tmp_path):
    from generator.config import Settings
    from generator.pipeline import build_knowledge
    from generator.render import render_pages

    (tmp_path / "a.md").write_text(
        "---\ntitle: Harbour Opens\ndate: 2020-01-02\ntags: [Ports, Porto]\n---\nThe harbour opened.\n"
    )
    (tmp_path / "b.md").write_text(
        "---\ntitle: Bridge Closes\ndate: 2020-02-03\ntags: [Porto]\n---\nThe bridge closed.\n"
    )
    pages = render_pages(build_knowledge(Settings.load(tmp_path)))
    assert (
        "**Tags:** [Ports](../corpus/tags.md#tag-ports), [Porto](../corpus/tags.md#tag-porto)" in pages["articles/a.md"]
    )
    porto = pages["corpus/tags.md"].split("## Porto { #tag-porto }", 1)[1]
    assert porto.index("[Bridge Closes](../articles/b.md) (2020-02-03)") < porto.index(
        "[Harbour Opens](../articles/a.md)"
    )


def test_a_mention_quotes_its_sentence_with_the_name_marked_and_its_source(tmp_path):
    from generator.config import Settings
    from generator.pipeline import build_knowledge
    from generator.render import render_pages

    (tmp_path / "a.md").write_text(
        "---\ntitle: Harbour Opens\ndate: 2020-01-02\nauthor: Ana Lima\n"
        "url: https://news.example/harbour(1)\n---\nMayor Rui Moreira opened the harbour of "
        "Porto on Thursday.\n"
    )
    (tmp_path / "b.md").write_text(
        "---\ntitle: Bridge Closes\ndate: 2020-02-03\nurl: javascript:alert(1)\n---\n"
        "Mayor Rui Moreira closed the bridge in Porto on Monday.\n"
    )
    page = render_pages(build_knowledge(Settings.load(tmp_path)))["people/rui-moreira.md"]
    assert (
        "- [Harbour Opens](../articles/a.md) · Ana Lima · 2020-01-02 · [original](https://news.example/harbour%281%29)"
        in page
    )
    assert (
        "“Mayor <mark>Rui Moreira</mark> opened the harbour of Porto on Thursday.” [in context](../articles/a.md#sent-1)"
        in page
    )
    assert "javascript" not in page  # an address a reader cannot safely follow is not linked


def test_roles_are_one_row_per_office_with_the_words_used(tmp_path):
    from generator.config import Settings
    from generator.pipeline import build_knowledge
    from generator.render import render_pages

    (tmp_path / "a.txt").write_text(
        " date 2013-03-22\nLeaders Meet\n\nChinese President Xi Jinping arrived in Moscow.\n"
    )
    (tmp_path / "b.txt").write_text(" date 2013-03-23\nTalks End\n\nChina's new President Xi Jinping left Moscow.\n")
    (tmp_path / "c.txt").write_text(" date 2013-03-24\nVisit Ends\n\nPresident Xi Jinping flew home.\n")
    knowledge = build_knowledge(Settings.load(tmp_path))
    xi = next(p for p in knowledge.people if p.name == "Xi Jinping")
    assert {r.office for r in xi.roles} == {"President"}
    page = render_pages(knowledge)["people/xi-jinping.md"]
    rows = [line for line in page.splitlines() if line.startswith("| President")]
    assert len(rows) == 1 and "“Chinese President”" in rows[0] and "“China's new President”" in rows[0]
    assert "| 3 |" in rows[0]


def test_connections_say_what_ties_two_names():
    """Ties come typed: a shared event weighs more than a quotation side by side, and that more
    than a shared article; the graph's edges join the subject to each neighbour, and two
    neighbours named together in one of the subject's articles."""
    from types import SimpleNamespace

    from generator.model import Event, QuoteRef
    from generator.render.connections import Ties, ties_in_words

    in_article = {
        "a1": [("person", "ann"), ("person", "bob"), ("place", "rome")],
        "a2": [("person", "ann"), ("person", "cy"), ("person", "bob")],
        "a3": [("person", "ann"), ("organization", "un")],
    }
    trip = Event(id="trip", name="Ann visits Rome", type="visit", date=None, place="rome", participants=["ann"])
    events_of = {("person", "ann"): [trip], ("place", "rome"): [trip]}
    quotes = [
        QuoteRef(speaker="ann", text="x", article="a2", sentence="sent-1"),
        QuoteRef(speaker="cy", text="y", article="a2", sentence="sent-2"),
    ]
    ties = Ties(SimpleNamespace(quotes=quotes), in_article, events_of)
    known = {k for ks in in_article.values() for k in ks}
    neighbours, edges = ties.of(("person", "ann"), ["a1", "a2", "a3"], known)
    assert [k for k, _ in neighbours] == [
        ("place", "rome"),
        ("person", "cy"),
        ("person", "bob"),
        ("organization", "un"),
    ]
    assert ties_in_words(neighbours[0][1]) == "1 event together · 1 shared article"
    assert ties_in_words(neighbours[1][1]) == "both quoted in 1 article · 1 shared article"
    assert ties_in_words(neighbours[2][1]) == "2 shared articles"
    assert edges[:4] == [(0, 1, 4), (0, 2, 3), (0, 3, 2), (0, 4, 1)]
    # rome and bob share a1, cy and bob a2; un is with nobody but ann.
    assert sorted(edges[4:]) == [(1, 3, 1), (2, 3, 1)]
    unknown_rome = ties.of(("person", "ann"), ["a1", "a2", "a3"], known - {("place", "rome")})[0]
    assert ("place", "rome") not in [k for k, _ in unknown_rome]  # a name without a page is not drawn


def test_on_this_day_lists_what_fell_on_each_day_in_any_year():
    from generator.model import Anniversary, Article, Event
    from generator.render import days

    war = Event(id="war", name="The War", type="war", date="1939-09-01", place=None, end="1945-05-08")
    parade = Event(id="parade", name="Victory parade", type="parade", date="2015-05-08", place=None)
    vague = Event(id="talks", name="Talks", type="meeting", date="2015-05", place=None)
    tenth = Anniversary(id="tenth", ordinal=10, of="The War", year=1955, event="war")  # counts from its end
    article = Article(id="a", source="a.txt", title="A", date="2020-05-08", blocks=[])
    found = days.collect([war, parade, vague], [article], [tenth], {"war": war})
    assert list(found) == ["05-08", "09-01"]
    may = found["05-08"]
    assert [e.id for e in may["events"]] == ["parade"] and [a.id for a in may["articles"]] == ["a"]
    assert [(a.id, e.id) for a, e in may["anniversaries"]] == [("tenth", "war")]
    assert [e.id for e in found["09-01"]["events"]] == ["war"] and found["09-01"]["anniversaries"] == []
    assert days.day_label("05-08") == "8 May"
    assert days.months(found) == [
        {"label": "May", "days": [{"day": "05-08", "n": 8, "count": 3}]},
        {"label": "September", "days": [{"day": "09-01", "n": 1, "count": 1}]},
    ]


def test_the_home_page_shows_the_corpus_at_a_glance(shipped_knowledge):
    pages = render_pages(shipped_knowledge)
    home = pages["index.md"]
    for section in (
        "## Over the years",
        "## On this day",
        "**Busiest people**",
        "**Latest events**",
        "**Latest articles**",
        "## Coming round anniversaries",
    ):
        assert section in home, section
    assert "[2015](timeline/2015.md){: .annals-strip__bar" in home
    assert 'data-days="{&quot;' in home  # the days that have a page, for the reader's today
    for day in ("02-28", "05-09", "09-03"):
        assert f"on-this-day/{day}.md" in pages and f"]({day}.md)" in pages["on-this-day/index.md"]
    assert "Parade in Red Square" in pages["on-this-day/05-09.md"]


def test_the_review_gives_each_doubt_the_line_that_settles_it(shipped_knowledge):
    pages = render_pages(shipped_knowledge)
    summary = pages["corpus/review.md"]
    assert "search:\n  exclude: true" in summary  # the owner's pages stay out of the readers' search
    single = pages["corpus/one-mention.md"]
    one = [
        e
        for kind in ("person", "organization", "place")
        for e in shipped_knowledge.entities(kind)
        if len(e.mentions) == 1
    ]
    assert one and f"| {len(one)} |" in summary
    for entity in one:
        assert f'`not_entities: ["{entity.name}"]`' in single
    loose = [e for e in shipped_knowledge.events if not e.place or not (e.date and len(e.date) == 10)]
    assert loose and all(f'`not_events: ["{e.id}"]`' in pages["corpus/events.md"] for e in loose)
    assert "<mark>" in single  # the one sentence, with the name marked
    from generator.render.review import code

    assert code("a`b") == "``a`b``" and code("`x") == "`` `x ``"


def test_an_undated_article_is_offered_its_dates_line(tmp_path):
    (tmp_path / "notes.txt").write_text("Talks in Geneva\n\nThe leaders met in Geneva to talk about trade.\n")
    _, pages = generate(Settings.load(tmp_path))
    assert '`dates: {"notes.txt": YYYY-MM-DD}`' in pages["corpus/undated.md"]


def test_each_page_gets_the_years_of_its_sources(shipped_knowledge):
    from generator.render.facets import years

    found = years(shipped_knowledge)
    articles = {a.id: int(a.date[:4]) for a in shipped_knowledge.articles if a.date}
    for article_id, year in articles.items():
        assert found[f"articles/{article_id}"] == [year, year]
    xi = next(p for p in shipped_knowledge.people if p.name == "Xi Jinping")
    assert found["people/xi-jinping"] == [min(articles[a] for a in xi.articles), max(articles[a] for a in xi.articles)]
    war = next(e for e in shipped_knowledge.events if e.end)
    assert found[f"events/{war.id}"] == [int(war.date[:4]), int(war.end[:4])]


def test_an_article_keeps_the_formatting_its_markdown_gave_it(tmp_path):
    (tmp_path / "visit.md").write_text(
        "---\ntitle: Putin visits Beijing\ndate: 2025-09-02\n---\n\n"
        "President **Vladimir Putin** arrived in *Beijing* on Tuesday, [the Kremlin said](https://kremlin.ru/e/1). "
        "He will meet `Xi_Jinping` soon, [a note](javascript:alert(1)) says.\n\n"
        "- trade between **Russia and China**\n- the parade on *3 September*\n\n> We are ready, he said.\n"
    )
    knowledge, pages = generate(Settings.load(tmp_path))
    html = markdown.markdown(
        pages["articles/visit.md"].split("\n---\n", 1)[1], extensions=["tables", "attr_list", "md_in_html"]
    )
    assert "[<strong>Vladimir Putin</strong>]" not in html  # the Markdown link became a link
    assert '<a href="../people/vladimir-putin.md"><strong>Vladimir Putin</strong></a>' in html
    assert '<a href="https://kremlin.ru/e/1">the Kremlin said</a>' in html
    assert "<code>Xi_Jinping</code>" in html and 'href="javascript' not in html  # no link a reader cannot follow
    assert re.search(r"<li>\s*<p><span id=\"sent-\d+\" class=\"annals-sentence\">trade between <strong>", html)
    assert re.search(r"<blockquote>\s*<p><span id=\"sent-\d+\"", html)
    # Extraction read the words alone: the sentences hold no markup.
    sentences = [s.text for s in knowledge.extractions["visit"].sentences]
    assert "President Vladimir Putin arrived in Beijing on Tuesday, the Kremlin said." in sentences


def test_formatting_and_entity_links_nest_or_give_way():
    from generator.render.inline import formatted

    marks = ((0, 9, "strong", None), (4, 14, "em", None))  # crossing marks: the later one is plain
    assert formatted("Anna Bell met", marks[:1], [("Anna Bell", "a.md")]) == "[<strong>Anna Bell</strong>](a.md) met"
    assert (
        formatted("Anna Bell met Bob", ((0, 13, "strong", None),), [("Bob", "b.md")])
        == "<strong>Anna Bell met</strong> [Bob](b.md)"
    )
    # An entity inside a link to the web stays plain: no link in a link.
    linked = formatted("see Bob here", ((0, 12, "link", 'https://x.org/?a="b"'),), [("Bob", "b.md")])
    assert linked == '<a href="https://x.org/?a=&quot;b&quot;">see Bob here</a>'
    # An entity crossing a mark's edge is not linked; the text is all there once.
    out = formatted("Anna Bell met", ((5, 13, "em", None),), [("Anna Bell", "a.md")])
    assert out == "Anna <em>Bell met</em>"
    assert formatted("a b c", marks).count("b") == 1


def test_a_page_quotes_a_few_sentences_of_each_article_and_counts_the_rest(tmp_path):
    sentences = " ".join(f"Mayor Anna Berg of Lisbon spoke on day {n} of the works." for n in range(1, 7))
    (tmp_path / "a.txt").write_text(f" date 2024-06-02\nWorks in Lisbon\n\n{sentences}\n")
    _, pages = generate(Settings.load(tmp_path))
    page = pages["people/anna-berg.md"]
    assert page.count("[in context]") == 3
    assert re.search(r"\[3 more sentences in this article\]\(\.\./articles/a\.md#sent-\d+\)", page)
