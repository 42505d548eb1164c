"""Measure and comparison rules (analyzer/rules/measure.toml): every row's example gives its expected answer."""
import pytest

from analyzer import analyze, rulebook
from analyzer.extract import measures

ANSWERS = {"measure": "measure", "by_metric": "measure", "level_over_period": "measure", "comparison": "comparison",
           "comparison_default": "comparison", "comparison_by_period": "comparison"}
CASES = [(table, row) for table in ANSWERS for row in rulebook.rows(measures.RULE_FILE, table)]


@pytest.mark.parametrize("table, row", CASES, ids=[f"{table}:{row['id']}" for table, row in CASES])
def test_rule_example_gives_its_answer(table, row):
    record = analyze(row["example"], published=row.get("published", "2025-06-30"))
    found = {f.text: f for f in record.figures}
    assert row["figure"] in found, list(found)
    expect = None if row["expect"] == measures.NO_COMPARISON else row["expect"]
    assert getattr(found[row["figure"]], ANSWERS[table]) == expect
    assert found[row["figure"]].explain[ANSWERS[table]]["rule"] == row["id"]  # the example is the row's own case


@pytest.mark.parametrize("row", rulebook.rows(measures.RULE_FILE, "words"),
                         ids=[row["id"] for row in rulebook.rows(measures.RULE_FILE, "words")])
def test_word_rows_example_holds_a_word(row):
    assert any(word in row["example"] for word in row["words"])


def test_every_condition_is_a_registered_predicate():
    for table in ANSWERS:
        assert measures.rules(table), table  # compiling refuses an unknown condition


def test_the_measure_table_ends_with_a_row_that_always_holds():
    for table in ("measure", "level_over_period"):
        assert measures.rules(table)[-1].conditions == ()


def test_unknown_condition_is_refused():
    with pytest.raises(rulebook.RuleFileError):
        measures._compile_row({"id": "x", "example": "x", "no_such_test": 1}, "measure")


@pytest.mark.parametrize("text, figure, rule", [
    ("下调金融机构存款准备金率0.5个百分点", "0.5个百分点", "points-change"),
    ("截至收盘，恒生指数下跌3021.51点", "3021.51点", "index-points-move"),
    ("一季度新增人民币贷款9.78万亿元", "9.78万亿元", "strong-flow"),
])
def test_explain_names_the_measure_rule(text, figure, rule):
    found = {f.text: f for f in analyze(text, published="2025-06-30").figures}
    assert found[figure].explain["measure"]["rule"] == rule


def test_explain_names_the_comparison_rule_and_words():
    figure = analyze("社会消费品零售总额同比增长5.1%", published="2025-06-30").figures[-1]
    assert figure.explain["comparison"] == {"rule": "year-on-year", "words": "同比"}
    assert figure.explain["measure"]["rule"] == "percent-growth"



@pytest.mark.parametrize("text, span, by_row", [
    ("东阳光公告，2021年净利预计增加4.2亿元到5.7亿元，同比增加101%到137%。", "4.2亿元到5.7亿元", True),
    ("非GAAP毛利润增加到12亿美元，环比增长14%。", "12亿美元", False),  # 增加到 names the new level
    ("一季度人民币贷款增加9.78万亿元。", "9.78万亿元", False),  # loans that grow are new loans
])
def test_result_change_reads_only_a_change_of_a_result(text, span, by_row):
    found = {f.text: f for f in analyze(text, published="2022-01-20").figures}
    assert (found[span].explain["measure"]["rule"] == "result-change") == by_row


def test_counted_kinds_keep_the_span_they_were_counted_over():
    figure = next(f for f in analyze("2019年，有进出口实绩的企业约47.5万家。", published="2020-01-14").figures)
    assert (figure.measure, figure.period.start, figure.period.end) == ("level", "2019-01-01", "2019-12-31")
    balance = next(f for f in analyze("2019年，外汇储备3.1万亿美元。", published="2020-01-14").figures)
    assert (balance.period.start, balance.period.end) == ("2019-12-31", "2019-12-31")  # a balance: the span's end


# -- general cues (issue #14): each row reads the verb, the metric's head or the words after the number, and stops
# -- where that cue does not hold -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, span, measure, comparison", [
    ("泰国国际航空将把票价上调10%。", "10%", "growth_rate", None),  # an adjustment: against its own old value
    ("银行将一年期存款利率上调至3%。", "3%", "rate", None),  # 至 closes the move: the new level
    ("零售点降至5047个，其中69.4%为加盟店。", "69.4%", "share", None),
    ("营收和归母净利润分别同比+0.9%。", "0.9%", "growth_rate", "yoy"),
    ("3月份，居民消费价格涨幅为2%。", "2%", "growth_rate", "yoy"),  # a statistic's 涨幅: no market words
    ("纳指期货跌幅达0.66%。", "0.66%", "growth_rate", None),  # a market move's 跌幅
    ("高盛下调澳大利亚一季度GDP环比预期至增长2.0%。", "2.0%", "growth_rate", "mom"),  # 环比预期 is no other base
    ("该股年初至今累计涨幅已达44%。", "44%", "growth_rate", "ytd"),
    ("豆包2.0推理效率提升43%。", "43%", "growth_rate", None),  # a product improved: no earlier period
    ("报告期内，公司营业收入增长12%。", "12%", "growth_rate", "yoy"),  # a result grows year on year
])
def test_percent_cues(text, span, measure, comparison):
    found = {f.text: f for f in analyze(text, published="2025-06-30").figures}
    assert (found[span].measure, found[span].comparison) == (measure, comparison)


@pytest.mark.parametrize("text, span, measure", [
    ("2021年12月汽车销量为233671辆，同比增长11.77%。", "233671辆", "flow"),  # the metric's head: sales
    ("2021年，11家公司净利同比增加。", "11家", "level"),  # firms counted are no sales, whatever the metric
    ("贝莱德第一季度资产管理规模为13.89万亿美元。", "13.89万亿美元", "level"),  # a stock over a quarter
    ("预计2022年全市场IPO规模将达到5100亿元左右。", "5100亿元左右", "flow"),  # 规模 alone: money raised
    ("合资公司注册资本为3亿元，公司拟出资1.5亿元。", "1.5亿元", "flow"),  # paid in, though 注册资本 is near
    ("合资公司注册资本为3亿元，公司拟出资1.5亿元。", "3亿元", "level"),
])
def test_amount_cues(text, span, measure):
    found = {f.text: f for f in analyze(text, published="2025-06-30").figures}
    assert found[span].measure == measure


@pytest.mark.parametrize("text, span, measure", [
    ("公司中标2.04亿元公路改造工程。", "2.04亿元", "flow"),  # the money of a deal won
    ("控股子公司以2.14亿元竞拍取得探矿权。", "2.14亿元", "flow"),  # an amount before the buying verb
    ("国内汽、柴油零售限价每吨分别上调685元。", "685元", "change"),  # a price moved by an amount
    ("特斯拉市值单日蒸发1090亿美元。", "1090亿美元", "change"),
    ("两融余额较上年末增加1.2万亿元。", "1.2万亿元", "change"),  # 比/较 a base, unchanged
    ("阿达尼目前身价仅比安巴尼的900亿美元多出1亿美元。", "1亿美元", "change"),  # a base with its own amount
    ("海科新源保证产能满足比亚迪锂电池湖北项目每年至少10万吨的产品需求。", "至少10万吨", "level"),  # 比亚迪 is a name; 至少 is in the span (qualifier-at-least)
])
def test_deal_and_move_money(text, span, measure):
    found = {f.text: f for f in analyze(text, published="2025-06-30").figures}
    assert found[span].measure == measure


def test_journeys_counted_are_a_flow_without_a_date():
    found = {f.text: f for f in analyze("春运首日，全国发送旅客2484.8万人次，其中公路1862万人次。").figures}
    assert found["2484.8万人次"].measure == found["1862万人次"].measure == "flow"


@pytest.mark.parametrize("text, span, measure", [
    ("贵州茅台涨幅扩大至5%，现报1389.06元。", "1389.06元", "rate"),  # a quote after 报 is a price
    ("深交所融资余额报8129.7亿元，较前一交易日增加16亿元。", "8129.7亿元", "level"),  # a balance quoted is no price
    ("伦铜周一站稳4.892美元/磅，刷新7月以来新高。", "4.892美元", "rate"),  # money per pound after the span
])
def test_quoted_prices(text, span, measure):
    found = {f.text: f for f in analyze(text, published="2025-06-30").figures}
    assert found[span].measure == measure


def test_a_quote_takes_its_clause_subject_as_metric():
    found = {f.text: f for f in analyze("券商股全线涨停，中信证券涨停报23.82元。", published="2025-06-30").figures}
    assert (found["23.82元"].measure, found["23.82元"].metric) == ("rate", "股价")
    assert "price-quoted-after-bao" in measures.quote_rows()


@pytest.mark.parametrize("text, span, measure", [
    ("新增确诊病例197例。其中境外输入病例45例（上海11例，天津7例）。", "7例", "flow"),  # a part of the day's new cases
    ("本轮疫情现有确诊病例43例。", "43例", "level"),  # cases held at a point
    ("1月深圳二手商品住宅仅成交1557套。", "1557套", "flow"),  # goods traded
    ("该矿具有年处理30万吨的选厂。", "30万吨", "level"),  # a capacity, not goods traded
    ("腾讯控股：1月10日回购45万股股份。", "45万股", "flow"),  # shares of a deal
    ("陆股通最新持有518.92万股。", "518.92万股", "level"),  # shares held
    ("截至发稿，道指成交量报3.39亿股。", "3.39亿股", "flow"),  # a volume traded
])
def test_cases_and_goods_counted(text, span, measure):
    found = {f.text: f for f in analyze(text, published="2022-01-30").figures}
    assert found[span].measure == measure


@pytest.mark.parametrize("text, span, measure", [
    ("该债券认购倍数达3.9倍。", "3.9倍", "rate"),  # a ratio held as a level
    ("最终发行价格为发行底价的1.18倍。", "1.18倍", "rate"),
    ("今年股价大涨7倍。", "7倍", "growth_rate"),  # growth in multiples
    ("公司计划将所有部门的规模扩大至少一倍。", "至少一倍", "growth_rate"),  # 至少 is in the span (qualifier-at-least)
    ("贷款利率不低于同期首套利率的1.1倍。", "1.1倍", "other"),  # a bound
])
def test_multiples(text, span, measure):
    found = {f.text: f for f in analyze(text, published="2025-06-30").figures}
    assert found[span].measure == measure


@pytest.mark.parametrize("text, span", [
    ("今年一季度的销售额达到去年同期的1.2倍。", "1.2倍"),
    ("一季度出口额是上年同期的2倍。", "2倍"),
    ("今年以来的退税款约为去年全年退税规模的2.8倍。", "2.8倍"),
])
def test_a_multiple_of_an_earlier_value_is_a_rate_with_no_comparison(text, span):
    """The lead's decision (real-gold README, 2026-12-07; measure.toml times-of-earlier-period): a multiple of the
    same quantity's earlier value is the spec's rate (a ratio held as a level), comparison null — not other."""
    found = {f.text: f for f in analyze(text, published="2025-06-30").figures}
    assert (found[span].measure, found[span].comparison) == ("rate", None)


def test_a_ratio_in_multiples_is_dated_by_its_own_sentence_only():
    record = analyze("2024年末，贷款余额250万亿元。最终发行价格为发行底价的1.18倍。", published="2025-02-01")
    assert {f.text: f for f in record.figures}["1.18倍"].period is None


@pytest.mark.parametrize("text, span, measure", [
    ("2021年，美国贸易代表办公室对60个主要贸易伙伴发起调查。", "60个", "level"),  # things counted at a time
    ("2022年1月，绿色信用债发行49只。", "49只", "flow"),  # things added over the span
])
def test_things_counted_over_a_span(text, span, measure):
    found = {f.text: f for f in analyze(text, published="2022-02-05").figures}
    assert found[span].measure == measure


@pytest.mark.parametrize("text, span, measure, value", [
    ("家庭调查显示，7月份劳动力总数下降，就业人数减少8.7万人。", "8.7万人", "flow", "-87000"),  # a loss of jobs: signed
    ("住宿和餐饮行业6月减少6.1万个就业岗位，远逊于市场预期。", "6.1万个", "flow", "-61000"),
    ("美国6月非农就业人数录得5.7万人，远低于市场预期的11万人。", "11万人", "flow", "110000"),  # 低于 is no fall
    ("4月和5月新增就业人数合计较修正前低7.4万人。", "7.4万人", "change", "-74000"),  # against a base: a change
    ("美国7月非农就业人数意外减少2.3万，远低于市场预期的增加8万。", "2.3万", "flow", "-23000"),  # a bare count
    ("美国7月非农就业人数意外减少2.3万，远低于市场预期的增加8万。", "8万", "flow", "80000"),
])
def test_jobs_added_or_lost_are_a_flow(text, span, measure, value):
    found = {f.text: f for f in analyze(text, published="2026-08-03").figures}
    assert (found[span].measure, str(found[span].value)) == (measure, value)


@pytest.mark.parametrize("text, span, measure", [
    ("预计装机100兆瓦，总投资4亿元。", "100兆瓦", "level"),  # a plant's capacity (power-capacity-level)
    ("工程装机容量750MW，工程动态总投资47.3亿元。", "750MW", "level"),
    ("该车储物容量超18m³，搭载80-165kWh的磷酸铁锂电池包。", "80-165kWh", "other"),  # a product's spec stays other
])
def test_power_capacity_is_a_level_and_a_battery_a_spec(text, span, measure):
    found = {f.text: f for f in analyze(text, published="2026-07-30").figures}
    assert found[span].measure == measure


@pytest.mark.parametrize("text, span, measure", [
    ("此前有报道称三星可能宣布高达90万亿韩元的股份回购计划。", "90万亿韩元", "flow"),  # deal-objects 的股份回购
    ("据韩联社报道，三星电子计划回购约90万亿韩元股票。", "约90万亿韩元", "flow"),  # deal-verb-money 回购
    ("近两年密集出现、动辄数十亿美金的并购案或BD交易。", "数十亿美金", "flow"),  # deal-after-bound-or-grade
    ("对单户授信不超过500万元的企业给予支持。", "不超过500万元", "other"),  # a threshold stays other
])
def test_deal_money_bounded_or_graded_is_a_flow(text, span, measure):
    found = {f.text: f for f in analyze(text, published="2026-07-30").figures}
    assert found[span].measure == measure


@pytest.mark.parametrize("text, span, measure, value", [
    ("该集团到2025年将把其投资基金费用削减10亿美元。", "10亿美元", "change", "-1000000000"),  # cut-amount-change
    ("赫格塞思提出将将官人数削减20%。", "20%", "growth_rate", "-20"),  # real_text.toml cut-verb-growth, cut-verb-sign
    ("苹果迅速将这款机型的生产计划削减了一半。", "一半", "growth_rate", "-50"),
    ("伊拉克已将原油日产量从约420万桶削减至略高于100万桶。", "高于100万桶", "level", "1000000"),  # 削减至: new level
])
def test_a_cut_is_a_negative_change_or_growth(text, span, measure, value):
    found = {f.text: f for f in analyze(text, published="2026-08-03").figures}
    assert (found[span].measure, str(found[span].value)) == (measure, value)


def test_a_fall_toward_a_number_names_the_level_reached():
    """跌向40% is the level reached (real_text.toml level-toward-verbs), as 跌至40% is: rate, positive."""
    text = "报告发布前，市场对9月加息的概率预期约为55%；报告发布后，这一数字迅速跌向40%。"
    found = {f.text: f for f in analyze(text, published="2026-08-03").figures}
    assert (found["40%"].measure, str(found["40%"].value), found["40%"].comparison) == ("rate", "40", None)


@pytest.mark.parametrize("text, span, measure", [
    ("Truss更仅在任约45天。", "约45天", "level"),  # tenure-level: how long a person held office
    ("0至80%的快速充电仅需40分钟，换电模式则仅需5分钟。", "40分钟", "other"),  # a product's spec stays other
])
def test_a_tenure_is_a_level_and_a_charging_time_a_spec(text, span, measure):
    found = {f.text: f for f in analyze(text, published="2026-08-03").figures}
    assert found[span].measure == measure


def test_an_amount_per_day_is_a_flow_with_the_period_word_far_before():
    """每日 … 多达1200万桶 (per-period-amount reaches 16 characters back)."""
    text = "每日通过该海峡运输的原油多达1200万桶，海峡恢复通行后，波斯湾产油国随即加快提产步伐。"
    found = {f.text: f for f in analyze(text, published="2026-07-07").figures}
    assert found["1200万桶"].measure == "flow"


def test_an_index_performance_in_percent_is_a_growth():
    """同期12%的表现 is the index's return (percent-growth-named-after 的表现), not a share of 表现."""
    text = "该公司年初至今累计涨幅已达44%，远超罗素1000指数同期12%的表现。"
    found = {f.text: f for f in analyze(text, published="2026-08-03").figures}
    assert found["12%"].measure == "growth_rate"
