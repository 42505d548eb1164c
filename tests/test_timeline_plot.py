"""The timeline chart draws what the series holds: a range is a bar from its low to its high end."""
from analyzer.analysis import plot


def _row(end, value, high=None):
    return {"period_start": end, "period_end": end, "value": value, "value_high": high, "unit": "percent",
            "measure": "rate", "comparison": None, "disagree": False}


def test_a_range_is_drawn_from_its_low_to_its_high_end(monkeypatch, tmp_path):
    """s25-probe2 left open: a stored range (下调0.25至0.5个百分点) was plotted as a dot at its low end, 0.25."""
    drawn = {}
    monkeypatch.setattr(plot, "save_figure", lambda fig, path: drawn.setdefault("fig", fig))
    rows = [_row("2025-03-31", "1.5"), _row("2025-06-30", "0.25", "0.5"), _row("2025-09-30", "1")]
    plot.plot_timeline(rows, "利率", str(tmp_path / "chart.png"), plot.Labeler(chinese=False))
    ax = drawn["fig"].axes[0]
    assert list(ax.lines[0].get_ydata()) == [1.5, 0.375, 1.0]
    bars = [segment for collection in ax.collections for segment in collection.get_segments()]
    assert [(low, high) for (_, low), (_, high) in bars] == [(0.25, 0.5)]


def test_a_series_without_ranges_draws_no_bars(monkeypatch, tmp_path):
    drawn = {}
    monkeypatch.setattr(plot, "save_figure", lambda fig, path: drawn.setdefault("fig", fig))
    plot.plot_timeline([_row("2025-03-31", "1.5"), _row("2025-06-30", "2")], "利率", str(tmp_path / "c.png"),
                       plot.Labeler(chinese=False))
    ax = drawn["fig"].axes[0]
    assert list(ax.lines[0].get_ydata()) == [1.5, 2.0] and not ax.collections
