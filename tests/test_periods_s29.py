"""s29-period: Q1–Q4 are quarters (period.toml quarter-q); a year's 年 written twice (今年年底, 2020年年底) is the year
written (year-end); a results quarter told inside a market wrap ends no trading day (market-day-named `passes`)."""
import pytest

import analyzer


def _period(text, figure, published):
    found = {f.text: f for f in analyzer.analyze(text, published=published).figures}
    period = found[figure].period
    return None if period is None else (period.start, period.end)


DIGEST = "注：公司Q2净利润3.1亿，Q1净利润2亿，据此计算，Q2净利润环比增长55%。"


@pytest.mark.parametrize("figure, period", [
    ("3.1亿", ("2026-04-01", "2026-06-30")),
    ("2亿", ("2026-01-01", "2026-03-31")),
    ("55%", ("2026-04-01", "2026-06-30")),
])
def test_q_notation_is_the_quarter_of_its_number(figure, period):
    assert _period(DIGEST, figure, "2026-07-20") == period


def test_q_notation_with_its_year_and_a_q4_in_an_april_results_story():
    assert _period("青川科技2025年Q4营收12亿元，同比增长5%。", "5%", "2026-04-20") == ("2025-10-01", "2025-12-31")
    assert _period("青川科技Q4营收12亿元。", "12亿元", "2026-03-19") == ("2025-10-01", "2025-12-31")


def test_a_forecast_q_is_the_quarter_ahead_and_a_fiscal_q_no_calendar_quarter():
    assert _period("公司预计Q3营收17亿美元。", "17亿美元", "2026-08-04") == ("2026-07-01", "2026-09-30")
    assert _period("青川集团2027财年Q1营收2400亿元。", "2400亿元", "2026-08-04") is None


def test_q_inside_a_word_or_a_longer_number_is_no_quarter():
    assert _period("青川A股QQ2型设备售价120万元。", "120万元", "2026-08-04") is None
    assert _period("型号Q25的订单共300台。", "300台", "2026-08-04") is None


def test_an_undated_item_q_without_a_year_is_null():
    assert _period("岚江电子涨6.0%，Q2营收同比增长20%。", "20%", None) is None


@pytest.mark.parametrize("text, figure, published, period", [
    ("到今年年底，金价将突破4000美元。", "突破4000美元", "2025-10-06", ("2025-12-31", "2025-12-31")),
    ("而到2020年年底，其股价已站上30港元。", "站上30港元", "2025-09-29", ("2020-12-31", "2020-12-31")),
    ("到 2020 年年底，其股价已站上30港元。", "站上30港元", "2025-09-29", ("2020-12-31", "2020-12-31")),
    ("截至去年年末，贷款余额10万亿元。", "10万亿元", "2025-09-29", ("2024-12-31", "2024-12-31")),
    ("年底，贷款余额10万亿元。", "10万亿元", "2025-02-01", ("2024-12-31", "2024-12-31")),
])
def test_a_year_written_before_nian_di_is_the_year_meant(text, figure, published, period):
    assert _period(text, figure, published) == period


def test_a_results_quarter_inside_a_wrap_ends_no_trading_day():
    """A company's quarter told after a move (公司二季度净利不及预期) is no trading day: the wrap's next sentence of
    moves keeps the overnight session's day, not the story's date."""
    text = "隔夜，美股三大指数集体收跌，岚江汽车重挫逾14%，公司二季度净利不及预期。芯片股涨跌互现，青川存储涨超3%。"
    assert _period(text, "超3%", "2026-07-24") == ("2026-07-23", "2026-07-23")
    assert _period(text, "逾14%", "2026-07-24") == ("2026-07-23", "2026-07-23")


@pytest.mark.parametrize("text, figure, published, period", [
    ("青川科技公告，预计2025年度净利润与上年同期相比将增加2亿元到3亿元，同比增加50%到60%；净利润预计区间为6亿元到7亿元。",
     "6亿元到7亿元", "2026-01-27", ("2025-01-01", "2025-12-31")),
    ("岚江咨询预计，2026年第三季度内存合约价将环比增长13%—18%，闪存合约价预计环比增长10%—15%。",
     "10%—15%", "2026-07-31", ("2026-07-01", "2026-09-30")),
    ("2026年上半年，青川证券预计实现归母净利润200亿元到205亿元，预计实现扣非净利润192亿元到197亿元。",
     "192亿元到197亿元", "2026-07-03", ("2026-01-01", "2026-06-30")),
    ("假期期间（10月1日至10月8日），铁路预计发送旅客约2亿人次，较去年同期增长5%；民航预计执行航班13万班次。",
     "13万班次", "2026-09-28", ("2026-10-01", "2026-10-08")),
])
def test_a_forecast_speaks_of_the_reporting_span_its_sentence_names(text, figure, published, period):
    """A forecast (预计…) in a later clause than the year, half or quarter its sentence names is the forecast of that
    span, as one in the clause right after it is (estimate-or-old-value's forecast_of)."""
    assert _period(text, figure, published) == period


@pytest.mark.parametrize("text, figure, published", [
    ("2022年上半年，全球经济增长可能保持在趋势之上，预计未来一年企业收益将增长10%。", "10%", "2022-01-20"),
    ("2026年，央行下调存款准备金率0.5个百分点，预计向市场提供长期流动性约1万亿元。", "约1万亿元", "2026-03-02"),
    ("公司为《岚江集团2026年变电站采购项目中标候选人公示》第一中标候选人，预计中标金额约9亿元。", "约9亿元", "2026-03-02"),
    ("新能源汽车补贴在2021年基础上退坡30%，补贴规模预计达200万辆。", "200万辆", "2021-12-31"),
])
def test_a_forecast_with_its_own_horizon_an_effect_or_a_year_of_a_title_or_base_takes_no_span(text, figure, published):
    """预计未来一年 names its own horizon, 预计向市场提供 an effect (corpus/ gold: no period), 《…2026年…》 is a title's
    year, 在2021年基础上 a base: none of them is the span the forecast speaks of."""
    assert _period(text, figure, published) is None


@pytest.mark.parametrize("text, figure, published, period", [
    ("青川稀土拟将第四季度精矿交易价格调整为26205元/吨。", "26205元/吨", "2025-10-10", ("2025-10-01", "2025-12-31")),
    ("调查显示，2026年下半年折叠屏手机出货量约为800万部，第三季度出货量约为100万部。", "约为100万部", "2026-07-07",
     ("2026-07-01", "2026-09-30")),
    ("公司给出三季度营收指引区间为20亿至21亿美元。", "20亿至21亿美元", "2026-08-06", ("2026-07-01", "2026-09-30")),
    ("公司三季度营收20亿美元。", "20亿美元", "2026-10-20", ("2026-07-01", "2026-09-30")),
])
def test_a_quarter_without_a_year_is_the_latest_begun_by_publication(text, figure, published, period):
    """三季度 in an August story is the quarter under way, not last year's (periods._quarter reads the quarter's
    first month, as a month is read: 8月 in an August story is this August)."""
    assert _period(text, figure, published) == period
