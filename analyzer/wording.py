"""Message files: the wording of verdicts, reasons, hints and brief phrases, one key per message, a template per
language (``zh``, ``en``), so code never branches on the language.

A message file is TOML. A table holding a ``zh`` string is one message, keyed by its dotted path (``[slip.scale]``
is ``slip.scale``); its templates take ``str.format`` fields. Arrays of tables (``[[value_phrase]]``) are ordered
case tables: every row has an ``id`` and an ``example`` (checked when the file is read). To add a language, add its
templates next to ``zh`` and ``en`` in every message (``tests/test_wording.py`` says which are missing).

    MESSAGES = Messages(Path(__file__).with_name("messages.toml"))
    MESSAGES.say("verdict.supported", "en")
"""
from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from analyzer.errors import AnalyzerError

LANGS = ("zh", "en")


class MessageFileError(AnalyzerError):
    """A message file that cannot be used: unreadable TOML, or a case row without an id or an example."""


def _messages(table: dict, prefix: str = "") -> dict[str, dict]:
    """Every message of ``table`` (a table with a ``zh`` string), keyed by its dotted path."""
    found = {}
    for name, value in table.items():
        if isinstance(value, dict):
            key = f"{prefix}{name}"
            if isinstance(value.get("zh"), str):
                found[key] = value
            else:
                found.update(_messages(value, key + "."))
    return found


def _case_tables(path: Path, data: dict) -> dict[str, list[dict]]:
    tables = {name: rows for name, rows in data.items()
              if isinstance(rows, list) and rows and isinstance(rows[0], dict)}
    for name, rows in tables.items():
        ids = [row.get("id") for row in rows]
        for number, row in enumerate(rows, 1):
            if not row.get("id") or not row.get("example"):
                raise MessageFileError(f"{path}: [[{name}]] row {number} needs an id and an example")
        if len(set(ids)) != len(ids):
            raise MessageFileError(f"{path}: [[{name}]] has an id used twice")
    return tables


class Messages:
    """The messages and case tables of one message file, read once."""

    def __init__(self, path: Path):
        self.path = path

    @functools.cached_property
    def data(self) -> dict:
        try:
            return tomllib.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise MessageFileError(f"{self.path}: {error}") from None

    @functools.cached_property
    def messages(self) -> dict[str, dict]:
        return _messages(self.data)

    @functools.cached_property
    def tables(self) -> dict[str, list[dict]]:
        return _case_tables(self.path, self.data)

    def template(self, key: str, lang: str) -> str:
        return self.messages[key][lang]

    def say(self, key: str, lang: str, /, **fields) -> str:
        """The message ``key`` in ``lang`` with its fields filled in."""
        return self.messages[key][lang].format(**fields)

    def has(self, key: str) -> bool:
        return key in self.messages

    def rows(self, table: str) -> list[dict]:
        """The rows of a case table, in file order (the first that applies wins)."""
        return self.tables[table]

    def setting(self, lang: str, name: str):
        """A per-language setting of ``[language.LANG]`` (what a text in that language shows or leaves out)."""
        return self.data["language"][lang][name]
