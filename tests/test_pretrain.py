"""Pretraining the character BERT on a tiny configuration (a few steps, tiny model, tiny data in tmp_path), resuming
it, fine-tuning the theme classifier from it; the bootstrap and the self-training pseudo-labels."""
from __future__ import annotations

import json
import shutil

import pytest
from conftest import CORPUS

from analyzer.brief.classify import learned_model_available
from analyzer.brief.themes import theme_ids
from analyzer.errors import ModelError
from analyzer.model.data import bootstrap_macro_f1, f1_scores
from analyzer.model.pretrain_data import build_char_vocab, chunk_text, collect_texts
from analyzer.model.self_training import PseudoLabelOptions, archive_sentences, pseudo_label

needs_torch = pytest.mark.skipif(not learned_model_available(),
                                 reason="torch/transformers not installed (pip install -e '.[model]')")

DEV_FILES = ["b-2025-05-26-jjrb-sme-finance.json", "b-2024-12-20-financing-coordination-2months.json"]


def _corpus_text(name: str) -> str:
    return json.loads((CORPUS / "dev" / name).read_text(encoding="utf-8"))["text"]


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory):
    """A project root with a JSON-lines archive (one reserved id, one real-gold test id) and a two-part corpus."""
    root = tmp_path_factory.mktemp("pretrain")
    texts = [_corpus_text(name) for name in DEV_FILES]
    rows = [{"id": f"doc-{i}", "text": text[i * 60:(i + 1) * 60 + 100]} for i, text in enumerate(texts * 3)]
    rows += [{"id": "rss-43", "text": "保留给外部评测的文章。"}, {"id": "doc-held-out", "text": "真实测试集的文章。"},
             {"id": "rss-9", "title": "标题一", "text": "正文一句。"}]
    data = root / "archive.jsonl"
    data.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n", encoding="utf-8")
    (root / "real-gold").mkdir()
    (root / "real-gold" / "selection.tsv").write_text("doc-held-out\ttest\t10\ndoc-0\tdev\t10\n", encoding="utf-8")
    for part in ("dev", "test"):
        (root / "corpus" / part).mkdir(parents=True)
        shutil.copy(CORPUS / "dev" / DEV_FILES[0], root / "corpus" / part / DEV_FILES[0])
    return root, data


def _tiny_options(**changes):
    from analyzer.model.pretraining import PretrainOptions
    base = {"steps": 4, "batch_size": 4, "seq_len": 32, "layers": 1, "hidden": 32, "heads": 2, "intermediate": 64,
            "save_every": 2, "log_every": 1, "min_char_count": 1, "threads": 1}
    return PretrainOptions(**{**base, **changes})


def test_collect_texts_leaves_out_reserved_held_out_and_corpus_test(tiny_data):
    root, data = tiny_data
    texts = collect_texts([data], root / "corpus", root)
    joined = "\n".join(texts.texts)
    assert "保留给外部评测" not in joined and "真实测试集" not in joined
    assert texts.excluded == {"reserved": 1, "real-gold test": 1, "corpus/test (themes are scored there)": 1}
    assert texts.sources == {str(data): 7, str(root / "corpus" / "dev"): 1}
    assert "标题一\n正文一句。" in texts.texts


def test_collect_texts_bad_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "好"}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(ModelError, match=r"bad.jsonl:2: not a JSON object"):
        collect_texts([bad], None, tmp_path)


@pytest.mark.parametrize("text, size, expected", [
    ("一二三。四五六。", 10, ["一二三。 四五六。"]),
    ("一二三。四五六。", 5, ["一二三。", "四五六。"]),
    ("一二三四五六七", 3, ["一二三", "四五六", "七"]),
    ("ＡＢ，  cd\n\n繁體。", 20, ["AB， cd 繁体。"]),
    ("ＡＢ，  cd\n\n繁體。", 6, ["AB， cd", "繁体。"]),
    ("", 5, []),
])
def test_chunk_text(text, size, expected):
    assert chunk_text(text, size) == expected


@pytest.mark.parametrize("min_count, expected", [
    (1, ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "贷", "1", "款", "##1"]),  # ties: by character
    (2, ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "贷"]),
])
def test_char_vocab_min_count(min_count, expected):
    assert build_char_vocab(["贷款", "贷1"], min_count=min_count) == expected


@needs_torch
def test_batches_are_seeded_by_step_and_mask_only_text(tiny_data):
    import torch

    from analyzer.model.pretraining import _prepare, batch_for_step
    root, data = tiny_data
    options = _tiny_options(mask_probability=0.5)
    tokenizer, _, sequences = _prepare(collect_texts([data], None, root), root / "batches", options, False)
    special = {"pad": tokenizer.pad_token_id, "cls": tokenizer.cls_token_id, "sep": tokenizer.sep_token_id,
               "mask": tokenizer.mask_token_id}
    first = batch_for_step(sequences, 3, options, special, len(tokenizer))
    again = batch_for_step(sequences, 3, options, special, len(tokenizer))
    other = batch_for_step(sequences, 4, options, special, len(tokenizer))
    assert all(torch.equal(a, b) for a, b in zip(first, again))
    assert not torch.equal(first[0], other[0]) or not torch.equal(first[2], other[2])
    masked, attention, labels = first
    chosen = labels != -100
    assert chosen.any() and not chosen[attention == 0].any()
    assert not torch.isin(labels[chosen], torch.tensor(list(special.values()))).any()
    assert (masked[chosen] == special["mask"]).float().mean() > 0.5


@pytest.fixture(scope="module")
def pretrained(tiny_data):
    from analyzer.model.pretraining import pretrain
    root, data = tiny_data
    out = root / "pretrained"
    settings = pretrain(collect_texts([data], root / "corpus", root), out, _tiny_options(), progress=False)
    return out, settings


@needs_torch
def test_pretrain_saves_an_offline_loadable_masked_lm(pretrained):
    from transformers import AutoModelForMaskedLM, AutoTokenizer
    out, settings = pretrained
    for name in ("model.safetensors", "config.json", "vocab.txt", "README.md", "loss.png", "pretraining.json"):
        assert (out / name).exists(), name
    assert settings["step"] == 4 and [step for step, _ in settings["losses"]] == [1, 2, 3, 4]
    model = AutoModelForMaskedLM.from_pretrained(str(out), local_files_only=True)
    tokenizer = AutoTokenizer.from_pretrained(str(out), local_files_only=True)
    assert model.config.num_hidden_layers == 1 and len(tokenizer) == model.config.vocab_size
    assert tokenizer.tokenize("贷款35.3") == ["贷", "款", "3", "##5", ".", "3"]
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "real-gold/selection.tsv" in card and "reserved" in card and "4 steps" in card


@needs_torch
def test_resumed_run_equals_an_uninterrupted_one(tiny_data, pretrained):
    from safetensors.torch import load_file

    from analyzer.model.pretraining import pretrain
    root, data = tiny_data
    texts = collect_texts([data], root / "corpus", root)
    out = root / "resumed"
    cut = pretrain(texts, out, _tiny_options(), progress=False, stop_after=2)
    assert cut["step"] == 2 and not (out / "model.safetensors").exists()
    resumed = pretrain(texts, out, _tiny_options(), resume=True, progress=False)
    assert resumed["step"] == 4 and resumed["losses"] == pretrained[1]["losses"]
    whole, parts = load_file(pretrained[0] / "model.safetensors"), load_file(out / "model.safetensors")
    assert all(whole[name].allclose(parts[name]) for name in whole)


@needs_torch
@pytest.mark.parametrize("options, message", [({}, "nothing to resume"), ({"steps": 5}, "options of the first run")])
def test_resume_refuses(tiny_data, pretrained, tmp_path, options, message):
    from analyzer.model.pretraining import pretrain
    root, data = tiny_data
    out = tmp_path / "empty" if not options else pretrained[0]
    with pytest.raises(ModelError, match=message):
        pretrain(collect_texts([data], None, root), out, _tiny_options(**options), resume=True, progress=False)


@needs_torch
def test_fine_tune_the_pretrained_model(tiny_data, pretrained, tmp_path):
    from analyzer import model
    from analyzer.model.training import TrainOptions
    root, _ = tiny_data
    settings = model.train(root / "corpus", tmp_path / "themes", base_model=pretrained[0], label_smoothing=0.1,
                           options=TrainOptions(epochs=1, max_steps=2, batch_size=8, bootstrap_samples=50))
    assert settings["max_length"] == 32 and settings["options"]["label_smoothing"] == 0.1
    assert set(settings["test"]["bootstrap"]) >= {"a", "b", "difference", "a_wins"}
    loaded = model.load(tmp_path / "themes")
    assert loaded.max_length == 32 and loaded.predict(["下一步将继续加大支持力度。" * 10])
    assert "interval" in (tmp_path / "themes" / "README.md").read_text(encoding="utf-8")


@needs_torch
def test_cli_pretrain_and_resume(tiny_data, tmp_path):
    from click.testing import CliRunner

    from analyzer.cli import main
    root, data = tiny_data
    args = ["model", "pretrain", "--data", str(data), "--corpus", str(root / "corpus"), "--out", str(tmp_path / "p"),
            "--steps", "2", "--layers", "1", "--hidden", "32", "--heads", "2", "--batch-size", "4",
            "--seq-len", "32", "--save-every", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p" / "model.safetensors").exists() and "2 steps" in result.output
    again = CliRunner().invoke(main, args + ["--resume"])
    assert again.exit_code == 0, again.output
    refused = CliRunner().invoke(main, args[:-2] + ["--save-every", "3", "--resume"])
    assert refused.exit_code == 1 and refused.output.startswith("Error:") and "Traceback" not in refused.output


GOLD = [("credit_data",), ("policy_tools",), ("credit_data", "outlook"), ("outlook",)] * 5
LABELS = ["credit_data", "policy_tools", "outlook"]


@pytest.mark.parametrize("a, b, sign", [
    (GOLD, GOLD, 0),
    (GOLD, [("credit_data",)] * 20, 1),
    ([("policy_tools",)] * 20, GOLD, -1),
])
def test_bootstrap_of_the_difference(a, b, sign):
    result = bootstrap_macro_f1(GOLD, a, b, LABELS, samples=200, seed=1)
    assert result["a"]["point"] == pytest.approx(f1_scores(GOLD, a, LABELS)["macro_f1"], abs=1e-4)
    assert result["b"]["point"] == pytest.approx(f1_scores(GOLD, b, LABELS)["macro_f1"], abs=1e-4)
    difference = result["difference"]
    assert difference["low"] <= difference["point"] <= difference["high"]
    if sign == 0:
        assert difference == {"point": 0.0, "low": 0.0, "high": 0.0} and result["a_wins"] == 0.0
    else:
        assert (difference["low"] > 0) if sign > 0 else (difference["high"] < 0)


def test_bootstrap_is_seeded():
    a = [("credit_data",), ("outlook",), ("policy_tools",), ("outlook",)] * 5
    assert bootstrap_macro_f1(GOLD, a, GOLD, LABELS, 100, 7) == bootstrap_macro_f1(GOLD, a, GOLD, LABELS, 100, 7)


class FixedScores:
    """A classifier whose probabilities are given per sentence (for the pseudo-label rules)."""
    labels = list(theme_ids())

    def __init__(self, table: dict[str, dict[str, float]]):
        self.table = table

    def scores(self, sentences):
        return [{label: self.table[s].get(label, 0.0) for label in self.labels} for s in sentences]


@pytest.mark.parametrize("probabilities, expected", [
    ({"credit_data": 0.95}, ("credit_data",)),
    ({"credit_data": 0.95, "outlook": 0.92}, ("credit_data", "outlook")),
    ({"credit_data": 0.95, "outlook": 0.5}, None),   # one theme unsure: not used
    ({"credit_data": 0.85}, None),                   # nothing confident enough
    ({}, None),
])
def test_pseudo_label_rules(probabilities, expected):
    picked = pseudo_label(FixedScores({"句子": probabilities}), ["句子"], PseudoLabelOptions())
    assert [s.labels for s in picked] == ([expected] if expected else [])


def test_pseudo_labels_capped_per_theme():
    table = {f"句{i}": {"outlook": 0.9 + i / 1000} for i in range(5)}
    picked = pseudo_label(FixedScores(table), list(table), PseudoLabelOptions(per_theme=2))
    assert [s.text for s in picked] == ["句4", "句3"]


def test_archive_sentences_sample_is_seeded_and_sized():
    texts = ["第一句话说的是信贷数据。第二句话很短。第三句话讲的是政策工具和支持措施！", "第四句话说展望下一步工作；"]
    options = PseudoLabelOptions(sentences=2, min_chars=8)
    sample = archive_sentences(texts, options, seed=3)
    assert len(sample) == 2 and sample == archive_sentences(texts, options, seed=3)
    assert all(len(s) >= 8 for s in sample) and "第二句话很短。" not in sample


@needs_torch
def test_self_training_trains_a_second_model(tiny_data, pretrained, tmp_path):
    from analyzer import model
    from analyzer.model.training import TrainOptions
    root, data = tiny_data
    archive = collect_texts([data], None, root).texts
    settings = model.train(root / "corpus", tmp_path / "self", base_model=pretrained[0], archive=archive,
                           why="A note for the card.",
                           options=TrainOptions(epochs=1, max_steps=2, batch_size=8, bootstrap_samples=20))
    pseudo = settings["train"]["pseudo_labelled"]
    assert pseudo["sentences"] == sum(pseudo["by_theme"].values()) and pseudo["high"] == 0.9
    card = (tmp_path / "self" / "README.md").read_text(encoding="utf-8")
    assert "self-training" in card and "A note for the card." in card


def test_figure_context_marks_the_figure():
    from analyzer.model.measure_model import figure_context
    text = "普惠小微贷款余额35.3万亿元，同比增长12.5%"
    start = text.index("35.3")
    assert figure_context(text, start, start + 7, left=4, right=3) == "贷款余额【35.3万亿元】，同比"


def test_add_component_places_it_and_refuses_clashes():
    from analyzer.errors import AnalyzerError
    from analyzer.pipeline import Pipeline
    pipeline = Pipeline()
    pipeline.add_component("mark", lambda doc: doc, after="figures")
    assert pipeline.pipe_names == ["figures", "mark", "mentions", "links"]
    with pytest.raises(AnalyzerError, match="there already"):
        pipeline.add_component("mark", lambda doc: doc)
    with pytest.raises(AnalyzerError, match="no pipeline component 'nope'"):
        pipeline.add_component("other", lambda doc: doc, after="nope")


@needs_torch
def test_measure_model_replaces_only_the_fallback_measure(pretrained, tmp_path):
    from analyzer.model.measure_model import MeasureOptions, add_measure_model, train_measure_model
    from analyzer.pipeline import Pipeline
    from analyzer.records import Document
    out = tmp_path / "measure"
    options = MeasureOptions(epochs=1, max_steps=2, batch_size=8, threshold=0.0)
    settings = train_measure_model([CORPUS / "dev"], out, pretrained[0], options)
    assert settings["train"]["steps"] == 2 and (out / "model.safetensors").exists()
    document = Document(id="d", text="两融余额上升48亿元。贷款余额35万亿元，同比增长12%，占比56.8%。", published="2025-06-30")
    plain = Pipeline().analyze(document).figures
    with_model = add_measure_model(Pipeline(), out)
    assert with_model.pipe_names[:2] == ["figures", "measure_model"]
    for before, after in zip(plain, with_model.analyze(document).figures):
        if before.explain["measure"]["rule"] != "level":  # a rule with a condition decided: the model keeps out
            assert after.measure == before.measure and after.explain["measure"] == before.explain["measure"]
        elif after.measure != before.measure:
            assert after.explain["measure"]["rule"] == "measure-model"
    assert any(f.explain["measure"]["rule"] == "level" for f in plain)


def test_measure_model_folder_must_hold_one(tmp_path):
    from click.testing import CliRunner

    from analyzer.cli import main
    result = CliRunner().invoke(main, ["eval", str(CORPUS / "test"), "--measure-model", str(tmp_path)])
    assert result.exit_code != 0 and "no measure model here" in result.output and "Traceback" not in result.output


def test_extract_measure_model_folder_must_hold_one(tmp_path):
    """extract imports the model's modules only for --measure-model, and then reads the folder as eval does."""
    from click.testing import CliRunner

    from analyzer.cli import main
    text = tmp_path / "a.txt"
    text.write_text("贷款余额35万亿元。", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(text), "--measure-model", str(tmp_path)])
    assert result.exit_code != 0 and "no measure model here" in result.output and "Traceback" not in result.output
