"""The search box above the list: results follow the typing; up/down walk the searches made before."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from newsreader.tui.history import QueryHistory


class SearchBar(Input):
    """Any substring of titles and bodies: Chinese of any length, English case-insensitively."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close search", id="close_search",
                tooltip="Close the search and show every post again (/ brings it back)"),
        Binding("up", "older", "Earlier search", show=False, id="earlier_search"),
        Binding("down", "newer", "Later search, or to the results", show=False, id="later_search"),
    ]

    class Cancelled(Message):
        """The user backed out of the search."""

    class Accepted(Message):
        """The user went from the search box to the results."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search titles and text (any part of a word: 吕梁, 6.8%, GDP)", id=id,
                         select_on_focus=False)
        self.history = QueryHistory()

    def action_cancel(self) -> None:
        """Close the search box and clear the search."""
        self.post_message(self.Cancelled())

    def action_older(self) -> None:
        """Show the search made before this one."""
        query = self.history.older(self.value)
        if query is not None:
            self._show(query)

    def action_newer(self) -> None:
        """Show the search made after this one; when not walking the history, go to the results."""
        query = self.history.newer()
        if query is None:
            self.post_message(self.Accepted())
        else:
            self._show(query)

    def _show(self, query: str) -> None:
        self.value = query
        self.cursor_position = len(query)
