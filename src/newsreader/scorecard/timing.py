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

from newsreader.targets.periods import When, find_times

# Words that make a figure an average or a total over several years.
_AVERAGED = re.compile(r"年均|平均每年|每年平均")
_CUMULATIVE = re.compile(r"累计|合计|五年来|[0-9一二三四五六七八九十]+年来|总共")
_AVERAGE_LOOKBACK = 12  # characters before a figure searched for 年均
# A year's own figure right after its mark: 从2015年的2380亿元 (2015 is the time of 2380亿元 only).
_OWN_FIGURE = re.compile(r"\s*(?:同期|末|底)?的\s*")
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


def sentence_period(sentence: str, at: int, when: When | None, averaged: bool) -> tuple[Period | str | None, bool]:
    """(the period the nearest time before sentence[at] names, or PARTIAL, or None; whether it is said
    from the post's date, as 今年 and 年末 are)."""
    marks = find_times(sentence, 0, at, when)
    for mark in reversed(marks):
        if mark.first is None or mark.last is None:
            continue  # 全年, 年内: the year of the passage, said elsewhere
        if _OWN_FIGURE.match(sentence, mark.end, at) and not _OWN_FIGURE.fullmatch(sentence, mark.end, at):
            continue  # 从2015年的2380亿元…: that year belongs to another figure
        years = _whole_years(mark.first, mark.last)
        if years is None:
            return PARTIAL, mark.relative
        if averaged and years[0] == years[1]:
            continue  # 到2025年…；收入年均增长6%: an average needs the stretch of years named before
        return Period(years[0], years[1], averaged), mark.relative
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


def title_year(title: str) -> Period | str | None:
    """The year a post's title names (2025年政府工作报告, 2024年统计公报), PARTIAL, or None."""
    return sentence_period(title, len(title), None, False)[0]


def item_period(*, sentence: str, at: int, kind: str, relation: str | None, metric: str | None,
                horizon: str | None, post_date: datetime | date | None, title: str,
                report: bool) -> Period | str | None:
    """The period an item is about: a Period, PARTIAL (part of a year) or None (not known)."""
    if _CHANGE_FROM.search(sentence, max(0, at - 16), at):
        return None
    averaged = is_averaged(sentence, at, relation, metric)
    named = title_year(title)
    year = named.last if isinstance(named, Period) else (post_date.year if post_date else None)
    found, relative = sentence_period(sentence, at, when_of(post_date), averaged)
    if isinstance(found, Period) and report and kind == "achieved" and relative and year is not None \
            and found.last >= year:
        # 年末, 全年 in a report's review: the end of the year reviewed, not of the year it is read in
        return Period(year - 1, year - 1)
    if found is not None:
        return found
    if averaged:
        period = horizon_period(horizon, True)
        return period if period is not None and period.multi_year else None
    if named == PARTIAL:
        return PARTIAL
    if year is None:
        return None
    if report:  # a work report: the year's targets, and the review of the year before
        year = year if kind == "target" else year - 1
    elif not isinstance(named, Period):
        return None  # a news item without a time of its own: its year is not known
    return Period(year, year)
