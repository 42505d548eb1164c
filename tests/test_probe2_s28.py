"""s28-probe2: what the s28-probe round left open. Each test failed on main before its fix."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.io import readers
from analyzer.io.readers import walk_folder
from analyzer.store import schema

from test_hostile_inputs import TEXT, error_lines, ingest_cli, stored_ids

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "2024年末，普惠小微贷款余额32.9万亿元，同比增长14.6%。\n"
NO_OVERRIDE = "-dac_override,-dac_read_search"  # root without these capabilities sees permissions as a user does


def as_user(*args: str) -> subprocess.CompletedProcess:
    """``analyzer ARGS`` run as a process that file permissions bind (root: without CAP_DAC_OVERRIDE)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root without setpriv cannot see a folder it may not write")
        prefix = ["setpriv", f"--bounding-set={NO_OVERRIDE}", f"--inh-caps={NO_OVERRIDE}"]
    return subprocess.run([*prefix, sys.executable, "-c", "from analyzer.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.fixture
def read_only_store(tmp_path):
    """A WAL store (as ingest leaves it: no -wal or -shm once closed) in a folder that may not be written."""
    folder = tmp_path / "ro"
    folder.mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    store = folder / "s.db"
    done = as_user("ingest", "--no-progress", str(tmp_path / "a.txt"), "--db", str(store))
    assert done.returncode == 0, done.stderr
    folder.chmod(0o555)
    yield store
    folder.chmod(0o755)


@pytest.mark.parametrize("command", [
    ["query"], ["timeline", "普惠小微贷款余额"], ["trends"], ["sql", "SELECT count(*) AS n FROM figures"],
    ["export", "figures", "-o", "{tmp}/figures.csv"], ["export", "--sqlite", "{tmp}/copy.db"],
    ["check", "普惠小微贷款余额32.9万亿元"]],
    ids=lambda command: command[0] + (command[1] if command[0] == "export" else ""))
def test_a_wal_store_in_a_folder_one_may_not_write_is_read(read_only_store, command):
    """Every read command failed with `attempt to write a readonly database`: SQLite must create the `-shm` file
    of a WAL store to read it. With no writer's file beside it, the store is now read immutable."""
    tmp = read_only_store.parent.parent
    done = as_user(*[part.format(tmp=tmp) for part in command], "--db", str(read_only_store))
    assert done.returncode == 0, done.stderr
    assert "readonly" not in done.stderr
    assert sorted(path.name for path in read_only_store.parent.iterdir()) == ["s.db"]


def test_a_writer_never_opens_such_a_store_immutable(read_only_store, tmp_path):
    done = as_user("ingest", "--no-progress", str(tmp_path / "a.txt"), "--db", str(read_only_store))
    assert done.returncode != 0
    assert "attempt to write a readonly database" in done.stderr


@pytest.mark.parametrize("side", ["s.db-wal", "s.db-shm", "s.db-journal"])
def test_a_writers_file_beside_it_is_one_line_not_a_stale_read(read_only_store, side):
    """A -wal beside the store may hold commits its file lacks: immutable would read it stale, so it says why."""
    folder = read_only_store.parent
    folder.chmod(0o755)
    (folder / side).write_bytes(b"")
    (folder / side).chmod(0o444)
    folder.chmod(0o555)
    for command in (["query"], ["sql", "SELECT 1"]):
        done = as_user(*command, "--db", str(read_only_store))
        assert done.returncode != 0
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and f"{side} lies beside it" in lines[0], done.stderr


def test_serve_serves_such_a_store_immutable(read_only_store):
    code = ("from analyzer.serve.app import open_served; import sys; s = open_served(sys.argv[1]); "
            "print(s.immutable, s.example_doc)")
    prefix = ["setpriv", f"--bounding-set={NO_OVERRIDE}", f"--inh-caps={NO_OVERRIDE}"] if os.geteuid() == 0 else []
    done = subprocess.run([*prefix, sys.executable, "-c", code, str(read_only_store)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.stdout.split() == ["True", "a.txt"], done.stderr


# --- messages ------------------------------------------------------------------------------------------------

@pytest.fixture
def small_store(tmp_path, fake_pipeline):
    (tmp_path / "a.txt").write_text("一" + TEXT, encoding="utf-8")
    assert ingest_cli(tmp_path / "a.txt", "--db", tmp_path / "store.db").exit_code == 0
    return tmp_path / "store.db"


@pytest.mark.parametrize("args", [["export", "figures", "-o", ""], ["export", "--sqlite", ""],
                                  ["timeline", "普惠小微贷款余额", "--plot", ""], ["trends", "--plot", ""]],
                         ids=lambda args: " ".join(args[:-1]))
def test_an_empty_output_path_is_a_usage_error(small_store, args):
    """``export -o ''`` said ``cannot write : Is a directory``; ``--plot ''`` drew nothing and said nothing."""
    result = CliRunner().invoke(main, [*args, "--db", str(small_store)])
    assert result.exit_code == 2, result.output
    assert "'' is an empty path: name a file, or leave the option out" in result.output


@pytest.mark.parametrize("header", ["id: one\ntitle: T\nid: two\n", "标题: 甲\ntitle: 乙\n"])
def test_a_header_key_given_twice_is_one_line_naming_file_and_line(tmp_path, fake_pipeline, header):
    """A .txt header block with ``id:`` twice kept the last one without a word (JSON refuses a key given twice)."""
    (tmp_path / "dup.txt").write_text(header + "\n" + TEXT, encoding="utf-8")
    result = ingest_cli(tmp_path / "dup.txt", "--db", tmp_path / "store.db")
    key, line = ("id", 3) if header.startswith("id") else ("title", 2)
    assert error_lines(result)[0] == (f"Error: {tmp_path / 'dup.txt'}:{line}: the header block gives {key!r} twice "
                                      f"(lines 1 and {line}): keep one"), result.output
    assert result.exit_code == 3


def test_a_record_of_another_format_is_refused(tmp_path, fake_pipeline):
    """``ingest --records`` read a record whose ``format`` is ``other/v9`` as v1, field by field."""
    rows = [{"format": "other/v9", "doc": {"id": "r1"}, "text": "一" + TEXT},
            {"format": "policy-records/v1", "doc": {"id": "r2"}, "text": "二" + TEXT},
            {"doc": {"id": "r3"}, "text": "三" + TEXT}]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    result = ingest_cli("--records", tmp_path / "r.jsonl", "--db", tmp_path / "store.db")
    assert error_lines(result)[0] == (f"Error: {tmp_path / 'r.jsonl'}:1: not a valid record: format 'other/v9' is not "
                                      "'policy-records/v1', the record format this analyzer reads"), result.output
    assert stored_ids(tmp_path / "store.db") == {"r2", "r3"}
    scored = CliRunner().invoke(main, ["eval", str(tmp_path / "r.jsonl")])
    assert "r.jsonl:1: format 'other/v9' is not 'policy-records/v1'" in scored.output, scored.output


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_a_blob_is_written_as_postgresql_writes_one_not_as_python_bytes(small_store, fmt):
    """``sql "SELECT x'00ff'"`` printed Python's ``b'\\x00\\xff'`` in every format."""
    result = CliRunner().invoke(main, ["sql", "SELECT x'00ff' AS b", "-f", fmt, "--db", str(small_store)])
    assert result.exit_code == 0, result.output
    if fmt in ("json", "jsonl"):
        rows = json.loads(result.stdout) if fmt == "json" else [json.loads(result.stdout)]
        assert rows == [{"b": "\\x00ff"}]
    else:
        assert "\\x00ff" in result.stdout and "b'" not in result.stdout


def test_hidden_files_and_folders_are_skipped_in_one_line(tmp_path, monkeypatch):
    """Dot-files in an input folder were skipped without a word, while dot-folders (.git, .ipynb_checkpoints, whose
    copies would be stored twice) were read. Both are now skipped, and one line says how many."""
    for name in ("b.txt", ".hidden.txt", ".git/c.txt", ".ipynb_checkpoints/b-checkpoint.txt", ".DS_Store"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    said: list[str] = []  # the logger itself: another test's logging setup may keep caplog from seeing it
    monkeypatch.setattr(readers.LOG, "warning", lambda message, *args: said.append(message % args))
    found = [str(item.path.relative_to(tmp_path)) for item in walk_folder(tmp_path)]
    assert found == ["b.txt"]
    assert said == [
        f"{tmp_path}: 3 hidden entries skipped (a name that starts with '.': .git, .ipynb_checkpoints, .hidden.txt); "
        "name a file to read it"]


@pytest.mark.parametrize("opening", ["[注] ", "{转载} ", "  [ 注 ] "])
def test_a_plain_text_article_on_stdin_that_opens_with_a_bracket_is_text(opening):
    """A plain-text article on stdin that began with ``[`` or ``{`` was read as JSON: "malformed JSON", exit 3."""
    result = CliRunner().invoke(main, ["extract", "-", "--format", "jsonl"], input=opening + TEXT)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"] == opening + TEXT


def test_stdin_that_is_json_but_broken_says_how_to_read_it_as_text():
    result = CliRunner().invoke(main, ["extract", "-"], input="[1] " + TEXT)
    assert result.exit_code == 3
    assert error_lines(result)[0].endswith("(stdin that starts with { or [ is read as JSON: save a plain-text article "
                                           "as a .txt file to read it)"), result.output


def test_an_older_store_there_is_refused_by_what_would_upgrade_it_and_read_by_sql(read_only_store):
    """Read immutable, a store cannot be upgraded: a command that would upgrade it says so in one line (not a write
    error, not a stale schema read), and `sql` reads it as it is."""
    folder = read_only_store.parent
    folder.chmod(0o755)
    with sqlite3.connect(read_only_store) as connection:
        connection.execute("UPDATE schema_version SET version = version - 1")
    connection.close()
    assert sorted(path.name for path in folder.iterdir()) == ["s.db"]
    folder.chmod(0o555)
    done = as_user("query", "--db", str(read_only_store))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"Error: the store has schema version {schema.SCHEMA_VERSION - 1}, older than this analyzer's "
        f"{schema.SCHEMA_VERSION}, and its folder may not be written here, so it cannot be upgraded: `analyzer "
        "ingest` as the store's owner upgrades it; `analyzer sql` reads it as it is"], done.stderr
    done = as_user("sql", "SELECT max(version) AS v FROM schema_version", "-f", "csv", "--db", str(read_only_store))
    assert done.returncode == 0 and done.stdout.split() == ["v", str(schema.SCHEMA_VERSION - 1)], done.stderr


def test_a_file_without_a_store_there_is_named_by_its_path(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    sqlite3_file = folder / "other.db"
    with sqlite3.connect(sqlite3_file) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    folder.chmod(0o555)
    try:
        done = as_user("query", "--db", str(sqlite3_file))
    finally:
        folder.chmod(0o755)
    assert done.stderr.strip() == (f"Error: no analyzer store in sqlite:///{sqlite3_file}: create one with "
                                   "`analyzer ingest`"), done.stderr
