"""The networkx view of the graph, read from its RDF quads.

Both a fresh build and a loaded export go RDF -> networkx, so the two can
never disagree. Nodes are keyed by compact IRIs ('person:antony-blinken');
every node has ``type`` and ``label``; every edge has ``relation`` (its key)
and ``evidence``: the quoted sentences that state it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterable

import networkx as nx
import pyoxigraph as ox

from .errors import ExportError
from .rdf import KGO, OA, PROV, RDF, SCHEMA, SKOS, _compact

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
    path = Path(path)
    if path.is_dir():
        for name in ("graph.nq", "graph.trig", "graph.ttl"):
            if (path / name).exists():
                path = path / name
                break
        else:
            raise ExportError(f"{path}: no graph.nq, graph.trig or graph.ttl here; run 'kg build' first")
    formats = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}
    fmt = formats.get(path.suffix)
    if fmt is None:
        raise ExportError(f"{path}: unknown RDF file type; use .nq, .trig, .ttl, .nt or .jsonld")
    if not path.exists():
        raise ExportError(f"{path}: not found; run 'kg build' first")
    try:
        parsed = ox.parse(path=str(path), format=fmt)
        out = []
        for item in parsed:
            out.append(item if isinstance(item, ox.Quad) else ox.Quad(item.subject, item.predicate, item.object, ox.DefaultGraph()))
        return out
    except (SyntaxError, ValueError, OSError) as exc:
        raise ExportError(f"{path}: cannot read RDF: {str(exc).splitlines()[0]}") from None


def to_networkx(quads: Iterable[ox.Quad]) -> nx.MultiDiGraph:
    """Build the typed, labelled MultiDiGraph of an export's quads.

    Args:
        quads: the dataset (default graph facts and provenance graphs).
    """
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    annotations: dict[str, dict[str, object]] = defaultdict(dict)
    for q in quads:
        s, p, o = q.subject, q.predicate.value, q.object
        if isinstance(q.graph_name, ox.DefaultGraph):
            props[s.value][p].append(o)
            continue
        # provenance graphs: collect each annotation's statement and selectors
        if p in (RDF + "subject", RDF + "predicate", RDF + "object", KGO + "rule", OA + "start", OA + "end", OA + "exact", OA + "hasTarget", PROV + "wasDerivedFrom"):
            annotations[s.value][p] = o
    evidence: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for ann, fields in annotations.items():
        if RDF + "subject" not in fields:
            continue
        target = fields.get(OA + "hasTarget")
        base = target.value if target is not None else ann
        pos = annotations.get(base + "-position", {})
        quote = annotations.get(base + "-quote", {})
        doc = fields.get(PROV + "wasDerivedFrom")
        key = (fields[RDF + "subject"].value, fields[RDF + "predicate"].value, _term_key(fields[RDF + "object"]))
        evidence[key].append(
            {
                "doc": _compact(doc.value) if doc is not None else None,
                "start": int(pos[OA + "start"].value) if OA + "start" in pos else None,
                "end": int(pos[OA + "end"].value) if OA + "end" in pos else None,
                "quote": quote[OA + "exact"].value if OA + "exact" in quote else None,
                "rule": fields[KGO + "rule"].value if KGO + "rule" in fields else None,
            }
        )
    g = nx.MultiDiGraph()
    types: dict[str, str] = {}
    for subject, pmap in props.items():
        for t in pmap.get(RDF + "type", []):
            kind = NODE_TYPES.get(t.value)
            if kind and (subject not in types or kind == "meeting"):
                types[subject] = kind
    for subject in sorted(types):
        kind = types[subject]
        g.add_node(_compact(subject), **_node_attrs(kind, subject, props))
    for subject in sorted(types):
        pmap = props[subject]
        for p, (relation, reverse) in EDGE_RELATIONS.items():
            for o in pmap.get(p, []):
                if not isinstance(o, ox.NamedNode) or o.value not in types:
                    continue
                a, b = (o.value, subject) if reverse else (subject, o.value)
                ev = sorted(evidence.get((subject, p, _term_key(o)), []), key=lambda e: (e["doc"] or "", e["start"] or 0))
                g.add_edge(_compact(a), _compact(b), key=relation, relation=relation, evidence=ev)
    # stances: who raised what, at which meeting
    for subject, pmap in sorted(props.items()):
        if not any(t.value == KGO + "Stance" for t in pmap.get(RDF + "type", [])):
            continue
        agent, issue, meeting = (pmap.get(KGO + k, [None])[0] for k in ("agent", "issue", "atMeeting"))
        verb = pmap.get(KGO + "stanceType", [None])[0]
        if agent is None or issue is None or agent.value not in types or issue.value not in types:
            continue
        ev = evidence.get((subject, KGO + "issue", _term_key(issue)), [])
        g.add_edge(
            _compact(agent.value),
            _compact(issue.value),
            key=f"raised@{_compact(meeting.value) if meeting else ''}:{verb.value if verb else ''}",
            relation="raised",
            stance=verb.value if verb else None,
            meeting=_compact(meeting.value) if meeting else None,
            evidence=ev,
        )
    # node-level evidence: aliases seen and the facts about meetings
    for (s, p, _o), evs in evidence.items():
        node = _compact(s)
        if node in g and p == SCHEMA + "alternateName":
            g.nodes[node].setdefault("alias_evidence", []).extend(evs)
        elif node in g and p in (SCHEMA + "startDate", SCHEMA + "endDate", KGO + "context", SCHEMA + "duration", KGO + "format", KGO + "status"):
            g.nodes[node].setdefault("fact_evidence", []).extend({"property": _compact(p), **e} for e in evs)
    for node in g.nodes:
        for attr in ("alias_evidence", "fact_evidence"):
            if attr in g.nodes[node]:
                g.nodes[node][attr].sort(key=lambda e: (e.get("doc") or "", e.get("start") or 0, e.get("property", "")))
    return g


def _term_key(term) -> str:
    if isinstance(term, ox.Literal):
        return f"{term.value}^^{term.datatype.value if term.datatype else ''}@{term.language or ''}"
    return term.value


def _first(pmap: dict, prop: str):
    values = pmap.get(prop)
    return values[0].value if values else None


def _all(pmap: dict, prop: str) -> list[str]:
    return sorted(v.value for v in pmap.get(prop, []))


def _node_attrs(kind: str, subject: str, props: dict) -> dict:
    pmap = props[subject]
    attrs: dict[str, object] = {"type": kind, "iri": subject}
    if kind == "person":
        attrs["label"] = _first(pmap, SCHEMA + "name")
        attrs["aliases"] = _all(pmap, SCHEMA + "alternateName")
        nat = _first(pmap, SCHEMA + "nationality")
        attrs["country"] = _compact(nat) if nat else None
        roles = []
        for r in pmap.get(KGO + "holdsRole", []):
            rmap = props.get(r.value, {})
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
        attrs["start"] = _first(pmap, SCHEMA + "startDate")
        attrs["end"] = _first(pmap, SCHEMA + "endDate")
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
        labels = pmap.get(SKOS + "prefLabel", [])
        attrs["label"] = labels[0].value if labels else _compact(subject)
        attrs["alt_labels"] = _all(pmap, SKOS + "altLabel")
    elif kind == "document":
        attrs["label"] = _first(pmap, SCHEMA + "headline") or _first(pmap, SCHEMA + "identifier")
        attrs["identifier"] = _first(pmap, SCHEMA + "identifier")
        attrs["title"] = _first(pmap, SCHEMA + "headline")
        pub = _first(pmap, SCHEMA + "publisher")
        attrs["publisher"] = props.get(pub, {}).get(SCHEMA + "name", [None])[0].value if pub and props.get(pub, {}).get(SCHEMA + "name") else None
        attrs["published"] = _first(pmap, SCHEMA + "datePublished")
        attrs["date"] = _first(pmap, KGO + "documentDate")
        attrs["kind"] = _first(pmap, KGO + "documentKind")
        attrs["url"] = _first(pmap, SCHEMA + "url")
    if not attrs.get("label"):
        attrs["label"] = _compact(subject)
    return attrs
