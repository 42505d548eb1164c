"""Worker processes that analyze documents for ``ingest --workers N``, and survive one of them dying.

A worker may end abruptly while it analyzes a document: the kernel's out-of-memory killer, a crash inside C code
(a segmentation fault), ``os._exit`` in a library, or someone's ``kill``. ``multiprocessing.Pool`` then loses the
task the worker held, and ``map_async(…).get()`` waits for it for ever: the ingest hung with no word, storing
nothing more (s24-probe). Here each document is a future of a ``ProcessPoolExecutor``, which marks every unfinished
future of a broken pool as failed; those documents are analyzed again in a fresh pool, all at once, and — if the
pool breaks again — one at a time, so that a document that kills its worker every time is found, reported by name
and skipped, and every other document is stored.
"""
from __future__ import annotations

import contextlib
import multiprocessing.context
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

LOST = (BrokenProcessPool, CancelledError)  # a future a broken pool failed, or cancelled when it was replaced
DIED = ("the process analyzing it ended abruptly (killed, out of memory, or a crash in native code); skipped, every "
        "other document goes on")


def _ignore_interrupt(initializer: Callable[..., None], *args) -> None:
    """Ctrl-C reaches every process of the terminal's group: the workers leave it to the parent, which stops them
    (a worker ended by it would look like one a document killed). A worker is started with SIGINT ignored
    (``QuietSpawn``); this keeps it so whatever the parent's disposition was."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    initializer(*args)


@contextlib.contextmanager
def ctrl_c_ignored():
    """SIGINT ignored in this process for the block (main thread only: elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)


class _QuietProcess(multiprocessing.context.SpawnProcess):
    def start(self) -> None:
        with ctrl_c_ignored():  # the few milliseconds of fork and exec: a Ctrl-C then is not taken
            super().start()


class QuietSpawn(multiprocessing.context.SpawnContext):
    """The spawn context, its processes started with SIGINT ignored (a disposition a new process keeps). A worker
    spends its first second or so starting Python and importing the analyzer before its initializer runs; a
    Ctrl-C then printed a KeyboardInterrupt traceback per worker above the parent's one line, and killed it."""
    Process = _QuietProcess


class AnalysisPool:
    """``workers`` processes that run ``function`` on items (``initializer(*initargs)`` first in each); use it in a
    ``with`` block. ``submit(items)`` starts them, ``results(items, futures)`` waits: the function's result for each
    item, or ``died(item)``'s line for an item whose worker died on it every time it was tried alone."""

    def __init__(self, workers: int, function: Callable[[Any], Any], initializer: Callable[..., None],
                 initargs: tuple, died: Callable[[Any], str]):
        self.workers, self.function, self.died = workers, function, died
        self.initializer, self.initargs = initializer, initargs
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=QuietSpawn(),
                                   initializer=_ignore_interrupt, initargs=(self.initializer, *self.initargs))

    def _restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def submit(self, items: Sequence[Any]) -> list[Future]:
        try:
            return [self.executor.submit(self.function, item) for item in items]
        except BrokenProcessPool:  # it broke since the last results: the lost futures are tried again there
            self._restart()
            return [self.executor.submit(self.function, item) for item in items]

    def results(self, items: Sequence[Any], futures: Sequence[Future]) -> list[Any]:
        """The result of each item, in order; items whose future a dying worker took down are tried again."""
        results = [None] * len(items)
        lost = []
        for index, future in enumerate(futures):
            try:
                results[index] = future.result()
            except LOST:
                lost.append(index)
        if lost:
            self._again(items, lost, results)
        return results

    def _again(self, items: Sequence[Any], lost: list[int], results: list[Any]) -> None:
        """Analyze the ``lost`` items again, all at once, in a fresh pool if this one is broken (a pool that was
        replaced already is kept: restarting it cancelled the next batch, which then restarted it again, one new
        pool a batch for the rest of the run); those lost a second time one at a time."""
        if self._broken():
            self._restart()
        futures = dict(zip(lost, self.submit([items[index] for index in lost])))
        for index, future in futures.items():
            try:
                results[index] = future.result()
            except LOST:
                results[index] = self._alone(items[index])

    def _alone(self, item: Any) -> Any:
        """``item`` analyzed with no other in flight: a pool that breaks now broke on it."""
        if self._broken():
            self._restart()
        try:
            return self.executor.submit(self.function, item).result()
        except BrokenProcessPool:
            self._restart()
            return self.died(item)

    def _broken(self) -> bool:
        return bool(getattr(self.executor, "_broken", False))

    def close(self, *, stop: bool = False) -> None:
        """Shut the pool down; ``stop`` (an interrupt) ends the workers at once instead of letting them finish."""
        processes = list((getattr(self.executor, "_processes", None) or {}).values()) if stop else []
        self.executor.shutdown(wait=not stop, cancel_futures=True)
        for process in processes:
            process.terminate()

    def __enter__(self) -> AnalysisPool:
        return self

    def __exit__(self, kind, *_exc) -> None:
        self.close(stop=kind is not None)
