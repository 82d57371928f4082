"""Sentence shapes of news stories and readouts found by probing kg with new text.

Each case is a short document as an agency or a ministry would write it, and
the facts an analyst reading it would note down.
"""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ruleset import load_rules

from .test_extraction import doc, meeting_of


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.mark.parametrize(
    "text, published, people, issues",
    [
        (
            "Earlier this month, Secretary of State Antony Blinken met Saudi Crown Prince Mohammed bin Salman in Jeddah. "
            "They discussed normalization with Israel and the conflict in Sudan.",
            "2023-06-20",
            ("Antony Blinken", "Mohammed bin Salman"),
            {"regional-normalisation", "sudan"},
        ),
        (
            "Prime Minister Anthony Albanese met Prime Minister Fumio Kishida in Tokyo last week. "
            "The leaders discussed critical minerals and the energy transition.",
            "2022-10-28",
            ("Anthony Albanese", "Fumio Kishida"),
            {"critical-minerals", "clean-energy"},
        ),
    ],
)
def test_they_discussed_goes_to_the_meeting_just_told_of(rules, text, published, people, issues):
    """A past meeting is not the one the story reports, but 'they discussed' right after it is about it."""
    facts = extract(doc(text, published), rules)
    meeting = meeting_of(facts, *people)
    assert set(meeting.issues) == issues


def test_they_discussed_stays_with_the_reported_meeting(rules):
    """With a meeting reported, 'they' after a mention of an older one still means the reported one."""
    text = (
        "Foreign Minister Penny Wong met Chinese Foreign Minister Wang Yi in Canberra on Wednesday. "
        "The two had last met in Beijing in December 2022. They discussed consular cases and trade barriers."
    )
    facts = extract(doc(text, "2024-03-21"), rules)
    reported = [m for m in facts.meetings if m.reported_in]
    assert len(reported) == 1 and reported[0].place == "canberra-au"
    assert "consular-affairs" in reported[0].issues
    older = [m for m in facts.meetings if not m.reported_in]
    assert all(not m.issues for m in older)


def test_they_discussed_after_two_meetings_is_not_guessed(rules):
    """'They' after a sentence telling of two meetings is left alone: which one is not said."""
    text = (
        "Antony Blinken had met Wang Yi in Beijing in June 2023, and Lloyd Austin had met Dong Jun in Singapore in May 2024. "
        "They discussed Taiwan."
    )
    facts = extract(doc(text, "2024-09-20"), rules)
    assert len(facts.meetings) == 2 and all(not m.issues for m in facts.meetings)


@pytest.mark.parametrize(
    "sentence",
    [
        "Sikorski said Poland would continue to support Ukraine's accession to the European Union.",
        "The ministers discussed Moldova's EU accession talks.",
        "They discussed the enlargement of the European Union and the Growth Plan for the Western Balkans.",
    ],
)
def test_eu_enlargement_is_an_issue(rules, sentence):
    text = "Polish Foreign Minister Radosław Sikorski met Ukrainian Foreign Minister Andrii Sybiha in Kyiv on Thursday. " + sentence
    facts = extract(doc(text, "2024-09-13"), rules)
    assert "eu-enlargement" in meeting_of(facts, "Radosław Sikorski", "Andrii Sybiha").issues


def test_black_sea_initiative_is_the_grain_deal(rules):
    text = (
        "Vladimir Putin had a telephone conversation with President of the Republic of Türkiye Recep Tayyip Erdogan. "
        "The two leaders discussed the resumption of the Black Sea Initiative."
    )
    facts = extract(doc(text, "2023-08-02"), rules)
    assert "black-sea-grain" in meeting_of(facts, "Vladimir Putin", "Recep Tayyip Erdogan").issues


@pytest.mark.parametrize(
    "text, published, people, dates, place, status",
    [
        (
            "At the invitation of Minister of Foreign Affairs Wang Yi, Minister of Foreign Affairs of the Republic of "
            "Indonesia Retno Marsudi will pay an official visit to China from April 18 to 20.",
            "2023-04-17",
            ("Wang Yi", "Retno Marsudi"),
            ("2023-04-18", "2023-04-20"),
            "cn",
            "planned",
        ),
        (
            "At the invitation of Prime Minister Narendra Modi, President of Sri Lanka Anura Kumara Dissanayake will pay "
            "a State Visit to India from 15-17 December 2024.",
            "2024-12-13",
            ("Narendra Modi", "Anura Kumara Dissanayake"),
            ("2024-12-15", "2024-12-17"),
            "in",
            "planned",
        ),
        (
            "At the invitation of President Xi Jinping, President Luiz Inacio Lula da Silva paid a state visit to China "
            "from April 12 to 15.",
            "2023-04-16",
            ("Xi Jinping", "Luiz Inácio Lula da Silva"),
            ("2023-04-12", "2023-04-15"),
            "cn",
            "held",
        ),
    ],
)
def test_a_visit_at_the_invitation_of_the_host(rules, text, published, people, dates, place, status):
    """Ministries announce visits 'at the invitation of' the host: the host and the visitor meet there."""
    facts = extract(doc(text, published), rules)
    meeting = meeting_of(facts, *people)
    assert (meeting.start.lexical()[0], meeting.end.lexical()[0]) == dates
    assert (meeting.place, meeting.status) == (place, status)


def test_an_invitation_with_no_one_to_meet_makes_no_meeting(rules):
    text = "At the invitation of the Government of Japan, Foreign Minister Penny Wong will visit Tokyo next week."
    assert extract(doc(text, "2024-07-01"), rules).meetings == []


@pytest.mark.parametrize(
    "text, place",
    [
        ("Secretary Antony Blinken met Foreign Minister Wang Yi on Monday during his visit to China.", "cn"),
        ("Secretary Antony Blinken met Foreign Minister Wang Yi on Monday. The meeting came ahead of President Biden's visit to India.", None),
        ("President Emmanuel Macron spoke with President Xi Jinping by phone on Monday ahead of his visit to China.", None),
    ],
)
def test_a_visit_to_a_country_places_only_its_own_meeting(rules, text, place):
    facts = extract(doc(text, "2023-06-20"), rules)
    assert [m.place for m in facts.meetings] == [place]


def test_a_planned_meeting_takes_the_postponement_of_its_visit(rules):
    """The visit put off and the meeting it was for are one event: postponed, on the day it was due."""
    text = (
        "French President Emmanuel Macron postponed his planned state visit to Germany, which had been due to start on "
        "Sunday, because of the riots in France. Macron had been scheduled to meet President Frank-Walter Steinmeier in Berlin."
    )
    facts = extract(doc(text, "2023-07-01"), rules)
    meeting = meeting_of(facts, "Emmanuel Macron", "Frank-Walter Steinmeier")
    assert (meeting.status, meeting.place, meeting.start.lexical()[0]) == ("postponed", "berlin-de", "2023-07-02")
    assert [f[2] for f in meeting.facts if f[1] == "status"] == ["postponed"]


def test_a_trip_put_off_elsewhere_leaves_a_plan_alone(rules):
    text = (
        "Secretary of State Antony Blinken postponed his trip to China. "
        "Blinken will meet Foreign Minister Wang Yi in Munich on February 18."
    )
    facts = extract(doc(text, "2023-02-04"), rules)
    meeting = meeting_of(facts, "Antony Blinken", "Wang Yi")
    assert (meeting.status, meeting.place) == ("planned", "munich-de")


@pytest.mark.parametrize(
    "text, published, people, place",
    [
        (
            "Kenyan President William Ruto hosted Ethiopian Prime Minister Abiy Ahmed at State House, Nairobi, on Tuesday.",
            "2024-02-28",
            ("William Ruto", "Abiy Ahmed"),
            "nairobi-ke",
        ),
        (
            "Prime Minister Narendra Modi held talks with Prime Minister Anthony Albanese at Hyderabad House, New Delhi on 10 March 2023.",
            "2023-03-10",
            ("Narendra Modi", "Anthony Albanese"),
            "hyderabad-house",  # a venue kg knows stays the place
        ),
        (
            "President Luong Cuong received Prime Minister Christopher Luxon at the Presidential Palace, Hanoi, on 26 February.",
            "2025-02-26",
            ("Luong Cuong", "Christopher Luxon"),
            "hanoi-vn",
        ),
    ],
)
def test_a_venue_then_its_city(rules, text, published, people, place):
    facts = extract(doc(text, published), rules)
    assert meeting_of(facts, *people).place == place


def test_talks_as_the_subject_carry_the_topics(rules):
    text = (
        "Foreign Minister Ahmed Attaf received on Sunday in Algiers his Italian counterpart Antonio Tajani. "
        "Talks focused on energy cooperation and irregular migration."
    )
    facts = extract(doc(text, "2024-01-21"), rules)
    meeting = meeting_of(facts, "Ahmed Attaf", "Antonio Tajani")
    assert {"energy-security", "migration"} <= set(meeting.issues)


def test_the_day_a_thing_was_said_does_not_date_the_meeting(rules):
    text = (
        "Foreign Minister Wang Yi will visit Moscow next week for talks with Russian Foreign Minister Sergei Lavrov, "
        "the Chinese foreign ministry said on Friday."
    )
    facts = extract(doc(text, "2024-04-05"), rules)
    meeting = meeting_of(facts, "Wang Yi", "Sergey Lavrov")
    # next week is 8 to 14 April: the month, never the Friday the ministry spoke (nor the one after)
    assert (meeting.start.lexical()[0], meeting.place, meeting.status) == ("2024-04", "moscow-ru", "planned")


def test_said_on_a_day_leaves_a_meeting_undated(rules):
    text = "Secretary Antony Blinken said on Tuesday he had met Foreign Minister Wang Yi in Beijing."
    facts = extract(doc(text, "2024-04-05"), rules)
    assert meeting_of(facts, "Antony Blinken", "Wang Yi").start.is_empty


def test_they_discussed_goes_to_the_stop_just_told_of(rules):
    """A trip's readout: 'they' after the second stop's meeting are its sides, not the first stop's."""
    text = (
        "Secretary of State Antony J. Blinken traveled to Cairo on Tuesday, where he met with Egyptian President "
        "Abdel Fattah el-Sisi. The Secretary and President el-Sisi discussed efforts to secure a ceasefire in Gaza.\n\n"
        "On Wednesday, the Secretary traveled to Tel Aviv, where he met Prime Minister Benjamin Netanyahu. "
        "They discussed humanitarian assistance to Gaza."
    )
    facts = extract(doc(text, "2024-03-22"), rules)
    cairo = meeting_of(facts, "Antony Blinken", "Abdel Fattah el-Sisi")
    tel_aviv = meeting_of(facts, "Antony Blinken", "Benjamin Netanyahu")
    assert "humanitarian" in tel_aviv.issues and "humanitarian" not in cairo.issues


def test_trade_named_alone_is_a_topic(rules):
    text = (
        "External Affairs Minister S. Jaishankar met Foreign Minister Vivian Balakrishnan in New Delhi on 12 August 2024. "
        "The two Ministers discussed trade, semiconductors and the situation in Myanmar."
    )
    facts = extract(doc(text, "2024-08-12"), rules)
    assert {"economy-trade", "semiconductors", "myanmar"} <= set(meeting_of(facts, "S. Jaishankar", "Vivian Balakrishnan").issues)


@pytest.mark.parametrize(
    "text, place",
    [
        ("President Vladimir Putin met President Recep Tayyip Erdogan in the Black Sea resort of Sochi on Monday.", "sochi-ru"),
        ("Foreign Minister Wang Yi held talks with Foreign Minister Penny Wong on Monday during his visit to Europe.", None),
    ],
)
def test_seas_and_continents_hold_no_meeting(rules, text, place):
    facts = extract(doc(text, "2023-09-05"), rules)
    assert [m.place for m in facts.meetings] == [place]


def test_a_date_opening_the_sentence_dates_each_meeting_in_it(rules):
    """'Last year' dates the meeting of its 'where' clause too: it is not today's meeting of the same two."""
    text = (
        "French President Emmanuel Macron hosted Chinese President Xi Jinping at the Elysee Palace on Monday. "
        "Last year, Macron made a state visit to China, where he met Xi Jinping in Beijing."
    )
    facts = extract(doc(text, "2024-05-06"), rules)
    places = {m.place: m.start.lexical()[0] for m in facts.meetings}
    assert places.get("elysee-palace") == "2024-05-06"
    assert places.get("beijing-cn") == "2023"


def test_one_verb_two_meetings_each_with_its_place_and_day(rules):
    text = (
        "Chinese President Xi Jinping will then travel to Serbia and Hungary. He is expected to meet Serbian President "
        "Aleksandar Vucic in Belgrade on Wednesday and Hungarian Prime Minister Viktor Orban in Budapest on Thursday."
    )
    facts = extract(doc(text, "2024-05-06"), rules)
    belgrade = meeting_of(facts, "Xi Jinping", "Aleksandar Vucic")
    budapest = meeting_of(facts, "Xi Jinping", "Viktor Orbán")
    assert (belgrade.place, belgrade.start.lexical()[0], belgrade.status) == ("belgrade-rs", "2024-05-08", "planned")
    assert (budapest.place, budapest.start.lexical()[0], budapest.status) == ("budapest-hu", "2024-05-09", "planned")
    assert not any({"aleksandar-vucic", "viktor-orban"} <= set(m.participants) for m in facts.meetings)


def test_one_verb_two_people_one_place_is_one_meeting(rules):
    text = "President Emmanuel Macron met Chancellor Olaf Scholz and Prime Minister Mario Draghi in Kyiv on Thursday."
    facts = extract(doc(text, "2022-06-17"), rules)
    assert [sorted(facts.people[k].name for k in m.participants) for m in facts.meetings] == [["Emmanuel Macron", "Mario Draghi", "Olaf Scholz"]]


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Badr Abdelatty met with his Ghanaian counterpart Samuel Okudzeto Ablakwa in Cairo on Sunday.",
        "Foreign Minister Badr Abdelatty met with his Ghanaian counterpart, Samuel Okudzeto Ablakwa, in Cairo on Sunday.",
    ],
)
def test_a_counterpart_named_after_the_word_is_that_official(rules, text):
    """kg does not know Ablakwa: the text names him, of Ghana, in the office of the one he meets."""
    facts = extract(doc(text, "2025-03-10"), rules)
    meeting = meeting_of(facts, "Badr Abdelatty", "Samuel Okudzeto Ablakwa")
    assert meeting.place == "cairo-eg"
    person = facts.people["samuel-okudzeto-ablakwa"]
    assert (person.country, [(r.title, r.kind) for r in person.roles]) == ("GH", [("Foreign Minister", "foreign-minister")])


def test_a_title_of_a_country_then_an_honourable_name(rules):
    """DFAT's style: 'the Foreign Minister of Papua New Guinea, the Hon Justin Tkatchenko MP'; 'Ministers discussed'."""
    text = (
        "The Minister for Foreign Affairs, Senator the Hon Penny Wong, today met with the Foreign Minister of Papua New "
        "Guinea, the Hon Justin Tkatchenko MP, in Port Moresby. Ministers discussed security cooperation and climate change."
    )
    facts = extract(doc(text, "2023-06-15"), rules)
    meeting = meeting_of(facts, "Penny Wong", "Justin Tkatchenko")
    assert meeting.place == "port-moresby-pg"
    assert {"security-defence", "climate-change"} <= set(meeting.issues)
    assert facts.people["justin-tkatchenko"].country == "PG"
