"""The terminal table (`--format table` of sql, query, export, timeline, trends, taxonomy): the same bytes as before
for a small result, its rows measured then written from a spool (memory, then an unnamed temporary file past
``KEEP_ROWS``) instead of held in a list, and a long cell cut in one pass."""
from __future__ import annotations

import io
import random

from click.testing import CliRunner

from analyzer.cli import main
from analyzer.io import rows as rows_module
from analyzer.io.rows import CellSpool, write_rows, write_table
from analyzer.io.writers import clipped, display_width, format_table

COLUMNS = ["metric", "value", "unit", "note"]
ROWS = [{"metric": "普惠小微贷款余额", "value": "35300000000000", "unit": "CNY", "note": None},
        {"metric": "M2", "value": 3.5, "unit": "%", "note": "line one\nline two \x1b[31m"},
        {"metric": "长" * 30, "value": "", "unit": None, "note": "x" * 50}]
# written by main at b354d8d (the whole table built in memory), byte for byte
EXPECTED = ("metric                         value           unit  note\n"
            "-----------------------------  --------------  ----  ------------------------------\n"
            "普惠小微贷款余额               35300000000000  CNY\n"
            "M2                             3.5             %     line one line two \\x1b[31m\n"
            "长长长长长长长长长长长长长长…                        xxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\n")


def table(rows, keep: int | None = None, width: int = 30) -> str:
    out = io.StringIO()
    assert write_table(iter(rows), COLUMNS, out, width, CellSpool(keep)) == len(rows)
    return out.getvalue()


def test_a_small_table_is_unchanged():
    out = io.StringIO()
    assert write_rows(iter(ROWS), COLUMNS, "table", out, table_width=30) == 3
    assert out.getvalue() == EXPECTED
    assert format_table(ROWS, COLUMNS, max_width=30) + "\n" == EXPECTED
    empty = io.StringIO()
    assert write_rows(iter([]), ["a"], "table", empty) == 0 and empty.getvalue() == "(no rows)\n"


def test_rows_past_the_limit_go_to_the_spool_not_a_list():
    """s22-probe left open: `sql --format table` held every row in a list to size its columns (a million rows of
    four short columns: 0.96 GB). Past ``keep`` rows the cells are in a temporary file, the rows themselves are
    never kept, and the table is the same."""
    spool = CellSpool(keep=3)
    seen = []

    def produced():
        for number in range(40):
            # the rows read so far: at most ``keep`` of them in memory, and none once the spool has a file
            assert len(spool.kept) <= 3 and (spool.file is None or not spool.kept)
            row = {**ROWS[number % 3], "value": number}
            seen.append(row)
            yield row
    out = io.StringIO()
    assert write_table(produced(), COLUMNS, out, 30, spool) == 40
    assert spool.file is not None and spool.file.closed and spool.kept == []
    assert out.getvalue() == format_table(seen, COLUMNS, max_width=30) + "\n"
    assert table(seen, keep=3) == table(seen) == table(seen, keep=0)


def test_sql_table_is_the_same_through_the_spool(tmp_path, monkeypatch):
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "corpus/", "--db", db, "--no-progress"]).exit_code == 0
    statement = "SELECT doc_id, metric, value, unit, d.text FROM figures f JOIN documents d ON d.id = f.document_id"
    in_memory = runner.invoke(main, ["sql", statement, "--db", db, "-f", "table"])
    monkeypatch.setattr(rows_module, "KEEP_ROWS", 2)
    spooled = runner.invoke(main, ["sql", statement, "--db", db, "-f", "table"])
    assert in_memory.exit_code == spooled.exit_code == 0
    assert in_memory.output.count("\n") > 100 and spooled.output == in_memory.output


def _cut_by_the_old_loop(text: str, max_width: int) -> str:
    while display_width(text) > max_width:
        text = text[:-2] + "…"
    return text


def test_a_long_cell_is_cut_as_before_in_one_pass():
    """The old loop cut two characters, added …, and measured the whole text again until it fit: quadratic (a cell of
    40,000 Chinese characters took 32 s; a stored document's text, 700,000, hours). The same cut in one pass."""
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice("ab中…é\U0001d11e") for _ in range(rng.randint(0, 14)))
        width = rng.randint(1, 10)
        assert clipped(text, width) == _cut_by_the_old_loop(text, width), (text, width)
    assert clipped("中" * 700_000, 40) == "中" * 19 + "…"
    assert clipped("a" * 700_000 + "中", 40) == "a" * 39 + "…"
