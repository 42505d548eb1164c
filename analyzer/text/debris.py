"""Cut page debris out of a text, keeping a map back to the text as given.

Debris is what a web page or a copy leaves inside words (``debris.toml``): pinyin annotations (國(guó)務(wù)院),
spaces inside a taxonomy name (中国人民 银行, 支 农支小再贷款) and spaces in a firm's name a legal form closes (深圳市 优必选
科技股份有限公司). The extractor runs on the cleaned text, so no name,
metric or key carries debris; ``Cleaned.span`` maps a cleaned span back to the original text, where it covers the
debris inside it (a mention's ``text`` is what the page shows: 中国人民 银行; its ``name`` is 中国人民银行).

    cleaned = clean("中国人民 银行开展操作")
    cleaned.text                 # '中国人民银行开展操作'
    cleaned.span(0, 6)           # (0, 7)
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from analyzer import rulebook
from analyzer.taxonomy import load_taxonomy, match_form
from analyzer.text.pos import tag

_CJK = rulebook.regex(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Cleaned:
    """A text without its debris; ``origin[i]`` is the original index of cleaned character ``i`` (``None`` when
    nothing was cut: every index is its own)."""
    text: str
    origin: tuple[int, ...] | None
    original_length: int

    @property
    def changed(self) -> bool:
        return len(self.text) != self.original_length

    def position(self, index: int) -> int:
        """Original index of a cleaned start offset (the end of the text maps to the end)."""
        if index >= len(self.text):
            return self.original_length
        return index if self.origin is None else self.origin[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the cleaned span [start, end): from its first to its last character."""
        if end <= start:
            at = self.position(start)
            return at, at
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


@functools.cache
def _rules() -> dict:
    return rulebook.parse_toml((Path(__file__).parent / "debris.toml").read_text(encoding="utf-8"))


@functools.cache
def _pinyin() -> re.Pattern:
    return rulebook.regex("|".join(p["regex"] for p in _rules()["pattern"]))


@functools.cache
def _space_between_cjk() -> re.Pattern:
    """A space of ``space_in_name`` with a Chinese character on each side."""
    spaces = "".join(re.escape(c) for c in _rules()["space_in_name"]["spaces"])
    return rulebook.regex(f"(?<={_CJK.pattern})[{spaces}](?={_CJK.pattern})")


@functools.cache
def _names() -> ahocorasick.Automaton:
    """Every taxonomy name and alias long enough to vouch for a space inside it, in match form."""
    minimum = _rules()["space_in_name"]["min_name"]
    automaton = ahocorasick.Automaton()
    for entry in load_taxonomy():
        for name in entry.names:
            if len(name) >= minimum and _CJK.search(name):
                automaton.add_word(match_form(name), len(name))
    automaton.make_automaton()
    return automaton


def clean(text: str) -> Cleaned:
    """``text`` without debris, with the map back (identity, and cheap, when there is none)."""
    drop = _pinyin_spans(text) | _spaces_in_names(text) | _spaces_before_legal_forms(text)
    if not drop:
        return Cleaned(text, None, len(text))
    pieces, kept, last = [], [], 0  # the runs between dropped characters, not the text character by character
    for at in sorted(i for i in drop if 0 <= i < len(text)):
        pieces.append(text[last:at])
        kept.extend(range(last, at))
        last = at + 1
    pieces.append(text[last:])
    kept.extend(range(last, len(text)))
    return Cleaned("".join(pieces), tuple(kept), len(text))


def _row() -> dict:
    """The ``[space_before_legal_form]`` table of debris.toml."""
    return _rules()["space_before_legal_form"]


@functools.cache
def _legal_run() -> tuple[tuple[str, ...], re.Pattern]:
    """The legal forms of ``space_before_legal_form`` and the pattern of a space in a run they close."""
    row = _row()
    spaces = "".join(re.escape(c) for c in _rules()["space_in_name"]["spaces"])
    forms = "|".join(map(re.escape, row["legal_forms"]))
    run = f"[\u4e00-\u9fff]{{1,{row['max_run']}}}"
    return tuple(row["legal_forms"]), rulebook.regex(
        f"(?<=[\u4e00-\u9fff])[{spaces}](?=(?:{run}[{spaces}]){{0,{row['max_spaces']}}}"
        f"[\u4e00-\u9fff]{{0,{row['max_run']}}}?(?:{forms}))")


def _spaces_before_legal_forms(text: str) -> set[int]:
    """Indexes of spaces between Chinese characters in a run that a legal form closes (优必选 科技股份有限公司): the
    last space before the form always, an earlier one only after a word a name may hold (深圳市 优必选 …; not 不超过
    思摩尔国际 …, 与 每日互动 …: the name starts after that space)."""
    forms, pattern = _legal_run()
    if not any(form in text for form in forms):
        return set()
    found = [match.start() for match in pattern.finditer(text)]
    return {at for n, at in enumerate(found) if n + 1 == len(found) or found[n + 1] > _next_form(text, at, forms)
            or _after_name_word(text, at)}


def _next_form(text: str, at: int, forms: tuple[str, ...]) -> int:
    """Where the first legal form after ``at`` starts."""
    return min((i for i in (text.find(form, at) for form in forms) if i >= 0), default=len(text))


def _after_name_word(text: str, at: int) -> bool:
    """Whether the Chinese run right before ``at`` ends with a word a name may hold (a place: 深圳市, 中国; a coined or
    common word: 五凌, 通威, 湖南), not a verb, preposition or other function word (取得, 不超过, 与)."""
    start = at
    while start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff":
        start -= 1
    words = tag(text[start:at])
    return bool(words) and words[-1][1] not in _row()["not_name_tags"]


def _pinyin_spans(text: str) -> set[int]:
    if "(" not in text and "（" not in text:
        return set()
    return {i for match in _pinyin().finditer(text) for i in range(match.start(), match.end())}


def _spaces_in_names(text: str) -> set[int]:
    """Indexes of spaces between two Chinese characters that fall inside a taxonomy name once removed."""
    candidates = [match.start() for match in _space_between_cjk().finditer(text)]
    if not candidates:
        return set()
    pieces, kept_from = [], 0
    for index in candidates:
        pieces.append(text[kept_from:index])
        kept_from = index + 1
    pieces.append(text[kept_from:])
    squeezed = "".join(pieces)
    # a removed space sits between squeezed characters k-1 and k, where k counts the kept characters before it: the
    # n-th space (candidates ascend) has n removed before it, so k = index - n; the gaps ascend as the spaces do
    gaps = [(index - n, index) for n, index in enumerate(candidates)]
    gap_keys = [gap for gap, _ in gaps]
    drop = set()
    for window_start, window_end in _windows(gap_keys, _names().get_stats()["longest_word"], len(squeezed)):
        window = match_form(squeezed[window_start:window_end])  # match_form maps each character on its own
        for last, length in _names().iter(window):
            last += window_start
            first, stop = bisect.bisect_right(gap_keys, last + 1 - length), bisect.bisect_right(gap_keys, last)
            drop.update(index for _, index in gaps[first:stop])
    return drop


def _windows(gap_keys: list[int], longest: int, size: int) -> list[tuple[int, int]]:
    """The stretches of the squeezed text a name of at most ``longest`` characters over a gap can lie in (each
    gap's ``longest`` characters on either side, overlapping stretches joined): only those are searched."""
    windows: list[tuple[int, int]] = []
    for gap in gap_keys:
        start, end = max(0, gap - longest), min(size, gap + longest)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows
