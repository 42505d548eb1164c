"""The classes s29-place fixed beside the place and firm bounds (tests/test_check_claim_place.py); the regression set
that varies them on real sources, tests/claims/paraphrase-b14.jsonl, is gated in tests/quality_floors.json.
Documents written for these tests.

- ``wrong_period_reach``: the claim's number stored at another period of its series is a wrong period only from a
  document that states the claim's own period, or from a period near it (ind-033: another story's 2021 CPI was read as
  the June 2026 claim's wrong period);
- ``statistic_target``: 社零总额目标 is the work report's 社会消费品零售总额 (b13-13, supported before only by 佛山's
  6%左右 of another place);
- ``own_figures`` role_endings, unread_own and legal_forms: 海利生物控股股东 names 海利生物; a firm the grammar cannot
  read alone (世茂能源) owns its figures (ind-817's 1.3元 had been answered by another firm's dividend); a short name
  owns its legal name's figures (澄远电子, 江苏澄远电子科技股份有限公司: ind-507);
- ``percent-move-widened`` (measure.toml): 升幅达到了49% is a growth rate (ind-638's 近五成)."""
from __future__ import annotations

import pytest

from conftest import module_store, verdict_of

DOCS = [
    ("p1", "2024-01-12", "2023年12月份，全国居民消费价格同比下降0.3%。2023年全年，CPI比上年上涨0.2%。"
                         "12月份，全国工业生产者出厂价格同比下降2.7%。2023年全年，PPI比上年下降3%。"),
    ("p2", "2026-06-10", "2026年5月份，全国居民消费价格同比上涨1.3%。"),
    ("p3", "2026-07-09", "2026年6月份，全国居民消费价格同比上涨1.0%。"),
    ("g1", "2022-01-21", "2022年广东经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；社会消费品零售总额增长6.5%，"
                         "进出口总额增长3%。"),
    ("g2", "2022-01-25", "2022年，佛山预期目标为地区生产总值增长6%左右，进出口总额增长5%。"),
    ("d1", "2026-03-17", "世茂能源 ：2025年净利润同比增长0.38% 拟每10股派6元。"),
    ("d2", "2026-04-17", "北方稀土(600111)4月17日披露年报，公司拟每10股派发现金红利1.3元(含税)。"),
    ("b1", "2024-11-12", "江苏澄远电子科技股份有限公司（简称“澄远电子”）公告，截至11月11日，澄远电子前次回购方案已累计"
                         "回购公司股份326.4万股，成交总金额7862.5万元。"),
]

store = module_store(DOCS)


@pytest.mark.parametrize("claim, published, verdict, slip", [
    ("2026年6月CPI同比上涨0.2%", "2026-07-09", "contradicted", "value"),         # 2023's 0.2%: too far to mix up
    ("2026年6月CPI同比上涨1.3%", "2026-07-09", "contradicted", "wrong_period"),  # May's, another release, near
    ("2023年12月PPI同比下降3.0%", "2024-01-12", "contradicted", "wrong_period"),  # the year's, in the same release
])
def test_a_wrong_period_is_one_a_writer_could_mix_up(store, claim, published, verdict, slip):
    from analyzer.check import check_claim
    found = check_claim(claim, store, published=published)[-1]
    assert (found.verdict, found.slip) == (verdict, slip), found.explanation


@pytest.mark.parametrize("claim, figure, verdict", [
    ("广东：今年社零总额目标增长6.5%", "6.5%", "supported"),
    ("广东：今年社零总额预期目标增长6.5%", "6.5%", "supported"),
    ("佛山：今年社零总额目标增长6.5%", "6.5%", "unverifiable"),   # 广东's target is no figure of 佛山's
])
def test_a_target_named_by_a_statistic_is_that_statistics(store, claim, figure, verdict):
    found = verdict_of(store, claim, "2022-01-26", figure)
    assert found.verdict == verdict, found.explanation


@pytest.mark.parametrize("claim, verdict", [
    ("北方稀土拟每10股派1.3元", "supported"),
    ("北方稀土拟每10股派6元", "contradicted"),   # its own 1.3元, not 世茂能源's 6元
    ("世茂能源拟每10股派6元", "supported"),
])
def test_firms_the_grammar_cannot_read_alone_own_their_figures(store, claim, verdict):
    from analyzer.check import check_claim
    found = check_claim(claim, store, published="2026-04-18")[-1]
    assert found.verdict == verdict, found.explanation


@pytest.mark.parametrize("claim, figure, verdict", [
    ("截至11月11日，澄远电子前次回购方案累计回购326.4万股", "326.4万股", "supported"),
    ("截至11月11日，澄远电子前次回购方案累计回购326.4万股，成交总金额约7.86亿元", "约7.86亿元", "contradicted"),
])
def test_a_firms_short_name_owns_its_legal_names_figures(store, claim, figure, verdict):
    found = verdict_of(store, claim, "2024-11-12", figure)
    assert found.verdict == verdict, found.explanation


@pytest.mark.parametrize("name, owner", [("世茂能源", True), ("晓鸣股份", True), ("国家外管局", False),
                                         ("北京市住房和城乡建设委员会", False)])
def test_names_outside_the_taxonomy_that_own_their_figures(name, owner):
    from analyzer.check.claims import _unlisted_owner
    assert _unlisted_owner(name) is owner


def test_a_firm_named_in_a_later_statement_owns_no_earlier_figure():
    from analyzer.check.claims import names_before_statement_end
    text = "印尼综合指数暴跌8%；SK海力士同日宣布将在美国设立AI解决方案公司，承诺投入至少100亿美元。"
    spans = [(text.index("SK海力士"), "SK海力士")]
    assert names_before_statement_end(text, text.index("8%"), spans) == frozenset()
    assert names_before_statement_end(text, text.index("100亿"), spans) == frozenset({"SK海力士"})


@pytest.mark.parametrize("owners, names, owned", [
    ({"AMD"}, {"AMD日内"}, True),                                   # a name run on into a time word
    ({"江苏澄远电子科技股份有限公司"}, {"澄远电子"}, True),          # a legal name
    ({"万辰集团"}, {"中力股份"}, False),
])
def test_owners_match_the_claims_names(owners, names, owned):
    from analyzer.check.claims import _owned_by
    assert _owned_by(frozenset(owners), frozenset(names)) is owned


def test_a_role_ending_is_no_part_of_the_firms_name():
    from analyzer.check.claims import own_names
    assert own_names("海利生物控股股东累计减持约3220股") == frozenset({"海利生物"})


def test_a_rise_written_as_its_size_is_a_growth_rate():
    from analyzer import analyze
    figure = next(f for f in analyze("2021年这一数字骤增超过3000亿港元，升幅达到了49%。", doc_id="x").figures
                  if f.text == "49%")
    assert figure.measure == "growth_rate"

