"""The shape of an article's plain text: blocks (paragraphs), headings and sentences, with offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?:[。！？!?]+|\.(?=\s))[”’」』）)\"']*")
_HEADING_TAIL = "。！？!?；;，,：:…"
_ENTITY_HEAD = re.compile(r"^\s*([\u4e00-\u9fff]{2,8})[：:]")
_NOT_ENTITIES = ("各位代表", "代表", "记者", "比例", "投资比例", "注", "附", "来源", "编者按", "摘要", "导读", "提示")
_NOT_ENTITY_WORDS = re.compile(r"来源|图片|图表|记者|编辑|作者|说明|提示|备注|链接|附件|原标题|声明|免责")
_TRAILER = re.compile(r"(?:[（(][^（()）]{0,20}[)）]|[”’」』\"'\s])+$")  # （财联社）, closing quotes
_URL_LINE = re.compile(r"^\s*(?:<?https?://|www\.)\S*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[0-9]{1,2}[.．、](?![0-9])|[（(][0-9]{1,2}[)）])")
_TOP_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分|[IVX]+\.|附件[一二三四五六七八九十0-9]*|附表)")
TABLE_SEP = " | "  # the renderer joins the cells of a table row with it


@dataclass(slots=True)
class Block:
    """One paragraph (a line of the plain text)."""

    start: int
    end: int
    heading: bool = False
    top_heading: bool = False  # "一、…" style section heading
    entity: str | None = None  # "吕梁" from a heading "吕梁：…"
    intro: bool = False  # ends with "：" or announces a list ("以下"): frames the blocks after it
    list_item: bool = False  # starts with "1." / "（2）"
    table: int = -1  # index of the table this block is a row of, else -1


@dataclass(slots=True)
class Sentence:
    """One sentence, ending after its terminal punctuation (or at the end of its block)."""

    start: int
    end: int
    block: int


class Layout:
    """Blocks and sentences of a text, with lookups by offset."""

    def __init__(self, text: str):
        self.text = text
        self.blocks: list[Block] = []
        self.sentences: list[Sentence] = []
        pos = 0
        for line in text.split("\n"):
            self.blocks.append(Block(pos, pos + len(line)))
            pos += len(line) + 1
        self.tables: list[list[int]] = []  # block indices of each table's rows, header first
        self._mark_tables()
        self._mark_headings()
        for index, block in enumerate(self.blocks):
            self._split_sentences(index, block)
        self._sentence_starts = [sentence.start for sentence in self.sentences]
        self._first_sentence = [0] * len(self.blocks)
        for i in range(len(self.sentences) - 1, -1, -1):
            self._first_sentence[self.sentences[i].block] = i
        self._block_starts = [block.start for block in self.blocks]

    def _mark_tables(self) -> None:
        """Runs of two or more lines with the same number (>= 2) of " | "-separated cells are tables."""
        text = self.text
        counts = [text.count(TABLE_SEP, block.start, block.end) if TABLE_SEP in text[block.start:block.end] else 0
                  for block in self.blocks]
        first = 0
        while first < len(self.blocks):
            last = first
            while counts[first] and last + 1 < len(self.blocks) and counts[last + 1] == counts[first]:
                last += 1
            if last > first:
                for row in range(first, last + 1):
                    self.blocks[row].table = len(self.tables)
                self.tables.append(list(range(first, last + 1)))
            first = last + 1

    def _mark_headings(self) -> None:
        text = self.text
        prose_after = False
        # walk backwards so that each block knows whether real prose follows it
        for block in reversed(self.blocks):
            body = text[block.start:block.end].strip()
            if not body or _URL_LINE.match(body):
                continue
            if block.table >= 0:
                prose_after = True  # a table row is content, never a heading
                continue
            tail = body[-40:]
            core = _TRAILER.sub("", tail) or tail  # "…股份。（财联社）" ends a sentence
            looks_like_heading = len(body) <= 40 and core[-1] not in _HEADING_TAIL
            if looks_like_heading and prose_after:
                block.heading = True
                block.top_heading = bool(_TOP_HEADING.match(body))
                named = _ENTITY_HEAD.match(body)
                if named and named.group(1) not in _NOT_ENTITIES and not _NOT_ENTITY_WORDS.search(named.group(1)):
                    block.entity = named.group(1)
            else:
                block.intro = body[-1] in "：:" or ("以下" in body[-12:] and len(body) <= 60)
                block.list_item = bool(_LIST_ITEM.match(body))
            if len(body) >= 30 or core[-1] in "。！？!?":
                prose_after = True

    def _split_sentences(self, index: int, block: Block) -> None:
        text = self.text
        start = block.start
        for end_mark in _SENTENCE_END.finditer(text, block.start, block.end):
            if end_mark.end() > start:
                self.sentences.append(Sentence(start, end_mark.end(), index))
                start = end_mark.end()
        if start < block.end:
            self.sentences.append(Sentence(start, block.end, index))
        elif block.start == block.end:
            self.sentences.append(Sentence(start, start, index))

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence containing offset `pos`."""
        return max(0, bisect_right(self._sentence_starts, pos) - 1)

    def block_index(self, pos: int) -> int:
        """Index of the block containing offset `pos`."""
        return max(0, bisect_right(self._block_starts, pos) - 1)

    def block_text(self, index: int) -> str:
        """The text of block `index`."""
        block = self.blocks[index]
        return self.text[block.start:block.end]

    def first_sentence_of_block(self, block: int) -> int:
        """Index of the first sentence of `block`."""
        return self._first_sentence[block]
