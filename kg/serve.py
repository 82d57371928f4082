"""A read-only SPARQL 1.1 Protocol endpoint over an export.

Oxigraph answers the queries; a small standard-library HTTP server speaks the
protocol, so that SPARQL clients (SPARQLWrapper, YASGUI, curl) can use it:

* ``GET /sparql?query=...``, ``POST /sparql`` with a form field ``query`` or
  with the query as an ``application/sparql-query`` body;
* ``default-graph-uri`` and ``named-graph-uri`` choose the dataset;
* the answer's format follows the ``Accept`` header (or a ``format``/``output``
  parameter): SPARQL results as JSON (the default), XML, CSV or TSV; graphs as
  Turtle (the default), N-Triples, RDF/XML or JSON-LD;
* updates are refused with 403, federated queries (SERVICE) with 400, and
  each query runs in a child process cut off from the network, so the server
  never fetches a URL on a client's behalf; a malformed request gets a 4xx
  answer and the server goes on;
* at most ``max_queries`` queries run at once (the others wait their turn);
  a query that runs past the time limit or past its memory cap is stopped
  (503), and so is one that waited too long for its turn.

It listens on 127.0.0.1 unless told otherwise. A request whose Host header
names another server is refused (DNS rebinding), and so is one from a web
page of another origin unless that origin was allowed (``cors``): only then
are CORS headers sent, so that a page such as YASGUI can query it.
"""

from __future__ import annotations

import errno
import html
import ipaddress
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Optional, TextIO
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .errors import QueryError, QueryMemoryError, QueryTimeout, ReadOnlyError, ServeError, ServerBusyError
from .query import _Substituted, check_read_only, load_store, refuse_service, run_isolated, syntax_message
from .rdf import PREFIXES

DEFAULT_PORT = 3030
DEFAULT_TIMEOUT = 60.0
#: megabytes one query may allocate
DEFAULT_MEMORY_MB = 1024
#: queries run at once; more wait their turn
DEFAULT_MAX_QUERIES = 4
#: connections the kernel holds while every thread is busy (the default, 5, resets a burst)
BACKLOG = 1024
#: the largest request body read, in bytes
MAX_BODY = 1 << 20
ENDPOINT_PATHS = ("/sparql", "/query")

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/json": ox.RdfFormat.JSON_LD,
}
#: short names accepted in a ``format`` or ``output`` parameter
SHORT_TYPES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "ntriples": (None, "application/n-triples"),
    "nt": (None, "application/n-triples"),
    "rdfxml": (None, "application/rdf+xml"),
    "rdf+xml": (None, "application/rdf+xml"),
    "jsonld": (None, "application/ld+json"),
    "json-ld": (None, "application/ld+json"),
}


def _accepted(header: str) -> list[str]:
    """Media types of an Accept header, most preferred first (q=0 dropped)."""
    ranked = []
    for n, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, n, fields[0].lower()))
    return [t for _, _, t in sorted(ranked)]


def negotiate(accept: str, format_param: Optional[str], graph: bool) -> tuple[str, object]:
    """The media type and Oxigraph format of an answer.

    Args:
        accept: the request's Accept header.
        format_param: a ``format``/``output`` parameter (short name or media type), or None.
        graph: True for CONSTRUCT/DESCRIBE answers, False for SELECT/ASK.

    Unknown or unacceptable types fall back to the default (JSON results, Turtle graphs).
    """
    table = GRAPH_TYPES if graph else RESULT_TYPES
    wanted: list[str] = []
    if format_param:
        short = SHORT_TYPES.get(format_param.lower())
        if short:
            wanted.append(short[1] if graph else short[0] or "")
        else:
            wanted.append(format_param.lower())
    wanted.extend(_accepted(accept or ""))
    for media in wanted:
        if media in table:
            return media, table[media]
        if media.endswith("/*") or media == "*/*":
            break
    media = "text/turtle" if graph else "application/sparql-results+json"
    return media, table[media]


class Endpoint:
    """The query side of the endpoint: runs one request's query and serializes the answer."""

    def __init__(self, store: ox.Store, timeout: Optional[float] = DEFAULT_TIMEOUT, memory_mb: Optional[float] = DEFAULT_MEMORY_MB, max_queries: int = DEFAULT_MAX_QUERIES):
        self.store = store
        self.timeout = timeout
        self.memory = None if memory_mb is None else int(memory_mb * 1048576)
        self.max_queries = max_queries
        self._slots = threading.BoundedSemaphore(max_queries)

    def answer(self, query: str, accept: str = "", format_param: Optional[str] = None, default_graphs=(), named_graphs=()) -> tuple[str, bytes]:
        """Run a query; return (content type, body).

        Raises:
            ReadOnlyError: an update.
            ServiceRefusedError: a federated query (SERVICE).
            QueryError: a syntax error (one line) or a failure.
            QueryTimeout: past the time limit.
            QueryMemoryError: past the memory cap.
            ServerBusyError: no turn to run came within the time limit.
        """
        check_read_only(query)
        # the server must never fetch a URL for a caller: refused here, and the child has no network anyway
        refuse_service(query, "SERVICE (a federated query) is not allowed on this endpoint; query the export only")
        kwargs: dict = {"prefixes": PREFIXES}
        try:
            if default_graphs:
                kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
            if named_graphs:
                kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        except ValueError as exc:
            raise QueryError(f"bad graph IRI: {exc}") from None
        store = self.store

        def work() -> bytes:
            answer = store.query(query, **kwargs)
            graph = isinstance(answer, ox.QueryTriples)
            media, fmt = negotiate(accept, format_param, graph)
            body = answer.serialize(format=fmt)
            if media.startswith("text/") or media in ("application/n-triples",):
                media += "; charset=utf-8"
            return media.encode("ascii") + b"\n" + body

        if not self._slots.acquire(timeout=self.timeout if self.timeout is not None else -1):
            raise ServerBusyError(f"busy: {self.max_queries} queries were running for {self.timeout:g} s; try again later")
        try:
            data = run_isolated(work, self.timeout, memory=self.memory, network=False)
        except SyntaxError as exc:
            raise QueryError(syntax_message(str(exc), _Substituted(query), query)) from None
        finally:
            self._slots.release()
        media, _, body = data.partition(b"\n")
        return media.decode("ascii"), body


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; ``url`` is the endpoint's address."""

    daemon_threads = True
    #: HTTPServer allows address reuse; a port that another server listens on is still refused
    allow_reuse_address = True
    request_queue_size = BACKLOG

    def __init__(self, address, endpoint: Endpoint, log: Optional[TextIO] = None, cors: tuple[str, ...] = ()):
        self.endpoint = endpoint
        self.log = log
        self.cors = tuple(o.rstrip("/") for o in cors)
        self._thread: Optional[threading.Thread] = None
        super().__init__(address, _Handler)

    def host_allowed(self, header: str) -> bool:
        """Whether a Host header names this server (a rebound DNS name does not)."""
        host, port = _split_host(header)
        if port is not None and port != self.server_address[1]:
            return False
        bound = str(self.server_address[0])
        if host in ("localhost", "127.0.0.1", "::1", bound):
            return True
        if _is_ip(bound) and ipaddress.ip_address(bound).is_unspecified:
            # listening on every interface: any of this machine's addresses, or its own name
            return _is_ip(host) or host in (socket.gethostname().lower(), socket.getfqdn().lower())
        return False

    def origin_allowed(self, origin: str, host: str) -> bool:
        """Whether a web page of ``origin`` may query: this server's own page, or one allowed with ``cors``."""
        origin = origin.rstrip("/")
        return "*" in self.cors or origin in self.cors or origin == f"http://{host}"

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/sparql"

    def handle_error(self, request, client_address) -> None:  # a broken connection: note it, go on
        if self.log is not None:
            exc = sys.exc_info()[1]
            self.log.write(f"kg serve: error with {client_address[0]}: {type(exc).__name__}: {exc}\n")

    def start(self) -> "SparqlServer":
        """Serve in a background thread (for notebooks and tests); ``stop()`` ends it."""
        self._thread = threading.Thread(target=self.serve_forever, name="kg-serve", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(5)

    def __enter__(self) -> "SparqlServer":
        return self.start() if self._thread is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


def make_server(
    data: str | Path = "exports",
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    log: Optional[TextIO] = None,
    store: Optional[ox.Store] = None,
    notice: Optional[Callable[[str], None]] = None,
    cors: tuple[str, ...] = (),
    memory_mb: Optional[float] = DEFAULT_MEMORY_MB,
    max_queries: int = DEFAULT_MAX_QUERIES,
) -> SparqlServer:
    """Load an export and bind the endpoint (not yet serving: call ``serve_forever()`` or ``start()``).

    Args:
        data: an export folder or one of its RDF files.
        host: the interface to listen on (127.0.0.1: this machine only).
        port: the TCP port (0: any free port; see ``.url``).
        timeout: seconds before a query is stopped (None: no limit).
        log: where to write one line per request (None: nowhere).
        store: an already loaded store, instead of ``data``.
        notice: told when a query store is about to be built (see :func:`kg.query.load_store`).
        cors: origins of web pages allowed to query (``*``: any); others are refused.
        memory_mb: megabytes one query may allocate (None: no cap).
        max_queries: queries run at once; the others wait.

    Raises:
        ExportError: the export cannot be read.
        ServeError: the address cannot be bound (the port is taken, say).
    """
    store = store if store is not None else load_store(data, notice=notice)
    try:
        return SparqlServer((host, port), Endpoint(store, timeout, memory_mb, max_queries), log=log, cors=cors)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(f"cannot serve on {host}:{port}: the port is already in use; choose another with --port (0 picks a free one)") from None
        if exc.errno == errno.EACCES:
            raise ServeError(f"cannot serve on {host}:{port}: permission denied (ports below 1024 need privileges); choose another with --port") from None
        if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, __import__("socket").gaierror):
            raise ServeError(f"cannot serve on {host}:{port}: no such address on this machine; check --host") from None
        raise ServeError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


def serve_in_thread(data: str | Path = "exports", host: str = "127.0.0.1", port: int = 0, **kwargs) -> SparqlServer:
    """Start the endpoint in a background thread and return it; ``.url`` is its address, ``.stop()`` ends it.

    Also a context manager: ``with serve_in_thread("exports") as server: ...``.
    """
    return make_server(data, host, port, **kwargs).start()


_INFO_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title></head>
<body style="font-family: sans-serif; max-width: 50em; margin: 2em auto">
<h1>kg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the export. Send queries to <code>{url}</code>
(GET with <code>?query=</code>, or POST). Every kg prefix is predeclared.</p>
<form action="/sparql" method="get">
<textarea name="query" rows="10" cols="80">SELECT ?meeting ?start WHERE {{
  ?m a kgo:Meeting ; schema:name ?meeting .
  OPTIONAL {{ ?m schema:startDate|kgo:startPeriod ?start }}
}} ORDER BY ?start</textarea><br>
<select name="format"><option>json</option><option>xml</option><option>csv</option><option>tsv</option></select>
<button>Run</button>
</form>
</body></html>
"""


def _split_host(header: str) -> tuple[str, Optional[int]]:
    """'Example.org:3030' -> ('example.org', 3030); '[::1]:80' -> ('::1', 80); a bad port -> -1."""
    header = header.strip().lower()
    if header.startswith("["):
        host, _, rest = header[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else None
    elif header.count(":") == 1:
        host, port = header.split(":")
    else:
        host, port = header, None
    if port is None:
        return host.rstrip("."), None
    return host.rstrip("."), int(port) if port.isdigit() else -1


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _url_host(server: "SparqlServer") -> str:
    return server.url.split("/")[2]


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql/1"
    #: answer even an unparseable request line with a status line (not as HTTP/0.9)
    default_request_version = "HTTP/1.0"
    error_content_type = "text/plain; charset=utf-8"
    error_message_format = "%(code)d %(message)s: %(explain)s\n"
    #: seconds a client may take to send its request before the connection is dropped
    timeout = 30

    # -- plumbing -------------------------------------------------------------------

    def log_message(self, format: str, *args) -> None:
        if self.server.log is not None:
            self.server.log.write(f"{self.address_string()} - {format % args}\n")

    def _cors(self) -> None:
        origin = self.headers.get("Origin") if self.headers else None
        if not origin or not self.server.cors:
            return
        if "*" in self.server.cors or origin.rstrip("/") in self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*" if "*" in self.server.cors else origin)
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Vary", "Origin")

    def _refused_caller(self) -> Optional[str]:
        """Why this request is refused (a foreign Host or Origin), or None."""
        host = self.headers.get("Host")
        if host is not None and not self.server.host_allowed(host):
            return f"Host {host!r} is not this server's address (a DNS name rebound to this machine?); use http://{_url_host(self.server)}"
        origin = self.headers.get("Origin")
        if origin is not None and origin != "null" and not self.server.origin_allowed(origin, host or ""):
            return f"requests from web pages at {origin} are refused; start kg serve with --cors {origin} to allow them"
        if origin == "null" and not self.server.origin_allowed(origin, host or ""):
            return "requests from sandboxed or local pages (Origin: null) are refused; start kg serve with --cors '*' to allow any page"
        return None

    def _send(self, status: int, body: bytes, content_type: str, extra: Optional[dict] = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self._cors()
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, extra: Optional[dict] = None) -> None:
        self._send(status, (message.rstrip("\n") + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

    def _body(self) -> Optional[bytes]:
        length = self.headers.get("Content-Length")
        if length is None:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                self._error(411, "chunked request bodies are not supported; send Content-Length")
                return None
            return b""
        try:
            n = int(length)
            if n < 0:
                raise ValueError
        except ValueError:
            self._error(400, f"bad Content-Length: {length!r}")
            return None
        if n > MAX_BODY:
            self._error(413, f"request body too large ({n} bytes; at most {MAX_BODY})")
            return None
        return self.rfile.read(n)

    # -- methods --------------------------------------------------------------------

    def do_OPTIONS(self) -> None:
        why = self._refused_caller()
        if why:
            return self._error(403, why)
        self.send_response(204)
        self._cors()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        self._guarded(self._get)

    def do_POST(self) -> None:
        self._guarded(self._post)

    def _refuse_method(self) -> None:
        self._error(405, f"{self.command} is not allowed: the endpoint is read-only; use GET or POST with a query", {"Allow": "GET, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    def _guarded(self, fn) -> None:
        try:
            why = self._refused_caller()
            if why:
                if self.command == "POST":
                    self._body()  # read it, so that the client sees the answer, not a reset
                return self._error(403, why)
            fn()
        except (ConnectionError, TimeoutError):
            raise
        except Exception as exc:  # never let one request take the server down
            try:
                self._error(500, f"internal error: {type(exc).__name__}: {exc}")
            except OSError:
                pass

    def _get(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/update":
            return self._error(403, "updates are refused: this endpoint is read-only")
        if url.path not in ENDPOINT_PATHS and url.path != "/":
            return self._error(404, f"no such resource: {url.path}; the SPARQL endpoint is at /sparql")
        params = self._parse_qs(url.query)
        if params is None:
            return
        if "update" in params:
            return self._error(403, "updates are refused: this endpoint is read-only")
        if "query" not in params:
            if url.path == "/" or self.command == "HEAD" or not url.query:
                page = _INFO_PAGE.format(url=html.escape(self.server.url)).encode("utf-8")
                return self._send(200, page, "text/html; charset=utf-8")
            return self._error(400, "missing 'query' parameter")
        self._query(params)

    def _post(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/update":
            self._body()
            return self._error(403, "updates are refused: this endpoint is read-only")
        if url.path not in ENDPOINT_PATHS and url.path != "/":
            return self._error(404, f"no such resource: {url.path}; the SPARQL endpoint is at /sparql")
        params = self._parse_qs(url.query)
        if params is None:
            return
        body = self._body()
        if body is None:
            return
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return self._error(403, "updates are refused: this endpoint is read-only")
        if ctype == "application/x-www-form-urlencoded" or (ctype == "" and b"=" in body):
            form = self._parse_qs(body.decode("utf-8", "replace"))
            if form is None:
                return
            if "update" in form:
                return self._error(403, "updates are refused: this endpoint is read-only")
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            try:
                params.setdefault("query", []).append(body.decode("utf-8"))
            except UnicodeDecodeError:
                return self._error(400, "the query is not UTF-8")
        else:
            return self._error(415, f"unsupported Content-Type {ctype or '(none)'}; send application/sparql-query or a form (application/x-www-form-urlencoded)")
        if "query" not in params:
            return self._error(400, "missing 'query' parameter")
        self._query(params)

    def _parse_qs(self, text: str) -> Optional[dict[str, list[str]]]:
        try:
            return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict", max_num_fields=1000)
        except (ValueError, UnicodeDecodeError) as exc:
            self._error(400, f"malformed parameters: {exc}")
            return None

    def _query(self, params: dict[str, list[str]]) -> None:
        queries = params["query"]
        if len(queries) != 1:
            return self._error(400, "give exactly one 'query' parameter")
        fmt = (params.get("format") or params.get("output") or [None])[0]
        started = time.perf_counter()
        try:
            media, body = self.server.endpoint.answer(
                queries[0],
                accept=self.headers.get("Accept", ""),
                format_param=fmt,
                default_graphs=params.get("default-graph-uri", []),
                named_graphs=params.get("named-graph-uri", []),
            )
        except ReadOnlyError as exc:
            return self._error(403, str(exc))
        except (QueryTimeout, QueryMemoryError, ServerBusyError) as exc:
            return self._error(503, str(exc))
        except QueryError as exc:
            return self._error(400, str(exc))
        self._send(200, body, media, {"X-Query-Seconds": f"{time.perf_counter() - started:.3f}"})
