"""The gazetteer's fast paths find exactly what the plain ones would: the title trie,
the joined trigger families and the ASCII twins of the rules' patterns."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from kg.documents import read_corpus
from kg.extract import split_sentences
from kg.gazetteer import FOLDS_TO_ASCII, ascii_plain, ascii_twin, gazetteer_for, plain
from kg.literals import Prefilter, required_strings

from .conftest import SEEDS

UNSEEN = Path(__file__).parent / "data" / "unseen"


@pytest.fixture(scope="module")
def gaz(rules):
    return gazetteer_for(rules)


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    """Every sentence of the seeds and the unseen documents, and made-up ones mixing their words."""
    out = []
    for folder in (SEEDS, UNSEEN):
        for doc in read_corpus(folder).documents:
            text = plain(doc.text)
            out += [text[s.start : s.end] for s in split_sentences(text)]
    words = sorted({w for s in out for w in s.split()})
    rng = random.Random(0)
    glue = [" ", "  ", ", ", "-", "\n", "'s ", ". ", "\t", "\x1c", "é"]
    out += ["".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    return out


def test_folds_to_ascii_is_complete():
    everything = "".join(chr(i) for i in range(128, sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    found = {ord(c) for a in map(chr, range(128)) for c in re.findall(re.escape(a), everything, re.IGNORECASE)}
    assert found == FOLDS_TO_ASCII


def test_ascii_plain():
    assert ascii_plain("Blinken met Wang Yi.")
    assert not ascii_plain("Blinken met Wang Yi in Bogotá.")
    assert not ascii_plain("Blinken\x1cmet")  # a Unicode '\s' and not an ASCII one


@pytest.mark.parametrize("source", [r"\u0131", r"[\u0100-\u017e]", r"[^\u017f]", "\u212a", r"(?u)x"])
def test_no_ascii_twin_where_it_could_differ(source):
    pattern = re.compile(source, re.IGNORECASE) if "(?u)" not in source else re.compile(source)
    assert ascii_twin(pattern) is pattern


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_ascii_twins_agree(gaz, sentences):
    patterns = [p for family in gaz.regexes.values() for p, _rule in family]
    patterns += [p for p in gaz.joined_regexes.values() if p is not None] + [gaz.title_regex]
    twins = [(p, ascii_twin(p)) for p in patterns]
    assert all(twin.flags & re.ASCII for _p, twin in twins)  # (else the test tests nothing)
    for text in sentences:
        if ascii_plain(text):
            for p, twin in twins:
                assert _spans(p, text) == _spans(twin, text), (p.pattern, text)


def test_title_trie_is_the_alternation(gaz, sentences):
    ordered = sorted((re.escape(f) for f in gaz.title_forms), key=len, reverse=True)
    alternation = re.compile(r"\b(?:" + "|".join(ordered) + r")\b", re.IGNORECASE)
    lookahead = re.compile(r"(?=" + "|".join(ordered) + r")")
    trie_lookahead = re.compile(r"(?=" + gaz.title_lookahead + r")")
    for text in sentences:
        assert _spans(gaz.title_regex, text) == _spans(alternation, text), text
        assert _spans(trie_lookahead, text) == _spans(lookahead, text), text


def test_joined_families_are_any(gaz, sentences):
    for family, compiled in gaz.regexes.items():
        for text in sentences:
            starts = [m.start() for p, _rule in compiled if (m := p.search(text))]
            assert gaz.any_match(family, text) == bool(starts), (family, text)
            assert gaz.first_match(family, text) == (min(starts) if starts else None), (family, text)


def test_prefilters_keep_every_pattern_that_matches(gaz, sentences):
    for family, compiled in gaz.regexes.items():
        prefilter = gaz.prefilters[family]
        for text in sentences:
            for pos, end in ((0, len(text)), (len(text) // 3, len(text)), (2, len(text) - 2)):
                matching = {i for i, (p, _rule) in enumerate(compiled) if p.search(text, pos, end)}
                which = prefilter.candidates(text, pos, end)
                assert which is None or matching <= which, (family, text, pos, end)
                assert prefilter.may_match(text, pos, end) or not matching, (family, text, pos, end)


@pytest.mark.parametrize(
    "source, strings",
    [
        (r"\b(?:met|meets)\b(?! with)", {"met", "meets"}),
        (r"\bmet\s+with\b", {"met"}),  # (not the longer 'with': it is in every other sentence)
        (r"(?<=will )talks?\b", {"talk", "talks"}),  # (look-behind: not in the match's span)
        (r"\b(?:visit|trip) to\b", {"visit to", "trip to"}),
        (r"(?:talks|\w+ing)", {"talks", "ing"}),
        (r"(?:talks|\w+)", None),
        (r"\bmeet(?:ing)?s?\b", {"meet", "meets", "meeting", "meetings"}),
    ],
)
def test_required_strings(source, strings):
    assert required_strings(re.compile(source, re.IGNORECASE)) == strings


def test_prefilter_leaves_case_folding_to_ascii_alone():
    # 'ſ' (long s) matches 's' under IGNORECASE: a pattern needing it may match ASCII text
    prefilter = Prefilter([re.compile("\u017fummit", re.IGNORECASE), re.compile("tête", re.IGNORECASE)])
    assert prefilter.candidates("the summit") == {0}
    assert prefilter.may_match("the summit")
    assert Prefilter([re.compile("tête", re.IGNORECASE)]).may_match("the summit") is False
    assert Prefilter([re.compile("tête", re.IGNORECASE)]).may_match("la tête")  # (not ASCII: no prefilter)
