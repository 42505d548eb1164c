"""s28-probe2: what the s28-probe round left open. Each test failed on main before its fix."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "2024年末，普惠小微贷款余额32.9万亿元，同比增长14.6%。\n"
NO_OVERRIDE = "-dac_override,-dac_read_search"  # root without these capabilities sees permissions as a user does


def as_user(*args: str) -> subprocess.CompletedProcess:
    """``analyzer ARGS`` run as a process that file permissions bind (root: without CAP_DAC_OVERRIDE)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root without setpriv cannot see a folder it may not write")
        prefix = ["setpriv", f"--bounding-set={NO_OVERRIDE}", f"--inh-caps={NO_OVERRIDE}"]
    return subprocess.run([*prefix, sys.executable, "-c", "from analyzer.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.fixture
def read_only_store(tmp_path):
    """A WAL store (as ingest leaves it: no -wal or -shm once closed) in a folder that may not be written."""
    folder = tmp_path / "ro"
    folder.mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    store = folder / "s.db"
    done = as_user("ingest", "--no-progress", str(tmp_path / "a.txt"), "--db", str(store))
    assert done.returncode == 0, done.stderr
    folder.chmod(0o555)
    yield store
    folder.chmod(0o755)


@pytest.mark.parametrize("command", [
    ["query"], ["timeline", "普惠小微贷款余额"], ["trends"], ["sql", "SELECT count(*) AS n FROM figures"],
    ["export", "figures", "-o", "{tmp}/figures.csv"], ["export", "--sqlite", "{tmp}/copy.db"],
    ["check", "普惠小微贷款余额32.9万亿元"]],
    ids=lambda command: command[0] + (command[1] if command[0] == "export" else ""))
def test_a_wal_store_in_a_folder_one_may_not_write_is_read(read_only_store, command):
    """Every read command failed with `attempt to write a readonly database`: SQLite must create the `-shm` file
    of a WAL store to read it. With no writer's file beside it, the store is now read immutable."""
    tmp = read_only_store.parent.parent
    done = as_user(*[part.format(tmp=tmp) for part in command], "--db", str(read_only_store))
    assert done.returncode == 0, done.stderr
    assert "readonly" not in done.stderr
    assert sorted(path.name for path in read_only_store.parent.iterdir()) == ["s.db"]


def test_a_writer_never_opens_such_a_store_immutable(read_only_store, tmp_path):
    done = as_user("ingest", "--no-progress", str(tmp_path / "a.txt"), "--db", str(read_only_store))
    assert done.returncode != 0
    assert "attempt to write a readonly database" in done.stderr


@pytest.mark.parametrize("side", ["s.db-wal", "s.db-shm", "s.db-journal"])
def test_a_writers_file_beside_it_is_one_line_not_a_stale_read(read_only_store, side):
    """A -wal beside the store may hold commits its file lacks: immutable would read it stale, so it says why."""
    folder = read_only_store.parent
    folder.chmod(0o755)
    (folder / side).write_bytes(b"")
    (folder / side).chmod(0o444)
    folder.chmod(0o555)
    for command in (["query"], ["sql", "SELECT 1"]):
        done = as_user(*command, "--db", str(read_only_store))
        assert done.returncode != 0
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and f"{side} lies beside it" in lines[0], done.stderr


def test_serve_serves_such_a_store_immutable(read_only_store):
    code = ("from analyzer.serve.app import open_served; import sys; s = open_served(sys.argv[1]); "
            "print(s.immutable, s.example_doc)")
    prefix = ["setpriv", f"--bounding-set={NO_OVERRIDE}", f"--inh-caps={NO_OVERRIDE}"] if os.geteuid() == 0 else []
    done = subprocess.run([*prefix, sys.executable, "-c", code, str(read_only_store)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.stdout.split() == ["True", "a.txt"], done.stderr
