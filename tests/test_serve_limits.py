"""kg serve and kg query against a hostile caller: no URL fetched, no machine exhausted, no child left behind.

The figures of the issue's checks are printed by ``python tests/hardening_figures.py``.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import ServiceRefusedError
from kg.query import load_store, run_isolated
from kg.serve import serve_in_thread

from .test_serve import http

#: the bypass of the issue: SPARQL ends a comment at a carriage return too
BYPASS = "SELECT * WHERE { #x\rSERVICE <{url}> { ?x ?y ?z } }"
CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"


class _Victim(BaseHTTPRequestHandler):
    """Another SPARQL endpoint on this machine: it answers one row and counts who asked."""

    def _answer(self) -> None:
        self.server.hits += 1
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "internal secret"}}]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def victim():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Victim)
    server.hits = 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.sparql = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def server(seed_export):
    with serve_in_thread(seed_export, timeout=30) as srv:
        yield srv


# -- SERVICE -----------------------------------------------------------------------------


def test_a_service_behind_a_carriage_return_comment_is_refused_by_the_endpoint(server, victim):
    q = urllib.parse.quote(BYPASS.replace("{url}", victim.sparql))
    status, _, body = http(f"{server.url}?query={q}")
    assert (status, body) == (400, b"SERVICE (a federated query) is not allowed on this endpoint; query the export only\n")
    assert victim.hits == 0


def test_kg_query_refuses_service_unless_allowed(seed_export, victim):
    query = BYPASS.replace("{url}", victim.sparql)
    result = CliRunner().invoke(main, ["query", query, "--data", str(seed_export)])
    assert result.exit_code == 2
    assert result.output == "Error: SERVICE (a federated query) is refused: kg would fetch another endpoint's URL; query the export only, or pass --allow-service\n"
    assert victim.hits == 0
    allowed = CliRunner().invoke(main, ["query", query, "--data", str(seed_export), "--allow-service", "--format", "csv"])
    assert allowed.exit_code == 0, allowed.output
    assert allowed.output == "x,y,z\ninternal secret,,\n"
    assert victim.hits == 1


def test_the_python_api_refuses_service_unless_allowed(seed_export, victim):
    g = kg.load(seed_export)
    with pytest.raises(ServiceRefusedError):
        g.query(BYPASS.replace("{url}", victim.sparql))
    assert victim.hits == 0
    assert [row["x"] for row in g.query(BYPASS.replace("{url}", victim.sparql), allow_service=True)] == ["internal secret"]


def test_a_query_child_has_no_network_whatever_its_text(seed_export, victim):
    """The engine's own reading decides: a SERVICE that every text check missed still fetches nothing."""
    store = load_store(seed_export)
    work = lambda: store.query(f"SELECT * WHERE {{ SERVICE <{victim.sparql}> {{ ?x ?y ?z }} }}").serialize(format=__import__("pyoxigraph").QueryResultsFormat.JSON)
    with pytest.raises(ServiceRefusedError, match=r"^SERVICE \(a federated query\) is refused: the query tried to reach the network"):
        run_isolated(work, 30, network=False)
    assert victim.hits == 0
    assert b"internal secret" in run_isolated(work, 30, network=True)


# -- who may call ------------------------------------------------------------------------


def test_pages_of_other_origins_are_refused_and_get_no_cors_headers(server):
    q = urllib.parse.quote("ASK {}")
    status, headers, body = http(f"{server.url}?query={q}", headers={"Origin": "https://evil.example"})
    assert (status, body) == (403, b"requests from web pages at https://evil.example are refused; start kg serve with --cors https://evil.example to allow them\n")
    assert "Access-Control-Allow-Origin" not in headers
    status, headers, _ = http(server.url, method="OPTIONS", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers


def test_an_allowed_origin_gets_cors_headers(seed_export):
    with serve_in_thread(seed_export, cors=("http://localhost:8080",)) as srv:
        status, headers, _ = http(srv.url, method="OPTIONS", headers={"Origin": "http://localhost:8080", "Access-Control-Request-Method": "POST"})
        assert status == 204 and headers["Access-Control-Allow-Origin"] == "http://localhost:8080"
        status, headers, _ = http(srv.url + "?query=" + urllib.parse.quote("ASK {}"), headers={"Origin": "http://localhost:8080"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "http://localhost:8080"
        assert http(srv.url + "?query=" + urllib.parse.quote("ASK {}"), headers={"Origin": "http://localhost:9999"})[0] == 403


def test_a_rebound_dns_name_is_refused(server):
    port = server.server_address[1]
    q = urllib.parse.quote("ASK {}")
    status, _, body = http(f"{server.url}?query={q}", headers={"Host": f"attacker.example:{port}"})
    assert (status, body) == (403, f"Host 'attacker.example:{port}' is not this server's address (a DNS name rebound to this machine?); use http://127.0.0.1:{port}\n".encode())
    assert http(f"{server.url}?query={q}", headers={"Host": f"localhost:{port}"})[0] == 200
    assert http(f"{server.url}?query={q}", headers={"Host": f"127.0.0.1:{port + 1}"})[0] == 403


# -- load ------------------------------------------------------------------------------


def test_200_concurrent_requests_are_all_answered(server):
    """The default listen backlog (5) reset about half of them."""
    outcomes = burst(server.url, 200)
    assert outcomes == {"200": 200}, outcomes


def burst(url: str, n: int) -> dict[str, int]:
    """``n`` clients send one query each at the same moment; how many got each status (or error)."""
    import collections
    import socket

    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
    request = f"GET /sparql?query={urllib.parse.quote('ASK { ?s ?p ?o }')} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode()
    start = threading.Barrier(n)
    outcomes: collections.Counter = collections.Counter()

    def one() -> None:
        start.wait()
        try:
            with socket.create_connection((host, port), timeout=120) as s:
                s.sendall(request)
                data = b""
                while chunk := s.recv(65536):
                    data += chunk
            outcomes[data.split(b" ", 2)[1].decode() if data.startswith(b"HTTP/") else "no answer"] += 1
        except OSError as exc:
            outcomes[type(exc).__name__] += 1

    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    return dict(outcomes)


def test_a_cross_join_is_held_under_its_memory_cap(seed_export):
    with serve_in_thread(seed_export, timeout=60, memory_mb=200) as srv:
        status, _, body = http(f"{srv.url}?query={urllib.parse.quote(CROSS_JOIN)}")
        assert (status, body) == (503, b"query stopped: it needed more than 200 MB (memory limit); narrow it or raise --memory-mb\n")
        assert http(srv.url + "?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))[0] == 200


def test_queries_past_the_cap_wait_their_turn(seed_export):
    with serve_in_thread(seed_export, timeout=30, max_queries=1) as srv:
        q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        results: list[int] = []
        threads = [threading.Thread(target=lambda: results.append(http(f"{srv.url}?query={q}")[0])) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert results == [200] * 8


# -- children end with their parent -------------------------------------------------------


def _quietly(fn, *args) -> None:
    try:
        fn(*args)
    except OSError:  # the server was killed mid-answer: that is the test
        pass


def _children(pid: int) -> set[int]:
    out = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass
    return out


def _wait_for(predicate, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return predicate()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_query_child_ends_with_kg_serve(seed_export, sig):
    from .conftest import ROOT

    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--data", str(seed_export), "--port", "0", "--quiet", "--timeout", "600", "--memory-mb", "100000"],
        stderr=subprocess.PIPE, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        url = re.search(r"(http://\S+/sparql)", proc.stderr.readline()).group(1)
        threading.Thread(target=_quietly, args=(http, f"{url}?query={urllib.parse.quote(CROSS_JOIN)}"), daemon=True).start()
        children = _wait_for(lambda: _children(proc.pid))
        assert children, "no query child started"
        proc.send_signal(sig)
        proc.wait(10)
        assert _wait_for(lambda: not any(_alive(c) for c in children)), "a query child outlived kg serve"
    finally:
        if proc.poll() is None:
            proc.kill()


def test_a_query_child_ends_with_kg_query(seed_export):
    from .conftest import ROOT

    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "query", CROSS_JOIN, "--data", str(seed_export), "--timeout", "600"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        children = _wait_for(lambda: _children(proc.pid))
        assert children, "no query child started"
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)
        assert _wait_for(lambda: not any(_alive(c) for c in children)), "a query child outlived kg query"
    finally:
        if proc.poll() is None:
            proc.kill()
