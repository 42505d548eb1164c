"""Review of s27-reliab's write-time check of ids stored from another input (``SQLStore.write(…,
keep_other_inputs=True)``): the cases where it let an overwrite through that ingest's check at its start refuses."""
from __future__ import annotations

import json
import threading

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.store.sql import SQLStore
from conftest import postgres_schema


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, tmp_path):
    """A fresh store URL: a SQLite file, or a private PostgreSQL schema (s27_review_…, dropped afterwards)."""
    if request.param == "sqlite":
        yield str(tmp_path / "s.db")
        return
    with postgres_schema("s27_review") as url:
        yield url


def _lines(texts: dict[str, str]) -> str:
    return "".join(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n" for doc_id, text in texts.items())


def test_two_pipes_at_once_do_not_overwrite_each_other(any_db, monkeypatch):
    """Two pipes are two inputs: an id another `ingest -` stored with other text is an error (ingest's check at its
    start: `known[0] != item.digest` for <stdin>). The write-time check compared origins only, and both pipes are
    `<stdin>`: a second pipe that began before the first stored its documents overwrote them in silence, counted
    `updated` (before the fix: `1 added, 2 updated, 0 unchanged, 0 failed`)."""
    first = {"d1": "2024年第1季度营业收入增长1%。", "d2": "2024年第2季度营业收入增长2%。"}
    second = {"d1": "2024年第1季度净利润下降1%。", "d2": "2024年第2季度净利润下降2%。", "d3": "2024年第3季度净利润下降3%。"}
    assert CliRunner().invoke(main, ["ingest", "-", "--db", any_db, "--no-progress"],
                              input=_lines(first)).exit_code == 0
    monkeypatch.setattr(SQLStore, "document_origins", lambda self: {})  # as a run that began before the first wrote
    monkeypatch.setattr(SQLStore, "known_documents", lambda self: {})
    result = CliRunner().invoke(main, ["ingest", "-", "--db", any_db, "--no-progress"], input=_lines(second))
    assert "1 added, 0 updated, 0 unchanged, 2 failed" in result.output, result.output
    assert "id 'd1' is already stored from another input, <stdin>" in result.output
    with SQLStore(any_db) as store, store.engine.connect() as connection:
        texts = dict(connection.exec_driver_sql("SELECT doc_id, text FROM documents").all())
    assert texts["d1"] == first["d1"] and texts["d2"] == first["d2"] and "d3" in texts


def _record(doc_id: str, text: str, origin: str):
    from analyzer.records import Document, Record
    from analyzer.store.base import StoredRecord
    return StoredRecord(Record(document=Document(id=doc_id, text=text)), f"hash-{origin}", "v1", origin)


def test_a_commit_between_the_look_and_the_write_is_not_overwritten_on_postgresql():
    """On PostgreSQL (READ COMMITTED) the write-time look and the write are separate statements: another ingest that
    stored the same id from another file and committed between them was overwritten in silence, counted `updated`
    (the look saw nothing, the write's own look for existing rows saw the other's row and updated it; no unique
    violation, so no retry). The batch's ids are now locked (transaction advisory locks, one global order) before the
    look, so the other ingest commits before it or waits until this one commits, then finds this one's row. Here the
    other ingest runs in a thread started right after this write's look; this test waits until it has committed or
    waits on a lock (no timing)."""
    import time
    import uuid
    with postgres_schema("s27_review") as url:
        tag = f"s27rev_{uuid.uuid4().hex[:8]}"
        mine, other = SQLStore(url), SQLStore(f"{url}&application_name={tag}")
        results, started = {}, []

        def other_ingest():
            results["other"] = other.write([_record("x1", "其他文件的文本。", "/b.jsonl")], keep_other_inputs=True)

        def after_the_look(conn, cursor, statement, parameters, context, executemany):
            if started or "documents.origin" not in statement or "documents.extractor_version" not in statement:
                return
            started.append(threading.Thread(target=other_ingest))
            started[0].start()
            with other.engine.connect() as watch:  # until it has committed, or it waits on a lock
                waiting = sa.text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :tag "
                                  "AND wait_event_type = 'Lock'")
                while started[0].is_alive() and not watch.execute(waiting, {"tag": tag}).scalar():
                    watch.rollback()
                    time.sleep(0.01)
        sa.event.listen(mine.engine, "after_cursor_execute", after_the_look)
        try:
            results["mine"] = mine.write([_record("x1", "本文件的文本。", "/a.jsonl")], keep_other_inputs=True)
            started[0].join(120)
            assert not started[0].is_alive()
            with mine.engine.connect() as connection:
                stored = connection.exec_driver_sql("SELECT origin FROM documents WHERE doc_id = 'x1'").all()
        finally:
            sa.event.remove(mine.engine, "after_cursor_execute", after_the_look)
            mine.close()
            other.close()
    written = {name: (result.added, result.updated, result.other_input) for name, result in results.items()}
    winner = stored[0][0]
    loser = "other" if winner == "/a.jsonl" else "mine"
    assert written[loser] == (0, 0, [("x1", winner)]), written
    assert written["mine" if loser == "other" else "other"] == (1, 0, []), written
