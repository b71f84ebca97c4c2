"""One entity's metric across the years (`C` in the scorecard): the chart, and its rows in words."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from newsreader.render import sanitize
from newsreader.scorecard.cache import ScoreLine
from newsreader.scorecard.fields import verdict_text
from newsreader.tui.widgets.scorecard_table import (
    VERDICT_STYLES,
    VERDICT_SYMBOLS,
    result_label,
)
from newsreader.tui.widgets.trend_chart import TrendChart, legend, point_of


def yearly(lines: list[ScoreLine]) -> list[ScoreLine]:
    """One row a year for the chart: single years only, the first target stated for each."""
    first: dict[int, ScoreLine] = {}
    for line in lines:
        if line.first == line.last:
            first.setdefault(line.last, line)
    return [first[year] for year in sorted(first)]


class ChartScreen(Screen[None]):
    """The chart of one entity's metric, with every row of it listed underneath."""

    CSS_PATH = "scorecard.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,C", "app.pop_screen", "Back", tooltip="Back to the scorecard", id="close_chart"),
    ]

    def __init__(self, lines: list[ScoreLine]) -> None:
        """`lines`: the rows of one entity, metric and unit, oldest first (`ScorecardCache.series`)."""
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        chosen = self.lines[0]
        annual = yearly(self.lines)
        years = f"{annual[0].last}–{annual[-1].last}" if annual else "no single year"
        title = f"{sanitize(chosen.entity)} · {chosen.metric_name} · {sanitize(chosen.unit or '')} · {years}"
        yield Static(Text(title, style="bold", no_wrap=True, overflow="ellipsis"), id="chart-title")
        yield TrendChart([point_of(line) for line in annual], chosen.unit, id="chart")
        yield Static(legend(), id="chart-legend")
        yield Static(rows_text(self.lines), id="chart-rows")
        yield Footer()


def rows_text(lines: list[ScoreLine]) -> Text:
    """Each row in words: 2023  6.5%左右 → 6.3%  ✓ met."""
    out = []
    for line in lines:
        look = VERDICT_STYLES[line.verdict]
        out.append(Text.assemble(f"{line.years:<9} ", (sanitize(line.target_text), "bold"), " → ",
                                 sanitize(result_label(line)), "  ", (VERDICT_SYMBOLS[line.verdict], look), " ",
                                 (verdict_text(line), look)))
    text = Text("\n").join(out)
    text.no_wrap, text.overflow = True, "ellipsis"
    return text
