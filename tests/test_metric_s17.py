"""Metric names on unseen real text (s17-metric): families found by a blind audit of 30 archive items (seed 20261220).

Every sentence is written for the test (never copied from ../shared/data): a sentence in, the figure's metric out.
"""
import pytest

from analyzer.pipeline import analyze

CASES = [
    # a firm or person named before a clause that moves nothing gives no 股价 (share-price-clause-words)
    ("plan-of-person-no-share-price", "韩国总统李明远公布产业蓝图，计划累计投入超过300万亿韩元。", "超过300万亿韩元", None),
    ("move-of-firm-keeps-share-price", "软银集团领涨，涨超13%。", "超13%", "股价"),
    ("quote-of-firm-keeps-share-price", "开开实业午后拉升，现报12.01元。", "12.01元", "股价"),
]


@pytest.mark.parametrize("text, span, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_metric_of_figure(text, span, expected):
    figures = [f for f in analyze(text, published="2026-06-30").figures if f.text == span]
    assert [f.metric for f in figures] == [expected], [(f.text, f.metric) for f in analyze(text).figures]
