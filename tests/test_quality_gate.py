"""Quality gate: the held-out corpus, and real-gold/test where ../shared/data is here, must score at or above the
recorded floors (tests/quality_floors.json)."""
import json
from pathlib import Path

import pytest

from analyzer.evaluate import score, score_links
from analyzer.records import Document
from conftest import gold_files, load_gold, real_gold_files

FLOORS = json.loads((Path(__file__).with_name("quality_floors.json")).read_text(encoding="utf-8"))


def _scores(pipeline, files):
    gold = [load_gold(path) for path in files]
    pairs = [(g, pipeline.analyze(Document.from_dict(g["doc"], g["text"])).to_dict()) for g in gold]
    scores = score(pairs)
    scores.links = score_links([g for g, _ in pairs], [p for _, p in pairs])
    return scores


@pytest.fixture(scope="module")
def test_scores(pipeline):
    return _scores(pipeline, gold_files("test"))


@pytest.fixture(scope="module")
def real_test_scores(pipeline):
    files = real_gold_files("test")
    if not files:
        pytest.skip("real-gold/test needs ../shared/data (or $ANALYZER_REAL_TEXTS)")
    return _scores(pipeline, files)


def _value(scores, name: str) -> float:
    if name == "figures_f1":
        return scores.figures.f1
    if name == "links_f1":
        return scores.links["f1"]
    if name.endswith("_f1"):
        return scores.mentions[name[:-3]].f1
    return scores.attribute_accuracy(name)


@pytest.mark.parametrize("name", [k for k in FLOORS if not k.startswith("_") and not isinstance(FLOORS[k], dict)])
def test_floor(test_scores, name):
    value = _value(test_scores, name)
    assert value >= FLOORS[name], f"{name} {value:.3f} fell below its floor {FLOORS[name]}"


@pytest.mark.parametrize("name", [k for k in FLOORS["real_test"] if not k.startswith("_")])
def test_real_text_floor(real_test_scores, name):
    value = _value(real_test_scores, name)
    floor = FLOORS["real_test"][name]
    assert value >= floor, f"real-gold/test {name} {value:.3f} fell below its floor {floor}"
