"""Command line interface: each command parses its arguments and calls plain library functions.

Command families live one per module in this package and register themselves on ``main`` below.
"""
from __future__ import annotations

import click

from analyzer.cli.common import CONTEXT_SETTINGS


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="policy-analyzer")
def main() -> None:
    """Extract figures, policy tools, sectors and institutions from Chinese financial text,
    store them, track them over time, check claims and write briefs.

    Example: analyzer extract article.txt --format table
    """


def _register() -> None:
    import importlib
    for module in ("extract", "evaluate", "taxonomy", "store", "check", "reference", "brief", "model", "serve"):
        try:
            importlib.import_module(f"analyzer.cli.{module}")
        except ModuleNotFoundError as error:
            if error.name != f"analyzer.cli.{module}":
                raise


_register()
