"""Read an input folder of UTF-8 ``.txt`` documents with ``.meta.json`` sidecars.

Each bad file becomes one :class:`~kg.errors.DocumentError` naming it; the
others are read as usual.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from .dates import document_date
from .errors import DocumentError, InputError
from .model import Document

META_KEYS = ("title", "publisher", "author", "kind", "published", "url")
#: documents larger than this are refused: readouts are a few kB, and one
#: runaway file must not stall a build
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Corpus:
    """The documents read from a folder, and the files refused, with why."""

    documents: list[Document] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _walk(root: Path, errors: list[DocumentError]) -> Iterator[Path]:
    """Every ``.txt`` below root, in sorted order, following links once."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError as exc:
            errors.append(DocumentError(str(folder), _os_reason(exc)))
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            errors.append(DocumentError(str(folder), "symlink loop: this folder was already read; skipped"))
            continue
        seen.add(key)
        try:
            entries = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            errors.append(DocumentError(str(folder), _os_reason(exc)))
            continue
        subdirs = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as exc:
                errors.append(DocumentError(str(entry), _os_reason(exc)))
                continue
            if is_dir:
                subdirs.append(entry)
            elif entry.suffix == ".txt":
                if not is_file:
                    errors.append(DocumentError(str(entry), _broken_link_reason(entry)))
                    continue
                yield entry
            elif entry.is_symlink() and not entry.exists() and entry.name.endswith(".txt"):
                errors.append(DocumentError(str(entry), _broken_link_reason(entry)))
        stack.extend(reversed(subdirs))


def _os_reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ELOOP:
        return "symlink loop; skipped"
    return f"cannot read ({exc.strerror or exc})"


def _broken_link_reason(path: Path) -> str:
    try:
        path.stat()
    except OSError as exc:
        return _os_reason(exc)
    return "not a regular file; skipped"


def read_corpus(folder: str | Path, max_bytes: int = MAX_BYTES) -> Corpus:
    """Read every document below ``folder``; bad ones are reported, not fatal.

    Args:
        folder: the input folder.
        max_bytes: larger files are refused.

    Raises:
        InputError: the folder does not exist or is not a folder.
    """
    root = Path(folder)
    if not root.exists():
        raise InputError(f"{root}: input folder not found")
    if not root.is_dir():
        raise InputError(f"{root}: not a folder")
    corpus = Corpus()
    first_seen: dict[str, str] = {}
    for path in _walk(root, corpus.errors):
        stem = path.name[: -len(".txt")]
        if stem in first_seen:
            corpus.errors.append(DocumentError(str(path), f"duplicate document id '{stem}' (also {first_seen[stem]}); rename one"))
            continue
        first_seen[stem] = str(path)
        try:
            doc = read_document(path, max_bytes=max_bytes)
        except DocumentError as exc:
            corpus.errors.append(exc)
            continue
        corpus.warnings.extend(doc.warnings)
        corpus.documents.append(doc)
    corpus.documents.sort(key=lambda d: d.id)
    return corpus


def decode_text(raw: bytes, path: str) -> str:
    """Decode a document's bytes: UTF-8 with or without BOM, any newline convention.

    Raises:
        DocumentError: empty, binary or not UTF-8.
    """
    if not raw.strip():
        raise DocumentError(path, "empty file; skipped")
    if b"\x00" in raw[:8192]:
        raise DocumentError(path, "binary file (NUL bytes), not UTF-8 text; skipped")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DocumentError(path, f"not UTF-8: undecodable byte 0x{raw[exc.start]:02x} at offset {exc.start} (line {line}); re-save as UTF-8") from None
    # offsets in the exports count characters of this normalised text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: str | Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read one ``.txt`` and its sidecar into a :class:`Document`.

    Raises:
        DocumentError: naming the file and the problem.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(str(path), _os_reason(exc)) from None
    if size > max_bytes:
        raise DocumentError(str(path), f"too large ({size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB); split it or raise --max-mb")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), _os_reason(exc)) from None
    text = decode_text(raw, str(path))
    stem = path.name[: -len(".txt")]
    meta_path = path.with_name(stem + ".meta.json")
    meta, warnings = read_meta(meta_path) if meta_path.exists() else ({}, [])
    doc = Document(
        id=stem,
        text=text,
        path=str(path),
        title=meta.get("title"),
        publisher=meta.get("publisher"),
        author=meta.get("author"),
        kind=meta.get("kind"),
        published=meta.get("published"),
        url=meta.get("url"),
        sha256=hashlib.sha256(raw).hexdigest(),
        warnings=warnings,
    )
    doc.date, doc.date_source = document_date(text, doc.published)
    return doc


def read_meta(path: str | Path) -> tuple[dict, list[str]]:
    """Parse and check a ``.meta.json`` sidecar; unknown keys are warnings.

    Raises:
        DocumentError: not JSON, not an object, or a value of the wrong type.
    """
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(str(path), f"metadata is not UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise DocumentError(str(path), _os_reason(exc)) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DocumentError(str(path), f"metadata is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(data, dict):
        raise DocumentError(str(path), f"metadata must be a JSON object, not {type(data).__name__}")
    warnings = [f"{path}: unknown metadata key '{key}' ignored (known: {', '.join(META_KEYS)})" for key in sorted(data) if key not in META_KEYS]
    meta: dict = {}
    for key in META_KEYS:
        value = data.get(key)
        if value is None:
            continue
        if key == "published":
            meta[key] = _parse_published(path, value)
            continue
        if key == "author" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "; ".join(value)
        if not isinstance(value, str):
            raise DocumentError(str(path), f"metadata '{key}' must be a string, not {type(value).__name__}")
        meta[key] = value.strip() or None
    return meta, warnings


def _parse_published(path: Path, value: object) -> Optional[dt.date]:
    if not isinstance(value, str):
        raise DocumentError(str(path), f"metadata 'published' must be an ISO date string like \"2023-10-27\", not {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise DocumentError(str(path), f"metadata 'published' is not an ISO date (YYYY-MM-DD): {value!r}") from None
