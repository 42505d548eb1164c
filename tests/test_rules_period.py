"""Time-expression and period rules (analyzer/rules/period.toml): every row's example, run as a test."""
import re

import pytest

import analyzer
from analyzer import rulebook
from analyzer.extract import periods

TABLES = ["kind", "refine", "nearest", "override", "relative_year", "words"]
ROWS = [(table, row) for table in TABLES for row in rulebook.rows("period", table)]
EXPECTING = [(table, row) for table, row in ROWS if "expect" in row]
WORD_LISTS = [(table, row) for table, row in ROWS if "expect" not in row]


def _id(case):
    table, row = case
    return f"{table}:{row['id']}"


def test_every_row_has_an_id_and_an_example():
    assert set(rulebook.load("period")) == set(TABLES)
    for _, row in ROWS:
        assert row.get("id") and row.get("example"), row


def test_every_kind_and_step_has_its_function():
    for row in rulebook.rows("period", "kind"):
        assert row["resolver"] in periods.RESOLVERS, row["id"]
    for table, steps in (("nearest", periods.NEAREST_STEPS), ("override", periods.OVERRIDE_STEPS)):
        for row in rulebook.rows("period", table):
            assert row["step"] in steps, row["id"]


@pytest.mark.parametrize("case", EXPECTING, ids=[_id(case) for case in EXPECTING])
def test_example_gives_the_expected_period(case):
    table, row = case
    record = analyzer.analyze(row["example"], published=row.get("published", "2025-06-30"))
    found = {figure.text: figure for figure in record.figures}
    assert row["figure"] in found, list(found)
    figure = found[row["figure"]]
    period = (figure.period.start, figure.period.end) if figure.period else None
    expect = None if row["expect"] == "none" else (row["expect"]["start"], row["expect"]["end"])
    assert period == expect
    if table in ("nearest", "override"):  # the explanation names the row that decided
        assert figure.explain["period"]["rule"].split("/")[0] == row["id"]


@pytest.mark.parametrize("case", WORD_LISTS, ids=[_id(case) for case in WORD_LISTS])
def test_word_list_example_holds_one_of_its_words(case):
    _, row = case
    words = row.get("words", [])
    assert any(word in row["example"] for word in words) or \
        (row.get("pattern") and re.search(row["pattern"], row["example"])), row["id"]


def test_a_kind_example_is_found_as_that_kind():
    for row in rulebook.rows("period", "kind"):
        published = row["published"]
        kinds = [span.kind for span in periods.PeriodResolver(published).find(row["example"])]
        assert row["kind"] in kinds, (row["id"], kinds)
