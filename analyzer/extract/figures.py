"""Find every figure in a text and fill in its value, unit, qualifier, measure, comparison, metric and period.

Works on the normalized text (simplified characters, ASCII digits; same offsets as the original).
Word lists live in ``analyzer/rules/lexicon.toml``; number parsing in ``numbers.py``; time expressions in ``periods.py``;
the metric phrase in ``metrics.py``.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from analyzer.extract import lists, measures
from analyzer.extract.measures import nearest
from analyzer.extract.metrics import (clause_subject, find_metric_explained, long_enough, market_subject, paired_marks,
                                      tidy_metric, whole_words, without_figure)
from analyzer.extract.number_forms import (
    DASHES,
    NUM_AR,
    NUM_CN,
    NUMERAL_START,
    RANGE_JOINT,
    RANGE_SEP,
    SUB_DIGIT,
    ZERO_WIDTH,
    furniture_spans,
    is_capital,
    shared_low_end,
)
from analyzer.extract.numbers import (
    BIG_UNITS,
    CN_DIGITS,
    approximate_pair,
    fraction_word_value,
    is_vague,
    load_numerals,
    parse_number,
)
from analyzer.extract.periods import FigurePeriods, PeriodResolver, TimeSpan, period_to_pass_on
from analyzer.extract.places import assign_places
from analyzer import rulebook
from analyzer.rulebook import alternation, lexicon
from analyzer.records import Figure, Period, decimal_to_str
from analyzer.text import sentences
from analyzer.text.patterns import required_words
from analyzer.text.sentences import split_sentences

EQUALS_AFTER = rulebook.regex(r"\s?[=＝]")
# a number right after a letter and a dash or slash is part of a code: GB-2020, T/CSA-100
CODE_DASH = rulebook.regex(r"[A-Za-z][-/]")
# …but a dash after a unit written in letters right after a number opens a range's high end: 5kW-10kW, 60kW-100kW
UNIT_DASH = rulebook.regex(r"\d\s?[A-Za-z]{1,6}[-~～]$")
# a number right after a clock's hour (11:52, 10：30, 9时40) is its minutes
CLOCK = rulebook.regex(r"\d\s?(?:[:：]|时)$")
def _canonical(value: Decimal | None) -> Decimal | None:
    """35300000000000.0 → 35300000000000: the same number, written without trailing zeros or exponent."""
    return None if value is None else Decimal(decimal_to_str(value))


@dataclass
class Candidate:
    """A figure found in the text before its attributes are resolved."""
    start: int
    end: int
    value: Decimal
    unit: str
    value_high: Decimal | None = None
    qualifier: str | None = None
    counter: str | None = None
    per: str | None = None
    listed: bool = False  # a bare number that takes the unit of a later list item
    extra: dict = field(default_factory=dict)


def _multiplied(num: str) -> bool:
    """三十, 两千, 五百: a Chinese number with a multiplier is a count before any counter (三十多个国家, 两千余人),
    where 两个, 三人 are words; not two digits side by side that are no estimate (三五十个 is 30 to 50)."""
    side_by_side = any(a in CN_DIGITS and b in CN_DIGITS for a, b in zip(num, num[1:]))
    return len(num) > 1 and any(ch in "十百千拾佰仟" for ch in num) and \
        (not side_by_side or approximate_pair(num) is not None)


def _loose_digits(num: str) -> bool:
    """三五十: two Chinese digits side by side that are no estimate (七八 is one) say 30 to 50, no count."""
    side_by_side = any(a in CN_DIGITS and b in CN_DIGITS for a, b in zip(num, num[1:]))
    return side_by_side and approximate_pair(num) is None


def _takes_distant_word(other: Candidate, match) -> bool:
    """True when figure ``other`` keeps the qualifier word of a [[distant_qualifier]] match from the figure after
    it: ``other`` holds the word (约为7.3万亿元), follows it directly, or stands between it and the base's 的
    without being the base itself (总股本2.4亿股的 is the base)."""
    word_start, word_end = match.span("word")
    return other.start <= word_start < other.end or other.start in (word_end, word_end + 1) or \
        word_start < other.end < match.start("joint")


class _Near:
    """The figures of a text by start, sorted at the first ask: the figures that can take a distant qualifier's word
    (:func:`_takes_distant_word`) are read near its match, not all of a long document's for every match."""

    def __init__(self, found: list[Candidate]):
        self.found = found
        self.starts: list[int] | None = None

    def around(self, match) -> list[Candidate]:
        """A superset of the figures :func:`_takes_distant_word` can hold for: those starting from the longest
        figure's length before the word to the joint (or just after the word)."""
        if self.starts is None:
            self.by_start = sorted(self.found, key=lambda c: c.start)
            self.starts = [c.start for c in self.by_start]
            lengths = [c.end - c.start for c in self.found]
            self.longest = max(lengths, default=0) if min(lengths, default=0) >= 0 else None
        if self.longest is None:
            return self.found  # a figure that ends before it starts: no window holds
        word_start, word_end = match.span("word")
        low = bisect.bisect_left(self.starts, word_start - self.longest)
        high = bisect.bisect_right(self.starts, max(word_end + 1, match.start("joint")))
        return self.by_start[low:high]


@dataclass
class _Scan:
    """What one scan of a text knows beyond a single match: the currencies declared with 下同 (start, word)."""
    declared: list[tuple[int, str]]

    def currency_at(self, position: int) -> str | None:
        """The currency word a (港元，下同) declaration at or before ``position`` carries to it, else None."""
        word = None
        for start, money in self.declared:
            if start > position:
                break
            word = money
        return word

    def declared_at(self, position: int) -> bool:
        return any(start == position for start, _ in self.declared)




QUOTE_ENDS = ("", "，", ",", "。", "；", ";", "、", " ", "\n", "）", ")")  # what may follow a quoted level


def _member_place(text: str, sentence_start: int, figure_start: int, metric: str | None, listed) -> str | None:
    """The place of a listed figure's member (上海和北京…分别达到A和B: B is 北京's), read where its metric is last
    written before it (lists.member_place); None for any other figure (places.assign_places reads its place)."""
    at = text.rfind(metric, sentence_start, figure_start) if metric and listed else -1
    return lists.member_place(text, sentence_start, at, listed)


def _period_passed_on(previous: Figure | None) -> Period | None:
    """The period the figure before, in the same sentence, hands on (periods.period_to_pass_on)."""
    if previous is None:
        return None
    return period_to_pass_on(previous.period, (previous.explain.get("period") or {}).get("rule", ""))


# A stand-in publication date for a text that has none: only to find where its time expressions lie.
STAND_IN_DATE = "2000-01-01"


def naming_times(text: str, periods: FigurePeriods) -> list[TimeSpan]:
    """The time expressions that bound a figure's metric: the periods' own, or for a text with no publication
    date (finna and finnl give none), those a resolver finds with a stand-in date. Without a date, 1—11月, 上月,
    今年12月 resolve to no period and were kept inside names (1—11月全市规模以上工业企业利润); where they lie does
    not depend on the date. A month that names a futures contract is part of the name (contract-month-words).
    The figures' periods still come from ``periods`` alone."""
    if periods.published is not None:
        times = periods.times
    else:  # 年内, 年初至今, 自…以来 inside a name are the debris rows' (metric.toml undated-kinds-left-inside)
        times = [span for span in PeriodResolver(STAND_IN_DATE).find(text)
                 if span.kind not in _left_inside() and not _comparison_base(text, span.start)]
    return [span for span in times if not (text.endswith(("月", "月份"), span.start, span.end)
                                           and _contract_month().match(text, span.end))]


def _comparison_base(text: str, start: int) -> bool:
    """相较于去年年底也暴涨: a time right after a comparison word is the base compared with, left inside the name for
    the comparison rules, as before undated items had times (metric.toml undated-kinds-left-inside)."""
    return text.endswith(tuple(rulebook.rows("metric", "undated_kinds")[0]["comparison_words"]), 0, start)


@functools.cache
def _left_inside() -> frozenset[str]:
    return frozenset(rulebook.rows("metric", "undated_kinds")[0]["kinds"])


@functools.cache
def _contract_month() -> re.Pattern:
    """WTI 2月原油期货, 3月交割的…期货: the words after a month that make it a contract's (metric.toml
    contract-month-words)."""
    words = next(row["words"] for row in rulebook.rows("metric", "words") if row["id"] == "contract-month-words")
    return re.compile(r"[^，,。；;、\s]{0,8}?(?:%s)" % "|".join(map(re.escape, words)))

GATE_WORDS = 8  # a gate of more words costs more ``in`` tests than the scan it would skip


@functools.cache  # keyed by the pattern's source, whose hash is kept: a compiled pattern hashes its whole code
def _gate(source: str, flags: int) -> frozenset[str] | None:
    """Words of which every match of a finder's pattern holds one (翻 for 翻倍, 分之 or 成 for fractions), when
    there are few: most texts hold no 翻, and a finder that opens on common qualifiers (约, 超, 近) is spared its
    scan of the whole text (issue 17: the word-figure rows' 14 scans were 3% of the analysis, for 30 matches in 300
    articles)."""
    words = required_words(rulebook.regex(source, flags))
    return words if words and len(words) <= GATE_WORDS else None


def _may_match(pattern: re.Pattern, text: str) -> bool:
    """False when ``text`` holds none of the words every match of ``pattern`` holds, so it has no match."""
    gate = _gate(pattern.pattern, pattern.flags)
    return gate is None or any(word in text for word in gate)


class FigureExtractor:
    """Build once (compiles the patterns), then call per document."""

    def __init__(self):
        lex = self.lexicon = lexicon()
        self.rules = rulebook.load("real_text")
        q = lex["qualifiers"]
        self.qualifier_before = {w: "approx" for w in q["approx_before"]} | {w: "over" for w in q["over_before"]} | \
            {w: "under" for w in q["under_before"]}
        self.qualifier_after = {w: "approx" for w in q["approx_after"]} | {w: "over" for w in q["over_after"]} | \
            {w: "under" for w in q["under_after"]}
        self.units = dict(lex["currencies"]) | dict(lex["ratio_units"])
        self.unit_factors = {w: Decimal(f) for w, f in lex["unit_factors"].items()}
        self.sub_units = {w: Decimal(f) for w, f in lex["money_sub_units"].items()}
        self.other_currencies = dict(lex["other_currencies"])
        self.currency_symbols = dict(lex["currency_symbols"])
        self.currency_signs = "".join(w for w in self.currency_symbols if len(w) == 1)  # $ ￥ ¥ € £
        self.scales = {k: Decimal(v) for k, v in lex["scales"].items()}
        counters = lex["counters"]
        self.counters = set(counters["words"])
        self.arabic_only_counters = set(counters["arabic_only"]) - set(counters.get("chinese_too", ()))
        self.refer_before = tuple(counters.get("refer_before", ()))
        self.not_cardinal = frozenset(counters.get("not_cardinal", ()))
        self.rank_before = frozenset(counters.get("rank_before", ()))
        self.single_numeral_money = frozenset(lex["not_figures"].get("single_numeral_money", ()))
        self.few_only_counters = frozenset(counters.get("few_only", ()))
        self.scaled_only_units = frozenset(lex["other_units"].get("scaled_only", ()))
        self.money_after = tuple(lex["money_context"]["after"])
        self.stock_words = measures.words_of("stock-metric-words")
        self.not_after_ordinal = tuple(lex["not_figures"]["ordinals"])
        self.exponent_marks = tuple(lex["not_figures"].get("exponent_marks", ()))
        self.node_units = frozenset(lex["not_figures"].get("node_units", ()))
        self.node_words = rulebook.regex(alternation(lex["not_figures"].get("node_words", ()) or ["$^"]))
        self.numbered_names = rulebook.regex(
            rf"(?:{alternation(lex['not_figures'].get('numbered_names', ()) or ['$^'])})(?![\d.])")
        self.counted_points = frozenset(lex["points"].get("counted", ()))
        self.age_statistic = rulebook.regex(alternation(lex["ages"]["statistic_words"]))  # real_text.toml age rows
        self._compile_vocabulary(lex["not_figures"], lex["signs"])
        self._compile_patterns(lex)
        self._compile_quotes(lex["market_quotes"])
        self._compile_bare_levels(lex["bare_levels"])
        self._compile_measured_times(lex["measured_time"])
        self.sentence_dated_units = frozenset(lex["sentence_dated"]["units"])
        self.distant_qualifiers = [
            (rulebook.regex(rf"(?P<word>{alternation(row['words'])})[^，。；;：:\n]{{{row.get('least', 1)},{row['reach']}}}?"
                            rf"(?P<joint>{alternation(row['joints'])})\s?$"), row["qualifier"])
            for row in self.rules.get("distant_qualifier", ())]

    def _compile_vocabulary(self, words: dict, signs: dict) -> None:
        """The word patterns of lexicon.toml [not_figures] and [signs] (the decline-change words)."""
        self.per = rf"(?:/(?:{alternation(words['per_units'])}))"
        self.point_not_after = rulebook.regex(f"[{re.escape(''.join(words['point_not_after']))}]")
        self.quote_base = rulebook.regex(rf"\s*(?:{alternation(words['quote_joints'])})"
                                         rf"(?:{alternation(words['quote_currencies'])})")
        # 1美元兑150日元: a unit amount before a joint and a number is the base of a quote
        self.quote_base_amounts = frozenset(words.get("quote_base_amounts", ()))
        self.quote_base_numbered = rulebook.regex(rf"\s*(?:{alternation(words['quote_joints'])})\s?\d")
        self.decline_change = rulebook.regex(rf"(?:{alternation(signs['decline_words'])})[^，。；]{{0,6}}?"
                                             rf"(?P<verb>{alternation(signs['decline_narrowing'] + signs['decline_widening'])})$")
        self.decline_widening = tuple(signs["decline_widening"])
        self.sign_hedges = rulebook.regex(rf"(?:{alternation(signs['hedges'])}|[ 约近超逾达为了])+$")
        self.result_nouns = tuple(signs["result_loss_nouns"])
        self.prior_loss = tuple(signs.get("prior_loss", ()))
        self.result_loss = rulebook.regex(rf"(?:{alternation(signs['result_loss_nouns'])})(?:预计|将|约|或|为)*亏损了?$")
        # an exchange rate quoted without 元 (中间价报7.1772, 即期汇率收报 7.157 0): a CNY rate; PBOC pages group decimals
        self.bare_rate = rulebook.regex(rf"(?:{alternation(words['rate_words'])})[^，。；\d]{{0,12}}?"
                                        rf"(?:{alternation(words['rate_verbs'])})\s?"
                                        r"(?P<num>\d{1,2}\.\d{2,4}(?: \d{1,3})?)(?![\d%万亿元])")

    def _compile_quotes(self, quotes: dict) -> None:
        """日经225指数48489.02, 美元指数突破99, 欧元/美元下跌0.2%至1.1607: a bare level after an index or a currency
        pair, up to ten characters after the name (real_text.toml market-quote rows); not a date, term or count.
        The move may go on in one more clause when a verb joins the level (美元兑日元短线拉升，现涨至153)."""
        firsts = re.escape("".join(sorted({name[0] for name in quotes["names"]})))
        self.pair_joints = tuple(quotes.get("pair_joints", ()))
        self.priced_in = self.lexicon["bare_levels"].get("priced_in", {})  # currency → the subjects priced in it
        self.priced_names = {w for words in self.priced_in.values() for w in words}
        move = r"\d+(?:\.\d+)?(?:%|个?点)"  # 涨0.5%, 短线走高15点: a move between the name and the level
        self.bare_quote = rulebook.regex(
            rf"(?=[{firsts}])(?P<name>{alternation(quotes['names'])})(?:[^，,。；;：:\d\s]|{move}){{0,10}}?"
            rf"(?P<comma>，(?:[^，,。；;：:\d\s]|{move}){{0,8}}?)?"
            rf"(?P<qb>{alternation(quotes['verbs'])})?\s?(?<![A-Za-z])(?P<num>\d{{1,6}}(?:\.\d{{1,4}})?)"
            r"(?![\d.,%％万亿千百元点个年月日号时天周期倍股只家条美港欧英镑升/A-Za-z指–—-])")

    def _compile_bare_levels(self, levels: dict) -> None:
        """日元跌破163关口, 持平于101.4附近, 逼近150这一关键水平: a bare number before a landmark word (关口, 大关) or
        a position word (附近, 上方) is a market level with no name needed (real_text.toml bare-level rows)."""
        qual_before = alternation(self.qualifier_before)
        firsts = re.escape("".join(sorted({w[0] for w in self.qualifier_before})))
        self.bare_level = rulebook.regex(
            rf"(?=[{firsts}\d])(?P<qb>{qual_before})?(?<![\d.,A-Za-z/第-])(?P<num>\d{{1,6}}(?:\.\d{{1,4}})?)"
            rf"(?:(?P<qa>{alternation(levels['near'])})|(?={alternation(levels['landmarks'])}))")

    def _bare_levels(self, text: str, taken: bytearray) -> list[Candidate]:
        """The levels of ``_compile_bare_levels`` not already in a figure: unit other, 附近 → approx."""
        found = []
        for match in self.bare_level.finditer(text):
            start = match.start("qb") if match.group("qb") else match.start("num")
            if any(taken[start:match.end()]):
                continue
            unit = self._level_currency(text, start)  # a level in a currency is a price, read as a quote (rate)
            found.append(Candidate(start, match.end(), parse_number(match.group("num")), unit, None,
                                   self._qualifier(match), per="quote" if unit != "other" else None))
            taken[start:match.end()] = b"\x01" * (match.end() - start)
        return found

    def _level_currency(self, text: str, position: int) -> str:
        """The unit of a bare level: the currency its subject is priced in, named earlier in its sentence (日元 → JPY,
        人民币 → CNY, 原油/黄金/比特币 → USD; real_text.toml bare-level-currency rows): the one named last before it
        wins, and an index named last (美元指数) or none gives other."""
        sentence = text[max(0, position - 60):position]
        sentence = sentence[max(sentence.rfind(mark) for mark in "。！？\n") + 1:]
        named = [(max(sentence.rfind(word) for word in words), unit) for unit, words in self.priced_in.items()]
        position, unit = max(named, default=(-1, "other"))  # the subject named last, nearest the level
        return unit if position >= 0 else "other"

    def _compile_measured_times(self, words: dict) -> None:
        """仅需40分钟, 平均任期约为1368天: a time after a word that measures how long (real_text.toml measured-time
        rows) is a measured time, unit other; a limit closed by 内 stays a duration."""
        self.measured_time = rulebook.regex(
            rf"(?:{alternation(words['before'])})(?P<hedge>{alternation(words['hedges'])}){{0,2}}"
            rf"(?P<num>{NUM_AR}|{NUM_CN})(?P<unit>{alternation(words['units'])})(?!内|之内|以内)"
            rf"(?P<qa>{alternation(self.qualifier_after)})?")

    def _measured_times(self, text: str, taken: bytearray) -> list[Candidate]:
        found = []
        for match in self.measured_time.finditer(text):
            hedge = match.group("hedge")
            start = match.start("hedge") if hedge in self.qualifier_before else match.start("num")
            if any(taken[start:match.end()]) or self._is_event_length(text, match.start(), match.end()):
                continue
            try:
                value = parse_number(match.group("num"))
            except ValueError:
                continue
            unit = match.group("unit")
            qualifier = self.qualifier_after.get(match.group("qa") or "") or self.qualifier_before.get(hedge or "")
            found.append(Candidate(start, match.end(), value, "other", None, qualifier,
                                   unit[1:] if unit.startswith("个") else unit))
            taken[start:match.end()] = b"\x01" * (match.end() - start)
        return found

    def _bare_quotes(self, text: str, taken: bytearray) -> list[Candidate]:
        """The quoted levels of ``_compile_quotes`` not already in a figure: unit other, 突破 → over."""
        found = []
        for match in self.bare_quote.finditer(text):
            start = match.start("qb") if match.group("qb") in self.qualifier_before else match.start("num")
            if any(taken[start:match.end("num")]) or text[start - 1:start] == "第" or \
                    (not match.group("qb") and (match.group("comma") or
                                                text[match.end():match.end() + 1] not in QUOTE_ENDS)):
                continue  # 纳指100止跌, 分项指数5升1平: without a verb the number must close its phrase
            qualifier = self.qualifier_before.get(match.group("qb") or "")
            # a pair's level in the next clause: the measure rules see only that clause, so the finder marks the price
            pair = match.group("comma") and any(joint in match.group("name") for joint in self.pair_joints)
            priced = match.group("name") in self.priced_names  # 黄金失守1800 is in dollars; pairs stay other
            unit = self._level_currency(text, start) if priced else "other"
            found.append(Candidate(start, match.end("num"), parse_number(match.group("num")), unit, None, qualifier,
                                   per="quote" if pair or unit != "other" else None))
        return found

    def _compile_patterns(self, lex: dict) -> None:
        """The regexes of the finder; each opens with a lookahead on its possible first characters, which lets
        the regex engine skip most positions of a text at once. Numbers inside them are bounded (number_forms)."""
        counters = lex["counters"]
        money = alternation([*lex["currencies"], *lex["other_currencies"]])
        scale = alternation(lex["scales"])
        qual_before = alternation(self.qualifier_before)
        qual_after = alternation(self.qualifier_after)
        sub_units = rf"(?:(?P<jiao>{SUB_DIGIT})[角毛])?(?:零?(?P<fen>{SUB_DIGIT})分(?!钟))?(?P<zheng>整(?![\u4e00-\u9fff]))?"
        unit = (rf"(?P<money>{money}){self.per}?{sub_units}|(?P<ratio>{alternation(lex['ratio_units'])})"
                rf"|(?P<subunit>角|毛(?!利))钱?(?:(?P<fen2>{SUB_DIGIT})分(?!钟))?"
                rf"|(?P<other>{_other_units(lex)})"
                rf"|(?P<count>{alternation(counters['words'])})(?!{alternation(counters['not_before'])})")
        number = rf"(?P<sign>[-−]|(?<!正)负)?(?P<num>{NUM_AR}|{NUM_CN})"
        starts = re.escape("".join(sorted({w[0] for w in self.qualifier_before})))
        self.figure_pattern = rulebook.regex(
            rf"(?=[{starts}\-−负数\d{NUMERAL_START}])(?:(?P<qb>{qual_before})(?:[\s{ZERO_WIDTH}](?=[\d{NUMERAL_START}]))?)?{number}\s?(?P<mid>多|余)?\s?"
            rf"(?P<scale>{scale})?(?P<tail>(?<=[万亿兆])(?:\d,\d{{3}}|\d{{1,4}})(?:[千百]|万|亿)?(?![\d.]))?(?P<mid2>多|余)?"
            rf"(?:个?(?P<sep>{RANGE_SEP})\s?(?P<sign2>[-−])?(?P<num2>{NUM_AR}|{NUM_CN})\s?(?P<scale2>{scale})?)?"
            rf"\s?(?:{unit})"
            # 3%-5%, 1个百分点至2个百分点: the high end repeats the unit; 下调0.25个百分点至2.5% is a move and a level
            rf"(?:(?<=%){RANGE_SEP}(?P<num3>{NUM_AR})\s?%|(?<=个百分点){RANGE_SEP}(?P<num3p>{NUM_AR})\s?个百分点)?"
            rf"(?:(?!{alternation(lex['qualifiers'].get('not_words', ()))})(?P<qa>{qual_after}))?")
        self.bare_scale_pattern = rulebook.regex(
            rf"(?=[{starts}\d])(?P<qb>{qual_before})?(?P<num>{NUM_AR})\s?(?P<mid>多|余)?(?P<scale>万亿|亿|万|兆)"
            rf"(?P<mid2>多|余)?(?P<qa>{qual_after})?(?![A-Za-z])")  # 27万OpenClaw is no money
        self._compile_fractions(starts, qual_before, qual_after)
        symbols = alternation(self.currency_symbols)
        symbol_starts = re.escape("".join(sorted({w[0] for w in self.currency_symbols})))
        self.symbol_pattern = rulebook.regex(
            rf"(?=[{symbol_starts}])(?<![A-Za-z])(?P<symbol>{symbols})\s?(?P<sign>[-−])?(?P<num>{NUM_AR})\s?"
            rf"(?P<scale>{scale})?(?P<money>{money})?(?P<qa>{qual_after})?(?![\d个年月日天周期%])")  # not 人民币6个月
        self.money_label_pattern = rulebook.regex(
            rf"(?=[{''.join(sorted({w[0] for w in lex['money_labels']['words']}))}])"
            rf"(?:{alternation(lex['money_labels']['words'])})[为是：:\s]{{0,2}}(?P<num>{NUM_AR})"
            rf"(?!\s?[万亿千百兆%])")
        self._compile_scale_only(lex, money, qual_before, qual_after)
        self._compile_grade_counts(lex)
        self._compile_scale_after_money(lex, qual_before, qual_after)
        self._compile_word_rows(qual_before, qual_after, starts)
        self.written_money = rulebook.regex(rf"(?<=[\d万亿千百十])\s?(?P<money>{money})")
        self.currency_window = int(lex["money_context"].get("currency_window", ["300"])[0])
        self.half_pattern = rulebook.regex(rf"(?:{alternation(lex['half']['verbs'])})(?P<qb>{qual_before})?(?P<half>一半)")
        self.half_of_pattern = rulebook.regex(rf"(?:{alternation(lex['half']['of'])})[^，。；,;]{{0,24}}?的"
                                              rf"(?P<qb>{qual_before})?(?P<half>一半)")
        self.declared_currency = rulebook.regex(
            rf"[（(]\s?(?:单位[：:]\s?)?(?P<money>{money})\s?[，,、]\s?下同\s?[）)]")
        self.money_context = rulebook.regex(alternation(lex["money_context"]["words"]))
        self.cue_pattern = rulebook.regex(alternation(sorted({*lex["measures"]["growth"], *lex["measures"]["share"],
                                                           *lex["signs"]["level"], *lex["signs"]["down"]})))

    def _compile_fractions(self, starts: str, qual_before: str, qual_after: str) -> None:
        """The fraction finder: 百分之五, 千分之三, 3成, 七成六, 五分之一, and 1/3 written with a slash where a part of a
        whole is meant (numerals.toml [slash_fractions])."""
        not_cheng = re.escape("".join(load_numerals()["cheng"]["not_after"]))
        cheng = (rf"(?:{NUM_AR}|(?<![{NUMERAL_START}百千万亿])[一二两三四五六七八九十](?:点[{NUMERAL_START}]{{1,6}})?)成"
                 rf"(?:半|[一二三四五六七八九](?!成))?(?![{not_cheng}])|半成(?![{not_cheng}])")
        fractions = alternation(load_numerals()["fraction_words"])
        small = "一二两三四五六七八九十"  # 五分之一, 三分之二, 10分之1: a common fraction, not 百分之 (a fraction word)
        common_fraction = (rf"(?<![{NUMERAL_START}百千万\d])(?:[{small}]{{1,3}}|\d{{1,3}})"
                           rf"{load_numerals()['common_fractions']['joint']}(?:[{small}]{{1,3}}|\d{{1,3}})(?![{small}百千万\d]|多数)")
        slash = load_numerals()["slash_fractions"]
        slash_fraction = (rf"(?:{'|'.join(f'(?<={re.escape(w)})' for w in slash['after_words'])})"
                          rf"[1-9]/(?:1\d|20|[2-9])(?![\d/.A-Za-z%]|{alternation(slash['not_before'])})")
        self.fraction_pattern = rulebook.regex(
            rf"(?=[{starts}百千万半\d{NUMERAL_START}])(?P<qb>{qual_before})?"
            rf"(?P<frac>(?:{fractions})(?:百(?!分)|{NUM_AR}|{NUM_CN})|{cheng}|{common_fraction}|{slash_fraction})"
            rf"(?P<qa>{qual_after})?")

    def _compile_word_rows(self, qual_before: str, qual_after: str, starts: str) -> None:
        """The finders of real_text.toml's [[word_figure]] rows (翻倍, 过半) and [[bare_count]] rows (非农就业人数意外减少
        2.3万, 约700万失业人口: a bare scaled number that counts people)."""
        self.word_figures = [self._compile_word_figure(row, qual_before, qual_after)
                             for row in self.rules.get("word_figure", ())]
        self.bare_counts = tuple(self.rules.get("bare_count", ()))
        self.bare_count_pattern = rulebook.regex(
            rf"(?=[{starts}\d])(?P<qb>{qual_before})?(?P<num>{NUM_AR})\s?(?P<scale>万亿|亿|万)(?P<qa>{qual_after})?"
            r"(?![\dA-Za-z.])")

    def _compile_word_figure(self, row: dict, qual_before: str, qual_after: str) -> tuple:
        """(pattern, builder) of a [[word_figure]] row of real_text.toml: a word that is a number (翻倍, 过半), with a
        qualifier written before or after it."""
        firsts = re.escape("".join(sorted({w[0] for w in self.qualifier_before} | set(row.get("starts", "")))))
        opening = rf"(?=[{firsts}])" if row.get("starts") else ""  # lets the engine skip most positions at once
        pattern = rulebook.regex(rf"{opening}(?P<qb>{qual_before})?(?P<word>{row['pattern']})(?P<qa>{qual_after})?")
        return pattern, functools.partial(self._from_word_figure_match, row)

    def _from_word_figure_match(self, row: dict, text: str, match, scan: _Scan) -> Candidate:
        """翻倍 → 2 times, 超过半数 → 50 percent over: the row's value and unit; a written qualifier wins over the row's.
        A row whose pattern names a ``counter`` group (上百家, 近千座) takes the counter written there."""
        start, end = self._span(text, match)
        return Candidate(start, end, Decimal(row["value"]), row["unit"], None,
                         self._qualifier(match) or row.get("qualifier"),
                         match.groupdict().get("counter") or row.get("counter"))

    def _compile_scale_only(self, lex: dict, money: str, qual_before: str, qual_after: str) -> None:
        """突破万亿元, 超千亿元, 千亿级资金支持: a scale word with no digit before it (real_text.toml scale-only rows).
        Money needs a currency after the scale, or a grade (级) and a money noun within four characters."""
        words = lex["scale_only"]
        self.qualified_scales = frozenset(words.get("qualified_scales", ()))
        firsts = re.escape("".join(sorted({w[0] for w in [*self.qualifier_before, *words["scales"],
                                                          *self.qualified_scales]})))
        numeral_before = re.escape(NUMERAL_START + "百千万亿兆0123456789.,，")
        self.scale_only_pattern = rulebook.regex(
            rf"(?=[{firsts}])"
            rf"(?P<qb>{qual_before})?(?<![{numeral_before}])"
            # the rows' lists, not the set: an alternation in a set's order would change with the hash seed
            rf"(?P<scale>{alternation([*words['scales'], *words.get('qualified_scales', ())])})"
            rf"(?:(?P<money>{money})(?P<grade>{alternation(words['grades'])})?(?P<qa>{qual_after})?"
            rf"|(?P<grade2>{alternation(words['grades'])})(?=[^，。；,;]{{0,4}}?(?:{alternation(words['money_after'])})))")

    def _compile_grade_counts(self, lex: dict) -> None:
        """万辆级, 百万吨级, 千人级: a scale word, a counter or unit and 级 with no digit before it is a grade of that
        many (real_text.toml grade-counts): the value is the scale, qualifier over as for 千亿级资金."""
        words = lex["scale_only"]
        numeral_before = re.escape(NUMERAL_START + "百千万亿兆0123456789.,，")
        units = [*lex["counters"]["words"], *lex["other_units"]["words"]]
        self.grade_count_pattern = rulebook.regex(
            rf"(?=[{re.escape(''.join(sorted({w[0] for w in words['grade_scales']})))}])(?<![{numeral_before}])"
            rf"(?P<scale>{alternation(words['grade_scales'])})(?P<unit>{alternation(units)})"
            rf"(?:{alternation(words['grades'])})")

    def _compile_scale_after_money(self, lex: dict, qual_before: str, qual_after: str) -> None:
        """市值重回万亿, 估值超百亿, 规模突破千亿: a scale word with no digit and no currency, a few characters after a
        money noun (real_text.toml scale-after-money-noun)."""
        words = lex["scale_only"]
        self.scale_after_money = rulebook.regex(
            rf"(?:{alternation(words['money_before'])})[^，。；,;\d]{{0,4}}?(?P<qb>{qual_before})?"
            rf"(?<![{re.escape(NUMERAL_START + '百千万亿兆')}])(?P<scale>{alternation(words['scales'])})"
            rf"(?P<qa>{qual_after})?(?![\d{re.escape(''.join(words['not_after_bare']))}])")

    def _from_scale_after_money(self, text: str, match, scan: _Scan) -> Candidate | None:
        unit, currency = self._money_unit(scan.currency_at(match.start()) or self._currency_before(text, match.start()))
        start = match.start("qb") if match.group("qb") else match.start("scale")
        candidate = Candidate(start, match.end(), self.scales[match.group("scale")], unit, None, self._qualifier(match))
        if currency:
            candidate.extra["currency"] = currency
        return candidate

    def _from_grade_count_match(self, text: str, match, scan: _Scan) -> Candidate | None:
        unit = match.group("unit")
        kind = "count" if unit in self.counters else "other"
        return Candidate(match.start(), match.end(), self.scales[match.group("scale")], kind, None, "over", unit)

    def _from_scale_only_match(self, text: str, match, scan: _Scan) -> Candidate | None:
        if not match.group("qb") and match.group("scale") in self.qualified_scales:
            return None  # 超亿元 is an amount, a bare 万元 a unit (real_text.toml scale-only-qualified)
        unit, currency = self._money_unit(match.group("money") or scan.currency_at(match.start())
                                          or self._currency_before(text, match.start()))
        start, end = self._span(text, match)
        graded = match.group("grade") or match.group("grade2")
        candidate = Candidate(start, end, self.scales[match.group("scale")], unit, None,
                              self._qualifier(match) or ("over" if graded else None))
        if currency:
            candidate.extra["currency"] = currency
        return candidate

    # -- finding ---------------------------------------------------------------------------------------
    def _taken_at_start(self, text: str) -> bytearray:
        """The characters no figure may hold: URLs and stock-quote tuples, and names that hold a number (三桶油,
        标普500; real_text.toml numbered-names)."""
        taken = bytearray(len(text))
        spans = [*furniture_spans(text), *((m.start(), m.end()) for m in self.numbered_names.finditer(text))]
        for start, end in spans:
            taken[start:end] = b"\x01" * (end - start)
        return taken

    def find_candidates(self, text: str) -> list[Candidate]:
        """Every figure of ``text`` before its attributes are resolved; linear in the length of the text."""
        found: list[Candidate] = []
        taken = self._taken_at_start(text)
        scan = _Scan([(m.start(), m.group("money")) for m in self.declared_currency.finditer(text)])
        for pattern, build in ((self.figure_pattern, self._from_figure_match),
                               (self.symbol_pattern, self._from_symbol_match),
                               (self.fraction_pattern, self._from_fraction_match),
                               (self.half_pattern, self._from_half_match),
                               (self.half_of_pattern, self._from_half_match),
                               *self.word_figures,
                               (self.bare_scale_pattern, self._from_bare_scale_match),
                               (self.scale_only_pattern, self._from_scale_only_match),
                               (self.grade_count_pattern, self._from_grade_count_match),
                               (self.scale_after_money, self._from_scale_after_money),
                               (self.money_label_pattern, self._from_money_label_match),
                               (self.bare_count_pattern, self._from_bare_count_match)):
            if not _may_match(pattern, text):
                continue
            for match in pattern.finditer(text):
                if any(taken[match.start():match.end()]):
                    continue
                candidate = build(text, match, scan)
                if candidate:
                    found.append(candidate)
                    taken[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
        rates = self.bare_rate.finditer(text) if _may_match(self.bare_rate, text) else ()
        for match in rates:  # 人民币对美元中间价报7.1772, 较上一交易日的7.1812
            if not any(taken[match.start("num"):match.end("num")]):
                value = parse_number(match.group("num").replace(" ", ""))
                found.append(Candidate(match.start("num"), match.end("num"), value, "CNY", per="quote"))
                taken[match.start("num"):match.end("num")] = b"\x01" * (match.end("num") - match.start("num"))
        found.extend(self._bare_levels(text, taken))  # first: 日元跌破163关口 is a level in yen, not a bare quote
        found.extend(self._bare_quotes(text, taken))
        found.extend(self._measured_times(text, taken))
        found.sort(key=lambda c: c.start)
        found = [c for c in self._merge_ranges(text, found) if not self._is_process_node(text, c)]
        self._distant_qualifiers(text, found)
        return self._add_list_members(text, found)

    def _is_process_node(self, text: str, candidate: Candidate) -> bool:
        """采用台积电3纳米制程工艺: N纳米 in a sentence about chip making names a process node, no length
        (real_text.toml process-node-unit)."""
        if candidate.counter not in self.node_units:
            return False
        start = sentences.sentence_start(text, candidate.start, floor=max(0, candidate.start - 80))
        end = sentences.sentence_end(text, candidate.end, ceiling=candidate.end + 80)
        return self.node_words.search(text, start, end) is not None

    def _distant_qualifiers(self, text: str, found: list[Candidate]) -> None:
        """约占公司总股本的2.92%, 不低于均价的80%: a qualifier before the base of a share or multiple qualifies it
        (real_text.toml [[distant_qualifier]]). Only a figure that is the base itself (总股本2.4亿股的) may stand
        between; a figure that holds or follows the qualifier word owns it instead."""
        near = _Near(found)
        for candidate in found:
            if candidate.qualifier is not None:
                continue
            clause_start = sentences.clause_start(text, candidate.start, lists=False)
            for pattern, qualifier in self.distant_qualifiers:
                match = pattern.search(text, clause_start, candidate.start)
                if match and not any(_takes_distant_word(other, match) for other in near.around(match)
                                     if other is not candidate):
                    candidate.qualifier = qualifier
                    break

    def _merge_ranges(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """35.00亿元-40.00亿元, 21.73亿-26.73亿, 1万元--5万元: two figures joined by a range sign are one range;
        a dash between them is never a minus sign (but -1630万元到-1130万元 keeps both signs)."""
        out: list[Candidate] = []
        for candidate in found:
            last = out[-1] if out else None
            if last is not None and self._joins_range(text, last, candidate):
                last.value_high = -candidate.value if self._dash_as_sign(text, last, candidate) else candidate.value
                last.end = candidate.end
                last.qualifier = "range"
                continue
            out.append(candidate)
        return out

    def _dash_as_sign(self, text: str, last: Candidate, candidate: Candidate) -> bool:
        """1万元--5万元: the figure after the first dash starts with the second, read as a minus."""
        joint = text[last.end:candidate.start]
        return candidate.value < 0 and text[candidate.start] in DASHES and not any(ch in joint for ch in "至到")

    def _joins_range(self, text: str, last: Candidate, candidate: Candidate) -> bool:
        if last.unit != candidate.unit or last.value_high is not None or last.listed or \
                (last.unit == "other" and last.counter != candidate.counter):
            return False  # 30kW至2MW: two measures, not one range
        joint = text[last.end:candidate.start]
        if "-" in joint and EQUALS_AFTER.match(text, candidate.end):
            return False  # 10220亿美元 - 2308亿美元 = 7912亿美元 is a subtraction
        has_sep = any(ch in joint for ch in DASHES + "至到")
        dash_as_sign = candidate.value < 0 and text[candidate.start] in DASHES
        return bool(RANGE_JOINT.fullmatch(joint)) and (has_sep or dash_as_sign) and \
            not self._is_move_then_level(text, last, candidate)

    def _is_move_then_level(self, text: str, last: Candidate, candidate: Candidate) -> bool:
        """上升48亿元至1.72万亿元: after a move verb, an amount and one many times larger are the change and the
        level it reached (real_text.toml, move-then-level), not the two ends of a range."""
        ranges = self.rules.get("ranges", {})
        verbs = self.lexicon.get("ranges", {}).get("move_verbs", ())
        if not verbs or last.value <= 0 or not text.endswith(tuple(verbs), 0, last.start):
            return False
        return candidate.value >= last.value * Decimal(ranges.get("move_level_ratio", "10"))

    def _qualifier(self, match) -> str | None:
        groups = match.groupdict()
        if groups.get("sep") or groups.get("num3") or groups.get("num3p"):
            return "range"
        for group, table in (("qa", self.qualifier_after), ("qb", self.qualifier_before)):
            word = groups.get(group)
            if word:
                return table[word]
        if groups.get("mid") or groups.get("mid2") or is_vague(groups.get("num") or ""):
            return "over"
        return None

    def _span(self, text: str, match) -> tuple[int, int]:
        start, end = match.start(), match.end()
        while end > start and text[end - 1] == " ":
            end -= 1
        return start, end

    def _is_excluded(self, text: str, start: int, number_start: int) -> bool:
        before = text[max(0, number_start - 1):number_start]
        if text.endswith(self.not_after_ordinal, 0, number_start) or (before and (before.isascii() and before.isalnum())):
            return True  # ordinals, weekdays (周三股价), codes such as A股 or MLF1
        if CLOCK.search(text, max(0, number_start - 3), number_start):
            return True  # 于11:52起飞, 当日10：30起复牌
        if self._is_exponent(text, number_start):
            return True  # 1.2E+5元, 2.5×10^3亿元 (real_text.toml exponent-is-no-figure)
        return CODE_DASH.match(text, max(0, number_start - 2), number_start) is not None  # GB-2020, T/CSA-100

    def _is_exponent(self, text: str, number_start: int) -> bool:
        """The number at ``number_start`` follows a digit and an exponent mark (e, E, ^), a sign between or not."""
        at = number_start - 1 if number_start and text[number_start - 1] in "+-−" else number_start
        return any(text.endswith(mark, 0, at) and text[at - len(mark) - 1:at - len(mark)].isdigit()
                   for mark in self.exponent_marks)

    def _not_a_figure(self, text: str, match) -> bool:
        """Numbers that the figure pattern matches but are no figure (the first check that holds says why)."""
        return any(check(text, match) for check in (
            self._is_quote_base, self._is_per_count, self._is_code_or_ordinal, self._is_date, self._after_currency_sign,
            self._is_duration, self._is_bare_capital, self._is_age_no_figure))

    def _is_quote_base(self, text: str, match) -> bool:
        """1美元对人民币6.8209元, 1美元兑150日元: the 1美元 is the base of a quote, not a figure."""
        return self.quote_base.match(text, match.end()) is not None or (
            match.group("num") in self.quote_base_amounts and self.quote_base_numbered.match(text, match.end()) is not None)

    def _is_per_count(self, text: str, match) -> bool:
        """每10股派现308.76元: the 10股 is the unit of a dividend, not a count."""
        return text[match.start() - 1:match.start()] == "每" and bool(match.group("count"))

    def _is_code_or_ordinal(self, text: str, match) -> bool:
        if self._is_exponent(text, match.start("num")):
            return True  # 3e-2%: the dash is the exponent's sign, not a range's (exponent-is-no-figure)
        if match.group("sign") and UNIT_DASH.search(text, max(0, match.start("num") - 10), match.start("num")):
            return False  # 5kW-10kW: the dash after a unit in letters joins a range (real_text.toml, unit-data-power)
        return self._is_excluded(text, match.start(), match.start("num") - len(match.group("sign") or ""))

    def _is_date(self, text: str, match) -> bool:
        """12月30日圆满完成: a date, not 30 yen."""
        return text[match.start() - 1:match.start()] == "月" and (match.group("money") or "").startswith("日")

    def _after_currency_sign(self, text: str, match) -> bool:
        """HK$3亿股份: the symbol makes it money (the symbol pattern reads it)."""
        return bool(match.start()) and text[match.start() - 1] in self.currency_signs

    def _is_bare_capital(self, text: str, match) -> bool:
        """Capital numerals outside money: 陆家嘴 is no count."""
        capital = is_capital(match.group("num") + (match.group("num2") or ""))
        return capital and not (match.group("money") or match.group("subunit"))

    def _is_duration(self, text: str, match) -> bool:
        """过去24小时, 未来48小时内 (real_text.toml, duration-window): a time unit opened by a window word or closed
        by 内 is a duration, which the spec never counts as a figure."""
        durations = self.lexicon["durations"]
        if match.group("other") not in durations["units"]:
            return False
        return text.endswith(tuple(durations["before"]), 0, match.start()) or \
            text.startswith(tuple(durations["after"]), match.end()) or \
            self._is_event_length(text, match.start(), match.end())

    def _is_event_length(self, text: str, start: int, end: int) -> bool:
        """会晤长达两个半小时, 通话近一小时, 约5.5小时的出舱活动: how long one event lasted is a duration, no figure
        (real_text.toml event-length rows); a total or an average (累计, 平均, 全国, 万/亿) stays a measured time."""
        durations = self.lexicon["durations"]
        if not (text.endswith(tuple(durations.get("event_before", ())), 0, start) or
                text.startswith(tuple(durations.get("event_after", ())), end)):
            return False
        clause = text[sentences.clause_start(text, start, lists=False):end]
        return not any(word in clause for word in durations.get("aggregate", ()))

    def _is_age_no_figure(self, text: str, match) -> bool:
        """现年31岁, 高某（40岁）, 60岁及以上人口, 5至11岁的儿童: a person's age or a group's bound is no figure; an age
        is one only as the statistic or parameter its sentence names (平均年龄38.5岁, 退休年龄67岁; real_text.toml age rows)."""
        ages = self.lexicon["ages"]
        if match.group("other") not in ages["units"]:
            return False
        if text.endswith(tuple(ages["before"]), 0, match.start()) or \
                text.startswith(tuple(ages["after"]), match.end("other")):
            return True
        start = sentences.sentence_start(text, match.start(), floor=max(0, match.start() - 80))
        end = sentences.sentence_end(text, match.end(), ceiling=match.end() + 80)
        return self.age_statistic.search(text, start, end) is None

    def _money_unit(self, word: str) -> tuple[str, str | None]:
        """(record unit, ISO code of a currency outside the unit list): 美元 → (USD, None); 英镑 → (other, GBP)."""
        if word in self.other_currencies:
            return "other", self.other_currencies[word]
        return self.units[word], None

    def _count_unit(self, text: str, match) -> tuple[str, str, None] | None:
        """(count, counter, None), or None for 一个, 两股, 十三届五次会议 (a Chinese number with 万/亿 counts)."""
        num, counter = match.group("num"), match.group("count")
        scaled = any(ch in BIG_UNITS for ch in num) or bool(match.group("scale"))  # 三万人 counts; 两人, 一个 are words
        if not scaled and text.endswith(self.refer_before, 0, match.start()):
            return None  # 这两名警员, 上述三家企业 (real_text.toml counter-refers-back)
        if not scaled and self._is_the_pair(text, match):
            return None  # 两家公司均拒绝透露 (real_text.toml counter-the-two-firms)
        if not scaled and self._counts_the_list_before(text, match):
            return None  # 戴尔、美超微两家美系厂商 (real_text.toml count-of-the-list-before)
        if text.startswith(tuple(self.lexicon["counters"].get("word_starts", ())), match.start("count")):
            return None  # 一两千支持国货: the counter opens a word (real_text.toml counter-opens-a-word)
        if num[0].isdigit():
            few = counter not in self.few_only_counters or len(num) <= 2  # 360方面 is a firm's side
            return ("count", counter, None) if few else None
        return None if self._is_chinese_count_word(text, match, scaled) else ("count", counter, None)

    def _is_the_pair(self, text: str, match) -> bool:
        """两家公司, 两家机构: 'the two firms' named before, unless a part of a larger set (四家公司中两家公司)."""
        counters = self.lexicon["counters"]
        return match.group("num") == "两" and match.group("count") == "家" and \
            text.startswith(tuple(counters.get("pair_nouns", ())), match.end()) and \
            not text.endswith(tuple(counters.get("pair_part_before", ())), 0, match.start())

    def _counts_the_list_before(self, text: str, match) -> bool:
        """工、农、建、中四家银行, 南京、镇江、无锡、苏州4家: a count right after a list of names (joined by 、, the last
        one maybe by 和/与/及) equal to the number of names refers back to them (spec: no figure); 小米、荣耀等四家 (等)
        and 洛阳市、许昌市各2例 (各) count something new."""
        start = sentences.clause_start(text, match.start(), lists=False, window=80)
        listed = text[start:match.start()]
        last_comma = listed.rfind("、")
        if last_comma < 0 or any(ch.isdigit() for ch in listed) or \
                listed.endswith(tuple(self.lexicon["counters"].get("list_not_closed", ()))):
            return False
        tail = listed[last_comma + 1:]
        joined = max((tail.rfind(joint) for joint in self.lexicon["counters"].get("list_joints", ())), default=-1)
        if not 0 < len(tail) - joined - 1 <= 12:
            return False
        try:
            return parse_number(match.group("num")) == listed.count("、") + (joined >= 0) + 1
        except ValueError:
            return False

    def _is_chinese_count_word(self, text: str, match, scaled: bool) -> bool:
        """一个, 两人 (an Arabic-only counter after a Chinese digit without a multiplier), 前十名 (a rank), 第…届."""
        num, counter = match.group("num"), match.group("count")
        before = text[match.start() - 1:match.start()]
        return (counter in self.arabic_only_counters and not (scaled or _multiplied(num))) or num == "一" or \
            _loose_digits(num) or num in self.not_cardinal or before == "届" or (counter == "名" and before in self.rank_before)

    def _is_numeral_word(self, text: str, match) -> bool:
        """三元正极材料, 外三元, 九元航空: one lowercase digit and 元, no scale, range or sub-unit, inside a word."""
        num, lex = match.group("num"), self.lexicon["not_figures"]
        if len(num) != 1 or num.isdigit() or is_capital(num) or match.group("money") not in self.single_numeral_money or \
                any(match.group(g) for g in ("scale", "num2", "jiao", "fen", "zheng")):
            return False
        after = text[match.end():match.end() + 2]
        runs_on = bool(after) and "\u4e00" <= after[0] <= "\u9fff" and \
            not after.startswith(tuple(lex.get("single_numeral_money_amount_after", ())))
        return runs_on or text[match.start() - 1:match.start()] in lex.get("single_numeral_money_before", ())

    def _figure_unit(self, text: str, match) -> tuple[str, str | None, str | None] | None:
        """(unit, counter, currency) of a figure match, or None when the unit word shows it is no figure."""
        num = match.group("num")
        chinese = not num[0].isdigit()
        if match.group("count"):
            return self._count_unit(text, match)
        if match.group("money"):
            if self._is_numeral_word(text, match):
                return None  # 三元正极材料, 九元航空 (real_text.toml single-numeral-yuan-is-a-word)
            unit, currency = self._money_unit(match.group("money"))
            return unit, None, currency
        if match.group("subunit"):  # 3角, 5毛, 伍角: 三角 and 五毛 are words
            return None if chinese and not is_capital(num) else ("CNY", None, None)
        if match.group("ratio"):
            return self.units[match.group("ratio")], None, None
        other = match.group("other")  # 1.7亿吨: keep what was measured in
        if other in self.scaled_only_units and not match.group("scale"):
            return None  # 1025亿度 is electricity, 一度 an adverb (real_text.toml unit-degree-scaled-only)
        if other == "点" and not self._is_index_points(text, match):
            return None
        if other in self.counted_points:  # 下跌3.79个点 is 3.79点; 一个点 is a word (real_text.toml counted-points)
            return ("other", "点", None) if match.group("num")[0].isdigit() else None
        return "other", other, None

    def _is_index_points(self, text: str, match) -> bool:
        """收报3764.15点 is an index level and 下跌24点 a move of one (a short number right after a move verb,
        real_text.toml point-moves); 下午3点, 两点意见, 3点半 are not."""
        num = match.group("num")
        if not num[0].isdigit() or self.point_not_after.match(text, match.end()):
            return False
        return "." in num or len(num) >= 3 or text.endswith(tuple(self.lexicon["points"]["move_verbs"]), 0, match.start())

    def _high_end(self, match, low_scale: Decimal | None) -> Decimal | None:
        if match.group("num3") or match.group("num3p"):
            return parse_number(match.group("num3") or match.group("num3p"))
        if not match.group("num2"):
            return None
        high_scale = self.scales.get(match.group("scale2") or "")
        high = parse_number(match.group("num2")) * (high_scale or low_scale or 1)
        return -high if match.group("sign2") else high  # -80亿至-83亿元

    def _figure_values(self, match) -> tuple[Decimal, Decimal | None, bool]:
        """(value, value_high, whether an approximate pair such as 七八亿 gave the two ends), before the sign."""
        num, scale_word = match.group("num"), match.group("scale") or ""
        low_scale = self.scales.get(scale_word)
        if match.group("tail"):  # 13万2, 1亿2000万
            return parse_number(num + scale_word + match.group("tail")), self._high_end(match, low_scale), False
        pair = approximate_pair(num) if not num[0].isdigit() and not match.group("num2") else None
        if pair:
            return parse_number(pair[0]) * (low_scale or 1), parse_number(pair[1]) * (low_scale or 1), True
        low = parse_number(num) * (low_scale or 1)
        high = self._high_end(match, low_scale)
        if match.group("num2") and low_scale is None:  # 三至五万亿元, 一千到两千万元: the low end shares the scale
            low = shared_low_end(low, num, high, match.group("num2") + (match.group("scale2") or ""), self.scales)
        return low, high, False

    def _sub_unit_value(self, match) -> Decimal:
        """What 6角3分 adds to 50元 (0.63); for a bare 3角 the number itself is counted in 角."""
        total = Decimal(0)
        for group, word in (("jiao", "角"), ("fen", "分"), ("fen2", "分")):
            if match.group(group):
                total += parse_number(match.group(group)) * self.sub_units[word]
        return total

    def _figure_amount(self, match) -> tuple[Decimal, Decimal | None, bool]:
        """(value, value_high, approximate pair?) with sub-units added and ‰/‱ turned into percent, before
        the sign; raises ValueError for a number that does not parse."""
        try:
            value, value_high, pair = self._figure_values(match)
            if match.group("subunit"):
                value *= self.sub_units[match.group("subunit")]
            value += self._sub_unit_value(match)
        except (KeyError, ArithmeticError) as error:
            raise ValueError(str(error)) from error
        factor = self.unit_factors.get(match.group("ratio") or match.group("money") or "")
        if factor is not None:  # 3‰ → 0.3 percent, 5.25美分 → 0.0525 USD
            value, value_high = value * factor, (value_high * factor if value_high is not None else None)
        return value, value_high, pair

    def _from_figure_match(self, text: str, match, scan: _Scan) -> Candidate | None:
        unit = None if self._not_a_figure(text, match) else self._figure_unit(text, match)
        if unit is None:
            return None
        try:
            value, value_high, pair = self._figure_amount(match)
        except ValueError:
            return None
        if value == 0 and is_vague(match.group("num")):
            return None  # 几家: no number at all
        if match.group("sign") and (match.start("sign") == 0 or not text[match.start("sign") - 1].isdigit()):
            value = -value
        start, end = self._span(text, match)
        per = match.group(0)[match.group(0).find("/"):] if "/" in match.group(0) else None
        qualifier = "range" if pair else self._qualifier(match)
        candidate = Candidate(start, end, value, unit[0], value_high, qualifier, unit[1], per)
        if unit[2]:
            candidate.extra["currency"] = unit[2]
        return candidate

    def _from_half_match(self, text: str, match, scan: _Scan) -> Candidate | None:
        """降低了一半, 下降超过一半: half of what fell, -50 percent once the measure rules sign it."""
        start = match.start("qb") if match.group("qb") else match.start("half")
        return Candidate(start, match.end("half"), Decimal(50), "percent", None,
                         self.qualifier_before.get(match.group("qb") or ""))

    def _from_fraction_match(self, text: str, match, scan: _Scan) -> Candidate | None:
        if match.group("frac")[0].isdigit() and self._is_excluded(text, match.start(), match.start("frac")):
            return None
        try:
            value = fraction_word_value(match.group("frac"))
        except (ValueError, KeyError, ArithmeticError):
            return None
        if value is None or (value == 0 and is_vague(match.group("frac"))):
            return None  # 百分之几 names no number
        start, end = self._span(text, match)
        qualifier = self._qualifier(match) or ("over" if is_vague(match.group("frac")) else None)
        return Candidate(start, end, value, "percent", None, qualifier)

    def _from_symbol_match(self, text: str, match, scan: _Scan) -> Candidate | None:
        """$20, US$5亿, HK$3亿, ￥300, RMB 300万: the currency is written before the number."""
        try:
            value = parse_number(match.group("num")) * self.scales.get(match.group("scale") or "", Decimal(1))
        except (ValueError, ArithmeticError):
            return None
        unit, currency = self._money_unit(match.group("money") or self.currency_symbols[match.group("symbol")])
        start, end = self._span(text, match)
        candidate = Candidate(start, end, -value if match.group("sign") else value, unit, None, self._qualifier(match))
        if currency:
            candidate.extra["currency"] = currency
        return candidate

    def _has_money_context(self, text: str, match) -> bool:
        """额度5000亿, 半年净亏5000万 (a money word before it in its clause, an enumeration kept whole: 净亏损分别为
        6.7亿、6.2亿、5.6亿), 以20.6亿收购 (a purchase verb after)."""
        clause_start = sentences.clause_start(text, match.start(), lists=False)
        return self.money_context.search(text, clause_start, match.start()) is not None or \
            text.startswith(self.money_after, match.end())

    def _from_bare_scale_match(self, text: str, match, scan: _Scan) -> Candidate | None:
        if self._is_excluded(text, match.start(), match.start("num")):
            return None
        declared = scan.currency_at(match.end())
        if not (self._has_money_context(text, match) or scan.declared_at(match.end())):
            return None  # 阅读1.2万 is page furniture, 额度5000亿 is money
        if not declared and any(self._bare_count_holds(text, match, row) for row in self.bare_counts):
            return None  # 付费用户超过2000万 counts users though 付费 names a fee ([[bare_count]], read after)
        value = parse_number(match.group("num")) * self.scales[match.group("scale")]
        unit, currency = self._money_unit(declared or self._currency_before(text, match.start()))
        start, end = self._span(text, match)
        candidate = Candidate(start, end, value, unit, None, self._qualifier(match))
        if currency:
            candidate.extra["currency"] = currency
        return candidate

    def _currency_before(self, text: str, position: int) -> str:
        """The currency word of the nearest amount written with one in the same paragraph, before or after
        ``position`` (within the window), else 元 (real_text.toml bare-amount-currency-window): 千亿级资金支持……
        千亿美元直接投资 is in dollars; 2.67亿、3.25亿、5.22亿元 in yuan."""
        start = max(text.rfind("\n", 0, position) + 1, position - self.currency_window)
        end = text.find("\n", position)
        end = min(len(text) if end < 0 else end, position + self.currency_window)
        nearest = min(self.written_money.finditer(text, start, end), default=None,
                      key=lambda written: abs(written.start() - position))
        return nearest.group("money") if nearest else "元"

    def _from_bare_count_match(self, text: str, match, scan: _Scan) -> Candidate | None:
        """A bare scaled number that a [[bare_count]] row of real_text.toml reads as a count: a word of the row stands
        before it in its sentence, within the row's reach (就业人数意外减少2.3万), or right after it (700万失业人口)."""
        row = next((row for row in self.bare_counts if self._bare_count_holds(text, match, row)), None)
        if row is None or self._is_excluded(text, match.start(), match.start("num")):
            return None
        start, end = self._span(text, match)
        value = parse_number(match.group("num")) * self.scales[match.group("scale")]
        return Candidate(start, end, value, "count", None, self._qualifier(match), row["counter"])

    @staticmethod
    def _bare_count_holds(text: str, match, row: dict) -> bool:
        if text.endswith(tuple(row.get("not_after", ())), 0, match.start()):
            return False  # 每10万居民 is the base of a rate
        if text.startswith(tuple(row.get("after", ())), match.end()):
            return True
        window = text[max(0, match.start() - row.get("reach", 0)):match.start()]
        window = re.split(r"[。！？!?；;\n]", window)[-1]
        return any(word in window for word in row.get("before", ()))

    def _from_money_label_match(self, text: str, match, scan: _Scan) -> Candidate | None:
        """总价：3,235,824.00 - an amount after a money label, written without 元."""
        if self._is_excluded(text, match.start("num"), match.start("num")):
            return None
        unit, currency = self._money_unit(scan.currency_at(match.end()) or "元")
        candidate = Candidate(match.start("num"), match.end("num"), parse_number(match.group("num")), unit)
        if currency:
            candidate.extra["currency"] = currency
        return candidate

    def _add_list_members(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """分别为11.85、6.8和3.93万亿元: the bare numbers before a figure take its unit and scale (lists.py)."""
        out = []
        previous_end = 0
        for candidate in found:
            if (candidate.unit != "count" or candidate.counter) and \
                    candidate.qualifier in (None, "over", "approx", "under"):
                members = lists.bare_members(text, max(previous_end, candidate.start - 60), candidate.start)
                scale = self._scale_of(text, candidate) if members else Decimal(1)
                out.extend(Candidate(start, start + len(number), parse_number(number) * scale, candidate.unit,
                                     counter=candidate.counter, listed=True) for start, number in members)
            out.append(candidate)
            previous_end = candidate.end
        return out

    def _scale_of(self, text: str, candidate: Candidate) -> Decimal:
        span = text[candidate.start:candidate.end]
        for word in sorted(self.scales, key=len, reverse=True):
            if word in span:
                return self.scales[word]
        return Decimal(1)

    # -- attributes ------------------------------------------------------------------------------------
    def __call__(self, text: str, original: str, published: str | None,
                 sentences: list[tuple[int, int]] | None = None) -> list[Figure]:
        """The figures of ``text`` (normalized; ``original`` the same length), with its sentences if already split."""
        candidates = self.find_candidates(text)
        if not candidates:
            return []
        return self.resolve(text, original, candidates, FigurePeriods(text, published), sentences)

    def extract(self, text: str, original: str, published: str | None,
                sentences: list[tuple[int, int]] | None = None) -> tuple[list[Figure], list[TimeSpan]]:
        """The figures of ``text`` and its time expressions (found once, for the figures' periods too)."""
        periods = FigurePeriods(text, published)
        candidates = self.find_candidates(text)
        figures = self.resolve(text, original, candidates, periods, sentences) if candidates else []
        return figures, periods.times

    def resolve(self, text: str, original: str, candidates: list[Candidate], periods: FigurePeriods,
                sentences: list[tuple[int, int]] | None = None) -> list[Figure]:
        """The figures of the ``candidates`` found in ``text``, their periods chosen among ``periods``."""
        figures: list[Figure] = []
        sentences = split_sentences(text) if sentences is None else sentences
        index, times = 0, naming_times(text, periods)
        for s_start, s_end in sentences:
            in_sentence = []
            while index < len(candidates) and candidates[index].start < s_end:
                if candidates[index].start >= s_start:
                    in_sentence.append(candidates[index])
                index += 1
            done: list[Figure] = []
            for position, candidate in enumerate(in_sentence):
                figure = self._resolve(text, original, candidate, (s_start, s_end), (periods, times), done,
                                       in_sentence, position, figures[-40:])
                figures.append(figure)
                done.append(figure)
        assign_places(text, figures, sentences, periods.times)
        return figures

    def _resolve(self, text, original, c: Candidate, sentence: tuple[int, int],
                 periods_and_times: tuple[FigurePeriods, list[TimeSpan]], done: list[Figure], siblings, position,
                 earlier: list[Figure]) -> Figure:
        """Attributes of candidate ``c`` in ``sentence`` (start, end); ``done`` holds the figures already resolved
        in its sentence, ``earlier`` the last figures before it in the text; the time expressions that bound its
        metric come with its periods (naming_times)."""
        s_start, s_end = sentence
        periods, times = periods_and_times
        previous = done[-1] if done else None
        ctx = self._context(text, c, s_start, siblings[position - 1].end if position else s_start)
        ctx.prefix = periods.prefix
        clause_start = ctx.clause_start
        explain: dict[str, dict[str, str]] = {}
        list_position = lists.list_position(text, siblings, position, clause_start)
        measure = self._measure_in_a_list(text, c, previous, list_position, self._measure(ctx, explain), explain)
        comparison = self._comparison_in_a_list(text, c, previous, measure, self._comparison(ctx, measure, explain),
                                                explain)
        value = self._signed_value(c, measure, ctx.near, text[ctx.near_start:c.start] if position else "")
        parallel, named_position = self._parallel_or_continued(text, siblings, position, (s_start, clause_start),
                                                              list_position, done)
        metric, metric_rule, metric_words = find_metric_explained(
            text, c.start, c.end, s_start, clause_start, measure, previous, times, named_position, c.unit,
            parallel, [f.metric for f in earlier], self._same_unit_metric(text, c, earlier), prefix=periods.prefix,
            continued=named_position is not list_position)
        explain["metric"] = {"rule": metric_rule, "words": metric_words}
        metric = self._real_text_metric(text, (s_start, clause_start), c, measure, metric,
                                        explain["measure"]["rule"] in measures.quote_rows())
        measure = self._measure_by_metric(ctx, measure, metric, explain)
        value = self._signed_by_metric(c, value, ctx.near, metric, explain["measure"]["rule"])
        # 仅需40分钟, 续航260-400km: a spec, not a statistic; 认购倍数3.9倍: a ratio, dated by its own sentence only
        sentence_dated = c.counter in self.sentence_dated_units or (c.unit == "times" and measure == "rate")
        chosen = periods.choose(c.start, (s_start, s_end), clause_start, ctx.near_start,
                                _period_passed_on(previous), "other" if sentence_dated else measure, metric)
        period, explain["period"] = chosen.period, chosen.explain
        measure = self._level_over_period(ctx, measure, metric, period or chosen.read_over, explain)
        comparison = self._comparison_by_period(ctx, measure, comparison, period, explain)
        if period and period.start != period.end and self._is_stock(measure, metric) and \
                explain["measure"]["rule"] not in measures.span_levels():
            period = periods.stock_point(period, (s_start, s_end), explain)  # a balance: at the period's end
        figure = Figure(text=original[c.start:c.end], start=c.start, end=c.end, value=_canonical(value), unit=c.unit,
                        value_high=_canonical(c.value_high), qualifier=c.qualifier, measure=measure,
                        comparison=comparison, metric=metric, period=period, counter=c.counter, extra=dict(c.extra),
                        place=_member_place(text, s_start, c.start, metric, named_position or
                                            lists.continued_position(text, siblings, position, clause_start, s_start)))
        figure.explain.update(explain)
        return figure

    def _context(self, text: str, c: Candidate, sentence_start: int, previous_end: int) -> measures.Context:
        """What the rules read about ``c``: its clause (an enumeration kept whole) and the words since the figure
        before it; list members share the first one's verb, so without a cue of its own the clause is read."""
        clause_start = max(sentences.clause_start(text, c.start, lists=False), sentence_start)
        near_start = max(previous_end, clause_start)
        near_left, clause_left = text[near_start:c.start], text[clause_start:c.start]
        cue_left = near_left if self._has_cue(near_left) else clause_left
        return measures.Context(text, c, cue_left, clause_left, clause_start=clause_start, near_start=near_start,
                                sentence_start=sentence_start)

    def _measure(self, ctx: measures.Context, explain: dict) -> str:
        """The measure the first matching [[measure]] row of measure.toml gives."""
        measure, explain["measure"] = measures.measure_of(ctx)
        return measure

    def _comparison(self, ctx: measures.Context, measure: str, explain: dict) -> str | None:
        """同比/环比/比年初/比上年末 nearest before a growth rate or change, else the [[comparison_default]] rows
        (a growth rate with none stated is year on year, but not a market move)."""
        if measure not in ("growth_rate", "change"):
            return None
        ctx.measure = measure
        comparison, why = measures.comparison_of(ctx)
        if why:
            explain["comparison"] = why
        return comparison

    def _measure_in_a_list(self, text: str, c: Candidate, previous: Figure | None,
                           list_position: tuple[int, int] | None, measure: str, explain: dict) -> str:
        """分别增长1.2倍和1.1倍: a member of a 分别 list joined to the one before it (和, 、) in the same unit shares that
        one's verb, so it takes that one's measure (real_text.toml list-member-measure)."""
        if not list_position or not list_position[0] or previous is None or previous.unit != c.unit or \
                previous.measure == measure or explain["measure"].get("words"):
            return measure  # a member whose own words chose its measure (…和12.52%的同比增长) keeps it
        joint = text[previous.end:c.start]
        if joint.strip() not in self.lexicon["lists"].get("member_joints", ()):
            return measure
        explain["measure"] = {"rule": "list-member-measure", "words": joint}
        return previous.measure

    def _comparison_in_a_list(self, text: str, c: Candidate, previous: Figure | None, measure: str,
                              comparison: str | None, explain: dict) -> str | None:
        """分别跌9.85%和8.29%: a growth rate joined to the one before it (和, 、) that only the year-on-year default
        gave a comparison takes the first one's (real_text.toml list-member-comparison): its verb is the first's."""
        if measure != "growth_rate" or previous is None or previous.measure != "growth_rate" or \
                explain.get("comparison", {}).get("rule") != "growth-year-on-year":
            return comparison
        joint = text[previous.end:c.start]
        if joint.strip() not in self.lexicon["lists"].get("member_joints", ()):
            return comparison
        explain["comparison"] = {"rule": "list-member-comparison", "words": joint}
        return previous.comparison

    def _measure_by_metric(self, ctx: measures.Context, measure: str, metric: str | None, explain: dict) -> str:
        """The measure read again from the metric where a [[by_metric]] row of measure.toml says so."""
        ctx.measure, ctx.metric = measure, metric
        found = measures.measure_by_metric(ctx)
        if found is None:
            return measure
        measure, explain["measure"] = found
        return measure

    def _level_over_period(self, ctx: measures.Context, measure: str, metric: str | None, period: Period | None,
                           explain: dict) -> str:
        """A level read over a span of time is a flow unless a [[level_over_period]] row says it is held (the row
        that decides is the one explain names)."""
        if measure != "level" or not period or period.start == period.end:
            return measure
        ctx.measure, ctx.metric, ctx.period = measure, metric, period
        rule, words = measures.first_rule("level_over_period", ctx)
        explain["measure"] = measures.explained(rule, words)
        return rule.gives

    @staticmethod
    def _comparison_by_period(ctx: measures.Context, measure: str, comparison: str | None, period: Period | None,
                              explain: dict) -> str | None:
        """A stated comparison read again once the period is known (a [[comparison_by_period]] row of measure.toml:
        比2019年增长5.6% of a figure of 2021 is against an explicit earlier value, not the year before)."""
        if comparison is None or period is None:
            return comparison
        ctx.measure, ctx.period, ctx.comparison = measure, period, comparison
        found = measures.comparison_by_period(ctx)
        if found is None:
            return comparison
        comparison, explain["comparison"] = found
        return comparison

    def _signed_value(self, c: Candidate, measure: str, cue_left: str, since_previous: str = "") -> Decimal:
        """A growth rate or change after a falling word is negative (its range's high end too); the figure
        that a move reached (下跌3个基点至1.77%: ``since_previous`` is 至) is a level and keeps its sign."""
        if since_previous.strip() in self.lexicon["signs"].get("reached", ()):
            return c.value
        if c.value > 0 and self._is_result_loss(c, cue_left):
            if c.value_high is not None:
                c.value_high = -abs(c.value_high)
            return -c.value
        moved = measure in ("growth_rate", "change") or self._after_fall_verb(c, cue_left)
        if moved and c.value > 0 and self._is_decrease(cue_left):
            if c.value_high is not None:
                c.value_high = -c.value_high
            return -c.value
        return c.value

    def _is_result_loss(self, c: Candidate, cue_left: str) -> bool:
        """归母净利润亏损15亿元, 净利润为亏损2.7亿元: an amount right after a result written as a loss is below zero
        (real_text.toml sign-result-loss); a bare 亏损 or 净亏损 names the loss and keeps its sign."""
        return c.unit not in ("percent", "percentage_point", "basis_point", "times") and \
            self.result_loss.search(self.sign_hedges.sub("", cue_left)) is not None

    def _signed_by_metric(self, c: Candidate, value: Decimal, cue_left: str, metric: str | None, rule: str) -> Decimal:
        """The sign that needs the metric: 就业人数减少2.3万人 (a [[by_metric]] row with `signed`); 上年同期为亏损8747.22万元
        after a profit named before (real_text.toml sign-prior-year-loss), its range's high end too."""
        if value <= 0:
            return value
        if rule in measures.signed_rows() and self._right_after_fall(cue_left):
            return -value
        if self._is_prior_loss(cue_left, metric):
            c.value_high = None if c.value_high is None else -abs(c.value_high)
            return -value
        return value

    def _is_prior_loss(self, cue_left: str, metric: str | None) -> bool:
        """净利润1770万元-2650万元，上年同期为亏损8747.22万元: last year's loss of a profit named before is that
        profit below zero (real_text.toml sign-prior-year-loss); a metric that names the loss (净亏损) keeps it."""
        return bool(metric) and metric.endswith(self.result_nouns) and \
            self.sign_hedges.sub("", cue_left).endswith(self.prior_loss)

    def _right_after_fall(self, cue_left: str) -> bool:
        """减少6.1万个, 减少了7500个: the words before the figure end with a falling verb (hedges aside)."""
        return self.sign_hedges.sub("", cue_left).endswith(tuple(self.lexicon["signs"]["down"]))

    def _after_fall_verb(self, c: Candidate, cue_left: str) -> bool:
        """萎缩48%, 贬值近2%, 回撤15.42%, 下滑33点: a percent or a number of index points right after a falling verb
        (hedges aside) is a fall, whatever measure the rules gave it (lexicon signs.adjacent_down)."""
        return (c.unit == "percent" or c.counter == "点") and \
            cue_left.rstrip(" 了约近超逾达").endswith(tuple(self.lexicon["signs"].get("adjacent_down", ())))

    def _parallel_or_continued(self, text: str, siblings, position: int, starts: tuple[int, int], list_position,
                               done: list[Figure]) -> tuple[list | None, tuple[int, int] | None]:
        """The earlier list's metrics and the figure's place for naming it: its 分别 list, else a run of figures
        continuing a 分别 list of as many (…分别为A、B，同比上涨x、y), kept only where the earlier list's names are
        all given and all differ (metric.toml list-continued)."""
        if list_position is not None:
            return self._parallel_metrics(list_position, position, done), list_position
        continued = lists.continued_position(text, siblings, position, starts[1], starts[0])
        parallel = self._parallel_metrics(continued, position, done)
        if not parallel or not all(parallel) or len(set(parallel)) < len(parallel):
            return None, None
        return parallel, continued

    def _parallel_metrics(self, list_position, position: int, done: list[Figure]) -> list | None:
        """余额分别为A、B和C，同比分别增长x、y和z: the second list takes the first list's metrics in order."""
        if list_position is None:
            return None
        first, count = position - list_position[0], list_position[1]
        return [f.metric for f in done[first - count:first]] if first >= count else None

    def _real_text_metric(self, text: str, starts: tuple[int, int], c: Candidate, measure: str,
                          metric: str | None, quote_row: bool = False) -> str | None:
        """The metric cleaned of real-text debris; a move with none of its own (or only 股价) takes the index,
        commodity or coin that opens its clause or sentence (real_text.toml, metric_debris and market_subject);
        a price read by a ``quotes_subject`` row of measure.toml (现报, 报) takes the subject of its clause."""
        metric = without_figure(metric)  # 报76.20美元/桶 (a price before its move) names nothing
        if measure in ("growth_rate", "rate", "level") and metric in (None, "股价", "涨幅", "跌幅"):
            metric = market_subject(text, *starts, c.start, metric) or metric
        quoted = c.per == "quote" or quote_row or (measure == "rate" and c.unit == "other")  # 现涨至153
        if metric is None and (measure in ("level", "flow", "change", "growth_rate") or quoted):
            metric = clause_subject(text, *starts, c.start)  # 两融余额结束九连跌，小幅上升48亿元
            metric = None if metric == "股价" and c.unit == "count" else metric  # 中锐股份：已累计回购274.45万股
            metric = without_figure(metric)
        named_after = next((word for word in self.lexicon["prices"]["after"] if text.startswith(word, c.end)), None)
        if named_after:
            return named_after.lstrip("的")  # 300美元目标价
        return long_enough(whole_words(paired_marks(tidy_metric(metric), text, starts[0], c.start), text, starts[0], c.start),
                           c.counter)

    def _same_unit_metric(self, text: str, c: Candidate, earlier: list[Figure]) -> str | None:
        """The metric of the last figure in ``c``'s paragraph with the same unit (and counter)."""
        paragraph_start = text.rfind("\n", 0, c.start) + 1
        for figure in reversed(earlier):
            if figure.start < paragraph_start:
                return None
            if figure.unit == c.unit and figure.counter == c.counter and figure.metric:
                return figure.metric
        return None

    def _is_stock(self, measure: str, metric: str | None) -> bool:
        """A level, or a growth rate, share or change of one (余额增长12%): measured at a point in time."""
        if measure == "level":
            return True
        return measure in ("growth_rate", "change", "share") and \
            any(word in (metric or "") for word in self.stock_words)

    def _is_decrease(self, left: str) -> bool:
        signs = self.lexicon["signs"]
        stripped = self.sign_hedges.sub("", left)
        for word in signs.get("neutral", ()):  # 涨跌幅限制为5%: no fall (real_text.toml sign-neutral-up-and-down)
            stripped = stripped.replace(word, " " * len(word))
        narrowing = self.decline_change.search(stripped)
        if narrowing:  # 降幅收窄0.2个百分点 is a rise, 降幅扩大0.5个百分点 a fall
            return narrowing.group("verb") in self.decline_widening
        down = nearest(stripped, signs["down"])
        up = nearest(stripped, signs["up"])
        level = nearest(stripped, signs["level"])
        if down is None:
            return False
        end_of = (lambda hit: -1 if hit is None else hit[0] + len(hit[1]))
        # on a tie the longer word wins: 负增长 ends where 增长 does
        down_wins = end_of(down) > end_of(up) or (up is not None and end_of(down) == end_of(up)
                                                  and len(down[1]) > len(up[1]))
        return down_wins and end_of(down) >= end_of(level) and not \
            (level and level[0] <= down[0] < end_of(level))

    def _has_cue(self, left: str) -> bool:
        return self.cue_pattern.search(left) is not None


def _other_units(lex: dict) -> str:
    """The alternation of the other units; the counted points (3.79个点) not before what makes them places (100个点位)."""
    points = lex.get("points", {})
    counted = points.get("counted", ())
    plain = alternation(w for w in lex["other_units"]["words"] if w not in counted)
    if not counted:
        return plain
    return rf"(?:{alternation(counted)})(?!{alternation(points.get('counted_not_before', ()) or ['$^'])})|{plain}"
