"""Classes of claims learnt from the third independent batch's dev misses (ind-249 … ind-308): a change in a clause
of its own (…利率降至2.40%，下调10个百分点) is found by the sentence's words; a level quoted as a change or a flow
is ``level_as_growth``; 央行 is 人民银行 when words are matched; a series guessed from a short name gives way to
a figure the claim's words lead to; a rate claimed for a month is any of its readings inside the month. Each case
varies the wording of a source written for these tests."""
from __future__ import annotations

import pytest

from conftest import assert_verdict, module_store

# (id, published, text): written for these tests
DOCS = [
    ("t1", "2020-02-03", "春节假期后首个工作日，人民银行开展逆回购操作，7天期和14天期中标利率分别为2.40%和2.55%，"
                         "均较此前下降10个基点。"),
    ("t2", "2019-11-20", "11月LPR报价下调5个基点，1年期LPR降至4.15%。"),
    ("t3", "2024-03-28", "2023年末，建设银行普惠金融贷款余额达3.05万亿元，较上年末增加约7000亿元。"),
    ("t4", "2023-02-03", "2022年末，本外币涉农贷款余额49.25万亿元，同比增长14%，全年增加6.21万亿元。"),
    ("t5", "2025-05-07", "潘功胜介绍，截至3月末，结构性货币政策工具余额约5.9万亿元，占人民银行总资产的13%左右。"),
    ("t6", "2020-04-03", "此前已安排3000亿元专项再贷款和5000亿元再贷款再贴现专用额度。"),
    ("t8", "2024-08-29", "2024年8月20日，1年期贷款市场报价利率为3.35%。"),
    ("t7", "2024-11-12", "澄远电子公告，工商银行苏州分行将为本次回购提供不超过1.4亿元的股票回购专项贷款，贷款期限为3年。"),
]

CASES = [
    # claim, published, verdict, slip of the claim's last figure
    # a change in a clause that names nothing but its verb: the sentence's words find the stored change
    ("节后央行7天期逆回购中标利率降至2.40%，下调10个百分点。", "2020-02-03", "contradicted", "bp_vs_point"),
    ("节后央行7天期逆回购中标利率降至2.40%，下调10个基点。", "2020-02-03", "supported", None),
    ("节后央行14天期逆回购中标利率为2.55%，下调0.1个百分点。", "2020-02-03", "supported", None),
    ("节后央行7天期逆回购中标利率降至2.40%，上调10个基点。", "2020-02-03", "contradicted", "direction"),
    ("11月1年期LPR降至4.15%，下调5个百分点。", "2019-11-20", "contradicted", "bp_vs_point"),
    ("11月1年期LPR降至4.15%，下调5个基点。", "2019-11-20", "supported", None),
    # a level quoted as the change or the year's flow of the same statistic
    ("2023年建设银行普惠金融贷款较上年末增加3.05万亿元。", "2024-03-28", "contradicted", "level_as_growth"),
    ("2023年建设银行普惠金融贷款较上年末增加约7000亿元。", "2024-03-28", "supported", None),
    ("2022年本外币涉农贷款全年增加49.25万亿元", "2023-02-10", "contradicted", "level_as_growth"),
    ("2022年本外币涉农贷款全年增加6.21万亿元", "2023-02-10", "supported", None),
    ("2022年本外币涉农贷款全年增加5.5万亿元", "2023-02-10", "contradicted", "value"),
    # 央行 written for the release's 人民银行 (context_alias): the claim's words are found all the same
    ("截至3月末央行各类结构性工具余额约5.9万亿元，规模约相当于央行总资产的13%。", "2025-05-07", "supported", None),
    ("截至3月末央行各类结构性工具余额约5.9万亿元，规模约相当于央行总资产的15%。", "2025-05-07", "contradicted", "value"),
    # a series guessed from a short name (专项贷款 for 专项再贷款) gives way to the figure the claim's words lead to
    ("工行苏州分行为澄远电子回购提供最多1.4亿元专项贷款", "2024-11-12", "supported", None),
    # a rate claimed for a month is matched by a reading on a day inside it
    ("2024年8月，1年期贷款市场报价利率为3.35%", "2024-09-01", "supported", None),
    ("2024年8月，1年期贷款市场报价利率为3.45%", "2024-09-01", "contradicted", "value"),
]


store = module_store(DOCS)


@pytest.mark.parametrize("claim, published, verdict, slip", CASES)
def test_third_batch_classes(store, claim, published, verdict, slip):
    assert_verdict(store, claim, published, verdict, slip)
