"""Figures as readable statements: "普惠小微贷款余额：2025年3月末35.3万亿元，同比增长12.5%" or
"Outstanding inclusive loans to small and micro businesses (PBOC): 35.3 trillion yuan at end-March 2025, +12.5% y/y".

English comes from the taxonomy's ``name_en`` and ``words.toml``; a metric the taxonomy does not know keeps its
Chinese name in an English brief. Values stay ``Decimal`` until they are printed.
"""
from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from analyzer.brief.messages import MESSAGES, pick, say, setting
from analyzer.brief.themes import load_words
from analyzer.records import Figure, Period, decimal_to_str
from analyzer.taxonomy import load_taxonomy, metric_key

TRILLION, BILLION, MILLION = Decimal(10) ** 12, Decimal(10) ** 9, Decimal(10) ** 6
WAN_YI, YI, WAN = Decimal(10) ** 12, Decimal(10) ** 8, Decimal(10) ** 4


def localized(name: str, kind: str, lang: str) -> str:
    """A tool or sector name as a brief in ``lang`` writes it (the taxonomy's English name, or as written)."""
    return load_taxonomy().english(name, kind) if setting(lang, "names") == "english" else name


def _metric_name(metric: str, lang: str) -> str:
    if setting(lang, "names") != "english":
        return metric
    taxonomy = load_taxonomy()
    entry = taxonomy.lookup(metric, "metrics") or taxonomy.lookup(metric_key(metric), "metrics")
    name = entry.name_en if entry else metric
    return name[:1].upper() + name[1:]


def metric_label(metric: str | None, figure: Figure, lang: str) -> str:
    """The statement's label: the metric's English name (taxonomy) or its Chinese phrase; without a metric,
    the tool or sector the figure is linked to, else "other figure"."""
    if metric:
        return _metric_name(metric, lang)
    links = figure.links or {}
    for array, kind in (("policy_tools", "tools"), ("sectors", "sectors")):
        if links.get(array):
            return localized(links[array][0], kind, lang)
    return pick(load_words()["labels"]["other_figure"], lang)


# ---- numbers -------------------------------------------------------------------------------------------------

def _scaled(value: Decimal, steps: Sequence[tuple[Decimal, str]]) -> tuple[str, str]:
    magnitude = abs(value)
    for size, word in steps:
        if magnitude >= size:
            return decimal_to_str(magnitude / size), word
    return decimal_to_str(magnitude), ""


def _en_number(value: Decimal) -> str:
    number, word = _scaled(value, ((TRILLION, "trillion"), (BILLION, "billion"), (MILLION, "million")))
    if not word and "." not in number and len(number) > 4:
        number = f"{int(number):,}"
    return f"{number} {word}".strip()


def _zh_number(value: Decimal) -> str:
    number, word = _scaled(value, ((WAN_YI, "万亿"), (YI, "亿"), (WAN, "万")))
    return number + word


NUMBER_STYLES = {"western": _en_number, "wan": _zh_number}  # [language.LANG] numbers


def _number(value: Decimal, lang: str) -> str:
    return NUMBER_STYLES[setting(lang, "numbers")](value)


def amount(figure: Figure, lang: str, value: Decimal | None = None) -> str:
    """The figure's magnitude with its unit, without sign or qualifier: "35.3 trillion yuan" / "35.3万亿元"."""
    words = load_words()
    value = figure.value if value is None else value
    unit = figure.unit
    if unit in words["currency"]:
        return say("amount.currency", lang, number=_number(value, lang), currency=pick(words["currency"][unit], lang))
    if unit == "count":
        counter = figure.counter or ""
        return say("amount.count", lang, number=_number(value, lang), counter=counter,
                   noun=words["counter"].get(counter, counter)).strip()
    if MESSAGES.has(f"amount.{unit}"):
        return say(f"amount.{unit}", lang, number=decimal_to_str(abs(value)), plural="s" if abs(value) > 1 else "")
    return figure.text


def _quantity(figure: Figure, lang: str) -> str:
    """Magnitude with qualifier and range: "about 17 trillion yuan", "3000亿—5000亿元"."""
    words = load_words()
    text = amount(figure, lang)
    if figure.unit == "other":
        return text  # the figure's own words (7.4亿平方米), qualifier included
    if figure.value_high is not None:
        text = say("quantity.range", lang, low=amount(figure, lang), high=amount(figure, lang, figure.value_high))
    if figure.qualifier in words["qualifier"]:
        text = say("quantity.qualified", lang, qualifier=pick(words["qualifier"][figure.qualifier], lang),
                   quantity=text)
    return text


def _phrase_applies(row: dict, figure: Figure) -> bool:
    """A [[value_phrase]] row's conditions: measure, whether a comparison is stated, units, comparison."""
    if row["measure"] not in ("any", figure.measure):
        return False
    if "compared" in row and bool(figure.comparison) != row["compared"]:
        return False
    if "units" in row and figure.unit not in row["units"]:
        return False
    return "comparison" not in row or figure.comparison == row["comparison"]


def value_phrase(figure: Figure, lang: str) -> str:
    """The figure as a phrase by measure and comparison: "+12.5% y/y" / "同比增长12.5%", "share 56.8%" / "占比56.8%"
    (the first [[value_phrase]] row of messages.toml that applies)."""
    row = next(r for r in MESSAGES.rows("value_phrase") if _phrase_applies(r, figure))
    cmp = pick(load_words()["comparison"].get(figure.comparison, ("", "")), lang)
    template = row[f"{lang}_negative"] if figure.value < 0 else row[lang]
    return template.format(quantity=_quantity(figure, lang), cmp=cmp, spaced_cmp=f" {cmp}" if cmp else "")


# ---- periods -------------------------------------------------------------------------------------------------

def _month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _whole_months(start: date, end: date) -> bool:
    """A range of whole months within one year."""
    return start != end and start.day == 1 and _month_end(end) and start.year == end.year


PERIOD_KINDS = {  # the [[period_phrase]] kinds: (start, end) → whether the period is of that kind
    "year_end": lambda start, end: start == end and (end.month, end.day) == (12, 31),
    "month_end": lambda start, end: start == end and _month_end(end),
    "day": lambda start, end: start == end,
    "whole_year": lambda start, end: _whole_months(start, end) and (start.month, end.month) == (1, 12),
    "one_month": lambda start, end: _whole_months(start, end) and start.month == end.month,
    "quarter": lambda start, end: (_whole_months(start, end) and (start.month - 1) % 3 == 0
                                   and end.month == start.month + 2),
    "first_half": lambda start, end: _whole_months(start, end) and (start.month, end.month) == (1, 6),
    "second_half": lambda start, end: _whole_months(start, end) and (start.month, end.month) == (7, 12),
    "whole_months": _whole_months,
    "any": lambda start, end: True,
}


def _point(day: date, whole: bool, lang: str) -> str:
    """One end of a range: a whole month (2025年3月) or a day (2025年3月5日)."""
    months, short = load_words()["months"]["en"], load_words()["months"]["en_short"]
    return say("period.month" if whole else "period.day", lang, year=day.year, month=day.month, day=day.day,
               month_name=months[day.month - 1], month_short=short[day.month - 1])


def _period_fields(start: date, end: date, lang: str) -> dict:
    words = load_words()
    months, short = words["months"]["en"], words["months"]["en_short"]
    return {"year": end.year, "month": end.month, "day": end.day, "month_name": months[end.month - 1],
            "first": start.month, "last": end.month, "first_name": months[start.month - 1],
            "first_short": short[start.month - 1], "last_short": short[end.month - 1],
            "quarter": words["quarters"][lang][(start.month - 1) // 3],
            "start_point": _point(start, start.day == 1, lang), "end_point": _point(end, _month_end(end), lang)}


def period_phrase(period: Period | None, lang: str) -> str:
    """"at end-March 2025" / "2025年3月末", "in Jan–Apr 2025" / "2025年1-4月", "in Q1 2025" / "2025年一季度"
    (the first [[period_phrase]] row of messages.toml whose kind the period is)."""
    if period is None:
        return ""
    try:
        start, end = date.fromisoformat(period.start), date.fromisoformat(period.end)
    except ValueError:
        return ""
    row = next(r for r in MESSAGES.rows("period_phrase") if PERIOD_KINDS[r["kind"]](start, end))
    return row[lang].format(**_period_fields(start, end, lang))


# ---- statements ----------------------------------------------------------------------------------------------

def statement(figures: Sequence[Figure], lang: str) -> str:
    """One statement for figures of one metric in one sentence; the period is said once, where it first applies.

    en: "Label: 35.3 trillion yuan at end-March 2025, +12.5% y/y"; zh: "标签：2025年3月末35.3万亿元，同比增长12.5%".
    """
    label = metric_label(figures[0].metric, figures[0], lang)
    parts, said = [], None
    for figure in figures:
        phrase = value_phrase(figure, lang)
        when = period_phrase(figure.period, lang)
        if when and when != said:
            # a zh period ending in a day (…5月26日) would run into the number: 5月26日4.4万亿元
            joint = "，" if when.endswith("日") else ""
            phrase = say("statement.dated", lang, phrase=phrase, when=when, joint=joint)
            said = when
        parts.append(phrase)
    return say("statement.text", lang, label=label, parts=say("statement.parts", lang).join(parts))


def group_by_metric(figures: Sequence[Figure]) -> list[list[Figure]]:
    """Consecutive figures of the same (known) metric form one statement; a figure without a metric stands alone."""
    groups: list[list[Figure]] = []
    for figure in figures:
        if groups and figure.metric and groups[-1][-1].metric == figure.metric:
            groups[-1].append(figure)
        else:
            groups.append([figure])
    return groups
