"""Write flat rows (query results, timelines, SQL results) as json, jsonl, csv or a terminal table."""
from __future__ import annotations

import csv
import json
import math
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from analyzer.errors import AnalyzerError, one_line
from analyzer.io.spreadsheet import spreadsheet_cell
from analyzer.io.writers import display_width, table_cell, table_head, table_line

KEEP_ROWS = 1000  # a table's rows of cells kept in memory; past that, all go to an unnamed temporary file


def _json(value) -> str:
    """Strict JSON: a float that is not finite (SQLite's 1e999) is the string "Infinity", "-Infinity" or "NaN" (as
    a NaN numeric of PostgreSQL already is), never the bare Infinity that JSON parsers refuse."""
    if isinstance(value, dict):
        value = {k: _finite(v) for k, v in value.items()}
    return json.dumps(value, ensure_ascii=False, default=str, allow_nan=False)


def _finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
    return value


def blob_as_hex(value):
    """A blob (SQLite's bytes, PostgreSQL's bytea) as PostgreSQL's text form, ``\\x`` and its bytes in hex; it
    was Python's ``b'…'`` in every format. Any other value as it is."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "\\x" + bytes(value).hex()
    return value


def unique_names(columns: Sequence[str]) -> list[str]:
    """Column names with each repeat renamed ``name_2``, ``name_3`` … (never a name already used), so rows keyed by
    name keep every column: ``SELECT 1 AS a, 2 AS a`` → a, a_2."""
    used, names = set(columns), []
    for name in columns:
        if name in names:
            number = 2
            while f"{name}_{number}" in used:
                number += 1
            name = f"{name}_{number}"
            used.add(name)
        names.append(name)
    return names


def write_rows(rows: Iterable[dict], columns: Sequence[str], fmt: str, out: IO[str],
               table_width: int = 40) -> int:
    """Stream ``rows`` to ``out`` (a table's are read twice: ``write_table``); return how many were written."""
    count = 0
    if fmt == "table":
        return write_table(rows, columns, out, table_width)
    if fmt == "csv":
        writer = csv.writer(out)  # every text cell, names included, safe to open in a spreadsheet
        writer.writerow([spreadsheet_cell(column) for column in columns])
        for count, row in enumerate(rows, 1):
            writer.writerow([spreadsheet_cell(_json(v) if isinstance(v, (dict, list)) else v)
                             for v in (row.get(column) for column in columns)])
        return count
    if fmt == "jsonl":
        for count, row in enumerate(rows, 1):
            out.write(_json(row) + "\n")
        return count
    out.write("[")
    for count, row in enumerate(rows, 1):
        out.write(("\n" if count == 1 else ",\n") + _json(row))
    out.write("\n]\n" if count else "]\n")
    return count


class CellSpool:
    """A table's rows of cells in order, the first ``keep`` in memory and, once there are more, all of them in an
    unnamed temporary file (gone when closed): a table of any length is held in bounded memory."""

    def __init__(self, keep: int | None = None):
        self.keep = KEEP_ROWS if keep is None else keep
        self.kept, self.file, self.count = [], None, 0

    def add(self, cells: list[str]) -> None:
        self.count += 1
        if self.file is None and len(self.kept) < self.keep:
            self.kept.append(cells)
            return
        try:
            if self.file is None:
                self.file = tempfile.TemporaryFile()
                for kept in self.kept:
                    pickle.dump(kept, self.file, protocol=pickle.HIGHEST_PROTOCOL)
                self.kept = []
            pickle.dump(cells, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as error:  # a full disk: one line, not a traceback
            raise AnalyzerError(f"the table does not fit in the temporary folder ({tempfile.gettempdir()}): "
                                f"{error.strerror or error}; free space there, set TMPDIR to a larger one, or "
                                "write --format jsonl or csv, which need no room") from None

    def rows(self) -> Iterator[list[str]]:
        if self.file is None:
            yield from self.kept
            return
        self.file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self.file)  # our own file, written just above

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def write_table(rows: Iterable[dict], columns: Sequence[str], out: IO[str], max_width: int = 40,
                spool: CellSpool | None = None) -> int:
    """A terminal table of ``rows``, as ``format_table`` writes it, in bounded memory: each row's cells are measured
    and kept in ``spool`` (on disk past ``KEEP_ROWS``), then written under a header as wide as the widest."""
    spool = spool or CellSpool()
    widths = [display_width(name) for name in (one_line(str(c)) for c in columns)]
    try:
        for row in rows:
            cells = [table_cell(row.get(c), max_width) for c in columns]
            widths = [max(w, display_width(cell)) for w, cell in zip(widths, cells)]
            spool.add(cells)
        if not spool.count:
            out.write("(no rows)\n")
            return 0
        for line in table_head([one_line(str(c)) for c in columns], widths):
            out.write(line + "\n")
        for cells in spool.rows():
            out.write(table_line(cells, widths) + "\n")
    finally:
        spool.close()
    return spool.count
