"""Extraction rules, family by family: snippet in, expected facts out.

Most snippets are written in the style of readouts of other countries and
officials than the seeds, so the rules are held to generalise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.build import extract_all
from kg.extract import extract, split_sentences
from kg.gazetteer import gazetteer_for
from kg.merge import merge
from kg.model import Document


def doc(text: str, published: str | None = None, **meta) -> Document:
    from kg.dates import document_date

    pub = dt.date.fromisoformat(published) if published else None
    d = Document(id=meta.pop("id", "d1"), text=text, published=pub, **meta)
    d.date, d.date_source = document_date(text, pub)
    return d


def names(facts, keys) -> set[str]:
    return {facts.people[k].name if k in facts.people else k for k in keys}


def meeting_of(facts, *people: str):
    found = [m for m in facts.meetings if set(people) <= names(facts, m.participants)]
    assert found, f"no meeting of {people}; meetings: {[names(facts, m.participants) for m in facts.meetings]}"
    assert len(found) == 1, f"{len(found)} meetings of {people}"
    return found[0]


# (id, text, document date, expected facts of the meeting of the named people)
CASES = [
    (
        "title-cues-known-officials",
        "German Foreign Minister Annalena Baerbock met with Chinese Foreign Minister Wang Yi in Berlin on Tuesday.",
        "2024-01-18",
        {"people": ["Annalena Baerbock", "Wang Yi"], "start": "2024-01-16", "place": "Berlin", "reported": True},
    ),
    (
        "title-cues-unknown-officials",
        "Vice Premier Zhao Mingde held talks with Kenyan Foreign Minister Wanjiru Kamau in Beijing on Monday.",
        "2024-03-20",
        {"people": ["Zhao Mingde", "Wanjiru Kamau"], "start": "2024-03-18", "place": "Beijing", "reported": True},
    ),
    (
        "dateline-and-weekday",
        "NEW DELHI, March 3, 2023 — External Affairs Minister S. Jaishankar met Russian Foreign Minister Sergey Lavrov in New Delhi on Thursday on the sidelines of the G20 Foreign Ministers' Meeting.",
        None,
        {"people": ["Sergey Lavrov"], "start": "2023-03-02", "place": "New Delhi", "context": "G20 Foreign Ministers", "reported": True},
    ),
    (
        "range-without-year-resolved-by-document-date",
        "Secretary of State Antony J. Blinken met with Saudi Crown Prince Mohammed bin Salman in Jeddah June 6-7.",
        "2023-06-08",
        {"people": ["Antony Blinken", "Mohammed bin Salman"], "start": "2023-06-06", "end": "2023-06-07", "place": "Jeddah"},
    ),
    (
        "range-without-any-year-stays-partial",
        "Prime Minister Narendra Modi held talks with President Emmanuel Macron in Paris on July 13-14.",
        None,
        {"people": ["Narendra Modi", "Emmanuel Macron"], "start": "--07-13", "end": "--07-14", "place": "Paris"},
    ),
    (
        "today",
        "Today, Foreign Secretary James Cleverly met with Foreign Minister Penny Wong in London.",
        "2023-03-21",
        {"people": ["James Cleverly", "Penny Wong"], "start": "2023-03-21", "place": "London"},
    ),
    (
        "phone-call-last-week",
        "During a phone call last week, Foreign Minister Wang Yi told Russian Foreign Minister Sergey Lavrov that China supports peace talks.",
        "2024-02-14",
        {"people": ["Wang Yi", "Sergey Lavrov"], "format": "phone", "start": "2024-02", "reported": False},
    ),
    (
        "spoke-by-phone",
        "President Joe Biden spoke by phone with President Volodymyr Zelenskyy on Friday.",
        "2023-12-09",
        {"people": ["Joe Biden", "Volodymyr Zelenskyy"], "format": "phone", "start": "2023-12-08"},
    ),
    (
        "planned-meeting",
        "Prime Minister Fumio Kishida will meet President Yoon Suk Yeol in Seoul next week, officials said.",
        "2023-04-28",
        {"people": ["Fumio Kishida", "Yoon Suk Yeol"], "status": "planned", "place": "Seoul"},
    ),
    (
        "postponed-meeting",
        "The meeting between Secretary Blinken and Foreign Minister Wang Yi in Beijing was postponed after the balloon incident.",
        "2023-02-04",
        {"people": ["Antony Blinken", "Wang Yi"], "status": "postponed", "place": "Beijing"},
    ),
    (
        "counterpart-resolved-from-roles",
        "US Secretary of State Antony Blinken met with his Chinese counterpart in Beijing on Sunday.",
        "2023-06-18",
        {"people": ["Antony Blinken", "Qin Gang"], "start": "2023-06-18", "place": "Beijing"},
    ),
    (
        "duration",
        "Defense Secretary Lloyd Austin met Chinese Defense Minister Dong Jun in Singapore on Friday for about 75 minutes.",
        "2024-06-01",
        {"people": ["Lloyd Austin", "Dong Jun"], "start": "2024-05-31", "duration_iso": "PT1H15M", "place": "Singapore"},
    ),
]


@pytest.mark.parametrize("case_id,text,published,expect", CASES, ids=[c[0] for c in CASES])
def test_meeting_table(rules, case_id, text, published, expect):
    assert_meeting(extract(doc(text, published), rules), expect)


def assert_meeting(facts, expect: dict) -> None:
    """The one meeting of ``expect['people']`` has each fact ``expect`` gives (issues: at least those)."""
    m = meeting_of(facts, *expect["people"])
    if "start" in expect:
        assert m.start.lexical()[0] == expect["start"]
    if "end" in expect:
        assert m.end.lexical()[0] == expect["end"]
    if "place" in expect:
        assert m.place is not None and facts.places[m.place].name == expect["place"]
    if "status" in expect:
        assert m.status == expect["status"]
    else:
        assert m.status == "held"
    if "format" in expect:
        assert m.format == expect["format"]
    if "context" in expect:
        assert expect["context"] in (m.context or "")
    if "duration_iso" in expect:
        assert m.duration_iso == expect["duration_iso"]
    if "reported" in expect:
        assert bool(m.reported_in) is expect["reported"]
    if "issues" in expect:
        assert set(expect["issues"]) <= set(m.issues), m.issues


def test_unknown_title_person_gets_role_and_country(rules):
    facts = extract(doc(CASES[1][1], CASES[1][2]), rules)
    person = facts.people["wanjiru-kamau"]
    assert person.country == "KE"
    assert [r.title for r in person.roles] == ["Foreign Minister"]


def test_surname_alone_does_not_make_a_person(rules):
    facts = extract(doc("Miller said the talks in Geneva were productive.", "2023-05-30"), rules)
    assert facts.people == {}


def test_surname_after_full_name_is_the_same_person(rules):
    text = "Australian Foreign Minister Penny Wong met Chinese Foreign Minister Wang Yi in Beijing on Wednesday. Wong raised concerns about the detention of Cheng Lei."
    facts = extract(doc(text, "2022-12-21"), rules)
    wong = facts.people["penny-wong"]
    assert "Wong" in wong.aliases
    assert len([k for k in facts.people if "wong" in k]) == 1


def test_title_only_mention_resolves_to_named_official(rules):
    text = "Secretary of State Antony Blinken met with Foreign Minister Wang Yi in Jakarta on Thursday. The Secretary raised concerns about fentanyl."
    facts = extract(doc(text, "2023-07-13"), rules)
    assert "the Secretary" in facts.people["antony-blinken"].aliases
    m = meeting_of(facts, "Antony Blinken", "Wang Yi")
    assert any(st.person == "antony-blinken" and st.verb == "raised-concern" for st in m.stances)


def test_pronoun_carries_the_subject(rules):
    text = "Secretary Blinken met with Foreign Minister Wang Yi in Washington on Thursday. He urged China to curb exports of precursor chemicals used to make fentanyl."
    facts = extract(doc(text, "2023-10-27"), rules)
    m = meeting_of(facts, "Antony Blinken", "Wang Yi")
    stances = {(st.person, st.verb) for st in m.stances}
    assert ("antony-blinken", "urged") in stances


def test_past_meeting_is_mentioned_not_reported(rules):
    text = (
        "President Joe Biden met President Xi Jinping at the Filoli Estate in Woodside on Wednesday. "
        "The development of principles, as discussed by President Biden and President Xi in Bali last November, was reviewed."
    )
    facts = extract(doc(text, "2023-11-16"), rules)
    meetings = [m for m in facts.meetings if names(facts, m.participants) == {"Joe Biden", "Xi Jinping"}]
    by_place = {facts.places[m.place].name if m.place else None: m for m in meetings}
    assert by_place["Bali"].start.lexical() == ("2022-11", "gYearMonth")
    assert not by_place["Bali"].reported_in and by_place["Bali"].mentioned_in == ["d1"]
    reported = [m for m in meetings if m.reported_in]
    assert len(reported) == 1 and reported[0].start.lexical()[0] == "2023-11-15"


def test_heads_of_state_anaphora_makes_planned_meeting(rules):
    text = (
        "Wang Yi held talks with U.S. Secretary of State Antony Blinken in Washington, D.C. on October 26. "
        "The two sides agreed to work together for the meeting between the two heads of state in San Francisco."
    )
    facts = extract(doc(text, "2023-10-28"), rules)
    m = meeting_of(facts, "Joe Biden", "Xi Jinping")
    assert m.status == "planned"
    assert facts.places[m.place].name == "San Francisco"
    assert m.start.is_empty, "no date is given, so none is invented"


def test_spokespeople_and_authors_are_not_participants(rules):
    text = "State Department Spokesperson Matthew Miller said Secretary Blinken met with Foreign Minister Wang Yi in Jakarta on Thursday."
    facts = extract(doc(text, "2023-07-13", author="Jennifer Hansler"), rules)
    m = meeting_of(facts, "Antony Blinken", "Wang Yi")
    assert "matthew-miller" not in m.participants
    assert "jennifer-hansler" in facts.people and "jennifer-hansler" not in m.participants


def test_issue_triggers_link_to_reported_meeting(rules):
    text = (
        "Secretary Blinken met with Foreign Minister Wang Yi in Washington on Thursday. "
        "The two sides discussed the war in Ukraine and climate change. "
        "Many precursor chemicals come from China."
    )
    facts = extract(doc(text, "2023-10-27"), rules)
    m = meeting_of(facts, "Antony Blinken", "Wang Yi")
    labels = {gazetteer_for(rules).concepts[c].label.lower() for c in m.issues}
    assert any("ukrain" in label for label in labels)
    assert any("climate" in label for label in labels)
    assert not any("fentanyl" in label or "narcotic" in label for label in labels), "a sentence with no discussion cue is no topic"


def test_sentences_do_not_split_at_abbreviations():
    text = "U.S. Secretary of State Antony J. Blinken met Wang Yi in Washington, D.C. on Friday. He left."
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == ["U.S. Secretary of State Antony J. Blinken met Wang Yi in Washington, D.C. on Friday.", "He left."]


def _merged(rules, *docs):
    facts, _ = extract_all(list(docs), rules)
    return merge(gazetteer_for(rules), facts)


def test_merge_two_readouts_into_one_meeting(rules):
    us = doc("Secretary Blinken met with Foreign Minister Wang Yi in Washington October 26-27.", "2023-10-27", id="us")
    prc = doc("From October 26 to 27, Wang Yi held talks with U.S. Secretary of State Antony Blinken in Washington.", "2023-10-28", id="prc")
    undated = doc("Secretary Blinken held talks with Foreign Minister Wang Yi on October 26-27.", None, id="undated")
    graph = _merged(rules, us, prc, undated)
    washington = [m for m in graph.meetings.values() if set(m.participants) == {"antony-blinken", "wang-yi"}]
    assert len(washington) == 1
    assert washington[0].sources == ["prc", "undated", "us"]
    assert washington[0].start.lexical()[0] == "2023-10-26"


def test_merge_keeps_different_meetings_apart(rules):
    jakarta = doc("Secretary Blinken met with Wang Yi in Jakarta on Thursday.", "2023-07-13", id="jakarta")
    washington = doc("Secretary Blinken met with Foreign Minister Wang Yi in Washington October 26-27.", "2023-10-27", id="washington")
    beijing_a = doc("Secretary Blinken met Foreign Minister Qin Gang in Beijing on Sunday.", "2023-06-18", id="beijing-a")
    beijing_b = doc("Secretary Blinken met Foreign Minister Wang Yi in Beijing on Friday.", "2024-04-26", id="beijing-b")
    graph = _merged(rules, jakarta, washington, beijing_a, beijing_b)
    blinken_wang = sorted(m.start.lexical()[0] for m in graph.meetings.values() if set(m.participants) == {"antony-blinken", "wang-yi"})
    assert blinken_wang == ["2023-07-13", "2023-10-26", "2024-04-26"]


def test_merge_phone_call_and_visit_stay_apart(rules):
    call = doc("Foreign Minister Wang Yi spoke by phone with Secretary Blinken on Wednesday.", "2023-06-14", id="call")
    visit = doc("Secretary Blinken met Foreign Minister Wang Yi in Beijing on Monday.", "2023-06-19", id="visit")
    graph = _merged(rules, call, visit)
    formats = sorted((m.format or "in-person") for m in graph.meetings.values())
    assert formats == ["in-person", "phone"]


def test_title_only_prefers_whom_the_text_gave_the_title(rules):
    """'the Secretary' after 'President Xi' is still Secretary Blinken, not a General Secretary."""
    text = (
        "Secretary Blinken met with Foreign Minister Wang Yi in Washington on Thursday. "
        "They discussed principles agreed by President Biden and President Xi in Bali last November. "
        "The Secretary emphasized the importance of peace and stability across the Taiwan Strait."
    )
    facts = extract(doc(text, "2023-10-27"), rules)
    m = meeting_of(facts, "Antony Blinken", "Wang Yi")
    assert any(st.person == "antony-blinken" and st.verb == "emphasized" for st in m.stances)
    assert "the Secretary" not in facts.people["xi-jinping"].aliases
