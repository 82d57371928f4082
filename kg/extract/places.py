"""Place and organization mentions, and the places a text names in passing: capitals, arrivals."""

from __future__ import annotations

import re

from ..cues import CueTemplate
from ..gazetteer import Hit
from ..model import Mention
from .state import DocState

#: 'capital' after a demonym naming the city: 'the Turkmen capital, ...', not 'Turkmen capital markets'
_CAPITAL_AFTER = CueTemplate(r"[^\S\n]+{:capital}\b(?=\s*(?:[,.;:)]|$)|\s+(?:{:after_capital}|[A-Z\d])\b)")


class PlaceMentions(DocState):
    """Places: place and organization mentions; capitals named by demonym; arrivals."""

    def _places_orgs(self, hits: list[Hit]) -> None:
        for hit in hits:
            if hit.kind == "place":
                pid = hit.targets[0]
                self._use_place(pid)
                self.facts.mentions.append(Mention("place", pid, hit.surface, self.evidence(hit.start, hit.end, "place-gazetteer")))
            elif hit.kind == "demonym":
                pid = hit.targets[0]
                self._use_place(pid)
                self.facts.mentions.append(Mention("place", pid, hit.surface, self.evidence(hit.start, hit.end, "demonym")))
            elif hit.kind == "org":
                oid = hit.targets[0]
                self.facts.orgs[oid] = self.gaz.orgs[oid]
                self.facts.mentions.append(Mention("org", oid, hit.surface, self.evidence(hit.start, hit.end, "org-gazetteer")))

    def _use_place(self, pid: str) -> None:
        for place in self.gaz.enclosing(pid):
            self.facts.places[place.id] = place

    def _capitals(self, hits: list[Hit]) -> list[Hit]:
        """'the Turkmen capital' names Ashgabat: a place hit over the demonym and the word 'capital'."""
        out = []
        for h in hits:
            if h.kind != "demonym":
                continue
            m = self.gaz.cues[_CAPITAL_AFTER].match(self.ptext, h.end)
            pid = self.gaz.capitals.get(h.targets[0].upper()) if m else None
            if pid and self.ptext[max(0, h.start - 4) : h.start].lower() == "the ":
                out.append(Hit(h.start, m.end(), self.ptext[h.start : m.end()], "place", (pid,)))
        return out

    def _find_arrivals(self, place_hits: list[Hit]) -> list[tuple[int, str, str, tuple[int, int]]]:
        """Who arrived where: (sentence, person, place id, span) for 'Putin arrived in Kazan'."""
        out = []
        for h in place_hits:
            place = self.gaz.places.get(h.targets[0])
            # (a country too: 'the visit of Vice President Oktay to Azerbaijan' places what nothing else places)
            if place is None or place.type not in ("city", "venue", "country") and place.id not in self.gaz.city_states:
                continue
            sidx = self.sentence_of(h.start)
            s = self.sentences[sidx]
            lead = self.ptext[max(s.start, h.start - 70) : h.start]
            asc = self._ascii(lead)
            if not any(p.search(lead) for p, _r in self.gaz.family_in("arrival", lead, ascii=asc)):
                continue
            who = [p for p in self._persons_in.get(sidx, ()) if s.start <= p.start and p.end <= h.start and not p.speaker]
            if not who and re.search(r"\byou\b", lead, re.IGNORECASE):
                # ('Thank you for travelling to Aotearoa New Zealand', in a transcript: where its speaker received them)
                who = [p for p in self.persons if p.rule == "first-person" and h.start - 3000 < p.start < h.start][-1:]
            if who:
                out.append((sidx, who[-1].person, place.id, (h.start, h.end)))
        return out
