"""A metric's series over time: one row per period, with agreement between the documents that report it.

Reports of the same metric, measure, comparison, unit and period are one point. Where documents give
different values the point is flagged ``disagree`` and ``sources`` lists each value with who reported it;
the point's ``value`` is the one most documents give (ties: the most recently published).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from analyzer.store.base import Store
from analyzer.taxonomy.series import match_series

# The measure a series shows when none is asked for: the first of these that the metric has.
MEASURE_PREFERENCE = ("level", "flow", "rate", "share", "growth_rate", "change", "other")
COLUMNS = ("period_start", "period_end", "value", "value_high", "unit", "measure", "comparison", "documents", "figures",
           "disagree", "sources", "names")


@dataclass
class Timeline:
    metric: str
    measure: str | None
    rows: list[dict] = field(default_factory=list)
    other_measures: dict[str, int] = field(default_factory=dict)  # measure → figures left out
    names: dict[str, int] = field(default_factory=dict)  # written metric name → figures merged into the series

    def merged_names(self, lang: str = "en") -> list[str]:
        """Each written name merged into the series, with its figure count and why it is the same series."""
        out = []
        for name, count in sorted(self.names.items(), key=lambda kv: (-kv[1], kv[0])):
            reasons = match_series(name).reasons(lang)
            out.append(f"{name} ({count}{'; ' + '; '.join(reasons) if reasons else ''})")
        return out


def metric_timeline(store: Store, metric: str, measure: str | None = None):
    """One row per period of a metric's series (phrase or key) in ``store``; ``measure`` as ``build_timeline``."""
    import pandas as pd  # the DataFrame for Python callers; `analyzer timeline` prints the rows without pandas
    built = build_timeline(store.timeline_rows(metric), measure, metric)
    return pd.DataFrame(built.rows, columns=list(COLUMNS))


def choose_measure(reports: list[dict]) -> str | None:
    """The series a metric shows by default: its level if reported, else a flow, a rate … (growth rates and
    changes describe a level, so they come after it)."""
    found = {r["measure"] for r in reports}
    return next((m for m in MEASURE_PREFERENCE if m in found), min(found) if found else None)


def build_timeline(reports: list[dict], measure: str | None = None, metric: str = "") -> Timeline:
    """Group figure rows (``timeline_select``) into points; ``measure`` None picks one (``choose_measure``),
    ``"all"`` keeps every measure."""
    if measure is None:
        measure = choose_measure(reports)
    timeline = Timeline(metric=metric, measure=measure)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for report in reports:
        if measure not in (None, "all") and report["measure"] != measure:
            timeline.other_measures[report["measure"]] = timeline.other_measures.get(report["measure"], 0) + 1
            continue
        key = (report["period_end"], report["period_start"], report["measure"], report["comparison"] or "",
               report["unit"])
        groups[key].append(report)
    timeline.names = _written_names(groups.values())
    for (period_end, period_start, measure_, comparison, unit), group in sorted(groups.items()):
        by_value: dict[tuple, list[dict]] = defaultdict(list)
        for report in group:  # a range (0.25至0.5个百分点) is its own value, never the same as its low end
            by_value[_value_key(report)].append(report)
        ranked = sorted(by_value.items(), key=lambda kv: (len({r["doc_id"] for r in kv[1]}),
                                                          max(r["published"] or "" for r in kv[1])), reverse=True)
        disagree = len(ranked) > 1
        timeline.rows.append({
            "period_start": period_start, "period_end": period_end, "value": ranked[0][1][0]["value"],
            "value_high": ranked[0][1][0].get("value_high"), "unit": unit, "measure": measure_, "comparison": comparison or None,
            "documents": len({r["doc_id"] for r in group}), "figures": len(group), "disagree": disagree,
            "sources": _describe(ranked, disagree),
            "names": " | ".join(_written_names([group])),
        })
    return timeline


def _value_key(report: dict) -> tuple:
    high = report.get("value_high")
    return Decimal(report["value"]).normalize(), None if high is None else Decimal(high).normalize()


def _as_written(report: dict) -> str:
    """A report's value for ``sources``: the number, or a range as LOW..HIGH."""
    high = report.get("value_high")
    return report["value"] if high is None else f"{report['value']}..{high}"


def _written_names(groups) -> dict[str, int]:
    """Each metric name as written in the reports, with how many figures use it."""
    return dict(Counter(r["metric"] for group in groups for r in group if r.get("metric")))


def _who(reports: list[dict]) -> str:
    names = dict.fromkeys(f"{r['source']} ({r['doc_id']})" if r["source"] else r["doc_id"] for r in reports)
    return ", ".join(names)


def _describe(ranked: list[tuple[tuple, list[dict]]], disagree: bool) -> str:
    if not disagree:
        return _who(ranked[0][1])
    return " | ".join(f"{_as_written(reports[0])}: {_who(reports)}" for _, reports in ranked)
