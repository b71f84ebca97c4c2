"""The reader application: `newsreader [PATH...]` opens it; `run` is what the CLI calls."""

from __future__ import annotations

import os
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

from newsreader.tui.screens.reader import ReaderScreen
from newsreader.tui.session import Session

FEW_COLOURS = ("standard", "windows")  # Rich's colour systems of 8/16-colour terminals


class ReaderApp(App[None]):
    """A terminal reader for news archives kept as Jekyll, Hexo or Hugo sites."""

    TITLE = "newsreader"
    CSS_PATH = "app.tcss"

    def __init__(self, sources: list[str], cache_dir: str | None = None, data_dir: str | None = None,
                 drafts: bool = False, *, refresh_on_start: bool = True, theme: str | None = None) -> None:
        super().__init__()
        self.session = Session(sources, cache_dir=cache_dir, data_dir=data_dir, drafts=drafts)
        self.refresh_on_start = refresh_on_start
        if theme:
            self.theme = theme

    def get_default_screen(self) -> Screen:
        return ReaderScreen(self.session)

    @property
    def reader(self) -> ReaderScreen:
        """The main screen."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ReaderScreen)
        return screen

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            for title, help_text, callback in screen.commands():
                yield SystemCommand(title, help_text, callback)

    def on_unmount(self) -> None:
        self.session.close()


def default_theme() -> str | None:
    """The ANSI theme for terminals with 16 colours or fewer (their own palette reads better), else None."""
    from rich.console import Console

    system = Console(force_terminal=True).color_system  # from TERM and COLORTERM, as Textual reads them
    return "ansi-dark" if system is None or system in FEW_COLOURS else None


def _start_process_helpers() -> None:
    """Start multiprocessing's resource tracker while stderr is still the terminal's.

    A cold refresh analyses posts in a process pool, whose first use starts the tracker
    with `sys.stderr.fileno()`; inside the app that is Textual's capture (fileno -1) and
    the pool would fail with "bad value(s) in fds_to_keep".
    """
    from multiprocessing import resource_tracker

    try:
        resource_tracker.ensure_running()
    except OSError:
        pass  # no pool then: the index falls back to analysing in-process only if told to


def run(sources: list[str], cache_dir: str | None = None, data_dir: str | None = None, drafts: bool = False) -> int:
    """Run the reader on these sources until the user quits; returns the exit status.

    A missing source raises SourceError before the terminal is taken over, so the CLI can
    say so in one line.
    """
    from newsreader.corpus import SourceError

    for source in sources:
        if not os.path.lexists(os.path.expanduser(source)):
            raise SourceError(f"{source}: no such file or folder")
    _start_process_helpers()
    app = ReaderApp(sources, cache_dir=cache_dir, data_dir=data_dir, drafts=drafts, theme=default_theme())
    app.run()
    return app.return_code or 0
