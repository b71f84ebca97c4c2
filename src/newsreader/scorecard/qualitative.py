"""Results told in words only: 粮食生产再获丰收, 全面完成年度目标任务 — a verdict of "no figure".

A sentence counts when it holds no digit, does not look ahead (力争, 确保, 预期 …), and one
of its clauses names the metric (any of its names in the indicator table) and then says
what became of it (完成, 实现, 丰收, 平稳, 稳中有升 …):

    "粮食生产再获丰收，农业基础进一步稳固。"  -> a qualitative result for grain_output
    "物价总体平稳。"                          -> a qualitative result for cpi
    "确保粮食生产稳定。"                     -> no: a plan
    "突出稳就业稳物价，推动经济企稳回升。"    -> no: 物价 is what is steadied, not what became
    "粮食产量162.4万吨。"                    -> no: a figure (the extractor reads it)
"""

from __future__ import annotations

import re

from newsreader.targets.vocabulary import indicator_spans

_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_CLAUSE_END = re.compile(r"[，,：:。！？；]")
_DIGIT = re.compile(r"[0-9０-９]")
_DONE = re.compile(r"完成|实现|丰收|增产|稳定|平稳|保持|达到|达成|超额|圆满|取得|好于|向好|回升|稳中有")
_AHEAD = re.compile(r"力争|确保|争取|预期|预计|计划|目标是|今年|明年|将(?:要)?(?:达到|实现|保持|完成)")


Told = tuple[int, str]  # (offset of the sentence in the text, the sentence)


def told_in_words(text: str) -> dict[str, Told]:
    """Every metric a text reports in words only, with the first sentence that does (read in one pass)."""
    found: dict[str, Told] = {}
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0)
        if _DIGIT.search(sentence) or not _DONE.search(sentence) or _AHEAD.search(sentence):
            continue
        for _start, end, key in indicator_spans(sentence):
            if key not in found and _told_after(sentence, end):
                stripped = sentence.strip()
                found[key] = (match.start() + sentence.index(stripped), stripped)
    return found


def qualitative_sentence(text: str, metric_key: str) -> Told | None:
    """(offset, sentence) of the first sentence reporting the metric in words only, or None."""
    return told_in_words(text).get(metric_key)


def _told_after(sentence: str, at: int) -> bool:
    """Whether the clause after sentence[at] (a metric's name) says what became of it."""
    end = _CLAUSE_END.search(sentence, at)
    return bool(_DONE.search(sentence, at, end.start() if end else len(sentence)))
