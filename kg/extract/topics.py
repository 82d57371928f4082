"""Topics: the issues a text names, those its meetings discussed, and who raised which."""

from __future__ import annotations

import re
from typing import Optional

from ..cues import CueTemplate
from ..gazetteer import Hit
from ..model import Meeting, Mention, Stance
from .sentences import Sentence
from .state import DocState, PersonMention

#: the sides of the meeting just told, opening a sentence ('They discussed ...')
_GROUP_SUBJECT = CueTemplate(r"^\W*{:group_subject}\b")

_SUBJECT_PRONOUN = re.compile(r"^\W*(He|She)\b")

#: the words of a side's position: a sentence with them, naming nobody, goes on with what a participant said
_SPEECH_GOES_ON = CueTemplate(r"\b{:speech_goes_on}\b")

#: the meeting as a sentence's subject: 'The talks', 'their meeting', 'Talks focused on ...'; 'our meeting' in a participant's remarks
_TALKS_SUBJECT = CueTemplate(r"\b(?:the|their|both|our) {:talks_subject}\b|^\W*{:talks_opening}\b", re.IGNORECASE)

#: the meeting's sides as the unnamed agents: 'The situation in Belarus was also discussed.'
_PASSIVE_DISCUSSED = CueTemplate(r"\b(?:was|were) (?:{:discussed_adverb} )?{:discussed_passive}\b")


#: a sentence's opening article, before a title standing for its holder
_THE_OPENING = re.compile(r"^\W*The\s+")

#: 'During the phone calls', 'in these meetings': meetings told one by one together
_PLURAL_MEETINGS = re.compile(r"\b(?:the|these|those|both|all|their)\s+(?:[\w-]+\s+)?(?:calls|meetings|conversations)\b", re.IGNORECASE)


class Topics(DocState):
    """Topics: issue mentions, the issues each meeting discussed, and the stances taken on them."""

    def _concepts(self) -> list[Hit]:
        found = sorted(self.gaz.triggers.find(self.ptext), key=lambda h: (h.start, -h.end))
        # a trigger inside a longer one of an unrelated concept yields to it: 'nuclear power plant'
        # (nuclear safety) is no 'nuclear power' (energy); 'Taiwan' in 'Taiwan Strait' stays
        ancestors = self.gaz.concept_ancestors
        hits: list[Hit] = []
        open_: list[Hit] = []  # kept hits that may still hold the next ones
        for hit in found:
            open_ = [h for h in open_ if h.end > hit.start]
            outer = [h for h in open_ if hit.end <= h.end and h.end - h.start > hit.end - hit.start]
            if outer and not any(cid in ancestors.get(o, ()) for h in outer for o in h.targets for cid in hit.targets):
                continue
            hits.append(hit)
            open_.append(hit)
        for hit in hits:
            for cid in hit.targets:
                self.facts.mentions.append(Mention("concept", cid, hit.surface, self.evidence(hit.start, hit.end, "issue-trigger")))
        return hits

    def _link_issues(self, meetings: list[Meeting], reported: Optional[Meeting], concept_hits: list[Hit]) -> None:
        gaz = self.gaz
        doc = self.doc.id
        if not meetings:
            return
        by_sentence: dict[int, list[Hit]] = {}
        for hit in concept_hits:
            by_sentence.setdefault(self.sentence_of(hit.start), []).append(hit)
        participants_of = {id(m): set(m.participants) for m in meetings}
        final = set(participants_of)
        subject_prev: Optional[str] = None
        persons_in = self._starting_in(self.persons)
        # in an official readout, sentences naming nobody after 'Wang Yi said that ...' go on with what he said
        official = self._publisher_org is not None and reported is not None
        speaking: Optional[Meeting] = None
        for sidx, s in enumerate(self.sentences):
            stext = self.ptext[s.start : s.end]
            people = persons_in.get(sidx, [])
            m_pron = _SUBJECT_PRONOUN.match(stext)
            pron_person = subject_prev if m_pron else None
            refs = {p.person for p in people}
            if pron_person:
                refs.add(pron_person)
            settings = self._context_at.get(sidx, ())
            hits = [h for h in by_sentence.get(sidx, []) if not any(ca <= h.start and h.end <= cb for ca, cb, _ in settings)]
            asc = self._ascii(stext)
            linked = False
            if hits and gaz.any_match("discussion", stext, ascii=asc):
                group = gaz.any_match("group_anaphora", stext, ascii=asc) or bool(gaz.cues[_GROUP_SUBJECT].match(stext))
                talks = gaz.cues[_TALKS_SUBJECT].search(stext) or (not people and gaz.cues[_PASSIVE_DISCUSSED].search(stext))
                told = self._told_in.get(sidx, set()) & final
                target = None
                for meeting in meetings:
                    if meeting is reported:
                        continue
                    # ('the two leaders' call' naming both callers is their call, not the sides of the one reported)
                    own = bool(refs) and refs <= participants_of[id(meeting)] and not (reported and refs <= participants_of[id(reported)])
                    if (id(meeting) in told or any(f[0] == doc and f[3].start == s.start for f in meeting.facts)) and not (reported and refs & participants_of[id(reported)] and group and not own):
                        target = meeting if participants_of[id(meeting)] & refs else None
                if target is None and group:
                    # 'they' are the sides of the one meeting the last sentence told of ('... where he met
                    # Netanyahu. They discussed ...'), unless that was an older one and the document reports another
                    before = self._told_in.get(sidx - 1, set()) & final
                    last = next(m for m in meetings if id(m) in before) if len(before) == 1 else None
                    if last is not None and (reported is None or last.reported_in):
                        target = last
                if target is None and group and not people:
                    # 'the two leaders' are the two the text named last: 'Meloni and Vucic agreed ... The two leaders
                    # also exchanged views on ...', when the document reports their meeting (not an older one it recalls)
                    named = self._last_named_group(sidx, persons_in)
                    fits = [m for m in meetings if len(named) >= 2 and named <= participants_of[id(m)] and (reported is None or m.reported_in)]
                    if len(fits) == 1:
                        target = fits[0]
                if target is None and not people and not m_pron and not group:
                    # ('Lavrov and Zarif will hold talks in Moscow. It is expected to continue the exchange of views on ...':
                    # naming nobody, it goes on about the one meeting the sentence before told of)
                    before = self._told_in.get(sidx - 1, set()) & final
                    last = next(m for m in meetings if id(m) in before) if len(before) == 1 else None
                    if last is not None and last is not reported and reported is None:
                        target = last
                # a document telling of one meeting alone is about it, reported or not ('The call also addressed ...')
                anchor = reported if reported is not None else (meetings[0] if len(meetings) == 1 else None)
                # ('The Deputy Secretary underscored ...' naming nobody: a title alone stands for a side)
                titled = not people and not m_pron and self._title_opens(stext)
                if target is None and anchor is not None and (refs & participants_of[id(anchor)] or group or talks or titled):
                    target = anchor
                if target is not None and not group and not m_pron and not titled and not self._said_by(s, people, target, asc):
                    target = None
                if target is not None:
                    # ('separate calls with A, B and C ... During the phone calls, ...': each of those calls)
                    together = [target] + (self._told_with(target, meetings) if _PLURAL_MEETINGS.search(stext) else [])
                    for hit in hits:
                        for cid in hit.targets:
                            ev = self.evidence(hit.start, hit.end, "issue:" + cid, sidx)
                            for meeting in together:
                                if cid not in meeting.issues:
                                    meeting.issues.append(cid)
                                meeting.facts.append((doc, "about", cid, ev))
                    self._stances(target, sidx, s, people, pron_person, hits)
                    linked = True
            if official:
                if people or m_pron:
                    said = refs & participants_of[id(reported)] and gaz.any_match("discussion", stext, ascii=asc) and self._said_by(s, people, reported, asc)
                    speaking = reported if said else None
                elif hits and speaking is not None and not linked and gaz.cues[_SPEECH_GOES_ON].search(stext) and not gaz.any_match("speech", stext, ascii=asc):
                    # what a side should, must or will do is still its word; a fact told ('Hamas receives
                    # support') or somebody else's ('According to a report, ...') is not
                    for hit in hits:
                        for cid in hit.targets:
                            if cid not in speaking.issues:
                                speaking.issues.append(cid)
                            speaking.facts.append((doc, "about", cid, self.evidence(hit.start, hit.end, "issue:" + cid, sidx)))
            subj = [p for p in people if not p.speaker]
            if subj:
                subject_prev = subj[0].person
            elif not m_pron:
                subject_prev = subject_prev if not people else people[0].person

    def _last_named_group(self, sidx: int, persons_in: dict) -> set:
        """The people of the nearest sentence before ``sidx`` (within three) that names two or more, else none."""
        for back in range(sidx - 1, max(-1, sidx - 4), -1):
            named = {p.person for p in persons_in.get(back, []) if not p.speaker}
            if len(named) >= 2:
                return named
        return set()

    def _title_opens(self, stext: str) -> bool:
        """Whether the sentence opens with 'The' and a title: 'The Foreign Minister stressed ...'."""
        m = _THE_OPENING.match(stext)
        return m is not None and self.gaz.title_regex.match(stext, m.end()) is not None

    def _told_with(self, target: Meeting, meetings: list[Meeting]) -> list[Meeting]:
        """The other meetings one sentence tells with ``target``, of a side they share ('separate calls with A, B and C')."""
        told = [ids for ids in self._told_in.values() if id(target) in ids]
        return [m for m in meetings if m is not target and any(id(m) in ids for ids in told) and set(m.participants) & set(target.participants)]

    def _said_by(self, s: Sentence, people: list[PersonMention], meeting: Meeting, asc: bool) -> bool:
        """Whether the sentence reports the discussion: a cue beyond 'said', or a participant saying it.

        ('Jean-Pierre said that the President would return after the G7' tells no topic of his call.)
        """
        said = None
        for pattern, rule in self.gaz.family_in("discussion", self.ptext, s.start, s.end, ascii=asc):
            m = pattern.search(self.ptext, s.start, s.end)
            if m is None:
                continue
            if rule.id != "said":
                return True
            said = m
        if said is None:
            return True
        return any(p.end <= said.start() and p.person in meeting.participants and not p.speaker for p in people)

    def _stances(self, meeting: Meeting, sidx: int, s: Sentence, people: list[PersonMention], pron_person: Optional[str], hits: list[Hit]) -> None:
        """Who raised, stressed or urged which issue: each verb takes the issues of its own clause."""
        participants = set(meeting.participants)
        verbs = []
        if not self.gaz.any_match("stance", self.ptext, s.start, s.end, ascii=self._ascii_text):
            return
        for pattern, rule in self.gaz.family_in("stance", self.ptext, s.start, s.end, ascii=self._ascii_text):
            for m in pattern.finditer(self.ptext, s.start, s.end):
                verbs.append((m.start(), m.end(), rule))
        verbs.sort(key=lambda v: (v[0], -(v[1] - v[0])))
        kept = []
        for v in verbs:
            if kept and v[0] < kept[-1][1]:
                continue
            kept.append(v)
        for i, (start, end, rule) in enumerate(kept):
            upto = kept[i + 1][0] if i + 1 < len(kept) else s.end
            since = kept[i - 1][1] if i else s.start
            if rule.id == "raised-by":
                agents = [p.person for p in people if p.start >= end and p.person in participants][:1]
                objects = [h for h in hits if since <= h.start and h.end <= start]
            else:
                before = [p for p in people if p.end <= start and p.person in participants and not p.speaker]
                agents = [before[-1].person] if before else ([pron_person] if pron_person in participants else [])
                objects = [h for h in hits if end <= h.start < upto]
            if not agents or not objects:
                continue
            for hit in objects:
                for cid in hit.targets:
                    if any(st.person == agents[0] and st.concept == cid and st.verb == rule.stance for st in meeting.stances):
                        continue
                    ev = self.evidence(start, hit.end, "stance:" + rule.id, sidx)
                    meeting.stances.append(Stance(agents[0], rule.stance or rule.id, cid, ev))
