"""Number parsing: Arabic, Chinese numerals, mixed forms, fraction words — exact Decimals."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from analyzer.extract.numbers import fraction_word_value, parse_number

CASES = [
    ("35.3", "35.3"), ("1,234.5", "1234.5"), ("3.5万亿", "3500000000000"), ("三千五百亿", "350000000000"),
    ("一万二千", "12000"), ("一万二", "12000"), ("13万2", "132000"), ("十二点五", "12.5"), ("十", "10"),
    ("十五", "15"), ("一千零五十", "1050"), ("一亿二千万", "120000000"), ("三百五", "350"), ("两", "2"),
    ("二〇二五", "2025"), ("27.18万", "271800"), ("3 500", "3500"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_parse_number(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text, expected", [("百分之十二点五", "12.5"), ("百分之五", "5"), ("两成", "20"), ("三成半", "35"),
                                            ("五分之一", "20"), ("四分之三", "75"), ("八分之一", "12.5"),
                                            ("三分之一", "33.3333333333"), ("三分之二", "66.6666666667")])
def test_fraction_words(text, expected):
    assert fraction_word_value(text) == Decimal(expected)


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_arabic_round_trip(value):
    assert parse_number(format(value, "f")) == value


@given(st.integers(min_value=1, max_value=99999999))
def test_chinese_numerals_round_trip(number):
    digits = "零一二三四五六七八九"

    def to_chinese(n: int) -> str:  # a plain, independent writer of Chinese numerals
        if n >= 10**4:
            high, low = divmod(n, 10**4)
            return to_chinese(high) + "万" + (("零" if low < 1000 else "") + to_chinese(low) if low else "")
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d, n = divmod(n, unit)
            if d:
                out += ("零" if zero and out else "") + digits[d] + name
                zero = False
            else:
                zero = True
        return out

    assert parse_number(to_chinese(number)) == number
