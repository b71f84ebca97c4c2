"""A chart of one entity's metric across the years: the target (a band, a line, a floor or a cap)
against the result, drawn in character cells.

Each year is a column. The target shows as a band of ░ (a range, or 左右 with its tolerance),
a line of - (a plain figure), ^ (a floor: at least) or v (a cap: at most); the result as ##,
coloured by its verdict. Only one-cell characters are used, so the columns stay aligned in
terminals that draw ambiguous-width symbols wide, and the shapes read without colour.

Written for this project rather than taken from a plotting library: the plot needs bands, bound
markers and per-year verdict colours at a few columns per year, which a line-plot library does
not draw (see the README, "How it is built").
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from newsreader.scorecard.cache import ScoreLine
from newsreader.scorecard.fields import format_amount
from newsreader.scorecard.verdict import RATE_UNITS, tolerance
from newsreader.tui.widgets.scorecard_table import VERDICT_STYLES

BAND, LINE, FLOOR, CAP, RESULT = "░", "-", "^", "v", "#"
BAND_STYLE = Style(color="yellow")
MARK_STYLE = Style(color="yellow", bold=True)
AXIS_STYLE = Style(dim=True)
MIN_COLUMN, MAX_COLUMN = 4, 8  # cells a year takes


@dataclass(frozen=True, slots=True)
class Point:
    """One year of the chart: the target's shape and span, and the result with its verdict."""

    year: int
    shape: str  # BAND, LINE, FLOOR or CAP
    low: float
    high: float
    value: float
    result: float | None
    verdict: str


def point_of(line: ScoreLine) -> Point:
    """A row as the chart draws it (values in the target's unit and direction)."""
    shapes = {"range": BAND, "about": BAND, "point": LINE, "floor": FLOOR, "cap": CAP}
    low, high = line.target_low, line.target_high
    if line.bound == "about":
        spread = tolerance(line.target_value, line.unit)
        low, high = line.target_value - spread, line.target_value + spread
    return Point(line.last, shapes[line.bound], low, high, line.target_value, line.result_value, line.verdict)


def value_label(value: float, unit: str | None) -> str:
    """A y-axis label: 6.5%, 1900万吨."""
    if unit in RATE_UNITS:
        return f"{round(value, 2):g}{unit}"
    return f"{format_amount(value)}{unit or ''}"


class TrendChart(Widget):
    """The chart; `points` are one per year, oldest first."""

    DEFAULT_CSS = """
    TrendChart { height: 1fr; min-height: 6; }
    """

    def __init__(self, points: list[Point], unit: str | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points = points
        self.unit = unit

    def render(self) -> RenderableType:
        return Text("\n", no_wrap=True).join(self.lines(self.size.width, self.size.height))

    def lines(self, width: int, height: int) -> list[Text]:
        """The chart in `height` lines of `width` cells: the plot, then a line of years."""
        if not self.points or width < 12 or height < 3:
            return [Text("no year to chart", style=AXIS_STYLE)]
        rows = height - 1
        low, high = self._span()
        labels = {0: value_label(high, self.unit), rows - 1: value_label(low, self.unit)}
        if rows >= 5:
            labels[(rows - 1) // 2] = value_label(high - (high - low) * ((rows - 1) // 2) / (rows - 1), self.unit)
        label_width = max(len(label) for label in labels.values()) + 1
        years = list(range(self.points[0].year, self.points[-1].year + 1))
        column = max(MIN_COLUMN, min(MAX_COLUMN, (width - label_width - 1) // len(years)))
        shown = years[-max(1, (width - label_width - 1) // column):]  # the latest years that fit
        by_year = {point.year: point for point in self.points}

        def row_of(value: float) -> int:
            return round((high - value) / (high - low) * (rows - 1)) if high > low else rows // 2

        grid: list[list[tuple[str, Style | None]]] = [[(" ", None)] * (len(shown) * column) for _ in range(rows)]
        for index, year in enumerate(shown):
            point = by_year.get(year)
            if point is not None:
                self._draw(grid, index * column, column - 1, point, row_of)
        out = []
        for line_number, cells in enumerate(grid):
            text = Text(labels.get(line_number, "").rjust(label_width - 1) + " |", style=AXIS_STYLE, no_wrap=True)
            for char, style in cells:
                text.append(char, style or "")
            out.append(text)
        axis = Text(" " * (label_width + 1), no_wrap=True)
        for year in shown:
            name = str(year) if column - 1 >= 4 else f"'{year % 100:02d}"
            axis.append(name.center(column - 1)[: column - 1] + " ", AXIS_STYLE)
        out.append(axis)
        return out

    def _span(self) -> tuple[float, float]:
        """The values the plot covers, a little wider than every target and result."""
        values = [v for p in self.points for v in (p.low, p.high, p.result) if v is not None]
        low, high = min(values), max(values)
        pad = (high - low) * 0.1 or max(abs(high) * 0.1, 1.0)
        return low - pad, high + pad

    @staticmethod
    def _draw(grid, left: int, cells: int, point: Point, row_of) -> None:
        top, bottom = row_of(point.high), row_of(point.low)
        if point.shape == BAND:
            for line in range(top, bottom + 1):
                grid[line][left:left + cells] = [(BAND, BAND_STYLE)] * cells
        else:
            grid[row_of(point.value)][left:left + cells] = [(point.shape, MARK_STYLE)] * cells
        if point.result is not None:
            grid[row_of(point.result)][left:left + cells] = [(RESULT, VERDICT_STYLES[point.verdict])] * cells


def legend() -> Text:
    """What each mark means."""
    return Text.assemble((RESULT * 2, "bold"), " result (✓ met ✓+ exceeded ✗ missed)  ", (BAND * 2, BAND_STYLE),
                         " target ± tolerance or range  ", (LINE * 2, MARK_STYLE), " target  ",
                         (FLOOR * 2, MARK_STYLE), " at least  ", (CAP * 2, MARK_STYLE), " at most")
