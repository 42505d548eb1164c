"""Classes of claims fixed on the twelfth writer's dev misses (s27-claims-w12), each on documents written for these
tests, not the misses' sources: a change against the month before and one against a year earlier (or the year's
start) do not compare, and one quoted on the other base is a wrong period (``base_slip``); a growth rate quoted as
a change of the count it grows, found beside the figure the claim's words lead to (``measure_reading``
``growth_as_change``, ``beside``); shares counted right after the verb (``claim_phrase`` ``shares_after_verb``) and
耗资 for the notice's 支付的资金总额 (``context_alias`` ``amount_paid``); a company's other fiscal period
(``fiscal_period``); a claim about the mainland answered only by sentences that name it (``part_scope``).
tests/claims/paraphrase-b12.jsonl varies the classes on real and corpus sources (15 claims; main's checker before
s27-claims-w12: see test_the_classes_hold_on_other_sources)."""
from __future__ import annotations

import pytest

from analyzer.check.reading import prepare_claim
from conftest import ROOT, assert_claim_set_floor, module_store, verdict_of

PARAPHRASE_B12 = ROOT / "tests" / "claims" / "paraphrase-b12.jsonl"

# (id, published, text): written for these tests
DOCS = [
    ("w1", "2025-07-12", "6月末，广义货币(M2)余额300.5万亿元，同比增长8.1%，增速比上月末低0.2个百分点，比上年同期高0.4个百分点。"),
    ("w2", "2025-07-08", "国家外汇管理局统计数据显示，截至2025年6月末，我国外汇储备规模为32600亿美元，较5月末上升210亿美元，"
                         "较年初上升980亿美元。"),
    ("w3", "2026-01-20", "2025年，全省新登记科技型中小企业12.6万户，同比增长8.3%。"),
    ("w4", "2025-06-02", "截至2025年5月31日，青山制药已累计回购公司股份2,486,000股，占公司总股本的1.12%，"
                         "支付的资金总额为人民币51,204,300元（不含交易费用）。"),
    ("w5", "2026-05-20", "财报方面，Qinghe 2026财年Q2营收为12.4亿美元，同比增长9%。"),
    ("w6", "2026-04-02", "该刊发布年度富豪榜，今年共有创纪录的1580人上榜，比去年增加了60位。"),
]

store = module_store(DOCS)


@pytest.mark.parametrize("claim, published, figure, verdict, slip", [
    # 环比 and 同比 (or 比年初) changes are told apart: the other base's number is a wrong period
    ("6月末M2同比增长8.1%，增速环比回落0.2个百分点。", "2025-07-12", "0.2个百分点", "supported", None),
    ("6月末M2同比增长8.1%，增速比上年同期低0.2个百分点。", "2025-07-12", "0.2个百分点", "contradicted", "wrong_period"),
    ("6月末M2同比增长8.1%，增速比上年同期高0.4个百分点。", "2025-07-12", "0.4个百分点", "supported", None),
    ("6月末我国外汇储备32600亿美元，较上月末上升980亿美元。", "2025-07-09", "980亿美元", "contradicted", "wrong_period"),
    ("6月末我国外汇储备32600亿美元，较上月末上升210亿美元。", "2025-07-09", "210亿美元", "supported", None),
    # the growth rate written as a change of the count, beside the count the words lead to
    ("2025年全省新登记科技型中小企业12.6万户，比上年增加8.3万户。", "2026-01-21", "8.3万户", "contradicted",
     "growth_as_level"),
    # shares after the verb, and 耗资
    ("截至5月31日，青山制药累计回购约249万股，耗资约5120万元。", "2025-06-02", "约249万股", "supported", None),
    ("截至5月31日，青山制药累计回购约249万股，耗资约5120万元。", "2025-06-02", "约5120万元", "supported", None),
    ("截至5月31日，青山制药累计回购约349万股。", "2025-06-02", "约349万股", "contradicted", "value"),
    # another fiscal quarter is no reading of the claim's
    ("Qinghe 2027财年第一季度营收约12亿美元，同比增长约8%。", "2026-08-20", "约12亿美元", "unverifiable", None),
    ("Qinghe 2027财年第一季度营收约12亿美元，同比增长约8%。", "2026-08-20", "约8%", "unverifiable", None),
    # the whole list is no count of the mainland's part of it
    ("今年中国内地上榜富豪约500人。", "2026-04-03", "约500人", "unverifiable", None),
    ("今年上榜富豪约1600人。", "2026-04-03", "约1600人", "supported", None),
])
def test_twelfth_batch_classes(store, claim, published, figure, verdict, slip):
    found = verdict_of(store, claim, published, figure)
    assert (found.verdict, found.slip) == (verdict, slip), found.explanation


def test_shares_after_the_verb_are_the_notices_words():
    assert prepare_claim("瀚辰智装累计回购约136万股") == "瀚辰智装累计回购公司股份约136万股"
    assert prepare_claim("大股东拟增持500万股") == "大股东拟增持公司股份500万股"
    assert prepare_claim("累计回购股份136万股") == "累计回购股份136万股"   # the object written: left alone
    assert prepare_claim("回购价格不超过36元/股") == "回购价格不超过36元/股"   # no count after the verb


def test_the_classes_hold_on_other_sources(tmp_path):
    """Changes quoted on the other base, growth rates written as a count's change, buybacks counted after the verb
    and paid for as 耗资, other fiscal quarters, the mainland's part of a list: every claim right."""
    assert_claim_set_floor(PARAPHRASE_B12, tmp_path, {"verdict_accuracy": 1.0, "slip_accuracy": 1.0})
