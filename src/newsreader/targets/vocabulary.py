"""The names of measured quantities and of places, read from the data files beside this module.

`indicators.tsv` lists indicators by a stable key (gdp, cpi, urban_new_jobs …) with every
name they go by (地区生产总值, 全省生产总值, GDP, 经济增长 …); `places.tsv` lists places
with their short names. The extractor uses them to keep an indicator's name whole (the 使用
of 实际使用外资 is no verb), to tell the place a figure is about from what it measures, and
to give every metric a canonical key.

    canonical_metric("全省生产总值") -> "gdp"
    split_place("江苏省一般贸易进出口") -> ("江苏省", "一般贸易进出口")
    entity_key("吕梁市") == entity_key("吕梁")
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
# Words of place that say "this government's own" (全省生产总值 is the province's GDP)
_OWN_PLACE = re.compile(r"^(?:全国|全省|全市|全区|全县|全州|全盟|全镇|本省|本市|本区|本县|我省|我市|我区|我县|我国|全社会)")
# Endings of place names not in the table: 吕梁市, 恩施土家族苗族自治州, 锡林郭勒盟. (县 and 区 end too
# many common nouns to be read alone: 贫困县, 老旧小区, 学区; 地级市 is a rank of city.)
# (a name holds no linking word: 民营企业进出口占全省 is no place)
_PLACE_NAME = re.compile(r"^((?:(?![占的和与及对在为全于])[\u4e00-\u9fff]){2,9}?(?:自治区|自治州|自治县|特别行政区|省|(?<![城都级上])(?<!以下)市|盟))")
# A place's name that opens a company's: 贵州茅台, 上海银行, 日本央行 — not a place and a measure
_FIRM_AFTER_PLACE = re.compile(
    r"^[\u4e00-\u9fff]{0,4}?(?:银行|央行|证券|保险|信托|集团|股份|控股|航空|汽车|能源|电力|钢铁|啤酒|茅台|医药|科技|电子|地产|"
    r"置业|传媒|机场|高速|燃气|水务|建工|投资|资本|基金|交易所|联储|政府)"
)
_PLACE_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|自治县|地区|省|市|县|盟|特区)$")
# Words that end like a place but name no place: 市场, 城区 … (the ending must close the name)
_NOT_PLACE_AFTER = frozenset("场值民级域间委属直府政辖管")
# What may follow an indicator's name in a metric that still names it: 增速, 总量, 同比增长 …
# (GDP增速目标, 地区生产总值增长预期目标: the goal of an indicator names it too)
_HEAD_TAIL = re.compile(r"\s*(?:的)?(?:同比|环比|年均|平均|实际|名义|累计)?(?:增速|增幅|增长率|增长|增量|增加|总量|规模|总额|"
                        r"金额|余额|涨幅|降幅|跌幅|水平|数|值)?(?:的)?(?:预期|控制|调控|主要|年度)?(?:目标)?")


# The economy-wide indicators, and the words that make one of them a sector's own: 海洋生产总值 is the
# ocean economy's output, 旅游业生产总值 tourism's, 山区26县生产总值 those counties'; none is the place's GDP.
_WHOLE_ECONOMY = frozenset({"gdp", "gdp_per_capita"})
_SECTOR_BEFORE = re.compile(r"(?:海洋|旅游|文化|体育|数字|民营|农|林|渔|牧|工|建筑|服务|制造|产|行|商)业$|"
                            r"(?:海洋|旅游|文化|体育|数字|民营|部门|经济)$|"
                            r"[0-9一二三四五六七八九十]+个?(?:县|市|区|设区市|地市|城市|县市区)$")  # 山区26县: a group's own


def _rows(name: str) -> list[list[str]]:
    with open(os.path.join(_DATA, name), encoding="utf-8") as source:
        return [line.rstrip("\n").split("\t") for line in source if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _indicators() -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    """(alias -> key, key -> name, a pattern of every alias, longest first)."""
    keys: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in _rows("indicators.tsv"):
        key, name = row[0], row[1]
        names[key] = name
        for alias in [name, *(row[2].split("|") if len(row) > 2 and row[2] else [])]:
            keys.setdefault(alias.upper(), key)
    pattern = re.compile("|".join(re.escape(alias) for alias in sorted(keys, key=len, reverse=True)), re.IGNORECASE)
    return keys, names, pattern


@lru_cache(maxsize=1)
def _places() -> tuple[dict[str, str], re.Pattern[str]]:
    """(alias -> full name, a pattern of every alias at the start of a text, longest first)."""
    full: dict[str, str] = {}
    for row in _rows("places.tsv"):
        full[row[0]] = row[0]
        for alias in row[1].split("|") if len(row) > 1 and row[1] else []:
            full.setdefault(alias, row[0])
    pattern = re.compile("^(?:" + "|".join(re.escape(alias) for alias in sorted(full, key=len, reverse=True)) + ")")
    return full, pattern


def indicator_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, key) of every indicator name in text[start:end], left to right, not overlapping."""
    keys, _names, pattern = _indicators()
    return [(name.start(), name.end(), keys[name.group(0).upper()])
            for name in pattern.finditer(text, start, len(text) if end is None else end)]


def _names_at_every_offset(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of the longest indicator name starting at each offset (overlaps included)."""
    keys, _names, pattern = _indicators()
    found = (pattern.match(text, offset) for offset in range(len(text)))
    return [(name.start(), name.end(), keys[name.group(0).upper()]) for name in found if name]


def canonical_metric(metric: str | None) -> str | None:
    """The key of the indicator a metric names, or None.

    The indicator must be the metric's head: nothing but words of change or size may follow
    its name (GDP增速 is GDP; GDP首位度, a share of it, is not).
    """
    if not metric:
        return None
    heads = [span for span in _names_at_every_offset(metric) if _HEAD_TAIL.fullmatch(metric, span[1])]
    if not heads:
        return None
    start, _end, key = max(heads, key=lambda span: (span[1] - span[0], span[0]))
    if key in _WHOLE_ECONOMY and _SECTOR_BEFORE.search(metric, 0, start):
        return None
    return key


def indicator_name(key: str) -> str | None:
    """The usual name of an indicator key: gdp -> 地区生产总值."""
    return _indicators()[1].get(key)


def keys_for(words: str) -> set[str]:
    """The indicator keys a search for `words` means: its own key, or every key whose names contain it."""
    key = canonical_metric(words)
    if key:
        return {key}
    keys, _names, _pattern = _indicators()
    needle = words.upper()
    return {alias_key for alias, alias_key in keys.items() if needle and needle in alias}


def split_place(metric: str) -> tuple[str | None, str]:
    """(the place a metric starts with, the rest): 江苏省一般贸易进出口 -> (江苏省, 一般贸易进出口).

    A place is kept when nothing measurable would be left (人口 is not split from 杭州人口 … it
    is: the rest must hold at least two characters).
    """
    full, pattern = _places()
    named = pattern.match(metric)
    place = named.group(0) if named else None
    if place is None or not _PLACE_SUFFIX.search(place):
        named = _PLACE_NAME.match(metric)
        if named and metric[named.end():named.end() + 1] not in _NOT_PLACE_AFTER and not _indicators()[2].match(metric):
            place = named.group(1)
    if place is None:
        return None, metric
    rest = metric[len(place):].lstrip("的")
    # 贵州茅台, 上海银行: a place's name may open a company's name
    if len(rest) < 2 or _FIRM_AFTER_PLACE.match(rest):
        return None, metric
    return place, rest


def is_place(words: str) -> bool:
    """True when `words` are a place's name and nothing else (中国, 吕梁市, 全省)."""
    full, _pattern = _places()
    return words in full or bool(_OWN_PLACE.fullmatch(words)) or bool(
        _PLACE_NAME.fullmatch(words) and not _indicators()[2].search(words))


def own_place(metric: str) -> tuple[str | None, str]:
    """(全省, 生产总值) for a metric opening with a word for the reporting government's own place."""
    own = _OWN_PLACE.match(metric)
    if not own or len(metric) - own.end() < 2:
        return None, metric
    return own.group(0), metric[own.end():]


def entity_key(name: str | None) -> str | None:
    """One form for the names of one place: 吕梁市 / 吕梁 -> 吕梁, 北京 -> 北京, 广西壮族自治区 -> 广西."""
    if not name:
        return None
    full, _pattern = _places()
    name = full.get(name, name)
    core = _PLACE_SUFFIX.sub("", name)
    return core if len(core) >= 2 else name
