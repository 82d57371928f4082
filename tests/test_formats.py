"""kg export: each format read back by the tool its users open it with."""

from __future__ import annotations

import csv
import json

import jsonschema
import networkx as nx
import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.formats import COLUMNS, PLOVER_SCHEMA

WASHINGTON = "meeting:2023-10-26-washington-us-antony-blinken-wang-yi"


def export(seed_export, *args):
    result = CliRunner().invoke(main, ["export", *args, "--data", str(seed_export)])
    assert result.exit_code == 0, result.output
    return result


def test_csv_meetings_open_as_a_spreadsheet_table(seed_export, tmp_path):
    out = tmp_path / "meetings.csv"
    result = export(seed_export, "csv", "--out", str(out))
    assert result.stderr == f"wrote {out} (8 rows)\n"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM tells spreadsheets it is UTF-8
    with open(out, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == COLUMNS["meetings"]
    assert len(rows) == len(kg.load(seed_export).meetings())
    row = next(r for r in rows if r["id"] == WASHINGTON)
    assert (row["start"], row["end"], row["place"], row["country"], row["format"], row["status"]) == ("2023-10-26", "2023-10-27", "Washington", "United States", "in-person", "held")
    assert row["participants"] == "Antony Blinken; Wang Yi"
    assert "Wang Yi: " in row["participant_roles"] and "Foreign Minister" in row["participant_roles"]
    assert "Fentanyl and synthetic drugs" in row["issues"].split("; ")
    assert row["sources"] == "000_04027ffb18fe93be; 001_ef7c4c50acd32147; 002_65261d9b818623f9"
    for r in rows:
        assert all("\n" not in v and "\r" not in v for v in r.values())


def test_csv_people_and_attendance_tables(seed_export):
    people = list(csv.DictReader(export(seed_export, "csv", "--table", "people").stdout_bytes.decode("utf-8-sig").splitlines()))
    blinken = next(p for p in people if p["id"] == "person:antony-blinken")
    assert blinken["country"] == "United States" and "Secretary of State (from 2021-01-26" in blinken["roles"] and int(blinken["meetings"]) >= 3
    attendance = list(csv.DictReader(export(seed_export, "csv", "--table", "attendance").stdout_bytes.decode("utf-8-sig").splitlines()))
    here = {(a["person"], a["roles"]) for a in attendance if a["meeting_id"] == WASHINGTON}
    assert ("Antony Blinken", "Secretary of State") in here
    assert sum(len(m.participants) for m in kg.load(seed_export).meetings()) == len(attendance)


def test_jsonl_has_one_flat_record_per_meeting_with_the_csv_fields(seed_export):
    lines = export(seed_export, "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert [tuple(r) for r in records] == [COLUMNS["meetings"]] * len(kg.load(seed_export).meetings())
    washington = next(r for r in records if r["id"] == WASHINGTON)
    assert washington["participants"] == ["Antony Blinken", "Wang Yi"]
    assert all(not isinstance(v, dict) for r in records for v in r.values())


def test_the_networkx_view_itself_is_writable_by_networkx(seed_export, tmp_path):
    view = kg.load(seed_export).nx
    nx.write_graphml(view, tmp_path / "direct.graphml")
    nx.write_gexf(view, tmp_path / "direct.gexf")
    assert all(v is not None for _, attrs in view.nodes(data=True) for v in attrs.values())


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_with_networkx(seed_export, tmp_path, fmt, read):
    out = tmp_path / f"kg.{fmt}"
    export(seed_export, fmt, "--out", str(out))
    back = read(out)
    view = kg.load(seed_export).nx
    assert back.number_of_nodes() == view.number_of_nodes() and back.number_of_edges() == view.number_of_edges()
    assert back.nodes["person:wang-yi"]["label"] == "Wang Yi" and back.nodes["person:wang-yi"]["type"] == "person"
    meeting = back.nodes[WASHINGTON]
    assert meeting["place"] == "place:washington-us"
    edge = back.get_edge_data("person:antony-blinken", WASHINGTON)
    assert any("Blinken" in e.get("evidence", "") for e in edge.values())
    again = tmp_path / f"again.{fmt}"
    export(seed_export, fmt, "--out", str(again))
    assert again.read_bytes() == out.read_bytes()  # deterministic


def test_gexf_gives_gephi_a_time_span_for_partial_dates(seed_export):
    text = export(seed_export, "gexf").stdout
    back = nx.read_gexf(__import__("io").BytesIO(text.encode()))
    bali = back.nodes["meeting:2022-11-bali-joe-biden-xi-jinping"]
    assert (bali["start"], bali["end"], bali["when"]) == ("2022-11-01", "2022-11-30", "2022-11")
    assert "lastmodifieddate" not in text


def test_plover_records_follow_the_schema(seed_export):
    result = export(seed_export, "plover")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    for record in records:
        jsonschema.validate(record, PLOVER_SCHEMA)
    washington = next(r for r in records if r["link"] == WASHINGTON)
    assert (washington["date"], washington["enddate"], washington["event"], washington["mode"]) == ("2023-10-26", "2023-10-27", ["CONSULT"], ["visit"])
    assert {(a["actor_text"], a["code"]) for a in washington["source"]} == {("Antony Blinken", "USA"), ("Wang Yi", "CHN")}
    assert washington["event_loc"] == {"name": "Washington", "country code": "US", "cc3": "USA"}
    assert washington["cite_info"]["citation"] == "000_04027ffb18fe93be"
    assert "Wang Yi in Washington October 26-27" in washington["event_text"][0]
    jakarta = next(r for r in records if r["link"] == "meeting:2023-07-13-jakarta-id-antony-blinken-wang-yi")
    assert jakarta["mode"] == ["multilateral"]  # on the sidelines of an ASEAN meeting


def test_a_missing_export_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["export", "csv", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
