"""CSV cells that a spreadsheet cannot run (OWASP "CSV injection").

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, after a tab or a carriage return
it trims, the same) as a formula: a document title ``=HYPERLINK(…)`` or ``-cmd|…`` in an exported CSV would run
when a journalist opens the file. Such a text cell gets a leading ``'``, which spreadsheets read as "text" and
do not show. A cell that is a number as written (``-1.25``, ``+3``, ``1e5``) is left alone, so an exact negative
value stays a number; so is every non-string value.
"""
from __future__ import annotations

import codecs
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


class SpreadsheetCsvStream:
    """``spreadsheet_csv`` for CSV that arrives in pieces cut anywhere — inside a cell, a quoted line break or a
    UTF-8 character: ``feed`` returns the whole records the pieces so far complete, made safe, and ``close`` the
    rest. A record ends at a line feed outside quotes (a ``"`` inside a quoted cell is written ``""``, so counting
    quotes tells inside from outside)."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._pending: list[str] = []  # text after the last whole record
        self._quoted = False

    def feed(self, chunk: bytes) -> bytes:
        text = self._decoder.decode(chunk)
        end = None
        for found in _QUOTE_OR_LINE_FEED.finditer(text):
            if found.group() == '"':
                self._quoted = not self._quoted
            elif not self._quoted:
                end = found.end()
        if end is None:
            self._pending.append(text)
            return b""
        records = "".join(self._pending) + text[:end]
        self._pending = [text[end:]]
        return spreadsheet_csv(records).encode("utf-8")

    def close(self) -> bytes:
        rest = "".join(self._pending) + self._decoder.decode(b"", final=True)
        self._pending, self._quoted = [], False
        return spreadsheet_csv(rest).encode("utf-8") if rest else b""


_QUOTE_OR_LINE_FEED = re.compile('["\n]')
