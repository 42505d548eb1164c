"""The period search is a bisection over a document's time expressions (issue 17, cost linear in size): it must
find what a scan of every expression finds, for every figure position, and cost the same in a long text."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.extract import periods
from analyzer.extract.periods import LEAD_CHARS, FigurePeriods, TimesBefore, times_within
from analyzer.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus" / "dev").glob("*.json"))]


def scanned_times_before(fp: FigurePeriods, start: int, sentence_start: int) -> TimesBefore:
    """The scan the bisection replaced: every expression in text order."""
    paragraph_start = fp.text.rfind("\n", 0, start) + 1
    found = TimesBefore()
    for span in fp.times:
        if span.end > start:
            break
        if span.start >= sentence_start:
            found.in_sentence = span
        elif span.kind in periods.SENTENCE_ONLY:
            continue
        elif span.start >= paragraph_start:
            found.in_paragraph = span
        elif found.in_text is not None or span.start >= LEAD_CHARS:
            continue  # only the first reporting period, stated in the lead, reaches later paragraphs
        elif span.kind in periods.REPORTING_PERIODS or (span.kind in periods.LEAD_REPORTING
                                                        and span.start < LEAD_CHARS):
            found.in_text = span
    return found


def positions(text: str):
    for sentence_start, sentence_end in split_sentences(text):
        for position in range(sentence_start, sentence_end + 1, 3):
            yield position, sentence_start


@pytest.mark.parametrize("gold", TEXTS[:40], ids=lambda g: g.get("id", "doc")[:40])
def test_bisection_finds_what_a_scan_finds(gold):
    text = "\n".join([gold["text"]] * 3)  # a lead, then paragraphs that only inherit
    fp = FigurePeriods(text, gold.get("published") or "2025-05-26")
    for position, sentence_start in positions(text):
        assert fp._times_before(position, sentence_start) == scanned_times_before(fp, position, sentence_start)
        assert times_within(fp.times, sentence_start, position) == \
            [t for t in fp.times if sentence_start <= t.start and t.end <= position]


def test_time_expressions_are_sorted_and_apart():
    """The bisections rely on it: starts and ends ascend, no two expressions overlap."""
    for gold in TEXTS:
        spans = FigurePeriods(gold["text"], "2025-05-26").times
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_event_row_takes_the_last_dated_action_before_the_figure():
    fp = FigurePeriods("人民银行于3月15日下调利率。于5月8日起实施。\n此后再下调0.25个百分点", "2025-05-26")
    row = next(row for row in periods.NEAREST if row["step"] == "event_date")
    text = fp.text
    opened, closed = tuple(row["before"]), tuple(row["after"])
    def test(t):
        return text[t.start - 1:t.start] in opened or text.startswith(closed, t.end)
    for position in range(len(text) + 1):
        scanned = next((t for t in reversed(fp.times) if t.end <= position and t.kind in row["kinds"] and test(t)),
                       None)
        assert fp.last_of_row(row, position, test) == scanned
