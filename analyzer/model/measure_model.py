"""An experiment of issue 20: can the pretrained character encoder help extraction itself?

A sequence classifier reads a figure in its context — up to ``left`` characters before it, the figure between
【】, ``right`` characters after — and predicts its ``measure`` (level, flow, growth_rate …). It is trained on the
gold figures of corpus/dev (never on a test set), fine-tuned from a local checkpoint (``models/pretrained``).

In the pipeline it is one more component, ``MeasureOverride``, added after ``figures`` only when asked for
(``analyzer extract/eval --measure-model PATH``): it replaces the measure of the figures whose measure came from
one of ``rules`` (default: ``level``, the rule table's fallback row with no condition) when the model's most
probable measure reaches ``threshold``. The rules stay the default; README "Learned model for extraction" gives
the eval difference.
"""
from __future__ import annotations

import json
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

from analyzer.errors import ModelError
from analyzer.io.gold import find_texts_dir, join_text
from analyzer.model.classifier import quiet_transformers
from analyzer.normalize import normalize
from analyzer.records import MEASURES
from analyzer.text.document import TextDoc

SETTINGS_FILE = "measure_model.json"
MARK_OPEN, MARK_CLOSE = "【", "】"


@dataclass(frozen=True)
class MeasureOptions:
    """Training and use settings, saved with the model."""
    left: int = 40              # characters of context before the figure
    right: int = 12             # and after it
    epochs: int = 5             # chosen on real-gold/dev with the 600-step encoder (accuracy peaked at 4-5)
    learning_rate: float = 5e-4
    batch_size: int = 32
    seed: int = 13
    threshold: float = 0.97      # chosen on real-gold/dev measure accuracy (README)
    override_rules: tuple[str, ...] = ("level",)
    max_steps: int | None = None  # stop early (tests)


def figure_context(norm: str, start: int, end: int, left: int, right: int) -> str:
    """The normalized text around a figure with the figure marked: ``…余额【35.3万亿元】，同比…``."""
    return f"{norm[max(0, start - left):start]}{MARK_OPEN}{norm[start:end]}{MARK_CLOSE}{norm[end:end + right]}"


def gold_examples(folders: Sequence[str | Path], options: MeasureOptions) -> list[tuple[str, int]]:
    """(context, measure index) for every gold figure with a measure in the gold files under ``folders``."""
    examples = []
    for folder in map(Path, folders):
        for path in sorted(folder.glob("*.json")):
            try:
                record = join_text(json.loads(path.read_text(encoding="utf-8")), find_texts_dir(path))
            except ValueError as error:
                raise ModelError(f"{path}: {error}") from error
            norm = normalize(record["text"])
            for figure in record.get("figures") or []:
                if figure.get("measure") in MEASURES:
                    context = figure_context(norm, figure["start"], figure["end"], options.left, options.right)
                    examples.append((context, MEASURES.index(figure["measure"])))
    return examples


def _max_length(model) -> int:
    """Tokens a context may take: 128, or fewer where the encoder has fewer positions."""
    return min(128, model.config.max_position_embeddings)


def _fit(model, tokenizer, examples: list[tuple[str, int]], options: MeasureOptions) -> int:
    """Plain PyTorch loop (AdamW, cross-entropy); returns the optimizer steps taken."""
    import torch
    torch.manual_seed(options.seed)
    order = random.Random(options.seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=options.learning_rate, weight_decay=0.01)
    examples, step = list(examples), 0
    model.train()
    for _ in range(options.epochs):
        order.shuffle(examples)
        for start in range(0, len(examples), options.batch_size):
            batch = examples[start:start + options.batch_size]
            encoded = tokenizer([c for c, _ in batch], padding=True, truncation=True,
                                max_length=_max_length(model), return_tensors="pt")
            loss = model(**encoded, labels=torch.tensor([y for _, y in batch])).loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if options.max_steps is not None and step >= options.max_steps:
                model.eval()
                return step
    model.eval()
    return step


def train_measure_model(train_dirs: Sequence[str | Path], out_dir: str | Path, base_model: str | Path,
                        options: MeasureOptions | None = None) -> dict:
    """Fine-tune ``base_model`` on the gold figures of ``train_dirs``; save model, tokenizer and settings."""
    options = options or MeasureOptions()
    examples = gold_examples(train_dirs, options)
    if not examples:
        raise ModelError(f"{', '.join(map(str, train_dirs))}: no gold figures with a measure")
    base = Path(base_model)
    if not (base / "config.json").exists():
        raise ModelError(f"--base-model {base_model}: no model here (config.json missing; nothing is downloaded)")
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    quiet_transformers()
    tokenizer = AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base), local_files_only=True, num_labels=len(MEASURES), id2label=dict(enumerate(MEASURES)),
        label2id={m: i for i, m in enumerate(MEASURES)}, ignore_mismatched_sizes=True)
    began = time.monotonic()
    steps = _fit(model, tokenizer, examples, options)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out), safe_serialization=True)
    tokenizer.save_pretrained(str(out))
    settings = {"options": asdict(options), "labels": list(MEASURES), "base_model": str(base_model),
                "train": {"folders": [str(d) for d in train_dirs], "figures": len(examples), "steps": steps,
                          "seconds": round(time.monotonic() - began, 1)}}
    (out / SETTINGS_FILE).write_text(json.dumps(settings, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return settings


class MeasureModel:
    """A trained measure classifier loaded from a local folder (``local_files_only``)."""

    def __init__(self, model, tokenizer, options: MeasureOptions):
        self.model, self.tokenizer, self.options = model.eval(), tokenizer, options

    @classmethod
    def load(cls, path: str | Path) -> MeasureModel:
        folder = Path(path)
        if not (folder / SETTINGS_FILE).exists():
            raise ModelError(f"{path}: no measure model here ({SETTINGS_FILE} missing); "
                             "train one with `analyzer model train-measure`")
        saved = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))["options"]
        options = MeasureOptions(**{**saved, "override_rules": tuple(saved["override_rules"])})
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        quiet_transformers()
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(str(folder), local_files_only=True)
        return cls(model, tokenizer, options)

    def predict(self, contexts: Sequence[str]) -> list[tuple[str, float]]:
        """The most probable measure of each context and its probability."""
        import torch
        if not contexts:
            return []
        encoded = self.tokenizer(list(contexts), padding=True, truncation=True, max_length=_max_length(self.model),
                                 return_tensors="pt")
        with torch.no_grad():
            probabilities = self.model(**encoded).logits.softmax(-1)
        best = probabilities.max(-1)
        return [(MEASURES[i], float(p)) for p, i in zip(best.values.tolist(), best.indices.tolist())]


class MeasureOverride:
    """Pipeline component: the model's measure where the rules fell back to ``override_rules``."""

    def __init__(self, model: MeasureModel):
        self.model = model

    def __call__(self, doc: TextDoc) -> TextDoc:
        options = self.model.options
        chosen = [f for f in doc.spans["figures"]
                  if (f.explain.get("measure") or {}).get("rule") in options.override_rules]
        contexts = [figure_context(doc.norm, f.start, f.end, options.left, options.right) for f in chosen]
        for figure, (measure, probability) in zip(chosen, self.model.predict(contexts)):
            if probability >= options.threshold and measure != figure.measure:
                figure.measure = measure
                figure.explain["measure"] = {"rule": "measure-model", "words": f"p={probability:.2f}"}
        return doc


def add_measure_model(pipeline, path: str | Path | None):
    """``pipeline`` with a ``measure_model`` component after ``figures`` (nothing added when ``path`` is None)."""
    if path is not None:
        pipeline.add_component("measure_model", MeasureOverride(MeasureModel.load(path)), after="figures")
    return pipeline
