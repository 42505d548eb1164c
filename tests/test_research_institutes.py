"""A research institute written right after its national body or academy is one name with it (organizations.toml
sub_body_of "research", sub_body_suffixes 研究所/研究院/研究中心/研发中心)."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


@pytest.mark.parametrize("text, expected", [
    ("VV116由中国科学院上海药物研究所、中国科学院新疆理化技术研究所、中国科学院中亚药物研发中心共同研发。",
     ["中国科学院上海药物研究所", "中国科学院新疆理化技术研究所", "中国科学院中亚药物研发中心"]),
    ("中国人民银行金融研究所所长周诚君表示", ["中国人民银行金融研究所"]),
    ("商务部国际贸易经济合作研究院副院长张威：", ["商务部国际贸易经济合作研究院"]),
    ("清华大学国家金融研究院院长表示", ["清华大学国家金融研究院"]),
    # the academy alone, and an academy member, stay the academy
    ("中国科学院院士张三表示", ["中国科学院"]),
])
def test_an_institute_after_its_academy_is_one_name(text, expected):
    institutions = analyze(text).institutions
    assert [m.text for m in institutions] == expected
    assert all(m.name == m.text for m in institutions if m.text != "中国科学院")
