"""Issue 4 on texts written for the tests: publication dates inferred from terms of office,
weekdays and anniversaries; events placed by the parse, named by base-event cues, dated by
tense; habits date nothing."""

from conftest import CORPUS, shared

from generator.config import Settings
from generator.pipeline import build_knowledge


def _build(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return build_knowledge(Settings.load(tmp_path))


def _article(tmp_path, text: str):
    """The knowledge of a corpus of one article."""
    return _build(tmp_path, {"a.txt": text})


def _time_values(knowledge) -> dict[str, str | None]:
    """The one article's time expressions and their values."""
    (extraction,) = knowledge.extractions.values()
    return {d.text: d.value for d in extraction.dates}


def _events(knowledge):
    return {(e.type, e.date): e for e in knowledge.events}


def test_date_from_terms_of_office_and_a_weekday(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            "Seoul Leader Flies to Washington\n\n"
            "South Korean President Moon Jae-in will meet U.S. President Donald Trump next week (Tues. May 22) "
            "at the White House in Washington ahead of the summit to be held in Singapore in June.\n"
        ),
    )
    article = knowledge.articles[0]
    # 22 May is a Tuesday in 2012, 2018 and 2029; only 2018 lies in both men's terms, and
    # "next week" puts the article in the week before: May 2018.
    assert article.date == "2018-05" and not article.date_given
    assert "Moon Jae-in" in article.date_evidence and "Tues. May 22" in article.date_evidence
    events = _events(knowledge)
    places = {p.id: p.name for p in knowledge.places}
    meeting, summit = events[("meeting", "2018-05-22")], events[("summit", "2018-06")]
    assert places[summit.place] == "Singapore"  # the summit's place, not the meeting's
    assert meeting.place is None or places[meeting.place] != "Singapore"


def test_new_president_dates_the_first_months_of_the_term(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            "Russian President Vladimir Putin has met China's new President Xi Jinping, who arrived in Moscow "
            "on his first foreign trip.\n"
        ),
    )
    article = knowledge.articles[0]
    assert article.date == "2013" and "newly president" in article.date_evidence
    events = _events(knowledge)
    assert {k[0] for k in events} >= {"meeting", "visit"}
    places = {p.id: p.name for p in knowledge.places}
    assert places[events[("meeting", "2013")].place] == "Moscow"  # not "China's" president


def test_base_event_cues_and_headline(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2013-03-22 On Pearl Harbor Attack Anniversary, Veterans Gather\n\n"
            "Beijing followed Moscow's lead in opposing intervention in Syria's bloody civil war.\n\n"
            "The men remembered the end of the war in the Pacific.\n"
        ),
    )
    named = {e.name: e for e in knowledge.events}
    assert named["Syrian civil war"].date == "2011-03"
    assert named["Surrender of Japan"].date == "1945-09-02"
    assert named["Attack on Pearl Harbor"].date == "1941-12-07"  # named only in the headline


def test_marked_anniversary_makes_a_commemoration_on_its_day(tmp_path):
    knowledge = _build(
        tmp_path,
        {"a.txt": ("Secretary Jane Roe attended events to mark the 80th anniversary of D-Day in Normandy, France.\n")},
    )
    article = knowledge.articles[0]
    assert article.date == "2024-06"  # the days around 6 June 2024
    commemoration = _events(knowledge)[("commemoration", "2024-06-06")]
    assert {p.name for p in knowledge.places if p.id == commemoration.place} == {"Normandy"}


def test_anniversary_into_next_year(tmp_path):
    knowledge = _build(
        tmp_path,
        {"a.txt": ("Throughout this year and into the next, the world marks the 65th anniversary of World War II.\n")},
    )
    assert knowledge.articles[0].date == "2009"
    assert {(a.ordinal, a.year) for a in knowledge.anniversaries} == {(65, 2010)}


def test_habits_and_purposes_date_no_event(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2015-02-02 It would be the first such parade in Beijing, a departure from the practice of "
            "staging parades once a decade on Oct 1.\n\n"
            "A reception will take place in London today, in celebration of the victory.\n"
        ),
    )
    events = _events(knowledge)
    assert ("parade", "2015-10-01") not in events
    assert ("celebration", "2015-02-02") not in events and ("reception", "2015-02-02") in events


def test_tense_points_dates_both_ways(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2025-09-02 The leaders met in Beijing ahead of Wednesday's parade, with Xi having previously "
            "traveled to Moscow on May 9. Putin will visit Tokyo on May 9.\n"
        ),
    )
    events = _events(knowledge)
    assert ("parade", "2025-09-03") in events  # the coming Wednesday
    assert ("visit", "2025-05-09") in events  # the past 9 May
    assert ("visit", "2026-05-09") in events  # the coming 9 May


def test_base_events_found_through_one_search_are_those_each_searched_alone():
    """The catalogue first asks whether a text holds any base event's phrase at all; what it
    then finds is what asking every base event in turn finds, on every line of the shared
    articles, every phrase and cue of the data file, strictly and loosely."""
    import copy

    from generator.config import Settings
    from generator.extract.events import EventCatalogue

    settings = Settings.load(CORPUS, None)
    catalogue = EventCatalogue(settings.data("events"), settings.data("commemorations"))
    each = copy.copy(catalogue)
    each._any = None  # no shortcut: every base event is searched
    texts = [line for path in sorted(shared().rglob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    for event in catalogue.base:
        texts += [f"They spoke of {p} again." for p in list(event.get("match", [])) + list(event.get("refer", []))]
        texts += [" and ".join(cue) for cue in event.get("cues") or []]
    texts += ["A cue word alone: " + cue[0] for e in catalogue.base for cue in e.get("cues") or [] if cue]
    named = 0
    for text in texts:
        for loose in (False, True):
            found = catalogue.bases_named(text, loose)
            assert found == each.bases_named(text, loose), text
            named += bool(found)
    assert named > len(catalogue.base)  # the check saw many texts that do name one


def test_the_news_a_report_opens_with_is_an_event_of_its_month(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2011-05-14\nNorthwind Aircraft unveils the N-400\n\n"
            "Northwind Aircraft has unveiled its new N-400 airliner at its plant near Lagos. "
            "The company also said it had ordered new engines.\n\n"
            "Later, the chairman, who was delivering a speech, announced a new pension plan.\n\n"
            "Analysts expect Northwind to launch a smaller jet.\n"
        ),
    )
    events = _events(knowledge)
    assert ("launch", "2011-05") in events  # the lead's news, dated by the report's month
    assert not any(t == "delivery" for t, _ in events)  # "delivering a speech" delivers nothing
    assert not any(t == "announcement" for t, _ in events)  # an announcement outside the lead is background
    assert sum(t == "launch" for t, _ in events) == 1  # "expect … to launch": a plan, and not in the lead


def test_the_headline_names_the_news_and_phrasal_verbs_count(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2012-03-09\nNorthwind sues Eastwind over tablet patent\n\n"
            "Northwind Aircraft filed papers in a Lagos court on Thursday.\n\n"
            "Separately, its chairman Ada Okafor has decided to step down.\n\n"
            "Eastwind announced the Sky-9 in March 4 presentations.\n"
        ),
    )
    events = _events(knowledge)
    assert ("lawsuit", "2012-03") in events  # the headline's verb, dated by the report
    assert any(t == "resignation" for t, _ in events)  # "step down"
    assert not any(t == "parade" for t, _ in events)  # "March" is a month, not a march


def test_events_are_named_in_the_words_that_report_them(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2011-05-14\nNorthwind shows off its jet\n\n"
            "Northwind Aircraft has unveiled the N-400 Skyliner at its plant in Lagos. "
            "Eastwind Airways said it would study the jet.\n\n"
            "Ada Okafor was arrested in Abuja on Friday.\n\n"
            "This visit, officials said, was planned in April.\n"
        ),
    )
    names = {e.type: e.name for e in knowledge.events}
    assert names["launch"] == "Northwind Aircraft unveils the N-400 Skyliner in Lagos"
    assert names["arrest"] == "Ada Okafor arrested in Abuja"


def test_a_death_is_dated_by_its_day_not_by_the_age(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2011-10-06\nNorthwind founder dies\n\n"
            "Ada Okafor, the founder of Northwind Aircraft, died yesterday at the age of 71 in a Lagos hospital.\n"
        ),
    )
    assert ("death", "2011-10-05") in _events(knowledge)


def test_business_planned_for_a_later_year_is_no_event(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2007-06-09\nNorthwind buys jets\n\n"
            "Northwind Airlines has ordered twelve jets from Skyward Aerospace. "
            "The airline said it will take delivery of the first six jets in 2014.\n"
        ),
    )
    events = _events(knowledge)
    assert ("order", "2007-06") in events
    assert not any(t == "delivery" for t, _ in events)  # a plan for a later year, not a happening


def test_participants_are_those_the_parse_makes_the_event_s_own(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2015-03-02\nEnvoy speaks of visit\n\n"
            "Ambassador Ada Okafor said on Monday that President Ben Adeyemi will visit Lagos in May.\n\n"
            "President Ben Adeyemi met Chancellor Ingrid Holm in Berlin on Friday, reporter Tom Reyes wrote.\n"
        ),
    )
    people = {p.id: p.name for p in knowledge.people}
    named = {e.type: sorted(people[p] for p in e.participants) for e in knowledge.events}
    assert named["visit"] == ["Ben Adeyemi"]  # not the ambassador who speaks of it
    assert named["meeting"] == ["Ben Adeyemi", "Ingrid Holm"]  # not the reporter


def test_he_or_she_is_the_person_the_sentence_before_was_about(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2015-03-02\nPresident in Lagos\n\n"
            "President Ben Adeyemi spoke to farmers in Lagos on Monday, a reporter said. "
            "He will visit Berlin in May.\n"
        ),
    )
    people = {p.id: p.name for p in knowledge.people}
    visit = next(e for e in knowledge.events if e.type == "visit")
    assert [people[p] for p in visit.participants] == ["Ben Adeyemi"]


def test_this_year_beside_a_dated_day_dates_the_article(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            "Farmers Visit the Base\n\nThis year on Nov. 14, 2022, members of the farming community toured the base "
            "and its training range.\n\nThe base opened in 1953.\n"
        ),
    )
    article = knowledge.articles[0]
    assert article.date == "2022" and not article.date_given
    assert "'this year' beside a date of 2022" in article.date_evidence


def test_an_announcement_is_dated_by_its_own_clause_and_a_description_is_no_event(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2008-05-24\nMaker Delays New Jet\n\nThe airframer Northwind has announced that development of a "
            "replacement for its narrowbody jet, begun two years ago, has been pushed back several years.\n\n"
            "Orders of the recently announced Northwind 900 fell last month.\n"
        ),
    )
    announcements = [e for e in knowledge.events if e.type == "announcement"]
    assert [e.date for e in announcements] == ["2008-05"]  # the report's month, not "two years ago"


def test_a_named_body_announcing_what_a_clause_says_names_the_event(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2009-07-02\nNorthwind to fund the search\n\n"
            "Northwind Aircraft announced on Wednesday that it will fund the search for the recorders.\n"
        ),
    )
    names = {e.type: e.name for e in knowledge.events}
    assert names["announcement"] == "Northwind Aircraft announcement"


def test_a_time_is_the_day_its_bracket_names(tmp_path):
    from generator.config import Settings
    from generator.export import knowledge_dict
    from generator.pipeline import build_knowledge

    (tmp_path / "a.txt").write_text(
        "Moon to meet Trump\n\nPresident Moon Jae-in will meet next week (Tues. May 22) with President "
        "Donald Trump at the White House, officials said in May 2018. Sales rose in May (the best month).\n",
        encoding="utf-8",
    )
    found = {
        t["text"]: t["value"] for t in knowledge_dict(build_knowledge(Settings.load(tmp_path)))["time_expressions"]
    }
    assert found["next week"] == "2018-05-22"  # read by its bracket, also where the article's date is inferred
    assert found["May 22"] == "2018-05-22"
    assert "the best month" not in found or found["the best month"] is None  # a remark in brackets dates nothing


def test_the_day_the_lead_names_dates_the_report_s_happenings_and_a_quoted_today_does_not(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2021-05-11\nCup weekend ends with two away wins\n\n"
            "Yesterday, the last round of the regional cup was played.\n\n"
            "The home side won the match in Geneva with a late goal.\n\n"
            'Speaking after the final whistle, coach Anna Berg said, "We played well today."\n\n'
            "The visitors won the match in Oslo.\n"
        ),
    )
    places = {p.id: p.name for p in knowledge.places}
    matches = sorted((e.date, places.get(e.place)) for e in knowledge.events if e.type == "match")
    # Both matches were played on the day the lead names, each where it was played; the
    # coach's "today" is the day he spoke, and dates nothing the reporter tells.
    assert matches == [("2021-05-10", "Geneva"), ("2021-05-10", "Oslo")]


def test_what_was_wanted_or_required_is_no_event(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2019-02-14\nDelegation ends tour\n\n"
            "The trade delegation visited Lagos on Tuesday.\n\n"
            "Officials had wanted to visit Abuja as well, and a permit rule required them to fly to Kano.\n"
        ),
    )
    places = {p.id: p.name for p in knowledge.places}
    visits = {places.get(e.place) for e in knowledge.events if e.type == "visit"}
    assert visits == {"Lagos"}


def test_an_event_with_no_name_place_or_party_gets_no_page(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2019-02-14\nPort news\n\n"
            "The harbour board met on Monday to discuss the dredging.\n\n"
            "A festival was held on Tuesday.\n\n"
            "A festival was held in Lagos on Wednesday.\n"
        ),
    )
    festivals = [e for e in knowledge.events if e.type == "festival"]
    # Tuesday's festival is said to have happened and nothing more: a page could say only
    # "Festival, 2019-02-12". Wednesday's has its place.
    assert [(e.date, e.name) for e in festivals] == [("2019-02-13", "Festival in Lagos, 2019-02-13")]


def test_a_time_later_counts_from_the_date_the_text_gave_last(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2021-03-01\nMill history\n\n"
            "The mill opened on May 12, 1964, in Leeds. Just three months later, a fire closed it.\n\n"
            "It was rebuilt in 1970. Two years later it was sold.\n"
        ),
    )
    values = _time_values(knowledge)
    assert values["Just three months later"] == "1964-08"
    assert values["Two years later"] == "1972"


def test_a_date_that_starts_a_stretch_dates_only_what_it_is_of(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2012-02-02\nArmy athletes\n\n"
            "Since the club's founding in 1987, its rowers have raced at the Olympic Games.\n\n"
            "The contractor has been suspended since March 3, 2011, after the audit.\n"
        ),
    )
    events = _events(knowledge)
    assert not any(t == "games" for t, _ in events)  # the founding's year, not the Games'
    assert ("suspension", "2011-03-03") in events  # what the stretch is of begins with it


def test_a_title_and_its_holder_are_one_party_in_an_event_s_name(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2014-05-06\nNorthwind shows its new tablet\n\n"
            "Northwind chief executive and co-founder Ada Okafor unveiled the Sky-9 tablet in Lagos on Monday.\n"
        ),
    )
    (launch,) = [e for e in knowledge.events if e.type == "launch"]
    assert launch.name.startswith("Ada Okafor unveils") and " - " not in launch.name


def test_a_verb_in_a_relative_clause_is_dated_only_by_its_own_words(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2015-08-02\nSchools must pay\n\n"
            "The dispute on which the tribunal has ruled concerned fees that two clinics in Pisa "
            "owed for the years from 1998 to 2003.\n"
        ),
    )
    assert not any(e.type == "ruling" and e.date.startswith("1998") for e in knowledge.events)


def test_a_holder_beside_a_title_split_at_its_hyphen_names_who_acted(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2015-09-22\nStudent visits campus\n\n"
            "Co-founder of Northwind, John Miller, met with the student in Lagos on Saturday.\n"
        ),
    )
    (meeting,) = [e for e in knowledge.events if e.type == "meeting"]
    assert meeting.name.startswith("John Miller meets")


def test_a_day_and_what_it_was_are_two_times_of_one_day(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2019-10-08\nRegatta reaches its end\n\n"
            "Yesterday, day four of the autumn regatta, the last boats came home.\n\n"
            "I watched the race on Saturday night, the opening night, from the harbour wall.\n"
        ),
    )
    values = _time_values(knowledge)
    assert values["Yesterday"] == "2019-10-07"
    assert values["day four"] == "2019-10-07"  # says which day yesterday was
    assert values["the opening night"] == values["Saturday night"] == "2019-10-05"


def test_a_name_with_an_ampersand_is_one_party(tmp_path):
    knowledge = _article(
        tmp_path,
        (
            " date 2010-05-04\nShipyard wins navy order\n\n"
            "Baltic Marine Engineering & Dock Company (BMED) has won a £2 billion contract to build "
            "six frigates for the navy in Gdansk.\n"
        ),
    )
    (contract,) = [e for e in knowledge.events if e.type == "contract"]
    assert " and Baltic" not in contract.name
