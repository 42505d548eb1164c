"""Every gold file validates: offsets match the text, enums and values are valid, ids are unique."""
from pathlib import Path

import pytest

from analyzer.io.gold import validate
from conftest import gold_files, load_gold, real_gold_files

# ../shared/data documents kept for outside evaluation: never annotated here
RESERVED = {"finnl-train-5196", "finnl-train-5803", "finnl-train-2980", "finnl-eval-233", "rss-1140", "rss-226",
            "rss-1624", "rss-615", "rss-1592", "rss-43"}


@pytest.mark.parametrize("path", gold_files(), ids=lambda p: p.name)
def test_gold_file_valid(path):
    record = load_gold(path)
    assert validate(record) == []
    assert path.stem == record["doc"]["id"]


@pytest.mark.parametrize("path", real_gold_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_gold_file_valid(path):
    record = load_gold(path)
    assert validate(record) == []
    assert path.stem == record["doc"]["id"]


def test_real_gold_splits_are_disjoint_and_unreserved():
    dev = {p.stem for p in real_gold_files("dev")}
    test = {p.stem for p in real_gold_files("test")}
    assert not dev & test
    assert not (dev | test) & RESERVED


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


def test_outside_text_gold_keeps_no_text_and_joins_back(tmp_path):
    """Gold of outside text is stored as id + hash + annotations; the text comes back only when it is the same."""
    import json as _json

    from analyzer.io.gold import join_text, strip_text
    texts = tmp_path / "data"
    texts.mkdir()
    item = {"id": "n-1", "title": "贷款数据", "text": "余额35.3万亿元。"}
    (texts / "news.jsonl").write_text(_json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    record = {"format": "policy-records/v1", "doc": {"id": "n-1", "title": "贷款数据", "kind": "news"},
              "text": "余额35.3万亿元。", "figures": [], "policy_tools": [], "sectors": [], "institutions": [],
              "themes": [{"text": "余额35.3万亿元。", "start": 0, "end": 10, "labels": ["credit_data"]}]}
    kept = strip_text(record)
    # neither the text, nor the title, nor a theme sentence's text is kept: they come back from the data
    assert "text" not in kept and len(kept["text_sha256"]) == 64
    assert kept["doc"]["title"] is None and "text" not in kept["themes"][0]
    assert join_text(kept, texts) == record
    with pytest.raises(ValueError, match="sha256 mismatch"):
        join_text(kept | {"text_sha256": "0" * 64}, texts)
    with pytest.raises(ValueError, match="no document with this id"):
        join_text(kept | {"doc": {"id": "n-2", "kind": "news"}}, texts)
    with pytest.raises(ValueError, match="not here"):
        join_text(kept, None)


def test_no_outside_text_in_the_repository():
    """real-gold keeps hashes, never the texts of ../shared/data."""
    import json as _json
    for path in sorted((Path(__file__).parent.parent / "real-gold").rglob("*.json")):
        raw = _json.loads(path.read_text(encoding="utf-8"))
        if path.parent.name == "audits":  # blind audits: per document a hash and annotations, never a text
            assert all(set(doc) >= {"text_sha256"} and "text" not in doc for doc in raw["documents"].values()), path
            continue
        assert "text" not in raw and len(raw["text_sha256"]) == 64, path
        assert not raw["doc"].get("title"), path
        assert all("text" not in item for item in raw.get("themes") or []), path
