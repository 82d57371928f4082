"""Date and duration patterns are tried only where a cue says they could start:
the matches must be exactly those of scanning the whole text, pattern by pattern."""

from __future__ import annotations

import random

from kg.dates import _DURATION, _PATTERNS, _duration_starts, _matches, _starts
from kg.documents import read_corpus

from .conftest import SEEDS

MONTHS = ["Jan", "January", "Feb", "March", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Sep", "Oct.", "DECEMBER", "MAY", "Mayor"]
DAYS = ["1", "01", "9", "12", "23rd", "31st", "30", "39", "2nd"]
DASHES = ["-", " - ", "–", "—", " to ", "to", " until ", " through ", " and "]
YEARS = ["2023", "1999", "2101", "20233"]
WORDS = ["last", "Last", "next", "this", "early", "mid", "earlier in", "later in", "in", "since", "by", "on the", "late on", "Earlier this", "the previous", "The following", "during", "From", "from", "alast"]
OTHER = ["Monday", "Sundays", "week", "month", "year", "Today", "tonight", "This evening", "yesterday", "2023-10-05", "1999-13-40", "ago", "days", "weeks", "day", "three", "A", "of", "Chicago", "three days ago", "2 weeks  ago", "a\nweek ago", "Ten days ago"]
SEPARATORS = ["", " ", "  ", "\n", ", ", ",", "-", " -", "\u00a0", "x", "."]


QUALIFIERS = ["more than", "More Than", "over", "about", "nearly", "approximately", "at least", "less than", "more", "at"]
NUMBERS = ["1", "10", "1.5", "2.", ".5", "one", "Two", "twelve", "an", "a", "x10", "x.10"]
UNITS = ["hour", "hours", "Hours", "minute", "minutes", "MINUTES", "hourly"]
TAILS = ["and", "a half", "half", "30 minutes", "long", "-long", "over two days", "over 3 days"]


def _same(text: str) -> bool:
    durations = [(m.span(), m.groupdict()) for m in _DURATION.finditer(text)]
    if durations != [(m.span(), m.groupdict()) for m in _matches(_DURATION, text, _duration_starts(text))]:
        return False
    starts = _starts(text)
    for rule, pattern in _PATTERNS:
        whole = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        tried = [(m.span(), m.groupdict()) for m in _matches(pattern, text, starts[rule])]
        if whole != tried:
            return False
    return True


def test_seed_documents():
    for doc in read_corpus(SEEDS).documents:
        assert _same(doc.text), doc.id


def test_generated_date_phrases():
    rng = random.Random(0)
    pools = [MONTHS, MONTHS, DAYS, DAYS, DASHES, YEARS, WORDS, WORDS, OTHER]
    for _ in range(10000):
        text = "".join(rng.choice(rng.choice(pools)) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 9)))
        assert _same(text), repr(text)


def test_generated_durations():
    rng = random.Random(0)
    pools = [QUALIFIERS, NUMBERS, NUMBERS, UNITS, UNITS, TAILS]
    for _ in range(10000):
        text = "".join(rng.choice(rng.choice(pools)) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 8)))
        assert _same(text), repr(text)
