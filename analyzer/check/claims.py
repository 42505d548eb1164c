"""Verdicts for the figures of a claim against the figures in the store.

For each figure the pipeline finds in the claim, stored figures with the same metric key, period, measure and unit
are compared with it at the claim's stated precision and qualifier:

- ``supported``: a stored figure agrees (35万亿 rounds 35.3万亿; 超过35万亿 is satisfied by 35.3万亿);
- ``contradicted``: stored figures for that metric and period disagree, with the slip named where one explains it:
  ``percent_vs_point`` (percent for percentage points), ``scale`` (亿 for 万亿: off by 10^4), ``growth_as_level``
  (a growth rate quoted as a level), ``wrong_period`` (the number belongs to another period), ``wrong_metric`` (the
  number belongs to another metric, e.g. 普惠型小微企业贷款 vs 普惠小微贷款), or ``value`` (just a different number);
- ``unverifiable``: nothing comparable stored; the nearest periods and metrics that are stored are listed.

Every verdict cites its evidence (document, source, title, date, sentence, offsets, stored value) and explains itself in
one line of Chinese (``lang="zh"``) or English (``lang="en"``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from analyzer.check.precision import fmt, half, human, interval
from analyzer.records import Figure, Period, Record

VERDICTS = ("supported", "contradicted", "unverifiable")
SLIPS = ("percent_vs_point", "scale", "growth_as_level", "wrong_period", "wrong_metric", "value")
TEN_THOUSAND = Decimal(10000)
MIN_OVERLAP = 0.6  # share of characters two metric keys must share to count as "similar"


@dataclass
class Evidence:
    doc_id: str
    source: str | None
    title: str | None
    published: str | None
    sentence: str | None
    start: int
    end: int
    text: str
    value: str
    unit: str
    measure: str
    metric: str | None
    period: dict | None
    agrees: bool | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Verdict:
    figure: dict                    # the claim's figure: text, start, end, value, unit, measure, metric, key, period
    verdict: str                    # supported | contradicted | unverifiable
    explanation: str
    slip: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    sources_disagree: bool = False
    nearest_periods: list[dict] = field(default_factory=list)
    nearest_metrics: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"figure": self.figure, "verdict": self.verdict, "slip": self.slip, "explanation": self.explanation,
                "sources_disagree": self.sources_disagree, "evidence": [e.to_dict() for e in self.evidence],
                "nearest_periods": self.nearest_periods, "nearest_metrics": self.nearest_metrics}


# --- helpers ---------------------------------------------------------------------------------------------------

def _key(metric: str | None) -> str | None:
    from analyzer.store.rows import cached_metric_key
    return cached_metric_key(metric) if metric else None


def row_figure(row: dict) -> Figure:
    period = Period(row["period_start"], row["period_end"]) if row.get("period_end") else None
    high = row.get("value_high")
    return Figure(text=row["text"], start=row["start"], end=row["end"], value=Decimal(str(row["value"])),
                  unit=row["unit"], value_high=Decimal(str(high)) if high is not None else None,
                  qualifier=row.get("qualifier"), measure=row.get("measure") or "other",
                  comparison=row.get("comparison"), metric=row.get("metric"), period=period,
                  counter=row.get("counter"))


def agrees(claim: Figure, stored: Figure, factor: Decimal = Decimal(1)) -> bool:
    """The claim's admitted values overlap the stored figure's (after scaling the claim by ``factor``)."""
    a = interval(claim)
    b = interval(stored)
    return a.scale(factor).overlaps(b)


def same_number(claim: Figure, stored: Figure) -> bool:
    """Stricter than ``agrees``, for naming a slip: the stored value itself lies within what the claim admits
    (so a stored 9% does not explain a claimed 9.5%)."""
    return interval(claim).contains(stored.value)


def same_period(claim: Period | None, start: str | None, end: str | None, published=None) -> bool:
    """Same inclusive dates; a stored figure without a period counts for the period its document's date falls in
    (降准0.5个百分点 in a story of 2025-05-07 is the May 2025 cut)."""
    if claim is None:
        return False
    if not end:
        day = str(published or "")[:10]
        return bool(day) and claim.start <= day <= claim.end and claim.start != claim.end
    return claim.start == (start or "")[:10] and claim.end == (end or "")[:10]


POINT_MEASURES = ("level", "rate", "share", "growth_rate")


def _at(claim: Period | None, row: dict) -> bool:
    """The row is for the claim's period. Levels, rates, shares and growth rates are readings at a date, so a
    point claim (2024年末) matches a stored reading that ends on that date even if its text gave a range (2024年)."""
    if same_period(claim, row.get("period_start"), row.get("period_end"), row.get("published")):
        return True
    if claim is None or not row.get("period_end") or row.get("measure") not in POINT_MEASURES:
        return False
    point = claim.start == claim.end or row["period_start"] == row["period_end"]
    return point and claim.end == str(row["period_end"])[:10]


METRIC_SUFFIXES = ("同比增速", "同比增长率", "增速", "增长率", "增幅", "同比增长",
                   "新增", "新")  # 人民币贷款新增 is read as metric 人民币贷款新 by the extractor


def metric_variants(metric: str) -> list[str]:
    """The metric as written, and without a trailing 增速/增长率 (余额增速 12.5% is the growth rate of 余额)."""
    out = [metric]
    for suffix in METRIC_SUFFIXES:
        if metric.endswith(suffix) and len(metric) > len(suffix) + 1:
            out.append(metric[: -len(suffix)])
            break
    return out


def _period_dict(start, end) -> dict | None:
    return {"start": start, "end": end} if end else None


def period_text(period: dict | Period | None, lang: str) -> str:
    if period is None:
        return "未注明时期" if lang == "zh" else "no stated period"
    start, end = (period.start, period.end) if isinstance(period, Period) else (period["start"], period["end"])
    if start == end:
        return end
    return f"{start}至{end}" if lang == "zh" else f"{start} to {end}"


def _days(a: str, b: str) -> int:
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 10 ** 6


def _overlap(a: str, b: str) -> float:
    """Share of characters the two metric keys have in common (for 'did you mean this metric')."""
    if not a or not b:
        return 0.0
    common = sum(min(a.count(c), b.count(c)) for c in set(a))
    return common / max(len(a), len(b))


def _sources_disagree(rows: list[dict]) -> bool:
    """Different documents give different values (one story's before-and-after pair is not a disagreement)."""
    by_doc: dict[str, set] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], set()).add(Decimal(str(row["value"])))
    return len(by_doc) > 1 and len({frozenset(v) for v in by_doc.values()}) > 1


MEASURE_WORDS = {"growth_rate": ("的增速", "the growth rate of "), "share": ("的占比", "the share of "),
                 "change": ("的变动", "the change in "), "flow": ("的增量", "the flow of ")}


def _subject(metric: str, measure: str | None, lang: str) -> str:
    """普惠小微贷款余额的增速 / the growth rate of 普惠小微贷款余额."""
    zh, en = MEASURE_WORDS.get(measure or "", ("", ""))
    return f"{metric}{zh}" if lang == "zh" else f"{en}{metric}"


def _unit_ok(claim: Figure, row: dict) -> bool:
    return row["unit"] == claim.unit and (row.get("counter") or None) == (claim.counter or None)


# --- the checker -----------------------------------------------------------------------------------------------

class ClaimChecker:
    """Checks claim figures against one store; build once per store (it caches document titles)."""

    def __init__(self, store, lang: str = "zh"):
        self.store = store
        self.lang = lang
        self._titles: dict[str, str | None] | None = None

    # evidence
    def title(self, doc_id: str) -> str | None:
        if self._titles is None:
            frame = self.store.documents()
            self._titles = dict(zip(frame["doc_id"], frame["title"])) if len(frame) else {}
        return self._titles.get(doc_id)

    def evidence(self, row: dict, claim: Figure | None = None, factor: Decimal = Decimal(1)) -> Evidence:
        published = row.get("published")
        return Evidence(doc_id=row["doc_id"], source=row.get("source"), title=self.title(row["doc_id"]),
                        published=None if published is None else str(published)[:10], sentence=row.get("sentence"),
                        start=row["start"], end=row["end"], text=row["text"], value=str(row["value"]),
                        unit=row["unit"], measure=row.get("measure"), metric=row.get("metric"),
                        period=_period_dict(row.get("period_start"), row.get("period_end")),
                        agrees=None if claim is None else agrees(claim, row_figure(row), factor))

    def cite(self, row: dict) -> str:
        title = self.title(row["doc_id"])
        source = row.get("source") or row["doc_id"]
        date = str(row.get("published") or "")[:10]
        if self.lang == "zh":
            return f"{source}{'《' + title + '》' if title else ''}（{date}）"
        return f"{source}{' “' + title + '”' if title else ''} ({date})"

    # queries
    def rows(self, metric: str) -> list[dict]:
        from analyzer.store import FigureQuery
        return list(self.store.iter_figures(FigureQuery(metric=metric)))

    def rows_at(self, period: Period, claim: Figure) -> list[dict]:
        from analyzer.store import FigureQuery
        # a stored reading may span a longer range that ends on the claim's date (2024年 for 2024年末): bound the end only
        query = FigureQuery(period_to=period.end, unit=claim.unit, measure=claim.measure)
        return [r for r in self.store.iter_figures(query) if _at(period, r)]

    # verdicts
    def check_figure(self, claim: Figure) -> Verdict:
        zh = self.lang == "zh"
        key = _key(claim.metric)
        info = claim.to_dict()
        info.pop("links", None)
        info["metric_key"] = key
        info["precision"] = fmt(half(claim) * 2)
        said = human(claim.value, claim.unit) if claim.unit != "count" else claim.text
        if not key:
            return Verdict(info, "unverifiable", "未能识别该数字所描述的指标" if zh
                           else "the claim does not say what this number measures")
        rows: list[dict] = []
        for variant in metric_variants(claim.metric):
            rows = self.rows(variant)
            if rows:
                key = _key(variant)
                break
        at_period = [r for r in rows if claim.period is None or _at(claim.period, r)]
        comparable = [r for r in at_period if r["measure"] == claim.measure and _unit_ok(claim, r)]
        when = period_text(claim.period, self.lang)

        if comparable:
            good = [r for r in comparable if agrees(claim, row_figure(r))]
            evidence = [self.evidence(r, claim) for r in comparable]
            values = sorted({human(Decimal(str(r["value"])), r["unit"]) for r in comparable})
            disagree = _sources_disagree(comparable) and len({bool(e.agrees) for e in evidence}) > 1
            if good:
                first = good[0]
                stored = human(Decimal(str(first["value"])), first["unit"])
                if zh:
                    text = (f"{self.cite(first)}记载{_subject(claim.metric, claim.measure, 'zh')}（{when}）为{stored}，"
                            f"与所述{claim.text}相符")
                    if disagree:
                        text += f"；但各来源说法不一：{'、'.join(values)}"
                else:
                    text = (f"{self.cite(first)} gives {_subject(claim.metric, claim.measure, 'en')} ({when}) as "
                            f"{stored}, consistent with "
                            f"the claimed {claim.text} at its stated precision")
                    if disagree:
                        text += f"; sources disagree: {', '.join(values)}"
                return Verdict(info, "supported", text, None, evidence, disagree)
            slip = self.cross_measure_slip(claim, [r for r in at_period if r not in comparable])
            if slip:
                name, row = slip
                text = self.slip_text(name, claim, row, human(Decimal(str(row["value"])), row["unit"]), when)
                return Verdict(info, "contradicted", text, name, [self.evidence(row)] + evidence)
            return self.contradicted(claim, info, comparable, rows, evidence, when, said)

        if at_period:
            slip = self.cross_measure_slip(claim, at_period)
            if slip:
                name, row = slip
                stored = human(Decimal(str(row["value"])), row["unit"])
                text = self.slip_text(name, claim, row, stored, when)
                return Verdict(info, "contradicted", text, name, [self.evidence(row)])

        # nothing comparable: unverifiable, with what is nearest
        nearest_periods = self.nearest_periods(claim, rows)
        nearest_metrics = self.nearest_metrics(claim, key)
        hint = self.hint(claim, rows, key)
        if zh:
            text = f"数据库中没有{claim.metric}在{when}的可比数据"
            if nearest_periods:
                text += "；最近的时期：" + "、".join(period_text(p, "zh") for p in nearest_periods)
            if nearest_metrics:
                text += "；相近指标：" + "、".join(nearest_metrics)
        else:
            text = f"nothing comparable stored for {claim.metric} at {when}"
            if nearest_periods:
                text += "; nearest periods: " + ", ".join(period_text(p, "en") for p in nearest_periods)
            if nearest_metrics:
                text += "; similar metrics: " + ", ".join(nearest_metrics)
        evidence = []
        if hint:
            text += hint[0]
            evidence = [self.evidence(hint[1])]
        return Verdict(info, "unverifiable", text, None, evidence, False, nearest_periods, nearest_metrics)

    def contradicted(self, claim, info, comparable, rows, evidence, when, said) -> Verdict:
        zh = self.lang == "zh"
        first = comparable[0]
        stored = human(Decimal(str(first["value"])), first["unit"])
        values = sorted({human(Decimal(str(r["value"])), r["unit"]) for r in comparable})
        disagree = _sources_disagree(comparable)
        slip, extra = "value", None
        if claim.unit not in ("percent", "percentage_point", "basis_point", "times"):
            for factor in (TEN_THOUSAND, 1 / TEN_THOUSAND):
                if any(agrees(claim, row_figure(r), factor) for r in comparable):
                    slip = "scale"
                    break
        if slip == "value":
            other = [r for r in rows if r["measure"] == claim.measure and _unit_ok(claim, r) and r not in comparable
                     and not _at(claim.period, r)
                     and same_number(claim, row_figure(r))]
            if other and claim.period is not None:
                slip, extra = "wrong_period", other[0]
        if slip == "value" and claim.period is not None:
            key = _key(claim.metric)
            other = [r for r in self.rows_at(claim.period, claim) if r["measure"] == claim.measure
                     and r["metric_key"] != key and _overlap(r["metric_key"] or "", key) >= MIN_OVERLAP
                     and same_number(claim, row_figure(r))]
            if other:
                other.sort(key=lambda r: -_overlap(r["metric_key"] or "", key))
                slip, extra = "wrong_metric", other[0]
        text = self.slip_text(slip, claim, first, stored, when, extra)
        if disagree:
            text += ("；各来源说法不一：" + "、".join(values)) if zh else ("; sources disagree: " + ", ".join(values))
        if extra is not None:
            evidence = evidence + [self.evidence(extra)]
        return Verdict(info, "contradicted", text, slip, evidence, disagree)

    def slip_text(self, slip: str, claim: Figure, row: dict, stored: str, when: str, extra: dict | None = None) -> str:
        zh = self.lang == "zh"
        cite = self.cite(row)
        subject = _subject(claim.metric, row.get("measure"), self.lang)
        base = (f"{cite}记载{subject}（{when}）为{stored}，而非{claim.text}" if zh else
                f"{cite} gives {subject} ({when}) as {stored}, not {claim.text}")
        if slip == "scale":
            return base + ("：单位错了一个数量级（亿与万亿相差一万倍）" if zh else
                           ": the scale is off by 10^4 (亿 vs 万亿)")
        if slip == "percent_vs_point":
            what = ("增速" if zh else "growth rate") if row.get("measure") == "growth_rate" else ("变动" if zh else "change")
            return (f"{cite}记载{claim.metric}（{when}）的{what}为{stored}：所述{claim.text}混淆了百分比与百分点" if zh else
                    f"{cite} gives the {what} of {claim.metric} ({when}) as {stored}: the claim's {claim.text} "
                    "confuses percent with percentage points")
        if slip == "growth_as_level":
            return (f"{cite}记载{claim.metric}（{when}）的增速为{stored}：所述{claim.text}把增速当成了水平值" if zh else
                    f"{cite} gives {stored} as the growth rate of {claim.metric} ({when}): the claim quotes a growth "
                    "rate as a level")
        if slip == "wrong_period" and extra is not None:
            other = period_text(_period_dict(extra["period_start"], extra["period_end"]), self.lang)
            return base + (f"；{claim.text}是{other}的数字（时期错误）" if zh else
                           f"; {claim.text} is the figure for {other} (wrong period)")
        if slip == "wrong_metric" and extra is not None:
            return base + (f"；{claim.text}是“{extra['metric']}”的数字（指标张冠李戴）" if zh else
                           f"; {claim.text} is the figure for {extra['metric']} (wrong metric)")
        return base

    def cross_measure_slip(self, claim: Figure, at_period: list[dict]) -> tuple[str, dict] | None:
        """Stored figures for the metric and period of another measure or unit, that the claim's number matches."""
        for row in at_period:
            stored = row_figure(row)
            same_number = (abs(claim.value) - abs(stored.value)).copy_abs() <= max(half(claim), half(stored))
            if not same_number:
                continue
            units = {claim.unit, stored.unit}
            if units == {"percent", "percentage_point"} and (
                    {claim.measure, stored.measure} <= {"change", "growth_rate"} or "change" in (claim.measure, stored.measure)):
                return "percent_vs_point", row
            if (stored.measure == "growth_rate" and claim.measure in ("level", "rate", "share")
                    and claim.unit == stored.unit == "percent"):
                return "growth_as_level", row
            if (claim.measure == "growth_rate" and stored.measure in ("rate", "share")) and units == {"percent"}:
                return "growth_as_level", row
        return None

    def nearest_periods(self, claim: Figure, rows: list[dict], limit: int = 3) -> list[dict]:
        periods = {(r["period_start"], r["period_end"]) for r in rows if r["period_end"]
                   and r["measure"] == claim.measure}
        if not periods:
            periods = {(r["period_start"], r["period_end"]) for r in rows if r["period_end"]}
        target = claim.period.end if claim.period else dt.date.today().isoformat()
        ordered = sorted(periods, key=lambda p: (_days(p[1], target), p))
        return [{"start": a, "end": b} for a, b in ordered[:limit]]

    def nearest_metrics(self, claim: Figure, key: str, limit: int = 3) -> list[str]:
        names = [m for m in self.store.similar_metrics(claim.metric, limit + 1) if m != key]
        if claim.period is not None and len(names) < limit:
            around = {r["metric_key"] for r in self.rows_at(claim.period, claim) if r["metric_key"] and r["metric_key"] != key}
            names += sorted((m for m in around if _overlap(m, key) >= MIN_OVERLAP and m not in names),
                            key=lambda m: -_overlap(m, key))
        return names[:limit]

    def hint(self, claim: Figure, rows: list[dict], key: str) -> tuple[str, dict] | None:
        """Nothing to compare, but the number matches another period or a similar metric: say so."""
        zh = self.lang == "zh"
        for row in rows:
            if row["measure"] == claim.measure and _unit_ok(claim, row) and same_number(claim, row_figure(row)):
                other = period_text(_period_dict(row["period_start"], row["period_end"]), self.lang)
                return ((f"（注意：{claim.text}与{other}的数字相符）" if zh else
                         f" (note: {claim.text} matches the figure for {other})"), row)
        if claim.period is not None:
            for row in self.rows_at(claim.period, claim):
                if (row["measure"] == claim.measure and row["metric_key"] != key
                        and _overlap(row["metric_key"] or "", key) >= MIN_OVERLAP and same_number(claim, row_figure(row))):
                    return ((f"（注意：{claim.text}与“{row['metric']}”的数字相符）" if zh else
                             f" (note: {claim.text} matches the figure for {row['metric']})"), row)
        return None


def check_claim(text: str | Record, store, published: str | None = None, lang: str = "zh") -> list[Verdict]:
    """Verdicts for every figure the pipeline finds in ``text`` (a claim, or a whole article)."""
    if isinstance(text, Record):
        record = text
    else:
        from analyzer.pipeline import analyze
        record = analyze(text, published=published, doc_id="claim")
    checker = ClaimChecker(store, lang)
    return [checker.check_figure(figure) for figure in record.figures]


def any_contradicted(verdicts: list[Verdict]) -> bool:
    return any(v.verdict == "contradicted" for v in verdicts)
