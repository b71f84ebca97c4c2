"""Units that may follow a number: their base unit, scale factor and kind."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written in the text, normalized to a base unit times a factor."""

    base: str
    factor: float = 1.0
    kind: str = "measure"  # "percent" | "ratio" | "currency" | "count" | "measure" | "points"


_PERCENT = {
    "%": Unit("%", 1, "percent"), "％": Unit("%", 1, "percent"), "‰": Unit("‰", 1, "percent"),
    "个百分点": Unit("百分点", 1, "percent"), "百分点": Unit("百分点", 1, "percent"),
    "个基点": Unit("基点", 1, "percent"), "基点": Unit("基点", 1, "percent"),
    "成": Unit("%", 10, "percent"),  # 六成 = 60 %
}
_RATIO = {"倍": Unit("倍", 1, "ratio"), "番": Unit("番", 1, "ratio")}
_CURRENCY = {
    name: Unit(name, 1, "currency")
    for name in ("元", "美元", "港元", "欧元", "日元", "英镑", "澳元", "加元", "韩元", "卢布", "新台币", "澳门元", "美分")
}
_CURRENCY.update({
    "块钱": Unit("元", 1, "currency"), "人民币": Unit("元", 1, "currency"),
    "元人民币": Unit("元", 1, "currency"), "美金": Unit("美元", 1, "currency"),
    "港币": Unit("港元", 1, "currency"),
})
# Classifiers counting things; the thing counted usually follows (48所幼儿园).
COUNT_UNITS = (
    "个", "家", "所", "条", "户", "头", "只", "辆", "套", "批", "件", "项", "张", "名", "位",
    "座", "台", "架", "艘", "处", "栋", "幢", "间", "人次", "人", "例", "支", "款", "种",
    "宗", "笔", "份", "株", "棵", "枚", "颗", "床", "轮", "场", "篇", "本", "册", "根", "口",
    "家次", "户次", "架次", "辆次", "艘次", "车次", "班次", "标箱", "票", "股",
    "批次", "场次", "剂次", "列", "片", "袋", "单", "部", "次",
)
_COUNT = {name: Unit(name, 1, "count") for name in COUNT_UNITS}
_MEASURE = {
    name: Unit(name) for name in (
        "亩", "公顷", "平方公里", "平方千米", "平方米", "平米", "立方米", "公里", "千米", "米",
        "公斤", "千克", "克", "吨", "斤", "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "桶", "升",
        "标准煤", "吨标准煤", "英里", "海里", "度电", "标准箱", "微克/立方米", "毫克/立方米", "岁",
        "吉瓦时", "兆瓦时", "太瓦时", "人年", "度", "立方英尺", "蒲式耳", "盎司", "摄氏度", "℃", "千伏", "伏",
    )
}
_MEASURE.update({
    # ASCII units written right after the number: 6.35GW
    "GW": Unit("吉瓦"), "MW": Unit("兆瓦"), "kW": Unit("千瓦"), "KW": Unit("千瓦"), "GWh": Unit("吉瓦时"),
    "kWh": Unit("千瓦时"), "TWh": Unit("太瓦时"), "km": Unit("公里"), "kg": Unit("公斤"), "bp": Unit("基点", 1, "percent"),
    "A级": Unit("A级", 1, "count"),  # 4A级 景区 / 绿色低碳等级
    "EFLOPS": Unit("EFLOPS"), "PFLOPS": Unit("PFLOPS"), "P": Unit("P"),  # computing power: 3200P, 60EFLOPS
    "点": Unit("点", 1, "points"),  # index points (收报23,000点); times are excluded by the scanner
    "pct": Unit("百分点", 1, "percent"), "°C": Unit("℃"),
})

UNITS: dict[str, Unit] = {**_PERCENT, **_RATIO, **_CURRENCY, **_COUNT, **_MEASURE}

# A unit may be "per" something: 吨/年, 元/吨, 美元/桶.
_PER = ("年", "月", "日", "天", "小时", "吨", "股", "桶", "平方米", "人", "户", "斤", "公斤", "千瓦时", "盎司", "蒲式耳", "千克")

# First characters of every unit: a numeral followed by none of them has no unit.
UNIT_FIRST_CHARS = frozenset(name[0] for name in UNITS)

_alternation = "|".join(re.escape(name) for name in sorted(UNITS, key=len, reverse=True))
_per = "|".join(re.escape(name) for name in sorted(_PER, key=len, reverse=True))
UNIT_RE = re.compile(rf"(?:{_alternation})(?:/(?:{_per}))?")


def match_unit(text: str, pos: int) -> tuple[str, Unit] | None:
    """The longest unit written at `pos` (with an optional "/年"-style denominator), or None."""
    if 0 <= pos and (pos >= len(text) or text[pos] not in UNIT_FIRST_CHARS):
        return None  # most calls: no unit starts here, and the long alternation need not run
    written = UNIT_RE.match(text, pos)
    if not written:
        return None
    surface = written.group(0)
    if surface in UNITS:
        return surface, UNITS[surface]  # units with a slash of their own: 微克/立方米
    head, _, per = surface.rpartition("/")
    unit = UNITS[head]
    return surface, Unit(f"{unit.base}/{per}", unit.factor, "measure")
