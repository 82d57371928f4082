"""The meeting a document's title tells: a headline naming one side over a transcript of the other, a joint press conference."""

from __future__ import annotations

import re
from typing import Optional

from ..cues import CueTemplate
from ..gazetteer import plain
from ..model import Evidence, Meeting, PartialDate
from .coreference import _TURN_LABEL
from .frames import _Candidate
from .state import DocState
from .zones import _TITLE_PLACE

#: a title that names only the other side of its document's meeting ('Meeting with ...', 'Telephone conversation with ...')
_SUBJECT_IN_TITLE = CueTemplate(r"^\W*(?:[\w-]+\s+){0,2}{:subject_in_title}\s+with\b", re.IGNORECASE)

#: the title of a press conference's transcript
_PRESS_TITLE = CueTemplate(r"\b{:press_title}\b", re.IGNORECASE)
#: 'With the Hon Richard Marles MP, Deputy Prime Minister' under a transcript's title: another speaker
_WITH_LINE = CueTemplate(r"^[^\S\n]*{:with_line}[^\S\n]+[^\n]{3,160}$", re.MULTILINE)


class TitleMeetings(DocState):
    """Title meetings: the meeting a document's title tells, added to the one its body tells, else of its own."""

    def _headline_meeting(self, meetings: list) -> None:
        """A title that names one side ('Meeting with President of Turkey Recep Tayyip Erdogan') over a
        transcript or readout of the other ('Vladimir Putin: Mr President, ...') tells the document's meeting."""
        title = self.doc.title or ""
        if self._headlines or not title or self.gaz.first_match("meeting", title, ascii=self._ascii(title)) is None:
            return
        named = list(dict.fromkeys(h.targets[0] for h in self.gaz.names.find(plain(title)) if h.kind == "person" and len(h.targets) == 1))
        if len(named) != 1 or self.gaz.cues[_SUBJECT_IN_TITLE].match(title) is None:
            return
        # the other side: the transcript's first speaker ('President of Russia Vladimir Putin:'), else the publisher's principal
        host = next((p.person for p in self.persons if self.ptext.startswith(":", p.end) and p.person != named[0]), None)
        host = host or self._principal("President", "head-of-state") or self._principal("Prime Minister", "head-of-government")
        if host is None or host == named[0]:
            return
        fmt = next((r.format for p, r in self.gaz.family_in("format", title, ascii=self._ascii(title)) if p.search(title)), None) or "in-person"
        cand = _Candidate(-1, 0, 0, ["headline"], format=fmt)
        cand.participants = [host, named[0]]
        if fmt == "in-person" and self._place_line:
            # (where the remarks were given: 'Malacañang Palace / Manila, Philippines' over a transcript)
            cand.place = self._place_line[0]
        if self.day is not None:
            cand.first = cand.last = PartialDate.of(self.day)
        self._title_meeting(meetings, cand, Evidence(self.doc.id, 0, 0, title, "meeting:headline"), place=None)

    def _press_conference_meeting(self, meetings: list) -> None:
        """A transcript of a joint press conference ('Press conference, London', 'Joint press conference with ...')
        tells that its speakers, those it is given 'With', those its title names and the publishing minister met there.

        Only sides of two countries or more make a meeting: a minister's press conference with colleagues is none.
        """
        title = self.doc.title or ""
        if not self.gaz.cues[_PRESS_TITLE].search(title):
            return
        found: list[str] = []
        starting = {p.start: p for p in self.persons}
        for label in _TURN_LABEL.finditer(self.ptext):
            who = starting.get(label.start() + len(label.group(0)) - len(label.group(0).lstrip()))
            if who is not None and self.ptext.find(":", who.end, label.end()) >= 0:
                found.append(who.person)
        for line in self.gaz.cues[_WITH_LINE].finditer(self.ptext, 0, 600):
            found += [p.person for p in self.persons if line.start() <= p.start < line.end()]
        found += [h.targets[0] for h in self.gaz.names.find(plain(title)) if h.kind == "person" and len(h.targets) == 1]
        principal = self._publishing_minister()
        if principal is not None:
            found.append(principal)
        sides = list(dict.fromkeys(found))
        if len(sides) < 2 or len({self.country_of(k) for k in sides} - {None}) < 2:
            return
        cand = _Candidate(-1, 0, 0, ["press-conference"], format="in-person")
        cand.participants = sides
        if self.day is not None and self.doc.date_source == "metadata":
            cand.first = cand.last = PartialDate.of(self.day)
        city = _TITLE_PLACE.search(title)
        pid = self.gaz.city_names.get(city.group("city").casefold()) if city else None
        cand.place = pid
        self._title_meeting(meetings, cand, Evidence(self.doc.id, 0, 0, title, "meeting:press-conference"), place=pid)

    def _title_meeting(self, meetings: list, cand: _Candidate, ev: Evidence, place: Optional[str]) -> None:
        """Add the meeting a document's title tells to the one the body tells of it, else as a meeting of its own.

        Args:
            meetings: the document's meetings, with their candidates.
            cand: the title's meeting.
            ev: its evidence, the title.
            place: the place to give a meeting of its own.
        """
        target = self._compatible(meetings, cand, refer=True)
        if target is None:
            target = Meeting(participants=[], start=cand.first, end=cand.last, place=place, format=cand.format, status="held")
            meetings.append((target, cand))
            target.facts.append((self.doc.id, "status", "held", ev))
            target.facts.append((self.doc.id, "format", cand.format, ev))
            if place:
                self._use_place(place)
                target.facts.append((self.doc.id, "location", place, ev))
            if not cand.first.is_empty:
                target.facts.append((self.doc.id, "startDate", target.start.lexical()[0], ev))
                target.facts.append((self.doc.id, "endDate", target.end.lexical()[0], ev))
        for key in cand.participants:
            if key not in target.participants:
                target.participants.append(key)
            if not any(f[1] == "attendee" and f[2] == key for f in target.facts):
                target.facts.append((self.doc.id, "attendee", key, ev))

    def _publishing_minister(self) -> Optional[str]:
        """The minister whose own site published the document ('Australian Minister for Foreign Affairs'), if the text names them."""
        publisher = re.sub(r"\s*\([^()]*\)", "", self.doc.publisher or "")
        title = self.gaz.title_regex.search(publisher)
        dem = re.match(r"\s*([A-Z][\w-]+)\s+", publisher)
        code = self.gaz.demonyms.get(dem.group(1)) if dem else None
        if title is None or code is None:
            return None
        if self.day is not None:
            holders = self.gaz.title_holders(title.group(0), code, self.day)
            kind = self.gaz.title_kinds.get(title.group(0).lower(), ("other", False))[0]
            if not holders and kind != "other":
                holders = self.gaz.holders(kind, code, self.day)
        else:
            kind = self.gaz.title_kinds.get(title.group(0).lower(), ("other", False))[0]
            holders = self.gaz.present_holders(kind, code)
        named = {p.person for p in self.persons}
        holders = [k for k in holders if k in named]
        return holders[0] if len(holders) == 1 else None
