"""Charts for ``timeline --plot`` and ``trends --plot`` (matplotlib, drawn off-screen to a file).

Chinese labels need a CJK font: the first one fontconfig knows for ``:lang=zh`` (or a well-known one
matplotlib already has) is used; without one, labels fall back to English names so the chart stays legible.
"""
from __future__ import annotations

import datetime as dt
import functools
import subprocess
from decimal import Decimal
from pathlib import Path

from analyzer.analysis.timeline import MEASURE_PREFERENCE
from analyzer.io.atomic import replaced_whole
from analyzer.taxonomy import load_taxonomy

KNOWN_CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
                   "WenQuanYi Micro Hei", "Droid Sans Fallback", "AR PL UMing CN", "SimHei", "Microsoft YaHei",
                   "PingFang SC", "Heiti SC", "Arial Unicode MS")
# (threshold, Chinese label, English label) for money in yuan (or another currency's base unit)
MONEY_SCALES = ((Decimal(10) ** 12, "万亿", "trillion"), (Decimal(10) ** 8, "亿", "100 million"),
                (Decimal(10) ** 4, "万", "10 thousand"), (Decimal(1), "", ""))
UNIT_LABELS = {"percent": ("%", "%"), "percentage_point": ("个百分点", "percentage points"),
               "basis_point": ("个基点", "basis points"), "times": ("倍", "times"), "count": ("", "count"),
               "CNY": ("元", "yuan"), "USD": ("美元", "US dollars"), "EUR": ("欧元", "euros"),
               "HKD": ("港元", "HK dollars"), "JPY": ("日元", "yen"), "GBP": ("英镑", "pounds")}

BY_LABELS = {"tool": ("政策工具", "policy tool"), "sector": ("领域", "sector"), "institution": ("机构", "institution")}


@functools.cache
def cjk_font() -> str | None:
    """The family name of an installed font that renders Chinese, registered with matplotlib; else None."""
    from matplotlib import font_manager
    try:
        listing = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    for line in sorted(listing.splitlines()):
        path = line.split(":")[0].strip()
        if path.lower().endswith((".ttf", ".otf", ".ttc")):
            try:
                font_manager.fontManager.addfont(path)
                return font_manager.FontProperties(fname=path).get_name()
            except (OSError, RuntimeError, ValueError):
                continue
    names = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in KNOWN_CJK_FONTS if name in names), None)


def english_name(name: str) -> str | None:
    """The taxonomy's English name for a tool, sector, institution or metric; None when it has none."""
    english = load_taxonomy().english(name)
    return english if english.isascii() else None


class Labeler:
    """Chooses Chinese or English text for the chart, depending on whether a CJK font is available."""

    def __init__(self, chinese: bool | None = None):
        self.font = cjk_font() if chinese is None or chinese else None
        self.chinese = self.font is not None

    def name(self, text: str, fallback: str) -> str:
        if self.chinese or text.isascii():
            return text
        return english_name(text) or fallback

    def pick(self, chinese: str, english: str) -> str:
        return chinese if self.chinese else english


def _figure(labeler: Labeler, panels: int = 1):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.rcParams["text.parse_math"] = False  # names as written: `$\frac{1}{2}$` is no fraction, `$\foo{$` no error
    if labeler.font:
        plt.rcParams["font.sans-serif"] = [labeler.font, *plt.rcParams["font.sans-serif"]]
        plt.rcParams["axes.unicode_minus"] = False
    fig, axes = plt.subplots(panels, 1, figsize=(10, 2.2 + 3.3 * panels), dpi=120, sharex=True, squeeze=False)
    return plt, fig, [row[0] for row in axes]


def value_scale(unit: str, values: list[Decimal]) -> tuple[Decimal, str, str]:
    """Divisor and (Chinese, English) axis unit: 35300000000000 CNY plots as 35.3 万亿元 / trillion yuan."""
    zh, en = UNIT_LABELS.get(unit, ("", unit))
    if unit not in ("CNY", "USD", "EUR", "HKD", "JPY", "GBP", "count") or not values:
        return Decimal(1), zh, en
    top = max(abs(v) for v in values)
    for threshold, zh_scale, en_scale in MONEY_SCALES:
        if top >= threshold:
            return threshold, zh_scale + zh, f"{en_scale} {en}".strip()
    return Decimal(1), zh, en


def plot_timeline(rows: list[dict], metric: str, path: str, labeler: Labeler | None = None) -> None:
    """One panel per (measure, comparison, unit) series; points where documents disagree are ringed in red."""
    labeler = labeler or Labeler()
    series: dict[tuple, list[dict]] = {}
    for row in rows:
        series.setdefault((row["measure"], row["comparison"], row["unit"]), []).append(row)
    order = sorted(series, key=lambda k: (MEASURE_PREFERENCE.index(k[0]) if k[0] in MEASURE_PREFERENCE else 99,
                                          k[1] or "", k[2]))
    plt, fig, axes = _figure(labeler, len(series))
    for ax, (measure, comparison, unit) in zip(axes, order):
        points = series[(measure, comparison, unit)]
        divisor, zh_unit, en_unit = value_scale(unit, [Decimal(p["value"]) for p in points])
        xs = [dt.date.fromisoformat(p["period_end"]) for p in points]
        lows, highs = _ends(points, divisor)
        ys = [(low + high) / 2 for low, high in zip(lows, highs)]
        ax.plot(xs, ys, marker="o", label=" ".join(filter(None, (measure, comparison))))
        _draw_ranges(ax, labeler, xs, lows, highs)
        bad = [(x, y) for x, y, p in zip(xs, ys, points) if p["disagree"]]
        if bad:
            ax.scatter(*zip(*bad), s=160, facecolors="none", edgecolors="red", linewidths=1.5,
                       label=labeler.pick("来源数值不一致", "sources disagree"), zorder=3)
        ax.set_ylabel(labeler.pick(zh_unit, en_unit) or labeler.pick("数值", "value"))
        ax.grid(True, alpha=0.3)
        ax.legend(loc="best")
    axes[0].set_title(labeler.name(metric, "Metric series"))
    axes[-1].set_xlabel(labeler.pick("期末日期", "period end"))
    fig.autofmt_xdate()
    fig.tight_layout()
    save_figure(fig, path)
    plt.close(fig)


def _ends(points: list[dict], divisor: Decimal) -> tuple[list[float], list[float]]:
    """Each point's low and high end on the axis' scale; a single value is both ends."""
    lows = [float(Decimal(p["value"]) / divisor) for p in points]
    highs = [float(Decimal(p["value_high"]) / divisor) if p.get("value_high") is not None else low
             for p, low in zip(points, lows)]
    return lows, highs


def _draw_ranges(ax, labeler: Labeler, xs: list, lows: list[float], highs: list[float]) -> None:
    """A range (0.25至0.5) is a bar from its low to its high end, its point in the middle, not a dot at the low end."""
    spans = [(x, low, high) for x, low, high in zip(xs, lows, highs) if high != low]
    if spans:
        ax.vlines(*zip(*spans), colors="grey", linewidths=3, alpha=0.6, label=labeler.pick("区间", "range"))


def save_figure(fig, path: str) -> None:
    """Save ``fig`` to ``path`` exactly: matplotlib adds ``.png`` to a path without a suffix (``--plot chart`` wrote
    chart.png while the command said it wrote chart), so a path without one gets PNG by name. The image is written
    whole or not at all (``replaced_whole``): a full disk left a cut-off image in place of the plot before."""
    with replaced_whole(path) as part:
        fig.savefig(part, format=Path(path).suffix[1:].lower() or "png")


def plot_trends(frame, by: str, path: str, labeler: Labeler | None = None) -> None:
    """Mentions per period, one line per name (``frame`` from ``build_trends``)."""
    import pandas as pd  # with matplotlib (see _figure): only drawing needs them
    labeler = labeler or Labeler()
    plt, fig, (ax,) = _figure(labeler)
    table = frame.pivot_table(index="period", columns="name", values="mentions", fill_value=0)
    if len(table):  # quarters without mentions are zeros, not gaps
        periods = pd.PeriodIndex([pd.Period(p) for p in table.index])
        table.index = periods
        table = table.reindex(pd.period_range(periods.min(), periods.max(), freq=periods.freq), fill_value=0)
        table.index = table.index.astype(str)
    for i, name in enumerate(table.columns, 1):
        ax.plot(list(table.index), list(table[name]), marker="o", label=labeler.name(name, f"{by} {i}"))  # tofu-free fallback
    zh_by, en_by = BY_LABELS.get(by, (by, by))
    ax.set_title(labeler.pick(f"{zh_by}提及次数", f"Mentions by {en_by}"))
    ax.set_xlabel(labeler.pick("时期", "period"))
    ax.set_ylabel(labeler.pick("提及次数", "mentions"))
    ax.grid(True, alpha=0.3)
    if len(table.columns):
        ax.legend(fontsize="small", ncol=2)
    fig.autofmt_xdate()
    fig.tight_layout()
    save_figure(fig, path)
    plt.close(fig)
