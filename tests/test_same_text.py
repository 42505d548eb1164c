"""One file, one document: a document whose text is a stored document's text under another id is reported and
not stored again (``ingest``, both engines, SQLite and PostgreSQL), unless ``--keep-same-text`` is given.

s21-probe found the same file reached through two folders (``ingest in in/sub``, or ``in/sub`` one day and ``in``
the next) stored under two ids (``sub/ok.txt`` and ``ok.txt``), so timelines counted its figures twice.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.store import open_store, schema
from analyzer.store.ingest import ingest

from test_store import db_url  # noqa: F401 - db_url is a fixture (SQLite, PostgreSQL)

TEXT = "截至2025年一季度末，全国普惠小微贷款余额达35.3万亿元，同比增长12.5%。"
OTHER = "截至2025年3月末，人民币贷款余额265.4万亿元，同比增长7.4%。"


def ingest_cli(*args):
    return CliRunner().invoke(main, ["ingest", "--no-progress", *map(str, args)])


def stored(db) -> dict[str, str]:
    """``doc_id → origin`` of every stored document."""
    d = schema.documents.c
    with open_store(str(db), create=False) as store, store.engine.connect() as connection:
        return dict(connection.execute(sa.select(d.doc_id, d.origin)).all())


def folder(tmp_path):
    """in/other.txt (OTHER) and in/sub/ok.txt (TEXT): ok.txt is ok.txt from in/sub, sub/ok.txt from in."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "other.txt").write_text(OTHER, encoding="utf-8")
    (root / "sub" / "ok.txt").write_text(TEXT, encoding="utf-8")
    return root


def test_one_file_through_two_folders_is_stored_once(db_url, tmp_path, fake_pipeline):
    root = folder(tmp_path)
    first = ingest_cli(root / "sub", "--db", db_url)  # one day: in/sub, the file's id is ok.txt
    assert first.exit_code == 0 and "1 added" in first.stderr, first.output
    second = ingest_cli(root, "--db", db_url)  # the next: in, where the same file is sub/ok.txt
    assert second.exit_code == 0, second.output
    assert f"{root / 'sub' / 'ok.txt'}: skipped: same text as 'ok.txt' ({root / 'sub' / 'ok.txt'})" \
        in second.stderr.splitlines(), second.stderr
    assert "1 added, 0 updated, 0 unchanged, 0 failed, 1 same text skipped;" in second.stderr, second.stderr
    assert set(stored(db_url)) == {"ok.txt", "other.txt"}
    assert not [text for text in second.stderr.splitlines() if text.startswith("Error:")]


def test_one_run_over_two_folders_stores_the_file_once(db_url, tmp_path, fake_pipeline):
    root = folder(tmp_path)
    result = ingest_cli(root, root / "sub", "--db", db_url)
    assert result.exit_code == 0, result.output
    assert f"{root / 'sub' / 'ok.txt'}: skipped: same text as 'sub/ok.txt' ({root / 'sub' / 'ok.txt'})" \
        in result.stderr.splitlines(), result.stderr
    assert "2 added, 0 updated, 0 unchanged, 0 failed, 1 same text skipped;" in result.stderr
    assert set(stored(db_url)) == {"other.txt", "sub/ok.txt"}
    again = ingest_cli(root, root / "sub", "--db", db_url)  # the same command again: nothing new
    assert again.exit_code == 0 and "0 added, 0 updated, 2 unchanged, 0 failed, 1 same text skipped;" in again.stderr


def test_keep_same_text_stores_both(db_url, tmp_path, fake_pipeline):
    root = folder(tmp_path)
    assert ingest_cli(root / "sub", "--db", db_url).exit_code == 0
    kept = ingest_cli(root, "--db", db_url, "--keep-same-text")
    assert kept.exit_code == 0 and "2 added, 0 updated, 0 unchanged, 0 failed;" in kept.stderr, kept.stderr
    assert set(stored(db_url)) == {"ok.txt", "other.txt", "sub/ok.txt"}


def test_same_text_in_records_and_json_lines(tmp_path, fake_pipeline):
    """Given ids too: two lines of one file with the same text, and a later file repeating a stored text."""
    wire, later, db = tmp_path / "wire.jsonl", tmp_path / "later.jsonl", tmp_path / "s.db"
    wire.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in
                              (("a", TEXT), ("b", OTHER), ("c", TEXT))), encoding="utf-8")
    later.write_text(json.dumps({"id": "d", "text": OTHER, "title": "转载"}), encoding="utf-8")
    with open_store(str(db)) as store:
        lines = []
        summary = ingest(store, [str(wire)], on_notice=lines.append)
        assert (summary.added, summary.same_text, summary.failed) == (2, 1, 0)
        assert lines == [f"{wire}:3: skipped: same text as 'a' ({wire}:1)"]
        lines.clear()
        summary = ingest(store, [str(later)], on_notice=lines.append)
        assert (summary.added, summary.same_text, summary.total) == (0, 1, 1)
        assert lines == [f"{later}:1: skipped: same text as 'b' ({wire})"]
        assert ingest(store, [str(later)], keep_same_text=True).added == 1
    assert set(stored(db)) == {"a", "b", "d"}


def test_a_changed_document_keeps_its_id(tmp_path, fake_pipeline):
    """A document stored under its id whose new text is its old one is unchanged, not a duplicate of itself;
    a text that another id holds is skipped even when its own id is stored (its old version stays)."""
    path, db = tmp_path / "a.jsonl", tmp_path / "s.db"
    path.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n" + json.dumps({"id": "b", "text": OTHER}),
                    encoding="utf-8")
    with open_store(str(db)) as store:
        assert ingest(store, [str(path)]).added == 2
        assert ingest(store, [str(path)]).unchanged == 2
        path.write_text(json.dumps({"id": "a", "text": OTHER}) + "\n" + json.dumps({"id": "b", "text": OTHER}),
                        encoding="utf-8")
        summary = ingest(store, [str(path)])
        assert (summary.same_text, summary.unchanged, summary.updated) == (1, 1, 0)


def text_hash_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_old_store(url: str, tmp_path) -> None:
    """A store as main made it before text hashes (schema version 4): two documents, one file stored twice."""
    root = folder(tmp_path)
    with open_store(url) as store:
        ingest(store, [str(root), str(root / "sub")], keep_same_text=True)
        with store.engine.begin() as connection:
            connection.execute(sa.text("DROP INDEX ix_documents_text_hash"))
            connection.execute(sa.text("ALTER TABLE documents DROP COLUMN text_hash"))
            connection.execute(sa.text("DELETE FROM schema_version WHERE version >= 4"))
            connection.execute(sa.text("INSERT INTO schema_version (version, applied_at, description) "
                                       "VALUES (4, '2026-12-06T00:00:00+00:00', 'as main made it')"))


def test_a_store_made_before_text_hashes_is_upgraded_in_place(db_url, tmp_path, fake_pipeline):
    make_old_store(db_url, tmp_path)
    with open_store(db_url) as store:
        assert store.schema_version() == schema.SCHEMA_VERSION
        with store.engine.connect() as connection:
            hashes = dict(connection.execute(sa.text("SELECT doc_id, text_hash FROM documents")).all())
    assert hashes == {"ok.txt": text_hash_of(TEXT), "other.txt": text_hash_of(OTHER), "sub/ok.txt": text_hash_of(TEXT)}
    copy = tmp_path / "later"
    copy.mkdir()
    (copy / "again.txt").write_text(TEXT, encoding="utf-8")
    result = ingest_cli(copy, "--db", db_url)
    assert result.exit_code == 0 and "same text as 'sub/ok.txt'" in result.stderr, result.stderr
    assert "0 added, 0 updated, 0 unchanged, 0 failed, 1 same text skipped;" in result.stderr


def test_an_identical_write_by_another_run_is_not_an_update(db_url, tmp_path):
    """Two runs at once: the second writes a document the first wrote a moment before, with the same content
    and extractor version. That is unchanged, not updated (s21-probe's cosmetic finding)."""
    from analyzer.records import Document, Record
    from analyzer.store.base import StoredRecord
    item = StoredRecord(Record(document=Document(id="x", text=TEXT)), "h1", "v1", "/in/x.txt")
    with open_store(db_url) as store:
        assert store.write([item]).added == 1
        again = store.write([item])
        assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
        changed = store.write([StoredRecord(item.record, "h2", "v1", "/in/x.txt")])
        assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 0)


def raced(store, db_url, later: Path):
    """``store`` whose look-up of stored texts is followed, before anything is written, by another ingest of
    ``later`` (an ingest running at the same moment that stores the same text first)."""
    looked_up = store.same_texts

    def look_up_then_lose_the_race(hashes):
        found = looked_up(hashes)
        with open_store(db_url) as other:
            assert ingest(other, [str(later)]).added == 1
        return found

    store.same_texts = look_up_then_lose_the_race
    return store


@pytest.mark.parametrize("engine", ["ingest", "partitions"])
def test_a_text_stored_meanwhile_by_another_ingest_is_not_stored_again(db_url, tmp_path, fake_pipeline, engine):
    """Two ingests at the same moment: the one that writes second finds the text inside its write transaction
    (s21-dedup left this open: both looked before either wrote, and both stored the text)."""
    from analyzer.cluster.engine import ingest_partitions_here
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(TEXT, encoding="utf-8")
    second.write_text(TEXT, encoding="utf-8")
    run = ingest if engine == "ingest" else ingest_partitions_here
    with open_store(db_url) as store:
        summary = run(raced(store, db_url, second), [str(first)])
    assert (summary.added, summary.same_text, summary.failed) == (0, 1, 0)
    assert summary.notices == [f"{first}: skipped: same text as 'second.txt' ({second})"]
    assert set(stored(db_url)) == {"second.txt"}

