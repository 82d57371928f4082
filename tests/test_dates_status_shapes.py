"""Dates, status and format as news stories tell them: the shapes found by probing kg with news text.

Each case is a short story in our own words, and what an analyst would note of its meetings.
"""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.gazetteer import gazetteer_for
from kg.merge import merge
from kg.ruleset import load_rules

from .test_extraction import doc, meeting_of


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _one(rules, text: str, published: str, *people: str):
    return meeting_of(extract(doc(text, published), rules), *people)


def test_a_day_said_at_a_press_conference_is_the_sayings(rules):
    """'..., said X at a press conference on Saturday': Saturday is when it was said, the plan's day is another."""
    text = (
        "President William Ruto will hold talks with President Samia Suluhu Hassan in the coming days, "
        "said Korir Sing'oei at a news conference on Saturday."
    )
    m = _one(rules, text, "2024-05-12", "William Ruto", "Samia Suluhu Hassan")
    assert m.status == "planned" and m.start.is_empty


def test_set_for_a_day_is_a_plan_on_that_day(rules):
    text = "The meeting between President Lula da Silva and President Gustavo Petro is set for Monday (May 27)."
    m = _one(rules, text, "2024-05-25", "Luiz Inácio Lula da Silva", "Gustavo Petro")
    assert (m.status, m.start.lexical()[0]) == ("planned", "2024-05-27")


def test_a_pronoun_clause_dates_itself_not_the_meeting(rules):
    """'since he took office in May' dates the taking of office, not the talks."""
    text = (
        "President Xi Jinping held talks with President Lai Ching Wen in Beijing on Sunday, "
        "the first stop of his first trip abroad since he took office in May."
    )
    facts = extract(doc(text, "2024-09-16"), rules)
    assert [m.start.lexical()[0] for m in facts.meetings] == ["2024-09-15"]


@pytest.mark.parametrize(
    "text, status",
    [
        # the plan and what became of it in one sentence, the second told by 'the meeting'
        ("President Gustavo Petro was going to talk to President Nicolás Maduro, but the meeting was called off.", "cancelled"),
        # ... or in the next sentence
        ("President Gustavo Petro was to meet President Nicolás Maduro on Tuesday. The meeting has been postponed.", "postponed"),
        # a plan with nothing put off stays a plan
        ("President Gustavo Petro was to meet President Nicolás Maduro on Tuesday. The meeting will focus on trade.", "planned"),
    ],
)
def test_a_plan_put_off_by_the_meeting_told_after_it(rules, text, status):
    assert _one(rules, text, "2024-04-14", "Gustavo Petro", "Nicolás Maduro").status == status


def test_a_trip_put_off_puts_off_each_meeting_planned_for_it(rules):
    text = (
        "Foreign Minister Hakan Fidan announced the postponement of his visit to Egypt. "
        "Fidan was scheduled to hold meetings with President Abdel Fattah el-Sisi and Foreign Minister Sameh Shoukry."
    )
    facts = extract(doc(text, "2023-03-01"), rules)
    assert {m.status for m in facts.meetings} == {"postponed"} and len(facts.meetings) == 2


def test_a_call_and_a_meeting_at_a_place_in_one_sentence_stay_two(rules):
    """'followed their phone call on 3 May and their meeting at the Council in Brussels on 5 October': two events, each with its day."""
    text = (
        "Prime Minister Pedro Sánchez met Chancellor Olaf Scholz in Berlin on Monday. "
        "The meeting followed the phone call between Sánchez and Scholz on 3 May and their meeting at the European Council in Brussels on 5 October."
    )
    facts = extract(doc(text, "2023-11-20"), rules)
    got = sorted((m.start.lexical()[0], m.format, m.place) for m in facts.meetings)
    assert got == [("2023-05-03", "phone", None), ("2023-10-05", "in-person", "brussels-be"), ("2023-11-20", "in-person", "berlin-de")]


def test_a_date_that_modifies_the_meeting_noun_stays(rules):
    """"Before today's meeting, ... the May 14 vote": the vote's date is not the meeting's."""
    text = (
        "President Bola Tinubu received President Nana Akufo-Addo at the State House in Abuja on Thursday. "
        "Before today's meeting, Tinubu had not spoken to Nana Akufo-Addo since the May 14 vote."
    )
    m = _one(rules, text, "2024-06-20", "Bola Tinubu", "Nana Akufo-Addo")
    assert m.start.lexical()[0] == "2024-06-20"


def test_a_related_headline_run_into_the_text_tells_no_meeting(rules):
    text = (
        "Prime Minister Narendra Modi held a phone call with President Cyril Ramaphosa on Friday, his office said. "
        "Narendra Modi to Host Cyril Ramaphosa at Hyderabad House on January 26."
    )
    facts = extract(doc(text, "2024-06-08"), rules)
    assert [(m.format, m.status) for m in facts.meetings] == [("phone", "held")]


def test_a_report_dated_on_its_day_dates_its_other_held_meetings_too(rules):
    text = (
        "President Emmanuel Macron met President Paul Kagame in Kigali on 27 May. "
        "Macron also met Foreign Minister Vincent Biruta in the capital Kigali."
    )
    facts = extract(doc(text, "2021-05-27"), rules)
    assert {m.start.lexical()[0] for m in facts.meetings} == {"2021-05-27"}


def test_will_gather_tells_a_plan(rules):
    text = "President Shavkat Mirziyoyev and President Kassym-Jomart Tokayev will gather for talks in Tashkent."
    assert _one(rules, text, "2024-08-09", "Shavkat Mirziyoyev", "Kassym-Jomart Tokayev").status == "planned"


def test_a_plan_told_after_a_meeting_was_over_is_another_meeting(rules):
    """A plan in a June report is not the meeting another report dates in January of that year."""
    held = doc("President Javier Milei met Prime Minister Giorgia Meloni in Rome on 12 January 2024.", "2024-01-13", id="a")
    plan = doc("President Javier Milei will meet Prime Minister Giorgia Meloni in Rome.", "2024-06-10", id="b")
    graph = merge(gazetteer_for(rules), [extract(held, rules), extract(plan, rules)])
    assert sorted(m.status for m in graph.meetings.values()) == ["held", "planned"]


def test_a_plans_day_leaves_the_reported_meeting_on_the_reports_day(rules):
    """'Tomorrow, A is to meet C': that day is the plan's; the meeting told as held is the report's own day's."""
    text = (
        "Kenyan Foreign Minister Musalia Mudavadi met in Nairobi with President Paul Kagame of Rwanda.\n"
        "Tomorrow, Musalia Mudavadi is scheduled to meet with President Yoweri Museveni."
    )
    facts = extract(doc(text, "2024-03-11"), rules)
    held = meeting_of(facts, "Musalia Mudavadi", "Paul Kagame")
    plan = meeting_of(facts, "Musalia Mudavadi", "Yoweri Museveni")
    assert (held.status, held.start.lexical()[0]) == ("held", "2024-03-11")
    assert (plan.status, plan.start.lexical()[0]) == ("planned", "2024-03-12")


@pytest.mark.parametrize(
    "text, published, bounds",
    [
        # told as past, in a Wednesday's story: the weekend just gone
        ("spoke twice over the weekend", "2024-03-13", ("2024-03-09", "2024-03-10")),
        ("met at the weekend", "2024-03-11", ("2024-03-09", "2024-03-10")),
        ("this past weekend", "2024-03-14", ("2024-03-09", "2024-03-10")),
        # a Sunday's story: that weekend
        ("during the weekend", "2024-03-10", ("2024-03-09", "2024-03-10")),
    ],
)
def test_a_weekend_without_last_or_next_is_the_nearest_one(text, published, bounds):
    import datetime as dt

    from kg.dates import find_dates

    (d,) = find_dates(text, dt.date.fromisoformat(published))
    assert tuple(x.isoformat() for x in d.bounds) == bounds
    assert d.first.lexical()[0] == "2024-03"  # either day may be meant: a period, as of a week


def test_a_plan_over_the_weekend_is_the_one_ahead(rules):
    text = "President Emmanuel Macron will meet Chancellor Olaf Scholz over the weekend."
    m = _one(rules, text, "2024-03-13", "Emmanuel Macron", "Olaf Scholz")
    assert m.status == "planned" and m.start.lexical()[0] == "2024-03"


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Shehbaz Sharif had a telephonic conversation with President Recep Tayyip Erdogan on Tuesday.",
        "Prime Minister Shehbaz Sharif on Tuesday spoke telephonically with President Recep Tayyip Erdogan.",
        "Prime Minister Shehbaz Sharif spoke on the phone with President Recep Tayyip Erdogan on Tuesday.",
        "Prime Minister Shehbaz Sharif on Tuesday dialled President Recep Tayyip Erdogan and discussed trade.",
        "Prime Minister Shehbaz Sharif on Tuesday called up President Recep Tayyip Erdogan to discuss trade.",
    ],
)
def test_south_asian_ways_of_telling_a_call(rules, text):
    m = _one(rules, text, "2024-03-13", "Shehbaz Sharif", "Recep Tayyip Erdogan")
    assert (m.format, m.start.lexical()[0], m.place) == ("phone", "2024-03-12", None)


def test_talks_a_later_sentence_calls_a_phone_call_were_one(rules):
    """'held talks with' takes the in-person default; 'during the telephone call' after it tells what they were."""
    text = (
        "Chilean President Gabriel Boric on Monday held talks with Argentine President Javier Milei on lithium. "
        "The two leaders also discussed border crossings during the telephone call."
    )
    facts = extract(doc(text, "2024-03-12"), rules)
    (m,) = facts.meetings
    assert (m.format, m.start.lexical()[0], m.place) == ("phone", "2024-03-11", None)


def test_a_call_after_a_placed_meeting_stays_another_meeting(rules):
    text = (
        "Chilean President Gabriel Boric held talks with Argentine President Javier Milei in Santiago on Monday. "
        "The two leaders had spoken during a telephone call on Friday."
    )
    facts = extract(doc(text, "2024-03-12"), rules)
    assert sorted((m.format, m.start.lexical()[0]) for m in facts.meetings) == [("in-person", "2024-03-11"), ("phone", "2024-03-08")]


def test_a_plan_made_during_the_talks_leaves_the_talks_held(rules):
    text = ("President Rumen Radev proposed to draw up a joint energy plan during the talks with President Klaus Iohannis "
            "in Sofia on Monday.")
    facts = extract(doc(text, "2024-05-14"), rules)
    m = meeting_of(facts, "Rumen Radev", "Klaus Iohannis")
    assert (m.status, m.start.lexical()[0]) == ("held", "2024-05-13")


def test_an_arrival_still_to_come_is_a_plan_dated_ahead(rules):
    text = ("President Gustavo Petro will host President Daniel Noboa in Bogotá.\n"
            "Noboa is expected to arrive in the Colombian capital on Oct. 2 for his first visit to Colombia as head of state.")
    facts = extract(doc(text, "2024-10-01"), rules)
    m = meeting_of(facts, "Gustavo Petro", "Daniel Noboa")
    assert (m.status, m.start.lexical()[0]) == ("planned", "2024-10-02")
