"""Theme classifiers for sentences: the keyword baseline and the choice between it and the learned model.

Both answer ``scores(sentences)`` (one {theme: score} per sentence) and ``predict(sentences)`` (the themes of
each sentence, most confident first; never empty). The keyword baseline lives in ``analyzer.themes`` (the
learned model scores itself against it) and the learned model in ``analyzer.model``, whose torch and transformers
are imported only when a model is loaded, so briefs work without torch.
"""
from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from analyzer import model
from analyzer.themes import KeywordClassifier

CLASSIFIERS = ("auto", "model", "keywords")
# the model trained by `analyzer model train` and shipped with the project
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "theme-classifier"


class ThemeClassifier(Protocol):
    name: str

    def scores(self, sentences: Sequence[str]) -> list[dict[str, float]]: ...

    def predict(self, sentences: Sequence[str]) -> list[list[str]]: ...


def learned_model_available() -> bool:
    """Whether torch and transformers can be imported (the ``model`` extra is installed)."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("torch", "transformers", "safetensors"))
    except (ImportError, ValueError):
        return False


@dataclass
class ClassifierChoice:
    """The classifier a brief uses and why. ``fallback`` is True when the learned model was wanted but could
    not be used (no torch, no model files); ``note`` says why keywords were used (None for the model)."""
    classifier: ThemeClassifier
    kind: str
    path: str | None = None
    note: str | None = None
    fallback: bool = False

    def to_dict(self) -> dict:
        return {"kind": self.kind, "path": self.path, "fallback": self.fallback, "note": self.note}


def choose_classifier(kind: str = "auto", model_path: str | os.PathLike | None = None) -> ClassifierChoice:
    """Pick the theme classifier.

    ``keywords``: the baseline. ``model``: the model at ``model_path`` (default: the shipped one); a
    ``ModelError`` if it cannot be loaded. ``auto``: the model when torch and transformers are installed and
    the model exists and is the default (the shipped model is only when it beat the keyword baseline on the
    held-out test sentences; a ``--model PATH`` given by the user always is); else keywords, with a note why.
    """
    if kind not in CLASSIFIERS:
        raise ValueError(f"classifier must be one of {CLASSIFIERS}, not {kind!r}")
    if kind == "keywords":
        return ClassifierChoice(KeywordClassifier(), "keywords")
    path = Path(model_path) if model_path else DEFAULT_MODEL_DIR
    if kind == "model":
        return ClassifierChoice(model.load(path), "model", str(path))
    if not learned_model_available():
        return ClassifierChoice(KeywordClassifier(), "keywords", note=(
            "torch/transformers not installed: themes from the keyword classifier "
            "(pip install -e '.[model]' for the learned one)"), fallback=True)
    if not (path / "config.json").exists():
        return ClassifierChoice(KeywordClassifier(), "keywords",
                                note=f"no theme model at {path}: themes from the keyword classifier", fallback=True)
    if model_path is None and not model.is_default(path):
        return ClassifierChoice(KeywordClassifier(), "keywords", note=(
            f"the model at {path} did not beat the keyword baseline on held-out test sentences "
            "(see its README.md): themes from the keyword classifier; --classifier model uses it anyway"))
    return ClassifierChoice(model.load(path), "model", str(path))
