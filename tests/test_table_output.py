"""The terminal table (`--format table` of sql, query, export, timeline, trends, taxonomy): a long cell cut in one
pass."""
from __future__ import annotations

import random

from analyzer.io.writers import clipped, display_width


def _cut_by_the_old_loop(text: str, max_width: int) -> str:
    while display_width(text) > max_width:
        text = text[:-2] + "…"
    return text


def test_a_long_cell_is_cut_as_before_in_one_pass():
    """The old loop cut two characters, added …, and measured the whole text again until it fit: quadratic (a cell of
    40,000 Chinese characters took 32 s; a stored document's text, 700,000, hours). The same cut in one pass."""
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice("ab中…é\U0001d11e") for _ in range(rng.randint(0, 14)))
        width = rng.randint(1, 10)
        assert clipped(text, width) == _cut_by_the_old_loop(text, width), (text, width)
    assert clipped("中" * 700_000, 40) == "中" * 19 + "…"
    assert clipped("a" * 700_000 + "中", 40) == "a" * 39 + "…"
