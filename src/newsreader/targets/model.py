"""The extracted item: one number expression found in an article's plain text."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(slots=True)
class Target:
    """One numeric item; `kind` is "target" (a goal, plan or forecast) or "achieved"."""

    text: str  # the highlighted span, comparator words included: "5.5%以内"
    start: int  # offsets of `text` into the article's plain text
    end: int
    sentence: str  # the whole sentence the span stands in
    kind: str  # "target" | "achieved"
    metric: str | None = None  # what is measured, in the article's words
    entity: str | None = None  # government or company, when the article covers several
    value: float | None = None  # normalized: 3000亿元 -> 3.0e11 (unit 元)
    unit: str | None = None  # base unit: "%", "百分点", "元", "人", "亩", ...
    low: float | None = None  # ranges: 6.0%—6.5% -> low 6.0, high 6.5
    high: float | None = None
    comparator: str = "="  # "=", ">=", "<=", "~", "range", "rank"
    relation: str | None = None  # 增长, 下降, 达到, 新增, 控制在 ...
    horizon: str | None = None  # "2022", "2022-2026", "2025"
    metric_key: str | None = None  # canonical metric key (one key for 地区生产总值/全省生产总值/GDP …)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return asdict(self)
