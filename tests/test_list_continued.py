"""s27-listnames: a run of figures continuing a 分别 list in the next clause (…分别为A、B，同比上涨x、y) takes the
names of the list's figures in order, not the last item's name for all; and benchmarks/metric_defects.py counts the
figures of one list named alike after as many items (list_same_name). Sentences written for these tests."""

import pytest

from conftest import benchmark_module

from analyzer import analyze


def metrics(text):
    return [f.metric for f in analyze(text, published="2026-07-17").figures]


def test_a_continued_list_takes_the_names_in_order():
    assert metrics("2023年，铜、铝、锌现货均价分别为68000元/吨、19000元/吨、21000元/吨，同比上涨5.5%、3.5%、2.1%。") == \
        ["铜现货均价", "铝现货均价", "锌现货均价"] * 2


def test_a_continued_difference_list_takes_the_names_in_order():
    names = metrics("其中，高技术制造业新订单指数和从业人员指数分别为56.1%和51.7%，高于上月2.9和1.1个百分点。")
    assert names[2:] == names[:2] and names[0] != names[1]


def test_a_list_of_another_count_is_not_continued():
    names = metrics("甲、乙产品产量分别为3万吨、4万吨，同比增长5%、6%、7%。")
    assert len(set(names[2:])) == 1  # three figures after two items: no place to take


def test_one_name_for_the_list_is_kept():
    names = metrics("工商银行、建设银行分别实现净利润3000亿元、2800亿元，同比增长5%、6%。")
    assert names[0] == names[1]  # the items are whose figures they are; nothing to continue by place
    assert names[2] == names[3]


@pytest.fixture(scope="module")
def md():
    return benchmark_module("metric_defects")


def _spans(text, figures, metric):
    spans = []
    for figure in figures:
        start = text.index(figure)
        spans.append({"text": figure, "start": start, "end": start + len(figure), "metric": metric(figure)})
    return spans


def test_list_same_name_flags_the_last_items_name_for_all(md):
    text = "2023年，铜、铝现货均价分别为68000元/吨、19000元/吨，同比上涨5.5%、3.5%。"
    spans = _spans(text, ["68000元/吨", "19000元/吨", "5.5%", "3.5%"],
                   lambda f: "铝现货均价" if "%" in f else ("铜现货均价" if f.startswith("68") else "铝现货均价"))
    found = [md.list_same_name(s["metric"], s, text, spans, md.sentence_span(text, s["start"], s["end"])) for s in spans]
    assert found == [False, False, True, True]


def test_list_same_name_spares_a_name_that_is_no_items(md):
    text = "工商银行、建设银行分别实现净利润3000亿元、2800亿元。"
    spans = _spans(text, ["3000亿元", "2800亿元"], lambda f: "净利润")
    assert not any(md.list_same_name("净利润", s, text, spans, md.sentence_span(text, s["start"], s["end"]))
                   for s in spans)
