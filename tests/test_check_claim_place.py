"""A claim's place and firm bound its support, not only its contradiction (s29-place, issue 16).

- A figure found by context supports a claim that names a place only where it is that place's (stored with it, or
  stored with no place in a document naming it): the nation's 39218元 is no figure of 广东's (``placed_context``, now
  both ways in ``_of_claim_place``).
- A place the place list lacks, written after the claim's period (2023年江门市…, 2023年顺德区…) or heading it before a
  colon as an administrative name (江门市：…), is the claim's place (``inner_place``, ``headline_place``), so another
  province's or the nation's figure neither supports nor contradicts it.
- A firm the taxonomy lacks, read whole by the organisation grammar (立华股份, 新希望), owns its figures
  (``own_figures`` unlisted_firms): 新希望's growth of 0.3% is no figure of 立华股份's.

Documents written for these tests."""
from __future__ import annotations

import pytest

from conftest import module_store, verdict_of

DOCS = [
    ("n1", "2024-01-17", "国家统计局17日发布数据，2023年全国居民人均可支配收入39218元，比上年增长6.3%。"),
    ("j1", "2024-01-20", "2023年，江苏省规模以上工业增加值同比增长7.6%，社会消费品零售总额增长6.5%。"),
    ("f1", "2024-04-26", "2023年，立华股份实现营业收入154亿元，同比增长6.3%。"),
    ("f2", "2024-04-28", "新希望2023年实现营业收入1417亿元，同比增长0.3%。"),
]

store = module_store(DOCS)


@pytest.mark.parametrize("claim, figure, verdict", [
    # another place's (or the nation's) figure found by context: no support
    ("2023年广东居民人均可支配收入39218元", "39218元", "unverifiable"),
    ("2023年浙江居民人均可支配收入增长6.3%", "6.3%", "unverifiable"),
    # places the place list lacks
    ("2023年江门市居民人均可支配收入增长6.3%", "6.3%", "unverifiable"),
    ("2023年顺德区规模以上工业增加值同比增长7.6%", "7.6%", "unverifiable"),
    ("2023年，顺德区社会消费品零售总额增长6.5%", "6.5%", "unverifiable"),
    ("江门市：2023年规模以上工业增加值同比增长7.6%", "7.6%", "unverifiable"),
    ("江门：2023年规模以上工业增加值同比增长7.6%", "7.6%", "unverifiable"),     # jieba's dictionary: 江门 ns
    ("东京2023年居民人均可支配收入增长6.3%", "6.3%", "unverifiable"),
    # guards: the place's own figures and national claims answer as before
    ("2023年江苏规模以上工业增加值同比增长7.6%", "7.6%", "supported"),
    ("2023年全国居民人均可支配收入39218元", "39218元", "supported"),
    ("2023年居民人均可支配收入增长6.3%", "6.3%", "supported"),
])
def test_a_place_bounds_support(store, claim, figure, verdict):
    found = verdict_of(store, claim, "2024-02-01", figure)
    assert found.verdict == verdict, found.explanation


@pytest.mark.parametrize("claim, figure, verdict", [
    ("2023年立华股份营业收入同比增长0.3%", "0.3%", "contradicted"),  # its own 6.3%, not 新希望's 0.3%
    ("2023年晓鸣股份营业收入同比增长0.3%", "0.3%", "unverifiable"),  # no figure of 晓鸣股份 is stored
    ("2023年立华股份营业收入同比增长6.3%", "6.3%", "supported"),
    ("2023年新希望营业收入同比增长0.3%", "0.3%", "supported"),
])
def test_a_firm_the_taxonomy_lacks_bounds_support(store, claim, figure, verdict):
    found = verdict_of(store, claim, "2024-05-01", figure)
    assert found.verdict == verdict, found.explanation


@pytest.mark.parametrize("claim, place", [
    ("2023年江门市居民人均可支配收入增长6.3%", "江门市"),
    ("2023年，顺德区社会消费品零售总额增长6.5%", "顺德区"),
    ("江门市：2023年规模以上工业增加值同比增长7.6%", "江门市"),
    ("江门：2023年规模以上工业增加值同比增长7.6%", "江门"),
    ("东京2023年居民人均可支配收入增长6.3%", "东京"),
    ("宁吉喆：2023年居民人均可支配收入增长6.3%", None),   # a speaker
    ("统计局监测：2023年居民人均可支配收入增长6.3%", None),
    ("工行苏州分行2023年贷款余额增长6.3%", None),          # a bank's branch: 苏州 inside a name
    ("2023年A股两市成交额增长6.3%", None),        # a market, not a place
    ("2023年工业园区产值增长6.3%", None),          # a generic zone
    ("2023年城市居民人均可支配收入增长6.3%", None),
])
def test_unknown_places_are_read_from_the_claim(claim, place):
    from analyzer.check import check_claim
    from analyzer.store import open_store
    with open_store(":memory:") as empty:
        assert check_claim(claim, empty, published="2024-02-01")[-1].figure.get("place") == place
