"""Time expressions: the days they name, and where those days stand against the post's date."""

from __future__ import annotations

from datetime import date

import pytest

from newsreader.targets.periods import CURRENT, FUTURE, PAST, When, find_times, status, still_open

DECEMBER = When(2021, 12, 27)


def times(text: str, when: When = DECEMBER) -> list[tuple[str, date | None, date | None, int | None]]:
    return [(text[m.start:m.end], m.first, m.last, status(m, when)) for m in find_times(text, 0, len(text), when)]


@pytest.mark.parametrize(("text", "expression", "first", "last", "state"), [
    ("2021年1—11月份，利润增长", "2021年1—11月份", date(2021, 1, 1), date(2021, 11, 30), PAST),
    ("11月末，资产总计", "11月末", date(2021, 11, 30), date(2021, 11, 30), PAST),
    ("今年前三季度", "今年前三季度", date(2021, 1, 1), date(2021, 9, 30), PAST),
    ("前11个月", "前11个月", date(2021, 1, 1), date(2021, 11, 30), PAST),
    ("明年上半年", "明年上半年", date(2022, 1, 1), date(2022, 6, 30), FUTURE),
    ("去年年底", "去年年底", date(2020, 12, 1), date(2020, 12, 31), PAST),
    ("2022Q4的盈利", "2022Q4", date(2022, 10, 1), date(2022, 12, 31), FUTURE),
    ("2022H1磨底", "2022H1", date(2022, 1, 1), date(2022, 6, 30), FUTURE),
    ("“十四五”时期", "十四五", date(2021, 1, 1), date(2025, 12, 31), CURRENT),
    ("二〇二三年", "二〇二三年", date(2023, 1, 1), date(2023, 12, 31), FUTURE),
    ("12月20日起", "12月20日", date(2021, 12, 20), date(2021, 12, 20), PAST),
    ("过去五年", "过去五年", date(2016, 1, 1), date(2020, 12, 31), PAST),
    ("by 2025", "by 2025", date(2025, 1, 1), date(2025, 12, 31), FUTURE),
])
def test_expressions_and_their_days(text: str, expression: str, first: date, last: date, state: int) -> None:
    assert (expression, first, last, state) in times(text)


def test_since_runs_up_to_the_post() -> None:
    [(_, first, last, state)] = times("自今年3月以来，累计新增")
    assert (first, last, state) == (date(2021, 3, 1), date(2021, 12, 27), CURRENT)


@pytest.mark.parametrize("text", ["比2019年增长41.3%", "较上年提高", "由2020年的32.7%提高至33.3%", "布油9月合约涨4%"])
def test_bases_of_comparison_and_names_are_not_times(text: str) -> None:
    assert [t for t in times(text) if t[1] is not None] == []


def test_a_base_with_its_own_figure_dates_that_figure() -> None:
    assert times("仅低于2020年的3.75万亿元")[0][3] == PAST


def test_fiscal_parts_and_review_words_name_no_calendar_time() -> None:
    # a fiscal quarter's months depend on the company; 全年 in a review is the year reviewed
    for text in ("2025财年第一季度营收", "全年实现增长", "当年完成"):
        assert all(state is None for *_rest, state in times(text)), text


def test_months_of_this_year_and_unknown_months() -> None:
    january = When(2026, 1, 18)
    assert times("2月", january)[0][3] == FUTURE  # a month just ahead
    assert times("6月份的洪水", january) == [("6月份", None, None, None)]  # last June or the coming one


def test_a_period_with_more_than_a_month_to_come_is_still_open() -> None:
    august = When(2021, 8, 27)
    [mark] = find_times("今年", 0, 2, august)
    assert still_open(mark, august)
    [mark] = find_times("本月", 0, 2, august)
    assert not still_open(mark, august)
