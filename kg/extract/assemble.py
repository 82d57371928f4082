"""One document's meetings: candidates merged into meetings, the reported one, places by arrival and dateline."""

from __future__ import annotations

import re
from typing import Optional

from ..cues import CueTemplate
from ..merge import finer, place_ok
from ..model import Evidence, Meeting, PartialDate
from .frames import _Candidate, _VERB_RULES
from .state import DocState

#: the meeting words whose in-person format is a default, not told: 'held talks with', 'the meeting'
_FORMATLESS_RULES = frozenset({"held-talks-with", "talks-with", "meeting-noun", "group-anaphora", "spoke-with", "conferred-with", "discussed-with"})

#: 'The summit', 'the talks': a meeting noun that refers to one already told
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)

#: a meeting verb's object that is a group, not named: 'with four Asean leaders', 'a series of talks with a number of his counterparts'
_GROUP_OBJECT = CueTemplate(
    r"\b(?:with|series of)\s+(?:{:group_quantifier}|(?:two|three|four|five|six|seven|eight|nine|ten|\d+)(?:\s+other)?)\b|\bseries of (?:[\w-]+ )?{:series_meetings}\b", re.IGNORECASE
)

#: between two names of one subject: 'and', perhaps a title ('A and South Korean President B')
_JOINED_BY_AND = re.compile(r"\s+and\s+(?:[\w.’'-]+\s+){0,5}")

#: a sentence telling a meeting beside a gathering: 'on the sidelines', 'will attend the summit'
_SETTING_WORD = CueTemplate(r"\b(?:{:setting_noun}|{:gathering})\b", re.IGNORECASE)

#: before the first name of a sentence's subject: a dateline perhaps, then a title and its qualifiers ('New Japanese Prime Minister ')
_SUBJECT_OPENING = re.compile(r"(?:[^\n]{0,60}?(?:--|—|–)\s*)?(?:[^\s,;:]+\s+){0,6}")


class Assembly(DocState):
    """Assembly: the document's meetings, merged from its candidates, with their evidence."""

    def _assemble_meetings(self, candidates: list[_Candidate]) -> tuple[list[Meeting], Optional[Meeting]]:
        """The document's meetings, from its candidates; return them and the one the document reports, if any."""
        meetings: list[tuple[Meeting, _Candidate]] = []
        anchor: Optional[Meeting] = None
        # explicit meetings first, in text order; then anaphoric; then partial ones merge in
        ordered = sorted(candidates, key=lambda c: c.start)
        # the headline's meeting is where the page's dateline says ('Malacañang Palace / Manila, Philippines')
        for cand in ordered:
            if cand.sentence in self._headlines and cand.place is None and cand.format in ("in-person", None) and self._place_line:
                cand.place, cand.place_span = self._place_line
        pending: list[_Candidate] = []
        chain: Optional[tuple[int, list[str]]] = None  # the sentence and people 'the two ...' last stood for
        joins = {r.id for r in self.gaz.rules.triggers.meeting if r.joins}
        for cand in ordered:
            explicit = [p for p in cand.participants]
            # ('The meeting was attended by ...': the noun names the meeting the people join)
            if any(r in joins for r in cand.rules) and cand.participants:
                # 'X and Y also attended': they join the meeting told just before, if any
                target = next((m for m, c in reversed(meetings) if m.status == (cand.status or "held")), None)
                if target is not None:
                    self._join(target, cand)
                    continue
                # ('The summit was held by video on 27 May. The EU was represented by A and B.': that summit's)
                told = next((c for c in reversed(pending) if not c.participants and not c.partial and 0 <= cand.sentence - c.sentence <= 2), None)
                if told is not None:
                    pending.remove(told)
                    told.participants, told.rules = list(cand.participants), told.rules + cand.rules
                    cand = told
                elif re.search(r"\balso\b", self.ptext[max(0, cand.start - 30) : cand.end]):
                    continue  # ('The summit was also attended by A and B': more of a gathering told of, not a meeting of theirs)
            # 'the four leaders' are those of the last meeting of four, not of the one first reported
            counted = next((m for m, _c in reversed(meetings) if len(m.participants) == cand.group_size), None) if cand.group_size else None
            if counted is not None and len(explicit) < 2:
                cand.participants = list(dict.fromkeys(counted.participants + explicit))
                cand.rules.append("group-anaphora")
            elif cand.anaphora == "heads-of-state" and anchor is not None:
                heads = self._heads_of_state(anchor)
                if len(heads) >= 2:
                    cand.participants = heads
                    explicit = heads
                    cand.rules.append("heads-of-state")
            elif len(explicit) < 2 and cand.anaphora and not cand.group_kinds and chain is not None and 0 <= cand.sentence - chain[0] <= 1:
                # ('... between the two top diplomats. The two met in Finland on Monday': the same two)
                cand.participants = list(dict.fromkeys(chain[1] + explicit))
                cand.rules.append("group-anaphora")
            elif len(explicit) < 2 and cand.anaphora and anchor is None and (told := self._pair_told_before(cand)):
                # ('A and B agreed Wednesday to ... In their telephone conversation, the two leaders ...': those two, then)
                pair, subject_at = told
                cand.participants = pair
                explicit = pair
                cand.rules.append("group-anaphora")
                dates = [d for d in self._text_dates if subject_at <= d.start < self.sentences[cand.sentence - 1].end]
                if cand.date_span is None and cand.status is None and len(dates) == 1:
                    cand.take_date(dates[0])
            elif len(explicit) < 2 and cand.anaphora and anchor is None and (planned := self._fitting_group(meetings, cand)) is not None:
                # (none held yet: 'will hold talks with Lavrov ... the second meeting between the two top diplomats. The two met
                # in Finland': the next sentence's 'the two' are those of the plan, whose meeting this noun only names)
                chain = (cand.sentence, list(planned.participants))
            elif len(explicit) < 2 and cand.anaphora and anchor is not None:
                # ('the two top diplomats': the last meeting whose people all hold such an office, else the one reported)
                fitting = self._fitting_group(meetings, cand)
                merged = list((fitting or anchor).participants)
                for p in explicit:
                    if p not in merged:
                        merged.append(p)
                cand.participants = merged
                cand.rules.append("group-anaphora")
            if "group-anaphora" in cand.rules and len(cand.participants) >= 2:
                chain = (cand.sentence, list(cand.participants))
            if len(cand.participants) < 2 or cand.partial:
                pending.append(cand)
                continue
            meeting = self._place_candidate(meetings, cand)
            if anchor is None and meeting is not None and meeting.status == "held":
                anchor = meeting
        for cand in pending:
            if len(cand.participants) == 1 and (cand.place or cand.date_span) and self.gaz.cues[_GROUP_OBJECT].search(self.ptext, cand.start, min(cand.end + 80, self.sentences[cand.sentence].end)):
                self._umbrella(meetings, cand)
                continue
            target = self._compatible(meetings, cand, partial=True)
            if target is not None:
                self._merge_into(target, cand)
                if cand.partial and target.status in ("postponed", "cancelled"):
                    self._put_off_trip(meetings, cand, target.status)
            elif cand.partial and len(cand.participants) == 1 and (host := self._visit_host(cand)) is not None:
                # ('the upcoming visit of President X to Kazakhstan', in a text naming Kazakhstan's president: the host)
                cand.participants.append(host)
                cand.rules.append("visit-host")
                self._place_candidate(meetings, cand)
        self._headline_meeting(meetings)
        self._press_conference_meeting(meetings)
        # a meeting that is neither reported nor placed nor dated says too little
        # the first meeting held near the document's date is the one it reports;
        # others it reports too when the text dates them within days of it
        reported = None
        also: list[Meeting] = []
        #: the held meetings told as today's, undated: a text that names no other day tells them all on its day
        undated: list[Meeting] = []
        for meeting, cand in sorted(meetings, key=lambda mc: mc[1].start):
            if meeting.status != "held" or cand.past or cand.date_relative_past or not self._near_doc_date(meeting):
                continue
            if meeting.start.is_empty:
                undated.append(meeting)
            if reported is None:
                reported = meeting
            elif meeting.start.is_full and self.day and abs((meeting.start.to_date() - self.day).days) <= 3:
                also.append(meeting)
        self._date_by_report_day(meetings, reported, undated)
        self._place_by_arrival(meetings)
        self._place_by_gathering(meetings)
        self._place_by_dateline(meetings, reported)
        self._place_by_arrival(meetings, countries=True)
        self._place_by_same_day(meetings)
        self._place_by_visit(meetings, reported)
        final = []
        for meeting, cand in meetings:
            if meeting is reported or any(meeting is m for m in also):
                meeting.reported_in = [self.doc.id]
            else:
                # 'the meeting' with no place, date or named verb says too little to keep
                if meeting.place is None and meeting.start.is_empty and not (set(cand.rules) & _VERB_RULES):
                    continue
                meeting.mentioned_in = [self.doc.id]
            final.append(meeting)
        if reported is None:
            # an undated or reposted page still reports a meeting: the one meeting it tells of as held, not as past,
            # is the one its sentences about 'the leaders' speak of (for topics; it is not marked reported)
            lead = [m for m, c in meetings if m.status == "held" and not (c.past or c.date_relative_past) and any(m is f for f in final)]
            if len(lead) == 1:
                return final, lead[0]
        return final, reported

    def _fitting_group(self, meetings: list[tuple[Meeting, _Candidate]], cand: _Candidate) -> Optional[Meeting]:
        """The last meeting whose people all hold the office a group is told by ('the two top diplomats'), if it names one."""
        if not cand.group_kinds:
            return None
        return next((m for m, _c in reversed(meetings) if all(self.role_kinds_on(k, self.day) & cand.group_kinds for k in m.participants)), None)

    def _pair_told_before(self, cand: _Candidate) -> Optional[tuple[list[str], int]]:
        """The two people the sentence before names as one subject ('A and B agreed ...'), and where it starts; for 'the two leaders' when no meeting was told yet."""
        if cand.sentence == 0:
            return None
        prev = self.sentences[cand.sentence - 1]
        people = [p for p in self._persons_in.get(cand.sentence - 1, ()) if prev.start <= p.start < prev.end and not p.speaker]
        keys = list(dict.fromkeys(p.person for p in people))
        if len(keys) != 2 or len(people) < 2:
            return None
        a, b = people[0], next(p for p in people if p.person != people[0].person)
        # joined by 'and' (titles between allowed), the first the sentence's opening: one subject, not two sides of a story
        if not _JOINED_BY_AND.fullmatch(self.ptext, a.end, b.start) or not _SUBJECT_OPENING.fullmatch(self.ptext, prev.start, a.start):
            return None
        return keys, a.start

    def _umbrella(self, meetings: list[tuple[Meeting, _Candidate]], umbrella: _Candidate) -> None:
        """Place and date the later meetings of one who 'held talks with four leaders' in Cairo on Wednesday, told one by one.

        Args:
            meetings: the meetings and their first candidates.
            umbrella: the candidate telling the series: one participant, a group for object, a place or a date.
        """
        (who,) = umbrella.participants
        for meeting, cand in meetings:
            if cand.sentence < umbrella.sentence or who not in meeting.participants or meeting.status != "held" or cand.past or cand.date_relative_past:
                continue
            if meeting.place is None and umbrella.place and meeting.format in ("in-person", None):
                self._use_place(umbrella.place)
                meeting.place, meeting.format = umbrella.place, "in-person"
                meeting.facts.append((self.doc.id, "location", umbrella.place, self.evidence(*umbrella.place_span, "series-place", umbrella.sentence)))
            # (a date it has may be less precise: 'this year', then the summit's day)
            if umbrella.date_span and umbrella.first.is_full and meeting.start.compatible(umbrella.first) and meeting.start.specificity < umbrella.first.specificity:
                meeting.start, meeting.end = umbrella.first, umbrella.last
                meeting.facts = [f for f in meeting.facts if f[1] not in ("startDate", "endDate")]
                ev = self.evidence(*umbrella.date_span, "series-date", umbrella.sentence)
                meeting.facts.append((self.doc.id, "startDate", meeting.start.lexical()[0], ev))
                meeting.facts.append((self.doc.id, "endDate", meeting.end.lexical()[0], ev))

    def _place_by_arrival(self, meetings: list[tuple[Meeting, _Candidate]], countries: bool = False) -> None:
        """Place an unplaced meeting where a participant arrived before it was told ('Putin arrived in Kazan').

        Args:
            meetings: the meetings and their first candidates.
            countries: arrivals in a country ('the visit of X to Azerbaijan', anywhere in the text), else in a city.
        """
        for meeting, cand in meetings:
            if meeting.place is None and meeting.format in ("in-person", None) and meeting.status in ("held", "planned"):
                # 'Putin arrived in Kazan ...', then 'the President held meetings with ...': there
                arrived = [
                    a for a in self._arrivals
                    if (a[0] <= cand.sentence or countries) and a[1] in meeting.participants and (self.gaz.places[a[2]].type == "country") == countries
                ]
                # ('went to Belgium on October 24' does not place a meeting of 18 November)
                arrived = [a for a in arrived if not self._dated_apart(a[0], meeting)]
                if arrived:
                    _s, _who, pid, span = arrived[-1]
                    self._use_place(pid)
                    meeting.place = pid
                    meeting.facts.append((self.doc.id, "location", pid, self.evidence(*span, "arrival", _s)))

    def _dated_apart(self, sidx: int, meeting: Meeting) -> bool:
        """Whether sentence ``sidx`` gives only full days more than a day away from the meeting's (dated) day."""
        day = meeting.start.to_date()
        if day is None:
            return False
        s = self.sentences[sidx]
        days = [d.first.to_date() for d in self._text_dates if s.start <= d.start < s.end and d.first.is_full]
        return bool(days) and all(abs((d - day).days) > 1 for d in days if d is not None)

    def _place_by_gathering(self, meetings: list[tuple[Meeting, _Candidate]]) -> None:
        """Place an unplaced meeting told beside a gathering ('on the sidelines', 'the summit') where the text holds that gathering.

        The text must place one gathering only ('the SCO summit in Samarkand'; a country and its city are one):
        two summits in two cities leave the meeting unplaced.
        """
        if not self._gatherings:
            return
        pids = {pid for _s, pid, _span in self._gatherings}
        inner = [pid for pid in pids if not any(other != pid and pid in {p.id for p in self.gaz.enclosing(other)} for other in pids)]
        if len(inner) != 1:
            return
        pid = inner[0]
        sidx, _pid, span = next(g for g in self._gatherings if g[1] == pid)
        setting = self.gaz.cues[_SETTING_WORD]
        for meeting, cand in meetings:
            if meeting.place is not None or meeting.format not in ("in-person", None) or meeting.status not in ("held", "planned") or cand.past or cand.date_relative_past:
                continue
            # (a summit named for its sides is a gathering of its own, not one beside the text's)
            if "summit-sides" in cand.rules:
                continue
            told = [i for i, ids in self._told_in.items() if id(meeting) in ids]
            if not any(setting.search(self.ptext, self.sentences[i].start, self.sentences[i].end) for i in told):
                continue
            self._lend_place(meeting, pid, self.evidence(*span, "gathering-place", sidx))

    def _place_by_same_day(self, meetings: list[tuple[Meeting, _Candidate]]) -> None:
        """Place an unplaced meeting where one of its people held another that day ('On Tuesday ... in Brasilia. Also on Tuesday, Lula held ...').

        A venue lends its city only: the other meeting of the day may have been elsewhere in it.
        """
        placed = [(m, c) for m, c in meetings if m.place and m.status == "held" and m.format in ("in-person", None) and m.start.is_full and not c.past]
        for meeting, cand in meetings:
            if meeting.place is not None or meeting.format not in ("in-person", None) or meeting.status != "held" or not meeting.start.is_full:
                continue
            other = [m for m, _c in placed if m is not meeting and m.start == meeting.start and m.end == meeting.start and set(m.participants) & set(meeting.participants)]
            places = {self._city_of(m.place) for m in other}
            if len(places) != 1 or None in places:
                continue
            told = next((f[3] for f in other[0].facts if f[1] == "location"), None)
            if told is not None:
                self._lend_place(meeting, places.pop(), self.evidence(told.start, told.end, "same-day-place"))

    def _place_by_visit(self, meetings: list[tuple[Meeting, _Candidate]], reported: Optional[Meeting]) -> None:
        """Place an undated, unplaced meeting of one of the visit's people where the visit was.

        A report of a visit tells its other meetings without their place ('Earlier, X met his counterpart',
        'During the visit, X also met ...'): they were where the visit was. The visit is the reported meeting,
        else the one plan the text places (a cancelled trip's meeting, for the others cancelled with it).
        A dated meeting may be another day elsewhere; one told as past is another trip's; a plan told beside a
        held visit may be the host's own trip, or a later one.
        """
        visit = reported
        if visit is None or visit.place is None:
            placed = [m for m, c in meetings if m.place and m.status != "held" and not (c.past or c.date_relative_past)]
            visit = placed[0] if len(placed) == 1 else None
        if visit is None or visit.place is None or visit.format not in ("in-person", None):
            return
        pid = self._city_of(visit.place)
        told = next((f[3] for f in visit.facts if f[1] == "location"), None)
        if pid is None or told is None:
            return
        country = self.gaz.places[pid].country
        for meeting, cand in meetings:
            if meeting is visit or meeting.place is not None or meeting.format not in ("in-person", None) or meeting.status != visit.status:
                continue
            if not meeting.start.is_empty or meeting.context or cand.past or cand.date_relative_past:
                continue  # ('on the sidelines of the G7' is a setting of its own)
            shared = set(meeting.participants) & set(visit.participants)
            # (the visitor's other meetings: the host's may have been on a trip of their own)
            if not any(self.country_of(k) != country for k in shared):
                continue
            # (a bare noun, undated and unplaced, tells too little to be kept: a place lent is no reason to keep it)
            if not set(cand.rules) & _VERB_RULES:
                continue
            self._lend_place(meeting, pid, self.evidence(told.start, told.end, "visit-place"))

    def _lend_place(self, meeting: Meeting, pid: str, ev: Evidence) -> None:
        """Place a meeting where another sentence says (a gathering, the day's other meeting, the visit): in person, there."""
        self._use_place(pid)
        meeting.place, meeting.format = pid, "in-person"
        meeting.facts.append((self.doc.id, "location", pid, ev))

    def _city_of(self, pid: str) -> Optional[str]:
        """The place itself, or the city a venue stands in (None for a venue with no known city)."""
        place = self.gaz.places[pid]
        if place.type != "venue":
            return pid
        return next((p.id for p in self.gaz.enclosing(pid) if p.type == "city"), None)

    def _place_by_dateline(self, meetings: list[tuple[Meeting, _Candidate]], reported: Optional[Meeting]) -> None:
        """Place the reported meeting, if unplaced, in the dateline's city."""
        if reported is None or not self._dateline_city:
            return
        # 'TOKYO – X met Y': where the report was filed is where its meeting was, if the text names no other place;
        # a transcript's title ('Doorstop – London') is where all the day's meetings it tells of were
        pid, span = self._dateline_city
        day_of = [m for m, c in meetings if m.status == "held" and not (c.past or c.date_relative_past) and m.start == reported.start] if self._title_city else [reported]
        # ('NEW YORK: Modi held bilateral meetings here on Monday with Merkel, Conte and the Emir': each that day's)
        if reported.start.is_full:
            day_of += [m for m, c in meetings if m not in day_of and m.status == "held" and not (c.past or c.date_relative_past) and m.start == reported.start]
        for meeting in day_of:
            if meeting.place is None and meeting.format in ("in-person", None):
                self._use_place(pid)
                meeting.place = pid
                meeting.format = "in-person"  # (sides placed together, as 'spoke in Bali' is)
                meeting.facts.append((self.doc.id, "location", pid, self.evidence(*span, "dateline")))

    def _join(self, meeting: Meeting, cand: _Candidate) -> None:
        """Add who else attended (and nothing else: 'joined the talks by video' tells of them, not the meeting)."""
        doc = self.doc.id
        self._told_in.setdefault(cand.sentence, set()).add(id(meeting))
        trig = self.evidence(cand.start, cand.end, "meeting:" + "+".join(dict.fromkeys(cand.rules)), cand.sentence)
        for key in cand.participants:
            if key not in meeting.participants:
                meeting.participants.append(key)
                meeting.facts.append((doc, "attendee", key, trig))

    def _near_doc_date(self, meeting: Meeting) -> bool:
        if self.day is None or meeting.start.is_empty:
            return True
        first = meeting.start.to_date()
        if first is None:
            return meeting.start.compatible(PartialDate.of(self.day)) or (meeting.start.year in (None, self.day.year) and meeting.start.month in (None, self.day.month, (self.day.month - 2) % 12 + 1))
        return -10 <= (self.day - first).days <= 10

    def _heads_of_state(self, anchor: Meeting) -> list[str]:
        """The leaders of the meeting's countries: a participant who leads a state or government, else its head of state."""
        out = []
        for key in anchor.participants:
            country = self.country_of(key)
            if not country:
                continue
            if self.role_kinds_on(key, self.day) & {"head-of-state", "head-of-government"}:
                if key not in out:
                    out.append(key)
                continue
            holders = self.gaz.holders("head-of-state", country, self.day) if self.day else []
            if len(holders) == 1 and holders[0] not in out:
                out.append(holders[0])
        return out

    def _visit_host(self, cand: _Candidate) -> Optional[str]:
        """The leader of the country a one-sided visit goes to, when the document names that one leader and no meeting took the visit in.

        Only a country's head of state or government the text names (not a speaker), and only for a visitor of another country.
        """
        place = self.gaz.places.get(cand.place) if cand.place else None
        if place is None or place.type != "country" or not place.country:
            return None
        visitor = cand.participants[0]
        if self.country_of(visitor) in (None, place.country):
            return None
        leaders = {"head-of-state", "head-of-government"}
        named = {p.person for p in self.persons if not p.speaker and p.person != visitor}
        hosts = [k for k in named if self.country_of(k) == place.country and leaders & self.role_kinds_on(k, self.day)]
        return hosts[0] if len(hosts) == 1 else None

    def _compatible(self, meetings, cand: _Candidate, partial: bool = False, refer: bool = False) -> Optional[Meeting]:
        fits = []
        for meeting, first in meetings:
            if partial:
                if not set(cand.participants) <= set(meeting.participants):
                    continue
                # a summit named for its sides is told whole where it is named: a visit told later is not its
                if "summit-sides" in first.rules:
                    continue
            elif refer:
                if not (set(cand.participants) >= set(meeting.participants) or set(cand.participants) <= set(meeting.participants)):
                    continue
            elif set(cand.participants) != set(meeting.participants) and not (first.sentence in self._headlines and set(meeting.participants) < set(cand.participants)):
                # (the headline's meeting is the body's, which may name more of who took part)
                continue
            if not place_ok(self.gaz, meeting.place, cand.place):
                continue
            if not (meeting.start.compatible(cand.first)):
                continue
            # 'Last year, ... where he met Xi in Beijing' is not the meeting told, undated, as today's
            if not partial and cand.date_relative_past != first.date_relative_past and (meeting.start.is_empty or cand.first.is_empty):
                continue
            # 'the day before' names another day than the undated meeting it is counted from
            if cand.day_shift and meeting.start.is_empty:
                continue
            # ('The leaders' discussions at the summit' after a summit held by video: a bare noun tells no format)
            bare_noun = set(cand.rules) <= {"meeting-noun", "group-anaphora"} and cand.place is None
            if meeting.format and cand.format and meeting.format != cand.format and not bare_noun and not self._call_told_later(meeting, first, cand):
                continue
            # a call has no place: it is not the meeting held somewhere
            if (cand.format in ("phone", "video") and meeting.place and not meeting.format) or (meeting.format in ("phone", "video") and cand.place):
                continue
            day = meeting.start.to_date()
            if cand.date_bounds and day and not (cand.date_bounds[0] <= day <= cand.date_bounds[1]):
                continue
            if (cand.status or "held") != meeting.status:
                # 'postponed his planned visit to Germany ... was to meet Steinmeier': a one-sided trigger (a trip) put off
                # ('was to meet Bolsonaro on Monday. The meeting was called off.': the plan told before, put off)
                put_off = partial and (cand.partial or self._bare_reference(cand)) and meeting.status == "planned" and cand.status in ("postponed", "cancelled")
                if not put_off and (not partial or (cand.status or "held") not in ("held",)):
                    continue
            fits.append((meeting, first))
        if not fits:
            return None
        if refer:
            return fits[0][0] if len(fits) == 1 else None
        if partial and not cand.participants and len(fits) > 1 and (cand.place or not cand.first.is_empty):
            # a sentence naming nobody ('The foreign ministers met Sunday in Busan') is about the meeting told nearest it
            return min(fits, key=lambda mc: (abs(mc[1].sentence - cand.sentence), mc[1].start))[0]
        if partial and self._bare_reference(cand) and cand.status in ("postponed", "cancelled"):
            # ('The meeting was called off'): the plan told nearest before it
            before = [mc for mc in fits if mc[1].sentence <= cand.sentence]
            return max(before or fits, key=lambda mc: (mc[1].sentence, mc[1].start))[0]
        if not cand.place and cand.first.is_empty:
            # a bare 'the meeting' means the one the document reports
            held = [m for m, c in fits if m.status == "held" and not c.past and not c.date_relative_past]
            return held[0] if held else fits[0][0]
        if len(fits) > 1:
            exact = [m for m, c in fits if (cand.place and m.place == cand.place) or (cand.first.specificity and m.start.compatible(cand.first) and m.start.specificity)]
            if len(exact) == 1:
                return exact[0]
            if not exact and not (cand.past or cand.date_relative_past):
                # 'on Thursday', beside a meeting told as past ('less than a month after the two met in Beijing'): the current one
                current = [m for m, c in fits if not (c.past or c.date_relative_past) and m.status == (cand.status or "held")]
                if len(current) == 1:
                    return current[0]
            return fits[0][0] if partial else None
        return fits[0][0]

    def _call_told_later(self, meeting: Meeting, first: _Candidate, cand: _Candidate) -> bool:
        """Whether a call cue names the format of a meeting told first by a word of no format of its own.

        ('A held talks with B ... The two discussed ... during the telephone call': 'talks' took the in-person default,
        the call tells what they were; never a meeting placed somewhere, nor one a verb of presence told.)
        """
        return (
            cand.format in ("phone", "video") and meeting.format == "in-person" and meeting.place is None and first.place is None
            and set(first.rules) <= _FORMATLESS_RULES and not cand.place
        )

    def _put_off_trip(self, meetings, cand: _Candidate, status: str) -> None:
        """Put off every meeting planned for a trip put off ('postponed his visit to Japan ... was to meet Abe and Kono')."""
        trigger = self.evidence(cand.start, cand.end, "meeting:" + "+".join(dict.fromkeys(cand.rules)), cand.sentence)
        for meeting, _first in meetings:
            if meeting.status == "planned" and set(cand.participants) <= set(meeting.participants) and place_ok(self.gaz, meeting.place, cand.place) and meeting.start.compatible(cand.first):
                meeting.status = status
                meeting.facts = [f for f in meeting.facts if f[1] != "status"]
                meeting.facts.append((self.doc.id, "status", status, trigger))

    def _bare_reference(self, cand: _Candidate) -> bool:
        """Whether the candidate is a meeting word that names no one, after 'the', 'this' or 'that' ('The meeting was called off')."""
        return not cand.participants and cand.rules[0] == "meeting-noun" and bool(_DEFINITE_BEFORE.search(self.ptext, max(0, cand.start - 40), cand.start))

    def _place_candidate(self, meetings, cand: _Candidate) -> Optional[Meeting]:
        target = self._compatible(meetings, cand)
        if target is None and cand.rules[0] == "meeting-noun" and _DEFINITE_BEFORE.search(self.ptext, max(0, cand.start - 40), cand.start):
            # 'The summit, which was to bring together A, B, C and D': the summit told before, now with all its participants
            target = self._compatible(meetings, cand, refer=True)
        if target is None:
            meeting = Meeting(participants=list(dict.fromkeys(cand.participants)), status=cand.status or "held")
            meetings.append((meeting, cand))
            target = meeting
            self._merge_into(target, cand, new=True)
        else:
            self._merge_into(target, cand)
        return target

    def _merge_into(self, meeting: Meeting, cand: _Candidate, new: bool = False) -> None:
        doc = self.doc.id
        self._told_in.setdefault(cand.sentence, set()).add(id(meeting))
        if cand.date_span:
            self._date_owners.setdefault(cand.date_span, []).append(meeting)
        trig = self.evidence(cand.start, cand.end, "meeting:" + "+".join(dict.fromkeys(cand.rules)), cand.sentence)
        # the sentence that says most about the meeting is the evidence of who attended
        score = bool(cand.date_span) + bool(cand.place) + (len(cand.participants) >= 2 and not cand.anaphora)
        best = self._evidence_score.get(id(meeting), -1)
        for key in cand.participants:
            if key not in meeting.participants:
                meeting.participants.append(key)
            if not any(f[1] == "attendee" and f[2] == key for f in meeting.facts):
                meeting.facts.append((doc, "attendee", key, trig))
        if score > best:
            self._evidence_score[id(meeting)] = score
            if best >= 0:
                meeting.facts = [(d, prop, value, trig if prop in ("attendee", "format", "status") and value in cand.participants + [meeting.format, meeting.status] else ev) for d, prop, value, ev in meeting.facts]
        if cand.first.specificity and meeting.start.compatible(cand.first) and cand.first.specificity >= meeting.start.specificity:
            if cand.first != meeting.start or not any(f[1] == "startDate" for f in meeting.facts):
                meeting.start = meeting.start.combine(cand.first)
                meeting.end = meeting.end.combine(cand.last) if meeting.end.compatible(cand.last) else cand.last
                ev = self.evidence(*cand.date_span, "date:" + trig.rule.split(":", 1)[1], cand.sentence)
                meeting.facts = [f for f in meeting.facts if f[1] not in ("startDate", "endDate")]
                meeting.facts.append((doc, "startDate", meeting.start.lexical()[0], ev))
                meeting.facts.append((doc, "endDate", meeting.end.lexical()[0], ev))
        # a place inside the one known refines it ('in Russia', then 'in the Kremlin')
        if cand.place and (not meeting.place or finer(self.gaz, cand.place, meeting.place)):
            meeting.facts = [f for f in meeting.facts if f[1] != "location"]
            self._use_place(cand.place)
            meeting.place = cand.place
            meeting.facts.append((doc, "location", cand.place, self.evidence(*cand.place_span, "place-in", cand.sentence)))
        if cand.context and not meeting.context:
            meeting.context = cand.context
            meeting.facts.append((doc, "context", cand.context, self.evidence(*cand.context_span, "context", cand.sentence)))
        if cand.duration and not meeting.duration:
            meeting.duration, meeting.duration_iso = cand.duration, cand.duration_iso
            meeting.facts.append((doc, "duration", cand.duration_iso, self.evidence(*cand.duration_span, "duration", cand.sentence)))
        if cand.format and not meeting.format:
            meeting.format = cand.format
            meeting.facts.append((doc, "format", cand.format, trig))
        elif cand.format in ("phone", "video") and meeting.format == "in-person" and meeting.place is None and not new:
            # (only _call_told_later lets a call join an unplaced in-person meeting: the call cue is its format)
            meeting.format = cand.format
            meeting.facts = [f for f in meeting.facts if f[1] != "format"] + [(doc, "format", cand.format, trig)]
        if new:
            meeting.facts.append((doc, "status", meeting.status, trig))
        elif meeting.status == "planned" and cand.status in ("postponed", "cancelled"):
            meeting.status = cand.status
            meeting.facts = [f for f in meeting.facts if f[1] != "status"]
            meeting.facts.append((doc, "status", meeting.status, trig))
