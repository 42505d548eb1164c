"""Record types: gold files survive read → write unchanged; decimals never become floats."""
from decimal import Decimal

import pytest

from analyzer.records import Figure, Record, decimal_to_str
from conftest import gold_files, load_gold


def canonical_values(data: dict) -> dict:
    """Gold may write 2.40 where we write 2.4: compare values as decimals."""
    for figure in data.get("figures", []):
        for key in ("value", "value_high"):
            if figure.get(key) is not None:
                figure[key] = decimal_to_str(Decimal(figure[key]))
    return data


@pytest.mark.parametrize("path", gold_files(), ids=lambda p: p.name)
def test_gold_round_trip(path):
    data = load_gold(path)
    assert Record.from_dict(data).to_dict() == canonical_values(load_gold(path))


@pytest.mark.parametrize("value, text", [
    (Decimal("35300000000000.0"), "35300000000000"), (Decimal("1.6400E+9"), "1640000000"),
    (Decimal("-0.250"), "-0.25"), (Decimal("0"), "0"), (Decimal("-0.0"), "0"), (Decimal("12.5"), "12.5"),
])
def test_decimal_to_str(value, text):
    assert decimal_to_str(value) == text


def test_figure_value_is_decimal():
    figure = Figure.from_dict({"text": "16.4亿元", "start": 0, "end": 6, "value": "1640000000", "unit": "CNY"})
    assert isinstance(figure.value, Decimal) and figure.to_dict()["value"] == "1640000000"


def test_doc_metadata_kept_exactly():
    doc = {"id": 7, "title": "t", "custom": {"a": 1}, "published": "2025-05-26"}
    record = Record.from_dict({"doc": doc, "text": "x"})
    assert record.to_dict()["doc"] == doc
