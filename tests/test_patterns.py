"""first_characters: the characters a pattern's matches can start with, read from its parse tree (a superset, or
None when unknown), and the time-expression scan that skips the other starts."""
from __future__ import annotations

import re

import pytest

from analyzer.extract.periods import TIME_PATTERN, time_matches
from analyzer.text.patterns import EVERY_CHARACTER, first_characters

CASES = [  # pattern, characters, any decimal digit
    ("a?b|c", "abc", False),
    ("(?P<x>年|月)(?:度)?", "年月", False),
    ("(?<!同比)上涨", "上", False),
    (r"[一二三]?\d+年", "一二三", True),
    ("(?:ab)*c", "ac", False),
    ("[0-3]日", "0123", False),
]
UNKNOWN = ["a*", "(?:x)?", ".年", r"\w年", "[^年]月", "(?i)ab", r"(a?)\1b"]


@pytest.mark.parametrize("pattern, chars, digits", CASES)
def test_first_characters(pattern, chars, digits):
    starts = first_characters(re.compile(pattern))
    assert starts is not None and starts.chars == frozenset(chars) and starts.digits == digits


@pytest.mark.parametrize("pattern", UNKNOWN)
def test_first_characters_unknown(pattern):
    assert first_characters(re.compile(pattern)) is None


def test_digits_include_other_scripts():
    starts = first_characters(re.compile(r"\d+"))
    assert "7" in starts and "٣" in starts and "七" not in starts and "a" in EVERY_CHARACTER


def test_every_match_starts_with_one_of_them():
    starts = first_characters(TIME_PATTERN)
    text = "自二〇二五年以来，2025 年 12 月末、上年同期、今年前三季度、报告期内、昨日、第一季度和去年全年的数据"
    found = list(TIME_PATTERN.finditer(text))
    assert found and all(text[m.start()] in starts for m in found)
    assert [m.span() for m in time_matches(text)] == [m.span() for m in found]
