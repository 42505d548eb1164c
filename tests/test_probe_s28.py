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


def given_record(doc_id: str, **figure) -> dict:
    text = f"{doc_id}：全国GDP增长5.2%。"
    start = text.index("5.2%")
    return {"doc": {"id": doc_id}, "text": text,
            "figures": [{"text": "5.2%", "start": start, "end": start + 4, "value": "5.2", "unit": "percent",
                         **figure}]}


@pytest.mark.parametrize("bad, problem", [
    (given_record("r", value="abc"), "figures[0].value 'abc' is not a decimal"),
    (given_record("r", value_high="1,000"), "figures[0].value_high '1,000' is not a decimal"),
    (given_record("r", period="2024"), "figures[0].period must be an object, not str"),
    ({**given_record("r"), "figures": "x"}, "figures must be a list, not str"),
    ({**given_record("r"), "figures": [{"text": "x"}]}, "figures[0] has no 'start'"),
    ({**given_record("r"), "sectors": [{"text": "x", "start": 0, "end": 1}]}, "sectors[0] has no 'name'")],
    ids=lambda case: case if isinstance(case, str) else "")
def test_a_record_that_cannot_be_read_says_why_in_the_formats_words(tmp_path, bad, problem):
    """``ingest --records`` named a record it could not read with Python's words: ``not a valid record
    (InvalidOperation: [<class 'decimal.ConversionSyntax'>])``, ``(AttributeError: 'str' object has no attribute
    'get')``. It now names the field and the problem; the good record beside it is stored."""
    path = tmp_path / "records.jsonl"
    lines = [json.dumps(given_record("good"), ensure_ascii=False), json.dumps(bad, ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "--no-progress", "--records", str(path), "--db", tmp_path / "s.db"])
    assert error_lines(result)[0] == f"Error: {path}:2: not a valid record: {problem}", result.output
    assert result.exit_code == 1 and stored_ids(tmp_path / "s.db") == {"good"}


@pytest.mark.parametrize("arguments", ["?mode=ro", "?uri=true&mode=ro"])
def test_a_sqlite_url_with_arguments_is_refused_not_ignored(tmp_path, fake_pipeline, arguments):
    """``--db sqlite:///x.db?mode=ro``: the driver ignored ``mode`` (a two-line Python warning) and ingest wrote the
    store; with ``uri=true`` as well it made a second store in a file named ``x.db?mode=ro``. Now one line, no write."""
    db = tmp_path / "store.db"
    assert ingest_cli(tmp_path / "a.txt", "--db", db).exit_code == 3  # no such file; makes an empty store
    (tmp_path / "a.txt").write_text("一" + TEXT, encoding="utf-8")
    result = ingest_cli(tmp_path / "a.txt", "--db", f"sqlite:///{db}{arguments}")
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: cannot open the database sqlite:///{db}?"), result.output
    assert ": a SQLite store is named by its path alone, without URL arguments (" in result.output
    assert "Warning" not in result.output
    assert stored_ids(db) == set() and sorted(path.name for path in tmp_path.iterdir()) == ["a.txt", "store.db"]


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "big5", "utf-16"])
def test_reference_import_reads_a_table_as_ingest_reads_a_file(tmp_path, encoding):
    """A CSV saved by a spreadsheet on a Chinese Windows is GBK: ``reference import`` read UTF-8 only and said
    ``cannot read the reference table: 'utf-8' codec can't decode byte 0xd4 in position 39``, where ``ingest``
    reads GB18030/GBK, Big5 and UTF-16 with a BOM. It now decodes as the readers do."""
    path = tmp_path / "ref.csv"
    rows = ["metric,period,value,unit,measure,source,url",
            "國內生產總值增速,2024,5.2,%,growth_rate,國家統計局,https://x.cn/"]
    path.write_bytes(("\n".join(rows) + "\n").encode(encoding))
    db = tmp_path / "store.db"
    result = CliRunner().invoke(main, ["reference", "import", str(path), "--source", "t", "--db", str(db)])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(main, ["sql", "SELECT metric, value FROM figures", "--db", str(db), "-f", "jsonl"])
    assert json.loads(listed.stdout) == {"metric": "國內生產總值增速", "value": "5.2"}


def test_reference_import_refuses_a_binary_table_as_ingest_does(tmp_path):
    path = tmp_path / "ref.csv"
    path.write_bytes(b"metric,period,value\x00\n")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(main, ["reference", "import", str(path), "--source", "t", "--db", db])
    assert result.exit_code == 1 and f"Error: {path}: looks like a binary file (NUL bytes), not text" in result.output


@pytest.mark.parametrize("command", [["ingest", "--no-progress", "--db", "store.db"], ["extract"], ["brief"],
                                     ["check", "--consistency", "--file"]], ids=lambda c: c[0])
def test_a_page_without_text_is_one_error_line(tmp_path, command):
    """An HTML page with no main text printed trafilatura's ``WARNING trafilatura.core: discarding data: None``
    above its ``Error:`` line: two lines for one bad input, the first in a library's words. (-v shows it again.)"""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import analyzer
    (tmp_path / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    root = str(Path(analyzer.__file__).resolve().parents[1])  # the checkout under test, not the installed one
    done = subprocess.run([sys.executable, "-c", "from analyzer.cli import main; main()", *command, "empty.html"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": root})
    assert done.returncode in (1, 2, 3), done.stderr
    assert "trafilatura" not in done.stderr and "WARNING" not in done.stderr, done.stderr
    assert "Error: empty.html: no main text found in the HTML page" in done.stderr


BIG_INTEGER = '{"claim": "GDP增长5.2%", "verdict": "supported", "n": 1' + "0" * 5000 + "}"
GOOD_CLAIM = json.dumps({"claim": "GDP增长5.2%", "verdict": "unverifiable"}, ensure_ascii=False)


@pytest.mark.parametrize("bad, problem", [
    (BIG_INTEGER, "not JSON that can be read: an integer of more than 4,300 digits"),
    ("[" * 100_000, "not JSON that can be read: nested too deeply")], ids=["5,001 digits", "100,000 ["])
def test_a_claim_line_python_cannot_read_is_one_line_not_a_traceback(tmp_path, bad, problem):
    """``check --claim-set`` with a line holding an integer of 5,001 digits (Python's int() limit is 4,300) or
    100,000 nested brackets was a ValueError or RecursionError traceback; it is one line, and the others are scored."""
    claims = tmp_path / "claims.jsonl"
    claims.write_text(f"{GOOD_CLAIM}\n{bad}\n", encoding="utf-8")
    db = tmp_path / "store.db"
    assert ingest_cli(tmp_path / "none.txt", "--db", db).exit_code == 3  # an empty store
    result = CliRunner().invoke(main, ["check", "--claim-set", str(claims), "--db", str(db)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert f"Error: {claims}:2: {problem}" in result.output, result.output
    assert result.exit_code == 1


def test_a_gold_line_with_a_huge_integer_is_one_line_not_a_traceback(tmp_path):
    """``eval`` of a gold .jsonl line holding an integer of 5,001 digits was a ValueError traceback."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": {"id": 1' + "0" * 5000 + '}, "text": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert f"Error: {gold}:1: JSON holds an integer of more than 4,300 digits" in result.output, result.output
    assert result.exit_code == 2


@pytest.mark.parametrize("metric", ["", "  "])
def test_an_empty_timeline_metric_is_a_usage_error_as_an_empty_query_filter_is(tmp_path, metric):
    """``timeline ""`` (an unset ``$METRIC``) was exit 1, "no figures with a period for metric ''", where
    ``query --metric ""`` is a usage error (exit 2)."""
    result = CliRunner().invoke(main, ["timeline", metric, "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2, result.output
    assert f"Invalid value for 'METRIC': {metric!r} is empty: give a value\n" in result.output


def test_json_lines_in_a_json_file_says_what_it_is(tmp_path, fake_pipeline):
    """A .json file holding one object a line said only ``malformed JSON at line 2 column 1: Extra data``."""
    rows = "".join(json.dumps({"id": f"l{i}", "text": f"{i}{TEXT}"}, ensure_ascii=False) + "\n" for i in (1, 2))
    (tmp_path / "lines.json").write_text(rows, encoding="utf-8")
    result = ingest_cli(tmp_path / "lines.json", "--db", tmp_path / "store.db")
    assert error_lines(result)[0] == (f"Error: {tmp_path / 'lines.json'}: malformed JSON at line 2 column 1: Extra "
                                      "data (more than one JSON value: a .json file holds one object or one array; "
                                      "one object a line is a .jsonl file)"), result.output
