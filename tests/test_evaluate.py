"""The scorer on constructed cases: perfect, missing, spurious, wrong attribute, overlapping spans."""
import copy
import json

import pytest

from analyzer.evaluate import match_spans, score

GOLD = {
    "doc": {"id": "d"}, "text": "余额35.3万亿元，同比增长12.5%。",
    "figures": [
        {"text": "35.3万亿元", "start": 2, "end": 9, "value": "35300000000000", "value_high": None, "unit": "CNY",
         "qualifier": None, "measure": "level", "comparison": None, "metric": "余额",
         "period": {"start": "2025-03-31", "end": "2025-03-31"}},
        {"text": "12.5%", "start": 14, "end": 19, "value": "12.5", "value_high": None, "unit": "percent",
         "qualifier": None, "measure": "growth_rate", "comparison": "yoy", "metric": "余额", "period": None},
    ],
    "policy_tools": [], "sectors": [{"text": "余额", "start": 0, "end": 2, "name": "X"}], "institutions": [],
}


def same(gold_name, pred_name):
    return gold_name == pred_name


def run(pred):
    return score([(GOLD, pred)], names_agree=same)


def test_perfect():
    scores = run(copy.deepcopy(GOLD))
    assert scores.figures.f1 == 1.0
    assert all(scores.attribute_accuracy(a) == 1.0 for a in ("value", "unit", "metric", "period"))
    assert scores.mentions["sectors"].f1 == 1.0


def test_missing_figure():
    pred = copy.deepcopy(GOLD)
    pred["figures"] = pred["figures"][:1]
    scores = run(pred)
    assert scores.figures.precision == 1.0 and scores.figures.recall == 0.5
    assert any(e["error"] == "missed" for e in scores.errors)


def test_spurious_figure():
    pred = copy.deepcopy(GOLD)
    pred["figures"].append(dict(pred["figures"][0], start=20, end=22, text="xx"))
    scores = run(pred)
    assert scores.figures.precision == pytest.approx(2 / 3) and scores.figures.recall == 1.0


def test_wrong_attribute_counts_only_that_attribute():
    pred = copy.deepcopy(GOLD)
    pred["figures"][0]["value"] = "3530000000000"  # 亿 for 万亿
    pred["figures"][1]["period"] = {"start": "2025-03-31", "end": "2025-03-31"}
    scores = run(pred)
    assert scores.figures.f1 == 1.0
    assert scores.attribute_accuracy("value") == 0.5
    assert scores.attribute_accuracy("period") == 0.5
    assert scores.attribute_accuracy("unit") == 1.0


def test_values_compared_as_decimals():
    pred = copy.deepcopy(GOLD)
    pred["figures"][0]["value"] = "35300000000000.000"
    pred["figures"][1]["metric"] = " 余 额 "
    scores = run(pred)
    assert scores.attribute_accuracy("value") == 1.0 and scores.attribute_accuracy("metric") == 1.0


def test_overlapping_spans_match_one_to_one():
    gold = [{"start": 0, "end": 10}, {"start": 10, "end": 14}]
    pred = [{"start": 2, "end": 12}, {"start": 11, "end": 13}, {"start": 3, "end": 4}]
    assert match_spans(gold, pred) == [(0, 0), (1, 1)]


def test_mentions_need_agreeing_names():
    pred = copy.deepcopy(GOLD)
    pred["sectors"][0]["name"] = "Y"
    scores = run(pred)
    assert scores.mentions["sectors"].matched == 0
    assert scores.mentions["sectors"].precision == 0.0


@pytest.mark.parametrize("gold_name, pred_name, agree", [
    ("逆回购", "买断式逆回购", True),  # gold written before parents: the finer prediction names the same thing
    ("存款准备金率", "普惠金融定向降准", True),  # grandparent
    ("中小企业", "科技型中小企业", True),  # one of several parents
    ("降准", "定向降准", True),  # an alias of the parent
    ("买断式逆回购", "逆回购", False),  # a coarser prediction does not name the finer gold
    ("隔夜逆回购", "买断式逆回购", False),  # siblings
    # names compare as the taxonomy looks them up: case and width aside (2026-12-07)
    ("MINIMAX", "MiniMax", True),  # written in capitals, kept in the taxonomy's spelling
    ("ETORO", "eToro", True),  # an outside name written otherwise
    ("MiniMax", "Minimax Capital", False),
])
def test_names_agree_with_parents(gold_name, pred_name, agree):
    from analyzer.evaluate import default_names_agree
    assert default_names_agree()(gold_name, pred_name) is agree


def test_empty_prediction():
    scores = run({"figures": [], "policy_tools": [], "sectors": [], "institutions": []})
    assert scores.figures.recall == 0.0 and scores.figures.predicted == 0


def test_eval_names_a_gold_file_it_cannot_score(tmp_path):
    from click.testing import CliRunner

    from analyzer.cli import main
    record = {"format": "policy-records/v1", "doc": {"id": "x", "kind": "news"}, "text": "余额35.3万亿元",
              "figures": [{"text": "35.3万亿元"}], "policy_tools": [], "sectors": [], "institutions": []}
    (tmp_path / "x.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code != 0
    assert "x.json" in result.output and "figures[0]" in result.output
    assert "Traceback" not in result.output


def test_eval_takes_several_gold_dirs_and_only_predicted(tmp_path):
    """Agreement runs: gold from two folders, scored only where the second annotator has a file."""
    import json as _json

    from click.testing import CliRunner

    from analyzer.cli import main
    record = {"format": "policy-records/v1", "doc": {"id": "d1", "kind": "news"}, "text": "余额35.3万亿元",
              "figures": [{"text": "35.3万亿元", "start": 2, "end": 9, "value": "35300000000000", "value_high": None,
                           "unit": "CNY", "qualifier": None, "measure": "level", "comparison": None,
                           "metric": "余额", "period": None}],
              "policy_tools": [], "sectors": [], "institutions": []}
    for folder, doc_id in (("a", "d1"), ("b", "d2"), ("second", "d1")):
        (tmp_path / folder).mkdir()
        data = record | {"doc": {"id": doc_id, "kind": "news"}}
        (tmp_path / folder / f"{doc_id}.json").write_text(_json.dumps(data, ensure_ascii=False), encoding="utf-8")
    args = ["eval", str(tmp_path / "a"), str(tmp_path / "b"), "--pred", str(tmp_path / "second"), "-f", "json"]
    everything = _json.loads(CliRunner().invoke(main, args).stdout)
    agreement = _json.loads(CliRunner().invoke(main, args + ["--only-predicted"]).stdout)
    assert everything["documents"] == 2 and everything["figures"]["recall"] == 0.5
    assert agreement["documents"] == 1 and agreement["figures"]["f1"] == 1.0
