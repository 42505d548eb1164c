"""The Store protocol: what the CLI, the pandas API and the ingest loop need from a database backend.

``SQLStore`` (``sql.py``) implements it for SQLite and PostgreSQL; an in-memory SQLite store serves tests.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from analyzer.io.readers import STDIN
from analyzer.records import Record

DEFAULT_SQL_TIME_LIMIT = 60.0  # seconds one `analyzer sql` statement may run, on either backend (0: no limit)

if TYPE_CHECKING:
    import pandas as pd

MENTION_KIND = {"policy_tools": "policy_tool", "sectors": "sector", "institutions": "institution"}
TREND_KINDS = {"tool": "policy_tool", "sector": "sector", "institution": "institution"}


def text_hash(text: str) -> str:
    """SHA-256 (hex) of a document's text as read (after the reader's normalisation), the same on every backend:
    two inputs with this hash hold the same text, whatever their ids and metadata."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class StoredRecord:
    """A record ready to be written, with what identifies its version: a hash of its input and the extractor."""
    record: Record
    content_hash: str
    extractor_version: str
    origin: str | None = None  # the input file's absolute path, or <stdin>


@dataclass(frozen=True)
class FigureQuery:
    """Filters for figures; every field is optional and they combine with AND.

    ``metric`` matches the normalized metric key (of the text or the key itself) or the exact phrase;
    ``tool``/``sector``/``institution`` match figures linked to that name or in a sentence that mentions it;
    ``published_*`` bound the document's date, ``period_*`` keep figures whose period lies within the range
    (inclusive ISO dates); ``search`` is a substring of the figure's sentence. ``metric`` alone finds every
    place's figures; ``place`` keeps one place's (天津, also 天津市), a national word (全国) the figures with none.
    """
    metric: str | None = None
    tool: str | None = None
    sector: str | None = None
    institution: str | None = None
    source: str | None = None
    doc_id: str | None = None
    published_from: str | None = None
    published_to: str | None = None
    period_from: str | None = None
    period_to: str | None = None
    unit: str | None = None
    measure: str | None = None
    search: str | None = None
    limit: int | None = None
    place: str | None = None

    @classmethod
    def from_filters(cls, **filters: Any) -> FigureQuery:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(filters) - known)
        if unknown:
            raise TypeError(f"unknown figure filter(s) {', '.join(unknown)}; use {', '.join(sorted(known))}")
        return cls(**filters)


@dataclass
class WriteResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # stored meanwhile by another run with the same content and extractor version
    removed: int = 0  # stored rows of ``write(…, replace_set=…)``'s set deleted
    figures: int = 0
    mentions: int = 0
    # left out by ``write(…, skip_same_text=True)``: (doc_id, holder doc_id, holder origin) for each document
    # whose text another id had stored by the time the batch was written (a concurrent ingest, say)
    same_text: list[tuple[str, str, str | None]] = field(default_factory=list)
    # left out by ``write(…, keep_other_inputs=True)``: (doc_id, origin) for each document another input stored
    # under that id, with other content, by the time the batch was written (a concurrent ingest of another file)
    other_input: list[tuple[str, str]] = field(default_factory=list)


def stored_origin(origin: str | None, kind: str | None, meta: dict | None) -> str | None:
    """Where a stored document came from, as ingest's check of an id stored from another input reads it: its input
    file, or for a reference row (written by ``reference import``, with no file) its set, so that an ingest does
    not replace an official row unasked."""
    if origin or kind != "reference":
        return origin
    return f"reference set {(meta or {}).get('reference_set')!r} (analyzer reference import)"


def from_other_input(origin: str | None, digest: str | None, version: str | None,
                     stored: tuple[str | None, str | None, str | None]) -> bool:
    """Whether a document read from ``origin`` (content ``digest``, extractor ``version``) would overwrite what
    another input stored under its id (``stored``: that input, its digest and version). Two pipes are two inputs:
    <stdin> is never "the same file again", so a stored <stdin> document with other content is another input's.
    Ingest asks this of the store's origins when it starts, the store again inside each write transaction."""
    stored_from, stored_digest, stored_version = stored
    if not stored_from or not origin:
        return False
    if origin == STDIN and stored_from == STDIN:
        return stored_digest != digest
    return stored_from != origin and (stored_digest, stored_version) != (digest, version)


@dataclass
class IngestSummary:
    """What one ingest did; ``errors`` holds one line per failed input."""
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0  # repeated ids left out under --on-duplicate skip
    figures: int = 0
    mentions: int = 0
    errors: list[str] = field(default_factory=list)
    same_text: int = 0  # left out: the text of a document stored (or read before) under another id
    notices: list[str] = field(default_factory=list)  # one line per input left out for its text

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.failed + self.skipped + self.same_text

    def line(self) -> str:
        skipped = f", {self.skipped} skipped" if self.skipped else ""
        same = f", {self.same_text} same text skipped" if self.same_text else ""
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, {self.failed} failed"
                f"{skipped}{same}; {self.figures} figures and {self.mentions} mentions stored")


@runtime_checkable
class Store(Protocol):
    """A database of records. Writes are per batch and atomic: a batch is stored whole or not at all."""

    url: str

    def known_documents(self) -> dict[str, tuple[str, str]]:
        """``doc_id → (content_hash, extractor_version)`` of every stored document."""

    def document_origins(self) -> dict[str, str]:
        """``doc_id → origin`` (the input file) of every stored document that has one, and ``reference set
        'NAME' …`` for each reference row (an ingest does not replace one unasked)."""

    def same_texts(self, hashes: Iterable[str]) -> dict[str, list[tuple[str, str | None]]]:
        """``text_hash → [(doc_id, origin), …]`` (oldest first) of the stored documents with one of ``hashes``."""

    def write(self, batch: Sequence[StoredRecord], *, skip_same_text: bool = False,
              replace_set: str | None = None, keep_other_inputs: bool = False) -> WriteResult:
        """Store a batch in one transaction, replacing the rows of documents already stored under the same id;
        ``skip_same_text`` leaves out (and lists) documents whose text is stored under another id by then;
        ``replace_set`` makes the batch reference set ``replace_set``: the set's stored rows the batch does not
        hold are deleted in the same transaction, read under a lock on the set (two imports of it at once end as
        one table or the other, never a mix); ``keep_other_inputs`` leaves out (and lists) documents whose id another
        input stored with other content by then, instead of replacing them."""

    def reference_set(self, set_name: str) -> dict[str, str]:
        """``doc_id → content_hash`` of the stored documents of reference set ``set_name`` (by
        ``meta.reference_set``)."""

    def counts(self) -> dict[str, int]:
        """Row count of each data table."""

    def iter_figures(self, query: FigureQuery) -> Iterator[dict]:
        """Matching figures as rows carrying their document, sentence and offsets."""

    def figures(self, query: FigureQuery | None = None, **filters: Any) -> pd.DataFrame: ...

    def sentence_names(self, figure_ids: Iterable[int], kind: str = "institution") -> dict[int, list[str]]:
        """The names of the mentions of ``kind`` stored in each figure's sentence, by figure id."""

    def linked_names(self, figure_ids: Iterable[int], kind: str = "institution") -> dict[int, list[str]]:
        """The names each figure is linked to (its links of ``kind``), by figure id."""

    def mentions(self, kind: str | None = None, name: str | None = None) -> pd.DataFrame: ...

    def names_within(self, text: str, kind: str = "institution") -> set[str]:
        """The names of stored mentions of ``kind`` outside the taxonomy that ``text`` contains."""

    def documents(self) -> pd.DataFrame: ...

    def timeline_rows(self, metric: str, measure: str | None = None, place: str | None = None) -> list[dict]:
        """The figures of a metric (phrase or key) that have a period, with their documents' ids and sources: the
        national series, or with ``place`` that place's."""

    def metric_places(self, metric: str) -> list[tuple[str, int]]:
        """(place, figures with a period) of the metric's series of places other than the national one; a place as
        its series key spells it (天津 for 天津 and 天津市)."""

    def similar_metrics(self, metric: str, limit: int = 10) -> list[str]:
        """Stored metric keys that look like ``metric`` (for a helpful error when nothing matches)."""

    def trend_rows(self, by: str = "tool") -> pd.DataFrame:
        """Each dated mention of a tool, sector or institution: published, name, document_id."""

    def iter_table(self, table: str) -> tuple[list[str], Iterable[dict]]:
        """Columns and rows of a whole table, streamed (for export)."""

    def iter_tables(self, tables: Iterable[str]) -> Iterator[tuple[str, Iterable[dict]]]:
        """Each of ``tables`` with its rows, streamed, all from one moment of the store (``export --sqlite``)."""

    def sql(self, statement: str, time_limit: float = DEFAULT_SQL_TIME_LIMIT) -> tuple[list[str], Iterator[tuple]]:
        """Run one statement on a read-only connection, for at most ``time_limit`` seconds (0: no limit)."""

    def refuse_own_file(self, output: str) -> None:
        """A ``StoreError`` when ``output`` (an export or a plot about to be written) is one of the store's files."""

    def close(self) -> None: ...
