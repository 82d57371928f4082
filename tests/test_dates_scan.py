"""Date patterns are tried only where a cue says they could start: the matches
must be exactly those of scanning the whole text, pattern by pattern."""

from __future__ import annotations

import random

from kg.dates import _PATTERNS, _matches, _starts
from kg.documents import read_corpus

from .conftest import SEEDS

MONTHS = ["Jan", "January", "Feb", "March", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Sep", "Oct.", "DECEMBER", "MAY", "Mayor"]
DAYS = ["1", "01", "9", "12", "23rd", "31st", "30", "39", "2nd"]
DASHES = ["-", " - ", "–", "—", " to ", "to", " until ", " through ", " and "]
YEARS = ["2023", "1999", "2101", "20233"]
WORDS = ["last", "Last", "next", "this", "early", "mid", "earlier in", "later in", "in", "since", "by", "on the", "late on", "Earlier this", "the previous", "The following", "during", "From", "from", "alast"]
OTHER = ["Monday", "Sundays", "week", "month", "year", "Today", "tonight", "This evening", "yesterday", "2023-10-05", "1999-13-40"]
SEPARATORS = ["", " ", "  ", "\n", ", ", ",", "-", " -", "\u00a0", "x", "."]


def _same(text: str) -> bool:
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
    for _ in range(20000):
        text = "".join(rng.choice(rng.choice(pools)) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 9)))
        assert _same(text), repr(text)
