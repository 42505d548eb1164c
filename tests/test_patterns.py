"""first_characters: the characters a pattern's matches can start with, read from its parse tree (a superset, or
None when unknown), the time-expression scan that skips the other starts, and with_first_characters, which puts
them in a lookahead."""
from __future__ import annotations

import re

import pytest

from analyzer.extract.periods import TIME_PATTERN, time_matches
from analyzer.text.patterns import EVERY_CHARACTER, first_characters, with_first_characters

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


TEXTS = ["主力合约上涨约3%，公约约束", "9连板后涨停，跌停2次", "同比上涨12%而环比下降", "１２年度收入", "abcabd", ""]


@pytest.mark.parametrize("pattern", ["a?b|c", "(?<!同比)上涨", r"[一二三]?\d+年", "(?:ab)*c", r"(?:\d{1,2}连板|涨停|(?<!x)跌停)",
                                     "(?:上涨|(?<![主公])约|下降)+$", "(?:上涨|下跌)+$", r"(?:(?P<x>a)|c)b(?P=x)?"])
def test_with_first_characters_finds_the_same_matches(pattern):
    """The lookahead only refuses starts no match can have: the same matches, groups and spans on every text."""
    ahead = with_first_characters(pattern)
    assert ahead.startswith("(?=[") and ahead != pattern
    plain, fast = re.compile(pattern), re.compile(ahead)
    assert fast.groupindex == plain.groupindex and fast.groups == plain.groups
    for text in TEXTS + [pattern]:
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert [bool(fast.match(text, i)) for i in range(len(text))] == [bool(plain.match(text, i)) for i in range(len(text))]


@pytest.mark.parametrize("pattern", [*UNKNOWN, "公告|业绩预告|披露", "[0-3]日", "(?P<x>年|月)(?:度)?"])
def test_with_first_characters_leaves_alone_what_re_skips_by_itself_or_an_unknown_start(pattern):
    """An unknown start, and a pattern re already skips by first character (a literal prefix, a class, branches
    that open with literals), come back as they are: a lookahead in front would stop re's own skipping."""
    assert with_first_characters(pattern) == pattern
