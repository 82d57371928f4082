"""Word patterns: trigger rules an analyst writes as words, compiled to a regular expression.

``words: "hold [courtesy] (talks | a meeting) ... with"`` compiles to the kind of
case-insensitive regex the rule files hold under ``pattern``, so the matcher,
RE2 for ``--rules`` folders, and speed stay as they are. The syntax:

- ``hold``: a word matches its inflections (holds, held, holding); see :func:`forms`.
- ``"held"``: a word or words in double quotes match exactly as written.
- ``(talks | a meeting)``: one of the alternatives; ``a | b`` also works at the top.
- ``[courtesy]``: words that may be left out (``[a | the]``: one of them, or none).
- ``...``: a gap of 0 to 4 words; ``...{6}`` up to 6, ``...{1,6}`` 1 to 6 (at most 10).
  A gap's word is a run of characters other than spaces and ``. ; : ! ?``,
  so a gap stays in its sentence.

Words are separated by any whitespace and bounded by word boundaries (not at an
edge letter outside ASCII, which RE2's boundary does not know).
There are no slots (``{PERSON}``): the matcher finds people, places and dates
itself; a rule that needs more uses ``pattern``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Union

from .errors import WordPatternError

#: the widest gap ``...{m,n}`` may ask for
MAX_GAP = 10
#: ``...`` alone
DEFAULT_GAP = (0, 4)
#: one word a gap skips
_GAP_WORD = r"[^\s.;:!?]+"
_SEP = r"\s+"

#: words that never inflect: articles, pronouns, prepositions, particles, auxiliaries, conjunctions
FUNCTION_WORDS = frozenset(
    """
    a an the this that these those some any each every both all no not nor and or but if as than so yet
    of to in on at by for with from into onto upon about above over under after before between among
    through during via without within against toward towards across around along behind beside besides
    near off out up down since until till while when where who whom whose which what how why
    i me my we us our you your he him his she her it its they them their
    is am are was were be been being will would shall should can could may might must
    also then there here again ago very too just only once twice
    """.split()
)

#: irregular verbs: the base first; the base or an irregular form stands for the whole group
IRREGULAR = [
    "have has had having",
    "do does did done doing",
    "go goes went gone going",
    "meet meets met meeting",
    "hold holds held holding",
    "speak speaks spoke spoken speaking",
    "pay pays paid paying",
    "make makes made making",
    "take takes took taken taking",
    "come comes came coming",
    "become becomes became becoming",
    "fly flies flew flown flying",
    "lead leads led leading",
    "sit sits sat sitting",
    "see sees saw seen seeing",
    "tell tells told telling",
    "give gives gave given giving",
    "get gets got gotten getting",
    "say says said saying",
    "send sends sent sending",
    "leave leaves left leaving",
    "bring brings brought bringing",
    "buy buys bought buying",
    "think thinks thought thinking",
    "seek seeks sought seeking",
    "fight fights fought fighting",
    "find finds found finding",
    "keep keeps kept keeping",
    "put puts putting",
    "set sets setting",
    "let lets letting",
    "run runs ran running",
    "begin begins began begun beginning",
    "write writes wrote written writing",
    "break breaks broke broken breaking",
    "choose chooses chose chosen choosing",
    "know knows knew known knowing",
    "grow grows grew grown growing",
    "show shows showed shown showing",
    "draw draws drew drawn drawing",
    "withdraw withdraws withdrew withdrawn withdrawing",
    "rise rises rose risen rising",
    "stand stands stood standing",
    "understand understands understood understanding",
    "undertake undertakes undertook undertaken undertaking",
    "hear hears heard hearing",
    "feel feels felt feeling",
    "mean means meant meaning",
    "sell sells sold selling",
    "win wins won winning",
    "lose loses lost losing",
    "build builds built building",
    "spend spends spent spending",
    "shake shakes shook shaken shaking",
    "swear swears swore sworn swearing",
    "strike strikes struck striking",
    "throw throws threw thrown throwing",
    "read reads reading",
    "broadcast broadcasts broadcasting",
    "forgo forgoes forwent forgone forgoing",
    "quit quits quitting",
]
#: 'be' stands for all its forms; each form written ('was') stands for itself
_GROUPS: dict[str, tuple[str, ...]] = {"be": ("be", "is", "am", "are", "was", "were", "been", "being")}
for _line in IRREGULAR:
    _group = tuple(_line.split())
    _base = _group[0]
    for _form in _group:
        # the base and the irregular forms (held, spoken) name the group; -s and -ing forms stand for themselves
        if _form == _base or not _form.endswith(("s", "ing")):
            _GROUPS.setdefault(_form, _group)

#: longer verbs that double their final consonant (stress on the last syllable)
_DOUBLING = frozenset(
    "admit commit omit permit submit transmit emit refer prefer confer defer infer transfer occur recur "
    "incur deter regret control patrol equip compel expel propel rebut abet".split()
)
#: words ending in -ly that are not adverbs
_LY_VERBS = frozenset("reply apply supply comply imply multiply rally tally ally rely bully".split())
#: words in -eed that are not a past tense (agreed, freed are)
_EED_BASES = frozenset("need feed speed breed bleed heed weed seed deed greed creed proceed succeed exceed indeed".split())
_VOWELS = "aeiou"


def _syllables(word: str) -> int:
    return len(re.findall(r"[aeiouy]+", word.lstrip("y"))) or 1


def _doubles(word: str) -> tuple[bool, bool]:
    """Whether the final consonant doubles before -ed/-ing: (doubled form, plain form)."""
    cvc = len(word) >= 3 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS and word[-3] not in _VOWELS
    if not cvc:
        return False, True
    if word in _DOUBLING or _syllables(word) == 1:
        return True, False
    if word.endswith("l"):  # traveled and travelled
        return True, True
    return False, True


def _suffixed(word: str, last: str, suffix: str) -> list[str]:
    """``word`` + ``suffix`` ('-ed', '-ing'), with the final consonant doubled where English does, or both forms."""
    doubled, plain = _doubles(last)
    return ([word + word[-1] + suffix] if doubled else []) + ([word + suffix] if plain else [])


def _regular(word: str) -> list[str]:
    """A base word and its -s, -ed and -ing forms."""
    last = word.rsplit("-", 1)[-1]
    out = [word]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        out.append(word + "es")
    elif len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        out.append(word[:-1] + "ies")
    elif len(word) > 1 and word.endswith("o") and word[-2] not in _VOWELS:
        out += [word + "s", word + "es"]
    else:
        out.append(word + "s")
    if word.endswith("e"):
        out.append(word + "d")
    elif len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        out.append(word[:-1] + "ied")
    else:
        out += _suffixed(word, last, "ed")
    if word.endswith("ie"):
        out.append(word[:-2] + "ying")
    elif word.endswith("e") and not word.endswith(("ee", "oe", "ye")) and len(word) > 2:
        out.append(word[:-1] + "ing")
    else:
        out += _suffixed(word, last, "ing")
    return out


def forms(word: str) -> list[str]:
    """The forms a written word matches, itself first.

    - a function word (a, the, with, on, was ...), a word with a capital or a digit,
      and an adverb in -ly match themselves only;
    - an irregular verb, by its base or an irregular form (hold, held), matches its
      whole group: hold holds held holding; 'be' matches is, am, are, was, were, been, being;
    - a word already inflected matches itself, and one in -ing its plural too:
      meeting meetings; talks; discussed;
    - any other word is a base: -s/-es/-ies, -ed/-d/-ied, -ing with a final e dropped,
      and a final consonant doubled where English doubles it: plan planned planning,
      travel traveled travelled.
    """
    low = word.lower()
    last = low.rsplit("-", 1)[-1]
    group = _GROUPS.get(last)
    if low != word or any(c.isdigit() for c in word) or (low in FUNCTION_WORDS and low != "be") or not low[-1:].isalpha():
        return [word]
    if group:
        stem = low[: len(low) - len(last)]
        return [low] + [stem + f for f in group if f != last]
    if last.endswith("ly") and len(last) >= 5 and last not in _LY_VERBS:
        return [low]
    if last.endswith("ing") and len(last) >= 6:
        return [low, low + "s"]
    if last.endswith("ed") and len(last) >= 5 and last not in _EED_BASES:
        return [low]
    if last.endswith("s") and len(last) >= 4 and not last.endswith(("ss", "us", "is")):
        return [low]
    return _regular(low)


# -- the parser: words -> a small tree ---------------------------------------------------


@dataclass(frozen=True)
class _Word:
    text: str
    exact: bool


@dataclass(frozen=True)
class _Gap:
    low: int
    high: int


@dataclass(frozen=True)
class _Group:
    """One of ``branches`` (each a sequence); ``optional``: or none of them."""

    branches: tuple
    optional: bool


_Item = Union[_Word, _Gap, _Group]
_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<gap>(?:\.\.\.|…)(?:\{(?P<lo>\d+)(?:,(?P<hi>\d+))?\})?)
      | (?P<slot>\{[^{}\s]*\}?)
      | (?P<quote>"[^"]*"?)
      | (?P<open>[(\[])
      | (?P<close>[)\]])
      | (?P<bar>\|)
      | (?P<bad>[\\{}])
      | (?P<word>(?:(?!\.\.\.|…)[^\s()\[\]|"{}\\])+)""",
    re.X,
)
_CLOSER = {"(": ")", "[": "]"}


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, 1-based character) of each token, or the first error."""
    out = []
    for m in _TOKEN.finditer(text):
        kind, value, at = m.lastgroup, m.group(), m.start() + 1
        if kind == "space":
            continue
        if kind == "bad":
            if value == "\\":
                raise WordPatternError(f"a backslash at character {at}: words take no escapes; use 'pattern' for a regular expression")
            what = "is never closed" if value == "{" else "has no matching '{'"
            raise WordPatternError(f"unbalanced brackets: '{value}' at character {at} {what}")
        if kind == "slot":
            if not value.endswith("}") or len(value) < 2:
                raise WordPatternError(f"unbalanced brackets: '{{' at character {at} is never closed")
            raise WordPatternError(f"unknown slot '{value}' at character {at}: word patterns have no slots; write the words around the name, or use 'pattern'")
        if kind == "quote" and (len(value) < 2 or not value.endswith('"')):
            raise WordPatternError(f"unclosed quote '\"' at character {at}")
        out.append((kind, value, at))
    return out


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.i = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def alternatives(self, opener=None) -> tuple:
        """``seq ('|' seq)*`` up to the closing bracket of ``opener`` (kind, text, at) or the end."""
        branches = [self.sequence()]
        while (tok := self.peek()) is not None and tok[0] == "bar":
            self.i += 1
            branches.append(self.sequence())
            if not branches[-1]:
                raise WordPatternError(f"empty alternative after '|' at character {tok[2]}")
        tok = self.peek()
        if opener is None:
            if tok is not None:  # a closing bracket with no opener
                raise WordPatternError(f"unbalanced brackets: '{tok[1]}' at character {tok[2]} has no matching '{'(' if tok[1] == ')' else '['}'")
        else:
            if tok is None:
                raise WordPatternError(f"unbalanced brackets: '{opener[1]}' at character {opener[2]} is never closed")
            if tok[1] != _CLOSER[opener[1]]:
                raise WordPatternError(f"unbalanced brackets: '{tok[1]}' at character {tok[2]} closes '{opener[1]}' at character {opener[2]}")
            self.i += 1
        if len(branches) > 1 and not branches[0]:
            raise WordPatternError(f"empty alternative before '|' at character {self._bar_after(opener)}")
        return tuple(branches)

    def _bar_after(self, opener) -> int:
        start = 0 if opener is None else next(n for n, t in enumerate(self.tokens) if t[2] == opener[2]) + 1
        return next(t[2] for t in self.tokens[start:] if t[0] == "bar")

    def sequence(self) -> tuple:
        items: list[_Item] = []
        while (tok := self.peek()) is not None and tok[0] not in ("bar", "close"):
            kind, value, at = tok
            self.i += 1
            if kind == "word":
                items.append(_Word(value, exact=False))
            elif kind == "quote":
                inner = value[1:-1].split()
                if not inner:
                    raise WordPatternError(f"empty quotes at character {at}")
                items.extend(_Word(w, exact=True) for w in inner)
            elif kind == "gap":
                items.append(_gap(value, at))
            else:  # an opening bracket
                branches = self.alternatives(tok)
                if branches == ((),):
                    raise WordPatternError(f"empty brackets '{value}{_CLOSER[value]}' at character {at}")
                items.append(_Group(branches, optional=value == "["))
        return tuple(items)


def _gap(value: str, at: int) -> _Gap:
    m = re.fullmatch(r"(?:\.\.\.|…)(?:\{(\d+)(?:,(\d+))?\})?", value)
    if m.group(1) is None:
        return _Gap(*DEFAULT_GAP)
    low, high = (0, int(m.group(1))) if m.group(2) is None else (int(m.group(1)), int(m.group(2)))
    if high < low or high == 0 or high > MAX_GAP:
        raise WordPatternError(f"bad gap '{value}' at character {at}: give '...{{n}}' or '...{{m,n}}' with m <= n and 0 < n <= {MAX_GAP}")
    return _Gap(low, high)


# -- the compiler: tree -> regex ---------------------------------------------------------


def _word_regex(word: _Word) -> str:
    variants = [word.text] if word.exact else forms(word.text)
    seen: list[str] = []
    for v in sorted(variants, key=lambda v: (-len(v), v)):
        if v not in seen:
            seen.append(v)
    body = "|".join(re.sub("['’]", "['’]", re.escape(v)) for v in seen)  # either apostrophe
    if len(seen) > 1:
        body = f"(?:{body})"
    # RE2's \b knows ASCII word characters only: a word with another letter at an edge goes unbounded there
    head = r"\b" if all(re.match(r"[A-Za-z0-9_]", v) for v in seen) else ""
    tail = r"\b" if all(re.search(r"[A-Za-z0-9_]$", v) for v in seen) else ""
    return head + body + tail


def _empty(item) -> bool:
    """Whether an item, or a sequence of items, may match no word at all."""
    if isinstance(item, tuple):
        return all(_empty(i) for i in item)
    if isinstance(item, _Word):
        return False
    if isinstance(item, _Gap):
        return True
    return item.optional or any(_empty(b) for b in item.branches)


def _describe(seq: tuple) -> str:
    def one(item) -> str:
        if isinstance(item, _Word):
            return f'"{item.text}"' if item.exact else item.text
        if isinstance(item, _Gap):
            return "..." if (item.low, item.high) == DEFAULT_GAP else f"...{{{item.low},{item.high}}}"
        inner = " | ".join(_describe(b) for b in item.branches)
        return f"[{inner}]" if item.optional else f"({inner})"

    return " ".join(one(i) for i in seq)


def _alternation(branches: tuple) -> str:
    parts = [_sequence(b) for b in branches]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _sequence(seq: tuple) -> str:
    """A sequence: items before its first word that is always there carry their space after, the rest before."""
    anchor = next((n for n, item in enumerate(seq) if not _empty(item)), None)
    if anchor is None:
        raise WordPatternError(f"'{_describe(seq)}' may match no word at all; give it a word that is not optional")
    out = []
    for n, item in enumerate(seq):
        before = n < anchor
        if isinstance(item, _Gap):
            unit = f"{_GAP_WORD}{_SEP}" if before else f"{_SEP}{_GAP_WORD}"
            out.append(f"(?:{unit}){{{item.low},{item.high}}}?")
            continue
        core = _word_regex(item) if isinstance(item, _Word) else _alternation(item.branches)
        if isinstance(item, _Group) and item.optional:
            core = f"(?:{core}{_SEP})?" if before else f"(?:{_SEP}{core})?"
        elif n != anchor:
            core = core + _SEP if before else _SEP + core
        out.append(core)
    return "".join(out)


@lru_cache(maxsize=4096)
def compile_words(text: str) -> str:
    """The regular expression (source) for a word pattern, matched case-insensitively.

    Raises:
        WordPatternError: the pattern does not parse; the message names the character.
    """
    parser = _Parser(text)
    if not parser.tokens:
        raise WordPatternError("no words")
    branches = parser.alternatives()
    for seq in branches:
        if seq and isinstance(seq[0], _Gap):
            raise WordPatternError("a gap '...' cannot start a pattern; it stands between words")
        if seq and isinstance(seq[-1], _Gap):
            raise WordPatternError("a gap '...' cannot end a pattern; it stands between words")
    source = "|".join(_sequence(seq) for seq in branches)
    # a space beside a word already bounds it
    return source.replace(_SEP + r"\b", _SEP).replace(r"\b" + _SEP, _SEP)
