"""Helpers shared by the reader's tests: building the app on a copy of the samples, waiting for workers."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from newsreader.store.index import PostRow
from newsreader.tui.app import ReaderApp
from newsreader.tui.screens.reader import ReaderScreen

SAMPLES = Path(__file__).resolve().parents[1] / "sample_posts"


def make_app(site: Path) -> ReaderApp:
    """The reader on `site`, with the cache and data folders of the test (set by conftest)."""
    return ReaderApp([str(site)])


async def settle(app: ReaderApp, pilot: Pilot) -> None:
    """Wait until no worker runs and every message they posted has been handled."""
    for _ in range(50):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive worker replaced by a newer one: wait for that one
            continue
        await pilot.pause()
        if all(worker.is_finished for worker in app.workers):
            await pilot.pause()
            if all(worker.is_finished for worker in app.workers):
                return
    raise AssertionError("workers kept starting")


async def type_burst(app: ReaderApp, pilot: Pilot, text: str, box_class, monkeypatch) -> None:
    """Type `text` as a terminal delivers it: every key queued at once, with the focus moving to a
    `box_class` box at once (focus() takes effect a turn later; the scheduler may run it first)."""
    from textual import events

    monkeypatch.setattr(box_class, "focus", lambda self, scroll_visible=True: self.screen.set_focus(self))
    for char in text:
        app.post_message(events.Key("space" if char == " " else char, char))
    await settle(app, pilot)


def app_before_items(tmp_path: Path) -> tuple[ReaderApp, Path, int]:
    """A reader on a copy of the samples whose cache lists every post but holds no numeric items yet
    (the first pass of a cold index done, the second not): (app, site, posts)."""
    import os
    import shutil

    from newsreader.store.index import Index

    site = tmp_path / "site"
    shutil.copytree(Path(__file__).resolve().parents[1] / "sample_posts", site)
    index = Index([str(site)], Path(os.environ["NEWSREADER_CACHE_DIR"]))
    total = index.refresh(items=False).indexed
    index.close()
    return ReaderApp([str(site)], refresh_on_start=False), site, total


def reader(app: ReaderApp) -> ReaderScreen:
    """The main screen."""
    return app.reader


def all_rows(app: ReaderApp) -> list[PostRow]:
    """Every row of the list, in order."""
    posts = reader(app).posts
    return [posts.row_at(i) for i in range(posts.count)]


def row_text(app: ReaderApp, index: int, width: int = 80) -> str:
    """The plain text the list draws for one row."""
    from rich.style import Style

    return reader(app).posts.render_row(index, width, Style()).plain


async def open_row(app: ReaderApp, pilot: Pilot, index: int) -> None:
    """Move the list's cursor to row `index` and open it with enter."""
    screen = reader(app)
    screen.posts.focus()
    await pilot.pause()
    screen.posts.cursor = index
    await pilot.press("enter")
    await settle(app, pilot)


def index_where(app: ReaderApp, predicate) -> int:
    """The first row of the list whose post satisfies `predicate`."""
    for i, row in enumerate(all_rows(app)):
        if predicate(row):
            return i
    raise AssertionError("no such post in the samples")


def said(messages: list) -> list[str]:
    """The notifications among messages recorded with `run_test(message_hook=messages.append)`: title and text."""
    from textual.notifications import Notify

    return [f"{m.notification.title}: {m.notification.message}" for m in messages if isinstance(m, Notify)]


def visible_strips(widget) -> list:
    """What a widget draws (its border and content), line by line, as segments with their styles."""
    from textual.geometry import Region

    width, height = widget.outer_size  # padding included: the content is drawn inside it
    return widget.render_lines(Region(0, 0, width, height))


def visible_lines(widget) -> list[str]:
    """The text a widget draws, line by line (as the terminal would show it)."""
    return [strip.text for strip in visible_strips(widget)]


def screen_strips(app) -> list:
    """What every widget on the screen draws: the lines the terminal is sent, widget by widget."""
    return [strip for widget in app.screen.query("*") if widget.region.area for strip in visible_strips(widget)]
