"""Hostile names and ids round-trip through every export, in every RDF parser.

Names with quotes, angle brackets, backslashes, newlines, emoji and
right-to-left text come in through an extra rules folder (people and an
organization a document then mentions), document ids through file names with
spaces, quotes, '#', '%' and non-ASCII letters, and metadata strings with
control characters. Every export is parsed by pyoxigraph, rdflib and rapper
(Turtle, TriG, N-Quads; rapper has no JSON-LD parser) and must give back the
very quads kg built, value by value.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
import rdflib

from kg.build import build
from kg.rdf import ID, SCHEMA, XSD
from kg.ruleset import load_rules

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own ConjunctiveGraph notices

PEOPLE = {
    # name in the rules -> how the document writes it
    "Zoë \"Quote\" O'Brien": None,
    "Ahmad <Angle> Bracket": None,
    "Back\\slash Person": None,
    "Emoji 😀 Person": None,
    "محمد بن تست": None,
    "שרה כהן-טסט": None,
    "Line\nBreak Person": None,
    "Hash #Percent %41 Person": None,
}
ORG = "Org \"Q\" <A> & B\\C 😀 שלום\tTab"
ROLE = 'Minister for "Foreign" <Affairs> \\ 😀'

DOCS = {
    # file stem -> the text's meeting sentence(s)
    'doc with "quote" & #hash': "Zoë \"Quote\" O'Brien met Ahmad <Angle> Bracket in Paris on October 26, 2023.",
    "per%cent %41 %zz": "Back\\slash Person met Emoji 😀 Person in Berlin on October 27, 2023.",
    "ünïcödé Straße 😀": "محمد بن تست met שרה כהן-טסט in Rome on October 28, 2023.",
    "rtl שלום \u202eevil": "Line\nBreak Person met Hash #Percent %41 Person in Madrid on October 29, 2023.",
    "new\nline <angle> back\\slash": f"{ORG} said Zoë \"Quote\" O'Brien met Emoji 😀 Person in Vienna on October 30, 2023.",
}
TITLE = "Title: \"quoted\" <b>bold</b> \\ back\nnew line\ttab \x07bell \x1besc \x7fdel \u2028ls \u0085nel \u202ertl \U0001F600 \ufeffbom"


def _rules_dir(folder: Path) -> Path:
    folder.mkdir()
    people = []
    for i, name in enumerate(PEOPLE):
        entry = {"name": name, "country": ["IE", "JO", "GB", "FR", "SA", "IL", "DE", "ES"][i]}
        if i == 0:
            entry["roles"] = [{"title": ROLE, "kind": "foreign-minister", "from": "2020-01-01"}]
        people.append(entry)
    (folder / "people.yaml").write_text(json.dumps({"people": people}, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    (folder / "organizations.yaml").write_text(json.dumps({"organizations": [{"id": "org-hostile", "name": ORG, "type": "ngo"}]}, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile corpus built with the hostile rules: (BuildResult, export folder)."""
    root = tmp_path_factory.mktemp("hostile")
    rules = load_rules(_rules_dir(root / "rules"))
    docs = root / "docs"
    docs.mkdir()
    for stem, text in DOCS.items():
        (docs / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
        (docs / f"{stem}.meta.json").write_text(json.dumps({"title": TITLE, "author": "A. \"Writer\" <w@x>", "url": "https://example.org/a b?q=<x>&\"y\""}), encoding="utf-8")
    result = build(docs, root / "out", rules=rules, html=False)
    assert not result.corpus.errors, result.corpus.errors
    return result, root / "out"


# -- canonical terms: (kind, value, datatype, language) ----------------------

XSD_STRING = XSD + "string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def ox_term(t) -> tuple:
    if isinstance(t, ox.NamedNode):
        return ("iri", t.value)
    if isinstance(t, ox.Literal):
        return ("lit", t.value, t.datatype.value, t.language or "")
    if isinstance(t, ox.DefaultGraph):
        return ("default",)
    raise AssertionError(f"unexpected term {t!r}")  # kg makes no blank nodes


def rdflib_term(t) -> tuple:
    if isinstance(t, rdflib.URIRef):
        if str(t) == str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID):
            return ("default",)
        return ("iri", str(t))
    if isinstance(t, rdflib.Literal):
        datatype = str(t.datatype) if t.datatype else (LANG_STRING if t.language else XSD_STRING)
        return ("lit", str(t), datatype, t.language or "")
    raise AssertionError(f"unexpected term {t!r}")


def expected(result, default_only: bool) -> set[tuple]:
    """The quads kg made, from the graph in memory (not from any file)."""
    from kg.rdf import graph_quads

    out = set()
    for q in graph_quads(result.graph):
        if default_only and not isinstance(q.graph_name, ox.DefaultGraph):
            continue
        out.add((ox_term(q.subject), ox_term(q.predicate), ox_term(q.object), ("default",) if default_only else ox_term(q.graph_name)))
    return out


FILES = {
    # file -> (pyoxigraph format, rdflib format, rapper input name or None, holds only the default graph)
    "graph.ttl": (ox.RdfFormat.TURTLE, "turtle", "turtle", True),
    "graph.trig": (ox.RdfFormat.TRIG, "trig", "trig", False),
    "graph.nq": (ox.RdfFormat.N_QUADS, "nquads", "nquads", False),
    "graph.jsonld": (ox.RdfFormat.JSON_LD, "json-ld", None, True),
}


def parse_pyoxigraph(path: Path, fmt, default_only: bool) -> set[tuple]:
    out = set()
    for q in ox.parse(path=str(path), format=fmt):
        g = ("default",) if default_only else ox_term(q.graph_name)
        out.add((ox_term(q.subject), ox_term(q.predicate), ox_term(q.object), g))
    return out


def parse_rdflib(path: Path, fmt: str, default_only: bool) -> set[tuple]:
    out = set()
    if default_only:
        g = rdflib.Graph()
        g.parse(path, format=fmt)
        for s, p, o in g:
            out.add((rdflib_term(s), rdflib_term(p), rdflib_term(o), ("default",)))
        return out
    ds = rdflib.Dataset()
    ds.parse(path, format=fmt)
    for s, p, o, c in ds.quads((None, None, None, None)):
        name = c.identifier if isinstance(c, rdflib.Graph) else c
        out.add((rdflib_term(s), rdflib_term(p), rdflib_term(o), rdflib_term(name) if name is not None else ("default",)))
    return out


def parse_rapper(path: Path, syntax: str, default_only: bool) -> set[tuple]:
    rapper = shutil.which("rapper")
    assert rapper, "rapper is not installed: apt-get install raptor2-utils"
    out_syntax = "ntriples" if default_only else "nquads"
    proc = subprocess.run([rapper, "-q", "-i", syntax, "-o", out_syntax, str(path), "https://example.org/base"], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert not proc.stderr.strip(), proc.stderr.decode("utf-8", "replace")  # no warnings either
    fmt = ox.RdfFormat.N_TRIPLES if default_only else ox.RdfFormat.N_QUADS
    out = set()
    for q in ox.parse(proc.stdout, format=fmt):
        g = ("default",) if default_only else ox_term(getattr(q, "graph_name", ox.DefaultGraph()))
        out.add((ox_term(q.subject), ox_term(q.predicate), ox_term(q.object), g))
    return out


PARSERS = {"pyoxigraph": parse_pyoxigraph, "rdflib": parse_rdflib, "rapper": parse_rapper}


# rapper has no JSON-LD parser: pyoxigraph and rdflib check that file
CASES = [(name, parser) for name in FILES for parser in PARSERS if FILES[name][list(PARSERS).index(parser)] is not None]


@pytest.mark.parametrize("name,parser", CASES)
def test_every_quad_round_trips(hostile, name, parser):
    result, out = hostile
    ox_fmt, rdflib_fmt, rapper_fmt, default_only = FILES[name]
    fmt = {"pyoxigraph": ox_fmt, "rdflib": rdflib_fmt, "rapper": rapper_fmt}[parser]
    got = PARSERS[parser](out / name, fmt, default_only)
    want = expected(result, default_only)
    assert got == want, f"missing: {sorted(want - got)[:5]}; extra: {sorted(got - want)[:5]}"


def test_rapper_is_installed():
    assert shutil.which("rapper"), "rapper is not installed: apt-get install raptor2-utils"


def test_hostile_values_are_in_the_graph_value_by_value(hostile):
    """Each hostile string is found, unchanged, where it belongs (in the N-Quads as parsed back)."""
    result, out = hostile
    quads = parse_pyoxigraph(out / "graph.nq", ox.RdfFormat.N_QUADS, False)
    default = {(s, p, o) for s, p, o, g in quads if g == ("default",)}

    def values(prop: str, subject_prefix: str) -> set[str]:
        return {o[1] for s, p, o in default if p == ("iri", prop) and s[1].startswith(subject_prefix) and o[0] == "lit"}

    names = values(SCHEMA + "name", ID + "person/")
    assert set(PEOPLE) <= names
    assert ORG in values(SCHEMA + "name", ID + "org/")
    assert ROLE in values(SCHEMA + "jobTitle", ID + "person/")
    assert values(SCHEMA + "headline", ID + "doc/") == {TITLE}
    assert values(SCHEMA + "url", ID + "doc/") == {"https://example.org/a b?q=<x>&\"y\""}
    identifiers = values(SCHEMA + "identifier", ID + "doc/")
    assert identifiers == set(DOCS)
    # a document's IRI is its id, percent-encoded: nothing but unreserved characters and %XX
    doc_iris = {s[1] for s, p, o in default if s[1].startswith(ID + "doc/") and p == ("iri", SCHEMA + "identifier")}
    assert {unquote(iri[len(ID + "doc/") :]) for iri in doc_iris} == set(DOCS)
    for iri in doc_iris:
        local = iri[len(ID + "doc/") :]
        assert all(c.isascii() and (c.isalnum() or c in "-_.~%") for c in local), iri
    # evidence quotes keep the document's characters (a newline inside a name, too)
    quotes = {o[1] for s, p, o, g in quads if p == ("iri", "http://www.w3.org/ns/oa#exact")}
    for text in DOCS.values():
        assert any(q in text or text in q for q in quotes), text
    assert result.graph.meetings


def test_hostile_jsonld_is_plain_json(hostile):
    _, out = hostile
    data = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    headlines = [node["schema:headline"] for node in data["@graph"] if "schema:headline" in node]
    assert headlines and all(h == [TITLE] for h in headlines)
