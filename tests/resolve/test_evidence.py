"""A page is a claim: names without evidence get none, and the site says why.

The texts here are written for the tests, not taken from any evaluation set.
"""

import json
from pathlib import Path

from generator.config import Settings, packaged_data
from generator.export import knowledge_dict
from generator.extract.acronyms import fits
from generator.extract.quotes import quotations
from generator.model import Entity, Role
from generator.pipeline import build_knowledge
from generator.render import render_pages
from generator.resolve.evidence import Evidence


def _evidence(confirmed=()):
    return Evidence.from_data(packaged_data("evidence"), {"Joe Biden": ["president"]}, confirmed)


def _doubt(kind, name, roles=(), confirmed=()):
    entity = Entity(id="x", kind=kind, name=name, roles=[Role(r, "a", None) for r in roles])
    return _evidence(confirmed).doubt(entity)


def test_names_shaped_as_people_keep_their_page():
    for name in (
        "Hana Nakamura",
        "Charles de Gaulle",
        "Osama bin Laden",
        "Sean O'Brien",
        "Ronald McDonald",
        "JK Rowling",
        "John Paul II",
        "Moon Jae-in",
        "LeBron James",
        "Mary-Kate Olsen",
    ):
        assert _doubt("person", name) is None, name


def test_products_businesses_and_codes_are_not_people():
    for name in ("PowerBook", "Best Buy", "Corner Store", "Arkham VR", "Mac OSX", "Der Spiegel", "Model 3"):
        assert _doubt("person", name), name


def test_a_lone_word_needs_a_title_to_be_a_person():
    assert "single word" in _doubt("person", "Tiger")
    assert _doubt("person", "Okafor", roles=["Governor"]) is None
    assert _doubt("person", "Tiger", confirmed=["Tiger"]) is None  # fixes: confirm


def test_flights_shows_and_models_are_neither_organizations_nor_places():
    assert _doubt("organization", "Northwind Flight 212")
    assert _doubt("organization", "Northwind Flight")
    assert _doubt("organization", "iWidget")
    assert _doubt("place", "Lagos Air Show")
    assert _doubt("organization", "Clean Water Act")  # a law
    assert _doubt("person", "USS Ada Okafor")  # a ship named after a person
    assert _doubt("place", "American")  # a people
    assert _doubt("organization", "International Monetary Fund") is None
    assert _doubt("organization", "Northwind Airlines") is None
    assert _doubt("place", "10 Downing Street") is None


def test_a_lone_word_is_a_place_only_where_a_gazetteer_knows_it():
    from generator.resolve import _place_names

    evidence = Evidence.from_data(packaged_data("evidence"), {}, (), is_place=_place_names(Settings(corpus=Path("."))))
    place = lambda name, **kw: evidence.doubt(Entity(id="x", kind="place", name=name, **kw))  # noqa: E731
    for name in ("Geneva", "Frankfurt", "Lincolnshire", "Cupertino", "Burma", "Earth", "Colleville-sur-Mer"):
        assert place(name) is None, name  # English names of cities, counties, towns, planets
    assert "gazetteer" in place("Zorblatt")  # a company's or a movement's name, tagged as a place
    assert place("Zorblatt", within="Kenya") is None  # "Zorblatt, Kenya": the text places it
    assert place("Zorblatt Stadium") is None  # a place word says what it is
    assert place("Zorblatt", aliases=["Geneva"]) is None


def test_abbreviations_follow_the_initials_of_the_name():
    assert fits("CDC", "Centers for Disease Control and Prevention")
    assert fits("SPCA", "Norfolk Society for the Prevention of Cruelty to Animals")
    assert not fits("IBM", "Centers for Disease Control")
    assert fits("SIA", "Singapore Airlines")
    assert not fits("XYZ", "Board of Disease Control")
    assert not fits("CCD", "Centers for Disease Control")  # in order, each word once


def test_a_quotation_left_open_runs_to_the_paragraphs_end():
    assert quotations('She said, "We will rebuild the bridge.') == [(10, 38, "We will rebuild the bridge.")]
    assert quotations('rebuild it," she said. Then she left.') == []  # a closing mark opens nothing
    # A paragraph that opens by closing the quotation before it: the next mark opens one.
    assert [q[2] for q in quotations('to bed early." Later, she said, "We were fine."')] == ["We were fine."]


def _build(tmp_path, text, extra=None):
    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    if extra:
        (corpus / "annals.yml").write_text(extra, encoding="utf-8")
    return build_knowledge(Settings.load(corpus))


TEXT = (
    " date 2019-03-04\nNorthwind orders new jets\n\n"
    "Northwind Airlines Corp. ordered twelve jets from Skyward Aerospace on Monday, the airline said. "
    "Northwind will fly them from Lagos.\n\n"
    "The Federal Aviation Safety Board (FASB) approved the deal. FASB inspectors will visit Lagos in May.\n\n"
    'Chief executive Ada Okafor justified the order by saying, "These jets burn a third less fuel.\n\n'
    "Northwind Flight 212 was the first to carry passengers to the Tiger show.\n"
)


def test_short_forms_abbreviations_and_doubtful_names_in_one_article(tmp_path):
    knowledge = _build(tmp_path, TEXT)
    orgs = {e.name: e for e in knowledge.organizations}
    # The legal form and the short form are one company; the abbreviation is its organization.
    northwind = next(e for e in knowledge.organizations if "Northwind" in e.name)
    assert not any(n.startswith("Northwind") and n != northwind.name for n in orgs), orgs
    assert "Federal Aviation Safety Board" in orgs and "FASB" not in orgs
    assert "FASB" in orgs["Federal Aviation Safety Board"].aliases
    doubtful = {e.name: e.doubt for e in knowledge.also_named}
    assert not any("Flight" in e.name for e in knowledge.organizations)
    assert all(reason for reason in doubtful.values())
    # The quotation left open is Okafor's, spoken through "by saying"; "the airline said" is
    # no organization's while the article has named two.
    assert [(q.speaker, q.direct) for q in knowledge.quotes] == [("ada-okafor", True)]


def test_doubtful_names_are_exported_listed_and_confirmable(tmp_path):
    # Filed as a person (as a tagger may), a company's name ending in its legal form earns no page.
    knowledge = _build(tmp_path, TEXT, "fixes:\n  kinds: {Northwind Airlines Corp: person}\n")
    exported = json.loads(json.dumps(knowledge_dict(knowledge)))
    assert exported["also_named"] and all(e["doubt"] for e in exported["also_named"])
    okafor = next(p for p in exported["people"] if p["name"] == "Ada Okafor")
    assert "a full name" in okafor["evidence"] and any(e.startswith("named ") for e in okafor["evidence"])
    names = {e["name"] for e in exported["also_named"]}
    assert not names & {e["name"] for kind in ("people", "organizations", "places") for e in exported[kind]}
    pages = render_pages(knowledge)
    article = next(v for k, v in pages.items() if k.startswith("articles/a"))
    first = sorted(names)[0]
    assert "Also named, without a page:" in article and first in article
    assert "[Names without a page](unsure.md)" in pages["corpus/health.md"]
    assert first in pages["corpus/unsure.md"]
    confirmed = _build(
        tmp_path / "again",
        TEXT,
        f"fixes:\n  kinds: {{Northwind Airlines Corp: person}}\n  confirm: [{json.dumps(first)}]\n",
    )
    assert first not in {e.name for e in confirmed.also_named}


def test_a_person_under_a_nickname_is_one_person(tmp_path):
    knowledge = _build(
        tmp_path,
        " date 2001-02-03\nA visit\n\nPresident William J. Clinton arrived in Lagos on Monday. "
        "Bill Clinton met Governor Ada Okafor, and Clinton thanked her.\n",
    )
    people = {p.name: p for p in knowledge.people}
    clintons = [p for p in people if p.endswith("Clinton")]
    assert len(clintons) == 1, people
    assert {"Bill Clinton", "William Clinton"} <= {clintons[0], *people[clintons[0]].aliases}


def test_a_titled_name_in_the_headline_counts_where_the_body_does_not_repeat_it(tmp_path):
    knowledge = _build(
        tmp_path,
        " date 2017-07-10\nStatement by Secretary Okafor on Lagos Day\n\n"
        "On behalf of the people of Nigeria, our best wishes to Lagos on its day.\n",
    )
    okafor = next(p for p in knowledge.people if p.name == "Okafor")
    assert any(m.sentence == "title" for m in okafor.mentions)


def test_a_person_named_for_a_body_is_the_person_and_the_body(tmp_path):
    knowledge = _build(
        tmp_path,
        " date 2019-03-04\nGuidelines\n\nAda Okafor for Lagos Food Standards Agency "
        "says they are looking at mandatory guidelines.\n",
    )
    assert "Ada Okafor" in {p.name for p in knowledge.people}
    assert not any("Okafor" in o.name for o in knowledge.organizations)


def test_a_surname_spelt_another_way_once_is_the_same_person():
    from generator.extract.entities import _misspelt

    assert _misspelt("Bauchtman", "Buchtmann") and _misspelt("Okafer", "Okafor")
    assert not _misspelt("Jones", "James") and not _misspelt("Lee", "Lei")  # short names stay apart


def test_a_place_written_with_its_states_abbreviation_is_also_named_in_full(tmp_path):
    knowledge = _build(
        tmp_path,
        " date 2019-03-04\nA visit\n\nGovernor Ada Okafor visited Colorado Springs, Colo., "
        "on Monday and flew on to Irving, Texas.\n",
    )
    places = {p.name: p for p in knowledge.places}
    assert "Colorado Springs, Colorado" in places["Colorado Springs"].aliases
    assert "Irving, Texas" in places["Irving"].aliases
