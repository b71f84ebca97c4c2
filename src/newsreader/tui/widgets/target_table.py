"""The archive-wide targets table: one row per item, columns fitted to the width, drawn row by row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message

from newsreader.render import sanitize
from newsreader.store.index import PostRow
from newsreader.targets.format import format_value
from newsreader.targets.model import Target
from newsreader.tui import styles
from newsreader.tui.widgets.line_list import LineList

Item = tuple[PostRow, Target]
COMPARATORS = {">=": "≥", "<=": "≤", "~": "≈", "=": "=", "range": "range", "rank": "rank"}


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its title, how to get its text, its minimum width, and whether it takes spare room."""

    key: str
    title: str
    text: Callable[[PostRow, Target], str]
    min_width: int
    flex: int = 0


COLUMNS = {c.key: c for c in (
    Column("kind", "kind", lambda r, t: t.kind, 8),
    Column("entity", "entity", lambda r, t: t.entity or "", 6, 1),
    Column("metric", "metric", lambda r, t: t.metric or t.text, 12, 3),
    Column("value", "value", lambda r, t: format_value(t), 14),
    Column("comparator", "cmp", lambda r, t: COMPARATORS.get(t.comparator, t.comparator), 5),
    Column("horizon", "horizon", lambda r, t: t.horizon or "", 9),
    Column("date", "date", lambda r, t: (r.date or "")[:10] or "undated", 10),
    Column("title", "post", lambda r, t: r.label, 12, 3),
)}
PRIORITY = ["metric", "value", "entity", "date", "kind", "comparator", "horizon", "title"]
ORDER = ["kind", "entity", "metric", "value", "comparator", "horizon", "date", "title"]
GAP = 1


def fit_columns(width: int) -> list[tuple[Column, int]]:
    """The columns that fit in `width` cells (most important first), with their widths, in display order."""
    chosen: list[str] = []
    used = 0
    for key in PRIORITY:
        need = COLUMNS[key].min_width + (GAP if chosen else 0)
        if used + need <= width:
            chosen.append(key)
            used += need
    spare = max(0, width - used)
    flex = sum(COLUMNS[k].flex for k in chosen)
    widths = {k: COLUMNS[k].min_width for k in chosen}
    if flex:
        given = 0
        flexible = [k for k in chosen if COLUMNS[k].flex]
        for k in flexible:
            extra = spare * COLUMNS[k].flex // flex
            widths[k] += extra
            given += extra
        widths[flexible[-1]] += spare - given
    return [(COLUMNS[k], widths[k]) for k in ORDER if k in chosen]


class TargetTable(LineList):
    """Items across the archive; the screen around it sorts and filters them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open post", tooltip="Open the post with this item selected", id="open"),
    ]

    class Resized(Message):
        """The table's width changed: the column titles must be fitted again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Item] = []

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())  # (LineList's own handler runs too: Textual calls each class's)

    def show(self, items: Sequence[Item]) -> None:
        """Show these items from the top."""
        self.items = list(items)
        self.set_count(len(self.items), 0)

    @property
    def current(self) -> Item | None:
        """The item under the cursor."""
        return self.items[self.cursor] if self.items else None

    def header(self, width: int, sort_key: str, reverse: bool) -> Text:
        """The column titles for `width` cells, the sorted column marked."""
        return styles.column_header(fit_columns(width), sort_key, reverse, GAP)

    def render_row(self, index: int, width: int, style: Style) -> Text:
        row, item = self.items[index]
        out = Text(no_wrap=True, end="")
        for i, (column, cells) in enumerate(fit_columns(width)):
            if i:
                out.append(" " * GAP)
            cell = styles.fit(sanitize(column.text(row, item)), cells)
            out.append(cell, styles.item_style(item) if column.key in ("kind", "value") else "")
        return out
