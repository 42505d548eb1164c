"""``analyzer model``: train and score the learned theme classifier."""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import click

from analyzer import model
from analyzer.brief.classify import learned_model_available
from analyzer.brief.themes import theme_ids
from analyzer.cli.common import CONTEXT_SETTINGS, FiniteRange, fail, handle_errors, verbose_option
from analyzer.io.gold import find_texts_dir
from analyzer.model.measure_model import MeasureOptions, train_measure_model
from analyzer.model.metric_boundary import BoundaryOptions
from analyzer.model.pretrain_data import collect_texts
from analyzer.model.pretraining import PretrainOptions, pretrain

DEFAULT_OUT = "models/theme-classifier"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _require_torch() -> None:
    if not learned_model_available():
        fail("the theme model needs torch, transformers and safetensors: pip install -e '.[model]'")


def _output_folder(out: str) -> None:
    """Make sure ``out`` is a folder the model can be saved in before any training: a file there, or a folder that
    cannot be made, was found only when the weights were saved, after minutes of training. The folders made for the
    test are removed again (the training makes them when it saves), so a run that fails leaves none behind."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        fail(f"{out}: exists and is not a folder; give --out a folder to save the model in", 2)
    made = [folder for folder in (path, *path.parents) if not folder.exists()]
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-test-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as error:
        fail(f"{out}: cannot save the model there ({error.strerror or error})")
    finally:
        for folder in made:  # deepest first
            if folder.is_dir():
                folder.rmdir()


@click.group(name="model", context_settings=CONTEXT_SETTINGS)
def model_group() -> None:
    """Train and score the theme classifier that `analyzer brief` uses (needs the `model` extra).

    Example: analyzer model train --epochs 40
    """


@model_group.command(name="train")
@click.option("--corpus", default="corpus", show_default=True, type=click.Path(exists=True, file_okay=False),
              help="Gold corpus: trains on its dev/ part, scores on its held-out test/ part.")
@click.option("--out", default=DEFAULT_OUT, show_default=True, help="Folder to save the model and its card in.")
@click.option("--base-model", type=click.Path(exists=True, file_okay=False),
              help="Local Hugging Face checkpoint to fine-tune (default: a tiny BERT built from scratch).")
@click.option("--epochs", type=click.IntRange(min=1), help="Training epochs (default 40).")
@click.option("--seed", type=int, help="Random seed (default 13).")
@click.option("--learning-rate", type=FiniteRange(min=0, min_open=True),
              help="Peak learning rate (default 1e-3 from scratch, 3e-5 with --base-model).")
@click.option("--label-smoothing", type=FiniteRange(0, 0.5), help="Label smoothing ε (default 0).")
@click.option("--self-train", is_flag=True,
              help="Train a second model on the gold sentences plus archive sentences the first labels confidently.")
@click.option("--data", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Archive for --self-train (JSON lines, `id`, `text`). Default: every *.jsonl of ../shared/data.")
@click.option("--card-note", help="A paragraph for the model card (e.g. why the model did or did not win).")
@verbose_option
@handle_errors
def train_command(corpus, out, base_model, epochs, seed, learning_rate, label_smoothing, self_train, data,
                  card_note):
    """Train the theme classifier on CORPUS/dev, score it and the keyword baseline on CORPUS/test, and save
    weights (safetensors), config, tokenizer and a model card (README.md with both macro-F1 scores) to OUT.

    Runs on CPU in minutes; never downloads anything.

    Example: analyzer model train --corpus corpus --out models/theme-classifier
    """
    _require_torch()
    _output_folder(out)
    archive = None
    if self_train:
        archive = collect_texts(_data_files(data), None, PROJECT_ROOT).texts
    settings = model.train(corpus, out, base_model=base_model, epochs=epochs, seed=seed, archive=archive,
                           why=card_note, learning_rate=learning_rate, label_smoothing=label_smoothing)
    click.echo(f"saved to {out} ({settings['parameters']:,} parameters, {settings['train']['seconds']} s)", err=True)
    test = settings.get("test")
    if test:
        difference = test["bootstrap"]["difference"]
        click.echo(f"test macro-F1: model {test['model']['macro_f1']:.3f}, keywords {test['keywords']['macro_f1']:.3f}"
                   f", difference {difference['point']:+.3f} (95% CI {difference['low']:+.3f} to "
                   f"{difference['high']:+.3f}) → default classifier: {'model' if settings['default'] else 'keywords'}")


@model_group.command(name="eval")
@click.option("--model", "model_path", default=DEFAULT_OUT, show_default=True,
              type=click.Path(exists=True, file_okay=False), help="Model folder.")
@click.option("--corpus", default="corpus/test", show_default=True, type=click.Path(exists=True, file_okay=False),
              help="Folder of gold files with `themes`.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
@verbose_option
@handle_errors
def eval_command(model_path, corpus, fmt):
    """Score the theme model and the keyword baseline on the theme-labelled sentences of CORPUS.

    Example: analyzer model eval --corpus corpus/test
    """
    _require_torch()
    scores = model.evaluate(model_path, corpus)
    if fmt == "json":
        click.echo(json.dumps(scores, ensure_ascii=False, indent=2))
        return
    click.echo(f"{scores['model']['sentences']} sentences of {corpus}")
    click.echo(f"{'theme':22} {'support':>7} {'model':>7} {'keywords':>9}")
    for label in scores["model"]["per_label"]:
        m, k = scores["model"]["per_label"][label], scores["keywords"]["per_label"][label]
        click.echo(f"{label:22} {m['support']:7d} {m['f1']:7.3f} {k['f1']:9.3f}")
    if scores["themes_without_gold"]:
        click.echo(f"(no gold sentence, left out of the averages: {', '.join(scores['themes_without_gold'])})")
    click.echo(f"{'macro F1':22} {'':7} {scores['model']['macro_f1']:7.3f} {scores['keywords']['macro_f1']:9.3f}")
    click.echo(f"{'micro F1':22} {'':7} {scores['model']['micro_f1']:7.3f} {scores['keywords']['micro_f1']:9.3f}")
    boot = scores["bootstrap"]
    click.echo(f"bootstrap ({boot['samples']} resamples of the sentences), {boot['level']:.0%} intervals of macro F1:")
    for name, key in (("model", "a"), ("keywords", "b"), ("model - keywords", "difference")):
        value = boot[key]
        click.echo(f"  {name:20} {value['point']:+.3f}  [{value['low']:+.3f}, {value['high']:+.3f}]")
    click.echo(f"  the model is higher in {boot['a_wins']:.1%} of the resamples")


def _data_files(data: tuple[str, ...]) -> list[Path]:
    if data:
        return [Path(path) for path in data]
    folder = find_texts_dir(Path.cwd())
    files = sorted(folder.glob("*.jsonl")) if folder else []
    if not files:
        fail("no pretraining text: give --data FILE.jsonl or set $ANALYZER_REAL_TEXTS to ../shared/data")
    return files


@model_group.command(name="pretrain")
@click.option("--data", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="JSON-lines file of texts (`id`, `text`); repeatable. Default: every *.jsonl of ../shared/data.")
@click.option("--corpus", default="corpus", show_default=True, type=click.Path(file_okay=False),
              help="Gold corpus whose dev/ texts are added (its test/ is never read); a missing folder adds none.")
@click.option("--out", default="models/pretrained", show_default=True, help="Folder for the model and checkpoints.")
@click.option("--steps", type=click.IntRange(min=1), help="Optimizer steps (default 600).")
@click.option("--seed", type=int, help="Random seed (default 13).")
@click.option("--layers", type=click.IntRange(min=1), help="Transformer layers (default 2).")
@click.option("--hidden", type=click.IntRange(min=8), help="Hidden size (default 128; feed-forward 4x).")
@click.option("--heads", type=click.IntRange(min=1), help="Attention heads (default 4).")
@click.option("--batch-size", type=click.IntRange(min=1), help="Sequences per step (default 32).")
@click.option("--seq-len", type=click.IntRange(min=8), help="Longest sequence in tokens (default 128).")
@click.option("--save-every", type=click.IntRange(min=1), help="Checkpoint every N steps (default 50).")
@click.option("--resume", is_flag=True, help="Go on from OUT/checkpoint.pt (same options as the first run).")
@verbose_option
@handle_errors
def pretrain_command(data, corpus, out, resume, **sizes):
    """Pretrain a small character-level BERT with masked-language modelling on outside Chinese financial text
    and the corpus's dev texts, on CPU, with a progress bar; save safetensors, tokenizer, loss curve and a card
    to OUT. Reserved ids, the real-gold test documents and corpus/test are never read.

    Example: nice -n 19 analyzer model pretrain --out models/pretrained --seed 13
    """
    _require_torch()
    _output_folder(out)
    chosen = {key: value for key, value in sizes.items() if value is not None}
    if "hidden" in chosen:
        chosen["intermediate"] = 4 * chosen["hidden"]
    options = PretrainOptions(**{**asdict(PretrainOptions()), **chosen})
    corpus_dir = Path(corpus) if Path(corpus).is_dir() else None
    texts = collect_texts(_data_files(data), corpus_dir, PROJECT_ROOT)
    settings = pretrain(texts, out, options, resume=resume)
    click.echo(f"saved to {out}: {settings['parameters']:,} parameters, {settings['step']} steps, "
               f"last loss {settings['losses'][-1][1]}", err=True)


@model_group.command(name="train-measure")
@click.option("--train", "train_dirs", multiple=True, default=["corpus/dev"], show_default=True,
              type=click.Path(exists=True, file_okay=False), help="Folders of gold files whose figures it learns.")
@click.option("--base-model", default="models/pretrained", show_default=True,
              type=click.Path(exists=True, file_okay=False), help="Local checkpoint to fine-tune (never downloaded).")
@click.option("--out", default="models/measure-classifier", show_default=True, help="Folder to save the model in.")
@click.option("--epochs", type=click.IntRange(min=1), default=5, show_default=True)
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--threshold", type=FiniteRange(0, 1), default=0.97, show_default=True,
              help="Least probability for the model to replace the rules' fallback measure.")
@verbose_option
@handle_errors
def train_measure_command(train_dirs, base_model, out, epochs, seed, threshold):
    """Experimental (issue 20): fine-tune the pretrained encoder to read a figure's measure from its context.

    Score it with `analyzer eval corpus/test --measure-model OUT`; the rules stay the default.

    Example: analyzer model train-measure --base-model models/pretrained --out models/measure-classifier
    """
    _require_torch()
    _output_folder(out)
    settings = train_measure_model(train_dirs, out, base_model,
                                   MeasureOptions(epochs=epochs, seed=seed, threshold=threshold))
    train = settings["train"]
    click.echo(f"saved to {out}: {train['figures']} figures, {train['steps']} steps, {train['seconds']} s", err=True)


@model_group.command(name="train-metric-boundary")
@click.option("--train", "train_dirs", multiple=True, default=["corpus/dev", "real-gold/dev"], show_default=True,
              type=click.Path(exists=True, file_okay=False), help="Folders of gold files (never a test split).")
@click.option("--out", default="models/metric-boundary", show_default=True, help="Folder to save the weights in.")
@click.option("--recount", is_flag=True, help="Count the rules' metrics over ../shared/data again first "
              "(reserved ids, every real-gold document and the ids of every audit-*.json in OUT left out; about a "
              "minute).")
@click.option("--l2", type=FiniteRange(0), default=0.3, show_default=True)
@click.option("--steps", type=click.IntRange(min=1), default=3000, show_default=True)
@click.option("--margin", type=FiniteRange(), default=1.0, show_default=True,
              help="How far a candidate must outscore the rules' metric to replace it.")
@verbose_option
@handle_errors
def train_metric_boundary_command(train_dirs, out, recount, l2, steps, margin):
    """Experimental (issue 14): learn where a metric name starts and ends around the rules' metric.

    Pure numpy; no torch. Score it with `analyzer eval real-gold/dev --metric-boundary OUT`; off by default.

    Example: analyzer model train-metric-boundary --out models/metric-boundary
    """
    from analyzer.model import metric_boundary
    _output_folder(out)
    if recount:  # every carry-over audit's documents are left out (audit-s19.json, audit-s19b.json, …)
        audits = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(Path(out).glob("audit-*.json"))]
        skip = metric_boundary.held_out_ids(PROJECT_ROOT, tuple(d for audit in audits for d in audit["documents"]))
        counts = metric_boundary.archive_metric_counts(find_texts_dir(PROJECT_ROOT), skip)
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / "metric_counts.json").write_text(json.dumps(counts, ensure_ascii=False, indent=0) + "\n",
                                                      encoding="utf-8")
    elif not (Path(out) / "metric_counts.json").is_file():
        fail(f"{out} has no metric_counts.json (the archive's metric counts the model reads): give --recount to count "
             "them (about a minute), or copy models/metric-boundary/metric_counts.json there")
    meta = metric_boundary.train(train_dirs, out, BoundaryOptions(l2=l2, steps=steps, margin=margin))
    click.echo(f"saved to {out}: {meta['groups']} figures, rules right {meta['rules_right']}, "
               f"model right {meta['model_right_in_sample']} (in sample)", err=True)
