"""Series of a metric: which written names are the same statistic, and why (rules in ``series.toml``).

``match_series`` takes a metric as written and returns its series key with the steps that led there: a note in
parentheses ignored (固定资产投资（不含农户）), words in front that name a place or the reporting institutions
(金融机构人民币各项贷款余额), a scope word that is the statistic's own (人民币普惠小微贷款余额), a flow named without
余额, an alias of a catalogue entry. Scope words that make another statistic (人民币 vs 本外币 loans) keep series
apart. ``metric_key`` is the key alone.

    >>> match_series("金融机构人民币各项贷款余额").key
    '人民币贷款余额'
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from analyzer import rulebook
from analyzer.errors import TaxonomyError
from analyzer.taxonomy.entries import compact, load_taxonomy

RULES_FILE = Path(__file__).with_name("series.toml")


@dataclass(frozen=True)
class Step:
    """One thing set aside to reach the series: ``kind`` is note, prefix, scope, suffix or alias."""
    kind: str
    words: str
    rule: str  # the rule's id in series.toml (or the entry's id for an alias)

    def text(self, lang: str = "zh") -> str:
        rules = load_rules()
        if self.kind == "note":
            return f"注释{self.words}已忽略" if lang == "zh" else f"note {self.words} ignored"
        if self.kind == "alias":
            return f"“{self.words}”是同一统计的别称" if lang == "zh" else f"{self.words} is another name of the statistic"
        reason = rules.reasons.get(self.rule, ("", ""))[0 if lang == "zh" else 1].format(word=self.words)
        if lang == "zh":
            return f"同一序列：{reason}（{self.words}）" if self.kind != "scope" else f"同一序列：{reason}"
        return f"same series: {reason} ({self.words})" if self.kind != "scope" else f"same series: {reason}"


@dataclass(frozen=True)
class SeriesMatch:
    phrase: str
    key: str
    entry_id: str | None = None
    steps: tuple[Step, ...] = field(default_factory=tuple)

    def reasons(self, lang: str = "zh") -> list[str]:
        return [step.text(lang) for step in self.steps]


@dataclass(frozen=True)
class SeriesRules:
    prefixes: tuple[tuple[str, str], ...]        # (word, rule id), longest first
    note: re.Pattern
    scope_words: tuple[tuple[str, str], ...]     # (word, rule id), longest first
    suffixes: tuple[tuple[str, str], ...]
    reasons: dict[str, tuple[str, str]]
    place_endings: tuple[str, ...] = ()          # 市, 省, 自治区 …, longest first ([[place]] rows)
    national: frozenset[str] = frozenset()       # 全国, 我国 …: a national scope, no place


def _words(tables: list[dict], where: str) -> tuple[tuple[str, str], ...]:
    out = []
    for table in tables:
        for key in ("id", "words", "example"):
            if not table.get(key):
                raise TaxonomyError(f"{where}: a rule without {key!r}")
        out += [(word, table["id"]) for word in table["words"]]
    return tuple(sorted(out, key=lambda pair: -len(pair[0])))


@functools.cache
def load_rules(path: Path = RULES_FILE) -> SeriesRules:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise TaxonomyError(f"{path}: cannot read series rules: {error}") from None
    notes = data.get("note", [])
    if len(notes) != 1 or not notes[0].get("pattern"):
        raise TaxonomyError(f"{path}: give exactly one [[note]] with a pattern")
    tables = [*data.get("ignore_prefix", []), *data.get("scope", []), *data.get("optional_suffix", [])]
    return SeriesRules(prefixes=_words(data.get("ignore_prefix", []), path.name), note=rulebook.regex(notes[0]["pattern"]),
                       scope_words=_words(data.get("scope", []), path.name),
                       suffixes=_words(data.get("optional_suffix", []), path.name),
                       reasons={t["id"]: (t.get("reason_zh", ""), t.get("reason_en", "")) for t in tables},
                       place_endings=tuple(sorted((w for row in data.get("place", []) for w in row.get("words", [])),
                                                  key=len, reverse=True)),
                       national=frozenset(w for row in data.get("place", []) for w in row.get("national", [])))


def _strip_prefixes(key: str, rules: SeriesRules, steps: list[Step]) -> str:
    """Drop place and institution words in front, as often as they come (全国金融机构…)."""
    changed = True
    while changed:
        changed = False
        for word, rule in rules.prefixes:
            if key.startswith(word) and len(key) > len(word) + 1:
                key, changed = key[len(word):], True
                steps.append(Step("prefix", word, rule))
                break
    return key


def _lookup(key: str):
    return load_taxonomy().lookup(key, "metrics")


def _entry_match(key: str, rules: SeriesRules, with_suffix: bool = True):
    """The catalogue entry ``key`` names: directly, after the statistic's own scope word, or with 余额 added."""
    entry = _lookup(key)
    if entry:
        return entry, []
    for word, rule in rules.scope_words:
        if key.startswith(word):
            entry = _lookup(key[len(word):])
            if entry and entry.scope == word:
                return entry, [Step("scope", word, rule)]
            break
    for word, rule in rules.suffixes if with_suffix else ():
        if not key.endswith(word):
            entry, more = _entry_match(key + word, rules, with_suffix=False)
            if entry:
                return entry, [*more, Step("suffix", word, rule)]
    return None, []


@functools.lru_cache(maxsize=100_000)
def match_series(phrase: str) -> SeriesMatch:
    """The series key of a metric as written, with the steps that set words aside to reach it."""
    rules = load_rules()
    steps: list[Step] = []
    for note in rules.note.findall(phrase or ""):
        steps.append(Step("note", note, "parenthesized_note"))
    key = _strip_prefixes(compact(rules.note.sub("", phrase or "")), rules, steps)
    entry, more = _entry_match(key, rules)
    if entry is None:
        return SeriesMatch(phrase, key, None, tuple(steps))
    steps += more
    if compact(entry.name) != key and not more:
        steps.append(Step("alias", key, entry.id))
    return SeriesMatch(phrase, compact(entry.name), entry.id, tuple(steps))


def scoped_variants(phrase: str) -> list[str]:
    """Series keys the phrase could mean with a scope word added (各项贷款余额 → 人民币贷款余额, 本外币贷款余额)."""
    rules = load_rules()
    base = match_series(phrase)
    out = []
    for word, _rule in rules.scope_words:
        key = match_series(word + base.key).key
        if key != base.key and key not in out and _lookup(key):
            out.append(key)
    return out


def merge_reasons(*matches: SeriesMatch, lang: str = "zh") -> list[str]:
    """The reasons, without repeats, why the written names of ``matches`` are one series."""
    return list(dict.fromkeys(reason for match in matches for reason in match.reasons(lang)))


PLACE_MARK = "@"  # between a metric's key and its place in a series key (外贸进出口总值@天津)


def place_key(place: str | None) -> str | None:
    """The place as a series tells places apart: without its ending (天津市 → 天津, 广东省 → 广东); None for no
    place or a national word (全国, 我国), the default scope."""
    place = compact(place or "")
    rules = load_rules()
    if not place or place in rules.national:
        return None
    for ending in rules.place_endings:
        if place.endswith(ending) and len(place) - len(ending) >= 2:
            return place[: -len(ending)]
    return place


def placed_key(key: str, place: str | None) -> str:
    """A series key with its place (外贸进出口总值@天津); the key itself for a national figure or none."""
    where = place_key(place)
    return f"{key}{PLACE_MARK}{where}" if where else key
