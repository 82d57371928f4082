"""Saved web pages as input: the main text without the site's furniture, and the page's own metadata."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
import kg.ruleset
from kg.cli import main
from kg.documents import read_document

PAGES = Path(__file__).parent / "data" / "webpages"


@pytest.fixture(autouse=True)
def fast_rules(monkeypatch, rules):
    """The CLI loads the built-in rules on every run: hand it the session's copy."""
    real = kg.ruleset.load_rules
    monkeypatch.setattr(kg.ruleset, "load_rules", lambda *dirs, builtin=True: rules if not dirs and builtin else real(*dirs, builtin=builtin))


@pytest.mark.parametrize(
    "page, title, publisher, published, url, kept, dropped",
    [
        (
            "ministry-readout.html",
            "Secretary Blinken's Call with Indian External Affairs Minister Jaishankar",
            "U.S. Department of State",
            dt.date(2023, 9, 20),
            "https://www.state.example/secretary-blinkens-call-with-jaishankar",
            "spoke by phone today with Indian External Affairs Minister Subrahmanyam Jaishankar",
            ["Related Articles", "Wang Yi", "March 2, 2023", "Share this page", "Privacy Policy", "Policy Issues", "Subscribe"],
        ),
        (
            "news-article.html",
            "Blinken and Wang Yi meet in Jakarta as ties thaw",
            "Example Daily News",
            dt.date(2023, 7, 13),
            "https://news.example.com/world/asia/blinken-wang-yi-jakarta",
            "Blinken raised concerns about the flow of fentanyl precursors",
            ["cookies", "Photograph", "arrives in Jakarta on Wednesday", "Sign up", "Yellen", "30 June 2023", "Share on", "All rights reserved"],
        ),
        (
            "wire-aggregator.htm",
            "Lavrov, Wang Yi hold talks in Moscow",
            "Example News Aggregator",
            dt.date(2023, 9, 18),
            "https://aggregator.example.com/news/lavrov-wang-yi-hold-talks-moscow-123456.html",
            "held talks with Chinese Foreign Minister Wang Yi in Moscow on Monday",
            ["Trending Now", "Stocks slip", "Advertisement", "Sign in", "delayed at least 15 minutes"],
        ),
    ],
)
def test_a_saved_page_gives_its_main_text_and_metadata(page, title, publisher, published, url, kept, dropped):
    doc = read_document(PAGES / page)
    assert doc.id == Path(page).stem
    assert (doc.title, doc.publisher, doc.published, doc.url) == (title, publisher, published, url)
    assert kept in doc.text
    for furniture in dropped:
        assert furniture not in doc.text, furniture
    assert doc.date == published  # relative dates ("on Monday") resolve against the page's date


def test_pages_build_into_meetings_beside_text_documents(tmp_path):
    for page in ("ministry-readout.html", "news-article.html", "wire-aggregator.htm"):
        shutil.copy(PAGES / page, tmp_path)
    (tmp_path / "plain.txt").write_text("Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Washington on October 26, 2023.\n")
    g = kg.from_documents(tmp_path)
    found = {(m.start, m.place, tuple(sorted(m.participants))) for m in g.meetings()}
    assert ("2023-07-13", "Jakarta", ("Antony Blinken", "Wang Yi")) in found
    assert ("2023-09-18", "Moscow", ("Sergey Lavrov", "Wang Yi")) in found
    assert ("2023-10-26", "Washington", ("Antony Blinken", "Wang Yi")) in found
    jakarta = g.meetings(between=("Antony Blinken", "Wang Yi"), since="2023-07", until="2023-07")[0]
    assert [(s.id, s.title, s.publisher, s.published) for s in jakarta.sources] == [
        ("news-article", "Blinken and Wang Yi meet in Jakarta as ties thaw", "Example Daily News", "2023-07-13")
    ]


def test_the_sidecar_wins_over_the_page(tmp_path):
    shutil.copy(PAGES / "wire-aggregator.htm", tmp_path)
    (tmp_path / "wire-aggregator.meta.json").write_text(json.dumps({"publisher": "Example Wire", "kind": "news report"}))
    doc = read_document(tmp_path / "wire-aggregator.htm")
    assert (doc.publisher, doc.kind, doc.title) == ("Example Wire", "news report", "Lavrov, Wang Yi hold talks in Moscow")
    assert doc.warnings == []


def test_a_page_without_main_text_is_refused_on_one_line_and_spoils_nothing(tmp_path):
    shutil.copy(PAGES / "no-text.html", tmp_path)
    shutil.copy(PAGES / "news-article.html", tmp_path)
    (tmp_path / "blank.htm").write_bytes(b"  \n")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--no-html", "--quiet"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ") and "problem" not in line]
    assert errors == [
        f"error: {tmp_path / 'blank.htm'}: empty file; skipped",
        f"error: {tmp_path / 'no-text.html'}: empty file (no main text on the page); skipped",
    ]
    assert "1 document read, 2 skipped" in result.stdout
