"""The wording of ``analyzer brief`` (``messages.toml``): phrases for amounts, periods, measures and statements in
Chinese and English, one key per message or one row per case; code never branches on the language."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from analyzer.wording import LANGS, Messages

MESSAGES = Messages(Path(__file__).with_name("messages.toml"))


def say(key: str, lang: str, /, **fields) -> str:
    return MESSAGES.say(key, lang, **fields)


def setting(lang: str, name: str):
    """What a brief in ``lang`` does (``[language.LANG]``): names, numbers, quote_sentences."""
    return MESSAGES.setting(lang, name)


def pick(pair: Sequence[str], lang: str) -> str:
    """The ``lang`` entry of a words.toml pair ([zh, en])."""
    return pair[LANGS.index(lang)]
