"""Other tools accept the exports: rapper and pyoxigraph parse them, pySHACL finds them conforming.

rapper (Debian raptor2-utils) must be installed: without it these tests fail,
they do not skip. `.ci/run` installs it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from rdflib.collection import Collection

from .conftest import ROOT

ONTOLOGY = ROOT / "ontology" / "kg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
KGO = "https://w3id.org/diplomacy-kg/ontology#"
#: export file -> (rapper's parser or None, rdflib format, pyoxigraph format, is it a dataset)
FILES = {
    "graph.ttl": ("turtle", "turtle", ox.RdfFormat.TURTLE, False),
    "graph.trig": ("trig", "trig", ox.RdfFormat.TRIG, True),
    "graph.nq": ("nquads", "nquads", ox.RdfFormat.N_QUADS, True),
    "graph.jsonld": (None, "json-ld", ox.RdfFormat.JSON_LD, False),
}


def rapper_count(path: Path, parser: str) -> int:
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.fail("rapper is not installed: apt-get install raptor2-utils (.ci/run does)")
    done = subprocess.run([rapper, "-i", parser, "-c", str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    m = re.search(r"Parsing returned (\d+) (triples|statements)", done.stderr)
    assert m, done.stderr
    return int(m.group(1))


def rdflib_load(path: Path, fmt: str, dataset: bool):
    data = rdflib.Dataset() if dataset else rdflib.Graph()
    data.parse(path, format=fmt)
    return data


def rdflib_count(path: Path, fmt: str, dataset: bool) -> int:
    data = rdflib_load(path, fmt, dataset)
    return sum(1 for _ in data.quads()) if dataset else len(data)


def test_every_export_is_there(seed_export):
    assert set(FILES) <= {p.name for p in seed_export.iterdir()}


@pytest.mark.parametrize("name", [n for n, spec in FILES.items() if spec[0]])
def test_rapper_parses_turtle_trig_and_nquads_to_rdflibs_count(seed_export, name):
    parser, fmt, _, dataset = FILES[name]
    assert rapper_count(seed_export / name, parser) == rdflib_count(seed_export / name, fmt, dataset)


@pytest.mark.parametrize("name", list(FILES))
def test_pyoxigraph_parses_every_export_to_rdflibs_count(seed_export, name):
    _, fmt, oxfmt, dataset = FILES[name]
    quads = list(ox.parse(path=str(seed_export / name), format=oxfmt))
    assert len(quads) == rdflib_count(seed_export / name, fmt, dataset) > 0


def test_the_four_files_hold_the_same_facts(seed_export):
    def default(name):
        return {q.triple for q in ox.parse(path=str(seed_export / name), format=FILES[name][2]) if isinstance(q, ox.Triple) or isinstance(q.graph_name, ox.DefaultGraph)}

    ttl = default("graph.ttl")
    assert ttl == default("graph.jsonld") == default("graph.trig") == default("graph.nq")
    trig = set(ox.parse(path=str(seed_export / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert trig == set(ox.parse(path=str(seed_export / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    # JSON-LD read by rdflib: the same triples as the Turtle read by rdflib
    assert set(rdflib_load(seed_export / "graph.jsonld", "json-ld", False)) == set(rdflib_load(seed_export / "graph.ttl", "turtle", False))


def test_rapper_parses_the_ontology_and_the_shapes():
    assert rapper_count(ONTOLOGY, "turtle") > 100
    assert rapper_count(SHAPES, "turtle") > 100


# -- SHACL ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shapes():
    return rdflib.Graph().parse(SHAPES, format="turtle")


def conforms(data, shapes) -> tuple[bool, str]:
    ok, _report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", abort_on_first=False)
    return ok, text


@pytest.mark.parametrize("name", list(FILES))
def test_pyshacl_finds_every_export_conforming(seed_export, shapes, name):
    _, fmt, _, dataset = FILES[name]
    ok, text = conforms(rdflib_load(seed_export / name, fmt, dataset), shapes)
    assert ok, text[:4000]


def test_the_shapes_apply_to_what_the_exports_hold(seed_export, shapes):
    """No shape is vacuous: each targeted class occurs in the seed export."""
    data = rdflib_load(seed_export / "graph.trig", "trig", True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    for shape, cls in shapes.subject_objects(sh.targetClass):
        assert any(data.quads((None, rdflib.RDF.type, cls, None))), f"{shape} targets {cls}, which the export lacks"


SCHEMA = rdflib.Namespace("https://schema.org/")
KG = rdflib.Namespace(KGO)
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
XSD = rdflib.XSD
PERSON = rdflib.URIRef("https://w3id.org/diplomacy-kg/id/person/wang-yi")
MEETING = rdflib.URIRef("https://w3id.org/diplomacy-kg/id/meeting/2023-07-13-jakarta-id-antony-blinken-wang-yi")


def _first(data, p, o=None):
    return next(iter(data.subjects(p, o)))


BREAKAGES = {
    "a person with two names": (lambda d: d.add((PERSON, SCHEMA.name, rdflib.Literal("Wang Yi II"))), "schema:name"),
    "a person without a name": (lambda d: d.remove((PERSON, SCHEMA.name, None)), "schema:name"),
    "a start date that is free text": (lambda d: (d.remove((MEETING, SCHEMA.startDate, None)), d.add((MEETING, SCHEMA.startDate, rdflib.Literal("mid-July")))), "schema:startDate"),
    "a start date typed xsd:dateTime": (lambda d: (d.remove((MEETING, SCHEMA.startDate, None)), d.add((MEETING, SCHEMA.startDate, rdflib.Literal("2023-07-13T10:00:00", datatype=XSD.dateTime)))), "schema:startDate"),
    "a meeting with one attendee": (lambda d: d.remove((MEETING, SCHEMA.attendee, PERSON)), "schema:attendee"),
    "a meeting with a format outside the three": (lambda d: (d.remove((MEETING, KG["format"], None)), d.add((MEETING, KG["format"], KG.Carrier))), "kgo:format"),
    "a meeting with an unknown status": (lambda d: (d.remove((MEETING, KG.status, None)), d.add((MEETING, KG.status, KG.Rumoured))), "kgo:status"),
    "a meeting without a source": (lambda d: d.remove((MEETING, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None)), "prov:wasDerivedFrom"),
    "an issue without a label": (lambda d: d.remove((_first(d, rdflib.RDF.type, rdflib.SKOS.Concept), rdflib.SKOS.prefLabel, None)), "skos:prefLabel"),
    "a document without an identifier": (lambda d: d.remove((_first(d, rdflib.RDF.type, SCHEMA.CreativeWork), SCHEMA.identifier, None)), "schema:identifier"),
    "a stance without its agent": (lambda d: d.remove((_first(d, rdflib.RDF.type, KG.Stance), KG.agent, None)), "kgo:agent"),
}


@pytest.mark.parametrize("what", list(BREAKAGES))
def test_a_broken_default_graph_does_not_conform(seed_export, shapes, what):
    data = rdflib_load(seed_export / "graph.ttl", "turtle", False)
    data.bind("kgo", KGO)
    data.bind("schema", "https://schema.org/")
    break_it, path = BREAKAGES[what]
    break_it(data)
    ok, text = conforms(data, shapes)
    assert not ok, f"{what}: still conforms"
    assert f"Result Path: {path}" in text, text[:3000]


def test_a_broken_annotation_does_not_conform(seed_export, shapes):
    data = rdflib_load(seed_export / "graph.trig", "trig", True)
    quote = next(iter(data.quads((None, rdflib.RDF.type, OA.TextQuoteSelector, None))))
    data.remove((quote[0], OA.exact, None, quote[3]))
    position = next(iter(data.quads((None, rdflib.RDF.type, OA.TextPositionSelector, None))))
    data.remove((position[0], OA.start, None, position[3]))
    data.add((position[0], OA.start, rdflib.Literal(-3), position[3]))
    ok, text = conforms(data, shapes)
    assert not ok
    assert "oa:exact" in text or "http://www.w3.org/ns/oa#exact" in text
    assert "oa:start" in text or "http://www.w3.org/ns/oa#start" in text


# -- the ontology ------------------------------------------------------------------------------


def test_the_ontology_declares_every_kgo_term_the_exports_use(seed_export):
    onto = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    data = rdflib_load(seed_export / "graph.trig", "trig", True)
    used = {str(t) for q in data.quads() for t in q[:3] if isinstance(t, rdflib.URIRef) and str(t).startswith(KGO)}
    assert used
    for term in sorted(used):
        t = rdflib.URIRef(term)
        assert (t, rdflib.RDF.type, None) in onto, f"{term} is not declared in ontology/kg.ttl"
        assert onto.value(t, rdflib.RDFS.label), f"{term} has no rdfs:label"
        assert onto.value(t, rdflib.RDFS.comment), f"{term} has no rdfs:comment"
    for prop in set(onto.subjects(rdflib.RDF.type, rdflib.OWL.ObjectProperty)) | set(onto.subjects(rdflib.RDF.type, rdflib.OWL.DatatypeProperty)):
        assert onto.value(prop, rdflib.RDFS.domain) is not None, f"{prop} has no domain"
        assert onto.value(prop, rdflib.RDFS.range) is not None, f"{prop} has no range"
    assert (KG.Meeting, rdflib.RDFS.subClassOf, SCHEMA.Event) in onto


def _union_members(onto: rdflib.Graph, datatype) -> list:
    """The datatypes a union datatype of the ontology stands for (kgo:Period: gYearMonth, gYear, gMonth)."""
    members = []
    for eq in onto.objects(datatype, rdflib.OWL.equivalentClass):
        for union in onto.objects(eq, rdflib.OWL.unionOf):
            members += list(Collection(onto, union))
    return members


def test_the_exports_respect_the_ontologys_domains_and_ranges(seed_export):
    """Every kgo: property's subject has its domain class, and every object its range, in the default graph.

    Except the objects of kgo:organization and kgo:country: a role's organization
    or an organization's country may be referenced without being described
    (the gazetteer knows it, no document mentions it), so only the subject is checked.
    """
    onto = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    data = rdflib_load(seed_export / "graph.ttl", "turtle", False)
    known = data + onto  # the format and status individuals are typed in the ontology
    for prop in set(onto.subjects(rdflib.RDF.type, rdflib.OWL.ObjectProperty)) | set(onto.subjects(rdflib.RDF.type, rdflib.OWL.DatatypeProperty)):
        domain, rng = onto.value(prop, rdflib.RDFS.domain), onto.value(prop, rdflib.RDFS.range)
        for s, o in data.subject_objects(prop):
            if domain != rdflib.URIRef("http://www.w3.org/ns/oa#Annotation"):
                assert (s, rdflib.RDF.type, domain) in data, f"{s} {prop}: subject is not a {domain}"
            if isinstance(o, rdflib.Literal):
                assert o.datatype in (rng, None, *_union_members(onto, rng)) or (o.datatype is None and rng == XSD.string), f"{s} {prop} {o!r}: not a {rng}"
            elif prop not in (KG.organization, KG.country) and rng != rdflib.URIRef("http://www.w3.org/ns/prov#Bundle"):
                assert (o, rdflib.RDF.type, rng) in known, f"{s} {prop} {o}: object is not a {rng}"


def test_a_format_the_text_does_not_tell_is_left_out(tmp_path, shapes, rules):
    """'spoke with' is a call or a talk face to face: no kgo:format, and the export still conforms."""
    from kg.build import build
    from kg.query import run, load_store

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Foreign Minister Penny Wong spoke with Foreign Minister Wang Yi on Tuesday about consular cases.\n", encoding="utf-8")
    (docs / "a.meta.json").write_text('{"publisher": "Reuters", "kind": "news", "published": "2024-03-20"}', encoding="utf-8")
    build(docs, tmp_path / "out", rules=rules)
    data = rdflib_load(tmp_path / "out" / "graph.trig", "trig", True)
    meetings = list(data.subjects(rdflib.RDF.type, KG.Meeting))
    assert len(meetings) == 1
    assert list(data.objects(meetings[0], KG["format"])) == []
    assert list(data.objects(meetings[0], SCHEMA.eventAttendanceMode)) == []
    ok, text = conforms(data, shapes)
    assert ok, text[:3000]
    # the timeline still lists it, with no format
    result = run(load_store(tmp_path / "out"), "timeline", {"person": "Penny Wong"})
    assert len(result.rows) == 1 and result.variables[-1] == "format" and result.rows[0][-1] is None


def test_a_date_known_to_its_month_is_a_period_not_a_day(seed_export):
    """'Biden and Xi met in Bali in November' has kgo:startPeriod 2022-11 and no schema:startDate; a day stays a startDate."""
    data = rdflib_load(seed_export / "graph.ttl", "turtle", False)
    periods = {str(o): o.datatype for o in data.objects(None, KG.startPeriod)}
    assert periods.get("2022-11") == XSD.gYearMonth
    bali = next(s for s, o in data.subject_objects(KG.startPeriod) if str(o) == "2022-11")
    assert (bali, SCHEMA.startDate, None) not in data
    assert {o.datatype for o in data.objects(None, SCHEMA.startDate)} <= {XSD.date, XSD.gMonthDay}
