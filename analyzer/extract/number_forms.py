"""The written shapes of numbers that the figure finder matches, and the page debris it must not read as figures.

Every number pattern here is bounded (``numerals.toml`` [limits]) and anchored so that it can start only at the
first character of a digit or numeral run: finding candidates is linear in the length of the text, and a run
longer than the cap (16,000 digits of page debris) is simply not a figure.
"""
from __future__ import annotations

from decimal import Decimal

from analyzer import rulebook
from analyzer.extract.numbers import BIG_UNITS, CAPITAL_CHARS, CN_DIGITS, LIMITS, SMALL_UNITS, VAGUE_DIGITS

_DIGITS = "".join(CN_DIGITS)
_NONZERO = "".join(d for d in CN_DIGITS if CN_DIGITS[d])
_TENS = "".join(u for u in SMALL_UNITS if SMALL_UNITS[u] == 10)
_HUNDREDS = "".join(u for u in SMALL_UNITS if SMALL_UNITS[u] == 100)
_OTHER_UNITS = "".join(u for u in SMALL_UNITS if SMALL_UNITS[u] not in (10, 100)) + "".join(BIG_UNITS)
NUMERAL_START = _DIGITS + _TENS + VAGUE_DIGITS  # characters a Chinese numeral may open with

_AR_MAX, _DEC_MAX, _CN_MAX = LIMITS["max_arabic_digits"], LIMITS["max_decimals"], LIMITS["max_numeral_chars"]
# 1,234.5 / 19，212，760 / 3 500 / 1234.5 / 0.895 63 (decimals grouped as the PBOC writes them); never starts
# inside a digit run (or a run of groups), never ends before another digit
NUM_AR = (rf"(?<![\d.])(?<!\d,)(?:\d{{1,3}}(?:[,，]\d{{3}}){{1,6}}(?![,，]\d{{3}})|\d{{1,3}}(?: \d{{3}}){{1,6}}"
          rf"|\d{{1,{_AR_MAX}}})(?:\.\d{{3}} \d{{1,3}}(?![\d.])|\.\d{{1,{_DEC_MAX}}})?(?![\d])")
# 百 is a multiplier except in 百分之/百分点/百分位 (百分之七十百分位 is 70)
_CN_BODY = rf"(?:[{_DIGITS}{_TENS}{_OTHER_UNITS}{VAGUE_DIGITS}]|[{_HUNDREDS}](?!分))"
_CN_FIRST = rf"(?:[{_DIGITS}{_TENS}]|几|数(?=[{_TENS}{_HUNDREDS}{_OTHER_UNITS}]))"
NUM_CN = (rf"(?<![{_DIGITS}{_TENS}{_HUNDREDS}{_OTHER_UNITS}{VAGUE_DIGITS}])"
          rf"{_CN_FIRST}{_CN_BODY}{{0,{_CN_MAX}}}(?:点[{_DIGITS}]{{1,{_DEC_MAX}}})?(?!{_CN_BODY}|点[{_DIGITS}])")
# one digit of a money sub-unit: 6角3分, 伍角
SUB_DIGIT = rf"(?:\d|[{_NONZERO}])"
# dashes and words between the two ends of a range; (含) may close the low end: 1万(含)-5万元
RANGE_SEP = r"(?:[（(]含[）)])?\s?(?:--|——|—|–|-|~|～|－|至|到)"
RANGE_JOINT = rulebook.regex(r"(?:[（(]含[）)])?\s?(?:--|——|—|–|-|~|～|－|至|到)?\s?")
DASHES = "-−－—–~～"  # – (en dash) joins ranges in translated stories: 5100–5400美元/盎司
# zero-width characters that web pages leave inside a phrase (约\u200c2.19亿人次): no gap between a qualifier and its number
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

# stock quotes after a name: 安泰科技(7.880,0.05,0.64%) - price, change, change in percent
_QUOTE_NUMBER = r"\s?[-+]?\d{1,8}(?:\.\d{1,6})?\s?"
QUOTE_TUPLE = rulebook.regex(rf"[（(]{_QUOTE_NUMBER}[,，]{_QUOTE_NUMBER}[,，]{_QUOTE_NUMBER}%\s?[）)]")
ASCII_RUN = rulebook.regex(r"(?<![!-~])[!-~]+")
URL_MARK = rulebook.regex(r"://|^www\.|(?:%[0-9A-Fa-f]{2}){2}")


def is_capital(text: str) -> bool:
    """True when a number uses capital numerals (壹贰叁…拾佰仟)."""
    return any(ch in CAPITAL_CHARS for ch in text)


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of page debris that holds digits but no figures: URLs (percent-encoded ones included) and
    stock-quote tuples. Both scans are linear."""
    spans = [m.span() for m in QUOTE_TUPLE.finditer(text)]
    if "%" not in text and "//" not in text and "www." not in text:
        return spans
    for match in ASCII_RUN.finditer(text):
        if URL_MARK.search(match.group()):
            spans.append(match.span())
    return spans


def trailing_scale(number: str, scales: dict[str, Decimal], big_only: bool) -> Decimal | None:
    """The scale word a range's high end ends with (五万亿 → 万亿, 两千万 → 万 when ``big_only``), or None."""
    for length in range(min(len(number) - 1, 3), 0, -1):
        word = number[-length:]
        if word in scales and (not big_only or all(ch in BIG_UNITS for ch in word)):
            return scales[word]
    return None


def shared_low_end(low: Decimal, low_text: str, high: Decimal, high_text: str,
                   scales: dict[str, Decimal]) -> Decimal:
    """The low end of a range that leaves the scale to the high end: 三至五万亿 → 3万亿, 一千到两千万 → 1000万,
    but 8000到2万 stays 8000 (sharing the scale would put the low end above the high end)."""
    if any(ch in BIG_UNITS for ch in low_text):
        return low
    big_only = any(ch in SMALL_UNITS for ch in low_text)
    scale = trailing_scale(high_text, scales, big_only)
    if scale is None or low * scale > high:
        return low
    return low * scale
