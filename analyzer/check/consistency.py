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
from dataclasses import dataclass, field
from decimal import Decimal

from analyzer.check.precision import Interval, fmt, half, human, rounding_interval
from analyzer.records import Figure, Record
from analyzer.text.sentences import split_paragraphs, split_sentences

HUNDRED = Decimal(100)
KINDS = ("growth", "share", "change", "sum")


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
    from analyzer.store.rows import cached_metric_key
    return cached_metric_key(figure.metric) if figure.metric else None


def _groups(record: Record, spans: list[tuple[int, int]]) -> list[list[Figure]]:
    return [[f for f in record.figures if a <= f.start < b] for a, b in spans]


def _status(ok: bool) -> str:
    return "ok" if ok else "inconsistent"


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

def check_growth(figures: list[Figure]) -> list[ConsistencyResult]:
    results = []
    levels = [f for f in figures if f.measure in ("level", "flow") and f.period and f.metric]
    for rate in figures:
        if rate.measure != "growth_rate" or rate.unit != "percent" or not rate.period or not rate.metric:
            continue
        if rate.comparison not in ("yoy", None):
            continue
        key, end = _key(rate), rate.period.end
        before = _year_before(end)
        now = [f for f in levels if _key(f) == key and f.period.end == end]
        then = [f for f in levels if _key(f) == key and f.period.end == before and f.unit == (now[0].unit if now else None)]
        if not now or not then:
            continue
        new, old = now[-1], then[-1]
        ratio = (rounding_interval(new)).divide(rounding_interval(old))
        if ratio is None:
            continue
        implied = Interval((ratio.low - 1) * HUNDRED, (ratio.high - 1) * HUNDRED)
        exact = (new.value / old.value - 1) * HUNDRED
        ok = implied.overlaps(rounding_interval(rate))
        arithmetic = (f"({human(new.value, new.unit)} ÷ {human(old.value, old.unit)} − 1) × 100 = {fmt(exact, 2)}% "
                      f"(range {implied.low:.2f}%–{implied.high:.2f}% at the stated precision); stated {rate.text}")
        results.append(ConsistencyResult("growth", _status(ok), arithmetic, [_ref(old), _ref(new), _ref(rate)]))
    return results


# --- share vs part and total -----------------------------------------------------------------------------------

def check_share(figures: list[Figure]) -> list[ConsistencyResult]:
    results = []
    for share in figures:
        if share.measure != "share" or share.unit != "percent":
            continue
        amounts = [f for f in figures if f.measure in ("level", "flow") and f.unit not in ("percent", "percentage_point")
                   and f.start < share.start]
        parts = [f for f in amounts if share.metric and f.metric == share.metric]
        if not parts:
            continue
        part = parts[-1]
        totals = [f for f in amounts if f is not part and f.unit == part.unit and f.counter == part.counter
                  and f.metric != part.metric and abs(f.value) >= abs(part.value)]
        if not totals:
            continue
        total = totals[-1]
        ratio = rounding_interval(part).divide(rounding_interval(total))
        if ratio is None:
            continue
        implied = ratio.scale(HUNDRED)
        exact = part.value / total.value * HUNDRED
        ok = implied.overlaps(rounding_interval(share))
        arithmetic = (f"{human(part.value, part.unit)} ÷ {human(total.value, total.unit)} × 100 = {fmt(exact, 2)}% "
                      f"(range {implied.low:.2f}%–{implied.high:.2f}%); stated {share.text}")
        results.append(ConsistencyResult("share", _status(ok), arithmetic, [_ref(part), _ref(total), _ref(share)]))
    return results


# --- 由A降至B vs a stated change --------------------------------------------------------------------------------

_FROM = re.compile(r"[由从]\s*$")
_TO = re.compile(r"^\s*(?:下降|降低|下调|调降|回落|降|减少|上升|提高|上调|调升|升|增加|增长|扩大|提升|回升|增)?至\s*$")
_DOWN = re.compile(r"降|减|回落")


def check_change(figures: list[Figure], text: str) -> list[ConsistencyResult]:
    results = []
    ordered = sorted(figures, key=lambda f: f.start)
    for i, a in enumerate(ordered[:-1]):
        if not _FROM.search(text[max(0, a.start - 3):a.start]):
            continue
        b = ordered[i + 1]
        between = text[a.end:b.start]
        if not _TO.match(between) or a.unit != b.unit:
            continue
        changes = [f for f in ordered[i + 2:] if f.measure in ("change", "growth_rate")
                   or f.unit in ("percentage_point", "basis_point")]
        if not changes:
            continue
        change = changes[0]
        falling = bool(_DOWN.search(between))
        # 由2%降至1.75%: the writer means 2.00%; both ends are read at the finer of the two precisions
        step = min(half(a), half(b))
        delta = Interval(b.value - step, b.value + step) - Interval(a.value - step, a.value + step)
        exact = b.value - a.value
        stated = rounding_interval(change)
        note = None
        if change.unit == "basis_point" and a.unit == "percent":
            delta, exact = delta.scale(HUNDRED), exact * HUNDRED
        elif change.unit == "percent" and a.unit == "percent":
            # 由2%降至1.75%，下降0.25%: a relative change of −12.5%, not −0.25%; 0.25 is percentage points
            relative = delta.divide(Interval(a.value - step, a.value + step))
            if relative is not None:
                relative = relative.scale(HUNDRED)
                exact_rel = exact / a.value * HUNDRED
                ok = relative.overlaps(stated) or relative.overlaps(stated.scale(Decimal(-1)))
                if not ok and (delta.overlaps(stated) or delta.overlaps(stated.scale(Decimal(-1)))):
                    note = "percent written where percentage points are meant / 应为百分点而非百分比"
                arithmetic = (f"({b.text} − {a.text}) ÷ {a.text} × 100 = {fmt(exact_rel, 2)}% relative change "
                              f"({fmt(exact, 4)} percentage points); stated {change.text}")
                results.append(ConsistencyResult("change", _status(ok), arithmetic, [_ref(a), _ref(b), _ref(change)],
                                                 note))
                continue
        elif change.unit != a.unit and not (change.unit == "percentage_point" and a.unit == "percent"):
            continue
        # the stated change may be unsigned when its verb (下调/降低) carries the direction
        candidates = [stated] if change.value < 0 or not falling else [stated, stated.scale(Decimal(-1))]
        ok = any(delta.overlaps(c) for c in candidates)
        direction_ok = (exact <= 0) == falling if exact != 0 else True
        if not direction_ok:
            note = "the direction word contradicts the two values / 升降方向与数值不符"
        unit = {"basis_point": "个基点", "percentage_point": "个百分点"}.get(change.unit, "")
        arithmetic = f"{b.text} − {a.text} = {fmt(exact, 4)}{unit}; stated {change.text}"
        results.append(ConsistencyResult("change", _status(ok and direction_ok), arithmetic,
                                         [_ref(a), _ref(b), _ref(change)], note))
    return results


# --- parts vs a stated sum -------------------------------------------------------------------------------------

_LIST = re.compile(r"分别(?:为|是|达|达到|增长|下降|占)?")
_SUM = re.compile(r"(?:合计|共计|总计|总额|合共|加总|总共|累计|共)(?:为|达|达到|约)?\s*$")


def check_sum(figures: list[Figure], text: str, sentence: tuple[int, int]) -> list[ConsistencyResult]:
    results = []
    a, b = sentence
    for match in _LIST.finditer(text, a, b):
        ordered = sorted((f for f in figures if f.start >= match.end()), key=lambda f: f.start)
        for j, total in enumerate(ordered):
            if j < 2 or not _SUM.search(text[max(match.end(), total.start - 6):total.start]):
                continue
            parts = [f for f in ordered[:j] if f.unit == total.unit]
            if len(parts) < 2:
                break
            acc = Interval(Decimal(0), Decimal(0))
            for p in parts:
                acc = acc + rounding_interval(p)
            exact = sum((p.value for p in parts), Decimal(0))
            ok = acc.overlaps(rounding_interval(total))
            shown = " + ".join(human(p.value, p.unit) for p in parts)
            arithmetic = f"{shown} = {human(exact, total.unit)}; stated {total.text}"
            results.append(ConsistencyResult("sum", _status(ok), arithmetic, [_ref(p) for p in parts] + [_ref(total)]))
            break
    return results


def check_record(record: Record) -> list[ConsistencyResult]:
    text = record.document.text
    results: list[ConsistencyResult] = []
    for sentence, figures in zip(split_sentences(text), _groups(record, split_sentences(text))):
        results += check_share(figures)
        results += check_change(figures, text)
        results += check_sum(figures, text, sentence)
    for figures in _groups(record, split_paragraphs(text)):
        results += check_growth(figures)
    return sorted(results, key=lambda r: (r.figures[0]["start"] if r.figures else 0))


def check_consistency(text: str | Record, published: str | None = None) -> list[ConsistencyResult]:
    """Run the pipeline on ``text`` (or take a record) and check its figures against each other."""
    if isinstance(text, Record):
        return check_record(text)
    from analyzer.pipeline import analyze
    return check_record(analyze(text, published=published))
