"""The modifier reader the tool-name and sector-name grammars share (:mod:`analyzer.extract.tool_names`,
:mod:`analyzer.extract.sector_names`): the words before a head (补贴, 行业) read back with jieba's dictionary tags
(:mod:`analyzer.text.pos`) while each may be part of a name, up to a length cap, then leading places, times and
verbs cut. Each grammar's ``[grammar]`` table gives the tags and the cap, its ``[[cut]]`` rows the words that end a
modifier; the sector grammar adds its ``[[part]]`` words (parts of a name whatever their tag)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer import rulebook
from analyzer.text.pos import tag

HAN = rulebook.regex(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Heads:
    """What every name grammar reads alike from its rule file: its ``[[head]]`` rows by head word, one pattern of
    all heads (longest first), the ``[[verb_use]]`` patterns of a head used as a verb, the ``[[generic]]`` modifiers."""
    rows: dict
    pattern: re.Pattern
    verb_use: list
    generic: frozenset

    @classmethod
    def of(cls, data: dict) -> Heads:
        rows = {head: row for row in data["head"] for head in row["heads"]}
        return cls(rows, rulebook.regex("|".join(map(re.escape, sorted(rows, key=len, reverse=True)))),
                   [rulebook.regex(row["pattern"]) for row in data["verb_use"]],
                   frozenset(word for row in data["generic"] for word in row["words"]))


def merge_unknown(words: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """jieba's words with each run of single Chinese characters its dictionary does not know (tag ``x``) joined
    into one word: 用好用足, 接棒, 换新 are words the grammar's lists name, not four, two or two characters."""
    out: list[tuple[str, str]] = []
    for word, pos in words:
        if pos == "x" and HAN.fullmatch(word) and out and out[-1][1] == "x" and HAN.fullmatch(out[-1][0]):
            out[-1] = (out[-1][0] + word, "x")
        else:
            out.append((word, pos))
    return out


class ModifierReader:
    """A grammar's settings for reading a modifier back from its head: ``settings`` its ``[grammar]`` table
    (``modifier_tags``, ``lead_cut_tags``, ``x_not``, ``min_modifier``, ``max_modifier``), ``cut`` the words that
    are never part of one, ``parts`` words that are part of one whatever their tag."""

    def __init__(self, settings: dict, cut: frozenset[str], parts: frozenset[str] = frozenset()):
        self.cut, self.parts = cut, parts
        self.modifier_tags = frozenset(settings["modifier_tags"])
        self.lead_cut_tags = frozenset(settings["lead_cut_tags"])
        self.x_not = frozenset(settings["x_not"])
        self.min_modifier, self.max_modifier = settings["min_modifier"], settings["max_modifier"]

    def words_before(self, text: str, left: int, head: int, end: int | None = None) -> list[tuple[str, str]]:
        """The tagged words of ``text`` from ``left`` or twice the cap before ``head`` (the later) to ``end`` (the
        head itself by default; the sector grammar reads the head too, to see that it is a word of its own)."""
        return merge_unknown(tag(text[max(left, head - 2 * self.max_modifier):head if end is None else end]))

    def read_back(self, words: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], int]:
        """The words taken back from the end of ``words`` while each may be part of a modifier (:meth:`takes`) and
        the whole stays within ``max_modifier`` characters, and the index of the first word taken (the word before
        it, if any, is where the read-back stopped)."""
        taken: list[tuple[str, str]] = []
        k = len(words)
        while k > 0 and self.takes(words[k - 1]) and sum(len(w) for w, _ in taken) + len(words[k - 1][0]) \
                <= self.max_modifier:
            k -= 1
            taken.insert(0, words[k])
        return taken, k

    def cut_lead(self, taken: list[tuple[str, str]]) -> list[str]:
        """The words of a read-back modifier with its leading places, times, verbs (``lead_cut_tags``), ``cut``
        words and ``parts`` words dropped; a ``parts`` word left alone stays (零售企业, 出口企业: what the firms do)."""
        taken = list(taken)
        while taken and (taken[0][1] in self.lead_cut_tags or taken[0][0] in self.cut
                         or (taken[0][0] in self.parts and len(taken) > 1)):
            taken.pop(0)
        return [word for word, _ in taken]

    def takes(self, word: tuple[str, str]) -> bool:
        """Whether a tagged word may be part of a modifier (a character jieba does not know only if it is Chinese
        and no function character)."""
        text, pos = word
        if text in self.cut:
            return False
        if pos == "x":
            return HAN.fullmatch(text) is not None and not any(ch in self.x_not for ch in text)
        return pos in self.modifier_tags or text in self.parts
