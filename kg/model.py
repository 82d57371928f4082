"""The graph's facts as plain data: what extraction produces and every view reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Optional

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _possible(year: Optional[int], month: Optional[int], day: Optional[int]) -> bool:
    """Whether a (partial) date can be a real day: no 30 February, no 29 February 2023."""
    if month is None or day is None:
        return True
    try:
        dt.date(year or 2000, month, day)  # 2000: a leap year, for a month and day alone
    except ValueError:
        return False
    return True


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A calendar date of which any part may be unknown (never guessed).

    A day that does not exist in its year (29 February 2023) keeps its month
    and day and loses the year; one that exists in no year loses the day.

    Args:
        year: the year, or None.
        month: 1-12, or None.
        day: 1-31, or None (only with a month).
    """

    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None

    def __post_init__(self) -> None:
        # the one safe path for every constructed date: a year moved to one where the day
        # does not exist (29 February 2023) is no longer known, rather than a crash later
        if not _possible(self.year, self.month, self.day):
            object.__setattr__(self, "year" if _possible(None, self.month, self.day) else "day", None)

    @classmethod
    def of(cls, day: dt.date) -> "PartialDate":
        return cls(day.year, day.month, day.day)

    @property
    def is_full(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None

    @property
    def is_empty(self) -> bool:
        return self.year is None and self.month is None and self.day is None

    def to_date(self) -> Optional[dt.date]:
        """The day, or None when a part is unknown or the parts make no day (29 February 2023)."""
        return dt.date(self.year, self.month, self.day) if self.is_full and _possible(self.year, self.month, self.day) else None

    def lexical(self) -> tuple[str, str]:
        """The xsd lexical form and datatype name: ('2023-10', 'gYearMonth')."""
        y, m, d = self.year, self.month, self.day
        if y is not None and m is not None and d is not None:
            return f"{y:04d}-{m:02d}-{d:02d}", "date"
        if y is not None and m is not None:
            return f"{y:04d}-{m:02d}", "gYearMonth"
        if m is not None and d is not None:
            return f"--{m:02d}-{d:02d}", "gMonthDay"
        if y is not None:
            return f"{y:04d}", "gYear"
        if m is not None:
            return f"--{m:02d}", "gMonth"
        return "", ""

    def compatible(self, other: "PartialDate") -> bool:
        """Whether both can denote the same day: each known part agrees, and together they make a possible day."""
        return all(a is None or b is None or a == b for a, b in ((self.year, other.year), (self.month, other.month), (self.day, other.day))) and _possible(
            self.year or other.year, self.month or other.month, self.day or other.day
        )

    def combine(self, other: "PartialDate") -> "PartialDate":
        """The union of what both know; where that is no possible day (29 February 2023), the more specific of the two."""
        parts = (self.year or other.year, self.month or other.month, self.day or other.day)
        if not _possible(*parts):
            return other if other.specificity > self.specificity else self
        return PartialDate(*parts)

    @property
    def specificity(self) -> int:
        return sum(part is not None for part in (self.year, self.month, self.day))

    def human(self) -> str:
        """'26 Oct 2023', 'Nov 2022', '26 Oct'; '' when unknown."""
        parts = []
        if self.day is not None:
            parts.append(str(self.day))
        if self.month is not None:
            parts.append(MONTHS[self.month - 1][:3])
        if self.year is not None:
            parts.append(str(self.year))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: document, character span, the quoted text and the rule.

    Args:
        doc: document id (file stem).
        start: first character offset in the document text.
        end: offset just past the last character.
        quote: the text of the sentence that states the fact.
        rule: id of the rule that made the fact.
    """

    doc: str
    start: int
    end: int
    quote: str
    rule: str


@dataclass
class Document:
    """One input document and its metadata."""

    id: str
    text: str
    path: str = ""
    title: Optional[str] = None
    publisher: Optional[str] = None
    author: Optional[str] = None
    kind: Optional[str] = None
    published: Optional[dt.date] = None
    url: Optional[str] = None
    date: Optional[dt.date] = None
    date_source: Optional[str] = None
    sha256: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Role:
    """A role a person held: title, kind, organization id, dates (None when open or unknown)."""

    title: str
    kind: str = "other"
    org: Optional[str] = None
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None

    def active_on(self, day: Optional[dt.date]) -> bool:
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Person:
    """A person node: one per person, however named."""

    id: str
    name: str
    country: Optional[str] = None
    roles: list[Role] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    in_gazetteer: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    #: how labels name the person ('Blinken', 'Xi'); None: the last word of the name
    short: Optional[str] = None


@dataclass(slots=True)
class Place:
    """A place node: country, city, region, sea, venue."""

    id: str
    name: str
    type: str
    country: Optional[str] = None
    within: Optional[str] = None
    aliases: set[str] = field(default_factory=set)
    geonames: Optional[int] = None


@dataclass(slots=True)
class Organization:
    """An organization node."""

    id: str
    name: str
    type: str = "other"
    country: Optional[str] = None
    aliases: set[str] = field(default_factory=set)


@dataclass
class Concept:
    """An issue concept of the taxonomy."""

    id: str
    label: str
    alt_labels: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    definition: Optional[str] = None


@dataclass(slots=True)
class Stance:
    """Who raised, emphasized or urged which issue at a meeting."""

    person: str
    verb: str
    concept: str
    evidence: Evidence


@dataclass
class Meeting:
    """A meeting: participants, dates, place, context, duration, format, status and sources.

    ``reported_in`` holds the documents whose subject the meeting is;
    ``mentioned_in`` those that only refer to it.
    """

    id: str = ""
    participants: list[str] = field(default_factory=list)
    start: PartialDate = field(default_factory=PartialDate)
    end: PartialDate = field(default_factory=PartialDate)
    place: Optional[str] = None
    context: Optional[str] = None
    duration: Optional[str] = None
    duration_iso: Optional[str] = None
    format: Optional[str] = None
    status: str = "held"
    reported_in: list[str] = field(default_factory=list)
    mentioned_in: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    #: (document id, property name, value, evidence) for each fact a document states
    facts: list[tuple[str, str, str, Evidence]] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted(set(self.reported_in) | set(self.mentioned_in))


@dataclass(slots=True)
class Mention:
    """An entity mention in one document: what it resolves to and its evidence."""

    kind: str  # person, place, org, concept
    target: str
    surface: str
    evidence: Evidence


@dataclass
class DocFacts:
    """Everything extraction finds in one document: the pure per-document result."""

    doc: Document
    people: dict[str, Person] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    orgs: dict[str, Organization] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)


@dataclass
class Graph:
    """The merged knowledge graph: the one source of truth the exports are views of."""

    documents: dict[str, Document] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    orgs: dict[str, Organization] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    authors: dict[str, list[str]] = field(default_factory=dict)
    #: document id -> organization id of its publisher
    publishers: dict[str, str] = field(default_factory=dict)

    def clear(self) -> None:
        """Empty every table (for a caller done with the graph, to give its memory back)."""
        for table in fields(self):
            getattr(self, table.name).clear()
