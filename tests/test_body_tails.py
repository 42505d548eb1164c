"""A body read with its place is named again by its name without the place, with the full name (organizations.py
``body_tails``): 以色列卫生部 … 卫生部, 伊朗武装部队 … 武装部队."""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


@pytest.mark.parametrize("text, expected", [
    ("以色列卫生部表示，入境以色列时只需要提供符合卫生部要求的证明。",
     [("以色列卫生部", "以色列卫生部"), ("卫生部", "以色列卫生部")]),
    ("伊朗武装部队总参谋长穆萨维表示，武装部队已做好充分准备。",
     [("伊朗武装部队", "伊朗武装部队"), ("武装部队", "伊朗武装部队")]),
    ("美国最高法院裁定……据悉，最高法院的法官们听取了辩论。",
     [("美国最高法院", "美国最高法院"), ("最高法院", "美国最高法院")]),
    # a word after it makes another word (部长, 部门); a name word before it makes another body (国家药监局)
    ("西班牙卫生部表示，卫生部长称，卫生部门将", [("西班牙卫生部", "西班牙卫生部")]),
    ("贵州省药监局发布通知，国家药监局检查中心", [("贵州省药监局", "贵州省药监局"), ("国家药监局", "国家药品监督管理局")]),
    # a taxonomy name is no body tail; the bare 财政部 of a story about the US Treasury is the US Treasury all the
    # same, by the [[foreign]] row finance_ministry of analyzer/rules/mentions.toml (real-gold/README.md: "a bare 央行 or
    # 财政部 in a foreign story takes that country's body"), not by a tail reading
    ("美国财政部称，财政部将发债", [("美国财政部", "美国财政部"), ("财政部", "美国财政部")]),
])
def test_a_body_is_named_again_without_its_place(text, expected):
    assert [(m.text, m.name) for m in analyze(text).institutions] == expected
