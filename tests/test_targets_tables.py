"""Tables of figures: rows of " | "-separated cells, with units and times in the headings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsreader.targets import extract
from newsreader.targets.framing import When
from newsreader.targets.tables import column_kind, is_numeric, parse_unit

DATE = datetime(2024, 1, 20, tzinfo=UTC)

PLAN_TABLE = "\n".join([
    "附表：规划主要指标",
    "类别 | 指标 | 2023年 | 2028年目标 | 累计",
    "经济 | 地区生产总值（亿元） | 3120 | 4000以上 | —",
    "经济 | 城镇化率（%） | 61.5 | 66左右 | ［4.5］",
    "民生 | 城镇新增就业（万人） | ［30］ | — | ［32以上］",
    "民生 | 调查失业率（%） | 5.2 | <5.5 | —",
    "注：［ ］内为5年累计数。",
])

CITY_TABLE = "\n".join([
    "附件：各县主要指标",
    "县区 | 地区生产总值（亿元） | 比上年增长（%） | 2024年预期增长（%）",
    "东县 | 412.5 | 5.1 | 5.5左右",
    "西县 | 288 | 4.6 | 5—5.5",
])

STATS_TABLE = "\n".join([
    "今年一季度主要指标如下。",
    "指标 | 单位 | 绝对值 | 比上年同期增长（%）",
    "社会消费品零售总额 | 亿元 | 215.4 | -3.2",
    "农村居民人均可支配收入 | 元 | 5120 | 6.1",
    "居民消费价格指数 | 上年同期=100 | 101.2 | —",
])


@pytest.mark.parametrize("cell,numeric", [
    ("4.86", True), ("6以上", True), ("［3.2］", True), ("<5.5", True), ("5—5.5", True),
    ("4.7%、6.4%", True), ("82万人以上", True), ("—", False), ("基本完成", False),
    ("上年同期=100", False), ("地区生产总值（亿元）", False), ("与经济增长同步", False),
])
def test_numeric_cells(cell: str, numeric: bool) -> None:
    assert is_numeric(cell) is numeric


@pytest.mark.parametrize("word,base,scale", [
    ("亿元", "元", 1e8), ("万人", "人", 1e4), ("%", "%", 1), ("万吨标准煤", "吨标准煤", 1e4),
    ("微克/立方米", "微克/立方米", 1), ("年", "年", 1), ("万亿元", "元", 1e12),
])
def test_units_of_headings(word: str, base: str, scale: float) -> None:
    unit, factor = parse_unit(word)
    assert unit.base == base and factor == scale


def test_a_base_is_not_a_unit() -> None:
    assert parse_unit("上年同期=100") is None


@pytest.mark.parametrize("heading,kind", [
    ("2028年目标", "target"), ("2023年", "achieved"), ("2024年预期增长（%）", "target"),
    ("完成情况", "achieved"), ("绝对值", None), ("2024年", None),
])
def test_column_kinds(heading: str, kind: str | None) -> None:
    assert column_kind(heading, When(2024, 1, 20)) == kind


def test_plan_table_units_kinds_and_metrics() -> None:
    items = extract(PLAN_TABLE, date=DATE)
    got = {(i.text, i.kind, i.value, i.unit, i.metric) for i in items}
    assert ("3120", "achieved", 3120e8, "元", "地区生产总值") in got
    assert ("4000以上", "target", 4000e8, "元", "地区生产总值") in got
    assert ("61.5", "achieved", 61.5, "%", "城镇化率") in got
    assert ("66左右", "target", 66.0, "%", "城镇化率") in got
    assert ("4.5", "target", 4.5, "%", "城镇化率") in got  # the 累计 column follows the goal column
    assert ("30", "achieved", 30e4, "人", "城镇新增就业") in got
    assert ("32以上", "target", 32e4, "人", "城镇新增就业") in got
    assert any(i.text == "5.5" and i.comparator == "<=" and i.kind == "target" for i in items)
    # nothing from headings or labels: the years, the 5 of the note's 5年
    assert not any(i.text.startswith("20") for i in items)
    for i in items:
        assert PLAN_TABLE[i.start:i.end] == i.text


def test_table_of_places_takes_the_metric_from_the_column() -> None:
    items = extract(CITY_TABLE, date=DATE)
    got = {(i.text, i.kind, i.metric, i.entity) for i in items}
    assert ("412.5", "achieved", "地区生产总值", "东县") in got
    assert ("5.1", "achieved", "地区生产总值", "东县") in got  # 比上年增长: what the column before measures
    assert ("5.5左右", "target", "地区生产总值", "东县") in got
    assert ("5—5.5", "target", "地区生产总值", "西县") in got
    rng = next(i for i in items if i.text == "5—5.5")
    assert (rng.low, rng.high, rng.unit) == (5.0, 5.5, "%")


def test_unit_column_and_signs() -> None:
    items = extract(STATS_TABLE, date=datetime(2024, 4, 20, tzinfo=UTC))
    got = {(i.text, i.value, i.unit, i.metric, i.relation) for i in items}
    assert ("215.4", 215.4e8, "元", "社会消费品零售总额", None) in got
    assert ("-3.2", 3.2, "%", "社会消费品零售总额", "下降") in got  # values are unsigned; the sign is the relation
    assert ("5120", 5120.0, "元", "农村居民人均可支配收入", None) in got
    assert ("101.2", 101.2, None, "居民消费价格指数", None) in got
    assert not any(i.text == "100" for i in items)  # 上年同期=100 is the base of the index


def test_a_line_with_one_bar_is_not_a_table() -> None:
    items = extract("公司营收增长5% | 利润增长3%", date=DATE)
    assert all(i.unit == "%" for i in items)


def test_a_word_in_a_column_of_figures_is_not_a_row_heading() -> None:
    text = "\n".join([
        "指标 | 2023年预期目标 | 2023年完成情况",
        "居民收入增长 | 与经济增长同步 | 5.1%、6.8%",
        "城镇新增就业 | 6万人以上 | 6.4万人",
    ])
    items = extract(text, date=DATE)
    got = {(i.text, i.kind, i.metric) for i in items}
    assert ("5.1%", "achieved", "居民收入增长") in got and ("6.8%", "achieved", "居民收入增长") in got
    assert ("6万人以上", "target", "城镇新增就业") in got and ("6.4万人", "achieved", "城镇新增就业") in got


# A release table with a heading of two rows (营业收入 spans two columns) and group rows; rendered
# from HTML with colspan/rowspan, so the placeholders of spanning cells are empty.
GROUP_TABLE_HTML = """<table>
<tr><td rowspan="2">分　组</td><td colspan="2">营业收入</td><td colspan="2">利润总额</td></tr>
<tr><td>1-11月（亿元）</td><td>同比增长（%）</td><td>1-11月（亿元）</td><td>同比增长（%）</td></tr>
<tr><td>总计</td><td>86021.5</td><td>12.6</td><td>5320.8</td><td>-3.4</td></tr>
<tr><td>其中：纺织业</td><td>1210.4</td><td>4.1</td><td>66.7</td><td>9.9</td></tr>
<tr><td>　　　人均营业收入（万元/人）</td><td>133.5</td><td>2.2</td><td>—</td><td>—</td></tr>
</table>"""


def test_a_heading_of_two_rows_and_rows_of_groups() -> None:
    from newsreader.render import parse_body

    text = parse_body(GROUP_TABLE_HTML).text
    assert text.splitlines()[0].count(" | ") == text.splitlines()[2].count(" | ") == 4  # a cell under each heading
    items = extract(text, date=datetime(2021, 12, 27, tzinfo=UTC))
    got = {(i.text, i.kind, i.value, i.unit, i.metric) for i in items}
    assert ("86021.5", "achieved", 86021.5e8, "元", "营业收入") in got  # a total row: the column's measure
    assert ("12.6", "achieved", 12.6, "%", "营业收入") in got
    assert ("-3.4", "achieved", 3.4, "%", "利润总额") in got  # (the sign is written, the value unsigned)
    assert ("1210.4", "achieved", 1210.4e8, "元", "纺织业营业收入") in got  # a group's part of the measure
    assert ("66.7", "achieved", 66.7e8, "元", "纺织业利润总额") in got


def test_measured_durations_are_items_and_dates_are_not() -> None:
    got = {(i.text, i.unit) for i in extract("产成品存货周转天数为17.4天，同比减少0.9天；连续3天上涨，3天后公布。")}
    assert got == {("17.4天", "天"), ("0.9天", "天")}


def test_cells_take_the_years_of_their_column_or_of_the_table_caption() -> None:
    plan = {(i.text, i.horizon) for i in extract(PLAN_TABLE, date=DATE)}
    assert {("3120", "2023"), ("4000以上", "2028"), ("61.5", "2023"), ("66左右", "2028")} <= plan
    assert ("4.5", None) in plan  # 累计 takes its kind from the goal column, not its year
    outcome = "\n".join([
        "附件：2023年主要预期目标完成情况",
        "指标 | 预期目标 | 完成情况 | 是否完成",
        "地区生产总值增长 | 5.5%左右 | 5.4% | 基本完成",
    ])
    got = {(i.text, i.kind, i.horizon) for i in extract(outcome, date=DATE)}
    assert got == {("5.5%左右", "target", "2023"), ("5.4%", "achieved", "2023")}
