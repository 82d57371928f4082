"""Exports are written atomically: a build killed part-way leaves the previous exports intact.

A subprocess runs the real ``kg build`` with os.fsync / os.replace wrapped so
that it stops at a known point (half-way through writing a temporary file, or
just after the first rename) and is then killed with SIGKILL. Every export
must then be either its old or its new self, byte for byte, and parse.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build, write_atomic

from .conftest import ROOT, SEEDS

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir() or not hasattr(signal, "SIGKILL"), reason="needs Linux /proc and SIGKILL")

FORMATS = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.trig": ox.RdfFormat.TRIG,
    "graph.nq": ox.RdfFormat.N_QUADS,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}

DRIVER = r"""
import os, sys, time
mode, src, out = sys.argv[1:4]
real_fsync, real_replace = os.fsync, os.replace

def fsync(fd):
    real_fsync(fd)
    path = os.readlink(f"/proc/self/fd/{fd}")
    if mode == "torn" and path.endswith(".tmp") and os.path.dirname(path) == os.path.abspath(out):
        os.ftruncate(fd, os.fstat(fd).st_size // 2)  # as if the disk write were cut off
        print("writing", path, flush=True)
        time.sleep(600)

def replace(src_path, dst_path):
    real_replace(src_path, dst_path)
    if mode == "after-first" and os.path.dirname(os.path.abspath(dst_path)) == os.path.abspath(out):
        print("replaced", dst_path, flush=True)
        time.sleep(600)

os.fsync, os.replace = fsync, replace
sys.argv = ["kg", "build", src, "--out", out, "--no-html", "--quiet"]
from kg.cli import main
main()
"""


def exports(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in FORMATS if (folder / name).exists()}


def assert_all_load(folder: Path) -> None:
    for name, fmt in FORMATS.items():
        count = sum(1 for _ in ox.parse(path=str(folder / name), format=fmt))
        assert count > 100, name


def subset(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / f"seeds-{n}"
    folder.mkdir()
    for path in sorted(SEEDS.iterdir())[: 2 * n]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def old_and_new(tmp_path, rules):
    """An export folder holding the build of two seeds, and what the build of all five gives."""
    out = tmp_path / "out"
    build(subset(tmp_path, 2), out, rules=rules, html=False)
    new = tmp_path / "new"
    build(SEEDS, new, rules=rules, html=False)
    old = exports(out)
    assert set(old) == set(FORMATS)
    assert all(old[name] != exports(new)[name] for name in FORMATS)
    return out, old, exports(new)


def run_until(mode: str, out: Path) -> str:
    """Run the driver until it reports its stopping point, then SIGKILL it."""
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, mode, str(SEEDS), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        line = proc.stdout.readline()
        assert line, f"the build ended before the stopping point: {proc.stderr.read()}"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return line.strip()


def test_killed_while_writing_leaves_previous_exports(old_and_new, rules):
    out, old, new = old_and_new
    line = run_until("torn", out)
    assert line.startswith(f"writing {out / '.graph.nq.'}")  # graph.nq is written first
    torn = Path(line.split(" ", 1)[1])
    assert torn.exists() and 0 < torn.stat().st_size < len(new["graph.nq"])  # the half-written temporary file
    assert exports(out) == old
    assert_all_load(out)
    # the next build is not disturbed by the debris, and replaces every file
    build(SEEDS, out, rules=rules, html=False)
    assert exports(out) == new
    assert_all_load(out)


def test_killed_between_files_leaves_each_file_old_or_new(old_and_new):
    out, old, new = old_and_new
    line = run_until("after-first", out)
    assert line == f"replaced {out / 'graph.nq'}"
    now = exports(out)
    assert now["graph.nq"] == new["graph.nq"]
    assert {name: now[name] for name in FORMATS if name != "graph.nq"} == {name: old[name] for name in FORMATS if name != "graph.nq"}
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert_all_load(out)


def test_killed_at_an_arbitrary_moment(old_and_new, tmp_path):
    """No stopping point: kill the real build as soon as a temporary export appears."""
    out, old, new = old_and_new
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(SEEDS), "--out", str(out), "--no-html", "--quiet"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if any(name.endswith(".tmp") for name in os.listdir(out)):
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.0005)
    proc.wait(timeout=30)
    now = exports(out)
    assert set(now) == set(FORMATS)
    for name in FORMATS:
        assert now[name] in (old[name], new[name]), name
    assert_all_load(out)


def test_write_atomic_keeps_the_file_mode(tmp_path):
    target = tmp_path / "graph.ttl"
    write_atomic(target, b"first")
    mask = os.umask(0o022)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    target.chmod(0o640)
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert target.stat().st_mode & 0o777 == 0o640


def test_write_atomic_cleans_up_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    write_atomic(target, b"old")

    def broken(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
