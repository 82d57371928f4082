"""The RDF view of the graph: quads, and their Turtle, TriG, N-Quads and JSON-LD files.

The default graph holds every fact. Each document has a named graph holding
what that document alone asserts, plus a Web Annotation for each fact with
the quoted sentence, its character span and the rule that made it.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional
from urllib.parse import quote

import pyoxigraph as ox

from .errors import ExportError
from .model import Evidence, Graph, Meeting, Mention, PartialDate

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


def date_literal(d: PartialDate) -> Optional[ox.Literal]:
    """A partial date as xsd:date, gYearMonth, gMonthDay, gYear or gMonth; None when unknown."""
    lexical, datatype = d.lexical()
    return ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype)) if lexical else None


# -- terms, as N-Triples text ---------------------------------------------------
#
# The quads are built as N-Quads text, not as pyoxigraph objects: making and
# sorting millions of Quad objects is what made large builds slow and big.
# Literals are written by pyoxigraph itself (str() of an ox.Literal), so the
# escaping is exactly that of its serializers.

_IRIS: dict[tuple[str, str], str] = {}
_NAMED: dict[str, str] = {}
_LITERALS: dict[tuple[str, Optional[str], Optional[str]], str] = {}
#: literals longer than this (quotes, headlines) are not kept in the shared cache
_CACHE_MAX_LEN = 64


def _iri(kind: str, key: str) -> str:
    term = _IRIS.get((kind, key))
    if term is None:
        term = "<" + ID + kind + "/" + quote(key, safe="-_.~") + ">"
        if kind not in ("ann", "stance"):
            _IRIS[(kind, key)] = term
    return term


def _n(value: str) -> str:
    term = _NAMED.get(value)
    if term is None:
        term = str(ox.NamedNode(value))
        _NAMED[value] = term
    return term


def _literal(value: str, lang: Optional[str], datatype: Optional[str]) -> str:
    key = (value, lang, datatype)
    term = _LITERALS.get(key)
    if term is None:
        if lang:
            term = str(ox.Literal(value, language=lang))
        elif datatype:
            term = str(ox.Literal(value, datatype=ox.NamedNode(XSD + datatype)))
        else:
            term = str(ox.Literal(value))
        if len(value) <= _CACHE_MAX_LEN:
            _LITERALS[key] = term
    return term


def _lit(value: str, lang: Optional[str] = None) -> str:
    return _literal(value, lang, None)


def _typed(value: str, datatype: str) -> str:
    return _literal(value, None, datatype)


def _date(d: PartialDate) -> Optional[str]:
    lexical, datatype = d.lexical()
    return _typed(lexical, datatype) if lexical else None


#: a start or end known only to its month or year ('in November', '2023') is a period, not a day:
#: schema:startDate names a day, as its readers (and the contract's) take it
_PERIOD_PROPERTY = {"startDate": KGO + "startPeriod", "endDate": KGO + "endPeriod"}


def _is_day(lexical: str) -> bool:
    """Whether a date's lexical form names a day: 2023-11-15, or --11-15 when the year is unknown."""
    return len(lexical) == 10 or (lexical.startswith("--") and len(lexical) == 7)


def _fact_property(prop: str, value: str) -> str:
    """The property a per-document meeting fact is written with: a partial start or end is a period."""
    if prop in _PERIOD_PROPERTY and not _is_day(value):
        return _PERIOD_PROPERTY[prop]
    return FACT_PROPERTY[prop]


def _fact_object(prop: str, value: str) -> str:
    if prop == "attendee":
        return _iri("person", value)
    if prop == "location":
        return _iri("place", value)
    if prop == "about":
        return _iri("issue", value)
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
    """The triples of one graph (the default graph, or one document's), as N-Triples text."""

    def __init__(self, name: Optional[str] = None, subjects: str = "") -> None:
        self.name = name
        #: keep only triples whose subject starts with this ('<https://...id/person/')
        self.subjects = subjects
        self.lines: set[str] = set()

    def add(self, s: str, p: str, o: str) -> None:
        if s.startswith(self.subjects):
            self.lines.add(f"{s} {_NAMED.get(p) or _n(p)} {o}")

    def sorted_lines(self) -> list[str]:
        """The graph's triples as 's p o' text, sorted (the order of the exports); the writer is emptied."""
        # Every subject and predicate is an IRI ('<...>', and '>' ends it), so
        # sorting 's p o' lines is sorting by (s, p, o).
        lines = sorted(self.lines)
        self.lines = set()
        return lines


@dataclass
class GraphChunk:
    """The triples of one graph of the dataset, sorted, as N-Quads without their tails.

    name: the graph's IRI in N-Triples form ('<...>'), or None for the default graph.
    """

    name: Optional[str]
    #: 's p o' of each quad; the graph name and ' .' are added on writing
    lines: list[str]
    #: for a provenance graph, with ``iter_graphs(..., evidence=...)``: the
    #: lines (sorted) of the annotations of those predicates that say what a
    #: fact is, where it was stated and by which rule
    evidence: list[str] = field(default_factory=list)

    @property
    def tail(self) -> str:
        return f" {self.name} .\n" if self.name else " .\n"

    def data(self) -> bytes:
        """The chunk as N-Quads."""
        tail = self.tail
        return "".join(line + tail for line in self.lines).encode("utf-8")

    def evidence_data(self) -> bytes:
        """The evidence lines as N-Quads."""
        tail = self.tail
        return "".join(line + tail for line in self.evidence).encode("utf-8")

    def write(self, out: BinaryIO, batch: int = 20000) -> None:
        """Write the chunk as N-Quads, a batch of lines at a time (a whole default graph is big)."""
        tail = self.tail
        for i in range(0, len(self.lines), batch):
            out.write("".join(line + tail for line in self.lines[i : i + batch]).encode("utf-8"))

    def quads(self) -> Iterator[ox.Quad]:
        return iter(ox.parse(self.data(), format=ox.RdfFormat.N_QUADS))


def iter_graphs(graph: Graph, evidence: Iterable[str] = ()) -> Iterator[GraphChunk]:
    """The dataset a graph at a time: the default graph (in parts), then each document's.

    The chunks, concatenated, are the N-Quads export, byte for byte. The
    default graph comes as several chunks (``name`` None), one per kind of
    subject; then one chunk per document's provenance graph. Only one chunk
    is in memory at a time.

    Args:
        graph: the merged graph.
        evidence: predicates (IRIs) whose annotations each provenance chunk
            also lists apart, in ``evidence``: their rdf:subject, rdf:predicate,
            rdf:object, kgo:rule, prov:wasDerivedFrom and oa:hasTarget, and
            their selectors' oa:start, oa:end and oa:exact. Views that only need the evidence
            of some facts read these instead of the whole graph.
    """
    wanted = frozenset(evidence)
    # The default graph comes in one chunk per kind of subject, in IRI order
    # (all subjects are ID + kind + '/...'), so the chunks in turn are the
    # sorted graph: a million lines at 10,000 documents were never all held.
    for kind, makers in DEFAULT_GRAPH_PARTS:
        w = _Writer(subjects="<" + ID + kind + "/")
        for make in makers:
            make(w, graph)
        if w.lines:
            # handed over with no reference kept here: the caller can free it
            box = [w]
            del w
            yield GraphChunk(None, box.pop().sorted_lines())
    meetings_of: dict[str, list[Meeting]] = {}
    for m in sorted(graph.meetings.values(), key=lambda m: m.id):
        docs = set(m.sources) | {f[0] for f in m.facts} | {st.evidence.doc for st in m.stances}
        for doc in docs:
            meetings_of.setdefault(doc, []).append(m)
    # each meeting's facts by document, found once (a meeting reported by 50
    # documents would otherwise have its facts scanned 50 times)
    facts_of: dict[tuple[str, str], list] = {}
    for m in graph.meetings.values():
        for f in m.facts:
            facts_of.setdefault((m.id, f[0]), []).append(f)
    mentions_of: dict[str, list[Mention]] = {}
    for mention in graph.mentions:
        mentions_of.setdefault(mention.evidence.doc, []).append(mention)
    for name, doc in sorted((_iri("graph", d), d) for d in set(meetings_of) | set(mentions_of)):
        w = _Writer(name)
        ev = _Writer(name) if wanted else None
        _provenance(w, graph, doc, meetings_of.get(doc, []), mentions_of.get(doc, []), facts_of, ev, wanted)
        yield GraphChunk(name, w.sorted_lines(), ev.sorted_lines() if ev is not None else [])


def graph_quads(graph: Graph) -> list[ox.Quad]:
    """Every quad of the graph's RDF view, in a stable order (all in memory: see :func:`iter_graphs`).

    Args:
        graph: the merged graph.
    """
    return list(ox.parse(b"".join(chunk.data() for chunk in iter_graphs(graph)), format=ox.RdfFormat.N_QUADS))


def _people(w: _Writer, graph: Graph) -> None:
    for key, person in graph.people.items():
        s = _iri("person", key)
        w.add(s, RDF + "type", _n(SCHEMA + "Person"))
        w.add(s, SCHEMA + "name", _lit(person.name))
        for alias in sorted(person.aliases):
            w.add(s, SCHEMA + "alternateName", _lit(alias))
        if person.country:
            w.add(s, SCHEMA + "nationality", _iri("place", person.country.lower()))
        for i, role in enumerate(person.roles):
            r = _iri("role", f"{key}-{i + 1}")
            w.add(s, KGO + "holdsRole", r)
            w.add(s, SCHEMA + "jobTitle", _lit(role.title))
            w.add(r, RDF + "type", _n(KGO + "RoleAssignment"))
            w.add(r, SCHEMA + "roleName", _lit(role.title))
            w.add(r, KGO + "roleKind", _lit(role.kind))
            if role.org:
                w.add(r, KGO + "organization", _iri("org", role.org))
            if role.start:
                w.add(r, SCHEMA + "startDate", _typed(role.start.isoformat(), "date"))
            if role.end:
                w.add(r, SCHEMA + "endDate", _typed(role.end.isoformat(), "date"))


def _places(w: _Writer, graph: Graph) -> None:
    for pid, place in graph.places.items():
        s = _iri("place", pid)
        w.add(s, RDF + "type", _n(SCHEMA + "Place"))
        w.add(s, RDF + "type", _n(PLACE_CLASS.get(place.type, SCHEMA + "Place")))
        w.add(s, SCHEMA + "name", _lit(place.name))
        w.add(s, KGO + "placeType", _lit(place.type))
        for alias in sorted(place.aliases - {place.name}):
            w.add(s, SCHEMA + "alternateName", _lit(alias))
        if place.within:
            w.add(s, SCHEMA + "containedInPlace", _iri("place", place.within))
        if place.type == "country" and place.country:
            w.add(s, SCHEMA + "identifier", _lit(place.country))
        if place.geonames:
            w.add(s, SCHEMA + "sameAs", _n(f"https://sws.geonames.org/{place.geonames}/"))


def _orgs(w: _Writer, graph: Graph) -> None:
    for oid, org in graph.orgs.items():
        s = _iri("org", oid)
        w.add(s, RDF + "type", _n(SCHEMA + "Organization"))
        if org.type in ("government", "ministry", "legislature", "military"):
            w.add(s, RDF + "type", _n(SCHEMA + "GovernmentOrganization"))
        w.add(s, SCHEMA + "name", _lit(org.name))
        w.add(s, KGO + "orgType", _lit(org.type))
        for alias in sorted(org.aliases):
            w.add(s, SCHEMA + "alternateName", _lit(alias))
        if org.country:
            w.add(s, KGO + "country", _iri("place", org.country.lower()))


def _concepts(w: _Writer, graph: Graph) -> None:
    scheme = _iri("scheme", "issues")
    if graph.concepts:
        w.add(scheme, RDF + "type", _n(SKOS + "ConceptScheme"))
        w.add(scheme, SKOS + "prefLabel", _lit("Diplomatic issues", "en"))
    for cid, concept in graph.concepts.items():
        s = _iri("issue", cid)
        w.add(s, RDF + "type", _n(SKOS + "Concept"))
        w.add(s, SKOS + "prefLabel", _lit(concept.label, "en"))
        w.add(s, SKOS + "inScheme", scheme)
        for alt in concept.alt_labels:
            w.add(s, SKOS + "altLabel", _lit(alt, "en"))
        for b in concept.broader:
            if b in graph.concepts:
                w.add(s, SKOS + "broader", _iri("issue", b))
        if not [b for b in concept.broader if b in graph.concepts]:
            w.add(scheme, SKOS + "hasTopConcept", s)
        if concept.definition:
            w.add(s, SKOS + "definition", _lit(concept.definition, "en"))


def _documents(w: _Writer, graph: Graph) -> None:
    for did, doc in graph.documents.items():
        s = _iri("doc", did)
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
            w.add(s, SCHEMA + "publisher", _iri("org", graph.publishers[did]))
        if doc.kind:
            w.add(s, KGO + "documentKind", _lit(doc.kind))
        if doc.url:
            w.add(s, SCHEMA + "url", _lit(doc.url))
        w.add(s, KGO + "sha256", _lit(doc.sha256))
        for author in graph.authors.get(did, []):
            w.add(s, SCHEMA + "author", _iri("person", author))
        w.add(s, KGO + "provenanceGraph", _iri("graph", did))
        g = _iri("graph", did)
        w.add(g, RDF + "type", _n(PROV + "Bundle"))
        w.add(g, PROV + "wasDerivedFrom", s)


def _doc_mentions(w: _Writer, graph: Graph) -> None:
    for mention in graph.mentions:
        kind = {"person": "person", "place": "place", "org": "org", "concept": "issue"}[mention.kind]
        w.add(_iri("doc", mention.evidence.doc), SCHEMA + "mentions", _iri(kind, mention.target))


def _meetings(w: _Writer, graph: Graph) -> None:
    for m in graph.meetings.values():
        _meeting(w, graph, m)


def _meeting(w: _Writer, graph: Graph, m: Meeting) -> None:
    from .merge import meeting_label

    s = _iri("meeting", m.id)
    w.add(s, RDF + "type", _n(SCHEMA + "Event"))
    w.add(s, RDF + "type", _n(KGO + "Meeting"))
    w.add(s, SCHEMA + "name", _lit(meeting_label(graph, m)))
    for p in m.participants:
        w.add(s, SCHEMA + "attendee", _iri("person", p))
    for prop, d in (("startDate", m.start), ("endDate", m.end)):
        lexical = d.lexical()[0]
        if lexical:
            w.add(s, _fact_property(prop, lexical), _date(d))
    if m.place:
        w.add(s, SCHEMA + "location", _iri("place", m.place))
    if m.context:
        w.add(s, KGO + "context", _lit(m.context))
    if m.duration:
        w.add(s, KGO + "durationText", _lit(m.duration))
        if m.duration_iso:
            w.add(s, SCHEMA + "duration", _typed(m.duration_iso, "duration"))
    if m.format:
        # ('X spoke with Y': a call or a talk face to face; the text does not say, and neither does the graph)
        w.add(s, KGO + "format", _n(FORMAT_IRI[m.format]))
        w.add(s, SCHEMA + "eventAttendanceMode", _n(SCHEMA + ("OfflineEventAttendanceMode" if m.format == "in-person" else "OnlineEventAttendanceMode")))
    w.add(s, KGO + "status", _n(STATUS_IRI[m.status]))
    if m.status in SCHEMA_STATUS:
        w.add(s, SCHEMA + "eventStatus", _n(SCHEMA_STATUS[m.status]))
    elif m.status == "held" and any(f[1] == "status" and f[2] == "planned" for f in m.facts):
        # announced, then reported held: it 'has taken place ... as scheduled' (schema.org's EventScheduled)
        w.add(s, SCHEMA + "eventStatus", _n(SCHEMA_STATUS["planned"]))
    for cid in m.issues:
        w.add(s, SCHEMA + "about", _iri("issue", cid))
    for doc in m.sources:
        w.add(s, PROV + "wasDerivedFrom", _iri("doc", doc))
    for doc in m.reported_in:
        w.add(s, KGO + "reportedIn", _iri("doc", doc))
    for doc in m.mentioned_in:
        w.add(s, KGO + "mentionedIn", _iri("doc", doc))
    for i, st in enumerate(m.stances):
        n = _iri("stance", f"{m.id}-{i + 1}")
        w.add(s, KGO + "hasStance", n)
        w.add(n, RDF + "type", _n(KGO + "Stance"))
        w.add(n, KGO + "agent", _iri("person", st.person))
        w.add(n, KGO + "stanceType", _lit(st.verb))
        w.add(n, KGO + "issue", _iri("issue", st.concept))
        w.add(n, KGO + "atMeeting", s)
        w.add(n, PROV + "wasDerivedFrom", _iri("doc", st.evidence.doc))


#: the makers of the default graph's triples, by the kind of their subject, in IRI order
DEFAULT_GRAPH_PARTS = (
    ("doc", (_documents, _doc_mentions)),
    ("graph", (_documents,)),
    ("issue", (_concepts,)),
    ("meeting", (_meetings,)),
    ("org", (_orgs,)),
    ("person", (_people,)),
    ("place", (_places,)),
    ("role", (_people,)),
    ("scheme", (_concepts,)),
    ("stance", (_meetings,)),
)


def _provenance(
    w: _Writer,
    graph: Graph,
    doc: str,
    meetings: list[Meeting],
    mentions: list[Mention],
    facts_of: dict[tuple[str, str], list],
    ev_writer: Optional[_Writer] = None,
    ev_predicates: frozenset[str] = frozenset(),
) -> None:
    """One document's named graph: what it asserts, each fact annotated.

    Args:
        w: the writer of the document's graph.
        graph: the merged graph.
        doc: the document id.
        meetings: the meetings the document has facts or stances about, in id order.
        mentions: the document's mentions, in the graph's order.
        facts_of: (meeting id, document id) -> the meeting's facts from that document.
        ev_writer: also gets the evidence of the annotations of ``ev_predicates`` (see :func:`iter_graphs`).
    """
    counter = 0
    doc_iri = _iri("doc", doc)
    # digits and '-' need no escaping: the document's part is escaped once
    ann_base = _iri("ann", doc)[:-1]
    spans_done: set[tuple[int, int]] = set()

    # a document's graph keeps every subject: its lines go straight into the set
    # (a quarter faster than _Writer.add, on the build's largest step but one)
    assert not w.subjects
    add = w.lines.add
    ev_add = ev_writer.lines.add if ev_writer is not None else None
    a_type, a_subject, a_predicate, a_object = (_n(RDF + name) for name in ("type", "subject", "predicate", "object"))
    a_target, a_rule, a_from = _n(OA + "hasTarget"), _n(KGO + "rule"), _n(PROV + "wasDerivedFrom")
    a_source, a_selector, a_start, a_end, a_exact = (_n(OA + name) for name in ("hasSource", "hasSelector", "start", "end", "exact"))
    c_annotation, c_statement, c_resource = _n(OA + "Annotation"), _n(RDF + "Statement"), _n(OA + "SpecificResource")
    c_position, c_quote = _n(OA + "TextPositionSelector"), _n(OA + "TextQuoteSelector")

    def annotate(s: str, p: str, o: str, ev: Evidence) -> None:
        nonlocal counter
        pred = _n(p)
        add(f"{s} {pred} {o}")
        counter += 1
        a = f"{ann_base}-{counter}>"
        # One target per quoted span, shared by every fact the sentence states
        # (about six on average): the selectors are written once, not per fact.
        span = (ev.start, ev.end)
        target = f"{ann_base}-span-{ev.start}-{ev.end}>"
        pos, quote_sel = target[:-1] + "-position>", target[:-1] + "-quote>"
        rule = _lit(ev.rule)
        add(f"{a} {a_type} {c_annotation}")
        add(f"{a} {a_type} {c_statement}")
        add(f"{a} {a_subject} {s}")
        add(f"{a} {a_predicate} {pred}")
        add(f"{a} {a_object} {o}")
        add(f"{a} {a_target} {target}")
        add(f"{a} {a_rule} {rule}")
        add(f"{a} {a_from} {doc_iri}")
        wanted = ev_add is not None and p in ev_predicates
        if span not in spans_done or wanted:
            start, end = _typed(str(ev.start), "nonNegativeInteger"), _typed(str(ev.end), "nonNegativeInteger")
            exact = _literal(ev.quote, None, None)
            if span not in spans_done:
                spans_done.add(span)
                add(f"{target} {a_type} {c_resource}")
                add(f"{target} {a_source} {doc_iri}")
                add(f"{target} {a_selector} {pos}")
                add(f"{target} {a_selector} {quote_sel}")
                add(f"{pos} {a_type} {c_position}")
                add(f"{pos} {a_start} {start}")
                add(f"{pos} {a_end} {end}")
                add(f"{quote_sel} {a_type} {c_quote}")
                add(f"{quote_sel} {a_exact} {exact}")
            if wanted:
                ev_add(f"{a} {a_subject} {s}")
                ev_add(f"{a} {a_predicate} {pred}")
                ev_add(f"{a} {a_object} {o}")
                ev_add(f"{a} {a_rule} {rule}")
                ev_add(f"{a} {a_from} {doc_iri}")
                ev_add(f"{a} {a_target} {target}")
                ev_add(f"{pos} {a_start} {start}")
                ev_add(f"{pos} {a_end} {end}")
                ev_add(f"{quote_sel} {a_exact} {exact}")

    for m in meetings:
        s = _iri("meeting", m.id)
        if doc in m.reported_in or doc in m.mentioned_in:
            w.add(s, RDF + "type", _n(SCHEMA + "Event"))
            w.add(s, PROV + "wasDerivedFrom", doc_iri)
            w.add(s, KGO + ("reportedIn" if doc in m.reported_in else "mentionedIn"), doc_iri)
        seen = set()
        for fdoc, prop, value, ev in sorted(facts_of.get((m.id, doc), ()), key=lambda f: (f[3].start, f[1], f[2])):
            if (prop, value) in seen:
                continue
            seen.add((prop, value))
            annotate(s, _fact_property(prop, value), _fact_object(prop, value), ev)
        for i, st in enumerate(m.stances):
            if st.evidence.doc != doc:
                continue
            n = _iri("stance", f"{m.id}-{i + 1}")
            annotate(n, KGO + "issue", _iri("issue", st.concept), st.evidence)
            w.add(n, KGO + "agent", _iri("person", st.person))
            w.add(n, KGO + "stanceType", _lit(st.verb))
    first_seen: set[tuple[str, str, str]] = set()
    for mention in sorted(mentions, key=lambda x: (x.evidence.start, x.kind, x.target)):
        key = (mention.kind, mention.target, mention.surface)
        if key in first_seen:
            continue
        first_seen.add(key)
        kind = {"person": "person", "place": "place", "org": "org", "concept": "issue"}[mention.kind]
        target = _iri(kind, mention.target)
        if mention.kind == "person":
            person = graph.people.get(mention.target)
            if person and mention.surface != person.name and " ".join(mention.surface.split()) in person.aliases:
                annotate(target, SCHEMA + "alternateName", _lit(" ".join(mention.surface.split())), mention.evidence)
                continue
        annotate(doc_iri, SCHEMA + "mentions", target, mention.evidence)


# -- files ------------------------------------------------------------------

#: the RDF files an export may be read from, by suffix
EXPORT_FORMATS = {
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def resolve_export(path: str | Path) -> Path:
    """The RDF file of an export: the file itself, or the dataset in a folder.

    A folder's graph.trig is read first (the whole dataset, and a quarter of
    the size of graph.nq, so it parses faster), then graph.nq, then graph.ttl
    (the default graph only: no evidence).

    Raises:
        ExportError: nothing there to read.
    """
    path = Path(path)
    if path.is_dir():
        for name in ("graph.trig", "graph.nq", "graph.ttl", "graph.jsonld"):
            if (path / name).is_file():
                return path / name
        raise ExportError(f"{path}: no graph.nq, graph.trig or graph.ttl here; run 'kg build' first")
    if not path.exists():
        raise ExportError(f"{path}: not found; run 'kg build' first, or point --data at an export")
    if path.suffix not in EXPORT_FORMATS:
        raise ExportError(f"{path}: unknown RDF file type; use .nq, .trig, .ttl, .nt or .jsonld")
    return path


def _with_header(body: bytes) -> bytes:
    """Our own sorted @prefix header: the serializer's order is not ours to rely on."""
    lines = body.split(b"\n")
    rest = [line for line in lines if not line.startswith(b"@prefix ")]
    head = [f"@prefix {p}: <{ns}> .".encode() for p, ns in sorted(PREFIXES.items())]
    return b"\n".join(head + [b""] + rest)


def _header() -> bytes:
    return b"\n".join(f"@prefix {p}: <{ns}> .".encode() for p, ns in sorted(PREFIXES.items())) + b"\n\n"


def _without_prefixes(body: bytes) -> bytes:
    return b"".join(line for line in body.splitlines(keepends=True) if not line.startswith(b"@prefix "))


class ChunkSerializer:
    """Writes one export format from the dataset's chunks (:func:`iter_graphs`), in order.

    The bytes equal those of the matching ``to_*`` function on all the quads,
    without ever holding them all.
    """

    def begin(self, out: BinaryIO) -> None:
        pass

    def chunk(self, out: BinaryIO, chunk: GraphChunk, data: bytes) -> None:
        raise NotImplementedError

    def end(self, out: BinaryIO) -> None:
        pass


class NQuadsSerializer(ChunkSerializer):
    """N-Quads: the chunks' own lines."""

    def chunk(self, out, chunk, data):
        out.write(data)


class TrigSerializer(ChunkSerializer):
    """TriG: our prefix header, then each graph block."""

    def begin(self, out):
        out.write(_header())

    def chunk(self, out, chunk, data):
        body = ox.serialize(ox.parse(data, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
        out.write(_without_prefixes(body))


class _DefaultGraphSerializer(ChunkSerializer):
    """A serializer of the default graph only: its chunks are gathered, then written at once."""

    def begin(self, out):
        self.pending: Optional[list[bytes]] = []

    def chunk(self, out, chunk, data):
        if chunk.name is None and self.pending is not None:
            self.pending.append(data)
        else:
            self.end(out)

    def end(self, out):
        if self.pending is not None:
            self.write(ox.parse(b"".join(self.pending), format=ox.RdfFormat.N_QUADS), out)
            self.pending = None

    def write(self, quads, out) -> None:
        raise NotImplementedError


class TurtleSerializer(_DefaultGraphSerializer):
    """Turtle: the default graph only."""

    def write(self, quads, out):
        write_turtle(quads, out)


class JsonLdSerializer(_DefaultGraphSerializer):
    """JSON-LD: the default graph only."""

    def write(self, quads, out):
        write_jsonld(quads, out)


class _WithoutPrefixLines:
    """A writer that drops the serializer's own @prefix lines (our sorted header replaces them)."""

    def __init__(self, out):
        self.out = out
        self.head = b""
        self.in_head = True

    def write(self, data: bytes) -> int:
        if not self.in_head:
            return self.out.write(data)
        self.head += data
        lines = self.head.split(b"\n")
        self.head = lines.pop()
        for i, line in enumerate(lines):
            if not line.startswith(b"@prefix "):
                self.in_head = False
                self.out.write(b"\n".join(lines[i:]) + b"\n" + self.head)
                self.head = b""
                break
        return len(data)

    def flush(self) -> None:
        if self.in_head and self.head and not self.head.startswith(b"@prefix "):
            self.out.write(self.head)
            self.head = b""


def write_turtle(quads: Iterable[ox.Quad], out: BinaryIO) -> None:
    """Write the default graph as Turtle, streamed: our sorted prefix header, then the triples in the order given."""
    out.write(_header())
    body = _WithoutPrefixLines(out)
    ox.serialize((q.triple for q in quads if isinstance(q.graph_name, ox.DefaultGraph)), body, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    body.flush()


def write_trig_from_nquads(path: str | Path, out: BinaryIO) -> None:
    """Write an N-Quads file as TriG, streamed: our sorted prefix header, then its graphs in file order.

    Args:
        path: the N-Quads file (graph.nq).
        out: where the TriG goes.
    """
    out.write(_header())
    body = _WithoutPrefixLines(out)
    ox.serialize(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS), body, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    body.flush()


def to_turtle(quads: Iterable[ox.Quad]) -> bytes:
    """The default graph as Turtle."""
    buf = io.BytesIO()
    write_turtle(quads, buf)
    return buf.getvalue()


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


@lru_cache(maxsize=1 << 18)
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


def _jsonld_nodes(quads: Iterable[ox.Quad]) -> Iterator[tuple[str, dict]]:
    """The default graph's node objects, one per subject, in the order the subjects come."""
    sid, node = None, None
    for q in quads:
        if not isinstance(q.graph_name, ox.DefaultGraph):
            continue
        subject = _compact(q.subject.value)
        if subject != sid:
            if node is not None:
                yield sid, node
            sid, node = subject, {"@id": subject}
        if q.predicate.value == RDF + "type":
            node.setdefault("@type", []).append(_compact(q.object.value))
            continue
        node.setdefault(_compact(q.predicate.value), []).append(_jsonld_term(q.object))
    if node is not None:
        yield sid, node


def write_jsonld(quads: Iterable[ox.Quad], out: BinaryIO) -> None:
    """Write the default graph as compact JSON-LD with an @context of the prefixes.

    The quads must come sorted by subject (as the exports' are). Each node is
    made into text as soon as its subject is done, so the memory held is the
    file's text, not a million dicts.
    """
    # the layout of json.dumps(..., indent=1) on the whole document: nodes sit two levels deep
    texts = sorted((sid, "  " + json.dumps(node, ensure_ascii=False, indent=1).replace("\n", "\n  ")) for sid, node in _jsonld_nodes(quads))
    context = dict(sorted(PREFIXES.items()))
    if not texts:
        out.write((json.dumps({"@context": context, "@graph": []}, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        return
    head, tail = json.dumps({"@context": context, "@graph": [0]}, ensure_ascii=False, indent=1).rsplit("  0", 1)
    out.write(head.encode("utf-8"))
    for i, (_sid, text) in enumerate(texts):
        out.write(((",\n" if i else "") + text).encode("utf-8"))
    out.write((tail + "\n").encode("utf-8"))


def to_jsonld(quads: Iterable[ox.Quad]) -> bytes:
    """The default graph as compact JSON-LD with an @context of the prefixes."""
    buf = io.BytesIO()
    # a stable sort: each subject's quads together, in the order given
    write_jsonld(sorted(quads, key=lambda q: q.subject.value), buf)
    return buf.getvalue()
