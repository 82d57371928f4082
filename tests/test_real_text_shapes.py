"""Shapes of real readouts and news that kg used to get wrong, one mechanism each.

Each case is written for this file, in the style of another agency or ministry:
the facts an analyst reading it would note down.
"""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.gazetteer import gazetteer_for
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
    # -- 'traveled to <city>' places the traveller's later meetings the text places nowhere
    (
        "traveled-to-places-later-meetings",
        "Foreign Minister Ahmed Attaf traveled to Rome, Italy, for two days of consultations.\n"
        "Minister Attaf also met with Prime Minister Giorgia Meloni, whom he congratulated on the summit in Apulia.",
        "2024-07-02",
        {},
        {"people": ["Ahmed Attaf", "Giorgia Meloni"], "place": "Rome"},
    ),
    # -- 'attended the ... consultations (ABBR) with' is a meeting; 'the Rt. Hon' ends no sentence
    (
        "attended-consultations-with",
        "Foreign Secretary the Rt. Hon David Lammy and Defence Secretary the Rt. Hon John Healey MP attended the 2025 "
        "UK-Japan foreign and defence ministers' meeting (2+2) with Foreign Minister Takeshi Iwaya and Defence Minister Gen Nakatani in Tokyo on 3 March 2025.",
        "2025-03-04",
        {},
        {"people": ["David Lammy", "John Healey", "Takeshi Iwaya", "Gen Nakatani"], "start": "2025-03-03", "place": "Tokyo"},
    ),
    # -- a working dinner is a meeting
    (
        "working-dinner",
        "On 12 June, Prime Minister Ishiba Shigeru held a working dinner with the Rt Hon Keir Starmer MP, Prime Minister of the United Kingdom, in Tokyo.",
        "2025-06-13",
        {},
        {"people": ["Shigeru Ishiba", "Keir Starmer"], "start": "2025-06-12", "place": "Tokyo"},
    ),
    # -- a transcript's speaker (named in capitals) is its 'I'; its title's city is where the day's meetings were
    (
        "transcript-first-person",
        "Doorstop – Ottawa\nMARK CARNEY, PRIME MINISTER: Good morning. It has been a long day here in Ottawa. "
        "This morning I had a meeting with President Alexander Stubb, and we talked about the Arctic.\n"
        "JOURNALIST: Prime Minister, what did you talk about?",
        None,
        {"title": "Doorstop – Ottawa", "publisher": "Prime Minister of Canada"},
        {"people": ["Mark Carney", "Alexander Stubb"], "place": "Ottawa"},
    ),
    # -- news names a serving leader by surname alone
    (
        "leader-by-surname",
        "Macron hosted Kenyan President William Ruto at the Elysee Palace on Tuesday.",
        "2024-05-22",
        {},
        {"people": ["Emmanuel Macron", "William Ruto"], "start": "2024-05-21", "place": "Élysée Palace"},
    ),
    # -- 'called on' a leader is a meeting; 'paid a courtesy call on' too
    (
        "called-on",
        "External Affairs Minister S. Jaishankar called on President Prabowo Subianto in Jakarta on Friday.",
        "2024-11-09",
        {},
        {"people": ["S. Jaishankar", "Prabowo Subianto"], "start": "2024-11-08", "place": "Jakarta"},
    ),
    (
        "courtesy-call",
        "Prime Minister Narendra Modi paid a courtesy call on King Charles III in London on 24 July 2025.",
        "2025-07-25",
        {},
        {"people": ["Narendra Modi", "King Charles III"], "start": "2025-07-24", "place": "London"},
    ),
    # -- 'conferred with'; a royal style before a known name is that person; the source closing the sentence did not attend
    (
        "conferred-with-prince",
        "RIYADH, Oct 9 – Foreign Minister Ayman Safadi conferred with Prince Faisal bin Farhan in Riyadh on Wednesday, "
        "Jordan's foreign ministry spokesman Sufian Qudah said.",
        "2024-10-10",
        {},
        {"people": ["Ayman Safadi", "Faisal bin Farhan Al Saud"], "start": "2024-10-09", "place": "Riyadh"},
    ),
    # -- 'in a call' tells the format
    (
        "in-a-call",
        "Deputy Secretary of State Kurt Campbell spoke with Japanese Vice Foreign Minister Masataka Okano in a call on March 12.",
        "2024-03-13",
        {},
        {"people": ["Kurt Campbell", "Masataka Okano"], "start": "2024-03-12", "format": "phone"},
    ),
    # -- 'will travel to X ... and meet Y': a plan, dated by the trip, not by the dateline naming its agency
    (
        "travel-and-meet",
        "BERLIN, April 5 (Wire) - German Chancellor Olaf Scholz will travel to China from April 14 to 16 and meet "
        "President Xi Jinping in Beijing, a government spokesperson said on Friday.",
        "2024-04-05",
        {},
        {"people": ["Olaf Scholz", "Xi Jinping"], "place": "Beijing", "start": "2024-04-14", "status": "planned"},
    ),
    # -- 'On Tuesday he held talks': a pronoun after an opening time phrase is the last sentence's subject
    (
        "on-tuesday-he",
        "Russian President Vladimir Putin arrived in Mongolia on Monday evening. On Tuesday he held talks with "
        "President Ukhnaagiin Khurelsukh in Ulaanbaatar.",
        "2024-09-04",
        {},
        {"people": ["Vladimir Putin", "Ukhnaagiin Khürelsükh"], "start": "2024-09-03"},
    ),
    # -- 'Speaking after talks with his Egyptian counterpart ..., Turkish Foreign Minister Hakan Fidan said ...'
    (
        "speaking-after-talks",
        "Speaking after talks with his Egyptian counterpart in Cairo on Monday, Turkish Foreign Minister Hakan Fidan said "
        "the ceasefire must hold.",
        "2024-11-26",
        {},
        {"people": ["Hakan Fidan", "Badr Abdelatty"], "place": "Cairo", "start": "2024-11-25"},
    ),
    # -- 'at his Mar-a-Lago residence'; 'will hold a summit with' is a plan
    (
        "at-his-residence",
        "Hungarian Prime Minister Viktor Orban met Donald Trump at his Mar-a-Lago residence on Thursday.",
        "2024-07-13",
        {},
        {"people": ["Viktor Orbán", "Donald Trump"], "place": "Mar-a-Lago", "start": "2024-07-11"},
    ),
    (
        "will-hold-a-summit",
        "Japanese Prime Minister Fumio Kishida will hold a summit with U.S. President Joe Biden at the White House on Wednesday.",
        "2024-04-08",
        {},
        {"people": ["Fumio Kishida", "Joe Biden"], "place": "White House", "start": "2024-04-10", "status": "planned"},
    ),
    # -- a dateline's day is the 'today' of a wire copy published the next morning
    (
        "dateline-today",
        "ABU DHABI, 22nd May, 2024 (WAM) -- President Sheikh Mohamed bin Zayed Al Nahyan received Kenyan President "
        "William Ruto at Qasr Al Watan today.",
        "2024-05-23",
        {},
        {"people": ["Mohamed bin Zayed Al Nahyan", "William Ruto"], "start": "2024-05-22", "place": "Qasr Al Watan"},
    ),
    # -- a title naming one side over a transcript of the other
    (
        "title-names-the-guest",
        "President of Russia Vladimir Putin: Mr President, friends, welcome to Moscow.\nI am glad to see you again.",
        "2024-05-09",
        {"title": "Meeting with President of Kazakhstan Kassym-Jomart Tokayev"},
        {"people": ["Vladimir Putin", "Kassym-Jomart Tokayev"], "start": "2024-05-09", "format": "in-person"},
    ),
    # -- topic recall: a title alone opening a sentence stands for a side ('The Deputy Secretary stressed ...')
    (
        "title-alone-opens-a-topic-sentence",
        "Deputy Secretary of State Kurt M. Campbell hosted Philippine Foreign Secretary Enrique Manalo in Washington on April 3, 2024. "
        "The Deputy Secretary stressed concerns over coercive actions around Scarborough Shoal.",
        "2024-04-04",
        {},
        {"people": ["Kurt Campbell", "Enrique Manalo"], "issues": ["scarborough-shoal"]},
    ),
    # -- 'the two leaders' call' naming both callers is their call, not the visit this text reports
    (
        "two-leaders-call-named-by-its-sides",
        "Prime Minister Anthony Albanese received Indonesian Foreign Minister Sugiono in Canberra yesterday. "
        "Mr Albanese thanked President Prabowo Subianto for the visit, which followed the two leaders' telephone call last week focused on fisheries.",
        "2025-02-20",
        {},
        {"people": ["Anthony Albanese", "Prabowo Subianto"], "issues": ["iuu-fishing"]},
    ),
    # -- a text telling of one meeting alone: 'The call also addressed ...' is that call's
    (
        "the-call-of-a-text-with-one-meeting",
        "The telephone conversation between Chancellor Olaf Scholz and President Xi Jinping took place on Tuesday 16 April 2024.\n\n"
        "The call also addressed the situation in the Middle East.",
        "2024-04-17",
        {},
        {"people": ["Olaf Scholz", "Xi Jinping"], "issues": ["middle-east"]},
    ),
    # -- 'laid out' a position is what a side said on the call
    (
        "laid-out-a-position",
        "Foreign Minister Sergey Lavrov had a telephone conversation with Turkish Foreign Minister Hakan Fidan on 3 May 2023. "
        "Sergey Lavrov laid out Russia's position on the Black Sea Grain Initiative.",
        "2023-05-03",
        {},
        {"people": ["Sergey Lavrov", "Hakan Fidan"], "issues": ["black-sea-grain"]},
    ),
    # -- usual words of an issue: immigration crime, a joint commission, a seat on the Security Council, LNG cargoes
    (
        "generic-issue-words",
        "Home Secretary Yvette Cooper met Italian Prime Minister Giorgia Meloni in Rome on 16 September 2024. "
        "They discussed organised immigration crime, their joint commission on energy, Italy's work on the UN Security Council and LNG shipments.",
        "2024-09-16",
        {},
        {"people": ["Yvette Cooper", "Giorgia Meloni"], "issues": ["migration", "dialogue-mechanisms", "united-nations", "energy-security"]},
    ),
    # -- 'They reflected on ...' and 'shared views on ...' tell what was discussed
    (
        "reflected-on-and-shared-views",
        "Foreign Minister Penny Wong met Singapore's Foreign Minister Vivian Balakrishnan in Singapore on 4 March 2025. "
        "They reflected on the digital partnership between the two countries. They shared views on the challenges posed by China.",
        "2025-03-04",
        {},
        {"people": ["Penny Wong", "Vivian Balakrishnan"], "issues": ["digital-economy", "china-challenges"]},
    ),
    # -- what the sides signed after their talks, and what one updated the other on, is what the meeting was about
    (
        "signed-after-talks-and-updated-on",
        "President William Ruto met President Samia Suluhu Hassan in Arusha on Friday. President Ruto updated his host on "
        "the fighting in eastern Congo. After their talks, officials of the two countries signed memorandums on fisheries.",
        "2024-06-08",
        {},
        {"people": ["William Ruto", "Samia Suluhu Hassan"], "issues": ["eastern-drc", "iuu-fishing"]},
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


@pytest.mark.parametrize("venue, city", [("great-hall-of-the-people", "Beijing"), ("union-buildings", "Pretoria"), ("casa-rosada", "Buenos Aires"), ("akorda", "Astana")])
def test_venue_lies_in_its_city(rules, venue, city):
    from kg.gazetteer import gazetteer_for

    gaz = gazetteer_for(rules)
    assert [p.name for p in gaz.enclosing(venue)][1] == city


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


def test_a_journalists_i_is_nobody(rules):
    text = ("PENNY WONG, FOREIGN MINISTER: Thank you all for coming.\n"
            "JOURNALIST: I met with Foreign Minister Wang Yi last year, and I asked him about it.")
    facts = extract(doc(text, "2024-05-01", title="Press conference, Canberra"), rules)
    assert not any("Penny Wong" in names(facts, m.participants) for m in facts.meetings)


def test_undated_page_of_an_office_means_its_present_holder_only_when_named(rules):
    text = ("On October 24, President Vladimir Putin held talks with President of Laos Thongloun Sisoulith. "
            "Additionally, the President continued a series of bilateral consultations: with President of Bolivia Luis Arce "
            "and UN Secretary-General Antonio Guterres.")
    facts = extract(doc(text, None, publisher="President of Russia"), rules)
    for other in ("Luis Arce", "António Guterres"):
        assert names(facts, meeting_of(facts, other).participants) == {"Vladimir Putin", other}
    # a State Department page of 2022 naming Secretary Blinken is not about his successor
    facts = extract(doc("Secretary Antony J. Blinken met with Foreign Minister Annalena Baerbock in Berlin. The Secretary thanked her.",
                        None, publisher="U.S. Department of State"), rules)
    assert "Marco Rubio" not in names(facts, [p for m in facts.meetings for p in m.participants])


def test_a_known_surname_in_a_title_case_headline_makes_no_new_person(rules):
    text = "Secretary Blinken Travels to Mexico\n\nSecretary of State Antony J. Blinken will travel to Mexico City."
    facts = extract(doc(text, "2023-12-26", title="Secretary Blinken Travels to Mexico"), rules)
    assert "blinken-travels" not in facts.people


def test_a_chain_of_titles_is_no_name(rules):
    text = ("With the Hon Richard Marles MP, Deputy Prime Minister, Minister for Defence\n"
            "Foreign Minister Penny Wong met Foreign Secretary David Lammy in London on 16 December 2024.")
    facts = extract(doc(text, "2024-12-17"), rules)
    assert not any(k.startswith("deputy-prime") for k in facts.people)


def test_undated_title_fits_only_the_last_office(rules):
    text = ("ANTHONY ALBANESE, PRIME MINISTER: I met my friend Tony Blair this morning. "
            "Then I had bilaterals with the Prime Minister of the United Kingdom.")
    facts = extract(doc(text, None, title="Doorstop – London", publisher="Prime Minister of Australia"), rules)
    blair = [m for m in facts.meetings if "Tony Blair" in names(facts, m.participants)]
    assert [names(facts, m.participants) for m in blair] == [{"Anthony Albanese", "Tony Blair"}]


def test_countries_meeting_at_an_office_are_its_holders(rules):
    text = ("On March 3, Germany, France, and the United Kingdom held a meeting of their foreign ministers in Paris.\n"
            "Foreign Minister Annalena Baerbock, Foreign Minister Stéphane Séjourné and Foreign Secretary David Cameron "
            "also discussed Ukraine over dinner.")
    facts = extract(doc(text, "2024-03-04"), rules)
    m = meeting_of(facts, "Annalena Baerbock", "Stéphane Séjourné", "David Cameron")
    assert (m.start.lexical()[0], facts.places[m.place].name) == ("2024-03-03", "Paris")
    # a country left without a known office holder leaves the meeting to its named people
    facts = extract(doc("On March 3, Germany and Ruritania held a meeting of their foreign ministers in Paris.", "2024-03-04"), rules)
    assert not facts.meetings


def test_people_met_including_are_met_and_the_plan_is_planned(rules):
    text = ("Rt Hon Winston Peters\nMinister of Foreign Affairs\n\nDeputy Prime Minister Winston Peters will travel to Canberra next week.\n"
            "Mr Peters will hold meetings with members of the Australian Government including Foreign Minister Penny Wong.")
    facts = extract(doc(text, "2025-03-10"), rules)
    m = meeting_of(facts, "Winston Peters", "Penny Wong")
    assert m.status == "planned"
    assert not any(k.startswith("deputy-prime") for k in facts.people)
    # 'discussed issues including' is still what was discussed
    facts = extract(doc("Minister Peters met Foreign Minister Penny Wong and discussed issues including Prime Minister Christopher Luxon's visit.", "2025-03-10"), rules)
    assert names(facts, meeting_of(facts, "Penny Wong").participants) == {"Winston Peters", "Penny Wong"}


def test_not_a_meeting_called_on_or_by_surname_of_an_administration(rules):
    facts = extract(doc("President Emmanuel Macron called on Prime Minister Benjamin Netanyahu to stop the offensive in Rafah.", "2024-05-22"), rules)
    assert not facts.meetings
    facts = extract(doc("Foreign Minister Penny Wong met members of the Trump administration in Washington on Monday.", "2025-02-11"), rules)
    assert not any("Donald Trump" in names(facts, m.participants) for m in facts.meetings)


def test_the_source_closing_a_news_sentence_did_not_attend(rules):
    _id, text, published, meta, _e = next(c for c in MEETINGS if c[0] == "conferred-with-prince")
    facts = extract(doc(text, published, **meta), rules)
    assert names(facts, meeting_of(facts, "Ayman Safadi").participants) == {"Ayman Safadi", "Faisal bin Farhan Al Saud"}


def test_one_sentence_two_stops_of_a_trip(rules):
    text = ("Putin, who arrived in Abu Dhabi on Wednesday, met UAE President Sheikh Mohamed bin Zayed Al Nahyan "
            "before flying to Riyadh for talks with Crown Prince Mohammed bin Salman.")
    facts = extract(doc(text, "2023-12-07"), rules)
    uae = meeting_of(facts, "Vladimir Putin", "Mohamed bin Zayed Al Nahyan")
    saudi = meeting_of(facts, "Vladimir Putin", "Mohammed bin Salman")
    assert (facts.places[uae.place].name, facts.places[saudi.place].name) == ("Abu Dhabi", "Riyadh")
    assert uae is not saudi


def test_an_event_told_as_a_time_mark_is_another_event(rules):
    facts = extract(doc("French President Emmanuel Macron spoke with Ukrainian President Volodymyr Zelensky on Wednesday "
                        "after Trump's call with Putin.", "2025-02-13"), rules)
    assert names(facts, meeting_of(facts, "Emmanuel Macron").participants) == {"Emmanuel Macron", "Volodymyr Zelenskyy"}
    facts = extract(doc("Ukrainian President Volodymyr Zelenskiy met King Charles at Windsor Castle on Sunday, "
                        "a day after his clash with Trump.", "2025-03-03"), rules)
    assert names(facts, meeting_of(facts, "King Charles III").participants) == {"Volodymyr Zelenskyy", "King Charles III"}


def test_arrival_places_the_plan_that_follows(rules):
    facts = extract(doc("Indian Prime Minister Narendra Modi arrived in Warsaw on Wednesday. "
                        "He will hold talks with Polish Prime Minister Donald Tusk on Thursday.", "2024-08-21"), rules)
    assert_meeting(facts, {"people": ["Narendra Modi", "Donald Tusk"], "place": "Warsaw", "start": "2024-08-22", "status": "planned"})


def test_discussed_something_with_someone_is_a_meeting(rules):
    facts = extract(doc("Saudi Foreign Minister Prince Faisal bin Farhan discussed the situation in Gaza with U.S. Secretary of State "
                        "Antony Blinken in Riyadh on Monday, the Saudi Press Agency said.", "2024-04-30"), rules)
    assert_meeting(facts, {"people": ["Faisal bin Farhan Al Saud", "Antony Blinken"], "place": "Riyadh", "start": "2024-04-29"})
    # whom they discussed did not attend, nor did the press they discussed it with
    facts = extract(doc("President Joe Biden discussed the upcoming visit of Chinese President Xi Jinping with reporters.", "2023-11-01"), rules)
    assert not facts.meetings


def test_elect_and_republic_of(rules):
    facts = extract(doc("Indonesia's President-elect Prabowo Subianto met Chinese President Xi Jinping in Beijing on Monday.", "2024-04-02"), rules)
    assert names(facts, meeting_of(facts, "Xi Jinping").participants) == {"Prabowo Subianto", "Xi Jinping"}
    facts = extract(doc("The Prime Minister of Japan met with the President of the Republic of Korea in Seoul on September 6.", "2024-09-30"), rules)
    assert names(facts, meeting_of(facts, "Fumio Kishida").participants) == {"Fumio Kishida", "Yoon Suk Yeol"}


def test_a_day_after_meeting_someone_else(rules):
    facts = extract(doc("Secretary of State Antony Blinken met Palestinian Authority President Mahmoud Abbas in Ramallah on Wednesday, "
                        "a day after meeting Israeli Prime Minister Benjamin Netanyahu in Tel Aviv.", "2024-01-12"), rules)
    assert_meeting(facts, {"people": ["Antony Blinken", "Mahmoud Abbas"], "place": "Ramallah", "start": "2024-01-10"})
    assert_meeting(facts, {"people": ["Antony Blinken", "Benjamin Netanyahu"], "place": "Tel Aviv", "start": "2024-01-09"})
    assert not any({"mahmoud-abbas", "benjamin-netanyahu"} <= set(m.participants) for m in facts.meetings)


def test_a_photo_caption_tells_no_meeting(rules):
    text = ("President Emmanuel Macron and Chancellor Olaf Scholz who hold a meeting with Mr. TUSK at the summit\n"
            "(Photo: Government Information Service)\n\n"
            "On 15 March, Prime Minister Donald Tusk held a meeting with President Emmanuel Macron and Chancellor Olaf Scholz in Berlin.")
    facts = extract(doc(text, "2024-03-16"), rules)
    assert [sorted(names(facts, m.participants)) for m in facts.meetings] == [["Donald Tusk", "Emmanuel Macron", "Olaf Scholz"]]


def test_announced_then_held_took_place_as_scheduled(rules, tmp_path):
    from rdflib import Graph as RDFGraph, Namespace

    from kg.build import build

    src = tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text("President Joe Biden will host Prime Minister Keir Starmer at the White House on Friday, 13 September.\n")
    (src / "a.meta.json").write_text('{"published": "2024-09-10"}')
    (src / "b.txt").write_text("President Joe Biden met Prime Minister Keir Starmer at the White House on 13 September.\n")
    (src / "b.meta.json").write_text('{"published": "2024-09-14"}')
    build(src, tmp_path / "out", rules=rules, html=False)
    g = RDFGraph().parse(tmp_path / "out" / "graph.ttl")
    schema, kgo = Namespace("https://schema.org/"), Namespace("https://w3id.org/diplomacy-kg/ontology#")
    meetings = list(g.subjects(schema.eventStatus, schema.EventScheduled))
    assert len(meetings) == 1 and (meetings[0], kgo.status, kgo.Held) in g


def test_a_date_of_whom_they_met_is_not_the_meeting(rules):
    text = ("On 12 May 2022, President Charles Michel will meet Prime Minister Fumio Kishida for the EU-Japan Summit in Tokyo. "
            "It is their first such summit with Prime Minister Kishida, who took office in October 2021.\n"
            "At the end of the meeting, a joint press point by President Michel and Prime Minister Kishida is expected.")
    facts = extract(doc(text, "2022-05-10"), rules)
    assert [(m.start.lexical()[0], m.status) for m in facts.meetings] == [("2022-05-12", "planned")]


def test_unlikely_to_meet_is_no_meeting(rules):
    facts = extract(doc("NEW DELHI - Prime Minister Narendra Modi is unlikely to meet Pakistan's Shehbaz Sharif at the SCO summit "
                        "in Astana next month, officials said.", "2024-06-03"), rules)
    assert not facts.meetings


def test_an_unknown_official_after_a_title_and_its_portfolio(rules):
    text = ("Foreign Minister Penny Wong met in Canberra on 3 May with Vietnamese Deputy Minister for Foreign Affairs "
            "and International Cooperation Nguyen Minh Hang and French Director General for Political and Security Affairs Frederic Mondoloni.")
    facts = extract(doc(text, "2024-05-04"), rules)
    m = meeting_of(facts, "Penny Wong")
    assert {"Nguyen Minh Hang", "Frederic Mondoloni"} <= names(facts, m.participants)
    assert facts.people["frederic-mondoloni"].roles[0].title == "Director General"
    assert [(r.title, r.kind) for r in facts.people["nguyen-minh-hang"].roles] == [("Deputy Minister for Foreign Affairs", "deputy-foreign-minister")]


def test_a_relative_clause_about_a_person_is_no_part_of_the_meeting(rules):
    facts = extract(doc("Foreign Minister Penny Wong met Foreign Minister Wang Yi, who succeeded Qin Gang last year, in Beijing on Thursday.",
                        "2024-07-05"), rules)
    assert_meeting(facts, {"people": ["Penny Wong", "Wang Yi"], "place": "Beijing", "start": "2024-07-04"})
    assert names(facts, meeting_of(facts, "Penny Wong").participants) == {"Penny Wong", "Wang Yi"}
    facts = extract(doc("Prime Minister Keir Starmer spoke with President Volodymyr Zelenskyy, who thanked him for the support "
                        "of his predecessor Rishi Sunak.", "2024-07-05"), rules)
    assert names(facts, meeting_of(facts, "Keir Starmer").participants) == {"Keir Starmer", "Volodymyr Zelenskyy"}


def test_a_day_after_talks_with(rules):
    facts = extract(doc("Ukrainian President Volodymyr Zelensky met with Donald Trump in New York on Friday, a day after talks "
                        "with Vice President Kamala Harris.", "2024-09-28"), rules)
    assert_meeting(facts, {"people": ["Volodymyr Zelenskyy", "Kamala Harris"], "start": "2024-09-26"})


@pytest.mark.parametrize("phrase, who", [("the Saudi crown prince", "Mohammed bin Salman"), ("the Emir of Qatar", "Tamim bin Hamad Al Thani"),
                                         ("Jordan's King", "King Abdullah II"), ("the Egyptian president", "Abdel Fattah el-Sisi")])
def test_a_role_in_place_of_a_name(rules, phrase, who):
    facts = extract(doc(f"Secretary Antony Blinken met {phrase} on Monday.", "2024-05-02"), rules)
    assert names(facts, meeting_of(facts, "Antony Blinken").participants) == {"Antony Blinken", who}


@pytest.mark.parametrize("text", [
    "Prime Minister Anwar Ibrahim held a tete-a-tete with President Joko Widodo in Jakarta on Monday.",
    "Prime Minister Anwar Ibrahim and President Joko Widodo held a joint press conference in Jakarta on Monday.",
])
def test_a_tete_a_tete_and_a_joint_press_conference_are_meetings(rules, text):
    facts = extract(doc(text, "2024-05-02"), rules)
    assert_meeting(facts, {"people": ["Anwar Ibrahim", "Joko Widodo"], "place": "Jakarta", "start": "2024-04-29"})


def test_numeric_dates_only_where_the_order_is_certain(rules):
    from kg.dates import find_dates

    assert [d.first.lexical()[0] for d in find_dates("29/05/2024, 5/29/2024 and 29.05.2024", None)] == ["2024-05-29"] * 3
    assert find_dates("05/06/2024", None) == []  # 5 June or May 6: unknown
    # a numeric date under a headline dates the page: 'on Tuesday' counts from it
    facts = extract(doc("Sisi receives Ruto\n29/05/2024\nEgyptian President Abdel Fattah al-Sisi received Kenyan President "
                        "William Ruto in Cairo on Tuesday.", None), rules)
    assert_meeting(facts, {"people": ["Abdel Fattah el-Sisi", "William Ruto"], "start": "2024-05-28", "place": "Cairo"})


def test_a_date_inside_a_paragraphs_first_sentence_dates_only_that_sentence(rules):
    text = ("Turkish President Tayyip Erdogan met Russian President Vladimir Putin in Sochi on Monday.\n\n"
            "The two leaders last met in person in Astana in October 2022. Erdogan had also spoken by phone with "
            "Ukrainian President Volodymyr Zelenskiy ahead of the visit, his office said.")
    facts = extract(doc(text, "2023-09-04"), rules)
    call = meeting_of(facts, "Volodymyr Zelenskyy")
    assert (call.format, call.start.lexical()[0]) == ("phone", "")


def test_who_reports_their_meeting_and_who_stayed_away(rules):
    text = ("ASUNCION, Dec 8 (Wire) - Brazilian President Luiz Inácio Lula da Silva and Argentine President Javier Milei held "
            "their first meeting on Friday on the sidelines of the Mercosur summit in Asuncion.\n"
            "Milei had skipped the bloc's previous summit in Rio de Janeiro in July.\n"
            "Paraguayan President Santiago Peña, who hosted the summit, said he was pleased the two had met.")
    facts = extract(doc(text, "2024-12-08"), rules)
    assert [sorted(names(facts, m.participants)) for m in facts.meetings] == [["Javier Milei", "Luiz Inácio Lula da Silva"]]


def test_receiving_credentials_is_no_meeting(rules):
    facts = extract(doc("President Cyril Ramaphosa received the credentials of Ambassador Reuben Brigety in Pretoria on Monday.", "2024-05-02"), rules)
    assert not facts.meetings
    facts = extract(doc("President Andrés Manuel López Obrador received yesterday in Mexico City Secretary of State Antony Blinken.", "2023-12-28"), rules)
    assert_meeting(facts, {"people": ["Andrés Manuel López Obrador", "Antony Blinken"], "start": "2023-12-27", "place": "Mexico City"})


def test_attended_by_and_a_pronouns_counterpart(rules):
    text = ("Saudi Crown Prince Mohammed bin Salman received Iranian Foreign Minister Abbas Araghchi in Riyadh on Wednesday.\n"
            "The meeting was attended by Saudi Foreign Minister Prince Faisal bin Farhan.\n"
            "Araghchi arrived in Riyadh on Tuesday evening. He met his Saudi counterpart earlier in the day.")
    facts = extract(doc(text, "2024-10-09"), rules)
    assert names(facts, meeting_of(facts, "Mohammed bin Salman").participants) == {"Mohammed bin Salman", "Abbas Araghchi", "Faisal bin Farhan Al Saud"}
    assert any(names(facts, m.participants) == {"Abbas Araghchi", "Faisal bin Farhan Al Saud"} for m in facts.meetings)


@pytest.mark.parametrize("text", [
    "Foreign Minister Penny Wong had an audience with President Joko Widodo in Jakarta on Monday.",
    "Foreign Minister Penny Wong called upon President Joko Widodo in Jakarta on Monday.",
])
def test_an_audience_and_calling_upon(rules, text):
    assert_meeting(extract(doc(text, "2024-05-02"), rules), {"people": ["Penny Wong", "Joko Widodo"], "place": "Jakarta", "start": "2024-04-29"})


def test_calling_upon_others_to_act_is_no_meeting(rules):
    assert not extract(doc("Foreign Minister Penny Wong called upon President Joko Widodo to release the detainees.", "2024-05-02"), rules).meetings


def test_co_chairs_sat_together(rules):
    facts = extract(doc("Chinese President Xi Jinping and South African President Cyril Ramaphosa co-chaired the China-Africa "
                        "Leaders' Roundtable Dialogue in Johannesburg on Thursday.", "2023-08-24"), rules)
    assert_meeting(facts, {"people": ["Xi Jinping", "Cyril Ramaphosa"], "place": "Johannesburg", "start": "2023-08-24"})


def test_a_ceasefire_and_peace_talks_are_topics_in_any_war(rules):
    facts = extract(doc("Secretary of State Marco Rubio met Russian Foreign Minister Sergey Lavrov in Riyadh on Tuesday. "
                        "The two sides discussed a ceasefire and the start of peace talks.", "2025-02-19"), rules)
    m = meeting_of(facts, "Marco Rubio", "Sergey Lavrov")
    assert {"ceasefire", "peace-negotiations"} <= set(m.issues)


def test_a_portfolio_never_runs_over_a_name(rules):
    text = ("Secretary of State Antony J. Blinken will join Secretary of Homeland Security Alejandro Mayorkas and White House "
            "Homeland Security Advisor Liz Sherwood-Randall at a meeting with President Andrés Manuel López Obrador in Mexico City.")
    facts = extract(doc(text, "2023-12-22"), rules)
    assert names(facts, meeting_of(facts, "Antony Blinken").participants) == {
        "Antony Blinken", "Alejandro Mayorkas", "Liz Sherwood-Randall", "Andrés Manuel López Obrador"}


def test_what_opens_the_sentence_is_every_separate_meetings(rules):
    facts = extract(doc("UNITED NATIONS — On the sidelines of the General Assembly, Secretary-General António Guterres met separately "
                        "with Iranian President Masoud Pezeshkian and Ukrainian President Volodymyr Zelenskyy on Tuesday.", "2024-09-25"), rules)
    for other in ("Masoud Pezeshkian", "Volodymyr Zelenskyy"):
        assert_meeting(facts, {"people": ["António Guterres", other], "place": "New York City", "start": "2024-09-24"})


def test_a_joint_press_conference_transcript_is_its_speakers_meeting(rules):
    text = ("Press conference, Wellington\nWith the Hon Judith Collins KC, Minister of Defence\n"
            "Penny Wong, Foreign Minister: It is good to be here in Wellington with Winston Peters and Judith Collins.\n"
            "Winston Peters, Foreign Minister: Thank you, Penny.\n")
    facts = extract(doc(text, None, title="Press conference, Wellington", publisher="Australian Minister for Foreign Affairs (foreignminister.gov.au)"), rules)
    m = meeting_of(facts, "Penny Wong", "Winston Peters")
    assert "Judith Collins" in names(facts, m.participants) and facts.places[m.place].name == "Wellington"
    # one side only: a minister's press conference with a colleague is no meeting
    text = ("Doorstop, Canberra\nPenny Wong, Foreign Minister: Richard Marles and I will take questions.\n")
    facts = extract(doc(text, None, title="Doorstop, Canberra", publisher="Australian Minister for Foreign Affairs"), rules)
    assert not facts.meetings


def test_the_subject_after_a_phrase_naming_another_meetings_sides_was_not_there(rules):
    text = ("Secretary of State Antony J. Blinken met today with Foreign Minister Penny Wong in Vientiane. Building on the "
            "President's May 20 meeting with President Yoon Suk Yeol and Prime Minister Fumio Kishida, Secretary Blinken and "
            "Foreign Minister Wong discussed the Indo-Pacific.")
    facts = extract(doc(text, "2024-07-27"), rules)
    assert not any("antony-blinken" in m.participants and "yoon-suk-yeol" in m.participants for m in facts.meetings)
    # 'Following the talks, Putin and Xi signed ...': they were at the talks the phrase names
    facts = extract(doc("Russian-Chinese talks took place in the Kremlin on March 21. Following the talks, Vladimir Putin and "
                        "Xi Jinping signed a joint statement.", "2023-03-21"), rules)
    assert any({"vladimir-putin", "xi-jinping"} <= set(m.participants) for m in facts.meetings)


def test_one_sides_trip_is_not_the_summit_named_before_it(rules):
    text = ("On June 27, Prime Minister Fumio Kishida met with President Charles Michel in Elmau. President Michel thanked Prime "
            "Minister Kishida.\nIn response, President Michel expressed his appreciation for the work done by Prime Minister Kishida to "
            "prepare the Japan-EU Summit, while also saying that he was moved by his visit to Hiroshima.")
    facts = extract(doc(text, "2022-06-27"), rules)
    assert not any(m.place and facts.places[m.place].name == "Hiroshima" for m in facts.meetings)


def test_a_place_on_its_own_line_over_remarks_places_the_headlines_meeting(rules):
    title = "Remarks by Prime Minister Luxon and President Prabowo Before Bilateral Meeting"
    text = (title + "\n\nMerdeka Palace\nJakarta, Indonesia\n\nPRESIDENT PRABOWO: Welcome, Prime Minister.\n"
            "PRIME MINISTER LUXON: Thank you. We last met in Lima.\n")
    facts = extract(doc(text, None, title=title), rules)
    m = meeting_of(facts, "Christopher Luxon", "Prabowo Subianto")
    assert facts.places[m.place].name == "Merdeka Palace"


def test_a_known_persons_first_names_before_an_unusual_spelling_of_the_surname(rules):
    facts = extract(doc("European Council President Charles Michel met Egyptian President Abdel Fattah el-Sissi in Cairo on Sunday.", "2024-03-19"), rules)
    assert names(facts, meeting_of(facts, "Charles Michel").participants) == {"Charles Michel", "Abdel Fattah el-Sisi"}


def test_plural_counterparts_and_the_readouts_own_meeting(rules):
    text = ("Readout from Foreign Secretary David Lammy's trilateral meeting with his Polish and German counterparts in Warsaw.\n"
            "Foreign Secretary David Lammy met his Polish and German counterparts in Warsaw on 5 September 2024.")
    facts = extract(doc(text, "2024-09-05"), rules)
    assert [sorted(names(facts, m.participants)) for m in facts.meetings] == [["Annalena Baerbock", "David Lammy", "Radosław Sikorski"]]


def test_the_foreign_ministers_of_four_countries(rules):
    facts = extract(doc("The foreign ministers of Australia, India, Japan and the United States met in Tokyo on Monday.", "2024-07-30"), rules)
    assert names(facts, meeting_of(facts, "Penny Wong").participants) == {"Penny Wong", "S. Jaishankar", "Yoko Kamikawa", "Antony Blinken"}


def test_a_meeting_denied_by_its_predicate_or_told_as_a_condition(rules):
    assert not extract(doc("A meeting between Putin and Zelensky is not on the agenda, Peskov said.", "2024-05-02"), rules).meetings
    facts = extract(doc("Foreign Minister Penny Wong said she would raise the case when she meets Wang Yi.", "2024-05-02"), rules)
    assert meeting_of(facts, "Penny Wong", "Wang Yi").status == "planned"


def test_an_undated_report_of_some_of_them_at_the_same_place_is_the_dated_meeting(rules):
    from kg.gazetteer import gazetteer_for
    from kg.merge import merge

    dated = extract(doc("Foreign Secretary David Lammy and Defence Secretary John Healey hosted Foreign Minister Penny Wong and "
                        "Defence Minister Richard Marles at Lancaster House on 16 December 2024.", "2024-12-16", id="a"), rules)
    undated = extract(doc("Press conference, London\nWith the Hon Richard Marles MP, Deputy Prime Minister\n"
                          "David Lammy, UK Foreign Secretary: It is good to have Penny Wong and Richard with us here in London today.",
                          None, id="b", title="Press conference, London", publisher="Australian Minister for Foreign Affairs"), rules)
    graph = merge(gazetteer_for(rules), [dated, undated])
    both = [m for m in graph.meetings.values() if {"david-lammy", "penny-wong"} <= set(m.participants)]
    assert len(both) == 1 and set(both[0].sources) == {"a", "b"}
    # in the same country only, they stay apart
    undated_country = extract(doc("David Lammy met Penny Wong in the United Kingdom.", None, id="c"), rules)
    graph = merge(gazetteer_for(rules), [dated, undated_country])
    assert len([m for m in graph.meetings.values() if {"david-lammy", "penny-wong"} <= set(m.participants)]) == 2


def test_seen_in_several_places_is_one_meeting_each(rules):
    text = ("PENNY WONG, FOREIGN MINISTER: I've seen Foreign Minister Winston Peters many times this year, in Tokyo, in Vientiane, "
            "in New York and in Samoa.\nJOURNALIST: Thank you.")
    facts = extract(doc(text, "2024-12-01", title="Doorstop, Canberra"), rules)
    places = sorted(facts.places[m.place].name for m in facts.meetings if {"penny-wong", "winston-peters"} <= set(m.participants))
    assert places == ["New York City", "Samoa", "Tokyo", "Vientiane"]
    # one place, or several places of one meeting ('in Tokyo, Japan'), is one meeting
    facts = extract(doc("Foreign Minister Penny Wong met Foreign Minister Winston Peters in Tokyo, Japan on Monday.", "2024-12-03"), rules)
    assert len(facts.meetings) == 1


def test_an_undated_transcripts_office_is_its_present_holder_named_in_it(rules):
    text = ("CHRISTOPHER LUXON, PRIME MINISTER: It has been a busy day here in Ottawa. I've had bilaterals with the Prime Minister "
            "of Canada and the President of Finland. It was good to discuss trade with Prime Minister Carney.\nJOURNALIST: Thanks.")
    facts = extract(doc(text, None, title="Doorstop – Ottawa", publisher="Prime Minister of New Zealand"), rules)
    assert any(names(facts, m.participants) == {"Christopher Luxon", "Mark Carney"} for m in facts.meetings)
    # the President of Finland, named nowhere, stays unknown
    assert not any("alexander-stubb" in m.participants for m in facts.meetings)


def test_more_of_a_gathering_is_no_meeting_of_theirs(rules):
    facts = extract(doc("The summit was also attended by UN Secretary-General Antonio Guterres and IMF chief Kristalina Georgieva.", "2024-11-18"), rules)
    assert not facts.meetings
    facts = extract(doc("President Lula opened the G20 summit in Rio on Monday with President Joe Biden.", "2024-11-18"), rules)
    assert facts.places[meeting_of(facts, "Joe Biden").place].name == "Rio de Janeiro"


# -- topics: which sentences tell what a meeting discussed

TOPICS = [
    # a title the text gave someone ('Deputy Foreign Minister X') refers back to them alone
    (
        "title-given-refers-back",
        "Deputy Foreign Minister Andrey Rudenko held talks with Chinese Vice Foreign Minister Sun Weidong in Moscow on Monday. "
        "The Deputy Foreign Minister stressed the importance of stability on the Korean Peninsula.",
        "2024-06-12",
        ("Andrei Rudenko", "Sun Weidong"),
        {"korean-peninsula"},
    ),
    # Japanese and EU readouts tell the discussion with 'concurred', 'shared the view', 'explained'
    (
        "concurred-and-explained",
        "Prime Minister Kishida Fumio held a summit meeting with President Ferdinand Marcos Jr. in Tokyo on February 9. "
        "The two leaders concurred that the situation in the South China Sea is a matter of grave concern. "
        "Regarding Fukushima, Prime Minister Kishida explained the safety of the ALPS treated water.",
        "2023-02-10",
        ("Fumio Kishida", "Ferdinand Marcos Jr."),
        {"south-china-sea", "fukushima-water"},
    ),
    # 'will meet X to talk trade': what they meet to talk about
    (
        "meet-to-talk",
        "President Lula will meet Chancellor Olaf Scholz in Berlin next week to talk trade and climate action.",
        "2023-11-27",
        ("Luiz Inácio Lula da Silva", "Olaf Scholz"),
        {"climate-change"},
    ),
    # a page reposted months later, or undated, still tells what its one meeting discussed
    (
        "reposted-page-lead-meeting",
        "The telephone conversation between President Charles Michel and President Recep Tayyip Erdogan took place on 8 March 2022. "
        "President Michel raised the situation in Moldova. The leaders also addressed the Cyprus question.",
        "2022-06-30",
        ("Charles Michel", "Recep Tayyip Erdogan"),
        {"moldova-transnistria", "cyprus"},
    ),
    # what 'was discussed', naming nobody, the meeting's sides discussed
    (
        "passive-discussed",
        "Foreign Minister Sergei Lavrov met his Belarusian counterpart Maxim Ryzhenkov in Minsk on Thursday. "
        "The situation around the Union State was also discussed.",
        "2024-10-18",
        ("Sergey Lavrov", "Maxim Ryzhenkov"),
        {"belarus"},
    ),
]


@pytest.mark.parametrize("case", TOPICS, ids=[c[0] for c in TOPICS])
def test_topics_of_real_text_shapes(rules, case):
    _id, text, published, people, issues = case
    m = meeting_of(extract(doc(text, published), rules), *people)
    assert issues <= set(m.issues), m.issues


def test_trade_negotiations_are_no_peace_talks(rules):
    facts = extract(doc("Prime Minister Rishi Sunak met Prime Minister Anthony Albanese in London on Monday. "
                        "The two leaders welcomed the conclusion of the negotiations on the UK's accession to the CPTPP.", "2023-07-18"), rules)
    m = meeting_of(facts, "Rishi Sunak", "Anthony Albanese")
    assert "trade-tariffs" in m.issues and "peace-negotiations" not in m.issues, m.issues


def test_a_surname_two_officials_share_is_the_publishers_compatriot(rules):
    # 'Senator Reynolds' on an Australian department's page is Australia's Linda Reynolds, not Britain's Jonathan Reynolds
    text = "Senator Reynolds held talks with Indonesian Defence Minister Prabowo Subianto in Jakarta on Tuesday."
    facts = extract(doc(text, "2020-06-17", publisher="Australian Department of Defence"), rules)
    assert_meeting(facts, {"people": ["Linda Reynolds", "Prabowo Subianto"], "place": "Jakarta", "start": "2020-06-16"})


# -- news of Africa, Asia, the Gulf and Latin America: names, titles and role descriptions

NEWS_PEOPLE = [
    # honorifics of the Gulf and Malaysia are no part of a name
    ("gulf-and-malay-honorifics",
     "Prime Minister Datuk Seri Anwar Ibrahim received Saudi Foreign Minister HH Prince Faisal bin Farhan in Putrajaya on Monday.",
     "2024-08-13", {"people": ["Anwar Ibrahim", "Faisal bin Farhan Al Saud"], "place": "Putrajaya", "start": "2024-08-12"}),
    # a portfolio listed with commas ('of Foreign Affairs, African Cooperation and ...') names nobody
    ("portfolio-list-with-commas",
     "The Minister of Foreign Affairs, Regional Integration and Burundians Abroad, Albert Shingiro, met Rwandan Foreign Minister "
     "Olivier Nduhungirehe in Kigali on Friday.",
     "2025-03-08", {"people": ["Albert Shingiro", "Olivier Nduhungirehe"], "place": "Kigali", "start": "2025-03-07"}),
    # 'Vice President of the Republic of Zambia Mutale Nalumango': the name right after the country
    ("name-after-of-the-republic",
     "President Kassym-Jomart Tokayev received a delegation led by Vice President of the Republic of Zambia Mutale Nalumango in Astana on Tuesday.",
     "2024-04-10", {"people": ["Kassym-Jomart Tokayev", "Mutale Nalumango"], "place": "Astana", "start": "2024-04-09"}),
    # a new name with a known surname inside ('Hernández') is the new person the title after it describes
    ("new-name-holding-a-known-surname",
     "President Gustavo Petro received Ana María Hernández Rojas, Secretary General of the Andean Community, in Bogotá on Monday.",
     "2024-02-13", {"people": ["Gustavo Petro", "Ana María Hernández Rojas"], "place": "Bogotá", "start": "2024-02-12"}),
    # 'the Kenyan head of state', 'the German leader': the country's office holder, the one the text names if two
    ("head-of-state-described",
     "Former President Barack Obama welcomed the Kenyan head of state at Blair House on Thursday.",
     "2024-05-24", {"people": ["Barack Obama", "William Ruto"], "start": "2024-05-23"}),
    ("leader-described",
     "German Chancellor Olaf Scholz landed in Washington on Thursday. President Joe Biden received the German leader "
     "at the White House on Friday.",
     "2024-02-10", {"people": ["Joe Biden", "Olaf Scholz"], "place": "White House", "start": "2024-02-09"}),
    # Vietnamese place names with their diacritics
    # a counterpart resolved through the gazetteer's dated roles: Nepal's foreign minister in 2022, Uruguay's in 2021
    ("nepali-counterpart-on-its-date",
     "External Affairs Minister S. Jaishankar held talks with his Nepali counterpart in New Delhi on Wednesday, covering "
     "hydropower trade and cross-border railway links.",
     "2022-02-17", {"people": ["S. Jaishankar", "Narayan Khadka"], "place": "New Delhi", "start": "2022-02-16"}),
    ("uruguayan-counterpart-on-its-date",
     "Foreign Minister Carlos França received his Uruguayan counterpart in Brasília on Monday to discuss the Mercosur trade agenda.",
     "2021-09-14", {"people": ["Carlos França", "Francisco Bustillo"], "place": "Brasília", "start": "2021-09-13"}),
    ("vietnamese-diacritics",
     "Prime Minister Phạm Minh Chính received Chinese Foreign Minister Wang Yi in Hà Nội on Thursday.",
     "2023-09-15", {"people": ["Pham Minh Chinh", "Wang Yi"], "place": "Hanoi", "start": "2023-09-14"}),
]


def test_honorifics_make_no_people(rules):
    facts = extract(doc(NEWS_PEOPLE[0][1], NEWS_PEOPLE[0][2]), rules)
    assert names(facts, facts.people) == {"Anwar Ibrahim", "Faisal bin Farhan Al Saud"}


def test_a_meeting_denied_as_never_held_is_none(rules):
    for text in ("There was no conversation between President Vladimir Putin and President Emmanuel Macron, Kremlin spokesman Dmitry Peskov said.",
                 "Foreign Minister Sergey Lavrov has nothing to talk about with Foreign Minister Radoslaw Sikorski, his deputy said."):
        assert not extract(doc(text, "2024-11-12"), rules).meetings, text


# -- agency copy: datelines, lists, pronouns, plans

AGENCY = [
    # an Indian or Pakistani paper's dateline in capitals with a colon; a place in parentheses does not cut the verb from its 'with'
    ("colon-dateline-and-parentheses",
     "ISLAMABAD: Prime Minister Shehbaz Sharif held a series of meetings on the sidelines of the Shanghai Cooperation Organisation (SCO) "
     "meeting here on Tuesday, including with Chinese Premier Li Qiang and Uzbek President Shavkat Mirziyoyev.",
     "2024-10-16", ("Shehbaz Sharif", "Li Qiang"), {"place": "Islamabad", "start": "2024-10-15"}),
    # a French agency's dateline glued to the text by a hyphen
    ("hyphen-dateline",
     "BERLIN-Chancellor Olaf Scholz hosted Polish Prime Minister Donald Tusk for talks on Tuesday.",
     "2024-07-03", ("Olaf Scholz", "Donald Tusk"), {"place": "Berlin", "start": "2024-07-02"}),
    # 'discussed with his Egyptian counterpart, Sameh Shoukry, ways of ...': the one after 'with' is met, commas or not
    ("discussed-with-appositive",
     "Foreign Minister Ayman Safadi also discussed with his Egyptian counterpart, Sameh Shoukry, ways of ending the war in Gaza on Sunday.",
     "2024-01-08", ("Ayman Safadi", "Sameh Shoukry"), {"start": "2024-01-07"}),
    # a portfolio listed with commas, then a new name with a town inside it ('Mohamed Salem Ould ...')
    ("portfolio-and-a-town-in-a-name",
     "Foreign Minister Ahmed Attaf held talks with the Minister of Foreign Affairs, Cooperation and Mauritanians Abroad, "
     "Mohamed Salem Ould Merzoug, in Algiers on Monday.",
     "2024-06-04", ("Ahmed Attaf", "Mohamed Salem Ould Merzoug"), {"place": "Algiers", "start": "2024-06-03"}),
    # 'He said that he had two phone calls with Trump': he, the one the sentence before named
    ("he-said-he-had-calls",
     "President Cyril Ramaphosa returned to Pretoria on Monday. He said that he had two phone calls with Donald Trump on Saturday.",
     "2025-05-26", ("Cyril Ramaphosa", "Donald Trump"), {"start": "2025-05-24", "format": "phone"}),
    # 'will embark on a state visit from May 19' is a plan, so May 19 is ahead of a report of May 14
    ("embark-on-a-visit",
     "President William Ruto will embark on a state visit to Japan from February 5 to February 8, during which he will meet "
     "Prime Minister Fumio Kishida in Tokyo.",
     "2024-01-30", ("William Ruto", "Fumio Kishida"), {"status": "planned", "start": "2024-02-05"}),
    # 'he hoped to have his meeting with Trump on Friday': the Friday ahead
    ("hoped-to-have-a-meeting-on-friday",
     "President Volodymyr Zelensky said on Monday he hoped to have his meeting with Donald Trump on Friday.",
     "2025-10-13", ("Volodymyr Zelenskyy", "Donald Trump"), {"status": "planned", "start": "2025-10-17"}),
]


LIVE = [
    # a live report: 'has begun talks', 'is holding talks' is the day of the report
    ("present-perfect-is-today",
     "Foreign Minister Hakan Fidan has begun talks with his Iraqi counterpart Fuad Hussein in Baghdad. The meeting is taking place at the foreign ministry.",
     "2024-08-14", ("Hakan Fidan", "Fuad Hussein"), {"place": "Baghdad", "start": "2024-08-14"}),
    # 'the visit of X to <country>' places a meeting of X that nothing else places
    ("visit-of-x-to-a-country",
     "President Emmerson Mnangagwa has received a delegation led by Vice President of the Republic of Zambia Mutale Nalumango. "
     "He said that the visit of Vice President Mutale Nalumango to Zimbabwe would strengthen ties.",
     "2023-03-02", ("Emmerson Mnangagwa", "Mutale Nalumango"), {"place": "Zimbabwe", "start": "2023-03-02"}),
    # a web page's sentences glued by a full stop; 'spoke in person with'
    ("glued-sentences-and-spoke-in-person",
     "Three prime ministers travelled to Kyiv on Tuesday.The leaders, Polish Prime Minister Mateusz Morawiecki and Czech Prime Minister "
     "Petr Fiala, spoke in person with President Volodymyr Zelensky in Kyiv on Tuesday. Zelensky earlier spoke virtually to the Canadian Parliament.",
     "2022-03-16", ("Mateusz Morawiecki", "Volodymyr Zelenskyy"), {"place": "Kyiv", "start": "2022-03-15", "format": "in-person"}),
]


def test_has_met_several_times_is_no_date(rules):
    facts = extract(doc("President Recep Tayyip Erdogan has held talks with President Vladimir Putin several times since 2019.", "2024-08-14"), rules)
    assert all(m.start.to_date() is None for m in facts.meetings)


def test_countries_are_not_led_by_whom_they_met(rules):
    # 'the delegations of Poland and Slovenia ... met with Ukrainian President X' are not Poland's and Slovenia's presidents
    facts = extract(doc("The delegations of Poland and Slovenia travelled to Kyiv on Tuesday, where they met with Ukrainian President Volodymyr Zelensky.", "2022-03-16"), rules)
    assert not any({"Andrzej Duda", "Borut Pahor"} & names(facts, m.participants) for m in facts.meetings)


SOURCES_AND_PLANS = [
    # the source after its verb at the end of a sentence is no participant
    ("source-after-its-verb",
     "Foreign Minister Ahmed Attaf held talks with Secretary of State Antony Blinken in Washington on Friday, "
     "confirmed Foreign Ministry Spokesperson Ambassador Nadia Benali in a statement.",
     "2024-03-16", {"people": ["Ahmed Attaf", "Antony Blinken"], "place": "Washington", "start": "2024-03-15"}),
    # who tells a quotation does not attend the meeting it quotes
    ("teller-of-a-quote",
     "Deputy National Security Adviser Park Min-soo told a news briefing in Seoul, \"President Yoon Suk Yeol held a phone "
     "conversation with President Joe Biden for about 20 minutes.\"",
     "2024-06-05", {"people": ["Yoon Suk Yeol", "Joe Biden"], "format": "phone"}),
]


@pytest.mark.parametrize("case", SOURCES_AND_PLANS, ids=[c[0] for c in SOURCES_AND_PLANS])
def test_sources_are_not_participants(rules, case):
    _id, text, published, expected = case
    facts = extract(doc(text, published), rules)
    assert_meeting(facts, expected)
    assert all(names(facts, m.participants) <= set(expected["people"]) for m in facts.meetings), [names(facts, m.participants) for m in facts.meetings]


def test_a_call_that_agreed_on_a_summit_is_two_events(rules):
    facts = extract(doc("President Lula on Tuesday held a phone call with President Emmanuel Macron and agreed to hold a summit "
                        "in the near future.", "2024-02-21"), rules)
    call = [m for m in facts.meetings if m.format == "phone"]
    plan = [m for m in facts.meetings if m.status == "planned"]
    assert len(call) == 1 and call[0].status == "held" and call[0].start.lexical()[0] == "2024-02-20"
    assert len(plan) == 1 and plan[0].start.is_empty and names(facts, plan[0].participants) == {"Luiz Inácio Lula da Silva", "Emmanuel Macron"}


def test_a_refused_call_is_none(rules):
    for text in ("President Recep Tayyip Erdogan refused to receive a phone call from Prime Minister Benjamin Netanyahu, a channel reported.",
                 "Erdogan refuse receiving phone call PM Netanyahu"):
        assert not extract(doc(text, "2024-01-24"), rules).meetings, text


def test_a_holiday_before_a_title_is_nobody(rules):
    facts = extract(doc("On the sidelines of the celebrations of the 50th Army Day, President Cyril Ramaphosa received President Bola Tinubu in Pretoria.", "2024-06-05"), rules)
    assert names(facts, facts.people) == {"Cyril Ramaphosa", "Bola Tinubu"}


def test_the_two_top_diplomats_are_the_diplomats_told_of(rules):
    facts = extract(doc("President Joe Biden met President Xi Jinping in Woodside on Wednesday. Separately, Secretary Antony Blinken held talks "
                        "with Foreign Minister Wang Yi in San Francisco on Tuesday. The two top diplomats met again on Thursday.", "2023-11-17"), rules)
    thursday = [names(facts, m.participants) for m in facts.meetings if m.start.lexical()[0] == "2023-11-16"]
    assert thursday == [{"Antony Blinken", "Wang Yi"}]


def test_no_plans_for_any_talks_is_no_meeting(rules):
    facts = extract(doc("There are no concrete plans for any talks between Vladimir Putin and Donald Trump as of yet, the spokesman clarified.", "2024-11-11"), rules)
    assert not facts.meetings


PLACES_OF_NEWS = [
    # a dateline closed by the agency's name in parentheses or slashes
    ("agency-dateline-parentheses",
     "MANAGUA, Nicaragua, Jun 3 (ACN) Cuban Foreign Minister Bruno Rodriguez held talks with President Daniel Ortega today.",
     "2024-06-03", ("Bruno Rodríguez Parrilla", "Daniel Ortega"), {"place": "Managua", "start": "2024-06-03"}),
    ("agency-dateline-slashes",
     "Addis Ababa March 2/2024 /ENA/ Prime Minister Abiy Ahmed has discussed with President William Ruto on regional issues.",
     "2024-03-02", ("Abiy Ahmed", "William Ruto"), {"place": "Addis Ababa", "start": "2024-03-02", "format": "in-person"}),
    # a body's session named after 'the meeting of': its seat
    ("sidelines-of-the-meeting-of-a-body",
     "Foreign Minister Sameh Shoukry met Secretary of State Antony Blinken on Tuesday on the sidelines of the meeting of the UN General Assembly.",
     "2023-09-20", ("Sameh Shoukry", "Antony Blinken"), {"place": "New York City", "start": "2023-09-19"}),
    ("sidelines-of-the-au-summit",
     "On the sidelines of the AU summit, Prime Minister Abiy Ahmed held talks with President Paul Kagame on Sunday.",
     "2024-02-19", ("Abiy Ahmed", "Paul Kagame"), {"place": "Addis Ababa", "start": "2024-02-18"}),
]


def test_an_agency_dateline_glued_to_the_text_dates_no_meeting(rules):
    text = ("Tokyo, Jan. 23 (Jiji Press)--Prime Minister Fumio Kishida held talks with President Joe Biden during their video "
            "conference Friday. The two leaders agreed on a summit meeting in Tokyo in the first half of this year.")
    facts = extract(doc(text, "2022-01-23"), rules)
    (call,) = [m for m in facts.meetings if m.status == "held"]
    assert call.start.lexical()[0] == "2022-01-21" and call.format == "video"
    assert any(m.status == "planned" for m in facts.meetings), [(m.status, m.start) for m in facts.meetings]
    assert not any(m.status == "held" and m.format != "video" for m in facts.meetings)


QUOTES = [
    # 'I' in a news quotation is whom the quotation is from: '," he said' after paragraphs left open
    ("quoted-first-person-he-said",
     "Prime Minister Anwar Ibrahim attended the summit in Vientiane on Wednesday.\n\n"
     "\"In this summit as well, I had a bilateral meeting with my counterpart from Laos, Sonexay Siphandone.\n\n"
     "\"We agreed to cooperate more in banking,\" he said.",
     "2024-10-09", ("Anwar Ibrahim", "Sonexay Siphandone")),
    # 'Modi wrote on X: "I held talks with ..."'
    ("quoted-first-person-source-before",
     "Prime Minister Narendra Modi wrote on X: \"I held excellent talks with President Ferdinand Marcos Jr. in New Delhi today.\"",
     "2024-08-05", ("Narendra Modi", "Ferdinand Marcos Jr.")),
    # a counterpart the rules do not know, named right after 'counterpart from <country>,'
    ("new-counterpart-named",
     "Foreign Minister Hakan Fidan held talks with his counterpart from Timor-Leste, Bendito dos Santos Freitas, in Ankara on Monday.",
     "2024-05-14", ("Hakan Fidan", "Bendito dos Santos Freitas")),
]


@pytest.mark.parametrize("case", QUOTES, ids=[c[0] for c in QUOTES])
def test_quotes_and_counterparts(rules, case):
    _id, text, published, people = case
    meeting_of(extract(doc(text, published), rules), *people)


def test_an_encounter_is_a_meeting(rules):
    facts = extract(doc("During his stay in Buenos Aires, President Gabriel Boric also held an encounter with Foreign Minister Diana Mondino on Friday.", "2024-09-30"), rules)
    assert_meeting(facts, {"people": ["Gabriel Boric", "Diana Mondino"], "place": "Buenos Aires", "start": "2024-09-27"})


def test_a_title_with_a_country_takes_that_countrys_holder(rules):
    # "Malaysia's King ... Sultan Abdullah" is Malaysia's king, never Jordan's King Abdullah II
    facts = extract(doc("President Joko Widodo met Malaysia's King Yang di-Pertuan Agong Sultan Abdullah at the State Palace in Kuala Lumpur on Thursday.", "2023-06-09"), rules)
    assert_meeting(facts, {"people": ["Joko Widodo", "Sultan Abdullah Sultan Ahmad Shah"], "start": "2023-06-08"})
    assert "King Abdullah II" not in names(facts, facts.people)


def test_a_by_name_names_its_holder_out_of_office(rules):
    # 'Lula' in 2022, out of office: the by-name the rules list for him alone, 'former president' or not
    for text in ("Former president Lula met with the president of Portugal, Marcelo Rebelo de Sousa, in São Paulo on Sunday.",
                 "Lula met with Marcelo Rebelo de Sousa in São Paulo on Sunday."):
        facts = extract(doc(text, "2022-07-04"), rules)
        assert_meeting(facts, {"people": ["Luiz Inácio Lula da Silva", "Marcelo Rebelo de Sousa"], "place": "São Paulo", "start": "2022-07-03"})


def test_ahead_of_their_summit_is_another_event_of_theirs(rules):
    facts = extract(doc("President Recep Tayyip Erdogan met President Vladimir Putin in Ankara on Monday, ahead of their trilateral summit "
                        "with President Hassan Rouhani.", "2019-09-17"), rules)
    held = [m for m in facts.meetings if m.status == "held"]
    plan = [m for m in facts.meetings if m.status == "planned"]
    assert [names(facts, m.participants) for m in held] == [{"Recep Tayyip Erdogan", "Vladimir Putin"}]
    assert held[0].start.lexical()[0] == "2019-09-16"
    assert [names(facts, m.participants) for m in plan] == [{"Recep Tayyip Erdogan", "Vladimir Putin", "Hassan Rouhani"}]


def test_a_series_told_one_by_one_takes_the_series_place_and_day(rules):
    text = ("Foreign Minister Nasser Bourita held, Wednesday in Cairo, a series of talks with a number of his Arab counterparts.\n\n"
            "Bourita met with Jordanian Foreign Minister Ayman Safadi to discuss bilateral cooperation.\n\n"
            "He also held talks with Foreign Minister Sameh Shoukry.")
    facts = extract(doc(text, "2024-03-07"), rules)
    for other in ("Ayman Safadi", "Sameh Shoukry"):
        assert_meeting(facts, {"people": ["Nasser Bourita", other], "place": "Cairo", "start": "2024-03-06"})


def test_a_datelines_city_places_that_days_meetings(rules):
    text = ("NEW YORK: Prime Minister Narendra Modi held bilateral meetings here on Monday with Chancellor Angela Merkel "
            "and Prime Minister Giuseppe Conte.")
    facts = extract(doc(text, "2019-09-24"), rules)
    for other in ("Angela Merkel", "Giuseppe Conte"):
        assert_meeting(facts, {"people": ["Narendra Modi", other], "place": "New York City", "start": "2019-09-23"})


def test_a_city_and_a_colon_open_a_report(rules):
    facts = extract(doc("Islamabad:Foreign Minister Ishaq Dar held talks with Foreign Minister Wang Yi here on Tuesday.", "2024-05-15"), rules)
    assert_meeting(facts, {"people": ["Ishaq Dar", "Wang Yi"], "place": "Islamabad", "start": "2024-05-14"})


def test_an_ambassador_to_a_country_is_named_after_it(rules):
    facts = extract(doc("Prime Minister Pham Minh Chinh received Chinese Ambassador to Vietnam Xiong Bo in Hanoi on Sunday.", "2023-10-02"), rules)
    assert_meeting(facts, {"people": ["Pham Minh Chinh", "Xiong Bo"], "place": "Hanoi", "start": "2023-10-01"})


def test_an_impersonal_sentence_goes_on_about_the_meeting_before(rules):
    text = ("Foreign Minister Sergey Lavrov and Foreign Minister Abbas Araghchi will hold talks in Moscow on April 18. "
            "It is expected to continue the exchange of views on the situation around the Joint Comprehensive Plan of Action and on Syria.")
    m = meeting_of(extract(doc(text, "2025-04-10"), rules), "Sergey Lavrov", "Abbas Araghchi")
    assert {"iran-nuclear", "syria"} <= set(m.issues), m.issues


def test_air_defence_is_a_topic_of_its_own(rules):
    facts = extract(doc("President Volodymyr Zelensky met US special envoy Keith Kellogg in Kyiv on Monday and discussed air defense "
                        "and sanctions on Russia.", "2025-07-15"), rules)
    m = meeting_of(facts, "Volodymyr Zelenskyy", "Keith Kellogg")
    assert "air-defence" in m.issues, m.issues


def test_visited_by_is_a_meeting(rules):
    facts = extract(doc("On Thursday, President Volodymyr Zelensky was visited by Foreign Secretary David Lammy in Kyiv.", "2024-07-19"), rules)
    assert_meeting(facts, {"people": ["Volodymyr Zelenskyy", "David Lammy"], "place": "Kyiv", "start": "2024-07-18"})


def test_a_plan_named_by_its_verb_alone_is_kept(rules):
    facts = extract(doc("Secretary Mike Pompeo was due to meet Chancellor Angela Merkel and Foreign Minister Heiko Maas.", "2019-05-07"), rules)
    m = meeting_of(facts, "Mike Pompeo", "Angela Merkel", "Heiko Maas")
    assert m.status == "planned"


def test_former_leaders_are_known_out_of_office(rules):
    facts = extract(doc("President Javier Milei had lunch with Bill Clinton in New York on Monday.", "2023-11-28"), rules)
    assert_meeting(facts, {"people": ["Javier Milei", "Bill Clinton"], "place": "New York City", "start": "2023-11-27"})
    clinton = next(p for p in facts.people.values() if p.name == "Bill Clinton")
    assert not any(r.end is None for r in clinton.roles)


def test_thank_you_for_travelling_to_places_the_speakers_meeting(rules):
    text = ("Joint press conference with Foreign Minister Penny Wong\n\n"
            "Vivian Balakrishnan, Minister for Foreign Affairs of Singapore: Good afternoon. I am pleased to be here with Penny Wong, "
            "after our bilateral meeting this morning.\n\n"
            "Thank you for travelling to Singapore for these consultations.\n\n"
            "Penny Wong, Minister for Foreign Affairs: Thank you, Vivian.")
    facts = extract(doc(text, "2023-02-08"), rules)
    m = meeting_of(facts, "Vivian Balakrishnan", "Penny Wong")
    assert facts.places[m.place].name == "Singapore"


def test_a_name_with_another_mark_is_the_same_name(rules):
    # a report's 'Orbàn' (grave accent) or 'Erdogan' (no breve) finds 'Orbán' and 'Erdoğan'
    facts = extract(doc("President Vladimir Putin and Prime Minister Viktor Orbàn met for two hours in the Kremlin on Friday.", "2024-07-06"), rules)
    assert_meeting(facts, {"people": ["Vladimir Putin", "Viktor Orbán"], "place": "Kremlin", "start": "2024-07-05"})


NOT_THERE = [
    # who tells of another's meeting
    ("said-that-another-was-received",
     "Presidential aide Yuri Ushakov said that Viktor Orban was received by President Vladimir Putin as the head of the Hungarian government.",
     "Yuri Ushakov"),
    # to whom a message goes, or in whose name
    ("greetings-to", "During their meeting, President Xi Jinping asked President Prabowo Subianto to pass his best wishes to President Joko \"Jokowi\" Widodo.",
     "Joko Widodo"),
    ("letter-for", "President Aleksandar Vucic met Chinese Ambassador Li Ming on Tuesday to present to him a letter for Chinese President Xi Jinping.",
     "Xi Jinping"),
    ("under-the-leadership-of", "Sheikh Mohamed bin Zayed met Sheikh Mohammed bin Rashid on Sunday to review progress under the leadership of "
     "President Sheikh Khalifa bin Zayed Al Nahyan.", "Khalifa bin Zayed Al Nahyan"),
]


@pytest.mark.parametrize("case", NOT_THERE, ids=[c[0] for c in NOT_THERE])
def test_people_told_of_are_not_at_the_meeting(rules, case):
    _id, text, absent = case
    facts = extract(doc(text, "2024-04-02"), rules)
    assert facts.meetings
    assert not any(absent in names(facts, m.participants) for m in facts.meetings), [names(facts, m.participants) for m in facts.meetings]


MORE_NEWS = [
    ("called-a-person", "Prime Minister Shehbaz Sharif on Friday called Amir of the State of Qatar Sheikh Tamim Bin Hamad Al Thani and "
     "extended greetings on the occasion of Eid.", "2022-07-08",
     {"people": ["Shehbaz Sharif", "Tamim bin Hamad Al Thani"], "start": "2022-07-08", "format": "phone"}),
    ("visited-his-counterpart", "President John Mahama on Saturday visited his Ivorian counterpart, President Alassane Ouattara, in Abidjan.",
     "2025-03-09", {"people": ["John Mahama", "Alassane Ouattara"], "place": "Abidjan", "start": "2025-03-08"}),
    ("spoke-over-phone", "Foreign Minister Badr Abdelatty spoke over phone with Secretary of State Antony Blinken on Sunday.",
     "2025-01-20", {"people": ["Badr Abdelatty", "Antony Blinken"], "start": "2025-01-19", "format": "phone"}),
    ("as-he-met", "Lukashenko said as he met with President Vladimir Putin in Minsk on 28 September that ties were strong.",
     "2024-09-29", {"people": ["Alexander Lukashenko", "Vladimir Putin"], "place": "Minsk", "start": "2024-09-28"}),
    ("the-office-by-its-kind", "External Affairs Minister S Jaishankar attended the ceremony in New Delhi on Sunday. Later, the foreign "
     "minister met Nepal Prime Minister Pushpa Kamal Dahal.", "2024-06-10",
     {"people": ["S. Jaishankar", "Pushpa Kamal Dahal"]}),
]


def test_separate_calls_and_a_meeting_not_sought(rules):
    facts = extract(doc("Foreign Minister Badr Abdelatty held separate phone calls with Foreign Secretary David Lammy and "
                        "High Representative Kaja Kallas on Monday.", "2025-07-15"), rules)
    assert sorted(sorted(names(facts, m.participants)) for m in facts.meetings) == [["Badr Abdelatty", "David Lammy"], ["Badr Abdelatty", "Kaja Kallas"]]
    facts = extract(doc("Pakistan will not seek a bilateral meeting between Prime Minister Shehbaz Sharif and Prime Minister Narendra Modi.", "2022-09-12"), rules)
    assert not facts.meetings
    facts = extract(doc("President Joe Biden called Vladimir Putin a war criminal on Friday.", "2022-03-19"), rules)
    assert not facts.meetings


PLANS = [
    ("will-also-meet", "President Prabowo Subianto will also meet with Premier Li Qiang in Beijing on Saturday, the ministry said.",
     "2024-11-05", {"people": ["Prabowo Subianto", "Li Qiang"], "status": "planned", "place": "Beijing", "start": "2024-11-09"}),
    ("a-serving-minister-by-surname", "During the visit, Shoigu is scheduled to meet with Chinese Foreign Minister Wang Yi in Beijing on Tuesday.",
     "2024-04-08", {"people": ["Sergei Shoigu", "Wang Yi"], "status": "planned", "place": "Beijing", "start": "2024-04-09"}),
    ("lower-case-title-then-name", "On Thursday, President Gabriel Boric will address the Senate in Mexico City, where he will meet with its "
     "president, Ricardo Monreal.", "2022-11-23",
     {"people": ["Gabriel Boric", "Ricardo Monreal"], "status": "planned", "place": "Mexico City", "start": "2022-11-24"}),
    ("agenda-includes", "The programme of the visit includes talks between President Gabriel Boric and President Andrés Manuel López Obrador.",
     "2022-11-23", {"people": ["Gabriel Boric", "Andrés Manuel López Obrador"], "status": "planned"}),
    ("will-have-meetings", "Prime Minister Shehbaz Sharif will attend the summit. President Recep Tayyip Erdogan will also have separate "
     "bilateral meetings with Sharif.", "2022-09-12", {"people": ["Recep Tayyip Erdogan", "Shehbaz Sharif"], "status": "planned"}),
]


def test_seats_of_government_of_africa_latin_america_and_asia_lie_in_their_cities(rules):
    facts = extract(doc("President Yoweri Museveni hosted President Paul Kagame at State House Entebbe on Monday.", "2022-09-13"), rules)
    m = meeting_of(facts, "Yoweri Museveni", "Paul Kagame")
    assert m.place == "state-house-entebbe" and facts.places[m.place].within == "entebbe-ug"


# A report tells its day's event: the reported meeting, undated, is on the report's day when the text names no other day
REPORT_DAY = [
    ("undated-call-on-the-report-day", "President Vladimir Putin had a telephone conversation with President Kassym-Jomart Tokayev. "
     "The leaders discussed energy supplies.", "2024-05-03",
     {"people": ["Vladimir Putin", "Kassym-Jomart Tokayev"], "start": "2024-05-03", "format": "phone"}),
    ("a-possessive-date-dates-its-noun", "President Vladimir Putin had a telephone conversation with President Emmanuel Macron. "
     "Putin described yesterday's drone attack on Belgorod.", "2024-05-03",
     {"people": ["Vladimir Putin", "Emmanuel Macron"], "start": "2024-05-03", "format": "phone"}),
]

# 'the two leaders' before any meeting is told: the two the sentence before named as its subject, on its day
TOLD_BEFORE = [
    ("their-call-after-a-joint-subject", "SEOUL, May 8 (Wire)--President Lee Jae-myung and Prime Minister Mark Carney agreed Thursday "
     "to deepen defence ties. In their phone conversation, the two leaders also discussed critical minerals.", "2025-05-08",
     {"people": ["Lee Jae-myung", "Mark Carney"], "format": "phone", "start": "2025-05-08"}),
    # a role description, by the office that leads the country's executive or by the office it names
    ("the-country-leader-is-its-president", "President Emmanuel Macron received the Ukrainian leader at the Elysee Palace on Monday.",
     "2024-03-12", {"people": ["Emmanuel Macron", "Volodymyr Zelenskyy"], "start": "2024-03-11"}),
    ("the-country-leader-is-its-prime-minister", "President Joe Biden hosted the Japanese leader at the White House on Monday.",
     "2024-03-12", {"people": ["Joe Biden", "Fumio Kishida"], "start": "2024-03-11"}),
    ("a-countrys-top-diplomat", "Foreign Minister Hakan Fidan met Russia's top diplomat in Antalya on Friday.", "2024-03-12",
     {"people": ["Hakan Fidan", "Sergey Lavrov"], "start": "2024-03-08", "place": "Antalya"}),
    ("the-defence-chief-named-before", "Kyiv was visited on Tuesday by Defence Secretary John Healey. President Volodymyr Zelensky "
     "said his meeting with the British defence chief was useful.", "2024-09-11",
     {"people": ["Volodymyr Zelenskyy", "John Healey"]}),
    ("a-phone-meeting", "Prime Minister Mark Carney held a phone meeting with President Lee Jae-myung on Friday.", "2025-05-10",
     {"people": ["Mark Carney", "Lee Jae-myung"], "format": "phone", "start": "2025-05-09"}),
]



def test_the_two_go_on_standing_for_the_two_told_last(rules):
    text = ("President Xi Jinping received Foreign Minister Sergey Lavrov in Beijing on Tuesday. Lavrov is to hold talks with Foreign "
            "Minister Wang Yi on Wednesday. It will be the third meeting between the two top diplomats this year. The two met in Astana on 3 July.")
    facts = extract(doc(text, "2024-09-10"), rules)
    astana = [m for m in facts.meetings if m.place == "astana-kz"]
    assert [sorted(names(facts, m.participants)) for m in astana] == [["Sergey Lavrov", "Wang Yi"]]
    assert astana[0].start.lexical()[0] == "2024-07-03"


def test_a_reception_that_could_follow_is_a_plan(rules):
    facts = extract(doc("Secretary Mike Pompeo is likely to hold talks with Foreign Minister Sergey Lavrov in Sochi on May 14. "
                        "Pompeo could be received by President Vladimir Putin after the talks.", "2019-05-07"), rules)
    assert meeting_of(facts, "Mike Pompeo", "Vladimir Putin").status == "planned"


def test_summits_with_two_leaders_are_two_plans(rules):
    facts = extract(doc("President Lee Jae-myung will hold summits with President Donald Trump and Prime Minister Shigeru Ishiba "
                        "in New York on Sept. 23.", "2025-09-19"), rules)
    got = sorted((sorted(names(facts, m.participants)), m.status, m.start.lexical()[0]) for m in facts.meetings)
    assert got == [(["Donald Trump", "Lee Jae-myung"], "planned", "2025-09-23"), (["Lee Jae-myung", "Shigeru Ishiba"], "planned", "2025-09-23")]
    # (a day told before the verb is each meeting's)
    facts = extract(doc("President Lee Jae-myung on Sept. 22-23 in New York will hold summits with President Donald Trump and "
                        "Prime Minister Shigeru Ishiba.", "2025-09-19"), rules)
    assert sorted(m.start.lexical()[0] for m in facts.meetings) == ["2025-09-22", "2025-09-22"]


@pytest.mark.parametrize("text", [
    # another day named: the meeting may be that day's
    "President Cyril Ramaphosa received President Emmerson Mnangagwa at the Union Buildings in Pretoria. Last week the two "
    "governments signed a border agreement.",
    # 'later this week' is a day ahead, not the report's
    "President Cyril Ramaphosa received President Emmerson Mnangagwa at the Union Buildings in Pretoria. Parliament debates the budget later this week.",
    # another meeting dated the day before
    "President Cyril Ramaphosa received President Emmerson Mnangagwa at the Union Buildings in Pretoria. Ramaphosa had met President "
    "William Ruto the day before.",
])
def test_a_text_naming_another_day_leaves_the_report_undated(rules, text):
    facts = extract(doc(text, "2024-05-03"), rules)
    assert meeting_of(facts, "Cyril Ramaphosa", "Emmerson Mnangagwa").start.is_empty

# the news cases above, one test: (id, text, document date, the facts of the meeting of the named people)
NEWS = [
    *NEWS_PEOPLE,
    *[(i, t, d, {"people": list(p), **e}) for i, t, d, p, e in (*AGENCY, *LIVE, *PLACES_OF_NEWS)],
    *MORE_NEWS,
    *PLANS,
    *REPORT_DAY,
    *TOLD_BEFORE,
]


@pytest.mark.parametrize("case", NEWS, ids=[c[0] for c in NEWS])
def test_news_shapes(rules, case):
    _id, text, published, expected = case
    assert_meeting(extract(doc(text, published), rules), expected)


_SUMMIT_PLAN = (
    "On 13 July 2023, the President of the European Council, Charles Michel, and the President of the European Commission, "
    "Ursula von der Leyen, will meet Prime Minister Fumio Kishida in Brussels for the 29th EU-Japan Summit.\n\n"
    "EU-Japan Summit, 13 July 2023\n\nIndicative programme\n"
)
_SUMMIT_RECALLED = (
    "On September 19, Prime Minister Kishida Fumio met with President of the European Council Charles Michel in New York. "
    "At the outset, Prime Minister Kishida said that the 29th Japan-European Union (EU) Summit held in July had given "
    "the partnership new momentum."
)


def test_a_summit_named_for_its_sides_is_a_meeting_of_their_leaders(rules):
    facts = extract(doc(_SUMMIT_RECALLED, "2023-09-20"), rules)
    summit = meeting_of(facts, "Fumio Kishida", "Ursula von der Leyen")
    assert names(facts, summit.participants) == {"Fumio Kishida", "Charles Michel", "Ursula von der Leyen"}
    assert (summit.start.lexical()[0], summit.status) == ("2023-07", "held")
    # the programme's heading names the announced summit again: no second, held one
    plan = extract(doc(_SUMMIT_PLAN, "2023-07-06"), rules)
    assert [m.status for m in plan.meetings] == ["planned"]


def test_a_summit_recalled_by_its_sides_is_the_one_announced(rules):
    from .test_extraction import _merged

    graph = _merged(rules, doc(_SUMMIT_PLAN, "2023-07-06", id="plan"), doc(_SUMMIT_RECALLED, "2023-09-20", id="readout"))
    summit = [m for m in graph.meetings.values() if "ursula-von-der-leyen" in m.participants]
    assert len(summit) == 1
    assert (summit[0].sources, summit[0].start.lexical()[0], summit[0].status) == (["plan", "readout"], "2023-07-13", "held")


def test_a_summit_of_a_side_without_a_known_leader_names_nobody(rules):
    text = "Prime Minister Kishida said that the first Japan-Atlantis Summit held in May had been useful."
    facts = extract(doc(text, "2023-09-20"), rules)
    assert not facts.meetings


def test_the_two_leaders_are_the_two_named_last(rules):
    # a page of one day's readouts: each paragraph's 'the two leaders' are that paragraph's pair, not the first one's
    text = (
        "Prime Minister Pedro Sánchez met today with President Emmanuel Macron on the margins of the European Council in Brussels.\n"
        "Prime Minister Sánchez and President Macron reviewed the interconnection projects between Spain and France.\n\n"
        "Prime Minister Pedro Sánchez met today with Prime Minister Kristen Michal on the margins of the European Council in Brussels.\n"
        "Prime Minister Sánchez and Prime Minister Michal agreed to deepen cooperation. The two leaders also exchanged views on "
        "the war in Ukraine."
    )
    facts = extract(doc(text, "2024-12-19"), rules)
    assert "ukraine-war" in meeting_of(facts, "Pedro Sánchez", "Kristen Michal").issues
    assert "ukraine-war" not in meeting_of(facts, "Pedro Sánchez", "Emmanuel Macron").issues


def test_the_visits_other_meetings_are_where_the_visit_was(rules):
    visit = "Prime Minister Kyriakos Mitsotakis held talks with President Gabriel Boric in Santiago on Tuesday. "
    facts = extract(doc(visit + "During his stay, Mitsotakis also met Foreign Minister Alberto van Klaveren.", "2024-03-13"), rules)
    assert facts.places[meeting_of(facts, "Alberto van Klaveren").place].name == "Santiago"
    # the host's other meetings may have been on a trip of their own; a bare 'meeting' named with nobody's verb is no meeting
    facts = extract(doc(visit + "Boric held talks with Foreign Minister Alberto van Klaveren.", "2024-03-13"), rules)
    assert meeting_of(facts, "Alberto van Klaveren").place is None
    facts = extract(doc(visit + "Mitsotakis and Nicolás Maduro were at the meeting.", "2024-03-13"), rules)
    assert [names(facts, m.participants) for m in facts.meetings] == [{"Kyriakos Mitsotakis", "Gabriel Boric"}]
    # a meeting dated another day, or told as past, may have been elsewhere
    for other in ("Mitsotakis met Foreign Minister Alberto van Klaveren on Monday.", "Mitsotakis had previously met Foreign Minister Alberto van Klaveren."):
        facts = extract(doc(visit + other, "2024-03-13"), rules)
        assert meeting_of(facts, "Alberto van Klaveren").place is None


@pytest.mark.parametrize("text, place", [
    ("President Gabriel Boric received Prime Minister Kyriakos Mitsotakis on Tuesday. They discussed his recent visit to Peru.", None),
    ("President Gabriel Boric met Prime Minister Kyriakos Mitsotakis on Tuesday, a week after the last summit in Lima.", None),
    # the earlier trip the meeting was part of is its place
    ("President Gabriel Boric received Prime Minister Kyriakos Mitsotakis on Tuesday during his recent visit to Peru.", "Peru"),
])
def test_an_earlier_trip_or_summit_places_only_itself(rules, text, place):
    m = meeting_of(extract(doc(text, "2024-05-22"), rules), "Gabriel Boric")
    assert (m.place and extract(doc(text, "2024-05-22"), rules).places[m.place].name) == place


def test_an_arrival_on_another_day_does_not_place_the_meeting(rules):
    later = "Prime Minister Kyriakos Mitsotakis travelled to Peru on 2 May. President Gabriel Boric met Prime Minister Kyriakos Mitsotakis on 21 May."
    assert meeting_of(extract(doc(later, "2024-05-22"), rules), "Gabriel Boric").place is None
    eve = "Prime Minister Kyriakos Mitsotakis travelled to Peru on 20 May. President Gabriel Boric met Prime Minister Kyriakos Mitsotakis on 21 May."
    assert meeting_of(extract(doc(eve, "2024-05-22"), rules), "Gabriel Boric").place == "pe"


@pytest.mark.parametrize("text, seat, city", [
    ("President Sauli Niinisto received Prime Minister Mark Rutte at Mäntyniemi on Monday.", "Mäntyniemi", "Helsinki"),
    ("King Abdullah II received President Emmanuel Macron at Al Husseiniya Palace on Monday.", "Al Husseiniya Palace", "Amman"),
    ("President Paul Kagame hosted President William Ruto at Urugwiro Village on Monday.", "Urugwiro Village", "Kigali"),
])
def test_a_seat_of_government_lies_in_its_capital(rules, text, seat, city):
    facts = extract(doc(text, "2024-05-21"), rules)
    (m,) = facts.meetings
    assert facts.places[m.place].name == seat
    assert city in {p.name for p in gazetteer_for(rules).enclosing(m.place)}


@pytest.mark.parametrize("text, place", [
    # the country opens the visitor's title: not where they met
    ("President Cyril Ramaphosa held talks on Monday with visiting U.S. Secretary of State Antony Blinken.", None),
    ("President Cyril Ramaphosa held talks on Monday with the visiting Japan special envoy Taro Kono.", None),
    ("A planned meeting in Japan between South Africa President Cyril Ramaphosa and Prime Minister Fumio Kishida took place on Monday.", "Japan"),
])
def test_a_country_opening_a_persons_title_is_not_the_meetings_place(rules, text, place):
    facts = extract(doc(text, "2024-05-21"), rules)
    m = meeting_of(facts, "Cyril Ramaphosa")
    assert (m.place and facts.places[m.place].name) == place




@pytest.mark.parametrize("verb, status", [("cancelled", "cancelled"), ("postponed", "postponed")])
def test_a_put_off_trips_meetings_are_where_the_trip_was_to_go(rules, verb, status):
    text = (f"Foreign Minister Penny Wong {verb} her visit to Japan. She was scheduled to hold talks with Foreign Minister "
            "Yoko Kamikawa on Monday. Wong was also due to meet Prime Minister Fumio Kishida.")
    m = meeting_of(extract(doc(text, "2024-03-13"), rules), "Fumio Kishida")
    assert (m.place, m.status) == ("jp", status)
