"""Theme classifiers for sentences: the keyword baseline and the choice between it and the learned model.

Both answer ``scores(sentences)`` (one {theme: score} per sentence) and ``predict(sentences)`` (the themes of
each sentence, most confident first; never empty). The learned model lives in ``analyzer.model`` and is
imported only when it is used, so briefs work without torch.
"""
from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

from analyzer.brief.themes import load_keywords, theme_ids
from analyzer.text.normalize import normalize

CLASSIFIERS = ("auto", "model", "keywords")
# the model trained by `analyzer model train` and shipped with the project
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "theme-classifier"


class ThemeClassifier(Protocol):
    name: str

    def scores(self, sentences: Sequence[str]) -> list[dict[str, float]]: ...

    def predict(self, sentences: Sequence[str]) -> list[list[str]]: ...


class KeywordClassifier:
    """A sentence gets every theme one of whose keywords (``keywords.toml``) it contains.

    The score of a theme is its number of keyword hits, longest keyword first and without overlaps
    (无还本续贷政策 counts 无还本续贷 and 政策, not also 续贷); a sentence with no hit gets the fallback theme.
    """
    name = "keywords"

    def __init__(self) -> None:
        keywords, self.fallback = load_keywords()
        self.keywords = {theme: sorted(words, key=len, reverse=True) for theme, words in keywords.items()}
        self.themes = theme_ids()

    def _hits(self, text: str, words: list[str]) -> int:
        covered = [False] * len(text)
        hits = 0
        for word in words:
            start = text.find(word)
            while start != -1:
                end = start + len(word)
                if not any(covered[start:end]):
                    covered[start:end] = [True] * len(word)
                    hits += 1
                start = text.find(word, end)
        return hits

    def scores(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        out = []
        for sentence in sentences:
            text = normalize(sentence).upper()
            out.append({theme: float(self._hits(text, self.keywords.get(theme, []))) for theme in self.themes})
        return out

    def predict(self, sentences: Sequence[str]) -> list[list[str]]:
        out = []
        for scores in self.scores(sentences):
            ranked = sorted((t for t in self.themes if scores[t] > 0),
                            key=lambda t: (-scores[t], self.themes.index(t)))
            out.append(ranked or [self.fallback])
        return out


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
        from analyzer import model
        return ClassifierChoice(model.load(path), "model", str(path))
    if not learned_model_available():
        return ClassifierChoice(KeywordClassifier(), "keywords", note=(
            "torch/transformers not installed: themes from the keyword classifier "
            "(pip install -e '.[model]' for the learned one)"), fallback=True)
    if not (path / "config.json").exists():
        return ClassifierChoice(KeywordClassifier(), "keywords",
                                note=f"no theme model at {path}: themes from the keyword classifier", fallback=True)
    from analyzer import model
    if model_path is None and not model.is_default(path):
        return ClassifierChoice(KeywordClassifier(), "keywords", note=(
            f"the model at {path} did not beat the keyword baseline on held-out test sentences "
            "(see its README.md): themes from the keyword classifier; --classifier model uses it anyway"))
    return ClassifierChoice(model.load(path), "model", str(path))
