"""A scorecard row as the command line writes it (JSON lines, CSV) and as the reader shows it."""

from __future__ import annotations

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
    """A figure as a Chinese reader writes it: 3000亿, 4.5万, 6.8, 1,439."""
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            return f"{value / size:.4g}{word}"
    return f"{value:,.4g}" if abs(value) >= 1000 else f"{value:.4g}"


def delta_text(row: Row) -> str:
    """How far the result is from the target: "+0.6个百分点", "−8.4亿斤 (−1.0%)"; "" when met or pending."""
    if row.delta is None or row.verdict not in (MISSED, EXCEEDED):
        return ""
    sign = "+" if row.delta > 0 else "−"
    unit = row.bound.unit or ""
    if unit in RATE_UNITS:
        points = f"{round(abs(row.delta), 2):g}"
        return f"{sign}{points}个百分点" if unit == "%" else f"{sign}{points}{unit}"
    text = f"{sign}{format_amount(abs(row.delta))}{unit}"
    if row.bound.value:
        text += f" ({sign}{abs(row.delta) / abs(row.bound.value) * 100:.1f}%)"
    return text


def verdict_text(row: Row) -> str:
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
