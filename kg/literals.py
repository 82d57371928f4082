"""Literal prefilters: the words a family of patterns cannot match without, looked for in one pass.

A trigger family's patterns are tried on almost every sentence, and match few. Most
of them cannot match without one of a few words ('talks', 'met', 'phoned'): where
none of those is in an ASCII piece of text, no pattern needs to run on it. The
words are read from the parsed pattern, so a prefilter only ever skips a search
that would have found nothing.
"""

from __future__ import annotations

import re
from typing import Optional

import ahocorasick

try:
    from re import _constants as sre_c, _parser as sre_parse  # (private, but what re itself compiles with)
except ImportError:  # Python 3.10
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

#: the most strings a piece of a pattern is spelled out into (beyond that, the piece says nothing)
_MAX_STRINGS = 64
#: words nearly every sentence holds: a set of them filters nothing, so another is preferred
_COMMON = frozenset({"a", "an", "and", "as", "at", "be", "by", "for", "in", "is", "of", "on", "that", "the", "to", "was", "with"})
#: zero-width items: they consume nothing, so they add nothing to the text a match spans
_ZERO_WIDTH = {sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT}
_REPEATS = {sre_c.MAX_REPEAT, sre_c.MIN_REPEAT} | ({sre_c.POSSESSIVE_REPEAT} if hasattr(sre_c, "POSSESSIVE_REPEAT") else set())


def _product(left: set[str], right: set[str]) -> Optional[set[str]]:
    out = {a + b for a in left for b in right}
    return out if len(out) <= _MAX_STRINGS else None


def _exact_seq(items) -> Optional[set[str]]:
    """Every string a sequence of parsed items can match, if they are few; else None."""
    out: Optional[set[str]] = {""}
    for op, av in items:
        one = _exact(op, av)
        if one is None or (out := _product(out, one)) is None:
            return None
    return out


def _union(alternatives, each, limit: Optional[int] = None) -> Optional[set[str]]:
    """The strings of every alternative of a branch, by ``each``; None if one has none known or they are over ``limit``."""
    out: set[str] = set()
    for alt in alternatives:
        one = each(alt)
        if one is None:
            return None
        out |= one
    return out if limit is None or len(out) <= limit else None


def _exact(op, av) -> Optional[set[str]]:
    """Every string one parsed item can match, if they are few; else None."""
    if op is sre_c.LITERAL:
        return {chr(av)}
    if op in _ZERO_WIDTH:
        return {""}
    if op is sre_c.SUBPATTERN:
        return _exact_seq(av[-1])
    if op is sre_c.BRANCH:
        return _union(av[1], _exact_seq, _MAX_STRINGS)
    if op is sre_c.IN:
        if not all(o is sre_c.LITERAL for o, _a in av):
            return None
        return {chr(a) for _o, a in av}
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
        lo, hi, item = av
        one = _exact_seq(item) if hi <= 3 else None
        if one is None:
            return None
        out, cur = set(), {""}
        for n in range(hi + 1):
            if n >= lo:
                out |= cur
            if n < hi and (cur := _product(cur, one)) is None:
                return None
        return out if len(out) <= _MAX_STRINGS else None
    return None


def _rank(strings: set[str]) -> tuple:
    return (not strings & _COMMON, min(map(len, strings)), -len(strings))


def _better(a: Optional[set[str]], b: Optional[set[str]]) -> Optional[set[str]]:
    if not a or "" in a:
        return b if b and "" not in b else None
    if not b or "" in b:
        return a
    return a if _rank(a) >= _rank(b) else b


def _required_seq(items) -> Optional[set[str]]:
    """Strings one of which every match of a sequence of parsed items spans; None if none is known."""
    best: Optional[set[str]] = None
    run: set[str] = {""}  # what the exact items since the last inexact one spell, side by side
    for op, av in items:
        one = _exact(op, av)
        if one is not None:
            joined = _product(run, one)
            if joined is None:
                best, joined = _better(best, run), one
            run = joined
            continue
        best, run = _better(_better(best, run), _required(op, av)), {""}
    return _better(best, run)


def _required(op, av) -> Optional[set[str]]:
    """Strings one of which every match of one parsed item spans; None if none is known."""
    if op is sre_c.SUBPATTERN:
        return _required_seq(av[-1])
    if op is sre_c.BRANCH:
        return _union(av[1], _required_seq)
    if op in _REPEATS:
        lo, _hi, item = av
        return _required_seq(item) if lo >= 1 else None
    return None


def required_strings(pattern) -> Optional[set[str]]:
    """Strings one of which lies inside every match of ``pattern``; None if none is known.

    Case as the pattern writes them; the match may differ in case where the pattern
    ignores it. Look-around is left out: a match's own span holds the string.
    """
    if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
        return None  # a user's RE2 pattern
    try:
        return _required_seq(sre_parse.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # a parser that changed: no prefilter, only slower
        return None


def _ascii_keys(strings: set[str]) -> Optional[set[str]]:
    """The strings as ASCII text can hold them, lower-cased; None if one may match ASCII text unseen."""
    from .gazetteer import FOLDS_TO_ASCII  # (here: the gazetteer imports this module)

    out = set()
    for s in strings:
        if s.isascii():
            out.add(s.lower())
        elif any(ord(c) in FOLDS_TO_ASCII for c in s):
            return None  # ('ſ' matches an 's' under IGNORECASE)
        # (else a non-ASCII letter: no ASCII text holds it, nor matches it)
    return out


def _minimal(keys: set[str]) -> list[str]:
    """The keys without those holding a shorter one: wherever they are, the shorter is too."""
    out: list[str] = []
    for key in sorted(keys, key=len):
        if not any(k in key for k in out):
            out.append(key)
    return out


class Prefilter:
    """Which patterns of a family may match a piece of ASCII text, by the strings each needs.

    Args:
        patterns: the family's compiled patterns, in order.
    """

    def __init__(self, patterns: list):
        self.always: list[int] = []  # the patterns with no known string: they may match anything
        owners: dict[str, set[int]] = {}
        for i, p in enumerate(patterns):
            strings = required_strings(p)
            keys = _ascii_keys(strings) if strings is not None else None
            if keys is None:
                self.always.append(i)
                continue
            for key in keys:
                owners.setdefault(key, set()).add(i)
        self.automaton = ahocorasick.Automaton()
        for key in _minimal(set(owners)):
            # a key holding a shorter one is found by it: the shorter speaks for both
            self.automaton.add_word(key, frozenset(i for k, idx in owners.items() if key in k for i in idx))
        self.empty = not len(self.automaton)
        if not self.empty:
            self.automaton.make_automaton()

    def _piece(self, text: str, pos: int, endpos: Optional[int]) -> Optional[str]:
        """``text[pos:endpos]`` lower-cased, if ASCII; else None (no prefilter: Unicode case folding differs)."""
        # (bounds as ``Pattern.search`` takes them: below 0 is 0, not from the end)
        pos, end = max(pos, 0), len(text) if endpos is None else max(endpos, 0)
        piece = text if pos == 0 and end >= len(text) else text[pos:end]
        return piece.lower() if piece.isascii() else None

    def may_match(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> bool:
        """False only if no pattern can match in ``text[pos:endpos]`` (as ``Pattern.search`` reads them)."""
        if self.always:
            return True
        low = self._piece(text, pos, endpos)
        if low is None:
            return True
        return not self.empty and next(self.automaton.iter(low), None) is not None

    def candidates(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Optional[set[int]]:
        """The indices of the patterns that may match in ``text[pos:endpos]``; None: any may."""
        low = self._piece(text, pos, endpos)
        if low is None:
            return None
        out = set(self.always)
        if not self.empty:
            for _end, owners in self.automaton.iter(low):
                out |= owners
        return out
