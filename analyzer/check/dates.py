"""Dates that a claim or a stored figure leaves unwritten (the date rows of claim_words.toml): a month written before a
stored figure of an undated item (``written_month``), a claim dated only by its own day (``own_day_period``), and a
quarter or month written without its year (``bare_period``)."""
from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import replace

from analyzer.check.reading import claim_words
from analyzer.check.rows import normalized_sentence
from analyzer.records import Figure, Period


def written_elsewhen(period: Period | None, row: dict) -> bool:
    """The stored figure's sentence writes a month before it that ``period`` does not cover (去年11月，…CPI增长至7.8%
    for a claim of December), or a span (``written_span``: 全年, 一季度) that ends in a month ``period`` does not end
    in — the later written decides: it is no reading of the claim's period, whatever its year."""
    if period is None:
        return False
    offset = row["start"] - (row.get("sentence_start") or 0)
    before = normalized_sentence(row)[:max(0, offset)]
    month = list(claim_words()["written_month"].finditer(before))[-1:]
    pattern, span_months = claim_words()["written_span"]
    span = list(pattern.finditer(before))[-1:]
    if span and (not month or span[0].start() > month[0].start()):
        return span_months[span[0].group()] != int(period.end[5:7])
    return bool(month) and int(month[0].group("month")) not in _months(period)


def other_fiscal_period(claim_before: str, row: dict) -> bool:
    """The claim writes a fiscal period before its figure (2027财年第一季度) and the stored figure's sentence another
    one before it (2026财年Q4): no reading of the claim's period (``fiscal_period``)."""
    offset = row["start"] - (row.get("sentence_start") or 0)
    mine, theirs = _fiscal(claim_before), _fiscal(normalized_sentence(row)[:max(0, offset)])
    return mine is not None and theirs is not None and mine != theirs


_QUARTERS = {"一": "1", "二": "2", "三": "3", "四": "4"}


def _fiscal(text: str) -> tuple[str, str] | None:
    """The last fiscal period written in ``text``: its year and its quarter or half ("" for the whole year)."""
    found = list(claim_words()["fiscal_period"].finditer(text))
    if not found:
        return None
    m = found[-1]
    quarter = m.group("quarter") or m.group("q")
    part = _QUARTERS.get(quarter, quarter) if quarter else (m.group("half") or "")
    return m.group("year") or m.group("fy"), part


def _months(period: Period) -> set[int]:
    """The months of the year (1–12) that ``period`` covers, in any year."""
    start, end = dt.date.fromisoformat(period.start[:10]), dt.date.fromisoformat(period.end[:10])
    count = (end.year - start.year) * 12 + end.month - start.month
    return {(start.month - 1 + i) % 12 + 1 for i in range(min(count, 11) + 1)}


def own_day_figures(figures: list[Figure], day: str | None) -> set[int]:
    """The starts of the claim's figures dated only by the claim's own day ``day``: by a market word (日内, 收涨), or
    by the figure before them when that one is so dated (``own_day_period``)."""
    words, found, before = claim_words(), set(), False
    for figure in figures:
        rule = (figure.explain.get("period") or {}).get("rule", "")
        on_day = day is not None and figure.period is not None and figure.period.start == figure.period.end == day
        mine = on_day and (rule in words["own_day_rules"] or (before and rule in words["own_day_inherited"]))
        if mine:
            found.add(figure.start)
        before = mine
    return found


def year_ahead(claim: Figure, day: str | None) -> Figure | None:
    """A claim's quarter or month written without its year, which the extractor put in the year before: the same
    period a year on, where ``day`` (the claim's date) is not after its end (一季度…发行计划 of 2022-01-10 is 2022's)."""
    explain = claim.explain.get("period") or {}
    words = claim_words()
    if claim.period is None or not day or explain.get("rule") not in words["bare_period_rules"] or \
            not words["bare_period_words"].fullmatch(explain.get("words") or ""):
        return None
    start, end = (dt.date.fromisoformat(claim.period.start[:10]), dt.date.fromisoformat(claim.period.end[:10]))
    last = calendar.monthrange(end.year + 1, end.month)[1]
    ahead = Period(start.replace(year=start.year + 1).isoformat(), dt.date(end.year + 1, end.month, last).isoformat())
    return replace(claim, period=ahead) if start.year + 1 == int(day[:4]) and day <= ahead.end else None


def dated_by_growth(rows: list[dict]) -> list[dict]:
    """Stored amounts left undated and followed closely in their sentence by a dated growth of the same series (预计营业
    利润为89.4万亿韩元，同比增长1810.3%): of the growth's period (``undated_beside_growth``), unless the growth is
    against the period before or the sentence writes before the amount a period word of its own (今夏, 每日)."""
    dated = {}
    for row in rows:
        if row.get("period_start") and row.get("measure") in _beside("growths") and \
                row.get("comparison") not in _beside("not_comparisons"):
            dated.setdefault((row["doc_id"], row.get("sentence_start"), row.get("metric_key")), []).append(row)
    if not dated:
        return rows
    return [_growth_period(row, dated.get((row["doc_id"], row.get("sentence_start"), row.get("metric_key")), []))
            for row in rows]


@functools.cache
def _beside(key: str) -> frozenset:
    """The values of ``key`` over the ``undated_beside_growth`` rows (made once, not for every stored row)."""
    return frozenset(v for row in claim_words()["undated_beside_growth"] for v in row[key])


@functools.cache
def _most_chars() -> int:
    return max(r["max_chars"] for r in claim_words()["undated_beside_growth"])


def _growth_period(row: dict, growths: list[dict]) -> dict:
    offset = row.get("sentence_start") or 0
    sentence = row.get("sentence") or ""
    if row.get("period_start") or row.get("measure") not in _beside("measures") or \
            claim_words()["not_before_growth"].search(sentence[:max(0, row["start"] - offset)]):
        return row
    for growth in growths:
        between = sentence[row["end"] - offset:growth["start"] - offset]
        if 0 <= growth["start"] - row["end"] <= _most_chars() and not any(m in between for m in _beside("breaks")):
            return {**row, "period_start": growth["period_start"], "period_end": growth["period_end"]}
    return row
