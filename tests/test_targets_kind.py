"""Target or achieved: decided by the framing of the passage and the post's date, not the clause alone."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.targets import extract
from newsreader.targets.framing import _CUE_RE, ACHIEVED, CUE_PATTERN, TARGET, Cue, decide

CST = timezone(timedelta(hours=8))
MARCH_2023 = datetime(2023, 3, 1, 9, 0, tzinfo=CST)
DECEMBER_2021 = datetime(2021, 12, 8, 10, 0, tzinfo=CST)


def kinds(text: str, date: datetime | None = MARCH_2023, title: str = "") -> dict[str, str]:
    return {t.text: t.kind for t in extract(text, date=date, title=title)}


def test_tenure_review_then_five_year_goal() -> None:
    # the same verb 突破 is achieved under 任期以来 and a target under 力争
    text = ("上届政府任期以来，全市地区生产总值突破1500亿元，城镇化率提高至58%。\n"
            "今后5年，我市奋斗目标为：建设现代化强市。力争地区生产总值突破2500亿元，一般公共预算收入达到180亿元以上。")
    got = kinds(text)
    assert got["1500亿元"] == ACHIEVED
    assert got["58%"] == ACHIEVED
    assert got["2500亿元"] == TARGET
    assert got["180亿元以上"] == TARGET


def test_list_of_this_years_tasks_is_framed_by_its_introduction() -> None:
    text = ("2023年，重点抓好6个方面工作：\n"
            "1.推进乡村振兴。新增高标准农田12万亩，完成培训2万人。\n"
            "2.推进城市更新。启动15个老旧小区改造。")
    got = kinds(text)
    assert got == {"12万亩": TARGET, "2万人": TARGET, "15个": TARGET}


def test_report_sections_review_goals_tasks() -> None:
    text = ("一、2022年工作回顾\n"
            "过去一年，我们克服困难，较好完成了全年目标任务。全市生产总值增长4.1%，预计全年接待游客3.2亿人次。\n"
            "二、2023年主要目标\n"
            "今年主要预期目标是：生产总值增长5%左右，城镇新增就业30万人以上。\n"
            "三、加大宏观政策力度\n"
            "今年拟安排专项债券800亿元，比上年增加60亿元。")
    got = kinds(text)
    assert got["4.1%"] == ACHIEVED
    assert got["3.2亿人次"] == ACHIEVED  # 预计 in a review reports the past year
    assert got["5%左右"] == TARGET
    assert got["30万人以上"] == TARGET
    assert got["800亿元"] == TARGET  # a task section without cue words stays in the plan part
    assert got["60亿元"] == TARGET  # 比上年 compares a planned figure, it does not report one


@pytest.mark.parametrize(("sentence", "kind"), [
    ("预计2024年净利润增长20%。", TARGET),  # a year after the post's: future
    ("2021年净利润增长20%。", ACHIEVED),  # a year before: past
    ("到2030年数据中心规模达到300万架。", TARGET),
    ("由2018年的12.5%下降到2022年的3.1%。", ACHIEVED),
    ("计划研发12个新品种。", TARGET),
    ("目标价上调至180港元。", TARGET),
    ("要求单只产品投资比例不超过20%。", TARGET),
    ("恒指收跌0.8%，报21000点。", ACHIEVED),
    ("截至目前，共公布了九批名单。", ACHIEVED),
    ("公司目前有3000吨/年的产能。", ACHIEVED),
    ("前10个月销量超过600万头。", ACHIEVED),
    ("明年销量预计增长30%。", TARGET),
])
def test_clause_and_sentence_cues(sentence: str, kind: str) -> None:
    items = extract(sentence, date=MARCH_2023)
    assert items
    assert {t.kind for t in items} == {kind}


def test_baseline_of_a_planned_change_is_achieved() -> None:
    got = kinds("到2028年，西部数据中心利用率由35%提高到55%以上。")
    assert got == {"35%": ACHIEVED, "55%以上": TARGET}


def test_current_level_as_a_base_is_achieved() -> None:
    got = kinds("预计该指数将在2024年底前达到5100点，较目前4600点的水平上涨约11%。")
    assert got == {"5100点": TARGET, "4600点": ACHIEVED, "约11%": TARGET}


def test_old_target_price_is_still_a_target() -> None:
    got = kinds("将该股目标价由62港元下调至57港元。", date=DECEMBER_2021)
    assert got == {"62港元": TARGET, "57港元": TARGET}


def test_past_month_in_a_forecast_article() -> None:
    text = "研报预计明年销量同比增长40%，目标价45港元。报告称，公司11月销量10万辆，同比下降12%。"
    got = kinds(text, date=DECEMBER_2021)
    assert got["40%"] == TARGET
    assert got["45港元"] == TARGET
    assert got["10万辆"] == ACHIEVED
    assert got["12%"] == ACHIEVED


def test_title_frames_a_body_without_cues() -> None:
    body = "机房能效持续改善，新建机房的能效指数降到1.4以下。"
    assert kinds(body, date=DECEMBER_2021, title="到2025年 机房全面完成绿色改造")["1.4以下"] == TARGET
    assert kinds(body, date=DECEMBER_2021, title="机房能效持续改善")["1.4以下"] == ACHIEVED


def test_price_target_title_does_not_make_reported_facts_targets() -> None:
    body = "该药在三期试验中的有效率为81.2%。"
    assert kinds(body, date=DECEMBER_2021, title="首予买入评级 目标价31.5港元")["81.2%"] == ACHIEVED


def test_plan_names_are_not_plans() -> None:
    # “双高计划” and 《…规划》 are names; the facts stay achieved
    text = "一、2022年工作回顾\n12所职业院校入选“强基计划”，新增病床5000张。"
    assert set(kinds(text).values()) == {ACHIEVED}
    assert kinds("在《某市“十四五”生态保护规划》发布会上获悉，压减燃煤200万吨。", date=DECEMBER_2021)["200万吨"] == ACHIEVED


def test_goal_reported_as_met_is_achieved() -> None:
    text = "刚刚过去的2022年，胜利完成了各项目标任务。地区生产总值达到300亿元，同比增长6%。"
    assert set(kinds(text).values()) == {ACHIEVED}


def test_undated_post_still_decides() -> None:
    got = kinds("力争粮食产量稳定在20亿公斤以上。", date=None)
    assert got == {"20亿公斤以上": TARGET}


def test_decide_prefers_strong_cues_and_inner_levels() -> None:
    weak_target = Cue(TARGET, False, 5)
    strong_achieved = Cue(ACHIEVED, True, 0)
    assert decide([[weak_target], [], [strong_achieved]], 10) == ACHIEVED
    assert decide([[Cue(TARGET, True, 3)], [strong_achieved]], 10) == TARGET
    assert decide([[weak_target]], 10) == TARGET
    assert decide([[], []], 10) == ACHIEVED
    # within a level the cue nearest before the number wins
    assert decide([[Cue(TARGET, True, 2), Cue(ACHIEVED, True, 8)]], 10) == ACHIEVED


@given(st.text(alphabet=st.sampled_from(list("预计力争目标已经过去截至收报将要求计划不超过今年明年去年以来回顾ab rose will 2022年11月十四五")),
               max_size=120))
@settings(max_examples=300, deadline=None)
def test_prefiltered_cue_regex_finds_what_the_plain_one_finds(text: str) -> None:
    plain = re.compile(CUE_PATTERN)
    assert [(m.start(), m.lastgroup) for m in _CUE_RE.finditer(text)] == \
        [(m.start(), m.lastgroup) for m in plain.finditer(text)]


JANUARY_2026 = datetime(2026, 1, 15, 9, 0, tzinfo=CST)


def test_a_plan_name_and_a_met_goal_frame_a_review() -> None:
    # “十四五”规划 names a plan: the paragraph of a past year reports results
    text = ("2025年是“十四五”规划的收官之年。初步核算，全省生产总值达到3.2万亿元，比上年增长5.1%；"
            "税收收入完成2100亿元。全年主要预期目标总体完成。")
    got = kinds(text, date=JANUARY_2026)
    assert got["3.2万亿元"] == ACHIEVED and got["5.1%"] == ACHIEVED and got["2100亿元"] == ACHIEVED


def test_cumulative_goals_are_targets() -> None:
    # 累计 says "in total", not "in the past": under 今后5年 it is a goal
    text = "今后5年，全市城镇新增就业累计50万人以上，累计建成5G基站3万个。"
    got = kinds(text, date=JANUARY_2026)
    assert got["50万人以上"] == TARGET and got["3万个"] == TARGET


def test_actual_against_plan() -> None:
    text = "3.计划新增养老床位1万张，实际新增1.2万张；新建助餐点300个，超出计划60个。"
    got = kinds(text, date=JANUARY_2026)
    assert got["1.2万张"] == ACHIEVED and got["300个"] == ACHIEVED and got["60个"] == ACHIEVED


def test_shares_of_a_plan_and_gaps_to_a_goal_are_results() -> None:
    text = ("上半年一般公共预算收入完成全年预算的54.1%。一季度增长4.9%，比全年5.5%左右的预期目标低0.6个百分点。"
            "项目累计完成投资12亿元，占年度计划投资的61%。")
    got = kinds(text, date=datetime(2023, 7, 20, tzinfo=CST))
    assert got["54.1%"] == ACHIEVED and got["0.6个百分点"] == ACHIEVED and got["61%"] == ACHIEVED
    assert got["5.5%左右"] == TARGET


def test_expectations_as_a_noun_and_funds_obtained() -> None:
    # 市场预期 and 好于预期 speak of expectations, not a forecast; 争取…资金 in a review: funds obtained
    text = ("一、2025年工作回顾\n市场预期持续改善，全年新增企业3200家。争取中央资金86亿元，支持项目120个。"
            "部分指标好于预期，出口增长6%。")
    got = kinds(text, date=JANUARY_2026)
    assert got["3200家"] == ACHIEVED and got["86亿元"] == ACHIEVED and got["120个"] == ACHIEVED
    assert got["6%"] == ACHIEVED


def test_recently_and_a_later_day_of_the_month() -> None:
    text = "市商务局8日表示，首批消费券核销率达到90%。第二批消费券将于12月15日起发放，总额2000万元。"
    got = kinds(text, date=datetime(2021, 12, 8, 10, tzinfo=CST))
    assert got["90%"] == ACHIEVED and got["2000万元"] == TARGET
    got = kinds("首批8条航线近日开通，日均运力达到5000单。", date=datetime(2024, 5, 1, tzinfo=CST),
                title="年内计划开通30条")
    assert got["8条"] == ACHIEVED and got["5000单"] == ACHIEVED


def test_a_hint_stops_at_a_semicolon_unless_a_colon_introduces_the_list() -> None:
    text = "2023年吞吐量预计达到300万标箱；航线达到40条，比上年增加5条。"
    got = kinds(text, date=datetime(2023, 12, 20, tzinfo=CST))
    assert got["40条"] == ACHIEVED and got["5条"] == ACHIEVED
    text = "今年将重点抓好以下工作：新建公园3个；新增停车泊位5000个。"
    got = kinds(text, date=datetime(2023, 2, 1, tzinfo=CST))
    assert got["3个"] == TARGET and got["5000个"] == TARGET


# -- the period a figure is about, and who says it ---------------------------------------------

MAY_2023 = datetime(2023, 5, 10, 9, 0, tzinfo=CST)
AUGUST_2021 = datetime(2021, 8, 27, 9, 0, tzinfo=CST)


def test_a_dated_heading_is_a_stamp_not_a_plan() -> None:
    text = "2023年3月1日 财经早餐\n道指收涨0.5%报33000点，纳指涨1.2%。"
    assert set(kinds(text).values()) == {ACHIEVED}


def test_a_table_of_elapsed_months_reports() -> None:
    text = "\n".join(["表1 2021年1—11月份主要指标", "分组 | 营业收入（亿元） | 同比增长（%）",
                      "总计 | 5230.5 | 12.4", "制造业 | 4100.2 | 10.8"])
    assert set(kinds(text, date=DECEMBER_2021).values()) == {ACHIEVED}


def test_a_time_holds_until_the_next_one() -> None:
    got = kinds("该指数在2021年上涨了12%，今年以来表现平稳，预计全年将上涨8%。")
    assert got["12%"] == ACHIEVED and got["8%"] == TARGET


def test_a_release_labels_its_own_figures() -> None:
    got = kinds("3月零售销售同比增3.1%，预期增2.8%，前值增2.5%；环比增0.4%，预期增0.3%。", date=MAY_2023)
    assert got == {"3.1%": ACHIEVED, "2.8%": TARGET, "2.5%": ACHIEVED, "0.4%": ACHIEVED, "0.3%": TARGET}


def test_forecasters_forecast_even_a_finished_period() -> None:
    assert kinds("多位分析师预计，2月份新增贷款约为1.5万亿元。")["约为1.5万亿元"[2:]] == TARGET
    # a company's own estimate of a finished quarter reports its results
    assert kinds("公司预计一季度净利润增长30%。", date=MAY_2023)["30%"] == ACHIEVED


def test_a_count_of_forecasters_is_a_tally() -> None:
    assert kinds("调查中，有8位经济学家预计央行将在二季度降息。")["8位"] == ACHIEVED


@pytest.mark.parametrize("sentence", [
    "方案提出，通过3年攻坚，全市规上工业亩均税收达到30万元。",
    "对购买新能源汽车的，每辆车补贴5000元。",
    "交易员认为，央行年内会降息50个基点。",
    "要建成区域科技创新高地，产业规模达到200亿元以上。",
    "公司宣布一项5亿元的股票回购计划。",
])
def test_plans_rules_and_expectations(sentence: str) -> None:
    assert set(kinds(sentence).values()) == {TARGET}, sentence


@pytest.mark.parametrize("sentence", [
    "该板块的净利率常年在5%上下波动。",
    "全省粮食产量连续5年稳定在600亿斤以上。",
    "多数科技股跌幅不超过1%。",
    "模型的拟合优度达到85%。",
])
def test_habits_streaks_and_market_moves_report(sentence: str) -> None:
    assert set(kinds(sentence).values()) == {ACHIEVED}, sentence


def test_a_change_from_a_dated_base() -> None:
    got = kinds("到2025年，制造业比重由2020年的30.1%提高至32%左右。", date=datetime(2022, 3, 1, tzinfo=CST))
    assert got == {"30.1%": ACHIEVED, "32%左右": TARGET}


def test_a_figure_for_a_year_not_yet_over_is_expected_unless_so_far() -> None:
    assert kinds("报告显示，全球芯片销售额在2021年增长20%。", date=AUGUST_2021)["20%"] == TARGET
    assert kinds("今年以来，全市累计新增就业5万人。", date=AUGUST_2021)["5万人"] == ACHIEVED


def test_reported_speech_is_dated_by_the_saying_not_by_what_is_said() -> None:
    got = kinds("行长上月曾表示，“我们有决心，并将成功地将通胀率降至2%”。", date=MAY_2023)
    assert got["2%"] == TARGET


def test_a_plan_word_later_in_the_sentence_frames_its_list() -> None:
    got = kinds("财政支出规模比上年扩大1.5万亿元以上，拟安排专项债券3.2万亿元。")
    assert got == {"1.5万亿元以上": TARGET, "3.2万亿元": TARGET}
    # a result between the figure and the plan word keeps the figure a result
    got = kinds("试验中该药的有效率为81.2%，并已提交申请，预期将于明年获批。")
    assert got["81.2%"] == ACHIEVED


def test_an_expected_measure_and_an_earlier_forecast_are_forecasts() -> None:
    got = kinds("分析师的预期盈利增速从年初的9%上调到目前的10.5%，此前预计降息空间为50个基点。")
    assert got["10.5%"] == TARGET and got["50个基点"] == TARGET


def test_so_far_this_year_reports() -> None:
    got = kinds("数据显示，年内326家上市公司实施回购，合计回购金额达185.6亿元。", date=AUGUST_2021)
    assert set(got.values()) == {ACHIEVED}


def test_an_approximate_market_move_reports() -> None:
    assert kinds("国债收益率上行2bp左右。")["2bp左右"] == ACHIEVED


def test_a_plan_named_after_the_figure() -> None:
    got = kinds("该公司宣布50亿元成本削减计划，将裁员超过8%。")
    assert got == {"50亿元": TARGET, "超过8%"[2:]: TARGET}


def test_fiscal_quarters_and_names_are_not_calendar_times() -> None:
    got = kinds("好未来2024财年第一季度营收4.1亿美元，东芝 2024 年第一财季营收75亿美元。", date=AUGUST_2021)
    assert set(got.values()) == {ACHIEVED}


def test_a_paragraph_is_dated_by_its_first_clause() -> None:
    text = "欧元区3月通胀意外回落，6月降息预期升温。核心通胀同比升2.9%，也低于预期。"
    assert kinds(text, date=datetime(2023, 4, 3, tzinfo=CST))["2.9%"] == ACHIEVED


def test_a_forecast_word_of_the_sentence_governs_its_clauses() -> None:
    # a list item headed by a past quarter's results, then the guidance
    text = "\n".join(["3、东方科技第二季度营收12亿元。", "公司上调指引，预计全年销售额50亿-52亿元，调整后每股收益1.7-1.8元。"])
    got = kinds(text, date=datetime(2023, 8, 2, tzinfo=CST))
    assert got["1.7-1.8元"] == TARGET


def test_a_comparison_with_an_expectation_frames_only_its_figure() -> None:
    got = kinds("二季度每股收益为1.27元，低于分析师预期的1.43元。", date=datetime(2023, 8, 2, tzinfo=CST))
    assert got["1.27元"] == ACHIEVED and got["1.43元"] == TARGET


def test_rules_of_a_policy() -> None:
    got = kinds("其中提出，多子女家庭公积金贷款额度可上浮20%，每年可提高补助标准至少500元。")
    assert set(got.values()) == {TARGET}


# -- what a post's date tells, and what it must not override (feed mirrors are dated to the second) ----


JULY_2022 = datetime(2022, 7, 19, 13, 59, tzinfo=CST)


def test_a_heading_naming_past_months_of_the_year_reviews_them() -> None:
    text = "# 表1 2021年1—11月份主要财务指标\n营业收入1143083.8亿元，利润总额79750.1亿元。"
    got = kinds(text, date=datetime(2021, 12, 27, 9, 51, tzinfo=CST))
    assert got == {"1143083.8亿元": ACHIEVED, "79750.1亿元": ACHIEVED}


def test_a_heading_naming_the_day_of_the_news_is_no_plan() -> None:
    text = "# 东澜财经早餐 2024年8月1日 星期四\n道指报40842.79点，成交额1200亿元。"
    assert set(kinds(text, date=datetime(2024, 8, 1, tzinfo=CST)).values()) == {ACHIEVED}
    assert set(kinds(text, date=datetime(2024, 7, 30, tzinfo=CST)).values()) == {TARGET}  # a day still to come


def test_a_forecast_governs_the_past_period_it_names() -> None:
    got = kinds("分析师们预计，北辰科技6月份的营收约为82亿元，每股收益为1.16元。", date=JULY_2022)
    assert got == {"82亿元": TARGET, "1.16元": TARGET}
    assert kinds("北辰科技6月份的营收为82亿元。", date=JULY_2022) == {"82亿元": ACHIEVED}
    # the year before the forecast dates the figure before it, not the forecast one
    got = kinds("北辰科技销售额在2020年增长了16%，预计今年增长14%。", date=datetime(2021, 8, 27, tzinfo=CST))
    assert got == {"16%": ACHIEVED, "14%": TARGET}
    # beyond expectations (超预期) compares a result: no forecast
    assert kinds("云川银行超预期加息15个基点，6月份存款增加30亿元。", date=JULY_2022)["30亿元"] == ACHIEVED


def test_a_quarter_of_a_named_past_year_is_not_this_years() -> None:
    got = kinds("与2021年的第四季度相比，北辰科技的市场份额为22.7%。", date=datetime(2022, 4, 11, tzinfo=CST))
    assert got == {"22.7%": ACHIEVED}



@pytest.mark.parametrize(("text", "expected"), [
    ("今年全区定下6%左右的增长目标。", {"6%左右": "target"}),  # setting a figure is a goal
    ("全年7%的经济增速定调引发市场讨论。", {"7%": "target"}),
    ("2022年增长目标为6.5%，实际增长3.8%。", {"6.5%": "target", "3.8%": "achieved"}),  # the outcome after it
    ("今年城乡居民收入实际增长6%。", {"6%": "target"}),  # 实际增长 names a real-terms measure
])
def test_set_goals_and_outcomes(text: str, expected: dict[str, str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("当前形势下，5%可能作为经济增速的底线目标。", {"5%": "target"}),  # what a figure may serve as
    ("去年完成了7%的增长目标。", {"7%": "achieved"}),  # a goal met
    # a survey's forecasts in a heading; the economists on the next line are not a count of forecasters
    ("三、物价：3月CPI同比预测均值为1.1%，PPI同比预测均值为8.4%\n经济学家们对2022年3月CPI的预测分歧不大。",
     {"1.1%": "target", "8.4%": "target"}),
])
def test_goals_named_after_the_figure_and_survey_headings(text: str, expected: dict[str, str]) -> None:
    assert kinds(text, date=datetime(2022, 4, 2, tzinfo=CST)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a span up to now reports, under a heading that looks ahead (至今年底 still looks ahead)
    ("二、2024年展望：内需回暖\n2015年至今，出口增速与汇率的相关度达到40%。", {"40%": "achieved"}),
    ("二、2024年展望：内需回暖\n至今年底，全市新增就业达到3万人。", {"3万人": "target"}),
    # a fitted model's statistics report the analysis, whatever the section looks ahead to
    ("二、2024年展望：内需回暖\n用汇率拟合出口增速，回归的拟合优度为63%。", {"63%": "achieved"}),
    # what measures the forecasts themselves (their error, their coverage) is a fact about them
    ("四季度券商对全年营收增速的预测偏差通常在3pct以内。", {"3pct以内": "achieved"}),
    ("截至10月末，中小盘股的盈利预测覆盖率为57%。", {"57%": "achieved"}),
])
def test_facts_about_a_period_so_far_a_model_or_forecasts_are_achieved(text: str, expected: dict[str, str]) -> None:
    assert kinds(text, date=datetime(2023, 11, 20, tzinfo=CST)) == expected


def test_a_figures_own_time_outranks_the_time_its_paragraph_opens_with() -> None:
    # the paragraph opens on last year; the figure's sentence names this year, still open in August
    text = ("去年受疫情影响，全球汽车芯片出货量下降12%。机构认为，汽车芯片销售额在2021年增长28%，达到460亿美元。")
    got = kinds(text, date=datetime(2021, 8, 20, tzinfo=CST))
    assert got["12%"] == ACHIEVED
    assert got["28%"] == TARGET and got["460亿美元"] == TARGET


def test_a_count_of_those_who_plan_is_a_fact() -> None:
    got = kinds("目前已有超过40家车企计划在明年推出固态电池车型。", date=datetime(2024, 5, 1, tzinfo=CST))
    assert got == {"40家": ACHIEVED}
    assert kinds("全省计划新建40家养老机构。", date=datetime(2024, 5, 1, tzinfo=CST)) == {"40家": TARGET}


def test_a_habitual_fact_holds_under_a_heading_that_looks_ahead() -> None:
    text = "二、2024年展望：盈利修复\n券商对营收增速的预测偏差通常在3pct以内，对利润增速的偏差往往更大。"
    assert kinds(text, date=datetime(2023, 11, 20, tzinfo=CST)) == {"3pct以内": ACHIEVED}


def test_a_cue_inside_a_figures_modifier_is_that_figures() -> None:
    # 目前 dates the price in the modifier (目前价格在2万元左右的), not the cut the plan sets
    text = "该企业原计划到2026年将目前价格在2万元左右的储能电池价格下调40%以上，但计划已经搁置。"
    assert kinds(text, date=datetime(2023, 5, 1, tzinfo=CST))["40%以上"] == TARGET


def test_a_bare_year_end_belongs_to_the_year_the_passage_is_about() -> None:
    # 年末 with no year is the end of the year being told, as 全年 is: in a spring review, last year's
    review = "过去一年，全市地区生产总值增长4.1%，年末城镇登记失业率降到3.2%，物价上涨1.8%。"
    assert kinds(review) == {"4.1%": ACHIEVED, "3.2%": ACHIEVED, "1.8%": ACHIEVED}
    # …and a plan for it is still a plan
    assert kinds("今年要确保年末城镇登记失业率控制在4%以内。") == {"4%以内": TARGET}


def test_a_forecast_opened_by_bing_frames_only_what_follows() -> None:
    # 并预计 opens a statement of its own: the figure before it is reported
    got = kinds("某新车型交付量超2万台，并预计下月交付量将达到2.5万台。", date=datetime(2024, 8, 2, tzinfo=CST))
    assert got == {"超2万台": ACHIEVED, "2.5万台": TARGET}


def test_an_allocation_is_a_plan_unless_dated_past() -> None:
    # 安排 (allocates) in a spring post states this year's plan; 去年 makes it a report
    spring = datetime(2023, 3, 6, tzinfo=CST)
    assert kinds("中央预算内投资安排5800亿元。", date=spring) == {"5800亿元": TARGET}
    assert kinds("去年中央预算内投资安排5800亿元。", date=spring) == {"5800亿元": ACHIEVED}


def test_the_consensus_with_de_is_a_forecast() -> None:
    got = kinds("本月制造业PMI为49.1，低于市场预期的49.6，前值为49.3。", date=MAY_2023)
    assert got == {"49.1": ACHIEVED, "49.6": TARGET, "49.3": ACHIEVED}
