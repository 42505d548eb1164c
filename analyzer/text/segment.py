"""Word segmentation for callers that want words (claim context words): jieba with the domain dictionary.

The project has its own ``jieba.Tokenizer`` (the process-global one would leak a user dictionary into other code).
Extraction itself works on characters, patterns and dictionaries and does not segment: the spaCy view
(``analyzer.load()``) has one token per character, and parts of speech for metric phrases come from
``analyzer.text.pos``.
"""
from __future__ import annotations

import functools
import logging

import jieba

from analyzer.taxonomy import taxonomy_words


@functools.cache
def tokenizer() -> jieba.Tokenizer:
    """The project's jieba tokenizer with every taxonomy name and alias in its dictionary (built once)."""
    jieba.setLogLevel(logging.WARNING)
    own = jieba.Tokenizer()
    for word in taxonomy_words():
        own.add_word(word, freq=2000)
    return own
