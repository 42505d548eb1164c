"""The database commands end to end on SQLite: ingest (through the real pipeline too), query, timeline,
trends, export and sql. The store itself is tested against both backends in test_store.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.store import open_store

from test_store import GOLD, ROOT


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def gold_db(tmp_path, runner):
    """A SQLite store holding the gold corpus as annotated."""
    db = str(tmp_path / "gold.db")
    result = runner.invoke(main, ["ingest", *map(str, GOLD), "--records", "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    return db


def test_ingest_summary_and_idempotence(runner, gold_db):
    result = runner.invoke(main, ["ingest", *map(str, GOLD), "--records", "--db", gold_db, "--no-progress"])
    assert result.exit_code == 0
    assert f"0 added, 0 updated, {len(GOLD)} unchanged, 0 failed" in result.stderr


def test_ingest_reports_failures_in_exit_code(runner, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    db = str(tmp_path / "x.db")
    some = runner.invoke(main, ["ingest", str(GOLD[0]), str(bad), "--records", "--db", db, "--no-progress"])
    assert some.exit_code == 1 and "1 failed" in some.stderr and "empty.txt" in some.stderr
    assert runner.invoke(main, ["ingest", str(bad), "--db", db, "--no-progress"]).exit_code == 3


def test_ingest_through_the_pipeline_with_workers(runner, tmp_path):
    db = str(tmp_path / "p.db")
    paths = [str(p) for p in GOLD[:6]]
    first = runner.invoke(main, ["ingest", *paths, "--workers", "2", "--db", db, "--no-progress"])
    assert first.exit_code == 0, first.output
    with open_store(db) as store:
        counts = store.counts()
        versions = {v for _, v in store.known_documents().values()}
    assert counts["documents"] == 6 and counts["figures"] > 0
    from analyzer.pipeline import EXTRACTOR_VERSION
    assert versions == {EXTRACTOR_VERSION}
    again = runner.invoke(main, ["ingest", *paths, "--db", db, "--no-progress"])
    assert "6 unchanged" in again.stderr
    with open_store(db) as store:
        assert store.counts() == counts


def test_query_rows_carry_document_sentence_offsets(runner, gold_db):
    result = runner.invoke(main, ["query", "--metric", "普惠小微贷款余额", "--unit", "CNY", "--db", gold_db,
                                  "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["unit"] == "CNY" for r in rows)
    texts = {json.loads(p.read_text(encoding="utf-8"))["doc"]["id"]: json.loads(p.read_text(encoding="utf-8"))["text"]
             for p in GOLD}
    for row in rows:
        assert texts[row["doc_id"]][row["start"]:row["end"]] == row["text"]
        assert row["text"] in row["sentence"]


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_query_formats(runner, gold_db, fmt):
    result = runner.invoke(main, ["query", "--search", "普惠", "--limit", "3", "--db", gold_db, "-f", fmt])
    assert result.exit_code == 0 and "3 figures" in result.stderr


def test_timeline_shows_the_series_and_plots(runner, gold_db, tmp_path):
    png = tmp_path / "series.png"
    result = runner.invoke(main, ["timeline", "普惠小微贷款余额", "--db", gold_db, "--plot", str(png), "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) >= 5 and {r["measure"] for r in rows} == {"level"}
    assert png.stat().st_size > 10_000


@pytest.mark.parametrize("command", [["timeline", "普惠小微贷款余额"], ["trends", "--by", "sector"]])
def test_a_plot_goes_to_the_path_named(runner, gold_db, tmp_path, command):
    """s21-probe: matplotlib adds .png to a path without a suffix, so `--plot chart` wrote chart.png while the
    command said `plot written to chart` (and `--plot /dev/full` wrote /dev/full.png, reported as written)."""
    path = tmp_path / "chart"
    result = runner.invoke(main, [*command, "--db", gold_db, "--plot", str(path)])
    assert result.exit_code == 0 and f"plot written to {path}" in result.stderr
    assert path.read_bytes().startswith(b"\x89PNG") and not (tmp_path / "chart.png").exists()
    if Path("/dev/full").exists():
        full = runner.invoke(main, [*command, "--db", gold_db, "--plot", "/dev/full"])
        assert full.exit_code == 1 and "cannot write /dev/full" in full.stderr and "plot written" not in full.stderr


def test_timeline_of_an_unknown_metric_says_so(runner, gold_db):
    result = runner.invoke(main, ["timeline", "不存在的指标", "--db", gold_db])
    assert result.exit_code == 1 and "no figures with a period" in result.stderr


def test_trends_table_and_plot(runner, gold_db, tmp_path):
    png = tmp_path / "trends.png"
    result = runner.invoke(main, ["trends", "--by", "sector", "--freq", "year", "--db", gold_db, "--plot", str(png)])
    assert result.exit_code == 0 and "小微企业" in result.stdout and png.exists()


def test_export_and_readonly_sql(runner, gold_db, tmp_path):
    out = tmp_path / "figures.parquet"
    assert runner.invoke(main, ["export", "figures", "-f", "parquet", "-o", str(out), "--db", gold_db]).exit_code == 0
    import pandas as pd
    assert len(pd.read_parquet(out)) == open_store(gold_db).counts()["figures"]
    assert runner.invoke(main, ["export", "figures", "-f", "parquet", "--db", gold_db]).exit_code == 1
    write = runner.invoke(main, ["sql", "DELETE FROM figures", "--db", gold_db])
    assert write.exit_code == 1 and write.stderr.startswith("Error: SQL failed")
    read = runner.invoke(main, ["sql", "SELECT count(*) AS n FROM documents", "--db", gold_db, "-f", "jsonl"])
    assert json.loads(read.stdout) == {"n": len(GOLD)}


def test_datasette_metadata_names_real_columns():
    from analyzer.store import schema
    metadata = json.loads((ROOT / "analyzer" / "store" / "datasette-metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"]["analyzer"]["tables"]
    for name, table in tables.items():
        columns = {c.name for c in schema.metadata.tables[name].columns}
        assert set(table.get("facets", [])) <= columns, name
        assert set(table.get("columns", {})) <= columns, name


def test_every_store_command_has_an_example():
    for name in ("ingest", "query", "timeline", "trends", "export", "sql"):
        assert "Example: analyzer " + name in main.get_command(None, name).help


def test_default_database_follows_the_environment(monkeypatch, tmp_path):
    from analyzer.store.sql import normalize_url
    monkeypatch.setenv("ANALYZER_DB", str(tmp_path / "env.db"))
    assert normalize_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert normalize_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert Path(open_store().engine.url.database) == tmp_path / "env.db"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_sql_keeps_every_column_when_names_repeat(tmp_path, fmt):
    """s20-probe: SELECT 1 AS a, 2 AS a printed {"a": 2} — rows became dicts keyed by name, so a repeated name
    lost a column in silence. A repeated name now gets _2, _3 (never one that is taken)."""
    db = str(tmp_path / "store.db")
    assert CliRunner().invoke(main, ["ingest", "-", "--db", db], input="M2余额同比增长7%。").exit_code == 0
    result = CliRunner().invoke(main, ["sql", "SELECT 1 AS a, 2 AS a, 3 AS a_2, 4 AS a", "--db", db, "-f", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.output) == [{"a": 1, "a_3": 2, "a_2": 3, "a_4": 4}]
    else:
        for value in "1234":
            assert value in result.output


def test_sql_json_writes_infinity_as_a_string_not_invalid_json(tmp_path):
    """s20-probe: SELECT 1e999 printed {"inf": Infinity}, which is not JSON (jq and strict parsers refuse the whole
    output); PostgreSQL's NaN numeric was already the string "NaN"."""
    db = str(tmp_path / "store.db")
    assert CliRunner().invoke(main, ["ingest", "-", "--db", db], input="M2余额同比增长7%。").exit_code == 0
    for fmt in ("json", "jsonl"):
        result = CliRunner().invoke(main, ["sql", "SELECT 1e999 AS a, -1e999 AS b, 0.5 AS c", "--db", db, "-f", fmt])
        assert result.exit_code == 0, result.output
        rows = json.loads(result.output, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
        assert (rows if fmt == "jsonl" else rows[0]) == {"a": "Infinity", "b": "-Infinity", "c": 0.5}


def test_table_output_escapes_terminal_control_characters(tmp_path):
    """s20-probe: -f table printed a stored ESC sequence raw (a title holding \\x1b]52;… writes the terminal's
    clipboard, \\x1b[2J clears it); the table is for terminals, so control characters are escaped as in messages."""
    db = str(tmp_path / "store.db")
    record = json.dumps({"id": "t", "title": "标题\x1b[2J\x9b31m", "text": "M2余额同比增长7%。"}, ensure_ascii=False)
    assert CliRunner().invoke(main, ["ingest", "-", "--db", db], input=record + "\n").exit_code == 0
    result = CliRunner().invoke(main, ["sql", "SELECT title AS \"t\x1b[1m\" FROM documents", "--db", db, "-f", "table"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x9b" not in result.output
    assert "\\x1b[2J" in result.output and "t\\x1b[1m" in result.output


@pytest.mark.parametrize("command", [
    ["export", "figures", "-o", "{db}"], ["export", "documents", "--format", "parquet", "-o", "{db}"],
    ["export", "figures", "-o", "{db}-wal"], ["export", "figures", "-o", "{link}"],
    ["timeline", "普惠小微贷款余额", "--plot", "{db}"], ["trends", "--plot", "{db}"],
])
def test_an_output_that_is_the_store_itself_is_refused(runner, gold_db, tmp_path, command):
    """s21-probe: `export figures --db store.db -o store.db` opened the database for writing while it was read: a
    traceback ('database disk image is malformed') and the whole store gone. So did --plot store.db."""
    import shutil
    db = tmp_path / "store.db"
    shutil.copy(gold_db, db)
    link = tmp_path / "link.csv"
    link.symlink_to(db)
    before = db.read_bytes()
    args = [arg.format(db=db, link=link) for arg in command]
    result = runner.invoke(main, [*args, "--db", str(db)])
    assert result.exit_code == 1 and "this store's own database file" in result.stderr, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and db.read_bytes() == before
    assert runner.invoke(main, ["query", "--limit", "1", "--db", str(db)]).exit_code == 0
