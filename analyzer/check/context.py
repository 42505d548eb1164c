"""Stored figures found by the words around them, for a claim whose metric names no stored series.

Real news is often stored with a figure's metric missing or cut (软银集团领涨，盘中涨超13% has none; the company in
农业银行净利润 is dropped), and a claim names the statistic its own way. When no series answers, the figures of
stored sentences that contain the claim's words (the claim's clause, less time words, verbs of change and numbers:
``context_stop`` in claim_words.toml) are compared with the claim's figure: a figure that agrees supports it; the one
the claim's words lead to (the first stored figure after the claim's last word before its number, or one written just
before that word: 新增3.6万个就业岗位) contradicts it. A sentence that lacks the claim metric's modifier (快递 of
快递业务收入) answers nothing (``context_modifier``). The verdict says the match was made by context, and which of the
claim's words the sentence writes.
"""
from __future__ import annotations

import functools
import itertools
import os
import re
from dataclasses import dataclass

import opencc

from analyzer.check.reading import claim_words as _claim_words
from analyzer.check.rows import normalized_sentence
from analyzer.extract.periods import time_matches
from analyzer.records import Figure
from analyzer.normalize import normalize
from analyzer.text.segment import tokenizer
from analyzer.text.sentences import clause_bounds, clause_start, split_sentences

MIN_COVERAGE = 0.6   # share of the claim's words (by characters) a stored sentence must contain
NEAR_SPAN = 40       # at most this many characters from the claim's last word to the stored figure it leads to
NAMED_AFTER = 4      # at most this many characters between a figure and the claim's word written after it
CLAUSE_MARK = re.compile(r"[，。；;,：:！？、]")


@dataclass
class Candidate:
    row: dict
    coverage: float
    near: bool               # the first figure after the claim's last word (the one the words lead to)
    excluded: bool = False   # another item's value in a 分别 list (A、B和C分别为x、y、z)
    sentence: str = ""       # the row's sentence, normalized once (stored sentences keep the text as written)


def variants(word: str) -> list[str]:
    """A word in simplified and traditional characters (stored text keeps its script: 招商銀行)."""
    return list(dict.fromkeys([word, _s2t().convert(word)]))


def spellings(word: str) -> tuple[str, ...]:
    """The word and its other names (``context_alias`` in claim_words.toml: 央行 for 人民银行)."""
    return (word, *_claim_words()["aliases"].get(word, ()))


def _holds(text: str, word: str) -> bool:
    return any(s in text for s in spellings(word))


def _last_at(text: str, word: str, end: int) -> int:
    """Where the word, under any of its names, last starts before ``end`` (-1 when nowhere)."""
    return max(text.rfind(s, 0, end) for s in spellings(word))


@functools.cache
def _s2t():
    return opencc.OpenCC("s2t")


def clause_of(text: str, figure: Figure) -> tuple[int, int]:
    """The clause around the figure, an enumeration (A、B和C) kept whole (``analyzer.text.sentences``)."""
    return clause_bounds(text, figure.start, figure.end, lists=False)


def sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``text[position]`` starts (``analyzer.text.sentences``)."""
    return next((start for start, end in split_sentences(text) if start <= position <= end), 0)


def claim_words(text: str, figure: Figure, figures: list[Figure], stop: frozenset[str],
                whole_sentence: bool = False) -> tuple[list[str], str | None]:
    """The content words of the figure's clause (or, when it has none — 同比增长177%, after the clause naming the
    company — or ``whole_sentence`` is asked, of its sentence up to the clause's end), and the last of them before
    the number."""
    clause = _masked(text, figures)
    start, end = clause_of(text, figure)
    words, last = ([], None) if whole_sentence else _words(clause, start, end, figure.start, stop)
    if not words:
        words, last = _words(clause, statement_start(text, figure.start), end, figure.start, stop)
    if not words:  # a statement with no words of its own (…；同比增长59.06%) is the sentence's
        words, last = _words(clause, sentence_start(text, figure.start), end, figure.start, stop)
    return words, last


def statement_start(text: str, position: int) -> int:
    """Where the statement holding ``text[position]`` starts: its sentence's start, or after the last mark that joins
    two statements in one sentence before it (``statement_break``: ；)."""
    start = sentence_start(text, position)
    return max([start] + [text.rfind(m, start, position) + 1 for m in _claim_words()["statement_breaks"]])


def _masked(text: str, figures: list[Figure]) -> str:
    """The claim in normalized form with its figures, time expressions and source clauses (``attribution``: 乘联分会
    数据，) blanked out."""
    masked = list(normalize(text))
    for match in _claim_words()["attribution"].finditer("".join(masked)):
        masked[match.start():match.end()] = " " * (match.end() - match.start())
    for other in figures:
        masked[other.start:other.end] = " " * (other.end - other.start)
    for match in time_matches("".join(masked)):
        masked[match.start():match.end()] = " " * (match.end() - match.start())
    return "".join(masked)


def _words(clause: str, start: int, end: int, figure_start: int, stop: frozenset[str]) -> tuple[list[str], str | None]:
    words, last, position = [], None, start
    for token in tokenizer().lcut(clause[start:end]):
        here = clause.find(token, position)
        position = here + len(token) if here >= 0 else position
        if len(token.strip()) < 2 or token in stop or re.search(r"\d", token):
            continue
        words.append(token)
        if here < figure_start:
            last = token
    return list(dict.fromkeys(words)), last


def list_index(text: str, figure: Figure, figures: list[Figure]) -> int | None:
    """The figure's place in a 分别 list of the claim itself (A和B分别下跌8%和10%: 8% is item 0)."""
    _, end = clause_of(text, figure)
    first = text.find("分别", sentence_start(text, figure.start), figure.start)
    if first < 0:
        return None
    listed = sorted((f for f in figures if f.start > first and f.unit == figure.unit and f.start < end),
                    key=lambda f: f.start)
    return next((i for i, f in enumerate(listed) if f.start == figure.start), None)


def candidates(rows: list[dict], words: list[str], last: str | None, index: int | None = None,
               metric: str | None = None) -> list[Candidate]:
    """Rows whose sentence holds enough of the words, one of them before the figure; ``near`` when the row is the
    first such figure after the claim's last word (the number that word leads to). Where some sentences hold every
    word of the claim's ``metric`` (新能源, 乘用车, 零售), the others are not its (全国乘用车市场零售…同比下降23.2%)."""
    total = sum(len(w) for w in words)
    out = []
    modifiers = metric_modifiers(metric)
    head = (metric_words(metric) or [None])[-1]
    for row in rows:
        sentence = normalized_sentence(row)
        found = words_found(sentence, words)
        coverage = sum(len(w) for w in found) / total if total else 0.0
        if coverage < MIN_COVERAGE or _other_head(metric, row.get("metric")) or _part_for_whole(metric, sentence) or \
                _whole_for_part(words, sentence) or \
                not _led_by(row, sentence, found, after=last is None) or \
                not _names_modifier(sentence, row, modifiers, [w for w in words if w not in (metric or "")], head):
            continue
        out.append(Candidate(row, coverage, False, sentence=sentence))
    _mark_near(out, _leading(words, last))
    _mark_respectively(out, words, index, metric)
    _mark_items(out)
    _mark_partial(out, metric_words(metric))
    return sorted(out, key=lambda c: (c.excluded, -c.near, -c.coverage, c.row["doc_id"], c.row["start"]))


def words_found(sentence: str, words: list[str]) -> list[str]:
    """The claim's words the (normalized) stored sentence writes, under any of their names or in their parts."""
    return [w for w in words if _holds(sentence, w) or _holds_parts(sentence, w)]


def metric_modifiers(metric: str | None) -> list[str]:
    """The words of a claim's metric before its head (its last word, or a longer one of ``heads`` in
    ``context_modifier``: 营业收入 is one statistic, 营业 no modifier): what tells it from the other fillers of its frame
    (快递 of 快递业务收入, 彩票 of 彩票销售额)."""
    name = normalize(metric or "")
    for word in (w for row in _claim_words()["whole_scope"] for w in row["claimed"]):
        name = name.replace(word, "", 1) if not name.endswith(word) else name  # 全市场 says how much, not of what
    head = next((h for h in _claim_words()["context_heads"] if name.endswith(h)), None)
    words = metric_words(name[:-len(head)]) if head else metric_words(name)[:-1]
    return [w for w in words if not re.search(r"\d", w)]


def _names_modifier(sentence: str, row: dict, modifiers: list[str], others: list[str], head: str | None = None) -> bool:
    """The stored sentence names the claim metric's modifier (``context_modifier`` in claim_words.toml: at least
    ``min_named`` of its words), or the stored figure's own name holds another word of the claim (东盟 of 与东盟贸易总值
    for …东盟…，双边贸易总值): 业务收入 alone, of 电信业务收入, is no 快递业务收入. A stored figure named by the claim's
    ``head`` with other words (财政收入 for 全体居民人均可支配收入) needs them by the end of its own clause."""
    if not modifiers:
        return True
    least = min(len(modifiers), _claim_words()["modifier_named"])
    stored = normalize(row.get("metric") or "")
    named_otherwise = bool(head) and stored.endswith(head) and len(stored) > len(head)
    if len(words_found(_up_to_clause_end(sentence, row) if named_otherwise else sentence, modifiers)) >= least:
        return True
    return any(_holds(stored, w) for w in others)


def _up_to_clause_end(sentence: str, row: dict) -> str:
    """The sentence up to the end of the stored figure's clause: a modifier written only in a later clause names a
    later figure (…财政收入首破万亿元；全体居民人均可支配收入同比增长9.5%: 全体居民 is not of the 万亿元; W14 ind-962)."""
    end = _offset(row) + len(row.get("text") or "")
    mark = CLAUSE_MARK.search(sentence, end)
    return sentence[:mark.start()] if mark else sentence


def _part_for_whole(claim_metric: str | None, sentence: str) -> bool:
    """The claim's metric is a whole (``whole_scope``: 全市场ETF总规模) and the stored sentence states no whole: its
    figure is one part's (半导体设备ETF国泰规模从90.11亿元增至406.7亿元)."""
    rows = _claim_words()["whole_scope"]
    name = normalize(claim_metric or "")
    return any(any(w in name for w in row["claimed"]) and not any(w in sentence for w in row["stored"]) for row in rows)


def _whole_for_part(words: list[str], sentence: str) -> bool:
    """The claim's words name a part of a country (``part_scope``: 内地 of 中国内地) and the stored sentence names none:
    its figure is the whole's or the world's (今年共有3428人上榜)."""
    return any(any(w in word for word in words for w in row["claimed"]) and not any(w in sentence for w in row["stored"])
               for row in _claim_words()["part_scope"])


def _head(metric: str | None) -> str | None:
    name = normalize(metric or "")
    return next((h for h in _claim_words()["distinct_heads"] if name.endswith(h)), None)


def _other_head(claim_metric: str | None, stored_metric: str | None) -> bool:
    """The two metrics end with different heads of ``distinct_heads`` (出口量 and 销量): two statistics; two names of
    one head (``context_alias``: 营收 and 营业收入) are one."""
    mine, other = _head(claim_metric), _head(stored_metric)
    return mine is not None and other is not None and other not in spellings(mine)


def _led_by(row: dict, sentence: str, found: list[str], after: bool = False) -> bool:
    """One of the words comes before the figure in its sentence, or, ``after`` (the claim's figure opens its clause:
    其中4家净利润…), follows it closely in its clause (``words_after_figure`` in claim_words.toml)."""
    offset = max(_offset(row), 0)
    if any(_holds(sentence[:offset], w) for w in found):
        return True
    if not after:
        return False
    following = sentence[offset:offset + len(row.get("text") or "") + _claim_words()["words_after_figure"]]
    following = re.split("[，,；;。]", following)[0]
    return any(_holds(following, w) for w in found)


def another_filler(mine: str | None, other: str | None) -> bool:
    """Two names of one frame with different fillers (``another_filler`` in claim_words.toml): 普惠型[涉农]贷款不良率
    and 普惠型[小微企业]贷款不良率 are two statistics; a filler that shares a character with the other (贴息 and
    消费贷款贴息的) or a name without a common start and end (净卖出 and 净买入, 净流入资金 and 吸金) is left alone."""
    if not mine or not other or mine == other:
        return False
    head = len(os.path.commonprefix([mine, other]))
    tail = len(os.path.commonprefix([mine[head:][::-1], other[head:][::-1]]))
    least = _claim_words()["filler_frame"]
    if min(head, tail) < least["ends"] or head + tail < least["frame"]:
        return False
    fillers = mine[head:len(mine) - tail], other[head:len(other) - tail]
    return all(fillers) and not set(fillers[0]) & set(fillers[1])


def _item(sentence: str, offset: int) -> int:
    """Which item of a list the sentence's ``offset`` lies in (items end at ``context_item_break`` marks)."""
    return sum(sentence.count(mark, 0, offset) for mark in _claim_words()["item_breaks"])


def _mark_items(found: list[Candidate]) -> None:
    """In a sentence where the claim's words lead to a figure, the figures of the list's other items are theirs
    (其中：黄金首饰132.133吨…；金条及金币339.336吨: 黄金首饰 leads to 132.133吨, and 339.336吨 is another item's)."""
    by_sentence: dict[tuple, list[Candidate]] = {}
    for candidate in found:
        by_sentence.setdefault((candidate.row["doc_id"], candidate.row.get("sentence_start")), []).append(candidate)
    for group in by_sentence.values():
        sentence = group[0].sentence
        items = {_item(sentence, _offset(c.row)) for c in group if c.near}
        for candidate in group:
            candidate.excluded = candidate.excluded or bool(items) and _item(sentence, _offset(candidate.row)) not in items


def _holds_parts(text: str, word: str) -> bool:
    """The text writes a long word in its parts, apart (``context_parts``: 贷款贴息 in 消费贷款金额…给予贴息)."""
    if len(word) < _claim_words()["parts_from"]:
        return False
    parts = [p for p in tokenizer().lcut(word, HMM=False) if len(p) >= 2]
    parts = parts if len(parts) > 1 else [p for p in tokenizer().lcut_for_search(word) if len(p) >= 2 and p != word]
    return sum(len(p) for p in parts) >= len(word) and all(_holds(text, p) for p in parts)


def holds_before(row: dict, words: str) -> bool:
    """The stored figure's sentence writes ``words`` (or each of its words of two or more characters) before it, in
    its own list item (民营企业 of the item before the ； names none of 外商投资企业's figures)."""
    before = normalized_sentence(row)[:max(0, _offset(row))]
    before = before[max(before.rfind(mark) for mark in _claim_words()["item_breaks"]) + 1:]
    parts = [p for p in tokenizer().lcut(words, HMM=False) if len(p) >= 2] or [words]
    return words in before or all(_holds(before, p) for p in parts)


def _offset(row: dict) -> int:
    return row["start"] - (row.get("sentence_start") or 0)


def _leading(words: list[str], last: str | None) -> list[str]:
    """The claim's words before its number, the last first (the word that leads to the number)."""
    return list(reversed(words[:words.index(last) + 1])) if last in words else []


def _mark_near(found: list[Candidate], leading: list[str]) -> None:
    """In each sentence, the first candidate figure after the last occurrence of the claim's last word before its
    number that the sentence holds (碳排放 written 排碳: 带动减少排碳约2876万吨 is led to by 带动), within
    ``NEAR_SPAN``; and a figure written just before that word (新增3.6万个就业岗位: ``_named_after``)."""
    if not leading:
        return
    by_sentence: dict[tuple, list[Candidate]] = {}
    for candidate in found:
        by_sentence.setdefault((candidate.row["doc_id"], candidate.row.get("sentence_start")), []).append(candidate)
    for group in by_sentence.values():
        group.sort(key=lambda c: _offset(c.row))
        sentence = group[0].sentence
        last = next((w for w in leading if _holds(sentence, w)), None)
        if last is None:
            continue
        previous_end = 0
        for candidate in group:  # the first candidate figure after the word (no other candidate between them)
            offset = _offset(candidate.row)
            at = _last_at(sentence, last, offset)
            led = at >= previous_end and offset - at <= NEAR_SPAN
            candidate.near = led or _named_after(sentence, candidate.row, last)
            previous_end = offset + len(candidate.row["text"])


def _named_after(sentence: str, row: dict, word: str) -> bool:
    """The figure is written before the noun it counts (新增3.6万个就业岗位, 1.05万亿元逆回购到期): the claim's word
    follows it within ``NAMED_AFTER`` characters, in the same clause."""
    end = _offset(row) + len(row["text"])
    after = sentence[end:end + NAMED_AFTER + len(word)]
    at = min((after.find(s) for s in spellings(word) if s in after), default=-1)
    return at >= 0 and not CLAUSE_MARK.search(after[:at])


ITEM_BREAK = re.compile(r"[、和及与]")


def metric_words(metric: str | None) -> list[str]:
    """The words of a claim's metric (two or more characters, none a stop word) that name what it counts; a run of
    characters the dictionary knows only one by one is one word (皮卡 of 皮卡销量, 归母 of 归母净利润)."""
    stop = _claim_words()["context_stop"]
    return [w for w in _joined_singles(tokenizer().lcut(normalize(metric or ""), HMM=False))
            if len(w) >= 2 and w not in stop]


def _joined_singles(tokens: list[str]) -> list[str]:
    """Consecutive one-character Han tokens joined (皮, 卡 → 皮卡)."""
    return [word for alone, run in itertools.groupby(tokens, key=_single_han)
            for word in (["".join(run)] if alone else run)]


def _single_han(token: str) -> bool:
    return len(token) == 1 and "\u4e00" <= token <= "\u9fff"


def _mark_partial(found: list[Candidate], words: list[str]) -> None:
    """Where some candidates' sentences hold every word of the claim's metric, the others are excluded."""
    if len(words) < 2:
        return
    full = {id(c) for c in found if not c.excluded and all(_holds(c.sentence, w) for w in words)}
    if full:
        for candidate in found:
            candidate.excluded = candidate.excluded or id(candidate) not in full


def _mark_respectively(found: list[Candidate], words: list[str], claim_index: int | None = None,
                       metric: str | None = None) -> None:
    """工商银行、农业银行、建设银行和中国银行分别实现净利润…，同比分别增长0.51%、4.72%…: the claim's item (农业银行) is
    the second of the list, so only the second figure after 分别 is its own; the others are excluded. The item is the
    one the claim's metric ends with (购物金额、人数、购物件数 for 离岛免税购物人数), else the one most of its words name."""
    by_sentence: dict[tuple, list[Candidate]] = {}
    for candidate in found:
        by_sentence.setdefault((candidate.row["doc_id"], candidate.row.get("sentence_start")), []).append(candidate)
    for group in by_sentence.values():
        sentence = group[0].sentence
        first = sentence.find("分别")
        if first < 0:
            continue
        items = _list_items(sentence[:first])
        index = claim_index if claim_index is not None else _ending_index(items, metric) or _item_index(items, words)
        listed = sorted((c for c in group if _offset(c.row) > first), key=lambda c: _offset(c.row))
        if index is None or len(items) < 2 or len(listed) < len(items):
            continue
        for position, candidate in enumerate(listed[:len(items)]):
            candidate.excluded = position != index
            candidate.near = position == index


def _list_items(head: str) -> list[str]:
    """The items listed before 分别, in the last clause before it."""
    head = head[clause_start(head, len(head), lists=False):]
    return _expand([item.strip() for item in ITEM_BREAK.split(head) if item.strip()])


def _ending_index(items: list[str], metric: str | None) -> int | None:
    """The one item the claim's metric ends with (人数 of 离岛免税购物人数); None when none or several do (or the
    first, which needs no telling apart)."""
    metric = normalize(metric or "")
    ends = [i for i, item in enumerate(items) if len(item) >= 2 and metric.endswith(item)]
    return ends[0] if len(ends) == 1 else None


def _item_index(items: list[str], words: list[str]) -> int | None:
    scores = [sum(len(w) for w in words if w in item) for item in items]
    return scores.index(max(scores)) if scores and max(scores) > 0 else None


def _expand(items: list[str]) -> list[str]:
    """大、中、小型企业 are 大型企业, 中型企业 and 小型企业: a one-character item takes the rest of the last item."""
    if len(items) < 2:
        return items
    last = items[-1]
    return [item + last[len(item):] if len(item) == 1 and len(last) > 1 else item for item in items]
