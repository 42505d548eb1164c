"""A trained theme classifier loaded from a local folder: transformers + PyTorch, never a hub."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Sequence

from analyzer.errors import ModelError
from analyzer.normalize import normalize

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

SETTINGS_FILE = "theme_classifier.json"  # labels, threshold, max length and test scores, beside config.json


def quiet_transformers() -> None:
    """No progress bars or advisory warnings from transformers on stderr: our stderr is for our notes."""
    from transformers.utils import logging as hf_logging
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()


def read_settings(path: str | Path) -> dict:
    """The classifier settings saved with a model (no torch needed); {} when the folder has none."""
    file = Path(path) / SETTINGS_FILE
    return json.loads(file.read_text(encoding="utf-8")) if file.exists() else {}


class ThemeModel:
    """A multi-label sentence classifier: ``scores`` gives each theme's probability, ``predict`` the themes whose
    probability reaches the threshold (most probable first; the most probable one when none does)."""
    name = "model"

    def __init__(self, model, tokenizer, labels: Sequence[str], threshold: float = 0.5, max_length: int = 160):
        self.model, self.tokenizer = model.eval(), tokenizer
        self.labels, self.threshold, self.max_length = list(labels), threshold, max_length
        import inspect
        # some architectures (DistilBERT, RoBERTa-style checkpoints) take no token_type_ids
        self._token_types = "token_type_ids" in inspect.signature(model.forward).parameters

    @classmethod
    def load(cls, path: str | Path) -> ThemeModel:
        """Load weights, config and tokenizer from ``path`` (local files only)."""
        path = Path(path)
        if not (path / "config.json").exists():
            raise ModelError(f"{path}: no model here (config.json missing); train one with `analyzer model train`")
        try:
            import torch  # noqa: F401
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as error:
            raise ModelError(f"the theme model needs torch and transformers ({error.name} missing): "
                             "pip install -e '.[model]'") from error
        quiet_transformers()
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
            model = AutoModelForSequenceClassification.from_pretrained(str(path), local_files_only=True)
        except (OSError, ValueError) as error:
            raise ModelError(f"{path}: cannot load the model: {str(error).splitlines()[0]}") from error
        settings = read_settings(path)
        labels = settings.get("labels") or [model.config.id2label[i] for i in range(model.config.num_labels)]
        return cls(model, tokenizer, labels, settings.get("threshold", 0.5), settings.get("max_length", 160))

    def probabilities(self, sentences: Sequence[str], batch_size: int = 32):
        """A (sentences × labels) float tensor of sigmoid probabilities."""
        import torch
        rows = []
        with torch.no_grad():
            for start in range(0, len(sentences), batch_size):
                batch = [normalize(s) for s in sentences[start:start + batch_size]]
                encoded = self.tokenizer(batch, padding=True, truncation=True, max_length=self.max_length,
                                         return_tensors="pt")
                if not self._token_types:
                    encoded.pop("token_type_ids", None)
                rows.append(torch.sigmoid(self.model(**encoded).logits))
        return torch.cat(rows) if rows else torch.zeros((0, len(self.labels)))

    def scores(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        return [dict(zip(self.labels, row)) for row in self.probabilities(sentences).tolist()]

    def predict(self, sentences: Sequence[str]) -> list[list[str]]:
        out = []
        for scores in self.scores(sentences):
            ranked = sorted(self.labels, key=lambda label: -scores[label])
            out.append([label for label in ranked if scores[label] >= self.threshold] or ranked[:1])
        return out
