"""The learned theme classifier: train, load, predict, evaluate.

Importing this package is cheap: torch and transformers are imported only inside the functions that need them,
so the rest of the analyzer (and ``analyzer brief`` with keywords) works without the ``model`` extra.
Models load from local folders only (``local_files_only=True``, ``HF_HUB_OFFLINE=1``); nothing is downloaded.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from analyzer.model.classifier import read_settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

if TYPE_CHECKING:
    from analyzer.model.classifier import ThemeModel
    from analyzer.model.training import TrainOptions

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "theme-classifier"


def train(corpus_dir: str | Path = "corpus", out_dir: str | Path = DEFAULT_MODEL_DIR,
          base_model: str | Path | None = None, epochs: int | None = None, seed: int | None = None,
          options: TrainOptions | None = None, **overrides) -> dict:
    """Train on ``corpus_dir``/dev (a tiny BERT from scratch, or fine-tune ``base_model``), score model and keyword
    baseline on ``corpus_dir``/test, save safetensors + config + tokenizer + README.md model card to ``out_dir``."""
    from analyzer.model.training import train as _train
    return _train(corpus_dir, out_dir, base_model=base_model, epochs=epochs, seed=seed, options=options,
                  **overrides)


def load(path: str | Path = DEFAULT_MODEL_DIR) -> ThemeModel:
    """The classifier saved at ``path`` (``ModelError`` if missing or torch is not installed)."""
    from analyzer.model.classifier import ThemeModel
    return ThemeModel.load(path)


def predict(sentences: Sequence[str], path: str | Path = DEFAULT_MODEL_DIR) -> list[list[str]]:
    """Themes of each sentence, most probable first."""
    return load(path).predict(sentences)


def evaluate(path: str | Path = DEFAULT_MODEL_DIR, corpus_dir: str | Path = "corpus/test", samples: int = 1000,
             seed: int = 13) -> dict:
    """Scores of the model at ``path`` and of the keyword baseline on the gold sentences of ``corpus_dir``, with a
    paired bootstrap (``samples`` resamples) of their macro-F1 and its difference. Themes that no gold sentence
    has are left out of the averages (listed in ``themes_without_gold``)."""
    from analyzer.themes import KeywordClassifier
    from analyzer.themes import theme_ids
    from analyzer.model.data import load_sentences
    from analyzer.model.training import compare
    sentences = load_sentences(corpus_dir)
    # a theme no gold sentence has (common in real news) has no F1: it is left out of the macro average
    labels = [label for label in theme_ids() if any(label in s.labels for s in sentences)]
    scores = compare(load(path), KeywordClassifier(), sentences, labels, samples, seed)
    return {"corpus": str(corpus_dir), "themes_without_gold": [t for t in theme_ids() if t not in labels], **scores}


def is_default(path: str | Path = DEFAULT_MODEL_DIR) -> bool:
    """Whether the model at ``path`` beat the keyword baseline on held-out sentences when it was trained."""
    return bool(read_settings(path).get("default"))


__all__ = ["DEFAULT_MODEL_DIR", "evaluate", "is_default", "load", "predict", "train"]
