"""Every ```bash and ```python example in README.md and docs/*.md runs.

Each file's ```bash and ```python blocks (not ```sh, ```console or ```text)
run in order, in one fresh folder holding a copy of
seeds/ and ontology/ (and seeds/ again as path/to/documents, the README's
placeholder), so `kg build` there writes its own exports/. Bash blocks run
with `bash -e -o pipefail`; Python blocks run in one namespace per file, so a
later block may use what an earlier one defined.

Not run: a block right after an `<!-- no-test -->` line, and the setup lines
that CI runs itself (scripts/setup, pip install, apt-get, pytest, .ci/run): an example that
installs the project or runs this test suite cannot run inside it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

DOCS = [p for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))] if p.is_file()]
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
NO_TEST = "<!-- no-test -->"
#: commands CI runs itself; an example line starting with one of these is skipped
SETUP = re.compile(r"^\s*(sudo\s+)?(pip3?\s+install|python3?\s+-m\s+pip\s|apt(-get)?\s|python3?\s+-m\s+pytest|pytest(\s|$)|\.ci/run|scripts/setup)")
TIMEOUT = 900


def examples(path: Path) -> list[dict]:
    """The runnable blocks of a Markdown file: language, first line number, code."""
    text = path.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        lang = m.group("lang").lower()
        if lang not in ("bash", "python", "py"):
            continue
        before = text[: m.start()].rstrip().splitlines()
        if before and before[-1].strip() == NO_TEST:
            continue
        indent = m.group("indent")
        body = "\n".join(line[len(indent) :] if line.startswith(indent) else line for line in m.group("body").splitlines())
        if lang == "bash":
            body = "\n".join("" if SETUP.match(line) else line for line in body.splitlines())
            if not body.strip():
                continue
        line = text.count("\n", 0, m.start()) + 2
        out.append({"lang": "python" if lang == "py" else lang, "line": line, "code": body + "\n"})
    return out


RUNNER = r'''
import json, subprocess, sys, traceback


def main():
    doc, blocks = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
    namespace = {"__name__": "__main__"}
    for b in blocks:
        where = f"{doc}:{b['line']} ({b['lang']})"
        print(f"=== {where}", flush=True)
        if b["lang"] == "bash":
            try:
                done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", b["code"]], timeout=600)
            except subprocess.TimeoutExpired:
                print(f"FAILED {where}: timed out", flush=True)
                sys.exit(1)
            if done.returncode != 0:
                print(f"FAILED {where}: exit status {done.returncode}", flush=True)
                sys.exit(1)
        else:
            try:
                exec(compile(b["code"], where, "exec"), namespace)
            except BaseException:
                traceback.print_exc()
                print(f"FAILED {where}", flush=True)
                sys.exit(1)
            sys.stdout.flush()
    print("ALL OK", flush=True)


if __name__ == "__main__":  # examples may start worker processes, which import this file again
    main()
'''


@pytest.fixture
def sandbox(tmp_path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    shutil.copytree(ROOT / "seeds", tmp_path / "path" / "to" / "documents")
    return tmp_path


def test_docs_are_found():
    assert ROOT / "README.md" in DOCS
    assert any(b["lang"] == "python" for b in examples(ROOT / "README.md"))
    assert any(b["lang"] == "bash" for b in examples(ROOT / "README.md"))


def test_fence_parsing_skips_setup_lines_and_marked_blocks(tmp_path):
    md = tmp_path / "x.md"
    md.write_text(
        "```bash\npip install -e '.[dev]'\nkg build\npython -m pytest\n```\n"
        "<!-- no-test -->\n```bash\nkg serve\n```\n"
        "```text\nnot code\n```\n"
        "- a list item\n\n  ```python\n  print(1)\n  ```\n",
        encoding="utf-8",
    )
    got = examples(md)
    assert [b["lang"] for b in got] == ["bash", "python"]
    assert got[0]["code"] == "\nkg build\n\n"
    assert got[1]["code"] == "print(1)\n"
    assert got[1]["line"] == 16


@pytest.mark.parametrize("doc", DOCS, ids=[str(p.relative_to(ROOT)) for p in DOCS])
def test_examples_run(doc: Path, sandbox: Path):
    blocks = examples(doc)
    assert blocks, f"{doc.name} has no bash or python examples"
    (sandbox / ".blocks.json").write_text(json.dumps(blocks), encoding="utf-8")
    (sandbox / ".runner.py").write_text(RUNNER, encoding="utf-8")
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONUNBUFFERED"] = "1"
    done = subprocess.run(
        [sys.executable, ".runner.py", str(doc.relative_to(ROOT)), ".blocks.json"],
        cwd=sandbox,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0 and "ALL OK" in done.stdout, output[-6000:]
