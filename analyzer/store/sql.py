"""``SQLStore``: the Store on SQLAlchemy Core — a SQLite file by default, PostgreSQL by ``postgresql://`` URL.

One code path serves both; the only backend-specific parts are connection setup (SQLite pragmas, the
psycopg driver name) and how a read-only connection is made for ``sql()``.
"""
from __future__ import annotations

import contextlib
import json
import os
import random
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from analyzer.errors import StoreError, mask_secrets
from analyzer.settings import default_db_url
from analyzer.store import migrations, queries, readonly, schema
from analyzer.store.base import (DEFAULT_SQL_TIME_LIMIT, FigureQuery, StoredRecord, WriteResult, from_other_input,
                                 stored_origin, text_hash)
from analyzer.store.rows import document_row, record_rows
from analyzer.taxonomy.series import PLACE_MARK


# A libpq keyword string ("host=h dbname=d password=…") is no URL: taken for a SQLite path, it made a file named after
# it, password included, and the summary printed that name with its '=' URL-encoded, past the password mask
LIBPQ_KEYWORDS = re.compile(r"\s*(?:host|hostaddr|port|dbname|user|password|passfile|service|sslmode)\s*=", re.I)


def normalize_url(url: str | None) -> str:
    """A SQLAlchemy URL from what a user types: a path, ``sqlite:///…``, ``postgresql://…`` or ``:memory:``."""
    url = url or default_db_url()
    if LIBPQ_KEYWORDS.match(url):
        raise StoreError(f"not a database URL: {mask_secrets(url)!r} is a libpq keyword string; write it as a "
                         "postgresql:// URL (see --help), or a SQLite file of that name as ./NAME")
    if url in (":memory:", "sqlite://", "sqlite:///:memory:"):
        return "sqlite://"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser().resolve()}"


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


ID_BATCH = 500  # figure ids asked for in one IN (...) list
LOOKUP_CHUNK = 1000  # text hashes in one IN (...) list
WRITE_ATTEMPTS = 6  # a batch that meets a concurrent writer (a lock, a doc_id just inserted) is retried
TEXT_LOCK_CLASS = 7172  # PostgreSQL advisory locks on text hashes (7171: doc ids, analyzer.cluster.tasks)
LOCK_TEXTS = sa.text(
    "SELECT count(pg_advisory_xact_lock(:lock_class, key)) FROM (SELECT DISTINCT hashtext(digest) AS key "
    "FROM unnest(CAST(:hashes AS text[])) AS digest ORDER BY key) AS keys"
).bindparams(lock_class=TEXT_LOCK_CLASS)
ID_LOCK_CLASS = 7174  # PostgreSQL advisory locks on doc ids while a write looks for another input's (7171: cluster's)
LOCK_IDS = sa.text(
    "SELECT count(pg_advisory_xact_lock(:lock_class, key)) FROM (SELECT DISTINCT hashtext(doc_id) AS key "
    "FROM unnest(CAST(:ids AS text[])) AS doc_id ORDER BY key) AS keys"
).bindparams(lock_class=ID_LOCK_CLASS)
TAKE_SQLITE_WRITE_LOCK = sa.text("UPDATE documents SET id = id WHERE 0 = 1")  # a write statement: BEGIN + lock
SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite keeps beside a store's file while it is written
SET_LOCK_CLASS = 7173  # PostgreSQL advisory locks on reference set names: one import of a set at a time
LOCK_SET = sa.text("SELECT pg_advisory_xact_lock(:lock_class, hashtext(:name))").bindparams(lock_class=SET_LOCK_CLASS)


def _is_conflict(error: sa.exc.DBAPIError) -> bool:
    """A conflict with another writer that a fresh transaction resolves: a unique doc_id inserted meanwhile,
    SQLite's busy or stale-snapshot lock, PostgreSQL's serialization failure or deadlock."""
    text = str(getattr(error, "orig", error)).lower()
    if isinstance(error, sa.exc.IntegrityError):
        return "unique" in text or "duplicate key" in text
    return any(word in text for word in ("locked", "busy", "could not serialize", "deadlock"))


class SQLStore:
    """A store in one SQL database; open it with ``open_store(url)``, close it with ``close()`` or ``with``."""

    def __init__(self, url: str | None = None, *, upgrade: bool = True, create: bool = True):
        """``create=False`` (the read commands) refuses a path or database that holds no store yet; with
        ``upgrade=False`` as well (``analyzer sql``) an older store is not upgraded, so nothing is written."""
        self.url = normalize_url(url)
        self.backend = self._checked_backend()
        self.immutable = False  # a read of a store in a folder this process may not write: ``opens_immutable``
        if not create and self.backend == "sqlite" and self.url != "sqlite://":
            path = Path(sa.make_url(self.url).database or "")
            if not path.is_file():
                raise StoreError(f"no store at {path}: create one with `analyzer ingest … --db {path}`")
            self.immutable = opens_immutable(path)
        try:
            self.engine = self._create_engine()
        except ImportError as error:  # postgresql+psycopg2:// and other drivers that are not installed
            raise StoreError(f"cannot open the database {self.display_url}: its driver is not installed "
                             f"({error.name or error}); use postgresql:// (psycopg 3)") from None
        try:
            migrations.hold(self.engine)  # its SQLite file's lock handle stays open until ``close``
            if self.immutable:  # nothing can be written: an older store is read as it is by `analyzer sql` alone
                _require_current(self.engine, upgrade, self.display_url)
            elif upgrade:
                migrations.upgrade(self.engine, create=create)
            elif not create:  # analyzer sql: a store, read as it is (an older one is not upgraded: no write)
                migrations.require_store(self.engine)
        except sa.exc.SQLAlchemyError as error:
            self.close()
            raise StoreError(f"cannot open the database {self.display_url}: {failure_reason(error)}"
                             f"{self._read_only_folder_hint(create)}") from None
        except BaseException:
            self.close()
            raise

    def _checked_backend(self) -> str:
        """``sqlite`` or ``postgresql``; a URL that cannot be parsed or used is a ``StoreError``, password masked."""
        try:
            backend = sa.make_url(self.url).get_backend_name()
        except (sa.exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
            raise StoreError(f"not a database URL: {mask_secrets(self.url)!r}") from None
        if backend not in ("sqlite", "postgresql"):
            raise StoreError(f"unsupported database {self.display_url!r}: use a SQLite path or a postgresql:// URL")
        if backend == "sqlite" and sa.make_url(self.url).query:
            # the driver ignored ?mode=ro (without uri=true) under a Python warning and wrote the store; with
            # uri=true it opened a new store in a file named 'x.db?mode=ro' (a URI needs sqlite:///file:x.db?...)
            raise StoreError(f"cannot open the database {self.display_url}: a SQLite store is named by its path alone, "
                             f"without URL arguments ({', '.join(sa.make_url(self.url).query)}); `analyzer sql` and "
                             "`serve` open it read-only themselves")
        if backend == "postgresql" and "@" in (sa.make_url(self.url).host or ""):  # user:pa@ss@host
            raise StoreError(f"cannot open the database {self.display_url}: its password holds an @; write it as "
                             "%40 in the URL")
        return backend

    def _read_only_folder_hint(self, create: bool) -> str:
        """Why a read of a SQLite store in a folder this process may not write failed: the files of a writer lie
        beside it (immutable would read it stale, so it is not opened so), and what to do; empty otherwise."""
        if create or self.backend != "sqlite" or self.url == "sqlite://":
            return ""
        path = Path(sa.make_url(self.url).database or "")
        beside = [own.name for own in self.own_files()[1:] if own.exists()]
        if not beside or not read_only_folder(path):
            return ""
        verb = "lies" if len(beside) == 1 else "lie"
        return (f" (its folder {path.parent} may not be written here and {', '.join(beside)} {verb} beside it: a "
                "writer is at work or was cut off, so the store is not read from its file alone, which could be "
                "stale; read it when the writer has finished, or copy the store with those files to a folder you "
                "may write)")

    @property
    def display_url(self) -> str:
        """The URL with its password masked (whatever the scheme)."""
        try:
            shown = sa.make_url(self.url).render_as_string(hide_password=True).replace("+psycopg://", "://", 1)
        except sa.exc.ArgumentError:
            shown = self.url
        return mask_secrets(shown)

    def _create_engine(self) -> sa.Engine:
        if self.backend == "postgresql":
            return sa.create_engine(self.url, json_serializer=_json_dumps, pool_pre_ping=True)
        if self.url == "sqlite://":
            engine = sa.create_engine(self.url, json_serializer=_json_dumps, poolclass=sa.pool.StaticPool,
                                      connect_args={"check_same_thread": False})
        elif self.immutable:
            return _immutable_engine(Path(sa.make_url(self.url).database or ""))
        else:
            path = Path(sa.make_url(self.url).database or "")
            if not path.parent.is_dir():
                raise StoreError(f"cannot create the database {path}: no directory {path.parent}")
            engine = sa.create_engine(self.url, json_serializer=_json_dumps, connect_args={"timeout": 60})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):
            # WAL: readers (datasette, `analyzer sql`) do not block the writer, and commits append instead of
            # copying pages to a rollback journal; synchronous=NORMAL is crash-safe in WAL mode (a power cut
            # may lose the last commits, never consistency). A larger page cache keeps index inserts in memory.
            cursor = dbapi_connection.cursor()
            for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = NORMAL", "cache_size = -65536"):
                cursor.execute(f"PRAGMA {pragma}")
            cursor.close()
        return engine

    # --- writing -----------------------------------------------------------------------------------------

    def known_documents(self) -> dict[str, tuple[str, str]]:
        d = schema.documents.c
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(d.doc_id, d.content_hash, d.extractor_version))
            return {doc_id: (content_hash, version) for doc_id, content_hash, version in rows}

    def document_origins(self) -> dict[str, str]:
        """``doc_id → origin`` of every stored document read from an input, and of every reference row (``reference
        set 'NAME'``: written by ``reference import``, with no file, so that an ingest does not replace it unasked)."""
        d = schema.documents.c
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(d.doc_id, d.origin, d.kind, d.meta)
                                      .where(sa.or_(d.origin.is_not(None), d.kind == "reference")))
            return {doc_id: stored_origin(origin, kind, meta) for doc_id, origin, kind, meta in rows}

    def same_texts(self, hashes: Iterable[str]) -> dict[str, list[tuple[str, str | None]]]:
        """``text_hash → [(doc_id, origin), …]`` (oldest first) of the stored documents with one of ``hashes``:
        an indexed lookup, a chunk of hashes per statement."""
        with self.engine.connect() as connection:
            return self._text_holders(connection, hashes)

    @staticmethod
    def _text_holders(connection, hashes: Iterable[str]) -> dict[str, list[tuple[str, str | None]]]:
        d = schema.documents.c
        wanted, found = sorted(set(hashes)), {}
        for first in range(0, len(wanted), LOOKUP_CHUNK):
            rows = connection.execute(sa.select(d.text_hash, d.doc_id, d.origin)
                                      .where(d.text_hash.in_(wanted[first:first + LOOKUP_CHUNK])).order_by(d.id))
            for digest, doc_id, origin in rows:
                found.setdefault(digest, []).append((doc_id, origin))
        return found

    def write(self, batch: Sequence[StoredRecord], *, skip_same_text: bool = False,
              replace_set: str | None = None, keep_other_inputs: bool = False) -> WriteResult:
        """Store a batch in one transaction; a document already stored under the same id is replaced.
        A conflict with a concurrent writer is retried in a fresh transaction (with a short random wait).
        ``skip_same_text``: a document whose text is stored under another id when the transaction looks (another
        ingest may have stored it since the caller checked) is left out and listed in ``same_text``.
        ``replace_set``: the batch becomes reference set ``replace_set``; its stored rows that the batch does not
        hold are removed in the same transaction (counted in ``removed``), read under the set's lock.
        ``keep_other_inputs``: a document whose id another input stored, with other content, by the time the
        transaction looks (``from_other_input``: a concurrent ingest of another file or pipe) is left out and listed
        in ``other_input``, not replaced."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                return self._write_once(batch, skip_same_text, replace_set, keep_other_inputs)
            except sa.exc.DBAPIError as error:
                if attempt == WRITE_ATTEMPTS - 1 or not _is_conflict(error):
                    raise
                time.sleep(random.uniform(0.05, 0.2) * 2**attempt)
        raise AssertionError("unreachable")

    def _write_once(self, batch: Sequence[StoredRecord], skip_same_text: bool = False,
                    replace_set: str | None = None, keep_other_inputs: bool = False) -> WriteResult:
        batch = list({item.record.document.id: item for item in batch}.values())  # last one of an id wins
        result = WriteResult()
        if not batch and replace_set is None:
            return result
        with self.engine.begin() as connection:
            if replace_set is not None:
                stored = self._locked_set(connection, replace_set)
                result.removed = self._remove(connection, set(stored) - {item.record.document.id for item in batch})
            if batch and keep_other_inputs:
                batch = self._not_from_other_inputs(connection, batch, result)
            if batch:
                self._write_batch(connection, batch, skip_same_text, result)
        return result

    @staticmethod
    def _not_from_other_inputs(connection, batch: list[StoredRecord], result: WriteResult) -> list[StoredRecord]:
        """``batch`` less the documents whose id another input stored with other content by the time the
        transaction looks (a concurrent ingest of another file), each listed in ``result.other_input`` as
        (doc_id, that input): ingest's own check reads the origins once, when it starts. The write lock is taken
        first on SQLite (as ``_texts_not_held``), on PostgreSQL an advisory lock on each of the batch's ids (one
        global order), so no other such writer commits between this look and the write: under READ COMMITTED its
        row, committed after the look, would be found by the write's own look for stored rows and updated."""
        if connection.dialect.name == "sqlite":
            connection.execute(TAKE_SQLITE_WRITE_LOCK)
        else:
            connection.execute(LOCK_IDS, {"ids": sorted({item.record.document.id for item in batch})})
        d = schema.documents.c
        stored = {doc_id: (stored_origin(origin, kind, meta), digest, version) for doc_id, origin, kind, meta, digest,
                  version in connection.execute(sa.select(d.doc_id, d.origin, d.kind, d.meta, d.content_hash,
                                                          d.extractor_version)
                                                .where(d.doc_id.in_([item.record.document.id for item in batch])))}
        kept = []
        for item in batch:
            origin, digest, version = stored.get(item.record.document.id, (None, None, None))
            if from_other_input(item.origin, item.content_hash, item.extractor_version, (origin, digest, version)):
                result.other_input.append((item.record.document.id, origin))
            else:
                kept.append(item)
        return kept

    def _locked_set(self, connection, set_name: str) -> dict[str, str]:
        """The ids of reference set ``set_name``, read once the transaction holds the set: on PostgreSQL a
        transaction-level advisory lock on its name, on SQLite the database's write lock (a write that changes
        nothing, as ``_texts_not_held``), so that two imports of one set run one after the other, each removing
        what the other stored. Before, the ids were read ahead of the transaction: two imports at once each
        removed only the rows stored before both began, and the set ended a mix of the two tables."""
        if self.backend == "postgresql":
            connection.execute(LOCK_SET, {"name": set_name})
        else:
            connection.execute(TAKE_SQLITE_WRITE_LOCK)
        return self._reference_set_ids(connection, set_name)

    @staticmethod
    def _reference_set_ids(connection, set_name: str) -> dict[str, str]:
        return {doc_id: digest for doc_id, meta, digest in connection.execute(queries.reference_set_select(set_name))
                if (meta or {}).get("reference_set") == set_name}

    def reference_set(self, set_name: str) -> dict[str, str]:
        """``doc_id → content_hash`` of the stored documents of reference set ``set_name`` (by their
        ``meta.reference_set``: the id alone cannot tell set ``a`` from set ``a:b``)."""
        with self.engine.connect() as connection:
            return self._reference_set_ids(connection, set_name)

    def _write_batch(self, connection, batch: list[StoredRecord], skip_same_text: bool, result: WriteResult) -> None:
        """Write ``batch`` (one record per id) in the transaction of ``connection``, counting into ``result``."""
        d = schema.documents
        if skip_same_text:
            batch = self._texts_not_held(connection, batch, result)
        batch, existing, result.unchanged = self._stored_already(connection, batch)
        if existing:
            for table in schema.CHILD_TABLES:
                connection.execute(table.delete().where(table.c.document_id.in_(list(existing.values()))))
        rows = [document_row(item) for item in batch]
        old = [{**row, "_id": existing[row["doc_id"]]} for row in rows if row["doc_id"] in existing]
        new = [row for row in rows if row["doc_id"] not in existing]
        if old:
            connection.execute(d.update().where(d.c.id == sa.bindparam("_id")), old)
        ids = dict(existing)
        if new:  # doc_id is unique, so the returned pairs need no particular order
            ids.update(connection.execute(d.insert().returning(d.c.doc_id, d.c.id), new).all())
        self._write_children(connection, batch, ids, result)
        result.added, result.updated = len(new), len(old)

    @staticmethod
    def _remove(connection, doc_ids: set[str]) -> int:
        """Delete the documents of ``doc_ids`` that are stored, with their rows in every child table: how many."""
        d = schema.documents.c
        ids = connection.execute(sa.select(d.id).where(d.doc_id.in_(sorted(doc_ids)))).scalars().all() \
            if doc_ids else []
        if not ids:
            return 0
        for table in schema.CHILD_TABLES:
            connection.execute(table.delete().where(table.c.document_id.in_(ids)))
        connection.execute(schema.documents.delete().where(d.id.in_(ids)))
        return len(ids)

    def _texts_not_held(self, connection, batch: list[StoredRecord], result: WriteResult) -> list[StoredRecord]:
        """``batch`` less the documents whose text another id holds in the store, each listed in
        ``result.same_text``. Race-free: on PostgreSQL the transaction first locks the batch's text hashes
        (advisory locks, one global order), so a concurrent writer of one of them commits before this looks or
        waits until this one commits; on SQLite a write that changes nothing first takes the database's write
        lock (the driver starts the transaction only at a write), so no other writer commits until this one."""
        hashes = {item.record.document.id: text_hash(item.record.document.text) for item in batch}
        if self.backend == "postgresql":
            connection.execute(LOCK_TEXTS, {"hashes": sorted(set(hashes.values()))})
        else:
            connection.execute(TAKE_SQLITE_WRITE_LOCK)
        holders = self._text_holders(connection, hashes.values())
        kept = []
        for item in batch:
            doc_id = item.record.document.id
            holder = next(((other, origin) for other, origin in holders.get(hashes[doc_id], []) if other != doc_id),
                          None)
            if holder:
                result.same_text.append((doc_id, *holder))
            else:
                kept.append(item)
        return kept

    @staticmethod
    def _stored_already(connection, batch: list[StoredRecord]) -> tuple[list[StoredRecord], dict[str, int], int]:
        """``(what is left to write, doc_id → row id of those of it already stored, how many were stored
        as they are)``: another run may have written a document a moment ago with the same content hash and
        extractor version; that one is unchanged and left alone (not replaced, not counted as updated)."""
        d = schema.documents.c
        found = connection.execute(sa.select(d.doc_id, d.id, d.content_hash, d.extractor_version)
                                   .where(d.doc_id.in_([item.record.document.id for item in batch]))).all()
        given = {item.record.document.id: (item.content_hash, item.extractor_version) for item in batch}
        same = {doc_id for doc_id, _, digest, version in found if given[doc_id] == (digest, version)}
        left = [item for item in batch if item.record.document.id not in same]
        return left, {doc_id: row_id for doc_id, row_id, _, _ in found if doc_id not in same}, len(same)

    def _write_children(self, connection, batch, ids, result: WriteResult) -> None:
        sentence_rows, figure_rows, mention_rows, figure_links = [], [], [], []
        for item in batch:
            rows = record_rows(item.record, ids[item.record.document.id], len(sentence_rows), len(figure_rows))
            sentence_rows += rows.sentences
            figure_rows += rows.figures
            mention_rows += rows.mentions
            figure_links += rows.figure_links
        sentence_ids = self._allocate_ids(connection, schema.sentences, sentence_rows)
        for row in (*figure_rows, *mention_rows):  # rows carry the index of their sentence in this batch
            index = row.pop("_sentence")
            row["sentence_id"] = sentence_ids[index] if index is not None else None
        figure_ids = self._allocate_ids(connection, schema.figures, figure_rows)
        link_rows = [{**link, "figure_id": figure_ids[index]} for index, link in figure_links]
        for table, rows in ((schema.sentences, sentence_rows), (schema.figures, figure_rows),
                            (schema.mentions, mention_rows), (schema.links, link_rows)):
            self._insert(connection, table, rows)
        result.figures += len(figure_rows)
        result.mentions += len(mention_rows)

    def _allocate_ids(self, connection, table: sa.Table, rows: list[dict]) -> list[int]:
        """Give ``rows`` new primary keys up front, so they insert in bulk without RETURNING (which
        SQLite can only do row by row when the order matters). Called after the batch's first write, when
        SQLite holds the database's write lock; PostgreSQL draws from the column's sequence."""
        if not rows:
            return []
        if self.backend == "postgresql":
            sequence = connection.execute(sa.select(sa.func.pg_get_serial_sequence(table.name, "id"))).scalar_one()
            ids = list(connection.execute(sa.select(sa.func.nextval(sequence))
                                          .select_from(sa.func.generate_series(1, len(rows)))).scalars())
        else:
            last = connection.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0
            ids = list(range(last + 1, last + 1 + len(rows)))
        for row, new_id in zip(rows, ids):
            row["id"] = new_id
        return ids

    @staticmethod
    def _insert(connection, table: sa.Table, rows: list[dict]) -> None:
        """Insert many rows in few statements (an executemany)."""
        if rows:
            connection.execute(table.insert(), rows)

    # --- reading -----------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return {name: connection.execute(sa.select(sa.func.count()).select_from(schema.metadata.tables[name]))
                    .scalar_one() for name in schema.DATA_TABLES}

    def schema_version(self) -> int | None:
        with self.engine.connect() as connection:
            return migrations.current_version(connection)

    def iter_figures(self, query: FigureQuery | None = None) -> Iterator[dict]:
        statement = queries.figure_select(query or FigureQuery())
        with self.engine.connect() as connection:
            result = connection.execution_options(yield_per=5000).execute(statement)
            for row in result.mappings():
                yield dict(row)

    def figures(self, query: FigureQuery | None = None, **filters: Any):
        """Matching figures as a DataFrame; ``value`` holds exact ``Decimal``s, ``value_num`` floats."""
        import pandas as pd  # the DataFrame API only: query, ingest, export and sql never load pandas
        query = query or FigureQuery.from_filters(**filters)
        columns = [c.name for c in queries.figure_select(query).selected_columns]
        frame = none_for_missing(pd.DataFrame(list(self.iter_figures(query)), columns=columns))
        for column in ("value", "value_high"):
            frame[column] = frame[column].map(lambda v: Decimal(v) if v is not None else None).astype(object)
        return frame

    def mentions(self, kind: str | None = None, name: str | None = None):
        """Mentions (with their document id, published date and sentence) as a DataFrame."""
        return self._frame(queries.mention_select(kind, name))

    def documents(self):
        """Documents (without their text) as a DataFrame."""
        d = schema.documents.c
        return self._frame(sa.select(*(c for c in schema.documents.c if c.name != "text")).order_by(d.published, d.doc_id))

    def _frame(self, statement):
        import pandas as pd  # as in figures()
        with self.engine.connect() as connection:
            result = connection.execute(statement)
            return none_for_missing(pd.DataFrame(result.all(), columns=list(result.keys())))

    def timeline_rows(self, metric: str, measure: str | None = None, place: str | None = None) -> list[dict]:
        """The figures of one metric (by key or phrase) that have a period, with their documents: the national
        series, or with ``place`` that place's."""
        with self.engine.connect() as connection:
            statement = queries.timeline_select(metric, measure, place)
            return [dict(row) for row in connection.execute(statement).mappings()]

    def metric_places(self, metric: str) -> list[tuple[str, int]]:
        with self.engine.connect() as connection:
            rows = connection.execute(queries.places_select(metric))
            return [(key.partition(PLACE_MARK)[2], count) for key, count in rows]

    def similar_metrics(self, metric: str, limit: int = 10) -> list[str]:
        with self.engine.connect() as connection:
            return list(connection.execute(queries.similar_metrics_select(metric, limit)).scalars())

    def sentence_names(self, figure_ids: Iterable[int], kind: str = "institution") -> dict[int, list[str]]:
        """The names of the mentions of ``kind`` stored in each figure's sentence, by figure id (in text order;
        a figure whose sentence names none is left out)."""
        return self._names_by_figure(queries.sentence_names_select, figure_ids, kind)

    def linked_names(self, figure_ids: Iterable[int], kind: str = "institution") -> dict[int, list[str]]:
        """The names each figure is linked to (its ``links`` of ``kind``), by figure id; a figure without is left
        out."""
        return self._names_by_figure(queries.linked_names_select, figure_ids, kind)

    def _names_by_figure(self, select, figure_ids: Iterable[int], kind: str) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        ids = sorted(set(figure_ids))
        with self.engine.connect() as connection:
            for at in range(0, len(ids), ID_BATCH):
                for figure_id, name in connection.execute(select(ids[at:at + ID_BATCH], kind)):
                    found.setdefault(figure_id, []).append(name)
        return found

    def names_within(self, text: str, kind: str = "institution") -> set[str]:
        """The names of stored mentions of ``kind`` outside the taxonomy that ``text`` contains (a claim's firm the
        extractor reads in company news but not in the claim's own words)."""
        m = schema.mentions.c
        statement = sa.select(m.name).distinct().where(m.kind == kind, m.in_taxonomy.is_(False),
                                                        sa.literal(text).contains(m.name))
        with self.engine.connect() as connection:  # LIKE's wildcards in a name: kept only where written as such
            return {name for name in connection.execute(statement).scalars() if name in text}

    def documents_mentioning(self, words: list[str]) -> set[str]:
        """Ids of the documents whose title or text contains every one of ``words``."""
        d = schema.documents.c
        conditions = [sa.or_(d.text.like(queries.like_pattern(w), escape="\\"),
                             d.title.like(queries.like_pattern(w), escape="\\")) for w in words]
        with self.engine.connect() as connection:
            return set(connection.execute(sa.select(d.doc_id).where(*conditions)).scalars())

    def undated_documents(self) -> int:
        """How many stored documents have no publication date (trends cannot place them)."""
        d = schema.documents.c
        with self.engine.connect() as connection:
            return connection.execute(sa.select(sa.func.count()).where(d.published.is_(None))).scalar_one()

    def trend_rows(self, by: str = "tool"):
        """Each dated mention of a tool, sector or institution (``by``): published, name, document_id, as a
        DataFrame (``analyzer.analysis.trends`` counts them per period)."""
        return self._frame(queries.trend_select(by))

    def iter_table(self, table: str) -> tuple[list[str], Iterator[dict]]:
        if table not in schema.EXPORTABLE:
            raise StoreError(f"no table {table!r}; choose from {', '.join(schema.EXPORTABLE)}")
        columns = [c.name for c in schema.metadata.tables[table].columns]

        def rows() -> Iterator[dict]:
            with self.engine.connect() as connection:
                yield from self._table_rows(connection, table)
        return columns, rows()

    def iter_tables(self, tables: Iterable[str]) -> Iterator[tuple[str, Iterator[dict]]]:
        """Each of ``tables`` with its rows, streamed, all read in one read transaction: a consistent copy of a
        store that others write meanwhile (SQLite: one WAL snapshot from the first read after BEGIN; PostgreSQL: a
        REPEATABLE READ, READ ONLY transaction). Read each table's rows before asking for the next."""
        for table in tables:
            if table not in schema.EXPORTABLE:
                raise StoreError(f"no table {table!r}; choose from {', '.join(schema.EXPORTABLE)}")
        with self.engine.connect() as connection:
            if self.backend == "postgresql":
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
                connection.exec_driver_sql("SET TRANSACTION READ ONLY")
            else:
                connection.exec_driver_sql("BEGIN")  # pysqlite begins no transaction for a SELECT of its own
            try:
                for table in tables:
                    yield table, self._table_rows(connection, table)
            finally:
                connection.rollback()

    @staticmethod
    def _table_rows(connection, table: str) -> Iterator[dict]:
        columns = schema.metadata.tables[table]
        statement = sa.select(columns).order_by(columns.c[next(iter(columns.c)).name])
        batch = 20 if table == "documents" else 10000  # a document's text may be 2 MiB: 20 of them, not 10,000
        for row in connection.execution_options(yield_per=batch).execute(statement).mappings():
            yield dict(row)

    # --- read-only SQL -------------------------------------------------------------------------------------

    def sql(self, statement: str, time_limit: float = DEFAULT_SQL_TIME_LIMIT) -> tuple[list[str], Iterator[tuple]]:
        """Run one statement on a read-only connection; writes fail with a ``StoreError``, and so does a statement
        that runs past ``time_limit`` seconds (0: no limit) — PostgreSQL's ``statement_timeout``, or on SQLite the
        time spent executing and fetching, not reading the rows."""
        body = statement.strip().rstrip(";").strip()
        if not body:
            raise StoreError("empty SQL statement")
        errors = _driver_errors(self.backend)
        connection, release, clock = self._readonly_connection(time_limit)
        try:
            if self.backend == "postgresql":
                readonly.check_reader(connection)
                readonly.limit_time(connection, time_limit)
                columns, result = readonly.run_alone(connection, body)
                result = readonly.spooled(result)  # every row fetched, to a file: the session may end now
            else:  # SQLite's driver itself runs one statement only (and reads quotes and comments as SQLite does)
                with clock.running():
                    result = connection.exec_driver_sql(body)
                columns, result = (list(result.keys()), result) if result.returns_rows else ([], ())
        except errors as error:
            release()
            raise StoreError(_sql_failure(error, clock, time_limit)) from None
        except StoreError:
            release()
            raise
        if self.backend == "postgresql":  # every row is fetched: the session ends before the first is printed, so
            release()  # no lock the statement took outlives it, however slowly its rows are read (| less)
            return columns, result

        def rows() -> Iterator[tuple]:
            try:
                fetched = iter(result)
                while True:
                    with clock.running():
                        row = next(fetched, None)
                    if row is None:
                        return
                    yield tuple(row)
            except errors as error:
                raise StoreError(_sql_failure(error, clock, time_limit)) from None
            finally:
                release()
        return columns, rows()

    def _readonly_connection(self, time_limit: float) -> tuple[sa.Connection, Callable[[], None], readonly.SQLiteClock]:
        """A connection that cannot write (PostgreSQL: read-only transactions of a reader role, checked by
        ``readonly.check_reader``; SQLite: ``mode=ro``, ``query_only``), the function that releases it, and the
        clock of SQLite's time limit (PostgreSQL's server keeps its own: ``statement_timeout``)."""
        clock = readonly.SQLiteClock(time_limit)
        if self.url == "sqlite://":  # an in-memory store has a single connection: guard it for the call
            connection = self.engine.connect()
            connection.exec_driver_sql("PRAGMA query_only = ON")
            raw = connection.connection.driver_connection
            raw.set_authorizer(readonly.deny_attach)  # as a file's read-only connections: no ATTACH, no fts3_tokenizer
            raw.set_progress_handler(clock.over, readonly.PROGRESS_STEPS)

            def release_memory() -> None:
                connection.rollback()
                raw.set_authorizer(None)
                raw.set_progress_handler(None, 0)
                connection.exec_driver_sql("PRAGMA query_only = OFF")
                connection.close()
            return connection, release_memory, clock
        if self.backend == "postgresql":
            options = " ".join(filter(None, (sa.make_url(self.url).query.get("options"),
                                             "-c default_transaction_read_only=on")))
            engine = sa.create_engine(self.url, poolclass=sa.pool.NullPool, connect_args={"options": options})
        else:
            uri = f"{Path(sa.make_url(self.url).database).as_uri()}?mode=ro"
            if self.immutable:
                uri += "&immutable=1"

            def connect() -> sqlite3.Connection:
                raw = sqlite3.connect(uri, uri=True, check_same_thread=False)
                raw.execute("PRAGMA query_only = ON")
                raw.set_authorizer(readonly.deny_attach)  # ATTACH would create or open other files for writing
                raw.set_progress_handler(clock.over, readonly.PROGRESS_STEPS)
                return raw
            engine = sa.create_engine("sqlite://", creator=connect, poolclass=sa.pool.NullPool)
        connection = engine.connect()

        def release() -> None:
            try:
                connection.rollback()
            except sa.exc.SQLAlchemyError:  # left busy (COPY … TO STDOUT started a copy): closed, never reused
                connection.invalidate()
            connection.close()
            engine.dispose()
        return connection, release, clock

    def own_files(self) -> list[Path]:
        """The files of a SQLite store: the database and its WAL, shared-memory and journal files (none for
        PostgreSQL or an in-memory store)."""
        if self.backend != "sqlite" or self.url == "sqlite://":
            return []
        path = Path(sa.make_url(self.url).database or "")
        return [path, *(path.with_name(path.name + suffix) for suffix in SIDE_FILES)]

    def refuse_own_file(self, output: str) -> None:
        """A ``StoreError`` when ``output`` (an export or a plot) is one of the store's own files, through a link or
        not: opened for writing while the store is read, it destroyed the whole store."""
        target = Path(output).expanduser().resolve()
        if any(target == own.resolve() for own in self.own_files()):
            raise StoreError(f"{output} is this store's own database file: writing there would destroy the store; "
                             "give another file name")

    def close(self) -> None:
        """Close the pooled connections, then (once no other store of this process has the file open) the SQLite
        file's lock handle: ``migrations.release``."""
        self.engine.dispose()
        migrations.release(self.engine)

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLStore({self.display_url!r})"


def _driver_errors(backend: str) -> tuple[type[Exception], ...]:
    """The exceptions a statement of ``sql()`` may raise: psycopg's own where ``readonly.run_alone`` runs it."""
    if backend != "postgresql":  # SQLite's SQLITE_NOMEM is a MemoryError (PRAGMA hard_heap_limit = 1)
        return sa.exc.SQLAlchemyError, sqlite3.Error, MemoryError
    import psycopg  # installed wherever a postgresql:// store opens
    return sa.exc.SQLAlchemyError, psycopg.Error


def none_for_missing(frame):
    """Missing text (a document without title, source or date) stays ``None``: pandas' string columns would hold
    NaN, a float that is truthy and breaks string code (``'《' + title``)."""
    from pandas.api.types import is_numeric_dtype  # as in figures()
    for column in frame.columns:
        if not is_numeric_dtype(frame[column].dtype):
            series = frame[column].astype(object)
            frame[column] = series.where(series.notna(), None)
    return frame


def _sql_failure(error: Exception, clock: readonly.SQLiteClock, time_limit: float) -> str:
    """The one line of a failed ``sql()``: the time limit, when it stopped the statement, says how to raise it."""
    if clock.tripped or "statement timeout" in str(getattr(error, "orig", error)):
        return (f"SQL failed: the statement ran past its time limit of {time_limit:g} s; give a larger --time-limit "
                "(0: no limit)")
    if isinstance(error, MemoryError):
        return "SQL failed: SQLite ran out of memory (a heap limit the statement set, or a result too large)"
    return f"SQL failed: {failure_reason(error)}"


@contextlib.contextmanager
def database_refusal(what: str):
    """A write the database refuses (a value past an index's row limit, a lost connection) as one ``StoreError``
    line, ``WHAT: the driver's reason``, not a traceback; the transaction was rolled back."""
    try:
        yield
    except sa.exc.SQLAlchemyError as error:
        raise StoreError(f"{what}: {failure_reason(error)}") from None


def read_only_folder(path: Path) -> bool:
    """Whether this process may not create files in the folder of ``path`` (a read-only mount, another user's)."""
    return not os.access(path.parent, os.W_OK)


def opens_immutable(path: Path) -> bool:
    """Whether a read command opens the SQLite store at ``path`` with ``immutable=1``: its folder may not be written,
    so SQLite could not create the ``-shm`` file that reading a WAL store needs ("attempt to write a readonly
    database"), and no ``-wal``, ``-shm`` or ``-journal`` lies beside it, so no writer is at work (a writer would
    need them; immutable would not see what they hold). Writers never open a store so."""
    return read_only_folder(path) and not any(path.with_name(path.name + side).exists() for side in SIDE_FILES)


def _immutable_engine(path: Path) -> sa.Engine:
    """An engine that reads the SQLite file at ``path`` as it is (``mode=ro&immutable=1``): no lock, no side file."""
    uri = f"{path.absolute().as_uri()}?mode=ro&immutable=1"

    def connect() -> sqlite3.Connection:
        raw = sqlite3.connect(uri, uri=True, check_same_thread=False)
        raw.execute("PRAGMA query_only = ON")
        return raw
    return sa.create_engine("sqlite://", creator=connect, poolclass=sa.pool.QueuePool, json_serializer=_json_dumps)


def _require_current(engine: sa.Engine, upgrade: bool, shown: str) -> None:
    """A store read immutable cannot be upgraded: one of an older schema is refused unless read as it is."""
    found = migrations.require_store(engine, shown=shown)
    if upgrade and found < schema.SCHEMA_VERSION:
        raise StoreError(f"the store has schema version {found}, older than this analyzer's "
                         f"{schema.SCHEMA_VERSION}, and its folder may not be written here, so it cannot be "
                         "upgraded: `analyzer ingest` as the store's owner upgrades it; `analyzer sql` reads it as "
                         "it is")


def failure_reason(error: Exception) -> str:
    """The driver's own message, first line only, passwords masked."""
    original = getattr(error, "orig", None) or error
    return mask_secrets(str(original).strip().splitlines()[0]) if str(original).strip() else type(original).__name__


_reason = failure_reason  # the old name, still imported by cluster/tasks.py
