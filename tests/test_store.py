"""One store test-suite, run against SQLite and (when ANALYZER_TEST_POSTGRES_URL is set) PostgreSQL.

Records come from the gold corpus or are built here, so the suite does not depend on extraction quality.
"""
from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from analyzer.analysis.timeline import metric_timeline
from analyzer.analysis.trends import mention_trends
from analyzer.errors import StoreError
from analyzer.records import Record
from analyzer.store import FigureQuery, SQLStore, Store, StoredRecord, open_store
from analyzer.store import migrations, schema
from analyzer.store.ingest import ingest

from conftest import postgres_schema

ROOT = Path(__file__).resolve().parent.parent


def _loads(path: Path) -> bool:
    try:
        Record.from_dict(json.loads(path.read_text(encoding="utf-8")))
        return True
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return False  # a gold file still being written; the gold-corpus tests report it


GOLD = [path for path in sorted((ROOT / "corpus").rglob("*.json")) if _loads(path)]
PG_URL = os.environ.get("ANALYZER_TEST_POSTGRES_URL")
PG_SKIP = "PostgreSQL store tests need ANALYZER_TEST_POSTGRES_URL (eval \"$(bash .ci/postgres.sh)\")"

# A record of the spec's shape: one document, three figures, four mentions.
TEXT = "截至2025年一季度末，全国普惠小微贷款余额达35.3万亿元，同比增长12.5%。金融监管总局将融资协调机制扩大至全部外贸企业。"


def make_record(doc_id: str = "d1", value: str = "35300000000000", source: str = "经济日报",
                published: str = "2025-05-26", text: str = TEXT) -> Record:
    start = text.index("35.3万亿元")
    return Record.from_dict({
        "doc": {"id": doc_id, "title": "标题", "source": source, "published": published, "kind": "news",
                "url": None, "section": "金融"},
        "text": text,
        "figures": [
            {"text": "35.3万亿元", "start": start, "end": start + 7, "value": value, "unit": "CNY",
             "measure": "level", "metric": "普惠小微贷款余额", "period": {"start": "2025-03-31", "end": "2025-03-31"},
             "links": {"sectors": ["小微企业"], "policy_tools": [], "institutions": []}},
            {"text": "12.5%", "start": start + 12, "end": start + 17, "value": "12.5", "unit": "percent",
             "measure": "growth_rate", "comparison": "yoy", "metric": "普惠小微贷款余额",
             "period": {"start": "2025-03-31", "end": "2025-03-31"}},
            {"text": "全部", "start": text.index("全部"), "end": text.index("全部") + 2,
             "value": "123456789012345.678901234", "unit": "other",
             "measure": "other", "metric": None, "period": None},
        ],
        "policy_tools": [{"text": "融资协调机制", "start": text.index("融资协调机制"), "end": text.index("融资协调机制") + 6,
                          "name": "支持小微企业融资协调工作机制"}],
        "sectors": [{"text": "小微", "start": text.index("小微"), "end": text.index("小微") + 2, "name": "小微企业"},
                    {"text": "外贸", "start": text.index("外贸"), "end": text.index("外贸") + 2, "name": "外贸"}],
        "institutions": [{"text": "金融监管总局", "start": text.index("金融监管总局"), "end": text.index("金融监管总局") + 6,
                          "name": "国家金融监督管理总局"}],
    })


def stored(record: Record, content_hash: str = "h", version: str = "v1") -> StoredRecord:
    return StoredRecord(record, content_hash, version)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database URL: a SQLite file, or a private schema in the test PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture
def store(db_url):
    with open_store(db_url) as opened:
        yield opened


def test_store_implements_protocol(store):
    assert isinstance(store, Store)
    assert store.schema_version() == schema.SCHEMA_VERSION


def test_write_and_read_back_exactly(store):
    result = store.write([stored(make_record())])
    assert (result.added, result.updated, result.figures, result.mentions) == (1, 0, 3, 4)
    assert store.counts() == {"documents": 1, "sentences": 2, "figures": 3, "mentions": 4, "links": 1}
    rows = list(store.iter_figures(FigureQuery()))
    assert [r["value"] for r in rows] == ["35300000000000", "12.5", "123456789012345.678901234"]
    level = rows[0]
    assert TEXT[level["start"]:level["end"]] == level["text"] == "35.3万亿元"
    assert level["doc_id"] == "d1" and level["sentence"].startswith("截至2025年一季度末") and level["sentence_start"] == 0
    assert level["metric_key"] and level["period_end"] == "2025-03-31"
    documents = store.documents()
    assert documents.loc[0, "meta"] == {"section": "金融"}


def test_sentence_and_linked_names_of_each_figure(store):
    store.write([stored(make_record())])
    rows = list(store.iter_figures(FigureQuery()))
    ids = [r["figure_id"] for r in rows]
    assert store.sentence_names(ids) == {ids[2]: ["国家金融监督管理总局"]}  # only 全部 shares a sentence with one
    assert store.sentence_names(ids, kind="sector") == {ids[0]: ["小微企业"], ids[1]: ["小微企业"],
                                                         ids[2]: ["外贸"]}
    assert store.sentence_names([]) == {}
    assert store.linked_names(ids, kind="sector") == {ids[0]: ["小微企业"]}
    assert store.linked_names(ids) == {}


def test_same_document_twice_stores_once(store):
    store.write([stored(make_record())])
    before = store.counts()
    result = store.write([stored(make_record())])  # as another run writes what this one wrote a moment before
    assert (result.added, result.updated, result.unchanged) == (0, 0, 1)
    assert store.counts() == before


def test_changed_document_replaces_its_rows(store):
    store.write([stored(make_record()), stored(make_record("d2"))])
    changed = make_record()
    changed.figures = changed.figures[:1]
    changed.sectors = []
    store.write([stored(changed, "h2")])
    counts = store.counts()
    assert counts["documents"] == 2 and counts["figures"] == 3 + 1 and counts["mentions"] == 4 + 2
    assert store.known_documents()["d1"] == ("h2", "v1")


def test_ingest_twice_gives_identical_counts(store):
    assert GOLD, "the gold corpus is empty"
    first = ingest(store, [str(ROOT / "corpus")], records=True)
    counts = store.counts()
    second = ingest(store, [str(ROOT / "corpus")], records=True)
    assert first.added == counts["documents"] >= len(GOLD) and first.figures == counts["figures"]
    assert (second.added, second.updated, second.unchanged, second.failed) == (0, 0, counts["documents"], first.failed)
    assert store.counts() == counts


class FakePipeline:
    """Stands in for the extractor: returns each document's gold record (analysis itself is tested elsewhere)."""
    gold = {}

    def __init__(self, settings=None):
        if not FakePipeline.gold:
            for path in GOLD:
                record = Record.from_dict(json.loads(path.read_text(encoding="utf-8")))
                FakePipeline.gold[record.document.id] = record

    def analyze(self, document):
        record = copy.deepcopy(FakePipeline.gold[document.id])
        record.document = document
        return record


def test_newer_extractor_version_replaces(store, monkeypatch):
    import analyzer.store.ingest
    monkeypatch.setattr(analyzer.store.ingest, "Pipeline", FakePipeline)
    paths = [str(p) for p in GOLD[:5]]
    first = ingest(store, paths)
    assert first.added == 5 and ingest(store, paths).unchanged == 5
    counts = store.counts()
    monkeypatch.setattr(analyzer.store.ingest, "EXTRACTOR_VERSION", "999.0.0")
    again = ingest(store, paths)
    assert again.updated == 5 and store.counts() == counts
    assert {v for _, v in store.known_documents().values()} == {"999.0.0"}


def test_bad_input_fails_alone(store, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    summary = ingest(store, [str(GOLD[0]), str(bad)], records=True)
    assert (summary.added, summary.failed) == (1, 1) and "bad.json" in summary.errors[0]


@pytest.mark.parametrize("filters, expected", [
    ({"metric": "普惠小微贷款余额"}, 4),
    ({"metric": "全国普惠小微贷款余额"}, 4),  # the same key: place words are dropped
    ({"metric": "普惠型小微企业贷款余额"}, 0),  # a different statistic
    ({"sector": "小微企业"}, 4),  # linked, or in a sentence naming it
    ({"tool": "支持小微企业融资协调工作机制"}, 2),
    ({"institution": "国家金融监督管理总局"}, 2),
    ({"source": "新华社"}, 3),
    ({"published_from": "2025-05-26", "published_to": "2025-05-26"}, 3),
    ({"published_to": "2025-01-01"}, 3),
    ({"period_from": "2025-01-01", "period_to": "2025-03-31"}, 4),
    ({"unit": "percent", "measure": "growth_rate"}, 2),
    ({"search": "同比增长"}, 4),
    ({"search": "100%_"}, 0),
    ({"doc_id": "d2", "limit": 1}, 1),
])
def test_figure_filters(store, filters, expected):
    store.write([stored(make_record()), stored(make_record("d2", source="新华社", published="2024-06-30T10:00:00"))])
    frame = store.figures(**filters)
    assert len(frame) == expected
    assert all(isinstance(v, Decimal) for v in frame["value"])


def test_unknown_filter_is_an_error(store):
    with pytest.raises(TypeError, match="unknown figure filter"):
        store.figures(metrc="x")


def test_timeline_flags_disagreement(store):
    store.write([stored(make_record("a", source="经济日报")), stored(make_record("b", source="新华社")),
                 stored(make_record("c", value="35400000000000", source="人民日报", published="2025-05-27"))])
    timeline = metric_timeline(store, "普惠小微贷款余额")
    assert len(timeline) == 1
    point = timeline.iloc[0]
    assert point["measure"] == "level" and point["value"] == "35300000000000"  # two documents against one
    assert point["documents"] == 3 and bool(point["disagree"])
    assert "35400000000000: 人民日报 (c)" in point["sources"] and "新华社 (b)" in point["sources"]
    growth = metric_timeline(store, "普惠小微贷款余额", measure="growth_rate")
    assert len(growth) == 1 and not growth.iloc[0]["disagree"] and growth.iloc[0]["comparison"] == "yoy"


def test_timeline_of_the_gold_corpus_is_a_series(store):
    ingest(store, [str(ROOT / "corpus")], records=True)
    timeline = metric_timeline(store, "普惠小微贷款余额", measure="level")
    assert len(timeline) >= 5
    assert list(timeline["period_end"]) == sorted(timeline["period_end"])
    assert set(timeline["unit"]) == {"CNY"}


def test_trends_and_mentions(store):
    store.write([stored(make_record("a", published="2024-02-01")), stored(make_record("b", published="2024-03-01")),
                 stored(make_record("c", published="2025-01-01"))])
    quarterly = mention_trends(store, "sector", "quarter")
    row = quarterly[(quarterly["period"] == "2024Q1") & (quarterly["name"] == "小微企业")].iloc[0]
    assert (row["mentions"], row["documents"]) == (2, 2)
    assert set(mention_trends(store, "tool", "year")["period"]) == {"2024", "2025"}
    assert len(store.mentions("institution")) == 3


# a text whose tools and sectors are children of others: 买断式逆回购 (逆回购), 中小微企业 (中小企业)
FINE_TEXT = "人民银行开展5000亿元买断式逆回购操作。中小微企业贷款余额增长。"


def make_fine_record(doc_id: str, published: str) -> Record:
    at = FINE_TEXT.index
    return Record.from_dict({
        "doc": {"id": doc_id, "published": published}, "text": FINE_TEXT,
        "figures": [{"text": "5000亿元", "start": at("5000亿元"), "end": at("5000亿元") + 6, "value": "500000000000",
                     "unit": "CNY", "measure": "flow", "metric": "买断式逆回购", "period": None,
                     "links": {"policy_tools": ["买断式逆回购"], "sectors": [], "institutions": ["中国人民银行"]}}],
        "policy_tools": [{"text": "买断式逆回购", "start": at("买断式逆回购"), "end": at("买断式逆回购") + 6, "name": "买断式逆回购"}],
        "sectors": [{"text": "中小微企业", "start": at("中小微企业"), "end": at("中小微企业") + 5, "name": "中小微企业"}],
        "institutions": [{"text": "人民银行", "start": 0, "end": 4, "name": "中国人民银行"}],
    })


@pytest.mark.parametrize("tool, found", [("逆回购", 1), ("公开市场操作", 1), ("买断式逆回购", 1), ("隔夜逆回购", 0),
                                         ("再贷款", 0)])
def test_query_for_a_parent_finds_its_children(store, tool, found):
    store.write([stored(make_fine_record("a", "2024-02-01"))])
    assert len(store.figures(tool=tool)) == found
    assert len(store.mentions("tool", tool)) == found


def test_query_for_a_parent_finds_names_read_outside_the_taxonomy(store):
    # the tool-name grammar's 绿色再贷款 (in_taxonomy false) is narrower than 再贷款, as 支农再贷款 is
    text = "央行设立绿色再贷款额度2000亿元。"
    record = Record.from_dict({
        "doc": {"id": "g", "published": "2024-02-01"}, "text": text,
        "figures": [{"text": "2000亿元", "start": text.index("2000"), "end": text.index("2000") + 6,
                     "value": "200000000000", "unit": "CNY", "measure": "level", "metric": "绿色再贷款额度",
                     "period": None, "links": {"policy_tools": ["绿色再贷款"], "sectors": [], "institutions": []}}],
        "policy_tools": [{"text": "绿色再贷款", "start": 4, "end": 9, "name": "绿色再贷款", "in_taxonomy": False}],
        "sectors": [], "institutions": []})
    store.write([stored(record)])
    for tool, found in (("再贷款", 1), ("结构性货币政策工具", 1), ("绿色再贷款", 1), ("降准", 0)):
        assert len(store.figures(tool=tool)) == found, tool
        assert len(store.mentions("tool", tool)) == found, tool


def test_query_for_an_institution_leaves_out_other_bodies_ending_with_its_name(store):
    # s20-review2: an outside institution that ends with a taxonomy name is another body (俄罗斯外交部 is not China's
    # 外交部), not a narrower one as an outside tool is (绿色再贷款 under 再贷款)
    text = "俄罗斯外交部称出口增长5%。"
    record = Record.from_dict({
        "doc": {"id": "ru", "published": "2024-02-01"}, "text": text,
        "figures": [{"text": "5%", "start": 11, "end": 13, "value": "5", "unit": "percent", "measure": "growth_rate",
                     "metric": "出口", "period": None,
                     "links": {"policy_tools": [], "sectors": [], "institutions": ["俄罗斯外交部"]}}],
        "policy_tools": [], "sectors": [],
        "institutions": [{"text": "俄罗斯外交部", "start": 0, "end": 6, "name": "俄罗斯外交部", "in_taxonomy": False}]})
    store.write([stored(record)])
    for body, found in (("外交部", 0), ("俄罗斯外交部", 1)):
        assert len(store.figures(institution=body)) == found, body
        assert len(store.mentions("institution", body)) == found, body


def test_query_for_a_bank_finds_its_branches(store):
    # the 2026-12-07 convention: a branch is an institution under its whole written name, its parent the bank
    text = "工行苏州分行发放贷款1亿元。"
    record = Record.from_dict({
        "doc": {"id": "br", "published": "2024-02-01"}, "text": text,
        "figures": [{"text": "1亿元", "start": 10, "end": 13, "value": "100000000", "unit": "CNY",
                     "measure": "flow", "metric": "贷款", "period": None,
                     "links": {"policy_tools": [], "sectors": [], "institutions": ["工行苏州分行"]}}],
        "policy_tools": [], "sectors": [],
        "institutions": [{"text": "工行苏州分行", "start": 0, "end": 6, "name": "工行苏州分行", "in_taxonomy": False}]})
    store.write([stored(record)])
    for bank, found in (("中国工商银行", 1), ("工行", 1), ("工行苏州分行", 1), ("中国银行", 0), ("中国农业银行", 0)):
        assert len(store.figures(institution=bank)) == found, bank
        assert len(store.mentions("institution", bank)) == found, bank
    rolled = mention_trends(store, "institution", "year", rollup=True)
    assert set(rolled["name"]) == {"中国工商银行"}


def test_query_for_a_bank_leaves_out_the_branches_of_a_bank_with_a_longer_name(store):
    # 中国银行（香港）深圳分行 is 中银香港's branch, as trends --rollup and serve read it (Taxonomy.branch_parent),
    # though it begins with 中国银行
    text = "中国银行（香港）深圳分行发放贷款1亿元。"
    name = "中国银行（香港）深圳分行"
    record = Record.from_dict({
        "doc": {"id": "hk", "published": "2024-02-01"}, "text": text,
        "figures": [{"text": "1亿元", "start": 16, "end": 19, "value": "100000000", "unit": "CNY",
                     "measure": "flow", "metric": "贷款", "period": None,
                     "links": {"policy_tools": [], "sectors": [], "institutions": [name]}}],
        "policy_tools": [], "sectors": [],
        "institutions": [{"text": name, "start": 0, "end": 12, "name": name, "in_taxonomy": False}]})
    store.write([stored(record)])
    for bank, found in (("中银香港", 1), ("中国银行（香港）", 1), ("中国银行", 0)):
        assert len(store.figures(institution=bank)) == found, bank
        assert len(store.mentions("institution", bank)) == found, bank
    assert set(mention_trends(store, "institution", "year", rollup=True)["name"]) == {"中银香港"}


def test_trends_roll_children_up_under_parents(store):
    store.write([stored(make_fine_record("a", "2024-02-01")), stored(make_record("b", published="2024-03-01"))])
    plain = mention_trends(store, "sector", "year")
    assert set(plain["name"]) == {"中小微企业", "小微企业", "外贸"}
    rolled = mention_trends(store, "sector", "year", rollup=True)
    assert set(rolled["name"]) == {"中小企业", "小微企业", "外贸"}
    assert set(mention_trends(store, "tool", "year", rollup=True)["name"]) == {"公开市场操作", "支持小微企业融资协调工作机制"}


@pytest.mark.parametrize("statement", [
    "DELETE FROM figures",
    "INSERT INTO schema_version (version, applied_at) VALUES (99, 'x')",
    "DROP TABLE links",
    "UPDATE documents SET title = 'x'",
    "SELECT 1; DELETE FROM figures",
    "COMMIT; DELETE FROM figures",
])
def test_sql_is_read_only(store, statement):
    store.write([stored(make_record())])
    with pytest.raises(StoreError):
        columns, rows = reader_store(store).sql(statement)
        list(rows)
    assert store.counts()["figures"] == 3 and store.schema_version() == schema.SCHEMA_VERSION


def reader_store(store: SQLStore) -> SQLStore:
    """The store itself (SQLite), or the same PostgreSQL schema opened as the test reader role."""
    if store.backend == "sqlite":
        return store
    reader_url = os.environ.get("ANALYZER_TEST_POSTGRES_READER_URL")
    if not reader_url:
        pytest.skip("PostgreSQL sql tests need ANALYZER_TEST_POSTGRES_READER_URL (eval \"$(bash .ci/postgres.sh)\")")
    schema_name = store.engine.url.query["options"].split("=", 1)[1]
    with store.engine.begin() as connection:
        connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema_name} TO {sa.make_url(reader_url).username}")
        connection.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema_name} "
                                   f"TO {sa.make_url(reader_url).username}")
    return open_store(f"{reader_url}?options=-csearch_path%3D{schema_name}")


def test_sql_reads(store):
    store.write([stored(make_record())])
    columns, rows = reader_store(store).sql('SELECT unit, count(*) AS n FROM figures GROUP BY unit ORDER BY unit;')
    assert columns == ["unit", "n"] and list(rows) == [("CNY", 1), ("other", 1), ("percent", 1)]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export(store, tmp_path, fmt):
    import pandas as pd
    from analyzer.store.export import export_table
    store.write([stored(make_record())])
    out = tmp_path / f"figures.{fmt}"
    assert export_table(store, "figures", fmt, str(out)) == 3
    frame = {"csv": lambda p: pd.read_csv(p, dtype=str), "jsonl": lambda p: pd.read_json(p, lines=True, dtype=False),
             "parquet": pd.read_parquet}[fmt](out)
    assert list(frame["value"]) == ["35300000000000", "12.5", "123456789012345.678901234"]


def test_schema_upgrades_in_place(db_url):
    with open_store(db_url) as store:
        store.write([stored(make_record())])
    added = []

    def add_column(connection):
        connection.execute(sa.text("ALTER TABLE documents ADD COLUMN note TEXT"))
        added.append(True)

    step = [(schema.SCHEMA_VERSION + 1, "add documents.note", add_column)]
    engine = open_store(db_url).engine
    assert migrations.upgrade(engine, schema.SCHEMA_VERSION + 1, step) == schema.SCHEMA_VERSION
    assert migrations.upgrade(engine, schema.SCHEMA_VERSION + 1, step) == schema.SCHEMA_VERSION + 1  # once only
    assert added == [True]
    with engine.connect() as connection:
        assert migrations.current_version(connection) == schema.SCHEMA_VERSION + 1
        assert connection.execute(sa.text("SELECT count(*) FROM documents")).scalar() == 1
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this analyzer"):
        open_store(db_url)


def test_version_1_store_gains_mentions_in_taxonomy(db_url):
    """A store written before issue 14 (schema 1, no mentions.in_taxonomy) is upgraded in place; its mentions are
    taxonomy mentions."""
    engine = open_store(db_url).engine
    with engine.begin() as connection:
        connection.execute(sa.text("ALTER TABLE mentions DROP COLUMN in_taxonomy"))  # what version 1 lacked
        connection.execute(sa.text("ALTER TABLE documents DROP COLUMN origin"))
        connection.execute(sa.text("ALTER TABLE figures DROP COLUMN place"))
        connection.execute(sa.text("DROP INDEX ix_documents_text_hash"))
        connection.execute(sa.text("ALTER TABLE documents DROP COLUMN text_hash"))
        connection.execute(sa.text("DELETE FROM schema_version"))
        connection.execute(schema.schema_version.insert().values(version=1, applied_at="2026-01-01",
                                                                 description="initial schema"))
    engine.dispose()
    with open_store(db_url) as store:
        assert store.schema_version() == schema.SCHEMA_VERSION
        store.write([stored(make_record())])
        assert set(store.mentions()["in_taxonomy"]) == {True}


def test_version_3_store_gains_figure_place(db_url):
    """A store written before figures had a place (schema 3) is upgraded in place: its figures are all kept, with
    place null, and figures written since keep theirs (and a series key of their own)."""
    with open_store(db_url) as store:
        store.write([stored(make_record())])
        before = store.counts()["figures"]
    engine = open_store(db_url).engine
    with engine.begin() as connection:
        connection.execute(sa.text("ALTER TABLE figures DROP COLUMN place"))
        connection.execute(sa.text("DROP INDEX ix_documents_text_hash"))  # what version 3 lacked as well
        connection.execute(sa.text("ALTER TABLE documents DROP COLUMN text_hash"))
        connection.execute(sa.text("DELETE FROM schema_version"))
        connection.execute(schema.schema_version.insert().values(version=3, applied_at="2026-12-01",
                                                                 description="mentions.in_taxonomy"))
    engine.dispose()
    with open_store(db_url) as store:
        assert store.schema_version() == schema.SCHEMA_VERSION
        assert store.counts()["figures"] == before
        assert set(store.figures()["place"]) == {None}
        record = make_record(doc_id="placed")
        record.figures[0].place = "天津市"
        store.write([stored(record)])
        placed = store.figures(place="天津")
        assert list(placed["place"]) == ["天津市"] and placed["metric_key"][0].endswith("@天津")
        assert "天津市" not in set(store.figures(place="全国")["place"])


def test_outside_taxonomy_mentions_are_marked(store):
    record = make_record()
    record.institutions[0].extra["in_taxonomy"] = False
    store.write([stored(record)])
    frame = store.mentions("institution")
    assert list(frame["in_taxonomy"]) == [False]
    assert set(store.mentions("sector")["in_taxonomy"]) == {True}


def expected_rows(paths: list[Path]) -> dict[str, tuple[int, int, int]]:
    """doc id → (figures, mentions, links) as the gold files give them."""
    out = {}
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        links = sum(len(dict.fromkeys(names)) for f in data["figures"] for names in (f.get("links") or {}).values())
        mentions = sum(len(data[k]) for k in ("policy_tools", "sectors", "institutions"))
        out[str(data["doc"]["id"])] = (len(data["figures"]), mentions, links)
    return out


# Runs the CLI with the store's inserts slowed at one point: once the third batch has written its figures,
# (inside its transaction) it drops a flag file and waits to be killed.
KILL_SCRIPT = """
import sys, time
from pathlib import Path
import analyzer.store.sql as sql
original, flag, calls = sql.SQLStore._insert, Path(sys.argv[1]), []
def insert(connection, table, rows):
    original(connection, table, rows)
    if table.name == "figures":
        calls.append(1)
        if len(calls) == 3:
            flag.write_text("inside the third batch")
            time.sleep(120)
sql.SQLStore._insert = staticmethod(insert)
from analyzer.cli import main
main(sys.argv[2:])
"""


def test_killed_ingest_leaves_no_half_written_document(db_url, tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for path in GOLD[:20]:
        (inputs / path.name).write_bytes(path.read_bytes())
    expected = expected_rows(sorted(inputs.glob("*.json")))
    flag = tmp_path / "flag"
    command = [sys.executable, "-c", KILL_SCRIPT, str(flag), "ingest", str(inputs), "--records", "--db", db_url,
               "--batch-size", "4", "--no-progress"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while not flag.exists() and process.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    assert flag.exists(), process.communicate(timeout=5)[1].decode()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)

    with open_store(db_url) as store:
        assert store.counts()["documents"] == 8  # the two committed batches, nothing of the third
        check_complete(store, expected)
        summary = ingest(store, [str(inputs)], records=True)
        assert (summary.unchanged, summary.added, summary.failed) == (8, len(expected) - 8, 0)
        assert store.counts()["documents"] == len(expected)
        check_complete(store, expected)


def check_complete(store, expected: dict[str, tuple[int, int, int]]) -> None:
    """Every stored document has all of its rows, and no row belongs to a missing document."""
    with store.engine.connect() as connection:
        if store.backend == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        for table in ("sentences", "figures", "mentions", "links"):
            orphans = connection.exec_driver_sql(
                f"SELECT count(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents)").scalar()
            assert orphans == 0, table
        rows = connection.exec_driver_sql(
            "SELECT d.doc_id, (SELECT count(*) FROM figures f WHERE f.document_id = d.id),"
            " (SELECT count(*) FROM mentions m WHERE m.document_id = d.id),"
            " (SELECT count(*) FROM links l WHERE l.document_id = d.id),"
            " (SELECT count(*) FROM sentences s WHERE s.document_id = d.id) FROM documents d").all()
    for doc_id, figures, mentions, links, sentences in rows:
        assert (figures, mentions, links) == expected[doc_id], doc_id
        assert sentences > 0


def test_trends_roll_outside_tools_and_sectors_up_under_what_they_end_with(store):
    # s20-review2 leftover: query and serve found 绿色再贷款 under 再贷款, trends --rollup counted it as itself
    from analyzer.taxonomy import load_taxonomy
    text = "绿色再贷款支持电炉钢行业，俄罗斯外交部称。"
    record = Record.from_dict({
        "doc": {"id": "out", "published": "2024-02-01"}, "text": text, "figures": [],
        "policy_tools": [{"text": "绿色再贷款", "start": 0, "end": 5, "name": "绿色再贷款", "in_taxonomy": False}],
        "sectors": [{"text": "电炉钢行业", "start": 7, "end": 12, "name": "电炉钢行业", "in_taxonomy": False}],
        "institutions": [{"text": "俄罗斯外交部", "start": 13, "end": 19, "name": "俄罗斯外交部", "in_taxonomy": False}]})
    store.write([stored(record)])
    taxonomy = load_taxonomy()
    assert set(mention_trends(store, "tool", "year", rollup=True)["name"]) == set(taxonomy.roots("再贷款", "tools"))
    assert "绿色再贷款" not in set(taxonomy.roots("再贷款", "tools"))
    # a sector that ends with no taxonomy sector's name, and an institution ending with one, stay themselves
    assert set(mention_trends(store, "sector", "year", rollup=True)["name"]) == {"电炉钢行业"}
    assert set(mention_trends(store, "institution", "year", rollup=True)["name"]) == {"俄罗斯外交部"}


def test_names_within_finds_stored_names_outside_the_taxonomy_in_a_text(store, pipeline):
    from analyzer.records import Document
    text = "晓鸣股份公告，2023年公司实现营业收入9.96亿元；工商银行提供贷款支持。"
    store.write([StoredRecord(pipeline.analyze(Document(id="n1", text=text, published="2024-04-20")), "n1", "test")])
    assert store.names_within("2023年，晓鸣股份营业收入增长15%") == {"晓鸣股份"}
    assert store.names_within("2023年工商银行营业收入增长15%") == set()  # a taxonomy name is read by the extractor
    assert store.names_within("晓鸣_份") == set()  # LIKE's wildcards match nothing the text does not write
