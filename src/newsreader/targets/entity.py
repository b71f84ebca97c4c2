"""Who a figure belongs to when an article covers several governments or companies.

Section headings name governments ("吕梁：…"); paragraphs name companies in their
opening words ("联创股份在投资者互动平台表示，…"), and a later paragraph that opens with
"公司" still speaks of the last one named.
"""

from __future__ import annotations

import re

from .layout import Layout

# A company named at the start of a paragraph, after an optional short lead clause ("作为…，", "此前，").
_ORG = r"([\u4e00-\u9fffA-Za-z]{2,10}?(?:股份|集团|控股|银行|证券|科技|电子|汽车|能源|药业|实业|公司))"
_SUBJECT = re.compile(
    rf"^\s*(?:(?:作为|据|根据|此前|目前|同时|另外|此外)[^，,。]{{0,16}}[，,]\s*)?{_ORG}(?:[（(][^）)]{{0,16}}[）)])?"
    r"(?:在|于|表示|称|公告|发布|宣布|披露|的|将|已|今年|目前|，|,|：|:)"
)
# A name without a company word, known as one by what it does: 三只松鼠发布公告, 云川电气晚间公告称
_ANNOUNCER = re.compile(
    r"^\s*([\u4e00-\u9fffA-Za-z]{2,8}?)(?:[（(][^）)]{0,16}[)）])?(?:晚间|日前|今日|近日)?"
    r"(?:发布公告|发布业绩|公告称|公告显示|披露|宣布|在投资者互动平台)"
)
_ANAPHOR = re.compile(r"^\s*(?:[^，,。]{1,6}[，,]\s*)?(?:该公司|公司|其)")
_GENERIC = {"公司", "该公司", "本公司", "上市公司", "子公司", "集团", "银行", "证券"}


def paragraph_entities(layout: Layout, heading_entities: list[str | None]) -> list[str | None]:
    """The entity of every block: its section heading's, or the company its paragraph (or an earlier one) names."""
    text = layout.text
    out: list[str | None] = []
    company: str | None = None
    last_heading: str | None = None
    for block, heading_entity in zip(layout.blocks, heading_entities):
        if heading_entity != last_heading:
            company = None  # a new section starts over
            last_heading = heading_entity
        body = text[block.start:block.end]
        opening = _SUBJECT.match(body) or _ANNOUNCER.match(body)
        if opening and opening.group(1) not in _GENERIC:
            company = opening.group(1)
        elif not _ANAPHOR.match(body) and not block.heading:
            company = None if body.strip() and len(body.strip()) > 20 else company
        out.append(company or heading_entity)
    return out
