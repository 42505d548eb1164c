"""Words that name no institution on real text: a fund class (主动偏股基金), a data vendor's research (BI), the end of
中国 read as the taxonomy's 国寿 (中国寿险)."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


@pytest.mark.parametrize("text, expected", [
    ("截至2月8日，主动偏股基金今年以来平均净值下跌10%。", []),
    ("【BI资深行业分析师Henik Fung：2022年石油的再通胀交易可能面临平仓清算】", []),
    ("上海银保监局批准汇丰收购中国寿险合资公司剩余50%的股份", [("上海银保监局", "上海银保监局"), ("汇丰", "汇丰银行")]),
    # the names themselves still count
    ("中国人寿和国寿投资", [("中国人寿", "中国人寿保险（集团）公司"), ("国寿", "中国人寿保险（集团）公司")]),
    ("据瑞穗证券分析", [("瑞穗证券", "瑞穗证券")]),
])
def test_words_that_name_no_institution(text, expected):
    assert [(m.text, m.name) for m in analyze(text).institutions] == expected
