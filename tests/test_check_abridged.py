"""A claim's statistic named with words added or left out (analyzer.check.abridged, ``abridged_name`` in
claim_words.toml): where nothing is stored under the claim's name, the figure at its period whose name is the
claim's with words left out answers it; a plain other value leaves it unverifiable. A document written for these
tests (the recall round's dev miss was ind-690)."""
from __future__ import annotations

import pytest

from analyzer.check.abridged import _tied
from conftest import module_store, verdict_of

DOCS = [("a1", "2022-07-22", "今年4月1日至7月20日，批发零售业退税1630亿元，占全部退税的9.1%；交通运输业退税420亿元。")]

store = module_store(DOCS)


@pytest.mark.parametrize("claim, figure, verdict, slip", [
    ("4月1日至7月20日，批发零售业拿到的留抵退税约1630亿元。", "约1630亿元", "supported", None),
    ("4月1日至7月20日，批发零售业拿到的留抵退税约1.63万亿元。", "约1.63万亿元", "contradicted", "scale"),
    # another value, no slip named: the loosely tied name may be another statistic's
    ("4月1日至7月20日，批发零售业拿到的留抵退税约1900亿元。", "约1900亿元", "unverifiable", None),
])
def test_abridged_name(store, claim, figure, verdict, slip):
    found = verdict_of(store, claim, "2022-07-22", figure)
    assert (found.verdict, found.slip) == (verdict, slip), found.explanation


def test_tied_names():
    assert _tied("批发零售业拿到的留抵退税", "批发零售业退税", 4)
    assert _tied("外资净卖出规模", "外资自2021年4月以来最大的净卖出规模", 4)
    assert not _tied("新能源汽车出口量", "汽车出口量", 4)  # a word before the name narrows it
    assert not _tied("批发零售业退税", "交通运输业退税", 4)
    assert not _tied("普惠小微贷款余额", "普惠型小微企业贷款余额", 4)  # catalogued: never tied by letters
