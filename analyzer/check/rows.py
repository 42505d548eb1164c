"""Stored figures as the checker reads them: the series key of a metric (``analyzer.taxonomy.metric_key``, the
same key the store files figures under) and the ``Figure`` a stored row stands for."""
from __future__ import annotations

import functools
from decimal import Decimal

from analyzer.normalize import normalize
from analyzer.records import Figure, Period
from analyzer.taxonomy import metric_key


@functools.lru_cache(maxsize=100_000)
def _cached_key(metric: str) -> str:
    return metric_key(metric)


def series_key(metric: str | None) -> str | None:
    """The metric's series key, None without a metric."""
    return _cached_key(metric) if metric else None


def row_figure(row: dict) -> Figure:
    period = Period(row["period_start"], row["period_end"]) if row.get("period_end") else None
    high = row.get("value_high")
    return Figure(text=row["text"], start=row["start"], end=row["end"], value=Decimal(str(row["value"])),
                  unit=row["unit"], value_high=Decimal(str(high)) if high is not None else None,
                  qualifier=row.get("qualifier"), measure=row.get("measure") or "other",
                  comparison=row.get("comparison"), metric=row.get("metric"), period=period,
                  counter=row.get("counter"))


def normalized_sentence(row: dict) -> str:
    """A stored row's sentence in normalized form (the store keeps sentences as written), normalized once for all
    the readers of a check (candidates, their marks, holds_before, steps, the context note) instead of each again."""
    return _normalized(row.get("sentence") or "")


@functools.lru_cache(maxsize=4096)
def _normalized(sentence: str) -> str:
    return normalize(sentence)
