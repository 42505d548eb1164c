"""s30-tools, institution span boundaries by face value on the archive (names outside the taxonomy): a trailing word
of the name kept (控股集团, 局集团, 基金会, 奥委会, 交易所), a leading conjunction or holding word dropped (与, 旗下), and
data vendors, news agencies and product lines read as no institution. Sentences are made up for the test."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


def _names(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in analyze(text).institutions]


@pytest.mark.parametrize("text, expected", [
    # company: 控股集团 is one suffix
    ("三花控股集团提出收购方案。", [("三花控股集团", "三花控股集团")]),
    ("奇瑞控股集团公司发布公告。", [("奇瑞控股集团公司", "奇瑞控股集团公司")]),
    # bureau: a railway bureau's group
    ("据中国铁路郑州局集团消息，列车恢复运行。", [("中国铁路郑州局集团", "中国铁路郑州局集团")]),
    ("记者从中国铁路北京局集团公司获悉，列车恢复运行。", [("中国铁路北京局集团公司", "中国铁路北京局集团公司")]),
    # association: 基金会
    ("英国食品基金会的数据显示，生活成本上涨。", [("英国食品基金会", "英国食品基金会")]),
    # short_committee: 委会 written short, right after the place or after a name
    ("立陶宛奥委会当地时间宣布。", [("立陶宛奥委会", "立陶宛奥委会")]),
    ("丰台区万柳园社区居委会发布通知。", [("丰台区万柳园社区居委会", "丰台区万柳园社区居委会")]),
    # exchange: an exchange after its place; the taxonomy's exchange keeps its own reading
    ("当天，芝加哥期货交易所玉米合约收涨。", [("芝加哥期货交易所", "芝加哥期货交易所")]),
    ("印尼证券交易所宣布暂停交易。", [("印尼证券交易所", "印尼证券交易所")]),
    ("法国巴黎泛欧交易所宣布。", [("巴黎泛欧交易所", "泛欧交易所")]),
])
def test_trailing_word_kept(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize("text, expected", [
    # apposition_before: a conjunction between the firm word and the name
    ("上港集团与达飞集团将共同开启航运。", [("上港集团", "上港集团"), ("达飞集团", "达飞集团")]),
    # gloss firm_word: a holding word after the firm word
    ("安联集团旗下裕利安宜（EulerHermes）发布报告。",
     [("安联集团", "安联"), ("裕利安宜", "裕利安宜"), ("EulerHermes", "EulerHermes")]),
    # stop_words: an officer's portfolio verb
    ("该董事不再分管上海国泰君安证券资管。", [("上海国泰君安证券资管", "上海国泰君安证券资管")]),
])
def test_leading_word_dropped(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize("text", [
    "彭博策略师Mark Cranfield表示，市场预期升温。据彭博报道，纪要显示分歧。",
    "据Counterpoint数据，手机出货量下降。",
    "Canalys分析师表示，平板需求回暖。",
    "公司LCD业务业绩同比显著增长。",
    # fresh face-value sample: a fund kind, officers of the three services, over-the-counter drugs
    "近期中长期纯债型基金提前结束募集。",
    "200余名陆海空军官依依惜别香港。",
    "这些药品占公司OTC药品业务收入约三成。",
    "当地时间2日，CNN总裁表示辞去总裁职务。",
    "路透技术分析师Wang Tao指出，金价可能继续上行。",
])
def test_no_institution(text):
    assert _names(text) == []
