"""A block's display string: its text plus decorations (footnote markers, image labels).

Decorations are inserted at document offsets but own no document text, so the
display string needs a two-way map to `Document.text` offsets.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rich.text import Span, Text

from .model import Block, Document, StyleLike
from .styles import DECORATION, run_style

IMAGE_LABEL = "图片"


@dataclass(slots=True)
class Display:
    """Display text of one block (plain string and style spans), its decorations, where breaks are forbidden."""

    plain: str
    block_start: int
    spans: list[Span] = field(default_factory=list)
    style: StyleLike = ""  # base style of the whole block (headings, code)
    inserted_at: list[int] = field(default_factory=list)  # doc offset of each insertion
    inserted_disp: list[int] = field(default_factory=list)  # display offset of each insertion
    inserted_len: list[int] = field(default_factory=list)
    cumulative: list[int] = field(default_factory=list)  # inserted length up to and incl. i
    nobreak: set[int] = field(default_factory=set)

    @property
    def text(self) -> Text:
        """The display as one Rich Text."""
        return Text(self.plain, style=self.style, end="", spans=list(self.spans))

    def cut(self, ranges: list[tuple[int, int]]) -> list[Text]:
        """Rich Text pieces of the display at sorted (start, end) ranges, styles kept."""
        return cut_spans(self.plain, self.spans, self.style, ranges)

    def to_display(self, offset: int, *, end: bool = False) -> int:
        """Display offset of a doc offset; an end offset stays before a decoration placed there."""
        index = (bisect_left if end else bisect_right)(self.inserted_at, offset)
        shift = self.cumulative[index - 1] if index else 0
        return offset - self.block_start + shift

    def to_doc(self, disp: int) -> int:
        """Doc offset of a display offset (inside a decoration: the offset it is attached to)."""
        index = bisect_right(self.inserted_disp, disp) - 1
        if index < 0:
            return self.block_start + disp
        start = self.inserted_disp[index]
        if disp < start + self.inserted_len[index]:
            return self.inserted_at[index]
        return self.block_start + disp - self.cumulative[index]


class _Builder:
    __slots__ = ("parts", "spans", "length", "display")

    def __init__(self, block_start: int) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.length = 0
        self.display = Display("", block_start)

    def text(self, s: str, style) -> None:
        if not s:
            return
        if style is not None:
            self.spans.append(Span(self.length, self.length + len(s), style))
        self.parts.append(s)
        self.length += len(s)

    def insert(self, doc_offset: int, s: str, style, glue: bool) -> None:
        d = self.display
        if glue:
            d.nobreak.add(self.length)
        d.inserted_at.append(doc_offset)
        d.inserted_disp.append(self.length)
        d.inserted_len.append(len(s))
        d.cumulative.append((d.cumulative[-1] if d.cumulative else 0) + len(s))
        self.text(s, style)

    def finish(self, base_style=None) -> Display:
        d = self.display
        d.plain = "".join(self.parts)
        d.spans = self.spans
        d.style = base_style or ""
        return d


def block_display(doc: Document, block: Block, marks=()) -> Display:
    """The display text of a non-table block, with run styles, footnotes and marks applied."""
    base = None
    if block.kind == "heading":
        base = DECORATION["heading1"] if block.level == 1 else DECORATION["heading"]
    elif block.kind == "code":
        base = DECORATION["code_block"]
    if block.kind != "image":
        return text_display(doc, block.start, block.end, block.runs, marks, base)
    b = _Builder(block.start)
    alt = doc.text[block.start : block.end]
    b.insert(block.start, f"[{IMAGE_LABEL}: " if alt else f"[{IMAGE_LABEL}", DECORATION["image"], False)
    for run in block.runs:
        b.text(doc.text[run.start : run.end], run_style(run.styles))
    b.insert(block.end, "]", DECORATION["image"], True)
    for number in _image_numbers(block):
        b.insert(block.end, f"[{number}]", DECORATION["footnote"], True)
    display = b.finish(base)
    apply_marks(display, marks)
    return display


def text_display(doc: Document, start: int, end: int, runs, marks=(), base=None) -> Display:
    """Display text of doc.text[start:end] styled by `runs`, with a footnote after each link."""
    b = _Builder(start)
    text = doc.text
    pos = start
    runs = list(runs)
    for i, run in enumerate(runs):
        if run.start > pos:  # text no run covers (table cell separators, plain fallback)
            b.text(text[pos : run.start], None)
        b.text(text[run.start : run.end], run_style(run.styles))
        pos = max(pos, run.end)
        if run.link is not None:
            following = runs[i + 1] if i + 1 < len(runs) else None
            if following is None or following.link != run.link or following.start != run.end:
                b.insert(run.end, f"[{run.link}]", DECORATION["footnote"], True)
    if end > pos:
        b.text(text[pos:end], None)
    display = b.finish(base)
    apply_marks(display, marks)
    return display


def _image_numbers(block: Block) -> list[int]:
    numbers = []
    if block.image_link is not None:
        numbers.append(block.image_link)
    for run in block.runs:  # the image is the content of a link
        if run.link is not None and run.link not in numbers:
            numbers.append(run.link)
    return numbers


def apply_marks(display: Display, marks) -> None:
    """Overlay mark styles (doc offsets) on the display text."""
    length = len(display.plain)
    for mark in marks:
        start = max(0, display.to_display(mark.start))
        end = min(length, display.to_display(mark.end, end=True))
        if end > start:
            display.spans.append(Span(start, end, mark.style))


def cut_text(text: Text, ranges: list[tuple[int, int]]) -> list[Text]:
    """The pieces of a Rich Text at sorted (start, end) ranges, styles kept."""
    return cut_spans(text.plain, text.spans, text.style, ranges)


def cut_spans(plain: str, spans: list[Span], style, ranges: list[tuple[int, int]]) -> list[Text]:
    """Rich Text pieces of `plain` styled by `spans` at sorted (start, end) ranges."""
    pieces = [Text(plain[s:e], style=style, end="") for s, e in ranges]
    if not spans:
        return pieces
    starts = [s for s, _ in ranges]
    count = len(ranges)
    for span in spans:
        i = max(0, bisect_right(starts, span.start) - 1)
        while i < count and starts[i] < span.end:
            s, e = ranges[i]
            a, b = max(span.start, s), min(span.end, e)
            if b > a:
                pieces[i].spans.append(Span(a - s, b - s, span.style))
            i += 1
    return pieces
