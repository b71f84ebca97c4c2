"""Find number expressions in plain text: numeral, magnitude, unit, approximation and bound words.

The scanner knows nothing about targets; it yields every quantity a reader would
highlight and drops what is never an item (dates, ordinals, list markers, names
with numbers, codes, qualifiers such as the 千亿级 of 3个千亿级产业集群).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .numerals import CN_DIGITS, CN_NUMERAL_CHARS, MAGNITUDES, magnitude_of, parse_numeral
from .units import UNIT_FIRST_CHARS, Unit, match_unit


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
_CN_DIG = "".join(CN_DIGITS)
_CN = rf"[{CN_NUMERAL_CHARS}]+(?:点[{_CN_DIG}]+)?"
NUM_RE = re.compile(rf"百分之(?P<pct>{_AR}|{_CN})|(?P<ar>{_AR})|(?P<cn>{_CN})")

_SPACES = " \u00a0\u3000"
_DATE_CHARS = "年月日号时秒周天"
_CN_GO_ON = "半多余以左上 "  # may follow a Chinese numeral before its unit or bound word
_MAG_CHARS = "".join(MAGNITUDES)

# Words right after a number that make it a date, time, duration, age or ordinal-like tag.
_TIME_AFTER = re.compile(
    r"(?:年|个?半?月|日|号|时|小时|个?半?小时|分钟|秒|周|天|个?季度|世纪|代|届|期|次|个工作日|工作日|个交易日|交易日"
    r"|点钟|点半|多年|余年|来年|\s?[:：][0-9])"
)
_MINUTES = re.compile(r"[0-9０-９一二三四五六七八九十]{1,2}分")
_TIME_OF_DAY = re.compile(r"(?:上午|下午|晚上|早上|凌晨|中午|傍晚|晚间|早间|夜间|今晚|今早|当晚|次日|时至)\s*$")
_PREFIX_RE = re.compile(r"(?:大约|将近|约合|约|(?<![逼接])近|超|逾|上|数)$")
_SUFFIX_RE = re.compile(r"\s?(以上|以下|以内|之内|左右|上下|多|余|强)")
_RANGE_SEP = re.compile(r"\s*(?:——|—|–|-|－|~|～|〜|至|到)\s*")
_LIST_SEP = re.compile(r"\s*(?:、|和|与|及|或)\s*")
_NAME_RE = re.compile(r"十[一二三四五六七八九]五")
_QUOTED_RE = re.compile(r"“[^“”\n]{1,12}”|\"[^\"\n]{1,12}\"|「[^「」\n]{1,12}」|‘[^‘’\n]{1,12}’|《[^《》\n]*》|〈[^〈〉\n]*〉")
_URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"“”）)]+|(?<![A-Za-z0-9.-])[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|html?)"
    r"(?:/[^\s<>]*)?"
)
_LIST_MARKER_AFTER = re.compile(r"[.．、)）](?![0-9０-９])")
_QUALIFIER_AFTER = re.compile(r"(?:级|量级|多级|线城市|大)")
_CONTEXT_AMONG = re.compile(r"[^，,。；;：:！？\n]{0,10}?(?:之中|当中|中)(?![小心国部央型等学医药华外欧美日韩东西南北])")
_POLICY_BEFORE = re.compile(r"(?:措施|举措|政策|意见|教育|金融|条例|办法|规定|细则|新政|稳增长|十)$")
_POLICY_AFTER = re.compile(r"(?:措施|举措|政策|意见|规定|细则|新政|硬核|具体措施)")
_WORK_AREAS = re.compile(
    r"(?:方面|领域|重点任务|任务|举措|措施|行动|原则|环节|关键|战略|重点工作|工作|抓手|体系|机制|优势|理念|意识|自信|维护|确立|大事)"
)
_NOUN_AFTER_BOUND = re.compile(r"[\u4e00-\u9fff](?<![的和与及或等以左])")
_DESCRIPTION_BEFORE = re.compile(r"(?:这样|一个)[^，,。；;]{0,6}$")
_DESCRIPTION_AFTER = re.compile(r"[^，,。；;0-9]{0,4}的")
_CHANGE_BEFORE = re.compile(r"(?:从|由|至|到|达到|提高到|提升至|提高至|提升到|为)$")
_FROM_TO_AFTER = re.compile(r"[^，,。；;0-9]{0,6}?(?:到|至)")
_QUOTE_BEFORE = re.compile(r"(?:报|触及|逼近|升至|跌至|站上|失守|跌破|突破|收于|至)$")
_LEVEL_AFTER = re.compile(r"(?:关口|大关|点位|水平)")
_BOUND_VERB_BEFORE = re.compile(
    r"(?:小于|大于|低于|高于|不超过|不低于|不少于|不高于|超过|降到|降至|降低到|降低至|提高到|提高至|提升到|提升至|"
    r"上调至|下调至|上调到|下调到|升至|升到|跌至|跌到|达到|达|为|至)\s*$"
)
_RANK_BEFORE = re.compile(r"(?:居|位居|稳居|跃居|位列|排名|排在|排|列|保持|进入|跻身|挺进|晋级|升至)(?:全国|全省|全市|全球|世界|全区|中部|西部|东部|同行业|行业)?$")
_RANK_END = re.compile(r"(?:强|名|位)?(?:[，,。；;、！？!?）)\n]|$)")
_EN_UNIT_RE = re.compile(
    r"\s?(percentage points?|per cent|percent|%|trillion|billion|million|thousand|bn|mn|"
    r"yuan|dollars|euros|pounds|points|basis points|bps|tonnes|tons|people|jobs|units)\b",
    re.IGNORECASE,
)
_EN_MAG = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3, "bn": 1e9, "mn": 1e6}
_EN_CURRENCY_BEFORE = re.compile(r"(?:US\$|HK\$|RMB|\$|¥|￥|€|£)\s?$")
_EN_CURRENCY = {"US$": "美元", "$": "美元", "HK$": "港元", "RMB": "元", "¥": "元", "￥": "元", "€": "欧元", "£": "英镑"}


def _spans(regex: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex.finditer(text)]


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """True when text[start:end] lies within one of `spans` (sorted, with their `starts`)."""
    i = bisect_right(starts, start) - 1
    return i >= 0 and spans[i][1] >= end


def _is_block_start(text: str, pos: int) -> bool:
    """True when only white space separates `pos` from the start of its line or sentence."""
    i = pos - 1
    while i >= 0 and text[i] in _SPACES:
        i -= 1
    return i < 0 or text[i] in "\n。；;：:！？!?"


_SEGMENT_START = re.compile(r"[、，,：:；;即\n]")
_CN_SMALL_START = re.compile(r"[一二两三四五六七八九十](?:个|大|核|带|区|轴|廊|圈|心|极|群|园|网|城|地)")


def _in_numeral_slogan(text: str, ns: int, end: int) -> bool:
    """True inside an enumeration of named parts: 即一个核心区、两条产业带、两大园区."""
    # the "、" segment before this one, or the one after it, names a part with a small Chinese numeral
    if ns and text[ns - 1] == "、":
        k = ns - 2
        while k >= 0 and not _SEGMENT_START.match(text, k):
            k -= 1
        if _CN_SMALL_START.match(text, k + 1):
            return True
    nxt = text.find("、", end, end + 12)
    if nxt != -1 and not _SEGMENT_START.search(text, end, nxt) and _CN_SMALL_START.match(text, nxt + 1):
        return True
    return False


def _only_magnitude(token: str) -> bool:
    return all(ch in _MAG_CHARS for ch in token)


def _english_unit(text: str, pos: int) -> tuple[int, str | None, float, str | None]:
    """Scan English magnitude/unit words after `pos`: (end, unit, factor, kind)."""
    factor = 1.0
    unit = kind = None
    end = pos
    for _ in range(2):
        m = _EN_UNIT_RE.match(text, end)
        if not m:
            break
        word = m.group(1).lower()
        if word in _EN_MAG:
            factor *= _EN_MAG[word]
        elif word in ("percent", "per cent", "%"):
            unit, kind = "%", "percent"
        elif word.startswith("percentage point"):
            unit, kind = "百分点", "percent"
        elif word in ("points", "basis points", "bps"):
            unit, kind = ("基点", "percent") if word != "points" else ("点", "points")
        elif word in ("yuan",):
            unit, kind = "元", "currency"
        elif word in ("dollars",):
            unit, kind = "美元", "currency"
        elif word in ("euros",):
            unit, kind = "欧元", "currency"
        elif word in ("pounds",):
            unit, kind = "英镑", "currency"
        else:
            unit, kind = {"tonnes": "吨", "tons": "吨", "people": "人", "jobs": "人", "units": "个"}[word], "count"
        end = m.end()
        if unit:
            break
    return end, unit, factor, kind


def _scan_one(text: str, m: re.Match, quoted, quoted_starts, urls, url_starts) -> Quantity | None:
    """Build a Quantity from one numeral match, or None when it is never an item."""
    n = len(text)
    ns, ne = m.start(), m.end()
    before = text[max(0, ns - 12):ns]
    prev = text[ns - 1] if ns else ""

    if m.group("pct") is not None:
        value = parse_numeral(m.group("pct"))
        if value is None:
            return None
        end = ne
        q = Quantity(ns, end, ns, ne, value, "%", "percent", end, chinese=True)
        return _finish(text, q, before)

    chinese = m.group("cn") is not None
    token = m.group(0)
    if ne < n and text[ne] in _DATE_CHARS and not chinese:
        return None  # 2022年, 12月8日, 10时: the commonest numbers of all are dates
    if chinese and ne < n and text[ne] not in UNIT_FIRST_CHARS and text[ne] not in _CN_GO_ON and prev not in "第前":
        # fast exit for the many 一/十/万 of ordinary words: a Chinese numeral needs a unit, or a
        # bound word and a magnitude (上千万, 近千万); 千瓦-style units start inside the token
        if not (token[-1] in _MAG_CHARS and (prev in "上近超逾约" or match_unit(text, ne - 1))):
            return None
    if chinese:
        # give back a trailing 千/百/万 that starts a unit: 三千瓦 -> 三 + 千瓦, 一个百分点
        while len(token) > 1 and token[-1] in _MAG_CHARS and match_unit(text, ns + len(token) - 1):
            token = token[:-1]
        ne = ns + len(token)
        if token in ("百分点",):
            return None

    # --- exclusions that depend only on the numeral and its neighbours ---------------
    if _inside(quoted, quoted_starts, ns, ne) or _inside(urls, url_starts, ns, ne):
        return None
    if chinese and _only_magnitude(token) and (prev.isdigit() or (prev in _SPACES and ns >= 2 and text[ns - 2].isdigit())):
        return None  # the 万 of "2052 万": a magnitude, not a numeral
    hit = _NAME_RE.search(text, max(0, ns - 2), min(n, ne + 2))
    if hit and hit.start() < ne and ns < hit.end():
        return None
    if not chinese:
        if prev and (prev.isascii() and prev.isalpha()):
            return None  # C919, ET7, PM2.5
        if prev in "-_/.．:：∶" and ns >= 2 and (text[ns - 2].isascii() and text[ns - 2].isalnum()):
            return None  # HFO-1234yf, 1.2.3, 10:30, 2022/01
        nxt = text[ne] if ne < n else ""
        if nxt in ".．:：∶/" and ne + 1 < n and text[ne + 1].isascii() and text[ne + 1].isalnum():
            return None  # 00388.HK, 10:30, 4.0∶37.7
        if nxt in "∶" or prev in "∶":
            return None
        if nxt in ".．、)）" and _LIST_MARKER_AFTER.match(text, ne) and _is_block_start(text, ns):
            return None  # list marker "1." / "2、"
        if prev in "(（" and ne < n and text[ne] in ")）" and (_is_block_start(text, ns - 1)):
            return None  # "(1)" marker
    else:
        if token in ("零", "〇") or all(ch in "零〇" for ch in token):
            return None
    rank = False
    if before.endswith("第") or before.endswith("第 "):
        if (_RANK_BEFORE.search(text[max(0, ns - 10):ns - 1]) and _RANK_END.match(text, ne)
                and not _TIME_AFTER.match(text, ne)):
            rank = True
        else:
            return None  # ordinals: 第四届, 第一批
    if before.endswith("前") and not rank:
        if len(before) >= 2 and before[-2] in "目此之提当眼以日从向":
            pass  # 目前, 此前, 提前: not "the first N"
        elif _RANK_END.match(text, ne) or _RANK_BEFORE.search(text[max(0, ns - 10):ns - 1]):
            rank = True  # 前20强, 稳居全省前三
        else:
            return None  # 前11个月, 前3批: the first N of something, not a quantity
    if before.endswith("”") and chinese:
        return None  # “…”三张优势牌: a count of the quoted list, not a quantity

    value = parse_numeral(token)
    if value is None:
        return None

    # --- magnitude and unit after the numeral ------------------------------------------------
    pos = ne
    approx_mid = ""
    has_mag = chinese and any(ch in "万亿萬億千百" for ch in token) and token not in ("十",)
    if not chinese:
        mag_start = pos
        if (pos + 1 < n and text[pos] in _SPACES and text[pos + 1] in _MAG_CHARS
                and not match_unit(text, pos + 1)):
            pos += 1  # "2052 万美元"
            mag_start = pos
        if pos < n and text[pos] in "多余" and pos + 1 < n and text[pos + 1] in _MAG_CHARS:
            approx_mid = text[pos]
            pos += 1
            mag_start = pos
        while pos < n and text[pos] in _MAG_CHARS and not match_unit(text, pos):
            pos += 1
        if pos > mag_start:
            factor = magnitude_of(text[mag_start:pos])
            if factor is None:
                return None
            value *= factor
            has_mag = True
        elif approx_mid:
            pos -= 1
            approx_mid = ""
    if pos < n and text[pos] in "多余" and not approx_mid and match_unit(text, pos + 1):
        approx_mid = text[pos]
        pos += 1
    q_pos = pos
    if q_pos < n and text[q_pos] in _SPACES and q_pos + 1 < n and not text[q_pos + 1].isascii():
        q_pos += 1
    if _TIME_AFTER.match(text, q_pos):
        return None
    if text.startswith("岁", q_pos) and not _CHANGE_BEFORE.search(text, max(0, ns - 4), ns):
        return None  # 60岁以上老人, 3岁以下婴幼儿: ages qualify a group; 寿命从80.2岁提升至82.5岁 is a figure
    if chinese and token == "一" and text.startswith("半", q_pos) and not text.startswith("半导", q_pos):
        q = Quantity(ns, q_pos + 1, ns, ne, 50.0, "%", "percent", q_pos + 1, chinese=True)
        return _finish(text, q, before)
    unit_hit = match_unit(text, q_pos)
    unit: Unit | None = None
    unit_end = pos
    if unit_hit:
        surface, unit = unit_hit
        if surface == "点":
            if _TIME_OF_DAY.search(text, max(0, ns - 6), ns) or _MINUTES.match(text, q_pos + 1):
                return None
            if chinese:
                return None
        if surface == "成" and text[q_pos + 1:q_pos + 2] and text[q_pos + 1] in "交员本立果都为功熟长效型品就绩分年批套":
            unit = None
        elif surface == "A级" and _NOUN_AFTER_BOUND.match(text, q_pos + 2):
            return None  # 国家5A级旅游景区: a grade in a name
        elif surface == "番" and "翻" not in text[max(0, ns - 3):ns]:
            unit = None
        elif surface in ("家", "人") and text[q_pos + 1:q_pos + 2] in ("庭", "口", "民", "员"):
            unit = None  # 上千万家庭, 14亿人口: the noun, not a classifier
        if unit is not None:
            unit_end = q_pos + len(surface)
    elif not chinese:
        en_end, en_unit, en_factor, en_kind = _english_unit(text, pos)
        if en_end > pos:
            value *= en_factor
            has_mag = has_mag or en_factor != 1.0
            if en_unit:
                unit = Unit(en_unit, 1, en_kind or "measure")
            unit_end = en_end
        cur = _EN_CURRENCY_BEFORE.search(text, max(0, ns - 4), ns)
        if cur and (unit is None or unit.kind != "percent"):
            unit = Unit(_EN_CURRENCY[cur.group(0).strip()], 1, "currency")
            ns_cur = cur.start()
            q = Quantity(ns_cur, unit_end, ns, ne, value, unit.base, unit.kind, unit_end,
                         magnitude=has_mag)
            return _finish(text, q, text[max(0, ns_cur - 12):ns_cur])

    # --- exclusions that need the unit -----------------------------------------------------------
    after_unit = text[unit_end:unit_end + 12]
    if unit is None:
        if _QUALIFIER_AFTER.match(text, pos):
            return None  # 千亿级 / 500亿级 / 9大中心
        if chinese and _only_magnitude(token) and not _PREFIX_RE.search(before):
            return None  # 万家惠, 千家万户, 百千亿产业
    else:
        if unit.kind == "count" and unit.base == "个" and chinese and not rank:
            return None  # 三个先行, 八个方面, 两个中心: counts of slogans and work areas
        if _WORK_AREAS.match(after_unit):
            return None  # 8个方面工作, 5项任务
        if unit.base == "条" and (_POLICY_BEFORE.search(text, max(0, ns - 4), ns) or _POLICY_AFTER.match(after_unit)):
            return None  # 教育35条, 稳增长“21条”
        if chinese and _only_magnitude(token) and unit.kind == "count" and not _PREFIX_RE.search(before):
            return None  # 万家, 千家
        if chinese and token == "一" and unit.base not in ("百分点", "倍", "番", "基点", "%"):
            return None  # 一批, 一个, 一项: idioms far more often than counts
        if chinese and value <= 10 and unit.kind == "count" and _in_numeral_slogan(text, ns, unit_end):
            return None  # 两条产业带 in 一个核心区、两条产业带、两大园区: parts of a named plan
        if unit.kind == "count" and _CONTEXT_AMONG.match(after_unit) and "在" in text[max(0, ns - 12):ns]:
            return None  # 在中部87个地级市中: a context figure
    if before.endswith("个") and (unit is None or unit.kind != "count"):
        return None  # 两个万亿元大关: a qualifier inside a phrase
    if _DESCRIPTION_BEFORE.search(before) and _DESCRIPTION_AFTER.match(text, unit_end):
        return None  # 这样一个拥有14亿人口的发展中国家: a description, not a figure reported

    q = Quantity(ns, unit_end, ns, ne, value, unit.base if unit else None, unit.kind if unit else None,
                 unit_end, chinese=chinese, magnitude=has_mag, rank=rank)
    if unit is not None and unit.factor != 1:
        q.value = value * unit.factor
    if approx_mid:
        q.comparator = ">="
    if rank:
        q.comparator = "rank"
        q.unit = q.unit or "名"
    return _finish(text, q, before)


def _finish(text: str, q: Quantity, before: str) -> Quantity | None:
    """Attach approximation prefixes and bound suffixes to the span."""
    pm = _PREFIX_RE.search(before)
    if pm:
        word = pm.group(0)
        if word == "上" and not (q.chinese and q.magnitude):
            word = ""
        elif word == "数":
            if q.chinese:
                return None  # 数亿人, 数十家: no stated value
            word = ""  # 头数16.4万头: the 数 ends a noun
        if word:
            q.prefix = word
            q.start -= len(word)
            q.comparator = "~" if word in ("约", "大约", "约合", "近", "将近") else ">="
    sm = _SUFFIX_RE.match(text, q.end)
    if sm and not (sm.group(1) in ("多", "余") and q.unit is None and not q.magnitude):
        word = sm.group(1)
        if word in ("以上", "以下") and q.unit_kind in ("currency", "measure") and _NOUN_AFTER_BOUND.match(text, sm.end()):
            return None  # 10亿元以上重大产业项目: a size class qualifying the noun, not a figure
        if word == "强" and not q.rank:
            return q
        q.suffix = word
        q.end = sm.end()
        if word in ("以上", "多", "余"):
            q.comparator = ">="
        elif word in ("以下", "以内", "之内"):
            q.comparator = "<="
        elif word in ("左右", "上下"):
            q.comparator = "~"
    if q.rank:
        q.comparator = "rank"
        q.start -= 1  # the 前 / 第 belongs to the rank: 前20强, 第一
    return q


def _merge_ranges(text: str, items: list[Quantity]) -> list[Quantity]:
    """Join "6.0%—6.5%" / "100万元至300万元" / "5到6%" into one range item."""
    out: list[Quantity] = []
    i = 0
    while i < len(items):
        a = items[i]
        if i + 1 < len(items):
            b = items[i + 1]
            sep = _RANGE_SEP.fullmatch(text, a.end, b.start)
            if (sep and a.value is not None and b.value is not None and not a.rank and not b.rank
                    and (a.unit is None or a.unit == b.unit) and b.unit is not None and not a.suffix):
                low = a.value
                if a.unit is None and b.magnitude and not a.magnitude and b.value and b.unit:
                    # 3至5万人: the magnitude written once belongs to both ends
                    scale = b.value / parse_numeral(text[b.num_start:b.num_end]) if parse_numeral(text[b.num_start:b.num_end]) else 1
                    low = a.value * scale
                merged = Quantity(a.start, b.end, a.num_start, b.num_end, low, b.unit, b.unit_kind, b.unit_end,
                                  low=low, high=b.value, comparator="range", prefix=a.prefix, suffix=b.suffix,
                                  chinese=a.chinese and b.chinese, magnitude=a.magnitude or b.magnitude)
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _share_units(text: str, items: list[Quantity]) -> None:
    """A unit written once at the end of a list belongs to every item: 约7100、3150、2500亿元."""
    for i in range(len(items) - 2, -1, -1):
        a, b = items[i], items[i + 1]
        if a.unit is not None or b.unit is None or a.rank or b.rank or a.suffix:
            continue
        if not _LIST_SEP.fullmatch(text, a.end, b.start):
            continue
        a.unit, a.unit_kind = b.unit, b.unit_kind
        head = parse_numeral(text[b.num_start:b.num_end]) if not b.chinese else None
        if not a.magnitude and b.magnitude and head and a.value is not None and b.value is not None:
            a.value *= b.value / head
            a.magnitude = True
        elif b.unit == "%" and b.unit_kind == "percent" and a.value is not None and b.value is not None and head:
            a.value *= b.value / head  # 六、七成 style factors
        if a.comparator == "=" and b.comparator in ("~",) and b.prefix:
            pass


def _accept_bare(text: str, q: Quantity) -> bool:
    """A number without a unit is an item only when it is an amount (3300万) or stands in a bound (小于1)."""
    if q.rank:
        return True
    after = text[q.end:q.end + 2]
    if q.magnitude and not q.chinese:
        return not after.startswith("的")
    if q.chinese and q.magnitude and q.prefix:
        return not after.startswith("的")
    if q.suffix in ("以上", "以下", "以内", "左右"):
        return True
    if q.start and text[q.start - 1] in "从由" and _FROM_TO_AFTER.match(text, q.end):
        return True  # 满意度从84.7提升至89.6
    if _BOUND_VERB_BEFORE.search(text, max(0, q.start - 4), q.start) and not q.chinese:
        verb = _BOUND_VERB_BEFORE.search(text, max(0, q.start - 4), q.start).group(0).strip()
        if verb not in ("达", "达到", "为", "至"):
            return True
    number = text[q.num_start:q.num_end]
    if ("." in number or "．" in number) and not q.chinese:
        # a quoted level: 现报6.3565, 触及6.3515, 逼近6.35关口 (exchange rates, indices, ratios)
        return bool(_QUOTE_BEFORE.search(text, max(0, q.start - 4), q.start) or _LEVEL_AFTER.match(text, q.end))
    return False


def scan(text: str) -> list[Quantity]:
    """Every number expression in `text` that could be an item, in text order."""
    quoted = _spans(_QUOTED_RE, text)
    urls = _spans(_URL_RE, text)
    quoted_starts = [s for s, _e in quoted]
    url_starts = [s for s, _e in urls]
    raw: list[Quantity] = []
    last_end = -1
    for m in NUM_RE.finditer(text):
        if m.start() < last_end:
            continue
        q = _scan_one(text, m, quoted, quoted_starts, urls, url_starts)
        if q is None:
            continue
        if raw and q.start < raw[-1].end:
            continue
        raw.append(q)
        last_end = q.end
    items = _merge_ranges(text, raw)
    _share_units(text, items)
    keep = [q.unit is not None or _accept_bare(text, q) for q in items]
    # a bare number listed with an accepted one is accepted too: 分别触及6.3515、6.3512
    for i in range(len(items) - 1):
        if _LIST_SEP.fullmatch(text, items[i].end, items[i + 1].start) and items[i].bare and items[i + 1].bare:
            keep[i] = keep[i + 1] = keep[i] or keep[i + 1]
    return [q for q, k in zip(items, keep) if k]
