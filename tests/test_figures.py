"""Figure extraction case tables: text → (span text, value, unit, qualifier, measure, comparison)."""
import pytest
from hypothesis import given, settings, strategies as st

from analyzer.pipeline import analyze

PUBLISHED = "2025-05-26"

CASES = [
    # numbers: Arabic, full-width, separators, Chinese numerals, mixed, spaced
    ("余额达35.3万亿元", "35.3万亿元", "35300000000000", "CNY", None, "level", None),
    ("貸款餘額３５．３萬億元", "３５．３萬億元", "35300000000000", "CNY", None, "level", None),
    ("成交额1,234.5亿元", "1,234.5亿元", "123450000000", "CNY", None, "flow", None),
    ("安排三千亿元", "三千亿元", "300000000000", "CNY", None, "flow", None),
    ("规模35.6 万亿元", "35.6 万亿元", "35600000000000", "CNY", None, "level", None),
    ("共有13万2人", "13万2人", "132000", "count", None, "other", None),
    ("覆盖一万二千户", "一万二千户", "12000", "count", None, "level", None),
    ("额度5000亿", "5000亿", "500000000000", "CNY", None, "level", None),
    ("净利润-3480.83万元", "-3480.83万元", "-34808300", "CNY", None, "flow", None),
    # units
    ("约3.5万亿美元", "约3.5万亿美元", "3500000000000", "USD", "approx", "level", None),
    ("350億港元", "350億港元", "35000000000", "HKD", None, "level", None),
    ("发行价格为28.11元/股", "28.11元/股", "28.11", "CNY", None, "rate", None),
    ("854.68万股", "854.68万股", "8546800", "count", None, "level", None),
    ("下调25个基点", "25个基点", "-25", "basis_point", None, "change", None),
    ("下调25bp", "25bp", "-25", "basis_point", None, "change", None),
    ("是去年的1.5倍", "1.5倍", "1.5", "times", None, "rate", None),
    ("增长百分之十二点五", "百分之十二点五", "12.5", "percent", None, "growth_rate", "yoy"),
    ("占比两成以上", "两成以上", "20", "percent", "over", "share", None),
    # qualifiers
    ("逾1000亿元", "逾1000亿元", "100000000000", "CNY", "over", "level", None),
    ("1000多亿元", "1000多亿元", "100000000000", "CNY", "over", "level", None),
    ("10余家", "10余家", "10", "count", "over", "level", None),
    ("近4000户", "近4000户", "4000", "count", "under", "level", None),
    ("不到5%", "不到5%", "5", "percent", "under", "rate", None),
    ("3.8%左右", "3.8%左右", "3.8", "percent", "approx", "rate", None),
    ("单户授信总额1000万元及以下", "1000万元及以下", "10000000", "CNY", "under", "other", None),
    # measure, comparison and sign
    ("同比增长12.5%", "12.5%", "12.5", "percent", None, "growth_rate", "yoy"),
    ("同比下降3.2%", "3.2%", "-3.2", "percent", None, "growth_rate", "yoy"),
    ("环比增长1.1%", "1.1%", "1.1", "percent", None, "growth_rate", "mom"),
    ("比年初增长5%", "5%", "5", "percent", None, "growth_rate", "ytd"),
    ("比上年末低0.1个百分点", "0.1个百分点", "-0.1", "percentage_point", None, "change", "prev"),
    ("比去年同期高2.1个百分点", "2.1个百分点", "2.1", "percentage_point", None, "change", "yoy"),
    ("同比多增3000亿元", "3000亿元", "300000000000", "CNY", None, "change", "yoy"),
    ("降准0.5个百分点", "0.5个百分点", "-0.5", "percentage_point", None, "change", None),
    ("占外贸总值的56.8%", "56.8%", "56.8", "percent", None, "share", None),
    ("再贷款利率为1.75%", "1.75%", "1.75", "percent", None, "rate", None),
    ("每年可降低银行资金成本约150亿元", "约150亿元", "-15000000000", "CNY", "approx", "change", None),
    ("新增贷款2.5万亿元", "2.5万亿元", "2500000000000", "CNY", None, "flow", None),
    ("两次降准", "两次", "2", "count", None, "other", None),
    ("拟每10股派现308.76元", "308.76元", "308.76", "CNY", None, "rate", None),
    ("贵州茅台股价收报1710元", "1710元", "1710", "CNY", None, "rate", None),
    ("CPI降幅比上月收窄0.2个百分点", "0.2个百分点", "0.2", "percentage_point", None, "change", "mom"),
    ("降幅比上月扩大0.5个百分点", "0.5个百分点", "-0.5", "percentage_point", None, "change", "mom"),
    ("比上月增加7个", "7个", "7", "count", None, "change", "mom"),
    ("年末全国人口比上年末减少208万人", "208万人", "-2080000", "count", None, "change", "prev"),
    ("待售面积比3月末增加1006万平方米", "1006万平方米", "10060000", "other", None, "change", "mom"),
    ("募集资金总额为2,999,999,997.00元", "2,999,999,997.00元", "2999999997", "CNY", None, "flow", None),
]


@pytest.mark.parametrize("text, span, value, unit, qualifier, measure, comparison", CASES, ids=[c[0] for c in CASES])
def test_figure_case(text, span, value, unit, qualifier, measure, comparison):
    figures = analyze(text, published=PUBLISHED).to_dict()["figures"]
    assert len(figures) == 1, figures
    figure = figures[0]
    assert text[figure["start"]:figure["end"]] == figure["text"] == span
    assert (figure["value"], figure["unit"], figure["qualifier"], figure["measure"], figure["comparison"]) == \
        (value, unit, qualifier, measure, comparison)


@pytest.mark.parametrize("text, span, value, value_high", [
    ("净利润为35.00亿元-40.00亿元", "35.00亿元-40.00亿元", "3500000000", "4000000000"),
    ("Q2净利润预计21.73亿-26.73亿", "21.73亿-26.73亿", "2173000000", "2673000000"),
    ("同比增长2118%-2434%", "2118%-2434%", "2118", "2434"),
    ("增长5%至6%", "5%至6%", "5", "6"),
])
def test_ranges_written_in_full(text, span, value, value_high):
    [figure] = analyze(text, published=PUBLISHED).figures
    assert (figure.text, str(figure.value), str(figure.value_high), figure.qualifier) == (span, value, value_high, "range")


@pytest.mark.parametrize("text, currency, value", [("保证金约3万韩元", "KRW", "30000"), ("免税投资2万英镑", "GBP", "20000")])
def test_other_currencies(text, currency, value):
    [figure] = analyze(text, published=PUBLISHED).to_dict()["figures"]
    assert (figure["unit"], figure["currency"], figure["value"]) == ("other", currency, value)


@pytest.mark.parametrize("text, comparison", [("潼关黄金跌5.77%", None), ("股价盘中一度涨逾10%", None), ("贷款余额增长12.5%", "yoy")])
def test_market_moves_have_no_default_comparison(text, comparison):
    [figure] = analyze(text, published=PUBLISHED).figures
    assert figure.measure == "growth_rate" and figure.comparison == comparison


@pytest.mark.parametrize("text, expected", [
    ("分别为11.85、6.8和3.93万亿元", [("11.85", "11850000000000"), ("6.8", "6800000000000"), ("3.93万亿元", "3930000000000")]),
    ("3至5万亿元", [("3至5万亿元", "3000000000000")]),
    ("由2%降至1.75%", [("2%", "2"), ("1.75%", "1.75")]),
])
def test_lists_ranges_and_pairs(text, expected):
    figures = analyze(text, published=PUBLISHED).figures
    assert [(f.text, str(f.value)) for f in figures] == expected


def test_range_keeps_high_end_and_scale():
    figure = analyze("2%—3%").figures[0]
    assert (str(figure.value), str(figure.value_high), figure.qualifier) == ("2", "3", "range")
    figure = analyze("3至5万亿元").figures[0]
    assert str(figure.value_high) == "5000000000000"


@pytest.mark.parametrize("text", [
    "2025年9月30日", "今年前4个月", "十四五规划", "二十届三中全会", "1年期LPR", "5年期以上", "第一", "银发〔2025〕12号",
    "金规〔2024〕13号", "期限3个月", "五篇大文章", "阅读 1.2万", "电话 010-66194114", "10:31", "一次性", "一揽子政策",
    "二次元游戏", "小米集团周三股价", "十三届人大五次会议", "“杭十条”",
])
def test_not_figures(text):
    assert analyze(text, published=PUBLISHED).figures == []


def test_metric_period_and_inheritance():
    record = analyze("截至2025年一季度末，全国普惠小微贷款余额达35.3万亿元，同比增长12.5%。", published=PUBLISHED)
    level, growth = record.figures
    assert level.metric == growth.metric == "普惠小微贷款余额"
    assert (level.period.start, level.period.end) == ("2025-03-31", "2025-03-31") == (growth.period.start, growth.period.end)


def test_list_metrics_are_distributed():
    record = analyze("支农再贷款、支小再贷款和再贴现余额分别为0.58、1.36和0.59万亿元。")
    assert [f.metric for f in record.figures] == ["支农再贷款余额", "支小再贷款余额", "再贴现余额"]


def test_offsets_point_into_original_text():
    text = "人民銀行宣佈全面降準0.5個百分點，釋放資金約9000億元"
    for figure in analyze(text).figures:
        assert text[figure.start:figure.end] == figure.text


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value="0.01", max_value="99999", places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from([("万亿元", 10**12, "CNY"), ("亿元", 10**8, "CNY"), ("万元", 10**4, "CNY"), ("元", 1, "CNY"),
                        ("亿美元", 10**8, "USD"), ("%", 1, "percent"), ("个百分点", 1, "percentage_point"),
                        ("万户", 10**4, "count"), ("家", 1, "count")]))
def test_generated_number_unit_parses_back(number, unit):
    word, scale, code = unit
    figures = analyze(f"余额为{format(number, 'f')}{word}。").figures
    assert len(figures) == 1
    assert figures[0].value == number * scale and figures[0].unit == code


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,%-—～至万亿元美港个百分点基家户年月日季度前末同比增长下降约近超过逾多余以上左右一二两三十百千成之占为达由降至 \n。，、；（）〔〕萬億")),
               max_size=80))
def test_no_input_raises(text):
    for published in (PUBLISHED, None):
        record = analyze(text, published=published)
        for figure in record.figures:
            assert text[figure.start:figure.end] == figure.text


@pytest.mark.parametrize("text", ["分别于10月15日和11月15日各实施", "12月末余额", "今年以来", "2月30日", "自9月以来"])
def test_no_publication_date(text):
    analyze(text)  # resolving relative dates without a publication date must not fail


@pytest.mark.parametrize("text, metrics", [
    ("2025年一季度末普惠小微贷款余额同比增速为12.5%", ["普惠小微贷款余额"]),
    ("调整完成后，大型和中小型商业银行的存款准备金率将分别由14.5%、12.5%降至13.5%、11.5%。",
     ["大型商业银行存款准备金率", "中小型商业银行存款准备金率", "大型商业银行存款准备金率", "中小型商业银行存款准备金率"]),
    ("工商银行、农业银行分别实现净利润3658.63亿元、2820.83亿元，同比分别增长0.51%、4.72%。",
     ["净利润", "净利润", "净利润", "净利润"]),
    ("12月末，广义货币（M2）余额218.68万亿元。M2增速比上月末低0.6个百分点。", ["广义货币（M2）余额", "广义货币（M2）余额"]),
    ("人民银行近日设立3000亿元专项再贷款。", ["专项再贷款"]),
    ("1年期LPR较MLF利率加点95个基点。", ["1年期LPR"]),
    ("首套住房最低首付款比例调整为不低于15%，二套住房调整为不低于25%。", ["首套住房最低首付款比例", "二套住房最低首付款比例"]),
    ("4月份，人民银行已先后设立科技创新再贷款和普惠养老专项再贷款，额度分别为2000亿元和400亿元。",
     ["科技创新再贷款额度", "普惠养老专项再贷款额度"]),
    ("科技创新和技术改造再贷款额度增加3000亿元，达到8000亿元；新设5000亿元服务消费与养老再贷款。",
     ["科技创新和技术改造再贷款额度", "科技创新和技术改造再贷款额度", "服务消费与养老再贷款"]),
    ("人民银行开展1.2万亿元公开市场逆回购操作，其中7天期9500亿元、14天期2500亿元，中标利率分别为2.40%和2.55%。",
     ["公开市场逆回购操作", "7天期", "14天期", "7天期逆回购中标利率", "14天期逆回购中标利率"]),
    ("人民银行开展2040亿元7天期公开市场逆回购操作，中标利率为1.80%。", ["7天期公开市场逆回购操作", "7天期逆回购中标利率"]),
    ("投向具有直接和间接碳减排效益项目的贷款分别为7.3和3.36万亿元。",
     ["具有直接碳减排效益项目的贷款", "具有间接碳减排效益项目的贷款"]),
    ("公司预计2021年度净利润4.5亿元。", ["净利润"]),
    ("全面降准将释放资金约8000亿元，定向降准释放约1000亿元。", ["资金", "资金"]),
    ("首批21家全国性金融机构参与。", ["全国性金融机构"]),
    ("上证综合指数收涨0.43%。", ["上证综合指数"]),
    ("内地首三季人民币贷款增加16.02万亿元。", ["人民币贷款"]),
    ("本市首套住房最低首付款比例由20%降至15%。", ["首套住房最低首付款比例", "首套住房最低首付款比例"]),
    ("PPI按年下跌2.2%，跌幅较上月扩大0.1个百分点。", ["PPI", "PPI"]),
    ("公司拟向全体股东每10股派发现金红利308.76元。", ["每10股现金红利"]),
    ("同日，人行还以利率招标方式开展4950亿元7天期逆回购操作。", ["7天期逆回购操作"]),
    ("5年以下（含5年）首套个人住房公积金贷款利率调整为2.35%。", ["5年以下（含5年）首套个人住房公积金贷款利率"]),
    ("1年期和5年期以上LPR分别为3.45%和4.2%。", ["1年期LPR", "5年期以上LPR"]),
    ("首创阳光地产录得营业收入约266.89万元。", ["营业收入"]),  # 录得 (Hong Kong): the reporter is not the metric
    ("六大行不良贷款率为1.27%。", ["不良贷款率"]),
])
def test_metric_cases(text, metrics):
    assert [f.metric for f in analyze(text, published=PUBLISHED).figures] == metrics


@pytest.mark.parametrize("text, expected", [
    ("人民币汇率中间价为：1美元对人民币6.8209元，下调14个基点", ["6.8209元", "14个基点"]),
    ("黄金同时受益于两股力量", []),
    ("沪指跌3.05%，收报3764.15点", ["3.05%", "3764.15点"]),
    ("人民币对美元中间价报7.029 8。人民币对美元汇率中间价较上一交易日的7.1812减少40个基点", ["7.029 8", "7.1812", "40个基点"]),
    ("外汇风险准备金率从0上调至20%", ["0", "20%"]),
    ("下午3点召开会议，提出两点意见，9点30分开盘", []),
])
def test_real_text_figures(text, expected):
    assert [f.text for f in analyze(text, published=PUBLISHED).figures] == expected


@pytest.mark.parametrize("text, metric", [
    ("人民币汇率中间价为：1美元对人民币7.1772元", "美元对人民币汇率中间价"),
    ("全国规模以上工业企业实现利润总额74310.5亿元", "规模以上工业企业利润总额"),
    ("全年规模以上工业增加值比上年增长4.6%", "规模以上工业增加值"),
    ("沪深两市全天成交额达2.59万亿元", "沪深两市成交额"),
    ("据金价在周一盘中一度上涨2.2%", "金价"),
    ("英伟达涨超4%", "股价"),  # the company is whose figure it is, not what moved
    ("贵州茅台收涨8.96%，报1749元", "股价"),
    ("恒生科技指数跌0.93%", "恒生科技指数"),
    ("上证综合指数昨日收涨0.43%", "上证综合指数"),
    ("德国10年期国债收益率攀升2个基点", "10年期国债收益率"),  # a place opening a metric goes (real_text.toml lead-place; real-dev gold)
    ("今年股市可能下跌10％至15％", "股市"),
    ("京东已累计开放岗位358个，提供近4万个就业机会", "就业机会"),
    ("年内A股公司披露1070单并购重组计划", "并购重组计划"),
    ("董事会建议派发末期股息每股1.972元", "末期股息每股"),
    ("建行H股收报5.73港元", "H股股价"),
    ("建行股东应占溢利跌1.8%", "股东应占溢利"),  # a statistic, not a share price
    ("恒指重挫13.22%", "恒指"),
    ("期内净息差为1.54%", "净息差"),
    ("其他全国性金融机构5家", "其他全国性金融机构"),
    ("惠及经营主体约230万户", "经营主体"),
    ("此次降准共释出长期资金逾5000亿元", "长期资金"),
    ("我们将引导商业银行把存量房贷利率降至新发放贷款利率附近，预计平均降幅在0.5个百分点左右", "存量房贷利率"),
    ("公司拟斥资1亿至2亿元回购股份", "回购股份"),
    ("碳减排支持工具每年可撬动3000亿至5000亿元碳减排贷款", "碳减排贷款"),
    ("2021年，汽车产销双双超过2600万辆", "汽车产销"),
    ("回购股份约占公司目前总股本的2.92%，总股本2.4亿股", "总股本"),
    ("建行宣派中期息每股0.197元", "中期息每股"),
    ("其中1年期LPR在8月已调降10个基点", "1年期LPR"),
    ("不良贷款率为1.30%，农业银行下降0.03个百分点", "不良贷款率"),  # the bank is whose figure, not what
    ("易华录公告，拟转让所持有太行数据湖45%股权", "股权"),
    ("【标普500指数新年开局再创纪录新高】周二日经225指数开盘上涨1.07%", "日经225指数"),
    ("人民银行11月5日开展4000亿元MLF操作", "MLF操作"),
    ("高技术制造业增加值增长10%，快于全部规模以上工业4.4个百分点", "高技术制造业增加值"),
    ("全社会跨区域人员流动量28999万人次，同比(2024年国庆假期第二日，下同)增长2.2%", "全社会跨区域人员流动量"),
    ("现货黄金价格历史上首次突破每盎司5000美元", "现货黄金价格"),
])
def test_real_text_metrics(text, metric):
    assert analyze(text, published=PUBLISHED).figures[-1].metric == metric


@pytest.mark.parametrize("text, measure", [
    ("每户最高贴息3万元", "other"),  # a cap
    ("若按回购金额上限2亿元测算", "other"),
    ("拨备覆盖率为437.70%", "rate"),  # a ratio, though 覆盖 can mark a share
    ("年贴息比例为1个百分点", "rate"),  # a subsidy rate in points, not a change
    ("贴息资金由中央财政和省级财政分别承担90%和10%", "share"),
])
def test_measure_cases(text, measure):
    assert analyze(text, published=PUBLISHED).figures[-1].measure == measure


@pytest.mark.parametrize("text, published, measure, period", [
    # a count of borrowers held is a stock at the period's end; one added over the period is a flow
    ("2021年，普惠小微授信户数4456万户。", "2022-01-30", "level", ("2021-12-31", "2021-12-31")),
    ("2021年，普惠小微贷款支持小微经营主体4456万户。", "2022-01-30", "level", ("2021-12-31", "2021-12-31")),
    ("2021年，新增首贷户120万户。", "2022-01-30", "flow", ("2021-01-01", "2021-12-31")),
    # a market report's figures without a date are of the trading day the story reports
    ("沪深两市全天成交额达2.59万亿元。", "2024-09-30", "flow", ("2024-09-30", "2024-09-30")),
    ("贵州茅台收涨8.96%。", "2024-09-30", "growth_rate", ("2024-09-30", "2024-09-30")),
    ("截至收盘，恒生指数下跌3021.51点。", "2025-04-07", "change", ("2025-04-07", "2025-04-07")),
    ("截至收盘，中国平安涨4.1%，报38.62元。", "2024-02-06", "rate", ("2024-02-06", "2024-02-06")),
    ("北向资金全天净买入86.71亿元。", "2024-02-06", "flow", ("2024-02-06", "2024-02-06")),
    # M2 is a stock: its growth is read at the period's end
    ("2022年金融统计数据报告\n一、广义货币增长11.8%，狭义货币增长3.7%", "2023-01-10", "growth_rate",
     ("2022-12-31", "2022-12-31")),
    # a results report's per-share dividend is a result of the reported year, not a policy parameter
    ("招商银行公布2023年业绩。\n董事会建议派发末期股息每股1.972元。", "2024-03-26", "rate",
     ("2023-01-01", "2023-12-31")),
    # an open-market operation reported without a date is of the story's day
    ("春节假期后首个工作日，中国人民银行开展1.2万亿元公开市场逆回购操作。", "2020-02-03", "flow",
     ("2020-02-03", "2020-02-03")),
])
def test_measure_and_period_cases(text, published, measure, period):
    figure = analyze(text, published=published).figures[-1]
    assert figure.measure == measure
    assert (figure.period.start, figure.period.end) == period


def test_release_period_from_the_lead_carries_over_later_paragraphs():
    text = ("2020年我国货物贸易进出口总值32.16万亿元\n"
            "从节奏看，四季度进出口9.29万亿元，增长8.4%。\n"
            "民营企业进出口14.98万亿元，增长11.1%。")
    private = analyze(text, published="2021-01-14").figures[-2]
    assert private.metric == "民营企业进出口"
    assert (private.period.start, private.period.end) == ("2020-01-01", "2020-12-31")
    text = "留抵退税进展\n今年4月1日至7月20日，累计退税18040亿元。\n制造业退税4720亿元。"
    manufacturing = analyze(text, published="2022-07-22").figures[-1]
    assert (manufacturing.period.start, manufacturing.period.end) == ("2022-04-01", "2022-07-20")


def test_title_figures_take_only_the_time_the_title_states():
    text = "央行超额续作4010亿元MLF\n8月15日，中国人民银行开展4010亿元MLF操作。"
    title, body = analyze(text, published="2023-08-15").figures
    assert title.period is None
    assert (body.period.start, body.period.end) == ("2023-08-15", "2023-08-15")


def test_jin_is_a_unit_of_weight_like_gongjin():
    """斤 (grain output in 亿斤) is a measured quantity as 公斤 is; 元/斤 is a price per jin."""
    [figure] = analyze("2026年我国夏粮产量首次突破3000亿斤。", published="2026-07-10").figures
    assert (figure.text, str(figure.value), figure.unit, figure.counter, figure.qualifier) == \
        ("突破3000亿斤", "300000000000", "other", "斤", "over")


def test_a_count_is_never_a_share_price_of_its_clauses_firm():
    from analyzer.pipeline import analyze
    for text, span in [("【中锐股份：终止回购股份 已累计回购274.45万股】中锐股份公告。", "274.45万股"),
                       ("英国目前每日确诊病例数正在下降，周二新增了94432例。", "94432例")]:
        found = {f.text: f for f in analyze(text, published=None).figures}
        assert found[span].metric != "股价", text
