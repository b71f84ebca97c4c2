"""Time expressions and the stretch of time they name, set against the post's date.

A figure's kind follows from the period it is about: 上半年 in an August post is over (what
is said of it reports a result, even 预计), 明年 is still to come, 今年 in a March post is
under way (the words around the figure decide). Every expression becomes a `TimeMark` with
the first and last day it covers; `status()` compares those days with the post's date.

Examples (post of 2021-12-27):
    2021年1—11月份 -> 2021-01-01 … 2021-11-30, past
    11月末         -> 2021-11-30, past
    明年           -> 2022, future
    “十四五”       -> 2021 … 2025, under way
    比2019年       -> a base of comparison: no period at all
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

PAST, CURRENT, FUTURE = -1, 0, 1

_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}


@dataclass(frozen=True, slots=True)
class When:
    """The post's date, as far as the framing needs it (day 0: the day is not known)."""

    year: int
    month: int
    day: int = 0

    def as_date(self) -> date:
        return date(self.year, self.month, self.day or 1)


@dataclass(frozen=True, slots=True)
class TimeMark:
    """A time expression at text[start:end] and the days it covers (None: it names no fixed time)."""

    start: int
    end: int
    first: date | None
    last: date | None
    relative: bool = False  # 今年, 明年 …: said from the post's date, not as a calendar year

    @property
    def horizon(self) -> str | None:
        """The year, or years, the expression covers: "2022", "2021-2025"."""
        if self.first is None or self.last is None:
            return None
        if self.first.year == self.last.year:
            return str(self.first.year)
        return f"{self.first.year}-{self.last.year}"


def cn_int(text: str) -> int | None:
    """A small number written in digits or Chinese (一 … 九十九): 3, 十一, 二十."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        high = _CN_DIGIT.get(tens, 0) if tens else 1
        low = _CN_DIGIT.get(ones, 0) if ones else 0
        return None if (tens and tens not in _CN_DIGIT) or (ones and ones not in _CN_DIGIT) else high * 10 + low
    return _CN_DIGIT.get(text) if len(text) == 1 else None


def _cn_year(text: str) -> int | None:
    """二〇二五 -> 2025."""
    digits = [_CN_DIGIT.get(char) for char in text]
    if any(digit is None for digit in digits) or "两" in text:
        return None
    return int("".join(str(digit) for digit in digits))


def _month_span(year: int, first_month: int, last_month: int) -> tuple[date, date] | None:
    if not (1 <= first_month <= last_month <= 12) or not (1000 <= year <= 9999):
        return None
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


_CN_NUM = "一二两三四五六七八九十"
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_YEAR4 = r"(?<![0-9.])(?:19|20)[0-9]{2}"
# A part of a year: its months. 前N个月 and 前三季度 run from January.
_PARTS = {"上半年": (1, 6), "下半年": (7, 12), "前三季度": (1, 9), "前两季度": (1, 6), "一季度": (1, 3),
          "二季度": (4, 6), "三季度": (7, 9), "四季度": (10, 12), "H1": (1, 6), "H2": (7, 12)}
_PART = (r"上半年|下半年|前三季度|前两季度|第?[一二三四1-4]季度|[一二三四]季(?!度)|"
         rf"前(?:[0-9]{{1,2}}|[{_CN_NUM}]{{1,3}})个?月|[Qq][1-4](?![0-9])|[1-4]Q(?![0-9])|H[12](?![0-9])")


def _months_pattern(prefix: str) -> str:
    """Months, a range of months or a day: 11月, 1—11月份, 11月末, 7月31日 (groups named with `prefix`)."""
    return (rf"(?P<{prefix}m1>{_MONTH})(?:\s*(?:—|-|–|－|~|～|至|到)\s*(?P<{prefix}m2>{_MONTH}))?\s*月份?"
            rf"(?:(?P<{prefix}day>[1-3]?[0-9])\s*[日号])?(?P<{prefix}edge>末|底|初|上旬|中旬|下旬)?"
            r"(?!\s*(?:合约|期货|交割|到期合约))")  # 布油9月合约: a contract's name


_RELATIVE_WORDS = {
    # word: (unit, offset) from the post's date
    "今年": ("y", 0), "本年": ("y", 0), "本年度": ("y", 0), "全年": ("a", 0), "年内": ("a", 0), "当年": ("a", 0),
    "明年": ("y", 1), "来年": ("y", 1), "下一年": ("y", 1), "后年": ("y", 2),
    "去年": ("y", -1), "上年": ("y", -1), "上一年": ("y", -1), "前年": ("y", -2),
    "本月": ("m", 0), "当月": ("m", 0), "这个月": ("m", 0), "上月": ("m", -1), "上个月": ("m", -1),
    "下月": ("m", 1), "下个月": ("m", 1),
    "今日": ("d", 0), "今天": ("d", 0), "今晨": ("d", 0), "今早": ("d", 0),
    "昨日": ("d", -1), "昨天": ("d", -1), "昨晚": ("d", -1), "昨夜": ("d", -1), "隔夜": ("d", -1),
    "明日": ("d", 1), "明天": ("d", 1),
    "本周": ("w", 0), "上周": ("w", -1), "下周": ("w", 1),
    **{f"{week}{day}": ("w", offset) for week, offset in (("本周", 0), ("上周", -1), ("下周", 1)) for day in "一二三四五六日"},
    "年底": ("a", 0), "年末": ("a", 0),
    "this year": ("y", 0), "next year": ("y", 1), "last year": ("y", -1),
}
_RELATIVE = "|".join(sorted(map(re.escape, _RELATIVE_WORDS), key=len, reverse=True))
_PATTERN = "|".join([
    # 2020-2025年, 2021年至2035年: a stretch of years
    rf"(?P<from>{_YEAR4})\s*年?\s*(?:—|-|–|－|~|～|至|到)\s*(?P<to>(?:19|20)[0-9]{{2}})\s*年(?:度)?(?:期间|间)?",
    # 2021年1—11月份, 2022年上半年, 2023年12月31日, 二〇二五年, 2022财年, 2022Q4, 2022H1
    rf"(?P<year>{_YEAR4}|[二〇零一三四五六七八九]{{4}})(?:\s*财年(?P<fiscal>第?[一二三四1-4]财?季度?|[上下]半年)?|\s*(?:年度|年)\s*(?P<fiscalq>第?[一二三四1-4]财季)|\s*(?:年度|年)(?:的?\s*(?:{_months_pattern('y')}|(?P<ypart>{_PART})))?"
    rf"|(?P<ycode>[Qq][1-4]|H[12])(?![0-9]))",
    r"(?P<fy>FY|fiscal\s+)(?P<fyear>(?:19|20)?[0-9]{2})\b",
    r"第[一二三四1-4]财季",
    rf"(?P<rel>{_RELATIVE})(?:(?P<relend>年?底|年?末)|(?P<relpart>{_PART})|{_months_pattern('r')})?",
    rf"(?P<part>{_PART})",
    rf"(?<![0-9.年])(?:{_months_pattern('')})",
    # plans and stretches of years: 十四五, 未来5年, 过去五年, 近3年, 10年来
    r"十(?P<plan>[一二三四五六七八九])五",
    rf"(?P<ahead>今后|未来|往后)(?P<an>[0-9]{{1,2}}|[{_CN_NUM}]{{1,3}})年",
    rf"(?P<back>过去|近)(?P<bn>[0-9]{{1,2}}|[{_CN_NUM}]{{1,3}})年",
    rf"(?<![0-9{_CN_NUM}])(?P<sn>[0-9]{{1,2}}|[{_CN_NUM}]{{1,3}})年来",
    r"\b(?:in|by|for|until|through|before|since|of|during)\s+(?P<enyear>(?:19|20)[0-9]{2})\b",
])
# Every expression starts with a digit, a Chinese numeral, a relative word or one of these: a look-ahead
# on them lets the engine skip the other positions of a text (most of them) at once.
_FIRST_CHARS = set("0123456789〇零一二两三四五六七八九十今未往过近第前上下QqHFf") | {word[0] for word in _RELATIVE_WORDS} | set(
    "ibfutsod")  # in, by, for, until, through, before, since, of, during
_TIME_RE = re.compile(f"(?=[{re.escape(''.join(sorted(_FIRST_CHARS)))}])(?:{_PATTERN})")
# Words before a time that make it a base of comparison (比2019年增长) rather than the figure's time.
_BASE_BEFORE = re.compile(r"(?:比|较|与|同|相比|相较|对比|相对|是|为|相当于|超过|超出|高于|低于|恢复到|恢复至|由|从)\s*$")
_OWN_FIGURE_AFTER = re.compile(r"(?:同期)?的\s*[-−]?[0-9]")  # 低于2020年的3.75万亿元: 2020's own figure
_SINCE_AFTER = re.compile(r"\s*(?:以来|至今)")
_EN_WORD_BEFORE = re.compile(r"[A-Za-z]$")


def _part_months(part: str) -> tuple[int, int] | None:
    part = part.lstrip("第")
    if part in _PARTS:
        return _PARTS[part]
    if part[0] in "Qq" or part.endswith("Q"):
        quarter = int(part[1] if part[0] in "Qq" else part[0])
        return 3 * quarter - 2, 3 * quarter
    if part.endswith(("季度", "季")):
        written_quarter = cn_int(part[0])
        if written_quarter and 1 <= written_quarter <= 4:
            return 3 * written_quarter - 2, 3 * written_quarter
        return None
    if part.startswith("前") and part.endswith("月"):
        months = cn_int(part[1:].rstrip("月").rstrip("个"))
        return (1, months) if months and 1 <= months <= 12 else None
    return None


def _implied_year(month: int, when: When) -> int | None:
    """The year of a month named without one: this year's up to two months ahead, else not known.

    (6月 in a January report may be last June or the coming one: only the text can say.)
    """
    return when.year if month <= when.month + 2 else None


def _months(match: re.Match[str], prefix: str, year: int | None, when: When | None) -> tuple[date, date] | None:
    first = cn_int(match.group(prefix + "m1"))
    last = cn_int(match.group(prefix + "m2")) if match.group(prefix + "m2") else first
    if first is None or last is None:
        return None
    if year is None:
        if when is None:
            return None
        year = _implied_year(last, when)
        if year is None:
            return None
    span = _month_span(year, first, last)
    if span is None:
        return None
    day, edge = match.group(prefix + "day"), match.group(prefix + "edge")
    if day and first == last:
        try:
            point = date(year, first, int(day))
        except ValueError:
            return None
        return point, point
    if edge in ("末", "底", "下旬"):
        return span[1] - timedelta(days=9 if edge == "下旬" else 0), span[1]
    if edge in ("初", "上旬"):
        return span[0], span[0] + timedelta(days=9)
    return span


def _relative(word: str, when: When) -> tuple[date, date] | None:
    unit, offset = _RELATIVE_WORDS[word]
    if unit == "a":
        return None  # a year the passage is about, not necessarily the post's
    if unit == "y":
        return date(when.year + offset, 1, 1), date(when.year + offset, 12, 31)
    if unit == "m":
        index = when.year * 12 + when.month - 1 + offset
        return _month_span(index // 12, index % 12 + 1, index % 12 + 1)
    if not when.day:
        return None  # a post dated by its month only: its days are not known
    day = when.as_date()
    if unit == "d":
        point = day + timedelta(days=offset)
        return point, point
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=offset)
    return monday, monday + timedelta(days=6)


def _span(match: re.Match[str], when: When | None) -> tuple[tuple[date, date] | None, bool]:
    """(the days the match covers, whether it is said relative to the post's date)."""
    group = match.group
    if group("from"):
        first, last = int(group("from")), int(group("to"))
        return ((date(first, 1, 1), date(last, 12, 31)) if first <= last else None), False
    if group("year"):
        raw = group("year")
        year = int(raw) if raw.isdigit() else _cn_year(raw)
        if year is None:
            return None, False
        if group("fiscal") or group("fiscalq"):
            # 2025财年第一季度 (Toyota's is April-June 2024): a fiscal year's parts are no calendar months;
            # the year itself mostly ends in the year it is named for, and is taken as that year
            return None, False
        if group("ym1"):
            return _months(match, "y", year, when), False
        part = group("ypart") or group("ycode")
        if part:
            months = _part_months(part)
            return (_month_span(year, *months) if months else None), False
        return _month_span(year, 1, 12), False
    if group("fyear"):
        year = int(group("fyear"))
        return _month_span(year + 2000 if year < 100 else year, 1, 12), False
    if group("rel"):
        if when is None:
            return None, True
        span = _relative(group("rel"), when)
        if span and group("relend") and _RELATIVE_WORDS[group("rel")][0] == "y":
            return (date(span[0].year, 12, 1), date(span[0].year, 12, 31)), True  # 去年年底
        if span and group("rm1") and _RELATIVE_WORDS[group("rel")][0] == "y":
            return _months(match, "r", span[0].year, when), True  # 今年3月, 去年12月
        if span and group("relpart"):
            months = _part_months(group("relpart"))
            span = _month_span(span[0].year, *months) if months else span
        return span, True
    if group("part"):
        months = _part_months(group("part"))
        if months is None or when is None:
            return None, True
        return _month_span(when.year, *months), True
    if group("m1"):
        return _months(match, "", None, when), True
    if group("plan"):
        first = 2006 + 5 * (_CN_DIGIT[group("plan")] - 1)  # 十一五 = 2006-2010
        return (date(first, 1, 1), date(first + 4, 12, 31)), False
    if when is None:
        return None, True
    if group("ahead"):
        years = cn_int(group("an"))
        return ((date(when.year, 1, 1), date(when.year + years - 1, 12, 31)) if years else None), True
    if group("back") or group("sn"):
        years = cn_int(group("bn") or group("sn"))
        return ((date(when.year - years, 1, 1), date(when.year - 1, 12, 31)) if years else None), True
    if group("enyear"):
        year = int(group("enyear"))
        return (date(year, 1, 1), date(year, 12, 31)), False
    return None, False


def find_times(text: str, start: int, end: int, when: When | None) -> list[TimeMark]:
    """Every time expression in text[start:end], bases of comparison (比2019年) left out."""
    marks: list[TimeMark] = []
    for match in _TIME_RE.finditer(text, start, end):
        base = _BASE_BEFORE.search(text, max(start, match.start() - 4), match.start())
        if base and (base.group(0)[0] in "由从" or not _OWN_FIGURE_AFTER.match(text, match.end())):
            continue
        if match.group("enyear") is None and match.start() and _EN_WORD_BEFORE.match(text[match.start() - 1]) \
                and match.group(0)[0].isascii():
            continue  # the Q3 of "GPUQ3", the 2022 of "ABC2022": part of a word
        span, _said_from_now = _span(match, when)
        relative = match.group("rel") is not None  # 今年, 上年: words said from the post's date
        first, last = span if span else (None, None)
        if (first is not None and last is not None and when is not None
                and _SINCE_AFTER.match(text, match.end()) and not match.group("sn")):
            last = max(last, when.as_date())  # 2016年以来, 自今年3月以来: up to now
        marks.append(TimeMark(match.start(), match.end(), first, last, relative))
    return marks


def status(mark: TimeMark, when: When) -> int | None:
    """PAST, CURRENT or FUTURE: the mark's days against the post's date; None when it names no fixed time."""
    if mark.first is None or mark.last is None:
        return None
    if when.day:
        today = when.as_date()
        if mark.last < today:
            return PAST
        if mark.first > today:
            return FUTURE
        return CURRENT
    this_month = (when.year, when.month)
    if (mark.last.year, mark.last.month) < this_month:
        return PAST
    if (mark.first.year, mark.first.month) > this_month:
        return FUTURE
    return CURRENT


def still_open(mark: TimeMark, when: When) -> bool:
    """True for a period under way with more than a month of it to come (今年 in June, 下半年 in July):
    a figure stated for it, not "so far" (今年以来), can only be expected."""
    if mark.last is None or status(mark, when) != CURRENT:
        return False
    return mark.last > when.as_date() + timedelta(days=31)
