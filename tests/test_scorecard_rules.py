"""The scorecard's rules one by one: verdicts and the 左右 tolerance, periods, speakers, pairing."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from newsreader.scorecard.model import Source
from newsreader.scorecard.pairing import Scorecard
from newsreader.scorecard.qualitative import qualitative_sentence, told_in_words
from newsreader.scorecard.speaker import item_entity, same_entity, speaker
from newsreader.scorecard.timing import PARTIAL, Period, item_period, post_time
from newsreader.scorecard.verdict import (
    EXCEEDED,
    MET,
    MISSED,
    NO_FIGURE,
    PENDING,
    QUANTITY_TOLERANCE,
    RATE_TOLERANCE,
    bound_of,
    compares,
    direction,
    judge,
    signed_value,
)
from newsreader.targets.model import Target

CST = timezone(timedelta(hours=8))


def item(text: str, value: float, *, kind: str = "target", comparator: str = "=", unit: str = "%",
         relation: str | None = "增长", metric: str = "地区生产总值", key: str = "gdp", sentence: str | None = None,
         low: float | None = None, high: float | None = None, entity: str | None = None, start: int = 0) -> Target:
    sentence = sentence or f"{metric}{relation or ''}{text}。"
    return Target(text=text, start=start, end=start + len(text), sentence=sentence, kind=kind, metric=metric,
                  entity=entity, value=value, unit=unit, low=low, high=high, comparator=comparator,
                  relation=relation, metric_key=key)


def verdict_of(target: Target, result: float) -> tuple[str, float]:
    bound = bound_of(target)
    assert bound is not None
    return judge(bound, result)


# -- verdicts ------------------------------------------------------------------------------


def test_a_range_is_met_inside_exceeded_above_missed_below() -> None:
    target = item("5.0%—5.5%", 5.0, comparator="range", low=5.0, high=5.5)
    assert verdict_of(target, 5.0)[0] == MET
    assert verdict_of(target, 5.5)[0] == MET
    assert verdict_of(target, 5.6) == (EXCEEDED, pytest.approx(0.1))
    assert verdict_of(target, 4.8) == (MISSED, pytest.approx(-0.2))


def test_a_floor_is_met_at_it_exceeded_above_it_missed_below_it() -> None:
    target = item("5%以上", 5.0, comparator=">=")
    assert verdict_of(target, 5.0) == (MET, 0.0)
    assert verdict_of(target, 5.6) == (EXCEEDED, pytest.approx(0.6))
    assert verdict_of(target, 4.9) == (MISSED, pytest.approx(-0.1))


def test_a_cap_is_met_at_or_under_it_and_missed_over_it() -> None:
    target = item("5.5%以内", 5.5, comparator="<=", relation="控制在…以内", metric="城镇调查失业率",
                  key="surveyed_unemployment")
    assert verdict_of(target, 5.5)[0] == MET
    assert verdict_of(target, 4.1) == (MET, pytest.approx(-1.4))
    assert verdict_of(target, 5.6) == (MISSED, pytest.approx(0.1))


def test_the_tolerance_of_zuoyou_is_a_quarter_point_for_rates() -> None:
    assert RATE_TOLERANCE == 0.25
    target = item("5%左右", 5.0, comparator="~")
    assert verdict_of(target, 4.75)[0] == MET  # at the edge
    assert verdict_of(target, 5.25)[0] == MET
    assert verdict_of(target, 4.8)[0] == MET
    assert verdict_of(target, 4.7) == (MISSED, pytest.approx(-0.3))
    assert verdict_of(target, 5.4) == (EXCEEDED, pytest.approx(0.4))


def test_the_tolerance_of_zuoyou_is_two_and_a_half_percent_for_quantities() -> None:
    assert QUANTITY_TOLERANCE == 0.025
    target = item("616亿斤左右", 6.16e10, comparator="~", unit="斤", relation=None, metric="粮食产量",
                  key="grain_output")
    assert verdict_of(target, 6.16e10 * 1.025)[0] == MET
    assert verdict_of(target, 6.2e10)[0] == MET
    assert verdict_of(target, 6.16e10 * 0.97)[0] == MISSED
    assert verdict_of(target, 6.16e10 * 1.03)[0] == EXCEEDED


def test_a_plain_figure_is_a_point_with_the_same_tolerance() -> None:
    target = item("70万人", 7e5, unit="人", relation=None, metric="城镇新增就业", key="urban_new_jobs")
    assert bound_of(target).kind == "point"
    assert verdict_of(target, 7.1e5)[0] == MET
    assert verdict_of(target, 8.27e5)[0] == EXCEEDED
    assert verdict_of(target, 6.5e5)[0] == MISSED


def test_a_ceiling_metric_said_with_zuoyou_is_a_cap_with_the_tolerance_above() -> None:
    unemployment = item("5.5%左右", 5.5, comparator="~", relation=None, metric="城镇调查失业率",
                        key="surveyed_unemployment")
    assert bound_of(unemployment).kind == "cap"
    assert verdict_of(unemployment, 5.2)[0] == MET
    assert verdict_of(unemployment, 5.75)[0] == MET
    assert verdict_of(unemployment, 5.8)[0] == MISSED
    capped = item("5.5%左右", 5.5, comparator="~", relation="控制在", metric="登记失业率", key="other")
    assert bound_of(capped).kind == "cap"
    growth = item("5.5%左右", 5.5, comparator="~", relation="增长", key="other")
    assert bound_of(growth).kind == "about"


def test_a_fall_counts_against_a_rise_and_a_decline_target_in_its_own_direction() -> None:
    cpi = item("2%左右", 2.0, comparator="~", relation="涨幅", metric="居民消费价格", key="cpi")
    result = item("0.1%", 0.1, kind="achieved", relation="微降", metric="CPI", key="cpi")
    assert signed_value(result) == pytest.approx(-0.1)
    assert direction("下降") == -1 and direction("降至") == 1 and direction("控制在…以内") == 1
    assert verdict_of(cpi, signed_value(result) * direction(cpi.relation))[0] == MET  # a cap: under it
    energy = item("14%左右", 14.0, comparator="~", relation="下降", metric="单位地区生产总值能耗",
                  key="energy_intensity")
    fell = item("15.2%", 15.2, kind="achieved", relation="下降", key="energy_intensity")
    assert verdict_of(energy, signed_value(fell) * direction(energy.relation)) == (EXCEEDED, pytest.approx(1.2))
    rose = item("1%", 1.0, kind="achieved", relation="增长", key="energy_intensity")
    assert verdict_of(energy, signed_value(rose) * direction(energy.relation))[0] == MISSED


def test_ranks_and_items_without_a_value_set_no_bound() -> None:
    assert bound_of(item("前十", 10, comparator="rank")) is None
    assert bound_of(Target("翻一番", 0, 3, "翻一番。", "target", comparator="=")) is None


# -- periods ---------------------------------------------------------------------------------


def period(sentence: str, text: str, *, kind: str = "target", day: date = date(2021, 2, 3), title: str = "",
           report: bool = True, relation: str | None = None, horizon: str | None = None):
    return item_period(post_time(title, day, report), sentence=sentence, at=sentence.index(text), kind=kind,
                       relation=relation, metric=None, horizon=horizon)


def test_periods_are_read_from_the_sentence_before_the_figure() -> None:
    sentence = "今后5年，全市主要目标是：地区生产总值年均增长6.5%左右，到2025年经济总量突破4500亿元；一般公共预算收入年均增长6%。"
    assert period(sentence, "6.5%左右") == Period(2021, 2025, averaged=True)
    assert period(sentence, "4500亿元") == Period(2025, 2025)
    assert period(sentence, "6%") == Period(2021, 2025, averaged=True)  # past 到2025年, to the stretch
    assert period("今年地区生产总值增长7%以上。", "7%以上", day=date(2023, 2, 14)) == Period(2023, 2023)
    assert period("过去一年，地区生产总值增长4.6%。", "4.6%", kind="achieved", day=date(2024, 1, 20)) \
        == Period(2023, 2023)
    assert period("“十四五”时期地区生产总值年均增长5.8%。", "5.8%", kind="achieved", relation="年均增长") \
        == Period(2021, 2025, averaged=True)


def test_a_years_own_figure_is_not_the_time_of_the_next() -> None:
    sentence = "“十三五”时期，地区生产总值从2015年的2380亿元增加到2020年的3325.6亿元，年均增长6.9%。"
    assert period(sentence, "3325.6亿元", kind="achieved") == Period(2020, 2020)
    assert period(sentence, "6.9%", kind="achieved") == Period(2016, 2020, averaged=True)
    assert period(sentence, "2380亿元", kind="achieved") is None  # where the change starts


def test_part_of_a_year_is_no_years_figure() -> None:
    assert period("一季度地区生产总值增长5.2%。", "5.2%", kind="achieved", day=date(2023, 4, 21),
                  report=False) == PARTIAL
    assert period("前三季度增长3.8%。", "3.8%", kind="achieved", day=date(2022, 11, 2), report=False) == PARTIAL
    assert period("到2025年底达到60%。", "60%") == Period(2025, 2025)  # a year's end is the year


def test_a_sentence_without_a_time_takes_the_reports_year() -> None:
    title = "云川市人民政府 2022年政府工作报告"
    day = date(2022, 1, 20)
    assert period("主要预期目标是：地区生产总值增长6.5%左右。", "6.5%左右", title=title, day=day) == Period(2022, 2022)
    assert period("地区生产总值增长7.6%。", "7.6%", kind="achieved", title=title, day=day) == Period(2021, 2021)
    assert period("全年城镇新增就业5.4万人。", "5.4万人", kind="achieved", title=title, day=day) == Period(2021, 2021)
    # 年末 in a report's review is the end of the year reviewed
    assert period("年末城镇调查失业率降到5.5%。", "5.5%", kind="achieved", day=date(2023, 3, 5),
                  title="国务院 2023年政府工作报告") == Period(2022, 2022)
    # a news post without a time of its own: not known
    assert period("地区生产总值增长5%。", "5%", kind="achieved", report=False, title="江州新闻") is None
    assert period("全年增长5.2%。", "5.2%", kind="achieved", report=False,
                  title="2025年江州市国民经济和社会发展统计公报", day=date(2026, 3, 1)) == Period(2025, 2025)


# -- speakers and entities -------------------------------------------------------------------


@pytest.mark.parametrize(("title", "lead", "expected"), [
    ("2025年福建省政府工作报告", "", "福建省"),
    ("福建省 2025年政府工作报告（节选）", "", "福建省"),
    ("呼伦贝尔市海拉尔区人民政府 2013年政府工作报告（节选）", "", "海拉尔区"),
    ("江州市白沙区 2020年政府工作报告（节选）", "", "白沙区"),
    ("国务院 2021年政府工作报告（节选）", "", "全国"),
    ("政府工作报告", "——2021年3月5日在第十三届全国人民代表大会第四次会议上", "全国"),
    ("政府工作报告", "——2025年1月14日在吉林省第十四届人民代表大会第四次会议上", "吉林省"),
    ("杭州市：江州市人民政府 2024年政府工作报告（节选）", "", "江州市"),
    ("江州市2020年一季度主要经济指标", "", "江州市"),
    ("关于市政府工作报告的决议", "", None),
    ("收评：本地板块午后走强 北辰科技涨超6%", "", None),
])
def test_the_government_a_post_speaks_for(title: str, lead: str, expected: str | None) -> None:
    assert speaker(title, lead) == expected


def test_an_items_entity_its_own_place_or_the_posts() -> None:
    assert item_entity(None, "地区生产总值", "福建省") == "福建省"
    assert item_entity("全省", "生产总值", "福建省") == "福建省"
    assert item_entity("国内", "生产总值", "全国") == "国内"
    assert item_entity(None, "江苏省一般贸易进出口", "福建省") == "江苏省"
    assert same_entity("吕梁市", "吕梁") and same_entity("国内", "全国") and not same_entity("吕梁", "晋中")


def test_a_result_told_in_words() -> None:
    text = "确保粮食生产稳定。突出稳就业稳物价，推动经济企稳回升。粮食生产再获丰收，农业基础更加稳固。"
    start, sentence = qualitative_sentence(text, "grain_output")
    assert sentence == "粮食生产再获丰收，农业基础更加稳固。" and text[start:].startswith(sentence)
    assert qualitative_sentence(text, "cpi") is None
    assert qualitative_sentence("粮食产量162.4万吨，再获丰收。", "grain_output") is None


# -- pairing -----------------------------------------------------------------------------------


def post(name: str, day: date, title: str) -> Source:
    return Source(name, f"/archive/{name}", title, datetime(day.year, day.month, day.day, 9, tzinfo=CST))


def add(card: Scorecard, source: Source, items: list[Target]) -> None:
    """Add a post's items, speaking for the government its title names."""
    card.add(source, items, speaker(source.title))


def report_items(*figures: tuple[str, float, str, str]) -> list[Target]:
    """(text, value, kind, sentence) items placed in their sentences."""
    out, offset = [], 0
    for text, value, kind, sentence in figures:
        comparator = "~" if "左右" in text else ">=" if "以上" in text else "="
        unit = "%" if "%" in text else "人"
        metric, key = ("地区生产总值", "gdp") if unit == "%" else ("城镇新增就业", "urban_new_jobs")
        out.append(item(text, value, kind=kind, comparator=comparator, unit=unit, sentence=sentence,
                        metric=metric, key=key, relation="增长" if unit == "%" else None,
                        start=offset + sentence.index(text)))
        offset += len(sentence)
    return out


def test_a_target_is_paired_with_the_first_later_result_and_later_ones_are_revisions() -> None:
    card = Scorecard()
    add(card, post("r2022", date(2022, 1, 20), "云川市人民政府 2022年政府工作报告"), report_items(
        ("6.5%左右", 6.5, "target", "主要预期目标是：地区生产总值增长6.5%左右。"),
        ("5万人以上", 5e4, "target", "城镇新增就业5万人以上。")))
    add(card, post("r2023", date(2023, 2, 14), "云川市人民政府 2023年政府工作报告"), report_items(
        ("4.6%", 4.6, "achieved", "过去一年，地区生产总值增长4.6%。")))
    add(card, post("bulletin", date(2023, 3, 20), "2022年云川市国民经济和社会发展统计公报"), report_items(
        ("4.8%", 4.8, "achieved", "全年地区生产总值比上年增长4.8%。")))
    rows = {row.metric_key: row for row in card.rows(today=date(2024, 1, 1))}
    gdp = rows["gdp"]
    assert (gdp.entity, gdp.year, gdp.verdict) == ("云川市", 2022, MISSED)
    assert gdp.result.post.id == "r2023" and gdp.delta == pytest.approx(-1.9)
    assert [r.post.id for r in gdp.revisions] == ["bulletin"] and "disagree" in gdp.note
    jobs = rows["urban_new_jobs"]
    assert (jobs.verdict, jobs.note) == (PENDING, "no result in the archive")
    assert Scorecard().rows() == []


def test_a_target_whose_year_is_not_over_is_pending_and_words_alone_are_no_figure() -> None:
    texts = {"/archive/r2023": "一、2022年工作回顾。就业形势保持稳定。城镇新增就业实现较快增长。"}
    card = Scorecard(told_of=lambda source: told_in_words(texts.get(source.path, "")))
    add(card, post("r2022", date(2022, 1, 20), "云川市人民政府 2022年政府工作报告"), report_items(
        ("5万人以上", 5e4, "target", "城镇新增就业5万人以上。")))
    add(card, post("r2023", date(2023, 2, 14), "云川市人民政府 2023年政府工作报告"), [])
    (row,) = card.rows(today=date(2022, 6, 1))
    assert (row.verdict, row.note) == (PENDING, "the period is not over")
    (row,) = card.rows(today=date(2023, 6, 1))
    assert row.verdict == NO_FIGURE
    assert row.statement.post.id == "r2023" and row.statement.sentence == "城镇新增就业实现较快增长。"


def test_a_result_before_its_target_or_of_another_entity_or_period_is_no_result() -> None:
    card = Scorecard()
    add(card, post("r2022", date(2022, 1, 20), "云川市人民政府 2022年政府工作报告"), report_items(
        ("6.5%左右", 6.5, "target", "主要预期目标是：地区生产总值增长6.5%左右。")))
    add(card, post("early", date(2021, 12, 30), "2022年云川市经济展望"), report_items(
        ("6.4%", 6.4, "achieved", "2022年地区生产总值增长6.4%。")))
    add(card, post("other", date(2023, 2, 1), "江州市人民政府 2023年政府工作报告"), report_items(
        ("6.6%", 6.6, "achieved", "过去一年地区生产总值增长6.6%。")))
    add(card, post("later", date(2024, 2, 1), "云川市人民政府 2024年政府工作报告"), report_items(
        ("5.9%", 5.9, "achieved", "过去一年地区生产总值增长5.9%。")))
    rows = card.rows(today=date(2025, 1, 1))
    (row,) = [r for r in rows if r.entity == "云川市" and r.year == 2022]
    assert (row.verdict, row.result) == (PENDING, None)


def test_a_target_stated_twice_is_one_row_and_the_entity_shows_by_its_full_name() -> None:
    card = Scorecard()
    for name, day in (("r2022", date(2022, 1, 20)), ("news", date(2022, 1, 21))):
        add(card, post(name, day, "云川市人民政府 2022年政府工作报告"), report_items(
            ("6.5%左右", 6.5, "target", "主要预期目标是：地区生产总值增长6.5%左右。")))
    (row,) = card.rows(today=date(2022, 6, 1))
    assert row.target.post.id == "r2022" and row.entity == "云川市"


def test_a_figure_set_against_anothers_is_no_level_of_its_own() -> None:
    margin = item("0.5个百分点以上", 0.5, comparator=">=", unit="百分点", relation="高于",
                  metric="山区22县地区生产总值增速")
    assert compares(margin)  # 增速高于全省平均水平0.5个百分点以上
    assert compares(item("0.8个百分点", 0.8, kind="achieved", unit="百分点", relation="高于"))
    assert compares(item("五成", 50, kind="achieved", relation="贡献"))
    assert not compares(item("5%", 5, comparator=">=", relation="不低于"))  # a floor
    assert not compares(item("3%", 3, comparator="<=", relation="低于", metric="居民消费价格涨幅", key="cpi"))
    card = Scorecard()
    add(card, post("r2026", date(2026, 1, 20), "东澜省人民政府 2026年政府工作报告"), [margin])
    assert card.rows(today=date(2026, 6, 1)) == []


def test_a_miss_or_an_excess_says_by_how_much() -> None:
    from dataclasses import dataclass

    from newsreader.scorecard.fields import verdict_short, verdict_text

    @dataclass
    class Judged:
        verdict: str
        delta: float | None
        unit: str | None
        target_value: float

    assert verdict_text(Judged(MISSED, -0.7, "%", 5.0)) == "missed −0.7个百分点"
    assert verdict_text(Judged(EXCEEDED, 0.25, "百分点", 1.0)) == "exceeded +0.25百分点"
    assert verdict_text(Judged(MISSED, -8.4e8, "斤", 616e8)) == "missed −8.4亿斤 (−1.4%)"
    assert verdict_text(Judged(EXCEEDED, 6300, "人", 80000)) == "exceeded +6300人 (+7.9%)"
    assert verdict_text(Judged(MET, 0.1, "%", 5.0)) == "met"  # within the tolerance: no difference said
    assert verdict_text(Judged(PENDING, None, "%", 5.0)) == "pending"
    assert verdict_short(Judged(MISSED, -0.7, "%", 5.0)) == "missed −0.7"  # the table's few cells
    assert verdict_short(Judged(EXCEEDED, 53000, "人", 5e5)) == "exceeded +5.3万人"
