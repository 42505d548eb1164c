"""Counts of kinds in a claim (analyzer/check/counts.py, ``kind_count`` rows): N种价格 read as the release's
N种产品价格, the whole a count is out of, and the clause after a count."""
from analyzer.check.claims import analyze
from analyzer.check.counts import _clause_after, wholes
from analyzer.check.reading import prepare_claim


def _figures(text: str, published: str = "2026-03-24"):
    prepared = prepare_claim(text)
    return prepared, list(analyze(prepared, published=published, doc_id="claim").figures)


def test_kinds_priced_is_read_as_a_count():
    text, figures = _figures("2026年3月中旬，监测的50种重要生产资料中有37种价格较上旬上涨，12种下降。")
    assert [f.text for f in figures] == ["50种", "37种", "12种"]
    assert wholes(text, figures) == {0}


def test_whole_after_a_comma():
    text, figures = _figures("2026年3月中旬，全国50种重要生产资料中，37种价格比上旬上涨。")
    assert wholes(text, figures) == {0}


def test_counts_in_a_list_are_no_wholes():
    text, figures = _figures("2026年6月下旬，50种重要生产资料中有13种价格上涨，34种下降。", "2026-07-04")
    assert wholes(text, figures) == {0}


def test_clause_after_stops_at_a_list_mark():
    assert _clause_after("12种产品价格上涨、34种下降", 3) == "产品价格上涨"
