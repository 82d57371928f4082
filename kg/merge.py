"""Merge per-document facts into one graph: one node per person, place and meeting.

Two reports from different documents are one meeting when their participants
agree (equal, or, on a day both give, one set inside the other with at least two in common), their
dates can be the same day (a partial date fits a full one), their places can be
the same (equal, or one inside the other) and their formats do not clash; a plan
is not a meeting over before the day of the document that tells it, nor a held meeting one begun
after that day. One
document's reports were merged or kept apart when it was read. Where a
report fits several meetings equally well it stays apart: kg does not guess.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations
from typing import Iterable, Optional

from .gazetteer import Gazetteer
from .model import Concept, DocFacts, Graph, Meeting, Organization, PartialDate, Person
from .ruleset import slugify


def _ranges_overlap(a: Meeting, b: Meeting) -> bool:
    a1, a2, b1, b2 = a.start.to_date(), (a.end.to_date() or a.start.to_date()), b.start.to_date(), (b.end.to_date() or b.start.to_date())
    if None in (a1, a2, b1, b2):
        return a.start.compatible(b.start) or a.start.compatible(b.end) or a.end.compatible(b.start)
    return a1 <= b2 and b1 <= a2


def within(gaz: Gazetteer, inner: Optional[str], outer: Optional[str]) -> bool:
    """Whether place ``inner`` is ``outer`` or lies within it."""
    return bool(inner) and (inner == outer or any(place.id == outer for place in gaz.enclosing(inner)))


def place_ok(gaz: Gazetteer, a: Optional[str], b: Optional[str]) -> bool:
    """Places agree when either is unknown, equal, or one lies within the other.

    A venue known only by its country ('the White House', 'the Kremlin') may
    lie in any place of that country ('Washington').
    """
    if a is None or b is None or a == b or within(gaz, a, b) or within(gaz, b, a):
        return True
    return _venue_in(gaz, a, b) or _venue_in(gaz, b, a)


def finer(gaz: Gazetteer, inner: Optional[str], outer: Optional[str]) -> bool:
    """Whether place ``inner`` says more than ``outer`` and can be the same place: 'the Sydney Opera House' after 'Sydney'."""
    return bool(inner) and inner != outer and (within(gaz, inner, outer) or (outer is not None and _venue_in(gaz, inner, outer)))


def _venue_in(gaz: Gazetteer, venue: str, other: str) -> bool:
    place = gaz.places.get(venue)
    if place is None or place.type != "venue" or not place.within:
        return False
    outer = gaz.places.get(place.within)
    inner = gaz.places.get(other)
    return outer is not None and outer.type == "country" and inner is not None and inner.type != "venue" and within(gaz, other, place.within)


def _out_of_time(told: Meeting, other: Meeting, days: Optional[dict[str, dt.date]]) -> bool:
    """Whether ``other`` falls on the wrong side of the first day a document told ``told`` (a day's leeway for time zones).

    A plan is never before the day of the document that tells it (one planned in a November report is not the one held
    in April), and a held meeting never after it (a call a September 2021 report tells is not the one of October 2025).
    """
    if told.status not in ("planned", "held") or not days:
        return False
    when = [days[d] for d in told.sources if d in days]
    if not when:
        return False
    leeway = dt.timedelta(days=1)
    if told.status == "planned":
        end = other.end.to_date() or other.start.to_date()
        return end is not None and end < min(when) - leeway
    start = other.start.to_date()
    return start is not None and start > min(when) + leeway


def compatible(gaz: Gazetteer, a: Meeting, b: Meeting, days: Optional[dict[str, dt.date]] = None) -> bool:
    """Whether two meeting reports can describe the same meeting (``days``: each document's date, where known)."""
    pa, pb = set(a.participants), set(b.participants)
    if not (pa == pb or ((pa <= pb or pb <= pa) and len(pa & pb) >= 2)):
        return False
    # some of a meeting's participants are the same meeting only on the same day: the leaders
    # 'to meet at the G7 in May' may meet alone, not in the four-way meeting held there
    if pa != pb and not (a.start.is_full and b.start.is_full):
        # (an undated report of some of them, at the very place of a dated one: 'Press conference, London' of the AUKMIN there)
        undated_there = (a.start.is_empty != b.start.is_empty) and _in_one_city(gaz, a.place, b.place)
        if not undated_there:
            return False
    if not _ranges_overlap(a, b):
        return False
    if not place_ok(gaz, a.place, b.place):
        return False
    if a.format and b.format and a.format != b.format:
        return False
    # a call has no place: it is not the meeting held somewhere
    if (a.format in ("phone", "video") and b.place) or (b.format in ("phone", "video") and a.place):
        return False
    if {a.status, b.status} & {"cancelled", "postponed"} and a.status != b.status:
        return False
    if _out_of_time(a, b, days) or _out_of_time(b, a, days):
        return False
    # a document's meetings were merged or told apart when it was read ('Kamikawa and Wang also held separate talks')
    if set(a.sources) & set(b.sources):
        return False
    return True


def _in_one_city(gaz: Gazetteer, a: Optional[str], b: Optional[str]) -> bool:
    """Whether two places are given and fit one city or venue (a country is too wide to tell one meeting)."""
    if a is None or b is None or not place_ok(gaz, a, b):
        return False
    return all(gaz.places[p].type != "country" and p not in ("",) for p in (a, b) if p in gaz.places)


def _closeness(a: Meeting, b: Meeting) -> int:
    """How much two compatible reports share beyond compatibility: the better match wins."""
    score = 0
    if a.place and a.place == b.place:
        score += 2
    if a.start.specificity and a.start == b.start:
        score += 2
    if set(a.participants) == set(b.participants):
        score += 1
    return score


def _absorb(gaz: Gazetteer, into: Meeting, other: Meeting) -> None:
    for key in other.participants:
        if key not in into.participants:
            into.participants.append(key)
    if other.start.specificity > into.start.specificity or (other.start.specificity == into.start.specificity and other.start.is_full and not into.start.is_full):
        into.start, into.end = into.start.combine(other.start), (into.end.combine(other.end) if into.end.compatible(other.end) else other.end)
    elif into.start.compatible(other.start):
        into.start = into.start.combine(other.start)
        if into.end.compatible(other.end):
            into.end = into.end.combine(other.end)
    if other.place and (into.place is None or finer(gaz, other.place, into.place)):
        into.place = other.place
    into.context = into.context or other.context
    if other.duration and not into.duration:
        into.duration, into.duration_iso = other.duration, other.duration_iso
    into.format = into.format or other.format
    # a meeting once planned and later reported held is held
    if other.status == "held" or into.status == "held":
        into.status = "held"
    elif other.reported_in:
        into.status = other.status
    into.reported_in = sorted(set(into.reported_in) | set(other.reported_in))
    into.mentioned_in = sorted((set(into.mentioned_in) | set(other.mentioned_in)) - set(into.reported_in))
    for cid in other.issues:
        if cid not in into.issues:
            into.issues.append(cid)
    into.stances.extend(other.stances)
    into.facts.extend(other.facts)


def cluster_meetings(gaz: Gazetteer, reports: list[Meeting], days: Optional[dict[str, dt.date]] = None) -> list[Meeting]:
    """Group meeting reports from all documents into meetings, deterministically (``days``: each document's date, where known)."""

    def order(m: Meeting):
        doc = (m.reported_in or m.mentioned_in or [""])[0]
        first = min((f[3].start for f in m.facts), default=0)
        return (-m.start.specificity, 0 if m.reported_in else 1, doc, first)

    clusters: list[Meeting] = []
    # reports can only merge when they share two participants: clusters are found
    # by the pairs of people in them, not by comparing with every cluster
    by_pair: dict[tuple[str, str], list[int]] = {}

    def register(index: int) -> None:
        for pair in combinations(sorted(set(clusters[index].participants)), 2):
            slot = by_pair.setdefault(pair, [])
            if not slot or slot[-1] != index:
                slot.append(index)

    for report in sorted(reports, key=order):
        near = sorted({i for pair in combinations(sorted(set(report.participants)), 2) for i in by_pair.get(pair, ())})
        fits = [clusters[i] for i in near if compatible(gaz, clusters[i], report, days)]
        if len(fits) > 1:
            best = max(_closeness(c, report) for c in fits)
            fits = [c for c in fits if _closeness(c, report) == best]
        if len(fits) == 1:
            _absorb(gaz, fits[0], report)
            register(next(i for i in near if clusters[i] is fits[0]))
        else:
            clusters.append(_copy(report))
            register(len(clusters) - 1)
    return clusters


def _copy(m: Meeting) -> Meeting:
    return Meeting(
        participants=list(m.participants),
        start=m.start,
        end=m.end,
        place=m.place,
        context=m.context,
        duration=m.duration,
        duration_iso=m.duration_iso,
        format=m.format,
        status=m.status,
        reported_in=list(m.reported_in),
        mentioned_in=list(m.mentioned_in),
        issues=list(m.issues),
        stances=list(m.stances),
        facts=list(m.facts),
    )


def meeting_label(graph: Graph, m: Meeting) -> str:
    """'Blinken – Wang Yi · Washington · 26–27 Oct 2023'."""
    # names in one order whoever reported first: 'Blinken – Wang Yi' in every label
    ordered = sorted(m.participants, key=lambda p: (graph.people[p].name if p in graph.people else p))
    names = [_short_name(graph.people[p]) if p in graph.people else p for p in ordered]
    who = " – ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
    parts = [who]
    if m.place and m.place in graph.places:
        parts.append(graph.places[m.place].name)
    when = _human_range(m.start, m.end)
    if when:
        parts.append(when)
    if m.format == "phone":
        parts.append("phone call")
    elif m.format == "video":
        parts.append("video call")
    if m.status != "held":
        parts.append(m.status)
    return " · ".join(parts)


def _short_name(person: Person) -> str:
    """The name labels use: the person's unambiguous short name, else the last word."""
    if person.short:
        return person.short
    words = person.name.split()
    return words[-1] if words else person.name


def _human_range(a: PartialDate, b: PartialDate) -> str:
    if a.is_empty:
        return ""
    if b.is_empty or a == b:
        return a.human()
    if a.year == b.year and a.month == b.month and a.day and b.day:
        tail = a.human().split(" ", 1)[1] if " " in a.human() else ""
        return f"{a.day}–{b.day} {tail}".strip()
    return f"{a.human()} – {b.human()}"


def _meeting_id(graph: Graph, m: Meeting) -> str:
    when = m.start.lexical()[0].lstrip("-") or "undated"
    where = m.place or "unplaced"
    who = "-".join(sorted(m.participants)[:3])
    if len(m.participants) > 3:
        who += f"-and-{len(m.participants) - 3}-more"
    return slugify(f"{when}-{where}-{who}")


def merge(gaz: Gazetteer, facts: Iterable[DocFacts]) -> Graph:
    """Merge the facts of every document into one :class:`Graph`.

    Args:
        gaz: the compiled rules (for places and concepts).
        facts: per-document results of :func:`kg.extract.extract`.
    """
    graph = Graph()
    reports: list[Meeting] = []
    for doc_facts in sorted(facts, key=lambda f: f.doc.id):
        doc = doc_facts.doc
        graph.documents[doc.id] = doc
        graph.authors[doc.id] = list(doc_facts.authors)
        for key, person in doc_facts.people.items():
            node = graph.people.get(key)
            if node is None:
                node = Person(key, person.name, person.country, list(person.roles), set(), person.in_gazetteer, short=person.short)
                graph.people[key] = node
            node.aliases |= person.aliases
            node.country = node.country or person.country
            for role in person.roles:
                if role not in node.roles:
                    node.roles.append(role)
        for pid, place in doc_facts.places.items():
            graph.places.setdefault(pid, place)
        for oid, org in doc_facts.orgs.items():
            graph.orgs.setdefault(oid, org)
        graph.mentions.extend(doc_facts.mentions)
        reports.extend(doc_facts.meetings)
    for person in graph.people.values():
        person.aliases.discard(person.name)
    # publishers are organizations too
    for doc in graph.documents.values():
        if doc.publisher:
            oid = publisher_id(gaz, doc.publisher)
            graph.publishers[doc.id] = oid
            if oid not in graph.orgs:
                graph.orgs[oid] = gaz.orgs.get(oid) or Organization(oid, doc.publisher, "media" if (doc.kind or "").lower() in ("news", "commentary") else "other")
    # organizations people's roles point at are nodes too
    for person in graph.people.values():
        for role in person.roles:
            if role.org and role.org in gaz.orgs:
                graph.orgs.setdefault(role.org, gaz.orgs[role.org])
    # places that people and organizations point at are nodes too
    for node in [*graph.people.values(), *graph.orgs.values()]:
        if node.country:
            _add_place(gaz, graph, node.country.lower())
    meetings = cluster_meetings(gaz, reports, {d.id: d.date for d in graph.documents.values() if d.date is not None})
    used_concepts: set[str] = set()
    for m in meetings:
        used_concepts.update(m.issues)
    used_concepts.update(x.target for x in graph.mentions if x.kind == "concept")
    for cid in sorted(used_concepts):
        _add_concept(gaz, graph, cid)
    for m in meetings:
        if m.place:
            _add_place(gaz, graph, m.place)
    for m in sorted(meetings, key=lambda m: _meeting_id(graph, m)):
        base = _meeting_id(graph, m)
        mid, n = base, 2
        while mid in graph.meetings:
            mid, n = f"{base}-{n}", n + 1
        m.id = mid
        m.participants = sorted(set(m.participants), key=m.participants.index)
        m.stances = _unique_stances(m)
        graph.meetings[mid] = m
    return graph


def _unique_stances(m: Meeting):
    seen, out = set(), []
    for st in sorted(m.stances, key=lambda s: (s.evidence.doc, s.evidence.start, s.person, s.verb, s.concept)):
        key = (st.person, st.verb, st.concept, st.evidence.doc)
        if key not in seen:
            seen.add(key)
            out.append(st)
    return out


def _add_concept(gaz: Gazetteer, graph: Graph, cid: str) -> None:
    stack = [cid]
    while stack:
        cur = stack.pop()
        if cur in graph.concepts or cur not in gaz.concepts:
            continue
        concept: Concept = gaz.concepts[cur]
        graph.concepts[cur] = concept
        stack.extend(concept.broader)


def _add_place(gaz: Gazetteer, graph: Graph, pid: str) -> None:
    seen = set()
    while pid and pid not in seen:
        seen.add(pid)
        place = gaz.places.get(pid)
        if place is None:
            return
        graph.places.setdefault(pid, place)
        pid = place.within


def publisher_id(gaz: Gazetteer, publisher: str) -> str:
    """The organization id of a publisher: a known one by name or alias, else its slug."""
    # ('Prime Minister's Office, 10 Downing Street (reposted by ...)': a note in brackets names no body)
    norm = re.sub(r"\s+", " ", re.sub(r"\s*\([^()]*\)", " ", publisher)).strip().casefold() or publisher.casefold()
    found = gaz.org_by_name.get(norm)
    # 'Ministry of External Affairs, Government of India': the first part that names a known body
    for part in norm.split(",") if found is None else ():
        found = gaz.org_by_name.get(part.strip())
        if found is not None:
            break
    if found is None:
        # a leader's own site by the office's name ('President of Russia', 'Prime Minister of Australia'): that office's body
        found = _office_body(gaz, norm)
    return found or slugify(publisher)


def _office_body(gaz: Gazetteer, norm: str) -> Optional[str]:
    """The body whose head holds the office ``norm`` names ('president of russia'), if one does."""
    m = re.fullmatch(r"(.+?) of (?:the )?(.+)", norm)
    if m is None:
        return None
    title, where = m.groups()
    codes = {p.country for p in gaz.places.values() if p.type == "country" and where in {p.name.casefold(), *(a.casefold() for a in p.aliases)}}
    if len(codes) != 1:
        return None
    bodies = sorted({org for org, roles in gaz.roles_by_org.items() for _key, role in roles if role.title.casefold() == title and org in gaz.orgs and gaz.orgs[org].country in codes})
    return bodies[0] if len(bodies) == 1 else None
