"""A cursor list that draws only the rows on screen (the Line API), for lists of any length.

A row is one or more terminal lines: all rows `row_lines` lines (the post list uses two when it
is too narrow to show a title whole beside its date), or each row its own number (`heights`, the
targets panel: a heading, then items of one or more lines). Rows that are not `selectable` (a
heading) are stepped over by the cursor.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from newsreader.tui.widgets.lines_view import LinesView


class LineList(LinesView, can_focus=True):
    """One row per item, a cursor, and keyboard and mouse movement; subclasses draw the rows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="up"),
        Binding("g,home", "first", "Top", show=False, id="top"),
        Binding("G,end", "last", "Bottom", show=False, id="bottom"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id="list_page_down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="list_page_up"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"line-list--cursor", "line-list--empty"}

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to a row."""

        def __init__(self, sender: LineList, index: int) -> None:
            super().__init__()
            self.list = sender
            self.index = index

        @property
        def control(self) -> LineList:
            return self.list

    class Selected(Highlighted):
        """A row was chosen (enter or a click)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0
        self.empty_text = ""
        self.row_lines = 1  # terminal lines per row (when the rows have no heights of their own)
        self.show_cursor = True  # False: the cursor row is drawn as the others
        self._starts: list[int] | None = None  # with heights: the first line of each row, then the end
        self._width = 0  # of the rows drawn, read once a drawing pass (it costs as much as a row)

    # -- content -------------------------------------------------------------------------

    def set_count(self, count: int, cursor: int = 0, heights: Sequence[int] | None = None) -> None:
        """Show `count` rows with the cursor on row `cursor`; `heights`: each row's lines (else `row_lines`)."""
        self.count = count
        self._starts = list(accumulate(heights, initial=0)) if heights is not None else None
        self.virtual_size = Size(0, self._line_count())
        self.clear_cache()
        self.set_reactive(LineList.cursor, self._clamp(cursor))
        self._follow_cursor()
        self.refresh()
        if count:
            self.post_message(self.Highlighted(self, self.cursor))

    def set_row_lines(self, lines: int) -> None:
        """Draw each row on `lines` terminal lines (the cursor row stays on screen)."""
        if lines == self.row_lines:
            return
        self.row_lines = lines
        self.virtual_size = Size(0, self._line_count())
        self.refresh()
        self._follow_cursor()

    def set_row_heights(self, heights: Sequence[int]) -> None:
        """Give the rows new heights (the width changed), the cursor row staying on screen."""
        self._starts = list(accumulate(heights, initial=0))
        self.virtual_size = Size(0, self._line_count())
        self.refresh()
        self._follow_cursor()

    def _line_count(self) -> int:
        return self._starts[-1] if self._starts is not None else self.count * self.row_lines

    def row_top(self, index: int) -> int:
        """The first line of row `index`."""
        return self._starts[index] if self._starts is not None else index * self.row_lines

    def row_height(self, index: int) -> int:
        """The lines of row `index`."""
        return self._starts[index + 1] - self._starts[index] if self._starts is not None else self.row_lines

    def row_at_line(self, line: int) -> int:
        """The row drawn on `line` (`count` below the last row)."""
        if self._starts is None:
            return line // self.row_lines
        return min(self.count, bisect_right(self._starts, line) - 1)

    def cursor_lines(self) -> tuple[int, int]:
        """The first line and the number of lines to keep on screen around the cursor: its row's."""
        return (self.row_top(self.cursor), self.row_height(self.cursor)) if self.count else (0, 1)

    def selectable(self, index: int) -> bool:
        """Whether the cursor may rest on row `index` (subclasses say no for headings)."""
        return True

    def clear_cache(self) -> None:
        """Forget cached rows (subclasses cache what they fetch)."""

    def render_row(self, index: int, width: int, style: Style) -> Text:
        """The text of one row (subclasses override), its lines separated by "\n"; `style` is its base style."""
        raise NotImplementedError

    def refresh_row(self, index: int) -> None:
        """Redraw one row."""
        if 0 <= index < self.count:
            self.refresh_lines(self.row_top(index), self.row_height(index))

    @property
    def rows_on_screen(self) -> int:
        """How many whole rows of `row_lines` lines the list shows at once."""
        return max(1, self.scrollable_content_region.height // self.row_lines)

    # -- drawing ---------------------------------------------------------------------------

    @property
    def row_width(self) -> int:
        """Cells available to a row."""
        return self.scrollable_content_region.width

    def render_lines(self, crop: Region) -> list[Strip]:
        self._width = self.row_width
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line_number = self.scroll_offset.y + y
        index = self.row_at_line(line_number)
        width = self._width or self.row_width
        base = self.base_style
        if index >= self.count:
            if self.count == 0 and line_number == 0 and self.empty_text:
                style = base + self.get_component_rich_style("line-list--empty")
                text = Text(self.empty_text, no_wrap=True, end="")  # (render() leaves out a Text's own style)
                strip = Strip(text.render(self.app.console), text.cell_len).apply_style(style)
                return strip.adjust_cell_length(width, base)
            return Strip.blank(width, base)
        line = line_number - self.row_top(index)
        style = base
        if index == self.cursor and self.show_cursor:
            style = base + self.get_component_rich_style("line-list--cursor")
        text = self.render_row(index, width, style)
        if self.row_height(index) > 1:
            lines = text.split("\n", allow_blank=True)
            text = lines[line] if line < len(lines) else Text("")
        text.no_wrap = True
        text.end = ""
        strip = Strip(text.render(self.app.console))
        return strip.adjust_cell_length(width, style).apply_style(style)

    # -- the cursor ------------------------------------------------------------------------

    def _clamp(self, index: int) -> int:
        return max(0, min(index, self.count - 1)) if self.count else 0

    def validate_cursor(self, value: int) -> int:
        return self._clamp(value)

    def watch_cursor(self, old: int, new: int) -> None:
        self._follow_cursor()
        self.refresh_row(old)
        self.refresh_row(new)
        if self.count:
            self.post_message(self.Highlighted(self, new))

    def _follow_cursor(self, retry: bool = True) -> None:
        """Scroll just enough to keep the cursor row on screen (once laid out, if it is not yet)."""
        if self.scrollable_content_region.height > 0:
            top, height = self.cursor_lines()
            self.scroll_to_region(Region(0, top, 1, height), animate=False, force=True, immediate=True)
        elif retry:
            self.call_after_refresh(self._follow_cursor, False)

    def on_resize(self, event: events.Resize) -> None:
        self.clear_cache()
        self._follow_cursor()

    def move_cursor(self, index: int, step: int = 1) -> None:
        """Put the cursor on row `index`, else on the nearest selectable row after it (`step` 1) or before (-1)."""
        index = self._clamp(index)
        for direction in (step, -step):
            probe = index
            while 0 <= probe < self.count:
                if self.selectable(probe):
                    self.cursor = probe
                    return
                probe += direction

    def _page(self, step: int) -> int:
        """The row a screenful below (`step` 1) or above (-1) the cursor."""
        if self._starts is None:
            return self.cursor + step * max(1, self.rows_on_screen - 1)
        line = self.row_top(self.cursor) + step * max(1, self.scrollable_content_region.height - 1)
        return self.row_at_line(max(0, line))

    def action_cursor_down(self) -> None:
        """Move the cursor down one row."""
        self.move_cursor(self.cursor + 1, 1)

    def action_cursor_up(self) -> None:
        """Move the cursor up one row."""
        self.move_cursor(self.cursor - 1, -1)

    def action_first(self) -> None:
        """Move the cursor to the first row."""
        self.move_cursor(0, 1)

    def action_last(self) -> None:
        """Move the cursor to the last row."""
        self.move_cursor(self.count - 1, -1)

    def action_page_down(self) -> None:
        """Move the cursor down a screenful."""
        self.move_cursor(self._page(1), 1)

    def action_page_up(self) -> None:
        """Move the cursor up a screenful."""
        self.move_cursor(self._page(-1), -1)

    def action_select(self) -> None:
        """Choose the row under the cursor."""
        if self.count:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.row_at_line(self.scroll_offset.y + offset.y)
        if 0 <= index < self.count and self.selectable(index):
            self.move_cursor(index)
            self.post_message(self.Selected(self, index))
