"""Figure readings of branch s30-ages (the lead's decision of 2026-12-08, real-gold/README.md): a person's age, an age
that bounds a group and the length of one event are no figures; an age statistic or parameter and a measured time
(an average, a total, a record) stay figures."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


def _figures(text: str) -> list[tuple]:
    return [(f.text, str(f.value), f.unit) for f in analyze(text).figures]


# a person's age (real_text.toml age-of-a-person, age-before-its-holder, age-statistic-words)
@pytest.mark.parametrize("text", [
    "据悉，张某现年31岁。",
    "经比对及死者家属辨认，确认死者系高某（40岁）。",
    "病例16：女，24岁，龙岗区某公司员工。",
    "日本作家东野圭吾于当地时间23日因结肠癌去世，终年68岁。",
    "年龄最小的运动员是年仅16岁的华裔花样滑冰运动员。",
    "1月24日，37岁的重症监护护士Alex在街头遇害。",
    "非执行董事陈英杰，49岁，为阿里战略投资部董事。",
])
def test_a_persons_age_is_no_figure(text):
    assert _figures(text) == []


# an age that bounds a group (real_text.toml age-bounds-a-group, age-before-its-holder)
@pytest.mark.parametrize("text, expected", [
    ("全国60岁及以上人口达2.8亿。", [("2.8亿", "280000000", "count")]),
    ("支持幼儿园招收2至3岁幼儿。", []),
    ("美国疾控中心建议，12至17岁的青少年应该接种加强针。", []),
    ("12月份，16—24岁青年失业率为14.3%。", [("14.3%", "14.3", "percent")]),
    ("奖励当年未满40岁、在数学领域做出杰出贡献的数学家。", []),
    ("今年4月，0至9岁年龄段开户率较今年1月有所上升，按年龄组划分。", []),
])
def test_an_age_bounding_a_group_is_no_figure(text, expected):
    assert _figures(text) == expected


# an age that is the statistic or the policy parameter stays a figure, unit other (real_text.toml age-statistic-words)
@pytest.mark.parametrize("text, expected", [
    ("退休年龄将从67岁逐步提高至70岁。", [("67岁", "67", "other"), ("70岁", "70", "other")]),
    ("团队平均年龄约26岁。", [("约26岁", "26", "other")]),
    ("2025年我国人均预期寿命达78.3岁。", [("78.3岁", "78.3", "other")]),
    ("一线城市刚需客群购房平均年龄约为33.5岁，高出新一线城市1.1岁。",
     [("约为33.5岁", "33.5", "other"), ("1.1岁", "1.1", "other")]),
])
def test_an_age_statistic_stays_a_figure(text, expected):
    assert _figures(text) == expected


# the length of one event is a duration (real_text.toml event-length-before, event-length-after)
@pytest.mark.parametrize("text", [
    "这次会晤长达两个半小时，加拿大希望能就双方的贸易问题达成共识。",
    "双方通话近一小时。",
    "此次通话时长约45分钟，两国领导人就当前地区局势交换意见。",
    "经过约5.5小时的出舱活动，神舟二十号航天员圆满完成任务。",
    "按计划会谈将持续约3小时。",
    "梁文锋一场近4小时的投资人交流会录音流出。",
    "在这场时长为3个小时的直播带货中，俞敏洪亲自上阵。",
    "北仑电厂9号机组经过168小时满负荷试运行后，顺利投产。",
])
def test_the_length_of_one_event_is_no_figure(text):
    assert _figures(text) == []


# measured times (an average, a total, a measured record) stay figures (real_text.toml event-length-aggregate)
@pytest.mark.parametrize("text, expected", [
    ("进口整体通关时间为35.87小时。", [("35.87小时", "35.87", "other")]),
    ("全年累计飞行时长120万小时。", [("120万小时", "1200000", "other")]),
    ("用户月均通话时长约350分钟。", [("约350分钟", "350", "other")]),
    ("换电模式则仅需5分钟。", [("5分钟", "5", "other")]),
])
def test_a_measured_time_stays_a_figure(text, expected):
    assert _figures(text) == expected
