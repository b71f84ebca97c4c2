"""Tables laid out to fit the width: columns sized to content, cells wrapped, never overflowing."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Span, Text

from .display import Display, cut_text, text_display
from .linebreak import widest_unbreakable, wrap_cells
from .model import Block, Document, Run
from .styles import DECORATION

READABLE = 8  # cells (four ideographs): a column narrower than its text and than this reads as a ribbon
Pieces = tuple[tuple[int, int], ...]
TableLine = tuple[Text, int, int, Pieces]  # text, doc start, doc end, the cell pieces it shows


def layout_table(doc: Document, block: Block, width: int, marks=()) -> list[TableLine]:
    """Lines of a table block: as a grid when its columns fit `width`, else one record per row.

    Cells wrap by the same rules as paragraphs, so a number is never split; a table whose
    columns cannot all get that much room is shown record by record instead.
    """
    rows = [row for row in block.rows if row]
    if not rows:
        return []
    columns = max(len(row) for row in rows)
    cell_runs = runs_by_cell(block, rows)
    cells = [
        [_cell_display(doc, cell, next(cell_runs), marks, r < block.header_rows) for cell in row]
        for r, row in enumerate(rows)
    ]
    widths = _column_widths(cells, columns, width - (3 * columns + 1))
    if widths is None:
        return _records(rows, cells, width, block.header_rows)
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


def _column_widths(cells: list[list[Display]], columns: int, available: int) -> list[int] | None:
    """Each column's width in a grid of `available` cells, or None when the grid cannot fit.

    A column needs its widest unbreakable piece (a number with its unit, a word) and a
    readable width; spare room then goes to the columns whose text needs it most.
    """
    natural = [1] * columns
    minimum = [1] * columns
    for row in cells:
        for c, cell in enumerate(row):
            plain = cell.plain
            longest = max((cell_len(line) for line in plain.split("\n")), default=0)
            natural[c] = max(natural[c], longest)
            minimum[c] = max(minimum[c], widest_unbreakable(plain, cell.nobreak), min(longest, READABLE))
    if sum(minimum) > available:
        return None
    if sum(natural) <= available:
        return natural
    widths = minimum
    for _ in range(available - sum(widths)):
        c = max(range(columns), key=lambda i: natural[i] - widths[i])
        if widths[c] >= natural[c]:
            break
        widths[c] += 1
    return widths


def _border(widths: list[int], left: str, middle: str, right: str) -> Text:
    return Text(left + middle.join("─" * (w + 2) for w in widths) + right,
                style=DECORATION["table_border"], end="")


def _grid(rows, cells, widths: list[int], header_rows: int) -> list[TableLine]:
    bar = Text("│", style=DECORATION["table_border"], end="")
    out: list[TableLine] = []
    first_start = rows[0][0][0]
    out.append((_border(widths, "┌", "┬", "┐"), first_start, first_start, ()))
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
            out.append((_border(widths, "├", "┼", "┤"), row[0][0], row[0][0], ()))
        height = max(len(ranges) for _, ranges in wrapped)
        pieces = [_pieces(d, ranges) if d is not None else [] for d, ranges in wrapped]
        for k in range(height):
            line = Text(end="")
            shown: list[tuple[int, int]] = []
            line.append_text(bar)
            for c, width in enumerate(widths):
                line.append(" ")
                if k < len(pieces[c]):
                    piece, s, e = pieces[c][k]
                    line.append_text(piece)
                    pad = width - piece.cell_len
                    if e > s:
                        shown.append((s, e))
                else:
                    pad = width
                line.append(" " * (pad + 1))
                line.append_text(bar)
            if shown:
                out.append((line, min(s for s, _ in shown), max(e for _, e in shown), tuple(shown)))
            else:
                out.append((line, row[0][0], row[0][0], ()))
    last = rows[-1][-1][1]
    out.append((_border(widths, "└", "┴", "┘"), last, last, ()))
    return out


def _pieces(display: Display, ranges: list[tuple[int, int]]) -> list[tuple[Text, int, int]]:
    """The display text cut at the wrap ranges, with the doc offsets of each piece."""
    parts = display.cut(ranges)
    return [(parts[i], display.to_doc(s), display.to_doc(e)) for i, (s, e) in enumerate(ranges)]


def _records(rows, cells, width: int, header_rows: int) -> list[TableLine]:
    """Too wide for a grid: one record per row, a cell per line, labelled with its column's header."""
    labels = _column_labels(cells[:header_rows])
    records = list(zip(rows[header_rows:], cells[header_rows:])) if labels else list(zip(rows, cells))
    bar = Text("│ ", end="", spans=[Span(0, 1, DECORATION["table_border"])])
    inner = max(1, width - bar.cell_len)
    out: list[TableLine] = []
    for r, (row, displays) in enumerate(records):
        if r:
            out.append((Text("─" * min(width, 8), style=DECORATION["table_border"], end=""),
                        row[0][0], row[0][0], ()))
        for c, d in enumerate(displays):
            if not d.plain.strip():
                continue
            head = _label(labels[c] if c < len(labels) else "")
            indent = head.cell_len
            fits_after = indent + cell_len(d.plain) <= inner
            if indent > inner // 2 and not fits_after:  # a long label: on lines of its own, the value under it
                out.extend((bar + part, row[c][0], row[c][0], ())
                           for part in cut_text(head, wrap_cells(head.plain, inner)))
                head, indent = Text(end=""), 0
            for k, (piece, s, e) in enumerate(_pieces(d, wrap_cells(d.plain, inner - indent, d.nobreak))):
                prefix = head if k == 0 else Text(" " * indent, end="")
                out.append((bar + prefix + piece, s, e, ()))
    return out


def _column_labels(header_cells: list[list[Display]]) -> list[str]:
    """Each column's header text (header rows joined), or [] when the table has no header."""
    labels: list[str] = []
    for row in header_cells:
        for c, d in enumerate(row):
            words = " ".join(d.plain.split())
            if c == len(labels):
                labels.append(words)
            elif words:
                labels[c] = f"{labels[c]} {words}".strip()
    return labels if any(labels) else []


def _label(words: str) -> Text:
    """`类别：` or `Region: ` in the table header's style (nothing for an empty label)."""
    if not words:
        return Text(end="")
    colon = ": " if words.isascii() else "："
    return Text(words + colon, end="", spans=[Span(0, len(words), DECORATION["table_header"])])
