"""Exports are written as one set: a build killed part-way leaves the previous build whole.

A subprocess runs the real ``kg build`` with os.fsync / os.replace / os.rename
and the folder swap wrapped so that it stops at a known point (half-way
through writing a temporary file, just after the first rename, at the k-th
step of all) and is then killed with SIGKILL. The export folder must then
hold the old build or the new one, every file of the same, byte for byte.
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
stop_at = int(sys.argv[4]) if len(sys.argv) > 4 else 0
html = sys.argv[5:6] == ["html"]
real_fsync, real_replace, real_rename = os.fsync, os.replace, os.rename
stage = "." + os.path.basename(os.path.abspath(out)) + ".kg-new-"
steps = 0

def in_stage(path):
    return os.path.basename(os.path.dirname(path)).startswith(stage)

def step(what):
    global steps
    steps += 1
    if mode == "step" and steps == stop_at:
        print("step", steps, what, flush=True)
        time.sleep(600)

def fsync(fd):
    real_fsync(fd)
    path = os.readlink(f"/proc/self/fd/{fd}")
    if mode == "torn" and path.endswith(".tmp") and in_stage(path):
        os.ftruncate(fd, os.fstat(fd).st_size // 2)  # as if the disk write were cut off
        print("writing", path, flush=True)
        time.sleep(600)
    step("fsync " + path)

def replace(src_path, dst_path):
    real_replace(src_path, dst_path)
    if mode == "after-first" and in_stage(os.path.abspath(dst_path)):
        print("replaced", dst_path, flush=True)
        time.sleep(600)
    step("replace " + str(dst_path))

def rename(src_path, dst_path):
    real_rename(src_path, dst_path)
    step("rename " + str(dst_path))

os.fsync, os.replace, os.rename = fsync, replace, rename
import tempfile
real_mkstemp, real_mkdtemp = tempfile.mkstemp, tempfile.mkdtemp

def mkstemp(*args, **kwargs):
    made = real_mkstemp(*args, **kwargs)
    step("mkstemp " + made[1])
    return made

def mkdtemp(*args, **kwargs):
    made = real_mkdtemp(*args, **kwargs)
    step("mkdtemp " + made)
    return made

tempfile.mkstemp, tempfile.mkdtemp = mkstemp, mkdtemp
try:
    import kg.export_folder as ef
except ImportError:  # a kg that writes file by file
    ef = None
if ef is not None:
    real_exchange = ef._exchange

    def exchange(new, folder):
        done = real_exchange(new, folder)
        step("exchange " + str(folder))
        return done

    ef._exchange = exchange
sys.argv = ["kg", "build", src, "--out", out, "--quiet"] + ([] if html else ["--no-html"])
from kg.cli import main
try:
    main()
finally:
    if mode == "count":
        print("steps", steps, flush=True)
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


def run_until(mode: str, out: Path, step: int = 0, html: bool = False, sig: int = signal.SIGKILL) -> str:
    """Run the driver until it reports its stopping point, then SIGKILL it (or send ``sig``)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, mode, str(SEEDS), str(out), str(step)] + (["html"] if html else []),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        line = proc.stdout.readline()
        assert line, f"the build ended before the stopping point: {proc.stderr.read()}"
    finally:
        proc.send_signal(sig)
        proc.wait(timeout=60)
    assert proc.returncode == (-signal.SIGKILL if sig == signal.SIGKILL else 128 + sig), proc.stderr.read()
    return line.strip()


def count_steps(out: Path, html: bool = False) -> int:
    """How many stopping points a whole build passes (the driver's 'step' mode stops at one of them)."""
    done = subprocess.run([sys.executable, "-c", DRIVER, "count", str(SEEDS), str(out), "0"] + (["html"] if html else []), capture_output=True, text=True, cwd=ROOT, timeout=300)
    return int(done.stdout.split()[-1])


def one_build(now: dict[str, bytes], old: dict[str, bytes], new: dict[str, bytes]) -> str:
    """'old' or 'new' when every file is that build's; else what is mixed."""
    for name, build_files in (("old", old), ("new", new)):
        if now == build_files:
            return name
    return "mixed: " + ", ".join(f"{f}={'old' if now.get(f) == old.get(f) else 'new' if now.get(f) == new.get(f) else 'neither'}" for f in sorted(set(old) | set(now)))


def debris(out: Path) -> list[str]:
    """What a build left beside or in the export folder."""
    beside = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.kg-")]
    return beside + [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_killed_while_writing_leaves_previous_exports(old_and_new, rules):
    out, old, new = old_and_new
    line = run_until("torn", out)
    assert line.startswith("writing ") and "/graph.nq" not in line.split("/.kg-")[0]
    torn = Path(line.split(" ", 1)[1])
    assert torn.name.startswith(".graph.nq.")  # graph.nq is written first, in the new folder
    assert torn.exists() and 0 < torn.stat().st_size < len(new["graph.nq"])  # the half-written temporary file
    assert exports(out) == old
    assert_all_load(out)
    # the next build is not disturbed by the debris, removes it, and replaces every file
    build(SEEDS, out, rules=rules, html=False)
    assert exports(out) == new
    assert debris(out) == []
    assert_all_load(out)


def test_killed_between_files_leaves_the_old_build_whole(old_and_new):
    """The bug of issue 15: graph.nq was replaced seconds before the other files."""
    out, old, new = old_and_new
    line = run_until("after-first", out)
    assert line.startswith("replaced ") and line.endswith("/graph.nq")
    assert one_build(exports(out), old, new) == "old"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert_all_load(out)


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_killed_at_any_step_leaves_one_whole_build(old_and_new, where):
    out, old, new = old_and_new
    steps = count_steps(out.parent / "count-out")
    k = {"first": 1, "middle": steps // 2, "last": steps}[where]
    run_until("step", out, k)
    assert one_build(exports(out), old, new) == "new" if k == steps else one_build(exports(out), old, new) in ("old", "new")
    assert_all_load(out)


def test_killed_at_an_arbitrary_moment(old_and_new, tmp_path):
    """No stopping point: kill the real build as soon as its new folder appears."""
    out, old, new = old_and_new
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(SEEDS), "--out", str(out), "--no-html", "--quiet"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if any(name.startswith(f".{out.name}.kg-new-") for name in os.listdir(out.parent)):
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.0005)
    proc.wait(timeout=30)
    assert one_build(exports(out), old, new) in ("old", "new")
    assert_all_load(out)


def test_a_second_build_into_the_same_folder_is_refused(old_and_new, monkeypatch):
    """Refused at once, before it spends time extracting."""
    from click.testing import CliRunner

    from kg.cli import main
    from kg.export_folder import locked

    out, old, _new = old_and_new

    def no_extraction(*args, **kwargs):
        raise AssertionError("a refused build extracted")

    monkeypatch.setattr("kg.build.build_graph", no_extraction)
    with locked(out.resolve()):
        result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", str(out), "--no-html", "-q"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"Error: {out}: another kg build is writing this folder; wait for it to finish or choose another --out"
    assert exports(out) == old


def test_a_failed_write_leaves_the_old_build_and_no_debris(old_and_new, monkeypatch):
    """ENOSPC half-way: the old build stays, no temporary file or folder piles up."""
    import kg.rdf
    from kg.errors import ExportError

    out, old, _new = old_and_new

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.rdf, "write_turtle", full)
    with pytest.raises(ExportError, match=r": cannot write exports \(No space left on device\)$"):
        build(SEEDS, out, html=False)
    assert exports(out) == old
    assert debris(out) == []


def test_an_unwritable_out_is_one_line(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", "/proc/self", "-q"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception  # a ClickException, not a crash
    assert result.output.startswith("Error: /proc/") and result.output.count("\n") == 1, result.output


def test_other_files_in_the_export_folder_stay(old_and_new, rules):
    out, _old, new = old_and_new
    (out / "view.html").write_text("my own view", encoding="utf-8")
    build(SEEDS, out, rules=rules, html=False)
    assert exports(out) == new
    assert (out / "view.html").read_text(encoding="utf-8") == "my own view"


def test_two_builds_at_once_into_one_folder(old_and_new):
    """Two real builds started together: one writes, the other is refused (or runs after it); never a mix."""
    out, old, new = old_and_new
    cmd = [sys.executable, "-m", "kg", "build", str(SEEDS), "--out", str(out), "--no-html", "--quiet"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert 0 in [code for code, _ in results], results
    for code, err in results:
        if code:
            assert err.splitlines()[-1] == f"Error: {out}: another kg build is writing this folder; wait for it to finish or choose another --out"
    assert one_build(exports(out), old, new) == "new"
    assert debris(out) == []


def test_sigterm_while_writing_leaves_the_old_build_and_no_debris(old_and_new):
    """SIGTERM (a service manager, a Ctrl-C'd parent) unwinds: the unfinished folder is removed at once."""
    out, old, new = old_and_new
    line = run_until("torn", out, sig=signal.SIGTERM)
    assert line.startswith("writing ")
    assert one_build(exports(out), old, new) == "old"
    assert debris(out) == []
    assert_all_load(out)


def test_a_failed_swap_leaves_the_old_build_and_no_debris(old_and_new, monkeypatch):
    import kg.export_folder as ef
    from kg.errors import ExportError

    out, old, _new = old_and_new

    def full(new, folder):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ef, "_exchange", full)
    with pytest.raises(ExportError, match=r"^.*/out: cannot put the new export in place \(No space left on device\); the old one is unchanged$"):
        build(SEEDS, out, html=False)
    assert exports(out) == old
    assert debris(out) == []


def test_a_fallback_swap_killed_between_its_renames_is_put_back(old_and_new, rules):
    """Without an exchange (other systems) the folder is missing for a moment; the next build puts the old one back first."""
    import kg.export_folder as ef

    out, old, new = old_and_new
    staged = out.parent / f".{out.name}.kg-old-x"
    os.rename(out, staged)  # as a build killed between rename(folder, old) and rename(new, folder) leaves it
    with ef.locked(out):
        ef.remove_debris(out.resolve())
    assert exports(out) == old and not staged.exists()
    import unittest.mock

    with unittest.mock.patch.object(ef, "_exchange", lambda new_dir, folder: False):
        build(SEEDS, out, rules=rules, html=False)
    assert exports(out) == new
    assert debris(out) == []


def test_exports_keep_their_mode(old_and_new, rules):
    out, _old, new = old_and_new
    (out / "graph.ttl").chmod(0o640)
    build(SEEDS, out, rules=rules, html=False)
    assert exports(out) == new
    assert (out / "graph.ttl").stat().st_mode & 0o777 == 0o640


def test_the_current_folder_is_not_an_export_folder(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kg.cli import main

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(SEEDS), "--out", ".", "--no-html", "-q"])
    assert result.exit_code == 1
    assert result.output == "Error: .: is the current folder or holds it; kg replaces the export folder as a whole: choose a folder of its own for --out\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


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
