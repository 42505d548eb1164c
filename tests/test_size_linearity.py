"""Work against document size (issue 17): one document made of many texts costs what the texts cost one by one.

Work is counted, not timed: the Python function calls ``cProfile`` counts (generator steps included) while the
pipeline analyzes the texts one by one and then joined into one document, each after a warm-up run. A rule that reads
every earlier figure, mention or clause of the document for each figure (a lookback, a list grown and searched
linearly, a sort per name) makes the joined document's count grow with the square of its size: main's code before
the s29-speed round counted 1.27× the pieces' calls at 120 KB of corpus text, 1.86× at 128 KB of archive text (read
in place from ../shared/data, as benchmarks/bench_linearity.py builds it) and 2.26× at 256 KB.
"""
from __future__ import annotations

import cProfile
import json
import pstats
import random

import pytest

from conftest import CORPUS, SHARED_DATA, benchmark_module
from analyzer.records import Document

LIMIT = 1.1  # the joined document's calls over the pieces' (0.98-1.0 after the round)


def _calls(pipeline, texts: list[str]) -> dict[str, int]:
    """Calls of each analyzer function while ``texts`` are analyzed, one document each."""
    profile = cProfile.Profile()
    profile.enable()
    for i, text in enumerate(texts):
        pipeline.analyze(Document(id=str(i), text=text))
    profile.disable()
    return {f"{path.split('/analyzer/')[-1]}:{line}({name})": calls
            for (path, line, name), (_, calls, *_) in pstats.Stats(profile).stats.items() if "/analyzer/" in path}


def _corpus_pieces(size: int) -> list[str]:
    pieces, total = [], 0
    for path in sorted((CORPUS / "dev").glob("*.json")):
        pieces.append(json.loads(path.read_text(encoding="utf-8"))["text"])
        total += len(pieces[-1].encode("utf-8"))
        if total >= size:
            break
    return pieces


def _archive_pieces(kb: int) -> list[str]:
    if not (SHARED_DATA / "rss_finance_news.jsonl").exists():
        pytest.skip("../shared/data is not here")
    return benchmark_module("bench_linearity").pieces(kb)


@pytest.mark.parametrize("source", ["corpus-120KB", "archive-128KB"])
def test_one_document_does_the_work_of_its_pieces(pipeline, source):
    pieces = _corpus_pieces(120_000) if source.startswith("corpus") else _archive_pieces(128)
    for i, text in enumerate(pieces):  # warm-up: the phrase caches filled alike for both counts
        pipeline.analyze(Document(id=str(i), text=text))
    many, one = _calls(pipeline, pieces), _calls(pipeline, ["\n".join(pieces)])
    growing = sorted(one, key=lambda key: many.get(key, 0) - one[key])[:5]
    assert sum(one.values()) <= LIMIT * sum(many.values()), (
        f"{sum(one.values())} calls for one document against {sum(many.values())} for its {len(pieces)} pieces; "
        "grown most: " + ", ".join(f"{key} {many.get(key, 0)} → {one[key]}" for key in growing))


def _brute_overlaps(spans, start, end):
    return any(s < end and start < e for s, e in spans)


def test_span_masks_answer_as_reading_every_span():
    """The masks that replaced reads of every hit (listed names, glosses, acronyms) answer as those reads did, empty
    spans and empty asks included."""
    from analyzer.extract.mentions import Hit, _FirmLists, _Spans
    from analyzer.taxonomy import Entry
    entry = Entry(id="x", kind="institutions", name="x", name_en="x", category="c")
    rng = random.Random(17)
    for _ in range(200):
        spans = [(a, a + rng.randint(0, 4)) for a in (rng.randint(0, 40) for _ in range(rng.randint(0, 6)))]
        taken = _Spans(50, [Hit(s, e, "institutions", "x", entry) for s, e in spans[:3]])
        for s, e in spans[3:]:
            taken.add(Hit(s, e, "institutions", "x", entry))
        clauses = [(s, e, rng.random() < 0.5) for s, e in spans]
        lists = _FirmLists(50, clauses)
        for start in range(45):
            for end in range(start - 1, start + 5):
                assert taken.overlaps(start, end) == _brute_overlaps(spans, start, end), (spans, start, end)
            assert lists.holding(start) == (any(s <= start < e for s, e, _ in clauses),
                                            any(s <= start < e and both for s, e, both in clauses))
