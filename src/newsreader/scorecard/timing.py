"""The years a target or an achieved figure is about, read from its sentence and its post.

A scorecard compares whole years (or stretches of them: 十四五 is 2021–2025). The time is
read from the item's own sentence, the nearest expression before the figure
(`targets.periods.find_times` reads 今年, 过去一年, 十四五, 到2025年 …); a sentence without one
takes its time from the post: a work report sets targets for its own year and reviews the
year before it (今年 in a 2023 report is 2023, its review is of 2022), a statistics release
reports the year of its title. A figure of part of a year (一季度, 前三季度, 5月份) is no
year's result, and an average over years (年均增长) is only compared with another.

    "今后5年…地区生产总值年均增长6.5%左右，到2025年经济总量突破4500亿元"
        6.5%左右 -> 2021–2025 (an average);  4500亿元 -> 2025
    "2020年，…全市地区生产总值增长3.6%"          3.6% -> 2020
    a 2024 report: "主要预期目标是：地区生产总值增长5%左右"  -> 2024 (the report's year)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from newsreader.targets.periods import TimeMark, When, find_times

# Words that make a figure an average or a total over several years.
_AVERAGED = re.compile(r"年均|平均每年|每年平均")
_CUMULATIVE = re.compile(r"累计|合计|五年来|[0-9一二三四五六七八九十]+年来|总共")
_AVERAGE_LOOKBACK = 12  # characters before a figure searched for 年均
# A year's own figure right after its mark: 从2015年的2380亿元 (2015 is the time of 2380亿元 only).
_OWN_FIGURE = re.compile(r"\s*(?:同期|末|底)?的\s*")
# The year a change is counted from: 从2020年的36214亿元增加到….
_FROM_YEAR = re.compile(r"[从由]\s*((?:19|20)[0-9]{2})\s*年")
# Words for the whole year a passage is about: the figure after them is that year's.
_PASSAGE_YEAR = frozenset({"全年", "年内", "当年"})
# A figure a change starts from: 由2010年的162.4亿元增加到… (the level of a year that is not named here).
_CHANGE_FROM = re.compile(r"[由从](?:[^，。；,;]{0,12}的)?\s*$")


@dataclass(frozen=True, slots=True)
class Period:
    """Whole years first..last (one year when equal); `averaged`: an average or a total over them."""

    first: int
    last: int
    averaged: bool = False

    @property
    def years(self) -> str:
        return str(self.last) if self.first == self.last else f"{self.first}-{self.last}"

    @property
    def multi_year(self) -> bool:
        return self.first != self.last


# What an item's time can be: a Period, PARTIAL (part of a year: no year's figure) or None (unknown).
PARTIAL = "partial"


def when_of(day: datetime | date | None) -> When | None:
    """The post's date as the period rules take it."""
    if day is None:
        return None
    return When(day.year, day.month, day.day)


def _whole_years(first: date, last: date) -> tuple[int, int] | None:
    """(first year, last year) when the days cover whole years (a year's end counts as the year)."""
    if (first.month, first.day) == (1, 1) and (last.month, last.day) == (12, 31):
        return first.year, last.year
    if first.year == last.year and (first.month, last.month, last.day) == (12, 12, 31):
        return first.year, first.year  # 年底, 年末, 12月末: a level at the year's end
    return None


def is_averaged(sentence: str, at: int, relation: str | None, metric: str | None) -> bool:
    """True when a figure is an average or total over years (年均增长, 累计新增)."""
    before = sentence[max(0, at - _AVERAGE_LOOKBACK):at]
    words = f"{relation or ''} {metric or ''} {before}"
    return bool(_AVERAGED.search(words) or _CUMULATIVE.search(words))


def sentence_marks(sentence: str, when: When | None) -> list[TimeMark]:
    """Every time expression of a sentence (read once for all the figures in it)."""
    return find_times(sentence, 0, len(sentence), when)


def sentence_period(sentence: str, at: int, marks: list[TimeMark],
                    averaged: bool) -> tuple[Period | str | None, bool]:
    """(the period the nearest time before sentence[at] names, or PARTIAL, or None; whether it is said
    from the post's date, as 今年 and 年末 are). `marks`: the sentence's time expressions.

    An average needs a stretch of years: named before the figure (十四五时期…年均增长), spanned by
    the years of the figures before it (从2020年的…增加到2025年的…，年均增长: 2021-2025), or
    named after it in the sentence (累计下降15.2%，超额完成“十四五”目标).
    """
    spanned: list[int] = []  # the years of other figures' own marks (从2020年的36214亿元)
    for mark in reversed([m for m in marks if m.end <= at]):
        if mark.first is None or mark.last is None:
            if sentence[mark.start:mark.end] in _PASSAGE_YEAR:
                return None, False  # 全年: the year of the passage, said elsewhere (not 上半年 before it)
            continue
        if _OWN_FIGURE.match(sentence, mark.end, at) and not _OWN_FIGURE.fullmatch(sentence, mark.end, at):
            spanned.append(mark.first.year)
            continue  # 从2015年的2380亿元…: that year belongs to another figure
        years = _whole_years(mark.first, mark.last)
        if years is None:
            return PARTIAL, mark.relative
        if averaged and years[0] == years[1]:
            continue  # 到2025年…；收入年均增长6%: an average needs the stretch of years named before
        return Period(years[0], years[1], averaged), mark.relative
    if averaged:
        spanned += [int(year) for year in _FROM_YEAR.findall(sentence, 0, at)]  # (find_times leaves 从2020年 out)
        if len(set(spanned)) >= 2:
            return Period(min(spanned) + 1, max(spanned), True), False
        for mark in marks:
            if mark.start < at or mark.first is None or mark.last is None:
                continue
            years = _whole_years(mark.first, mark.last)
            if years is not None and years[0] != years[1]:
                return Period(years[0], years[1], True), mark.relative
    return None, False


def horizon_period(horizon: str | None, averaged: bool) -> Period | None:
    """The extractor's horizon ("2025", "2021-2025") as a Period."""
    if not horizon:
        return None
    first, _, last = horizon.partition("-")
    try:
        return Period(int(first), int(last or first), averaged)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class PostTime:
    """What a post says about time, read once for all its items: its date, the year its title
    names, and whether it is a work report (targets for its year, a review of the year before)."""

    when: When | None
    named: Period | str | None  # the title's year (2025年政府工作报告), PARTIAL, or None
    year: int | None  # the title's year, else the post's
    report: bool

    def passage(self, kind: str) -> int | None:
        """The year the post's passages are about: a report's own year for its targets and the year
        before for its review; the year a statistics release names in its title."""
        if self.report and self.year is not None:
            return self.year if kind == "target" else self.year - 1
        return self.named.last if isinstance(self.named, Period) else None


def post_time(title: str, post_date: datetime | date | None, report: bool) -> PostTime:
    """A post's PostTime."""
    named = sentence_period(title, len(title), sentence_marks(title, None), False)[0]
    year = named.last if isinstance(named, Period) else (post_date.year if post_date else None)
    return PostTime(when_of(post_date), named, year, report)


def title_year(title: str) -> Period | str | None:
    """The year a post's title names (2025年政府工作报告, 2024年统计公报), PARTIAL, or None."""
    return post_time(title, None, False).named


def item_period(post: PostTime, *, sentence: str, at: int, kind: str, relation: str | None, metric: str | None,
                horizon: str | None, marks: list[TimeMark] | None = None) -> Period | str | None:
    """The period an item is about: a Period, PARTIAL (part of a year) or None (not known).

    `marks`: the sentence's time expressions, when the caller has read them already."""
    if _CHANGE_FROM.search(sentence, max(0, at - 16), at):
        return None
    averaged = is_averaged(sentence, at, relation, metric)
    passage = post.passage(kind)
    marks = sentence_marks(sentence, post.when) if marks is None else marks
    found, relative = sentence_period(sentence, at, marks, averaged)
    if isinstance(found, Period) and relative and passage is not None and not found.multi_year:
        return Period(passage, passage)  # 年末, 今年 in a review or a release: its year, not the post's
    if found is not None:
        return found
    if averaged:
        period = horizon_period(horizon, True)
        return period if period is not None and period.multi_year else None
    if post.named == PARTIAL:
        return PARTIAL
    return Period(passage, passage) if passage is not None else None
