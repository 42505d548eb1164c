"""The brief's fixed theme set (``themes.toml``) and the words briefs are written with (``words.toml``)."""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Theme:
    """One theme: its label id (as in the corpus ``themes`` annotations) and its titles."""
    id: str
    zh: str
    en: str
    description: str

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


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
def load_words() -> dict:
    """Rendering words (currencies, counters, qualifiers, comparisons, months, labels) from ``words.toml``."""
    return _read("words.toml")


@functools.cache
def load_keywords() -> tuple[dict[str, tuple[str, ...]], str]:
    """Keywords per theme id and the fallback theme, from ``keywords.toml``."""
    data = _read("keywords.toml")
    ids = set(theme_ids())
    unknown = set(data["keywords"]) - ids
    if unknown or data["fallback"] not in ids:
        raise ValueError(f"keywords.toml names unknown themes: {sorted(unknown) or data['fallback']}")
    return {key: tuple(words) for key, words in data["keywords"].items()}, data["fallback"]
