"""Metric names on unseen real text (s17-metric): families found by a blind audit of 30 archive items (seed 20261220).

Every sentence is written for the test (never copied from ../shared/data): a sentence in, the figure's metric out.
"""
import pytest

from analyzer.pipeline import analyze

CASES = [
    # a firm or person named before a clause that moves nothing gives no 股价 (share-price-clause-words)
    ("plan-of-person-no-share-price", "韩国总统李明远公布产业蓝图，计划累计投入超过300万亿韩元。", "超过300万亿韩元", None),
    ("move-of-firm-keeps-share-price", "软银集团领涨，涨超13%。", "超13%", "股价"),
    ("quote-of-firm-keeps-share-price", "开开实业午后拉升，现报12.01元。", "12.01元", "股价"),
    # 在 and a span of time opening the name say when (time-window-lead)
    ("time-window-lead-goes", "索尼表示将在五年内投资2000亿日元。", "2000亿日元", "投资"),
    ("future-window-lead-goes", "澳大利亚政府称将在未来4年投入6000万澳元。", "6000万澳元", "投入"),
    ("date-after-zai-stays-out", "该公司在3月份加息后股价下跌5%。", "5%", "股价"),
    # 在 … 时段/中/后 after the name is an adverbial of time or of a whole (trailing-located-adverbial)
    ("trailing-session-goes", "日经225指数期货在亚洲交易时段一度跌2%。", "2%", "日经225指数期货"),
    ("trailing-after-move-goes", "布伦特原油期货在连续三周上涨后回落1.2%。", "1.2%", "布伦特原油期货"),
    ("trailing-among-goes", "新能源汽车在新车销量中占比升至40%。", "40%", "新能源汽车"),
    # 家 counts firms: N家公司 is what is counted, not its predicate (counted-firms)
    ("counted-firms-then-predicate", "本周共有48家公司限售股解禁。", "48家", "公司"),
    ("counted-listed-firms-then-predicate", "一季度有120家上市公司净利润翻倍。", "120家", "上市公司"),
    ("counted-other-noun-kept", "首批21家全国性金融机构参与。", "21家", "全国性金融机构"),
    # 预计 inside a name is a hedge; who forecasts goes with it, the scope stays (forecast-verbs, forecasters)
    ("forecast-inside-scope-stays", "全国高速公路预计流量达4.5亿辆次。", "4.5亿辆次", "高速公路流量"),
    ("forecast-inside-rail", "当天全国铁路预计发送旅客1800万人次。", "1800万人次", "铁路发送旅客"),
    ("forecaster-goes", "多位分析师预计布伦特原油价格将升至90美元。", "90美元", "布伦特原油价格"),
    ("forecast-loss-of-profit", "公司净利润预计亏损3亿元。", "3亿元", "净利润"),
    ("estimated-liabilities-term-kept", "公司计提预计负债2000万元。", "2000万元", "计提预计负债"),
    # a window back from now and 共 (in all) before a name are no part of it (past-window-lead, total-lead)
    ("past-window-lead-goes", "近一个月日均成交额突破300亿元。", "突破300亿元", "日均成交额"),
    ("past-window-since-goes", "美国近四个月以来因流感住院的人数超过8万人。", "超过8万人", "因流感住院的人数"),
    ("past-window-low-kept", "金价刷新近一周低点至1800美元/盎司。", "1800美元/盎司", "近一周低点"),
    ("total-lead-goes", "上海共接待游客1000万人次。", "1000万人次", "接待游客"),
    ("total-lead-after-place-goes", "春节假期，北京共接待游客800万人次。", "800万人次", "接待游客"),
    # 单日 before a cap per account or purchase is part of the name (market-time-kept)
    ("daily-cap-per-account-kept", "自即日起，单日单账户申购限额为1000元。", "1000元", "单日单账户申购限额"),
    ("daily-move-word-goes", "沪指单日上涨2%。", "2%", "沪指"),
    # a city tier opening a 分别 list scopes every name, and the names share the head (list-shared-scopes/-heads)
    ("list-city-tier-first", "二线城市新建商品住宅和二手住宅销售价格同比分别上涨2.1%和1.4%。", "2.1%", "二线城市新建商品住宅销售价格"),
    ("list-city-tier-second", "二线城市新建商品住宅和二手住宅销售价格同比分别上涨2.1%和1.4%。", "1.4%", "二线城市二手住宅销售价格"),
    ("list-without-tier-unchanged", "支农再贷款、支小再贷款和再贴现余额分别为5000亿元、1.2万亿元和6000亿元。", "6000亿元", "再贴现余额"),
    # the verb and the record a figure reaches name no quantity (record-level-tail)
    ("record-reached-goes", "该公司第二季度营业利润达到创纪录的50万亿韩元。", "50万亿韩元", "营业利润"),
    ("record-risen-to-goes", "散户融资余额升至创纪录的20万亿韩元。", "20万亿韩元", "散户融资余额"),
    # 大/跳 left last is half of 大增/跳涨, an adverb of the move (adverb-of-move-tail)
    ("big-rise-adverb-goes", "公司三季度归母净利润同比大增62%。", "62%", "归母净利润"),
    ("jump-adverb-goes", "布伦特原油期货单日跳涨9.6%。", "9.6%", "布伦特原油期货"),
    ("country-ending-in-da-kept", "加拿大将释放2360万桶石油储备。", "2360万桶", "石油储备"),
    # a quoted yield whose clause names nothing is the yield named in the clause before (market_subject heads)
    ("quoted-yield-takes-clause-before", "美国10年期国债收益率小幅上扬，报1.66%。", "1.66%", "10年期国债收益率"),
    # 完成 left last joins the statistic to its amount (joining-verb-tail)
    ("joining-verb-tail-goes", "当月快递业务量完成120亿件，同比增长10%。", "120亿件", "快递业务量"),
    ("not-done-kept", "公司尚未完成的合同金额为3.2亿元。", "3.2亿元", "尚未完成的合同金额"),
    # a phrase that is only a comparison names nothing: the growth is of the figure before (comparison-only-takes-previous)
    ("comparison-base-only-takes-previous", "门店共卖出120套新房，同比去年增长25%。", "25%", "新房"),
    ("week-on-week-only-takes-previous", "乘用车零售45.2万辆，同比增长3%，环比上周下降12%。", "12%", "乘用车零售"),
]


@pytest.mark.parametrize("text, span, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_metric_of_figure(text, span, expected):
    figures = [f for f in analyze(text, published="2026-06-30").figures if f.text == span]
    assert [f.metric for f in figures] == [expected], [(f.text, f.metric) for f in analyze(text).figures]


FUTURES = [
    # in a sentence about futures what moves is a contract named by its good, never a share price (futures-wrap)
    ("futures-wrap-good", "国内商品期货多数收涨，沪镍主力合约涨停，热卷涨超3%。", "超3%", "热卷"),
    ("futures-wrap-night", "螺纹期货夜盘收涨1.2%，动力煤收涨0.8%。", "0.8%", "动力煤"),
    ("index-futures-beside-firms", "纳斯达克100股指期货跌1.5%，Snap跌18%。", "18%", "股价"),
    ("firm-move-without-futures", "科技股走强，英伟达涨超2%。", "超2%", "股价"),
]


@pytest.mark.parametrize("text, span, expected", [c[1:] for c in FUTURES], ids=[c[0] for c in FUTURES])
def test_metric_in_futures_wrap(text, span, expected):
    figures = [f for f in analyze(text, published="2026-06-30").figures if f.text == span]
    assert [f.metric for f in figures] == [expected], [(f.text, f.metric) for f in analyze(text).figures]


@pytest.mark.parametrize("written", ["59", "）", "/+", "——", "2025", "66.3%、66.8%"])
def test_a_metric_without_a_character_that_names_is_none(written):
    """Digits and punctuation left of a phrase (北京时间05:59报 → 59, （约34亿美元） → ）) name nothing."""
    from analyzer.extract.metrics import tidy_metric
    assert tidy_metric(written) is None


@pytest.mark.parametrize("written", ["M2", "GDP", "贷款余额", "5G"])
def test_a_metric_with_a_letter_or_character_stays(written):
    from analyzer.extract.metrics import tidy_metric
    assert tidy_metric(written) == written
