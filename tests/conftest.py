"""Shared fixtures: the seed corpus built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def rules():
    """The built-in rule set, loaded once."""
    from kg.ruleset import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, rules):
    """The seeds built once (RDF only) into a temporary folder: a BuildResult."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seed-export")
    return build(SEEDS, out, rules=rules, html=False)


@pytest.fixture(scope="session")
def seed_export(seed_build) -> Path:
    """The folder holding the seeds' RDF exports."""
    return seed_build.written[0].parent


@pytest.fixture
def corpus(tmp_path):
    """A writer of small corpora: corpus({'a': 'text', ...}, meta={'a': {...}}) -> folder."""

    def make(docs: dict[str, str], meta: dict[str, dict] | None = None) -> Path:
        import json

        folder = tmp_path / "docs"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for stem, text in docs.items():
            (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        for stem, data in (meta or {}).items():
            (folder / f"{stem}.meta.json").write_text(json.dumps(data), encoding="utf-8")
        return folder

    return make
