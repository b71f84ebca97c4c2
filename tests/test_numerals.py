"""The numeral parser: Arabic and Chinese numerals, magnitudes, and what it refuses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.targets.numerals import magnitude_of, parse_arabic, parse_chinese, parse_numeral

PARSED = [
    # Arabic, with separators, decimals and full-width forms
    ("6.8", 6.8),
    ("1,234.5", 1234.5),
    ("23,000", 23000),
    ("１２.５", 12.5),
    ("0", 0),
    # Arabic with magnitudes
    ("3000亿", 3.0e11),
    ("4万", 40000),
    ("26万", 260000),
    ("1.2万", 12000),
    ("1.3万亿", 1.3e12),
    ("9181.5亿", 9.1815e11),
    ("2千", 2000),
    ("5百万", 5e6),
    # Chinese numerals
    ("一", 1),
    ("两", 2),
    ("十", 10),
    ("十三", 13),
    ("二十", 20),
    ("一百零五", 105),
    ("三百五", 350),
    ("两千", 2000),
    ("三千亿", 3.0e11),
    ("千亿", 1e11),
    ("万亿", 1e12),
    ("两万亿", 2e12),
    ("一万二千", 12000),
    ("一万二", 12000),
    ("三亿五千万", 3.5e8),
    ("三亿零五万", 300050000),
    ("二〇三五", 2035),
    ("三点五", 3.5),
    ("五百", 500),
    ("壹佰", 100),
    ("八萬", 80000),
    ("三億", 3e8),
]


@pytest.mark.parametrize(("text", "value"), PARSED)
def test_parses(text: str, value: float) -> None:
    assert parse_numeral(text) == pytest.approx(value, rel=1e-9)


@pytest.mark.parametrize("text", ["", "abc", "12.", ".5", "1.2.3", "三四十", "十百", "零售", "万家", "3x", "百分点", "一" * 50,
                                  "两三", "五六"])
def test_refuses(text: str) -> None:
    assert parse_numeral(text) is None


def test_magnitudes_multiply() -> None:
    assert magnitude_of("万亿") == 1e12
    assert magnitude_of("千万") == 1e7
    assert magnitude_of("万x") is None


def test_parts_refuse_other_scripts() -> None:
    assert parse_arabic("三") is None
    assert parse_chinese("3") is None
    assert parse_arabic("٣") is None  # Arabic-Indic digits are not written in these posts


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_never_raises(text: str) -> None:
    value = parse_numeral(text)
    assert value is None or isinstance(value, float)


@given(st.text(alphabet="零〇一二两三四五六七八九十百千万亿点0123456789.,", min_size=41, max_size=400))
@settings(max_examples=100, deadline=None)
def test_long_input_is_refused(text: str) -> None:
    # the work is bounded by a length cap: nothing a text states as one number is this long
    assert parse_numeral(text) is None


@given(st.integers(min_value=0, max_value=99_999_999))
@settings(max_examples=300, deadline=None)
def test_arabic_round_trip(n: int) -> None:
    assert parse_numeral(str(n)) == n
    assert parse_numeral(f"{n:,}") == n


def _to_chinese(n: int) -> str:
    """Write 0 <= n < 10**8 in standard Chinese numerals (our own reference writer)."""
    digits = "零一二三四五六七八九"
    units = ["", "十", "百", "千"]

    def below_wan(x: int) -> str:
        out = ""
        zero = False
        for pos in range(3, -1, -1):
            d = x // 10**pos % 10
            if d:
                if zero and out:
                    out += "零"
                out += digits[d] + units[pos]
                zero = False
            else:
                zero = True
        return out

    if n == 0:
        return "零"
    wan, rest = divmod(n, 10_000)
    if not wan:
        return below_wan(rest)
    text = below_wan(wan) + "万"
    if rest:
        text += ("零" if rest < 1000 else "") + below_wan(rest)
    return text


@given(st.integers(min_value=1, max_value=99_999_999))
@settings(max_examples=300, deadline=None)
def test_chinese_round_trip(n: int) -> None:
    assert parse_numeral(_to_chinese(n)) == n
