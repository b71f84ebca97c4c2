"""extract(): offsets, metrics, entities, horizons, relations and comparators of whole articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.targets import Target, extract
from newsreader.targets.extractor import extract_unchecked

CST = timezone(timedelta(hours=8))
FEB_2022 = datetime(2022, 2, 28, 7, 37, tzinfo=CST)

# A made-up article shaped like a newspaper page on two city work reports.
TWO_CITIES = """甲城：全力打造4个千亿级产业集群
2月20日上午，甲城市第五届人民代表大会第一次会议开幕。
上届政府任期以来，全市8个贫困县全部摘帽，45万贫困人口全部脱贫。地区生产总值突破1800亿元、一般公共预算收入突破150亿元。市区建成区面积从30平方公里扩大到52平方公里。
今后5年，力争全市地区生产总值突破2600亿元，综合实力进入前30强。
2022年甲城市主要预期目标为：地区生产总值增长7.5%，城乡居民人均可支配收入分别增长8%和8.5%以上，城镇新增就业3.2万人，城镇调查失业率控制在5.5%以内。
2022年，重点抓好6个方面工作：
1.新增高标准农田22万亩，力争培训1.5万人、就业8000人以上，森林覆盖率增长一个百分点。
乙城：重点抓好8个方面工作
过去5年，乙城粮食年产达到28.5亿斤，社会消费品零售总额达到612.4亿元，消费对经济增长贡献达六成。"""


def items_of(text: str = TWO_CITIES, **kw) -> dict[str, Target]:
    return {t.text: t for t in extract(text, date=kw.pop("date", FEB_2022), **kw)}


def test_offsets_index_the_plain_text() -> None:
    items = extract(TWO_CITIES, date=FEB_2022)
    assert items
    for t in items:
        assert TWO_CITIES[t.start:t.end] == t.text
        assert t.text in t.sentence
        assert t.kind in ("target", "achieved")
    assert [t.start for t in items] == sorted(t.start for t in items)


def test_headings_hold_items_too() -> None:
    # a heading states a figure as a reader reads it (二、全年增速目标：不低于5%): it is an item
    heading = items_of()["4个"]
    assert heading.entity == "甲城" and heading.metric == "千亿级产业集群"


def test_metrics_values_units() -> None:
    got = items_of()
    expect = {
        "1800亿元": ("地区生产总值", 1.8e11, "元", "achieved"),
        "150亿元": ("一般公共预算收入", 1.5e10, "元", "achieved"),
        "30平方公里": ("市区建成区面积", 30, "平方公里", "achieved"),
        "52平方公里": ("市区建成区面积", 52, "平方公里", "achieved"),
        "45万": ("贫困人口", 450000, None, "achieved"),
        "8个": ("贫困县", 8, "个", "achieved"),
        "2600亿元": ("地区生产总值", 2.6e11, "元", "target"),
        "7.5%": ("地区生产总值", 7.5, "%", "target"),
        "8%": ("城乡居民人均可支配收入", 8, "%", "target"),
        "8.5%以上": ("城乡居民人均可支配收入", 8.5, "%", "target"),
        "3.2万人": ("城镇新增就业", 32000, "人", "target"),
        "5.5%以内": ("城镇调查失业率", 5.5, "%", "target"),
        "22万亩": ("高标准农田", 220000, "亩", "target"),
        "1.5万人": ("培训", 15000, "人", "target"),
        "8000人以上": ("就业", 8000, "人", "target"),
        "一个百分点": ("森林覆盖率", 1, "百分点", "target"),
        "28.5亿斤": ("粮食年产", 2.85e9, "斤", "achieved"),
        "612.4亿元": ("社会消费品零售总额", 6.124e10, "元", "achieved"),
        "六成": ("消费对经济增长贡献", 60, "%", "achieved"),
    }
    for text, (metric, value, unit, kind) in expect.items():
        t = got[text]
        assert metric in (t.metric or ""), (text, t.metric)
        assert t.value == pytest.approx(value), text
        assert t.unit == unit, text
        assert t.kind == kind, text


def test_never_items_in_the_article() -> None:
    got = items_of()
    # dates, session numbers, list markers, counts of work areas
    for text in ("2月20日", "第五届", "1.", "6个", "8个方面", "2022年"):
        assert text not in got


def test_entities_from_section_headings() -> None:
    got = items_of()
    assert got["1800亿元"].entity == "甲城"
    assert got["5.5%以内"].entity == "甲城"
    assert got["612.4亿元"].entity == "乙城"


def test_entities_from_companies_named_in_paragraphs() -> None:
    text = ("制冷剂新品受关注。\n"
            "作为行业龙头，甲乙股份的产品线齐全。此前，公司表示建有两套装置，产能约8000吨/年。\n"
            "丙丁股份在互动平台表示，公司目前有5000吨/年的产能。\n"
            "公司还称，设计产能6000吨/年。\n"
            "图片来源：官网\n"
            "业内人士认为，新品售价约为旧品的20倍左右，市场空间巨大。")
    got = items_of(text, date=FEB_2022)
    assert got["两套"].entity == "甲乙股份"
    assert got["约8000吨/年"].entity == "甲乙股份"
    assert got["5000吨/年"].entity == "丙丁股份"
    assert got["6000吨/年"].entity == "丙丁股份"  # "公司" still speaks of the last company named
    assert got["20倍左右"].entity is None


def test_single_government_has_no_entity() -> None:
    got = items_of("2023年主要预期目标为：地区生产总值增长6%左右。", date=FEB_2022)
    assert got["6%左右"].entity is None


def test_horizons() -> None:
    got = items_of()
    assert got["2600亿元"].horizon == "2022-2026"  # 今后5年 from a 2022 post
    assert got["7.5%"].horizon == "2022"
    assert got["28.5亿斤"].horizon == "2017-2021"  # 过去5年
    assert items_of("到2025年，利用率提高到60%。", date=FEB_2022)["60%"].horizon == "2025"


def test_relations_and_comparators() -> None:
    got = items_of()
    assert (got["1800亿元"].relation, got["1800亿元"].comparator) == ("突破", ">=")
    assert (got["5.5%以内"].relation, got["5.5%以内"].comparator) == ("控制在…以内", "<=")
    assert (got["7.5%"].relation, got["7.5%"].comparator) == ("增长", "=")
    assert got["8.5%以上"].comparator == ">="
    assert got["前30强"].comparator == "rank"
    r = items_of("增长6.0%—6.5%。")["6.0%—6.5%"]
    assert (r.comparator, r.low, r.high, r.value) == ("range", 6.0, 6.5, 6.0)


def test_list_subjects_are_distributed() -> None:
    got = items_of("刑事治安、涉诈、涉毒警情分别下降12.5%、10.2%、40%。", date=FEB_2022)
    assert got["12.5%"].metric == "刑事治安警情"
    assert got["10.2%"].metric == "涉诈警情"
    assert got["40%"].metric == "涉毒警情"
    got = items_of("预计明年公募、私募、外资分别带来约5100、2200、600亿元增量资金。", date=FEB_2022)
    assert [t.metric for t in got.values()] == ["公募增量资金", "私募增量资金", "外资增量资金"]
    assert [t.value for t in got.values()] == [5.1e11, 2.2e11, 6e10]
    got = items_of("先进制造业、高技术制造业增加值占规模以上工业增加值比重分别达55.1%、33.6%。", date=FEB_2022)
    assert got["55.1%"].metric == "先进制造业增加值占规模以上工业增加值比重"


@pytest.mark.parametrize(("text", "expected"), [
    # the members are the subject of the clause before
    ("养老金、低保标准和生活补贴再次提高，月人均分别提高210元、80元和300元。",
     {"210元": "养老金", "80元": "低保标准", "300元": "生活补贴"}),
    ("家电、服装和食品位居前三，销售额分别为9.2亿元、5.7亿元和1.4亿元。",
     {"9.2亿元": "家电销售额", "5.7亿元": "服装销售额", "1.4亿元": "食品销售额"}),
    # what follows 的 belongs to every member
    ("收入及发电量的年均复合增长则分别为16%/19%。", {"16%": "收入年均复合增长", "19%": "发电量年均复合增长"}),
    # the same members in the same order
    ("地区总部、研发中心分别从700家、400家增加到900家、500家。",
     {"700家": "地区总部", "400家": "研发中心", "900家": "地区总部", "500家": "研发中心"}),
    # a "verb" inside the measured noun, a place before the number, a holder after it
    ("服务业对经济增长贡献率超60%。", {"超60%": "经济增长贡献率"}),
    ("奋斗镇4000平方米保鲜库投入使用。", {"4000平方米": "保鲜库"}),
    ("成为全国首个经济总量突破6万亿元的城市。", {"6万亿元": "经济总量"}),
])
def test_metrics_of_lists_and_phrases(text: str, expected: dict[str, str]) -> None:
    got = items_of(text, date=FEB_2022)
    for number, metric in expected.items():
        assert metric in (got[number].metric or ""), (number, got[number].metric)


def test_to_dict_has_the_guide_fields() -> None:
    (t,) = extract("城镇新增就业4万人。", date=FEB_2022)
    d = t.to_dict()
    for key in ("text", "start", "end", "sentence", "kind", "metric", "value", "unit", "low", "high",
                "comparator", "relation", "horizon", "entity"):
        assert key in d


def test_deterministic() -> None:
    assert extract(TWO_CITIES, date=FEB_2022) == extract(TWO_CITIES, date=FEB_2022)


def test_markup_like_text_is_plain_data() -> None:
    text = "[bold red]收入[/]增长[link=x]9%[/link]。"
    (t,) = extract(text)
    assert t.text == "9%"
    assert text[t.start:t.end] == "9%"


ENGLISH = ("The company expects revenue to grow 15% in 2023 and targets a net profit of $2.5 billion by 2025. "
           "Last year revenue rose 8.2% to 120 billion yuan. GDP grew 5.2 percent in 2022.")


def test_english_basic_support() -> None:
    got = items_of(ENGLISH, date=datetime(2023, 3, 1, tzinfo=UTC))
    assert (got["15%"].kind, got["15%"].metric, got["15%"].horizon) == ("target", "revenue", "2023")
    assert (got["$2.5 billion"].value, got["$2.5 billion"].unit, got["$2.5 billion"].horizon) == (2.5e9, "美元", "2025")
    assert got["$2.5 billion"].kind == "target"
    assert (got["8.2%"].kind, got["8.2%"].metric) == ("achieved", "revenue")
    assert (got["120 billion yuan"].value, got["120 billion yuan"].unit) == (1.2e11, "元")
    assert (got["5.2 percent"].kind, got["5.2 percent"].value, got["5.2 percent"].metric) == ("achieved", 5.2, "GDP")
    got = items_of("The city plans to create at least 60,000 new jobs and to keep the jobless rate within 5.5%.",
                   date=datetime(2024, 3, 1, tzinfo=UTC))
    # bound words stand in the span, as 以上 and 以内 do in Chinese
    assert (got["at least 60,000"].comparator, got["at least 60,000"].value,
            got["at least 60,000"].metric) == (">=", 60000, "new jobs")
    assert (got["within 5.5%"].metric, got["within 5.5%"].comparator, got["within 5.5%"].kind) == (
        "jobless rate", "<=", "target")
    (about,) = extract("The group expects full-year throughput of about 3 million TEU.")
    assert (about.text, about.value, about.unit, about.comparator) == ("about 3 million TEU", 3e6, "标箱", "~")
    (r,) = extract("It expects full-year revenue growth between 15% and 20%.")
    assert (r.text, r.comparator, r.low, r.high, r.kind) == ("15% and 20%", "range", 15, 20, "target")


# Long runs that once made a regex quadratic: they must stay quick (a slow suite shows a regression).
@pytest.mark.parametrize("text", ["", "\n\n", "。。。", "1" * 20000, "一" * 20000, "万" * 3000, "第" * 100 + "1",
                                  "\x00\x1b[31m5%", "（" * 500 + "3万人", "“" * 300 + "8%" + "”" * 300,
                                  " " * 20000 + "x", "的" * 20000 + "增长5%", "a." * 5000])
def test_odd_inputs(text: str) -> None:
    for t in extract_unchecked(text):
        assert text[t.start:t.end] == t.text


@given(st.text(alphabet=st.sampled_from(list("增长达到约超近以上内左右万亿千百十一二两三五%元人亩个，。、：\n第年月日“”0123456789.-—")),
               max_size=300))
@settings(max_examples=300, deadline=None)
def test_never_raises_on_number_soup(text: str) -> None:
    for t in extract_unchecked(text, datetime(2022, 6, 1, tzinfo=CST), "标题2025年"):
        assert text[t.start:t.end] == t.text
        assert t.kind in ("target", "achieved")


@given(st.text(max_size=400))
@settings(max_examples=200, deadline=None)
def test_never_raises_on_any_text(text: str) -> None:
    for t in extract_unchecked(text):
        assert text[t.start:t.end] == t.text


def _metrics(text: str, **kw) -> dict[str, str | None]:
    return {t.text: t.metric for t in extract(text, **kw)}


def test_metrics_of_comparisons_borrow_the_subject() -> None:
    # a base of comparison (比上年, 较年初, 高于全国平均水平) is not what is measured
    got = _metrics("全市地区生产总值增长5.6%，比全国平均水平高0.4个百分点。各项存款余额210亿元，较年初增加18亿元。")
    assert got["0.4个百分点"] == "地区生产总值"
    assert got["18亿元"] == "各项存款余额"
    got = _metrics("山区县地区生产总值增长6%，高于全省平均水平0.5个百分点；粮食产量连续6年稳定在500万吨以上。")
    assert got["0.5个百分点"] == "山区县地区生产总值"
    assert got["500万吨以上"] == "粮食产量"
    got = _metrics("某指数预计将在明年底前达到5000点，较目前4200点的水平上涨约19%。")
    assert got["4200点"] == got["约19%"] == "某指数"


def test_metrics_spread_by_respectively_over_the_figures_before() -> None:
    got = _metrics("假日期间全市接待游客150万人次，实现旅游收入9.2亿元，分别增长8%和10%。")
    assert (got["8%"], got["10%"]) == ("接待游客", "旅游收入")


def test_metrics_of_goals_and_verbs_alone() -> None:
    got = _metrics("城镇新增就业2.1万人，完成全年目标的52%。按照计划，全市年内将开通公交线路12条。")
    assert got["52%"] == "城镇新增就业"
    assert got["12条"] != "开通"
    got = _metrics("下半年将确保全年地区生产总值增长6%左右的目标实现。")
    assert got["6%左右"] == "地区生产总值"


def test_metrics_after_a_speaker_and_a_price() -> None:
    got = _metrics("该机构分析师认为居民收入将在2027年底前增长20%。")
    assert got["20%"] == "居民收入"
    got = _metrics("董事长以0元的价格行权了1200股公司股票期权。")
    assert got["0元"] == "价格"
    got = _metrics("全市5个贫困县全部摘帽、8.6万贫困人口全部脱贫。")
    assert got["8.6万"] == "贫困人口"


def test_an_object_named_earlier_in_the_paragraph() -> None:
    # the subject of a figure may stand in an earlier sentence, with the same verb
    got = _metrics("从明年开始拟连续三年发行城市更新专项债券，用于老旧小区改造。明年先发行200亿元。")
    assert got["200亿元"] == "城市更新专项债券"
    got = _metrics("全年筹措2700多万元。")
    assert got["2700多万元"] == "筹措"


def test_market_metrics() -> None:
    got = _metrics("恒指午间收跌0.3%报23100点。比亚迪电子涨逾5%，电力股大涨，华能国际涨8%。某股一度冲高涨逾7%，现涨超6%。")
    assert got["0.3%"] == got["23100点"] == "恒指"
    assert got["逾5%"] == "比亚迪电子"  # 比 here starts a company's name, not a comparison
    assert got["8%"] == "华能国际"
    assert got["逾7%"] == got["超6%"] == "某股"
    got = _metrics("报告将明年盈利预测平均下调3%，目标价由62港元下调至57港元(较最新收盘价高近17%)。")
    assert "盈利预测" in got["3%"]
    assert got["近17%"] == "目标价"


def test_a_ceiling_after_a_figure_bounds_nothing() -> None:
    (a, b) = extract("众议院以222票支持、212票反对的投票结果通过提高债务上限的议案。",
                     date=datetime(2021, 12, 8, tzinfo=timezone(timedelta(hours=8))))
    assert a.kind == b.kind == "achieved"


def test_english_number_words_count_plural_nouns() -> None:
    items = extract("The port plans to open four new routes this year. In the first six months it added 3 berths.",
                    date=datetime(2020, 8, 1, tzinfo=UTC))
    four = next(i for i in items if i.text == "four")
    assert (four.value, four.kind, four.metric) == (4.0, "target", "new routes")
    assert not any(i.text == "six" for i in items)  # six months: a time, not a count


def test_a_size_before_a_noun_measures_the_noun() -> None:
    got = _metrics("推进大唐700万吨露天煤矿、5万千瓦风电等项目前期工作。")
    assert (got["700万吨"], got["5万千瓦"]) == ("露天煤矿", "风电")


def test_the_title_repeated_as_the_first_line_holds_no_items() -> None:
    title = "今年全球代工市场将首次突破1000亿美元大关"
    got = extract(f"{title}\n报告显示，全球代工市场销售额今年将增长24%，达到1072亿美元。", date=FEB_2022, title=title)
    assert [t.text for t in got] == ["24%", "1072亿美元"]


def test_the_title_repeated_anywhere_in_the_body_holds_no_items() -> None:
    # feeds repeat the title as a heading or a caption after the lead; its figures are the title's
    title = "某激光雷达公司二季度收入1320万美元，多个市场需求强劲"
    body = f"8月8日，该公司公布了第二季度财务业绩。\n\n{title}\n\n财报显示，二季度总收入约为1320万美元，同比增长12%。\n\n{title}"
    assert [t.text for t in extract(body, date=FEB_2022, title=title)] == ["1320万美元", "12%"]


def test_a_lead_that_only_is_the_title_keeps_its_items() -> None:
    # a market brief whose one paragraph is its title: the paragraph is the article
    title = "10月15日上证指数收盘上涨0.6%，北上资金当日净流入31.2亿元"
    got = extract(f"{title}。", date=FEB_2022, title=title)
    assert [t.text for t in got] == ["0.6%", "31.2亿元"]


def test_counts_of_policy_items_are_no_items() -> None:
    # the guide's "counts of policy items": 90项政策, 20项惠企措施; a count of projects to build is a figure
    assert not extract("我们推出8个方面90项政策，帮助企业纾困。", date=datetime(2024, 3, 2))
    assert not extract("今年出台支持民营经济发展的20项惠企措施。", date=datetime(2024, 3, 2))
    assert [t.text for t in extract("今年将新开工建设30项重点工程。", date=datetime(2024, 3, 2))] == ["30项"]


def test_the_bounds_of_a_bracket_are_no_items() -> None:
    date = datetime(2022, 3, 5)
    assert not extract("对个体工商户年应纳税所得额100万元至300万元部分，再减半征收所得税。", date=date)
    assert [t.text for t in extract("年应纳税所得额不超过50万元的部分，减按20%计入。", date=date)] == ["20%"]
    # 部分 naming a class after the figure is not a bracket
    assert [t.text for t in extract("年销售额超过5000万元的部分城市将获得奖励。", date=date)] != []


def test_a_census_named_by_its_number_is_no_count() -> None:
    # 七人普 / 六人普: the 7th / 6th national population census
    got = [(t.text, t.metric) for t in extract("根据七人普数据，全市常住人口比六人普增加了38万人。")]
    assert got == [("38万人", "常住人口")]


def test_the_bound_that_defines_a_counted_class_is_no_item() -> None:
    date = datetime(2024, 8, 1)
    # which members are counted: the count is the figure, the rate each member passes is not
    got = [t.text for t in extract("今日共有87只个股涨幅超5%，其中甲股份涨9.9%。", date=date)]
    assert got == ["87只", "9.9%"]
    assert [t.text for t in extract("全省有12个县市地区生产总值增速在7%以上。", date=date)] == ["12个"]
    # a bound in a clause of its own, or with no count before it, stays
    assert [t.text for t in extract("全年经济增长超5%，新增就业超10万人。", date=date)] == ["超5%", "超10万人"]
    assert [t.text for t in extract("新增5家上市公司，营收平均增长超10%。", date=date)] == ["5家", "超10%"]
