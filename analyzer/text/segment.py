"""Word segmentation: jieba with the domain dictionary, as spaCy ``Doc``s that keep character offsets.

The project has its own ``jieba.Tokenizer`` (spaCy's Chinese tokenizer uses the process-global one, so a user
dictionary would leak into other code). Figures found by the extractor are kept whole as single tokens —
jieba alone splits 23.4% and -3480.83万元 — and every token maps back to the original text by ``token.idx``.
Segmentation is only needed by callers that want words (briefs, the learned model); extraction itself works on
patterns and dictionaries and does not pay for it.
"""
from __future__ import annotations

import functools

from analyzer.text.normalize import normalize


@functools.cache
def tokenizer():
    """The project's jieba tokenizer with every taxonomy name and alias in its dictionary (built once)."""
    import logging

    import jieba

    from analyzer.taxonomy import taxonomy_words
    jieba.setLogLevel(logging.WARNING)
    own = jieba.Tokenizer()
    for word in taxonomy_words():
        own.add_word(word, freq=2000)
    return own


@functools.cache
def _vocab():
    import spacy
    return spacy.blank("xx").vocab


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans that must stay one token: the figures in the text."""
    from analyzer.pipeline import default_pipeline
    figures = default_pipeline().components["figures"].extractor
    return [(c.start, c.end) for c in figures.find_candidates(normalize(text))]


def segment_words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text``: jieba words, with figures kept whole; white space dropped."""
    normalized = normalize(text)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for start, end in [*protected_spans(text), (len(text), len(text))]:
        if start < cursor:
            continue
        position = cursor
        for word in tokenizer().cut(normalized[cursor:start], HMM=True):
            if word.strip():
                spans.append((position, position + len(word)))
            position += len(word)
        if end > start:
            spans.append((start, end))
        cursor = end
    return spans


def to_doc(text: str):
    """A spaCy ``Doc`` of ``text`` whose tokens are our words; ``doc.text == text``, offsets unchanged."""
    from spacy.tokens import Doc
    spans = segment_words(text)
    words, spaces = [], []
    for i, (start, end) in enumerate(spans):
        next_start = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        gap = text[end:next_start]
        words.append(text[start:end])
        if gap in ("", " "):
            spaces.append(gap == " ")
        else:  # other white space between words becomes a token of its own so the text survives exactly
            spaces.append(False)
            words.append(gap)
            spaces.append(False)
    if spans and spans[0][0] > 0:
        words.insert(0, text[:spans[0][0]])
        spaces.insert(0, False)
    return Doc(_vocab(), words=words, spaces=spaces)
