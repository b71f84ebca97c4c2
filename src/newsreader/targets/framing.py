"""Target or achieved: lexical cues, dates against the post's date, and the passage that frames a number.

A number's kind is decided by the nearest framing that says something: its own
clause, then its sentence, its paragraph's opening, a list introduction
("重点抓好8个方面工作："), the section heading, the post title, and finally the
default (reported fact). A strong cue at an outer level beats a weak one inside:
预计 in a review section ("预计全年接待游客…") reports the past year.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from . import lexicon
from .periods import CURRENT, FUTURE, PAST, TimeMark, When, find_times, status, still_open

TARGET = "target"
ACHIEVED = "achieved"

# Those who forecast, and their verbs: 分析师预计, 交易员们认为, 业内人士预计. What others expect is a
# forecast even of a period that is over (not yet reported); 市场预期 is rather a noun (expectations).
FORECASTER = f"(?:{lexicon.pattern('forecaster')})们?[^，。；\\n]{{0,8}}?(?:{lexicon.pattern('forecast_verb')})"

# (regex, kind, strong, item_specific) — matched against text with 《titles》 and “names” masked out.
# item_specific cues (目标价, 不超过…) describe one figure, so a title carrying them frames nothing else.
# The words are the lexicon's (targets/data/lexicon.tsv); the constructions around them are here.
_CUES: list[tuple[str, str, bool, bool]] = [
    # goals, plans, requirements, forecasts
    (lexicon.pattern("target"), TARGET, True, False),
    (lexicon.pattern("target_item"), TARGET, True, True),  # (不超过 not after 涨幅: a cap on a move reports it)
    (FORECASTER, TARGET, True, False),
    # plans and their documents: 方案提出, 文件明确; 通过3年攻坚
    (f"(?:{lexicon.pattern('plan_document')})[^，。；\\n]{{0,4}}?(?:{lexicon.pattern('plan_verb')})|"
     r"通过[0-9一二两三四五六七八九十]{1,3}年(?:左右)?的?(?:攻坚|努力|奋斗|时间)", TARGET, True, False),
    # a rule states a rate to apply: 每辆车补贴8万元, 按合同金额的2%给予补贴
    (r"每(?:辆|个|人|户|吨|台|套|家|次|年|月|亩|平方米)[^，。；\n]{0,8}?(?:补贴|奖励|补助|资助)|(?:给予|予以)[^，。；\n]{0,6}(?:补贴|奖励)|"
     + lexicon.pattern("target_hint"), TARGET, False, False),
    # reported facts; a streak (连续5年) and the past days (日前) are results too
    (lexicon.pattern("achieved") + r"|连续[0-9一二两三四五六七八九十]{1,3}(?:个)?(?:年|月|季度|周|天|日|个交易日)"
     r"|(?<![0-9一二三四五六七八九十号节]日)(?<=日)前"
     # a clause opening on the outcome: 目标为7%，实际增长6.1% (收入实际增长7% names a measure: no cue)
     r"|(?<=[，,；;])(?:而|但|但是)?实际(?:上)?(?=[增减降升涨跌为是达只仅完])", ACHIEVED, True, False),
    (r"前[0-9一二三四五六七八九十]{1,2}个?月|前三季度|前两个月", ACHIEVED, True, False),
    (f"(?:{lexicon.pattern('done_le')})了|" + lexicon.pattern("achieved_hint"), ACHIEVED, False, False),
    # English
    (r"\b(?:target(?:s|ed)?|aims? to|plans? to|goal|forecasts?|expects?|expected|projects?|will|by 20\d\d)\b",
     TARGET, True, False),
    (r"\b(?:rose|fell|grew|increased|decreased|declined|dropped|climbed|jumped|surged|slipped|reported|posted|"
     r"last year|reached|has been|had been|hired|added|created|recorded|registered|sold|shipped|earned|"
     r"generated|paid|received|spent|invested|retired|totaled|totalled)\b", ACHIEVED, True, False),
    (r"\b(?:was|were)\b", ACHIEVED, False, False),
]


def _without_lookarounds(pattern: str) -> str:
    """`pattern` with its look-ahead and look-behind groups (nested groups included) cut out."""
    out, pos = [], 0
    while pos < len(pattern):
        if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), pos):
            depth = 0
            while pos < len(pattern):
                if pattern[pos] == "\\":
                    pos += 2
                    continue
                depth += {"(": 1, ")": -1}.get(pattern[pos], 0)
                pos += 1
                if depth == 0:
                    break
            continue
        if pattern[pos] == "\\":
            out.append(pattern[pos:pos + 2])
            pos += 2
            continue
        out.append(pattern[pos])
        pos += 1
    return "".join(out)


def leading_chars(pattern: str) -> set[str]:
    """Characters that may start a match of `pattern`, read from its source (a superset; letters and CJK only).

    Every alternative of the cue patterns starts with a literal or a character class,
    after optional look-arounds; a look-ahead on these characters lets the regex engine
    skip the other positions of a text quickly (several times faster on long articles).
    """
    source = _without_lookarounds(pattern).replace("\\b", "")
    out: set[str] = set()
    for start in [0] + [separator.end() for separator in re.finditer(r"\||\((?:\?:|\?P<\w+>)?", source)]:
        if start >= len(source):
            continue
        if source[start] == "[":
            out.update(char for char in source[start + 1:source.index("]", start)] if char.isalnum())
        elif source[start].isalnum():
            out.add(source[start])
    return out


def prefiltered(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled behind a look-ahead on the characters that can start it."""
    first = "".join(sorted(leading_chars(pattern)))
    return re.compile(f"(?=[{re.escape(first)}])(?:{pattern})")


CUE_PATTERN = "|".join(f"(?P<c{index}>{cue[0]})" for index, cue in enumerate(_CUES))
_CUE_RE = prefiltered(CUE_PATTERN)
# (keyed as Match.lastgroup is typed: every alternative is a named group, so it is never None)
_CUE_INFO: dict[str | None, tuple[str, bool, bool]] = {f"c{index}": cue[1:] for index, cue in enumerate(_CUES)}

# Heading words: the section reviews the past, or sets goals and tasks.
_HEAD_PAST = re.compile(lexicon.pattern("heading_review"))
_HEAD_PLAN = re.compile(lexicon.pattern("heading_plan"))

_EN_YEAR_RE = re.compile(
    r"(?=[ibfutsoF])\b(?:in|by|for|until|through|before|since|of|FY|fiscal)\s+((?:19|20)[0-9]{2})\b"
)
# A five-year plan's name (十四五): kept when 《titles》 and “names” are masked
_PERIOD_RE = re.compile(r"十([一二三四五六七八九])五")
_BASELINE = re.compile(r"(?:由|从)[^，。；]{0,20}$")
_BASELINE_AFTER = re.compile(
    r"[^，。；]{0,12}?(?:提高|增加|增长|扩大|下降|降低|减少|提升|上升|升|降|增|缩小|压减|发展)?(?:到|至)"
)
_TITLE_MASK = re.compile(r"《[^《》\n]*》|“[^“”\n]{1,12}”")
DONE_BEFORE = re.compile(
    r"(?:(?:完成|实现|达成)了|(?:圆满|胜利|较好|超额|顺利|全面|如期|基本|均已|已)(?:完成|实现|达成))[^，。；]{0,16}$"
)
_CLAUSE_MARK = re.compile(r"[，,：:；;]")
# a goal reported as met or missed: 主要预期目标总体完成, 目标任务全面完成, 年度目标未完成
_DONE_AFTER = re.compile(r"(?:任务)?(?:总体|全面|圆满|基本|超额|均已|均|已经|已|如期|顺利|未能|未|没有)?(?:完成|实现|达成)")


@dataclass(slots=True)
class Cue:
    """One piece of evidence for a kind, at an offset."""

    kind: str
    strong: bool
    pos: int
    item_specific: bool = False
    dated: bool = False  # from a year, month or period compared with the post's date, not from a word
    local: bool = False  # a day's date (12月10日起): it dates its own sentence, not the paragraph


def _weak(cue: Cue) -> Cue:
    """The cue demoted to a hint (dataclasses.replace, written out: it is several times slower)."""
    return Cue(cue.kind, False, cue.pos, cue.item_specific, cue.dated, cue.local)


def mask_titles(text: str) -> str:
    """Blank out 《book titles》 and short “names” so that 规划 or 计划 in a name is not read as a plan."""
    def blank(quoted: re.Match[str]) -> str:
        word = quoted.group(0)
        if _PERIOD_RE.fullmatch(word[1:-1]):
            return word  # “十四五” dates a passage; keep it
        return " " * len(word)

    return _TITLE_MASK.sub(blank, text)


def find_cues(text: str, start: int, end: int, when: When | None,
              times: list[TimeMark] | None = None) -> list[Cue]:
    """Cues for target/achieved in text[start:end]: words, years and months against the post date, plan periods."""
    cues: list[Cue] = []
    if start >= end:
        return cues
    for match in _CUE_RE.finditer(text, start, end):
        kind, strong, specific = _CUE_INFO[match.lastgroup]
        if kind == TARGET and "目标" in match.group(0) and (
                DONE_BEFORE.search(text, max(start, match.start() - 20), match.start())
                or (match.group(0)[-1] not in "是为：" and _DONE_AFTER.match(text, match.end()))):
            kind = ACHIEVED  # 完成了…各项目标任务 / 主要预期目标总体完成: a goal reported as met
        cues.append(Cue(kind, strong, match.start(), specific))
    if when is None:
        return cues
    for mark in find_times(text, start, end, when) if times is None else times:
        state = status(mark, when)
        if state == CURRENT and still_open(mark, when):
            cues.append(Cue(TARGET, False, mark.start, dated=True))  # 今年增长34% in August: a projection
            continue
        if state is None or state == CURRENT:
            continue
        # a day (7月31日, 12月10日起) dates its own sentence, not the paragraph
        local = mark.first == mark.last
        cues.append(Cue(TARGET if state == FUTURE else ACHIEVED, True, mark.start, dated=True, local=local))
    cues.sort(key=lambda cue: cue.pos)
    return cues


class CueIndex:
    """Every cue of an article, found in one pass; the cues of any stretch are then a slice."""

    def __init__(self, text: str, when: When | None, times: list[TimeMark] | None = None):
        self.text = text
        if times is None:
            times = find_times(text, 0, len(text), when) if when is not None else []
        self.cues = find_cues(text, 0, len(text), when, times)
        self._weak = [_weak(cue) for cue in self.cues]
        self._pos = [cue.pos for cue in self.cues]
        self._time_pos = [mark.start for mark in times]

    def last_time(self, start: int, end: int) -> int:
        """The offset of the last time expression in text[start:end] (今年 and 2020年 alike), or -1."""
        index = bisect_left(self._time_pos, end)
        return self._time_pos[index - 1] if index and self._time_pos[index - 1] >= start else -1

    def between(self, start: int, end: int) -> list[Cue]:
        """The cues that start in text[start:end]."""
        return self.cues[bisect_left(self._pos, start):bisect_left(self._pos, end)]

    def hints_between(self, start: int, end: int) -> list[Cue]:
        """The cues of text[start:end], all demoted to hints (weak)."""
        return self._weak[bisect_left(self._pos, start):bisect_left(self._pos, end)]

    def opening(self, start: int, end: int, clauses: int = 2) -> list[Cue]:
        """The cues of the opening clauses of text[start:end], where a passage states its frame (过去的一年，…)."""
        return self.between(start, _opening_end(self.text, start, end, clauses))


def title_cues(title: str, when: When | None) -> list[Cue]:
    """Cues of a post title that frame its whole body, as hints only.

    A headline names one or two figures of the story ("…增长16.8% 拟每10股派1.2元"), so what
    it says (拟, 预计, 2022财年) does not outweigh what the body says about the others; it
    decides only where the body says nothing. Cues about one figure (目标价) are left out.
    """
    return [_weak(cue) for cue in find_cues(title, 0, len(title), when) if not cue.item_specific]


def _opening_end(text: str, start: int, end: int, clauses: int) -> int:
    stop = start
    for _ in range(clauses):
        mark = _CLAUSE_MARK.search(text, stop, end)
        if not mark:
            return end
        stop = mark.end()
    return stop


def _whole_year(mark: TimeMark) -> bool:
    return (mark.first is not None and mark.last is not None and (mark.first.month, mark.first.day) == (1, 1)
            and (mark.last.month, mark.last.day) == (12, 31) and mark.first.year == mark.last.year)


def heading_cues(text: str, start: int, end: int, when: When | None) -> list[Cue]:
    """Cues of a section heading: review words, plan words, and the time it names.

    A time that is over frames a review, one to come a plan; this year as a whole frames a
    plan too (a report's "2026年…" part), but a day of it is a date stamp (2024年8月1日
    陆家嘴财经早餐), which frames nothing.
    """
    cues = [Cue(ACHIEVED, True, word.start()) for word in _HEAD_PAST.finditer(text, start, end)]
    review = bool(cues)
    cues += [Cue(TARGET, True, word.start()) for word in _HEAD_PLAN.finditer(text, start, end)]
    if when is not None:
        for mark in find_times(text, start, end, when):
            state = status(mark, when)
            if state == PAST:
                cues.append(Cue(ACHIEVED, True, mark.start))
            elif state == FUTURE or (state == CURRENT and _whole_year(mark)):
                cues.append(Cue(TARGET, True, mark.start))
    if not cues:
        return cues
    if review:
        # "2025年工作回顾和“十四五”发展主要成绩": a review, whatever year it names
        return [next(cue for cue in cues if cue.kind == ACHIEVED)]
    return [max(cues, key=lambda cue: cue.pos)]


def is_baseline(text: str, clause_start: int, number_start: int, number_end: int, clause_end: int) -> bool:
    """True for the starting value of a change: the 30% of 由30%提高到50% (not an old target: 目标价由62港元下调至57港元)."""
    if not _BASELINE.search(text, clause_start, number_start) or "目标" in text[clause_start:number_start]:
        return False
    return (bool(_BASELINE_AFTER.match(text, number_end, clause_end + 1))
            or "到" in text[number_end:clause_end] or "至" in text[number_end:clause_end])


def pick(cues: list[Cue], pos: int, strong: bool) -> Cue | None:
    """The cue of the wanted strength nearest before `pos` (framing precedes what it frames), else nearest after."""
    best_before = best_after = None
    for cue in cues:  # cues are in text order
        if cue.strong != strong:
            continue
        if cue.pos <= pos:
            best_before = cue
        elif best_after is None:
            best_after = cue
    return best_before or best_after


def decide(levels: list[list[Cue]], pos: int, default: str = ACHIEVED) -> str:
    """The kind from levels of cues, innermost first: the first strong cue wins, then the first weak one."""
    weak: str | None = None
    for cues in levels:
        if not cues:
            continue
        strong_cue = pick(cues, pos, True)
        if strong_cue is not None:
            return strong_cue.kind
        if weak is None:
            weak_cue = pick(cues, pos, False)
            weak = weak_cue.kind if weak_cue is not None else None
    return weak or default


class HorizonIndex:
    """Every time expression of an article, found once, for horizon look-ups by offset."""

    def __init__(self, text: str, when: When | None, times: list[TimeMark] | None = None):
        if times is None:
            times = find_times(text, 0, len(text), when)
        self.marks = [mark for mark in times if mark.horizon]
        self._pos = [mark.start for mark in self.marks]
        # 今年, 明年: said from the post's date and looking ahead; a result is rather dated by a year it names
        self._ahead = [mark.relative and when is not None and mark.first is not None and mark.first.year >= when.year
                       for mark in self.marks]
        self.english = _EN_YEAR_RE.search(text) is not None  # any "in 2023"-style year at all

    def last(self, start: int, end: int, relative: bool = True) -> str | None:
        """The horizon stated last in text[start:end]; `relative` admits 今年-style words."""
        first, stop = bisect_left(self._pos, start), bisect_left(self._pos, end)
        for i in range(stop - 1, first - 1, -1):
            if relative or not self._ahead[i]:
                return self.marks[i].horizon
        return None


def english_year(text: str, start: int, end: int) -> str | None:
    """The first year an English phrase states in text[start:end] ("in 2023", "by 2025"), or None."""
    year = _EN_YEAR_RE.search(text, start, end)
    return year.group(1) if year else None
