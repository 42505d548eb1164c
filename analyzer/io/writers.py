"""Write records as record-format v1 JSON/JSONL, CSV (one row per figure or mention) or a terminal table;
with ``explain`` each figure also shows the rule (and its words) behind each attribute (``Figure.explain``)."""
from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterable, Sequence
from typing import IO

from analyzer.errors import one_line
from analyzer.io.spreadsheet import spreadsheet_cell
from analyzer.records import MENTION_KINDS, Figure, Record

FORMATS = ("json", "jsonl", "csv", "table")
FLAT_COLUMNS = ("doc_id", "kind", "text", "start", "end", "value", "value_high", "unit", "counter", "qualifier",
                "measure", "comparison", "metric", "place", "period_start", "period_end", "name")
TABLE_COLUMNS = ("kind", "text", "value", "unit", "measure", "comparison", "metric", "place", "period_start",
                 "period_end", "name")
# the order --explain lists a figure's attributes in; others (a helper's own) follow, sorted
EXPLAIN_ORDER = ("value", "value_high", "unit", "counter", "qualifier", "measure", "comparison", "metric", "period")


def explain_text(entry: dict | None) -> str:
    """``rule=<id> (words)`` for one attribute's explain entry; ``rule=none`` where no rule was recorded."""
    if not entry or not entry.get("rule"):
        return "rule=none"
    words = entry.get("words")
    if isinstance(words, (list, tuple)):
        words = "、".join(str(w) for w in words)
    return f"rule={entry['rule']} ({words or ''})"


def figure_explain(figure: Figure) -> dict[str, dict]:
    """The figure's explain entries, attribute → {"rule", "words"}, in ``EXPLAIN_ORDER``."""
    order = {name: i for i, name in enumerate(EXPLAIN_ORDER)}
    return {name: dict(figure.explain[name]) for name in
            sorted(figure.explain, key=lambda n: (order.get(n, len(order)), n))}


def explain_lines(figure: Figure, indent: str = "    ") -> list[str]:
    """One line per attribute with an explain entry: ``metric: rule=metric.before (贷款余额)``."""
    return [f"{indent}{name}: {explain_text(entry)}" for name, entry in figure_explain(figure).items()]


def record_dict(record: Record, explain: bool = False) -> dict:
    """The record in record format; with ``explain`` each figure gets an ``explain`` object."""
    data = record.to_dict()
    if explain:
        for figure_data, figure in zip(data["figures"], record.figures):
            figure_data["explain"] = figure_explain(figure)
    return data


def record_rows(record: Record, explain: bool = False) -> Iterable[dict]:
    """One flat row per figure and mention, for CSV and tables; ``explain`` adds an ``explain`` column to figures
    (``metric: rule=… (…); …``)."""
    doc_id = record.document.id
    for figure in record.figures:
        data = figure.to_dict()
        period = data.pop("period") or {}
        row = {"doc_id": doc_id, "kind": "figure", **{k: data.get(k) for k in FLAT_COLUMNS if k in data},
               "period_start": period.get("start"), "period_end": period.get("end")}
        if explain:
            row["explain"] = "; ".join(line.strip() for line in explain_lines(figure))
        yield row
    for kind in MENTION_KINDS:
        for mention in record.mentions(kind):
            yield {"doc_id": doc_id, "kind": kind.rstrip("s"), "text": mention.text, "start": mention.start,
                   "end": mention.end, "name": mention.name}


def display_width(text: str) -> int:
    if text.isascii():  # every ASCII character is one column wide (east_asian_width Na or N)
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clipped(text: str, max_width: int) -> str:
    """``text`` cut to ``max_width`` columns with a closing …: the longest start of it, two characters shorter at least,
    that fits with the … (what cutting two characters and adding … until it fits gave, in one pass: that loop
    measured the whole text again for every character cut, 32 s for a cell of 40,000 Chinese characters)."""
    if display_width(text) <= max_width:
        return text
    used, end = 0, 0
    for ch in text:
        used += display_width(ch)
        if used > max_width - 1:
            break
        end += 1
    return text[:max(min(end, len(text) - 2), 0)] + "…"


def table_cell(value, max_width: int) -> str:
    """One cell of a terminal table: one line (control characters escaped as in messages: no stored ESC drives the
    terminal), at most ``max_width`` columns wide."""
    return clipped("" if value is None else one_line(str(value).replace("\n", " ")), max_width)


def table_line(values: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths)).rstrip()


def table_head(columns: Sequence[str], widths: Sequence[int]) -> list[str]:
    """The header line and the rule under it."""
    return [table_line(columns, widths), table_line(["-" * w for w in widths], widths)]


def format_table(rows: Sequence[dict], columns: Sequence[str] | None = None, max_width: int = 40) -> str:
    """A plain text table that lines up Chinese (double-width) characters (``io.rows.write_table`` streams one)."""
    if not rows:
        return "(no rows)"
    columns = list(columns or rows[0].keys())
    cells = [[table_cell(row.get(c), max_width) for c in columns] for row in rows]
    columns = [one_line(str(c)) for c in columns]
    widths = [max(display_width(c), *(display_width(r[i]) for r in cells)) for i, c in enumerate(columns)]
    return "\n".join([*table_head(columns, widths), *(table_line(r, widths) for r in cells)])


class RecordWriter:
    """Streams records to ``out`` in one format; ``json`` prints one object, or an array for several."""

    def __init__(self, out: IO[str], fmt: str = "json", explain: bool = False):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        self.out, self.fmt, self.explain = out, fmt, explain
        self.count = 0
        self._pending: Record | None = None
        self._csv = None

    def write(self, record: Record) -> None:
        self.count += 1
        if self.fmt == "jsonl":
            self.out.write(json.dumps(record_dict(record, self.explain), ensure_ascii=False) + "\n")
        elif self.fmt == "json":
            self._write_json(record)
        elif self.fmt == "csv":
            if self._csv is None:
                columns = (*FLAT_COLUMNS, "explain") if self.explain else FLAT_COLUMNS
                self._csv = csv.DictWriter(self.out, columns, extrasaction="ignore")
                self._csv.writeheader()
            self._csv.writerows({k: spreadsheet_cell(v) for k, v in row.items()}
                                for row in record_rows(record, self.explain))
        else:
            self._write_table(record)

    def _write_json(self, record: Record) -> None:
        # hold one record back: a single record prints as an object, several as an array
        if self.count == 1:
            self._pending = record
            return
        if self.count == 2:
            self.out.write("[\n" + self._json(self._pending))
        self.out.write(",\n" + self._json(record))

    def _write_table(self, record: Record) -> None:
        """A table per record; with ``explain`` each figure's row is followed by its indented explain lines."""
        title = record.document.title or ""
        self.out.write(one_line(f"# {record.document.id}  {title}") + "\n")
        lines = format_table(list(record_rows(record)), TABLE_COLUMNS).split("\n")
        if self.explain and record.figures:  # rows 2… are the figures, in order, then the mentions
            head, rows = lines[:2], lines[2:]
            figure_rows = [[row, *explain_lines(figure)] for row, figure in zip(rows, record.figures)]
            lines = head + [line for group in figure_rows for line in group] + rows[len(record.figures):]
        self.out.write("\n".join(lines) + "\n\n")

    def _json(self, record: Record) -> str:
        return json.dumps(record_dict(record, self.explain), ensure_ascii=False, indent=2)

    def close(self) -> None:
        if self.fmt == "json":
            if self.count == 1:
                self.out.write(self._json(self._pending) + "\n")
            elif self.count > 1:
                self.out.write("\n]\n")
            else:
                self.out.write("[]\n")
        self.out.flush()

