"""The brief's fixed theme set (``analyzer/brief/themes.toml``), its keywords (``keywords.toml``) and the keyword
classifier: what both ``analyzer.brief`` and the learned model (``analyzer.model``, which scores itself against
the keyword baseline) build on, so neither imports the other's way back.
"""
from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from analyzer.normalize import normalize
from analyzer.wording import LANGS

DATA_DIR = Path(__file__).resolve().parent / "brief"


@dataclass(frozen=True)
class Theme:
    """One theme: its label id (as in the corpus ``themes`` annotations) and its titles."""
    id: str
    zh: str
    en: str
    description: str

    def title(self, lang: str) -> str:
        return getattr(self, lang) if lang in LANGS else self.zh


def _read(name: str) -> dict:
    with open(DATA_DIR / name, "rb") as handle:
        return tomllib.load(handle)


@functools.cache
def load_themes() -> tuple[Theme, ...]:
    """The seven themes in brief order: credit_data, policy_tools, regulation, financing_difficulty,
    digital_credit, sector_support, outlook."""
    return tuple(Theme(id=t["id"], zh=t["zh"], en=t["en"], description=t["description"])
                 for t in _read("themes.toml")["theme"])


def theme_ids() -> tuple[str, ...]:
    return tuple(theme.id for theme in load_themes())


@functools.cache
def load_keywords() -> tuple[dict[str, tuple[str, ...]], str]:
    """Keywords per theme id and the fallback theme, from ``keywords.toml``."""
    data = _read("keywords.toml")
    ids = set(theme_ids())
    unknown = set(data["keywords"]) - ids
    if unknown or data["fallback"] not in ids:
        raise ValueError(f"keywords.toml names unknown themes: {sorted(unknown) or data['fallback']}")
    return {key: tuple(words) for key, words in data["keywords"].items()}, data["fallback"]


class KeywordClassifier:
    """A sentence gets every theme one of whose keywords (``keywords.toml``) it contains.

    The score of a theme is its number of keyword hits, longest keyword first and without overlaps
    (无还本续贷政策 counts 无还本续贷 and 政策, not also 续贷); a sentence with no hit gets the fallback theme.
    """
    name = "keywords"

    def __init__(self) -> None:
        keywords, self.fallback = load_keywords()
        self.keywords = {theme: sorted(words, key=len, reverse=True) for theme, words in keywords.items()}
        self.themes = theme_ids()

    def _hits(self, text: str, words: list[str]) -> int:
        covered = [False] * len(text)
        hits = 0
        for word in words:
            start = text.find(word)
            while start != -1:
                end = start + len(word)
                if not any(covered[start:end]):
                    covered[start:end] = [True] * len(word)
                    hits += 1
                start = text.find(word, end)
        return hits

    def scores(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        out = []
        for sentence in sentences:
            text = normalize(sentence).upper()
            out.append({theme: float(self._hits(text, self.keywords.get(theme, []))) for theme in self.themes})
        return out

    def predict(self, sentences: Sequence[str]) -> list[list[str]]:
        out = []
        for scores in self.scores(sentences):
            ranked = sorted((t for t in self.themes if scores[t] > 0),
                            key=lambda t: (-scores[t], self.themes.index(t)))
            out.append(ranked or [self.fallback])
        return out
