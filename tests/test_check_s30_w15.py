"""Issue 16's classes of the fifteenth batch's dev misses (s30-w15fix), each failing on main (140fafa):

- A growth written against the previous year's December end (较2021年12月末增长0.85% of a January-end stock) is
  since the year's start, although the extractor gave it its default, year on year (``stored_base``
  since_named_december_end, ind-1012): a claim of 同比 quoting it is ``ytd_as_yoy``.
- A claim answered only by undated figures (a list of shares 分别占…的47.2%、53.8%和47.6% in a document with no date,
  which writes no period) whose number the same document states for another item of the list quotes that item's
  number: ``wrong_metric``, as for a claim without a period (ind-1015).
- A cumulative claim (1—11月) quoting the growth its document states for the last month alone, under the end of the
  claim's name (11月's 净利润), is ``wrong_period`` (``period_end_tail``, ind-1010).

Documents written for these tests."""
from __future__ import annotations

import pytest

from conftest import module_store, verdict_of

DOCS = [
    ("d1", "2022-02-10", "2022年1月末，某牧业公司生猪存栏200.5万头，较2021年12月末增长1.25%，较2021年1月末增长45.6%。"),
    ("d2", "2022-02-11", "截至2022年1月底，某银行个人存款余额8000亿元，比上年12月底增长2.4%。"),
    ("d4", "2021-12-20", "2021年1—11月全国某类公司净利润为150.5亿元，同比增长41.2%。"
                         "2021年11月营业收入45.5亿元；净利润13.5亿元，环比增长12.3%，同比增长27.7%。"),
    ("d3", None, "造船业三大指标继续保持领先，甲类完工量、乙类订单量、丙类订单量分别占世界总量的41.2%、52.8%和46.6%。"),
]

store = module_store(DOCS)


@pytest.mark.parametrize("claim, figure, verdict, slip", [
    ("截至1月底某牧业公司生猪存栏200.5万头，同比增长1.25%", "1.25%", "contradicted", "ytd_as_yoy"),
    ("截至1月底某银行个人存款余额8000亿元，同比增长2.4%", "2.4%", "contradicted", "ytd_as_yoy"),
    # guards: the base of another month stays year on year; the same base stated is supported
    ("截至1月底某牧业公司生猪存栏200.5万头，同比增长45.6%", "45.6%", "supported", None),
    ("截至1月底某牧业公司生猪存栏200.5万头，较年初增长1.25%", "1.25%", "supported", None),
])
def test_a_base_of_last_december_is_since_the_years_start(store, claim, figure, verdict, slip):
    found = verdict_of(store, claim, "2022-02-15", figure)
    assert (found.verdict, found.slip) == (verdict, slip), found.explanation


@pytest.mark.parametrize("claim, figure, verdict, slip", [
    ("去年我国甲类完工量占世界总量的41.2%，乙类订单量占比46.6%", "46.6%", "contradicted", "wrong_metric"),  # 丙类's
    ("去年我国甲类完工量占世界总量的41.2%，乙类订单量占比49.9%", "49.9%", "contradicted", "value"),  # nobody's
    ("去年我国甲类完工量占世界总量的41.2%，乙类订单量占比52.8%", "52.8%", "supported", None),
])
def test_another_items_number_in_an_undated_list_is_a_wrong_metric(store, claim, figure, verdict, slip):
    found = verdict_of(store, claim, "2022-02-15", figure)
    assert (found.verdict, found.slip) == (verdict, slip), found.explanation


@pytest.mark.parametrize("claim, figure, verdict, slip", [
    ("去年1—11月全国某类公司净利润150.5亿元，同比增长27.7%", "27.7%", "contradicted", "wrong_period"),  # 11月's
    ("去年1—11月全国某类公司净利润150.5亿元，同比增长33.3%", "33.3%", "contradicted", "value"),  # nobody's
    ("去年1—11月全国某类公司净利润150.5亿元，同比增长41.2%", "41.2%", "supported", None),
])
def test_the_last_months_growth_quoted_for_the_months_to_date_is_a_wrong_period(store, claim, figure, verdict, slip):
    found = verdict_of(store, claim, "2022-01-10", figure)
    assert (found.verdict, found.slip) == (verdict, slip), found.explanation
