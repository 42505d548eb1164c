"""Figures as readable statements: "普惠小微贷款余额：2025年3月末35.3万亿元，同比增长12.5%" or
"Outstanding inclusive loans to small and micro businesses (PBOC): 35.3 trillion yuan at end-March 2025, +12.5% y/y".

English comes from the taxonomy's ``name_en`` and ``words.toml``; a metric the taxonomy does not know keeps its
Chinese name in an English brief. Values stay ``Decimal`` until they are printed.
"""
from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from typing import Sequence

from analyzer.brief.themes import load_words
from analyzer.records import Figure, Period, decimal_to_str
from analyzer.taxonomy import load_taxonomy, metric_key

TRILLION, BILLION, MILLION = Decimal(10) ** 12, Decimal(10) ** 9, Decimal(10) ** 6
WAN_YI, YI, WAN = Decimal(10) ** 12, Decimal(10) ** 8, Decimal(10) ** 4


def metric_label(metric: str | None, figure: Figure, lang: str) -> str:
    """The statement's label: the metric's English name (taxonomy) or its Chinese phrase; without a metric,
    the tool or sector the figure is linked to, else "other figure"."""
    taxonomy = load_taxonomy()
    if metric:
        if lang != "en":
            return metric
        entry = taxonomy.lookup(metric, "metrics") or taxonomy.lookup(metric_key(metric), "metrics")
        name = entry.name_en if entry else metric
        return name[:1].upper() + name[1:]
    links = figure.links or {}
    for array, kind in (("policy_tools", "tools"), ("sectors", "sectors")):
        if links.get(array):
            name = links[array][0]
            return taxonomy.english(name, kind) if lang == "en" else name
    zh, en = load_words()["labels"]["other_figure"]
    return en if lang == "en" else zh


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


def amount(figure: Figure, lang: str, value: Decimal | None = None) -> str:
    """The figure's magnitude with its unit, without sign or qualifier: "35.3 trillion yuan" / "35.3万亿元"."""
    words = load_words()
    value = figure.value if value is None else value
    unit = figure.unit
    if unit in words["currency"]:
        zh, en = words["currency"][unit]
        return f"{_en_number(value)} {en}" if lang == "en" else f"{_zh_number(value)}{zh}"
    number = decimal_to_str(abs(value))
    if unit == "percent":
        return f"{number}%"
    if unit == "percentage_point":
        if lang == "en":
            return f"{number} percentage point" + ("s" if abs(value) > 1 else "")
        return f"{number}个百分点"
    if unit == "basis_point":
        return f"{number} basis points" if lang == "en" else f"{number}个基点"
    if unit == "times":
        return f"{number} times" if lang == "en" else f"{number}倍"
    if unit == "count":
        counter = figure.counter or ""
        if lang == "en":
            noun = words["counter"].get(counter, counter)
            return f"{_en_number(value)} {noun}".strip()
        return f"{_zh_number(value)}{counter}"
    return figure.text


def _quantity(figure: Figure, lang: str) -> str:
    """Magnitude with qualifier and range: "about 17 trillion yuan", "3000亿—5000亿元"."""
    words = load_words()
    text = amount(figure, lang)
    if figure.unit == "other":
        return text  # the figure's own words (7.4亿平方米), qualifier included
    if figure.value_high is not None:
        low, high = amount(figure, lang), amount(figure, lang, figure.value_high)
        text = f"{low}–{high}" if lang == "en" else f"{low}至{high}"
    if figure.qualifier in words["qualifier"]:
        zh, en = words["qualifier"][figure.qualifier]
        text = f"{en} {text}" if lang == "en" else f"{zh}{text}"
    return text


def value_phrase(figure: Figure, lang: str) -> str:
    """The figure as a phrase by measure and comparison: "+12.5% y/y" / "同比增长12.5%", "share 56.8%" / "占比56.8%"."""
    words = load_words()
    quantity = _quantity(figure, lang)
    negative = figure.value < 0
    zh_cmp, en_cmp = words["comparison"].get(figure.comparison, ("", ""))
    if figure.measure == "growth_rate":
        if lang == "en":
            return f"{'−' if negative else '+'}{quantity}{(' ' + en_cmp) if en_cmp else ''}"
        return f"{zh_cmp}{'下降' if negative else '增长'}{quantity}"
    if figure.measure == "change":
        if lang == "en":
            if figure.comparison:
                return f"{'−' if negative else '+'}{quantity} {en_cmp}"
            return f"{'down' if negative else 'up'} {quantity}"
        if figure.comparison:
            if figure.unit in ("percentage_point", "basis_point"):
                verb = "下降" if negative else "提高"
            elif figure.comparison == "yoy":
                verb = "少增" if negative else "多增"
            else:
                verb = "减少" if negative else "增加"
            return f"{zh_cmp}{verb}{quantity}"
        verb = ("下调" if negative else "上调") if figure.unit in ("percentage_point", "basis_point") \
            else ("减少" if negative else "增加")
        return f"{verb}{quantity}"
    if figure.measure == "share":
        return f"a share of {quantity}" if lang == "en" else f"占比{quantity}"
    sign = "−" if negative else ""
    if en_cmp and lang == "en":
        return f"{sign}{quantity} {en_cmp}"
    return f"{zh_cmp}{sign}{quantity}"


# ---- periods -------------------------------------------------------------------------------------------------

def _month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def period_phrase(period: Period | None, lang: str) -> str:
    """"at end-March 2025" / "2025年3月末", "in Jan–Apr 2025" / "2025年1-4月", "in Q1 2025" / "2025年一季度"."""
    if period is None:
        return ""
    words = load_words()
    months, short = words["months"]["en"], words["months"]["en_short"]
    try:
        start, end = date.fromisoformat(period.start), date.fromisoformat(period.end)
    except ValueError:
        return ""
    en = lang == "en"
    if start == end:
        if end.month == 12 and end.day == 31:
            return f"at end-{end.year}" if en else f"{end.year}年末"
        if _month_end(end):
            return f"at end-{months[end.month - 1]} {end.year}" if en else f"{end.year}年{end.month}月末"
        return f"on {end.day} {months[end.month - 1]} {end.year}" if en else f"{end.year}年{end.month}月{end.day}日"
    whole_months = start.day == 1 and _month_end(end)
    if whole_months and start.year == end.year:
        year, first, last = end.year, start.month, end.month
        if first == 1 and last == 12:
            return f"in {year}" if en else f"{year}年"
        if first == last:
            return f"in {months[first - 1]} {year}" if en else f"{year}年{first}月"
        if (first - 1) % 3 == 0 and last == first + 2:
            quarter = (first - 1) // 3
            quarters = words["quarters"]
            return f"in {quarters['en'][quarter]} {year}" if en else f"{year}年{quarters['zh'][quarter]}"
        if (first, last) in ((1, 6), (7, 12)):
            return (f"in H{1 if first == 1 else 2} {year}" if en
                    else f"{year}年{'上' if first == 1 else '下'}半年")
        return (f"in {short[first - 1]}–{short[last - 1]} {year}" if en else f"{year}年{first}-{last}月")

    def point(day: date, is_start: bool) -> str:
        whole = day.day == 1 if is_start else _month_end(day)
        if en:
            return f"{months[day.month - 1]} {day.year}" if whole else f"{day.day} {short[day.month - 1]} {day.year}"
        return f"{day.year}年{day.month}月" if whole else f"{day.year}年{day.month}月{day.day}日"
    return f"from {point(start, True)} to {point(end, False)}" if en else f"{point(start, True)}至{point(end, False)}"


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
            phrase = f"{phrase} {when}" if lang == "en" else f"{when}{joint}{phrase}"
            said = when
        parts.append(phrase)
    return f"{label}: {', '.join(parts)}" if lang == "en" else f"{label}：{'，'.join(parts)}"


def group_by_metric(figures: Sequence[Figure]) -> list[list[Figure]]:
    """Consecutive figures of the same (known) metric form one statement; a figure without a metric stands alone."""
    groups: list[list[Figure]] = []
    for figure in figures:
        if groups and figure.metric and groups[-1][-1].metric == figure.metric:
            groups[-1].append(figure)
        else:
            groups.append([figure])
    return groups
