"""The slips a claim's number can show against stored figures, each a small test on one claim figure and one row.

Names (``SLIPS``) are the vocabulary of verdicts and claim sets:

- ``percent_vs_point``: percent for percentage points in a change (比上年同期高3.6% vs 高3.6个百分点);
- ``bp_vs_point``: basis points for percentage points or the reverse (下调25个百分点 vs 25个基点);
- ``scale``: the same digits off by a power of ten, 10 to 10^4 (亿 for 万亿; 户 for 万户 on counts; 5860亿 for
  5.86万亿);
- ``direction``: the right number with the wrong sign (下降 for 上升, 收窄 for 扩大);
- ``growth_as_level``: a growth rate quoted as a level or share; ``level_as_growth``: the reverse (also a level
  quoted as a change or a flow: 较上年末增加3.05万亿元 for 余额3.05万亿元);
- ``ytd_as_yoy``: the comparison base confused at a point inside a year: a change since the year's start (比年初,
  comparison ``ytd``) quoted as year-on-year (同比), or the reverse;
- ``wrong_period``, ``wrong_metric``: the number belongs to another period or another metric (a cumulative period's
  growth, 1—4月, quoted for its last month, 4月份, is a wrong period);
- ``value``: just a different number.
"""
from __future__ import annotations

import dataclasses
from decimal import Decimal

from analyzer.check.precision import half, interval, written
from analyzer.check.reading import claim_words
from analyzer.records import Figure, Period

SLIPS = ("percent_vs_point", "bp_vs_point", "scale", "direction", "growth_as_level", "level_as_growth",
         "ytd_as_yoy", "wrong_period", "wrong_metric", "value")
TEN_THOUSAND = Decimal(10000)
SHIFTS = tuple(Decimal(10) ** n for n in (1, 2, 3))  # a misplaced decimal point
HUNDRED = Decimal(100)
POINT_UNITS = ("percentage_point", "basis_point")
NO_SCALE_UNITS = ("percent", "percentage_point", "basis_point", "times")


def unit_factor(claim: Figure, unit: str) -> Decimal:
    """What the claim's value is multiplied by to be in ``unit`` (25个基点 = 0.25个百分点)."""
    if claim.unit == "basis_point" and unit == "percentage_point":
        return 1 / HUNDRED
    if claim.unit == "percentage_point" and unit == "basis_point":
        return HUNDRED
    return Decimal(1)


def units_comparable(claim: Figure, unit: str, counter: str | None) -> bool:
    """Same unit and counter; percentage points and basis points compare after conversion."""
    same = unit == claim.unit or {unit, claim.unit} == set(POINT_UNITS)
    return same and _counters_agree(claim, unit, counter)


def _counters_agree(claim: Figure, unit: str, counter: str | None) -> bool:
    """The same counter, or a level's optional one on one side (48489.02 and 48489.02点: ``optional_counter``)."""
    counters = {counter or None, claim.counter or None}
    return len(counters) == 1 or (unit == "other" and counters - {None} <= claim_words()["optional_counters"]) or \
        frozenset(counters) in claim_words()["same_counters"]


def agrees(claim: Figure, stored: Figure, factor: Decimal = Decimal(1)) -> bool:
    """The claim's admitted values (scaled by ``factor``) overlap the stored figure's."""
    return interval(claim).scale(factor * unit_factor(claim, stored.unit)).overlaps_inside(interval(stored))


def same_number(claim: Figure, stored: Figure) -> bool:
    """The stored value itself lies within what the claim admits (a stored 9% does not explain a claimed 9.5%)."""
    return interval(claim).scale(unit_factor(claim, stored.unit)).contains(stored.value)


def _scaled_number(claim: Figure, stored: Figure, factor: Decimal) -> bool:
    """The stored number itself, not just a bound's range, is the claim's times ``factor`` (5860亿 for 5.86万亿)."""
    return interval(claim).scale(factor).contains(stored.value)


def same_digits(claim: Figure, stored: Figure) -> bool:
    """The two numbers are the same written number, whatever their units (12.5 and 12.5, 3.6 and -3.6)."""
    return (abs(claim.value) - abs(stored.value)).copy_abs() <= max(half(claim), half(stored))


def negated(claim: Figure) -> Figure:
    high = None if claim.value_high is None else -claim.value_high
    return dataclasses.replace(claim, value=-claim.value, value_high=high)


# --- slips among comparable figures (same metric, period, measure and unit) ----------------------------------

def comparable_slip(claim: Figure, stored: Figure) -> str | None:
    """The slip that explains a disagreeing comparable figure, if one does (other than period or metric)."""
    if {claim.unit, stored.unit} == set(POINT_UNITS) and same_digits(claim, stored):
        return "bp_vs_point"
    if {claim.unit, stored.unit} <= set(POINT_UNITS) and \
            any(agrees(claim, stored, factor) for factor in (1 / HUNDRED, HUNDRED)):
        return "bp_vs_point"  # 下降14个百分点 for 0.14个百分点 (14个基点): the basis points written as points
    if (claim.measure in ("growth_rate", "change") and claim.value != 0 and agrees(negated(claim), stored)
            and (claim.value < 0) != (stored.value < 0)):
        return "direction"
    return "scale" if claim.unit not in NO_SCALE_UNITS and _scaled(claim, stored) else None


def _scaled(claim: Figure, stored: Figure) -> bool:
    """10^4 off (亿 for 万亿, 户 for 万户), or a decimal point misplaced (the stored number itself 10, 100, 1000 off)."""
    return (any(agrees(claim, stored, factor) for factor in (TEN_THOUSAND, 1 / TEN_THOUSAND))
            or any(_scaled_number(claim, stored, factor) for shift in SHIFTS for factor in (shift, 1 / shift)))


# --- slips across measures, units or comparisons at the claim's period ---------------------------------------

def comparison_class(comparison: str | None, period_end: str | None) -> str | None:
    """yoy, ytd or mom; at a year's end growth since the year's start (比年初, 比上年末) is year-on-year."""
    if comparison in (None, "mom"):
        return comparison
    if comparison == "yoy" or str(period_end or "")[5:10] == "12-31":
        return "yoy"
    return "ytd"


COMPARED_MEASURES = ("growth_rate", "change")


def comparisons_agree(claim: Figure, stored_comparison: str | None, period_end: str | None) -> bool:
    """Growth rates and changes compare only on the same base (同比 with 同比, 比年初 with 比年初)."""
    if claim.measure not in COMPARED_MEASURES:
        return True
    a = comparison_class(claim.comparison, claim.period.end if claim.period else None)
    b = comparison_class(stored_comparison, period_end)
    if claim.measure == "change" and not {claim.comparison, stored_comparison} <= {"yoy", "ytd", None}:
        return frozenset((a, b)) not in claim_words()["base_slips"]  # 比上期 and others: not told apart here
    return a is None or b is None or a == b


def same_written(claim: Figure, stored: Figure) -> bool:
    """The two figures write the same number, whatever their unit words (5.1万亿元 and 5.1%); zero never counts."""
    a, b = written(claim), written(stored)
    return a is not None and b is not None and a[0] != 0 and abs(a[0] - b[0]) <= max(a[1], b[1])


def cross_measure_slip(claim: Figure, stored: Figure, stored_period_end: str | None) -> str | None:
    """A stored figure of the claim's metric and period, of another measure, unit or comparison, that the claim's
    number matches: which slip that is."""
    if same_digits(claim, stored):
        unit = None if _other_base(claim, stored.comparison) else _unit_slip(claim, stored)
        slip = unit or _comparison_slip(claim, stored, stored_period_end)
        if slip:
            return slip
    return measure_reading_slip(claim, stored) if same_written(claim, stored) or same_amount(claim, stored) else None


def _other_base(claim: Figure, stored: str | None) -> bool:
    """The claim is year-on-year (同比, and no base of its own written: 比8月 is the month before) and the stored
    change is against the month or reading before: 同比增长0.2% is no misreading of 降幅比上月收窄0.2个百分点."""
    return claim.comparison == "yoy" and not (claim.extra or {}).get("base") and stored in ("mom", "prev")


def same_amount(claim: Figure, stored: Figure) -> bool:
    """The same amount in the same unit, however written (3.1022万亿元 and 31022亿元); zero never counts."""
    return claim.unit == stored.unit and claim.value != 0 and same_digits(claim, stored)


def _unit_slip(claim: Figure, stored: Figure) -> str | None:
    units = {claim.unit, stored.unit}
    measures = {claim.measure, stored.measure}
    if units == {"percent", "percentage_point"} and (measures <= {"change", "growth_rate"} or "change" in measures) \
            and not _points_for_a_level(claim, stored):
        return "percent_vs_point"
    if units == set(POINT_UNITS):
        return "bp_vs_point"
    return None


def _points_for_a_level(claim: Figure, stored: Figure) -> bool:
    """The claim writes a change in points, rightly for a change, and the stored figure is a level in percent
    (下调13个百分点 where the ratio is 降至13%): the level quoted as the change (``level_as_change``), not percent
    for points. A stored percentage named by a word of growth (升幅为0.5%, ``measure_tail``) is a growth rate
    whatever measure it was stored with."""
    return claim.measure == "change" and claim.unit == "percentage_point" and stored.unit == "percent" and \
        stored.measure in ("rate", "level", "share") and not (stored.metric or "").endswith(claim_words()["measure_tails"])


def _comparison_slip(claim: Figure, stored: Figure, stored_period_end: str | None) -> str | None:
    """A change since the year's start (比年初) quoted as year-on-year (同比), or the reverse; a change against the
    month before quoted against another base (``base_slip`` in claim_words.toml)."""
    if claim.measure != stored.measure or claim.measure not in COMPARED_MEASURES:
        return None
    bases = {comparison_class(claim.comparison, stored_period_end), comparison_class(stored.comparison, stored_period_end)}
    if bases == {"yoy", "ytd"}:
        return "ytd_as_yoy"
    return claim_words()["base_slips"].get(frozenset(bases)) if claim.measure == "change" else None


def measure_reading_slip(claim: Figure, stored: Figure) -> str | None:
    """The claim's number is the stored figure's read as another measure (``measure_reading`` in
    claim_words.toml): a growth rate quoted as a level, or the reverse; a row with ``named`` words only for a stored
    figure whose metric holds one (人均可支配收入 of ``flow_as_change``)."""
    if claim.measure == stored.measure:
        return None
    for claimed, stored_measures, slip, named in claim_words()["measure_readings"]:
        if claim.measure in claimed and stored.measure in stored_measures and \
                (not named or any(word in (stored.metric or "") for word in named)):
            return slip
    return None


def cumulative_of(claim: Period | None, start: str | None, end: str | None) -> bool:
    """The stored period runs from the year's start to the claim's end and is longer than the claim's
    (1-10月 against 10月; 前三季度 against 三季度): a cumulative figure that a claim quoting it for the last month or
    quarter mistook for that one's. Not at a year's end (the whole year for December is an ordinary wrong period)."""
    if claim is None or not start or not end or str(end)[5:10] == "12-31":
        return False
    return (str(end)[:10] == claim.end and str(start)[5:10] == "01-01" and str(start)[:4] == claim.end[:4]
            and claim.start > str(start)[:10] and claim.start != claim.end)


def measures_compatible(claim: Figure, measure: str | None, unit: str, loose: bool = False) -> bool:
    """The same measure; for amounts, ``other`` on either side stands for any (最高8000万元 is read as other), and
    counts (57家, 172次) compare whatever the extractor called them (level, flow or other); ``loose`` (figures found
    by context) lets any amount stand for any (拟募资1050亿元 read as a level or a flow), and a count's change for
    its stored flow (``count_change``: 比去年多80家 and 增加80家)."""
    if measure == claim.measure:
        return True
    if unit in NO_SCALE_UNITS or claim.unit in NO_SCALE_UNITS:
        return False
    amounts = ("level", "flow", "other")
    loose = loose or bool((claim.extra or {}).get("measure_unmarked"))  # unmarked_measure in claim_words.toml
    if loose or "other" in (measure, claim.measure) or unit == "count":
        return measure in amounts and claim.measure in amounts or loose and unit == "count" and \
            frozenset((measure, claim.measure)) in claim_words()["count_changes"]
    return False
