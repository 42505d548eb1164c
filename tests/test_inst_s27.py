"""s27-inst, a pooled round on institutions (real-dev, the earlier institution audits and the fresh audit
real-gold/audits/s27i/A): the rows and taxonomy entries it added, each on made-up sentences of the shapes it fixes."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


def _names(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in analyze(text).institutions]


@pytest.mark.parametrize("text, expected", [
    ("欧元集团主席表示，通胀仍在上升。", [("欧元集团", "欧元集团")]),
    ("春秋航空在业绩会上表示，国际航线将逐步恢复。", [("春秋航空", "春秋航空")]),
    ("多家基金公司下调了国际医学的估值。", [("国际医学", "国际医学")]),
    ("太阳纸业表示将上调文化纸价格。", [("太阳纸业", "太阳纸业")]),
    # the firm's hospitals are no mention of the firm
    ("西安国际医学中心医院停业整顿。", []),
])
def test_named_firms_and_bodies_the_taxonomy_lacked(text, expected):
    assert _names(text) == expected


def test_the_eurogroup_is_under_the_eu():
    from analyzer.taxonomy import load_taxonomy
    assert "欧洲联盟" in load_taxonomy().ancestors("欧元集团")
