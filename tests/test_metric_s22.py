"""The s22-metric pooled round (issue 14): a rate move implied by 加息/降息 moves the rate (利率, as real text writes
it, not 政策利率), and a count of such moves counts the moves themselves (加息). Made-up sentences in, the metric of
one figure out; a verb and its result marker before a figure (压低至, 推上了) are the predicate, not the name; a firm
named with the market its shares trade on (港股蔚来, Allied Gold美股) or known to the taxonomy whole (山东黄金) moves
as a 股价. Cases marked "kept" must not change."""
import pytest

from analyzer.pipeline import analyze


def _metric(text: str, figure: str) -> str | None:
    found = [f for f in analyze(text, published="2025-06-30").figures if f.text == figure]
    assert len(found) == 1, [f.text for f in analyze(text, published="2025-06-30").figures]
    return found[0].metric


@pytest.mark.parametrize("text, figure, metric", [
    # the implied rate is 利率
    ("货币市场押注欧洲央行10月加息10个基点。", "10个基点", "利率"),
    ("市场预计英国央行下月降息25个基点。", "25个基点", "利率"),
    # implied-counted: a count of moves names the move
    ("高盛预测美联储今年将加息四次。", "四次", "加息"),
    ("点阵图显示，多名官员预测明年仅会降息一次。", "一次", "降息"),
    # kept: a rate the sentence named before is the one moved; 降准 implies the reserve ratio
    ("美联储1月维持利率在0%-0.25%区间的概率为96.9%，加息25个基点的概率为3.1%。", "25个基点", "利率"),
    ("人民银行决定9月16日全面降准0.5个百分点。", "0.5个百分点", "存款准备金率"),
    ("二是下调政策利率0.1个百分点。", "0.1个百分点", "政策利率"),
])
def test_rate_moves_implied_by_hikes_and_cuts(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # result-markers: a verb of two characters and 至/到/了 before the figure end the name before the verb
    ("公司计划用所得还债，将本金债务压低至150亿美元以下。", "150亿美元以下", "本金债务"),
    ("四季度的收益还将全年盈利推上了7000亿元。", "7000亿元", "盈利"),
    ("该公司目标于2027年底将总装机容量扩展至200兆瓦。", "200兆瓦", "总装机容量"),
    # kept: listed verbs already end the name; a word that names a quantity stays
    ("一季度贷款余额增长至30万亿元。", "30万亿元", "贷款余额"),
])
def test_verb_with_result_marker_ends_the_name(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # listing-markets: the market a firm's shares trade on, before or after its name, is not what moved
    ("港股蔚来大涨15%，此前最新财报显示，蔚来亏损收窄。", "15%", "股价"),
    ("消息公布后，Allied Gold美股盘前一度涨近9%。", "近9%", "股价"),
    ("美股蔚来盘前涨5%。", "5%", "股价"),
    # a firm the taxonomy knows whole moves as a share, though its name ends in a good
    ("黄金股则逆市上涨，山东黄金涨超2%。", "超2%", "股价"),
    # kept: a good, a market and an index still move as themselves
    ("现货黄金上涨2%。", "2%", "现货黄金"),
    ("沪指收涨1.2%，黄金上涨2%。", "2%", "黄金"),
    ("港股市场收涨1.2%。", "1.2%", "港股市场"),
])
def test_share_price_of_a_firm_named_with_its_market(text, figure, metric):
    assert _metric(text, figure) == metric
