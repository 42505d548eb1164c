"""`--explain`: `analyzer eval` names the rule behind each wrong attribute, `analyzer extract` the rule and words behind
each attribute of each figure (``Figure.explain``, filled by the extraction rules; never stored)."""
from __future__ import annotations

import copy
import io
import json

import pytest
from click.testing import CliRunner

import analyzer.cli.evaluate
import analyzer.cli.extract
from analyzer import analyze
from analyzer.cli import main
from analyzer.evaluate import format_report, score
from analyzer.io.writers import RecordWriter, explain_text
from analyzer.pipeline import Pipeline

SENTENCE = "截至2025年一季度末，普惠小微贷款余额达35.3万亿元，同比增长12.5%。"
PUBLISHED = "2025-06-30"
EXPLAIN = {"metric": {"rule": "metric.before", "words": "普惠小微贷款余额"},
           "measure": {"rule": "measure.balance", "words": ["余额", "达"]}}


def gold_record(wrong_metric: str = "错误的指标") -> dict:
    """The pipeline's own record of SENTENCE as gold, with the first figure's metric made wrong."""
    record = analyze(SENTENCE, published=PUBLISHED, doc_id="explain-1").to_dict()
    record["figures"][0]["metric"] = wrong_metric
    return record


@pytest.fixture
def explained(monkeypatch):
    """A pipeline whose figures carry EXPLAIN (until every rule fills its own)."""
    class Explained(Pipeline):
        def analyze(self, document):
            record = super().analyze(document)
            for figure in record.figures:
                figure.explain = copy.deepcopy(EXPLAIN)
            return record
    monkeypatch.setattr(analyzer.cli.evaluate, "Pipeline", Explained)
    monkeypatch.setattr(analyzer.cli.extract, "Pipeline", Explained)


# --- scoring ---------------------------------------------------------------------------------------------------

def test_a_wrong_attribute_names_the_rule_of_the_prediction():
    gold = gold_record()
    pred = analyze(SENTENCE, published=PUBLISHED, doc_id="explain-1").to_dict()
    for figure in pred["figures"]:
        figure["explain"] = EXPLAIN
    errors = [e for e in score([(gold, pred)]).errors if e["error"] == "wrong metric"]
    assert len(errors) == 1
    assert (errors[0]["rule"], errors[0]["words"]) == ("metric.before", "普惠小微贷款余额")
    line = next(line for line in format_report(score([(gold, pred)])).splitlines() if "wrong metric" in line)
    assert line.endswith("rule=metric.before (普惠小微贷款余额)")


def test_without_explain_the_errors_are_as_before():
    gold = gold_record()
    pred = analyze(SENTENCE, published=PUBLISHED, doc_id="explain-1").to_dict()
    error = next(e for e in score([(gold, pred)]).errors if e["error"] == "wrong metric")
    assert set(error) == {"doc", "error", "text", "start", "gold", "predicted"}
    assert "rule=" not in format_report(score([(gold, pred)]))


@pytest.mark.parametrize("entry, text", [
    ({"rule": "metric.before", "words": "贷款余额"}, "rule=metric.before (贷款余额)"),
    ({"rule": "measure.balance", "words": ["余额", "达"]}, "rule=measure.balance (余额、达)"),
    ({}, "rule=none"),
    (None, "rule=none"),
])
def test_explain_text(entry, text):
    assert explain_text(entry) == text


# --- analyzer eval --explain -----------------------------------------------------------------------------------

def write_gold(tmp_path) -> str:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "explain-1.json").write_text(json.dumps(gold_record(), ensure_ascii=False), encoding="utf-8")
    return str(folder)


def test_eval_explain_names_the_rule_in_text_and_json(tmp_path, explained):
    gold = write_gold(tmp_path)
    text = CliRunner().invoke(main, ["eval", gold, "--explain"])
    assert text.exit_code == 0, text.output
    line = next(line for line in text.output.splitlines() if "wrong metric" in line)
    assert line.endswith("rule=metric.before (普惠小微贷款余额)")
    data = json.loads(CliRunner().invoke(main, ["eval", gold, "--explain", "-f", "json"]).output)
    error = next(e for e in data["errors"] if e["error"] == "wrong metric")
    assert (error["rule"], error["words"]) == ("metric.before", "普惠小微贷款余额")


def test_eval_explain_end_to_end_on_the_real_rules(tmp_path):
    """Every wrong attribute carries the rule fields; a wrong measure, metric or period names the row that chose it
    (value and qualifier come from number parsing, not from a rule table, and may say ``rule=none``)."""
    gold = write_gold(tmp_path)
    data = json.loads(CliRunner().invoke(main, ["eval", gold, "--explain", "-f", "json"]).output)
    wrong = [e for e in data["errors"] if e["error"].startswith("wrong ")]
    assert wrong and all({"rule", "words"} <= set(e) for e in wrong)
    ruled = [e for e in wrong if e["error"].split()[1].rstrip(":") in ("measure", "metric", "period")]
    assert ruled and all(e["rule"] not in (None, "none") for e in ruled)
    text = CliRunner().invoke(main, ["eval", gold, "--explain"]).output
    assert all("  rule=" in line for line in text.splitlines() if "  wrong " in line)


def test_eval_without_explain_prints_no_rules(tmp_path, explained):
    output = CliRunner().invoke(main, ["eval", write_gold(tmp_path)]).output
    assert "wrong metric" in output and "rule=" not in output


def test_eval_explain_refuses_saved_predictions(tmp_path):
    gold = write_gold(tmp_path)
    result = CliRunner().invoke(main, ["eval", gold, "--pred", gold, "--explain"])
    assert result.exit_code == 2 and "--explain" in result.output


# --- analyzer extract --explain --------------------------------------------------------------------------------

def extract(*args: str) -> str:
    result = CliRunner().invoke(main, ["extract", "-", "--published", PUBLISHED, "--explain", *args], input=SENTENCE)
    assert result.exit_code == 0, result.output
    return result.output


def test_extract_explain_json_has_an_explain_object_per_figure(explained):
    figures = json.loads(extract("-f", "json"))["figures"]
    assert len(figures) == 2
    assert all(figure["explain"] == EXPLAIN for figure in figures)


def test_extract_explain_table_indents_each_attribute_under_its_figure(explained):
    lines = extract("-f", "table").splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("figure  35.3万亿元"))
    assert lines[row + 1:row + 3] == ["    measure: rule=measure.balance (余额、达)",
                                      "    metric: rule=metric.before (普惠小微贷款余额)"]
    assert lines[row + 3].startswith("figure  12.5%")


def test_extract_explain_keeps_the_rules_in_english_output(explained):
    figures = json.loads(extract("-f", "json", "--lang", "en"))["figures"]
    assert all(figure["explain"] == EXPLAIN for figure in figures)


def test_extract_explain_end_to_end_on_the_real_rules():
    """Every figure names the rows that chose its measure, metric and period, each with the words it used."""
    for fmt in ("json", "jsonl"):
        figures = json.loads(extract("-f", fmt).splitlines()[0] if fmt == "jsonl" else extract("-f", fmt))["figures"]
        assert figures
        for figure in figures:
            assert {"measure", "metric", "period"} <= set(figure["explain"])
            for entry in figure["explain"].values():
                assert set(entry) == {"rule", "words"} and entry["rule"]


def test_extract_without_explain_is_unchanged():
    result = CliRunner().invoke(main, ["extract", "-", "-f", "json"], input=SENTENCE)
    assert all("explain" not in figure for figure in json.loads(result.output)["figures"])


def test_csv_gets_an_explain_column():
    record = analyze(SENTENCE, published=PUBLISHED)
    record.figures[0].explain = copy.deepcopy(EXPLAIN)
    out = io.StringIO()
    writer = RecordWriter(out, "csv", explain=True)
    writer.write(record)
    writer.close()
    header, first = out.getvalue().splitlines()[:2]
    assert header.endswith(",explain")
    assert first.endswith("measure: rule=measure.balance (余额、达); metric: rule=metric.before (普惠小微贷款余额)")
