"""Issue 16's classes of the thirtieth session (s30-claims), each failing on main (6ccf741):

- A 分别 list of places gives each figure its member's place (tests/test_lists_s30.py), so a claim about one place
  is checked on its own figure; another place's number of the same statistic is a wrong ``value`` (W14's gold),
  named as that place's.
- A firm's claim is not answered by another firm's sentence that writes its numbers (``source_sentence``: W14 ind-961,
  三峡能源 with 长江电力's results).
- A claim that names no place is not answered by a province's figure (``national_claim``).
- W14's and the round's dev misses as classes: a change 较2021年末 is since the year's start (``stored_base``
  since_named_year_end, ind-952); a year's income per head stored as a flow and quoted as its change is
  level_as_growth (``flow_as_change``, ind-944); a modifier written only in a later clause names no earlier figure (ind-962); a
  run of characters the dictionary knows one by one is one word of the claim's metric (皮卡, ind-965); a clause whose
  verb is 预计 states a forecast however far the verb (``guidance_clause``, ind-788); a city's 生产总值 is its GDP
  (``same_statistic``, ind-920).

Documents written for these tests."""
from __future__ import annotations

import pytest

from conftest import module_store, verdict_of

DOCS = [
    ("p1", "2023-01-20", "2022年各地居民收入公布，其中，天津和重庆居民人均可支配收入超过3万元，分别达到48976元和35666元。"),
    ("p2", "2023-01-21", "2022年，福建和江西地区生产总值分别为53110亿元和32075亿元，同比增长4.7%和4.7%。"),
    ("f1", "2022-01-20", "华能水电披露2021年度业绩快报，实现营业总收入203.41亿元，同比增长1.2%；"
                         "净利润67.52亿元，同比增长11.37%。"),
    ("j1", "2024-01-20", "2023年，江苏省规模以上工业增加值同比增长7.6%，社会消费品零售总额增长6.5%。"),
    ("w1", "2023-02-08", "截至2023年1月末，外汇储备规模为31845亿美元，较2022年末增加568亿美元，升幅为1.82%。"),
    ("w2", "2023-01-21", "2022年，湖南居民人均可支配收入34036元，比上年增加2103元，增长6.6%。"),
    ("w3", "2023-01-20", "2022年浙江经济数据公布，GDP达77715亿元，比上年增长3.1%；一般公共预算收入首破8000亿元；"
                         "全体居民人均可支配收入同比增长4.8%。"),
    ("w4", "2023-01-12", "长城汽车公告，2022年销量达106.75万辆，同比下降16.66%。"),
    ("w5", "2023-07-17", "数据显示，市场预计标普500指数成分股第二季度盈利同比下降7.2%。"),
    ("w6", "2023-01-20", "2022年全年宁波市生产总值为15704.3亿元，比上年增长3.5%。"),
]

store = module_store(DOCS)


@pytest.mark.parametrize("claim, figure, verdict, slip", [
    ("天津2022年居民人均可支配收入达35666元", "35666元", "contradicted", "value"),   # 重庆's
    ("重庆2022年居民人均可支配收入达35666元", "35666元", "supported", None),
    ("天津2022年居民人均可支配收入为48976元", "48976元", "supported", None),
    ("2022年江西地区生产总值为32075亿元", "32075亿元", "supported", None),
    ("2022年江西地区生产总值为53110亿元", "53110亿元", "contradicted", "value"),     # 福建's
])
def test_a_list_of_places_answers_each_place(store, claim, figure, verdict, slip):
    found = verdict_of(store, claim, "2023-02-01", figure)
    assert (found.verdict, found.slip) == (verdict, slip), found.explanation


def test_another_places_number_is_named_as_that_places(store):
    found = verdict_of(store, "天津2022年居民人均可支配收入达35666元", "2023-02-01", "35666元")
    assert "重庆" in found.explanation


@pytest.mark.parametrize("claim, figure, verdict", [
    # another firm's sentence writes both numbers: no source of this firm's claim
    ("华电能源2021年营业总收入203.41亿元，净利润同比增长11.37%", "203.41亿元", "unverifiable"),
    ("华电能源2021年营业总收入203.41亿元，净利润同比增长11.37%", "11.37%", "unverifiable"),
    # guard: the firm's own sentence still answers it
    ("华能水电2021年营业总收入203.41亿元，净利润同比增长11.37%", "203.41亿元", "supported"),
    ("华能水电2021年营业总收入203.41亿元，净利润同比增长11.37%", "11.37%", "supported"),
])
def test_another_firms_sentence_is_no_source(store, claim, figure, verdict):
    found = verdict_of(store, claim, "2022-02-01", figure)
    assert found.verdict == verdict, found.explanation


@pytest.mark.parametrize("claim, figure, verdict", [
    ("2023年规模以上工业增加值同比增长7.6%", "7.6%", "unverifiable"),   # 江苏's, and no national figure
    ("2023年江苏规模以上工业增加值同比增长7.6%", "7.6%", "supported"),   # guard: the place's own
    ("2022年地区生产总值为32075亿元", "32075亿元", "unverifiable"),
])
def test_a_national_claim_is_not_answered_by_a_place(store, claim, figure, verdict):
    found = verdict_of(store, claim, "2024-02-01", figure)
    assert found.verdict == verdict, found.explanation


@pytest.mark.parametrize("claim, published, figure, verdict, slip", [
    ("今年1月末外汇储备规模31845亿美元，同比增加568亿美元", "2023-02-08", "568亿美元", "contradicted", "ytd_as_yoy"),
    ("今年1月末外汇储备规模较上年末增加568亿美元", "2023-02-08", "568亿美元", "supported", None),   # guard
    ("湖南居民人均可支配收入去年比上年增加34036元", "2023-01-25", "34036元", "contradicted", "level_as_growth"),
    ("湖南居民人均可支配收入去年比上年增加2103元", "2023-01-25", "2103元", "supported", None),       # guard
    ("浙江2022年全体居民人均可支配收入60302元", "2023-01-25", "60302元", "unverifiable", None),
    ("长城汽车2022年皮卡销量18.4万辆", "2023-01-15", "18.4万辆", "unverifiable", None),
    ("长城汽车2022年销量106.75万辆", "2023-01-15", "106.75万辆", "supported", None),                  # guard
    ("标普500成分股二季度盈利实际同比下降约10%", "2023-08-03", "约10%", "unverifiable", None),
    ("宁波去年GDP超1.5万亿元，比上年增长3.5%", "2023-01-25", "3.5%", "supported", None),
])
def test_the_rounds_dev_misses_as_classes(store, claim, published, figure, verdict, slip):
    found = verdict_of(store, claim, published, figure)
    assert (found.verdict, found.slip) == (verdict, slip), found.explanation
