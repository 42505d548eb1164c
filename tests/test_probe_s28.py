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
