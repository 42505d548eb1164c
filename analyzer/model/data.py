"""Theme-labelled sentences from the gold corpus and the scores classifiers are compared on (no torch here)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy

from analyzer.errors import ModelError
from analyzer.io.gold import find_texts_dir, join_text, shape_problems


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
        data = _gold_record(path)
        doc_id = str((data.get("doc") or {}).get("id", path.stem))
        for index, item in enumerate(data["themes"]):
            if index == 0 and not include_title and item["text"] == (data.get("doc") or {}).get("title"):
                continue
            out.append(LabelledSentence(item["text"], tuple(item["labels"]), doc_id))
    return out


def _gold_record(path: Path) -> dict:
    """One gold file with its text joined in, its ``themes`` a list of {text, labels}; else a ``ModelError`` naming
    the file (before, a file of another shape was a traceback)."""
    try:  # gold of outside text (real-gold/) gets its text and sentences back from ../shared/data
        data = json.loads(path.read_text(encoding="utf-8"))
        problems = shape_problems(data, values=False)
        if problems:
            raise ModelError(f"{path}: {problems[0]}")
        data = join_text(data, find_texts_dir(path))
    except (ValueError, KeyError, TypeError) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise ModelError(f"{path}: {str(error).splitlines()[0] if str(error) else type(error).__name__}") from None
    items = data.get("themes")
    if items is None:
        raise ModelError(f"{path}: no `themes` field (see corpus/README.md)")
    for index, item in enumerate(items):
        if not isinstance(item.get("text"), str) or not isinstance(item.get("labels"), list) \
                or not all(isinstance(label, str) for label in item["labels"]):
            raise ModelError(f"{path}: themes[{index}] needs a `text` string and a `labels` list of theme names")
    return data


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _label_counts(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]], label: str) -> tuple[int, int, int]:
    """True positives, false positives and false negatives of one label over the sentences."""
    tp = sum(1 for g, p in zip(gold, predicted) if label in g and label in p)
    fp = sum(1 for g, p in zip(gold, predicted) if label not in g and label in p)
    fn = sum(1 for g, p in zip(gold, predicted) if label in g and label not in p)
    return tp, fp, fn


def f1_scores(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]], labels: Sequence[str]) -> dict:
    """Per-label precision/recall/F1, their macro average and the micro F1 over all (sentence, label) pairs."""
    per_label = {}
    total_tp = total_fp = total_fn = 0
    for label in labels:
        tp, fp, fn = _label_counts(gold, predicted, label)
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        per_label[label] = {"precision": precision, "recall": recall, "f1": _f1(precision, recall),
                            "support": tp + fn}
        total_tp, total_fp, total_fn = total_tp + tp, total_fp + fp, total_fn + fn
    micro = _f1(_ratio(total_tp, total_tp + total_fp), _ratio(total_tp, total_tp + total_fn))
    return {"macro_f1": sum(v["f1"] for v in per_label.values()) / len(labels), "micro_f1": micro,
            "sentences": len(gold), "per_label": per_label}


def _counts(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]], labels: Sequence[str]):
    """Per sentence and label: true positive, false positive and false negative indicators (3 × n × labels)."""
    tp = numpy.array([[label in g and label in p for label in labels] for g, p in zip(gold, predicted)], float)
    fp = numpy.array([[label not in g and label in p for label in labels] for g, p in zip(gold, predicted)], float)
    fn = numpy.array([[label in g and label not in p for label in labels] for g, p in zip(gold, predicted)], float)
    return tp.reshape(len(gold), len(labels)), fp.reshape(len(gold), len(labels)), fn.reshape(len(gold), len(labels))


def _macro_f1(weights, tp, fp, fn):
    """Macro F1 of each resample (row of ``weights``: how often each sentence was drawn); 0 for an empty label."""
    tps, fps, fns = weights @ tp, weights @ fp, weights @ fn
    denominator = 2 * tps + fps + fns
    f1 = numpy.divide(2 * tps, denominator, out=numpy.zeros_like(tps), where=denominator > 0)
    return f1.mean(axis=1)


def bootstrap_macro_f1(gold: Sequence[Sequence[str]], predicted_a: Sequence[Sequence[str]],
                       predicted_b: Sequence[Sequence[str]], labels: Sequence[str], samples: int = 1000,
                       seed: int = 13, level: float = 0.95) -> dict:
    """Percentile bootstrap over sentences: macro-F1 of classifiers ``a`` and ``b`` and of ``a - b``, each with
    its point estimate and a ``level`` interval, plus the share of resamples where ``a`` beats ``b``. Both
    classifiers are scored on the same resampled sentences, so the difference's interval is paired."""
    generator = numpy.random.default_rng(seed)
    draws = generator.integers(0, len(gold), size=(samples, len(gold)))
    weights = numpy.zeros((samples, len(gold)))
    numpy.add.at(weights, (numpy.arange(samples)[:, None], draws), 1.0)
    a = _macro_f1(weights, *_counts(gold, predicted_a, labels))
    b = _macro_f1(weights, *_counts(gold, predicted_b, labels))
    ones = numpy.ones((1, len(gold)))
    point_a = float(_macro_f1(ones, *_counts(gold, predicted_a, labels))[0])
    point_b = float(_macro_f1(ones, *_counts(gold, predicted_b, labels))[0])
    tail = (1 - level) / 2 * 100

    def interval(values, point):
        low, high = numpy.percentile(values, [tail, 100 - tail])
        return {"point": round(point, 4), "low": round(float(low), 4), "high": round(float(high), 4)}
    return {"samples": samples, "seed": seed, "level": level, "a": interval(a, point_a), "b": interval(b, point_b),
            "difference": interval(a - b, point_a - point_b), "a_wins": round(float((a > b).mean()), 4)}
