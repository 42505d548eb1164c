"""Ingest: read documents, analyze the new and changed ones (optionally in worker processes), store them.

The parent process reads, checks, decides and writes; workers only analyze (each builds its own ``Pipeline``).
A document whose content hash and extractor version are already stored is skipped before analysis.
Batches are written in one transaction each, so an interrupted ingest keeps every committed batch and
leaves no half-written document.

Nothing is lost silently: every record is validated before it reaches a transaction (``validate``); a bad
one is reported as one line and skipped, and every other record is stored. A batch the database still
refuses is written again record by record, so only the offending record fails. A repeated id within the
input, or an id already stored from another file, is an error for that record unless ``on_duplicate``
says ``skip`` (keep what came first) or ``replace`` (the later one wins). Analysis of one document is
bounded by ``Settings.time_limit`` (seconds, per worker process too).

One file, one document: a document whose text is that of a document stored (or read earlier in the run) under
another id is left out with one line, ``WHERE: skipped: same text as 'ID' (FILE)``, and counted as ``same text
skipped``, unless ``keep_same_text``. The text is looked up by its hash (``documents.text_hash``, indexed),
before analysis and again inside the transaction that writes it (``SQLStore.write(…, skip_same_text=True)``), so
two ingests running at once never both store one text.
"""
from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import sqlalchemy as sa

from analyzer.errors import InputError, StoreError
from analyzer.io.gold import format_problem, record_problem
from analyzer.io.readers import (ReadLimits, Source, expand_paths, json_objects, located, parse_json_object,
                                 read_documents)
from analyzer.pipeline import EXTRACTOR_VERSION, Pipeline
from analyzer.records import Document, Record
from analyzer.settings import Settings
from analyzer.store.base import IngestSummary, Store, StoredRecord, from_other_input, text_hash
from analyzer.store.sql import failure_reason
from analyzer.store.validate import validate_document, validate_record
from analyzer.store.workers import DIED, AnalysisPool

RECORDS_VERSION = "records"  # the extractor version of records stored as given (gold files, extract output)
RECORD_SUFFIXES = (".json", ".jsonl", ".ndjson")
DUPLICATE_POLICIES = ("error", "skip", "replace")
LOOKAHEAD = 200  # inputs checked at a time: their texts are looked up in the store in one statement


@dataclass(frozen=True)
class Item:
    """A document (or given record) that passed its checks and is to be analyzed and stored."""
    doc_id: str
    digest: str
    value: Document | Record
    where: str
    origin: str | None
    text_digest: str = ""  # text_hash of the document's text


def same_text_line(where: str, doc_id: str, source: str | None) -> str:
    """The line that reports an input left out because ``doc_id`` (read from ``source``) holds its text."""
    return f"{where}: skipped: same text as {doc_id!r}" + (f" ({source})" if source else "")


def other_input_line(where: str, doc_id: str, origin: str) -> str:
    """The error of an input whose id another ingest stored from another input (``origin``) after this run looked
    (``Store.write(…, keep_other_inputs=True)``): the plain and the Dask engine both say it."""
    return (f"{where}: id {doc_id!r} is already stored from another input, {origin} (stored by another ingest "
            "meanwhile; ids must be unique: give each record its own id, or choose --on-duplicate skip|replace)")


def content_hash(item) -> str:
    """SHA-256 of what determines a record: the document (metadata and text), or a whole given record."""
    data = item.to_dict() if isinstance(item, Record) else {"doc": item.doc_dict(), "text": item.text}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def read_records(paths: list[str], limits=None) -> Iterator[Record | InputError]:
    """Records as given in record-format ``.json``/``.jsonl`` files, their figures and mentions kept."""
    limits = limits or ReadLimits()
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
            continue
        if not isinstance(item, Source) or item.path.suffix.lower() not in RECORD_SUFFIXES:
            if isinstance(item, Source) and str(item.path) not in paths:
                continue  # found in a directory: only record files count there
            yield InputError(str(item), "not a record file: --records reads .json and .jsonl record files")
            continue
        for entry in json_objects(item, limits):
            if isinstance(entry, InputError):
                yield entry
                continue
            where, id_base, obj = entry
            if problem := format_problem(obj):
                yield InputError(where, f"not a valid record: {problem}")
                continue
            try:
                document = located(parse_json_object(obj, where, id_base), where, item.origin)
                record = Record.from_dict(obj)
            except InputError as error:
                yield error
                continue
            except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError) as error:
                yield InputError(where, "not a valid record: "
                                 + (record_problem(obj) or f"{type(error).__name__}: {error}"))
                continue
            record.document = document
            yield record


# --- worker processes ---------------------------------------------------------------------------------------

_pipeline = None
_time_limit = 0.0


class DocumentTimeout(BaseException):
    """Raised inside the analysis of a document that ran past its time limit (a BaseException, so that no
    ``except Exception`` in the extractor swallows it)."""


@contextlib.contextmanager
def time_budget(seconds: float):
    """Interrupt the block after ``seconds`` with ``DocumentTimeout`` (SIGALRM: the main thread of a process,
    which each worker is; elsewhere, or with 0 seconds, no limit). A long call inside C code is
    interrupted only when it returns to Python."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(_signum, _frame):
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def signals_deferred():
    """Hold SIGINT and SIGTERM until the block ends, so that an interrupt lands before or after the block, never
    inside it; yields the list of signals held so far. Python runs signal handlers in the main thread whichever
    thread the signal reached (a thread's signal mask missed one delivered to tqdm's monitor thread), so the
    handlers are swapped for ones that note the signal, and the noted signals are raised again once the old
    handlers are back. Off the main thread nothing is held."""
    held: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    numbers = [number for number in (signal.SIGINT, signal.SIGTERM) if signal.getsignal(number) is not None]
    previous = {number: signal.signal(number, lambda signum, _frame: held.append(signum)) for number in numbers}
    try:
        yield held
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(held):
            signal.raise_signal(number)


WARM_UP = Document(id="warm-up", text="截至2025年一季度末，普惠小微贷款余额达35.3万亿元，同比增长12.5%。")


def _init_worker(settings: Settings) -> None:
    """Build the pipeline and run it once, so lazy start-up (the segmenter's dictionary) is not charged to
    the first document's time budget."""
    global _pipeline, _time_limit
    _pipeline = Pipeline(settings)
    with contextlib.suppress(Exception):  # a pipeline that cannot analyze it fails on the real documents
        _pipeline.analyze(WARM_UP)
    _time_limit = settings.time_limit


def _analyze(item: Item) -> Record | str:
    """A record, or a one-line error: a document that breaks the extractor or runs out of time fails alone."""
    try:
        with time_budget(_time_limit):
            return _pipeline.analyze(item.value)
    except DocumentTimeout:
        return (f"{item.where}: analysis took longer than {_time_limit:g} s (the per-document limit, "
                "--time-limit): skipped")
    except Exception as error:  # noqa: BLE001 - reported per document, the batch goes on
        return f"{item.where}: analysis failed ({type(error).__name__}: {error})"


# --- the ingest loop --------------------------------------------------------------------------------------

class Ingest:
    """One run: decides what to analyze, checks it, writes batches and counts what happened."""

    def __init__(self, store: Store, version: str, on_duplicate: str,
                 progress: Callable[[int], None] | None, on_error: Callable[[str], None] | None,
                 on_notice: Callable[[str], None] | None = None, keep_same_text: bool = False):
        if on_duplicate not in DUPLICATE_POLICIES:
            raise ValueError(f"on_duplicate must be one of {', '.join(DUPLICATE_POLICIES)}")
        self.store, self.version, self.on_duplicate = store, version, on_duplicate
        self.summary = IngestSummary()
        self.known = store.known_documents()
        self.origins = store.document_origins() if hasattr(store, "document_origins") else {}
        self.seen: dict[str, str] = {}  # doc id → where it was first read in this run
        self.tick = progress or (lambda n: None)
        self.on_error = on_error
        self.on_notice = on_notice
        self.keep_same_text = keep_same_text
        self.texts: dict[str, tuple[str, str]] = {}  # text hash → (doc id, where) of its first input in this run
        self.stored_texts: dict[str, list[tuple[str, str | None]]] = {}  # the stored holders of the chunk's texts
        self.last_error = ""  # why the database refused the last write
        self.wheres: dict[str, str] = {}  # doc id → where it was read, for the batch being written

    def fail(self, message: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append(message)
        if self.on_error:
            self.on_error(message)
        self.tick(1)

    def todo(self, source: Iterable[Document | Record | InputError]) -> Iterator[Item]:
        """The items to analyze and store: read errors, invalid records, duplicates, unchanged documents and
        texts stored under another id are dealt with here. Inputs are checked ``LOOKAHEAD`` at a time, so that
        the store is asked for their texts in one indexed statement."""
        checked = filter(None, map(self._checked, source))
        for chunk in iter(lambda: list(itertools.islice(checked, LOOKAHEAD)), []):
            self.stored_texts = {} if self.keep_same_text or not hasattr(self.store, "same_texts") else \
                self.store.same_texts(item.text_digest for item in chunk if item.text_digest not in self.texts)
            yield from filter(self._admit, chunk)

    def _checked(self, value: Document | Record | InputError) -> Item | None:
        """The input as an ``Item``, or None when it failed (read error, invalid record: reported here)."""
        if isinstance(value, InputError):
            self.fail(str(value))
            return None
        document = value.document if isinstance(value, Record) else value
        try:
            if isinstance(value, Record):
                validate_record(value, given=True)  # read from a record file: --records
            else:
                validate_document(document)
        except InputError as error:
            self.fail(str(error))
            return None
        return Item(document.id, content_hash(value), value, document.location or document.id, document.origin,
                    text_hash(document.text))

    def _admit(self, item: Item) -> bool:
        """Whether ``item`` goes on to analysis: not a duplicate under the policy, not unchanged."""
        problem = self._duplicate(item)
        if problem and self.on_duplicate != "replace":
            if self.on_duplicate == "skip":
                self.summary.skipped += 1
                self.tick(1)
            else:
                self.fail(f"{item.where}: {problem} (ids must be unique: give each record its own id, or choose "
                          "--on-duplicate skip|replace)")
            return False
        self.seen.setdefault(item.doc_id, item.where)
        if self.known.get(item.doc_id) == (item.digest, self.version):
            self.summary.unchanged += 1
            self.tick(1)
            return False
        if self._same_text(item):
            return False
        self.known[item.doc_id] = (item.digest, self.version)
        return True

    def _same_text(self, item: Item) -> bool:
        """Whether ``item``'s text is held under another id, by an earlier input of this run or by the store
        (reported and counted here); unless ``keep_same_text``, the first input of a text is remembered."""
        if self.keep_same_text:
            return False
        first = self.texts.get(item.text_digest)
        if first is None:
            stored = self.stored_texts.get(item.text_digest, [])
            first = next(((doc_id, origin) for doc_id, origin in stored if doc_id != item.doc_id), None)
        if first is None or first[0] == item.doc_id:
            self.texts.setdefault(item.text_digest, (item.doc_id, item.where))
            return False
        self._notice_same_text(same_text_line(item.where, *first))
        return True

    def _notice_same_text(self, line: str) -> None:
        self.summary.same_text += 1
        self.summary.notices.append(line)
        if self.on_notice:
            self.on_notice(line)
        self.tick(1)

    def _duplicate(self, item: Item) -> str | None:
        if item.doc_id in self.seen:
            return f"id {item.doc_id!r} repeats the record at {self.seen[item.doc_id]}"
        stored_from = self.origins.get(item.doc_id)
        stored_digest, stored_version = self.known.get(item.doc_id, (None, None))
        if from_other_input(item.origin, item.digest, self.version, (stored_from, stored_digest, stored_version)):
            return f"id {item.doc_id!r} is already stored from another input, {stored_from}"
        return None

    def store_batch(self, items: list[Item], results: Iterable[Record | str]) -> None:
        """Check the analyzed records and write the good ones; a batch the database refuses is written
        again one record at a time, so only the record at fault fails."""
        batch = []
        for item, result in zip(items, results):
            if isinstance(result, str):
                self.fail(result)
                continue
            try:
                validate_record(result)
            except InputError as error:
                self.fail(str(error))
                continue
            batch.append((item, StoredRecord(result, item.digest, self.version, item.origin)))
        self.wheres = {item.doc_id: item.where for item, _ in batch}
        if batch and not self._write([stored for _, stored in batch]):
            for item, stored in batch:
                if not self._write([stored]):
                    self.fail(f"{item.where}: the database refused the record ({self.last_error})")

    def _other_inputs(self, found: list[tuple[str, str]]) -> None:
        """Documents another ingest stored meanwhile under the same ids from another input: each fails (or is
        skipped under ``--on-duplicate skip``) as it would had it been stored before this run began."""
        for doc_id, origin in found:
            if self.on_duplicate == "skip":
                self.summary.skipped += 1
                self.tick(1)
            else:
                self.fail(other_input_line(self.wheres.get(doc_id, doc_id), doc_id, origin))

    def _write(self, batch: list[StoredRecord]) -> bool:
        with signals_deferred():  # a batch's commit and its count in the summary are one step for an interrupt
            return self._write_counted(batch)

    def _write_counted(self, batch: list[StoredRecord]) -> bool:
        try:
            written = self.store.write(batch, skip_same_text=not self.keep_same_text,
                                       keep_other_inputs=self.on_duplicate != "replace")
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as error:
            if "locked" not in str(error).lower():  # the connection is gone: stop with one line
                raise StoreError(f"cannot write to the database: {failure_reason(error)}") from None
            self.last_error = failure_reason(error)
            return False
        except (sa.exc.SQLAlchemyError, ValueError, TypeError, OverflowError, ArithmeticError) as error:
            self.last_error = failure_reason(error)
            return False
        self.summary.added += written.added
        self.summary.updated += written.updated
        self.summary.unchanged += written.unchanged
        self.summary.figures += written.figures
        self.summary.mentions += written.mentions
        for doc_id, holder, origin in written.same_text:  # stored under another id since todo() looked
            self._notice_same_text(same_text_line(self.wheres.get(doc_id, doc_id), holder, origin))
        self._other_inputs(written.other_input)
        self.tick(len(batch) - len(written.same_text) - len(written.other_input))
        return True


def ingest(store: Store, paths: list[str], *, workers: int = 1, batch_size: int = 200, records: bool = False,
           settings: Settings | None = None, progress: Callable[[int], None] | None = None,
           on_error: Callable[[str], None] | None = None, on_duplicate: str = "error",
           on_notice: Callable[[str], None] | None = None, keep_same_text: bool = False) -> IngestSummary:
    """Ingest ``paths`` into ``store``; ``records`` stores record files as given instead of analyzing them.
    ``progress(n)`` is called as documents are done, ``on_error(line)`` for each failed input, ``on_notice(line)``
    for each input left out because another id holds its text (``keep_same_text`` stores those too);
    ``on_duplicate`` (error, skip, replace) says what a repeated or already-stored-elsewhere id does."""
    settings = settings or Settings()
    limits = ReadLimits(max_document_bytes=settings.max_document_bytes)
    run = Ingest(store, RECORDS_VERSION if records else EXTRACTOR_VERSION, on_duplicate, progress, on_error,
                 on_notice, keep_same_text)
    try:
        _run_batches(run, paths, workers, batch_size, records, settings, limits)
    except KeyboardInterrupt as interrupt:  # Ctrl-C (or SIGTERM, where the CLI turns it into one): what was stored
        interrupt.summary = run.summary  # before it is said by the caller
        raise
    return run.summary


def _run_batches(run: Ingest, paths: list[str], workers: int, batch_size: int, records: bool, settings: Settings,
                 limits: ReadLimits) -> None:
    """Read, analyze and store ``paths`` batch by batch (``ingest``'s work)."""
    items = run.todo(read_records(paths, limits) if records else read_documents(paths, limits=limits))
    chunks = iter(lambda: list(itertools.islice(items, batch_size)), [])
    if records:
        for chunk in chunks:
            run.store_batch(chunk, [item.value for item in chunk])
    elif workers <= 1:
        _init_worker(settings)
        for chunk in chunks:
            run.store_batch(chunk, [_analyze(item) for item in chunk])
    else:  # a worker that dies on a document costs that document alone (analyzer.store.workers)
        with AnalysisPool(workers, _analyze, _init_worker, (settings,), died=_died) as pool:
            pending = None  # analyze the next batch while the parent writes this one
            for chunk in chunks:
                job = (chunk, pool.submit(chunk))
                if pending:
                    run.store_batch(pending[0], pool.results(*pending))
                pending = job
            if pending:
                run.store_batch(pending[0], pool.results(*pending))


def _died(item: Item) -> str:
    return f"{item.where}: {DIED}"
