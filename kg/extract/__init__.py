"""Extract people, places, organizations, issues and meetings from one document.

:func:`extract` is a pure function of the document and the rules: it reads no
other document, so it can run in any process or on any cluster worker.
Cross-document merging happens afterwards, in :mod:`kg.merge`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Optional

from ..dates import NUMBER_WORDS, DateMention, find_dates, find_durations
from ..gazetteer import LINE_WRAP, UNICODE_ONLY_SPACE, Gazetteer, Hit, gazetteer_for, holds_title, plain
from ..merge import finer, place_ok, publisher_id
from ..model import DocFacts, Document, Evidence, Meeting, Mention, Organization, PartialDate, Person, Role, Stance
from ..ruleset import RuleSet, slugify

_ABBREV = {
    "u.s", "u.k", "d.c", "u.n", "e.u", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "lt", "col", "sen", "rep",
    "gov", "amb", "dept", "inc", "corp", "no", "vs", "e.g", "i.e", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
    "p.m", "a.m", "adm", "maj", "capt", "prof", "rev", "hon", "pres", "sec", "rt", "h.e", "messrs", "mme", "sgt", "cdr", "brig",
}
#: '[.!?]+["”’)\]]*\s+|\n+', written to open with a set of characters, so that sre skips
#: to the next candidate instead of trying both branches at every position (4x faster)
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"”’)\]]*\s+|(?<=\n)\n*)")
_SPLIT_TOKEN = re.compile(r"[-/–]")
_INITIAL = re.compile(r"[A-Z]")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")
_NAME_TOKEN = re.compile(r"(?:[A-Z\u00c0-\u00de][\w'’.-]*|bin|al|al-\w+|von|der|van|den|de|da|dos|la|le|ibn)")
_NOT_NAME = {
    "the", "he", "she", "it", "they", "we", "i", "in", "on", "at", "and", "but", "or", "of", "for", "to", "a", "an",
    "said", "says", "also", "met", "held", "with", "who", "whose", "this", "that", "these", "those", "his", "her",
    "their", "our", "as", "after", "before", "during", "while", "when", "from", "by", "secretary", "minister",
    "president", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "today",
    "yesterday", "state", "foreign", "affairs", "department", "ministry", "government", "office", "council",
    "committee", "commission", "party", "central", "national", "security", "general", "office", "people", "republic",
}
#: words that end the name of a body, never a person's: a name after them is the person's
_BODY_WORDS = frozenset({"bank", "fund", "organization", "organisation", "union", "agency", "assembly", "parliament", "forum",
                         "corporation", "association", "institute", "court", "board", "authority", "alliance", "league", "nations", "cabinet", "secretariat"})
#: letters after a name that are no part of it ('Justin Tkatchenko MP')
_POST_NOMINALS = frozenset({"MP", "MPs", "MLA", "MHA", "QC", "KC", "OBE", "CBE", "KBE", "CMG", "KCMG", "GCMG", "AO", "AC", "PC"})
_GROUP_SUBJECT = re.compile(r"^\W*(?:They|Both)\b")
#: meeting triggers that are verbs with named sides ('met with', 'spoke by phone with')
#: the verbs whose subject is a participant
_SUBJECT_VERBS = frozenset({"met-with", "held-talks-with", "spoke-with", "met", "hosted", "sat-down-with", "will-meet"})
_VERB_RULES = {"met-with", "held-talks-with", "spoke-with", "met", "hosted", "sat-down-with", "phone-call", "video-call", "talks-with"}
# tokens of one name may wrap onto the next line, never across a blank line (a headline and its body)
_NAME_RUN = re.compile(r"(?:" + _NAME_TOKEN.pattern + r")(?:(?=\s)[^\S\n]*\n?[^\S\n]*(?:" + _NAME_TOKEN.pattern + r"))*")
_SUBJECT_PRONOUN = re.compile(r"^\W*(He|She)\b")
_OBJECT_PRONOUN = re.compile(r"\b(?:he|she|him|her|his)\b", re.IGNORECASE)
_PAST_CUE = re.compile(r"\b(?:previous|previously|earlier(?! (?:today|this (?:morning|afternoon|evening)|in the day))|ago|last (?:week|month|year)|had met|less than a (?:month|week|year) after)\b", re.IGNORECASE)
_HONORIFIC = re.compile(r"(?:(?:His|Her) (?:Royal Highness|Excellency|Majesty)|H\.\s?E\.|the Honou?rable|Honou?rable|the Hon\.?|Hon\.?|Prince|Princess|Sheikh|Sheikha|Dr\.|Mr\.|Mrs\.|Ms\.|Sir|Dame|Lord|Lady|Shri|Sri|Smt\.|Shrimati)\s+")
_SAME_DAY = re.compile(r"\b(?:(?:later|earlier) (?:that|in the) day|the same day|that same day|that day|that evening|that morning)\b", re.IGNORECASE)
#: a day named from the one just reported, else from the document's date, and the shift in days
#: ('the day before' alone: 'the day before the summit' names no day)
_DAY_SHIFT = re.compile(r"\b(?:(?P<back>the day before|the previous day|a day earlier)(?!\s+(?:the|a|an|his|her|its|their|(?-i:[A-Z])))|(?P<after>(?:a|one) day after)(?=\s+(?:(?:a|his|her|their)\s+)?(?:meeting|talks|talking|holding|speaking|hosting|visiting|(?:phone |video )?call)\b)|(?P<on>the (?:next|following) day|a day later))\b", re.IGNORECASE)
#: gatherings named for the place that holds them ('Munich Security Conference', 'Doha Forum')
_NAMED_FOR_PLACE = re.compile(r"\b(?:Conference|Forum|Dialogue|Summit)$", re.IGNORECASE)
#: what comes between a preposition and a meeting's place: 'in', 'at the', 'in the Saudi capital,',
#: 'in the South Korean port city of', or a venue kg does not know and a comma ('at State House, Nairobi');
#: or 'will visit Moscow'
_LOC_PREP = re.compile(r"(?:\bin|\bat|\bto|\bvisit(?:s|ed|ing)?)\s+(?:the\s+|(?:his|her|their)\s+)?(?:(?:[\w’'-]+\s+){0,3}?(?:city|capital|town|port|resort|village)(?:\s+of)?,?\s+|(?-i:[A-Z][\w’'.-]*)(?:\s+(?-i:[A-Z][\w’'.-]*)){0,3},\s+)?$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|as)\b|,\s+(?:[A-Z][\w'’-]+\s+){1,4}(?:said|told|added)\b")
_TOPIC_BEFORE_IN = re.compile(r"\b(?:war|conflict|crisis|situation|abuses|violations|bans?|detained|rights|peace|stability|security|investment|presence|operations|activities|actions|aggression|elections?|attacks?|interests|companies|citizens|nationals|people|troops|forces|developments|tensions|events|policy|policies|trade|markets?)\s+in\s+$", re.IGNORECASE)
_TOPIC_CUE = re.compile(r"\b(?:discuss(?:ed|ing)?|about|regarding|concerning|including|such as|condemn(?:ed|ing)?|criticiz(?:ed|ing)|over)\b", re.IGNORECASE)
#: a byline opens its sentence (matched at the sentence's offset: no copy of the rest of the text)
_BYLINE = re.compile(r"\s*By\b")
#: 'the', 'the Chinese', 'the U.S.' before a title, within its sentence ('the Kremlin.\n\nThe' is two)
_ARTICLE_BEFORE = re.compile(r"\b(?:the|The)[^\S\n]+(?:(?:(?:[A-Z]\.)+|[A-Z][\w’'-]*)[^\S\n]+){0,2}$")
#: where a sentence (or a numbered paragraph) opens: a title there needs no 'the'
_SENTENCE_OPENING = re.compile(r"(?:^|\n|[.!?][\"”’)]?[^\S\n]+)(?:\d+\.[^\S\n]+)?[\"“]?$")
_FORMER_BEFORE = re.compile(r"\b(?:former|then|ex-)\s*(?:\S+\s+)?$", re.IGNORECASE)
#: publishers whose readouts speak of their own office holders by title alone
_OFFICIAL_PUBLISHERS = {"government", "ministry", "international"}
#: 'the four leaders': a group counted, more than two
_GROUP_COUNT = re.compile(r"\b(?:the|all) (three|four|five|six|seven|eight|nine|ten)\s+(?:[\w-]+\s+)?(?:leaders|ministers|presidents|heads|sides|parties|officials|countries|nations|delegations)\b", re.IGNORECASE)
#: 'The summit', 'the talks': a meeting noun that refers to one already told
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)
#: 'of France', 'of the Federative Republic of Brazil', 'of the Republic'
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?(?P<state>(?:[A-Z][\w-]+\s+){0,3}?(?:Republic|Kingdom|Federation|Union|State)(?P<named>\s+of\s+(?:the\s+)?)?)?")
_COUNTERPART = re.compile(r"\b(?:his|her|their)\s+(?:(?P<dem>[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)\s+)?counterparts?\b")
#: Mr, Ms, Mrs or Dr just before a surname ('Mr Lammy', 'Ms. Wong'), and the gender each tells
_MR_BEFORE = re.compile(r"\b(Mr|Ms|Mrs|Dr)\.?[^\S\n]$")
_HONORIFIC_GENDER = {"mr": "m", "ms": "f", "mrs": "f", "dr": None}
#: 'capital' after a demonym naming the city: 'the Turkmen capital, ...', not 'Turkmen capital markets'
_CAPITAL_AFTER = re.compile(r"[^\S\n]+capital\b(?=\s*(?:[,.;:)]|$)|\s+(?:on|in|of|for|to|and|where|last|this|next|earlier|later|yesterday|today|tomorrow|during|at|with|from|[A-Z\d])\b)")
#: a place that only qualifies the next one: 'the Black Sea resort of Sochi', 'the Gulf port city of Dammam'
_QUALIFIES_NEXT = re.compile(r"\s+(?:[\w'-]+\s+){0,2}?(?:resort|town|city|port|village|island|capital|enclave|region)\s+of\s")
#: a context telling where a meeting was held ('on the sidelines of', 'at', 'during'), not when ('ahead of')
_AT_CONTEXT = re.compile(r"(?:on|at|during|in the (?:sidelines|margins))\b", re.IGNORECASE)
#: 'He met', 'She also held talks', 'where he met', 'He is expected to meet': a pronoun as the subject
#: of a meeting verb (where it stands is checked apart: see _PRONOUN_PLACE)
_PRONOUN_MEETS = re.compile(
    r"\b([Hh]e|[Ss]he)\s+"
    r"(?:also\s+|later\s+|then\s+|previously\s+|last\s+|first\s+)?"
    r"(?:met|meets|held|hosted|received|welcomed|spoke|talked|sat down|(?:is|was|will be)\s+(?:expected|due|set|scheduled|going)\s+to\s+(?:meet|hold talks)|will\s+(?:meet|hold talks|host|receive)|is to meet)\b"
)
#: what may stand before such a pronoun in the middle of a sentence: 'where', 'when', 'and', a comma
_PRONOUN_PLACE = re.compile(r"(?:,|\bwhere|\bwhen|\band)\s+$")
#: a clause of its own between a trigger and a date, which the date then belongs to
_RELATIVE = re.compile(r",\s+(?:who|whom|whose|which)\b")
_RELATIVE_WHO_CLAUSE = re.compile(r",\s+(?:who|whom|whose)\b[^,;.]*")
#: a relative clause about a person ('..., who succeeded Qin Gang last year,')
_RELATIVE_WHO = re.compile(r",\s+(?:who|whom|whose)\b")
#: what follows a surname that names something else after the person ('the Trump administration', 'Putin's war')
_NAMED_FOR_SURNAME = re.compile(r"\s*(?:['’]s\b(?!\s+(?:\w+\s+){0,2}(?:meeting|talks|call|visit|trip|summit|conversation)\b)|-(?:era|led|style)\b|\s(?:(?-i:[A-Z])|administration|government|cabinet|camp|era|team|doctrine|regime|presidency)\b)", re.IGNORECASE)
#: a royal or honorific style before a name, which the gazetteer's names leave out
_ROYAL = re.compile(r"^(?:(?:Crown\s+)?Prince(?:ss)?|Sheikh(?:a)?|Sheik|Emir|Sultan|Sayyid|Shaikh)\s+")
#: 'said on Thursday.', 'said in a statement,': an attribution ending its sentence
_SAID_TAIL = re.compile(r"\s+(?:said|says|told reporters|told journalists|added|stated)(?:\s+(?:on|in|at|late|early|earlier|later|today|yesterday|tonight|this|last|via|through|during|after|when|while)\b[^.,;\n]{0,40})?\s*(?:[.\n]|,\s|$)")
#: a meeting told as the time of another ('after Trump's call with Putin', 'following their talks')
_TIME_MARK_BEFORE = re.compile(r"\b(?:after|before|following|since)\s+(?:(?:the|a|an|his|her|their|its)\s+|(?:[\w.’'-]+\s+)?[\w.’'-]+['’]s\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
#: a trailing clause about another moment ('..., a day after his clash with Trump')
_AFTER_CLAUSE = re.compile(r",\s+(?:(?:a|one|two|three|several|just|only|shortly|soon|day|days|week|weeks|hours?|months?)\s+){0,3}(?:after|before|following)\b", re.IGNORECASE)
#: between a place and the meeting it is the place of ('to Riyadh for talks with')
_FOR_NEXT = re.compile(r"\s+for\s+(?:(?:the|a|an|bilateral|official|further|more|direct|fresh|new)\s+)*", re.IGNORECASE)
#: 'President-elect', 'Prime Minister-designate': an office to come
_ELECT = re.compile(r"[-‐ ](?:elect|designate)\b", re.IGNORECASE)
#: the credit line under a photo's caption
_PHOTO_CREDIT = re.compile(r"[^\S\n]*\(?(?:Photos?|Photograph|Image|Picture|Credit|Photo credit)\s*(?::|by\b|credit\b)[^\n]{0,100}\)?[^\S\n]*(?:\n|$)", re.IGNORECASE)
#: a time or place opening a sentence before its subject ('On Tuesday', 'Later that day,', 'There,')
_OPENING_ADVERBIAL = re.compile(r"(?:(?:On|In|At|Later|Earlier|Then|There|Afterwards|Subsequently|Meanwhile|Next|The next day|The following day)\b[^,.;:\n]{0,30}?,?)")
#: a sentence opening with a phrase before its subject ('Speaking after talks with ..., X said')
_OPENING_PHRASE = re.compile(r"\W*(?:Speaking|Talking|Writing|After|Following|During|Ahead of|Before|Upon|On arrival)\b")
#: the comma closing such a phrase, then the subject's title words
_MAIN_SUBJECT_AFTER = re.compile(r",\s+(?:the\s+)?(?:(?-i:[A-Z])[\w’'.-]*\s+){0,4}$")
#: the portfolio after a title ('for Political and Security Affairs', 'of Foreign Affairs and International Cooperation')
_PORTFOLIO = re.compile(r"[^\S\n]+(?:(?:for|of)[^\S\n]+(?:the[^\S\n]+)?|and[^\S\n]+)(?:(?:(?-i:[A-Z])[\w’'-]*|and|&),?[^\S\n]+){0,8}(?-i:Affairs|Cooperation|Trade|Development|Defen[cs]e|Security|Policy|Relations|Finance|Economy|Integration|Expatriates|Emigrants|Diaspora|Investment|Industry|Energy|Commerce|Planning)\b")
#: a rank before a title that makes it another office ('Deputy Minister for Foreign Affairs')
_RANK_BEFORE = re.compile(r"\b((?-i:Deputy|Vice|Assistant|Under|Junior|Associate))[^\S\n]+$")
#: a speech verb, then those whose meeting it reports ('said he was pleased the two had met')
_REPORTS_THEIR_MEETING = re.compile(r"\b(?:said|says|stated|added|noted|told\s+[\w ]{1,20}?)\b(?:\s+that)?[^.;]*?\b(?:the two|they|both|the (?:two )?(?:leaders|ministers|presidents|sides))\b[^.;]*$", re.IGNORECASE)
#: what joins the items of a list ('the United States, Japan, and the ROK')
_LIST_GLUE = re.compile(r"(?:\s*,)?\s*(?:and\s+)?(?:the\s+)?|\s*,\s*")
_CLAUSE_OF_ITS_OWN = re.compile(r"\b(?:since|after|before|until|when)\s+(?:(?-i:[A-Z])[\w'’-]*\s+){1,4}(?:took|assumed|became|was|were|won|left|came|entered|returned|stepped)\b")
#: the words of a side's position: a sentence with them, naming nobody, goes on with what a participant said
_SPEECH_GOES_ON = re.compile(r"\b(?:should|must|will|would|hopes?|(?:is|are) willing|stands? ready|(?:firmly )?(?:opposes|supports)|needs? to|has to|have to)\b")
#: what may stand between a speech verb and the date of the saying: 'announced in a statement on Monday'
_SAID_GAP = re.compile(r"(?:\s+in\s+an?\s+(?:statement|interview|post))?\s+")
#: place types that never hold a meeting
_NOT_VENUES = frozenset({"continent", "sea", "strait", "shoal"})


def _can_host(place) -> bool:
    """Whether a meeting can be held at a place: not at sea, and not in a region of several countries."""
    return place.type not in _NOT_VENUES and not (place.type == "region" and place.country is None)
#: the meeting as a sentence's subject: 'The talks', 'their meeting', 'Talks focused on ...'
_TALKS_SUBJECT = re.compile(r"\b(?:the|their|both) (?:talks|meeting|discussions|conversation)\b|^\W*(?:talks|discussions|consultations)\b", re.IGNORECASE)
#: a meeting verb in the past tense
_PAST_VERB = re.compile(r"\b(?:met|held|hosted|received|welcomed|spoke|talked|had)\b", re.IGNORECASE)
#: date rules that may leave the year to the document's date, and a year written out
_YEARLESS_RULES = frozenset({"md", "dm", "month", "range-md", "range-dm", "range-md-md", "range-dm-dm"})
_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")
#: the words that give a plan's day ('due to start on Sunday', 'scheduled for Monday')
#: a dateline: a city in capitals or title case opening a line, perhaps a date and an agency, then a dash
_DATELINE_CITY = re.compile(r"^[^\S\n]*(?P<city>(?:[A-Z][A-Za-z.'’-]+)(?:[^\S\n][A-Z][A-Za-z.'’-]+){0,2})(?:,[^\S\n]*[\w .,]{1,25}?)?(?:[^\S\n]*\([\w .-]{1,25}\))?[^\S\n]*(?:[–—]|--?)[^\S\n]", re.MULTILINE)
#: the words a paragraph may open with before its date ('On', 'On the final day of the summit,')
_OPENING_DATE = re.compile(r"[^\S\n]*(?:(?:On|In|At|Later|Earlier)\b[^\n,.;]{0,36}?,?[^\S\n]*)?(?:on[^\S\n]+)?")
#: a title that names only the other side of its document's meeting ('Meeting with ...', 'Telephone conversation with ...')
#: a speaker's name in capitals opening a transcript's turn ('ANTHONY ALBANESE, PRIME MINISTER:')
_CAPS_LABEL = re.compile(r"^[^\S\n]*([A-Z][A-Z'’.-]+(?:[^\S\n]+[A-Z][A-Z'’.-]+){1,3})(?=[^\S\n]*[,:])", re.MULTILINE)
#: a turn's label: who speaks, up to the colon ('Penny Wong, Foreign Minister: ', 'JOURNALIST: ')
_TURN_LABEL = re.compile(r"^[^\S\n]*(?:[A-Z][^\n:.?!]{0,80}?):[^\S\n]", re.MULTILINE)
#: what a speaker calls themselves
_FIRST_PERSON = re.compile(r"\b(?:I|(?i:me|my|we|our|us))\b")
#: the place a transcript's title ends in ('Doorstop – London', 'Joint press conference, Canberra | ...')
_TITLE_PLACE = re.compile(r"(?:,|\s[–—-])\s*(?P<city>[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2})\s*(?:\|.*)?$")
_SUBJECT_IN_TITLE = re.compile(r"^\W*(?:[\w-]+\s+){0,2}(?:meeting|talks|conversation|call|consultations)\s+with\b", re.IGNORECASE)
#: between a date and the meeting noun it dates: "'s", a word or two ('the October 16 phone call')
_MODIFIER_GAP = re.compile(r"(?:['’]s)?(?:[^\S\n]+[\w-]+){0,2}[^\S\n]+")
_PLAN_BEFORE = re.compile(r"\b(?:due|scheduled|planned|slated|set|expected|was to|were to)\b[^.;]{0,30}$", re.IGNORECASE)


class _Spans:
    """Items with start and end offsets, found by position in logarithmic time."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda x: x.start)
        self.starts = [x.start for x in self.items]
        self.longest = max((x.end - x.start for x in self.items), default=0)

    def overlapping(self, a: int, b: int) -> list:
        lo = bisect.bisect_left(self.starts, a - self.longest)
        hi = bisect.bisect_left(self.starts, b)
        return [x for x in self.items[lo:hi] if x.end > a and x.start < b]

    def starting(self, a: int, b: int) -> list:
        return self.items[bisect.bisect_left(self.starts, a) : bisect.bisect_left(self.starts, b)]


@dataclass
class Sentence:
    start: int
    end: int


@dataclass
class PersonMention:
    start: int
    end: int
    surface: str
    person: str
    rule: str
    alias: bool = True  # whether the surface is a name form worth keeping as alternateName
    speaker: bool = False


@dataclass
class _Candidate:
    sentence: int
    start: int
    end: int
    rules: list[str]
    participants: list[str] = field(default_factory=list)
    anaphora: Optional[str] = None
    #: how many the anaphora counts ('the four leaders'), when more than two
    group_size: Optional[int] = None
    first: PartialDate = field(default_factory=PartialDate)
    last: PartialDate = field(default_factory=PartialDate)
    date_span: Optional[tuple[int, int]] = None
    date_relative_past: bool = False
    #: the date is the sentence's or paragraph's, not the trigger's own
    date_inherited: bool = False
    #: the date is a day before or after another one ('the day before'): never that day's meeting
    day_shift: bool = False
    date_bounds: Optional[tuple[dt.date, dt.date]] = None
    date_rule: Optional[str] = None
    #: the days of a week the text names beside the date ('next week ... on Wednesday')
    week: Optional[tuple[dt.date, dt.date]] = None
    place: Optional[str] = None
    place_span: Optional[tuple[int, int]] = None
    context: Optional[str] = None
    context_span: Optional[tuple[int, int]] = None
    duration: Optional[str] = None
    duration_iso: Optional[str] = None
    duration_span: Optional[tuple[int, int]] = None
    format: Optional[str] = None
    status: Optional[str] = None
    past: bool = False
    partial: bool = False

    def take_date(self, d: DateMention) -> None:
        """Date the meeting by a date expression of its sentence."""
        self.first, self.last, self.date_span = d.first, d.last, (d.start, d.end)
        self.date_relative_past = d.text.lower().startswith("last") or d.rule == "ago"
        self.date_bounds = d.bounds
        self.date_rule = d.rule


def _year_before(d: PartialDate) -> PartialDate:
    return PartialDate(d.year - 1, d.month, d.day) if d.year is not None else d


def _words_in(text: str, phrases) -> list[str]:
    """The phrases (lower case) that stand in ``text`` as whole words, with a plural or possessive ending."""
    return [p for p in phrases if re.search(r"\b" + re.escape(p) + r"(?:s|es)?(?:'|’)?(?!\w)", text)]


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


class _Frames:
    """One sentence's meeting candidates, and which of them each word of the sentence belongs to."""

    __slots__ = ("ptext", "cands")

    def __init__(self, ptext: str, cands: list[_Candidate]):
        self.ptext = ptext
        self.cands = cands

    def owner(self, pos: int) -> _Candidate:
        """An attribute belongs to the nearest trigger before it, else to the first."""
        before = [c for c in self.cands if c.end <= pos]
        return before[-1] if before else self.cands[0]

    def modified(self, end: int) -> Optional[_Candidate]:
        """The meeting noun a date stands just before ('the October 16 call', "Tuesday's talks")."""
        for c in self.cands:
            if c.start >= end and _MODIFIER_GAP.fullmatch(self.ptext, end, c.start):
                return c
        return None

    def in_relative(self, pos: int, who: bool = False) -> bool:
        """Whether pos is in a relative clause after the trigger before it.

        ('met Kishida, who he thanked for the summit in Hiroshima': the clause's place and
        summit are its own; 'Kishida, who was visiting Lithuania' still tells where he was.)
        """
        ahead = [c for c in self.cands if c.end <= pos]
        if not ahead:
            return False  # ('Putin, who arrived in Abu Dhabi on Wednesday, met ...': where the subject was)
        between = self.ptext[ahead[0].end : pos]
        m = (_RELATIVE_WHO if who else _RELATIVE).search(between)
        # ('The summit, which was to bring together ... at the Opera House': a clause about the meeting itself)
        if m is None or not between[: m.start()].strip():
            return False
        # ('a visit to Doha by Blinken, who met the emir on the 6th': the clause tells a meeting of its own)
        if any(ahead[0].end + m.end() <= c.start < pos and c.rules[0] in _VERB_RULES for c in self.cands):
            return False
        # (', who succeeded Qin Gang last year, in Beijing': the clause closed at its comma)
        rest = between[m.end() :]
        return not _CLAUSE_BREAK.search(rest) and "," not in rest and not re.match(r"\s+(?:was|were|is|are)\s+(?:visiting|in)\b", rest)


class _DocExtractor:
    def __init__(self, doc: Document, gaz: Gazetteer):
        self.doc = doc
        self.gaz = gaz
        self.text = doc.text
        self.ptext = plain(doc.text)
        self.day = doc.date
        self.sentences = split_sentences(self.text)
        self._starts = [s.start for s in self.sentences]
        self._ends = [s.end for s in self.sentences]
        self._quotes: dict[tuple[int, int], str] = {}  # evidence spans repeat: one copy of each quote
        self.facts = DocFacts(doc=doc)
        self.authors = _split_authors(doc.author)
        self._author_keys = {slugify(a) for a in self.authors}
        # ASCII pieces of a text without \x1c-\x1f are read with the rules' faster ASCII twins
        self._spaces_agree = not UNICODE_ONLY_SPACE.search(self.ptext)
        self._ascii_text = self._ascii(self.ptext)
        #: the speech cues that attribute what follows ('according to', 'a readout from'), as is and as ASCII twins
        speech = [i for i, (p, _r) in enumerate(gaz.regexes["speech"]) if p.pattern.startswith("\\baccording") or "readout" in p.pattern or "attributable" in p.pattern]
        self._attributions = {ascii: [gaz.family("speech", ascii)[i][0] for i in speech] for ascii in (False, True)}
        self.persons: list[PersonMention] = []
        self.text_roles: dict[str, list[Role]] = {}
        self.new_people: dict[str, Person] = {}
        self._last_date: Optional[tuple[PartialDate, tuple[int, int]]] = None
        self._evidence_score: dict[int, int] = {}
        self._new_mentions: set[tuple[int, str]] = set()
        #: titles the text itself gives each person ('Secretary' for 'Secretary Blinken')
        self._titled: dict[str, set[str]] = {}
        self._hits = _Spans([])
        self._org_hits = _Spans([])
        #: places whose name is also an organization's, kept only to place meetings
        self._shadow_places: list[Hit] = []
        #: each sentence's context phrases ('at the NATO Summit'): the words of a setting, not a topic
        self._context_at: dict[int, list] = {}
        #: the date opening each paragraph, by the paragraph's first character
        self._paragraph_dates: dict[int, DateMention] = {}
        #: whether the dateline city is the one a transcript's title ends in
        self._title_city = False
        #: who arrived where ('Putin arrived in Kazan'): (sentence, person, place id, span)
        self._arrivals: list[tuple[int, str, str, tuple[int, int]]] = []
        #: the meetings each sentence tells of (by id), to keep one meeting's topics from another
        self._told_in: dict[int, set[int]] = {}

    @cached_property
    def _dateline_city(self) -> Optional[tuple[str, tuple[int, int]]]:
        """The city of the dateline opening the report ('TOKYO –', 'MOSCOW, Oct 5 (Reuters) -'), and where it stands."""
        m = _DATELINE_CITY.search(self.ptext, 0, 3000)
        pid = self.gaz.city_names.get(m.group("city").strip().casefold()) if m else None
        if pid:
            return pid, m.span("city")
        # a transcript's title says where it was given ('Press conference, London'): there, if the text repeats it
        t = _TITLE_PLACE.search(self.doc.title or "")
        pid = self.gaz.city_names.get(t.group("city").casefold()) if t else None
        if pid:
            at = self.ptext.find(t.group("city"), 0, 3000)
            if at >= 0:
                self._title_city = True
                return pid, (at, at + len(t.group("city")))
        return None

    @cached_property
    def _headlines(self) -> frozenset[int]:
        """The sentences that repeat the document's title: its headline, over the body and in site furniture."""
        title = _folded(self.doc.title or "")
        if len(title) < 12:
            return frozenset()
        return frozenset(i for i, s in enumerate(self.sentences) if _folded(self.text[s.start : s.end]) == title)

    # -- helpers ----------------------------------------------------------
    def _ascii(self, text: str) -> bool:
        """Whether a piece of ``ptext`` may be read with ASCII twins (see :func:`kg.gazetteer.ascii_plain`)."""
        return self._spaces_agree and text.isascii()

    def sentence_of(self, pos: int) -> int:
        """The sentence holding ``pos``; between sentences, the next one (else the last)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._ends[i]:
            return i
        return max(0, min(i + 1, len(self._starts) - 1))

    def _starting_in(self, items) -> dict[int, list]:
        """Items (with .start) by the sentence they start in, each list in the items' order."""
        out: dict[int, list] = {}
        for item in items:
            idx = self.sentence_of(item.start)
            if self.sentences and self.sentences[idx].start <= item.start < self.sentences[idx].end:
                out.setdefault(idx, []).append(item)
        return out

    def evidence(self, start: int, end: int, rule: str, sentence: Optional[int] = None) -> Evidence:
        """Evidence for a fact: the span it rests on and the sentence that states it."""
        idx = self.sentence_of(start) if sentence is None else sentence
        s = self.sentences[idx] if self.sentences else Sentence(start, end)
        a, b = min(start, s.start), max(end, s.end)
        quote = self._quotes.get((a, b))
        if quote is None:
            quote = self._quotes[(a, b)] = self.text[a:b]
        return Evidence(self.doc.id, a, b, quote, rule)

    def country_of(self, key: str) -> Optional[str]:
        if key in self.gaz.people:
            return self.gaz.people[key].country
        person = self.new_people.get(key)
        return person.country if person else None

    def roles_of(self, key: str) -> list[Role]:
        if key in self.gaz.people:
            return [Role(r.title, r.kind, r.org, r.start, r.end) for r in self.gaz.people[key].roles]
        return list(self.text_roles.get(key, []))

    def role_kinds_on(self, key: str, day: Optional[dt.date]) -> set[str]:
        roles = self.roles_of(key)
        if key not in self.gaz.people:
            return {r.kind for r in roles}
        if day is None:
            return {r.kind for r in roles}
        return {r.kind for r in roles if r.active_on(day)}

    def title_matches(self, key: str, title: str, kind: str) -> bool:
        """Whether a person's roles (at the document date where known) fit a title cue."""
        title = title.lower()
        roles = self.roles_of(key)
        if self.day is None and key in self.gaz.people and roles:
            # undated: the offices one holds last ('Prime Minister' is no longer Tony Blair)
            last = max((r.start or dt.date.min) for r in roles)
            roles = [r for r in roles if (r.start or dt.date.min) == last]
        for role in roles:
            if key in self.gaz.people and self.day is not None and not role.active_on(self.day):
                continue
            if kind != "other" and role.kind == kind:
                return True
            if title in role.title.lower():
                return True
        return False

    # -- entity mentions ----------------------------------------------------
    def run(self) -> DocFacts:
        hits = self._name_hits()
        self._people(hits)
        self._places_orgs(hits)
        concept_hits = self._concepts()
        self._meetings(hits, concept_hits)
        self._finish_people()
        return self.facts

    def _name_hits(self) -> list[Hit]:
        priority = {"person": 0, "org": 1, "place": 2, "short": 3, "demonym": 4}
        # a name may wrap onto the next line ('Musalia\nMudavadi'), never across a blank line
        hay = LINE_WRAP.sub(" ", self.ptext) if "\n" in self.ptext else self.ptext
        # a transcript's speaker in capitals ('ANTHONY ALBANESE, PRIME MINISTER:') is read as the name it is
        for m in _CAPS_LABEL.finditer(self.ptext):
            name = m.group(1).title()
            if len(name) == m.end(1) - m.start(1):
                hay = hay[: m.start(1)] + name + hay[m.end(1) :]
        hits = self.gaz.names.find(hay)
        hits.sort(key=lambda h: (-(h.end - h.start), priority.get(h.kind, 9), h.start))
        # longest first; a character once covered is taken (the same span may name several kinds)
        covered = bytearray(len(self.ptext) + 1)
        kept: list[Hit] = []
        orgs: set[tuple[int, int]] = set()
        for hit in hits:
            if any(covered[hit.start : hit.end]):
                # 'the Kremlin' names an office and a building: after 'in the', the building
                if hit.kind == "place" and (hit.start, hit.end) in orgs:
                    self._shadow_places.append(hit)
                continue
            covered[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            kept.append(hit)
            if hit.kind == "org":
                orgs.add((hit.start, hit.end))
        kept.sort(key=lambda h: h.start)
        return kept

    def _people(self, hits: list[Hit]) -> None:
        """Every person mention, each step reading the mentions of the steps before it."""
        self._hits = _Spans(hits)
        title_re = self.gaz.ascii_title_regex if self._ascii_text else self.gaz.title_regex
        # 1. title cues: attach titles to the names after them, or make new people
        attached, title_only = self._title_cues(hits, title_re)
        # 2. appositives: 'Roger Robinson, Founder and Chairman of ...'
        self._appositives(title_re)
        # 3. resolve every name hit
        untold, strong = self._resolve_names(hits, attached)
        # 'Mr Lammy' named nowhere in full: who the document names so, else the one holding office
        untold = self._honorific_surnames(untold, strong, office=True)
        # 4. title-only mentions ('the Secretary'), in text order
        self._title_only(title_only)
        # 5. counterparts: 'his Chinese counterpart' names the holder of the same office
        self._counterparts(untold)
        # 6. 'He met President Biden in January': the previous sentence's subject, if the pronoun fits
        self._meeting_pronouns()
        # 7. 'I also had a meeting with ...' in a transcript: who is speaking
        self._first_person()
        # ('He met his Saudi counterpart': the pronoun's person names the counterpart's office)
        self._pronoun_counterparts()

    def _title_cues(self, hits: list[Hit], title_re: re.Pattern) -> tuple[dict[int, tuple[str, str, str]], list[tuple[int, int, str, str, Optional[str], str]]]:
        """Attach title cues to the names after them, or make new people; return those titles and the title-only cues.

        Args:
            hits: the document's name hits.
            title_re: the rules' title cues, as is or as ASCII twins.
        """
        gaz = self.gaz
        by_start = {h.start: h for h in hits}
        attached: dict[int, tuple[str, str, str]] = {}  # hit start -> (title, kind, rule)
        title_only: list[tuple[int, int, str, str, Optional[str], str]] = []
        for m in title_re.finditer(self.ptext):
            if any(h.kind == "person" and h.start <= m.start() for h in self._hits.overlapping(m.start(), m.end())):
                continue  # the title opens a known name: 'Pope Francis', 'Emperor Naruhito'
            title = m.group(0)
            if _ELECT.match(self.ptext, m.end()):
                continue  # 'President-elect Prabowo' holds no office yet
            kind, plural = gaz.title_kinds.get(title.lower(), ("other", False))
            rank = _RANK_BEFORE.search(self.ptext, max(0, m.start() - 12), m.start())
            if rank is not None:
                # ('Deputy Minister for Foreign Affairs Nguyen Minh Hang' is no foreign minister)
                title = rank.group(1) + " " + title
                kind = "deputy-foreign-minister" if kind == "foreign-minister" and rank.group(1).lower() in ("deputy", "vice") else "other"
            country = self._demonym_before(rank.start() if rank is not None else m.start())
            pos = m.end()
            # 'the Foreign Minister of Papua New Guinea, the Hon Justin Tkatchenko MP': the name after the country
            of = _OF_COUNTRY.match(self.ptext, pos)
            named = next((h for h in self._hits.starting(of.end(), of.end() + 1) if self._country_of_hit(h)), None) if of and not of.group("state") else None
            if named is not None and re.match(r",?\s+(?:the\s+)?(?:Hon|H\.\s?E\.|His|Her|Mr|Ms|Dr)", self.ptext[named.end : named.end + 12]):
                country, pos = country or self._country_of_hit(named), named.end
            # ('Director General for Political and Security Affairs Philippe Errera': the name after the portfolio)
            portfolio = _PORTFOLIO.match(self.ptext, pos)
            if portfolio is not None:
                pos = portfolio.end()
            rest = self.ptext[pos : pos + 120]
            # (a title closing a line heads no name on the next: 'Minister of Foreign Affairs\n\nDeputy Prime Minister ...')
            lead = re.match(r",?[^\S\n]+", rest)
            names: list[Hit] = []
            if lead:
                npos = pos + lead.end()
                honorific = _HONORIFIC.match(self.ptext, npos)
                if honorific:
                    npos = honorific.end()
                hit = by_start.get(npos)
                if hit and hit.kind == "short":
                    # 'Vice Premier Zhao Mingde' is nobody known as Zhao: a new official
                    longer = self._new_name(npos, exclude=hit)
                    # ('Secretary Blinken Travels to Mexico' over a text naming Antony J. Blinken: him)
                    full = any(h.kind == "person" and set(h.targets) & set(hit.targets) for h in hits)
                    if longer and len(longer[0].split()) >= 2 and longer[0] not in gaz.people and not full:
                        self._add_new_person(longer[0], longer[1], title, kind, country)
                        continue
                if hit and hit.kind in ("person", "short"):
                    names.append(hit)
                    if plural:
                        cursor = hit.end
                        while True:
                            more = re.match(r"(?:,\s*|\s+and\s+|,\s+and\s+)", self.ptext[cursor : cursor + 8])
                            if not more:
                                break
                            nxt = by_start.get(cursor + more.end())
                            if not nxt or nxt.kind not in ("person", "short"):
                                break
                            names.append(nxt)
                            cursor = nxt.end
                elif (title[0].isupper() or title.lower() in ("governor", "mayor", "founder", "chairman")) and not title_re.match(self.ptext, npos):
                    # (a second title next, 'Director Admiral Jane Doe': that one introduces the name)
                    new = self._new_name(npos)
                    if new:
                        self._add_new_person(new[0], new[1], title, kind, country)
                        continue
            for hit in names:
                attached[hit.start] = (title, kind, "title-cue")
                for key in hit.targets:
                    self._titled.setdefault(key, set()).add(title.lower())
            if not names and kind and (title.lower() in gaz.short_titles):
                before = self.ptext[max(0, m.start() - 40) : m.start()]
                art = _ARTICLE_BEFORE.search(before)
                if art:
                    # 'the President of France' is France's
                    start = m.start() - len(before) + art.start()
                    title_only.append((start, m.end(), title, kind, country or self._country_after(m.end()), "title-only"))
                elif ((title[0].isupper() and _SENTENCE_OPENING.search(before)) or country) and not _FORMER_BEFORE.search(before):
                    # 'Prime Minister thanked President Macron' (an MEA readout), "Qatar's prime minister met ..."
                    title_only.append((m.start(), m.end(), title, kind, country, "title-only"))
        return attached, title_only

    def _appositives(self, title_re: re.Pattern) -> None:
        """New people titled after their name: 'Roger Robinson, Founder and Chairman of ...'."""
        gaz = self.gaz
        # ('[A-Z]...\s' once, then {0,2} more, is '{1,3}' opening with a set of characters: sre skips to a capital)
        # ('H.E. Olusegun Obasanjo, former President of ...': the honorific is no part of the name)
        for m in re.finditer(r"([A-Z][\w'’.-]+\s(?:[A-Z][\w'’.-]+\s){0,2}[A-Z][\w'’-]+),\s+(?:the\s+)?(?:former\s+)?(?=" + gaz.title_lookahead + r")", self.ptext):
            name_start, name_end = m.span(1)
            while (honorific := _HONORIFIC.match(self.ptext, name_start, name_end)) is not None:
                name_start = honorific.end()
            if self._hits.overlapping(name_start, name_end):
                continue
            # ('Deputy Prime Minister, Minister for Defence': a chain of titles, no name)
            if any(title_re.match(self.ptext, w.start() + name_start) for w in re.finditer(r"\b\w", self.ptext[name_start:name_end])):
                continue
            tm = title_re.match(self.ptext, m.end())
            if not tm:
                continue
            title_text = self.ptext[tm.start() : tm.end()]
            chain = re.match(r"(?:\s+and\s+" + title_re.pattern + r")+", self.ptext[tm.end() :], re.IGNORECASE)
            if chain:
                title_text = self.ptext[tm.start() : tm.end() + chain.end()]
            new = self._clean_name(self.ptext[name_start:name_end], name_start)
            if new:
                kind, _ = gaz.title_kinds.get(tm.group(0).lower(), ("other", False))
                self._add_new_person(new[0], new[1], title_text, kind, None, rule="appositive-title")

    def _resolve_names(self, hits: list[Hit], attached: dict[int, tuple[str, str, str]]) -> tuple[list[tuple[Hit, str]], set[str]]:
        """Mention the person each name hit means; return the surnames after an honorific left open, and who is named.

        Args:
            hits: the document's name hits.
            attached: the title cue before each hit, by the hit's start.
        """
        gaz = self.gaz
        untold: list[tuple[Hit, str]] = []
        strong: set[str] = {k for h in hits if h.kind == "person" for k in h.targets}
        strong.update(self.new_people)
        named_at: dict[str, list[int]] = {}
        for h in hits:
            if h.kind == "person":
                named_at.setdefault(h.targets[0], []).append(h.start)
        for hit in hits:
            if hit.kind == "person":
                key = hit.targets[0]
                rule = "alias" if hit.surface != gaz.people[key].name else "name"
                title = attached.get(hit.start)
                mention_start = hit.start
                if title:
                    self._note_title(key, title[0], title[1])
                self.persons.append(PersonMention(mention_start, hit.end, hit.surface, key, rule))
            elif hit.kind == "short":
                title = attached.get(hit.start)
                key = self._resolve_short(hit, title, strong, named_at)
                if key is None:
                    if title is None and (honorific := _MR_BEFORE.search(self.ptext, max(0, hit.start - 6), hit.start)):
                        untold.append((hit, honorific.group(1).lower()))
                    continue
                if title:
                    tstart = self.ptext.rfind(title[0], max(0, hit.start - len(title[0]) - 3), hit.start)
                    if tstart >= 0 and not title[0].endswith("s"):
                        self.persons.append(PersonMention(tstart, hit.end, self.text[tstart : hit.end], key, "title-cue"))
                        strong.add(key)
                        continue
                self.persons.append(PersonMention(hit.start, hit.end, hit.surface, key, "surname"))
                strong.add(key)
        return untold, strong

    def _title_only(self, title_only: list[tuple[int, int, str, str, Optional[str], str]]) -> None:
        """Mention whom a title alone refers to ('the Secretary'), in text order."""
        self.persons.sort(key=lambda p: p.start)
        named = _Spans(self.persons)
        for start, end, title, kind, country, rule in title_only:
            if named.overlapping(start, end):
                continue
            key = self._resolve_title_only(start, title, kind, country, named)
            if key:
                surface = self.text[start:end]
                surface = "the" + surface[3:] if surface[:3] == "The" else surface
                self.persons.append(PersonMention(start, end, surface, key, rule))

    def _counterparts(self, untold: list[tuple[Hit, str]]) -> None:
        """Mention whom 'his Chinese counterpart' names, then the surnames it lets resolve; mark who speaks."""
        self.persons.sort(key=lambda p: p.start)
        named = _Spans(self.persons)
        for m in _COUNTERPART.finditer(self.ptext):
            if named.starting(m.end(), m.end() + 4) or self._named_counterpart(m):
                continue
            key = self._resolve_counterpart(m)
            if key:
                self.persons.append(PersonMention(m.start(), m.end(), m.group(0), key, "counterpart", alias=False))
        # ('Mr Wang' after 'his Chinese counterpart': the one the document now names)
        self._honorific_surnames(untold, {p.person for p in self.persons}, office=False)
        self.persons.sort(key=lambda p: p.start)
        for mention in self.persons:
            mention.speaker = self._is_speaker(mention)

    def _pronoun_counterparts(self) -> None:
        """'He met his Saudi counterpart': the counterpart of the pronoun's person."""
        named = _Spans(self.persons)
        added = False
        for m in _COUNTERPART.finditer(self.ptext):
            if named.overlapping(m.start(), m.end()) or named.starting(m.end(), m.end() + 4):
                continue
            key = self._resolve_counterpart(m)
            if key:
                mention = PersonMention(m.start(), m.end(), m.group(0), key, "counterpart", alias=False)
                mention.speaker = self._is_speaker(mention)
                self.persons.append(mention)
                added = True
        if added:
            self.persons.sort(key=lambda p: p.start)

    def _meeting_pronouns(self) -> None:
        """'He'/'She' as the subject of a meeting verb: a person of that (known) gender.

        Opening a sentence ('He met Biden in January'), the previous sentence's subject; inside
        one ('... a state visit to China, where he met Xi'), the subject of that sentence.
        """
        found = False
        by_sentence: dict[int, list[PersonMention]] = {}
        for m in _PRONOUN_MEETS.finditer(self.ptext):
            sidx = self.sentence_of(m.start(1))
            s = self.sentences[sidx]
            # ('He met ...', also after a time or place opening the sentence: 'On Tuesday he held talks ...')
            lead = self.ptext[s.start : m.start(1)].strip(" \t\n\"“'‘(")
            opening = not lead or bool(_OPENING_ADVERBIAL.fullmatch(lead))
            if (opening and sidx == 0) or (not opening and not _PRONOUN_PLACE.search(self.ptext, max(s.start, m.start(1) - 8), m.start(1))):
                continue
            if not found:
                by_sentence, found = self._starting_in(self.persons), True
            if opening:
                before = [p for p in by_sentence.get(sidx - 1, ()) if not p.speaker]
            else:
                before = [p for p in by_sentence.get(sidx, ()) if not p.speaker and p.end <= m.start(1)]
            if not before:
                continue
            key = before[0].person
            rule = self.gaz.people.get(key)
            if rule is None or rule.gender != ("m" if m.group(1).lower() == "he" else "f"):
                continue
            mention = PersonMention(m.start(1), m.end(1), m.group(1), key, "pronoun", alias=False)
            self.persons.append(mention)
            by_sentence.setdefault(sidx, []).append(mention)  # 'He met ... He met ...': still him
            by_sentence[sidx].sort(key=lambda p: p.start)
        if found:
            self.persons.sort(key=lambda p: p.start)

    def _first_person(self) -> None:
        """'I', 'my', 'we' in a transcript's turn ('Penny Wong, Foreign Minister: ... Nanaia and I met'): its speaker.

        A turn opens with a label naming the speaker and runs to the next label; a label naming
        nobody known ('JOURNALIST:') opens a turn of nobody.
        """
        labels = list(_TURN_LABEL.finditer(self.ptext))
        if len(labels) < 2 and not (labels and labels[0].start() < 400):
            return
        starting = {p.start: p for p in self.persons}
        added = []
        for i, label in enumerate(labels):
            start = label.start() + len(label.group(0)) - len(label.group(0).lstrip())
            who = starting.get(start)
            if who is None or self.ptext.find(":", who.end, label.end()) < 0:
                continue
            end = labels[i + 1].start() if i + 1 < len(labels) else len(self.ptext)
            for m in _FIRST_PERSON.finditer(self.ptext, label.end(), end):
                added.append(PersonMention(m.start(), m.end(), m.group(0), who.person, "first-person", alias=False))
        if added:
            self.persons.extend(added)
            self.persons.sort(key=lambda p: p.start)

    def _honorific_surnames(self, untold: list[tuple[Hit, str]], told: set[str], office: bool) -> list[tuple[Hit, str]]:
        """Resolve surnames after Mr, Ms, Mrs or Dr that fit one person only; return those still unresolved.

        The honorific's gender rules out people of the other one. Of those left, the one the
        document names elsewhere ('told'), else (``office``) the only one holding an office on the
        document's date; several: nobody.
        """
        left = []
        for hit, honorific in untold:
            gender = _HONORIFIC_GENDER.get(honorific)
            fits = [k for k in hit.targets if gender is None or self.gaz.people[k].gender in (None, gender)]
            named = [k for k in fits if k in told]
            if not named and office and self.day is not None:
                named = [k for k in fits if any(r.active_on(self.day) for r in self.gaz.people[k].roles)]
            if len(named) == 1:
                self.persons.append(PersonMention(hit.start, hit.end, hit.surface, named[0], "honorific-surname"))
                told.add(named[0])
            else:
                left.append((hit, honorific))
        return left

    def _demonym_before(self, pos: int) -> Optional[str]:
        for h in self._hits.overlapping(pos - 4, pos):
            # ('Chinese Foreign Minister', "China's Foreign Minister")
            if h.kind in ("demonym", "place") and h.end <= pos and pos - h.end <= 3 and self.ptext[h.end : pos].strip() in ("", "'s", "’s"):
                place = self.gaz.places.get(h.targets[0])
                if place and place.type == "country":
                    return place.country
            if h.kind in ("demonym",) and h.end <= pos and pos - h.end <= 2:
                return h.targets[0].upper()
        return None

    def _country_after(self, pos: int) -> Optional[str]:
        """The country a title names after it: 'President of the French Republic'."""
        of = _OF_COUNTRY.match(self.ptext, pos)
        if of is None:
            return None
        if of.group("state") and not of.group("named"):
            for h in self._hits.starting(of.start("state"), of.end("state")):
                code = self._country_of_hit(h)  # 'of the French Republic'
                if code:
                    return code
            # 'the President of the Republic' in a presidency's release: its own
            org = self._publisher_org
            return org.country if org is not None else None
        # ('of the Republic of Korea': the whole name is the country's)
        for h in [*self._hits.starting(of.end(), of.end() + 1), *(self._hits.starting(of.start("state"), of.start("state") + 1) if of.group("state") else ())]:
            code = self._country_of_hit(h)
            if code:
                return code
        return None

    def _country_of_hit(self, h: Hit) -> Optional[str]:
        """The country a name hit names: a country's name or its demonym."""
        if h.kind == "demonym":
            return h.targets[0].upper()
        place = self.gaz.places.get(h.targets[0]) if h.kind == "place" else None
        return place.country if place is not None and place.type == "country" else None

    def _new_name(self, pos: int, exclude: Optional[Hit] = None) -> Optional[tuple[str, int]]:
        m = _NAME_RUN.match(self.ptext[pos : pos + 80])
        if not m:
            return None
        return self._clean_name(m.group(0), pos, check=True, exclude=exclude)

    def _clean_name(self, raw: str, pos: int, check: bool = False, exclude: Optional[Hit] = None) -> Optional[tuple[str, int]]:
        kept: list[str] = []
        for tm in re.finditer(r"\S+", raw):
            tok = tm.group(0)
            bare = tok.rstrip(".,'’").rstrip("'s")
            if bare.lower() in _BODY_WORDS and len(kept) < 4:
                # 'President of the New Development Bank Dilma Rousseff': the name follows the body's
                kept, pos = [], pos + tm.end() + 1
                continue
            if tok.lower().rstrip(".,") in _NOT_NAME or bare.lower() in _NOT_NAME or bare in _POST_NOMINALS:
                break
            if tok.endswith(("'s", "’s")):
                kept.append(tok[:-2])
                break
            kept.append(tok.rstrip(",."))
            if tok.endswith((",", ".")) and not re.fullmatch(r"[A-Z]\.", tok):
                break
            if len(kept) == 4:
                break
        while kept and (kept[-1][:1].islower() or len(kept[-1]) < 2):
            kept.pop()
        if len(kept) < 2:
            return None
        name = " ".join(kept)
        end = pos + len(name)
        if check:
            for h in self._hits.overlapping(pos, end):
                if h is not exclude and h.kind in ("place", "org", "demonym"):
                    return None
        return name, pos

    def _add_new_person(self, name: str, pos: int, title: str, kind: str, country: Optional[str], rule: str = "title-cue") -> None:
        key = slugify(name)
        if key in self.gaz.people:
            self._note_title(key, title, kind)
            return
        known = self._known_by_prefix(name)
        if known is not None:
            # 'Prince Faisal bin Farhan' is the known Faisal bin Farhan Al Saud
            self._note_title(known, title, kind)
            start = pos + (len(name) - len(_ROYAL.sub("", name)))
            if (start, known) not in self._new_mentions:
                self._new_mentions.add((start, known))
                self.persons.append(PersonMention(start, pos + len(name), self.text[start : pos + len(name)], known, rule))
            return
        person = self.new_people.get(key)
        if person is None:
            person = Person(key, name, country)
            self.new_people[key] = person
        elif country and not person.country:
            person.country = country
        title_clean = re.sub(r"^(?:former|then|acting)\s+", "", title.strip(), flags=re.IGNORECASE)
        self.text_roles.setdefault(key, [])
        if not any(r.title.lower() == title_clean.lower() for r in self.text_roles[key]):
            self.text_roles[key].append(Role(title_clean, kind))
        end = pos + len(name)
        if (pos, key) not in self._new_mentions:
            self._new_mentions.add((pos, key))
            self.persons.append(PersonMention(pos, end, self.text[pos:end], key, rule))

    def _known_by_prefix(self, name: str) -> Optional[str]:
        """The one known person whose full name opens with ``name`` ('Faisal bin Farhan' of 'Faisal bin Farhan Al Saud')."""
        bare = plain(_ROYAL.sub("", name)).casefold()
        if len(bare.split()) < 2:
            return None
        found = {key for full, key in self.gaz.full_names if full == bare or full.startswith(bare + " ")}
        return found.pop() if len(found) == 1 else None

    def _note_title(self, key: str, title: str, kind: str) -> None:
        """Keep a title the text gives a person, unless a known role already says it."""
        title = re.sub(r"^(?:former|then-|then|acting)\s*", "", title.strip(), flags=re.IGNORECASE)
        known = [r.title.lower() for r in self.roles_of(key)] if key in self.gaz.people else []
        if any(title.lower() in t for t in known):
            return
        roles = self.text_roles.setdefault(key, [])
        if not any(r.title.lower() == title.lower() for r in roles):
            roles.append(Role(title, kind))

    def _resolve_short(self, hit: Hit, title: Optional[tuple[str, str, str]], strong: set[str], named_at: dict[str, list[int]]) -> Optional[str]:
        candidates = list(hit.targets)
        named = [k for k in candidates if k in strong]
        if len(named) == 1:
            return named[0]
        pool = named
        if title is not None:
            fitting = [k for k in (named or candidates) if self.title_matches(k, title[0], title[1])]
            if len(fitting) == 1:
                return fitting[0]
            pool = [k for k in fitting if k in named]
        # several named in full ('Wang Yi', then 'Wang Wenbin'): the one named last before it
        last = {k: max((at for at in named_at.get(k, ()) if at < hit.start), default=-1) for k in pool}
        best = max(last.values(), default=-1)
        if best < 0 and not named and title is None and len(candidates) == 1 and self._leader_by_surname(hit, candidates[0]):
            return candidates[0]
        if best < 0 or list(last.values()).count(best) > 1:
            return None
        return next(k for k, at in last.items() if at == best)

    def _leader_by_surname(self, hit: Hit, key: str) -> bool:
        """Whether a bare surname the text names nobody else by is a serving leader ('Erdogan hosted ...').

        News names heads of state, of government, of international bodies and foreign ministers by surname alone; not
        their administration ('the Trump administration'), and only on a known date.
        """
        if self.day is None or len(hit.surface) < 4:
            return False
        if _NAMED_FOR_SURNAME.match(self.ptext, hit.end):
            return False
        return bool(self.role_kinds_on(key, self.day) & {"head-of-state", "head-of-government", "foreign-minister", "international-official"})

    def _resolve_title_only(self, start: int, title: str, kind: str, country: Optional[str], named: "_Spans") -> Optional[str]:
        # the most recent of the last few people named before it
        upto = bisect.bisect_left(named.starts, start)
        recent = named.items[max(0, upto - 40) : upto]
        word = title.lower()
        org = self._publisher_org
        if not country and org is not None:
            # 'The Prime Minister' of a No 10 readout is always its own, even after 'Australian Prime Minister X'
            # (undated: its present holder, if the text names them)
            if self.day is not None:
                own = self.gaz.office_holders(org.id, title, self.day)
            else:
                own = sorted({key for key, role in self.gaz.roles_by_org.get(org.id, ()) if role.end is None and holds_title(role.title, title)})
                own = [key for key in own if any(m.person == key for m in named.items)]
            if len(own) == 1:
                return own[0]
        # first, whom the text itself calls so ('Secretary Blinken' ... 'the Secretary')
        for mention in reversed(recent):
            if (not country or self.country_of(mention.person) == country) and any(word in t for t in self._titled.get(mention.person, ())):
                return mention.person
        for mention in reversed(recent):
            key = mention.person
            if country and self.country_of(key) != country:
                continue
            if self.title_matches(key, title, "other"):
                return key
        if country and self.day is not None:
            # the one of that country holding that very title ('the Kuwaiti crown prince' is no prime minister)
            titled = self.gaz.title_holders(title, country, self.day)
            if len(titled) == 1:
                return titled[0]
        if country and kind not in ("other",):
            holders = self.gaz.holders(kind, country, self.day)
            if len(holders) == 1:
                return holders[0]
        if not country:
            return self._principal(title, kind)
        return None

    def _principal(self, title: str, kind: str) -> Optional[str]:
        """'The Prime Minister' of a No 10 readout, 'the Secretary-General' of a UN one: the publisher's own office holder."""
        org = self._publisher_org
        if org is None or self.day is None:
            return None
        holders = self.gaz.office_holders(org.id, title, self.day)
        if not holders and org.country and kind not in ("other",):
            # a ministry's readout speaks of its country's officials ('the Prime Minister' in an MEA release)
            holders = self.gaz.holders(kind, org.country, self.day)
        return holders[0] if len(holders) == 1 else None

    @cached_property
    def _publisher_org(self) -> Optional[Organization]:
        """The government body or international organization that published the document, if known."""
        org = self.gaz.orgs.get(publisher_id(self.gaz, self.doc.publisher)) if self.doc.publisher else None
        # a newspaper's 'the President' is no office of its own country
        return org if org is not None and org.type in _OFFICIAL_PUBLISHERS else None

    def _counterpart_sides(self, m: re.Match) -> Optional[tuple[str, str, list[str]]]:
        """For 'his Chinese counterpart': the country, the subject, and the subject's offices to match, best first."""
        dem = m.group("dem")
        if not dem:
            return None
        code = self.gaz.demonyms.get(dem) or self.gaz.demonyms.get(dem.rstrip("."))
        if not code:
            # 'South Korean': the demonym the gazetteer found there, ending where the word does
            a, b = m.span("dem")
            code = next((h.targets[0].upper() for h in self._hits.overlapping(a, b) if h.kind == "demonym" and h.end == b), None)
        if not code:
            return None
        sidx = self.sentence_of(m.start())
        s = self.sentences[sidx]
        subject = _Spans(self.persons).starting(s.start, m.start())
        if not subject and _OPENING_PHRASE.match(self.ptext, s.start):
            # ('Speaking after talks with his Egyptian counterpart in Cairo, Turkish Foreign Minister Hakan Fidan said ...')
            subject = [p for p in _Spans(self.persons).starting(m.end(), s.end) if _MAIN_SUBJECT_AFTER.search(self.ptext, m.end(), p.start)][:1]
        if not subject:
            return None
        key = subject[-1].person
        kinds = self.role_kinds_on(key, self.day) - {"other", "party-official"}
        # the office the text names ('Foreign Minister Ishaq Dar') first; a deputy premiership that
        # comes with a portfolio ('Deputy Prime Minister and Foreign Minister') last: the portfolio meets
        titled = {self.gaz.title_kinds.get(t, ("other", False))[0] for t in self._titled.get(key, ())}
        kinds |= titled - {"other", "party-official"}
        return code, key, sorted(kinds, key=lambda k: (k not in titled, k == "deputy-head-of-government", k))

    def _resolve_counterpart(self, m: re.Match) -> Optional[str]:
        sides = self._counterpart_sides(m)
        if sides is None:
            return None
        code, _key, kinds = sides
        for kind in kinds:
            holders = self.gaz.holders(kind, code, self.day)
            if len(holders) == 1:
                return holders[0]
        return None

    def _named_counterpart(self, m: re.Match) -> bool:
        """'his Ghanaian counterpart, Samuel Okudzeto Ablakwa': an official kg does not know, of the subject's office."""
        gap = re.match(r",?[^\S\n]+", self.ptext[m.end() : m.end() + 3])
        if gap is None:
            return False
        pos = m.end() + gap.end()
        if self._hits.overlapping(pos, pos + 1):
            return False
        new = self._new_name(pos)
        sides = self._counterpart_sides(m) if new and len(new[0].split()) >= 2 else None
        if not sides or not sides[2]:
            return False
        code, key, kinds = sides
        kind = kinds[0]
        # the subject's own title of that office, as the text gives it, else the rules' first one
        title = next((t for t in sorted(self._titled.get(key, ())) if self.gaz.title_kinds.get(t, ("other", False))[0] == kind), None)
        title = title.title() if title else next((t for t, (k, _p) in self.gaz.title_kinds.items() if k == kind), kind)
        self._add_new_person(new[0], new[1], title, kind, code, rule="counterpart-named")
        return True

    def _is_speaker(self, mention: PersonMention) -> bool:
        """Reporters and spokespeople relay a meeting; they do not attend it."""
        key = mention.person
        if key in self._author_keys:
            return True
        kinds = self.role_kinds_on(key, self.day)
        if kinds and kinds <= {"spokesperson", "journalist"}:
            return True
        before = self.ptext[max(0, mention.start - 60) : mention.start]
        for pattern in self._attributions[self._ascii(before)]:
            found = list(pattern.finditer(before))
            if found and not re.search(r"[.;:]", before[found[-1].end() :]):
                return True
        if _BYLINE.match(self.text, self.sentences[self.sentence_of(mention.start)].start):
            return True
        # ('..., India's foreign secretary said on Thursday.': the source closing a news sentence)
        if _SAID_TAIL.match(self.ptext, mention.end) and re.search(r",\s*(?:[\w'’.-]+\s+){0,3}$", self.ptext[max(0, mention.start - 40) : mention.start]):
            return True
        return False

    def _places_orgs(self, hits: list[Hit]) -> None:
        for hit in hits:
            if hit.kind == "place":
                pid = hit.targets[0]
                self._use_place(pid)
                self.facts.mentions.append(Mention("place", pid, hit.surface, self.evidence(hit.start, hit.end, "place-gazetteer")))
            elif hit.kind == "demonym":
                pid = hit.targets[0]
                self._use_place(pid)
                self.facts.mentions.append(Mention("place", pid, hit.surface, self.evidence(hit.start, hit.end, "demonym")))
            elif hit.kind == "org":
                oid = hit.targets[0]
                self.facts.orgs[oid] = self.gaz.orgs[oid]
                self.facts.mentions.append(Mention("org", oid, hit.surface, self.evidence(hit.start, hit.end, "org-gazetteer")))

    def _use_place(self, pid: str) -> None:
        for place in self.gaz.enclosing(pid):
            self.facts.places[place.id] = place

    def _concepts(self) -> list[Hit]:
        found = sorted(self.gaz.triggers.find(self.ptext), key=lambda h: (h.start, -h.end))
        # a trigger inside a longer one of an unrelated concept yields to it: 'nuclear power plant'
        # (nuclear safety) is no 'nuclear power' (energy); 'Taiwan' in 'Taiwan Strait' stays
        ancestors = self.gaz.concept_ancestors
        hits: list[Hit] = []
        open_: list[Hit] = []  # kept hits that may still hold the next ones
        for hit in found:
            open_ = [h for h in open_ if h.end > hit.start]
            outer = [h for h in open_ if hit.end <= h.end and h.end - h.start > hit.end - hit.start]
            if outer and not any(cid in ancestors.get(o, ()) for h in outer for o in h.targets for cid in hit.targets):
                continue
            hits.append(hit)
            open_.append(hit)
        for hit in hits:
            for cid in hit.targets:
                self.facts.mentions.append(Mention("concept", cid, hit.surface, self.evidence(hit.start, hit.end, "issue-trigger")))
        return hits

    # -- meetings -------------------------------------------------------------
    def _meetings(self, hits: list[Hit], concept_hits: list[Hit]) -> None:
        gaz = self.gaz
        dates = find_dates(self.text, self.day)
        durations = find_durations(self.ptext)
        place_hits = sorted([h for h in hits if h.kind == "place"] + self._shadow_places + self._capitals(hits), key=lambda h: h.start)
        self._org_hits = _Spans([h for h in hits if h.kind == "org"])
        org_spans = [(h.start, h.end) for h in hits if h.kind in ("org",)]
        candidates: list[_Candidate] = []
        # each pattern runs once over the text; matches are bucketed by sentence
        context_at: dict[int, list] = self._context_at
        trigger_at: dict[int, list] = {}
        for sidx, s in enumerate(self.sentences):
            stext = self.ptext[s.start : s.end]
            asc = self._ascii(stext)
            first = gaz.first_match("meeting", stext, ascii=asc)
            if first is None or self._is_caption(s):
                continue
            context_at[sidx] = [(s.start + m.start(), s.start + (m.span(1) if m.lastindex else m.span())[1], rule.id) for pattern, rule in gaz.family("context", asc) for m in pattern.finditer(stext)]
            # no trigger starts before the first one: each pattern scans from there
            trigger_at[sidx] = [(m, rule) for pattern, rule in gaz.family("meeting", asc) for m in pattern.finditer(stext, first)]
        self._paragraph_dates = self._find_paragraph_dates(dates)
        buckets = None
        for sidx in sorted(trigger_at):
            s = self.sentences[sidx]
            contexts = context_at[sidx]
            triggers = []
            for m, rule in trigger_at[sidx]:
                a, b = s.start + m.start(), s.start + m.end()
                # 'the ASEAN Foreign Ministers' Meeting' names a context, not a meeting of its own
                if any(ca <= a < cb and a > ca + 20 for ca, cb, _ in contexts) or any(oa <= a < ob for oa, ob in org_spans):
                    continue
                if any(ca <= a and b <= cb and a >= ca + 3 for ca, cb, _ in contexts):
                    continue
                triggers.append((a, b, rule))
            if not triggers:
                continue
            triggers = _dedupe_spans(triggers)
            if buckets is None:  # (each list bucketed by sentence once: rescanning it per sentence was quadratic)
                buckets = [self._starting_in(items) for items in (dates, durations, place_hits, self.persons)]
                self._persons_in = buckets[3]
            candidates.extend(self._sentence_candidates(sidx, s, triggers, contexts, *(b.get(sidx, []) for b in buckets[:3])))
        if buckets is None:
            self._persons_in = self._starting_in(self.persons)
        self._arrivals = self._find_arrivals(place_hits)
        for cand in candidates:
            if len(cand.participants) < 2 and not cand.partial:
                self._country_sides(cand, buckets[2])
        self._assemble_meetings(candidates, concept_hits)

    def _find_paragraph_dates(self, dates: list[DateMention]) -> dict[int, DateMention]:
        """The date opening each paragraph ('On October 23,' or 'On the final day of the summit, October 24,'), by the paragraph's first character."""
        found: dict[int, DateMention] = {}
        for d in dates:
            line = self.ptext.rfind("\n", 0, d.start) + 1
            if d.first.is_full or d.first.month is not None:
                if line not in found and d.start - line <= 45 and _OPENING_DATE.fullmatch(self.ptext, line, d.start) and not self._is_dateline(d):
                    found[line] = d
        return found

    def _country_sides(self, cand: _Candidate, place_hits: dict[int, list[Hit]]) -> None:
        """'the United States, Japan, and the ROK held their national security advisors' meeting': those advisors.

        Each country's holder of the office the sentence names, as the document names them
        (else the only holder on the document's date); all of them, or nobody.
        """
        s = self.sentences[cand.sentence]
        countries = [h for h in place_hits.get(cand.sentence, ()) if h.end <= cand.start and self.gaz.places.get(h.targets[0]) is not None and self.gaz.places[h.targets[0]].type == "country"]
        if len(countries) < 2:
            return
        # the countries are one list: nothing but commas, 'and' and 'the' between them
        if any(not _LIST_GLUE.fullmatch(self.ptext, a.end, b.start) for a, b in zip(countries, countries[1:])):
            return
        window = self.ptext[countries[-1].end : min(s.end, cand.end + 60)]
        office = max((t for t in _words_in(window.lower(), self.gaz.title_kinds) if self.gaz.title_kinds[t][0] != "other"), key=len, default=None)
        if office is None:
            return
        kind = self.gaz.title_kinds[office][0]
        named = list(dict.fromkeys(p.person for p in self.persons if not p.speaker))
        sides = []
        for code in dict.fromkeys(self.gaz.places[h.targets[0]].country for h in countries):
            here = [k for k in named if self.country_of(k) == code and kind in self.role_kinds_on(k, self.day)]
            if len(here) != 1 and self.day is not None:
                here = self.gaz.holders(kind, code, self.day)
            if len(here) != 1:
                return
            sides.append(here[0])
        cand.participants = list(dict.fromkeys(cand.participants + sides))
        cand.rules.append("country-sides")

    def _is_caption(self, s: Sentence) -> bool:
        """A photo's caption, which a credit line follows ('(Photo: Cabinet Public Relations Office)'): page furniture."""
        end = self.ptext.find("\n", s.end - 1 if s.end else 0)
        return end >= 0 and bool(_PHOTO_CREDIT.match(self.ptext, end + 1))

    def _find_arrivals(self, place_hits: list[Hit]) -> list[tuple[int, str, str, tuple[int, int]]]:
        """Who arrived where: (sentence, person, place id, span) for 'Putin arrived in Kazan'."""
        out = []
        for h in place_hits:
            place = self.gaz.places.get(h.targets[0])
            if place is None or place.type not in ("city", "venue") and place.id not in self.gaz.city_states:
                continue
            sidx = self.sentence_of(h.start)
            s = self.sentences[sidx]
            lead = self.ptext[max(s.start, h.start - 40) : h.start]
            asc = self._ascii(lead)
            if not any(p.search(lead) for p, _r in self.gaz.family("arrival", asc)):
                continue
            who = [p for p in self._persons_in.get(sidx, ()) if s.start <= p.start and p.end <= h.start and not p.speaker]
            if who:
                out.append((sidx, who[-1].person, place.id, (h.start, h.end)))
        return out

    def _capitals(self, hits: list[Hit]) -> list[Hit]:
        """'the Turkmen capital' names Ashgabat: a place hit over the demonym and the word 'capital'."""
        out = []
        for h in hits:
            if h.kind != "demonym":
                continue
            m = _CAPITAL_AFTER.match(self.ptext, h.end)
            pid = self.gaz.capitals.get(h.targets[0].upper()) if m else None
            if pid and self.ptext[max(0, h.start - 4) : h.start].lower() == "the ":
                out.append(Hit(h.start, m.end(), self.ptext[h.start : m.end()], "place", (pid,)))
        return out

    def _seat(self, span: tuple[int, int]) -> Optional[tuple[str, tuple[int, int]]]:
        """The fixed seat of a body whose session a context names ('on the sidelines of the UN General Assembly')."""
        if not _AT_CONTEXT.match(self.ptext, span[0]):
            return None  # 'ahead of the UN General Assembly' is somewhere else
        for h in self._org_hits.overlapping(*span):
            seat = self.gaz.seats.get(h.targets[0])
            if seat:
                return seat, (h.start, h.end)
        return None

    def _sentence_candidates(self, sidx, s, triggers, contexts, dates, durations, place_hits) -> list[_Candidate]:
        gaz = self.gaz
        groups: list[_Candidate] = []
        sdates = [d for d in dates if s.start <= d.start < s.end]
        sdur = [d for d in durations if s.start <= d.start < s.end]
        splaces = [h for h in place_hits if s.start <= h.start < s.end]
        spersons = [p for p in self._persons_in.get(sidx, ()) if s.start <= p.start < s.end]
        stext = self.ptext[s.start : s.end]
        fmt_sentence = None
        # (the joined family first: most sentences hold no cue, and then no rule need be tried)
        asc = self._ascii(stext)
        if gaz.any_match("format", stext, ascii=asc):
            for pattern, rule in gaz.family("format", asc):
                if pattern.search(stext):
                    fmt_sentence = rule.format
                    break
        cands = [_Candidate(sidx, a, b, [rule.id], format=rule.format, partial=rule.partial) for a, b, rule in triggers]
        frames = _Frames(self.ptext, cands)
        placed, splaces = self._place_frames(frames, s, splaces)
        dated, para_date = self._date_frames(frames, s, sdates)
        self._duration_frames(frames, sdur)
        self._context_frames(frames, contexts, splaces)
        for i, cand in enumerate(cands):
            prev_end = cands[i - 1].end if i else s.start
            next_start = cands[i + 1].start if i + 1 < len(cands) else s.end
            self._frame_status(cand, i, cands, s, prev_end, next_start)
            self._frame_date(cand, s, para_date)
            if not self._denied(cand, prev_end, s):
                groups.append(cand)
        if not groups:
            return []  # every trigger of the sentence denied
        events = self._events(groups, s, fmt_sentence)
        self._participants(events, spersons, s, frames)
        events = [part for ev in events for part in self._split_objects(ev, spersons, placed, dated, s)]
        self._group_anaphora(events, s)
        return events

    def _place_frames(self, frames: _Frames, s: Sentence, splaces: list[Hit]) -> tuple[list[Hit], list[Hit]]:
        """Give each candidate the place the sentence names for it; return the places taken and those that could host.

        Args:
            frames: the sentence's candidates.
            s: the sentence.
            splaces: the place hits of the sentence.
        """
        gaz = self.gaz
        cands = frames.cands
        # a continent, a sea or a strait is where a tour goes or what talks are about, never where two sides sat
        # (nor is a region of several countries: 'the Indo-Pacific', 'the Americas')
        splaces = [h for h in splaces if h.targets[0] in gaz.places and _can_host(gaz.places[h.targets[0]])]
        has_city = any(gaz.places[h.targets[0]].type != "country" for h in splaces)
        placed: list[Hit] = []  # the places that may place a meeting
        for h in splaces:
            place = gaz.places[h.targets[0]]
            lead = self.ptext[max(s.start, h.start - 60) : h.start]
            if place.type == "country" and place.id not in gaz.city_states:
                # 'met ... in Malta' places the meeting; 'the war in Ukraine' does not
                # ('a visit to Indonesia' places the visit there too)
                # ('Kishida, who was visiting Lithuania ..., held a summit meeting with': where the subject was)
                visiting = re.search(r"\b(?:was|were|is|are|while|when) visiting\s+$", lead, re.IGNORECASE)
                if has_city or not (visiting or any(c.end <= h.start for c in cands)) or not re.search(r"\b(?:in|(?:visit|trip) to|visit(?:s|ed|ing)?)\s+$", lead, re.IGNORECASE) or _TOPIC_BEFORE_IN.search(lead):
                    continue
            if place.type == "region" and _TOPIC_BEFORE_IN.search(lead):
                continue  # 'the situation in the West Bank', 'the war in Gaza'
            if not (_LOC_PREP.search(lead) or (lead.endswith(", ") and any(0 <= h.start - c.end < 4 for c in cands))):
                continue
            if _QUALIFIES_NEXT.match(self.ptext, h.end):
                continue  # 'the Black Sea resort of Sochi': Sochi
            if frames.in_relative(h.start):
                continue
            placed.append(h)
            cand = frames.owner(h.start)
            # ('before flying to Riyadh for talks with ...': the talks' place)
            after = next((c for c in cands if c.start >= h.end and _FOR_NEXT.fullmatch(self.ptext, h.end, c.start)), None)
            cand = after or cand
            if cand.place is None:
                cand.place, cand.place_span = place.id, (h.start, h.end)
        return placed, splaces

    def _date_frames(self, frames: _Frames, s: Sentence, sdates: list[DateMention]) -> tuple[list[DateMention], Optional[DateMention]]:
        """Date each candidate by the sentence's dates; return the dates taken and the paragraph's opening date, if it applies.

        Args:
            frames: the sentence's candidates.
            s: the sentence.
            sdates: the date mentions of the sentence.
        """
        cands = frames.cands
        dated: list[DateMention] = []
        opening: Optional[DateMention] = None
        for d in sdates:
            # ISO timestamps and datelines date the page, not the meeting
            # ('since 2018', 'until 2030' bound a period: they do not date a meeting)
            if d.first.is_empty or d.rule in ("iso", "numeric") or d.boundary or self._is_dateline(d) or frames.in_relative(d.start, who=True):
                continue
            # ('..., the ministry said on Friday': the day it was said, not the day of the meeting)
            if self._said_just_before(max(s.start, d.start - 40), d.start):
                continue
            cand = frames.modified(d.end) or frames.owner(d.start)
            if cand.end <= d.start and _CLAUSE_OF_ITS_OWN.search(self.ptext, cand.end, d.start):
                continue  # 'their first meeting since Pezeshkian took office in July': July dates his taking office
            dated.append(d)
            if d.bounds:
                cand.week = d.bounds
            after = d.start >= cand.end and (cand.date_span is None or cand.date_span[0] < cand.start)
            # ('today and tomorrow (28 and 29 February)': the same start, and now the end too)
            longer = d.first == cand.first and cand.last == cand.first and d.last != d.first
            # ('Today, 20 September, ...': the date named beside 'today' is the day meant)
            named = cand.date_rule == "today" and cand.date_span is not None and re.fullmatch(r",?\s*(?:the\s+)?", self.ptext[cand.date_span[1] : d.start]) is not None
            if cand.date_span is None or after or longer or named or (cand.first.specificity < d.first.specificity and d.rule != "year"):
                cand.take_date(d)
            if d.end <= cands[0].start and opening is None:
                opening = d
        # 'On October 23, the summit met ... Putin held a series of meetings': a date that opens
        # a paragraph dates the held meetings its later sentences tell, unless they date them themselves
        para_date = self._paragraph_dates.get(self.ptext.rfind("\n", 0, s.start) + 1)
        para_date = para_date if para_date is not None and para_date.start < s.start and not sdates else None
        if opening is not None:
            # 'Last year, Macron made a state visit to China, where he met Xi in Beijing': a date that opens
            # the sentence dates each meeting in it that has no date of its own
            for cand in cands:
                if cand.date_span is None:
                    cand.take_date(opening)
                    cand.date_inherited = cand is not cands[0]
        return dated, para_date

    def _duration_frames(self, frames: _Frames, sdur: list) -> None:
        """Give each candidate the duration the sentence names after it ('for two hours')."""
        for d in sdur:
            cand = frames.owner(d.start)
            if cand.duration is None:
                cand.duration, cand.duration_iso, cand.duration_span = self.text[d.start : d.end], d.iso, (d.start, d.end)

    def _context_frames(self, frames: _Frames, contexts: list, splaces: list[Hit]) -> None:
        """Give each candidate its setting ('on the sidelines of the UN General Assembly'), and the place that names."""
        gaz = self.gaz
        cands = frames.cands
        for ca, cb, _cid in contexts:
            if frames.in_relative(ca):
                continue
            cand = frames.owner(ca)
            if cand.context is None:
                cand.context, cand.context_span = self.text[ca:cb].strip(), (ca, cb)
        for cand in cands:
            # 'on the margins of the Munich Security Conference', and no other place: Munich
            if cand.place is None and cand.context_span and _NAMED_FOR_PLACE.search(self.ptext, *cand.context_span):
                ca, cb = cand.context_span
                for h in splaces:
                    place = gaz.places.get(h.targets[0])
                    if ca <= h.start and h.end <= cb and place and place.type in ("city", "venue"):
                        cand.place, cand.place_span = place.id, (h.start, h.end)
                        break
            if cand.place is None and cand.context_span:
                seat = self._seat(cand.context_span)
                if seat:
                    cand.place, cand.place_span = seat

    def _frame_status(self, cand: _Candidate, i: int, cands: list[_Candidate], s: Sentence, prev_end: int, next_start: int) -> None:
        """Give a candidate the status and format its clause tells, and whether it is told as past.

        Args:
            cand: the candidate, ``cands[i]``.
            i: its index among the sentence's candidates.
            cands: the sentence's candidates.
            s: the sentence.
            prev_end: where the candidate before it ends (else the sentence starts).
            next_start: where the candidate after it starts (else the sentence ends).
        """
        gaz = self.gaz
        window = self.ptext[prev_end:next_start]
        # (the sentence's verb, however far before its one trigger: 'X will join Y and Z ... at a meeting with W')
        near_start = prev_end if len(cands) == 1 and not _CLAUSE_BREAK.search(self.ptext, prev_end, cand.start) else max(prev_end, cand.start - 90)
        # the meeting as the sentence's subject takes the status its verb gives it, however far:
        # 'The summit, which was to bring together ..., will not go ahead.'
        subject = cand.rules[0] == "meeting-noun" and cand.start - s.start < 40 and i == 0
        near = self.ptext[near_start : next_start if subject else min(next_start, cand.end + 140)]
        # a status cue belongs to this clause only: 'X met Y, and Z is due to travel' is no plan
        cut = _CLAUSE_BREAK.search(near, cand.end - near_start)
        if cut:
            near = near[: cut.start()]
        asc = self._ascii(near)
        if gaz.any_match("status", near, ascii=asc):
            cand.status = self._status(near, cand.start - near_start, cand.end - near_start, asc)
        asc = self._ascii(window)
        if cand.format in (None, "in-person") and gaz.any_match("format", window, ascii=asc):
            for pattern, frule in gaz.family("format", asc):
                if pattern.search(window):
                    cand.format = frule.format
                    break
        # (', who succeeded Qin Gang last year,' tells of him, not of the meeting)
        cand.past = bool(_PAST_CUE.search(_RELATIVE_WHO_CLAUSE.sub("", window)))

    def _frame_date(self, cand: _Candidate, s: Sentence, para_date: Optional[DateMention]) -> None:
        """Date a candidate by what the text told before it ('that day', 'the day before', a paragraph's date), and fix its year or week.

        Args:
            cand: the candidate, with its status.
            s: the sentence.
            para_date: the date opening the paragraph, if it dates the sentence.
        """
        if para_date is not None and cand.date_span is None and cand.status is None:
            cand.take_date(para_date)
        # ('Later in the day, A and B held ... talks': a cue opening the sentence dates all of it)
        same_day = _SAME_DAY.search(self.ptext, max(s.start, cand.start - 80), cand.end + 40) or _SAME_DAY.match(self.ptext, s.start)
        if same_day and cand.date_span is None and self._last_date is not None:
            cand.first = cand.last = self._last_date[0]
            cand.date_span = (same_day.start(), same_day.end())
        shift = _DAY_SHIFT.search(self.ptext, max(s.start, cand.start - 80), min(s.end, cand.end + 40))
        if shift and cand.date_span is None:
            base = (self._last_date[0].to_date() if self._last_date else None) or self.day
            if base is not None:
                cand.first = cand.last = PartialDate.of(base + dt.timedelta(days=-1 if shift.group("back") or shift.group("after") else 1))
                cand.date_span, cand.day_shift = shift.span(), True
        # a plan's day is ahead of the report, also when the plan was put off ('had been due to start on Sunday')
        put_off_day = cand.status in ("postponed", "cancelled") and cand.date_span and _PLAN_BEFORE.search(self.ptext, max(s.start, cand.date_span[0] - 60), cand.date_span[0])
        if cand.status == "planned" or put_off_day:
            self._date_ahead(cand)
        elif cand.status is None:
            # a meeting told as held is never after its document ('the summit in November', in a May report)
            self._date_behind(cand)
        day = cand.first.to_date()
        if cand.week and cand.date_rule == "weekday" and day and not cand.week[0] <= day <= cand.week[1]:
            # 'next week ... on Wednesday': that week's Wednesday
            shifted = cand.week[0] + dt.timedelta(days=(day.weekday() - cand.week[0].weekday()) % 7)
            if shifted <= cand.week[1]:
                cand.first = cand.last = PartialDate.of(shifted)
        # ('that day' names a day: 'next month' in between does not move it)
        if cand.date_span and cand.first.is_full:
            self._last_date = (cand.first, cand.date_span)

    def _events(self, groups: list[_Candidate], s: Sentence, fmt_sentence: Optional[str]) -> list[_Candidate]:
        """Join the candidates that tell one event; give each event the sentence's format if it is the only one."""
        events: list[_Candidate] = []
        for cand in groups:
            # (a date the sentence's opening lent it is no date of its own: 'On June 15, A met with B and C for a trilateral meeting')
            own = cand.place or (cand.date_span and not cand.date_inherited) or cand.duration or cand.context
            # ('spoke with Zelensky after Trump's call with Putin': another event, told as a time mark)
            own = own or bool(events and _TIME_MARK_BEFORE.search(self.ptext, max(s.start, cand.start - 40), cand.start))
            calls = {cand.format, events[-1].format} & {"phone", "video"} if events else set()
            if events and not own and len(calls) < 2:
                ev = events[-1]
                ev.rules.append(cand.rules[0])
                ev.end = max(ev.end, cand.end)
                for attr in ("duration", "duration_iso", "duration_span", "context", "context_span"):
                    if getattr(ev, attr) is None and getattr(cand, attr) is not None:
                        setattr(ev, attr, getattr(cand, attr))
                ev.format = _stronger_format(ev.format, cand.format)
                ev.status = ev.status or cand.status
                ev.past = ev.past or cand.past
                ev.partial = ev.partial and cand.partial
                continue
            prev = events[-1] if events else None
            # 'The virtual meeting came months after the two leaders met in person ...': a call is not the meeting met at
            clash = prev is not None and prev.format in ("phone", "video") and cand.format == "in-person" and cand.rules[0] in _VERB_RULES
            if prev is not None and own and not clash and not (prev.place or prev.date_span or prev.duration or prev.context):
                # an attribute-less event before this one merges into it
                ev = events.pop()
                cand.rules = ev.rules + cand.rules
                cand.start = ev.start
                for attr in ("duration", "duration_iso", "duration_span", "context", "context_span", "status"):
                    if getattr(cand, attr) is None and getattr(ev, attr) is not None:
                        setattr(cand, attr, getattr(ev, attr))
                cand.format = _stronger_format(cand.format, ev.format)
                cand.past = cand.past or ev.past
                cand.partial = cand.partial and ev.partial
            events.append(cand)
        for ev in events:
            # (the sentence's format cue is the event's only if it tells one event)
            ev.format = ev.format or (fmt_sentence if len(events) == 1 else None)
            if ev.format in ("phone", "video"):
                # a call takes place nowhere: 'in Washington' belongs to something else told beside it
                ev.place = ev.place_span = None
            elif ev.format is None and ev.place:
                # ... so sides who 'spoke in Bali' or 'discussed ... in Bali' were there together
                ev.format = "in-person"
        return events

    def _participants(self, events: list[_Candidate], spersons: list[PersonMention], s: Sentence, frames: _Frames) -> None:
        """Add the people the sentence names to its events: those not relaying the news; with several events, the nearest.

        Args:
            events: the sentence's events.
            spersons: the person mentions of the sentence.
            s: the sentence.
            frames: the sentence's candidates.
        """
        for p in spersons:
            if p.speaker or self._topic_person(p, s):
                continue
            # ('Peña, who hosted the summit, said he was pleased the two had met': who reports their meeting)
            later = [e for e in events if e.start >= p.end]
            if later and _REPORTS_THEIR_MEETING.search(self.ptext, p.end, later[-1].end) and not any(e.end <= p.start for e in events):
                continue
            # ('spoke with Zelenskyy, who thanked him for the support of Rishi Sunak': of the clause, not the call)
            if frames.in_relative(p.start, who=True) and not re.search(r"\b(?:accompanied|joined|along with|together with)\b", self.ptext[s.start : p.start]):
                continue
            # ('met King Charles on Sunday, a day after his clash with Trump': of another moment)
            told = max((e.end for e in events if e.end <= p.start), default=None)
            if told is not None and _AFTER_CLAUSE.search(self.ptext, told, p.start):
                continue
            partial = [e for e in events if e.partial]
            if partial and len(events) == len(partial):
                nearest = max((q for q in spersons if q.end <= partial[0].start), key=lambda q: q.start, default=None)
                if nearest is not None and p is nearest and p.person not in partial[0].participants:
                    partial[0].participants.append(p.person)
                continue
            if len(events) == 1:
                target = events[0]
            else:
                # the subject of a verb is its meeting's, however near a noun before it ('On the first day of
                # the summit, the President held meetings with ...')
                subject_of = next((e for e in events if e.rules[0] in _SUBJECT_VERBS and p.end <= e.start and not any(p.end <= o.start < e.start for o in events if o is not e)), None)
                if subject_of is not None and any(o.end <= p.start and o.rules[0] in _VERB_RULES for o in events):
                    subject_of = None  # the object of a verb before it ('spoke with Lavrov ... following the call between')
                target = subject_of if subject_of is not None and subject_of.start - p.end < 60 else min(events, key=lambda e: min(abs(p.start - e.start), abs(p.start - e.end)))
            if p.person not in target.participants:
                target.participants.append(p.person)
        if len(events) > 1 and events[0].participants:
            # ('Putin met A in Abu Dhabi before flying to Riyadh for talks with B': Putin's talks too)
            subject = events[0].participants[0]
            for ev in events[1:]:
                # ('..., a day after meeting Netanyahu in Tel Aviv': the gerund is a verb of the same subject)
                gerund = ev.rules[0] == "meeting-noun" and re.search(r"\b(?:after|before|while|when|since)\s+$", self.ptext[max(s.start, ev.start - 12) : ev.start])
                if len(ev.participants) == 1 and (ev.rules[0] in _VERB_RULES or gerund) and not ev.partial and subject not in ev.participants:
                    first = next((q for q in spersons if q.person == subject), None)
                    if first is not None and first.end <= events[0].start:
                        ev.participants.insert(0, subject)

    def _group_anaphora(self, events: list[_Candidate], s: Sentence) -> None:
        """Note the group each event's participants are told as ('the two leaders', 'the four ministers')."""
        gaz = self.gaz
        for ev in events:
            region = self.ptext[max(s.start, ev.start - 80) : min(s.end, ev.end + 80)]
            found = None
            asc = self._ascii(region)
            for pattern, arule in gaz.family("group_anaphora", asc) if gaz.any_match("group_anaphora", region, ascii=asc) else ():
                m = pattern.search(region)
                if m and (found is None or arule.id == "heads-of-state"):
                    found = arule.id
            ev.anaphora = found
            counted = _GROUP_COUNT.search(region) if found else None
            ev.group_size = NUMBER_WORDS[counted.group(1).lower()] if counted else None

    def _said_just_before(self, a: int, b: int) -> bool:
        """Whether a speech verb of the rules ends just before ``b`` ('the ministry said on Friday': the day it was said)."""
        return any(_SAID_GAP.fullmatch(self.ptext, m.end(), b) for p, rule in self.gaz.family("speech") if rule.id == "said" for m in p.finditer(self.ptext, a, b))

    def _denied(self, cand: _Candidate, clause_start: int, s: Sentence) -> bool:
        """Whether the words up to the trigger deny the meeting ('had no plans to meet', 'had not met since')."""
        end = min(s.end, cand.end + 12)
        if not self.gaz.any_match("negation", self.ptext, clause_start, end):
            return False
        return any(m.end() >= cand.start for p, _rule in self.gaz.family("negation") for m in p.finditer(self.ptext, clause_start, end))

    def _date_ahead(self, cand: _Candidate) -> None:
        """A plan's weekday is the one ahead of the document's date ('will meet ... on Wednesday')."""
        if cand.date_span and self.day is not None:
            ahead = find_dates(self.text[cand.date_span[0] : cand.date_span[1]], self.day, future=True)
            if ahead and ahead[0].rule == "weekday":
                cand.first, cand.last = ahead[0].first, ahead[0].last

    def _date_behind(self, cand: _Candidate) -> None:
        """What 'met' tells is past: a month or day without a year, after the document's date, is last year's.

        ('He met President Xi in March', in a February report, is last March.)
        """
        if self.day is None or cand.date_span is None or cand.date_rule not in _YEARLESS_RULES:
            return
        first = cand.first
        if first.year is None or first.month is None or _YEAR_IN.search(self.ptext, *cand.date_span):
            return
        if (first.year, first.month, first.day or 1) > (self.day.year, self.day.month, self.day.day if first.day else 31):
            cand.first, cand.last = _year_before(cand.first), _year_before(cand.last)

    def _split_objects(self, ev: _Candidate, spersons: list[PersonMention], placed: list[Hit], dated: list[DateMention], s: Sentence) -> list[_Candidate]:
        """One meeting per object of a verb, where each has its own place or day.

        ('He is expected to meet Vucic in Belgrade on Wednesday and Orban in Budapest on Thursday'
        tells two meetings, not one of three.)
        """
        if ev.partial or ev.rules[0] not in _VERB_RULES | {"will-meet"}:
            return [ev]
        # (the objects may sit inside a long trigger: 'held talks with Putin in Moscow ..., and with')
        objects = [p for p in spersons if p.start > ev.start and p.person in ev.participants]
        if len(objects) < 2:
            return [ev]
        ends = [o.start for o in objects[1:]] + [s.end]
        if not all(re.search(r"\band\b|,", self.ptext[a.end : b.start]) for a, b in zip(objects, objects[1:])):
            return [ev]
        # ('met bilaterally with A, B and C', 'held meetings with A, B and C': one meeting each)
        asc = self._ascii(self.ptext[ev.start : objects[0].start])
        one_by_one = any(p.search(self.ptext, ev.start, objects[0].start) for p, _r in self.gaz.family("distributive", asc))
        parts = []
        for obj, end in zip(objects, ends):
            place = next((h for h in placed if obj.end <= h.start < end), None)
            day = next((d for d in dated if obj.end <= d.start < end), None)
            if one_by_one and place is None and day is None:
                parts.append(replace(ev, participants=[p for p in ev.participants if p not in {o.person for o in objects}] + [obj.person]))
                continue
            if place is None and day is None:
                return [ev]  # 'met A and B in Paris': one meeting of three
            part = replace(ev, participants=[p for p in ev.participants if p not in {o.person for o in objects}] + [obj.person])
            part.place, part.place_span = (place.targets[0], (place.start, place.end)) if place else (None, None)
            if day is not None:
                part.take_date(day)
                if part.status == "planned":
                    self._date_ahead(part)
            else:
                part.first, part.last, part.date_span = PartialDate(), PartialDate(), None
            parts.append(part)
        return parts

    def _assemble_meetings(self, candidates: list[_Candidate], concept_hits: list[Hit]) -> None:
        meetings: list[tuple[Meeting, _Candidate]] = []
        anchor: Optional[Meeting] = None
        # explicit meetings first, in text order; then anaphoric; then partial ones merge in
        ordered = sorted(candidates, key=lambda c: c.start)
        pending: list[_Candidate] = []
        joins = {r.id for r in self.gaz.rules.triggers.meeting if r.joins}
        for cand in ordered:
            explicit = [p for p in cand.participants]
            # ('The meeting was attended by ...': the noun names the meeting the people join)
            if any(r in joins for r in cand.rules) and cand.participants:
                # 'X and Y also attended': they join the meeting told just before, if any
                target = next((m for m, c in reversed(meetings) if m.status == (cand.status or "held")), None)
                if target is not None:
                    self._join(target, cand)
                    continue
                # ('The summit was held by video on 27 May. The EU was represented by A and B.': that summit's)
                told = next((c for c in reversed(pending) if not c.participants and not c.partial and 0 <= cand.sentence - c.sentence <= 2), None)
                if told is not None:
                    pending.remove(told)
                    told.participants, told.rules = list(cand.participants), told.rules + cand.rules
                    cand = told
            # 'the four leaders' are those of the last meeting of four, not of the one first reported
            counted = next((m for m, _c in reversed(meetings) if len(m.participants) == cand.group_size), None) if cand.group_size else None
            if counted is not None and len(explicit) < 2:
                cand.participants = list(dict.fromkeys(counted.participants + explicit))
                cand.rules.append("group-anaphora")
            elif cand.anaphora == "heads-of-state" and anchor is not None:
                heads = self._heads_of_state(anchor)
                if len(heads) >= 2:
                    cand.participants = heads
                    explicit = heads
                    cand.rules.append("heads-of-state")
            elif len(explicit) < 2 and cand.anaphora and anchor is not None:
                merged = list(anchor.participants)
                for p in explicit:
                    if p not in merged:
                        merged.append(p)
                cand.participants = merged
                cand.rules.append("group-anaphora")
            if len(cand.participants) < 2 or cand.partial:
                pending.append(cand)
                continue
            meeting = self._place_candidate(meetings, cand)
            if anchor is None and meeting is not None and meeting.status == "held":
                anchor = meeting
        for cand in pending:
            target = self._compatible(meetings, cand, partial=True)
            if target is not None:
                self._merge_into(target, cand)
        self._headline_meeting(meetings)
        # a meeting that is neither reported nor placed nor dated says too little
        # the first meeting held near the document's date is the one it reports;
        # others it reports too when the text dates them within days of it
        reported = None
        also: list[Meeting] = []
        for meeting, cand in sorted(meetings, key=lambda mc: mc[1].start):
            if meeting.status != "held" or cand.past or cand.date_relative_past or not self._near_doc_date(meeting):
                continue
            if reported is None:
                reported = meeting
            elif meeting.start.is_full and self.day and abs((meeting.start.to_date() - self.day).days) <= 3:
                also.append(meeting)
        self._place_by_arrival(meetings)
        self._place_by_dateline(meetings, reported)
        final = []
        for meeting, cand in meetings:
            if meeting is reported or any(meeting is m for m in also):
                meeting.reported_in = [self.doc.id]
            else:
                # 'the meeting' with no place, date or named verb says too little to keep
                if meeting.place is None and meeting.start.is_empty and not (set(cand.rules) & _VERB_RULES):
                    continue
                meeting.mentioned_in = [self.doc.id]
            final.append(meeting)
        self._link_issues(final, reported, concept_hits)
        self.facts.meetings = final

    def _place_by_arrival(self, meetings: list[tuple[Meeting, _Candidate]]) -> None:
        """Place an unplaced meeting where a participant arrived before it was told ('Putin arrived in Kazan')."""
        for meeting, cand in meetings:
            if meeting.place is None and meeting.format in ("in-person", None) and meeting.status in ("held", "planned"):
                # 'Putin arrived in Kazan ...', then 'the President held meetings with ...': there
                arrived = [a for a in self._arrivals if a[0] <= cand.sentence and a[1] in meeting.participants]
                if arrived:
                    _s, _who, pid, span = arrived[-1]
                    self._use_place(pid)
                    meeting.place = pid
                    meeting.facts.append((self.doc.id, "location", pid, self.evidence(*span, "arrival", _s)))

    def _place_by_dateline(self, meetings: list[tuple[Meeting, _Candidate]], reported: Optional[Meeting]) -> None:
        """Place the reported meeting, if unplaced, in the dateline's city."""
        if reported is None or not self._dateline_city:
            return
        # 'TOKYO – X met Y': where the report was filed is where its meeting was, if the text names no other place;
        # a transcript's title ('Doorstop – London') is where all the day's meetings it tells of were
        pid, span = self._dateline_city
        day_of = [m for m, c in meetings if m.status == "held" and not (c.past or c.date_relative_past) and m.start == reported.start] if self._title_city else [reported]
        for meeting in day_of:
            if meeting.place is None and meeting.format == "in-person":
                self._use_place(pid)
                meeting.place = pid
                meeting.facts.append((self.doc.id, "location", pid, self.evidence(*span, "dateline")))

    def _headline_meeting(self, meetings: list) -> None:
        """A title that names one side ('Meeting with President of Turkey Recep Tayyip Erdogan') over a
        transcript or readout of the other ('Vladimir Putin: Mr President, ...') tells the document's meeting."""
        title = self.doc.title or ""
        if self._headlines or not title or self.gaz.first_match("meeting", title, ascii=self._ascii(title)) is None:
            return
        named = list(dict.fromkeys(h.targets[0] for h in self.gaz.names.find(plain(title)) if h.kind == "person" and len(h.targets) == 1))
        if len(named) != 1 or _SUBJECT_IN_TITLE.match(title) is None:
            return
        # the other side: the transcript's first speaker ('President of Russia Vladimir Putin:'), else the publisher's principal
        host = next((p.person for p in self.persons if self.ptext.startswith(":", p.end) and p.person != named[0]), None)
        host = host or self._principal("President", "head-of-state") or self._principal("Prime Minister", "head-of-government")
        if host is None or host == named[0]:
            return
        fmt = next((r.format for p, r in self.gaz.family("format", self._ascii(title)) if p.search(title)), None) or "in-person"
        cand = _Candidate(-1, 0, 0, ["headline"], format=fmt)
        cand.participants = [host, named[0]]
        if self.day is not None:
            cand.first = cand.last = PartialDate.of(self.day)
        target = self._compatible(meetings, cand, refer=True)
        ev = Evidence(self.doc.id, 0, 0, title, "meeting:headline")
        if target is None:
            target = Meeting(participants=list(cand.participants), start=cand.first, end=cand.last, format=fmt, status="held")
            meetings.append((target, cand))
            target.facts.append((self.doc.id, "status", "held", ev))
            target.facts.append((self.doc.id, "format", fmt, ev))
            if self.day is not None:
                target.facts.append((self.doc.id, "startDate", target.start.lexical()[0], ev))
                target.facts.append((self.doc.id, "endDate", target.end.lexical()[0], ev))
        for key in cand.participants:
            if key not in target.participants:
                target.participants.append(key)
            if not any(f[1] == "attendee" and f[2] == key for f in target.facts):
                target.facts.append((self.doc.id, "attendee", key, ev))

    def _join(self, meeting: Meeting, cand: _Candidate) -> None:
        """Add who else attended (and nothing else: 'joined the talks by video' tells of them, not the meeting)."""
        doc = self.doc.id
        self._told_in.setdefault(cand.sentence, set()).add(id(meeting))
        trig = self.evidence(cand.start, cand.end, "meeting:" + "+".join(dict.fromkeys(cand.rules)), cand.sentence)
        for key in cand.participants:
            if key not in meeting.participants:
                meeting.participants.append(key)
                meeting.facts.append((doc, "attendee", key, trig))

    def _status(self, near: str, a: int, b: int, asc: bool) -> Optional[str]:
        """The status the words around a trigger (at a:b in ``near``) give it.

        A postponed or cancelled plan is no longer planned ('postponed a trip planned for
        Feb. 5'); between those two, the cue nearest the trigger wins ('the summit has been
        cancelled after Biden postponed his visit').
        """
        best: Optional[tuple[int, int, str]] = None
        for pattern, rule in self.gaz.family("status", asc):
            for m in pattern.finditer(near):
                if rule.before and m.start() >= b:
                    continue
                rank = 0 if rule.status in ("postponed", "cancelled") else 1
                gap = max(a - m.end(), m.start() - b, 0) if rank == 0 else 0
                if best is None or (rank, gap) < best[:2]:
                    best = (rank, gap, rule.status)
        return best[2] if best else None

    def _topic_person(self, p: PersonMention, s: Sentence) -> bool:
        """A person the meeting talked about ('discussed Putin's war'), not one who attended."""
        after = self.ptext[p.end : p.end + 30]
        if re.match(r"['’]s\b", after) and not re.match(r"['’]s\s+(?:\w+\s+){0,2}(?:meeting|talks|trip|visit|call|discussions?|conversation|counterpart)\b", after, re.IGNORECASE):
            return True
        before = self.ptext[max(s.start, p.start - 45) : p.start]
        cue = list(_TOPIC_CUE.finditer(before))
        if cue and cue[-1].group(0).lower() in ("including", "such as"):
            # ('meetings with members of the administration including Secretary Rubio': more of those met)
            lead = self.ptext[s.start : p.start - len(before) + cue[-1].start()]
            met = [m.end() for m in re.finditer(r"\bwith\b", lead, re.IGNORECASE)]
            told = [m.end() for m in _TOPIC_CUE.finditer(lead)]
            if met and (not told or met[-1] > told[-1]):
                return False
        return bool(cue) and not _CLAUSE_BREAK.search(before[cue[-1].end() :]) and not re.search(r"\b(?:with|and|between|by|to)\s+(?:\w+\s+){0,6}$", before[cue[-1].end() :])

    def _is_dateline(self, d: DateMention) -> bool:
        """'NEW DELHI, March 3, 2023 —' and a date alone on its line date the document."""
        # ('MOSCOW, Oct 5 (Reuters) -': the agency's name may stand between)
        after = self.ptext[d.end : d.end + 40]
        line_start = self.ptext.rfind("\n", 0, d.start) + 1
        line_end = self.ptext.find("\n", d.end)
        line = self.ptext[line_start : line_end if line_end >= 0 else len(self.ptext)]
        return bool(re.match(r"\s*(?:\([^()\n]{1,30}\)\s*)?(?:-|–|—|--)\s", after)) or line.strip() == d.text.strip()

    def _near_doc_date(self, meeting: Meeting) -> bool:
        if self.day is None or meeting.start.is_empty:
            return True
        first = meeting.start.to_date()
        if first is None:
            return meeting.start.compatible(PartialDate.of(self.day)) or (meeting.start.year in (None, self.day.year) and meeting.start.month in (None, self.day.month, (self.day.month - 2) % 12 + 1))
        return -10 <= (self.day - first).days <= 10

    def _heads_of_state(self, anchor: Meeting) -> list[str]:
        """The leaders of the meeting's countries: a participant who leads a state or government, else its head of state."""
        out = []
        for key in anchor.participants:
            country = self.country_of(key)
            if not country:
                continue
            if self.role_kinds_on(key, self.day) & {"head-of-state", "head-of-government"}:
                if key not in out:
                    out.append(key)
                continue
            holders = self.gaz.holders("head-of-state", country, self.day) if self.day else []
            if len(holders) == 1 and holders[0] not in out:
                out.append(holders[0])
        return out

    def _compatible(self, meetings, cand: _Candidate, partial: bool = False, refer: bool = False) -> Optional[Meeting]:
        fits = []
        for meeting, first in meetings:
            if partial:
                if not set(cand.participants) <= set(meeting.participants):
                    continue
            elif refer:
                if not (set(cand.participants) >= set(meeting.participants) or set(cand.participants) <= set(meeting.participants)):
                    continue
            elif set(cand.participants) != set(meeting.participants) and not (first.sentence in self._headlines and set(meeting.participants) < set(cand.participants)):
                # (the headline's meeting is the body's, which may name more of who took part)
                continue
            if not place_ok(self.gaz, meeting.place, cand.place):
                continue
            if not (meeting.start.compatible(cand.first)):
                continue
            # 'Last year, ... where he met Xi in Beijing' is not the meeting told, undated, as today's
            if not partial and cand.date_relative_past != first.date_relative_past and (meeting.start.is_empty or cand.first.is_empty):
                continue
            # 'the day before' names another day than the undated meeting it is counted from
            if cand.day_shift and meeting.start.is_empty:
                continue
            # ('The leaders' discussions at the summit' after a summit held by video: a bare noun tells no format)
            bare_noun = set(cand.rules) <= {"meeting-noun", "group-anaphora"} and cand.place is None
            if meeting.format and cand.format and meeting.format != cand.format and not bare_noun:
                continue
            # a call has no place: it is not the meeting held somewhere
            if (cand.format in ("phone", "video") and meeting.place and not meeting.format) or (meeting.format in ("phone", "video") and cand.place):
                continue
            day = meeting.start.to_date()
            if cand.date_bounds and day and not (cand.date_bounds[0] <= day <= cand.date_bounds[1]):
                continue
            if (cand.status or "held") != meeting.status:
                # 'postponed his planned visit to Germany ... was to meet Steinmeier': a one-sided trigger (a trip) put off
                put_off = partial and cand.partial and meeting.status == "planned" and cand.status in ("postponed", "cancelled")
                if not put_off and (not partial or (cand.status or "held") not in ("held",)):
                    continue
            fits.append((meeting, first))
        if not fits:
            return None
        if refer:
            return fits[0][0] if len(fits) == 1 else None
        if partial and not cand.participants and len(fits) > 1 and (cand.place or not cand.first.is_empty):
            # a sentence naming nobody ('The foreign ministers met Sunday in Busan') is about the meeting told nearest it
            return min(fits, key=lambda mc: (abs(mc[1].sentence - cand.sentence), mc[1].start))[0]
        if not cand.place and cand.first.is_empty:
            # a bare 'the meeting' means the one the document reports
            held = [m for m, c in fits if m.status == "held" and not c.past and not c.date_relative_past]
            return held[0] if held else fits[0][0]
        if len(fits) > 1:
            exact = [m for m, c in fits if (cand.place and m.place == cand.place) or (cand.first.specificity and m.start.compatible(cand.first) and m.start.specificity)]
            if len(exact) == 1:
                return exact[0]
            if not exact and not (cand.past or cand.date_relative_past):
                # 'on Thursday', beside a meeting told as past ('less than a month after the two met in Beijing'): the current one
                current = [m for m, c in fits if not (c.past or c.date_relative_past) and m.status == (cand.status or "held")]
                if len(current) == 1:
                    return current[0]
            return fits[0][0] if partial else None
        return fits[0][0]

    def _place_candidate(self, meetings, cand: _Candidate) -> Optional[Meeting]:
        target = self._compatible(meetings, cand)
        if target is None and cand.rules[0] == "meeting-noun" and _DEFINITE_BEFORE.search(self.ptext, max(0, cand.start - 40), cand.start):
            # 'The summit, which was to bring together A, B, C and D': the summit told before, now with all its participants
            target = self._compatible(meetings, cand, refer=True)
        if target is None:
            meeting = Meeting(participants=list(dict.fromkeys(cand.participants)), status=cand.status or "held")
            meetings.append((meeting, cand))
            target = meeting
            self._merge_into(target, cand, new=True)
        else:
            self._merge_into(target, cand)
        return target

    def _merge_into(self, meeting: Meeting, cand: _Candidate, new: bool = False) -> None:
        doc = self.doc.id
        self._told_in.setdefault(cand.sentence, set()).add(id(meeting))
        trig = self.evidence(cand.start, cand.end, "meeting:" + "+".join(dict.fromkeys(cand.rules)), cand.sentence)
        # the sentence that says most about the meeting is the evidence of who attended
        score = bool(cand.date_span) + bool(cand.place) + (len(cand.participants) >= 2 and not cand.anaphora)
        best = self._evidence_score.get(id(meeting), -1)
        for key in cand.participants:
            if key not in meeting.participants:
                meeting.participants.append(key)
            if not any(f[1] == "attendee" and f[2] == key for f in meeting.facts):
                meeting.facts.append((doc, "attendee", key, trig))
        if score > best:
            self._evidence_score[id(meeting)] = score
            if best >= 0:
                meeting.facts = [(d, prop, value, trig if prop in ("attendee", "format", "status") and value in cand.participants + [meeting.format, meeting.status] else ev) for d, prop, value, ev in meeting.facts]
        if cand.first.specificity and meeting.start.compatible(cand.first) and cand.first.specificity >= meeting.start.specificity:
            if cand.first != meeting.start or not any(f[1] == "startDate" for f in meeting.facts):
                meeting.start = meeting.start.combine(cand.first)
                meeting.end = meeting.end.combine(cand.last) if meeting.end.compatible(cand.last) else cand.last
                ev = self.evidence(*cand.date_span, "date:" + trig.rule.split(":", 1)[1], cand.sentence)
                meeting.facts = [f for f in meeting.facts if f[1] not in ("startDate", "endDate")]
                meeting.facts.append((doc, "startDate", meeting.start.lexical()[0], ev))
                meeting.facts.append((doc, "endDate", meeting.end.lexical()[0], ev))
        # a place inside the one known refines it ('in Russia', then 'in the Kremlin')
        if cand.place and (not meeting.place or finer(self.gaz, cand.place, meeting.place)):
            meeting.facts = [f for f in meeting.facts if f[1] != "location"]
            self._use_place(cand.place)
            meeting.place = cand.place
            meeting.facts.append((doc, "location", cand.place, self.evidence(*cand.place_span, "place-in", cand.sentence)))
        if cand.context and not meeting.context:
            meeting.context = cand.context
            meeting.facts.append((doc, "context", cand.context, self.evidence(*cand.context_span, "context", cand.sentence)))
        if cand.duration and not meeting.duration:
            meeting.duration, meeting.duration_iso = cand.duration, cand.duration_iso
            meeting.facts.append((doc, "duration", cand.duration_iso, self.evidence(*cand.duration_span, "duration", cand.sentence)))
        if cand.format and not meeting.format:
            meeting.format = cand.format
            meeting.facts.append((doc, "format", cand.format, trig))
        if new:
            meeting.facts.append((doc, "status", meeting.status, trig))
        elif meeting.status == "planned" and cand.status in ("postponed", "cancelled"):
            meeting.status = cand.status
            meeting.facts = [f for f in meeting.facts if f[1] != "status"]
            meeting.facts.append((doc, "status", meeting.status, trig))

    # -- issues and stances -----------------------------------------------
    def _link_issues(self, meetings: list[Meeting], reported: Optional[Meeting], concept_hits: list[Hit]) -> None:
        gaz = self.gaz
        doc = self.doc.id
        if not meetings:
            return
        by_sentence: dict[int, list[Hit]] = {}
        for hit in concept_hits:
            by_sentence.setdefault(self.sentence_of(hit.start), []).append(hit)
        participants_of = {id(m): set(m.participants) for m in meetings}
        final = set(participants_of)
        subject_prev: Optional[str] = None
        persons_in = self._starting_in(self.persons)
        # in an official readout, sentences naming nobody after 'Wang Yi said that ...' go on with what he said
        official = self._publisher_org is not None and reported is not None
        speaking: Optional[Meeting] = None
        for sidx, s in enumerate(self.sentences):
            stext = self.ptext[s.start : s.end]
            people = persons_in.get(sidx, [])
            m_pron = _SUBJECT_PRONOUN.match(stext)
            pron_person = subject_prev if m_pron else None
            refs = {p.person for p in people}
            if pron_person:
                refs.add(pron_person)
            settings = self._context_at.get(sidx, ())
            hits = [h for h in by_sentence.get(sidx, []) if not any(ca <= h.start and h.end <= cb for ca, cb, _ in settings)]
            asc = self._ascii(stext)
            linked = False
            if hits and gaz.any_match("discussion", stext, ascii=asc):
                group = gaz.any_match("group_anaphora", stext, ascii=asc) or bool(_GROUP_SUBJECT.match(stext))
                talks = _TALKS_SUBJECT.search(stext)
                told = self._told_in.get(sidx, set()) & final
                target = None
                for meeting in meetings:
                    if meeting is reported:
                        continue
                    if (id(meeting) in told or any(f[0] == doc and f[3].start == s.start for f in meeting.facts)) and not (reported and refs & participants_of[id(reported)] and group):
                        target = meeting if participants_of[id(meeting)] & refs else None
                if target is None and group:
                    # 'they' are the sides of the one meeting the last sentence told of ('... where he met
                    # Netanyahu. They discussed ...'), unless that was an older one and the document reports another
                    before = self._told_in.get(sidx - 1, set()) & final
                    last = next(m for m in meetings if id(m) in before) if len(before) == 1 else None
                    if last is not None and (reported is None or last.reported_in):
                        target = last
                if target is None and reported is not None and (refs & participants_of[id(reported)] or group or talks):
                    target = reported
                if target is not None and not group and not m_pron and not self._said_by(s, people, target, asc):
                    target = None
                if target is not None:
                    for hit in hits:
                        for cid in hit.targets:
                            ev = self.evidence(hit.start, hit.end, "issue:" + cid, sidx)
                            if cid not in target.issues:
                                target.issues.append(cid)
                            target.facts.append((doc, "about", cid, ev))
                    self._stances(target, sidx, s, people, pron_person, hits)
                    linked = True
            if official:
                if people or m_pron:
                    said = refs & participants_of[id(reported)] and gaz.any_match("discussion", stext, ascii=asc) and self._said_by(s, people, reported, asc)
                    speaking = reported if said else None
                elif hits and speaking is not None and not linked and _SPEECH_GOES_ON.search(stext) and not gaz.any_match("speech", stext, ascii=asc):
                    # what a side should, must or will do is still its word; a fact told ('Hamas receives
                    # support') or somebody else's ('According to a report, ...') is not
                    for hit in hits:
                        for cid in hit.targets:
                            if cid not in speaking.issues:
                                speaking.issues.append(cid)
                            speaking.facts.append((doc, "about", cid, self.evidence(hit.start, hit.end, "issue:" + cid, sidx)))
            subj = [p for p in people if not p.speaker]
            if subj:
                subject_prev = subj[0].person
            elif not m_pron:
                subject_prev = subject_prev if not people else people[0].person

    def _said_by(self, s: Sentence, people: list[PersonMention], meeting: Meeting, asc: bool) -> bool:
        """Whether the sentence reports the discussion: a cue beyond 'said', or a participant saying it.

        ('Jean-Pierre said that the President would return after the G7' tells no topic of his call.)
        """
        said = None
        for pattern, rule in self.gaz.family("discussion", asc):
            m = pattern.search(self.ptext, s.start, s.end)
            if m is None:
                continue
            if rule.id != "said":
                return True
            said = m
        if said is None:
            return True
        return any(p.end <= said.start() and p.person in meeting.participants and not p.speaker for p in people)

    def _stances(self, meeting: Meeting, sidx: int, s: Sentence, people: list[PersonMention], pron_person: Optional[str], hits: list[Hit]) -> None:
        """Who raised, stressed or urged which issue: each verb takes the issues of its own clause."""
        participants = set(meeting.participants)
        verbs = []
        if not self.gaz.any_match("stance", self.ptext, s.start, s.end, ascii=self._ascii_text):
            return
        for pattern, rule in self.gaz.family("stance", self._ascii_text):
            for m in pattern.finditer(self.ptext, s.start, s.end):
                verbs.append((m.start(), m.end(), rule))
        verbs.sort(key=lambda v: (v[0], -(v[1] - v[0])))
        kept = []
        for v in verbs:
            if kept and v[0] < kept[-1][1]:
                continue
            kept.append(v)
        for i, (start, end, rule) in enumerate(kept):
            upto = kept[i + 1][0] if i + 1 < len(kept) else s.end
            since = kept[i - 1][1] if i else s.start
            if rule.id == "raised-by":
                agents = [p.person for p in people if p.start >= end and p.person in participants][:1]
                objects = [h for h in hits if since <= h.start and h.end <= start]
            else:
                before = [p for p in people if p.end <= start and p.person in participants and not p.speaker]
                agents = [before[-1].person] if before else ([pron_person] if pron_person in participants else [])
                objects = [h for h in hits if end <= h.start < upto]
            if not agents or not objects:
                continue
            for hit in objects:
                for cid in hit.targets:
                    if any(st.person == agents[0] and st.concept == cid and st.verb == rule.stance for st in meeting.stances):
                        continue
                    ev = self.evidence(start, hit.end, "stance:" + rule.id, sidx)
                    meeting.stances.append(Stance(agents[0], rule.stance or rule.id, cid, ev))

    # -- people nodes ---------------------------------------------------
    def _finish_people(self) -> None:
        for mention in self.persons:
            key = mention.person
            person = self.facts.people.get(key)
            if person is None:
                if key in self.gaz.people:
                    person = self.gaz.person_node(key)
                else:
                    base = self.new_people[key]
                    person = Person(key, base.name, base.country, list(self.text_roles.get(key, [])))
                self.facts.people[key] = person
            surface = " ".join(mention.surface.split())
            if mention.alias and surface != person.name and surface.casefold() not in {a.casefold() for a in person.aliases}:
                person.aliases.add(surface)
            ev = self.evidence(mention.start, mention.end, "person:" + mention.rule)
            self.facts.mentions.append(Mention("person", key, mention.surface, ev))
        for key, roles in self.text_roles.items():
            person = self.facts.people.get(key)
            if person is not None:
                for role in roles:
                    if role not in person.roles:
                        person.roles.append(role)
        for name in self.authors:
            key = slugify(name)
            self.facts.authors.append(key)
            if key not in self.facts.people:
                if key in self.gaz.people:
                    self.facts.people[key] = self.gaz.person_node(key)
                else:
                    self.facts.people[key] = Person(key, name, None, [Role("Author", "journalist")])
        # participants are people of this document too
        for meeting in self.facts.meetings:
            for key in meeting.participants:
                if key not in self.facts.people:
                    self.facts.people[key] = self.gaz.person_node(key) if key in self.gaz.people else Person(key, key)


def _folded(text: str) -> str:
    """Text compared as words alone: case, quotes and punctuation aside."""
    return " ".join(re.findall(r"\w+", plain(text).casefold()))


def _split_authors(author: Optional[str]) -> list[str]:
    if not author:
        return []
    parts = re.split(r"\s*(?:;|\band\b|&)\s*", author)
    return [p.strip() for p in parts if p.strip() and len(p.strip()) > 2]


def _stronger_format(a: Optional[str], b: Optional[str]) -> Optional[str]:
    """A call cue beats the in-person default of a meeting word."""
    for fmt in (a, b):
        if fmt in ("phone", "video"):
            return fmt
    return a or b


def _dedupe_spans(triggers):
    triggers = sorted(triggers, key=lambda t: (t[0], -(t[1] - t[0])))
    out = []
    for a, b, rule in triggers:
        if out and a < out[-1][1]:
            continue
        out.append((a, b, rule))
    return out


def extract(doc: Document, rules: RuleSet) -> DocFacts:
    """Extract every fact one document states.

    Args:
        doc: the document, with its resolved date.
        rules: the validated rule set.
    """
    return _DocExtractor(doc, gazetteer_for(rules)).run()
