"""Consistency checks within one text (no database): do the figures a text states agree with each other?

- ``growth``: a growth rate against two levels of the same metric a year apart (yoy) stated in the same paragraph;
- ``share``: a share against its part and the total stated in the same sentence;
- ``change``: 由A降至B (从A上调至B …) against a stated change (下调0.25个百分点);
- ``sum``: parts (分别为…) against a stated sum (合计/共/总计…).

Every check works in Decimal interval arithmetic: each figure stands for the values that round to it at its stated
precision (35万亿 → [34.5万亿, 35.5万亿]), and a check is ``ok`` when the stated result lies within what the other
figures allow.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from analyzer.check.messages import both
from analyzer.check.precision import Interval, fmt, half, human, interval, rounding_interval
from analyzer.check.rows import row_figure, series_key
from analyzer.pipeline import analyze
from analyzer.records import Figure, Record
from analyzer.store import FigureQuery
from analyzer.normalize import normalize
from analyzer.text.sentences import split_paragraphs, split_sentences
from analyzer.wording import Messages

HUNDRED = Decimal(100)
KINDS = ("growth", "share", "change", "sum")
RULES = Messages(Path(__file__).with_name("rules.toml"))  # the case tables of these checks


@dataclass
class ConsistencyResult:
    kind: str                      # growth | share | change | sum
    status: str                    # ok | inconsistent
    arithmetic: str                # the arithmetic, shown
    figures: list[dict] = field(default_factory=list)  # text, start, end of each figure involved
    note: str | None = None        # a diagnosis (e.g. percent written where percentage points were meant)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict:
        return {"kind": self.kind, "status": self.status, "arithmetic": self.arithmetic,
                "figures": self.figures, "note": self.note}


def _ref(figure: Figure) -> dict:
    return {"text": figure.text, "start": figure.start, "end": figure.end}


def _key(figure: Figure) -> str | None:
    return series_key(figure.metric)


def _groups(record: Record, spans: list[tuple[int, int]]) -> list[list[Figure]]:
    return [[f for f in record.figures if a <= f.start < b] for a, b in spans]


def _status(ok: bool) -> str:
    return "ok" if ok else "inconsistent"


def _total(figures: list[Figure]) -> Interval:
    """The values the figures' sum may take at their stated precisions."""
    acc = Interval(Decimal(0), Decimal(0))
    for figure in figures:
        acc = acc + rounding_interval(figure)
    return acc


def _year_before(iso: str) -> str | None:
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None
    try:
        return day.replace(year=day.year - 1).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28).isoformat()


# --- growth rate vs two levels ---------------------------------------------------------------------------------

def _yoy_rates(figures: list[Figure]) -> list[Figure]:
    """Year-on-year growth rates in percent with a metric and a period: the rates a pair of levels can check."""
    return [f for f in figures if f.measure == "growth_rate" and f.unit == "percent" and f.period and f.metric
            and f.comparison in ("yoy", None)]


def _growth_arithmetic(new: Figure, old: Figure, rate: Figure) -> tuple[bool, str] | None:
    """Whether ``rate`` lies in the growth from ``old`` to ``new`` at their precisions, and the arithmetic up to
    its range (the caller closes it); None when ``old`` admits zero."""
    ratio = rounding_interval(new).divide(rounding_interval(old))
    if ratio is None:
        return None
    implied = Interval((ratio.low - 1) * HUNDRED, (ratio.high - 1) * HUNDRED)
    exact = (new.value / old.value - 1) * HUNDRED
    ok = implied.overlaps(rounding_interval(rate))
    return ok, (f"({human(new.value, new.unit)} ÷ {human(old.value, old.unit)} − 1) × 100 = {fmt(exact, 2)}% "
                f"(range {implied.low:.2f}%–{implied.high:.2f}%")


def _levels_a_year_apart(levels: list[Figure], rate: Figure) -> tuple[Figure, Figure] | None:
    """The last level of the rate's series at its period's end, and the last a year before in the same unit."""
    key, end = _key(rate), rate.period.end
    before = _year_before(end)
    now = [f for f in levels if _key(f) == key and f.period.end == end]
    then = [f for f in levels if _key(f) == key and f.period.end == before and f.unit == (now[0].unit if now else None)]
    return (now[-1], then[-1]) if now and then else None


def check_growth(figures: list[Figure]) -> list[ConsistencyResult]:
    results = []
    levels = [f for f in figures if f.measure in ("level", "flow") and f.period and f.metric]
    for rate in _yoy_rates(figures):
        pair = _levels_a_year_apart(levels, rate)
        computed = _growth_arithmetic(*pair, rate) if pair else None
        if computed is None:
            continue
        (new, old), (ok, arithmetic) = pair, computed
        arithmetic += f" at the stated precision); stated {rate.text}"
        results.append(ConsistencyResult("growth", _status(ok), arithmetic, [_ref(old), _ref(new), _ref(rate)]))
    return results


# --- share vs part and total -----------------------------------------------------------------------------------

_OF = re.compile(r"[占佔](?:到)?([^，,。；;:：%％0-9０-９]{1,20}?)的?(?:比重|比例|份额)?(?:为|达|约|达到)?\s*$")
_SUM_WORD = re.compile(r"合计|共计|总计|加总|共同")
_AMOUNT_UNITS = ("percent", "percentage_point", "basis_point")
_NOT_A_NAME = ("比", "比重", "比例")  # 占比 / 占比重: the share names no total


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _share_parts(amounts: list[Figure], share: Figure, text: str) -> list[Figure]:
    """The part a share is of: the amount just before it, or the parts listed with 分别 when 合计 stands between."""
    last = amounts[-1]
    if not _SUM_WORD.search(text, last.end, share.start):
        return [last]
    listed = [f for f in amounts if _LIST.search(text, 0, f.start) and f.unit == last.unit]
    start = max((m.end() for m in _LIST.finditer(text, 0, last.start)), default=None)
    return [f for f in listed if start is not None and f.start >= start]


def _share_totals(share: Figure, parts: list[Figure], amounts: list[Figure], paragraph: list[Figure],
                  text: str) -> list[Figure]:
    """The totals a share may be of: amounts of the metric 占…的 names, stated earlier in the paragraph; without
    a name, larger amounts stated before 其中 in the sentence."""
    of = _OF.search(text, max(0, share.start - 30), share.start)
    name = _compact(of.group(1)) if of else ""
    if name and name not in _NOT_A_NAME:
        return _named_totals(name, parts, paragraph)
    return _totals_before_of_which(parts, amounts, text)


def _named_totals(name: str, parts: list[Figure], paragraph: list[Figure]) -> list[Figure]:
    first = parts[0]
    return [f for f in paragraph if f.measure in ("level", "flow") and f.unit == first.unit
            and f.end <= first.start and f not in parts and f.metric and name in _compact(f.metric)]


def _totals_before_of_which(parts: list[Figure], amounts: list[Figure], text: str) -> list[Figure]:
    first = parts[0]
    return [f for f in amounts if f not in parts and f.unit == first.unit and f.counter == first.counter
            and abs(f.value) >= abs(first.value) and "其中" in text[f.end:first.start]]


def _share_result(share: Figure, parts: list[Figure], total: Figure) -> ConsistencyResult | None:
    ratio = _total(parts).divide(rounding_interval(total))
    if ratio is None:
        return None
    part_value = sum((p.value for p in parts), Decimal(0))
    implied = ratio.scale(HUNDRED)
    exact = part_value / total.value * HUNDRED
    ok = implied.overlaps(interval(share))
    shown = " + ".join(human(p.value, p.unit) for p in parts)
    shown = f"({shown})" if len(parts) > 1 else shown
    arithmetic = (f"{shown} ÷ {human(total.value, total.unit)} × 100 = {fmt(exact, 2)}% "
                  f"(range {implied.low:.2f}%–{implied.high:.2f}%); stated {share.text}")
    return ConsistencyResult("share", _status(ok), arithmetic, [_ref(p) for p in parts] + [_ref(total), _ref(share)])


def check_share(figures: list[Figure], paragraph: list[Figure], text: str) -> list[ConsistencyResult]:
    """占…的X%: the part (or the sum of the parts listed with 分别…合计) over the total it names, stated earlier in
    the paragraph; 其中…占比X% without a name: the part over the larger amount stated before 其中 in the sentence."""
    results = []
    for share in (f for f in figures if f.measure == "share" and f.unit == "percent"):
        amounts = [f for f in figures if f.measure in ("level", "flow") and f.unit not in _AMOUNT_UNITS
                   and f.end <= share.start]
        parts = _share_parts(amounts, share, text) if amounts else []
        totals = _share_totals(share, parts, amounts, paragraph, text) if parts else []
        result = _share_result(share, parts, totals[-1]) if totals else None
        if result is not None:
            results.append(result)
    return results


# --- 由A降至B vs a stated change --------------------------------------------------------------------------------

_FROM = re.compile(r"[由从]\s*$")
_TO = re.compile(r"^\s*(?:下降|降低|下调|调降|回落|降|减少|上升|提高|上调|调升|升|增加|增长|扩大|提升|回升|增)?至\s*$")
_DOWN = re.compile(r"降|减|回落|下调")
_CLAUSE_BREAK = re.compile(r"[；;。！？\n]")
POINT_WORDS = {"basis_point": "个基点", "percentage_point": "个百分点"}  # how the arithmetic writes a change


def _gap(f: Figure, a: Figure, b: Figure) -> tuple[int, int] | None:
    """The text between ``f`` and the pair A…B, when ``f`` stands before A or after B."""
    if f.end <= a.start:
        return f.end, a.start
    if f.start >= b.end:
        return b.end, f.start
    return None


def _is_change(f: Figure) -> bool:
    return f.measure in ("change", "growth_rate") or f.unit in ("percentage_point", "basis_point")


def _stated_change(ordered: list[Figure], a: Figure, b: Figure, text: str) -> Figure | None:
    """The change that 由A降至B states: in the same clause (no ；between), of the same metric when both name one,
    nearest first (下调0.2个百分点，从1.7%调降至1.5% states it before; 由2%降至1.75%，下调0.25个百分点 after)."""
    found = []
    for f in ordered:
        gap = _gap(f, a, b) if f is not a and f is not b and _is_change(f) else None
        if gap is None or _CLAUSE_BREAK.search(text, *gap) or gap[1] - gap[0] > 20:
            continue
        if f.metric and a.metric and _key(f) != _key(a):
            continue
        found.append((gap[1] - gap[0], f))
    return min(found, key=lambda x: x[0])[1] if found else None


def _from_to_pairs(ordered: list[Figure], text: str) -> Iterator[tuple[Figure, Figure, str]]:
    """由A降至B: the two levels (same unit) and the words between them."""
    for i, a in enumerate(ordered[:-1]):
        if not _FROM.search(text[max(0, a.start - 3):a.start]):
            continue
        b = ordered[i + 1]
        between = text[a.end:b.start]
        if _TO.match(between) and a.unit == b.unit:
            yield a, b, between


def change_reading(change_unit: str, level_unit: str) -> str | None:
    """How a change in ``change_unit`` reads two levels in ``level_unit`` (rules.toml ``change_unit``)."""
    for row in RULES.rows("change_unit"):
        if row["levels"] not in ("any", level_unit):
            continue
        if row["change"] == change_unit or (row["change"] == "same" and change_unit == level_unit):
            return row["reading"]
    return None


def _relative_change(a: Figure, b: Figure, change: Figure, delta: Interval, exact: Decimal,
                     step: Decimal) -> ConsistencyResult | None:
    """由2%降至1.75%，下降0.25%: a relative change of −12.5%, not −0.25%; 0.25 is percentage points."""
    relative = delta.divide(Interval(a.value - step, a.value + step))
    if relative is None:
        return None
    relative = relative.scale(HUNDRED)
    exact_rel = exact / a.value * HUNDRED
    stated = interval(change)
    ok = relative.overlaps(stated) or relative.overlaps(stated.scale(Decimal(-1)))
    points = delta.overlaps(stated) or delta.overlaps(stated.scale(Decimal(-1)))
    note = both("note.percent_for_points") if not ok and points else None
    arithmetic = (f"({b.text} − {a.text}) ÷ {a.text} × 100 = {fmt(exact_rel, 2)}% relative change "
                  f"({fmt(exact, 4)} percentage points); stated {change.text}")
    return ConsistencyResult("change", _status(ok), arithmetic, [_ref(a), _ref(b), _ref(change)], note)


def _direct_change(a: Figure, b: Figure, change: Figure, delta: Interval, exact: Decimal,
                   falling: bool) -> ConsistencyResult:
    stated = interval(change)  # 0.3个百分点左右 admits a little more
    # the stated change may be unsigned when its verb (下调/降低) carries the direction
    candidates = [stated] if change.value < 0 or not falling else [stated, stated.scale(Decimal(-1))]
    ok = any(delta.overlaps(c) for c in candidates)
    direction_ok = (exact <= 0) == falling if exact != 0 else True
    note = None if direction_ok else both("note.direction")
    unit = POINT_WORDS.get(change.unit)
    shown = f"{fmt(exact, 4)}{unit}" if unit else human(exact, change.unit)
    arithmetic = f"{b.text} − {a.text} = {shown}; stated {change.text}"
    return ConsistencyResult("change", _status(ok and direction_ok), arithmetic, [_ref(a), _ref(b), _ref(change)],
                             note)


def _change_result(a: Figure, b: Figure, change: Figure, falling: bool) -> ConsistencyResult | None:
    reading = change_reading(change.unit, a.unit)
    if reading is None:
        return None
    # 由2%降至1.75%: the writer means 2.00%; both ends are read at the finer of the two precisions
    step = Decimal(0) if a.measure == b.measure == "rate" else min(half(a), half(b))  # policy rates are exact
    delta = Interval(b.value - step, b.value + step) - Interval(a.value - step, a.value + step)
    exact = b.value - a.value
    if reading == "relative":
        result = _relative_change(a, b, change, delta, exact, step)
        if result is not None:
            return result
    elif reading == "scaled":
        delta, exact = delta.scale(HUNDRED), exact * HUNDRED
    return _direct_change(a, b, change, delta, exact, falling)


def check_change(figures: list[Figure], text: str) -> list[ConsistencyResult]:
    results = []
    ordered = sorted(figures, key=lambda f: f.start)
    for a, b, between in _from_to_pairs(ordered, text):
        change = _stated_change(ordered, a, b, text)
        result = _change_result(a, b, change, bool(_DOWN.search(between))) if change is not None else None
        if result is not None:
            results.append(result)
    return results


# --- parts vs a stated sum -------------------------------------------------------------------------------------

_LIST = re.compile(r"分别(?:为|是|达|达到|增长|下降|占)?")
_SUM = re.compile(r"(?:合计|共计|总计|总额|合共|加总|总共|累计|共)(?:为|达|达到|约)?\s*$")


def _sum_result(parts: list[Figure], total: Figure) -> ConsistencyResult:
    exact = sum((p.value for p in parts), Decimal(0))
    ok = _total(parts).overlaps(rounding_interval(total))
    shown = " + ".join(human(p.value, p.unit) for p in parts)
    arithmetic = f"{shown} = {human(exact, total.unit)}; stated {total.text}"
    return ConsistencyResult("sum", _status(ok), arithmetic, [_ref(p) for p in parts] + [_ref(total)])


def check_sum(figures: list[Figure], text: str, sentence: tuple[int, int]) -> list[ConsistencyResult]:
    results = []
    a, b = sentence
    for match in _LIST.finditer(text, a, b):
        ordered = sorted((f for f in figures if f.start >= match.end()), key=lambda f: f.start)
        for j, total in enumerate(ordered):
            if j < 2 or not _SUM.search(text[max(match.end(), total.start - 6):total.start]):
                continue
            parts = [f for f in ordered[:j] if f.unit == total.unit]
            if len(parts) >= 2:
                results.append(_sum_result(parts, total))
            break
    return results


def check_record(record: Record) -> list[ConsistencyResult]:
    text = normalize(record.document.text)  # simplified, half-width; same length, so offsets carry over
    results: list[ConsistencyResult] = []
    sentences = split_sentences(text)
    for (p_start, p_end), paragraph in zip(split_paragraphs(text), _groups(record, split_paragraphs(text))):
        for sentence in (span for span in sentences if p_start <= span[0] < p_end):
            figures = [f for f in paragraph if sentence[0] <= f.start < sentence[1]]
            results += check_share(figures, paragraph, text)
            results += check_change(figures, text)
            results += check_sum(figures, text, sentence)
        results += check_growth(paragraph)
    return sorted(results, key=lambda r: (r.figures[0]["start"] if r.figures else 0))


def check_consistency(text: str | Record, published: str | None = None) -> list[ConsistencyResult]:
    """Run the pipeline on ``text`` (or take a record) and check its figures against each other."""
    if isinstance(text, Record):
        return check_record(text)
    return check_record(analyze(text, published=published))


# --- growth rate vs levels from the text or the store -----------------------------------------------------------

def _level(stated: list[Figure], rows: list[dict], day: str | None,
           unit: str | None = None) -> tuple[Figure | None, dict | None]:
    """The level at ``day``: the last stated in the text, else the first stored (cited by document id)."""
    here = [f for f in stated if f.period.end == day and (unit is None or f.unit == unit)]
    if here:
        return here[-1], _ref(here[-1])
    there = [r for r in rows if str(r["period_end"])[:10] == day and (unit is None or r["unit"] == unit)]
    if there:
        r = there[0]
        return row_figure(r), {"text": r["text"], "start": r["start"], "end": r["end"], "doc_id": r["doc_id"]}
    return None, None


def _growth_from_store(record: Record, store, rate: Figure) -> ConsistencyResult | None:
    key, end = _key(rate), rate.period.end
    stated = [f for f in record.figures if f.measure == "level" and f.period and _key(f) == key]
    rows = [r for r in store.iter_figures(FigureQuery(metric=rate.metric, measure="level")) if r["period_end"]]
    new, new_ref = _level(stated, rows, end)
    old, old_ref = _level(stated, rows, _year_before(end), new.unit) if new is not None else (None, None)
    if new is None or old is None or ("doc_id" not in new_ref and "doc_id" not in old_ref):
        return None
    computed = _growth_arithmetic(new, old, rate)
    if computed is None:
        return None
    ok, arithmetic = computed
    where = ", ".join(f"{r['text']} from {r['doc_id']}" for r in (old_ref, new_ref) if "doc_id" in r)
    arithmetic += f"); stated {rate.text} [stored: {where}]"
    return ConsistencyResult("growth", _status(ok), arithmetic, [old_ref, new_ref, _ref(rate)])


def check_growth_with_store(record: Record, store) -> list[ConsistencyResult]:
    """A year-on-year growth rate in the text against the two levels it connects, each taken from the text when
    stated there, else from the store (the stored figure is cited by document id). Growth rates already checked
    from the text alone (both levels stated) are left to ``check_record``."""
    results = [_growth_from_store(record, store, rate) for rate in _yoy_rates(record.figures)]
    return [r for r in results if r is not None]
