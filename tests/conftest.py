"""Shared fixtures: the seed corpus built once per test session; the Hypothesis profiles.

Property tests run derandomized by default (profile ``ci``): the same
examples on every machine and every run, so ``python -m pytest`` passes or
fails the same way everywhere. ``KG_HYPOTHESIS=long`` chooses the long random
runs instead (fresh examples each run, many more of them); a failure they
find becomes an explicit example or test (see tests/test_fuzz.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
#: the README's test command: a fixed seed per test, and no example database (a
#: failure saved on one machine would make its next run differ from another's)
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True, suppress_health_check=_SLOW)
#: the long random runs: new examples each time, failures kept in .hypothesis/ for replay
settings.register_profile("long", derandomize=False, deadline=None, print_blob=True, max_examples=2000, suppress_health_check=_SLOW)
PROFILE = os.environ.get("KG_HYPOTHESIS", "ci")
if PROFILE not in ("ci", "long"):
    raise pytest.UsageError(f"KG_HYPOTHESIS={PROFILE}: use ci (the default, derandomized) or long")
settings.load_profile(PROFILE)


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
