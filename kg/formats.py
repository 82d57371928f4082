"""The formats people open outside RDF: CSV and JSON Lines tables, GraphML and GEXF networks, PLOVER event records.

Each is made from a loaded export (:func:`kg.load`), deterministically:
the same export gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Optional

from . import __version__
from .errors import ExportError
from .files import write_atomic

#: the formats of ``kg export``
EXPORT_FORMATS = ("csv", "jsonl", "graphml", "gexf", "plover")
#: the tables of the csv and jsonl formats
TABLES = ("meetings", "people", "attendance")
#: the columns of each table, in order
COLUMNS = {
    "meetings": (
        "id", "label", "start", "end", "place", "country", "format", "status", "context",
        "participants", "participant_ids", "participant_roles", "issues", "issue_ids", "sources",
    ),
    "people": ("id", "name", "aliases", "country", "roles", "meetings"),
    "attendance": ("meeting_id", "meeting", "start", "person_id", "person", "country", "roles"),
}
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def export_to(fmt: str, data: str | Path = "exports", out: Optional[str | Path] = None, table: str = "meetings") -> tuple[bytes, str]:
    """Write an export in one of :data:`EXPORT_FORMATS`, to ``out`` (atomically) or return it.

    Args:
        fmt: csv, jsonl, graphml, gexf or plover.
        data: the export to read (a folder from ``kg build``, or one of its graph files).
        out: the file to write; None to only return the bytes.
        table: for csv and jsonl: meetings, people or attendance.

    Returns:
        the bytes, and a one-line summary ("12 meetings").

    Raises:
        ExportError: an unknown format or table, an unreadable export, or an unwritable file.
    """
    from .api import load

    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown format '{fmt}'; choose one of {', '.join(EXPORT_FORMATS)}")
    if table not in TABLES:
        raise ExportError(f"unknown table '{table}'; choose one of {', '.join(TABLES)}")
    g = load(data)
    if fmt in ("csv", "jsonl"):
        rows = table_rows(g, table)
        body = to_csv(rows, COLUMNS[table]) if fmt == "csv" else to_jsonl(rows)
        summary = _count(len(rows), "row")
    elif fmt == "plover":
        records, left_out = plover_records(g)
        body = to_jsonl(records)
        summary = f"{_count(len(records), 'CONSULT record')}; {_count(left_out, 'meeting')} without a full date or not held left out"
    else:
        body = network_file(g.nx, fmt)
        summary = f"{g.nx.number_of_nodes()} nodes, {g.nx.number_of_edges()} edges"
    if out is not None:
        try:
            write_atomic(Path(out), body)
        except OSError as exc:
            raise ExportError(f"{out}: cannot write ({exc.strerror or exc})") from None
    return body, summary


def _count(n: int, what: str) -> str:
    return f"{n} {what if n == 1 else what + 's'}"


# -- tables ---------------------------------------------------------------------------------------


def table_rows(g, table: str) -> list[dict]:
    """The rows of one table as dicts; multi-valued cells are lists.

    Args:
        g: a loaded export (:class:`kg.api.KG`).
        table: meetings, people or attendance.
    """
    people = _people(g)
    meetings = g.meetings()
    if table == "people":
        attended: dict[str, int] = {}
        for m in meetings:
            for pid in m.participant_ids:
                attended[pid] = attended.get(pid, 0) + 1
        return [
            {
                "id": p["id"], "name": p["name"], "aliases": p["aliases"], "country": p["country"],
                "roles": [_role_text(r) for r in p["roles"]], "meetings": attended.get(p["id"], 0),
            }
            for p in sorted(people.values(), key=lambda p: (p["name"], p["id"]))
        ]
    rows = []
    for m in meetings:
        if table == "meetings":
            rows.append(
                {
                    "id": m.id, "label": m.name, "start": m.start, "end": m.end, "place": m.place, "country": m.country,
                    "format": m.format, "status": m.status, "context": m.context,
                    "participants": list(m.participants), "participant_ids": list(m.participant_ids),
                    "participant_roles": [
                        f"{name}: {' / '.join(_roles_at(people.get(pid), m.start, m.end)) or 'role unknown'}"
                        for name, pid in zip(m.participants, m.participant_ids)
                    ],
                    "issues": list(m.issues), "issue_ids": list(m.issue_ids), "sources": [s.id for s in m.sources],
                }
            )
        else:
            for name, pid in zip(m.participants, m.participant_ids):
                person = people.get(pid) or {}
                rows.append(
                    {
                        "meeting_id": m.id, "meeting": m.name, "start": m.start, "person_id": pid, "person": name,
                        "country": person.get("country"), "roles": _roles_at(person, m.start, m.end),
                    }
                )
    return rows


def _people(g) -> dict[str, dict]:
    """Every person with country and roles, in two queries (not one per person)."""
    people: dict[str, dict] = {}
    for r in g._select(
        """SELECT ?p ?name ?alias ?country ?country_id WHERE { ?p a schema:Person ; schema:name ?name .
             OPTIONAL { ?p schema:alternateName ?alias }
             OPTIONAL { ?p schema:nationality ?country_id . ?country_id schema:name ?country } }"""
    ):
        p = people.setdefault(r["p"], {"id": r["p"], "name": r["name"], "aliases": set(), "country": r["country"], "country_id": r["country_id"], "roles": set()})
        if r["alias"]:
            p["aliases"].add(r["alias"])
    for r in g._select(
        """SELECT ?p ?title ?start ?end WHERE { ?p a schema:Person ; kgo:holdsRole ?r . ?r schema:roleName ?title .
             OPTIONAL { ?r schema:startDate ?start } OPTIONAL { ?r schema:endDate ?end } }"""
    ):
        if r["p"] in people:
            people[r["p"]]["roles"].add((r["start"] or "", r["end"] or "", r["title"]))
    for p in people.values():
        p["aliases"] = sorted(p["aliases"])
        p["roles"] = sorted(p["roles"])
    return people


def _role_text(role: tuple[str, str, str]) -> str:
    start, end, title = role
    span = " ".join(filter(None, [f"from {start}" if start else "", f"to {end}" if end else ""]))
    return f"{title} ({span})" if span else title


def _roles_at(person: Optional[dict], start: Optional[str], end: Optional[str]) -> list[str]:
    """The titles a person held at some time in [start, end]; none where the meeting's year is unknown."""
    if not person or not start or start.startswith("--"):
        return []
    lo, hi = _period(start)[0], _period(end or start)[1]
    return [title for r_start, r_end, title in person["roles"] if (not r_start or r_start <= hi) and (not r_end or lo <= r_end)]


def _period(date: str) -> tuple[str, str]:
    """The first and last day a date of any precision (2023, 2023-06, 2023-06-18) may mean, as ISO text."""
    if len(date) == 4:
        return f"{date}-01-01", f"{date}-12-31"
    if len(date) == 7:
        year, month = int(date[:4]), int(date[5:])
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
        return f"{date}-01", last
    return date, date


def _cell(value) -> str:
    """A plain spreadsheet cell: lists joined with '; ', no line breaks."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    return " ".join(str(value).split())


def to_csv(rows: list[dict], columns: tuple[str, ...]) -> bytes:
    """CSV with a header, UTF-8 with a byte-order mark so that spreadsheets take it as UTF-8.

    Args:
        rows: from :func:`table_rows`.
        columns: the header.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue().encode("utf-8-sig")


def to_jsonl(records: list[dict]) -> bytes:
    """One JSON object a line (JSON Lines), keys in a fixed order.

    Args:
        records: flat dicts (values: strings, numbers, lists of strings, None).
    """
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


# -- networks -------------------------------------------------------------------------------------


def network_file(view, fmt: str) -> bytes:
    """The networkx view as GraphML or GEXF, written by networkx itself.

    In GEXF, ``start`` and ``end`` are a node's time span for Gephi's
    timeline: a partial date becomes the first and last day it may mean,
    and the date as the sources give it is kept in ``when``.

    Args:
        view: ``KG.nx`` (plain string attributes).
        fmt: graphml or gexf.
    """
    import networkx as nx

    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(view, buf, encoding="utf-8")
        return buf.getvalue()
    timed = view.copy()
    for _, attrs in timed.nodes(data=True):
        start, end = attrs.pop("start", None), attrs.pop("end", None)
        if start is None and end is None:
            continue
        attrs["when"] = start if end in (None, start) else f"{start}/{end}"
        if start and not start.startswith("--"):
            attrs["start"] = _period(start)[0]
            attrs["end"] = _period(end or start)[1]
    nx.write_gexf(timed, buf, encoding="utf-8")
    # networkx stamps today's date into <meta>: drop it so that the same export gives the same bytes
    return re.sub(rb'<meta lastmodifieddate="[^"]*">', b"<meta>", buf.getvalue(), count=1)


# -- PLOVER ---------------------------------------------------------------------------------------


def plover_records(g) -> tuple[list[dict], int]:
    """One PLOVER CONSULT record per held meeting with a full date; and how many meetings were left out.

    Args:
        g: a loaded export (:class:`kg.api.KG`).
    """
    people = _people(g)
    countries = {r["m"]: r["c"] for r in g._select(
        "SELECT ?m (MIN(?c) AS ?c) WHERE { ?m a kgo:Meeting ; schema:location/schema:containedInPlace* ?c . ?c a schema:Country } GROUP BY ?m"
    )}
    quotes: dict[str, list] = {}
    for e in g.evidence(predicate="schema:attendee"):
        quotes.setdefault(e.subject, []).append(e)
    sources = {}
    for m in g.meetings():
        for s in m.sources:
            sources[s.id] = s
    urls = {r["id"]: r["url"] for r in g._select("SELECT ?id ?url WHERE { ?d a schema:CreativeWork ; schema:identifier ?id ; schema:url ?url }")}
    records, left_out = [], 0
    for m in g.meetings():
        if m.status != "held" or not m.start or not _FULL_DATE.match(m.start):
            left_out += 1
            continue
        actors = []
        for name, pid in zip(m.participants, m.participant_ids):
            person = people.get(pid) or {}
            actor = {"code": _alpha3(person.get("country_id")), "sector": "GOV", "actor_text": name, "identifier_id": pid, "identifier_text": name}
            office = _roles_at(person, m.start, m.end)
            if office:
                actor["office"] = " / ".join(office)
            actors.append({k: v for k, v in actor.items() if v is not None})
        country = countries.get(m.id)
        evidence = sorted(quotes.get(m.id, []), key=lambda e: (e.document, e.start))
        first = evidence[0] if evidence else None
        doc = sources.get(first.document) if first else (m.sources[0] if m.sources else None)
        record = {
            "id": "kg-" + m.id.split(":", 1)[1],
            "date": m.start,
            "enddate": m.end if m.end and m.end != m.start and _FULL_DATE.match(m.end) else None,
            # a meeting is reciprocal: PLOVER puts every side in source and leaves recipient out
            "source": actors,
            "event": ["CONSULT"],
            "mode": [_mode(m, country, people)],
            "quad_code": 1,
            "event_loc": {"name": m.place, "country code": _alpha2(country), "cc3": _alpha3(country)} if m.place else None,
            "event_text": list(dict.fromkeys(" ".join(e.quote.split()) for e in evidence)) or None,
            "text_info": {"start": first.start, "end": first.end} if first else None,
            "cite_info": {
                "corpus": "kg",
                "citation": doc.id,
                "title": doc.title,
                "publication": doc.publisher,
                "url": urls.get(doc.id),
                "coder": f"kg {__version__}",
                "codebook": "plover CONSULT",
            } if doc else None,
            "link": m.id,
            "issues": list(m.issues) or None,
            "sources": [s.id for s in m.sources],
        }
        records.append(_prune(record))
    return records, left_out


def _mode(m, country: Optional[str], people: dict) -> str:
    """PLOVER's CONSULT mode: phone or video, a visit to a side's country, or a meeting on third-party ground."""
    if m.format in ("phone", "video"):
        return m.format
    homes = {(people.get(pid) or {}).get("country_id") for pid in m.participant_ids}
    if m.context:
        return "multilateral"
    if country and country not in homes:
        return "third-party"
    return "visit"


def _alpha2(country_id: Optional[str]) -> Optional[str]:
    code = (country_id or "").rsplit(":", 1)[-1]
    return code.upper() if len(code) == 2 else None


def _alpha3(country_id: Optional[str]) -> Optional[str]:
    import pycountry

    code = _alpha2(country_id)
    found = pycountry.countries.get(alpha_2=code) if code else None
    return found.alpha_3 if found else None


def _prune(value):
    """Leave out empty fields, as PLOVER's optional fields are left out rather than null."""
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v is not None and v != [] and v != {}}
    return value


#: the JSON schema the PLOVER records follow (the fields kg fills; PLOVER allows more)
PLOVER_SCHEMA: dict = {
    "type": "object",
    "required": ["id", "date", "source", "event"],
    "properties": {
        "id": {"type": "string"},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "enddate": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "source": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["actor_text"],
                "properties": {
                    "code": {"type": "string", "pattern": "^[A-Z]{3}$"},
                    "sector": {"type": "string"},
                    "actor_text": {"type": "string"},
                    "identifier_id": {"type": "string"},
                    "identifier_text": {"type": "string"},
                    "office": {"type": "string"},
                },
            },
        },
        "event": {"type": "array", "items": {"enum": ["CONSULT"]}},
        "mode": {"type": "array", "items": {"enum": ["visit", "third-party", "multilateral", "phone", "video"]}},
        "quad_code": {"enum": [1, 2, 3, 4]},
        "event_loc": {"type": "object", "properties": {"name": {"type": "string"}, "country code": {"type": "string"}, "cc3": {"type": "string"}}},
        "event_text": {"type": "array", "items": {"type": "string"}},
        "text_info": {"type": "object", "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}}},
        "cite_info": {"type": "object", "properties": {k: {"type": "string"} for k in ("corpus", "citation", "title", "publication", "url", "coder", "codebook")}},
        "link": {"type": "string"},
    },
}
