"""The flock handles kept on SQLite files (s27-lockhandles). s27-reliab keeps one handle per file open, since closing
any descriptor of a file drops every POSIX lock the process holds on it; kept for the process's life they piled up
(the test suite ended with 386 of them): a long-running process opening many stores ran out of descriptors."""
from __future__ import annotations

import errno
import gc
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from analyzer.errors import StoreError
from analyzer.store import migrations
from analyzer.store.sql import SQLStore

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts /proc/self/fd")


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_closed_stores_leave_no_descriptor_open(tmp_path):
    """Opening and closing 20 stores, one after the other, kept 20 descriptors open on main (one per file)."""
    gc.collect()
    SQLStore(str(tmp_path / "warm.db")).close()  # (closes as well the handles earlier tests left to the collector)
    before = _open_descriptors()
    for number in range(20):
        SQLStore(str(tmp_path / f"s{number}.db")).close()
    gc.collect()
    assert _open_descriptors() <= before


def test_the_handle_stays_while_another_store_of_the_file_is_open(tmp_path):
    """Two stores of one file (the Dask writer opens its own without migrating): closing the first keeps the handle,
    closing the second releases it."""
    db = str(tmp_path / "s.db")
    first = SQLStore(db)
    second = SQLStore(db, upgrade=False)
    opened = _open_descriptors()
    first.close()
    with second.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM schema_version").scalar() >= 1
    status = os.stat(db)
    assert migrations.LOCK_HANDLES.get((status.st_dev, status.st_ino))
    second.close()
    gc.collect()
    assert (status.st_dev, status.st_ino) not in migrations.LOCK_HANDLES
    assert _open_descriptors() < opened


def test_the_handle_stays_while_a_connection_of_the_file_is_open(tmp_path):
    """A SQLite connection of this process that no store accounts for (serve's, a notebook's own): the handle is
    kept until it is closed, since closing the handle would drop that connection's locks."""
    import sqlite3
    db = str(tmp_path / "s.db")
    SQLStore(db).close()
    status = os.stat(db)
    own = sqlite3.connect(db)
    own.execute("SELECT count(*) FROM schema_version").fetchone()
    store = SQLStore(db)
    store.close()
    assert migrations.LOCK_HANDLES.get((status.st_dev, status.st_ino))
    own.close()
    SQLStore(str(tmp_path / "other.db")).close()  # any later opening or closing lets the handle go
    assert (status.st_dev, status.st_ino) not in migrations.LOCK_HANDLES


def test_a_file_replaced_while_its_handle_is_opened(tmp_path, monkeypatch):
    """The store's file replaced between the `stat` and the `open` of its handle: on main the fresh handle, of a
    file that already had one, was dropped unclosed, and its garbage collection would have dropped this process's
    SQLite locks on the file (a ResourceWarning here). It is kept or closed now, never left to the collector."""
    db = tmp_path / "s.db"
    kept = SQLStore(str(db))  # the file has its handle
    stale = tmp_path / "old.db"
    stale.write_bytes(b"")
    real_stat = Path.stat

    def stat_before_the_replacement(self, *args, **kwargs):
        return real_stat(stale if self == db else self, *args, **kwargs)
    monkeypatch.setattr(Path, "stat", stat_before_the_replacement)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            second = SQLStore(str(db))
            monkeypatch.undo()
            gc.collect()
        assert not [w for w in caught if issubclass(w.category, ResourceWarning)], [str(w.message) for w in caught]
        second.close()
    finally:
        monkeypatch.undo()
        kept.close()


def test_a_failed_open_of_the_handle_is_reported(tmp_path, monkeypatch):
    """An open that fails for want of descriptors (EMFILE) was read as "this process may not write the file" and the
    file lock skipped without a word; only a refusal of permission (EACCES, EPERM, EROFS) means that."""
    db = str(tmp_path / "s.db")

    def out_of_descriptors(*args, **kwargs):
        raise OSError(errno.EMFILE, os.strerror(errno.EMFILE))
    monkeypatch.setattr(migrations, "open", out_of_descriptors, raising=False)
    with pytest.raises(StoreError, match=os.strerror(errno.EMFILE)):
        SQLStore(db)

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    monkeypatch.setattr(migrations, "open", refused, raising=False)
    SQLStore(db).close()


def test_many_stores_in_a_process_with_few_descriptors(tmp_path):
    """A process limited to 64 open files opens and closes 100 stores (main: "unable to open database file" once the
    kept handles had used the descriptors up)."""
    script = ("import resource, sys; resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))\n"
              "from analyzer.store.sql import SQLStore\n"
              "for n in range(100): SQLStore(f'{sys.argv[1]}/s{n}.db').close()\n"
              "print('ok')")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.strip() == "ok", done.stderr[-2000:]


@pytest.mark.parametrize("reader", ["store", "own connection"])
def test_a_read_transaction_keeps_its_snapshot_when_another_store_of_the_file_closes(tmp_path, reader):
    """s27-reliab's loss, now that handles are closed: a read transaction (of a store opened without migrating, as
    the Dask writer's, or of a plain sqlite3 connection) while a store of the same file opens and closes here, then
    another process commits and closes. Closing the handle then would drop the reader's SHARED lock: the other
    process would checkpoint and delete the log, and the reader see 8 documents, not the 4 it began with."""
    import sqlite3
    from conftest import gold_records_store
    from test_store_concurrent_s27 import _counted_elsewhere, _other_process_writes
    db = gold_records_store(tmp_path, 4)
    if reader == "store":
        store = SQLStore(db, upgrade=False)
        connection = store.engine.raw_connection().driver_connection
    else:
        store, connection = None, sqlite3.connect(db, isolation_level=None)
    try:
        connection.execute("BEGIN")
        assert connection.execute("SELECT count(*) FROM schema_version").fetchone()[0] >= 1
        SQLStore(db).close()
        _other_process_writes(db, "new-")
        assert Path(db + "-wal").exists()
        assert connection.execute("SELECT count(*) FROM documents").fetchone() == (4,)
        connection.execute("ROLLBACK")
    finally:
        connection.close()
        if store is not None:
            store.close()
    assert _counted_elsewhere(db) == 8
