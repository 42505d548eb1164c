"""Classes of claims fixed on the tenth writer's dev misses (s22-claims-w10), each on documents written for these
tests, not the misses' sources: a plan's progress in percent is a share of the plan (``progress_share``); 营收 is the
results' 营业收入 (``context_alias`` ``revenue_short``); a claim's ；joins two statements (``statement_break``); 同日
in an undated claim is the news of its own day (``own_day_period`` ``same_day_word``); revenue and profit are
different lines of one company's results (``distinct_heads`` ``results_lines``); an undated amount right before a
dated growth of its series is of the growth's period (``undated_beside_growth``). An undated figure of the document
that supports a claim's other figures (``undated_in_source``) is held on real sources only (the extractor dates a
written-for-the-test report's figures). tests/claims/paraphrase-b10.jsonl varies the classes on real sources (15
claims; main's checker before s22-claims-w10: 9/15, slips 3/6)."""
from __future__ import annotations

import pytest

from analyzer.check.dates import dated_by_growth
from analyzer.check.reading import prepare_claim
from conftest import ROOT, assert_claim_set_floor, module_store, verdict_of

PARAPHRASE_B10 = ROOT / "tests" / "claims" / "paraphrase-b10.jsonl"

# (id, published, text): written for these tests
DOCS = [
    ("t1", "2024-06-03", "截至5月末，岚江市今年新增专项债券已发行120亿元，完成全年300亿元额度的40%左右。"),
    ("t2", "2025-03-20", "泰和电子周四晚公布2024年全年业绩，期內營業收入52.3億元人民幣，按年下跌8.1%；"
                         "歸屬於上市公司股東的淨利潤6.2億元，按年增長15.3%。"),
    ("t3", "2025-08-20", "青山科技：上半年净利润12.5亿元，同比增长80.2%。青山科技上半年营业收入45.6亿元，同比增长20.4%。"),
    ("t4", "2025-07-08", "青川电子公布2025年第二季度业绩初步数据，预计营业利润为8.6万亿韩元，同比增长120.5%；"
                         "销售额为70万亿韩元，同比增长35.2%。"),
    ("t6", "2024-03-15", "2月末，广义货币(M2)余额299.56万亿元，同比增长8.7%。前两个月人民币贷款增加6.37万亿元。"),
    ("t5", "2025-10-03", "当地时间周四（10月2日），美国交通部宣布取消58个港口项目，涉及资金约32亿美元。"
                         "另据报道，青松集团当日宣布将以45亿美元现金收购北岸化工的涂料业务。"),
]

store = module_store(DOCS)


@pytest.mark.parametrize("claim, published, figure, verdict, slip", [
    # 发行进度约40% is the share of the year's quota issued, not a rate of the bonds
    ("岚江市今年新增专项债发行进度约40%。", "2024-06-04", "约40%", "supported", None),
    ("岚江市今年新增专项债发行进度约60%。", "2024-06-04", "约60%", "contradicted", "value"),
    # 营收 is the report's 營業收入: the fall is the revenue's, not the profit's growth (a wrong direction before)
    ("泰和电子去年净赚约6.2亿元，同比增长约15%，营收则下滑约8%。", "2025-03-21", "约8%", "supported", None),
    # the profit's 12.5亿元 is not the revenue, though the headline and the item share a sentence run
    ("青山科技上半年营业收入12.5亿元。", "2025-08-21", "12.5亿元", "contradicted", "wrong_metric"),
    ("青山科技上半年营业收入45.6亿元，净利润12.5亿元。", "2025-08-21", "12.5亿元", "supported", None),
    # a ；joins two statements: the deal's 45亿美元 is looked for by its own statement's words, on the day 同日 means
    ("美国交通部宣布取消58个港口项目，涉及资金约32亿美元；青松集团同日宣布以45亿美元现金收购北岸化工的涂料业务。",
     "2025-10-03", "45亿美元", "supported", None),
    ("美国交通部宣布取消58个港口项目，涉及资金约32亿美元；青松集团同日宣布以54亿美元现金收购北岸化工的涂料业务。",
     "2025-10-03", "54亿美元", "contradicted", "value"),
    # a statement that writes its own metric (M2余额) keeps it: 12.9% is the M2's, checked for its base
    ("今年1—2月人民币贷款增加6.37万亿元；2月末M2余额299.56万亿元，比年初增长8.7%。", "2024-03-16", "8.7%",
     "contradicted", "ytd_as_yoy"),
    # 8.6万亿韩元 is stored undated right before the quarter's growth: it is the quarter's
    ("青川电子二季度营业利润约8.6万亿韩元。", "2025-07-09", "约8.6万亿韩元", "supported", None),
    ("青川电子二季度营业利润约9.6万亿韩元。", "2025-07-09", "约9.6万亿韩元", "contradicted", "value"),
])
def test_tenth_batch_classes(store, claim, published, figure, verdict, slip):
    found = verdict_of(store, claim, published, figure)
    assert (found.verdict, found.slip) == (verdict, slip), found.explanation


def test_progress_is_written_as_a_share_of_the_plan():
    assert prepare_claim("新增专项债已发行约1.05万亿元，发行进度约27%") == "新增专项债已发行约1.05万亿元，完成计划的约27%"
    assert prepare_claim("支出进度为40%") == "完成计划的40%"
    assert prepare_claim("进度条显示下载了40%") == "进度条显示下载了40%"   # no plan word before 进度


def test_an_amount_takes_the_period_of_its_growth_only_close_by_in_its_sentence():
    sentence = "预计营业利润为8.6万亿韩元，同比增长120.5%；销售额为70万亿韩元。"
    level = {"doc_id": "d", "sentence_start": 0, "sentence": sentence, "metric_key": "营业利润", "measure": "flow",
             "start": 7, "end": 13, "period_start": None, "period_end": None}
    growth = {**level, "measure": "growth_rate", "start": 14, "end": 24, "period_start": "2025-04-01",
              "period_end": "2025-06-30"}
    far = {**level, "start": 29, "end": 36}   # after a ；, another statement
    out = dated_by_growth([level, growth, far])
    assert (out[0]["period_start"], out[0]["period_end"]) == ("2025-04-01", "2025-06-30")
    assert out[2]["period_start"] is None
    assert dated_by_growth([level]) == [level]   # no dated growth: unchanged


def test_an_amount_keeps_no_period_from_a_growth_on_the_period_before_or_after_its_own_period_word():
    """s23-undated, read on the whole archive: a 环比 growth of an amount computed for one quarter was dated to the
    year, and a summer's forecast peak, a season's daily capacity or forecasts listed after 截至目前 took the day
    their growth was dated to: they stay undated."""
    sentence = "据此计算，四季度净利预计3.1亿元，环比增长150%。"
    level = {"doc_id": "d", "sentence_start": 0, "sentence": sentence, "metric_key": "净利", "measure": "flow",
             "start": 12, "end": 17, "period_start": None, "period_end": None}
    growth = {**level, "measure": "growth_rate", "comparison": "mom", "start": 22, "end": 26,
              "period_start": "2021-01-01", "period_end": "2021-12-31"}
    assert dated_by_growth([level, growth])[0]["period_start"] is None
    assert dated_by_growth([level, {**growth, "comparison": "yoy"}])[0]["period_start"] == "2021-01-01"
    for words in ("今夏全国最高用电负荷将达", "春运每日可提供客座席位", "截至目前，青川证券预计净利润"):
        sentence = f"{words}16亿元，同比增长9%。"
        start = len(words)
        amount = {**level, "sentence": sentence, "start": start, "end": start + 4}
        dated = {**growth, "sentence": sentence, "comparison": "yoy", "start": start + 9, "end": start + 11,
                 "period_start": "2026-07-14", "period_end": "2026-07-14"}
        assert dated_by_growth([amount, dated])[0]["period_start"] is None, words
    plain = {**amount, "sentence": "预计净利润16亿元，同比增长9%。", "start": 5, "end": 9}
    assert dated_by_growth([plain, {**dated, "sentence": plain["sentence"], "start": 14, "end": 16}])[0][
        "period_start"] == "2026-07-14"


def test_the_classes_hold_on_other_real_sources(tmp_path):
    """Annual and quarterly results in short (营收), revenue against profit in a digest, a sales target's 完成进度, a
    semicolon and 同日 in a morning digest, Pudong's GDP and a station's passengers beside their growths, the SLF rates
    beside the month's operations: every claim right."""
    assert_claim_set_floor(PARAPHRASE_B10, tmp_path, {"verdict_accuracy": 1.0, "slip_accuracy": 1.0})


@pytest.mark.parametrize("claim", [
    "市场平稳；新發放貸款平均利率为4.5%，比上月下降0.1个百分点。",  # the statement names the metric, in traditional
    "据悉；媒体报道称市场平稳。新發放貸款平均利率为4.5%，比上月下降0.1个百分点。",  # the ； is an earlier sentence's
])
def test_a_statement_that_names_its_metric_keeps_it(claim):
    """s23-review: statement_break dropped a carried-over metric that the figure's own statement writes, when it was
    written in traditional characters (metrics are simplified), or when the ； stood in an earlier sentence."""
    from analyzer.check.claims import analyze
    from analyzer.check.reading import read_claim_figure
    record = analyze(claim, published="2025-01-10", doc_id="claim")
    figure = next(f for f in record.figures if f.text == "0.1个百分点")
    assert read_claim_figure(record.document.text, figure, "2025-01-10").metric == "贷款平均利率"
