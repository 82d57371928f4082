"""kg serve: a read-only SPARQL 1.1 Protocol endpoint that SPARQL clients can use."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper

from kg.cli import main
from kg.errors import ServeError
from kg.serve import make_server, negotiate, serve_in_thread

BETWEEN = """SELECT ?start ?place WHERE {
  ?m a kgo:Meeting ; schema:attendee person:antony-blinken, person:wang-yi ;
     schema:startDate ?start ; schema:location/schema:name ?place
} ORDER BY ?start"""


@pytest.fixture(scope="module")
def server(seed_export):
    with serve_in_thread(seed_export, timeout=30) as srv:
        yield srv


def client(server, query: str, fmt=JSON, method=None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        sparql.setMethod(POST)
        sparql.setRequestMethod(POSTDIRECTLY)
    elif method:
        sparql.setMethod(method)
    return sparql


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_listens_on_loopback_by_default(server):
    assert server.server_address[0] == "127.0.0.1"
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/sparql", server.url)


def test_sparqlwrapper_select_in_every_results_format(server):
    rows = client(server, BETWEEN).queryAndConvert()["results"]["bindings"]
    places = [r["place"]["value"] for r in rows]
    assert "Jakarta" in places and "Washington" in places
    assert [r["start"]["value"] for r in rows] == sorted(r["start"]["value"] for r in rows)
    xml = client(server, BETWEEN, XML).queryAndConvert()
    assert len(xml.getElementsByTagName("result")) == len(rows)
    csv_text = client(server, BETWEEN, CSV).queryAndConvert().decode("utf-8")
    assert csv_text.splitlines()[0] == "start,place" and len(csv_text.splitlines()) == len(rows) + 1


def test_sparqlwrapper_post_and_direct_post(server):
    get = client(server, BETWEEN).queryAndConvert()
    assert client(server, BETWEEN, method=POST).queryAndConvert() == get
    assert client(server, BETWEEN, method=POSTDIRECTLY).queryAndConvert() == get


def test_ask_and_construct(server):
    assert client(server, "ASK { person:wang-yi a schema:Person }").queryAndConvert() == {"head": {}, "boolean": True}
    turtle = client(server, "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }", TURTLE).queryAndConvert()
    assert b"Wang Yi" in turtle
    import rdflib

    g = rdflib.Graph().parse(data=turtle.decode("utf-8"), format="turtle")
    people = client(server, "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person ; schema:name ?n2 }").queryAndConvert()
    assert len(g) == int(people["results"]["bindings"][0]["n"]["value"])


def test_updates_are_refused(server):
    sparql = client(server, "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")
    sparql.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as err:
        sparql.query()
    assert err.value.code == 403
    status, _, body = http(server.url, b"update=" + urllib.parse.quote_plus("CLEAR ALL").encode(), {"Content-Type": "application/x-www-form-urlencoded"})
    assert (status, body) == (403, b"updates are refused: this endpoint is read-only\n")
    status, _, body = http(server.url, b"DROP ALL", {"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, body = http(server.url + "?query=" + urllib.parse.quote("DELETE WHERE { ?s ?p ?o }"))
    assert (status, body) == (403, b"SPARQL UPDATE (DELETE) is refused: queries over the export are read-only\n")
    status, _, _ = http(server.url, b"", method="PUT")
    assert status == 405
    # nothing was changed
    assert client(server, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True


def test_malformed_requests_get_an_error_and_the_server_goes_on(server):
    host, port = server.server_address[:2]
    status, _, body = http(server.url + "?query=" + urllib.parse.quote("SELECT ?x WHERE { ?x ?y }"))
    assert status == 400 and body.startswith(b"syntax error at line 1, column ") and body.count(b"\n") == 1
    assert http(server.url + "?query=a&query=b")[0] == 400
    assert http(server.url, b"query=ASK%7B%7D", {"Content-Type": "application/octet-stream"})[0] == 415
    assert http(server.url.replace("/sparql", "/nowhere"))[0] == 404
    raw = [
        b"\x00\x01\x02 garbage\r\n\r\n",
        b"GET /sparql?query=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\nContent-Type: application/sparql-query\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 4\r\n\r\n\xff\xfe\xfd\xfc",
        b"GET /sparql HTTP/1.1\r\n" + b"X-Long: " + b"a" * 70000 + b"\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nquery=",  # the client hangs up early
    ]
    for request in raw:
        with socket.create_connection((host, port), timeout=10) as s:
            s.sendall(request)
            s.shutdown(socket.SHUT_WR)
            reply = s.recv(200)
        assert reply == b"" or reply.startswith(b"HTTP/1."), reply
        if reply:
            assert int(reply.split()[1]) >= 400, reply
    with socket.create_connection((host, port), timeout=10):
        pass  # connect and close at once
    rows = client(server, BETWEEN).queryAndConvert()["results"]["bindings"]
    assert rows


def test_federated_queries_are_refused(server):
    q = urllib.parse.quote("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")
    status, _, body = http(f"{server.url}?query={q}")
    assert (status, body) == (400, b"SERVICE (a federated query) is not allowed on this endpoint; query the export only\n")
    q = urllib.parse.quote('SELECT ?service WHERE { ?service schema:name "SERVICE" } # SERVICE in a comment')
    assert http(f"{server.url}?query={q}")[0] == 200


def test_the_front_page(server):
    status, headers, body = http(server.url.replace("/sparql", "/"))
    assert status == 200 and headers["Content-Type"].startswith("text/html") and server.url.encode() in body
    status, headers, _ = http(server.url + "?query=" + urllib.parse.quote("ASK {}"))
    assert status == 200 and "Access-Control-Allow-Origin" not in headers


def test_content_negotiation():
    assert negotiate("", None, graph=False)[0] == "application/sparql-results+json"
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", None, graph=False)[0] == "application/sparql-results+xml"
    assert negotiate("*/*", None, graph=True)[0] == "text/turtle"
    assert negotiate("application/ld+json", None, graph=True)[0] == "application/ld+json"
    assert negotiate("application/sparql-results+json", "csv", graph=False)[0] == "text/csv"
    assert negotiate("", "json", graph=True)[0] == "application/ld+json"


def test_default_graph_and_named_graph_parameters(server):
    graph = "https://w3id.org/diplomacy-kg/id/graph/000_04027ffb18fe93be"
    q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?a a oa:Annotation }")
    status, _, body = http(f"{server.url}?query={q}&default-graph-uri={urllib.parse.quote(graph)}")
    assert status == 200
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0
    status, _, body = http(f"{server.url}?query={q}")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == 0


def test_a_runaway_query_is_stopped_and_the_server_goes_on(seed_export):
    with serve_in_thread(seed_export, timeout=0.5) as srv:
        q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
        started = time.perf_counter()
        status, _, body = http(f"{srv.url}?query={q}")
        assert time.perf_counter() - started < 10
        assert (status, body) == (503, b"query stopped after 0.5 s (time limit); narrow it or raise --timeout\n")
        assert client(srv, BETWEEN).queryAndConvert()["results"]["bindings"]


def test_a_taken_port_gets_a_clear_message(server, seed_export):
    port = server.server_address[1]
    with pytest.raises(ServeError) as err:
        make_server(seed_export, port=port)
    assert str(err.value) == f"cannot serve on 127.0.0.1:{port}: the port is already in use; choose another with --port (0 picks a free one)"
    result = CliRunner().invoke(main, ["serve", "--data", str(seed_export), "--port", str(port)])
    assert result.exit_code == 1
    assert result.output == f"Error: cannot serve on 127.0.0.1:{port}: the port is already in use; choose another with --port (0 picks a free one)\n"


def test_missing_export_is_refused_before_listening(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "nowhere"), "--port", "0"])
    assert result.exit_code == 1
    assert "not found; run 'kg build' first" in result.output


def test_kg_serve_command_in_a_subprocess(seed_export):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--data", str(seed_export), "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stderr.readline()
        m = re.search(r"SPARQL endpoint on (http://127\.0\.0\.1:\d+/sparql) \(read-only\)", line)
        assert m, line
        sparql = SPARQLWrapper(m.group(1))
        sparql.setQuery(BETWEEN)
        sparql.setReturnFormat(JSON)
        places = {r["place"]["value"] for r in sparql.queryAndConvert()["results"]["bindings"]}
        assert {"Jakarta", "Washington"} <= places
    finally:
        proc.terminate()
        proc.wait(10)
