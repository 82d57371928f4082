"""Sentences: where each one starts and ends, newlines and abbreviations considered."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = {
    "u.s", "u.k", "d.c", "u.n", "e.u", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "lt", "col", "sen", "rep",
    "gov", "amb", "dept", "inc", "corp", "no", "vs", "e.g", "i.e", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
    "p.m", "a.m", "adm", "maj", "capt", "prof", "rev", "hon", "pres", "sec", "rt", "h.e", "messrs", "mme", "sgt", "cdr", "brig",
}

#: '[.!?]+["”’)\]]*\s+|\n+', written to open with a set of characters, so that sre skips
#: to the next candidate instead of trying both branches at every position (4x faster)
#: (a web page's glued sentences, 'met with Zelensky.The three leaders', end after a lower-case word too)
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"”’)\]]*\s+|(?<=\n)\n*|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]{2,}\b))")

_SPLIT_TOKEN = re.compile(r"[-/–]")

_INITIAL = re.compile(r"[A-Z]")

_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")


@dataclass
class Sentence:
    """A sentence's offsets in the text."""

    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets; newlines always end one, abbreviations never do."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if "\n" not in m.group(0):
            before = text[max(start, m.start() - 200) : m.start()]  # the last word is enough; all of it was quadratic
            token = before.rsplit(None, 1)[-1] if before.strip() else ""
            # 'Japan-U.S.' ends in an abbreviation too
            token = _SPLIT_TOKEN.split(token)[-1] or token
            bare = token.lower().rstrip(".").lstrip("(\"“")
            after = text[m.end() : m.end() + 1]
            # ('H.E.Mr. Charles Michel': the title ends the token)
            if m.group(0).strip() == "." and (bare in _ABBREV or bare.rsplit(".", 1)[-1] in _ABBREV or _INITIAL.fullmatch(token.lstrip("(")) or _INITIALS.fullmatch(token)):
                continue
            if after and not (after.isupper() or after.isdigit() or after in "\"“‘'(@—–-"):
                continue
        end = m.start() + len(m.group(0).rstrip())
        if text[start:end].strip():
            out.append(_trimmed(text, start, end))
        start = m.end()
    if text[start:].strip():
        out.append(_trimmed(text, start, len(text)))
    return _capped(text, out)

#: longer 'sentences' (a list, a dump without full stops) are cut at a space: each
#: fact quotes its sentence, and per-sentence work must stay bounded on any input
MAX_SENTENCE = 2000


def _capped(text: str, sentences: list[Sentence]) -> list[Sentence]:
    if all(s.end - s.start <= MAX_SENTENCE for s in sentences):
        return sentences
    out: list[Sentence] = []
    for s in sentences:
        start = s.start
        while s.end - start > MAX_SENTENCE:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
            cut = cut if cut > start else start + MAX_SENTENCE
            if text[start:cut].strip():
                out.append(_trimmed(text, start, cut))
            start = cut
        if text[start : s.end].strip():
            out.append(_trimmed(text, start, s.end))
    return out


def _trimmed(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end)
