"""The refresh bar above the footer: refreshes the index in a thread, with a progress bar meanwhile.

It is hidden while idle. A refresh has two passes: when every post is listed and searchable it
posts `RefreshBar.Finished` with the summary (or the error), and the screen reloads what changed;
then it extracts the numeric items of the posts that lack them, and posts `ItemsExtracted`.
"""

from __future__ import annotations

import sys
from functools import partial
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
        """A refresh's first pass ended (every post listed and searchable): `summary` when it
        worked, else `error`. The numeric items follow (`ItemsExtracted`)."""

        def __init__(self, summary: RefreshSummary | None, error: Exception | None) -> None:
            super().__init__()
            self.summary = summary
            self.error = error

    class ItemsExtracted(Message):
        """The second pass ended: `summary.extracted` posts got their numeric items (its warnings
        say when a damaged cache was rebuilt on the way), or `error`."""

        def __init__(self, summary: RefreshSummary | None, error: Exception | None) -> None:
            super().__init__()
            self.summary = summary
            self.error = error

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.running = False
        self.display = False  # hidden while idle, from the start

    def compose(self) -> ComposeResult:
        yield Label(id="refresh-text")
        yield ProgressBar(total=None, show_eta=False, id="refresh-progress")

    def start(self) -> bool:
        """Start a refresh; False when one is already running."""
        if self.running:
            return False
        self.running = True
        start_process_helpers()
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
            try:
                summary = self.session.index.refresh(progress=partial(self._progress_from_thread, "indexing {} changed posts"),
                                                     items=False)
            except Exception as exc:  # noqa: BLE001 - StoreError, SourceError, OSError...: reported, not fatal
                error = exc
            self.app.call_from_thread(self.post_message, self.Finished(summary, error))
            if error is not None:
                summary = None
            else:
                summary = self.session.index.extract_items(
                    progress=partial(self._progress_from_thread, "extracting the numeric items of {} posts"))
        except RefreshCancelled:
            return  # the reader is closing: what was written stays, the next refresh goes on
        except Exception as exc:  # noqa: BLE001 - as above
            error = exc
        self.app.call_from_thread(self._finished, summary, error)

    def _progress_from_thread(self, what: str, done: int, total: int) -> None:
        if get_current_worker().is_cancelled or not self.app.is_running:
            raise RefreshCancelled  # stops the refresh between two batches
        self.app.call_from_thread(self._progress, what.format(f"{done:,}/{total:,}"), done, total)

    def _progress(self, what: str, done: int, total: int) -> None:
        self.query_one(Label).update(Text(what))
        self.query_one(ProgressBar).update(total=total or None, progress=done)

    def _finished(self, summary: RefreshSummary | None, error: Exception | None) -> None:
        self.running = False
        self.display = False
        self.post_message(self.ItemsExtracted(summary, error))


def start_process_helpers() -> None:
    """Start multiprocessing's resource tracker, which a cold refresh's process pool needs.

    The pool would start it on first use with `sys.stderr.fileno()`: inside the app that is
    Textual's capture (fileno -1), and the pool would fail with "bad value(s) in fds_to_keep".
    So it is started here, on the UI thread with the real stderr for the moment it takes, when
    the first refresh begins (after the first paint: a process start costs the start-up nothing).
    """
    from multiprocessing import resource_tracker

    captured, sys.stderr = sys.stderr, sys.__stderr__
    try:
        resource_tracker.ensure_running()
    except OSError:
        pass  # (the pool, when one is needed, says what failed)
    finally:
        sys.stderr = captured
