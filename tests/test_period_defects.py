"""benchmarks/period_defects.py (s27-perioddefects): periods wrong on their face, on a small fixture extract of
sentences written for these tests (no archive text), and the two period rows found with it."""
import json
from pathlib import Path

import pytest

from conftest import benchmark_module

from analyzer.pipeline import analyze

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tool():
    return benchmark_module("period_defects")


def _figure(text: str, span: str, period: tuple[str, str] | None, comparison: str | None = None) -> dict:
    start = text.index(span)
    return {"text": span, "start": start, "end": start + len(span), "comparison": comparison,
            "period": {"start": period[0], "end": period[1]} if period else None}


# doc id, published, text, span, period, comparison, the kinds expected
CASES = [
    ("ahead-1", "2026-07-23", "该公司注册资本增至约1645万元。", "约1645万元", ("2026-12-31", "2026-12-31"), None,
     ["point_ahead"]),
    ("ahead-2", "2026-01-28", "公司本季度营业利润为7000万美元。", "7000万美元", ("2026-03-01", "2026-03-31"), None,
     ["after_published"]),
    ("forecast", "2026-07-23", "公司预计注册资本增至约1645万元。", "约1645万元", ("2026-12-31", "2026-12-31"), None, []),
    ("next-day", "2026-03-10", "公司持有长龄股份6050万股。", "6050万股", ("2026-03-11", "2026-03-11"), None, []),
    ("not-an-end", "2026-07-01", "新价格为120元。", "120元", ("2026-07-05", "2026-07-05"), None, []),
    ("effective", "2026-07-01", "自8月5日起，燃油附加费调整为100元。", "100元", ("2026-08-05", "2026-08-31"), None, []),
    ("own-time", "2026-06-20", "2027年，公司营收将达50亿元。", "50亿元", ("2027-01-01", "2027-12-31"), None, []),
    ("ytd-rest", "Fri, 17 Apr 2026 08:00:00 +0800", "德龙激光年内涨超90%。", "超90%", ("2026-04-17", "2026-12-31"),
     "ytd", ["ytd_as_rest"]),
    ("ytd-right", "2026-04-17", "德龙激光年内涨超90%。", "超90%", ("2026-01-01", "2026-04-17"), "ytd", []),
    ("plan-rest", "2026-04-17", "年内将发行国债1万亿元。", "1万亿元", ("2026-04-17", "2026-12-31"), None, []),
    ("undated", None, "该公司注册资本增至约1645万元。", "约1645万元", ("2026-12-31", "2026-12-31"), None, []),
]


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_each_kind_and_what_it_leaves_alone(tool, case):
    doc, published, text, span, period, comparison, kinds = case
    figure = _figure(text, span, period, comparison)
    assert tool.defects(figure, text, tool.date(published)) == kinds


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def _fixture(tmp_path: Path, held: str, period: tuple[str, str]) -> tuple[Path, Path]:
    text = "德龙激光年内涨超90%。"
    items = [{"id": doc, "text": text, "published": "2026-04-17"} for doc in (held, "shown-1")]
    records = [{"doc": {"id": item["id"]}, "text": text, "figures": [_figure(text, "超90%", period, "ytd")]}
               for item in items]
    return _write(tmp_path / "input.jsonl", items), _write(tmp_path / f"extract-{period[0]}.jsonl", records)


def test_counts_and_examples_leave_held_out_sentences_unshown(tool, tmp_path, capsys):
    held = sorted(line.strip() for line in (ROOT / "real-gold" / "held-out-ids.txt").read_text(encoding="utf-8")
                  .splitlines() if line.strip() and not line.startswith("#"))[0]
    source, extract = _fixture(tmp_path, held, ("2026-04-17", "2026-12-31"))
    tool.main([str(extract), "--input", str(source), "--examples", "5"])
    out = capsys.readouterr().out
    assert "ytd_as_rest             2" in out and "(1 held out, not shown)" in out
    assert "shown-1" in out and held not in out and "德龙激光" in out


def test_compare_counts_changed_periods_by_document_and_span(tool, tmp_path, capsys):
    held = sorted(line.strip() for line in (ROOT / "real-gold" / "held-out-ids.txt").read_text(encoding="utf-8")
                  .splitlines() if line.strip() and not line.startswith("#"))[0]
    source, old = _fixture(tmp_path, held, ("2026-04-17", "2026-12-31"))
    _, new = _fixture(tmp_path, held, ("2026-01-01", "2026-04-17"))
    tool.main([str(new), "--input", str(source), "--compare", str(old), "--examples", "5"])
    out = capsys.readouterr().out
    assert "changed periods: 2 (1 held out, not shown)" in out
    assert "2026-04-17..2026-12-31 → 2026-01-01..2026-04-17" in out and held not in out


def _period(text: str, span: str, published: str):
    return next(f.period for f in analyze(text, published=published).figures if f.text == span)


@pytest.mark.parametrize("text,span,start", [
    ("南向资金年内净买入超1.1万亿港元。", "超1.1万亿港元", "2026-01-01"),  # what the year has done: so far
    ("监管部门年内已罚没超11亿元。", "超11亿元", "2026-01-01"),
    ("年内将发行超长期特别国债1万亿元。", "1万亿元", "2026-05-20"),  # a plan: the rest of the year
    ("预计年内累计新增贷款1万亿元。", "1万亿元", "2026-05-20"),  # a forecast keeps the rest of the year
])
def test_year_so_far_against_the_rest_of_the_year(text, span, start):
    assert _period(text, span, "2026-05-20").start == start


@pytest.mark.parametrize("text,span,point", [
    ("该公司今年发生两次增资，注册资本增至约1645万元。", "约1645万元", "2026-05-20"),  # 今年 not over: at publication
    ("本月，散户融资余额升至38.5万亿韩元。", "38.5万亿韩元", "2026-05-20"),
    ("预计今年公司注册资本将增至约1645万元。", "约1645万元", "2026-12-31"),  # a forecast keeps the year's end
    ("去年，公司注册资本增至约1645万元。", "约1645万元", "2025-12-31"),  # a span already over: its end
])
def test_a_balance_of_a_span_not_over_is_read_at_publication(text, span, point):
    period = _period(text, span, "2026-05-20")
    assert (period.start, period.end) == (point, point)


@pytest.mark.parametrize("text,span,expect", [
    ("马斯克预计2030年前将年产100万台。董事会提出的薪酬方案潜在价值约1万亿美元。", "约1万亿美元", None),
    ("瑞幸即饮产品将于6月底正式上线。首批推出的3款产品都是门店的热卖品。", "3款", None),
    ("马斯克预计2030年前将年产100万台。", "100万台", ("2030-01-01", "2030-12-31")),  # its own sentence keeps it
    ("规划提出，到2030年初步建成新型能源体系。能源综合生产能力达到58亿吨标准煤。", "58亿吨标准煤",
     ("2030-12-31", "2030-12-31")),  # a plan document's targets keep inheriting its year
])
def test_a_future_time_of_a_forecast_is_not_inherited_by_later_sentences(text, span, expect):
    period = _period(text, span, "2026-05-20")
    assert (None if period is None else (period.start, period.end)) == expect
