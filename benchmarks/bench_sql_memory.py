"""Peak memory of ``analyzer sql`` reading a large result (s22-probe): one process of ``cli.py sql`` per run, its
rows written as JSON Lines to /dev/null, peak resident memory from ``getrusage(RUSAGE_CHILDREN)``.

The statement makes ``--rows`` rows (default 1,000,000) of an integer and a 100-character text, without any table:
``generate_series`` on PostgreSQL, a recursive CTE on SQLite. ``--root`` names the checkout whose ``cli.py`` runs
(another worktree: the code before a change). PostgreSQL needs the reader URLs of .ci/postgres.sh: the owner's
(``ANALYZER_TEST_POSTGRES_URL``) to make a store in a schema of its own, dropped at the end, and the reader's
(``ANALYZER_TEST_POSTGRES_READER_URL``) to run the statement.

    python benchmarks/bench_sql_memory.py                       # SQLite, and PostgreSQL when the URLs are set
    python benchmarks/bench_sql_memory.py --root ../before      # the same, with another checkout's code
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SQLITE = ("WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < {rows}) "
          "SELECT g, printf('%.100c', 'x') AS pad FROM n")
POSTGRES = "SELECT g, repeat('x', 100) AS pad FROM generate_series(1, {rows}) g"


def run_sql(root: Path, db: str, statement: str) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit status of one ``cli.py sql`` process (run alone: the children's
    peak is the largest child's, so each measurement runs in a fresh Python that has started no other child)."""
    code = ("import resource, subprocess, sys, time; start = time.monotonic(); "
            "rc = subprocess.run([sys.executable, sys.argv[1], 'sql', sys.argv[3], '--db', sys.argv[2], '-f', 'jsonl', "
            "'--time-limit', '0'], stdout=subprocess.DEVNULL).returncode; "
            "print(time.monotonic() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, rc)")
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", code, str(root / "cli.py"), db, statement], env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def sqlite_store(root: Path, folder: Path) -> str:
    (folder / "in").mkdir()
    (folder / "in" / "a.txt").write_text("2024年GDP增长5%。", encoding="utf-8")
    db = str(folder / "store.db")
    subprocess.run([sys.executable, str(root / "cli.py"), "ingest", str(folder / "in"), "--db", db], check=True,
                   capture_output=True, env={**os.environ, "PYTHONPATH": str(root)})
    return db


def postgres_store(root: Path, folder: Path) -> tuple[str, callable]:
    import sqlalchemy as sa
    owner, reader = os.environ["ANALYZER_TEST_POSTGRES_URL"], os.environ["ANALYZER_TEST_POSTGRES_READER_URL"]
    schema = f"bench_{uuid.uuid4().hex[:10]}"

    def with_schema(url: str) -> str:
        return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    admin = sa.create_engine(owner.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    (folder / "pg").mkdir()
    (folder / "pg" / "a.txt").write_text("2024年GDP增长5%。", encoding="utf-8")
    subprocess.run([sys.executable, str(root / "cli.py"), "ingest", str(folder / "pg"), "--db", with_schema(owner)],
                   check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(root)})
    role = sa.make_url(reader).username
    with admin.begin() as connection:
        connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
        connection.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}")

    def drop() -> None:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()
    return with_schema(reader), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose cli.py runs")
    args = parser.parse_args()
    root = args.root.resolve()
    print(f"code: {root}; {args.rows:,} rows of an integer and 100 characters, `sql -f jsonl > /dev/null`")
    with tempfile.TemporaryDirectory() as folder:
        runs = [("SQLite", sqlite_store(root, Path(folder)), SQLITE, None)]
        if os.environ.get("ANALYZER_TEST_POSTGRES_URL") and os.environ.get("ANALYZER_TEST_POSTGRES_READER_URL"):
            db, drop = postgres_store(root, Path(folder))
            runs.append(("PostgreSQL", db, POSTGRES, drop))
        for name, db, statement, drop in runs:
            try:
                wall, peak, rc = run_sql(root, db, statement.format(rows=args.rows))
            finally:
                if drop:
                    drop()
            print(f"{name:<11} exit {rc}  {wall:6.1f} s  peak {peak:7.0f} MB")


if __name__ == "__main__":
    start = time.monotonic()
    main()
    print(f"({time.monotonic() - start:.0f} s in all)")
