"""Whose figures a post states when its items name no place: the government a report speaks for.

A work report's figures are its own government's (全省 in a province's report is that
province), and the title or the opening lines say which government that is:

    speaker("福建省 2025年政府工作报告（节选）")                    -> "福建省"
    speaker("2026年黑龙江省政府工作报告")                            -> "黑龙江省"
    speaker("呼伦贝尔市海拉尔区人民政府 2013年政府工作报告")          -> "海拉尔区"
    speaker("国务院 2021年政府工作报告")                             -> "全国"
    speaker("政府工作报告", "——2025年1月14日在吉林省第十四届人民代表大会…") -> "吉林省"
    speaker("江州市2020年一季度主要经济指标")                        -> "江州市"

A news post's title may open with the place it reports on; anything else names no one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsreader.targets.vocabulary import entity_key, split_place

NATIONAL = "全国"
# A government's own words for itself (全省 in a province's report): the report's speaker.
OWN_PLACE_WORDS = frozenset({"全省", "全市", "全区", "全县", "全州", "全盟", "全旗", "本省", "本市", "本区",
                             "本县", "我省", "我市", "我区", "我县", "我州", "全自治区"})
_NATIONAL_BODIES = re.compile(r"国务院|全国人民代表大会|中央人民政府")
# One administrative name; a run of them names ever smaller places (呼伦贝尔市海拉尔区, 江州市白沙区).
# (州 ends a name unless 市, 县 or 区 follows it: 江州市 is one name, not 江州 and 市.)
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:特别行政区|自治区|自治州|自治县|地区|新区|省|市|区|县|州(?![市县区])|盟|旗)")
# The ending of a full name (福建省, 海拉尔区, 广西壮族自治区).
PLACE_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|地区|新区|省|市|区|县|州|盟|旗)$")
# Words that open a phrase, not a place's name: 关于市政府工作报告的决议.
_NOT_A_NAME_START = ("关于", "对于", "根据", "按照", "审议", "贯彻", "落实", "学习", "听取")
# A year between a government's name and its report: 江州市白沙区 2020年政府工作报告.
_YEAR_BEFORE = re.compile(r"\s*(?:[0-9]{4}|[〇零一二三四五六七八九]{4})\s*年度?\s*$")
# The words that end the run of names before a report's government: 2026年黑龙江省…, 杭州市：江州市…
_NOT_NAME = re.compile(r"[^\u4e00-\u9fff]|[年月日在的]")
_YEAR = re.compile(r"^\s*(?:[0-9]{4}|[〇零一二三四五六七八九]{4})\s*年(?:度)?\s*")
# Where a report names its government: before 人民政府 / 政府工作报告, or the congress it is read to.
_REPORT_WORDS = re.compile(r"(?:人民政府|政府)(?:工作报告)?|政府工作报告")
_CONGRESS = re.compile(r"第[一二三四五六七八九十]+届人民代表大会")
WORK_REPORT = re.compile(r"政府工作报告")
LEAD_CHARS = 400  # how much of a post's opening is read for its congress line


def is_work_report(title: str) -> bool:
    """True for a government work report (its review states the year before, its targets the year ahead)."""
    return bool(WORK_REPORT.search(title or ""))


def _name_before(text: str, end: int) -> str | None:
    """The most local place named right before text[end]: …呼伦贝尔市海拉尔区|人民政府 -> 海拉尔区."""
    year = _YEAR_BEFORE.search(text, 0, end)
    end = year.start() if year else end
    start = end
    while start > 0 and not _NOT_NAME.match(text[start - 1]):
        start -= 1
    names = [m.group(0) for m in _PLACE.finditer(text, start, end)]
    if not names or "".join(names) != text[start:end]:
        return None  # the words before are not a run of place names
    if text.startswith(_NOT_A_NAME_START, start):
        return None
    local = names[-1]
    return local if len(local) >= 2 and local not in OWN_PLACE_WORDS else None


def speaker(title: str | None, lead: str = "") -> str | None:
    """The government or place a post's figures belong to when its items name none, or None."""
    title = (title or "").strip()
    for text in (title, lead[:LEAD_CHARS]):
        if not text:
            continue
        if _NATIONAL_BODIES.search(text[:80]):
            return NATIONAL
        for pattern in (_REPORT_WORDS, _CONGRESS):
            for found in pattern.finditer(text):
                place = _name_before(text, found.start())
                if place:
                    return place
    return _title_place(title)


def post_speaker(title: str | None, read_text: Callable[[], str | None]) -> str | None:
    """The government a post speaks for: from its title, and for a work report whose title names none,
    from its opening lines (`read_text` reads the post's text only then)."""
    voice = speaker(title)
    if voice is None and is_work_report(title or ""):
        voice = speaker(title, (read_text() or "")[:LEAD_CHARS])
    return voice


def _title_place(title: str) -> str | None:
    """The place a title opens with (after a year): 江州市2020年一季度… -> 江州市, 北京 2025年… -> 北京."""
    rest = _YEAR.sub("", title)
    place, _rest = split_place(rest)
    return place if place and place not in OWN_PLACE_WORDS else None


def item_entity(entity: str | None, metric: str | None, post_speaker: str | None) -> str | None:
    """Whose figure an item is: the place it names (全省 meaning the post's own), else the post's speaker."""
    if entity and entity not in OWN_PLACE_WORDS:
        return entity
    if metric and not entity:
        place, _rest = split_place(metric)
        if place and place not in OWN_PLACE_WORDS:
            return place
    return post_speaker


def same_entity(one: str | None, other: str | None) -> bool:
    """吕梁市 and 吕梁 are one entity; so are 全国, 中国 and 国内."""
    return one is not None and other is not None and entity_key(one) == entity_key(other)
