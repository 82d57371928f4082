"""Date expressions as readouts write them, resolved against the document's date."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.dates import find_dates
from kg.extract import extract
from kg.ruleset import load_rules

from .test_extraction import doc, meeting_of

#: a Wednesday
REF = dt.date(2024, 3, 20)


def resolved(text: str, ref: dt.date = REF) -> list[tuple[str, str, str]]:
    return [(d.text, d.first.lexical()[0], d.last.lexical()[0]) for d in find_dates(text, ref)]


@pytest.mark.parametrize(
    "text, want",
    [
        # the date names the day; the weekday before it repeats it (and must not move it to last Friday)
        ("on Friday, 16 February", [("on Friday, 16 February", "2024-02-16", "2024-02-16")]),
        ("Tuesday 5 March 2024", [("Tuesday 5 March 2024", "2024-03-05", "2024-03-05")]),
        ("on Friday, February 16", [("on Friday, February 16", "2024-02-16", "2024-02-16")]),
        ("on Monday, the 4th of March", [("on Monday, the 4th of March", "2024-03-04", "2024-03-04")]),
        # a weekday elsewhere in the sentence is its own date
        ("on Tuesday, and on 5 March", [("on Tuesday", "2024-03-19", "2024-03-19"), ("5 March", "2024-03-05", "2024-03-05")]),
    ],
)
def test_a_weekday_before_a_date_is_part_of_it(text, want):
    assert resolved(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("on the 3rd of June", [("3rd of June", "2024-06-03", "2024-06-03")]),
        ("on the 12th and 13th of December", [("12th and 13th of December", "2023-12-12", "2023-12-13")]),
        ("the 2nd of the month", []),
    ],
)
def test_the_nth_of_a_month(text, want):
    assert resolved(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("three days ago", [("three days ago", "2024-03-17", "2024-03-17")]),
        ("10 days ago", [("10 days ago", "2024-03-10", "2024-03-10")]),
        ("Over the past two days, they met", [("Over the past two days", "2024-03-19", "2024-03-20")]),  # the document's day the last
        ("during the last 3 days", [("during the last 3 days", "2024-03-18", "2024-03-20")]),
        ("in the past two days", []),  # (a time within which, not a span of days)
        # a week back is a week, told by its month only when the whole week is in one
        ("a week ago", [("a week ago", "2024-03", "2024-03")]),
        ("three weeks ago", [("three weeks ago", "2024", "2024")]),  # 26 February to 3 March: the year only
        ("the day after tomorrow", [("the day after tomorrow", "2024-03-22", "2024-03-22")]),
        ("The day before yesterday", [("The day before yesterday", "2024-03-18", "2024-03-18")]),
        ("30 years ago", []),
    ],
)
def test_days_counted_from_the_document(text, want):
    assert resolved(text) == want


def test_counted_days_need_the_document_date():
    assert [d.first.is_empty for d in find_dates("three days ago", None)] == [True]


@pytest.mark.parametrize(
    "text, start, reported",
    [
        ("Foreign Secretary David Cameron met Foreign Minister Wang Yi in Munich on Friday, 16 February.", "2024-02-16", False),
        ("On Wednesday, 20 March, Foreign Secretary David Cameron met Foreign Minister Wang Yi in London.", "2024-03-20", True),
        ("Three days ago, Foreign Secretary David Cameron met Foreign Minister Wang Yi in London.", "2024-03-17", False),
    ],
)
def test_meeting_dates(text, start, reported):
    facts = extract(doc(text, REF.isoformat()), load_rules())
    meeting = meeting_of(facts, "David Cameron", "Wang Yi")
    assert (meeting.start.lexical()[0], bool(meeting.reported_in)) == (start, reported)


@pytest.mark.parametrize(
    "text, start",
    [
        # 'met' is past: a month or day after the document's, with no year, is last year's
        ("Secretary Antony Blinken met Foreign Minister Qin Gang in Beijing in June.", "2023-06"),
        ("Secretary Antony Blinken met Foreign Minister Qin Gang in Beijing on June 18.", "2023-06-18"),
        ("Secretary Antony Blinken met Foreign Minister Qin Gang in Beijing in June 2023.", "2023-06"),
        # a plan stays ahead
        ("Secretary Antony Blinken will meet Foreign Minister Wang Yi in Beijing in June.", "2024-06"),
    ],
)
def test_a_later_month_is_last_year_for_what_was_met(text, start):
    facts = extract(doc(text, REF.isoformat()), load_rules())
    (meeting,) = facts.meetings
    assert meeting.start.lexical()[0] == start


# -- 29 February in a year without one (issue 15, item 8) ------------------------------


def test_a_constructed_29_february_in_a_common_year_loses_its_year_not_the_build():
    from kg.model import PartialDate

    moved = PartialDate(2023, 2, 29)
    assert (moved.year, moved.month, moved.day) == (None, 2, 29)
    assert moved.to_date() is None
    assert PartialDate(2024, 2, 29).to_date() == dt.date(2024, 2, 29)


def test_february_29_in_a_document_of_2023_is_extracted_without_a_crash(rules):
    from kg.extract import extract
    from kg.model import Document

    text = "Antony Blinken met Wang Yi in Beijing on February 29."
    doc = Document(id="leap", text=text, published=dt.date(2023, 3, 5), date=dt.date(2023, 3, 5), date_source="published")
    facts = extract(doc, rules)
    assert [m.start.to_date() for m in facts.meetings] == [None]


def test_parts_of_a_day_and_last_night():
    import datetime as _dt

    from kg.dates import find_dates as _find

    ref = _dt.date(2024, 5, 3)
    got = {d.text: d.first.lexical()[0] for d in _find("They met in Nairobi today morning; the leaders spoke last night; and yesterday evening.", ref)}
    assert got == {"today morning": "2024-05-03", "last night": "2024-05-02", "yesterday evening": "2024-05-02"}


@pytest.mark.parametrize(
    "text, want",
    [
        # a bracketed date after a weekday or 'yesterday' names the day, and the pair is one mention
        ("talks are set for Friday (Mar 22) in Accra", [("Friday (Mar 22)", "2024-03-22", "2024-03-22")]),
        ("met yesterday (19 March 2024), before", [("yesterday (19 March 2024)", "2024-03-19", "2024-03-19")]),
        # the day of the month alone in brackets, as Latin American news writes it
        ("met this Monday (18) with", [("this Monday (18)", "2024-03-18", "2024-03-18")]),
        # a bracketed day that is not that weekday's leaves the weekday alone
        ("met on Monday (12) with", [("on Monday", "2024-03-18", "2024-03-18")]),
    ],
)
def test_a_bracketed_date_after_a_weekday_names_its_day(text, want):
    assert [(t.strip(), a, b) for t, a, b in resolved(text)] == want
