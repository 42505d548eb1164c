"""The card (README.md) and loss curve (loss.png) written beside a pretrained character BERT."""
from __future__ import annotations

from pathlib import Path

LOSS_PLOT = "loss.png"


def plot_losses(losses: list, path: Path) -> Path:
    """The masked-LM loss against the step, as a PNG (matplotlib, no display needed)."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(6, 3.2), dpi=100)
    axes.plot([step for step, _ in losses], [loss for _, loss in losses], color="#1f5f9f")
    axes.set_xlabel("step")
    axes.set_ylabel("masked-LM loss")
    axes.set_title("Pretraining loss (mean over each logging window)")
    axes.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path)
    pyplot.close(figure)
    return path


def _data_lines(settings: dict) -> list[str]:
    lines = [f"- `{source}`: {count:,} documents" for source, count in settings["sources"].items()]
    lines += [f"- left out, {reason}: {count} documents" for reason, count in settings["excluded"].items()]
    return lines


def write_pretrain_card(out_dir: Path, settings: dict) -> Path:
    """Write ``README.md`` and ``loss.png``: the model, the data it read and left out, steps and losses."""
    options, losses = settings["options"], settings["losses"]
    if losses:
        plot_losses(losses, out_dir / LOSS_PLOT)
    first, last = (losses[0][1], losses[-1][1]) if losses else (None, None)
    lines = [
        "# Pretrained character BERT",
        "",
        "A small Chinese BERT (`BertForMaskedLM`) built from a config and pretrained here with masked-language "
        "modelling; no checkpoint or tokenizer was downloaded. The vocabulary is every character seen at least "
        f"{options['min_char_count']} times in the pretraining text ({settings['vocab_size']:,} tokens with the "
        "special ones and the `##` forms of digits and Latin letters); other characters are `[UNK]`.",
        "",
        f"- Size: {options['layers']} layers, hidden {options['hidden']}, {options['heads']} heads, "
        f"feed-forward {options['intermediate']}, sequences of at most {options['seq_len']} tokens; "
        f"{settings['parameters']:,} parameters, `model.safetensors`.",
        f"- Training: {settings['step']:,} steps of {options['batch_size']} sequences, AdamW, learning rate "
        f"{options['learning_rate']} with {options['warmup']:.0%} warm-up and linear decay, "
        f"{options['mask_probability']:.0%} of the characters masked (80% `[MASK]`, 10% random, 10% kept), "
        f"seed {options['seed']}, {settings['seconds'] / 60:.0f} min on {options['threads']} CPU threads "
        f"(torch {settings['torch']}).",
        f"- Loss: {first} over the first {options['log_every']} steps, {last} over the last "
        f"{options['log_every']} (`{LOSS_PLOT}`; every point in `pretraining.json`).",
        "",
        f"![masked-LM loss]({LOSS_PLOT})",
        "",
        f"## Data ({settings['documents']:,} documents, {settings['sequences']:,} sequences, "
        f"{settings['tokens']:,} tokens)",
        "",
        "Sentence-aligned chunks of the normalized texts (traditional → simplified, full-width → ASCII):",
        "",
        *_data_lines(settings),
        "",
        "Never pretrained on (`analyzer/model/pretrain_exclude.toml`): the ids of `../shared/data` reserved for "
        "outside evaluation, the documents of the real-text test split (`test` in `real-gold/selection.tsv`) "
        "and the texts of `corpus/test`, where the theme classifier is scored.",
        "",
        "Reproduce: `analyzer model pretrain` (defaults above; `--resume` goes on from `checkpoint.pt`, which is "
        "not committed). Fine-tune: `analyzer model train --base-model models/pretrained`.",
        "",
    ]
    path = out_dir / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
