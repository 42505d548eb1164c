"""Parse the numbers of Chinese financial text into exact ``Decimal`` values.

Handles Arabic numbers with thousands separators (1,234.5; 19，212，760), Chinese numerals (三千五百亿, 一万二千,
十二点五, 二〇二五), capital numerals (贰亿贰仟陆佰万), mixed forms (3.5万亿, 13万2, 1亿2000万), vague numbers
(十几万, 数十亿: their lower bound), approximate pairs (七八亿 → 七亿, 八亿) and the fraction words 百分之…,
千分之…, 万分之… and …成. The digit and unit tables are in ``numerals.toml``.
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from analyzer import rulebook


@functools.cache
def load_numerals() -> dict:
    return rulebook.parse_toml(Path(__file__).with_name("numerals.toml").read_text(encoding="utf-8"))


_TABLES = load_numerals()
CAPITAL_DIGITS: dict[str, int] = dict(_TABLES["capital_digits"])
CN_DIGITS: dict[str, int] = dict(_TABLES["digits"]) | CAPITAL_DIGITS
SMALL_UNITS: dict[str, int] = dict(_TABLES["small_units"])
BIG_UNITS: dict[str, int] = dict(_TABLES["big_units"])
VAGUE_DIGITS = "".join(_TABLES["vague_digits"]["words"])
CAPITAL_CHARS = "".join(CAPITAL_DIGITS) + "".join(_TABLES["capital_units"]["words"])
FRACTION_WORDS: dict[str, Decimal] = {w: Decimal(f) for w, f in _TABLES["fraction_words"].items()}
LIMITS: dict[str, int] = dict(_TABLES["limits"])
COMMON_FRACTION: dict = dict(_TABLES["common_fractions"])
MAX_NUMBER_CHARS = 64  # longer strings are refused before any parsing work

_TOKEN = rulebook.regex(r"\d+(?:\.\d+)?|[" + re.escape("".join(CN_DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS))
                        + "]")
_UNIT_CHARS = "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_SEPARATORS = str.maketrans("", "", ",， ")
_CN_DIGIT_CLASS = "".join(d for d in CN_DIGITS if CN_DIGITS[d])
_CHENG = rulebook.regex(rf"(?P<whole>\d+(?:\.\d+)?|[{_CN_DIGIT_CLASS}十拾](?:点[{''.join(CN_DIGITS)}]+)?)成"
                        rf"(?P<rest>半|[{_CN_DIGIT_CLASS}])?|半成")


def _positional(text: str) -> Decimal | None:
    """二〇二五 → 2025: Chinese digits written one by one, without multipliers."""
    if text and all(ch in CN_DIGITS for ch in text) and len(text) > 1:
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in text))
    return None


def _resolve_vague(text: str) -> str:
    """十几万 → 十零万, 数十亿 → 一十亿, 几百 → 一百: the lower bound of a vague number, written plainly.
    几 or 数 as a multiplier's digit (before 十, 百, 万 …) is at least 1; as the ones after a multiplier, 0."""
    out = []
    for i, ch in enumerate(text):
        if ch in VAGUE_DIGITS:
            after_unit = i > 0 and text[i - 1] in SMALL_UNITS
            before_unit = i + 1 < len(text) and text[i + 1] in _UNIT_CHARS
            ch = "一" if before_unit and not after_unit else "零"
        out.append(ch)
    return "".join(out)


def is_vague(text: str) -> bool:
    """True for 十几万, 数十亿, 几百: numbers written with 几 or 数."""
    return any(ch in VAGUE_DIGITS for ch in text)


def _decimal_part(fraction: str, text: str) -> Decimal:
    digits = "".join(str(CN_DIGITS[ch]) if ch in CN_DIGITS else ch for ch in fraction)
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(f"bad decimal part in {text!r}")
    return Decimal("0." + digits)


def _multiplied(tokens: list[str]) -> Decimal:
    """Value of number tokens with multipliers: [三, 千, 五, 百, 亿] → 350000000000."""
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


def parse_number(text: str) -> Decimal:
    """Value of a number written with Arabic digits, Chinese numerals or both (scale words included).

    >>> parse_number("3.5万亿"), parse_number("三千五百亿"), parse_number("13万2"), parse_number("十二点五")
    (Decimal('3500000000000.0'), Decimal('350000000000'), Decimal('132000'), Decimal('12.5'))
    """
    text = _resolve_vague(text.translate(_SEPARATORS))
    if not text:
        raise ValueError("empty number")
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"number too long ({len(text)} characters)")
    if "点" in text:  # Chinese decimal point: 十二点五 = 12.5
        whole, _, fraction = text.partition("点")
        return (parse_number(whole) if whole else Decimal(0)) + _decimal_part(fraction, text)
    positional = _positional(text)
    if positional is not None:
        return positional
    tokens = _TOKEN.findall(text)
    if "".join(tokens) != text:
        raise ValueError(f"not a number: {text!r}")
    try:
        return _multiplied(tokens)
    except InvalidOperation as error:
        raise ValueError(f"not a number: {text!r}") from error


def approximate_pair(text: str) -> tuple[str, str] | None:
    """七八亿 → (七亿, 八亿); 十七八万 → (十七万, 十八万); 两三 → (两, 三): two neighbouring digits, one apart,
    are the two ends of an estimate. None when ``text`` has no such pair (or has a decimal part: 一点三四)."""
    if "点" in text:
        return None
    for i in range(len(text) - 1):
        low, high = text[i], text[i + 1]
        if low in CN_DIGITS and high in CN_DIGITS and CN_DIGITS[low] and CN_DIGITS[high] == CN_DIGITS[low] + 1:
            if any(ch in CN_DIGITS for ch in text[i + 2:i + 3]):
                return None  # 一二三四: a digit string, not an estimate
            return text[:i + 1] + text[i + 2:], text[:i] + text[i + 1:]
    return None


def fraction_word_value(text: str) -> Decimal | None:
    """百分之十二点五 → 12.5; 千分之三 → 0.3; 两成 → 20; 七成六 → 76; 半成 → 5 (all in percent);
    None when ``text`` is none of these forms."""
    for word, factor in FRACTION_WORDS.items():
        if text.startswith(word):
            return parse_number(text[len(word):]) * factor
    if COMMON_FRACTION["joint"] in text:
        return common_fraction_value(text)
    if "/" in text:  # 1/3 (numerals.toml [slash_fractions]): the numerator first, below the denominator
        numerator, _, denominator = text.partition("/")
        if int(numerator) >= int(denominator):
            return None
        return common_fraction_value(denominator + COMMON_FRACTION["joint"] + numerator)
    match = _CHENG.fullmatch(text)
    if match is None:
        return None
    if match.group("whole") is None:
        return Decimal(5)  # 半成
    value = parse_number(match.group("whole")) * 10
    rest = match.group("rest")
    if rest == "半":
        return value + 5
    return value + CN_DIGITS[rest] if rest else value


def common_fraction_value(text: str) -> Decimal:
    """五分之一 → 20, 四分之三 → 75, 三分之二 → 66.6666666667 (percent; ``numerals.toml`` [common_fractions] sets
    the places kept where the fraction does not end). Raises ValueError for a zero or unreadable denominator."""
    denominator, _, numerator = text.partition(COMMON_FRACTION["joint"])
    below = parse_number(denominator)
    if not below:
        raise ValueError(f"zero denominator in {text!r}")
    value = parse_number(numerator) * 100 / below
    exact = value.quantize(Decimal(1).scaleb(-COMMON_FRACTION["decimals"]))
    return value if exact == value else exact
