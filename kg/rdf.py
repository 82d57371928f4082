"""The RDF view of the graph: quads, and their Turtle, TriG, N-Quads and JSON-LD files.

The default graph holds every fact. Each document has a named graph holding
what that document alone asserts, plus a Web Annotation for each fact with
the quoted sentence, its character span and the rule that made it.
"""

from __future__ import annotations

import json
from typing import Iterable, Iterator, Optional
from urllib.parse import quote

import pyoxigraph as ox

from .model import Evidence, Graph, Meeting, PartialDate

BASE = "https://w3id.org/diplomacy-kg/"
ID = BASE + "id/"
KGO = BASE + "ontology#"
SCHEMA = "https://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"

#: one prefix per kind of entity, so that no local name needs escaping
KINDS = ("person", "meeting", "place", "org", "issue", "doc", "role", "stance", "ann", "graph", "scheme")
PREFIXES = {
    **{kind: ID + kind + "/" for kind in KINDS},
    "kgo": KGO,
    "schema": SCHEMA,
    "skos": SKOS,
    "prov": PROV,
    "oa": OA,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "dct": DCT,
}

_TYPE = ox.NamedNode(RDF + "type")
DEFAULT = ox.DefaultGraph()

FORMAT_IRI = {"in-person": KGO + "InPerson", "phone": KGO + "PhoneCall", "video": KGO + "VideoCall"}
STATUS_IRI = {"held": KGO + "Held", "planned": KGO + "Planned", "postponed": KGO + "Postponed", "cancelled": KGO + "Cancelled"}
SCHEMA_STATUS = {"planned": SCHEMA + "EventScheduled", "postponed": SCHEMA + "EventPostponed", "cancelled": SCHEMA + "EventCancelled"}
PLACE_CLASS = {
    "country": SCHEMA + "Country",
    "city": SCHEMA + "City",
    "region": SCHEMA + "AdministrativeArea",
    "sea": SCHEMA + "BodyOfWater",
    "strait": SCHEMA + "BodyOfWater",
    "shoal": SCHEMA + "Landform",
    "island": SCHEMA + "Landform",
    "continent": SCHEMA + "Continent",
    "venue": SCHEMA + "LandmarksOrHistoricalBuildings",
}
#: how each per-document meeting fact is written as a triple
FACT_PROPERTY = {
    "attendee": SCHEMA + "attendee",
    "startDate": SCHEMA + "startDate",
    "endDate": SCHEMA + "endDate",
    "location": SCHEMA + "location",
    "about": SCHEMA + "about",
    "context": KGO + "context",
    "duration": SCHEMA + "duration",
    "format": KGO + "format",
    "status": KGO + "status",
}


def iri(kind: str, key: str) -> ox.NamedNode:
    """The stable IRI of an entity: kind ('person', 'meeting', ...) and its key."""
    return ox.NamedNode(ID + kind + "/" + quote(key, safe="-_.~"))


def _n(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _lit(value: str, lang: Optional[str] = None) -> ox.Literal:
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


def _typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def date_literal(d: PartialDate) -> Optional[ox.Literal]:
    """A partial date as xsd:date, gYearMonth, gMonthDay, gYear or gMonth; None when unknown."""
    lexical, datatype = d.lexical()
    return _typed(lexical, datatype) if lexical else None


def _fact_object(prop: str, value: str) -> ox.Literal | ox.NamedNode:
    if prop == "attendee":
        return iri("person", value)
    if prop == "location":
        return iri("place", value)
    if prop == "about":
        return iri("issue", value)
    if prop in ("startDate", "endDate"):
        if value.startswith("--"):
            return _typed(value, "gMonthDay" if len(value) > 4 else "gMonth")
        return _typed(value, {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(value), "string"))
    if prop == "duration":
        return _typed(value, "duration")
    if prop == "format":
        return _n(FORMAT_IRI[value])
    if prop == "status":
        return _n(STATUS_IRI[value])
    return _lit(value)


class _Writer:
    def __init__(self) -> None:
        self.quads: list[ox.Quad] = []

    def add(self, s, p: str, o, g=DEFAULT) -> None:
        self.quads.append(ox.Quad(s, _n(p), o, g))


def graph_quads(graph: Graph) -> list[ox.Quad]:
    """Every quad of the graph's RDF view, in a stable order.

    Args:
        graph: the merged graph.
    """
    w = _Writer()
    _entities(w, graph)
    for m in graph.meetings.values():
        _meeting(w, graph, m)
    _provenance(w, graph)
    unique = {(_key(q)): q for q in w.quads}
    return [unique[k] for k in sorted(unique)]


def _key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name) if not isinstance(q.graph_name, ox.DefaultGraph) else "", str(q.subject), str(q.predicate), str(q.object))


def _entities(w: _Writer, graph: Graph) -> None:
    for key, person in graph.people.items():
        s = iri("person", key)
        w.add(s, RDF + "type", _n(SCHEMA + "Person"))
        w.add(s, SCHEMA + "name", _lit(person.name))
        for alias in sorted(person.aliases):
            w.add(s, SCHEMA + "alternateName", _lit(alias))
        if person.country:
            w.add(s, SCHEMA + "nationality", iri("place", person.country.lower()))
        for i, role in enumerate(person.roles):
            r = iri("role", f"{key}-{i + 1}")
            w.add(s, KGO + "holdsRole", r)
            w.add(s, SCHEMA + "jobTitle", _lit(role.title))
            w.add(r, RDF + "type", _n(KGO + "RoleAssignment"))
            w.add(r, SCHEMA + "roleName", _lit(role.title))
            w.add(r, KGO + "roleKind", _lit(role.kind))
            if role.org:
                w.add(r, KGO + "organization", iri("org", role.org))
            if role.start:
                w.add(r, SCHEMA + "startDate", _typed(role.start.isoformat(), "date"))
            if role.end:
                w.add(r, SCHEMA + "endDate", _typed(role.end.isoformat(), "date"))
    for pid, place in graph.places.items():
        s = iri("place", pid)
        w.add(s, RDF + "type", _n(SCHEMA + "Place"))
        w.add(s, RDF + "type", _n(PLACE_CLASS.get(place.type, SCHEMA + "Place")))
        w.add(s, SCHEMA + "name", _lit(place.name))
        w.add(s, KGO + "placeType", _lit(place.type))
        for alias in sorted(place.aliases - {place.name}):
            w.add(s, SCHEMA + "alternateName", _lit(alias))
        if place.within:
            w.add(s, SCHEMA + "containedInPlace", iri("place", place.within))
        if place.type == "country" and place.country:
            w.add(s, SCHEMA + "identifier", _lit(place.country))
        if place.geonames:
            w.add(s, SCHEMA + "sameAs", _n(f"https://sws.geonames.org/{place.geonames}/"))
    for oid, org in graph.orgs.items():
        s = iri("org", oid)
        w.add(s, RDF + "type", _n(SCHEMA + "Organization"))
        if org.type in ("government", "ministry", "legislature", "military"):
            w.add(s, RDF + "type", _n(SCHEMA + "GovernmentOrganization"))
        w.add(s, SCHEMA + "name", _lit(org.name))
        w.add(s, KGO + "orgType", _lit(org.type))
        for alias in sorted(org.aliases):
            w.add(s, SCHEMA + "alternateName", _lit(alias))
        if org.country:
            w.add(s, KGO + "country", iri("place", org.country.lower()))
    scheme = iri("scheme", "issues")
    if graph.concepts:
        w.add(scheme, RDF + "type", _n(SKOS + "ConceptScheme"))
        w.add(scheme, SKOS + "prefLabel", _lit("Diplomatic issues", "en"))
    for cid, concept in graph.concepts.items():
        s = iri("issue", cid)
        w.add(s, RDF + "type", _n(SKOS + "Concept"))
        w.add(s, SKOS + "prefLabel", _lit(concept.label, "en"))
        w.add(s, SKOS + "inScheme", scheme)
        for alt in concept.alt_labels:
            w.add(s, SKOS + "altLabel", _lit(alt, "en"))
        for b in concept.broader:
            if b in graph.concepts:
                w.add(s, SKOS + "broader", iri("issue", b))
        if not [b for b in concept.broader if b in graph.concepts]:
            w.add(scheme, SKOS + "hasTopConcept", s)
        if concept.definition:
            w.add(s, SKOS + "definition", _lit(concept.definition, "en"))
    for did, doc in graph.documents.items():
        s = iri("doc", did)
        w.add(s, RDF + "type", _n(SCHEMA + "CreativeWork"))
        w.add(s, RDF + "type", _n(PROV + "Entity"))
        kind = (doc.kind or "").lower()
        if kind in ("news", "commentary"):
            w.add(s, RDF + "type", _n(SCHEMA + ("NewsArticle" if kind == "news" else "OpinionNewsArticle")))
        elif "readout" in kind:
            w.add(s, RDF + "type", _n(SCHEMA + "Report"))
        w.add(s, SCHEMA + "identifier", _lit(did))
        if doc.title:
            w.add(s, SCHEMA + "headline", _lit(doc.title))
        if doc.published:
            w.add(s, SCHEMA + "datePublished", _typed(doc.published.isoformat(), "date"))
        if doc.date:
            w.add(s, KGO + "documentDate", _typed(doc.date.isoformat(), "date"))
            w.add(s, KGO + "documentDateSource", _lit(doc.date_source or ""))
        if did in graph.publishers:
            w.add(s, SCHEMA + "publisher", iri("org", graph.publishers[did]))
        if doc.kind:
            w.add(s, KGO + "documentKind", _lit(doc.kind))
        if doc.url:
            w.add(s, SCHEMA + "url", _lit(doc.url))
        w.add(s, KGO + "sha256", _lit(doc.sha256))
        for author in graph.authors.get(did, []):
            w.add(s, SCHEMA + "author", iri("person", author))
        w.add(s, KGO + "provenanceGraph", iri("graph", did))
        g = iri("graph", did)
        w.add(g, RDF + "type", _n(PROV + "Bundle"))
        w.add(g, PROV + "wasDerivedFrom", s)
    for mention in graph.mentions:
        kind = {"person": "person", "place": "place", "org": "org", "concept": "issue"}[mention.kind]
        w.add(iri("doc", mention.evidence.doc), SCHEMA + "mentions", iri(kind, mention.target))


def _meeting(w: _Writer, graph: Graph, m: Meeting) -> None:
    from .merge import meeting_label

    s = iri("meeting", m.id)
    w.add(s, RDF + "type", _n(SCHEMA + "Event"))
    w.add(s, RDF + "type", _n(KGO + "Meeting"))
    w.add(s, SCHEMA + "name", _lit(meeting_label(graph, m)))
    for p in m.participants:
        w.add(s, SCHEMA + "attendee", iri("person", p))
    start, end = date_literal(m.start), date_literal(m.end)
    if start is not None:
        w.add(s, SCHEMA + "startDate", start)
    if end is not None:
        w.add(s, SCHEMA + "endDate", end)
    if m.place:
        w.add(s, SCHEMA + "location", iri("place", m.place))
    if m.context:
        w.add(s, KGO + "context", _lit(m.context))
    if m.duration:
        w.add(s, KGO + "durationText", _lit(m.duration))
        if m.duration_iso:
            w.add(s, SCHEMA + "duration", _typed(m.duration_iso, "duration"))
    fmt = m.format or "in-person"
    w.add(s, KGO + "format", _n(FORMAT_IRI[fmt]))
    w.add(s, SCHEMA + "eventAttendanceMode", _n(SCHEMA + ("OfflineEventAttendanceMode" if fmt == "in-person" else "OnlineEventAttendanceMode")))
    w.add(s, KGO + "status", _n(STATUS_IRI[m.status]))
    if m.status in SCHEMA_STATUS:
        w.add(s, SCHEMA + "eventStatus", _n(SCHEMA_STATUS[m.status]))
    for cid in m.issues:
        w.add(s, SCHEMA + "about", iri("issue", cid))
    for doc in m.sources:
        w.add(s, PROV + "wasDerivedFrom", iri("doc", doc))
    for doc in m.reported_in:
        w.add(s, KGO + "reportedIn", iri("doc", doc))
    for doc in m.mentioned_in:
        w.add(s, KGO + "mentionedIn", iri("doc", doc))
    for i, st in enumerate(m.stances):
        n = iri("stance", f"{m.id}-{i + 1}")
        w.add(s, KGO + "hasStance", n)
        w.add(n, RDF + "type", _n(KGO + "Stance"))
        w.add(n, KGO + "agent", iri("person", st.person))
        w.add(n, KGO + "stanceType", _lit(st.verb))
        w.add(n, KGO + "issue", iri("issue", st.concept))
        w.add(n, KGO + "atMeeting", s)
        w.add(n, PROV + "wasDerivedFrom", iri("doc", st.evidence.doc))


def _provenance(w: _Writer, graph: Graph) -> None:
    """Per-document named graphs: what each source asserts, each fact annotated."""
    counters: dict[str, int] = {}

    def annotate(doc: str, s, p: str, o, ev: Evidence) -> None:
        g = iri("graph", doc)
        w.add(s, p, o, g)
        n = counters.get(doc, 0) + 1
        counters[doc] = n
        a = iri("ann", f"{doc}-{n}")
        target = ox.NamedNode(a.value + "-target")
        pos = ox.NamedNode(a.value + "-position")
        quote_sel = ox.NamedNode(a.value + "-quote")
        w.add(a, RDF + "type", _n(OA + "Annotation"), g)
        w.add(a, RDF + "type", _n(RDF + "Statement"), g)
        w.add(a, RDF + "subject", s, g)
        w.add(a, RDF + "predicate", _n(p), g)
        w.add(a, RDF + "object", o, g)
        w.add(a, OA + "hasTarget", target, g)
        w.add(a, KGO + "rule", _lit(ev.rule), g)
        w.add(a, PROV + "wasDerivedFrom", iri("doc", doc), g)
        w.add(target, RDF + "type", _n(OA + "SpecificResource"), g)
        w.add(target, OA + "hasSource", iri("doc", doc), g)
        w.add(target, OA + "hasSelector", pos, g)
        w.add(target, OA + "hasSelector", quote_sel, g)
        w.add(pos, RDF + "type", _n(OA + "TextPositionSelector"), g)
        w.add(pos, OA + "start", _typed(str(ev.start), "nonNegativeInteger"), g)
        w.add(pos, OA + "end", _typed(str(ev.end), "nonNegativeInteger"), g)
        w.add(quote_sel, RDF + "type", _n(OA + "TextQuoteSelector"), g)
        w.add(quote_sel, OA + "exact", _lit(ev.quote), g)

    for m in sorted(graph.meetings.values(), key=lambda m: m.id):
        s = iri("meeting", m.id)
        for doc in m.sources:
            g = iri("graph", doc)
            w.add(s, RDF + "type", _n(SCHEMA + "Event"), g)
            w.add(s, PROV + "wasDerivedFrom", iri("doc", doc), g)
            w.add(s, KGO + ("reportedIn" if doc in m.reported_in else "mentionedIn"), iri("doc", doc), g)
        seen = set()
        for doc, prop, value, ev in sorted(m.facts, key=lambda f: (f[0], f[3].start, f[1], f[2])):
            if (doc, prop, value) in seen:
                continue
            seen.add((doc, prop, value))
            annotate(doc, s, FACT_PROPERTY[prop], _fact_object(prop, value), ev)
        for i, st in enumerate(m.stances):
            n = iri("stance", f"{m.id}-{i + 1}")
            annotate(st.evidence.doc, n, KGO + "issue", iri("issue", st.concept), st.evidence)
            w.add(n, KGO + "agent", iri("person", st.person), iri("graph", st.evidence.doc))
            w.add(n, KGO + "stanceType", _lit(st.verb), iri("graph", st.evidence.doc))
    first_seen: set[tuple[str, str, str, str]] = set()
    for mention in sorted(graph.mentions, key=lambda x: (x.evidence.doc, x.evidence.start, x.kind, x.target)):
        key = (mention.evidence.doc, mention.kind, mention.target, mention.surface)
        if key in first_seen:
            continue
        first_seen.add(key)
        kind = {"person": "person", "place": "place", "org": "org", "concept": "issue"}[mention.kind]
        target = iri(kind, mention.target)
        if mention.kind == "person":
            person = graph.people.get(mention.target)
            if person and mention.surface != person.name and " ".join(mention.surface.split()) in person.aliases:
                annotate(mention.evidence.doc, target, SCHEMA + "alternateName", _lit(" ".join(mention.surface.split())), mention.evidence)
                continue
        annotate(mention.evidence.doc, iri("doc", mention.evidence.doc), SCHEMA + "mentions", target, mention.evidence)


# -- files ------------------------------------------------------------------

def _with_header(body: bytes) -> bytes:
    """Our own sorted @prefix header: the serializer's order is not ours to rely on."""
    lines = body.split(b"\n")
    rest = [line for line in lines if not line.startswith(b"@prefix ")]
    head = [f"@prefix {p}: <{ns}> .".encode() for p, ns in sorted(PREFIXES.items())]
    return b"\n".join(head + [b""] + rest)


def to_turtle(quads: Iterable[ox.Quad]) -> bytes:
    """The default graph as Turtle."""
    triples = [q.triple for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    return _with_header(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))


def to_trig(quads: Iterable[ox.Quad]) -> bytes:
    """The whole dataset, named provenance graphs included, as TriG."""
    return _with_header(ox.serialize(list(quads), format=ox.RdfFormat.TRIG, prefixes=PREFIXES))


def to_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """The whole dataset as N-Quads."""
    return ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS)


def _jsonld_term(term) -> object:
    if isinstance(term, ox.NamedNode):
        return {"@id": _compact(term.value)}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value != XSD + "string":
            return {"@value": term.value, "@type": _compact(term.datatype.value)}
        return term.value
    raise ValueError(f"unexpected RDF term {term!r}")


def _compact(value: str) -> str:
    best = None
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and (best is None or len(ns) > len(PREFIXES[best])):
            best = prefix
    if best is None:
        return value
    local = value[len(PREFIXES[best]) :]
    # a compact IRI must not look like an absolute IRI ('a://') or a blank node
    if "//" in local or local.startswith("_:") or not local:
        return value
    return f"{best}:{local}"


def to_jsonld(quads: Iterable[ox.Quad]) -> bytes:
    """The default graph as compact JSON-LD with an @context of the prefixes."""
    nodes: dict[str, dict] = {}
    for q in quads:
        if not isinstance(q.graph_name, ox.DefaultGraph):
            continue
        sid = _compact(q.subject.value)
        node = nodes.setdefault(sid, {"@id": sid})
        if q.predicate.value == RDF + "type":
            node.setdefault("@type", []).append(_compact(q.object.value))
            continue
        node.setdefault(_compact(q.predicate.value), []).append(_jsonld_term(q.object))
    doc = {"@context": dict(sorted(PREFIXES.items())), "@graph": [nodes[k] for k in sorted(nodes)]}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def iter_default_triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            yield q.triple
