"""The networkx view of the graph, read from its RDF quads.

Both a fresh build and a loaded export go RDF -> networkx, so the two can
never disagree. Nodes are keyed by compact IRIs ('person:antony-blinken');
every node has ``type`` and ``label``; every edge has ``relation`` (its key)
and ``evidence``: the quoted sentences that state it.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

import networkx as nx
import pyoxigraph as ox

from .errors import ExportError
from .memory import collector_paused
from .rdf import EXPORT_FORMATS, KGO, OA, PROV, RDF, SCHEMA, SKOS, _compact, resolve_export

NODE_TYPES = {
    SCHEMA + "Person": "person",
    KGO + "Meeting": "meeting",
    SCHEMA + "Place": "place",
    SCHEMA + "Organization": "organization",
    SKOS + "Concept": "issue",
    SCHEMA + "CreativeWork": "document",
}
#: RDF property -> (edge relation, whether the edge runs object -> subject)
EDGE_RELATIONS = {
    SCHEMA + "attendee": ("attended", True),
    SCHEMA + "location": ("held in", False),
    SCHEMA + "about": ("discussed", False),
    KGO + "reportedIn": ("reported by", False),
    KGO + "mentionedIn": ("mentioned in", False),
    SCHEMA + "containedInPlace": ("within", False),
    SKOS + "broader": ("broader", False),
    SCHEMA + "publisher": ("published by", False),
    SCHEMA + "author": ("written by", False),
    SCHEMA + "nationality": ("national of", False),
}


def load_quads(path: str | Path) -> list[ox.Quad]:
    """Read an export (a folder, or a .nq/.trig/.ttl/.jsonld file) into quads.

    Raises:
        ExportError: nothing to read, or the file does not parse.
    """
    return list(iter_quads(path))


def iter_quads(path: str | Path) -> Iterator[ox.Quad]:
    """The quads of an export, streamed: for :func:`to_networkx` on exports too large to hold.

    Raises:
        ExportError: nothing to read, or the file does not parse (possibly part-way through).
    """
    file = resolve_export(path)
    return _parse(file, EXPORT_FORMATS[file.suffix])


def _parse(path: Path, fmt) -> Iterator[ox.Quad]:
    try:
        for item in ox.parse(path=str(path), format=fmt):
            yield item if isinstance(item, ox.Quad) else ox.Quad(item.subject, item.predicate, item.object, ox.DefaultGraph())
    except (SyntaxError, ValueError, OSError) as exc:
        raise ExportError(f"{path}: cannot read RDF: {str(exc).splitlines()[0]}") from None


#: what the view reads of the default graph: node types, edges, and the attributes of _node_attrs
_NODE_PREDICATES = frozenset(
    [RDF + "type"]
    + [SCHEMA + p for p in ("name", "alternateName", "nationality", "roleName", "startDate", "endDate", "location", "headline", "identifier", "publisher", "datePublished", "url")]
    + [KGO + p for p in ("holdsRole", "roleKind", "organization", "context", "durationText", "startPeriod", "endPeriod", "format", "status", "reportedIn", "placeType", "documentDate", "documentKind", "agent", "issue", "atMeeting", "stanceType")]
    + [SKOS + "prefLabel", SKOS + "altLabel", PROV + "wasDerivedFrom"]
    + list(EDGE_RELATIONS)
)
_IRI_PREDICATES = frozenset(EDGE_RELATIONS) | {KGO + "agent", KGO + "issue", KGO + "atMeeting"}
#: an annotation's fields, in the order its list keeps them
_ANNOTATION = {RDF + "subject": 0, RDF + "predicate": 1, RDF + "object": 2, KGO + "rule": 3, OA + "hasTarget": 4, PROV + "wasDerivedFrom": 5}
_SELECTOR = {OA + "start": 0, OA + "end": 1, OA + "exact": 2}
_NODE_EVIDENCE = frozenset({SCHEMA + "startDate", SCHEMA + "endDate", KGO + "startPeriod", KGO + "endPeriod", KGO + "context", SCHEMA + "duration", KGO + "format", KGO + "status"})
#: the facts whose quotes the view shows: its edges, stances' issues, aliases and _NODE_EVIDENCE
EVIDENCE_PREDICATES = frozenset(EDGE_RELATIONS) | {KGO + "issue", SCHEMA + "alternateName"} | _NODE_EVIDENCE


def to_networkx(quads: Iterable[ox.Quad]) -> nx.MultiDiGraph:
    """Build the typed, labelled MultiDiGraph of an export's quads.

    One pass keeps only what the view reads, as plain (interned) strings:
    at 10,000 documents the input is millions of quads, and holding them as
    terms cost gigabytes.

    Args:
        quads: the dataset (default graph facts and provenance graphs), in any order.
    """
    # millions of small lists and dicts, none in a cycle: the cyclic collector would only rescan them
    with collector_paused():
        return _to_networkx(quads)


def _to_networkx(quads: Iterable[ox.Quad]) -> nx.MultiDiGraph:
    props: dict[str, dict[str, list[str]]] = {}
    annotations: dict[str, list] = {}
    selectors: dict[str, list] = {}
    intern = sys.intern
    named, default_graph = ox.NamedNode, ox.DefaultGraph
    for s, p, o, graph in quads:
        pv = p.value
        if type(graph) is default_graph:
            if pv not in _NODE_PREDICATES or (pv in _IRI_PREDICATES and type(o) is not named):
                continue
            pmap = props.get(sv := s.value)
            if pmap is None:
                pmap = props[intern(sv)] = {}
            values = pmap.get(pv)
            if values is None:
                values = pmap[intern(pv)] = []
            values.append(intern(o.value))
        elif (slot := _ANNOTATION.get(pv)) is not None:
            fields = annotations.get(sv := s.value)
            if fields is None:
                fields = annotations[sv] = [None] * 6
            fields[slot] = intern(o.value) if slot != 4 else o.value
        elif (slot := _SELECTOR.get(pv)) is not None:
            fields = selectors.get(sv := s.value)
            if fields is None:
                fields = selectors[sv] = [None] * 3
            fields[slot] = o.value
    evidence: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    compact = _compact
    for ann, (subject, predicate, obj, rule, target, doc) in annotations.items():
        if subject is None or predicate not in EVIDENCE_PREDICATES:
            continue
        base = target if target is not None else ann
        start, end, _ = selectors.get(base + "-position") or (None, None, None)
        quote = (selectors.get(base + "-quote") or (None, None, None))[2]
        evidence[(subject, predicate, obj)].append(
            {
                "doc": compact(doc) if doc is not None else None,
                "start": int(start) if start is not None else None,
                "end": int(end) if end is not None else None,
                "quote": quote,
                "rule": rule,
            }
        )
    del annotations, selectors
    g = nx.MultiDiGraph()
    types: dict[str, str] = {}
    stances = set()
    for subject, pmap in props.items():
        for t in pmap.get(RDF + "type", ()):
            kind = NODE_TYPES.get(t)
            if kind and (subject not in types or kind == "meeting"):
                types[subject] = kind
            elif t == KGO + "Stance":
                stances.add(subject)
    ids = {subject: compact(subject) for subject in types}
    for subject in sorted(types):
        g.add_node(ids[subject], **_node_attrs(types[subject], subject, props))

    def ev_of(key) -> list[dict]:
        found = evidence.get(key)
        if not found:
            return []
        found.sort(key=lambda e: (e["doc"] or "", e["start"] or 0))
        return found

    for subject in sorted(types):
        pmap = props[subject]
        for p, (relation, reverse) in EDGE_RELATIONS.items():
            for o in pmap.get(p, ()):
                if o not in types:
                    continue
                a, b = (o, subject) if reverse else (subject, o)
                g.add_edge(ids[a], ids[b], key=relation, relation=relation, evidence=ev_of((subject, p, o)))
    # stances: who raised what, at which meeting
    for subject in sorted(stances):
        pmap = props[subject]
        agent, issue, meeting, verb = (pmap.get(KGO + k, (None,))[0] for k in ("agent", "issue", "atMeeting", "stanceType"))
        if agent is None or issue is None or agent not in types or issue not in types:
            continue
        at = compact(meeting) if meeting else None
        g.add_edge(
            ids[agent],
            ids[issue],
            key=f"raised@{at or ''}:{verb or ''}",
            relation="raised",
            stance=verb,
            meeting=at,
            evidence=list(evidence.get((subject, KGO + "issue", issue), [])),
        )
    # node-level evidence: aliases seen and the facts about meetings
    for (s, p, _o), evs in evidence.items():
        node = ids.get(s)
        if node is None:
            continue
        if p == SCHEMA + "alternateName":
            g.nodes[node].setdefault("alias_evidence", []).extend(evs)
        elif p in _NODE_EVIDENCE:
            g.nodes[node].setdefault("fact_evidence", []).extend({"property": compact(p), **e} for e in evs)
    for node, attrs in g.nodes(data=True):
        for attr in ("alias_evidence", "fact_evidence"):
            if attr in attrs:
                attrs[attr].sort(key=lambda e: (e.get("doc") or "", e.get("start") or 0, e.get("property", "")))
    return g


def _first(pmap: dict, prop: str):
    values = pmap.get(prop)
    return values[0] if values else None


def _all(pmap: dict, prop: str) -> list[str]:
    return sorted(pmap.get(prop, ()))


def _node_attrs(kind: str, subject: str, props: dict) -> dict:
    pmap = props[subject]
    attrs: dict[str, object] = {"type": kind, "iri": subject}
    if kind == "person":
        attrs["label"] = _first(pmap, SCHEMA + "name")
        attrs["aliases"] = _all(pmap, SCHEMA + "alternateName")
        nat = _first(pmap, SCHEMA + "nationality")
        attrs["country"] = _compact(nat) if nat else None
        roles = []
        for r in pmap.get(KGO + "holdsRole", ()):
            rmap = props.get(r, {})
            org = _first(rmap, KGO + "organization")
            roles.append(
                {
                    "title": _first(rmap, SCHEMA + "roleName"),
                    "kind": _first(rmap, KGO + "roleKind"),
                    "org": _compact(org) if org else None,
                    "start": _first(rmap, SCHEMA + "startDate"),
                    "end": _first(rmap, SCHEMA + "endDate"),
                }
            )
        attrs["roles"] = sorted(roles, key=lambda r: (r["start"] or "", r["title"] or ""))
    elif kind == "meeting":
        attrs["label"] = _first(pmap, SCHEMA + "name")
        attrs["start"] = _first(pmap, SCHEMA + "startDate") or _first(pmap, KGO + "startPeriod")
        attrs["end"] = _first(pmap, SCHEMA + "endDate") or _first(pmap, KGO + "endPeriod")
        place = _first(pmap, SCHEMA + "location")
        attrs["place"] = _compact(place) if place else None
        attrs["context"] = _first(pmap, KGO + "context")
        attrs["duration"] = _first(pmap, KGO + "durationText")
        fmt = _first(pmap, KGO + "format")
        attrs["format"] = {"InPerson": "in-person", "PhoneCall": "phone", "VideoCall": "video"}.get(fmt.rsplit("#", 1)[-1], None) if fmt else None
        status = _first(pmap, KGO + "status")
        attrs["status"] = status.rsplit("#", 1)[-1].lower() if status else "held"
        attrs["sources"] = [_compact(v) for v in _all(pmap, PROV + "wasDerivedFrom")]
        attrs["reported_in"] = [_compact(v) for v in _all(pmap, KGO + "reportedIn")]
    elif kind == "place":
        attrs["label"] = _first(pmap, SCHEMA + "name")
        attrs["place_type"] = _first(pmap, KGO + "placeType")
    elif kind == "organization":
        attrs["label"] = _first(pmap, SCHEMA + "name")
        attrs["aliases"] = _all(pmap, SCHEMA + "alternateName")
    elif kind == "issue":
        attrs["label"] = _first(pmap, SKOS + "prefLabel") or _compact(subject)
        attrs["alt_labels"] = _all(pmap, SKOS + "altLabel")
    elif kind == "document":
        attrs["label"] = _first(pmap, SCHEMA + "headline") or _first(pmap, SCHEMA + "identifier")
        attrs["identifier"] = _first(pmap, SCHEMA + "identifier")
        attrs["title"] = _first(pmap, SCHEMA + "headline")
        pub = _first(pmap, SCHEMA + "publisher")
        attrs["publisher"] = _first(props.get(pub) or {}, SCHEMA + "name") if pub else None
        attrs["published"] = _first(pmap, SCHEMA + "datePublished")
        attrs["date"] = _first(pmap, KGO + "documentDate")
        attrs["kind"] = _first(pmap, KGO + "documentKind")
        attrs["url"] = _first(pmap, SCHEMA + "url")
    if not attrs.get("label"):
        attrs["label"] = _compact(subject)
    return attrs


def writable(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The view with plain string attributes only, so that networkx's GraphML and GEXF writers take it.

    A missing value is left out (those writers refuse None); lists are
    joined with "; "; roles read "title (from START to END)"; an edge's
    ``evidence`` is its quoted sentences joined with " | " and ``sources``
    their documents. The quotes with their spans are in ``KG.evidence``.

    Args:
        g: the view :func:`to_networkx` made.
    """
    out = nx.MultiDiGraph()
    for node, attrs in g.nodes(data=True):
        out.add_node(node, **_flat(attrs))
    for a, b, key, attrs in g.edges(keys=True, data=True):
        out.add_edge(a, b, key=key, **_flat(attrs))
    return out


def _flat(attrs: dict) -> dict:
    flat: dict[str, object] = {}
    for name, value in attrs.items():
        if name in ("alias_evidence", "fact_evidence"):
            continue
        if name == "evidence":
            quotes = [e["quote"] for e in value if e.get("quote")]
            docs = sorted({e["doc"] for e in value if e.get("doc")})
            value = " | ".join(dict.fromkeys(" ".join(q.split()) for q in quotes))
            if docs:
                flat["sources"] = "; ".join(docs)
        elif name == "roles":
            value = "; ".join(_role_text(r) for r in value)
        elif isinstance(value, (list, tuple)):
            value = "; ".join(str(v) for v in value)
        if value is not None and value != "":
            flat[name] = value
    return flat


def _role_text(role: dict) -> str:
    span = " ".join(filter(None, [f"from {role['start']}" if role.get("start") else None, f"to {role['end']}" if role.get("end") else None]))
    return f"{role.get('title') or role.get('kind') or 'role'} ({span})" if span else str(role.get("title") or role.get("kind") or "role")
