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
from dataclasses import dataclass

from analyzer import rulebook
from analyzer.extract.modifiers import Heads, ModifierReader
from analyzer.text.sentences import clause_start


@dataclass(frozen=True)
class ToolName:
    start: int
    end: int
    name: str
    rule: str
    over: tuple[str, ...] = ()  # taxonomy tools this name refines (绿色再贷款 over 再贷款)


@functools.cache
def grammar() -> dict:
    return rulebook.load("tool_names")


class ToolNameFinder:
    """Callable: ``finder(text)`` → the :class:`ToolName` readings of a normalized text, in text order."""

    def __init__(self):
        data = grammar()
        settings = data["grammar"]
        heads = Heads.of(data)
        self.rows, self.heads, self.verb_use, self.generic = heads.rows, heads.pattern, heads.verb_use, heads.generic
        self.reader = ModifierReader(settings, frozenset(word for row in data["cut"] for word in row["words"]))
        self.object_tags = frozenset(settings["object_tags"])

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
        left = clause_start(text, head, lists=False)
        words = self.reader.words_before(text, left, head)
        taken, k = self.reader.read_back(words)
        if k > 0 and words[k - 1][1] in self.object_tags:
            return None
        return self.reader.cut_lead(taken)

    def names_something(self, modifier: list[str], row: dict) -> bool:
        """At least ``min_modifier`` characters, one word that is not generic (政府补贴 is no name), and the row's
        ``modifier_ends`` where it has them (关税减免, not 企业减免)."""
        joined = "".join(modifier)
        if len(joined) < self.reader.min_modifier or all(word in self.generic for word in modifier):
            return False
        ends = row.get("modifier_ends")
        return not ends or joined.endswith(tuple(ends))
