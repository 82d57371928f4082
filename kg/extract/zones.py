"""The document's zones: its headline, dateline, photo captions."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Optional

from ..cues import CueTemplate
from ..dates import DateMention
from ..gazetteer import plain
from .sentences import Sentence
from .state import DocState

#: the credit line under a photo's caption
_PHOTO_CREDIT = CueTemplate(r"[^\S\n]*\(?{:photo_credit}\s*(?::|{:credit_mark})[^\n]{0,100}\)?[^\S\n]*(?:\n|$)", re.IGNORECASE)

#: a dateline: a city in capitals or title case opening a line, perhaps a date and an agency, then a dash
_DATELINE_CITY = re.compile(r"^[^\S\n]*(?P<city>(?:[A-Z][A-Za-z.'’-]+)(?:[^\S\n][A-Z][A-Za-z.'’-]+){0,2})(?:,[^\S\n]*[\w .,]{1,25}?)?(?:[^\S\n]*\([\w .-]{1,25}\))?[^\S\n]*(?:[–—]|--?)[^\S\n]", re.MULTILINE)

#: an agency's dateline in capitals with a colon or a bare hyphen ('NEW YORK:', 'ISLAMABAD: ...', 'PARIS-French President ...')
_DATELINE_CAPS = re.compile(r"^[^\S\n]*(?P<city>[A-Z][A-Z.'’]+(?:[^\S\n][A-Z][A-Z.'’]+){0,2})(?:,[^\S\n]*[\w .,]{1,25}?)?(?:[^\S\n]*\([\w .-]{1,25}\))?(?::[^\S\n]|-(?=[A-Z][a-z]))", re.MULTILINE)

#: a city and a colon opening the report: 'Washington:External Affairs Minister ...', 'Islamabad: ...'
_DATELINE_COLON = re.compile(r"^[^\S\n]*(?P<city>[A-Z][A-Za-z.'’-]+(?:[^\S\n][A-Z][A-Za-z.'’-]+){0,2}):(?:[^\S\n]|(?=[A-Z]))", re.MULTILINE)

#: a dateline closed by its agency's name: 'HAVANA, Cuba, Mar 17 (ACN)', 'Addis Ababa February 6/2022 /ENA/'
_DATELINE_AGENCY = re.compile(
    r"^[^\S\n]*(?P<city>[A-Z][A-Za-z.'’-]+(?:[^\S\n][A-Z][A-Za-z.'’-]+){0,2})(?:,[^\S\n]*[A-Z][\w .]{1,25}?)?,?[^\S\n]+"
    r"[A-Z][a-z]{2,8}\.?[^\S\n]+\d{1,2}(?:[/,][^\S\n]*\d{4})?[^\S\n]*(?:/[A-Z]{2,8}/|\([A-Z][A-Za-z ]{1,20}\))",
    re.MULTILINE,
)

#: the place a transcript's title ends in ('Doorstop – London', 'Joint press conference, Canberra | ...')
_TITLE_PLACE = re.compile(r"(?:,|\s[–—-])\s*(?P<city>[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2})\s*(?:\|.*)?$")


#: a line of the text, its words
_LINE = re.compile(r"^[^\S\n]*(\S[^\n]*?)[^\S\n]*$", re.MULTILINE)
#: what may follow a place on a line of its own: its country ('Manila, Philippines')
_PLACE_LINE_REST = re.compile(r"(?:,[^\S\n]*[A-Z][\w .'’-]{2,40})?")


def _folded(text: str) -> str:
    """Text compared as words alone: case, quotes and punctuation aside."""
    return " ".join(re.findall(r"\w+", plain(text).casefold()))


class Zones(DocState):
    """Zones: which sentences repeat the headline or caption a photo, where the dateline stands and what city it names."""

    @cached_property
    def _headlines(self) -> frozenset[int]:
        """The sentences that repeat the document's title: its headline, over the body and in site furniture."""
        title = _folded(self.doc.title or "")
        if len(title) < 12:
            return frozenset()
        return frozenset(i for i, s in enumerate(self.sentences) if _folded(self.text[s.start : s.end]) == title)

    @cached_property
    def _dateline_city(self) -> Optional[tuple[str, tuple[int, int]]]:
        """The city of the dateline opening the report ('TOKYO –', 'MOSCOW, Oct 5 (Reuters) -'), and where it stands."""
        m = _DATELINE_CITY.search(self.ptext, 0, 3000)
        pid = self.gaz.city_names.get(m.group("city").strip().casefold()) if m else None
        if pid:
            return pid, m.span("city")
        for m in (*_DATELINE_CAPS.finditer(self.ptext, 0, 3000), *_DATELINE_AGENCY.finditer(self.ptext, 0, 3000), *_DATELINE_COLON.finditer(self.ptext, 0, 600)):
            pid = self.gaz.city_names.get(m.group("city").strip().casefold())
            if pid:
                return pid, m.span("city")
        # a transcript's title says where it was given ('Press conference, London'): there, if the text repeats it
        t = _TITLE_PLACE.search(self.doc.title or "")
        pid = self.gaz.city_names.get(t.group("city").casefold()) if t else None
        if pid:
            at = self.ptext.find(t.group("city"), 0, 3000)
            if at >= 0:
                self._title_city = True
                return pid, (at, at + len(t.group("city")))
        return self._place_line

    @cached_property
    def _place_line(self) -> Optional[tuple[str, tuple[int, int]]]:
        """A line near the top that is only a place ('Malacañang Palace', then 'Manila, Philippines'): where remarks were given."""
        for line in _LINE.finditer(self.ptext, 0, 600):
            a, b = line.span(1)
            hits = [h for h in self._hits.overlapping(a, b) if h.kind == "place" and h.start == a]
            if hits and _PLACE_LINE_REST.fullmatch(self.ptext, hits[0].end, b):
                place = self.gaz.places.get(hits[0].targets[0])
                if place is not None and (place.type in ("city", "venue") or place.id in self.gaz.city_states):
                    return place.id, (hits[0].start, hits[0].end)
        return None

    def _is_dateline(self, d: DateMention) -> bool:
        """'NEW DELHI, March 3, 2023 —' and a date alone on its line date the document."""
        # ('MOSCOW, Oct 5 (Reuters) -': the agency's name may stand between)
        after = self.ptext[d.end : d.end + 40]
        line_start = self.ptext.rfind("\n", 0, d.start) + 1
        line_end = self.ptext.find("\n", d.end)
        line = self.ptext[line_start : line_end if line_end >= 0 else len(self.ptext)]
        # ('Tokyo, Jan. 23 (Jiji Press)--Aiming ...', 'Abuja, May 3 (NAN):': an agency's name needs no space after it)
        return bool(re.match(r"\s*(?:(?:-|–|—|--)\s|\([^()\n]{1,30}\)\s*(?:-|–|—|--|:))", after)) or line.strip() == d.text.strip()

    def _is_caption(self, s: Sentence) -> bool:
        """A photo's caption, which a credit line follows ('(Photo: Cabinet Public Relations Office)'): page furniture."""
        end = self.ptext.find("\n", s.end - 1 if s.end else 0)
        return end >= 0 and bool(self.gaz.cues[_PHOTO_CREDIT].match(self.ptext, end + 1))
