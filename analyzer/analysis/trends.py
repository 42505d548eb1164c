"""Mentions of policy tools, sectors or institutions per month, quarter or year (by publication date)."""
from __future__ import annotations

import pandas as pd

from analyzer.errors import StoreError
from analyzer.store.base import Store
from analyzer.taxonomy import load_taxonomy

FREQUENCIES = {"month": "M", "quarter": "Q", "year": "Y"}
COLUMNS = ["period", "name", "mentions", "documents"]
TAXONOMY_KIND = {"tool": "tools", "sector": "sectors", "institution": "institutions"}  # trends --by → entry kind


def mention_trends(store: Store, by: str = "tool", freq: str = "month", top: int | None = None,
                   rollup: bool = False) -> pd.DataFrame:
    """Mentions of tools, sectors or institutions (``by``) in ``store`` per month, quarter or year (long format);
    ``rollup`` counts narrower entries under their broadest parents."""
    return build_trends(store.trend_rows(by), freq, top, rollup, kind=TAXONOMY_KIND.get(by))


def build_trends(frame: pd.DataFrame, freq: str = "month", top: int | None = None,
                 rollup: bool = False, kind: str | None = None) -> pd.DataFrame:
    """``frame`` has columns published, name, document_id (``trend_select``); returns one row per
    (period, name) with mention and document counts, keeping the ``top`` names with most mentions.
    With ``rollup`` a mention counts under the broadest entries above its name (买断式逆回购 under 公开市场操作;
    科技型中小企业 under both 科技型企业 and 中小企业) instead of under its own name; a tool or sector read outside
    the taxonomy (``kind`` tools or sectors) under the entry it ends with (绿色再贷款 under 再贷款's roots)."""
    if freq not in FREQUENCIES:
        raise StoreError(f"unknown frequency {freq!r}; choose from {', '.join(FREQUENCIES)}")
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    if rollup:
        frame = roll_up(frame, kind)
    dates = pd.to_datetime(frame["published"].astype(str).str[:10], errors="coerce", format="%Y-%m-%d")
    frame = frame.assign(period=dates.dt.to_period(FREQUENCIES[freq]).astype(str)).loc[dates.notna()]
    if top:
        keep = frame["name"].value_counts().head(top).index
        frame = frame[frame["name"].isin(keep)]
    grouped = (frame.groupby(["period", "name"])
               .agg(mentions=("document_id", "size"), documents=("document_id", "nunique"))
               .reset_index())
    return grouped.sort_values(["period", "mentions", "name"], ascending=[True, False, True], ignore_index=True)


def roll_up(frame: pd.DataFrame, kind: str | None = None) -> pd.DataFrame:
    """Each mention's name replaced by the roots of its taxonomy entry of ``kind`` (one row per root)."""
    taxonomy = load_taxonomy()
    roots = {name: taxonomy.roots(name, kind) for name in frame["name"].unique()}
    return frame.assign(name=frame["name"].map(roots)).explode("name", ignore_index=True)
