"""Rule files: a bad one is refused with every problem named by file, entry and key."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import RuleError
from kg.ruleset import load_rules


def write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_builtin_rules_load(rules):
    assert len(rules.people) > 100
    assert rules.organizations and rules.concepts and rules.triggers.meeting


def test_unknown_key_names_file_entry_key_and_fix(tmp_path):
    folder = write(tmp_path / "rules", "people.yaml", "people:\n  - name: Ada Lovelace\n    country: GB\n    rolez: []\n")
    with pytest.raises(RuleError) as info:
        load_rules(folder, builtin=False)
    assert info.value.problems == [
        f"{folder / 'people.yaml'}: people[0] (Ada Lovelace): rolez: unknown key; remove it or check its spelling "
        "(allowed: id, name, aliases, short, family_name_first, country, gender, roles)"
    ]


def test_every_problem_is_reported_at_once(tmp_path):
    folder = tmp_path / "rules"
    write(folder, "people.yaml", (
        "people:\n"
        "  - name: Ada Lovelace\n    roles:\n      - {title: Countess, from: 2020-05-01, to: 2019-01-01}\n"
        "  - name: Ada Lovelace\n"
        "  - name: Charles Babbage\n    aliases: [Ada Lovelace]\n    country: XX\n"
        "  - name: Grace Hopper\n    roles:\n      - {title: Admiral, org: us-navy}\n"
    ))
    write(folder, "issues.yaml", "concepts:\n  - {id: a, label: Alpha, broader: [missing]}\n")
    write(folder, "triggers.yaml", "meeting:\n  - {id: bad, pattern: 'met (with'}\n")
    with pytest.raises(RuleError) as info:
        load_rules(folder, builtin=False)
    text = "\n".join(info.value.problems)
    people = folder / "people.yaml"
    assert f"{people}: people[0] (Ada Lovelace): roles[0].to: 2019-01-01 is before 'from' 2020-05-01; swap them" in text
    assert f"{people}: people[1] (Ada Lovelace): id: duplicate id 'ada-lovelace' (also people[0])" in text
    assert f"{people}: people[2] (Charles Babbage): aliases[0]: 'Ada Lovelace' is also a name or alias of 'ada-lovelace'" in text
    assert "country: 'XX' is not an ISO 3166-1 alpha-2 code" in text
    assert f"{people}: people[3] (Grace Hopper): roles[0].org: unknown organization id 'us-navy'; add it to organizations.yaml" in text
    assert f"{folder / 'issues.yaml'}: concepts[0] (Alpha): broader[0]: unknown concept id 'missing'" in text
    assert re.search(r"triggers\.yaml: meeting\[0\] \(bad\): pattern: .*not a valid regular expression", text)
    assert len(info.value.problems) >= 7


def test_broken_yaml_names_line_and_column(tmp_path):
    folder = write(tmp_path / "rules", "places.yaml", "places:\n  - id: x\n    name: [unclosed\n")
    with pytest.raises(RuleError) as info:
        load_rules(folder, builtin=False)
    assert re.match(rf"{re.escape(str(folder / 'places.yaml'))}: line \d+, column \d+: YAML syntax error: ", info.value.problems[0])


def test_unknown_rule_file_is_refused(tmp_path):
    folder = write(tmp_path / "rules", "peoples.yaml", "people: []\n")
    with pytest.raises(RuleError) as info:
        load_rules(folder, builtin=False)
    assert "unknown rule file; expected one of people.yaml" in info.value.problems[0]


def test_extra_rules_extend_the_builtin_ones(tmp_path, corpus):
    folder = write(tmp_path / "rules", "people.yaml", (
        "people:\n  - name: Aino Virtanen\n    country: FI\n    roles:\n"
        "      - {title: Minister for Foreign Trade, kind: trade-minister, from: 2023-01-01}\n"
    ))
    rules = load_rules(folder)
    docs = corpus({"a": "Aino Virtanen met Secretary Blinken in Helsinki on Monday."}, {"a": {"published": "2023-06-14"}})
    from kg.build import build_graph

    graph, _, _ = build_graph(docs, rules)
    assert any(set(m.participants) == {"aino-virtanen", "antony-blinken"} for m in graph.meetings.values())


def test_cli_reports_bad_rules_in_one_error(tmp_path):
    folder = write(tmp_path / "rules", "people.yaml", "people:\n  - name: Ada Lovelace\n    rolez: []\n")
    result = CliRunner().invoke(main, ["build", "seeds", "--out", str(tmp_path / "out"), "--rules", str(folder)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: 1 problem in rule files:\n")
    assert f"{folder / 'people.yaml'}: people[0] (Ada Lovelace): rolez: unknown key" in result.output
    assert not (tmp_path / "out").exists()


def test_broken_yaml_does_not_hide_the_other_files_problems(tmp_path):
    """One file that does not parse, and problems in two others: every one is reported, at once."""
    folder = tmp_path / "rules"
    write(folder, "places.yaml", "places:\n  - id: x\n    name: [unclosed\n")
    write(folder, "organizations.yaml", "organizations:\n  - {id: acme, name: Acme}\n  - {id: acme, name: Acme Two}\n")
    write(folder, "people.yaml", "people:\n  - name: Ada Lovelace\n    roles:\n      - {title: Countess, from: 2020-05-01, to: 2019-01-01, colour: red}\n")
    result = CliRunner().invoke(main, ["build", "seeds", "--out", str(tmp_path / "out"), "--rules", str(folder)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: 3 problems in rule files:\n")
    assert re.search(rf"{re.escape(str(folder / 'places.yaml'))}: line 4, column 1: YAML syntax error: ", result.output)
    assert f"{folder / 'organizations.yaml'}: organizations[1] (Acme Two): id: duplicate id 'acme' (also organizations[0])" in result.output
    assert f"{folder / 'people.yaml'}: people[0] (Ada Lovelace): roles[0].colour: unknown key; remove it or check its spelling (allowed: title, kind, org, from, to)" in result.output
    assert not (tmp_path / "out").exists()


# -- a user's pattern cannot hang the build (issue 15, item 5) -----------------------------


def test_a_catastrophic_user_pattern_does_not_hang_the_build(tmp_path):
    """'(a+)+$' backtracks 2^n steps in Python's re on n a's and a b; RE2 is linear."""
    import subprocess
    import sys

    from .conftest import ROOT

    rules = write(tmp_path / "rules", "triggers.yaml", 'meeting:\n  - {id: evil, pattern: "(a+)+$", format: in-person}\n')
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Antony Blinken met Wang Yi. " + "a" * 64 + "b\n", encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kg", "build", str(docs), "-o", str(tmp_path / "out"), "--no-html", "--rules", str(rules), "-j", "2"],
            cwd=ROOT, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the build hung on a user's pattern")
    assert done.returncode == 0, done.stderr
    assert "1 document read, 0 skipped" in done.stdout


def test_a_user_pattern_re2_cannot_run_is_named_with_its_file_and_entry(tmp_path):
    folder = write(tmp_path / "rules", "triggers.yaml", 'meeting:\n  - {id: ok, pattern: "\\\\bconferred with\\\\b"}\n  - {id: behind, pattern: "(?<=x)met"}\n')
    with pytest.raises(RuleError) as err:
        load_rules(folder)
    assert err.value.problems == [
        f"{folder / 'triggers.yaml'}: meeting[1] (behind): pattern: not supported by the linear-time engine (RE2) that runs --rules patterns: "
        "invalid perl operator: (?<=; drop look-around (?= (?! (?<= and back-references"
    ]


def test_a_user_pattern_finds_meetings_case_insensitively(tmp_path, corpus):
    folder = write(tmp_path / "rules", "triggers.yaml", 'meeting:\n  - {id: conferred, pattern: "\\\\bconferred with\\\\b", format: in-person}\n')
    docs = corpus({"a": "Antony Blinken CONFERRED WITH Wang Yi in Beijing."}, {"a": {"published": "2023-06-14"}})
    from kg.build import build_graph

    graph, _, _ = build_graph(docs, load_rules(folder), workers=2)
    assert any(set(m.participants) == {"antony-blinken", "wang-yi"} for m in graph.meetings.values())


def test_an_organizations_leaders_name_known_offices(tmp_path):
    folder = write(tmp_path / "rules", "organizations.yaml", (
        "organizations:\n"
        "  - {id: union, name: Northern Union, leaders: [{org: union-council, title: President}]}\n"
    ))
    with pytest.raises(RuleError) as info:
        load_rules(folder, builtin=False)
    assert info.value.problems == [
        f"{folder / 'organizations.yaml'}: organizations[0] (Northern Union): leaders[0].org: unknown organization id 'union-council'; add it to organizations.yaml"
    ]
