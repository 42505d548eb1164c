"""Sectors the taxonomy lacks, read by a name grammar: a modifier and a head that names a group as a whole
(电炉钢行业, 煤炭生产企业, 困难群体), counted only where a policy, a support measure, a regulator or a statistical
breakdown in its sentence addresses it (the convention of 2026-12-07, real-gold/README.md).

The rules are rows of ``analyzer/rules/sector_names.toml``, each with an id, an example and why. The modifier is read
back from the head with jieba's dictionary tags (:mod:`analyzer.text.pos`) as the tool grammar reads its modifiers;
leading places, organisations and times are cut, a modifier of generic words only (相关企业, 受疫情影响企业) gives no
name, and a head followed by a rank, a trade body or a market word (行业龙头, 行业协会, 产业链) gives none.
:class:`analyzer.extract.mentions.MentionFinder` stores the names like the taxonomy's, with ``"in_taxonomy": false``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from analyzer import rulebook
from analyzer.extract.tool_names import merge_unknown
from analyzer.text.pos import tag
from analyzer.text.sentences import clause_bounds, sentence_start

_HAN = rulebook.regex(r"[\u4e00-\u9fff]+")
_SENTENCE_END = rulebook.regex(r"[。！？!?\n]")


@dataclass(frozen=True)
class SectorName:
    start: int
    end: int
    name: str
    rule: str
    modifier: str = ""  # the words before the head (电炉钢 of 电炉钢行业)
    taxonomy_only: bool = False  # the row names a taxonomy sector only (能源领域), never a name of its own
    addressed: bool = True  # a policy or breakdown word is in its clause or sentence (a name of its own needs one)
    anywhere: bool = False  # the row's head names a taxonomy sector as a whole in any context (钢铁企业, 金融产业)
    listed_in: tuple[int, int] | None = None  # an item of this list of groups (钢铁、电解铝等行业), not a head's name


@functools.cache
def grammar() -> dict:
    return rulebook.load("sector_names")


class SectorNameFinder:
    """Callable: ``finder(text)`` → the :class:`SectorName` readings of a normalized text, in text order, each
    marked whether a ``[[context]]`` row's word addresses it (the caller keeps an unaddressed one only where its
    modifier is a taxonomy sector and its row says ``taxonomy_anywhere``: 钢铁企业, 金融产业 name the industry as a
    whole wherever they stand, as the taxonomy's own 钢铁行业 does)."""

    def __init__(self):
        data = grammar()
        settings = data["grammar"]
        self.rows = {head: row for row in data["head"] for head in row["heads"]}
        self.heads = rulebook.regex("|".join(map(re.escape, sorted(self.rows, key=len, reverse=True))))
        self.verb_use = [rulebook.regex(row["pattern"]) for row in data["verb_use"]]
        self.cut = frozenset(word for row in data["cut"] for word in row["words"])
        self.generic = frozenset(word for row in data["generic"] for word in row["words"])
        self.context = [(row["scope"], tuple(row["words"])) for row in data["context"]]
        self.gated = frozenset(name for row in data.get("gated", ()) for name in row["names"])
        self.parts = frozenset(word for row in data["part"] for word in row["words"])
        self.modifier_tags = frozenset(settings["modifier_tags"])
        self.lead_cut_tags = frozenset(settings["lead_cut_tags"])
        self.x_not = frozenset(settings["x_not"])
        self.min_modifier, self.max_modifier = settings["min_modifier"], settings["max_modifier"]
        lists = data["list"][0]
        self.list_close = rulebook.regex(lists["closing"])
        self.list_joiners = rulebook.regex(lists["joiners"])
        self.item = rulebook.regex(lists["item"])

    def __call__(self, text: str) -> list[SectorName]:
        out = []
        for match in self.heads.finditer(text):
            if any(pattern.match(text, match.end()) for pattern in self.verb_use):
                continue
            modifier = self.modifier(text, match.start(), match.end())
            if modifier is None:
                continue
            joined = "".join(modifier)
            if len(joined) < self.min_modifier or all(word in self.generic for word in modifier):
                continue
            start = match.start() - len(joined)
            row = self.rows[match.group()]
            out.append(SectorName(start, match.end(), text[start:match.end()], row["id"], joined,
                                  row.get("taxonomy_only", False), self.addressed(text, start, match.end()),
                                  row.get("taxonomy_anywhere", False)))
        return sorted(out + self.listed(text), key=lambda found: found.start)

    def listed(self, text: str) -> list[SectorName]:
        """The items of each list closed by a group word (钢铁、电解铝、水泥等行业) in a clause a ``[[context]]`` row
        addresses: each item a name of its own (the first read back from its end, as a modifier is), unless generic.
        The caller keeps them only where another item of the list is a taxonomy sector (a list of groups)."""
        out = []
        for close in self.list_close.finditer(text):
            left, _ = clause_bounds(text, close.start(), close.start() + 1)
            joints = [m.span() for m in self.list_joiners.finditer(text, left, close.start())]
            starts, ends = [left, *(b for _, b in joints)], [*(a for a, _ in joints), close.start()]
            if not joints or not self.addressed(text, left, close.end(), whole_sentence=True):
                continue
            for a, b in zip(starts, ends):
                words = self.read_back(text, a, b) if a == left else [text[a:b]]
                name = "".join(words)
                if self.item.fullmatch(name) and not all(word in self.generic for word in words):
                    out.append(SectorName(b - len(name), b, name, "listed", name, listed_in=(left, close.end())))
        return out

    def modifier(self, text: str, head: int, end: int) -> list[str] | None:
        """The words of the modifier before the head ``text[head:end]``, leading places, times and verbs cut; None
        where the head is no word of its own (银行业, 产业化)."""
        left, _ = clause_bounds(text, head, head + 1)
        words = merge_unknown(tag(text[max(left, head - 2 * self.max_modifier):end]))
        if not words or words[-1][0] != text[head:end]:
            return None
        words.pop()
        return self.taken(words)

    def read_back(self, text: str, left: int, end: int) -> list[str]:
        """The words of a name that ends at ``end``, read back no further than ``left`` (a list's first item after
        its lead-in: 严禁钢铁 → 钢铁)."""
        return self.taken(merge_unknown(tag(text[max(left, end - 2 * self.max_modifier):end])))

    def taken(self, words: list[tuple[str, str]]) -> list[str]:
        """The modifier words read back from the end of ``words``, leading places, times and verbs cut."""
        taken: list[tuple[str, str]] = []
        k = len(words)
        while k > 0 and self.takes(words[k - 1]) and sum(len(w) for w, _ in taken) + len(words[k - 1][0]) \
                <= self.max_modifier:
            k -= 1
            taken.insert(0, words[k])
        while taken and (taken[0][1] in self.lead_cut_tags or taken[0][0] in self.cut or taken[0][0] in self.parts):
            taken.pop(0)
        return [word for word, _ in taken]

    def takes(self, word: tuple[str, str]) -> bool:
        """Whether a tagged word may be part of a modifier (a character jieba does not know only if it is Chinese
        and no function character)."""
        text, pos = word
        if text in self.cut:
            return False
        if pos == "x":
            return _HAN.fullmatch(text) is not None and not any(ch in self.x_not for ch in text)
        return pos in self.modifier_tags or text in self.parts

    def needs_context(self, name: str, array: str) -> bool:
        """Whether a taxonomy sector counts only where a ``[[context]]`` row addresses it (``[[gated]]`` rows)."""
        return array == "sectors" and name in self.gated

    def addressed(self, text: str, start: int, end: int, whole_sentence: bool = False) -> bool:
        """Whether the sentence (or for a ``clause`` row, the clause, unless ``whole_sentence``: a list of groups
        is addressed by its sentence) around the name holds a word of one of the ``[[context]]`` rows."""
        left = sentence_start(text, start)
        found = _SENTENCE_END.search(text, end)
        sentence = text[left:found.end() if found else len(text)]
        clause_left, clause_right = clause_bounds(text, start, end)
        clause = text[clause_left:clause_right]
        return any(word in (clause if scope == "clause" and not whole_sentence else sentence)
                   for scope, words in self.context for word in words)
