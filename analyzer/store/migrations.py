"""Schema versions: a new database gets the newest schema; an older one is upgraded in place.

Each migration is ``(version, description, upgrade(connection))`` and runs in the same transaction as
the ``schema_version`` row that records it, so a failed upgrade leaves the database at its old version.
To change the schema: edit ``schema.py``, bump ``SCHEMA_VERSION`` and append the step that brings a
database of the previous version to the new one (``op``-style DDL through ``connection.execute``).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import threading
import weakref
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
SPARE_HANDLES: dict[tuple[int, int], list[BinaryIO]] = {}  # more handles of a file, opened in a race (never dropped)
HOLDERS: dict[tuple[int, int], weakref.WeakSet] = {}  # (device, inode) → the open engines (stores) of this file
OPENING = threading.Lock()  # one flock handle per file serves the whole process: its threads open one at a time
FD_FOLDER = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"
MAY_NOT_WRITE = (errno.EACCES, errno.EPERM, errno.EROFS)


def _sqlite_path(engine: sa.Engine) -> Path | None:
    """The file of a SQLite engine (None for PostgreSQL and an in-memory database)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    return Path(database) if database and database != ":memory:" else None


def _lock_handle(path: Path, engine: sa.Engine) -> BinaryIO | None:
    """A handle on the SQLite file at ``path`` for ``flock``, opened once and kept open while a store of this process
    (``engine`` among them) has the file open (None where this process may not write the file). Closing any
    descriptor of a file drops every POSIX lock the process holds on it, SQLite's own SHARED lock on a WAL store
    included: another process whose last connection closed then took the store for unused, checkpointed it in
    exclusive mode (over the pages a reader here still read, so ``export --sqlite`` beside an ingest failed with
    "database disk image is malformed") and deleted its write-ahead log. ``release`` closes it once no store and no
    other descriptor of this process has the file open."""
    try:
        found = path.stat()
    except OSError:
        found = None
    key = (found.st_dev, found.st_ino) if found else None
    if key not in LOCK_HANDLES:
        handle = _open_handle(path)
        if handle is None:
            return None
        opened = os.fstat(handle.fileno())
        key = (opened.st_dev, opened.st_ino)
        if key in LOCK_HANDLES:  # the file was replaced since the stat by one that has its handle: closing this one
            SPARE_HANDLES.setdefault(key, []).append(handle)  # would drop this process's locks on it; kept
        else:
            LOCK_HANDLES[key] = handle
    HOLDERS.setdefault(key, weakref.WeakSet()).add(engine)
    return LOCK_HANDLES[key]


def _open_handle(path: Path) -> BinaryIO | None:
    """``path`` opened for ``flock``; None where this process may not write it (it cannot create or upgrade a store
    either). Any other failure (out of descriptors: EMFILE) is a ``StoreError``, not a file lock skipped."""
    try:
        return open(path, "ab")
    except OSError as error:
        if error.errno in MAY_NOT_WRITE:
            return None
        raise StoreError(f"cannot open the database {path}: {error.strerror or error}") from None


def hold(engine: sa.Engine) -> None:
    """Count ``engine`` (a store being opened) among the users of its SQLite file's handle, where the file has one,
    until ``release`` (``upgrade`` counts it as it opens one; a store opened without upgrading opens none)."""
    path = _sqlite_path(engine)
    if path is None:
        return
    with OPENING:
        _sweep()
        with contextlib.suppress(OSError):
            found = path.stat()
            if (found.st_dev, found.st_ino) in LOCK_HANDLES:
                HOLDERS.setdefault((found.st_dev, found.st_ino), weakref.WeakSet()).add(engine)


def release(engine: sa.Engine) -> None:
    """``engine`` (a store) is closed: close the handles of the files no store and no other descriptor of this
    process has open any more. A file still open here (a store's connection checked out, a connection of the
    process's own) keeps its handle until a later ``hold`` or ``release`` finds it unused."""
    with OPENING:
        for holders in HOLDERS.values():
            holders.discard(engine)
        _sweep()


def _sweep() -> None:
    """Close the handles of the files that no open store holds and no other descriptor of this process has open:
    with no descriptor of the file left, no SQLite lock of this process can be dropped by the close."""
    idle = [key for key in LOCK_HANDLES if not HOLDERS.get(key)]
    if not idle:
        return
    elsewhere = _files_open_elsewhere()
    for key in idle:
        if elsewhere is not None and key not in elsewhere:
            for handle in [LOCK_HANDLES.pop(key), *SPARE_HANDLES.pop(key, [])]:
                handle.close()
            HOLDERS.pop(key, None)


def _files_open_elsewhere() -> set[tuple[int, int]] | None:
    """``(device, inode)`` of every file this process has open through a descriptor other than the kept handles;
    None where the descriptors cannot be listed (then every handle is kept)."""
    ours = {handle.fileno() for handle in LOCK_HANDLES.values()}
    ours.update(handle.fileno() for spare in SPARE_HANDLES.values() for handle in spare)
    try:
        names = os.listdir(FD_FOLDER)
    except OSError:
        return None
    found = set()
    for name in names:
        if name.isdigit() and int(name) not in ours:
            with contextlib.suppress(OSError):
                status = os.stat(f"{FD_FOLDER}/{name}")
                found.add((status.st_dev, status.st_ino))
    return found


@contextlib.contextmanager
def _file_lock(engine: sa.Engine) -> Iterator[None]:
    """For a SQLite file, hold an exclusive ``flock`` on it while the store is opened: the first connection of a
    new file switches it to WAL, which SQLite may refuse at once ("database is locked") while another process is
    creating the tables. ``flock`` is separate from SQLite's own POSIX locks, so it only orders the openers; its
    handle stays open while a store of the file is (``_lock_handle``), since closing it would drop SQLite's locks."""
    path = _sqlite_path(engine)
    if path is None:
        yield
        return
    with OPENING:
        handle = _lock_handle(path, engine)
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


def require_store(engine: sa.Engine, target: int = schema.SCHEMA_VERSION, shown: str | None = None) -> int:
    """The schema version of the store behind ``engine`` (named ``shown`` in messages, else by its URL), changing
    nothing: ``StoreError`` for a database without a store or with a newer schema. For ``analyzer sql``, which never
    writes, an older store is read as it is."""
    with engine.connect() as connection:
        found = current_version(connection)
    if found is None:
        shown = shown or engine.url.render_as_string(hide_password=True).replace("+psycopg://", "://", 1)
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
