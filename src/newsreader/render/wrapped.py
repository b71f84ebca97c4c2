"""A Rich renderable that breaks its text with the project's line breaker at whatever width it is drawn.

Rich and Textual wrap only at spaces; a panel or dialog showing post text (the `T` preview,
the targets panel, the links dialog) draws it through `Wrapped` so that its lines follow the
same Chinese rules as the article: numbers whole, no line starting with `，` or `。`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.measure import Measurement
from rich.text import Text

from .display import cut_text
from .linebreak import widest_unbreakable, wrap_cells

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions


class Wrapped:
    """`text` (a Rich Text, never markup) in lines of at most the width given; later lines indented by `indent`."""

    def __init__(self, text: Text, indent: int = 0) -> None:
        self.text = text
        self.indent = indent

    def lines(self, width: int) -> list[Text]:
        """The text's lines at `width` cells."""
        room = max(1, width - self.indent)
        pieces = cut_text(self.text, wrap_cells(self.text.plain, room))
        return [piece if k == 0 else Text(" " * self.indent, end="") + piece for k, piece in enumerate(pieces)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        for line in self.lines(options.max_width):
            line.no_wrap = True
            line.end = "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(widest, widest_unbreakable(self.text.plain) + self.indent), widest + self.indent)
