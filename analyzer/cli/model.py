"""``analyzer model``: train and score the learned theme classifier."""
from __future__ import annotations

import json

import click

from analyzer.cli import main
from analyzer.cli.common import CONTEXT_SETTINGS, fail, handle_errors, verbose_option

DEFAULT_OUT = "models/theme-classifier"


def _require_torch() -> None:
    from analyzer.brief.classify import learned_model_available
    if not learned_model_available():
        fail("the theme model needs torch, transformers and safetensors: pip install -e '.[model]'")


@main.group(name="model", context_settings=CONTEXT_SETTINGS)
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
@verbose_option
@handle_errors
def train_command(corpus, out, base_model, epochs, seed):
    """Train the theme classifier on CORPUS/dev, score it and the keyword baseline on CORPUS/test, and save
    weights (safetensors), config, tokenizer and a model card (README.md with both macro-F1 scores) to OUT.

    Runs on CPU in minutes; never downloads anything.

    Example: analyzer model train --corpus corpus --out models/theme-classifier
    """
    _require_torch()
    from analyzer import model
    settings = model.train(corpus, out, base_model=base_model, epochs=epochs, seed=seed)
    click.echo(f"saved to {out} ({settings['parameters']:,} parameters, {settings['train']['seconds']} s)", err=True)
    test = settings.get("test")
    if test:
        click.echo(f"test macro-F1: model {test['model']['macro_f1']:.3f}, keywords {test['keywords']['macro_f1']:.3f}"
                   f" → default classifier: {'model' if settings['default'] else 'keywords'}")


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
    from analyzer import model
    from analyzer.brief.themes import theme_ids
    scores = model.evaluate(model_path, corpus)
    if fmt == "json":
        click.echo(json.dumps(scores, ensure_ascii=False, indent=2))
        return
    click.echo(f"{scores['model']['sentences']} sentences of {corpus}")
    click.echo(f"{'theme':22} {'support':>7} {'model':>7} {'keywords':>9}")
    for label in theme_ids():
        m, k = scores["model"]["per_label"][label], scores["keywords"]["per_label"][label]
        click.echo(f"{label:22} {m['support']:7d} {m['f1']:7.3f} {k['f1']:9.3f}")
    click.echo(f"{'macro F1':22} {'':7} {scores['model']['macro_f1']:7.3f} {scores['keywords']['macro_f1']:9.3f}")
    click.echo(f"{'micro F1':22} {'':7} {scores['model']['micro_f1']:7.3f} {scores['keywords']['micro_f1']:9.3f}")
