"""Stated precision of a figure and the interval of values it admits (Decimal arithmetic throughout).

35万亿 is written to the 万亿: its precision is 1万亿 and it stands for anything in [34.5万亿, 35.5万亿].
A qualifier widens the interval: 超过35万亿 admits [35万亿, 35万亿 × 1.2], 不足35万亿 admits [35万亿 × 0.8, 35万亿], 近35万亿 [34万亿, 35万亿]; 约 rounds
at the last non-zero digit (约2900万 admits [2850万, 2950万]; 约2.9万亿 does not admit 2.79万亿).
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from analyzer.records import Figure

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
QUALIFIER_SLACK = Decimal("0.2")   # 超过/近: how far beyond the stated number the true value may lie
APPROX_SLACK = Decimal("0.05")     # 约/左右: at most this far off, whatever zeros the number ends in
_WORDS_FILE = Path(__file__).with_name("claim_words.toml")


@functools.cache
def _one_unit_words() -> tuple[str, ...]:
    """The words of the ``qualifier`` rows of claim_words.toml whose bound lies within one unit of the written number
    (``within = "one_unit"``: 近, 接近, 将近), longest first."""
    rows = tomllib.loads(_WORDS_FILE.read_text(encoding="utf-8"))["qualifier"]
    return tuple(sorted((w for q in rows if q.get("within") == "one_unit" for w in q["words"]), key=len, reverse=True))


def precision(figure: Figure) -> Decimal:
    """One unit of the last written digit, in the figure's base units (35万亿 → 1e12; 12.5% → 0.1)."""
    value = figure.value
    match = _DIGITS.search(figure.text.translate(_FULLWIDTH).replace(",", "").replace("，", ""))
    if match:
        written = Decimal(match.group())
        decimals = len(match.group().split(".")[1]) if "." in match.group() else 0
        if written != 0:
            scale = abs(value) / written
            if scale != 0:
                return scale * Decimal(1).scaleb(-decimals)
        return Decimal(1).scaleb(-decimals)
    if value == 0:
        return Decimal(1)
    return Decimal(1).scaleb(value.normalize().as_tuple().exponent)  # 三千亿 → 1e11


def written(figure: Figure) -> tuple[Decimal, Decimal] | None:
    """The number as written, whatever its unit word, and half a unit of its last digit (5.1万亿元 → (5.1, 0.05));
    None when it is not written in digits (三成)."""
    match = _DIGITS.search(figure.text.translate(_FULLWIDTH).replace(",", "").replace("，", ""))
    if not match:
        return None
    decimals = len(match.group().split(".")[1]) if "." in match.group() else 0
    return Decimal(match.group()), Decimal(1).scaleb(-decimals) / 2


def half(figure: Figure) -> Decimal:
    return precision(figure) / 2


def _nonzero_unit(figure: Figure) -> Decimal:
    """One unit of the last non-zero written digit (近19% → 1; 近300家 → 100; 近22万亿 → 1万亿; 近六成 → 10)."""
    unit = precision(figure)
    match = _DIGITS.search(figure.text.translate(_FULLWIDTH).replace(",", "").replace("，", ""))
    if match and "." not in match.group() and int(match.group()) != 0:
        digits = match.group()
        unit *= 10 ** (len(digits) - len(digits.rstrip("0")))
    return unit


def under_slack(figure: Figure) -> Decimal:
    """How far below a bound from above the true size may lie: 20% of it (不足, 最多), but for 近 and its kin no more
    than one unit of the last non-zero digit (近19% is 18% to 19%; tests/claims/INDEPENDENT.md)."""
    slack = abs(figure.value) * QUALIFIER_SLACK + half(figure)
    if figure.text.lstrip().startswith(_one_unit_words()):
        return min(slack, _nonzero_unit(figure))
    return slack


def approx_half(figure: Figure) -> Decimal:
    """How far 约/左右 lets the true value lie: half a unit of the last non-zero digit (约5.4万亿 is 5.35 to 5.45, so
    5.37 is not 约5.3; 约210万 is 205 to 215, 约2900万 2850 to 2950), but no more than 5% (约100% is 95 to 105)."""
    h = half(figure)
    match = _DIGITS.search(figure.text.translate(_FULLWIDTH).replace(",", "").replace("，", ""))
    if match and "." not in match.group() and int(match.group()) != 0:
        digits = match.group()
        h *= 10 ** (len(digits) - len(digits.rstrip("0")))
    return max(half(figure), min(h, abs(figure.value) * APPROX_SLACK))


@dataclass(frozen=True)
class Interval:
    low: Decimal
    high: Decimal

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def overlaps_inside(self, other: Interval) -> bool:
        """Overlap by more than a shared end: 0.3 ([0.25, 0.35]) and 0.2 ([0.15, 0.25]) only touch. A point
        interval (an exact value) still counts when it lies on the other's end."""
        if self.low == self.high or other.low == other.high:
            return self.overlaps(other)
        return self.low < other.high and other.low < self.high

    def contains(self, value: Decimal) -> bool:
        return self.low <= value <= self.high

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def scale(self, factor: Decimal) -> Interval:
        a, b = self.low * factor, self.high * factor
        return Interval(min(a, b), max(a, b))

    def divide(self, other: Interval) -> Interval | None:
        if other.low <= 0 <= other.high:
            return None
        quotients = [a / b for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(quotients), max(quotients))

    def text(self) -> str:
        return f"[{fmt(self.low)}, {fmt(self.high)}]"


def rounding_interval(figure: Figure) -> Interval:
    """The values the written number rounds from, ignoring the qualifier (for arithmetic checks)."""
    h = half(figure)
    return Interval(figure.value - h, figure.value + h)


def interval(figure: Figure) -> Interval:
    """The values the figure admits, given its precision and qualifier."""
    v, h = figure.value, half(figure)
    slack = abs(v) * QUALIFIER_SLACK
    if figure.qualifier in ("range", None) and figure.value_high is not None:  # a record may leave out "range"
        low, high = sorted((v, figure.value_high))  # 下降69%至79% is -69 to -79
        return Interval(low - h, high + h)
    # the bound is on the size: 下降超过3% (-3, over) is -3 or below, 下降近4% (-4, under) a little above -4
    if figure.qualifier == "over":
        return Interval(v, v + slack + h) if v >= 0 else Interval(v - slack - h, v)
    if figure.qualifier == "under":
        return Interval(v - under_slack(figure), v) if v >= 0 else Interval(v, v + under_slack(figure))
    if figure.qualifier == "approx":
        return Interval(v - approx_half(figure), v + approx_half(figure))
    return Interval(v - h, v + h)


def fmt(value: Decimal, places: int = 6) -> str:
    """A Decimal for people: plain notation, at most ``places`` decimals, no trailing zeros."""
    value = value.quantize(Decimal(1).scaleb(-places)) if value.as_tuple().exponent < -places else value
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_SCALES = ((Decimal("1e12"), "万亿"), (Decimal("1e8"), "亿"), (Decimal("1e4"), "万"))


def human(value: Decimal, unit: str) -> str:
    """35300000000000 CNY → 35.3万亿元; 12.5 percent → 12.5%; -0.25 percentage_point → -0.25个百分点."""
    if unit == "percent":
        return f"{fmt(value)}%"
    if unit == "percentage_point":
        return f"{fmt(value)}个百分点"
    if unit == "basis_point":
        return f"{fmt(value)}个基点"
    suffix = {"CNY": "元", "USD": "美元", "EUR": "欧元", "HKD": "港元", "JPY": "日元", "times": "倍"}.get(unit, "")
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{fmt(value / size, 4)}{word}{suffix}"
    return f"{fmt(value)}{suffix}"
