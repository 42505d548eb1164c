"""``analyzer ingest | query | export | sql | sql-reader``: the database commands (``timeline`` and ``trends``
are in ``timeline.py`` and ``trends.py``, on ``analyzer.analysis``)."""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
from pathlib import Path

import click
from tqdm import tqdm

from analyzer.cli.common import (FiniteRange, checked_filter, checked_output, checked_paths, checked_place, fail,
                                 format_option, handle_errors, report_failures, verbose_option)
from analyzer.cli.engine import engine_options, use_dask
from analyzer.cluster.engine import ingest_on_cluster, ingest_partitions_here
from analyzer.errors import StoreError, safe_message
from analyzer.io.rows import blob_as_hex, unique_names, write_rows
from analyzer.records import MEASURES, UNITS
from analyzer.settings import DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_TIME_LIMIT, Settings
from analyzer.store import FigureQuery, open_store, readonly
from analyzer.store.base import DEFAULT_SQL_TIME_LIMIT
from analyzer.store.export import export_sqlite, export_table
from analyzer.store.ingest import DUPLICATE_POLICIES, ingest
from analyzer.store.queries import FIGURE_COLUMNS

QUERY_TABLE_COLUMNS = ("doc_id", "published", "text", "value", "unit", "measure", "metric", "place", "period_end",
                       "sentence")


def db_option(func):
    return click.option("--db", "db_url", metavar="URL",
                        help="Database: a SQLite path or URL, or postgresql://user:pass@host/db "
                             "[default: $ANALYZER_DB, else ./analyzer.db].")(func)


MAX_SQL_INTEGER = 2**63 - 1  # LIMIT and friends are 64-bit integers in SQLite and PostgreSQL


def open_db(db_url: str | None, create: bool = False, upgrade: bool = True):
    """The store at ``db_url``; the read commands (``create=False``) refuse a path that holds none yet.
    ``upgrade=False``: an older store is read as it is, not upgraded (``analyzer sql`` writes nothing)."""
    return open_store(db_url, create=create, upgrade=upgrade)


def has_parquet(paths: list[str]) -> bool:
    """Whether any of ``paths`` is, or is a folder holding, a Parquet file (read by the partition engine)."""
    for raw in paths:
        path = Path(raw)
        if path.suffix.lower() == ".parquet" or (path.is_dir() and next(path.rglob("*.parquet"), None)):
            return True
    return False


@contextlib.contextmanager
def terminated_as_interrupt():
    """SIGTERM (``kill``, systemd, ``docker stop``) stops an ingest as Ctrl-C does, so it says what it stored; before,
    the process ended at once with no word. The handler before is restored after."""
    def interrupt(_signum, _frame):
        raise KeyboardInterrupt
    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave SIGTERM as it is
        yield
        return
    try:
        yield
    finally:  # None: the handler before was not set from Python (signal.signal refuses None)
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def ingest_with_engine(store, paths: list[str], *, engine: str, scheduler: str | None, workers: int,
                       partition_mb: float, **options):
    """``analyzer ingest``'s work on the chosen engine; ``options`` are ``ingest``'s keyword arguments."""
    partition_bytes = int(partition_mb * 2**20)
    on_duplicate = options.pop("on_duplicate", "error")
    if use_dask(engine, scheduler):
        return ingest_on_cluster(store, paths, scheduler=scheduler, workers=workers,
                                 partition_bytes=partition_bytes, on_duplicate=on_duplicate, **options)
    if options.get("records") and has_parquet(paths):
        return ingest_partitions_here(store, paths, partition_bytes=partition_bytes, on_duplicate=on_duplicate,
                                      **options)
    return ingest(store, paths, workers=workers, on_duplicate=on_duplicate, **options)


def date_option(name: str, text: str):
    def check(ctx, param, value):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise click.BadParameter(f"{value!r} is not a date like 2025-05-26") from None
        return value
    return click.option(name, metavar="DATE", callback=check, help=text)


@click.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, callback=checked_paths)
@db_option
@click.option("--workers", "-w", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Processes that analyze documents in parallel (the main process writes); with "
                   "--engine dask and no --scheduler, the local cluster's worker processes.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=200, show_default=True,
              help="Documents per transaction.")
@click.option("--records", is_flag=True,
              help="PATHS are record files (gold annotations, `extract` output, a folder of `extract "
                   "--format parquet` files): store them as given.")
@click.option("--on-duplicate", type=click.Choice(DUPLICATE_POLICIES), default="error", show_default=True,
              help="A record whose id repeats one in the input, or is stored from another file: report it "
                   "(error), leave it out (skip) or let it replace the other (replace).")
@click.option("--keep-same-text", is_flag=True,
              help="Store a document even when its text is stored (or read earlier) under another id; by "
                   "default it is left out with one line, 'skipped: same text as ID (FILE)'.")
@click.option("--max-doc-bytes", type=click.IntRange(1, 2**40), default=DEFAULT_MAX_DOCUMENT_BYTES,
              show_default=True, help="Largest document (a file, a .jsonl line, stdin); bigger ones fail alone.")
@click.option("--time-limit", type=FiniteRange(0, 86_400), default=DEFAULT_TIME_LIMIT, show_default=True,
              metavar="SECONDS", help="Longest analysis of one document (0: no limit); a slower one fails alone.")
@engine_options
@click.option("--no-links", is_flag=True, help="Skip linking figures to tools, sectors and institutions.")
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@verbose_option
@handle_errors
def ingest_command(paths, db_url, workers, batch_size, records, on_duplicate, keep_same_text, max_doc_bytes,
                   time_limit, no_links, no_progress, engine, scheduler, partition_mb):
    """Analyze PATHS (files, directories, - for stdin) and store their records in the database.

    A document already stored with the same content and extractor version is skipped; a changed one,
    or one analyzed by an older extractor, is replaced. Each batch is one transaction: an interrupted
    ingest keeps what it committed. A document without an id gets its path (relative to the folder named)
    as id. A bad record is reported as one line and skipped; every other record is stored. A document whose
    text is stored under another id (the same file reached through another folder) is left out with one
    line, unless --keep-same-text. Prints a summary on stderr; exits 1 if some inputs failed, 3 if all did.

    With --engine dask (or --scheduler tcp://HOST:8786) the inputs are cut into partitions that the
    workers of a Dask cluster analyze and write, each in its own transactions; see the README.

    Example: analyzer ingest corpus/ --workers 4 --db research.db
    """
    store = open_db(db_url, create=True)
    settings = Settings(links=not no_links, max_document_bytes=max_doc_bytes, time_limit=time_limit)
    try:
        with tqdm(unit="doc", file=sys.stderr, disable=True if no_progress else None, dynamic_ncols=True) as bar, \
                terminated_as_interrupt():
            summary = ingest_with_engine(store, list(paths), engine=engine, scheduler=scheduler, workers=workers,
                                         partition_mb=partition_mb, batch_size=batch_size, records=records,
                                         settings=settings, progress=bar.update, on_duplicate=on_duplicate,
                                         keep_same_text=keep_same_text,
                                         on_error=lambda line: bar.write(f"Error: {safe_message(line)}",
                                                                         file=sys.stderr),
                                         on_notice=lambda line: bar.write(safe_message(line), file=sys.stderr))
    except KeyboardInterrupt as interrupt:
        stored = getattr(interrupt, "summary", None)
        fail(f"interrupted{f' after {stored.line()}' if stored else ''}; every committed batch is kept: run the "
             "same command again to finish (stored documents are skipped)", 130)
    click.echo(safe_message(f"{store.display_url}: {summary.line()}"), err=True)
    store.close()
    report_failures(summary.failed, summary.total)


@click.command(name="query")
@db_option
@click.option("--metric", callback=checked_filter, help="Metric phrase (普惠小微贷款余额) or its normalized key; every place's figures "
                                "unless --place is given.")
@click.option("--place", callback=checked_place, help="Figures of this place (天津 also finds 天津市); 全国 finds the national ones, with no place.")
@click.option("--tool", callback=checked_filter, help="Policy tool (canonical name): figures linked to it or in a sentence naming it.")
@click.option("--sector", callback=checked_filter, help="Sector, e.g. 小微企业 (as for --tool).")
@click.option("--institution", callback=checked_filter, help="Institution, e.g. 中国人民银行 (as for --tool).")
@click.option("--source", callback=checked_filter, help="Publisher of the document, e.g. 经济日报.")
@click.option("--doc", "doc_id", callback=checked_filter, help="One document's id.")
@date_option("--published-from", "Documents published on or after DATE.")
@date_option("--published-to", "Documents published on or before DATE.")
@date_option("--period-from", "Figures whose period starts on or after DATE.")
@date_option("--period-to", "Figures whose period ends on or before DATE.")
@click.option("--unit", type=click.Choice(UNITS))
@click.option("--measure", type=click.Choice(MEASURES))
@click.option("--search", metavar="TEXT", callback=checked_filter, help="Figures whose sentence contains TEXT.")
@click.option("--limit", type=click.IntRange(1, MAX_SQL_INTEGER), help="At most this many rows.")
@format_option()
@verbose_option
@handle_errors
def query_command(db_url, fmt, **filters):
    """Print the stored figures that match every filter given, with their document, sentence and offsets.

    Values are exact decimal strings in base units (yuan, percent); value_num is a float for sorting.

    Example: analyzer query --metric 普惠小微贷款余额 -f table
    """
    store = open_db(db_url)
    columns = QUERY_TABLE_COLUMNS if fmt == "table" else [c.name for c in FIGURE_COLUMNS]
    count = write_rows(store.iter_figures(FigureQuery(**filters)), columns, fmt, sys.stdout)
    click.echo(f"{count} figures", err=True)


@click.command(name="export")
@click.argument("table", required=False, type=click.Choice(["documents", "sentences", "figures", "mentions",
                                                            "links", "schema_version"]))
@db_option
@click.option("--format", "-f", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv",
              show_default=True)
@click.option("--output", "-o", metavar="FILE", callback=checked_output,
              help="Output file [default: stdout; Parquet needs a file].")
@click.option("--sqlite", "sqlite_path", metavar="FILE", callback=checked_output,
              help="Instead of one table, copy the whole store into a new SQLite file (e.g. a PostgreSQL "
                   "store for `analyzer serve`).")
@verbose_option
@handle_errors
def export_command(table, db_url, fmt, output, sqlite_path):
    """Export a whole TABLE (documents, sentences, figures, mentions, links) as CSV, JSON Lines or Parquet,
    or with --sqlite FILE the whole store as a SQLite snapshot.

    Example: analyzer export figures --format parquet -o figures.parquet
    """
    if bool(table) == bool(sqlite_path):
        raise click.UsageError("give either a TABLE or --sqlite FILE")
    if sqlite_path:
        counts = export_sqlite(open_db(db_url), sqlite_path)
        click.echo(f"{sqlite_path}: " + ", ".join(f"{n} {name}" for name, n in counts.items()), err=True)
        return
    count = export_table(open_db(db_url), table, fmt, output)
    click.echo(f"{count} rows of {table} exported", err=True)


@click.command(name="sql")
@click.argument("statement", metavar="SQL")
@db_option
@format_option()
@click.option("--time-limit", type=FiniteRange(0, 86_400), default=DEFAULT_SQL_TIME_LIMIT,
              show_default=True, metavar="SECONDS",
              help="Longest run of the statement (0: no limit); a slower one stops with an error.")
@verbose_option
@handle_errors
def sql_command(statement, db_url, fmt, time_limit):
    """Run one SQL statement on a read-only connection and print its rows (writes are refused).

    Tables: documents, sentences, figures, mentions, links, schema_version (quote "end" in PostgreSQL).

    A blob (bytea) is written as PostgreSQL writes one: \\x and its bytes in hex.

    Example: analyzer sql "SELECT unit, count(*) FROM figures GROUP BY unit" -f table
    """
    columns, rows = open_db(db_url, upgrade=False).sql(statement, time_limit)
    columns = unique_names(columns)  # SELECT 1 AS a, 2 AS a: both columns, a and a_2
    write_rows((dict(zip(columns, map(blob_as_hex, row))) for row in rows), columns, fmt, sys.stdout)


@click.command(name="sql-reader")
@click.argument("role")
@db_option
@click.option("--apply", is_flag=True, help="Create the role now (needs a URL allowed to create roles); the "
              "password is read from $ANALYZER_READER_PASSWORD or asked for, never from the command line.")
@verbose_option
@handle_errors
def sql_reader_command(role, db_url, apply):
    """Print (or with --apply, run) the SQL that creates ROLE, a PostgreSQL login that may only SELECT the
    store's tables: the only kind of role `analyzer sql` runs as on PostgreSQL.

    Example: analyzer sql-reader analyzer_reader --db postgresql://admin@localhost/analyzer
    """
    store = open_db(db_url)
    if store.backend != "postgresql":
        raise StoreError("sql-reader is for PostgreSQL stores; a SQLite store is opened read-only by `analyzer sql`")
    if not apply:  # one transaction, as --apply runs it: pasted into psql, a failed CREATE ROLE (a role of that
        statements = readonly.reader_setup(store.engine, role)  # name exists) stops the GRANTs and the password
        click.echo("BEGIN;")  # change after it; a refused name prints nothing, not a BEGIN left open
        for statement in statements:
            click.echo(statement + ";")
        click.echo(f"ALTER ROLE {role} PASSWORD '…';")
        click.echo("COMMIT;")
        return
    password = os.environ.get("ANALYZER_READER_PASSWORD") or click.prompt(f"Password for {role}", hide_input=True,
                                                                         confirmation_prompt=True, err=True)
    readonly.create_reader(store.engine, role, password)
    click.echo(f"created {role}: use --db postgresql://{role}:…@HOST/DB with `analyzer sql`", err=True)
