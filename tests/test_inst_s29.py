"""s29-inst, institution recall by face value on the archive: the rows and taxonomy entries it added, each on
made-up sentences of the shapes it fixes."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


def _names(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in analyze(text).institutions]


@pytest.mark.parametrize("text, expected", [
    # a city's or a port's customs (body row customs); 中国海关 is the administration
    ("据深圳海关统计，节假日期间进出口增长。", [("深圳海关", "深圳海关")]),
    ("经昆明海关监管验放的货物列车增加。", [("昆明海关", "昆明海关")]),
    ("中国海关数据显示，出口增长。", [("中国海关", "海关总署")]),
    ("中国海关总署近日公布的数据。", [("中国海关总署", "海关总署")]),
    ("全国海关共查获走私案件。", []),
    ("该系统由美国海关与边境保护局创建。", [("美国海关与边境保护局", "美国海关与边境保护局")]),
    # a place's party committee, its departments, its CPPCC and its economy and IT commission (body row
    # place_committee)
    ("上海市委召开常委会会议。", [("上海市委", "上海市委")]),
    ("四川省委书记会见企业家。", [("四川省委", "四川省委")]),
    ("北京市委宣传部副部长表示。", [("北京市委宣传部", "北京市委宣传部")]),
    ("据上海市经信委披露，上市企业增加。", [("上海市经信委", "上海市经信委")]),
    ("上海经信委印发行动方案。", [("上海经信委", "上海经信委")]),
    ("上海市政协委员建议。", [("上海市政协", "上海市政协")]),
    ("市委市政府高度重视。", []),
])
def test_bodies_named_by_place(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("美银认为，就业韧性仍强。", [("美银", "美国银行")]),
    ("特斯拉本月将向百事交付卡车。", [("特斯拉", "特斯拉"), ("百事", "百事公司")]),
    ("百事公司首席执行官表示。", [("百事公司", "百事公司")]),
    ("就像百事可乐一样。", []),
    ("国际足联主席宣布放弃投资。", [("国际足联", "国际足联")]),
    ("国际足联世界杯半决赛开打。", []),
    ("中国同世界知识产权组织开展合作。", [("世界知识产权组织", "世界知识产权组织")]),
    ("第35届非盟峰会期间。", [("非盟", "非洲联盟")]),
    ("中方与非洲联盟委员会签署备忘录。", [("非洲联盟委员会", "非洲联盟委员会")]),
    ("北约和欧安组织将启动会谈。", [("北约", "北大西洋公约组织"), ("欧安组织", "欧洲安全与合作组织")]),
    ("中电联预计用电量增长。", [("中电联", "中国电力企业联合会")]),
    ("中国银联发布元旦支付数据。", [("中国银联", "中国银联")]),
    ("航运巨头马士基（Maersk）股价下跌。", [("马士基", "马士基"), ("Maersk", "马士基")]),
    # the federal government is the US government (real-gold decisions)
    ("美国联邦政府停摆进入第三周。", [("美国联邦政府", "美国政府")]),
    ("美国国会未能通过拨款法案，联邦政府将于周五停摆。", [("美国国会", "美国国会"), ("联邦政府", "美国政府")]),
])
def test_bodies_and_firms_the_taxonomy_lacked(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize("text, expected", [
    # 双双 says that the two moved together: it is no part of the last name
    ("此前中国海油、中国石油双双涨停。", ["中国海油", "中国石油"]),
    ("新开普午后双双涨停。", ["新开普"]),
])
def test_a_joint_move_ends_the_name(text, expected):
    assert [m.text for m in analyze(text).institutions] == expected


@pytest.mark.parametrize("text, expected", [
    # an exchange's risk warning marks a listed firm (listed_prefixes)
    ("*ST猛狮(002684)1月11日收到深交所关注函。", [("*ST猛狮", "*ST猛狮"), ("深交所", "深圳证券交易所")]),
    ("*ST元道公告，公司股票将被终止上市。", [("*ST元道", "*ST元道")]),
    ("此外，*ST德新股价已逼近发行价。", []),  # no subject row's words after it: left as before
    ("还有一部分*ST公司在审计过程中暴露问题。", []),
    # a listed firm answering on the investors' platform (subject row investor_platform)
    ("欧科亿在互动平台表示，鉴于公司原材料价格上涨。", [("欧科亿", "欧科亿")]),
    ("振东制药1月12日在互动平台表示，产品供不应求。", [("振东制药", "振东制药")]),
    ("英集芯前述1月6日在互动平台的回复不实。", [("英集芯", "英集芯")]),
    ("有投资者在互动平台提问。", []),
    # Japan's ministries
    ("日本经济产业省希望提高天然气自给率。", [("日本经济产业省", "日本经济产业省")]),
    ("据厚生劳动省统计，新增病例增加。", [("厚生劳动省", "日本厚生劳动省")]),
])
def test_listed_firms_and_ministries_by_their_marks(text, expected):
    assert _names(text) == expected


def test_a_short_name_declared_in_quotes_after_a_firm_takes_the_full_name():
    text = "公司拟设立浙江宋都锂业有限公司(“宋都锂业”)，宋都锂业将从事锂业。"
    assert _names(text) == [("浙江宋都锂业有限公司", "浙江宋都锂业有限公司"), ("宋都锂业", "浙江宋都锂业有限公司"),
                            ("宋都锂业", "浙江宋都锂业有限公司")]
    assert _names("国务院（“十四五”）规划。") == [("国务院", "国务院")]  # after a firm only
