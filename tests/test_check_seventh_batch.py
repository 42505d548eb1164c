"""Classes of claims fixed on the seventh writer's dev misses (s19-claims2), each on documents written for these
tests, not the misses' sources: a count of firms names no statistic of its own (公司, 券商: ``counted_firms``); a
count written before what it counts (其中4家净利润…) is led by the words after it (``words_after_figure``); an
amount dated to a span and read as a flow by default compares with a stored level (``unmarked_measure``); heads
that name different statistics (出口量, 销量) keep a context match apart (``distinct_heads``); and a flow stored with
the claim's own span outranks one stored without a period (``dated_first``); a change written in points against a
stored level in percent is the level quoted as the change, not percent for points."""
from __future__ import annotations

from decimal import Decimal

import pytest

from analyzer.check import check_claim
from analyzer.check.slips import cross_measure_slip
from analyzer.records import Figure
from conftest import assert_verdict, module_store

# (id, published, text): written for these tests
DOCS = [
    ("s1", "2025-07-08", "数据显示，截至7月7日，A股共有150家上市公司披露2025年半年度业绩预告，其中120家预增。"),
    ("s2", "2025-07-21", "统计显示，今年上半年其中60家公司业绩同比增长50%以上，18家公司扭亏为盈。"),
    ("s3", "2023-03-02", "据不完全统计，截至3月1日，已有20家保险公司的2022年业绩快报出炉。其中，5家险企保费收入有望达到或超过千亿元，"
                         "保费收入同比下降的险企有7家。"),
    ("s4", "2022-06-10", "5月份，人民银行设立碳减排支持工具和煤炭清洁高效利用专项再贷款，额度分别为3000亿元和800亿元，利率均为1.75%。"),
    ("s5", "2025-07-12", "产销快报显示，青川汽车上半年新能源汽车销量12.5万辆，同比增长8.6%。"),
    ("s6", "2020-03-20", "人民银行新增再贷款额度5000亿元，支持企业复工复产。加上此前已安排的2000亿元专项再贷款，"
                         "今年以来人民银行累计安排再贷款额度7000亿元。"),
]

CASES = [
    # claim, published, verdict, slip of the claim's last figure
    # 公司 names no statistic: another story's count of other firms (60家公司 of 2025 H1) is no evidence; the
    # sentence the claim's words lead to is
    ("截至7月7日，A股已有150家公司发布2025年半年度业绩预告，其中120家预增。", "2025-07-08", "supported", None),
    # an amount dated to a month, read as a flow only by default, is the stored level (额度…800亿元), no slip
    ("今年5月，人民银行设立800亿元的煤炭清洁高效利用专项再贷款。", "2022-06-10", "supported", None),
    # 出口量 is not 销量: the carmaker's sales growth neither supports nor contradicts an export claim…
    ("今年上半年，我国新能源汽车出口量同比增长超过30%。", "2025-07-15", "unverifiable", None),
    # …while the sales claim still finds it
    ("今年上半年，青川汽车新能源汽车销量同比增长8.6%。", "2025-07-15", "supported", None),
    # the year-to-date total is the flow stated with 今年以来; the day's new tranche, stored without a period, is
    # another span's number
    ("今年以来，人民银行累计安排再贷款额度7000亿元。", "2020-03-20", "supported", None),
    ("今年以来，人民银行累计安排再贷款额度5000亿元。", "2020-03-20", "contradicted", "wrong_period"),
]

store = module_store(DOCS)


@pytest.mark.parametrize("claim, published, verdict, slip", CASES)
def test_seventh_batch_classes(store, claim, published, verdict, slip):
    assert_verdict(store, claim, published, verdict, slip)


@pytest.mark.parametrize("count, verdict", [("5家", "supported"), ("6家", "unverifiable")])
def test_a_count_before_its_words_is_led_by_them(store, count, verdict):
    """其中5家保费收入有望…: no word of the clause comes before the count, in the claim or in the stored sentence
    (其中，5家险企保费收入有望…); the words after it lead to it."""
    claim = f"截至3月1日，已有20家保险公司发布2022年业绩快报，其中{count}保费收入有望达到或超过千亿元。"
    found = [v for v in check_claim(claim, store, published="2023-03-02") if v.figure["text"] == count]
    assert found and found[0].verdict == verdict, [v.explanation for v in found]


def _figure(text: str, value: str, unit: str, measure: str) -> Figure:
    return Figure(text=text, start=0, end=len(text), value=Decimal(value), unit=unit, measure=measure,
                  metric="大型银行存款准备金率")


@pytest.mark.parametrize("claimed, stored, slip", [
    # the ratio after the cut (降至9.5%) quoted as the cut, written rightly in points: the level as the change
    (_figure("9.5个百分点", "-9.5", "percentage_point", "change"), _figure("9.5%", "9.5", "percent", "rate"),
     "level_as_growth"),
    # a change written in percent against a stored change in points is still percent for points
    (_figure("0.5%", "-0.5", "percent", "change"), _figure("0.5个百分点", "-0.5", "percentage_point", "change"),
     "percent_vs_point"),
])
def test_points_for_a_level_are_the_level_as_the_change(claimed, stored, slip):
    assert cross_measure_slip(claimed, stored, None) == slip


def test_a_stored_percentage_named_as_growth_is_no_level():
    """升幅为0.5% stored as a rate is a growth rate: 上升0.5个百分点 for it is percent for points."""
    claimed = _figure("0.5个百分点", "0.5", "percentage_point", "change")
    stored = Figure(text="0.5%", start=0, end=4, value=Decimal("0.5"), unit="percent", measure="rate", metric="升幅")
    assert cross_measure_slip(claimed, stored, None) == "percent_vs_point"
