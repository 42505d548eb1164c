"""Write records as record-format v1 JSON/JSONL, CSV (one row per figure or mention) or a terminal table."""
from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterable, Sequence
from typing import IO

from analyzer.records import MENTION_KINDS, Record

FORMATS = ("json", "jsonl", "csv", "table")
FLAT_COLUMNS = ("doc_id", "kind", "text", "start", "end", "value", "value_high", "unit", "counter", "qualifier",
                "measure", "comparison", "metric", "period_start", "period_end", "name")


def record_rows(record: Record) -> Iterable[dict]:
    """One flat row per figure and mention, for CSV and tables."""
    doc_id = record.document.id
    for figure in record.figures:
        data = figure.to_dict()
        period = data.pop("period") or {}
        yield {"doc_id": doc_id, "kind": "figure", **{k: data.get(k) for k in FLAT_COLUMNS if k in data},
               "period_start": period.get("start"), "period_end": period.get("end")}
    for kind in MENTION_KINDS:
        for mention in record.mentions(kind):
            yield {"doc_id": doc_id, "kind": kind.rstrip("s"), "text": mention.text, "start": mention.start,
                   "end": mention.end, "name": mention.name}


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(rows: Sequence[dict], columns: Sequence[str] | None = None, max_width: int = 40) -> str:
    """A plain text table that lines up Chinese (double-width) characters."""
    if not rows:
        return "(no rows)"
    columns = list(columns or rows[0].keys())

    def cell(value) -> str:
        text = "" if value is None else str(value).replace("\n", " ")
        while display_width(text) > max_width:
            text = text[:-2] + "…"
        return text

    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(display_width(c), *(display_width(r[i]) for r in cells)) for i, c in enumerate(columns)]

    def line(values):
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *(line(r) for r in cells)])


class RecordWriter:
    """Streams records to ``out`` in one format; ``json`` prints one object, or an array for several."""

    def __init__(self, out: IO[str], fmt: str = "json"):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        self.out, self.fmt = out, fmt
        self.count = 0
        self._pending: Record | None = None
        self._csv = None

    def write(self, record: Record) -> None:
        self.count += 1
        if self.fmt == "jsonl":
            self.out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        elif self.fmt == "json":
            # hold one record back: a single record prints as an object, several as an array
            if self.count == 1:
                self._pending = record
                return
            if self.count == 2:
                self.out.write("[\n" + _json(self._pending))
            self.out.write(",\n" + _json(record))
        elif self.fmt == "csv":
            if self._csv is None:
                self._csv = csv.DictWriter(self.out, FLAT_COLUMNS, extrasaction="ignore")
                self._csv.writeheader()
            self._csv.writerows(record_rows(record))
        else:
            title = record.document.title or ""
            self.out.write(f"# {record.document.id}  {title}\n")
            self.out.write(format_table(list(record_rows(record)),
                                        ("kind", "text", "value", "unit", "measure", "comparison", "metric",
                                         "period_start", "period_end", "name")) + "\n\n")

    def close(self) -> None:
        if self.fmt == "json":
            if self.count == 1:
                self.out.write(_json(self._pending) + "\n")
            elif self.count > 1:
                self.out.write("\n]\n")
            else:
                self.out.write("[]\n")
        self.out.flush()


def _json(record: Record) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=2)
