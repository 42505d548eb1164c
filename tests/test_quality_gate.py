"""Quality gate: the held-out corpus must score at or above the recorded floors (tests/quality_floors.json)."""
import json
from pathlib import Path

import pytest

from analyzer.evaluate import score
from analyzer.extract.links import score_links
from analyzer.records import Document
from conftest import gold_files, load_gold

FLOORS = json.loads((Path(__file__).with_name("quality_floors.json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def test_scores(pipeline):
    gold = [load_gold(path) for path in gold_files("test")]
    pairs = [(g, pipeline.analyze(Document.from_dict(g["doc"], g["text"])).to_dict()) for g in gold]
    scores = score(pairs)
    scores.links = score_links([g for g, _ in pairs], [p for _, p in pairs])
    return scores


@pytest.mark.parametrize("name", [k for k in FLOORS if not k.startswith("_") and not isinstance(FLOORS[k], dict)])
def test_floor(test_scores, name):
    if name == "figures_f1":
        value = test_scores.figures.f1
    elif name == "links_f1":
        value = test_scores.links["f1"]
    elif name.endswith("_f1"):
        value = test_scores.mentions[name[:-3]].f1
    else:
        value = test_scores.attribute_accuracy(name)
    assert value >= FLOORS[name], f"{name} {value:.3f} fell below its floor {FLOORS[name]}"
