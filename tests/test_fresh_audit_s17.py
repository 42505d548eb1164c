"""Institution readings from the fresh audit of branch s17-inst (seed 20261223): each a sentence in and the
institutions (written text, name) out."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


def _institutions(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in analyze(text).institutions]


# a Latin name in brackets right after a named institution names it again, under its name ([[gloss_after]])
@pytest.mark.parametrize("text, expected", [
    ("西方石油公司（Occidental Petroleum）周四股价一度重挫7.5%。",
     [("西方石油公司", "西方石油"), ("Occidental Petroleum", "西方石油")]),
    ("据美国国家公路交通安全管理局（NHTSA）6月27日披露，",
     [("美国国家公路交通安全管理局", "美国国家公路交通安全管理局"), ("NHTSA", "美国国家公路交通安全管理局")]),
    # a bare ticker after a firm, a ticker with its exchange code, a share class and a person's name are no gloss
    ("美国银行（BAC）态度发生转变。", [("美国银行", "美国银行")]),
    ("荷兰皇家壳牌(RDS.B.N)：预计第四季度上游产量下降。", [("壳牌", "壳牌")]),
    ("华能国际（A&H）涨超3%。", [("华能国际", "华能国际")]),
])
def test_a_latin_name_in_brackets_after_an_institution_names_it_again(text, expected):
    assert _institutions(text) == expected


# firms and bodies the taxonomy now holds, under their short names
@pytest.mark.parametrize("text, expected", [
    ("特朗普还称，伊朗同意停止资助黎巴嫩真主党。", [("黎巴嫩真主党", "黎巴嫩真主党")]),
    ("币安在法国设立1亿欧元计划，币安币大涨12%。", [("币安", "币安")]),
    ("同时，国家电投在内蒙古霍林河启动全球首个兆瓦级项目。", [("国家电投", "国家电力投资集团")]),
    ("AWS宣布对用于大模型训练的EC2实例涨价。", [("AWS", "亚马逊云科技")]),
    ("仲量联行的报告预计，2022年深圳写字楼租金回升。", [("仲量联行", "仲量联行")]),
])
def test_taxonomy_names_from_the_audit(text, expected):
    assert _institutions(text) == expected


# a stock code after a name at a clause start is evidence enough, even for a place and a common word (coded rows)
@pytest.mark.parametrize("text, expected", [
    ("【中国电力旗下储能项目成功并网】中国电力(02380.HK)公布，项目已成功并网。",
     [("中国电力", "中国电力"), ("中国电力", "中国电力")]),
    # a broker's rating verb opens the clause; the taxonomy's firm with its share class keeps the taxonomy's name
    ("杰富瑞：维持华润水泥(01313.HK)买入评级。", [("杰富瑞", "杰富瑞")]),
    ("京东方A (000725)7月10日晚间公告。", [("京东方", "京东方")]),
])
def test_a_name_before_a_stock_code_is_a_firm(text, expected):
    assert _institutions(text) == expected


# a Latin name moving by a bare 涨/跌 and a number in a market wrap (latin_move row)
@pytest.mark.parametrize("text, expected", [
    ("区块链概念股走强，Riot Blockchain涨4.5%，Marathon Digital涨3.2%。",
     [("Riot Blockchain", "Riot Blockchain"), ("Marathon Digital", "Marathon Digital")]),
    # the taxonomy's MiniMax with its Hong Kong share mark stays the taxonomy's; a contract is no firm
    ("港股AI概念股也走高，MINIMAX-WP涨14.24%。", [("MINIMAX", "MiniMax")]),
    ("期货方面，PVC涨2%。", []),
])
def test_a_latin_name_that_moves_in_a_market_wrap_is_a_firm(text, expected):
    assert _institutions(text) == expected


# a Chinese name glossed by a Latin firm name (a legal form or trade word at its end): both are firms (latin_gloss)
@pytest.mark.parametrize("text, expected", [
    ("公司在2019年收购了阿纳达科石油（Anadarko Petroleum），",
     [("阿纳达科石油", "阿纳达科石油"), ("Anadarko Petroleum", "Anadarko Petroleum")]),
    ("近期案例包括零食制造商龟田制果（Kameda Seika Co.）。", [("龟田制果", "龟田制果"), ("Kameda Seika Co.", "Kameda Seika Co.")]),
    # a name the grammar reads keeps its reading, and its gloss takes its name ([[gloss_after]])
    ("①荷兰银行(ABN AMRO Bank)的最新分析显示", [("荷兰银行", "荷兰银行"), ("ABN AMRO Bank", "荷兰银行")]),
    # no firm word at the end of the Latin: no reading
    ("构建全身智能（Whole-body Intelligence），为人形机器人", []),
])
def test_a_chinese_name_glossed_by_a_latin_firm_name(text, expected):
    assert _institutions(text) == expected


# a Latin name after 部门 or after a deal verb (收购, 并购, 入股) is a firm or a unit ([[latin_after]] unit_word, deal_object)
@pytest.mark.parametrize("text, expected", [
    ("西方石油的石化部门OxyChem生产并销售多种化工产品。", [("西方石油", "西方石油"), ("OxyChem", "OxyChem")]),
    ("此前，公司在2019年收购了阿纳达科石油，在2024年又收购了CrownRock。", [("CrownRock", "CrownRock")]),
    # an acronym of a technology or a title is no firm
    ("英特尔宣布计划收购FPGA大厂。", [("英特尔", "英特尔")]),
    ("应用部门 CEO Fidji Simo 已在全员会议上表示", []),
])
def test_a_latin_name_after_a_unit_word_or_a_deal_verb(text, expected):
    assert _institutions(text) == expected


# lead investors listed with 、 after 由 lead together (lead_investors_listed); 由 is the clause's, not the name's
@pytest.mark.parametrize("text, expected", [
    ("本轮融资由招商致远资本、玉柴股份、海富产业基金领投，中金资本跟投",
     [("招商致远资本", "招商致远资本"), ("玉柴股份", "玉柴股份"), ("海富产业基金", "海富产业基金"), ("中金资本", "中金资本")]),
    ("融资金额达千万美元。融资由红杉中国、经纬创投等领投。", [("红杉中国", "红杉中国"), ("经纬创投", "经纬创投")]),
])
def test_lead_investors_listed_after_you_lead_together(text, expected):
    assert _institutions(text) == expected


# data vendors quoted as sources are no institutions; a body whose name holds 与; a written short name of a taxonomy body
@pytest.mark.parametrize("text, expected", [
    ("加密货币数据追踪机构CoinGecko和CoinMarketCap仍将USDe归类为稳定币。", []),
    ("乌克兰国家安全与国防委员会将于24日下午举行会议。", [("乌克兰国家安全与国防委员会", "乌克兰国家安全与国防委员会")]),
    ("根据美国普查局发布的最新数据，", [("美国普查局", "美国人口普查局")]),
])
def test_vendors_and_names_from_the_audit(text, expected):
    assert _institutions(text) == expected


# from the third audit (seed 20261224): administrations, offices of a government, firms the taxonomy now holds
@pytest.mark.parametrize("text, expected", [
    ("特朗普政府正利用政府关门危机推进第二轮大规模联邦雇员裁减计划。", [("特朗普政府", "特朗普政府")]),
    ("据美国人事管理办公室的数据，约15.4万名联邦雇员接受了这一计划。", [("美国人事管理办公室", "美国人事管理办公室")]),
    # an office as a place of work is no body; a taxonomy body with its country keeps the taxonomy's name
    ("华尔街推动员工重返办公室。", []),
    ("中国国家互联网信息办公室发布通知。", [("国家互联网信息办公室", "国家互联网信息办公室")]),
    ("橡树资本管理公司联合创始人霍华德·马克斯表示", [("橡树资本管理公司", "橡树资本")]),
    ("根据克而瑞地产研究中心最新发布的报告，克而瑞认为", [("克而瑞地产研究中心", "克而瑞地产研究中心"),
                                                         ("克而瑞", "克而瑞地产研究中心")]),
    # 融创 inside 金融创新 is no firm
    ("但新技术或新金融创新会让人们在不了解下行风险的情况下买入。", []),
])
def test_names_from_the_third_audit(text, expected):
    assert _institutions(text) == expected


# from the fourth audit (rss, seed 20261225): bodies and firms the taxonomy now holds, and contexts that name none
@pytest.mark.parametrize("text, expected", [
    ("巴勒斯坦伊斯兰抵抗运动（哈马斯）与以色列将继续举行新一轮停火谈判。",
     [("巴勒斯坦伊斯兰抵抗运动", "哈马斯"), ("哈马斯", "哈马斯")]),
    ("根据集邦咨询（TrendForce）最新研究，", [("集邦咨询", "集邦咨询"), ("TrendForce", "集邦咨询")]),
    ("英伟达还宣布了与比亚迪、吉利等车企的新合作。", [("英伟达", "英伟达"), ("比亚迪", "比亚迪"), ("吉利", "吉利汽车")]),
    # Gilead, the English Channel, a pedestrian crossing, an MSCI index and a battery management system name no firm
    ("吉利德科学跌5%，俄影子油轮避开英吉利海峡。", [("吉利德科学", "吉利德")]),
    ("等待行人通过人行横道。", []),
    ("标普500对MSCI除美国外全球指数的比值", []),
    ("个电池Pack和BMS（电池管理系统）", []),
    ("百时美施贵宝市值约1330亿美元，BMS股价已累计上涨21%。",
     [("百时美施贵宝", "百时美施贵宝"), ("BMS", "百时美施贵宝")]),
])
def test_names_from_the_fourth_audit(text, expected):
    assert _institutions(text) == expected


def test_a_latin_gloss_after_a_trade_named_firm_the_grammar_does_not_read():
    """华星光通科技 ends with a trade word but no suffix rule reads it: its Latin gloss names it (latin_gloss)."""
    found = _institutions("中国台湾方面，华星光通科技（LuxNet Corporation）等厂商亦同步推进扩产。")
    assert ("华星光通科技", "华星光通科技") in found and ("LuxNet Corporation", "LuxNet Corporation") in found


def test_a_development_zones_administrative_committee_is_read_whole():
    """管委会 closes a body's name (commission row): 长兴岛管委会, not 长兴岛管委."""
    assert _institutions("奥克股份公告，公司近日与长兴岛管委会签署协议。") == [("奥克股份", "奥克股份"), ("长兴岛管委会", "长兴岛管委会")]


@pytest.mark.parametrize("text, expected", [
    ("据路透社消息，美国太空探索技术公司（SpaceX）表示，", [("美国太空探索技术公司", "SpaceX"), ("SpaceX", "SpaceX")]),
    ("Facebook母公司元平台（Meta）周二宣布", [("Facebook", "Meta"), ("元平台", "Meta"), ("Meta", "Meta")]),
])
def test_chinese_names_of_taxonomy_firms_written_before_their_latin_names(text, expected):
    assert _institutions(text) == expected
