"""An item's value as a reader reads it: `≤5.5 %`, `6–6.5 %`, `4万 人`, `3000亿 元`."""

from __future__ import annotations

from newsreader.targets.model import Target

_COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", "~": "≈", "=": "", "range": "", "rank": ""}


def format_number(value: float) -> str:
    """A value as a Chinese reader writes it: 3000亿, 627.7亿, 4万, 6.8, 1,439."""
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        scaled = value / size
        # Use the magnitude word when it leaves at most two decimals (floats need rounding).
        if abs(value) >= size and abs(scaled * 100 - round(scaled * 100)) < 1e-6:
            return f"{round(scaled, 2):g}{word}"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def format_value(item: Target) -> str:
    """An item's value with comparator and unit: `≤5.5 %`, `6–6.5 %`, `4万 人`, `前20`."""
    unit = f" {item.unit}" if item.unit else ""
    if item.comparator == "range" and item.low is not None and item.high is not None:
        return f"{format_number(item.low)}–{format_number(item.high)}{unit}"
    if item.value is None:
        return item.text
    if item.comparator == "rank":
        return f"前{format_number(item.value)}"
    return f"{_COMPARATOR_SIGNS.get(item.comparator, '')}{format_number(item.value)}{unit}"
