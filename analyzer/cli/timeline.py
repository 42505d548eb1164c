"""``analyzer timeline``: a metric's series over time across the stored documents (``analyzer.analysis``)."""
from __future__ import annotations

import sys

import click

from analyzer.analysis import plot
from analyzer.analysis.timeline import COLUMNS, build_timeline
from analyzer.cli.common import (checked_filter, checked_output, checked_place, fail, format_option, handle_errors,
                                 save_plot, verbose_option)
from analyzer.cli.store import db_option, open_db
from analyzer.errors import one_line
from analyzer.io.rows import write_rows
from analyzer.records import MEASURES
from analyzer.taxonomy import place_key


@click.command(name="timeline")
@click.argument("metric", callback=checked_filter)
@db_option
@click.option("--measure", type=click.Choice([*MEASURES, "all"]),
              help="Which series [default: level if reported, else flow, rate, share, growth_rate …], or all.")
@click.option("--place", callback=checked_place, help="The series of this place (天津, 美国) [default: the national figures, no place].")
@click.option("--plot", "plot_path", metavar="FILE.png", callback=checked_output,
              help="Also draw the series to this image file.")
@format_option(default="table")
@verbose_option
@handle_errors
def timeline_command(metric, db_url, measure, place, plot_path, fmt):
    """The series of METRIC over time across all documents: one row per period with the value, the unit,
    how many documents report it, and whether they disagree (then `sources` lists each value and who gave it).

    METRIC is a phrase as written (普惠小微贷款余额) or a normalized metric key; related but different
    statistics (普惠型小微企业贷款余额) are separate series. Names written differently that are the same series
    (人民币普惠小微贷款余额, 固定资产投资（不含农户）) are merged: stderr lists them with the reason, and the
    `names` column gives each point's written names.

    A place keeps its own series: 天津外贸进出口总值 is the series of place 天津, apart from the national
    外贸进出口总值. Without --place the series is the national one (figures with no place); stderr names the
    places that have their own series.

    Example: analyzer timeline 普惠小微贷款余额 --plot inclusive-loans.png; analyzer timeline 外贸进出口总值 --place 天津
    """
    store = open_db(db_url)
    if plot_path:
        store.refuse_own_file(plot_path)
    timeline = build_timeline(store.timeline_rows(metric, place=place), measure, metric)
    _say_places(store, metric, place)
    if not timeline.rows:
        similar = store.similar_metrics(metric)
        hint = f"; stored metrics like it: {', '.join(similar)}" if similar else ""
        fail(f"no figures with a period for metric {metric!r}{hint}")
    if len(timeline.names) > 1:
        click.echo(one_line(f"series {metric}: merges the written names " + ", ".join(timeline.merged_names())),
                   err=True)
    if timeline.other_measures:
        others = ", ".join(f"{m} ({n})" for m, n in sorted(timeline.other_measures.items()))
        click.echo(f"showing measure {timeline.measure}; also reported: {others} — see --measure", err=True)
    write_rows(timeline.rows, COLUMNS, fmt, sys.stdout, table_width=60)
    if plot_path:
        labeler = plot.Labeler()
        if not labeler.chinese:
            click.echo("no CJK font found (e.g. apt-get install fonts-noto-cjk): the plot uses English labels",
                       err=True)
        save_plot(lambda *args: plot.plot_timeline(*args, labeler), timeline.rows, metric, plot_path)


def _say_places(store, metric: str, place: str | None) -> None:
    """Tell on stderr whose series this is and which places have their own."""
    own = place_key(place) if place else None
    others = [(where, count) for where, count in store.metric_places(metric) if where and where != own]
    scope = f"place {place}" if place else "national figures (no place)"
    listed = ", ".join(f"{where} ({count})" for where, count in others[:10])
    if others or place:
        click.echo(one_line(f"series {metric}: {scope}" + (f"; places with their own series: {listed} — see --place"
                                                            if others else "")), err=True)
