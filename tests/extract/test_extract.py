import pytest
from conftest import shared

from generator.extract.dates import resolve


def people(knowledge):
    return {p.name: p for p in knowledge.people}


def test_people_of_the_seeds(shipped_knowledge):
    names = set(people(shipped_knowledge))
    assert {"Xi Jinping", "Vladimir Putin", "Andrey Denisov", "Hong Lei", "Feng Yujun", "Hu Jintao"} <= names
    assert "Ta Kung Pao" not in names  # a newspaper
    assert "Ta Kung Pao" in {o.name for o in shipped_knowledge.organizations}


def test_headlines_and_headings_are_never_entities(shipped_knowledge):
    names = {e.name for kind in ("person", "organization", "place") for e in shipped_knowledge.entities(kind)}
    for article in shipped_knowledge.articles:
        extraction = shipped_knowledge.extractions[article.id]
        heads = [b.text for b in article.blocks if b.kind == "heading"] + [article.title or ""]
        assert not names & set(heads)
        body = {(m.kind, m.name) for m in extraction.mentions if m.sentence.startswith("sent-")}
        for mention in extraction.mentions:
            # A name in a headline counts only where the body or the gazetteer confirms it.
            if not mention.sentence.startswith("sent-"):
                assert (mention.kind, mention.name) in body or mention.kind == "place"


def test_headline_names_need_confirmation(tmp_path):
    from generator.config import Settings
    from generator.pipeline import build_knowledge

    (tmp_path / "a.txt").write_text(
        "South Korea’s President Heads to Washington to Salvage North’s Nuclear Deal\n\n"
        "South Korean President Moon Jae-in will meet U.S. President Donald Trump next week.\n",
        encoding="utf-8",
    )
    knowledge = build_knowledge(Settings.load(tmp_path))
    places = {p.name for p in knowledge.places}
    assert {"Washington", "South Korea"} <= places  # known places, named only in the headline
    assert "Heads" not in places  # the tagger's guess at a capitalised verb


def test_roles_from_titles_and_appositions(shipped_knowledge):
    roles = {p.name: {r.role for r in p.roles} for p in shipped_knowledge.people}
    assert "Chinese Foreign Ministry spokesman" in roles["Hong Lei"]
    assert "Russian Ambassador" in roles["Andrey Denisov"]
    assert any("expert on Russian studies" in r for r in roles["Feng Yujun"])


def test_quotes_attributed(shipped_knowledge):
    putin = people(shipped_knowledge)["Vladimir Putin"].id
    said = [q.text for q in shipped_knowledge.quotes if q.speaker == putin and q.direct]
    assert any(t.startswith("Our ancestors") for t in said)
    assert any(t.startswith("We remember that") for t in said)


def test_anniversary_and_inferred_date(shipped_knowledge):
    assert {(a.ordinal, a.year) for a in shipped_knowledge.anniversaries} >= {(70, 2015), (80, 2025)}
    first = next(a for a in shipped_knowledge.articles if a.source.startswith("000_"))
    assert first.date == "2015" and not first.date_given
    assert "70th anniversary" in first.date_evidence


@pytest.mark.parametrize(
    "text,anchor,future,expected",
    [
        ("May 9", "2015", False, ("2015-05-09", None)),
        ("Sept 3", "2025-02-28", True, ("2025-09-03", None)),
        ("(1937-45)", None, False, ("1937", "1945")),
        ("June 6, 1944", None, False, ("1944-06-06", None)),
        ("September", "2025-02-28", True, ("2025-09", None)),
        ("later this year", "2015", True, ("2015", None)),
        ("Sunday evening", "2025-07-28", False, ("2025-07-27", None)),
        ("79 years ago", "2023-06-06", False, ("1944", None)),
        ("last month", "2025-07-28", False, ("2025-06", None)),
        ("May 9", None, False, (None, None)),  # no anchor: never today's year
        ("Friday", None, False, (None, None)),
    ],
)
def test_time_expressions(text, anchor, future, expected):
    assert resolve(text, anchor, future) == expected


def _extract(tmp_path, text):
    from generator.config import Settings
    from generator.pipeline import build_knowledge

    (tmp_path / "a.txt").write_text(text)
    return build_knowledge(Settings.load(tmp_path))


def test_repairs_of_tagger_errors(tmp_path):
    knowledge = _extract(
        tmp_path,
        (
            " date 2018-05-18 U.S. Ambassador to Japan Rahm Emanuel will represent the United States in Tokyo.\n\n"
            "South Korean President Moon Jae-in will fly to Washington next week (Tues. May 22) for talks.\n\n"
            "Secretary of Defense Lloyd J. Austin III spoke at the Normandy American Cemetery.\n"
        ),
    )
    people = {p.name for p in knowledge.people}
    places = {p.name for p in knowledge.places}
    assert {"Rahm Emanuel", "Moon Jae-in", "Lloyd Austin"} <= people
    assert "Tues" not in people
    assert {"Japan", "Normandy American Cemetery"} <= places
    assert "Defense" not in {o.name for o in knowledge.organizations}
    austin = next(p for p in knowledge.people if p.name == "Lloyd Austin")
    assert "Lloyd J. Austin III" in austin.aliases


def test_a_given_name_opening_a_sentence_stays_with_its_surname(tmp_path):
    knowledge = _extract(
        tmp_path,
        (
            " date 2018-06-19 Belgium beat Panama.\n\n"
            "Dries Mertens's shot in the 40th minute went wide. Later, Mertens scored.\n"
        ),
    )
    people = {p.name for p in knowledge.people}
    assert "Dries Mertens" in people
    assert "Mertens" not in people


@pytest.mark.slow
def test_parallel_extraction_equals_one_process(tmp_path, monkeypatch):
    """Extraction is a map over articles: two worker processes give exactly what one gives."""
    from generator.config import Settings
    from generator.extract import CHUNK, Extractor
    from generator.ingest import read_corpus

    for n in range(2 * CHUNK + 5):
        (tmp_path / f"a{n:03d}.txt").write_text(
            f" date 2024-03-{n % 28 + 1:02d} President Emmanuel Macron met Chancellor Olaf Scholz in Berlin "
            f'on Monday, article {n}. "We agree," Scholz said.\n'
        )
    settings = Settings.load(tmp_path)
    articles, _ = read_corpus(settings)
    one, _ = Extractor(settings).run(articles, None, workers=1)
    two, _ = Extractor(settings).run(articles, None, workers=2)
    assert sorted(one) == sorted(two) and len(one) == 2 * CHUNK + 5
    assert {k: v.to_dict() for k, v in one.items()} == {k: v.to_dict() for k, v in two.items()}
    assert any(m.name == "Olaf Scholz" for m in two["a000"].mentions)


def test_a_name_in_the_headline_does_not_break_reported_speech(tmp_path):
    (tmp_path / "a.txt").write_text(
        " date 2015-08-10\nFlood in Lagos puts Nakamura under pressure\n\n"
        "Prime Minister Hana Nakamura said on Saturday that the flood had changed the debate.\n"
    )
    from generator.config import Settings
    from generator.pipeline import build_knowledge

    knowledge = build_knowledge(Settings.load(tmp_path))
    assert knowledge.problems == []
    assert [(q.speaker, q.direct) for q in knowledge.quotes] == [("hana-nakamura", False)], knowledge.quotes


def test_a_name_in_the_headline_before_a_direct_quote(tmp_path):
    from generator.config import Settings
    from generator.pipeline import build_knowledge

    (tmp_path / "a.txt").write_text(
        " date 2015-08-10\nStrike in Lagos puts Okafor under pressure\n\n"
        "Governor Emil Okafor met reporters in Lagos.\n\n"
        '"We will not stand still," Okafor said.\n'
    )
    knowledge = build_knowledge(Settings.load(tmp_path))
    assert knowledge.problems == []
    assert [(q.speaker, q.direct) for q in knowledge.quotes] == [("emil-okafor", True)], knowledge.quotes


def test_extractions_come_back_from_the_pack_as_they_were_made(tmp_path, caplog):
    import shutil

    from generator.config import REPO_DIR, Settings
    from generator.extract import Extractor
    from generator.extract.cache import PACK
    from generator.ingest import read_corpus

    settings = Settings.load(REPO_DIR / "corpus")
    articles, _ = read_corpus(settings)
    cache = tmp_path / "cache"
    made, _ = Extractor(settings).run(articles, cache, workers=1)
    assert all(e.to_row() and type(e).from_row(e.to_row()) == e for e in made.values())
    singles = sorted((cache / "extract").glob("*.json"))
    assert len(singles) == len(articles) and (cache / "extract" / PACK).is_file()

    # Without the single files, every extraction comes from the pack, as it was made.
    kept = tmp_path / "kept"
    shutil.copytree(cache / "extract", kept)
    for single in singles:
        single.unlink()
    extractor = Extractor(settings)
    extractor.extract_all = lambda todo, *a: pytest.fail("an article was parsed again") if todo else ({}, [])
    assert extractor.run(articles, cache, workers=1)[0] == made

    # A damaged pack costs only reading the single files.
    shutil.rmtree(cache / "extract")
    shutil.copytree(kept, cache / "extract")
    (cache / "extract" / PACK).write_bytes(b"\x80\x05garbage")
    assert extractor.run(articles, cache, workers=1)[0] == made
    assert "extraction pack" in caplog.text


@pytest.mark.slow
def test_the_gazetteer_is_kept_in_the_cache_folder_and_read_back_the_same(tmp_path):
    from generator.extract import gazetteer

    fresh = gazetteer._registry_places(100000)
    assert gazetteer.registry_places(100000, tmp_path) == fresh
    kept = list(tmp_path.glob("gazetteer-*.msgpack"))
    assert len(kept) == 1
    gazetteer.registry_places.cache_clear()
    assert gazetteer.registry_places(100000, tmp_path) == fresh  # now from the cache file
    places = gazetteer.Gazetteer({}, {}, tmp_path)
    assert places.place("Lisbon").within == "Portugal" and places.is_country("Portugal")
    # A division under the name English news gives it, and under its own language's name.
    assert places.place("Tuscany") == places.place("Toscana") and places.place("Toscana").name == "Tuscany"
    assert places.place("Bavaria").within == "Germany"
    kept[0].write_bytes(b"not a cache file")  # a damaged cache is read again from the registries
    gazetteer.registry_places.cache_clear()
    assert gazetteer.registry_places(100000, tmp_path) == fresh


def test_the_model_multiplies_through_numpy_with_one_blas_thread():
    """Every layer of the loaded model computes with numpy's BLAS (not thinc's slower BLIS
    kernels), and a parse runs with one BLAS thread, so parsing processes do not contend."""
    from threadpoolctl import threadpool_info

    from generator.extract import nlp

    model = nlp.load()
    layers = [
        (name, node) for name, pipe in model.pipeline if getattr(pipe, "model", None) for node in pipe.model.walk()
    ]
    assert len(layers) > 50
    # The transition components' output layer is made later by spaCy, and their decoder runs it
    # in compiled code through thinc's own BLAS either way.
    assert {(name, node.name) for name, node in layers if getattr(node.ops, "use_blis", True)} == {
        ("parser", "linear"),
        ("ner", "linear"),
    }
    with nlp.one_blas_thread():
        blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
        assert blas and all(pool["num_threads"] == 1 for pool in blas)
        doc = model("Mayor Anna Berg of Lisbon said the works would start in June.")
    assert [(e.text, e.label_) for e in doc.ents][:2] == [("Anna Berg", "PERSON"), ("Lisbon", "GPE")]


@pytest.mark.slow
def test_the_attribute_index_finds_what_spacys_matcher_finds():
    """The indexed attribute ruler gives the same matches, and so the same parts of speech,
    lemmas and morphology, as spaCy's own `Matcher` over the same patterns."""

    from generator.extract import nlp
    from generator.extract.attribute_index import AttributeIndex

    model = nlp.load()
    ruler = model.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, AttributeIndex)  # installed on load
    texts = [line for path in sorted(shared().rglob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    texts += [
        "I ain't y'all's nothin', ain't it?",
        "Y' all  can't  do it,   there are\n\n many.",
        "",
        " ",
        "It is. Do not. Whether it rains or not, they'd have had it.",
        "There's a man who did it to me.",
    ]
    assert len(texts) > 100
    spacy_match = type(ruler).match.__get__(ruler)  # the class' method: the Matcher
    matches = 0
    for doc in model.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]):
        expected = spacy_match(doc)
        assert ruler.match(doc) == sorted(set(expected)), doc.text
        matches += len(expected)
    assert matches > 1000
    # Two-token patterns too: "ai" + "n't" is lemmatized "be".
    doc = model("I ain't going.")
    assert [t.lemma_ for t in doc][1:3] == ["be", "not"]
    # A pattern the index does not handle leaves spaCy's matching in place.
    import spacy

    from generator.extract import attribute_index

    blank = spacy.blank("en")
    blank.add_pipe("attribute_ruler").add([[{"LOWER": "x", "OP": "+"}]], {"LEMMA": "x"})
    assert attribute_index.install(blank) is False
    assert not isinstance(blank.get_pipe("attribute_ruler").match, AttributeIndex)


def test_time_expressions_are_exported_whole_and_in_order(tmp_path):
    from generator.export import knowledge_dict

    knowledge = _extract(
        tmp_path,
        (
            " date 2016-09-07\nNorthwind unveils its tablet at Gadget Fair 2016\n\n"
            "This year's fair drew a record crowd. Yesterday, Northwind showed its new tablet.\n\n"
            "The company will deliver tablets from 2017 to 2019, it said on Sunday evening.\n"
        ),
    )
    found = [(t["text"], t["value"]) for t in knowledge_dict(knowledge)["time_expressions"]]
    assert found[0] == ("2016", "2016")  # in the headline, inside a name
    assert ("This year", "2016") in found  # the tagger's "[year]'s fair" made whole
    assert ("Yesterday", "2016-09-06") in found
    ranged = found.index(("from 2017 to 2019", None))
    assert found[ranged + 1 : ranged + 3] == [("2017", "2017"), ("2019", "2019")]
    assert ("Sunday evening", "2016-09-04") in found


def test_generations_and_titled_owners_in_headlines(tmp_path):
    knowledge = _extract(
        tmp_path,
        (
            "Ambassador Ada Okafor’s Remarks at the Harbour Opening\n\n"
            "The new harbour opened on Monday. As Martin Luther King, Jr. once said, the time is always right.\n"
        ),
    )
    people = {p.name: p for p in knowledge.people}
    assert "Ada Okafor" in people  # titled in the headline, up to her "’s"
    king = next(p for p in knowledge.people if p.name.startswith("Martin Luther King"))
    assert any("Jr" in form for form in [king.name, *king.aliases])


def test_a_body_named_by_its_kind_owns_the_name_after_it(tmp_path):
    knowledge = _extract(
        tmp_path,
        (
            " date 2021-01-21 Harbour board acts\n\n"
            "Ada Okafor, chair of the Board's Committee on Harbour Affairs, welcomed the decision.\n"
        ),
    )
    organizations = {o.name for o in knowledge.organizations}
    assert "Committee on Harbour Affairs" in organizations
    assert not any(name.startswith("Board") for name in organizations)


def test_a_dateline_with_its_date_in_brackets_names_the_place(tmp_path):
    knowledge = _extract(
        tmp_path,
        (
            "Soldiers train\n\nFORT RILEY, Kan. (March 3, 2012) -- Soldiers of the division trained on the "
            "range this week, and more will follow in the spring.\n"
        ),
    )
    riley = next(p for p in knowledge.places if p.name == "Fort Riley")
    assert "Fort Riley, Kansas" in riley.aliases
    assert knowledge.articles[0].date == "2012-03-03"
