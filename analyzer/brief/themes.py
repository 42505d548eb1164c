"""The brief's theme set and keywords (``analyzer.themes``) and the words briefs are written with (``words.toml``)."""
from __future__ import annotations

import functools

from analyzer.themes import DATA_DIR, Theme, _read, load_keywords, load_themes, theme_ids

__all__ = ["DATA_DIR", "Theme", "load_keywords", "load_themes", "load_words", "theme_ids"]


@functools.cache
def load_words() -> dict:
    """Rendering words (currencies, counters, qualifiers, comparisons, months, labels) from ``words.toml``."""
    return _read("words.toml")
