"""Ingest: read documents, analyze the new and changed ones (optionally in worker processes), store them.

The parent process reads, decides and writes; workers only analyze (each builds its own ``Pipeline``).
A document whose content hash and extractor version are already stored is skipped before analysis.
Batches are written in one transaction each, so an interrupted ingest keeps every committed batch and
leaves no half-written document.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from analyzer.errors import InputError
from analyzer.records import Record
from analyzer.settings import Settings
from analyzer.store.base import IngestSummary, Store, StoredRecord

RECORDS_VERSION = "records"  # the extractor version of records stored as given (gold files, extract output)
Item = tuple[str, str, object]  # (doc id, content hash, Document or Record)
RECORD_SUFFIXES = (".json", ".jsonl", ".ndjson")


def content_hash(item) -> str:
    """SHA-256 of what determines a record: the document (metadata and text), or a whole given record."""
    data = item.to_dict() if isinstance(item, Record) else {"doc": item.doc_dict(), "text": item.text}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def read_records(paths: list[str]) -> Iterator[Record | InputError]:
    """Records as given in record-format ``.json``/``.jsonl`` files, their figures and mentions kept."""
    from analyzer.io.readers import decode_bytes, expand_paths, parse_json_object
    for raw in expand_paths(paths):
        path = Path(raw)
        if path.suffix.lower() not in RECORD_SUFFIXES and raw not in paths:
            continue  # found in a directory: only record files count there
        try:
            if path.suffix.lower() not in RECORD_SUFFIXES:
                raise InputError(raw, "not a record file: --records reads .json and .jsonl record files")
            if not path.is_file():
                raise InputError(raw, "no such file")
            text = decode_bytes(path.read_bytes(), raw)
            if path.suffix.lower() == ".json":
                data = json.loads(text)
                objects = [(f"{raw}[{i}]", o) for i, o in enumerate(data)] if isinstance(data, list) else [(raw, data)]
            else:
                objects = [(f"{raw}:{n}", line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        except InputError as error:
            yield error
            continue
        except (OSError, json.JSONDecodeError) as error:
            yield InputError(raw, f"cannot read records ({error})")
            continue
        for where, obj in objects:
            try:
                obj = json.loads(obj) if isinstance(obj, str) else obj
                document = parse_json_object(obj, where)
                record = Record.from_dict(obj)
            except InputError as error:
                yield error
                continue
            except (json.JSONDecodeError, KeyError, TypeError, ValueError, ArithmeticError) as error:
                yield InputError(where, f"not a valid record ({type(error).__name__}: {error})")
                continue
            record.document = document
            yield record


# --- worker processes ---------------------------------------------------------------------------------------

_pipeline = None


def _init_worker(settings: Settings) -> None:
    global _pipeline
    from analyzer.pipeline import Pipeline
    _pipeline = Pipeline(settings)


def _analyze(item: Item) -> Record | str:
    """A record, or a one-line error: a document that breaks the extractor fails alone."""
    doc_id, _, document = item
    try:
        return _pipeline.analyze(document)
    except Exception as error:  # noqa: BLE001 - reported per document, the batch goes on
        return f"{doc_id}: analysis failed ({type(error).__name__}: {error})"


# --- the ingest loop --------------------------------------------------------------------------------------

def ingest(store: Store, paths: list[str], *, workers: int = 1, batch_size: int = 200, records: bool = False,
           settings: Settings | None = None, progress: Callable[[int], None] | None = None,
           on_error: Callable[[str], None] | None = None) -> IngestSummary:
    """Ingest ``paths`` into ``store``; ``records`` stores record files as given instead of analyzing them.
    ``progress(n)`` is called as documents are done, ``on_error(line)`` for each failed input."""
    from analyzer.io.readers import read_documents
    from analyzer.pipeline import EXTRACTOR_VERSION
    summary = IngestSummary()
    version = RECORDS_VERSION if records else EXTRACTOR_VERSION
    known = store.known_documents()
    tick = progress or (lambda n: None)

    def fail(message: str) -> None:
        summary.failed += 1
        summary.errors.append(message)
        if on_error:
            on_error(message)
        tick(1)

    def todo() -> Iterator[Item]:
        source = read_records(paths) if records else read_documents(paths)
        for item in source:
            if isinstance(item, InputError):
                fail(str(item))
                continue
            doc_id = item.document.id if records else item.id
            digest = content_hash(item)
            if known.get(doc_id) == (digest, version):
                summary.unchanged += 1
                tick(1)
                continue
            known[doc_id] = (digest, version)
            yield doc_id, digest, item

    def store_batch(items: list[Item], results: Iterable[Record | str]) -> None:
        batch = []
        for (_, digest, _), result in zip(items, results):
            if isinstance(result, str):
                fail(result)
            else:
                batch.append(StoredRecord(result, digest, version))
        written = store.write(batch)
        summary.added += written.added
        summary.updated += written.updated
        summary.figures += written.figures
        summary.mentions += written.mentions
        tick(len(batch))

    items = todo()
    chunks = iter(lambda: list(itertools.islice(items, batch_size)), [])
    if records:
        for chunk in chunks:
            store_batch(chunk, [record for _, _, record in chunk])
    elif workers <= 1:
        _init_worker(settings or Settings())
        for chunk in chunks:
            store_batch(chunk, [_analyze(item) for item in chunk])
    else:
        with multiprocessing.get_context("spawn").Pool(workers, _init_worker, (settings or Settings(),)) as pool:
            pending = None  # analyze the next batch while the parent writes this one
            for chunk in chunks:
                job = (chunk, pool.map_async(_analyze, chunk, chunksize=max(1, len(chunk) // (workers * 4))))
                if pending:
                    store_batch(pending[0], pending[1].get())
                pending = job
            if pending:
                store_batch(pending[0], pending[1].get())
    return summary
