"""The place of a figure: the country, province, city or region the metric finder dropped from the start of its
name (天津外贸进出口总值8000亿元 → metric 外贸进出口总值, place 天津).

The spec writes a metric without place words, so the place is kept apart, as written (simplified characters):
天津, 美国, 广东省. The nation of a Chinese text (全国, 我国, 国内) is the default scope and gives None, as does a
name with no place before it. The place is read where the metric is written: its last occurrence before the
figure in the figure's sentence, and the words right before it in that clause, time expressions and the
``between`` words of ``analyzer/rules/place.toml`` skipped; a figure whose metric is not written in its sentence (a
growth rate named by an earlier sentence) takes the place of the last figure before it with that metric.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from analyzer import rulebook

CLAUSE_MARKS = "，,；;：:。！？!?\n（(）)"
TIME_GAP = "\x00"  # stands for a time expression's characters in the words before a metric


def _words(row_id: str) -> list[str]:
    return next(row["words"] for row in rulebook.rows("place", "words") if row["id"] == row_id)


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


@functools.cache
def place_words() -> frozenset[str]:
    """Every word that names a place (lead-place's words, place.toml more-places); national words excluded."""
    lead = next(row for row in rulebook.rows("real_text", "metric_edge") if row["id"] == "lead-place")
    return frozenset([*lead["words"], *_words("more-places")])


@functools.cache
def national_words() -> frozenset[str]:
    return frozenset(_words("national"))


@functools.cache
def _place_before() -> re.Pattern:
    """A place word, then only time gaps and ``between`` words up to the end (where the metric starts)."""
    partner = "".join(map(re.escape, _words("partner-before")))
    places = _alternation([*place_words(), *national_words()])
    between = _alternation(_words("between"))
    return re.compile(rf"(?<![{partner}])(?P<place>{places})(?:{between}|{TIME_GAP})*$")


def _words_before(text: str, position: int, sentence_start: int, times: Sequence) -> str:
    """The words of the clause before ``position``, each time expression's characters replaced by TIME_GAP."""
    start = max([sentence_start, *(text.rfind(mark, sentence_start, position) + 1 for mark in CLAUSE_MARKS)])
    chars = list(text[start:position])
    for span in times:
        if span.end > start and span.start < position:
            for index in range(max(span.start, start), min(span.end, position)):
                chars[index - start] = TIME_GAP
    return "".join(chars)


def place_at(text: str, position: int, sentence_start: int, times: Sequence = ()) -> str | None:
    """The place written right before ``position`` (where a metric starts) in its clause; None for a national
    word or none."""
    found = _place_before().search(_words_before(text, position, sentence_start, times))
    if found is None or found.group("place") in national_words():
        return None
    return found.group("place")


def assign_places(text: str, figures: Sequence, sentences: Sequence[tuple[int, int]], times: Sequence = ()) -> None:
    """Set ``figure.place`` for every figure of ``text`` (normalized), its sentences given as (start, end)."""
    last_place: dict[str, str | None] = {}
    index = 0
    for figure in figures:
        while index + 1 < len(sentences) and sentences[index][1] <= figure.start:
            index += 1
        metric = figure.metric
        if not metric:
            continue
        sentence_start = min(sentences[index][0], figure.start) if sentences else 0
        written = text.rfind(metric, sentence_start, figure.start)
        if written >= 0:
            figure.place = place_at(text, written, sentence_start, times)
        else:
            figure.place = last_place.get(metric)
        last_place[metric] = figure.place
