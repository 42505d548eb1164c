"""Issue 17, s30-speed: work removed from the analysis gives the answers of the searches it replaces."""
from __future__ import annotations

import random
import re

from analyzer.text import sentences


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
