"""Find number expressions in plain text: numeral, magnitude, unit, approximation and bound words.

The scanner knows nothing about targets; it yields every quantity a reader would
highlight and drops what is never an item (see exclusions.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from . import exclusions as ex
from . import lexicon
from .english import (
    currency_before,
    english_bound_word,
    english_comparator,
    english_context,
    english_unit,
    number_words,
)
from .numerals import (
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    MAGNITUDES,
    magnitude_of,
    parse_numeral,
)
from .units import UNIT_FIRST_CHARS, UNITS, Unit, match_unit

# Whether a number without a unit at an offset is an item all the same (a table's cell of figures).
BareOk = Callable[[int], bool]


@dataclass(slots=True)
class Quantity:
    """One number expression found in the text."""

    start: int  # span of the whole expression, approximation and bound words included
    end: int
    num_start: int  # the numeral itself
    num_end: int
    value: float | None
    unit: str | None = None
    unit_kind: str | None = None
    unit_end: int = 0  # end of numeral + magnitude + unit (before any bound word)
    low: float | None = None
    high: float | None = None
    comparator: str = "="
    prefix: str = ""
    suffix: str = ""
    chinese: bool = False  # written in Chinese numerals only
    magnitude: bool = False  # has 万/亿/千… after an Arabic numeral, or is one
    rank: bool = False

    @property
    def bare(self) -> bool:
        """True when no unit follows the number."""
        return self.unit is None


_AR = r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"
_CN = rf"[{CN_NUMERAL_CHARS}]+(?:点[{''.join(CN_DIGITS)}]+)?"
# A fraction is a share: 1/3左右, 三分之一 (not a date's 2022/1/3, nor a rate per 10万 like 7/10万)
_FRACTION = (r"(?<![0-9/.第])(?P<num>[1-9][0-9]?)/(?P<den>[1-9][0-9]?)(?![0-9/.:万千百亿])"
             rf"|(?P<cden>[{CN_NUMERAL_CHARS}]{{1,3}})分之(?P<cnum>[{CN_NUMERAL_CHARS}]{{1,3}})")
NUM_RE = re.compile(rf"百分之(?P<pct>{_AR}|{_CN})|{_FRACTION}|(?P<ar>{_AR})|(?P<cn>{_CN})")

_DATE_CHARS = "年月日号时秒周天"  # right after an Arabic numeral: a date or time, the commonest numbers of all
_CN_GO_ON = "半多余以左上 "  # may follow a Chinese numeral before its unit or bound word
_MAG_CHARS = "".join(MAGNITUDES)
_NOT_PERCENT_CHENG = "交员本立果都为功熟长效型品就绩分年批套"  # 成交, 成员…: 成 that is not "tenths"
_SUFFIX = re.compile(f"\\s?({lexicon.pattern('suffix')})")
_SUFFIX_BOUND = lexicon.values("suffix")  # 以上 -> ">=", 以内 -> "<=", 左右 -> "~" (强 ranks: 前20强)
_RANGE_SEP = re.compile(r"\s*(?:——|—|–|-|－|~|～|〜|至|到)\s*")
_AND = re.compile(r"\s+and\s+")
_BETWEEN = re.compile(r"\bbetween\s+$")
_LIST_SEP = re.compile(r"\s*(?:、|和|与|及|或)\s*")
_FROM_TO_AFTER = re.compile(r"[^，,。；;0-9]{0,6}?(?:到|至)")
_QUOTE_BEFORE = re.compile(f"(?:{lexicon.pattern('quote_verb')})" + r"\s?$")
_INTERVAL_AFTER = re.compile(r"\s?的?(?:区间|波动区间|范围)")
_LEVEL_AFTER = re.compile(r"\s?(?:关口|大关|点位|水平)")
# An index or rate reading stated without a unit: 制造业PMI为49.4, 前值49.5, 消费者信心指数36.7, 终值51.6,
# 人民币汇率中间价报6.8123
_INDEX_BEFORE = re.compile(
    f"(?:{lexicon.pattern('index_word')})" + r"\s?(?:为|是|的|录得|报|达到|升至|降至|回落至|回升至|持平于)?\s?$"
)
_BOUND_VERB_BEFORE = re.compile(f"(?:{lexicon.pattern('bound_verb')})" + r"\s*$")


def _only_magnitude(token: str) -> bool:
    """百, 万, 千亿: a magnitude alone (a 十 first is a digit: 十亿 is one billion)."""
    return (token[:1] != "十" or len(token) == 1) and all(char in _MAG_CHARS for char in token)


def _numeral(text: str, numeral_match: re.Match[str], spans: ex.Spans) -> tuple[str, int, bool, str | None] | None:
    """The numeral of a match, trimmed, and whether it is Chinese and a rank; None when it is never an item."""
    length = len(text)
    num_start, num_end = numeral_match.start(), numeral_match.end()
    prev = text[num_start - 1] if num_start else ""
    chinese = numeral_match.group("cn") is not None
    token = numeral_match.group(0)
    if not chinese and num_end < length and text[num_end] in _DATE_CHARS and not (
            text[num_end] == "天" and ex.bounded_duration(text, num_start, num_end)):  # 回收期为51.7天: a measured duration
        return None
    if (chinese and num_end < length and text[num_end] not in UNIT_FIRST_CHARS and text[num_end] not in _CN_GO_ON
            and prev not in "第前"):
        # fast exit for the many 一/十/万 of ordinary words: a Chinese numeral needs a unit, or a
        # bound word and a magnitude (上千万, 近千万); 千瓦-style units start inside the token
        if not (token[-1] in _MAG_CHARS and (prev in "上近超逾约" or match_unit(text, num_end - 1)
                                              or _BOUND_VERB_BEFORE.search(text, max(0, num_start - 4), num_start))):
            return None
    if chinese:
        # give back a trailing 千/百/万 that starts a unit: 三千瓦 -> 三 + 千瓦, 一个百分点
        while len(token) > 1 and token[-1] in _MAG_CHARS and match_unit(text, num_start + len(token) - 1):
            token = token[:-1]
        num_end = num_start + len(token)
        if token == "百分点" or all(char in "零〇" for char in token):
            return None
        if _only_magnitude(token) and (
                prev.isdigit() or (prev in ex.SPACES and num_start >= 2 and text[num_start - 2].isdigit())):
            return None  # the 万 of "2052 万": a magnitude, not a numeral
    # (十四五 has no Arabic digits)
    if spans.cover(num_start, num_end) or (chinese and ex.in_plan_name(text, num_start, num_end)):
        return None
    if not chinese and ex.arabic_tag(text, num_start, num_end):
        return None
    rank = ex.rank_or_ordinal(text, num_start if text[num_start - 1:num_start] != " " else num_start - 1, num_end)
    if rank == "skip":
        return None
    if chinese and text[num_start - 1:num_start] == "”":
        return None  # “…”三张优势牌: a count of the quoted list, not a quantity
    return token, num_end, chinese, rank


def _magnitude(text: str, pos: int) -> tuple[int, float, str]:
    """Magnitude characters after an Arabic numeral ("万", "多万", " 万"): (end, factor, 多/余 or "")."""
    length = len(text)
    approx = ""
    if pos + 1 < length and text[pos] in ex.SPACES and text[pos + 1] in _MAG_CHARS and not match_unit(text, pos + 1):
        pos += 1  # "2052 万美元"
    elif pos + 2 < length and text[pos] in ex.SPACES and text[pos + 1] in "多余" and text[pos + 2] in _MAG_CHARS:
        pos += 1  # "8,000 多万台"
    start = pos
    if pos + 1 < length and text[pos] in "多余" and text[pos + 1] in _MAG_CHARS:
        approx, pos, start = text[pos], pos + 1, pos + 1
    while pos < length and text[pos] in _MAG_CHARS and not match_unit(text, pos):
        pos += 1
    if pos == start:
        return (start - 1 if approx else start), 1.0, ""
    return pos, magnitude_of(text[start:pos]) or 1.0, approx


def _unit_at(text: str, num_start: int, pos: int, chinese: bool) -> tuple[Unit | None, int] | None:
    """The unit written at `pos` and where it ends; None when what follows makes the number a non-item."""
    unit_hit = match_unit(text, pos)
    if not unit_hit:
        return None, pos
    surface, unit = unit_hit
    next_char = text[pos + len(surface):pos + len(surface) + 1]
    if surface == "点" and (chinese or ex.time_of_day(text, num_start, pos)):
        return None  # 上午10点: a time
    if surface in ("A级", "千伏") and ex.NOUN_AFTER_BOUND.match(text, pos + len(surface)):
        return None  # 国家5A级旅游景区, ±800千伏特高压工程: a grade or a class in a name
    if surface == "位" and next_char.isascii() and next_char.isalpha():
        return None  # 64位CPU: a specification
    if (surface == "位" and next_char == "数") or (surface == "单" and next_char and next_char in "元位价独项笔"):
        return None  # 两位数增长, 3单元: not a count
    if surface == "人年" and next_char and next_char in "均底末初度内":
        return UNITS["人"], pos + 1  # 100万人年均…: 人, then 年均
    if (surface == "片" and next_char == "区") or (surface == "部" and next_char and next_char in "分门署委长队属件位"):
        return None, pos  # 片区, 3部分: words, not units
    if ((surface == "成" and next_char and next_char in _NOT_PERCENT_CHENG)
            or (surface == "番" and "翻" not in text[max(0, num_start - 3):num_start])
            or (surface in ("家", "人") and next_char in ("庭", "口", "民", "员"))):
        return None, pos  # 成交, 上千万家庭, 14亿人口: a word, not a unit
    return unit, pos + len(surface)


def _fraction(text: str, fraction: re.Match[str], before: str) -> Quantity | None:
    """A share written as a fraction, as a percent: 1/3左右 -> 33.3%. Only a proper fraction of small
    numbers is one (31/12 is a date); a slash between words or in a path is none."""
    chinese = fraction.group("cden") is not None
    numerator = parse_numeral(fraction.group("cnum") if chinese else fraction.group("num"))
    denominator = parse_numeral(fraction.group("cden") if chinese else fraction.group("den"))
    if not numerator or not denominator or numerator >= denominator or denominator > 20:
        return None
    start, end = fraction.start(), fraction.end()
    if not chinese and (_ASCII_WORD.match(text, end) or (start and _ASCII_WORD.match(text, start - 1))):
        return None  # (a path or a version: v1/2b)
    quantity = Quantity(start, end, start, end, numerator / denominator * 100, "%", "percent", end, chinese=chinese)
    suffix = _SUFFIX.match(text, end)
    if suffix:
        quantity.end, quantity.suffix = suffix.end(), suffix.group(1)
        quantity.comparator = _SUFFIX_BOUND.get(quantity.suffix, quantity.comparator)
    return _finish(text, quantity, before)


_ASCII_WORD = re.compile(r"[A-Za-z_]")


def _scan_one(text: str, numeral_match: re.Match[str], spans: ex.Spans) -> Quantity | None:
    """Build a Quantity from one numeral match, or None when it is never an item."""
    num_start = numeral_match.start()
    before = text[max(0, num_start - 12):num_start]
    if numeral_match.group("pct") is not None:  # 百分之五
        value = parse_numeral(numeral_match.group("pct"))
        if value is None:
            return None
        end = numeral_match.end()
        return _finish(text, Quantity(num_start, end, num_start, end, value, "%", "percent", end, chinese=True), before)

    if numeral_match.group("den") is not None or numeral_match.group("cden") is not None:
        return _fraction(text, numeral_match, before)
    numeral = _numeral(text, numeral_match, spans)
    if numeral is None:
        return None
    token, num_end, chinese, rank = numeral
    value = parse_numeral(token)
    if value is None:
        return None

    # magnitude, approximation and unit after the numeral
    length = len(text)
    pos, approx_mid, has_mag = num_end, "", chinese and any(char in "万亿萬億千百" for char in token) and token != "十"
    if not chinese:
        pos, factor, approx_mid = _magnitude(text, num_end)
        if factor != 1.0:
            value, has_mag = value * factor, True
    if not approx_mid:
        at = pos + 1 if pos + 1 < length and text[pos] in ex.SPACES else pos  # (feeds space it: 150 多个)
        if at < length and text[at] in "多余" and match_unit(text, at + 1):
            approx_mid, pos = text[at], at + 1  # 3万多人
    unit_pos = pos + 1 if pos + 1 < length and text[pos] in ex.SPACES and (
        not text[pos + 1].isascii() or text[pos + 1] == "%") else pos  # 1072 亿美元, 19.99 %
    duration = None
    if ex.TIME_AFTER.match(text, unit_pos) or ex.age_qualifier(text, num_start, unit_pos):
        duration = ex.bounded_duration(text, num_start, unit_pos)
        if duration is None:
            return None
    if chinese and token == "一" and text.startswith("半", unit_pos) and not text.startswith("半导", unit_pos):
        half = Quantity(num_start, unit_pos + 1, num_start, num_end, 50.0, "%", "percent", unit_pos + 1, chinese=True)
        return _finish(text, half, before)  # 一半 = 50 %
    found = (Unit(duration[0]), duration[1]) if duration else _unit_at(text, num_start, unit_pos, chinese)
    if found is None:
        return None
    unit, unit_end = found
    if unit is None:
        unit_end = pos
        if not chinese:  # English words or a currency sign: "120 billion yuan", "$2.5 billion"
            en_end, en_unit, en_factor = english_unit(text, pos)
            if en_end > pos:
                value *= en_factor
                has_mag = has_mag or en_factor != 1.0
                unit, unit_end = en_unit, en_end
            currency = currency_before(text, num_start)
            if currency and (unit is None or unit.kind != "percent"):
                sign, unit = currency
                signed = Quantity(sign, unit_end, num_start, num_end, value, unit.base, unit.kind, unit_end,
                                  magnitude=has_mag)
                return _finish(text, signed, text[max(0, sign - 12):sign])

    prefixed = bool(ex.prefix_match(before))
    if unit is None:
        if ex.qualifier_without_unit(text, pos) or (chinese and _only_magnitude(token) and not prefixed):
            return None  # 千亿级, 500亿级, 9大中心; 万家惠, 千家万户
    elif ex.unit_excluded(text, num_start, unit_end, unit, token, chinese, value, rank == "rank",
                          chinese and _only_magnitude(token), prefixed):
        return None
    if ex.qualifier_in_phrase(text, num_start, unit_end, unit is not None and unit.kind == "count"):
        return None
    if unit is not None and text.startswith("级", unit_end):
        return None  # 3000吨级船舶, 8500标箱级: a class qualifying a noun
    if unit is not None and text[num_start - 1:num_start] == "每":
        return None  # 每10股派1.2元: the base of a rate

    if ex.in_formula(text, num_start, unit_end):
        return None  # 利润率=利润总额÷营业收入×100%: a formula's constant
    if (unit is not None and prefixed and ex.CLASS_OF_HOLDERS.match(text, unit_end)):
        return None  # 回购金额超5000万元的公司: the class the companies counted belong to
    quantity = Quantity(num_start, unit_end, num_start, num_end, value * (unit.factor if unit else 1),
                        unit.base if unit else None, unit.kind if unit else None, unit_end, chinese=chinese,
                        magnitude=has_mag, rank=rank == "rank")
    if approx_mid:
        quantity.comparator = ">="
    if quantity.rank:
        quantity.unit = quantity.unit or "名"
    return _finish(text, quantity, before)


# A minus sign (not a range's dash): after punctuation, a space, a copula or a list's slash
# (预测值-1%: after a word, a dash is a sign; 1-8月 is a span, 124亿-125亿美元 a range: not after a unit)
_CJK_CHAR = re.compile(r"(?![万亿千百十元角美镑欧币股吨只家个人次年月日天度倍点])[\u4e00-\u9fff]")
_SIGN_BEFORE = frozenset(" \t/（(：:，,、；;~～为是至到达约及和与报在")


def _finish(text: str, quantity: Quantity, before: str) -> Quantity | None:
    """Attach approximation prefixes and bound suffixes to the span, and set the comparator they imply."""
    if quantity.start and text[quantity.start - 1] in "-−－±" and (
            quantity.start == 1 or text[quantity.start - 2] in _SIGN_BEFORE
            or text[quantity.start - 2] == "\n" or _CJK_CHAR.match(text, quantity.start - 2)):
        quantity.start -= 1  # 增速为-1.6%, 5.94%/-2.88%, ±10pct: the sign belongs to the figure (the value stays unsigned)
        quantity.prefix = text[quantity.start]
        return quantity
    prefix = ex.prefix_match(before)
    if not prefix and not quantity.chinese and quantity.start and text[quantity.start - 1] in " $":
        bound = english_bound_word(text, quantity.start)
        if bound:  # "around 5.5%", "within 5.5%": the words belong to the span, as 约 and 以内 do
            quantity.prefix = text[bound[0]:quantity.start].rstrip()
            quantity.start, quantity.comparator = bound[0], bound[1]
    if prefix:
        word = prefix.group(0)
        if word == "上" and not (quantity.chinese and quantity.magnitude):
            word = ""
        elif word == "数":
            if quantity.chinese:
                return None  # 数亿人, 数十家: no stated value
            word = ""  # 头数16.4万头: the 数 ends a noun
        if word:
            quantity.prefix = word
            quantity.start -= len(word)
            quantity.comparator = ex.PREFIX_BOUND.get(word, ">=")
    suffix = _SUFFIX.match(text, quantity.end)
    if suffix and not (suffix.group(1) in ("多", "余") and quantity.unit is None and not quantity.magnitude):
        word = suffix.group(1)
        if (word in ("以上", "以下") and quantity.unit_kind in ("currency", "measure")
                and (ex.NOUN_AFTER_BOUND.match(text, suffix.end())
                     or (text.startswith("的", suffix.end()) and ex.NOUN_AFTER_BOUND.match(text, suffix.end() + 1)))):
            return None  # 10亿元以上重大产业项目, 1亿元以上的项目: a size class qualifying the noun
        if word in ("以上", "以下", "及以上") and ex.CLASS_OF_HOLDERS.match(text, suffix.end()):
            return None  # 两家以上的券商: a class of holders
        if word in ("以上", "以下", "以内", "之内") and ex.CLASS_AFTER.match(text, suffix.end()):
            return None  # 6个月以内的外汇保值存款: a class of what follows, not a figure of it
        if word == "强" and not quantity.rank:
            return quantity
        quantity.suffix = word
        quantity.end = suffix.end()
        if _SUFFIX_BOUND.get(word) in (">=", "<=", "~"):
            quantity.comparator = _SUFFIX_BOUND[word]
    if quantity.rank:
        quantity.comparator = "rank"
        quantity.start -= 1  # the 前 / 第 belongs to the rank: 前20强, 第一
    return quantity


def _scale_of(text: str, quantity: Quantity) -> float | None:
    """The factor from a written numeral to quantity.value (its magnitude and unit): 5万人 -> 10000."""
    head = parse_numeral(text[quantity.num_start:quantity.num_end]) if not quantity.chinese else None
    return quantity.value / head if head and quantity.value is not None else None


_CHANGE_VERB_BEFORE = re.compile(r"(?:增加|减少|上升|下降|提高|降低|扩大|缩小|回升|回落|上涨|下跌|增|减|升|降|涨|跌)\s*$")
_TO = re.compile(r"\s*(?:至|到)\s*")


def _change_then_level(text: str, left: Quantity, right: Quantity) -> bool:
    """True for a change and the level it leads to, not a range: 库存增加73.3万桶至491.9万桶, 人数增加1.4万至
    24.9万人 (each figure written whole, after a verb of change, the second far larger); 增长5%至6% and
    增加1万至3万人 stay ranges."""
    written = (left.unit is not None and left.unit_end > left.num_end) or left.magnitude
    return (_TO.fullmatch(text, left.end, right.start) is not None and written and left.unit_kind != "percent"
            and right.unit_kind != "percent"
            and _CHANGE_VERB_BEFORE.search(text, max(0, left.start - 4), left.start) is not None
            and left.value is not None and right.value is not None and right.value >= 5 * left.value)


def _merge_ranges(text: str, items: list[Quantity], bare_ok: BareOk | None = None) -> list[Quantity]:
    """Join "6.0%—6.5%" / "100万元至300万元" / "5到6%" (or "5—5.5" in a table's cell) into one range item."""
    out: list[Quantity] = []
    index = 0
    while index < len(items):
        left = items[index]
        right = items[index + 1] if index + 1 < len(items) else None
        if (right is not None
                and (_RANGE_SEP.fullmatch(text, left.end, right.start)
                     or (_AND.fullmatch(text, left.end, right.start) and _BETWEEN.search(text, 0, left.start)))
                and left.value is not None and right.value is not None and not left.rank and not right.rank
                and (right.unit is not None or (left.magnitude and right.magnitude)  # 15万到20万: amounts both
                     or (bare_ok is not None and bare_ok(left.start) and bare_ok(right.start))
                     or (right.unit is None and _INTERVAL_AFTER.match(text, right.end)  # 6.3-6.7的区间
                         and not (left.value.is_integer() and 1900 <= left.value <= 2100)))  # (not 2021-12)
                and left.unit in (None, right.unit) and not left.suffix
                and not _change_then_level(text, left, right)):
            low = left.value
            if left.unit is None and right.magnitude and not left.magnitude:
                low = left.value * (_scale_of(text, right) or 1)  # 3至5万人: one magnitude for both ends
            out.append(Quantity(left.start, right.end, left.num_start, right.num_end, low, right.unit, right.unit_kind,
                                right.unit_end, low=low, high=right.value, comparator="range", prefix=left.prefix,
                                suffix=right.suffix, chinese=left.chinese and right.chinese,
                                magnitude=left.magnitude or right.magnitude))
            index += 2
            continue
        out.append(left)
        index += 1
    return out


def _share_units(text: str, items: list[Quantity]) -> None:
    """A unit written once at the end of a list belongs to every item: 约7100、3150、2500亿元."""
    for i in range(len(items) - 2, -1, -1):
        left, right = items[i], items[i + 1]
        if left.unit is not None or right.unit is None or left.rank or right.rank or left.suffix:
            continue
        if not (_LIST_SEP.fullmatch(text, left.end, right.start) or _change_then_level(text, left, right)):
            continue  # (增加1.4万至24.9万人: the change is counted in people too)
        left.unit, left.unit_kind = right.unit, right.unit_kind
        scale = _scale_of(text, right)
        if left.value is not None and scale and (
                (right.magnitude and not left.magnitude) or right.unit_kind == "percent"):
            left.value *= scale
            left.magnitude = left.magnitude or right.magnitude


def _accept_bare(text: str, quantity: Quantity) -> bool:
    """A number without a unit is an item only when it is an amount (3300万) or stands in a bound (小于1)."""
    start, end = quantity.start, quantity.end
    if quantity.rank:
        return True
    if quantity.magnitude and (not quantity.chinese or quantity.prefix
                               or _BOUND_VERB_BEFORE.search(text, max(0, start - 4), start)):
        # (十亿 after 达到 is an amount; 超过1000万的集合计划: a threshold inside a phrase)
        return not text.startswith("的", end)
    if quantity.suffix in ("以上", "以下", "以内", "左右"):
        return True
    if quantity.comparator == "range" and _INTERVAL_AFTER.match(text, end):
        return True  # 汇率在6.3-6.7的区间内: a band of levels (exchange rates, yields, indices)
    if start and text[start - 1] in "从由" and _FROM_TO_AFTER.match(text, end):
        return True  # 满意度从84.7提升至89.6
    if not quantity.chinese:
        verb = _BOUND_VERB_BEFORE.search(text, max(0, start - 4), start)
        if verb and verb.group(0).strip() not in ("达", "达到", "为", "至"):
            return True  # 小于1, 降到1.3
        number = text[quantity.num_start:quantity.num_end]
        if english_context(text, start) and ("," in number or english_comparator(text, start)):
            return True  # "at least 60,000 new jobs": English counts rarely carry a unit word
        if (_INDEX_BEFORE.search(text, max(0, start - 10), start)
                and quantity.value is not None and quantity.value < 1000):
            return True
        if "." in number or "．" in number:
            # a quoted level: 现报6.3565, 触及6.3515, 逼近6.35关口 (exchange rates, indices, ratios)
            return bool(_QUOTE_BEFORE.search(text, max(0, start - 4), start) or _LEVEL_AFTER.match(text, end))
        if _LEVEL_AFTER.match(text, end) and _QUOTE_BEFORE.search(text, max(0, start - 4), start):
            return True  # 跌破 150 关口
    return False


def _with_number_words(text: str, raw: list[Quantity], start: int, end: int) -> list[Quantity]:
    """Add English number words that count something ("four new routes") to the quantities, in order."""
    words = [(word_start, word_end, word_value) for word_start, word_end, word_value in number_words(text, start, end)
             if english_context(text, word_start) or word_start == 0]
    if not words:
        return raw
    starts = [quantity.start for quantity in raw]  # (raw is in text order and its spans do not overlap)
    for word_start, word_end, word_value in words:
        index = bisect_right(starts, word_start)
        overlaps = (index and raw[index - 1].end > word_start) or (index < len(raw) and raw[index].start < word_end)
        if not overlaps:
            raw.append(Quantity(word_start, word_end, word_start, word_end, word_value, "个", "count", word_end))
    raw.sort(key=lambda quantity: quantity.start)
    return raw


# A bound of a bracket, not a figure: 应纳税所得额100万元至300万元部分 / 不超过100万元的部分，减半征收
# (部分企业, 部分地区 after a figure name a class: 超1亿元的部分企业 is left to the class rules)
_PORTION_AFTER = re.compile(r"的?部分(?![\u4e00-\u9fff]?(?:地区|城市|省|市|县|企业|公司|行业|国家|产品|项目|人|群|股|银行|机构))")


def scan(text: str, bare_ok: BareOk | None = None, start: int = 0, end: int | None = None,
         spans: ex.Spans | None = None) -> list[Quantity]:
    """Every number expression in text[start:end] that could be an item, in text order.

    `bare_ok(offset)`, when given, accepts a number without a unit at that offset (a table's
    cell of figures, whose unit is in a heading). A long text is scanned a stretch at a time
    (`start`, `end` at line breaks, `spans` found once for the whole text).
    """
    end = len(text) if end is None else end
    spans = spans or ex.Spans(text)
    raw: list[Quantity] = []
    for numeral_match in NUM_RE.finditer(text, start, end):
        if raw and numeral_match.start() < raw[-1].end:
            continue
        quantity = _scan_one(text, numeral_match, spans)
        if quantity is not None and not (raw and quantity.start < raw[-1].end):
            raw.append(quantity)
    if " " in text:  # English words are spaced
        raw = _with_number_words(text, raw, start, end)
    items = _merge_ranges(text, raw, bare_ok)
    _share_units(text, items)
    keep = [(quantity.unit is not None or _accept_bare(text, quantity)
             or (bare_ok is not None and bare_ok(quantity.start))) and not _PORTION_AFTER.match(text, quantity.end)
            for quantity in items]
    # a bare number listed with an accepted one is accepted too: 分别触及6.3515、6.3512
    for i in range(len(items) - 1):
        if items[i].bare and items[i + 1].bare and _LIST_SEP.fullmatch(text, items[i].end, items[i + 1].start):
            keep[i] = keep[i + 1] = keep[i] or keep[i + 1]
    return [quantity for quantity, kept in zip(items, keep) if kept]
