"""Sentence shapes of news stories and readouts found by probing kg with new text.

Each case is a short document as an agency or a ministry would write it, and
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


def _eu(sentence: str) -> str:
    return "Polish Foreign Minister Radosław Sikorski met Ukrainian Foreign Minister Andrii Sybiha in Kyiv on Thursday. " + sentence


_EU = {"people": ["Radosław Sikorski", "Andrii Sybiha"], "issues": ["eu-enlargement"]}

# (id, text, document date, the facts of the meeting of the named people); a fact left out is not checked,
# except the status, which is 'held' unless given
MEETINGS = [
    # -- 'they discussed' after a past meeting is about it (no meeting is reported)
    (
        "they-discussed-after-earlier-this-month",
        "Earlier this month, Secretary of State Antony Blinken met Saudi Crown Prince Mohammed bin Salman in Jeddah. "
        "They discussed normalization with Israel and the conflict in Sudan.",
        "2023-06-20",
        {"people": ["Antony Blinken", "Mohammed bin Salman"], "start": "2023-06", "reported": False, "issues": ["regional-normalisation", "sudan"]},
    ),
    (
        "the-leaders-discussed-after-last-week",
        "Prime Minister Anthony Albanese met Prime Minister Fumio Kishida in Tokyo last week. "
        "The leaders discussed critical minerals and the energy transition.",
        "2022-10-28",
        {"people": ["Anthony Albanese", "Fumio Kishida"], "issues": ["critical-minerals", "clean-energy"]},
    ),
    # -- issues
    ("eu-accession-said", _eu("Sikorski said Poland would continue to support Ukraine's accession to the European Union."), "2024-09-13", _EU),
    ("eu-accession-talks", _eu("The ministers discussed Moldova's EU accession talks."), "2024-09-13", _EU),
    ("eu-enlargement", _eu("They discussed the enlargement of the European Union and the Growth Plan for the Western Balkans."), "2024-09-13", _EU),
    (
        "black-sea-initiative",
        "Vladimir Putin had a telephone conversation with President of the Republic of Türkiye Recep Tayyip Erdogan. "
        "The two leaders discussed the resumption of the Black Sea Initiative.",
        "2023-08-02",
        {"people": ["Vladimir Putin", "Recep Tayyip Erdogan"], "format": "phone", "issues": ["black-sea-grain"]},
    ),
    (
        "trade-named-alone",
        "External Affairs Minister S. Jaishankar met Foreign Minister Vivian Balakrishnan in New Delhi on 12 August 2024. "
        "The two Ministers discussed trade, semiconductors and the situation in Myanmar.",
        "2024-08-12",
        {"people": ["S. Jaishankar", "Vivian Balakrishnan"], "issues": ["economy-trade", "semiconductors", "myanmar"]},
    ),
    (
        "talks-focused-on",
        "Foreign Minister Ahmed Attaf received on Sunday in Algiers his Italian counterpart Antonio Tajani. "
        "Talks focused on energy cooperation and irregular migration.",
        "2024-01-21",
        {"people": ["Ahmed Attaf", "Antonio Tajani"], "place": "Algiers", "issues": ["energy-security", "migration"]},
    ),
    # -- visits 'at the invitation of' the host: host and visitor meet, where the visit goes
    (
        "invited-visit-announced",
        "At the invitation of Minister of Foreign Affairs Wang Yi, Minister of Foreign Affairs of the Republic of "
        "Indonesia Retno Marsudi will pay an official visit to China from April 18 to 20.",
        "2023-04-17",
        {"people": ["Wang Yi", "Retno Marsudi"], "start": "2023-04-18", "end": "2023-04-20", "place": "China", "status": "planned"},
    ),
    (
        "invited-state-visit",
        "At the invitation of Prime Minister Narendra Modi, President of Sri Lanka Anura Kumara Dissanayake will pay "
        "a State Visit to India from 15-17 December 2024.",
        "2024-12-13",
        {"people": ["Narendra Modi", "Anura Kumara Dissanayake"], "start": "2024-12-15", "end": "2024-12-17", "place": "India", "status": "planned"},
    ),
    (
        "invited-visit-paid",
        "At the invitation of President Xi Jinping, President Luiz Inacio Lula da Silva paid a state visit to China from April 12 to 15.",
        "2023-04-16",
        {"people": ["Xi Jinping", "Luiz Inácio Lula da Silva"], "start": "2023-04-12", "end": "2023-04-15", "place": "China"},
    ),
    # -- a visit put off puts off the meeting it was for, on the day it was due
    (
        "visit-postponed",
        "French President Emmanuel Macron postponed his planned state visit to Germany, which had been due to start on "
        "Sunday, because of the riots in France. Macron had been scheduled to meet President Frank-Walter Steinmeier in Berlin.",
        "2023-07-01",
        {"people": ["Emmanuel Macron", "Frank-Walter Steinmeier"], "status": "postponed", "place": "Berlin", "start": "2023-07-02"},
    ),
    (
        "trip-put-off-elsewhere",
        "Secretary of State Antony Blinken postponed his trip to China. Blinken will meet Foreign Minister Wang Yi in Munich on February 18.",
        "2023-02-04",
        {"people": ["Antony Blinken", "Wang Yi"], "status": "planned", "place": "Munich"},
    ),
    # -- places
    (
        "venue-unknown-then-city",
        "Kenyan President William Ruto hosted Ethiopian Prime Minister Abiy Ahmed at Harambee House, Nairobi, on Tuesday.",
        "2024-02-28",
        {"people": ["William Ruto", "Abiy Ahmed"], "place": "Nairobi"},
    ),
    (
        "venue-known-then-city",
        "Prime Minister Narendra Modi held talks with Prime Minister Anthony Albanese at Hyderabad House, New Delhi on 10 March 2023.",
        "2023-03-10",
        {"people": ["Narendra Modi", "Anthony Albanese"], "place": "Hyderabad House"},
    ),
    (
        "presidential-palace-then-city",
        "President Luong Cuong received Prime Minister Christopher Luxon at the Presidential Palace, Hanoi, on 26 February.",
        "2025-02-26",
        {"people": ["Luong Cuong", "Christopher Luxon"], "place": "Hanoi"},
    ),
    # -- a date told of the saying does not date the meeting
    (
        "said-on-friday",
        "Foreign Minister Wang Yi will visit Moscow next week for talks with Russian Foreign Minister Sergei Lavrov, "
        "the Chinese foreign ministry said on Friday.",
        "2024-04-05",
        # next week is 8 to 14 April: the month, never the Friday the ministry spoke (nor the one after)
        {"people": ["Wang Yi", "Sergey Lavrov"], "start": "2024-04", "place": "Moscow", "status": "planned"},
    ),
    (
        # 'he' inside the sentence is its subject; 'who had invited him' is no plan
        "he-met-later-that-day",
        "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Canberra on Wednesday. Prime Minister Anthony "
        "Albanese, who had invited him, said he hoped relations would improve, and he met Wang later that day.",
        "2024-03-20",
        {"people": ["Anthony Albanese", "Wang Yi"], "start": "2024-03-20"},
    ),
    ("said-on-tuesday", "Secretary Antony Blinken said on Tuesday he had met Foreign Minister Wang Yi in Beijing.", "2024-04-05", {"people": ["Antony Blinken", "Wang Yi"], "start": ""}),
    # -- officials kg does not know, named as a counterpart or after a title of a country
    (
        "counterpart-named",
        "Foreign Minister Badr Abdelatty met with his Ghanaian counterpart Samuel Okudzeto Ablakwa in Cairo on Sunday.",
        "2025-03-10",
        {"people": ["Badr Abdelatty", "Samuel Okudzeto Ablakwa"], "place": "Cairo", "start": "2025-03-09"},
    ),
    (
        "counterpart-named-in-commas",
        "Foreign Minister Badr Abdelatty met with his Ghanaian counterpart, Samuel Okudzeto Ablakwa, in Cairo on Sunday.",
        "2025-03-10",
        {"people": ["Badr Abdelatty", "Samuel Okudzeto Ablakwa"], "place": "Cairo"},
    ),
    (
        "title-of-country-then-the-hon",
        "The Minister for Foreign Affairs, Senator the Hon Penny Wong, today met with the Foreign Minister of Papua New "
        "Guinea, the Hon Justin Tkatchenko MP, in Port Moresby. Ministers discussed security cooperation and climate change.",
        "2023-06-15",
        {"people": ["Penny Wong", "Justin Tkatchenko"], "place": "Port Moresby", "issues": ["security-defence", "climate-change"]},
    ),
]


CASE = {c[0]: c for c in MEETINGS}


def case_doc(case_id: str):
    return doc(CASE[case_id][1], CASE[case_id][2])


@pytest.mark.parametrize("case_id,text,published,expect", MEETINGS, ids=[c[0] for c in MEETINGS])
def test_meeting(rules, case_id, text, published, expect):
    assert_meeting(extract(doc(text, published), rules), expect)


def test_an_official_kg_does_not_know_takes_country_and_office_from_the_text(rules):
    """Ablakwa, named as the counterpart of Egypt's foreign minister, is Ghana's; Tkatchenko is Papua New Guinea's."""
    facts = extract(case_doc("counterpart-named-in-commas"), rules)
    person = facts.people["samuel-okudzeto-ablakwa"]
    assert (person.country, [(r.title, r.kind) for r in person.roles]) == ("GH", [("Foreign Minister", "foreign-minister")])
    assert extract(case_doc("title-of-country-then-the-hon"), rules).people["justin-tkatchenko"].country == "PG"


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
    assert older and all(not m.issues for m in older)


def test_they_discussed_after_two_meetings_is_not_guessed(rules):
    """'They' after a sentence telling of two meetings is left alone: which one is not said."""
    text = (
        "Antony Blinken had met Wang Yi in Beijing in June 2023, and Lloyd Austin had met Dong Jun in Singapore in May 2024. "
        "They discussed Taiwan."
    )
    facts = extract(doc(text, "2024-09-20"), rules)
    assert len(facts.meetings) == 2 and all(not m.issues for m in facts.meetings)


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


def test_an_invitation_with_no_one_to_meet_makes_no_meeting(rules):
    text = "At the invitation of the Government of Japan, Foreign Minister Penny Wong will visit Tokyo next week."
    assert extract(doc(text, "2024-07-01"), rules).meetings == []


def test_the_postponement_is_the_only_status(rules):
    facts = extract(case_doc("visit-postponed"), rules)
    meeting = meeting_of(facts, "Emmanuel Macron", "Frank-Walter Steinmeier")
    assert [f[2] for f in meeting.facts if f[1] == "status"] == ["postponed"]


@pytest.mark.parametrize(
    "text, place",
    [
        # a visit to a country places only its own meeting
        ("Secretary Antony Blinken met Foreign Minister Wang Yi on Monday during his visit to China.", "cn"),
        ("Secretary Antony Blinken met Foreign Minister Wang Yi on Monday. The meeting came ahead of President Biden's visit to India.", None),
        ("President Emmanuel Macron spoke with President Xi Jinping by phone on Monday ahead of his visit to China.", None),
        # seas and continents hold no meeting
        ("President Vladimir Putin met President Recep Tayyip Erdogan in the Black Sea resort of Sochi on Monday.", "sochi-ru"),
        ("Foreign Minister Wang Yi held talks with Foreign Minister Penny Wong on Monday during his visit to Europe.", None),
    ],
)
def test_the_place_of_the_one_meeting(rules, text, place):
    facts = extract(doc(text, "2023-06-20"), rules)
    assert [m.place for m in facts.meetings] == [place]


def test_a_date_opening_the_sentence_dates_each_meeting_in_it(rules):
    """'Last year' dates the meeting of its 'where' clause too: it is not today's meeting of the same two."""
    text = (
        "French President Emmanuel Macron hosted Chinese President Xi Jinping at the Elysee Palace on Monday. "
        "Last year, Macron made a state visit to China, where he met Xi Jinping in Beijing."
    )
    facts = extract(doc(text, "2024-05-06"), rules)
    places = {m.place: m.start.lexical()[0] for m in facts.meetings}
    assert places == {"elysee-palace": "2024-05-06", "beijing-cn": "2023"}


def test_one_verb_two_meetings_each_with_its_place_and_day(rules):
    text = (
        "Chinese President Xi Jinping will then travel to Serbia and Hungary. He is expected to meet Serbian President "
        "Aleksandar Vucic in Belgrade on Wednesday and Hungarian Prime Minister Viktor Orban in Budapest on Thursday."
    )
    facts = extract(doc(text, "2024-05-06"), rules)
    assert_meeting(facts, {"people": ["Xi Jinping", "Aleksandar Vučić"], "place": "Belgrade", "start": "2024-05-08", "status": "planned"})
    assert_meeting(facts, {"people": ["Xi Jinping", "Viktor Orbán"], "place": "Budapest", "start": "2024-05-09", "status": "planned"})
    assert not any({"aleksandar-vucic", "viktor-orban"} <= set(m.participants) for m in facts.meetings)


def test_two_objects_inside_one_long_trigger_are_two_meetings(rules):
    text = (
        "President Xi Jinping held talks with President Vladimir Putin in Moscow on Tuesday, "
        "and with President Alexander Lukashenko in Beijing on Friday."
    )
    facts = extract(doc(text, "2023-03-24"), rules)
    assert_meeting(facts, {"people": ["Xi Jinping", "Vladimir Putin"], "place": "Moscow", "start": "2023-03-21"})
    assert_meeting(facts, {"people": ["Xi Jinping", "Alexander Lukashenko"], "place": "Beijing", "start": "2023-03-24"})


def test_one_verb_two_people_one_place_is_one_meeting(rules):
    text = "President Emmanuel Macron met Chancellor Olaf Scholz and Prime Minister Mario Draghi in Kyiv on Thursday."
    facts = extract(doc(text, "2022-06-17"), rules)
    assert [sorted(facts.people[k].name for k in m.participants) for m in facts.meetings] == [["Emmanuel Macron", "Mario Draghi", "Olaf Scholz"]]


@pytest.mark.parametrize(
    "text, published",
    [
        ("President Joe Biden said on Tuesday he had no plans to meet Russian President Vladimir Putin at the G20 summit in Bali.", "2022-11-08"),
        ("Spokesperson Mao Ning said Foreign Minister Wang Yi and Secretary Antony Blinken had not met since July.", "2023-10-09"),
        ("Ukrainian President Volodymyr Zelensky and Russian President Vladimir Putin did not meet in Istanbul on Thursday.", "2025-05-15"),
        ("President Joe Biden has never met President Kim Jong Un.", "2023-05-15"),
    ],
)
def test_a_meeting_its_clause_denies_is_none(rules, text, published):
    assert extract(doc(text, published), rules).meetings == []


def test_a_denial_in_a_relative_clause_leaves_the_meeting_told_beside_it(rules):
    text = "Secretary Antony Blinken, who had not met Foreign Minister Wang Yi since July, met him in Beijing on Monday."
    facts = extract(doc(text, "2023-10-10"), rules)
    assert_meeting(facts, {"people": ["Antony Blinken", "Wang Yi"], "place": "Beijing", "start": "2023-10-09"})


# -- places: what places a meeting, and what only looks like its place


@pytest.mark.parametrize(
    "text, published, people, place",
    [
        # 'near' and 'outside' a city place the meeting there
        ("Chancellor Olaf Scholz met President Emmanuel Macron near Hamburg on Friday.", "2023-10-13", ["Olaf Scholz", "Emmanuel Macron"], "Hamburg"),
        ("President Vladimir Putin held talks with President Alexander Lukashenko outside Minsk on Tuesday.", "2024-05-21", ["Vladimir Putin", "Alexander Lukashenko"], "Minsk"),
        # a kind of place after several words ('Vietnam's central coastal resort city of')
        (
            "Prime Minister Anthony Albanese met President Joko Widodo on Sunday in Vietnam's central coastal resort city of Da Nang.",
            "2023-11-12", ["Anthony Albanese", "Joko Widodo"], "Da Nang",
        ),
        # the summit the meeting was on the fringes of is where it was, with all its people
        (
            "Prime Minister Fumio Kishida and President Joe Biden last met in May on the fringes of a trilateral summit with "
            "Prime Minister Anthony Albanese near Hiroshima.",
            "2023-07-02", ["Fumio Kishida", "Joe Biden", "Anthony Albanese"], "Hiroshima",
        ),
    ],
)
def test_the_words_that_place_a_meeting(rules, text, published, people, place):
    facts = extract(doc(text, published), rules)
    m = meeting_of(facts, *people)
    assert m.place is not None and facts.places[m.place].name == place


def test_a_format_named_for_a_city_places_no_meeting(rules):
    text = "President Emmanuel Macron held talks with President Volodymyr Zelensky on Tuesday in the Berlin format."
    facts = extract(doc(text, "2024-02-20"), rules)
    assert [m.place for m in facts.meetings] == [None]


def test_the_place_of_who_reports_a_meeting_is_not_its_place(rules):
    text = (
        "Kenyan President William Ruto, on a state visit to Germany, held talks with Chancellor Olaf Scholz in Berlin, "
        "according to a statement obtained on Friday by a news agency in Nairobi."
    )
    facts = extract(doc(text, "2024-04-26"), rules)
    assert_meeting(facts, {"people": ["William Ruto", "Olaf Scholz"], "place": "Berlin"})
    text = "Kenyan President William Ruto held talks with Chancellor Olaf Scholz on Friday, according to a statement obtained by a news agency in Nairobi."
    assert [m.place for m in extract(doc(text, "2024-04-26"), rules).meetings] == [None]


def test_objects_grouped_by_the_place_after_them(rules):
    text = (
        "Secretary of State Antony Blinken also met with President Ferdinand Marcos Jr. in Manila this week, "
        "as well as President Joko Widodo and Foreign Minister Retno Marsudi in Jakarta."
    )
    facts = extract(doc(text, "2023-03-17"), rules)
    assert_meeting(facts, {"people": ["Antony Blinken", "Ferdinand Marcos Jr."], "place": "Manila"})
    assert_meeting(facts, {"people": ["Antony Blinken", "Joko Widodo", "Retno Marsudi"], "place": "Jakarta"})


def test_one_verb_two_settings_each_with_its_place_and_day(rules):
    text = (
        "Chancellor Olaf Scholz and President Emmanuel Macron met on the margins of the NATO summit in Vilnius in July "
        "and at the Group of 20 summit in New Delhi this month."
    )
    facts = extract(doc(text, "2023-09-20"), rules)
    got = sorted((facts.places[m.place].name, m.start.lexical()[0]) for m in facts.meetings)
    assert got == [("New Delhi", "2023-09"), ("Vilnius", "2023-07")]


def test_a_meeting_on_the_sidelines_is_where_the_text_holds_the_gathering(rules):
    text = (
        "Leaders from 56 countries will be under one roof later this week in the Samoan capital, Apia, to attend the "
        "Commonwealth summit. Prime Minister Keir Starmer is expected to meet Prime Minister Anthony Albanese on the sidelines."
    )
    facts = extract(doc(text, "2024-10-21"), rules)
    assert_meeting(facts, {"people": ["Keir Starmer", "Anthony Albanese"], "place": "Apia", "status": "planned"})
    # a meeting told with no word of the gathering is not placed by it
    text = (
        "Leaders from 56 countries will be under one roof later this week in the Samoan capital, Apia, to attend the "
        "Commonwealth summit. Prime Minister Keir Starmer is expected to meet Prime Minister Anthony Albanese in December."
    )
    facts = extract(doc(text, "2024-10-21"), rules)
    assert meeting_of(facts, "Keir Starmer", "Anthony Albanese").place is None


def test_a_meeting_is_where_one_of_its_people_met_another_that_day(rules):
    text = (
        "Chancellor Olaf Scholz received President Emmanuel Macron at the Federal Chancellery on Tuesday. "
        "Also on Tuesday, Scholz held talks with Prime Minister Mark Rutte. On Wednesday, Scholz met Prime Minister Giorgia Meloni."
    )
    facts = extract(doc(text, "2023-06-08"), rules)
    assert_meeting(facts, {"people": ["Olaf Scholz", "Emmanuel Macron"], "place": "Federal Chancellery"})
    assert_meeting(facts, {"people": ["Olaf Scholz", "Mark Rutte"], "place": "Berlin"})  # (the venue's city)
    assert meeting_of(facts, "Olaf Scholz", "Giorgia Meloni").place is None  # another day


# -- who met whom: people the rules do not know, named again by surname


def test_a_new_official_named_again_by_surname_alone(rules):
    """A minister a title introduced is the one the bare surname names later, not someone of a longer name."""
    text = (
        "Kenyan President William Ruto met Interior Minister Jane Okello in Nairobi on Monday. "
        "Okello later held a separate meeting with her Ugandan counterpart Samuel Otieno Wafula."
    )
    facts = extract(doc(text, "2024-05-07"), rules)
    assert_meeting(facts, {"people": ["Jane Okello", "Samuel Otieno Wafula"]})
    other = "Kenyan President William Ruto met Interior Minister Jane Okello in Nairobi on Monday. Peter Okello Mwangi met Musalia Mudavadi on Tuesday."
    facts = extract(doc(other, "2024-05-07"), rules)
    assert all("jane-okello" not in m.participants or "william-ruto" in m.participants for m in facts.meetings)


@pytest.mark.parametrize(
    "text, person",
    [
        ("Kenyan President William Ruto met Secretary General of East African Community (EAC) Peter Mathuki in Nairobi on Monday.", "Peter Mathuki"),
        ("Kenyan President William Ruto met Governor of Tanzania's Arusha Region John Mongella in Nairobi on Monday.", "John Mongella"),
        ("Kenyan President William Ruto met President of the European Commission Ursula von der Leyen in Nairobi on Monday.", "Ursula von der Leyen"),
    ],
)
def test_an_official_named_after_the_body_or_region_of_the_title(rules, text, person):
    facts = extract(doc(text, "2024-05-07"), rules)
    assert_meeting(facts, {"people": ["William Ruto", person], "place": "Nairobi", "start": "2024-05-06"})


def test_a_visit_to_a_leader_by_title_is_a_meeting(rules):
    text = (
        "Prime Minister Keir Starmer met President Emmanuel Macron in Paris on Friday. "
        "He visited Polish President Andrzej Duda in Warsaw on Tuesday."
    )
    facts = extract(doc(text, "2024-10-11"), rules)
    assert_meeting(facts, {"people": ["Keir Starmer", "Andrzej Duda"], "place": "Warsaw", "start": "2024-10-08"})
    # (a place named for the leader is no visit to them)
    other = extract(doc("Prime Minister Keir Starmer visited President Andrzej Duda's home town of Krakow on Tuesday.", "2024-10-11"), rules)
    assert other.meetings == []


def test_a_name_beside_a_known_person_is_a_person(rules):
    """'Rosa Quispe and Luis Caputo': an unknown name joined by 'and' to a known person's is a person's; a style or a firm of one word is not."""
    text = "Members of the finance team, such as Rosa Quispe and Luis Caputo, met the IMF's Kristalina Georgieva in Washington on Tuesday."
    facts = extract(doc(text, "2023-11-29"), rules)
    assert_meeting(facts, {"people": ["Rosa Quispe", "Luis Caputo", "Kristalina Georgieva"], "place": "Washington"})
    text = '"We had a long dinner with Bill Clinton and Mateo Ferreyra," President Javier Milei said in New York on Monday.'
    assert_meeting(extract(doc(text, "2023-11-28"), rules), {"people": ["Javier Milei", "Bill Clinton", "Mateo Ferreyra"]})
    text = "President Joko Widodo and First Lady met Prime Minister Anwar Ibrahim in Putrajaya on Thursday."
    assert "First Lady" not in {p.name for p in extract(doc(text, "2023-06-09"), rules).people.values()}


@pytest.mark.parametrize(
    "text, published",
    [
        # a call only wished for
        ('Chancellor Olaf Scholz said on Sunday that the "right time" for a call with President Xi Jinping would come.', "2024-11-10"),
        ("Prime Minister Keir Starmer said the appropriate moment for talks with President Vladimir Putin had not arrived.", "2024-11-10"),
        # a person criticised as talks stall (British spelling)
        ("President Emmanuel Macron has changed course, criticising President Vladimir Putin as the peace talks stalled.", "2025-07-10"),
    ],
)
def test_a_meeting_only_wished_for_or_talked_about_is_none(rules, text, published):
    assert extract(doc(text, published), rules).meetings == []


@pytest.mark.parametrize(
    "text",
    [
        "President Vladimir Putin has received no signals from Chancellor Olaf Scholz about a visit.",
        "President Vladimir Putin has not received any signals from Chancellor Olaf Scholz.",
    ],
)
def test_received_no_signals_is_no_reception(rules, text):
    assert extract(doc(text, "2024-11-10"), rules).meetings == []


def test_a_meeting_only_supposed_by_if_or_whether_is_none(rules):
    """The meeting an 'if' clause supposes is none, and its people join no other; 'had a meeting with A' ends at its first 'with'."""
    text = (
        "Chancellor Olaf Scholz had a meeting with President Emmanuel Macron scheduled for Monday in Paris, "
        "but Macron said it would be called off if Scholz met with Prime Minister Viktor Orban."
    )
    facts = extract(doc(text, "2024-03-02"), rules)
    assert_meeting(facts, {"people": ["Olaf Scholz", "Emmanuel Macron"], "place": "Paris", "start": "2024-03-04", "status": "planned"})
    assert all("viktor-orban" not in m.participants for m in facts.meetings)
    asked = "Reporters asked whether President Vladimir Putin would meet President Donald Trump in Riyadh."
    assert extract(doc(asked, "2025-02-20"), rules).meetings == []


def test_the_two_after_a_plan_of_two_top_diplomats_are_those_two(rules):
    """No meeting held yet: 'the two top diplomats' of a plan are the 'two' who met before, not the last pair told."""
    text = (
        "Secretary of State Antony Blinken is expected to hold talks with Foreign Minister Wang Yi on 26 April in Beijing. "
        "Blinken could be received by President Xi Jinping after the talks. "
        "This will be the second meeting between the two top diplomats this month. The two met in Jakarta on Monday."
    )
    facts = extract(doc(text, "2024-04-17"), rules)
    (jakarta,) = [m for m in facts.meetings if m.place == "jakarta-id"]
    assert (sorted(jakarta.participants), jakarta.start.lexical()[0]) == (["antony-blinken", "wang-yi"], "2024-04-15")


def test_a_visit_that_comes_after_a_call_is_no_part_of_the_call(rules):
    text = "Lavrov's trip comes a week after President Xi Jinping held a phone call with President Emmanuel Macron."
    facts = extract(doc(text, "2024-04-08"), rules)
    assert [sorted(m.participants) for m in facts.meetings] == [["emmanuel-macron", "xi-jinping"]]


def test_separate_calls_with_several_are_one_call_each_and_share_what_was_said(rules):
    text = (
        "Foreign Minister Penny Wong held separate phone calls with Foreign Secretary David Lammy, Foreign Minister Hakan Fidan "
        "and Foreign Minister Ahmed Attaf on Tuesday. During the phone calls, Wong discussed the humanitarian situation in Gaza."
    )
    facts = extract(doc(text, "2025-03-05"), rules)
    calls = sorted(sorted(facts.people[k].name for k in m.participants) for m in facts.meetings)
    assert calls == [["Ahmed Attaf", "Penny Wong"], ["David Lammy", "Penny Wong"], ["Hakan Fidan", "Penny Wong"]]
    assert all("gaza-humanitarian" in m.issues for m in facts.meetings)


def test_interacted_with_a_number_of_leaders_is_one_meeting_each(rules):
    text = (
        "On the sidelines of the summit in Johannesburg, Prime Minister Anthony Albanese interacted with a number of heads of state, "
        "including President Cyril Ramaphosa, President Javier Milei and Prime Minister Mark Carney. "
        "Albanese also met with Wanjiru Kamau, the Executive Director of the fund."
    )
    facts = extract(doc(text, "2025-11-23"), rules)
    pairs = sorted(sorted(facts.people[k].name for k in m.participants) for m in facts.meetings)
    assert pairs == [
        ["Anthony Albanese", "Cyril Ramaphosa"], ["Anthony Albanese", "Javier Milei"],
        ["Anthony Albanese", "Mark Carney"], ["Anthony Albanese", "Wanjiru Kamau"],
    ]


def test_whose_adviser_or_envoy_someone_is_is_not_at_the_meeting(rules):
    # the principal is only named: 'counselor to President X', 'aide to', 'Special Envoy of'
    for text in (
        "Foreign Minister Wang Yi held a phone call on Monday with Jake Sullivan, national security adviser to US President Joe Biden.",
        "Foreign Minister Wang Yi met on Monday with Jake Sullivan, a senior aide to President Joe Biden, in Vienna.",
        "Foreign Minister Wang Yi received Jake Sullivan, Special Envoy of President Joe Biden, in Beijing on Monday.",
    ):
        facts = extract(doc(text, "2024-03-20"), rules)
        assert [sorted(facts.people[k].name for k in m.participants) for m in facts.meetings] == [["Jake Sullivan", "Wang Yi"]], text


def test_a_leader_a_government_is_under_is_not_at_the_meeting(rules):
    text = (
        "Foreign Minister Penny Wong met Foreign Minister Winston Peters in Wellington on Monday, their first meeting since "
        "the new government took office under Prime Minister Christopher Luxon."
    )
    facts = extract(doc(text, "2024-03-20"), rules)
    assert [sorted(facts.people[k].name for k in m.participants) for m in facts.meetings] == [["Penny Wong", "Winston Peters"]]


@pytest.mark.parametrize("text", [
    # 'negotiations' is a meeting noun like 'talks'
    "Foreign Minister Wang Yi held negotiations with Foreign Minister Penny Wong in Beijing on Monday.",
    # a name with "'s" after a topic word ('over') is still the one met
    "Foreign Minister Wang Yi has spoken over phone with Australia's Foreign Minister Penny Wong on trade.",
    # a participle opening the sentence: its subject follows the comma
    "Receiving Penny Wong in Beijing on Monday, Foreign Minister Wang Yi said ties had improved.",
])
def test_news_shapes_of_who_met(rules, text):
    facts = extract(doc(text, "2024-03-20"), rules)
    assert [sorted(facts.people[k].name for k in m.participants) for m in facts.meetings] == [["Penny Wong", "Wang Yi"]]


def test_receiving_support_is_no_meeting(rules):
    text = "Foreign Minister Penny Wong met Foreign Minister Wang Yi in Beijing on Monday. She thanked President Xi Jinping for the support Australia has been receiving."
    facts = extract(doc(text, "2024-03-20"), rules)
    assert [sorted(facts.people[k].name for k in m.participants) for m in facts.meetings] == [["Penny Wong", "Wang Yi"]]


@pytest.mark.parametrize("text", [
    # a visit to a person, not to a place, names both sides
    "Prime Minister Anthony Albanese paid a courtesy visit to President Joko Widodo in Jakarta on Monday.",
    "Prime Minister Anthony Albanese made a courtesy visit to Indonesian President Joko Widodo in Jakarta on Monday.",
    "Prime Minister Anthony Albanese made a courtesy visit to Widodo at the palace in Jakarta on Monday after naming Joko Widodo a friend.",
])
def test_a_visit_to_a_person_is_a_meeting(rules, text):
    facts = extract(doc(text, "2024-03-20"), rules)
    assert ["Anthony Albanese", "Joko Widodo"] in [sorted(facts.people[k].name for k in m.participants) for m in facts.meetings]


def test_a_visit_to_a_country_named_before_a_speaker_is_no_meeting(rules):
    text = "Prime Minister Anthony Albanese will pay a visit to Indonesia, President Joko Widodo said on Monday."
    facts = extract(doc(text, "2024-03-20"), rules)
    assert [sorted(facts.people[k].name for k in m.participants) for m in facts.meetings if len(m.participants) > 1] == []


def test_figures_of_the_news_without_office_are_known(rules):
    # opposition leaders, former leaders and businessmen meet officials too
    text = (
        "Opposition leader Raila Odinga held talks with President Samia Suluhu Hassan in Dar es Salaam on Monday. "
        "Former premier Thaksin Shinawatra met Prime Minister Hun Manet in Phnom Penh on Tuesday."
    )
    facts = extract(doc(text, "2024-03-20"), rules)
    pairs = [sorted(facts.people[k].name for k in m.participants) for m in facts.meetings]
    assert ["Raila Odinga", "Samia Suluhu Hassan"] in pairs and ["Hun Manet", "Thaksin Shinawatra"] in pairs


def test_a_visit_to_a_country_whose_leader_the_text_names_meets_that_leader(rules):
    text = (
        "President Joko Widodo opened a new port in Surabaya on Monday. "
        "Prime Minister Fumio Kishida will pay a visit to Indonesia on 20 June."
    )
    facts = extract(doc(text, "2023-05-22"), rules)
    pairs = [(sorted(facts.people[k].name for k in m.participants), m.status) for m in facts.meetings]
    assert pairs == [(["Fumio Kishida", "Joko Widodo"], "planned")]


def test_a_visit_to_a_country_whose_leader_the_text_does_not_name_is_no_meeting(rules):
    text = "Prime Minister Fumio Kishida will pay a visit to Indonesia on 20 June, Chief Cabinet Secretary Hirokazu Matsuno said."
    facts = extract(doc(text, "2023-05-22"), rules)
    assert [m for m in facts.meetings if len(m.participants) > 1] == []


def test_a_country_and_a_title_refer_back_to_the_one_named_so(rules):
    """'the Saudi minister' after 'Saudi Foreign Minister X' is X (a title of that country the text gave someone)."""
    text = ("Saudi Foreign Minister Faisal bin Farhan arrived in Kampala on Monday. "
            "The Saudi minister then met Ugandan President Yoweri Museveni at State House.")
    facts = extract(doc(text, "2023-06-20"), rules)
    assert [sorted(names(facts, m.participants)) for m in facts.meetings] == [["Faisal bin Farhan Al Saud", "Yoweri Museveni"]]
    # nobody of that country named before: nobody
    facts = extract(doc("The Saudi minister then met Ugandan President Yoweri Museveni at State House.", "2023-06-20"), rules)
    assert facts.meetings == []


def test_initials_before_a_known_surname_are_that_person(rules):
    """A ministry's 'S. Lavrov' and 'President B. Assad' are the people the rules know, not new ones."""
    facts = extract(doc("Foreign Minister S. Lavrov met President B. Assad in Damascus on Monday.", "2020-09-07"), rules)
    assert sorted(p.name for p in facts.people.values()) == ["Bashar al-Assad", "Sergey Lavrov"]
    assert_meeting(facts, {"people": ["Sergey Lavrov", "Bashar al-Assad"], "place": "Damascus", "start": "2020-09-07"})
