"""s26-probe3: what users take away from the store (`export`, `eval`, `model eval`). Each test failed on main before
its fix."""
from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from conftest import gold_records_store
from analyzer.store.sql import SQLStore

ROOT = Path(__file__).resolve().parents[1]
DEV = sorted((ROOT / "corpus" / "dev").glob("*.json"))


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    """A SQLite store of four gold records, as annotated."""
    return gold_records_store(tmp_path_factory.mktemp("s26"), 4)


def _breaking_rows(monkeypatch, failure: BaseException, after: int = 2):
    """Make every table export fail after ``after`` rows with ``failure`` (Ctrl-C, a full disk)."""
    original = SQLStore._table_rows

    def table_rows(connection, table):
        for number, row in enumerate(original(connection, table)):
            if number == after:
                raise failure
            yield row
    monkeypatch.setattr(SQLStore, "_table_rows", staticmethod(table_rows))


FAILURES = {"ctrl-c": (KeyboardInterrupt(), 130, "interrupted"),
            "full disk": (OSError(errno.ENOSPC, "No space left on device"), 1, "No space left on device")}


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("failure", FAILURES)
def test_an_export_that_fails_leaves_no_part_of_a_file(small_db, tmp_path, monkeypatch, fmt, failure):
    """An export cut off (Ctrl-C, a full disk) left the rows written so far under the output's name: a Parquet file
    was closed with its footer, so it read back as a whole table of fewer rows. Now nothing is left, and no
    temporary file either."""
    error, code, words = FAILURES[failure]
    _breaking_rows(monkeypatch, error)
    output = tmp_path / f"figures.{fmt}"
    result = CliRunner().invoke(main, ["export", "figures", "--db", small_db, "-f", fmt, "-o", str(output)])
    assert result.exit_code == code, result.output
    assert words in result.output and "Traceback" not in result.output
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_an_export_that_fails_keeps_the_file_it_would_replace(small_db, tmp_path, monkeypatch, fmt):
    """Before, the earlier export under that name was truncated first, so a failed run lost it too."""
    output = tmp_path / f"figures.{fmt}"
    result = CliRunner().invoke(main, ["export", "figures", "--db", small_db, "-f", fmt, "-o", str(output)])
    assert result.exit_code == 0, result.output
    before = output.read_bytes()
    _breaking_rows(monkeypatch, KeyboardInterrupt())
    result = CliRunner().invoke(main, ["export", "figures", "--db", small_db, "-f", fmt, "-o", str(output)])
    assert result.exit_code == 130
    assert output.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == [output.name]


def test_an_export_replaces_a_file_through_its_link_and_keeps_its_mode(small_db, tmp_path):
    """A finished export replaces the file named (as a shell's > does), through a symbolic link, with the file's
    permissions; a device such as /dev/null is written to, never replaced."""
    target = tmp_path / "real.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = CliRunner().invoke(main, ["export", "figures", "--db", small_db, "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("id,document_id,")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["link.csv", "real.csv"]
    result = CliRunner().invoke(main, ["export", "figures", "--db", small_db, "-o", os.devnull])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_new_export_file_gets_the_usual_permissions(small_db, tmp_path):
    """The file is made under a temporary name (mkstemp: 0600) and renamed: it must end as open() makes it."""
    output = tmp_path / "new.jsonl"
    result = CliRunner().invoke(main, ["export", "documents", "--db", small_db, "-f", "jsonl", "-o", str(output)])
    assert result.exit_code == 0, result.output
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(output.stat().st_mode) == 0o666 & ~umask
    assert len(output.read_text(encoding="utf-8").splitlines()) == 4


def test_an_export_to_an_open_stream_writes_to_it(small_db, tmp_path):
    """`-o /dev/stdout` (or /dev/fd/N) names a stream that is already open, whatever it points at: written to, never
    renamed over (stdout redirected to a file would otherwise be swapped for a new file). Guards the fix above."""
    import subprocess
    import sys
    output = tmp_path / "out.csv"
    with output.open("w") as handle:
        done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "export", "documents", "--db", small_db,
                               "-f", "jsonl", "-o", "/dev/stdout"], stdout=handle, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert len(output.read_text(encoding="utf-8").splitlines()) == 4
    assert [path.name for path in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize("failure", FAILURES)
def test_a_snapshot_cut_off_leaves_no_store_behind(small_db, tmp_path, monkeypatch, failure):
    """`export --sqlite FILE` cut off by Ctrl-C left FILE as an empty store (its schema committed, its rows not):
    `serve FILE` showed no documents, and the same command again was refused (`FILE: already exists`). Now the
    snapshot is made under a temporary name and gets FILE's name only when whole."""
    error, code, words = FAILURES[failure]
    _breaking_rows(monkeypatch, error, after=1)
    snapshot = tmp_path / "snap.db"
    result = CliRunner().invoke(main, ["export", "--sqlite", str(snapshot), "--db", small_db])
    assert result.exit_code == code, result.output
    assert words in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    result = CliRunner().invoke(main, ["export", "--sqlite", str(snapshot), "--db", small_db])
    assert result.exit_code == 0, result.output
    assert "4 documents" in result.output
    assert [path.name for path in tmp_path.iterdir()] == ["snap.db"]


def _gold_lines(count: int) -> list[str]:
    return [json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False) for path in DEV[:count]]


def _with(record_line: str, **changes) -> str:
    record = json.loads(record_line)
    for key, value in changes.items():
        if key.startswith("figure_"):
            record["figures"] = [dict(record["figures"][0], **{key.removeprefix("figure_"): value})]
        else:
            record[key] = value
    return json.dumps(record, ensure_ascii=False)


def test_a_bad_gold_line_costs_only_itself(tmp_path):
    """`eval` of a .jsonl with bad lines among good ones: each bad line is one `Error: FILE:LINE: …` on stderr, the
    others are scored, exit 1. Before, the first bad line stopped the run, named as `malformed JSON at line 1` (the
    line within the line), and a record whose doc, text or figures had the wrong type, or whose value was NaN or
    1e99999999, ended in a traceback (AttributeError, TypeError, decimal.Overflow)."""
    good = _gold_lines(3)
    lines = [good[0], '{"broken', "[1, 2]", good[1], _with(good[0], doc=[1]), _with(good[0], text=None),
             _with(good[0], figures=["x"]), _with(good[0], figure_value="1e99999999"),
             _with(good[0], figure_value="NaN"), _with(good[0], figures={"a": 1}), good[2]]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path), "--errors", "0", "-f", "json"])
    assert "Traceback" not in result.output and result.exit_code == 1, result.output
    for number in (2, 3, 5, 6, 7, 8, 9, 10):
        assert f"gold.jsonl:{number}: " in result.stderr, (number, result.stderr)
    for number in (1, 4, 11):
        assert f"gold.jsonl:{number}:" not in result.stderr
    assert "gold.jsonl:2: malformed JSON at column " in result.stderr
    assert "8 gold records could not be read" in result.stderr
    alone = tmp_path / "alone.jsonl"
    alone.write_text("\n".join([good[0], good[1], good[2]]) + "\n", encoding="utf-8")
    clean = CliRunner().invoke(main, ["eval", str(alone), "--errors", "0", "-f", "json"])
    assert clean.exit_code == 0, clean.output
    assert json.loads(result.stdout) == json.loads(clean.stdout)


def test_a_bad_gold_file_is_one_line_and_the_folder_is_scored(tmp_path):
    good = _gold_lines(2)
    (tmp_path / "a.json").write_text(good[0], encoding="utf-8")
    (tmp_path / "b.json").write_text(_with(good[1], figures=[5]), encoding="utf-8")
    (tmp_path / "c.json").write_text(good[1][:-5], encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(tmp_path), "--errors", "0"])
    assert "Traceback" not in result.output and result.exit_code == 1, result.output
    assert "b.json: figures[0]" in result.stderr and "c.json: malformed JSON at line 1 column" in result.stderr
    assert "figures" in result.stdout


def test_gold_with_no_good_record_is_an_error(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"broken\n[1]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 2, result.output
    assert "no gold record to score" in result.stderr and "gold.jsonl:1: " in result.stderr
    assert "gold.jsonl:2: " in result.stderr and "Traceback" not in result.output


def test_a_bad_prediction_is_named(tmp_path):
    """`eval --pred DIR`: a prediction file whose figures are no objects was a traceback; it is one line, and its
    gold document is scored as having no prediction."""
    good = _gold_lines(2)
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    (gold / "g.jsonl").write_text("\n".join(good) + "\n", encoding="utf-8")
    (pred / "p.jsonl").write_text("\n".join([good[0], _with(good[1], figures=["x"])]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold), "--pred", str(pred), "--errors", "0"])
    assert "Traceback" not in result.output and result.exit_code == 1, result.output
    assert "p.jsonl:2: figures[0]" in result.stderr
    assert "1 gold documents have no prediction" in result.stderr


@pytest.mark.parametrize("content", ['{"doc": [1], "themes": []}', '[1, 2]', '{"themes": [5]}',
                                     '{"themes": {"a": 1}}', '{"themes": [{"text": 5, "labels": "credit_data"}]}',
                                     '{"broken', '{"themes": [{"labels": []}]}'])
def test_model_eval_names_a_bad_gold_file(tmp_path, content):
    """`model eval --corpus DIR` (and `model train`) read each gold file's themes: a file that is no JSON, or whose
    doc, themes or labels have the wrong type, was a traceback (AttributeError, TypeError, KeyError,
    JSONDecodeError). It is one line naming the file, exit 1."""
    from analyzer.model.data import load_sentences
    from analyzer.errors import ModelError
    (tmp_path / "a.json").write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match="a.json: "):
        load_sentences(tmp_path)


@pytest.mark.parametrize("command", [["train"], ["train-measure"], ["pretrain"], ["train-metric-boundary", "--recount"]])
def test_model_training_refuses_an_output_it_cannot_save_in_before_training(tmp_path, monkeypatch, command):
    """`model train --out FILE` (a file there, or a folder that cannot be made) trained for minutes and then failed
    to save (`File exists`); every training command now checks --out first, exit 2 (1 for a folder it cannot
    make), and trains nothing."""
    import analyzer.cli.model as cli_model
    from analyzer.model import metric_boundary

    def trained(*args, **kwargs):
        raise AssertionError("trained before checking --out")
    for name in ("train", "evaluate"):
        monkeypatch.setattr(cli_model.model, name, trained)
    for module, name in ((cli_model, "train_measure_model"), (cli_model, "pretrain"), (cli_model, "collect_texts"),
                         (metric_boundary, "archive_metric_counts"), (metric_boundary, "train")):
        monkeypatch.setattr(module, name, trained)
    monkeypatch.setattr(cli_model, "_require_torch", lambda: None)
    taken = tmp_path / "model.bin"
    taken.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["model", *command, "--out", str(taken)])
    assert result.exit_code == 2, result.output
    assert "exists and is not a folder" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["model", *command, "--out", str(taken / "sub")])
    assert result.exit_code == 1, result.output
    assert "cannot save the model there" in result.output


@pytest.mark.parametrize("command", [["train"], ["train-measure"], ["pretrain"], ["train-metric-boundary", "--recount"]])
def test_a_training_that_fails_leaves_no_output_folder_behind(tmp_path, monkeypatch, command):
    """s26-review: checking --out first made the folder (and its parents) before training; a run that then failed
    (a bad corpus, Ctrl-C) left an empty model folder behind. The folders made for the check are removed again."""
    import analyzer.cli.model as cli_model
    from analyzer.model import metric_boundary

    def failed(*args, **kwargs):
        raise KeyboardInterrupt
    for name in ("train", "evaluate"):
        monkeypatch.setattr(cli_model.model, name, failed)
    for module, name in ((cli_model, "train_measure_model"), (cli_model, "pretrain"), (cli_model, "collect_texts"),
                         (metric_boundary, "archive_metric_counts"), (metric_boundary, "train")):
        monkeypatch.setattr(module, name, failed)
    monkeypatch.setattr(cli_model, "_require_torch", lambda: None)
    out = tmp_path / "new" / "model"
    result = CliRunner().invoke(main, ["model", *command, "--out", str(out)])
    assert result.exit_code != 0 and not (tmp_path / "new").exists(), result.output


def test_timeline_notes_escape_stored_names(tmp_path):
    """`timeline`'s notes on stderr (the written names it merges, the places with their own series) quote stored
    metric names: one holding ESC or a right-to-left override was written raw, so a stored name could clear the
    screen, write the clipboard (OSC 52) or reverse the rest of the line, as the table's cells no longer can."""
    body = "贷款余额达5亿元。"

    def record(doc_id, metric, place=None):
        figure = {"text": "5亿元", "start": 5, "end": 8, "value": "500000000", "value_high": None, "unit": "CNY",
                  "qualifier": None, "measure": "level", "comparison": None, "metric": metric, "place": place,
                  "period": {"start": "2024-12-31", "end": "2024-12-31"}}
        return {"format": "policy-records/v1", "doc": {"id": doc_id, "title": "t", "source": "s",
                                                        "published": "2025-01-02", "kind": "news"},
                "text": body, "figures": [figure], "policy_tools": [], "sectors": [], "institutions": []}
    path = tmp_path / "r.jsonl"
    records = [record("a", "贷款余额"), record("b", "贷款\x1b余额"), record("c", "贷款\u202e余额"),
               record("d", "贷款余额", "天津")]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(main, ["ingest", "--records", str(path), "--db", db, "--no-progress",
                                       "--keep-same-text"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["timeline", "贷款余额", "--db", db, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "merges the written names" in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b" in result.stderr and "\\u202e" in result.stderr


def test_a_plot_draws_names_as_written(tmp_path):
    """matplotlib reads text between two `$` as TeX math: a stored metric or mention name holding `$\\foo{$` failed
    the plot (`cannot write PATH: … ParseFatalException: Unknown symbol: \\foo`, a message about the path), and
    `$\\frac{1}{2}$` was drawn as a fraction. Names are now drawn as written."""
    import pandas as pd

    from analyzer.analysis import plot
    rows = [{"period_start": "2024-01-01", "period_end": "2024-01-31", "value": "1", "value_high": None,
             "unit": "CNY", "measure": "level", "comparison": None, "disagree": False}]
    plot.plot_timeline(rows, "M2 $\\foo{$", str(tmp_path / "t.png"), plot.Labeler(chinese=False))
    assert (tmp_path / "t.png").stat().st_size > 0
    frame = pd.DataFrame([{"period": "2024Q1", "name": "$\\foo{$ tool", "mentions": 2, "documents": 1}])
    plot.plot_trends(frame, "tool", str(tmp_path / "r.png"), plot.Labeler(chinese=False))
    assert (tmp_path / "r.png").stat().st_size > 0


def test_a_plot_that_fails_keeps_the_image_it_would_replace(tmp_path, monkeypatch):
    """`--plot FILE` on a full disk truncated the plot already there and left a cut-off image; now the earlier image
    stays and no part of the new one is left."""
    from matplotlib.figure import Figure

    from analyzer.analysis import plot
    rows = [{"period_start": "2024-01-01", "period_end": "2024-01-31", "value": "1", "value_high": None,
             "unit": "CNY", "measure": "level", "comparison": None, "disagree": False}]
    path = tmp_path / "t.png"
    plot.plot_timeline(rows, "M2", str(path), plot.Labeler(chinese=False))
    before = path.read_bytes()
    savefig = Figure.savefig

    def full_disk(self, fname, **kwargs):
        Path(fname).write_bytes(b"\x89PNG partial")
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(Figure, "savefig", full_disk)
    with pytest.raises(OSError):
        plot.plot_timeline(rows + rows, "M2", str(path), plot.Labeler(chinese=False))
    monkeypatch.setattr(Figure, "savefig", savefig)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.png"]


def test_taxonomy_candidates_exit_code_counts_failed_inputs(tmp_path):
    """`taxonomy candidates` named an input it could not read but exited 0, even when every input failed
    (`/nonexistent` printed `(no rows)`, exit 0), so a script took an empty list for "no new names". It now exits as
    `ingest` and `extract` do: 1 when some inputs failed, 3 when all did."""
    good = tmp_path / "a.txt"
    good.write_text("人民银行设立科技创新再贷款。", encoding="utf-8")
    empty = tmp_path / "b.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["taxonomy", "candidates", str(tmp_path / "nope")])
    assert result.exit_code == 3, result.output
    result = CliRunner().invoke(main, ["taxonomy", "candidates", str(good), str(empty), "-f", "json"])
    assert result.exit_code == 1, result.output
    assert "b.txt: " in result.stderr and "1 of 2 inputs failed" in result.stderr
    result = CliRunner().invoke(main, ["taxonomy", "candidates", str(good), "-f", "json"])
    assert result.exit_code == 0, result.output


def test_a_gold_document_given_twice_is_scored_once(tmp_path):
    """The same document annotated in two files (a copy left in the folder, or two folders that share one) was scored
    twice, its errors and matches counted double, without a word; a repeated prediction replaced the one before.
    Each repeat is now one line naming the record it repeats, and left out."""
    good = _gold_lines(2)
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text(good[0], encoding="utf-8")
    (gold / "b.json").write_text(good[1], encoding="utf-8")
    (gold / "z-copy.json").write_text(good[0], encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold), "--errors", "0", "-f", "json"])
    assert result.exit_code == 1, result.output
    assert "z-copy.json: doc.id" in result.stderr and "repeats the record at" in result.stderr
    assert json.loads(result.stdout)["documents"] == 2
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "p.jsonl").write_text("\n".join([good[0], good[1], _with(good[1], figures=[])]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold / "a.json"), str(gold / "b.json"), "--pred", str(pred),
                                       "--errors", "0", "-f", "json"])
    assert result.exit_code == 1, result.output
    assert "p.jsonl:3: doc.id" in result.stderr
    assert json.loads(result.stdout)["figures"]["f1"] == 1.0


def test_an_export_does_not_replace_a_file_it_may_not_write(small_db, tmp_path, monkeypatch):
    """Renaming over a file needs only the folder's permission: a file made read-only (which open(), and a shell's
    >, refuse to write) must still be refused, not replaced. Guards the whole-file writing above."""
    import analyzer.io.atomic
    output = tmp_path / "kept.csv"
    output.write_text("kept\n", encoding="utf-8")
    monkeypatch.setattr(analyzer.io.atomic.os, "access", lambda path, mode: False)
    result = CliRunner().invoke(main, ["export", "figures", "--db", small_db, "-o", str(output)])
    assert result.exit_code == 1 and "Permission denied" in result.output, result.output
    assert output.read_text(encoding="utf-8") == "kept\n"
    assert [path.name for path in tmp_path.iterdir()] == ["kept.csv"]


@pytest.mark.parametrize("command", [["eval", "corpus/dev", "--errors", "-1"],
                                     ["taxonomy", "candidates", "corpus/dev", "--examples", "-1"],
                                     ["taxonomy", "candidates", "corpus/dev", "--min-count", "-1"]])
def test_a_negative_count_is_a_usage_error(command):
    """`eval --errors -1` listed every error but the last (a Python slice), where 0 lists none: on real-gold/test,
    whose error list is never to be read, a slip of the sign printed it. Counts are now 0 or more (exit 2)."""
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2, result.output
    assert "-1" in result.output and "Traceback" not in result.output


def test_a_snapshot_is_one_moment_of_a_store_being_written(small_db, tmp_path):
    """`export --sqlite` read each table in its own transaction, so an ingest that committed meanwhile (a document
    and its sentences written after the documents were copied) ended the snapshot in `snapshot failed: FOREIGN KEY
    constraint failed` (or `database disk image is malformed`), 3 of 6 runs against a running ingest. All tables are
    now read in one read transaction: the snapshot is the store as it was when the copy began."""
    import shutil
    import sqlite3

    import sqlalchemy as sa
    source = tmp_path / "source.db"
    shutil.copy(small_db, source)
    written = []

    def ingest_meanwhile(conn, cursor, statement, parameters, context, executemany):
        if written or conn.engine.url.database != str(source) or "FROM sentences" not in statement:
            return
        written.append(True)
        with sqlite3.connect(source) as other:  # another process's commit, between the two tables' reads
            other.execute("INSERT INTO documents (doc_id, content_hash, source, published, title, kind, url, meta, "
                          "text, extractor_version, ingested_at, origin, text_hash) SELECT 'new-' || doc_id, "
                          "content_hash, source, published, title, kind, url, meta, text, extractor_version, "
                          "ingested_at, origin, 'x' FROM documents WHERE id = 1")
            other.execute("INSERT INTO sentences (document_id, start, \"end\", text) SELECT last_insert_rowid(), 0, 1, "
                          "'x'")
    sa.event.listen(sa.engine.Engine, "before_cursor_execute", ingest_meanwhile)
    try:
        result = CliRunner().invoke(main, ["export", "--sqlite", str(tmp_path / "snap.db"), "--db", str(source)])
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", ingest_meanwhile)
    assert written
    assert result.exit_code == 0, result.output
    assert "4 documents" in result.output
    with sqlite3.connect(tmp_path / "snap.db") as snapshot:
        assert snapshot.execute("SELECT count(*) FROM documents").fetchone() == (4,)
        assert snapshot.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_parquet_export_holds_a_bounded_amount_of_text(small_db, tmp_path, monkeypatch):
    """A Parquet export built each row group of 50,000 rows in memory, however long their texts: 100 documents of
    500,000 characters took 1,062 MB at peak (427 MB now; CSV 225 MB → 149 MB, its rows fetched 20 documents at a
    time instead of 10,000). A row group now ends at CHUNK_CHARS characters of text too."""
    import pyarrow.parquet as pq

    import analyzer.store.export
    monkeypatch.setattr(analyzer.store.export, "CHUNK_CHARS", 100)
    output = tmp_path / "documents.parquet"
    result = CliRunner().invoke(main, ["export", "documents", "--db", small_db, "-f", "parquet", "-o", str(output)])
    assert result.exit_code == 0, result.output
    parquet = pq.ParquetFile(output)
    assert parquet.metadata.num_rows == 4 and parquet.metadata.num_row_groups == 4
    monkeypatch.undo()
    whole = tmp_path / "whole.parquet"
    result = CliRunner().invoke(main, ["export", "documents", "--db", small_db, "-f", "parquet", "-o", str(whole)])
    assert pq.read_table(whole).equals(pq.read_table(output))
