"""kg bench keeps working (a tiny run: the table's shape, never timings), and what it measures holds.

The figures themselves are benchmarks: ``kg bench`` prints them, nothing here
asserts on a time.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

from kg.build import build, extract_all
from kg.corpus import generate, write_corpus
from kg.documents import read_corpus

from .conftest import ROOT

STAGES = [
    "load",
    "extract, 2 processes",
    "extract, 1 process",
    "merge",
    "RDF: quads, one graph at a time",
    "serialize graph.ttl",
    "serialize graph.trig",
    "serialize graph.nq",
    "serialize graph.jsonld",
    "HTML: networkx view + page",
    "export: all files, as kg build writes them",
    "extract with cache, cold (2 processes)",
    "extract with cache, nothing changed",
    "rebuild after 1 document changed (kg build --cache)",
    "SPARQL: load the export into Oxigraph (kg query)",
]


@pytest.fixture(scope="module")
def corpus20(tmp_path_factory, rules):
    return write_corpus(tmp_path_factory.mktemp("corpus20"), 20, seed=0, rules=rules)


def test_smoke_run_prints_the_table(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "bench", "--sizes", "20", "--workers", "2", "--work", str(tmp_path / "work"), "--no-peers", "--no-browser", "--repeats", "1", "--quiet", "--json", str(tmp_path / "r.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("$ kg bench --sizes 20")
    head = next(i for i, line in enumerate(lines) if line.startswith("stage ") and "docs/s" in line)
    assert lines[head].split() [:2] == ["stage", "seconds"] and "peak RSS MB" in lines[head]
    assert set(lines[head + 1]) <= {"-", " "}
    body = lines[head + 2 : lines.index("", head)]
    names = [row[: lines[head].index("seconds")].strip() for row in body]
    for stage in STAGES:
        assert stage in names, stage
    for row in body:
        cells = row[len(lines[head].split("seconds")[0]) :].split()
        assert cells and (cells[0] == "n/a" or float(cells[0].replace(",", "")) >= 0), row
    # one SPARQL row per run of a bundled query, and the scale table
    sparql = next(i for i, line in enumerate(lines) if line.startswith("query ") and "kg ms" in line)
    from kg.query import named_queries

    rows = lines[sparql + 2 : lines.index("", sparql)]
    assert {r.split()[0] for r in rows} == set(named_queries())
    assert any(line.startswith("Scale: cost per document") for line in lines)
    data = json.loads((tmp_path / "r.json").read_text())
    assert data[0]["n"] == 20 and data[0]["docs"] == 20
    assert data[0]["workers_identical"] is True
    assert data[0]["rebuild_extracted"] == 1


def test_corpus_is_the_same_for_a_seed_and_grows_by_prefix(rules):
    a = [d.text for d in generate(6, seed=3, rules=rules)]
    b = [d.text for d in generate(6, seed=3, rules=rules)]
    c = [d.text for d in generate(9, seed=3, rules=rules)]
    d = [d.text for d in generate(6, seed=4, rules=rules)]
    assert a == b == c[:6]
    assert a != d
    assert all(len(t) > 500 for t in a)


def test_rebuild_extracts_only_the_changed_document_and_equals_a_fresh_build(corpus20, tmp_path, rules):
    cache = tmp_path / "cache"
    docs = read_corpus(corpus20).documents
    _, hits = extract_all(docs, rules, workers=2, cache_dir=cache)
    assert hits == 0
    _, hits = extract_all(docs, rules, workers=2, cache_dir=cache)
    assert hits == 20
    changed = tmp_path / "changed"
    changed.mkdir()
    for p in corpus20.iterdir():
        if not p.name.startswith("."):
            (changed / p.name).write_bytes(p.read_bytes())
    victim = changed / (docs[3].id + ".txt")
    victim.write_text(victim.read_text(encoding="utf-8") + "\nThe two sides agreed to meet again.\n", encoding="utf-8")
    cached = build(changed, tmp_path / "cached", rules=rules, workers=2, cache_dir=cache, html=False)
    assert cached.cached == 19
    build(changed, tmp_path / "fresh", rules=rules, html=False)
    for name in ("graph.nq", "graph.trig", "graph.ttl", "graph.jsonld"):
        assert (tmp_path / "cached" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name


def _build_stderr(corpus, out, tty: bool) -> str:
    cmd = [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--no-html", "--workers", "2"]
    if not tty:
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
        assert proc.returncode == 0, proc.stderr
        return proc.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=slave, cwd=ROOT)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=600) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_and_nothing_extra_in_a_log(corpus20, tmp_path):
    drawn = _build_stderr(corpus20, tmp_path / "a", tty=True)
    assert "extracting" in drawn and "0/20" in drawn and "20/20" in drawn  # click's bar, with the total
    assert _build_stderr(corpus20, tmp_path / "b", tty=False) == ""


def test_a_missing_peer_is_reported_not_fatal(monkeypatch, corpus20, rules):
    from kg.bench import Recorder, spacy_peer
    from kg.gazetteer import gazetteer_for

    monkeypatch.setitem(sys.modules, "spacy", None)
    rec = Recorder(20, lambda message: None)
    figures = spacy_peer(rec, read_corpus(corpus20).documents, gazetteer_for(rules))
    assert figures["available"] is False
    assert rec.rows[-1].note.startswith("n/a (spaCy is not installed")
