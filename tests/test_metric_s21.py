"""The s21-metric round (issue 14): a figure before 的 qualifies the noun after it — also past a scope word before
the figure, at the opening of its clause and joined to a second figure — and that noun keeps the verb-tagged words
that head it. Each case is a made-up sentence in, the metric of one figure out; cases marked "kept" must not change."""
import pytest

from analyzer.pipeline import analyze


def _metric(text: str, figure: str) -> str | None:
    found = [f for f in analyze(text, published="2025-06-30").figures if f.text == figure]
    assert len(found) == 1, [f.text for f in analyze(text, published="2025-06-30").figures]
    return found[0].metric


@pytest.mark.parametrize("text, figure, metric", [
    # attributive-scope-before: a scope or frequency word between the verb and the figure
    ("这条航道承载全球近三成的海上原油运量。", "近三成", "海上原油运量"),
    ("原因在于全球约两成的集装箱运输经由该航道。", "约两成", "集装箱运输"),
    # a figure opening its clause, 的 after it
    ("调查显示，75%的受访者对前景感到担忧。", "75%", "受访者"),
    ("数据显示，超8成的相关企业成立于5年内。", "超8成", "相关企业"),
    # attributive-joined-figures: two figures before one 的
    ("公司亦可能获得额外约42亿元和39亿元的订单。", "约42亿元", "订单"),
    # kept: a figure whose clause names it before, a reference level after 的
    ("公司营业收入达到了35亿元的历史新高。", "35亿元", "营业收入"),
])
def test_figure_qualifies_the_noun_after_it(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # nominal-verb-heads: 承诺, 需求 are jieba verbs heading the noun phrase before a predicate
    ("公司披露了约900亿美元的采购承诺以锁定产能。", "约900亿美元", "采购承诺"),
    ("在制裁解除的情景下，约6%的航运需求将从旧船队转向新船队。", "约6%", "航运需求"),
    ("该协议将释放约3%的增量航运需求。", "约3%", "增量航运需求"),
    # kept: a verb before a comma or with an object of its own is a predicate
    ("调查显示，60%的受访者表示，前景不明。", "60%", "受访者"),
    ("结果显示，90%的工会成员赞成罢工。", "90%", "工会成员"),
])
def test_verbs_heading_the_noun_after_a_figure(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # the room a price has to move is no statistic: the name before the figure stays (real-dev gold rss-1159)
    ("分析师的平均目标价较现价隐含逾70%的上行空间。", "逾70%", "平均目标价"),
    ("他认为半导体板块还有10%到15%的下跌空间。", "10%到15%", "半导体板块"),
])
def test_room_to_move_keeps_the_name_before(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # real_text.toml metric_move_base: 从/由/自 after a name opens the base a move starts from
    ("组件成本也从去年的最高点每瓦2.1元降到现在的每瓦1.9元。", "2.1元", "组件成本"),
    ("日经225指数从当时的约10000点升至接近50000点。", "约10000点", "日经225指数"),
    ("该机型的晶圆吞吐量从每小时200片提升至230片。", "230片", "机型的晶圆吞吐量"),
])
def test_move_base_is_cut(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("metric", ["外资从韩国股市净流出", "从业人员", "由政府出资的项目"])
def test_move_base_kept(metric):
    from analyzer.extract.metrics import before_move_base
    assert before_move_base(metric) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # real_text.toml predicate-modal: a modal after a name opens its predicate
    ("分析师认为，铜价可能在年内回到1万美元/吨。", "1万美元/吨", "铜价"),
    ("预计明年行业出货量有望再破2000万台。", "2000万台", "行业出货量"),
    # lead-pronoun-time-hedge gains 若
    ("若韩元对美元年平均汇率低于1400韩元，人均GDP将提高。", "低于1400韩元", "韩元对美元年平均汇率"),
    # kept: a word holding the modal names the figure
    ("市场预计加息25个基点的可能性为80%。", "80%", "加息25个基点的可能性"),
])
def test_modal_and_condition_leave_the_name(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # real_text.toml metric_possessive: the name is the noun phrase after 其
    ("除了营收增长，更关键的是其毛利率高达26.4%。", "26.4%", "毛利率"),
    # Q3 is a time expression since s29-period (period.toml quarter-q) and leaves the name as 三季度 does (gold: 营收
    # for Q2营收, s29f A rss-1619)
    ("分析师普遍预期其Q3每股收益约5.1美元。", "约5.1美元", "每股收益"),
])
def test_name_after_a_possessive_pronoun(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("metric", ["减持其持有的公司股份", "减持其所持公司股份", "为其供应价值", "其他收入"])
def test_possessive_pronoun_kept(metric):
    from analyzer.extract.metrics import after_possessive
    assert after_possessive(metric) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # metric.toml time-split-heads: a bare statistic after a time is of the product named before the time
    ("数据显示，新能源汽车2021年销量已达350万辆。", "350万辆", "新能源汽车销量"),
    ("个人电脑在第四季度的出货量总计8800万台。", "8800万台", "个人电脑出货量"),
    # kept: a firm, a market or a place before the time says whose or where
    ("某汽车有限公司全年销量为76万辆。", "76万辆", "销量"),
    ("美国10月销量为100万辆。", "100万辆", "销量"),
])
def test_statistic_split_by_a_time(text, figure, metric):
    assert _metric(text, figure) == metric


@pytest.mark.parametrize("text, figure, metric", [
    # metric.toml per-unit: 每 and one character (a unit or a period) after a name go
    ("娃哈哈钙奶批发价为每箱39元。", "39元", "娃哈哈钙奶批发价"),
    ("美联储缩表速度上限为每月1000亿美元。", "1000亿美元", "缩表速度上限"),
    # kept: 每股 after a dividend names the statistic (corpus/dev gold)
    ("末期股息每股1.972元。", "1.972元", "末期股息每股"),
])
def test_per_one_character_unit(text, figure, metric):
    assert _metric(text, figure) == metric


def test_s21_audits_are_blind_material_only():
    """The two s21-metric audits keep ids, hashes, figure spans and metrics, no text of ../shared/data; none of their
    documents is reserved, in real-gold, in an earlier audit or in the other s21 audit."""
    import json
    from pathlib import Path

    from analyzer.io.gold import RESERVED_IDS
    folder = Path(__file__).resolve().parent.parent / "models" / "metric-boundary"
    selection = (folder.parent.parent / "real-gold" / "selection.tsv").read_text(encoding="utf-8")
    gold_ids = {line.split("\t")[0] for line in selection.splitlines() if line}
    earlier = set()
    for name in ("audit-s19.json", "audit-s19b.json"):
        earlier |= set(json.loads((folder / name).read_text(encoding="utf-8"))["documents"])
    seen = set()
    for name, seed in (("audit-s21a.json", 20261256), ("audit-s21b.json", 20261263)):
        audit = json.loads((folder / name).read_text(encoding="utf-8"))
        assert audit["seed"] == seed and len(audit["documents"]) == 15
        for doc_id, doc in audit["documents"].items():
            assert set(doc) == {"text_sha256", "figures"} and len(doc["text_sha256"]) == 64
            assert doc_id not in RESERVED_IDS | gold_ids | earlier | seen
            for span, metric in doc["figures"]:
                assert len(span) <= 20 and len(metric) <= 24
        seen |= set(audit["documents"])
