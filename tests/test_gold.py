"""Every fact of the gold file (tests/data/gold.json), checked through the Turtle export."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kg.dates import find_durations

GOLD = json.loads((Path(__file__).parent / "data" / "gold.json").read_text(encoding="utf-8"))
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
KGO = Namespace("https://w3id.org/diplomacy-kg/ontology#")


def norm(text: str) -> str:
    return str(text).replace("’", "'").replace("‘", "'")


@pytest.fixture(scope="module")
def ttl(seed_export) -> Graph:
    g = Graph()
    g.parse(seed_export / "graph.ttl", format="turtle")
    return g


def names(g: Graph, node) -> set[str]:
    out = {str(o) for o in g.objects(node, SCHEMA.name)}
    out |= {str(o) for o in g.objects(node, SCHEMA.alternateName)}
    return out


def person(g: Graph, name: str) -> URIRef:
    found = [s for s in g.subjects(SCHEMA.name, Literal(name)) if (s, RDF.type, SCHEMA.Person) in g]
    assert len(found) == 1, f"expected one person node named {name!r}, found {len(found)}"
    return found[0]


def meetings_with(g: Graph, participants: list[str]) -> list[URIRef]:
    people = [person(g, p) for p in participants]
    return [m for m in g.subjects(RDF.type, SCHEMA.Event) if all((m, SCHEMA.attendee, p) in g for p in people)]


def place_names(g: Graph, node) -> set[str]:
    return names(g, node) if node is not None else set()


def source_ids(g: Graph, meeting) -> set[str]:
    return {str(next(g.objects(d, SCHEMA.identifier))) for d in g.objects(meeting, PROV.wasDerivedFrom)}


def labels_of_issues(g: Graph, meeting) -> list[str]:
    out = []
    for concept in g.objects(meeting, SCHEMA.about):
        out += [str(o) for o in g.objects(concept, SKOS.prefLabel)] + [str(o) for o in g.objects(concept, SKOS.altLabel)]
    return out


def find_meeting(g: Graph, gold: dict) -> URIRef:
    candidates = [m for m in meetings_with(g, gold["participants"]) if gold["place"] in place_names(g, next(g.objects(m, SCHEMA.location), None))]
    assert len(candidates) == 1, f"{gold['id']}: expected one meeting node of {gold['participants']} in {gold['place']}, found {len(candidates)}"
    return candidates[0]


@pytest.mark.parametrize("gold", GOLD["meetings"], ids=lambda m: m["id"])
def test_meeting_facts(ttl, gold):
    g = ttl
    m = find_meeting(g, gold)
    assert str(next(g.objects(m, SCHEMA.startDate))) == gold["start"]
    assert str(next(g.objects(m, SCHEMA.endDate))) == gold["end"]
    place = next(g.objects(m, SCHEMA.location))
    countries = {n for c in g.objects(place, SCHEMA.containedInPlace) for n in names(g, c)}
    assert gold["country"] in countries
    assert source_ids(g, m) == set(gold["sources"])
    if "duration" in gold:
        expected = find_durations(gold["duration"])[0].iso
        assert str(next(g.objects(m, SCHEMA.duration))) == expected
    if "context" in gold:
        context = norm(next(g.objects(m, KGO.context)))
        wanted = norm(gold["context"].split(" (")[0])
        assert wanted.lower() in context.lower()
        assert "sidelines" in context.lower()
    assert (m, KGO.status, KGO.Held) in g


@pytest.mark.parametrize(
    "gold,topic",
    [(m, t) for m in GOLD["meetings"] for t in m["topics"]],
    ids=lambda x: x if isinstance(x, str) else x["id"],
)
def test_meeting_topics(ttl, gold, topic):
    labels = labels_of_issues(ttl, find_meeting(ttl, gold))
    assert any(re.search(topic, label, re.IGNORECASE) for label in labels), f"no issue of {gold['id']} matches /{topic}/ among {sorted(labels)}"


@pytest.mark.parametrize(
    "gold,place",
    [(m, p) for m in GOLD["meetings"] for p in m.get("places_mentioned", [])],
    ids=lambda x: x if isinstance(x, str) else x["id"],
)
def test_places_mentioned_by_sources(ttl, gold, place):
    g = ttl
    m = find_meeting(g, gold)
    mentioned = set()
    for doc in g.objects(m, PROV.wasDerivedFrom):
        for target in g.objects(doc, SCHEMA.mentions):
            if (target, RDF.type, SCHEMA.Place) in g:
                mentioned |= names(g, target)
    assert any(re.search(place, n, re.IGNORECASE) for n in mentioned), f"/{place}/ not among places its sources mention"


@pytest.mark.parametrize("event", GOLD["referenced_events"], ids=lambda e: e["what"])
def test_referenced_events(ttl, event):
    g = ttl
    found = []
    for m in meetings_with(g, event["participants"]):
        loc = next(g.objects(m, SCHEMA.location), None)
        if event["place"] and event["place"] not in place_names(g, loc):
            continue
        if event["place"] is None and loc is not None:
            continue
        if not set(event["sources"]) <= source_ids(g, m):
            continue
        found.append(m)
    assert len(found) == 1, f"expected one meeting for {event['what']!r}, found {len(found)}"
    m = found[0]
    start = next(g.objects(m, SCHEMA.startDate), None) or next(g.objects(m, KGO.startPeriod), None)
    if event["when"] is None:
        assert start is None, f"a date was invented: {start}"
    else:
        assert start is not None and str(start).startswith(event["when"])
    if event["status"] == "planned":
        assert (m, KGO.status, KGO.Planned) in g
        assert (m, SCHEMA.eventStatus, SCHEMA.EventScheduled) in g
    else:
        assert (m, KGO.status, KGO.Held) in g
        # a past meeting is mentioned by these sources, not reported by them
        for doc in event["sources"]:
            reported = {str(next(g.objects(d, SCHEMA.identifier))) for d in g.objects(m, KGO.reportedIn)}
            assert doc not in reported
    if event.get("format") == "phone call":
        assert (m, KGO["format"], KGO.PhoneCall) in g


@pytest.mark.parametrize("gold", GOLD["people"], ids=lambda p: p["name"])
def test_people(ttl, gold):
    g = ttl
    p = person(g, gold["name"])
    aliases = {str(o) for o in g.objects(p, SCHEMA.alternateName)}
    missing = [a for a in gold["aliases_in_seeds"] if a not in aliases]
    assert not missing, f"aliases not recorded: {missing} (have {sorted(aliases)})"
    titles = [str(o) for o in g.objects(p, SCHEMA.jobTitle)]
    for role in gold["roles"]:
        assert any(re.search(role, t, re.IGNORECASE) for t in titles), f"no role of {gold['name']} matches /{role}/ in {titles}"
    if gold.get("country"):
        nationality = {n for c in g.objects(p, SCHEMA.nationality) for n in names(g, c)}
        assert gold["country"] in nationality


@pytest.mark.parametrize("pattern", GOLD["organizations"])
def test_organizations(ttl, pattern):
    labels = [n for o in ttl.subjects(RDF.type, SCHEMA.Organization) for n in names(ttl, o)]
    assert any(re.search(pattern, n) for n in labels), f"no organization matches /{pattern}/"


@pytest.mark.parametrize("pattern", GOLD["places"])
def test_places(ttl, pattern):
    labels = [n for o in ttl.subjects(RDF.type, SCHEMA.Place) for n in names(ttl, o)]
    assert any(re.search(pattern, n, re.IGNORECASE) for n in labels), f"no place matches /{pattern}/"


@pytest.mark.parametrize("doc,date", sorted(GOLD["document_dates"].items()))
def test_document_dates(ttl, doc, date):
    node = next(ttl.subjects(SCHEMA.identifier, Literal(doc)))
    got = next(ttl.objects(node, KGO.documentDate), None)
    assert (str(got) if got is not None else None) == date


def test_must_not_title_or_surname_people(ttl):
    g = ttl
    people = list(g.subjects(RDF.type, SCHEMA.Person))
    all_names = {p: str(next(g.objects(p, SCHEMA.name))) for p in people}
    aliases = {p: {str(a) for a in g.objects(p, SCHEMA.alternateName)} for p in people}
    for p, name in all_names.items():
        assert len(name.split()) >= 2, f"person node named only {name!r}"
        assert name.lower() not in {"secretary", "spokesperson", "the secretary", "president", "foreign minister"}
        for other, other_aliases in aliases.items():
            if other != p:
                assert name not in other_aliases, f"{name!r} is a node and also an alias of {all_names[other]!r}"


def test_must_not_second_washington_node(ttl):
    g = ttl
    nodes = [m for m in meetings_with(g, ["Antony Blinken", "Wang Yi"]) if str(next(g.objects(m, SCHEMA.startDate), "")).startswith("2023-10")]
    assert len(nodes) == 1


@pytest.mark.parametrize("name", ["Matthew Miller", "Jennifer Hansler", "Kylie Atwood", "Se Hoon Kim"])
def test_must_not_reporters_as_participants(ttl, name):
    for p in ttl.subjects(SCHEMA.name, Literal(name)):
        assert not list(ttl.subjects(SCHEMA.attendee, p)), f"{name} is a participant"


def test_must_not_bali_in_2023_or_washington(ttl):
    g = ttl
    for m in meetings_with(g, ["Joe Biden", "Xi Jinping"]):
        start = str(next(g.objects(m, SCHEMA.startDate), ""))
        loc = place_names(g, next(g.objects(m, SCHEMA.location), None))
        if "Bali" in loc:
            assert not start.startswith("2023")
        assert "Washington" not in loc


def test_must_not_invent_dates(ttl):
    """Meetings known only from undated documents carry no year the text does not give."""
    g = ttl
    undated = {str(next(g.objects(d, SCHEMA.identifier))) for d in g.subjects(RDF.type, SCHEMA.CreativeWork) if next(g.objects(d, KGO.documentDate), None) is None}
    assert undated, "the seeds have an undated document"
    for m in g.subjects(RDF.type, SCHEMA.Event):
        if source_ids(g, m) <= undated:
            for d in list(g.objects(m, SCHEMA.startDate)) + list(g.objects(m, SCHEMA.endDate)):
                assert str(d).startswith("--"), f"{m}: year invented in {d}"
