"""``analyzer trends``: mentions of tools, sectors or institutions per period (``analyzer.analysis``)."""
from __future__ import annotations

import sys

import click

from analyzer.analysis import plot
from analyzer.analysis.trends import COLUMNS, mention_trends
from analyzer.cli.common import checked_output, format_option, handle_errors, save_plot, verbose_option
from analyzer.cli.store import db_option, open_db
from analyzer.io.rows import write_rows


@click.command(name="trends")
@db_option
@click.option("--by", type=click.Choice(["tool", "sector", "institution"]), default="tool", show_default=True)
@click.option("--freq", type=click.Choice(["month", "quarter", "year"]), default="quarter", show_default=True)
@click.option("--top", type=click.IntRange(1, 1_000_000), default=10, show_default=True, help="Keep the N most mentioned names.")
@click.option("--rollup", is_flag=True, help="Count narrower entries under their broadest parents (买断式逆回购 → 公开市场操作).")
@click.option("--plot", "plot_path", metavar="FILE.png", callback=checked_output,
              help="Also draw the trends to this image file.")
@format_option(default="table")
@verbose_option
@handle_errors
def trends_command(db_url, by, freq, top, rollup, plot_path, fmt):
    """Mentions of policy tools, sectors or institutions per month, quarter or year of publication:
    how often each is mentioned and in how many documents.

    Example: analyzer trends --by sector --freq year --plot sectors.png
    """
    store = open_db(db_url)
    if plot_path:
        store.refuse_own_file(plot_path)
    frame = mention_trends(store, by, freq, top, rollup)
    undated = store.undated_documents()
    if undated:
        click.echo(f"note: {undated} document(s) without a publication date are not counted", err=True)
    write_rows(frame.to_dict("records"), COLUMNS, fmt, sys.stdout)
    if plot_path:
        save_plot(plot.plot_trends, frame, by, plot_path)
