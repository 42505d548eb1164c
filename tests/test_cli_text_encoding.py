"""Text the command line or the terminal cannot carry is one line, never a traceback (s21-probe).

Bytes on the command line that are not UTF-8 (a Latin-1 or GBK terminal, a script's stray byte) reach Python as lone
surrogates, which neither database nor a UTF-8 output takes; an output whose encoding cannot write Chinese
(PYTHONIOENCODING=ascii, a Latin-1 locale) failed at the first Chinese character. Both gave a traceback.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import main

ROOT = Path(__file__).resolve().parent.parent
TEXT = "2025年1月末，广义货币(M2)余额313.53万亿元，同比增长7%。"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("encoding")
    (folder / "a.jsonl").write_text(json.dumps({"id": "a", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(folder / "store.db")
    assert CliRunner().invoke(main, ["ingest", str(folder / "a.jsonl"), "--db", db, "--no-progress"]).exit_code == 0
    return db


@pytest.mark.parametrize("args", [
    ["query", "--metric", "M2\udcff"], ["query", "--institution", "\udcff"], ["query", "--search", "\udced\udca0"],
    ["query", "--source", "\udcc3"], ["query", "--doc", "\udcff"], ["timeline", "\udcff"],
    ["check", "M2余额\udcff为313万亿元"], ["sql", "SELECT '\udcff'"],
])
def test_an_argument_that_is_not_utf8_is_one_line(store, args):
    result = CliRunner().invoke(main, [*args, "--db", store])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1
    assert "not UTF-8" in result.stderr and "\\x" in result.stderr
    assert "Traceback" not in result.output


def test_an_output_that_cannot_write_chinese_is_one_line(store):
    environment = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run([sys.executable, "cli.py", "query", "--db", store, "-f", "table"], cwd=ROOT,
                            capture_output=True, text=True, env=environment, encoding="utf-8", errors="replace")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error: ") and "PYTHONIOENCODING=utf-8" in result.stderr


@pytest.mark.parametrize("engine", [[], ["--engine", "dask", "--workers", "1"]], ids=["local", "dask"])
def test_a_file_whose_name_is_not_utf8_is_named_with_the_reason(tmp_path, engine):
    """A file named in Latin-1 or GBK bytes: its records cannot be stored (the store keeps each document's path as
    UTF-8), and the line said 'id holds a lone surrogate (U+DCFF)' or 'the database refused the record (… surrogates
    not allowed)'. On the Dask engine the whole partition failed, the good file with it. It says what is wrong with
    the file and what to do; the other files are stored."""
    if engine:
        pytest.importorskip("distributed")
    try:
        (tmp_path / os.fsdecode(b"a\xff.txt")).write_text(TEXT, encoding="utf-8")
        (tmp_path / os.fsdecode(b"b\xff.jsonl")).write_text(json.dumps({"id": "b", "text": TEXT}, ensure_ascii=False)
                                                          + "\n", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "s.db"), "--no-progress",
                                       *engine])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "\\xff" in line]
    assert len(errors) == 2 and all("path is not UTF-8" in line and "rename" in line for line in errors), result.stderr
    assert "1 added" in result.stderr and "2 failed" in result.stderr


@pytest.mark.parametrize("command", [["query"], ["timeline", "广义货币(M2)余额"]])
@pytest.mark.parametrize("place", ["   ", "!!!", "（）"])
def test_a_place_that_names_nothing_is_a_usage_error(store, command, place):
    """--place '!!!' or '   ' reads as no place at all, which is how the national figures are kept: the national
    series was printed in silence, as if it were the place asked for."""
    result = CliRunner().invoke(main, [*command, "--place", place, "--db", store])
    assert result.exit_code == 2 and "names no place" in result.stderr, result.output
    assert CliRunner().invoke(main, [*command, "--place", "全国", "--db", store]).exit_code == 0


@pytest.mark.parametrize("args", [
    ["ingest", "X", "--partition-mb", "nan"], ["ingest", "X", "--partition-mb", "1e308"],
    ["ingest", "X", "--time-limit", "nan"], ["sql", "SELECT 1", "--time-limit", "nan"],
    ["check", "M2余额为313万亿元", "--min-accuracy", "nan"],
])
def test_a_number_option_that_is_no_number_is_a_usage_error(store, tmp_path, args):
    """s21-probe: click's FloatRange lets NaN through (no comparison with NaN is true): --partition-mb nan was a
    traceback, ingest --time-limit nan failed every document ('Invalid value NaN'), and sql --time-limit nan ran
    with no limit. --partition-mb 1e308 overflowed to a traceback too."""
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, [arg if arg != "X" else str(path) for arg in args] + ["--db", store])
    assert result.exit_code == 2 and "Invalid value for" in result.stderr, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [
    ["model", "train", "--learning-rate", "inf"], ["model", "train", "--label-smoothing", "nan"],
    ["model", "train-measure", "--threshold", "nan"], ["model", "train-metric-boundary", "--l2", "nan"],
    ["model", "train-metric-boundary", "--margin", "inf"],
])
def test_a_model_option_that_is_no_finite_number_is_a_usage_error(args):
    """s21-review: the model commands' number options were still click's FloatRange or float, which take NaN (and,
    open above, infinity), and started training with them (a NaN threshold is never reached; a NaN or infinite
    learning rate, l2 or margin gives no usable weights). They refuse it before any training."""
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "Invalid value for" in result.stderr, result.output


def test_only_the_output_write_is_the_outputs_encoding_error():
    """s21-mend: every UnicodeEncodeError a command raised read 'cannot write this text in the output's encoding',
    one from a codec that has nothing to do with the output (a GBK file name, a Latin-1 protocol) too. Only a write
    to standard output says so; any other is the bug it is, with its traceback."""
    import click

    from analyzer.cli.common import handle_errors

    @click.command()
    @click.option("--write", is_flag=True)
    @handle_errors
    def command(write):
        if write:
            sys.stdout.write(TEXT)  # what an ASCII output refuses
            return
        "广义货币".encode("latin-1")

    result = CliRunner().invoke(command, [])
    assert isinstance(result.exception, UnicodeEncodeError) and "output's encoding" not in result.stderr
    result = CliRunner(charset="ascii").invoke(command, ["--write"])
    assert result.exit_code == 1 and "output's encoding (ascii)" in result.stderr, result.output
