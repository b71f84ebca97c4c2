"""What is never an item: dates, ordinals, list markers, names and codes with numbers, qualifiers.

Each check looks at a numeral and its neighbours in the text; the scanner calls
them in two phases, before and after it has read the unit.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from . import lexicon
from .units import Unit

SPACES = " \u00a0\u3000"

# Words right after a number that make it a date, time, duration or session number.
TIME_AFTER = re.compile(
    r"(?:年|个?半?月|日(?!元)|号|时|小时|个?半?小时|分钟|秒|周|天|个?季度|世纪|代|届|期|个工作日|工作日|个交易日|交易日"
    r"|点钟|点半|多年|余年|来年|\s?[:：][0-9])"
)
_MINUTES = re.compile(r"[0-9０-９一二三四五六七八九十]{1,2}分")
_TIME_OF_DAY = re.compile(r"(?:上午|下午|晚上|早上|凌晨|中午|傍晚|晚间|早间|夜间|今晚|今早|当晚|次日|时至)\s*$")
# 十四五 and the like name a plan period; 七人普, 六人普 a census (the 7th, 6th national population census)
_PLAN_NAME = re.compile(r"十[一二三四五六七八九]五|[一二三四五六七八九十]人普")
_QUOTED_FIGURE = re.compile(r"[“\"‘「][约近超逾]?[0-9.]+(?:%|％|万|亿)[^“”\"‘’「」0-9]{0,3}[”\"’」]")
_FIGURE_WITH_UNIT = re.compile(r"[0-9][0-9.,]*\s*(?:%|％|[万亿]*(?:元|美元|辆|吨|人|户|家|亩|台|套|公里|平方米|千瓦|斤))")
_QUOTED = re.compile(r"“[^“”\n]{1,12}”|\"[^\"\n]{1,12}\"|「[^「」\n]{1,12}」|‘[^‘’\n]{1,12}’|《[^《》\n]*》|〈[^〈〉\n]*〉")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"“”）)]+"
    r"|(?<![A-Za-z0-9.-])[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|html?)(?:/[^\s<>]*)?"
)
_LIST_MARKER_AFTER = re.compile(r"[.．、)）](?![0-9０-９])")
_RANK_BEFORE = re.compile(
    r"(?:居|位居|稳居|跃居|位列|排名|排在|排|列|保持|进入|跻身|挺进|晋级|升至)"
    r"(?:全国|全省|全市|全球|世界|全区|中部|西部|东部|同行业|行业)?$"
)
RANK_END = re.compile(r"(?:强|名|位)?(?:[，,。；;、！？!?）)\n]|$)")
_NOT_FIRST_N = "目此之提当眼以日从向"  # 目前, 此前, 提前…: a 前 that does not mean "the first N"
_QUALIFIER_AFTER = re.compile(r"(?:级|量级|多级|线城市|大)")
_CONTEXT_AMONG = re.compile(r"[^，,。；;：:！？\n]{0,10}?(?:之中|当中|中)(?![小心国部央型等学医药华外欧美日韩东西南北])")
# a set named as the frame of the clause after it: 29个省份中，…; 14个市州里，…; 40项指标中有12项…
_SET_CLOSED = re.compile(
    r"[^，,。；;：:！？\n]{0,8}?(?:(?:之中|当中|中|里)[，,：:]|(?:之中|当中|中|里)?(?:共|还|更|仅)?有(?=[0-9一二两三四五六七八九十几]))")
# what follows a count when the count opens a company's or a brand's name: 三只松鼠发布公告, 三只松鼠股价
_NAME_AFTER_COUNT = re.compile(
    r"[\u4e00-\u9fff]{1,3}(?:发布|公告|股价|股份|集团|公司|旗下|董事长|市值|宣布|回应|表示|称|官方|（[0-9]{6}|\([0-9]{6})"
)
_POLICY_BEFORE = re.compile(r"(?:措施|举措|政策|意见|教育|金融|条例|办法|规定|细则|新政|稳增长|十)$")
_POLICY_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:措施|举措|政策|意见|规定|细则|新政|硬核|具体措施)")
# Holders named after a threshold: 超5000万元的公司, 两家以上的券商 — a class, not a figure
CLASS_OF_HOLDERS = re.compile(
    r"的(?:上市)?(?:公司|企业|项目|城市|省份|个股|股票|券商|机构|家庭|人群|地区|国家|银行|基金|转债|产品|客户|用户)"
)
# what a bound (以内的, 以上的) names a class of, when the noun after it is not the figure's own measure
CLASS_AFTER = re.compile(r"的(?!(?:增长|增速|增幅|目标|水平|速度|规模|比例|比重|份额|涨幅|降幅|区间|范围))[\u4e00-\u9fff]")
_FORMULA = re.compile(r"[×÷=＝*]\s*$")
_WORK_AREAS = re.compile(
    r"(?:方面|领域|重点任务|任务|举措|措施|行动|原则|环节|关键|战略|重点工作|工作|抓手|体系|机制|优势|理念|意识|自信|维护|"
    r"确立|大事|规定)"
)
NOUN_AFTER_BOUND = re.compile(r"[\u4e00-\u9fff](?<![的和与及或等以左])")
_DESCRIPTION_BEFORE = re.compile(r"(?:这样|一个)[^，,。；;]{0,6}$")
_DESCRIPTION_AFTER = re.compile(r"[^，,。；;0-9]{0,4}的")
_CHANGE_BEFORE = re.compile(r"(?:从|由|至|到|达到|提高到|提升至|提高至|提升到|为|提高|提升|增加|延长)$")
# A duration is a quantity when it is a limit or a target (压缩至3个工作日以内, 不少于1.2万小时), not a date
_DURATION = re.compile(r"(个工作日|工作日|个月|个小时|小时|分钟|天)")
_DURATION_BOUND_AFTER = re.compile(r"\s?(?:以内|以下|之内|内(?!容|部|外|地|涵))|(?:缩短|压缩|减少|降)(?:到|至)")
_DURATION_VERB_BEFORE = re.compile(
    r"(?:压缩|缩短|缩减|减少|降低|降|控制|延长)(?:至|到|在)(?:分别)?$|(?:不超过|不少于|不低于|不多于|时限为?|时长为?)$"
    # a duration that is measured: 周转天数为17.4天, 回收期为51.7天, 同比减少0.9天
    r"|(?:天数|回收期|周转期|周期|工期|期限|时长)(?:为|是|达|约)?$|(?:同比|环比|比上年|较上年)(?:减少|增加|缩短|延长)$"
)
_DURATION_BASE = {"个工作日": "工作日", "工作日": "工作日", "个月": "月", "个小时": "小时", "小时": "小时",
                  "分钟": "分钟", "天": "天"}
_SEGMENT_START = re.compile(r"[、，,：:；;即\n]")
_SLOGAN_PART = re.compile(r"[一二两三四五六七八九十](?:个|大|核|带|区|轴|廊|圈|心|极|群|园|网|城|地)")
PREFIX = re.compile(f"(?:{lexicon.pattern('prefix')})$")
PREFIX_BOUND = lexicon.values("prefix")  # 约 -> "~", 超 -> ">="
_PREFIX_LAST = frozenset(word[-1] for word in PREFIX_BOUND)  # the last character of every PREFIX word


def prefix_match(before: str) -> re.Match[str] | None:
    """PREFIX.search(before), skipped when `before` cannot end with a prefix word (most numbers).

    Feeds write a space between Chinese and figures (超 5000 股): the space belongs to the span.
    """
    tail = before[:-1] if before.endswith("\n") else before  # `$` also matches before a final line break
    last = tail[-1:]
    if last == " " and tail[-2:-1] in _PREFIX_LAST:
        return SPACED_PREFIX.search(before)
    return PREFIX.search(before) if last in _PREFIX_LAST else None


SPACED_PREFIX = re.compile(PREFIX.pattern[:-1] + " $")


class Spans:
    """Stretches of a text where no number is an item: short quoted names, 《titles》, URLs."""

    def __init__(self, text: str):
        # each pattern's matches do not overlap one another, so per pattern the last one to start
        # before a number is the only one that can contain it
        self._lists: list[tuple[list[tuple[int, int]], list[int]]] = []  # (spans, their starts) per pattern
        for pattern in (_QUOTED, _URL):
            # a quoted figure (“5%以上”) is still a figure; quoted names (“1221”战略) are not
            # (a quoted goal, “2022年销售8万辆”, names a figure with its unit: it is not masked either)
            spans = [(found.start(), found.end()) for found in pattern.finditer(text)
                     if not _QUOTED_FIGURE.fullmatch(found.group(0)) and not _FIGURE_WITH_UNIT.search(found.group(0))]
            self._lists.append((spans, [start for start, _end in spans]))

    def cover(self, start: int, end: int) -> bool:
        """True when text[start:end] lies within one of the stretches."""
        for spans, starts in self._lists:
            index = bisect_right(starts, start) - 1
            if index >= 0 and spans[index][1] >= end:
                return True
        return False


def is_block_start(text: str, pos: int) -> bool:
    """True when only white space separates `pos` from the start of its line or sentence."""
    before = pos - 1
    while before >= 0 and text[before] in SPACES:
        before -= 1
    return before < 0 or text[before] in "\n。；;：:！？!?"


def in_plan_name(text: str, start: int, end: int) -> bool:
    """True for the numerals of 十四五-style plan names and census names (七人普)."""
    hit = _PLAN_NAME.search(text, max(0, start - 2), min(len(text), end + 2))
    return bool(hit and hit.start() < end and start < hit.end())


_ACRONYM_BEFORE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,5}$")
_AMOUNT_AFTER = re.compile(r"(?:\.[0-9]+)?(?:万亿|亿|万)?(?:元|美元|人民币|%)")


def arabic_tag(text: str, start: int, end: int) -> bool:
    """True for digits that are part of a code, version, time or list marker: C919, HFO-1234yf, 00388.HK, "1."."""
    length = len(text)
    prev = text[start - 1] if start else ""
    next_char = text[end] if end < length else ""
    if prev.isascii() and prev.isalpha():
        # C919, ET7, PM2.5 — but an acronym glued to an amount is a measure and its figure: GDP52853亿元
        return not (_ACRONYM_BEFORE.search(text, max(0, start - 8), start) and _AMOUNT_AFTER.match(text, end))
    if prev in "_/.．:：∶" and start >= 2 and text[start - 2].isascii() and text[start - 2].isalnum():
        return True  # 1.2.3, 10:30, 2022/01
    if prev == "-" and start >= 2 and text[start - 2].isascii() and text[start - 2].isalpha():
        return True  # HFO-1234yf (3.7-3.8 is a range)
    if next_char in ".．:：∶/" and end + 1 < length and text[end + 1].isascii() and text[end + 1].isalnum():
        return True  # 00388.HK, 10:30, 4.0∶37.7
    if next_char == "∶" or prev == "∶":
        return True
    if next_char in ".．、)）" and _LIST_MARKER_AFTER.match(text, end) and is_block_start(text, start):
        return True  # list marker "1." / "2、"
    return prev in "(（" and next_char in ")）" and is_block_start(text, start - 1)  # "(1)"


def rank_or_ordinal(text: str, start: int, end: int) -> str | None:
    """"rank" for 前20强 / 稳居全省第一, "skip" for ordinals (第四届) and first-N phrases (前11个月), else None."""
    if start <= 0 or text[start - 1] not in "第前":
        return None
    before = text[max(0, start - 2):start]
    if before.endswith("第"):
        if _RANK_BEFORE.search(text[max(0, start - 10):start - 1]) and RANK_END.match(text, end) \
                and not TIME_AFTER.match(text, end):
            return "rank"
        return "skip"
    if before.endswith("前"):
        if len(before) == 2 and before[0] in _NOT_FIRST_N:
            return None
        if RANK_END.match(text, end) or _RANK_BEFORE.search(text[max(0, start - 10):start - 1]):
            return "rank"
        return "skip"
    return None


def time_of_day(text: str, start: int, unit_pos: int) -> bool:
    """True when the 点 after a number tells the time (上午10点, 10点30分), not index points."""
    return bool(_TIME_OF_DAY.search(text, max(0, start - 6), start) or _MINUTES.match(text, unit_pos + 1))


def age_qualifier(text: str, start: int, unit_pos: int) -> bool:
    """True for 岁 that qualifies a group (60岁以上老人), not a figure that changes (寿命从80.2岁提升至82.5岁)."""
    return text.startswith("岁", unit_pos) and not _CHANGE_BEFORE.search(text, max(0, start - 4), start)


def bounded_duration(text: str, start: int, unit_pos: int) -> tuple[str, int] | None:
    """(unit, end) of a duration that is a limit or a goal: 压缩至3个工作日以内, 18个月以内, 不少于1.2万小时."""
    duration = _DURATION.match(text, unit_pos)
    if not duration:
        return None
    before = text[max(0, start - 8):start].replace("分别", "")
    decimal = "." in text[start:unit_pos]  # 17.4天 is a measure; 3天 may be a date or a streak
    if decimal or _DURATION_BOUND_AFTER.match(text, duration.end()) or _DURATION_VERB_BEFORE.search(before):
        return _DURATION_BASE[duration.group(1)], duration.end()
    return None


def in_numeral_slogan(text: str, start: int, end: int) -> bool:
    """True inside an enumeration of named parts: 即一个核心区、两条产业带、两大园区."""
    if start and text[start - 1] == "、":
        back = start - 2
        while back >= 0 and not _SEGMENT_START.match(text, back):
            back -= 1
        if _SLOGAN_PART.match(text, back + 1):
            return True
    next_comma = text.find("、", end, end + 12)  # (an enumeration comma)
    return (next_comma != -1 and not _SEGMENT_START.search(text, end, next_comma)
            and bool(_SLOGAN_PART.match(text, next_comma + 1)))


def qualifier_without_unit(text: str, pos: int) -> bool:
    """True for 千亿级 / 500亿级 / 9大中心: a number qualifying a noun."""
    return bool(_QUALIFIER_AFTER.match(text, pos))


_REACHES_BEFORE = re.compile(r"(?:突破|超过|达到|超|达|逾)$")  # 传播量突破百亿次: a magnitude reached is a figure
_SURVEY_NAME = re.compile(r"(?:人口)?(?:抽样|抽查)")
_PROVINCES_AFTER = re.compile(r"(?:省份|省区市|省市区|省区|省市)")


def in_formula(text: str, start: int, end: int) -> bool:
    """True for a constant of a formula: ×100%, =100."""
    return bool(_FORMULA.search(text, max(0, start - 2), start)) or text[end:end + 1] in ("=", "＝")


def unit_excluded(text: str, start: int, unit_end: int, unit: Unit, token: str, chinese: bool, value: float,
                  rank: bool, magnitude_only: bool, prefixed: bool) -> bool:
    """True for counts that are never items: work areas, policy items, slogans, idioms, context figures."""
    after = text[unit_end:unit_end + 12]
    count = unit.kind == "count"
    if count and unit.base == "个" and chinese and not rank:
        return True  # 三个先行, 八个方面, 两个中心: counts of slogans and work areas
    if unit.base == "%" and _SURVEY_NAME.match(after):
        return True  # 1%人口抽样调查: the survey's name, not a share
    if count and _WORK_AREAS.match(after):
        return True  # 8个方面工作, 5项任务 (but 5000公里任务 is a size)
    if unit.base == "条" and (_POLICY_BEFORE.search(text, max(0, start - 4), start) or _POLICY_AFTER.match(after)):
        return True  # 教育35条, 稳增长“21条”
    if unit.base == "项" and _POLICY_AFTER.match(after):
        return True  # 推出90项政策, 20项惠企措施: counts of policy items (30项重点工程 stays)
    if (chinese and magnitude_only and not prefixed and not _REACHES_BEFORE.search(text, max(0, start - 2), start)
            and (count or token in ("万", "亿", "萬", "億") or unit.base == "度")):
        return True  # 万家, 千家; 亿元以上项目, 亿元地区生产总值: a size class or a denominator; 百度: a name
    if chinese and value <= 10 and unit.base in ("种", "项", "次"):
        return True  # 两种叙事, 三种情景, 三项金融数据, 两次台风: kinds, items and events named, not a quantity
    if count and unit.base == "个" and _PROVINCES_AFTER.match(after):
        return True  # 31个省份: the provinces are the frame of a comparison, not a figure
    if chinese and token == "一" and unit.base not in ("百分点", "倍", "番", "基点", "%"):
        return True  # 一批, 一个, 一项: idioms far more often than counts
    if chinese and value <= 10 and count and in_numeral_slogan(text, start, unit_end):
        return True  # 两条产业带 in 一个核心区、两条产业带、两大园区: parts of a named plan
    if count and _CONTEXT_AMONG.match(after) and "在" in text[max(0, start - 12):start]:
        return True  # 在中部87个地级市中
    if count and _SET_CLOSED.match(after):
        return True  # 29个省份中，约3成省份…: the size of the set the next figure is a share of
    return bool(chinese and _NAME_AFTER_COUNT.match(after))  # 三只松鼠发布公告: a name that opens with a count


def qualifier_in_phrase(text: str, start: int, unit_end: int, is_count: bool) -> bool:
    """True for a number inside a descriptive phrase: 两个万亿元大关, 这样一个拥有14亿人口的国家."""
    before = text[max(0, start - 12):start]
    if before.endswith("个") and not is_count:
        return True
    return bool(_DESCRIPTION_BEFORE.search(before) and _DESCRIPTION_AFTER.match(text, unit_end))
