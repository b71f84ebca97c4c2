"""Pairing: each target with the first later report of the same entity, metric and period.

The items of every post are placed first (`place`): whose figure (the place it names, else
the government the post speaks for), which canonical metric, which years. Then each target
finds the achieved figures placed at the same entity, metric, unit and years, stated no
earlier than the target: the first is its result, the later ones are kept as revisions. A
target over a stretch of years that names a level to reach (到2025年经济总量突破4500亿元 said
for 十四五) is also judged by its last year's figure. A target without a figure is "no
figure" when a later report tells its result in words, else pending.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date

from newsreader.scorecard.model import Placed, Row, Source, Statement
from newsreader.scorecard.qualitative import Told
from newsreader.scorecard.speaker import PLACE_SUFFIX, is_work_report, item_entity
from newsreader.scorecard.timing import Period, PostTime, item_period, post_time, sentence_marks
from newsreader.scorecard.verdict import (
    NO_FIGURE,
    PENDING,
    RATE_UNITS,
    bound_of,
    compares,
    direction,
    judge,
    same,
    signed_value,
)
from newsreader.targets.model import Target
from newsreader.targets.periods import TimeMark
from newsreader.targets.vocabulary import entity_key, own_place, split_place

KINDS = ("target", "achieved")
MAX_REVISIONS = 20  # later reports kept with a result
MAX_REPORTS_READ = 5  # later reports of an entity read for a result told in words
# A quantity further than this factor from its target is another figure (人均 16892元 is no 财政收入).
PLAUSIBLE_RATIO = 5.0
# Relations naming a level to reach (达到, 突破, 提高到 …), not a change over the years.
_LEVEL = re.compile(r"达|突破|迈|跨|超过|稳定在|保持在|[到至]")

# What a post tells in words only: {metric key: (offset, sentence)} (`qualitative.told_in_words`).
ToldOf = Callable[[Source], dict[str, Told]]


def _positions(items: list[Target]) -> list[int]:
    """Where each item's text stands in its sentence (the k-th of equal texts for the k-th item)."""
    seen: dict[tuple[str, str], int] = defaultdict(int)
    out = []
    for item in items:
        occurrence = seen[(item.sentence, item.text)]
        seen[(item.sentence, item.text)] += 1
        at = -1
        for _ in range(occurrence + 1):
            at = item.sentence.find(item.text, at + 1)
            if at < 0:
                break
        out.append(max(at, 0))
    return out


def place(post: Source, items: list[Target], voice: str | None, times: PostTime) -> list[Placed]:
    """The post's items that a scorecard can use, with their entity, metric and period.

    `voice`: the government the post speaks for (`speaker`), whose figures its unnamed ones are;
    `times`: what the post says about time (`post_time`)."""
    items = sorted(items, key=lambda it: it.start)
    marks: dict[str, list[TimeMark]] = {}  # each sentence's times, read once
    placed = []
    for item, at in zip(items, _positions(items)):
        if item.kind not in KINDS or not item.metric_key or item.value is None or item.comparator == "rank" \
                or compares(item):
            continue
        entity = item_entity(item.entity, item.metric, voice)
        if entity is None:
            continue
        if item.sentence not in marks:
            marks[item.sentence] = sentence_marks(item.sentence, times.when)
        period = item_period(times, sentence=item.sentence, at=at, kind=item.kind, relation=item.relation,
                             metric=item.metric, horizon=item.horizon, marks=marks[item.sentence])
        if isinstance(period, Period):
            placed.append(Placed(post, item, entity, entity_key(entity) or entity, item.metric_key, period))
    return placed


def place_post(post: Source, items: list[Target], voice: str | None) -> tuple[list[Placed], int | None]:
    """A post's placed items, and the year it sets targets for when it is a work report of `voice`."""
    report = is_work_report(post.title) and voice is not None
    times = post_time(post.title, post.date, report)
    return place(post, items, voice, times), (times.year if report else None)


def _key(placed: Placed, period: Period | None = None) -> tuple:
    period = period or placed.period
    return placed.entity_key, placed.metric_key, placed.item.unit, period.first, period.last, period.averaged


def _is_level(target: Placed) -> bool:
    return target.period.multi_year and not target.period.averaged and bool(_LEVEL.search(target.item.relation or ""))


def _target_identity(target: Placed) -> tuple:
    """What makes two statements one target: a level to reach over 十四五 is the one 到2025年 names."""
    item = target.item
    end = Period(target.period.last, target.period.last) if _is_level(target) else None
    return (_key(target, end), item.comparator, item.value, item.low, item.high, direction(item.relation))


def _period_over(period: Period, day: date) -> bool:
    return day > date(period.last, 12, 31)


def _plausible(result: Placed, target: Placed) -> bool:
    """A quantity within a factor of PLAUSIBLE_RATIO of its target (rates are not checked)."""
    if target.item.unit in RATE_UNITS:
        return True
    wanted, found = abs(target.item.value or 0.0), abs(result.item.value or 0.0)
    return wanted == 0 or found == 0 or 1 / PLAUSIBLE_RATIO <= found / wanted <= PLAUSIBLE_RATIO


def _after_its_years(result: Placed) -> bool:
    """A result stated once its years have (almost) run: on or after the first day of their last month."""
    return result.post.day is None or result.post.day >= date(result.period.last, 12, 1)


class _Results:
    """The results of one key (entity, metric, unit, years), in the order they were stated."""

    __slots__ = ("orders", "results")

    def __init__(self, results: list[Placed]) -> None:
        self.results = [r for r in results if _after_its_years(r)]
        self.orders = [r.post.order() for r in self.results]

    def answering(self, target: Placed) -> Iterator[Placed]:
        """The plausible results stated no earlier than the target (in its own post only once its years
        are over: a review quoting its old target), first stated first."""
        for result in self.results[bisect_left(self.orders, target.post.order()):]:
            if result.post == target.post and (result.post.day is None
                                               or not _period_over(target.period, result.post.day)):
                continue
            if _plausible(result, target):
                yield result


class Scorecard:
    """Every target of an archive set against what was achieved."""

    def __init__(self, told_of: ToldOf | None = None) -> None:
        self.placed: list[Placed] = []
        self.reports: dict[tuple[str, int], list[Source]] = defaultdict(list)
        self.told_of = told_of  # what a later report tells in words only

    def add(self, post: Source, items: list[Target], voice: str | None) -> None:
        """Add one post's items; `voice`: the government it speaks for (`speaker.post_speaker`)."""
        placed, year = place_post(post, items, voice)
        self.add_placed(post, placed, voice, year)

    def add_placed(self, post: Source, placed: list[Placed], voice: str | None, report_year: int | None) -> None:
        """Add a post's items placed already (`place_post`); `report_year`: the year it is a work report of."""
        self.placed.extend(placed)
        if voice is not None and report_year is not None:
            self.reports[(entity_key(voice) or voice, report_year)].append(post)

    def rows(self, today: date | None = None) -> list[Row]:
        """One row per distinct target, in the order entity, metric, year."""
        today = today or date.today()
        stated: dict[tuple, list[Placed]] = defaultdict(list)
        targets: dict[tuple, Placed] = {}
        names: dict[str, set[str]] = defaultdict(set)
        for placed in sorted(self.placed, key=Placed.order):
            names[placed.entity_key].add(placed.entity)
            if placed.item.kind == "achieved":
                stated[_key(placed)].append(placed)
            else:
                targets.setdefault(_target_identity(placed), placed)  # the first statement of a target
        results = {key: _Results(found) for key, found in stated.items()}
        shown = {key: max(found, key=lambda name: _name_rank(key, name)) for key, found in names.items()}
        rows = [row for row in (self._row(target, results, today) for target in targets.values()) if row is not None]
        for row in rows:
            row.target = _renamed(row.target, shown)
        rows.sort(key=lambda r: (r.target.entity_key, r.metric_key, r.year, r.target.period.first, r.target.order()))
        return rows

    def _row(self, target: Placed, results: dict[tuple, _Results], today: date) -> Row | None:
        bound = bound_of(target.item)
        if bound is None:
            return None
        keys = [_key(target)]
        if _is_level(target):  # a level to reach over years: judged by its last year's figure too
            keys.append(_key(target, Period(target.period.last, target.period.last)))
        for key in keys:
            found = results.get(key)
            reports = _first_per_post(found.answering(target), target) if found else None
            if reports:
                break
        else:
            return self._unanswered(target, bound, today)
        first, revisions = reports[0], reports[1:]
        value = signed_value(first.item)
        assert value is not None  # placed items have values
        value *= direction(target.item.relation)
        verdict, delta = judge(bound, value)
        row = Row(target, bound, verdict, first, value, delta, revisions)
        disagreeing = [r for r in revisions if not same(signed_value(r.item) or 0.0, signed_value(first.item) or 0.0)]
        if disagreeing:
            many = len(disagreeing) > 1
            row.note = f"{len(disagreeing)} later report{'s disagree' if many else ' disagrees'}"
        return row

    def _unanswered(self, target: Placed, bound, today: date) -> Row:
        if not _period_over(target.period, today):
            return Row(target, bound, PENDING, note="the period is not over")
        statement = self._told_in_words(target)
        if statement is not None:
            return Row(target, bound, NO_FIGURE, statement=statement)
        return Row(target, bound, PENDING, note="no result in the archive")

    def _told_in_words(self, target: Placed) -> Statement | None:
        """A later report of the entity telling the result without a figure."""
        if self.told_of is None:
            return None
        posts = self.reports.get((target.entity_key, target.period.last + 1), [])
        later = [post for post in sorted(posts, key=Source.order) if post.order() >= target.post.order()]
        for post in later[:MAX_REPORTS_READ]:
            found = self.told_of(post).get(target.metric_key)
            if found is not None:
                return Statement(post, found[1], found[0])
        return None


def _first_per_post(answers: Iterator[Placed], target: Placed) -> list[Placed]:
    """The result and its revisions: one figure a post — the first naming the metric in the target's words
    (城镇登记失业率 over 城镇调查失业率 for a target of the first, both being one key), else its first —
    for the first post and up to MAX_REVISIONS later ones."""
    words = _metric_words(target)
    chosen: list[Placed] = []
    current: list[Placed] = []
    for placed in answers:
        if current and placed.post != current[0].post:
            chosen.append(next((p for p in current if _metric_words(p) == words), current[0]))
            current = []
            if len(chosen) > MAX_REVISIONS:
                return chosen
        current.append(placed)
    if current:
        chosen.append(next((p for p in current if _metric_words(p) == words), current[0]))
    return chosen


def _metric_words(placed: Placed) -> str:
    """The metric as written, without the place it names (全省生产总值 -> 生产总值)."""
    metric = placed.item.metric or ""
    place, rest = split_place(metric)
    if place is None:
        _own, rest = own_place(metric)
    return rest


def _name_rank(key: str, name: str) -> tuple[bool, int, str]:
    """How well a name shows its entity: a full name (福建省, or the key itself: 全国), a longer one."""
    return name == key or bool(PLACE_SUFFIX.search(name)), len(name), name


def _renamed(placed: Placed, names: dict[str, str]) -> Placed:
    """The entity shown by its fullest name (福建省 rather than 福建)."""
    name = names.get(placed.entity_key, placed.entity)
    if name == placed.entity:
        return placed
    return Placed(placed.post, placed.item, name, placed.entity_key, placed.metric_key, placed.period)
