"""The learned theme classifier: a tiny training run into tmp_path, then load and predict (needs torch)."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from analyzer.brief.themes import theme_ids
from analyzer.model.data import f1_scores, load_sentences
from conftest import CORPUS

from analyzer.brief.classify import learned_model_available

needs_torch = pytest.mark.skipif(not learned_model_available(),
                                 reason="torch/transformers not installed (pip install -e '.[model]')")

TRAIN_FILES = ["b-2025-05-26-jjrb-sme-finance.json", "b-2024-12-20-financing-coordination-2months.json"]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    from analyzer.model import train
    from analyzer.model.training import TrainOptions
    root = tmp_path_factory.mktemp("theme")
    corpus = root / "corpus"
    for part in ("dev", "test"):
        (corpus / part).mkdir(parents=True)
    for name in TRAIN_FILES:
        shutil.copy(CORPUS / "dev" / name, corpus / "dev" / name)
    shutil.copy(CORPUS / "dev" / TRAIN_FILES[0], corpus / "test" / TRAIN_FILES[0])
    options = TrainOptions(epochs=2, max_steps=4, batch_size=8, layers=1, hidden=32, heads=2, intermediate=64)
    settings = train(corpus, root / "model", options=options)
    return root / "model", settings


@needs_torch
def test_training_saves_a_loadable_hf_folder(tiny_model):
    path, settings = tiny_model
    for name in ("model.safetensors", "config.json", "README.md", "theme_classifier.json"):
        assert (path / name).exists(), name
    assert (path / "vocab.txt").exists() or (path / "tokenizer.json").exists()
    assert settings["train"]["steps"] == 4 and settings["labels"] == list(theme_ids())
    config = json.loads((path / "config.json").read_text())
    assert config["problem_type"] == "multi_label_classification" and config["num_hidden_layers"] == 1
    card = (path / "README.md").read_text()
    assert "macro F1" in card and "keywords" in card
    assert set(settings["test"]) == {"corpus", "model", "keywords", "bootstrap"}
    assert settings["default"] == (settings["test"]["bootstrap"]["difference"]["point"] > 0)


@needs_torch
def test_load_and_predict(tiny_model):
    from analyzer import model
    path, _ = tiny_model
    classifier = model.load(path)
    sentences = ["截至2025年一季度末，全国普惠小微贷款余额达35.3万亿元，同比增长12.5%。", "下一步，各方将持续优化政策供给。",
                 "English text and 數字 123 with unseen characters ☃"]
    predicted = classifier.predict(sentences)
    assert len(predicted) == 3 and all(labels and set(labels) <= set(theme_ids()) for labels in predicted)
    scores = classifier.scores(sentences[:1])[0]
    assert set(scores) == set(theme_ids()) and all(0.0 <= v <= 1.0 for v in scores.values())
    assert model.predict(sentences[:1], path) == predicted[:1]


@needs_torch
def test_brief_accepts_a_local_model(tiny_model):
    from analyzer.brief import brief_document, choose_classifier
    from analyzer.records import Record
    path, _ = tiny_model
    choice = choose_classifier("auto", path)  # a --model PATH given by the user is used as it is
    assert choice.kind == "model" and choice.path == str(path)
    document = Record.from_dict(json.loads((CORPUS / "dev" / TRAIN_FILES[0]).read_text())).document
    brief = brief_document(document, "zh", choice)
    assert brief.classifier.kind == "model" and brief.themes


def test_model_without_settings_is_not_default(tmp_path):
    import analyzer.model
    assert analyzer.model.is_default(tmp_path) is False


def test_lazy_import_in_fresh_interpreter():
    import subprocess
    code = ("import sys, analyzer.model, analyzer.brief, analyzer.cli; "
            "print('torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_f1_scores():
    gold = [("credit_data",), ("policy_tools", "outlook"), ("outlook",)]
    predicted = [["credit_data"], ["policy_tools"], ["credit_data"]]
    scores = f1_scores(gold, predicted, ["credit_data", "policy_tools", "outlook"])
    assert scores["per_label"]["policy_tools"]["f1"] == 1.0 and scores["per_label"]["outlook"]["f1"] == 0.0
    assert scores["per_label"]["credit_data"]["f1"] == pytest.approx(2 / 3)
    assert scores["macro_f1"] == pytest.approx((2 / 3 + 1 + 0) / 3)


def test_gold_sentences_have_known_labels():
    labels = set(theme_ids())
    for part in ("dev", "test"):
        sentences = load_sentences(CORPUS / part)
        assert sentences and all(s.labels and set(s.labels) <= labels for s in sentences)


@needs_torch
def test_fine_tune_a_local_checkpoint(tiny_model, tmp_path):
    """--base-model PATH: any local Hugging Face folder (here the tiny model itself) is fine-tuned offline."""
    from analyzer import model
    from analyzer.model.training import TrainOptions
    base, settings = tiny_model
    corpus = Path(settings["train"]["corpus"])
    tuned = model.train(corpus, tmp_path / "tuned", base_model=base,
                        options=TrainOptions(epochs=1, max_steps=2, batch_size=8))
    assert tuned["base_model"] == str(base) and "fine-tuned" in (tmp_path / "tuned" / "README.md").read_text()
    assert model.load(tmp_path / "tuned").predict(["下一步将继续加大支持力度。"])


def test_base_model_must_be_a_local_folder(tmp_path):
    from analyzer.errors import ModelError
    if not learned_model_available():
        pytest.skip("torch/transformers not installed (pip install -e '.[model]')")
    from analyzer import model
    with pytest.raises(ModelError, match="not a local folder"):
        model.train(CORPUS, tmp_path / "m", base_model="bert-base-chinese")


@needs_torch
def test_cli_model_eval(tiny_model):
    from click.testing import CliRunner

    from analyzer.cli import main
    path, settings = tiny_model
    result = CliRunner().invoke(main, ["model", "eval", "--model", str(path), "--corpus", settings["test"]["corpus"],
                                       "-f", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert 0.0 <= scores["model"]["macro_f1"] <= 1.0 and 0.0 <= scores["keywords"]["macro_f1"] <= 1.0
