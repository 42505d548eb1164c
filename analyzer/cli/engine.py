"""Options and dispatch shared by `ingest` and `extract` for choosing where the work runs: this machine
(``--engine local``, the default) or a Dask cluster (``--engine dask``, see ``analyzer.cluster``)."""
from __future__ import annotations

from pathlib import Path

import click

ENGINES = ("local", "dask")


def engine_options(func):
    """``--engine``, ``--scheduler`` and ``--partition-mb``."""
    for option in reversed([
        click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="Where to analyze: here, or on a Dask cluster (pip install -e \".[dask]\")."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler to run on, e.g. tcp://host:8786 (implies --engine dask) "
                          "[default: a local cluster of --workers processes]."),
        click.option("--partition-mb", type=click.FloatRange(0.001), default=8, show_default=True,
                     help="With --engine dask: megabytes of input a task (files grouped, big .jsonl cut on line ends)."),
    ]):
        func = option(func)
    return func


def use_dask(engine: str, scheduler: str | None) -> bool:
    return engine == "dask" or bool(scheduler)


def has_parquet(paths: list[str]) -> bool:
    """Whether any of ``paths`` is, or is a folder holding, a Parquet file (read by the partition engine)."""
    for raw in paths:
        path = Path(raw)
        if path.suffix.lower() == ".parquet" or (path.is_dir() and next(path.rglob("*.parquet"), None)):
            return True
    return False


def ingest_with_engine(store, paths: list[str], *, engine: str, scheduler: str | None, workers: int,
                       partition_mb: float, **options):
    """``analyzer ingest``'s work on the chosen engine; ``options`` are ``ingest``'s keyword arguments."""
    from analyzer.cluster.engine import ingest_on_cluster, ingest_partitions_here
    from analyzer.store.ingest import ingest
    partition_bytes = int(partition_mb * 2**20)
    on_duplicate = options.pop("on_duplicate", "error")
    if use_dask(engine, scheduler):
        return ingest_on_cluster(store, paths, scheduler=scheduler, workers=workers,
                                 partition_bytes=partition_bytes, on_duplicate=on_duplicate, **options)
    if options.get("records") and has_parquet(paths):
        return ingest_partitions_here(store, paths, partition_bytes=partition_bytes, on_duplicate=on_duplicate,
                                      **options)
    return ingest(store, paths, workers=workers, on_duplicate=on_duplicate, **options)


def extract_to_parquet(paths: list[str], out_dir: str | None, fmt: str, *, engine: str, scheduler: str | None,
                       workers: int, partition_mb: float, settings, overrides: dict, lang: str) -> None:
    """``analyzer extract --out DIR --format parquet [--engine dask]``: check the options, run, print a summary."""
    import sys

    from tqdm import tqdm

    from analyzer.cli.common import fail
    from analyzer.cli.extract import report_failures
    from analyzer.cluster.engine import extract_on_cluster
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
