"""Layout invariants as reusable checks, for tests and for diagnosing a bad render."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from rich.cells import cell_len

from .linebreak import CLOSING, OPENING
from .model import Document, Line

#: Number+unit tokens a line break must never cut (6.8%, 3000亿元, 1.2万人, 5.5%以内, …).
NUMBER_UNIT = re.compile(
    r"\d+(?:\.\d+)?(?:%以内|%以上|%左右|%|亿元|万元|万人|万亩|平方公里|亿公斤|亿斤|个百分点|万|亿)"
)
#: What must never reach a terminal from post text.
UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\u200b]"
)


def layout_problems(doc: Document, lines: Sequence[Line], width: int, *, typography: bool = True) -> list[str]:
    """Everything wrong with `lines` as a layout of `doc` at `width` (empty when all is well).

    With `typography` false only hard guarantees are checked (width, no controls,
    offsets): punctuation and number rules can only hold where words fit the width.
    """
    problems: list[str] = []
    for k, line in enumerate(lines):
        plain = line.text.plain
        if cell_len(plain) > width:
            problems.append(f"line {k} is {cell_len(plain)} cells wide: {plain!r}")
        if UNSAFE.search(plain):
            problems.append(f"line {k} holds a control or invisible formatting character: {plain!r}")
        if line.start > line.end:
            problems.append(f"line {k} has start {line.start} > end {line.end}")
        if line.end > len(doc.text) or (line.block >= 0 and line.block >= len(doc.blocks)):
            problems.append(f"line {k} points outside the document")
            continue
        if not typography or line.block < 0 or line.start == line.end:
            continue
        block = doc.blocks[line.block]
        if block.kind == "code":
            continue
        if block.kind == "table":
            problems.extend(f"line {k}: a table cell's line starts with closing punctuation: {plain!r}"
                            for start, _ in _table_breaks(block, [line]) if doc.text[start] in CLOSING)
            continue
        # judged on the document text the line shows, not on decorations around it
        if line.start != block.start and doc.text[line.start] in CLOSING:
            problems.append(f"line {k} starts with closing punctuation: {plain!r}")
        following = lines[k + 1] if k + 1 < len(lines) else None
        if following is not None and following.block == line.block and line.end > line.start:
            if doc.text[line.end - 1] in OPENING:
                problems.append(f"line {k} ends with opening punctuation: {plain!r}")
    if typography:
        problems.extend(f"number split across lines: {token}" for token in split_numbers(doc, lines))
    return problems


def split_numbers(doc: Document, lines: Sequence[Line]) -> list[str]:
    """Number+unit tokens of doc.text that a line break inside one block cuts in two."""
    breaks = sorted(
        a.end for a, b in zip(lines, lines[1:])
        if a.block >= 0 and a.block == b.block and doc.blocks[a.block].kind not in ("code", "table")
    )
    for block_index, block in enumerate(doc.blocks):
        if block.kind == "table":
            shown = [line for line in lines if line.block == block_index]
            breaks.extend(start for start, _ in _table_breaks(block, shown))
    breaks.sort()
    cut = []
    for m in NUMBER_UNIT.finditer(doc.text):
        i = bisect_right(breaks, m.start())
        if i < len(breaks) and breaks[i] < m.end():
            cut.append(m.group())
    return cut


def _table_breaks(block, lines: Sequence[Line]) -> list[tuple[int, int]]:
    """(start, end) of each piece of a table cell that the layout put on a later line than the cell's start."""
    cell_starts = {start for row in block.rows for start, _ in row}
    out = []
    for line in lines:
        for start, end in line.pieces or ((line.start, line.end),):
            if end > start and start not in cell_starts:
                out.append((start, end))
    return out
