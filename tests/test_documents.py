"""Bad input: each bad file gets one line naming it and the problem; the others are built.

Exit status: 0 when every document was read (warnings allowed), 1 when any was
rejected (the exports still hold the others), unless --keep-going; --strict
writes nothing when any was rejected; 2 for contradictory options.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.ruleset
from kg.cli import main

from .conftest import SEEDS

GOOD = "Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Washington on October 26, 2023.\n"


@pytest.fixture(autouse=True)
def fast_rules(monkeypatch, rules):
    """The CLI loads the built-in rules on every run: hand it the session's copy."""
    real = kg.ruleset.load_rules

    def load(*dirs, builtin=True):
        return rules if not dirs and builtin else real(*dirs, builtin=builtin)

    monkeypatch.setattr(kg.ruleset, "load_rules", load)


def run(*args: str):
    return CliRunner().invoke(main, ["build", *map(str, args)])


def lines(text: str, prefix: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(prefix)]


def folder_with_good(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


# each case: (make the bad file(s) in folder, the one error line expected)
def _latin1(d: Path):
    (d / "bad.txt").write_bytes("Le ministre a rencontr\u00e9 son homologue.\n".encode("latin-1"))
    return f"{d / 'bad.txt'}: not UTF-8: undecodable byte 0xe9 at offset 22 (line 1); re-save as UTF-8"


def _binary(d: Path):
    (d / "bad.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4)
    return f"{d / 'bad.txt'}: binary file (NUL bytes), not UTF-8 text; skipped"


def _late_nul(d: Path):
    (d / "bad.txt").write_bytes(GOOD.encode() * 200 + b"\x00" + GOOD.encode())  # past the first 8 kB
    return f"{d / 'bad.txt'}: binary file (NUL bytes), not UTF-8 text; skipped"


def _utf16(d: Path):
    (d / "bad.txt").write_bytes(GOOD.encode("utf-16"))
    return f"{d / 'bad.txt'}: UTF-16 text, not UTF-8; re-save it as UTF-8"


def _empty(d: Path):
    (d / "bad.txt").write_bytes(b"")
    return f"{d / 'bad.txt'}: empty file; skipped"


def _blank(d: Path):
    (d / "bad.txt").write_bytes(b" \r\n\t\n")
    return f"{d / 'bad.txt'}: empty file; skipped"


def _huge(d: Path):
    with open(d / "bad.txt", "wb") as fh:  # 50 MB, sparse: refused on its size, never read
        fh.truncate(50 * 1024 * 1024)
    return f"{d / 'bad.txt'}: too large (50 MB; the limit is 5 MB); split it or raise --max-mb"


def _meta_not_json(d: Path):
    (d / "bad.txt").write_text(GOOD, encoding="utf-8")
    (d / "bad.meta.json").write_text('{"title": "A readout",\n "published": 2023-10-27}', encoding="utf-8")
    return f"{d / 'bad.meta.json'}: metadata is not JSON: Expecting ',' delimiter at line 2, column 19; bad.txt skipped"


def _meta_not_object(d: Path):
    (d / "bad.txt").write_text(GOOD, encoding="utf-8")
    (d / "bad.meta.json").write_text('["title", "A readout"]', encoding="utf-8")
    return f"{d / 'bad.meta.json'}: metadata must be a JSON object, not list; bad.txt skipped"


def _meta_bad_date(d: Path):
    (d / "bad.txt").write_text(GOOD, encoding="utf-8")
    (d / "bad.meta.json").write_text('{"published": "yesterday"}', encoding="utf-8")
    return f"{d / 'bad.meta.json'}: metadata 'published' is not an ISO date (YYYY-MM-DD): 'yesterday'; bad.txt skipped"


def _meta_date_not_string(d: Path):
    (d / "bad.txt").write_text(GOOD, encoding="utf-8")
    (d / "bad.meta.json").write_text('{"published": 20231027}', encoding="utf-8")
    return f"{d / 'bad.meta.json'}: metadata 'published' must be an ISO date string like \"2023-10-27\", not int; bad.txt skipped"


def _meta_wrong_type(d: Path):
    (d / "bad.txt").write_text(GOOD, encoding="utf-8")
    (d / "bad.meta.json").write_text('{"title": {"en": "A readout"}}', encoding="utf-8")
    return f"{d / 'bad.meta.json'}: metadata 'title' must be a string, not dict; bad.txt skipped"


def _meta_lone_surrogate(d: Path):
    (d / "bad.txt").write_text(GOOD, encoding="utf-8")
    (d / "bad.meta.json").write_text('{"title": "half an emoji \\ud83d"}', encoding="utf-8")
    return f"{d / 'bad.meta.json'}: metadata 'title' holds an invalid character (lone surrogate \\ud83d at position 14); fix the JSON escape; bad.txt skipped"


def _meta_nul(d: Path):
    (d / "bad.txt").write_text(GOOD, encoding="utf-8")
    (d / "bad.meta.json").write_text('{"author": ["A. Writer", "B.\\u0000Writer"]}', encoding="utf-8")
    return f"{d / 'bad.meta.json'}: metadata 'author' holds a NUL character (\\u0000 at position 13); remove it; bad.txt skipped"


def _meta_not_utf8(d: Path):
    (d / "bad.txt").write_text(GOOD, encoding="utf-8")
    (d / "bad.meta.json").write_bytes('{"title": "Réunion"}'.encode("latin-1"))
    return f"{d / 'bad.meta.json'}: metadata is not UTF-8 (byte 12); bad.txt skipped"


def _duplicate_stem(d: Path):
    (d / "a").mkdir()
    (d / "b").mkdir()
    (d / "a" / "readout.txt").write_text(GOOD, encoding="utf-8")
    (d / "b" / "readout.txt").write_text(GOOD.replace("Washington", "Beijing"), encoding="utf-8")
    return f"{d / 'b' / 'readout.txt'}: duplicate document id 'readout' (also {d / 'a' / 'readout.txt'}); rename one"


def _symlink_loop(d: Path):
    (d / "sub").mkdir()
    os.symlink("..", d / "sub" / "up")
    return f"{d / 'sub' / 'up'}: symlink loop (links back to {d}); skipped"


def _self_link(d: Path):
    os.symlink("bad.txt", d / "bad.txt")
    return f"{d / 'bad.txt'}: symlink loop; skipped"


def _dangling_link(d: Path):
    os.symlink("nowhere.txt", d / "bad.txt")
    return f"{d / 'bad.txt'}: cannot read (No such file or directory)"


def _utf16le_no_bom(d: Path):
    (d / "bad.txt").write_bytes(GOOD.encode("utf-16-le"))
    return f"{d / 'bad.txt'}: UTF-16LE text without a byte-order mark, not UTF-8; re-save it as UTF-8"


def _utf16be_no_bom(d: Path):
    (d / "bad.txt").write_bytes(GOOD.encode("utf-16-be"))
    return f"{d / 'bad.txt'}: UTF-16BE text without a byte-order mark, not UTF-8; re-save it as UTF-8"


def _meta_bad_time(d: Path):
    (d / "bad.txt").write_text(GOOD, encoding="utf-8")
    (d / "bad.meta.json").write_text('{"published": "2023-10-27T25:99:00"}', encoding="utf-8")
    return f"{d / 'bad.meta.json'}: metadata 'published' is not an ISO date (YYYY-MM-DD): '2023-10-27T25:99:00'; bad.txt skipped"


def _meta_huge_title(d: Path):
    (d / "bad.txt").write_text(GOOD, encoding="utf-8")
    (d / "bad.meta.json").write_text(json.dumps({"title": "A" * (20 * 1024 * 1024)}), encoding="utf-8")
    return f"{d / 'bad.meta.json'}: metadata too large (20 MB; the limit is 1 MB); shorten it; bad.txt skipped"


def _meta_deep(d: Path):
    (d / "bad.txt").write_text(GOOD, encoding="utf-8")
    (d / "bad.meta.json").write_text('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    return f"{d / 'bad.meta.json'}: metadata is nested too deeply to be a sidecar (a flat JSON object is expected); bad.txt skipped"


def _secret(d: Path) -> Path:
    """A folder outside the input folder, however deep the case's folder is in it."""
    # beside the input folder ('in', or 'mixed' holding the case's folder), in the test's own temporary folder
    top = d if d.name == "in" else d.parent
    secret = (top.parent / f"secret-{d.name}").resolve()
    secret.mkdir()
    (secret / "key.txt").write_text("Antony Blinken met the secret keeper in Paris on 3 May 2023.\n", encoding="utf-8")
    return secret


def _link_out(d: Path):
    secret = _secret(d)
    os.symlink(secret / "key.txt", d / "bad.txt")
    return f"{d / 'bad.txt'}: a symbolic link to {secret / 'key.txt'}, outside the input folder (--follow-links reads it); skipped"


def _folder_link_out(d: Path):
    secret = _secret(d)
    os.symlink(secret, d / "bad")
    return f"{d / 'bad'}: a symbolic link to {secret}, outside the input folder (--follow-links reads it); skipped"


def _meta_link_out(d: Path):
    (d / "bad.txt").write_text(GOOD, encoding="utf-8")
    secret = _secret(d)
    (secret / "key.meta.json").write_text('{"title": "the secret"}', encoding="utf-8")
    os.symlink(secret / "key.meta.json", d / "bad.meta.json")
    return f"{d / 'bad.meta.json'}: a symbolic link to {secret / 'key.meta.json'}, outside the input folder (--follow-links reads it); bad.txt skipped"


CASES = {
    "utf16le-no-bom": _utf16le_no_bom,
    "utf16be-no-bom": _utf16be_no_bom,
    "meta-published-bad-time": _meta_bad_time,
    "meta-20MB-title": _meta_huge_title,
    "meta-nested-100000-deep": _meta_deep,
    "link-outside": _link_out,
    "folder-link-outside": _folder_link_out,
    "meta-link-outside": _meta_link_out,
    "not-utf8": _latin1,
    "binary": _binary,
    "nul-after-8kB": _late_nul,
    "utf16": _utf16,
    "empty": _empty,
    "whitespace-only": _blank,
    "50MB": _huge,
    "meta-not-json": _meta_not_json,
    "meta-not-object": _meta_not_object,
    "meta-published-yesterday": _meta_bad_date,
    "meta-published-number": _meta_date_not_string,
    "meta-wrong-type": _meta_wrong_type,
    "meta-lone-surrogate": _meta_lone_surrogate,
    "meta-nul": _meta_nul,
    "meta-not-utf8": _meta_not_utf8,
    "duplicate-stem": _duplicate_stem,
    "symlink-loop": _symlink_loop,
    "self-link": _self_link,
    "dangling-link": _dangling_link,
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_file_gets_one_line_and_the_rest_is_built(tmp_path, case):
    folder = folder_with_good(tmp_path)
    expected = CASES[case](folder)
    out = tmp_path / "out"
    result = run(folder, "-o", out, "--no-html")
    assert lines(result.stderr, "error: ")[0] == f"error: {expected}"
    assert len(lines(result.stderr, "error: ")) == 2  # the file's line, then the closing line
    assert result.stderr.splitlines()[-1].startswith("error: 1 problem in the input (listed above)")
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    documents = 2 if case == "duplicate-stem" else 1  # the first 'readout' is read
    assert result.stdout.splitlines()[-1].startswith(f"{documents} document{'s' if documents > 1 else ''} read, 1 skipped, ")
    assert "antony-blinken" in (out / "graph.nq").read_text(encoding="utf-8")


def test_follow_links_reads_a_link_that_leads_outside(tmp_path):
    folder = folder_with_good(tmp_path)
    _link_out(folder)
    out = tmp_path / "out"
    result = run(folder, "-o", out, "--no-html", "--follow-links")
    assert result.exit_code == 0, result.output
    assert "secret keeper" in (out / "graph.nq").read_text(encoding="utf-8")


def test_a_link_inside_the_input_folder_is_read(tmp_path):
    folder = folder_with_good(tmp_path)
    (folder / "sub").mkdir()
    os.symlink(folder / "good.txt", folder / "sub" / "again.txt")
    result = run(folder, "-o", tmp_path / "out", "--no-html")
    assert result.exit_code == 0, result.output


def test_a_published_time_with_an_offset_is_still_read(tmp_path):
    folder = folder_with_good(tmp_path)
    (folder / "good.meta.json").write_text('{"published": "2023-10-27T09:30:00+02:00"}', encoding="utf-8")
    result = run(folder, "-o", tmp_path / "out", "--no-html")
    assert result.exit_code == 0, result.output


def test_a_large_real_file_is_refused_by_max_mb(tmp_path):
    folder = folder_with_good(tmp_path)
    (folder / "big.txt").write_text(GOOD * 20000, encoding="utf-8")  # 2.1 MB
    result = run(folder, "--out", tmp_path / "out", "--no-html", "--max-mb", "1.5")
    assert lines(result.stderr, "error: ")[0] == f"error: {folder / 'big.txt'}: too large (2 MB; the limit is 1.5 MB); split it or raise --max-mb"
    assert result.exit_code == 1


def test_unknown_metadata_key_is_a_warning_only(tmp_path):
    folder = folder_with_good(tmp_path)
    (folder / "good.meta.json").write_text(json.dumps({"published": "2023-10-27", "colour": "red"}), encoding="utf-8")
    result = run(folder, "--out", tmp_path / "out", "--no-html")
    assert result.exit_code == 0, result.output
    assert lines(result.stderr, "warning: ") == [
        f"warning: {folder / 'good.meta.json'}: unknown metadata key 'colour' ignored (known: title, publisher, author, kind, published, url)"
    ]
    assert not lines(result.stderr, "error: ")
    assert "kgo:documentDate" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_metadata_without_document_and_folder_linked_twice_are_warnings(tmp_path):
    folder = folder_with_good(tmp_path)
    (folder / "orphan.meta.json").write_text("{}", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "other.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("sub", folder / "also-sub")  # not a loop: the same folder by a second name
    result = run(folder, "--out", tmp_path / "out", "--no-html")
    assert result.exit_code == 0, result.output
    assert lines(result.stderr, "warning: ") == [
        f"warning: {folder / 'orphan.meta.json'}: metadata without a document (no orphan.txt beside it); ignored",
        f"warning: {folder / 'sub'}: same folder as {folder / 'also-sub'}, already read; skipped",
    ]
    assert result.stdout.splitlines()[-1].startswith("2 documents read, 0 skipped, ")


def nquads_without_hash(folder: Path) -> list[str]:
    """The N-Quads but the file hash, which differs with the bytes on disk."""
    return [line for line in (folder / "graph.nq").read_text(encoding="utf-8").splitlines() if "#sha256>" not in line]


@pytest.mark.parametrize("variant", ["bom", "crlf", "cr", "bom+crlf"])
def test_bom_and_line_endings_give_the_same_facts(tmp_path, variant):
    clean, other = tmp_path / "clean", tmp_path / variant
    clean.mkdir()
    other.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, clean / path.name)
        shutil.copy(path.with_name(path.stem + ".meta.json"), other / (path.stem + ".meta.json"))
        shutil.copy(path.with_name(path.stem + ".meta.json"), clean / (path.stem + ".meta.json"))
        raw = path.read_bytes()
        assert b"\r" not in raw
        if "crlf" in variant:
            raw = raw.replace(b"\n", b"\r\n")
        if variant == "cr":
            raw = raw.replace(b"\n", b"\r")
        if "bom" in variant:
            raw = b"\xef\xbb\xbf" + raw
        (other / path.name).write_bytes(raw)
    a = run(clean, "--out", tmp_path / "out-clean", "--no-html")
    b = run(other, "--out", tmp_path / "out-other", "--no-html")
    assert a.exit_code == b.exit_code == 0, b.output
    assert not lines(b.stderr, "error: ")
    assert a.stdout.splitlines()[-1] == b.stdout.splitlines()[-1]
    assert nquads_without_hash(tmp_path / "out-clean") == nquads_without_hash(tmp_path / "out-other")


def test_bad_documents_do_not_change_what_the_good_ones_give(tmp_path):
    """Every bad case at once beside the seeds: the exports equal the seeds' own."""
    mixed = tmp_path / "mixed"
    shutil.copytree(SEEDS, mixed)
    for i, (name, make) in enumerate(CASES.items()):
        if name == "duplicate-stem":
            continue  # it adds a good document
        sub = mixed / f"bad-{i:02d}"
        sub.mkdir()
        make(sub)
    clean = run(SEEDS, "--out", tmp_path / "out-clean", "--no-html")
    result = run(mixed, "--out", tmp_path / "out-mixed", "--no-html", "--keep-going")
    assert result.exit_code == 0
    assert len(lines(result.stderr, "error: ")) == len(CASES) - 1
    assert result.stdout.splitlines()[-1].startswith(f"5 documents read, {len(CASES) - 1} skipped, ")
    for name in ("graph.ttl", "graph.nq", "graph.trig", "graph.jsonld"):
        assert (tmp_path / "out-clean" / name).read_bytes() == (tmp_path / "out-mixed" / name).read_bytes(), name
    assert clean.stdout.splitlines()[-1].split(", ")[2:] == result.stdout.splitlines()[-1].split(", ")[2:]


def test_summary_line(tmp_path):
    folder = folder_with_good(tmp_path)
    result = run(folder, "--out", tmp_path / "out", "--no-html", "--quiet")
    assert result.exit_code == 0
    assert result.stdout == "1 document read, 0 skipped, " + result.stdout.split(", 0 skipped, ")[1]
    summary = result.stdout.strip()
    assert summary.endswith(", 1 meeting, 2 people"), summary
    assert result.stderr == ""


def test_keep_going_exits_zero_despite_rejects(tmp_path):
    folder = folder_with_good(tmp_path)
    _empty(folder)
    result = run(folder, "--out", tmp_path / "out", "--no-html", "--keep-going")
    assert result.exit_code == 0
    assert lines(result.stderr, "error: ") == [f"error: {folder / 'bad.txt'}: empty file; skipped"]
    assert result.stdout.splitlines()[-1].startswith("1 document read, 1 skipped, ")
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_strict_writes_nothing_when_anything_is_rejected(tmp_path):
    folder = folder_with_good(tmp_path)
    out = tmp_path / "out"
    assert run(folder, "--out", out, "--no-html").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "more.txt").write_text(GOOD.replace("Washington", "Beijing"), encoding="utf-8")
    _latin1(folder)
    result = run(folder, "--out", out, "--no-html", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: 1 problem in the input (listed above); nothing written (--strict)"
    assert lines(result.stderr, "error: ")[0].startswith(f"error: {folder / 'bad.txt'}: not UTF-8")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    fresh = tmp_path / "fresh"
    assert run(folder, "--out", fresh, "--no-html", "--strict").exit_code == 1
    assert not fresh.exists()


def test_strict_with_clean_input_writes_as_usual(tmp_path):
    folder = folder_with_good(tmp_path)
    result = run(folder, "--out", tmp_path / "out", "--no-html", "--strict")
    assert result.exit_code == 0
    assert (tmp_path / "out" / "graph.nq").exists()


def test_strict_and_keep_going_contradict(tmp_path):
    folder = folder_with_good(tmp_path)
    result = run(folder, "--out", tmp_path / "out", "--strict", "--keep-going")
    assert result.exit_code == 2
    assert "Error: --strict and --keep-going contradict each other; choose one" in result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_input_folder(tmp_path):
    result = run(tmp_path / "nope", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope'}: input folder not found\n"
    assert not (tmp_path / "out").exists()


def test_input_is_a_file(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = run(tmp_path / "a.txt", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'a.txt'}: not a folder\n"


def test_folder_without_documents_writes_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("# not a document\n", encoding="utf-8")
    result = run(tmp_path / "in", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'in'}: no .txt documents found (at any depth); nothing to build\n"
    assert not (tmp_path / "out").exists()


def test_export_folder_that_is_a_file(tmp_path):
    folder = folder_with_good(tmp_path)
    (tmp_path / "out").write_text("", encoding="utf-8")
    result = run(folder, "--out", tmp_path / "out", "--no-html")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"Error: {tmp_path / 'out'}: exists and is not a folder; choose another --out"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_crash_inside_extraction_costs_one_document(tmp_path, monkeypatch, workers):
    """A bug in the extractor is reported against its document; the others are built."""
    folder = folder_with_good(tmp_path)
    (folder / "crash.txt").write_text("This text makes the extractor crash.\n", encoding="utf-8")
    import kg.build
    import kg.extract

    real = kg.extract.extract

    def fragile(doc, rules):
        if doc.id == "crash":
            raise ZeroDivisionError("division by zero")
        return real(doc, rules)

    monkeypatch.setattr(kg.build, "extract", fragile)  # forked workers inherit the patch
    result = run(folder, "--out", tmp_path / "out", "--no-html", "--workers", workers)
    assert result.exit_code == 1
    assert lines(result.stderr, "error: ")[0] == (
        f"error: {folder / 'crash.txt'}: internal error while extracting (ZeroDivisionError: division by zero); "
        "skipped; please report this with the file"
    )
    assert result.stdout.splitlines()[-1].startswith("1 document read, 1 skipped, ")
    assert "antony-blinken" in (tmp_path / "out" / "graph.nq").read_text(encoding="utf-8")
