"""The scripting API: load a graph, ask it questions, hand it to rdflib or networkx.

    import kg
    g = kg.load("exports")                 # or kg.from_documents("seeds")
    g.meetings(between=("Antony Blinken", "Wang Yi"))
    g.person("Wang Yi", on="2023-10-26").roles
    g.evidence("meeting:2023-07-13-jakarta-id-antony-blinken-wang-yi", "schema:location")
    g.query("meetings-between", a="Antony Blinken", b="Wang Yi")
    g.nx                                   # networkx MultiDiGraph
    g.rdf                                  # rdflib Dataset

Answers are plain frozen dataclasses; identifiers are compact IRIs
('person:wang-yi'). Lookups by name accept the name, an alias or the IRI,
in any letter case. Queries run on Oxigraph; ``.rdf`` and ``.nx`` are built
on first use.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable, Optional, Union

import pyoxigraph as ox

from .errors import InvalidDateError, UnknownEntityError
from .query import QueryResult, run
from .rdf import PREFIXES, XSD, _compact

DateLike = Union[str, dt.date, None]


@dataclass(frozen=True)
class SourceRecord:
    """A document that reports or mentions a meeting."""

    id: str
    title: Optional[str]
    publisher: Optional[str]
    kind: Optional[str]
    published: Optional[str]
    #: True when the document reports the meeting, False when it only mentions it
    reported: bool


@dataclass(frozen=True)
class MeetingRecord:
    """A meeting. Dates are ISO text, partial where the sources are ('2023-06', '--10-26')."""

    id: str
    name: str
    start: Optional[str]
    end: Optional[str]
    place: Optional[str]
    place_id: Optional[str]
    country: Optional[str]
    participants: tuple[str, ...]
    participant_ids: tuple[str, ...]
    issues: tuple[str, ...]
    issue_ids: tuple[str, ...]
    #: 'in-person', 'phone' or 'video'; None where the sources do not say ('spoke with')
    format: Optional[str]
    status: str
    context: Optional[str]
    duration: Optional[str]
    sources: tuple[SourceRecord, ...]


@dataclass(frozen=True)
class RoleRecord:
    """A role a person holds or held; ``start``/``end`` are None where unknown or open."""

    title: str
    kind: Optional[str]
    organization: Optional[str]
    organization_id: Optional[str]
    start: Optional[dt.date]
    end: Optional[dt.date]

    def active_on(self, day: dt.date) -> bool:
        """Whether the role was held on ``day`` (an unknown start or end counts as open)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class PersonRecord:
    """A person; with ``on`` set, ``roles`` holds only the roles held on that day."""

    id: str
    name: str
    aliases: tuple[str, ...]
    country: Optional[str]
    roles: tuple[RoleRecord, ...]
    on: Optional[dt.date] = None


@dataclass(frozen=True)
class EvidenceRecord:
    """Where a fact is stated: the document, the character span and the quoted sentence."""

    subject: str
    predicate: str
    object: object
    document: str
    start: int
    end: int
    quote: str
    rule: Optional[str]


_FORMATS = {"InPerson": "in-person", "PhoneCall": "phone", "VideoCall": "video"}


def _to_date(value: DateLike, what: str) -> Optional[dt.date]:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidDateError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def _date_text(value: DateLike, what: str) -> str:
    """A date bound as ISO text of any precision ('2023', '2023-06', '2023-06-18')."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    parts = text.split("-")
    if not (1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4):
        raise InvalidDateError(f"{what}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return text


def _node(compact: str) -> ox.NamedNode:
    """The IRI of a compact name ('person:wang-yi'), or of a full IRI."""
    prefix, _, local = compact.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return ox.NamedNode(PREFIXES[prefix] + local)
    return ox.NamedNode(compact)


def _is_compact(value: str) -> bool:
    prefix, sep, local = value.partition(":")
    return bool(sep) and prefix in PREFIXES and " " not in value


def _is_id(value: str) -> bool:
    """Whether a value is an id or IRI ('person:wang-yi', 'http://...'), not a name or a literal's text."""
    return value.startswith(("http://", "https://")) or _is_compact(value)


def _cmp_prefix(a: str, b: str) -> tuple[str, str]:
    n = min(len(a), len(b))
    return a[:n], b[:n]


def _store_view(store: ox.Store, export: Path):
    """An rdflib Dataset over an Oxigraph store (oxrdflib) that refuses changes in a kg error.

    Args:
        store: the store (read-only on disk).
        export: the export it holds, named in the error.
    """
    import rdflib
    from oxrdflib import OxigraphStore

    from .errors import ReadOnlyError

    message = f"{export}: g.rdf of a large export reads its query store and cannot change it; copy the triples you need into an rdflib.Graph() of your own"

    class ReadOnlyOxigraph(OxigraphStore):
        def add(self, triple, context, quoted=False):
            raise ReadOnlyError(message)

        def addN(self, quads):  # noqa: N802 (rdflib's name)
            raise ReadOnlyError(message)

        def remove(self, triple, context=None):
            raise ReadOnlyError(message)

        def update(self, update, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803
            raise ReadOnlyError(message)

        def add_graph(self, graph):
            pass  # rdflib registers the graphs it is asked for; an empty one needs nothing stored

        def remove_graph(self, graph):
            raise ReadOnlyError(message)

    ds = rdflib.Dataset(store=ReadOnlyOxigraph(store=store))
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


class KG:
    """A knowledge graph: Oxigraph for queries (on disk for a large export), rdflib and networkx views on demand."""

    def __init__(self, quads: Iterable[ox.Quad] = (), source: str = "", export: Optional[Path] = None):
        #: the export file the graph was loaded from (its quads are read on first use)
        self.export = export
        self._quads: Optional[list[ox.Quad]] = None if export is not None else list(quads)
        self.source = source
        #: an export too large to hold: queried on disk, and g.rdf a view of that store
        self._large = False

    def __repr__(self) -> str:
        if self._quads is None:  # counting an on-disk store reads all of it
            return f"<KG {self.source}: {self.export.name}>"
        return f"<KG {self.source or 'in memory'}: {len(self._quads)} quads>"

    @property
    def quads(self) -> list[ox.Quad]:
        """Every quad, default graph and documents' graphs; an export's are read on first use."""
        if self._quads is None:
            from .network import load_quads

            self._quads = list(load_quads(self.export))
        return self._quads

    # -- construction -------------------------------------------------------------------

    @classmethod
    def from_export(cls, path: str | Path = "exports") -> "KG":
        """Load an export: a folder written by ``kg build``, or one of its RDF files.

        Queries run on the store ``kg query`` uses (on disk for a large export,
        built once); the quads themselves are read only if ``.quads``, ``.rdf``
        or ``.nx`` is asked for.

        Raises:
            ExportError: nothing to read there.
        """
        from .query import is_large, load_store, resolve_export

        g = cls(source=str(path), export=resolve_export(path))
        g._large = is_large(g.export)
        g.__dict__["store"] = load_store(g.export, persist=g._large)  # fills the cached property
        return g

    @classmethod
    def from_documents(cls, folder: str | Path = "seeds", rules=None, workers: int = 1) -> "KG":
        """Build the graph of a folder of documents in memory; nothing is written."""
        from .build import build_graph
        from .rdf import graph_quads

        graph, _corpus, _hits = build_graph(folder, rules, workers=workers)
        return cls(graph_quads(graph), source=str(folder))

    # -- views -------------------------------------------------------------------------------

    @cached_property
    def store(self) -> ox.Store:
        """The pyoxigraph Store the queries run on."""
        store = ox.Store()
        store.extend(self.quads)
        return store

    @cached_property
    def rdf(self):
        """An rdflib Dataset: the default graph holds every fact, ``graph:<doc id>`` what each document asserts.

        A large export's (see :func:`kg.query.is_large`) is a read-only view of
        its on-disk query store through oxrdflib, since rdflib would hold 10,000
        documents in 15 GB; its SPARQL runs on Oxigraph. Its plain strings come
        back as ``Literal(text, datatype=XSD.string)``, which rdflib does not
        count equal to ``Literal(text)``: compare ``str(term)``.
        """
        import rdflib

        if self._large:
            return _store_view(self.store, self.export)

        ds = rdflib.Dataset()
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns, override=True)
        graphs: dict[str, object] = {}

        def term(t):
            if isinstance(t, ox.NamedNode):
                return rdflib.URIRef(t.value)
            if isinstance(t, ox.BlankNode):
                return rdflib.BNode(t.value)
            if t.language:
                return rdflib.Literal(t.value, lang=t.language)
            if t.datatype.value == XSD + "string":
                return rdflib.Literal(t.value)
            return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))

        def context(g):
            if isinstance(g, ox.DefaultGraph):
                return ds.default_graph
            if g.value not in graphs:
                graphs[g.value] = ds.graph(rdflib.URIRef(g.value))
            return graphs[g.value]

        ds.addN((term(q.subject), term(q.predicate), term(q.object), context(q.graph_name)) for q in self.quads)
        return ds

    @cached_property
    def nx(self):
        """The networkx MultiDiGraph: typed nodes ('person', 'meeting' ...), labelled edges, their quotes as text.

        Every attribute is a plain string (or absent), so networkx's own
        writers (``write_graphml``, ``write_gexf``) take it as it is.
        """
        from .network import iter_quads, to_networkx, writable

        if self._quads is None and self.export is not None:
            return writable(to_networkx(iter_quads(self.export)))  # streamed: an export's quads need not all be held
        return writable(to_networkx(self.quads))

    # -- SPARQL -------------------------------------------------------------------------------

    def query(self, sparql: str, timeout: Optional[float] = None, allow_service: bool = False, **params) -> QueryResult:
        """Run SPARQL (text, a .rq file or a bundled query's name); ``params`` fill its ``$name``s.

        Iterating the result gives one dict per row of plain values. SERVICE
        (fetching another endpoint) is refused unless ``allow_service``.
        """
        return run(self.store, sparql, params, timeout=timeout, allow_service=allow_service)

    def _select(self, sparql: str, **params) -> list[dict]:
        return run(self.store, sparql, params).dicts()

    # -- lookups -------------------------------------------------------------------------------

    @cached_property
    def _names(self) -> dict[str, dict[str, set[str]]]:
        """kind -> lowercased name, alias, label or id -> compact IRIs."""
        rows = self._select(
            """SELECT ?kind ?x ?n WHERE {
                 { ?x a schema:Person . BIND("person" AS ?kind) ?x schema:name|schema:alternateName ?n }
                 UNION { ?x a skos:Concept . BIND("issue" AS ?kind) ?x skos:prefLabel|skos:altLabel ?n }
                 UNION { ?x a kgo:Meeting . BIND("meeting" AS ?kind) ?x schema:name ?n }
               }"""
        )
        out: dict[str, dict[str, set[str]]] = {"person": {}, "issue": {}, "meeting": {}}
        self._display: dict[str, dict[str, str]] = {"person": {}, "issue": {}, "meeting": {}}
        for r in rows:
            table = out[r["kind"]]
            table.setdefault(str(r["n"]).casefold(), set()).add(r["x"])
            self._display[r["kind"]].setdefault(str(r["n"]).casefold(), str(r["n"]))
            table.setdefault(r["x"].casefold(), set()).add(r["x"])
            table.setdefault(r["x"].split(":", 1)[1].casefold(), set()).add(r["x"])
        return out

    def _resolve(self, kind: str, name) -> str:
        if hasattr(name, "id"):
            name = name.id
        key = str(name).strip()
        if key.startswith("http"):
            key = _compact(key)
        hits = self._names[kind].get(key.casefold(), set())
        if len(hits) == 1:
            return next(iter(hits))
        if len(hits) > 1:
            raise UnknownEntityError(f"{kind} {name!r} is ambiguous: {', '.join(sorted(hits))}; use one of these ids")
        display = self._display[kind]
        close = []
        seen: set[frozenset] = set()
        for c in difflib.get_close_matches(key.casefold(), sorted(display), n=12, cutoff=0.6):
            who = frozenset(self._names[kind].get(c, ()))
            if who not in seen and len(close) < 3:  # one name per entity, not each of its aliases
                seen.add(who)
                close.append(c)
        hint = f"; did you mean {', '.join(repr(display[c]) for c in close)}?" if close else ""
        raise UnknownEntityError(f"no {kind} named {name!r}{hint}")

    # -- meetings -------------------------------------------------------------------------------

    @cached_property
    def _meetings(self) -> list[MeetingRecord]:
        base = self._select(
            """SELECT ?m ?name ?start ?end ?place ?place_id ?country ?format ?status ?context ?duration WHERE {
                 ?m a kgo:Meeting ; schema:name ?name .
                 OPTIONAL { ?m schema:startDate|kgo:startPeriod ?start }
                 OPTIONAL { ?m schema:endDate|kgo:endPeriod ?end }
                 OPTIONAL { ?m schema:location ?place_id . ?place_id schema:name ?place
                            OPTIONAL { ?place_id schema:containedInPlace* ?c . ?c a schema:Country ; schema:name ?country } }
                 OPTIONAL { ?m kgo:format ?format }
                 OPTIONAL { ?m kgo:status ?status }
                 OPTIONAL { ?m kgo:context ?context }
                 OPTIONAL { ?m kgo:durationText ?duration }
               }"""
        )
        people: dict[str, list[tuple[str, str]]] = {}
        for r in self._select("SELECT ?m ?p ?n WHERE { ?m a kgo:Meeting ; schema:attendee ?p . ?p schema:name ?n }"):
            people.setdefault(r["m"], []).append((r["n"], r["p"]))
        issues: dict[str, list[tuple[str, str]]] = {}
        for r in self._select("SELECT ?m ?i ?l WHERE { ?m a kgo:Meeting ; schema:about ?i . ?i skos:prefLabel ?l }"):
            issues.setdefault(r["m"], []).append((r["l"], r["i"]))
        sources: dict[str, list[SourceRecord]] = {}
        for r in self._select(
            """SELECT ?m ?id ?title ?publisher ?kind ?published ?reported WHERE {
                 ?m a kgo:Meeting ; prov:wasDerivedFrom ?d . ?d schema:identifier ?id .
                 OPTIONAL { ?d schema:headline ?title }
                 OPTIONAL { ?d schema:publisher/schema:name ?publisher }
                 OPTIONAL { ?d kgo:documentKind ?kind }
                 OPTIONAL { ?d schema:datePublished ?published }
                 BIND(EXISTS { ?m kgo:reportedIn ?d } AS ?reported)
               }"""
        ):
            sources.setdefault(r["m"], []).append(SourceRecord(r["id"], r["title"], r["publisher"], r["kind"], r["published"], bool(r["reported"])))
        out = []
        seen = set()
        for r in base:
            if r["m"] in seen:  # a place in two countries: keep the first
                continue
            seen.add(r["m"])
            ppl = sorted(set(people.get(r["m"], [])))
            iss = sorted(set(issues.get(r["m"], [])))
            fmt = r["format"].split(":", 1)[-1] if r["format"] else None
            status = (r["status"] or "kgo:Held").split(":", 1)[-1].lower()
            out.append(
                MeetingRecord(
                    id=r["m"],
                    name=r["name"],
                    start=r["start"],
                    end=r["end"],
                    place=r["place"],
                    place_id=r["place_id"],
                    country=r["country"],
                    participants=tuple(n for n, _ in ppl),
                    participant_ids=tuple(p for _, p in ppl),
                    issues=tuple(label for label, _ in iss),
                    issue_ids=tuple(i for _, i in iss),
                    format=_FORMATS.get(fmt, fmt) if fmt else None,
                    status=status,
                    context=r["context"],
                    duration=r["duration"],
                    sources=tuple(sorted(sources.get(r["m"], []), key=lambda s: s.id)),
                )
            )
        out.sort(key=lambda m: (m.start is None, m.start or "", m.end or "", m.name))
        return out

    def _narrower(self, issue: str) -> set[str]:
        rows = self._select("SELECT ?i WHERE { ?i skos:broader* $issue }", issue=_node(issue))
        return {r["i"] for r in rows} | {issue}

    def meetings(
        self,
        person=None,
        between: Optional[tuple] = None,
        issue=None,
        since: DateLike = None,
        until: DateLike = None,
    ) -> list[MeetingRecord]:
        """Meetings, oldest first, narrowed by any of the arguments.

        Args:
            person: only meetings this person attended (name, alias or id).
            between: (a, b): only meetings both attended.
            issue: only meetings about this issue or a narrower one (label, alias or id).
            since: only meetings that may fall on or after this date ('2023', '2023-06', '2023-06-18' or a date).
            until: only meetings that may fall on or before this date.
            A meeting whose date is unknown, or lacks the year, is left out once since or until is given.

        Raises:
            UnknownEntityError: a person or issue that is not in the graph (close names are suggested).
        """
        wanted_people = []
        if person is not None:
            wanted_people.append(self._resolve("person", person))
        if between is not None:
            a, b = between
            wanted_people += [self._resolve("person", a), self._resolve("person", b)]
        issues = self._narrower(self._resolve("issue", issue)) if issue is not None else None
        lo, hi = _date_text(since, "since"), _date_text(until, "until")
        out = []
        for m in self._meetings:
            if any(p not in m.participant_ids for p in wanted_people):
                continue
            if issues is not None and not issues & set(m.issue_ids):
                continue
            if lo or hi:
                first, last = m.start or m.end, m.end or m.start
                if first is None or first.startswith("--"):
                    continue
                if lo and _cmp_prefix(last, lo)[0] < _cmp_prefix(last, lo)[1]:
                    continue
                if hi and _cmp_prefix(first, hi)[0] > _cmp_prefix(first, hi)[1]:
                    continue
            out.append(m)
        return out

    def meeting(self, name) -> MeetingRecord:
        """One meeting by id ('meeting:...') or exact name.

        Raises:
            UnknownEntityError: no such meeting.
        """
        mid = self._resolve("meeting", name)
        return next(m for m in self._meetings if m.id == mid)

    # -- people ---------------------------------------------------------------------------------

    def person(self, name, on: DateLike = None) -> PersonRecord:
        """A person by name, alias or id; with ``on``, only the roles held that day.

        Raises:
            UnknownEntityError: no such person (close names are suggested).
        """
        pid = self._resolve("person", name)
        day = _to_date(on, "on")
        rows = self._select(
            """SELECT ?name ?alias ?country WHERE {
                 $p schema:name ?name .
                 OPTIONAL { $p schema:alternateName ?alias }
                 OPTIONAL { $p schema:nationality/schema:name ?country }
               }""",
            p=_node(pid),
        )
        roles = self._select(
            """SELECT ?title ?kind ?org ?org_id ?start ?end WHERE {
                 $p kgo:holdsRole ?r . ?r schema:roleName ?title .
                 OPTIONAL { ?r kgo:roleKind ?kind }
                 OPTIONAL { ?r kgo:organization ?org_id . OPTIONAL { ?org_id schema:name ?org } }
                 OPTIONAL { ?r schema:startDate ?start }
                 OPTIONAL { ?r schema:endDate ?end }
               }""",
            p=_node(pid),
        )
        records = sorted(
            {
                RoleRecord(r["title"], r["kind"], r["org"], r["org_id"], _to_date(r["start"], "start"), _to_date(r["end"], "end"))
                for r in roles
            },
            key=lambda r: (r.start or dt.date.min, r.title),
        )
        if day is not None:
            records = [r for r in records if r.active_on(day)]
        return PersonRecord(
            id=pid,
            name=rows[0]["name"],
            aliases=tuple(sorted({r["alias"] for r in rows if r["alias"]})),
            country=rows[0]["country"],
            roles=tuple(records),
            on=day,
        )

    # -- evidence ---------------------------------------------------------------------------------

    def evidence(self, subject=None, predicate=None, object=None, *, doc: Optional[str] = None) -> list[EvidenceRecord]:
        """The quoted sentences that state facts, narrowed by any of the arguments.

        Args:
            subject: the fact's subject: an id ('meeting:...', 'person:wang-yi'), a record with
                ``.id``, or the name of a person, issue or meeting.
            predicate: its property ('schema:attendee', 'schema:location', 'schema:about' ...).
            object: its value: an id, a name or label, or a literal's text ('2023-10-26').
            doc: only this document (its identifier, or the start of it).

        Raises:
            UnknownEntityError: a subject name that is not in the graph.
        """
        # the bundled query (kg query evidence) with the arguments given; a name is resolved here
        params: dict = {}
        if subject is not None:
            params["subject"] = self._entity(subject)
        if predicate is not None:
            params["predicate"] = _node(str(predicate))
        if object is not None:
            value = object.id if hasattr(object, "id") else str(object)
            params["object"] = _node(value) if _is_id(value) else value
        if doc:
            params["doc"] = str(doc)
        return [
            EvidenceRecord(r["subject"], r["predicate"], r["object"], r["document"], int(r["start"]), int(r["end"]), r["quote"], r["rule"])
            for r in run(self.store, "evidence", params)
        ]

    def _entity(self, value) -> ox.NamedNode:
        """An id, IRI or record as an IRI; a name as the person, issue or meeting it names."""
        value = value.id if hasattr(value, "id") else str(value)
        if _is_id(value):
            return _node(value)
        for kind in ("person", "issue", "meeting"):
            try:
                return _node(self._resolve(kind, value))
            except UnknownEntityError:
                continue
        raise UnknownEntityError(f"no person, issue or meeting named {value!r}; give an id such as person:wang-yi")


def load(path: str | Path = "exports") -> KG:
    """Load an export written by ``kg build`` (a folder, or one of its RDF files)."""
    return KG.from_export(path)


def from_documents(folder: str | Path = "seeds", rules=None, workers: int = 1) -> KG:
    """Build the graph of a folder of documents in memory, writing nothing."""
    return KG.from_documents(folder, rules=rules, workers=workers)
