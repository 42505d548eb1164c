"""`analyzer serve` without a browser: the canned queries agree with the store's own timeline, query and trends;
the server is read-only (writes, ATTACH and long queries refused, only read-only plugins); the command's errors
are one clear line; `export --sqlite` makes a store datasette can serve. Browser tests: test_serve_browser.py."""
from __future__ import annotations

import asyncio
import hashlib
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

pytest.importorskip("datasette", reason="serve needs datasette: pip install -e \".[serve]\"")

from datasette.views.base import DatasetteError  # noqa: E402

from analyzer.analysis.timeline import metric_timeline  # noqa: E402
from analyzer.analysis.trends import mention_trends  # noqa: E402
from analyzer.cli import main  # noqa: E402
from analyzer.serve import config  # noqa: E402
from analyzer.serve.app import ALLOWED_PLUGINS, build_datasette, open_served  # noqa: E402
from analyzer.serve.highlight import Annotation, cut  # noqa: E402
from analyzer.store import FigureQuery, open_store  # noqa: E402

from test_store import PG_SKIP, PG_URL, ROOT, db_url  # noqa: E402,F401  (db_url is a fixture)

SEED_DOC = "b-2025-05-26-jjrb-sme-finance"  # the seed article: 普惠小微贷款余额达35.3万亿元


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> str:
    """A SQLite store of the whole corpus, analyzed by the pipeline (as a researcher would ingest it)."""
    db = str(tmp_path_factory.mktemp("serve") / "corpus.db")
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "corpus"), "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    return db


def fetch(datasette, path: str, **params):
    """GET ``path`` from the app in process; returns (status, parsed JSON or text)."""
    async def get():
        await datasette.invoke_startup()
        return await datasette.client.get(path + ("?" + urllib.parse.urlencode(params) if params else ""))
    response = asyncio.run(get())
    is_json = response.headers.get("content-type", "").startswith("application/json")
    return response.status_code, response.json() if is_json else response.text


@pytest.fixture(scope="module")
def app(corpus_db):
    return build_datasette(open_served(corpus_db))


def canned(app, query: str, **params) -> list[dict]:
    status, rows = fetch(app, f"/analyzer/{query}.json", _shape="array", _size="max", **params)
    assert status == 200, rows
    return rows


# --- the canned queries say what the CLI says -------------------------------------------------------------

@pytest.mark.parametrize("metric, measure", [
    ("普惠小微贷款余额", None),
    ("普惠小微贷款余额", "growth_rate"),
    ("普惠小微贷款余额", "all"),
    ("广义货币余额", None),
    ("人民币贷款", None),
    ("1年期贷款市场报价利率", None),
    ("存款准备金率", "change"),
])
def test_timeline_query_matches_the_store_timeline(app, corpus_db, metric, measure):
    expected = metric_timeline(open_store(corpus_db), metric, measure)
    assert len(expected), "the corpus should have this series"
    rows = canned(app, "timeline", metric=metric, measure=measure or "")
    got = [(r["period_end"], r["measure"], Decimal(r["value"]), r["value_high"] and Decimal(r["value_high"]),
            r["documents"], r["figures"], bool(r["disagree"])) for r in rows]
    want = [(r.period_end, r.measure, Decimal(r.value), None if pd.isna(r.value_high) else Decimal(r.value_high), r.documents,
             r.figures, bool(r.disagree)) for r in expected.itertuples()]
    assert got == want


def test_timeline_reads_values_for_people(app):
    rows = canned(app, "timeline", metric="普惠小微贷款余额")
    assert {"value": "35300000000000", "reads": "35.3万亿元"}.items() <= rows[-1].items()


@pytest.mark.parametrize("filters", [
    {"sector": "小微企业", "period_from": "2025-01-01"},
    {"tool": "再贷款"},
    {"institution": "中国人民银行", "period_to": "2019-12-31"},
    {"tool": "存款准备金率", "sector": "小微企业"},
])
def test_figures_by_matches_query(app, corpus_db, filters):
    expected = open_store(corpus_db).figures(FigureQuery(**filters))
    params = {"tool": "", "sector": "", "institution": "", "period_from": "", "period_to": "", **filters}
    rows = canned(app, "figures_by", **params)
    assert len(expected) > 0
    assert [(r["doc_id"], r["text"], r["value"]) for r in rows] == \
        [(r.doc_id, r.text, str(r.value)) for r in expected.itertuples()]


@pytest.mark.parametrize("kind, by, freq", [("policy_tool", "tool", "quarter"), ("sector", "sector", "year"),
                                            ("institution", "institution", "month")])
def test_mention_trends_match_trends(app, corpus_db, kind, by, freq):
    expected = mention_trends(open_store(corpus_db), by, freq, top=None)
    rows = canned(app, "mention_trends", kind=kind, freq=freq, top="100000")
    assert sorted((r["period"], r["name"], r["mentions"], r["documents"]) for r in rows) == \
        sorted(expected.itertuples(index=False, name=None))


def test_conflicts_are_the_timelines_disagreements(app, corpus_db):
    store = open_store(corpus_db)
    conflicts = canned(app, "conflicts", metric="")
    assert conflicts, "the corpus has sources that disagree"
    for row in conflicts[:20]:
        timeline = metric_timeline(store, row["metric_key"], row["measure"])
        point = timeline[(timeline.period_end == row["period_end"]) & (timeline.unit == row["unit"])]
        assert point.disagree.any(), row


def test_within_reads_outside_names_from_the_store_not_the_taxonomy():
    """s20-review: analyzer_within looked the name up in the taxonomy to tell an outside name; it now takes the
    store's in_taxonomy (the queries pass whether the name is stored outside the taxonomy), as the store's query does."""
    from analyzer.serve.plugin import within
    assert within("绿色再贷款", "再贷款", 1) == 1
    assert within("绿色再贷款", "再贷款", 0) == 0  # not stored as an outside name: not counted, whatever the taxonomy says
    assert within("支农再贷款", "再贷款", 0) == 1  # a narrower taxonomy entry
    assert within(None, "再贷款", 1) == 0


def test_within_leaves_out_other_institutions_ending_with_the_name():
    """s20-review2: for institutions an outside name ending with the queried one is another body (俄罗斯外交部 is not
    China's 外交部), as the store's query reads it; a bank's branch is still within its bank."""
    from analyzer.serve.plugin import within
    assert within("俄罗斯外交部", "外交部", 1, "institution") == 0
    assert within("工行苏州分行", "中国工商银行", 1, "institution") == 1
    assert within("绿色再贷款", "再贷款", 1, "policy_tool") == 1


@pytest.mark.parametrize("tool", ["再贷款", "贷款市场报价利率"])
def test_figures_by_tool_finds_the_outside_names_the_store_finds(app, corpus_db, tool):
    expected = open_store(corpus_db).figures(FigureQuery(tool=tool))
    params = {"tool": tool, "sector": "", "institution": "", "period_from": "", "period_to": ""}
    rows = canned(app, "figures_by", **params)
    assert [(r["doc_id"], r["text"]) for r in rows] == [(r.doc_id, r.text) for r in expected.itertuples()]
    documents = canned(app, "tool_documents", tool=tool)
    assert [r["doc_id"] for r in documents] == list(dict.fromkeys(open_store(corpus_db).mentions("policy_tool",
                                                                                                   name=tool).doc_id))


def test_tool_documents_are_in_date_order(app, corpus_db):
    rows = canned(app, "tool_documents", tool="再贷款")
    mentioned = open_store(corpus_db).mentions("policy_tool", name="再贷款")
    assert [r["doc_id"] for r in rows] == list(dict.fromkeys(mentioned.doc_id))
    assert [r["published"] for r in rows] == sorted(r["published"] for r in rows)


def test_every_example_shows_rows_and_every_chart_names_a_query(app):
    for query_id, query in config.canned_queries().items():
        assert canned(app, query_id, **query["example"]), query_id
    for dashboard in config.dashboards("analyzer").values():
        for chart in dashboard["charts"].values():
            assert chart["query"] in {q["sql"].strip() for q in config.canned_queries().values()}


# --- read-only, bounded, no files --------------------------------------------------------------------------

@pytest.mark.parametrize("statement", [
    "DELETE FROM figures",
    "UPDATE documents SET title = 'x'",
    "INSERT INTO documents (doc_id) VALUES ('x')",
    "DROP TABLE figures",
    "ATTACH DATABASE '/tmp/analyzer-serve-attack.db' AS other",
    "SELECT load_extension('/tmp/evil')",
    "PRAGMA query_only = 0",
])
@pytest.mark.parametrize("live", [False, True])
def test_writes_and_file_access_are_refused(corpus_db, statement, live):
    before = hashlib.sha256(Path(corpus_db).read_bytes()).hexdigest()
    app = build_datasette(open_served(corpus_db, live=live))
    status, answer = fetch(app, "/analyzer.json", sql=statement)
    assert status >= 400 and answer["ok"] is False
    assert hashlib.sha256(Path(corpus_db).read_bytes()).hexdigest() == before
    assert not Path("/tmp/analyzer-serve-attack.db").exists()


@pytest.mark.parametrize("path", [
    "/-/static-plugins/datasette_dashboards/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/-/static-plugins/datasette_dashboards/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/-/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/-/static/%2e%2e/app.py",
    "/analyzer.db",  # the database file itself: no download
])
def test_no_file_outside_the_static_assets_is_served(app, path):
    status, body = fetch(app, path)
    assert status in (403, 404) and "root:" not in str(body)


def _status_of(datasette, method: str, path: str) -> int:
    async def send():
        await datasette.invoke_startup()
        return await datasette.client.request(method, path)
    return asyncio.run(send()).status_code


@pytest.mark.parametrize("method, path", [
    ("POST", "/analyzer/figures"), ("POST", "/analyzer/timeline"), ("POST", "/-/messages"), ("PUT", "/analyzer"),
    ("DELETE", "/analyzer/figures/1"), ("PATCH", "/analyzer/figures"), ("OPTIONS", "/"),
])
def test_only_reads_reach_datasette(app, method, path):
    """s24-serve: a POST to a table or a canned query was a 500 (nothing written: the store is opened read-only);
    every method but GET and HEAD is now a 405 before datasette sees the request."""
    assert _status_of(app, method, path) == 405
    assert _status_of(app, "HEAD", "/analyzer/figures") == 200


@pytest.mark.parametrize("path, status", [
    pytest.param("/analyzer/figures.json?id__in=" + urllib.parse.quote("[" * 5000), 400, id="in-list-nested-5000"),
    pytest.param("/-/static/" + "a/" * 2100, 404, id="static-path-4200-characters"),  # ENAMETOOLONG
])
def test_a_hostile_path_or_list_is_no_server_error(app, path, status):
    """s24-serve: both were 500 pages, as if the server had failed."""
    assert _status_of(app, "GET", path) == status


def test_pending_wal_is_served_live(tmp_path):
    from test_store import make_record, stored
    db = str(tmp_path / "busy.db")
    writer = open_store(db)
    writer.write([stored(make_record("d1"))])  # the pooled connection keeps the commit in the WAL
    busy = open_served(db)
    assert not busy.immutable
    live_app = build_datasette(busy)
    assert canned(live_app, "timeline", metric="普惠小微贷款余额")[0]["documents"] == 1
    live_app.databases["analyzer"].close()
    writer.close()  # the last connection checkpoints the WAL into the file
    assert open_served(db, live=False).immutable and not open_served(db).immutable  # live by default (s27-reliab)


def test_store_connections_refuse_attach():
    from analyzer.serve.plugin import prepare_connection

    class Served:
        @staticmethod
        def plugin_config(name):
            return {"database": "analyzer"}
    connection = sqlite3.connect(":memory:")
    prepare_connection(connection, "analyzer", Served())
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        connection.execute("ATTACH DATABASE ':memory:' AS other")
    assert tuple(connection.execute("SELECT analyzer_human('35300000000000', 'CNY')").fetchone()) == ("35.3万亿元",)


@pytest.mark.parametrize("database", ["analyzer", "_memory"])
def test_no_connection_lets_a_web_client_reach_fts3_tokenizer(database):
    """fts3_tokenizer('simple') handed any web client a pointer into the server process, and the two-argument form
    (SQLite built with ENABLE_FTS3_TOKENIZER, as Debian's is) replaced a tokenizer's code pointer."""
    from analyzer.serve.plugin import prepare_connection

    class Served:
        @staticmethod
        def plugin_config(name):
            return {"database": "analyzer"}
    connection = sqlite3.connect(":memory:")
    prepare_connection(connection, database, Served())
    for statement in ("SELECT fts3_tokenizer('simple')", "SELECT fts3_tokenizer('simple', x'4141414141414141')"):
        with pytest.raises(sqlite3.DatabaseError, match="not authorized|no such function"):
            connection.execute(statement)
    assert tuple(connection.execute("SELECT upper('x')").fetchone()) == ("X",)


def test_long_queries_time_out(app):
    assert fetch(app, "/-/settings.json")[1]["sql_time_limit_ms"] == config.SQL_TIME_LIMIT_MS
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    status, answer = fetch(app, "/analyzer.json", sql=endless)
    assert status == 400 and "too long" in answer["error"]


# --- what one request may make the server hold (analyzer/serve/limits.py) -------------------------------------

@pytest.fixture(scope="module", autouse=True)
def no_heap_limit_left():
    """serve's hard heap limit is SQLite's, for the whole process: the tests after this module run without it."""
    yield
    sqlite3.connect(":memory:").execute("PRAGMA hard_heap_limit = 0").connection.close()


@pytest.mark.parametrize("sql", [
    "SELECT length(zeroblob(1000000000))",  # 1 GB: the time limit cannot stop one call
    "SELECT length(randomblob(20000000))",
    "SELECT length(x'00' || zeroblob(16777216))",
])
def test_a_value_past_the_length_limit_is_refused_and_the_server_answers_on(app, sql):
    """s24-serve: one call such as zeroblob(1000000000) or printf('%.*c', 2000000000, 'x') took the server past 20 GB
    until the kernel killed it; no string or blob may now be longer than the length limit (a 400)."""
    status, answer = fetch(app, "/analyzer.json", sql=sql)
    assert status == 400 and "string or blob too big" in answer["error"], answer
    assert fetch(app, "/analyzer.json", sql="SELECT length(zeroblob(16000000))")[1]["rows"] == [[16000000]]


def test_a_result_past_its_characters_is_refused_whatever_its_rows(corpus_db):
    """The characters of one statement's rows are counted as they are fetched: 2,000 rows of 4 MB each were made in
    well under the time limit. Here the limit is made small; the rows under it are served."""
    from analyzer.serve.limits import TOO_LARGE
    served = open_served(corpus_db)
    small = build_datasette(type(served)(path=served.path, immutable=True, example_doc=None,
                                         limits={"value_bytes": 2**20, "result_chars": 5000}))
    rows = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT {rows}) "
            "SELECT printf('%.*c', 1000, 'x') FROM n")
    status, answer = fetch(small, "/analyzer.json", sql=rows.format(rows=6))
    assert status == 400 and answer["error"] == TOO_LARGE.format(limit=5000), answer
    assert len(fetch(small, "/analyzer.json", sql=rows.format(rows=5))[1]["rows"]) == 5
    assert fetch(small, "/analyzer/figures.json", _size=2)[0] == 200  # each statement counted on its own


def test_a_query_past_the_heap_limit_is_refused_and_the_server_answers_on(corpus_db, monkeypatch):
    """SQLite's hard heap limit (512 MiB, here 32 MiB) stops a query whose values each fit the length limit but not
    all at once: SQLite's out-of-memory is the request's fault, a 400."""
    from analyzer.serve import limits
    monkeypatch.setattr(limits, "HEAP_BYTES", 32 * 2**20)
    small = build_datasette(open_served(corpus_db))
    try:
        status, answer = fetch(small, "/analyzer.json", sql="SELECT length(a), length(b), length(c) FROM (SELECT "
                               "randomblob(12000000) AS a, randomblob(12000000) AS b, randomblob(12000000) AS c)")
        assert status == 400, answer
        assert "needs more memory than the server lets SQLite have (32 MiB)" in answer["error"]
        assert fetch(small, "/analyzer.json", sql="SELECT 1")[1]["rows"] == [[1]]
    finally:
        sqlite3.connect(":memory:").execute("PRAGMA hard_heap_limit = 0").connection.close()


def test_every_stored_value_stays_readable():
    """The length limit and the result's characters grow with the store's longest text or meta (ingest's
    --max-doc-bytes may pass 16 MiB): twice the longest, never under the defaults."""
    from analyzer.serve.limits import RESULT_CHARS, VALUE_BYTES, largest_stored, limits_for
    assert limits_for(0) == {"value_bytes": VALUE_BYTES, "result_chars": RESULT_CHARS}
    assert limits_for(40 * 2**20) == {"value_bytes": 80 * 2**20, "result_chars": 80 * 2**20}
    store = sqlite3.connect(":memory:")
    store.execute("CREATE TABLE documents (text TEXT, meta TEXT)")
    assert largest_stored(store) == 0
    store.executemany("INSERT INTO documents VALUES (?, ?)",
                      [("资金" * 10, None), ("x", '{"k": "' + "v" * 91 + '"}')])  # 60 and 100 bytes
    assert largest_stored(store) == 100
    store.close()


@pytest.mark.parametrize("path, message", [
    ("/analyzer/figures?_sort=nope", "Cannot sort table by nope"),
    ("/analyzer/figures.json?_sort_desc=nope", "Cannot sort table by nope"),
    ("/analyzer/figures.csv?_sort=<b>x</b>", "Cannot sort table by &lt;b&gt;x&lt;/b&gt;"),
    ("/analyzer/figures.json?_sort=value&_sort_desc=value", "Cannot use _sort and _sort_desc at the same time"),
    ("/analyzer/figures.json?_through=notjson", "Expecting value"),
    # s24-serve: JSON that is no object of table, column and value was a 500 (KeyError, TypeError, a list bound)
    ("/analyzer/figures.json?_through=%7B%7D", "Invalid _through - write a JSON object"),
    ("/analyzer/figures.json?_through=%5B%5D", "Invalid _through - write a JSON object"),
    ("/analyzer/figures.json?_through=%22links%22", "Invalid _through - write a JSON object"),
    ("/analyzer/figures.json?_through=" + urllib.parse.quote('{"table": "links", "column": "kind", "value": [1]}'),
     "Invalid _through - write a JSON object"),
    ("/analyzer/figures.json?_through=" + urllib.parse.quote('{"table": "links", "column": "x] = 1; --", "value": 1}'),
     "Invalid _through - links has no column x] = 1; --"),
    ("/analyzer/figures.json?_through=" + urllib.parse.quote('{"table": "nope", "column": "x", "value": 1}'),
     "Invalid _through"),
    ("/analyzer/figures.json?_timelimit=soon", "invalid literal"),
    ("/analyzer/timeline.json?_timelimit=soon", "invalid literal"),
    ("/analyzer/figures.csv?value__gt=99999999999999999999999", "too large"),
    ("/analyzer/figures?_facet=%00", "null character"),
    ("/analyzer/figures.json?_where=%00", "null character"),
])
def test_a_bad_parameter_is_a_client_error(app, path, message):
    """datasette answered a sort by a column the table lacks, a _through or _timelimit it cannot read, a number too
    large for SQLite and a NUL in a facet with status 500, as if the server had failed; the request is at fault, so
    it is a 400 with the message (escaped in the HTML page)."""
    status, answer = fetch(app, path)
    assert status == 400, answer
    assert message in (answer["error"] if isinstance(answer, dict) else answer)


def _status_left(path: str, message: str = "worded some new way", while_handling: Exception | None = None) -> int:
    """The status the plugin's handle_exception leaves on datasette's DatasetteError (default status 500) raised for a
    request of ``path`` (while handling ``while_handling``); datasette's own handler renders it next."""
    from datasette.utils.asgi import Request
    from datasette.views.base import DatasetteError
    from analyzer.serve.plugin import handle_exception
    error = DatasetteError(message)
    error.__context__ = while_handling
    assert handle_exception(None, Request.fake(path), error) is None
    return error.status


@pytest.mark.parametrize("query", ["_sort=value", "_sort_desc=published", "_through=" + urllib.parse.quote(
    '{"table": "links", "column": "kind", "value": "policy_tool"}')])
@pytest.mark.parametrize("failure", [DatasetteError("database disk image is malformed"),
                                     sqlite3.DatabaseError("database disk image is malformed")])
def test_a_database_failure_with_a_valid_parameter_stays_a_server_error(app, monkeypatch, query, failure):
    """s23-review: any DatasetteError of datasette's default status 500 on a request with a _sort, _sort_desc or
    _through was made a 400, a database failure too; the parameters are now checked against the table before
    datasette reads them, and datasette's errors keep their status (the DatasetteError case fails on the old code)."""
    from datasette.database import Database
    execute = Database.execute

    async def failing(self, sql, *args, truncate=False, **kwargs):
        if truncate:  # the query of the table's rows, after every parameter was read
            raise failure
        return await execute(self, sql, *args, truncate=truncate, **kwargs)
    table = "documents" if "published" in query else "figures"
    assert fetch(app, f"/analyzer/{table}.json?{query}")[0] == 200
    monkeypatch.setattr(Database, "execute", failing)
    status, answer = fetch(app, f"/analyzer/{table}.json?{query}")
    assert status == 500, answer


def test_a_refused_parameter_is_refused_before_datasette_reads_it(app, monkeypatch):
    """The 400 is the plugin's own check (datasette's refusals keep their 500): datasette's sort check and _through
    filter are never reached with a parameter they would refuse."""
    import types

    from datasette import filters
    from datasette.views.table import TableView

    async def never(*_args, **_kwargs):
        raise AssertionError("datasette read a refused parameter")

    def never_loads(*_args, **_kwargs):
        raise AssertionError("datasette read a refused _through")
    monkeypatch.setattr(TableView, "sortable_columns_for_table", never)
    monkeypatch.setattr(filters, "json", types.SimpleNamespace(loads=never_loads))
    for query in ("_sort=nope", "_sort_desc=nope", "_sort=value&_sort_desc=value", "_through=%7B%7D",
                  "_through=" + urllib.parse.quote('{"table": "documents", "column": "kind", "value": 1}')):
        assert fetch(app, f"/analyzer/figures.json?{query}")[0] == 400, query


@pytest.mark.parametrize("path, while_handling", [
    ("/analyzer/figures", None),  # a sort configured in metadata on a missing column: the server's own fault
    ("/analyzer/figures?_sort=value", sqlite3.OperationalError("disk I/O error")),  # a database failure
    ("/analyzer/figures?_sort=value", None),
])
def test_other_datasette_errors_stay_server_errors(path, while_handling):
    assert _status_left(path, "Cannot sort table by nope", while_handling) == 500


def test_an_error_of_the_plugins_own_code_stays_a_server_error(app, monkeypatch):
    """s21-review: every ValueError was answered as a bad request (400), a fault of this package's own code too (here
    the document page's); only datasette's own reading of a parameter is the request's fault."""
    import analyzer.serve.plugin as plugin

    def broken(*_args):
        raise ValueError("a bug of ours")
    monkeypatch.setattr(plugin, "cut", broken)
    assert fetch(app, f"/-/document/{SEED_DOC}")[0] == 500


def test_only_read_only_plugins_run(app):
    from analyzer.serve.app import keep_read_only_plugins
    keep_read_only_plugins()
    names = {p["name"].replace("-", "_") for p in fetch(app, "/-/plugins.json")[1]}
    assert names <= {*ALLOWED_PLUGINS, "analyzer.serve.plugin"}
    assert "datasette_dashboards" in names


# --- the document page ---------------------------------------------------------------------------------------

def test_document_page_highlights_every_figure_and_mention(app, corpus_db):
    from lxml import html
    status, page = fetch(app, f"/-/document/{SEED_DOC}")
    assert status == 200
    tree = html.fromstring(page)
    article = tree.get_element_by_id("doc-text")
    stored = open_store(corpus_db)
    text = stored.sql(f"SELECT text FROM documents WHERE doc_id = '{SEED_DOC}'")[1].__next__()[0]
    assert article.text_content() == text  # the text is shown exactly as stored
    figures = stored.figures(doc_id=SEED_DOC)
    marked = {"".join(m.text_content() for m in article.xpath(f'.//mark[contains(concat(" ", @data-keys, " "), '
                                                              f'" f{i} ")]')) for i in figures.figure_id}
    assert marked == set(figures.text)
    assert len(article.xpath('.//mark[contains(@class, "sector")]')) >= 1
    seed = article.xpath('.//mark[contains(@class, "figure")][. = "35.3万亿元"]')[0]
    assert "metric 普惠小微贷款余额" in seed.get("title") and "value 35300000000000" in seed.get("title")


def test_unknown_document_is_404_and_doc_ids_link_to_pages(app):
    assert fetch(app, "/-/document/no-such-doc")[0] == 404
    status, page = fetch(app, "/analyzer/documents")
    assert status == 200 and f'href="/-/document/{SEED_DOC}"' in page


@pytest.mark.parametrize("spans, pieces", [
    ([], [("余额35.3万亿元。", ())]),
    ([("f1", 2, 9)], [("余额", ()), ("35.3万亿元", ("f1",)), ("。", ())]),
    ([("m1", 0, 3), ("f1", 2, 9)], [("余额", ("m1",)), ("3", ("m1", "f1")), ("5.3万亿元", ("f1",)), ("。", ())]),
    ([("m1", 0, 2), ("m2", 0, 2)], [("余额", ("m1", "m2")), ("35.3万亿元。", ())]),
    ([("f1", 8, 99), ("x", 5, 5), ("y", 40, 50)], [("余额35.3万亿", ()), ("元。", ("f1",))]),
])
def test_cut_keeps_the_text_and_marks_each_span(spans, pieces):
    text = "余额35.3万亿元。"
    got = cut(text, [Annotation(key, "figure", start, end) for key, start, end in spans])
    assert [(p.text, p.keys) for p in got] == pieces
    assert "".join(p.text for p in got) == text


# --- the command ---------------------------------------------------------------------------------------------

def test_serve_defaults_to_localhost_and_has_an_example():
    params = {p.name: p for p in main.get_command(None, "serve").params}
    assert params["host"].default == "127.0.0.1" and params["port"].default == 8001
    assert "Example: analyzer serve" in main.get_command(None, "serve").help


@pytest.mark.parametrize("db, message", [
    ("{tmp}/missing.db", "no store there; create one with: analyzer ingest"),
    ("{tmp}/no-dir/missing.db", "no store there"),
    ("{tmp}/empty.db", "not an analyzer store"),
    ("{tmp}/garbage.db", "cannot read it as SQLite"),
    ("postgresql://u:p@localhost:1/db", "analyzer export --sqlite snapshot.db"),
])
def test_serve_errors_are_one_clear_line(tmp_path, db, message):
    sqlite3.connect(tmp_path / "empty.db").execute("CREATE TABLE t (x)").connection.close()
    (tmp_path / "garbage.db").write_bytes(b"not a database at all" * 100)
    result = CliRunner().invoke(main, ["serve", "--db", db.format(tmp=tmp_path), "--port", "1"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_busy_port_is_a_clear_error(corpus_db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = CliRunner().invoke(main, ["serve", "--db", corpus_db, "--port", str(busy.getsockname()[1])])
    assert result.exit_code == 1 and "the port is in use" in result.stderr


def test_served_over_http_on_localhost_read_only(corpus_db):
    port = free_port()
    before = hashlib.sha256(Path(corpus_db).read_bytes()).hexdigest()
    server = subprocess.Popen([sys.executable, "cli.py", "serve", "--db", corpus_db, "--port", str(port)],
                              cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        banner = server.stderr.readline()
        assert f"at http://127.0.0.1:{port}/" in banner and "read-only" in banner
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=5).close()
                break
            except OSError:
                time.sleep(0.1)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "/analyzer.json?" + urllib.parse.urlencode({"sql": "DELETE FROM figures"}))
        assert refused.value.code == 400
        with urllib.request.urlopen(base + "/analyzer/figures.json?_size=1&_shape=array") as answer:
            assert answer.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert hashlib.sha256(Path(corpus_db).read_bytes()).hexdigest() == before


# --- export --sqlite -----------------------------------------------------------------------------------------

def test_export_sqlite_snapshot_serves_the_same_store(db_url, tmp_path):  # noqa: F811  (fixture)
    from test_store import make_record, stored
    source = open_store(db_url)
    source.write([stored(make_record("d1")), stored(make_record("d2", value="35000000000000", source="人民日报"))])
    snapshot = tmp_path / "snapshot.db"
    result = CliRunner().invoke(main, ["export", "--sqlite", str(snapshot), "--db", db_url])
    assert result.exit_code == 0, result.output
    copy = open_store(str(snapshot))
    assert copy.counts() == source.counts()
    metric = "普惠小微贷款余额"
    assert metric_timeline(copy, metric).to_dict("records") == metric_timeline(source, metric).to_dict("records")
    assert copy.documents().meta.tolist() == source.documents().meta.tolist()
    rows = canned(build_datasette(open_served(str(snapshot))), "timeline", metric="普惠小微贷款余额")
    assert rows[0]["disagree"] == 1 and "人民日报 (d2)" in rows[0]["sources"]
    again = CliRunner().invoke(main, ["export", "--sqlite", str(snapshot), "--db", db_url])
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert CliRunner().invoke(main, ["export", "--db", db_url]).exit_code == 2  # neither TABLE nor --sqlite


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "JavaScript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "https://example.org/a b"])
def test_a_stored_url_that_is_no_web_address_is_never_a_link(tmp_path, url):
    """A hostile record's doc.url (javascript:…) was written into the document page's 'original' link as it was:
    one click ran script on the served origin. Only an http(s) address is a link; any other is shown as text."""
    from test_store import make_record, stored
    db = str(tmp_path / "hostile.db")
    record = make_record("d1")
    record.document.url = url
    with open_store(db) as store:
        store.write([stored(record)])
    status, page = fetch(build_datasette(open_served(db)), "/-/document/d1")
    assert status == 200
    assert 'href="javascript' not in page.lower() and 'href="data:' not in page.lower() and "href=\"https://example.org/a" not in page


def test_a_web_url_is_the_original_link(tmp_path):
    from test_store import make_record, stored
    db = str(tmp_path / "web.db")
    record = make_record("d1")
    record.document.url = "https://example.org/news?id=1&x=2"
    with open_store(db) as store:
        store.write([stored(record)])
    status, page = fetch(build_datasette(open_served(db)), "/-/document/d1")
    assert status == 200 and 'href="https://example.org/news?id=1&amp;x=2"' in page


def test_a_bank_branch_is_within_its_bank():
    # canned queries find a bank's branches as `analyzer query --institution` does (convention of 2026-12-07); a branch
    # is stored outside the taxonomy (in_taxonomy false), which the queries pass as the third argument
    from analyzer.serve.plugin import within
    assert within("中国工商银行苏州分行", "中国工商银行", 1) == 1
    assert within("工行多哈分行", "工行", 1) == 1
    assert within("人民银行深圳市中心支行", "中国人民银行", 1) == 1
    assert within("中国工商银行苏州分行", "中国银行", 1) == 0
    assert within("上海银行深圳分行", "中国工商银行", 1) == 0
    assert within("中国工商银行苏州分行", "中国工商银行", 0) == 0  # only a name stored outside the taxonomy


def test_the_documents_page_is_served_whatever_other_texts_hold(corpus_db):
    """s25-review: datasette's facet suggestions read up to 31 whole values of every column, `text` included, so a
    store of long documents answered its documents page with the result limit's 400 even at `_size=2`. Facets come
    from the metadata only, and the documents table shows 10 rows a page (full texts)."""
    served = open_served(corpus_db)
    small = build_datasette(type(served)(path=served.path, immutable=True, example_doc=None,
                                         limits={"value_bytes": 2**20, "result_chars": 5000}))
    for path in ("/analyzer/documents.json", "/analyzer/documents"):
        status, _ = fetch(small, path, _size=2)
        assert status == 200, path
    status, page = fetch(build_datasette(served), "/analyzer/documents.json")
    assert status == 200 and len(page["rows"]) == 10
