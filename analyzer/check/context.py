"""Stored figures found by the words around them, for a claim whose metric names no stored series.

Real news is often stored with a figure's metric missing or cut (软银集团领涨，盘中涨超13% has none; the company in
农业银行净利润 is dropped), and a claim names the statistic its own way. When no series answers, the figures of
stored sentences that contain the claim's words (the claim's clause, less time words, verbs of change and numbers:
``context_stop`` in claim_words.toml) are compared with the claim's figure: a figure that agrees supports it; the one
the claim's words lead to most closely (the word right before the claim's number found right before the stored one)
contradicts it. The verdict says the match was made by context.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.extract.periods import _time_matches
from analyzer.records import Figure
from analyzer.text.normalize import normalize

CLAUSE_BREAK = re.compile(r"[，,；;。！？!?：:\n]")
MIN_COVERAGE = 0.6   # share of the claim's words (by characters) a stored sentence must contain
NEAR = 12            # characters between the claim's last word and the stored figure, for a contradiction


@dataclass
class Candidate:
    row: dict
    coverage: float
    near: bool        # the claim's word right before its number is right before this figure too


def clause_of(text: str, figure: Figure) -> tuple[int, int]:
    starts = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, figure.start)]
    end = CLAUSE_BREAK.search(text, figure.end)
    return (starts[-1] if starts else 0), (end.start() if end else len(text))


def claim_words(text: str, figure: Figure, figures: list[Figure], stop: frozenset[str]) -> tuple[list[str], str | None]:
    """The content words of the figure's clause, and the last of them before the number."""
    from analyzer.text.segment import tokenizer
    start, end = clause_of(text, figure)
    masked = list(normalize(text))
    for other in figures:
        masked[other.start:other.end] = " " * (other.end - other.start)
    for match in _time_matches("".join(masked)):
        masked[match.start():match.end()] = " " * (match.end() - match.start())
    clause = "".join(masked)
    words, last = [], None
    position = start
    for token in tokenizer().lcut(clause[start:end]):
        here = clause.find(token, position)
        position = here + len(token) if here >= 0 else position
        if len(token.strip()) < 2 or token in stop or re.search(r"\d", token):
            continue
        words.append(token)
        if here < figure.start:
            last = token
    return list(dict.fromkeys(words)), last


def candidates(rows: list[dict], words: list[str], last: str | None) -> list[Candidate]:
    """Rows whose sentence holds enough of the words, one of them before the figure."""
    total = sum(len(w) for w in words)
    out = []
    for row in rows:
        sentence = normalize(row.get("sentence") or "")
        offset = row["start"] - (row.get("sentence_start") or 0)
        before = sentence[:max(offset, 0)]
        found = [w for w in words if w in sentence]
        coverage = sum(len(w) for w in found) / total if total else 0.0
        if coverage < MIN_COVERAGE or not any(w in before for w in found):
            continue
        near = bool(last) and last in before[-(NEAR + len(last)):]
        out.append(Candidate(row, coverage, near))
    return sorted(out, key=lambda c: (-c.near, -c.coverage, c.row["doc_id"], c.row["start"]))
