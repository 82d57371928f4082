"""The ``kg`` command line: a thin layer over the library.

Each command parses its options, calls one library function, and turns
kg's own exceptions into one-line ``click`` errors.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click

from . import __version__
from .errors import KGError

CONTEXT = {"help_option_names": ["-h", "--help"]}


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C (exit status 143): a build removes its unfinished export folder, the old one stays.

    Forked extraction workers inherit the handler; in them SIGTERM ends the process as usual.
    """
    pid = os.getpid()

    def handler(signum, _frame):
        if os.getpid() != pid:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (kg called from a thread): leave SIGTERM alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _fail(exc: KGError, code: int = 1) -> None:
    err = click.ClickException(str(exc))
    err.exit_code = code
    raise err


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="kg")
def main() -> None:
    """kg: a knowledge graph of diplomatic meetings, built from readouts and news reports."""


@main.command()
@click.argument("input_dir", default="seeds", type=click.Path(path_type=Path))
@click.option("--out", "-o", "out_dir", default="exports", show_default=True, type=click.Path(path_type=Path), help="Folder for the exports.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path), help="Folder of extra rule files (repeatable); they add to the built-in rules.")
@click.option("--workers", "-j", default=1, show_default=True, type=click.IntRange(0, 256), help="Extraction processes (0: one per core).")
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path), default=None, help="Keep per-document results here and reuse them when nothing changed.")
@click.option("--no-html", is_flag=True, help="Skip the HTML view.")
@click.option("--max-mb", default=5.0, show_default=True, type=click.FloatRange(0.001), help="Refuse documents larger than this.")
@click.option("--strict", is_flag=True, help="Stop before writing anything if any document is rejected.")
@click.option("--keep-going", is_flag=True, help="Exit 0 even if some documents were rejected (they are still reported).")
@click.option("--follow-links", is_flag=True, help="Read symbolic links that lead outside INPUT_DIR (refused by default).")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary line.")
def build(input_dir, out_dir, rules_dirs, workers, cache_dir, no_html, max_mb, strict, keep_going, follow_links, quiet):
    """Build the graph of INPUT_DIR (default: seeds/) and write its exports (default: exports/)."""
    from .build import build_graph, write_exports
    from .export_folder import locked
    from .ruleset import load_rules

    if strict and keep_going:
        raise click.UsageError("--strict and --keep-going contradict each other; choose one")
    workers = workers or os.cpu_count() or 1
    try:
        # the folder is locked for the whole build: a second build into it is refused before it extracts
        with _sigterm_unwinds(), locked(out_dir) as lock:
            rules = load_rules(*rules_dirs)
            bar = None
            progress = None
            if sys.stderr.isatty() and not quiet:
                from .progress import ProgressBar

                bar = ProgressBar("extracting", sys.stderr)
                progress = bar.advance
            graph, corpus, hits = build_graph(input_dir, rules, workers=workers, cache_dir=cache_dir, max_bytes=int(max_mb * 1048576), progress=progress, follow_links=follow_links)
            if bar:
                bar.close()
            for warning in corpus.warnings:
                click.echo(f"warning: {warning}", err=True)
            for error in corpus.errors:
                click.echo(f"error: {error}", err=True)
            if strict and corpus.errors:
                raise click.ClickException(f"{_count(len(corpus.errors), 'problem')} in the input (listed above); nothing written (--strict)")
            meetings, people = len(graph.meetings), len(graph.people)
            quads, written = write_exports(graph, out_dir, html=not no_html, release=True, lock=lock)
    except KGError as exc:
        _fail(exc)
    if not quiet:
        for path in written:
            click.echo(f"wrote {path}")
    cached = f", {hits} from cache" if cache_dir is not None else ""
    click.echo(
        f"{_count(len(corpus.documents), 'document')} read, {len(corpus.errors)} skipped, {_count(len(quads), 'quad')}, "
        f"{_count(meetings, 'meeting')}, {_count(people, 'person', 'people')}{cached}"
    )
    if corpus.errors and not keep_going:
        click.echo(
            f"error: {_count(len(corpus.errors), 'problem')} in the input (listed above); the exports hold everything else. "
            "Exit status 1: use --keep-going to exit 0, or --strict to write nothing",
            err=True,
        )
        sys.exit(1)


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


@main.command()
@click.option("--data", "data_dir", default="exports", show_default=True, type=click.Path(path_type=Path), help="The built graph: an export folder from 'kg build', or one of its graph files.")
@click.option("--focus", metavar="NAME", help="Centre the view on this node: a name, an alias or an id such as person:antony-blinken.")
@click.option("--depth", type=click.IntRange(0, 10), default=None, help="With --focus: how many links away from it to show.  [default: 2]")
@click.option("--since", metavar="DATE", help="Only meetings on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD), with what they connect to.")
@click.option("--until", metavar="DATE", help="Only meetings on or before DATE.")
@click.option("--types", metavar="TYPES", help="Comma-separated node types to show: person, meeting, place, organization, issue, document.")
@click.option("--limit", default=250, show_default=True, type=click.IntRange(1, 2000), help="Draw at most this many nodes: the meetings with the most sources and their people and places first; the page says when it caps.")
@click.option("--out", "-o", "out_file", type=click.Path(path_type=Path), default=None, help="The page to write.  [default: DATA/view.html]")
def render(data_dir, focus, depth, since, until, types, limit, out_file):
    """Write an interactive HTML view of a built graph, narrowed by the options."""
    from .html import render_file

    try:
        result = render_file(data_dir, out_file, focus=focus, depth=depth, since=since, until=until, types=types, limit=limit)
    except KGError as exc:
        _fail(exc)
    for note in result.notes:
        click.echo(f"note: {note}")
    click.echo(result.summary)


@main.command()
@click.argument("page", default="exports/graph.html", type=click.Path(path_type=Path))
@click.option("--out", "-o", "out_file", default=None, type=click.Path(path_type=Path), help="The PNG to write.  [default: beside PAGE, PAGE's name with .png]")
@click.option("--select", metavar="NAME", help="Select this node first (an id or a label) so that its panel shows.")
@click.option("--width", default=1280, show_default=True, type=click.IntRange(320, 4000), help="Viewport width in CSS pixels.")
@click.option("--height", default=800, show_default=True, type=click.IntRange(240, 4000), help="Viewport height in CSS pixels.")
def screenshot(page, out_file, select, width, height):
    """Take a PNG of PAGE (default: exports/graph.html) in headless Chromium."""
    from .browser import screenshot as take

    if not page.is_file():
        raise click.ClickException(f"{page}: no such page; run 'kg build' or 'kg render' first")
    try:
        path, settle = take(page, out_file or page.with_suffix(".png"), select=select, width=width, height=height)
    except KGError as exc:
        _fail(exc)
    click.echo(f"wrote {path} ({path.stat().st_size // 1024} KB); the page settled in {settle:.1f} s")


@main.command()
@click.argument("query", required=False)
@click.option("--data", "data", default="exports", show_default=True, type=click.Path(path_type=Path), help="The export to query: a folder from 'kg build', or one of its graph files.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A value for $NAME in the query (repeatable).")
@click.option("--format", "-f", "fmt", default="table", show_default=True, type=click.Choice(["table", "csv", "tsv", "json"]), help="table for reading; csv, tsv or json (SPARQL 1.1 results) for piping.")
@click.option("--timeout", type=click.FloatRange(0, min_open=True), default=None, metavar="SECONDS", help="Stop the query after this many seconds.")
@click.option("--allow-service", is_flag=True, help="Let SERVICE fetch other SPARQL endpoints (refused by default).")
@click.option("--list", "list_queries", is_flag=True, help="List the bundled queries and exit.")
def query(query, data, params, fmt, timeout, allow_service, list_queries):
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT) over the export.

    QUERY is SPARQL text, a .rq file, - to read it from standard input, or
    the name of a bundled query (kg query --list). Every kg prefix (person:,
    meeting:, schema:, kgo: ...) is predeclared.

    \b
      kg query meetings-between --param a="Antony Blinken" --param b="Wang Yi"
      kg query 'SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }' --format csv
    """
    from .errors import QueryParamError, QuerySyntaxError, ReadOnlyError, ServiceRefusedError, UnknownQueryError
    from .query import list_queries as describe, parse_param_options, query_export

    if list_queries:
        click.echo(describe())
        return
    if not query:
        raise click.UsageError("give a query: SPARQL text, a .rq file, or a bundled query's name (kg query --list)")
    if query == "-":
        query = sys.stdin.read()
    try:
        out = query_export(query, data, parse_param_options(params), fmt=fmt, timeout=timeout, notice=lambda line: click.echo(line, err=True), allow_service=allow_service)
    except (QuerySyntaxError, ReadOnlyError, UnknownQueryError, QueryParamError, ServiceRefusedError) as exc:
        _fail(exc, 2)
    except KGError as exc:
        _fail(exc)
    click.echo(out, nl=not out.endswith("\n"))


@main.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["csv", "jsonl", "graphml", "gexf", "plover"]))
@click.option("--data", "data", default="exports", show_default=True, type=click.Path(path_type=Path), help="The export to read: a folder from 'kg build', or one of its graph files.")
@click.option("--out", "-o", "out_file", type=click.Path(path_type=Path), default=None, help="The file to write.  [default: standard output]")
@click.option("--table", default="meetings", show_default=True, type=click.Choice(["meetings", "people", "attendance"]), help="For csv and jsonl: which table.")
def export_command(fmt, data, out_file, table):
    """Write the graph as FORMAT: csv or jsonl (a table), graphml or gexf (Gephi, Cytoscape), plover (event records).

    \b
      kg export csv --out meetings.csv
      kg export csv --table attendance --out attendance.csv
      kg export gexf --out kg.gexf
    """
    from .formats import export_to

    try:
        body, summary = export_to(fmt, data, out_file, table=table)
    except KGError as exc:
        _fail(exc)
    if out_file is None:
        click.get_binary_stream("stdout").write(body)
    else:
        click.echo(f"wrote {out_file} ({summary})", err=True)


@main.command()
@click.option("--data", "data", default="exports", show_default=True, type=click.Path(path_type=Path), help="The export to serve: a folder from 'kg build', or one of its graph files.")
@click.option("--port", default=3030, show_default=True, type=click.IntRange(0, 65535), help="TCP port (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on; 127.0.0.1 keeps the endpoint on this machine.")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(0, min_open=True), metavar="SECONDS", help="Stop any query after this many seconds.")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN", help="Let web pages of ORIGIN (e.g. http://localhost:8080; * for any) query from a browser (repeatable); others are refused.")
@click.option("--memory-mb", default=1024, show_default=True, type=click.FloatRange(16), help="Stop a query that allocates more than this (503).")
@click.option("--max-queries", default=4, show_default=True, type=click.IntRange(1, 256), help="Queries run at once; the others wait their turn.")
@click.option("--quiet", "-q", is_flag=True, help="Do not log requests.")
def serve(data, port, host, timeout, cors, memory_mb, max_queries, quiet):
    """Serve a read-only SPARQL 1.1 endpoint over the export (Ctrl-C stops it)."""
    from .serve import make_server

    try:
        server = make_server(
            data, host=host, port=port, timeout=timeout, log=None if quiet else sys.stderr, notice=lambda line: click.echo(line, err=True),
            cors=cors, memory_mb=memory_mb, max_queries=max_queries,
        )
    except KGError as exc:
        _fail(exc)
    click.echo(f"SPARQL endpoint on {server.url} (read-only); Ctrl-C stops it", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"note: listening on {host}: other machines can query the export", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


# kg bench lives in kg/bench.py (also `python -m kg.bench`)
from .bench import command as _bench_command  # noqa: E402

main.add_command(_bench_command, "bench")
