"""The message files of check and brief: every message has a template in every language, every key the code asks
for exists, and the case tables (value_phrase, period_phrase, change_unit) are complete."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyzer.brief.facts import PERIOD_KINDS
from analyzer.brief.messages import MESSAGES as BRIEF
from analyzer.check.claims import SLIPS, VERDICTS
from analyzer.check.consistency import RULES, change_reading
from analyzer.check.messages import MESSAGES as CHECK
from analyzer.wording import LANGS, MessageFileError, Messages

ROOT = Path(__file__).resolve().parent.parent
CODE = {CHECK: [*sorted((ROOT / "analyzer" / "check").glob("*.py")), ROOT / "analyzer" / "cli" / "check.py"],
        BRIEF: [*sorted((ROOT / "analyzer" / "brief").glob("*.py")), ROOT / "analyzer" / "cli" / "brief.py"]}
LITERAL_KEY = re.compile(r"""(?:say|template|has)\(\s*["']([a-z_.]+)["']""")
DYNAMIC_KEY = re.compile(r"""(?:say|template|has)\(\s*f["']([a-z_.]+)\{""")


@pytest.mark.parametrize("messages", [CHECK, BRIEF], ids=["check", "brief"])
def test_every_message_has_every_language(messages):
    missing = [(key, lang) for key, message in messages.messages.items() for lang in LANGS
               if not isinstance(message.get(lang), str)]
    assert not missing


@pytest.mark.parametrize("messages", [CHECK, BRIEF], ids=["check", "brief"])
def test_every_key_the_code_uses_exists(messages):
    used = {key for path in CODE[messages] for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}
    assert used, "no message keys found in the code"
    assert sorted(key for key in used if not messages.has(key)) == []


def test_keys_made_from_names_exist():
    for verdict in VERDICTS:
        assert CHECK.has(f"label.{verdict}") and CHECK.has(f"markdown.{verdict}")
    for status in ("ok", "inconsistent"):
        assert CHECK.has(f"label.{status}")
    for because in ("agrees", "comparable", "stored"):
        assert CHECK.has(f"series.why.{because}")
    assert CHECK.has("slip.value")
    assert {key.split(".", 1)[1] for key in CHECK.messages if key.startswith("slip.")} <= set(SLIPS)
    prefixes = {prefix for path in CODE[CHECK] + CODE[BRIEF]
                for prefix in DYNAMIC_KEY.findall(path.read_text(encoding="utf-8"))}
    for prefix in prefixes:  # every key built from a name has at least one message under its prefix
        assert any(key.startswith(prefix) for key in {*CHECK.messages, *BRIEF.messages}), prefix


def test_brief_case_tables_have_every_language():
    for row in BRIEF.rows("value_phrase"):
        for lang in LANGS:
            assert row.get(lang) and row.get(f"{lang}_negative"), row["id"]
    for row in BRIEF.rows("period_phrase"):
        assert row["kind"] in PERIOD_KINDS, row["id"]
        for lang in LANGS:
            assert row.get(lang), row["id"]
    assert BRIEF.rows("value_phrase")[-1]["measure"] == "any"  # every figure gets a phrase
    assert BRIEF.rows("period_phrase")[-1]["kind"] == "any"
    for lang in LANGS:
        assert set(BRIEF.data["language"][lang]) == {"names", "numbers", "quote_sentences"}


@pytest.mark.parametrize("change, levels, reading", [
    ("basis_point", "percent", "scaled"), ("percent", "percent", "relative"),
    ("percentage_point", "percent", "direct"), ("CNY", "CNY", "direct"), ("CNY", "percent", None),
    ("percentage_point", "CNY", None)])
def test_change_units(change, levels, reading):
    assert change_reading(change, levels) == reading
    assert all(row["example"] for row in RULES.rows("change_unit"))


def test_a_case_row_without_example_is_refused(tmp_path):
    path = tmp_path / "m.toml"
    path.write_text('[[case]]\nid = "a"\nzh = "x"\nen = "y"\n', encoding="utf-8")
    with pytest.raises(MessageFileError):
        Messages(path).rows("case")
