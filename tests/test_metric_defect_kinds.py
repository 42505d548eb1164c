"""The face-value kinds benchmarks/metric_defects.py added in s27-metricdefects (a connective first, no head but
adverbs and moves, a measure word alone, a unit word alone, a parallel clause's subject), on sentences written for
these tests (not archive text)."""

import pytest

from conftest import benchmark_module


@pytest.fixture(scope="module")
def md():
    return benchmark_module("metric_defects")


def kinds(md, text, span, metric):
    start = text.index(span)
    figure = {"text": span, "start": start, "end": start + len(span), "metric": metric}
    return set(md.defects(metric, figure, text, [figure], md._segment(), md._posseg()))


@pytest.mark.parametrize("text, span, metric, kind", [
    ("甚至有商户春节档销售下滑50%以上。", "50%以上", "甚至有商户春节档销售", "lead_connective"),
    ("本周持股量较上周增长了7%，环比增幅为6%。", "6%", "环比", "bare_modifier"),
    ("房价同比增长9%，环比增长3%。", "3%", "环比增长", "bare_modifier"),
    ("截至收盘，该股涨幅高达8.7%。", "8.7%", "涨幅", "bare_measure_head"),
    ("项目总投资达30亿元。", "30亿元", "亿元", "unit_only"),
    ("甲原料价格累计上涨9.58%，乙原料上涨1.91%。", "1.91%", "甲原料价格", "parallel_subject"),
])
def test_a_wrong_name_has_its_kind(md, text, span, metric, kind):
    assert kind in kinds(md, text, span, metric)


NEW_KINDS = {"lead_connective", "bare_modifier", "bare_measure_head", "unit_only", "parallel_subject"}


@pytest.mark.parametrize("text, span, metric", [
    ("甲原料价格累计上涨9.58%，乙原料上涨1.91%。", "1.91%", "乙原料"),
    ("营业收入100亿元，同比增长5%。", "5%", "营业收入"),  # a growth rate takes the name of the clause before
    ("营业收入100亿元，分析师预期98亿元。", "98亿元", "营业收入"),  # a forecast of the reading
    ("并购基金规模达50亿元。", "50亿元", "并购基金规模"),  # 并购 is a word, not 并
    ("日元跌0.3%。", "0.3%", "日元"),  # a currency's move names the currency
])
def test_a_right_name_has_none(md, text, span, metric):
    assert not kinds(md, text, span, metric) & NEW_KINDS
