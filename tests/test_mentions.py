"""Mention finding: canonical names, original-text spans, boundary rules, nesting, actions and candidates."""
from __future__ import annotations

import pytest

from analyzer.normalize import normalize

# text → expected (kind, text as written, canonical name) found; kinds not listed must be empty
CASES = [
    ("金融监管总局将融资协调机制扩大至全部外贸企业。",
     {("institutions", "金融监管总局", "国家金融监督管理总局"),
      ("policy_tools", "融资协调机制", "支持小微企业融资协调工作机制"), ("sectors", "外贸企业", "外贸")}),
    ("中国银行保险监督管理委员会发布通知", {("institutions", "中国银行保险监督管理委员会", "中国银行保险监督管理委员会")}),
    ("中国银行业协会发布报告", {("institutions", "中国银行业协会", "中国银行业协会")}),
    ("中国银行业金融机构", set()),
    ("中国农业银行加大涉农贷款投放", {("institutions", "中国农业银行", "中国农业银行"), ("sectors", "涉农", "三农")}),
    ("央行決定降準0.5個百分點", {("institutions", "央行", "中国人民银行"), ("policy_tools", "降準", "存款准备金率")}),
    ("中期借贷便利(MLF)操作", {("policy_tools", "中期借贷便利", "中期借贷便利"), ("policy_tools", "MLF", "中期借贷便利")}),
    ("增值税收入增长", set()),
    ("增值税留抵退税加快", {("policy_tools", "增值税留抵退税", "增值税留抵退税")}),
    ("进出口总值增长", set()),
    ("全国普惠小微贷款余额", set()),
    ("县域农村商业银行", set()),
    ("科技型中小企业贷款", {("sectors", "科技型中小企业", "科技型中小企业"), ("sectors", "中小企业", "中小企业")}),
    # records keep the finest name; queries and trends reach it through the parent
    ("开展买断式逆回购操作", {("policy_tools", "买断式逆回购操作", "买断式逆回购")}),
    ("增加隔夜逆回购操作品种", {("policy_tools", "隔夜逆回购操作", "隔夜逆回购")}),
    ("实施定向降准", {("policy_tools", "定向降准", "定向降准")}),
    ("中小微企业融资", {("sectors", "中小微企业", "中小微企业")}),
    ("中型企业续贷余额", {("sectors", "中型企业", "中型企业")}),
    # 续贷 alone names 无还本续贷 only where the text has named it
    ("无还本续贷政策扩大至中型企业。续贷期限不超过3年",
     {("policy_tools", "无还本续贷政策", "无还本续贷"), ("policy_tools", "续贷", "无还本续贷"),
      ("sectors", "中型企业", "中型企业")}),
    ("续贷期限不超过3年", set()),
    # words that only contain a name
    ("各地民政部门建立清单", set()),
    ("以资本公积金向全体股东每10股转增4股", set()),
    ("较同期限贷款基准利率低5个基点", set()),
    ("增值税及附加税费", set()),
    ("支持化工行业稳增长", {("sectors", "化工行业", "化工行业")}),  # not 工行 (ICBC); official text only since s27-sectorgate
    ("联合国内多家科研机构", set()),
    ("住房公积金贷款利率下调", {("policy_tools", "住房公积金贷款", "住房公积金贷款")}),
    ("美联储宣布加息", {("institutions", "美联储", "美国联邦储备委员会"), ("policy_tools", "加息", "加息")}),
    ("美国财政部宣布制裁", {("institutions", "美国财政部", "美国财政部")}),
    ("标普500指数上涨", set()),
    ("香港金管局入市", {("institutions", "香港金管局", "香港金融管理局")}),
    ("东方金诚维持评级", {("institutions", "东方金诚", "东方金诚国际信用评估有限公司")}),
    ("设立交通物流专项再贷款。专项再贷款额度1000亿元",
     {("policy_tools", "交通物流专项再贷款", "交通物流专项再贷款"), ("policy_tools", "专项再贷款", "交通物流专项再贷款")}),
    ("ＬＰＲ下行", {("policy_tools", "ＬＰＲ", "贷款市场报价利率")}),
    ("SLPRS指数", set()),
    # context rows (analyzer/rules/mentions.toml): boards, product classes, laws, firm names are no mentions
    ("房地产板块同样表现强势，大消费板块走强", set()),
    ("消费电子需求回暖", set()),
    ("扩大消费需求", {("sectors", "消费", "消费")}),
    ("作为全球最大的养老金管理机构之一", set()),
    ("养老服务设施", {("sectors", "养老", "养老")}),
    ("根据《出口管制法》", set()),
    ("实施出口管制", {("policy_tools", "出口管制", "出口管制")}),
    ("汇正融资担保有限公司", {("institutions", "汇正融资担保有限公司", "汇正融资担保有限公司")}),  # the firm, not the tool
    ("共有796只个股获陆股通增仓", set()),
    ("对中国输美商品加征关税", set()),
    ("扩大关税豁免范围", {("policy_tools", "关税豁免", "关税豁免")}),
    # firms named as the subject of company news, their repetitions, and a declared short name
    ("新致软件公告，预计净利润增长。新致软件表示", {("institutions", "新致软件", "新致软件")}),
    ("江苏澄远电子科技股份有限公司（以下简称“澄远电子”）发布公告。澄远电子拟回购",
     {("institutions", "江苏澄远电子科技股份有限公司", "江苏澄远电子科技股份有限公司"),
      ("institutions", "澄远电子", "江苏澄远电子科技股份有限公司")}),
    ("公司公告，预计净利润增长", set()),
    # the archive audit of 2026-12-06: indices, pensions, names and the finest industry name
    ("科创50指数开盘报1306.60点，创业板指与科创综指跌幅较大", set()),
    ("强化科技创新策源功能", {("sectors", "科技创新", "科技创新")}),
    ("骨科创伤类医疗器械", set()),
    ("中科创达公告，预计净利润增长", {("institutions", "中科创达", "中科创达")}),
    ("促进养老保险发展，发展养老第三支柱", set()),
    ("非制造业商务活动指数为49%", set()),
    ("30余家中外企业参展", set()),
    ("意见提出，新能源产业成为农村经济的重要补充", {("sectors", "新能源产业", "新能源产业"), ("sectors", "农村", "三农")}),
    ("新能源车股涨幅扩大", set()),
    ("淘汰光伏行业落后产能", {("sectors", "光伏行业", "光伏产业")}),
    ("美联储可能会在3月结束资产购买并加息",
     {("institutions", "美联储", "美国联邦储备委员会"), ("policy_tools", "资产购买", "资产购买计划"),
      ("policy_tools", "加息", "加息")}),
    ("商务部对外贸易司司长表示", {("institutions", "商务部", "商务部")}),
    ("工信部中小企业局局长表示", {("institutions", "工信部", "工业和信息化部")}),
    ("随着石油消费增加，全国黄金消费量1121吨", set()),
    ("扩大居民消费", {("sectors", "消费", "消费")}),
    ("因新能源车补贴退坡", {("policy_tools", "新能源车补贴", "新能源汽车购置补贴")}),
    ("完善地方政府债务风险应急处置机制，下达新增专项债务限额", set()),
    ("加快发行地方政府专项债", {("policy_tools", "专项债", "地方政府专项债券")}),
    ("开展亚太药业2015年重大资产购买项目", {("institutions", "亚太药业", "亚太药业")}),
    # 联储 alone is the Fed; another country's is a longer name; 美联储观察 is CME's tool, not the Fed
    ("利差倒挂前联储的加息空间相当有限", {("institutions", "联储", "美国联邦储备委员会"), ("policy_tools", "加息", "加息")}),
    ("澳大利亚联储将在8月启动加息周期", {("institutions", "澳大利亚联储", "澳大利亚储备银行"), ("policy_tools", "加息", "加息")}),
    ("据CME“美联储观察”", {("institutions", "CME", "芝加哥商品交易所")}),
    # developers as a group, the other name of the three red lines, and reserve requirements
    ("传房企收并购贷款不再计入“三条红线”", {("sectors", "房企", "房地产"), ("policy_tools", "三条红线", "三道红线")}),
    ("将用准备金要求作为一种支持工具", {("policy_tools", "准备金要求", "存款准备金率")}),
    # a body of a national body written right after it is one name with it; not a minister (部长) or a person
    ("近日，国务院教育督导委员会办公室发出提醒函", {("institutions", "国务院教育督导委员会办公室", "国务院教育督导委员会办公室")}),
    ("国务院关税税则委员会发布公告", {("institutions", "国务院关税税则委员会", "国务院关税税则委员会")}),
    ("韩国政府同美国财政部海外资产控制办公室协商",
     {("institutions", "韩国政府", "韩国政府"), ("institutions", "美国财政部海外资产控制办公室", "美国财政部海外资产控制办公室")}),
    ("美国财政部长贝森特主持金融稳定监督委员会会议", {("institutions", "美国财政部", "美国财政部")}),
    ("国务院关于印发方案的通知", {("institutions", "国务院", "国务院")}),
    ("Mizuho的首席策略师Shoki Omori警告", {("institutions", "Mizuho", "瑞穗证券")}),
    # firms the archive names often by a short name alone; not inside another name (伊利诺伊州, 海思科, 蓝思科技)
    ("他于1985年加入东芝，此前曾在东芝担任工程职务", {("institutions", "东芝", "东芝")}),
    ("随即，抖音也自10月1日起实施酒店扫码免佣", {("institutions", "抖音", "抖音")}),
    ("他还以思科为例", {("institutions", "思科", "思科")}),
    ("此外，伊利诺伊州、俄勒冈州宣布", set()),
    ("海思科公告，获得创新药批件", {("institutions", "海思科", "海思科")}),
    ("整体来看，中远海控2021年已创下历史最好业绩", {("institutions", "中远海控", "中远海控")}),
    # a broker's research team at a clause or headline start names the broker; 兴业研究 is no team word
    ("【天风宏观：美联储讨论加快缩表】", {("institutions", "天风", "天风证券"), ("institutions", "美联储", "美国联邦储备委员会"),
                                   ("policy_tools", "缩表", "缩表")}),
    ("广发策略认为，市场仍有空间", {("institutions", "广发", "广发证券")}),
    # a generic word declared as a short name (简称“基金”) stays a word
    ("参与嘉兴泽科星槎创业投资合伙企业（有限合伙）（简称“基金”），占基金认缴出资总额的97%",
     {("institutions", "嘉兴泽科星槎创业投资合伙企业（有限合伙）", "嘉兴泽科星槎创业投资合伙企业（有限合伙）")}),
    ("兴业研究首席商品研究员付某表示", set()),
    ("中国石油发布公告", {("institutions", "中国石油", "中国石油天然气集团有限公司")}),
    # a price index is a statistic, not consumption as a group; 购债 is the asset purchase programme
    ("发布的月度消费者价格指数报告", set()),
    ("居民消费价格指数同比上涨2%", set()),
    ("美联储方面，缩减购债将自今年开始", {("institutions", "美联储", "美国联邦储备委员会"), ("policy_tools", "购债", "资产购买计划")}),
    ("中国石油化工股份有限公司天津分公司", {("institutions", "中国石油化工股份有限公司天津分公司", "中国石油化工股份有限公司天津分公司")}),
]
# text, tool as written → expected action
ACTIONS = [
    ("人民银行宣布设立科技创新和技术改造再贷款", "科技创新和技术改造再贷款", "设立"),
    ("下调支农支小再贷款利率0.25个百分点", "支农支小再贷款", "下调"),
    ("决定降准0.5个百分点", "降准", "下调"),
    ("延续实施普惠小微贷款支持工具", "普惠小微贷款支持工具", "延续"),
    ("碳减排支持工具到期退出", "碳减排支持工具", "退出"),
    ("MLF利率保持不变", "MLF", None),
]


def found(finder, text):
    out = finder(normalize(text), text)
    return out, {(kind, m.text, m.name) for kind in ("policy_tools", "sectors", "institutions") for m in out[kind]}


@pytest.mark.parametrize("text, expected", CASES)
def test_mentions(finder, text, expected):
    assert found(finder, text)[1] == expected


def test_repeated_subject_found_at_every_occurrence(finder):
    # a firm outside the taxonomy (长鑫科技, the first example, is a taxonomy entry since s10-mentions)
    out, _ = found(finder, "7月19日，路德环境(688156.SH)公告称，中签号码只能认购500股路德环境A股股票")
    assert [m.start for m in out["institutions"]] == [6, 37]
    assert all(m.extra.get("in_taxonomy") is False for m in out["institutions"])


@pytest.mark.parametrize("text, expected", CASES)
def test_spans_point_into_original(finder, text, expected):
    out, _ = found(finder, text)
    for kind in ("policy_tools", "sectors", "institutions", "candidates"):
        for m in out[kind]:
            assert text[m.start:m.end] == m.text


def test_nested_names_kept(finder):
    out, _ = found(finder, "设立科技创新和技术改造再贷款")
    tool = out["policy_tools"][0]
    assert {(n["kind"], n["name"]) for n in tool.extra["nested"]} == {("policy_tools", "再贷款"), ("sectors", "科技创新")}
    assert [m.name for m in out["sectors"]] == ["科技创新"]  # a sector word inside a tool name is a mention too



def test_a_second_reading_of_the_same_span_is_not_nested(finder):
    """The organisation grammar also reads 美国国会 (outside the taxonomy); the taxonomy's entry is kept and the
    grammar's reading of the same span was listed as nested in it, a name inside itself (113 archive mentions)."""
    out, _ = found(finder, "美国政府表示，美国国会将审议。")
    assert [m.name for m in out["institutions"]] == ["美国政府", "美国国会"]
    assert all("nested" not in m.extra for m in out["institutions"])

@pytest.mark.parametrize("text, tool, action", ACTIONS)
def test_actions(finder, text, tool, action):
    out, _ = found(finder, text)
    mention = next(m for m in out["policy_tools"] if m.text == tool)
    assert mention.extra.get("action") == action


@pytest.mark.parametrize("text, candidate", [
    ("人民银行创设绿色转型支持工具，额度1000亿元", "绿色转型支持工具"),
    ("同时推出民营企业股权融资支持工具", "民营企业股权融资支持工具"),
])
def test_candidates(finder, text, candidate):
    out, _ = found(finder, text)
    assert [m.name for m in out["candidates"]] == [candidate]


@pytest.mark.parametrize("text", ["下调支农支小再贷款利率", "完善货币政策工具", "建立长效机制"])
def test_no_candidates_for_known_or_generic_names(finder, text):
    assert found(finder, text)[0]["candidates"] == []


# text, at, previous → the start of the sentence around at, or of the previous-th one before it
SENTENCE_STARTS = [
    ("甲。乙！丙", 4, 0, 4),
    ("甲。乙！丙", 4, 1, 2),
    ("甲。乙！丙", 4, 2, 0),
    ("甲。乙！丙", 4, 5, 0),
    ("甲乙丙", 2, 0, 0),
    ("。" + "x" * 2000 + "\n" + "y" * 5000, 7000, 0, 2002),  # an end far back: the search goes on past 256
    ("。" + "x" * 2000 + "\n" + "y" * 5000, 7000, 1, 1),
]


@pytest.mark.parametrize("text, at, previous, expected", SENTENCE_STARTS)
def test_sentence_start(text, at, previous, expected):
    from analyzer.extract.mentions import sentence_start
    assert sentence_start(text, at, previous) == expected


def test_a_clause_with_no_break_for_long_starts_at_the_reach_not_at_the_text_start():
    """s19-review: a run of more than CLAUSE_REACH characters with no break before a name made its clause start at the
    text's first character, so a firm list's count and closing word were read over the whole text before it."""
    from analyzer.extract.mentions import CLAUSE_REACH
    from analyzer.text.sentences import clause_bounds
    text = "甲" * (CLAUSE_REACH + 100) + "。"
    at = CLAUSE_REACH + 50
    assert clause_bounds(text, at, at, window=CLAUSE_REACH) == (50, CLAUSE_REACH + 100)
    assert clause_bounds("前文。" + "乙" * 10, 5, 5, window=CLAUSE_REACH) == (3, 13)


def test_a_firm_list_clause_ends_where_every_clause_does():
    """s20-review: the firm-list clause had its own break set (no ASCII comma, no page brackets 【】); it is now
    sentences.clause_bounds, so a headline in 【】 is a clause of its own."""
    from analyzer.extract.mentions import CLAUSE_REACH
    from analyzer.text.sentences import clause_bounds
    text = "【甲集团与乙集团签署协议】1月7日"
    assert clause_bounds(text, 1, 1, window=CLAUSE_REACH) == (1, 12)
    assert clause_bounds("a,甲、乙", 2, 2, window=CLAUSE_REACH) == (2, 5)


@pytest.mark.parametrize("text, at, expected", [
    ("甲。\n乙", 3, 3),  # a line break right before, after a break: the clause starts after it, not on it
    ("甲，乙", 2, 2),
    ("甲。\n\n乙", 4, 4),
    ("甲乙", 1, 0),
])
def test_a_clause_starts_after_its_last_break_when_a_line_break_ends_the_text_before_it(text, at, expected):
    """s20-review: clause_start searched [break][^breaks]*$ in the text before ``at``, and $ also stands before a
    last \\n, so after 。\\n the clause began on the line break (found while merging mentions' own clause reader,
    which gave the position after it)."""
    from analyzer.text.sentences import clause_start
    assert clause_start(text, at, lists=False) == expected
