"""The extraction cache (--cache): reused when nothing changed, never a way to run code."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

TEXT = "Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Washington on 26 October 2023.\n"


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_KEY", str(tmp_path / "config" / "cache.key"))


class _Payload:
    """What an attacker who can write the cache folder leaves there: unpickling it writes a file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def build(folder: Path, out: Path, cache: Path):
    return CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--cache", str(cache), "--no-html", "-q"])


def test_a_rebuild_takes_every_document_from_the_cache(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    first = build(folder, tmp_path / "out", tmp_path / "cache")
    second = build(folder, tmp_path / "out2", tmp_path / "cache")
    assert first.exit_code == second.exit_code == 0
    assert second.output.strip().endswith("1 from cache")
    assert (tmp_path / "out" / "graph.nq").read_bytes() == (tmp_path / "out2" / "graph.nq").read_bytes()


def test_a_planted_cache_file_runs_no_code(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    cache = tmp_path / "cache"
    assert build(folder, tmp_path / "out", cache).exit_code == 0
    marker = tmp_path / "pwned"
    entries = [p for p in cache.iterdir() if p.is_file()]
    assert entries
    for entry in entries:  # whatever the format, the attacker overwrites every entry
        entry.write_bytes(pickle.dumps(_Payload(marker)))
    result = build(folder, tmp_path / "out2", cache)
    assert result.exit_code == 0, result.output
    assert not marker.exists(), "the cache ran code"
    assert result.output.strip().endswith("0 from cache")
    assert "antony-blinken" in (tmp_path / "out2" / "graph.nq").read_text(encoding="utf-8")


def test_an_entry_signed_with_another_key_is_not_read(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    cache = tmp_path / "cache"
    assert build(folder, tmp_path / "out", cache).exit_code == 0
    monkeypatch.setenv("KG_CACHE_KEY", str(tmp_path / "other" / "cache.key"))
    from kg import cache as kg_cache

    kg_cache._key.cache_clear()
    assert build(folder, tmp_path / "out2", cache).output.strip().endswith("0 from cache")
