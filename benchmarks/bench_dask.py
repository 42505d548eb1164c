"""Dask engine benchmark: ``analyzer ingest`` of the same JSON Lines archive in one process, with ``--workers 2``,
and on a local Dask cluster of 1 and 2 workers, in one run; documents/s, peak memory per worker, and the
store's bulk write rate, from which the README estimates a 10-million-article archive on 32 workers.

Input: the texts of ``../shared/data/*.jsonl`` (read in place, never copied into the repository; the ids
reserved for outside evaluation left out) cycled, with new ids, into one JSON Lines file in a temporary folder
until it holds ``--mb`` MB of UTF-8 (about 17 million Chinese characters at 50 MB). Every row ingests that file into a
fresh store (a new SQLite file, or a new schema of ``--db postgresql://…``) and runs in a fresh interpreter.

    python benchmarks/bench_dask.py                                  # 50 MB into SQLite
    python benchmarks/bench_dask.py --db postgresql://analyzer:analyzer@localhost/analyzer_test --mb 50
    python benchmarks/bench_dask.py --mb 2                           # a smoke test
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from analyzer.io.gold import RESERVED_IDS  # noqa: E402  (after the path above)

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
SHARED = ROOT.parent / "shared" / "data"
ROWS = {"one process": ("local", 1), "--workers 2": ("local", 2),
        "Dask local cluster, 1 worker": ("dask", 1), "Dask local cluster, 2 workers": ("dask", 2)}
PARTITION_MB = 4


def archive_texts() -> list[dict]:
    """The outside articles and flashes (id, title, source, published, text), reserved ids left out."""
    texts = []
    for path in sorted(SHARED.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    item = json.loads(line)
                    if item.get("id") not in RESERVED_IDS and isinstance(item.get("text"), str) and item["text"].strip():
                        texts.append({k: item.get(k) for k in ("title", "source", "published", "text")})
    return texts


def write_input(path: Path, mb: float) -> dict:
    """Cycle the archive into ``path`` until it holds ``mb`` MB; return its size, documents and characters."""
    base = archive_texts()
    if not base:
        sys.exit(f"no texts in {SHARED}: this benchmark reads ../shared/data/*.jsonl")
    size = count = chars = 0
    with path.open("w", encoding="utf-8") as out:
        while size < mb * 1_000_000:
            item = base[count % len(base)]
            line = json.dumps({"id": f"bench-{count:08d}", **item}, ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode("utf-8"))
            chars += len(item["text"])
            count += 1
    return {"bytes": size, "documents": count, "chars": chars}


# --- one row, in its own interpreter ---------------------------------------------------------------------------

def fresh_db(db: str | None, folder: Path) -> tuple[str, callable]:
    """A new empty store URL (and how to drop it): a SQLite file, or a new schema in the PostgreSQL database."""
    if not db:
        return str(folder / f"{uuid.uuid4().hex[:8]}.db"), lambda: None
    import sqlalchemy as sa
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(db.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {name}")

    def drop() -> None:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        admin.dispose()
    return f"{db}{'&' if '?' in db else '?'}options=-csearch_path%3D{name}", drop


def run_row(name: str, path: str, db: str | None) -> dict:
    """Ingest ``path`` as the row says; seconds exclude starting a cluster (reported apart)."""
    from analyzer.store import open_store
    engine, workers = ROWS[name]
    url, drop = fresh_db(db, Path(path).parent)
    store = open_store(url)
    try:
        if engine == "local":
            from analyzer.store.ingest import ingest
            started = time.perf_counter()
            summary = ingest(store, [path], workers=workers, keep_same_text=True)  # cycled texts: all analyzed
            seconds, start_s = time.perf_counter() - started, 0.0
            worker_mb = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024] if workers > 1 else []
        else:
            summary, seconds, start_s, worker_mb = dask_row(store, path, workers)
    finally:
        store.close()
        drop()
    return {"seconds": seconds, "start_s": start_s, "added": summary.added, "failed": summary.failed,
            "figures": summary.figures, "mentions": summary.mentions,
            "process_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "worker_mb": worker_mb}


def dask_row(store, path: str, workers: int):
    import resource as worker_resource

    from analyzer.cluster.engine import ingest_on_cluster, open_client
    started = time.perf_counter()
    with open_client(None, workers) as client:
        client.wait_for_workers(workers)
        start_s = time.perf_counter() - started
        began = time.perf_counter()
        summary = ingest_on_cluster(store, [path], client=client, partition_bytes=PARTITION_MB * 2**20,
                                    keep_same_text=True)
        seconds = time.perf_counter() - began
        peaks = client.run(lambda: worker_resource.getrusage(worker_resource.RUSAGE_SELF).ru_maxrss / 1024)
    return summary, seconds, start_s, sorted(peaks.values())


def write_rate(path: str, db: str | None, documents: int = 1000, batch: int = 200) -> dict:
    """The store's bulk write rate alone, for articles (texts of 1,000 characters or more, as a newspaper's):
    ``documents`` of them analyzed first, then written in batches by one writer."""
    import itertools

    from analyzer.io.readers import read_documents
    from analyzer.pipeline import EXTRACTOR_VERSION, Pipeline
    from analyzer.store import StoredRecord, open_store
    from analyzer.store.ingest import content_hash
    pipeline = Pipeline()
    records = [StoredRecord(pipeline.analyze(d), content_hash(d), EXTRACTOR_VERSION)
               for d in itertools.islice((d for d in read_documents([path]) if len(d.text) >= 1000), documents)]
    url, drop = fresh_db(db, Path(path).parent)
    store = open_store(url)
    try:
        started = time.perf_counter()
        for first in range(0, len(records), batch):
            store.write(records[first:first + batch])
        seconds = time.perf_counter() - started
        counts = store.counts()
    finally:
        store.close()
        drop()
    return {"seconds": seconds, "documents": len(records), "rows": sum(counts.values()), "counts": counts,
            "chars": sum(len(r.record.document.text) for r in records)}


# --- the report -------------------------------------------------------------------------------------------------

def in_subprocess(args: list[str]) -> dict | str:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=ENV, cwd=ROOT)
    if done.returncode != 0:
        return f"failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {now}"


def table(data: dict, results: dict) -> str:
    lines = ["| run | docs | MB | seconds | docs/s | chars/s | vs one process | cluster start s | peak RSS MB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    base = results.get("one process")
    for name, result in results.items():
        if isinstance(result, str):
            lines.append(f"| {name} | | | {result} | | | | | |")
            continue
        rate = result["added"] / result["seconds"]
        ratio = f"{base['seconds'] / result['seconds']:.2f}×" if isinstance(base, dict) else ""
        memory = f"{result['process_mb']:.0f}"
        if result["worker_mb"]:
            memory += " client + " + ", ".join(f"{mb:.0f}" for mb in result["worker_mb"]) + " per worker"
        start = f"{result['start_s']:.1f}" if result["start_s"] else ""
        lines.append(f"| {name} | {result['added']:,} | {data['bytes'] / 1e6:.0f} | {result['seconds']:.1f} | "
                     f"{rate:,.0f} | {data['chars'] / result['seconds']:,.0f} | {ratio} | {start} | {memory} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--db", help="postgresql://… URL (a fresh schema each row) [default: SQLite files]")
    parser.add_argument("--row", choices=[*ROWS, "write-rate"], help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.row:
        result = write_rate(args.input, args.db) if args.row == "write-rate" else run_row(args.row, args.input, args.db)
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.jsonl"
        data = write_input(path, args.mb)
        print(f"input: {data['documents']:,} documents, {data['bytes'] / 1e6:.1f} MB, {data['chars']:,} characters",
              file=sys.stderr)
        db_args = ["--db", args.db] if args.db else []
        results = {}
        for name in ROWS:
            print(f"running: {name}", file=sys.stderr)
            results[name] = in_subprocess(["--row", name, "--input", str(path), *db_args])
        writes = in_subprocess(["--row", "write-rate", "--input", str(path), *db_args])
    store = "PostgreSQL" if args.db else "SQLite"
    print(f"Machine: {machine()}; store: {store}; partitions of {PARTITION_MB} MiB\n")
    print(table(data, results))
    if isinstance(writes, dict):
        print(f"\nStore write rate, one writer, batches of 200 (analysis excluded): {writes['documents']:,} articles, "
              f"{writes['rows']:,} rows in {writes['seconds']:.1f} s = {writes['documents'] / writes['seconds']:,.0f} "
              f"articles/s, {writes['rows'] / writes['seconds']:,.0f} rows/s ({writes['counts']}, "
              f"{writes['chars']:,} characters)")
    else:
        print(f"\nStore write rate: {writes}")


if __name__ == "__main__":
    main()
