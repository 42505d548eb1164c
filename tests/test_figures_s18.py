"""Figure readings of branch s18-figs: each a sentence in and the figures (text, value, unit, measure …) out."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


def _figures(text: str) -> list[tuple]:
    return [(f.text, str(f.value), f.unit, f.measure) for f in analyze(text).figures]


# a bound before 的 after a verb that hands, holds or yields the amount sizes that amount: no threshold (measure.toml
# threshold-of, amount-verbs); an attribute noun before the bound keeps the threshold
@pytest.mark.parametrize("text, expected", [
    ("承诺向南通乾创提供不超过9000万元的股票增持专项贷款。", [("不超过9000万元", "90000000", "CNY", "flow")]),
    ("公司近期通过创新模式新签了超290亿美元的合同。", [("超290亿美元", "29000000000", "USD", "flow")]),
    ("对单户授信不超过1000万元的小微企业贷款给予支持。", [("不超过1000万元", "10000000", "CNY", "other")]),
    ("资金来源包括对年收入超过25万欧元的高收入者加税。", [("超过25万欧元", "250000", "EUR", "other")]),
])
def test_a_bound_after_an_amount_verb_is_no_threshold(text, expected):
    assert _figures(text) == expected


def test_a_vague_amount_is_no_threshold():
    (figure,) = analyze("这可能给三星公司带来数百亿美元的损失。").figures
    assert figure.measure != "other"


# names that hold a number and a unit are no figures (real_text.toml numbered-names)
@pytest.mark.parametrize("text, expected", [
    ("“三桶油”历史首次股价集体报收涨停。", []),
    ("其中“两桶油”税费贡献突出。", []),
    ("国际油价上涨，每日进口原油200万桶。", [("200万桶", "2000000", "other", "flow")]),
    ("看好罗素2000指数更甚于标普500，预期未来几个月。", []),
    ("做市商正Gamma头寸下降，标普500所受的钉住效应减弱。", []),
    ("Mag7科技巨头整体跑赢标普493只成分股。", [("493只", "493", "count", "level")]),
])
def test_names_with_a_number_and_a_unit_are_no_figures(text, expected):
    assert _figures(text) == expected


# N个点 after Arabic digits is N points, as N点 is; 个点位 counts places and 一个点 is a word (real_text.toml
# counted-points, counted-points-not-places)
@pytest.mark.parametrize("text, expected", [
    ("全国菜篮子指数为129.26，环比下跌3.79个点。",
     [("129.26", "129.26", "other", "level"), ("3.79个点", "-3.79", "other", "change")]),
    ("美元指数DXY持续下挫，短线走低10个点。", [("10个点", "-10", "other", "change")]),
    ("司机日均交接100个点位。", [("100个", "100", "count", "flow")]),
    ("还有一个点是，中国的内容创作领域很活跃。", []),
])
def test_counted_points_are_points(text, expected):
    assert _figures(text) == expected


def test_counted_points_keep_the_counter_of_points():
    (figure,) = analyze("美元指数DXY持续下挫，短线走低10个点。").figures
    assert figure.counter == "点"


# users counted without a counter after 付费用户, 订阅用户, 注册用户, 新增用户 are users, though 付费 names a fee
# (real_text.toml users-named-before; a [[bare_count]] row holds before the money words of a bare amount)
@pytest.mark.parametrize("text, value", [
    ("该公司给出的2022年第一季度全球新增付费用户指引仅为250万，远低于市场预期。", "2500000"),
    ("预计截至2021年底的付费用户将超过110万。", "1100000"),
])
def test_paying_users_are_counted_not_paid(text, value):
    (figure,) = analyze(text).figures
    assert (str(figure.value), figure.unit, figure.counter) == (value, "count", "人")


def test_a_fee_before_a_bare_amount_stays_money():
    (figure,) = analyze("公司去年收取服务费5000万。").figures
    assert figure.unit == "CNY"


# a move to the day's high or low names the level reached: positive, a rate (real_text.toml level-at-day-extremes)
def test_a_move_to_the_days_low_is_a_level():
    figures = analyze("十年期美债收益率报1.1787%，美股盘前曾涨至日高1.2125%，随后在纽约下午跌至日低1.1567%。").figures
    assert [(f.text, str(f.value), f.measure) for f in figures] == [
        ("1.1787%", "1.1787", "rate"), ("1.2125%", "1.2125", "rate"), ("1.1567%", "1.1567", "rate")]


# basis points quoted after 报 are where a spread stands, a rate; the move before them stays a change
# (measure.toml basis-point-level-quoted)
def test_a_spread_quoted_in_basis_points_is_a_rate():
    figures = analyze("02/10年期美债收益率利差跌1.847个基点，报75.047个基点。").figures
    assert [(f.text, str(f.value), f.measure) for f in figures] == [
        ("1.847个基点", "-1.847", "change"), ("75.047个基点", "75.047", "rate")]


# a bound before 的 and the amount's own measure noun is that amount (measure.toml threshold-of after_pattern),
# after 总计 or 产生 too; 达到…以上的企业 keeps the threshold
@pytest.mark.parametrize("text, span, measure", [
    ("ProShares UltraShort Silver ETF，近8亿股的成交量显示出市场中存在巨大的逆向押注力量。", "近8亿股", "flow"),
    ("今年以来已有近140家银行陆续发行了总计超9200亿元的同业存单。", "超9200亿元", "flow"),
    ("对2022年一季度工业总产值达到1000万元以上的制造业企业给予奖励。", "1000万元以上", "other"),
])
def test_a_bound_before_its_own_measure_noun_is_no_threshold(text, span, measure):
    assert [f.measure for f in analyze(text).figures if f.text == span] == [measure]
