"""Find date expressions in text and resolve them against the document's date.

What the text and the document date do not fix stays unknown: a month-day
with no year and no document date is a gMonthDay, never a guessed year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Optional

from .model import PartialDate

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
#: number words in durations ("four hours") and counted groups ("the four leaders")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

# Month names must be capitalised (or all caps) so that "may" the verb is no date.
_MON = r"(?P<{n}>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\.?)"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{n}>(?:19|20)\d\d)"
_DASH = r"\s*(?:-|–|—|to|until|through|and)\s*"
#: between two whole dates ('5 May and 6 June' are two days, not a span)
_SPAN_DASH = r"\s*(?:-|–|—|to|until|through)\s*"
#: between a month and its day: no line break, and no full stop after a whole month name
#: ('in January.' then '2. Prime Minister ...' on the next line is no 'January 2')
_MD_GAP = r"(?<![a-z]{4}\.)[^\S\n]+"


_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    # 29/05/2024, 29.05.2024, 5/29/2024: the order only where one part cannot be a month
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)\b")),
    # October 30 - November 1, 2023
    (
        "range-md-md",
        re.compile(
            r"\b(?:[Ff]rom\s+)?" + _MON.format(n="m1") + _MD_GAP + _DAY.format(n="d1") + _DASH + _MON.format(n="m2") + _MD_GAP + _DAY.format(n="d2") + r"(?:,?\s+" + _YEAR.format(n="y") + r")?\b"
        ),
    ),
    # 30 November to 2 December 2023 / 31 October–3 November
    (
        "range-dm-dm",
        re.compile(r"\b(?:[Ff]rom\s+)?" + _DAY.format(n="d1") + r"\s+" + _MON.format(n="m1") + _SPAN_DASH + _DAY.format(n="d2") + r"\s+" + _MON.format(n="m2") + r"(?:,?\s+" + _YEAR.format(n="y") + r")?\b"),
    ),
    # October 26-27, 2023 / From October 26 to 27, 2023
    ("range-md", re.compile(r"\b(?:[Ff]rom\s+)?" + _MON.format(n="m") + _MD_GAP + _DAY.format(n="d1") + _DASH + _DAY.format(n="d2") + r"\b(?:,?\s+" + _YEAR.format(n="y") + r"\b)?")),
    # 26-27 October 2023 / the 12th and 13th of December
    ("range-dm", re.compile(r"\b(?:[Ff]rom\s+)?" + _DAY.format(n="d1") + _DASH + _DAY.format(n="d2") + r"\s+(?:of\s+)?" + _MON.format(n="m") + r"(?:,?\s+" + _YEAR.format(n="y") + r")?\b")),
    # October 27, 2023 / October 27
    ("md", re.compile(r"\b" + _MON.format(n="m") + _MD_GAP + _DAY.format(n="d") + r"\b(?!:)(?:,?\s+" + _YEAR.format(n="y") + r"\b)?")),
    # 27 October 2023 / 27 October / the 27th of October
    ("dm", re.compile(r"\b" + _DAY.format(n="d") + r"\s+(?:of\s+)?" + _MON.format(n="m") + r"(?:,?\s+" + _YEAR.format(n="y") + r")?\b")),
    # mid-June / in June 2023 / last November / next March
    (
        "month",
        re.compile(r"\b(?P<rel>last|next|this|early|late|mid|earlier in|later in|in|since|by|until)?[\s-]*" + _MON.format(n="m") + r"(?!\s+\d{1,2}(?!\d))(?:,?\s+" + _YEAR.format(n="y") + r"|\s+(?P<yrel>last|this|next) year)?\b"),
    ),
    # 'on the 6th': a day of the month around the document's date
    ("ordinal-day", re.compile(r"\bon the (?P<d>[0-3]?\d)(?:st|nd|rd|th)\b(?=\s*(?:[,.;:)]|$)|\s+(?:at|in|when|and|to|with|before|after|as|while|during|for|of (?:this|last|next) month)\b)")),
    ("weekday", re.compile(r"\b(?P<rel>last|next|this|on|on the|earlier on|late on)?\s*(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    # ('in Nairobi today morning', 'yesterday evening', 'last night': the day they name)
    ("today", re.compile(r"\b(?P<w>[Tt]oday|[Tt]onight|[Tt]his morning|[Tt]his afternoon|[Tt]his evening|[Yy]esterday|[Tt]omorrow|[Ll]ast night)\b(?:[^\S\n]+(?:morning|afternoon|evening|night))?")),
    # 'last week', 'next month'; 'over the weekend', 'at the weekend': the one just past (ahead, for a plan)
    ("week", re.compile(r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arlier this|[Ll]ater this|[Tt]he previous|[Tt]he following)\s+(?P<unit>weekend|week|month|year)|(?P<wrel>[Oo]ver the|[Aa]t the|[Dd]uring the|[Tt]his past)\s+weekend)\b")),
    # 'three days ago', 'two weeks ago'
    ("ago", re.compile(r"\b(?P<n>\d{1,2}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+(?P<unit>days?|weeks?)\s+ago\b")),
    ("year", re.compile(r"\b(?P<rel>in|since|by|until|of|during)\s+(?P<y>(?:19|20)\d\d)\b(?![-/]\d)")),
    # 'over the past two days': those days, the document's the last of them
    ("past-days", re.compile(r"\b(?i:over|during) the (?i:past|last) (?P<n>\d|(?i:two|three|four|five|six|seven)) days\b")),
]


# -- where each pattern can start -------------------------------------------------
# Every pattern above opens with a word boundary and a cue it cannot do without
# (a month, a weekday, a number, 'week'...). Scanning a text with ten such
# patterns tried at every position was the slowest part of extraction; instead a
# fast case-sensitive scan finds the cues, each pattern is tried only where a
# match could start, and the matches are exactly those of ``finditer``.
_MONTH_CUE = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC")
_WEEKDAY_CUE = re.compile(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
# (one character into the word: a first letter written [Tt] would defeat the fast scan)
_TODAY_CUE = re.compile(r"oday|onight|his morning|his afternoon|his evening|esterday|omorrow|ast night")
_UNIT_CUE = re.compile(r"week|month|year")
_AGO_CUE = re.compile(r"\bago\b")
_PAST_DAYS_CUE = re.compile(r"\b(?:[Oo]ver|[Dd]uring) the (?:past|last) ")
_NUMBER = re.compile(r"\d+")
_FROM = re.compile(r"rom")
#: the words a pattern allows before its cue (only their lengths matter)
_MONTH_REL = ("last", "next", "this", "early", "late", "mid", "earlier in", "later in", "in", "since", "by", "until")
_WEEKDAY_REL = ("last", "next", "this", "on", "on the", "earlier on", "late on")
_WEEK_REL = ("last", "next", "this", "earlier this", "later this", "the previous", "the following", "over the", "at the", "during the", "this past")
_YEAR_REL = ("in", "since", "by", "until", "of", "during")
#: the words that make a month or year the bound of a period, not a time something happened
_BOUNDARY_REL = ("since", "by", "until")


def _every(cue: re.Pattern, text: str) -> list[int]:
    """Where ``cue`` matches, overlapping matches included."""
    out = []
    m = cue.search(text)
    while m is not None:
        out.append(m.start())
        m = cue.search(text, m.start() + 1)
    return out


def _run_start(text: str, q: int, dash: bool = False) -> int:
    """Where the whitespace (and, with ``dash``, hyphens) just before ``q`` begins."""
    while q > 0 and (text[q - 1].isspace() or (dash and text[q - 1] == "-")):
        q -= 1
    return q


def _before(text: str, cues: list[int], words: tuple[str, ...], dash: bool = False, self_too: bool = True) -> list[int]:
    """Starts of a match whose cue is at each of ``cues``: the cue, or a word then spaces before it."""
    out = []
    for q in cues:
        j = _run_start(text, q, dash)
        if self_too:
            out += (q, j)
        # (the words are ASCII, and upper-case only in their first letter if at all)
        out += [j - len(w) for w in words if text[j - len(w) : j].lower() == w]
    return out


def _words_before(text: str, cues: list[int], words: int) -> list[int]:
    """Where each of the ``words`` words before each cue begins."""
    out = []
    for q in cues:
        k = q
        for _word in range(words):
            k = _run_start(text, k)
            while k > 0 and text[k - 1].isalnum():
                k -= 1
            out.append(k)
    return out


def _starts(text: str) -> dict[str, list[int]]:
    """For each pattern, the sorted positions where it could match (a superset)."""
    months = _every(_MONTH_CUE, text)
    # '\b' then a number: where a run of digits begins
    numbers = [m.start() for m in _NUMBER.finditer(text)]
    froms = [q - 1 for q in _every(_FROM, text)]
    starts = {
        "iso": numbers,
        "numeric": numbers,
        "dm": numbers,
        "range-dm": numbers + froms,
        "md": months,
        "range-md": months + froms,
        "range-md-md": months + froms,
        "range-dm-dm": numbers + froms,
        "month": _before(text, months, _MONTH_REL, dash=True),
        "weekday": _before(text, _every(_WEEKDAY_CUE, text), _WEEKDAY_REL),
        "ordinal-day": _before(text, numbers, ("on the",), self_too=False),
        "today": [q - 1 for q in _every(_TODAY_CUE, text)],
        "week": _before(text, _every(_UNIT_CUE, text), _WEEK_REL, self_too=False),
        "year": _before(text, numbers, _YEAR_REL, self_too=False),
        "ago": _words_before(text, _every(_AGO_CUE, text), 2),
        "past-days": [m.start() for m in _PAST_DAYS_CUE.finditer(text)],
    }
    return {rule: sorted(set(found)) for rule, found in starts.items()}


def _matches(pattern: re.Pattern, text: str, starts: list[int]) -> list[re.Match]:
    """``pattern.finditer(text)``, trying only ``starts`` (no pattern matches empty)."""
    out = []
    pos = 0
    for p in starts:
        if p < pos:
            continue
        m = pattern.match(text, p)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression.

    Args:
        start, end: character offsets in the text.
        text: the expression as written.
        first, last: the dates it spans (equal for a single day); parts unknown stay None.
        rule: which pattern matched.
        explicit: whether the text itself gives the year, month and day.
    """

    start: int
    end: int
    text: str
    first: PartialDate
    last: PartialDate
    rule: str
    explicit: bool = False
    #: the first and last day the expression can mean, where it spans days ('last week')
    bounds: Optional[tuple[dt.date, dt.date]] = None
    #: a bound of a period ('since 2018', 'until 2030', 'by March'), not when something happened
    boundary: bool = False


#: rules that name a day of a month: a weekday just before one is part of it
_DAY_RULES = {"iso", "numeric", "md", "dm", "range-md", "range-dm", "range-md-md", "range-dm-dm"}
_WEEKDAY_GAP = re.compile(r",?[^\S\n]*(?:the[^\S\n]+)?")
#: a date in brackets after a weekday or 'yesterday' names the day it means ('on Monday (Dec 23)', 'yesterday (12 March 2023)')
_BRACKET_OPEN = re.compile(r"[^\S\n]*(?:morning|afternoon|evening|night)?[^\S\n]*\(")
_BRACKET_CLOSE = re.compile(r"[^\S\n]*\)")
#: the day of the month alone in brackets, as Latin American news writes it ('this Tuesday (28)')
_BRACKET_DAY = re.compile(r"[^\S\n]*(?:morning|afternoon|evening|night)?[^\S\n]*\((?P<d>[0-3]?\d)\)")
_DAY_AFTER = re.compile(r"\b[Tt]he day (after|before)\s+$")


def _month(token: str) -> int:
    return _MONTHS[token.rstrip(".").lower()]


def _safe_date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _shift_month(ref: dt.date, step: int) -> tuple[int, int]:
    """The (year, month) ``step`` months from ``ref``'s month."""
    month0 = ref.year * 12 + ref.month - 1 + step
    return month0 // 12, month0 % 12 + 1


def _infer_year(month: int, day: Optional[int], ref: Optional[dt.date]) -> Optional[int]:
    """The year placing month/day nearest the reference date; None without one."""
    if ref is None:
        return None
    best, best_gap = None, None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        cand = _safe_date(year, month, day or 15)
        if cand is None:
            continue
        gap = abs((cand - ref).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _span_to_partial(first: dt.date, last: dt.date) -> PartialDate:
    """The most a span of days tells about 'when': its month if one, its year if one."""
    if first == last:
        return PartialDate.of(first)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    if first.year == last.year:
        return PartialDate(first.year)
    return PartialDate()


def find_dates(text: str, ref: Optional[dt.date], future: bool = False) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``ref`` (the document date).

    Args:
        text: the text to scan.
        ref: the document's date; None leaves relative expressions unknown.
        future: resolve bare weekdays forward (for clauses about planned events).
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    covered = bytearray(len(text))  # 1 where a date was taken: linear, where a list of spans was quadratic

    def free(a: int, b: int) -> bool:
        if a < b:
            return covered.find(1, a, b) < 0
        return all(b <= s or a >= e for s, e in taken)

    starts = _starts(text)
    for rule, pattern in _PATTERNS:
        for m in _matches(pattern, text, starts[rule]):
            a, b = m.span()
            # the month pattern's optional relative word may have matched whitespace only
            if not free(a, b):
                continue
            mention = _resolve(rule, m, ref, future)
            if mention is None:
                continue
            taken.append((a, b))
            covered[a:b] = b"\x01" * (b - a)
            found.append(mention)
    found.sort(key=lambda d: d.start)
    out: list[DateMention] = []
    for d in found:
        if out and out[-1].rule == "weekday" and d.rule in _DAY_RULES and _WEEKDAY_GAP.fullmatch(text, out[-1].end, d.start):
            # 'Friday, 16 February': the date names the day; the weekday before it only repeats it
            start = out.pop().start
            d = replace(d, start=start, text=text[start : d.end])
        elif out and out[-1].rule in ("weekday", "today") and d.rule in _DAY_RULES and _BRACKET_OPEN.fullmatch(text, out[-1].end, d.start):
            # 'on Monday (Dec 23)': the bracketed date names the day, and the pair is one mention
            close = _BRACKET_CLOSE.match(text, d.end)
            start, end = out.pop().start, close.end() if close else d.end
            d = replace(d, start=start, end=end, text=text[start:end])
        out.append(d)
    return [_bracket_day(d, text, ref) if d.rule == "weekday" else d for d in out]


def _bracket_day(d: DateMention, text: str, ref: Optional[dt.date]) -> DateMention:
    """A weekday followed by its day of the month in brackets ('this Tuesday (28)'): that day, near the document's date."""
    m = _BRACKET_DAY.match(text, d.end)
    day = d.first.to_date()
    if m is None or ref is None or day is None:
        return d
    # (the weekday's day nearest the document's date that falls on the bracketed day of the month)
    near = [c for c in (ref + dt.timedelta(days=k) for k in range(-14, 15)) if c.weekday() == day.weekday() and c.day == int(m.group("d"))]
    if not near:
        return d
    best = min(near, key=lambda c: (abs((c - ref).days), c))
    return replace(d, end=m.end(), text=text[d.start : m.end()], first=PartialDate.of(best), last=PartialDate.of(best))


def _resolve(rule: str, m: re.Match, ref: Optional[dt.date], future: bool) -> Optional[DateMention]:
    g = m.groupdict()
    text = m.group(0)
    a, b = m.span()

    def mk(first: PartialDate, last: Optional[PartialDate] = None, explicit: bool = False, boundary: bool = False) -> DateMention:
        return DateMention(a, b, text, first, last or first, rule, explicit, boundary=boundary)

    if rule == "iso":
        day = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return mk(PartialDate.of(day), explicit=True) if day else None
    if rule == "numeric":
        a, b = int(g["a"]), int(g["b"])
        if (a > 12) == (b > 12):
            return None  # '05/06/2024' is 5 June or May 6: unknown, never guessed
        d, m_ = (a, b) if a > 12 else (b, a)
        day = _safe_date(int(g["y"]), m_, d)
        return mk(PartialDate.of(day), explicit=True) if day else None
    if rule in ("range-md", "range-dm", "range-md-md", "range-dm-dm"):
        if rule in ("range-md-md", "range-dm-dm"):
            m1, m2 = _month(g["m1"]), _month(g["m2"])
        else:
            m1 = m2 = _month(g["m"])
        d1, d2 = int(g["d1"]), int(g["d2"])
        if not (1 <= d1 <= 31 and 1 <= d2 <= 31):
            return None
        if g.get("y"):
            y2 = int(g["y"])
            y1 = y2 - 1 if m1 > m2 else y2
            first, last = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
            if not first or not last or last < first:
                return None
            return mk(PartialDate.of(first), PartialDate.of(last), explicit=True)
        y1 = _infer_year(m1, d1, ref)
        if y1 is None:
            if not (_safe_date(2000, m1, d1) and _safe_date(2000, m2, d2)):
                return None  # '30 February' is no day in any year
            return mk(PartialDate(None, m1, d1), PartialDate(None, m2, d2))
        y2 = y1 + 1 if m2 < m1 else y1
        first, last = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
        if not first or not last:
            return None
        return mk(PartialDate.of(first), PartialDate.of(last))
    if rule in ("md", "dm"):
        month, day = _month(g["m"]), int(g["d"])
        if not 1 <= day <= 31:
            return None
        if g.get("y"):
            full = _safe_date(int(g["y"]), month, day)
            return mk(PartialDate.of(full), explicit=True) if full else None
        year = _infer_year(month, day, ref)
        if year is None:
            if not _safe_date(2000, month, day):
                return None  # '30 February' is no day in any year
            return mk(PartialDate(None, month, day))
        full = _safe_date(year, month, day)
        return mk(PartialDate.of(full)) if full else None
    if rule == "month":
        month = _month(g["m"])
        rel = (g.get("rel") or "").lower()
        token = g["m"].rstrip(".")
        # a bare 'May'/'March' without a cue word or year is too often not a date
        yrel = (g.get("yrel") or "").lower()
        if token.lower() in ("may", "march", "mar", "jan", "sept", "sep", "dec", "nov", "oct", "aug", "jun", "jul", "apr", "feb") and not rel and not g.get("y") and not yrel:
            return None
        if not rel and not g.get("y") and not yrel and token[0].islower():
            return None
        boundary = rel in _BOUNDARY_REL
        if g.get("y"):
            return mk(PartialDate(int(g["y"]), month), boundary=boundary)
        if ref is None:
            return mk(PartialDate(None, month), boundary=boundary)
        if yrel:
            # 'in September last year'
            return mk(PartialDate(ref.year + {"last": -1, "this": 0, "next": 1}[yrel], month), boundary=boundary)
        if rel == "last":
            year = ref.year if month < ref.month else ref.year - 1
        elif rel == "next":
            year = ref.year if month > ref.month else ref.year + 1
        elif rel in ("this", "earlier in", "later in"):
            year = ref.year
        else:
            year = _infer_year(month, None, ref)
        return mk(PartialDate(year, month), boundary=boundary)
    if rule == "ordinal-day":
        day = int(g["d"])
        if ref is None or not 1 <= day <= 31:
            return mk(PartialDate()) if ref is None else None
        # the month around the document's date where that day falls nearest (or next, for a plan)
        options = []
        for step in (-1, 0, 1):
            year, month = _shift_month(ref, step)
            cand = _safe_date(year, month, day)
            if cand is not None and (not future or cand >= ref):
                options.append(cand)
        if not options:
            return None
        return mk(PartialDate.of(min(options, key=lambda c: (abs((c - ref).days), c))))
    if rule == "weekday":
        if ref is None:
            return mk(PartialDate())
        target = _WEEKDAYS[g["wd"].lower()]
        rel = (g.get("rel") or "").lower()
        delta = (ref.weekday() - target) % 7
        if rel == "next" or (future and rel != "last"):
            ahead = (target - ref.weekday()) % 7 or (7 if rel == "next" else 0)
            day = ref + dt.timedelta(days=ahead)
        elif rel == "last":
            day = ref - dt.timedelta(days=delta or 7)
        else:
            day = ref - dt.timedelta(days=delta)
        return mk(PartialDate.of(day))
    if rule == "today":
        if ref is None:
            return mk(PartialDate())
        word = g["w"].lower()
        shift = -1 if word in ("yesterday", "last night") else 1 if word == "tomorrow" else 0
        further = _DAY_AFTER.search(m.string, max(0, a - 20), a)
        if further and (further.group(1).lower(), word) in (("after", "tomorrow"), ("before", "yesterday")):
            # 'the day after tomorrow' is two days on, not tomorrow
            a, text = further.start(), m.string[further.start() : b]
            shift *= 2
        return mk(PartialDate.of(ref + dt.timedelta(days=shift)))
    if rule == "ago":
        if ref is None:
            return mk(PartialDate())
        n = g["n"].lower()
        count = 1 if n in ("a", "an") else int(n) if n.isdigit() else NUMBER_WORDS[n]
        if g["unit"].startswith("day"):
            return mk(PartialDate.of(ref - dt.timedelta(days=count)))
        # 'two weeks ago': the week that held the day two weeks back, as 'last week' is the one before this
        day = ref - dt.timedelta(weeks=count)
        first = day - dt.timedelta(days=day.weekday())
        last = first + dt.timedelta(days=6)
        part = _span_to_partial(first, last)
        return DateMention(a, b, text, part, part, rule, False, (first, last))
    if rule == "past-days":
        if ref is None:
            return mk(PartialDate())
        n = g["n"].lower()
        count = int(n) if n.isdigit() else NUMBER_WORDS[n]
        if count < 2:
            return None
        first = ref - dt.timedelta(days=count - 1)
        return DateMention(a, b, text, PartialDate.of(first), PartialDate.of(ref), rule, False)
    if rule == "week":
        if ref is None:
            return mk(PartialDate())
        if g["wrel"]:
            # a weekend told without 'last' or 'next' is the nearest one: the one just past, or ahead for a plan
            ahead = future and g["wrel"].lower() != "this past"
            saturday = ref - dt.timedelta(days=ref.weekday() - 5) if ref.weekday() >= 5 else ref + dt.timedelta(days=5 - ref.weekday() - (0 if ahead else 7))
            return _weekend(a, b, text, saturday)
        rel, unit = g["rel"].lower(), g["unit"]
        step = -1 if rel in ("last", "the previous") else 1 if rel in ("next", "the following") else 0
        if unit in ("week", "weekend"):
            monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step)
            first, last = monday, monday + dt.timedelta(days=6)
            if unit == "weekend":
                return _weekend(a, b, text, monday + dt.timedelta(days=5))
            if rel == "earlier this":
                last = ref
            elif rel == "later this":
                first = ref
            part = _span_to_partial(first, last)
            return DateMention(a, b, text, part, part, rule, False, (first, last))
        if unit == "month":
            return mk(PartialDate(*_shift_month(ref, step)))
        return mk(PartialDate(ref.year + step))
    if rule == "year":
        year = int(g["y"])
        ya, yb = m.span("y")
        return DateMention(ya, yb, g["y"], PartialDate(year), PartialDate(year), rule, False, boundary=g["rel"].lower() in _BOUNDARY_REL)
    return None


def _weekend(a: int, b: int, text: str, saturday: dt.date) -> DateMention:
    """A weekend: its month as the period (either day may be meant, as of a week), its Saturday and Sunday as the bounds."""
    sunday = saturday + dt.timedelta(days=1)
    part = _span_to_partial(saturday, sunday)
    return DateMention(a, b, text, part, part, "week", False, (saturday, sunday))


def explicit_dates(text: str) -> list[DateMention]:
    """Dates the text states in full (year, month and day), in order."""
    return [d for d in find_dates(text, None) if d.explicit]


#: what follows a dateline's date: the agency, then a dash ('22nd May, 2024 (WAM) --')
_DATELINE_AFTER = re.compile(r"[^\S\n]*(?:(?:-|–|—|--)[^\S\n]|\([^()\n]{1,30}\)[^\S\n]*(?:-|–|—|--|:))")


def document_date(text: str, published: Optional[dt.date]) -> tuple[Optional[dt.date], Optional[str]]:
    """The date a document speaks from, and where it came from.

    The metadata's date wins; else a dateline (a full date near the top);
    else the latest full date the text states; else unknown.
    """
    if published is not None:
        # ('ABU DHABI, 22nd May, 2024 (WAM) -- ... today' published the next morning: the dateline's day speaks)
        for d in explicit_dates(text[:300]):
            day = d.first.to_date()
            if day is not None and 0 < (published - day).days <= 3 and _DATELINE_AFTER.match(text, d.end):
                return day, "dateline"
        return published, "metadata"
    dates = explicit_dates(text)
    if not dates:
        return None, None
    head = [d for d in dates if d.start < 400]
    if head:
        return head[0].first.to_date(), "dateline"
    latest = max(d.last.to_date() for d in dates)
    return latest, "latest-date"


_DURATION = re.compile(
    r"\b(?P<q>more than|over|about|around|nearly|almost|some|roughly|approximately|at least|less than)?\s*"
    r"(?P<halfof>half\s+(?=an?\s))?"
    r"(?:(?P<n>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?)(?P<nhalf>\s+and\s+a\s+half)?\s+)?"
    r"(?P<unit>hours?|minutes?)"
    r"(?:\s+and\s+(?:an?\s+)?(?P<half>half|a half|(?P<mins>\d+)\s+minutes?))?"
    r"(?:[\s-]+long)?"
    r"(?P<over>\s+over\s+(?:two|three|four|\d+)\s+days)?",
    re.IGNORECASE,
)
#: every duration names its unit: the pattern is tried only in the few words before one
_DURATION_UNIT = re.compile(r"hour|minute", re.IGNORECASE)


def _duration_starts(text: str) -> list[int]:
    """Every position where a duration could start: back from each unit, over at most
    six words (two of a qualifier like 'more than', a number and 'and a half') and the spaces around them."""
    out: set[int] = set()
    for u in _every(_DURATION_UNIT, text):
        k = u
        for _word in range(6):
            k = _run_start(text, k)
            while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "._"):
                k -= 1
        out.update(range(k, u + 1))
    return sorted(out)


@dataclass(frozen=True)
class Duration:
    """A meeting's stated length: the words and an ISO 8601 duration."""

    start: int
    end: int
    text: str
    iso: str


def find_durations(text: str) -> list[Duration]:
    """Lengths of meetings stated in text ('more than seven hours', 'an hour and a half')."""
    out: list[Duration] = []
    for m in _matches(_DURATION, text, _duration_starts(text)):
        n = m.group("n")
        unit = m.group("unit").lower()
        if n is None:
            # 'hour and half long' with no article still names one hour
            if not (m.group("half") or m.group("q")):
                continue
            qty = 1.0
        elif n.lower() in ("a", "an"):
            qty = 1.0
        elif n.isdigit() or "." in n:
            qty = float(n)
        else:
            qty = float(NUMBER_WORDS[n.lower()])
        if m.group("nhalf"):
            qty += 0.5
        if m.group("halfof"):
            qty = 0.5
        minutes = qty * (60 if unit.startswith("hour") else 1)
        if m.group("half"):
            minutes += 30 if "half" in m.group("half").lower() else int(m.group("mins") or 0)
        if minutes <= 0 or minutes > 60 * 72:
            continue
        hours, mins = divmod(int(round(minutes)), 60)
        iso = "PT" + (f"{hours}H" if hours else "") + (f"{mins}M" if mins else "")
        start = m.start("q") if m.group("q") else m.start("halfof") if m.group("halfof") else (m.start("n") if n else m.start("unit"))
        out.append(Duration(start, m.end(), m.group(0).strip(), iso))
    return out
