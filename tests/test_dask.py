"""The per-document path through a cluster engine (Dask's local scheduler) gives the plain build's output."""

from __future__ import annotations

import pytest

from kg.build import build, write_exports
from kg.cluster import document_nquads, extract_path, merge_facts
from kg.corpus import write_corpus
from kg.documents import read_corpus
from kg.extract import extract

db = pytest.importorskip("dask.bag")


def files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory, rules):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 12, seed=7, rules=rules)


def test_dask_map_then_merge_equals_the_plain_build(small_corpus, tmp_path, rules):
    paths = [str(p) for p in sorted(small_corpus.glob("*.txt"))]
    bag = db.from_sequence(paths, npartitions=4).map(extract_path, rules=rules)
    facts = bag.compute(scheduler="processes", num_workers=2)
    assert len(facts) == 12
    # the order results come back in must not matter
    graph = merge_facts(list(reversed(facts)), rules)
    write_exports(graph, tmp_path / "dask", html=True)
    build(small_corpus, tmp_path / "plain", rules=rules, html=True)
    dask_files, plain_files = files(tmp_path / "dask"), files(tmp_path / "plain")
    assert set(plain_files) >= {"graph.nq", "graph.trig", "graph.ttl", "graph.jsonld", "graph.html"}
    assert dask_files == plain_files


def test_per_document_nquads_through_dask_are_those_of_each_document_alone(small_corpus, rules):
    paths = [str(p) for p in sorted(small_corpus.glob("*.txt"))[:4]]
    through_dask = db.from_sequence(paths, npartitions=2).map(extract_path, rules=rules).map(document_nquads, rules=rules).compute(scheduler="processes", num_workers=2)
    docs = read_corpus(small_corpus).documents[:4]
    plain = [document_nquads(extract(d, rules), rules) for d in docs]
    assert through_dask == plain
    for data in plain:
        assert data.endswith(b" .\n") and b"/graph/" in data
