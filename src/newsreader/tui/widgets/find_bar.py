"""The find box under the article (`f`): finds text in the open article only, as you type; n/N move."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class FindBar(Input):
    """Text to find in the open article (unlike the search, it does not change the list)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close find", id="close_find", tooltip="Stop finding: the marks go away"),
    ]

    class Closed(Message):
        """The user closed the find box."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="find in this article (enter: to the first match; n/N: next/previous)",
                         id=id, select_on_focus=True)

    def action_close(self) -> None:
        """Close the find box and clear its marks."""
        self.post_message(self.Closed())
