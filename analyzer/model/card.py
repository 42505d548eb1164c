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


def write_card(out_dir: Path, settings: dict) -> Path:
    """Write ``README.md``: what the model is, how it was trained, its held-out scores against the keywords."""
    options, train = settings["options"], settings["train"]
    labels = settings["labels"]
    if settings["base_model"]:
        architecture = f"fine-tuned from the local checkpoint `{settings['base_model']}`"
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
        f"- Training: {train['sentences']} theme-labelled sentences of `{train['corpus']}`, {options['epochs']} epochs, "
        f"{train['steps']} steps, seed {options['seed']}, {train['seconds']} s on CPU (torch {train['torch']}).",
        f"- Prediction: themes with probability ≥ {settings['threshold']}, most probable first; the most probable "
        "one when none reaches it. Text is normalized (traditional → simplified, full-width → ASCII) first.",
        "- Reproduce: `analyzer model train` (add `--base-model PATH` to fine-tune a local checkpoint). "
        "Score again: `analyzer model eval`.",
        "- Offline: loaded with `local_files_only=True`; nothing is downloaded.",
        "",
    ]
    test = settings.get("test")
    if test:
        model_f1, keyword_f1 = test["model"]["macro_f1"], test["keywords"]["macro_f1"]
        lines += [f"## Held-out scores ({test['model']['sentences']} sentences of `{test['corpus']}`)", ""]
        lines += _table(test, labels)
        lines.append("")
        if settings["default"]:
            lines.append(f"The model beats the keyword baseline on test macro-F1 ({model_f1:.3f} vs "
                         f"{keyword_f1:.3f}), so `analyzer brief` uses it by default when torch is installed.")
        else:
            lines.append(f"**The model does not beat the keyword baseline** on test macro-F1 ({model_f1:.3f} vs "
                         f"{keyword_f1:.3f}), so `analyzer brief` keeps the keyword classifier as its default; "
                         "`--classifier model` uses this model anyway. With a few hundred training sentences a "
                         "from-scratch model has little to learn from; fine-tuning a pretrained Chinese checkpoint "
                         "(`--base-model PATH`) is the way to a better one.")
        lines.append("")
        lines.append("Rare themes (`digital_credit`, `financing_difficulty`) have only a handful of test sentences, "
                     "so their F1, and with them the macro average, move a lot with a single sentence.")
        lines.append("")
    lines += ["Trained on `corpus/dev` only; `corpus/test` is held out and only scored. The keyword lists "
              "(`analyzer/brief/keywords.toml`) were also written from `corpus/dev` only. The default threshold "
              "and model size (`TrainOptions`) were chosen on a document-level split of `corpus/dev`.", ""]
    path = out_dir / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
