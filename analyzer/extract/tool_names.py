"""Policy tools the taxonomy lacks, read by a name grammar: a modifier and a head the spec counts as a tool
(养老服务消费补贴, 临时生活补助, 关税减免, 绿色再贷款).

The rules are rows of ``analyzer/rules/tool_names.toml``, each with an id, an example and why. The modifier is read
back from the head with jieba's dictionary tags (:mod:`analyzer.text.pos`) to a word that cannot be part of a name;
leading places and times are cut, a modifier of generic words only (政府补贴, 上述补贴) gives no name, and a head
used as a verb (补贴每升3.4日元, 向炼油商补贴) gives none. :class:`analyzer.extract.mentions.MentionFinder` stores
the names like the taxonomy's, with ``"in_taxonomy": false``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from analyzer import rulebook
from analyzer.text.pos import tag
from analyzer.text.sentences import clause_bounds

_HAN = rulebook.regex(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class ToolName:
    start: int
    end: int
    name: str
    rule: str
    over: tuple[str, ...] = ()  # taxonomy tools this name refines (绿色再贷款 over 再贷款)


def merge_unknown(words: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """jieba's words with each run of single Chinese characters its dictionary does not know (tag ``x``) joined
    into one word: 用好用足, 接棒, 换新 are words the grammar's lists name, not four, two or two characters."""
    out: list[tuple[str, str]] = []
    for word, pos in words:
        if pos == "x" and _HAN.fullmatch(word) and out and out[-1][1] == "x" and _HAN.fullmatch(out[-1][0]):
            out[-1] = (out[-1][0] + word, "x")
        else:
            out.append((word, pos))
    return out


@functools.cache
def grammar() -> dict:
    return rulebook.load("tool_names")


class ToolNameFinder:
    """Callable: ``finder(text)`` → the :class:`ToolName` readings of a normalized text, in text order."""

    def __init__(self):
        data = grammar()
        settings = data["grammar"]
        self.rows = {head: row for row in data["head"] for head in row["heads"]}
        self.heads = rulebook.regex("|".join(map(re.escape, sorted(self.rows, key=len, reverse=True))))
        self.verb_use = [rulebook.regex(row["pattern"]) for row in data["verb_use"]]
        self.cut = frozenset(word for row in data["cut"] for word in row["words"])
        self.generic = frozenset(word for row in data["generic"] for word in row["words"])
        self.modifier_tags = frozenset(settings["modifier_tags"])
        self.lead_cut_tags = frozenset(settings["lead_cut_tags"])
        self.object_tags = frozenset(settings["object_tags"])
        self.x_not = frozenset(settings["x_not"])
        self.min_modifier, self.max_modifier = settings["min_modifier"], settings["max_modifier"]

    def __call__(self, text: str) -> list[ToolName]:
        out = []
        for match in self.heads.finditer(text):
            row = self.rows[match.group()]
            if any(pattern.match(text, match.end()) for pattern in self.verb_use):
                continue
            modifier = self.modifier(text, match.start())
            if modifier is None or not self.names_something(modifier, row):
                continue
            start = match.start() - len("".join(modifier))
            out.append(ToolName(start, match.end(), text[start:match.end()], row["id"], tuple(row.get("over", ()))))
        return out

    def modifier(self, text: str, head: int) -> list[str] | None:
        """The words of the modifier before ``head`` (leading places, times and verbs cut), or None where the words
        before it are the object of a verb (向炼油商补贴)."""
        left, _ = clause_bounds(text, head, head + 1)
        words = merge_unknown(tag(text[max(left, head - 2 * self.max_modifier):head]))
        taken: list[tuple[str, str]] = []
        k = len(words)
        while k > 0 and self.takes(words[k - 1]) and sum(len(w) for w, _ in taken) + len(words[k - 1][0]) \
                <= self.max_modifier:
            k -= 1
            taken.insert(0, words[k])
        if k > 0 and words[k - 1][1] in self.object_tags:
            return None
        while taken and (taken[0][1] in self.lead_cut_tags or taken[0][0] in self.cut):
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
        return pos in self.modifier_tags

    def names_something(self, modifier: list[str], row: dict) -> bool:
        """At least ``min_modifier`` characters, one word that is not generic (政府补贴 is no name), and the row's
        ``modifier_ends`` where it has them (关税减免, not 企业减免)."""
        joined = "".join(modifier)
        if len(joined) < self.min_modifier or all(word in self.generic for word in modifier):
            return False
        ends = row.get("modifier_ends")
        return not ends or joined.endswith(tuple(ends))
