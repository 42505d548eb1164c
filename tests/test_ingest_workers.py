"""`ingest --workers N` survives a worker that dies (s24-probe).

A worker process may end abruptly while it analyzes a document: the out-of-memory killer, a crash in native code,
`os._exit` in a library, someone's `kill -9`. With `multiprocessing.Pool` the task that worker held was lost and
`map_async(...).get()` waited for it for ever: the ingest hung with no word and stored nothing more (4,000
documents, two workers, one worker killed after 1,100 were stored: still 1,100 two minutes later, both processes
idle). Now the documents a dying worker took down are analyzed again, and one that kills its worker every time is
reported by name while every other document is stored.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analyzer.store.workers import AnalysisPool
from conftest import stored_documents

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = 2_000


def _workers_of(pid: int) -> list[int]:
    """The pids of the spawned worker processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker processes in /proc")
def test_a_worker_killed_mid_ingest_costs_nothing_and_the_ingest_finishes(tmp_path):
    source = tmp_path / "many.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for n in range(DOCUMENTS):
            handle.write(json.dumps({"id": f"d{n}", "text": f"2025年{n % 12 + 1}月末，某项贷款余额为{n}.5亿元。" * 8},
                                    ensure_ascii=False) + "\n")
    db = tmp_path / "store.db"
    process = subprocess.Popen([sys.executable, "cli.py", "ingest", str(source), "--db", str(db), "--no-progress",
                                "--workers", "2", "--batch-size", "20"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        while (stored_documents(db) == 0 or not _workers_of(process.pid)) and process.poll() is None:
            time.sleep(0.05)
        workers = _workers_of(process.pid)
        if workers:
            os.kill(workers[0], signal.SIGKILL)
        stderr = process.communicate(timeout=600)[1]  # on the old pool: never (a hang, not a slow run)
    finally:
        if process.poll() is None:
            process.kill()
    assert workers, "no worker process found"
    assert process.returncode == 0, stderr
    assert stored_documents(db) == DOCUMENTS and f"{DOCUMENTS} added" in stderr


def _upper_unless_poison(item: str) -> str:
    if item == "poison":
        os._exit(9)  # what the OOM killer or a segmentation fault does to the worker: no exception, no reply
    return item.upper()


def _nothing() -> None:
    pass


def test_a_document_that_kills_its_worker_every_time_is_named_and_the_others_are_analyzed():
    items = ["a", "b", "poison", "c", "d", "e", "f", "g"]
    later = ["h", "i", "j"]
    with AnalysisPool(2, _upper_unless_poison, _nothing, (), died=lambda item: f"{item}: died") as pool:
        first, second = pool.submit(items), pool.submit(later)  # the second batch is in flight when the pool breaks
        assert pool.results(items, first) == ["A", "B", "poison: died", "C", "D", "E", "F", "G"]
        assert pool.results(later, second) == ["H", "I", "J"]
        again = pool.submit(["k", "poison", "l"])
        assert pool.results(["k", "poison", "l"], again) == ["K", "poison: died", "L"]


_MARK = {}


def _mark_at(path: str) -> None:
    _MARK["path"] = path


def _upper_dying_once(item: str) -> str:
    """The worker analyzing ``die`` ends abruptly the first time only (a kill -9 from outside, once)."""
    if item == "die":
        try:
            os.close(os.open(_MARK["path"], os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return item.upper()
        os._exit(9)
    return item.upper()


def test_one_dead_worker_costs_one_new_pool_not_one_a_batch(tmp_path, monkeypatch):
    """The batches are in flight two at a time, as ``ingest`` sends them. Retrying a batch's lost documents
    replaced the pool even when it had been replaced already; that cancelled the next batch, whose retry replaced
    the pool again: after one dead worker, every later batch was analyzed twice in a newly spawned pool (8
    batches: 8 pools, each loading the pipeline in an ingest)."""
    starts = []
    start = AnalysisPool._start
    monkeypatch.setattr(AnalysisPool, "_start", lambda self: starts.append(1) or start(self))
    batches = [[f"{n}-{i}" for i in range(6)] for n in range(8)]
    batches[1][2] = "die"
    results = []
    with AnalysisPool(2, _upper_dying_once, _mark_at, (str(tmp_path / "died"),), died=lambda item: "died") as pool:
        pending = None
        for batch in batches:
            job = (batch, pool.submit(batch))
            if pending:
                results.append(pool.results(*pending))
            pending = job
        results.append(pool.results(*pending))
    assert (tmp_path / "died").exists()
    assert results == [[item.upper() for item in batch] for batch in batches]
    assert len(starts) == 2  # the first pool and the one after the death (main: 8)


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker processes in /proc")
def test_a_worker_ignores_ctrl_c_from_its_first_instruction():
    """Ctrl-C in a terminal reaches every process of its group. The workers set SIGINT aside in their initializer,
    but a worker spends its first second or so starting Python and importing the analyzer before that: a Ctrl-C
    then printed a `KeyboardInterrupt` traceback per worker above the `interrupted after …` line (and killed the
    worker). Workers now start with SIGINT ignored. Here the SIGINT reaches the worker as soon as it exists: it
    must be the process that answers (on main it died, and the item was analyzed again in a new pool)."""
    with AnalysisPool(1, _pid_after, _nothing, (), died=lambda item: "died") as pool:
        futures = pool.submit([0.5])
        worker, = pool.executor._processes  # this pool's one process (not a stray child of the test run)
        for _ in range(20_000):  # until it runs Python's spawn_main (a bounded wait, not a timing)
            if b"spawn_main" in Path(f"/proc/{worker}/cmdline").read_bytes():
                break
            time.sleep(0.001)
        os.kill(worker, signal.SIGINT)
        assert pool.results([0.5], futures) == [worker]
