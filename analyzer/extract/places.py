"""The place of a figure: the country, province, city or region the metric finder dropped from the start of its
name (天津外贸进出口总值8000亿元 → metric 外贸进出口总值, place 天津).

The spec writes a metric without place words, so the place is kept apart, as written (simplified characters):
天津, 美国, 广东省. The nation of a Chinese text (全国, 我国, 国内) is the default scope and gives None, as does a
name with no place before it. The place is read where the metric is written: its last occurrence before the
figure in the figure's sentence, and the words right before it in that clause, time expressions and the
``between`` words of ``analyzer/rules/place.toml`` skipped; a figure whose metric is not written in its sentence (a
growth rate named by an earlier sentence) takes the place of the last figure before it with that metric. A clause
that names only a place before its figure (浙江新增确诊病例12例，其中宁波市5例) gives that place.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from analyzer import rulebook
from analyzer.extract.periods import ending_by
from analyzer.taxonomy.series import load_rules

CLAUSE_MARKS = "，,；;：:。！？!?\n（(）)"
TIME_GAP = "\x00"  # stands for a time expression's characters in the words before a metric


def _words(row_id: str) -> list[str]:
    return next(row["words"] for row in rulebook.rows("place", "words") if row["id"] == row_id)


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=lambda word: (-len(word), word))))


@functools.cache
def place_words() -> frozenset[str]:
    """Every word that names a place (lead-place's words, place.toml more-places and referring-places: 该市);
    national words excluded."""
    lead = next(row for row in rulebook.rows("real_text", "metric_edge") if row["id"] == "lead-place")
    return frozenset([*lead["words"], *_words("more-places"), *_words("referring-places")])


def national_words() -> frozenset[str]:
    """全国, 我国, 国内 …: the nation of a Chinese text, the default scope (series.toml's [[place]] national)."""
    return load_rules().national


@functools.cache
def _place_before() -> re.Pattern:
    """A place word that opens the words (or follows a time, a mark, or a word the metric finder drops: 其中, 目前, 在),
    then only time gaps and ``between`` words up to the end (where the metric starts). A place inside a name
    (国信证券广州分公司) follows other characters and is none."""
    partner = "".join(map(re.escape, _words("partner-before")))
    places = _alternation([*place_words(), *national_words()])
    between = _alternation(_words("between"))
    leading = [word for word in rulebook.lexicon()["metric"]["leading"] if len(word) > 1 or "\u4e00" <= word <= "\u9fff"]
    opener = _alternation([*_words("between"), *leading, *_located_at()])
    return rulebook.regex(rf"(?:^|(?<=[^\u4e00-\u9fff])|{opener})(?<![{partner}])(?P<place>{places})"
                          rf"(?:{between}|{TIME_GAP})*$")


def _located_at() -> list[str]:
    """在 of 在印度投资 (metric.toml located-at): the metric finder drops it with the place after it, which is kept here."""
    return next(row["words"] for row in rulebook.rows("metric", "words") if row["id"] == "located-at")


@functools.cache
def _place_alone() -> re.Pattern:
    """A clause of only a place (after openers, before time gaps, ``between`` and ``place-alone`` words)."""
    places = _alternation([*place_words(), *national_words()])
    opener = _alternation(word for word in rulebook.lexicon()["metric"]["leading"] if len(word) > 1)
    rest = _alternation([*_words("between"), *_words("place-alone")])
    return rulebook.regex(rf"^(?:{opener}|{TIME_GAP})*(?P<place>{places})(?:{rest}|{TIME_GAP})*$")


@functools.lru_cache(maxsize=4)
def _mark_positions(text: str) -> list[int]:
    """Where each of CLAUSE_MARKS stands in ``text``, in order (found once a text, issue 17)."""
    return [match.start() for match in _CLAUSE_MARK.finditer(text)]


_CLAUSE_MARK = re.compile(f"[{re.escape(CLAUSE_MARKS)}]")


def _words_before(text: str, position: int, sentence_start: int, times: Sequence) -> str:
    """The words of the clause before ``position``, each time expression's characters replaced by TIME_GAP."""
    marks = _mark_positions(text)  # the last mark before ``position``, by bisection (no scan to the sentence start)
    last = bisect.bisect_left(marks, position) - 1
    start = marks[last] + 1 if last >= 0 and marks[last] >= sentence_start else sentence_start
    chars = list(text[start:position])
    for span in times[ending_by(times, start):]:  # in text order: the first that ends after ``start`` on
        if span.start >= position:
            break
        for index in range(max(span.start, start), min(span.end, position)):
            chars[index - start] = TIME_GAP
    return _written_dates().sub(lambda date: TIME_GAP * len(date.group()), "".join(chars))


@functools.cache
def _written_dates() -> re.Pattern:
    return rulebook.regex("|".join(row["pattern"] for row in rulebook.rows("place", "pattern")))


def place_at(text: str, position: int, sentence_start: int, times: Sequence = (), alone: bool = False) -> str | None:
    """The place written right before ``position`` (where a metric starts) in its clause; None for a national
    word or none. ``alone``: only a clause that is nothing but a place (其中宁波市5例) counts."""
    pattern = _place_alone() if alone else _place_before()
    return _place_of(pattern.search(_words_before(text, position, sentence_start, times)))


def _place_of(found: re.Match | None) -> str | None:
    """The place a match of :func:`_place_alone` or :func:`_place_before` found, None for a national word."""
    if found is None or found.group("place") in national_words():
        return None
    return found.group("place")


def _placed(text: str, figure, sentence_start: int, times: Sequence, last_place: dict) -> str | None:
    """The figure's place: a clause of only a place before it, else the place before its metric in its sentence,
    else the place of the last figure with its metric."""
    alone = _place_alone().search(_words_before(text, figure.start, sentence_start, times))
    if alone:
        return _place_of(alone)  # the clause read and searched once for the test and the place
    written = text.rfind(figure.metric, sentence_start, figure.start)
    if written >= 0:
        return place_at(text, written, sentence_start, times)
    return last_place.get(figure.metric)


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
        # a place already given stands (a 分别 list's member, figures.py _member_place)
        figure.place = last_place[metric] = figure.place or _placed(text, figure, sentence_start, times, last_place)
