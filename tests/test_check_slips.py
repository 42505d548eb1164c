"""Slips that win over ``value`` when the claim's number is another reading of the source (issue 16): a growth rate
quoted as a level and the reverse (the written digits match across units), a number of another metric of the same
release, a change since the year's start quoted as year-on-year (or the reverse), a cumulative growth quoted
for its last month (a wrong period); and the checker's lists come out in one order."""
from __future__ import annotations

import pytest

from analyzer.check.claims import ClaimChecker, _overlap
from analyzer.records import Document
from conftest import assert_verdict, module_store

# (id, published, text): written for these tests
DOCS = [
    ("m1", "2026-08-03", "初步核算，2026年上半年海洋生产总值5.5万亿元，同比增长5.1%。"),
    ("m2", "2024-12-20", "2024年11月末，银行业普惠型小微企业贷款余额33.1万亿元，同比增长14.7%。"),
    ("m3", "2025-01-17", "2024年，全国政府性基金预算收入62090亿元，同比下降12.2%。其中，国有土地使用权出让收入48699亿元，"
                         "同比下降16%。"),
    ("m4", "2022-10-28", "截至三季度末，普惠型小微企业有贷款余额户数3556万户，较年初增加321万户。"),
    ("m5", "2026-02-11", "2026年1月份，全国工业生产者出厂价格同比下降1.4%，降幅比上月收窄0.5个百分点。"),
    ("m6", "2022-01-27", "2021年我国R&D经费与GDP之比达到2.44%，比上年提高0.03个百分点。"),
    ("m7", "2025-07-25", "2025年6月末，普惠型小微企业贷款余额35.6万亿元，同比增长12.3%，较年初增长8.1%。"),
    ("m9", None, "【圣农发展：12月实现销售收入同比增长3.77%】圣农发展公告，2021年12月实现销售收入13.51亿元，"
                 "较去年同期增长3.77%，较上月环比增长3.88%。"),
    ("m10", "2023-02-03", "2022年末，普惠小微授信户数5652万户，同比增长39.7%。"),
    ("m11", "2022-01-25", "2021年，深圳新发放企业贷款加权平均利率为4.49%，同比下降0.14个百分点。"),
    ("m12", "2025-11-03", "会上公布，今年1月至9月，西藏自治区社会融资规模增量累计为846.89亿元，其中对实体经济发放的人民币贷款"
                          "增加772.96亿元。"),
    ("m8", "2024-05-09", "今年前4个月，我国货物贸易进出口总值13.81万亿元，同比增长5.7%。其中，4月份进出口3.64万亿元，同比增长8%。4月份，出口2.08万亿元，同比增长5.1%。"),
    ("m13", "2023-12-29", "金融活水精准滴灌 首贷户新增近190万户"),
    ("m15", "2024-03-26", "去年末招行普惠型小微企业贷款余额逾8000亿元，绿色贷款余额4380亿元。"),
    ("m14", "2024-04-07", "截至2023年末，科技型中小企业贷款余额2.45万亿元，同比增长21.9%；普惠型小微企业贷款余额29.4万亿元。"),
]

CASES = [
    # claim, published, verdict, slip
    ("2026年上半年海洋生产总值5.1万亿元", "2026-08-03", "contradicted", "growth_as_level"),
    ("2026年上半年海洋生产总值5.5万亿元", "2026-08-03", "supported", None),
    ("2026年上半年海洋生产总值5.3万亿元", "2026-08-03", "contradicted", "value"),
    ("2024年11月末银行业普惠型小微企业贷款余额同比增长33.1%", "2024-12-20", "contradicted", "level_as_growth"),
    ("2024年11月末银行业普惠型小微企业贷款余额同比增长14.7%", "2024-12-20", "supported", None),
    ("2024年国有土地使用权出让收入同比下降12.2%", "2025-01-17", "contradicted", "wrong_metric"),
    ("2024年国有土地使用权出让收入同比下降13.5%", "2025-01-17", "contradicted", "value"),
    ("2024年国有土地使用权出让收入同比下降逾12%", "2025-01-17", "contradicted", "value"),  # a bound traces nothing
    ("2022年三季度末，普惠型小微企业有贷款余额户数同比增加321万户", "2022-10-28", "contradicted", "ytd_as_yoy"),
    # the base confused either way at a point inside the year (比年初 for 同比 and 同比 for 比年初)
    ("2025年6月末，普惠型小微企业贷款余额同比增长8.1%", "2025-07-25", "contradicted", "ytd_as_yoy"),
    ("2025年6月末，普惠型小微企业贷款余额比年初增长12.3%", "2025-07-25", "contradicted", "ytd_as_yoy"),
    ("2025年6月末，普惠型小微企业贷款余额比年初增长8.1%", "2025-07-25", "supported", None),
    # a cumulative growth quoted for the month is a wrong period, also when the release names the statistic in full
    ("2024年4月份我国进出口同比增长5.7%", "2024-05-09", "contradicted", "wrong_period"),
    ("2024年4月份我国进出口同比增长8%", "2024-05-09", "supported", None),
    # exports are a statistic of their own, not a name of total trade (进出口)
    ("2024年4月份我国出口同比增长8%", "2024-05-09", "contradicted", "wrong_metric"),
    ("2024年4月份我国出口同比增长5.1%", "2024-05-09", "supported", None),
    # an undated headline's number is no other period (环比 for 同比 is just another number here)
    ("圣农发展2021年12月销售收入环比增长3.77%", "2022-01-10", "contradicted", "value"),
    # found by context (西藏 for 西藏自治区), the release's other metric holds the number
    ("今年前三季度西藏社会融资规模增量772.96亿元", "2025-11-03", "contradicted", "wrong_metric"),
    ("今年前三季度西藏社会融资规模增量846.89亿元", "2025-11-03", "supported", None),
    # basis points written as percentage points (0.14个百分点 = 14个基点)
    ("2021年深圳新发放企业贷款加权平均利率同比下降14个百分点", "2022-01-25", "contradicted", "bp_vs_point"),
    ("2021年深圳新发放企业贷款加权平均利率同比下降0.14个百分点", "2022-01-25", "supported", None),
    # a claim without a period 10^4 off a stored number is a slip of scale all the same
    ("普惠小微授信户数5652户", "2023-02-03", "contradicted", "scale"),
    # a misplaced decimal point (10, 100 or 1000 off) is a slip of scale too, when the stored number itself is hit
    ("2026年上半年海洋生产总值55万亿元", "2026-08-03", "contradicted", "scale"),
    ("2026年上半年海洋生产总值0.055万亿元", "2026-08-03", "contradicted", "scale"),
    ("2026年上半年海洋生产总值0.7万亿元", "2026-08-03", "contradicted", "value"),
    # a flow without a period from a story before the claim's period ends is not that period's total
    ("2023年全年新增首贷户超过200万户", "2024-01-20", "unverifiable", None),
    # a bound traces no number to another metric (超过2.2万亿 is not 科技型中小企业's 2.45万亿)
    ("2023年末科技型中小企业贷款余额2.45万亿元", "2024-04-07", "supported", None),
    ("2023年末普惠型小微企业贷款余额为2.45万亿元", "2024-04-07", "contradicted", "wrong_metric"),
    ("2023年末普惠型小微企业贷款余额超过2.2万亿元", "2024-04-07", "contradicted", "value"),
    # a bank's figure is no other bank's: 招行's 8000亿 neither supports nor contradicts a claim about 工商银行
    ("2023年末，工商银行绿色贷款余额4380亿元", "2024-03-26", "unverifiable", None),
    ("2023年末，招商银行绿色贷款余额4380亿元", "2024-03-26", "supported", None),
    ("2023年末，工商银行、招行绿色贷款余额分别为5万亿元、4380亿元", "2024-03-26", "supported", None),
    # a measure word ends the claim's metric (PPI同比降幅 is PPI's), a comparison + verb makes a percentage a change
    ("今年1月，PPI同比降幅比上月扩大0.5个百分点", "2026-02-11", "contradicted", "direction"),
    ("今年1月，PPI同比降幅比上月收窄0.5个百分点", "2026-02-11", "supported", None),
    ("2021年R&D经费与GDP之比达到2.44%，比上年提高0.03%", "2022-01-27", "contradicted", "percent_vs_point"),
    ("2021年R&D经费与GDP之比达到2.44%，比上年提高0.03个百分点", "2022-01-27", "supported", None),
]


store = module_store(DOCS)


@pytest.mark.parametrize("claim, published, verdict, slip", CASES)
def test_the_slip_wins_over_value(store, claim, published, verdict, slip):
    assert_verdict(store, claim, published, verdict, slip)


def test_nearest_metrics_are_ordered_by_score_then_name(store, pipeline):
    record = pipeline.analyze(Document(id="c", text="2024年11月末银行业普惠型小微企业贷款不良率为1.5%",
                                       published="2024-12-20"))
    checker = ClaimChecker(store)
    figure = record.figures[0]
    names = checker.nearest_metrics(figure, "银行业普惠型小微企业贷款不良率", limit=10)
    assert names, "a look-alike metric is stored"
    scores = [(-_overlap(m, "银行业普惠型小微企业贷款不良率"), m) for m in names]
    assert scores == sorted(scores)
    assert names == ClaimChecker(store).nearest_metrics(figure, "银行业普惠型小微企业贷款不良率", limit=10)
