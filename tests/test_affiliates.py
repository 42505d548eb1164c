"""A firm whose affiliate is the subject of company news (organizations.toml subject row affiliate): 喜茶关联公司…"""
from __future__ import annotations

import pytest

from analyzer.pipeline import analyze


@pytest.mark.parametrize("text, expected", [
    # the name before 关联公司, and every repetition of it (the headline's 喜茶)
    ("【喜茶涉嫌广告虚假宣传被罚45万】 国家企业信用信息公示系统显示，喜茶关联公司上海喜创于茶餐饮管理有限公司因涉嫌",
     ["喜茶", "喜茶"]),
    ("天眼查App显示，近日，SOUL关联公司上海任意门科技成立新公司", ["SOUL"]),
    # a person's affiliate is no firm's
    ("天眼查显示，马斯克关联公司成立", []),
])
def test_the_parent_of_an_affiliate_is_a_firm(text, expected):
    names = [m.text for m in analyze(text).institutions]
    assert [n for n in names if n in {"喜茶", "SOUL", "马斯克"}] == expected
