"""The scorecard (`S`): every target of the archive set against what was achieved, year after year.

The rows come from the scorecard kept beside the cache index (`scorecard.cache`): shown at once
when kept, and brought up to date in a worker when the index changed since (the kept rows stay
on screen meanwhile). Type to filter by entity, metric or year; `E` `M` `Y` `T` `R` `V` sort by
a column (the same key again reverses); enter opens the target's post at its sentence, `o` the
result's; `C` charts the highlighted row's entity and metric across the years.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from newsreader.render import sanitize
from newsreader.scorecard.cache import ScorecardCache, ScoreLine, View
from newsreader.scorecard.fields import verdict_text
from newsreader.store.index import PostRow, StoreError
from newsreader.targets.model import Target
from newsreader.tui.widgets.scorecard_table import ScorecardTable

if TYPE_CHECKING:
    from newsreader.tui.session import Session

Chosen = tuple[PostRow, Target]
SORT_KEYS = {"E": "entity", "M": "metric", "Y": "year", "T": "target", "R": "result", "V": "verdict"}
TITLE = "Scorecard · every target against what was achieved"


class ScorecardFilter(Input):
    """The filter above the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.clear_filter", "Clear filter", id="clear_filter"),
        Binding("down,enter", "screen.focus_table", "To table", id="to_table"),
    ]


class ScorecardScreen(Screen[Chosen | None]):
    """Every target of the archive with its result and verdict."""

    CSS_PATH = "scorecard.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", tooltip="Back to the reader", id="close"),
        Binding("o", "open_result", "Result's post", tooltip="Open the post that reports the result, at its sentence",
                id="open_result"),
        Binding("C", "chart", "Chart", tooltip="The highlighted entity's metric across the years", id="chart"),
        *(Binding(key, f"sort('{column}')", f"Sort by {column}", show=False, id=f"sort_by_{column}",
                  tooltip=f"Sort by {column}; again reverses") for key, column in SORT_KEYS.items()),
        Binding("slash", "focus_filter", "Filter", tooltip="Type an entity, a metric or a year: 云川 gdp 2023",
                id="filter_scorecard"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.cache: ScorecardCache | None = None
        self.words = ""
        self.sort_key = "entity"
        self.reverse = False
        self.total = 0  # rows kept
        self.status = ""  # what the worker is doing: updating, placing posts
        self.counts = ""  # what the view holds: "12 of 96 · “江州” · 7 met …"
        self.coverage = ""  # while a refresh still extracts numeric items: how many posts the rows cover
        self.view_serial = 0  # the latest query of the rows (an older one's answer is not shown)

    def compose(self) -> ComposeResult:
        yield ScorecardFilter(placeholder="type an entity, a metric or a year to filter (云川 gdp 2023); escape clears",
                              id="scorecard-filter", select_on_focus=False)
        yield Static(id="scorecard-header")
        yield ScorecardTable(id="scorecard-table")
        yield Static(id="scorecard-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(ScorecardTable)
        table.empty_text = "reading the scorecard…"
        table.border_title = Text(TITLE)
        table.focus()
        self.load()

    def on_unmount(self) -> None:
        if self.cache is not None:
            self.cache.close()

    # -- the kept scorecard, read and brought up to date in a worker -----------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="scorecard", description="reading the scorecard")
    def load(self, cache: ScorecardCache | None = None) -> None:
        """Show the kept rows (of `cache` when it is open already), then bring them up to date when the
        index changed since."""
        try:
            done, total = self.session.index.items_coverage()
            coverage = f"numeric items of {done:,} of {total:,} posts so far" if done < total else ""
            if cache is None:
                cache = ScorecardCache(self.session.index)
                self.app.call_from_thread(self._opened, cache, coverage)
            else:
                self.app.call_from_thread(self._set_coverage, coverage)
            if cache.stale():
                self.app.call_from_thread(self._set_status, "updating…")
                cache.update(progress=lambda done, total: self.app.call_from_thread(
                    self._set_status, f"placing the figures of {done:,} of {total:,} posts…"))
                self.app.call_from_thread(self._set_status, "")
                self.app.call_from_thread(self.show_view)
        except (StoreError, sqlite3.Error, OSError) as exc:
            self.app.call_from_thread(self._failed, str(exc))

    def _opened(self, cache: ScorecardCache, coverage: str) -> None:
        if not self.is_attached:  # closed before it opened
            cache.close()
            return
        self.cache = cache
        self.coverage = coverage
        self.show_view()

    def _set_coverage(self, coverage: str) -> None:
        self.coverage = coverage
        if self.is_attached:
            self._draw_subtitle(None)

    def items_extracted(self) -> None:
        """The reader's refresh gave more posts their numeric items: bring the rows up to date."""
        if self.cache is not None:
            self.load(self.cache)

    def _set_status(self, status: str) -> None:
        self.status = status
        if not self.is_attached:
            return
        table = self.query_one(ScorecardTable)
        if not table.count and status:  # nothing kept yet: the first build
            table.empty_text = f"building the scorecard: {status}"
            table.refresh()
        self._draw_subtitle(None)

    def _failed(self, message: str) -> None:
        if not self.is_attached:
            return
        table = self.query_one(ScorecardTable)
        table.empty_text = f"the scorecard could not be built: {sanitize(message)}"
        self.status = "failed"
        table.refresh()

    def show_view(self) -> None:
        """Show the rows for the words typed and the sort chosen, queried in a worker; of several
        queries under way, only the latest one's answer is shown."""
        if self.cache is None:
            return  # the first view comes once the kept scorecard is open
        self.view_serial += 1
        self._query_view(self.cache, self.view_serial, self.words, self.sort_key, self.reverse)

    @work(thread=True, exclusive=True, exit_on_error=False, group="scorecard-view", description="filtering")
    def _query_view(self, cache: ScorecardCache, serial: int, words: str, sort: str, reverse: bool) -> None:
        try:
            total = cache.count()
            view = cache.view(words, sort, reverse)
        except sqlite3.Error as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._show, view, total, serial)

    # -- the table ------------------------------------------------------------------------------

    def _show(self, view: View, total: int, serial: int) -> None:
        """Show a view, keeping the cursor on its row when it stays (an answer to an older query is dropped)."""
        if serial != self.view_serial or not self.is_attached or self.cache is None:
            return
        table = self.query_one(ScorecardTable)
        current = table.current
        cursor = 0
        if current is not None:
            cursor = next((i for i, rid in enumerate(view.rids) if rid == current.rid), 0)
        self.total = total
        table.empty_text = ("no targets match" if total else
                            f"building the scorecard: {self.status}" if self.status else "no targets in this archive")
        table.show(self.cache, view.rids, cursor)
        if not view.rids:
            self.query_one("#scorecard-detail", Static).update("")
        self._draw_subtitle(view)
        self._draw_header()
        self.call_after_refresh(self._draw_header)  # the scrollbar may come or go with the new rows

    def _draw_subtitle(self, view: View | None) -> None:
        """"12 of 96 · “江州” · 7 met · 3 exceeded …", and what the worker is doing."""
        table = self.query_one(ScorecardTable)
        if view is not None:
            about = f" · “{sanitize(self.words)}”" if self.words.strip() else ""
            counts = " · ".join(f"{n:,} {verdict}" for verdict, n in view.verdicts.items() if n)
            self.counts = f"{len(view.rids):,} of {self.total:,}{about}" + (f" · {counts}" if counts else "")
        table.border_subtitle = Text(" · ".join(part for part in (self.counts, self.coverage, self.status) if part))

    def _draw_header(self) -> None:
        table = self.query_one(ScorecardTable)
        width = table.row_width or max(1, self.size.width - 4)
        self.query_one("#scorecard-header", Static).update(Text(" ") + table.header(width, self.sort_key,
                                                                                     self.reverse))

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._draw_header)

    def on_scorecard_table_resized(self, event: ScorecardTable.Resized) -> None:
        self.call_after_refresh(self._draw_header)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.words = event.value
        self.show_view()

    def on_line_list_highlighted(self, event: ScorecardTable.Highlighted) -> None:
        line = self.query_one(ScorecardTable).current
        self.query_one("#scorecard-detail", Static).update(self._detail(line) if line is not None else "")

    def on_line_list_selected(self, event: ScorecardTable.Selected) -> None:
        event.stop()
        self.action_open_target()

    def on_key(self, event: events.Key) -> None:
        """Typing in the table goes to the filter (Chinese included).

        The filter box handles the printable keys sent to it, so one that reaches the screen was typed
        elsewhere — also when the focus moved to the box after the key was sent to the table: keys
        typed in one burst are all queued for the table before the first of them moves the focus.
        """
        if event.is_printable and event.character and event.key not in self.active_bindings:
            event.stop()
            event.prevent_default()
            box = self.query_one(ScorecardFilter)
            box.focus()
            box.insert_text_at_cursor(event.character)

    def on_paste(self, event: events.Paste) -> None:
        box = self.query_one(ScorecardFilter)
        if self.focused is not box:
            self.set_focus(box)  # at once (focus() waits a turn, and the next key would miss the box)
            box.insert_text_at_cursor(" ".join(event.text.split()))

    # -- the sentences behind a row -------------------------------------------------------------

    def _sentence(self, rowid: int | None, start: int | None, end: int | None) -> str:
        """The sentence of the item at this span of a post, read from the index."""
        if rowid is None:
            return ""
        try:
            items = self.session.index.items(rowid)
        except StoreError:
            return ""
        return next((item.sentence for item in items if (item.start, item.end) == (start, end)), "")

    def _day(self, rowid: int | None) -> str:
        """A post's day (2024-01-20), or "undated"."""
        try:
            post = self.session.index.get(rowid) if rowid is not None else None
        except StoreError:
            post = None
        return post.date[:10] if post is not None and post.date else "undated"

    def _detail(self, line: ScoreLine) -> Text:
        """Three lines on the highlighted row: the target's sentence, the result's (or why there is none),
        the verdict with any later reports."""
        target = Text.assemble(("target ", "bold"), (f"{self._day(line.target_post)} ", "dim"),
                               sanitize(self._sentence(line.target_post, line.target_start, line.target_end)))
        if line.result_post is not None:
            told = line.statement or self._sentence(line.result_post, line.result_start, line.result_end)
            result = Text.assemble(("result ", "bold"), (f"{self._day(line.result_post)} ", "dim"),
                                   ("in words: " if line.statement else "", "dim"), sanitize(told))
        else:
            result = Text.assemble(("result ", "bold"), (line.note or "none", "dim italic"))
        revisions = ", ".join(f"{r.text} ({r.date[:10] if r.date else 'undated'})" for r in line.revision_list())
        verdict = Text.assemble((verdict_text(line), "bold"),
                                (f"  later reports: {sanitize(revisions)}" if revisions else "", "dim"),
                                (f" — {line.note}" if line.note and line.result_post is not None else "", "dim"))
        out = Text("\n").join([target, result, verdict])
        out.no_wrap, out.overflow = True, "ellipsis"
        return out

    # -- actions ----------------------------------------------------------------------------------

    def action_sort(self, key: str) -> None:
        """Sort by a column; the same key again reverses the order."""
        self.reverse = not self.reverse if key == self.sort_key else False
        self.sort_key = key
        self._draw_header()
        self.show_view()

    def action_focus_filter(self) -> None:
        """Type into the filter."""
        self.query_one(ScorecardFilter).focus()

    def action_focus_table(self) -> None:
        """Back from the filter to the table."""
        self.query_one(ScorecardTable).focus()

    def action_clear_filter(self) -> None:
        """Clear the filter and go back to the table."""
        self.query_one(ScorecardFilter).value = ""
        self.query_one(ScorecardTable).focus()

    def action_open_target(self) -> None:
        """Open the post that sets the highlighted target, at its sentence."""
        line = self.query_one(ScorecardTable).current
        if line is not None:
            sentence = self._sentence(line.target_post, line.target_start, line.target_end)
            self._open(line.target_post, Target(line.target_text, line.target_start, line.target_end, sentence,
                                                "target"))

    def action_open_result(self) -> None:
        """Open the post that reports the highlighted result, at its sentence."""
        line = self.query_one(ScorecardTable).current
        if line is None:
            return
        if line.result_post is None or line.result_start is None or line.result_end is None:
            self.notify("No result in the archive yet.", markup=False)
            return
        if line.statement is not None:  # told in words: the sentence is the span
            span = Target(line.statement, line.result_start, line.result_end, line.statement, "achieved")
        else:
            sentence = self._sentence(line.result_post, line.result_start, line.result_end)
            span = Target(line.result_text or "", line.result_start, line.result_end, sentence, "achieved")
        self._open(line.result_post, span)

    def _open(self, rowid: int | None, span: Target) -> None:
        post = self.session.index.get(rowid) if rowid is not None else None
        if post is None:
            self.notify("That post is no longer in the archive.", markup=False)
            return
        self.dismiss((post, span))

    def action_chart(self) -> None:
        """Chart the highlighted row's entity and metric across the years."""
        line = self.query_one(ScorecardTable).current
        if line is None or self.cache is None:
            return
        from newsreader.tui.screens.scorecard_chart import ChartScreen

        self.app.push_screen(ChartScreen(self.cache.series(line)))

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(None)
