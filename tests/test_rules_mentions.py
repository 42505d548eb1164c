"""The examples of the mention rule files run as tests: each ``[[context]]`` row of analyzer/rules/mentions.toml
keeps its names out of its examples, and each row of analyzer/extract/organizations.toml reads a name in each of
its examples (``;``-separated)."""
from __future__ import annotations

import pytest

from analyzer import rulebook
from analyzer.extract.organizations import OrganizationFinder, load_grammar
from analyzer.pipeline import analyze
from analyzer.taxonomy import MENTION_ARRAY

CONTEXT_ROWS = rulebook.rows("mentions", "context")
GRAMMAR = load_grammar()
# table → the rule name the finder gives a reading by one of its rows
RULE_NAMES = {"body": "{}", "firm": "{}", "subject": "subject_{}", "latin_after": "latin_{}", "gloss": "gloss_{}"}
ORGANIZATION_ROWS = [(table, row) for table in RULE_NAMES for row in GRAMMAR.get(table, [])]


def _examples(row: dict) -> list[str]:
    return [part.strip() for part in row["example"].split(";") if part.strip()]


def _blocked(row: dict, text: str, start: int, end: int) -> bool:
    """Whether the mention text[start:end] is one the row says is no mention there."""
    name = text[start:end]
    if row.get("names") and name not in row["names"]:
        return False
    if row.get("always"):
        return True
    window = text[end:end + row.get("gap", 0) + max(map(len, row["after"]))]
    return any(window.find(word, 0, row.get("gap", 0) + len(word)) >= 0 for word in row["after"])


@pytest.mark.parametrize("row", CONTEXT_ROWS, ids=[r["id"] for r in CONTEXT_ROWS])
def test_context_row_keeps_its_names_out_of_its_examples(row):
    array = MENTION_ARRAY[row["kind"]]
    for example in _examples(row):
        record = analyze(example, published="2025-06-30")
        found = [m.text for m in getattr(record, array) if _blocked(row, example, m.start, m.end)]
        assert not found, f"{row['id']}: {example!r} still gives {array} {found}"


@pytest.mark.parametrize("table, row", ORGANIZATION_ROWS, ids=[f"{t}-{r['id']}" for t, r in ORGANIZATION_ROWS])
def test_organization_row_reads_a_name_in_each_example(table, row):
    finder = OrganizationFinder()
    rule = RULE_NAMES[table].format(row["id"])
    for example in _examples(row):
        rules = {org.rule for org in finder(example)}
        assert rule in rules, f"{table} {row['id']}: nothing read by it in {example!r} (rules: {sorted(rules)})"
