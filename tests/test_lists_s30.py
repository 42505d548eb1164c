"""A 分别 list of places (上海和北京居民人均可支配收入分别达到78027元和75002元) gives each figure its member's place
(figures.py _member_place, lists.py member_place), also where the list takes the name of a bound before it (…超过7万元，
分别达到…: lists.py members_metric) and in a run continuing the list (同比增长x、y). W14 ind-933: 北京's 75002元 was
checked as 上海's. Sentences written for these tests; each case fails on main (6ccf741) but the guard."""
import pytest

from analyzer.pipeline import analyze


@pytest.mark.parametrize("text, places", [
    ("2022年，天津和重庆居民人均可支配收入分别达到48976元和35666元。", ["天津", "重庆"]),
    ("其中，天津和重庆居民人均可支配收入超过3万元，分别达到48976元和35666元。", [None, "天津", "重庆"]),
    ("2022年，福建、江西地区生产总值分别为53110亿元、32075亿元，同比增长4.7%、4.7%。", ["福建", "江西"] * 2),
    ("2022年，上海和北京居民人均可支配收入分别达到79610元和77415元，分别增长2.0%和3.2%。", ["上海", "北京"] * 2),
])
def test_each_member_of_a_list_of_places_is_its_figure_place(text, places):
    figures = analyze(text, doc_id="t", published="2023-01-20").figures
    assert [f.place for f in figures] == places


@pytest.mark.parametrize("text, metrics", [
    # the bound before the list keeps the joint name; the list's figures take each member's
    ("其中，天津和重庆居民人均可支配收入超过3万元，分别达到48976元和35666元。",
     ["天津和重庆居民人均可支配收入", "居民人均可支配收入", "居民人均可支配收入"]),
    ("2022年城镇和农村居民人均可支配收入均超过1万元，分别达到49283元和20133元。",
     ["城镇和农村居民人均可支配收入", "城镇居民人均可支配收入", "农村居民人均可支配收入"]),
    # guard: a list of other names after a figure keeps the figure's name
    ("普惠小微贷款余额为30万亿元，较年初分别增加2万亿元和3万亿元。", ["普惠小微贷款余额"] * 3),
])
def test_a_list_after_a_bound_takes_each_members_name(text, metrics):
    figures = analyze(text, doc_id="t", published="2023-01-20").figures
    assert [f.metric for f in figures] == metrics
