"""benchmarks/measure_defects.py (s27-measure): measures and comparisons wrong on their face, on records written for
these tests (not archive text), and the list rule that its list_mixed kind led to."""
import json

import pytest

from conftest import benchmark_module

from analyzer.pipeline import analyze


def _load():
    return benchmark_module("measure_defects")


md = _load()


METRICS = {"21%": "企业订阅占比"}
PERIODS = {"5.6%": "2021", "28.8%": "2021"}


def _figure(text, span, measure, comparison=None, unit="percent", counter=None):
    start = text.index(span)
    return {"text": span, "start": start, "end": start + len(span), "measure": measure, "comparison": comparison,
            "unit": unit, "counter": counter, "metric": METRICS.get(span),
            "period": {"start": f"{PERIODS[span]}-01-01", "end": f"{PERIODS[span]}-12-31"} if span in PERIODS else None}


# text, figure, the kinds it has
CASES = [
    ("工业增加值同比增长5.1%。", ("5.1%", "growth_rate", None), ["cue_unread"]),
    ("工业增加值同比增长5.1%。", ("5.1%", "growth_rate", "yoy"), []),
    ("工业增加值同比增长5.1%。", ("5.1%", "growth_rate", "mom"), ["cue_contradicted"]),
    ("贷款增速同比高于存款增速2个百分点。", ("2个百分点", "change", None, "percentage_point"), []),  # another base
    ("出口同比增长5%，进口增长3%。", ("3%", "growth_rate", "yoy"), ["cue_of_other"]),
    ("进口增长3%。", ("3%", "growth_rate", "yoy"), []),  # no cue at all: the default, not another figure's
    ("营业收入增长12%。", ("12%", "change", None), ["growth_word_change"]),
    ("2021年原煤产量比2019年增长5.6%。", ("5.6%", "growth_rate", "yoy"), ["base_year_yoy"]),
    ("2021年猪肉产量比2020年增长28.8%。", ("28.8%", "growth_rate", "yoy"), []),
    ("美债收益率盘前一度涨至1.548%。", ("1.548%", "growth_rate", "yoy"), ["market_yoy"]),
    ("美债收益率盘前一度涨至1.548%。", ("1.548%", "rate", None), []),
    ("不良率上升0.2个百分点。", ("0.2个百分点", "level", None, "percentage_point"), ["level_of_points"]),
    ("两者利差扩大，报61.5个基点。", ("61.5个基点", "rate", None, "basis_point"), []),  # a spread's level
    ("利率为3.5%。", ("3.5%", "share", None), ["share_without_cue"]),
    ("小微企业贷款占比为23%。", ("23%", "share", None), []),
    ("企业订阅占比下降至21%。", ("21%", "rate", None), ["share_metric_rate"]),
    ("获贷企业达1200家。", ("1200家", "rate", None, "count", "家"), ["rate_of_count"]),
]


@pytest.mark.parametrize("text,figure,kinds", CASES, ids=[f"{c[0]}:{c[1][0]}:{c[1][1]}" for c in CASES])
def test_defect_kinds(text, figure, kinds):
    span, measure, comparison, *rest = figure
    f = _figure(text, span, measure, comparison, *rest)
    others = [_figure("出口同比增长5%，进口增长3%。", "5%", "growth_rate", "yoy")] if "出口" in text else []
    assert md.defects(f, text, others + [f]) == kinds


def test_a_list_with_two_measures_is_mixed_and_one_measure_is_not():
    text = "产销同比分别增长1.2倍和1.1倍。"
    mixed = [_figure(text, "1.2倍", "growth_rate", "yoy", "times"), _figure(text, "1.1倍", "rate", None, "times")]
    assert md.mixed_lists(text, mixed) == mixed
    same = [dict(f, measure="growth_rate") for f in mixed]
    assert md.mixed_lists(text, same) == []


def _write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def test_counts_compare_and_held_out_sentences_never_printed(tmp_path, capsys):
    open_text, held_text = "工业增加值同比增长5.1%。", "社会消费品零售总额同比增长4.4%。"
    old = [{"doc": {"id": "open-1"}, "text": open_text, "figures": [_figure(open_text, "5.1%", "growth_rate", None)]},
           {"doc": {"id": "held-1"}, "text": held_text, "figures": [_figure(held_text, "4.4%", "growth_rate", None)]}]
    new = [dict(r, figures=[dict(f, comparison="yoy") for f in r["figures"]]) for r in old]
    _write(tmp_path / "old.jsonl", old)
    _write(tmp_path / "new.jsonl", new)
    (tmp_path / "skip.txt").write_text("# held out\nheld-1\n", encoding="utf-8")
    md.main([str(tmp_path / "old.jsonl"), "--examples", "5", "--skip-ids", str(tmp_path / "skip.txt")])
    out = capsys.readouterr().out
    assert "cue_unread                2" in out and "(1 held out, not shown)" in out
    assert "工业增加值" in out and "社会消费品" not in out
    md.main([str(tmp_path / "new.jsonl"), "--compare", str(tmp_path / "old.jsonl"), "--examples", "5",
             "--skip-ids", str(tmp_path / "skip.txt")])
    out = capsys.readouterr().out
    assert "changed measure/comparison: 2 (1 held out, not shown)" in out
    assert "growth_rate/None → growth_rate/yoy: 2" in out
    assert "工业增加值" in out and "社会消费品" not in out


# the rule list_mixed led to (real_text.toml list-member-measure): text, span, measure
LISTS = [
    ("新能源汽车产销分别完成51.8万辆和53.1万辆，同比分别增长1.2倍和1.1倍。", "1.1倍", "growth_rate"),
    ("预计国内汽、柴油价格每吨分别下调950和915元。", "915元", "change"),
    ("公司客户数量与托管客户资产分别实现10.38%和12.52%的同比增长。", "12.52%", "growth_rate"),  # its own words decide
]


@pytest.mark.parametrize("text,span,measure", LISTS, ids=[s for _, s, _ in LISTS])
def test_a_list_member_takes_the_measure_of_the_one_before(text, span, measure):
    figure = next(f for f in analyze(text, published="2026-07-17").figures if f.text == span)
    assert figure.measure == measure
