"""Figure readings of branch s30-nonfig: numbers with a unit that state no quantity (idioms, process nodes) are no
figures; the same units stating a quantity stay."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


def _figures(text: str) -> list[tuple]:
    return [(f.text, str(f.value), f.unit) for f in analyze(text).figures]


# idioms holding a numeral and a unit (real_text.toml idioms-with-a-number)
@pytest.mark.parametrize("text, expected", [
    ("如何解决“最后一公里”难题，打通铁路运输“前后一公里”。", []),
    ("我们现在是两条腿走路，一条是以全栈自研为主。", []),
    ("数字人提供7×24小时全程引导服务。", []),
    ("该路段全长一公里，共设两条车道。", [("一公里", "1", "other"), ("两条", "2", "count")]),
])
def test_idioms_with_a_number_are_no_figures(text, expected):
    assert _figures(text) == expected


# N纳米 in a sentence about chip making is a process node (real_text.toml process-node-unit, process-node-words)
@pytest.mark.parametrize("text, expected", [
    ("微软推出下一代AI芯片，采用台积电3纳米制程工艺。", []),
    ("高盛指出，中芯国际正在扩大其7纳米/14纳米产能，而华虹则计划在其下一座晶圆厂中迁移至28纳米。", []),
    ("片上光波导宽度仅有数百纳米，而光纤纤芯宽度达数微米。", [("数百纳米", "100", "other")]),
])
def test_a_process_node_is_no_figure(text, expected):
    assert _figures(text) == expected


# windows, moments and validity terms in hours are durations; round-the-clock 24小时 is an idiom (real_text.toml
# duration-window-recent, duration-window-point, duration-test-validity, round-the-clock)
@pytest.mark.parametrize("text, expected", [
    ("澳大利亚新南威尔士州最近24小时新增45,098例新冠病例。", [("45,098例", "45098", "count")]),
    ("两项数据与24小时前相比，新增确诊20例。", [("20例", "20", "count")]),
    ("在首个帖子发布近12小时后，他宣布暂停服务。", []),
    ("外省来（返）雄安人员须持48小时核酸检测阴性证明。", []),
    ("不得以查验核酸48小时阴性证明作为进出小区的条件。", []),
    ("各大医院的急救通道24小时待命，开启24小时运营模式。", []),
    ("该机器人最高续航可达24小时。", [("24小时", "24", "other")]),
    ("这款耳机支持连续听歌6小时。", [("6小时", "6", "other")]),
])
def test_windows_moments_and_terms_in_hours_are_no_figures(text, expected):
    assert _figures(text) == expected


# names that hold a count and a count that refers back (real_text.toml names-with-a-count, two-counts-refer-back)
@pytest.mark.parametrize("text, expected", [
    ("违反中央八项规定精神，违规收受礼金。", []),
    ("南方两倍做多SK海力士跌30%。", [("30%", "-30", "percent")]),
    ("累计死亡病例868027例。两项数据与24小时前相比有所增加。", [("868027例", "868027", "count")]),
    ("会议审议了两项议案。", [("两项", "2", "count")]),
])
def test_names_with_a_count_are_no_figures(text, expected):
    assert _figures(text) == expected
