"""Sentence and paragraph boundaries as character offsets (no text is changed)."""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|\n+|$)")
_PARAGRAPH = re.compile(r"[^\n]+")


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
