"""Masked-language-model pretraining of a small character-level BERT on CPU, resumable from checkpoints.

The vocabulary is built from the pretraining text itself (no checkpoint or tokenizer is downloaded). Each step's
batch and mask come from generators seeded with (seed, step), and a checkpoint keeps model, optimizer, scheduler,
losses and torch's RNG state, so a run stopped and resumed with ``--resume`` takes the same steps as one that was not.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

from analyzer.errors import ModelError
from analyzer.model.classifier import quiet_transformers
from analyzer.model.pretrain_data import PretrainTexts, build_char_vocab, chunk_text

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

CHECKPOINT = "checkpoint.pt"
SETTINGS_FILE = "pretraining.json"


@dataclass(frozen=True)
class PretrainOptions:
    """Model size and schedule. The defaults (the size of the from-scratch theme classifier, so the two differ
    only in pretraining) take about 40 minutes on two CPU cores shared with other work."""
    steps: int = 600
    seed: int = 13
    batch_size: int = 32
    seq_len: int = 128
    layers: int = 2
    hidden: int = 128
    heads: int = 4
    intermediate: int = 512
    dropout: float = 0.1
    learning_rate: float = 1e-3
    warmup: float = 0.05
    mask_probability: float = 0.15
    min_char_count: int = 3
    save_every: int = 50
    log_every: int = 20
    threads: int = 2


@dataclass
class PretrainState:
    step: int = 0
    losses: list[tuple[int, float]] = field(default_factory=list)  # (step, mean loss of the steps since the last)
    seconds: float = 0.0


def _tokenizer(vocab_file: Path, seq_len: int):
    from transformers import BertTokenizerFast
    tokenizer = BertTokenizerFast(str(vocab_file), do_lower_case=True, tokenize_chinese_chars=True)
    tokenizer.model_max_length = seq_len
    return tokenizer


def _model(tokenizer, options: PretrainOptions):
    from transformers import BertConfig, BertForMaskedLM
    config = BertConfig(
        vocab_size=len(tokenizer), hidden_size=options.hidden, num_hidden_layers=options.layers,
        num_attention_heads=options.heads, intermediate_size=options.intermediate,
        max_position_embeddings=options.seq_len, hidden_dropout_prob=options.dropout,
        attention_probs_dropout_prob=options.dropout, pad_token_id=tokenizer.pad_token_id)
    return BertForMaskedLM(config)


def encode_chunks(tokenizer, texts: Sequence[str], seq_len: int) -> list[list[int]]:
    """Token ids ([CLS] … [SEP]) of every chunk of every text, at most ``seq_len`` ids each."""
    chunks = [chunk for text in texts for chunk in chunk_text(text, seq_len - 2)]
    encoded = tokenizer(chunks, truncation=True, max_length=seq_len)["input_ids"]
    return [ids for ids in encoded if len(ids) > 3]


def batch_for_step(sequences: list[list[int]], step: int, options: PretrainOptions, special: dict[str, int],
                   vocab_size: int):
    """The (input_ids, attention_mask, labels) of ``step``: sequences in the order of a permutation seeded with
    the epoch, 15% of the non-special tokens chosen (80% → [MASK], 10% → a random character, 10% kept)."""
    import torch
    per_epoch = max(1, len(sequences) // options.batch_size)
    epoch, position = divmod(step, per_epoch)
    order = torch.randperm(len(sequences), generator=torch.Generator().manual_seed(options.seed * 7919 + epoch))
    picked = [sequences[i] for i in order[position * options.batch_size:(position + 1) * options.batch_size]]
    width = max(len(ids) for ids in picked)
    input_ids = torch.full((len(picked), width), special["pad"], dtype=torch.long)
    for row, ids in enumerate(picked):
        input_ids[row, :len(ids)] = torch.tensor(ids)
    attention = (input_ids != special["pad"]).long()
    generator = torch.Generator().manual_seed(options.seed * 1_000_003 + step)
    candidates = attention.bool() & (input_ids != special["cls"]) & (input_ids != special["sep"])
    chosen = (torch.rand(input_ids.shape, generator=generator) < options.mask_probability) & candidates
    labels = torch.where(chosen, input_ids, torch.full_like(input_ids, -100))
    roll = torch.rand(input_ids.shape, generator=generator)
    random_ids = torch.randint(len(special), vocab_size, input_ids.shape, generator=generator)
    masked = input_ids.clone()
    masked[chosen & (roll < 0.8)] = special["mask"]
    swap = chosen & (roll >= 0.8) & (roll < 0.9)
    masked[swap] = random_ids[swap]
    return masked, attention, labels


def _schedule(optimizer, options: PretrainOptions):
    import torch
    warmup = max(1, int(options.steps * options.warmup))
    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / warmup) * max(0.0, 1 - step / max(1, options.steps)))


def _masked_lm_loss(model, input_ids, attention, labels):
    """Cross-entropy on the masked positions only: the output layer runs on 15% of the tokens, not all."""
    import torch
    hidden = model.bert(input_ids=input_ids, attention_mask=attention).last_hidden_state
    where = labels != -100
    logits = model.cls(hidden[where])
    return torch.nn.functional.cross_entropy(logits, labels[where])


def _save_checkpoint(out_dir: Path, model, optimizer, scheduler, state: PretrainState) -> None:
    import torch
    temporary = out_dir / (CHECKPOINT + ".tmp")
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(), "state": asdict(state), "rng": torch.get_rng_state()},
               temporary)
    temporary.replace(out_dir / CHECKPOINT)  # a run killed while saving keeps the previous checkpoint


def _load_checkpoint(out_dir: Path, model, optimizer, scheduler) -> PretrainState:
    import torch
    path = out_dir / CHECKPOINT
    if not path.exists():
        raise ModelError(f"{path}: no checkpoint to resume from")
    saved = torch.load(path, weights_only=False)
    model.load_state_dict(saved["model"])
    optimizer.load_state_dict(saved["optimizer"])
    scheduler.load_state_dict(saved["scheduler"])
    torch.set_rng_state(saved["rng"])
    state = saved["state"]
    return PretrainState(state["step"], [tuple(item) for item in state["losses"]], state["seconds"])


def _prepare(texts: PretrainTexts, out_dir: Path, options: PretrainOptions, resume: bool):
    """Vocabulary (kept from the first run when resuming), tokenizer, model and encoded chunks."""
    vocab_file = out_dir / "vocab.txt"
    if resume:
        saved = json.loads((out_dir / SETTINGS_FILE).read_text(encoding="utf-8")) \
            if (out_dir / SETTINGS_FILE).exists() else None
        if not vocab_file.exists() or saved is None:
            raise ModelError(f"{out_dir}: nothing to resume (no vocab.txt or {SETTINGS_FILE})")
        if saved["options"] != asdict(options):
            raise ModelError(f"{out_dir}: --resume needs the options of the first run ({saved['options']})")
    else:
        out_dir.mkdir(parents=True, exist_ok=True)
        vocab = build_char_vocab(texts.texts, min_count=options.min_char_count)
        vocab_file.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = _tokenizer(vocab_file, options.seq_len)
    return tokenizer, _model(tokenizer, options), encode_chunks(tokenizer, texts.texts, options.seq_len)


def _settings(texts: PretrainTexts, options: PretrainOptions, state: PretrainState, model, sequences) -> dict:
    import torch
    return {"options": asdict(options), "sources": texts.sources, "excluded": texts.excluded,
            "documents": len(texts.texts), "sequences": len(sequences),
            "tokens": sum(len(ids) for ids in sequences), "parameters": sum(p.numel() for p in model.parameters()),
            "vocab_size": model.config.vocab_size, "step": state.step, "losses": state.losses,
            "seconds": round(state.seconds, 1), "torch": torch.__version__}


def _write(out_dir: Path, settings: dict) -> None:
    (out_dir / SETTINGS_FILE).write_text(json.dumps(settings, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def pretrain(texts: PretrainTexts, out_dir: str | Path = "models/pretrained", options: PretrainOptions | None = None,
             resume: bool = False, progress: bool = True, stop_after: int | None = None) -> dict:
    """Pretrain (or with ``resume`` go on pretraining) a character BERT on ``texts``; save weights (safetensors),
    config, tokenizer, ``pretraining.json`` (options, data, losses), the loss curve and a card to ``out_dir``.
    ``stop_after`` ends this call after that many steps, as a run that was killed after its last checkpoint."""
    import torch
    from tqdm import tqdm
    options, out_dir = options or PretrainOptions(), Path(out_dir)
    torch.manual_seed(options.seed)
    torch.set_num_threads(max(1, options.threads))
    quiet_transformers()
    tokenizer, model, sequences = _prepare(texts, out_dir, options, resume)
    if not sequences:
        raise ModelError("no chunk of text long enough to pretrain on")
    special = {"pad": tokenizer.pad_token_id, "cls": tokenizer.cls_token_id, "sep": tokenizer.sep_token_id,
               "mask": tokenizer.mask_token_id}
    optimizer = torch.optim.AdamW(model.parameters(), lr=options.learning_rate, weight_decay=0.01)
    scheduler = _schedule(optimizer, options)
    state = _load_checkpoint(out_dir, model, optimizer, scheduler) if resume else PretrainState()
    if not resume:
        _write(out_dir, _settings(texts, options, state, model, sequences))
    model.train()
    window, started = [], time.perf_counter() - state.seconds
    bar = tqdm(total=options.steps, initial=state.step, desc="pretrain", unit="step", disable=not progress)
    last = options.steps if stop_after is None else min(options.steps, state.step + stop_after)
    while state.step < last:
        loss = _masked_lm_loss(model, *batch_for_step(sequences, state.step, options, special, len(tokenizer)))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        state.step += 1
        window.append(loss.item())
        bar.update(1)
        bar.set_postfix(loss=f"{loss.item():.3f}")
        if state.step % options.log_every == 0 or state.step == options.steps:
            state.losses.append((state.step, round(sum(window) / len(window), 4)))
            window = []
        if state.step % options.save_every == 0 or state.step == options.steps:
            state.seconds = time.perf_counter() - started
            _save_checkpoint(out_dir, model, optimizer, scheduler, state)
    bar.close()
    if state.step < options.steps:
        return _settings(texts, options, state, model, sequences)
    model.eval()
    model.save_pretrained(str(out_dir), safe_serialization=True)
    tokenizer.save_pretrained(str(out_dir))
    settings = _settings(texts, options, state, model, sequences)
    _write(out_dir, settings)
    from analyzer.model.pretrain_card import write_pretrain_card
    write_pretrain_card(out_dir, settings)
    return settings
