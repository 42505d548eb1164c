"""A claim's statistic named with words added or left out (``abridged_name`` in claim_words.toml): a figure the
checker found no series for is compared with the stored figures at its period, of its measure, unit and place, whose
name is the claim's with words left out inside it (制造业退税 for 制造业拿到的留抵退税) or added inside it: its
characters in their order, ``min_chars`` of them at least, with the same first two characters and the same last one (a
word before or after a name narrows it: 汽车出口 is not 新能源汽车出口量).

Such a figure that agrees supports the claim; one that shows a slip the comparison names (4.7万亿元 for 4720亿元: scale)
contradicts it. A plain difference of value does not: a name so loosely tied may be another statistic's. Statistics of
the series catalogue are never tied so (普惠小微贷款 is not 普惠型小微企业贷款).
"""
from __future__ import annotations

from dataclasses import replace

from analyzer.check import slips as sl
from analyzer.check.messages import say
from analyzer.check.reading import claim_words
from analyzer.check.rows import row_figure, series_key
from analyzer.records import Figure
from analyzer.taxonomy import load_taxonomy, place_key


def abridged_names(checker, figures: list, verdicts: list) -> list:
    """The verdicts, with unverifiable figures answered by a stored statistic of an abridged or longer name."""
    rules = claim_words()["abridged_name"]
    if not rules:
        return verdicts
    least = rules[0]["min_chars"]
    return [_answered(checker, f, v, least) if v.verdict == "unverifiable" else v for f, v in zip(figures, verdicts)]


def _answered(checker, figure: Figure, verdict, least: int):
    key = series_key(figure.metric) or ""
    if figure.period is None or len(key) < least or _catalogued(key):
        return verdict
    rows = [r for r in checker.rows_at(figure.period, figure) if _candidate(figure, key, r, least)]
    good = next((r for r in rows if sl.agrees(figure, row_figure(r))), None)
    if good is not None:
        return _verdict(checker, figure, verdict, good, None)
    slipped = [(r, slip) for r in rows if (slip := sl.comparable_slip(figure, row_figure(r)))]
    one_name = len({r["metric_key"] for r in rows}) == 1
    return _verdict(checker, figure, verdict, *slipped[0]) if slipped and one_name else verdict


def _candidate(figure: Figure, key: str, row: dict, least: int) -> bool:
    """A stored figure at the claim's period (of its measure and unit) of a tied name, its place and comparison."""
    return _tied(key, row["metric_key"] or "", least) and place_key(row.get("place")) == place_key(figure.place) \
        and sl.comparisons_agree(figure, row.get("comparison"), row.get("period_end"))


def _verdict(checker, figure: Figure, verdict, row: dict, slip: str | None):
    name = "contradicted" if slip else "supported"
    text = say(f"{name}.abridged_name", checker.lang, cite=checker.cite(row), metric=row["metric"], stored=row["text"],
               said=figure.text, slip=slip)
    return replace(verdict, verdict=name, slip=slip, explanation=text, evidence=[checker.evidence(row, figure)])


def _tied(key: str, other: str, least: int) -> bool:
    """One name is the other with words left out inside it: its characters in their order, the same start and end
    (and not a catalogued statistic)."""
    short, long = sorted((key, other), key=len)
    if len(short) < least or short == long or _catalogued(other) or short[:2] != long[:2] or short[-1] != long[-1]:
        return False  # a word before the name (新能源 of 新能源汽车出口) or after it narrows it: another statistic
    rest = iter(long)
    return all(ch in rest for ch in short)


def _catalogued(key: str) -> bool:
    return load_taxonomy().lookup(key, "metrics") is not None
