"""Classes of claims learnt from the fifth independent batch's dev misses (and the third's ind-253, ind-269): a
figure found by context is its own list item's (其中：黄金首饰…；金条及金币…), 我国 names no figure, and a long word
may be written apart (贷款贴息 in 消费贷款…给予贴息); a catalogued statistic the claim writes out elsewhere than in
its figure's metric (1年期LPR for 自8月改革以来, 民营企业进出口 for 在外贸总值中占比) is found by context, and only
its figures are; a claim without a period is judged by context on its own day's news; a stored name of the claim's
frame with another filler (普惠型小微企业贷款不良率 for 普惠型涉农贷款不良率) is another statistic. Each case varies
the wording of a source written for these tests."""
from __future__ import annotations

import pytest

from analyzer.check.context import another_filler
from conftest import assert_verdict, module_store

# (id, published, text): written for these tests
DOCS = [
    ("v1", "2026-08-06", "据中国黄金协会统计，2026年上半年，我国黄金消费量500吨。其中：黄金首饰130吨，同比下降30%；"
                         "金条及金币340吨，同比增长25%；工业及其他用金30吨。"),
    ("v2", "2024-05-30", "青禾县支持消费贷款贴息。居民购买家电的，单笔消费贷款金额不低于1万元的，按年化1个百分点给予贴息，"
                         "贴息资金总规模不超过1亿元。"),
    ("v3", "2019-11-20", "自8月改革以来，1年期LPR已累计下降16个基点，5年期以上LPR累计下降5个基点。"),
    ("v4", "2021-01-14", "2020年，民营企业进出口14.98万亿元，增长11.1%，占我国外贸总值的46.6%。我国与东盟贸易总值为"
                         "4.74万亿元，增长7%，占我国外贸总值的14.7%。"),
    ("v5", "2024-09-24", "引导商业银行将存量房贷利率降至新发放贷款利率附近，预计平均降幅在0.5个百分点左右。"),
    ("v6", "2025-03-09", "PPI首两个月平均跌幅为2.2%。"),
    ("v7", "2022-10-28", "三季度末普惠型小微企业贷款不良率为2.12%。普惠型涉农贷款余额8.9万亿元。"),
]

CASES = [
    # claim, published, verdict, slip of the claim's last figure
    # a figure of the list's next item (after the ；) is that item's: the claim's words lead to their own item
    ("2026年上半年我国黄金首饰用金量约130吨。", "2026-08-06", "supported", None),
    ("2026年上半年我国黄金首饰用金量约340吨。", "2026-08-06", "contradicted", "wrong_metric"),
    ("2026年上半年我国黄金首饰用金量约200吨。", "2026-08-06", "contradicted", "value"),
    # a long word of the claim written apart in the source (贷款贴息: 消费贷款…给予贴息)
    ("青禾县消费贷款贴息的资金总规模不超过1亿元。", "2024-05-30", "supported", None),
    ("青禾县消费贷款贴息的资金总规模不超过1000万元。", "2024-05-30", "contradicted", "scale"),
    # a catalogued statistic written in the claim, the figure's own metric none (改革 of 自8月改革以来)
    ("11月1年期LPR报4.15%，自8月改革以来累计下行16个基点。", "2019-11-20", "supported", None),
    ("11月1年期LPR报4.15%，自8月改革以来累计下行20个基点。", "2019-11-20", "contradicted", "value"),
    # a share whose metric is its base (在外贸总值中): the statistic the claim names, and only its figures
    ("2020年，民营企业进出口14.98万亿元，在外贸总值中占比46.6%。", "2021-01-14", "supported", None),
    ("2020年，民营企业进出口14.98万亿元，在外贸总值中占比14.7%。", "2021-01-14", "contradicted", "wrong_metric"),
    ("2020年，民营企业进出口14.98万亿元，在外贸总值中占比48.6%。", "2021-01-14", "contradicted", "value"),
    # a claim without a period whose series (平均) holds another day's figure: its own day's news judges it
    ("引导存量房贷利率下调后，平均降幅预计约0.5%。", "2024-09-24", "contradicted", "percent_vs_point"),
    ("引导存量房贷利率下调后，平均降幅预计约50个基点。", "2024-09-24", "supported", None),
    ("引导存量房贷利率下调后，平均降幅预计约0.5%。", "2024-10-30", "unverifiable", None),
    # another filler of the claim's frame is another statistic: neither support nor contradiction
    ("截至2022年9月末，普惠型涉农贷款不良率为2.5%。", "2022-10-28", "unverifiable", None),
    ("截至2022年9月末，普惠型涉农贷款不良率为2.12%。", "2022-10-28", "unverifiable", None),
    ("截至2022年9月末，普惠型小微企业贷款不良率为2.5%。", "2022-10-28", "contradicted", "value"),
]


store = module_store(DOCS)


@pytest.mark.parametrize("claim, published, verdict, slip", CASES)
def test_fifth_batch_classes(store, claim, published, verdict, slip):
    assert_verdict(store, claim, published, verdict, slip)


@pytest.mark.parametrize("mine, other, expected", [
    ("普惠型涉农贷款不良率", "普惠型小微企业贷款不良率", True),
    ("人民币贷款余额", "人民币存款余额", True),
    ("黄金首饰用金量", "黄金首饰", False),          # a longer name of the same thing
    ("岚江市消费贷款贴息的资金总规模", "贴息资金总规模", False),  # no common start
    ("南向资金净卖出", "南向资金净买入", False),      # no common end: the direction check's
    ("股票型ETF净流入资金", "股票型ETF吸金", False),
    ("设备更新贷款主体实际贷款成本", "贷款主体实际贷款成本", False),
])
def test_another_filler_of_one_frame(mine, other, expected):
    assert another_filler(mine, other) is expected
