"""The Dask engine (``analyzer.cluster``) against a single-process ``ingest`` of the same inputs.

A local cluster of 2 worker processes is shared by the module; the store is compared table by table, by row
count and by a content hash of every row (surrogate ids replaced by what they point at). The 8-writer test
runs against PostgreSQL when ANALYZER_TEST_POSTGRES_URL is set (``.ci/run`` starts one). ``--on-duplicate`` and
``--time-limit`` are compared with ``ingest`` too: same documents and hashes, same error lines.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

distributed = pytest.importorskip("distributed", reason='the Dask engine needs pip install -e ".[dask]"')

from click.testing import CliRunner  # noqa: E402

from analyzer.cli import main  # noqa: E402
from analyzer.cluster import engine as cluster_engine  # noqa: E402
from analyzer.cluster.engine import (  # noqa: E402
    ClusterError,
    extract_on_cluster,
    ingest_on_cluster,
    ingest_partitions_here,
)
from analyzer.cluster.partitions import (  # noqa: E402
    Piece,
    line_ranges,
    plan_partitions,
    read_partition,
)
from analyzer.cluster.tasks import IngestJob, PartitionSummary, ingest_partition  # noqa: E402
from analyzer.io.parquet import read_parquet_records  # noqa: E402
from analyzer.pipeline import Pipeline  # noqa: E402
from analyzer.settings import Settings  # noqa: E402
from analyzer.store import open_store, schema  # noqa: E402
from analyzer.store.ingest import DUPLICATE_POLICIES, ingest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("ANALYZER_TEST_POSTGRES_URL")
RUN_TIMEOUT_S = 300  # a run that takes longer is stuck (deadlock): fail instead of hanging


def corpus_texts() -> list[dict]:
    """The gold corpus's documents that carry their text: id, metadata and text."""
    texts = []
    for path in sorted((ROOT / "corpus").rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data.get("text"), str) and data["text"].strip():
            doc = data.get("doc") or {}
            texts.append({"id": doc.get("id") or path.stem, "title": doc.get("title"), "source": doc.get("source"),
                          "published": doc.get("published"), "text": data["text"]})
    return texts


def write_jsonl(path: Path, rows: list[dict], bad_lines: dict[int, str] | None = None) -> Path:
    """``rows`` as JSON Lines; ``bad_lines`` puts a broken line before row N (for error line numbers)."""
    with path.open("w", encoding="utf-8") as out:
        for n, row in enumerate(rows):
            if bad_lines and n in bad_lines:
                out.write(bad_lines[n] + "\n")
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def cycled(texts: list[dict], count: int, prefix: str) -> list[dict]:
    return [{**texts[n % len(texts)], "id": f"{prefix}-{n:04d}"} for n in range(count)]


def fingerprint(url: str) -> dict[str, Counter]:
    """Every data table as a multiset of row hashes; ids are replaced by the document (and sentence or figure)
    they point at, and the time of ingest is left out, so two stores with the same content compare equal."""
    d, s, f, m, k = schema.documents, schema.sentences, schema.figures, schema.mentions, schema.links
    # origin (the input file) is left out too: of a document repeated in several files, whichever task wins stores it
    skip = {"id", "document_id", "sentence_id", "figure_id", "ingested_at", "origin"}
    data = lambda table: [c for c in table.c if c.name not in skip]  # noqa: E731
    sentence = s.alias("sentence")
    statements = {
        "documents": sa.select(*data(d)),
        "sentences": sa.select(d.c.doc_id, *data(s)).join_from(s, d, s.c.document_id == d.c.id),
        "figures": sa.select(d.c.doc_id, sentence.c.start.label("sentence_start"), *data(f))
        .join_from(f, d, f.c.document_id == d.c.id).outerjoin(sentence, f.c.sentence_id == sentence.c.id),
        "mentions": sa.select(d.c.doc_id, sentence.c.start.label("sentence_start"), *data(m))
        .join_from(m, d, m.c.document_id == d.c.id).outerjoin(sentence, m.c.sentence_id == sentence.c.id),
        "links": sa.select(d.c.doc_id, f.c.start.label("figure_start"), f.c.end.label("figure_end"), *data(k))
        .join_from(k, d, k.c.document_id == d.c.id).join(f, k.c.figure_id == f.c.id),
    }
    store = open_store(url)
    try:
        with store.engine.connect() as connection:
            return {name: Counter(_row_hash(row) for row in connection.execute(statement).mappings())
                    for name, statement in statements.items()}
    finally:
        store.close()


def _row_hash(row) -> str:
    text = json.dumps(dict(row), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def assert_same_store(url: str, baseline: dict[str, Counter]) -> None:
    prints = fingerprint(url)
    for table in baseline:
        assert sum(prints[table].values()) == sum(baseline[table].values()), f"{table}: row counts differ"
        assert prints[table] == baseline[table], f"{table}: row contents differ"


def single_process(paths: list[str], db: Path, **options) -> tuple[dict[str, Counter], object]:
    with open_store(str(db)) as store:
        summary = ingest(store, paths, **options)
    return fingerprint(str(db)), summary


def wait_for(condition, what: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


def document_count(url: str) -> int:
    engine = sa.create_engine(open_store(url).url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.select(sa.func.count()).select_from(schema.documents)).scalar_one()
    finally:
        engine.dispose()


class Background(threading.Thread):
    """Runs ``ingest_on_cluster`` in a thread; ``result()`` gives its summary or raises its error."""

    def __init__(self, **kwargs):
        super().__init__(daemon=True)
        self.kwargs, self.summary, self.error = kwargs, None, None
        self.start()

    def run(self):
        try:
            target = self.kwargs.pop("target", ingest_on_cluster)
            with open_store(self.kwargs.pop("db")) as store:
                self.summary = target(store, **self.kwargs)
        except Exception as error:  # noqa: BLE001 - handed to the test thread
            self.error = error

    def result(self):
        self.join(RUN_TIMEOUT_S)
        assert not self.is_alive(), "the run did not finish: deadlock or lost task"
        if self.error:
            raise self.error
        return self.summary


@pytest.fixture(scope="module")
def client():
    """A local cluster of 2 single-threaded worker processes for the whole module."""
    import logging
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
                                       silence_logs=logging.ERROR)
    with distributed.Client(cluster) as opened:
        yield opened
    cluster.close()


@pytest.fixture(scope="module")
def texts():
    found = corpus_texts()
    assert len(found) >= 40, "the gold corpus has too few texts for these tests"
    return found


# --- partitions -------------------------------------------------------------------------------------------

LINES = [b'{"id": "a", "text": "one"}\n', b'{"id": "b", "text": "two two"}\n', b"\n",
         b'{"id": "c", "text": "three three three"}\n', b'{"id": "d", "text": "four"}']

RANGE_CASES = [  # (target bytes, first line of each range); the lines are 27, 31, 1, 41 and 27 bytes long
    (10, [1, 2, 3, 5]),     # every cut runs on to its line's end; the blank line 3 starts a range with line 4
    (40, [1, 3, 5]),
    (58, [1, 3]),           # a cut right after a newline stays there
    (59, [1, 4]),
    (60, [1, 5]),
    (1000, [1]),
]


@pytest.mark.parametrize("target, first_lines", RANGE_CASES)
def test_line_ranges_cover_the_file_on_line_boundaries(tmp_path, target, first_lines):
    path = tmp_path / "x.jsonl"
    data = b"".join(LINES)
    path.write_bytes(data)
    pieces = line_ranges(str(path), len(data), target)
    assert [p.first_line for p in pieces] == first_lines
    assert pieces[0].start == 0 and pieces[-1].end == len(data)
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))
    starts = {0} | {i + 1 for i, byte in enumerate(data) if byte == ord("\n")}
    assert all(p.start in starts for p in pieces)


def test_partitions_read_every_line_once_with_its_line_number(tmp_path, texts):
    rows = cycled(texts, 30, "r")
    path = write_jsonl(tmp_path / "in.jsonl", rows, {5: "{broken", 17: '{"id": "no-text"}'})
    partitions = plan_partitions([str(path)], 20_000)
    assert len(partitions) > 2 and all(len(p.pieces) == 1 for p in partitions)
    read = [item for partition in partitions for item in read_partition(partition)]
    assert [getattr(item, "id", None) for item in read if not isinstance(item, Exception)] == [r["id"] for r in rows]
    assert [str(e).split(": ")[0] for e in read if isinstance(e, Exception)] == [f"{path}:6", f"{path}:19"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_utf16_jsonl_is_read_as_ingest_reads_it(client, tmp_path, texts, encoding):
    """A JSON Lines file in UTF-16 or UTF-32 with its byte order mark, bigger than a partition: both engines store
    the same documents. Before (s25-dask2) the Dask engine cut it at the byte 0x0A and every line failed."""
    rows = cycled(texts, 12, "w")
    body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path = tmp_path / "wide.jsonl"
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")  # the BE codec writes no mark of its own
    path.write_bytes(bom + body.encode(encoding))
    partition_bytes = path.stat().st_size // 4
    assert [piece.end for p in plan_partitions([str(path)], partition_bytes) for piece in p.pieces] == [None]
    baseline, expected = single_process([str(path)], tmp_path / "one.db")
    assert (expected.added, expected.failed) == (12, 0)
    db = str(tmp_path / "dask.db")
    with open_store(db) as store:
        summary = ingest_on_cluster(store, [str(path)], client=client, partition_bytes=partition_bytes,
                                    batch_size=5)
    assert summary.errors == [] and summary.line() == expected.line()
    assert_same_store(db, baseline)


def test_where_splits_and_joins_back_exactly():
    from analyzer.cluster.duplicates import join_where, split_where
    for where in ["a.jsonl:12", "a:b.jsonl:3", "x.json[4]", "notes.txt", "f.jsonl:007", "f.jsonl:0", "f:", ":5",
                  "f.jsonl:١٢", "f.jsonl:-3", "C:\\in\\x.jsonl:9"]:
        file, line = split_where(where)
        assert join_where(file, line) == where


def test_small_files_are_grouped(tmp_path):
    for n in range(5):
        (tmp_path / f"{n}.txt").write_text("人民银行发布数据。" * 50, encoding="utf-8")
    partitions = plan_partitions([str(tmp_path)], 3000)
    assert [len(p.pieces) for p in partitions] == [2, 2, 1]
    assert [piece.path for p in partitions for piece in p.pieces] == [str(tmp_path / f"{n}.txt") for n in range(5)]
    assert partitions[0].pieces[0] == Piece(str(tmp_path / "0.txt"), root=str(tmp_path))  # ids relative to it


def test_a_record_folder_is_listed_as_ingest_records_lists_it(tmp_path, texts):
    """s21-review: with --records the planner walked a folder with rglob, which skipped a link to a folder, a FIFO
    and an unreadable folder in silence, while `ingest --records` (and the planner without --records since
    s21-probe) names each; both now list a record folder alike."""
    from analyzer.store.ingest import read_records
    folder, other = tmp_path / "in", tmp_path / "other"
    folder.mkdir()
    other.mkdir()
    record = json.dumps({"format": "policy-records/v1", "doc": {"id": "r1"}, "text": texts[0]["text"],
                         "figures": [], "mentions": []}, ensure_ascii=False)
    (folder / "a.jsonl").write_text(record + "\n", encoding="utf-8")
    (other / "b.jsonl").write_text(record.replace('"r1"', '"r2"') + "\n", encoding="utf-8")
    (folder / "link").symlink_to(other)
    os.mkfifo(folder / "pipe.jsonl")
    read = [item for partition in plan_partitions([str(folder)], records=True) for item in read_partition(partition)]
    local = list(read_records([str(folder)]))
    assert sorted(str(e) for e in read if isinstance(e, Exception)) == \
        sorted(str(e) for e in local if isinstance(e, Exception))
    assert any("a link to a folder, not followed" in str(e) for e in read)
    assert [r.document.id for r in read if not isinstance(r, Exception)] == ["r1"]


# --- equal results ----------------------------------------------------------------------------------------

def test_a_folder_link_inside_a_folder_is_reported_not_walked(client, tmp_path, texts):
    """s21-probe: the partition planner passed on a listing error by its path, 'to be read again' — and a link to a
    folder, read again by name, was walked: on the Dask engine `ingest DIR` with DIR/sub/up -> .. read every file
    twice (each copy a 'repeats the record' line, stored under the link's path) instead of naming the link."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for row in texts[:3]:
        (folder / f"{row['id']}.json").write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    (folder / "sub" / "up").symlink_to("..")
    (folder / "missing.txt").symlink_to(tmp_path / "nowhere.txt")
    paths = [str(folder)]
    baseline, expected = single_process(paths, tmp_path / "one.db")
    db = str(tmp_path / "dask.db")
    with open_store(db) as store:
        summary = ingest_on_cluster(store, paths, client=client, partition_bytes=30_000, batch_size=7)
    assert summary.line() == expected.line() and (summary.added, summary.failed) == (3, 2)
    assert sorted(summary.errors) == sorted(expected.errors)
    assert any("a link to a folder, not followed" in line for line in summary.errors)
    assert_same_store(db, baseline)


def test_two_workers_equal_a_single_process_ingest(client, tmp_path, texts):
    jsonl = write_jsonl(tmp_path / "news.jsonl", cycled(texts, 40, "n"), {12: "{not json"})
    files = tmp_path / "files"
    files.mkdir()
    for row in texts[:12]:
        (files / f"{row['id']}.json").write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    paths = [str(jsonl), str(files)]
    baseline, expected = single_process(paths, tmp_path / "one.db")
    db = str(tmp_path / "dask.db")
    with open_store(db) as store:
        summary = ingest_on_cluster(store, paths, client=client, partition_bytes=30_000, batch_size=7)
    assert len(plan_partitions(paths, 30_000)) >= 4
    assert summary.line() == expected.line()
    assert sorted(summary.errors) == sorted(expected.errors) == [f"{jsonl}:13: malformed JSON at line 1 column 2: "
                                                                 "Expecting property "
                                                                 "name enclosed in double quotes"]
    assert_same_store(db, baseline)
    with open_store(db) as store:  # a second run (a duplicated run) changes nothing
        again = ingest_on_cluster(store, paths, client=client, partition_bytes=30_000, batch_size=7)
    assert (again.added, again.updated, again.unchanged) == (0, 0, expected.added)
    assert_same_store(db, baseline)


def test_worker_killed_mid_partition_loses_nothing(client, tmp_path, texts):
    """One big partition; its worker is killed once some batches are committed. Dask runs the partition
    again on a worker; the rerun skips what was committed and writes the rest."""
    count = 300
    jsonl = write_jsonl(tmp_path / "big.jsonl", cycled(texts, count, "k"))
    # the texts repeat every len(texts) rows: keep them, so that all 300 are written
    baseline, _ = single_process([str(jsonl)], tmp_path / "one.db", keep_same_text=True)
    db = str(tmp_path / "dask.db")
    open_store(db).close()
    run = Background(db=db, paths=[str(jsonl)], client=client, batch_size=5, partition_bytes=2**30,
                     keep_same_text=True)
    wait_for(lambda: document_count(db) > 0 or not run.is_alive(), "the first committed batch")
    busy = [address for address, keys in client.processing().items() if keys]
    assert busy, "the partition finished before a worker could be killed: give it more documents"
    pids = client.run(os.getpid)
    committed = document_count(db)
    os.kill(pids[busy[0]], signal.SIGKILL)
    summary = run.result()
    assert 0 < committed < count, "the worker was not killed in the middle of its partition"
    assert summary.failed == 0 and summary.added + summary.unchanged == count
    assert summary.unchanged >= committed  # the rerun found the killed task's batches and left them
    assert_same_store(db, baseline)
    client.wait_for_workers(2, timeout=60)


@pytest.fixture
def scheduler_process(tmp_path):
    """A scheduler and one worker started as on a real cluster (`dask scheduler`, `dask worker`), in processes
    of their own; yields the scheduler's process and address. Both are killed at the end."""
    import subprocess
    import sys
    file = tmp_path / "scheduler.json"
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--port", "0",
                                  "--dashboard-address", ":0", "--scheduler-file", str(file)],
                                 cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = None
    try:
        wait_for(lambda: file.exists() and file.stat().st_size > 0, "the scheduler", 60)
        address = json.loads(file.read_text())["address"]
        worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                                   "--no-nanny", "--no-dashboard"],
                                  cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        yield scheduler, address
    finally:
        for process in (worker, scheduler):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()


def _sixty_and_their_baseline(tmp_path, texts, prefix: str):
    """60 documents in one JSON Lines file, the single-process store of them (the baseline a cluster run must equal)
    and an empty store for the cluster to write."""
    jsonl = write_jsonl(tmp_path / "in.jsonl", cycled(texts, 60, prefix))
    baseline, _ = single_process([str(jsonl)], tmp_path / "one.db")
    db = str(tmp_path / "dask.db")
    open_store(db).close()
    return jsonl, baseline, db


def test_scheduler_gone_ends_with_one_line_and_a_rerun_finishes(client, scheduler_process, tmp_path, texts):
    scheduler, address = scheduler_process
    jsonl, baseline, db = _sixty_and_their_baseline(tmp_path, texts, "s")
    with distributed.Client(address, timeout=30) as remote:
        remote.wait_for_workers(1, timeout=60)
        run = Background(db=db, paths=[str(jsonl)], client=remote, batch_size=5, partition_bytes=20_000)
        wait_for(lambda: document_count(db) > 0 or not run.is_alive(), "the first committed batch")
        scheduler.kill()
        with pytest.raises(ClusterError) as raised:
            run.result()
    message = str(raised.value)
    assert message.startswith("lost the Dask scheduler after") and "run the same command again" in message
    assert "\n" not in message
    with open_store(db) as store:
        summary = ingest_on_cluster(store, [str(jsonl)], client=client, batch_size=5, partition_bytes=20_000)
    assert summary.failed == 0 and summary.unchanged > 0
    assert_same_store(db, baseline)


def test_unreachable_scheduler_is_one_line(tmp_path, monkeypatch, texts):
    monkeypatch.setattr(cluster_engine, "CONNECT_TIMEOUT_S", 1)
    jsonl = write_jsonl(tmp_path / "in.jsonl", cycled(texts, 2, "u"))
    result = CliRunner().invoke(main, ["ingest", str(jsonl), "--scheduler", "tcp://127.0.0.1:9", "--db",
                                       str(tmp_path / "x.db"), "--no-progress"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert result.stderr.count("\n") == 1


# --- Parquet ----------------------------------------------------------------------------------------------

def test_parquet_round_trip(client, tmp_path, texts):
    rows = cycled(texts, 30, "p")
    jsonl = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "lake"
    summary = extract_on_cluster([str(jsonl)], str(out), client=client, partition_bytes=20_000)
    files = sorted(out.glob("part-*.parquet"))
    assert summary.records == 30 and summary.failed == 0 and summary.files == len(files) > 1
    pipeline = Pipeline()
    expected = {row["id"]: pipeline.analyze(document).to_dict()
                for row, document in zip(rows, (d for p in plan_partitions([str(jsonl)]) for d in read_partition(p)))}
    read = [record for path in files for record in read_parquet_records(str(path))]
    assert {r.document.id: r.to_dict() for r in read} == expected

    import pyarrow.dataset as ds
    table = ds.dataset(str(out), format="parquet").to_table(columns=["doc_id", "figures"])
    values = {(doc_id, f["value"]) for doc_id, figures in zip(table.column("doc_id").to_pylist(),
                                                            table.column("figures").to_pylist()) for f in figures}
    assert values == {(doc_id, f["value"]) for doc_id, r in expected.items() for f in r["figures"]}

    db = str(tmp_path / "lake.db")
    result = CliRunner().invoke(main, ["ingest", "--records", str(out), "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "30 added, 0 updated, 0 unchanged, 0 failed" in result.stderr
    analyzed, _ = single_process([str(jsonl)], tmp_path / "one.db")
    loaded = fingerprint(db)
    for table in ("sentences", "figures", "mentions", "links"):
        assert loaded[table] == analyzed[table], table
    with open_store(db) as store:
        again = ingest_partitions_here(store, [str(out)], records=True)
    assert (again.added, again.unchanged) == (0, 30)


PARQUET_USAGE_CASES = [  # (extra arguments, what the one-line error says)
    (["--engine", "dask"], "needs both --out DIR and --format parquet"),
    (["--out", "OUT"], "needs both --out DIR and --format parquet"),
    (["--format", "parquet"], "needs both --out DIR and --format parquet"),
    (["--out", "OUT", "--format", "parquet", "--lang", "en"], "--lang en is for printed records"),
]


@pytest.mark.parametrize("extra, message", PARQUET_USAGE_CASES)
def test_extract_parquet_usage_errors(tmp_path, extra, message):
    source = tmp_path / "a.txt"
    source.write_text("央行下调存款准备金率0.5个百分点。", encoding="utf-8")
    extra = [str(tmp_path / "out") if arg == "OUT" else arg for arg in extra]
    result = CliRunner().invoke(main, ["extract", str(source), *extra])
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_extract_parquet_here_then_ingest_records(tmp_path, texts):
    jsonl = write_jsonl(tmp_path / "in.jsonl", cycled(texts, 6, "h"))
    out, db = tmp_path / "lake", str(tmp_path / "lake.db")
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(jsonl), "--out", str(out), "--format", "parquet",
                                  "--partition-mb", "0.005"])
    assert result.exit_code == 0, result.output
    assert "6 records in" in result.stderr and len(list(out.glob("part-*.parquet"))) > 1
    result = runner.invoke(main, ["ingest", "--records", str(out), "--db", db, "--no-progress"])
    assert result.exit_code == 0 and "6 added" in result.stderr


def test_parquet_reader_reports_a_foreign_file(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"x": [1]}), path)
    (error,) = list(read_parquet_records(str(path)))
    assert str(error).startswith(f"{path}: not a record Parquet file")


# --- many writers -----------------------------------------------------------------------------------------

@pytest.fixture
def pg_url():
    """A private schema in the test PostgreSQL database."""
    from conftest import postgres_schema
    with postgres_schema("t_dask") as url:
        yield url


def waiting_writers(admin: sa.Engine) -> int:
    """Backends of this database waiting for a lock (the writers held back by the test's table lock)."""
    with admin.connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                          "AND wait_event_type = 'Lock'")).scalar_one()


def tasks_without_a_plan(store, paths, client, batch_size, partition_bytes):
    """Every partition's ingest task with no ``--on-duplicate`` decisions: tasks that write the same documents
    at once, as duplicated tasks, or two runs over overlapping inputs, do."""
    job = IngestJob(store.url, Settings(), batch_size, keep_same_text=True)  # the files share texts: keep them
    return cluster_engine.run_on_cluster(client, ingest_partition, plan_partitions(paths, partition_bytes), job,
                                         PartitionSummary())


def test_eight_writers_on_postgresql(pg_url, tmp_path, texts):
    """8 single-threaded workers write to one PostgreSQL at once. Every file starts with the same 10 documents
    and adds 10 of its own, in batches of 3. (A run decides repeated ids before dispatch, so the tasks run here
    without those decisions, as duplicated tasks or overlapping runs would: all 8 try to write the shared ones.) The test holds the documents table locked until all 8 writers
    wait (one at the table, seven at the first documents' advisory locks), and meanwhile stores an outdated
    copy of shared-0000 that it commits on release: the first writer meets a real unique-key conflict,
    retries (in Store.write or here) and replaces it; the other seven then find the shared documents stored and skip them."""
    import logging
    shared = cycled(texts, 10, "shared")
    paths = [str(write_jsonl(tmp_path / f"w{n}.jsonl", shared + cycled(texts[n * 5:], 10, f"own{n}")))
             for n in range(8)]
    one_file = max(os.path.getsize(path) for path in paths)  # a partition a file: two files are more than that
    assert len(plan_partitions(paths, one_file)) == 8
    # the files share texts under other ids too; tasks without a plan keep them, as a run with --keep-same-text does
    baseline, _ = single_process(paths, tmp_path / "one.db", keep_same_text=True)
    open_store(pg_url).close()
    admin = sa.create_engine(open_store(pg_url).url, poolclass=sa.pool.NullPool)
    outdated = {"doc_id": "shared-0000", "content_hash": "outdated", "text": "旧文本", "extractor_version": "0",
                "ingested_at": "2020-01-01T00:00:00+00:00"}
    cluster = distributed.LocalCluster(n_workers=8, processes=True, threads_per_worker=1, dashboard_address=":0",
                                       silence_logs=logging.ERROR)
    try:
        with distributed.Client(cluster) as eight, admin.connect() as gate:
            eight.wait_for_workers(8, timeout=120)
            with gate.begin():
                gate.exec_driver_sql("LOCK TABLE documents IN SHARE ROW EXCLUSIVE MODE")  # reads pass, writes wait
                gate.execute(schema.documents.insert(), outdated)
                run = Background(target=tasks_without_a_plan, db=pg_url, paths=paths, client=eight, batch_size=3,
                                 partition_bytes=one_file)
                wait_for(lambda: waiting_writers(admin) >= 8 or not run.is_alive(), "8 writers at their locks")
            summary = run.result()
    finally:
        cluster.close()
        admin.dispose()
    assert summary.failed == 0 and summary.total == 8 * 20
    assert summary.write_retries <= 1  # Store.write retries a conflict itself; this engine catches what is left
    assert (summary.added, summary.updated, summary.unchanged) == (89, 1, 70)
    assert document_count(pg_url) == 90
    with open_store(pg_url) as store, store.engine.connect() as connection:
        distinct = connection.execute(sa.select(sa.func.count(sa.distinct(schema.documents.c.doc_id)))).scalar_one()
    assert distinct == 90
    assert_same_store(pg_url, baseline)


# --- --on-duplicate and --time-limit, as in a single-process ingest ------------------------------------------------

def stored_documents(url: str) -> dict[str, tuple[str, str]]:
    """``doc_id → (content_hash, origin)`` of every stored document."""
    d = schema.documents.c
    with open_store(url) as store, store.engine.connect() as connection:
        return {doc_id: (digest, origin) for doc_id, digest, origin
                in connection.execute(sa.select(d.doc_id, d.content_hash, d.origin))}


def duplicate_inputs(tmp_path: Path, texts: list[dict]) -> tuple[list[str], int]:
    """A JSON Lines file cut into 3 byte ranges and a small second file. ``twice`` repeats, with other content,
    in the first and last range of the big file; ``across`` is in both files, with other content; ``same``
    is in both files with the same content. Returns the paths and the partition size."""
    rows = cycled(texts, 24, "d")
    rows[3] = {**texts[30], "id": "twice"}
    rows[5] = {**texts[32], "id": "across"}
    rows[7] = {**texts[35], "id": "same"}
    rows[20] = {**texts[31], "id": "twice"}
    wire = write_jsonl(tmp_path / "wire.jsonl", rows)
    other = write_jsonl(tmp_path / "other.jsonl", [{**texts[33], "id": "across"}, {**texts[34], "id": "o-1"},
                                                   {**texts[35], "id": "same"}])
    partition_bytes = wire.stat().st_size // 3 + 1
    partitions = plan_partitions([str(wire), str(other)], partition_bytes)
    ranges = [p for p in partitions if p.pieces[0].path == str(wire)]
    assert len(ranges) == 3 and all(p.pieces[0].end is not None for p in ranges)
    line_of_first = {p.index: p.pieces[0].first_line for p in ranges}
    assert line_of_first[ranges[0].index] <= 4 < line_of_first[ranges[1].index] < 21, "twice is not in two ranges"
    return [str(wire), str(other)], partition_bytes


@pytest.mark.parametrize("policy", DUPLICATE_POLICIES)
def test_on_duplicate_equals_a_single_process_ingest(client, tmp_path, texts, policy):
    """Ids repeated across byte ranges of one file and across two files, then, in a second run, ids already
    stored from another file: the same documents, hashes and error lines as ``analyzer ingest``."""
    paths, partition_bytes = duplicate_inputs(tmp_path, texts)
    baseline, expected = single_process(paths, tmp_path / "one.db", on_duplicate=policy)
    db = str(tmp_path / "dask.db")
    with open_store(db) as store:
        summary = ingest_on_cluster(store, paths, client=client, partition_bytes=partition_bytes, batch_size=4,
                                    on_duplicate=policy)
    assert sorted(summary.errors) == sorted(expected.errors)
    assert stored_documents(db) == stored_documents(str(tmp_path / "one.db"))
    assert_same_store(db, baseline)
    wire, other = paths
    if policy == "error":
        hint = "(ids must be unique: give each record its own id, or choose --on-duplicate skip|replace)"
        assert sorted(summary.errors) == sorted([f"{wire}:21: id 'twice' repeats the record at {wire}:4 {hint}",
                                                 f"{other}:1: id 'across' repeats the record at {wire}:6 {hint}",
                                                 f"{other}:3: id 'same' repeats the record at {wire}:8 {hint}"])
    if policy == "replace":  # the later input wins; the earlier ones are not analyzed at all (counted as skipped)
        assert (summary.failed, summary.skipped, summary.total) == (0, 2, 27)  # every input counted once
        assert stored_documents(db)["across"][1] == os.path.abspath(other)
    else:
        assert summary.line() == expected.line()

    later = write_jsonl(tmp_path / "later.jsonl", [{**texts[36], "id": "across"}, {**texts[37], "id": "d-0001"},
                                                   {**texts[38], "id": "new-1"}, texts_row(texts, 2, "d-0002")])
    with open_store(str(tmp_path / "one.db")) as store:
        expected = ingest(store, [str(later)], on_duplicate=policy)
    with open_store(db) as store:
        summary = ingest_on_cluster(store, [str(later)], client=client, on_duplicate=policy)
    assert sorted(summary.errors) == sorted(expected.errors)
    assert summary.line() == expected.line()
    assert stored_documents(db) == stored_documents(str(tmp_path / "one.db"))
    if policy == "error":
        assert len(summary.errors) == 2 and all("is already stored from another input" in e for e in summary.errors)


def texts_row(texts: list[dict], n: int, doc_id: str) -> dict:
    """Row ``n`` of ``cycled(texts, …)`` under ``doc_id``: the same content as that row of the wire file."""
    return {**texts[n % len(texts)], "id": doc_id}


def test_replace_keeps_the_later_input_whatever_finishes_first(client, tmp_path, texts):
    """Under replace the input read last wins, also when its partition is done long before the earlier one."""
    rows = cycled(texts, 30, "r")
    early = write_jsonl(tmp_path / "early.jsonl", rows[:29] + [{**texts[40], "id": "contested"}])
    late = write_jsonl(tmp_path / "late.jsonl", [{**texts[41], "id": "contested"}])
    paths = [str(early), str(late)]
    _, expected = single_process(paths, tmp_path / "one.db", on_duplicate="replace")
    db = str(tmp_path / "dask.db")
    with open_store(db) as store:
        summary = ingest_on_cluster(store, paths, client=client, partition_bytes=early.stat().st_size,
                                    batch_size=2, on_duplicate="replace")
    assert summary.errors == expected.errors == []
    assert stored_documents(db) == stored_documents(str(tmp_path / "one.db"))
    assert stored_documents(db)["contested"][1] == os.path.abspath(late)


def fail_once_after_a_write(marker: str) -> None:
    """On a worker: the first batch written anywhere raises once it is committed (a connection that drops
    after the commit), so Dask runs that partition again."""
    from analyzer.cluster import tasks
    original = tasks.PartitionIngest.write

    def write(self, batch):
        original(self, batch)
        if batch:
            try:
                open(marker, "x").close()
            except FileExistsError:
                return
            raise ConnectionError("the database connection dropped (a test fault)")

    tasks.PartitionIngest._test_original_write = original
    tasks.PartitionIngest.write = write


def restore_write() -> None:
    from analyzer.cluster import tasks
    original = tasks.PartitionIngest.__dict__.get("_test_original_write")
    if original is not None:
        tasks.PartitionIngest.write = original
        del tasks.PartitionIngest._test_original_write


@pytest.fixture
def by_value():
    """Functions of this module travel to the workers by value (the workers need not import the tests)."""
    import sys

    import cloudpickle
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    yield
    cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


def test_a_retried_partition_reports_no_duplicate(client, by_value, tmp_path, texts):
    """A task that fails after committing a batch runs again: it finds its own documents stored (unchanged)
    and reports no duplicate of them; the one real repeat is reported once, as by ``ingest``."""
    paths, partition_bytes = duplicate_inputs(tmp_path, texts)
    baseline, expected = single_process(paths, tmp_path / "one.db")
    marker = tmp_path / "failed-once"
    db = str(tmp_path / "dask.db")
    client.run(fail_once_after_a_write, str(marker))
    try:
        with open_store(db) as store:
            summary = ingest_on_cluster(store, paths, client=client, partition_bytes=partition_bytes, batch_size=4)
    finally:
        client.run(restore_write)
    assert marker.exists(), "no task failed: the fault was not injected"
    assert summary.unchanged >= 1  # the retried task found its committed batch
    assert sorted(summary.errors) == sorted(expected.errors) and len(expected.errors) == 3
    assert summary.failed == expected.failed
    assert stored_documents(db) == stored_documents(str(tmp_path / "one.db"))
    assert_same_store(db, baseline)


SLOW_MARK = "【慢】"


def slow_pipeline() -> None:
    """In this process (or on a worker): analysis of a text that holds ``SLOW_MARK`` spins in Python until
    interrupted (bounded, so a missing limit fails the test instead of hanging it)."""
    from analyzer.pipeline import Pipeline
    original = Pipeline.analyze

    def analyze(self, document):
        if SLOW_MARK in document.text:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                pass
        return original(self, document)

    Pipeline._test_original_analyze = original
    Pipeline.analyze = analyze


def restore_pipeline() -> None:
    from analyzer.pipeline import Pipeline
    original = Pipeline.__dict__.get("_test_original_analyze")
    if original is not None:
        Pipeline.analyze = original
        del Pipeline._test_original_analyze


def test_time_limit_on_workers(client, by_value, tmp_path, texts):
    """A document past ``--time-limit`` is reported in one line, as by ``ingest``; its neighbours are stored."""
    rows = cycled(texts, 12, "t")
    rows[5] = {**rows[5], "text": SLOW_MARK + rows[5]["text"]}
    jsonl = write_jsonl(tmp_path / "slow.jsonl", rows)
    settings = Settings(time_limit=2.0)
    slow_pipeline()
    try:
        _, expected = single_process([str(jsonl)], tmp_path / "one.db", settings=settings)
    finally:
        restore_pipeline()
    db = str(tmp_path / "dask.db")
    client.run(slow_pipeline)
    try:
        with open_store(db) as store:
            summary = ingest_on_cluster(store, [str(jsonl)], client=client, settings=settings,
                                        partition_bytes=jsonl.stat().st_size // 2)
    finally:
        client.run(restore_pipeline)
    line = f"{jsonl}:6: analysis took longer than 2 s (the per-document limit, --time-limit): skipped"
    assert summary.errors == expected.errors == [line]
    assert summary.line() == expected.line()
    assert (summary.added, summary.failed) == (11, 1)
    stored = stored_documents(db)
    assert set(stored) == {row["id"] for row in rows} - {"t-0005"}
    assert stored == stored_documents(str(tmp_path / "one.db"))


@pytest.mark.parametrize("policy", ["error", "replace"])
def test_on_duplicate_on_postgresql(client, pg_url, tmp_path, texts, policy):
    """The same decisions when the workers write to PostgreSQL (ids repeated across ranges and files)."""
    paths, partition_bytes = duplicate_inputs(tmp_path, texts)
    _, expected = single_process(paths, tmp_path / "one.db", on_duplicate=policy)
    with open_store(pg_url) as store:
        summary = ingest_on_cluster(store, paths, client=client, partition_bytes=partition_bytes, batch_size=4,
                                    on_duplicate=policy)
    assert sorted(summary.errors) == sorted(expected.errors)
    assert stored_documents(pg_url) == stored_documents(str(tmp_path / "one.db"))


def test_an_ingest_job_never_shows_its_password():
    """Each Dask task gets the job (the store's URL among it) as an argument; distributed before 2024.11 logged a
    failed task's arguments on the worker ("Compute Failed … args: (IngestJob(db_url='postgresql://user:secret@…'"),
    and any repr of the job showed the password."""
    job = IngestJob("postgresql+psycopg://analyst:s3cr3t@db.example/analyzer", Settings(), 50)
    assert "s3cr3t" not in repr(job) and "s3cr3t" not in str(job)
    assert "analyst:***@db.example" in repr(job)
    assert job.db_url.endswith("analyst:s3cr3t@db.example/analyzer")  # the workers still connect with it


# --- one file, one document -----------------------------------------------------------------------------------

def same_text_inputs(tmp_path: Path, texts: list[dict]) -> tuple[list[str], int]:
    """A JSON Lines file cut into 3 byte ranges whose row 20 has row 3's text under another id, a second file
    repeating row 5's text, and a folder whose sub-folder is named too (in/sub/ok.txt read twice)."""
    rows = cycled(texts, 24, "t")
    rows[20] = {**texts[3], "id": "t-copy"}
    wire = write_jsonl(tmp_path / "wire.jsonl", rows)
    other = write_jsonl(tmp_path / "other.jsonl", [{**texts[5], "id": "o-copy", "title": "转载"},
                                                   {**texts[33], "id": "o-1"}])
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "ok.txt").write_text(texts[34]["text"], encoding="utf-8")
    partition_bytes = wire.stat().st_size // 3 + 1
    return [str(wire), str(other), str(tmp_path / "in"), str(tmp_path / "in" / "sub")], partition_bytes


@pytest.mark.parametrize("keep", [False, True])
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_same_text_equals_a_single_process_ingest(client, tmp_path, texts, keep, backend):
    """Inputs whose text another id holds, in one run and then against the store: the same documents, lines
    and summary as ``analyzer ingest``, on SQLite and PostgreSQL."""
    from conftest import postgres_schema
    if backend == "postgresql" and not os.environ.get("ANALYZER_TEST_POSTGRES_URL"):
        pytest.skip("needs ANALYZER_TEST_POSTGRES_URL")
    paths, partition_bytes = same_text_inputs(tmp_path, texts)
    later = write_jsonl(tmp_path / "later.jsonl", [{**texts[7], "id": "l-copy"}, {**texts[35], "id": "l-1"}])
    with contextlib.ExitStack() as stack:
        urls = [str(tmp_path / "one.db"), str(tmp_path / "dask.db")] if backend == "sqlite" else \
            [stack.enter_context(postgres_schema("t_same")), stack.enter_context(postgres_schema("t_same"))]
        said = []
        for run in ([*paths], [str(later)]):
            with open_store(urls[0]) as store:
                expected = ingest(store, run, keep_same_text=keep)
            said.append(sorted(expected.notices))
            notices = []
            with open_store(urls[1]) as store:
                summary = ingest_on_cluster(store, run, client=client, partition_bytes=partition_bytes,
                                            batch_size=4, keep_same_text=keep, on_notice=notices.append)
            assert summary.errors == expected.errors == []
            assert sorted(notices) == sorted(summary.notices) == sorted(expected.notices)
            assert summary.line() == expected.line()
            assert stored_documents(urls[1]) == stored_documents(urls[0])
        found = stored_documents(urls[1])
    wire, other, root, sub = paths
    if keep:
        assert {"t-copy", "o-copy", "l-copy", "sub/ok.txt", "ok.txt"} <= set(found)
        return
    assert not {"t-copy", "o-copy", "l-copy", "ok.txt"} & set(found) and "sub/ok.txt" in found
    assert said[0] == sorted([f"{wire}:21: skipped: same text as 't-0003' ({wire}:4)",
                              f"{other}:1: skipped: same text as 't-0005' ({wire}:6)",
                              f"{sub}/ok.txt: skipped: same text as 'sub/ok.txt' ({root}/sub/ok.txt)"])
    assert said[1] == [f"{later}:1: skipped: same text as 't-0007' ({wire})"]


def open_on_worker(url: str) -> int:
    """On a worker: open (and cache) the store at ``url`` as a task does, and read from it once."""
    from analyzer.cluster.tasks import known_documents, store_for
    return len(known_documents(store_for(url), ["nothing"]))


def test_a_sqlite_store_made_again_at_its_path_is_written(client, tmp_path, texts):
    """s24-dask: a worker keeps its store open between runs (one engine a URL). A SQLite file deleted and made
    again at the same path (`rm store.db`, then the same `ingest --scheduler` command) was still read and written
    through the old, deleted file: the run said `0 added, 3 unchanged` and the new store stayed empty."""
    jsonl = write_jsonl(tmp_path / "in.jsonl", cycled(texts, 3, "z"))
    db = tmp_path / "store.db"
    with open_store(str(db)) as store:
        assert ingest_on_cluster(store, [str(jsonl)], client=client).added == 3
        url = store.url
    client.run(open_on_worker, url)  # every worker holds the store now, as a long-lived worker of earlier runs does
    for path in tmp_path.glob("store.db*"):
        path.unlink()
    with open_store(str(db)) as store:
        summary = ingest_on_cluster(store, [str(jsonl)], client=client)
    assert (summary.added, summary.unchanged) == (3, 0)
    assert document_count(str(db)) == 3


def test_a_cluster_that_cannot_load_the_analyzer_is_one_line(client, tmp_path, texts, monkeypatch):
    """s24-dask: a `dask scheduler` started where the analyzer is not installed ended the run with a line cut
    mid-sentence (`failed (RuntimeError: Error during deserialization of the task graph. This frequently)`), and a
    `dask worker` without it failed to read its task, left, and the run waited for ever. Both are asked to import
    the tasks' code first; a module no machine has stands in for the missing analyzer."""
    monkeypatch.setattr(cluster_engine, "TASK_MODULE", "analyzer_s24_not_installed")
    jsonl = write_jsonl(tmp_path / "in.jsonl", cycled(texts, 2, "m"))
    with open_store(str(tmp_path / "store.db")) as store, pytest.raises(ClusterError) as raised:
        ingest_on_cluster(store, [str(jsonl)], client=client)
    message = str(raised.value)
    assert message.startswith(f"the Dask scheduler at {client.scheduler.address} cannot load the analyzer "
                              "(ModuleNotFoundError: No module named 'analyzer_s24_not_installed')")
    assert "install the same analyzer" in message and "\n" not in message
    assert document_count(str(tmp_path / "store.db")) == 0


def sleepy_pipeline(seconds: float) -> None:
    """In this process (or on a worker): every analysis takes ``seconds`` longer (undone by ``restore_pipeline``)."""
    from analyzer.pipeline import Pipeline
    original = Pipeline.analyze

    def analyze(self, document):
        time.sleep(seconds)
        return original(self, document)

    Pipeline._test_original_analyze = original
    Pipeline.analyze = analyze


def test_an_interrupted_run_stops_its_tasks_and_counts_them(client, by_value, tmp_path, texts):
    """s24-dask: Ctrl-C or SIGTERM of `ingest --scheduler` said `interrupted; every committed batch is kept` with
    no count, and the tasks running on the cluster went on writing after it (65 stored at the signal, 280 at the
    exit, 300 later). Now the tasks stop before their next batch and the interrupt carries the exact count of what
    the run wrote; nothing is written after it, and the same run again adds exactly the rest."""
    count = 40
    jsonl = write_jsonl(tmp_path / "in.jsonl", cycled(texts, count, "i"))
    baseline, _ = single_process([str(jsonl)], tmp_path / "one.db")
    expected = sum(baseline["documents"].values())
    db = str(tmp_path / "dask.db")
    open_store(db).close()
    client.run(sleepy_pipeline, 0.1)
    timer = threading.Thread(target=lambda: (wait_for(lambda: document_count(db) >= 4, "a committed batch"),
                                             __import__("_thread").interrupt_main()), daemon=True)
    try:
        timer.start()
        with open_store(db) as store, pytest.raises(KeyboardInterrupt) as raised:
            ingest_on_cluster(store, [str(jsonl)], client=client, batch_size=2,
                              partition_bytes=jsonl.stat().st_size // 4 + 1)
        stored = document_count(db)
        time.sleep(1.5)  # a task that went on would write its next batch meanwhile (2 documents in 0.2 s)
        assert document_count(db) == stored, "the cluster went on writing after the run was interrupted"
    finally:
        client.run(restore_pipeline)
    summary = raised.value.summary
    assert 0 < summary.added == stored < expected and summary.failed == 0
    with open_store(db) as store:
        again = ingest_on_cluster(store, [str(jsonl)], client=client, batch_size=2)
    assert (again.added, again.unchanged, again.failed) == (expected - stored, stored, 0)
    assert_same_store(db, baseline)


def test_a_run_whose_workers_are_all_gone_ends_with_one_line(scheduler_process, tmp_path, texts, monkeypatch):
    """s24-dask: with the only worker of a `dask scheduler` killed mid-run (no nanny to start it again), the run
    waited for ever without a word. It now ends once the scheduler has had no worker for WORKER_WAIT_S, and the
    same command on a cluster with workers finishes the job."""
    monkeypatch.setattr(cluster_engine, "WORKER_WAIT_S", 2)
    _, address = scheduler_process
    jsonl, baseline, db = _sixty_and_their_baseline(tmp_path, texts, "w")
    with distributed.Client(address, timeout=30) as remote:
        remote.wait_for_workers(1, timeout=60)
        pids = list(remote.run(os.getpid).values())
        run = Background(db=db, paths=[str(jsonl)], client=remote, batch_size=2, partition_bytes=20_000)
        wait_for(lambda: document_count(db) > 0 or not run.is_alive(), "the first committed batch")
        os.kill(pids[0], signal.SIGKILL)
        with pytest.raises(ClusterError) as raised:
            run.result()
    message = str(raised.value)
    assert message.startswith(f"the Dask scheduler at {address} has had no workers for 2 s after ")
    assert "run the same command again" in message and "\n" not in message
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as local, open_store(db) as store:
        summary = ingest_on_cluster(store, [str(jsonl)], client=local, partition_bytes=20_000)
    assert summary.failed == 0
    assert_same_store(db, baseline)


def test_the_local_cluster_leaves_ctrl_c_to_the_client(tmp_path):
    """s24-dask: Ctrl-C in a terminal reaches the whole process group. The local cluster's worker processes took
    it too: each printed a KeyboardInterrupt traceback and died, so the interrupted run could not stop and count
    its tasks (`interrupted;` with no count, two tracebacks above it). Its workers now ignore SIGINT."""
    with cluster_engine.open_client(workers=1) as local:
        local.wait_for_workers(1, timeout=60)
        (address, pid), = local.run(os.getpid).items()
        os.kill(pid, signal.SIGINT)
        time.sleep(2)
        assert local.run(os.getpid) == {address: pid}, "the worker took the Ctrl-C and died"


class _CountedReads:
    """A binary file that notes the size of every line it hands out."""

    def __init__(self, handle, sizes: list[int]):
        self.handle, self.sizes = handle, sizes

    def readline(self, *args):
        line = self.handle.readline(*args)
        self.sizes.append(len(line))
        return line

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


def test_a_line_past_the_limit_is_never_read_whole(tmp_path, monkeypatch):
    """--max-doc-bytes bounds what one line may cost, as the local engine's reader does (it reads a line in pieces
    of the limit). The Dask engine's planner and partition reader read the whole line before they measured it: a
    .jsonl of one 300 MB line took the client's planner to 490 MB and the reader to 624 MB (the local reader 36 MB),
    so a line of gigabytes could end the client or a worker. The error line and the other lines are unchanged."""
    from analyzer.cluster import partitions as partitions_module
    from analyzer.io.readers import ReadLimits
    path = tmp_path / "long.jsonl"
    long_line = json.dumps({"id": "long", "text": "x" * 50_000}).encode() + b"\n"
    path.write_bytes(b'{"id": "a", "text": "one"}\n' + long_line + b'{"id": "b", "text": "two"}\n')
    sizes: list[int] = []
    monkeypatch.setattr(partitions_module, "SCAN_CHUNK", 1000)
    monkeypatch.setattr(partitions_module, "open", lambda *a: _CountedReads(open(*a), sizes), raising=False)
    pieces = line_ranges(str(path), path.stat().st_size, 100)
    assert [(p.start, p.first_line) for p in pieces] == [(0, 1), (27 + len(long_line), 3)]
    limits = ReadLimits(max_document_bytes=500)
    read = [item for piece in pieces for item in partitions_module._range_objects(piece, False, limits)]
    assert [getattr(item, "id", None) for item in read] == ["a", None, "b"]
    assert str(read[1]) == f"{path}:2: {limits.too_big(len(long_line))}"
    assert sizes and max(sizes) <= 1000, f"a line read whole: {max(sizes):,} bytes at once"


# --- another ingest that stores the same ids from another file meanwhile (s27-daskdup) -----------------------------

@pytest.fixture(params=["sqlite", "postgresql"])
def either_db(request, tmp_path):
    """A fresh store URL: a SQLite file, or a private PostgreSQL schema (s27_daskdup_…, dropped afterwards)."""
    if request.param == "sqlite":
        yield str(tmp_path / "s.db")
        return
    from conftest import postgres_schema
    with postgres_schema("s27_daskdup") as url:
        yield url


def meanwhile_inputs(tmp_path: Path, texts: list[dict]) -> tuple[Path, Path]:
    """``other`` holds d1 and d2; ``mine`` holds d1, d2 (other texts) and d3."""
    other = write_jsonl(tmp_path / "other.jsonl", [{**texts[1], "id": "d1"}, {**texts[2], "id": "d2"}])
    mine = write_jsonl(tmp_path / "mine.jsonl", [{**texts[11], "id": "d1"}, {**texts[12], "id": "d2"},
                                                 {**texts[13], "id": "d3"}])
    return other, mine


def plain_ingest_meanwhile(db: str, other: Path, mine: Path, policy: str, monkeypatch):
    """What a single-process ``ingest`` of ``mine`` does when ``other`` is stored after it looked (s27-reliab)."""
    from analyzer.store.sql import SQLStore
    with open_store(db) as store:
        assert ingest(store, [str(other)]).failed == 0
    with monkeypatch.context() as patch, open_store(db) as store:
        patch.setattr(SQLStore, "document_origins", lambda self: {})
        patch.setattr(SQLStore, "known_documents", lambda self: {})
        return ingest(store, [str(mine)], on_duplicate=policy)


@pytest.mark.parametrize("engine", ["cluster", "here"])
@pytest.mark.parametrize("policy, failed, skipped", [("error", 2, 0), ("skip", 0, 2)])
def test_a_dask_ingest_does_not_overwrite_what_another_ingest_stored_meanwhile(request, either_db, tmp_path, texts,
                                                                               monkeypatch, engine, policy, failed,
                                                                               skipped):
    """The client decides `--on-duplicate` against the store as it was when the run began; a plain `ingest` (or
    another Dask run) that stored the same ids from another file after that was overwritten by the workers, counted
    `updated` (main: `1 added, 2 updated, 0 unchanged, 0 failed`). Here the other ingest runs right after the
    client's look (``duplicate_plan``), before any task writes: the records get the single-process ingest's
    lines and counts, and the other file's documents stay."""
    other, mine = meanwhile_inputs(tmp_path, texts)
    expected = plain_ingest_meanwhile(str(tmp_path / "one.db"), other, mine, policy, monkeypatch)
    decide = cluster_engine.duplicate_plan

    def decide_then_other_ingest(store, *args, **kwargs):
        plan = decide(store, *args, **kwargs)
        with open_store(either_db) as beside:
            assert ingest(beside, [str(other)]).line().startswith("2 added, 0 updated, 0 unchanged, 0 failed")
        return plan

    monkeypatch.setattr(cluster_engine, "duplicate_plan", decide_then_other_ingest)
    run = ingest_partitions_here if engine == "here" else functools.partial(ingest_on_cluster,
                                                                            client=request.getfixturevalue("client"))
    with open_store(either_db) as store:
        summary = run(store, [str(mine)], on_duplicate=policy, batch_size=2)
    assert summary.line() == expected.line(), summary.errors
    assert (summary.added, summary.updated, summary.failed, summary.skipped) == (1, 0, failed, skipped)
    assert sorted(summary.errors) == sorted(expected.errors)
    if failed:
        assert any(line.startswith(f"{mine}:1: id 'd1' is already stored from another input, {other} (stored by "
                                   "another ingest meanwhile; ids must be unique") for line in summary.errors)
    stored = stored_documents(either_db)
    assert stored == stored_documents(str(tmp_path / "one.db"))
    assert stored["d1"][1] == stored["d2"][1] == os.path.abspath(other) and "d3" in stored
