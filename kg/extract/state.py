"""The state one document's extraction shares between its stages, and the lookups they all use."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from ..dates import DateMention
from ..gazetteer import UNICODE_ONLY_SPACE, Gazetteer, Hit, plain
from ..merge import publisher_id
from ..model import DocFacts, Document, Evidence, Organization, PartialDate, Person, Role
from ..ruleset import slugify
from .sentences import Sentence, split_sentences

#: publishers whose readouts speak of their own office holders by title alone
_OFFICIAL_PUBLISHERS = {"government", "ministry", "international"}


class _Spans:
    """Items with start and end offsets, found by position in logarithmic time."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda x: x.start)
        self.starts = [x.start for x in self.items]
        self.longest = max((x.end - x.start for x in self.items), default=0)

    def overlapping(self, a: int, b: int) -> list:
        lo = bisect.bisect_left(self.starts, a - self.longest)
        hi = bisect.bisect_left(self.starts, b)
        return [x for x in self.items[lo:hi] if x.end > a and x.start < b]

    def starting(self, a: int, b: int) -> list:
        return self.items[bisect.bisect_left(self.starts, a) : bisect.bisect_left(self.starts, b)]


@dataclass
class PersonMention:
    """A span of the text that refers to a person, and the rule that found it."""

    start: int
    end: int
    surface: str
    person: str
    rule: str
    alias: bool = True  # whether the surface is a name form worth keeping as alternateName
    speaker: bool = False


def _split_authors(author: Optional[str]) -> list[str]:
    if not author:
        return []
    parts = re.split(r"\s*(?:;|\band\b|&)\s*", author)
    return [p.strip() for p in parts if p.strip() and len(p.strip()) > 2]


class DocState:
    """What the stages of one document's extraction share: the document, and what each stage found in it.

    Every attribute is declared here, with the stage that writes it; a stage reads only
    what earlier stages wrote (see the package's docstring for the order).

    Args:
        doc: the document, with its resolved date.
        gaz: the gazetteer of the rules.
    """

    def __init__(self, doc: Document, gaz: Gazetteer):
        # -- the input, and the text as the rules read it (written here, read by all)
        self.doc = doc  # the document
        self.gaz = gaz  # the rules, compiled
        self.text = doc.text  # the text, as evidence quotes it
        self.ptext = plain(doc.text)  # the text with quotes and dashes made plain, as the rules match it
        self.day = doc.date  # the document's date, if known
        self.authors = _split_authors(doc.author)  # the byline's names
        self._author_keys = {slugify(a) for a in self.authors}  # their ids: authors only relay a meeting
        # ASCII pieces of a text without \x1c-\x1f are read with the rules' faster ASCII twins
        self._spaces_agree = not UNICODE_ONLY_SPACE.search(self.ptext)  # whether ASCII twins may read the text
        self._ascii_text = self._ascii(self.ptext)  # whether they may read all of it
        #: the speech cues that name their source after them ('according to', 'a readout from'), as is and as ASCII twins
        self._attributions = {ascii: [p for p, rule in gaz.family("speech", ascii) if rule.names_after] for ascii in (False, True)}
        # -- sentences (sentences.py)
        self.sentences = split_sentences(self.text)  # the sentences, in text order
        self._starts = [s.start for s in self.sentences]  # where each starts, to find a position's sentence
        self._ends = [s.end for s in self.sentences]  # where each ends
        # -- zones (zones.py; also the cached properties _headlines and _dateline_city)
        self._title_city = False  # zones: whether the dateline city is the one a transcript's title ends in
        # -- people (names.py, people.py, coreference.py)
        self._hits = _Spans([])  # people.py: the name hits of every kind (people, places, orgs, demonyms)
        self._shadow_places: list[Hit] = []  # names.py: places whose name is also an organization's, kept only to place meetings
        self.persons: list[PersonMention] = []  # names.py, people.py, coreference.py: every person mention, kept in text order
        self.new_people: dict[str, Person] = {}  # names.py: people the gazetteer does not know, by id
        self.text_roles: dict[str, list[Role]] = {}  # names.py: the titles the text gives people, beyond their known roles
        self._new_mentions: set[tuple[int, str]] = set()  # names.py: (start, person) of mentions of new people, made once
        self._titled: dict[str, set[str]] = {}  # people.py: titles the text itself gives each person ('Secretary' for 'Secretary Blinken')
        # -- meeting frames, their places and dates (frames.py, meeting_places.py, meeting_dates.py, places.py)
        self._org_hits = _Spans([])  # frames.py: the organization hits, whose seats place a session's meetings
        self._persons_in: dict[int, list[PersonMention]] = {}  # frames.py: the person mentions by the sentence they start in
        self._context_at: dict[int, list] = {}  # frames.py: each sentence's context phrases ('at the NATO Summit'): a setting, not a topic
        self._text_dates: list[DateMention] = []  # frames.py: every date the text gives, resolved against the document's date
        self._paragraph_dates: dict[int, DateMention] = {}  # meeting_dates.py: the date opening each paragraph, by its first character
        self._last_date: Optional[tuple[PartialDate, tuple[int, int]]] = None  # meeting_dates.py: the last full date a meeting took, for 'that day'
        self._arrivals: list[tuple[int, str, str, tuple[int, int]]] = []  # places.py: who arrived where: (sentence, person, place id, span)
        self._gatherings: list[tuple[int, str, tuple[int, int]]] = []  # meeting_places.py: where the text places a gathering ('the summit in Samarkand'): (sentence, place id, span)
        # -- meetings (assemble.py)
        self._evidence_score: dict[int, int] = {}  # assemble.py: how much the evidence of each meeting's attendees says, by meeting id
        self._told_in: dict[int, set[int]] = {}  # assemble.py: the meetings each sentence tells of (by id), to keep one meeting's topics from another
        self._date_owners: dict[tuple[int, int], list] = {}  # assemble.py: the meetings each date span was given to, to tell another meeting's day from the report's
        # -- the output (places.py, topics.py, assemble.py, facts.py)
        self.facts = DocFacts(doc=doc)  # the document's facts, as extract() returns them
        self._quotes: dict[tuple[int, int], str] = {}  # evidence(): spans repeat, so one copy of each quote

    @cached_property
    def _publisher_org(self) -> Optional[Organization]:
        """The government body or international organization that published the document, if known."""
        org = self.gaz.orgs.get(publisher_id(self.gaz, self.doc.publisher)) if self.doc.publisher else None
        # a newspaper's 'the President' is no office of its own country
        return org if org is not None and org.type in _OFFICIAL_PUBLISHERS else None

    @cached_property
    def _publisher_country(self) -> Optional[str]:
        """The country of the document's publisher: its known body's, or the demonym its name opens with ('Australian Minister ...')."""
        if not self.doc.publisher:
            return None
        org = self.gaz.orgs.get(publisher_id(self.gaz, self.doc.publisher))
        if org is not None and org.country:
            return org.country
        dem = re.match(r"\s*([A-Z][\w-]+)\s", self.doc.publisher)
        return self.gaz.demonyms.get(dem.group(1)) if dem else None

    def _ascii(self, text: str) -> bool:
        """Whether a piece of ``ptext`` may be read with ASCII twins (see :func:`kg.gazetteer.ascii_plain`)."""
        return self._spaces_agree and text.isascii()

    def sentence_of(self, pos: int) -> int:
        """The sentence holding ``pos``; between sentences, the next one (else the last)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._ends[i]:
            return i
        return max(0, min(i + 1, len(self._starts) - 1))

    def _starting_in(self, items) -> dict[int, list]:
        """Items (with .start) by the sentence they start in, each list in the items' order."""
        out: dict[int, list] = {}
        for item in items:
            idx = self.sentence_of(item.start)
            if self.sentences and self.sentences[idx].start <= item.start < self.sentences[idx].end:
                out.setdefault(idx, []).append(item)
        return out

    def evidence(self, start: int, end: int, rule: str, sentence: Optional[int] = None) -> Evidence:
        """Evidence for a fact: the span it rests on and the sentence that states it."""
        idx = self.sentence_of(start) if sentence is None else sentence
        s = self.sentences[idx] if self.sentences else Sentence(start, end)
        a, b = min(start, s.start), max(end, s.end)
        quote = self._quotes.get((a, b))
        if quote is None:
            quote = self._quotes[(a, b)] = self.text[a:b]
        return Evidence(self.doc.id, a, b, quote, rule)

    def country_of(self, key: str) -> Optional[str]:
        if key in self.gaz.people:
            return self.gaz.people[key].country
        person = self.new_people.get(key)
        return person.country if person else None

    def roles_of(self, key: str) -> list[Role]:
        if key in self.gaz.people:
            return [Role(r.title, r.kind, r.org, r.start, r.end) for r in self.gaz.people[key].roles]
        return list(self.text_roles.get(key, []))

    def role_kinds_on(self, key: str, day: Optional[dt.date]) -> set[str]:
        roles = self.roles_of(key)
        if key not in self.gaz.people:
            return {r.kind for r in roles}
        if day is None:
            return {r.kind for r in roles}
        return {r.kind for r in roles if r.active_on(day)}

    def title_matches(self, key: str, title: str, kind: str) -> bool:
        """Whether a person's roles (at the document date where known) fit a title cue."""
        title = title.lower()
        roles = self.roles_of(key)
        if self.day is None and key in self.gaz.people and roles:
            # undated: the offices one holds last ('Prime Minister' is no longer Tony Blair)
            last = max((r.start or dt.date.min) for r in roles)
            roles = [r for r in roles if (r.start or dt.date.min) == last]
        for role in roles:
            if key in self.gaz.people and self.day is not None and not role.active_on(self.day):
                continue
            if kind != "other" and role.kind == kind:
                return True
            if title in role.title.lower():
                return True
        return False
