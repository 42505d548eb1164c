"""What one request may make the server hold. The SQL time limit does not bound memory: a single call such as
``zeroblob(1000000000)``, ``randomblob(…)`` or ``printf('%.*c', 2000000000, 'x')`` is one step that the time limit
cannot interrupt, and a result of 2,000 rows of 4 MB strings is made in well under the limit; one such request took
the server past 20 GB until the kernel killed it. So every connection of ``serve`` has:

    VALUE_BYTES     SQLite's length limit (SQLITE_LIMIT_LENGTH) on any one string or blob made or read: 16 MiB, or
                    twice the longest text or meta the store holds when that is more ("string or blob too big", a 400)
    HEAP_BYTES      SQLite's hard heap limit for the whole process (PRAGMA hard_heap_limit): 512 MiB; a query that
                    needs more (a sort of large values, many wide columns) stops with SQLite's out-of-memory, a 400
    RESULT_CHARS    the text and blob characters of one statement's rows, counted as they are fetched: 16 Mi
                    characters, or twice the longest stored text or meta when more (a 400 that says so). A result
                    is rendered whole: as JSON (\\uXXXX) a Chinese character takes 30 to 45 bytes at the peak, so
                    16 Mi keeps one request under a gigabyte (64 million took the server to 2.1 GB)
"""
from __future__ import annotations

import sqlite3
import weakref

VALUE_BYTES = 16 * 2**20
HEAP_BYTES = 512 * 2**20
RESULT_CHARS = 16 * 2**20
TOO_LARGE = ("the result holds more than {limit:,} characters of text: select fewer rows or columns, or shorter "
             "values (substr)")


def largest_stored(connection: sqlite3.Connection) -> int:
    """The length in bytes of the longest document text or ``meta`` of the store (0 for an empty store): ingest's
    ``--max-doc-bytes`` may let a document past VALUE_BYTES. One pass over the documents table at start."""
    row = connection.execute("SELECT max(length(CAST(text AS BLOB))), max(length(CAST(meta AS BLOB))) "
                             "FROM documents").fetchone()
    return max(int(row[0] or 0), int(row[1] or 0))


def limits_for(largest: int) -> dict[str, int]:
    """The limits of a store whose longest text is ``largest`` bytes: every stored value stays readable."""
    return {"value_bytes": max(VALUE_BYTES, 2 * largest), "result_chars": max(RESULT_CHARS, 2 * largest)}


class CountedRows:
    """A row factory (``sqlite3.Row`` rows) that counts each statement's text and blob characters as its rows are
    fetched and stops the statement with ``sqlite3.OperationalError`` (datasette's 400, "Invalid SQL") past
    ``limit``: rows are never held past the limit, whatever their number."""

    def __init__(self, limit: int):
        self.limit = limit
        self.counted: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # cursor → characters so far

    def __call__(self, cursor: sqlite3.Cursor, row: tuple) -> sqlite3.Row:
        size = sum(len(value) for value in row if isinstance(value, (str, bytes)))
        total = self.counted.get(cursor, 0) + size
        self.counted[cursor] = total
        if total > self.limit:
            raise sqlite3.OperationalError(TOO_LARGE.format(limit=self.limit))
        return sqlite3.Row(cursor, row)


def bound(connection: sqlite3.Connection, limits: dict[str, int]) -> None:
    """Put the limits on one connection (the heap limit is the process's: set again, the same)."""
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limits["value_bytes"])
    connection.execute(f"PRAGMA hard_heap_limit = {int(HEAP_BYTES)}")
    connection.row_factory = CountedRows(limits["result_chars"])
