"""``analyzer extract --out DIR --format parquet [--engine dask]``: records to partitioned Parquet files.

A module of its own because it needs the cluster engine (and through it SQLAlchemy): ``extract`` imports it only
when that output is asked for, so printing records stays free of the store.
"""
from __future__ import annotations

import sys

import click
from tqdm import tqdm

from analyzer.cli.common import fail, report_failures
from analyzer.cli.engine import use_dask
from analyzer.cluster.engine import extract_on_cluster


def extract_to_parquet(paths: list[str], out_dir: str | None, fmt: str, *, engine: str, scheduler: str | None,
                       workers: int, partition_mb: float, settings, overrides: dict, lang: str) -> None:
    """``analyzer extract --out DIR --format parquet [--engine dask]``: check the options, run, print a summary."""
    if fmt != "parquet" or not out_dir:
        fail("partitioned output needs both --out DIR and --format parquet (--engine dask writes only that)", 2)
    if lang != "zh":
        fail("--lang en is for printed records; Parquet keeps the canonical Chinese names", 2)
    with tqdm(unit="doc", file=sys.stderr, disable=None, dynamic_ncols=True) as bar:
        summary = extract_on_cluster(paths, out_dir, scheduler=scheduler, workers=workers, settings=settings,
                                     overrides=overrides, partition_bytes=int(partition_mb * 2**20),
                                     local=not use_dask(engine, scheduler), progress=bar.update,
                                     on_error=lambda line: bar.write(f"Error: {line}", file=sys.stderr))
    click.echo(f"{out_dir}: {summary.line()}", err=True)
    report_failures(summary.failed, summary.total)
