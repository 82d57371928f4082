"""Sentence shapes of White House, MOFA, FCDO, Kremlin and news readouts that extraction once missed, each on its own."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.errors import RuleError
from kg.extract import extract
from kg.gazetteer import gazetteer_for
from kg.model import Document
from kg.ruleset import load_rules


def _facts(rules, text: str, published: str, publisher: str | None = None):
    day = dt.date.fromisoformat(published)
    return extract(Document(id="s", text=text, published=day, date=day, publisher=publisher), rules)


def _names(facts, meeting) -> list[str]:
    return sorted(facts.people[k].name for k in meeting.participants)


def _meetings(facts) -> list[tuple]:
    return sorted((_names(facts, m), m.start.lexical()[0], m.place, m.format, m.status) for m in facts.meetings)


# 1. a Japanese name written family name first in mixed case


@pytest.mark.parametrize(
    "text, who",
    [
        ("President Joe Biden met Prime Minister Kishida Fumio of Japan in Washington on Friday.", "Fumio Kishida"),
        ("Secretary Blinken met Foreign Minister Kamikawa Yoko in Tokyo on Friday.", "Yoko Kamikawa"),
    ],
)
def test_a_japanese_name_family_name_first(rules, text, who):
    facts = _facts(rules, text, "2023-11-10")
    (meeting,) = facts.meetings
    assert who in _names(facts, meeting)
    assert not any(p.name in ("Kishida Fumio", "Kamikawa Yoko") for p in facts.people.values())  # no new person


def test_the_family_first_form_is_made_only_for_family_first_countries(rules):
    gaz = gazetteer_for(rules)
    people = {p.name: p for p in rules.people}
    assert "Kishida Fumio" in gaz.native_order_forms(people["Fumio Kishida"])
    assert gaz.native_order_forms(people["Xi Jinping"]) == []  # already written family name first
    assert gaz.native_order_forms(people["Antony Blinken"]) == []  # 'Blinken Antony' is no name
    assert gaz.native_order_forms(people["S. Jaishankar"]) == []


def test_a_country_flag_must_be_a_boolean(tmp_path):
    (tmp_path / "places.yaml").write_text("countries:\n  - {code: JP, family_name_first: perhaps}\n", encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(tmp_path)
    assert "countries[0] (JP): family_name_first" in str(err.value)
    assert "unknown key" not in str(err.value)


# 2. 'welcomed X to Berlin'


def test_welcomed_to_a_place_is_a_meeting(rules):
    facts = _facts(rules, "Chancellor Friedrich Merz welcomed President Emmanuel Macron to Berlin on Tuesday.", "2025-07-23")
    assert _meetings(facts) == [(["Emmanuel Macron", "Friedrich Merz"], "2025-07-22", "berlin-de", "in-person", "held")]


def test_welcoming_a_decision_is_no_meeting(rules):
    facts = _facts(rules, "Chancellor Friedrich Merz welcomed President Emmanuel Macron's decision on Tuesday.", "2025-07-23")
    assert facts.meetings == []


# 3. a headline's meeting is the body's


@pytest.mark.parametrize("headline, fmt", [("Holds Phone Talks with", "phone"), ("Holds Video Call with", "video"), ("Has Phone Call with", "phone")])
def test_a_headline_call_is_the_call_of_the_body(rules, headline, fmt):
    body = "video call" if fmt == "video" else "phone call"
    text = f"Wang Yi {headline} Foreign Minister Penny Wong\n\nOn March 5, Foreign Minister Wang Yi held a {body} with Australian Foreign Minister Penny Wong. The two sides discussed trade."
    facts = _facts(rules, text, "2025-03-05", publisher="Ministry of Foreign Affairs of the People's Republic of China")
    assert _meetings(facts) == [(["Penny Wong", "Wang Yi"], "2025-03-05", None, fmt, "held")]


# 4. places


@pytest.mark.parametrize(
    "text, day, place",
    [
        ("President Xi Jinping met President Serdar Berdimuhamedov in the Turkmen capital on Monday.", "2024-06-03", "ashgabat-tm"),
        ("President Vladimir Putin met President Recep Tayyip Erdogan in the Black Sea resort of Sochi on Monday.", "2023-09-04", "sochi-ru"),
        ("President Donald Trump met President Volodymyr Zelenskyy in the Oval Office on Friday.", "2025-02-28", "white-house"),
        ("Chancellor Friedrich Merz received President Emmanuel Macron at the Federal Chancellery on Tuesday.", "2025-07-23", "federal-chancellery"),
        ("Secretary Antony Blinken met Foreign Minister Wang Yi on the sidelines of the UN General Assembly on Friday.", "2023-09-22", "new-york-city-us"),
    ],
)
def test_the_place_of_a_meeting(rules, text, day, place):
    (meeting,) = _facts(rules, text, day).meetings
    assert meeting.place == place


@pytest.mark.parametrize(
    "text",
    [
        "President Xi Jinping met President Serdar Berdimuhamedov on Monday to discuss Turkmen capital markets.",
        "Secretary Antony Blinken met Foreign Minister Wang Yi in Washington on Friday, ahead of the UN General Assembly.",
        "Secretary Antony Blinken met Foreign Minister Wang Yi on Friday, ahead of the UN General Assembly.",
    ],
)
def test_no_place_where_the_text_gives_none(rules, text):
    (meeting,) = _facts(rules, text, "2023-09-15").meetings
    assert meeting.place in (None, "washington-us")


def test_the_chancellery_fits_berlin(rules):
    from kg.merge import place_ok

    gaz = gazetteer_for(rules)
    assert place_ok(gaz, "federal-chancellery", "berlin-de")


# 5. who also attended or joined


@pytest.mark.parametrize(
    "extra",
    [
        "Secretary of State Antony Blinken and National Security Advisor Jake Sullivan also attended.",
        "Secretary of State Antony Blinken and National Security Advisor Jake Sullivan joined the meeting.",
        "Also present were Secretary of State Antony Blinken and National Security Advisor Jake Sullivan.",
    ],
)
def test_those_who_also_attended_are_participants(rules, extra):
    text = "President Joe Biden met Prime Minister Fumio Kishida in the Oval Office today. " + extra
    facts = _facts(rules, text, "2024-04-10")
    assert _meetings(facts) == [(["Antony Blinken", "Fumio Kishida", "Jake Sullivan", "Joe Biden"], "2024-04-10", "white-house", "in-person", "held")]


def test_attending_another_event_is_not_joining_the_meeting(rules):
    text = "President Joe Biden met Prime Minister Fumio Kishida in Washington today. Secretary of State Antony Blinken also attended the NATO Summit."
    facts = _facts(rules, text, "2024-04-10")
    assert [_names(facts, m) for m in facts.meetings] == [["Fumio Kishida", "Joe Biden"]]


# 6. title cues


@pytest.mark.parametrize(
    "text, day, name, title",
    [
        ("Secretary of War Jane Doering met Defense Minister Dong Jun on Friday.", "2025-10-31", "Jane Doering", "Secretary of War"),
        ("Taoiseach Leo Varadkar met President Joe Biden at the White House on Friday.", "2023-03-17", "Leo Varadkar", "Taoiseach"),
        ("Tánaiste Micheal Fahey met Foreign Minister Wang Yi on Friday.", "2025-03-14", "Micheal Fahey", "Tánaiste"),
        ("Acting President Choi Sangwoo met Secretary Antony Blinken in Seoul on Monday.", "2025-01-06", "Choi Sangwoo", "President"),
        ("Chief Adviser Muhammad Yunas met Prime Minister Narendra Modi in Bangkok on Friday.", "2025-04-04", "Muhammad Yunas", "Chief Adviser"),
    ],
)
def test_a_title_cue_introduces_an_official(rules, text, day, name, title):
    facts = _facts(rules, text, day)
    (meeting,) = facts.meetings
    assert name in _names(facts, meeting)
    person = next(p for p in facts.people.values() if p.name == name)
    assert title in [r.title for r in person.roles]


def test_the_pope_and_the_taoiseach_are_titles(rules):
    gaz = gazetteer_for(rules)
    assert gaz.title_kinds["pope"][0] == "head-of-state"
    assert gaz.title_kinds["taoiseach"][0] == "head-of-government"
    assert gaz.title_kinds["acting president"][0] == "head-of-state"


# 7. counterparts


def test_a_two_word_demonym_counterpart(rules):
    facts = _facts(rules, "Foreign Minister Penny Wong met her South Korean counterpart in Seoul on Friday.", "2024-10-04")
    (meeting,) = facts.meetings
    assert _names(facts, meeting) == ["Cho Tae-yul", "Penny Wong"]


def test_the_counterpart_of_a_deputy_prime_minister_and_foreign_minister(rules):
    # Ishaq Dar is Pakistan's Deputy Prime Minister and Foreign Minister: on his ministry's readout his
    # British counterpart is the Foreign Secretary, not the Deputy Prime Minister (Angela Rayner)
    facts = _facts(rules, "Deputy Prime Minister and Foreign Minister Ishaq Dar met his British counterpart in London on Tuesday.", "2024-12-10", publisher="Ministry of Foreign Affairs of Pakistan")
    (meeting,) = facts.meetings
    assert _names(facts, meeting) == ["David Lammy", "Ishaq Dar"]


# 8. Mr, Ms, Mrs, Dr before a surname


@pytest.mark.parametrize(
    "text, day, want",
    [
        ("Mr Lammy met Mr Wang in Beijing on Friday.", "2024-10-18", ["David Lammy"]),  # Wang: seven Wangs hold office
        ("Ms Wong met Mr Lammy in Canberra on Friday.", "2024-10-18", ["David Lammy", "Penny Wong"]),  # Ms: not Lawrence Wong
        ("Mr Wong met Mr Lammy in Singapore on Friday.", "2024-10-18", ["David Lammy", "Lawrence Wong"]),
        ("Foreign Secretary David Lammy met his Chinese counterpart on Friday. Mr Wang said trade mattered.", "2024-10-18", ["David Lammy", "Wang Yi"]),
    ],
)
def test_an_honorific_and_a_surname(rules, text, day, want):
    facts = _facts(rules, text, day)
    assert sorted(p.name for p in facts.people.values()) == want


def test_an_honorific_never_names_someone_out_of_office(rules):
    # Mike Pompeo left office in 2021: 'Mr Pompeo' in 2024 may be anyone named so
    facts = _facts(rules, "Mr Pompeo met Mr Lammy in London on Friday.", "2024-10-18")
    assert sorted(p.name for p in facts.people.values()) == ["David Lammy"]


# 9. 'He met ...' after a sentence naming him


def test_he_met_after_a_planned_visit(rules):
    text = "Prime Minister Narendra Modi will visit Washington next month. He met President Joe Biden in January."
    facts = _facts(rules, text, "2024-02-01")
    held = [m for m in _meetings(facts) if m[4] == "held"]
    assert held == [(["Joe Biden", "Narendra Modi"], "2024-01", None, "in-person", "held")]


def test_she_is_not_a_man_named_before(rules):
    text = "Prime Minister Narendra Modi will visit Washington next month. She met President Joe Biden in January."
    assert _facts(rules, text, "2024-02-01").meetings == []


# 10. a name wrapped onto the next line


def test_a_name_wrapped_onto_the_next_line(rules):
    facts = _facts(rules, "President William Ruto met Prime Cabinet Secretary Musalia\nMudavadi in Nairobi on Monday.", "2024-02-05")
    assert "Musalia Mudavadi" in {p.name for p in facts.people.values()}
    (meeting,) = facts.meetings
    assert _names(facts, meeting) == ["Musalia Mudavadi", "William Ruto"]


# 11. 'spoke' is a call only when the text says so


@pytest.mark.parametrize(
    "text, fmt",
    [
        ("Foreign Minister Annalena Baerbock spoke with her British counterpart by phone on Monday.", "phone"),
        ("Foreign Minister Annalena Baerbock and Foreign Secretary David Lammy spoke by telephone on Monday.", "phone"),
        ("Foreign Minister Annalena Baerbock spoke over the phone with Foreign Secretary David Lammy on Monday.", "phone"),
        ("Foreign Minister Annalena Baerbock spoke with Foreign Secretary David Lammy on Monday.", None),  # the text does not say how
    ],
)
def test_spoke_is_a_call_when_the_text_says_so(rules, text, fmt):
    facts = _facts(rules, text, "2024-09-02")
    (meeting,) = facts.meetings
    assert _names(facts, meeting) == ["Annalena Baerbock", "David Lammy"]
    assert meeting.format == fmt


def test_speaking_at_a_press_conference_is_no_call(rules):
    facts = _facts(rules, "Foreign Secretary David Lammy spoke at a press conference with Foreign Minister Annalena Baerbock in Berlin on Monday.", "2024-09-02")
    assert all(m.format != "phone" for m in facts.meetings)


@pytest.mark.parametrize(
    "fname, text, where",
    [
        ("triggers.yaml", "meeting:\n  - {id: also-there, pattern: also there, joins: perhaps}\n", "joins"),
        ("organizations.yaml", "organizations:\n  - {id: un-ga, name: UN GA, meets_in: New York}\n", "meets_in"),
    ],
)
def test_a_bad_new_rule_key_is_named(tmp_path, fname, text, where):
    (tmp_path / fname).write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(tmp_path)
    assert f": {where}: " in str(err.value)
    assert "unknown key" not in str(err.value)  # a key of the schema, with a wrong value


# found beside the gaps


def test_a_title_opening_a_known_name_introduces_nobody_else(rules):
    facts = _facts(rules, "Pope Francis Holds Talks with President Bashar al-Assad\n\nPope Francis met President Bashar al-Assad on Monday.", "2019-03-04")
    assert sorted(p.name for p in facts.people.values()) == ["Bashar al-Assad", "Pope Francis"]  # not 'Francis Holds Talks'


def test_a_date_of_a_clause_of_its_own(rules):
    text = "President Vladimir Putin met President Masoud Pezeshkian in Ashgabat on Friday, their first meeting since Pezeshkian took office in July."
    assert [m.start.lexical()[0] for m in _facts(rules, text, "2024-10-11").meetings] == ["2024-10-11"]


def test_an_official_readout_goes_on_with_what_a_side_said(rules):
    text = (
        "On January 24, Foreign Minister Wang Yi held a phone call with Secretary of State Marco Rubio. "
        "Wang Yi said that the two countries should get along. The Taiwan question concerns China's sovereignty, and the U.S. side should handle it with prudence."
    )
    official = _facts(rules, text, "2025-01-24", publisher="Ministry of Foreign Affairs of the People's Republic of China")
    assert "taiwan" in official.meetings[0].issues
    news = _facts(rules, text, "2025-01-24", publisher="Reuters")  # a newspaper's next sentence may be its own background
    assert "taiwan" not in news.meetings[0].issues


def test_a_countrys_leader_is_one_of_two_offices(tmp_path):
    (tmp_path / "places.yaml").write_text("countries:\n  - {code: FR, leader: president}\n", encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(tmp_path)
    assert "countries[0] (FR): leader" in str(err.value) and "head-of-state" in str(err.value)
