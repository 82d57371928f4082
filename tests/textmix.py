"""Documents mixed from the seeds' real sentences, with titles, names and dates sprinkled in.

Used by the fuzz tests (tests/test_fuzz.py, scripts/fuzz.py) and to generate
corpora for the determinism test. Everything is driven by ``random.Random``
with a fixed seed, so a seed always gives the same texts.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

DATES = [
    "October 26", "October 26-27", "26 October", "26-27 October 2023", "Oct. 26, 2023", "2023-10-30",
    "on Thursday", "last week", "last November", "today", "yesterday", "next month", "in 2024",
    "on March 3", "February 29", "February 30", "December 31, 1999", "31/12/2023", "the 5th",
]
HOSTILE = [
    '"', "'", "“", "”", "<", ">", "<script>alert(1)</script>", "\\", "\\n", "&amp;", "#", "%20", "\t",
    "\u00a0", "\u200b", "\u2028", "\u202e", "שלום", "مرحبا", "😀", "👩🏽‍⚖️", "…", "—", "-", ".", "..", "(", ")",
    "[", "]", "Mr.", "Dr.", "U.S.", "St.", ":", ";", ",", "\n", "\n\n", "\r", "  ",
]
SEPARATORS = [" ", " ", "\n", "\n\n", " — ", "; "]


@lru_cache(maxsize=1)
def seed_sentences() -> tuple[str, ...]:
    """Every sentence of the seed documents, as text."""
    from kg.documents import read_document
    from kg.extract import split_sentences

    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        doc = read_document(path)
        out.extend(doc.text[s.start : s.end] for s in split_sentences(doc.text))
    return tuple(out)


@lru_cache(maxsize=1)
def sprinkles() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Title cues, and full names and surnames of known officials, from the built-in rules."""
    from kg.ruleset import load_rules

    rules = load_rules()
    titles = tuple(sorted({t.title for t in rules.triggers.titles}))
    names = set()
    for person in rules.people[:400]:
        names.add(person.name)
        names.update(person.short_names)
    return titles, tuple(sorted(names))


def mixed_text(rng: random.Random, sentences: int = 8, sprinkle: int = 4, hostile: int = 1) -> str:
    """Real sentences in a random order, with titles, names, dates and odd characters put in."""
    pool = seed_sentences()
    titles, names = sprinkles()
    parts = [rng.choice(pool) for _ in range(sentences)]
    for _ in range(sprinkle):
        kind = rng.random()
        if kind < 0.35:
            piece = f"{rng.choice(titles)} {rng.choice(names)}"
        elif kind < 0.6:
            piece = rng.choice(names)
        elif kind < 0.8:
            piece = rng.choice(DATES)
        else:
            piece = f"{rng.choice(names)} met {rng.choice(titles)} {rng.choice(names)} {rng.choice(DATES)}."
        _insert(rng, parts, piece)
    for _ in range(hostile):
        _insert(rng, parts, rng.choice(HOSTILE))
    text = ""
    for part in parts:
        text += part + rng.choice(SEPARATORS)
    return text


def _insert(rng: random.Random, parts: list[str], piece: str) -> None:
    i = rng.randrange(len(parts) + 1)
    if i < len(parts) and parts[i] and rng.random() < 0.5:
        words = parts[i].split(" ")
        j = rng.randrange(len(words) + 1)
        parts[i] = " ".join(words[:j] + [piece] + words[j:])
    else:
        parts.insert(i, piece)


def write_mixed_corpus(folder: Path, n: int, seed: int = 0) -> Path:
    """n mixed documents (half with a published date) in folder: a stand-in for a larger corpus."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = mixed_text(rng, sentences=rng.randint(3, 14), sprinkle=rng.randint(0, 5), hostile=rng.randint(0, 2))
        (folder / f"mix_{i:04d}.txt").write_text(text, encoding="utf-8")
        if rng.random() < 0.5:
            day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(900))
            (folder / f"mix_{i:04d}.meta.json").write_text(json.dumps({"published": day.isoformat(), "title": f"Mix {i}"}), encoding="utf-8")
    return folder
