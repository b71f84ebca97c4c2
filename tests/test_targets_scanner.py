"""The scanner: which number expressions are items, their spans, values, units and bounds."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.targets import extract
from newsreader.targets.scanner import scan


def found(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(text[q.start:q.end], q.value, q.unit) for q in scan(text)]


FOUND = [
    # units and magnitudes
    ("全区生产总值增长7.2%。", [("7.2%", 7.2, "%")]),
    ("预算收入达到4500亿元。", [("4500亿元", 4.5e11, "元")]),
    ("新增就业3.5万人。", [("3.5万人", 35000, "人")]),
    ("新增高标准农田18万亩。", [("18万亩", 180000, "亩")]),
    ("粮食产量1.2万亿斤以上。", [("1.2万亿斤以上", 1.2e12, "斤")]),
    ("发电量112.5亿千瓦时。", [("112.5亿千瓦时", 1.125e10, "千瓦时")]),
    ("装机5万千瓦。", [("5万千瓦", 50000, "千瓦")]),
    ("林木覆盖率提高一个百分点。", [("一个百分点", 1, "百分点")]),
    ("利率下调0.25个百分点。", [("0.25个百分点", 0.25, "百分点")]),
    ("消费贡献达七成。", [("七成", 70, "%")]),
    ("出口占全国4成。", [("4成", 40, "%")]),
    ("新增装机超过全球一半。", [("一半", 50, "%")]),
    ("投资是十年前的2.5倍。", [("2.5倍", 2.5, "倍")]),
    ("人均收入翻两番。", [("两番", 2, "番")]),
    ("收入三千亿元。", [("三千亿元", 3e11, "元")]),
    ("捐款两千元。", [("两千元", 2000, "元")]),
    ("全年吞吐量１２０万标箱。", [("１２０万标箱", 1.2e6, "标箱")]),
    ("增幅为百分之五。", [("百分之五", 5, "%")]),
    ("收报23,150点。", [("23,150点", 23150, "点")]),
    ("产能约6000吨/年。", [("约6000吨/年", 6000, "吨/年")]),
    ("售价95.5美元/桶。", [("95.5美元/桶", 95.5, "美元/桶")]),
    ("年均浓度为24.1微克/立方米。", [("24.1微克/立方米", 24.1, "微克/立方米")]),
    ("规模超过8.2GW。", [("8.2GW", 8.2, "吉瓦")]),
    ("亏损为 1350 万美元。", [("1350 万美元", 1.35e7, "美元")]),
    ("以210票赞成获得通过。", [("210票", 210, "票")]),
    # approximation and bound words belong to the number; verbs do not
    ("增速约6%。", [("约6%", 6, "%")]),
    ("股价涨超7%。", [("超7%", 7, "%")]),
    ("受益学生近2万人。", [("近2万人", 20000, "人")]),
    ("涨幅逾3%。", [("逾3%", 3, "%")]),
    ("失业率控制在5%以内。", [("5%以内", 5, "%")]),
    ("增长6%左右。", [("6%左右", 6, "%")]),
    ("收入突破900亿元。", [("900亿元", 9e10, "元")]),
    ("能效降到1.2以下。", [("1.2以下", 1.2, None)]),
    ("能效降到1.15 以下。", [("1.15 以下", 1.15, None)]),
    ("惠及4300多万人。", [("4300多万人", 4.3e7, "人")]),
    ("惠及上千万家庭。", [("上千万", 1e7, None)]),
    ("压减燃煤近千万吨。", [("近千万吨", 1e7, "吨")]),
    ("外资保持在千亿元以上。", [("千亿元以上", 1e11, "元")]),
    ("成交额超百亿美元。", [("超百亿美元", 1e10, "美元")]),
    ("净流入约5800亿。", [("约5800亿", 5.8e11, None)]),
    ("务工规模超过2800万。", [("2800万", 2.8e7, None)]),
    ("产品系数小于1。", [("1", 1, None)]),
    ("汇率现报6.4123。", [("6.4123", 6.4123, None)]),
    ("分别触及6.3515、6.3512。", [("6.3515", 6.3515, None), ("6.3512", 6.3512, None)]),
    # ranges are one item, valued at their low end
    ("增长4.5%—5%。", [("4.5%—5%", 4.5, "%")]),
    ("票息为12%-18%。", [("12%-18%", 12, "%")]),
    ("增长5到6%。", [("5到6%", 5, "%")]),
    ("所得额在100万元至300万元之间。", [("100万元至300万元", 1e6, "元")]),
    ("所得额100万元至300万元部分。", []),  # a bracket's bounds are no figure
    # a unit written once at the end of a list belongs to every item
    ("分别带来约6200、3050、900亿元。", [("约6200", 6.2e11, "元"), ("3050", 3.05e11, "元"), ("900亿元", 9e10, "元")]),
    ("客运量分别达1200万、1100万人次。", [("1200万", 1.2e7, "人次"), ("1100万人次", 1.1e7, "人次")]),
    ("分别增长9%和9%以上。", [("9%", 9, "%"), ("9%以上", 9, "%")]),
    ("从31平方公里扩大到60平方公里。", [("31平方公里", 31, "平方公里"), ("60平方公里", 60, "平方公里")]),
    # ranks
    ("综合实力进入前30强。", [("前30强", 30, "名")]),
    ("经济总量稳居全省前三。", [("前三", 3, "名")]),
    ("机械化率稳居全省第一。", [("第一", 1, "名")]),
    # counts with the thing counted after them
    ("新建52所幼儿园。", [("52所", 52, "所")]),
    ("打造6个千亿级产业集群。", [("6个", 6, "个")]),
    ("公司建有两套装置。", [("两套", 2, "套")]),
    ("共公布了十二批名单。", [("十二批", 12, "批")]),
    ("新建两所学校、三座公园。", [("两所", 2, "所"), ("三座", 3, "座")]),
    # counts and measures of services and computing
    ("开展抽检25万批次。", [("25万批次", 2.5e5, "批次")]),
    ("举办展会300场次以上。", [("300场次以上", 300, "场次")]),
    ("接种疫苗800万剂次。", [("800万剂次", 8e6, "剂次")]),
    ("中欧班列开行900列。", [("900列", 900, "列")]),
    ("晶圆月产能新增3万片。", [("3万片", 3e4, "片")]),
    ("日均配送2000单。", [("2000单", 2000, "单")]),
    ("研发人员全时当量突破30万人年。", [("30万人年", 3e5, "人年")]),
    ("算力规模达到800P以上。", [("800P以上", 800, "P")]),
    ("新增智能算力12EFLOPS。", [("12EFLOPS", 12, "EFLOPS")]),
    ("单品销量超过60万袋。", [("60万袋", 6e5, "袋")]),
    ("既有住宅加装电梯1200部。", [("1200部", 1200, "部")]),
    ("销售额过亿元。", [("过亿元", 1e8, "元")]),
    # durations that are limits or goals (a duration alone is a date or a span of time)
    ("企业开办时间压缩至2个工作日以内。", [("2个工作日以内", 2, "工作日")]),
    ("审批时限压缩到60个工作日。", [("60个工作日", 60, "工作日")]),
    ("去化周期控制在15个月以内。", [("15个月以内", 15, "月")]),
    ("开放时长不少于1万小时。", [("1万小时", 1e4, "小时")]),
    ("配送时间缩短到20分钟以内。", [("20分钟以内", 20, "分钟")]),
    ("人均预期寿命比上年提高0.5岁。", [("0.5岁", 0.5, "岁")]),
    ("城乡居民收入比缩小到2.1。", [("2.1", 2.1, None)]),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_found(text: str, expected: list) -> None:
    got = found(text)
    assert [g[0] for g in got] == [e[0] for e in expected]
    for (_, value, unit), (_, want_value, want_unit) in zip(got, expected):
        assert value == pytest.approx(want_value, rel=1e-9)
        assert unit == want_unit


NEVER = [
    # qualifiers, bases and vague amounts
    "销售额过亿元的企业。",  # a threshold naming a class of companies
    "有两家以上的券商推荐。",
    "营业收入利润率=利润总额÷营业收入×100%。",
    "建成后可通航5000吨级船舶。",
    "由9000标箱级船舶运营。",
    "向全体股东每10股派发现金。",
    "研发投入保持两位数增长。",
    "方案分为3部分。",
    "落实中央八项规定精神。",
    "亿元地区生产总值生产安全事故死亡率下降。",
    "谋划储备总投资5亿元以上的项目。",
    "项目建设期30个月。",
    "用3个小时完成检修。",
    # dates and times
    "2月25日上午，大会开幕。",
    "2023年是关键一年。",
    "二〇三五年基本实现现代化。",
    "6月份建成投用。",
    "截至上午10时30分。",
    "晚上8点开盘。",
    "前11个月销量平稳。",
    "用15年时间完成。",
    "连续6年居首。",
    "三季度经济回升。",
    # ordinals, list markers, session numbers
    "第四届人民代表大会第一次会议。",
    "1.以改革为动力，推进发展。",
    "3、加强信息披露。",
    "位列全省第一方阵。",
    "十四届四次会议确定的任务。",
    # names with numbers, codes, ASCII tags
    "实施“1331”战略。",
    "构建“一纵五横”路网。",
    "完成“十四五”规划。",
    "推进十四五规划实施。",
    "贵州茅台(600519)盘中走高。",
    "港交所(00388.HK)评级买入。",
    "国产大飞机C919投入运营。",
    "建成5G基站。",
    "PM2.5浓度下降。",
    "HFO-1234yf制冷剂。",
    "中证500指数。",
    "详见https://example.com/2022/10/report.html页面。",
    # counts of policy items and work areas; context figures; qualifiers
    "落实稳经济一揽子政策33条。",
    "重点抓好9个方面工作。",
    "推出5项任务。",
    "在全国100个城市中排名靠前。",
    "打造千亿级产业。",
    "培育一批百亿级企业。",
    "两个万亿元大关。",
    "开工建设10亿元以上重大产业项目。",
    "创建国家5A级旅游景区。",
    "超过1000万的集合计划可豁免。",
    "60岁以上老人免费。",
    # idioms and vague amounts
    "千家万户受益。",
    "数亿人就业。",
    "一批项目开工。",
    "坚持三个先行。",
    "实施“1331”战略，即一个中心、两条产业带、三大园区。",
    "零售额增长较快。",
    "进一步提高标准。",
    "十分重要。",
    "围绕“数字、绿色、开放”三张优势牌。",
]


@pytest.mark.parametrize("text", NEVER)
def test_never_items(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(("text", "comparator"), [
    ("增长8%以上。", ">="),
    ("控制在5.5%以内。", "<="),
    ("低于15%的水平。", "="),  # the scanner only knows bound words at the number; relations add the rest
    ("增长5%左右。", "~"),
    ("约300亿元。", "~"),
    ("超3000万人。", ">="),
    ("增长4.5%—5%。", "range"),
    ("进入前20强。", "rank"),
])
def test_comparators(text: str, comparator: str) -> None:
    (q,) = scan(text)
    assert q.comparator == comparator


def test_range_bounds() -> None:
    (q,) = scan("增长6.0%—6.5%。")
    assert (q.low, q.high, q.value) == (6.0, 6.5, 6.0)


UNITS = ["%", "万元", "亿元", "万人", "人", "亩", "万亩", "公里", "吨", "万吨", "个", "家", "所", "倍", "亿美元", "平方米"]
FACTOR = {"万元": 1e4, "亿元": 1e8, "万人": 1e4, "万亩": 1e4, "万吨": 1e4, "亿美元": 1e8}


@given(
    whole=st.integers(min_value=1, max_value=999_999),
    frac=st.one_of(st.none(), st.integers(min_value=1, max_value=99)),
    unit=st.sampled_from(UNITS),
    lead=st.sampled_from(["地区生产总值增长", "新增", "达到", "完成", "全年实现", "，其中"]),
)
@settings(max_examples=300, deadline=None)
def test_generated_quantity_is_found(whole: int, frac: int | None, unit: str, lead: str) -> None:
    number = f"{whole}.{frac}" if frac is not None else str(whole)
    text = f"{lead}{number}{unit}，同比提高。"
    got = scan(text)
    assert len(got) == 1
    q = got[0]
    assert text[q.start:q.end] == f"{number}{unit}"
    assert q.value == pytest.approx(float(number) * FACTOR.get(unit, 1), rel=1e-9)


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_scan_never_raises_and_spans_are_ordered(text: str) -> None:
    last = -1
    for q in scan(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last
        last = q.end


@pytest.mark.parametrize(("text", "expected"), [
    # feeds space Chinese from figures, and sign negative figures
    ("全天超 5000 股上涨。", [("超 5000 股", 5000, "股")]),
    ("回购金额接近 160 亿元。", [("接近 160 亿元", 1.6e10, "元")]),
    ("占比分别为19.99 %和15.88 %。", [("19.99 %", 19.99, "%"), ("15.88 %", 15.88, "%")]),
    ("一季度增速为-1.6%。", [("-1.6%", 1.6, "%")]),
    ("三种情景下分别为5.9%/-2.9%/-10.3%。", [("5.9%", 5.9, "%"), ("-2.9%", 2.9, "%"), ("-10.3%", 10.3, "%")]),
    ("每股收益 3.7-3.8 美元。", [("3.7-3.8 美元", 3.7, "美元")]),
    ("预期增长2-3%。", [("2-3%", 2, "%")]),
    # units of markets and weather
    ("营收11.84万亿日元。", [("11.84万亿日元", 1.184e13, "日元")]),
    ("小麦期货报533.5美分/蒲式耳。", [("533.5美分/蒲式耳", 533.5, "美分/蒲式耳")]),
    ("库存增加180亿立方英尺。", [("180亿立方英尺", 1.8e10, "立方英尺")]),
    ("平均气温达到23.2℃。", [("23.2℃", 23.2, "℃")]),
    ("较上季下降1.74pct。", [("1.74pct", 1.74, "百分点")]),
    ("成交额回升至 9000 亿元上方。", [("9000 亿元上方", 9e11, "元")]),
    # index readings and measured durations
    ("制造业 PMI 为 49.4，前值 49.5。", [("49.4", 49.4, None), ("49.5", 49.5, None)]),
    ("实现 30 个工作日内办结。", [("30 个工作日内", 30, "工作日")]),
])
def test_feed_forms(text: str, expected: list) -> None:
    got = found(text)
    assert [(t, pytest.approx(v), u) for t, v, u in got] == [(t, pytest.approx(v), u) for t, v, u in expected]


def test_a_dash_between_letters_and_digits_is_a_code() -> None:
    assert found("HFO-1234yf产能5000吨。") == [("5000吨", 5000, "吨")]


@pytest.mark.parametrize(("text", "expected"), [
    ("5G连接数达到十亿。", [("十亿", 1e9, None)]),  # 十 is a digit: one billion
    ("经济增长目标可能设定为“5%以上”。", [("5%以上", 5, "%")]),  # a quoted figure is a figure
    ("汇率的预测均值为6.37，最乐观的预估值为66。", [("6.37", 6.37, None), ("66", 66, None)]),
])
def test_billions_quoted_figures_and_means(text: str, expected: list) -> None:
    assert found(text) == expected


def test_ten_of_a_named_set_is_no_figure() -> None:
    assert found("建立十件民生实事季度通报制度。") == []


@pytest.mark.parametrize("text", [
    "甘肃至浙江±800千伏特高压直流输电工程开工。",  # a voltage class in a project's name
    "集成了更多64位CPU。",  # a specification
    "对6个月以内的外汇保值存款征税。",  # a class of deposits
])
def test_classes_and_specifications_are_not_figures(text: str) -> None:
    assert found(text) == []


def test_a_plus_minus_band_keeps_its_sign() -> None:
    assert found("偏差的波动范围为±10pct。") == [("±10pct", 10, "百分点")]


@pytest.mark.parametrize(("text", "expected"), [
    ("全年出货量达到 8,000 多万台。", [("8,000 多万台", 8e7, "台")]),  # a feed's spaces around 多万
    ("计划明年销售“8万辆”新车。", [("8万辆", 8e4, "辆")]),  # a quoted goal with its unit is a figure
    ("人民币汇率一度跌至最低点6.95。", [("6.95", 6.95, None)]),  # a low point read like an index
])
def test_spaced_quoted_and_extreme_readings(text: str, expected: list) -> None:
    assert found(text) == expected


def test_a_few_events_named_are_no_figure() -> None:
    assert found("两次台风过境，三次会议召开。") == []


def test_a_range_of_two_amounts_and_a_sign_after_a_word() -> None:
    from newsreader.targets.scanner import scan

    text = "分析师认为新增岗位会在12万到18万之间，而模型给出的预测值-0.5%。"
    got = {text[q.start:q.end]: q for q in scan(text, None)}
    assert got["12万到18万"].low == 120000 and got["12万到18万"].high == 180000  # one range, not two amounts
    assert "-0.5%" in got  # after a word a dash is a sign (a span like 1-8月 starts with a digit)
    span = "预计全年销售额 86 亿-88 亿美元"
    assert [span[q.start:q.end] for q in scan(span, None)] == ["86 亿-88 亿美元"]  # after a unit, a range's dash
    span = "1-8月增长5%"
    assert [span[q.start:q.end] for q in scan(span, None)] == ["5%"]


def test_a_fraction_is_a_share_and_a_date_is_none() -> None:
    from newsreader.targets.scanner import scan

    def read(text: str) -> list[tuple[str, float, str]]:
        return [(text[q.start:q.end], round(q.value, 1), q.unit) for q in scan(text, None)]

    assert read("服务业比重稳定在2/5左右。") == [("2/5左右", 40.0, "%")]
    assert read("占全省总量的四分之一。") == [("四分之一", 25.0, "%")]
    assert read("2023/4/5发布") == [] and read("见第3/5页") == [] and read("12/31") == []  # dates, pages


@pytest.mark.parametrize(("text", "expected"), [
    # a change and the level it leads to are two figures…
    ("原油库存增加52.3万桶至4.12亿桶。", [("52.3万桶", 523000, "桶"), ("4.12亿桶", 412000000, "桶")]),
    ("上周初请失业金人数增加1.2万至23.1万人。", [("1.2万", 12000, "人"), ("23.1万人", 231000, "人")]),
    ("财政收入减少3万亿元至95.6万亿元。", [("3万亿元", 3e12, "元"), ("95.6万亿元", 95.6e12, "元")]),
    # …a range stays one: close ends, or rates
    ("预计今年销量增长5%至6%。", [("5%至6%", 5, "%")]),
    ("预计新增就业增加1万至3万人。", [("1万至3万人", 10000, "人")]),
])
def test_a_change_and_the_level_it_leads_to(text: str, expected: list) -> None:
    got = [(t.text, t.value, t.unit) for t in extract(text, date=datetime(2024, 8, 2))]
    assert got == expected


def test_an_index_reading_after_a_space_is_a_figure() -> None:
    # 数 opens 数十万 (several hundred thousand), never the 数 of 指数 before a spaced reading
    got = [(t.text, t.metric) for t in extract("德国 9 月消费者信心指数 41.2，预期 40.8。", date=datetime(2024, 10, 2))]
    assert got == [("41.2", "消费者信心指数"), ("40.8", "消费者信心指数")]
    assert [t.text for t in extract("参与人数 1200 人。", date=datetime(2024, 10, 2))] == ["1200 人"]
