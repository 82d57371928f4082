"""Person mentions: names with their title cues, surnames, honorifics, titles alone ("the Secretary")."""

from __future__ import annotations

import bisect
import re
from typing import Optional

from ..cues import CueTemplate
from ..gazetteer import Hit, holds_title
from .names import _HONORIFIC, _OF_COUNTRY
from .state import DocState, PersonMention, _Spans

#: 'the', 'the Chinese', 'the U.S.' before a title, within its sentence ('the Kremlin.\n\nThe' is two)
_ARTICLE_BEFORE = re.compile(r"\b(?:the|The)[^\S\n]+(?:(?:(?:[A-Z]\.)+|[A-Z][\w’'-]*)[^\S\n]+){0,2}$")

#: where a sentence (or a numbered paragraph) opens: a title there needs no 'the'
_SENTENCE_OPENING = re.compile(r"(?:^|\n|[.!?][\"”’)]?[^\S\n]+)(?:\d+\.[^\S\n]+)?[\"“]?$")

_FORMER_BEFORE = CueTemplate(r"\b{:former}\s*(?:\S+\s+)?$", re.IGNORECASE)

#: Mr, Ms, Mrs or Dr just before a surname ('Mr Lammy', 'Ms. Wong'), and the gender each tells (group m, f or neither)
_MR_BEFORE = CueTemplate(r"\b(?:(?P<m>{:honorific_male})|(?P<f>{:honorific_female})|{:honorific_any})\.?[^\S\n]$")

#: what follows a surname that names something else after the person ('the Trump administration', 'Putin's war')
_NAMED_FOR_SURNAME = CueTemplate(r"\s*(?:['’]s\b(?!\s+(?:\w+\s+){0,2}{:surname_event}\b)|-{:surname_suffix}\b|\s(?:(?-i:[A-Z])|{:named_for_surname})\b)", re.IGNORECASE)

#: 'President-elect', 'Prime Minister-designate': an office to come
_ELECT = CueTemplate(r"[-‐ ]{:elect}\b", re.IGNORECASE)

#: the portfolio after a title ('for Political and Security Affairs', 'of Foreign Affairs and International Cooperation')
_PORTFOLIO = CueTemplate(
    r"(?:[^\S\n]+(?:(?:for|of)[^\S\n]+(?:the[^\S\n]+)?|and[^\S\n]+)|,[^\S\n]+(?=(?:(?-i:[A-Z])[\w’'-]*[^\S\n]+){1,4}and[^\S\n]+(?-i:[A-Z])))"
    r"(?:(?:(?-i:[A-Z])[\w’'-]*|and|&),?[^\S\n]+){0,8}{:portfolio}\b"
)

#: the body or region after a title whose official's name follows it ('of the East African Community (EAC)', "of Kenya's Rift Valley Province")
_OF_BODY = CueTemplate(
    r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?(?:(?-i:[A-Z])[\w’'.-]*[^\S\n]+|(?:of|and|for|the|on)[^\S\n]+){0,6}?"
    r"(?:(?-i:[A-Z])[\w’'.-]*[^\S\n]+\((?-i:[A-Z]{2,})\)|{:body_end}\b(?:[^\S\n]+\((?-i:[A-Z]{2,})\))?)"
)

#: the offices whose holders news names by surname alone, when the rules give that surname to nobody else
_MINISTERS = frozenset({"deputy-head-of-government", "deputy-foreign-minister", "defense-minister", "finance-minister", "trade-minister",
                        "commerce-minister", "national-security-advisor", "intelligence-chief", "military-chief", "central-bank-governor", "envoy"})

#: between an envoy's title and the place of the post ('Ambassador to Vietnam Ha Vi')
_POST_BEFORE = CueTemplate(r"[^\S\n]+{:post_preposition}[^\S\n]+(?:the[^\S\n]+)?")

#: a title in lower case that names the one right after it ('governor Kathy Hochul')
_LOWER_CASE_TITLE = CueTemplate(r"{:lower_case_title}", re.IGNORECASE)

#: a rank before a title that makes it another office ('Deputy Minister for Foreign Affairs'); group deputy: its deputy's
_RANK_BEFORE = CueTemplate(r"\b((?P<deputy>{:deputy_rank})|{:rank})[^\S\n]+$")


#: a person's initials before their surname ('B. Assad', 'S.V. Lavrov')
_INITIALS = re.compile(r"(?:[A-Z]\.[^\S\n]?){1,3}(?=[A-Z][a-z])")


class PersonMentions(DocState):
    """People: the person each name, surname, honorific and title cue refers to."""

    def _people(self, hits: list[Hit]) -> None:
        """Every person mention, each step reading the mentions of the steps before it."""
        self._hits = _Spans(hits)
        title_re = self.gaz.ascii_title_regex if self._ascii_text else self.gaz.title_regex
        # 1. title cues: attach titles to the names after them, or make new people
        attached, title_only = self._title_cues(hits, title_re)
        # 2. appositives: 'Roger Robinson, Founder and Chairman of ...'
        self._appositives(title_re)
        self._counterpart_names()
        # 'with Jane Roe and Bill Clinton': a name beside a person's is a person's
        self._coordinated_names(title_re)
        # 3. resolve every name hit
        untold, strong = self._resolve_names(hits, attached)
        # 'Mr Lammy' named nowhere in full: who the document names so, else the one holding office
        untold = self._honorific_surnames(untold, strong, office=True)
        # 'Security Minister Jane Okello ... Okello met ...': a new person by surname alone
        self._new_people_surnames()
        # 4. title-only mentions ('the Secretary'), in text order
        self._title_only(title_only)
        # 5. counterparts: 'his Chinese counterpart' names the holder of the same office
        self._counterparts(untold)
        # 6. 'He met President Biden in January': the previous sentence's subject, if the pronoun fits
        self._meeting_pronouns()
        # 7. 'I also had a meeting with ...' in a transcript: who is speaking
        self._first_person()
        # 8. '"I had a bilateral meeting with ...," Anwar said': who the quotation is from
        self._quoted_first_person()
        # ('He met his Saudi counterpart': the pronoun's person names the counterpart's office)
        self._pronoun_counterparts()

    def _title_cues(self, hits: list[Hit], title_re: re.Pattern) -> tuple[dict[int, tuple], list[tuple[int, int, str, str, Optional[str], str]]]:
        """Attach title cues to the names after them, or make new people; return those titles and the title-only cues.

        Args:
            hits: the document's name hits.
            title_re: the rules' title cues, as is or as ASCII twins.
        """
        gaz = self.gaz
        by_start = {h.start: h for h in hits}
        attached: dict[int, tuple] = {}  # hit start -> (title, kind, rule)
        title_only: list[tuple[int, int, str, str, Optional[str], str]] = []
        for m in title_re.finditer(self.ptext):
            if any(h.kind == "person" and h.start <= m.start() for h in self._hits.overlapping(m.start(), m.end())):
                continue  # the title opens a known name: 'Pope Francis', 'Emperor Naruhito'
            title = m.group(0)
            if gaz.cues[_ELECT].match(self.ptext, m.end()):
                continue  # 'President-elect Prabowo' holds no office yet
            kind, plural = gaz.title_kinds.get(title.lower(), ("other", False))
            rank = gaz.cues[_RANK_BEFORE].search(self.ptext, max(0, m.start() - 12), m.start())
            if rank is not None:
                # ('Deputy Minister for Foreign Affairs Nguyen Minh Hang' is no foreign minister)
                title = rank.group(1) + " " + title
                kind = "deputy-foreign-minister" if kind == "foreign-minister" and rank.group("deputy") else "other"
            country = self._demonym_before(rank.start() if rank is not None else m.start())
            pos = m.end()
            # 'the Foreign Minister of Papua New Guinea, the Hon Justin Tkatchenko MP': the name after the country
            of = gaz.cues[_OF_COUNTRY].match(self.ptext, pos)
            # ('of the Republic of Turkey' may be one name, or 'Republic of' and a country's)
            at = [of.end(), *([of.start("state")] if of.group("state") else [])] if of else []
            named = next((h for a in at for h in self._hits.starting(a, a + 1) if self._country_of_hit(h)), None)
            if named is not None and of.group("state") and not of.group("named") and named.start != of.start("state"):
                named = None
            if named is not None and (
                re.match(r",?\s+(?:the\s+)?(?:Hon|H\.\s?E\.|His|Her|Mr|Ms|Dr)", self.ptext[named.end : named.end + 12])
                # ('Vice President of the Republic of Turkey Fuat Oktay': a known name right after the country)
                or (self.ptext[named.end : named.end + 1] == " " and any(h.kind == "person" for h in self._hits.starting(named.end + 1, named.end + 2)))
                or (re.match(r"[^\S\n]+[A-Z][\w’'-]+[^\S\n]+[A-Z][\w’'-]+", self.ptext[named.end : named.end + 60]) and not self._hits.starting(named.end + 1, named.end + 3))
            ):
                country, pos = country or self._country_of_hit(named), named.end
            # ('Chinese Ambassador to Vietnam Ha Vi', 'Special Envoy to the Sahel Jane Doe': the name after the post's place)
            post = gaz.cues[_POST_BEFORE].match(self.ptext, pos, pos + 40)
            if post is not None:
                posted = next((h for h in self._hits.starting(post.end(), post.end() + 1) if h.kind == "place"), None)
                if posted is not None:
                    pos = posted.end
            # ('Director General for Political and Security Affairs Philippe Errera': the name after the portfolio)
            portfolio = gaz.cues[_PORTFOLIO].match(self.ptext, pos)
            # (a portfolio never runs over a name: 'Secretary of Homeland Security Alejandro Mayorkas and ... Security Advisor')
            if portfolio is not None and not any(h.kind in ("person", "short") for h in self._hits.overlapping(pos, portfolio.end())):
                pos = portfolio.end()
            # ('Secretary General of the East African Community Peter Mathuki': the name after the body, known or not)
            # (over a portfolio word inside it: 'of the Asia Cooperation Dialogue (ACD)')
            body = gaz.cues[_OF_BODY].match(self.ptext, m.end())
            if body is not None and body.end() > pos and not any(h.kind in ("person", "short") for h in self._hits.overlapping(m.end(), body.end())):
                pos = body.end()
            rest = self.ptext[pos : pos + 120]
            # (a title closing a line heads no name on the next: 'Minister of Foreign Affairs\n\nDeputy Prime Minister ...')
            lead = re.match(r",?[^\S\n]+", rest)
            names: list[Hit] = []
            if lead:
                npos = pos + lead.end()
                honorific = gaz.cues[_HONORIFIC].match(self.ptext, npos)
                if honorific:
                    npos = honorific.end()
                hit, initialed = by_start.get(npos), None
                if hit is None:
                    hit = initialed = self._after_initials(npos, by_start)
                if hit and hit.kind == "short" and not initialed:
                    # 'Vice Premier Zhao Mingde' is nobody known as Zhao: a new official
                    longer = self._new_name(npos, exclude=hit)
                    # ('Secretary Blinken Travels to Mexico' over a text naming Antony J. Blinken: him)
                    full = any(h.kind == "person" and set(h.targets) & set(hit.targets) for h in hits)
                    if longer and len(longer[0].split()) >= 2 and longer[0] not in gaz.people and not full:
                        self._add_new_person(longer[0], longer[1], title, kind, country)
                        continue
                if hit and hit.kind in ("person", "short"):
                    names.append(hit)
                    if plural:
                        cursor = hit.end
                        while True:
                            more = re.match(r"(?:,\s*|\s+and\s+|,\s+and\s+)", self.ptext[cursor : cursor + 8])
                            if not more:
                                break
                            nxt = by_start.get(cursor + more.end())
                            if not nxt or nxt.kind not in ("person", "short"):
                                break
                            names.append(nxt)
                            cursor = nxt.end
                # ('its president, Ricardo Monreal': a title in lower case names the one set off after it)
                elif (title[0].isupper() or gaz.cues[_LOWER_CASE_TITLE].fullmatch(title) or "," in lead.group(0)) and not title_re.match(self.ptext, npos):
                    # (a second title next, 'Director Admiral Jane Doe': that one introduces the name)
                    new = self._new_name(npos)
                    if new:
                        self._add_new_person(new[0], new[1], title, kind, country)
                        continue
            for hit in names:
                attached[hit.start] = (title, kind, "title-cue", country)
                for key in hit.targets:
                    self._titled.setdefault(key, set()).add(title.lower())
            # ('Deputy Secretary Campbell ... The Deputy Secretary underscored': a title the text gave someone refers back to them)
            before = self.ptext[max(0, m.start() - 40) : m.start()]
            art = _ARTICLE_BEFORE.search(before)
            # ('Foreign Minister Faisal bin Farhan ... the Saudi minister held talks': a country's title refers back to its holder)
            if not names and kind and (title.lower() in gaz.short_titles or any(title.lower() in given for given in self._titled.values()) or (country and art)):
                if art:
                    # 'the President of France' is France's
                    start = m.start() - len(before) + art.start()
                    title_only.append((start, m.end(), title, kind, country or self._country_after(m.end()), "title-only"))
                elif ((title[0].isupper() and _SENTENCE_OPENING.search(before)) or country) and not gaz.cues[_FORMER_BEFORE].search(before):
                    # 'Prime Minister thanked President Macron' (an MEA readout), "Qatar's prime minister met ..."
                    title_only.append((m.start(), m.end(), title, kind, country, "title-only"))
        return attached, title_only

    def _after_initials(self, pos: int, by_start: dict[int, Hit]) -> Optional[Hit]:
        """A known surname after the initials of its person's given names ('President B. Assad', 'S.V. Lavrov'), else None."""
        initials = _INITIALS.match(self.ptext, pos)
        hit = by_start.get(initials.end()) if initials else None
        if hit is None or hit.kind not in ("short", "person"):
            return None
        first = initials.group(0)[0]
        return hit if all(k in self.gaz.people and self.gaz.people[k].name[:1] == first for k in hit.targets) else None

    def _resolve_names(self, hits: list[Hit], attached: dict[int, tuple]) -> tuple[list[tuple[Hit, Optional[str]]], set[str]]:
        """Mention the person each name hit means; return the surnames after an honorific left open, and who is named.

        Args:
            hits: the document's name hits.
            attached: the title cue before each hit, by the hit's start.
        """
        gaz = self.gaz
        untold: list[tuple[Hit, Optional[str]]] = []
        strong: set[str] = {k for h in hits if h.kind == "person" for k in h.targets}
        strong.update(self.new_people)
        named_at: dict[str, list[int]] = {}
        for h in hits:
            if h.kind == "person":
                named_at.setdefault(h.targets[0], []).append(h.start)
        for hit in hits:
            if hit.kind == "person":
                key = hit.targets[0]
                rule = "alias" if hit.surface != gaz.people[key].name else "name"
                title = attached.get(hit.start)
                mention_start = hit.start
                if title:
                    self._note_title(key, title[0], title[1])
                self.persons.append(PersonMention(mention_start, hit.end, hit.surface, key, rule))
            elif hit.kind == "short":
                if any(p.start <= hit.start and hit.end <= p.end and p.person in self.new_people for p in self.persons):
                    continue  # ('Khaldoon Khalifa Al Mubarak' is no Khalifa the rules know)
                title = attached.get(hit.start)
                key = self._resolve_short(hit, title, strong, named_at)
                if key is None:
                    if title is None and (honorific := gaz.cues[_MR_BEFORE].search(self.ptext, max(0, hit.start - 6), hit.start)):
                        untold.append((hit, "m" if honorific.group("m") else "f" if honorific.group("f") else None))
                    continue
                if title:
                    tstart = self.ptext.rfind(title[0], max(0, hit.start - len(title[0]) - 3), hit.start)
                    if tstart >= 0 and not title[0].endswith("s"):
                        self.persons.append(PersonMention(tstart, hit.end, self.text[tstart : hit.end], key, "title-cue"))
                        strong.add(key)
                        continue
                self.persons.append(PersonMention(hit.start, hit.end, hit.surface, key, "surname"))
                strong.add(key)
        return untold, strong

    def _title_only(self, title_only: list[tuple[int, int, str, str, Optional[str], str]]) -> None:
        """Mention whom a title alone refers to ('the Secretary'), in text order."""
        self.persons.sort(key=lambda p: p.start)
        named = _Spans(self.persons)
        for start, end, title, kind, country, rule in title_only:
            if named.overlapping(start, end):
                continue
            key = self._resolve_title_only(start, title, kind, country, named)
            if key:
                surface = self.text[start:end]
                surface = "the" + surface[3:] if surface[:3] == "The" else surface
                self.persons.append(PersonMention(start, end, surface, key, rule))

    def _honorific_surnames(self, untold: list[tuple[Hit, Optional[str]]], told: set[str], office: bool) -> list[tuple[Hit, Optional[str]]]:
        """Resolve surnames after Mr, Ms, Mrs or Dr that fit one person only; return those still unresolved.

        The honorific's gender rules out people of the other one. Of those left, the one the
        document names elsewhere ('told'), else (``office``) the only one holding an office on the
        document's date; several: nobody.
        """
        left = []
        for hit, gender in untold:
            fits = [k for k in hit.targets if gender is None or self.gaz.people[k].gender in (None, gender)]
            named = [k for k in fits if k in told]
            if not named and office and self.day is not None:
                named = [k for k in fits if any(r.active_on(self.day) for r in self.gaz.people[k].roles)]
            if len(named) == 1:
                self.persons.append(PersonMention(hit.start, hit.end, hit.surface, named[0], "honorific-surname"))
                told.add(named[0])
            else:
                left.append((hit, gender))
        return left

    def _resolve_short(self, hit: Hit, title: Optional[tuple], strong: set[str], named_at: dict[str, list[int]]) -> Optional[str]:
        candidates = list(hit.targets)
        named = [k for k in candidates if k in strong]
        if len(named) == 1:
            return named[0]
        pool = named
        if title is not None and len(title) > 3 and title[3]:
            # ("Malaysia's King ... Sultan Abdullah" is Malaysia's, not Jordan's King Abdullah)
            own = [k for k in candidates if self.country_of(k) == title[3]]
            if len(own) == 1:
                return own[0]
            candidates = own or candidates
        if title is not None:
            fitting = [k for k in (named or candidates) if self.title_matches(k, title[0], title[1])]
            if len(fitting) == 1:
                return fitting[0]
            pool = [k for k in fitting if k in named]
        # several named in full ('Wang Yi', then 'Wang Wenbin'): the one named last before it
        last = {k: max((at for at in named_at.get(k, ()) if at < hit.start), default=-1) for k in pool}
        best = max(last.values(), default=-1)
        if best < 0 and not named and len(candidates) == 1 and ((title is None and self._leader_by_surname(hit, candidates[0])) or self._by_nickname(hit, candidates[0])):
            return candidates[0]
        if best < 0 and not named and title is not None and self._publisher_country:
            # ('Senator Wong' on an Australian minister's site: the Australian Wong, not Singapore's)
            own = [k for k in candidates if self.country_of(k) == self._publisher_country]
            if len(own) == 1:
                return own[0]
        if best < 0 or list(last.values()).count(best) > 1:
            return None
        return next(k for k, at in last.items() if at == best)

    def _by_nickname(self, hit: Hit, key: str) -> bool:
        """Whether a short name the rules list is a by-name no surname is ('Lula' of Luiz Inácio Lula da Silva): it names only them."""
        rule = self.gaz.people[key]
        if rule.short is None or rule.family_name_first or hit.surface not in rule.short:
            return False
        # (not a first name of someone else's: 'Khalifa Shahine Almarar' is no Khalifa bin Zayed)
        part_of_name = re.match(r"[^\S\n]+(?-i:[A-Z])[\w’'-]+", self.ptext[hit.end : hit.end + 40]) or re.search(r"(?-i:[A-Z])[\w’'-]+[^\S\n]+$", self.ptext[max(0, hit.start - 40) : hit.start])
        return hit.surface != rule.name.split()[-1] and not part_of_name and not self.gaz.cues[_NAMED_FOR_SURNAME].match(self.ptext, hit.end)

    def _leader_by_surname(self, hit: Hit, key: str) -> bool:
        """Whether a bare surname the text names nobody else by is a serving leader ('Erdogan hosted ...').

        News names heads of state, of government, of international bodies and foreign ministers by surname alone; not
        their administration ('the Trump administration'), and only on a known date.
        """
        if self.day is None or len(hit.surface) < 4:
            return False
        if self.gaz.cues[_NAMED_FOR_SURNAME].match(self.ptext, hit.end):
            return False
        kinds = self.role_kinds_on(key, self.day)
        if kinds & {"head-of-state", "head-of-government", "foreign-minister", "international-official"}:
            return True
        # ('Shoigu is scheduled to meet Xi': a minister in office whose surname the rules give nobody else)
        return bool(kinds & _MINISTERS) and len(hit.surface) >= 5 and self.gaz.short_counts.get(hit.surface, 0) == 1

    def _resolve_title_only(self, start: int, title: str, kind: str, country: Optional[str], named: "_Spans") -> Optional[str]:
        # the most recent of the last few people named before it
        upto = bisect.bisect_left(named.starts, start)
        recent = named.items[max(0, upto - 40) : upto]
        word = title.lower()
        org = self._publisher_org
        if not country and org is not None:
            # 'The Prime Minister' of a No 10 readout is always its own, even after 'Australian Prime Minister X'
            # (undated: its present holder, if the text names them)
            if self.day is not None:
                own = self.gaz.office_holders(org.id, title, self.day)
            else:
                own = sorted({key for key, role in self.gaz.roles_by_org.get(org.id, ()) if role.end is None and holds_title(role.title, title)})
                own = [key for key in own if any(m.person == key for m in named.items)]
            if len(own) == 1:
                return own[0]
        # first, whom the text itself calls so ('Secretary Blinken' ... 'the Secretary')
        for mention in reversed(recent):
            if (not country or self.country_of(mention.person) == country) and any(word in t for t in self._titled.get(mention.person, ())):
                return mention.person
        for mention in reversed(recent):
            key = mention.person
            if country and self.country_of(key) != country:
                continue
            # ('the German leader' is no 'Leader of the CDU': a leader is whoever heads the state or its government)
            if self.title_matches(key, title, "other") if kind != "leader" else key in self.gaz.holders(kind, country, self.day):
                return key
        if kind not in ("other", "leader") and self.day is not None:
            # ('External Affairs Minister S Jaishankar ... Later, the foreign minister met ...': an office of the same kind)
            for mention in reversed(recent[-12:]):
                if (not country or self.country_of(mention.person) == country) and kind in self.role_kinds_on(mention.person, self.day):
                    return mention.person
        if country and self.day is not None and kind != "leader":
            # the one of that country holding that very title ('the Kuwaiti crown prince' is no prime minister)
            titled = self.gaz.title_holders(title, country, self.day)
            if len(titled) == 1:
                return titled[0]
        if country and self.day is None and kind not in ("other",):
            # undated: the present holder, if the text names them ('the Prime Minister of the United Kingdom' ... 'Prime Minister Starmer')
            named_keys = {m.person for m in named.items}
            present = [k for k in self.gaz.present_holders(kind, country) if k in named_keys]
            if len(present) == 1:
                return present[0]
        if country and kind not in ("other",):
            holders = self.gaz.holders(kind, country, self.day)
            if len(holders) > 1:
                # ('the German leader': the chancellor or the president, whichever the text names)
                named_keys = {m.person for m in named.items}
                holders = [k for k in holders if k in named_keys]
            if len(holders) == 1:
                return holders[0]
        if not country:
            return self._principal(title, kind)
        return None

    def _principal(self, title: str, kind: str) -> Optional[str]:
        """'The Prime Minister' of a No 10 readout, 'the Secretary-General' of a UN one: the publisher's own office holder."""
        org = self._publisher_org
        if org is None or self.day is None:
            return None
        holders = self.gaz.office_holders(org.id, title, self.day)
        if not holders and org.country and kind not in ("other",):
            # a ministry's readout speaks of its country's officials ('the Prime Minister' in an MEA release)
            holders = self.gaz.holders(kind, org.country, self.day)
        return holders[0] if len(holders) == 1 else None
