"""CSV cells that a spreadsheet cannot run (OWASP "CSV injection").

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, after a tab or a carriage return
it trims, the same) as a formula: a document title ``=HYPERLINK(…)`` or ``-cmd|…`` in an exported CSV would run
when a journalist opens the file. Such a text cell gets a leading ``'``, which spreadsheets read as "text" and
do not show. A cell that is a number as written (``-1.25``, ``+3``, ``1e5``) is left alone, so an exact negative
value stays a number; so is every non-string value.
"""
from __future__ import annotations

import csv
import io
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_cell(value):
    """``value`` made safe for one CSV cell a spreadsheet will open."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_csv(text: str) -> str:
    """CSV ``text`` (whole records) written again with every cell made safe by ``spreadsheet_cell``."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return out.getvalue()
