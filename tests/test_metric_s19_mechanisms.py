"""General metric mechanisms of the s19-metric2 round (issue 14): each case is a made-up sentence in, the metric
of one figure out. Cases marked "kept" must not change."""
import pytest

from analyzer.pipeline import analyze


def _metric(text: str, figure: str) -> str | None:
    found = [f for f in analyze(text, published="2025-06-30").figures if f.text == figure]
    assert len(found) == 1, [f.text for f in analyze(text, published="2025-06-30").figures]
    return found[0].metric


@pytest.mark.parametrize("text, figure, metric", [
    # priced_goods bare-goods-price: money per unit of goods named by the goods alone is their price
    ("碳酸锂从去年同期的8万元/吨涨到18万元/吨。", "8万元/吨", "碳酸锂价格"),
    ("碳酸锂从去年同期的8万元/吨涨到18万元/吨。", "18万元/吨", "碳酸锂价格"),
    ("其中，生猪(外三元)每千克16元，环比下降1.8%。", "16元", "生猪(外三元)价格"),
    ("其中，生猪(外三元)每千克16元，环比下降1.8%。", "1.8%", "生猪(外三元)价格"),
    ("六氟磷酸锂报10.75万元/吨。", "10.75万元/吨", "六氟磷酸锂价格"),
    # kept: a contract, an instrument, a named price, a price per ounce or per barrel
    ("油菜籽期货跌1.22%，报749.25欧元/吨。", "749.25欧元/吨", "油菜籽期货"),
    ("当日收盘价54.22元/吨，较前一日上涨1%。", "54.22元/吨", "收盘价"),
    ("鸡蛋平均价格为9.28元/公斤。", "9.28元/公斤", "鸡蛋平均价格"),
    ("现货黄金报4130美元/盎司。", "4130美元/盎司", "现货黄金"),
])
def test_bare_goods_price(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # counted_owner counted-group-owner: a group counted just before, 的, a statistic: the statistic
    ("2021年100家典型房企的融资量为12873亿元，同比下降26%。", "12873亿元", "融资量"),
    ("2021年100家典型房企的融资量为12873亿元，同比下降26%。", "26%", "融资量"),
    ("截至1月13日，36个世卫组织成员国的新冠疫苗接种率不到10%。", "不到10%", "新冠疫苗接种率"),
    ("目前仅有2家外资私募的管理规模超过50亿元。", "超过50亿元", "管理规模"),
    # kept: no count before the group; a head that says how much but not of what; a clause between
    ("数据显示主题乐园的搜索热度为去年的2倍以上。", "2倍以上", "主题乐园的搜索热度"),
    ("8艘新船订单的总价值约为18438亿韩元。", "约为18438亿韩元", "新船订单的总价值"),
    ("累计报告接种疫苗288777.2万剂次，完成全程接种的人数为121587.8万人。", "121587.8万人", "全程接种的人数"),
])
def test_counted_group_owner(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # amount_of_deal amount-of-deal-before: a bare 金额 after a clause that ends with a deal is that deal's amount
    ("公司签订了若干项重大合同，合计金额约516.4亿元人民币。", "约516.4亿元人民币", "合同金额"),
    ("去年以来已有逾千家上市公司实施回购，总金额超过1200亿元。", "超过1200亿元", "回购总金额"),
    ("他山科技已于近期完成B轮融资，金额为数亿元。", "数亿元", "融资金额"),
    # kept: the clause before ends with a firm, not a deal
    ("股东拟将股份转让给平石资产，总金额为5.16亿元。", "5.16亿元", "总金额"),
])
def test_amount_of_deal(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # object-follows words 拥有, 具有, 建设, 新建, 建成: what is owned or built follows the figure
    ("该项目需要在俄罗斯建设3个同步辐射中心。", "3个", "同步辐射中心"),
    ("标普500指数成份股公司现在拥有3.7万亿美元现金。", "3.7万亿美元", "现金"),
    ("力争到年底建成18座公共加氢站。", "18座", "公共加氢站"),
    # real_text.toml metric_debris leading-per-period: a capacity's /年 is no part of the name after it
    ("公司拟投资建设44万吨/年新能源材料项目。", "44万吨", "新能源材料项目"),
])
def test_object_owned_or_built(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # metric.toml stock-move-in-a-wrap: after a share-price move, a name and a move is the next mover's share price
    ("中概股普跌，高途跌超10.8%，贝壳跌超9.2%，荔枝涨超1.1%。", "超1.1%", "股价"),
    ("港股特斯拉概念股持续走低，恒大汽车跌5.67%，力劲科技跌4.58%，亿和控股跌2.2%。", "2.2%", "股价"),
    # futures-wrap words 大商所, 郑商所: a commodity exchange's wrap moves contracts, not shares
    ("大商所、郑商所夜盘收盘，多数上涨，菜粕涨超2%。", "超2%", "菜粕"),
])
def test_stock_move_in_a_wrap(text, figure, metric):
    assert _metric(text, figure) == metric


def test_second_audit_is_blind_material_only():
    """The s19-metric2 carry-over audit keeps ids, hashes, spans and metrics: no text of ../shared/data; none of
    its documents is reserved, in real-gold or in the first audit."""
    import json
    from pathlib import Path

    from analyzer.io.gold import RESERVED_IDS
    folder = Path(__file__).resolve().parent.parent / "models" / "metric-boundary"
    audit = json.loads((folder / "audit-s19b.json").read_text(encoding="utf-8"))
    first = json.loads((folder / "audit-s19.json").read_text(encoding="utf-8"))
    selection = (folder.parent.parent / "real-gold" / "selection.tsv").read_text(encoding="utf-8")
    gold_ids = {line.split("\t")[0] for line in selection.splitlines() if line}
    assert audit["seed"] == 20261248 and len(audit["documents"]) == 20
    for doc_id, doc in audit["documents"].items():
        assert set(doc) == {"text_sha256", "figures"} and len(doc["text_sha256"]) == 64
        assert doc_id not in RESERVED_IDS and doc_id not in gold_ids and doc_id not in first["documents"]
        for span, metric in doc["figures"]:
            assert len(span) <= 20 and len(metric) <= 24
