"""``analyzer serve``: the store in a browser (datasette), read-only."""
from __future__ import annotations

import click

from analyzer.cli.common import handle_errors, verbose_option
from analyzer.cli.store import db_option

try:  # datasette is the `serve` extra: without it the command says what to install
    from analyzer.serve.app import keep_read_only_plugins, open_served, run
except ModuleNotFoundError as error:
    MISSING = error.name
else:
    MISSING = None


@click.command(name="serve")
@db_option
@click.option("--port", "-p", type=click.IntRange(1, 65535), default=8001, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 shares the store with the whole network.")
@click.option("--live/--immutable", default=True, show_default=True,
              help="--live opens the file read-only (mode=ro): each query reads one moment of it, so an ingest "
                   "may write meanwhile and its rows show up. --immutable is faster, for a file that nothing "
                   "writes while it is served (a write then gives wrong rows or 'database disk image is "
                   "malformed'); a write-ahead log holding commits is served live regardless.")
@verbose_option
@handle_errors
def serve_command(db_url, port, host, live):
    """Browse the store in datasette: tables with facets, canned queries (a metric's series with the
    sources' disagreements, conflicts between sources, figures by tool/sector/institution and period,
    documents that mention a tool), charts, and each document with its figures and mentions highlighted.

    Read-only: the SQLite file is opened mode=ro (or immutable), writes and ATTACH are refused, queries stop
    after 3 s, and only read-only plugins load. A PostgreSQL store is served from a snapshot:
    analyzer export --sqlite snapshot.db --db postgresql://… && analyzer serve --db snapshot.db

    Example: analyzer serve --db research.db --port 8001
    """
    if MISSING:
        raise click.ClickException(f"serve needs {MISSING}: pip install -e \".[serve]\"")
    served = open_served(db_url, live=live)
    for name in keep_read_only_plugins():
        click.echo(f"datasette plugin {name} not loaded: serve runs only read-only plugins", err=True)
    run(served, host, port)
