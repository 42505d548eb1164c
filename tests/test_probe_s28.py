"""s28-probe: hostile and careless inputs to the CLI. Each test failed on main before its fix."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from analyzer.cli import main

from test_hostile_inputs import TEXT, error_lines, ingest_cli, stored_ids


def test_a_bad_element_of_a_json_array_on_stdin_costs_only_itself(tmp_path, fake_pipeline):
    """`ingest -` of a JSON array stopped at its first bad element: the elements after it were never read, and
    never reported (a file's array went on). Each element is now its own input, as in a .json file."""
    rows = [{"id": "g1", "text": "一" + TEXT}, {"id": "bad", "text": None}, {"id": "g2", "text": "二" + TEXT}]
    result = ingest_cli("-", "--db", tmp_path / "store.db", input=json.dumps(rows, ensure_ascii=False))
    assert error_lines(result) == ["Error: <stdin>[1]: JSON object has no non-empty 'text' field",
                                   "Error: 1 of 3 inputs failed"], result.output
    assert result.exit_code == 1
    assert stored_ids(tmp_path / "store.db") == {"g1", "g2"}


def test_extract_of_a_json_array_on_stdin_goes_past_a_bad_element():
    rows = [{"id": "g1", "text": "一" + TEXT}, ["not", "an", "object"], {"id": "g2", "text": "二" + TEXT}]
    result = CliRunner().invoke(main, ["extract", "-", "--format", "jsonl"], input=json.dumps(rows, ensure_ascii=False))
    assert [json.loads(out)["doc"]["id"] for out in result.stdout.splitlines()] == ["g1", "g2"], result.output
    assert "Error: <stdin>[1]: expected a JSON object, got list" in result.stderr


@pytest.mark.parametrize("args", [
    ["ingest", "--no-progress", ""], ["ingest", "--no-progress", "--records", ""], ["extract", ""],
    ["taxonomy", "candidates", ""], ["eval", ""], ["brief", ""], ["reference", "import", "", "--source", "s"],
    ["check", "--file", "", "--consistency"], ["ingest", "--no-progress", "a.txt", ""]],
    ids=lambda args: " ".join(repr(a) if a == "" else a for a in args))
def test_an_empty_path_is_a_usage_error_not_the_current_folder(tmp_path, monkeypatch, args):
    """An empty path argument read as the current folder (``Path("")`` is ``.``): ``analyzer ingest "$DIR"`` with
    ``$DIR`` unset analyzed and stored every article under the working folder; ``brief ""`` said ``: holds 70
    documents``, ``reference import ""`` said ``: is a folder``. It is now a usage error, and nothing is read."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("一" + TEXT, encoding="utf-8")
    db = tmp_path / "store.db"
    has_db = args[0] in ("ingest", "reference")
    result = CliRunner().invoke(main, [*args, *(["--db", str(db)] if has_db else [])])
    assert result.exit_code == 2, result.output
    assert "'' is an empty path: name a file or folder (- for stdin)" in result.output
    assert not db.exists()


@pytest.mark.parametrize("command", [["ingest", "--no-progress", "a.txt"], ["query"], ["sql", "SELECT 1"],
                                     ["export", "figures"], ["trends"]], ids=lambda c: c[0])
def test_a_libpq_keyword_string_is_no_sqlite_path_and_its_password_stays_hidden(tmp_path, monkeypatch, fake_pipeline,
                                                                                 command):
    """``--db "host=h password=… dbname=d"`` (libpq's keyword form) was taken for a SQLite path: ingest made a file
    named after it, password included, and printed ``…host%3Dh password%3DSekr3t dbname%3Dd: 1 added``, the '='
    URL-encoded past the password mask. It is now refused in one line, masked, and no file is made."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("一" + TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, [*command, "--db", "host=localhost password=Sekr3t dbname=analyzer"])
    assert result.exit_code == 1, result.output
    assert "Sekr3t" not in result.output
    assert result.output.startswith("Error: not a database URL: 'host=localhost password=*** dbname=analyzer' is a "
                                    "libpq keyword string"), result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt"]


def test_a_sqlite_file_named_like_a_keyword_is_still_a_path(tmp_path, monkeypatch, fake_pipeline):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("一" + TEXT, encoding="utf-8")
    assert ingest_cli("a.txt", "--db", "./user=x.db").exit_code == 0
    assert stored_ids(tmp_path / "user=x.db") == {"a.txt"}
