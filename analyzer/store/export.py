"""Export a whole table as CSV, JSON Lines or Parquet, streamed in chunks (values stay exact strings), or the
whole store as a SQLite snapshot (for `analyzer serve`, or to hand a PostgreSQL store to someone)."""
from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from analyzer.errors import StoreError
from analyzer.store import schema
from analyzer.io.atomic import NAME_KEPT, replaced_whole
from analyzer.io.rows import write_rows
from analyzer.store.base import Store
from analyzer.store.sql import SQLStore

EXPORT_FORMATS = ("csv", "jsonl", "parquet")
CHUNK = 50_000
CHUNK_CHARS = 8 * 2**20  # characters of text in one Parquet chunk (row group)


def _arrow_schema(table: str):
    import pyarrow as pa
    types = []
    for column in schema.metadata.tables[table].columns:
        if isinstance(column.type, sa.Boolean):  # mentions.in_taxonomy: was written as a string, a traceback
            kind = pa.bool_()
        elif isinstance(column.type, sa.Integer):
            kind = pa.int64()
        elif isinstance(column.type, sa.Float):
            kind = pa.float64()
        else:
            kind = pa.string()  # text, dates and JSON (serialized)
        types.append(pa.field(column.name, kind))
    return pa.schema(types)


def _flat(row: dict) -> dict:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v for k, v in row.items()}


def export_table(store: Store, table: str, fmt: str, output: str | None = None) -> int:
    """Write ``table`` to ``output`` (a path; None or '-' for stdout, not for Parquet); return the row count. A file
    is written whole or not at all (``replaced_whole``): an export cut off leaves no part of a file under its name."""
    if output in (None, "-"):
        return _export(store, table, fmt, None)
    store.refuse_own_file(output)
    try:
        with replaced_whole(output) as path:
            return _export(store, table, fmt, path)
    except OSError as error:
        raise StoreError(f"cannot write {output}: {error.strerror or error}") from None


def _export(store: Store, table: str, fmt: str, output: str | None) -> int:
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    columns, rows = store.iter_table(table)
    to_stdout = output in (None, "-")
    if fmt == "parquet":
        if to_stdout:
            raise StoreError("Parquet is binary: give an output file with -o FILE.parquet")
        import pyarrow as pa
        import pyarrow.parquet as pq
        arrow_schema, count = _arrow_schema(table), 0
        with pq.ParquetWriter(output, arrow_schema) as writer:
            for chunk in _chunks(rows):
                writer.write_table(pa.Table.from_pylist(chunk, schema=arrow_schema))
                count += len(chunk)
        return count
    if to_stdout:
        return write_rows(rows, columns, fmt, sys.stdout)
    with Path(output).open("w", encoding="utf-8", newline="") as out:
        return write_rows(rows, columns, fmt, out)


def _chunks(rows) -> Iterator[list[dict]]:
    """``rows`` flattened, in chunks of at most ``CHUNK`` rows and about ``CHUNK_CHARS`` characters of text: a
    chunk of 50,000 documents of long texts would be held whole (100 documents of 500,000 characters took 1 GB)."""
    chunk, chars = [], 0
    for row in rows:
        chunk.append(_flat(row))
        chars += sum(len(value) for value in chunk[-1].values() if isinstance(value, str))
        if len(chunk) == CHUNK or chars >= CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _move_into_place(temporary: Path, real: Path, path: Path) -> None:
    """Give the finished snapshot its name, never over a file: a hard link fails if the name was taken meanwhile (by
    another program, after the check at the start), where a rename would replace that file. A file system without
    hard links gets a rename after one more check."""
    try:
        os.link(temporary, real)
    except FileExistsError:
        raise StoreError(f"{path}: made by another program while the snapshot was written; give a new file name") \
            from None
    except OSError:
        if real.exists():
            raise StoreError(f"{path}: made by another program while the snapshot was written; give a new file name") \
                from None
        os.replace(temporary, real)
        return
    temporary.unlink()


def export_sqlite(store: Store, output: str) -> dict[str, int]:
    """Copy every data table of ``store`` (SQLite or PostgreSQL) into a new SQLite store at ``output``, ids
    kept, in one transaction; return the row count of each table. ``output`` must not exist yet. The snapshot is
    made under a temporary name beside it and renamed to ``output`` only when whole: an error or Ctrl-C leaves
    nothing (before, an empty store, its schema written and its rows not). A symbolic link not yet pointing at a
    file stays: the snapshot gets the name it points at, as ``export -o`` and SQLite write through a link."""
    path = Path(output)
    real = Path(os.path.realpath(path))
    if path.exists():
        raise StoreError(f"{path}: already exists; give a new file name for the snapshot")
    if not real.parent.is_dir():  # named here: the store's own message named the temporary file
        raise StoreError(f"cannot create the snapshot {path}: no directory {real.parent}")
    temporary = real.with_name(f".{real.name[:NAME_KEPT]}.{os.getpid()}.part")
    counts, target = {}, None
    try:
        target = SQLStore(str(temporary))
        with target.engine.begin() as connection:
            for name, rows in store.iter_tables(schema.DATA_TABLES):  # one moment of a store being written
                table, counts[name] = schema.metadata.tables[name], 0
                while chunk := list(itertools.islice(rows, CHUNK)):
                    connection.execute(table.insert(), chunk)
                    counts[name] += len(chunk)
        target.close()
        _move_into_place(temporary, real, path)
    except BaseException as error:
        if target is not None:
            target.close()
        for leftover in (temporary, temporary.with_name(temporary.name + "-wal"),
                         temporary.with_name(temporary.name + "-shm")):
            leftover.unlink(missing_ok=True)
        if isinstance(error, (sa.exc.SQLAlchemyError, OSError)):
            message = str(getattr(error, "orig", error)).splitlines()[0]
            raise StoreError(f"{path}: snapshot failed: {message}") from None
        raise
    return counts
