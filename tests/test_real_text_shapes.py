"""Shapes of real readouts and news that kg used to get wrong, one mechanism each.

Each case is written for this file, in the style of another agency or ministry:
the facts an analyst reading it would note down.
"""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ruleset import load_rules

from .test_extraction import assert_meeting, doc, meeting_of, names


@pytest.fixture(scope="module")
def rules():
    return load_rules()


# (id, text, document date, metadata, the facts of the meeting of the named people)
MEETINGS = [
    # -- a date just before a meeting noun dates that meeting, not the verb's
    (
        "dated-noun-is-its-own-meeting",
        "Foreign Minister Penny Wong spoke today with Foreign Minister Wang Yi about the March 3 call between "
        "Prime Minister Anthony Albanese and Premier Li Qiang.",
        "2024-03-20",
        {},
        {"people": ["Anthony Albanese", "Li Qiang"], "start": "2024-03-03", "format": "phone", "reported": False},
    ),
    # -- the headline's meeting is the body's, which names one more participant
    (
        "headline-and-fuller-body",
        "Readout of Foreign Minister Hakan Fidan's Meeting with Iranian Foreign Minister Abbas Araghchi\n\n"
        "Foreign Minister Hakan Fidan and Defence Minister Yaşar Güler met Iranian Foreign Minister Abbas Araghchi in Ankara on 30 November.",
        "2024-12-01",
        {"title": "Readout of Foreign Minister Hakan Fidan's Meeting with Iranian Foreign Minister Abbas Araghchi"},
        {"people": ["Hakan Fidan", "Yaşar Güler", "Abbas Araghchi"], "start": "2024-11-30", "place": "Ankara"},
    ),
    # -- the dateline's city is where the reported meeting was, when the text names no other place
    (
        "dateline-city",
        "NAIROBI, March 4 (Wire) – Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed today "
        "to discuss the Horn of Africa.",
        "2024-03-04",
        {},
        {"people": ["William Ruto", "Abiy Ahmed"], "start": "2024-03-04", "place": "Nairobi"},
    ),
    # -- a dateline does not place a call
    (
        "dateline-not-for-a-call",
        "BRASILIA – President Luiz Inácio Lula da Silva spoke by telephone today with President Gustavo Petro.",
        "2024-05-02",
        {},
        {"people": ["Luiz Inácio Lula da Silva", "Gustavo Petro"], "format": "phone"},
    ),
    # -- 'who was visiting X' places the meeting the subject held there
    (
        "who-was-visiting",
        "On 9 July, Prime Minister Narendra Modi, who was visiting Austria, held talks with Chancellor Karl Nehammer.",
        "2024-07-10",
        {},
        {"people": ["Narendra Modi", "Karl Nehammer"], "start": "2024-07-09", "place": "Austria"},
    ),
    # -- 'Today, 12 June,' is 12 June, whatever the page's date
    (
        "today-and-its-date",
        "Today, 12 June, Foreign Minister Annalena Baerbock met with Foreign Minister Ahmed Attaf in Algiers.",
        "2024-06-13",
        {},
        {"people": ["Annalena Baerbock", "Ahmed Attaf"], "start": "2024-06-12", "place": "Algiers"},
    ),
    # -- 'in the margins of the General Assembly of the United Nations': at its seat
    (
        "margins-of-the-seat",
        "On 24 September, Foreign Minister Mauro Vieira met with Foreign Minister Ronald Lamola in the margins of "
        "the General Assembly of the United Nations.",
        "2024-09-25",
        {},
        {"people": ["Mauro Vieira", "Ronald Lamola"], "start": "2024-09-24", "place": "New York City"},
    ),
    # -- a meeting told as held is never after its document
    (
        "held-never-after-document",
        "The summit between President Joe Biden and President Xi Jinping in Woodside in November produced commitments on fentanyl.",
        "2024-05-02",
        {},
        {"people": ["Joe Biden", "Xi Jinping"], "start": "2023-11", "reported": False},
    ),
    # -- a venue stands in its city
    (
        "venue-in-its-city",
        "President Cyril Ramaphosa met President Xi Jinping at the Great Hall of the People on 2 September 2024.",
        "2024-09-03",
        {},
        {"people": ["Cyril Ramaphosa", "Xi Jinping"], "start": "2024-09-02", "place": "Great Hall of the People"},
    ),
    # -- 'for a trilateral meeting' after 'met with A and B' is that meeting, dated by the sentence's opening;
    # 'the national security advisors discussed' gives it its issues
    (
        "trilateral-for-a-meeting",
        "On 10 March 2025 in Seoul, National Security Adviser Jonathan Powell met with Japanese National Security Secretariat "
        "Secretary General Akiba Takeo and Director Kim Tae-hyo for a trilateral national security advisors meeting. "
        "The national security advisors discussed North Korea's nuclear programme.",
        "2025-03-11",
        {},
        {"people": ["Jonathan Powell", "Takeo Akiba", "Kim Tae-hyo"], "start": "2025-03-10", "place": "Seoul", "issues": ["korean-peninsula"]},
    ),
    # -- 'H.E.Mr.' ends no sentence; a summit named with its number and a bracket is 'held ... with'
    (
        "he-mr-and-numbered-summit",
        "On Friday, July 14, Mr. KISHIDA Fumio, Prime Minister of Japan, held the 30th Japan-European Union (EU) Summit "
        "(in-person format) with H.E.Mr. Charles Michel, President of the European Council, in Brussels.",
        "2023-07-15",
        {},
        {"people": ["Fumio Kishida", "Charles Michel"], "start": "2023-07-14", "place": "Brussels"},
    ),
    # -- a title naming one side over a transcript of the other
    (
        "title-names-the-guest",
        "President of Russia Vladimir Putin: Mr President, friends, welcome to Moscow.\nI am glad to see you again.",
        "2024-05-09",
        {"title": "Meeting with President of Kazakhstan Kassym-Jomart Tokayev"},
        {"people": ["Vladimir Putin", "Kassym-Jomart Tokayev"], "start": "2024-05-09", "format": "in-person"},
    ),
]


@pytest.mark.parametrize("text, published, meta, expect", [c[1:] for c in MEETINGS], ids=[c[0] for c in MEETINGS])
def test_meeting_facts(rules, text, published, meta, expect):
    assert_meeting(extract(doc(text, published, **meta), rules), expect)


def test_dated_noun_keeps_its_people_apart(rules):
    facts = extract(doc(MEETINGS[0][1], MEETINGS[0][2]), rules)
    wong = meeting_of(facts, "Penny Wong", "Wang Yi")
    assert names(facts, wong.participants) == {"Penny Wong", "Wang Yi"}
    assert wong.start.lexical()[0] == "2024-03-20"


def test_venue_lies_in_its_city(rules):
    from kg.gazetteer import gazetteer_for

    gaz = gazetteer_for(rules)
    assert [p.name for p in gaz.enclosing("great-hall-of-the-people")][:3] == ["Great Hall of the People", "Beijing", "China"]


def test_region_of_several_countries_hosts_no_meeting(rules):
    facts = extract(doc("Prime Minister Luxon met Prime Minister Anwar Ibrahim in the Indo-Pacific on Monday to talk about trade. "
                        "Prime Minister Christopher Luxon thanked him.", "2024-08-08"), rules)
    m = meeting_of(facts, "Christopher Luxon", "Anwar Ibrahim")
    assert m.place is None


@pytest.mark.parametrize(
    "text",
    [
        "On 14 May, President Emmanuel Macron held meetings with President William Ruto, President Bola Tinubu and President Paul Kagame.",
        "On 14 May, President Emmanuel Macron met bilaterally with President William Ruto, President Bola Tinubu and President Paul Kagame.",
        "On 14 May, President Emmanuel Macron held a series of bilateral meetings: with President William Ruto, President Bola Tinubu and President Paul Kagame.",
    ],
)
def test_objects_met_one_by_one(rules, text):
    facts = extract(doc(text, "2024-05-15"), rules)
    pairs = sorted(sorted(names(facts, m.participants)) for m in facts.meetings)
    assert pairs == [["Bola Tinubu", "Emmanuel Macron"], ["Emmanuel Macron", "Paul Kagame"], ["Emmanuel Macron", "William Ruto"]]
    assert {m.start.lexical()[0] for m in facts.meetings} == {"2024-05-14"}


def test_objects_met_together_stay_one_meeting(rules):
    facts = extract(doc("On 14 May, President Emmanuel Macron met President William Ruto and President Paul Kagame in Paris.", "2024-05-15"), rules)
    assert len(facts.meetings) == 1 and len(facts.meetings[0].participants) == 3


def test_paragraph_date_and_arrival(rules):
    text = (
        "President Xi Jinping arrived in Lima for the APEC week.\n"
        "On November 15, the leaders gathered for the summit. Xi held a series of bilateral meetings: with President Dina Boluarte "
        "and Prime Minister Anthony Albanese.\n"
    )
    facts = extract(doc(text, "2024-11-18"), rules)
    for other in ("Dina Boluarte", "Anthony Albanese"):
        m = meeting_of(facts, "Xi Jinping", other)
        assert (m.start.lexical()[0], facts.places[m.place].name) == ("2024-11-15", "Lima")


def test_headline_meeting_is_the_body_meeting(rules):
    _id, text, published, meta, _expect = next(c for c in MEETINGS if c[0] == "headline-and-fuller-body")
    facts = extract(doc(text, published, **meta), rules)
    assert len(facts.meetings) == 1


def test_the_title_of_the_publishing_office_is_its_own_holder(rules):
    text = ("The Prime Minister met Prime Minister Christopher Luxon of New Zealand in London on 20 June 2024. "
            "The Prime Minister then spoke about his recent meetings with President Volodymyr Zelenskyy.")
    facts = extract(doc(text, "2024-06-21", publisher="Prime Minister's Office, 10 Downing Street (press release, reposted)"), rules)
    m = meeting_of(facts, "Christopher Luxon")
    assert names(facts, m.participants) == {"Rishi Sunak", "Christopher Luxon"}
    assert not any("Volodymyr Zelenskyy" in names(facts, x.participants) and "Christopher Luxon" in names(facts, x.participants) for x in facts.meetings)
