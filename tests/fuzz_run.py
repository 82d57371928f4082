"""A long fuzz session that counts failures instead of stopping at the first.

    python -m tests.fuzz_run 5000            # cases; add --shacl to also run pySHACL on each
    python -m tests.fuzz_run 5000 --seed 7 --workers 4 --save /tmp/fuzz-failures

Each case is a mixed document (tests/textmix.py: real seed sentences with
titles, names, dates and odd characters) or, one time in four, random
characters; it runs through the same pipeline and invariant checks as
tests/test_fuzz.py. Prints the number of cases, crashes (exceptions inside kg)
and invariant violations, and saves each failing text for replay.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .test_fuzz import SHAPES, builtin_rules, check_invariants, conforms, pipeline
from .textmix import mixed_text

ALPHABET = [chr(c) for c in range(0x20, 0x7F)] + list("\n\n\n\t’“”–—éüßçØ中文한국어العربيةשלום😀\u200b\u202e\u2028")


def make_case(seed: int) -> tuple[str, dt.date | None]:
    rng = random.Random(seed)
    if rng.random() < 0.25:
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 600)))
    else:
        text = mixed_text(rng, sentences=rng.randint(1, 14), sprinkle=rng.randint(0, 8), hostile=rng.randint(0, 3))
    pub = None if rng.random() < 0.4 else dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(40 * 365))
    return text, pub


_SHAPES_GRAPH = None


def run_case(args: tuple[int, bool]) -> tuple[int, str, str]:
    """('ok' | 'refused' | 'crash' | 'invariant' | 'shacl', detail) for one case."""
    global _SHAPES_GRAPH
    seed, shacl = args
    text, pub = make_case(seed)
    rules = builtin_rules()
    try:
        out = pipeline(text, pub, rules)
    except Exception:
        return seed, "crash", traceback.format_exc(limit=-4)
    if out is None:
        return seed, "refused", ""
    try:
        check_invariants(*out, rules)
    except AssertionError as exc:
        return seed, "invariant", str(exc).splitlines()[0][:300]
    except Exception:
        return seed, "crash", traceback.format_exc(limit=-4)
    if shacl:
        if _SHAPES_GRAPH is None:
            import rdflib

            _SHAPES_GRAPH = rdflib.Graph().parse(SHAPES, format="turtle")
        ok, report = conforms(out[3], _SHAPES_GRAPH)
        if not ok:
            return seed, "shacl", report[:600]
    return seed, "ok", ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", type=int, nargs="?", default=5000)
    parser.add_argument("--seed", type=int, default=0, help="first case's seed; case i uses seed+i")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--shacl", action="store_true", help="also validate each case against ontology/shapes.ttl")
    parser.add_argument("--save", type=Path, default=None, help="folder for the failing texts")
    args = parser.parse_args(argv)
    builtin_rules()
    started = time.monotonic()
    counts: dict[str, int] = {}
    failures = []
    jobs = [(args.seed + i, args.shacl) for i in range(args.cases)]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for seed, verdict, detail in pool.map(run_case, jobs, chunksize=16):
            counts[verdict] = counts.get(verdict, 0) + 1
            if verdict not in ("ok", "refused"):
                failures.append((seed, verdict, detail))
    took = time.monotonic() - started
    print(f"{args.cases} cases in {took:.0f} s: " + ", ".join(f"{counts.get(k, 0)} {k}" for k in ("ok", "refused", "crash", "invariant", "shacl")))
    for seed, verdict, detail in failures[:20]:
        print(f"--- seed {seed}: {verdict}\n{detail}")
    if args.save and failures:
        args.save.mkdir(parents=True, exist_ok=True)
        for seed, verdict, detail in failures:
            text, pub = make_case(seed)
            (args.save / f"{verdict}-{seed}.json").write_text(json.dumps({"seed": seed, "verdict": verdict, "detail": detail, "published": pub and pub.isoformat(), "text": text}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
