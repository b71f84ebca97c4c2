"""The refresh bar above the footer: refreshes the index in a thread, with a progress bar meanwhile.

It is hidden while idle. When a refresh ends it posts `RefreshBar.Finished` with the summary
(or the error), and the screen reloads what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Label, ProgressBar
from textual.worker import get_current_worker

from newsreader.store.index import RefreshSummary

if TYPE_CHECKING:
    from newsreader.tui.session import Session


class RefreshCancelled(Exception):
    """Raised from the progress callback to stop a refresh when the reader closes."""


class RefreshBar(Horizontal):
    """Runs `Index.refresh` off the event loop and shows how far it is."""

    class Finished(Message):
        """A refresh ended: `summary` when it worked, else `error`."""

        def __init__(self, summary: RefreshSummary | None, error: Exception | None) -> None:
            super().__init__()
            self.summary = summary
            self.error = error

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.running = False

    def compose(self) -> ComposeResult:
        yield Label(id="refresh-text")
        yield ProgressBar(total=None, show_eta=False, id="refresh-progress")

    def on_mount(self) -> None:
        self.display = False

    def start(self) -> bool:
        """Start a refresh; False when one is already running."""
        if self.running:
            return False
        self.running = True
        self.query_one(Label).update(Text("refreshing the index…"))
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.display = True
        self._refresh()
        return True

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh", description="refreshing the index")
    def _refresh(self) -> None:
        summary: RefreshSummary | None = None
        error: Exception | None = None
        try:
            summary = self.session.index.refresh(progress=self._progress_from_thread)
        except RefreshCancelled:
            return  # the reader is closing: what was written stays, the next refresh goes on
        except Exception as exc:  # noqa: BLE001 - StoreError, SourceError, OSError...: reported, not fatal
            error = exc
        self.app.call_from_thread(self._finished, summary, error)

    def _progress_from_thread(self, done: int, total: int) -> None:
        if get_current_worker().is_cancelled or not self.app.is_running:
            raise RefreshCancelled  # stops the refresh between two batches
        self.app.call_from_thread(self._progress, done, total)

    def _progress(self, done: int, total: int) -> None:
        self.query_one(Label).update(Text(f"indexing {done:,}/{total:,} changed posts"))
        self.query_one(ProgressBar).update(total=total or None, progress=done)

    def _finished(self, summary: RefreshSummary | None, error: Exception | None) -> None:
        self.running = False
        self.display = False
        self.post_message(self.Finished(summary, error))
