"""Check a record against the record format and the store's columns before it reaches a transaction.

A record that fails is reported as one line (``file[:line]: problem``) and skipped; it never aborts the batch
it came in. Checked: types; lengths of the short columns (published, kind, unit …); known units, measures,
qualifiers, comparisons and document kinds; finite decimals of bounded size (no Infinity, NaN, sNaN or
1e400); no NUL character or lone surrogate in any string; offsets inside the text; ``meta`` and ``extra``
serializable as strict JSON (no NaN).
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from analyzer.errors import InputError
from analyzer.extract.periods import parse_date
from analyzer.io.safejson import check_json
from analyzer.records import (
    COMPARISONS,
    DOC_KINDS,
    MEASURES,
    MENTION_KINDS,
    QUALIFIERS,
    UNITS,
    Document,
    Figure,
    Mention,
    Record,
)
from analyzer.store import schema

MAX_ID_CHARS = 1000
MAX_EXPONENT = 100  # |exponent| of a value: 1e100 yuan is already far beyond any real figure
MAX_DIGITS = 100
DOC_STRINGS = ("title", "source", "published", "kind", "url")
CHOICES = {"unit": UNITS, "qualifier": QUALIFIERS, "measure": MEASURES, "comparison": COMPARISONS}


def _column_length(table, name: str) -> int | None:
    return getattr(table.c[name].type, "length", None)


def validate_document(document: Document) -> None:
    """Raise ``InputError`` for the first problem of a document: its path, id, text, metadata fields or meta."""
    _check_origin(document)
    where = document.location or document.id
    if not isinstance(document.id, str) or not document.id.strip():
        raise InputError(where, "the document id is empty")
    if len(document.id) > MAX_ID_CHARS:
        raise InputError(where, f"the document id has {len(document.id):,} characters (limit {MAX_ID_CHARS})")
    if not isinstance(document.text, str) or not document.text.strip():
        raise InputError(where, "the document has no text")
    check_json({"id": document.id, "text": document.text}, where)
    _check_doc_fields(document, where)
    check_json(document.doc_dict(), where)
    _strict_json(document.doc_dict(), "doc", where)


def _check_origin(document: Document) -> None:
    """A file whose path holds bytes that are not UTF-8 (read from the file system as lone surrogates) cannot be
    stored: the store keeps each document's path (``origin``), and its id may be the path."""
    origin = getattr(document, "origin", None) or ""
    if any("\udc80" <= character <= "\udcff" for character in origin):
        shown = (document.location or origin).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise InputError(shown, "the file's path is not UTF-8 text, and the store keeps each document's path as "
                                "UTF-8: rename the file")


def _check_doc_fields(document: Document, where: str) -> None:
    """title, source, published, kind and url: strings that fit their columns; a known kind; a real date."""
    for name in DOC_STRINGS:
        value = getattr(document, name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(where, f"doc.{name} must be a string, not {type(value).__name__}")
        limit = _column_length(schema.documents, name)
        if limit and len(value) > limit:
            raise InputError(where, f"doc.{name} has {len(value)} characters (the store holds {limit})")
    if document.kind is not None and document.kind not in DOC_KINDS:
        raise InputError(where, f"doc.kind {document.kind!r} is not one of {', '.join(DOC_KINDS)}")
    if document.published is not None and parse_date(document.published) is None:
        raise InputError(where, f"doc.published {document.published!r} is not a date (write it as 2025-05-26)")


def validate_record(record: Record, *, given: bool = False) -> None:
    """Raise ``InputError`` for the first problem of a record: its document, figures or mentions. A ``given``
    record (``ingest --records``: a gold file, extract output) is also held to ``given_record_problem``."""
    document = record.document
    validate_document(document)
    where = document.location or document.id
    length = len(document.text)
    validate_figures(record)
    for kind in ("policy_tools", "sectors", "institutions"):
        for i, mention in enumerate(record.mentions(kind)):
            _check_mention(mention, f"{kind}[{i}]", length, where)
    problem = given_record_problem(record) if given else None
    if problem:
        raise InputError(where, problem)


def given_record_problem(record: Record) -> str | None:
    """What the record format promises of a given record that the offsets alone do not check: each figure's and
    mention's ``text`` is the document's text at its ``start``..``end`` (``text[start:end] == text``), and a
    figure's period does not end before it starts. Before (s24-probe), a figure whose offsets were shifted or
    whose text was another number was stored as it was, and `check`, the brief and `serve` quoted a sentence
    that does not hold it."""
    text = record.document.text
    spans = [(f"figures[{i}]", figure) for i, figure in enumerate(record.figures)]
    spans += [(f"{kind}[{i}]", mention) for kind in ("policy_tools", "sectors", "institutions")
              for i, mention in enumerate(record.mentions(kind))]
    for path, item in spans:
        if text[item.start:item.end] != item.text:
            return (f"{path}: its text {_short(item.text)} is not the document's text at {item.start}..{item.end} "
                    f"({_short(text[item.start:item.end])}): offsets are code points into the text as given")
    for i, figure in enumerate(record.figures):
        if figure.period is not None and figure.period.start > figure.period.end:
            return (f"figures[{i}].period ends before it starts ({figure.period.start} > {figure.period.end})")
    return None


def _short(value: str, most: int = 40) -> str:
    return repr(value if len(value) <= most else value[:most] + "…")


def validate_figures(record: Record) -> None:
    """The figure checks of ``validate_record``, and no NUL or lone surrogate in the document's strings: what a
    reference row (whose document has a kind of its own, ``reference``) must pass."""
    where = record.document.location or record.document.id
    check_json(record.document.doc_dict(), where)
    for i, figure in enumerate(record.figures):
        _check_figure(figure, f"figures[{i}]", len(record.document.text), where)


def _check_span(item, path: str, length: int, where: str) -> None:
    if not isinstance(item.text, str):
        raise InputError(where, f"{path}.text must be a string")
    for name in ("start", "end"):
        if isinstance(getattr(item, name), bool) or not isinstance(getattr(item, name), int):
            raise InputError(where, f"{path}.{name} must be an integer")
    if not 0 <= item.start <= item.end <= length:
        raise InputError(where, f"{path}: offsets {item.start}..{item.end} are outside the text (0..{length})")


def _check_decimal(value, path: str, where: str) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InputError(where, f"{path} {value} is not a finite decimal")
    exponent = value.adjusted()
    if abs(exponent) > MAX_EXPONENT or len(value.as_tuple().digits) > MAX_DIGITS:
        raise InputError(where, f"{path} is out of range (at most {MAX_DIGITS} digits, exponent within "
                                f"±{MAX_EXPONENT})")


def _check_figure(figure: Figure, path: str, length: int, where: str) -> None:
    _check_span(figure, path, length, where)
    _check_decimal(figure.value, f"{path}.value", where)
    if figure.value_high is not None:
        _check_decimal(figure.value_high, f"{path}.value_high", where)
    _check_labels(figure, path, where)
    _check_period(figure, path, where)
    links = figure.links or {}
    if not isinstance(links, dict) or not all(isinstance(names, list) and all(isinstance(n, str) and n for n in names)
                                              for names in links.values()):
        raise InputError(where, f"{path}.links must map kinds to lists of names")
    unknown = [kind for kind in links if kind not in MENTION_KINDS]
    if unknown:  # s24-probe: stored as a link kind of its own on SQLite, refused by PostgreSQL's column size
        raise InputError(where, f"{path}.links has a kind {_short(str(unknown[0]))} that is not one of "
                                f"{', '.join(MENTION_KINDS)}")
    data = figure.to_dict()
    check_json(data, where)
    _strict_json(data, path, where)


def _check_labels(figure: Figure, path: str, where: str) -> None:
    """unit, qualifier, measure, comparison from their lists; metric, counter and place strings or null."""
    for name, choices in CHOICES.items():
        if getattr(figure, name) not in choices:
            raise InputError(where, f"{path}.{name} {getattr(figure, name)!r} is not one of "
                                    f"{', '.join(str(c) for c in choices)}")
    for name in ("metric", "counter", "place"):
        if getattr(figure, name) is not None and not isinstance(getattr(figure, name), str):
            raise InputError(where, f"{path}.{name} must be a string or null")


def _check_period(figure: Figure, path: str, where: str) -> None:
    if figure.period is None:
        return
    for name in ("start", "end"):
        value = getattr(figure.period, name)
        if not isinstance(value, str) or len(value) != 10 or _not_a_date(value):
            raise InputError(where, f"{path}.period.{name} {value!r} is not an ISO date like 2025-03-31")


def _check_mention(mention: Mention, path: str, length: int, where: str) -> None:
    _check_span(mention, path, length, where)
    if not isinstance(mention.name, str) or not mention.name:
        raise InputError(where, f"{path}.name must be a non-empty string")
    data = mention.to_dict()
    check_json(data, where)
    _strict_json(data, path, where)


def _not_a_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return True
    return False


def _strict_json(value, path: str, where: str) -> None:
    try:
        json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise InputError(where, f"{path} is not strict JSON ({error})") from None
