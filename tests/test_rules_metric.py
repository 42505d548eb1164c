"""The metric rules (analyzer/rules/metric.toml): every row's example names its figure's metric as expected, by
that row (``Figure.explain``), and every condition, source and clean-up a row names exists."""
import pytest

from analyzer import rulebook
from analyzer.extract import metrics
from analyzer.pipeline import analyze

RULES = rulebook.rows("metric", "rule")
CLEANUPS = rulebook.rows("metric", "cleanup")
WORDS = rulebook.rows("metric", "words")


def _figure(row):
    figures = [f for f in analyze(row["example"], published=row.get("published", "2025-06-30")).figures
               if f.text == row["figure"]]
    assert len(figures) == 1, f"{row['id']}: {row['figure']!r} is not one figure of the example"
    return figures[0]


def test_every_row_has_an_id_an_example_a_figure_and_an_expected_metric():
    for row in [*RULES, *CLEANUPS]:
        assert row["id"] and row["example"] and row["figure"] and row["expect"], row
        assert row["figure"] in row["example"], row["id"]
    ids = [row["id"] for row in RULES]
    assert len(ids) == len(set(ids))


def test_every_row_compiles_to_known_conditions_and_sources():
    rules = metrics.metric_rules()
    assert [rule.id for rule in rules] == [row["id"] for row in RULES]
    assert rules[-1].cleanup, "the last rule, the phrase before the figure, cleans its name"


@pytest.mark.parametrize("row", RULES, ids=[row["id"] for row in RULES])
def test_rule_example_names_the_expected_metric_by_that_rule(row):
    figure = _figure(row)
    assert figure.metric == row["expect"]
    assert figure.explain["metric"]["rule"] == row["id"]


@pytest.mark.parametrize("row", CLEANUPS, ids=[row["id"] for row in CLEANUPS])
def test_cleanup_example_names_the_expected_metric(row):
    assert _figure(row).metric == row["expect"]


@pytest.mark.parametrize("row", WORDS, ids=[row["id"] for row in WORDS])
def test_word_list_example_holds_one_of_its_words(row):
    assert any(word in row["example"] for word in row["words"]), row["id"]


def test_a_row_with_an_unknown_source_fails_the_loader():
    with pytest.raises(rulebook.RuleFileError):
        metrics._compiled({"id": "x", "source": "no_such_source", "example": "e"}, metrics.SOURCES)


@pytest.mark.parametrize("phrase, name", [
    ("尚未完成的合同金额", "尚未完成的合同金额"),  # a negated verb stays, was 尚未的合同金额
    ("已中标尚未签约订单", "中标尚未签约订单"),  # was 订单
    ("履约完成率", "履约完成率"),  # 完成率 names a rate, was 履约率
    ("多家分公司业绩完成度不及", "多家分公司业绩完成度"),
    ("规模以上工业企业实现利润总额", "规模以上工业企业利润总额"),  # 实现 joining a subject still goes
    ("工厂临时工）", "工厂临时工"),  # the figure's own bracket closes after the noun
    ("生猪(外三元)价格", "生猪(外三元)价格"),
    ("新签工程承包项目合同", "工程承包项目合同"),  # 新签 is a flow verb like 新增
    ("铁路业务新签合同额", "铁路业务合同额"),  # and joins a segment to its metric: the segment stays
])
def test_clean_metric_keeps_verbs_of_the_name_and_drops_an_unopened_bracket(phrase, name):
    assert metrics.clean_metric(phrase) == name


def test_noun_after_a_figure_loses_its_locative():
    figures = analyze("长达34公里的测试路线中，上行峰值速率达到300Mbps").figures
    assert [f.metric for f in figures if f.text == "34公里"] == ["测试路线"]


# --- speed steps that must not change an answer (issue 17) ------------------------------------------------------

def _gold_phrases() -> list[str]:
    """The corpus's gold metrics and the words before each gold figure in its clause (what the metric rules read)."""
    import json
    from pathlib import Path
    phrases = []
    for path in sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*/*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for figure in gold["figures"]:
            clause = max(gold["text"].rfind(mark, 0, figure["start"]) for mark in "，。；：,;:") + 1
            phrases += [figure["metric"] or "", gold["text"][clause:figure["start"]]]
    return [phrase for phrase in dict.fromkeys(phrases) if phrase]


def _after_last_verb_every_verb(phrase: str, verbs: tuple[str, ...]) -> str:
    """metrics._after_last_verb as it was before it skipped the verbs not in the phrase (the reference)."""
    best, start = -1, -1
    for verb in verbs:
        position = phrase.rfind(verb)
        if verb == "增加" and phrase.startswith("增加值", position) or metrics._verb_in_name(phrase, position, verb):
            continue
        if position >= 0 and position + len(verb) < len(phrase) and position + len(verb) > best:
            best, start = position + len(verb), position
    if best > 0 and phrase[best:] in metrics.VERB_QUANTITIES:
        before = metrics._strip_trailing(_after_last_verb_every_verb(phrase[:start], verbs), verbs) if start > 0 else ""
        return before + phrase[start:]
    return phrase[best:] if best > 0 else phrase


def test_verb_cut_and_edge_trim_give_what_the_full_scans_gave():
    """_after_last_verb looks only at verbs in the phrase, _edge_cut at the edge words only when one is at the edge
    (one str.startswith/endswith on the tuple): the same cuts as trying every word, on the corpus's phrases."""
    phrases = _gold_phrases()
    assert len(phrases) > 1000
    verbs = metrics._words()[1]
    assert [metrics._after_last_verb(p, verbs) for p in phrases] == [_after_last_verb_every_verb(p, verbs) for p in phrases]
    for side in ("lead", "trail"):
        words = metrics._edge_rules()[side].words
        for phrase in phrases:
            at_edge = phrase.startswith if side == "lead" else phrase.endswith
            scanned = next((word for word in words if at_edge(word)), None)
            assert (scanned is not None) == at_edge(words), (side, phrase)
            if scanned is not None and metrics._edge_cut(phrase, side) is not None:
                assert metrics._edge_cut(phrase, side) == scanned


def test_institution_pattern_matches_as_the_plain_alternation_does():
    """The lookahead on the names' first characters only spares the engine branches that cannot match: every
    prefix of the corpus's phrases gets the same match (and full match) as from the names' alternation alone."""
    import re
    pattern = metrics._institution_pattern()
    plain = re.compile(re.sub(r"^\^\(\?=\[(?:[^\]\\]|\\.)*\]\)", "^", pattern.pattern))
    assert plain.pattern.startswith("^(?:") and len(plain.pattern) < len(pattern.pattern)
    phrases = {phrase[start:] for phrase in _gold_phrases() for start in range(len(phrase))}
    assert sum(bool(plain.match(phrase)) for phrase in phrases) > 50
    for phrase in phrases:
        assert (m.group() if (m := pattern.match(phrase)) else None) == (p.group() if (p := plain.match(phrase)) else None)
        assert bool(pattern.fullmatch(phrase)) == bool(plain.fullmatch(phrase))


@pytest.mark.parametrize("text, span, metric", [
    ("ADP报告：12月建筑业就业人数增加6.2万人，11月增加5.2万人。", "5.2万人", "建筑业就业人数"),  # was 11月
    ("法国累计新冠肺炎确诊病例达16692402例，24小时内新增301614例。", "301614例", "新冠肺炎确诊病例"),  # was 24小时内
    ("公司的关税支出分别为600万元、3170万元和1.08亿元，两年间增长约17倍。", "约17倍", "关税支出"),  # was 两年间
    ("印度新增179723例新冠肺炎确诊病例（前一日为100806例）。", "100806例", "新冠肺炎确诊病例"),  # was 前一日
])
def test_a_time_alone_names_nothing_and_the_statistic_before_is_taken(text, span, metric):
    found = {f.text: f for f in analyze(text, published=None).figures}
    assert found[span].metric == metric


@pytest.mark.parametrize("phrase", ["两年间", "24小时内", "12月", "1月份", "前一日", "七年来", "2个小时"])
def test_time_spans_and_bare_dates_are_only_a_time(phrase):
    assert metrics.ONLY_A_TIME.fullmatch(phrase)


@pytest.mark.parametrize("phrase", ["10年期国债收益率", "两年期", "年收入", "三年复合", "7天shibor"])
def test_terms_and_names_with_a_time_are_not_only_a_time(phrase):
    assert not metrics.ONLY_A_TIME.fullmatch(phrase)


@pytest.mark.parametrize("phrase, metric", [
    ("阿麦斯的营收", "营收"), ("阿麦斯的海外营收", "海外营收"), ("华友浦项的注册资本", "注册资本"),
    ("吉泰智能的投后估值", "投后估值"), ("「眸深智能」的估值", "估值"), ("公司的关税支出", "关税支出"),
    ("世名科技的电子级碳氢树脂产品营业收入", "电子级碳氢树脂产品营业收入"),  # the product line stays
    # kept: a known word, a segment, a place or a condition before 的, or a statistic that is no account
    ("ODM代工业务的营收", "ODM代工业务的营收"), ("弗里蒙特工厂的毛利率", "弗里蒙特工厂的毛利率"),
    ("扣非后的净利润", "扣非后的净利润"), ("归属于上市公司股东的净利润", "归属于上市公司股东的净利润"),
    ("外资私募的管理规模", "外资私募的管理规模"), ("A股的市值", "A股的市值"), ("基民的渗透率", "基民的渗透率"),
    ("鱼子酱的年产量", "鱼子酱的年产量"),
])
def test_an_owner_named_before_its_account_goes(phrase, metric):
    assert metrics.without_owner(phrase) == metric


def test_a_firms_accounts_lose_the_firm_in_a_story_about_it():
    text = "招股书显示，2023年至2025年，阿麦斯的营收分别为10.70亿元、15.71亿元和27.82亿元。截至2025年末，阿麦斯的负债总额达到14.16亿元。"
    found = {f.text: f.metric for f in analyze(text, published="2026-06-26").figures}
    assert found["10.70亿元"] == "营收" and found["14.16亿元"] == "负债总额"


# --- [[debris]] rows and comparison tails (real-dev metric families) ----------------------------------------------

DEBRIS = rulebook.rows("metric", "debris")


def _debris_pairs(row):
    pairs = []
    for part in row["example"].split(";"):
        written, arrow, tidied = part.partition("→")
        if arrow:
            pairs.append((written.strip(), tidied.strip()))
    return pairs


@pytest.mark.parametrize("row", DEBRIS, ids=[row["id"] for row in DEBRIS])
def test_debris_row_tidies_its_examples(row):
    pairs = _debris_pairs(row)
    assert pairs and pairs[0][1] == row["expect"], row["id"]
    for written, tidied in pairs:
        assert metrics.tidy_metric(written) == tidied, (row["id"], written)


@pytest.mark.parametrize("text, span, metric", [
    # 发往X的: where goods are shipped to is a place
    ("发往西北欧的阿拉伯轻质原油OSP较ICE布伦特溢价0.85美元，较上月下调15美元。", "0.85美元", "阿拉伯轻质原油OSP"),
    # a vague quantifier before the name
    ("数据显示，多只油气类主题QDII涨幅超15%，在基金业绩排行榜上位居前列。", "超15%", "油气类主题QDII"),
    ("PICO在2024年多个季度的XR头显出货份额约为5%至10%。", "约为5%至10%", None),  # a time after 多个: not cut here
    # the market an index trades in
    ("隔夜，科技股力撑美股指反弹，纳指100收涨1.9%。美股存储芯片指数暴涨11.12%。", "11.12%", "存储芯片指数"),
    # 相比 / 相较 / 与…相比 after the name go whole (was 最新价格相, 净利润与上年同期相)
    ("最新价格相比2021年年中75元/公斤的低点，累计涨幅高达207%。", "75元/公斤", "价格"),  # 最新: a time word
    ("浙江东日公告，2021年净利润与上年同期相比预计增加5.7亿元到6.3亿元。", "5.7亿元到6.3亿元", "净利润"),
    ("与此同时，该ETF资产规模相较于去年年底也暴涨超过二十倍。", "超过二十倍", "ETF资产规模"),
    # 相应 (correspondingly) is an adverb, not the end of the name (was 支出相)
    ("主要是疫情蔓延使留学等跨境活动受到影响，支出相应下降了53%。", "53%", "支出"),
    # a scope word before a flow verb stays (was 就业人数)
    ("此外，4月份非农新增就业人数从17.9万人下修至14.8万人。", "17.9万人", "非农就业人数"),
    ("今年前10个月，城镇新增就业人数16.55万人，同比增长20.4%。", "16.55万人", "城镇就业人数"),
    # market money keeps the market written before 累计 (was 成交量, 净流入); a flow of anything else loses it
    ("碳排放配额（CEA）累计成交量1.79亿吨，累计成交额76.61亿元。", "1.79亿吨", "碳排放配额（CEA）成交量"),
    ("Choice数据显示，本周北向资金累计净流入291.97亿元。", "291.97亿元", "北向资金净流入"),
    ("1—9月，公司累计实现签约面积179.2万平方米。", "179.2万平方米", "签约面积"),
    # 全市 left at the start after a place is cut (上海全市二手房 → 全市二手房)
    ("2021年，上海全市二手房累计成交金额为9282亿元，同比下降8%。", "9282亿元", "二手房成交金额"),
    # futures contracts and a bare board are no firms: no 股价 (was 股价)
    ("国内商品期货收盘走势分化，红枣主力合约涨超5%。", "超5%", "红枣主力合约"),
    ("国债期货开盘，10年期主力合约跌0.05%。", "0.05%", "10年期主力合约"),
    ("三大股指低开，沪指跌0.1％，深成指跌0.03％，创业板跌0.46％。", "0.46％", "创业板"),
    ("科创板新股亚虹医药开盘破发，创业板新股三维天地高开88.24%。", "88.24%", "股价"),  # a firm after the board
    # 在 and a place opening a metric say where (was 在印度投资, 在美国的汽车销量)
    ("软银集团旗下的英国芯片设计公司Graphcore计划宣布在印度投资10亿英镑。", "10亿英镑", "投资"),
    ("通用汽车周二表示，其2021年在美国的汽车销量为220万辆。", "220万辆", "汽车销量"),
    ("IDC数据显示，2025年苹果在中国市场的出货量为4620万台。", "4620万台", "出货量"),
    # 该 with its noun goes whole (was 厂出厂价, 市地区生产总值); 占地面积 keeps 占 (was 地面积)
    ("该厂出厂价为每吨5000元。", "5000元", "出厂价"),
    ("尽管2021年受新冠肺炎疫情影响，该市地区生产总值依然达到了16355.32亿元人民币。", "16355.32亿元人民币", "地区生产总值"),
    ("该市场规模达到100亿元。", "100亿元", "市场规模"),
    ("南乐生鲜于2020年3月份开工建设，占地面积约8万平方米。", "约8万平方米", "占地面积"),
    # a window ahead and 全球 go (was 一年全球企业收益); a tenor without 未来 stays
    ("预计未来一年全球企业收益将增长10%。", "10%", "企业收益"),
    ("10年国债收益率下跌3个基点至1.92%。", "1.92%", "10年国债收益率"),
    # 将比 is "will be lower than" (was 比原计划, 汽车产量将比); 意味着 opens the clause (was 意味着NPS今年的海外股票持仓)
    ("据韩国银行估算，这意味着NPS今年的海外股票持仓将比原计划减少约200亿美元。", "约200亿美元", "海外股票持仓"),
    ("IHS Markit的数据显示，预计今年全球汽车产量将比去年增加约1%。", "约1%", "汽车产量"),
    ("人民银行将1年期LPR下调至3.45%。", "3.45%", "1年期LPR"),  # 将 before an object is still cut
    # a modal of likelihood goes whole (was 能性, 能促使…): 可能性 stays a name
    ("年底前加息40个基点的可能性几乎为100%。", "100%", "可能性"),  # was 能性 (the event is left to event-probability)
    ("据测算，预计可能涉及退市的LOF约125只。", "约125只", "退市的LOF"),  # was 能涉及退市的LOF
    # the recipient of 向…支付, a scope of 在…方面 and a beneficiary of 为…减免 are no part of the name
    ("同比增长17.9%；向企业支付赔款18.7亿美元，同比增长3.5%。", "18.7亿美元", "支付赔款"),
    ("知情人士称，三家公司预计将于周四宣布未来五年在电动汽车开发方面投资逾200亿欧元。", "逾200亿欧元", "投资"),
    ("“零关税”政策项下累计进口货值58.8亿元，为企业减免税款10.6亿元。", "10.6亿元", "减免税款"),
    # 控制在 a target, 缩短至 a new length and their modals are the verb, not the name (was 城镇调查失业率控制)
    ("城镇新增就业110万人以上，城镇调查失业率控制在5.5%以内。", "5.5%以内", "城镇调查失业率"),
    ("天津本轮本土疫情确诊病例应该可以控制在100例以内。", "100例以内", "本土疫情确诊病例"),
    ("商协会建议将IPO等待期缩短至21天左右。", "21天左右", "IPO等待期"),
    # a commodity's growth is its own move, not a statistic named with it earlier (was 黄金ETF持仓总量)
    ("全球黄金ETF持仓总量增加20吨。本周三，黄金单日涨幅超过4%。", "超过4%", "黄金"),
    ("费城半导体指数较6月22日创下的历史高位下跌19%。指数当日跌幅达到4.3%。", "4.3%", "费城半导体指数"),  # refers back
    # the means of a deal and a time or circumstance word opening the name go
    ("公司股东拟以集中竞价方式减持公司股份不超过100万股。", "不超过100万股", "减持公司股份"),
    ("融资余额增幅最大的是建龙微纳，最新融资余额为7266.81万元。", "7266.81万元", "融资余额"),
])
def test_real_text_metric_tails_and_leads(text, span, metric):
    figures = [f for f in analyze(text).figures if f.text == span]
    assert len(figures) == 1, [f.text for f in analyze(text).figures]
    if metric is not None:
        assert figures[0].metric == metric
    else:
        assert not figures[0].metric.startswith("季度")


@pytest.mark.parametrize("written", ["在职员工回购价", "在线音乐订阅收入", "在手订单", "在滨海新区", "在美国和日本的有效发明专利",
                                     "在襄阳市清洁能源及产业链上下游投资"])
def test_words_starting_with_zai_and_places_that_go_on_stay(written):
    assert metrics.without_location(written) == written
