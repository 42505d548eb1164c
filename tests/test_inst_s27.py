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
    ("【奥园多个境外项目在谈出售】", [("奥园", "中国奥园")]),
    ("奥园美谷公告称董事辞职。", [("奥园美谷", "奥园美谷")]),  # another firm, read as the subject
    ("丰田和韩国现代的员工人数。", [("丰田", "丰田汽车"), ("韩国现代", "现代汽车")]),
    ("韩国现代重工完成交付。", []),
])
def test_named_firms_and_bodies_the_taxonomy_lacked(text, expected):
    assert _names(text) == expected


def test_the_eurogroup_is_under_the_eu():
    from analyzer.taxonomy import load_taxonomy
    assert "欧洲联盟" in load_taxonomy().ancestors("欧元集团")


@pytest.mark.parametrize("text, expected", [
    # both kinds of evidence: named firms in the list and a closing word for firms
    ("多家品牌加速布局，包括红魔、联想、华为、小米和荣耀等手机厂商。", ["红魔", "联想", "华为", "小米", "荣耀"]),
    ("保利、华侨城、招商蛇口、金茂和中国绿发等9家央国企获得支持。", ["保利", "华侨城", "招商蛇口", "金茂", "中国绿发"]),
])
def test_a_list_with_both_kinds_of_evidence_takes_common_words_for_names(text, expected):
    assert [m.text for m in analyze(text).institutions] == expected


@pytest.mark.parametrize("text", [
    "银行、保险等金融机构表示将加大支持。",  # a closing word alone takes no common word
    "联想、华为和小米的市场份额均有上升。",  # named firms alone neither (联想 stays a verb)
])
def test_one_kind_of_evidence_alone_takes_no_common_word(text):
    assert "联想" not in [m.text for m in analyze(text).institutions] and not any(
        m.text in ("银行", "保险") for m in analyze(text).institutions)
