"""The status line above the footer: what the index is doing, with a progress bar while it refreshes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class StatusBar(Horizontal):
    """Shown while the index refreshes; hidden otherwise."""

    def compose(self) -> ComposeResult:
        yield Label(id="status-text")
        yield ProgressBar(total=None, show_eta=False, id="status-progress")

    def start(self, message: str) -> None:
        """Show the bar with an indeterminate progress."""
        self.query_one(Label).update(Text(message))
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.display = True

    def progress(self, done: int, total: int, message: str) -> None:
        """Show how far the refresh is."""
        self.query_one(Label).update(Text(message))
        self.query_one(ProgressBar).update(total=total or None, progress=done)
        self.display = True

    def stop(self) -> None:
        """Hide the bar."""
        self.display = False
