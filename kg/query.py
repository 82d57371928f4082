"""SPARQL over an export: load it into Oxigraph, run a query, format the results.

Queries run on pyoxigraph (rdflib's own SPARQL engine is far slower on large
graphs). A small export is loaded into memory on each call; a large one into
an on-disk store, once, in ``.kg-store/`` beside it (or the user's cache when
that folder cannot be written), which later calls open in a moment. Every prefix of the vocabulary (``person:``, ``meeting:``,
``schema:``, ``kgo:`` ...) is predeclared, so queries need no PREFIX lines.

A query is given as SPARQL text, a ``.rq`` file, or the name of a bundled
query (``kg/queries/<name>.rq``). Parameters are written ``$name`` in the
query and replaced by a constant before it runs:

* ``<https://...>`` or a prefixed name of the vocabulary (``person:wang-yi``)
  becomes an IRI;
* ``"text"@en`` and ``"2023-10-26"^^xsd:date`` become those literals;
* anything else becomes a plain string literal.

Only SELECT, ASK, CONSTRUCT and DESCRIBE run: an UPDATE is refused, since the
export is read, never written.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import itertools
import json
import multiprocessing
import os
import re
import shutil
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

import pyoxigraph as ox

from .errors import (
    ExportError,
    QueryError,
    QueryMemoryError,
    QueryParamError,
    QuerySyntaxError,
    QueryTimeout,
    ReadOnlyError,
    ServiceRefusedError,
    UnknownQueryError,
)
from . import sandbox
from .files import current_umask
from .rdf import EXPORT_FORMATS, PREFIXES, XSD, _compact, resolve_export  # resolve_export: also this module's API

QUERY_DIR = Path(__file__).parent / "queries"
FORMATS = ("table", "csv", "tsv", "json")
#: the widest a table cell gets before its text wraps onto more lines
CELL_WIDTH = 60

READ_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


# -- the export ---------------------------------------------------------------


#: exports up to this size load into memory on every call; larger ones go to an
#: on-disk store built once. Measured on 100 documents (8 MB of TriG): loading
#: into memory 1.7 s, opening the built store 0.05 s, and the 14 bench queries
#: 0.3 s in memory against 0.6 s on disk; 2 MB load in about 0.4 s.
MEMORY_MAX_BYTES = 2 << 20
#: the folder beside an export that holds its on-disk stores
STORE_DIR = ".kg-store"
#: written last into a finished store: what it was built from
STORE_MARK = "kg-store.json"
#: quads handed to Oxigraph's bulk loader at a time: its memory grows with the batch
BULK_BATCH = 250_000


def is_large(file: Path) -> bool:
    """Whether an export file is past :data:`MEMORY_MAX_BYTES`: queried from an on-disk store, never held in memory."""
    return file.stat().st_size > MEMORY_MAX_BYTES


def load_store(path: str | Path = "exports", persist: Optional[bool] = None, notice: Optional[Callable[[str], None]] = None) -> ox.Store:
    """An Oxigraph store holding an export (a folder or one RDF file).

    The default graph holds every fact; each document's named graph
    ``graph:<doc id>`` holds what it alone asserts, with the evidence.

    A small export is loaded into memory. A large one is loaded once into an
    on-disk store (see :func:`store_path`) that later calls open read-only in
    a fraction of a second, as long as the export file is unchanged.

    Args:
        path: an export folder or one of its RDF files.
        persist: True or False to force the on-disk or the in-memory store;
            None chooses by size (:data:`MEMORY_MAX_BYTES`).
        notice: told, in one line, when an on-disk store is about to be
            built (minutes for 10,000 documents), so a user is not left waiting in silence.

    Raises:
        ExportError: missing or unreadable, or the on-disk store cannot be built.
    """
    file = resolve_export(path)
    if persist is None:
        persist = is_large(file)
    if persist:
        built = store_path(file, build=True, notice=notice)
        if built is not None:
            try:
                return ox.Store.read_only(str(built))
            except OSError as exc:
                raise ExportError(f"{built}: cannot open the query store ({_first_line(exc)}); delete that folder to rebuild it") from None
    store = ox.Store()
    try:
        store.bulk_load(path=str(file), format=EXPORT_FORMATS[file.suffix])
    except (SyntaxError, ValueError, OSError) as exc:
        raise ExportError(f"{file}: cannot read RDF: {_first_line(exc)}") from None
    return store


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _store_key(file: Path) -> str:
    """What identifies one state of an export file: its path, size and modification time."""
    st = file.stat()
    ident = f"{file.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\0{ox.__version__}"
    return hashlib.sha256(ident.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def store_roots(file: Path) -> list[Path]:
    """Where an export's on-disk store may live, in order of preference.

    First ``.kg-store/`` beside the export, so it goes where the export goes
    and is deleted with it; then the user's cache (``$XDG_CACHE_HOME/kg/stores``),
    for exports in folders kg may not write to.
    """
    folder = file.resolve().parent
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg" / "stores"
    tag = hashlib.sha256(str(folder).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return [folder / STORE_DIR, cache / tag]


def store_path(file: Path, build: bool = False, notice: Optional[Callable[[str], None]] = None) -> Optional[Path]:
    """The on-disk store of an export file, if one matches its current state.

    With ``build``, one is built when none matches: in a temporary folder,
    renamed into place when complete, so a reader never sees half a store;
    stores of earlier states of the file are removed. Returns None when no
    location can be written (the caller then loads into memory).

    Raises:
        ExportError: the export cannot be read, or the store cannot be built
            (the disk is full, say).
    """
    file = Path(file)
    name = f"{file.name}-{_store_key(file)}"
    roots = store_roots(file)
    for root in roots:
        if (root / name / STORE_MARK).is_file():
            return root / name
    if not build:
        return None
    for root in roots:
        try:
            root.mkdir(parents=True, exist_ok=True)
            lock = open(root / ".lock", "a")
        except OSError:
            continue  # read-only or not ours: try the next place
        with lock:
            _lock(lock)
            if (root / name / STORE_MARK).is_file():  # another process built it while we waited
                return root / name
            try:
                tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=root))
                tmp.chmod(0o777 & ~current_umask())  # readable like the export, not private as mkdtemp makes it
            except OSError:
                continue
            if notice is not None:
                size = file.stat().st_size / 1048576
                notice(f"building the query store of {file} ({size:,.0f} MB) in {root / name}: once, while the export is unchanged")
            try:
                _build_store(file, tmp)
                if (root / name).exists():  # unfinished, without its mark: no reader uses it
                    shutil.rmtree(root / name)
                os.replace(tmp, root / name)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            _remove_stale(root, file.name, name)
            return root / name
    return None


def _lock(fh) -> None:
    """Hold an exclusive lock on an open file until it is closed (POSIX only)."""
    try:
        import fcntl
    except ImportError:  # Windows: concurrent builds are wasted work, never wrong
        return
    fcntl.flock(fh.fileno(), fcntl.LOCK_EX)


def _build_store(file: Path, folder: Path) -> None:
    try:
        store = ox.Store(str(folder))
        quads = ox.parse(path=str(file), format=EXPORT_FORMATS[file.suffix])
        count = 0
        while True:
            # in batches: the bulk loader's memory grows with what it is handed at once
            batch = list(itertools.islice(quads, BULK_BATCH))
            if not batch:
                break
            store.bulk_extend(batch)
            count += len(batch)
        store.optimize()  # one compaction now makes every later query cheaper
        store.flush()
        del store
    except (SyntaxError, ValueError) as exc:
        raise ExportError(f"{file}: cannot read RDF: {_first_line(exc)}") from None
    except OSError as exc:
        if getattr(exc, "errno", None) == errno.ENOSPC or "No space left" in str(exc):
            reason = "no space left on the device (the store takes about 1.3 times the size of graph.nq)"
        else:
            # RocksDB nests its causes ("IO error: ...: IO error: ...: File too large"): the last says it
            reason = _first_line(exc).split(": ")[-1]
        raise ExportError(f"cannot build the query store of {file} in {folder.parent}: {reason}") from None
    st = file.stat()
    mark = {"source": str(file.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns, "quads": count, "pyoxigraph": ox.__version__}
    (folder / STORE_MARK).write_text(json.dumps(mark, indent=1) + "\n", encoding="utf-8")


def _remove_stale(root: Path, file_name: str, keep: str) -> None:
    """Remove the stores of earlier states of an export file, and builds that died.

    Called with the lock held: no other build is under way, so any ``.build-``
    folder is left over from a process that was killed.
    """
    for old in root.iterdir():
        stale = old.name.startswith(file_name + "-") and old.name != keep
        if (stale or old.name.startswith(".build-")) and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def store_of_quads(quads) -> ox.Store:
    """An in-memory store holding the given quads."""
    store = ox.Store()
    store.extend(quads)
    return store


# -- named queries --------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A parameter of a named query: ``$name`` in its text."""

    name: str
    description: str
    required: bool = True


@dataclass(frozen=True)
class NamedQuery:
    """A bundled query: ``kg/queries/<name>.rq``.

    Its leading comment holds a one-line summary, then free text, then
    ``# param NAME: what it is`` lines (``# param NAME (optional): ...`` for
    optional ones, which default to the empty string) and ``# example:`` lines.
    """

    name: str
    path: Path
    summary: str
    description: str
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


_PARAM_LINE = re.compile(r"^param\s+([A-Za-z_]\w*)\s*(\(optional\))?\s*:\s*(.*)$")


def _parse_header(name: str, path: Path) -> NamedQuery:
    comments: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped:
            if comments and comments[-1] != "":
                comments.append("")
            continue
        if not stripped.startswith("#"):
            break
        comments.append(stripped[1:].strip())
    summary = ""
    text: list[str] = []
    params: list[Param] = []
    examples: list[str] = []
    for line in comments:
        m = _PARAM_LINE.match(line)
        if m:
            params.append(Param(m.group(1), m.group(3).strip(), required=not m.group(2)))
        elif line.startswith("example:"):
            examples.append(line[len("example:") :].strip())
        elif not summary and line:
            summary = line
        else:
            text.append(line)
    return NamedQuery(name, path, summary, "\n".join(text).strip(), tuple(params), tuple(examples))


def named_queries() -> dict[str, NamedQuery]:
    """Every bundled query by name, sorted by name."""
    out = {}
    for path in sorted(QUERY_DIR.glob("*.rq"), key=lambda p: p.stem):
        out[path.stem] = _parse_header(path.stem, path)
    return out


def list_queries() -> str:
    """The bundled queries, one block each: name, summary, parameters."""
    lines = []
    for q in named_queries().values():
        if lines:
            lines.append("")
        lines.append(f"{q.name}: {q.summary}")
        width = max((len(p.name) for p in q.params), default=0)
        for p in q.params:
            lines.append(f"    --param {p.name.ljust(width)}  {'' if p.required else '(optional) '}{p.description}")
        for ex in q.examples:
            lines.append(f"    e.g. {ex}")
    return "\n".join(lines)


_SPARQL_START = re.compile(r"^\s*(#[^\n]*\n\s*)*(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)


def resolve_query(spec: str) -> tuple[str, Optional[NamedQuery]]:
    """The text of a query given as SPARQL, a file, or a bundled query's name.

    Returns:
        the text and, for a bundled query, its description.

    Raises:
        UnknownQueryError: ``spec`` is neither; the message lists the bundled queries.
    """
    named = named_queries()
    if spec in named:
        return named[spec].text, named[spec]
    if _SPARQL_START.match(spec) or "{" in spec:
        return spec, None
    path = Path(spec)
    if path.is_file():
        try:
            return path.read_text(encoding="utf-8"), None
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read the query file ({exc})") from None
    if path.suffix in (".rq", ".sparql") or "/" in spec:
        raise QueryError(f"{spec}: no such query file")
    raise UnknownQueryError(f"unknown query '{spec}'; the bundled queries are: {', '.join(named)} (kg query --list describes them)")


# -- lexing: parameters and the query form ------------------------------------------

_LEX = re.compile(
    r"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n\r]|\\.)*"
      | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<param>\$[A-Za-z_][A-Za-z0-9_]*)
  | (?P<var>\?[A-Za-z0-9_]+)
  | (?P<word>[A-Za-z_][\w.-]*(?::[\w.%-]*)?|:[\w.%-]*)
    """,
    re.X | re.S,
)


def _tokens(text: str) -> Iterator[re.Match]:
    return _LEX.finditer(text)


def query_form(text: str) -> Optional[str]:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or an update keyword (INSERT, LOAD ...); None if unclear."""
    for tok in _tokens(text):
        if tok.lastgroup == "word":
            word = tok.group().upper()
            if word in READ_FORMS or word in UPDATE_FORMS:
                return word
    return None


def check_read_only(text: str) -> None:
    """Refuse a SPARQL UPDATE.

    Raises:
        ReadOnlyError: the text is an update (INSERT, DELETE, LOAD, CLEAR, DROP ...).
    """
    form = query_form(text)
    if form in UPDATE_FORMS:
        raise ReadOnlyError(f"SPARQL UPDATE ({form}) is refused: queries over the export are read-only")


def uses_service(text: str) -> bool:
    """Whether a query calls out to another endpoint (SERVICE): Oxigraph would fetch it over HTTP."""
    return any(tok.lastgroup == "word" and tok.group().upper() == "SERVICE" for tok in _tokens(text))


def may_use_service(text: str) -> bool:
    """Whether the text holds the letters of SERVICE anywhere: Oxigraph reads keywords only as written, so no other query can call out."""
    return "service" in text.lower()


def refuse_service(text: str, message: str = "SERVICE (a federated query) is refused: kg would fetch another endpoint's URL; query the export only, or pass --allow-service") -> None:
    """Refuse a federated query (SERVICE), which would make kg fetch a URL.

    Args:
        text: the query.
        message: the error's text.

    Raises:
        ServiceRefusedError: the query uses SERVICE.
    """
    if uses_service(text):
        raise ServiceRefusedError(message)


def query_params(text: str) -> list[str]:
    """The ``$name`` parameters a query uses, in order of first use."""
    seen: list[str] = []
    for tok in _tokens(text):
        if tok.lastgroup == "param" and tok.group()[1:] not in seen:
            seen.append(tok.group()[1:])
    return seen


_TYPED = re.compile(r'^"(.*)"\^\^(<[^>]*>|[A-Za-z_][\w.-]*:[\w.-]*)$', re.S)
_LANG = re.compile(r'^"(.*)"@([A-Za-z]+(?:-[A-Za-z0-9]+)*)$', re.S)
_PNAME = re.compile(r"^([A-Za-z][\w.-]*):([\w.%-]*)$")


def _expand(name: str) -> Optional[str]:
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    m = _PNAME.match(name)
    if m and m.group(1) in PREFIXES:
        return PREFIXES[m.group(1)] + m.group(2)
    return None


def param_term(value: str):
    """The RDF term a ``--param`` value stands for (see the module docstring).

    Raises:
        QueryParamError: an IRI or datatype that cannot be used.
    """
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise QueryParamError(f"{value}: not a valid IRI ({exc})") from None
    m = _TYPED.match(value)
    if m:
        datatype = _expand(m.group(2))
        if datatype is None:
            raise QueryParamError(f"{value}: unknown datatype prefix in '{m.group(2)}'")
        return ox.Literal(m.group(1), datatype=ox.NamedNode(datatype))
    m = _LANG.match(value)
    if m:
        return ox.Literal(m.group(1), language=m.group(2).lower())
    if _PNAME.match(value) and _expand(value) is not None:
        return ox.NamedNode(_expand(value))
    return ox.Literal(value)


@dataclass
class _Substituted:
    text: str
    #: (start in new text, end in new text, start in old text, end in old text)
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)

    def original_offset(self, offset: int) -> int:
        shift = 0
        for new_start, new_end, old_start, old_end in self.spans:
            if offset < new_start:
                break
            if offset < new_end:
                return old_start
            shift = old_end - new_end
        return offset + shift


def bind_params(text: str, params: dict[str, object], named: Optional[NamedQuery] = None) -> _Substituted:
    """Replace each ``$name`` by its value, as an RDF term in SPARQL syntax.

    Args:
        text: the query.
        params: name -> value (a string as on the command line, or a pyoxigraph term).
        named: the bundled query, whose declared parameters are checked.

    Raises:
        QueryParamError: a required parameter is missing, or one is given that the query lacks.
    """
    used = query_params(text)
    values: dict[str, object] = dict(params)
    if named is not None:
        declared = {p.name: p for p in named.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            allowed = ", ".join(declared) or "none"
            raise QueryParamError(f"{named.name} has no parameter {', '.join(unknown)} (its parameters: {allowed})")
        missing = [p.name for p in named.params if p.required and p.name not in values]
        if missing:
            needs = " ".join(f"--param {n}=..." for n in missing)
            raise QueryParamError(f"{named.name} needs {needs} ({'; '.join(f'{n}: {declared[n].description}' for n in missing)})")
        for p in named.params:
            values.setdefault(p.name, "")
    else:
        unknown = sorted(set(values) - set(used))
        if unknown:
            raise QueryParamError(f"the query has no parameter ${unknown[0]}; write ${unknown[0]} in the query where the value goes")
        missing = [n for n in used if n not in values]
        if missing:
            raise QueryParamError(f"the query uses ${missing[0]}; give it with --param {missing[0]}=...")
    out = _Substituted("")
    parts: list[str] = []
    pos = 0
    new_len = 0
    for tok in _tokens(text):
        if tok.lastgroup != "param":
            continue
        name = tok.group()[1:]
        value = values.get(name)
        term = value if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)) else param_term(str(value))
        chunk = text[pos : tok.start()]
        parts.append(chunk)
        new_len += len(chunk)
        rendered = str(term)
        out.spans.append((new_len, new_len + len(rendered), tok.start(), tok.end()))
        parts.append(rendered)
        new_len += len(rendered)
        pos = tok.end()
    parts.append(text[pos:])
    out.text = "".join(parts)
    return out


# -- syntax errors -------------------------------------------------------------------

_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _offset(text: str, line: int, col: int) -> int:
    lines = text.split("\n")
    line = max(1, min(line, len(lines)))
    return sum(len(x) + 1 for x in lines[: line - 1]) + max(0, col - 1)


def syntax_message(message: str, sub: _Substituted, original: str) -> str:
    """One line: 'syntax error at line L, column C: expected ... (near '...')'."""
    m = _POSITION.match(message)
    if not m:
        return "syntax error: " + " ".join(message.split())[:160]
    offset = sub.original_offset(_offset(sub.text, int(m.group(1)), int(m.group(2))))
    offset = min(offset, len(original))
    detail = " ".join(m.group(3).split())
    if "Prefix not found" in detail:
        pname = re.search(r"([A-Za-z][\w.-]*):[\w.%-]*\s*$", original[:offset])
        if pname:
            offset = pname.start()
            detail = f"unknown prefix '{pname.group(1)}:'"
        else:
            detail = "unknown prefix"
    elif len(detail) > 100:
        detail = detail[:97].rstrip(", ") + " …"
    line, col = _line_col(original, offset)
    near = original[offset : offset + 24].split("\n")[0].strip()
    where = f" (near '{near}')" if near else " (at the end of the query)" if offset >= len(original.rstrip()) else ""
    return f"syntax error at line {line}, column {col}: {detail}{where}"


# -- results ----------------------------------------------------------------------------


@dataclass
class QueryResult:
    """What a query answered.

    ``kind`` is 'select', 'ask' or 'construct' (DESCRIBE too). SELECT fills
    ``variables`` and ``rows`` (pyoxigraph terms, None where unbound); ASK
    ``boolean``; CONSTRUCT ``triples``. Iterating a SELECT result gives one
    dict per row of plain Python values (see :func:`plain`).
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: Optional[bool] = None
    triples: list = field(default_factory=list)
    seconds: float = 0.0

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "construct":
            return len(self.triples)
        return 1

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else len(self) > 0

    def __iter__(self):
        if self.kind == "select":
            for row in self.rows:
                yield {v: plain(t) for v, t in zip(self.variables, row)}
        elif self.kind == "construct":
            yield from self.triples
        else:
            yield self.boolean

    def dicts(self) -> list[dict]:
        """Each SELECT row as {variable: plain value}."""
        return list(self)

    def column(self, name: str) -> list:
        """One variable's plain values, row by row."""
        i = self.variables.index(name)
        return [plain(row[i]) for row in self.rows]

    def format(self, fmt: str = "table") -> str:
        """The result as 'table', 'csv', 'tsv' or 'json' text."""
        if fmt not in FORMATS:
            raise QueryError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
        return {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json}[fmt](self)

    def __str__(self) -> str:
        return self.format("table")


_NUMERIC = {XSD + "integer": int, XSD + "int": int, XSD + "long": int, XSD + "nonNegativeInteger": int, XSD + "decimal": float, XSD + "double": float, XSD + "float": float}


def plain(term):
    """A term as a plain Python value: an IRI as its compact name ('person:wang-yi'),
    a number as int or float, a boolean as bool, any other literal (dates too) as its text."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return _compact(term.value)
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype is not None else ""
        if dt in _NUMERIC:
            try:
                return _NUMERIC[dt](term.value)
            except ValueError:
                return term.value
        if dt == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return str(term)


def _cell_lines(term) -> list[str]:
    """A value as the lines of a table cell: its own line breaks kept, long lines wrapped."""
    if term is None:
        return [""]
    value = term.value if isinstance(term, ox.Literal) else str(plain(term))
    out: list[str] = []
    for line in value.split("\n"):
        line = " ".join(line.split())
        out.extend(textwrap.wrap(line, CELL_WIDTH, break_on_hyphens=False) or [""])
    return out


def to_table(result: QueryResult) -> str:
    """Aligned columns for a terminal; a CONSTRUCT result as Turtle.

    IRIs show as compact names (person:wang-yi), literals as their text; a
    value with line breaks, or longer than CELL_WIDTH, spans several lines,
    and rows are then set apart by a blank line.
    """
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    if result.kind == "construct":
        if not result.triples:
            return "(no triples)"
        return ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=_used_prefixes(result.triples)).decode("utf-8").rstrip("\n")
    header = list(result.variables)
    body = [[_cell_lines(t) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(line) for r in body for line in r[i]]) for i, h in enumerate(header)]
    tall = any(len(c) > 1 for r in body for c in r)
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for n, r in enumerate(body):
        if tall and n:
            lines.append("")
        for k in range(max((len(c) for c in r), default=1)):
            lines.append("  ".join((c[k] if k < len(c) else "").ljust(w) for c, w in zip(r, widths)).rstrip())
    n = len(result.rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines)


def _used_prefixes(triples) -> dict[str, str]:
    text = " ".join(str(t) for t in triples[:2000])
    return {p: ns for p, ns in PREFIXES.items() if ns in text}


def _table_of(result: QueryResult) -> tuple[list[str], list[tuple]]:
    if result.kind == "construct":
        return ["subject", "predicate", "object"], [(t.subject, t.predicate, t.object) for t in result.triples]
    return result.variables, result.rows


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: IRIs and literal values as plain text, a header of variable names."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\r\n"
    variables, rows = _table_of(result)
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(t) for t in row])
    return buf.getvalue()


def to_tsv(result: QueryResult) -> str:
    """Tab-separated plain values under a header of variable names, as spreadsheets and ``cut`` read them.

    A tab or line break inside a value becomes a space, so that each row stays one line.
    """
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    variables, rows = _table_of(result)
    lines = ["\t".join(variables)]
    for row in rows:
        lines.append("\t".join(" ".join(_csv_value(t).replace("\t", " ").splitlines()) for t in row))
    return "\n".join(lines) + "\n"


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject), "predicate": _json_term(term.predicate), "object": _json_term(term.object)}}
    raise QueryError(f"unexpected term {term!r}")


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (a CONSTRUCT result as bindings of subject, predicate, object)."""
    if result.kind == "ask":
        doc: dict = {"head": {}, "boolean": bool(result.boolean)}
    else:
        variables, rows = _table_of(result)
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# -- running ----------------------------------------------------------------------------


def _raw_query(store: ox.Store, text: str):
    return store.query(text, prefixes=PREFIXES)


def _collect(answer, seconds: float) -> QueryResult:
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [tuple(sol[v] for v in variables) for sol in answer]
        return QueryResult("select", variables=variables, rows=rows, seconds=seconds)
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer), seconds=seconds)
    return QueryResult("construct", triples=list(answer), seconds=seconds)


def _serialize_answer(answer) -> bytes:
    """How a child process hands its answer back: SPARQL JSON, or N-Triples for graphs."""
    if isinstance(answer, (ox.QuerySolutions, ox.QueryBoolean)):
        return b"R" + answer.serialize(format=ox.QueryResultsFormat.JSON)
    return b"G" + answer.serialize(format=ox.RdfFormat.N_TRIPLES)


def _deserialize_answer(data: bytes):
    if data[:1] == b"R":
        return ox.parse_query_results(data[1:], format=ox.QueryResultsFormat.JSON)
    return [t for t in ox.parse(data[1:], format=ox.RdfFormat.N_TRIPLES)]


def run_isolated(work: Callable[[], bytes], timeout: Optional[float], memory: Optional[int] = None, network: bool = True) -> bytes:
    """Run ``work`` in a forked child process and return its bytes; kill it after ``timeout`` seconds.

    Oxigraph evaluates a query in native code that cannot be interrupted, so a
    runaway query is stopped by ending the process that runs it. The child
    dies with its parent, and runs under the limits of :mod:`kg.sandbox`.
    Where fork is unavailable the work runs in a thread that is abandoned on timeout.

    Args:
        work: makes the answer's bytes.
        timeout: seconds before the child is killed (None: no limit).
        memory: bytes the child may allocate (None: no cap).
        network: False cuts the child off the network, so SERVICE cannot fetch anything.

    Raises:
        QueryTimeout: it ran past ``timeout``.
        QueryMemoryError: it needed more than ``memory``.
        ServiceRefusedError: it tried to reach the network where ``network`` is False.
        QuerySyntaxError, QueryError: what ``work`` raised.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return _run_in_thread(work, timeout)
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    parent = os.getpid()

    def child() -> None:
        cut = sandbox.confine(parent, memory, network)
        try:
            payload = ("ok", work())
        except SyntaxError as exc:
            payload = ("syntax", str(exc))
        except QueryError as exc:
            payload = ("query", str(exc))
        except MemoryError:
            payload = ("memory", "")
        except OSError as exc:
            # the store is local: with the network cut, a network error is the query calling out
            payload = ("service", str(exc)) if cut and _NETWORK_ERROR.search(str(exc)) else ("error", f"{type(exc).__name__}: {exc}")
        except BaseException as exc:  # anything else: report it, never hang the parent
            payload = ("error", f"{type(exc).__name__}: {exc}")
        try:
            send.send(payload)
        except BaseException:
            pass

    import warnings

    with warnings.catch_warnings():
        # Python 3.12+ warns on fork in a threaded process (the endpoint); the child only reads the store.
        warnings.simplefilter("ignore", DeprecationWarning)
        proc = ctx.Process(target=child, daemon=True)
        proc.start()
    send.close()
    try:
        if not recv.poll(timeout):
            raise QueryTimeout(f"query stopped after {timeout:g} s (time limit); narrow it or raise --timeout")
        try:
            status, value = recv.recv()
        except EOFError:
            proc.join(1)
            if memory is not None:
                # a native allocation past RLIMIT_AS aborts the child rather than raising
                status, value = "memory", ""
            else:
                raise QueryError(f"the query process ended without an answer (exit code {proc.exitcode}); it may have run out of memory") from None
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join()
    if status == "ok":
        return value
    if status == "syntax":
        raise SyntaxError(value)
    if status == "memory":
        raise QueryMemoryError(f"query stopped: it needed more than {memory / 1048576:g} MB (memory limit); narrow it or raise --memory-mb")
    if status == "service":
        raise ServiceRefusedError(f"SERVICE (a federated query) is refused: the query tried to reach the network ({value})")
    raise QueryError(value)


#: what a blocked connection or name lookup says from inside Oxigraph
_NETWORK_ERROR = re.compile(r"os error (101|99|111|113)\b|network is unreachable|lookup address|resolve", re.I)


def _run_in_thread(work: Callable[[], bytes], timeout: Optional[float]) -> bytes:
    box: dict = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:
            box["error"] = exc

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise QueryTimeout(f"query stopped after {timeout:g} s (time limit); narrow it or raise --timeout")
    if "error" in box:
        raise box["error"]
    return box["value"]


def prepare(query: str, params: Optional[dict] = None) -> tuple[str, _Substituted, Optional[NamedQuery]]:
    """Resolve a query (text, file or name), refuse updates and bind parameters.

    Returns:
        the original text, the text with parameters bound, and the bundled query if one was named.
    """
    text, named = resolve_query(query)
    check_read_only(text)
    sub = bind_params(text, params or {}, named)
    return text, sub, named


def run(
    store: ox.Store,
    query: str,
    params: Optional[dict] = None,
    timeout: Optional[float] = None,
    isolate: bool = False,
    allow_service: bool = False,
    memory: Optional[int] = None,
) -> QueryResult:
    """Run a read-only SPARQL query over a store.

    Args:
        store: the data (see :func:`load_store`).
        query: SPARQL text, a ``.rq`` file, or a bundled query's name.
        params: values for the query's ``$name`` parameters.
        timeout: seconds before the query is stopped (None: no limit).
        isolate: run in a child process even without a timeout (so Ctrl-C stops it at once).
        allow_service: let SERVICE fetch other endpoints (refused by default).
        memory: bytes the query may allocate, in its child process (None: no cap).

    Raises:
        QuerySyntaxError: the query does not parse (one line, with line and column).
        ReadOnlyError: the query is an UPDATE.
        UnknownQueryError: no bundled query has that name.
        QueryParamError: parameters missing or unknown.
        QueryTimeout: it ran past ``timeout``.
        QueryMemoryError: it needed more than ``memory``.
        ServiceRefusedError: it uses SERVICE and ``allow_service`` is False.
    """
    text, sub, _named = prepare(query, params)
    if not allow_service:
        refuse_service(sub.text)
        # a SERVICE the check above missed still cannot fetch: the query runs with the network cut
        isolate = isolate or may_use_service(sub.text)
    started = time.perf_counter()
    try:
        if timeout is None and not isolate and memory is None:
            answer = _raw_query(store, sub.text)
            result = _collect(answer, 0.0)
        else:
            data = run_isolated(lambda: _serialize_answer(_raw_query(store, sub.text)), timeout, memory=memory, network=allow_service)
            result = _collect(_deserialize_answer(data), 0.0)
    except SyntaxError as exc:
        raise QuerySyntaxError(syntax_message(str(exc), sub, text)) from None
    except OSError as exc:
        raise QueryError(f"the query failed: {exc}") from None
    result.seconds = time.perf_counter() - started
    return result


def query_export(
    query: str,
    data: str | Path = "exports",
    params: Optional[dict] = None,
    fmt: str = "table",
    timeout: Optional[float] = None,
    notice: Optional[Callable[[str], None]] = None,
    allow_service: bool = False,
) -> str:
    """What ``kg query`` prints: load the export, run the query, format the answer.

    Args:
        query: SPARQL text, a ``.rq`` file, or a bundled query's name.
        data: an export folder or one RDF file.
        params: values for ``$name`` parameters.
        fmt: 'table', 'csv', 'tsv' or 'json'.
        timeout: seconds before the query is stopped.
        notice: told when a query store is about to be built (see :func:`load_store`).
        allow_service: let SERVICE fetch other endpoints (refused by default).
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    _text, sub, named = prepare(query, params)  # fail on the query before spending time on the data
    if not allow_service:
        refuse_service(sub.text)
    store = load_store(data, notice=notice)
    if named is not None:
        check_people(store, named, params or {})
    return run(store, query, params, timeout=timeout, isolate=True, allow_service=allow_service).format(fmt)


def check_people(store: ox.Store, named: NamedQuery, params: dict) -> None:
    """Refuse a person parameter of a bundled query that names no one, suggesting the nearest names.

    A parameter is a person when it is called ``person`` or described as "one person" or "the other person".

    Raises:
        UnknownEntityError: ``--param a: no person named 'Antony Blinkn'; did you mean 'Antony Blinken'?``
    """
    from .api import KG
    from .errors import UnknownEntityError

    lookup = None
    for param in named.params:
        value = str(params.get(param.name) or "").strip()
        if not value or "^^" in value or not (param.name == "person" or param.description.startswith(("one person", "the other person"))):
            continue
        if lookup is None:
            lookup = KG()
            lookup.__dict__["store"] = store  # the store just loaded: no second copy
        try:
            lookup._resolve("person", value.strip("<>"))
        except UnknownEntityError as exc:
            if "ambiguous" not in str(exc):
                raise UnknownEntityError(f"--param {param.name}: {exc}") from None


def parse_param_options(options: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``("a=Antony Blinken", "b=Wang Yi")`` -> ``{"a": "Antony Blinken", "b": "Wang Yi"}``.

    Raises:
        QueryParamError: an option without '=' or with a bad name.
    """
    out: dict[str, str] = {}
    for opt in options:
        name, sep, value = opt.partition("=")
        name = name.strip().lstrip("$?")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryParamError(f"--param {opt!r}: write it as NAME=VALUE, e.g. --param a=\"Antony Blinken\"")
        out[name] = value
    return out
