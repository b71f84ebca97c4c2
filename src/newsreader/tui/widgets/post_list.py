"""The article list: date, category and title of every post in the view (and its number of targets
when sorted by it), drawn row by row.

Only rowids are held for the whole view; the rows on screen are fetched from the index in
batches and kept in an LRU cache, so a list of 100,000 posts costs what a screenful costs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache

from newsreader.render import sanitize
from newsreader.store.index import PostRow
from newsreader.tui import styles
from newsreader.tui.widgets.line_list import LineList

if TYPE_CHECKING:
    from newsreader.tui.session import Session

FETCH = 200  # rows fetched at once around a missing one
FLAG_CELLS = 3  # starred, unread, open
DATE_CELLS = 10
TITLE_CELLS = 50  # a typical archive title (25 Chinese characters), to be shown whole
CATEGORY_CELLS = 14
COUNT_CELLS = 4  # a post's number of targets, shown while the list is sorted by it
ONE_LINE = FLAG_CELLS + DATE_CELLS + 1 + TITLE_CELLS  # narrower rows take two lines: title, then date


def row_lines_for(width: int) -> int:
    """Lines per row at `width` cells: one when date and a whole title fit side by side, else two."""
    return 1 if width >= ONE_LINE else 2


class PostList(LineList):
    """The posts of the current view, newest first (or ranked, when searching)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", tooltip="Open the post under the cursor", id="open"),
        # the screen's keys most used here, repeated for the footer (same ids: remapped together)
        Binding("u", "screen.next_unread", "Next unread", id="next_unread"),
        Binding("s", "screen.star", "Star", id="star"),
        Binding("m", "screen.toggle_read", "Read", id="read"),
        Binding("T", "screen.archive_targets", "All targets", priority=True, id="all_targets"),  # priority, as on the screen
    ]

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.rowids: list[int] = []
        self.search_query: str | None = None
        self.open_rowid: int | None = None  # the post shown in the article pane
        self.show_categories = True  # False while the list shows one category
        self.show_targets = False  # True while the list is sorted by number of targets
        self._rows: LRUCache[int, PostRow] = LRUCache(4 * FETCH)

    def show(self, rowids: list[int], cursor: int = 0, query: str | None = None) -> None:
        """Show these posts (rowids, in order) with the cursor on row `cursor`."""
        self.rowids = rowids
        self.search_query = query
        self.set_count(len(rowids), cursor)

    def clear_cache(self) -> None:
        self._rows.clear()

    def mark_open(self, rowid: int | None) -> None:
        """Point at the post the article pane shows."""
        previous, self.open_rowid = self.open_rowid, rowid
        for changed in (previous, rowid):
            if changed is not None:
                self.forget(changed)

    def forget(self, rowid: int) -> None:
        """Redraw one post (after its marks changed)."""
        index = self.index_of(rowid)
        if index is not None:
            self.refresh_row(index)

    def on_resize(self, event: events.Resize) -> None:
        self.set_row_lines(row_lines_for(self.row_width))

    def row_at(self, index: int) -> PostRow | None:
        """The post on row `index` (fetched with its neighbours when not cached)."""
        if not 0 <= index < len(self.rowids):
            return None
        rowid = self.rowids[index]
        row = self._rows.get(rowid)
        if row is None:
            start = max(0, index - FETCH // 4)
            for fetched in self.session.index.rows(self.rowids[start : start + FETCH]):
                self._rows.set(fetched.rowid, fetched)
            row = self._rows.get(rowid)
        return row

    @property
    def current(self) -> PostRow | None:
        """The post under the cursor."""
        return self.row_at(self.cursor) if self.count else None

    def index_of(self, rowid: int) -> int | None:
        """The row showing a post, if it is in the view."""
        try:
            return self.rowids.index(rowid)
        except ValueError:
            return None

    def render_row(self, index: int, width: int, style: Style) -> Text:
        row = self.row_at(index)
        if row is None:  # the post left the index since the view was made
            return Text("")
        unread = not self.session.is_read(row)
        flags = Text.assemble(
            (styles.STAR_FLAG if self.session.is_starred(row) else " ", styles.STAR_MARK),
            (styles.UNREAD_FLAG if unread else " ", styles.UNREAD_MARK),
            (styles.OPEN_FLAG if row.rowid == self.open_rowid else " ", styles.OPEN_MARK),
        )
        day = (row.date or "")[:DATE_CELLS] or "undated"
        category = sanitize(",".join(row.categories)) if self.show_categories else ""
        title_style = Style(bold=unread)
        if self.row_lines == 1:
            parts = [flags, Text(styles.fit(day, DATE_CELLS) + " ", style="dim" if not unread else "")]
            used = FLAG_CELLS + DATE_CELLS + 1
            if self.show_targets:
                parts.append(Text(f"{row.n_target:>{COUNT_CELLS}} ", style="dim"))
                used += COUNT_CELLS + 1
            if category and width - used - CATEGORY_CELLS - 1 >= TITLE_CELLS:
                parts.append(Text(styles.fit(category, CATEGORY_CELLS) + " ", style="dim"))
                used += CATEGORY_CELLS + 1
            title = styles.fit(sanitize(row.label), max(0, width - used))
            parts.append(styles.highlighted(title, self.search_query, style=title_style))
            return Text.assemble(*parts, no_wrap=True, end="")
        # two lines: the title, then date · category · targets under it
        title = styles.fit(sanitize(row.label), max(0, width - FLAG_CELLS))
        about = [day] + ([category] if category else []) + \
            ([styles.count(row.n_target, "target")] if self.show_targets else [])
        details = styles.fit(" " * FLAG_CELLS + " · ".join(about), width)
        return Text.assemble(flags, styles.highlighted(title, self.search_query, style=title_style), "\n",
                             (details, "dim"), no_wrap=True, end="")
