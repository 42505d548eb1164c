"""Every gold file validates: offsets match the text, enums and values are valid, ids are unique."""
import pytest

from analyzer.io.gold import validate
from conftest import gold_files, load_gold


@pytest.mark.parametrize("path", gold_files(), ids=lambda p: p.name)
def test_gold_file_valid(path):
    record = load_gold(path)
    assert validate(record) == []
    assert path.stem == record["doc"]["id"]


def test_corpus_has_both_parts():
    assert gold_files("dev") and gold_files("test")


def test_doc_ids_unique():
    ids = [load_gold(p)["doc"]["id"] for p in gold_files()]
    assert len(ids) == len(set(ids))


def test_validate_catches_problems():
    bad = {"format": "policy-records/v1", "doc": {"id": "x", "kind": "news"}, "text": "余额35.3万亿元",
           "figures": [{"text": "35.3万亿元", "start": 1, "end": 8, "value": 35.3, "unit": "yuan",
                        "qualifier": None, "measure": "level", "comparison": None, "metric": None, "period": None}]}
    problems = validate(bad)
    assert any("offsets" in p for p in problems)
    assert any("must be a string" in p for p in problems)
    assert any("unit" in p for p in problems)
