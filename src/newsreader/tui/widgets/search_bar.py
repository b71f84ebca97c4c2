"""The search box above the list: results follow the typing; enter keeps them, escape drops them."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """Any substring of titles and bodies: Chinese of any length, English case-insensitively."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close search", tooltip="Close the search and show every post again"),
        Binding("down", "accept", "To results", show=False),
    ]

    class Cancelled(Message):
        """The user backed out of the search."""

    class Accepted(Message):
        """The user went from the search box to the results."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search titles and text (any part of a word: 吕梁, 6.8%, GDP)", id=id,
                         select_on_focus=False)

    def action_cancel(self) -> None:
        """Close the search box and clear the search."""
        self.post_message(self.Cancelled())

    def action_accept(self) -> None:
        """Keep the results and move to the list."""
        self.post_message(self.Accepted())
