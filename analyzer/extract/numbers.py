"""Parse the numbers of Chinese financial text into exact ``Decimal`` values.

Handles Arabic numbers with thousands separators (1,234.5), Chinese numerals (三千五百亿, 一万二千,
十二点五, 二〇二五), mixed forms (3.5万亿, 13万2) and the fraction words 百分之… and …成.
"""
from __future__ import annotations

import re
from decimal import Decimal

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}
NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "点"

_TOKEN = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]")


def _positional(text: str) -> Decimal | None:
    """二〇二五 → 2025: Chinese digits written one by one, without multipliers."""
    if text and all(ch in CN_DIGITS for ch in text) and len(text) > 1:
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in text))
    return None


def parse_number(text: str) -> Decimal:
    """Value of a number written with Arabic digits, Chinese numerals or both (scale words included).

    >>> parse_number("3.5万亿"), parse_number("三千五百亿"), parse_number("13万2"), parse_number("十二点五")
    (Decimal('3500000000000.0'), Decimal('350000000000'), Decimal('132000'), Decimal('12.5'))
    """
    text = text.replace(",", "").replace(" ", "")
    if not text:
        raise ValueError("empty number")
    if "点" in text:  # Chinese decimal point: 十二点五 = 12.5
        whole, _, fraction = text.partition("点")
        digits = "".join(str(CN_DIGITS[ch]) if ch in CN_DIGITS else ch for ch in fraction)
        if not digits.isdigit():
            raise ValueError(f"bad decimal part in {text!r}")
        return (parse_number(whole) if whole else Decimal(0)) + Decimal("0." + digits)
    positional = _positional(text)
    if positional is not None:
        return positional
    tokens = _TOKEN.findall(text)
    if "".join(tokens) != text:
        raise ValueError(f"not a number: {text!r}")
    result = section = Decimal(0)
    number: Decimal | None = None
    last_big = last_unit = 0
    for token in tokens:
        if token in SMALL_UNITS:
            last_unit = SMALL_UNITS[token]
            section += (number if number is not None else Decimal(1)) * last_unit
            number = None
        elif token in BIG_UNITS:
            last_unit = BIG_UNITS[token]
            amount = section + (number or 0)
            if result == 0 or last_unit > last_big:
                result = (result + amount) * last_unit  # 3.5万亿: everything so far is multiplied
            else:
                result += amount * last_unit  # 一亿二千万: a lower section adds
            section, number, last_big = Decimal(0), None, last_unit
        else:
            number = Decimal(CN_DIGITS[token]) if token in CN_DIGITS else Decimal(token)
            last_unit = -last_unit if last_unit > 0 else 0  # remember the unit just before this digit
    if number is not None:
        # a lone digit right after a multiplier is the next lower place: 一万二 = 12000, 三百五 = 350, 13万2 = 132000
        implied = -last_unit // 10 if last_unit < 0 and len(tokens[-1]) == 1 else 1
        section += number * max(implied, 1)
    return result + section


def fraction_word_value(text: str) -> Decimal | None:
    """百分之十二点五 → 12.5; 两成 → 20 (both in percent); None when ``text`` is neither form."""
    if text.startswith("百分之"):
        return parse_number(text[3:])
    match = re.fullmatch(r"([一二两三四五六七八九十])成(半)?", text)
    if match:
        value = parse_number(match.group(1)) * 10
        return value + 5 if match.group(2) else value
    return None
