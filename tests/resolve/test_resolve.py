from generator.config import Settings
from generator.pipeline import build_knowledge


def test_aliases_fold_into_one_person(shipped_knowledge):
    xi = [p for p in shipped_knowledge.people if "Xi" in p.name.split()]
    assert len(xi) == 1
    assert xi[0].name == "Xi Jinping"
    assert "Xi" in xi[0].aliases
    assert len(xi[0].articles) == 3


def test_one_page_per_person_across_articles(shipped_knowledge):
    putin = [p for p in shipped_knowledge.people if "Putin" in p.name]
    assert [p.name for p in putin] == ["Vladimir Putin"]
    assert len(putin[0].articles) == 3


def test_shared_surname_is_not_guessed(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Joe Biden met voters in Ohio on Monday. Jill Biden spoke at a school in Ohio.\n\n"
        "Biden said the economy was strong.\n"
    )
    knowledge = build_knowledge(Settings.load(tmp_path))
    names = {p.name for p in knowledge.people}
    assert {"Joe Biden", "Jill Biden"} <= names


def test_user_fixes_apply(tmp_path, corpus_copy):
    (corpus_copy / "annals.yml").write_text(
        "fixes:\n  not_entities: [Hong Lei]\n  descriptions:\n    Xi Jinping: President of China.\n"
    )
    knowledge = build_knowledge(Settings.load(corpus_copy))
    names = {p.name: p for p in knowledge.people}
    assert "Hong Lei" not in names
    assert names["Xi Jinping"].description == "President of China."


def test_events_merge_across_articles(tmp_path):
    (tmp_path / "a.txt").write_text(
        " date 2021-06-10 President Joe Biden will meet Vladimir Putin at a summit in Geneva on June 16.\n"
    )
    (tmp_path / "b.txt").write_text(
        " date 2021-06-17 The summit in Geneva on June 16 ended after three hours, Joe Biden said.\n"
    )
    (tmp_path / "c.txt").write_text(" date 2018-07-17 The summit in Helsinki on July 16 was criticised.\n")
    knowledge = build_knowledge(Settings.load(tmp_path))
    summits = [e for e in knowledge.events if e.type == "summit"]
    geneva = [e for e in summits if e.date == "2021-06-16"]
    assert len(geneva) == 1 and sorted(geneva[0].articles) == ["a", "b"]
    assert any(e.date == "2018-07-16" and e.articles == ["c"] for e in summits)


def test_event_index_finds_what_trying_every_cluster_finds():
    """Clusters are indexed by date so that a day's mention is not compared with a whole year's
    clusters; the index must pick the very cluster that trying each cluster in turn picks."""
    import random

    from generator.model import PlaceTree
    from generator.resolve.events import _Clusters, _Mention

    rng = random.Random(5)
    places = PlaceTree({"lisbon": "portugal", "porto": "portugal", "madrid": "spain"})  # two trees of places
    dates = ["2024", "2024-05", "2024-05-03", "2024-05-04", "2024-06", "2024-06-01", "2025", "2025-01-02", None]
    indexed, scanned = _Clusters(), []
    joined = 0
    for n in range(600):
        m = _Mention(
            type=rng.choice(["meeting", "parade", "war", "battle"]),
            trigger="t",
            sentence=f"sent-{n}",
            date=rng.choice(dates),
            place=rng.choice(["lisbon", "porto", "portugal", "madrid", "spain", None]),
            participants=rng.sample(["a", "b", "c"], rng.randint(0, 2)),
            name=rng.choice([None] * 6 + ["Carnation Parade", "Long War"]),
        )
        sensitive = m.type == "meeting"
        found = indexed.find(m, places, sensitive)
        expected = next((c for c in scanned if c.accepts(m, places, sensitive)), None)
        assert (found.order if found else None) == (expected.order if expected else None)
        if found is None and (m.name or m.date):
            found = indexed.new(m)
            scanned.append(found)
        elif found is None:
            continue
        else:
            joined += 1
        before = indexed.keys(found)
        found.add(m, f"a{n}", places)
        indexed.moved(found, before)
    assert joined > 200  # the test merged often, not only made new clusters


def test_the_owner_dates_an_article_and_rejects_an_event_in_annals_yml(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Leaders meet in Geneva\n\nThe leaders met in Geneva last week to talk about trade.\n"
    )
    (tmp_path / "b.txt").write_text(" date 2021-06-17 The summit in Helsinki on June 16 was praised, Joe Biden said.\n")
    before = build_knowledge(Settings.load(tmp_path))
    assert next(a for a in before.articles if a.id == "a").date is None
    helsinki = next(e for e in before.events if e.type == "summit")
    (tmp_path / "annals.yml").write_text(
        f'fixes:\n  dates: {{"a.txt": "2021-06-20", "gone.txt": "2020-01-01", "b.txt": "June"}}\n'
        f'  not_events: ["{helsinki.id}"]\n'
    )
    after = build_knowledge(Settings.load(tmp_path))
    article = next(a for a in after.articles if a.id == "a")
    assert (article.date, article.date_given) == ("2021-06-20", True)
    # Dated now, its relative date is read from the given day: "last week" before 20 June 2021.
    assert any(e.type == "meeting" and (e.date or "").startswith("2021-06") for e in after.events)
    assert helsinki.id not in {e.id for e in after.events}
    said = [p.reason for p in after.problems if p.path == "annals.yml"]
    assert any("no article 'gone.txt'" in r for r in said) and any("'June' is not YYYY" in r for r in said)


def test_the_place_tree_walks_up_and_down_and_cuts_loops():
    from generator.model import PlaceTree

    tree = PlaceTree(
        {"belem": "lisbon", "lisbon": "portugal", "porto": "portugal", "portugal": None, "x": "y", "y": "x"}
    )
    assert tree.ancestors("belem") == ("belem", "lisbon", "portugal") and tree.root("belem") == "portugal"
    assert tree.compatible("belem", "portugal") and not tree.compatible("belem", "porto")
    assert tree.descendants("portugal") == ["lisbon", "porto", "belem"]  # children in the order given, then deeper
    assert tree.descendants("belem") == []
    assert tree.ancestors("x") == ("x", "y")  # a loop ends where it closes
    assert PlaceTree.loops({"x": "y", "y": "x", "a": "b", "b": None}) == ["x"]  # cutting x's parent frees y too
