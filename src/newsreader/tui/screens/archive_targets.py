"""Targets across the archive (`T`): every item in the current filter, sortable and filterable by metric."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from newsreader.render import sanitize
from newsreader.store.index import Filter
from newsreader.store.search import normalize
from newsreader.tui.widgets.target_table import Item, TargetTable

if TYPE_CHECKING:
    from newsreader.tui.session import Session

KINDS = (None, "target", "achieved")
LARGE_VIEW = 5_000  # posts; above this the table reads one metric's items at a time
METRIC_DELAY = 0.3  # seconds of quiet typing before a large view asks the index
SORTS = {
    "metric": lambda it: normalize(it[1].metric or it[1].text),
    "entity": lambda it: normalize(it[1].entity or "\uffff"),
    "date": lambda it: it[0].date or "",
}
FIRST_REVERSED = {"date"}  # a column's first order: dates newest first (as the list), text A to Z


def sort_items(items: list[Item], key: str, reverse: bool) -> None:
    """Sort by one column; ties keep the base order: newest post first, items in reading order."""
    items.sort(key=lambda it: (it[0].id, it[1].start))
    items.sort(key=SORTS["date"], reverse=True)  # stable sorts: each pass keeps the previous order in ties
    if key != "date" or not reverse:
        items.sort(key=SORTS[key], reverse=reverse)


def filter_items(items: list[Item], metric: str, kind: str | None) -> list[Item]:
    """The items whose metric contains `metric` (compared as search compares) and of `kind` (None: any)."""
    wanted = normalize(metric)
    return [it for it in items
            if (kind is None or it[1].kind == kind) and (not wanted or wanted in normalize(it[1].metric or ""))]


class MetricFilter(Input):
    """The metric filter above the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.clear_filter", "Clear filter"),
        Binding("down,enter", "screen.focus_table", "To table"),
    ]


class ArchiveTargetsScreen(Screen[Item | None]):
    """Every extracted item in the reader's current filter and search, as a table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", tooltip="Back to the reader"),
        Binding("M", "sort('metric')", "Sort by metric"),
        Binding("E", "sort('entity')", "Sort by entity"),
        Binding("D", "sort('date')", "Sort by date"),
        Binding("K", "cycle_kind", "Kind", tooltip="Show all items, only targets, or only achieved figures"),
        Binding("slash,f", "focus_filter", "Filter by metric", tooltip="Type a metric: 地区生产总值, 失业率"),
    ]

    def __init__(self, session: Session, flt: Filter, query: str | None, scope: str) -> None:
        super().__init__()
        self.session = session
        self.flt = flt
        self.search = query
        self.scope = scope
        self.all_items: list[Item] = []
        self.sort_key = "date"
        self.reverse = self.sort_key in FIRST_REVERSED
        self.kind: str | None = None
        self.loaded = False
        self.by_metric = False  # True in a large view: items are read from the index per metric
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield MetricFilter(placeholder="type a metric to filter (地区生产总值, 失业率); escape clears",
                           id="metric-filter", select_on_focus=False)
        yield Static(id="archive-header")
        yield TargetTable(id="archive-table")
        yield Static(id="archive-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(TargetTable)
        table.empty_text = "loading…"
        table.border_title = Text(f"Targets across the archive · {self.scope}")
        table.focus()
        self.load(None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="archive-items")
    def load(self, metric: str | None) -> None:
        """Read the items of the filter from the index (in a thread): all of them, or one metric's.

        In a large view every item would be too many to hold, so there the items are read
        per metric, as the user types one.
        """
        index = self.session.index
        plain = self.flt == Filter() and not self.search
        flt = None if plain else self.flt
        if metric is None:
            posts = index.count() if plain else len(index.view(self.flt, self.search, self.session.state))
            if posts > LARGE_VIEW:
                self.app.call_from_thread(self._loaded, [], posts)
                return
        items = index.all_items(metric=metric or None, flt=flt, query=self.search, state=self.session.state)
        self.app.call_from_thread(self._loaded, items, None if metric is None else -1)

    def _loaded(self, items: list[Item], too_many: int | None) -> None:
        """`too_many`: None (every item is here), -1 (one metric's items), or the posts of a large view."""
        self.all_items = items
        self.by_metric = too_many is not None
        self.loaded = True
        table = self.query_one(TargetTable)
        table.empty_text = (f"{too_many:,} posts: type a metric to list its items" if too_many and too_many > 0
                            else "no items match")
        self.apply()

    def apply(self) -> None:
        """Filter and sort the items into the table."""
        metric = self.query_one(MetricFilter).value
        shown = filter_items(self.all_items, metric, self.kind)
        sort_items(shown, self.sort_key, self.reverse)
        table = self.query_one(TargetTable)
        table.show(shown)
        what = {None: "items", "target": "targets", "achieved": "achieved figures"}[self.kind]
        about = f" · metric “{sanitize(metric)}”" if metric else ""
        of = "" if self.by_metric else f" of {len(self.all_items):,}"
        table.border_subtitle = Text(f"{len(shown):,} {what}{about}{of}")
        self._draw_header()
        self.call_after_refresh(self._draw_header)  # the scrollbar may come or go with the new rows

    def _draw_header(self) -> None:
        table = self.query_one(TargetTable)
        width = table.row_width or max(1, self.size.width - 4)
        header = Text(" ") + table.header(width, self.sort_key, self.reverse)
        self.query_one("#archive-header", Static).update(header)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._draw_header)

    def on_target_table_resized(self, event: TargetTable.Resized) -> None:
        self.call_after_refresh(self._draw_header)

    def on_input_changed(self, event: Input.Changed) -> None:
        if not self.loaded:
            return
        if self.by_metric:  # a large view: ask the index, once the typing pauses
            if self._timer is not None:
                self._timer.stop()
            self._timer = self.set_timer(METRIC_DELAY, lambda: self.load(event.value.strip() or None))
        else:
            self.apply()

    def on_line_list_highlighted(self, event: TargetTable.Highlighted) -> None:
        table = self.query_one(TargetTable)
        current = table.current
        detail = self.query_one("#archive-detail", Static)
        if current is None:
            detail.update("")
            return
        row, item = current
        detail.update(Text.assemble((sanitize(row.label), "bold"), "  ", ((row.date or "undated")[:10], "dim"),
                                    "\n", sanitize(item.sentence or item.text)))

    def on_line_list_selected(self, event: TargetTable.Selected) -> None:
        event.stop()
        current = self.query_one(TargetTable).current
        if current is not None:
            self.dismiss(current)

    def on_key(self, event: events.Key) -> None:
        """Typing in the table goes to the metric filter (Chinese included)."""
        table = self.query_one(TargetTable)
        if (self.focused in (table, None) and event.is_printable and event.character
                and event.key not in self.active_bindings):  # (None: typed before the table took focus)
            event.stop()
            event.prevent_default()
            box = self.query_one(MetricFilter)
            box.focus()
            box.insert_text_at_cursor(event.character)

    def on_paste(self, event: events.Paste) -> None:
        box = self.query_one(MetricFilter)
        if self.focused is not box:
            box.focus()
            box.insert_text_at_cursor(" ".join(event.text.split()))

    def action_sort(self, key: str) -> None:
        """Sort by a column; the same key again reverses the order."""
        self.reverse = not self.reverse if key == self.sort_key else key in FIRST_REVERSED
        self.sort_key = key
        self.apply()

    def action_cycle_kind(self) -> None:
        """All items, then only targets, then only achieved figures."""
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self.apply()

    def action_focus_filter(self) -> None:
        """Type into the metric filter."""
        self.query_one(MetricFilter).focus()

    def action_focus_table(self) -> None:
        """Back from the filter to the table (in a large view, reading the metric's items now)."""
        if self.by_metric:
            if self._timer is not None:
                self._timer.stop()
            self.load(self.query_one(MetricFilter).value.strip() or None)
        self.query_one(TargetTable).focus()

    def action_clear_filter(self) -> None:
        """Clear the metric filter and go back to the table."""
        self.query_one(MetricFilter).value = ""
        self.query_one(TargetTable).focus()

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(None)
