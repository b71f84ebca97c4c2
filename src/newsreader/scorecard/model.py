"""What a scorecard is made of: posts cited, items placed (whose, what, when), and its rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from newsreader.scorecard.timing import Period
from newsreader.scorecard.verdict import Bound
from newsreader.targets.model import Target


@dataclass(frozen=True, slots=True)
class Source:
    """A post as the scorecard cites it."""

    id: str
    path: str
    title: str
    date: dt.datetime | None
    rowid: int | None = None  # in the index, when the scorecard was read from one
    sort_key: tuple = field(init=False, repr=False, compare=False)  # see order()
    day: dt.date | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Computed once: a scorecard sorts its items by their posts' order many times.
        object.__setattr__(self, "sort_key", (self.date is None, self.date.timestamp() if self.date else 0.0, self.id))
        object.__setattr__(self, "day", self.date.date() if self.date else None)

    def order(self) -> tuple:
        """Oldest first; undated posts last."""
        return self.sort_key


@dataclass(frozen=True, slots=True)
class Placed:
    """An item with the entity, metric and period it is about."""

    post: Source
    item: Target
    entity: str  # the name as written (福建省, 吕梁)
    entity_key: str  # one form for every name of the entity (福建, 吕梁)
    metric_key: str
    period: Period

    def order(self) -> tuple:
        return (*self.post.order(), self.item.start)


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence that reports a result in words only (粮食生产再获丰收): the result has no figure."""

    post: Source
    sentence: str
    start: int  # offset of the sentence in the post's text


@dataclass(slots=True)
class Row:
    """One target set against what was achieved."""

    target: Placed
    bound: Bound
    verdict: str
    result: Placed | None = None
    result_value: float | None = None  # the result in the target's direction (CPI 微降0.1% against a rise: -0.1)
    delta: float | None = None  # result minus target, in the target's unit and direction
    revisions: list[Placed] = field(default_factory=list)  # later reports of the same result
    statement: Statement | None = None  # for "no figure": where the result is told in words
    note: str = ""  # why a row is pending; that a revision disagrees

    @property
    def entity(self) -> str:
        return self.target.entity

    @property
    def metric_key(self) -> str:
        return self.target.metric_key

    @property
    def unit(self) -> str | None:
        return self.bound.unit

    @property
    def target_value(self) -> float:
        return self.bound.value

    @property
    def year(self) -> int:
        """The year the target is judged in (the last of a stretch of years)."""
        return self.target.period.last
