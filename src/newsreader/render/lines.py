"""layout: the document (and an article header) as wrapped, styled terminal lines."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Span, Text

from .display import block_display, cut_text
from .linebreak import wrap_cells, wrap_preformatted
from .model import Block, Document, Line, Mark
from .sanitize import sanitize
from .styles import DECORATION
from .table import layout_table

MIN_WIDTH = 8  # narrower requests are laid out at this width
TRUNCATION_NOTICE = "[正文过长，以下内容已省略]"


def layout(doc: Document, width: int, marks: Sequence[Mark] = (), *, links: bool = True) -> list[Line]:
    """The article body wrapped to `width` cells, then the numbered link list."""
    width = max(MIN_WIDTH, int(width))
    by_block = _marks_by_block(doc, marks)
    lines: list[Line] = []
    previous: Block | None = None
    for index, block in enumerate(doc.blocks):
        if previous is not None and not _tight(previous, block):
            depth = min(previous.quote_depth, block.quote_depth)
            bars = _quote_prefix(depth, width)
            bars.rstrip()  # no trailing space on a separator line
            lines.append(Line(bars, previous.end, previous.end))
        lines.extend(_layout_block(doc, block, index, width, by_block.get(index, ())))
        previous = block
    end = len(doc.text)
    if doc.truncated:
        if lines:
            lines.append(Line(Text(end=""), end, end))
        lines.append(Line(Text(TRUNCATION_NOTICE, style=DECORATION["notice"], end=""), end, end))
    if links and doc.links:
        if lines:
            lines.append(Line(Text(end=""), end, end))
        for link in doc.links:
            lines.extend(_link_lines(link.number, link.url, width, end))
    return lines


def render_text(doc: Document, width: int, *, title: str | None = None,
                meta: Sequence[tuple[str, str]] = ()) -> str:
    """The plain text of `layout(doc, width)` lines joined by newlines (header first when given)."""
    lines = layout(doc, width)
    if title is not None or meta:
        lines = layout_header(title or "", meta, width) + lines
    return "\n".join(line.text.plain for line in lines)


def line_index_for_offset(lines: Sequence[Line], offset: int, starts: Sequence[int] | None = None) -> int:
    """Index of the line that shows doc.text[offset] (the nearest line before it when none does).

    `starts`: the lines' start offsets, when the caller keeps them (else they are collected each call).
    """
    if not lines:
        return 0
    if starts is None:
        starts = [line.start for line in lines]
    i = max(0, bisect_right(starts, offset) - 1)
    # a table row's lines overlap: look back a little for the one that shows the offset
    for j in range(i, max(-1, i - _LOOKBACK), -1):
        if lines[j].shows(offset):
            return j
    for j in range(i, -1, -1):
        if lines[j].end > lines[j].start:
            return j
    return i


_LOOKBACK = 200


def layout_header(title: str, meta: Sequence[tuple[str, str]], width: int) -> list[Line]:
    """Title (bold, wrapped), then one "label: value" line per metadata pair, then a rule."""
    width = max(MIN_WIDTH, int(width))
    lines: list[Line] = []
    title = " ".join(sanitize(title).split())
    if title:
        for s, e in wrap_cells(title, width):
            lines.append(Line(Text(title[s:e], style=DECORATION["title"], end=""), 0, 0))
    for label, value in meta:
        label = " ".join(sanitize(str(label)).split())
        value = " ".join(sanitize(str(value)).split())
        if not value:
            continue
        head = styled(f"{label}:", DECORATION["meta_label"]) if label else Text(end="")
        if label:
            head.append(" ")
        indent = head.cell_len
        if indent > width // 2:  # a label too long for a hanging indent: value on lines of its own
            lines.append(Line(head, 0, 0))
            indent, head = 0, Text(end="")
        body = Text(value, end="")
        if "://" in value:
            body.stylize(DECORATION["link_url"])
        for k, piece in enumerate(cut_text(body, wrap_cells(value, width - indent))):
            prefix = head if k == 0 else Text(" " * indent, end="")
            lines.append(Line(_prefixed(prefix, piece), 0, 0))
    lines.append(Line(Text("─" * width, style=DECORATION["rule"], end=""), 0, 0))
    return lines


# ----- blocks -----------------------------------------------------------------


def _tight(previous: Block, block: Block) -> bool:
    """No blank line between items of one list."""
    return previous.kind == "list_item" and block.kind == "list_item"


def _quote_prefix(depth: int, width: int) -> Text:
    bars = min(depth, max(0, width // 8))
    return styled("│ " * bars, DECORATION["quote_bar"])


def styled(s: str, style) -> Text:
    """A Text whose style is a span (so text appended to it does not inherit the style)."""
    return Text(s, end="", spans=[Span(0, len(s), style)] if s else None)


def _layout_block(doc: Document, block: Block, index: int, width: int, marks) -> list[Line]:
    quote = _quote_prefix(block.quote_depth, width)
    inner = width - quote.cell_len
    if block.kind == "table":
        return [
            Line(_prefixed(quote, text), start, end, index, pieces)
            for text, start, end, pieces in layout_table(doc, block, inner, marks)
        ]
    if block.kind == "rule":
        return [Line(_prefixed(quote, Text("─" * inner, style=DECORATION["rule"], end="")),
                     block.start, block.end, index)]
    first, rest = _indents(block, inner)
    display = block_display(doc, block, marks)
    avail = inner - first.cell_len
    plain = display.plain
    if block.kind == "code":
        ranges = wrap_preformatted(plain, avail)
    else:
        ranges = wrap_cells(plain, avail, display.nobreak)
    lines = []
    for k, piece in enumerate(display.cut(ranges)):
        s, e = ranges[k]
        prefix = quote + (first if k == 0 else rest) if quote else (first if k == 0 else rest)
        lines.append(Line(_prefixed(prefix, piece), display.to_doc(s), display.to_doc(e), index))
    return lines


def _indents(block: Block, width: int) -> tuple[Text, Text]:
    """Prefixes of a block's first line and of its other lines (list markers, code indent)."""
    if block.kind == "list_item":
        indent = "  " * min(block.level - 1, max(0, width // 6))
        marker = block.marker or ""
        head = Text(indent, end="")
        if marker:
            head.append(marker, DECORATION["list_marker"])
            head.append(" ")
        else:
            head.append(" " * (cell_len("• ")))
        return head, Text(" " * head.cell_len, end="")
    if block.kind == "code":
        return Text("  ", end=""), Text("  ", end="")
    return Text(end=""), Text(end="")


def _prefixed(prefix: Text, text: Text) -> Text:
    if not prefix.plain:
        return text
    line = prefix.copy()
    line.append_text(text)
    return line


def _marks_by_block(doc: Document, marks: Sequence[Mark]) -> dict[int, list[Mark]]:
    """Each mark under every block it overlaps."""
    if not marks:
        return {}
    starts = [b.start for b in doc.blocks]
    out: dict[int, list[Mark]] = {}
    for mark in marks:
        i = max(0, bisect_right(starts, mark.start) - 1)
        last = bisect_left(starts, mark.end)
        for j in range(i, max(i + 1, last)):
            block = doc.blocks[j] if j < len(doc.blocks) else None
            if block is not None and mark.start < max(block.end, block.start + 1) and mark.end > block.start:
                out.setdefault(j, []).append(mark)
    return out


def _link_lines(number: int, url: str, width: int, offset: int) -> list[Line]:
    """"[n] url", the URL wrapped under itself (hanging indent)."""
    head = styled(f"[{number}]", DECORATION["link_number"])
    head.append(" ")
    indent = head.cell_len
    lines = []
    if indent > width // 2:  # absurdly many links for this width: number on its own line
        lines.append(Line(head, offset, offset))
        indent = 0
    body = Text(url, style=DECORATION["link_url"], end="")
    ranges = wrap_cells(url, width - indent)
    for k, piece in enumerate(cut_text(body, ranges)):
        prefix = head if k == 0 and indent else Text(" " * indent, end="")
        lines.append(Line(_prefixed(prefix, piece), offset, offset))
    return lines
