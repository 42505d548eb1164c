"""Institution precision rows of branch s18-inst: each a sentence in and the institutions (written text, name) out."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


def _institutions(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in analyze(text).institutions]


# a person's Latin name listed beside a firm is no firm (latin_given_names); a firm's Latin name in the list stays
@pytest.mark.parametrize("text, expected", [
    ("本轮由法国投资部门Bpifrance Digital Venture、Eric Schmidt、Tim Berners-Lee等参与投资。",
     [("Bpifrance Digital Venture", "Bpifrance Digital Venture")]),
    ("本轮由英伟达、Hiro Capital、Steve Witkoff参与投资。",
     [("英伟达", "英伟达"), ("Hiro Capital", "Hiro Capital")]),
])
def test_a_latin_person_listed_beside_a_firm_is_no_firm(text, expected):
    assert _institutions(text) == expected


# a bank's two-character alias whose 行 starts 行业 or 行动 (bank_alias_in_word); the alias elsewhere stays
@pytest.mark.parametrize("text, expected", [
    ("机器开始理解、推理并在真实世界中行动。", []),
    ("广泛开展绿色生活创建行动，倡导简约适度。", []),
    ("中国人形机器人行业已从PPT演示走向量产。", []),
    ("中行发布公告称，将下调存款利率。", [("中行", "中国银行")]),
])
def test_a_bank_alias_read_across_a_word_is_no_bank(text, expected):
    assert _institutions(text) == expected


# a short firm name joined by the dot of a transliterated name is part of a person's name (transliterated_person)
@pytest.mark.parametrize("text, expected", [
    ("戴尔科技创始人迈克尔·戴尔及其妻子苏珊·戴尔早在去年12月就承诺捐款。", [("戴尔科技", "戴尔")]),
    ("临床试验首席研究员吉利·雷格夫-尤凯教授表示。", []),
    ("根据美国约翰斯·霍普金斯大学的数据，", [("约翰斯·霍普金斯大学", "约翰斯·霍普金斯大学")]),
])
def test_a_name_inside_a_transliterated_name_is_no_firm(text, expected):
    assert _institutions(text) == expected


# what an analyst covers (市场, 外汇, 利率, 股票, 大宗商品, 技术) and 美国 as a region belong to the role, not to the firm
# (analyst_role); 资本市场 and 环球市场 stay in the firm's name
@pytest.mark.parametrize("text, expected", [
    ("不过，eToro市场分析师Zavier Wong对此相对淡定。", [("eToro", "eToro")]),
    # (路透 was this case's firm until s30-tools: a news agency is no institution by the spec, tests/test_inst_s30.py)
    ("盛宝技术分析师Wang Tao指出，金价可能继续上行。", [("盛宝", "盛宝")]),
    ("道明证券美国利率策略师Molly Brooks表示。", [("道明证券", "道明证券")]),
    ("周四，BMO资本市场分析师Matthew Murphy表示。", [("BMO资本市场", "BMO资本市场")]),
])
def test_the_field_an_analyst_covers_is_no_part_of_the_firm(text, expected):
    assert _institutions(text) == expected


# a verb of handing over ends a name going back (stop_words 交由 …); 经纪 after a firm suffix makes a business
# (证券经纪业务, 保险经纪领域), not a firm's name (not_before)
@pytest.mark.parametrize("text, expected", [
    ("开发工作将交由阅文集团负责。", [("阅文集团", "阅文集团")]),
    ("随着蔚来入局保险经纪领域，业界开始更加期待。", [("蔚来", "蔚来")]),
    ("并首次获得香港证券经纪业务完整牌照体系。", []),
])
def test_a_verb_or_a_business_word_is_no_part_of_a_firm(text, expected):
    assert _institutions(text) == expected


# 高通胀 and 高通量 are no Qualcomm, 多家央行 and 两家央行 no one central bank (taxonomy excludes)
@pytest.mark.parametrize("text, expected", [
    ("面对自欧元诞生以来的最高通胀，市场承压。", []),
    ("6月全球通胀冲高，且多家央行正在加息。", []),
    ("从高通量实验的设计到量产。", []),
    ("高通公司周二宣布新的芯片。", [("高通公司", "高通公司")]),
])
def test_words_that_hold_a_short_alias(text, expected):
    assert _institutions(text) == expected


# Puma's Latin names are the taxonomy's 彪马
def test_puma_by_its_latin_names():
    assert _institutions("安踏体育公告称，收购PUMA SE的29.06%股权。") == [("安踏体育", "安踏体育"), ("PUMA SE", "彪马")]


# 美国食药监局 is the FDA's short Chinese name
def test_the_fda_by_its_short_chinese_name():
    assert _institutions("【美国食药监局缩短莫德纳疫苗加强针接种间隔】") == [("美国食药监局", "美国食品药品监督管理局"),
                                                                     ("莫德纳", "Moderna")]
