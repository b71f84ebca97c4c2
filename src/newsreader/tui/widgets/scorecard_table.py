"""The scorecard table: one row per target (entity · metric · year · target · result · verdict).

Verdicts show by a symbol and a colour both, and by their word, so they read in 16 colours,
on the Linux console and with NO_COLOR (which keeps bold, underline and dim): ✓ met,
✓+ exceeded, ✗ missed (white on red), ? no figure, ⋯ pending. The symbols are one cell wide in every terminal (no
ambiguous-width characters).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.message import Message

from newsreader.render import sanitize
from newsreader.scorecard import EXCEEDED, MET, MISSED, NO_FIGURE, PENDING
from newsreader.scorecard.cache import ScorecardCache, ScoreLine
from newsreader.scorecard.fields import verdict_short
from newsreader.tui import styles
from newsreader.tui.widgets.line_list import LineList

FETCH = 200  # rows fetched at once around a missing one
VERDICT_SYMBOLS = {MET: "✓ ", EXCEEDED: "✓+", MISSED: "✗ ", NO_FIGURE: "? ", PENDING: "⋯ "}
# Bright colours: NO_COLOR turns colours into greys by their brightness, and red text on a dark
# background would all but vanish there, so a miss is white on red (white on grey without colour).
VERDICT_STYLES = {
    MET: Style(color="bright_green", bold=True),
    EXCEEDED: Style(color="bright_cyan", bold=True),
    MISSED: Style(color="bright_white", bgcolor="red", bold=True),
    NO_FIGURE: Style(color="bright_magenta", italic=True),
    PENDING: Style(dim=True, italic=True),
}


def result_label(line: ScoreLine) -> str:
    """The result as written, "(in words)" for a result without a figure, else "-"."""
    if line.result_text is not None:
        return line.result_text
    return "(in words)" if line.statement is not None else "-"


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its key (also the sort key), title, text, minimum width and share of spare room."""

    key: str
    title: str
    text: Callable[[ScoreLine], str]
    min_width: int
    flex: int = 0


COLUMNS = (
    Column("verdict_symbol", "", lambda line: VERDICT_SYMBOLS[line.verdict], 2),
    Column("entity", "entity", lambda line: line.entity, 8, 1),
    Column("metric", "metric", lambda line: line.metric_name, 10, 1),
    Column("year", "year", lambda line: line.years, 9),
    Column("target", "target", lambda line: line.target_text, 11, 1),
    Column("result", "result", result_label, 10, 1),
    Column("verdict", "verdict", verdict_short, 13, 2),
)
GAP = 1


def fit_columns(width: int) -> list[tuple[Column, int]]:
    """Every column with its width in `width` cells: minimum widths, the spare room shared by flex."""
    used = sum(c.min_width for c in COLUMNS) + GAP * (len(COLUMNS) - 1)
    spare = max(0, width - used)
    flex = sum(c.flex for c in COLUMNS)
    widths = [c.min_width + spare * c.flex // flex for c in COLUMNS]
    widths[-1] += spare - sum(spare * c.flex // flex for c in COLUMNS)
    return list(zip(COLUMNS, widths))


class ScorecardTable(LineList):
    """The rows of the kept scorecard the screen asks for; only their rids are held, the rows on
    screen are fetched in batches (100,000 rows cost what a screenful costs)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Target's post", tooltip="Open the post that sets the target, at its sentence",
                id="open_target"),
    ]

    class Resized(Message):
        """The table's width changed: the column titles must be fitted again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cache: ScorecardCache | None = None
        self.rids: list[int] = []
        self._lines: LRUCache[int, ScoreLine] = LRUCache(4 * FETCH)

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())

    def show(self, cache: ScorecardCache, rids: list[int], cursor: int = 0) -> None:
        """Show these rows of the kept scorecard (rids, in order) with the cursor on row `cursor`."""
        self.cache = cache
        self.rids = rids
        self.set_count(len(rids), cursor)

    def clear_cache(self) -> None:
        self._lines.clear()

    def line_at(self, index: int) -> ScoreLine | None:
        """The row at `index` (fetched with its neighbours when not cached)."""
        if self.cache is None or not 0 <= index < len(self.rids):
            return None
        rid = self.rids[index]
        line = self._lines.get(rid)
        if line is None:
            start = max(0, index - FETCH // 4)
            for fetched in self.cache.lines(self.rids[start:start + FETCH]):
                self._lines.set(fetched.rid, fetched)
            line = self._lines.get(rid)
        return line

    @property
    def current(self) -> ScoreLine | None:
        """The row under the cursor."""
        return self.line_at(self.cursor) if self.count else None

    def header(self, width: int, sort_key: str, reverse: bool) -> Text:
        """The column titles for `width` cells, the sorted column marked."""
        return styles.column_header(fit_columns(width), sort_key, reverse, GAP)

    def render_row(self, index: int, width: int, style: Style) -> Text:
        line = self.line_at(index)
        out = Text(no_wrap=True, end="")
        if line is None:  # replaced while drawn: the next view redraws it
            return out
        look = VERDICT_STYLES[line.verdict]
        for i, (column, cells) in enumerate(fit_columns(width)):
            if i:
                out.append(" " * GAP)
            cell = styles.fit(sanitize(column.text(line)), cells)
            out.append(cell, look if column.key in ("verdict_symbol", "verdict") else "")
        return out
