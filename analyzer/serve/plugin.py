"""The datasette plugin of `analyzer serve`: SQL functions for the canned queries, the highlighted document page
(``/-/document/DOC_ID``), links from every ``doc_id`` cell to that page, and no ATTACH on the store's connections.
"""
from __future__ import annotations

import errno
import functools
import sqlite3
import traceback
import urllib.parse
from decimal import Decimal, InvalidOperation
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup, escape

from analyzer.io.spreadsheet import SpreadsheetCsvStream
from analyzer.records import web_link
from analyzer.serve.config import PLUGIN_NAME
from analyzer.serve.highlight import Annotation, cut
from analyzer.serve import limits
from analyzer.serve.parameters import check_table_parameters
from analyzer.store.queries import NARROWER_BY_ENDING
from analyzer.store.readonly import deny_attach, deny_functions

FIGURE_SQL = """SELECT f.id, f.text, f.start, f."end", f.value, f.value_high, f.unit, f.counter, f.qualifier,
       f.measure, f.comparison, f.metric, f.metric_key, f.period_start, f.period_end,
       (SELECT group_concat(l.kind || ' ' || l.name, '; ') FROM links l WHERE l.figure_id = f.id) AS links
FROM figures f WHERE f.document_id = :document ORDER BY f.start"""
MENTION_SQL = """SELECT id, kind, name, text, start, "end" FROM mentions WHERE document_id = :document
ORDER BY start"""
DOCUMENT_SQL = """SELECT id, doc_id, title, source, published, kind, url, text, extractor_version
FROM documents WHERE doc_id = :doc_id"""
FIGURE_ATTRIBUTES = ("text", "reads", "value", "value_high", "unit", "counter", "qualifier", "measure",
                     "comparison", "metric", "metric_key", "period_start", "period_end", "links")


def human_value(value: str | None, unit: str | None) -> str | None:
    """SQL function ``analyzer_human(value, unit)``: 35300000000000, CNY → 35.3万亿元 (None if not a number)."""
    from analyzer.check.precision import human
    try:
        return human(Decimal(value), unit or "") if value is not None else None
    except (InvalidOperation, TypeError, ValueError):
        return None


def metric_key_of(phrase: str | None) -> str | None:
    """SQL function ``analyzer_metric_key(phrase)``: the normalized key the store groups a metric's series by."""
    from analyzer.store.rows import cached_metric_key
    return cached_metric_key(phrase) if phrase else None


@functools.lru_cache(maxsize=256)
def _family(name: str) -> frozenset[str]:
    from analyzer.store.queries import with_children
    return frozenset(with_children(name))


def within(name: str | None, query: str | None, outside: int | None = 0, kind: str | None = "") -> int:
    """SQL function ``analyzer_within(name, query, outside[, kind])``: 1 when ``name`` is ``query`` (or its canonical
    form) or a narrower taxonomy entry of it — 买断式逆回购 is within 逆回购 — or, when ``outside`` (a name the store
    holds with ``in_taxonomy`` false: the queries pass ``name IN (SELECT name FROM mentions WHERE … NOT
    in_taxonomy)``), ends with one of those (绿色再贷款 within 再贷款; not for ``kind`` institution: 俄罗斯外交部 is
    not within 外交部) or is a branch of the bank (中国工商银行苏州分行 within 中国工商银行), as ``analyzer query
    --tool/--sector/--institution`` counts it (store.queries.named)."""
    if not (name and query):
        return 0
    family = _family(query)
    by_ending = kind in ("", None) or kind in NARROWER_BY_ENDING
    return int(name in family or (bool(outside) and (by_ending and name.endswith(tuple(family))
                                                     or _bank_of(name) in family)))


@functools.lru_cache(maxsize=4096)
def _bank_of(name: str) -> str | None:
    """The bank whose branch ``name`` names (中国工商银行苏州分行 → 中国工商银行), or None."""
    from analyzer.taxonomy import load_taxonomy
    return load_taxonomy().branch_parent(name)


def served_database(datasette) -> str:
    return (datasette.plugin_config(PLUGIN_NAME) or {}).get("database", "analyzer")


@hookimpl
def prepare_connection(conn, database, datasette):
    conn.create_function("analyzer_human", 2, human_value, deterministic=True)
    conn.create_function("analyzer_metric_key", 1, metric_key_of, deterministic=True)
    conn.create_function("analyzer_within", 3, within, deterministic=True)
    conn.create_function("analyzer_within", 4, within, deterministic=True)
    # no request makes the server hold more than serve.limits allows (a value, SQLite's heap, a result's text)
    limits.bound(conn, limits.limits_for(0) | (datasette.plugin_config(PLUGIN_NAME) or {}).get("limits", {}))
    # ATTACH would open (or create) any other file; fts3_tokenizer is refused on every connection (_memory too)
    conn.set_authorizer(deny_attach if database == served_database(datasette) else deny_functions)


def document_path(doc_id: str) -> str:
    return "/-/document/" + urllib.parse.quote(str(doc_id), safe="")


@hookimpl
def render_cell(value, column, datasette):
    if column == "doc_id" and isinstance(value, str) and value:
        return Markup(f'<a href="{escape(document_path(value))}">{escape(value)}</a>')
    return None


def figure_annotation(row: dict) -> Annotation:
    attributes = {"kind": "figure", **{k: row.get(k) for k in FIGURE_ATTRIBUTES},
                  "reads": human_value(row["value"], row["unit"])}
    return Annotation(f"f{row['id']}", "figure", row["start"], row["end"],
                      {k: v for k, v in attributes.items() if v not in (None, "")})


def mention_annotation(row: dict) -> Annotation:
    return Annotation(f"m{row['id']}", row["kind"], row["start"], row["end"],
                      {"kind": row["kind"], "name": row["name"], "text": row["text"]})


def hover_title(annotation: Annotation) -> str:
    """The plain-text tooltip of one annotation (the page's hover card shows the same, formatted)."""
    return " · ".join(f"{key} {value}" for key, value in annotation.attributes.items())


async def _rows(database, sql: str, params: dict) -> list[dict]:
    return [dict(row) for row in (await database.execute(sql, params)).rows]


async def document_page(request, datasette):
    """The document's text with every extracted figure and mention highlighted; attributes on hover."""
    doc_id = urllib.parse.unquote(request.url_vars["doc_id"])
    database_name = served_database(datasette)
    database = datasette.get_database(database_name)
    found = await _rows(database, DOCUMENT_SQL, {"doc_id": doc_id})
    if not found:
        raise NotFound(f"No document {doc_id!r} in the store")
    document = {**found[0], "link": web_link(found[0]["url"])}  # javascript: and the like are shown, never linked
    figures = await _rows(database, FIGURE_SQL, {"document": document["id"]})
    mentions = await _rows(database, MENTION_SQL, {"document": document["id"]})
    annotations = [figure_annotation(row) for row in figures] + [mention_annotation(row) for row in mentions]
    by_key = {a.key: a for a in annotations}
    pieces = [{"text": p.text, "ids": " ".join(p.keys), "kinds": " ".join(p.kinds),
               "title": "\n".join(hover_title(by_key[k]) for k in p.keys)} for p in cut(document["text"], annotations)]
    context = {"document": document, "pieces": pieces, "database": database_name,
               "figures": [{**a.attributes, "key": a.key, "id": a.key[1:]} for a in annotations if a.kind == "figure"],
               "mentions": [a.attributes | {"key": a.key} for a in annotations if a.kind != "figure"],
               "annotations": {a.key: list(a.attributes.items()) for a in annotations}}
    return Response.html(await datasette.render_template("analyzer_document.html", context, request=request))


def _is_bad_parameter(exception: Exception) -> bool:
    """What datasette's views raise, uncaught, when they read a parameter they cannot use: a ``_through`` that is no
    JSON or a ``_timelimit`` that is no number (ValueError), a filter value too large for SQLite (OverflowError), a
    NUL in ``_facet``/``_where`` (sqlite3's "the query contains a null character"), a ``__in`` list nested past
    Python's recursion limit (``[[[[…``: RecursionError while JSON is decoded). Not one raised in this package's
    own code (the document page, a cell's rendering): that is the server's fault and stays a 500."""
    return (isinstance(exception, (ValueError, OverflowError)) or (
        isinstance(exception, sqlite3.ProgrammingError) and "null character" in str(exception)) or (
        isinstance(exception, RecursionError) and _innermost_file(exception).endswith(JSON_DECODER))) \
        and not _raised_here(exception)


JSON_DECODER = ("json/decoder.py", "json/__init__.py")
DATASETTE_SQL = "datasette/database.py"  # where datasette runs a statement: SQLite's out-of-memory comes from there
TOO_MUCH_MEMORY = ("the query needs more memory than the server lets SQLite have ({mib} MiB): select fewer rows or "
                   "columns, or shorter values")


def _innermost_file(exception: BaseException) -> str:
    frames = list(traceback.walk_tb(exception.__traceback__))
    return frames[-1][0].f_code.co_filename.replace("\\", "/") if frames else ""


def _refusal(exception: BaseException) -> tuple[int, str, str] | None:
    """The status, title and message of an exception that is the request's fault, not the server's, or None:
    a parameter datasette cannot read, SQLite's out-of-memory at the heap limit (serve.limits), a static path too
    long for the file system (a 404 like any other missing file)."""
    if isinstance(exception, DatasetteError):
        return None
    if _is_bad_parameter(exception):
        return 400, "Bad request", str(exception)
    if isinstance(exception, MemoryError) and _innermost_file(exception).endswith(DATASETTE_SQL):
        return 400, "Query too large", TOO_MUCH_MEMORY.format(mib=limits.HEAP_BYTES // 2**20)
    if isinstance(exception, OSError) and exception.errno == errno.ENAMETOOLONG and not _raised_here(exception):
        return 404, "Not found", "Not found: the path is too long"
    return None


_PACKAGE_DIR = str(Path(__file__).resolve().parent.parent)


def _raised_here(exception: Exception) -> bool:
    """Whether ``exception`` passed through a function of the analyzer package on its way up."""
    return any(frame.f_code.co_filename.startswith(_PACKAGE_DIR)
               for frame, _ in traceback.walk_tb(exception.__traceback__))


@hookimpl(tryfirst=True)
def filters_from_request(request, database, table, datasette):
    """A table's ``_sort``, ``_sort_desc`` and ``_through`` are checked before datasette reads them: one it would
    refuse with a 500 is a 400 with its message (``parameters``). Runs before datasette's own ``_through`` filter."""
    async def check():
        await check_table_parameters(request, datasette, database, table)
    return check


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    """A request at fault (``?_timelimit=soon``, ``_refusal``) is a 400 (or 404) with its message, not a 500 page:
    datasette's own handler is called here with the message. Datasette's own errors (``DatasetteError``) keep the
    status datasette gave them."""
    refusal = _refusal(exception)
    if refusal is None:
        return None
    from datasette.handle_exception import handle_exception as render
    status, title, message = refusal
    return render(datasette, request, DatasetteError(message, title=title, status=status))


@hookimpl
def register_routes():
    return [(r"^/-/document/(?P<doc_id>[^/]+)$", document_page)]


def _is_csv(scope: dict) -> bool:
    """A request for datasette's CSV (a path ending in ``.csv``), not its ``_trace`` page of HTML."""
    query = urllib.parse.parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return scope.get("type") == "http" and scope.get("path", "").endswith(".csv") and "_trace" not in query


def _safe_csv_send(send):
    """``send`` with the body's cells made safe when the response is CSV (text/csv, or datasette's text/plain view
    of it). The body is rewritten whole records at a time, however its chunks are cut (``SpreadsheetCsvStream``)."""
    stream = None

    async def wrapped(message):
        nonlocal stream
        if message["type"] == "http.response.start":
            headers = dict((k.lower(), v) for k, v in message.get("headers", []))
            if headers.get(b"content-type", b"").startswith((b"text/csv", b"text/plain")):
                stream = SpreadsheetCsvStream()
                message = {**message, "headers": [(k, v) for k, v in message.get("headers", [])
                                                  if k.lower() != b"content-length"]}
        elif stream is not None and message["type"] == "http.response.body":
            body = stream.feed(message.get("body", b""))
            if not message.get("more_body", False):
                body += stream.close()
            message = {**message, "body": body}
        await send(message)
    return wrapped


READ_METHODS = ("GET", "HEAD")


async def _method_not_allowed(send) -> None:
    body = b"405 Method Not Allowed: this server only reads (GET)\n"
    await send({"type": "http.response.start", "status": 405,
                "headers": [(b"allow", b"GET, HEAD"), (b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


@hookimpl
def asgi_wrapper(datasette):
    """Only GET and HEAD reach datasette: every other method is a 405 (datasette answered a POST to a table, to a
    canned query or to /-/messages with a 500). CSV downloads a spreadsheet cannot run: a text cell starting with
    = + - @ gets a leading ' (as the CLI's)."""
    def wrap(app):
        async def read_only_app(scope, receive, send):
            if scope.get("type") == "http" and scope.get("method", "GET").upper() not in READ_METHODS:
                await _method_not_allowed(send)
                return
            await app(scope, receive, _safe_csv_send(send) if _is_csv(scope) else send)
        return read_only_app
    return wrap
