"""Where a meeting was: the place and setting each sentence gives its meeting candidates."""

from __future__ import annotations

import re
from typing import Optional

from ..cues import CueTemplate
from ..gazetteer import Hit
from .frames import _Frames
from .sentences import Sentence
from .state import DocState

#: gatherings named for the place that holds them ('Munich Security Conference', 'Doha Forum')
_NAMED_FOR_PLACE = CueTemplate(r"\b{:named_for_place}$", re.IGNORECASE)

#: before a place, an earlier trip or gathering that place is of, and the word before it:
#: 'including her recent visit to' (not 'during her recent visit to', whose place the meeting shares)
_PAST_EVENT_BEFORE = CueTemplate(
    r"(?:(?P<pre>[\w’'-]+)\s+)?(?:(?:the|a|an|his|her|their|its|[\w.-]+['’]s?)\s+)?{:past_event_adjective}\s+(?:[\w’'.-]+\s+){0,3}?"
    r"(?:{:trip_noun}|{:gathering})\s+(?:to|in|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)

#: between a country and a person named after it, words of the person's title ('U.S. presidential envoy', 'Russian Federation Security Council Secretary')
_TITLE_GAP = re.compile(r"[^\S\n]+(?:(?!(?:and|or|with|in|to|on|at|by|from|for|the|a|an|as|after|before|while|between|among|amid|about|over|during|since|including|under|against|into|near|outside|said|says|told|is|was|were|are|has|had|have|will|when|where|which|who|that|this)\b)[\w.’'-]+[^\S\n]+){0,5}")

#: what comes between a preposition and a meeting's place: 'in', 'at the', 'in the Saudi capital,',
#: 'in the South Korean port city of', or a venue kg does not know and a comma ('at State House, Nairobi');
#: or 'will visit Moscow'
_LOC_PREP = CueTemplate(
    r"{:place_preposition}\s+(?:the\s+|(?:his|her|their)\s+)?"
    r"(?:(?:[\w’'-]+\s+){0,4}?{:place_kind_after_in}(?:\s+of)?,?\s+|(?-i:[A-Z][\w’'.-]*)(?:\s+(?-i:[A-Z][\w’'.-]*)){0,3},\s+)?$",
    re.IGNORECASE,
)

#: what makes a country after a meeting its place ('met ... in Malta', 'a visit to Indonesia')
_COUNTRY_PREP = CueTemplate(r"\b{:country_preposition}\s+$", re.IGNORECASE)

#: a topic before 'in' and a place: 'the war in Ukraine' places no meeting
_TOPIC_BEFORE_IN = CueTemplate(r"\b{:topic_before_in}\s+in\s+$", re.IGNORECASE)

#: a place that only qualifies the next one: 'the Black Sea resort of Sochi', 'the Gulf port city of Dammam'
_QUALIFIES_NEXT = CueTemplate(r"\s+(?:[\w'-]+\s+){0,2}?{:place_kind}\s+of\s")

#: what is named for the place before it, not held there: 'the Astana format', 'the Minsk agreements'
_NAMED_AFTER = CueTemplate(r"[^\S\n]+(?:[\w'’-]+[^\S\n]+)?{:named_after_place}\b", re.IGNORECASE)

#: between a meeting and a place, who reports it: the place is the report's ('according to a statement ... in Nairobi')
_ATTRIBUTION = CueTemplate(r"\b{:attribution}\b", re.IGNORECASE)

#: a context telling where a meeting was held ('on the sidelines of', 'at', 'during'), not when ('ahead of')
_AT_CONTEXT = CueTemplate(r"{:at_context}\b", re.IGNORECASE)

#: between a place and the meeting it is the place of ('to Riyadh for talks with')
_FOR_NEXT = CueTemplate(r"\s+for\s+(?:{:meeting_modifier}\s+)*", re.IGNORECASE)

#: before a place, a gathering held there: 'the SCO summit in Samarkand', 'the conference in the French capital, Paris'
#: ('the' gathering, not 'their May summit' or 'a summit', which may be a meeting of two)
_GATHERING_BEFORE = CueTemplate(r"\bthe\s+(?:[\w()’'.&-]+\s+){0,6}?{:gathering}\b[^.;]{0,50}$", re.IGNORECASE)
#: after a place, the gathering held there: 'in Samarkand, Uzbekistan, to attend the SCO summit'
_GATHERING_AFTER = CueTemplate(r",?[^.;]{0,30}?\b(?:to\s+attend|attending|for|at)\s+the\s+(?:[\w()’'.&-]+\s+){0,6}?{:gathering}\b", re.IGNORECASE)

#: place types that never hold a meeting
_NOT_VENUES = frozenset({"continent", "sea", "strait", "shoal"})


def _can_host(place) -> bool:
    """Whether a meeting can be held at a place: not at sea, and not in a region of several countries."""
    return place.type not in _NOT_VENUES and not (place.type == "region" and place.country is None)


class MeetingPlaces(DocState):
    """Meeting places: where each candidate was, from the sentence's places and setting."""

    def _place_frames(self, frames: _Frames, s: Sentence, splaces: list[Hit]) -> tuple[list[Hit], list[Hit]]:
        """Give each candidate the place the sentence names for it; return the places taken and those that could host.

        Args:
            frames: the sentence's candidates.
            s: the sentence.
            splaces: the place hits of the sentence.
        """
        gaz = self.gaz
        cands = frames.cands
        # a continent, a sea or a strait is where a tour goes or what talks are about, never where two sides sat
        # (nor is a region of several countries: 'the Indo-Pacific', 'the Americas')
        splaces = [h for h in splaces if h.targets[0] in gaz.places and _can_host(gaz.places[h.targets[0]])]
        topic_before_in, loc_prep = gaz.cues[_TOPIC_BEFORE_IN], gaz.cues[_LOC_PREP]
        has_city = any(gaz.places[h.targets[0]].type != "country" for h in splaces)
        placed: list[Hit] = []  # the places that may place a meeting
        for h in splaces:
            place = gaz.places[h.targets[0]]
            lead = self.ptext[max(s.start, h.start - 60) : h.start]
            if place.type == "country" and self._titles_person(h, s):
                continue  # 'visiting U.S. presidential envoy X': the envoy's country, not where they met
            if place.type == "country" and place.id not in gaz.city_states:
                # 'met ... in Malta' places the meeting; 'the war in Ukraine' does not
                # ('a visit to Indonesia' places the visit there too)
                # ('Kishida, who was visiting Lithuania ..., held a summit meeting with': where the subject was)
                visiting = re.search(r"\b(?:was|were|is|are|while|when) visiting\s+$", lead, re.IGNORECASE)
                if has_city or not (visiting or any(c.end <= h.start for c in cands)) or not gaz.cues[_COUNTRY_PREP].search(lead) or topic_before_in.search(lead):
                    continue
            if place.type == "region" and topic_before_in.search(lead):
                continue  # 'the situation in the West Bank', 'the war in Gaza'
            if self._earlier_event_place(lead):
                continue  # 'discussed her recent visit to Chile': that trip's place
            if not (loc_prep.search(lead) or (lead.endswith(", ") and any(0 <= h.start - c.end < 4 for c in cands))):
                continue
            if gaz.cues[_QUALIFIES_NEXT].match(self.ptext, h.end):
                continue  # 'the Black Sea resort of Sochi': Sochi
            if gaz.cues[_NAMED_AFTER].match(self.ptext, h.end):
                continue  # 'the summit in the Astana format' is not held in Astana
            if frames.in_relative(h.start):
                continue
            told = [c for c in cands if c.end <= h.start]
            if told and gaz.cues[_ATTRIBUTION].search(self.ptext, told[-1].end, h.start):
                continue  # ('met X, according to a statement obtained by the agency in Nairobi': where the report came from)
            placed.append(h)
            cand = frames.owner(h.start)
            # ('before flying to Riyadh for talks with ...': the talks' place)
            for_next = gaz.cues[_FOR_NEXT]
            after = next((c for c in cands if c.start >= h.end and for_next.fullmatch(self.ptext, h.end, c.start)), None)
            cand = after or cand
            if cand.place is None:
                cand.place, cand.place_span = place.id, (h.start, h.end)
        return placed, splaces

    def _context_frames(self, frames: _Frames, contexts: list, splaces: list[Hit]) -> None:
        """Give each candidate its setting ('on the sidelines of the UN General Assembly'), and the place that names."""
        gaz = self.gaz
        cands = frames.cands
        for ca, cb, _cid in contexts:
            if frames.in_relative(ca):
                continue
            cand = frames.owner(ca)
            if cand.context is None:
                cand.context, cand.context_span = self.text[ca:cb].strip(), (ca, cb)
        for cand in cands:
            # 'on the margins of the Munich Security Conference', and no other place: Munich
            if cand.place is None and cand.context_span and gaz.cues[_NAMED_FOR_PLACE].search(self.ptext, *cand.context_span):
                ca, cb = cand.context_span
                for h in splaces:
                    place = gaz.places.get(h.targets[0])
                    if ca <= h.start and h.end <= cb and place and place.type in ("city", "venue"):
                        cand.place, cand.place_span = place.id, (h.start, h.end)
                        break
            if cand.place is None and cand.context_span:
                seat = self._seat(cand.context_span)
                if seat:
                    cand.place, cand.place_span = seat

    def _titles_person(self, h: Hit, s: Sentence) -> bool:
        """Whether the country at ``h`` opens the title of a person named right after it ('visiting U.S. presidential envoy X')."""
        sidx = self.sentence_of(h.start)
        return any(p.start >= h.end and _TITLE_GAP.fullmatch(self.ptext, h.end, p.start) for p in self._persons_in.get(sidx, ()) if p.start < s.end)

    def _earlier_event_place(self, lead: str) -> bool:
        """Whether the text before a place tells an earlier trip or gathering it is the place of, not the setting of a meeting."""
        m = self.gaz.cues[_PAST_EVENT_BEFORE].search(lead)
        return m is not None and not (m.group("pre") and self.gaz.cues[_AT_CONTEXT].fullmatch(m.group("pre")))

    def _seat(self, span: tuple[int, int]) -> Optional[tuple[str, tuple[int, int]]]:
        """The fixed seat of a body whose session a context names ('on the sidelines of the UN General Assembly')."""
        if not self.gaz.cues[_AT_CONTEXT].match(self.ptext, span[0]):
            return None  # 'ahead of the UN General Assembly' is somewhere else
        for h in self._org_hits.overlapping(*span):
            seat = self.gaz.seats.get(h.targets[0])
            if seat:
                return seat, (h.start, h.end)
        return None

    def _find_gatherings(self, place_hits: list[Hit]) -> list[tuple[int, str, tuple[int, int]]]:
        """Where the text places a gathering of many: (sentence, place id, span) for 'the summit in Samarkand'."""
        gaz = self.gaz
        out = []
        for h in place_hits:
            place = gaz.places.get(h.targets[0])
            if place is None or not _can_host(place):
                continue
            sidx = self.sentence_of(h.start)
            s = self.sentences[sidx]
            lead = self.ptext[max(s.start, h.start - 70) : h.start]
            if not gaz.cues[_LOC_PREP].search(lead) or gaz.cues[_TOPIC_BEFORE_IN].search(lead):
                continue
            if gaz.cues[_QUALIFIES_NEXT].match(self.ptext, h.end) or gaz.cues[_NAMED_AFTER].match(self.ptext, h.end):
                continue  # ('the summit in the Astana format' is held elsewhere)
            if self._earlier_event_place(lead):
                continue  # ('after the last summit in Lima': not where today's meetings are)
            if gaz.cues[_GATHERING_BEFORE].search(lead) or gaz.cues[_GATHERING_AFTER].match(self.ptext[: s.end], h.end):
                out.append((sidx, place.id, (h.start, h.end)))
        return out
