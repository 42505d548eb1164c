"""The metric of a figure: the phrase naming what is measured, as written in the text.

Taken from the clause before the figure: trailing verbs and comparison words are stripped (余额达 → 余额),
time expressions and place words dropped (截至一季度末全国 …), and a leading verb cut (下调支农支小再贷款利率 →
支农支小再贷款利率). A growth rate or share with no noun of its own takes the metric of the figure before it.
"""
from __future__ import annotations

import functools
import re

from analyzer.text.normalize import to_simplified

MAX_METRIC_CHARS = 24


@functools.cache
def _words() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    from analyzer.extract.figures import load_lexicon
    lex = load_lexicon()["metric"]
    by_length = (lambda words: tuple(sorted(set(words), key=len, reverse=True)))
    return by_length(lex["trailing"]), by_length(lex["verbs"]), by_length(lex["leading"])


def _strip_trailing(phrase: str, trailing: tuple[str, ...]) -> str:
    changed = True
    while changed and phrase:
        changed = False
        for word in trailing:
            if phrase.endswith(word) and len(phrase) > len(word) - 1:
                phrase = phrase[: -len(word)]
                changed = True
                break
    return phrase


def _strip_leading(phrase: str, leading: tuple[str, ...]) -> str:
    changed = True
    while changed and phrase:
        changed = False
        for word in leading:
            if phrase.startswith(word):
                phrase = phrase[len(word):]
                changed = True
                break
    return phrase


def clean_metric(phrase: str) -> str | None:
    """Strip verbs, time and place words from a phrase taken from before a figure."""
    trailing, verbs, leading = _words()
    phrase = _strip_trailing(phrase.strip(), trailing)
    # cut after the last verb that has words after it
    best = -1
    for verb in verbs:
        position = phrase.rfind(verb)
        if position >= 0 and position + len(verb) < len(phrase) and position + len(verb) > best:
            best = position + len(verb)
    if best > 0:
        phrase = phrase[best:]
    phrase = _strip_leading(_strip_trailing(phrase, trailing), leading)
    phrase = _strip_trailing(phrase, trailing)
    phrase = re.sub(r"[\s“”\"'《》【】]", "", phrase)
    if len(phrase) > MAX_METRIC_CHARS:
        phrase = phrase[-MAX_METRIC_CHARS:]
    return phrase or None


def find_metric(text: str, figure_start: int, sentence_start: int, clause_start: int, measure: str,
                previous, times) -> str | None:
    """Metric of the figure starting at ``figure_start`` (offsets into the normalized ``text``)."""
    start = clause_start
    if previous is not None and previous.end > start:
        start = previous.end
    for span in times:  # the metric starts after a time expression in the same clause
        if start <= span.start and span.end <= figure_start:
            start = span.end
    left = text[start:figure_start]
    if measure == "share" and "占" in left:
        left = left[: left.rfind("占")]
    metric = clean_metric(left)
    if (metric is None or len(metric) < 2) and previous is not None and previous.metric:
        return previous.metric
    return to_simplified(metric) if metric else None
