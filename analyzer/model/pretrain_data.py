"""The text a character BERT is pretrained on: outside articles and corpus texts, minus held-out documents,
cut into sentence-aligned chunks, and the character vocabulary built from them (no torch here)."""
from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from analyzer.errors import ModelError
from analyzer.normalize import normalize

EXCLUDE_FILE = Path(__file__).with_name("pretrain_exclude.toml")
SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;\n])")


@dataclass
class PretrainTexts:
    """Texts to pretrain on, where they came from and what was left out (for the model card)."""
    texts: list[str] = field(default_factory=list)
    sources: dict[str, int] = field(default_factory=dict)   # file or folder → documents used
    excluded: dict[str, int] = field(default_factory=dict)  # reason → documents left out


def load_exclusions(root: Path, exclude_file: Path = EXCLUDE_FILE) -> dict[str, set[str]]:
    """Ids never pretrained on, by reason: ``reserved`` and the held-out ``real-gold`` documents."""
    settings = tomllib.loads(exclude_file.read_text(encoding="utf-8"))
    held_out = set()
    selection = root / settings["gold_selection"]
    if selection.exists():
        for number, line in enumerate(selection.read_text(encoding="utf-8").splitlines(), 1):
            parts = line.split("\t")
            if len(parts) < 2:
                raise ModelError(f"{selection}:{number}: expected `id<TAB>split`")
            if parts[1] in settings["held_out_splits"]:
                held_out.add(parts[0])
    return {"reserved": set(settings["reserved"]), "real-gold test": held_out}


def _jsonl_texts(path: Path, exclusions: dict[str, set[str]], out: PretrainTexts) -> None:
    used = 0
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                doc_id, text = str(item["id"]), item["text"]
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise ModelError(f"{path}:{number}: not a JSON object with `id` and `text` ({error})") from error
            reason = next((name for name, ids in exclusions.items() if doc_id in ids), None)
            if reason:
                out.excluded[reason] = out.excluded.get(reason, 0) + 1
                continue
            title = item.get("title") or ""
            out.texts.append(f"{title}\n{text}" if title and not text.startswith(title) else text)
            used += 1
    out.sources[str(path)] = used


def _corpus_texts(corpus_dir: Path, splits: Sequence[str], out: PretrainTexts) -> None:
    for split in splits:
        files = sorted((corpus_dir / split).glob("*.json"))
        for path in files:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("text"):
                out.texts.append(data["text"])
        out.sources[str(corpus_dir / split)] = len(files)


def collect_texts(data_files: Iterable[Path], corpus_dir: Path | None, root: Path,
                  exclude_file: Path = EXCLUDE_FILE) -> PretrainTexts:
    """Every usable text of ``data_files`` (JSON lines with ``id`` and ``text``) and of the corpus parts named in
    ``exclude_file`` (``corpus_splits``), without reserved and held-out documents."""
    out = PretrainTexts()
    exclusions = load_exclusions(root, exclude_file)
    for path in data_files:
        _jsonl_texts(Path(path), exclusions, out)
    if corpus_dir is not None:
        splits = tomllib.loads(exclude_file.read_text(encoding="utf-8"))["corpus_splits"]
        _corpus_texts(Path(corpus_dir), splits, out)
        out.excluded["corpus/test (themes are scored there)"] = len(list((Path(corpus_dir) / "test").glob("*.json")))
    if not out.texts:
        raise ModelError("no text to pretrain on (give --data FILE.jsonl or a corpus folder)")
    return out


def chunk_text(text: str, size: int) -> list[str]:
    """Normalized ``text`` cut into pieces of at most ``size`` non-space characters, at sentence ends where it can
    (a longer sentence is cut where it reaches ``size``)."""
    chunks, current = [], ""
    for sentence in _SENTENCE_END.split(normalize(text)):
        sentence = " ".join(sentence.split())
        if not sentence:
            continue
        if current and len(current) + len(sentence) > size:
            chunks.append(current)
            current = ""
        while len(sentence) > size:
            chunks.append(sentence[:size])
            sentence = sentence[size:]
        current = f"{current} {sentence}".strip() if current else sentence
    if current:
        chunks.append(current)
    return chunks


def build_char_vocab(texts: Sequence[str], min_count: int = 1, max_chars: int | None = None) -> list[str]:
    """Special tokens, then every character of ``texts`` (normalized, lower-cased) seen at least ``min_count``
    times, most frequent first (at most ``max_chars``). Characters that BERT's basic tokenizer leaves inside a
    word (digits, Latin letters) also get their ``##`` continuation form, so 35.3 becomes 3 ##5 . 3."""
    counts = Counter(ch for text in texts for ch in normalize(text).lower() if not ch.isspace())
    ranked = sorted(((ch, n) for ch, n in counts.items() if n >= min_count), key=lambda item: (-item[1], item[0]))
    chars = [ch for ch, _ in ranked[:max_chars]]
    continuation = [f"##{ch}" for ch in chars if ch.isascii() and ch.isalnum()]
    return SPECIAL_TOKENS + chars + continuation
