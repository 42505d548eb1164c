"""Rules grown from real text (analyzer/extract/rules.toml): the file's shape, and one case per rule."""
import pytest

from analyzer.extract.figures import load_lexicon, load_rules
from analyzer.pipeline import analyze

RULES = load_rules()["rule"]


def test_every_rule_row_has_an_id_an_example_and_a_reason():
    ids = [row["id"] for row in RULES]
    assert len(ids) == len(set(ids))
    for row in RULES:
        assert row["example"] and row["why"] and row["words"], row["id"]


@pytest.mark.parametrize("row", RULES, ids=[row["id"] for row in RULES])
def test_rule_words_reach_their_lexicon_list(row):
    table = load_lexicon()
    for name in row["list"].split("."):
        table = table[name]
    assert set(row["words"]) <= set(table)


def _figures(text, published="2026-07-17"):
    return analyze(text, published=published).figures


# text, span, value, unit, qualifier
FOUND = [
    ("新增本土确诊病例1例", "1例", "1", "count", None),
    ("对9大类50种重要生产资料价格的监测", "9大类", "9", "count", None),
    ("对9大类50种重要生产资料价格的监测", "50种", "50", "count", None),
    ("已接种超过106.6万剂", "超过106.6万剂", "1066000", "count", "over"),
    ("退休年龄将从67岁逐步提高至70岁", "67岁", "67", "other", None),
    ("下行速率达到397Mbps", "397Mbps", "397", "other", None),
    ("上行边缘差点（<20Mbps）占比0.1%", "<20Mbps", "20", "other", "under"),
    ("上行极致体验（>300Mbps）占比72%", ">300Mbps", "300", "other", "over"),
    ("两融余额小幅上升48亿元至1.72万亿元", "48亿元", "4800000000", "CNY", None),
    ("两融余额小幅上升48亿元至1.72万亿元", "1.72万亿元", "1720000000000", "CNY", None),
    ("净利润同比将增加4.83亿元至5.78亿元", "4.83亿元至5.78亿元", "483000000", "CNY", "range"),
]


@pytest.mark.parametrize("text, span, value, unit, qualifier", FOUND, ids=[f"{c[0]}-{c[1]}" for c in FOUND])
def test_real_text_figures(text, span, value, unit, qualifier):
    found = {f.text: f for f in _figures(text)}
    assert span in found, list(found)
    figure = found[span]
    assert (str(figure.value), figure.unit, figure.qualifier) == (value, unit, qualifier)


@pytest.mark.parametrize("text, span", [("美国301条款", "301条"), ("一种新模式", "一种")])
def test_real_text_not_figures(text, span):
    assert span not in [f.text for f in _figures(text)]
