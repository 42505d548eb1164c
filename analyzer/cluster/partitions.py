"""Inputs → partitions, the unit of work a cluster task analyzes and writes.

Small files are grouped until a partition holds about ``target_bytes``; a JSON Lines file bigger than that is
cut into byte ranges that end on line ends, each with the number of its first line, so a task reads only its
range and still reports ``FILE:LINE`` (one in UTF-16 or UTF-32 is not cut: ``wide_encoded``). Reading a partition
uses the same readers as ``analyzer ingest``, so a document gets the same id and content hash whichever engine
reads it.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from analyzer.errors import InputError
from analyzer.records import Document, Record

DEFAULT_PARTITION_BYTES = 8 * 2**20
PARQUET_SUFFIX = ".parquet"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
RECORD_SUFFIXES = (".json", *JSONL_SUFFIXES, PARQUET_SUFFIX)
SCAN_CHUNK = 4 * 2**20


@dataclass(frozen=True)
class Piece:
    """A whole file (``end`` is None) or the lines of a JSON Lines file in ``[start, end)``."""
    path: str
    start: int = 0
    end: int | None = None
    first_line: int = 1
    root: str | None = None  # the folder ids are relative to (as `analyzer ingest` reads it)
    error: str | None = None  # what listing the inputs found wrong with it (a link to a folder): reported, not read

    def describe(self) -> str:
        return self.path if self.end is None else f"{self.path} (bytes {self.start}-{self.end})"


@dataclass(frozen=True)
class Partition:
    """What one task reads: pieces of input, about ``size`` bytes; ``records`` means record files."""
    index: int
    pieces: tuple[Piece, ...]
    size: int
    records: bool = False

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"

    def describe(self) -> str:
        first = self.pieces[0].describe() if self.pieces else "(empty)"
        more = f" and {len(self.pieces) - 1} more files" if len(self.pieces) > 1 else ""
        return f"{self.name} ({first}{more})"


def input_files(paths: list[str], records: bool = False) -> Iterator[tuple[str, str | None, str | None]]:
    """``(file, root, error)`` to read, in the order ``analyzer ingest`` reads them; record mode also finds Parquet.
    ``error`` is what listing found wrong with the entry (a link to a folder, a broken link), reported as it is:
    read again by its path, a link to a folder was walked."""
    from analyzer.io.readers import Source, expand_paths, walk_folder
    for raw in paths:
        if raw == "-":
            raise InputError("-", "standard input cannot be split into partitions: save it to a file first")
        if records and not Path(raw).is_dir():
            yield raw, None, None
            continue
        # a record folder is walked as an article folder is (and as `ingest --records` walks it): links to folders,
        # unreadable folders and files that are no regular file are reported, not skipped in silence
        items = walk_folder(Path(raw), frozenset(RECORD_SUFFIXES)) if records else expand_paths([raw])
        for item in items:
            if isinstance(item, Source):
                yield str(item.path), (raw if records else str(item.root)), None
            else:
                yield item.source, None, item.problem


def plan_partitions(paths: list[str], target_bytes: int = DEFAULT_PARTITION_BYTES,
                    records: bool = False) -> list[Partition]:
    """Cut ``paths`` into partitions of about ``target_bytes`` each (a file never splits unless it is JSON Lines)."""
    partitions: list[Partition] = []
    pending: list[Piece] = []
    pending_size = 0

    def close() -> None:
        nonlocal pending, pending_size
        if pending:
            partitions.append(Partition(len(partitions), tuple(pending), pending_size, records))
        pending, pending_size = [], 0

    for path, root, error in input_files(paths, records):
        if error:
            pending.append(Piece(path, root=root, error=error))
            continue
        size = _size(path)
        if size > target_bytes and path.lower().endswith(JSONL_SUFFIXES) and not wide_encoded(path):
            close()
            for piece in line_ranges(path, size, target_bytes, root):
                partitions.append(Partition(len(partitions), (piece,), piece.end - piece.start, records))
            continue
        if pending and pending_size + size > target_bytes:
            close()
        pending.append(Piece(path, root=root))
        pending_size += size
    close()
    return partitions


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # reading the partition reports the problem


def wide_encoded(path: str) -> bool:
    """Whether ``path`` starts with a UTF-16 or UTF-32 byte order mark. Such a JSON Lines file is one piece, read
    whole as ``analyzer ingest`` reads it (transcoded line by line): its line ends are not the byte 0x0A, and a
    range after its first would have no mark to decode by. Before (s25-dask2) it was cut at 0x0A like any other
    and every line of it failed on the Dask engine."""
    from analyzer.io.readers import BOMS
    try:
        with open(path, "rb") as handle:
            start = handle.read(4)
    except OSError:
        return False  # reading the partition reports the problem
    return any(start.startswith(bom) for bom, codec in BOMS if codec != "utf-8-sig")


def line_ranges(path: str, size: int, target_bytes: int, root: str | None = None) -> list[Piece]:
    """Byte ranges of about ``target_bytes`` that start and end on line boundaries, with their first line number."""
    pieces = []
    start, line = 0, 1
    with open(path, "rb") as handle:
        while start < size:
            cut = min(start + target_bytes, size)
            if cut < size:
                handle.seek(cut - 1)
                _skip_line(handle)  # run on to the end of the line that crosses the cut
                cut = min(handle.tell(), size)
            pieces.append(Piece(path, start, cut, line, root))
            line += _count_newlines(handle, start, cut)
            start = cut
    return pieces


def _skip_line(handle, read: bytes = b"") -> int:
    """Run on to the end of the line of which ``read`` was read, ``SCAN_CHUNK`` bytes at a time (a line of gigabytes
    is never held whole: the planner and the reader took a 300 MB line into memory); the bytes skipped."""
    skipped = 0
    while not read.endswith(b"\n") and (read := handle.readline(SCAN_CHUNK)):
        skipped += len(read)
    return skipped


def _count_newlines(handle, start: int, end: int) -> int:
    handle.seek(start)
    count, left = 0, end - start
    while left > 0:
        chunk = handle.read(min(SCAN_CHUNK, left))
        if not chunk:
            break
        count += chunk.count(b"\n")
        left -= len(chunk)
    return count


# --- reading ------------------------------------------------------------------------------------------------

def read_partition(partition: Partition, overrides: dict | None = None,
                   limits=None) -> Iterator[Document | Record | InputError]:
    """The documents (or, for record partitions, the records) of a partition, with read errors in line."""
    from analyzer.io.readers import ReadLimits
    limits = limits or ReadLimits()
    for piece in partition.pieces:
        if piece.error:
            yield InputError(piece.path, piece.error)
            continue
        items = _read_record_piece(piece, limits) if partition.records else _read_document_piece(piece, limits)
        for item in items:
            if isinstance(item, Document):
                for key, value in (overrides or {}).items():
                    if value is not None:
                        setattr(item, key, value)
            yield item


def _read_document_piece(piece: Piece, limits) -> Iterator[Document | InputError]:
    from analyzer.io.readers import Source, read_documents, read_source
    if piece.root is None:
        yield from read_documents([piece.path], limits=limits)
    elif piece.end is None:
        yield from read_source(Source(Path(piece.path), Path(piece.root)), limits)
    else:
        yield from _range_objects(piece, False, limits)


def _read_record_piece(piece: Piece, limits) -> Iterator[Record | InputError]:
    from analyzer.store.ingest import read_records
    if piece.path.lower().endswith(PARQUET_SUFFIX):
        from analyzer.io.parquet import read_parquet_records
        yield from read_parquet_records(piece.path)
    elif piece.end is None:
        yield from read_records([piece.path], limits)
    else:
        yield from _range_objects(piece, True, limits)


def _range_objects(piece: Piece, records: bool, limits) -> Iterator[Document | Record | InputError]:
    """Each line of a JSON Lines byte range parsed as ``analyzer ingest`` parses it (``FILE:LINE`` in errors)."""
    from analyzer.io.readers import Source
    source = Source(Path(piece.path), Path(piece.root or Path(piece.path).parent))
    try:
        handle = open(piece.path, "rb")
    except OSError as error:
        yield InputError(piece.path, f"cannot read: {error.strerror or error}")
        return
    with handle:
        handle.seek(piece.start)
        number, position = piece.first_line - 1, piece.start
        while position < piece.end and (raw := handle.readline(limits.max_document_bytes + 1)):
            number += 1
            where = f"{piece.path}:{number}"
            size = len(raw) + (_skip_line(handle, raw) if len(raw) > limits.max_document_bytes else 0)
            position += size
            if size > limits.max_document_bytes:
                yield InputError(where, limits.too_big(size))
            elif raw.strip():
                yield parse_line(raw, where, f"{source.id_base}:{number}", source.origin, records)


def parse_line(raw: bytes, where: str, doc_id: str, origin: str, records: bool) -> Document | Record | InputError:
    """One JSON Lines line as ``analyzer ingest`` reads it: a document, or a given record (``--records``)."""
    from analyzer.io.parquet import record_from_json
    from analyzer.io.readers import decode_bytes, located, parse_json_object
    from analyzer.io.safejson import load_json
    try:
        text = decode_bytes(raw, where)
        if records:
            record = record_from_json(text, where, doc_id)
            if isinstance(record, Record):
                located(record.document, where, origin)
            return record
        return located(parse_json_object(load_json(text, where), where, doc_id), where, origin)
    except InputError as error:
        return error
