"""Targets across the archive (`T`): every item in the current filter, sortable and filterable by metric."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from newsreader.render import Wrapped, cut_text, sanitize, wrap_cells
from newsreader.render.linebreak import OPENING
from newsreader.store.index import Filter
from newsreader.store.search import normalize
from newsreader.tui import styles
from newsreader.tui.widgets.target_table import Item, TargetTable

if TYPE_CHECKING:
    from newsreader.targets.model import Target
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


def distinct_items(items: list[Item]) -> list[Item]:
    """The items without repeats: a post stating the same figure twice (a lead and its body) counts it once."""
    seen: set[tuple] = set()
    out = []
    for row, item in items:
        fact = (row.rowid, item.kind, item.entity, item.metric, item.value, item.low, item.high, item.unit,
                item.comparator, item.horizon)
        if fact not in seen:
            seen.add(fact)
            out.append((row, item))
    return out


def filter_items(items: list[Item], metric: str, kind: str | None) -> list[Item]:
    """The items whose metric contains `metric` (compared as search compares) and of `kind` (None: any)."""
    wanted = normalize(metric)
    return [it for it in items
            if (kind is None or it[1].kind == kind) and (not wanted or wanted in normalize(it[1].metric or ""))]


def excerpt(item: Target, width: int, rows: int) -> Text:
    """The item's sentence, the item highlighted, as the `rows` lines at `width` cells that show it.

    Lines break by the article's rules; where a break would fall inside the item, it moves
    to just before it, so that the item reads whole.
    """
    sentence = sanitize(item.sentence or item.text)
    text = Text(sentence, end="")
    at = sentence.find(sanitize(item.text))
    end = at + len(item.text)
    if at >= 0:
        text.stylize(styles.item_style(item), at, end)
    ranges = wrap_cells(sentence, width)
    line = next((k for k, (start, stop) in enumerate(ranges) if start <= max(at, 0) < stop), 0)
    if at > ranges[line][0] and ranges[line][1] < end and sentence[at - 1] not in OPENING:
        ranges = wrap_cells(sentence[:at], width) + [(s + at, e + at) for s, e in wrap_cells(sentence[at:], width)]
        line = next(k for k, (start, _) in enumerate(ranges) if start == at)
    first = max(0, min(line - 1, len(ranges) - rows))  # a line of context before the item when it can
    return Text("\n", end="").join(cut_text(text, ranges[first:first + rows]))


class MetricFilter(Input):
    """The metric filter above the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.clear_filter", "Clear filter", id="clear_filter"),
        Binding("down,enter", "screen.focus_table", "To table", id="to_table"),
    ]


class ArchiveTargetsScreen(Screen[Item | None]):
    """Every extracted item in the reader's current filter and search, as a table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", tooltip="Back to the reader", id="close"),
        Binding("M", "sort('metric')", "By metric", id="sort_by_metric", tooltip="Sort by metric; again reverses"),
        Binding("E", "sort('entity')", "By entity", id="sort_by_entity", tooltip="Sort by entity; again reverses"),
        Binding("D", "sort('date')", "By date", id="sort_by_date",
                tooltip="Sort by date (newest first); again reverses"),
        Binding("K", "cycle_kind", "Kind", tooltip="Show all items, only targets, or only achieved figures",
                id="kind"),
        Binding("slash,f", "focus_filter", "Filter", tooltip="Type a metric to filter by: 地区生产总值, 失业率",
                id="filter_by_metric"),
    ]

    def __init__(self, session: Session, flt: Filter, query: str | None, scope: str) -> None:
        super().__init__()
        self.session = session
        self.flt = flt
        self.search = query
        self.scope = scope
        self.all_items: list[Item] = []
        self.coverage = (0, 0)  # (posts whose numeric items are extracted, posts): items still come while short
        self.sort_key = "date"
        self.reverse = self.sort_key in FIRST_REVERSED
        self.kind: str | None = None
        self.metric = ""
        self._restore(session.setting("archive_targets"))
        self.loaded = False
        self.by_metric = False  # True in a large view: items are read from the index per metric
        self._timer: Timer | None = None

    def _restore(self, saved: object) -> None:
        """The metric filter, sort and kind of the last time this screen was open (ignored when they no longer read)."""
        if not isinstance(saved, dict):
            return
        if saved.get("sort") in SORTS and isinstance(saved.get("reverse"), bool):
            self.sort_key, self.reverse = saved["sort"], saved["reverse"]
        if saved.get("kind") in KINDS:
            self.kind = saved["kind"]
        if isinstance(saved.get("metric"), str):
            self.metric = saved["metric"]

    def _remember(self) -> None:
        self.session.save_setting("archive_targets", {"metric": self.query_one(MetricFilter).value,
                                                      "sort": self.sort_key, "reverse": self.reverse,
                                                      "kind": self.kind})

    def compose(self) -> ComposeResult:
        yield MetricFilter(self.metric, placeholder="type a metric to filter (地区生产总值, 失业率); escape clears",
                           id="metric-filter", select_on_focus=False)
        yield Static(id="archive-header")
        yield TargetTable(id="archive-table")
        yield Static(id="archive-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(TargetTable)
        table.empty_text = "loading…"
        where = f"“{sanitize(self.search)}” in {self.scope}" if self.search else self.scope
        table.border_title = Text(f"Targets across the archive · {where}")
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
        self.coverage = index.items_coverage()
        self.app.call_from_thread(self._loaded, items, None if metric is None else -1)

    def _loaded(self, items: list[Item], too_many: int | None) -> None:
        """`too_many`: None (every item is here), -1 (one metric's items), or the posts of a large view."""
        self.all_items = distinct_items(items)
        self.by_metric = too_many is not None
        self.loaded = True
        table = self.query_one(TargetTable)
        table.empty_text = (f"{too_many:,} posts: type a metric to list its items" if too_many and too_many > 0
                            else "no items match")
        metric = self.query_one(MetricFilter).value.strip()
        if too_many and too_many > 0 and metric:  # a large view opened with a metric already typed
            self.load(metric)
            return
        self.apply()

    def apply(self) -> None:
        """Filter and sort the items into the table."""
        metric = self.query_one(MetricFilter).value
        shown = filter_items(self.all_items, metric, self.kind)
        sort_items(shown, self.sort_key, self.reverse)
        table = self.query_one(TargetTable)
        table.show(shown)
        if not shown:
            self.query_one("#archive-detail", Static).update("")
        what = {None: "items", "target": "targets", "achieved": "achieved figures"}[self.kind]
        about = f" · metric “{sanitize(metric)}”" if metric else ""
        of = "" if self.by_metric else f" of {len(self.all_items):,}"
        done, total = self.coverage
        so_far = f" · numeric items of {done:,} of {total:,} posts so far" if done < total else ""
        table.border_subtitle = Text(f"{len(shown):,} {what}{about}{of}{so_far}")
        self._draw_header()
        self.call_after_refresh(self._draw_header)  # the scrollbar may come or go with the new rows

    def _draw_header(self) -> None:
        table = self.query_one(TargetTable)
        width = table.row_width or max(1, self.size.width - 4)
        header = Text(" ") + table.header(width, self.sort_key, self.reverse)
        self.query_one("#archive-header", Static).update(header)

    def on_resize(self, event: events.Resize) -> None:
        from newsreader.tui.screens.reader import fit_footer

        fit_footer(self.query_one(Footer), event.size.width)
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
        width = max(1, detail.content_region.width)
        date = (row.date or "undated")[:10]
        label = Text(sanitize(row.label), style="bold", no_wrap=True)
        # The heading keeps to one line (the title cut short), so the excerpt has the rows it was cut for.
        label.truncate(max(1, width - len(date) - 2), overflow="ellipsis")
        heading = Text.assemble(label, "  ", (date, "dim"))
        heading.truncate(width, overflow="ellipsis")
        rows = max(1, detail.content_region.height - 1)
        sentence = excerpt(item, width, rows)
        detail.update(Group(heading, Wrapped(sentence)))

    def on_line_list_selected(self, event: TargetTable.Selected) -> None:
        event.stop()
        current = self.query_one(TargetTable).current
        if current is not None:
            self._remember()
            self.dismiss(current)

    def on_key(self, event: events.Key) -> None:
        """Typing in the table goes to the metric filter (Chinese included).

        The filter box handles the printable keys sent to it, so one that reaches the screen was typed
        elsewhere — also when the focus moved to the box after the key was sent to the table: keys
        typed in one burst are all queued for the table before the first of them moves the focus.
        """
        if event.is_printable and event.character and event.key not in self.active_bindings:
            event.stop()
            event.prevent_default()
            box = self.query_one(MetricFilter)
            box.focus()
            box.insert_text_at_cursor(event.character)

    def on_paste(self, event: events.Paste) -> None:
        box = self.query_one(MetricFilter)
        if self.focused is not box:
            self.set_focus(box)  # at once (focus() waits a turn, and the next key would miss the box)
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
        """Back to the reader (the filter, sort and kind are kept for the next time)."""
        self._remember()
        self.dismiss(None)
