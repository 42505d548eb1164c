"""分别 lists: the figures listed after 分别 in a clause, and the bare numbers that share a listed figure's unit.

The one implementation for the figure extractor (metrics.py keeps its own name splitting for now). The joining
words are in ``analyzer/rules/lexicon.toml`` [lists].
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from analyzer.extract.number_forms import NUM_AR
from analyzer.rulebook import alternation, lexicon

_WORDS = lexicon()["lists"]
# figures of one list are joined by these only (分别为A、B和C; 分别由A、B降至C、D)
JOINT = re.compile(rf"\s*(?:{alternation([*_WORDS['joints'], *_WORDS['move_joints']])})\s*")
# 分别为11.85、6.8和3.93万亿元: bare numbers joined to the figure that carries the unit
BARE_LIST = re.compile(rf"((?:{NUM_AR})(?:{alternation(_WORDS['bare_joints'])}))+$")
# 从0上调至20%, 由5%调降至0: the bare number of a change takes the unit of the figure it moves to
CHANGE_FROM = re.compile(rf"(?:{alternation(_WORDS['from_words'])})(?P<numbers>\d+(?:\.\d+)?)"
                         rf"(?:{alternation(_WORDS['change_verbs'])})?(?:{alternation(_WORDS['to_words'])})$")
_NUMBER = re.compile(NUM_AR)
MARKER = "分别"


def list_position(text: str, spans: Sequence, position: int, clause_start: int) -> tuple[int, int] | None:
    """(index, count) of ``spans[position]`` among the figures listed after 分别 in its clause, else None.
    ``spans`` are the figures of the sentence in order (anything with ``start`` and ``end``); the list is the run
    of figures after the marker joined only by JOINT words (分别由A、B降至C、D counts 4)."""
    marker = text.rfind(MARKER, clause_start, spans[position].start)
    if marker < 0:
        return None
    after = [i for i, span in enumerate(spans) if span.start > marker]
    members = after[:1]
    for i in after[1:]:
        if not JOINT.fullmatch(text[spans[members[-1]].end:spans[i].start]):
            break
        members.append(i)
    if position not in members:
        return None
    return members.index(position), len(members)


def bare_members(text: str, window_start: int, figure_start: int) -> list[tuple[int, str]]:
    """(start, digits) of the bare numbers in ``text[window_start:figure_start]`` that end right before a figure
    and share its unit: 分别为11.85、6.8和3.93万亿元 (11.85, 6.8), 从0上调至20% (0)."""
    left = text[window_start:figure_start]
    match = BARE_LIST.search(left) or CHANGE_FROM.search(left)
    if match is None:
        return []
    group = "numbers" if "numbers" in match.groupdict() else 0
    base = window_start + match.start(group)
    return [(base + number.start(), number.group()) for number in _NUMBER.finditer(match.group(group))]
