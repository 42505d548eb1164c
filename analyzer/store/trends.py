"""Mentions of policy tools, sectors or institutions per month, quarter or year (by publication date)."""
from __future__ import annotations

import pandas as pd

from analyzer.errors import StoreError

FREQUENCIES = {"month": "M", "quarter": "Q", "year": "Y"}
COLUMNS = ["period", "name", "mentions", "documents"]


def build_trends(frame: pd.DataFrame, freq: str = "month", top: int | None = None) -> pd.DataFrame:
    """``frame`` has columns published, name, document_id (``trend_select``); returns one row per
    (period, name) with mention and document counts, keeping the ``top`` names with most mentions."""
    if freq not in FREQUENCIES:
        raise StoreError(f"unknown frequency {freq!r}; choose from {', '.join(FREQUENCIES)}")
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    dates = pd.to_datetime(frame["published"].astype(str).str[:10], errors="coerce", format="%Y-%m-%d")
    frame = frame.assign(period=dates.dt.to_period(FREQUENCIES[freq]).astype(str)).loc[dates.notna()]
    if top:
        keep = frame["name"].value_counts().head(top).index
        frame = frame[frame["name"].isin(keep)]
    grouped = (frame.groupby(["period", "name"])
               .agg(mentions=("document_id", "size"), documents=("document_id", "nunique"))
               .reset_index())
    return grouped.sort_values(["period", "mentions", "name"], ascending=[True, False, True], ignore_index=True)
