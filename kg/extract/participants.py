"""Who met: the people each sentence names for its meetings, one meeting per object, groups ("the two leaders")."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from ..cues import CueTemplate
from ..dates import NUMBER_WORDS, DateMention
from ..gazetteer import Hit
from ..model import PartialDate
from .frames import _Candidate, _CLAUSE_BREAK, _Frames, _VERB_RULES
from .sentences import Sentence
from .state import DocState, PersonMention

#: the verbs whose subject is a participant
_SUBJECT_VERBS = frozenset({"met-with", "held-talks-with", "spoke-with", "met", "hosted", "sat-down-with", "will-meet"})

#: the words of a topic before a person ('discussed Putin's war'); those of a list may name more of those met
_TOPIC_CUE = CueTemplate(r"\b(?:{:topic_cue}|(?P<list>{:topic_list_cue}))\b", re.IGNORECASE)

#: 'the four leaders': a group counted, more than two
_GROUP_COUNT = CueTemplate(r"\b(?:the|all) (three|four|five|six|seven|eight|nine|ten)\s+(?:[\w-]+\s+)?{:group_noun}\b", re.IGNORECASE)

#: 'the two top diplomats', 'both foreign ministers': the office the group is named by, a group per family ...
_GROUP_ROLE = CueTemplate(
    r"\b(?:the|both|all) (?:two |three |four )?(?:top )?(?:(?P<diplomats>{:group_diplomats})|(?P<foreign_ministers>{:group_foreign_ministers})"
    r"|(?P<leaders>{:group_leaders})|(?P<heads_of_government>{:group_heads_of_government}))\b",
    re.IGNORECASE,
)
#: ... and the office kinds it names
_ROLE_KINDS = {
    "diplomats": frozenset({"foreign-minister", "deputy-foreign-minister", "diplomat", "envoy", "international-official"}),
    "foreign_ministers": frozenset({"foreign-minister"}),
    "leaders": frozenset({"head-of-state", "head-of-government"}),
    "heads_of_government": frozenset({"head-of-government"}),
}

#: a trailing clause about another moment ('..., a day after his clash with Trump')
_AFTER_CLAUSE = CueTemplate(r",\s+(?:{:time_measure}\s+){0,3}{:trailing_time}\b", re.IGNORECASE)

#: "X's visit comes days after": what follows is another moment, whose meeting X did not attend
_COMES_AFTER = CueTemplate(r"\b(?:comes|come|came|coming)\s+(?:{:time_measure}\s+){0,3}{:trailing_time}\b", re.IGNORECASE)

#: between two places each with its own 'in': 'Washington D.C., in Laos, in New York and in Samoa'
_EACH_IN = re.compile(r"(?:[\w.]*\s*)?,?\s*(?:and\s+)?")
#: ... or each in a setting of its own: 'in Laos and at the Asia-Pacific Economic Cooperation forum in Peru'
_EACH_SETTING = re.compile(r"\s*,?\s*and\s+(?:also\s+)?(?:at|during|on)\s+(?:the\s+)?(?:(?:sidelines|margins|fringes)\s+of\s+(?:the\s+)?)?(?:[\w.&’'-]+\s+){1,8}?")
#: a sentence opening with a phrase about another event ('Building on the President's June 29 meeting with ..., ')
_LEAD_PHRASE = CueTemplate(r"\W*{:lead_phrase}\b", re.IGNORECASE)
#: a speech verb, then those whose meeting it reports ('said he was pleased the two had met')
_REPORTS_THEIR_MEETING = CueTemplate(r"\b{:reporting_verb}\b(?:\s+that)?[^.;]*?\b{:the_sides}\b[^.;]*$", re.IGNORECASE)

#: before a person of a relative clause: one who came along ('accompanied by')
_ACCOMPANIED = CueTemplate(r"\b{:accompanied}\b")

#: after a person's "'s", what keeps them a side ('Albanese's talks with'), not a topic ('Putin's war')
_POSSESSED_MEETING = CueTemplate(r"['’]s\s+(?:\w+\s+){0,2}{:possessed_meeting}\b", re.IGNORECASE)

#: between the two sides a summit is named for ('EU-Japan', 'India – Japan')
_SIDES_DASH = re.compile(r"[^\S\n]*[-–—][^\S\n]*")
#: after the second side, to the summit noun ('European Union (EU) Summit', 'Japan Annual Summit')
_SUMMIT_AFTER_SIDES = CueTemplate(r"(?:[^\S\n]*\([^()\n]{1,12}\))?(?:[^\S\n]+{:named_summit_gap}){0,2}[^\S\n]+(?P<noun>{:named_summit})\b")

#: between a name and its abbreviation in brackets ('European Union (EU)')
_ABBREVIATION = re.compile(r"[^\S\n]*\(")


def _period_days(first: PartialDate, last: PartialDate):
    """The first and last days of a period known at least to its month, else None."""
    if not (first.year and first.month and last.year and last.month):
        return None
    end = last.day or calendar.monthrange(last.year, last.month)[1]
    return dt.date(first.year, first.month, first.day or 1), dt.date(last.year, last.month, end)


#: what joins the items of a list ('the United States, Japan, and the ROK')
_LIST_GLUE = re.compile(r"(?:\s*,)?\s*(?:and\s+)?(?:the\s+)?|\s*,\s*")


def _words_in(text: str, phrases) -> list[str]:
    """The phrases (lower case) that stand in ``text`` as whole words, with a plural or possessive ending."""
    return [p for p in phrases if re.search(r"\b" + re.escape(p) + r"(?:s|es)?(?:'|’)?(?!\w)", text)]


class Participants(DocState):
    """Participants: who took part in each of a sentence's events."""

    def _participants(self, events: list[_Candidate], spersons: list[PersonMention], s: Sentence, frames: _Frames) -> None:
        """Add the people the sentence names to its events: those not relaying the news; with several events, the nearest.

        Args:
            events: the sentence's events.
            spersons: the person mentions of the sentence.
            s: the sentence.
            frames: the sentence's candidates.
        """
        for p in spersons:
            # ('Members of the team, such as A and B, met ...': a list before every trigger is the subject)
            if p.speaker or self._topic_person(p, s, subject=all(e.start >= p.end for e in events)):
                continue
            # ('Peña, who hosted the summit, said he was pleased the two had met': who reports their meeting)
            later = [e for e in events if e.start >= p.end]
            if later and self.gaz.cues[_REPORTS_THEIR_MEETING].search(self.ptext, p.end, later[-1].end) and not any(e.end <= p.start for e in events):
                continue
            # ('Building on the President's June 29 meeting with Yoon and Kishida, Secretary Blinken discussed ...':
            # the main clause's subject was not at the meeting its opening phrase names)
            lead = self.gaz.cues[_LEAD_PHRASE].match(self.ptext, s.start)
            if lead and events and all(e.end <= p.start for e in events) and events[0].start < s.start + 80 and "," in self.ptext[events[-1].end : p.start]:
                # (only when the phrase names that meeting's sides itself: 'Following the talks, Putin and Xi signed' were there)
                closing = self.ptext.find(",", events[-1].end, p.start)
                if sum(1 for q in spersons if events[0].end <= q.start < closing) >= 2:
                    continue
            # ("Shoigu's visit comes days after Xi held a phone call with Putin": the visit's, not the call's)
            if events and all(e.start >= p.end for e in events) and self.gaz.cues[_COMES_AFTER].search(self.ptext, p.end, events[0].start):
                continue
            # ('spoke with Zelenskyy, who thanked him for the support of Rishi Sunak': of the clause, not the call)
            if frames.in_relative(p.start, who=True) and not self.gaz.cues[_ACCOMPANIED].search(self.ptext[s.start : p.start]):
                continue
            # ('met King Charles on Sunday, a day after his clash with Trump': of another moment)
            told = max((e.end for e in events if e.end <= p.start), default=None)
            if told is not None and self.gaz.cues[_AFTER_CLAUSE].search(self.ptext, told, p.start):
                continue
            partial = [e for e in events if e.partial]
            if partial and len(events) == len(partial):
                nearest = max((q for q in spersons if q.end <= partial[0].start), key=lambda q: q.start, default=None)
                if nearest is not None and p is nearest and p.person not in partial[0].participants:
                    partial[0].participants.append(p.person)
                continue
            if len(events) == 1:
                target = events[0]
            else:
                # the subject of a verb is its meeting's, however near a noun before it ('On the first day of
                # the summit, the President held meetings with ...')
                subject_of = next((e for e in events if e.rules[0] in _SUBJECT_VERBS and p.end <= e.start and not any(p.end <= o.start < e.start for o in events if o is not e)), None)
                if subject_of is not None and any(o.end <= p.start and o.rules[0] in _VERB_RULES for o in events):
                    subject_of = None  # the object of a verb before it ('spoke with Lavrov ... following the call between')
                target = subject_of if subject_of is not None and subject_of.start - p.end < 60 else min(events, key=lambda e: min(abs(p.start - e.start), abs(p.start - e.end)))
            if p.person not in target.participants:
                target.participants.append(p.person)
        if len(events) > 1 and events[0].participants:
            # ('Putin met A in Abu Dhabi before flying to Riyadh for talks with B': Putin's talks too)
            subject = events[0].participants[0]
            for ev in events[1:]:
                # ('..., a day after meeting Netanyahu in Tel Aviv': the gerund is a verb of the same subject)
                gerund = ev.rules[0] == "meeting-noun" and re.search(r"\b(?:after|before|while|when|since)\s+$", self.ptext[max(s.start, ev.start - 12) : ev.start])
                if len(ev.participants) == 1 and (ev.rules[0] in _VERB_RULES or gerund) and not ev.partial and subject not in ev.participants:
                    first = next((q for q in spersons if q.person == subject), None)
                    if first is not None and first.end <= events[0].start:
                        ev.participants.insert(0, subject)

    def _topic_person(self, p: PersonMention, s: Sentence, subject: bool = False) -> bool:
        """A person the meeting talked about ('discussed Putin's war'), not one who attended; ``subject``: named before every trigger."""
        after = self.ptext[p.end : p.end + 30]
        if re.match(r"['’]s\b", after) and not self.gaz.cues[_POSSESSED_MEETING].match(after):
            return True
        before = self.ptext[max(s.start, p.start - 45) : p.start]
        topic_cue = self.gaz.cues[_TOPIC_CUE]
        cue = list(topic_cue.finditer(before))
        if cue and cue[-1].group("list") and subject:
            return False
        if cue and cue[-1].group("list"):
            # ('meetings with members of the administration including Secretary Rubio': more of those met)
            lead = self.ptext[s.start : p.start - len(before) + cue[-1].start()]
            met = [m.end() for m in re.finditer(r"\bwith\b", lead, re.IGNORECASE)]
            told = [m.end() for m in topic_cue.finditer(lead)]
            if met and (not told or met[-1] > told[-1]):
                return False
        return bool(cue) and not self.gaz.cues[_CLAUSE_BREAK].search(before[cue[-1].end() :]) and not re.search(r"\b(?:with|and|between|by|to)\s+(?:[\w’'.-]+,?\s+){0,6}$", before[cue[-1].end() :])

    def _split_places(self, ev: _Candidate, placed: list[Hit], s: Sentence) -> list[_Candidate]:
        """One meeting per place where each has its own 'in' ('I've seen her in Washington, in Laos and in Samoa').

        Args:
            ev: the event.
            placed: the places of the sentence that may host a meeting.
            s: the sentence.
        """
        if ev.partial or ev.status not in (None, "held"):
            return [ev]
        after = [h for h in placed if h.start > ev.start and self.ptext[max(s.start, h.start - 3) : h.start].lower() == "in "]
        if len(after) < 2:
            return [ev]
        ends = [h.start for h in after[1:]] + [s.end]
        days = [next((d for d in self._text_dates if h.end <= d.start and d.end <= end), None) for h, end in zip(after, ends)]
        for (a, b), day in zip(zip(after, after[1:]), days):
            # (each place's own day may follow it: 'in Laos in October and at the forum in Peru this month')
            gap = self.ptext[a.end : b.start - 3]
            if day is not None:
                gap = gap[: day.start - a.end] + gap[day.end - a.end :]
            if not (_EACH_IN.fullmatch(gap) or _EACH_SETTING.fullmatch(gap)):
                return [ev]
        own_days = any(days) and ev.date_span is not None and ev.date_span[0] > after[0].start
        parts = []
        for h, day in zip(after, days):
            part = replace(ev, participants=list(ev.participants))
            part.place, part.place_span = h.targets[0], (h.start, h.end)
            if day is not None and own_days:
                part.take_date(day)
            elif own_days:
                part.first, part.last, part.date_span, part.date_bounds, part.date_rule = PartialDate(), PartialDate(), None, None, None
            parts.append(part)
        return parts

    def _split_objects(self, ev: _Candidate, spersons: list[PersonMention], placed: list[Hit], dated: list[DateMention], s: Sentence) -> list[_Candidate]:
        """One meeting per object of a verb, where each has its own place or day.

        ('He is expected to meet Vucic in Belgrade on Wednesday and Orban in Budapest on Thursday'
        tells two meetings, not one of three.)
        """
        if ev.partial or ev.rules[0] not in _VERB_RULES | {"will-meet"}:
            return [ev]
        # (the objects may sit inside a long trigger: 'held talks with Putin in Moscow ..., and with')
        objects = [p for p in spersons if p.start > ev.start and p.person in ev.participants]
        if len(objects) < 2:
            return [ev]
        ends = [o.start for o in objects[1:]] + [s.end]
        if not all(re.search(r"\band\b|,", self.ptext[a.end : b.start]) for a, b in zip(objects, objects[1:])):
            return [ev]
        # ('met bilaterally with A, B and C', 'held meetings with A, B and C': one meeting each)
        # (and the word before the trigger: 'during separate phone calls with A, B and C')
        start = ev.start - len(re.search(r"(?:[\w-]+[^\S\n]+)?$", self.ptext[max(s.start, ev.start - 30) : ev.start]).group(0))
        asc = self._ascii(self.ptext[start : objects[0].start])
        one_by_one = any(p.search(self.ptext, start, objects[0].start) for p, _r in self.gaz.family_in("distributive", self.ptext, start, objects[0].start, ascii=asc))
        # the objects in groups, each closed by its own place or day ('met A in Kuala Lumpur, as well as B and C in Jakarta':
        # A there, B and C together in Jakarta); one by one, each object is a group
        groups: list[tuple[list[PersonMention], Optional[Hit], Optional[DateMention]]] = []
        group: list[PersonMention] = []
        for obj, end in zip(objects, ends):
            group.append(obj)
            place = next((h for h in placed if obj.end <= h.start < end), None)
            day = next((d for d in dated if obj.end <= d.start < end), None)
            if place is not None or day is not None or one_by_one or end == s.end:
                groups.append((group, place, day))
                group = []
        if len(groups) < 2 or (not one_by_one and any(place is None and day is None for _g, place, day in groups)):
            return [ev]  # 'met A and B in Paris': one meeting of three
        parts = []
        others = [p for p in ev.participants if p not in {o.person for o in objects}]
        for group, place, day in groups:
            members = list(dict.fromkeys(o.person for o in group))
            if one_by_one and place is None and day is None:
                parts.append(replace(ev, participants=others + members))
                continue
            part = replace(ev, participants=others + members)
            # (what the sentence says before its objects is every part's: 'On the sidelines of the UN General Assembly,
            # Guterres met separately with A and B on Tuesday')
            shared_place = ev.place_span is not None and ev.place_span[0] < objects[0].start
            shared_day = ev.date_span is not None and ev.date_span[0] < objects[0].start
            if place is not None or not shared_place:
                part.place, part.place_span = (place.targets[0], (place.start, place.end)) if place else (None, None)
            if day is not None:
                part.take_date(day)
                if part.status == "planned":
                    self._date_ahead(part)
            elif not shared_day:
                part.first, part.last, part.date_span = PartialDate(), PartialDate(), None
            parts.append(part)
        return parts

    def _group_anaphora(self, events: list[_Candidate], s: Sentence) -> None:
        """Note the group each event's participants are told as ('the two leaders', 'the four ministers')."""
        gaz = self.gaz
        for ev in events:
            region = self.ptext[max(s.start, ev.start - 80) : min(s.end, ev.end + 80)]
            found = None
            asc = self._ascii(region)
            for pattern, arule in gaz.family_in("group_anaphora", region, ascii=asc) if gaz.any_match("group_anaphora", region, ascii=asc) else ():
                m = pattern.search(region)
                if m and (found is None or arule.id == "heads-of-state"):
                    found = arule.id
            ev.anaphora = found
            counted = gaz.cues[_GROUP_COUNT].search(region) if found else None
            ev.group_size = NUMBER_WORDS[counted.group(1).lower()] if counted else None
            role = gaz.cues[_GROUP_ROLE].search(region) if found else None
            ev.group_kinds = _ROLE_KINDS[role.lastgroup] if role else None

    def _summit_sides(self, cand: _Candidate, place_hits: dict[int, list[Hit]]) -> None:
        """A summit named for its two sides ('the 28th EU-Japan Summit held in May') is a meeting of their leaders.

        A country's side is its leader (the office places.yaml says leads it) as the document names them, else the
        only holder on the summit's days; an organization's, the holders of the offices its rule lists as its leaders.
        Both sides, or nobody.

        Args:
            cand: a meeting candidate with fewer than two participants.
            place_hits: the place hits of each sentence.
        """
        s = self.sentences[cand.sentence]
        # (a summit its own words date: one named but undated may be the document's own meeting, told again)
        if cand.date_inherited:
            return
        gaz = self.gaz
        countries = [h for h in place_hits.get(cand.sentence, ()) if h.end <= cand.start and gaz.places.get(h.targets[0]) is not None and gaz.places[h.targets[0]].type == "country"]
        orgs = [h for h in self._org_hits.overlapping(s.start, cand.start) if h.end <= cand.start and gaz.org_rules.get(h.targets[0]) is not None and gaz.org_rules[h.targets[0]].leaders]
        hits = sorted(countries + orgs, key=lambda h: h.start)
        # ('European Union (EU)': a name and its abbreviation are one side)
        hits = [h for i, h in enumerate(hits) if not (i and hits[i - 1].targets[0] == h.targets[0] and _ABBREVIATION.fullmatch(self.ptext, hits[i - 1].end, h.start))]
        if len(hits) < 2:
            return
        one, two = hits[-2], hits[-1]
        after = gaz.cues[_SUMMIT_AFTER_SIDES].match(self.ptext, two.end)
        if not _SIDES_DASH.fullmatch(self.ptext, one.end, two.start) or after is None or not after.start("noun") <= cand.start < after.end():
            return
        days = cand.date_bounds or _period_days(cand.first, cand.last)
        # a summit told as past (over before the document's day) or as planned, in a sentence: not a programme's heading
        if days is None or not (cand.status == "planned" or (self.day and days[1] < self.day)):
            return
        if not self.ptext[s.start : s.end].rstrip().endswith((".", "!", "?", '"', "”")):
            return
        named = list(dict.fromkeys(p.person for p in self.persons if not p.speaker))
        sides: list[str] = []
        for hit in (one, two):
            target = hit.targets[0]
            if hit.kind == "org":
                here = [gaz.org_leaders(target, day) for day in days]
            else:
                code = gaz.places[target].country
                here = [[k for k in named if k in holders] or holders for holders in (gaz.holders("leader", code, day) for day in days)]
            # (the same people on the summit's first and last days: a government that changed in the month is no answer)
            if not here[0] or here[0] != here[-1] or (hit.kind != "org" and len(here[0]) != 1):
                return
            sides.extend(here[0])
        cand.participants = list(dict.fromkeys(cand.participants + sides))
        cand.rules.append("summit-sides")

    def _country_sides(self, cand: _Candidate, place_hits: dict[int, list[Hit]]) -> None:
        """'the United States, Japan, and the ROK held their national security advisors' meeting': those advisors.

        Each country's holder of the office the sentence names, as the document names them
        (else the only holder on the document's date); all of them, or nobody.
        """
        s = self.sentences[cand.sentence]
        countries = [h for h in place_hits.get(cand.sentence, ()) if h.end <= cand.start and self.gaz.places.get(h.targets[0]) is not None and self.gaz.places[h.targets[0]].type == "country"]
        if len(countries) < 2:
            return
        # the countries are one list: nothing but commas, 'and' and 'the' between them
        if any(not _LIST_GLUE.fullmatch(self.ptext, a.end, b.start) for a, b in zip(countries, countries[1:])):
            return
        # the office after the countries ('... held their foreign ministers' meeting') or just before them ('The foreign ministers of ...')
        # (not the title of whom they met: 'The PMs of Poland and Slovenia ... met with Ukrainian President Zelensky')
        after = self.ptext[countries[-1].end : min(s.end, cand.end + 60)]
        after = re.split(r"\b(?:with|between)\b", after, maxsplit=1)[0]
        window = self.ptext[max(s.start, countries[0].start - 40) : countries[0].start] + " " + after
        office = max((t for t in _words_in(window.lower(), self.gaz.title_kinds) if self.gaz.title_kinds[t][0] != "other"), key=len, default=None)
        if office is None:
            return
        kind = self.gaz.title_kinds[office][0]
        named = list(dict.fromkeys(p.person for p in self.persons if not p.speaker))
        sides = []
        for code in dict.fromkeys(self.gaz.places[h.targets[0]].country for h in countries):
            here = [k for k in named if self.country_of(k) == code and kind in self.role_kinds_on(k, self.day)]
            if len(here) != 1 and self.day is not None:
                here = self.gaz.holders(kind, code, self.day)
            if len(here) != 1:
                return
            sides.append(here[0])
        cand.participants = list(dict.fromkeys(cand.participants + sides))
        cand.rules.append("country-sides")
