"""``analyzer reference import``: load a table of official statistics that claim verdicts rank first."""
from __future__ import annotations

import sys

import click

from analyzer.cli.common import checked_paths, fail, handle_errors, verbose_option
from analyzer.cli.store import db_option, open_db
from analyzer.store.ingest import signals_deferred
from analyzer.store.references import ReferenceFileError, import_reference_table


@click.group(name="reference")
def reference_group() -> None:
    """Official reference series (PBOC, NBS releases) for `analyzer check`.

    Example: analyzer reference import references/pboc-nbs.csv --source pboc-nbs --rank official
    """


@reference_group.command(name="import")
@click.argument("path", metavar="FILE.csv", callback=checked_paths)
@click.option("--source", "set_name", required=True, metavar="NAME",
              help="Name of this reference set (e.g. pboc-nbs; at most 200 characters, no space at either end); "
                   "re-importing the same NAME replaces the set.")
@click.option("--rank", type=click.Choice(["official", "secondary"]), default="official", show_default=True,
              help="official: verdicts rest on these rows before news reports; secondary: ranked like news.")
@db_option
@verbose_option
@handle_errors
def reference_import_command(path, set_name, rank, db_url):
    """Load FILE.csv (columns metric, period, value, unit, source, url; optional measure, comparison, title,
    published) into the store as reference series. The whole file is checked first: any bad row is reported as
    `Error: FILE:LINE: problem` (one line per row) and nothing is imported; a table over 10 MiB is refused.
    Importing the same --source again makes the set the new table: changed rows are updated, rows it no longer
    holds removed (each counted).

    Example: analyzer reference import references/pboc-nbs.csv --source pboc-nbs --rank official
    """
    store = open_db(db_url, create=True)  # an import may start a new store
    try:
        records, result = import_reference_table(store, path, set_name, rank)
    except ReferenceFileError as error:
        for line in error.lines:
            click.echo(f"Error: {line}", err=True)
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    except KeyboardInterrupt as interrupt:  # the store was read again: say which table the set is
        stored = getattr(interrupt, "set_stored", None)
        if stored is None:
            raise
        fail(_stored_line(set_name, interrupt.rows, path) if stored
             else f"interrupted: nothing imported, {set_name!r} is as it was", 130)
    finally:
        interrupted = _close(store)
    removed = f", {result.removed} removed (rows of {set_name!r} this table no longer holds)" if result.removed else ""
    click.echo(f"{len(records)} reference rows from {path} stored as {set_name!r} (rank {rank}) in "
               f"{store.display_url}: {result.added} added, {result.updated} updated, {result.unchanged} unchanged"
               f"{removed}", err=True)
    if interrupted:
        fail(_stored_line(set_name, len(records), path), 130)


def _stored_line(set_name: str, rows: int, path: str) -> str:
    return f"interrupted after the set was stored: {set_name!r} holds the {rows} rows of {path}"


def _close(store) -> bool:
    """Close the store with Ctrl-C held, and say whether one came meanwhile. Closing is no moment to be interrupted
    in: the import is over (on SQLite the last connection checkpoints the write-ahead log, a second or more after a
    large import), and a Ctrl-C there said only `interrupted`, as one while the table was still being read does."""
    try:
        with signals_deferred():
            store.close()
    except KeyboardInterrupt:
        return True
    return False
