"""Meeting frames: each sentence's meeting triggers, and the steps that give each its place, date, status, format and participants."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

from ..cues import CueTemplate
from ..dates import DateMention, find_dates, find_durations
from ..gazetteer import Gazetteer, Hit
from ..model import PartialDate
from .sentences import Sentence
from .state import DocState, _Spans

#: meeting triggers that are verbs with named sides ('met with', 'spoke by phone with')
_VERB_RULES = {"met-with", "held-talks-with", "spoke-with", "met", "hosted", "sat-down-with", "phone-call", "video-call", "talks-with", "plan-verb", "will-meet", "conferred-with"}

#: words beside a trigger that tell of an earlier meeting ('had met previously', 'last month')
_PAST_CUE = CueTemplate(r"\b{:past}\b", re.IGNORECASE)

#: where a clause ends: a semicolon or colon, a comma and a conjunction, or a comma, a name and a speech verb
_CLAUSE_BREAK = CueTemplate(r"[;:]|,\s+{:clause_conjunction}\b|,\s+(?:[A-Z][\w'’-]+\s+){1,4}{:said_aside}\b")

#: a clause of its own between a trigger and a date, which the date then belongs to
_RELATIVE = CueTemplate(r",\s+(?:{:relative_who}|{:relative_which})\b")

_RELATIVE_WHO_CLAUSE = CueTemplate(r",\s+{:relative_who}\b[^,;.]*")

#: a relative clause about a person ('..., who succeeded Qin Gang last year,')
_RELATIVE_WHO = CueTemplate(r",\s+{:relative_who}\b")

#: a meeting told as the time of another ('after Trump's call with Putin', 'following their talks')
_TIME_MARK_BEFORE = CueTemplate(r"\b{:time_mark}\s+(?:(?:the|a|an|his|her|their|its)\s+|(?:[\w.’'-]+\s+)?[\w.’'-]+['’]s\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)

#: what may stand between a denial and the trigger it denies: 'refused to receive a phone call'
_DENIAL_GAP = CueTemplate(r"\s*(?:{:denial_determiner}\s+)?(?:[\w-]+\s+)?")

#: a verb of its own making a later trigger a plan: 'and agreed to hold a summit', 'and will meet again'
#: before a meeting noun that is the setting of the meeting told before it: 'on the fringes of a trilateral summit'
_SETTING_BEFORE = CueTemplate(r"\b(?:on|at|in)\s+the\s+{:setting_noun}\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)

#: right before a trigger: the meeting is the setting of its clause ('proposed ... during the talks with')
_DURING_MEETING = CueTemplate(r"\b{:during_meeting}\s+(?:the|their|his|her|its|this|these)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)

_NEW_PLAN = CueTemplate(r"\b{:plan_verb}\s+(?:to\s+)?{:plan_meeting_verb}\b")

#: what opens the words between a trip trigger and the person visited: 'to the', 'to his'
_VISIT_GAP_LEAD = re.compile(r"\s*(?:(?:the|his|her|their)\s+)?", re.IGNORECASE)

#: between a date and the meeting noun it dates: "'s", a word or two ('the October 16 phone call')
#: (not across a conjunction or a preposition: 'the call on 28 October and their meeting at the COP')
_MODIFIER_GAP = re.compile(r"(?:['’]s)?(?:[^\S\n]+(?!(?:and|or|but|then|while|with|in|at|on|of|for|to|by|from|after|before)\b)[\w-]+){0,2}[^\S\n]+", re.IGNORECASE)


@dataclass
class _Candidate:
    """A meeting one trigger of a sentence tells, with what the sentence says of it; assemble.py merges them into meetings."""

    sentence: int
    start: int
    end: int
    rules: list[str]
    participants: list[str] = field(default_factory=list)
    anaphora: Optional[str] = None
    #: how many the anaphora counts ('the four leaders'), when more than two
    group_size: Optional[int] = None
    #: the office kinds the anaphora names its people by ('the two top diplomats': foreign ministers and their like)
    group_kinds: Optional[frozenset] = None
    first: PartialDate = field(default_factory=PartialDate)
    last: PartialDate = field(default_factory=PartialDate)
    date_span: Optional[tuple[int, int]] = None
    date_relative_past: bool = False
    #: the date is the sentence's or paragraph's, not the trigger's own
    date_inherited: bool = False
    #: the date is a day before or after another one ('the day before'): never that day's meeting
    day_shift: bool = False
    date_bounds: Optional[tuple[dt.date, dt.date]] = None
    date_rule: Optional[str] = None
    #: the days of a week the text names beside the date ('next week ... on Wednesday')
    week: Optional[tuple[dt.date, dt.date]] = None
    place: Optional[str] = None
    place_span: Optional[tuple[int, int]] = None
    context: Optional[str] = None
    context_span: Optional[tuple[int, int]] = None
    duration: Optional[str] = None
    duration_iso: Optional[str] = None
    duration_span: Optional[tuple[int, int]] = None
    format: Optional[str] = None
    status: Optional[str] = None
    past: bool = False
    partial: bool = False

    def take_date(self, d: DateMention) -> None:
        """Date the meeting by a date expression of its sentence."""
        self.first, self.last, self.date_span = d.first, d.last, (d.start, d.end)
        self.date_relative_past = d.text.lower().startswith("last") or d.rule == "ago"
        self.date_bounds = d.bounds
        self.date_rule = d.rule


class _Frames:
    """One sentence's meeting candidates, and which of them each word of the sentence belongs to."""

    __slots__ = ("ptext", "cands", "gaz")

    def __init__(self, ptext: str, cands: list[_Candidate], gaz: Gazetteer):
        self.ptext = ptext
        self.cands = cands
        self.gaz = gaz

    def owner(self, pos: int) -> _Candidate:
        """An attribute belongs to the nearest trigger before it, else to the first."""
        before = [c for c in self.cands if c.end <= pos]
        return before[-1] if before else self.cands[0]

    def modified(self, end: int) -> Optional[_Candidate]:
        """The meeting noun a date stands just before ('the October 16 call', "Tuesday's talks")."""
        for c in self.cands:
            if c.start >= end and _MODIFIER_GAP.fullmatch(self.ptext, end, c.start):
                return c
        return None

    def in_relative(self, pos: int, who: bool = False) -> bool:
        """Whether pos is in a relative clause after the trigger before it.

        ('met Kishida, who he thanked for the summit in Hiroshima': the clause's place and
        summit are its own; 'Kishida, who was visiting Lithuania' still tells where he was.)
        """
        ahead = [c for c in self.cands if c.end <= pos]
        if not ahead:
            return False  # ('Putin, who arrived in Abu Dhabi on Wednesday, met ...': where the subject was)
        between = self.ptext[ahead[0].end : pos]
        m = self.gaz.cues[_RELATIVE_WHO if who else _RELATIVE].search(between)
        # ('The summit, which was to bring together ... at the Opera House': a clause about the meeting itself)
        if m is None or not between[: m.start()].strip():
            return False
        # ('a visit to Doha by Blinken, who met the emir on the 6th': the clause tells a meeting of its own)
        if any(ahead[0].end + m.end() <= c.start < pos and c.rules[0] in _VERB_RULES for c in self.cands):
            return False
        # (', who succeeded Qin Gang last year, in Beijing': the clause closed at its comma)
        rest = between[m.end() :]
        return not self.gaz.cues[_CLAUSE_BREAK].search(rest) and "," not in rest and not re.match(r"\s+(?:was|were|is|are)\s+(?:visiting|in)\b", rest)


def _stronger_format(a: Optional[str], b: Optional[str]) -> Optional[str]:
    """A call cue beats the in-person default of a meeting word."""
    for fmt in (a, b):
        if fmt in ("phone", "video"):
            return fmt
    return a or b


def _dedupe_spans(triggers):
    triggers = sorted(triggers, key=lambda t: (t[0], -(t[1] - t[0])))
    out = []
    for a, b, rule in triggers:
        if out and a < out[-1][1]:
            continue
        out.append((a, b, rule))
    return out


class MeetingFrames(DocState):
    """Meeting frames: each sentence's triggers, with their status and format, joined into events."""

    def _meetings(self, hits: list[Hit]) -> list[_Candidate]:
        """Every meeting candidate of the document: each sentence's triggers, with what the sentence tells of them.

        Args:
            hits: the document's name hits.
        """
        gaz = self.gaz
        dates = self._text_dates = find_dates(self.text, self.day)
        durations = find_durations(self.ptext)
        place_hits = sorted([h for h in hits if h.kind == "place"] + self._shadow_places + self._capitals(hits), key=lambda h: h.start)
        self._org_hits = _Spans([h for h in hits if h.kind == "org"])
        org_spans = [(h.start, h.end) for h in hits if h.kind in ("org",)]
        candidates: list[_Candidate] = []
        # each pattern runs once over the text; matches are bucketed by sentence
        context_at: dict[int, list] = self._context_at
        trigger_at: dict[int, list] = {}
        for sidx, s in enumerate(self.sentences):
            stext = self.ptext[s.start : s.end]
            asc = self._ascii(stext)
            first = gaz.first_match("meeting", stext, ascii=asc)
            if first is None or self._is_caption(s):
                continue
            context_at[sidx] = [(s.start + m.start(), s.start + (m.span(1) if m.lastindex else m.span())[1], rule.id) for pattern, rule in gaz.family_in("context", stext, ascii=asc) for m in pattern.finditer(stext)]
            # no trigger starts before the first one: each pattern scans from there (those that can match at all)
            trigger_at[sidx] = [(m, rule) for pattern, rule in gaz.family_in("meeting", stext, first, ascii=asc) for m in pattern.finditer(stext, first)]
            if self._is_link_headline(s, stext, trigger_at[sidx]):
                del trigger_at[sidx], context_at[sidx]
        self._paragraph_dates = self._find_paragraph_dates(dates)
        buckets = None
        for sidx in sorted(trigger_at):
            s = self.sentences[sidx]
            contexts = context_at[sidx]
            triggers = []
            for m, rule in trigger_at[sidx]:
                a, b = s.start + m.start(), s.start + m.end()
                # 'the ASEAN Foreign Ministers' Meeting' names a context, not a meeting of its own
                if any(ca <= a < cb and a > ca + 20 for ca, cb, _ in contexts) or any(oa <= a < ob for oa, ob in org_spans):
                    continue
                if any(ca <= a and b <= cb and a >= ca + 3 for ca, cb, _ in contexts):
                    continue
                triggers.append((a, b, rule))
            if not triggers:
                continue
            triggers = _dedupe_spans(triggers)
            if buckets is None:  # (each list bucketed by sentence once: rescanning it per sentence was quadratic)
                buckets = [self._starting_in(items) for items in (dates, durations, place_hits, self.persons)]
                self._persons_in = buckets[3]
            candidates.extend(self._sentence_candidates(sidx, s, triggers, contexts, *(b.get(sidx, []) for b in buckets[:3])))
        if buckets is None:
            self._persons_in = self._starting_in(self.persons)
        self._arrivals = self._find_arrivals(place_hits)
        self._gatherings = self._find_gatherings(place_hits)
        for cand in candidates:
            if len(cand.participants) < 2 and not cand.partial:
                self._country_sides(cand, buckets[2])
            if len(cand.participants) < 2 and not cand.partial:
                self._summit_sides(cand, buckets[2])
        return candidates

    def _visits_person(self, end: int, spersons) -> bool:
        """Whether a person is named right after a trip trigger ending at ``end`` ('a visit to [Ugandan] President Jane Doe').

        Only an article or possessive, a country or demonym and a title may stand between them.
        """
        person = next((p for p in spersons if p.start >= end), None)
        if person is None or person.start - end > 60:
            return False
        gap = self.ptext[end : person.start]
        lead = _VISIT_GAP_LEAD.match(gap)
        pos = end + lead.end()
        # (a country or its demonym, as in 'Ugandan President' or "Kenya's President")
        for h in self._hits.starting(pos, pos + 1):
            if h.kind in ("place", "demonym") and self._country_of_hit(h):
                pos = h.end + len(re.match(r"(?:['’]s)?", self.ptext[h.end : h.end + 2]).group(0))
                break
        rest = self.ptext[pos : person.start]
        if not rest.strip(" ,"):
            return pos == end + lead.end() or rest.strip() == ""
        title = self.gaz.title_regex.match(rest.lstrip())
        return title is not None and not rest.lstrip()[title.end() :].strip(" ,")

    def _sentence_candidates(self, sidx, s, triggers, contexts, dates, durations, place_hits) -> list[_Candidate]:
        """One sentence's meeting events, each trigger given its place, date, status, format and participants.

        Args:
            sidx: the sentence's index; s: the sentence.
            triggers: its meeting triggers, as (start, end, rule); contexts: its context phrases, as (start, end, rule id).
            dates, durations, place_hits: the date, duration and place mentions starting in it.
        """
        gaz = self.gaz
        groups: list[_Candidate] = []
        sdates = [d for d in dates if s.start <= d.start < s.end]
        sdur = [d for d in durations if s.start <= d.start < s.end]
        splaces = [h for h in place_hits if s.start <= h.start < s.end]
        spersons = [p for p in self._persons_in.get(sidx, ()) if s.start <= p.start < s.end]
        stext = self.ptext[s.start : s.end]
        fmt_sentence = None
        # (the joined family first: most sentences hold no cue, and then no rule need be tried)
        asc = self._ascii(stext)
        if gaz.any_match("format", stext, ascii=asc):
            for pattern, rule in gaz.family_in("format", stext, ascii=asc):
                if pattern.search(stext):
                    fmt_sentence = rule.format
                    break
        cands = [_Candidate(sidx, a, b, [rule.id], format=rule.format, partial=rule.partial) for a, b, rule in triggers]
        for cand in cands:
            # ('paid a courtesy visit to President Jane Doe': a visit to a person names both sides, not a place)
            if cand.partial and self._visits_person(cand.end, spersons):
                cand.partial = False
        frames = _Frames(self.ptext, cands, gaz)
        placed, splaces = self._place_frames(frames, s, splaces)
        dated, para_date = self._date_frames(frames, s, sdates)
        self._duration_frames(frames, sdur)
        self._context_frames(frames, contexts, splaces)
        for i, cand in enumerate(cands):
            prev_end = cands[i - 1].end if i else s.start
            next_start = cands[i + 1].start if i + 1 < len(cands) else s.end
            self._frame_status(cand, i, cands, s, prev_end, next_start)
            self._frame_date(cand, s, para_date)
            # ('refused to receive a phone call': a denied trigger denies the one right after it, an article or a word apart)
            denied_before = i > 0 and cands[i - 1] not in groups and self.gaz.cues[_DENIAL_GAP].fullmatch(self.ptext, prev_end, cand.start)
            if not denied_before and not self._denied(cand, prev_end, s):
                groups.append(cand)
        if not groups:
            return []  # every trigger of the sentence denied
        denied = [c for c in cands if c not in groups and c.start > groups[-1].start]
        if denied:
            # ('had an audience with A, cancelled if B met with C': who the denied meeting after the last kept one names did not attend)
            spersons = [p for p in spersons if p.start < denied[0].start]
        events = self._events(groups, s, fmt_sentence)
        self._participants(events, spersons, s, frames)
        events = [part for ev in events for part in self._split_objects(ev, spersons, placed, dated, s)]
        events = [part for ev in events for part in self._split_places(ev, splaces, s)]
        self._group_anaphora(events, s)
        for prev, ev in zip(events, events[1:]):
            if re.search(r"\btheir\s+(?:[\w-]+\s+){0,2}$", self.ptext[max(s.start, ev.start - 30) : ev.start]) and len(prev.participants) >= 2:
                # ('met Albanese in San Diego, ahead of their trilateral meeting with President Biden': those two and Biden)
                ev.participants = list(dict.fromkeys(prev.participants + ev.participants))
            if "plan-verb" in ev.rules and not ev.participants:
                # ('A called B and agreed to hold a summit': the same two agreed on it)
                ev.participants = list(prev.participants)
                ev.format = "in-person" if ev.format in (None, "in-person") else ev.format
            if "plan-verb" in ev.rules and ev.date_span and ev.date_span[0] < prev.end and ev.start != prev.start:
                # (the day the call was held is not the day of the summit it agreed on; one verb's meetings
                # with each of its objects share its day: 'from Sept. 20-21 will hold summits with A and B')
                ev.first = ev.last = PartialDate()
                ev.date_span = ev.date_bounds = ev.date_rule = None
        return events

    def _is_link_headline(self, s: Sentence, stext: str, triggers: list) -> bool:
        """Whether the sentence is another article's headline run into the text, as related links are.

        ('... the White House said. Donald Trump to Host Saudi Crown Prince at White House on March 20.'):
        it does not open its line, its words are capitalized, and so is its meeting verb, as only a headline writes it.
        """
        if not self.ptext[self.ptext.rfind("\n", 0, s.start) + 1 : s.start].strip():
            return False
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", stext) if len(w) >= 4]
        if len(words) < 4 or sum(w[0].isupper() for w in words) < 0.8 * len(words):
            return False
        return any(m.start() > 0 and re.search(r"\b[A-Z]", m.group(0)) and rule.id in _VERB_RULES for m, rule in triggers)

    def _frame_status(self, cand: _Candidate, i: int, cands: list[_Candidate], s: Sentence, prev_end: int, next_start: int) -> None:
        """Give a candidate the status and format its clause tells, and whether it is told as past.

        Args:
            cand: the candidate, ``cands[i]``.
            i: its index among the sentence's candidates.
            cands: the sentence's candidates.
            s: the sentence.
            prev_end: where the candidate before it ends (else the sentence starts).
            next_start: where the candidate after it starts (else the sentence ends).
        """
        gaz = self.gaz
        window = self.ptext[prev_end:next_start]
        # (the sentence's verb, however far before its one trigger: 'X will join Y and Z ... at a meeting with W')
        clause_break = gaz.cues[_CLAUSE_BREAK]
        near_start = prev_end if len(cands) == 1 and not clause_break.search(self.ptext, prev_end, cand.start) else max(prev_end, cand.start - 90)
        # the meeting as the sentence's subject takes the status its verb gives it, however far:
        # 'The summit, which was to bring together ..., will not go ahead.'
        subject = cand.rules[0] == "meeting-noun" and cand.start - s.start < 40 and i == 0
        near = self.ptext[near_start : next_start if subject else min(next_start, cand.end + 140)]
        # a status cue belongs to this clause only: 'X met Y, and Z is due to travel' is no plan
        cut = clause_break.search(near, cand.end - near_start)
        if cut:
            near = near[: cut.start()]
        asc = self._ascii(near)
        if gaz.any_match("status", near, ascii=asc):
            cand.status = self._status(near, cand.start - near_start, cand.end - near_start, asc)
        asc = self._ascii(window)
        if cand.format in (None, "in-person") and gaz.any_match("format", window, ascii=asc):
            for pattern, frule in gaz.family_in("format", window, ascii=asc):
                if pattern.search(window):
                    cand.format = frule.format
                    break
        # (', who succeeded Qin Gang last year,' tells of him, not of the meeting)
        cand.past = bool(gaz.cues[_PAST_CUE].search(gaz.cues[_RELATIVE_WHO_CLAUSE].sub("", window)))

    def _status(self, near: str, a: int, b: int, asc: bool) -> Optional[str]:
        """The status the words around a trigger (at a:b in ``near``) give it.

        A postponed or cancelled plan is no longer planned ('postponed a trip planned for
        Feb. 5'); between those two, the cue nearest the trigger wins ('the summit has been
        cancelled after Biden postponed his visit').
        """
        best: Optional[tuple[int, int, str]] = None
        # ('proposed to draw up a plan during the talks with': a plan told before the meeting it happened in is not the meeting's)
        setting = self.gaz.cues[_DURING_MEETING].search(near[:a])
        for pattern, rule in self.gaz.family_in("status", near, ascii=asc):
            for m in pattern.finditer(near):
                if rule.before and m.start() >= b:
                    continue
                if setting and m.end() <= setting.start() and rule.status == "planned":
                    continue
                rank = 0 if rule.status in ("postponed", "cancelled") else 1
                gap = max(a - m.end(), m.start() - b, 0) if rank == 0 else 0
                if best is None or (rank, gap) < best[:2]:
                    best = (rank, gap, rule.status)
        return best[2] if best else None

    def _denied(self, cand: _Candidate, clause_start: int, s: Sentence) -> bool:
        """Whether the words up to the trigger deny the meeting ('had no plans to meet', 'had not met since')."""
        end = min(s.end, cand.end + 12)
        if cand.rules[0] in ("meeting-noun", "talks-with") and cand.start - s.start < 40:
            # (the meeting as the sentence's subject is denied by its predicate: 'A meeting between Putin and Zelensky is not on the agenda')
            end = s.end
        if not self.gaz.any_match("negation", self.ptext, clause_start, end):
            return False
        # (or ends just before it, an article or a word apart: 'refuse receiving phone call')
        gap = self.gaz.cues[_DENIAL_GAP]
        return any(
            m.end() >= cand.start or gap.fullmatch(self.ptext, m.end(), cand.start)
            for p, _rule in self.gaz.family_in("negation", self.ptext, clause_start, end)
            for m in p.finditer(self.ptext, clause_start, end)
        )

    def _events(self, groups: list[_Candidate], s: Sentence, fmt_sentence: Optional[str]) -> list[_Candidate]:
        """Join the candidates that tell one event; give each event the sentence's format if it is the only one."""
        events: list[_Candidate] = []
        for cand in groups:
            # (a date the sentence's opening lent it is no date of its own: 'On June 15, A met with B and C for a trilateral meeting')
            own = cand.place or (cand.date_span and not cand.date_inherited) or cand.duration or cand.context
            # ('spoke with Zelensky after Trump's call with Putin': another event, told as a time mark)
            own = own or bool(events and self.gaz.cues[_TIME_MARK_BEFORE].search(self.ptext, max(s.start, cand.start - 40), cand.start))
            calls = {cand.format, events[-1].format} & {"phone", "video"} if events else set()
            # ('made a phone call to Trump and agreed to hold a summit': the summit is another event, a plan)
            plan_verb = (
                cand.status == "planned" and bool(self.gaz.cues[_NEW_PLAN].search(self.ptext, events[-1].end if events else s.start, cand.end))
                # ('agreed to hold a meeting of the Working Mechanism': a body's meeting, not theirs)
                and not re.match(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?-i:[A-Z])", self.ptext[cand.end : cand.end + 40])
            )
            if plan_verb:
                cand.rules.append("plan-verb")  # (a plan its own verb tells is kept, dated or not)
            new_plan = plan_verb and bool(events) and events[-1].status != "planned"
            # ('met ... on the fringes of a trilateral summit with Biden near Washington': the summit is where they met)
            setting = bool(events) and not events[-1].place and bool(self.gaz.cues[_SETTING_BEFORE].search(self.ptext, max(s.start, cand.start - 60), cand.start))
            if setting and cand.place and not calls:
                events[-1].place, events[-1].place_span = cand.place, cand.place_span
                cand.place = cand.place_span = None
                own = own if (cand.date_span and not cand.date_inherited) or cand.duration or cand.context else False
            if events and not own and len(calls) < 2 and not new_plan:
                ev = events[-1]
                ev.rules.append(cand.rules[0])
                ev.end = max(ev.end, cand.end)
                for attr in ("duration", "duration_iso", "duration_span", "context", "context_span"):
                    if getattr(ev, attr) is None and getattr(cand, attr) is not None:
                        setattr(ev, attr, getattr(cand, attr))
                ev.format = _stronger_format(ev.format, cand.format)
                # ('was going to talk to B, but the meeting was cancelled': a plan put off is no longer planned)
                put_off = ev.status == "planned" and cand.status in ("postponed", "cancelled")
                ev.status = cand.status if put_off else ev.status or cand.status
                ev.past = ev.past or cand.past
                ev.partial = ev.partial and cand.partial
                continue
            prev = events[-1] if events else None
            # 'The virtual meeting came months after the two leaders met in person ...': a call is not the meeting met at
            # (nor is a meeting held at a place: 'the telephone conversation ... and their meeting at the COP in Sharm el-Sheikh')
            clash = prev is not None and prev.format in ("phone", "video") and cand.format == "in-person" and (cand.rules[0] in _VERB_RULES or cand.place is not None)
            # ('... the Summit, while stating he was impressed by his visit to Hiroshima': one side's trip is not the summit)
            possessive_trip = cand.partial and re.search(r"\b(?:his|her|their|its)\s+(?:[\w-]+\s+)?$", self.ptext[max(s.start, cand.start - 20) : cand.start])
            if prev is not None and own and not clash and not possessive_trip and not (prev.place or prev.date_span or prev.duration or prev.context):
                # an attribute-less event before this one merges into it
                ev = events.pop()
                cand.rules = ev.rules + cand.rules
                cand.start = ev.start
                for attr in ("duration", "duration_iso", "duration_span", "context", "context_span", "status"):
                    if getattr(cand, attr) is None and getattr(ev, attr) is not None:
                        setattr(cand, attr, getattr(ev, attr))
                cand.format = _stronger_format(cand.format, ev.format)
                cand.past = cand.past or ev.past
                cand.partial = cand.partial and ev.partial
            events.append(cand)
        for ev in events:
            # (the sentence's format cue is the event's only if it tells one event)
            ev.format = ev.format or (fmt_sentence if len(events) == 1 else None)
            if ev.format in ("phone", "video"):
                # a call takes place nowhere: 'in Washington' belongs to something else told beside it
                ev.place = ev.place_span = None
            elif ev.format is None and ev.place:
                # ... so sides who 'spoke in Bali' or 'discussed ... in Bali' were there together
                ev.format = "in-person"
        return events
