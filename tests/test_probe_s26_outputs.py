"""s26-probe3: what users take away from the store (`export`, `eval`, `model eval`). Each test failed on main before
its fix."""
from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.store.sql import SQLStore

ROOT = Path(__file__).resolve().parents[1]
DEV = sorted((ROOT / "corpus" / "dev").glob("*.json"))


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    """A SQLite store of four gold records, as annotated."""
    db = str(tmp_path_factory.mktemp("s26") / "small.db")
    result = CliRunner().invoke(main, ["ingest", *map(str, DEV[:4]), "--records", "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    return db


def _breaking_rows(monkeypatch, failure: BaseException, after: int = 2):
    """Make every table export fail after ``after`` rows with ``failure`` (Ctrl-C, a full disk)."""
    original = SQLStore.iter_table

    def iter_table(self, table):
        columns, rows = original(self, table)

        def broken():
            for number, row in enumerate(rows):
                if number == after:
                    raise failure
                yield row
        return columns, broken()
    monkeypatch.setattr(SQLStore, "iter_table", iter_table)


FAILURES = {"ctrl-c": (KeyboardInterrupt(), 130, "interrupted"),
            "full disk": (OSError(errno.ENOSPC, "No space left on device"), 1, "No space left on device")}


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("failure", FAILURES)
def test_an_export_that_fails_leaves_no_part_of_a_file(small_db, tmp_path, monkeypatch, fmt, failure):
    """An export cut off (Ctrl-C, a full disk) left the rows written so far under the output's name: a Parquet file
    was closed with its footer, so it read back as a whole table of fewer rows. Now nothing is left, and no
    temporary file either."""
    error, code, words = FAILURES[failure]
    _breaking_rows(monkeypatch, error)
    output = tmp_path / f"figures.{fmt}"
    result = CliRunner().invoke(main, ["export", "figures", "--db", small_db, "-f", fmt, "-o", str(output)])
    assert result.exit_code == code, result.output
    assert words in result.output and "Traceback" not in result.output
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_an_export_that_fails_keeps_the_file_it_would_replace(small_db, tmp_path, monkeypatch, fmt):
    """Before, the earlier export under that name was truncated first, so a failed run lost it too."""
    output = tmp_path / f"figures.{fmt}"
    result = CliRunner().invoke(main, ["export", "figures", "--db", small_db, "-f", fmt, "-o", str(output)])
    assert result.exit_code == 0, result.output
    before = output.read_bytes()
    _breaking_rows(monkeypatch, KeyboardInterrupt())
    result = CliRunner().invoke(main, ["export", "figures", "--db", small_db, "-f", fmt, "-o", str(output)])
    assert result.exit_code == 130
    assert output.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == [output.name]


def test_an_export_replaces_a_file_through_its_link_and_keeps_its_mode(small_db, tmp_path):
    """A finished export replaces the file named (as a shell's > does), through a symbolic link, with the file's
    permissions; a device such as /dev/null is written to, never replaced."""
    target = tmp_path / "real.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = CliRunner().invoke(main, ["export", "figures", "--db", small_db, "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("id,document_id,")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["link.csv", "real.csv"]
    result = CliRunner().invoke(main, ["export", "figures", "--db", small_db, "-o", os.devnull])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_new_export_file_gets_the_usual_permissions(small_db, tmp_path):
    """The file is made under a temporary name (mkstemp: 0600) and renamed: it must end as open() makes it."""
    output = tmp_path / "new.jsonl"
    result = CliRunner().invoke(main, ["export", "documents", "--db", small_db, "-f", "jsonl", "-o", str(output)])
    assert result.exit_code == 0, result.output
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(output.stat().st_mode) == 0o666 & ~umask
    assert len(output.read_text(encoding="utf-8").splitlines()) == 4


def test_an_export_to_an_open_stream_writes_to_it(small_db, tmp_path):
    """`-o /dev/stdout` (or /dev/fd/N) names a stream that is already open, whatever it points at: written to, never
    renamed over (stdout redirected to a file would otherwise be swapped for a new file). Guards the fix above."""
    import subprocess
    import sys
    output = tmp_path / "out.csv"
    with output.open("w") as handle:
        done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "export", "documents", "--db", small_db,
                               "-f", "jsonl", "-o", "/dev/stdout"], stdout=handle, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert len(output.read_text(encoding="utf-8").splitlines()) == 4
    assert [path.name for path in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize("failure", FAILURES)
def test_a_snapshot_cut_off_leaves_no_store_behind(small_db, tmp_path, monkeypatch, failure):
    """`export --sqlite FILE` cut off by Ctrl-C left FILE as an empty store (its schema committed, its rows not):
    `serve FILE` showed no documents, and the same command again was refused (`FILE: already exists`). Now the
    snapshot is made under a temporary name and gets FILE's name only when whole."""
    error, code, words = FAILURES[failure]
    _breaking_rows(monkeypatch, error, after=1)
    snapshot = tmp_path / "snap.db"
    result = CliRunner().invoke(main, ["export", "--sqlite", str(snapshot), "--db", small_db])
    assert result.exit_code == code, result.output
    assert words in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    result = CliRunner().invoke(main, ["export", "--sqlite", str(snapshot), "--db", small_db])
    assert result.exit_code == 0, result.output
    assert "4 documents" in result.output
    assert [path.name for path in tmp_path.iterdir()] == ["snap.db"]
