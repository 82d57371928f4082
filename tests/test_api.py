"""The Python API: kg.load / kg.from_documents, plain answers, rdflib and networkx views, the README recipes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import sys

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

import kg
from kg.errors import ExportError, UnknownEntityError

from .conftest import ROOT, SEEDS

US_READOUT, PRC_READOUT, COMMENTARY, CNN = "000_04027ffb18fe93be", "001_ef7c4c50acd32147", "002_65261d9b818623f9", "003_fe3fec937550f19b"
DOC = ROOT / "README.md"


@pytest.fixture(scope="module")
def g(seed_export):
    return kg.load(seed_export)


def test_import_kg_is_light():
    code = "import sys, kg; print(sorted(m for m in ('pyoxigraph', 'rdflib', 'networkx', 'kg.api', 'kg.query') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert callable(kg.load) and callable(kg.from_documents)
    with pytest.raises(AttributeError):
        kg.no_such_thing


def test_meetings_between_are_plain_dataclasses(g):
    meetings = g.meetings(between=("Antony Blinken", "Wang Yi"))
    assert all(dataclasses.is_dataclass(m) for m in meetings)
    with pytest.raises(dataclasses.FrozenInstanceError):
        meetings[0].name = "x"
    by_place = {m.place: m for m in meetings}
    jakarta, washington = by_place["Jakarta"], by_place["Washington"]
    assert (jakarta.start, jakarta.end, jakarta.country) == ("2023-07-13", "2023-07-13", "Indonesia")
    assert [s.id for s in jakarta.sources] == [CNN]
    assert (washington.start, washington.end, washington.country) == ("2023-10-26", "2023-10-27", "United States")
    assert [s.id for s in washington.sources] == [US_READOUT, PRC_READOUT, COMMENTARY]
    assert washington.sources[0].publisher == "U.S. Department of State" and washington.sources[0].reported
    assert {"Antony Blinken", "Wang Yi"} <= set(washington.participants)
    assert "person:wang-yi" in washington.participant_ids
    assert washington.format == "in-person" and washington.status == "held"
    assert "Fentanyl and synthetic drugs" in washington.issues
    assert [m.start for m in meetings] == sorted(m.start for m in meetings)
    # names, aliases and ids, in any case and order
    assert g.meetings(between=("wang yi", "Secretary Blinken")) == meetings
    assert g.meetings(between=("person:wang-yi", "https://w3id.org/diplomacy-kg/id/person/antony-blinken")) == meetings


def test_meetings_filters_agree_with_the_query_engine(g):
    every = g.meetings()
    result = g.query("SELECT (COUNT(?m) AS ?n) WHERE { ?m a kgo:Meeting }")
    assert len(every) == result.dicts()[0]["n"]
    blinken = g.meetings(person="Antony Blinken")
    assert blinken and all("person:antony-blinken" in m.participant_ids for m in blinken)
    assert len(blinken) == len(g.query("timeline", person="Antony Blinken"))
    since = g.meetings(person="Antony Blinken", since="2023-07")
    assert since and all(m.start >= "2023-07" for m in since)
    assert {m.id for m in since} < {m.id for m in blinken}
    until = g.meetings(until=dt.date(2023, 6, 30))
    assert until and all(m.start[:7] <= "2023-06" for m in until)


def test_meetings_by_issue_include_narrower_issues(g):
    taiwan = {m.id for m in g.meetings(issue="Taiwan question")}
    assert taiwan and taiwan == {m.id for m in g.meetings(issue="issue:taiwan")}
    narrower = g.query("SELECT ?i WHERE { ?i skos:broader+ issue:taiwan }").column("i")
    for m in g.meetings():
        if set(m.issue_ids) & ({"issue:taiwan"} | set(narrower)):
            assert m.id in taiwan


def test_unknown_names_suggest_close_ones(g):
    with pytest.raises(UnknownEntityError, match=r"^no person named 'Antony Blinkin'; did you mean 'Antony Blinken'"):
        g.meetings(person="Antony Blinkin")
    with pytest.raises(UnknownEntityError, match=r"^no issue named 'Taiwn questions'; did you mean 'Taiwan question'"):
        g.meetings(issue="Taiwn questions")
    with pytest.raises(LookupError):
        g.person("Nobody At All")
    with pytest.raises(ValueError, match="since"):
        g.meetings(since="last year")


def test_person_roles_at_a_date(g):
    blinken = g.person("Antony Blinken")
    assert blinken.id == "person:antony-blinken" and blinken.country == "United States"
    assert "Secretary Blinken" in blinken.aliases
    assert {"Secretary of State", "Deputy Secretary of State"} <= {r.title for r in blinken.roles}
    assert [r.title for r in g.person("Antony Blinken", on="2016-06-01").roles] == ["Deputy Secretary of State"]
    on = g.person("Antony Blinken", on=dt.date(2023, 10, 26))
    assert [r.title for r in on.roles] == ["Secretary of State"]
    assert on.roles[0].organization == "U.S. Department of State" and on.on == dt.date(2023, 10, 26)
    assert "Foreign Minister" in {r.title for r in g.person("Wang Yi", on="2023-10-26").roles}
    # the same answer as the bundled query
    rows = g.query("roles", person="Wang Yi", date="2023-10-26")
    assert {r["role"] for r in rows} == {r.title for r in g.person("Wang Yi", on="2023-10-26").roles}


def test_evidence_quotes_the_document(g):
    jakarta = next(m for m in g.meetings(between=("Antony Blinken", "Wang Yi")) if m.place == "Jakarta")
    found = g.evidence(jakarta, "schema:location")
    assert found and all(e.document == CNN and e.object == "place:jakarta-id" for e in found)
    text = (SEEDS / f"{CNN}.txt").read_text(encoding="utf-8")
    for e in g.evidence(jakarta):
        assert text[e.start : e.end] == e.quote
    attendees = g.evidence(g.meetings(between=("Antony Blinken", "Wang Yi"))[-1].id, "schema:attendee", "Wang Yi")
    assert {e.document for e in attendees} >= {US_READOUT, PRC_READOUT}
    assert g.evidence(jakarta, doc="000") == []
    # no subject: every meeting's place, Jakarta's among them, each quote a slice of its document
    places = g.evidence(predicate="schema:location")
    assert {e.subject for e in places} > {jakarta.id} and set(found) <= set(places)
    for e in places:
        assert e.predicate == "schema:location"
        assert (SEEDS / f"{e.document}.txt").read_text(encoding="utf-8")[e.start : e.end] == e.quote


def test_query_returns_rows_of_plain_values(g):
    result = g.query("meetings-between", a="Antony Blinken", b="Wang Yi")
    rows = list(result)
    assert {r["place"] for r in rows} >= {"Jakarta", "Washington"}
    assert isinstance(rows[0]["start"], str)
    count = g.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }").dicts()[0]["n"]
    assert isinstance(count, int) and count >= 2
    assert bool(g.query("ASK { person:wang-yi a schema:Person }"))
    assert "Jakarta" in result.format("csv")


def test_rdf_view_is_an_rdflib_dataset_matching_the_files(g, seed_export):
    ds = g.rdf
    assert isinstance(ds, rdflib.Dataset)
    ttl = rdflib.Graph().parse(seed_export / "graph.ttl", format="turtle")
    assert len(ds.default_graph) == len(ttl)
    assert set(ds.default_graph) == set(ttl)
    assert sum(1 for _ in ds.quads()) == len(g.quads)
    docs = {str(d) for d in ttl.subjects(rdflib.RDF.type, rdflib.URIRef("https://schema.org/CreativeWork"))}
    graphs = {str(c.identifier) for c in ds.graphs()} - {str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)}
    assert graphs == {d.replace("/id/doc/", "/id/graph/") for d in docs}
    wang = rdflib.URIRef("https://w3id.org/diplomacy-kg/id/person/wang-yi")
    assert ds.default_graph.value(wang, rdflib.URIRef("https://schema.org/name")) == rdflib.Literal("Wang Yi")


def test_nx_view_is_typed_and_labelled(g):
    net = g.nx
    assert isinstance(net, nx.MultiDiGraph)
    assert net.nodes["person:wang-yi"]["type"] == "person"
    assert net.nodes["person:wang-yi"]["label"] == "Wang Yi"
    washington = "meeting:2023-10-26-washington-us-antony-blinken-wang-yi"
    assert net.nodes[washington]["type"] == "meeting"
    assert net.has_edge("person:wang-yi", washington, key="attended")
    assert net.edges["person:wang-yi", washington, "attended"]["evidence"]
    types = {d["type"] for _, d in net.nodes(data=True)}
    assert {"person", "meeting", "place", "issue", "document"} <= types


def test_from_documents_builds_the_same_graph_in_memory(g):
    built = kg.from_documents(SEEDS)
    assert set(built.quads) == set(g.quads)
    assert built.meetings(between=("Antony Blinken", "Wang Yi")) == g.meetings(between=("Antony Blinken", "Wang Yi"))


def test_load_reads_each_export_file_the_same(seed_export, g):
    for name in ("graph.nq", "graph.trig"):
        assert set(kg.load(seed_export / name).quads) == set(g.quads)
    default = {q for q in g.quads if isinstance(q.graph_name, ox.DefaultGraph)}
    assert set(kg.load(seed_export / "graph.ttl").quads) == default
    with pytest.raises(ExportError):
        kg.load(seed_export / "nowhere")



def test_load_of_a_large_export_opens_its_on_disk_store(seed_export, tmp_path, monkeypatch, g):
    """Past the size limit kg.load queries the on-disk store, and reads the quads only when asked."""
    import kg.query

    monkeypatch.setattr(kg.query, "MEMORY_MAX_BYTES", 0)  # the seeds are small: treat them as large
    (tmp_path / "graph.trig").write_bytes((seed_export / "graph.trig").read_bytes())
    big = kg.load(tmp_path)
    assert kg.query.store_path(tmp_path / "graph.trig") is not None
    assert big._quads is None and "graph.trig" in repr(big)
    assert big.meetings(between=("Antony Blinken", "Wang Yi")) == g.meetings(between=("Antony Blinken", "Wang Yi"))
    assert set(big.quads) == set(g.quads)


def test_rdf_of_a_large_export_is_a_read_only_view_of_its_store(seed_export, tmp_path, monkeypatch, g):
    """Past the size limit g.rdf is rdflib's API over the on-disk store (oxrdflib): the same triples, SPARQL on Oxigraph, changes refused."""
    import kg.query
    from kg.errors import ReadOnlyError

    monkeypatch.setattr(kg.query, "MEMORY_MAX_BYTES", 0)
    (tmp_path / "graph.trig").write_bytes((seed_export / "graph.trig").read_bytes())
    big = kg.load(tmp_path)
    ds = big.rdf
    assert isinstance(ds, rdflib.Dataset)
    assert big._quads is None  # nothing was read into Python

    def plain(t):  # oxrdflib types plain strings xsd:string
        return rdflib.Literal(str(t)) if isinstance(t, rdflib.Literal) and t.datatype == rdflib.XSD.string else t

    assert {tuple(plain(x) for x in t) for t in ds.default_graph} == set(g.rdf.default_graph)
    assert {str(c.identifier) for c in ds.graphs()} == {str(c.identifier) for c in g.rdf.graphs()}
    wang = rdflib.URIRef("https://w3id.org/diplomacy-kg/id/person/wang-yi")
    assert str(ds.default_graph.value(wang, rdflib.URIRef("https://schema.org/name"))) == "Wang Yi"
    rows = list(ds.query("SELECT ?m WHERE { ?m a kgo:Meeting ; schema:attendee person:wang-yi }"))  # kg's prefixes are bound
    assert len(rows) == len(g.meetings(person="Wang Yi")) > 0
    with pytest.raises(ReadOnlyError) as err:
        ds.default_graph.add((wang, rdflib.RDFS.comment, rdflib.Literal("x")))
    assert str(err.value).startswith(f"{tmp_path / 'graph.trig'}: g.rdf of a large export reads its query store and cannot change it")
    assert big.nx.number_of_nodes() == g.nx.number_of_nodes() and big._quads is None  # the networkx view streams the file


# -- the README recipes, run as written --------------------------------


def _recipe(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    m = re.search(re.escape(title) + r".*?```python\n(.*?)```", text, re.S)
    assert m, f"README.md has no recipe '{title}'"
    return m.group(1)


def _run(code: str, seed_export, tmp_path, monkeypatch, capsys) -> tuple[dict, str]:
    """Run a recipe as written, in a folder whose exports/ is the seed build."""
    (tmp_path / "exports").symlink_to(seed_export, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(code, str(DOC), "exec"), namespace)
    return namespace, capsys.readouterr().out


def test_recipe_most_central_officials(seed_export, tmp_path, monkeypatch, capsys):
    ns, out = _run(_recipe("Which officials are most central"), seed_export, tmp_path, monkeypatch, capsys)
    labels = [ns["g"].nx.nodes[n]["label"] for n in ns["ranking"]]
    # Antony Blinken attended more of the seed meetings than anyone, and links the others
    assert labels[0] == "Antony Blinken"
    assert out.splitlines()[0].endswith("Antony Blinken  (%d meetings)" % len(ns["g"].meetings(person="Antony Blinken")))
    scores = [ns["score"][n] for n in ns["ranking"]]
    assert scores == sorted(scores, reverse=True)


def test_recipe_shortest_chain_of_meetings(seed_export, tmp_path, monkeypatch, capsys):
    ns, out = _run(_recipe("The shortest chain of meetings between two officials"), seed_export, tmp_path, monkeypatch, capsys)
    chain = ns["chain"]
    assert chain[0] == "Qin Gang" and chain[-1] == "Wang Yi"
    assert chain[2] == "Antony Blinken" and len(chain) == 5
    meetings = {m.name for m in ns["g"].meetings()}
    assert chain[1] in meetings and chain[3] in meetings
    assert out.strip() == " -> ".join(chain)


def test_recipe_ego_graph(seed_export, tmp_path, monkeypatch, capsys):
    ns, out = _run(_recipe("The ego graph of one official"), seed_export, tmp_path, monkeypatch, capsys)
    assert "Antony Blinken" in ns["met"]
    wang_meetings = {m.id for m in ns["g"].meetings(person="Wang Yi")}
    assert wang_meetings <= set(ns["ego"])
    assert out.startswith("Wang Yi met: ")
