"""A claim that opens with a place the extractor does not know (county-level cities, districts, new areas, regions)
is that place's claim, not a national one (claim_words.toml ``unknown_place``; s26-review: check
"昆山市2023年GDP增长5.2%" was supported by the national GDP's 5.2%). Documents written for these tests."""
from __future__ import annotations

import pytest

from conftest import module_store, verdict_of

DOCS = [
    ("n1", "2024-01-17", "国家统计局17日发布数据，初步核算，2023年国内生产总值同比增长5.2%。"),
    ("k1", "2024-01-30", "昆山市统计局发布，2023年昆山市地区生产总值5140亿元，同比增长5.8%。"),
]

store = module_store(DOCS)


@pytest.mark.parametrize("claim, figure, verdict", [
    ("昆山市2023年GDP增长5.2%", "5.2%", "contradicted"),        # the national 5.2% is no figure of Kunshan's; its
    # GDP is its 地区生产总值 (``placed_name``, s28-w13fix): Kunshan's own 5.8% answers it
    ("浦东新区2023年GDP增长5.2%", "5.2%", "unverifiable"),
    ("长三角地区2023年GDP增长5.2%", "5.2%", "unverifiable"),
    ("2023年GDP增长5.2%", "5.2%", "supported"),                 # a national claim as before
    ("昆山市2023年地区生产总值增长5.8%", "5.8%", "supported"),   # the document that names Kunshan answers it
])
def test_a_claim_of_a_place_the_extractor_does_not_know_is_that_places(store, claim, figure, verdict):
    found = verdict_of(store, claim, "2024-02-01", figure)
    assert found.verdict == verdict, found.explanation


@pytest.mark.parametrize("claim", ["西安目前还有封控区91个", "中国股市今年上涨10%"])
def test_words_that_end_like_a_place_are_no_place(claim):
    from analyzer.check.reading import _unknown_place, claim_words
    found = claim_words()["unknown_place"].match(claim)
    place = next((g for g in found.groups() if g), None) if found else None
    assert place is None or place.endswith(claim_words()["not_place_endings"])
    assert _unknown_place  # the reading is the one read_claim_figure applies
