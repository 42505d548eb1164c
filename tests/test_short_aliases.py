"""Taxonomy names of real text (institutions.toml): a firm's short name that is an ordinary word names the firm only
after its full name (in_context: 大众 after 大众汽车; the joint ventures 上汽大众 and 一汽-大众 are other firms); 美军, FOMC, FAO."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


@pytest.mark.parametrize("text, expected", [
    ("大众汽车的裁员力度已超出外部就业市场的承接能力。一名外部猎头透露，大众曾寻求其协助。",
     [("大众汽车", "大众汽车"), ("大众", "大众汽车")]),
    ("大众汽车表示，大众中国CEO冯思翰称", [("大众汽车", "大众汽车"), ("大众", "大众汽车")]),
    ("大众消费持续回暖。", []),  # the public, with no full name before
])
def test_volkswagen_by_its_short_name_after_its_full_name(text, expected):
    assert [(m.text, m.name) for m in analyze(text).institutions] == expected


def test_the_joint_ventures_are_not_volkswagen():
    texts = [m.text for m in analyze("大众汽车获得上汽大众、一汽大众和一汽-大众的认可").institutions]
    assert texts.count("大众") == 0 and texts[0] == "大众汽车"


@pytest.mark.parametrize("text, expected", [
    ("美军对伊朗境内多处目标发动袭击。", [("美军", "美军")]),
    # its command written right after it is one name (a branch of a foreign government's body)
    ("据美军欧洲司令部消息", [("美军欧洲司令部", "美军欧洲司令部")]),
    ("驻日美军横田基地", [("美军", "美军")]),
    # 美 and 军事/军工 are no 美军
    ("中美军事交流持续，美军工企业", []),
])
def test_the_us_armed_forces(text, expected):
    assert [(m.text, m.name) for m in analyze(text).institutions] == expected


@pytest.mark.parametrize("text, expected", [
    ("通胀预测低于FOMC中值", [("FOMC", "联邦公开市场委员会")]),
    ("美联储联邦公开市场委员会宣布", [("美联储", "美国联邦储备委员会"), ("联邦公开市场委员会", "联邦公开市场委员会")]),
    ("根据联合国粮农组织的统计", [("联合国粮农组织", "联合国粮食及农业组织")]),
    ("粮农组织食品价格指数上涨", [("粮农组织", "联合国粮食及农业组织")]),
])
def test_the_fomc_and_the_fao(text, expected):
    assert [(m.text, m.name) for m in analyze(text).institutions] == expected
