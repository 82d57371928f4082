"""kg query: SPARQL over the export, the bundled queries, output formats and errors."""

from __future__ import annotations

import csv
import io
import json
import shlex
import time

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import main
from kg.query import FORMATS, load_store, named_queries, run

from .conftest import SEEDS

WASHINGTON = "meeting:2023-10-26-washington-us-antony-blinken-wang-yi"
JAKARTA = "meeting:2023-07-13-jakarta-id-antony-blinken-wang-yi"
US_READOUT, PRC_READOUT, COMMENTARY, CNN = "000_04027ffb18fe93be", "001_ef7c4c50acd32147", "002_65261d9b818623f9", "003_fe3fec937550f19b"


@pytest.fixture(scope="module")
def kgq(seed_export):
    """Invoke 'kg query' on the seed export: kgq(*args) -> click Result."""
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["query", "--data", str(seed_export), *args], catch_exceptions=False)

    return invoke


@pytest.fixture(scope="module")
def store(seed_export):
    return load_store(seed_export)


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


# -- the acceptance example ------------------------------------------------------------


def test_meetings_between_blinken_and_wang_yi_lists_jakarta_and_washington(kgq):
    result = kgq("meetings-between", "--param", "a=Antony Blinken", "--param", "b=Wang Yi")
    assert result.exit_code == 0, result.output
    out = result.output
    for expected in ("Jakarta", "2023-07-13", "Washington", "2023-10-26", "2023-10-27", "Indonesia", "United States"):
        assert expected in out
    for doc in (US_READOUT, PRC_READOUT, COMMENTARY, CNN):
        assert doc in out
    assert "U.S. Department of State" in out
    rows = csv_rows(kgq("meetings-between", "-p", "a=Antony Blinken", "-p", "b=Wang Yi", "--format", "csv").output)
    by_place = {r["place"]: r for r in rows}
    assert by_place["Jakarta"]["start"] == by_place["Jakarta"]["end"] == "2023-07-13"
    assert by_place["Jakarta"]["sources"].split("\n") == [f"{CNN} CNN"]
    assert (by_place["Washington"]["start"], by_place["Washington"]["end"]) == ("2023-10-26", "2023-10-27")
    sources = by_place["Washington"]["sources"].split("\n")
    assert [s.split()[0] for s in sources] == [US_READOUT, PRC_READOUT, COMMENTARY]
    assert sources[0] == f"{US_READOUT} U.S. Department of State"
    assert sources[1] == f"{PRC_READOUT} Ministry of Foreign Affairs of the People's Republic of China"
    starts = [r["start"] for r in rows]
    assert starts == sorted(starts), "oldest first"


def test_meetings_between_takes_aliases_and_iris_in_either_order(kgq):
    by_name = csv_rows(kgq("meetings-between", "-p", "a=Antony Blinken", "-p", "b=Wang Yi", "-f", "csv").output)
    by_alias = csv_rows(kgq("meetings-between", "-p", "a=wang yi", "-p", "b=Secretary Blinken", "-f", "csv").output)
    by_iri = csv_rows(kgq("meetings-between", "-p", "a=person:wang-yi", "-p", "b=<https://w3id.org/diplomacy-kg/id/person/antony-blinken>", "-f", "csv").output)
    assert by_name == by_alias == by_iri
    assert csv_rows(kgq("meetings-between", "-p", "a=Antony Blinken", "-p", "b=Nobody Here", "-f", "csv").output) == []


# -- every bundled query ---------------------------------------------------------------------


def test_every_bundled_query_says_what_it_answers():
    queries = named_queries()
    assert {
        "meetings-between", "timeline", "issues", "issues-by-country-pair", "who-raised",
        "sources", "source-only", "readout-diff", "roles", "evidence", "meetings",
    } <= set(queries)
    for q in queries.values():
        assert q.path.suffix == ".rq"
        assert q.text.lstrip().startswith("#"), f"{q.name}: starts with a comment"
        assert q.summary and q.summary[0].isupper(), f"{q.name}: needs a one-line summary"
        for p in q.params:
            assert p.description, f"{q.name}: parameter {p.name} is not described"
            assert f"${p.name}" in q.text, f"{q.name}: parameter {p.name} is not used"


def test_list_shows_every_bundled_query_with_its_parameters(kgq):
    result = CliRunner().invoke(main, ["query", "--list"])
    assert result.exit_code == 0
    for q in named_queries().values():
        assert f"{q.name}: {q.summary}" in result.output
        for p in q.params:
            assert f"--param {p.name}" in result.output


def _examples():
    out = []
    for q in named_queries().values():
        for ex in q.examples or [f"kg query {q.name}"]:
            out.append(pytest.param(ex, id=f"{q.name}:{len(out)}"))
    return out


@pytest.mark.parametrize("example", _examples())
def test_each_bundled_example_runs_on_the_seeds_in_every_format(kgq, example):
    args = shlex.split(example)
    assert args[:2] == ["kg", "query"]
    for fmt in FORMATS:
        started = time.perf_counter()
        result = kgq(*args[2:], "--format", fmt)
        assert result.exit_code == 0, result.output
        assert time.perf_counter() - started < 10
    rows = json.loads(kgq(*args[2:], "--format", "json").output)["results"]["bindings"]
    assert rows, f"{example} finds nothing on the seeds"


def test_timeline_is_ordered_and_narrowed_by_dates(kgq):
    rows = csv_rows(kgq("timeline", "-p", "person=Antony Blinken", "-f", "csv").output)
    dated = [r["start"] for r in rows if r["start"]]
    assert dated == sorted(dated)
    assert {"Blinken – Wang Yi · Jakarta · 13 Jul 2023", "Blinken – Wang Yi · Washington · 26–27 Oct 2023"} <= {r["meeting"] for r in rows}
    since = csv_rows(kgq("timeline", "-p", "person=Antony Blinken", "-p", "since=2023-07", "-f", "csv").output)
    assert since and all(r["start"] >= "2023-07" for r in since)
    assert {r["meeting"] for r in since} < {r["meeting"] for r in rows}
    until = csv_rows(kgq("timeline", "-p", "person=Antony Blinken", "-p", "until=2023-07-13", "-f", "csv").output)
    assert "Blinken – Wang Yi · Jakarta · 13 Jul 2023" in {r["meeting"] for r in until}
    assert all(r["start"] <= "2023-07-13" for r in until)
    # a partial date is kept while it may fall in the range
    everything = csv_rows(kgq("timeline", "-p", "person=Wang Yi", "-f", "csv").output)
    june = csv_rows(kgq("timeline", "-p", "person=Wang Yi", "-p", "since=2023-06-20", "-p", "until=2023-06-30", "-f", "csv").output)
    expected = [r for r in everything if r["start"] == "2023-06" or "2023-06-20" <= r["start"] <= "2023-06-30"]
    assert june == expected
    assert any(r["start"] == "2023-06" for r in june), "the seeds mention a Blinken - Wang Yi meeting in Beijing in June 2023, day unknown"


def test_issues_counts_match_the_data(kgq, seed_export):
    rows = csv_rows(kgq("issues", "-f", "csv").output)
    ds = rdflib.Dataset()
    ds.parse(seed_export / "graph.trig", format="trig")
    about = rdflib.URIRef("https://schema.org/about")
    meetings_per_issue: dict[str, set] = {}
    for m, _, i in ds.default_graph.triples((None, about, None)):
        meetings_per_issue.setdefault(str(i), set()).add(m)
    counts = {r["id"]: int(r["meetings"]) for r in rows}
    assert counts == {iri: len(ms) for iri, ms in meetings_per_issue.items()}
    assert [int(r["meetings"]) for r in rows] == sorted((int(r["meetings"]) for r in rows), reverse=True)


def test_issues_by_country_pair_counts_china_and_the_united_states(kgq):
    rows = csv_rows(kgq("issues-by-country-pair", "-p", "country=CN", "-f", "csv").output)
    assert rows
    assert {(r["country_a"], r["country_b"]) for r in rows} >= {("China", "United States")}
    assert all("China" in (r["country_a"], r["country_b"]) for r in rows)
    taiwan = [r for r in rows if r["issue"] == "Taiwan question" and r["country_b"] == "United States"]
    assert int(taiwan[0]["meetings"]) >= 2


def test_who_raised_narrows_by_person_and_issue(kgq):
    rows = csv_rows(kgq("who-raised", "-p", "person=Wang Yi", "-f", "csv").output)
    assert rows and {r["person"] for r in rows} == {"Wang Yi"}
    issue = rows[0]["issue"]
    by_issue = csv_rows(kgq("who-raised", "-p", f"issue={issue}", "-f", "csv").output)
    assert by_issue and {r["issue"] for r in by_issue} == {issue}
    everyone = csv_rows(kgq("who-raised", "-f", "csv").output)
    assert len(everyone) >= len(rows) + 1


def test_roles_at_a_date(kgq):
    rows = csv_rows(kgq("roles", "-p", "person=Antony Blinken", "-p", "date=2016-06-01", "-f", "csv").output)
    assert [r["role"] for r in rows] == ["Deputy Secretary of State"]
    rows = csv_rows(kgq("roles", "-p", "person=Antony Blinken", "-p", "date=2023-10-26", "-f", "csv").output)
    assert [r["role"] for r in rows] == ["Secretary of State"]
    assert rows[0]["organization"] == "U.S. Department of State"
    wang = csv_rows(kgq("roles", "-p", "person=Wang Yi", "-p", "date=2023-10-26", "-f", "csv").output)
    assert "Foreign Minister" in {r["role"] for r in wang}
    every = csv_rows(kgq("roles", "-p", "person=Antony Blinken", "-f", "csv").output)
    assert len(every) >= 2


def test_evidence_gives_the_quote_document_and_span(kgq):
    rows = csv_rows(kgq("evidence", "-p", f"subject={JAKARTA}", "-p", "predicate=schema:location", "-f", "csv").output)
    assert rows
    for r in rows:
        text = (SEEDS / f"{r['document']}.txt").read_text(encoding="utf-8")
        assert text[int(r["start"]) : int(r["end"])] == r["quote"]
        assert "Jakarta" in r["quote"]
        assert r["object"].endswith("/place/jakarta-id")
    by_name = csv_rows(kgq("evidence", "-p", f"subject={WASHINGTON}", "-p", "predicate=schema:attendee", "-p", "object=Wang Yi", "-f", "csv").output)
    assert {r["document"] for r in by_name} >= {US_READOUT, PRC_READOUT}


# -- the readout comparison -----------------------------------------------------------------


def _about_in(ds: rdflib.Dataset, doc: str) -> set[str]:
    g = ds.graph(rdflib.URIRef(f"https://w3id.org/diplomacy-kg/id/graph/{doc}"))
    m = rdflib.URIRef("https://w3id.org/diplomacy-kg/id/meeting/" + WASHINGTON.split(":", 1)[1])
    labels = {}
    for i, _, label in ds.default_graph.triples((None, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), None)):
        labels[i] = str(label)
    return {labels[i] for i in g.objects(m, rdflib.URIRef("https://schema.org/about"))}


def test_readout_diff_us_versus_prc_for_the_washington_talks(kgq, seed_export):
    rows = csv_rows(
        kgq("readout-diff", "-p", "a=U.S. Department of State", "-p", "b=PRC Ministry of Foreign Affairs", "-p", "meeting=Washington", "-f", "csv").output
    )
    assert {r["meeting"] for r in rows} == {"Blinken – Wang Yi · Washington · 26–27 Oct 2023"}
    us_only = {r["value"] for r in rows if r["only_in"] == "U.S. Department of State" and r["fact"] == "about"}
    prc_only = {r["value"] for r in rows if r["only_in"].startswith("Ministry of Foreign Affairs") and r["fact"] == "about"}
    # computed independently from the TriG with rdflib
    ds = rdflib.Dataset()
    ds.parse(seed_export / "graph.trig", format="trig")
    us, prc = _about_in(ds, US_READOUT), _about_in(ds, PRC_READOUT)
    assert us_only == us - prc
    assert prc_only == prc - us
    # by name: what one readout has and the other does not
    assert "Fentanyl and synthetic drugs" in us_only and "Human rights" in us_only
    assert "Two-state solution" in prc_only
    assert all(r["quote"] for r in rows if r["fact"] in ("about", "stance"))
    # the same comparison by document identifiers (or the start of them)
    by_id = csv_rows(kgq("readout-diff", "-p", "a=000", "-p", "b=001", "-p", f"meeting={WASHINGTON}", "-f", "csv").output)
    assert by_id == rows


def test_sources_and_source_only_agree(kgq):
    sources = csv_rows(kgq("sources", "-p", f"meeting={WASHINGTON}", "-f", "csv").output)
    assert {r["document"] for r in sources} == {US_READOUT, PRC_READOUT, COMMENTARY}
    assert {r["role"] for r in sources} == {"reports"}
    only = csv_rows(kgq("source-only", "-p", f"meeting={WASHINGTON}", "-f", "csv").output)
    for r in sources:
        mine = [o for o in only if o["source"].startswith(r["document"])]
        assert int(r["only_here"]) == len(mine), r["document"]
        assert int(r["facts"]) >= int(r["only_here"])
    assert any(o["value"] == "Two-state solution" and o["source"].startswith(PRC_READOUT) for o in only)


# -- formats ----------------------------------------------------------------------------------


def test_json_is_sparql_results_json(kgq):
    out = kgq("meetings-between", "-p", "a=Antony Blinken", "-p", "b=Wang Yi", "-f", "json").output
    doc = json.loads(out)
    assert doc["head"]["vars"][:3] == ["start", "end", "place"]
    first = doc["results"]["bindings"][0]
    assert first["start"]["type"] == "literal" and first["start"]["datatype"].startswith("http://www.w3.org/2001/XMLSchema#")
    assert "datatype" not in first["place"]
    parsed = list(ox.parse_query_results(out.encode(), format=ox.QueryResultsFormat.JSON))
    assert len(parsed) == len(doc["results"]["bindings"])
    ask = json.loads(kgq("ASK { ?m a kgo:Meeting }", "-f", "json").output)
    assert ask == {"head": {}, "boolean": True}


def test_csv_tsv_and_table(kgq):
    q = "SELECT ?p ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"
    rows = csv_rows(kgq(q, "-f", "csv").output)
    assert rows[0]["p"].startswith("https://w3id.org/diplomacy-kg/id/person/")
    tsv = kgq(q, "-f", "tsv").output.splitlines()
    assert tsv[0] == "p\tname"
    assert tsv[1].startswith("https://w3id.org/diplomacy-kg/id/person/") and not tsv[1].split("\t")[1].startswith('"')
    table = kgq(q).output.splitlines()
    assert table[0].split() == ["p", "name"]
    assert set(table[1]) <= {"-", " "}
    assert "person:antony-blinken" in kgq(q).output
    assert table[-1] == f"({len(rows)} rows)"
    assert kgq("ASK { ?m a kgo:Meeting }").output == "true\n"
    assert kgq("ASK { ?m a schema:Nothing }").output == "false\n"


def test_construct_gives_turtle_in_a_table_and_triples_in_json(kgq):
    q = "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }"
    turtle = kgq(q).output
    triples = [q.triple for q in ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)]
    assert ox.Triple(ox.NamedNode("https://w3id.org/diplomacy-kg/id/person/wang-yi"), ox.NamedNode("https://schema.org/name"), ox.Literal("Wang Yi")) in triples
    doc = json.loads(kgq(q, "-f", "json").output)
    assert doc["head"]["vars"] == ["subject", "predicate", "object"]
    assert len(doc["results"]["bindings"]) == len(triples)


def test_query_from_a_file_and_data_from_one_file(tmp_path, seed_export):
    rq = tmp_path / "people.rq"
    rq.write_text("# everyone\nSELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["query", str(rq), "--data", str(seed_export / "graph.ttl"), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert "Wang Yi" in result.output


def test_query_from_standard_input(seed_export):
    result = CliRunner().invoke(main, ["query", "-", "--data", str(seed_export), "-f", "csv"], input="SELECT ?n WHERE { person:wang-yi schema:name ?n }\n")
    assert (result.exit_code, result.stdout_bytes) == (0, b"n\r\nWang Yi\r\n")  # SPARQL CSV lines end in CRLF


def test_params_are_bound_as_terms_not_pasted_as_text(kgq):
    result = kgq("SELECT ?p WHERE { ?p schema:name $name }", "-p", 'name=Wang Yi" } ; DROP ALL ; SELECT * { "', "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "p"
    rows = csv_rows(kgq("SELECT ?p WHERE { ?p schema:name $name }", "-p", "name=Wang Yi", "-f", "csv").output)
    assert [r["p"] for r in rows] == ["https://w3id.org/diplomacy-kg/id/person/wang-yi"]
    typed = csv_rows(kgq("SELECT ?m WHERE { ?m schema:startDate $d }", "-p", 'd="2023-07-13"^^xsd:date', "-f", "csv").output)
    assert [r["m"] for r in typed] == ["https://w3id.org/diplomacy-kg/id/meeting/2023-07-13-jakarta-id-antony-blinken-wang-yi"]


# -- errors ---------------------------------------------------------------------------------------


def test_syntax_error_is_one_line_with_line_and_column_and_exit_2(kgq):
    result = kgq("SELECT * WHERE {\n  ?s nope:p ?o\n}")
    assert result.exit_code == 2
    assert result.output == "Error: syntax error at line 2, column 6: unknown prefix 'nope:' (near 'nope:p ?o')\n"
    result = kgq("SELECT ?x WHERE { ?x ?y ?z } LIMT 3")
    assert result.exit_code == 2
    assert result.output.startswith("Error: syntax error at line 1, column ")
    assert result.output.count("\n") == 1


def test_syntax_error_positions_refer_to_the_query_as_written(kgq):
    # the parameter's value is longer than '$a': the column must still be the one the user wrote
    result = kgq("SELECT * WHERE { ?s ?p $a . ?s nope:x ?o }", "-p", "a=a rather long value")
    assert result.exit_code == 2
    assert result.output == "Error: syntax error at line 1, column 32: unknown prefix 'nope:' (near 'nope:x ?o }')\n"


@pytest.mark.parametrize(
    "update, verb",
    [
        ("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }", "INSERT"),
        ("PREFIX ex: <http://example.org/#select>\n# SELECT in a comment\nDELETE WHERE { ?s ?p ?o }", "DELETE"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("clear all", "CLEAR"),
        ("DROP GRAPH <http://example.org/g>", "DROP"),
        ("WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ],
)
def test_update_is_refused(kgq, update, verb):
    result = kgq(update)
    assert result.exit_code == 2
    assert result.output == f"Error: SPARQL UPDATE ({verb}) is refused: queries over the export are read-only\n"


def test_unknown_named_query_lists_the_ones_that_exist(kgq):
    result = kgq("meetings-betwen")
    assert result.exit_code == 2
    names = ", ".join(named_queries())
    assert result.output == f"Error: unknown query 'meetings-betwen'; the bundled queries are: {names} (kg query --list describes them)\n"


def test_parameter_errors(kgq):
    result = kgq("meetings-between", "-p", "a=Antony Blinken")
    assert result.exit_code == 2
    assert result.output.startswith("Error: meetings-between needs --param b=... (b: ")
    result = kgq("meetings-between", "-p", "a=x", "-p", "b=y", "-p", "c=z")
    assert (result.exit_code, result.output) == (2, "Error: meetings-between has no parameter c (its parameters: a, b)\n")
    result = kgq("SELECT * WHERE { ?s ?p ?o }", "-p", "x=1")
    assert (result.exit_code, result.output) == (2, "Error: the query has no parameter $x; write $x in the query where the value goes\n")
    result = kgq("SELECT * WHERE { ?s ?p $o }")
    assert (result.exit_code, result.output) == (2, "Error: the query uses $o; give it with --param o=...\n")
    result = kgq("meetings-between", "-p", "a")
    assert (result.exit_code, result.output) == (2, "Error: --param 'a': write it as NAME=VALUE, e.g. --param a=\"Antony Blinken\"\n")


def test_missing_export_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["query", "meetings", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'nowhere'}: not found; run 'kg build' first, or point --data at an export\n"
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["query", "meetings", "--data", str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'empty'}: no graph.nq, graph.trig or graph.ttl here; run 'kg build' first\n"


def test_timeout_ends_a_runaway_query(kgq):
    started = time.perf_counter()
    result = kgq("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", "--timeout", "0.5")
    assert time.perf_counter() - started < 10
    assert result.exit_code == 1
    assert result.output == "Error: query stopped after 0.5 s (time limit); narrow it or raise --timeout\n"


def test_library_run_returns_rows_of_plain_values(store):
    result = run(store, "meetings-between", {"a": "Antony Blinken", "b": "Wang Yi"})
    rows = result.dicts()
    assert {r["place"] for r in rows} >= {"Jakarta", "Washington"}
    assert result.column("place") == [r["place"] for r in rows]
    assert bool(run(store, "ASK { ?m a kgo:Meeting }")) is True


# -- the on-disk store of a large export ------------------------------------------------

COUNT_MEETINGS = "SELECT (COUNT(*) AS ?n) WHERE { ?m a kgo:Meeting }"


@pytest.fixture
def export_copy(seed_export, tmp_path):
    """A private copy of the seeds' graph.trig, in a folder of its own."""
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "graph.trig").write_bytes((seed_export / "graph.trig").read_bytes())
    return folder


def _meetings(store) -> int:
    return run(store, COUNT_MEETINGS).column("n")[0]


def test_a_large_export_is_stored_on_disk_once_and_reused(export_copy, seed_export):
    from kg.query import STORE_DIR, STORE_MARK, store_path

    expected = _meetings(load_store(seed_export, persist=False))
    assert store_path(export_copy / "graph.trig") is None
    assert _meetings(load_store(export_copy, persist=True)) == expected
    built = store_path(export_copy / "graph.trig")
    assert built is not None and built.parent == export_copy / STORE_DIR
    mark = json.loads((built / STORE_MARK).read_text())
    assert mark["source"] == str((export_copy / "graph.trig").resolve())
    stamp = (built / STORE_MARK).stat().st_mtime_ns
    started = time.perf_counter()
    again = load_store(export_copy, persist=True)
    assert time.perf_counter() - started < 2
    assert _meetings(again) == expected
    assert store_path(export_copy / "graph.trig") == built
    assert (built / STORE_MARK).stat().st_mtime_ns == stamp  # opened, not rebuilt
    # two readers at once: the store is opened read-only
    assert _meetings(load_store(export_copy, persist=True)) == _meetings(again)


def test_a_changed_export_gets_a_new_store_and_the_old_one_goes(export_copy):
    from kg.query import STORE_DIR, store_path

    trig = export_copy / "graph.trig"
    before = _meetings(load_store(export_copy, persist=True))
    old = store_path(trig)
    with open(trig, "a", encoding="utf-8") as fh:
        fh.write("\n<https://w3id.org/diplomacy-kg/id/meeting/extra> a kgo:Meeting .\n")
    assert store_path(trig) is None  # stale: the size and time changed
    assert _meetings(load_store(export_copy, persist=True)) == before + 1
    new = store_path(trig)
    assert new is not None and new != old and not old.exists()
    assert [p.name for p in (export_copy / STORE_DIR).iterdir() if p.is_dir()] == [new.name]


def test_a_store_appears_only_when_complete(export_copy):
    """A build that died leaves a temporary folder, never a store that looks finished."""
    from kg.query import STORE_DIR, STORE_MARK, store_path

    trig = export_copy / "graph.trig"
    load_store(export_copy, persist=True)
    built = store_path(trig)
    # what a killed build leaves: its temporary folder, and a store without its mark
    (export_copy / STORE_DIR / ".build-dead").mkdir()
    (built / STORE_MARK).unlink()
    assert store_path(trig) is None
    store = load_store(export_copy, persist=True)
    assert _meetings(store) > 0
    assert store_path(trig) == built and (built / STORE_MARK).is_file()
    assert not (export_copy / STORE_DIR / ".build-dead").exists()


def _count_in_child(folder: str, out) -> None:
    out.put(_meetings(load_store(folder, persist=True)))


def test_concurrent_first_calls_build_one_store(export_copy):
    import multiprocessing

    from kg.query import STORE_DIR

    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_count_in_child, args=(str(export_copy), out)) for _ in range(2)]
    for p in procs:
        p.start()
    counts = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(60)
    assert counts[0] == counts[1] > 0
    assert len([p for p in (export_copy / STORE_DIR).iterdir() if p.is_dir()]) == 1


def test_an_unwritable_export_folder_falls_back_to_the_cache_then_to_memory(export_copy, tmp_path, monkeypatch):
    from kg.query import STORE_DIR, store_path

    trig = export_copy / "graph.trig"
    # something in the way: kg cannot make its folder there (as a read-only disk would refuse it)
    (export_copy / STORE_DIR).write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    expected = _meetings(load_store(export_copy, persist=True))
    built = store_path(trig)
    assert built is not None and (tmp_path / "cache") in built.parents
    # no cache either: the export is loaded into memory, and nothing is written
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    assert _meetings(load_store(export_copy, persist=True)) == expected
    assert store_path(trig) is None


def test_a_store_that_cannot_be_built_is_a_one_line_error(export_copy):
    """A build that hits the file size limit (as on a full disk) fails with one line and leaves nothing."""
    import subprocess
    import sys

    from kg.query import STORE_DIR

    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))\n"
        "from kg.errors import ExportError\n"
        "from kg.query import load_store\n"
        "try:\n"
        "    load_store(sys.argv[1], persist=True)\n"
        "except ExportError as exc:\n"
        "    print('ExportError:', exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(export_copy)], capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("ExportError: cannot build the query store of "), done.stdout + done.stderr
    assert len(done.stdout.strip().splitlines()) == 1
    assert [p.name for p in (export_copy / STORE_DIR).iterdir() if p.is_dir()] == []


def test_kg_query_says_once_that_it_builds_the_store(export_copy, monkeypatch):
    """The first kg query on a large export says, on stderr, that it builds the store (minutes at 10k); later ones just answer."""
    import kg.query
    from click.testing import CliRunner

    from kg.cli import main

    monkeypatch.setattr(kg.query, "MEMORY_MAX_BYTES", 0)  # the seeds count as large
    first = CliRunner().invoke(main, ["query", "meetings", "--data", str(export_copy)])
    again = CliRunner().invoke(main, ["query", "meetings", "--data", str(export_copy)])
    assert first.exit_code == again.exit_code == 0, first.output
    assert first.stderr.startswith(f"building the query store of {export_copy / 'graph.trig'} (0 MB) in ")
    assert first.stderr.count("\n") == 1 and again.stderr == ""
    assert first.stdout == again.stdout and "Washington" in first.stdout


def test_tsv_and_csv_print_plain_dates_and_bare_headers(kgq):
    q = "SELECT ?start ?meeting WHERE { ?m a kgo:Meeting ; schema:name ?meeting ; schema:startDate|kgo:startPeriod ?start } ORDER BY ?start"
    tsv = kgq(q, "-f", "tsv").output.splitlines()
    assert tsv[0] == "start\tmeeting"
    assert tsv[1] == "2022-11\tBiden – Xi · Bali · Nov 2022"
    rows = csv_rows(kgq(q, "-f", "csv").output)
    assert list(rows[0]) == ["start", "meeting"] and rows[0]["start"] == "2022-11"


def test_a_person_who_matches_no_one_is_an_error_with_the_nearest_name(seed_export):
    result = CliRunner().invoke(main, ["query", "--data", str(seed_export), "meetings-between", "--param", "a=Antony Blinkn", "--param", "b=Wang Yi"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: --param a: no person named 'Antony Blinkn'; did you mean 'Antony Blinken'?\n"
    ok = CliRunner().invoke(main, ["query", "--data", str(seed_export), "timeline", "--param", "person=Secretary Blinken"])
    assert ok.exit_code == 0 and "Wang Yi" in ok.stdout
