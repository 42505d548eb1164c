"""A source or a way of hearing it in front of a claim (有媒体报道称，…; 据悉，…; 数据显示，乘联分会数据，…) says who
reported the figure, not which one: its words are left out when stored figures are found by the claim's words
(``attribution`` in analyzer/check/claim_words.toml; a sentence may open with several such clauses)."""
from __future__ import annotations

import pytest

from analyzer.check import check_claim
from analyzer.check.reading import claim_words
from conftest import module_store

# (id, published, text): written for these tests
DOCS = [
    ("a1", "2026-08-01", "前不久，浙江临江经济“期中成绩单”出炉：今年1月至6月，该市GDP达2991.50亿元，按不变价格计算，"
                         "同比增长6.1%，增速居全省首位。"),
]

store = module_store(DOCS)


@pytest.mark.parametrize("lead", ["", "有媒体报道称，", "据悉，", "据新华社报道，", "记者从统计部门了解到，",
                                  "数据显示，据统计局消息，", "最新数据显示 ，"])
def test_a_lead_naming_the_source_changes_no_verdict(store, lead):
    claim = lead + "今年1至6月，临江GDP达2991.50亿元，同比增长6.1%。"
    verdicts = {v.figure["text"]: v for v in check_claim(claim, store, published="2026-08-01")}
    assert verdicts["6.1%"].verdict == "supported", verdicts["6.1%"].explanation
    assert verdicts["2991.50亿元"].verdict == "supported", verdicts["2991.50亿元"].explanation


@pytest.mark.parametrize("text, lead", [
    ("有媒体报道称，潘功胜披露，截至3月末", "有媒体报道称，"),
    ("数据显示，乘联分会数据，6月新能源乘用车零售", "数据显示，乘联分会数据，"),
    ("据悉，贵州茅台2023年净赚约747亿元", "据悉，"),
    ("工商银行称，2024年净利润", None),          # a firm's own statement names whose figure it is
    ("今年1至6月，据悉，临江GDP", None),          # only at the start of a sentence
])
def test_attribution_clauses_at_a_sentence_start(text, lead):
    match = claim_words()["attribution"].match(text)
    assert (match.group(0) if match else None) == lead
