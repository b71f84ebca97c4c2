"""An item's value as a Chinese reader writes it: `≤5.5%`, `5%—5.5%`, `4万人`, `≥3000亿元`, `翻一番` as written."""

from __future__ import annotations

import re

from newsreader.targets.model import Target

_COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", "~": "≈", "=": "", "range": "", "rank": ""}
_WRITTEN_UNITS = {"百分点": "个百分点"}  # how a unit is written after a number, where it differs
_DIGIT = re.compile(r"[0-9０-９]")


def format_number(value: float) -> str:
    """A value as a Chinese reader writes it: 3000亿, 627.7亿, 4万, 6.8, 1,439."""
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        scaled = value / size
        # Use the magnitude word when it leaves at most two decimals (floats need rounding).
        if abs(value) >= size and abs(scaled * 100 - round(scaled * 100)) < 1e-6:
            return f"{round(scaled, 2):g}{word}"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def format_quantity(value: float, unit: str | None) -> str:
    """A number with its unit written right after it, as in the text: `6.8%`, `3000亿元`, `0.5个百分点`."""
    return format_number(value) + _WRITTEN_UNITS.get(unit or "", unit or "")


def format_value(item: Target) -> str:
    """An item's value with comparator and unit: `≤5.5%`, `5%—5.5%`, `≥3000亿元`, `前20`.

    A value the article writes in words (翻一番, 前三, 第二位) is shown as written.
    """
    if not _DIGIT.search(item.text):
        return item.text
    if item.comparator == "range" and item.low is not None and item.high is not None:
        # the unit after each end, as GB/T 15835 writes ranges: 5%—5.5%, 1亿元—2亿元
        return f"{format_quantity(item.low, item.unit)}—{format_quantity(item.high, item.unit)}"
    if item.value is None:
        return item.text
    if item.comparator == "rank":
        return f"前{format_number(item.value)}"
    return _COMPARATOR_SIGNS.get(item.comparator, "") + format_quantity(item.value, item.unit)
