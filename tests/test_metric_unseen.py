"""Metric names on unseen real text (s14-metric): families found by a blind audit of 25 archive items.

Every sentence is written for the test (never copied from ../shared/data): a sentence in, the figure's metric out.
"""
import pytest

from analyzer.pipeline import analyze

CASES = [
    # the segmenter tags 一年期/三年期/五年期 as time words: a term inside a name stays (lead-conjunction-particle keep)
    ("tenor-one-year-kept", "一年期定期存款利率下调至1.2%。", "1.2%", "一年期定期存款利率"),
    ("tenor-three-year-kept", "三年期国债收益率下跌2.5个基点。", "2.5个基点", "三年期国债收益率"),
    ("tenor-five-year-kept", "五年期美债收益率报1.62%。", "1.62%", "五年期美债收益率"),
    ("tenor-then-loan-kept", "该集团筹集了一笔高达80亿美元的一年期贷款。", "80亿美元", "一年期贷款"),
    # 意外 left last is the adverb of the move (trail-surprise-adverb)
    ("surprise-adverb-goes", "美国9月非农就业人数意外减少3.1万人。", "3.1万人", "非农就业人数"),
    # the session before named alone takes the statistic named before it (ONLY_A_TIME, time-span-units)
    ("previous-session-takes-previous", "截至发稿，纳指成交量报30.5亿股（上一交易日为28.1亿股）。", "28.1亿股", "纳指成交量"),
    ("day-before-takes-previous", "纳指成交量报30.5亿股，前一交易日为28.1亿股。", "28.1亿股", "纳指成交量"),
    # a comparison with the forecast names no quantity of its own (compared-to-other)
    ("compared-with-forecast-takes-previous", "当月非农就业人数减少1.5万，与市场预期的增加6万相差甚远。", "6万",
     "非农就业人数"),
    # a price per unit moves to a new level of the same price (metric-generic-per-unit)
    # a verb, 了 and a figure with 的 after it: the figure qualifies the noun after 的 (attributive-after-perfective)
    ("perfective-then-de-noun", "该公司上半年创造了约12亿美元的收入。", "约12亿美元", "收入"),
    ("perfective-then-de-deal", "该公司已与多家客户签订了超过50亿美元的合同。", "超过50亿美元", "合同"),
    ("perfective-amount-word-then-noun", "该国去年购买了价值80亿美元的大豆。", "80亿美元", "大豆"),
    ("perfective-total-then-noun", "多家银行陆续发行了总计超5000亿元的同业存单。", "超5000亿元", "同业存单"),
    ("perfective-noun-tagged-verb-kept", "高价值客户为商城贡献了高达60%的GMV。", "60%", "GMV"),
    # a reference level after 的 is no name: the name before the figure stays (metric_clause_break level_nouns)
    ("level-after-de-not-a-name", "今年双边贸易额达到了900亿美元的历史新高。", "900亿美元", "双边贸易额"),
    ("level-after-de-bare-verb", "当月芯片出口额增长50%，创下95亿美元的历史新高。", "95亿美元", "芯片出口额"),
    # the firm before 股价 and the words after it go (owner-before-share-price, share-price-tail); share classes stay
    ("firm-before-share-price", "ARM股价录得超20%的涨幅。", "超20%", "股价"),
    ("firm-de-share-price", "丹麦航运巨头马士基的股价应声下跌2%。", "2%", "股价"),
    ("share-price-where-traded", "苹果股价在美股盘后交易中下跌超过5%。", "超过5%", "股价"),
    ("share-class-kept", "招行H股股价昨日收报31.7港元。", "31.7港元", "H股股价"),
    ("per-share-price-kept", "公司回购100万股，每股价格为10.5港元。", "10.5港元", "每股价格"),
    # a bare head takes the fuller name an earlier clause of its sentence wrote (bare-head-fuller-before)
    ("bare-price-fuller-before", "碳酸锂价格连日上涨，最新价格由昨日的8万元/吨上涨至9万元/吨。", "8万元/吨", "碳酸锂价格"),
    ("bare-price-after-de-name", "同时，欧洲市场的维生素价格同样高企，本周价格为20欧元/公斤。", "20欧元/公斤", "维生素价格"),
    ("bare-price-spaced-own-name", "铜价走高。现货 白银 价格涨3%。", "3%", "现货白银价格"),  # its own name, not 铜价 (s21-metric2: the linked 白银 joins it)
    # a yield curve flattening or a cost over its standard: the verb goes (metric-trailing-curve-moves)
    ("curve-flattens-verb-goes", "2s10s曲线变平近3个基点。", "近3个基点", "2s10s曲线"),
    ("cost-over-standard-verb-goes", "该公司行政成本超标30%。", "30%", "行政成本"),
    # the market before a short index name goes (market-before-index); 料 (expects) opens no name (lead-expects-hk)
    ("market-before-short-index", "港股恒指高开涨0.54％，国企指数涨0.56％。", "0.54％", "恒指"),
    ("expects-before-name-goes", "该行料非通用会计准则经营溢利50亿元人民币。", "50亿元人民币", "非通用会计准则经营溢利"),
    # a levy verb is followed by what is levied, a rate too (levy-object-follows)
    ("levy-then-tariff", "美国宣布对进口重型卡车加征25%关税。", "25%", "关税"),
    ("consume-then-cash", "公司预计到2030年将累计消耗900亿美元现金。", "900亿美元", "现金"),
    ("per-unit-takes-previous", "内存颗粒价格从约15元一个单位涨到接近60元。", "接近60元", "内存颗粒价格"),
]


@pytest.mark.parametrize("text, span, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_metric_of_figure(text, span, expected):
    figures = [f for f in analyze(text, published="2026-06-30").figures if f.text == span]
    assert [f.metric for f in figures] == [expected], [(f.text, f.metric) for f in analyze(text).figures]
