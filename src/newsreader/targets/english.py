"""Basic English support: units and magnitudes after a number, currency signs before it, metrics."""

from __future__ import annotations

import re

from .units import Unit

_UNIT_RE = re.compile(
    r"\s?(percentage points?|per cent|percent|%|trillion|billion|million|thousand|bn|mn|"
    r"yuan|dollars|euros|pounds|points|basis points|bps|tonnes|tons|people|jobs|units|TEU)\b",
    re.IGNORECASE,
)
_MAGNITUDES = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3, "bn": 1e9, "mn": 1e6}
_UNITS = {
    "percent": ("%", "percent"), "per cent": ("%", "percent"), "%": ("%", "percent"),
    "basis points": ("基点", "percent"), "bps": ("基点", "percent"), "points": ("点", "points"),
    "yuan": ("元", "currency"), "dollars": ("美元", "currency"), "euros": ("欧元", "currency"),
    "pounds": ("英镑", "currency"), "tonnes": ("吨", "measure"), "tons": ("吨", "measure"),
    "people": ("人", "count"), "jobs": ("人", "count"), "units": ("个", "count"), "teu": ("标箱", "count"),
}
_CURRENCY_BEFORE = re.compile(r"(?:US\$|HK\$|RMB|\$|¥|￥|€|£)\s?$")
_CURRENCIES = {"US$": "美元", "$": "美元", "HK$": "港元", "RMB": "元", "¥": "元", "￥": "元", "€": "欧元", "£": "英镑"}


_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}
# A number word counting a plural noun ("four new routes"); times are not counts ("six months").
NUMBER_WORD_RE = re.compile(
    r"(?=[tfsenh])\b(" + "|".join(_NUMBER_WORDS) + r")\s+(?:(?:new|more|additional|major|large|big|small|key)\s+)?"
    r"([a-z]{3,}s)\b"
)
_NOT_COUNTED = re.compile(
    r"(?:years|months|weeks|days|hours|minutes|seconds|quarters|decades|centuries|times|percent|points|of|others|ones)$"
)


def number_words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, float]]:
    """(start, end, value) of English number words that count something: "open four new routes" -> 4."""
    out = []
    for match in NUMBER_WORD_RE.finditer(text, start, len(text) if end is None else end):
        if not _NOT_COUNTED.match(match.group(2)):
            out.append((match.start(1), match.end(1), float(_NUMBER_WORDS[match.group(1)])))
    return out


def english_unit(text: str, pos: int) -> tuple[int, Unit | None, float]:
    """English magnitude and unit words after `pos` ("billion yuan", " percent"): (end, unit, factor)."""
    factor = 1.0
    end = pos
    for _ in range(2):
        match = _UNIT_RE.match(text, end)
        if not match:
            break
        word = match.group(1).lower()
        end = match.end()
        if word in _MAGNITUDES:
            factor *= _MAGNITUDES[word]
            continue
        if word.startswith("percentage point"):
            return end, Unit("百分点", 1, "percent"), factor
        base, kind = _UNITS[word]
        return end, Unit(base, 1, kind), factor
    return end, None, factor


def currency_before(text: str, pos: int) -> tuple[int, Unit] | None:
    """A currency sign written before the number at `pos` ("$2.5 billion"): (its start, the unit)."""
    sign = _CURRENCY_BEFORE.search(text, max(0, pos - 4), pos)
    if not sign:
        return None
    return sign.start(), Unit(_CURRENCIES[sign.group(0).strip()], 1, "currency")


_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'&-]*")
_RELATIONS = {
    "rose", "rise", "rises", "fell", "fall", "falls", "grew", "grow", "grows", "increased", "increase", "decreased",
    "decrease", "declined", "decline", "dropped", "drop", "reached", "reach", "climbed", "jumped", "surged",
    "slipped", "gained", "lost", "hit", "to", "of", "at", "by", "was", "were", "is", "be", "totaled", "totalled",
    "within", "below", "under", "above", "exceed", "exceeded", "up", "down", "from", "between",
    "accounted", "for", "made", "represented", "comprised",
}
_FILLER = {
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "will", "would", "should",
    "expects", "expected", "expect", "targets", "aims", "plans", "forecasts", "sees", "raised", "cut", "lowered",
    "last", "year", "month", "quarter", "and", "while", "with", "has", "have", "had", "been", "also", "about",
    "around", "nearly", "almost", "over", "more", "than",
}


def is_english(phrase: str) -> bool:
    """True for a clause written in English (words, no Chinese characters)."""
    return bool(phrase) and not _CJK.search(phrase) and bool(_WORD.search(phrase))


def english_metric(left: str) -> tuple[str | None, str]:
    """(relation, metric) of the English words before a number: "revenue rose" -> ("rose", "revenue")."""
    words = _WORD.findall(left)
    relation = None
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in _RELATIONS:
            relation = words[index].lower()
            words = words[:index]
            break
    while words and words[-1].lower() in _FILLER | _RELATIONS:
        words.pop()
    kept: list[str] = []
    for word in reversed(words):
        if word.lower() in _FILLER or word.lower() in _RELATIONS or len(kept) == 3:
            break
        kept.insert(0, word)
    return relation, " ".join(kept)


_BOUND_BEFORE = re.compile(
    r"\b(?P<ge>at least|more than|over|above|exceeding)\s*$|\b(?P<le>at most|up to|less than|under|below|within)\s*$"
    r"|\b(?P<approx>about|around|approximately|nearly|roughly|some)\s*$",
    re.IGNORECASE,
)


def english_bound_word(text: str, start: int) -> tuple[int, str] | None:
    """(start, comparator) of the bound or approximation words right before a number: "around 5.5%", "within 5.5%"."""
    if start <= 0 or not (text[start - 1].isascii() or text[start - 1].isspace()):
        return None  # the words must end right before the number (or white space must): most numbers follow Chinese
    bound = _BOUND_BEFORE.search(text, max(0, start - 16), start)
    if not bound:
        return None
    # (each alternative is a word boundary and the named group of the words: the match starts with them)
    return bound.start(), ">=" if bound.group("ge") else "<=" if bound.group("le") else "~"


def english_comparator(text: str, start: int) -> str | None:
    """The bound English words right before a number imply: "at least 60,000" -> ">=", "about 3 million" -> "~"."""
    bound = english_bound_word(text, start)
    return bound[1] if bound else None


_LETTERS = re.compile(r"[A-Za-z]{2,}")
_FOLLOWING_WORDS = re.compile(r"\s+((?:(?!and\b|to\b|in\b|by\b|for\b|of\b|from\b|at\b|on\b|than\b|with\b|this\b|next\b|last\b|a\b|the\b|each\b|per\b)[A-Za-z-]+\s?){1,3})")


def english_context(text: str, start: int) -> bool:
    """True when the words before `start` are English."""
    window = text[max(0, start - 24):start]
    return not _CJK.search(window) and bool(_LETTERS.search(window))


def english_noun_after(text: str, end: int) -> str:
    """Up to three English words naming what a number counts: "60,000 new jobs" -> "new jobs"."""
    words = _FOLLOWING_WORDS.match(text, end)
    return words.group(1).strip() if words else ""
