"""Schema versions: a new database gets the newest schema; an older one is upgraded in place.

Each migration is ``(version, description, upgrade(connection))`` and runs in the same transaction as
the ``schema_version`` row that records it, so a failed upgrade leaves the database at its old version.
To change the schema: edit ``schema.py``, bump ``SCHEMA_VERSION`` and append the step that brings a
database of the previous version to the new one (``op``-style DDL through ``connection.execute``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa

from analyzer.errors import StoreError
from analyzer.store import schema

Migration = tuple[int, str, Callable[[sa.Connection], None]]

def _mentions_in_taxonomy(connection: sa.Connection) -> None:
    """Version 2: mentions.in_taxonomy (false for organisations read by the name grammar; issue 14)."""
    connection.execute(sa.text('ALTER TABLE mentions ADD COLUMN in_taxonomy BOOLEAN NOT NULL DEFAULT TRUE'))


# Version 1 is the initial schema, created by ``create_all``; later steps go here in order.
MIGRATIONS: list[Migration] = [
    (2, "mentions.in_taxonomy", _mentions_in_taxonomy),
]


def current_version(connection: sa.Connection) -> int | None:
    """The database's schema version; None for an empty database (no tables)."""
    inspector = sa.inspect(connection)
    if not inspector.has_table("schema_version"):
        if inspector.has_table("documents"):
            raise StoreError("the database has a 'documents' table but no schema_version: not an analyzer store?")
        return None
    return connection.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()


def _stamp(connection: sa.Connection, version: int, description: str) -> None:
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    connection.execute(schema.schema_version.insert().values(version=version, applied_at=now,
                                                             description=description))


def upgrade(engine: sa.Engine, target: int = schema.SCHEMA_VERSION,
            migrations: list[Migration] | None = None) -> int:
    """Create or upgrade the schema to ``target``; return the version found before (0 for a new database)."""
    migrations = MIGRATIONS if migrations is None else migrations
    with engine.begin() as connection:
        found = current_version(connection)
        if found is None:
            schema.metadata.create_all(connection)
            _stamp(connection, target, "initial schema")
            return 0
        if found > target:
            raise StoreError(f"the database has schema version {found}, newer than this analyzer's {target}; "
                             "upgrade the analyzer")
        for version, description, step in migrations:
            if found < version <= target:
                step(connection)
                _stamp(connection, version, description)
        return found
