"""Self-training: sentences of the unlabelled archive that a first theme model labels confidently become extra
training sentences for a second one (pseudo-labels). Reserved and held-out documents are never used."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Sequence

from analyzer.model.data import LabelledSentence
from analyzer.normalize import normalize

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")


@dataclass(frozen=True)
class PseudoLabelOptions:
    sentences: int = 6000  # archive sentences the first model labels (a seeded sample)
    high: float = 0.9      # a theme is given when its probability reaches this ...
    low: float = 0.1       # ... and a sentence is used only when every other theme is at most this
    per_theme: int = 150   # at most this many pseudo-labelled sentences per theme, most confident first
    min_chars: int = 12
    max_chars: int = 150


def archive_sentences(texts: Sequence[str], options: PseudoLabelOptions, seed: int) -> list[str]:
    """A seeded sample of the sentences of ``texts`` (normalized, ``min_chars`` to ``max_chars`` long, unique)."""
    found = {sentence.strip() for text in texts for sentence in _SENTENCE.findall(normalize(text))}
    usable = sorted(s for s in found if options.min_chars <= len(s) <= options.max_chars)
    random.Random(seed).shuffle(usable)
    return usable[:options.sentences]


def pseudo_label(classifier, sentences: Sequence[str], options: PseudoLabelOptions) -> list[LabelledSentence]:
    """The sentences the classifier is sure about (every theme's probability ≥ ``high`` or ≤ ``low``, at least
    one ≥ ``high``), at most ``per_theme`` per most probable theme, labelled with their confident themes."""
    by_theme: dict[str, list[tuple[float, LabelledSentence]]] = {}
    for text, scores in zip(sentences, classifier.scores(list(sentences))):
        if any(options.low < p < options.high for p in scores.values()):
            continue
        themes = tuple(label for label in classifier.labels if scores[label] >= options.high)
        if not themes:
            continue
        top = max(themes, key=lambda label: scores[label])
        certainty = min(max(p, 1 - p) for p in scores.values())
        by_theme.setdefault(top, []).append((certainty, LabelledSentence(text, themes, "pseudo")))
    picked = []
    for label in classifier.labels:
        ranked = sorted(by_theme.get(label, []), key=lambda item: -item[0])
        picked += [sentence for _, sentence in ranked[:options.per_theme]]
    return picked
