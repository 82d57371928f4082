"""Synthetic corpora for benchmarks: the seeds' own sentences, recast.

Each seed sentence becomes a template: the officials, countries, cities,
dates and issues it names become slots (found with kg's own gazetteer and
date patterns), everything else stays as written. A generated document
reports one event (two officials, a city, a date, a few issues drawn from the
rule files) through a lead sentence that names a meeting and a sample of
other sentences, all with their slots filled from that event. About three
documents report each event, so the cross-document merge has work to do.

Everything is drawn from ``random.Random`` seeded by strings, so a seed gives
the same corpus on every run and machine (for one rules version), and the
first 100 documents of a 1,000-document corpus are the 100-document corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Union

from .dates import find_dates
from .documents import read_corpus
from .extract import extract, split_sentences
from .gazetteer import Gazetteer, gazetteer_for, plain
from .ruleset import PersonRule, RuleSet, load_rules

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
#: documents per reported event (on average)
DOCS_PER_EVENT = 3
#: date patterns (kg.dates rule names) whose text is replaced by the event's date
DATE_RULES = ("iso", "md", "dm", "range-md", "range-dm", "range-md-md")
#: role kinds an event's two officials are drawn from, with weights
EVENT_KINDS = {"foreign-minister": 5, "head-of-state": 2, "head-of-government": 2, "defense-minister": 1, "national-security-advisor": 1, "finance-minister": 1, "trade-minister": 1}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


@dataclass(frozen=True)
class Slot:
    """A place in a template that the event fills.

    kind: person, country, other-country, city, demonym, date or issue.
    index: which one (the seed's n-th person, n-th issue...).
    form: person 'full', 'short', 'titled', 'titled-short'; date its style; issue 'cap' or ''.
    """

    kind: str
    index: int = 0
    form: str = ""


Part = Union[str, Slot]


@dataclass(frozen=True)
class Template:
    """One seed sentence with its slots."""

    parts: tuple[Part, ...]
    seed: str
    meeting: bool
    people: frozenset[int]


@dataclass
class Event:
    """What one group of documents reports."""

    day: dt.date
    days: int
    cast: list[PersonRule]
    city: str
    other_cities: list[str]
    other_countries: list[str]
    issues: list[str]


@dataclass
class GeneratedDoc:
    """A generated document: id, text and sidecar metadata."""

    id: str
    text: str
    meta: dict = field(default_factory=dict)


# -- templates ----------------------------------------------------------------


class Templates:
    """The seed sentences as templates, and the pools events are drawn from."""

    def __init__(self, rules: RuleSet, seeds_dir: Path = SEEDS):
        self.rules = rules
        self.gaz: Gazetteer = gazetteer_for(rules)
        self.sentences: list[Template] = []
        self.titles: list[Template] = []
        self.meta_pool: list[dict] = []
        corpus = read_corpus(seeds_dir)
        for doc in corpus.documents:
            facts = extract(doc, rules)
            lead = [m for m in facts.meetings if doc.id in m.reported_in]
            first = lead[0] if lead else (facts.meetings[0] if facts.meetings else None)
            cast = list(first.participants) if first else []
            city = first.place if first else None
            spans = self._spans(doc.text, doc.date, cast, city)
            for s in split_sentences(doc.text):
                t = self._template(doc.id, doc.text, s.start, s.end, spans)
                if t is not None:
                    self.sentences.append(t)
            if doc.title:
                tspans = self._spans(doc.title, doc.date, list(cast), city)
                t = self._template(doc.id, doc.title, 0, len(doc.title), tspans)
                if t is not None:
                    self.titles.append(t)
            self.meta_pool.append({k: v for k, v in (("publisher", doc.publisher), ("author", doc.author), ("kind", doc.kind)) if v})
        if not self.sentences:
            raise ValueError(f"{seeds_dir}: no seed sentences to build a corpus from")
        self.leads = [t for t in self.sentences if t.meeting and {0, 1} <= t.people] or [t for t in self.sentences if t.meeting] or self.sentences
        if not self.titles:
            self.titles = self.leads
        self._pools()

    def _spans(self, text: str, day: Optional[dt.date], cast: list[str], city: Optional[str]) -> list[tuple[int, int, Part]]:
        """Every replaceable span of a seed text, non-overlapping, in order."""
        gaz = self.gaz
        ptext = plain(text)
        hits = gaz.names.find(ptext)
        # the seed's people in order: the reported meeting's participants first
        order = list(cast)
        for h in sorted(hits, key=lambda h: h.start):
            if h.kind in ("person", "short"):
                key = _pick(h.targets, order)
                if key not in order:
                    order.append(key)
        index = {key: i for i, key in enumerate(order)}
        countries = {}
        for key in order:
            person = gaz.people.get(key)
            if person and person.country and person.country not in countries:
                countries[person.country] = index[key]
        titles = [(m.start(), m.end()) for m in gaz.title_regex.finditer(ptext)]
        cands: list[tuple[int, int, int, Part]] = []  # start, end, priority, part
        for d in find_dates(text, day):
            if d.rule in DATE_RULES:
                cands.append((d.start, d.end, 0, Slot("date", 0, _date_style(d.rule, d.text))))
        other_countries: dict[str, int] = {}
        cities: dict[str, int] = {city: 0} if city else {}
        for h in hits:
            if h.kind in ("person", "short"):
                i = index[_pick(h.targets, order)]
                short = h.kind == "short"
                title = next((a for a, b in titles if b <= h.start and ptext[b : h.start] == " "), None)
                if title is not None:
                    cands.append((title, h.end, 1, Slot("person", i, "titled-short" if short else "titled")))
                else:
                    cands.append((h.start, h.end, 2, Slot("person", i, "short" if short else "full")))
            elif h.kind == "org":
                cands.append((h.start, h.end, 3, text[h.start : h.end]))
            elif h.kind == "place":
                place = gaz.places.get(h.targets[0])
                if place is None:
                    continue
                if place.type == "country":
                    code = place.country or ""
                    if code in countries:
                        cands.append((h.start, h.end, 4, Slot("country", countries[code])))
                    else:
                        k = other_countries.setdefault(code, len(other_countries))
                        cands.append((h.start, h.end, 4, Slot("other-country", k)))
                elif place.type == "city":
                    k = cities.setdefault(place.id, len(cities) + (0 if city else 1))
                    cands.append((h.start, h.end, 4, Slot("city", k)))
            elif h.kind == "demonym":
                code = h.targets[0].upper()
                if code in countries:
                    cands.append((h.start, h.end, 5, Slot("demonym", countries[code])))
        concepts: dict[str, int] = {}
        for h in gaz.triggers.find(ptext):
            k = concepts.setdefault(h.targets[0], len(concepts))
            cands.append((h.start, h.end, 6, Slot("issue", k, "cap" if text[h.start].isupper() else "")))
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
        taken: list[tuple[int, int]] = []
        kept = []
        for a, b, _, part in cands:
            if any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            kept.append((a, b, part))
        kept.sort(key=lambda c: c[0])
        return kept

    def _template(self, seed: str, text: str, start: int, end: int, spans) -> Optional[Template]:
        if len(text[start:end].split()) < 4:
            return None
        parts: list[Part] = []
        pos = start
        people = set()
        for a, b, part in spans:
            if a < start or b > end:
                continue
            if a > pos:
                parts.append(text[pos:a])
            if isinstance(part, Slot):
                parts.append(part)
                if part.kind == "person":
                    people.add(part.index)
            else:
                parts.append(part)
            pos = b
        if pos < end:
            parts.append(text[pos:end])
        sentence = text[start:end]
        meeting = any(rx.search(sentence) for rx, _ in self.gaz.regexes["meeting"][:6])
        return Template(tuple(parts), seed, meeting, frozenset(people))

    def _pools(self) -> None:
        gaz = self.gaz
        self.people = sorted((p for p in self.rules.people if p.country and p.roles), key=lambda p: p.key)
        self.countries = sorted(c for c in gaz.country_names)
        self.cities_by_country: dict[str, list[str]] = {}
        for pid in sorted(gaz.places):
            place = gaz.places[pid]
            if place.type == "city" and place.country:
                self.cities_by_country.setdefault(place.country, []).append(pid)
        self.cities = [pid for code in sorted(self.cities_by_country) for pid in self.cities_by_country[code]]
        self.concepts = sorted((c for c in self.rules.concepts if c.triggers), key=lambda c: c.id)
        self.concept_by_id = {c.id: c for c in self.rules.concepts}
        self.demonym_of: dict[str, str] = {}
        for demonym, code in sorted(gaz.demonyms.items()):
            self.demonym_of.setdefault(code, demonym)

    # -- events and documents -------------------------------------------------

    def event(self, rng: random.Random) -> Event:
        day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
        kinds = list(EVENT_KINDS)
        kind = rng.choices(kinds, weights=[EVENT_KINDS[k] for k in kinds])[0]
        holders = [p for p in self.people if any(r.kind == kind and _active(r, day) for r in p.roles)]
        if len(holders) < 2:
            holders = [p for p in self.people if any(r.kind in EVENT_KINDS and _active(r, day) for r in p.roles)]
        if len(holders) < 2:
            holders = self.people
        a = rng.choice(holders)
        others = [p for p in holders if p.country != a.country] or [p for p in self.people if p.key != a.key]
        b = rng.choice(others)
        extras = rng.sample(self.people, 4)
        code = rng.choice([a.country, b.country, rng.choice(self.countries)])
        cities = self.cities_by_country.get(code) or self.cities
        return Event(
            day=day,
            days=rng.choice((1, 1, 1, 2)),
            cast=[a, b, *extras],
            city=rng.choice(cities),
            other_cities=rng.sample(self.cities, 3),
            other_countries=rng.sample(self.countries, 4),
            issues=[c.id for c in rng.sample(self.concepts, rng.randint(3, 6))],
        )

    def document(self, index: int, seed: int = 0) -> GeneratedDoc:
        """The ``index``-th document of the corpus of ``seed``."""
        ev = self.event(random.Random(f"kg-corpus/{seed}/event/{index // DOCS_PER_EVENT}"))
        rng = random.Random(f"kg-corpus/{seed}/doc/{index}")
        title = self.render(rng.choice(self.titles), ev, rng)
        lead = rng.choice(self.leads)
        body = rng.sample([t for t in self.sentences if t is not lead], min(len(self.sentences) - 1, rng.randint(12, 30)))
        sentences = [self.render(t, ev, rng) for t in [lead, *body]]
        paras = []
        while sentences:
            n = rng.randint(1, 4)
            paras.append(" ".join(sentences[:n]))
            sentences = sentences[n:]
        published = ev.day + dt.timedelta(days=ev.days - 1 + rng.randint(0, 2))
        dateline = rng.choice([published.isoformat(), f"{MONTHS[published.month - 1].upper()} {published.day}, {published.year}", None])
        text = "\n\n".join([title, *([dateline] if dateline else []), *paras]) + "\n"
        meta = dict(rng.choice(self.meta_pool))
        meta["title"] = title
        if rng.random() < 0.8:
            meta["published"] = published.isoformat()
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        return GeneratedDoc(f"{index:06d}_{digest}", text, meta)

    def render(self, t: Template, ev: Event, rng: random.Random) -> str:
        out = []
        for part in t.parts:
            out.append(part if isinstance(part, str) else self._fill(part, ev))
        return "".join(out)

    def _fill(self, slot: Slot, ev: Event) -> str:
        gaz = self.gaz
        if slot.kind in ("person", "country", "demonym"):
            person = ev.cast[slot.index] if slot.index < 2 else ev.cast[2 + (slot.index - 2) % (len(ev.cast) - 2)]
            if slot.kind == "country":
                return gaz.country_names.get(person.country or "", person.country or "")
            if slot.kind == "demonym":
                return self.demonym_of.get(person.country or "") or gaz.country_names.get(person.country or "", "")
            short = (person.short_names or [person.name.split()[-1]])[0]
            name = short if slot.form.endswith("short") else person.name
            if slot.form.startswith("titled"):
                role = next((r for r in person.roles if _active(r, ev.day)), person.roles[0])
                return f"{role.title} {name}"
            return name
        if slot.kind == "other-country":
            return gaz.country_names[ev.other_countries[slot.index % len(ev.other_countries)]]
        if slot.kind == "city":
            pid = ev.city if slot.index == 0 else ev.other_cities[(slot.index - 1) % len(ev.other_cities)]
            return gaz.places[pid].name
        if slot.kind == "date":
            return _render_date(slot.form, ev.day, ev.day + dt.timedelta(days=ev.days - 1))
        if slot.kind == "issue":
            n = len(ev.issues)
            concept = self.concept_by_id[ev.issues[slot.index % n]]
            phrase = concept.triggers[(slot.index // n) % len(concept.triggers)]
            return phrase[:1].upper() + phrase[1:] if slot.form == "cap" else phrase
        raise ValueError(f"unknown slot {slot}")


def _pick(targets: tuple[str, ...], known: list[str]) -> str:
    for t in targets:
        if t in known:
            return t
    return targets[0]


def _active(role, day: dt.date) -> bool:
    return (role.start is None or role.start <= day) and (role.end is None or day <= role.end)


def _date_style(rule: str, text: str) -> str:
    flags = [rule]
    if re.search(r"\b(?:19|20)\d\d\b", text):
        flags.append("y")
    if text.lstrip().lower().startswith("from "):
        flags.append("from")
    letters = [c for c in text if c.isalpha() and c.lower() not in "fromto"]
    if letters and all(c.isupper() for c in letters):
        flags.append("upper")
    return "+".join(flags)


def _render_date(style: str, first: dt.date, last: dt.date) -> str:
    rule, *flags = style.split("+")
    year = "y" in flags

    def month(d: dt.date) -> str:
        name = MONTHS[d.month - 1]
        return name.upper() if "upper" in flags else name

    if rule == "iso":
        return first.isoformat()
    if first == last or rule in ("md", "dm"):
        if rule in ("dm", "range-dm"):
            return f"{first.day} {month(first)}" + (f" {first.year}" if year else "")
        return f"{month(first)} {first.day}" + (f", {first.year}" if year else "")
    tail = f", {last.year}" if year else ""
    if rule == "range-dm":
        return f"{first.day}-{last.day} {month(first)}" + (f" {last.year}" if year else "") if first.month == last.month else f"{first.day} {month(first)} - {last.day} {month(last)}" + (f" {last.year}" if year else "")
    if first.month != last.month or rule == "range-md-md":
        return f"{month(first)} {first.day} - {month(last)} {last.day}{tail}"
    if "from" in flags:
        return f"From {month(first)} {first.day} to {last.day}{tail}"
    return f"{month(first)} {first.day}-{last.day}{tail}"


# -- corpora --------------------------------------------------------------------

_TEMPLATES: dict[tuple[str, str], Templates] = {}


def templates_for(rules: Optional[RuleSet] = None, seeds_dir: Path = SEEDS) -> Templates:
    """The templates of a rule set and seed folder, built once."""
    rules = rules or load_rules()
    key = (rules.version, str(seeds_dir))
    if key not in _TEMPLATES:
        _TEMPLATES[key] = Templates(rules, seeds_dir)
    return _TEMPLATES[key]


def generate(n: int, seed: int = 0, rules: Optional[RuleSet] = None, seeds_dir: Path = SEEDS) -> Iterator[GeneratedDoc]:
    """The first ``n`` documents of the corpus of ``seed``."""
    t = templates_for(rules, seeds_dir)
    for i in range(n):
        yield t.document(i, seed)


def write_corpus(out_dir: str | Path, n: int, seed: int = 0, rules: Optional[RuleSet] = None, seeds_dir: Path = SEEDS) -> Path:
    """Write a corpus of ``n`` documents (``.txt`` and ``.meta.json``) into ``out_dir``.

    A folder that already holds this corpus (same size, seed and rules) is reused.
    """
    rules = rules or load_rules()
    out = Path(out_dir)
    stamp = out / ".corpus.json"
    want = {"n": n, "seed": seed, "rules": rules.version}
    if stamp.exists():
        try:
            if json.loads(stamp.read_text()) == want:
                return out
        except (OSError, ValueError):
            pass
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    for old in out.glob("*.meta.json"):
        old.unlink()
    for doc in generate(n, seed, rules, seeds_dir):
        (out / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
        (out / f"{doc.id}.meta.json").write_text(json.dumps(doc.meta, indent=1, ensure_ascii=False), encoding="utf-8")
    stamp.write_text(json.dumps(want))
    return out
