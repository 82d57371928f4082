"""Readouts unlike the seeds (other officials, countries and formats) give the right meetings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build import build_graph

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


def test_no_other_meetings(graph):
    assert len(graph.meetings) == len(EXPECTED["meetings"])


@pytest.mark.parametrize("name", EXPECTED["not_participants"])
def test_not_participants(graph, name):
    keys = {k for k, p in graph.people.items() if p.name == name}
    assert not any(keys & set(m.participants) for m in graph.meetings.values())
