"""Find time expressions and resolve them to inclusive date ranges against the publication date.

截至2025年一季度末 → 2025-03-31..2025-03-31; 今年前4个月 → 01-01..04-30; 去年9月以来 → 2024-09-01..published;
上半年, 全年, 1至3月, 三季度末, 截至4月底, 2024年末 … A year left out is the publication year, or the year
before when that would put the period after the publication date.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from analyzer.extract.numbers import parse_number
from analyzer import rulebook
from analyzer.records import Period

CN_NUM = "零〇一二两三四五六七八九十"
_N = rf"(?:\d{{1,2}}|[{CN_NUM}]{{1,3}})"
# real text often spaces digits from the characters around them (2021 年 12 月, pangu spacing): one space is allowed
_YEAR = r"(?:(?P<year>(?:19|20)\d{2}|[二〇一九零]{4}) ?年(?:度)?|(?P<rel>今|去|上|前|明|本|当)年(?:度)?) ?"
_Q = r"(?:第)?(?P<q>[一二三四1234])季度"

BOND_NAME = re.compile(r"(?:首期|第[一二三四五六七八九十\d]{1,3}期|记账式|超长期特别国债)")
DAY_KINDS = {"date", "date_range", "since_date", "this_month_day", "yesterday"}
# Ordered: longer and more specific forms first. Each names the groups the resolver reads.
_PATTERNS = [
    ("ytd", rf"(?:{_YEAR}|年初)(?:以来|至今)"),
    ("since_month", rf"(?:自|从)?(?:{_YEAR})?(?P<m>{_N}) ?月(?:份)?(?:以来|起)"),
    ("months_first", rf"(?:{_YEAR})?[前首](?P<n>{_N})(?:个)?月"),
    ("months_range", rf"(?:{_YEAR})?(?P<m1>{_N})(?:月)?(?:至|到|-|—|~)(?P<m2>{_N}) ?月(?:份)?"),
    ("quarters_first", rf"(?:{_YEAR})?[前首](?P<nq>[一二三四1234])(?:个)?季(?:度)?"),  # 首三季 (Hong Kong)
    ("quarter_end", rf"(?:{_YEAR})?{_Q}(?:末|底)"),
    ("quarter", rf"(?:{_YEAR})?{_Q}"),
    ("quarter_short", rf"(?:{_YEAR})?第(?P<q>[一二三四1234])季(?!度)"),  # 第4季 (Hong Kong, Taiwan)
    ("half", rf"(?:{_YEAR})?(?P<h>上|下)半年"),
    ("half_year_report", rf"{_YEAR}半年(?:度)?"),  # 2026年半年度归属于上市公司股东的净利润: the first half
    ("year_end", rf"(?:{_YEAR}|(?P<bare>年))(?:末|底)"),
    ("date_range", rf"(?:{_YEAR})?(?P<m1>{_N}) ?月(?P<d1>{_N}) ?日(?:至|到|-|—|和|及)(?:(?P<m2>{_N}) ?月)?(?P<d2>{_N}) ?日"),
    ("date", rf"(?:{_YEAR})?(?P<m>{_N}) ?月(?P<d>{_N}) ?日(?:末)?"),
    ("this_month_day", rf"本月(?P<d>{_N}) ?日"),
    ("relative_month", r"(?P<rm>本|上)(?:个)?月(?!末|底|初|中|份)"),  # 本月到期的MLF, 上月新增
    ("yesterday", r"昨(?:[（(](?P<d>\d{1,2})[）)])?(?:日|天)"),  # 昨日收报, 昨（15）日: the day before publication
    ("month_end", rf"(?:{_YEAR})?(?P<m>{_N}) ?月(?:末|底)"),
    ("month", rf"(?:{_YEAR})?(?P<m>{_N}) ?月(?:份)?(?!\d)"),
    ("full_year", rf"(?:{_YEAR})?全年"),
    ("rest_of_year", r"年内"),
    ("year", _YEAR),
]
# One alternation; group names get a ``__kind`` suffix since names must be unique in a pattern.
TIME_PATTERN = re.compile("|".join(f"(?P<{kind}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<\1__{kind}>", pattern) + ")"
                                   for kind, pattern in _PATTERNS))
# A time expression right after one of these is the base of a comparison (比上年末, 较去年同期), not a period.
COMPARISON_BASE = re.compile(r"(?:比|较|同比|高于|低于|多于|少于|与|相比|比上|较上)$")
RECORD = re.compile(r"(?:之最|最|新高|新低|首次|的最)")
RECORD_BASE = re.compile(r"[^，。；\d]{0,12}?以来" + RECORD.pattern)
# 自去年9月…以来: a point or month opened by 自/从 and closed by 以来 later in the clause is a "since" period.
SINCE_TAIL = re.compile(r"[^。；！？\n]{0,40}?以来")


# Every time expression holds 年, 月, 季 or 昨; scanning only near those characters is many times faster than
# running the whole alternation at every position. No expression starts more than 8 characters before its first
# such character (自二〇二五年) or runs 20 past it.
_ANCHOR = re.compile(r"[年月季昨]")


def _time_matches(text: str):
    """The matches ``TIME_PATTERN.finditer(text)`` gives, found by searching only around anchor characters."""
    cursor = 0
    for anchor in _ANCHOR.finditer(text):
        position = anchor.start()
        if position < cursor:
            continue
        match = TIME_PATTERN.search(text, max(cursor, position - 8), position + 20)
        if match is not None and match.start() <= position:
            cursor = match.end()
            yield match


@functools.cache
def _point_markers() -> tuple[str, ...]:
    return tuple(rulebook.lexicon()["periods"]["point_before"])


def _refine_kind(text: str, match: re.Match, kind: str) -> str:
    """自去年9月…以来 is a since period; 截至2025年10月 is the month's end (real_text.toml, point-at-month-end)."""
    since = SINCE_TAIL.match(text, match.end())
    if kind in ("month", "date") and since and (text[match.start() - 1:match.start()] in ("自", "从")
                                                or "，" not in since.group()):
        return "since_month" if kind == "month" else "since_date"
    if kind == "month" and text.endswith(_point_markers(), max(0, match.start() - 3), match.start()):
        return "month_end"
    return kind


@dataclass
class TimeSpan:
    start: int
    end: int
    period: Period
    kind: str


def parse_date(value: str | None) -> date | None:
    """A publication date from ISO (2025-05-26, 2025-05-26T10:00), RFC 2822 or 2025年5月26日 text."""
    if not value:
        return None
    value = str(value).strip()
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
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


parse_iso_date = parse_date


def _int(text: str) -> int:
    return int(parse_number(text))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


class PeriodResolver:
    """Finds time expressions in a (normalized) text and resolves them against ``published``."""

    def __init__(self, published: str | None):
        self.published = parse_date(published)

    def find(self, text: str) -> list[TimeSpan]:
        """Every time expression, in order. A year left out is taken from the last expression that named
        one (2019年末 … 全年增加 → 2019), else from the publication date."""
        spans = []
        self.context_year = None
        for match in _time_matches(text):
            if COMPARISON_BASE.search(text[max(0, match.start() - 3):match.start()]) or \
                    text.startswith("同期", match.end()):
                continue
            kind = match.lastgroup
            if RECORD_BASE.match(text, match.end()) or (match.group().endswith("以来")
                                                         and RECORD.match(text, match.end())):
                continue  # 创下1997年亚洲金融危机以来之最: the base of a record, not the figures' period
            if kind == "year" and BOND_NAME.match(text, match.end()):
                continue  # 2025年首期超长期特别国债 names a bond, not a period
            suffix = f"__{kind}"
            groups = {name[:-len(suffix)]: value for name, value in match.groupdict().items()
                      if value is not None and name.endswith(suffix)}
            kind = _refine_kind(text, match, kind)
            try:
                period = self._resolve(kind, groups)
            except (ValueError, KeyError, TypeError, OverflowError):
                period = None  # 2月30日, or a date with no year and no publication date to give one
            if period is not None:
                spans.append(TimeSpan(match.start(), match.end(), period, kind))
                if "year" in groups and kind not in DAY_KINDS:
                    # a reporting period written with its year sets the context (2019年末 … 全年); a dateline
                    # (2021年1月12日) does not, and a relative year (今年, 去年) hands back to the publication date
                    self.context_year = int(period.start[:4])
                elif "rel" in groups:
                    self.context_year = None
        return spans

    def _year(self, groups: dict, month: int = 12, day: int | None = None) -> int | None:
        """The year the expression names, or the latest year that does not run past publication."""
        if "year" in groups:
            return _int(groups["year"])
        base = self.published
        if base is None:
            return None
        rel = groups.get("rel")
        if rel in ("去", "上"):
            return base.year - 1
        if rel == "前":
            return base.year - 2
        if rel == "明":
            return base.year + 1
        if rel:
            return base.year
        if day is not None:
            # a day written without a year is the nearest such day: 于9月16日 in a September 6 story is ahead
            try:
                options = [date(base.year + k, month, day) for k in (-1, 0, 1)]
            except ValueError:
                return base.year
            return min(options, key=lambda d: abs((d - base).days)).year
        if getattr(self, "context_year", None) and date(self.context_year, month, 1) <= base:
            return self.context_year
        # no year written: 截至4月底 in a May story is this year; 12月末 in a February story is last year
        first = date(base.year, month, 1)
        return base.year if first <= base else base.year - 1

    def _resolve(self, kind: str, g: dict) -> Period | None:
        pub = self.published
        if kind == "quarter_short":
            kind = "quarter"
        if kind == "ytd":
            year = self._year(g, 1)
            if year is None or pub is None:
                return None
            return Period(date(year, 1, 1).isoformat(), pub.isoformat())
        if kind == "since_month":
            month = _int(g["m"])
            year = self._year(g, month)
            if year is None or pub is None:
                return None
            return Period(date(year, month, 1).isoformat(), pub.isoformat())
        if kind == "date_range":
            m1, d1 = _int(g["m1"]), _int(g["d1"])
            m2, d2 = _int(g.get("m2") or g["m1"]), _int(g["d2"])
            year = self._year(g, m1, d1)
            if year is None:
                return None
            first = date(year, m1, d1)
            last = date(year, m2, d2)
            if last < first:
                last = date(year + 1, m2, d2)
            return Period(first.isoformat(), last.isoformat())
        if kind == "this_month_day":
            if pub is None:
                return None
            day = date(pub.year, pub.month, _int(g["d"])).isoformat()
            return Period(day, day)
        if kind == "relative_month":
            if pub is None:
                return None
            first = date(pub.year, pub.month, 1)
            if g["rm"] == "上":
                first = (first - timedelta(days=1)).replace(day=1)
            return Period(first.isoformat(), _month_end(first.year, first.month).isoformat())
        if kind == "yesterday":
            if pub is None:
                return None
            day = pub - timedelta(days=1)
            if g.get("d"):  # 昨（15）日 names the day; a story dated past midnight keeps it
                day = date(day.year, day.month, _int(g["d"])) if _int(g["d"]) <= day.day else day
            return Period(day.isoformat(), day.isoformat())
        if kind == "since_date":
            month, day = _int(g["m"]), _int(g["d"])
            year = self._year(g, month, day)
            if year is None or pub is None:
                return None
            return Period(date(year, month, day).isoformat(), pub.isoformat())
        if kind == "year":
            year = self._year(g)
            if year is None:
                return None
            return Period(date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat())
        if kind == "rest_of_year":
            return None if pub is None else Period(pub.isoformat(), f"{pub.year}-12-31")
        if kind in ("full_year",):
            year = self._year(g, 1)
            if "year" not in g and "rel" not in g and pub is not None and year == pub.year and pub.month <= 3 \
                    and not getattr(self, "context_year", None):
                year -= 1  # 全年 in a January–March release is the year just ended
            return None if year is None else Period(f"{year}-01-01", f"{year}-12-31")
        if kind == "year_end":
            year = self._year(g, 12) if "year" in g or "rel" in g else (pub.year - 1 if pub else None)
            return None if year is None else Period(f"{year}-12-31", f"{year}-12-31")
        if kind in ("months_first", "months_range"):
            first, last = (1, _int(g["n"])) if kind == "months_first" else (_int(g["m1"]), _int(g["m2"]))
            if not (1 <= first <= last <= 12):
                return None
            year = self._year(g, last)
            return None if year is None else Period(date(year, first, 1).isoformat(), _month_end(year, last).isoformat())
        if kind in ("quarter", "quarter_end", "quarters_first"):
            q = _int(g["q"] if "q" in g else g["nq"])
            if not 1 <= q <= 4:
                return None
            year = self._year(g, 3 * q)
            if year is None:
                return None
            end = _month_end(year, 3 * q)
            if kind == "quarter_end":
                return Period(end.isoformat(), end.isoformat())
            start = date(year, 1, 1) if kind == "quarters_first" else date(year, 3 * q - 2, 1)
            return Period(start.isoformat(), end.isoformat())
        if kind == "half_year_report":
            g = {**g, "h": "上"}
            kind = "half"
        if kind == "half":
            last = 6 if g["h"] == "上" else 12
            year = self._year(g, last)
            return None if year is None else Period(date(year, last - 5, 1).isoformat(), _month_end(year, last).isoformat())
        if kind in ("month", "month_end", "date"):
            month = _int(g["m"])
            if not 1 <= month <= 12:
                return None
            year = self._year(g, month)
            if year is None:
                return None
            if kind == "date":
                year = self._year(g, month, _int(g["d"]))
                day = date(year, month, _int(g["d"])).isoformat()
                return Period(day, day)
            end = _month_end(year, month).isoformat()
            return Period(end if kind == "month_end" else date(year, month, 1).isoformat(), end)
        return None


# How a figure's period is chosen (corpus/README.md, "Conventions we settled"):
REPORTING_PERIODS = {"year", "full_year", "quarter", "quarter_short", "quarter_end", "half", "half_year_report",
                     "months_first", "months_range", "month", "month_end", "year_end", "ytd", "quarters_first"}
SENTENCE_ONLY = {"rest_of_year"}  # 年内 speaks of its own sentence's plans, not of what follows
LEAD_CHARS = 120  # a period stated this near the start (title, dateline, first sentence) is the text's own
EVENT_WORDS = re.compile(r"此次|本次|本轮|调整后|下调后|实施后|调整完成后")
FORECAST_WORDS = re.compile(r"预计|估计|测算|有望|可望|每年")
OLD_VALUE = re.compile(r"(?:由|从)(?:目前的)?$")
STATISTIC_RATE = re.compile(r"指数|PMI|CPI|PPI|价格|收益率|不良率|增加值|失业率|利率报价|LPR|中间价|汇率|"
                            r"息差|每股|股息|派息|红利|分红|拨备覆盖率|充足率|毛利率|净利率|回报率|股价")  # results
CURRENT_WORDS = re.compile(r"目前|当前|现行|当日|同日|今日|今天|日前|近日")
SAME_DAY = re.compile(r"同日|当日|当天")
# an open-market operation reported without a date is the story's day: 开展1.2万亿元逆回购操作, 中标利率, 净投放
OPERATION_DAY = re.compile(r"开展[^。；]{0,30}?(?:操作|招标)|中标利率|续作|净投放|净回笼")
# a market report's trading day: 截至收盘, 全天成交额, 收涨, 涨停 speak of the day the story reports
MARKET_DAY = re.compile(r"收盘|收涨|收跌|收报|报收|收于|全天|全日|盘中|早盘|午盘|尾盘|午后|开盘|涨停|跌停|成交额|成交量|个股|北向资金|"
                        r"南向资金|上涨股票|下跌股票")


@functools.cache
def _market_day() -> re.Pattern:
    """MARKET_DAY and the price-move words of real_text.toml (market-move-day): a market report's trading day."""
    lexicon = rulebook.lexicon()
    words = sorted(lexicon["periods"]["market_day_words"], key=len, reverse=True)
    comparisons = [*lexicon["comparisons"]["yoy"], *lexicon["comparisons"]["mom"]]
    stated = "".join(f"(?<!{re.escape(word)})" for word in comparisons)  # 核心CPI同比上涨1.4% is a statistic
    return re.compile("|".join([MARKET_DAY.pattern, *(stated + re.escape(word) for word in words)]))


DATELINE = re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:电|讯)")


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


class FigurePeriods:
    """The time expressions of one text, and the choice of each figure's period among them."""

    def __init__(self, text: str, published: str | None):
        resolver = PeriodResolver(story_date(text, published) or published)
        self.text = text
        self.times = resolver.find(text)
        day = resolver.published.isoformat() if resolver.published else None
        self.published = Period(day, day) if day else None

    def for_figure(self, start: int, sentence: tuple[int, int], clause_start: int, near_start: int,
                   previous: Period | None, measure: str, metric: str | None = None) -> Period | None:
        """Period of the figure at ``start`` in ``sentence`` (start, end); ``previous`` is the period of the
        figure before it in its sentence."""
        text = self.text
        sentence_start = sentence[0]
        # rates and shares are mostly policy parameters (a tool's rate, a ratio): they take no period from
        # other sentences, unlike statistics (PMI, CPI, 不良率), which a release dates once for many sentences
        inherit = measure not in ("rate", "share") or bool(STATISTIC_RATE.search(metric or ""))
        period = self._nearest(start, sentence, previous, inherit=inherit, clause_start=clause_start)
        if measure == "other" and not any(sentence_start <= t.start and t.end <= start for t in self.times):
            return None  # thresholds, counts of measures, terms: no period unless their sentence names one
        if period is not None and not any(clause_start <= t.start < start for t in self.times):
            clause_left = text[clause_start:start]
            if FORECAST_WORDS.search(clause_left) or OLD_VALUE.search(text, near_start, start):
                # an estimate (预计带动…) or the old value of a change (由5%降至…) is not a reading of that period
                return self.published if CURRENT_WORDS.search(clause_left) else None
        return period

    def _nearest(self, start: int, sentence: tuple[int, int], previous: Period | None, inherit: bool = True,
                 clause_start: int | None = None) -> Period | None:
        """The nearest time expression before the figure in its sentence; else that of the figure before it
        in the sentence (a growth rate takes its level's); else the date the text gave "this" action
        (此次降准…); else the publication date for 目前/当日; else (``inherit``) the last time expression earlier
        in its paragraph; else the reporting period (2019年, 一季度, 4月1日至7月20日 — not a single day) that the
        title or lead states, which a statistics release states once, or without one there the last reporting
        period named earlier in the text; else none."""
        text = self.text
        sentence_start, sentence_end = sentence
        paragraph_start = text.rfind("\n", 0, start) + 1
        best = in_paragraph = in_text = None
        for span in self.times:
            if span.end > start:
                break
            if span.start >= sentence_start:
                best = span
            elif span.kind in SENTENCE_ONLY:
                continue
            elif span.start >= paragraph_start:
                in_paragraph = span
            elif in_text is not None and in_text.start < LEAD_CHARS:
                continue  # the title or lead states the period a release reports
            elif span.kind in REPORTING_PERIODS or (span.kind == "date_range" and span.start < LEAD_CHARS):
                in_text = span
        if best is not None:
            if CURRENT_WORDS.search(text, max(best.end, clause_start or 0), start):
                return self.published  # 2021年12月下调…，目前…利率均为2%: 目前 is later than the date before it
            return best.period
        if previous is not None:
            return previous
        if EVENT_WORDS.search(text, sentence_start, start):
            # the action dated last before the figure: 于12月15日下调…, 自5月8日起…, 1月25日起…
            event = next((t for t in reversed(self.times) if t.end <= start
                          and t.kind in ("date", "date_range", "since_date")
                          and (text[t.start - 1:t.start] in ("于", "自", "从", "：", ":") or text.startswith("起", t.end))),
                         None)
            if event is not None:
                return event.period
        if SAME_DAY.search(text, sentence_start, start):
            # 同日/当日 is the day the text last named (人行昨（15）日开展…。同日…), else the publication date
            day = next((t for t in reversed(self.times) if t.end <= sentence_start and t.kind in ("date", "yesterday")),
                       None)
            return day.period if day is not None else self.published
        in_title = "\n" in text and start < text.index("\n")  # a title takes only the time it states
        if CURRENT_WORDS.search(text, sentence_start, start) or (not in_title and (
                _market_day().search(text, sentence_start, start) or OPERATION_DAY.search(text, sentence_start,
                                                                                          sentence_end))):
            return self.published
        if not inherit:
            return None
        if in_paragraph is not None:
            return in_paragraph.period
        if in_text is not None:
            return in_text.period
        return None
