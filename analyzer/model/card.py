"""The model card (README.md) written beside a trained theme classifier."""
from __future__ import annotations

from pathlib import Path


def _table(test: dict, labels: list[str]) -> list[str]:
    model, keywords = test["model"], test["keywords"]
    rows = ["| theme | support | model F1 | keywords F1 |", "| --- | ---: | ---: | ---: |"]
    for label in labels:
        rows.append(f"| {label} | {model['per_label'][label]['support']} | {model['per_label'][label]['f1']:.3f} "
                    f"| {keywords['per_label'][label]['f1']:.3f} |")
    rows.append(f"| **macro F1** | | **{model['macro_f1']:.3f}** | **{keywords['macro_f1']:.3f}** |")
    rows.append(f"| micro F1 | | {model['micro_f1']:.3f} | {keywords['micro_f1']:.3f} |")
    return rows


def _pseudo(train: dict) -> str:
    pseudo = train.get("pseudo_labelled")
    if not pseudo:
        return ""
    return (f" plus {pseudo['sentences']} archive sentences (of a sample of {pseudo['sentences_sampled']:,}) "
            "labelled by a first model trained on the gold ones (self-training: every theme's probability "
            f"≥ {pseudo['high']} or ≤ {pseudo['low']}, at most {pseudo['per_theme']} per theme)")


def _bootstrap_lines(bootstrap: dict | None) -> list[str]:
    if not bootstrap:
        return []
    rows = [f"Paired percentile bootstrap ({bootstrap['samples']} resamples of the test sentences, seed "
            f"{bootstrap['seed']}), {bootstrap['level']:.0%} intervals of the macro F1:", "",
            "| | macro F1 | interval |", "| --- | ---: | --- |"]
    for name, key in (("model", "a"), ("keywords", "b"), ("model − keywords", "difference")):
        value = bootstrap[key]
        rows.append(f"| {name} | {value['point']:+.3f} | [{value['low']:+.3f}, {value['high']:+.3f}] |"
                    if key == "difference" else
                    f"| {name} | {value['point']:.3f} | [{value['low']:.3f}, {value['high']:.3f}] |")
    rows += ["", f"The model scores higher than the keywords in {bootstrap['a_wins']:.1%} of the resamples.", ""]
    return rows


def _verdict_lines(settings: dict) -> list[str]:
    test = settings["test"]
    model_f1, keyword_f1 = test["model"]["macro_f1"], test["keywords"]["macro_f1"]
    rule = settings.get("default_rule", "test macro-F1 of the model above the keywords'")
    if settings["default"]:
        text = (f"**The model beats the keyword baseline** on test macro-F1 ({model_f1:.3f} vs {keyword_f1:.3f}), "
                f"so `analyzer brief --classifier auto` uses it when torch is installed (rule: {rule}).")
    else:
        text = (f"**The model does not beat the keyword baseline** on test macro-F1 ({model_f1:.3f} vs "
                f"{keyword_f1:.3f}, {model_f1 - keyword_f1:+.3f}), so `analyzer brief` keeps the keyword classifier "
                f"as its default (rule: {rule}); `--classifier model` uses this model anyway.")
    lines = [text, ""]
    if settings.get("why"):
        lines += [settings["why"], ""]
    return lines


def write_card(out_dir: Path, settings: dict) -> Path:
    """Write ``README.md``: what the model is, how it was trained, its held-out scores against the keywords."""
    options, train = settings["options"], settings["train"]
    labels = settings["labels"]
    if settings["base_model"]:
        architecture = (f"fine-tuned from the local checkpoint `{settings['base_model']}` (its own card says how "
                        "it was made)")
    else:
        architecture = (f"a tiny BERT built from scratch ({options['layers']} layers, hidden size {options['hidden']}, "
                        f"{options['heads']} heads, character vocabulary from the training sentences)")
    lines = [
        "# Theme classifier",
        "",
        "Multi-label sentence classifier for `analyzer brief`: gives each sentence of a Chinese policy article one or",
        f"more of the themes {', '.join(f'`{label}`' for label in labels)} (`analyzer/brief/themes.toml`).",
        "",
        f"- Model: {architecture}; {settings['parameters']:,} parameters, weights in `model.safetensors`.",
        f"- Training: {train['sentences']} theme-labelled sentences of `{train['corpus']}`"
        f"{_pseudo(train)}, {options['epochs']} epochs, {train['steps']} steps, learning rate "
        f"{train.get('learning_rate', options['learning_rate'])}, label smoothing "
        f"{options.get('label_smoothing', 0.0)}, seed {options['seed']}, {train['seconds']} s on CPU "
        f"(torch {train['torch']}).",
        f"- Prediction: themes with probability ≥ {settings['threshold']}, most probable first; the most probable "
        "one when none reaches it. Text is normalized (traditional → simplified, full-width → ASCII) first.",
        "- Reproduce: `analyzer model train` (add `--base-model PATH` to fine-tune a local checkpoint). "
        "Score again: `analyzer model eval`.",
        "- Offline: loaded with `local_files_only=True`; nothing is downloaded.",
        "",
    ]
    test = settings.get("test")
    if test:
        lines += [f"## Held-out scores ({test['model']['sentences']} sentences of `{test['corpus']}`)", ""]
        lines += _table(test, labels)
        lines.append("")
        lines += _bootstrap_lines(test.get("bootstrap"))
        lines += _verdict_lines(settings)
        lines.append("Rare themes (`digital_credit`, `financing_difficulty`) have only a handful of test sentences, "
                     "so their F1, and with them the macro average, move a lot with a single sentence.")
        lines.append("")
    lines += ["Trained on `corpus/dev` only; `corpus/test` is held out and only scored. The keyword lists "
              "(`analyzer/brief/keywords.toml`) were also written from `corpus/dev` only. The default threshold "
              "and model size (`TrainOptions`) were chosen on a document-level split of `corpus/dev`.", ""]
    path = out_dir / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
