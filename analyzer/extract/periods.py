"""Find time expressions and resolve them to inclusive date ranges against the publication date.

截至2025年一季度末 → 2025-03-31..2025-03-31; 今年前4个月 → 01-01..04-30; 去年9月以来 → 2024-09-01..published;
上半年, 全年, 1至3月, 三季度末, 截至4月底, 2024年末 … A year left out is the publication year, or the year
before when that would put the period after the publication date.

The kinds of time expression, how a figure's period is chosen among them and the words both use are rows of
``analyzer/rules/period.toml``; each kind names one small resolver here (``RESOLVERS``), each row of the choice
one step (``NEAREST_STEPS``, ``OVERRIDE_STEPS``).
"""
from __future__ import annotations

import bisect
import calendar
import functools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from analyzer import rulebook
from analyzer.extract.numbers import parse_number
from analyzer.records import Period
from analyzer.text.patterns import EVERY_CHARACTER, Starts, pattern_starts
from analyzer.text.prefix_search import PrefixSearch

RULES = "period"
CN_NUM = "零〇一二两三四五六七八九十"
_N = rf"(?:\d{{1,2}}|[{CN_NUM}]{{1,3}})"
_Q = r"(?:第)?(?P<q>[一二三四1234])季度"


def _words_regex(row: dict) -> str:
    """A [[words]] row as a regex: its words (longest first) and its pattern, anchored at the end if it says so."""
    alternatives = [rulebook.alternation(row.get("words", ())), row.get("pattern", "")]
    regex = "(?:" + "|".join(part for part in alternatives if part) + ")"
    return regex + "$" if row.get("anchor") == "end" else regex


WORDS = {row["id"]: row for row in rulebook.rows(RULES, "words")}
WORD_PATTERNS = {name: rulebook.regex(_words_regex(row)) for name, row in WORDS.items()}
RELATIVE_YEARS = {word: row["offset"] for row in rulebook.rows(RULES, "relative_year") for word in row["words"]}
# real text often spaces digits from the characters around them (2021 年 12 月, pangu spacing): one space is allowed
_YEAR = (r"(?:(?P<year>(?:19|20)\d{2}|[二〇一九零]{4}) ?年(?:度)?|(?P<rel>" + "|".join(RELATIVE_YEARS)
         + r")年(?:度)?) ?")
_SYNTAX = {"year": _YEAR, "n": _N, "q": _Q}

KINDS = rulebook.rows(RULES, "kind")
KIND_RULE = {row["kind"]: row["id"] for row in KINDS}
DAY_KINDS = {row["kind"] for row in KINDS if row.get("day")}
REPORTING_PERIODS = {row["kind"] for row in KINDS if row.get("reporting") == "always"}
LEAD_REPORTING = {row["kind"] for row in KINDS if row.get("reporting") == "in_lead"}
SENTENCE_ONLY = {row["kind"] for row in KINDS if row.get("sentence_only")}
TO_SEMICOLON = {row["kind"] for row in KINDS if row.get("to_semicolon")}  # 本周累跌0.93%；…: not past the ；
IN_PHRASE = {row["kind"] for row in KINDS if row.get("in_phrase")}  # 昨日, 上月, 周二: inside a metric phrase, no boundary
REFINEMENTS = rulebook.rows(RULES, "refine")
QUARTER_KINDS = ("quarter", "quarter_short", "quarter_q")
# a refinement's `from`: one kind, or a list of kinds read alike (三季度 and Q3)
_REFINE_FROM = {row["id"]: {row["from"]} if isinstance(row["from"], str) else set(row["from"]) for row in REFINEMENTS}


def _kind_pattern(kind: str, pattern: str) -> str:
    """One kind's pattern with {year}/{n}/{q} written out; group names get a ``__kind`` suffix, since names must
    be unique in the one alternation of all kinds."""
    pattern = re.sub(r"\{(year|n|q)\}", lambda m: _SYNTAX[m.group(1)], pattern)
    return f"(?P<{kind}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<\1__{kind}>", pattern) + ")"


# Ordered: longer and more specific forms first (the file's order).
_KIND_PATTERNS = tuple(_kind_pattern(row["kind"], row["pattern"]) for row in KINDS if "pattern" in row)
TIME_PATTERN = rulebook.regex("|".join(_KIND_PATTERNS))
# kind → (group name in TIME_PATTERN, the row's own name for it), in the pattern's order: a match reads its kind's
# few groups, not a dict of the hundreds of groups of every kind
_KIND_GROUPS = {row["kind"]: tuple((name, name[:-len(f"__{row['kind']}")]) for name in TIME_PATTERN.groupindex
                                   if name.endswith(f"__{row['kind']}")) for row in KINDS if "pattern" in row}
COMPARISON_BASE = WORD_PATTERNS["comparison_base"]
RECORD = WORD_PATTERNS["record"]
RECORD_BASE = rulebook.regex(r"[^，。；\d]{0,12}?以来" + RECORD.pattern)
BOND_NAME = WORD_PATTERNS["bond_name"]
INDEX_BASE = WORD_PATTERNS["index_base"]
LAW_NAME = WORD_PATTERNS["law_name"]
DOCUMENT_NUMBER = WORD_PATTERNS["document_number"]
YEAR_RECORD = WORD_PATTERNS["year_record"]
YEAR_NAMES = (INDEX_BASE, LAW_NAME, YEAR_RECORD, DOCUMENT_NUMBER)  # a year right before these is no period
FISCAL_BEFORE = WORD_PATTERNS["fiscal_before"]
DIGEST_ITEM = WORD_PATTERNS["digest_item"]
DIGEST_OPENING = rulebook.regex(r"\s*" + WORD_PATTERNS["digest_opening"].pattern)
YEAR_CONTEXT_BREAK = WORD_PATTERNS["year_context_break"]
MEETING_MONTH = WORD_PATTERNS["meeting_month"]
PAST_YEAR_BEFORE = WORD_PATTERNS["past_year_before"]
PAST_EVENT_AFTER = WORD_PATTERNS["past_event_after"]
SAME_PERIOD = tuple(WORDS["comparison_same_period"]["words"])
# 自去年9月…以来: a point or month opened by 自/从 and closed by 以来 later in the clause is a "since" period.
SINCE_TAIL = rulebook.regex(r"[^。；！？\n]{0,40}?以来")


# Every time expression holds 年, 月, 季, 昨, 告期 (报告期), 过去 (过去24小时), 周/星期/礼拜 (周二), 隔夜, 交易日
# (前一交易日), 前一日, 发稿 (截至发稿), a digit before 日 (24日) or Q1–Q4; scanning only near those characters is
# many times faster than running the whole alternation at every position. No expression starts more than 12
# characters before its first such character (自二〇二五年, 2025 至 2026 年) or runs 20 past it.
_ANCHOR = rulebook.regex(r"[年月季昨周]|告期|过去|星期|礼拜|隔夜|交易日|前一日|发稿|\d ?日|Q[1-4]")


@functools.cache
def _kind_starts() -> tuple[tuple[object, str], ...]:
    """(the characters a kind's match can start with, the kind's part of TIME_PATTERN), in TIME_PATTERN's order."""
    return tuple((pattern_starts(part) or EVERY_CHARACTER, part) for part in _KIND_PATTERNS)


@functools.cache
def _time_starts() -> Starts | object:
    """The characters a time expression can start with (an expression is tried only there): its kinds' together, as
    ``first_characters(TIME_PATTERN)`` reads them, from the parse trees the per-character patterns read anyway."""
    kinds = [starts for starts, _ in _kind_starts()]
    if any(starts is EVERY_CHARACTER for starts in kinds):
        return EVERY_CHARACTER
    return Starts(frozenset().union(*(starts.chars for starts in kinds)), any(starts.digits for starts in kinds))


_BY_FIRST: dict[str, re.Pattern | None] = {}  # one entry per character that can start a time expression


def _time_pattern_at(char: str) -> re.Pattern | None:
    """TIME_PATTERN less the kinds whose matches cannot start with ``char``, the others in the same order: at a start
    that holds ``char`` it matches what TIME_PATTERN matches (the alternation's first alternative that matches there,
    and one that cannot begin with the character fails there), without trying the 36 kinds' patterns one by one."""
    if char not in _BY_FIRST:
        parts = [part for starts, part in _kind_starts() if char in starts]
        _BY_FIRST[char] = rulebook.regex("|".join(parts)) if parts else None
    return _BY_FIRST[char]


def time_matches(text: str):
    """The matches ``TIME_PATTERN.finditer(text)`` gives, found by searching only around anchor characters: the
    leftmost match that starts at or before the anchor, tried start by start (a match starting after the anchor
    would not hold it, so those starts are not tried), each with only the kinds that can start with its character."""
    cursor = 0
    starts = _time_starts()
    for anchor in _ANCHOR.finditer(text):
        position = anchor.start()
        if position < cursor:
            continue
        for start in range(max(cursor, position - 12), position + 1):
            if text[start] not in starts or (pattern := _time_pattern_at(text[start])) is None:
                continue
            match = pattern.match(text, start, position + 20)
            if match is not None:
                cursor = match.end()
                yield match
                break


@functools.cache
def _point_markers() -> tuple[str, ...]:
    return tuple(rulebook.lexicon()["periods"]["point_before"])


def _opens_since(text: str, match: re.Match, row: dict) -> bool:
    """以来 closes the clause, and the expression is opened by 自/从 or (unless the row says `opened_only`) no comma
    comes before 以来."""
    since = SINCE_TAIL.match(text, match.end())
    opened = text[match.start() - 1:match.start()] in row["words"]
    return bool(since) and (opened or ("，" not in since.group() and not row.get("opened_only")))


YTD_POINT_REACH = 25  # characters between 截至1月14日 and the 今年以来 it closes (截至4月15日，光纤指数今年以来)


def _ytd_to_point(text: str, point: TimeSpan, match: re.Match, groups: dict) -> Period | None:
    """截至4月15日，光纤指数今年以来…: a year to date that runs to the day 截至 named just before it in its
    sentence, not to publication."""
    between = text[point.end:match.start()]
    if point.kind != "date" or len(between) > YTD_POINT_REACH or any(c in between for c in "。；！？\n"):
        return None
    if not text.endswith(_point_markers(), max(0, point.start - 3), point.start):
        return None
    # 今年以来 is the point's year; 去年以来 (截至2022年1月19日，去年以来…) starts the year before it
    year = _int(groups["year"]) if "year" in groups else int(point.period.end[:4]) + RELATIVE_YEARS.get(
        groups.get("rel"), 0)
    return Period(f"{year}-01-01", point.period.end) if f"{year}-01-01" <= point.period.end else None




QUARTER_DAYS = range(85, 95)  # the length of a quarter, in days
THIS_QUARTER_REACH = 600  # characters back from 本季度 to the quarter a results story named


def _quarter_just_named(spans: list, match: re.Match) -> Period | None:
    """本季度/当季/该季度: the last reporting period named within reach before it that is a quarter (一季度, 4至6月,
    截至6月30日止三个月), else none."""
    for span in reversed(spans):
        if match.start() - span.end > THIS_QUARTER_REACH:
            return None
        days = (date.fromisoformat(span.period.end) - date.fromisoformat(span.period.start)).days
        if span.kind in REPORTING_PERIODS and days in QUARTER_DAYS:
            return span.period
    return None


def _month_before_named(text: str, spans: list, match: re.Match) -> Period | None:
    """由上月… after 3月份 in the same sentence: the month before the month named (February)."""
    if not spans or spans[-1].kind not in ("month", "month_planned") or "。" in text[spans[-1].end:match.start()]:
        return None
    first = date.fromisoformat(spans[-1].period.start)
    if spans[-1].period.end != _month_end(first.year, first.month).isoformat():
        return None
    before = (first - timedelta(days=1)).replace(day=1)
    return _range(before, _month_end(before.year, before.month))


def _point_before(text: str, match: re.Match, row: dict) -> bool:
    """截至/截止 just before: the point at the end of the month named."""
    return text.endswith(_point_markers(), max(0, match.start() - 3), match.start())


def _preceded(text: str, match: re.Match, row: dict) -> bool:
    """One of the row's words just before the expression (到2027年, 截至2025年)."""
    return text.endswith(tuple(row["words"]), max(0, match.start() - 4), match.start()) or \
        (match.start() > 0 and text[match.start() - 1] in "到至" and text[:match.start() - 1].strip() == "")


def _looks_ahead(text: str, match: re.Match, row: dict) -> bool:
    """A bare 年末/年底 in a forecast: a target word right after it (年末目标价) or a forecast word before it in its
    clause (预计年底前)."""
    if not match.group().startswith("年"):
        return False
    clause = text[max(0, match.start() - 20):match.start()].rsplit("，", 1)[-1].rsplit("。", 1)[-1]
    return text.startswith(tuple(row["after"]), match.end()) or any(word in clause for word in row["before"])


def _bare_in_forecast(text: str, match: re.Match, row: dict) -> bool:
    """A quarter or month written without a year (三季度) after a forecast word in its clause (公司预计三季度营收),
    or right after a clause that ends with one (调查预测，8月…)."""
    if "年" in match.group():
        return False
    if text.startswith(tuple(row.get("after", ())), match.end()):
        return True  # 9月或再加息25个基点: the forecast word right after the month
    *earlier, clause = re.split("[，。；]", text[max(0, match.start() - 12):match.start()])
    said = bool(earlier) and text[match.start() - len(clause) - 1] == "，" and earlier[-1].endswith(tuple(row["before"]))
    return said or any(word in clause for word in row["before"])  # 调查预测，8月OSP溢价: the forecast says what follows


def _after_point(text: str, match: re.Match, row: dict) -> bool:
    """截至/截止 opens the clause before the expression in its sentence (截至2月28日，年内累计…; 截至目前，年内…)."""
    before = re.split("[。；！？\n]", text[max(0, match.start() - row["reach"]):match.start()])[-1]
    return any(marker in before for marker in _point_markers())


def _runs_to_now(text: str, match: re.Match, row: dict) -> bool:
    """One of the row's words right after the expression (2024年9月至今, 3月底至今, 自7月27日至今)."""
    return text.startswith(tuple(row["after"]), match.end())


def _done_after(text: str, match: re.Match, row: dict) -> bool:
    """One of the row's `after` words in the rest of its clause, within `reach` characters (年内累计涨幅, 年内已有8家,
    年内大涨逾50%), and none of its `unless` words there or in its clause before it (年内将, 预计年内)."""
    rest = re.split("[，,。；！？\n]", text[match.end():match.end() + row["reach"]])[0]
    before = re.split("[，,。；！？\n]", text[max(0, match.start() - row["reach"]):match.start()])[-1]
    return any(word in rest for word in row["after"]) and not any(word in rest or word in before
                                                                   for word in row["unless"])


REFINE_WHEN: dict[str, Callable[[str, re.Match, dict], bool]] = {"since": _opens_since, "point_before": _point_before,
                                                                  "ahead": _looks_ahead, "preceded": _preceded,
                                                                  "bare_in_forecast": _bare_in_forecast,
                                                                  "after_point": _after_point, "to_now": _runs_to_now,
                                                                  "done_after": _done_after}


def _refine_kind(text: str, match: re.Match, kind: str) -> tuple[str, str]:
    """The kind the words around the match make it (period.toml [[refine]]), and the rule id that says so."""
    for row in REFINEMENTS:
        if kind in _REFINE_FROM[row["id"]] and REFINE_WHEN[row["when"]](text, match, row):
            return row["to"], row["id"]
    return kind, KIND_RULE[kind]


def _not_a_period(text: str, match: re.Match) -> bool:
    """The base of a comparison (比上年末, 去年同期), of an index (以2015年为100), of a record (1997年…以来之最), a
    bond's name (2025年首期), a law's (《1974年贸易法》), a document number's (公告2025年第87号) or a meeting's (9月加息,
    10月议息会议)."""
    start, end = match.start(), match.end()
    if COMPARISON_BASE.search(text[max(0, start - 3):start]) or text.startswith(SAME_PERIOD, end):
        return True
    if match.lastgroup == "year" and any(pattern.match(text, end) for pattern in YEAR_NAMES):
        return True  # 以2015年为100; 《1974年贸易法》; 触及2026年收盘高点; 商务部公告2025年第87号
    if RECORD_BASE.match(text, end) or (match.group().endswith("以来") and RECORD.match(text, end)):
        return True
    if match.lastgroup in QUARTER_KINDS and FISCAL_BEFORE.search(text, max(0, start - 4), start):
        return True  # 即2027财年第一季度, 2027财年Q1: a fiscal quarter
    if match.lastgroup == "month" and MEETING_MONTH.match(text, end) is not None:
        return True  # 美联储9月加息: a meeting's name
    return match.lastgroup == "year" and BOND_NAME.match(text, end) is not None


def _past_year(text: str, match: re.Match) -> bool:
    """A year that dates a past event or starts a record (2022年俄乌冲突后, 2018年加息时, 路透社追溯至2003年的数据,
    早在2025年): it gives no year to the year-less months after it."""
    return bool(PAST_YEAR_BEFORE.search(text, max(0, match.start() - 6), match.start())
                or (match.lastgroup == "year" and PAST_EVENT_AFTER.match(text, match.end())))


@dataclass
class TimeSpan:
    start: int
    end: int
    period: Period
    kind: str
    rule: str = ""  # the period.toml row that gave the kind ([[kind]] or [[refine]])


_START, _END = operator.attrgetter("start"), operator.attrgetter("end")


def ending_by(times, position: int) -> int:
    """How many of ``times`` (in text order, not overlapping, as ``PeriodResolver.find`` gives them: their starts
    and ends both ascend) end at or before ``position``; a bisection, so a figure costs the same in any size of text."""
    return bisect.bisect_right(times, position, key=_END)


def starting_from(times, position: int) -> int:
    """The index of the first of ``times`` that starts at or after ``position``."""
    return bisect.bisect_left(times, position, key=_START)


def times_within(times, start: int, end: int) -> list:
    """The time expressions that lie inside ``start:end``, in order (``times`` as for :func:`ending_by`)."""
    return times[starting_from(times, start):ending_by(times, end)]


def parse_date(value: str | None) -> date | None:
    """A publication date from ISO (2025-05-26, 2025-05-26T10:00), RFC 2822 or 2025年5月26日 text."""
    if not value:
        return None
    return _parse_date_text(str(value).strip())


@functools.lru_cache(maxsize=1024)  # a pure function of the text; every document and its figures' periods ask again
def _parse_date_text(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    match = re.match(r"(\d{4})[年/.-](\d{1,2})[月/.-](\d{1,2})", value)
    if match:
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            return None
    from email.utils import parsedate_to_datetime  # RFC 2822 dates only: its import is 2% of a cold start
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


parse_iso_date = parse_date


def _int(text: str) -> int:
    return int(parse_number(text))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _range(first: date, last: date) -> Period:
    return Period(first.isoformat(), last.isoformat())


class PeriodResolver:
    """Finds time expressions in a (normalized) text and resolves them against ``published``."""

    def __init__(self, published: str | None):
        self.published = parse_date(published)
        self.context_year: int | None = None
        self.last_report: Period | None = None  # the last reporting span named (2021年度, 2026年半年度)

    def find(self, text: str) -> list[TimeSpan]:
        """Every time expression, in order. A year left out is taken from the last expression that named
        one (2019年末 … 全年增加 → 2019), else from the publication date."""
        spans = []
        self.context_year, self.last_report = None, None
        last = 0
        for match in time_matches(text):
            if YEAR_CONTEXT_BREAK.search(text, last, match.start()):
                self.context_year = None  # a new paragraph or digest item: a bare month is of publication's year again
            last = match.end()
            if _not_a_period(text, match):
                self._document_year(text, match)
                continue
            kind = match.lastgroup
            groups = {short: value for name, short in _KIND_GROUPS[kind]
                      if (value := match.group(name)) is not None}
            kind, rule = _refine_kind(text, match, kind)
            period = self._resolve(kind, groups)
            if kind == "ytd" and spans:
                period = _ytd_to_point(text, spans[-1], match, groups) or period
            elif kind == "this_quarter":
                period = _quarter_just_named(spans, match)
            elif kind == "month_before_named":
                period = _month_before_named(text, spans, match) or period
            if period is not None:
                spans.append(TimeSpan(match.start(), match.end(), period, kind, rule))
                self._set_context(kind, groups, period, text, match)
        return spans

    def _document_year(self, text: str, match: re.Match) -> None:
        """公告2022年第8号 in an item with no published date: no period, but the year it writes for the year-less
        dates after it (real-gold/README.md: undated items take the year they write)."""
        written = match.group("year__year") if match.lastgroup == "year" else None
        if self.published is None and written and DOCUMENT_NUMBER.match(text, match.end()):
            self.context_year = _int(written)

    def _set_context(self, kind: str, groups: dict, period: Period, text: str, match: re.Match) -> None:
        """A reporting period written with its year sets the context (2019年末 … 全年); a dateline (2021年1月12日)
        does not, nor a past event's year or a record's start (_past_year); a relative year (今年, 去年) or a span
        that runs to publication (2003年以来, 自2021年8月以来: they speak of now) hands back to the publication date."""
        if kind in REPORTING_PERIODS and period.start != period.end:
            self.last_report = period
        to_now = self.published is not None and (period.start != period.end == self.published.isoformat() or (
            kind == "week" and period.start <= self.published.isoformat()))  # 本周 (to Friday in a weekend story)
        if "rel" in groups or to_now:
            self.context_year = None
        elif "year" in groups and kind not in DAY_KINDS and not _past_year(text, match):
            self.context_year = int((period.end if "y2" in groups else period.start)[:4])  # 2025年9月至2026年3月

    def _resolve(self, kind: str, groups: dict) -> Period | None:
        try:
            return RESOLVERS[KIND_RESOLVER[kind]](self, groups)
        except (ValueError, KeyError, TypeError, OverflowError):
            return None  # 2月30日, or a date with no year and no publication date to give one

    def year_of(self, groups: dict, month: int = 12, day: int | None = None) -> int | None:
        """The year the expression names, or the latest year that does not run past publication."""
        if "year" in groups:
            return _int(groups["year"])
        base = self.published
        if base is None:  # an undated text: the year it last named (2021年全年…三季度增长4.9%)
            return None if groups.get("rel") else self.context_year
        if groups.get("rel"):
            return base.year + RELATIVE_YEARS[groups["rel"]]
        if day is not None:
            # a day written without a year is the nearest such day: 于9月16日 in a September 6 story is ahead
            try:
                options = [date(base.year + k, month, day) for k in (-1, 0, 1)]
            except ValueError:
                return base.year
            return min(options, key=lambda d: abs((d - base).days)).year
        if self.context_year and date(self.context_year, month, 1) <= base:
            return self.context_year
        # no year written: 截至4月底 in a May story is this year; 12月末 in a February story is last year
        first = date(base.year, month, 1)
        return base.year if first <= base else base.year - 1


# ---- one resolver per kind (period.toml names it): (resolver, the match's groups) -> period or None ----------

Resolver = Callable[[PeriodResolver, dict], "Period | None"]


def _year_to_date(r: PeriodResolver, g: dict) -> Period | None:
    year = r.year_of(g, 1)
    if year is None or r.published is None:
        return None
    return _range(date(year, 1, 1), r.published)


def _since(first: date, published: date) -> Period:
    """From ``first`` to publication; a start after publication (自2028年8月起征收) is the day a plan takes effect."""
    return _range(first, max(first, published))


def _since_month(r: PeriodResolver, g: dict) -> Period | None:
    month = _int(g["m"])
    year = r.year_of(g, month)
    if year is None or r.published is None:
        return None
    return _since(date(year, month, 1), r.published)


def _since_date(r: PeriodResolver, g: dict) -> Period | None:
    month, day = _int(g["m"]), _int(g["d"])
    year = r.year_of(g, month, day)
    if year is None or r.published is None:
        return None
    return _since(date(year, month, day), r.published)


def _since_point(r: PeriodResolver, g: dict) -> Period | None:
    """自6月底以来, 去年底以来, 一季度末以来: from the end of the month, year or quarter named to publication."""
    point = _quarter_end(r, g) if "q" in g else (_month_end_kind(r, g) if "m" in g else _year_end(r, g))
    if point is None or r.published is None or point.start > r.published.isoformat():
        return None
    return Period(point.start, r.published.isoformat())


MONTHS_ENDED = {"三": 3, "六": 6, "九": 9, "十二": 12}


def _months_ended(r: PeriodResolver, g: dict) -> Period | None:
    """截至2021年9月30日止九个月: the months that end on that day; 截至6月的三个月: with the month. With no year
    written, the months are the last such months ended by publication (not a year an earlier sentence named)."""
    month, day = _int(g["m"]), (_int(g["d"]) if "d" in g else None)
    written = "year" in g or "rel" in g or r.published is None
    year = r.year_of(g, month, day) if written else _year_ended_by(r.published, month, day)
    if year is None:
        return None
    last = date(year, month, day) if day else _month_end(year, month)
    months = MONTHS_ENDED.get(g["k"]) or int(g["k"])
    first_year, first_month = divmod(year * 12 + month - months, 12)  # the month after the one ``months`` back
    return _range(date(first_year, first_month + 1, 1), last)


def _year_ended_by(published: date, month: int, day: int | None) -> int:
    """The latest year whose ``month`` (its ``day``, else its last day) is over by ``published``."""
    last = date(published.year, month, day) if day else _month_end(published.year, month)
    return published.year if last <= published else published.year - 1


def _previous_trading_day(r: PeriodResolver, g: dict) -> Period | None:
    """前一交易日: the weekday before publication."""
    if r.published is None:
        return None
    day = r.published - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return _range(day, day)


def _date_range(r: PeriodResolver, g: dict) -> Period | None:
    m1, d1 = _int(g["m1"]), _int(g["d1"])
    m2, d2 = _int(g.get("m2") or g["m1"]), _int(g["d2"])
    year = r.year_of(g, m1, d1)
    if year is None:
        return None
    first = date(year, m1, d1)
    last = date(_int(g["y2"]) if g.get("y2") else year, m2, d2)  # 2024年6月1日至2025年12月31日
    if last < first:
        last = date(year + 1, m2, d2)
    return _range(first, last)


def _year_range(r: PeriodResolver, g: dict) -> Period | None:
    first, last = _int(g["y1"]), _int(g["y2"])
    return _range(date(first, 1, 1), date(last, 12, 31)) if first < last else None


def _report_period(r: PeriodResolver, g: dict) -> Period | None:
    return r.last_report


def _this_quarter(r: PeriodResolver, g: dict) -> Period | None:
    return None  # 本季度 takes the quarter named just before it (PeriodResolver.find, _quarter_just_named)


def _report_period_end(r: PeriodResolver, g: dict) -> Period | None:
    return None if r.last_report is None else Period(r.last_report.end, r.last_report.end)


def _this_month_day(r: PeriodResolver, g: dict) -> Period | None:
    pub = r.published
    if pub is None:
        return None
    day = date(pub.year, pub.month, _int(g["d"]))
    return _range(day, day)


def _day_of_month(r: PeriodResolver, g: dict) -> Period | None:
    """24日 with no month: that day nearest publication, in its month or the one before or after."""
    pub, wanted = r.published, _int(g["d"])
    if pub is None:
        return None
    days = []
    for shift in (-1, 0, 1):
        year, month = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
        if wanted <= calendar.monthrange(year, month + 1)[1]:
            days.append(date(year, month + 1, wanted))
    day = min(days, key=lambda d: abs((d - pub).days))
    return _range(day, day)


def _relative_month(r: PeriodResolver, g: dict) -> Period | None:
    if r.published is None:
        return None
    first = date(r.published.year, r.published.month, 1)
    if g["rm"] == "上":
        first = (first - timedelta(days=1)).replace(day=1)
    return _range(first, _month_end(first.year, first.month))


def _yesterday(r: PeriodResolver, g: dict) -> Period | None:
    if r.published is None:
        return None
    day = r.published - timedelta(days=1)
    if g.get("d"):  # 昨（15）日 names the day; a story dated past midnight keeps it
        day = date(day.year, day.month, _int(g["d"])) if _int(g["d"]) <= day.day else day
    return _range(day, day)


WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEK_OFFSET = {"上": -7, "本": 0, "下": 7}


def _weekday(r: PeriodResolver, g: dict) -> Period | None:
    """周二, 本周三, 上周四, 下周一: that day of the named week; a bare weekday is the latest up to publication, or
    after 将于/定于 the next from it."""
    if r.published is None:
        return None
    wanted, pub = WEEKDAYS[g["wd"]], r.published
    if g.get("wk"):
        day = pub - timedelta(days=pub.weekday()) + timedelta(days=WEEK_OFFSET[g["wk"]] + wanted)
    elif g.get("ahead"):
        day = pub + timedelta(days=(wanted - pub.weekday()) % 7)
    else:
        day = pub - timedelta(days=(pub.weekday() - wanted) % 7)
    return _range(day, day)


def _week(r: PeriodResolver, g: dict) -> Period | None:
    """本周/这周: Monday of the story's week to the story's date (in a weekend story to the Friday, the week's last
    trading day); 上周: the calendar week before, Monday to Sunday."""
    pub = r.published
    if pub is None:
        return None
    monday = pub - timedelta(days=pub.weekday())
    if g["wk"] == "上":
        return _range(monday - timedelta(days=7), monday - timedelta(days=1))
    return _range(monday, min(pub, monday + timedelta(days=4)))


PAST_UNIT_DAYS = {"周": 7, "天": 1, "日": 1}


def _past_span(r: PeriodResolver, g: dict) -> Period | None:
    """过去16个月, 过去三年, 过去30天, 过去24小时: from the same day that long before publication to publication."""
    if r.published is None:
        return None
    n, unit, last = _int(g["n"]), g["unit"], r.published
    if unit == "小时":
        return _range(last - timedelta(days=-(-n // 24)), last)
    if unit in PAST_UNIT_DAYS:
        return _range(last - timedelta(days=n * PAST_UNIT_DAYS[unit]), last)
    year, month = divmod(last.year * 12 + last.month - 1 - n * (12 if unit == "年" else 1), 12)
    return _range(date(year, month + 1, min(last.day, calendar.monthrange(year, month + 1)[1])), last)


def _week_ending(r: PeriodResolver, g: dict) -> Period | None:
    """截至7月14日当周, 截至1月9日的一周: the seven days that end on the day named; a week ending on a Friday is
    its trading week, Monday to Friday (as 本周 in a weekend story)."""
    day = _date(r, g)
    if day is None:
        return None
    last = date.fromisoformat(day.end)
    return _range(last - timedelta(days=4 if last.weekday() == calendar.FRIDAY else 6), last)


def _publication_day(r: PeriodResolver, g: dict) -> Period | None:
    """截至发稿: the story's date."""
    return None if r.published is None else _range(r.published, r.published)


def _new_year_day(r: PeriodResolver, g: dict) -> Period | None:
    """2022年元旦: 1 January of the year named."""
    year = r.year_of(g, 1, 1)
    return None if year is None else _range(date(year, 1, 1), date(year, 1, 1))


def _year_kind(r: PeriodResolver, g: dict) -> Period | None:
    year = r.year_of(g)
    return None if year is None else _range(date(year, 1, 1), date(year, 12, 31))


def _rest_of_year(r: PeriodResolver, g: dict) -> Period | None:
    pub = r.published
    return None if pub is None else Period(pub.isoformat(), f"{pub.year}-12-31")


def _this_year_so_far(r: PeriodResolver, g: dict) -> Period | None:
    """The publication's year from its start to publication, whatever year the text named before (年内 is now's)."""
    pub = r.published
    return None if pub is None else _range(date(pub.year, 1, 1), pub)


def _full_year(r: PeriodResolver, g: dict) -> Period | None:
    pub = r.published
    year = r.year_of(g, 1)
    if "year" not in g and "rel" not in g and "ahead" not in g and pub is not None and year == pub.year \
            and pub.month <= 3 and not r.context_year:
        year -= 1  # 全年 in a January–March release is the year just ended, unless a forecast word leads it
    return None if year is None else Period(f"{year}-01-01", f"{year}-12-31")


def _year_end_ahead(r: PeriodResolver, g: dict) -> Period | None:
    return None if r.published is None else Period(f"{r.published.year}-12-31", f"{r.published.year}-12-31")


FORECAST_QUARTER_LAG = timedelta(days=92)  # a quarter ended this recently is still forecast (预计二季度营收 in July)


def _quarter_ahead(r: PeriodResolver, g: dict) -> Period | None:
    """A forecast's 三季度: the first quarter of that number ended at most a quarter before publication, else ahead."""
    q = _int(g["q"])
    if r.published is None or not 1 <= q <= 4:
        return _quarter(r, g)
    end = _month_end(r.published.year - 1, 3 * q)
    while end < r.published - FORECAST_QUARTER_LAG:
        end = _month_end(end.year + 1, 3 * q)
    return _range(date(end.year, end.month - 2, 1), end)


def _year_end(r: PeriodResolver, g: dict) -> Period | None:
    pub = r.published
    year = r.year_of(g, 12) if "year" in g or "rel" in g else (pub.year - 1 if pub else None)
    return None if year is None else Period(f"{year}-12-31", f"{year}-12-31")


def _months(r: PeriodResolver, g: dict, first: int, last: int) -> Period | None:
    if not 1 <= first <= last <= 12:
        return None
    year = r.year_of(g, last)
    return None if year is None else _range(date(year, first, 1), _month_end(year, last))


def _first_months(r: PeriodResolver, g: dict) -> Period | None:
    return _months(r, g, 1, _int(g["n"]))


def _month_range(r: PeriodResolver, g: dict) -> Period | None:
    return _months(r, g, _int(g["m1"]), _int(g["m2"]))


def _month_range_years(r: PeriodResolver, g: dict) -> Period | None:
    """2025年9月至2026年3月: from the first month's start to the last month's end."""
    first_year, last_year, m1, m2 = r.year_of(g, 1), _int(g["y2"]), _int(g["m1"]), _int(g["m2"])
    if first_year is None or not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (first_year, m1) >= (last_year, m2):
        return None
    return _range(date(first_year, m1, 1), _month_end(last_year, m2))


def _quarter_end_date(r: PeriodResolver, g: dict) -> date | None:
    """The last day of the quarter named (q) or of the last of the first quarters (nq)."""
    q = _int(g["q"] if "q" in g else g["nq"])
    if not 1 <= q <= 4:
        return None
    year = r.year_of(g, 3 * q)
    return None if year is None else _month_end(year, 3 * q)


def _quarter(r: PeriodResolver, g: dict) -> Period | None:
    """The quarter named, of the year it writes, else the latest one begun by publication: 三季度 in an August story
    is the quarter under way (its guidance, prices, forecasts), not last year's."""
    q = _int(g["q"])
    if not 1 <= q <= 4:
        return None
    year = r.year_of(g, 3 * q - 2)
    return None if year is None else _range(date(year, 3 * q - 2, 1), _month_end(year, 3 * q))


def _quarter_end(r: PeriodResolver, g: dict) -> Period | None:
    end = _quarter_end_date(r, g)
    return None if end is None else _range(end, end)


def _first_quarters(r: PeriodResolver, g: dict) -> Period | None:
    end = _quarter_end_date(r, g)
    return None if end is None else _range(date(end.year, 1, 1), end)


def _first_quarter(r: PeriodResolver, g: dict) -> Period | None:
    """今年首季: the first quarter of the year named."""
    return _quarter(r, {**g, "q": "1"})


def _half(r: PeriodResolver, g: dict) -> Period | None:
    """上半年, 下半年: of the year written, else of this year once the half's ``year_from_month`` has come (the
    ``half-year`` row of period.toml), else of last year."""
    last = 6 if g["h"] == "上" else 12
    year = r.year_of(g, HALF_YEAR_FROM[g["h"]])
    return None if year is None else _range(date(year, last - 5, 1), _month_end(year, last))


def _half_year_report(r: PeriodResolver, g: dict) -> Period | None:
    return _half(r, {**g, "h": "上"})  # 2026年半年度: the first half


def _month_number(g: dict) -> int | None:
    month = _int(g["m"])
    return month if 1 <= month <= 12 else None


def _month(r: PeriodResolver, g: dict) -> Period | None:
    month = _month_number(g)
    year = None if month is None else r.year_of(g, month)
    return None if year is None else _range(date(year, month, 1), _month_end(year, month))


def _nearest_year(r: PeriodResolver, g: dict) -> dict | None:
    """The groups with the year of the month named that lies nearest publication (决定4月增产 in March: this April)."""
    month = _month_number(g)
    if month is None or r.published is None:
        return None
    pub = r.published
    year = min((pub.year - 1, pub.year, pub.year + 1), key=lambda y: abs((date(y, month, 15) - pub).days))
    return {**g, "year": str(year)}


def _month_nearest(r: PeriodResolver, g: dict) -> Period | None:
    return _month(r, _nearest_year(r, g) or g)  # an undated text: the year it last named, as for any month


def _month_end_nearest(r: PeriodResolver, g: dict) -> Period | None:
    return _month_end_kind(r, _nearest_year(r, g) or g)


def _month_end_kind(r: PeriodResolver, g: dict) -> Period | None:
    month = _month_number(g)
    year = None if month is None else r.year_of(g, month)
    return None if year is None else _range(_month_end(year, month), _month_end(year, month))


TEN_DAYS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}


def _month_part(r: PeriodResolver, g: dict) -> Period | None:
    """2021年12月下旬 → 2021-12-21..2021-12-31: a month's ten days (下旬 to the month's end)."""
    month = _month_number(g)
    year = None if month is None else r.year_of(g, month)
    if year is None:
        return None
    first, last = TEN_DAYS[g["part"]]
    end = _month_end(year, month)
    return _range(date(year, month, first), min(end, date(year, month, min(last, end.day))))


def _date(r: PeriodResolver, g: dict) -> Period | None:
    month = _month_number(g)
    if month is None or r.year_of(g, month) is None:
        return None
    day = date(r.year_of(g, month, _int(g["d"])), month, _int(g["d"]))
    return _range(day, day)


RESOLVERS: dict[str, Resolver] = {
    "year_to_date": _year_to_date, "since_month": _since_month, "since_date": _since_date,
    "date_range": _date_range, "year_range": _year_range, "report_period": _report_period,
    "report_period_end": _report_period_end, "this_quarter": _this_quarter,
    "since_point": _since_point, "months_ended": _months_ended, "previous_trading_day": _previous_trading_day,
    "this_month_day": _this_month_day, "day_of_month": _day_of_month, "relative_month": _relative_month, "yesterday": _yesterday,
    "weekday": _weekday, "week": _week, "week_ending": _week_ending, "publication_day": _publication_day,
    "past_span": _past_span, "year": _year_kind, "new_year_day": _new_year_day, "rest_of_year": _rest_of_year, "full_year": _full_year,
    "this_year_so_far": _this_year_so_far,
    "year_end": _year_end, "year_end_ahead": _year_end_ahead, "quarter_ahead": _quarter_ahead, "first_months": _first_months,
    "month_range": _month_range, "month_range_years": _month_range_years, "quarter": _quarter,
    "quarter_end": _quarter_end, "first_quarters": _first_quarters, "first_quarter": _first_quarter, "half": _half,
    "half_year_report": _half_year_report, "month": _month, "month_nearest": _month_nearest,
    "month_end_nearest": _month_end_nearest, "month_part": _month_part, "month_end": _month_end_kind, "date": _date,
}
KIND_RESOLVER = {row["kind"]: row["resolver"] for row in KINDS}
HALF_YEAR_FROM = next(row["year_from_month"] for row in KINDS if row["resolver"] == "half")
_unknown = {row["resolver"] for row in KINDS} - set(RESOLVERS)
if _unknown:
    raise rulebook.RuleFileError(f"{RULES}.toml: [[kind]] names resolvers that do not exist: {sorted(_unknown)}")


# ---- the period of a figure (corpus/README.md, "Conventions we settled"; period.toml [[nearest]], [[override]]) ----
LEAD_CHARS = 120  # a period stated this near the start (title, dateline, first sentence) is the text's own
FORECAST_WORDS = WORD_PATTERNS["forecast"]
OLD_VALUE = WORD_PATTERNS["old_value"]
CHANGE_DATED_BEFORE = tuple(WORDS["change_dated"]["words"])  # 已于3月30日将…, 决定在2026年将…: a change's date
SPREAD = WORD_PATTERNS["spread"]
SINCE_EVENT = WORD_PATTERNS["since_event"]
RESULT_FORECAST_NAMED = WORD_PATTERNS["result_forecast_named"]
CONSENSUS = WORD_PATTERNS["consensus_of_figure_before"]
STATISTIC_RATE = WORD_PATTERNS["statistic_rate"]  # a statistic or a company's result, not a policy parameter
MARKET_DAY = WORD_PATTERNS["market_day"]


@functools.cache
def _market_day() -> re.Pattern:
    """MARKET_DAY and the price-move words of real_text.toml (market-move-day): a market report's trading day."""
    lexicon = rulebook.lexicon()
    words = sorted(lexicon["periods"]["market_day_words"], key=len, reverse=True)
    comparisons = [*lexicon["comparisons"]["yoy"], *lexicon["comparisons"]["mom"]]
    # 核心CPI同比上涨1.4% is a statistic: the comparison is looked back at after the word (上涨(?<!同比上涨)), the
    # same test as before it, so that every branch starts with a literal and the search skips ahead by character
    # a short word inside a longer one (跌 in 下跌) is looked back at with the longer word too: 按年下跌 stays out
    return rulebook.regex("|".join([MARKET_DAY.pattern, *(re.escape(word) + "".join(
        f"(?<!{re.escape(comparison + longer)})" for longer in words if longer.endswith(word)
        for comparison in comparisons) for word in words)]))


def _search_words(name: str) -> Callable[..., re.Match | None]:
    """The search of a [[words]] row; market_day adds the real-text price moves."""
    return _words_pattern(name).search


@functools.cache
def _literal(word: str) -> re.Pattern:
    return re.compile(re.escape(word))


def _words_pattern(name: str) -> re.Pattern:
    """The pattern of a [[words]] row; market_day adds the real-text price moves."""
    return _market_day() if name == "market_day" else WORD_PATTERNS[name]


DATELINE = rulebook.regex(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:电|讯)")


def story_date(text: str, published: str | None) -> str | None:
    """The story's own date from a dateline near its start (新华社北京5月17日电, 本报北京5月7日讯), in the year of
    the page's date (the year before when that would put it after the page); None without both.

    A page can carry a later date than the story it reposts; relative dates (今年, 上月) belong to the story."""
    page = parse_date(published)
    match = DATELINE.search(text, 0, 300)
    if page is None or match is None:
        return None
    try:
        day = date(page.year, int(match.group("m")), int(match.group("d")))
        if day > page:
            day = date(page.year - 1, day.month, day.day)
    except ValueError:
        return None
    return day.isoformat()


@dataclass
class PeriodChoice:
    """A figure's period and why: the period.toml row that decided ("row/kind row" when it took a time
    expression) and the words it used."""
    period: Period | None
    rule: str
    words: str = ""
    read_over: Period | None = None  # a span the text reads the figure over though it gives no period (measure)

    @property
    def explain(self) -> dict[str, str]:
        return {"rule": self.rule, "words": self.words}


@dataclass
class FigureSite:
    """Where a figure stands: its start, sentence (start, end), clause start, where its own words start (after
    the figure before it), the period of the figure before it in its sentence, and its measure."""
    start: int
    sentence: tuple[int, int]
    clause_start: int | None
    near_start: int
    previous: Period | None
    measure: str
    inherit: bool = True


@dataclass
class TimesBefore:
    """The time expressions a figure may take: the nearest in its sentence, the last earlier in its paragraph, and
    the reporting period the lead states."""
    in_sentence: TimeSpan | None = None
    in_paragraph: TimeSpan | None = None
    in_text: TimeSpan | None = None


ACCOUNTS_BASE = WORDS["accounts_base_time"]
ACCOUNTS_BEFORE, ACCOUNTS_AFTER = WORD_PATTERNS["accounts_base_time"], rulebook.regex(ACCOUNTS_BASE["after"])


def _in_accounts_base(text: str, span: TimeSpan) -> bool:
    """约占公司2025年营业收入的18.9%: the year dates the accounts a share is taken of (words accounts_base_time)."""
    return bool(ACCOUNTS_BEFORE.search(text, max(0, span.start - 13), span.start)
                and ACCOUNTS_AFTER.match(text, span.end))


def _lead(text: str, reporting: list) -> TimeSpan | None:
    """The title or lead states the period a release reports (one named later speaks of its own paragraph); a
    digest's first item (今日热点导览, 大公司：…) is no lead of the items after it."""
    if not reporting or reporting[0].start >= LEAD_CHARS or DIGEST_OPENING.match(text):
        return None
    return reporting[0]


class FigurePeriods:
    """The time expressions of one text, and the choice of each figure's period among them."""

    def __init__(self, text: str, published: str | None):
        resolver = PeriodResolver(story_date(text, published) or published)
        self.text = text
        self.times = resolver.find(text)
        day = resolver.published.isoformat() if resolver.published else None
        self.published = Period(day, day) if day else None
        self.title_end = text.index("\n") if "\n" in text else None  # a title takes only the time it states
        # the expressions a figure may inherit from an earlier sentence, and those of them a text reports on
        self.inheritable = [span for span in self.times if span.kind not in SENTENCE_ONLY
                            and not _in_accounts_base(text, span)]
        reporting = [span for span in self.inheritable if span.kind in REPORTING_PERIODS
                     or (span.kind in LEAD_REPORTING and span.start < LEAD_CHARS)]
        self.lead = _lead(text, reporting)
        self._of_row: dict[str, list[TimeSpan]] = {}
        self._bracketed: list[TimeSpan] | None = None
        # a digest's items (　　 华友钴业 ：…) each start afresh, like paragraphs (words digest_item)
        self.item_starts = [match.end() for match in DIGEST_ITEM.finditer(text)]
        self.prefix = PrefixSearch(text)  # searches of a sentence up to each figure, linear in the sentence

    def bracketed(self) -> list[TimeSpan]:
        """The time expressions written right after an opening bracket (（3-5月）), found at the first ask: a fiscal
        year's figures ask for them, not for all of a long document's times."""
        if self._bracketed is None:
            self._bracketed = [span for span in self.times
                               if span.start and self.text[span.start - 1:span.start] in ("（", "(")]
        return self._bracketed

    def for_figure(self, start: int, sentence: tuple[int, int], clause_start: int, near_start: int,
                   previous: Period | None, measure: str, metric: str | None = None) -> Period | None:
        """Period of the figure at ``start`` in ``sentence`` (start, end); ``previous`` is the period of the
        figure before it in its sentence."""
        return self.choose(start, sentence, clause_start, near_start, previous, measure, metric).period

    def choose(self, start: int, sentence: tuple[int, int], clause_start: int, near_start: int,
               previous: Period | None, measure: str, metric: str | None = None) -> PeriodChoice:
        """``for_figure`` with the rule that chose the period and its words (for Figure.explain)."""
        # rates and shares are mostly policy parameters (a tool's rate, a ratio): they take no period from
        # other sentences, unlike statistics (PMI, CPI, 不良率), which a release dates once for many sentences
        inherit = measure not in ("rate", "share") or bool(STATISTIC_RATE.search(metric or ""))
        site = FigureSite(start, sentence, clause_start, near_start, previous, measure, inherit)
        choice = self._nearest(site)
        for row in OVERRIDES:
            override = OVERRIDE_STEPS[row["step"]](self, site, choice, row)
            if override is not None:
                return override
        return choice

    def stock_point(self, period: Period, sentence: tuple[int, int], explain: dict) -> Period:
        """The point a balance read over ``period`` is reported at: the period's end, or publication where that end
        lies after it and the span had begun by then with no forecast or plan in the figure's sentence (period.toml
        [[stock_point]]: the row's id then leads ``explain["period"]``'s rule)."""
        if self.published is None or not period.start <= self.published.start < period.end:
            return Period(period.end, period.end)
        for row in STOCK_POINTS:
            if not any(self.prefix.search_whole(WORD_PATTERNS[name], *sentence) for name in row["words"]):
                explain["period"] = {**explain["period"], "rule": f"{row['id']}/{explain['period']['rule']}"}
                return self.published
        return Period(period.end, period.end)

    def _nearest(self, site: FigureSite) -> PeriodChoice:
        """The first [[nearest]] row that decides: the nearest time expression before the figure in its sentence;
        else that of the figure before it in the sentence (a growth rate takes its level's); else the date the
        text gave "this" action (此次降准…); else the publication date for 目前/当日 and market days; else
        (``inherit``) the last time expression earlier in its paragraph (a single day not for amounts and counts:
        period.toml, in-paragraph); else the reporting period (2019年, 一季度, 4月1日至7月20日 — not a single day)
        that the title or lead states, which a statistics release states once (a period named later, outside the
        lead, speaks of its own paragraph only); else none."""
        before = self._times_before(site.start, site.sentence[0])
        for row in NEAREST:
            choice = NEAREST_STEPS[row["step"]](self, site, before, row)
            if choice is not None:
                return choice
        return PeriodChoice(None, "")

    def _times_before(self, start: int, sentence_start: int) -> TimesBefore:
        """The nearest time expression before ``start`` in its sentence; the last inheritable one (not
        ``sentence_only``) earlier in its paragraph; the reporting period the lead states, from a paragraph before
        the figure's. Bisections over the document's expressions, in time independent of their number."""
        paragraph_start = self.text.rfind("\n", 0, start) + 1
        found = TimesBefore()
        ended = ending_by(self.times, start)
        if ended and self.times[ended - 1].start >= sentence_start:
            found.in_sentence = self.times[ended - 1]
        inheritable = min(ending_by(self.inheritable, start), starting_from(self.inheritable, sentence_start))
        if inheritable and self.inheritable[inheritable - 1].start >= paragraph_start:
            found.in_paragraph = self.inheritable[inheritable - 1]
        lead = self.lead
        if lead is not None and lead.end <= start and lead.start < min(sentence_start, paragraph_start):
            found.in_text = lead
        return found

    def last_of_row(self, row: dict, before: int, test: Callable[[TimeSpan], bool] = lambda span: True):
        """The last time expression ending at or before ``before`` whose kind is one of ``row["kinds"]`` and that
        passes ``test`` (a function of the span and the text only, the same for every figure of a row)."""
        spans = self._of_row.get(row["id"])
        if spans is None:
            spans = self._of_row[row["id"]] = [t for t in self.times if t.kind in row["kinds"] and test(t)]
        index = ending_by(spans, before)
        return spans[index - 1] if index else None

    def in_earlier_item(self, span: TimeSpan, start: int) -> bool:
        """``span`` lies in an item of a digest before the one ``start`` is in (words digest_item)."""
        items = bisect.bisect_right(self.item_starts, start)
        return bool(items) and span.start < self.item_starts[items - 1]

    def in_title(self, start: int) -> bool:
        return self.title_end is not None and start < self.title_end

    def took(self, row: dict, span: TimeSpan) -> PeriodChoice:
        """The choice of ``span``'s period by ``row``."""
        return PeriodChoice(span.period, f"{row['id']}/{span.rule}", self.text[span.start:span.end])

    def before_figure(self, pattern: re.Pattern | str, site: FigureSite) -> re.Match | None:
        """``pattern`` (or the [[words]] row so named) searched from the figure's sentence start to the figure,
        answered without searching the sentence again for each figure (issue 17)."""
        pattern = _words_pattern(pattern) if isinstance(pattern, str) else pattern
        return self.prefix.search(pattern, site.sentence[0], site.start)

    def said(self, row: dict, period: Period | None, match: re.Match | None = None) -> PeriodChoice:
        """The choice of ``period`` by ``row``, for the words ``match`` found."""
        return PeriodChoice(period, row["id"], match.group() if match else "")


# ---- the steps of [[nearest]]: (periods, figure, times before it, row) -> a choice, or None to go on -------------

NearestStep = Callable[[FigurePeriods, FigureSite, TimesBefore, dict], "PeriodChoice | None"]


def _current_after_time(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    """2021年12月下调…，目前…利率均为2%: 目前 is later than the date before it."""
    best = before.in_sentence
    if best is None:
        return None
    current = _search_words(row["words"])(fp.text, max(best.end, site.clause_start or 0), site.start)
    return fp.said(row, fp.published, current) if current else None


def _share_base(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    """占公司2020年度经审计营业收入的11.31%: the time inside a share's base is the base's; the share takes the time
    before 占 in its sentence, else none."""
    span = before.in_sentence
    if span is None or site.measure not in row["measures"]:
        return None
    base = _search_words(row["words"])(fp.text[max(site.sentence[0], site.start - 60):site.start])
    if base is None or site.start - len(base.group()) > span.start:
        return None  # no base of accounts, or the time stands before it
    ended = ending_by(fp.times, site.start - len(base.group()))
    if ended and fp.times[ended - 1].start >= site.sentence[0]:
        return fp.took(row, fp.times[ended - 1])
    return None if row.get("keep_without_time") else PeriodChoice(None, row["id"], base.group())


def _sum_of_parts(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    """今年以来…两次降准，加上4月份释放的约5300亿元，合计释放长期资金约1.03万亿元: a total in a later clause than
    the time of a part (a figure stands between) takes the earlier time of its sentence that covers that part."""
    part = before.in_sentence
    if part is None or part.kind in DAY_KINDS or site.previous is None or part.end > (site.clause_start or 0):
        return None  # a day's total (9月16日降准0.5个百分点，…额外降准1个百分点，合计…) is that day's
    if not _search_words(row["words"])(fp.text, site.clause_start, site.start):
        return None
    index = starting_from(fp.times, part.start)  # the sentence's times before the part (starts ascend), not all
    covering = [span for span in fp.times[starting_from(fp.times, site.sentence[0]):index]
                if span.period.start <= part.period.start and part.period.end <= span.period.end]
    return fp.took(row, covering[-1]) if covering else None


def _old_value_time(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    """6月失业率由5月的4.3%降至4.2%: the time right after 由/从 dates the old value of the change, not the new one,
    which takes the time before it in its sentence."""
    span = before.in_sentence
    if span is None or fp.text[span.start - 1:span.start] not in row["before"]:
        return None
    if not WORD_PATTERNS[row["words"]].match(fp.text, span.end, site.start):
        return None  # not an old value and its change verb right after the time (由1月25日起，… is a start)
    index = starting_from(fp.times, span.start)
    if index and fp.times[index - 1].start >= site.sentence[0]:
        return fp.took(row, fp.times[index - 1])
    return None


def _no_period_before(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    """已执行5%存款准备金率的金融机构: words right before the figure that make it an attribute naming a class, which
    no time of its sentence dates."""
    found = WORD_PATTERNS[row["words"]].search(fp.text, site.near_start, site.start)
    return fp.said(row, None, found) if found else None


def _past_semicolon(fp: FigurePeriods, site: FigureSite, span: TimeSpan | None) -> bool:
    """A time that speaks only up to the next ； (period.toml `to_semicolon`: 本周累跌0.93%；标普500指数…跌幅为1.01%),
    with a ； between it and the figure."""
    return span is not None and span.kind in TO_SEMICOLON and "；" in fp.text[span.end:site.start]


def _time_in_sentence(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    if before.in_sentence is None or _past_semicolon(fp, site, before.in_sentence):
        return None
    return fp.took(row, before.in_sentence)


def _previous_figure(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    if site.previous is None or (_past_semicolon(fp, site, before.in_sentence)
                                 and site.previous == before.in_sentence.period):
        return None  # …本周累跌0.93%；标普500指数下跌76.08点: the week does not pass on past the ；
    return PeriodChoice(site.previous, row["id"])


def _statement_day(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    """6月12日，张兴海在论坛上说，…。他说，存储芯片价格从约20元涨到接近100元: a sentence that goes on with a
    statement (他说，她表示，) takes the day the sentence before gave that statement."""
    if before.in_sentence is not None or site.previous is not None:
        return None
    if not WORD_PATTERNS[row["opens"]].match(fp.text, site.sentence[0]):
        return None
    previous_start = max(fp.text.rfind(mark, 0, site.sentence[0] - 1) for mark in row["sentence_ends"]) + 1
    day = fp.last_of_row(row, site.sentence[0])
    if day is None or day.start < previous_start or day.period.start != day.period.end:
        return None
    said = WORD_PATTERNS[row["said"]].search(fp.text, day.end, site.sentence[0])
    return fp.took(row, day) if said else None


def _since_launch(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    """M6上市54天累计交付超过3万辆: counted from an undated launch, no period of the paragraph or lead."""
    found = fp.before_figure(row["words"], site)
    return fp.said(row, None, found) if found else None


def _event_date(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    """The action dated last before the figure: 于12月15日下调…, 自5月8日起…, 1月25日起…"""
    text, start = fp.text, site.start
    if not fp.before_figure(row["words"], site):
        return None
    opened, closed = tuple(row["before"]), tuple(row["after"])
    event = fp.last_of_row(row, start, lambda t: text[t.start - 1:t.start] in opened or text.startswith(closed, t.end))
    return fp.took(row, event) if event is not None else None


def _same_day_named(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    """人行昨（15）日开展…。同日…: the day the text last named."""
    sentence_start = site.sentence[0]
    if not fp.before_figure(row["words"], site):
        return None
    day = fp.last_of_row(row, sentence_start)
    return fp.took(row, day) if day is not None else None


def _published_if(fp: FigurePeriods, row: dict, match: re.Match | None) -> PeriodChoice | None:
    return fp.said(row, fp.published, match) if match else None


def _same_day_published(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    return _published_if(fp, row, fp.before_figure(row["words"], site))


def _current_words(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    return _published_if(fp, row, fp.before_figure(row["words"], site))


def _recent_words(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    """日前/近日: some recent day the text leaves undated, no period."""
    found = fp.before_figure(row["words"], site)
    return fp.said(row, None, found) if found else None


def _market_words(fp: FigurePeriods, site: FigureSite, row: dict) -> re.Match | None:
    """The market-day words that make the figure a move or price of a trading day, not in a title."""
    if fp.in_title(site.start) or fp.before_figure(SINCE_EVENT, site):
        return None  # 自高市早苗胜选以来…下跌逾3.5%: a move over undated days
    found = fp.before_figure(row["words"], site)
    if found is None and site.measure in QUOTED_LEVELS:  # 日经225指数48489.02，涨超1.6%: a quoted level or price,
        # the move after it (以太坊跌破4400美元，日内下跌近3.5%)
        found = _search_words(row["words"])(fp.text, site.start, min(site.sentence[1], site.start + MOVE_AFTER_LEVEL))
    return found


def _market_day_step(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    return _published_if(fp, row, _market_words(fp, site, row))


def _breakdown_of_statistic(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    """2026年6月份，CPI同比上涨1.0%。其中，城市上涨1.0%: a breakdown takes the span its paragraph named."""
    span = before.in_paragraph
    if span is None or not site.inherit or span.period.start == span.period.end:
        return None
    if not WORD_PATTERNS[row["words"]].match(fp.text[site.sentence[0]:site.start]):
        return None
    return fp.took(row, span)


def _market_day_named(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    """隔夜，纳指收涨1.9%。存储芯片指数暴涨11%: a move with no time of its own takes the trading day named
    earlier in its paragraph (周二, 昨日, 隔夜, 7月21日) when that day lies up to ``days_before`` days before the
    story's date."""
    day = _wrap_day(fp, before.in_paragraph, row)
    if day is None or day.kind not in DAY_KINDS or day.period.start != day.period.end or fp.published is None:
        return None
    lag = (date.fromisoformat(fp.published.start) - date.fromisoformat(day.period.start)).days
    if not 0 <= lag <= row["days_before"] or _market_words(fp, site, row) is None:
        return None
    return fp.took(row, day)


def _wrap_day(fp: FigurePeriods, span: TimeSpan | None, row: dict) -> TimeSpan | None:
    """The paragraph's last inheritable time expression before a figure, looking past the kinds of ``row["passes"]``:
    a company's results quarter told in a wrap (隔夜…特斯拉重挫14%，公司Q2净利不及预期。…) ends no trading day."""
    if span is None or span.kind not in row["passes"]:
        return span
    paragraph_start = fp.text.rfind("\n", 0, span.start) + 1
    index = fp.inheritable.index(span)
    while index >= 0 and fp.inheritable[index].start >= paragraph_start:
        if fp.inheritable[index].kind not in row["passes"]:
            return fp.inheritable[index]
        index -= 1
    return None


MOVE_AFTER_LEVEL = 16  # characters after a level where the move that dates it may stand
QUOTED_LEVELS = ("level", "rate")  # an index level, a price or a yield quoted before its move


def _operation_day(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    if fp.in_title(site.start):
        return None
    return _published_if(fp, row, fp.prefix.search_whole(_words_pattern(row["words"]), *site.sentence))


def _no_inherit(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    return None if site.inherit else PeriodChoice(None, row["id"])


def _in_paragraph(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    span = before.in_paragraph
    if span is None or fp.in_earlier_item(span, site.start) or (span.kind in DAY_KINDS and site.measure in row["no_day_for"]):
        return None
    return fp.took(row, span)


def _in_text(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    return fp.took(row, before.in_text) if before.in_text is not None else None


def _nothing(fp: FigurePeriods, site: FigureSite, before: TimesBefore, row: dict) -> PeriodChoice | None:
    return PeriodChoice(None, row["id"])


NEAREST_STEPS: dict[str, NearestStep] = {
    "current_after_time": _current_after_time, "share_base": _share_base, "sum_of_parts": _sum_of_parts,
    "old_value_time": _old_value_time, "no_period_before": _no_period_before,
    "time_in_sentence": _time_in_sentence,
    "previous_figure": _previous_figure, "statement_day": _statement_day, "since_launch": _since_launch,
    "event_date": _event_date,
    "same_day_named": _same_day_named,
    "same_day_published": _same_day_published, "current_words": _current_words, "market_day": _market_day_step,
    "market_day_named": _market_day_named, "recent_words": _recent_words,
    "breakdown_of_statistic": _breakdown_of_statistic,
    "operation_day": _operation_day, "no_inherit": _no_inherit, "in_paragraph": _in_paragraph, "in_text": _in_text,
    "nothing": _nothing,
}


# ---- the steps of [[override]]: (periods, figure, the choice so far, row) -> a new choice, or None to keep it ---

OverrideStep = Callable[[FigurePeriods, FigureSite, PeriodChoice, dict], "PeriodChoice | None"]


def _other_without_time(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """Thresholds, counts of measures, terms: no period unless their sentence names one."""
    if site.measure != "other" or choice.rule.split("/")[0] in row.get("keep", ()):
        return None  # 目前约700万, 此次改革包含34项措施: a now word or this action's date in its sentence
    ended = ending_by(fp.times, site.start)
    if ended and fp.times[ended - 1].start >= site.sentence[0]:
        return None  # a time expression between the sentence's start and the figure
    return PeriodChoice(None, row["id"])


def _standing_target(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """低于2%目标 in a sentence about inflation or a central bank: an inflation target, no period."""
    if choice.period is None:
        return None
    target = WORD_PATTERNS[row["words"]].match(fp.text, site.start)
    context = target and fp.before_figure(row["context"], site)
    return PeriodChoice(None, row["id"], target.group()) if context else None


def _flow_by_deadline(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """在2027年底前削减约8000个岗位 (a flow or change by a deadline ahead of the story): published to the deadline."""
    period = choice.period
    if period is None or fp.published is None or period.start != period.end or period.end <= fp.published.end:
        return None
    by_deadline = Period(fp.published.start, period.end)
    if site.measure in row["follow"] and site.previous == by_deadline and WORD_PATTERNS[row["follow_words"]].search(
            fp.text, site.clause_start or site.sentence[0], site.start):  # …削减约8000个岗位，约占员工总数的5.3%
        return PeriodChoice(by_deadline, f"{row['id']}/previous-figure", choice.words)
    if site.measure not in row["measures"] or not _deadline_named(fp, site, row, period):
        return None
    return PeriodChoice(by_deadline, f"{row['id']}/{choice.rule}", choice.words)


def _deadline_named(fp: FigurePeriods, site: FigureSite, row: dict, period: Period) -> bool:
    """The point ``period`` is a deadline in the figure's sentence (到2027年底, 2027年底前) and the figure no level
    reached by then nor a rate per time (增加到4万亿元, 每月可量产)."""
    before, after, not_flow = (WORD_PATTERNS[name] for name in row["words"])
    if fp.prefix.search(not_flow, site.clause_start or site.sentence[0], site.start):
        return False
    for span in times_within(fp.times, site.sentence[0], site.start):
        marked = before.search(fp.text[max(0, span.start - 2):span.start]) or after.search(fp.text[span.end:span.end + 2])
        if span.period == period and span.rule in row["kinds"] and marked:
            return True
    return False


def _estimate_words(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice) -> re.Match | None:
    """预计带动… (an estimate) or 由5%降至… (the old value of a change), with no time of its own in the clause:
    not a reading of the period chosen."""
    first = starting_from(fp.times, site.clause_start)
    if choice.period is None:
        return None
    if first < len(fp.times) and fp.times[first].start < site.start:  # a time in the clause before the figure:
        return _old_value_of_dated_change(fp, site)  # 由X of a change it dates (于3月30日将…由2.4%) is none
    clause_left = fp.text[site.clause_start:site.start]
    forecast = FORECAST_WORDS.search(clause_left)
    if forecast and (fp.prefix.search(RESULT_FORECAST_NAMED, site.sentence[0], site.clause_start) or (
            site.previous is not None and CONSENSUS.search(fp.text, site.near_start, site.start))):
        forecast = None  # 业绩预告，预计…; …，高于市场预期的353亿美元: the forecast of the period named or read
    if forecast:
        return forecast
    old = OLD_VALUE.search(fp.text, site.near_start, site.start)
    return None if old and SPREAD.match(fp.text, site.start) else old  # 从50%到100%不等: a spread, no old value


def _old_value_of_dated_change(fp: FigurePeriods, site: FigureSite) -> re.Match | None:
    """已于3月30日将利率由2.4%下调至2.2%: the time before 由/从 in the clause dates the change (于/在 before it, 起
    after it), so the old value right after 由/从 has no period; 4月份非农从17.9万人下修至… keeps its month."""
    old = OLD_VALUE.search(fp.text, site.near_start, site.start)
    if old is None:
        return None
    span = fp.times[ending_by(fp.times, old.start()) - 1]
    if span.start < site.clause_start:
        return None
    dated = fp.text[span.start - 1:span.start] in CHANGE_DATED_BEFORE or fp.text.startswith("起", span.end)
    return old if dated else None


def _estimate_now(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """An estimate said to be current (目前预计…): the publication date."""
    estimate = _estimate_words(fp, site, choice)
    current = estimate and _search_words(row["words"])(fp.text[site.clause_start:site.start])
    return PeriodChoice(fp.published, row["id"], f"{estimate.group()} {current.group()}") if current else None


def _estimate(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    estimate = _estimate_words(fp, site, choice)
    if estimate is not None and estimate.re is FORECAST_WORDS and (
            _time_closes_clause_before(fp, site, row) or _sentence_reporting_span(fp, site, choice, row)):
        return None  # 2026年上半年，公司预计实现净利润…: the forecast of the period its sentence opens with
    return PeriodChoice(None, row["id"], estimate.group()) if estimate else None


def _time_closes_clause_before(fp: FigurePeriods, site: FigureSite, row: dict) -> bool:
    """The last time before the figure's clause, in its sentence, ends the clause before it (2026年上半年，…;
    国庆中秋假期期间（9月29日至10月10日），…): the time the forecast speaks of."""
    clause_start = site.clause_start or site.sentence[0]
    first = starting_from(fp.times, clause_start)
    if first == 0 or fp.times[first - 1].start < site.sentence[0]:
        return False
    span = fp.times[first - 1]
    return _not_past(fp, span) and WORD_PATTERNS[row["time_clause_tail"]].fullmatch(
        fp.text, span.end, clause_start) is not None


def _not_past(fp: FigurePeriods, span: TimeSpan) -> bool:
    """对于三季度，公司预计… in August: a year-less quarter read a year back is no forecast's."""
    return fp.published is None or span.period.end >= (
        date.fromisoformat(fp.published.end) - FORECAST_PAST_DAYS).isoformat()


def _sentence_reporting_span(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> bool:
    """The period chosen is a reporting span of the figure's sentence (a year, half, quarter: row["forecast_of"])
    named in an earlier clause (预计2021年度实现…，同比增加102%到120%；净利润预计区间为…), outside a title's 《》,
    not a base (在2021年基础上), with no horizon of its own after it (预计未来一年…: row["own_horizon"]) and no
    effect estimated in its clause (预计带动…, 预计向市场提供…: row["effect"]): the forecast speaks of it."""
    index = ending_by(fp.times, site.start)
    span = fp.times[index - 1] if index else None
    if span is None or span.start < site.sentence[0] or span.kind not in row["forecast_of"] or \
            span.period != choice.period or not _not_past(fp, span):
        return False
    before, between = fp.text[site.sentence[0]:span.start], fp.text[span.end:site.start]
    clause = fp.text[max(site.clause_start or 0, span.end):site.start]
    if before.count("《") > before.count("》") or fp.text.startswith(tuple(row["not_after"]), span.end):
        return False
    return not any(word in between for word in row["own_horizon"]) and not any(word in clause for word in row["effect"])


FORECAST_PAST_DAYS = timedelta(days=92)  # a forecast speaks of a period ahead or just ended (a results preview)


def _prospect(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """可能宣布高达90万亿韩元的…: a possibility or proposal takes no period it would only inherit (period.toml,
    prospect-not-inherited); a time in its own sentence still dates it."""
    if choice.period is None or choice.rule.split("/")[0] not in row["inherited"]:
        return None
    start = site.sentence[0] if row.get("scope") == "sentence" else site.clause_start or site.sentence[0]
    found = _search_words(row["words"])(fp.text, start, site.start)
    return PeriodChoice(None, row["id"], found.group()) if found else None


def _sentence_around(text: str, span: TimeSpan) -> tuple[int, int]:
    """The sentence (to 。！？； or a line's end) a time expression stands in."""
    left = max(text.rfind(mark, 0, span.start) for mark in "。！？；\n") + 1
    right = min((at for mark in "。！？；\n" if (at := text.find(mark, span.end)) >= 0), default=len(text))
    return left, right


def _future_not_inherited(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice,
                          row: dict) -> PeriodChoice | None:
    """预计2030年实现…。每周通勤200公里…: a time after publication that an earlier sentence names in a forecast, plan
    or announcement of what will happen dates that sentence only; a figure of a later sentence does not inherit it
    (period.toml, future-not-inherited). A plan document's targets (规划提出，到2030年…) are left to it."""
    rule = choice.rule.split("/")[0]
    if choice.period is None or fp.published is None or rule not in row["inherited"] or \
            choice.period.start <= fp.published.start:
        return None
    span = next((span for span in reversed(fp.times[:ending_by(fp.times, site.sentence[0])])
                 if span.period == choice.period), None)
    if span is None:
        return None
    left, right = _sentence_around(fp.text, span)
    said = [WORD_PATTERNS[name].search(fp.text, left, right) for name in row["words"]]
    if not any(said) or WORD_PATTERNS[row["unless"]].search(fp.text, left, right):
        return None
    return PeriodChoice(None, row["id"], next(found.group() for found in said if found))


def _announced_plan(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """8月6日公告，公司拟以2亿元—4亿元回购股份: the day a plan was announced, right before the announcement, is
    no reading of the plan's amounts (period.toml, announced-plan)."""
    rule = choice.rule.split("/")
    if choice.period is None or rule[0] not in row["of_rules"] or rule[-1] not in row["kinds"]:
        return None
    ended = ending_by(fp.times, site.start)
    span = fp.times[ended - 1] if ended else None
    if span is None or span.start < site.sentence[0]:
        return None
    plan = WORD_PATTERNS[row["words"]].match(fp.text, span.end, site.start)
    return PeriodChoice(None, row["id"], plan.group()) if plan else None


def _undated_kinds(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """到2025年 in an item without a published date: no period (period.toml, undated-target-year)."""
    if fp.published is not None or choice.period is None or choice.rule.split("/")[-1] not in row["kinds"]:
        return None
    at = fp.text.rfind(choice.words, site.sentence[0], site.start) if choice.words else -1
    if at < 0 or fp.text[max(0, at - 2):at] in row["not_after"]:
        return None  # 截至2021年年底 is a point the text states, not a target's year
    return PeriodChoice(None, row["id"], choice.words)


def _subheading(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """跌势之深：56%的距离… (a subheading inside the text): no period it would only inherit (period.toml,
    subheading-own-time)."""
    if choice.period is None or choice.rule.split("/")[0] not in row["inherited"]:
        return None
    line_start = fp.text.rfind("\n", 0, site.start) + 1
    line_end = fp.text.find("\n", site.start)
    line = fp.text[line_start:len(fp.text) if line_end < 0 else line_end].strip()
    if line_start == 0 or len(line) > row["max_chars"] or WORD_PATTERNS[row["not_heading"]].search(line):
        return None
    return PeriodChoice(None, row["id"], line)


def _undated_relative(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """去年中俄机电产品贸易额434亿美元 in an item without a published date: the relative time of its own sentence
    cannot be resolved, and no other time of the text is its (period.toml, undated-relative-time)."""
    if fp.published is not None or choice.period is None:
        return None
    times = fp.times[starting_from(fp.times, site.sentence[0]):starting_from(fp.times, site.start)]
    start = times[-1].end if times else site.sentence[0]  # after the last time this sentence resolves
    found = fp.prefix.search(WORD_PATTERNS[row["words"]], start, site.start)
    # 去年…贸易额434亿美元 is still read over a year: a flow, though the year is not known
    return PeriodChoice(None, row["id"], found.group(), read_over=choice.period) if found else None


def _current_attribute(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """当前轮次的300亿美元投资, 当前全球产能的两倍多: a now word that only qualifies the noun the figure is of or
    compared with (…的 right before the figure, no verb between) does not date it (period.toml, current-attribute)."""
    if not choice.rule.startswith(row["of_rule"]) or not choice.words:
        return None
    at = fp.text.rfind(choice.words, site.sentence[0], site.start)
    between = fp.text[at + len(choice.words):site.start] if at >= 0 else ""
    if not between or not WORD_PATTERNS[row["attribute"]].fullmatch(between):
        return None
    return PeriodChoice(None, row["id"], choice.words + between)


def _share_of_flow_to_date(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """截止2021年三季度末，营业收入占公司整体的24.53%: a share of a flow up to a point is of the flow's range from the
    start of that year (period.toml, share-of-flow-to-date)."""
    period = choice.period
    if site.measure not in row["measures"] or period is None or period.start != period.end:
        return None
    at = fp.text.rfind(choice.words, site.sentence[0], site.start) if choice.words else -1
    if choice.rule.split("/")[-1] not in row["kinds"] or at < 0 or fp.text.startswith(tuple(row["not_before"]),
                                                                                    at + len(choice.words)):
        return None  # 在2026年底前…控制在销售额的20%以内: a deadline's target, not accounts to date
    if not fp.before_figure(row["flow"], site):
        return None
    return PeriodChoice(Period(period.end[:4] + "-01-01", period.end), row["id"], choice.words)


SAME_PERIOD_ROWS = ("same-period-last-year/", "same-period-written-year/")


def _year_back(day: str, years: int = 1) -> str:
    """The ISO date ``years`` before ``day`` (29 February goes to the 28th)."""
    then = date.fromisoformat(day)
    try:
        return then.replace(year=then.year - years).isoformat()
    except ValueError:
        return then.replace(year=then.year - years, day=28).isoformat()


def period_to_pass_on(period: Period | None, rule: str) -> Period | None:
    """The period a figure hands to the next in its sentence: a 去年同期 value's own year back undone (上年同期为93亿
    美元，同比增幅高达346%: the growth is of the period the text speaks of)."""
    if period is None or not rule.startswith(SAME_PERIOD_ROWS):
        return period
    return Period(_year_back(period.start, -1), _year_back(period.end, -1))


def _same_period_last_year(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """A value of 去年同期/上年同期 (去年同期，公司净利润为29.41亿元): the period chosen, one year back."""
    if choice.period is None or site.measure not in row["measures"]:
        return None
    found = _search_words(row["words"])(fp.text, max(site.sentence[0], site.start - row["reach"]), site.start)
    if found is None:
        return None
    written = found.groupdict().get("spy")  # 2025年同期: only the year before the period chosen
    if written and int(choice.period.end[:4]) - int(written) != 1:
        return None
    period = Period(_year_back(choice.period.start), _year_back(choice.period.end))
    return PeriodChoice(period, f"{row['id']}/{choice.rule}", found.group())


def _one_step_back(period: Period) -> Period | None:
    """The month or quarter before a period that is one whole month or quarter; else None."""
    first, last = date.fromisoformat(period.start), date.fromisoformat(period.end)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    whole = first.day == 1 and last == _month_end(last.year, last.month)
    if not whole or months not in (1, 3) or (months == 3 and first.month % 3 != 1):
        return None
    start = date(first.year - (first.month <= months), (first.month - months - 1) % 12 + 1, 1)
    end = _month_end(start.year, start.month + months - 1)
    return _range(start, end)


def _previous_reading(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """前值为1.4% after a June reading: the reading of May (the month or quarter before the one chosen)."""
    if choice.period is None:
        return None
    found = _search_words(row["words"])(fp.text, max(site.clause_start or 0, site.start - row["reach"]), site.start)
    if found is None or any(span.end == found.start() for span in fp.times):  # 8月前值为48.7: its own month
        return None
    period = _one_step_back(choice.period)
    return PeriodChoice(period, f"{row['id']}/{choice.rule}", found.group()) if period else None


def _fiscal_year(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """美光科技2026财年第二季度营收…: a fiscal year or quarter before the figure in its sentence, with no time expression
    between them but its own (2026财年全年), its months not given (no 即/截至3月底的 before it, no 第三财季（3-5月）
    after it): no period, not the date or calendar year before it. A figure the text dates now or a market day keeps it."""
    if choice.period is None or choice.rule.startswith(tuple(row["keep"])):
        return None
    base = WORD_PATTERNS[row["base"]]  # 比上财年 is a comparison's base, not the figure's time: the last other
    found = fp.prefix.finditer(WORD_PATTERNS[row["words"]], site.sentence[0], site.start)
    fiscal = next((match for match in reversed(found) if not base.search(fp.text, max(0, match.start() - 2), match.start())), None)
    if fiscal is None or WORD_PATTERNS[row["defined"]].search(fp.text, max(0, fiscal.start() - 3), fiscal.start()):
        return None
    if any(span.start > fiscal.end() for span in times_within(fp.times, fiscal.end(), site.start)):
        return None  # 2026财年…截至2月底: a time of its own after it
    if _fiscal_defined(fp, row, choice.period):
        return None
    return PeriodChoice(None, row["id"], fiscal.group())


def _fiscal_defined(fp: FigurePeriods, row: dict, period: Period) -> bool:
    """``period`` is the months a fiscal span is given right after it (第三财季（3-5月）)."""
    words = WORD_PATTERNS[row["words"]]
    return any(span.period == period and words.search(fp.text, max(0, span.start - 8), span.start)
               for span in fp.bracketed())


def _respectively(fp: FigurePeriods, site: FigureSite, choice: PeriodChoice, row: dict) -> PeriodChoice | None:
    """5月和6月，公司分别销售1万辆和2万辆: times listed before 分别 pair with the figures after it in order (the first
    after 分别 takes the first time, each next figure the time after its previous figure's)."""
    if choice.period is None or not fp.before_figure(_literal(row["word"]), site):
        return None  # the word nowhere before the figure in its sentence (found once a sentence, not scanned)
    word = fp.text.rfind(row["word"], site.sentence[0], site.start)
    listed = _listed_times(fp, times_within(fp.times, site.sentence[0], word), row)
    if (len(listed) < 2 or word - listed[-1].end > row["gap"] or times_within(fp.times, word, site.start)
            or WORD_PATTERNS[row["base"]].search(fp.text, max(0, listed[0].start - 2), word)):
        return None  # 分别在6月和12月: times of their own; 与2019年、2020年同期相比分别增长: bases of comparison
    periods = [span.period for span in listed]
    if row["word"] in fp.text[site.near_start:site.start]:
        index = 0
    elif site.previous in periods:
        index = periods.index(site.previous) + 1
    else:
        return None
    if index >= len(listed):
        return None
    span = listed[index]
    return PeriodChoice(span.period, f"{row['id']}/{span.rule}", fp.text[span.start:span.end])


def _listed_times(fp: FigurePeriods, spans: list, row: dict) -> list:
    """The last run of ``spans`` of one kind of ``row["kinds"]`` joined only by list words (5月和6月, 2023年、2024年)."""
    joiner = WORD_PATTERNS[row["joiner"]]
    run: list = []
    for span in reversed(spans):
        if span.kind not in row["kinds"] or (run and (span.kind != run[0].kind
                                                       or not joiner.fullmatch(fp.text, span.end, run[0].start))):
            break
        run.insert(0, span)
    return run


OVERRIDE_STEPS: dict[str, OverrideStep] = {
    "other_without_time": _other_without_time, "estimate_now": _estimate_now, "estimate": _estimate,
    "prospect": _prospect, "share_of_flow_to_date": _share_of_flow_to_date, "current_attribute": _current_attribute,
    "undated_relative": _undated_relative, "subheading": _subheading, "undated_kinds": _undated_kinds,
    "same_period_last_year": _same_period_last_year,
    "previous_reading": _previous_reading, "standing_target": _standing_target,
    "flow_by_deadline": _flow_by_deadline, "fiscal_year": _fiscal_year,
    "respectively": _respectively, "announced_plan": _announced_plan,
    "future_not_inherited": _future_not_inherited,
}
NEAREST = rulebook.rows(RULES, "nearest")
OVERRIDES = rulebook.rows(RULES, "override")
STOCK_POINTS = rulebook.rows(RULES, "stock_point")
_missing = ({row["step"] for row in NEAREST} - set(NEAREST_STEPS)) | ({row["step"] for row in OVERRIDES}
                                                                     - set(OVERRIDE_STEPS))
if _missing:
    raise rulebook.RuleFileError(f"{RULES}.toml: rows name steps that do not exist: {sorted(_missing)}")
