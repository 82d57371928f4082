"""Name hits, and the new people a title cue or an appositive introduces ("Vice Premier Zhao Mingde")."""

from __future__ import annotations

import bisect
import re
from typing import Optional

from ..cues import CueTemplate
from ..gazetteer import LINE_WRAP, Hit, plain
from ..model import Person, Role
from ..ruleset import slugify
from .state import DocState, PersonMention, _Spans

#: a word of a name: a capitalised word, or a particle ('bin', 'da')
_NAME_TOKEN = r"(?:[A-Z\u00c0-\u00de][\w'’.-]*|{:name_particle})"

_NOT_NAME = {
    "the", "he", "she", "it", "they", "we", "i", "in", "on", "at", "and", "but", "or", "of", "for", "to", "a", "an",
    "said", "says", "also", "met", "held", "with", "who", "whose", "this", "that", "these", "those", "his", "her",
    "their", "our", "as", "after", "before", "during", "while", "when", "from", "by", "secretary", "minister",
    "president", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "today",
    "yesterday", "state", "foreign", "affairs", "department", "ministry", "government", "office", "council",
    "committee", "commission", "party", "central", "national", "security", "general", "office", "people", "republic",
}

#: words that end the name of a body, never a person's: a name after them is the person's
_BODY_WORDS = frozenset({"bank", "fund", "organization", "organisation", "union", "agency", "assembly", "parliament", "forum",
                         "corporation", "association", "institute", "court", "board", "authority", "alliance", "league", "nations", "cabinet", "secretariat"})

#: letters after a name that are no part of it ('Justin Tkatchenko MP')
_POST_NOMINALS = frozenset({"MP", "MPs", "MLA", "MHA", "QC", "KC", "OBE", "CBE", "KBE", "CMG", "KCMG", "GCMG", "AO", "AC", "PC"})

# tokens of one name may wrap onto the next line, never across a blank line (a headline and its body)
_NAME_RUN = CueTemplate(_NAME_TOKEN + r"(?:(?=\s)[^\S\n]*\n?[^\S\n]*" + _NAME_TOKEN + ")*")

#: a name's particle just before a word ('der' of 'Von der Leyen')
_PARTICLE_BEFORE = CueTemplate(r"\b{:name_particle}[^\S\n]+$")

#: a word of a person's name: a capital, then small letters ('Nicolás', "O'Neill", 'Smith-Jones')
_NAME_WORD = r"(?-i:[A-Z\u00c0-\u00de][a-z\u00df-\u00ff'’]+(?:-[A-Z\u00c0-\u00de]?[a-z\u00df-\u00ff'’]+)?)"

#: a run of such words before 'and' and a person ...
_NAME_BEFORE_AND = re.compile(r"(?P<name>" + _NAME_WORD + r"(?:[^\S\n]+" + _NAME_WORD + r")*)[^\S\n]+and[^\S\n]+$")

#: ... and after a person and 'and'
_NAME_AFTER_AND = re.compile(r",?[^\S\n]+and[^\S\n]+(?P<name>" + _NAME_WORD + r"(?:[^\S\n]+" + _NAME_WORD + r")*)(?![\w'’.-])")

#: 'of France', 'of the Federative Republic of Brazil', 'of the Republic'
_OF_COUNTRY = CueTemplate(r"\s+of\s+(?:the\s+)?(?P<state>(?:[A-Z][\w-]+\s+){0,3}?{:state_word}(?P<named>\s+of\s+(?:the\s+)?)?)?")

#: a royal or honorific style before a name, which the gazetteer's names leave out
_ROYAL = CueTemplate(r"^{:royal}\s+")

#: a style between a title and a name ('the Hon', 'H.E.', 'Dr.', 'HH', 'Datuk Seri')
_HONORIFIC = CueTemplate(r"{:honorific}\s+")

#: a speaker's name in capitals opening a transcript's turn ('ANTHONY ALBANESE, PRIME MINISTER:')
_CAPS_LABEL = re.compile(r"^[^\S\n]*([A-Z][A-Z'’.-]+(?:[^\S\n]+[A-Z][A-Z'’.-]+){1,3})(?=[^\S\n]*[,:])", re.MULTILINE)


class NameMentions(DocState):
    """Names: the gazetteer's name hits, and the people the text introduces that it does not know."""

    def _name_hits(self) -> list[Hit]:
        priority = {"person": 0, "org": 1, "place": 2, "short": 3, "demonym": 4}
        # a name may wrap onto the next line ('Musalia\nMudavadi'), never across a blank line
        hay = LINE_WRAP.sub(" ", self.ptext) if "\n" in self.ptext else self.ptext
        # a transcript's speaker in capitals ('ANTHONY ALBANESE, PRIME MINISTER:') is read as the name it is
        for m in _CAPS_LABEL.finditer(self.ptext):
            name = m.group(1).title()
            if len(name) == m.end(1) - m.start(1):
                hay = hay[: m.start(1)] + name + hay[m.end(1) :]
        hits = self.gaz.names.find(hay)
        hits.sort(key=lambda h: (-(h.end - h.start), priority.get(h.kind, 9), h.start))
        # longest first; a character once covered is taken (the same span may name several kinds)
        covered = bytearray(len(self.ptext) + 1)
        kept: list[Hit] = []
        orgs: set[tuple[int, int]] = set()
        for hit in hits:
            if any(covered[hit.start : hit.end]):
                # 'the Kremlin' names an office and a building: after 'in the', the building
                if hit.kind == "place" and (hit.start, hit.end) in orgs:
                    self._shadow_places.append(hit)
                continue
            covered[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            kept.append(hit)
            if hit.kind == "org":
                orgs.add((hit.start, hit.end))
        kept.sort(key=lambda h: h.start)
        return kept

    def _demonym_before(self, pos: int) -> Optional[str]:
        for h in self._hits.overlapping(pos - 4, pos):
            # ('Chinese Foreign Minister', "China's Foreign Minister")
            if h.kind in ("demonym", "place") and h.end <= pos and pos - h.end <= 3 and self.ptext[h.end : pos].strip() in ("", "'s", "’s"):
                place = self.gaz.places.get(h.targets[0])
                if place and place.type == "country":
                    return place.country
            if h.kind in ("demonym",) and h.end <= pos and pos - h.end <= 2:
                return h.targets[0].upper()
        return None

    def _country_after(self, pos: int) -> Optional[str]:
        """The country a title names after it: 'President of the French Republic'."""
        of = self.gaz.cues[_OF_COUNTRY].match(self.ptext, pos)
        if of is None:
            return None
        if of.group("state") and not of.group("named"):
            for h in self._hits.starting(of.start("state"), of.end("state")):
                code = self._country_of_hit(h)  # 'of the French Republic'
                if code:
                    return code
            # 'the President of the Republic' in a presidency's release: its own
            org = self._publisher_org
            return org.country if org is not None else None
        # ('of the Republic of Korea': the whole name is the country's)
        for h in [*self._hits.starting(of.end(), of.end() + 1), *(self._hits.starting(of.start("state"), of.start("state") + 1) if of.group("state") else ())]:
            code = self._country_of_hit(h)
            if code:
                return code
        return None

    def _country_of_hit(self, h: Hit) -> Optional[str]:
        """The country a name hit names: a country's name or its demonym."""
        if h.kind == "demonym":
            return h.targets[0].upper()
        place = self.gaz.places.get(h.targets[0]) if h.kind == "place" else None
        return place.country if place is not None and place.type == "country" else None

    def _new_name(self, pos: int, exclude: Optional[Hit] = None) -> Optional[tuple[str, int]]:
        m = self.gaz.cues[_NAME_RUN].match(self.ptext[pos : pos + 80])
        if not m:
            return None
        return self._clean_name(m.group(0), pos, check=True, exclude=exclude)

    def _clean_name(self, raw: str, pos: int, check: bool = False, exclude: Optional[Hit] = None) -> Optional[tuple[str, int]]:
        kept: list[str] = []
        for tm in re.finditer(r"\S+", raw):
            tok = tm.group(0)
            bare = tok.rstrip(".,'’").rstrip("'s")
            if bare.lower() in _BODY_WORDS and len(kept) < 4:
                # 'President of the New Development Bank Dilma Rousseff': the name follows the body's
                kept, pos = [], pos + tm.end() + 1
                continue
            if tok.lower().rstrip(".,") in _NOT_NAME or bare.lower() in _NOT_NAME or bare in _POST_NOMINALS:
                break
            if tok.endswith(("'s", "’s")):
                kept.append(tok[:-2])
                break
            kept.append(tok.rstrip(",."))
            if tok.endswith((",", ".")) and not re.fullmatch(r"[A-Z]\.", tok):
                break
            if len(kept) == 4:
                break
        while kept and (kept[-1][:1].islower() or len(kept[-1]) < 2):
            kept.pop()
        if len(kept) < 2:
            return None
        name = " ".join(kept)
        end = pos + len(name)
        if check:
            for h in self._hits.overlapping(pos, end):
                # (a town inside a name is part of it: 'Mohamed Salem Ould Merzoug' is no Salem)
                inside = h.kind == "place" and pos < h.start and h.end < end
                if h is not exclude and h.kind in ("place", "org", "demonym") and not inside:
                    return None
        return name, pos

    def _add_new_person(self, name: str, pos: int, title: str, kind: str, country: Optional[str], rule: str = "title-cue") -> None:
        key = slugify(name)
        if key in self.gaz.people:
            self._note_title(key, title, kind)
            return
        known = self._known_by_prefix(name, pos + len(name))
        if known is not None:
            # 'Prince Faisal bin Farhan' is the known Faisal bin Farhan Al Saud
            self._note_title(known, title, kind)
            start = pos + (len(name) - len(self.gaz.cues[_ROYAL].sub("", name)))
            if (start, known) not in self._new_mentions:
                self._new_mentions.add((start, known))
                self.persons.append(PersonMention(start, pos + len(name), self.text[start : pos + len(name)], known, rule))
            return
        person = self.new_people.get(key)
        if person is None:
            person = Person(key, name, country)
            self.new_people[key] = person
        elif country and not person.country:
            person.country = country
        title_clean = re.sub(r"^(?:former|then|acting)\s+", "", title.strip(), flags=re.IGNORECASE)
        self.text_roles.setdefault(key, [])
        if title_clean and not any(r.title.lower() == title_clean.lower() for r in self.text_roles[key]):
            self.text_roles[key].append(Role(title_clean, kind))
        end = pos + len(name)
        if (pos, key) not in self._new_mentions:
            self._new_mentions.add((pos, key))
            self.persons.append(PersonMention(pos, end, self.text[pos:end], key, rule))

    def _appositives(self, title_re: re.Pattern) -> None:
        """New people titled after their name: 'Roger Robinson, Founder and Chairman of ...'."""
        gaz = self.gaz
        # ('[A-Z]...\s' once, then {0,2} more, is '{1,3}' opening with a set of characters: sre skips to a capital)
        # ('H.E. Olusegun Obasanjo, former President of ...': the honorific is no part of the name)
        for m in re.finditer(r"([A-Z][\w'’.-]+\s(?:[A-Z][\w'’.-]+\s){0,2}[A-Z][\w'’-]+),\s+(?:the\s+)?(?:former\s+)?(?=" + gaz.title_lookahead + r")", self.ptext):
            name_start, name_end = m.span(1)
            while (honorific := gaz.cues[_HONORIFIC].match(self.ptext, name_start, name_end)) is not None:
                name_start = honorific.end()
            # (a known surname inside is no reason to stop: 'Citlalli Hernández Mora' is no Hernández the rules know)
            if any(h.kind != "short" for h in self._hits.overlapping(name_start, name_end)):
                continue
            # ('Deputy Prime Minister, Minister for Defence': a chain of titles, no name)
            if any(title_re.match(self.ptext, w.start() + name_start) for w in re.finditer(r"\b\w", self.ptext[name_start:name_end])):
                continue
            tm = title_re.match(self.ptext, m.end())
            if not tm:
                continue
            if any(h.kind in ("person", "short") for h in self._hits.starting(tm.end() + 1, tm.end() + 2)):
                continue  # ('the 72nd Police Day, President Abdel Fattah El-Sisi said': the title is the next name's)
            title_text = self.ptext[tm.start() : tm.end()]
            chain = re.match(r"(?:\s+and\s+" + title_re.pattern + r")+", self.ptext[tm.end() :], re.IGNORECASE)
            if chain:
                title_text = self.ptext[tm.start() : tm.end() + chain.end()]
            new = self._clean_name(self.ptext[name_start:name_end], name_start)
            if new:
                kind, _ = gaz.title_kinds.get(tm.group(0).lower(), ("other", False))
                self._add_new_person(new[0], new[1], title_text, kind, None, rule="appositive-title")

    def _coordinated_names(self, title_re: re.Pattern) -> None:
        """New people named beside a person with 'and': 'lunch with Jane Roe and Bill Clinton', 'Ana Ruiz and Luis Caputo'.

        A name of two or three words, each a capital and small letters, that names nothing
        the rules know and holds no title; a longer run of capitals is a title's, not a name.
        """
        known = [(p.start, p.end) for p in self.persons] + [(h.start, h.end) for h in self._hits.items if h.kind == "person"]
        for a, b in sorted(set(known)):
            before = _NAME_BEFORE_AND.search(self.ptext, max(0, a - 60), a)
            after = _NAME_AFTER_AND.match(self.ptext, b)
            for m in (before, after):
                if m is None:
                    continue
                start, end = m.span("name")
                # (the whole run of capitals, and nothing glued to it: 'Foreign Minister Jane Roe' is a title's)
                lead = self.ptext[max(0, start - 40) : start]
                if re.search(r"(?:[\w'’.-]|(?-i:[A-Z])[\w'’.-]*[^\S\n]+)$", lead) or re.match(r"[^\S\n]*(?:['’]s\b|['’]?(?-i:[A-Z]))", self.ptext[end : end + 4]):
                    continue
                words = self.ptext[start:end].split()
                if len(words) == 3 and re.search(r"(?:^|[.!?]\W*|\n)[^\S\n]*$", lead):
                    # (a sentence's first word is no name's: 'Later Jane Roe and ...')
                    start, words = start + len(words[0]) + 1, words[1:]
                if not 2 <= len(words) <= 3 or any(w.lower() in _NOT_NAME or w.lower().rstrip("s") in _BODY_WORDS for w in words):
                    continue
                # ('First Lady', 'Sheikh Hamad': a style is no name)
                if any(self.gaz.cues[_HONORIFIC].fullmatch(w + " ") or self.gaz.cues[_ROYAL].fullmatch(w + " ") for w in words):
                    continue
                if title_re.search(self.ptext, start, end) or any(h.kind != "short" for h in self._hits.overlapping(start, end)):
                    continue
                self._add_new_person(" ".join(words), start, "", "other", None, rule="coordinated-name")

    def _new_people_surnames(self) -> None:
        """Mention a new person where the text names them by surname alone ('Security Minister Jane Okello ... Okello met ...').

        Only a surname one new person has, that names nothing the rules know, and that stands alone:
        not next to another capitalised word (a name of someone else: 'Peter Okello').
        """
        by_surname: dict[str, list[str]] = {}
        for key, person in self.new_people.items():
            parts = person.name.split()
            if len(parts) >= 2 and len(parts[-1]) >= 4 and parts[-1][:1].isupper() and parts[-1].lower() not in _NOT_NAME:
                by_surname.setdefault(parts[-1], []).append(key)
        if not by_surname:
            return
        taken = _Spans(self.persons)
        title_re = self.gaz.title_regex
        for surname, keys in by_surname.items():
            if len(keys) != 1:
                continue  # (two new people of one surname: whom it means is not told)
            # (not before another capitalised word: 'Okello Mwangi' is someone else)
            for m in re.finditer(r"(?<![\w'’.-])" + re.escape(surname) + r"(?![\w-])(?![^\S\n]+(?-i:[A-Z]))", self.ptext):
                a, b = m.span()
                if taken.overlapping(a, b) or self._hits.overlapping(a, b):
                    continue
                # (part of a longer name, 'Peter Okello'; a title before it is no name: 'Minister Okello')
                before = self.ptext[max(0, a - 60) : a]
                if self.gaz.cues[_PARTICLE_BEFORE].search(before):
                    continue  # ('Von der Leyen': the surname's own particle)
                if re.search(r"(?-i:[A-Z])[\w’'-]*[^\S\n]+$", before) and not any(t.end() == len(before.rstrip()) for t in title_re.finditer(before.rstrip())):
                    continue
                self.persons.append(PersonMention(a, b, self.text[a:b], keys[0], "surname", alias=False))
        self.persons.sort(key=lambda p: p.start)

    def _known_by_prefix(self, name: str, end: int) -> Optional[str]:
        """The one known person whose full name opens with ``name`` ('Faisal bin Farhan' of 'Faisal bin Farhan Al Saud').

        Of several, the one whose surname follows ('Abdel Fattah el-Sissi': Sisi, not al-Burhan).
        """
        bare = plain(self.gaz.cues[_ROYAL].sub("", name)).casefold()
        if len(bare.split()) < 2:
            return None
        # (the names are sorted: those opening with it stand together, from where it would go)
        names = self.gaz.full_names
        found = set()
        for full, key in names[bisect.bisect_left(names, (bare, "")) :]:
            if not full.startswith(bare):
                break
            if full == bare or full.startswith(bare + " "):
                found.add(key)
        if len(found) > 1:
            after = {k for h in self._hits.overlapping(end, end + 12) if h.kind in ("short", "person") and h.start >= end for k in h.targets}
            found &= after
        return found.pop() if len(found) == 1 else None

    def _note_title(self, key: str, title: str, kind: str) -> None:
        """Keep a title the text gives a person, unless a known role already says it."""
        title = re.sub(r"^(?:former|then-|then|acting)\s*", "", title.strip(), flags=re.IGNORECASE)
        known = [r.title.lower() for r in self.roles_of(key)] if key in self.gaz.people else []
        if any(title.lower() in t for t in known):
            return
        roles = self.text_roles.setdefault(key, [])
        if not any(r.title.lower() == title.lower() for r in roles):
            roles.append(Role(title, kind))
