"""The database of records: SQLite by default, PostgreSQL by URL, one schema and one code path.

    >>> store = open_store()                      # $ANALYZER_DB or ./analyzer.db
    >>> store.figures(metric="普惠小微贷款余额")  # a pandas DataFrame
"""
from __future__ import annotations

from analyzer.store.base import FigureQuery, IngestSummary, Store, StoredRecord
from analyzer.store.sql import SQLStore

__all__ = ["FigureQuery", "IngestSummary", "SQLStore", "Store", "StoredRecord", "open_store"]


def open_store(url: str | None = None, *, create: bool = True, upgrade: bool = True) -> SQLStore:
    """Open (creating or upgrading) the store at ``url``: a SQLite path or ``sqlite:///…`` URL,
    ``postgresql://user:password@host/db``, or ``:memory:``; default ``$ANALYZER_DB`` or ``./analyzer.db``.
    ``create=False`` raises ``StoreError`` where there is no store yet, instead of creating an empty one;
    ``upgrade=False`` with it opens an older store as it is (``analyzer sql``: nothing written)."""
    return SQLStore(url, create=create, upgrade=upgrade)
