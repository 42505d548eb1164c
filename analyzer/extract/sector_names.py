"""Sectors the taxonomy lacks, read by a name grammar: a modifier and a head that names a group as a whole
(电炉钢行业, 煤炭生产企业, 困难群体), counted only where a policy, a support measure, a regulator or a statistical
breakdown in its sentence addresses it (the convention of 2026-12-07, real-gold/README.md).

The rules are rows of ``analyzer/rules/sector_names.toml``, each with an id, an example and why. The modifier is read
back from the head with jieba's dictionary tags (:mod:`analyzer.text.pos`) as the tool grammar reads its modifiers;
leading places, organisations and times are cut, a modifier of generic words only (相关企业, 受疫情影响企业) gives no
name, and a head followed by a rank, a trade body or a market word (行业龙头, 行业协会, 产业链) gives none.
:class:`analyzer.extract.mentions.MentionFinder` stores the names like the taxonomy's, with ``"in_taxonomy": false``.

A name of its own (one the taxonomy lacks) must also be whole and governed (s20-sectors2, :meth:`SectorNameFinder.
own_name`): its read-back may not stop at a part of the name (a person's name, a Latin word, the length cap: 辅助器具产业
of 康复辅助器具产业, 硬件行业 of AI硬件行业), a few counted firms, a firm's clients or one firm's label are no group
(三家关键矿产企业, 公司为…企业提供), and a ``[[weak]]`` context word (推动, 引导, 监管, 规范, 限制, 壮大, 振兴, 打造)
counts only where it governs the name (推动电网企业; not 推动了韩国芯片企业的盈利增长).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from analyzer import rulebook
from analyzer.extract.modifiers import Heads, ModifierReader
from analyzer.text.pos import tag
from analyzer.text.sentences import clause_end, clause_start, sentence_start

_SENTENCE_END = rulebook.regex(r"[。！？!?\n]")
_FULL_STOP = rulebook.regex(r"[。！？!?]")
# a name's clause and sentence are read at most this far on each side: a text with no break in it (a page's text run
# together) made every name read to the text's ends, time growing with the square of its length
REACH = 1000
_LATIN = rulebook.regex(r"[A-Za-z][A-Za-z0-9+\-]*")


@dataclass(frozen=True)
class SectorName:
    """One reading of the grammar: the span and written name, the ``[[head]]`` row (or ``listed``) that read it, and
    what the caller (:meth:`analyzer.extract.mentions.MentionFinder.sector_name_hits`) needs to keep or drop it."""
    start: int
    end: int
    name: str
    rule: str
    modifier: str = ""  # the words before the head (电炉钢 of 电炉钢行业)
    taxonomy_only: bool = False  # the row names a taxonomy sector only (能源领域), never a name of its own
    addressed: bool = True  # a policy or breakdown word is in its clause or sentence (a name of its own needs one)
    anywhere: bool = False  # the row's head names a taxonomy sector as a whole in any context (钢铁企业, 金融产业)
    listed_in: tuple[int, int] | None = None  # an item of this list of groups (钢铁、电解铝等行业), not a head's name
    own: bool = False  # it may stand as a name of its own (in_taxonomy false): whole, no counted firms, governed
    shaped: bool = False  # whole, no counted firms, a firm's clients or label: ``own`` but for the governing word



class KeptGroups(NamedTuple):
    """The readings kept in one text, as :meth:`SectorNameFinder.repeats` asks about them: their written names and
    the modifiers of those read by a ``[[repeat]]`` row."""
    names: frozenset[str]
    modifiers: frozenset[str]

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
        heads = Heads.of(data)
        self.rows, self.heads, self.verb_use, self.generic = heads.rows, heads.pattern, heads.verb_use, heads.generic
        self.context = [(row["scope"], tuple(row["words"]), row.get("not_after", "")) for row in data["context"]]
        self.own_rows(data)
        self.gated = frozenset(name for row in data.get("gated", ()) for name in row["names"])
        self.official_only = frozenset(name for row in data.get("official_only", ()) for name in row["names"])
        self.official = OfficialText(data)
        self.reader = ModifierReader(settings, frozenset(word for row in data["cut"] for word in row["words"]),
                                     frozenset(word for row in data["part"] for word in row["words"]))
        lists = _only_row(data, "list")
        self.list_close = rulebook.regex(lists["closing"])
        self.list_joiners = rulebook.regex(lists["joiners"])
        self.item = rulebook.regex(lists["item"])

    def own_rows(self, data: dict) -> None:
        """The rows for names of their own (s20-sectors2): weak context words and what governs, counted firms,
        person names, legal forms, places and unknown words."""
        self.weak = frozenset(word for row in data["weak"] for word in row["words"])
        govern = _only_row(data, "govern")
        weak = "|".join(map(re.escape, sorted(self.weak, key=lambda w: (-len(w), w))))
        joint = "".join(f"(?<!{re.escape(word)})" for word in govern["not_after"])
        self.weak_before = rulebook.regex(f"{joint}(?:{weak}){govern['gap']}$")
        self.preposition_before = rulebook.regex(f"(?:{'|'.join(govern['prepositions'])}){govern['gap']}$")
        self.weak_after = rulebook.regex(govern["after"])
        self.weak_any = rulebook.regex(weak)
        self.counted = [rulebook.regex(row["pattern"]) for row in data["count"]]
        self.nouns = frozenset(word for row in data["person"] for word in row["nouns"])
        self.firm_story = [rulebook.regex(pattern) for row in data["firm_story"] for pattern in row["patterns"]]
        self.legal_forms = frozenset(word for row in data["legal_form"] for word in row["words"])
        self.place_end = "".join(row["chars"] for row in data["place_end"])
        self.unknown_alone_max = _only_row(data, "unknown")["max_alone"]
        self.repeat_rows = frozenset(_only_row(data, "repeat")["same_modifier"])

    def __call__(self, text: str) -> list[SectorName]:
        out = [found for match in self.heads.finditer(text) if (found := self.reading(text, match)) is not None]
        return sorted(out + self.listed(text), key=lambda found: found.start)

    def reading(self, text: str, match: re.Match) -> SectorName | None:
        """The name a head ``match`` closes, or None (a verb use, no modifier, a generic or too short one)."""
        if any(pattern.match(text, match.end()) for pattern in self.verb_use):
            return None
        found = self.modifier(text, match.start(), match.end())
        if found is None:
            return None
        modifier, whole = found
        joined = "".join(modifier)
        whole = whole and not (len(modifier) == 1 and len(joined) > self.unknown_alone_max and _unknown(joined))
        if len(joined) < self.reader.min_modifier or all(word in self.generic for word in modifier):
            return None
        start, row = match.start() - len(joined), self.rows[match.group()]
        words = list(self.context_words(text, start, match.end()))  # read once: addressed and governed both ask
        shaped = whole and self.shaped(text, start, match.end(), modifier)
        own = shaped and self.own_name(text, start, match.end(), row, words)
        return SectorName(start, match.end(), text[start:match.end()], row["id"], joined,
                          row.get("taxonomy_only", False), bool(words), row.get("taxonomy_anywhere", False), own=own,
                          shaped=shaped)

    def shaped(self, text: str, start: int, end: int, modifier: list[str]) -> bool:
        """Whether a reading has the shape of a group's name (the s20-sectors2 rows): no firm's legal form or place
        closes its modifier, and no count of a few firms, a firm's service or a firm's label stands before it in its
        clause (三家关键矿产企业, 公司为…企业提供)."""
        last = modifier[-1]
        if last in self.legal_forms or (len(last) == 1 and last in self.place_end):
            return False
        left = clause_start(text, start, lists=False)
        before = text[left:start]
        return not (any(found.start() <= start for pattern in self.counted for found in pattern.finditer(text, left, end))
                    or any(pattern.search(before) for pattern in self.firm_story))  # 某 may open the modifier itself

    def own_name(self, text: str, start: int, end: int, row: dict, words: list[str]) -> bool:
        """Whether a reading of a group's shape (:meth:`shaped`) may stand as a name of its own: a strong
        ``[[context]]`` word addresses it or a ``[[weak]]`` one governs it (where the head's row lets them:
        ``weak_governs``; ``word_before``: the strong word stands before the name in its clause, or after it with 对
        or 针对 before it). ``words``: the context words around it."""
        before = text[clause_start(text, start, lists=False):start]
        if row.get("word_before") and not (self.preposition_before.search(before) or any(
                word in before and word not in self.weak for _, words, _ in self.context for word in words)):
            return False
        return self.governed(text, start, end, row.get("weak_governs", True), words)

    def listed(self, text: str) -> list[SectorName]:
        """The items of each list closed by a group word (钢铁、电解铝、水泥等行业) in a clause a ``[[context]]`` row
        addresses: each item a name of its own (the first read back from its end, as a modifier is), unless generic.
        The caller keeps them only where another item of the list is a taxonomy sector (a list of groups)."""
        out = []
        for close in self.list_close.finditer(text):
            left = clause_start(text, close.start(), lists=False)
            joints = [m.span() for m in self.list_joiners.finditer(text, left, close.start())]
            starts, ends = [left, *(b for _, b in joints)], [*(a for a, _ in joints), close.start()]
            if not joints or not self.addressed(text, left, close.end(), whole_sentence=True):
                continue
            first, whole = self.read_back(text, left, ends[0])
            own = whole and self.list_governed(text, left, ends[0], close.end())
            for a, b in zip(starts, ends):
                words = first if a == left else [text[a:b]]
                name = "".join(words)
                if self.item.fullmatch(name) and not all(word in self.generic for word in words):
                    out.append(SectorName(b - len(name), b, name, "listed", name, listed_in=(left, close.end()),
                                          own=own))
        return out

    def list_governed(self, text: str, left: int, first_end: int, end: int) -> bool:
        """Whether a list of groups (its clause from ``left``, its first item ending at ``first_end``, the list at
        ``end``) may give names of their own: a strong word in its clause, a weak one that governs its first item
        (加快打造数字安防、集成电路…等数字产业集群), or a strong word in the clause right after it (汽车、钢铁、化工、
        工程等承压行业，可能获豁免…: the list is the subject of the next clause; a strong word further on is another
        clause's, 在集成电路制造、设计、封装等行业布局多年…给公司提供了…大力支持)."""
        if self.governed(text, first_end, end, weak=False) or any(
                self.weak_before.search(text, left, at) for at in range(max(left, first_end - 8), first_end - 1)):
            return True
        _, right = _clause(text, first_end, end)
        return right < min(len(text), end + REACH) and not _SENTENCE_END.match(text, right) and self.governed(
            text, right + 1, right + 1, weak=False)

    def modifier(self, text: str, head: int, end: int) -> tuple[list[str], bool] | None:
        """The words of the modifier before the head ``text[head:end]``, leading places, times and verbs cut, and
        whether it is whole (:meth:`taken`); None where the head is no word of its own (银行业, 产业化)."""
        left = clause_start(text, head, lists=False)
        words = self.reader.words_before(text, left, head, end)
        if not words or words[-1][0] != text[head:end]:
            return None
        words.pop()
        return self.taken(words)

    def read_back(self, text: str, left: int, end: int) -> tuple[list[str], bool]:
        """The words of a name that ends at ``end``, read back no further than ``left`` (a list's first item after
        its lead-in: 严禁钢铁 → 钢铁), and whether it is whole (:meth:`taken`)."""
        return self.taken(self.reader.words_before(text, left, end))

    def taken(self, words: list[tuple[str, str]]) -> tuple[list[str], bool]:
        """The modifier words read back from the end of ``words``, leading places, times and verbs cut, and whether
        the modifier is whole: False where the read-back stopped at a word that is part of the name
        (:meth:`part_of_name`), so that what was read is a fragment of one."""
        words = [(word, "n" if word in self.nouns else pos) for word, pos in words]
        taken, k = self.reader.read_back(words)
        whole = k == 0 or not self.part_of_name(words[k - 1])
        return self.reader.cut_lead(taken), whole

    def part_of_name(self, word: tuple[str, str]) -> bool:
        """Whether the word a modifier's read-back stopped at belongs to the name it reads: a person's name (tag nr,
        ``[[person]]``), a Latin word written onto it (AI硬件行业) or a word the length cap left out (外商投资股权投资类
        企业)."""
        text, pos = word
        return pos == "nr" or (pos == "x" and _LATIN.fullmatch(text) is not None) or self.reader.takes(word)

    def kept_groups(self, kept: list[SectorName]) -> KeptGroups:
        """The written names and the ``[[repeat]]`` rows' modifiers of the readings kept in a text, built once so
        that :meth:`repeats` tests each waiting reading against sets, not against every kept reading."""
        return KeptGroups(frozenset(other.name for other in kept),
                          frozenset(other.modifier for other in kept if other.rule in self.repeat_rows))

    def repeats(self, found: SectorName, kept: KeptGroups) -> bool:
        """Whether a reading nothing addresses names a group kept elsewhere in the text (``[[repeat]]``): the same
        written name, or, for the rows listed, the same modifier with another head (焦化企业 after 焦化行业), in a
        reading of a group's shape (:attr:`SectorName.shaped`); ``kept`` is :meth:`kept_groups` of the kept ones."""
        return found.shaped and (found.name in kept.names
                                 or (found.rule in self.repeat_rows and found.modifier in kept.modifiers))

    def needs_context(self, name: str, array: str) -> bool:
        """Whether a taxonomy sector counts only where a ``[[context]]`` row addresses it (``[[gated]]`` rows)."""
        return array == "sectors" and name in self.gated

    def needs_official_text(self, name: str, array: str) -> bool:
        """Whether a taxonomy sector counts only where official text or a ``[[context]]`` row addresses it
        (``[[official_only]]`` rows)."""
        return array == "sectors" and name in self.official_only

    def addressed(self, text: str, start: int, end: int, whole_sentence: bool = False) -> bool:
        """Whether the sentence (or for a ``clause`` row, the clause, unless ``whole_sentence``: a list of groups
        is addressed by its sentence) around the name holds a word of one of the ``[[context]]`` rows."""
        return any(self.context_words(text, start, end, whole_sentence))

    def governed(self, text: str, start: int, end: int, weak: bool = True, words: list[str] | None = None) -> bool:
        """Whether a name of its own is addressed: a ``[[context]]`` word that is no ``[[weak]]`` one stands in its
        clause or sentence, or (``weak``) a weak word governs it (``[[govern]]``: 推动电网企业, 对网络直播行业的偷逃税
        行为进行规范, 助贷行业监管文件); ``words``, where given, are :meth:`context_words` of the name, read already."""
        found = self.context_words(text, start, end) if words is None else words
        if any(word not in self.weak for word in found):
            return True
        if not weak:
            return False
        left, right = _clause(text, start, end)
        before = text[left:start]
        return bool(self.weak_before.search(before) or self.weak_after.match(text, end, right)
                    or (self.preposition_before.search(before) and self.weak_any.search(text, end, right)))

    def context_words(self, text: str, start: int, end: int, whole_sentence: bool = False):
        """The ``[[context]]`` words in the clause or sentence around ``text[start:end]`` (a row's ``not_after``
        characters before an occurrence make it another word's end: 部分行业 is no 分行业)."""
        sentence = _sentence(text, start, end)
        clause_left, clause_right = _clause(text, start, end)
        clause = text[clause_left:clause_right]
        for scope, words, not_after in self.context:
            scope_text = clause if scope == "clause" and not whole_sentence else sentence
            for word in words:
                if _holds(scope_text, word, not_after):
                    yield word


class OfficialText:
    """Callable: ``official(text, start, end)`` → whether ``text[start:end]`` stands in a policy's, a plan's, a
    regulator's or a statistics release's text (the ``[[official]]`` rows of sector_names.toml): a ``sentence`` row's
    pattern in its sentence, or a ``lead`` row's in the lead of its story (from the last story break before it to the
    end of that story's first sentence: a headline and its first sentence, a digest item's first sentence) or of its
    document (its first sentences, ``LEAD_MIN`` characters at least; not in a news digest, ``[[official_digest]]``)."""

    LEAD_MIN = 60

    def __init__(self, data: dict):
        words = _only_row(data, "official_words")
        fill = {key: "|".join(map(re.escape, sorted(words[key], key=lambda w: (-len(w), w))))
                for key in ("act", "title")}
        not_after = re.escape(words["body_not_after"])
        fill["body"] = "|".join(re.escape(word) if len(word) > 1 else f"(?<![{not_after}]){re.escape(word)}"
                                for word in sorted(words["body"], key=lambda w: (-len(w), w)))
        patterns: dict[str, list[re.Pattern]] = {"sentence": [], "lead": []}
        for row in data.get("official", ()):
            for pattern in row["patterns"]:
                for key, alternatives in fill.items():
                    pattern = pattern.replace("{" + key + "}", alternatives)
                patterns[row["scope"]].append(rulebook.regex(pattern))
        self.sentence_patterns, self.lead_patterns = patterns["sentence"], patterns["lead"]
        self.story_break = rulebook.regex(words["story_break"])
        self.digest = [rulebook.regex(pattern) for row in data.get("official_digest", ()) for pattern in row["patterns"]]
        self._document: tuple[str | None, bool] = (None, False)  # the last text read and whether its lead is official

    def __call__(self, text: str, start: int, end: int) -> bool:
        sentence = _sentence(text, start, end)
        if any(pattern.search(sentence) for pattern in self.sentence_patterns):
            return True
        return self.official_lead(self.story_lead(text, start)) or self.official_document(text)

    def official_lead(self, lead: str) -> bool:
        return any(pattern.search(lead) for pattern in self.lead_patterns)

    def official_document(self, text: str) -> bool:
        """Whether the document's lead is official and the document no news digest (read once per text: every
        official-only hit of a text asks it)."""
        if text is not self._document[0]:
            self._document = (text, not self.is_digest(text)
                              and self.official_lead(_lead(text, 0, self.LEAD_MIN, _FULL_STOP)))
        return self._document[1]

    def is_digest(self, text: str) -> bool:
        """Whether the document opens as a news digest of unrelated items (``[[official_digest]]``)."""
        lead = _lead(text, 0, self.LEAD_MIN, _FULL_STOP)
        return any(pattern.search(lead) for pattern in self.digest)

    def story_start(self, text: str, at: int) -> int:
        """Where the story holding ``text[at]`` starts: after the last story break before it (``story_break``), at
        most ``3 * REACH`` characters back."""
        story = max(0, at - 3 * REACH)
        for match in self.story_break.finditer(text, story, at):
            story = match.end()
        return story

    def story_lead(self, text: str, at: int) -> str:
        """The first sentence (a headline with it) of the story holding ``text[at]``."""
        return _lead(text, self.story_start(text, at), 0)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, read at most ``REACH`` characters on each side."""
    ceiling = min(len(text), end + REACH)
    found = _SENTENCE_END.search(text, end, ceiling)
    return text[sentence_start(text, start, floor=max(0, start - REACH)):found.end() if found else ceiling]


def _lead(text: str, start: int, least: int, end: re.Pattern = _SENTENCE_END) -> str:
    """``text`` from ``start`` to the first sentence end (``end``: a full stop or a line break; a document's lead
    reads on over a page's header lines to its first full stop) ``least`` characters or more after it (at most
    ``REACH``)."""
    ceiling = min(len(text), start + REACH)
    found = end.search(text, min(start + least, ceiling), ceiling)
    return text[start:found.end() if found else ceiling]


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """``sentences.clause_bounds`` of ``text[start:end]``, its end looked for at most ``REACH`` characters on."""
    return clause_start(text, start, lists=False), clause_end(text, end, limit=min(len(text), end + REACH))


def _unknown(word: str) -> bool:
    """Whether the dictionary does not know ``word`` (merged x-tagged characters: 特朗普)."""
    return all(pos == "x" for _, pos in tag(word))


def _holds(text: str, word: str, not_after: str) -> bool:
    """Whether ``word`` stands in ``text`` other than right after one of the ``not_after`` characters."""
    at = text.find(word)
    while at >= 0:
        if at == 0 or text[at - 1] not in not_after:
            return True
        at = text.find(word, at + 1)
    return False


def _only_row(data: dict, table: str) -> dict:
    """The one row of a table the grammar reads as settings (``[[list]]``, ``[[govern]]``, ``[[unknown]]``): a
    second row would be ignored, so it is an error."""
    rows = data[table]
    if len(rows) != 1:
        raise rulebook.RuleFileError(f"analyzer/rules/sector_names.toml: [[{table}]] must have exactly one row, "
                                     f"not {len(rows)}")
    return rows[0]
