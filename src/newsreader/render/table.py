"""Tables laid out to fit the width: columns sized to content, cells wrapped, never overflowing."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Span, Text

from .display import Display, text_display
from .linebreak import widest_unbreakable, wrap_cells
from .model import Block, Document, Run
from .styles import DECORATION

MIN_COLUMN = 4  # below this many cells per column the table is shown row by row
TableLine = tuple[Text, int, int]


def layout_table(doc: Document, block: Block, width: int, marks=()) -> list[TableLine]:
    """Lines of a table block: (text, doc start, doc end) for each."""
    rows = [row for row in block.rows if row]
    if not rows:
        return []
    columns = max(len(row) for row in rows)
    cell_runs = runs_by_cell(block, rows)
    cells = [
        [_cell_display(doc, cell, next(cell_runs), marks, r < block.header_rows) for cell in row]
        for r, row in enumerate(rows)
    ]
    available = width - (3 * columns + 1)
    if available < MIN_COLUMN * columns:
        return _stacked(rows, cells, width)
    widths = _column_widths(cells, columns, available)
    return _grid(rows, cells, widths, block.header_rows)


def runs_by_cell(block: Block, rows):
    """Yield, for each cell in order, the runs inside it (runs and cells are both in text order)."""
    runs = block.runs
    i = 0
    for row in rows:
        for start, end in row:
            while i < len(runs) and runs[i].end <= start:
                i += 1
            inside = []
            j = i
            while j < len(runs) and runs[j].start < end:
                r = runs[j]
                inside.append(Run(max(r.start, start), min(r.end, end), r.styles, r.link))
                j += 1
            yield inside


def _cell_display(doc: Document, cell: tuple[int, int], runs, marks, header: bool) -> Display:
    start, end = cell
    return text_display(doc, start, end, runs, marks, DECORATION["table_header"] if header else None)


def _column_widths(cells: list[list[Display]], columns: int, available: int) -> list[int]:
    natural = [1] * columns
    minimum = [1] * columns
    for row in cells:
        for c, cell in enumerate(row):
            plain = cell.plain
            natural[c] = max(natural[c], max((cell_len(line) for line in plain.split("\n")), default=0))
            minimum[c] = max(minimum[c], min(widest_unbreakable(plain, cell.nobreak), available))
    if sum(natural) <= available:
        return natural
    fair = available // columns
    widths = [min(n, fair) for n in natural]
    # then let columns whose words would be cut grow first, then the rest by need
    for wants in (minimum, natural):
        spare = available - sum(widths)
        while spare > 0:
            needy = [c for c in range(columns) if widths[c] < wants[c]]
            if not needy:
                break
            c = max(needy, key=lambda i: wants[i] - widths[i])
            widths[c] += 1
            spare -= 1
    return widths


def _border(widths: list[int], left: str, middle: str, right: str) -> Text:
    return Text(left + middle.join("─" * (w + 2) for w in widths) + right,
                style=DECORATION["table_border"], end="")


def _grid(rows, cells, widths: list[int], header_rows: int) -> list[TableLine]:
    bar = Text("│", style=DECORATION["table_border"], end="")
    out: list[TableLine] = []
    first_start = rows[0][0][0]
    out.append((_border(widths, "┌", "┬", "┐"), first_start, first_start))
    wrapped_rows = []
    for displays in cells:
        wrapped = []
        for c in range(len(widths)):
            if c < len(displays):
                d = displays[c]
                ranges = wrap_cells(d.plain, widths[c], d.nobreak)
                wrapped.append((d, ranges))
            else:
                wrapped.append((None, [(0, 0)]))
        wrapped_rows.append(wrapped)
    multi_line = any(len(ranges) > 1 for wrapped in wrapped_rows for _, ranges in wrapped)
    for r, (row, wrapped) in enumerate(zip(rows, wrapped_rows)):
        if r and (r == header_rows or multi_line):
            out.append((_border(widths, "├", "┼", "┤"), row[0][0], row[0][0]))
        height = max(len(ranges) for _, ranges in wrapped)
        pieces = [_pieces(d, ranges) if d is not None else [] for d, ranges in wrapped]
        for k in range(height):
            line = Text(end="")
            start: int | None = None
            end: int | None = None
            line.append_text(bar)
            for c, width in enumerate(widths):
                line.append(" ")
                if k < len(pieces[c]):
                    piece, s, e = pieces[c][k]
                    line.append_text(piece)
                    pad = width - piece.cell_len
                    if e > s:
                        start = s if start is None else min(start, s)
                        end = e if end is None else max(end, e)
                else:
                    pad = width
                line.append(" " * (pad + 1))
                line.append_text(bar)
            if start is None or end is None:
                start = end = row[0][0]
            out.append((line, start, end))
    last = rows[-1][-1][1]
    out.append((_border(widths, "└", "┴", "┘"), last, last))
    return out


def _pieces(display: Display, ranges: list[tuple[int, int]]) -> list[tuple[Text, int, int]]:
    """The display text cut at the wrap ranges, with the doc offsets of each piece."""
    parts = display.cut(ranges)
    return [(parts[i], display.to_doc(s), display.to_doc(e)) for i, (s, e) in enumerate(ranges)]


def _stacked(rows, cells, width: int) -> list[TableLine]:
    """Too many columns for the width: each row as a list of its cells."""
    out: list[TableLine] = []
    bullet = Text("│ ", end="", spans=[Span(0, 1, DECORATION["table_border"])])
    for r, (row, displays) in enumerate(zip(rows, cells)):
        if r:
            out.append((Text("─" * min(width, 8), style=DECORATION["table_border"], end=""),
                        row[0][0], row[0][0]))
        for d in displays:
            ranges = wrap_cells(d.plain, max(1, width - 2), d.nobreak)
            for piece, s, e in _pieces(d, ranges):
                line = Text(end="")
                line.append_text(bullet)
                line.append_text(piece)
                out.append((line, s, e))
    return out
