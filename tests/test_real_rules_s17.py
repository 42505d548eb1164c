"""Figure rules of the s17-figs fresh audit (seed 20261225): a sentence in, the figure out."""
import pytest

from analyzer.pipeline import analyze


def _figure(text, span, published=None):
    figures = [f for f in analyze(text, published=published).figures if f.text == span]
    assert figures, [f.text for f in analyze(text, published=published).figures]
    return figures[0]


def _spans(text):
    return [f.text for f in analyze(text).figures]


@pytest.mark.parametrize("text, span, low, high, unit", [
    ("在假设金价运行区间为5100–5400美元/盎司的前提下", "5100–5400美元/盎司", "5100", "5400", "USD"),
    ("单瓶定价在6–7元区间", "6–7元", "6", "7", "CNY"),
    ("归属于上市公司股东的净利润2500万元–3750万元", "2500万元–3750万元", "25000000", "37500000", "CNY"),
])
def test_an_en_dash_joins_a_range_like_a_hyphen(text, span, low, high, unit):
    figure = _figure(text, span)
    assert (str(figure.value), str(figure.value_high), figure.unit) == (low, high, unit)


def test_an_en_dash_between_years_is_no_figure():
    assert _spans("2013–2016 年任微软（中国）主管研究员") == []


@pytest.mark.parametrize("text, span, value, qualifier", [
    ("月活动规模超过10万场", "超过10万场", "100000", "over"),
    ("三天，十八场对谈", "十八场", "18", None),
    ("今年国庆档将有超30场音乐节落地，去年同期仅18场", "18场", "18", None),
    ("放映场次133.9万场", "133.9万场", "1339000", None),
    ("全年共放映5000场次", "5000场次", "5000", None),
])
def test_events_are_counted_with_chang(text, span, value, qualifier):
    figure = _figure(text, span)
    assert (str(figure.value), figure.unit, figure.qualifier) == (value, "count", qualifier)


@pytest.mark.parametrize("text", ["北京银保监局局长今日在第279场银行业保险业例行发布会上表示",
                                  "郑州召开新冠肺炎疫情防控第二十六场新闻发布会", "发生了一场危机"])
def test_an_ordinal_or_indefinite_chang_is_no_count(text):
    assert _spans(text) == []


def test_chang_opening_a_word_is_no_counter():
    figure = _figure("覆盖100个场景", "100个")
    assert figure.counter == "个"
    assert not [f for f in analyze("全市共有2000场所完成改造").figures if f.counter == "场"]


@pytest.mark.parametrize("text, span, comparison", [
    ("今年以来，BMS股价已累计上涨21%，而阿斯利康股价同期下跌8%。", "21%", "ytd"),
    ("今年以来，BMS股价已累计上涨21%，而阿斯利康股价同期下跌8%。", "8%", "ytd"),
    ("彭博美元即期指数今年以来累计上涨1.4%。", "1.4%", "ytd"),
    ("特斯拉股价周二下跌了0.58%，收于931.25美元，今年迄今下跌了22.4%。", "22.4%", "ytd"),
    ("特斯拉股价周二下跌了0.58%，收于931.25美元，今年迄今下跌了22.4%。", "0.58%", None),
    ("今年以来港股市场主要股指大幅上涨，恒生指数第三季度上涨11.56%，年内涨幅超过30%", "11.56%", None),
    ("今年以来港股市场主要股指大幅上涨，恒生指数第三季度上涨11.56%，年内涨幅超过30%", "超过30%", "ytd"),
    ("今年以来，社会消费品零售总额增长5%", "5%", "yoy"),
])
def test_a_price_move_since_the_new_year_is_year_to_date(text, span, comparison):
    assert _figure(text, span).comparison == comparison


@pytest.mark.parametrize("text, span, value", [
    ("预计2021年度实现归属于上市公司股东的净利润1770万元-2650万元，上年同期为亏损8747.22万元。", "8747.22万元", "-87472200"),
    ("预计2021年度净亏损11亿元-13亿元，上年同期为亏损3.17亿元。", "3.17亿元", "317000000"),
])
def test_last_years_loss_of_a_profit_is_negative_but_a_loss_named_stays_positive(text, span, value):
    figure = _figure(text, span)
    assert str(figure.value) == value


@pytest.mark.parametrize("text, span", [("股票交易的日涨跌幅限制为5%。", "5%"), ("主板ST股涨跌幅提至10%", "10%"),
                                        ("主板涨跌幅偏离±7%、振幅15%、换手率20%以上", "15%")])
def test_a_limit_on_the_daily_move_is_positive_and_measures_nothing(text, span):
    figure = _figure(text, span)
    assert figure.value > 0
    assert figure.measure == "other"


@pytest.mark.parametrize("text, span, value, measure", [
    ("今日部分锂电材料报价再度上涨，电解钴涨1700元/吨；金属锂涨5万元/吨，均价报203万元/吨", "1700元/吨", "1700", "change"),
    ("今日部分锂电材料报价再度上涨，电解钴涨1700元/吨；金属锂涨5万元/吨，均价报203万元/吨", "203万元/吨", "2030000", "rate"),
    ("镍豆跌1.42万元/吨至16.61万元/吨", "1.42万元/吨", "-14200", "change"),
    ("镍豆跌1.42万元/吨至16.61万元/吨", "16.61万元/吨", "166100", "rate"),
])
def test_a_move_of_a_price_per_unit_is_a_change(text, span, value, measure):
    figure = _figure(text, span)
    assert (str(figure.value), figure.measure) == (value, measure)


@pytest.mark.parametrize("text, span, qualifier", [("阿斯利康目前已有近半营收来自美国市场", "近半", "under"),
                                                   ("三星电子和SK海力士合计占Kospi权重逾半", "逾半", "over")])
def test_a_bounded_half_is_fifty_percent(text, span, qualifier):
    figure = _figure(text, span)
    assert (str(figure.value), figure.unit, figure.qualifier, figure.measure) == ("50", "percent", qualifier, "share")


@pytest.mark.parametrize("text", ["近半年来市场持续走弱", "这一纪录保持了逾半个世纪", "将近半个月"])
def test_a_bounded_half_of_a_time_is_no_figure(text):
    assert _spans(text) == []


@pytest.mark.parametrize("text", ["阿斯利康与百时美施贵宝正就合并展开谈判，两家公司近几个月已进行了多轮磋商",
                                  "两家机构均对新方法论的透明度表示担忧"])
def test_the_two_firms_named_before_are_no_count(text):
    assert _spans(text) == []


@pytest.mark.parametrize("text, span", [("上述四家公司中两家公司证实了涨价函确实存在", "两家"), ("共有两家公司获批", "两家"),
                                        ("收购了两家银行", "两家")])
def test_two_firms_out_of_a_set_or_of_another_noun_are_counted(text, span):
    assert _figure(text, span).value == 2


def test_hours_before_a_move_are_its_window_and_the_move_is_no_year_on_year():
    text = "数字货币普跌，比特币24小时跌幅超3%，以太坊24小时跌幅近5%。据CoinGecko数据，在过去24小时内跌幅高达43%。"
    figures = analyze(text).figures
    assert [f.text for f in figures] == ["超3%", "近5%", "43%"]
    assert [f.comparison for f in figures] == [None, None, None]
    assert str(figures[2].value) == "-43"


@pytest.mark.parametrize("text, span", [("以太坊下跌6.8%，触及7月份以来的最低水平2201美元。", "2201美元"),
                                        ("周五，USDe在币安交易所一度跌至65美分。", "65美分"),
                                        ("陈年贵州茅台酒（15年）更是从5399元降至3409元。", "3409元")])
def test_money_without_a_scale_read_as_a_level_is_a_price(text, span):
    assert _figure(text, span).measure == "rate"


def test_a_scaled_amount_or_a_bare_list_member_stays_a_level():
    text = "2020年末，广义货币(M2)余额和狭义货币(M1)余额分别为218.68、62.56万亿元。"
    figures = {f.text: f for f in analyze(text).figures}
    assert figures["218.68"].measure == "level"
    assert figures["62.56万亿元"].measure == "level"


@pytest.mark.parametrize("text, span", [("美国财政部拍卖一年期国债，得标利率0.390%，投标倍数3.15。", "3.15"),
                                        ("衡量需求的关键指标投标倍数较上次拍卖下降至2.81，远低于12个月平均值3.79。", "2.81")])
def test_a_bid_to_cover_ratio_is_a_bare_quoted_ratio(text, span):
    figure = _figure(text, span)
    assert (figure.unit, figure.measure) == ("other", "rate")


@pytest.mark.parametrize("text, span, value", [("19名官员中，有刚好超过半数的9人支持年内至少再降息50个基点", "9人", "9"),
                                               ("发挥好两项支持资本市场货币政策工具的作用", "两项", "2")])
def test_a_count_before_zhichi_is_a_count(text, span, value):
    assert str(_figure(text, span).value) == value


@pytest.mark.parametrize("text", ["不如拿一两千支持国货", "5万支付宝用户"])
def test_zhi_opening_zhichi_or_zhifu_is_no_counter(text):
    assert not [f for f in analyze(text).figures if f.counter == "支"]


def test_once_after_a_rate_move_counts_it_but_the_indefinite_once_does_not():
    figure = _figure("19名官员中有6人预测2025年仅会降息一次或不应该降息。", "一次")
    assert (str(figure.value), figure.unit, figure.counter) == ("1", "count", "次")
    assert _spans("召开一次会议") == []


@pytest.mark.parametrize("text, span, comparison", [
    ("法国CAC40指数收盘下跌19.59点，跌幅0.27%，报7161.52点。", "0.27%", None),
    ("纽约商品交易所8月交货的轻质原油期货价格收于每桶73.21美元，跌幅为0.88%。", "0.88%", None),
    ("自收盘高点324.33美元以来，甲骨文股价已累计下跌56.2%；过去52周跌幅亦达38.1%。", "38.1%", "yoy"),
    ("居民消费价格涨幅为2%", "2%", "yoy"),
])
def test_the_size_of_a_days_move_in_a_market_sentence_is_no_year_on_year(text, span, comparison):
    assert _figure(text, span).comparison == comparison


@pytest.mark.parametrize("text, comparisons", [
    ("智谱、MiniMax今日股价走低，目前分别跌9.85%和8.29%。", [None, None]),
    ("截至6月30日收盘，上证指数、深证成指和沪深300指数上半年分别累计上涨3.16%、19.82%和7.55%。", [None, None, None]),
    ("出口和进口分别增长5%和6%", ["yoy", "yoy"]),
])
def test_a_growth_rate_joined_to_the_one_before_takes_its_comparison(text, comparisons):
    assert [f.comparison for f in analyze(text).figures] == comparisons


def test_a_move_in_money_before_the_size_of_the_move_marks_a_market_sentence():
    assert _figure("现货白银下跌0.55美元，跌幅0.89%，报61.51美元/盎司。", "0.89%").comparison is None


@pytest.mark.parametrize("text, span", [("2021年12月份，全国菜篮子指数为129.26，环比下跌3.79个点。", "129.26"),
                                        ("今年该公司员工平均年龄为35岁。", "35岁")])
def test_an_index_reading_or_an_age_in_a_dated_sentence_stays_a_level(text, span):
    assert _figure(text, span, published="2022-01-05").measure == "level"


@pytest.mark.parametrize("text, span", [("增资完成后，宁德时代对江西升华的持股比例直接由18.74%跃升至33.00%。", "33.00%"),
                                        ("企查查股权穿透显示，该公司由海天味业(603288)100%控股。", "100%"),
                                        ("上海沪工公告，持股5.91%股东宇斯有限计划减持", "5.91%")])
def test_a_holders_percent_of_a_firm_is_a_stake(text, span):
    assert _figure(text, span).measure == "share"


@pytest.mark.parametrize("text, span, measure", [
    ("去年12月的个人订阅业务同比增长达到251.7%，远超同期的增速。", "251.7%", "growth_rate"),
    ("今年一季度，个人订阅业务同比增速回落至35%左右", "35%左右", "growth_rate"),
    ("失业率从6%下滑至5.9%", "5.9%", "rate"),
])
def test_a_growth_written_as_the_level_it_reached_is_a_growth_rate(text, span, measure):
    assert _figure(text, span).measure == measure


def test_a_dividend_per_ten_shares_in_short_is_a_rate():
    assert _figure("水晶光电：2025年净利润同比增长13.84% 拟10派2元", "2元").measure == "rate"
