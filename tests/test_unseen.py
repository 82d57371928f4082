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


def _facts(rules, text: str, published: str, doc_id: str = "s"):
    day = dt.date.fromisoformat(published)
    return extract(Document(id=doc_id, text=text, published=day, date=day), rules)


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
