"""Readouts unlike the seeds (other officials, countries and formats) give the right meetings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kg.build import build_graph
from kg.dates import find_dates, find_durations
from kg.extract import extract
from kg.gazetteer import capital_family_forms, gazetteer_for
from kg.merge import merge, place_ok
from kg.model import Document

DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA / "unseen.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def graph(rules):
    graph, corpus, _ = build_graph(DATA / "unseen", rules)
    assert not corpus.errors
    return graph


def by_names(graph, names):
    keys = {k for k, p in graph.people.items() if p.name in names}
    assert len(keys) == len(names), f"people not found: {names}"
    return keys


@pytest.mark.parametrize("want", EXPECTED["meetings"], ids=lambda w: " - ".join(w["participants"]) + f" {w['start']}")
def test_meeting(graph, want):
    people = by_names(graph, want["participants"])
    found = [m for m in graph.meetings.values() if set(m.participants) == people and (m.start.lexical()[0] or None) == want["start"]]
    assert len(found) == 1, f"{len(found)} meetings; have {[(m.participants, m.start.lexical()) for m in graph.meetings.values()]}"
    m = found[0]
    assert (graph.places[m.place].name if m.place else None) == want["place"]
    assert m.status == want["status"]
    if "format" in want:
        assert m.format == want["format"]
    assert m.reported_in == want.get("reported_in", [])
    assert m.mentioned_in == want.get("mentioned_in", [])
    if "context" in want:
        assert want["context"] in (m.context or "")
    if "duration" in want:
        assert m.duration_iso == want["duration"]
    assert set(want.get("issues", [])) <= set(m.issues)
    assert not set(want.get("not_issues", [])) & set(m.issues)


def test_no_other_meetings(graph):
    assert len(graph.meetings) == len(EXPECTED["meetings"])


@pytest.mark.parametrize("name", EXPECTED["not_participants"])
def test_not_participants(graph, name):
    keys = {k for k, p in graph.people.items() if p.name == name}
    assert not any(keys & set(m.participants) for m in graph.meetings.values())


# The wording classes the c documents exposed, each on its own.


@pytest.mark.parametrize(
    "text, want",
    [
        ("in January.\n\n2. Prime Minister thanked", [("in January", "2024-01")]),  # a numbered paragraph is no day
        ("June\n5 delegates", []),
        ("Jan. 5", [("Jan. 5", "2024-01-05")]),
        ("28 and 29 February", [("28 and 29 February", "2024-02-28")]),
    ],
)
def test_month_day_within_a_line(text, want):
    assert [(d.text, d.first.lexical()[0]) for d in find_dates(text, dt.date(2024, 6, 14))] == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("last met in November 2023 in Woodside", [("in November 2023", "2023-11")]),  # month and year, no comma
        ("in Nov 2023", [("in Nov 2023", "2023-11")]),
        ("May 2024 was busy", [("May 2024", "2024-05")]),
        ("on November 5th", [("November 5th", "2024-11-05")]),  # a day still wins over the month alone
    ],
)
def test_month_and_year_without_a_comma(text, want):
    assert [(d.text, d.first.lexical()[0]) for d in find_dates(text, dt.date(2024, 11, 17))] == want


@pytest.mark.parametrize("text, bound", [("until 2030", True), ("since 2018", True), ("by March", True), ("in 2023", False), ("in March", False)])
def test_period_bounds_are_marked(text, bound):
    (d,) = find_dates(text, dt.date(2024, 6, 14))
    assert d.boundary is bound


@pytest.mark.parametrize(
    "text, iso",
    [("lasted about four and a half hours", "PT4H30M"), ("half an hour", "PT30M"), ("one and a half hours", "PT1H30M"), ("an hour and a half", "PT1H30M"), ("approximately 65 minutes", "PT1H5M")],
)
def test_durations(text, iso):
    assert [d.iso for d in find_durations(text)] == [iso]


def test_capital_family_forms(rules):
    people = {p.name: p for p in rules.people}
    assert capital_family_forms(people["Fumio Kishida"]) == ["KISHIDA Fumio", "Fumio KISHIDA"]
    assert capital_family_forms(people["Yoon Suk Yeol"]) == ["YOON Suk Yeol"]
    assert capital_family_forms(people["S. Jaishankar"]) == []


def _facts(rules, text: str, published: str, doc_id: str = "s", publisher: str | None = None):
    day = dt.date.fromisoformat(published)
    return extract(Document(id=doc_id, text=text, published=day, date=day, publisher=publisher), rules)


def _names(facts, meeting) -> set[str]:
    return {facts.people[k].name for k in meeting.participants}


def test_leaders_are_the_heads_of_government_who_met(rules):
    facts = _facts(rules, "Prime Minister Fumio Kishida met President Joe Biden in Washington on Friday. The two leaders will meet again at the G7 Summit in Hiroshima in May.", "2023-01-14")
    planned = [m for m in facts.meetings if m.status == "planned"]
    assert [_names(facts, m) for m in planned] == [{"Fumio Kishida", "Joe Biden"}]  # not Emperor Naruhito


@pytest.mark.parametrize(
    "text, place",
    [
        ("President Emmanuel Macron received Chancellor Olaf Scholz at the Élysée Palace on Tuesday. The Élysée said the talks were useful.", "elysee-palace"),
        ("Russian-Chinese talks took place in the Kremlin. Vladimir Putin and Xi Jinping signed a joint statement following the talks.", "kremlin"),
    ],
)
def test_a_building_named_like_its_office_places_a_meeting(rules, text, place):
    (meeting,) = _facts(rules, text, "2023-03-21").meetings
    assert meeting.place == place


def test_a_venue_fits_a_city_of_its_country(rules):
    gaz = gazetteer_for(rules)
    a = _facts(rules, "President Joe Biden met Prime Minister Fumio Kishida at the White House on Friday.", "2023-01-14", "a")
    b = _facts(rules, "Japanese Prime Minister Fumio Kishida and U.S. President Joe Biden met in Washington on Friday.", "2023-01-14", "b")
    graph = merge(gaz, [a, b])
    assert [sorted(m.sources) for m in graph.meetings.values()] == [["a", "b"]]
    assert not place_ok(gaz, "white-house", "camp-david")


# The wording classes the d documents exposed, each on its own.


def _meetings(facts) -> list[tuple]:
    return sorted((sorted(_names(facts, m)), m.start.lexical()[0], m.place, m.format, m.status) for m in facts.meetings)


@pytest.mark.parametrize(
    "text, publisher, published, who",
    [
        ("The Secretary-General met today with H.E. Mr. Vladimir Putin, President of the Russian Federation.", "United Nations", "2022-04-26", "António Guterres"),  # not the Deputy Secretary-General
        ('"The Prime Minister spoke to President Biden this evening."', "Prime Minister's Office, 10 Downing Street", "2024-07-06", "Keir Starmer"),  # Sunak left office the day before
        ("The Secretary met today with People's Republic of China President Xi Jinping in Beijing.", "U.S. Department of State", "2023-06-19", "Antony Blinken"),  # the Secretary of State
        ("2. Prime Minister thanked President Macron for the warm hospitality during their meeting today.", "Ministry of External Affairs, Government of India", "2024-06-14", "Narendra Modi"),
    ],
)
def test_the_publishers_own_office_holder(rules, text, publisher, published, who):
    facts = _facts(rules, text, published, publisher=publisher)
    (meeting,) = facts.meetings
    assert who in _names(facts, meeting)


def test_a_countrys_title_alone(rules):
    facts = _facts(rules, "Qatar's prime minister met Egypt's foreign minister in Cairo on the 13th, and they will meet again on the 20th in Doha.", "2024-02-15", publisher="Reuters")
    pair = ["Mohammed bin Abdulrahman Al Thani", "Sameh Shoukry"]
    assert _meetings(facts) == [(pair, "2024-02-13", "cairo-eg", "in-person", "held"), (pair, "2024-02-20", "doha-qa", "in-person", "planned")]


def test_a_former_office_is_nobody_today(rules):
    facts = _facts(rules, "Prime Minister Fumio Kishida met the former Nigerian President in Tokyo today, and former Nigerian President Olusegun Obasanjo.", "2022-11-02")
    assert "Muhammadu Buhari" not in {p.name for p in facts.people.values()}


def test_a_newspaper_has_no_office_holder_of_its_own(rules):
    facts = _facts(rules, "The Prime Minister spoke to President Biden this evening.", "2024-07-06", publisher="Reuters")
    assert not facts.meetings


@pytest.mark.parametrize(
    "text, who",
    [
        ("Prime Minister Narendra Modi met the President of France, H.E. Mr. Emmanuel Macron, today.", "Emmanuel Macron"),
        ("President Lula received the President of the French Republic, Emmanuel Macron, today.", "Emmanuel Macron"),
        ("President Lula received Emmanuel Macron today.\n\nThe Kremlin.\n\nThe President reiterated his support.", "Luiz Inácio Lula da Silva"),  # 'the Kremlin.\n\nThe' is no title cue
    ],
)
def test_the_title_alone_takes_the_country_after_it(rules, text, who):
    facts = _facts(rules, text, "2024-03-28")
    titled = [facts.people[m.target].name for m in facts.mentions if m.kind == "person" and m.surface.lower() == "the president"]
    assert titled and set(titled) == {who}


def test_the_person_whose_meeting_a_readout_tells_is_no_speaker(rules):
    facts = _facts(rules, "Readout of the Secretary-General’s meeting with President Vladimir Putin", "2022-04-26", publisher="United Nations")
    (meeting,) = facts.meetings
    assert _names(facts, meeting) == {"António Guterres", "Vladimir Putin"}


@pytest.mark.parametrize("cue", ["Earlier in the day", "Later in the day"])
def test_the_same_day_opening_a_sentence(rules, cue):
    text = f"Secretary Blinken met Wang Yi in Beijing today. Blinken will meet Xi Jinping next month. {cue}, Foreign Minister Qin Gang and Secretary of State Antony Blinken held the 2+2 talks with Premier Li Qiang at the Great Hall of the People."
    facts = _facts(rules, text, "2023-06-18")
    assert ["Antony Blinken", "Li Qiang", "Qin Gang"] in [m[0] for m in _meetings(facts) if m[1] == "2023-06-18"]


@pytest.mark.parametrize(
    "text, want",
    [
        ("PM call with President Biden: 6 July 2024\n\nThe Prime Minister spoke to President Biden this evening.", "phone"),  # not a meeting in person
        ("President Joe Biden held a call with Prime Minister Fumio Kishida.", "phone"),
        ("President Joe Biden held a video call with Prime Minister Fumio Kishida.", "video"),
        ("Prime Minister Anthony Albanese said US President Joe Biden had called him by phone this morning.", "phone"),
    ],
)
def test_a_call_is_a_call(rules, text, want):
    facts = _facts(rules, text, "2024-07-06", publisher="Prime Minister's Office, 10 Downing Street")
    assert [m.format for m in facts.meetings] == [want]


def test_looking_forward_to_meeting_is_a_plan_of_those_who_spoke(rules):
    text = "President Joe Biden spoke to Prime Minister Keir Starmer by phone today. They looked forward to meeting in person at the NATO Summit in Washington next week."
    facts = _facts(rules, text, "2024-07-06")
    assert _meetings(facts) == [
        (["Joe Biden", "Keir Starmer"], "2024-07", "washington-us", "in-person", "planned"),
        (["Joe Biden", "Keir Starmer"], "2024-07-06", None, "phone", "held"),
    ]
    held = next(m for m in facts.meetings if m.status == "held")
    assert "nato" not in held.issues  # 'at the NATO Summit' is where they will meet, not what they discussed


def test_an_appositive_title_after_an_honorific_and_former(rules):
    text = "The talks in Pretoria today were chaired by H.E. Olusegun Obasanjo, former President of Nigeria, with H.E. Dr. Phumzile Mlambo-Ngcuka, former Deputy President of South Africa."
    facts = _facts(rules, text, "2022-11-02")
    (meeting,) = facts.meetings
    assert _names(facts, meeting) == {"Olusegun Obasanjo", "Phumzile Mlambo-Ngcuka"}


@pytest.mark.parametrize(
    "text, published, want",
    [
        ("from 25 October to 2 November 2022", "2022-11-02", [("2022-10-25", "2022-11-02")]),
        ("30 November to 2 December", "2023-11-01", [("2023-11-30", "2023-12-02")]),
        ("on 5 May and 6 June", "2023-11-01", [("2023-05-05", "2023-05-05"), ("2023-06-06", "2023-06-06")]),  # two days, not a span
        ("in September last year", "2022-04-11", [("2021-09", "2021-09")]),
        ("who met him on the 6th.", "2024-02-15", [("2024-02-06", "2024-02-06")]),
        ("on the 20th anniversary", "2024-02-15", []),
        ("this weekend", "2023-05-17", [("2023-05", "2023-05")]),
    ],
)
def test_dates_of_the_d_documents(text, published, want):
    found = find_dates(text, dt.date.fromisoformat(published))
    assert [(d.first.lexical()[0], d.last.lexical()[0]) for d in found] == want


def test_a_weekday_falls_in_the_week_named_beside_it(rules):
    facts = _facts(rules, "Prime Minister Narendra Modi will travel to Sydney next week, and will hold talks with Prime Minister Anthony Albanese on Wednesday.", "2023-05-17")
    assert [m.start.lexical()[0] for m in facts.meetings] == ["2023-05-24"]  # not the document's own Wednesday


def test_a_video_call_takes_no_place_and_is_not_the_meeting_it_follows(rules):
    text = (
        "Prime Minister Narendra Modi and US President Joe Biden on Monday held a virtual meeting, ahead of the 2+2 dialogue in Washington. "
        "The virtual meeting came months after the two leaders met in person at the White House in September last year."
    )
    assert _meetings(_facts(rules, text, "2022-04-11")) == [
        (["Joe Biden", "Narendra Modi"], "2021-09", "white-house", "in-person", "held"),
        (["Joe Biden", "Narendra Modi"], "2022-04-11", None, "video", "held"),
    ]


def test_a_cancelled_summit_and_the_four_leaders(rules):
    text = (
        "Prime Minister Anthony Albanese says next week's Quad leaders' summit in Sydney has been cancelled, after US President Joe Biden postponed his visit to Australia. "
        "Mr Albanese said Mr Biden had called him by phone this morning, and the two leaders had discussed the AUKUS partnership. "
        "The summit, which was to bring together Mr Albanese, Mr Biden, Japanese Prime Minister Fumio Kishida and Indian Prime Minister Narendra Modi at the Sydney Opera House on May 24, will not go ahead. "
        "Instead, the four leaders will meet on the sidelines of the G7 summit in Hiroshima this weekend. "
        "White House press secretary Karine Jean-Pierre said that the President would return to Washington after the G7."
    )
    facts = _facts(rules, text, "2023-05-17")
    four = ["Anthony Albanese", "Fumio Kishida", "Joe Biden", "Narendra Modi"]
    assert _meetings(facts) == [
        (four, "2023-05", "hiroshima-jp", "in-person", "planned"),
        (four, "2023-05-24", "sydney-opera-house", "in-person", "cancelled"),  # the nearest cue: cancelled, not Biden's postponed visit
        (["Anthony Albanese", "Joe Biden"], "2023-05-17", None, "phone", "held"),
    ]
    call = next(m for m in facts.meetings if m.format == "phone")
    assert call.issues == ["aukus"]  # not the Quad of the summit, nor the G7 the spokeswoman named


def test_some_participants_merge_only_on_a_day_both_give(rules):
    gaz = gazetteer_for(rules)
    a = _facts(rules, "Prime Minister Fumio Kishida and President Joe Biden will meet at the G7 Summit in Hiroshima in May.", "2023-01-14", "a")
    b = _facts(rules, "Prime Minister Anthony Albanese, President Joe Biden, Prime Minister Fumio Kishida and Prime Minister Narendra Modi will meet in Hiroshima this weekend.", "2023-05-17", "b")
    assert len(merge(gaz, [a, b]).meetings) == 2


def test_a_name_never_runs_across_a_blank_line(rules):
    facts = _facts(rules, "Chancellor Scholz receives President Lula\n\nFederal Chancellor Olaf Scholz received President Lula in Berlin on 4 December.", "2023-12-06")
    assert sorted(p.name for p in facts.people.values()) == ["Luiz Inácio Lula da Silva", "Olaf Scholz"]  # not 'Lula Federal Chancellor Olaf'
    (meeting,) = facts.meetings
    assert meeting.start.lexical()[0] == "2023-12-04"



def test_a_held_meeting_is_not_one_begun_after_its_report(rules):
    # an undated call an old report tells is not the call a report years later dates
    from kg.merge import cluster_meetings
    from kg.model import Meeting, PartialDate

    gaz = gazetteer_for(rules)
    old = Meeting(participants=["alar-karis", "alexander-stubb"], format="phone", reported_in=["old"])
    new = Meeting(participants=["alar-karis", "alexander-stubb"], format="phone", reported_in=["new"], start=PartialDate(2024, 6, 4), end=PartialDate(2024, 6, 4))
    days = {"old": dt.date(2019, 3, 11), "new": dt.date(2024, 6, 4)}
    assert len(cluster_meetings(gaz, [old, new], days)) == 2
    assert len(cluster_meetings(gaz, [old, new], {**days, "old": dt.date(2024, 6, 5)})) == 1
