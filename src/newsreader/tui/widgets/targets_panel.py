"""The targets panel: the open article's numeric items, grouped by entity, targets before achieved.

It is a LineList, so a dense post's thousands of items cost only the rows on screen to draw: a
row is a group's heading or one item (its metric, then its value and details, each wrapped).
What a post's rows are and how many lines each takes (its `Listing`) is worked out with the
post, off the event loop; only a change of width measures them again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.message import Message

from newsreader.render import Wrapped, sanitize
from newsreader.targets.format import format_value
from newsreader.targets.model import Target
from newsreader.tui import styles
from newsreader.tui.widgets.line_list import LineList

KIND_TITLES = {"target": "targets", "achieved": "achieved"}
GENERAL = "General"  # the heading of items tied to no entity, in an article that names some
INDENT = 2  # a wrapped metric's later lines, and the details line under it
FINDING = "finding targets…"  # while the items are being extracted


def grouped(items: Sequence[Target]) -> list[tuple[str | None, str, list[int]]]:
    """(entity, kind, item indexes) groups: entities in order of appearance, targets first (one pass)."""
    by_entity: dict[str | None, dict[str, list[int]]] = {}
    for index, item in enumerate(items):
        kinds = by_entity.setdefault(item.entity, {kind: [] for kind in KIND_TITLES})
        if item.kind in kinds:
            kinds[item.kind].append(index)
    return [(entity, kind, indexes) for entity, kinds in by_entity.items() for kind, indexes in kinds.items()
            if indexes]


def item_parts(item: Target) -> tuple[str, str]:
    """The metric (the figure itself when there is none), then value (with comparator and unit), relation, horizon."""
    details = [format_value(item)]
    if item.relation:
        details.append(item.relation)
    if item.horizon:
        details.append(item.horizon)
    return sanitize(item.metric or item.text), sanitize(" · ".join(details))


def item_prompt(item: Target) -> Wrapped:
    """The metric, then the details indented under it."""
    metric, details = item_parts(item)
    return Wrapped(Text.assemble((metric, styles.item_style(item)), "\n", (details, "dim")), indent=INDENT)


def item_height(item: Target, width: int) -> int:
    """The lines `item_prompt(item)` takes at `width` cells, without wrapping it when both parts fit."""
    metric, details = item_parts(item)
    room = width - INDENT
    if cell_len(metric) <= room and cell_len(details) <= room:
        return 2
    return len(item_prompt(item).lines(width))


def row_height(row: int | Text, items: Sequence[Target], width: int) -> int:
    """The lines of a row (an item's index, or a heading) at `width` cells."""
    return item_height(items[row], width) if isinstance(row, int) else len(Wrapped(row).lines(width))


@dataclass
class Listing:
    """What the panel lists for a post: its items, the rows (an item's index, or a group's heading), their lines."""

    items: list[Target]
    rows: list[int | Text]
    item_rows: list[int]  # the row of each item
    width: int  # 0: not measured yet
    heights: list[int]  # the lines of each row at `width` cells


def listing(items: Sequence[Target], width: int) -> Listing:
    """The panel's rows for `items` at `width` cells, grouped by entity (headless: it runs in a thread)."""
    items = list(items)
    rows: list[int | Text] = []
    item_rows = [0] * len(items)
    groups = grouped(items)
    named = any(entity for entity, _, _ in groups)
    for entity, kind, indexes in groups:
        # with entities, every heading names its group, so that no count reads as the whole article's
        heading = f"{KIND_TITLES[kind]} ({len(indexes)})"
        rows.append(Text.assemble((sanitize(entity or GENERAL), "bold"), " · ", heading) if named
                    else Text(heading.capitalize(), style="bold"))
        for index in indexes:
            item_rows[index] = len(rows)
            rows.append(index)
    # (a hidden panel has no width: its rows are measured when it shows)
    return Listing(items, rows, item_rows, max(0, width),
                   [row_height(row, items, width) if width > 0 else 1 for row in rows])


class TargetsPanel(LineList):
    """Choosing an item (moving onto it or pressing enter) shows it in the article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Show in article", id="open"),
        Binding("t", "screen.targets", "Hide panel", id="targets"),
        Binding("escape", "screen.back", "Back", id="back"),
    ]

    class ItemChosen(Message):
        """An item was highlighted (`jump` False) or selected with enter or a click (`jump` True)."""

        def __init__(self, index: int, jump: bool) -> None:
            super().__init__()
            self.index = index
            self.jump = jump

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown = listing([], 1)
        self._drawn: LRUCache[tuple[int, int], Text] = LRUCache(256)  # (row, width) -> its lines
        self.show_items(None)

    # -- content -------------------------------------------------------------------------

    @property
    def items(self) -> list[Target]:
        """The open article's items."""
        return self.shown.items

    @property
    def rows(self) -> list[int | Text]:
        """An item's index, or a group's heading, for each row."""
        return self.shown.rows

    def show_items(self, items: Sequence[Target] | None, *, finding: bool = False) -> None:
        """List an article's items (None: no article is open; `finding`: its items are still being extracted)."""
        self.show_listing(listing(items or [], self.row_width), finding=finding, article=items is not None)

    def show_listing(self, shown: Listing, *, finding: bool = False, article: bool = True) -> None:
        """List an article's items as `listing` laid them out (`article` False: none is open)."""
        self.shown = shown
        items = shown.items
        self.empty_text = FINDING if finding else "no numeric targets" if article else "no article open"
        n_target = sum(1 for t in items if t.kind == "target")
        self.border_subtitle = (Text(f"{styles.count(n_target, 'target')} · {len(items) - n_target} achieved")
                                if items else Text(FINDING) if finding else None)
        self.show_cursor = False  # until an item is chosen
        self._drawn.clear()
        self._fit_width()
        self.set_count(len(shown.rows), shown.item_rows[0] if items else 0, shown.heights)

    def _fit_width(self) -> bool:
        """Measure the rows again if the panel's width is not the one they were measured at; True if it did."""
        shown, width = self.shown, self.row_width
        if width <= 0 or width == shown.width:
            return False
        shown.width = width
        shown.heights = [row_height(row, shown.items, width) for row in shown.rows]
        return True

    def on_resize(self, event: events.Resize) -> None:
        self._drawn.clear()
        if self._fit_width():
            self.set_row_heights(self.shown.heights)

    def selectable(self, index: int) -> bool:
        return isinstance(self.rows[index], int)

    def cursor_lines(self) -> tuple[int, int]:
        """The cursor's row, with its group's heading when it is the group's first item."""
        top, height = super().cursor_lines()
        if 0 < self.cursor < self.count and not self.selectable(self.cursor - 1):
            heading = self.row_height(self.cursor - 1)
            return top - heading, height + heading
        return top, height

    def render_row(self, index: int, width: int, style: Style) -> Text:
        drawn = self._drawn.get((index, width))
        if drawn is None:
            row = self.rows[index]
            wrapped = item_prompt(self.items[row]) if isinstance(row, int) else Wrapped(row)
            drawn = Text("\n", end="").join(wrapped.lines(width))
            self._drawn.set((index, width), drawn)
        return drawn

    # -- the cursor ----------------------------------------------------------------------

    @property
    def current(self) -> int | None:
        """The index (in `items`) of the item under the cursor, once one was chosen."""
        row = self.rows[self.cursor] if self.show_cursor and self.cursor < len(self.rows) else None
        return row if isinstance(row, int) else None

    def highlight_first(self) -> None:
        """Put the cursor on the first item, if there is one and none is chosen yet."""
        if self.items and not self.show_cursor:
            self.highlight_item(0)

    def highlight_item(self, item_index: int) -> None:
        """Put the cursor on one item (by its index in the article's items)."""
        if 0 <= item_index < len(self.items):
            self.show_cursor = True
            self.cursor = self.shown.item_rows[item_index]

    def action_cursor_down(self) -> None:
        """Move to the next item (the first, when none is chosen yet)."""
        if self.show_cursor:
            super().action_cursor_down()
        else:
            self.highlight_first()

    def action_cursor_up(self) -> None:
        """Move to the previous item (the first, when none is chosen yet)."""
        if self.show_cursor:
            super().action_cursor_up()
        else:
            self.highlight_first()

    def move_cursor(self, index: int, step: int = 1) -> None:
        self.show_cursor = True  # moved by a key or a click: an item is chosen
        super().move_cursor(index, step)

    def on_line_list_highlighted(self, event: LineList.Highlighted) -> None:
        event.stop()
        item = self.current
        if item is not None:  # (None: new items listed, none chosen yet)
            self.post_message(self.ItemChosen(item, jump=False))

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        event.stop()
        item = self.current
        if item is not None:
            self.post_message(self.ItemChosen(item, jump=True))
