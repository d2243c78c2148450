"""Who and where on a text written for these tests: datelines, units, nested places, known
people, descriptions, headline names, and the fixes a site owner writes in annals.yml."""

import pytest
import yaml

from generator.config import Settings
from generator.pipeline import build_knowledge

ARTICLE = """\
 date 2024-03-12
Chancellor Meets Veterans in Berlin

FORT HOOD, Texas - Sgt. 1st Class Maria Lopez of the 2nd Battalion, 8th Cavalry Regiment said the unit was ready. "We train every day," Lopez said.

The soldiers, all of them Tulsa, Okla., residents, joined the army in 2001.

• Government calls on veterans to apply for the new grants
• Comes alongside a wider review of pensions across England

Prime Minister Sunak praised the soldiers on Monday.

Germany's top diplomat in Washington said on Monday that talks would continue. German Ambassador Klaus Berger later met officials at the White House.
"""


def knowledge_of(tmp_path, fixes=None, text=ARTICLE):
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    if fixes is not None:
        (tmp_path / "annals.yml").write_text(yaml.safe_dump(fixes), encoding="utf-8")
    return build_knowledge(Settings.load(tmp_path))


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory):
    return knowledge_of(tmp_path_factory.mktemp("who"))


def by_name(entities):
    return {e.name: e for e in entities}


def test_people_roles_and_descriptions(knowledge):
    people = by_name(knowledge.people)
    assert set(people) == {"Maria Lopez", "Rishi Sunak", "Klaus Berger"}
    # A rank with an abbreviation and an ordinal stays one title, cut at the dateline's dash.
    assert {r.role for r in people["Maria Lopez"].roles} == {"Sgt. 1st Class"}
    # "Prime Minister Sunak", never given in full: the one known prime minister of that name.
    assert "Sunak" in people["Rishi Sunak"].aliases
    # The description before the name refers forward to the ambassador.
    assert "Germany's top diplomat in Washington" in people["Klaus Berger"].aliases


def test_quotes_and_statements(knowledge):
    lopez = by_name(knowledge.people)["Maria Lopez"].id
    berger = by_name(knowledge.people)["Klaus Berger"].id
    direct = {(q.speaker, q.text.rstrip(",")) for q in knowledge.quotes if q.direct}
    assert (lopez, "We train every day") in direct  # "Lopez said": the surname the tagger missed
    assert any(q.speaker == berger and not q.direct and "talks would continue" in q.text for q in knowledge.quotes)


def test_units_and_no_bullet_or_generic_organizations(knowledge):
    names = set(by_name(knowledge.organizations))
    assert "2nd Battalion, 8th Cavalry Regiment" in names
    assert not names & {"Government", "Comes", "• Government"}


def test_places_dateline_and_nesting(knowledge):
    places = by_name(knowledge.places)
    ids = {p.id: p.name for p in knowledge.places}
    assert "Fort Hood" in places and "FORT" not in places
    assert ids[places["Fort Hood"].within] == "Texas"
    assert ids[places["Tulsa"].within] == "Oklahoma"  # "Tulsa, Okla.": the state abbreviation
    assert "Okla" not in places and "Okla." not in places
    assert ids[places["White House"].within] == "Washington"  # the landmark list
    assert ids[places["Berlin"].within] == "Germany"  # GeoNames
    assert places["Berlin"].mentions[0].sentence == "title"  # named only in the headline, confirmed
    assert "Veterans" not in places and "Chancellor" not in by_name(knowledge.people)


def test_fixes_change_every_page(tmp_path):
    fixes = {
        "fixes": {
            "split": {"Maria Lopez": {"report.txt": "Maria Lopez-Garcia"}},
            "kinds": {"White House": "organization"},
            "within": {"Tulsa": "Tulsa County"},
            "not_entities": ["Klaus Berger"],
            "descriptions": {"Rishi Sunak": "Prime Minister of the United Kingdom, 2022–2024."},
        },
        "aliases": {"people": {"Rishi Sunak": ["The PM"]}},
        "patterns": {"patterns": [{"label": "ORG", "pattern": "Cavalry Regiment"}]},
    }
    knowledge = knowledge_of(tmp_path, fixes)
    people = by_name(knowledge.people)
    assert "Maria Lopez-Garcia" in people and "Maria Lopez" not in people
    assert "Klaus Berger" not in people
    assert people["Rishi Sunak"].description.startswith("Prime Minister of the United Kingdom")
    assert "White House" in by_name(knowledge.organizations) and "White House" not in by_name(knowledge.places)
    places = by_name(knowledge.places)
    assert by_name(knowledge.places)["Tulsa County"].id == places["Tulsa"].within


def test_user_pattern_finds_a_name_the_tagger_misses(tmp_path):
    text = " date 2024-01-01\nNotes\n\nThe award went to Mayor's Cell staff on Tuesday.\n"
    plain = knowledge_of(tmp_path / "plain", None, text) if (tmp_path / "plain").mkdir() is None else None
    assert "Mayor's Cell" not in by_name(plain.organizations)
    (tmp_path / "ruled").mkdir()
    ruled = knowledge_of(
        tmp_path / "ruled", {"patterns": {"patterns": [{"label": "ORG", "pattern": "Mayor's Cell"}]}}, text
    )
    assert "Mayor's Cell" in by_name(ruled.organizations)


def test_weekday_before_a_fixed_date_event_and_another_article_date_an_article(tmp_path):
    """An undated article whose parade falls on a Wednesday 3 September in Beijing: of the years
    that allows, the one in which another article places that parade."""
    (tmp_path / "dated.txt").write_text(
        " date 2025-02-28\nParade Planned\n\nChina will hold a military parade in Beijing in September "
        "to mark the end of the war.\n",
        encoding="utf-8",
    )
    (tmp_path / "undated.txt").write_text(
        "Leaders Meet\n\nThe leaders met in Beijing ahead of Wednesday's military parade commemorating "
        "the end of the war. The war with Japan began in 1937.\n",
        encoding="utf-8",
    )
    knowledge = build_knowledge(Settings.load(tmp_path))
    undated = next(a for a in knowledge.articles if a.source == "undated.txt")
    assert undated.date == "2025" and not undated.date_given
    assert "Wednesday's military parade" in undated.date_evidence and "2025" in undated.date_evidence
    parades = [e for e in knowledge.events if e.type == "parade"]
    # The same parade in both articles, dated to China's Victory Day by the recurring data.
    assert len(parades) == 1 and parades[0].date == "2025-09-03"
    assert set(parades[0].articles) == {a.id for a in knowledge.articles}


def test_undatable_mentions_make_no_event(tmp_path):
    (tmp_path / "a.txt").write_text(
        " date 2024-05-02\nTalks\n\nParades are popular. The war was long.\n", encoding="utf-8"
    )
    knowledge = build_knowledge(Settings.load(tmp_path))
    assert knowledge.events == []


def test_a_name_that_is_the_whole_of_a_quotation_is_a_nickname_not_a_person(tmp_path):
    text = (
        'The astronaut Walter Schirra died on Thursday. "Jolly Wally," as he was affectionately known, '
        "flew in each of the first three programs. Schirra was 84.\n"
    )
    people = by_name(knowledge_of(tmp_path, text=text).people)
    assert "Walter Schirra" in people and "Jolly Wally" not in people


def test_a_flight_names_its_airline(tmp_path):
    text = (
        "Northwind Air Flight 574 disappeared over the sea on Monday. The crash of Coastline Airways Flight 200 "
        "killed 21 people in March.\n"
    )
    knowledge = knowledge_of(tmp_path, text=text)
    organizations = by_name(knowledge.organizations)
    assert "Northwind Air" in organizations and "Coastline Airways" in organizations
    assert not any("Flight" in e.name for e in knowledge.people + knowledge.organizations + knowledge.places)


def test_a_body_before_a_role_is_named_but_a_portfolio_or_rank_is_not(tmp_path):
    text = (
        "NASA Administrator Bill Nelson met Labour leader Keir Starmer in London on Monday. "
        "Defense Secretary Lloyd Austin and Technical Sgt. Andrew Valence joined them.\n"
    )
    knowledge = knowledge_of(tmp_path, text=text)
    organizations = by_name(knowledge.organizations)
    assert {"NASA", "Labour"} <= set(organizations)  # the body a spokesman or leader speaks for
    assert not {"Defense", "Technical"} & set(organizations)  # an office's portfolio, a rank's qualifier
    people = by_name(knowledge.people)
    assert {r.role for r in people["Bill Nelson"].roles} == {"NASA Administrator"}


def test_a_title_before_an_office_and_an_hour_name_no_body(tmp_path):
    text = (
        "Shadow Home Secretary Yvette Cooper spoke in London on Monday. A detective for the Los Angeles "
        "Sheriff's office was given the papers. As of 15:11 GMT the site was up again. Joining costs $99 (USD). She said Islamophobia had grown.\n"
    )
    knowledge = knowledge_of(tmp_path, text=text)
    named = {e.name for e in knowledge.organizations + knowledge.places + knowledge.people}
    assert not {"Shadow Home", "Los Angeles Sheriff", "GMT"} & named
    doubts = {e.name: e.doubt for e in knowledge.also_named}
    assert not {"USD"} & named
    assert doubts.get("GMT") == "a time zone, not a name"
    assert "Islamophobia" not in named and "Islamophobia" not in {e.name for e in knowledge.places}


def test_a_name_ending_in_a_code_is_a_product_not_a_place(tmp_path):
    text = "The browser shipped with Windows XP, officials said in Washington DC on Monday.\n"
    knowledge = knowledge_of(tmp_path, text=text)
    assert "Windows XP" not in {e.name for e in knowledge.places}
    assert "Washington" in {e.name for e in knowledge.places}  # a known place keeps its code: DC
    assert {e.name: e.doubt for e in knowledge.also_named}.get("Windows XP", "").startswith("ends in the code")


def test_a_secretary_of_state_named_by_title_and_surname_is_the_known_one(tmp_path):
    text = (
        "Statement by Secretary Blinken\n\n"
        "Secretary Blinken said the talks in Nairobi would resume next month. "
        "Kenya's foreign minister welcomed the news.\n"
    )
    knowledge = knowledge_of(tmp_path, text=text)
    assert "Secretary Blinken" not in by_name(knowledge.people)
    assert "Blinken" in by_name(knowledge.people)["Antony Blinken"].aliases


def test_short_forms_of_an_organization_are_that_organization(tmp_path):
    text = (
        " date 2015-08-02\nArtists win their case\n\n"
        "The Federation of Independent Artists (IAF) welcomed the ruling of the Italian Supreme Court of "
        "Appeals on Monday.\n\n"
        "The IAF has asked the government to respect the decision of the Supreme Court, a spokesman said.\n"
    )
    knowledge = knowledge_of(tmp_path, text=text)
    orgs = by_name(knowledge.organizations)
    # An abbreviation with the name's initials in another order, defined in brackets after it.
    assert "IAF" in orgs["Federation of Independent Artists"].aliases and "IAF" not in orgs
    # The court's name without its country opens with the short form used later.
    assert "Supreme Court" not in orgs
    assert "Supreme Court" in orgs["Italian Supreme Court of Appeals"].aliases
