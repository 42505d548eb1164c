"""Fuzzing the readers and the record checks with hypothesis (bounded and derandomized, so CI is repeatable).

Properties: any bytes in any supported file type give documents or one-line ``InputError``s, never another
exception; any JSON a hostile file can hold gives a record or a one-line error, and every record that passes
validation can be stored and printed as strict JSON.
"""
from __future__ import annotations

import codecs
import json
import math
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.errors import InputError
from analyzer.io.readers import read_documents
from analyzer.records import Document, Record
from analyzer.store import StoredRecord, open_store
from analyzer.store.ingest import content_hash, read_records
from analyzer.store.validate import validate_document, validate_record

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".json", ".jsonl", ".html", ".md"]
ENCODINGS = [("utf-8", b""), ("gb18030", b""), ("big5", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
             ("utf-32-be", codecs.BOM_UTF32_BE), ("utf-8", codecs.BOM_UTF8)]
TEXT = "截至2025年一季度末，全国普惠小微贷款余额达35.3万亿元，同比增长12.5%。"

# JSON values a hostile file may hold: huge and non-finite numbers, NUL, lone surrogates, deep nesting
SPECIAL = ["\x00", "\ud800", "Infinity", "-Infinity", "NaN", "sNaN", "1e400", "1E-999999", "-0", "2025-13-45",
           "", " ", "x" * 40, -1, 10**6, True, 1e308, float("inf"), float("nan"), 10**70, [], {}]
hostile_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**60, max_value=10**200),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40), st.sampled_from(SPECIAL))
# half the time one of the known-nasty values, else any JSON built from hostile scalars
hostile_json = st.one_of(st.sampled_from(SPECIAL), st.recursive(hostile_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12))


def _read(data: bytes, suffix: str) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "doc" + suffix)
        path.write_bytes(data)
        items = list(read_documents([str(path)]))
    for item in items:
        assert isinstance(item, (Document, InputError)), item
        if isinstance(item, InputError):
            assert "\n" not in str(item) and str(item).startswith(str(path))
    return items


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_give_documents_or_one_line_errors(data, suffix):
    for item in _read(data, suffix):
        if isinstance(item, Document):
            try:
                validate_document(item)
            except InputError as error:
                assert "\n" not in str(error)


@FUZZ
@given(text=st.text(min_size=1, max_size=300), encoding=st.sampled_from(ENCODINGS))
def test_text_in_any_supported_encoding(text, encoding):
    codec, bom = encoding
    try:
        data = bom + text.encode(codec)
    except UnicodeEncodeError:
        return  # not representable in this encoding (Big5 has no 𝕏)
    for item in _read(data, ".txt"):
        assert isinstance(item, InputError) or item.text.strip()


@settings(FUZZ, max_examples=400)
@given(value=hostile_json, field=st.sampled_from(["doc.source", "doc.published", "doc.kind", "doc.id", "doc.meta",
                                                   "text", "figure.value", "figure.start", "figure.period",
                                                   "figure.unit", "figure.links", "mention.name"]))
def test_hostile_json_records_are_stored_or_refused_in_one_line(value, field):
    data = _record()
    target, _, key = field.partition(".")
    holder = {"doc": data["doc"], "figure": data["figures"][0], "mention": data["sectors"][0]}.get(target, data)
    holder[key or target] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "r.jsonl")
        path.write_text(json.dumps(data) + "\n" + json.dumps(_record("good")), encoding="utf-8")
        items = list(read_records([str(path)]))
    assert len(items) == 2 and isinstance(items[1], Record) and items[1].document.id == "good"
    for item in items:
        if isinstance(item, InputError):
            assert "\n" not in str(item)
            continue
        try:
            validate_record(item)
        except InputError as error:
            assert "\n" not in str(error)
            continue
        _store().write([StoredRecord(item, content_hash(item), "fuzz")])
        json.dumps(item.to_dict(), ensure_ascii=False, allow_nan=False)
        for figure in item.figures:  # what `check` and `timeline` will compute with
            assert Decimal(figure.to_dict()["value"]).is_finite() and math.isfinite(float(figure.value))
            assert 0 <= figure.start <= figure.end <= len(item.document.text)


def _record(doc_id: str = "fuzzed") -> dict:
    start = TEXT.index("35.3")
    return {"doc": {"id": doc_id, "source": "经济日报", "published": "2025-05-26", "kind": "news"}, "text": TEXT,
            "figures": [{"text": "35.3万亿元", "start": start, "end": start + 7, "value": "35300000000000",
                         "unit": "CNY", "measure": "level", "period": {"start": "2025-03-31", "end": "2025-03-31"},
                         "links": {"sectors": ["小微企业"]}}],
            "policy_tools": [], "sectors": [{"text": "小微", "start": 19, "end": 21, "name": "小微企业"}],
            "institutions": []}


_STORE = []


def _store():
    if not _STORE:
        _STORE.append(open_store(":memory:"))
    return _STORE[0]
