"""The figures of issue 15's 'done when', measured on this machine (not a test: pytest does not collect it).

    python tests/hardening_figures.py

Prints, from the real ``kg serve`` and ``kg build`` in processes of their own:

1. 200 concurrent requests against ``kg serve``: how many were answered, how many reset;
2. a cross join on the seed export under ``--memory-mb 200``: its answer (503),
   and the address-space limit and peak sizes of its query process (the cap
   is RLIMIT_AS: the server's address space at the fork plus 200 MB);
3. ``kg build`` killed with SIGKILL at 20 points spread over its writing
   (every file made, synced, renamed, and the folder swap): what the export
   folder holds each time (the old build whole, the new one whole, or a mix);
4. the SERVICE bypass of the issue (``#x\\rSERVICE <...>``) sent to
   ``kg serve`` and to ``kg query``: refused, and the other endpoint never asked.

Takes about two minutes on two cores.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's kg and tests, whatever is installed

from tests.test_atomic import DRIVER, FORMATS, SEEDS, subset  # noqa: E402
from tests.test_serve_limits import BYPASS, CROSS_JOIN, _Victim, burst  # noqa: E402

MEMORY_MB = 200
KILL_POINTS = 20


def kg(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, **kwargs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    """``kg serve`` in a process of its own, up once it answers."""

    def __init__(self, data: Path, *options: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--data", str(data), "--port", str(self.port), "--quiet", *options],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise SystemExit(f"kg serve ended: {self.proc.stderr.read().decode()}")
                time.sleep(0.1)
        raise SystemExit("kg serve did not start in 60 s")

    def get(self, query: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(f"{self.url}?query={urllib.parse.quote(query)}", timeout=120) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def close(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)

    def __enter__(self) -> "Serve":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                kids = {int(c) for c in (task / "children").read_text().split()}
                todo.extend(kids - found)
                found |= kids
        except OSError:
            pass
    return found


def memory_of(pids: set[int]) -> dict[str, float]:
    """The largest peak resident size, peak address space and address-space limit (MB) among ``pids``."""
    found = {"VmHWM": 0.0, "VmPeak": 0.0, "limit": 0.0}
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                key = line.split(":")[0]
                if key in ("VmHWM", "VmPeak"):
                    found[key] = max(found[key], int(line.split()[1]) / 1024)
            for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
                if line.startswith("Max address space") and line.split()[3].isdigit():
                    found["limit"] = max(found["limit"], int(line.split()[3]) / 1048576)
        except OSError:
            pass
    return found


def figure_concurrency(data: Path) -> None:
    with Serve(data) as srv:
        started = time.perf_counter()
        outcomes = burst(srv.url, 200)
        seconds = time.perf_counter() - started
    answered = outcomes.get("200", 0)
    resets = sum(n for k, n in outcomes.items() if not k.isdigit())
    print(f"1. 200 concurrent requests to kg serve: {answered} answered 200, {resets} reset or failed, in {seconds:.1f} s  {outcomes}")


def figure_memory(data: Path) -> None:
    with Serve(data, "--memory-mb", str(MEMORY_MB)) as srv:
        peak = {"VmHWM": 0.0, "VmPeak": 0.0, "limit": 0.0}
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                now = memory_of(descendants(srv.proc.pid))
                for key in peak:
                    peak[key] = max(peak[key], now[key])
                time.sleep(0.005)

        server = memory_of({srv.proc.pid})  # the query process is a fork of the server: it starts with this much
        watcher = threading.Thread(target=watch)
        watcher.start()
        started = time.perf_counter()
        status, body = srv.get(CROSS_JOIN)
        seconds = time.perf_counter() - started
        done.set()
        watcher.join()
        after, _ = srv.get("ASK { ?s ?p ?o }")
    print(
        f"2. cross join under --memory-mb {MEMORY_MB}: HTTP {status} after {seconds:.1f} s, '{body.decode().strip()}'; "
        f"its query process (a fork of the server, {server['VmPeak']:.0f} MB of address space, {server['VmHWM']:.0f} MB resident) "
        f"ran under an address-space limit of {peak['limit']:.0f} MB and peaked at {peak['VmPeak']:.0f} MB of address space, "
        f"{peak['VmHWM']:.0f} MB resident; the next query: HTTP {after}"
    )


def folder_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


def figure_kills(work: Path) -> None:
    old_dir, new_dir = work / "old", work / "new"
    assert kg("build", str(subset(work, 2)), "--out", str(old_dir), "-q").returncode == 0
    assert kg("build", str(SEEDS), "--out", str(new_dir), "-q").returncode == 0
    old, new = folder_files(old_dir), folder_files(new_dir)
    assert set(old) == set(new) == {*FORMATS, "graph.html"}
    count = subprocess.run([sys.executable, "-c", DRIVER, "count", str(SEEDS), str(work / "count"), "0", "html"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    steps = int(count.stdout.split()[-1])
    points = sorted({round(1 + i * (steps - 1) / (KILL_POINTS - 1)) for i in range(KILL_POINTS)})
    tally = {"old": 0, "new": 0, "mixed": 0}
    where = []
    for k in points:
        out = work / f"out-{k}"
        shutil.copytree(old_dir, out)
        proc = subprocess.Popen([sys.executable, "-c", DRIVER, "step", str(SEEDS), str(out), str(k), "html"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = proc.stdout.readline().split()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        now = folder_files(out)
        state = "old" if now == old else "new" if now == new else "mixed"
        if state != "mixed":
            import pyoxigraph as ox

            for name, fmt in FORMATS.items():
                if not any(True for _ in ox.parse(path=str(out / name), format=fmt)):
                    state = "mixed"
        tally[state] += 1
        where.append(f"{k}:{line[2] if len(line) > 2 else '?'}={state}")
    # what the killed builds left beside their folders goes with the next build into each
    last = work / f"out-{points[-1]}"
    debris_before = len([p for p in work.glob(".out-*.kg-new-*") if p.is_dir()])
    kg("build", str(SEEDS), "--out", str(last), "-q", "--no-html")
    left = [p.name for p in work.glob(f".{last.name}.kg-*")]  # its new folder and its lock file
    print(
        f"3. kg build SIGKILLed at {len(points)} points of its {steps} writing steps: "
        f"{tally['old'] + tally['new']} of {len(points)} times the folder held one whole build "
        f"({tally['old']} the old one, {tally['new']} the new one), {tally['mixed']} mixed; "
        f"{debris_before} unfinished new folders were left beside them, and the next build into one removed what was left there ({len(left)} left)"
    )
    print("   points (step:operation=state): " + " ".join(where))


def figure_service(data: Path) -> None:
    victim = ThreadingHTTPServer(("127.0.0.1", 0), _Victim)
    victim.hits = 0
    threading.Thread(target=victim.serve_forever, daemon=True).start()
    other = f"http://127.0.0.1:{victim.server_address[1]}/sparql"
    query = BYPASS.replace("{url}", other)
    try:
        with Serve(data) as srv:
            status, body = srv.get(query)
        cli = kg("query", query, "--data", str(data))
    finally:
        victim.shutdown()
        victim.server_close()
    print(
        f"4. {query!r}: kg serve answered HTTP {status} '{body.decode().strip()}'; "
        f"kg query exit {cli.returncode} '{cli.stderr.strip()}'; the other endpoint was asked {victim.hits} times"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kg-figures-") as tmp:
        work = Path(tmp)
        data = work / "seed-export"
        built = kg("build", str(SEEDS), "--out", str(data), "-q", "--no-html")
        if built.returncode:
            raise SystemExit(built.stderr)
        print(f"kg {__import__('kg').__version__} from {ROOT}; seeds: {built.stdout.strip()}")
        figure_concurrency(data)
        figure_memory(data)
        figure_kills(work)
        figure_service(data)


if __name__ == "__main__":
    main()
