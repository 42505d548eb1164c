"""A figure's place: the country, province, city or region the metric drops from the start of a name is kept
(Figure.place), in records, in the store (figures.place, the series key metric@place), in query and timeline."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from analyzer import analyze
from analyzer.cli import main
from analyzer.io.writers import FLAT_COLUMNS
from analyzer.records import Figure, Record
from analyzer.taxonomy import metric_key, place_key


def places(text: str, published: str | None = "2025-10-20") -> list[tuple[str, str | None, str | None]]:
    return [(f.text, f.metric, f.place) for f in analyze(text, published=published).figures]


@pytest.mark.parametrize("text, expected", [
    ("天津外贸进出口总值8000亿元，同比增长5%。", [("8000亿元", "外贸进出口总值", "天津"), ("5%", "外贸进出口总值", "天津")]),
    ("2025年前三季度，天津市外贸进出口总值8000亿元。", [("8000亿元", "外贸进出口总值", "天津市")]),
    ("日本40年期国债收益率升至3.5%。", [("3.5%", "40年期国债收益率", "日本")]),
    ("美国的失业率降至3.9%。", [("3.9%", "失业率", "美国")]),
    ("其中广东省今年累计实现地区生产总值1万亿元。", [("1万亿元", "地区生产总值", "广东省")]),
    # a place referred back to (place.toml referring-places): kept as written, out of the national series
    ("浙江嘉兴经济成绩单出炉：今年1月至6月，该市GDP达3991.50亿元。", [("3991.50亿元", "GDP", "该市")]),
    # 在 and a place, which the metric drops (metric.toml located-at): the place is kept
    ("苹果公司计划在印度投资50亿美元。", [("50亿美元", "投资", "印度")]),
    ("该公司在美国的汽车销量增长5%。", [("5%", "汽车销量", "美国")]),
])
def test_a_place_the_metric_drops_is_kept(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize("text", [
    "全国外贸进出口总值3万亿元。",       # the nation is the default scope
    "我国外贸进出口总值3万亿元。",
    "国内外贸进出口总值3万亿元。",
    "外贸进出口总值3万亿元。",          # no place at all
    "国信证券广州分公司买入9889万元。",  # a place inside a name
    "天津、上海外贸进出口总值3万亿元。",  # a list of places
])
def test_national_or_no_place_is_null(text):
    assert all(place is None for _, _, place in places(text))


def test_a_clause_of_only_a_place_gives_its_place():
    found = places("1月5日0-24时，浙江新增确诊病例12例，其中宁波市5例。", published="2022-01-06")
    assert found == [("12例", "确诊病例", "浙江"), ("5例", "确诊病例", "宁波市")]


def test_a_partner_is_no_place():
    assert [place for _, _, place in places("我国对美国出口额增长5%。")] == [None]


def test_a_date_without_publication_stands_between():
    """其12月美国汽车销量: no publication date resolves 12月, the written date still stands between."""
    assert places("其12月美国汽车销量173740辆。", published=None) == [("173740辆", "汽车销量", "美国")]


def test_a_later_sentence_takes_the_place_of_its_metric():
    found = places("天津外贸进出口总值8000亿元。全国外贸进出口总值3万亿元，同比增长2%。")
    assert [place for _, _, place in found] == ["天津", None, None]


def test_records_carry_place_only_when_set():
    record = analyze("天津外贸进出口总值8000亿元。全国外贸进出口总值3万亿元。", published="2025-10-20")
    data = record.to_dict()
    assert data["figures"][0]["place"] == "天津" and "place" not in data["figures"][1]
    again = Record.from_dict(json.loads(json.dumps(data)))
    assert [f.place for f in again.figures] == ["天津", None]
    old = Figure.from_dict({"text": "1亿元", "start": 0, "end": 3, "value": "100000000", "unit": "CNY"})
    assert old.place is None and "place" not in old.to_dict() and "place" not in old.extra
    assert "place" in FLAT_COLUMNS


def test_the_series_key_keeps_places_apart():
    assert metric_key("外贸进出口总值", "天津") == metric_key("外贸进出口总值", "天津市") == metric_key("外贸进出口总值") + "@天津"
    assert metric_key("外贸进出口总值", "全国") == metric_key("外贸进出口总值", None) == metric_key("外贸进出口总值")
    assert place_key("广西壮族自治区") == "广西" and place_key("广东省") == "广东" and place_key("美国") == "美国"


def test_extract_table_shows_place(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("天津外贸进出口总值8000亿元，同比增长5%。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "place" in result.output.splitlines()[1] and "天津" in result.output


def test_query_and_timeline_keep_places_apart(tmp_path):
    runner = CliRunner()
    path = tmp_path / "trade.jsonl"
    lines = [{"doc": {"id": "tj", "published": "2025-10-20"}, "text": "前三季度，天津外贸进出口总值8000亿元。"},
             {"doc": {"id": "cn", "published": "2025-10-20"}, "text": "前三季度，全国外贸进出口总值3万亿元。"}]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    db = str(tmp_path / "p.db")
    assert runner.invoke(main, ["ingest", str(path), "--db", db, "--no-progress"]).exit_code == 0
    every = json.loads(runner.invoke(main, ["query", "--metric", "外贸进出口总值", "--db", db, "-f", "json"]).stdout)
    assert sorted((r["doc_id"], r["place"]) for r in every) == [("cn", None), ("tj", "天津")]
    tianjin = json.loads(runner.invoke(main, ["query", "--place", "天津市", "--db", db, "-f", "json"]).stdout)
    assert [r["doc_id"] for r in tianjin] == ["tj"]
    national = runner.invoke(main, ["timeline", "外贸进出口总值", "--db", db, "-f", "json"])
    assert [r["value"] for r in json.loads(national.stdout)] == ["3000000000000"]
    assert "天津 (1)" in national.stderr
    placed = runner.invoke(main, ["timeline", "外贸进出口总值", "--place", "天津", "--db", db, "-f", "json"])
    assert [r["value"] for r in json.loads(placed.stdout)] == ["800000000000"]


def test_a_claim_naming_a_place_is_checked_on_that_place(tmp_path):
    from analyzer.check.claims import check_claim
    from analyzer.store import open_store
    from analyzer.store.ingest import ingest
    path = tmp_path / "trade.jsonl"
    lines = [{"doc": {"id": "tj", "published": "2025-10-20"}, "text": "今年前三季度，天津外贸进出口总值8000亿元。"},
             {"doc": {"id": "cn", "published": "2025-10-20"}, "text": "今年前三季度，全国外贸进出口总值30000亿元。"}]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    store = open_store(str(tmp_path / "s.db"))
    try:
        ingest(store, [str(path)])
        verdicts = {claim: check_claim(claim, store, published="2025-10-25")[0] for claim in
                    ("今年前三季度，天津外贸进出口总值8000亿元", "今年前三季度，天津外贸进出口总值30000亿元",
                     "今年前三季度，全国外贸进出口总值30000亿元")}
    finally:
        store.close()
    assert [v.verdict for v in verdicts.values()] == ["supported", "contradicted", "supported"]
    assert [[e.doc_id for e in v.evidence] for v in verdicts.values()] == [["tj"], ["tj"], ["cn"]]


def test_parquet_rows_carry_the_place_as_a_column(tmp_path):
    """Parquet users query the nested figure columns in place (DuckDB, pandas): the place is one of them."""
    pq = pytest.importorskip("pyarrow.parquet")
    from analyzer.io.parquet import write_records_parquet
    from analyzer.pipeline import Pipeline
    from analyzer.records import Document

    record = Pipeline().analyze(Document(id="tj", text="天津外贸进出口总值8000亿元，同比增长5%。"))
    path = tmp_path / "tj.parquet"
    write_records_parquet([record], path, "test")
    figures = pq.read_table(path).column("figures").to_pylist()[0]
    assert [(f["metric"], f["place"]) for f in figures] == [("外贸进出口总值", "天津")] * 2


def test_timeline_names_each_other_place_once_by_its_series_place(tmp_path):
    # 天津 and 天津市 are one place (one series key, 外贸进出口总值@天津): stderr lists it once, as 天津 (the README's
    # "places with their own series: 天津 (2)"), and --place 天津市 does not list its own place as another one
    runner = CliRunner()
    path = tmp_path / "trade.jsonl"
    lines = [{"doc": {"id": "tj", "published": "2025-10-20"}, "text": "前三季度，天津外贸进出口总值8000亿元。"},
             {"doc": {"id": "tjs", "published": "2025-07-20"}, "text": "上半年，天津市外贸进出口总值5000亿元。"},
             {"doc": {"id": "cn", "published": "2025-10-20"}, "text": "前三季度，全国外贸进出口总值3万亿元。"}]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    db = str(tmp_path / "p.db")
    assert runner.invoke(main, ["ingest", str(path), "--db", db, "--no-progress"]).exit_code == 0
    national = runner.invoke(main, ["timeline", "外贸进出口总值", "--db", db, "-f", "json"])
    assert "places with their own series: 天津 (2) — see --place" in national.stderr
    placed = runner.invoke(main, ["timeline", "外贸进出口总值", "--place", "天津市", "--db", db, "-f", "json"])
    assert len(json.loads(placed.stdout)) == 2
    assert "places with their own series" not in placed.stderr
