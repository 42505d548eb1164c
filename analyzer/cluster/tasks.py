"""What a worker does with one partition: analyze it and write it to the store (or to a Parquet file).

A task may run twice (its worker died, the scheduler lost track of it) or at the same time as another task
that writes the same documents, so every write is idempotent: before a batch is analyzed, the documents
already stored with the same content hash and extractor version are skipped; each batch is one transaction;
a batch that meets a concurrent writer (a doc_id just inserted by another task, a deadlock, a locked SQLite
file) is checked again and retried in a fresh transaction. Ids come from the database (PostgreSQL sequences,
SQLite's write lock), never from the task, so concurrent writers cannot hand out the same id twice.
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

import sqlalchemy as sa

from analyzer.cluster.duplicates import Decision, Scan
from analyzer.cluster.partitions import Partition, read_partition
from analyzer.errors import InputError, StoreError, mask_secrets
from analyzer.records import Document, Record
from analyzer.settings import Settings
from analyzer.store.base import IngestSummary, StoredRecord
from analyzer.store.ingest import DocumentTimeout

WRITE_ATTEMPTS = 8
KNOWN_CHUNK = 1000  # doc ids per lookup statement
ADVISORY_LOCK_CLASS = 7171  # the first key of the analyzer's PostgreSQL advisory locks (the second: hash of a doc id)
LOCK_DOCUMENTS = sa.text(
    "SELECT count(pg_advisory_lock(:lock_class, key)) FROM (SELECT DISTINCT hashtext(doc_id) AS key "
    "FROM unnest(CAST(:ids AS text[])) AS doc_id ORDER BY key) AS keys"
).bindparams(lock_class=ADVISORY_LOCK_CLASS)
PROGRESS_EVERY = 100  # documents per progress event of an extract task


@dataclass(frozen=True)
class IngestJob:
    """What every ingest task of a run needs (one settings object travels to the workers)."""
    db_url: str  # its password never shows in a repr: distributed before 2024.11 logged a failed task's arguments
    settings: Settings = field(default_factory=Settings)
    batch_size: int = 200
    records: bool = False
    topic: str = ""  # the Dask event topic that progress goes to
    keep_same_text: bool = False  # else a text another run stored meanwhile under another id is left out at write
    # error or skip: an id another ingest stored from another input after the client decided is not overwritten
    # (the write looks again: ``SQLStore.write(…, keep_other_inputs=True)``); replace: it is, as before
    on_duplicate: str = "error"

    def __repr__(self) -> str:
        return (f"IngestJob(db_url={mask_secrets(self.db_url)!r}, settings={self.settings!r}, "
                f"batch_size={self.batch_size!r}, records={self.records!r}, topic={self.topic!r}, "
                f"keep_same_text={self.keep_same_text!r}, on_duplicate={self.on_duplicate!r})")


@dataclass(frozen=True)
class ExtractJob:
    """What every extract task needs: where the Parquet files go, and document overrides."""
    out_dir: str
    settings: Settings = field(default_factory=Settings)
    overrides: tuple[tuple[str, str], ...] = ()
    topic: str = ""


@dataclass
class ExtractSummary:
    records: int = 0
    failed: int = 0
    files: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.records + self.failed

    def line(self) -> str:
        return f"{self.records} records in {self.files} Parquet files, {self.failed} failed"


@dataclass
class PartitionSummary(IngestSummary):
    """``ingest``'s summary, plus how many batches met a concurrent writer and were written again."""
    write_retries: int = 0


def add_summary(total, part):
    """Add ``part``'s counts and errors to ``total`` (an ``IngestSummary`` or ``ExtractSummary``)."""
    for item in fields(total):
        value = getattr(part, item.name)
        setattr(total, item.name, getattr(total, item.name) + value)
    return total


# --- per-process caches: a worker builds its pipeline and opens its store once ---------------------------------

_lock = threading.Lock()
_pipelines: dict = {}
_stores: dict = {}


def pipeline_for(settings: Settings):
    """The worker's pipeline for ``settings``, built and run once on a warm-up text (as ``ingest``'s workers
    do), so lazy start-up (the segmenter's dictionary) is not charged to the first document's time limit."""
    from analyzer.pipeline import Pipeline
    from analyzer.store.ingest import WARM_UP
    with _lock:
        if settings not in _pipelines:
            pipeline = Pipeline(settings)
            with contextlib.suppress(Exception):  # a pipeline that cannot analyze it fails on the real documents
                pipeline.analyze(WARM_UP)
            _pipelines[settings] = pipeline
        return _pipelines[settings]


def store_for(url: str):
    """The worker's store: opened without migrating (the client created or upgraded the schema once). A SQLite
    file is opened again when the file at its path is another one (deleted and made again between runs): the
    pooled connections of the old one would read and write the deleted file."""
    from analyzer.store.sql import SQLStore
    identity = _file_identity(url)
    with _lock:
        cached = _stores.get(url)
        if cached is None or cached[1] != identity:
            if cached is not None:
                with contextlib.suppress(Exception):
                    cached[0].close()
            _stores[url] = (SQLStore(url, upgrade=False), identity)
        return _stores[url][0]


def _file_identity(url: str) -> tuple[int, int] | None:
    """``(device, inode)`` of a SQLite store's file (``(-1, -1)`` while there is none); None for other URLs."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    try:
        status = Path(parsed.database).stat()
    except OSError:
        return (-1, -1)
    return (status.st_dev, status.st_ino)


def analyze(pipeline, document: Document, time_limit: float = 0.0) -> Record | str:
    """A record, or ``ingest``'s one-line error: a document that breaks the extractor or runs past
    ``time_limit`` seconds (``--time-limit``) fails alone."""
    where = document.location or document.id
    try:
        with time_budget(time_limit):
            return pipeline.analyze(document)
    except DocumentTimeout:
        return (f"{where}: analysis took longer than {time_limit:g} s (the per-document limit, "
                "--time-limit): skipped")
    except Exception as error:  # noqa: BLE001 - reported per document, the partition goes on
        return f"{where}: analysis failed ({type(error).__name__}: {error})"


class Watchdog:
    """One daemon thread per worker process that raises ``DocumentTimeout`` in a task thread that passed its
    deadline (``PyThreadState_SetAsyncExc``): arming and disarming cost a lock, not a thread a document."""

    def __init__(self):
        self._cond = threading.Condition()
        self._deadlines: dict[int, float] = {}  # task thread id → time.monotonic() deadline
        self._fired: set[int] = set()
        self._wake = float("inf")  # when the watching thread looks next
        self._thread: threading.Thread | None = None

    def arm(self, target: int, seconds: float) -> None:
        with self._cond:
            deadline = self._deadlines[target] = time.monotonic() + seconds
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._watch, name="analyzer-time-limit", daemon=True)
                self._thread.start()
            if deadline < self._wake:
                self._cond.notify()

    def disarm(self, target: int) -> None:
        with self._cond:
            self._deadlines.pop(target, None)
            if target in self._fired:  # raised already, or set but not yet raised: withdraw it
                self._fired.discard(target)
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)

    def _watch(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for target, deadline in list(self._deadlines.items()):
                    if deadline <= now:
                        del self._deadlines[target]
                        self._fired.add(target)
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target),
                                                                   ctypes.py_object(DocumentTimeout))
                self._wake = min(self._deadlines.values(), default=float("inf"))
                self._cond.wait(None if self._wake == float("inf") else max(0.0, self._wake - now))


_watchdog = Watchdog()


@contextlib.contextmanager
def time_budget(seconds: float):
    """``ingest``'s per-document limit where a Dask task runs: raise ``DocumentTimeout`` in the block after
    ``seconds`` (0: no limit). In a process's main thread (a partition run here) this is ``ingest``'s own
    ``time_budget`` (SIGALRM); a Dask worker runs tasks in another thread, where a signal cannot reach, so
    the process's ``Watchdog`` raises the exception in the task's thread instead. Like the signal, it
    interrupts a long call inside C code only when that returns to Python."""
    from analyzer.store.ingest import time_budget as signal_budget
    if not seconds or threading.current_thread() is threading.main_thread():
        with signal_budget(seconds):
            yield
        return
    target = threading.get_ident()
    _watchdog.arm(target, seconds)
    try:
        yield
    finally:
        _watchdog.disarm(target)


def known_documents(store, doc_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """``doc_id → (content_hash, extractor_version)`` of those of ``doc_ids`` already stored."""
    from analyzer.store import schema
    d = schema.documents.c
    ids, known = sorted(set(doc_ids)), {}
    with store.engine.connect() as connection:
        for first in range(0, len(ids), KNOWN_CHUNK):
            rows = connection.execute(sa.select(d.doc_id, d.content_hash, d.extractor_version)
                                      .where(d.doc_id.in_(ids[first:first + KNOWN_CHUNK])))
            known.update((doc_id, (digest, version)) for doc_id, digest, version in rows)
    return known


# --- ingest a partition -----------------------------------------------------------------------------------

class PartitionIngest:
    """One partition's run: decides what to analyze batch by batch, writes, and counts what happened."""

    def __init__(self, store, job: IngestJob, progress: Callable[[int], None] | None = None,
                 decisions: dict[int, Decision] | None = None, stop: Callable[[], bool] | None = None):
        from analyzer.pipeline import EXTRACTOR_VERSION
        from analyzer.store.ingest import RECORDS_VERSION
        self.store, self.job = store, job
        self.decisions = decisions or {}  # position in the partition → what --on-duplicate decided (duplicates.py)
        self.version = RECORDS_VERSION if job.records else EXTRACTOR_VERSION
        self.pipeline = None if job.records else pipeline_for(job.settings)
        self.summary = PartitionSummary()
        self.decided: dict[str, tuple[str, str]] = {}  # what this partition already wrote or skipped
        self.tick = progress or (lambda n: None)
        self.stop = stop or (lambda: False)  # the run was interrupted: end before the next batch

    def run(self, source: Iterable[Document | Record | InputError]) -> PartitionSummary:
        for chunk in _chunks(enumerate(source), self.job.batch_size):
            if self.stop():
                break
            self.ingest_chunk(chunk)
        return self.summary

    def fail(self, message: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append(message)

    def ingest_chunk(self, chunk: list[tuple[int, Document | Record | InputError]]) -> None:
        """``chunk``: ``(position in the partition, input)`` pairs."""
        from analyzer.store.ingest import content_hash
        items = []
        for position, value in chunk:
            if not isinstance(value, InputError):
                value = _checked(value, given=self.job.records)
            if isinstance(value, InputError):
                self.fail(str(value))
            elif not self.decided_duplicate(position, value.document if isinstance(value, Record) else value):
                doc_id = value.document.id if isinstance(value, Record) else value.id
                items.append((doc_id, content_hash(value), value))
        known = {**known_documents(self.store, [doc_id for doc_id, _, _ in items]), **self.decided}
        todo = []
        for doc_id, digest, value in items:
            if known.get(doc_id) == (digest, self.version):
                self.summary.unchanged += 1
                continue
            known[doc_id] = self.decided[doc_id] = (digest, self.version)
            todo.append((doc_id, digest, value))
        batch = []
        for doc_id, digest, value in todo:
            result = value if self.job.records else analyze(self.pipeline, value, self.job.settings.time_limit)
            if not isinstance(result, str):
                checked = _checked(result)
                result = str(checked) if isinstance(checked, InputError) else result
            if isinstance(result, str):
                self.fail(result)
            else:
                batch.append(StoredRecord(result, digest, self.version, getattr(result.document, "origin", None)))
        self.write(batch)
        self.tick(len(chunk))

    def decided_duplicate(self, position: int, document: Document) -> bool:
        """Whether the client decided that the input at ``position`` (``document``) repeats an id or a text
        (reported or left out)."""
        from analyzer.store.ingest import same_text_line
        decision = self.decisions.get(position)
        if decision is None:
            return False
        kind, detail = decision
        if kind == "fail":
            self.fail(detail)
        elif kind == "same_text":  # another id holds its text (one file, one document): detail is (its id, file)
            self.summary.same_text += 1
            self.summary.notices.append(same_text_line(document.location or document.id, *detail))
        elif kind == "unchanged":  # replace: its content is stored already, or by the input that is written
            self.summary.unchanged += 1
        else:  # skip, or superseded by a later input under replace
            self.summary.skipped += 1
        return True

    def write(self, batch: list[StoredRecord]) -> None:
        """Write ``batch`` in one transaction; on a conflict with another writer, drop what that writer
        stored meanwhile (same hash and version) and try again in a fresh transaction."""
        batch = sorted({item.record.document.id: item for item in batch}.values(),
                       key=lambda item: item.record.document.id)  # one lock order for every writer
        with document_locks(self.store, [item.record.document.id for item in batch]):
            self._write_checked(batch)

    def _write_checked(self, batch: list[StoredRecord]) -> None:
        for attempt in range(WRITE_ATTEMPTS):
            batch = self._still_to_write(batch)  # another task may have stored some while this one analyzed
            if not batch:
                return
            try:
                written = self.store.write(batch, skip_same_text=not self.job.keep_same_text,
                                           keep_other_inputs=self.job.on_duplicate != "replace")
            except sa.exc.DBAPIError as error:
                if attempt == WRITE_ATTEMPTS - 1 or not is_conflict(error):
                    raise StoreError(f"cannot write to the database: {_reason(error)}") from None
                self.summary.write_retries += 1
                time.sleep(random.uniform(0.02, 0.1) * 2 ** attempt)
                continue
            for name in ("added", "updated", "unchanged", "figures", "mentions"):
                setattr(self.summary, name, getattr(self.summary, name) + getattr(written, name))
            self._count_same_text(batch, written.same_text)
            self._count_other_inputs(batch, written.other_input)
            return

    def _count_same_text(self, batch: list[StoredRecord], same_text: list[tuple[str, str, str | None]]) -> None:
        """Count and report the documents another run stored under another id while this one analyzed them."""
        from analyzer.store.ingest import same_text_line
        where = {item.record.document.id: item.record.document.location or item.record.document.id for item in batch}
        for doc_id, holder, origin in same_text:
            self.summary.same_text += 1
            self.summary.notices.append(same_text_line(where[doc_id], holder, origin))

    def _count_other_inputs(self, batch: list[StoredRecord], found: list[tuple[str, str]]) -> None:
        """The documents another ingest stored under the same ids from another input after the client decided
        (``duplicate_plan`` reads the store once, when the run begins): each fails, or is skipped under
        ``--on-duplicate skip``, as in ``ingest`` (``Ingest._other_inputs``), and is not overwritten."""
        from analyzer.store.ingest import other_input_line
        where = {item.record.document.id: item.record.document.location or item.record.document.id for item in batch}
        for doc_id, origin in found:
            self.decided.pop(doc_id, None)  # not written by this partition
            if self.job.on_duplicate == "skip":
                self.summary.skipped += 1
            else:
                self.fail(other_input_line(where[doc_id], doc_id, origin))

    def _still_to_write(self, batch: list[StoredRecord]) -> list[StoredRecord]:
        if not batch:
            return batch
        known = known_documents(self.store, [item.record.document.id for item in batch])
        rest = [item for item in batch
                if known.get(item.record.document.id) != (item.content_hash, item.extractor_version)]
        self.summary.unchanged += len(batch) - len(rest)
        return rest


@contextlib.contextmanager
def document_locks(store, doc_ids: list[str]):
    """On PostgreSQL, hold a session advisory lock on each of ``doc_ids`` (taken in one global order, so
    writers cannot deadlock on them) while the batch is checked and written: two tasks never write the same
    document at once, and the second one finds the first one's commit and skips it. The locks go when the
    block ends or the worker's connection dies. SQLite serializes writers itself."""
    if store.backend != "postgresql" or not doc_ids:
        yield
        return
    with store.engine.connect() as connection:
        connection.execute(LOCK_DOCUMENTS, {"ids": doc_ids})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(sa.text("SELECT pg_advisory_unlock_all()"))
            connection.commit()


def _checked(value: Document | Record, given: bool = False) -> Document | Record | InputError:
    """``value``, or the error that ``ingest``'s validation finds in it (checked before any transaction); ``given``:
    a record read from a record file (``--records``), held to the record format's spans as ``ingest`` holds it."""
    from analyzer.store.validate import validate_document, validate_record
    try:
        if isinstance(value, Record):
            validate_record(value, given=given)
        else:
            validate_document(value)
    except InputError as error:
        return error
    return value


def _limits(settings: Settings):
    from analyzer.io.readers import ReadLimits
    return ReadLimits(max_document_bytes=settings.max_document_bytes)


def _chunks(source: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in source:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def is_conflict(error: sa.exc.DBAPIError) -> bool:
    """A conflict with another writer that a fresh transaction resolves: a unique doc_id inserted meanwhile
    (23505), a serialization failure (40001) or deadlock (40P01), SQLite's busy or locked database."""
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    if code in ("23505", "40001", "40P01"):
        return True
    if isinstance(error, sa.exc.IntegrityError) and code is None:
        return "unique" in str(error.orig).lower()
    text = str(getattr(error, "orig", error)).lower()
    return any(word in text for word in ("database is locked", "busy", "could not serialize", "deadlock"))


def _reason(error: Exception) -> str:
    from analyzer.store.sql import _reason as reason
    return reason(error)


def ingest_partition(partition: Partition, job: IngestJob, decisions: dict[int, Decision] | None = None,
                     progress: Callable[[int], None] | None = None) -> PartitionSummary:
    """Analyze one partition and write it to the store: the task each worker runs. ``decisions`` are the
    client's ``--on-duplicate`` decisions for this partition (``duplicates.plan_duplicates``)."""
    run = PartitionIngest(store_for(job.db_url), job, progress or functools.partial(_progress_event, job.topic),
                          decisions, functools.partial(stop_requested, job.topic))
    return run.run(read_partition(partition, limits=_limits(job.settings)))


def scan_partition(partition: Partition, job: IngestJob) -> Scan:
    """The partition's inputs that would reach analysis (read, valid), each with its position, id, content and
    text digests, origin and where it was read (``duplicates.Scan``): what the client needs to decide
    ``--on-duplicate`` and same texts before any analysis."""
    from analyzer.store.base import text_hash
    from analyzer.store.ingest import content_hash
    scan, strings = Scan(), {}
    for position, value in enumerate(read_partition(partition, limits=_limits(job.settings))):
        if isinstance(value, InputError) or isinstance(_checked(value, given=job.records), InputError):
            continue
        document = value.document if isinstance(value, Record) else value
        scan.add(position, document.id, bytes.fromhex(content_hash(value)), bytes.fromhex(text_hash(document.text)),
                 document.origin, document.location or document.id, strings)
    return scan


# --- extract a partition to Parquet -------------------------------------------------------------------------

def extract_partition(partition: Partition, job: ExtractJob, progress: Callable[[int], None] | None = None
                      ) -> ExtractSummary:
    """Analyze one partition and write its records to ``OUT/part-NNNNN.parquet`` (replaced whole if run again)."""
    from analyzer.io.parquet import write_records_parquet
    from analyzer.pipeline import EXTRACTOR_VERSION
    pipeline, summary = pipeline_for(job.settings), ExtractSummary()
    tick = progress or functools.partial(_progress_event, job.topic)

    def records() -> Iterator[Record]:
        for count, value in enumerate(read_partition(partition, dict(job.overrides), _limits(job.settings)), 1):
            result = str(value) if isinstance(value, InputError) else analyze(pipeline, value)
            if isinstance(result, str):
                summary.failed += 1
                summary.errors.append(result)
            else:
                summary.records += 1
                yield result
            if count % PROGRESS_EVERY == 0:
                tick(PROGRESS_EVERY)

    write_records_parquet(records(), Path(job.out_dir) / f"{partition.name}.parquet", EXTRACTOR_VERSION)
    tick(summary.total % PROGRESS_EVERY)
    summary.files = 1
    return summary


def stop_event_name(topic: str) -> str:
    """The Dask event the client sets when its run is interrupted (Ctrl-C, SIGTERM)."""
    return f"{topic}-stop"


def stop_requested(topic: str) -> bool:
    """Whether the client interrupted the run of ``topic`` (asked of the scheduler before each batch): a task
    cannot be stopped from outside once it runs, and went on writing after the client had said `interrupted`."""
    if not topic:
        return False
    try:
        from distributed import Event
        return bool(Event(stop_event_name(topic)).is_set())
    except Exception:  # noqa: BLE001 - not on a worker, or the scheduler is gone: nothing to stop for
        return False


def _progress_event(topic: str, count: int) -> None:
    """Tell the client that ``count`` more inputs are done (a Dask event; nothing outside a worker)."""
    if not topic or not count:
        return
    try:
        from distributed import get_worker
        get_worker().log_event(topic, count)
    except (ImportError, ValueError):
        pass
