"""Write flat rows (query results, timelines, SQL results) as json, jsonl, csv or a terminal table."""
from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Sequence
from typing import IO

from analyzer.io.spreadsheet import spreadsheet_cell
from analyzer.io.writers import format_table


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
    """Stream ``rows`` to ``out`` (a table is built in memory); return how many were written."""
    count = 0
    if fmt == "table":
        rows = list(rows)
        out.write(format_table(rows, columns, max_width=table_width) + "\n")
        return len(rows)
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
