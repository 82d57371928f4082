"""The ``kg`` command line: a thin layer over the library.

Each command parses its options, calls one library function, and turns
kg's own exceptions into one-line ``click`` errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import KGError

CONTEXT = {"help_option_names": ["-h", "--help"]}


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
@click.option("--out", "out_dir", default="exports", show_default=True, type=click.Path(path_type=Path), help="Folder for the exports.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path), help="Folder of extra rule files (repeatable); they add to the built-in rules.")
@click.option("--workers", "-j", default=1, show_default=True, type=click.IntRange(0, 256), help="Extraction processes (0: one per core).")
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path), default=None, help="Keep per-document results here and reuse them when nothing changed.")
@click.option("--no-html", is_flag=True, help="Skip the HTML view.")
@click.option("--max-mb", default=5.0, show_default=True, type=click.FloatRange(0.001), help="Refuse documents larger than this.")
@click.option("--strict", is_flag=True, help="Stop before writing anything if any document is rejected.")
@click.option("--keep-going", is_flag=True, help="Exit 0 even if some documents were rejected (they are still reported).")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary line.")
def build(input_dir, out_dir, rules_dirs, workers, cache_dir, no_html, max_mb, strict, keep_going, quiet):
    """Build the graph of INPUT_DIR (default: seeds/) and write its exports (default: exports/)."""
    from .build import build_graph, write_exports
    from .ruleset import load_rules

    if strict and keep_going:
        raise click.UsageError("--strict and --keep-going contradict each other; choose one")
    workers = workers or os.cpu_count() or 1
    try:
        rules = load_rules(*rules_dirs)
        bar = None
        progress = None
        if sys.stderr.isatty() and not quiet:
            from .progress import ProgressBar

            bar = ProgressBar("extracting", sys.stderr)
            progress = bar.advance
        graph, corpus, hits = build_graph(input_dir, rules, workers=workers, cache_dir=cache_dir, max_bytes=int(max_mb * 1048576), progress=progress)
        if bar:
            bar.close()
        for warning in corpus.warnings:
            click.echo(f"warning: {warning}", err=True)
        for error in corpus.errors:
            click.echo(f"error: {error}", err=True)
        if strict and corpus.errors:
            raise click.ClickException(f"{_count(len(corpus.errors), 'problem')} in the input (listed above); nothing written (--strict)")
        quads, written = write_exports(graph, out_dir, html=not no_html)
    except KGError as exc:
        _fail(exc)
    if not quiet:
        for path in written:
            click.echo(f"wrote {path}")
    cached = f", {hits} from cache" if cache_dir is not None else ""
    click.echo(
        f"{_count(len(corpus.documents), 'document')} read, {len(corpus.errors)} skipped, {_count(len(quads), 'fact')}, "
        f"{_count(len(graph.meetings), 'meeting')}, {_count(len(graph.people), 'person', 'people')}{cached}"
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
