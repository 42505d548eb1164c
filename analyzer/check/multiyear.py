"""Growth over a stated base (2024年末…比2019年末增长1.8倍, 五年翻番): checked against the two stored levels.

A claim's growth rate whose base period is written in the claim (比/较/与…相比 + a time) and is not the year
before is no year-on-year rate: the checker computes the growth from the stored levels of the series at both dates
(at the written precision of each, as the consistency checks do) and compares the claim with it. 翻番 and its kin
are read as growth rates by ``rewrite`` before the claim is analyzed (claim_words.toml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from analyzer.check.precision import Interval, fmt, human, rounding_interval
from analyzer.extract.periods import COMPARISON_BASE, PeriodResolver, time_matches
from analyzer.records import Figure, Period

HUNDRED = Decimal(100)
GROWTH_WORDS = re.compile(r"增速|增长率|增幅|涨幅|降幅")
# 五年间, 近5年来, 过去十年: a span of years ending at the claim's date, which is the growth's base
YEARS_SPAN = re.compile(r"(?:近|过去|这|最近)?([一二两三四五六七八九十\d]{1,3})年(?:间|来|里|以来|中)$")
_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def rewrite(text: str, rewrites: list[tuple[str, str]]) -> str:
    """The claim with 翻番-style words written as growth rates (翻了一番多 → 增长超过100%)."""
    for words, growth in rewrites:
        text = text.replace(words, growth)
    return text


def stated_base(text: str, figure: Figure, published: str | None) -> Period | None:
    """The period the claim compares with (比2019年末, 与2019年末相比), written before the figure."""
    base = None
    for match in time_matches(text[:figure.start]):
        before = text[max(0, match.start() - 3):match.start()]
        after = text[match.end():match.end() + 2]
        if COMPARISON_BASE.search(before) or after.startswith("相比"):
            spans = PeriodResolver(published).find(match.group())
            base = spans[-1].period if spans else base
    return base


def span_base(metric: str | None, period: Period | None) -> tuple[str, Period] | None:
    """普惠小微贷款余额五年间 (2024年末) → (普惠小微贷款余额, 2019-12-31): a span of years the metric phrase ends with."""
    match = YEARS_SPAN.search(metric or "")
    if match is None or period is None or match.start() < 2:
        return None
    digits = match.group(1)
    years = int(digits) if digits.isdigit() else (10 + _CHINESE_DIGITS.get(digits[-1], 0) if digits.startswith("十")
                                                  and len(digits) > 1 else _CHINESE_DIGITS.get(digits, 0))
    if not years:
        return None
    day = f"{int(period.end[:4]) - years}{period.end[4:]}"
    return metric[:match.start()], Period(day, day)


def year_before(day: str) -> str:
    return f"{int(day[:4]) - 1}{day[4:]}"


def needs_levels(claim: Figure) -> bool:
    """A growth rate over a written base more than a year before the claim's date (比2019年末), of a level (not a
    增速 that rose or fell): within a year the stored yoy, ytd and month-on-month rates answer."""
    base = (claim.extra or {}).get("base")
    return (claim.measure == "growth_rate" and claim.unit == "percent" and claim.period is not None
            and base is not None and base["end"] < year_before(claim.period.end)
            and not GROWTH_WORDS.search(claim.metric or ""))


@dataclass
class LevelGrowth:
    """The growth between two stored levels, with the rounding range and the two rows it came from."""
    implied: Interval
    exact: Decimal
    old: dict
    new: dict

    def arithmetic(self, row_figure) -> str:
        new, old = row_figure(self.new), row_figure(self.old)
        return (f"({human(new.value, new.unit)} ÷ {human(old.value, old.unit)} − 1) × 100 = {fmt(self.exact, 1)}%")


def level_growth(rows: list[dict], claim: Figure, row_figure) -> LevelGrowth | None:
    """The growth of the series' level from the claim's base to its period, from stored rows."""
    base = claim.extra["base"]["end"]
    levels = [r for r in rows if r["measure"] == "level" and r.get("period_end")]
    new = [r for r in levels if str(r["period_end"])[:10] == claim.period.end]
    old = [r for r in levels if str(r["period_end"])[:10] == base and any(n["unit"] == r["unit"] for n in new)]
    if not new or not old:
        return None
    old_row = old[0]
    new_row = next(n for n in new if n["unit"] == old_row["unit"])
    ratio = rounding_interval(row_figure(new_row)).divide(rounding_interval(row_figure(old_row)))
    if ratio is None:
        return None
    exact = (row_figure(new_row).value / row_figure(old_row).value - 1) * HUNDRED
    implied = Interval((ratio.low - 1) * HUNDRED, (ratio.high - 1) * HUNDRED)
    return LevelGrowth(implied, exact, old_row, new_row)
