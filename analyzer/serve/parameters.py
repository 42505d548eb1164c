"""The table parameters datasette refuses with its error's default status, 500, as if the server had failed —
``_sort``/``_sort_desc`` by a column it will not sort by (or both at once) and a ``_through`` that names no foreign key
to the table or is not a JSON object of table, column and value — checked here first, against the table itself, and
refused with status 400 and datasette's own wording. Datasette then never raises those refusals, so any error of
its own that is left keeps its status: a database failure on a request with a valid ``_sort`` stays a 500.

The checks are datasette 0.65's (``TableView.sortable_columns_for_table`` and ``filters.through_filters``): the
sortable columns are the table metadata's ``sortable_columns`` when it has them, else the table's columns, and
``rowid`` for a table without a primary key; a sort configured in metadata (no parameter given) is not checked.
"""
from __future__ import annotations

import json

from datasette.views.base import DatasetteError

THROUGH_EXAMPLE = '{"table": "links", "column": "kind", "value": "policy_tool"}'
BINDABLE = (str, int, float, type(None))  # what SQLite binds; a list or an object was a 500 (ProgrammingError)


def refused(message: str) -> DatasetteError:
    return DatasetteError(message, title="Bad request", status=400)


def check_sort(args, sortable: set[str]) -> None:
    """Raise a 400 for the request's ``_sort``/``_sort_desc`` where datasette would refuse it (the first value of
    each counts, an empty one is none, as datasette reads them)."""
    sort, sort_desc = args.get("_sort"), args.get("_sort_desc")
    if sort and sort_desc:
        raise refused("Cannot use _sort and _sort_desc at the same time")
    for column in (sort, sort_desc):
        if column and column not in sortable:
            raise refused(f"Cannot sort table by {column}")


def read_through(text: str) -> tuple[str, str, object]:
    """``(table, column, value)`` of one ``_through`` parameter, or a 400 that says how to write it."""
    try:
        through = json.loads(text)
    except ValueError as error:
        raise refused(f"Invalid _through - not JSON: {error}") from None
    fields = (through.get("table"), through.get("column"), through.get("value")) \
        if isinstance(through, dict) else (None, None, None)
    if not (isinstance(fields[0], str) and isinstance(fields[1], str) and "value" in through
            and isinstance(fields[2], BINDABLE)):
        raise refused(f"Invalid _through - write a JSON object with a table, a column and a value: {THROUGH_EXAMPLE}")
    return fields


async def sortable_columns(datasette, database: str, table: str) -> set[str]:
    """The columns datasette sorts ``table`` by (``TableView.sortable_columns_for_table``)."""
    db = datasette.get_database(database)
    table_metadata = datasette.table_metadata(database, table)
    if "sortable_columns" in table_metadata:
        columns = set(table_metadata["sortable_columns"])
    else:
        columns = set(await db.table_columns(table))
    if not await db.primary_keys(table) and not await db.get_view_definition(table):
        columns.add("rowid")
    return columns


async def check_through(args, datasette, database: str, table: str) -> None:
    """Raise a 400 for a ``_through`` that cannot be read or whose table has no foreign key to ``table``."""
    db = datasette.get_database(database)
    for text in args.getlist("_through"):
        through_table, column, _value = read_through(text)
        # datasette puts the names in SQL between [ ]: only a table and a column the store has get that far
        if not (await db.table_exists(through_table)
                and any(fk["other_table"] == table for fk in await db.foreign_keys_for_table(through_table))):
            raise refused("Invalid _through - could not find corresponding foreign key")
        if column != "rowid" and column not in await db.table_columns(through_table):
            raise refused(f"Invalid _through - {through_table} has no column {column}")


async def check_table_parameters(request, datasette, database: str, table: str) -> None:
    """Refuse, with a 400, the sort and ``_through`` parameters datasette would refuse with a 500."""
    args = request.args
    if args.get("_sort") or args.get("_sort_desc"):
        check_sort(args, await sortable_columns(datasette, database, table))
    if "_through" in args:
        await check_through(args, datasette, database, table)
