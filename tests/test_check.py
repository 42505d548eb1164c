"""Claim checking: verdicts against a small constructed store, and consistency checks on constructed articles."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from analyzer.check import any_contradicted, check_claim, check_consistency
from analyzer.check.precision import interval, precision
from analyzer.pipeline import analyze
from analyzer.records import Document
from analyzer.store import StoredRecord, open_store

DOCS = [
    ("d1", "经济日报", "持续提升金融服务小微企业质效", "2025-05-26",
     "截至2025年一季度末，全国普惠小微贷款余额达35.3万亿元，同比增长12.5%。"),
    ("d2", "金融时报", "小微金融数据", "2025-05-20",
     "截至2025年一季度末，普惠型小微企业贷款余额33.4万亿元。"),
    ("d3", "新华社", "年末数据", "2025-02-10",
     "2024年末，普惠小微贷款余额为32.9万亿元，同比增长14.6%。"),
    ("d4", "人民日报", "LPR下调", "2024-10-21",
     "1年期LPR由3.35%降至3.1%，下调0.25个百分点。"),
    ("d5", "证券时报", "年末数据（另一来源）", "2025-02-12",
     "2024年末，绿色贷款余额为36.6万亿元。"),
    ("d6", "第一财经", "年末数据（第三来源）", "2025-02-13",
     "2024年末，绿色贷款余额为36.1万亿元。"),
]
PUBLISHED = "2025-05-26"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, pipeline):
    path = tmp_path_factory.mktemp("check") / "check.db"
    store = open_store(str(path))
    batch = [StoredRecord(pipeline.analyze(Document(id=i, text=t, title=title, source=s, published=p)), i, "test")
             for i, s, title, p, t in DOCS]
    store.write(batch)
    store.close()
    return str(path)


@pytest.fixture(scope="module")
def store(db_path):
    store = open_store(db_path)
    yield store
    store.close()


def one(claim: str, store, lang: str = "zh", published: str = PUBLISHED):
    verdicts = check_claim(claim, store, published=published, lang=lang)
    assert len(verdicts) == 1, [v.figure["text"] for v in verdicts]
    return verdicts[0]


# --- precision -------------------------------------------------------------------------------------------------

def test_precision_follows_the_written_digits():
    f35, f353, f125 = (analyze(t).figures[0] for t in ("余额35万亿元", "余额35.3万亿元", "增长12.5%"))
    assert precision(f35) == Decimal("1e12")
    assert precision(f353) == Decimal("1e11")
    assert precision(f125) == Decimal("0.1")
    assert interval(f35).contains(Decimal("35.3e12"))
    over = analyze("余额超过35万亿元").figures[0]
    assert interval(over).contains(Decimal("35.3e12")) and not interval(over).contains(Decimal("34.9e12"))


# --- verdicts --------------------------------------------------------------------------------------------------

def test_supported_with_precision_and_qualifier(store):
    verdicts = check_claim("截至今年一季度末，普惠小微贷款余额超过35万亿元，同比增长12.5%", store, published=PUBLISHED)
    assert [v.verdict for v in verdicts] == ["supported", "supported"]
    evidence = verdicts[0].evidence[0]
    assert (evidence.doc_id, evidence.source, evidence.title, evidence.published) == \
        ("d1", "经济日报", "持续提升金融服务小微企业质效", "2025-05-26")
    assert "35.3万亿元" in evidence.sentence and evidence.value == "35300000000000"
    assert "相符" in verdicts[0].explanation
    assert not any_contradicted(verdicts)


@pytest.mark.parametrize("claim", ["截至今年一季度末，普惠小微贷款余额35万亿元",
                                   "截至今年一季度末，普惠小微贷款余额约35万亿元",
                                   "截至今年一季度末，普惠小微贷款余额近36万亿元"])
def test_supported_rounded(store, claim):
    assert one(claim, store).verdict == "supported"


def test_contradicted_value(store):
    v = one("截至今年一季度末，普惠小微贷款余额为40万亿元", store)
    assert (v.verdict, v.slip) == ("contradicted", "value")
    assert "35.3万亿元" in v.explanation


def test_qualifier_not_satisfied(store):
    v = one("截至今年一季度末，普惠小微贷款余额近34万亿元", store)
    assert v.verdict == "contradicted"


def test_slip_scale(store):
    v = one("截至今年一季度末，普惠小微贷款余额为35.3亿元", store)
    assert (v.verdict, v.slip) == ("contradicted", "scale")
    assert "万亿" in v.explanation


def test_slip_percent_vs_point(store):
    v = one("截至今年一季度末，普惠小微贷款余额同比增长12.5个百分点", store)
    assert (v.verdict, v.slip) == ("contradicted", "percent_vs_point")
    v = one("2024年10月，1年期LPR下调0.25%", store)
    assert (v.verdict, v.slip) == ("contradicted", "percent_vs_point")


def test_slip_growth_as_level(store):
    v = one("截至今年一季度末，普惠小微贷款余额为12.5%", store)
    assert (v.verdict, v.slip) == ("contradicted", "growth_as_level")


def test_slip_wrong_period(store):
    v = one("截至今年一季度末，普惠小微贷款余额为32.9万亿元", store)
    assert (v.verdict, v.slip) == ("contradicted", "wrong_period")
    assert "2024-12-31" in v.explanation
    assert any(e.doc_id == "d3" for e in v.evidence)


def test_slip_wrong_metric(store):
    v = one("截至今年一季度末，普惠小微贷款余额为33.4万亿元", store)
    assert (v.verdict, v.slip) == ("contradicted", "wrong_metric")
    assert "普惠型小微企业贷款余额" in v.explanation


def test_unverifiable_lists_nearest_periods(store):
    v = one("截至今年二季度末，普惠小微贷款余额为35万亿元", store)
    assert v.verdict == "unverifiable"
    assert {"start": "2025-03-31", "end": "2025-03-31"} in v.nearest_periods
    assert "2025-03-31" in v.explanation


def test_unverifiable_unknown_metric(store):
    v = one("截至今年一季度末，科技贷款余额为38万亿元", store)
    assert v.verdict == "unverifiable" and not v.evidence


def test_sources_disagree(store):
    v = one("2024年末，绿色贷款余额为36.6万亿元", store)
    assert v.verdict == "supported" and v.sources_disagree
    assert {e.doc_id for e in v.evidence} == {"d5", "d6"}
    assert "说法不一" in v.explanation


def test_english_explanations(store):
    v = one("截至今年一季度末，普惠小微贷款余额为35.3亿元", store, lang="en")
    assert "10^4" in v.explanation and "not" in v.explanation


# --- consistency -----------------------------------------------------------------------------------------------

def by_kind(text: str, kind: str):
    return [r for r in check_consistency(text, published="2026-02-01") if r.kind == kind]


def test_consistency_growth():
    ok = by_kind("2024年末普惠小微贷款余额为32.9万亿元。2025年末普惠小微贷款余额为35.3万亿元，同比增长7.3%。", "growth")
    bad = by_kind("2024年末普惠小微贷款余额为32.9万亿元。2025年末普惠小微贷款余额为35.3万亿元，同比增长12.5%。", "growth")
    assert [r.status for r in ok] == ["ok"] and [r.status for r in bad] == ["inconsistent"]
    assert "7.29%" in bad[0].arithmetic and bad[0].figures[-1]["text"] == "12.5%"


def test_consistency_share():
    text = "小微企业贷款余额81.4万亿元，其中普惠型小微企业贷款余额35万亿元，占比43%。"
    assert [r.status for r in by_kind(text, "share")] == ["ok"]
    bad = by_kind(text.replace("43%", "53%"), "share")
    assert [r.status for r in bad] == ["inconsistent"] and "81.4万亿元" in bad[0].arithmetic


def test_consistency_change():
    results = by_kind("存款准备金率由2%降至1.75%，下调0.25个百分点。存款准备金率由2%降至1.75%，下调0.5个百分点。"
                      "1年期LPR由3.45%降至3.35%，下调10个基点。", "change")
    assert [r.status for r in results] == ["ok", "inconsistent", "ok"]
    slip = by_kind("存款准备金率由2%降至1.75%，下降0.25%。", "change")
    assert slip[0].status == "inconsistent" and "百分点" in slip[0].note
    direction = by_kind("贷款利率由4%升至3.5%，上升0.5个百分点。", "change")
    assert direction[0].status == "inconsistent"


def test_consistency_sum():
    results = by_kind("三家银行新增贷款分别为1.2万亿元、1.1万亿元和0.9万亿元，合计3.5万亿元。"
                      "三家分别为1.2万亿元、1.1万亿元和0.9万亿元，合计3.2万亿元。", "sum")
    assert [r.status for r in results] == ["inconsistent", "ok"]
    assert len(results[0].figures) == 4 and results[0].figures[0]["start"] < results[0].figures[-1]["start"]


def test_consistency_offsets_point_at_the_text():
    text = "存款准备金率由2%降至1.75%，下调0.5个百分点。"
    for figure in check_consistency(text)[0].figures:
        assert text[figure["start"]:figure["end"]] == figure["text"]


# --- command line ----------------------------------------------------------------------------------------------

def test_cli_exit_codes_and_json(db_path, tmp_path):
    from analyzer.cli import main
    runner = CliRunner()
    good = runner.invoke(main, ["check", "截至今年一季度末，普惠小微贷款余额超过35万亿元", "--published", PUBLISHED,
                                "--db", db_path])
    assert good.exit_code == 0, good.output
    assert "相符" in good.output
    bad = runner.invoke(main, ["check", "截至今年一季度末，普惠小微贷款余额为35.3亿元", "--published", PUBLISHED,
                               "--db", db_path, "--format", "json", "--lang", "en"])
    assert bad.exit_code == 1
    data = json.loads(bad.output)
    assert data["contradicted"] and data["verdicts"][0]["slip"] == "scale"
    article = tmp_path / "a.txt"
    article.write_text("存款准备金率由2%降至1.75%，下调0.5个百分点。", encoding="utf-8")
    result = runner.invoke(main, ["check", "--file", str(article), "--consistency"])
    assert result.exit_code == 1 and "不一致" in result.output
    stdin = runner.invoke(main, ["check", "-", "--consistency", "--format", "json"],
                          input="存款准备金率由2%降至1.75%，下调0.25个百分点。")
    assert stdin.exit_code == 0 and json.loads(stdin.output)["consistency"][0]["status"] == "ok"
    usage = runner.invoke(main, ["check"])
    assert usage.exit_code == 2


# --- the claim set against the corpus ---------------------------------------------------------------------------

def test_claim_set_accuracy(tmp_path):
    from analyzer.check.claimset import corpus_store, load_claims, score_claims
    from conftest import CORPUS, ROOT
    claims = load_claims(ROOT / "tests" / "claims" / "claims.jsonl")
    assert len(claims) >= 60
    assert {c["verdict"] for c in claims} == {"supported", "contradicted", "unverifiable"}
    assert {c["slip"] for c in claims if c["slip"]} >= {"percent_vs_point", "scale", "growth_as_level",
                                                         "wrong_period", "wrong_metric"}
    store = corpus_store(CORPUS, str(tmp_path))
    try:
        score = score_claims(claims, store)
    finally:
        store.close()
    assert score.accuracy >= 0.9, "\n".join(score.lines())


def test_cli_claim_set(tmp_path):
    from analyzer.cli import main
    from conftest import CORPUS, ROOT
    lines = (ROOT / "tests" / "claims" / "claims.jsonl").read_text(encoding="utf-8").splitlines()[:5]
    subset = tmp_path / "subset.jsonl"
    subset.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--claim-set", str(subset), "--corpus", str(CORPUS), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["claims"] == 5


def test_consistency_share_of_listed_parts():
    text = ("一季度末，本外币绿色贷款余额40.61万亿元。其中，投向具有直接和间接碳减排效益项目的贷款分别为14.1和12.9万亿元，"
            "合计占绿色贷款的六成以上。")
    results = by_kind(text, "share")
    assert [r.status for r in results] == ["ok"] and "(14.1万亿元 + 12.9万亿元)" in results[0].arithmetic
    assert [r.status for r in by_kind(text.replace("六成以上", "八成"), "share")] == ["inconsistent"]


def test_consistency_change_picks_its_own_clause():
    text = "7天期逆回购操作利率下调0.2个百分点，从1.7%调降至1.5%，预计带动中期借贷便利利率下调0.3个百分点左右。"
    assert [r.status for r in by_kind(text, "change")] == ["ok"]
    other = "中标利率由3.3%下调至3.25%；11月18日又开展7天期逆回购操作，中标利率下调5个基点至2.5%。"
    assert by_kind(other, "change") == []


def test_consistency_article_with_several_errors():
    article = ("2024年末普惠小微贷款余额为32.9万亿元。\n"
               "2025年末普惠小微贷款余额为35.3万亿元，同比增长9.5%。存款准备金率由2%降至1.75%，下调0.5个百分点。\n"
               "三家银行新增贷款分别为1.2万亿元、1.1万亿元和0.9万亿元，合计3.2万亿元。")
    results = check_consistency(article, published="2026-02-01")
    assert sorted((r.kind, r.status) for r in results) == [("change", "inconsistent"), ("sum", "ok")]
    # the growth check needs both levels in one paragraph: here they are in two, so it is not run
    joined = article.replace("\n2025", "2025", 1)
    kinds = {(r.kind, r.status) for r in check_consistency(joined, published="2026-02-01")}
    assert ("growth", "inconsistent") in kinds


def test_cli_refuses_an_empty_database_and_checks_growth_against_stored_levels(db_path, tmp_path):
    from analyzer.cli import main
    runner = CliRunner()
    empty = runner.invoke(main, ["check", "2024年末普惠小微贷款余额为32.9万亿元", "--db", str(tmp_path / "empty.db")])
    assert empty.exit_code == 2 and "no documents" in empty.output
    # d1 stores 35.3万亿 at 2025-03-31 but no level a year before: nothing to compute from the store
    result = runner.invoke(main, ["check", "2025年一季度末，普惠小微贷款余额同比增长12.5%", "--db", db_path,
                                  "--with-consistency", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["consistency"] == []


def test_growth_against_stored_levels(tmp_path, pipeline):
    from analyzer.check.consistency import check_growth_with_store
    store = open_store(str(tmp_path / "levels.db"))
    docs = [("y1", "2024-05-01", "2024年3月末，普惠小微贷款余额为31.4万亿元。"),
            ("y2", "2025-05-01", "2025年3月末，普惠小微贷款余额为35.3万亿元。")]
    store.write([StoredRecord(pipeline.analyze(Document(id=i, text=t, published=p)), i, "test") for i, p, t in docs])
    good = check_growth_with_store(analyze("2025年3月末，普惠小微贷款余额同比增长12.4%"), store)
    bad = check_growth_with_store(analyze("2025年3月末，普惠小微贷款余额同比增长15%"), store)
    store.close()
    assert [r.status for r in good] == ["ok"] and [r.status for r in bad] == ["inconsistent"]
    assert "y1" in bad[0].arithmetic and bad[0].figures[0]["doc_id"] == "y1"


# --- a day's operation in a month, a claim without a period ------------------------------------------------------

DATED_DOCS = [
    ("o1", "工商时报", "MLF续作", "2023-11-16", "人民银行昨（15）日开展1.45万亿元1年期中期借贷便利（MLF）操作。"),
    ("r1", "人民银行", "降准", "2021-07-09", "此次下调后，金融机构加权平均存款准备金率由9.4%降至8.9%。"),
    ("r2", "新华社", "再降准", "2021-12-06", "此次下调后，金融机构加权平均存款准备金率由8.9%降至8.4%。"),
    ("b1", "证券日报", "大行年报", "2025-03-31", "工商银行、农业银行、建设银行和中国银行分别实现净利润3658亿元、2820亿元、"
     "3355亿元和2378亿元。资产质量方面，四家银行年末不良贷款率分别为1.34%、1.30%、1.34%和1.25%，其中农业银行下降0.03个百分点。"),
]


@pytest.fixture(scope="module")
def dated_store(tmp_path_factory, pipeline):
    store = open_store(str(tmp_path_factory.mktemp("dated") / "dated.db"))
    store.write([StoredRecord(pipeline.analyze(Document(id=i, text=t, title=title, source=s, published=p)), i, "test")
                 for i, s, title, p, t in DATED_DOCS])
    yield store
    store.close()


def test_a_days_operation_supports_its_month_but_never_contradicts_it(dated_store):
    assert one("人民银行11月开展1.45万亿元MLF操作", dated_store, published="2023-11-16").verdict == "supported"
    assert one("人民银行11月开展1.6万亿元MLF操作", dated_store, published="2023-11-16").verdict == "unverifiable"


def test_a_claim_without_a_period_is_read_at_its_date(dated_store):
    same_day = check_claim("此次降准后，金融机构加权平均存款准备金率由9.4%降至8.4%", dated_store, published="2021-07-09")
    assert [(v.figure["text"], v.verdict, v.slip) for v in same_day] == \
        [("9.4%", "supported", None), ("8.4%", "contradicted", "value")]
    later = check_claim("此次降准后，金融机构加权平均存款准备金率降至8.4%", dated_store, published="2021-12-06")
    assert [v.verdict for v in later] == ["supported"]


def test_another_banks_number_is_a_wrong_metric(dated_store):
    """Each bank of a list that refers back (四家银行…分别为) has its own figure; another bank's is a slip."""
    assert one("2024年末，建设银行不良贷款率为1.34%", dated_store, published="2025-03-31").verdict == "supported"
    verdict = one("2024年末，农业银行不良贷款率为1.34%", dated_store, published="2025-03-31")
    assert (verdict.verdict, verdict.slip) == ("contradicted", "wrong_metric")
    assert "中国工商银行" in verdict.explanation
