"""The same regex search over the prefix of one sentence for many figures, in time linear in the sentence (issue 17).

A rule that asks "do these words stand between the sentence's start and the figure?" runs
``pattern.search(text, sentence_start, figure_start)`` once a figure; on one long sentence of n figures that is n
searches of up to the whole sentence, quadratic time. :class:`PrefixSearch` answers each such call exactly as that
search would, from one search a (pattern, start) and a search of the last few characters before the end:

- a pattern that reads at most ``reach`` characters from where a match starts (its longest match and what its
  lookaheads read past that; no ``$``, ``\\Z``, ``\\b`` or ``\\B``, which test where the text ends) matches at a
  position ``p`` with ``p + reach <= end`` in ``text[:end]`` exactly as in the whole text: it reads the same
  characters there, and a lookbehind reads those before ``p`` either way;
- so the first match from ``start`` in the whole text, when it begins at or before ``end - reach``, is the answer;
  else no position up to ``end - reach`` matches, and the answer is the search of ``text`` from
  ``end - reach + 1`` to ``end`` (``pos`` moves only where the search starts: ``^`` and lookbehinds see the same).

An unbounded pattern that reads only its match (no negative lookahead, no end test, no atomic group; positive
lookaheads of a bounded reach) takes the first match when it ends (with what its lookaheads read) by ``end``: cutting
the text only takes ways to match away. A pattern whose first part has a bounded reach is searched only from where
that part first matches. Any other pattern is searched as before, and so is a prefix of up to SHORT characters.
"The whole text" above is ``text[:bound]``, a bound at or after ``end`` that doubles as later figures ask past it.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _compiler as _sre_compiler, _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_compile as _sre_compiler  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_MISSING = object()
SHORT = 300  # a prefix up to this long is searched directly
_UNBOUNDED = 1 << 32
_AT_END = {"AT_END", "AT_END_LINE", "AT_END_STRING", "AT_BOUNDARY", "AT_NON_BOUNDARY", "AT_LOC_BOUNDARY",
           "AT_LOC_NON_BOUNDARY", "AT_UNI_BOUNDARY", "AT_UNI_NON_BOUNDARY"}


def _lookahead_reach(items) -> int:
    """How far past the position where it stands a lookahead of ``items`` may read (the most over them all; 0 for
    none), or _UNBOUNDED when a part of ``items`` tests the end of the text (``$``, ``\\Z``, ``\\b``)."""
    reach = 0
    for op, value in items:
        name = str(op)
        if name == "AT" and str(value) in _AT_END:
            return _UNBOUNDED
        if name in ("ASSERT", "ASSERT_NOT"):
            body = value[1]  # a lookbehind reads before its position, but what it holds may look ahead
            reach = max(reach, (body.getwidth()[1] if value[0] > 0 else 0) + _lookahead_reach(body))
        else:
            reach = max(reach, 0, *(_lookahead_reach(sub) for sub in _subpatterns(op, value)))
    return reach


def _subpatterns(op, value) -> list:
    """The nested patterns of one parsed item (groups, repeats, alternatives, conditionals, atomic groups)."""
    name = str(op)
    if name == "SUBPATTERN":
        return [value[-1]]
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return [value[2]]
    if name == "BRANCH":
        return list(value[1])
    if name == "ATOMIC_GROUP":
        return [value]
    if name == "GROUPREF_EXISTS":
        return [part for part in value[1:] if part is not None]
    return []


def _reach_of(parsed) -> int | None:
    total = parsed.getwidth()[1] + _lookahead_reach(parsed)
    return None if total >= _UNBOUNDED else max(total, 1)


def reach(pattern: re.Pattern) -> int | None:
    """How many characters from where a match of ``pattern`` starts it may read (its longest match and what its
    lookaheads read past that), or None when that is unbounded or it tests the end of the text."""
    return _plan(pattern)[1] if _plan(pattern)[0] == "reach" else None


def _reads_only_its_match(items) -> bool:
    """No negative lookahead, no test of the end of the text, no atomic group or possessive repeat in ``items``:
    cutting the text then only takes ways to match away, and a match reads nothing past its end but what its
    (positive) lookaheads read."""
    for op, value in items:
        name = str(op)
        if name in ("ATOMIC_GROUP", "POSSESSIVE_REPEAT") or (name == "AT" and str(value) in _AT_END):
            return False
        if name in ("ASSERT", "ASSERT_NOT"):
            if (name == "ASSERT_NOT" and value[0] > 0) or not _reads_only_its_match(value[1]):
                return False
        elif not all(_reads_only_its_match(sub) for sub in _subpatterns(op, value)):
            return False
    return True


@lru_cache(maxsize=None)
def _plan(pattern: re.Pattern) -> tuple[str, int, re.Pattern | None]:
    """How :meth:`PrefixSearch.search` answers for ``pattern``: ("reach", reach, None) for a bounded reach;
    ("first", lookahead, None) for an unbounded pattern that reads only its match and ``lookahead`` characters
    past it; ("lead", reach, lead) when only the
    pattern's first part ``lead`` has a bounded reach (every match starts with a match of it); else
    ("search", 0, None)."""
    parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    bounded = _reach_of(parsed)
    if bounded is not None:
        return "reach", bounded, None
    if _reads_only_its_match(parsed) and _lookahead_reach(parsed) < _UNBOUNDED:
        return "first", _lookahead_reach(parsed), None
    if len(parsed) > 1:
        lead = _sre_parse.SubPattern(parsed.state, [parsed[0]])
        lead_reach = _reach_of(lead)
        if lead_reach is not None:
            return "lead", lead_reach, _sre_compiler.compile(lead, pattern.flags)
    return "search", 0, None


@lru_cache(maxsize=None)
def reads_before_start(pattern: re.Pattern) -> bool:
    """Whether ``pattern`` reads before where a search starts (a lookbehind, ``^``, ``\\A``, ``\\b``), so that a
    search of ``text[start:end]`` may differ from one of ``text`` from ``start`` to ``end``."""
    return _reads_before(_sre_parse.parse(pattern.pattern, pattern.flags))


def _reads_before(items) -> bool:
    for op, value in items:
        name = str(op)
        if (name in ("ASSERT", "ASSERT_NOT") and value[0] < 0) or (name == "AT" and "BEGINNING" in str(value)) \
                or (name == "AT" and "BOUNDARY" in str(value)):
            return True
        body = value[1] if name in ("ASSERT", "ASSERT_NOT") else None
        if any(_reads_before(sub) for sub in ([body] if body is not None else _subpatterns(op, value))):
            return True
    return False


@lru_cache(maxsize=None)
def _can_match_nothing(pattern: re.Pattern) -> bool:
    return _sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[0] == 0


class PrefixSearch:
    """``pattern.search(text, start, end)`` on one text for many ends, each answered exactly, in linear time overall
    when the ends of one start grow (the figures of one sentence)."""

    def __init__(self, text: str):
        self.text = text
        self._first: dict[tuple[re.Pattern, int], tuple[int, re.Match | None]] = {}
        self._whole: dict[tuple[re.Pattern, int, int], re.Match | None] = {}
        self._all: dict[tuple[re.Pattern, int], tuple[int, list[re.Match], list[int]]] = {}

    def search(self, pattern: re.Pattern, start: int, end: int) -> re.Match | None:
        """The same match (span and groups) as ``pattern.search(self.text, start, end)``."""
        if end - start <= SHORT:
            return pattern.search(self.text, start, end)  # most sentences: one search is cheaper than the bookkeeping
        how, width, lead = _plan(pattern)
        if how == "reach":
            return self._within_reach(pattern, width, start, end)
        if how == "first":
            first = self._first_from(pattern, start, end)
            if first is None or first.end() + width <= end:
                return first  # the first way to match in the whole text reads nothing past what its lookaheads do
            return pattern.search(self.text, first.start(), end) if first.start() < end else None
        if how == "lead":
            opening = self._within_reach(lead, width, start, end)
            return pattern.search(self.text, opening.start(), end) if opening is not None else None
        return pattern.search(self.text, start, end)

    def _first_from(self, pattern: re.Pattern, start: int, end: int) -> re.Match | None:
        """The first match from ``start`` in ``text[:bound]``, a bound at or after ``end`` that doubles the span read
        when a later end asks past it (the arguments above hold with ``text[:bound]`` for the whole text): the
        searches of one start then read its text a bounded number of times, and never the rest of the document."""
        bound, first = self._first.get((pattern, start), (-1, None))
        if bound < end:
            bound = min(len(self.text), end + (end - start))
            first = pattern.search(self.text, start, bound)
            self._first[(pattern, start)] = bound, first
        return first

    def _within_reach(self, pattern: re.Pattern, width: int, start: int, end: int) -> re.Match | None:
        first = self._first_from(pattern, start, end)
        if first is not None and first.start() + width <= end:
            return first
        return pattern.search(self.text, max(start, end - width + 1), end)

    def finditer(self, pattern: re.Pattern, start: int, end: int) -> list[re.Match]:
        """The matches of ``pattern.finditer(self.text, start, end)``, the same spans and groups. With a bounded
        reach the matches found in the whole text from ``start`` that begin at or before ``end - reach`` are the
        first of them (each search of finditer reads the same characters), and the rest lie in the last ``reach``
        characters; a pattern that can match nothing is searched as before (finditer steps over an empty match)."""
        how, width, _ = _plan(pattern)
        if end - start <= SHORT or how not in ("reach", "first") or _can_match_nothing(pattern):
            return list(pattern.finditer(self.text, start, end))
        found = self._all.get((pattern, start))
        if found is None or found[0] < end:  # the matches in text[:bound], bound as in _first_from
            bound = min(len(self.text), end + (end - start))
            matches = list(pattern.finditer(self.text, start, bound))
            found = self._all[(pattern, start)] = bound, matches, [
                (match.start() if how == "reach" else match.end()) + width for match in matches]
        _, matches, reaches = found
        kept = bisect.bisect_right(reaches, end)
        if how == "reach":
            resume = max(matches[kept - 1].end() if kept else start, end - width + 1)
        else:  # no match of the cut text starts before the next match of the whole text
            resume = matches[kept].start() if kept < len(matches) else end
        return matches[:kept] + list(pattern.finditer(self.text, resume, end)) if resume < end else matches[:kept]

    def search_whole(self, pattern: re.Pattern, start: int, end: int) -> re.Match | None:
        """``pattern.search(self.text, start, end)`` once for each (pattern, start, end): the figures of one sentence
        that search all of it share the answer."""
        key = (pattern, start, end)
        found = self._whole.get(key, _MISSING)
        if found is _MISSING:
            found = self._whole[key] = pattern.search(self.text, start, end)
        return found
