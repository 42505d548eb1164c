"""Schema versions: a new database gets the newest schema; an older one is upgraded in place.

Each migration is ``(version, description, upgrade(connection))`` and runs in the same transaction as
the ``schema_version`` row that records it, so a failed upgrade leaves the database at its old version.
To change the schema: edit ``schema.py``, bump ``SCHEMA_VERSION`` and append the step that brings a
database of the previous version to the new one (``op``-style DDL through ``connection.execute``).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO
from pathlib import Path

import sqlalchemy as sa

from analyzer.errors import StoreError, mask_secrets
from analyzer.store import schema
from analyzer.store.base import text_hash

Migration = tuple[int, str, Callable[[sa.Connection], None]]


def _add_origin(connection: sa.Connection) -> None:
    connection.execute(sa.text("ALTER TABLE documents ADD COLUMN origin TEXT"))


def _mentions_in_taxonomy(connection: sa.Connection) -> None:
    """Version 3: mentions.in_taxonomy (false for organisations read by the name grammar; issue 14)."""
    connection.execute(sa.text('ALTER TABLE mentions ADD COLUMN in_taxonomy BOOLEAN NOT NULL DEFAULT TRUE'))


def _figure_place(connection: sa.Connection) -> None:
    """Version 4: figures.place (the place a metric's name opened with; null in figures stored before)."""
    connection.execute(sa.text("ALTER TABLE figures ADD COLUMN place TEXT"))


BACKFILL_CHUNK = 1000  # documents read and hashed at a time by the version 5 step on SQLite


def _text_hash(connection: sa.Connection) -> None:
    """Version 5: documents.text_hash, the SHA-256 of each stored text, filled in for every stored document and
    indexed (ingest looks a text up by it). PostgreSQL hashes on the server; SQLite here, a chunk at a time.
    Runs in the upgrade's transaction: a failure leaves the store at version 4, as it was."""
    connection.execute(sa.text("ALTER TABLE documents ADD COLUMN text_hash VARCHAR(64)"))
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("UPDATE documents SET text_hash = encode(sha256(convert_to(text, 'UTF8')), 'hex')"))
    else:
        d = schema.documents.c
        last = 0
        while True:
            rows = connection.execute(sa.select(d.id, d.text).where(d.id > last).order_by(d.id)
                                      .limit(BACKFILL_CHUNK)).all()
            if not rows:
                break
            connection.execute(schema.documents.update().where(d.id == sa.bindparam("_id")),
                               [{"_id": row_id, "text_hash": text_hash(text)} for row_id, text in rows])
            last = rows[-1][0]
    connection.execute(sa.text("CREATE INDEX ix_documents_text_hash ON documents (text_hash)"))


# Version 1 is the initial schema, created by ``create_all``; later steps go here in order.
MIGRATIONS: list[Migration] = [
    (2, "documents.origin: the input a document was read from", _add_origin),
    (3, "mentions.in_taxonomy", _mentions_in_taxonomy),
    (4, "figures.place: where a figure was measured (天津), null for national figures", _figure_place),
    (5, "documents.text_hash: the SHA-256 of a document's text, indexed (one file, one document)", _text_hash),
]


def current_version(connection: sa.Connection) -> int | None:
    """The database's schema version; None for an empty database (no tables)."""
    tables = set(sa.inspect(connection).get_table_names())  # one read: another process may be creating them
    if "schema_version" not in tables:
        if "documents" in tables:
            raise StoreError("the database has a 'documents' table but no schema_version: not an analyzer store?")
        return None
    return connection.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()


def _stamp(connection: sa.Connection, version: int, description: str) -> None:
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    connection.execute(schema.schema_version.insert().values(version=version, applied_at=now,
                                                             description=description))


UPGRADE_LOCK = 727_274_001  # PostgreSQL advisory lock: one process creates or upgrades the schema at a time


def _lock(connection: sa.Connection) -> None:
    """Serialize schema changes between processes: SQLite takes its write lock up front (BEGIN IMMEDIATE,
    waiting up to the busy timeout), PostgreSQL a transaction-scoped advisory lock."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(UPGRADE_LOCK)))


LOCK_HANDLES: dict[tuple[int, int], BinaryIO] = {}  # (device, inode) → the open handle ``_file_lock`` flocks
OPENING = threading.Lock()  # one flock handle per file serves the whole process: its threads open one at a time


def _lock_handle(path: Path) -> BinaryIO | None:
    """A handle on the SQLite file at ``path`` for ``flock``, opened once and kept open while the process runs
    (None where this process may not write the file). Closing any descriptor of a file drops every POSIX lock the
    process holds on it, SQLite's own SHARED lock on a WAL store included: another process whose last connection
    closed then took the store for unused, checkpointed it in exclusive mode (over the pages a reader here still
    read, so ``export --sqlite`` beside an ingest failed with "database disk image is malformed") and deleted its
    write-ahead log. A handle of a file that was deleted since is closed (nothing can open that file again)."""
    try:
        found = path.stat()
    except OSError:
        found = None
    kept = LOCK_HANDLES.get((found.st_dev, found.st_ino)) if found else None
    if kept is not None:
        return kept
    try:
        handle = open(path, "ab")
    except OSError:  # a file this process may not write: it cannot create or upgrade a store either
        return None
    for key, old in list(LOCK_HANDLES.items()):
        if os.fstat(old.fileno()).st_nlink == 0:
            old.close()
            del LOCK_HANDLES[key]
    opened = os.fstat(handle.fileno())
    return LOCK_HANDLES.setdefault((opened.st_dev, opened.st_ino), handle)


@contextlib.contextmanager
def _file_lock(engine: sa.Engine) -> Iterator[None]:
    """For a SQLite file, hold an exclusive ``flock`` on it while the store is opened: the first connection of a
    new file switches it to WAL, which SQLite may refuse at once ("database is locked") while another process is
    creating the tables. ``flock`` is separate from SQLite's own POSIX locks, so it only orders the openers; its
    handle stays open (``_lock_handle``), since closing it would drop SQLite's locks."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with OPENING:
        handle = _lock_handle(Path(database))
        if handle is None:
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def upgrade(engine: sa.Engine, target: int = schema.SCHEMA_VERSION,
            migrations: list[Migration] | None = None, *, create: bool = True) -> int:
    """Create or upgrade the schema to ``target``; return the version found before (0 for a new database).
    Safe when several processes open a new store at once: the first creates it, the others wait and find it.
    ``create=False`` raises ``StoreError`` for a database without a store instead of creating one."""
    migrations = MIGRATIONS if migrations is None else migrations
    with _file_lock(engine), engine.connect() as connection:
        found = current_version(connection)
        if found is None and not create:
            shown = engine.url.render_as_string(hide_password=True).replace("+psycopg://", "://", 1)
            raise StoreError(f"no analyzer store in {mask_secrets(shown)}: "
                             "create one with `analyzer ingest`")
        if found is not None and found >= target:
            return _check_not_newer(found, target)
        connection.rollback()
        try:
            _lock(connection)  # then look again: another process may have created or upgraded it meanwhile
            found = _upgrade_locked(connection, target, migrations)
            connection.commit()
        except sa.exc.SQLAlchemyError as error:
            if found is None:
                raise
            reason = mask_secrets(str(getattr(error, "orig", error)).strip().splitlines()[0])
            raise StoreError(f"the store has schema version {found}, older than this analyzer's {target}, and "
                             f"upgrading it failed ({reason}): {_upgrade_advice(error)}; `analyzer sql` reads it "
                             "as it is") from None
        return found


def _upgrade_advice(error: sa.exc.SQLAlchemyError) -> str:
    """What to do about a failed upgrade: another role or file permissions when it was refused for want of them
    (SQLite's read-only file, PostgreSQL's insufficient privilege), else run it again once nothing else holds it."""
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    if code == "42501" or "readonly database" in str(error) or "must be owner" in str(error):
        return ("open it once with a role or file permissions that may change it (`analyzer ingest` as the store's "
                "owner upgrades it)")
    return "run the command again when no other process holds the store (or `analyzer ingest` upgrades it)"


def require_store(engine: sa.Engine, target: int = schema.SCHEMA_VERSION) -> int:
    """The schema version of the store behind ``engine``, changing nothing: ``StoreError`` for a database without
    a store or with a newer schema. For ``analyzer sql``, which never writes, an older store is read as it is."""
    with engine.connect() as connection:
        found = current_version(connection)
    if found is None:
        shown = engine.url.render_as_string(hide_password=True).replace("+psycopg://", "://", 1)
        raise StoreError(f"no analyzer store in {mask_secrets(shown)}: create one with `analyzer ingest`")
    return _check_not_newer(found, target)


def _check_not_newer(found: int, target: int) -> int:
    if found > target:
        raise StoreError(f"the database has schema version {found}, newer than this analyzer's {target}; "
                         "upgrade the analyzer")
    return found


def _upgrade_locked(connection: sa.Connection, target: int, migrations: list[Migration]) -> int:
    found = current_version(connection)
    if found is None:
        schema.metadata.create_all(connection)
        _stamp(connection, target, "initial schema")
        return 0
    _check_not_newer(found, target)
    for version, description, step in migrations:
        if found < version <= target:
            step(connection)
            _stamp(connection, version, description)
    return found
