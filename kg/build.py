"""The build: documents in, graph and export files out.

extract (per document, in parallel processes, cached by content and rules)
-> merge (across documents) -> views (RDF files, HTML), each written atomically.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from . import cache
from .documents import MAX_BYTES, Corpus, read_corpus
from .errors import DocumentError, ExportError, KGError
from .export_folder import BuildLock, locked, replacing
from .extract import extract
from .files import _AtomicFile, write_atomic
from .gazetteer import gazetteer_for
from .memory import collector_paused
from .merge import merge
from .model import DocFacts, Document, Evidence, Graph
from .rdf import ChunkSerializer, JsonLdSerializer, NQuadsSerializer, TrigSerializer, TurtleSerializer, iter_graphs
from .ruleset import RuleSet, load_rules

#: export file name -> streaming serializer of the dataset's chunks
RDF_EXPORTS: dict[str, type[ChunkSerializer]] = {
    "graph.ttl": TurtleSerializer,
    "graph.trig": TrigSerializer,
    "graph.nq": NQuadsSerializer,
    "graph.jsonld": JsonLdSerializer,
}
CACHE_FORMAT = "3"


@dataclass
class BuildResult:
    """What a build read, made and wrote."""

    graph: Graph
    corpus: Corpus
    quads: object = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    cached: int = 0

    @property
    def summary(self) -> str:
        c = self.corpus
        return (
            f"{len(c.documents)} documents read, {len(c.errors)} skipped, "
            f"{len(self.quads)} quads, {len(self.graph.meetings)} meetings, {len(self.graph.people)} people"
        )


_WORKER_RULES: Optional[RuleSet] = None


def _init_worker(rules: RuleSet) -> None:
    global _WORKER_RULES
    _WORKER_RULES = rules


def _extract_in_worker(doc: Document) -> DocFacts | DocumentError:
    assert _WORKER_RULES is not None
    facts = _extract_one(doc, _WORKER_RULES)
    if isinstance(facts, DocFacts):
        facts.doc = None  # the parent has the document; don't send its text back
    return facts


def _extract_one(doc: Document, rules: RuleSet) -> DocFacts | DocumentError:
    """Extract one document; a crash becomes that document's error, not the build's."""
    try:
        return _share_strings(extract(doc, rules))
    except Exception as exc:  # a bug in kg must not cost the other documents
        return DocumentError(doc.path or doc.id, f"internal error while extracting ({type(exc).__name__}: {exc}); skipped; please report this with the file")


def _share_strings(facts: DocFacts) -> DocFacts:
    """One object for each distinct string, offset and evidence of a document's facts; the values do not change.

    Extraction makes a new object for every quote, surface, id and offset it
    records (a sentence is quoted once for each fact it states). Shared before
    the facts are pickled (to the parent process, to the cache), they stay
    shared after: that about halves the facts' size in transit, on disk and in
    memory.
    """
    pool: dict[str | int, str | int] = {}
    # keyed by the fields' tuple, which hashes and compares in C: Evidence's own methods are Python
    evidences: dict[tuple, Evidence] = {}

    def one(value):
        return pool.setdefault(value, value) if type(value) in (str, int) else value

    def evidence(ev: Evidence) -> Evidence:
        key = (ev.doc, ev.start, ev.end, ev.quote, ev.rule)
        same = evidences.get(key)
        if same is None:
            for name in ("doc", "start", "end", "quote", "rule"):
                object.__setattr__(ev, name, one(getattr(ev, name)))
            same = evidences[key] = ev
        return same

    for m in facts.mentions:
        m.kind, m.target, m.surface = one(m.kind), one(m.target), one(m.surface)
        m.evidence = evidence(m.evidence)
    for meeting in facts.meetings:
        meeting.facts = [(one(d), one(p), one(v), evidence(ev)) for d, p, v, ev in meeting.facts]
        for st in meeting.stances:
            st.evidence = evidence(st.evidence)
    for person in facts.people.values():
        person.evidence = [evidence(ev) for ev in person.evidence]
    return facts


def _share_rule_objects(facts: DocFacts, rules: RuleSet) -> DocFacts:
    """Point a document's places and organizations back at the rules' own objects.

    Extraction hands out the gazetteer's objects, but a result that crossed a
    process or came from the cache holds copies: 10,000 documents held
    123,000 copies of some 2,000 places, alias sets and all.
    """
    gaz = gazetteer_for(rules)
    for table, known in ((facts.places, gaz.places), (facts.orgs, gaz.orgs)):
        for key, value in table.items():
            same = known.get(key)
            if same is not None and same == value:
                table[key] = same
    return facts


def _cache_key(doc: Document, rules: RuleSet) -> str:
    h = hashlib.sha256()
    for part in (CACHE_FORMAT, rules.version, doc.id, doc.sha256, repr((doc.title, doc.publisher, doc.author, doc.kind, doc.published, doc.url))):
        h.update(str(part).encode("utf-8") + b"\0")
    return h.hexdigest()


def extract_all(
    docs: list[Document],
    rules: RuleSet,
    workers: int = 1,
    cache_dir: Optional[Path] = None,
    progress: Optional[Callable[[int, int], None]] = None,
    errors: Optional[list[DocumentError]] = None,
) -> tuple[list[DocFacts], int]:
    """Extract every document, in ``workers`` processes, reusing cached results.

    Args:
        docs: the documents.
        rules: the rule set.
        workers: processes to use (1: in this process).
        cache_dir: where per-document results are kept by content hash and rules version.
        progress: called with the number of documents just finished and the number in all.
        errors: where a document that extraction fails on is reported; it is
            left out of the result. None: the first such failure is raised.

    Returns:
        the per-document facts in document order, and how many came from the cache.
    """
    results: dict[str, DocFacts] = {}
    failed: dict[str, DocumentError] = {}
    todo: list[Document] = []
    hits = 0
    with collector_paused():
        for doc in docs:
            if cache_dir is not None:
                facts = cache.load(cache_dir, _cache_key(doc, rules))
                if isinstance(facts, DocFacts):
                    facts.doc = doc
                    results[doc.id] = _share_rule_objects(facts, rules)
                    hits += 1
                    if progress:
                        progress(1, len(docs))
                    continue
            todo.append(doc)
    if workers > 1 and len(todo) > 1:
        gazetteer_for(rules)
        chunk = max(1, min(64, len(todo) // (workers * 4) or 1))
        try:
            # the parent only unpickles here: the workers' garbage is theirs
            with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(rules,)) as pool, collector_paused():
                for doc, facts in zip(todo, pool.map(_extract_in_worker, todo, chunksize=chunk)):
                    if isinstance(facts, DocumentError):
                        failed[doc.id] = facts
                    else:
                        facts.doc = doc
                        results[doc.id] = _share_rule_objects(facts, rules)
                    if progress:
                        progress(1, len(docs))
        except BrokenProcessPool:
            raise KGError("an extraction process died (out of memory?); run again with --workers 1 to find the document") from None
    else:
        for doc in todo:
            facts = _extract_one(doc, rules)
            if isinstance(facts, DocumentError):
                failed[doc.id] = facts
            else:
                results[doc.id] = facts
            if progress:
                progress(1, len(docs))
    if failed:
        if errors is None:
            raise next(iter(failed.values()))
        errors.extend(failed.values())
    if cache_dir is not None and todo:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for doc in todo:
            if doc.id in results:
                cache.save(cache_dir, _cache_key(doc, rules), results[doc.id])
    return [results[d.id] for d in docs if d.id in results], hits


def build_graph(
    input_dir: str | Path,
    rules: Optional[RuleSet] = None,
    workers: int = 1,
    cache_dir: Optional[Path] = None,
    max_bytes: int = MAX_BYTES,
    progress: Optional[Callable[[int, int], None]] = None,
    follow_links: bool = False,
) -> tuple[Graph, Corpus, int]:
    """Read a folder and build the merged graph in memory (no files written).

    Args:
        input_dir: folder of ``.txt`` documents with optional ``.meta.json`` sidecars.
        rules: the rule set (default: the built-in rules).
        workers: extraction processes.
        cache_dir: per-document extraction cache, or None.
        max_bytes: larger documents are refused.
        progress: called as documents finish.
        follow_links: read symbolic links that lead outside ``input_dir``.
    """
    rules = rules or load_rules()
    corpus = read_corpus(input_dir, max_bytes=max_bytes, follow_links=follow_links)
    failed: list[DocumentError] = []
    facts, hits = extract_all(corpus.documents, rules, workers=workers, cache_dir=cache_dir, progress=progress, errors=failed)
    if failed:
        bad = {e.path for e in failed}
        corpus.documents = [d for d in corpus.documents if (d.path or d.id) not in bad]
        corpus.errors.extend(failed)
        corpus.errors.sort(key=lambda e: e.path)
    graph = merge(gazetteer_for(rules), facts)
    return graph, corpus, hits


class ExportedQuads:
    """The quads of a written export: counted, and read back from its N-Quads file on demand."""

    def __init__(self, path: Path, count: int):
        self.path = Path(path)
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        import pyoxigraph as ox

        return iter(ox.parse(path=str(self.path), format=ox.RdfFormat.N_QUADS))


#: from this many quads on, graph.trig is made in a process of its own, beside
#: the other files: at 10,000 documents it takes as long as the JSON-LD, Turtle
#: and HTML views together; below, starting the process costs more than it saves
TRIG_PROCESS_MIN_QUADS = 500_000


#: the TriG process: it imports this very kg (its folder goes first on sys.path
#: only when not already there: a site-packages put before the standard library
#: could shadow it), then writes graph.trig
_TRIG_PROCESS = """
import os, sys
kg_dir = sys.argv[1]
if all(os.path.realpath(p or ".") != kg_dir for p in sys.path):
    sys.path.insert(0, kg_dir)
from kg.build import _trig_main
sys.exit(_trig_main(sys.argv[2:]))
"""


class _TrigJob:
    """graph.trig made from graph.nq into a temporary file: here, or in a process of its own that runs meanwhile."""

    def __init__(self, nq: Path, target: Path, background: bool):
        self.seconds = 0.0
        self.proc: Optional[subprocess.Popen] = None
        if not background:
            self.seconds = write_trig(nq, target)
            return
        # A fresh interpreter, not multiprocessing: a forked child would map
        # (and report as its own) the parent's gigabyte of graph, and a spawned
        # one would run the caller's script again to find its __main__.
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _TRIG_PROCESS, str(Path(__file__).resolve().parent.parent), str(nq), str(target)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def wait(self) -> float:
        """Seconds the TriG took to write, once it is written.

        Raises:
            OSError: it could not be written.
        """
        if self.proc is not None:
            out, err = self.proc.communicate()
            code, self.proc = self.proc.returncode, None
            if code != 0:
                lines = err.decode("utf-8", "replace").strip().splitlines()
                raise OSError(f"graph.trig: {lines[-1] if lines else f'the process writing it ended with exit code {code}'}")
            try:
                self.seconds = float(out.split()[-1])
            except (ValueError, IndexError):  # its timing is only for reports
                self.seconds = 0.0
        return self.seconds

    def cancel(self) -> None:
        """Stop the process, if one is still writing."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.communicate()
            self.proc = None


def write_trig(nq: str | Path, target: str | Path) -> float:
    """Write an N-Quads file as TriG; returns the seconds it took.

    Args:
        nq: the N-Quads file (graph.nq).
        target: the TriG file to write (replaced).
    """
    from .rdf import write_trig_from_nquads

    started = time.perf_counter()
    with open(target, "wb", buffering=1 << 20) as fh:
        write_trig_from_nquads(nq, fh)
    return time.perf_counter() - started


def _trig_main(args: list[str]) -> int:
    """The TriG process: write_trig(NQ, TARGET); its seconds on stdout, or one line on stderr and exit 1."""
    try:
        seconds = write_trig(args[0], args[1])
    except (OSError, SyntaxError, ValueError) as exc:
        sys.stderr.write(f"{getattr(exc, 'strerror', None) or exc}\n")
        return 1
    sys.stdout.write(f"{seconds}\n")
    return 0


def write_exports(
    graph: Graph,
    out_dir: str | Path,
    html: bool = True,
    timings: Optional[dict[str, float]] = None,
    release: bool = False,
    lock: Optional[BuildLock] = None,
) -> tuple[ExportedQuads, list[Path]]:
    """Write every export of a graph into ``out_dir``, as one set.

    The files are written into a new folder that then replaces ``out_dir`` in
    one step (:mod:`kg.export_folder`): a build killed part-way leaves the old
    build whole, never new files beside old ones; a second build into the same
    folder meanwhile is refused. Other files kept in ``out_dir`` stay.

    Args: as :func:`_write_exports_into`, and ``lock``: the folder's lock
    (:func:`kg.export_folder.locked`) when the caller holds it for the whole build.

    Raises:
        ExportError: the folder cannot be written, locked or replaced.
    """
    final = Path(out_dir)
    with replacing(final, owned=[*RDF_EXPORTS, "graph.html"], held=lock) as out:
        quads, written = _write_exports_into(graph, out, html, timings, release, shown=final)
    folder = final.resolve()
    return ExportedQuads(folder / "graph.nq", quads.count), sorted(final / p.name for p in written)


def _write_exports_into(
    graph: Graph, out_dir: str | Path, html: bool = True, timings: Optional[dict[str, float]] = None, release: bool = False, shown: Optional[Path] = None
) -> tuple[ExportedQuads, list[Path]]:
    """Write every export of a graph into the (new) folder ``out_dir``.

    Nothing holds the whole dataset: the quads are streamed one graph at a
    time (the default graph, then each document's provenance graph) into
    graph.nq, and graph.trig is streamed from that file, for a large export in
    a process of its own while the other files are written.

    Args:
        graph: the merged graph.
        out_dir: the export folder.
        html: also write the HTML view.
        timings: if given, seconds spent are added under 'rdf' (making the
            quads), each export file name, and 'html'.
        release: once graph.nq is written, empty the graph (see
            :meth:`Graph.clear`): the other files read files of their own,
            and the HTML view's memory then reuses the graph's. For callers
            done with the graph (``kg build``).

    Returns:
        the quads (counted; iterable from graph.nq) and the paths written.
    """
    import pyoxigraph as ox

    from .rdf import write_jsonld, write_turtle

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a folder; choose another --out")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create the export folder ({exc.strerror or exc})") from None
    if not out.is_dir():
        raise ExportError(f"{out}: not a folder")
    times = timings if timings is not None else {}

    def add(key: str, started: float) -> None:
        times[key] = times.get(key, 0.0) + time.perf_counter() - started

    written: list[Path] = []
    trig: Optional[_AtomicFile] = None
    job: Optional[_TrigJob] = None
    # the HTML view's input (default graph and some evidence) goes to a nameless temporary file
    network = tempfile.TemporaryFile(dir=out) if html else None
    try:
        chunks = iter_graphs(graph, evidence=network_evidence() if html else ())
        # The default graph (a million quads at 10,000 documents) goes to a
        # temporary N-Quads file at once, and each view streams it from there:
        # held as Python objects it took a gigabyte more.
        with tempfile.TemporaryFile(dir=out) as default:
            count = 0
            while True:
                t = time.perf_counter()
                chunk = next(chunks, None)
                add("rdf", t)
                if chunk is None or chunk.name is not None:
                    break
                chunk.write(default)
                count += len(chunk.lines)
                chunk = None
            with _AtomicFile(out / "graph.nq") as nq:
                t = time.perf_counter()
                default.seek(0)
                shutil.copyfileobj(default, nq)
                if network is not None:
                    default.seek(0)
                    shutil.copyfileobj(default, network)
                add("graph.nq", t)
                while chunk is not None:
                    count += len(chunk.lines)
                    t = time.perf_counter()
                    chunk.write(nq)
                    add("graph.nq", t)
                    if network is not None:
                        network.write(chunk.evidence_data())
                    t = time.perf_counter()
                    chunk = next(chunks, None)
                    add("rdf", t)
                written.append(nq.commit())
            if release:
                graph.clear()  # no cycles: its objects are freed here
            trig = _AtomicFile(out / "graph.trig")  # the job writes its temporary file by name
            job = _TrigJob(out / "graph.nq", Path(trig.tmp), background=count >= TRIG_PROCESS_MIN_QUADS and bool(sys.executable))
            for name, write in (("graph.jsonld", write_jsonld), ("graph.ttl", write_turtle)):
                t = time.perf_counter()
                default.seek(0)
                with _AtomicFile(out / name) as fh:
                    write(ox.parse(default, format=ox.RdfFormat.N_QUADS), fh)
                    written.append(fh.commit())
                add(name, t)
        if network is not None:
            from .html import render_exports
            from .network import to_networkx

            t = time.perf_counter()
            network.seek(0)
            pages = render_exports(to_networkx(ox.parse(network, format=ox.RdfFormat.N_QUADS)))
            network.close()
            network = None
            for name in sorted(pages):
                write_atomic(out / name, pages[name])
                written.append(out / name)
            add("html", t)
        times["graph.trig"] = times.get("graph.trig", 0.0) + job.wait()
        written.append(trig.commit())
    except OSError as exc:
        raise ExportError(f"{shown or out}: cannot write exports ({exc.strerror or exc})") from None
    finally:
        if job is not None:
            job.cancel()
        if trig is not None:
            trig.__exit__(None, None, None)
        if network is not None:
            network.close()
    return ExportedQuads(out / "graph.nq", count), sorted(written)


def network_evidence() -> tuple[str, ...]:
    """The predicates whose evidence :func:`kg.network.to_networkx` reads from the provenance graphs.

    The facts that become its edges (attended, held in, discussed ...) and node
    details (aliases, a meeting's dates, format, status ...). The annotations
    of the other facts, mostly 'this document mentions X', it never reads.
    """
    from .network import EVIDENCE_PREDICATES

    return tuple(sorted(EVIDENCE_PREDICATES))


def build(
    input_dir: str | Path = "seeds",
    out_dir: str | Path = "exports",
    rules: Optional[RuleSet] = None,
    workers: int = 1,
    cache_dir: Optional[Path] = None,
    html: bool = True,
    max_bytes: int = MAX_BYTES,
    progress: Optional[Callable[[int, int], None]] = None,
    follow_links: bool = False,
) -> BuildResult:
    """Build the graph of a folder of documents and write its exports.

    Args:
        input_dir: the documents.
        out_dir: where the exports go.
        rules: the rule set (default: the built-in rules).
        workers: extraction processes.
        cache_dir: per-document extraction cache, or None.
        html: also write the interactive HTML view.
        max_bytes: larger documents are refused.
        progress: called as documents finish.
        follow_links: read symbolic links that lead outside ``input_dir``.
    """
    with locked(out_dir) as lock:  # a second build into out_dir is refused before it extracts anything
        graph, corpus, hits = build_graph(input_dir, rules, workers, cache_dir, max_bytes, progress, follow_links)
        quads, written = write_exports(graph, out_dir, html=html, lock=lock)
    return BuildResult(graph=graph, corpus=corpus, quads=quads, written=written, cached=hits)
