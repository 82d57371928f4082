"""Exports: deterministic, independent of the worker count, atomic, and the committed ones current."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg.build import build

from .conftest import ROOT, SEEDS


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


def test_rebuild_is_byte_identical_whatever_the_worker_count(tmp_path, rules):
    build(SEEDS, tmp_path / "a", rules=rules, workers=1)
    build(SEEDS, tmp_path / "b", rules=rules, workers=2)
    a, b = files(tmp_path / "a"), files(tmp_path / "b")
    assert {"graph.html", "graph.ttl", "graph.nq", "graph.trig", "graph.jsonld"} <= set(a)
    assert a == b


def test_committed_exports_are_current(tmp_path, rules):
    """exports/ is the build of seeds/: run 'kg build' and commit when this fails."""
    build(SEEDS, tmp_path / "fresh", rules=rules)
    fresh = files(tmp_path / "fresh")
    committed = {name: data for name, data in files(ROOT / "exports").items() if name in fresh}
    stale = sorted(name for name in fresh if committed.get(name) != fresh[name])
    assert not stale, f"exports/ is out of date for {stale}; run 'kg build' and commit exports/"


def test_no_temporary_files_left_behind(tmp_path, rules):
    build(SEEDS, tmp_path / "out", rules=rules, html=False)
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_generated_corpus_is_byte_identical_with_two_workers(tmp_path, rules):
    """A larger corpus than the seeds (mixed from their sentences): 1 worker and 2 give the same bytes."""
    from .textmix import write_mixed_corpus

    docs = write_mixed_corpus(tmp_path / "docs", 40, seed=6)
    build(docs, tmp_path / "a", rules=rules, workers=1, html=False)
    build(docs, tmp_path / "b", rules=rules, workers=2, html=False)
    a, b = files(tmp_path / "a"), files(tmp_path / "b")
    assert {"graph.ttl", "graph.nq", "graph.trig", "graph.jsonld"} <= set(a)
    assert a == b
    assert b"schema:Event" in a["graph.ttl"]


def test_default_graph_parts_are_the_whole_default_graph_in_order(rules):
    """The default graph comes in parts (one per kind of subject) that, in turn, are its sorted lines: none lost, none out of order."""
    from kg.build import build_graph
    from kg.rdf import DEFAULT_GRAPH_PARTS, _Writer, iter_graphs

    graph, _corpus, _hits = build_graph(ROOT / "tests" / "data" / "unseen", rules)
    parts = [chunk.lines for chunk in iter_graphs(graph) if chunk.name is None]
    lines = [line for part in parts for line in part]
    assert len(parts) > 5
    assert lines == sorted(set(lines))
    whole = _Writer()  # no filter: every triple any maker writes
    for make in {make for _kind, makers in DEFAULT_GRAPH_PARTS for make in makers}:
        make(whole, graph)
    assert set(lines) == whole.lines


def test_release_empties_the_graph_and_changes_no_file(tmp_path, rules):
    """write_exports(release=True), as kg build calls it, writes the same files (the HTML view too) and leaves the graph empty."""
    from kg.build import build_graph, write_exports

    graph, _corpus, _hits = build_graph(SEEDS, rules)
    write_exports(graph, tmp_path / "kept")
    assert graph.meetings and graph.people and graph.mentions
    write_exports(graph, tmp_path / "released", release=True)
    assert files(tmp_path / "kept") == files(tmp_path / "released")
    assert not graph.meetings and not graph.people and not graph.mentions and not graph.documents


def test_trig_written_in_its_own_process_is_the_same(tmp_path, rules, monkeypatch):
    """A large export makes graph.trig in a process of its own while the other files are written: same bytes as in-process."""
    import kg.build
    from kg.build import build_graph, write_exports

    graph, _corpus, _hits = build_graph(SEEDS, rules)
    write_exports(graph, tmp_path / "here", html=False)
    monkeypatch.setattr(kg.build, "TRIG_PROCESS_MIN_QUADS", 1)
    started = []
    real_popen = kg.build.subprocess.Popen

    def popen(args, **kwargs):
        started.append(args)
        return real_popen(args, **kwargs)

    monkeypatch.setattr(kg.build.subprocess, "Popen", popen)
    times: dict[str, float] = {}
    write_exports(graph, tmp_path / "apart", html=False, timings=times)
    assert len(started) == 1 and started[0][0] == sys.executable  # it did run apart
    assert files(tmp_path / "here") == files(tmp_path / "apart")
    assert times["graph.trig"] > 0  # the process's own seconds, reported back


def test_trig_process_failing_keeps_the_old_file(tmp_path, rules, monkeypatch):
    """When the TriG process fails, the build says why in one line, the old graph.trig stays, and no temporary file is left."""
    import kg.build
    from kg.build import build_graph, write_exports
    from kg.errors import ExportError

    graph, _corpus, _hits = build_graph(SEEDS, rules)
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.trig").write_bytes(b"old")
    # the process that would write graph.trig is a Python that says why it cannot, and exits 1
    fake = tmp_path / "python"
    fake.write_text(f"#!{sys.executable}\nimport sys\nsys.stderr.write('No space left on device\\n')\nsys.exit(1)\n")
    fake.chmod(0o755)
    monkeypatch.setattr(kg.build, "TRIG_PROCESS_MIN_QUADS", 1)
    monkeypatch.setattr(kg.build.sys, "executable", str(fake))
    with pytest.raises(ExportError) as err:
        write_exports(graph, out, html=False)
    assert str(err.value) == f"{out}: cannot write exports (graph.trig: No space left on device)"
    assert (out / "graph.trig").read_bytes() == b"old"
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
