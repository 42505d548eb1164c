"""Incomplete metadata everywhere: title, source, published, kind and url may each be missing from any document.
Every command (query, timeline, trends, export, sql, check, brief, eval) must work in every format, say the gap
plainly, and never let a float NaN out of the store."""
from __future__ import annotations

import json
import math
from decimal import Decimal

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.store import open_store
from conftest import gold_files, load_gold, postgres_schema

FIELDS = ("title", "source", "published", "kind", "url")
FULL = {"title": "年末数据", "source": "金融时报", "published": "2025-02-10", "kind": "news", "url": "https://example.org/a"}
TEXT = "2024年末，人民币普惠小微贷款余额为32.93万亿元，同比增长14.6%。人民银行宣布下调存款准备金率0.5个百分点。"
# one document missing each field in turn, and one missing them all
DOCUMENTS = [{"id": f"no-{field}", **{k: v for k, v in FULL.items() if k != field}, "text": TEXT} for field in FIELDS]
DOCUMENTS.append({"id": "no-metadata", "text": TEXT})
ROW_FORMATS = ("json", "jsonl", "csv", "table")
CLAIM = "2024年末，普惠小微贷款余额为32.93亿元"


def _no_nan(constant):
    raise AssertionError(f"a float {constant} left the store")


def assert_clean(output: str) -> None:
    assert "Traceback" not in output and "nan" not in output.lower().replace("nanjing", ""), output[-2000:]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request, tmp_path_factory):
    """The documents ingested into a SQLite file, or a private schema of the test PostgreSQL database."""
    directory = tmp_path_factory.mktemp("missing")
    path = directory / "docs.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in DOCUMENTS), encoding="utf-8")
    if request.param == "sqlite":
        yield _ingested(path, str(directory / "missing.db"))
        return
    with postgres_schema() as database:
        yield _ingested(path, database)


def _ingested(path, database: str) -> str:
    # one text under six ids, each with other metadata: kept (by default only the first would be stored)
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", database, "--no-progress", "--keep-same-text"])
    assert result.exit_code == 0, result.output
    return database


def reader_url(database: str) -> str:
    """`analyzer sql` runs on PostgreSQL only as a reader role: the test reader, granted this schema."""
    import os

    import sqlalchemy as sa
    if not database.startswith("postgresql://"):
        return database
    reader = os.environ.get("ANALYZER_TEST_POSTGRES_READER_URL")
    if not reader:
        pytest.skip("needs ANALYZER_TEST_POSTGRES_READER_URL (eval \"$(bash .ci/postgres.sh)\")")
    schema = database.rsplit("%3D", 1)[1]
    role = sa.make_url(reader).username
    owner = sa.create_engine(database.replace("postgresql://", "postgresql+psycopg://", 1))
    with owner.begin() as connection:
        connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
        connection.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}")
    owner.dispose()
    return f"{reader}?options=-csearch_path%3D{schema}"


def run(*args: str, code: tuple[int, ...] = (0,)) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in code, (args, result.output, result.exception)
    assert_clean(result.output)
    return result.stdout


def test_values_leave_the_store_as_none_or_decimal(db):
    with open_store(db) as store:
        documents = store.documents()
        figures = store.figures()
        mentions = store.mentions()
    for frame in (documents, figures, mentions):
        for column in frame.columns:
            if column not in ("value_num", "id", "start", "end", "figure_id", "sentence_start", "document_id"):
                assert not any(isinstance(v, float) and math.isnan(v) for v in frame[column]), column
    missing = documents.set_index("doc_id")
    for field in FIELDS:
        assert missing.loc[f"no-{field}", field] is None
    assert all(isinstance(v, Decimal) for v in figures["value"])


@pytest.mark.parametrize("fmt", ROW_FORMATS)
@pytest.mark.parametrize("command", [("query",), ("timeline", "普惠小微贷款余额"), ("trends", "--by", "institution"),
                                     ("sql", "SELECT doc_id, title, source, published, kind, url FROM documents")])
def test_row_commands(db, command, fmt):
    out = run(*command, "--db", reader_url(db) if command[0] == "sql" else db, "-f", fmt)
    if fmt == "json":
        json.loads(out, parse_constant=_no_nan)
    if fmt == "jsonl":
        for line in out.splitlines():
            json.loads(line, parse_constant=_no_nan)


@pytest.mark.parametrize("fmt", ("csv", "jsonl", "parquet"))
@pytest.mark.parametrize("table", ("documents", "figures"))
def test_export(db, tmp_path, table, fmt):
    out = tmp_path / f"{table}.{fmt}"
    run("export", table, "--db", db, "-f", fmt, "-o", str(out))
    if fmt == "parquet":
        import pyarrow.parquet as pq
        rows = pq.read_table(out).to_pylist()
        assert len(rows) >= len(DOCUMENTS) and all(r.get("title") in (None, "年末数据") for r in rows if "title" in r)
    else:
        assert_clean(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ("zh", "en"))
@pytest.mark.parametrize("fmt", ("table", "json", "markdown"))
def test_check_cites_documents_with_gaps(db, fmt, lang):
    out = run("check", CLAIM, "--published", "2025-03-01", "--db", db, "-f", fmt, "--lang", lang, code=(1,))
    if fmt == "json":
        data = json.loads(out, parse_constant=_no_nan)
        evidence = data["verdicts"][0]["evidence"]
        assert {e["doc_id"] for e in evidence} == {d["id"] for d in DOCUMENTS}
        assert all(e["title"] is None for e in evidence if e["doc_id"] in ("no-title", "no-metadata"))
    else:
        gaps = ("来源不详", "日期不详") if lang == "zh" else ("source unknown", "date unknown")
        assert all(gap in out for gap in gaps), out


@pytest.mark.parametrize("field, gap", [("source", "来源不详"), ("published", "日期不详"), ("url", "无链接"),
                                        ("title", "金融时报，")])
def test_markdown_evidence_line_says_each_gap(field, gap):
    from analyzer.check.claims import Evidence
    from analyzer.check.markdown import box_words, evidence_line
    values = {"source": FULL["source"], "title": FULL["title"], "published": FULL["published"], "url": FULL["url"]}
    values[field] = None
    evidence = Evidence(doc_id="d", sentence=TEXT, start=0, end=4, text="32.93万亿元", value="1", unit="CNY",
                        measure="level", metric="m", period=None, **values)
    assert gap in evidence_line(evidence, box_words("zh"))


@pytest.mark.parametrize("field", [*FIELDS, None])
@pytest.mark.parametrize("fmt", ("md", "json"))
def test_brief(tmp_path, field, fmt):
    doc = {k: v for k, v in FULL.items() if k != field} if field else {}
    path = tmp_path / "article.json"
    path.write_text(json.dumps({"id": "a1", **doc, "text": TEXT}, ensure_ascii=False), encoding="utf-8")
    out = run("brief", str(path), "-f", fmt, "--classifier", "keywords")
    if fmt == "json":
        json.loads(out, parse_constant=_no_nan)


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("fmt", ("text", "json"))
def test_eval(tmp_path, field, fmt):
    gold = load_gold(gold_files("test")[0])
    gold["doc"].pop(field, None)
    (tmp_path / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    out = run("eval", str(tmp_path), "-f", fmt)
    if fmt == "json":
        json.loads(out, parse_constant=_no_nan)
