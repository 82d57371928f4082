"""The interactive HTML view: one self-contained page per graph or filtered view.

pyvis builds the network (its ``in_line`` mode embeds vis-network); the page is
then post-processed: the Bootstrap tags pyvis 0.3.2 still links from a CDN are
removed, a strict Content-Security-Policy is added, and kg's own legend,
search, side panel and timeline (``kg/assets/``) are appended with the graph's
facts as escaped JSON. Nothing is loaded over the network and the same graph
always gives the same bytes.

Views: :func:`select_view` narrows a graph by time, type and focus, then caps
it at ``limit`` nodes (the most reported meetings with their people and
places, then the most connected) and says so on the page.

Scale: the layout is computed here (:func:`_force_layout`) and the page draws
it with physics off; panels carry a bounded number of facts and quotes, each
quote once. A page's size and load time follow what it shows, not the corpus.
"""

from __future__ import annotations

import base64
import datetime as dt
import difflib
import hashlib
import html as htmllib
import json
import math
import re
from dataclasses import dataclass, field
from itertools import chain
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

import networkx as nx
import numpy as np

from .errors import RenderError

#: node type -> legend name, vis shape and colour; the order is the legend's
NODE_STYLE: dict[str, dict[str, str]] = {
    "person": {"name": "Person", "shape": "dot", "color": "#2563eb"},
    "meeting": {"name": "Meeting", "shape": "star", "color": "#ea580c"},
    "place": {"name": "Place", "shape": "triangle", "color": "#16a34a"},
    "organization": {"name": "Organization", "shape": "square", "color": "#7c3aed"},
    "issue": {"name": "Issue", "shape": "hexagon", "color": "#db2777"},
    "document": {"name": "Document", "shape": "diamond", "color": "#64748b"},
}
TYPES = tuple(NODE_STYLE)
TYPE_ALIASES = {
    "people": "person", "persons": "person", "meetings": "meeting", "places": "place",
    "org": "organization", "orgs": "organization", "organisation": "organization", "organizations": "organization",
    "organisations": "organization", "issues": "issue", "doc": "document", "docs": "document", "documents": "document",
}
#: relation -> (edge colour, dashed); the first five are the graph's main story
EDGE_STYLE: dict[str, tuple[str, bool]] = {
    "attended": ("#2563eb", False),
    "held in": ("#16a34a", False),
    "discussed": ("#db2777", False),
    "raised": ("#be185d", True),
    "reported by": ("#64748b", False),
    "mentioned in": ("#94a3b8", True),
    "within": ("#86efac", True),
    "broader": ("#f9a8d4", True),
    "published by": ("#a78bfa", True),
    "written by": ("#a78bfa", True),
    "national of": ("#93c5fd", True),
}
#: the types a page draws at first (who met whom, where, when); the others are a tick away in the legend
SHOWN_TYPES = ("person", "meeting", "place")
#: links a page leaves off at first: context that ties the picture into a hairball
CONTEXT_LINKS = ("within", "broader", "published by", "written by", "national of")
DEFAULT_LIMIT = 250
#: the radius range vis-network scales node sizes to
_SIZE_MIN, _SIZE_MAX = 10, 36
DEFAULT_DEPTH = 2
MAX_LIMIT = 2000
#: role kinds, most senior first: a person's label shows the first one held
ROLE_RANK = (
    "head-of-state", "head-of-government", "deputy-head-of-government", "foreign-minister", "party-official",
    "minister", "defense-minister", "finance-minister", "national-security-adviser", "envoy", "ambassador",
    "deputy-foreign-minister", "military-chief",
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: as _DATE_RE, and the xsd forms with no year: gMonthDay '--02-02', gMonth '--03'
_HUMAN_RE = re.compile(r"^(?:(\d{4})|-)(?:-(\d{2})(?:-(\d{2}))?)?$")
_LABEL_MAX = 42
#: quotes per fact, and facts per panel section, that a page carries (the export has them all)
_EVIDENCE_MAX = 3
_SECTION_MAX = 30
#: a meeting's issues listed before the rest fold behind "more"
_ISSUES_SHOWN = 5


# --------------------------------------------------------------------------- dates


def parse_date_option(value: Optional[str], option: str, upper: bool = False) -> Optional[str]:
    """'2023', '2023-06' or '2023-06-18' -> the first (or, with ``upper``, last) day it covers, ISO.

    Raises:
        RenderError: not a date of that form.
    """
    if value is None or value == "":
        return None
    m = _DATE_RE.match(value.strip())
    try:
        if not m:
            raise ValueError
        y, mo, d = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
        if d:
            day = dt.date(y, mo, d)
        elif mo:
            day = dt.date(y, mo, 1)
            if upper:
                day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        else:
            day = dt.date(y, 12, 31) if upper else dt.date(y, 1, 1)
    except ValueError:
        raise RenderError(f"{option} {value!r}: not a date; use YYYY, YYYY-MM or YYYY-MM-DD") from None
    return day.isoformat()


def _bounds(value: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """A partial ISO date's first and last day as comparable strings ('2023-06' -> 2023-06-01, 2023-06-31)."""
    if not value:
        return None, None
    m = _DATE_RE.match(value)
    if not m:
        return None, None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if d:
        return value, value
    if mo:
        return f"{y}-{mo}-01", f"{y}-{mo}-31"
    return f"{y}-01-01", f"{y}-12-31"


def meeting_span(attrs: dict) -> tuple[Optional[str], Optional[str]]:
    """A meeting's first and last possible day (comparable ISO strings), or (None, None)."""
    lo, _ = _bounds(attrs.get("start"))
    _, hi = _bounds(attrs.get("end") or attrs.get("start"))
    return lo, hi or lo


def human_date(value: Optional[str]) -> str:
    """'2023-10-26' -> '26 Oct 2023'; '2023-06' -> 'Jun 2023'; a day with no year ('--02-02') -> '2 Feb'."""
    m = _HUMAN_RE.match(value or "")
    if not m or not (m.group(1) or m.group(2)):
        return value or ""
    y, mo, d = m.group(1), m.group(2), m.group(3)
    parts = ([str(int(d))] if d else []) + ([MONTHS[int(mo) - 1]] if mo and 1 <= int(mo) <= 12 else []) + ([y] if y else [])
    return " ".join(parts)


def human_range(start: Optional[str], end: Optional[str]) -> str:
    """'2023-10-26', '2023-10-27' -> '26–27 Oct 2023'."""
    if not start:
        return ""
    if not end or end == start:
        return human_date(start)
    a, b = _HUMAN_RE.match(start), _HUMAN_RE.match(end)
    if a and b and a.group(3) and b.group(3) and a.group(1) == b.group(1):
        if a.group(2) == b.group(2):
            return f"{int(a.group(3))}–{human_date(end)}"
        return f"{int(a.group(3))} {MONTHS[int(a.group(2)) - 1]} – {human_date(end)}"
    return f"{human_date(start)} – {human_date(end)}"


# --------------------------------------------------------------------------- roles


def roles_at(attrs: dict, day: Optional[str]) -> list[dict]:
    """The roles a person held on ``day`` (ISO, partial allowed), most senior first.

    Roles without dates count as held at any time, but only when no dated role fits.
    """
    roles = attrs.get("roles") or []
    lo, hi = _bounds(day) if day else (None, None)
    dated, undated = [], []
    for r in roles:
        if not r.get("start") and not r.get("end"):
            undated.append(r)
            continue
        if lo is None:
            if not r.get("end"):
                dated.append(r)
            continue
        start = _bounds(r.get("start"))[0] or "0000"
        end = _bounds(r.get("end"))[1] or "9999"
        if start <= hi and end >= lo:
            dated.append(r)
    found = dated or undated
    if not found and lo is None and roles:
        found = [max(roles, key=lambda r: (r.get("start") or "", r.get("title") or ""))]

    def rank(r: dict) -> tuple:
        kind = r.get("kind") or ""
        return (ROLE_RANK.index(kind) if kind in ROLE_RANK else len(ROLE_RANK), _neg(r.get("start") or ""), r.get("title") or "")

    return sorted(found, key=rank)


def _neg(s: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in s)


def role_title(attrs: dict, day: Optional[str]) -> str:
    """The title of the most senior role a person held on ``day``, or ''."""
    found = roles_at(attrs, day)
    return (found[0].get("title") or "") if found else ""


# --------------------------------------------------------------------------- focus


def find_node(g: nx.MultiDiGraph, name: str) -> str:
    """The node a user means by ``name``: an id, a label or an alias (any case).

    Raises:
        RenderError: no node, or several, answer to that name; the message lists close matches.
    """
    if name in g:
        return name
    want = _norm(name)
    tiers: list[list[str]] = [[], [], []]  # label, then alias or id, then part of either
    for node, d in g.nodes(data=True):
        label = _norm(d.get("label") or "")
        others = {_norm(node.split(":", 1)[-1]), _norm(node)}
        others.update(_norm(a) for a in (d.get("aliases") or []) + (d.get("alt_labels") or []))
        others.discard("")
        if want == label:
            tiers[0].append(node)
        elif want in others:
            tiers[1].append(node)
        elif want in label or any(want in n for n in others):
            tiers[2].append(node)
    for found in tiers:
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            found.sort(key=lambda n: (_type_rank(g, n), n))
            shown = ", ".join(_describe(g, n) for n in found[:8])
            more = f" and {len(found) - 8} more" if len(found) > 8 else ""
            raise RenderError(f"--focus {name!r} matches {len(found)} nodes: {shown}{more}; give one of these ids")
    scored = []
    for node, d in g.nodes(data=True):
        names = [d.get("label") or node, node.split(":", 1)[-1].replace("-", " ")] + list(d.get("aliases") or [])
        words = {w for name in names for w in _norm(name).split()} | {_norm(name) for name in names}
        best = max((difflib.SequenceMatcher(None, want, w).ratio() for w in words), default=0.0)
        if best >= 0.75:
            scored.append((-best, _type_rank(g, node), node))
    if scored:
        shown = ", ".join(_describe(g, n) for _s, _t, n in sorted(scored)[:5])
        raise RenderError(f"--focus {name!r}: no node has that name; close matches: {shown}")
    raise RenderError(f"--focus {name!r}: no node has that name; give a name, an alias or an id such as person:antony-blinken")


def _norm(s: str) -> str:
    return " ".join(s.casefold().split())


def _describe(g: nx.MultiDiGraph, node: str) -> str:
    return f"{g.nodes[node].get('label') or node} ({node})"


def parse_types(types: Optional[Iterable[str] | str]) -> Optional[tuple[str, ...]]:
    """'person,meeting' or ['person', 'meeting'] -> ('person', 'meeting'); None for all types.

    Raises:
        RenderError: an unknown type name.
    """
    if types is None:
        return None
    items = types.split(",") if isinstance(types, str) else [t for part in types for t in str(part).split(",")]
    out = []
    for raw in items:
        t = raw.strip().lower()
        if not t:
            continue
        t = TYPE_ALIASES.get(t, t)
        if t not in NODE_STYLE:
            raise RenderError(f"--types: unknown type {raw.strip()!r}; use {', '.join(TYPES)}")
        if t not in out:
            out.append(t)
    if not out:
        raise RenderError(f"--types: no type given; use {', '.join(TYPES)}")
    return tuple(t for t in TYPES if t in out)


# --------------------------------------------------------------------------- views


@dataclass
class View:
    """A filtered, capped part of a graph, ready to draw.

    Attributes:
        graph: the full graph (panels may cite nodes outside the view).
        nodes: the view's node ids, sorted.
        edges: (source, target, relation) -> the graph's edge data of that kind, in key order.
        focus: the focused node, if any.
        notes: what the page says about how the view was narrowed or capped.
        total: nodes in the graph.
        meetings: the meetings kept by the time filter (None: no time filter).
    """

    graph: nx.MultiDiGraph
    nodes: list[str]
    edges: dict[tuple[str, str, str], list[dict]]
    focus: Optional[str] = None
    notes: list[str] = field(default_factory=list)
    total: int = 0
    filters: dict = field(default_factory=dict)
    meetings: Optional[set] = None


#: relations that attach context to a node already in a time-filtered view
_CONTEXT_RELATIONS = {"within", "published by", "written by", "national of", "broader"}


def select_view(
    g: nx.MultiDiGraph,
    focus: Optional[str] = None,
    depth: Optional[int] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    types: Optional[Iterable[str] | str] = None,
    limit: Optional[int] = DEFAULT_LIMIT,
) -> View:
    """Narrow a graph to what a page should show.

    Steps, in order: the time filter (meetings overlapping [since, until] and
    what they connect to), the type filter, the focus (nodes within ``depth``
    links of it, links in either direction) and the cap (the ``limit`` most
    connected nodes). Edges are those of the graph between kept nodes; a
    ``raised`` edge also needs its meeting kept when a time filter is on.
    Parallel edges of one relation between two nodes are drawn as one.

    Raises:
        RenderError: bad dates, types, depth, limit, or a focus that names no node.
    """
    lo = parse_date_option(since, "--since")
    hi = parse_date_option(until, "--until", upper=True)
    if lo and hi and lo > hi:
        raise RenderError(f"--since {since} is after --until {until}")
    wanted = parse_types(types)
    if depth is not None and focus is None:
        raise RenderError("--depth needs --focus")
    depth = DEFAULT_DEPTH if depth is None else depth
    if depth < 0:
        raise RenderError(f"--depth {depth}: must be 0 or more")
    if limit is not None and limit < 1:
        raise RenderError(f"--limit {limit}: must be 1 or more")
    center = find_node(g, focus) if focus is not None else None
    notes: list[str] = []
    keep: set[str] = set(g.nodes)
    kept_meetings: Optional[set] = None
    if lo or hi:
        kept_meetings = set()
        undated = 0
        for n, d in g.nodes(data=True):
            if d.get("type") != "meeting":
                continue
            a, b = meeting_span(d)
            if a is None:
                undated += 1
                continue
            if (lo is None or b >= lo) and (hi is None or a <= hi):
                kept_meetings.add(n)
        keep = set(kept_meetings)
        for m in kept_meetings:
            keep.update(x for x in nx.all_neighbors(g, m) if g.nodes[x].get("type") != "meeting")
        for u, v, d in g.edges(data=True):
            if d.get("relation") == "raised" and d.get("meeting") in kept_meetings:
                keep.update((u, v))
        for _ in range(3):  # places within places, issues under issues
            extra = {v for u, v, d in g.out_edges(keep, data=True) if d.get("relation") in _CONTEXT_RELATIONS}
            if extra <= keep:
                break
            keep |= extra
        if lo and hi:
            period = f"from {human_date(lo)} to {human_date(hi)}"
        else:
            period = f"since {human_date(lo)}" if lo else f"until {human_date(hi)}"
        count = len(kept_meetings)
        notes.append(f"{count} meeting{'s' if count != 1 else ''} {period}, with their people, places, issues and sources.")
        if undated:
            notes.append(f"{undated} meeting{'s' if undated != 1 else ''} without a date left out.")
        if center is not None and center not in keep:
            raise RenderError(f"--focus {focus!r}: {_describe(g, center)} has no meeting {period}")
    if wanted is not None:
        keep = {n for n in keep if g.nodes[n].get("type") in wanted or n == center}
        notes.append("Types: " + ", ".join(NODE_STYLE[t]["name"].lower() for t in wanted) + ".")
    if center is not None:
        keep = _within(g, keep, center, depth)
        notes.append(f"Within {depth} meeting hop{'s' if depth != 1 else ''} of {g.nodes[center].get('label') or center} (person → meeting → person).")
    if limit is not None and len(keep) > limit:
        degree: dict[str, int] = dict.fromkeys(keep, 0)
        for (u, v), rels in _view_links(g, keep, kept_meetings):
            degree[u] += len(rels)
            degree[v] += len(rels)
        ranked = sorted(keep, key=lambda n: (n != center, -degree[n], -g.degree(n), n))
        before = len(keep)
        chosen = _meetings_first(g, keep, degree, center, limit)
        for n in ranked:
            if len(chosen) >= limit:
                break
            chosen.add(n)
        if any(g.nodes[n].get("type") == "meeting" for n in keep) and center is None:
            how = "the meetings with the most sources, with their people and places, then the most connected of the rest"
        else:
            how = "the most connected"
        keep = chosen
        notes.append(
            f"Showing {limit} of {before} nodes, to stay readable: {how}. "
            "Narrow the view with kg render --focus NAME, --since DATE or --types TYPES."
        )
    edges = _view_edges(g, keep, kept_meetings)
    return View(
        graph=g,
        nodes=sorted(keep),
        edges=edges,
        focus=center,
        notes=notes,
        total=g.number_of_nodes(),
        filters={"focus": center, "depth": depth if center else None, "since": lo, "until": hi, "types": list(wanted) if wanted else None},
        meetings=kept_meetings,
    )


def _meetings_first(g: nx.MultiDiGraph, keep: set, degree: dict[str, int], center: Optional[str], limit: int) -> set:
    """The start of a capped view: the focus, or else the most reported meetings with their people and places.

    Ranked by links alone, a large graph's cap is all people and issues joined
    by thousands of 'raised' links, and not one meeting: the thing the graph is about.
    """
    if center is not None:
        return {center}
    chosen: set = set()
    meetings = sorted((n for n in keep if g.nodes[n].get("type") == "meeting"), key=lambda m: (-len(g.nodes[m].get("sources") or ()), -degree[m], m))
    budget = limit * 3 // 5  # the rest goes to the most connected issues, organizations ...
    for m in meetings:
        group = {m} | {x for x in nx.all_neighbors(g, m) if x in keep and g.nodes[x].get("type") in ("person", "place")}
        if len(chosen | group) > budget:
            break
        chosen |= group
    return chosen


def _within(g: nx.MultiDiGraph, keep: set, center: str, depth: int) -> set:
    """The nodes of ``keep`` within ``depth`` meeting hops of ``center``, with what their meetings link to.

    A hop goes from a person through a meeting to another person: at depth 1 a
    person's view holds their meetings and who they met, never people who
    merely share a country. A meeting, place, issue, organization or document
    starts from the meetings it is linked to, with their participants (depth 0).
    """
    kind = g.nodes[center].get("type")

    def meetings_of(n: str) -> set:
        return {m for m in chain(g.succ[n], g.pred[n]) if m in keep and g.nodes[m].get("type") == "meeting"}

    def people_at(m: str) -> set:
        return {p for p in g.pred[m] if p in keep and g.nodes[p].get("type") == "person" and "attended" in _relations(g, p, m)}

    if kind == "person":
        people, meetings = {center}, set()
    else:
        meetings = {center} if kind == "meeting" else meetings_of(center)
        people = set().union(*(people_at(m) for m in meetings)) if meetings else set()
    frontier = set(people)
    for _ in range(depth):
        found = {m for p in frontier for m in meetings_of(p)} - meetings
        meetings |= found
        new_people = {p for m in found for p in people_at(m)} - people
        people |= new_people
        frontier = new_people
    seen = {center} | people | meetings
    # what the kept meetings and people link to: places, issues, organizations, sources
    for n in sorted(people | meetings):
        seen.update(x for x in chain(g.succ[n], g.pred[n]) if x in keep and g.nodes[x].get("type") not in ("person", "meeting"))
    if kind not in ("person", "meeting"):
        seen.update(x for x in chain(g.succ[center], g.pred[center]) if x in keep and g.nodes[x].get("type") != "meeting")
    return seen


def _relations(g: nx.MultiDiGraph, u: str, v: str) -> set:
    return {d.get("relation") for d in g.succ[u].get(v, {}).values()}


def _view_links(g: nx.MultiDiGraph, keep: set, kept_meetings: Optional[set]):
    """(u, v) and the relations drawn from u to v, for kept nodes; unsorted (for counting)."""
    for u in keep:
        for v, keyed in g.succ[u].items():
            if v in keep:
                rels = {
                    d.get("relation") or str(k)
                    for k, d in keyed.items()
                    if not (kept_meetings is not None and d.get("relation") == "raised" and d.get("meeting") not in kept_meetings)
                }
                if rels:
                    yield (u, v), rels


def _view_edges(g: nx.MultiDiGraph, keep: set, kept_meetings: Optional[set]) -> dict[tuple[str, str, str], list[dict]]:
    # straight over the adjacency: networkx's subgraph views re-filter on every access
    edges: dict[tuple[str, str, str], list[dict]] = {}
    for u in sorted(keep):
        succ = g.succ[u]
        for v in sorted(v for v in succ if v in keep):
            for k, d in sorted(succ[v].items(), key=lambda kd: str(kd[0])):
                rel = d.get("relation") or str(k)
                if rel == "raised" and kept_meetings is not None and d.get("meeting") not in kept_meetings:
                    continue
                edges.setdefault((u, v, rel), []).append(d)
    return edges


# --------------------------------------------------------------------------- panel data


class _Panels:
    """Builds the side panel of each node: sections of facts, each with its evidence.

    A page's size must follow what it shows, not the corpus: a section lists
    at most ``_SECTION_MAX`` facts (those drawn in the view first) and a fact
    at most ``_EVIDENCE_MAX`` quotes; the page says how many more the export
    holds. Each quoted sentence is stored once (``quotes``) and cited by index,
    since the same sentence backs a link and the panels of both its ends.
    """

    def __init__(self, g: nx.MultiDiGraph, view_meetings: Optional[set], shown: Iterable[str] = ()):
        self.g = g
        self.view_meetings = view_meetings
        self.shown = set(shown)
        self.docs: set[str] = set()
        self.quotes: list[dict] = []
        self._quote_ids: dict[tuple, int] = {}
        self._meeting_keys: dict[str, tuple] = {}
        self._titles: dict[str, str] = {}
        self.raised_at: dict[str, list] = {}
        for u, succ in g.succ.items():
            for v, keyed in succ.items():
                for e in keyed.values():
                    if e.get("relation") == "raised" and e.get("meeting"):
                        self.raised_at.setdefault(e["meeting"], []).append((u, v, e))
        self.roles_in: dict[str, list] = {}
        for p, pd in g.nodes(data=True):
            if pd.get("type") == "person":
                for r in pd.get("roles") or []:
                    if r.get("org"):
                        self.roles_in.setdefault(r["org"], []).append((p, r))

    def label(self, n: Optional[str]) -> str:
        if not n:
            return ""
        if n not in self.g:
            return n
        if self.g.nodes[n].get("type") == "meeting":
            title = self._titles.get(n)
            if title is None:
                title = self._titles[n] = meeting_title(self.g, n)
            return title
        return self.g.nodes[n].get("label") or n

    def ev(self, items: Optional[Iterable[dict]]) -> tuple[list[int], int]:
        """The first distinct quotes of a fact (indexes into ``quotes``), and how many more it has."""
        refs: list[int] = []
        seen = set()
        for e in items or ():
            key = (e.get("doc"), e.get("quote"))
            if not key[1] or key in seen:
                continue
            seen.add(key)
            if len(refs) < _EVIDENCE_MAX:
                i = self._quote_ids.get(key)
                if i is None:
                    i = self._quote_ids[key] = len(self.quotes)
                    self.quotes.append({"q": key[1], "d": key[0]})
                    if key[0]:
                        self.docs.add(key[0])
                refs.append(i)
        return refs, len(seen) - len(refs)

    def capped(self, rows: list, node=lambda row: row[0]) -> tuple[list, int]:
        """At most ``_SECTION_MAX`` rows, in their order: those drawn in the view first."""
        if len(rows) <= _SECTION_MAX:
            return rows, 0
        keep = [i for i, row in enumerate(rows) if node(row) in self.shown][:_SECTION_MAX]
        if len(keep) < _SECTION_MAX:
            chosen = set(keep)
            keep += [i for i in range(len(rows)) if i not in chosen][: _SECTION_MAX - len(keep)]
        return [rows[i] for i in sorted(keep)], len(rows) - len(keep)

    def doc_item(self, doc: str) -> dict:
        self.docs.add(doc)
        d = self.g.nodes[doc] if doc in self.g else {}
        note = " · ".join(x for x in (d.get("publisher"), human_date(d.get("date") or d.get("published"))) if x)
        return _item(doc_title(d, doc), doc, note)

    def edges_out(self, n: str, rel: str):
        return [(v, d) for v, keyed in self.g.succ[n].items() for d in keyed.values() if d.get("relation") == rel]

    def edges_in(self, n: str, rel: str):
        return [(u, d) for u, keyed in self.g.pred[n].items() for d in keyed.values() if d.get("relation") == rel]

    def meeting_sort(self, m: str) -> tuple:
        key = self._meeting_keys.get(m)
        if key is None:
            a, _ = meeting_span(self.g.nodes[m]) if m in self.g else (None, None)
            key = self._meeting_keys[m] = (a or "9999", m)
        return key

    def section(self, title: str, rows: list, make, node=lambda row: row[0]) -> dict:
        """A panel section of (sorted) rows, capped; ``make`` turns a kept row into an item."""
        kept, more = self.capped(rows, node)
        out = {"title": title, "items": [make(*row) if isinstance(row, tuple) else make(row) for row in kept]}
        if more:
            out["more"] = more
        return out

    def panel(self, n: str) -> dict:
        d = self.g.nodes[n]
        kind = d.get("type")
        sections = getattr(self, "_" + (kind or "other"), self._other)(n, d)
        return {"sections": [s for s in sections if s["items"]]}

    # one method per node type -------------------------------------------------

    def _meeting(self, n: str, d: dict) -> list[dict]:
        facts_ev: dict[str, list] = {}
        for e in d.get("fact_evidence") or []:
            facts_ev.setdefault(e.get("property"), []).append(e)
        facts = []
        when = human_range(d.get("start"), d.get("end"))
        if when:
            facts.append(_item(when, key="When", ev=self.ev([e for prop in ("schema:startDate", "schema:endDate", "kgo:startPeriod", "kgo:endPeriod") for e in facts_ev.get(prop, [])])))
        for place, e in self.edges_out(n, "held in"):
            facts.append(_item(self.label(place), place, key="Where", ev=self.ev(e.get("evidence"))))
        for key, attr, prop in (("Format", "format", "kgo:format"), ("Status", "status", "kgo:status"), ("Duration", "duration", "schema:duration"), ("Context", "context", "kgo:context")):
            if d.get(attr):
                facts.append(_item(str(d[attr]), key=key, ev=self.ev(facts_ev.get(prop, []))))
        day = d.get("start")
        people = sorted(self.edges_in(n, "attended"), key=lambda x: (self.label(x[0]), x[0]))
        raised = sorted(self.raised_at.get(n, []), key=lambda x: (x[0], x[1], x[2].get("stance") or ""))
        # most written about first: the characters of the distinct sentences that speak of each issue here
        said: dict[str, set] = {}
        for i, e in self.edges_out(n, "discussed"):
            said.setdefault(i, set()).update((q.get("doc"), q.get("quote")) for q in e.get("evidence") or () if q.get("quote"))
        for _u, i, e in raised:
            said.setdefault(i, set()).update((q.get("doc"), q.get("quote")) for q in e.get("evidence") or () if q.get("quote"))
        weight = {i: sum(len(q) for _d, q in quotes) for i, quotes in said.items()}
        issues = sorted(self.edges_out(n, "discussed"), key=lambda x: (-weight.get(x[0], 0), self.label(x[0]), x[0]))

        def issue(i: str, e: dict) -> dict:
            count = len(said.get(i, ()))
            return _item(self.label(i), i, f"{count} sentence{'s' if count != 1 else ''}" if count else "", self.ev(e.get("evidence")))

        docs = set(d.get("sources") or []) | set(d.get("reported_in") or [])
        docs |= {v for v, _ in self.edges_out(n, "reported by") + self.edges_out(n, "mentioned in")}
        return [
            {"title": "Facts", "items": facts},
            self.section("Participants", people, lambda p, e: _item(self.label(p), p, role_title(self.g.nodes[p], day), self.ev(e.get("evidence")))),
            {**self.section("Issues, most written about first", issues, issue), "fold": _ISSUES_SHOWN},
            self.section("Who raised what", raised, lambda u, v, e: _item(f"{self.label(u)} → {self.label(v)}", v, e.get("stance") or "", self.ev(e.get("evidence"))), node=lambda row: row[1]),
            self.section("Sources", sorted(docs, key=lambda x: (self.g.nodes[x].get("date") or "" if x in self.g else "", x)), self.doc_item, node=lambda row: row),
        ]

    def _person(self, n: str, d: dict) -> list[dict]:
        facts = []
        for r in d.get("roles") or []:
            span = " – ".join(x for x in (human_date(r.get("start")), human_date(r.get("end")) or ("" if not r.get("start") else "now")) if x)
            note = " · ".join(x for x in (self.label(r.get("org")) if r.get("org") else "", span) if x)
            facts.append(_item(r.get("title") or "", r.get("org") if r.get("org") in self.g else None, note, key="Role"))
        if d.get("country"):
            facts.append(_item(self.label(d["country"]), d["country"] if d["country"] in self.g else None, key="Nationality"))
        if d.get("aliases"):
            facts.append(_item(", ".join(d["aliases"]), key="Also called", ev=self.ev(d.get("alias_evidence"))))

        def meeting(m: str, e: dict) -> dict:
            md = self.g.nodes[m]
            note = " · ".join(x for x in (role_title(d, md.get("start")), human_range(md.get("start"), md.get("end"))) if x)
            return _item(self.label(m), m, note, self.ev(e.get("evidence")))

        def raised(i: str, e: dict) -> dict:
            at = self.label(e.get("meeting")) if e.get("meeting") else ""
            return _item(self.label(i), i, " · ".join(x for x in (e.get("stance") or "", at) if x), self.ev(e.get("evidence")))

        meetings = sorted(self.edges_out(n, "attended"), key=lambda x: self.meeting_sort(x[0]))
        issues = sorted(self.edges_out(n, "raised"), key=lambda x: (self.meeting_sort(x[1].get("meeting")) if x[1].get("meeting") in self.g else ("9999", ""), x[0]))
        return [
            {"title": "Facts", "items": facts},
            self.section("Meetings, in date order", meetings, meeting),
            self.section("Issues raised", issues, raised),
            self.section("Wrote", [doc for doc, _ in sorted(self.edges_in(n, "written by"))], self.doc_item, node=lambda row: row),
        ]

    def _place(self, n: str, d: dict) -> list[dict]:
        facts = []
        if d.get("place_type"):
            facts.append(_item(d["place_type"], key="Kind"))
        for p, _ in self.edges_out(n, "within"):
            facts.append(_item(self.label(p), p, key="Within"))
        meetings = sorted(self.edges_in(n, "held in"), key=lambda x: self.meeting_sort(x[0]))
        return [
            {"title": "Facts", "items": facts},
            self.section("Meetings held here", meetings, lambda m, e: _item(self.label(m), m, human_range(self.g.nodes[m].get("start"), self.g.nodes[m].get("end")), self.ev(e.get("evidence")))),
            self.section("Places within", sorted(self.edges_in(n, "within"), key=lambda x: self.label(x[0])), lambda p, _e: _item(self.label(p), p)),
            self.section("People from here", sorted(self.edges_in(n, "national of"), key=lambda x: self.label(x[0])), lambda p, _e: _item(self.label(p), p)),
        ]

    def _organization(self, n: str, d: dict) -> list[dict]:
        facts = [_item(", ".join(d["aliases"]), key="Also called")] if d.get("aliases") else []

        def person(p: str, r: dict) -> dict:
            span = " – ".join(x for x in (human_date(r.get("start")), human_date(r.get("end"))) if x)
            return _item(self.label(p), p, " · ".join(x for x in (r.get("title") or "", span) if x))

        return [
            {"title": "Facts", "items": facts},
            self.section("People with roles here", sorted(self.roles_in.get(n, []), key=lambda x: (x[0], x[1].get("start") or "")), person),
            self.section("Published", [doc for doc, _ in sorted(self.edges_in(n, "published by"))], self.doc_item, node=lambda row: row),
        ]

    def _issue(self, n: str, d: dict) -> list[dict]:
        facts = [_item(", ".join(d["alt_labels"]), key="Also called")] if d.get("alt_labels") else []
        for b, _ in self.edges_out(n, "broader"):
            facts.append(_item(self.label(b), b, key="Part of"))

        def raised(p: str, e: dict) -> dict:
            note = " · ".join(x for x in (e.get("stance") or "", self.label(e.get("meeting")) if e.get("meeting") else "") if x)
            return _item(self.label(p), p, note, self.ev(e.get("evidence")))

        meetings = sorted(self.edges_in(n, "discussed"), key=lambda x: self.meeting_sort(x[0]))
        return [
            {"title": "Facts", "items": facts},
            self.section("Discussed at", meetings, lambda m, e: _item(self.label(m), m, human_range(self.g.nodes[m].get("start"), self.g.nodes[m].get("end")), self.ev(e.get("evidence")))),
            self.section("Raised by", sorted(self.edges_in(n, "raised"), key=lambda x: (x[0], x[1].get("meeting") or "")), raised),
            self.section("Narrower issues", sorted(self.edges_in(n, "broader")), lambda x, _e: _item(self.label(x), x)),
        ]

    def _document(self, n: str, d: dict) -> list[dict]:
        facts = []
        for key, attr in (("Title", "title"), ("Publisher", "publisher"), ("Date", "date"), ("Published", "published"), ("Kind", "kind"), ("File", "identifier")):
            if d.get(attr):
                value = human_date(d[attr]) if attr in ("date", "published") else str(d[attr])
                facts.append(_item(value, key=key))
        if d.get("url"):
            item = _item(str(d["url"]), key="Link")
            if _safe_url(d["url"]):
                item["href"] = d["url"]
            facts.append(item)
        for a, _ in sorted(self.edges_out(n, "written by")):
            facts.append(_item(self.label(a), a, key="Author"))
        reports = sorted(self.edges_in(n, "reported by") + self.edges_in(n, "mentioned in"), key=lambda x: self.meeting_sort(x[0]))
        return [
            {"title": "Facts", "items": facts},
            self.section("Meetings in this document", reports, lambda m, e: _item(self.label(m), m, "reports it" if e.get("relation") == "reported by" else "mentions it")),
        ]

    def _other(self, n: str, d: dict) -> list[dict]:
        return []


def _item(text: str, node: Optional[str] = None, note: str = "", ev: Optional[tuple[list[int], int]] = None, key: str = "") -> dict:
    out: dict = {"text": text}
    if key:
        out["k"] = key
    if node:
        out["node"] = node
    if note:
        out["note"] = note
    if ev and ev[0]:
        out["ev"] = ev[0]
        if ev[1]:
            out["evMore"] = ev[1]
    return out


def doc_title(d: dict, doc: str = "") -> str:
    """A document's title, or 'Untitled news · CNN · 18 Jun 2023' when it has none."""
    if d.get("title"):
        return d["title"]
    parts = [f"Untitled {d.get('kind') or 'document'}", d.get("publisher"), human_date(d.get("date") or d.get("published"))]
    return " · ".join(p for p in parts if p) if (d or not doc) else doc


def _safe_url(url: str) -> bool:
    return bool(re.match(r"^https?://[^\s\"'<>]+$", url or "", re.I))


# --------------------------------------------------------------------------- layout


#: vis-network's forceAtlas2Based model with kg's settings; the page's layout is computed with it here
_PHYSICS = {"gravitationalConstant": -80.0, "centralGravity": 0.01, "springLength": 130.0, "springConstant": 0.06, "damping": 0.6, "avoidOverlap": 0.4, "maxVelocity": 40.0, "timestep": 0.5}
#: up to this many linked nodes repulsion is summed over every pair; beyond, on a grid (see _grid_field)
_EXACT_MAX = 500
_GRID = 128


def _layout(nodes: list[str], edges: Iterable[tuple[str, str, str]], sizes: dict[str, float], first: set) -> dict[str, tuple[int, int]]:
    """Final positions (pixels) of the nodes that have a link in the view.

    Laid out here with the forces vis-network would use (:func:`_force_layout`),
    so the browser draws them at once with physics off: its own simulation took
    17 s for 2,000 nodes. The nodes a page shows first (``first``) are laid out
    among themselves, so the first picture has no holes where hidden issues sit;
    the rest then settle around them, which stay put.
    """
    pairs = sorted({(u, v) if u < v else (v, u) for u, v, _ in edges if u != v})
    linked = sorted({n for pair in pairs for n in pair})
    if not linked:
        return {}
    index = {n: i for i, n in enumerate(linked)}
    radius = np.fromiter((sizes[n] for n in linked), dtype=np.float64, count=len(linked))
    main = np.fromiter((n in first for n in linked), dtype=bool, count=len(linked))
    src = np.fromiter((index[u] for u, _ in pairs), dtype=np.int64, count=len(pairs))
    dst = np.fromiter((index[v] for _, v in pairs), dtype=np.int64, count=len(pairs))
    if main.any() and not main.all():
        sub = np.flatnonzero(main)
        at = np.full(len(linked), -1)
        at[sub] = np.arange(len(sub))
        both = main[src] & main[dst]
        xy = np.zeros((len(linked), 2))
        if both.any():
            xy[sub] = _widen(_force_layout(at[src[both]], at[dst[both]], radius[sub]))
        else:
            xy[sub] = _widen(_force_layout(np.zeros(0, np.int64), np.zeros(0, np.int64), radius[sub]))
        # the others start beside the shown nodes they link to, or outside the picture
        total = np.zeros((len(linked), 2))
        count = np.zeros(len(linked))
        for a_, b_ in ((src, dst), (dst, src)):
            take = main[b_] & ~main[a_]
            np.add.at(total, a_[take], xy[b_[take]])
            np.add.at(count, a_[take], 1)
        rest = np.flatnonzero(~main)
        angle = np.arange(len(rest)) * 2.399963229728653
        reach = float(np.sqrt((xy[sub] ** 2).sum(1)).max()) + 150
        spot = np.where(count[rest, None] > 0, total[rest] / np.maximum(count[rest], 1)[:, None], 0)
        ring = np.where(count[rest] > 0, 60.0, reach)
        xy[rest, 0] = spot[:, 0] + ring * np.cos(angle)
        xy[rest, 1] = spot[:, 1] + ring * np.sin(angle)
        xy = _force_layout(src, dst, radius, start=xy, fixed=main, steps=150)
    else:
        xy = _widen(_force_layout(src, dst, radius))
    return {n: (int(round(x)), int(round(y))) for n, (x, y) in zip(linked, xy.tolist())}


#: the graph's box on a page is about 1.6 times as wide as it is high, and labels run sideways
_WIDEN = 1.5


def _widen(xy: np.ndarray) -> np.ndarray:
    """The layout stretched sideways (no two nodes come closer): a round cloud would leave the box's sides empty."""
    out = xy.copy()
    out[:, 0] *= _WIDEN
    return out


def _force_layout(
    src: np.ndarray, dst: np.ndarray, radius: np.ndarray, start: Optional[np.ndarray] = None, fixed: Optional[np.ndarray] = None, steps: Optional[int] = None
) -> np.ndarray:
    """Positions of linked nodes under vis-network's forceAtlas2Based forces.

    Repulsion G·(degree+1)/distance from every other node, springs of rest
    length 1.5 × springLength, central gravity, damping and a speed limit, as
    vis-network computes them, from a golden-angle spiral (best connected in
    the middle) and a fixed number of steps, so the result is deterministic.

    Args:
        src, dst: the links, as node indexes.
        radius: each node's drawn radius.
        start: starting positions instead of the spiral.
        fixed: nodes that do not move.
        steps: iterations (default 300, or 200 past the exact size).
    """
    p = _PHYSICS
    n = len(radius)
    deg = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n) + 1.0
    order = np.lexsort((np.arange(n), -deg))
    i = np.arange(n)
    r = (55 * math.sqrt(n) + 60) * np.sqrt((i + 0.5) / n)
    pos = np.empty((n, 2))
    pos[order, 0] = r * np.cos(i * 2.399963229728653)
    pos[order, 1] = r * np.sin(i * 2.399963229728653)
    if start is not None:
        pos = start.astype(np.float64).copy()
    gravity = p["centralGravity"] * deg
    if fixed is not None:
        gravity = np.where(fixed, 0.0, gravity)
    vel = np.zeros((n, 2))
    rest = 1.5 * p["springLength"]
    step = p["timestep"]
    repel = p["gravitationalConstant"] * deg
    exact = n <= _EXACT_MAX
    kernel = None if exact else _grid_kernel(_GRID)
    near = (0.1 + p["avoidOverlap"] * radius)[:, None]
    for _ in range(steps or (300 if exact else 200)):
        if exact:
            dx = pos[None, :, 0] - pos[:, None, 0]
            dy = pos[None, :, 1] - pos[:, None, 1]
            d = np.maximum(near, np.sqrt(dx * dx + dy * dy) - radius[:, None])
            f = 1.0 / (d * d)
            np.fill_diagonal(f, 0.0)
            fx, fy = (dx * f).sum(1), (dy * f).sum(1)
        else:
            fx, fy = _grid_field(pos, kernel)
        fx *= repel
        fy *= repel
        ex = pos[src, 0] - pos[dst, 0]
        ey = pos[src, 1] - pos[dst, 1]
        length = np.maximum(np.sqrt(ex * ex + ey * ey), 0.01)
        s = p["springConstant"] * (rest - length) / length
        fx += np.bincount(src, s * ex, n) - np.bincount(dst, s * ex, n)
        fy += np.bincount(src, s * ey, n) - np.bincount(dst, s * ey, n)
        fx -= gravity * pos[:, 0]
        fy -= gravity * pos[:, 1]
        vel += (np.stack([fx, fy], 1) - p["damping"] * vel) * step
        np.clip(vel, -p["maxVelocity"], p["maxVelocity"], out=vel)
        if fixed is not None:
            vel[fixed] = 0.0
        pos += vel * step
    return pos


def _grid_kernel(m: int) -> tuple[np.ndarray, np.ndarray]:
    """The field of a unit mass, (x_j - x_i)/d², at every cell offset of a 2m × 2m grid, Fourier-transformed."""
    k = np.arange(-m, m)
    x, y = np.meshgrid(k, k, indexing="ij")
    r2 = x * x + y * y + 0.25  # softened: nodes in one cell push each other only a little
    return np.fft.rfft2(np.fft.ifftshift(-x / r2)), np.fft.rfft2(np.fft.ifftshift(-y / r2))


def _grid_field(pos: np.ndarray, kernel: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Σ_j (x_j - x_i)/d² for every node, by particle-mesh: O(n + grid log grid) instead of O(n²).

    Nodes are spread over a grid by bilinear weights, the grid is convolved
    with the field of one node (FFT, zero-padded so nothing wraps around),
    and each node reads the field back with the same weights, which makes
    its push on itself cancel.
    """
    size = 2 * _GRID
    lo = pos.min(0)
    h = max(float((pos.max(0) - lo).max()), 1.0) / (_GRID - 2)
    cell = (pos - lo) / h + 0.5
    corner = np.floor(cell).astype(np.int64)
    fx_, fy_ = (cell - corner).T
    weights = ((1 - fx_) * (1 - fy_), fx_ * (1 - fy_), (1 - fx_) * fy_, fx_ * fy_)
    base = corner[:, 0] * size + corner[:, 1]
    at = (base, base + size, base + 1, base + size + 1)
    rho = sum(np.bincount(a, w, size * size) for a, w in zip(at, weights)).reshape(size, size)
    spectrum = np.fft.rfft2(rho)
    out = []
    for k in kernel:
        field = np.fft.irfft2(spectrum * k, s=(size, size)).ravel()
        out.append(sum(w * field[a] for a, w in zip(at, weights)) / h)
    return out[0], out[1]


def _type_rank(g: nx.MultiDiGraph, n: str) -> int:
    t = g.nodes[n].get("type")
    return TYPES.index(t) if t in TYPES else len(TYPES)


# --------------------------------------------------------------------------- page


def _asset(name: str) -> str:
    return resources.files("kg").joinpath("assets", name).read_text(encoding="utf-8")


def json_for_html(data) -> str:
    """JSON that is safe inside a <script> element: no '<', '>', '&' or line separators left raw."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return text


def _short(text: str, n: int = _LABEL_MAX) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _importance(g: nx.MultiDiGraph, n: str) -> int:
    return len(set(nx.all_neighbors(g, n)))


def spoken_name(attrs: dict) -> str:
    """The name a person goes by in a meeting's label: 'Blinken', but 'Wang Yi' and 'Xi Jinping'.

    A surname alone is said only when it comes last: a name whose family name
    comes first (an alias is its first word) is said whole.
    """
    label = attrs.get("label") or ""
    words = label.split()
    aliases = set(attrs.get("aliases") or ())
    if len(words) < 2 or words[0] in aliases:
        return label
    return words[-1] if words[-1] in aliases else label


def participants(g: nx.MultiDiGraph, m: str) -> list[str]:
    """Who attended a meeting, by full name."""
    people = {u for u, keyed in g.pred[m].items() if any(d.get("relation") == "attended" for d in keyed.values())}
    return sorted(people, key=lambda p: (g.nodes[p].get("label") or p, p))


def meeting_title(g: nx.MultiDiGraph, m: str) -> str:
    """A meeting's label with its participants named as people say them: 'Blinken – Qin Gang · Beijing · 18 Jun 2023'."""
    d = g.nodes[m]
    label = d.get("label") or m
    people = participants(g, m)
    if not people:
        return label
    names = [spoken_name(g.nodes[p]) for p in people]
    who = " – ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
    rest = label.split(" · ", 1)[1] if " · " in label else ""
    return " · ".join(x for x in (who, rest) if x)


def _canvas_label(entry: dict, kind: Optional[str]) -> str:
    """The few words drawn beside a node: a person's name, a meeting's participants and date."""
    if kind == "meeting":
        parts = entry["label"].split(" · ")
        tail = entry.get("when") or (parts[-1] if len(parts) > 1 else "")
        return _short(" · ".join(x for x in (parts[0], tail) if x), _LABEL_MAX)
    return _short(entry["label"], 30)


def view_data(view: View) -> dict:
    """Everything the page's script needs, as plain JSON-able data."""
    g = view.graph
    panels = _Panels(g, view.meetings, view.nodes)
    nodes: dict[str, dict] = {}
    latest_meeting: dict[str, str] = {}
    for (u, v, rel) in view.edges:
        if rel == "attended":
            day = g.nodes[v].get("start") or ""
            if day > latest_meeting.get(u, ""):
                latest_meeting[u] = day
    in_view = set(view.nodes)
    for n in view.nodes:
        d = g.nodes[n]
        kind = d.get("type")
        label = panels.label(n)
        role = role_title(d, latest_meeting.get(n)) if kind == "person" else ""
        entry = {
            "type": kind,
            "label": label,
            "role": role,
            "aliases": list(d.get("aliases") or d.get("alt_labels") or []),
            **panels.panel(n),
        }
        if kind == "meeting":
            entry["start"], entry["end"] = d.get("start"), d.get("end")
            entry["when"] = human_range(d.get("start"), d.get("end"))
            entry["people"] = [p for p in participants(g, n) if p in in_view]
            places = sorted(v for v, _e in panels.edges_out(n, "held in"))
            if places:
                entry["place"] = places[0]
                entry["placeLabel"] = panels.label(places[0])
            entry["format"] = d.get("format") or ""
            entry["status"] = d.get("status") or ""
            entry["sources"] = len(set(d.get("sources") or []) | set(d.get("reported_in") or []))
        if kind == "document":
            entry["label"] = doc_title(d, n)
        entry["short"] = _canvas_label(entry, kind)
        nodes[n] = entry
    edges = []
    for i, ((u, v, rel), datas) in enumerate(view.edges.items()):
        ev = []
        notes = []
        for d in datas:
            ev.extend(d.get("evidence") or [])
            if rel == "raised":
                notes.append(" · ".join(x for x in (d.get("stance") or "", panels.label(d.get("meeting")) if d.get("meeting") else "") if x))
        refs, more = panels.ev(ev)
        notes = [x for x in notes if x]
        if len(notes) > _SECTION_MAX:
            notes[_SECTION_MAX:] = [f"and {len(notes) - _SECTION_MAX:,} more"]
        edge = {"id": f"e{i}", "from": u, "to": v, "rel": rel, "ev": refs, "notes": notes}
        if more:
            edge["evMore"] = more
        edges.append(edge)
    docs = {}
    for doc in sorted(panels.docs):
        d = g.nodes[doc] if doc in g else {}
        entry = {
            "title": doc_title(d, doc),
            "publisher": d.get("publisher") or "",
            "date": human_date(d.get("date") or d.get("published")),
            "inView": doc in nodes,
        }
        if d.get("url") and _safe_url(d["url"]):
            entry["url"] = d["url"]
        docs[doc] = entry
    counts = {t: 0 for t in TYPES}
    for n in view.nodes:
        if g.nodes[n].get("type") in counts:
            counts[g.nodes[n]["type"]] += 1
    wanted = view.filters.get("types")
    shown = [t for t in TYPES if t in (wanted or SHOWN_TYPES) or (view.focus and g.nodes[view.focus].get("type") == t)]
    linked = {x for u, v, _r in view.edges if u != v for x in (u, v)}
    for n, entry in nodes.items():
        entry["drawn"] = n in linked
    return {
        "nodes": nodes,
        "edges": edges,
        "quotes": panels.quotes,
        "docs": docs,
        "types": {t: {**NODE_STYLE[t], "count": counts[t]} for t in TYPES},
        "typeOrder": list(TYPES),
        "shownTypes": shown,
        "relationOrder": list(EDGE_STYLE),
        "relations": {r: {"color": c, "dashes": dashed, "shown": r not in CONTEXT_LINKS} for r, (c, dashed) in EDGE_STYLE.items()},
        "meta": {
            "nodes": len(view.nodes),
            "drawn": len(linked),
            "edges": len(view.edges),
            "total": view.total,
            "notes": view.notes,
            "focus": view.focus,
            "filters": view.filters,
        },
    }


def visible_at_first(data: dict) -> tuple[set, set]:
    """The node and link ids a page shows before anything is ticked: shown types and links, no node left unlinked.

    The page's script applies the same rule whenever a type or a link kind is ticked.
    """
    shown = set(data["shownTypes"])
    nodes = data["nodes"]
    edges = {
        e["id"] for e in data["edges"]
        if data["relations"].get(e["rel"], {}).get("shown", True) and nodes[e["from"]]["type"] in shown and nodes[e["to"]]["type"] in shown and e["from"] != e["to"]
    }
    ends = {x for e in data["edges"] if e["id"] in edges for x in (e["from"], e["to"])}
    focus = data["meta"].get("focus")
    return {n for n in ends if nodes[n]["drawn"]} | ({focus} if focus and nodes.get(focus, {}).get("drawn") else set()), edges


def _vis_options(n: int) -> dict:
    # physics off: the layout is computed in Python (_force_layout) with these forces
    return {
        "autoResize": True,
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"highlight": "#0f172a", "hover": "#0f172a"},
            "smooth": False,
            "width": 1.2,
            "selectionWidth": 2,
        },
        "nodes": {"borderWidth": 1},
        "groups": {
            kind: {"color": {"background": s["color"], "border": "#1e293b", "highlight": {"background": s["color"], "border": "#000000"}, "hover": {"background": s["color"], "border": "#000000"}}}
            for kind, s in NODE_STYLE.items()
        },
        # a large view redraws thousands of links per frame: they hide while it moves
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > 300, "hideEdgesOnZoom": n > 300, "multiselect": False, "navigationButtons": False, "keyboard": False},
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {
            "enabled": False,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {k: _PHYSICS[k] for k in ("gravitationalConstant", "centralGravity", "springLength", "springConstant", "damping", "avoidOverlap")},
            "maxVelocity": _PHYSICS["maxVelocity"],
            "timestep": _PHYSICS["timestep"],
        },
    }


def _sizes(values: dict[str, int]) -> dict[str, float]:
    """The radius each node is drawn at: how connected it is, scaled linearly to [_SIZE_MIN, _SIZE_MAX]."""
    lo, hi = min(values.values(), default=0), max(values.values(), default=0)
    span = _SIZE_MAX - _SIZE_MIN
    return {n: _SIZE_MIN + (span / 2 if hi == lo else span * (v - lo) / (hi - lo)) for n, v in values.items()}


#: pyvis 0.3.2 links Bootstrap from a CDN even in 'in_line' mode, in tags spanning several lines
_CDN_TAG = re.compile(r"<(link|script)\b[^>]*?(?:href|src)\s*=\s*[\"']?https?://[^>]*>(?:\s*</script>)?", re.I | re.S)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.I)
#: the template's commented-out <link>/<script> to node_modules, and vis-network's source map pointer
_DEAD_REFS = re.compile(r"<!--\s*<link [^>]*node_modules[^>]*>\s*<script [^>]*node_modules[^>]*>\s*</script>\s*-->|//# sourceMappingURL=[\w.-]+\.map", re.I)
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)


def _pyvis_html(view: View, data: dict, pos: dict, sizes: dict[str, float], first: tuple[set, set]) -> str:
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading="")
    shown_nodes, shown_edges = first
    # nodes and links as plain dicts: pyvis's add_node/add_edge look ends up in lists, quadratic at
    # 2,000 nodes. No vis labels: the page draws its own, those that fit without overlapping
    # Only what shows at first goes to vis-network: the page adds the rest from its data (with these
    # positions) when a type or link kind is ticked. Thousands of hidden issue links cost the first draw.
    for n in view.nodes:
        if n in pos:  # else no link in the view: listed, searchable, not drawn
            data["nodes"][n]["x"], data["nodes"][n]["y"] = pos[n]
    for n in sorted(shown_nodes):
        kind = data["nodes"][n]["type"]
        x, y = pos[n]
        net.nodes.append({"id": n, "shape": NODE_STYLE.get(kind, {"shape": "dot"})["shape"], "group": kind or "other", "size": round(sizes[n], 1), "x": x, "y": y})
    for e in data["edges"]:
        if e["id"] in shown_edges:
            color, dashed = EDGE_STYLE.get(e["rel"], ("#94a3b8", True))
            net.edges.append({"id": e["id"], "from": e["from"], "to": e["to"], "color": {"color": color}, "dashes": dashed})
    net.options = _vis_options(len(shown_nodes))
    return net.generate_html()


def _script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def _csp(scripts: Iterable[str]) -> str:
    """The page's Content-Security-Policy: only these scripts run, and nothing is fetched."""
    return (
        "default-src 'none'; script-src " + " ".join(sorted({_script_hash(s) for s in scripts})) + "; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
    )


def render_view(view: View, title: Optional[str] = None) -> bytes:
    """The page of a view, as UTF-8 bytes."""
    data = view_data(view)
    drawn = [n for n in view.nodes if data["nodes"][n]["drawn"]]
    sizes = _sizes({n: _importance(view.graph, n) for n in drawn})
    for n in drawn:
        data["nodes"][n]["size"] = round(sizes[n], 1)
    first = visible_at_first(data)
    pos = _layout(drawn, view.edges, sizes, first[0])
    page = _pyvis_html(view, data, pos, sizes, first)
    page = _CDN_TAG.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = _DEAD_REFS.sub("", page)
    if "popup.innerHTML" in page:  # pyvis's link-tooltip template: never with document strings
        raise RenderError("internal: pyvis chose its HTML tooltip template")
    kg_js = _asset("kg.js")
    # hashed before the data is added: the regex would crawl through megabytes of JSON
    scripts = [m.group("body") for m in _SCRIPT.finditer(page) if "application/json" not in m.group("attrs")] + [kg_js]
    heading = title or "Diplomatic meetings"
    notes = "".join(f"<p>{htmllib.escape(n)}</p>" for n in view.notes)
    body = _asset("body.html").replace("{{TITLE}}", htmllib.escape(heading)).replace("{{NOTES}}", notes)
    body = body.replace("{{NOTES_HIDDEN}}", "" if notes else " hidden")
    data_tag = f'<script type="application/json" id="kg-data">{json_for_html(data)}</script>'
    head_end = page.index("</head>")
    body_start = page.index("<body>", head_end) + len("<body>")
    body_end = page.rindex("</body>")
    head = (
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{htmllib.escape(heading)} · kg</title>\n<style>{_asset('kg.css')}</style>\n"
    )
    csp = f'<meta http-equiv="Content-Security-Policy" content="{_csp(scripts)}">'
    # the data comes before pyvis's script, so that kg's script follows vis-network's at once:
    # a large element between them lets the browser draw the whole network one extra time
    page = "".join(
        (
            "<!DOCTYPE html>\n",
            page[:head_end].replace('<meta charset="utf-8">', '<meta charset="utf-8">\n' + csp, 1),
            head, page[head_end:body_start].replace("<body>", f'<body style="--notes: {_notes_height(view.notes)}px">'),
            "\n", body, data_tag, "\n", page[body_start:body_end],
            f"<script>{kg_js}</script>", "\n", page[body_end:],
        )
    )
    return page.encode("utf-8")


def _notes_height(notes: list[str]) -> int:
    """Pixels for the notes above the network: 19 per line of about 100 characters, and padding."""
    lines = sum(max(1, math.ceil(len(n) / 100)) for n in notes)
    return 13 + 19 * lines if lines else 0


def render_html(
    g: nx.MultiDiGraph,
    focus: Optional[str] = None,
    depth: Optional[int] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    types: Optional[Iterable[str] | str] = None,
    limit: Optional[int] = DEFAULT_LIMIT,
    title: Optional[str] = None,
) -> bytes:
    """The interactive page of a graph, narrowed as :func:`select_view` says.

    Raises:
        RenderError: bad options (see :func:`select_view`).
    """
    view = select_view(g, focus=focus, depth=depth, since=since, until=until, types=types, limit=limit)
    return render_view(view, title=title or _title(view))


def _title(view: View) -> str:
    if view.focus:
        return f"Around {view.graph.nodes[view.focus].get('label') or view.focus}"
    return "Diplomatic meetings"


def render_exports(g: nx.MultiDiGraph) -> dict[str, bytes]:
    """The HTML files of a build: ``graph.html``, the default (capped) view."""
    return {"graph.html": render_html(g)}


@dataclass
class RenderResult:
    """What :func:`render_file` wrote."""

    path: Path
    nodes: int
    edges: int
    total: int
    notes: list[str]

    @property
    def summary(self) -> str:
        capped = f" (of {self.total})" if self.nodes != self.total else ""
        return f"wrote {self.path}: {_plural(self.nodes, 'node')}{capped}, {_plural(self.edges, 'edge')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_file(
    data_dir: str | Path = "exports",
    out: Optional[str | Path] = None,
    focus: Optional[str] = None,
    depth: Optional[int] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    types: Optional[Iterable[str] | str] = None,
    limit: Optional[int] = DEFAULT_LIMIT,
) -> RenderResult:
    """Read an export, render a view of it and write the page (default: DATA_DIR/view.html).

    Raises:
        ExportError: the export cannot be read, or the page cannot be written.
        RenderError: bad options.
    """
    from .files import write_atomic
    from .errors import ExportError
    from .network import iter_quads, to_networkx

    if not Path(data_dir).exists():
        raise ExportError(f"{data_dir}: not found; run 'kg build' first, or give --data")
    g = to_networkx(iter_quads(data_dir))
    view = select_view(g, focus=focus, depth=depth, since=since, until=until, types=types, limit=limit)
    page = render_view(view, title=_title(view))
    path = Path(out) if out is not None else (Path(data_dir) if Path(data_dir).is_dir() else Path(data_dir).parent) / "view.html"
    try:
        write_atomic(path, page)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the page ({exc.strerror or exc})") from None
    return RenderResult(path=path, nodes=len(view.nodes), edges=len(view.edges), total=view.total, notes=view.notes)
