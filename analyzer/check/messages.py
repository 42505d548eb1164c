"""The wording of ``analyzer check`` (``messages.toml``): every verdict, reason, hint and label in Chinese and
English, one key per message; code asks ``say(key, lang, **fields)`` and never branches on the language."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from analyzer.wording import Messages

MESSAGES = Messages(Path(__file__).with_name("messages.toml"))


def say(key: str, lang: str, /, **fields) -> str:
    return MESSAGES.say(key, lang, **fields)


def listed(items: Iterable[str], lang: str) -> str:
    """Items joined as a list in ``lang`` (、 or , )."""
    return MESSAGES.say("join.list", lang).join(items)


def clauses(items: Iterable[str], lang: str) -> str:
    """Clauses joined in ``lang`` (； or ; )."""
    return MESSAGES.say("join.clause", lang).join(items)


def both(key: str) -> str:
    """A note shown in both languages: "English / 中文"."""
    return f"{MESSAGES.say(key, 'en')} / {MESSAGES.say(key, 'zh')}"
