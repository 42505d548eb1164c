"""The client side of the Dask engine: reach (or start) a cluster, submit one task a partition, show progress,
add up the partitions' summaries, and end with one clear line when the cluster goes away.

    ingest_on_cluster(store, paths, scheduler="tcp://host:8786")   # or workers=N for a local cluster
    extract_on_cluster(paths, "out/", workers=2)                    # partitioned Parquet

A run that stops (scheduler gone, Ctrl-C) keeps every committed batch; running it again skips what is stored.
"""
from __future__ import annotations

import contextlib
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from analyzer.cluster.duplicates import DuplicatePlan, Scan, plan_duplicates, stored_state
from analyzer.cluster.partitions import (
    DEFAULT_PARTITION_BYTES,
    Partition,
    plan_partitions,
    read_partition,
)
from analyzer.cluster.tasks import (
    ExtractJob,
    ExtractSummary,
    IngestJob,
    PartitionIngest,
    PartitionSummary,
    _limits,
    add_summary,
    extract_partition,
    ingest_partition,
    scan_partition,
    stop_event_name,
)
from analyzer.errors import AnalyzerError
from analyzer.settings import Settings
from analyzer.store.base import IngestSummary
from analyzer.store.workers import ctrl_c_ignored

CONNECT_TIMEOUT_S = 30
WORKER_WAIT_S = 60
TASK_RETRIES = 2  # a task that raised (a dropped database connection) runs again; a killed worker's always does
POLL_S = 0.1  # how often a run looks for finished tasks
WORKER_POLL_S = 1.0  # and, between them, how often it asks the scheduler for its workers
STOP_WAIT_S = 60  # how long an interrupted run waits for its running tasks to end their batch and report
TASK_MODULE = "analyzer.cluster.tasks"  # what the scheduler and the workers must import to read a task
RERUN_HINT = "what was written is kept: run the same command again to finish (stored documents are skipped)"


class ClusterError(AnalyzerError):
    """The cluster cannot be reached, went away, or a task failed beyond its retries."""


@contextlib.contextmanager
def open_client(scheduler: str | None = None, workers: int = 2) -> Iterator:
    """A Dask client: connected to ``scheduler``, or to a local cluster of ``workers`` single-threaded processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError('the Dask engine needs dask.distributed: pip install -e ".[dask]"') from None
    if logging.getLogger().getEffectiveLevel() > logging.INFO:  # no -v: Dask's own log lines stay quiet
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        else:
            # SIGINT ignored while the local cluster's workers start (a disposition a new process keeps):
            # a terminal's Ctrl-C reaches the whole process group, and each worker printed a traceback and
            # died, so the run could neither stop its tasks nor count them; the client alone takes it
            with ctrl_c_ignored():
                cluster = LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                                       dashboard_address=":0", silence_logs=logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {_first_line(error)} "
                           "(start one with `dask scheduler`)") from None
    try:
        yield client
    finally:
        with contextlib.suppress(Exception):
            client.close()
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def run_on_cluster(client, task: Callable, partitions: list[Partition], job, total,
                   progress: Callable[[int], None] | None = None,
                   on_error: Callable[[str], None] | None = None, plan: DuplicatePlan | None = None,
                   on_notice: Callable[[str], None] | None = None):
    """Run ``task(partition, job)`` for every partition (``task(partition, job, decisions)`` with a ``plan``)
    and add each result to ``total``; ``on_error``/``on_notice`` get each failure's and notice's line."""
    if not partitions:
        return total
    _wait_for_workers(client)
    workers = set(client.nthreads())  # one of them gone at an interrupt: its task's batches were never counted
    token = uuid.uuid4().hex[:12]
    job = replace(job, topic=f"analyzer-progress-{token}")
    if progress:
        client.subscribe_topic(job.topic, lambda event: progress(event[1]))
    extra = (lambda partition: ()) if plan is None else (lambda partition: (plan.for_partition(partition.index),))
    futures = {client.submit(task, partition, job, *extra(partition), key=f"analyzer-{partition.name}-{token}",
                             retries=TASK_RETRIES): partition for partition in partitions}
    counted: set[str] = set()  # keys of the futures whose summaries are in total
    try:
        for future in completed(client, futures, lambda: f"after {len(counted)} of {len(partitions)} partitions"):
            part = _result(future, futures[future], len(counted), len(partitions))
            counted.add(future.key)
            _report(part, on_error, on_notice)
            add_summary(total, part)
    except KeyboardInterrupt as interrupt:  # Ctrl-C or SIGTERM: the running tasks stop, then their counts are added
        pending = [future for future in futures if future.key not in counted]
        if isinstance(job, IngestJob) and _stop_running(client, job.topic, pending, total, on_error, on_notice,
                                                        workers):
            interrupt.summary = total
        raise
    finally:
        with contextlib.suppress(Exception):
            client.cancel(list(futures))
        if progress:
            with contextlib.suppress(Exception):
                client.unsubscribe_topic(job.topic)
    return total


def _stop_running(client, topic: str, pending: list, total, on_error, on_notice, workers: set) -> bool:
    """Tell the run's tasks to stop before their next batch, cancel those not started, and add what the running
    ones wrote to ``total``; False when the counts may be short: some did not answer within ``STOP_WAIT_S``, or
    one of the run's ``workers`` is gone (what a task wrote before its worker died is in no summary)."""
    from distributed import Event, wait
    try:
        Event(stop_event_name(topic), client=client).set()
        started = _started_keys(client)
        running = [f for f in pending if f.done() or f.key in started]  # done: finished before it was counted
        client.cancel([f for f in pending if not f.done() and f.key not in started])
        finished = wait(running, timeout=STOP_WAIT_S).done  # a task still running then raises TimeoutError
        for future in finished:
            if future.status == "finished":
                part = future.result()
                _report(part, on_error, on_notice)
                add_summary(total, part)
        return all(f.status == "finished" for f in finished) and workers <= set(client.nthreads())
    except (Exception, KeyboardInterrupt):  # noqa: BLE001 - a late task, a second Ctrl-C, or the scheduler gone
        return False


def _started_keys(client) -> set:
    """The keys of the tasks the workers hold now (running, or next in a worker's queue)."""
    return {key for keys in client.processing().values() for key in keys}


def scan_on_cluster(client, partitions: list[Partition], job: IngestJob) -> list[Scan]:
    """Every partition's ``scan_partition`` (ids and content hashes, no analysis), in partition order."""
    if not partitions:
        return []
    _wait_for_workers(client)
    token = uuid.uuid4().hex[:12]
    futures = {client.submit(scan_partition, partition, job, key=f"analyzer-scan-{partition.name}-{token}",
                             retries=TASK_RETRIES): partition for partition in partitions}
    scans: list[Scan] = [Scan() for _ in partitions]
    try:
        for done, future in enumerate(completed(client, futures, lambda: "while partitions were scanned for repeated ids")):
            partition = futures[future]
            scans[partition.index] = _result(future, partition, done, len(partitions), " scanned for repeated ids")
            future.release()
    finally:
        with contextlib.suppress(Exception):
            client.cancel(list(futures))
    return scans


def completed(client, futures, done: Callable[[], str]) -> Iterator:
    """``futures`` as they complete (``distributed.as_completed``), ending with a ``ClusterError`` once the
    scheduler has had no worker for ``WORKER_WAIT_S``: with every worker gone (killed, lost, or unable to
    read its task) the tasks waited for ever and the run never ended. ``done`` says how far the run got."""
    from distributed import as_completed
    queue, idle_since, looked = as_completed(futures), None, time.monotonic()
    while not queue.is_empty():
        if queue.has_ready():
            yield from queue.next_batch(block=False)
            continue
        if time.monotonic() - looked >= WORKER_POLL_S:
            looked = time.monotonic()
            idle_since = None if _worker_count(client, done) else (idle_since or looked)
        if idle_since is not None and time.monotonic() - idle_since > WORKER_WAIT_S:
            raise ClusterError(f"the Dask scheduler at {client.scheduler.address} has had no workers for "
                               f"{WORKER_WAIT_S} s {done()}; {RERUN_HINT}")
        time.sleep(POLL_S)


def _worker_count(client, done: Callable[[], str]) -> int:
    """The scheduler's workers now. Ctrl-C is held during the call: taken inside one of distributed's blocking
    calls, it made distributed 2026.8 log a traceback (`NameError: cannot access free variable 'future'`)."""
    from concurrent.futures import CancelledError

    from distributed.comm import CommClosedError

    from analyzer.store.ingest import signals_deferred
    try:
        with signals_deferred():
            return len(client.nthreads())
    except (CancelledError, CommClosedError, OSError, TimeoutError):
        raise ClusterError(f"lost the Dask scheduler {done()}; {RERUN_HINT}") from None


def _report(part, on_error: Callable[[str], None] | None, on_notice: Callable[[str], None] | None) -> None:
    """Say a partition's error lines and notices (inputs left out for their text) as they come back."""
    for lines, say in ((part.errors, on_error), (getattr(part, "notices", ()), on_notice)):
        for line in lines:
            if say:
                say(line)


def duplicate_plan(store, scans: list[Scan], job: IngestJob, on_duplicate: str,
                   keep_same_text: bool = False) -> DuplicatePlan:
    """The ``--on-duplicate`` and same-text decisions for ``scans``, against what ``store`` holds of their ids
    and texts now (indexed lookups of the run's ids and text hashes, a partition's at a time: the client never
    holds the whole run's ids or hex hashes at once besides the scans)."""
    from analyzer.pipeline import EXTRACTOR_VERSION
    from analyzer.store.ingest import RECORDS_VERSION
    stored, texts = {}, None if keep_same_text else {}
    for scan in scans:
        stored.update(stored_state(store, scan.ids))
        if texts is not None:
            found = store.same_texts(scan.text_hashes())
            texts.update((bytes.fromhex(digest), holders) for digest, holders in found.items())
    return plan_duplicates(scans, on_duplicate, RECORDS_VERSION if job.records else EXTRACTOR_VERSION, stored,
                           texts)


def _wait_for_workers(client) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_S)
    except (TimeoutError, OSError):
        raise ClusterError(f"the Dask scheduler at {client.scheduler.address} has no workers after "
                           f"{WORKER_WAIT_S} s: start some with `dask worker {client.scheduler.address}`") from None
    _check_imports(client)


def _import_probe(module: str) -> Callable[[], str]:
    """A function that imports ``module`` where it runs; made here, so it travels by value (a worker without
    the analyzer can still load it, and says so instead of failing to read the task)."""
    def probe() -> str:
        import importlib
        return importlib.import_module(module).__name__
    return probe


def _check_imports(client) -> None:
    """The scheduler and every worker can load the tasks' code. A scheduler without it fails to read the task
    graph (one truncated line: 'Error during deserialization of the task graph. This frequently'); a worker
    without it fails to read its task and leaves, and the run waited for ever."""
    address, probe = client.scheduler.address, _import_probe(TASK_MODULE)
    for where, run in (("scheduler at", client.run_on_scheduler), ("workers of the scheduler at", client.run)):
        try:
            run(probe)
        except Exception as error:  # noqa: BLE001 - whatever the remote import raised, said in one line
            raise ClusterError(f"the Dask {where} {address} cannot load the analyzer ({type(error).__name__}: "
                               f"{_first_line(error)}): install the same analyzer (pip install -e \".[dask]\") "
                               "where the scheduler and every worker run") from None


def _result(future, partition: Partition, done: int, count: int, what: str = ""):
    """The task's summary, or a ``ClusterError`` that says what happened and that a rerun finishes the job."""
    from concurrent.futures import CancelledError

    from distributed import KilledWorker
    from distributed.comm import CommClosedError
    try:
        return future.result()
    except (CancelledError, CommClosedError, OSError, TimeoutError):
        raise ClusterError(f"lost the Dask scheduler after {done} of {count} partitions{what}; "
                           f"{RERUN_HINT}") from None
    except KilledWorker:
        raise ClusterError(f"{partition.describe()} kept killing its workers (out of memory? Dask's "
                           f"distributed.scheduler.allowed-failures); {done} of {count} partitions done; "
                           f"{RERUN_HINT}") from None
    except AnalyzerError as error:
        raise ClusterError(f"{partition.describe()}: {error}; {RERUN_HINT}") from None
    except Exception as error:  # noqa: BLE001 - a task's own failure, reported in one line
        raise ClusterError(f"{partition.describe()} failed ({type(error).__name__}: {_first_line(error)}); "
                           f"{RERUN_HINT}") from None


# --- the two commands ----------------------------------------------------------------------------------------

def ingest_on_cluster(store, paths: list[str], *, client=None, scheduler: str | None = None, workers: int = 2,
                      batch_size: int = 200, records: bool = False, settings: Settings | None = None,
                      partition_bytes: int = DEFAULT_PARTITION_BYTES, progress: Callable[[int], None] | None = None,
                      on_error: Callable[[str], None] | None = None, on_duplicate: str = "error",
                      on_notice: Callable[[str], None] | None = None, keep_same_text: bool = False) -> IngestSummary:
    """``analyzer ingest --engine dask``: every partition is analyzed and written to ``store`` by a worker.
    ``store`` was opened here (so the schema exists); the workers open its URL themselves. ``on_duplicate``
    (error, skip, replace) and same texts (``keep_same_text``) are decided here, before dispatch, in input
    order (``duplicates.py``)."""
    if getattr(store, "url", "") == "sqlite://":
        raise ClusterError("an in-memory database cannot be shared with Dask workers: give --db a file or a "
                           "postgresql:// URL")
    partitions = plan_partitions(paths, partition_bytes, records)
    job = IngestJob(store.url, settings or Settings(), batch_size, records, keep_same_text=keep_same_text,
                    on_duplicate=on_duplicate)
    with _client(client, scheduler, workers) as active:
        plan = duplicate_plan(store, scan_on_cluster(active, partitions, job), job, on_duplicate, keep_same_text)
        return run_on_cluster(active, ingest_partition, partitions, job, PartitionSummary(), progress, on_error,
                              plan, on_notice)


def ingest_partitions_here(store, paths: list[str], *, batch_size: int = 200, records: bool = False,
                           settings: Settings | None = None, partition_bytes: int = DEFAULT_PARTITION_BYTES,
                           progress: Callable[[int], None] | None = None,
                           on_error: Callable[[str], None] | None = None, on_duplicate: str = "error",
                           on_notice: Callable[[str], None] | None = None, keep_same_text: bool = False
                           ) -> IngestSummary:
    """The same partitions in this process, one after the other (``ingest --records DIR`` of Parquet files)."""
    job = IngestJob(store.url, settings or Settings(), batch_size, records, keep_same_text=keep_same_text,
                    on_duplicate=on_duplicate)
    total = PartitionSummary()
    partitions = plan_partitions(paths, partition_bytes, records)
    plan = duplicate_plan(store, [scan_partition(partition, job) for partition in partitions], job, on_duplicate,
                          keep_same_text)
    for partition in partitions:
        part = PartitionIngest(store, job, progress, plan.for_partition(partition.index)).run(
            read_partition(partition, limits=_limits(job.settings)))
        _report(part, on_error, on_notice)
        add_summary(total, part)
    return total


def extract_on_cluster(paths: list[str], out_dir: str, *, client=None, scheduler: str | None = None,
                       workers: int = 2, settings: Settings | None = None, overrides: dict | None = None,
                       partition_bytes: int = DEFAULT_PARTITION_BYTES, local: bool = False,
                       progress: Callable[[int], None] | None = None,
                       on_error: Callable[[str], None] | None = None) -> ExtractSummary:
    """``analyzer extract --out DIR --format parquet``: one Parquet file a partition in ``out_dir``
    (``local``: in this process instead of on a cluster)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("part-*.parquet"):  # a previous run's files: this run writes the full set again
        stale.unlink()
    partitions = plan_partitions(paths, partition_bytes)
    job = ExtractJob(os.path.abspath(out), settings or Settings(),
                     tuple((k, v) for k, v in (overrides or {}).items() if v is not None))
    if local:
        total = ExtractSummary()
        for partition in partitions:
            part = extract_partition(partition, job, progress or (lambda n: None))
            for line in part.errors:
                if on_error:
                    on_error(line)
            add_summary(total, part)
        return total
    with _client(client, scheduler, workers) as active:
        return run_on_cluster(active, extract_partition, partitions, job, ExtractSummary(), progress, on_error)


@contextlib.contextmanager
def _client(client, scheduler: str | None, workers: int):
    if client is not None:
        yield client
    else:
        with open_client(scheduler, workers) as opened:
            yield opened
