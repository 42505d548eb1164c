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
that part first matches. A pattern with no groups written as ``lead run tail$`` (a bounded lead, one unbounded run of
single characters, a bounded tail that ends the text) is answered from the positions of its leads and of the
characters the run stops at, kept a start (:class:`_Anchored`). Any other pattern is searched as before, and so is a
prefix of up to SHORT characters.
"The whole text" above is ``text[:bound]``, a bound at or after ``end`` that doubles as later figures ask past it.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

try:  # Python 3.11+
    from re import _compiler as _sre_compiler, _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_compile as _sre_compiler  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_MISSING = object()
_ANY = re.compile(".*", re.DOTALL)  # a match of a given span: the anchored plan's answer (its pattern has no groups)
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


class _Anchored(NamedTuple):
    """The parts of a pattern ``lead run tail$``: a match from ``p`` is a lead from ``p`` to some ``l``, a run of
    ``run_min`` or more characters each matched by the run's item from ``l`` to some ``v``, and the tail from ``v``
    to the end (its ``$``)."""
    lead: re.Pattern  # the lead alone (bounded, reads nothing past its match, no atomic group: every end counts)
    lead_width: tuple[int, int]
    stop: re.Pattern  # ``(?!item)``: matches (empty) where the run's item does not, where the run must stop
    stop_reach: int  # what the item reads from its position (its character and its lookaheads)
    run_min: int
    tail: re.Pattern  # the tail alone, its $ included
    tail_width: tuple[int, int]


def _anchored(pattern: re.Pattern, parsed) -> _Anchored | None:
    """The parts of ``pattern`` when it is ``lead run tail$`` as :class:`_Anchored` says (no groups; the run a
    greedy or lazy repeat with no upper bound of an item one character wide), else None."""
    unbounded = [i for i, item in enumerate(parsed)
                 if _sre_parse.SubPattern(parsed.state, [item]).getwidth()[1] >= _sre_parse.MAXREPEAT]
    if pattern.groups or len(unbounded) != 1 or not parsed or str(parsed[-1][0]) != "AT" \
            or str(parsed[-1][1]) not in ("AT_END", "AT_END_STRING"):
        return None
    k = unbounded[0]
    op, value = parsed[k]
    lead = _sre_parse.SubPattern(parsed.state, list(parsed[:k]))
    tail = _sre_parse.SubPattern(parsed.state, list(parsed[k + 1:]))
    if str(op) not in ("MAX_REPEAT", "MIN_REPEAT") or value[1] != _sre_parse.MAXREPEAT \
            or value[2].getwidth() != (1, 1) or not _reads_only_its_match(lead) or _lookahead_reach(lead) \
            or _lookahead_reach(value[2]) >= _UNBOUNDED or tail.getwidth()[1] >= _sre_parse.MAXREPEAT:
        return None
    stop = _sre_parse.SubPattern(parsed.state, [(_sre_parse.ASSERT_NOT, (1, value[2]))])
    return _Anchored(_sre_compiler.compile(lead, pattern.flags), lead.getwidth(),
                     _sre_compiler.compile(stop, pattern.flags), _reach_of(value[2]), value[0],
                     _sre_compiler.compile(tail, pattern.flags), tail.getwidth())


@lru_cache(maxsize=None)
def _plan(pattern: re.Pattern) -> tuple[str, int, re.Pattern | _Anchored | None]:
    """How :meth:`PrefixSearch.search` answers for ``pattern``: ("reach", reach, None) for a bounded reach;
    ("first", lookahead, None) for an unbounded pattern that reads only its match and ``lookahead`` characters
    past it; ("anchored", 0, parts) for a pattern ``lead run tail$`` (:func:`_anchored`); ("lead", reach, lead)
    when only the pattern's first part ``lead`` has a bounded reach (every match starts with a match of it); else
    ("search", 0, None)."""
    parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    bounded = _reach_of(parsed)
    if bounded is not None:
        return "reach", bounded, None
    if _reads_only_its_match(parsed) and _lookahead_reach(parsed) < _UNBOUNDED:
        return "first", _lookahead_reach(parsed), None
    anchored = _anchored(pattern, parsed)
    if anchored is not None:
        return "anchored", 0, anchored
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
        self._marks: dict[tuple[re.Pattern, int], tuple[list[int], list[list[int]], list[int], int]] = {}

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
        if how == "anchored" and not self.text.endswith("\n", 0, end):  # $ also stands before a last \n
            first = self._anchored_start(pattern, lead, start, end)
            return _ANY.match(self.text, first, end) if first is not None else None
        return pattern.search(self.text, start, end)

    def _anchored_start(self, pattern: re.Pattern, parts: _Anchored, start: int, end: int) -> int | None:
        """Where the match of ``lead run tail$`` in ``text[:end]`` from ``start`` begins (it ends at ``end``): the
        first lead from ``start`` that ends after the last place before the tail where the run must stop."""
        leads, ends, stops, bound = self._anchored_marks(pattern, parts, start, end)
        text, first = self.text, None
        low, high = parts.tail_width
        for v in range(max(start, end - high), end - low + 1):
            if not parts.tail.match(text, v, end):
                continue
            near = max(start, end - parts.stop_reach + 1)  # the item read here looks past the end: read it so
            last = next((q for q in range(v - 1, near - 1, -1) if parts.stop.match(text, q, end)), None)
            if last is None:
                index = bisect.bisect_left(stops, min(v, near))
                last = stops[index - 1] if index else start - 1
            index = bisect.bisect_left(leads, last + 1 - parts.lead_width[1])
            while index < len(leads) and leads[index] <= v and (first is None or leads[index] < first):
                if any(last < at <= v - parts.run_min for at in ends[index]):
                    first = leads[index]
                    break
                index += 1
        return first

    def _anchored_marks(self, pattern: re.Pattern, parts: _Anchored, start: int, end: int):
        """The leads from ``start`` (where each begins, and where each may end) and the places where the run must
        stop, in ``text[:bound]`` (bound as in :meth:`_first_from`; the stops kept are those the bound does not cut)."""
        found = self._marks.get((pattern, start))
        if found is None or found[3] < end:
            text, bound = self.text, min(len(self.text), end + (end - start))
            leads, ends = [], []
            lead = parts.lead.search(text, start, bound)
            while lead is not None:
                at = lead.start()
                low, high = parts.lead_width
                leads.append(at)
                ends.append([e for e in range(at + low, min(at + high, bound) + 1)
                             if parts.lead.fullmatch(text, at, e)])
                lead = parts.lead.search(text, at + 1, bound) if at < bound else None
            stops = [m.start() for m in parts.stop.finditer(text, start, bound) if m.start() + parts.stop_reach <= bound]
            found = self._marks[(pattern, start)] = leads, ends, stops, bound
        return found

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
