"""Official reference series: a CSV table of statistics loaded into the store as ranked evidence.

Columns: ``metric, period, value, unit, source, url`` (required) and ``measure, comparison, title, published``
(optional). Lines starting with ``#`` are comments. ``period`` is ``2024`` (the year), ``2024-Q1``, ``2024-03``
(the month), ``2024-12-31`` (a date) or ``START/END``, and ``published`` a date (2025-01-15); ``unit`` a spelling
from ``reference_units.toml`` (万亿元, %, 个百分点, 万户 …). Every row becomes one document of kind ``reference``
whose meta carries the rank (``official`` ranks above news reports in verdicts) and one figure; the whole file is
checked first and stored in one transaction, so a file with any bad row stores nothing and every bad row is reported
as ``FILE:LINE: problem``; the table is read whole for that, so one over ``MAX_TABLE_BYTES`` (10 MiB) is refused
unread.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import functools
import hashlib
import io
import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, Inexact, localcontext
from pathlib import Path

from analyzer.errors import InputError, StoreError
from analyzer.io.readers import decode_bytes, regular_file_size
from analyzer.records import COMPARISONS, MEASURES, Document, Figure, Period, Record
from analyzer.store.base import StoredRecord
from analyzer.store.sql import database_refusal
from analyzer.store.validate import MAX_ID_CHARS, validate_figures
from analyzer.taxonomy import metric_key

REQUIRED = ("metric", "period", "value", "unit", "source", "url")
OPTIONAL = ("measure", "comparison", "title", "published")
RANKS = ("official", "secondary")
UNITS_FILE = Path(__file__).with_name("reference_units.toml")
EXTRACTOR_VERSION = "reference-1"
# the largest table read (bytes): the whole table is checked in memory before one transaction stores it, some 25 times
# its size in Python objects (a 6 MB table of 50,000 rows took 165 MB); the shipped pboc-nbs.csv is 6 KB
MAX_TABLE_BYTES = 10 * 2**20
ONE_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)  # 2024-12-31 as written (not 20241231 or 2024-W01)
MAX_SET_NAME = 200  # characters of a set's name (--source): every row's id holds it, and an id is at most 1,000
# a number as a table writes it (commas already removed); re.ASCII: \d is 0-9 only
PLAIN_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_QUARTER_END = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}


class ReferenceFileError(InputError):
    """A reference table with bad rows: ``lines`` holds one ``FILE:LINE: problem`` per bad row."""

    def __init__(self, source: str, lines: list[str]):
        self.lines = lines
        super().__init__(source, f"{len(lines)} bad row(s), nothing imported")


@dataclass(frozen=True)
class UnitSpelling:
    unit: str
    factor: Decimal
    counter: str | None = None


@functools.cache
def unit_spellings() -> dict[str, UnitSpelling]:
    data = tomllib.loads(UNITS_FILE.read_text(encoding="utf-8"))
    return {spelling: UnitSpelling(u["unit"], Decimal(u["factor"]), u.get("counter"))
            for u in data["unit"] for spelling in u["spellings"]}


def parse_period(text: str, column: str = "period") -> Period:
    """2024 → the year; 2024-Q1 → the quarter's end (a reading at that date); 2024-03 → the month;
    2024-12-31 → the day; START/END as given. A ``ValueError`` names the ``column`` and the value as written."""
    text = text.strip()
    _ascii_digits(text, column)
    if "/" in text:
        return _range(text, column)
    if re.match(r"0000(?:$|-)", text):  # the patterns below read it; no calendar date has it
        raise ValueError(f"{column} {text!r} is in year 0, which no date has: the years start at 0001")
    if re.fullmatch(r"\d{4}", text, re.ASCII):
        return Period(f"{text}-01-01", f"{text}-12-31")
    match = re.fullmatch(r"(\d{4})-?Q([1-4])", text, re.IGNORECASE | re.ASCII)
    if match:
        day = f"{match.group(1)}-{_QUARTER_END[int(match.group(2))]}"
        return Period(day, day)
    match = re.fullmatch(r"(\d{4})-(\d{2})", text, re.ASCII)
    if match and 1 <= int(match.group(2)) <= 12:
        year, month = int(match.group(1)), int(match.group(2))
        return Period(f"{text}-01", f"{text}-{calendar.monthrange(year, month)[1]:02d}")
    return _day(text, column)


def _day(text: str, column: str) -> Period:
    """2024-12-31 only: ``date.fromisoformat`` (Python 3.11 on) also reads 20241231 and ISO weeks, so 2024-W01 (a
    week) was stored as the one day 2024-01-01."""
    try:
        if not ONE_DAY.fullmatch(text):
            raise ValueError
        day = dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"{column} {text!r} is not 2024, 2024-Q1, 2024-03, 2024-12-31 or START/END") from None
    return Period(day, day)


def _ascii_digits(text: str, column: str) -> None:
    """Refuse digits other than 0-9 (２０２４, ٢٠٢٤): Python's date parser and ``\\d`` read them, the store's ISO
    dates do not, and its message named an internal field (``figures[0].period.start``)."""
    other = [c for c in text if c.isdigit() and not ("0" <= c <= "9")]
    if other:
        written = "".join(str(unicodedata.digit(c)) if c in other else c for c in text)
        raise ValueError(f"{column} {text!r} is written with digits other than 0-9 ({', '.join(dict.fromkeys(other))});"
                         f" write {written!r}")


def _range(text: str, column: str) -> Period:
    """START/END, both given: ``2024-12-31/`` named its empty end (``period ''``), not the period written."""
    start_text, _, end_text = (part.strip() for part in text.partition("/"))
    if not start_text or not end_text or "/" in end_text:
        what = ("more than one '/'" if "/" in end_text else "no end after its '/'" if start_text
                else "no start before its '/'")
        raise ValueError(f"{column} {text!r} has {what}: write START/END (2024-01-01/2024-12-31) or one period "
                         f"(2024-12-31)")
    try:
        start, end = parse_period(start_text, column), parse_period(end_text, column)
    except ValueError as error:
        raise ValueError(f"{column} {text!r}: {error}") from None
    if start.start > end.end:
        raise ValueError(f"{column} {text!r} ends before it starts")
    return Period(start.start, end.end)


def _measure(row: dict, unit: UnitSpelling) -> str:
    measure = (row.get("measure") or "").strip()
    if measure:
        if measure not in MEASURES:
            raise ValueError(f"measure {measure!r} is not one of {', '.join(MEASURES)}")
        return measure
    if unit.unit in ("percent", "percentage_point", "basis_point"):
        raise ValueError("give a measure (rate, growth_rate, change, share) for a value in percent or points")
    return "level"


def _comparison(row: dict) -> str | None:
    comparison = (row.get("comparison") or "").strip() or None
    if comparison not in COMPARISONS:
        raise ValueError(f"comparison {comparison!r} is not one of {', '.join(c for c in COMPARISONS if c)}")
    return comparison


def _value(text: str, unit: UnitSpelling) -> Decimal:
    """The written value in base units, exactly: ASCII digits with thousands commas, a point and an exponent
    (1,234.5, -0.25, 3E+2). Decimal alone also reads 1_000, full-width and other scripts' digits, NaN and
    Infinity; no person writes a table's number so, so each is refused, and so is a product it cannot keep exact."""
    written = text.strip().replace(",", "")
    if not PLAIN_DECIMAL.fullmatch(written):
        raise ValueError(f"value {text!r} is not a number")
    with localcontext() as context:
        context.traps[Inexact] = True
        try:
            return Decimal(written) * unit.factor
        except Inexact:
            raise ValueError(f"value {text!r} has more digits than are kept exactly") from None


def _checked(row: dict) -> tuple[UnitSpelling, str]:
    """The row's unit and url, once every required cell is there."""
    missing = [k for k in REQUIRED if not (row.get(k) or "").strip()]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    spelling = unit_spellings().get(row["unit"].strip())
    if spelling is None:
        raise ValueError(f"unit {row['unit']!r} is not one of {', '.join(unit_spellings())}")
    url = row["url"].strip()
    if not re.match(r"https?://\S+$", url):
        raise ValueError(f"url {url!r} is not an http(s) address")
    return spelling, url


def row_record(row: dict, set_name: str, rank: str) -> Record:
    """One CSV row as a one-figure record; raises ``ValueError`` naming the row's problem."""
    spelling, url = _checked(row)
    period, value = parse_period(row["period"]), _value(row["value"], spelling)
    measure, comparison = _measure(row, spelling), _comparison(row)
    metric, source = row["metric"].strip(), row["source"].strip()
    title = (row.get("title") or "").strip() or None
    published = _published(row)
    written = f"{row['value'].strip()}{row['unit'].strip()}"
    head = f"{metric}（{period.start}至{period.end}）：" if period.start != period.end else f"{metric}（{period.end}）："
    text = f"{head}{written}。来源：{source}{'《' + title + '》' if title else ''} {url}"
    doc_id = f"reference:{set_name}:{metric_key(metric)}:{measure}:{comparison or ''}:{period.start}:{period.end}"
    if len(doc_id) > MAX_ID_CHARS:
        raise ValueError(f"the row's id (the set's name, metric, measure and period) has {len(doc_id):,} characters, "
                         f"over the store's limit of {MAX_ID_CHARS:,}: shorten the metric or --source")
    figure = Figure(text=written, start=len(head), end=len(head) + len(written), value=value, unit=spelling.unit,
                    measure=measure, comparison=comparison, metric=metric, period=period, counter=spelling.counter)
    document = Document(id=doc_id, text=text, title=title, source=source, published=published, kind="reference",
                        url=url, meta={"rank": rank, "reference_set": set_name})
    return Record(document=document, figures=[figure])


def _published(row: dict) -> str | None:
    """The release's day, or None: one day, as ingest holds a document's date (a period was stored as written, so
    2024/2025 or 2024-Q1 sat in the documents' date column and was quoted as the release's date)."""
    published = (row.get("published") or "").strip() or None
    if published:
        parse_period(published, "published")  # its digits and its day checked
        if not ONE_DAY.fullmatch(published):
            raise ValueError(f"published {published!r} is not one day: write the release's date, as 2025-01-15")
    return published


def _records(path: str, text: str) -> list[tuple[int, list[str]]]:
    """(first line number, cells) of each CSV record of ``text``, where a quoted cell may hold a line break; blank
    lines and lines starting with # between records are skipped. Lines end at \n, \r\n or \r only (a title
    holding U+2028 stays one line)."""
    at = {"boundary": True, "start": 0}

    def lines():
        for number, line in enumerate(io.StringIO(text, newline=""), 1):
            if at["boundary"] and (not line.strip() or line.startswith("#")):
                continue
            if at["boundary"]:
                at["start"], at["boundary"] = number, False
            yield line
    records = []
    try:
        for cells in csv.reader(lines()):
            records.append((at["start"], cells))
            at["boundary"] = True
    except csv.Error as error:
        raise InputError(path, f"line {at['start']}: {error}") from None
    return records


def _header(path: str, record: tuple[int, list[str]]) -> list[str]:
    number, cells = record
    header = [h.strip() for h in cells]
    absent = [k for k in REQUIRED if k not in header]
    unknown = [k for k in header if k not in REQUIRED + OPTIONAL]
    twice = sorted({k for k in header if header.count(k) > 1})  # read as one, the other cell lost in silence
    what = (f"missing column(s) {', '.join(absent)}" if absent else f"unknown column(s) {', '.join(unknown)}"
            if unknown else f"column(s) given twice: {', '.join(twice)}" if twice else None)
    if what:
        raise ReferenceFileError(path, [f"{path}:{number}: {what}; columns are {', '.join(REQUIRED + OPTIONAL)}"])
    return header


def _rows(path: str, header: list[str], records: list[tuple[int, list[str]]], set_name: str, rank: str):
    """(record, None) or (None, error line) for each data row; a repeated metric, measure and period is an error."""
    seen: dict[str, int] = {}
    for number, cells in records:
        if len(cells) != len(header):
            yield None, f"{path}:{number}: {len(cells)} cells where the header has {len(header)}"
            continue
        try:
            record = row_record(dict(zip(header, cells)), set_name, rank)
            validate_figures(record)  # what ingest refuses (a value past 100 digits or exponent ±100 …)
        except ValueError as error:
            yield None, f"{path}:{number}: {error}"
            continue
        except InputError as error:
            yield None, f"{path}:{number}: {error.problem}"
            continue
        if record.document.id in seen:
            yield None, f"{path}:{number}: the same metric, measure and period as line {seen[record.document.id]}"
            continue
        seen[record.document.id] = number
        yield record, None


def _table_text(path: str) -> str:
    """The table's text, read whole (every row is checked before any is stored) and so at most ``MAX_TABLE_BYTES``:
    a bigger file is one error line, never read; a FIFO or device (/dev/zero) is refused unread too."""
    size = regular_file_size(Path(path), path)
    data = b""
    try:
        if size <= MAX_TABLE_BYTES:
            with open(path, "rb") as handle:
                data = handle.read(MAX_TABLE_BYTES + 1)  # it may have grown since its size was read
        if size > MAX_TABLE_BYTES or len(data) > MAX_TABLE_BYTES:
            raise InputError(path, f"{max(size, len(data)):,} bytes is over the limit of {MAX_TABLE_BYTES:,} bytes "
                                   "for a reference table (split it into several sets, one --source each)")
        # as ingest reads a file: a BOM, UTF-8, else GB18030/GBK or Big5 (a spreadsheet's CSV on a Chinese Windows)
        return decode_bytes(data, path) if data.strip() else ""
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read the reference table: {error}") from None


def _check_set_name(path: str, set_name: str) -> None:
    """A set's name that no one means is refused before the table is read: ``'s '`` (pasted with its space) was a
    set beside ``s``, whose rows the corrected table dropped then stayed and were cited; a name past the id limit
    gave one error line per row."""
    problem = ("is empty" if not set_name.strip() else
               "begins or ends with a space" if set_name != set_name.strip() else
               "holds a control character" if any(unicodedata.category(c) == "Cc" for c in set_name) else
               f"has {len(set_name):,} characters (at most {MAX_SET_NAME})" if len(set_name) > MAX_SET_NAME else None)
    if problem:
        raise InputError(path, f"the set's name (--source) {set_name!r} {problem}; nothing imported")


def read_reference_file(path: str, set_name: str, rank: str = "official") -> list[Record]:
    """Every row of the table as a record; ``ReferenceFileError`` listing every bad row if any is bad."""
    if rank not in RANKS:
        raise InputError(path, f"rank {rank!r} is not one of {', '.join(RANKS)}")
    _check_set_name(path, set_name)
    text = _table_text(path)
    records = _records(path, text)
    if not records:
        raise InputError(path, "no rows")
    header = _header(path, records[0])
    if len(records) < 2:  # importing no row would replace a whole set with nothing
        raise InputError(path, "no rows below the header")
    results = list(_rows(path, header, records[1:], set_name, rank))
    errors = [error for _, error in results if error]
    if errors:
        raise ReferenceFileError(path, errors)
    return [record for record, _ in results]


def import_references(store, path: str, set_name: str, rank: str = "official") -> int:
    """Check the whole table, then store it in one transaction: how many rows (see ``import_reference_table``)."""
    return len(import_reference_table(store, path, set_name, rank)[0])


def import_reference_table(store, path: str, set_name: str, rank: str = "official"):
    """Check the whole table, then store it in one transaction as the set ``set_name``: the set becomes the table
    (a row of the set stored before that the table no longer holds is removed in the same transaction, the set read
    under its lock, so two imports at once end as one table or the other). Returns the records and the store's
    ``WriteResult`` (added, updated, unchanged, removed)."""
    records = read_reference_file(path, set_name, rank)
    batch = [StoredRecord(r, row_hash(r), EXTRACTOR_VERSION) for r in records]
    try:
        with database_refusal(f"the database refused the reference table {path} (nothing imported)"):
            result = store.write(batch, replace_set=set_name)
    except KeyboardInterrupt as interrupt:
        interrupt.set_stored, interrupt.rows = _holds(store, set_name, batch), len(batch)
        raise
    return records, result


def _holds(store, set_name: str, batch: list[StoredRecord]) -> bool | None:
    """Whether the store's set ``set_name`` is now ``batch``, read again after an interrupt (one that lands while
    COMMIT runs is raised once it has returned, so the set may be either table); None when it cannot be read."""
    try:
        with database_refusal("reading the set again"):
            return store.reference_set(set_name) == {s.record.document.id: s.content_hash for s in batch}
    except StoreError:
        return None


def row_hash(record: Record) -> str:
    """The content hash of a reference row: the whole record as stored (its rank and publication date included, which
    its text does not write), so a row imported again with another ``--rank`` or date is updated, not unchanged."""
    return hashlib.sha256(json.dumps(record.to_dict(), sort_keys=True, ensure_ascii=False, default=str)
                          .encode()).hexdigest()

