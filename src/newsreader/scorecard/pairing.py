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
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from newsreader.scorecard.model import Placed, Row, Source, Statement
from newsreader.scorecard.qualitative import qualitative_sentence
from newsreader.scorecard.speaker import PLACE_SUFFIX, is_work_report, item_entity, speaker
from newsreader.scorecard.timing import Period, item_period, title_year
from newsreader.scorecard.verdict import (
    COMPARING,
    NO_FIGURE,
    PENDING,
    RATE_UNITS,
    bound_of,
    direction,
    judge,
    same,
    signed_value,
)
from newsreader.targets.model import Target
from newsreader.targets.vocabulary import entity_key

KINDS = ("target", "achieved")
# A quantity further than this factor from its target is another figure (人均 16892元 is no 财政收入).
PLAUSIBLE_RATIO = 5.0
# Relations naming a level to reach (达到, 突破, 提高到 …), not a change over the years.
_LEVEL = re.compile(r"达|突破|迈|跨|超过|稳定在|保持在|[到至]")

TextOf = Callable[[Source], "str | None"]


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


def place(post: Source, items: list[Target], lead: str = "") -> list[Placed]:
    """The post's items that a scorecard can use, with their entity, metric and period."""
    title = post.title
    voice = speaker(title, lead)
    report = is_work_report(title) and voice is not None
    items = sorted(items, key=lambda it: it.start)
    placed = []
    for item, at in zip(items, _positions(items)):
        if item.kind not in KINDS or not item.metric_key or item.value is None or item.comparator == "rank":
            continue
        entity = item_entity(item.entity, item.metric, voice)
        if entity is None:
            continue
        period = item_period(sentence=item.sentence, at=at, kind=item.kind, relation=item.relation,
                             metric=item.metric, horizon=item.horizon, post_date=post.date, title=title,
                             report=report)
        if not isinstance(period, Period):
            continue
        placed.append(Placed(post, item, entity, entity_key(entity) or entity, item.metric_key, period))
    return placed


def report_year(post: Source) -> int | None:
    """The year a work report sets targets for (its review is of the year before)."""
    named = title_year(post.title)
    if isinstance(named, Period):
        return named.last
    return post.date.year if post.date else None


def _key(placed: Placed, period: Period | None = None) -> tuple:
    period = period or placed.period
    return placed.entity_key, placed.metric_key, placed.item.unit, period.first, period.last, period.averaged


def _is_level(target: Placed) -> bool:
    return target.period.multi_year and not target.period.averaged and bool(_LEVEL.search(target.item.relation or ""))


def _target_identity(target: Placed) -> tuple:
    item = target.item
    return (_key(target), item.comparator, item.value, item.low, item.high, direction(item.relation))


def _period_over(period: Period, day: date) -> bool:
    return day > date(period.last, 12, 31)


def _plausible(result: Placed, target: Placed) -> bool:
    """A quantity within a factor of PLAUSIBLE_RATIO of its target (rates are not checked)."""
    if target.item.unit in RATE_UNITS:
        return True
    wanted, found = abs(target.item.value or 0.0), abs(result.item.value or 0.0)
    return wanted == 0 or found == 0 or 1 / PLAUSIBLE_RATIO <= found / wanted <= PLAUSIBLE_RATIO


def _could_report(result: Placed, target: Placed) -> bool:
    """A plausible result stated no earlier than its target, and not before its year has (almost) run."""
    if result.post.order() < target.post.order() or not _plausible(result, target):
        return False
    if result.post.day is not None and result.post.day < date(result.period.last, 12, 1):
        return False
    if result.post == target.post:  # a review quoting its own old target: only once the years are over
        return result.post.day is not None and _period_over(target.period, result.post.day)
    return True


class Scorecard:
    """Every target of an archive set against what was achieved."""

    def __init__(self, text_of: TextOf | None = None) -> None:
        self.placed: list[Placed] = []
        self.reports: dict[tuple[str, int], list[Source]] = defaultdict(list)
        self.text_of = text_of  # reads a post's text, for results told in words

    def add(self, post: Source, items: list[Target], lead: str = "") -> None:
        """Add one post's items."""
        placed = place(post, items, lead)
        self.placed.extend(placed)
        voice = speaker(post.title, lead)
        year = report_year(post)
        if voice is not None and year is not None and is_work_report(post.title):
            self.reports[(entity_key(voice) or voice, year)].append(post)

    def rows(self, today: date | None = None) -> list[Row]:
        """One row per distinct target, in the order entity, metric, year."""
        today = today or date.today()
        results: dict[tuple, list[Placed]] = defaultdict(list)
        targets: dict[tuple, Placed] = {}
        names: dict[str, str] = {}
        for placed in sorted(self.placed, key=Placed.order):
            known = names.get(placed.entity_key)
            if known is None or _name_rank(placed) > _name_rank(placed, known):
                names[placed.entity_key] = placed.entity
            if placed.item.kind == "achieved":
                if not COMPARING.search(placed.item.relation or ""):
                    results[_key(placed)].append(placed)
            else:
                targets.setdefault(_target_identity(placed), placed)  # the first statement of a target
        rows = [self._row(target, results, today) for target in targets.values()]
        rows = [row for row in rows if row is not None]
        for row in rows:
            row.target = _renamed(row.target, names)
        rows.sort(key=lambda r: (r.target.entity_key, r.metric_key, r.year, r.target.period.first, r.target.order()))
        return rows

    def _row(self, target: Placed, results: dict[tuple, list[Placed]], today: date) -> Row | None:
        bound = bound_of(target.item)
        if bound is None:
            return None
        candidates = [r for r in results.get(_key(target), []) if _could_report(r, target)]
        if not candidates and _is_level(target):
            end = Period(target.period.last, target.period.last)
            candidates = [r for r in results.get(_key(target, end), []) if _could_report(r, target)]
        if not candidates:
            return self._unanswered(target, bound, today)
        first, revisions = candidates[0], _one_per_post(candidates[1:], candidates[0].post)
        value = signed_value(first.item)
        assert value is not None  # placed items have values
        value *= direction(target.item.relation)
        verdict, delta = judge(bound, value)
        row = Row(target, bound, verdict, first, value, delta, revisions)
        disagreeing = [r for r in revisions if not same(signed_value(r.item) or 0.0, signed_value(first.item) or 0.0)]
        if disagreeing:
            row.note = f"{len(disagreeing)} later report{'s' if len(disagreeing) > 1 else ''} disagree"
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
        if self.text_of is None:
            return None
        posts = self.reports.get((target.entity_key, target.period.last + 1), [])
        for post in sorted(posts, key=Source.order):
            if post.order() < target.post.order():
                continue
            text = self.text_of(post)
            found = qualitative_sentence(text, target.metric_key) if text else None
            if found is not None:
                return Statement(post, found[1], found[0])
        return None


def _one_per_post(candidates: Iterable[Placed], first_post: Source) -> list[Placed]:
    """The first report in each later post (the result's own post repeats it, not revises it)."""
    seen = {first_post}
    out = []
    for placed in candidates:
        if placed.post not in seen:
            seen.add(placed.post)
            out.append(placed)
    return out


def _name_rank(placed: Placed, name: str | None = None) -> tuple[bool, int]:
    """How well a name shows its entity: a full name (福建省, or the key itself: 全国) and then a longer one."""
    name = name or placed.entity
    return name == placed.entity_key or bool(PLACE_SUFFIX.search(name)), len(name)


def _renamed(placed: Placed, names: dict[str, str]) -> Placed:
    """The entity shown by its fullest name (福建省 rather than 福建)."""
    name = names.get(placed.entity_key, placed.entity)
    if name == placed.entity:
        return placed
    return Placed(placed.post, placed.item, name, placed.entity_key, placed.metric_key, placed.period)
