"""One SQLite store used by several processes at once (s27-reliab): an ingest beside an export, a query, a second
ingest. Every other process here is a real process (``subprocess``): POSIX locks belong to a process, and the
failures below came from this process dropping its own."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.store.sql import SQLStore
from conftest import gold_records_store, postgres_schema

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ("content_hash, source, published, title, kind, url, meta, text, extractor_version, ingested_at, origin, "
           "text_hash")
# another process's commit and close: copies the first four documents under new ids (with one sentence each)
OTHER_WRITER = f"""
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], timeout=60)
with connection:
    for row in connection.execute("SELECT id FROM documents WHERE id <= 4").fetchall():
        new = connection.execute("INSERT INTO documents (doc_id, {COLUMNS}) SELECT ? || doc_id, {COLUMNS} "
                                 "FROM documents WHERE id = ?", (sys.argv[2], row[0])).lastrowid
        connection.execute('INSERT INTO sentences (document_id, start, "end", text) VALUES (?, 0, 1, ?)', (new, "x"))
connection.close()
"""


def _other_process_writes(db: str, prefix: str) -> None:
    subprocess.run([sys.executable, "-c", OTHER_WRITER, db, prefix], check=True)


def _counted_elsewhere(db: str) -> int:
    """The documents another process sees now."""
    found = subprocess.run([sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("
                            "'SELECT count(*) FROM documents').fetchone()[0])", db],
                           capture_output=True, text=True, check=True)
    return int(found.stdout)


@pytest.fixture
def store_db(tmp_path) -> str:
    return gold_records_store(tmp_path, 4)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, tmp_path):
    """A fresh store URL: a SQLite file, or a private PostgreSQL schema (s27_reliab_…, dropped afterwards)."""
    if request.param == "sqlite":
        yield str(tmp_path / "s.db")
        return
    with postgres_schema("s27_reliab") as url:
        yield url


def test_a_snapshot_outlives_another_process_closing_the_store(store_db, tmp_path):
    """`export --sqlite` beside a running ingest failed about 1 run in 12 with `database disk image is malformed`.
    Opening a store took a `flock` through a handle of its own on the file and closed it, and closing any descriptor
    of a file drops every POSIX lock the process holds on it: SQLite's SHARED lock on the database too. Another
    process whose last connection then closed took the store for unused, checkpointed its log in exclusive mode
    (ignoring this reader's snapshot) and deleted it: the snapshot read pages from after it began. Here the other
    process commits a document with its sentences and closes between the export's two first tables; on main the
    export failed (`FOREIGN KEY constraint failed`: a sentence of a document it had not copied)."""
    seen = []

    def other_process_meanwhile(conn, cursor, statement, parameters, context, executemany):
        if not seen and conn.engine.url.database == str(Path(store_db).resolve()) and "FROM sentences" in statement:
            seen.append(True)
            _other_process_writes(store_db, "new-")
    sa.event.listen(sa.engine.Engine, "before_cursor_execute", other_process_meanwhile)
    try:
        result = CliRunner().invoke(main, ["export", "--sqlite", str(tmp_path / "snap.db"), "--db", store_db])
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", other_process_meanwhile)
    assert seen
    assert result.exit_code == 0, result.output
    assert "4 documents" in result.output
    with sqlite3.connect(tmp_path / "snap.db") as snapshot:
        assert snapshot.execute("SELECT count(*) FROM documents").fetchone() == (4,)
        assert snapshot.execute("PRAGMA foreign_key_check").fetchall() == []
    assert _counted_elsewhere(store_db) == 8


def test_a_read_transaction_keeps_its_snapshot_when_another_process_closes(store_db):
    """The same loss at its smallest: a read transaction of an open store, another process commits and closes, and
    the transaction (main: 8 documents, its snapshot gone) still sees the 4 it began with; the log is kept."""
    store = SQLStore(store_db, create=False)
    try:
        with store.engine.connect() as connection:
            connection.exec_driver_sql("BEGIN")
            assert connection.exec_driver_sql("SELECT count(*) FROM schema_version").scalar() >= 1
            _other_process_writes(store_db, "new-")
            assert Path(store_db + "-wal").exists()
            assert connection.exec_driver_sql("SELECT count(*) FROM documents").scalar() == 4
            connection.rollback()
    finally:
        store.close()
    assert _counted_elsewhere(store_db) == 8


def test_a_command_ending_beside_an_ingest_loses_no_commit(store_db):
    """`analyzer query` (any command that opens the store) ending while an ingest ran deleted the store's write-ahead
    log under the ingest, whose own opening had dropped its lock the same way: the ingest's next commits went to the
    deleted log, where no other process saw them (main: 8 documents seen, not 12), and when the ingest ended its
    log was checkpointed over what another writer had committed meanwhile, whose 4 documents were lost without a
    word (main: 12 at the end, not 16)."""
    ingest = SQLStore(store_db)  # a long ingest, its first batch committed
    try:
        _commit_copies(ingest, "a-")
        assert _counted_elsewhere(store_db) == 8
        query = subprocess.run([sys.executable, "cli.py", "query", "--metric", "GDP", "--db", store_db],
                               cwd=ROOT, capture_output=True, text=True)
        assert "Traceback" not in query.stderr
        _commit_copies(ingest, "b-")  # its next batch
        assert _counted_elsewhere(store_db) == 12
        _other_process_writes(store_db, "z-")  # a second ingest's batch
        assert _counted_elsewhere(store_db) == 16
    finally:
        ingest.close()
    assert _counted_elsewhere(store_db) == 16
    with sqlite3.connect(store_db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM documents WHERE doc_id LIKE 'z-%'").fetchone() == (4,)


def _commit_copies(store: SQLStore, prefix: str) -> None:
    with store.engine.begin() as connection:
        connection.exec_driver_sql(f"INSERT INTO documents (doc_id, {COLUMNS}) SELECT '{prefix}' || doc_id, {COLUMNS} "
                                   "FROM documents WHERE id <= 4")


def test_mentions_export_as_parquet(store_db, tmp_path):
    """`export mentions --format parquet` ended in a traceback on every store (`ArrowTypeError: Expected bytes, got a
    'bool' object`): the Boolean column `in_taxonomy` was given a string type. It is a Parquet boolean now."""
    import pyarrow.parquet as pq
    out = tmp_path / "mentions.parquet"
    result = CliRunner().invoke(main, ["export", "mentions", "--format", "parquet", "-o", str(out), "--db", store_db])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    with sqlite3.connect(store_db) as connection:
        stored = connection.execute("SELECT in_taxonomy FROM mentions ORDER BY id").fetchall()
    assert table.num_rows == len(stored) > 0
    assert table.column("in_taxonomy").to_pylist() == [bool(value) for value, in stored]


@pytest.mark.parametrize("policy, failed, skipped", [("error", 2, 0), ("skip", 0, 2)])
def test_an_ingest_does_not_overwrite_what_another_ingest_stored_meanwhile(any_db, tmp_path, monkeypatch, policy,
                                                                           failed, skipped):
    """An id stored from another input file is an error for the record (`--on-duplicate skip`: skipped), never an
    overwrite; but ingest read the stored ids and origins once, when it began. A second ingest that stored the same
    ids from another file meanwhile (two analysts, overlapping files) was overwritten in silence, counted `updated`
    (main: `1 added, 2 updated, 0 unchanged, 0 failed`). The write now looks again inside its transaction. Here this run is made to miss the
    other file's documents at its start, as a run that began before the other stored them does."""
    import json
    db = any_db
    other, mine = tmp_path / "other.jsonl", tmp_path / "mine.jsonl"
    other.write_text("".join(json.dumps({"id": f"d{i}", "text": f"2024年第{i}季度营业收入增长{i}%。"},
                                        ensure_ascii=False) + "\n" for i in (1, 2)), encoding="utf-8")
    mine.write_text("".join(json.dumps({"id": f"d{i}", "text": f"2024年第{i}季度净利润下降{i}%。"},
                                       ensure_ascii=False) + "\n" for i in (1, 2, 3)), encoding="utf-8")
    assert CliRunner().invoke(main, ["ingest", str(other), "--db", db, "--no-progress"]).exit_code == 0
    monkeypatch.setattr(SQLStore, "document_origins", lambda self: {})
    monkeypatch.setattr(SQLStore, "known_documents", lambda self: {})
    result = CliRunner().invoke(main, ["ingest", str(mine), "--db", db, "--no-progress", "--on-duplicate", policy])
    assert f"1 added, 0 updated, 0 unchanged, {failed} failed" in result.output, result.output
    assert "Traceback" not in result.output
    if failed:
        assert f"id 'd1' is already stored from another input, {other}" in result.output
    with SQLStore(db) as store, store.engine.connect() as connection:
        texts = dict(connection.exec_driver_sql("SELECT doc_id, text FROM documents").all())
    assert texts["d1"].endswith("营业收入增长1%。") and texts["d2"].endswith("营业收入增长2%。") and "d3" in texts


def test_serve_reads_a_store_that_another_process_writes(store_db):
    """`analyzer serve` opened the file immutable by default, which tells SQLite that nothing writes it. An ingest
    beside the server (another process committing and closing, its checkpoint rewriting pages of the file) gave
    `database disk image is malformed` (status 400) and row counts of no moment of the store. It is opened
    `mode=ro` now (`--immutable` asks for the old way): each query reads one moment, and the new rows show up."""
    pytest.importorskip("datasette")
    from analyzer.serve.app import build_datasette, open_served
    from test_serve import fetch
    app = build_datasette(open_served(store_db))
    try:
        for round_ in range(1, 7):
            _other_process_writes(store_db, f"r{round_}-")
            status, rows = fetch(app, "/analyzer.json", sql="SELECT count(*) AS n, sum(length(text)) AS chars, "
                                 "(SELECT count(*) FROM sentences) AS sentences FROM documents", _shape="array")
            assert status == 200, rows
            with sqlite3.connect(store_db) as connection:
                expected = connection.execute("SELECT count(*), sum(length(text)), (SELECT count(*) FROM sentences) "
                                              "FROM documents").fetchone()
            assert (rows[0]["n"], rows[0]["chars"], rows[0]["sentences"]) == expected
            assert expected[0] == 4 * (round_ + 1)
    finally:
        app.databases["analyzer"].close()
