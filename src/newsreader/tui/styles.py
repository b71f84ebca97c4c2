"""The styles the reader lays over post text, and small helpers to fit text into cells.

Highlights differ by attribute as well as colour, so that they stay distinct in 16-colour
terminals, on the Linux console and with NO_COLOR (which strips colours but keeps
bold, italic, underline and reverse).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

from newsreader.render import Mark
from newsreader.store.search import find_spans
from newsreader.targets.model import Target

TARGET = Style(bold=True, underline=True, color="yellow")
ACHIEVED = Style(italic=True, underline=True, color="cyan")
SEARCH_HIT = Style(reverse=True)
SELECTED = Style(reverse=True, bold=True, color="magenta")
UNREAD_MARK = Style(bold=True, color="green")
STAR_MARK = Style(bold=True, color="yellow")

OPEN_MARK = Style(bold=True)

UNREAD_FLAG = "N"  # ASCII on purpose: symbols like ● are drawn two cells wide by many CJK terminals
STAR_FLAG = "*"
OPEN_FLAG = ">"


def item_style(item: Target) -> Style:
    """How an item shows in the article: targets and achieved figures differ."""
    return TARGET if item.kind == "target" else ACHIEVED


def article_marks(items: Sequence[Target], hits: Iterable[tuple[int, int]],
                  selected: tuple[int, int] | None) -> list[Mark]:
    """Marks for an article: every item, then search hits, then the selected span on top."""
    marks = [Mark(t.start, t.end, item_style(t)) for t in items if 0 <= t.start < t.end]
    marks += [Mark(s, e, SEARCH_HIT) for s, e in hits]
    if selected is not None:
        marks.append(Mark(selected[0], selected[1], SELECTED))
    return marks


def count(n: int, one: str, many: str | None = None) -> str:
    """`1 post`, `1,439 posts`, `2 matches`."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def fit(text: str, width: int) -> str:
    """`text` cut (with an ellipsis right after the last character kept) or padded to exactly `width` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        # set_cell_size pads with a space where a wide character does not fit: the … goes before that
        kept = set_cell_size(text, width - 1).rstrip()
        return set_cell_size(kept + "…", width)
    return set_cell_size(text, width)


def highlighted(text: str, query: str | None, style: Style | str = "", hit: Style = SEARCH_HIT) -> Text:
    """`text` as Rich Text (never markup) with the query's matches styled."""
    out = Text(text, style=style, no_wrap=True, end="")
    if query:
        for start, end in find_spans(text, query):
            out.stylize(hit, start, end)
    return out


class TitledColumn(Protocol):
    """A table column as its header needs it."""

    @property
    def key(self) -> str: ...

    @property
    def title(self) -> str: ...


def column_header(fitted: Iterable[tuple[TitledColumn, int]], sort_key: str, reverse: bool, gap: int = 1) -> Text:
    """The column titles fitted to their cells, the sorted column marked ↑ or ↓."""
    out = Text(no_wrap=True, end="")
    for i, (column, cells) in enumerate(fitted):
        title = column.title + ((" ↓" if reverse else " ↑") if column.key == sort_key else "")
        out.append((" " * gap if i else "") + fit(title, cells), "bold")
    return out
