"""Issue 17, s30-speed: work removed from the analysis gives the answers of the searches it replaces."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from analyzer.extract import figures
from analyzer.extract.figures import FigureExtractor
from analyzer.text import patterns, sentences


def _clause_start_by_search(text: str, end: int, lists: bool = True, window: int = 200) -> int:
    """The search ``clause_start`` made for every text before: the last clause break in the window before ``end``."""
    breaks = sentences.CLAUSE_BREAKS + (sentences.LIST_BREAK if lists else "")
    start = max(0, end - window)
    match = re.compile(f"[{re.escape(breaks)}][^{re.escape(breaks)}]*\\Z").search(text, start, end)
    return match.start() + 1 if match else start


def test_clause_start_of_a_long_text_is_the_search_back():
    rng = random.Random(30)
    pieces = ["央行", "今年", "增长", "5.2%", "，", "、", "。", "\n", "；", "：", "和", "亿元", "【", "】", " "]
    text = "".join(rng.choice(pieces) for _ in range(900)) + "，" + "无标点" * 120  # a stretch longer than the window
    assert len(text) > sentences.LONG_TEXT
    for end in [*range(-3, len(text) + 4), len(text) + 50]:
        for lists in (True, False):
            for window in (200, 12, 1):
                assert sentences.clause_start(text, end, lists, window) == \
                    _clause_start_by_search(text, end, lists, window), (end, lists, window)


def test_clause_starts_of_a_long_text_read_its_breaks_once():
    text = "央行今年增长5.2%，" * 100
    sentences._break_positions.cache_clear()
    for end in range(0, len(text), 7):
        sentences.clause_start(text, end)
    info = sentences._break_positions.cache_info()
    assert (info.misses, info.hits) == (1, len(range(0, len(text), 7)) - 1)


REQUIRED_WORDS_CASES = [
    ("ab(?i:cd)ef", {"ab"}),              # a run read without cases is no word
    ("(?i)abc", None),
    ("x(?:ab|cd)+y", {"ab", "cd"}),      # one word of each branch
    ("a(?<=a)b[0-9]cde", {"cde"}),       # a look-around inside a run consumes nothing; a class ends the run
    ("a?bc", {"bc"}),
    ("(?:ab|c?)d", {"d"}),               # a branch that may be empty needs no word
    ("(?:ab)*", None),
    ("(?:(?<=超过)|(?<=超))一半|一半(?=以上)", {"一半"}),
]


@pytest.mark.parametrize("pattern, words", REQUIRED_WORDS_CASES)
def test_required_words(pattern, words):
    assert patterns.required_words(re.compile(pattern)) == (frozenset(words) if words is not None else None)


def test_figure_finders_skipped_by_their_gates_have_no_match():
    """Every finder a gate may skip: each match in the gold texts holds a gate word, and a text that holds none has
    no match (the finders' own test, on text that has the finders' words and text that has not)."""
    extractor = FigureExtractor()
    texts = [json.loads(path.read_text(encoding="utf-8"))["text"] for path in sorted(Path("corpus/dev").glob("*.json"))]
    texts += ["翻番约超过近一次半成", "约五分之一，超千倍近百家", "无数字的句子。"]
    finders = [extractor.fraction_pattern, extractor.half_pattern, extractor.half_of_pattern, extractor.bare_rate,
               extractor.bare_scale_pattern, *(pattern for pattern, _ in extractor.word_figures)]
    gated = [pattern for pattern in finders if figures._gate(pattern.pattern, pattern.flags)]
    assert len(gated) >= 15
    for pattern in gated:
        for text in texts:
            matches = list(pattern.finditer(text))
            assert all(any(word in match.group() for word in figures._gate(pattern.pattern, pattern.flags))
                       for match in matches)
            assert figures._may_match(pattern, text) or not matches
