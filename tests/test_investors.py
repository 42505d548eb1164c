"""Investors of a financing round (organizations.toml, subject rows lead_investor and co_investor): the lead after
由 and before 领投, the co-investors before 跟投 at a clause start or after 老股东/及/和, with the 、-list before them."""
from __future__ import annotations

import pytest

from analyzer.extract.organizations import OrganizationFinder
from analyzer.normalize import normalize


@pytest.fixture(scope="module")
def finder():
    return OrganizationFinder()


def _read(finder, text: str, rules: set[str]) -> list[str]:
    text = normalize(text)
    return sorted(text[o.start:o.end] for o in finder(text) if o.rule in rules)


INVESTOR_RULES = {"subject_lead_investor", "subject_co_investor"}


@pytest.mark.parametrize("text, expected", [
    ("本轮融资由启航投资领投，杭州复林投资、杭州润苗基金以及老股东泰煜投资跟投，医然资本任财务顾问。", ["泰煜投资"]),
    ("本轮由国科投资领投，邦明资本、浙大创新院跟投。", ["国科投资", "浙大创新院", "邦明资本"]),
    ("本轮融资由AlbionVC领投，Plural跟投。", ["AlbionVC", "Plural"]),
    ("本轮融资由永珺星芒独家领投。", ["永珺星芒"]),
    # 元禾控股 is the 控股 suffix's reading (a list item ending in 股 is a group of shares to the list walk)
    ("元禾控股、蓝海资本、启明创投等机构跟投，华兴资本任独家财务顾问。", ["启明创投", "蓝海资本"]),
    ("老股东达晨财智、长石资本、初辉资本持续超额跟投。", ["初辉资本", "达晨财智", "长石资本"]),
    # a clause of the round is no name (由零以资本领投、新鼎资本跟投: the list stops at it)
    ("融资数千万元人民币，由零以资本领投、新鼎资本跟投。", ["新鼎资本"]),
    # a generic investor is none (产业投资方), nor words with no name of their own
    ("本轮由产业投资方领投。", []),
    ("两位基金经理将分别出资认购100万元诚意跟投。", []),
])
def test_investors_of_a_round_are_firms(finder, text, expected):
    assert _read(finder, text, INVESTOR_RULES) == expected
