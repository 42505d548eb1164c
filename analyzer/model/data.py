"""Theme-labelled sentences from the gold corpus and the scores classifiers are compared on (no torch here)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from analyzer.errors import ModelError


@dataclass(frozen=True)
class LabelledSentence:
    text: str
    labels: tuple[str, ...]
    doc_id: str


def load_sentences(directory: str | Path, include_title: bool = True) -> list[LabelledSentence]:
    """Every ``themes`` item of the gold files in ``directory`` (e.g. corpus/dev), in file order."""
    directory = Path(directory)
    files = sorted(directory.glob("*.json"))
    if not files:
        raise ModelError(f"{directory}: no gold .json files with themes (expected e.g. corpus/dev)")
    out = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data.get("themes")
        if items is None:
            raise ModelError(f"{path}: no `themes` field (see corpus/README.md)")
        doc_id = str((data.get("doc") or {}).get("id", path.stem))
        for index, item in enumerate(items):
            if index == 0 and not include_title and item["text"] == (data.get("doc") or {}).get("title"):
                continue
            out.append(LabelledSentence(item["text"], tuple(item["labels"]), doc_id))
    return out


def f1_scores(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]], labels: Sequence[str]) -> dict:
    """Per-label precision/recall/F1, their macro average and the micro F1 over all (sentence, label) pairs."""
    per_label = {}
    total_tp = total_fp = total_fn = 0
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if label in g and label in p)
        fp = sum(1 for g, p in zip(gold, predicted) if label not in g and label in p)
        fn = sum(1 for g, p in zip(gold, predicted) if label in g and label not in p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
        total_tp, total_fp, total_fn = total_tp + tp, total_fp + fp, total_fn + fn
    micro_p = total_tp / (total_tp + total_fp) if total_tp + total_fp else 0.0
    micro_r = total_tp / (total_tp + total_fn) if total_tp + total_fn else 0.0
    micro = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    return {"macro_f1": sum(v["f1"] for v in per_label.values()) / len(labels), "micro_f1": micro,
            "sentences": len(gold), "per_label": per_label}
