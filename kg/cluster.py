"""The build split for cluster engines: per-document extraction, then one merge.

Extracting a document is a pure function of its file (text and sidecar
metadata) and the rules, so a cluster engine can map it over documents on
any number of machines (Dask, Spark, Ray ...). Each result is a
:class:`~kg.model.DocFacts`; it pickles, and :func:`document_nquads` turns it
into that document's own N-Quads for pipelines that want RDF per document.
Merging across documents (meetings reported by several sources) is a
separate, cheaper step on the collected facts: :func:`merge_facts`, then the
streamed exports of :func:`kg.build.write_exports`. See docs/scaling.md.

The facts do not depend on where or in what order documents were extracted,
so the result equals ``kg build`` byte for byte.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from .documents import MAX_BYTES, read_document
from .errors import DocumentError
from .extract import extract
from .gazetteer import gazetteer_for
from .merge import merge
from .model import DocFacts, Document, Graph
from .rdf import iter_graphs
from .ruleset import RuleSet, load_rules

_RULES: dict[tuple[str, ...], RuleSet] = {}


def cluster_rules(*extra_dirs: str) -> RuleSet:
    """The rule set, loaded once per process (workers call this instead of shipping rules around)."""
    key = tuple(str(d) for d in extra_dirs)
    if key not in _RULES:
        _RULES[key] = load_rules(*extra_dirs)
    return _RULES[key]


def extract_document(doc: Document, rules: Optional[RuleSet] = None) -> DocFacts:
    """One document's facts: a pure function of the document and the rules."""
    return extract(doc, rules or cluster_rules())


def extract_path(path: str | Path, rules: Optional[RuleSet] = None, max_bytes: int = MAX_BYTES) -> DocFacts | DocumentError:
    """Read one ``.txt`` (and its ``.meta.json``) and extract it.

    A bad file, or an extraction that fails, comes back as a
    :class:`~kg.errors.DocumentError` naming it, so one document cannot fail a
    whole cluster job.
    """
    try:
        doc = read_document(path, max_bytes=max_bytes)
    except DocumentError as exc:
        return exc
    try:
        return extract_document(doc, rules)
    except Exception as exc:  # a bug must not cost the other documents
        return DocumentError(str(path), f"internal error while extracting ({type(exc).__name__}: {exc}); skipped")


def merge_facts(facts: Iterable[DocFacts | DocumentError], rules: Optional[RuleSet] = None) -> Graph:
    """Merge extracted documents (in any order; errors are left out) into one graph.

    Documents are keyed by file stem, as in ``kg build``: two files with the
    same stem are an error there and must not both reach this point.
    """
    rules = rules or cluster_rules()
    good = [f for f in facts if isinstance(f, DocFacts)]
    return merge(gazetteer_for(rules), good)


def document_nquads(facts: DocFacts, rules: Optional[RuleSet] = None) -> bytes:
    """One document's own RDF, as N-Quads: its entities, meetings and provenance graph.

    This is the graph a build of that document alone would write (meeting
    identifiers are those of that document alone). Concatenated, the
    documents' N-Quads are a valid dataset, but not the merged one: for
    meetings merged across sources use :func:`merge_facts`.
    """
    rules = rules or cluster_rules()
    graph = merge(gazetteer_for(rules), [facts])
    return b"".join(chunk.data() for chunk in iter_graphs(graph))
