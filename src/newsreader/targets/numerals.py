"""Numeral parsing: Arabic (commas, decimals, full-width) and Chinese numerals to floats.

Only isolated numerals are parsed here; finding them in running text is the
scanner's job. Every function returns None instead of raising.
"""

from __future__ import annotations

import unicodedata

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6,
    "柒": 7, "捌": 8, "玖": 9,
}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
MAGNITUDES = {**CN_SMALL_UNITS, **CN_BIG_UNITS}

# Characters that may make up a Chinese numeral (digits, positional units, magnitudes).
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)

_MAX_LEN = 40  # longer "numerals" are not numbers a text states; refusing them bounds the work


def magnitude_of(chars: str) -> float | None:
    """The product of a run of magnitude characters: 万亿 -> 1e12, 千万 -> 1e7; None if any is not one."""
    value = 1.0
    for char in chars:
        factor = MAGNITUDES.get(char)
        if factor is None:
            return None
        value *= factor
    return value


def parse_arabic(text: str) -> float | None:
    """Parse an Arabic numeral such as "1,234.5" or full-width "１２.５"; None if it is not one."""
    digits = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    if not digits or len(digits) > _MAX_LEN:
        return None
    if digits.count(".") > 1 or not digits.replace(".", "").isdigit() or digits.startswith(".") or digits.endswith("."):
        return None
    if not digits.replace(".", "").isascii():
        return None
    try:
        return float(digits)
    except ValueError:
        return None


def _parse_below_wan(numeral: str) -> float | None:
    """Parse a Chinese numeral below 10,000 (十三, 三千零五, 二〇三五)."""
    if not numeral:
        return 0.0
    if all(char in CN_DIGITS for char in numeral):
        if len(numeral) == 2 or (len(numeral) > 2 and "两" in numeral):
            return None  # 两三, 五六: "two or three", an approximation without one value
        # digit-by-digit form (二〇三五) or a single digit
        value = 0
        for char in numeral:
            value = value * 10 + CN_DIGITS[char]
        return float(value)
    total = 0
    digit: int | None = None
    last_unit = 10**5
    for char in numeral:
        if char in CN_DIGITS:
            if digit is not None and CN_DIGITS[char] != 0 and digit != 0:
                return None  # two digits in a row inside a positional numeral (三四十)
            digit = CN_DIGITS[char]
        elif char in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[char]
            if unit >= last_unit:
                return None  # units must decrease: 十百 is not a numeral
            total += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
        else:
            return None
    if digit is not None:
        if digit and last_unit >= 100 and total and numeral[-2] in CN_SMALL_UNITS:
            # colloquial 三百五 = 350: a trailing digit scales to the next lower unit
            total += digit * (last_unit // 10)
        else:
            total += digit
    return float(total)


def parse_chinese(text: str) -> float | None:
    """Parse a Chinese numeral (三千亿, 一万二千, 十三, 二〇三五, 三点五); None if it is not one."""
    numeral = text.strip()
    if not numeral or len(numeral) > _MAX_LEN:
        return None
    if "点" in numeral:
        whole, _, frac = numeral.partition("点")
        if not frac or not all(char in CN_DIGITS for char in frac):
            return None
        head = parse_chinese(whole) if whole else None
        if head is None:
            return None
        digits = "".join(str(CN_DIGITS[char]) for char in frac)
        return float(f"{int(head)}.{digits}") if head == int(head) else None
    for big in ("亿", "億", "万", "萬"):
        cut = numeral.rfind(big)
        if cut >= 0:
            left, right = numeral[:cut], numeral[cut + 1:]
            left_value = parse_chinese(left) if left else 1.0
            if left_value is None:
                return None
            if right.startswith(("零", "〇")):
                right = right[1:]
            elif len(right) == 1 and right in CN_DIGITS and left:
                # colloquial 一万二 = 12,000: a lone trailing digit counts in tenths of the magnitude
                return left_value * CN_BIG_UNITS[big] + CN_DIGITS[right] * CN_BIG_UNITS[big] / 10
            right_value = parse_chinese(right) if right else 0.0
            if right_value is None:
                return None
            return left_value * CN_BIG_UNITS[big] + right_value
    return _parse_below_wan(numeral)


def parse_numeral(text: str) -> float | None:
    """Parse an isolated numeral in any supported form ("3.5万", "1.3万亿", "三千亿", "1,200"); None if unparseable."""
    try:
        if (text and text.isascii() and text.replace(".", "", 1).isdigit() and len(text) <= _MAX_LEN
                and text[0] != "." and text[-1] != "."):
            return float(text)  # the common case, "6.8" or "3000", without normalising
        normal = unicodedata.normalize("NFKC", text or "").strip()
        if not normal or len(normal) > _MAX_LEN:
            return None
        # split an Arabic head from a trailing run of magnitude characters (3.5万, 1.3万亿)
        head_end = 0
        while head_end < len(normal) and (normal[head_end].isdigit() or normal[head_end] in ".,"):
            head_end += 1
        if head_end == 0:
            return parse_chinese(normal)
        head = parse_arabic(normal[:head_end])
        if head is None:
            return None
        tail = normal[head_end:]
        if not tail:
            return head
        factor = magnitude_of(tail)
        return None if factor is None else head * factor
    except Exception:  # noqa: BLE001 - the contract is "never raises"
        return None
