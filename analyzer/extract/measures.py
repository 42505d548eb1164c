"""Measure and comparison of a figure, chosen by the ordered rules of ``analyzer/rules/measure.toml``.

A rule row states its conditions as keys; each key names a predicate registered in ``PREDICATES`` and the row's
value is that predicate's argument (a unit list, a word list, a regex). The first row of ``[[measure]]`` whose
conditions all hold gives the measure; ``[[by_metric]]`` may read it again from the metric (a price: 金价);
``[[level_over_period]]`` may turn a level read over a span of time into a
flow once the period is known, and ``[[comparison_by_period]]`` may read a stated comparison again then (比2019年增长
of a figure of 2021 is no year on year); among ``[[comparison]]`` rows the stated comparison ending last before the figure
wins, and ``[[comparison_default]]`` rows (in order) decide when none is stated. Each answer names its row and the
words it matched (``Figure.explain``).

Word arguments are a list of words, a dotted path into the lexicon (``measures.growth``) or the id of a
``[[words]]`` row of measure.toml (``price-moves``).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from analyzer import rulebook
from analyzer.lazy import lazy
from analyzer.records import Period
from analyzer.text.prefix_search import PrefixSearch

RULE_FILE = "measure"
# keys of a rule row that are not conditions
ROW_KEYS = {"id", "example", "figure", "expect", "published", "why", "measure", "comparison", "keeps_span",
            "quotes_subject", "signed"}
UNIT_CONDITIONS = ("unit", "unit_not")  # decided once per unit (_rules_for_unit), not per figure
NO_COMPARISON = "none"  # a comparison row's answer where no comparison applies (TOML has no null)


@functools.cache
def _reversed_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Words spelled backwards, longest first: searching the reversed text finds the one that ends last."""
    return rulebook.regex("|".join(re.escape(w[::-1]) for w in sorted(words, key=len, reverse=True)))


def nearest(left: str, words: Iterable[str]) -> tuple[int, str] | None:
    """(position, word) of the listed word ending last in ``left`` (the longer one on a tie), or None."""
    match = _reversed_pattern(tuple(words)).search(left[::-1])
    if match is None:
        return None
    word = match.group()[::-1]
    return len(left) - match.end(), word


def ends_with(left: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``left`` ends with, or None."""
    return _ends_with_ordered(left, _longest_first(words))


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """``words`` longest first, words of one length in their order (what :func:`ends_with` tries them in)."""
    return tuple(sorted(words, key=len, reverse=True))


def _ends_with_ordered(left: str, ordered: tuple[str, ...]) -> str | None:
    """:func:`ends_with` on words already in :func:`_longest_first` order (a row's, sorted once when compiled):
    one ``str.endswith`` on them all first, since most phrases end with none."""
    if not left.endswith(ordered):
        return None
    for word in ordered:
        if left.endswith(word):
            return word
    return None


@dataclass
class Context:
    """What the rules of one figure read, computed once: the figure (``candidate``: start, end, unit, counter,
    qualifier, per), the words before it since the cue (``near``, the nearest list member's verb included), its
    clause up to it (``clause``), and — for the rules read after the period — its measure, metric and period."""
    text: str
    candidate: Any
    near: str
    clause: str
    clause_start: int = 0
    near_start: int = 0
    sentence_start: int = 0
    prefix: PrefixSearch | None = None  # the text's searches up to each figure (issue 17), when shared
    measure: str | None = None
    metric: str | None = None
    period: Period | None = None
    comparison: str | None = None

    @lazy
    def left(self) -> str:
        """The words before the figure without the qualifiers and the linking verbs that may close them."""
        return self.near.rstrip(" 约近超逾达为了到至")

    @lazy
    def left_reversed(self) -> str:
        return self.left[::-1]

    @lazy
    def clause_reversed(self) -> str:
        return self.clause[::-1]

    def after(self, length: int) -> str:
        return self.text[self.candidate.end:self.candidate.end + length]


# -- predicates: name → (test(context, argument) → falsy or truthy (a str is the words it matched), compile) -----
PREDICATES: dict[str, tuple[Callable[[Context, Any], Any], Callable[[Any], Any]]] = {}


def _words(value) -> tuple[str, ...]:
    """A word argument as a tuple: a list, a lexicon path (measures.growth) or a [[words]] row id."""
    if isinstance(value, list):
        return tuple(value)
    if "." in value:
        table = rulebook.lexicon()
        for name in value.split("."):
            table = table[name]
        return tuple(table)
    rows = {row["id"]: row for row in rulebook.rows(RULE_FILE, "words")}
    if value not in rows:
        raise rulebook.RuleFileError(f"{RULE_FILE}.toml: no [[words]] row {value!r}")
    return tuple(rows[value]["words"])


def words_of(row_id: str) -> tuple[str, ...]:
    """The words of the [[words]] row ``row_id`` of measure.toml."""
    return _words(row_id)


@dataclass(frozen=True)
class Words:
    """A word argument compiled once: the words and the pattern that finds the one ending last (``nearest``)."""
    words: tuple[str, ...]
    last: re.Pattern

    def nearest(self, left: str, left_reversed: str) -> tuple[int, str] | None:
        """As ``nearest(left, words)``, on ``left`` and ``left`` spelled backwards."""
        match = self.last.search(left_reversed)
        return None if match is None else (len(left) - match.end(), match.group()[::-1])


def _nearest_words(value) -> Words:
    words = _words(value)
    return Words(words, _reversed_pattern(words))


def _words_table(value: dict) -> dict:
    """{words, strip, except}: words (as _words) less the ones in ``except``, after stripping ``strip`` chars."""
    excluded = set(value.get("except", ()))
    return {"words": _longest_first(w for w in _words(value["words"]) if w not in excluded),
            "strip": value.get("strip", ""), "not": _longest_first(_words(value.get("not", [])))}


def _as_is(value):
    return value


def predicate(name: str, compile_arg: Callable[[Any], Any] = _as_is):
    """Register ``test`` as the condition ``name`` of rule rows; ``compile_arg`` prepares the row's value once."""
    def register(test):
        PREDICATES[name] = (test, compile_arg)
        return test
    return register


@predicate("unit", set)
def _unit(ctx: Context, units: set) -> bool:
    return ctx.candidate.unit in units


@predicate("unit_not", set)
def _unit_not(ctx: Context, units: set) -> bool:
    return ctx.candidate.unit not in units


@predicate("counter", _words)
def _counter(ctx: Context, counters: tuple) -> str | None:
    return ctx.candidate.counter if ctx.candidate.counter in counters else None


@predicate("qualifier", set)
def _qualifier(ctx: Context, qualifiers: set) -> bool:
    return ctx.candidate.qualifier in qualifiers


@predicate("per")
def _per(ctx: Context, wanted: bool) -> bool:
    return bool(ctx.candidate.per) == wanted


@predicate("left_has", _nearest_words)
def _left_has(ctx: Context, words: Words) -> str | None:
    """One of ``words`` in the words before the figure (qualifiers and linking verbs stripped)."""
    hit = words.nearest(ctx.left, ctx.left_reversed)
    return hit[1] if hit else None


def _words_longest_first(value) -> tuple[str, ...]:
    return _longest_first(_words(value))


@predicate("left_ends", _words_longest_first)
def _left_ends(ctx: Context, words: tuple) -> str | None:
    return _ends_with_ordered(ctx.left, words)


@predicate("left_pattern", rulebook.regex)
def _left_pattern(ctx: Context, pattern: re.Pattern) -> str | None:
    match = pattern.search(ctx.left)
    return match.group() if match else None


@predicate("near_pattern", rulebook.regex)
def _near_pattern(ctx: Context, pattern: re.Pattern) -> str | None:
    match = pattern.search(ctx.near)
    return match.group() if match else None


@predicate("near_ends", _words_table)
def _near_ends(ctx: Context, spec: dict) -> str | None:
    """``near`` stripped of ``strip`` ends with one of ``words`` but with none of ``not`` (率, not 增长率)."""
    stripped = ctx.near.rstrip(spec["strip"])
    if spec["not"] and _ends_with_ordered(stripped, spec["not"]):
        return None
    return _ends_with_ordered(stripped, spec["words"])


@predicate("near_not_ends", _words_table)
def _near_not_ends(ctx: Context, spec: dict) -> bool:
    return _ends_with_ordered(ctx.near.rstrip(spec["strip"]), spec["words"]) is None


@predicate("clause_has", _nearest_words)
def _clause_has(ctx: Context, words: Words) -> str | None:
    hit = words.nearest(ctx.clause, ctx.clause_reversed)
    return hit[1] if hit else None


@predicate("clause_lacks", _nearest_words)
def _clause_lacks(ctx: Context, words: Words) -> bool:
    return words.nearest(ctx.clause, ctx.clause_reversed) is None


@predicate("clause_has_all", _words)
def _clause_has_all(ctx: Context, words: tuple) -> str | None:
    return "+".join(words) if all(word in ctx.clause for word in words) else None


@predicate("clause_pattern", rulebook.regex)
def _clause_pattern(ctx: Context, pattern: re.Pattern) -> str | None:
    match = pattern.search(ctx.clause)
    return match.group() if match else None


@predicate("sentence_pattern", rulebook.regex)
def _sentence_pattern(ctx: Context, pattern: re.Pattern) -> str | None:
    """The sentence up to the figure matches ``pattern`` (今年以来，BMS股价已累计上涨21%，而阿斯利康股价同期下跌8%:
    the time that opens the sentence is each move's base)."""
    if ctx.prefix is not None and ctx.prefix.text is ctx.text:
        match = ctx.prefix.search(pattern, ctx.sentence_start, ctx.candidate.start)
    else:
        match = pattern.search(ctx.text, ctx.sentence_start, ctx.candidate.start)
    return match.group() if match else None


@predicate("clause_ends", _words_table)
def _clause_ends(ctx: Context, spec: dict) -> str | None:
    return _ends_with_ordered(ctx.clause.rstrip(spec["strip"]), spec["words"])


@predicate("clause_or_after_has", _words)
def _clause_or_after_has(ctx: Context, words: tuple) -> str | None:
    """One of ``words`` in the clause before the figure or in the six characters after it."""
    around = ctx.clause + ctx.after(6)
    return next((word for word in words if word in around), None)


@predicate("before_is", _words)
def _before_is(ctx: Context, words: tuple) -> str | None:
    start = ctx.candidate.start
    before = ctx.text[start - 1:start]
    return before if before in words else None


@predicate("after_starts", _words)
def _after_starts(ctx: Context, words: tuple) -> str | None:
    if not ctx.text.startswith(words, ctx.candidate.end):  # one call on them all first: most figures have none
        return None
    return next((word for word in words if ctx.text.startswith(word, ctx.candidate.end)), None)


@predicate("after_pattern", rulebook.regex)
def _after_pattern(ctx: Context, pattern: re.Pattern) -> str | None:
    """The words right after the figure match ``pattern`` (84%的样本: a part of a whole)."""
    match = pattern.match(ctx.text, ctx.candidate.end)
    return match.group() if match else None


@predicate("starts_with", _words)
def _starts_with(ctx: Context, words: tuple) -> str | None:
    """The figure's own span opens with one of ``words`` (a comparison sign: <20Mbps)."""
    if not ctx.text.startswith(words, ctx.candidate.start):
        return None
    return next((word for word in words if ctx.text.startswith(word, ctx.candidate.start)), None)


@predicate("span_pattern", rulebook.regex)
def _span_pattern(ctx: Context, pattern: re.Pattern) -> str | None:
    """The figure's own span holds ``pattern`` (a word figure: 翻倍, 超过半数)."""
    match = pattern.search(ctx.text[ctx.candidate.start:ctx.candidate.end])
    return match.group() if match else None


@predicate("span_not_pattern", rulebook.regex)
def _span_not_pattern(ctx: Context, pattern: re.Pattern) -> bool:
    """The figure's own span does not hold ``pattern`` (至少10万吨 is a bound, no threshold)."""
    return pattern.search(ctx.text[ctx.candidate.start:ctx.candidate.end]) is None


def _share_table(value: dict) -> dict:
    return {"share": _nearest_words(value["words"]), "not": _words(value.get("not", [])),
            "growth": _nearest_words(value.get("growth", "measures.growth"))}


@predicate("share_before_growth", _share_table)
def _share_before_growth(ctx: Context, spec: dict) -> str | None:
    """A share word in the clause (``words``; not one opening ``not``: 覆盖率 is a ratio) that ends after the
    nearest growth word before the figure, or with none: 占比5%, 分别承担90%和10%."""
    share = spec["share"].nearest(ctx.clause, ctx.clause_reversed)
    if share is None or any(ctx.clause.startswith(word, share[0]) for word in spec["not"]):
        return None
    growth = spec["growth"].nearest(ctx.left, ctx.left_reversed)
    return share[1] if not growth or share[0] > growth[0] else None


@predicate("metric_has", _words)
def _metric_has(ctx: Context, words: tuple) -> str | None:
    return next((word for word in words if word in (ctx.metric or "")), None)


@predicate("metric_pattern", rulebook.regex)
def _metric_pattern(ctx: Context, pattern: re.Pattern) -> str | None:
    match = pattern.search(ctx.metric or "")
    return match.group() if match else None


@predicate("comparison_pattern", rulebook.regex)
def _comparison_pattern(ctx: Context, pattern: re.Pattern) -> tuple[int, str] | None:
    """(end, words) of the first match in the clause: 比3月末增加."""
    match = pattern.search(ctx.clause)
    return (match.end(), match.group()) if match else None


@predicate("comparison_words", _nearest_words)
def _comparison_words(ctx: Context, words: Words) -> tuple[int, str] | None:
    """(end, word) of the comparison word ending last in the clause."""
    hit = words.nearest(ctx.clause, ctx.clause_reversed)
    return (hit[0] + len(hit[1]), hit[1]) if hit else None


@predicate("comparison_is", set)
def _comparison_is(ctx: Context, comparisons: set) -> bool:
    return (ctx.comparison or NO_COMPARISON) in comparisons


def _base_year(value: dict) -> tuple[re.Pattern, int]:
    return rulebook.regex(value["pattern"]), int(value["years_back"])


@predicate("base_year_back", _base_year)
def _base_year_back(ctx: Context, argument: tuple[re.Pattern, int]) -> str | None:
    """The last base written with a year in the clause (比2019年) when it lies at least ``years_back`` years before
    the year the figure's period starts in."""
    pattern, years_back = argument
    found = None
    for found in pattern.finditer(ctx.clause):
        pass
    if found is None or ctx.period is None:
        return None
    return found.group() if int(ctx.period.start[:4]) - int(found.group("year")) >= years_back else None


@predicate("measure_is", set)
def _measure_is(ctx: Context, measures: set) -> bool:
    return ctx.measure in measures


@predicate("cue_ends", _words_table)
def _cue_ends(ctx: Context, spec: dict) -> str | None:
    return _ends_with_ordered(ctx.near.rstrip(spec["strip"]), spec["words"])


# -- rows -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    """One compiled row: its id, its conditions (name, test, argument) and the value it gives."""
    id: str
    conditions: tuple
    gives: str | None

    def match(self, ctx: Context) -> list | None:
        """The words each condition matched (in order) when all hold, else None."""
        words = []
        for _name, test, argument in self.conditions:
            found = test(ctx, argument)
            if not found:
                return None
            if found.__class__ is str:
                words.append(found)
        return words


def _compile_row(row: dict, answer: str) -> Rule:
    conditions = []
    for key, value in row.items():
        if key in ROW_KEYS:
            continue
        if key not in PREDICATES:
            raise rulebook.RuleFileError(f"{RULE_FILE}.toml: row {row['id']!r} has an unknown condition {key!r}")
        test, compile_arg = PREDICATES[key]
        conditions.append((key, test, compile_arg(value)))
    gives = row.get(answer)
    return Rule(row["id"], tuple(conditions), None if gives == NO_COMPARISON else gives)


@functools.cache
def rules(table: str) -> tuple[Rule, ...]:
    """The compiled rows of one table of measure.toml, in file order."""
    answer = "comparison" if table.startswith("comparison") else "measure"
    return tuple(_compile_row(row, answer) for row in rulebook.rows(RULE_FILE, table))


@functools.cache
def span_levels() -> frozenset[str]:
    """Ids of the [[level_over_period]] rows whose level keeps the span it was read over (`keeps_span`)."""
    return frozenset(row["id"] for row in rulebook.rows(RULE_FILE, "level_over_period") if row.get("keeps_span"))


@functools.cache
def quote_rows() -> frozenset[str]:
    """Ids of the [[measure]] rows whose price takes the subject of its clause as metric (`quotes_subject`)."""
    return frozenset(row["id"] for row in rulebook.rows(RULE_FILE, "measure") if row.get("quotes_subject"))


@functools.cache
def signed_rows() -> frozenset[str]:
    """Ids of the [[by_metric]] rows whose amount a falling verb makes negative (`signed`), as a change's is."""
    return frozenset(row["id"] for row in rulebook.rows(RULE_FILE, "by_metric") if row.get("signed"))


def explained(rule: Rule, words: list) -> dict[str, str]:
    return {"rule": rule.id, "words": "、".join(str(w) for w in words)}


@functools.cache
def _rules_for_unit(table: str, unit: str) -> tuple[Rule, ...]:
    """The rows of ``table`` whose unit conditions admit ``unit`` (the others are skipped without a call)."""
    kept = []
    for rule in rules(table):
        on_unit = [(test, argument) for name, test, argument in rule.conditions if name in UNIT_CONDITIONS]
        if all(test(_UnitOnly(unit), argument) for test, argument in on_unit):
            rest = tuple(c for c in rule.conditions if c[0] not in UNIT_CONDITIONS)
            kept.append(Rule(rule.id, rest, rule.gives))
    return tuple(kept)


@dataclass(frozen=True)
class _UnitOnly:
    """Stands for a context when only the unit is known (for ``_rules_for_unit``)."""
    unit: str

    @property
    def candidate(self):
        return self


def first_rule(table: str, ctx: Context) -> tuple[Rule, list] | None:
    """The first row of ``table`` whose conditions all hold, with the words it matched."""
    for rule in _rules_for_unit(table, ctx.candidate.unit):
        words = rule.match(ctx)
        if words is not None:
            return rule, words
    return None


def measure_of(ctx: Context) -> tuple[str, dict[str, str]]:
    """The figure's measure and the row that chose it (the table ends with a row without conditions)."""
    rule, words = first_rule("measure", ctx)
    return rule.gives, explained(rule, words)


def measure_by_metric(ctx: Context) -> tuple[str, dict[str, str]] | None:
    """The measure a [[by_metric]] row reads again once the metric is known (a price named 金价), or None."""
    found = first_rule("by_metric", ctx)
    return None if found is None else (found[0].gives, explained(*found))


def stated_comparison(ctx: Context) -> tuple[str, dict[str, str]] | None:
    """The comparison stated nearest before the figure (the one ending last; the earlier row on a tie)."""
    best = None
    for rule in rules("comparison"):
        hit = None
        for _name, test, argument in rule.conditions:
            hit = test(ctx, argument)
            if not hit:
                break
        if hit and (best is None or hit[0] > best[0]):
            best = (hit[0], rule, hit[1])
    return (best[1].gives, {"rule": best[1].id, "words": best[2]}) if best else None


def comparison_by_period(ctx: Context) -> tuple[str | None, dict[str, str]] | None:
    """The comparison a [[comparison_by_period]] row reads again once the period is known, or None."""
    found = first_rule("comparison_by_period", ctx)
    if found is None:
        return None
    gives = None if found[0].gives == NO_COMPARISON else found[0].gives
    return gives, explained(*found)


def comparison_of(ctx: Context) -> tuple[str | None, dict[str, str] | None]:
    """The stated comparison, else the first default row that applies (a growth rate is year on year)."""
    stated = stated_comparison(ctx)
    if stated:
        return stated
    found = first_rule("comparison_default", ctx)
    if found is None:
        return None, None
    return found[0].gives, explained(*found)
