"""Sentence, clause and paragraph boundaries as character offsets (no text is changed): the one definition of each."""
from __future__ import annotations

import bisect
import functools
import re

from analyzer import rulebook

_SENTENCE_END = rulebook.regex(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|\n+|$)")
_PARAGRAPH = rulebook.regex(r"[^\n]+")
_SENTENCE_BREAK = rulebook.regex(r"[。！？!?\n]")
CLAUSE_BREAKS = "，,；;：:。！？!?\n【】"  # a clause ends at sentence or clause punctuation and at page brackets
LIST_BREAK = "、"  # the enumeration comma ends a clause too, unless a list should stay whole


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at 。！？ (with closing quotes) or a line break; blanks skipped."""
    spans = []
    for match in _SENTENCE_END.finditer(text):
        start, end = match.start(), match.end()
        while end > start and text[end - 1] in "\n\r \t\u3000":
            end -= 1
        while start < end and text[start] in " \t\u3000\r":
            start += 1
        if end > start:
            spans.append((start, end))
    return spans


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, which is how news pages mark paragraphs."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


@functools.cache
def _last_break_pattern(breaks: str) -> re.Pattern:
    return rulebook.regex(f"[{re.escape(breaks)}][^{re.escape(breaks)}]*\\Z")  # \Z: $ also stands before a last \n


# a text longer than this (a document, not a phrase) has its clause breaks found once: every figure and name of it
# asks for its clause's start, and a search back over up to ``window`` characters each time cost 3% of the analysis
LONG_TEXT = 400


@functools.lru_cache(maxsize=8)
def _break_positions(text: str, breaks: str) -> list[int]:
    return [match.start() for match in _next_break_pattern(breaks).finditer(text)]


def clause_start(text: str, end: int, lists: bool = True, window: int = 200) -> int:
    """Offset where the clause holding ``text[end]`` starts (looking back at most ``window`` characters).

    ``lists=False`` keeps an enumeration (A、B和C) inside one clause."""
    breaks = CLAUSE_BREAKS + LIST_BREAK if lists else CLAUSE_BREAKS
    start = max(0, end - window)
    if len(text) > LONG_TEXT:  # the last break before ``end``, by bisection of the text's breaks
        positions = _break_positions(text, breaks)
        index = bisect.bisect_left(positions, end) - 1
        return positions[index] + 1 if index >= 0 and positions[index] >= start else start
    match = _last_break_pattern(breaks).search(text, start, end)
    return match.start() + 1 if match else start


@functools.cache
def _next_break_pattern(breaks: str) -> re.Pattern:
    return rulebook.regex(f"[{re.escape(breaks)}]")


def clause_end(text: str, start: int, lists: bool = False, limit: int | None = None) -> int:
    """Offset of the first clause break at or after ``start`` (``limit`` or the text's end when there is none)."""
    breaks = CLAUSE_BREAKS + LIST_BREAK if lists else CLAUSE_BREAKS
    stop = len(text) if limit is None else limit
    match = _next_break_pattern(breaks).search(text, start, stop)
    return match.start() if match else stop


def clause_break_positions(text: str, lists: bool = False) -> list[int]:
    """Where each clause break of ``text`` stands, in order: :func:`clause_end` of many figures of one text by
    bisection (a long sentence of figures with no break would be searched to its end for each, issue 17)."""
    breaks = CLAUSE_BREAKS + LIST_BREAK if lists else CLAUSE_BREAKS
    return [match.start() for match in _next_break_pattern(breaks).finditer(text)]


def clause_end_among(positions: list[int], start: int, stop: int) -> int:
    """:func:`clause_end` from :func:`clause_break_positions`: the first break at or after ``start`` before ``stop``,
    else ``stop``."""
    index = bisect.bisect_left(positions, start)
    return positions[index] if index < len(positions) and positions[index] < stop else stop


def clause_bounds(text: str, start: int, end: int, lists: bool = False, window: int = 200) -> tuple[int, int]:
    """(start, end) of the clause around ``text[start:end]``: between clause breaks, the span's own left out (the
    start looked for at most ``window`` characters back)."""
    return clause_start(text, start, lists, window), clause_end(text, end, lists)


def sentence_start(text: str, at: int, previous: int = 0, floor: int = 0) -> int:
    """The start of the sentence around ``at``, or of the ``previous``-th sentence before it; looked for no
    further back than ``floor`` (returned where no sentence ends between it and ``at``)."""
    end = at
    for _ in range(previous + 1):
        end = _last_sentence_end(text, end, floor)
        if end < 0:
            return floor
    return end + 1


def sentence_end(text: str, at: int, ceiling: int | None = None) -> int:
    """Where the sentence around ``at`` ends (its sentence-ending character, else ``ceiling`` or the text's end)."""
    stop = len(text) if ceiling is None else min(len(text), ceiling)
    match = _SENTENCE_BREAK.search(text, at, stop)
    return match.start() if match else stop


def _last_sentence_end(text: str, end: int, floor: int = 0) -> int:
    """Where the last sentence-ending character from ``floor`` to ``end`` is (-1: none), searched back in growing
    stretches: a scan from the text's start for every mention grew with the square of a long document's size."""
    size = 256
    while True:
        low = max(floor, end - size)
        last = -1
        for match in _SENTENCE_BREAK.finditer(text, low, end):
            last = match.start()
        if last >= 0 or low <= floor:
            return last
        size *= 4
