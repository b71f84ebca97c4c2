"""Verdicts: a target's bound set against the result, with the tolerance 左右 allows.

The bound is read from the target's comparator and relation:

| target                       | bound  | met when the result r …           | otherwise            |
|------------------------------|--------|-----------------------------------|----------------------|
| 5.0%—5.5%                    | range  | is within it                      | exceeded above, missed below |
| 5%以上, 不低于5%, 突破4500亿元 | floor  | equals it                         | exceeded above, missed below |
| 5.5%以内, 控制在5.5%          | cap    | is at or under it                 | missed above         |
| 控制在5.5%左右                | cap    | is at or under it plus the tolerance | missed above      |
| 5%左右                       | about  | is within the tolerance of it     | exceeded above, missed below |
| 70万人 (no bound word)       | point  | is within the tolerance of it     | exceeded above, missed below |

The tolerance of 左右 (and of a plain figure): a quarter of a percentage point for rates
(%, 百分点, ‰) — targets are set in half points (5%, 5.5%, 6%), so "about 5.5%" is what is
nearer 5.5 than the next step; and 2.5% of the value for quantities (人, 元, 斤 …). A decline
target (单位GDP能耗下降14%左右, CPI 下降) is judged in its own direction: a result that falls
more "exceeds" it; a result in the other direction counts as negative (CPI 微降0.1% against a
rise of 2%左右 is −0.1, missed by 2.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsreader.targets.model import Target

MET, EXCEEDED, MISSED, PENDING, NO_FIGURE = "met", "exceeded", "missed", "pending", "no figure"
VERDICTS = (MET, EXCEEDED, MISSED, NO_FIGURE, PENDING)
RATE_UNITS = frozenset({"%", "百分点", "‰"})
RATE_TOLERANCE = 0.25  # percentage points either side of a rate said with 左右
QUANTITY_TOLERANCE = 0.025  # share of the value either side of a quantity said with 左右
_SAME = 1e-9  # relative difference under which two figures are equal

# A relation saying the figure falls (下降, 微降, 回落, 减少 …): its value counts the other way.
_FALLING = re.compile(r"降|减|跌|回落|缩|萎")
# A relation naming the level reached (降至5%, 回落到2%): the figure is that level, not a change.
_REACHING = re.compile(r"[到至]")
# A relation keeping the figure under a ceiling.
_CAPPING = re.compile(r"控制|不超过|不高于|以内|以下|低于|小于")
# Indicators whose targets are ceilings by nature: 城镇调查失业率5.5%左右 and 居民消费价格涨幅3%左右 are
# limits (a lower rate meets them), whether or not the text says 控制在.
CEILING_METRICS = frozenset({"surveyed_unemployment", "cpi", "core_cpi", "pm25"})
# Relations that compare the figure with another rather than state it (高于全省0.8个百分点, 贡献超五成).
COMPARING = re.compile(r"高于|低于|快于|慢于|贡献|拉动|占|相当于")
# A target set as a margin over others' figure (增速高于全省平均水平0.5个百分点以上); 不低于5% is a floor.
_MARGIN = re.compile(r"(?<!不)(?:高于|低于|快于|慢于)")


@dataclass(frozen=True, slots=True)
class Bound:
    """What a target asks for: its kind (range, floor, cap, about, point), figures and unit."""

    kind: str
    value: float
    low: float
    high: float
    unit: str | None
    approximate: bool = False  # a cap said with 左右: the tolerance is allowed above it

    @property
    def tolerance(self) -> float:
        return tolerance(self.value, self.unit)


def tolerance(value: float, unit: str | None) -> float:
    """How far from a 左右 figure a result may be and still meet it."""
    return RATE_TOLERANCE if unit in RATE_UNITS else abs(value) * QUANTITY_TOLERANCE


def direction(relation: str | None) -> int:
    """-1 for a relation of decline (下降, 回落 …), else 1."""
    if not relation or not _FALLING.search(relation) or _REACHING.search(relation) or _CAPPING.search(relation):
        return 1
    return -1


def bound_of(target: Target) -> Bound | None:
    """The bound a target sets, or None when it sets none that a figure can meet (a rank, no value).

    A ceiling metric's 左右 or plain figure is a cap unless it is said as a change (CPI 下降).
    """
    comparator, relation = target.comparator, target.relation or ""
    if comparator == "rank" or target.value is None:
        return None
    if comparator == "range" and target.low is not None and target.high is not None:
        return Bound("range", target.value, target.low, target.high, target.unit)
    capping = bool(_CAPPING.search(relation)) or (target.metric_key in CEILING_METRICS and direction(relation) > 0)
    kinds = {">=": "floor", "<=": "cap", "~": "cap" if capping else "about", "=": "cap" if capping else "point"}
    kind = kinds.get(comparator, "point")
    return Bound(kind, target.value, target.value, target.value, target.unit, approximate=comparator == "~")


def compares(item: Target) -> bool:
    """Whether a figure is set against another's rather than stating a level of its own: a result
    高于全省0.8个百分点 or 贡献超五成, a target 增速高于全省0.5个百分点以上."""
    relation = item.relation or ""
    if item.kind == "target":
        return item.unit == "百分点" and bool(_MARGIN.search(relation))
    return bool(COMPARING.search(relation))


def signed_value(item: Target) -> float | None:
    """A result's figure with its direction: 微降0.1% -> -0.1 (a range by its middle)."""
    if item.value is None:
        return None
    value = item.value
    if item.comparator == "range" and item.low is not None and item.high is not None:
        value = (item.low + item.high) / 2
    return value * direction(item.relation)


def judge(bound: Bound, result: float) -> tuple[str, float]:
    """(verdict, difference from the target in its own unit) for a result already in the target's direction."""
    if bound.kind == "range":
        if result > bound.high and not same(result, bound.high):
            return EXCEEDED, result - bound.high
        if result < bound.low and not same(result, bound.low):
            return MISSED, result - bound.low
        return MET, 0.0
    delta = result - bound.value
    if bound.kind == "floor":
        if same(result, bound.value):
            return MET, 0.0
        return (EXCEEDED if delta > 0 else MISSED), delta
    if bound.kind == "cap":
        limit = bound.value + (bound.tolerance if bound.approximate else 0.0)
        return (MET if result <= limit or same(result, limit) else MISSED), delta
    if abs(delta) <= bound.tolerance or same(abs(delta), bound.tolerance):
        return MET, delta
    return (EXCEEDED if delta > 0 else MISSED), delta


def same(one: float, other: float) -> bool:
    return abs(one - other) <= _SAME * max(1.0, abs(one), abs(other))
