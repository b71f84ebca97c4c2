"""Helpers shared by the reader's tests: building the app on a copy of the samples, waiting for workers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from newsreader.store.index import Index, PostRow
from newsreader.tui.app import ReaderApp
from newsreader.tui.screens.reader import ReaderScreen


SAMPLES = Path(__file__).resolve().parents[1] / "sample_posts"


@pytest.fixture(scope="session")
def _sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding the index of the samples, built once per test session."""
    folder = tmp_path_factory.mktemp("sample-index")
    index = Index([str(SAMPLES)], folder)
    index.refresh()
    index.close()
    return folder


@pytest.fixture
def archive(_sample_index: Path) -> Path:
    """The bundled samples with their index already in this test's cache folder (a warm start)."""
    target = Path(os.environ["NEWSREADER_CACHE_DIR"])
    for file in _sample_index.iterdir():
        shutil.copy2(file, target / file.name)
    return SAMPLES


@pytest.fixture
def site(samples: Path, tmp_path: Path) -> Path:
    """A private copy of the sample site (tests may add or change posts in it)."""
    target = tmp_path / "site"
    shutil.copytree(samples, target)
    return target


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
