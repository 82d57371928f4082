"""When a meeting was: the dates and durations each sentence gives its meeting candidates, what came before, and the report's day."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional, Sequence

from ..cues import CueTemplate
from ..dates import DateMention, find_dates
from ..model import Meeting, PartialDate
from .frames import _Candidate, _Frames
from .sentences import Sentence
from .state import DocState

#: the day of the meeting told last ('later that day', 'the same day')
_SAME_DAY = CueTemplate(r"\b{:same_day}\b", re.IGNORECASE)

#: a day named from the one just reported, else from the document's date, and the shift in days
#: ('the day before' alone: 'the day before the summit' names no day)
_DAY_SHIFT = CueTemplate(
    r"\b(?:(?P<back>{:day_before})(?!\s+(?:the|a|an|his|her|its|their|(?-i:[A-Z])))"
    r"|(?P<after>{:day_after})(?=\s+(?:(?:a|his|her|their)\s+)?{:day_after_what}\b)|(?P<on>{:next_day}))\b",
    re.IGNORECASE,
)

#: a clause with a subject of its own ('since Pezeshkian took office', 'since he took office')
_CLAUSE_OF_ITS_OWN = CueTemplate(r"\b{:own_clause}\s+(?:(?:(?-i:[A-Z])[\w'’-]*\s+){1,4}|(?:he|she|they|it)\s+){:own_clause_verb}\b")

#: what may stand between a speech verb and the date of the saying: 'announced in a statement on Monday',
#: 'said Anwar at a special press conference on Saturday'
_SAID_GAP = CueTemplate(r"(?:\s+(?-i:[A-Z])[\w'’.-]*){0,3}?(?:\s+(?:in|at|during)\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,2}?{:said_in})?\s+")

#: date rules that may leave the year to the document's date, and a year written out
_YEARLESS_RULES = frozenset({"md", "dm", "month", "range-md", "range-dm", "range-md-md", "range-dm-dm"})

_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")

#: the words a paragraph may open with before its date ('On', 'On the final day of the summit,')
_OPENING_DATE = CueTemplate(r"[^\S\n]*(?:{:date_opening}\b[^\n,.;]{0,36}?,?[^\S\n]*)?(?:on[^\S\n]+)?")

#: a verb of the reporting moment: the present perfect of a meeting verb, or the meeting going on
_NOW_TENSE = CueTemplate(r"\b{:now_tense}\b")

#: what makes a present perfect tell of experience, not of today ('has met him several times', 'has held talks since 2019')
_NOT_NOW = CueTemplate(r"\b{:not_now}\b", re.IGNORECASE)

#: after a date's "'s", a meeting it dates ('Monday's talks'; not 'yesterday's strike')
_POSSESSED_MEETING = CueTemplate(r"['’]s\s+(?:[\w-]+\s+)?{:possessed_meeting}\b", re.IGNORECASE)

#: the words that give a plan's day ('due to start on Sunday', 'scheduled for Monday')
_PLAN_BEFORE = CueTemplate(r"\b{:plan_before}\b[^.;]{0,30}$", re.IGNORECASE)


def _year_before(d: PartialDate) -> PartialDate:
    return PartialDate(d.year - 1, d.month, d.day) if d.year is not None else d


class MeetingDates(DocState):
    """Meeting dates: when each candidate was, from the sentence's dates and what came before it."""

    def _find_paragraph_dates(self, dates: list[DateMention]) -> dict[int, DateMention]:
        """The date opening each paragraph ('On October 23,' or 'On the final day of the summit, October 24,'), by the paragraph's first character."""
        found: dict[int, DateMention] = {}
        for d in dates:
            line = self.ptext.rfind("\n", 0, d.start) + 1
            if d.first.is_full or d.first.month is not None:
                if line not in found and d.start - line <= 45 and self.gaz.cues[_OPENING_DATE].fullmatch(self.ptext, line, d.start) and not self._is_dateline(d):
                    found[line] = d
        return found

    def _date_frames(self, frames: _Frames, s: Sentence, sdates: list[DateMention]) -> tuple[list[DateMention], Optional[DateMention]]:
        """Date each candidate by the sentence's dates; return the dates taken and the paragraph's opening date, if it applies.

        Args:
            frames: the sentence's candidates.
            s: the sentence.
            sdates: the date mentions of the sentence.
        """
        cands = frames.cands
        dated: list[DateMention] = []
        opening: Optional[DateMention] = None
        #: the candidates a date modifies ("today's meeting"): a later date in the sentence is another thing's ('the August 9 polls')
        modified: set[int] = set()
        for d in sdates:
            # ISO timestamps and datelines date the page, not the meeting
            # ('since 2018', 'until 2030' bound a period: they do not date a meeting)
            if d.first.is_empty or d.rule in ("iso", "numeric") or d.boundary or self._is_dateline(d) or frames.in_relative(d.start, who=True):
                continue
            # ('..., the ministry said on Friday': the day it was said, not the day of the meeting)
            if self._said_just_before(max(s.start, d.start - 90), d.start):
                continue
            noun = frames.modified(d.end)
            cand = noun or frames.owner(d.start)
            if noun is None and id(cand) in modified:
                continue
            if cand.end <= d.start and self.gaz.cues[_CLAUSE_OF_ITS_OWN].search(self.ptext, cand.end, d.start):
                continue  # 'their first meeting since Pezeshkian took office in July': July dates his taking office
            dated.append(d)
            if d.bounds:
                cand.week = d.bounds
            after = d.start >= cand.end and (cand.date_span is None or cand.date_span[0] < cand.start)
            # ('today and tomorrow (28 and 29 February)': the same start, and now the end too)
            longer = d.first == cand.first and cand.last == cand.first and d.last != d.first
            # ('Today, 20 September, ...': the date named beside 'today' is the day meant)
            named = cand.date_rule == "today" and cand.date_span is not None and re.fullmatch(r",?\s*(?:the\s+)?", self.ptext[cand.date_span[1] : d.start]) is not None
            if cand.date_span is None or after or longer or named or (cand.first.specificity < d.first.specificity and d.rule != "year"):
                cand.take_date(d)
                if noun is not None:
                    modified.add(id(cand))
            if d.end <= cands[0].start and opening is None:
                opening = d
        # 'On October 23, the summit met ... Putin held a series of meetings': a date that opens
        # a paragraph dates the held meetings its later sentences tell, unless they date them themselves
        para_date = self._paragraph_dates.get(self.ptext.rfind("\n", 0, s.start) + 1)
        para_date = para_date if para_date is not None and para_date.start < s.start and not sdates else None
        if opening is not None:
            # 'Last year, Macron made a state visit to China, where he met Xi in Beijing': a date that opens
            # the sentence dates each meeting in it that has no date of its own
            for cand in cands:
                if cand.date_span is None:
                    cand.take_date(opening)
                    cand.date_inherited = cand is not cands[0]
        return dated, para_date

    def _duration_frames(self, frames: _Frames, sdur: list) -> None:
        """Give each candidate the duration the sentence names after it ('for two hours')."""
        for d in sdur:
            cand = frames.owner(d.start)
            if cand.duration is None:
                cand.duration, cand.duration_iso, cand.duration_span = self.text[d.start : d.end], d.iso, (d.start, d.end)

    def _frame_date(self, cand: _Candidate, s: Sentence, para_date: Optional[DateMention]) -> None:
        """Date a candidate by what the text told before it ('that day', 'the day before', a paragraph's date), and fix its year or week.

        Args:
            cand: the candidate, with its status.
            s: the sentence.
            para_date: the date opening the paragraph, if it dates the sentence.
        """
        if para_date is not None and cand.date_span is None and cand.status is None:
            cand.take_date(para_date)
        # ('Later in the day, A and B held ... talks': a cue opening the sentence dates all of it)
        same_day_re = self.gaz.cues[_SAME_DAY]
        same_day = same_day_re.search(self.ptext, max(s.start, cand.start - 80), cand.end + 40) or same_day_re.match(self.ptext, s.start)
        if same_day and cand.date_span is None and self._last_date is not None:
            cand.first = cand.last = self._last_date[0]
            cand.date_span = (same_day.start(), same_day.end())
        shift = self.gaz.cues[_DAY_SHIFT].search(self.ptext, max(s.start, cand.start - 80), min(s.end, cand.end + 40))
        if shift and cand.date_span is None:
            base = (self._last_date[0].to_date() if self._last_date else None) or self.day
            if base is not None:
                cand.first = cand.last = PartialDate.of(base + dt.timedelta(days=-1 if shift.group("back") or shift.group("after") else 1))
                cand.date_span, cand.day_shift = shift.span(), True
        # ('Lavrov has begun talks with ...', 'The meeting is taking place at ...': a live report's meeting is today's)
        now = self.gaz.cues[_NOW_TENSE].search(self.ptext, max(s.start, cand.start - 40), min(s.end, cand.end + 40))
        if (
            now and cand.date_span is None and cand.status is None and self.day is not None
            and not self.gaz.cues[_NOT_NOW].search(self.ptext, s.start, s.end) and not find_dates(self.text[s.start : s.end], self.day)
        ):
            cand.first = cand.last = PartialDate.of(self.day)
            cand.date_span, cand.date_rule = now.span(), "now"
        # a plan's day is ahead of the report, also when the plan was put off ('had been due to start on Sunday')
        put_off_day = cand.status in ("postponed", "cancelled") and cand.date_span and self.gaz.cues[_PLAN_BEFORE].search(self.ptext, max(s.start, cand.date_span[0] - 60), cand.date_span[0])
        if cand.status == "planned" or put_off_day:
            self._date_ahead(cand)
        elif cand.status is None:
            # a meeting told as held is never after its document ('the summit in November', in a May report)
            self._date_behind(cand)
        day = cand.first.to_date()
        if cand.week and cand.date_rule == "weekday" and day and not cand.week[0] <= day <= cand.week[1]:
            # 'next week ... on Wednesday': that week's Wednesday
            shifted = cand.week[0] + dt.timedelta(days=(day.weekday() - cand.week[0].weekday()) % 7)
            if shifted <= cand.week[1]:
                cand.first = cand.last = PartialDate.of(shifted)
        # ('that day' names a day: 'next month' in between does not move it)
        if cand.date_span and cand.first.is_full:
            self._last_date = (cand.first, cand.date_span)

    def _said_just_before(self, a: int, b: int) -> bool:
        """Whether a speech verb of the rules ends just before ``b`` ('the ministry said on Friday': the day it was said)."""
        gap = self.gaz.cues[_SAID_GAP]
        return any(gap.fullmatch(self.ptext, m.end(), b) for p, rule in self.gaz.family_in("speech", self.ptext, a, b) if rule.id == "said" for m in p.finditer(self.ptext, a, b))

    def _date_ahead(self, cand: _Candidate) -> None:
        """A plan's weekday or weekend is the one ahead of the document's date ('will meet ... on Wednesday', 'over the weekend')."""
        if cand.date_span and self.day is not None:
            ahead = find_dates(self.text[cand.date_span[0] : cand.date_span[1]], self.day, future=True)
            if ahead and ahead[0].rule in ("weekday", "week"):
                cand.first, cand.last = ahead[0].first, ahead[0].last

    def _date_behind(self, cand: _Candidate) -> None:
        """What 'met' tells is past: a month or day without a year, after the document's date, is last year's.

        ('He met President Xi in March', in a February report, is last March.)
        """
        if self.day is None or cand.date_span is None or cand.date_rule not in _YEARLESS_RULES:
            return
        first = cand.first
        if first.year is None or first.month is None or _YEAR_IN.search(self.ptext, *cand.date_span):
            return
        if (first.year, first.month, first.day or 1) > (self.day.year, self.day.month, self.day.day if first.day else 31):
            cand.first, cand.last = _year_before(cand.first), _year_before(cand.last)

    def _date_by_report_day(self, meetings: list[tuple[Meeting, _Candidate]], reported: Optional[Meeting], undated: Sequence[Meeting] = ()) -> None:
        """Date the reported meeting, if undated, by the document's day when the text names no other day.

        A readout or a news report tells its day's event ('Putin had a telephone conversation with ...');
        a text that names any other day ('yesterday', 'on Friday', 'in December') may be telling of that one, so it stays undated.
        The other held meetings of ``undated``, told as today's, are on that day too when the text dates a meeting on it
        ('On Monday, A met B ... Before that, A met C'), as every day it names is that one.
        """
        if reported is None or self.day is None or reported.status != "held":
            return
        today = PartialDate.of(self.day)
        # (the reported meeting dated, the others undated are today's only if it is: 'On Monday, A met B ... A also met C')
        if not reported.start.is_empty and not (reported.start == today and undated):
            return
        possessed = self.gaz.cues[_POSSESSED_MEETING]
        for d in self._text_dates:
            # ('yesterday's missile strike' dates the strike; 'Monday's talks' are a meeting)
            if self.text.startswith(("'s ", "’s "), d.end) and not possessed.match(self.text, d.end):
                continue
            owners = self._date_owners.get((d.start, d.end))
            if owners and all(m.status != "held" for m in owners):
                continue  # (a plan's day: 'will meet C on Friday' leaves today's meeting today's)
            first, last = d.first.to_date(), d.last.to_date()
            if first is not None and first > self.day:
                continue  # ('Tomorrow, he is to meet ...': a day after the report is a plan's, never the held meeting's)
            if first is not None and last is not None:
                within = first <= self.day <= last
            else:
                # ('later this week', 'next week' stand for a day of their own, not the report's)
                within = d.rule != "week" and (d.first.compatible(today) or d.last.compatible(today))
            if not within:
                return
        # ('They met the day before'): a meeting the text dates otherwise may be the one it reports
        # (a plan's day is not: 'Tomorrow, A is to meet C' leaves today's meeting today's)
        if any(m.status == "held" and not m.start.is_empty and not m.start.compatible(today) for m, _c in meetings):
            return
        dated_today = any(m.start == today for m, _c in meetings)
        for meeting in ([reported] if reported.start.is_empty else []) + ([m for m in undated if m is not reported] if dated_today else []):
            cand = next(c for m, c in meetings if m is meeting)
            s = self.sentences[cand.sentence]
            if self.gaz.cues[_NOT_NOW].search(self.ptext, s.start, s.end):
                continue  # ('has held talks with him regularly': no one day)
            meeting.start = meeting.end = today
            ev = self.evidence(cand.start, cand.end, "report-day", cand.sentence)
            meeting.facts.append((self.doc.id, "startDate", today.lexical()[0], ev))
            meeting.facts.append((self.doc.id, "endDate", today.lexical()[0], ev))
