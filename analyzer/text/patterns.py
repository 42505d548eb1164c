"""What a compiled pattern can start with, read from its parse tree: a scan can skip the positions where no match
may begin (Python's ``re`` does this itself for ``search`` only when every branch opens with a literal; an
alternation of named groups gets no such help, and ``match`` never does)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre
from re import _compiler, _parser  # the re module's own parser, compiler and opcodes (Python >= 3.11)

_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)  # look-arounds and anchors consume nothing


DIGIT = "\\d"  # stands for every decimal digit (\\d is str.isdecimal's set in a str pattern)


class _Unknown(Exception):
    """A construct whose first characters are not worked out here (., a category but \\d, a back-reference)."""


@dataclass(frozen=True)
class Starts:
    """The characters a match can start with: ``chars``, and every decimal digit when ``digits``."""

    chars: frozenset[str]
    digits: bool

    def __contains__(self, char: str) -> bool:
        return char in self.chars or (self.digits and char.isdecimal())


class _EveryCharacter:
    """What an unknown start set stands for: any character may start a match."""

    def __contains__(self, char: str) -> bool:
        return True


EVERY_CHARACTER = _EveryCharacter()


def _class_chars(items) -> set[str]:
    """The characters of a ``[...]`` class of literals, ranges and \\d."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        elif op is sre.CATEGORY and av in (sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT):
            chars.add(DIGIT)
        else:
            raise _Unknown(op)
    return chars


def _item_first(op, av) -> tuple[set[str], bool]:
    """(characters one item can start with, whether it can match the empty string)."""
    if op is sre.LITERAL:
        return {chr(av)}, False
    if op is sre.IN:
        return _class_chars(av), False
    if op is sre.SUBPATTERN:
        return _sequence_first(av[3])
    if op is sre.BRANCH:
        parts = [_sequence_first(branch) for branch in av[1]]
        return set().union(*(chars for chars, _ in parts)), any(empty for _, empty in parts)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        chars, empty = _sequence_first(av[2])
        return chars, empty or av[0] == 0
    if op in _ZERO_WIDTH:
        return set(), True  # a look-around only narrows what follows: the characters after it still count
    raise _Unknown(op)


def _sequence_first(items) -> tuple[set[str], bool]:
    chars: set[str] = set()
    for op, av in items:
        first, empty = _item_first(op, av)
        chars |= first
        if not empty:
            return chars, False
    return chars, True


def first_characters(pattern: re.Pattern) -> Starts | None:
    """Every character a match of ``pattern`` can start with (a superset: ``char in starts``), or None when that is
    not known: the pattern may match the empty string, ignores case, or opens with a construct not read here
    (., \\w, [^…])."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _starts(_parser.parse(pattern.pattern, pattern.flags))


def pattern_starts(pattern: str) -> Starts | None:
    """:func:`first_characters` of a pattern not compiled (no flags)."""
    return _starts(_parser.parse(pattern, 0))


def _starts(parsed) -> Starts | None:
    """:func:`first_characters` of a parse tree."""
    try:
        chars, empty = _sequence_first(parsed)
    except _Unknown:
        return None
    return None if empty else Starts(frozenset(chars - {DIGIT}), DIGIT in chars)


def max_width(pattern: str) -> int:
    """The most characters a match of ``pattern`` can take, from its parse tree (``re``'s MAXREPEAT or more when
    unbounded)."""
    return _parser.parse(pattern).getwidth()[1]


def with_first_characters(pattern: str) -> str:
    """``pattern`` behind a lookahead on the characters its matches can start with (``(?=[…])(?:pattern)``): the
    same matches, but a start where none can begin fails on one class test instead of trying every branch. Python's
    ``re`` finds such a class itself only when every branch opens with a literal; one branch that opens with a
    look-behind (``(?<!主力合)约``) or a ``\\d`` run leaves it to try each branch at each start. A pattern ``re``
    already skips by (a literal prefix or a class of first characters: ``公告|业绩预告|披露``), or whose first
    characters are not known (see :func:`first_characters`), is given back as it is."""
    parsed = _parser.parse(pattern, 0)  # once: this runs at start-up on the largest alternations
    starts = None if parsed.state.flags & re.IGNORECASE else _starts(parsed)  # (?i): cases not read here
    if starts is None or not (starts.chars or starts.digits) or _skipped_by_re(parsed):
        return pattern
    chars = re.escape("".join(sorted(starts.chars))) + (DIGIT if starts.digits else "")
    return f"(?=[{chars}])(?:{pattern})"


def _skipped_by_re(parsed) -> bool:
    """Whether ``re``'s search skips by first character itself: the compiled code's info block holds a literal
    prefix or a character set (``re._compiler._compile_info``)."""
    code = _compiler._code(parsed, 0)
    return code[0] == sre.INFO and bool(code[2] & (sre.SRE_INFO_PREFIX | sre.SRE_INFO_CHARSET))


def required_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Words of which every match of ``pattern`` holds at least one (read from its parse tree: runs of literals the
    match cannot do without, one per branch of an alternation it cannot do without), or None when none is known. A
    text that holds none of them has no match, so a scan of it can be skipped for one ``in`` test per word."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _sequence_words(_parser.parse(pattern.pattern, pattern.flags))


def _sequence_words(items) -> frozenset[str] | None:
    """The best of the word sets a sequence's items need: its literal runs (a look-around inside a run consumes
    nothing, so the run goes on) and what its groups, alternations and repeats of at least one need."""
    found: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if op in _ZERO_WIDTH:
            continue
        if run:
            found.append(frozenset([run]))
            run = ""
        words = _item_words(op, av)
        if words:
            found.append(words)
    if run:
        found.append(frozenset([run]))
    return max(found, key=lambda words: (min(map(len, words)), -len(words)), default=None)


def _item_words(op, av) -> frozenset[str] | None:
    if op is sre.SUBPATTERN:  # (group, flags added, flags removed, items): (?i:…) reads cases, not words
        return None if av[1] & re.IGNORECASE else _sequence_words(av[3])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _sequence_words(av[2])
    if op is sre.BRANCH:
        branches = [_sequence_words(branch) for branch in av[1]]
        return None if not all(branches) else frozenset().union(*branches)
    return None
