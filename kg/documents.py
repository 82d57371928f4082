"""Read an input folder of UTF-8 ``.txt`` documents and saved web pages, with ``.meta.json`` sidecars.

Each bad file becomes one :class:`~kg.errors.DocumentError` naming it; the
others are read as usual.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from .dates import document_date
from .errors import DocumentError, InputError
from .model import Document
from .webpages import PAGE_SUFFIXES, read_page

META_KEYS = ("title", "publisher", "author", "kind", "published", "url")
#: documents larger than this are refused: readouts are a few kB, and one
#: runaway file must not stall a build
MAX_BYTES = 5 * 1024 * 1024
#: sidecars hold a few short fields; a runaway one must not reach the exports
MAX_META_BYTES = 1024 * 1024
#: the file name endings read as documents
DOC_SUFFIXES = (".txt",) + PAGE_SUFFIXES


@dataclass
class Corpus:
    """The documents read from a folder, and the files refused, with why."""

    documents: list[Document] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _outside(entry: Path, real_root: Optional[Path]) -> Optional[str]:
    """Where a link below the input folder leads when that is outside it (None: inside, or links followed)."""
    if real_root is None or not entry.is_symlink():
        return None
    target = entry.resolve()
    return None if target == real_root or real_root in target.parents else str(target)


def _link_reason(target: str) -> str:
    return f"a symbolic link to {target}, outside the input folder (--follow-links reads it)"


def _walk(root: Path, errors: list[DocumentError], warnings: Optional[list[str]] = None, follow_links: bool = False) -> Iterator[Path]:
    """Every document (``.txt``, ``.html``, ``.htm``) below root, in sorted order, following links once.

    A link back to a folder above it is a symlink loop (an error, like
    ``find -L``); a second link to a folder read elsewhere is only a warning.
    A link that leads outside root is an error unless ``follow_links``: a
    link must not carry a file from elsewhere into the exports.
    """
    warnings = warnings if warnings is not None else []
    real_root = None if follow_links else root.resolve()
    seen: dict[tuple[int, int], Path] = {}
    stack: list[tuple[Path, tuple[tuple[int, int], ...]]] = [(root, ())]
    while stack:
        folder, ancestors = stack.pop()
        try:
            st = folder.stat()
        except OSError as exc:
            errors.append(DocumentError(str(folder), _os_reason(exc)))
            continue
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            errors.append(DocumentError(str(folder), f"symlink loop (links back to {seen[key]}); skipped"))
            continue
        if key in seen:
            warnings.append(f"{folder}: same folder as {seen[key]}, already read; skipped")
            continue
        seen[key] = folder
        try:
            entries = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            errors.append(DocumentError(str(folder), _os_reason(exc)))
            continue
        names = {entry.name for entry in entries}
        for entry in entries:
            if entry.name.endswith(".meta.json") and not any(entry.name[: -len(".meta.json")] + suffix in names for suffix in DOC_SUFFIXES):
                warnings.append(f"{entry}: metadata without a document (no {entry.name[: -len('.meta.json')]}.txt beside it); ignored")
        subdirs = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as exc:
                errors.append(DocumentError(str(entry), _os_reason(exc)))
                continue
            if is_dir or (is_file and entry.suffix in DOC_SUFFIXES):
                target = _outside(entry, real_root)
                if target is not None:
                    errors.append(DocumentError(str(entry), _link_reason(target) + "; skipped"))
                    continue
            if is_dir:
                subdirs.append(entry)
            elif entry.suffix in DOC_SUFFIXES:
                if not is_file:
                    errors.append(DocumentError(str(entry), _broken_link_reason(entry)))
                    continue
                yield entry
            elif entry.is_symlink() and not entry.exists() and entry.suffix in DOC_SUFFIXES:
                errors.append(DocumentError(str(entry), _broken_link_reason(entry)))
        stack.extend((sub, ancestors + (key,)) for sub in reversed(subdirs))


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


def read_corpus(folder: str | Path, max_bytes: int = MAX_BYTES, follow_links: bool = False) -> Corpus:
    """Read every document below ``folder``; bad ones are reported, not fatal.

    Args:
        folder: the input folder.
        max_bytes: larger files are refused.
        follow_links: read symbolic links that lead outside ``folder`` (refused by default).

    Raises:
        InputError: the folder does not exist, is not a folder, or holds no ``.txt`` file.
    """
    root = Path(folder)
    if not root.exists():
        raise InputError(f"{root}: input folder not found")
    if not root.is_dir():
        raise InputError(f"{root}: not a folder")
    corpus = Corpus()
    first_seen: dict[str, str] = {}
    for path in _walk(root, corpus.errors, corpus.warnings, follow_links):
        stem = path.stem
        if stem in first_seen:
            corpus.errors.append(DocumentError(str(path), f"duplicate document id '{stem}' (also {first_seen[stem]}); rename one"))
            continue
        first_seen[stem] = str(path)
        try:
            doc = read_document(path, max_bytes=max_bytes, within=None if follow_links else root.resolve())
        except DocumentError as exc:
            corpus.errors.append(exc)
            continue
        except Exception as exc:  # a bug in kg must not cost the other documents
            corpus.errors.append(DocumentError(str(path), f"internal error while reading ({type(exc).__name__}: {exc}); skipped; please report this with the file"))
            continue
        corpus.warnings.extend(doc.warnings)
        corpus.documents.append(doc)
    corpus.documents.sort(key=lambda d: d.id)
    if not first_seen and not corpus.errors:
        raise InputError(f"{root}: no .txt documents found (at any depth); nothing to build")
    return corpus


_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def decode_text(raw: bytes, path: str) -> str:
    """Decode a document's bytes: UTF-8 with or without BOM, any newline convention.

    Raises:
        DocumentError: empty, binary or not UTF-8.
    """
    if not raw.strip():
        raise DocumentError(path, "empty file; skipped")
    for bom, name in _WIDE_BOMS:
        if raw.startswith(bom):
            raise DocumentError(path, f"{name} text, not UTF-8; re-save it as UTF-8")
    if b"\x00" in raw:
        wide = _utf16_without_bom(raw)
        if wide:
            raise DocumentError(path, f"{wide} text without a byte-order mark, not UTF-8; re-save it as UTF-8")
        raise DocumentError(path, "binary file (NUL bytes), not UTF-8 text; skipped")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DocumentError(path, f"not UTF-8: undecodable byte 0x{raw[exc.start]:02x} at offset {exc.start} (line {line}); re-save as UTF-8") from None
    # offsets in the exports count characters of this normalised text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(raw: bytes) -> Optional[str]:
    """'UTF-16LE' or 'UTF-16BE' when the bytes read as such text (a NUL in most high bytes), else None."""
    if len(raw) % 2:
        return None
    for name, high in (("UTF-16LE", raw[1::2]), ("UTF-16BE", raw[0::2])):
        # mostly Latin text: its high bytes are NUL; a few other scripts may be mixed in
        if high.count(0) * 2 >= len(high):
            try:
                text = raw.decode(name.lower().replace("utf-16", "utf-16-"))
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return name
    return None


def read_document(path: str | Path, max_bytes: int = MAX_BYTES, within: Optional[Path] = None) -> Document:
    """Read one ``.txt`` or saved page and its sidecar into a :class:`Document`.

    Args:
        path: the ``.txt`` or saved page.
        max_bytes: a larger document is refused.
        within: a resolved folder the sidecar must not link out of (None: any link is read).

    Raises:
        DocumentError: naming the file and the problem.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(str(path), _os_reason(exc)) from None
    if size > max_bytes:
        raise DocumentError(str(path), f"too large ({_mb(size)} MB; the limit is {_mb(max_bytes)} MB); split it or raise --max-mb")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), _os_reason(exc)) from None
    page_meta: dict = {}
    if path.suffix in PAGE_SUFFIXES:
        if not raw.strip():
            raise DocumentError(str(path), "empty file; skipped")
        page = read_page(raw, str(path))
        text = page.text
        page_meta = {"title": page.title, "publisher": page.publisher, "published": page.published, "url": page.url}
    else:
        text = decode_text(raw, str(path))
    stem = path.stem
    meta_path = path.with_name(stem + ".meta.json")
    try:
        target = _outside(meta_path, within)
        if target is not None:
            raise DocumentError(str(meta_path), _link_reason(target))
        meta, warnings = read_meta(meta_path) if meta_path.exists() else ({}, [])
    except DocumentError as exc:
        raise DocumentError(exc.path, f"{exc.message}; {path.name} skipped") from None
    # the sidecar wins: it is what the user wrote about this page
    meta = {**{k: v for k, v in page_meta.items() if v is not None}, **meta}
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


def _mb(size: int) -> str:
    """A size in MB for messages: '50', '0.5', '5.2'."""
    return f"{size / 1048576:.1f}".removesuffix(".0")


def read_meta(path: str | Path) -> tuple[dict, list[str]]:
    """Parse and check a ``.meta.json`` sidecar; unknown keys are warnings.

    Raises:
        DocumentError: not JSON, not an object, or a value of the wrong type.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_META_BYTES:
            raise DocumentError(str(path), f"metadata too large ({_mb(size)} MB; the limit is {_mb(MAX_META_BYTES)} MB); shorten it")
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(str(path), f"metadata is not UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise DocumentError(str(path), _os_reason(exc)) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DocumentError(str(path), f"metadata is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise DocumentError(str(path), "metadata is nested too deeply to be a sidecar (a flat JSON object is expected)") from None
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
        _check_chars(path, key, value)
        meta[key] = value.strip() or None
    return meta, warnings


def _check_chars(path: Path, key: str, value: str) -> None:
    """Refuse what no RDF tool chain carries intact: lone surrogates and NUL (C tools cut the string there)."""
    if "\x00" in value:
        raise DocumentError(str(path), f"metadata '{key}' holds a NUL character (\\u0000 at position {value.index(chr(0))}); remove it")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = ord(value[exc.start])
        raise DocumentError(str(path), f"metadata '{key}' holds an invalid character (lone surrogate \\u{bad:04x} at position {exc.start}); fix the JSON escape") from None


def _parse_published(path: Path, value: object) -> Optional[dt.date]:
    if not isinstance(value, str):
        raise DocumentError(str(path), f"metadata 'published' must be an ISO date string like \"2023-10-27\", not {type(value).__name__}")
    value = value.strip()
    try:
        if len(value) > 10:
            # a time too must be a real one: 'T25:99:00' is refused, not cut off
            return dt.datetime.fromisoformat(value).date()
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DocumentError(str(path), f"metadata 'published' is not an ISO date (YYYY-MM-DD): {value!r}") from None
