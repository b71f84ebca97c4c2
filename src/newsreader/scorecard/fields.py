"""A scorecard row as the command line writes it (JSON lines, CSV) and as the reader shows it."""

from __future__ import annotations

from typing import Protocol

from newsreader.scorecard.model import Placed, Row
from newsreader.scorecard.verdict import EXCEEDED, MISSED, RATE_UNITS
from newsreader.targets.vocabulary import indicator_name

# Every field of a row, in the order CSV columns take.
FIELDS = (
    "entity", "metric_key", "metric_name", "target_metric", "result_metric", "year", "period", "averaged",
    "target_text", "target_value", "target_low", "target_high", "bound", "result_text", "result_value", "unit",
    "verdict", "delta", "note", "target_post", "target_path", "target_date", "target_sentence", "result_post",
    "result_path", "result_date", "result_sentence", "revisions",
)
LIST_FIELDS = frozenset({"revisions"})


def format_amount(value: float) -> str:
    """A figure as a Chinese reader writes it: 3000亿, 4.5万, 6.8, 6300."""
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            return f"{value / size:.4g}{word}"
    return f"{round(value, 2):g}"


class Judged(Protocol):
    """What the verdict's words need: a scorecard Row, or a row as the cache keeps it."""

    @property
    def verdict(self) -> str: ...
    @property
    def delta(self) -> float | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def target_value(self) -> float: ...


def metric_words(row: Row) -> str:
    """The target's metric in its own words (全省地区生产总值)."""
    return row.target.item.metric or ""


def _difference(row: Judged) -> tuple[str, str] | None:
    """(sign, amount in the target's unit) of a miss or an excess, else None."""
    if row.delta is None or row.verdict not in (MISSED, EXCEEDED):
        return None
    sign = "+" if row.delta > 0 else "−"
    unit = row.unit or ""
    amount = f"{round(abs(row.delta), 2):g}" if unit in RATE_UNITS else f"{format_amount(abs(row.delta))}{unit}"
    return sign, amount


def delta_text(row: Judged) -> str:
    """How far the result is from the target: "+0.6个百分点", "−8.4亿斤 (−1.0%)"; "" when met or pending."""
    difference = _difference(row)
    if difference is None:
        return ""
    sign, amount = difference
    unit = row.unit or ""
    if unit == "%":
        return f"{sign}{amount}个百分点"
    if unit in RATE_UNITS:
        return f"{sign}{amount}{unit}"
    share = f" ({sign}{abs(row.delta or 0.0) / abs(row.target_value) * 100:.1f}%)" if row.target_value else ""
    return f"{sign}{amount}{share}"


def verdict_short(row: Judged) -> str:
    """The verdict with the difference in few cells: "missed −0.7" (points), "exceeded +5.3万人"."""
    difference = _difference(row)
    return f"{row.verdict} {''.join(difference)}" if difference else row.verdict


def verdict_text(row: Judged) -> str:
    """The verdict with the difference: "missed −0.7个百分点", "met", "pending"."""
    difference = delta_text(row)
    return f"{row.verdict} {difference}" if difference else row.verdict


def _side(placed: Placed | None) -> dict:
    if placed is None:
        return {"post": None, "path": None, "date": None, "sentence": None}
    return {"post": placed.post.id, "path": placed.post.path,
            "date": placed.post.date.isoformat() if placed.post.date else None, "sentence": placed.item.sentence}


def row_fields(row: Row) -> dict:
    """Every field of FIELDS for one row (plain JSON values)."""
    target, result = row.target, row.result
    item = target.item
    target_side, result_side = _side(target), _side(result)
    if row.statement is not None:  # a result in words only: its sentence stands for it
        statement = row.statement
        result_side = {"post": statement.post.id, "path": statement.post.path,
                       "date": statement.post.date.isoformat() if statement.post.date else None,
                       "sentence": statement.sentence}
    return {
        "entity": row.entity,
        "metric_key": row.metric_key,
        "metric_name": indicator_name(row.metric_key) or row.metric_key,
        "target_metric": item.metric,
        "result_metric": result.item.metric if result else None,
        "year": row.year,
        "period": target.period.years,
        "averaged": target.period.averaged,
        "target_text": item.text,
        "target_value": item.value,
        "target_low": item.low,
        "target_high": item.high,
        "bound": row.bound.kind,
        "result_text": result.item.text if result else None,
        "result_value": row.result_value,
        "unit": item.unit,
        "verdict": row.verdict,
        "delta": row.delta,
        "note": row.note,
        **{f"target_{name}": value for name, value in target_side.items()},
        **{f"result_{name}": value for name, value in result_side.items()},
        "revisions": [{"text": r.item.text, "post": r.post.id, "date": r.post.date.isoformat() if r.post.date else None,
                       "sentence": r.item.sentence} for r in row.revisions],
    }
