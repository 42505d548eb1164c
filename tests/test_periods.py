"""Time expressions resolved against the publication date (inclusive ISO ranges)."""
import pytest

from analyzer.extract.periods import PeriodResolver, parse_date
from analyzer.pipeline import analyze

CASES = [  # text, published, first period found
    ("截至2025年一季度末", "2025-05-26", ("2025-03-31", "2025-03-31")),
    ("今年前4个月", "2025-05-26", ("2025-01-01", "2025-04-30")),
    ("自去年9月政策扩大实施范围以来", "2025-05-26", ("2024-09-01", "2025-05-26")),
    ("1至3月", "2020-11-01", ("2020-01-01", "2020-03-31")),
    ("前三季度", "2020-11-01", ("2020-01-01", "2020-09-30")),
    ("三季度末", "2020-11-01", ("2020-09-30", "2020-09-30")),
    ("今年以来", "2020-11-01", ("2020-01-01", "2020-11-01")),
    ("截至4月底", "2025-05-26", ("2025-04-30", "2025-04-30")),
    ("2024年末", "2025-02-01", ("2024-12-31", "2024-12-31")),
    ("上半年", "2023-07-11", ("2023-01-01", "2023-06-30")),
    # a second half that has begun is this year's (下半年MLF到期规模约4万亿元 in a July story); before July, last year's
    ("下半年中期借贷便利到期规模约4万亿元", "2021-07-09", ("2021-07-01", "2021-12-31")),
    ("下半年", "2021-03-15", ("2020-07-01", "2020-12-31")),
    ("2022年全年", "2023-01-13", ("2022-01-01", "2022-12-31")),
    ("12月末", "2021-01-12", ("2020-12-31", "2020-12-31")),
    ("于9月16日", "2019-09-06", ("2019-09-16", "2019-09-16")),
    ("11月15日", "2019-09-06", ("2019-11-15", "2019-11-15")),
    ("二〇二五年五月", "2025-06-01", ("2025-05-01", "2025-05-31")),
    ("首三季", "2024-10-14", ("2024-01-01", "2024-09-30")),  # Hong Kong usage
    ("首两个月", "2025-03-09", ("2025-01-01", "2025-02-28")),
    ("2021年度", "2022-01-20", ("2021-01-01", "2021-12-31")),
    ("招行H股昨日收报31.7港元", "2024-03-26", ("2024-03-25", "2024-03-25")),
    ("人行昨（15）日开展MLF操作", "2023-11-16", ("2023-11-15", "2023-11-15")),
    ("昨天", "2024-03-01", ("2024-02-29", "2024-02-29")),
    ("本月到期的MLF", "2023-11-16", ("2023-11-01", "2023-11-30")),
    ("第4季", "2024-01-10", ("2023-10-01", "2023-12-31")),
    ("预计2026年半年度归属于上市公司股东的净利润", "2026-07-10", ("2026-01-01", "2026-06-30")),
    ("上月新增贷款", "2024-01-10", ("2023-12-01", "2023-12-31")),
    ("2022年至2024年合计供货", "2022-01-05", ("2022-01-01", "2024-12-31")),
    ("将2025至2026年的市场规模预测上调", "2025-10-02", ("2025-01-01", "2026-12-31")),
    ("2019-2021年，公司预制菜业务发展稳健", "2022-01-05", ("2019-01-01", "2021-12-31")),
    ("2021 年至 2023 年", "2022-01-05", ("2021-01-01", "2023-12-31")),
    ("2024年6月1日至2025年12月31日期间购房", "2024-05-30", ("2024-06-01", "2025-12-31")),
    ("2021年12月20日和2022年1月13日的两次喷发", "2022-01-16", ("2021-12-20", "2021-12-20")),
    ("高盛年末目标价降至4900美元", "2026-06-24", ("2026-12-31", "2026-12-31")),
    ("预计年底前将再降息两次", "2025-10-02", ("2025-12-31", "2025-12-31")),
    ("年末，广义货币余额313万亿元", "2025-02-01", ("2024-12-31", "2024-12-31")),
    ("并预计到2027年，市场规模将达到近3000亿美元", "2025-10-02", ("2027-12-31", "2027-12-31")),
    ("到2025年，数字经济核心产业增加值占比达到10%", "2022-01-12", ("2025-12-31", "2025-12-31")),
    ("截至2025年，累计建成基站400万个", "2026-01-12", ("2025-12-31", "2025-12-31")),
    ("逆差从2019年的14941.6亿元降至2021年的6430.4亿元", "2022-01-12", ("2019-01-01", "2019-12-31")),
]


def test_report_period_is_the_reporting_span_named_before():
    spans = PeriodResolver("2026-07-14").find("预计2026年半年度归母净利润4.7亿元。报告期内，公司业务保持良好态势")
    assert [(s.kind, s.period.start, s.period.end) for s in spans][-1] == ("report_period", "2026-01-01", "2026-06-30")
    assert not PeriodResolver("2026-07-14").find("报告期内，公司业务保持良好态势")  # none named: no period


@pytest.mark.parametrize("text, published, expected", CASES)
def test_resolve(text, published, expected):
    spans = PeriodResolver(published).find(text)
    assert spans, text
    assert (spans[0].period.start, spans[0].period.end) == expected


@pytest.mark.parametrize("text", ["比上年末低0.1个百分点", "比去年同期多增", "较年初", "创下1997年亚洲金融危机以来之最",
                                  "创2019年以来最低"])
def test_comparison_bases_are_not_periods(text):
    assert PeriodResolver("2025-05-26").find(text) == []


def test_year_context_carries_to_full_year():
    spans = PeriodResolver("2020-01-17").find("2019年末，贷款余额153万亿元；全年增加16.81万亿元")
    assert [(s.period.start, s.period.end) for s in spans] == [("2019-12-31", "2019-12-31"), ("2019-01-01", "2019-12-31")]


@pytest.mark.parametrize("value, expected", [
    ("2025-05-26", "2025-05-26"), ("2025-05-26T22:15:00+08:00", "2025-05-26"),
    ("Mon, 29 Sep 2025 21:00:00 +0800", "2025-09-29"), ("2025年5月26日", "2025-05-26"), ("not a date", None),
])
def test_parse_date(value, expected):
    parsed = parse_date(value)
    assert (parsed.isoformat() if parsed else None) == expected


@pytest.mark.parametrize("text, page_date, expected", [
    ("新华社北京5月17日电 今年以来，贷款增加10万亿元。", "2024-06-02", "2024-05-17"),
    ("本报北京12月30日讯 今年以来，贷款增加10万亿元。", "2025-01-03", "2024-12-30"),
    ("今年以来，贷款增加10万亿元。", "2024-06-02", None),
])
def test_story_date_from_dateline(text, page_date, expected):
    from analyzer.extract.periods import story_date
    assert story_date(text, page_date) == expected


def test_relative_dates_resolve_against_the_story_not_the_page():
    from analyzer.pipeline import analyze
    [figure] = analyze("新华社北京5月17日电 今年以来，贷款增加10万亿元。", published="2024-06-02").figures
    assert (figure.period.start, figure.period.end) == ("2024-01-01", "2024-05-17")


@pytest.mark.parametrize("text, published, figure, expected", [
    # the lead states the reporting period: a later paragraph without a time of its own takes it
    ("2019年金融统计数据报告\n人民币贷款增加16.81万亿元。\n人民币存款增加15.36万亿元。", "2020-01-17", "15.36万亿元",
     ("2019-01-01", "2019-12-31")),
    # a year named in the middle of a story (a company founded in 1995) is no period of later paragraphs
    ("公司发布新产品。" + "该产品面向海外市场。" * 12 + "\n公司成立于1995年，总部位于香港。\n公司此前融资28亿港元。",
     "2026-03-17", "28亿港元", None),
])
def test_a_reporting_period_reaches_later_paragraphs_only_from_the_lead(text, published, figure, expected):
    from analyzer.pipeline import analyze
    [found] = [f for f in analyze(text, published=published).figures if f.text == figure]
    assert (found.period and (found.period.start, found.period.end)) == expected


@pytest.mark.parametrize("text, figure, expected", [
    # the day an announcement was told dates the move told after it ...
    ("7月19日，人民银行宣布下调存款准备金率。此次下调0.25个百分点。", "0.25个百分点", ("2025-07-19", "2025-07-19")),
    # ... but not the amounts and counts of its content
    ("7月19日，公司发布公告。公司拟向不超过35名特定投资者募资10亿元。", "10亿元", None),
    ("7月19日，公司发布公告。公司拟向不超过35名特定投资者募资10亿元。", "不超过35名", None),
    # a period that is not a single day still reaches them
    ("上半年，公司发布公告。公司募资10亿元。", "10亿元", ("2025-01-01", "2025-06-30")),
])
def test_a_day_told_in_another_sentence_dates_moves_not_amounts(text, figure, expected):
    from analyzer.pipeline import analyze
    [found] = [f for f in analyze(text, published="2025-07-20").figures if f.text == figure]
    assert (found.period and (found.period.start, found.period.end)) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("过去12个月内暴涨超过95%", "2026-07-07", ("2025-07-07", "2026-07-07")),
    ("过去三年，该股涨幅超过20倍", "2025-03-31", ("2022-03-31", "2025-03-31")),
    ("过去24小时内共有72艘船舶通过", "2026-06-26", ("2026-06-25", "2026-06-26")),
    ("过去两周下跌10%", "2026-03-01", ("2026-02-15", "2026-03-01")),
    ("过去1个月", "2025-03-31", ("2025-02-28", "2025-03-31")),  # no 31 February: the month's last day
])
def test_a_past_span_ends_on_the_story_date(text, published, expected):
    [span] = PeriodResolver(published).find(text)
    assert (span.kind, span.period.start, span.period.end) == ("past_span", *expected)


@pytest.mark.parametrize("text, expected", [
    ("2021年全年国内生产总值1143670亿元。分季度看，一季度同比增长18.3%，四季度增长4.0%。",
     {"18.3%": ("2021-01-01", "2021-03-31"), "4.0%": ("2021-10-01", "2021-12-31")}),
    ("财政部披露，2021年12月份，全国共销售彩票322.57亿元。1-12月累计，全国共销售彩票3732.85亿元。",
     {"322.57亿元": ("2021-12-01", "2021-12-31"), "3732.85亿元": ("2021-01-01", "2021-12-31")}),
])
def test_an_undated_text_takes_the_year_it_last_named(text, expected):
    """Without a publication date, a quarter or month written without its year is in the year the text last named
    (FinNA/FinNL items are undated); a relative year (今年) still needs the date."""
    found = {f.text: (f.period.start, f.period.end) for f in analyze(text, published=None).figures if f.period}
    assert {k: found.get(k) for k in expected} == expected
    assert PeriodResolver(None).find("今年一季度") == []


@pytest.mark.parametrize("text, published, expected", [
    ("此前该指数周二重挫3.6%", "2026-06-24", ("weekday", "2026-06-23")),  # a Wednesday story
    ("本周三，黄金单日涨幅超过4%", "2026-08-08", ("weekday", "2026-08-05")),
    ("其中上周一流入1.6亿美元", "2025-10-07", ("weekday", "2025-09-29")),  # the calendar week before
    ("长鑫科技下周一上市", "2026-07-23", ("weekday", "2026-07-27")),
    ("美联储将于周三公布利率决议", "2026-07-27", ("weekday", "2026-07-29")),  # ahead
    ("周一东京市场开盘后，日经225指数大涨超过4%", "2025-10-06", ("weekday", "2025-10-06")),  # the day itself
    ("隔夜甲骨文股价收涨2.49%", "2026-07-07", ("overnight", "2026-07-06")),
    ("隔夜，WTI原油从102美元上方持续滑落", "2026-03-20", ("overnight", "2026-03-19")),
])
def test_a_weekday_or_the_night_before_is_a_day_of_the_story_week(text, published, expected):
    [span] = PeriodResolver(published).find(text)
    assert (span.kind, span.period.start) == expected and span.period.start == span.period.end


@pytest.mark.parametrize("text", [
    "央行每周一发布数据", "两周一次", "周一（1月26日）纽约尾盘（周二北京时间05:59）",
    "布伦特原油在周一大跌后进一步下滑1.3%", "布伦特原油延续周一跌幅，再跌1.3%", "英国国债收益率约为4.69%，持平周二",
    "7月22日周二，MSCI亚太指数上涨1%", "10月6日周一，港股低开", "隔夜逆回购利率1.5%", "隔夜shibor报1.4120%", "隔夜、7天、1个月常备借贷便利利率分别为2.65%、2.8%和3.15%",
    "隔夜常备借贷便利（SLF）利率2.65%", "亚太股市跟随隔夜华尔街涨势", "白银早盘延续隔夜涨势",
])
def test_weekday_and_overnight_words_that_are_no_period(text):
    kinds = [span.kind for span in PeriodResolver("2026-01-27").find(text)]
    assert "overnight" not in kinds and kinds.count("weekday") <= (1 if "（1月26日）" in text else 0), kinds


@pytest.mark.parametrize("text, published, expected", [
    ("截至4月15日，光纤指数今年以来累计上涨81.31%", "2026-04-20", ("2026-01-01", "2026-04-15")),
    ("截至9月30日，北证50指数年初至今的涨幅已高达47%", "2025-10-09", ("2025-01-01", "2025-09-30")),
    ("4月15日，光纤指数今年以来累计上涨81.31%", "2026-04-20", ("2026-01-01", "2026-04-20")),  # no 截至: to publication
])
def test_a_year_to_date_runs_to_the_day_named_by_jiezhi(text, published, expected):
    [ytd] = [span for span in PeriodResolver(published).find(text) if span.kind == "ytd"]
    assert (ytd.period.start, ytd.period.end) == expected


def _periods_of(text: str, published: str) -> dict[str, tuple[str, str] | None]:
    record = analyze(text, published=published)
    return {f.text: (f.period.start, f.period.end) if f.period else None for f in record.figures}


@pytest.mark.parametrize("text, figure, expected", [
    ("预计2021年度净亏损7.1亿元，上年同期为亏损4.13亿元。", "4.13亿元", ("2020-01-01", "2020-12-31")),
    ("2021年12月销售乘用车227782辆，上年同期为293747辆。", "293747辆", ("2020-12-01", "2020-12-31")),
    ("2026年上半年，净亏损从去年同期的31亿美元扩大至135亿美元。", "31亿美元", ("2025-01-01", "2025-06-30")),
    # the figure after a 去年同期 value is of the period the text speaks of again
    ("2026年上半年，净亏损从去年同期的31亿美元扩大至135亿美元。", "135亿美元", ("2026-01-01", "2026-06-30")),
    # a ratio to the same period (是上年同期的…) or a move against it is no value of that period
    ("2026年上半年营业收入16.5亿元，是上年同期的235.12%。", "235.12%", ("2026-01-01", "2026-06-30")),
    ("2026年上半年，营业收入较去年同期增长12%。", "12%", ("2026-01-01", "2026-06-30")),
])
def test_a_value_of_the_same_period_last_year_is_a_year_back(text, figure, expected):
    assert _periods_of(text, "2026-07-12")[figure] == expected


def test_rujin_after_an_earlier_year_is_the_story_date():
    periods = _periods_of("新亚科技于2023年开始投入研发，如今已拥有120余项专利。", "2025-09-30")
    assert periods["120余项"] == ("2025-09-30", "2025-09-30")


@pytest.mark.parametrize("text", ["自7月16日启动至12月31日，累计成交额76.61亿元。", "从7月16日开始到12月31日，累计成交额76.61亿元。"])
def test_a_range_opened_by_a_start_verb_is_a_range(text):
    assert _periods_of(text, "2022-01-05")["76.61亿元"] == ("2021-07-16", "2021-12-31")


def test_a_forecast_right_after_the_result_notice_is_of_the_period_it_names():
    text = "7月12日，赛力斯披露2026年半年度业绩预告，预计归母净利润亏损15亿元至18亿元。"
    assert _periods_of(text, "2026-07-12")["15亿元至18亿元"] == ("2026-01-01", "2026-06-30")


@pytest.mark.parametrize("text, figure, expected", [
    ("自高市早苗胜选以来，日元兑美元汇率已下跌逾3.5%。", "逾3.5%", None),
    ("自中东冲突爆发以来，沪深300银行指数累计上涨2.7%。", "2.7%", None),
    ("沪指收涨0.5%，两市成交额1.2万亿元。", "0.5%", ("2025-10-09", "2025-10-09")),
])
def test_a_move_since_an_undated_event_is_no_trading_day(text, figure, expected):
    assert _periods_of(text, "2025-10-09")[figure] == expected


def test_a_consensus_after_a_reading_takes_the_readings_period():
    text = "二季度营收19.4亿美元，分析师预期18.1亿美元。"
    periods = _periods_of(text, "2026-08-04")
    assert periods["18.1亿美元"] == periods["19.4亿美元"] == ("2026-04-01", "2026-06-30")


@pytest.mark.parametrize("published, expected", [
    ("2026-01-28", ("2026-07-01", "2026-09-30")),  # guidance for a quarter ahead
    ("2025-10-10", ("2025-07-01", "2025-09-30")),  # a quarter just ended is still forecast
])
def test_a_forecasts_bare_quarter_is_the_next_one(published, expected):
    assert _periods_of("公司预计第三季度营收28-30亿美元。", published)["28-30亿美元"] == expected


@pytest.mark.parametrize("text, figure, expected", [
    ("CDS价差上涨至198.5，超越此前3月27日创下的190亿美元。", "190亿美元", ("2026-03-27", "2026-03-27")),
    ("叠加此前1月21日11亿元债券展期落地。", "11亿元", ("2026-01-21", "2026-01-21")),
    ("今年前3个月，出口增长5%。", "5%", ("2026-01-01", "2026-03-31")),
])
def test_a_date_after_before_is_a_date_not_the_first_months(text, figure, expected):
    assert _periods_of(text, "2026-07-18")[figure] == expected


@pytest.mark.parametrize("text, figure, expected", [
    ("自6月底以来，该股累涨逾20%。", "逾20%", ("2026-06-30", "2026-07-18")),
    ("自去年底以来，金价上涨12%。", "12%", ("2025-12-31", "2026-07-18")),
    ("6月底，该基金规模为300亿元。", "300亿元", ("2026-06-30", "2026-06-30")),
    ("出口额降至300亿元，为去年2月末以来新低。", "300亿元", None),  # the base of a record
])
def test_an_end_closed_by_since_opens_a_since_period(text, figure, expected):
    assert _periods_of(text, "2026-07-18").get(figure) == expected


@pytest.mark.parametrize("text, figure, expected", [
    ("今年2月20日，特朗普宣布依据《1974年贸易法》第122条征收10%的全球关税。", "10%", ("2026-02-20", "2026-02-20")),
    ("政府援引1977年《国际紧急经济权力法》对60个国家加征关税。", "60个", None),
    ("《2025年医疗保障事业发展统计快报》显示，基本医保基金总收入3.5万亿元。", "3.5万亿元",
     ("2025-01-01", "2025-12-31")),
])
def test_a_year_in_a_laws_name_is_no_period(text, figure, expected):
    assert _periods_of(text, "2026-07-22").get(figure) == expected


@pytest.mark.parametrize("text, figure, expected", [
    ("公司中标金额约1.13亿元，占公司2020年度经审计营业收入的3.52%。", "3.52%", None),
    ("公司2021年销售额约为138万元，占公司已经披露的2020年合并报表营业收入的比例为0.0221%。", "0.0221%",
     ("2021-01-01", "2021-12-31")),
    ("毛利率更高的自有品牌，营收占比从2023年的62.8%提升至2025年的77.9%。", "62.8%", ("2023-01-01", "2023-12-31")),
    ("出口石油416万吨，占中国2020年全年石油进口量的0.7%。", "0.7%", ("2020-01-01", "2020-12-31")),
    ("共计分配现金红利1.57亿元，占公司2021年度实现的归属于上市公司股东净利润的36.50%。", "36.50%",
     ("2021-01-01", "2021-12-31")),  # a payout ratio is of its year's profit
])
def test_a_share_of_a_companys_accounts_does_not_take_their_year(text, figure, expected):
    assert _periods_of(text, "2022-01-20")[figure] == expected


@pytest.mark.parametrize("text, figure, expected", [
    # a Saturday story: the week runs to its Friday, the last trading day
    ("WTI原油期货周五单日跌幅超11%，本周累计下跌逾13%。", "逾13%", ("2026-04-13", "2026-04-17")),
    ("欧洲天然气价格上周大涨63%。", "63%", ("2026-04-06", "2026-04-12")),
    ("道指跌0.77%，本周累跌0.93%；标普500指数跌1.01%，本周累跌1.55%。", "1.01%", ("2026-04-18", "2026-04-18")),
    ("本周，道指累涨3.19%，纳指累涨6.84%。", "6.84%", ("2026-04-13", "2026-04-17")),
    ("特朗普最快将于本周加征新关税。对60个国家加征10%的关税。", "60个", None),
    ("该基金每周一公布净值，规模为30亿元。", "30亿元", None),
])
def test_a_week_is_that_calendar_week(text, figure, expected):
    assert _periods_of(text, "2026-04-18").get(figure) == expected


def test_a_week_in_an_undated_item_is_no_period():
    assert _periods_of("港股本周累计下跌5%。", None)["5%"] is None


@pytest.mark.parametrize("text, figure, expected", [
    ("上半年问界累计交付16.82万辆。M6上市54天累计交付超过3万辆。", "超过3万辆", None),
    ("上半年问界累计交付16.82万辆。发售仅5天，销量突破4万台。", "突破4万台", None),
    ("上半年问界累计交付16.82万辆。M6上市后累计交付超过3万辆。", "超过3万辆", ("2026-01-01", "2026-06-30")),
    ("7月1日，M6上市54天累计交付超过3万辆。", "超过3万辆", ("2026-07-01", "2026-07-01")),
])
def test_a_count_since_a_launch_takes_no_earlier_period(text, figure, expected):
    assert _periods_of(text, "2026-07-12")[figure] == expected


@pytest.mark.parametrize("text, published, figure, expected", [
    ("8个主要产油国决定4月日均增产20.6万桶。", "2026-03-02", "20.6万桶", ("2026-04-01", "2026-04-30")),
    ("经济学家原本预期9月报告将显示雇主新增约5万个就业岗位。", "2025-10-05", "约5万个", ("2025-09-01", "2025-09-30")),
    ("4月日均增产20.6万桶。", "2026-03-02", "20.6万桶", ("2025-04-01", "2025-04-30")),  # no plan word: the last April
    ("公司计划5月完成交付，交付量达2000台。", "2026-07-20", "2000台", ("2026-05-01", "2026-05-31")),  # nearest: past
    ("2022年初，物价平稳，预计1月份CPI涨幅维持在1%。", None, "1%", ("2022-01-01", "2022-01-31")),  # undated
])
def test_a_planned_month_is_the_nearest_such_month(text, published, figure, expected):
    assert _periods_of(text, published)[figure] == expected


@pytest.mark.parametrize("text, published, figure, expected", [
    ("截至2021年9月30日止九个月，公司全面亏损总额为5.204亿元。", None, "5.204亿元", ("2021-01-01", "2021-09-30")),
    ("截至2025年9月30日止六个月，集团收入录得4.969亿港元。", "2026-03-17", "4.969亿港元", ("2025-04-01", "2025-09-30")),
    ("周大福发布截至2026年6月30日止三个月、即2027财年第一季度经营数据。报告期内，零售值同比增长15.1%。", "2026-07-24",
     "15.1%", ("2026-04-01", "2026-06-30")),
    ("丰田汽车发布2027财年第一季度（2026年4月至6月）财报，单季销售额达13.53万亿日元。", "2026-08-04", "13.53万亿日元",
     ("2026-04-01", "2026-06-30")),
    ("美光科技2026财年第二季度营收约239亿美元。", "2026-03-19", "约239亿美元", None),  # a fiscal quarter
])
def test_months_ended_and_fiscal_quarters(text, published, figure, expected):
    assert _periods_of(text, published)[figure] == expected


@pytest.mark.parametrize("text, published, figure, expected", [
    ("布伦特原油前一交易日突破110美元。", "2026-03-19", "突破110美元", ("2026-03-18", "2026-03-18")),
    ("Nebius股价盘前转涨。上一交易日收跌17%。", "2026-07-06", "17%", ("2026-07-03", "2026-07-03")),  # Monday
    ("沪指收涨0.5%，较上一交易日放量146亿元。", "2025-09-29", "146亿元", ("2025-09-29", "2025-09-29")),
])
def test_the_previous_trading_day(text, published, figure, expected):
    assert _periods_of(text, published)[figure] == expected


@pytest.mark.parametrize("text, figure, expected", [
    ("道达尔能源公布二季度财报，当季实现营收571.0亿美元。", "571.0亿美元", ("2026-04-01", "2026-06-30")),
    ("公司发布截至2026年6月30日止三个月经营数据。本季度，公司新开14个零售点。", "14个", ("2026-04-01", "2026-06-30")),
    ("本季度，公司新开14个零售点。", "14个", None),
])
def test_this_quarter_is_the_quarter_just_named(text, figure, expected):
    assert _periods_of(text, "2026-07-24")[figure] == expected


@pytest.mark.parametrize("text, published, figure, expected", [
    ("国际能源署11日宣布，32个成员国已同意释放4亿桶紧急储备。", "2026-03-12", "4亿桶", ("2026-03-11", "2026-03-11")),
    ("欧佩克28日发表声明说，8国决定日均增产20.6万桶。", "2026-03-02", "8国", ("2026-02-28", "2026-02-28")),
    ("收购价较截至1月23日收盘的30日均价溢价约27%。", "2026-01-26", "约27%", ("2026-01-23", "2026-01-23")),
    ("公司应30日内完成整改，罚款50万元。", "2026-07-11", "50万元", None),
    ("截至 2024 年 12 月 31 日，公司在全国拥有217家经销商。", "2025-10-04", "217家", ("2024-12-31", "2024-12-31")),
    ("美国财政部20日宣布，将对4名官员实施制裁。", None, "4名", None),  # undated
])
def test_a_day_without_its_month_is_the_nearest_such_day(text, published, figure, expected):
    assert _periods_of(text, published)[figure] == expected


@pytest.mark.parametrize("text", ["今年迄今，BitMine股价暴涨17042%。", "年初至今，BitMine股价暴涨17042%。",
                                  "今年截至目前，BitMine股价暴涨17042%。"])
def test_so_far_this_year_runs_to_publication(text):
    assert _periods_of(text, "2025-10-09")["17042%"] == ("2025-01-01", "2025-10-09")


@pytest.mark.parametrize("text, figure, expected", [
    # a month after 将 (the disposal marker of a plan) or right after a clause ending in a forecast word is ahead
    ("炼油商周一发布声明，将9月份发往欧洲的柴油售价设定为每吨820美元。", "820美元", ("2026-09-01", "2026-09-30")),
    ("机构调查预测，9月柴油溢价区间约为每吨15至20美元。", "15至20美元", ("2026-09-01", "2026-09-30")),
    # no plan word: a month after the story's month is last year's
    ("9月柴油出口量为120万吨。", "120万吨", ("2025-09-01", "2025-09-30")),
])
def test_a_month_in_a_plan_or_forecast_is_the_nearest(text, figure, expected):
    assert _periods_of(text, "2026-08-06")[figure] == expected


@pytest.mark.parametrize("text, figure, expected", [
    # a span that runs to publication speaks of now: the year-less months after it are the story's
    ("营业收入利润率达2024年以来各月累计最高水平。1—5月份，规模以上工业企业实现利润总额2.5万亿元。", "2.5万亿元",
     ("2026-01-01", "2026-05-31")),
    ("这将是自2021年8月以来的首次上调。5月，核心通胀环比上涨0.3%。", "0.3%", ("2026-05-01", "2026-05-31")),
    # a past event's year or a record's start gives no year either
    ("2022年俄乌冲突后，成员国两次释放原油储备。5月，美国原油库存为4.15亿桶。", "4.15亿桶", ("2026-05-31", "2026-05-31")),
    ("这一比例还要追溯到2009年6月末。5月，基金对银行业的持仓比例约为12%。", "约为12%", ("2026-05-01", "2026-05-31")),
    # a reporting year still lends its year: 2025年全年 … 5月 in a story about 2025
    ("2025年全年，公司营业收入为100亿元；5月单月营业收入为9亿元。", "9亿元", ("2025-05-01", "2025-05-31")),
    # 扣非后, 调整后 are no event: the year stays the context
    ("2025年扣非后净利润为3200万元；5月营业收入为900万元。", "900万元", ("2025-05-01", "2025-05-31")),
])
def test_a_past_event_or_a_span_to_now_lends_no_year(text, figure, expected):
    assert _periods_of(text, "2026-06-27")[figure] == expected


@pytest.mark.parametrize("text, published, figure, expected", [
    # a total after a part dated by a month takes the span of its sentence that covers the part
    ("今年以来人民银行已两次降准，加上4月份释放的约5300亿元，合计释放长期资金约1.03万亿元。", "2022-11-25", "约1.03万亿元",
     ("2022-01-01", "2022-11-25")),
    # a day's total (two cuts of 9月16日) is that day's
    ("去年5月起分三次实施定向降准，释放长期资金约2800亿元；9月16日再全面降准0.5个百分点，并额外降准1个百分点，"
     "合计释放资金约9000亿元。", "2020-01-22", "约9000亿元", ("2019-09-16", "2019-09-16")),
    # no span before the parts that covers them: the nearest time stays
    ("人民银行4月份释放长期资金约5300亿元，12月释放约5000亿元，合计约1.03万亿元。", "2022-12-25", "约1.03万亿元",
     ("2022-12-01", "2022-12-31")),
])
def test_a_total_over_parts_takes_the_span_that_covers_them(text, published, figure, expected):
    assert _periods_of(text, published)[figure] == expected


@pytest.mark.parametrize("text, published, figure, expected", [
    # a move with no time of its own takes the trading day named earlier in its paragraph (隔夜, 周二, a date)
    ("隔夜，美股三大指数集体收涨，纳指涨2.1%。费城半导体指数大涨4.6%。", "2026-05-13", "4.6%", ("2026-05-12", "2026-05-12")),
    ("周二，美股三大指数收跌。特斯拉跌超3%，苹果跌1.2%。", "2026-05-13", "超3%", ("2026-05-12", "2026-05-12")),
    ("美股三大指数5月11日收盘涨跌不一。大型科技股中，英伟达涨超2%。", "2026-05-13", "超2%", ("2026-05-11", "2026-05-11")),
    # a day more than four days back is no trading day of the wrap: the story's date stays
    ("5月2日，公司董事长在论坛上发言。他说，芯片价格从约20元涨到接近100元。", "2026-05-13", "接近100元",
     ("2026-05-13", "2026-05-13")),
    # a new paragraph does not take it
    ("隔夜，美股三大指数集体收涨。\n恒生指数涨1.5%。", "2026-05-13", "1.5%", ("2026-05-13", "2026-05-13")),
])
def test_a_market_move_takes_the_trading_day_named_in_its_paragraph(text, published, figure, expected):
    assert _periods_of(text, published)[figure] == expected


def test_a_record_over_a_span_is_no_period():
    # 自6月15日以来单日最大涨幅 is a record's base: the next sentence's move keeps the 隔夜 trading day
    text = "隔夜某公司股价收涨2.5%，创下自6月15日以来单日最大涨幅。盘中股价一度触及145美元。"
    assert _periods_of(text, "2026-07-07")["145美元"] == ("2026-07-06", "2026-07-06")


@pytest.mark.parametrize("text, figure, expected", [
    # 近日/日前 name some recent day the text leaves undated: no period, not the story's date
    ("近日，某科技公司宣布完成近5亿元B轮融资。", "近5亿元", None),
    ("上半年，公司营收增长12%。日前，公司签下3亿元订单。", "3亿元", None),
    # 两日前 is no such word: the market day stays
    ("加密货币总市值较两日前低点上涨近10%。", "近10%", ("2026-07-20", "2026-07-20")),
    # a time in the sentence still wins
    ("近日公布的数据显示，6月社会消费品零售总额增长4.8%。", "4.8%", ("2026-06-01", "2026-06-30")),
])
def test_recent_words_give_no_period(text, figure, expected):
    assert _periods_of(text, "2026-07-20")[figure] == expected


@pytest.mark.parametrize("text, figure, expected", [
    # a since period that starts after publication is the day the plan takes effect, never a period ending before it starts
    ("美国计划自2028年8月起对进口仿制药征收100%关税。", "100%", ("2028-08-01", "2028-08-01")),
    ("该国将自2027年3月1日起对相关商品加征25%关税。", "25%", ("2027-03-01", "2027-03-01")),
    # a start before publication still runs to publication
    ("自2026年3月起，该指数累计上涨12%。", "12%", ("2026-03-01", "2026-07-22")),
])
def test_a_since_period_starting_ahead_is_its_first_day(text, figure, expected):
    assert _periods_of(text, "2026-07-22")[figure] == expected


@pytest.mark.parametrize("text, figure, expected", [
    # 从A到B不等 spreads one reading over items: 从 opens no old value, the figure keeps the day of its sentence
    ("3月2日，某市发布补贴细则，补贴比例从50%到100%不等。", "50%到100%", ("2026-03-02", "2026-03-02")),
    # a change verb makes it an old value again
    ("3月2日，该国将关税税率由10%上调至30%-70%不等。", "10%", None),
])
def test_a_spread_is_no_old_value(text, figure, expected):
    assert _periods_of(text, "2026-03-05")[figure] == expected


@pytest.mark.parametrize("text, figure, expected", [
    # the time right after 由/从 dates the old value; the new value takes the time before 由/从 in its sentence
    ("数据显示，6月失业率由5月的4.3%降至4.2%。", "4.2%", ("2026-06-01", "2026-06-30")),
    ("数据显示，6月失业率由5月的4.3%降至4.2%。", "4.3%", ("2026-05-01", "2026-05-31")),
    ("该公司将8月售价从上月每桶溢价9.5美元下调至折价1.5美元，单月降幅达11美元。", "1.5美元", ("2026-08-01", "2026-08-31")),
    ("2025年净利润从2024年的104亿元骤降至53亿元。", "53亿元", ("2025-01-01", "2025-12-31")),
    # 由1月25日起 is a start, not an old value's time: the change's new value keeps the day
    ("人民银行宣布，由1月25日起下调再贷款利率0.25个百分点，其中支农再贷款利率由2%降至1.75%。", "1.75%",
     ("2026-01-25", "2026-01-25")),
])
def test_the_new_value_of_a_change_does_not_take_the_old_values_time(text, figure, expected):
    assert _periods_of(text, "2026-07-03")[figure] == expected


@pytest.mark.parametrize("text, figure, expected", [
    # an intraday extreme (一度), 走弱/走强 and 持稳于 are moves of the story's trading day
    ("数字货币反弹，比特币一度重回11.5万美元上方。", "11.5万美元上方", ("2026-03-19", "2026-03-19")),
    ("与此同时，日元兑美元汇率大幅走弱1.5%。", "1.5%", ("2026-03-19", "2026-03-19")),
    ("美元指数持稳于100关口。", "100", ("2026-03-19", "2026-03-19")),
    # 曾一度 is a past extreme: no trading day
    ("他称其投资组合曾一度增值至70亿韩元。", "70亿韩元", None),
])
def test_intraday_words_are_the_market_day(text, figure, expected):
    assert _periods_of(text, "2026-03-19")[figure] == expected


@pytest.mark.parametrize("text, figure, expected", [
    # 此前一日 in a wrap is the trading day before the story's
    ("韩国综指涨幅扩大至3%，此前一日曾暴跌10%。", "10%", ("2026-06-23", "2026-06-23")),
    # the day before an announcement is no trading day of the story: the figure keeps the story's day
    ("某公司配售价较公告前一日收盘价10.6港元折让5.75%。", "5.75%", ("2026-06-24", "2026-06-24")),
])
def test_the_day_before_in_a_wrap(text, figure, expected):
    assert _periods_of(text, "2026-06-24")[figure] == expected


@pytest.mark.parametrize("published, expected", [
    ("2026-04-15", ("2026-04-13", "2026-04-15")),  # a Wednesday story: Monday to the story's date
    ("2026-04-17", ("2026-04-13", "2026-04-17")),  # Friday
    ("2026-04-19", ("2026-04-13", "2026-04-17")),  # a Sunday story: to the Friday
])
def test_this_week_runs_to_the_story_date_or_its_friday(published, expected):
    assert _periods_of("本周，纳指累涨6.84%。", published)["6.84%"] == expected


@pytest.mark.parametrize("week, published", [("本周", "2026-08-08"), ("上周", "2026-08-05")])
def test_a_week_hands_back_to_the_story_year(week, published):
    # a week speaks of now: a year-less quarter after it is not of an old year named before
    text = f"2007年该公司曾大幅回购股票。{week}，公司股价累涨12%。一季度营收增长8%。"
    assert _periods_of(text, published)["8%"] == ("2026-01-01", "2026-03-31")


@pytest.mark.parametrize("text, figure, expected", [
    # a bare year before a high or low names a record's span: the since period before it stays
    ("自6月1日触及2026年收盘高点248美元以来，该股累计跌幅达26.2%。", "26.2%", ("2026-06-01", "2026-07-07")),
    ("土耳其通胀飙升至2002年新高。12月CPI同比上涨36.08%。", "36.08%", ("2025-12-01", "2025-12-31")),
])
def test_a_year_before_a_high_or_low_is_a_record(text, figure, expected):
    assert _periods_of(text, "2026-07-07")[figure] == expected


@pytest.mark.parametrize("text, figure, expected", [
    # 2022年元旦 is New Year's Day of 2022, in an undated item too
    ("北京、成都2022年元旦酒店预订量同比增长达2倍。周边短途游需求比平日增长3倍以上。", "3倍以上", ("2022-01-01", "2022-01-01")),
    # not 元旦过去10多天 (a span since), which keeps the year
    ("2022年元旦过去10多天，交易所已完成约280亿元的产业债发行。", "约280亿元", ("2022-01-01", "2022-12-31")),
])
def test_new_years_day(text, figure, expected):
    assert _periods_of(text, None)[figure] == expected



@pytest.mark.parametrize("text, figure, expected", [
    # the date of a change (于/在 before it) does not date the old value right after 由/从
    ("此前，人民银行已于3月30日将7天期逆回购操作利率由2.4%下调至2.2%。", "2.4%", None),
    ("此前，人民银行已于3月30日将7天期逆回购操作利率由2.4%下调至2.2%。", "2.2%", ("2026-03-30", "2026-03-30")),
    ("该基金决定在2026年将海外股票配置目标从此前的38.9%下调至37.2%。", "38.9%", None),
    # a time naming the figure's own period keeps it (a revision of April's number)
    ("4月份非农新增就业人数从17.9万人下修至14.8万人。", "17.9万人", ("2026-04-01", "2026-04-30")),
])
def test_the_old_value_of_a_dated_change_has_no_period(text, figure, expected):
    assert _periods_of(text, "2026-07-02")[figure] == expected


@pytest.mark.parametrize("text, figure, expected", [
    # a rate after 已执行 names a class of institutions: no period, the cut itself keeps its day
    ("人民银行决定于7月15日下调金融机构存款准备金率0.5个百分点（不含已执行5%存款准备金率的金融机构）。", "5%", None),
    ("人民银行决定于7月15日下调金融机构存款准备金率0.5个百分点（不含已执行5%存款准备金率的金融机构）。", "0.5个百分点",
     ("2021-07-15", "2021-07-15")),
])
def test_a_rate_naming_a_class_has_no_period(text, figure, expected):
    assert _periods_of(text, "2021-07-09")[figure] == expected


@pytest.mark.parametrize("text, published, figure, expected", [
    # a share of a year's total takes the time of what was done, written before it
    ("据统计，截至5月24日，今年以来超长期特别国债累计发行800亿元，占全年发行总额的8%。", "2024-05-24", "8%",
     ("2024-01-01", "2024-05-24")),
    ("今年4月1日至7月20日，累计已有18040亿元留抵退税款退到纳税人账户，约为去年全年办理留抵退税规模的2.8倍。", "2022-07-22",
     "2.8倍", ("2022-04-01", "2022-07-20")),
    # no time before it: the total's year stays
    ("出口石油416万吨，占中国2020年全年石油进口量的0.7%。", "2022-01-20", "0.7%", ("2020-01-01", "2020-12-31")),
])
def test_a_share_of_a_years_total_takes_the_time_before_it(text, published, figure, expected):
    assert _periods_of(text, published)[figure] == expected


def test_the_year_an_expression_names_is_public():
    """s21-mend: the module's period builders called the resolver's private ``_year``; ``year_of`` is its API: the
    year written, else the latest year whose month does not run past publication."""
    resolver = PeriodResolver("2026-03-10")
    assert resolver.year_of({"year": "2024"}) == 2024
    assert resolver.year_of({}, 2) == 2026 and resolver.year_of({}, 5) == 2025
    assert not hasattr(resolver, "_year")
