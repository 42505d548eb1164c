"""The claim's source sentence (analyzer.check.source, ``source_sentence`` in claim_words.toml): a figure the checker
finds no series for is read in the stored sentence its sibling figures were found in, or that writes two of the
claim's numbers, whatever the extractor named there. Documents written for these tests, not the claim set's sources
(the recall round's dev misses were ind-647, 652, 696, 766, 812, 819, 835)."""
from __future__ import annotations

import pytest

from conftest import module_store, verdict_of

DOCS = [
    ("s1", "2026-03-17", "青禾证券公布中期业绩。截至2025年9月底，其客户总数超过60万，客户资产（包括现金、股票及保证金）较上年同期增长"
                         "34.4%至约863亿港元。"),
    ("s2", "2022-02-15", "据行业协会统计，2021年，铜、铝、铅、锌现货均价分别为68490元/吨、18946元/吨、15278元/吨、22579元/吨，"
                         "同比上涨40.5%、33.5%、3.4%、22.1%。"),
    ("s3", "2022-01-05", "报告显示，2021年第四季度，折叠屏手机在二手市场的交易量显著攀升，交易占比由2021年三季度的13.30%上升至四季度的"
                         "27.45%。"),
    ("s4", "2026-03-24", "新S7依然分三个版本，售价分别为18.99万、20.99万、25.39万元，相较老款涨价3000元。"),
]

store = module_store(DOCS)


@pytest.mark.parametrize("claim, published, figure, verdict, slip", [
    # the sentence writes both numbers under 现金股票及保证金: the claim's source, though named otherwise; 较年初 is its
    # 较上年同期 misread
    ("截至2025年9月底，青禾证券客户资产较年初增长34.4%，达约863亿港元。", "2026-03-17", "34.4%", "contradicted",
     "ytd_as_yoy"),
    # a list of four metals: the aluminium's price is the claim's item, zinc's 22.1% is another's
    ("2021年国内铝价均价每吨约1.89万元，同比上涨22.1%。", "2022-02-15", "22.1%", "contradicted", "wrong_metric"),
    # the step between two readings of the sentence answers the claimed change
    ("2021年四季度，折叠屏手机在二手市场的交易占比升至27.45%，环比提高约14个百分点。", "2022-01-05", "约14个百分点",
     "supported", None),
    # a range is supported by its two ends written in the sentence of the claim's other figure
    ("新一代青岚S7三个版本售价18.99万至25.39万元，较老款贵3000元。", "2026-03-24", "18.99万至25.39万元", "supported", None),
])
def test_source_sentence(store, claim, published, figure, verdict, slip):
    found = verdict_of(store, claim, published, figure)
    assert (found.verdict, found.slip) == (verdict, slip), found.explanation


@pytest.mark.parametrize("claim, published, figure", [
    # what the sentence does not write is not supported: another change than the step of its two readings
    ("2021年四季度，折叠屏手机在二手市场的交易占比升至27.45%，环比提高约20个百分点。", "2022-01-05", "约20个百分点"),
])
def test_source_sentence_invents_nothing(store, claim, published, figure):
    found = verdict_of(store, claim, published, figure)
    assert found.verdict != "supported", found.explanation
