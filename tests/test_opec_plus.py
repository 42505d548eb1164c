"""OPEC+ (欧佩克+) is a body of its own, not OPEC: the taxonomy's name keeps its closing "+"."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze
from analyzer.taxonomy import load_taxonomy
from analyzer.taxonomy.entries import compact


@pytest.mark.parametrize("name, key", [
    ("OPEC+", "OPEC+"), ("欧佩克+", "欧佩克+"), ("OPEC +", "OPEC+"), ("OPEC＋", "OPEC+"),
    ("OPEC", "OPEC"),  # no plus, no plus in the key
    ("5G+工业互联网", "5G工业互联网"), ("M1+M2", "M1M2"),  # a plus inside a phrase goes as before
    ("+3.5%", "35"),
])
def test_compact_keeps_a_plus_that_closes_a_name(name, key):
    assert compact(name) == key


def test_opec_plus_and_opec_are_two_entries():
    taxonomy = load_taxonomy()
    assert taxonomy.lookup("OPEC+").name == "欧佩克+"
    assert taxonomy.lookup("欧佩克＋").name == "欧佩克+"
    assert taxonomy.lookup("OPEC").name == "石油输出国组织"
    assert taxonomy.lookup("欧佩克").name == "石油输出国组织"


@pytest.mark.parametrize("text, expected", [
    ("欧佩克+将于周三召开会议，决定5月的产量。", [("欧佩克+", "欧佩克+")]),
    ("OPEC+产油国同意每日增产41.1万桶。", [("OPEC+", "欧佩克+")]),
    ("OPEC成员国的产量减少了20万桶。", [("OPEC", "石油输出国组织")]),
    ("欧佩克+与OPEC秘书处", [("欧佩克+", "欧佩克+"), ("OPEC", "石油输出国组织")]),
])
def test_opec_plus_is_read_as_its_own_body(text, expected):
    assert [(m.text, m.name) for m in analyze(text).institutions] == expected
