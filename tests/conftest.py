"""Shared fixtures: one pipeline for the whole run, gold corpus loading."""
from __future__ import annotations

import json
import signal
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest

# A shell starts a background job (`pytest &`, `nohup pytest &`) with SIGINT ignored, and Python then keeps it
# ignored: the tests that deliver a Ctrl-C (ingest, reference import, the Dask engine) would see none. Whatever
# started the run, Ctrl-C raises KeyboardInterrupt in it, as in a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REAL_GOLD = ROOT / "real-gold"
SHARED_DATA = ROOT.parent / "shared" / "data"


def gold_files(part: str | None = None) -> list[Path]:
    base = CORPUS / part if part else CORPUS
    return sorted(base.rglob("*.json"))


def real_gold_files(part: str | None = None) -> list[Path]:
    """Gold files of outside text (real-gold/dev, test, agreement); none where ../shared/data is missing.
    real-gold/audits holds blind audit annotations (ids, hashes, spans), not gold records: left out."""
    from analyzer.io.gold import find_texts_dir
    base = REAL_GOLD / part if part else REAL_GOLD
    files = [path for path in base.rglob("*.json") if "audits" not in path.relative_to(REAL_GOLD).parts]
    return sorted(files) if find_texts_dir(REAL_GOLD) else []


def load_gold(path: Path) -> dict:
    """A gold record; one of outside text (corpus/real) gets its text back from ../shared/data."""
    from analyzer.io.gold import find_texts_dir, join_text
    return join_text(json.loads(path.read_text(encoding="utf-8")), find_texts_dir(path))


def benchmark_module(name: str):
    """A script of benchmarks/ (no package) loaded by its file, benchmarks/ on the path for its sibling imports and
    the module in sys.modules (dataclasses look it up there)."""
    import importlib.util
    import sys
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def finder():
    """One mention finder (the taxonomy's automaton and the name grammars) for the whole run."""
    from analyzer.extract.mentions import MentionFinder
    from analyzer.taxonomy import load_taxonomy
    return MentionFinder(load_taxonomy())


def tool_mentions(finder, text: str) -> list[tuple[str, str]]:
    """(written text, name) of each policy-tool mention ``finder`` reads in ``text``."""
    from analyzer.normalize import normalize
    return [(m.text, m.name) for m in finder(normalize(text), text)["policy_tools"]]


@pytest.fixture(scope="session")
def pipeline():
    from analyzer.pipeline import Pipeline
    return Pipeline()


def memory_store_of(pipeline, docs):
    """An in-memory store of (id, published, text) documents written for a test module, source 测试."""
    from analyzer.records import Document
    from analyzer.store import StoredRecord, open_store
    opened = open_store(":memory:")
    opened.write([StoredRecord(pipeline.analyze(Document(id=i, text=t, published=p, source="测试")), i, "test")
                  for i, p, t in docs])
    return opened


def module_store(docs):
    """A module-scoped ``store`` fixture: the in-memory store of ``docs`` (see ``memory_store_of``), closed after."""
    @pytest.fixture(scope="module")
    def store(pipeline):
        opened = memory_store_of(pipeline, docs)
        yield opened
        opened.close()
    return store


def verdict_of(store, claim: str, published: str, figure: str):
    """The verdict on the claim's figure written ``figure`` (the figures found are shown when it is not one)."""
    from analyzer.check import check_claim
    found = [v for v in check_claim(claim, store, published=published) if v.figure["text"] == figure]
    assert found, [v.figure["text"] for v in check_claim(claim, store, published=published)]
    return found[0]


def assert_verdict(store, claim, published, verdict, slip):
    """The verdict and slip of the claim's last figure are the expected ones (the explanation shows when not)."""
    from analyzer.check import check_claim
    v = check_claim(claim, store, published=published)[-1]
    assert (v.verdict, v.slip) == (verdict, slip), v.explanation


def assert_claim_set_floor(path: Path, tmp_path: Path, floor: dict) -> None:
    """Score a claim set against a store of its documents (corpus/ and ../shared/data) and hold it at ``floor``
    (verdict and slip accuracy); skipped where ../shared/data is missing."""
    from analyzer.check.claimset import claim_set_store, load_claims, score_claims
    root = Path(__file__).resolve().parent.parent
    shared = root.parent / "shared" / "data"
    if not shared.exists():
        pytest.skip("../shared/data is needed for this claim set")
    claims = load_claims(path)
    store = claim_set_store(claims, str(tmp_path), corpus=str(root / "corpus"), shared_data=str(shared))
    try:
        score = score_claims(claims, store)
    finally:
        store.close()
    report = "\n".join(score.lines())
    assert score.accuracy >= floor["verdict_accuracy"], report
    assert score.slip_accuracy >= floor["slip_accuracy"], report


PG_URL = __import__("os").environ.get("ANALYZER_TEST_POSTGRES_URL")
PG_SKIP = "PostgreSQL tests need ANALYZER_TEST_POSTGRES_URL (eval \"$(bash .ci/postgres.sh)\")"


@contextmanager
def postgres_schema(prefix: str = "t"):
    """A URL of the test PostgreSQL database whose search path is a fresh private schema, dropped afterwards
    (the test is skipped without a test database)."""
    import uuid

    import sqlalchemy as sa
    if not PG_URL:
        pytest.skip(PG_SKIP)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {name}")
    try:
        yield f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        admin.dispose()


@pytest.fixture
def fake_pipeline(monkeypatch):
    """Analysis that finds nothing (and loops forever on a text holding SLOW), so ingest tests run fast: what is
    stored, refused or reported is decided before analysis (tests/test_hostile_inputs.py, tests/test_same_text.py)."""
    import analyzer.store.ingest
    from analyzer.errors import InputError
    from analyzer.records import Record

    class Pipeline:
        def __init__(self, settings=None):
            pass

        def analyze(self, document):
            while "SLOW" in document.text:
                pass
            return Record(document=document)

        def analyze_many(self, items):
            for item in items:
                yield item if isinstance(item, InputError) else self.analyze(item)

    monkeypatch.setattr(analyzer.store.ingest, "Pipeline", Pipeline)


def stored_documents(db: Path) -> int:
    """How many documents a SQLite store holds now, read-only (0 while the file is not yet a store): for tests that
    watch an ingest in another process."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def gold_records_store(folder: Path, count: int) -> str:
    """A SQLite store in ``folder`` of the first ``count`` corpus/dev gold records, stored as annotated."""
    from click.testing import CliRunner

    from analyzer.cli import main
    db = str(folder / "small.db")
    result = CliRunner().invoke(main, ["ingest", *map(str, gold_files("dev")[:count]), "--records", "--db", db,
                                       "--no-progress"])
    assert result.exit_code == 0, result.output
    return db
