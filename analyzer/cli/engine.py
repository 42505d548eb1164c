"""Options shared by `ingest` and `extract` for choosing where the work runs: this machine (``--engine local``,
the default) or a Dask cluster (``--engine dask``, see ``analyzer.cluster``). The dispatch lives with each command:
``cli/store.py`` (ingest) and ``cli/partitioned.py`` (extract to Parquet)."""
from __future__ import annotations

import click

from analyzer.cli.common import FiniteRange

ENGINES = ("local", "dask")


def engine_options(func):
    """``--engine``, ``--scheduler`` and ``--partition-mb``."""
    for option in reversed([
        click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="Where to analyze: here, or on a Dask cluster (pip install -e \".[dask]\")."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler to run on, e.g. tcp://host:8786 (implies --engine dask) "
                          "[default: a local cluster of --workers processes]."),
        click.option("--partition-mb", type=FiniteRange(0.001, 1_000_000), default=8, show_default=True,
                     help="With --engine dask: megabytes of input a task (files grouped, big .jsonl cut on line ends)."),
    ]):
        func = option(func)
    return func


def use_dask(engine: str, scheduler: str | None) -> bool:
    return engine == "dask" or bool(scheduler)
