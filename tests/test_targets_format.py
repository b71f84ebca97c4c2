"""Values as a Chinese reader writes them (targets/format.py)."""

from __future__ import annotations

from newsreader.targets.format import format_value
from newsreader.targets.model import Target


def _item(text: str, **fields) -> Target:
    return Target(text=text, start=0, end=len(text), sentence=text, kind="target", **fields)


def test_units_follow_the_number_without_a_space() -> None:
    assert format_value(_item("6.8%", value=6.8, unit="%")) == "6.8%"
    assert format_value(_item("3000亿元以上", value=3e11, unit="元", comparator=">=")) == "≥3000亿元"
    assert format_value(_item("5.5%以内", value=5.5, unit="%", comparator="<=")) == "≤5.5%"
    assert format_value(_item("约4.6亿元", value=4.6e8, unit="元", comparator="~")) == "≈4.6亿元"
    assert format_value(_item("4万人", value=4e4, unit="人")) == "4万人"
    assert format_value(_item("0.49个百分点", value=0.49, unit="百分点")) == "0.49个百分点"


def test_ranges_carry_the_unit_at_both_ends() -> None:
    assert format_value(_item("5%—5.5%", low=5, high=5.5, unit="%", comparator="range")) == "5%—5.5%"
    assert format_value(_item("1亿元至2亿元", low=1e8, high=2e8, unit="元", comparator="range")) == "1亿元—2亿元"


def test_values_written_in_words_are_shown_as_written() -> None:
    assert format_value(_item("一番多", value=1, unit="番", comparator=">=")) == "一番多"
    assert format_value(_item("前三", value=3, unit="名", comparator="rank")) == "前三"
    assert format_value(_item("前20", value=20, unit="名", comparator="rank")) == "前20"
    assert format_value(_item("1.9以内", value=1.9, comparator="<=")) == "≤1.9"
