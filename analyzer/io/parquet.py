"""Records as Parquet, for data-lake users: one row a document, figures and mentions as nested columns.

The ``record`` column holds the whole record in record format (JSON), so ``analyzer ingest --records DIR``
reads a directory of these files back without loss; the other columns are for querying in place (DuckDB,
Spark, pandas). Values stay exact decimal strings.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from analyzer.errors import InputError
from analyzer.io.gold import record_problem
from analyzer.io.readers import parse_json_object
from analyzer.io.safejson import load_json
from analyzer.records import MENTION_KINDS, Record

ROW_BATCH = 1000


def record_schema():
    import pyarrow as pa
    figure = pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("value", pa.string()),
                        ("value_high", pa.string()), ("unit", pa.string()), ("measure", pa.string()),
                        ("comparison", pa.string()), ("metric", pa.string()), ("place", pa.string()),
                        ("period_start", pa.string()), ("period_end", pa.string())])
    mention = pa.struct([("kind", pa.string()), ("name", pa.string()), ("text", pa.string()),
                         ("start", pa.int64()), ("end", pa.int64())])
    return pa.schema([("doc_id", pa.string()), ("title", pa.string()), ("source", pa.string()),
                      ("published", pa.string()), ("kind", pa.string()), ("url", pa.string()),
                      ("text", pa.string()), ("figures", pa.list_(figure)), ("mentions", pa.list_(mention)),
                      ("extractor_version", pa.string()), ("record", pa.string())])


def record_row(record: Record, extractor_version: str) -> dict:
    """One Parquet row: the document's fields, its figures and mentions, and the whole record as JSON."""
    document = record.document
    figures = []
    for figure in record.figures:
        data = figure.to_dict()
        period = data.get("period") or {}
        figures.append({**{k: data.get(k) for k in ("text", "start", "end", "value", "value_high", "unit",
                                                      "measure", "comparison", "metric", "place")},
                        "period_start": period.get("start"), "period_end": period.get("end")})
    mentions = [{"kind": kind.rstrip("s"), "name": m.name, "text": m.text, "start": m.start, "end": m.end}
                for kind in MENTION_KINDS for m in record.mentions(kind)]
    return {"doc_id": document.id, "title": document.title, "source": document.source,
            "published": None if document.published is None else str(document.published),
            "kind": document.kind, "url": document.url, "text": document.text, "figures": figures,
            "mentions": mentions, "extractor_version": extractor_version,
            "record": json.dumps(record.to_dict(), ensure_ascii=False)}


def write_records_parquet(records: Iterable[Record], path: str | Path, extractor_version: str) -> int:
    """Write ``records`` to ``path`` atomically (a temporary file renamed into place, so a task that runs
    twice leaves one whole file); return the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    schema, count, rows = record_schema(), 0, []
    with pq.ParquetWriter(temporary, schema, compression="zstd") as writer:
        for record in records:
            rows.append(record_row(record, extractor_version))
            if len(rows) == ROW_BATCH:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count, rows = count + len(rows), []
        if rows or not count:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    os.replace(temporary, path)
    return count


def record_from_json(text: str, where: str, doc_id: str | None = None) -> Record | InputError:
    """A record-format JSON object as ``analyzer ingest --records`` reads it, or the error naming ``where``."""
    try:
        obj = load_json(text, where)
        document = parse_json_object(obj, where, doc_id)
        record = Record.from_dict(obj)
    except InputError as error:
        return error
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError) as error:
        return InputError(where, "not a valid record: "
                              + (record_problem(obj) or f"{type(error).__name__}: {error}"))
    record.document = document
    return record


def read_parquet_records(path: str) -> Iterator[Record | InputError]:
    """The records of a Parquet file written by ``write_records_parquet``; a bad row is an error naming
    ``FILE[ROW]``, and reading goes on."""
    import pyarrow.parquet as pq
    try:
        parquet = pq.ParquetFile(path)
        if "record" not in parquet.schema_arrow.names:
            raise InputError(path, "not a record Parquet file (no 'record' column; write one with "
                                   "`analyzer extract … --out DIR --format parquet`)")
        batches = parquet.iter_batches(batch_size=ROW_BATCH, columns=["record"])
        row = 0
        for batch in batches:
            for text in batch.column(0).to_pylist():
                yield record_from_json(text or "", f"{path}[{row}]")
                row += 1
    except InputError as error:
        yield error
    except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
        yield InputError(path, f"cannot read Parquet ({type(error).__name__}: {error})")
