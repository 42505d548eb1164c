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
